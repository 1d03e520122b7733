/* kam-store-sync.c — the store's side of sync: documents, change log, apply
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-store-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kam-store-private.h"
#include "kam-store-sync.h"

/* A deleted marker for deletions pulled from the server: they were not
 * made by a local kam_store_delete(), so no local undelete matches them. */
#define PULLED_DELETION_MARK (-1)

typedef struct {
  char *by_id;      /* kam_store_select_sql () WHERE id = ? (deleted too) */
  char *info;       /* dirty, deleted, rev, base, local_seq */
  char *dirty;      /* id, local_seq of dirty rows */
  char *set_sync;   /* rev, base, dirty */
  char *ack;        /* rev, base; clean when local_seq unchanged */
  char *delete;     /* a deletion pulled from the server */
} SyncSql;

static SyncSql *
sync_sql (const KamRecordKind *kind)
{
  static SyncSql *sqls;
  static gsize initialized;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  if (g_once_init_enter (&initialized))
    {
      sqls = g_new0 (SyncSql, n_kinds);
      for (guint k = 0; k < n_kinds; k++)
        {
          const char *t = kinds[k]->name;

          sqls[k].by_id = g_strdup_printf ("%s WHERE id = ?", kam_store_select_sql (kinds[k]));
          sqls[k].info = g_strdup_printf ("SELECT dirty, deleted, rev, base, local_seq FROM %s WHERE id = ?", t);
          sqls[k].dirty = g_strdup_printf ("SELECT id, local_seq FROM %s WHERE dirty = 1 ORDER BY local_seq", t);
          sqls[k].set_sync = g_strdup_printf ("UPDATE %s SET rev = ?2, base = ?3, dirty = ?4 WHERE id = ?1", t);
          sqls[k].ack = g_strdup_printf ("UPDATE %s SET rev = ?2, base = ?3, "
                                         "dirty = CASE WHEN local_seq = ?4 THEN 0 ELSE dirty END WHERE id = ?1", t);
          sqls[k].delete = g_strdup_printf ("UPDATE %s SET deleted = CASE WHEN deleted = 0 THEN ?2 ELSE deleted END, "
                                            "dirty = 0, rev = ?3, base = NULL WHERE id = ?1", t);
        }
      g_once_init_leave (&initialized, 1);
    }

  for (guint k = 0; k < n_kinds; k++)
    if (kinds[k] == kind)
      return &sqls[k];

  g_return_val_if_reached (NULL);
}

void
kam_store_sync_item_free (KamStoreSyncItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item);
}

/* Documents --------------------------------------------------------------- */

char *
kam_sync_doc_id (const KamRecordKind *kind,
                 const char          *id)
{
  return g_strconcat (kind->name, ":", id, NULL);
}

JsonObject *
kam_sync_doc_from_record (KamRecord *record)
{
  JsonObject *doc = kam_record_to_json (record);
  g_autofree char *doc_id = kam_sync_doc_id (kam_record_get_kind (record), kam_record_get_id (record));

  json_object_remove_member (doc, "id");
  json_object_set_string_member (doc, "_id", doc_id);
  return doc;
}

/* The kind and record id of a document, or NULL when its type is unknown. */
static const KamRecordKind *
doc_kind (JsonObject  *doc,
          const char **id)
{
  const char *doc_id = json_object_get_string_member_with_default (doc, "_id", NULL);
  const char *type = json_object_get_string_member_with_default (doc, "type", NULL);
  const KamRecordKind *kind;
  gsize len;

  if (doc_id == NULL || type == NULL)
    return NULL;
  kind = kam_record_kind_lookup (type);
  if (kind == NULL)
    return NULL;
  len = strlen (kind->name);
  if (strncmp (doc_id, kind->name, len) != 0 || doc_id[len] != ':' || doc_id[len + 1] == '\0')
    return NULL;
  *id = doc_id + len + 1;
  return kind;
}

