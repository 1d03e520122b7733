/* kam-backup.c — the whole database as one JSON document, and back
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document:
 *
 *   {
 *     "format": "key-accounts-backup",
 *     "version": 1,
 *     "settings": { "abc-a": "0.80", ... },          sorted by key
 *     "member": [ {record}, ... ],                    sorted by id
 *     "account": [ ... ], "contact": [ ... ], "relation": [ ... ],
 *     "visit": [ ... ], "opportunity": [ ... ]
 *   }
 *
 * Kinds come in the order of kam_record_kinds(), which is dependency order:
 * a kind only refers to kinds before it (or to itself), so a restore writes
 * them in the same order.  Each record is kam_record_to_json(), the format
 * of sync documents.  Nothing in the document depends on when it was
 * written, so exporting a restored copy gives the same bytes.
 */
#define G_LOG_DOMAIN "kam-backup"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kam-backup.h"
#include "kam-model.h"
#include "kam-store-private.h"

#define BACKUP_FORMAT  "key-accounts-backup"
#define BACKUP_VERSION 1

/* Export ----------------------------------------------------------------- */

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  KamRecord *ra = *(KamRecord **) a;
  KamRecord *rb = *(KamRecord **) b;

  return strcmp (kam_record_get_id (ra), kam_record_get_id (rb));
}

static JsonObject *
export_settings (KamStore  *store,
                 GError   **error)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = kam_store_prepare (store, "SELECT key, value FROM setting ORDER BY key", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      json_object_set_string_member (settings, key ? key : "", value ? value : "");
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&settings);
}

/* A reference to a record that is not exported (one deleted since, such as
 * a former attendee of a visit) is dropped: a backup must restore. */
static void
drop_dangling_references (JsonObject          *object,
                          const KamRecordKind *kind,
                          GHashTable          *exported)
{
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];

      if (f->type == KAM_FIELD_REF)
        {
          const char *ref = json_object_get_string_member_with_default (object, f->name, NULL);

          if (ref != NULL && !g_hash_table_contains (exported, ref)
              && !(f->flags & KAM_FIELD_FLAG_REQUIRED))
            json_object_set_null_member (object, f->name);
        }
      else if (f->type == KAM_FIELD_REFS && json_object_has_member (object, f->name))
        {
          JsonArray *ids = json_object_get_array_member (object, f->name);
          JsonArray *kept = NULL;

          for (guint j = 0; ids != NULL && j < json_array_get_length (ids); j++)
            if (!g_hash_table_contains (exported, json_array_get_string_element (ids, j)))
              {
                kept = json_array_new ();
                break;
              }

          if (kept == NULL)
            continue;

          for (guint j = 0; j < json_array_get_length (ids); j++)
            {
              const char *id = json_array_get_string_element (ids, j);

              if (g_hash_table_contains (exported, id))
                json_array_add_string_element (kept, id);
            }
          json_object_set_array_member (object, f->name, kept);
        }
    }
}