KamRecord *
kam_sync_record_from_doc (JsonObject  *doc,
                          GError     **error)
{
  const KamRecordKind *kind;
  const char *id = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(KamRecord) record = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  kind = doc_kind (doc, &id);
  if (kind == NULL)
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                   _("The document %s is not of a known type"),
                   json_object_get_string_member_with_default (doc, "_id", "?"));
      return NULL;
    }

  /* CouchDB's own members (_rev, _conflicts, ...) are not data. */
  json_object_iter_init (&iter, doc);
  while (json_object_iter_next (&iter, &member, &node))
    if (member[0] != '_' && !g_str_equal (member, "id"))
      json_object_set_member (object, member, json_node_copy (node));
  json_object_set_string_member (object, "id", id);

  record = kam_record_new (kind);
  if (!kam_record_set_from_json (record, object, error))
    return NULL;
  return g_steal_pointer (&record);
}

static gboolean
skip_in_compare (const char *member)
{
  return g_str_equal (member, "_rev") || g_str_equal (member, "_conflicts")
         || g_str_equal (member, "_revisions") || g_str_equal (member, "updated_at");
}

static gboolean
node_equal (JsonNode *a,
            JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static gboolean
doc_deleted (JsonObject *doc)
{
  return doc != NULL && json_object_get_boolean_member_with_default (doc, "_deleted", FALSE);
}

static gboolean
contained_in (JsonObject *a,
              JsonObject *b)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, a);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (skip_in_compare (member) || g_str_equal (member, "_deleted"))
        continue;
      if (!node_equal (node, json_object_get_member (b, member)))
        return FALSE;
    }
  return TRUE;
}

gboolean
kam_sync_doc_equal (JsonObject *a,
                    JsonObject *b)
{
  return doc_deleted (a) == doc_deleted (b) && contained_in (a, b) && contained_in (b, a);
}

static void
add_conflict (JsonObject *conflicts,
              const char *member,
              JsonNode   *mine,
              JsonNode   *theirs)
{
  JsonObject *pair = json_object_new ();

  json_object_set_member (pair, "mine", mine ? json_node_copy (mine) : json_node_new (JSON_NODE_NULL));
  json_object_set_member (pair, "theirs", theirs ? json_node_copy (theirs) : json_node_new (JSON_NODE_NULL));
  json_object_set_object_member (conflicts, member, pair);
}

JsonObject *
kam_sync_merge (JsonObject *base,
                JsonObject *mine,
                JsonObject *theirs,
                JsonObject *conflicts)
{
  JsonObject *merged = json_object_new ();
  g_autoptr(GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sides[] = { theirs, mine };
  const char *mine_updated, *theirs_updated;
  GHashTableIter hiter;
  gpointer key;

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, sides[s]);
      while (json_object_iter_next (&iter, &member, &node))
        if (!skip_in_compare (member) && !g_str_equal (member, "_deleted"))
          g_hash_table_add (members, (gpointer) member);
    }

  g_hash_table_iter_init (&hiter, members);
  while (g_hash_table_iter_next (&hiter, &key, NULL))
    {
      const char *member = key;
      JsonNode *b = base ? json_object_get_member (base, member) : NULL;
      JsonNode *l = json_object_get_member (mine, member);
      JsonNode *t = json_object_get_member (theirs, member);
      JsonNode *take;

      if (node_equal (l, t) || node_equal (b, l))
        take = t;
      else if (node_equal (b, t))
        take = l;
      else
        {
          take = t;
          if (conflicts != NULL)
            add_conflict (conflicts, member, l, t);
        }
      if (take != NULL)
        json_object_set_member (merged, member, json_node_copy (take));
    }

  mine_updated = json_object_get_string_member_with_default (mine, "updated_at", NULL);
  theirs_updated = json_object_get_string_member_with_default (theirs, "updated_at", NULL);
  if (mine_updated != NULL || theirs_updated != NULL)
    json_object_set_string_member (merged, "updated_at",
                                   g_strcmp0 (mine_updated, theirs_updated) > 0 ? mine_updated : theirs_updated);
  if (json_object_has_member (theirs, "_rev"))
    json_object_set_string_member (merged, "_rev", json_object_get_string_member (theirs, "_rev"));

  return merged;
}

/* sync_state --------------------------------------------------------------- */

static char *
state_get (KamStore   *store,
           const char *key)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, "SELECT value FROM sync_state WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
state_set (KamStore    *store,
           const char  *key,
           const char  *value,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (value != NULL)
    stmt = kam_store_prepare (store, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)", error);
  else
    stmt = kam_store_prepare (store, "DELETE FROM sync_state WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static JsonObject *
object_from_string (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return NULL;
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static gboolean
state_set_object (KamStore    *store,
                  const char  *prefix,
                  const char  *doc_id,
                  JsonObject  *object,
                  GError     **error)
{
  g_autofree char *key = g_strconcat (prefix, doc_id, NULL);
  g_autofree char *text = object ? object_to_string (object) : NULL;

  return state_set (store, key, text, error);
}

JsonObject *
kam_store_sync_get_conflict (KamStore   *store,
                             const char *doc_id)
{
  g_autofree char *key = g_strconcat ("conflict:", doc_id, NULL);
  g_autofree char *text = state_get (store, key);

  return object_from_string (text);
}

GStrv
kam_store_sync_list_keys (KamStore   *store,
                          const char *prefix)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, "SELECT key FROM sync_state WHERE substr (key, 1, length (?1)) = ?1 ORDER BY key", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

/* Adds the members of @conflicts to the conflict record of @doc_id. */
static gboolean
record_conflicts (KamStore           *store,
                  const char         *doc_id,
                  JsonObject         *conflicts,
                  KamStoreSyncStats  *stats,
                  GError            **error)
{
  g_autoptr(JsonObject) record = NULL;
  JsonObject *fields;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (json_object_get_size (conflicts) == 0)
    return TRUE;

  record = kam_store_sync_get_conflict (store, doc_id);
  if (record == NULL)
    record = json_object_new ();
  if (!json_object_has_member (record, "fields")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (record, "fields")))
    json_object_set_object_member (record, "fields", json_object_new ());
  fields = json_object_get_object_member (record, "fields");

  json_object_iter_init (&iter, conflicts);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (fields, member, json_node_copy (node));

  stats->conflicts += json_object_get_size (conflicts);
  return state_set_object (store, "conflict:", doc_id, record, error);
}

gboolean
kam_store_sync_add_conflicts (KamStore           *store,
                              const char         *doc_id,
                              JsonObject         *conflicts,
                              KamStoreSyncStats  *stats,
                              GError            **error)
{
  KamStoreSyncStats ignored = { 0 };

  return record_conflicts (store, doc_id, conflicts, stats ? stats : &ignored, error);
}

gboolean
kam_store_sync_remove_key (KamStore    *store,
                           const char  *key,
                           GError     **error)
{
  return state_set (store, key, NULL, error);
}

char *
kam_store_sync_get_checkpoint (KamStore   *store,
                               const char *remote)
{
  g_autofree char *stored_remote = state_get (store, "remote");

  if (g_strcmp0 (stored_remote, remote) != 0)
    return NULL;
  return state_get (store, "checkpoint");
}

/* Applying ---------------------------------------------------------------- */

typedef struct {
  gboolean exists;
  gboolean dirty;
  gint64   deleted;
  char    *rev;
  char    *base;
  gint64   local_seq;
} RowInfo;

static void
row_info_clear (RowInfo *info)
{
  g_clear_pointer (&info->rev, g_free);
  g_clear_pointer (&info->base, g_free);
}

static gboolean
read_row_info (KamStore             *store,
               const KamRecordKind  *kind,
               const char           *id,
               RowInfo              *info,
               GError              **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, sync_sql (kind)->info, error);
  int rc;

  memset (info, 0, sizeof *info);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->exists = TRUE;
      info->dirty = sqlite3_column_int (stmt, 0) != 0;
      info->deleted = sqlite3_column_int64 (stmt, 1);
      info->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->base = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->local_seq = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

static KamRecord *
load_any (KamStore             *store,
          const KamRecordKind  *kind,
          const char           *id,
          GError              **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, sync_sql (kind)->by_id, error);
  KamRecord *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = kam_store_record_from_row (store, kind, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    kam_store_set_sqlite_error (store, rc, error);
  else if (record == NULL)
    g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("There is no record with id %s"), id);
  return record;
}

static gboolean
set_sync (KamStore             *store,
          const KamRecordKind  *kind,
          const char           *id,
          const char           *rev,
          JsonObject           *base,
          gboolean              dirty,
          GError              **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, sync_sql (kind)->set_sync, error);
  g_autofree char *base_text = base ? object_to_string (base) : NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_TRANSIENT);
  if (base_text != NULL)
    sqlite3_bind_text (stmt, 3, base_text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, dirty ? 1 : 0);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