gboolean
kam_backup_export (KamStore    *store,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GHashTable) exported = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *settings;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);
  gsize length;

  g_return_val_if_fail (KAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* One snapshot for everything. */
  if (!kam_store_begin_read (store, error))
    return FALSE;

  settings = export_settings (store, &local_error);
  for (guint k = 0; settings != NULL && k < n_kinds; k++)
    {
      GPtrArray *records = kam_store_load_all (store, kinds[k], &local_error);

      if (records == NULL)
        break;
      g_ptr_array_sort (records, compare_by_id);
      g_ptr_array_add (all, records);
    }

  kam_store_end_read (store);

  if (local_error != NULL)
    {
      g_clear_pointer (&settings, json_object_unref);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot read the database: "));
      return FALSE;
    }

  for (guint k = 0; k < all->len; k++)
    {
      GPtrArray *records = g_ptr_array_index (all, k);

      for (guint i = 0; i < records->len; i++)
        g_hash_table_add (exported, (gpointer) kam_record_get_id (g_ptr_array_index (records, i)));
    }

  json_object_set_string_member (root, "format", BACKUP_FORMAT);
  json_object_set_int_member (root, "version", BACKUP_VERSION);
  json_object_set_object_member (root, "settings", settings);

  for (guint k = 0; k < all->len; k++)
    {
      GPtrArray *records = g_ptr_array_index (all, k);
      JsonArray *array = json_array_sized_new (records->len);

      for (guint i = 0; i < records->len; i++)
        {
          JsonObject *object = kam_record_to_json (g_ptr_array_index (records, i));

          drop_dangling_references (object, kinds[k], exported);
          json_array_add_object_element (array, object);
        }
      json_object_set_array_member (root, kinds[k]->name, array);
    }

  node = json_node_init_object (json_node_alloc (), root);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);

  text = json_generator_to_data (generator, &length);
  data = g_strconcat (text, "\n", NULL);

  if (!g_file_set_contents_full (path, data, length + 1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write the backup: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Import ----------------------------------------------------------------- */

typedef struct {
  const KamRecordKind *kind;
  GPtrArray           *records;  /* KamRecord */
} KindBatch;

static void
kind_batch_clear (KindBatch *batch)
{
  g_clear_pointer (&batch->records, g_ptr_array_unref);
}

static void
prefix_record (GError              **error,
               const KamRecordKind  *kind,
               const char           *id)
{
  /* TRANSLATORS: the prefix of an error about one record of a backup, as in
   * "contact 3f2a…: Account: there is no record with id 9b1c…" */
  g_prefix_error (error, _("%s %s: "), g_dgettext (GETTEXT_PACKAGE, kind->label), id);
}

static gboolean
parse_document (const char  *path,
                JsonObject **settings_out,
                KindBatch   *batches,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);
  gsize length;
  JsonNode *root_node;
  JsonObject *root;
  JsonNode *member;
  const char *format;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot read the backup: %s"), local_error->message);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      /* "<data>:3:14: Parse error: …" names the file instead */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The backup is not valid JSON: %s:%s"), path, message + strlen ("<data>:"));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The backup is not valid JSON: %s: %s"), path, message);
      return FALSE;
    }

  root_node = json_parser_get_root (parser);
  format = (root_node != NULL && JSON_NODE_HOLDS_OBJECT (root_node))
    ? json_object_get_string_member_with_default (json_node_get_object (root_node), "format", NULL)
    : NULL;
  if (g_strcmp0 (format, BACKUP_FORMAT) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a Key Accounts backup"), path);
      return FALSE;
    }
  root = json_node_get_object (root_node);

  member = json_object_get_member (root, "version");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) < 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a Key Accounts backup: it has no valid version"), path);
      return FALSE;
    }
  if (json_node_get_int (member) > BACKUP_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The backup %s was made by a newer version of Key Accounts (format %d, this version reads %d); update Key Accounts to restore it"),
                   path, (int) json_node_get_int (member), BACKUP_VERSION);
      return FALSE;
    }

  member = json_object_get_member (root, "settings");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        goto bad_settings;

      json_object_iter_init (&iter, json_node_get_object (member));
      while (json_object_iter_next (&iter, &key, &value))
        if (*key == '\0' || !JSON_NODE_HOLDS_VALUE (value)
            || json_node_get_value_type (value) != G_TYPE_STRING)
          goto bad_settings;

      *settings_out = json_object_ref (json_node_get_object (member));
    }

  for (guint k = 0; k < n_kinds; k++)
    {
      const KamRecordKind *kind = kinds[k];
      JsonArray *array;

      batches[k].kind = kind;
      batches[k].records = g_ptr_array_new_with_free_func (g_object_unref);

      member = json_object_get_member (root, kind->name);
      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The backup is damaged: “%s” is not a list of records"), kind->name);
          return FALSE;
        }

      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autoptr(KamRecord) record = kam_record_new (kind);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The backup is damaged: entry %u of “%s” is not a record"), i + 1, kind->name);
              return FALSE;
            }

          /* Its errors already name the record (kind and id). */
          if (!kam_record_set_from_json (record, json_node_get_object (element), error))
            return FALSE;

          g_ptr_array_add (batches[k].records, g_steal_pointer (&record));
        }
    }

  return TRUE;

bad_settings:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The backup is damaged: its settings must map names to text"));
  return FALSE;
}

/* Whether @record refers to a record of its own kind still in @pending
 * (other than itself). */
static gboolean
refers_to_pending (KamRecord  *record,
                   GHashTable *pending)
{
  const KamRecordKind *kind = kam_record_get_kind (record);
  const char *id = kam_record_get_id (record);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];
      const GValue *value = kam_record_peek_value (record, i);

      if (g_strcmp0 (f->ref_table, kind->name) != 0)
        continue;

      if (f->type == KAM_FIELD_REF)
        {
          const char *ref = g_value_get_string (value);

          if (ref != NULL && g_strcmp0 (ref, id) != 0 && g_hash_table_contains (pending, ref))
            return TRUE;
        }
      else if (f->type == KAM_FIELD_REFS)
        {
          const char * const *ids = g_value_get_boxed (value);

          for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
            if (g_strcmp0 (ids[j], id) != 0 && g_hash_table_contains (pending, ids[j]))
              return TRUE;
        }
    }

  return FALSE;
}

/* A copy of @record whose references to records of its own kind in @pending
 * are left out. */