/* Writes @doc's data into the record and its sync columns. */
static gboolean
write_doc (KamStore    *store,
           JsonObject  *doc,
           const char  *rev,
           JsonObject  *base,
           gboolean     dirty,
           GError     **error)
{
  g_autoptr(KamRecord) record = kam_sync_record_from_doc (doc, error);

  if (record == NULL)
    return FALSE;
  if (!kam_store_save_full (store, record, KAM_SAVE_KEEP_TIMESTAMPS | KAM_SAVE_KEEP_HISTORY, error))
    return FALSE;
  return set_sync (store, kam_record_get_kind (record), kam_record_get_id (record), rev, base, dirty, error);
}

static gboolean
apply_deletion (KamStore             *store,
                const KamRecordKind  *kind,
                const char           *id,
                const char           *rev,
                GError              **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, sync_sql (kind)->delete, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, PULLED_DELETION_MARK);
  sqlite3_bind_text (stmt, 3, rev, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  kam_store_note_changed (store, kam_store_kind_flag (kind));
  return TRUE;
}

typedef enum {
  APPLY_DONE,
  APPLY_LATER,   /* refers to something missing or invalid: kept pending */
  APPLY_FAILED,
} ApplyResult;

/* Applies one document in a savepoint of its own. */
static ApplyResult
apply_doc (KamStore           *store,
           JsonObject         *doc,
           KamStoreSyncStats  *stats,
           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  const KamRecordKind *kind;
  const char *id = NULL;
  const char *doc_id = json_object_get_string_member_with_default (doc, "_id", NULL);
  const char *rev = json_object_get_string_member_with_default (doc, "_rev", NULL);
  gboolean deleted = doc_deleted (doc);
  gboolean replayed = FALSE;
  RowInfo info;
  gboolean ok = TRUE;

  if (doc_id == NULL || rev == NULL)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                   _("The server sent a document without _id or _rev"));
      return APPLY_FAILED;
    }

  /* Conflicting revisions on the server (from other replicators): noted in
   * the same transaction as the page, resolved after the pull. */
  if (json_object_has_member (doc, "_conflicts")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (doc, "_conflicts"))
      && json_array_get_length (json_object_get_array_member (doc, "_conflicts")) > 0)
    {
      g_autofree char *key = g_strconcat ("resolve:", doc_id, NULL);

      if (!state_set (store, key, "true", error))
        return APPLY_FAILED;
    }

  kind = doc_kind (doc, &id);
  if (kind == NULL)
    {
      /* A deleted document has no type: it may be ours. */
      if (deleted && strchr (doc_id, ':') != NULL)
        {
          g_autofree char *type = g_strndup (doc_id, strchr (doc_id, ':') - doc_id);

          kind = kam_record_kind_lookup (type);
          id = strchr (doc_id, ':') + 1;
        }
      if (kind == NULL)
        {
          stats->foreign++;
          return state_set_object (store, "foreign:", doc_id, deleted ? NULL : doc, error)
                 ? APPLY_DONE : APPLY_FAILED;
        }
    }

  if (!kam_store_begin (store, error))
    return APPLY_FAILED;

  if (!read_row_info (store, kind, id, &info, error))
    goto fail;

  if (info.exists && g_strcmp0 (info.rev, rev) == 0)
    {
      replayed = TRUE;  /* already applied (a replayed change, our own push) */
      goto done;
    }

  if (deleted)
    {
      if (!info.exists)
        {
          replayed = TRUE;  /* never had it */
          goto done;
        }
      if (info.dirty && info.deleted == 0)
        {
          /* Deleted there, edited here: the edit is kept, pushed again on
           * the tombstone's revision, and the deletion noted. */
          g_autoptr(JsonObject) conflicts = json_object_new ();
          g_autoptr(JsonNode) mine = json_node_init_boolean (json_node_alloc (), FALSE);
          g_autoptr(JsonNode) theirs = json_node_init_boolean (json_node_alloc (), TRUE);

          add_conflict (conflicts, "_deleted", mine, theirs);
          ok = set_sync (store, kind, id, rev, NULL, TRUE, error)
               && record_conflicts (store, doc_id, conflicts, stats, error);
          stats->merged++;
        }
      else
        ok = apply_deletion (store, kind, id, rev, error);
    }
  else if (!info.exists || !info.dirty)
    ok = write_doc (store, doc, rev, doc, FALSE, &local_error);
  else if (info.deleted != 0)
    {
      /* Deleted here, edited there: the edit comes back. */
      g_autoptr(JsonObject) conflicts = json_object_new ();
      g_autoptr(JsonNode) mine = json_node_init_boolean (json_node_alloc (), TRUE);
      g_autoptr(JsonNode) theirs = json_node_init_boolean (json_node_alloc (), FALSE);

      add_conflict (conflicts, "_deleted", mine, theirs);
      ok = write_doc (store, doc, rev, doc, FALSE, &local_error)
           && record_conflicts (store, doc_id, conflicts, stats, &local_error);
      stats->merged++;
    }
  else
    {
      /* Changed on both sides: three-way merge against the base. */
      g_autoptr(KamRecord) local = load_any (store, kind, id, error);
      g_autoptr(JsonObject) mine = NULL;
      g_autoptr(JsonObject) base = object_from_string (info.base);
      g_autoptr(JsonObject) conflicts = json_object_new ();
      g_autoptr(JsonObject) merged = NULL;

      if (local == NULL)
        goto fail;
      mine = kam_sync_doc_from_record (local);
      merged = kam_sync_merge (base, mine, doc, conflicts);
      if (kam_sync_doc_equal (merged, doc))
        ok = write_doc (store, doc, rev, doc, FALSE, &local_error);
      else
        ok = write_doc (store, merged, rev, doc, TRUE, &local_error);
      ok = ok && record_conflicts (store, doc_id, conflicts, stats, &local_error);
      stats->merged++;
    }

  if (!ok)
    {
      if (local_error != NULL
          && (local_error->domain == KAM_RECORD_ERROR
              || g_error_matches (local_error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID)))
        {
          g_debug ("%s waits: %s", doc_id, local_error->message);
          kam_store_rollback (store);
          row_info_clear (&info);
          return state_set_object (store, "pending:", doc_id, doc, error) ? APPLY_LATER : APPLY_FAILED;
        }
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

done:
  row_info_clear (&info);
  if (!state_set_object (store, "pending:", doc_id, NULL, error) || !kam_store_commit (store, error))
    {
      kam_store_rollback (store);
      return APPLY_FAILED;
    }
  if (!replayed)
    stats->pulled++;
  return APPLY_DONE;

fail:
  row_info_clear (&info);
  kam_store_rollback (store);
  return APPLY_FAILED;
}

/* Retries the pending documents until no more can be applied. */
static gboolean
retry_pending (KamStore           *store,
               KamStoreSyncStats  *stats,
               GError            **error)
{
  gboolean progress = TRUE;

  while (progress)
    {
      g_auto(GStrv) keys = kam_store_sync_list_keys (store, "pending:");

      progress = FALSE;
      stats->pending = g_strv_length (keys);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *text = state_get (store, keys[i]);
          g_autoptr(JsonObject) doc = object_from_string (text);
          ApplyResult result;

          if (doc == NULL)
            {
              if (!state_set (store, keys[i], NULL, error))
                return FALSE;
              continue;
            }
          result = apply_doc (store, doc, stats, error);
          if (result == APPLY_FAILED)
            return FALSE;
          if (result == APPLY_DONE)
            {
              progress = TRUE;
              stats->pending--;
            }
        }
    }

  return TRUE;
}

gboolean
kam_store_sync_apply_docs (KamStore           *store,
                           JsonArray          *docs,
                           const char         *remote,
                           const char         *checkpoint,
                           KamStoreSyncStats  *stats,
                           GError            **error)
{
  KamStoreSyncStats page = *stats;
  guint n_pending = 0;

  g_return_val_if_fail (KAM_IS_STORE (store), FALSE);

  if (!kam_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonNode *node = json_array_get_element (docs, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                       _("The server sent a document that is not a JSON object"));
          goto fail;
        }
      switch (apply_doc (store, json_node_get_object (node), &page, error))
        {
        case APPLY_FAILED:
          goto fail;
        case APPLY_LATER:
          n_pending++;
          break;
        case APPLY_DONE:
        default:
          break;
        }
    }

  if (n_pending > 0 || page.pending > 0)
    {
      if (!retry_pending (store, &page, error))
        goto fail;
    }

  if (checkpoint != NULL
      && (!state_set (store, "checkpoint", checkpoint, error) || !state_set (store, "remote", remote, error)))
    goto fail;

  if (!kam_store_commit (store, error))
    goto fail;

  *stats = page;
  return TRUE;