static KamRecord *
copy_without_pending_refs (KamRecord  *record,
                           GHashTable *pending)
{
  const KamRecordKind *kind = kam_record_get_kind (record);
  g_autoptr(KamRecord) copy = kam_record_new (kind);
  g_autoptr(JsonObject) json = kam_record_to_json (record);

  if (!kam_record_set_from_json (copy, json, NULL))
    g_return_val_if_reached (NULL);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];
      const GValue *value = kam_record_peek_value (copy, i);
      g_auto(GValue) replacement = G_VALUE_INIT;

      if (g_strcmp0 (f->ref_table, kind->name) != 0)
        continue;

      if (f->type == KAM_FIELD_REF)
        {
          const char *ref = g_value_get_string (value);

          if (ref == NULL || !g_hash_table_contains (pending, ref))
            continue;
          g_value_init (&replacement, G_TYPE_STRING);
        }
      else if (f->type == KAM_FIELD_REFS)
        {
          const char * const *ids = g_value_get_boxed (value);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
            if (!g_hash_table_contains (pending, ids[j]))
              g_strv_builder_add (builder, ids[j]);
          g_value_init (&replacement, G_TYPE_STRV);
          g_value_take_boxed (&replacement, g_strv_builder_end (builder));
        }
      else
        continue;

      kam_record_take_value (copy, i, &replacement);
    }

  return g_steal_pointer (&copy);
}

static gboolean
save_record (KamStore   *store,
             KamRecord  *record,
             GError    **error)
{
  if (!kam_store_save_full (store, record, KAM_SAVE_KEEP_TIMESTAMPS | KAM_SAVE_KEEP_HISTORY, error))
    {
      prefix_record (error, kam_record_get_kind (record), kam_record_get_id (record));
      return FALSE;
    }
  return TRUE;
}

/* Saves the records of one kind.  A record may refer to another of the same
 * kind (a contact reports to a contact), which must be written first; rounds
 * write whatever depends on nothing still pending.  What is left is a cycle:
 * written without those references, then again with them. */
static gboolean
save_batch (KamStore   *store,
            KindBatch  *batch,
            GError    **error)
{
  g_autoptr(GHashTable) pending = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  gboolean self_refs = FALSE;

  for (guint i = 0; i < batch->kind->n_fields; i++)
    if (g_strcmp0 (batch->kind->fields[i].ref_table, batch->kind->name) == 0)
      self_refs = TRUE;

  if (!self_refs)
    {
      for (guint i = 0; i < batch->records->len; i++)
        if (!save_record (store, g_ptr_array_index (batch->records, i), error))
          return FALSE;
      return TRUE;
    }

  for (guint i = 0; i < batch->records->len; i++)
    {
      KamRecord *record = g_ptr_array_index (batch->records, i);

      g_hash_table_add (pending, (gpointer) kam_record_get_id (record));
      g_ptr_array_add (waiting, record);
    }

  while (waiting->len > 0)
    {
      g_autoptr(GPtrArray) next = g_ptr_array_new ();

      for (guint i = 0; i < waiting->len; i++)
        {
          KamRecord *record = g_ptr_array_index (waiting, i);

          if (refers_to_pending (record, pending))
            {
              g_ptr_array_add (next, record);
              continue;
            }
          if (!save_record (store, record, error))
            return FALSE;
          g_hash_table_remove (pending, kam_record_get_id (record));
        }

      if (next->len == waiting->len)
        break;  /* no progress: what is left is a cycle */
      g_ptr_array_set_size (waiting, 0);
      g_ptr_array_extend (waiting, next, NULL, NULL);
    }

  if (waiting->len == 0)
    return TRUE;

  /* First the cycle without those references, then with them. */
  for (guint i = 0; i < waiting->len; i++)
    {
      g_autoptr(KamRecord) copy = copy_without_pending_refs (g_ptr_array_index (waiting, i), pending);

      if (copy == NULL || !save_record (store, copy, error))
        return FALSE;
    }
  for (guint i = 0; i < waiting->len; i++)
    if (!save_record (store, g_ptr_array_index (waiting, i), error))
      return FALSE;

  return TRUE;
}

gboolean
kam_backup_import (KamStore    *store,
                   const char  *path,
                   guint       *n_records,
                   GError     **error)
{
  g_autoptr(JsonObject) settings = NULL;
  guint n_kinds;
  KindBatch *batches;
  gboolean ok = FALSE;
  guint n = 0;

  g_return_val_if_fail (KAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  kam_record_kinds (&n_kinds);
  batches = g_new0 (KindBatch, n_kinds);

  /* Everything is read and checked before anything is written. */
  if (!parse_document (path, &settings, batches, error))
    goto out;

  /* A bulk load: the search index and "last met" are rebuilt once. */
  if (!kam_store_begin_bulk (store, error))
    goto out;

  if (settings != NULL)
    {
      g_autoptr(GList) keys = json_object_get_members (settings);

      for (GList *l = keys; l != NULL; l = l->next)
        if (!kam_store_set_setting (store, l->data,
                                    json_object_get_string_member (settings, l->data), error))
          goto rollback;
    }

  for (guint k = 0; k < n_kinds; k++)
    {
      if (!save_batch (store, &batches[k], error))
        goto rollback;
      n += batches[k].records->len;
    }

  /* On failure it has rolled back already. */
  if (!kam_store_commit_bulk (store, error))
    goto out;

  if (n_records != NULL)
    *n_records = n;
  ok = TRUE;
  goto out;

rollback:
  kam_store_rollback (store);

out:
  for (guint k = 0; k < n_kinds; k++)
    kind_batch_clear (&batches[k]);
  g_free (batches);
  return ok;
}