fail:
  kam_store_rollback (store);
  return FALSE;
}

/* Pushing ------------------------------------------------------------------ */

GPtrArray *
kam_store_sync_list_dirty (KamStore  *store,
                           GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_store_sync_item_free);
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  if (!kam_store_begin_read (store, error))
    return NULL;

  /* In the order of the kinds, so that what a record refers to is
   * usually on the server before it. */
  for (guint k = 0; k < n_kinds; k++)
    {
      sqlite3_stmt *stmt = kam_store_prepare (store, sync_sql (kinds[k])->dirty, error);
      int rc;

      if (stmt == NULL)
        {
          kam_store_end_read (store);
          return NULL;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          KamStoreSyncItem *item = g_new0 (KamStoreSyncItem, 1);

          item->kind = kinds[k];
          item->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          item->local_seq = sqlite3_column_int64 (stmt, 1);
          g_ptr_array_add (items, item);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          kam_store_set_sqlite_error (store, rc, error);
          kam_store_end_read (store);
          return NULL;
        }
    }

  kam_store_end_read (store);
  return g_steal_pointer (&items);
}

JsonObject *
kam_store_sync_load_doc (KamStore          *store,
                         KamStoreSyncItem  *item,
                         GError           **error)
{
  g_autoptr(KamRecord) record = NULL;
  RowInfo info;
  JsonObject *doc;

  if (!read_row_info (store, item->kind, item->id, &info, error))
    return NULL;
  if (!info.exists || !info.dirty)
    {
      row_info_clear (&info);
      return NULL;
    }
  item->local_seq = info.local_seq;

  if (info.deleted != 0)
    {
      g_autofree char *doc_id = kam_sync_doc_id (item->kind, item->id);

      if (info.rev == NULL)
        {
          /* Never reached the server: nothing to tell it. */
          set_sync (store, item->kind, item->id, NULL, NULL, FALSE, error);
          row_info_clear (&info);
          return NULL;
        }
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", doc_id);
      json_object_set_string_member (doc, "_rev", info.rev);
      json_object_set_string_member (doc, "type", item->kind->name);
      json_object_set_boolean_member (doc, "_deleted", TRUE);
      row_info_clear (&info);
      return doc;
    }

  record = load_any (store, item->kind, item->id, error);
  if (record == NULL)
    {
      row_info_clear (&info);
      return NULL;
    }
  doc = kam_sync_doc_from_record (record);
  if (info.rev != NULL)
    json_object_set_string_member (doc, "_rev", info.rev);
  row_info_clear (&info);
  return doc;
}

gboolean
kam_store_sync_acknowledge (KamStore          *store,
                            KamStoreSyncItem  *item,
                            JsonObject        *doc,
                            const char        *rev,
                            GError           **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, sync_sql (item->kind)->ack, error);
  g_autofree char *base = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (!doc_deleted (doc))
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, doc);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (copy, member, json_node_copy (node));
      json_object_set_string_member (copy, "_rev", rev);
      base = object_to_string (copy);
    }

  sqlite3_bind_text (stmt, 1, item->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, rev, -1, SQLITE_TRANSIENT);
  if (base != NULL)
    sqlite3_bind_text (stmt, 3, base, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, item->local_seq);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

/* Conflicts ---------------------------------------------------------------- */

char *
kam_store_sync_find_conflict (KamStore   *store,
                              const char *id)
{
  g_auto(GStrv) keys = NULL;
  g_autofree char *suffix = NULL;

  if (strchr (id, ':') != NULL)
    {
      g_autofree char *key = g_strconcat ("conflict:", id, NULL);
      g_autofree char *text = state_get (store, key);

      return text != NULL ? g_strdup (id) : NULL;
    }

  keys = kam_store_sync_list_keys (store, "conflict:");
  suffix = g_strconcat (":", id, NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_str_has_suffix (keys[i], suffix) && strchr (keys[i] + strlen ("conflict:"), ':') == keys[i] + strlen (keys[i]) - strlen (suffix))
      return g_strdup (keys[i] + strlen ("conflict:"));
  return NULL;
}

gboolean
kam_store_sync_resolve (KamStore          *store,
                        const char        *doc_id,
                        const char        *field,
                        KamSyncResolution  resolution,
                        const char        *value,
                        GError           **error)
{
  g_autoptr(JsonObject) conflict = NULL;
  g_autoptr(KamRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  const KamRecordKind *kind = NULL;
  const char *id = NULL;
  JsonObject *fields, *pair;

  g_return_val_if_fail (KAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (resolution != KAM_SYNC_RESOLVE_VALUE || value != NULL, FALSE);

  conflict = kam_store_sync_get_conflict (store, doc_id);
  if (conflict == NULL || !json_object_has_member (conflict, "fields")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (conflict, "fields")))
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                   _("The record %s has no open conflict"), doc_id);
      return FALSE;
    }
  fields = json_object_get_object_member (conflict, "fields");
  if (!json_object_has_member (fields, field)
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (fields, field)))
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                   _("The record %s has no conflict on the field “%s”"), doc_id, field);
      return FALSE;
    }
  pair = json_object_get_object_member (fields, field);

  if (strchr (doc_id, ':') != NULL)
    {
      g_autofree char *type = g_strndup (doc_id, strchr (doc_id, ':') - doc_id);

      kind = kam_record_kind_lookup (type);
      id = strchr (doc_id, ':') + 1;
    }

  if (!kam_store_begin (store, error))
    return FALSE;

  if (kind != NULL)
    record = kam_store_load (store, kind, id, &local_error);
  if (record == NULL && resolution != KAM_SYNC_RESOLVE_THEIRS)
    {
      /* Gone since (deleted, or of a type this version does not know):
       * only the server's side can be kept. */
      if (local_error == NULL)
        g_set_error (&local_error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                     _("There is no record with id %s"), doc_id);
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

  if (g_str_equal (field, "_deleted"))
    {
      gboolean deleted;

      if (resolution == KAM_SYNC_RESOLVE_VALUE)
        {
          if (g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "deleted"))
            deleted = TRUE;
          else if (g_ascii_strcasecmp (value, "false") == 0 || g_str_equal (value, "kept"))
            deleted = FALSE;
          else
            {
              g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                           _("A deletion is resolved with “true” (delete) or “false” (keep), not “%s”"), value);
              goto fail;
            }
        }
      else
        deleted = json_object_get_boolean_member_with_default (pair, resolution == KAM_SYNC_RESOLVE_MINE
                                                                     ? "mine" : "theirs", FALSE);
      if (deleted && record != NULL && !kam_store_delete (store, id, error))
        goto fail;
    }
  else if (resolution == KAM_SYNC_RESOLVE_MINE)
    {
      g_autoptr(JsonObject) object = kam_record_to_json (record);
      JsonNode *mine = json_object_get_member (pair, "mine");
      gboolean unset = mine == NULL || JSON_NODE_HOLDS_NULL (mine);

      if (unset && kam_record_kind_find_field (kind, field) != NULL)
        {
          /* Not set here: cleared as a person clears it. */
          if (!kam_record_set_from_string (record, field, "", error))
            goto fail;
        }
      else
        {
          if (unset)
            json_object_remove_member (object, field);
          else
            json_object_set_member (object, field, json_node_copy (mine));
          if (!kam_record_set_from_json (record, object, error))
            goto fail;
        }
      if (!kam_store_save (store, record, error))
        goto fail;
    }
  else if (resolution == KAM_SYNC_RESOLVE_VALUE)
    {
      if (!kam_record_set_from_string (record, field, value, error)
          || !kam_store_save (store, record, error))
        goto fail;
    }

  json_object_remove_member (fields, field);
  if (!state_set_object (store, "conflict:", doc_id, json_object_get_size (fields) > 0 ? conflict : NULL, error)
      || !kam_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  kam_store_rollback (store);
  return FALSE;
}
