/* kam-store.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kam-analytics.h"
#include "kam-collate.h"
#include "kam-schema.sql.h"
#include "kam-search.h"
#include "kam-store-private.h"

/* PRAGMA application_id of our files: "KAM1" */
#define KAM_APPLICATION_ID 0x4B414D31

#define BUSY_TIMEOUT_MS 2000

struct _KamStore
{
  GObject         parent_instance;

  char           *path;
  sqlite3        *db;
  GHashTable     *statements;   /* const char *sql (by address) -> sqlite3_stmt */
  guint           depth;        /* open transactions (savepoints) */
  guint           read_depth;   /* open read snapshots (kam_store_begin_read) */
  gboolean        bulk;         /* in kam_store_begin_bulk() */
  gboolean        bulk_failed;  /* a save inside the bulk load failed */
  gboolean        bulk_journal; /* the bulk load switched WAL for a rollback journal */
  GPtrArray      *bulk_indexes; /* CREATE INDEX statements the bulk load put off */
  KamChangeFlags  pending;      /* kinds written in the open transaction */
  gboolean        tiers_stale;  /* an account's revenue or pinned tier changed */
  gint64          local_seq;    /* the change log's counter */
  gboolean        seq_stale;    /* local_seq moved since meta was written */
};

G_DEFINE_FINAL_TYPE (KamStore, kam_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (kam-store-error-quark, kam_store_error)

static gboolean rebuild_derived (KamStore  *self,
                                 GError   **error);

/* SQL of each kind, built once from its fields. */
typedef struct {
  char *select;   /* SELECT rowid, id, created_at, updated_at, extra, deleted, <fields> FROM t */
  char *by_id;    /* ... WHERE id = ? */
  char *insert;
  char *update;
  char *exists;   /* SELECT deleted FROM t WHERE id = ? */
  char *count;
  char *all;
  char *mark_deleted;
  char *link_select[4];
  char *link_delete[4];
  char *link_insert[4];
} KindSql;

static KindSql *
kind_sql (const KamRecordKind *kind)
{
  static KindSql *sqls;
  static gsize initialized;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  if (g_once_init_enter (&initialized))
    {
      sqls = g_new0 (KindSql, n_kinds);

      for (guint k = 0; k < n_kinds; k++)
        {
          const KamRecordKind *kd = kinds[k];
          KindSql *s = &sqls[k];
          g_autoptr(GString) cols = g_string_new (NULL);
          g_autoptr(GString) ins_cols = g_string_new ("id, created_at, updated_at, extra, dirty, local_seq");
          g_autoptr(GString) ins_vals = g_string_new ("?1, ?2, ?3, ?4, 1, ?5");
          g_autoptr(GString) upd = g_string_new (NULL);
          guint link = 0;

          /* deleted = 0: a deleted record saved again comes back */
          g_string_printf (upd, "UPDATE %s SET updated_at = ?3, extra = ?4, dirty = 1, deleted = 0, local_seq = ?5",
                           kd->name);

          for (guint i = 0; i < kd->n_fields; i++)
            {
              const KamField *f = &kd->fields[i];

              if (f->type == KAM_FIELD_REFS)
                {
                  g_assert (link < G_N_ELEMENTS (s->link_select));
                  s->link_select[link] = g_strdup_printf ("SELECT %s_id FROM %s WHERE %s_id = ? ORDER BY position",
                                                          f->ref_table, f->link_table, kd->name);
                  s->link_delete[link] = g_strdup_printf ("DELETE FROM %s WHERE %s_id = ?", f->link_table, kd->name);
                  s->link_insert[link] = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s_id, %s_id, position) VALUES (?, ?, ?)",
                                                          f->link_table, kd->name, f->ref_table);
                  link++;
                  continue;
                }

              g_string_append_printf (cols, ", %s", f->name);
              if (f->flags & KAM_FIELD_FLAG_LOCAL)
                continue;
              g_string_append_printf (ins_cols, ", %s", f->name);
              g_string_append_printf (ins_vals, ", ?%u", i + 6);
              g_string_append_printf (upd, ", %s = ?%u", f->name, i + 6);
            }

          s->select = g_strdup_printf ("SELECT rowid, id, created_at, updated_at, extra, deleted%s FROM %s",
                                       cols->str, kd->name);
          s->by_id = g_strdup_printf ("%s WHERE id = ?", s->select);
          s->all = g_strdup_printf ("%s WHERE deleted = 0 ORDER BY rowid", s->select);
          s->insert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", kd->name, ins_cols->str, ins_vals->str);
          g_string_append (upd, " WHERE id = ?1");
          s->update = g_string_free (g_steal_pointer (&upd), FALSE);
          s->exists = g_strdup_printf ("SELECT deleted FROM %s WHERE id = ?", kd->name);
          s->count = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", kd->name);
          s->mark_deleted = g_strdup_printf ("UPDATE %s SET deleted = ?2, dirty = 1, local_seq = ?3, updated_at = ?4 WHERE id = ?1",
                                             kd->name);
        }

      g_once_init_leave (&initialized, 1);
    }

  for (guint k = 0; k < n_kinds; k++)
    if (kinds[k] == kind)
      return &sqls[k];

  g_return_val_if_reached (NULL);
}

const char *
kam_store_select_sql (const KamRecordKind *kind)
{
  return kind_sql (kind)->select;
}

KamChangeFlags
kam_store_kind_flag (const KamRecordKind *kind)
{
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    if (kinds[k] == kind)
      return 1 << k;

  return 0;
}

/* Errors ----------------------------------------------------------------- */

gboolean
kam_store_set_sqlite_error (KamStore  *self,
                            int        rc,
                            GError   **error)
{
  const char *detail = self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  const char *path = self && self->path ? self->path : "";

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_BUSY,
                   _("The database %s is locked by another program; close it and try again"), path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_READ_ONLY,
                   _("The database %s cannot be written (it is read-only)"), path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged (%s); restore it from a backup"), path, detail);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_OURS,
                   _("%s is not a Key Accounts database, or it is damaged"), path);
      break;
    case SQLITE_FULL:
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_FAILED,
                   _("The disk holding %s is full"), path);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_OPEN,
                   _("The database %s cannot be opened"), path);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                   _("The change breaks a rule of the database (%s)"), detail);
      break;
    default:
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_FAILED,
                   _("Database error on %s: %s"), path, detail);
      break;
    }

  return FALSE;
}

sqlite3 *
kam_store_get_db (KamStore *self)
{
  return self->db;
}

sqlite3_stmt *
kam_store_prepare (KamStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      kam_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec_sql (KamStore    *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return kam_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The tokenizer as an SQL function, used by the search index triggers. */
static void
kam_tokens_func (sqlite3_context  *ctx,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_text (ctx, kam_search_tokens (text ? text : ""), -1, g_free);
}

/* Lifecycle --------------------------------------------------------------- */

static void
kam_store_finalize (GObject *object)
{
  KamStore *self = KAM_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->bulk_indexes, g_ptr_array_unref);
  if (self->db != NULL)
    {
      if (self->depth > 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_free (self->path);

  G_OBJECT_CLASS (kam_store_parent_class)->finalize (object);
}

static void
kam_store_class_init (KamStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kam_store_finalize;

  /**
   * KamStore::changed:
   * @flags: the #KamChangeFlags of the kinds written
   *
   * Emitted once after each committed write, whatever its size.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
kam_store_init (KamStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

char *
kam_store_default_path (void)
{
  const char *env = g_getenv ("KAM_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "key-accounts", "key-accounts.db", NULL);
}

static gboolean
migrate (KamStore  *self,
         int        from,
         int        to,
         GError   **error)
{
  g_autofree char *pragma = NULL;

  if (from == to)
    return TRUE;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (int v = from; v < to; v++)
    if (!exec_sql (self, kam_schema_steps[v], error))
      goto fail;

  pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                            to, KAM_APPLICATION_ID);
  if (!exec_sql (self, pragma, error) || !exec_sql (self, "COMMIT", error))
    goto fail;

  if (from > 0)
    g_debug ("Migrated %s from schema %d to %d", self->path, from, to);
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_prefix_error (error, _("Cannot update the database to this version: "));
  return FALSE;
}

static gboolean
read_int (KamStore    *self,
          const char  *sql,
          gint64      *out,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return kam_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The text of the first column of each row of @sql in @first, and of the
 * second in @second when it is not NULL. */
static gboolean
select_texts (KamStore    *self,
              const char  *sql,
              GPtrArray   *first,
              GPtrArray   *second,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_ptr_array_add (first, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
        if (second != NULL)
          g_ptr_array_add (second, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
reindex_name_keys (KamStore  *self,
                   GError   **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  /* the indexes whose expression is a name key */
  if (!select_texts (self, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%kam_collate_key%'",
                     names, NULL, error))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("REINDEX \"%s\"", (const char *) names->pdata[i]);

      if (!exec_sql (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* The indexes of name keys (kam-collate.h) hold keys of the machine that
 * wrote them; on another C library or without zh_CN they are built again,
 * or SQLite would search them in an order they are not in. */
static gboolean
check_collation (KamStore  *self,
                 GError   **error)
{
  const char *signature = kam_collate_signature ();
  sqlite3_stmt *stmt = NULL;
  gboolean same = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = 'collation'", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), signature) == 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self, rc, error);
  if (same)
    return TRUE;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('collation', ?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, signature, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if ((rc != SQLITE_DONE && !kam_store_set_sqlite_error (self, rc, error))
      || !reindex_name_keys (self, error)
      || !exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  g_debug ("Name keys rebuilt for %s", signature);
  return TRUE;
}

static KamStore *
open_db (const char  *path,
         gboolean     create,
         GError     **error)
{
  g_autoptr(KamStore) self = g_object_new (KAM_TYPE_STORE, NULL);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  self->path = g_strdup (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (!create)
        {
          g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_OPEN,
                       _("The database %s does not exist"), path);
          return NULL;
        }
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_OPEN,
                       _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
      flags |= SQLITE_OPEN_CREATE;
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_OPEN,
                   _("%s is a folder, not a database file"), path);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      kam_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_create_function (self->db, "kam_tokens", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, kam_tokens_func, NULL, NULL);
  kam_collate_register (self->db);

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_READ_ONLY,
                   _("The database %s cannot be written (it is read-only)"), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

KamStore *
kam_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(KamStore) self = NULL;
  gint64 app_id = 0, version = 0, n_objects = 0, seq = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self = open_db (path, TRUE, error);
  if (self == NULL)
    return NULL;

  /* Look before touching: nothing is written to a file that is not ours or
   * is newer than we are. */
  if (!read_int (self, "PRAGMA application_id", &app_id, error)
      || !read_int (self, "PRAGMA user_version", &version, error)
      || !read_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return NULL;

  /* An empty file is new; one with another program's id or version is
   * that program's, even without tables yet. */
  if ((n_objects > 0 || app_id != 0 || version != 0) && app_id != KAM_APPLICATION_ID)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_OURS,
                   _("%s is a database of another program, not of Key Accounts"), path);
      return NULL;
    }

  if (version > KAM_SCHEMA_VERSION)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_TOO_NEW,
                   _("The database %s was made by a newer version of Key Accounts (schema %d, this version knows %d); update Key Accounts to open it"),
                   path, (int) version, KAM_SCHEMA_VERSION);
      return NULL;
    }

  if (!exec_sql (self, "PRAGMA journal_mode = WAL", error)
      || !exec_sql (self, "PRAGMA foreign_keys = ON", error)
      || !exec_sql (self, "PRAGMA synchronous = NORMAL", error)
      || !exec_sql (self, "PRAGMA cache_size = -65536", error)
      || !exec_sql (self, "PRAGMA temp_store = MEMORY", error)
      || !migrate (self, (int) version, KAM_SCHEMA_VERSION, error))
    return NULL;

  if (!read_int (self, "SELECT value FROM meta WHERE key = 'local_seq'", &seq, error))
    return NULL;
  self->local_seq = seq;

  /* A bulk load stopped between its records and their derived data. */
  {
    gint64 pending = 0;

    if (!read_int (self, "SELECT count (*) FROM meta WHERE key = 'bulk'", &pending, error))
      return NULL;
    if (pending > 0 && !rebuild_derived (self, error))
      return NULL;
  }

  if (!check_collation (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
kam_store_create_at_version (const char  *path,
                             int          version,
                             GError     **error)
{
  g_autoptr(KamStore) self = NULL;

  g_return_val_if_fail (version >= 1 && version <= KAM_SCHEMA_VERSION, FALSE);

  self = open_db (path, TRUE, error);
  if (self == NULL)
    return FALSE;

  return exec_sql (self, "PRAGMA journal_mode = WAL", error)
         && migrate (self, 0, version, error);
}

const char *
kam_store_get_path (KamStore *self)
{
  return self->path;
}

int
kam_store_get_schema_version (KamStore *self)
{
  gint64 version = 0;

  read_int (self, "PRAGMA user_version", &version, NULL);
  return (int) version;
}

/* Transactions ----------------------------------------------------------- */

gboolean
kam_store_begin (KamStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (KAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->read_depth == 0, FALSE);

  if (self->depth == 0)
    {
      gint64 seq = 0;

      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Another connection (a sync thread) may have moved the change
       * counter since we last wrote: go on from the larger. */
      if (!read_int (self, "SELECT value FROM meta WHERE key = 'local_seq'", &seq, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      self->local_seq = MAX (self->local_seq, seq);
    }
  else if (!self->bulk && !exec_sql (self, "SAVEPOINT nested", error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
kam_store_begin_read (KamStore  *self,
                      GError   **error)
{
  if (self->depth == 0 && self->read_depth == 0 && !exec_sql (self, "BEGIN DEFERRED", error))
    return FALSE;

  if (self->depth == 0)
    self->read_depth++;
  return TRUE;
}

void
kam_store_end_read (KamStore *self)
{
  if (self->read_depth > 0 && --self->read_depth == 0)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

void
kam_store_note_changed (KamStore       *self,
                        KamChangeFlags  flags)
{
  self->pending |= flags;
}

static gboolean
flush_before_commit (KamStore  *self,
                     GError   **error)
{
  if (self->tiers_stale)
    {
      self->tiers_stale = FALSE;
      if (!kam_store_update_tiers (self, error))
        return FALSE;
    }

  if (self->seq_stale)
    {
      sqlite3_stmt *stmt = kam_store_prepare (self, "UPDATE meta SET value = ? WHERE key = 'local_seq'", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->local_seq);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return kam_store_set_sqlite_error (self, rc, error);
      self->seq_stale = FALSE;
    }

  return TRUE;
}

gboolean
kam_store_commit (KamStore  *self,
                  GError   **error)
{
  KamChangeFlags flags;

  g_return_val_if_fail (KAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      self->depth--;
      return self->bulk || exec_sql (self, "RELEASE nested", error);
    }

  if (self->bulk)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_FAILED,
                   "A bulk load ends with kam_store_commit_bulk()");
      return FALSE;
    }

  if (!flush_before_commit (self, error) || !exec_sql (self, "COMMIT", error))
    {
      /* The transaction is still open; the caller rolls back. */
      return FALSE;
    }

  self->depth = 0;
  flags = self->pending;
  self->pending = 0;
  if (flags != 0)
    g_signal_emit (self, signals[CHANGED], 0, (guint) flags);

  return TRUE;
}

/* A bulk load writes hundreds of MB.  Through the WAL each page is written
 * twice (into the log, then by the checkpoint into the database) and every
 * read looks the log up first.  A rollback journal only keeps the pages the
 * database had before, none for the pages the load appends, so each new
 * page is written once and the load stays atomic.  SQLite refuses to leave
 * WAL while another connection is open; the load then goes through the
 * WAL as usual. */
static void
begin_bulk_journal (KamStore *self)
{
  sqlite3_stmt *stmt = NULL;

  self->bulk_journal = FALSE;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    self->bulk_journal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
  sqlite3_finalize (stmt);
}

static gboolean
end_bulk_journal (KamStore  *self,
                  GError   **error)
{
  if (!self->bulk_journal)
    return TRUE;
  self->bulk_journal = FALSE;
  return exec_sql (self, "PRAGMA journal_mode = WAL", error);
}

/* Filling an empty database, every row would go through every index of
 * its table, most of them in random order.  The indexes are dropped for
 * the load and built again before it commits, in the same transaction: one
 * sort each instead of a B-tree descent per row.  Nothing that runs during
 * a load reads them (saves look records up by id); a load that fails rolls
 * the drops back with the rest. */
static gboolean
defer_indexes (KamStore  *self,
               GError   **error)
{
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);
  g_autoptr(GString) tables = g_string_new (NULL);
  g_autoptr(GString) empty = g_string_new ("SELECT ");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  gint64 is_empty = 0;

  for (guint k = 0; k < n_kinds; k++)
    {
      g_string_append_printf (tables, "%s'%s'", k ? ", " : "", kinds[k]->name);
      g_string_append_printf (empty, "%sNOT EXISTS (SELECT 1 FROM %s)", k ? " AND " : "", kinds[k]->name);
    }
  if (!read_int (self, empty->str, &is_empty, error))
    return FALSE;
  if (!is_empty)
    return TRUE;

  list = g_strdup_printf ("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                          " AND tbl_name IN (%s, 'visit_contact') ORDER BY name", tables->str);
  self->bulk_indexes = g_ptr_array_new_with_free_func (g_free);
  if (!select_texts (self, list, names, self->bulk_indexes, error))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (const char *) names->pdata[i]);

      if (!exec_sql (self, drop, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
restore_indexes (KamStore  *self,
                 GError   **error)
{
  g_autoptr(GPtrArray) indexes = g_steal_pointer (&self->bulk_indexes);

  for (guint i = 0; indexes != NULL && i < indexes->len; i++)
    if (!exec_sql (self, indexes->pdata[i], error))
      return FALSE;

  return TRUE;
}

void
kam_store_rollback (KamStore *self)
{
  g_return_if_fail (KAM_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth > 1)
    {
      /* Without savepoints a bulk load cannot undo one save: it fails whole. */
      if (self->bulk)
        self->bulk_failed = TRUE;
      else
        sqlite3_exec (self->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
      self->depth--;
      return;
    }

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (self->bulk)
    {
      self->bulk = FALSE;
      self->bulk_failed = FALSE;
      end_bulk_journal (self, NULL);
      g_clear_pointer (&self->bulk_indexes, g_ptr_array_unref);
      sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    }
  self->depth = 0;
  self->pending = 0;
  self->tiers_stale = FALSE;
  /* local_seq may have moved past what was written: harmless, it only has
   * to grow. */
}

/* Bulk loads ------------------------------------------------------------- */

gboolean
kam_store_begin_bulk (KamStore  *self,
                      GError   **error)
{
  g_return_val_if_fail (KAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0 && self->read_depth == 0, FALSE);

  /* Foreign keys can only be switched outside a transaction; the saves
   * check their references themselves and the commit checks them all.
   * Reads through a memory map spare a system call per page missed. */
  if (!exec_sql (self, "PRAGMA foreign_keys = OFF", error)
      || !exec_sql (self, "PRAGMA mmap_size = 1073741824", error))
    return FALSE;
  begin_bulk_journal (self);
  if (!kam_store_begin (self, error))
    {
      end_bulk_journal (self, NULL);
      exec_sql (self, "PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }

  self->bulk = TRUE;
  self->bulk_failed = FALSE;
  if (!exec_sql (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('bulk', 1)", error)
      || !defer_indexes (self, error))
    {
      kam_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* What the triggers skipped during the load, for the whole database.  The
 * search index is filled in rowid order: FTS5 appends then, five times
 * faster than when a partial index hands the rows over in its own order. */
static const char bulk_rebuild_sql[] =
  "DROP TABLE account_fts;" KAM_ACCOUNT_FTS_DDL ";"
  "INSERT INTO account_fts (rowid, names)"
  "  SELECT rowid, kam_tokens (name || ' ' || local_name) FROM account WHERE deleted = 0 ORDER BY rowid;"
  "DROP TABLE contact_fts;" KAM_CONTACT_FTS_DDL ";"
  "INSERT INTO contact_fts (rowid, names, other)"
  "  SELECT rowid, kam_tokens (name), kam_tokens (title || ' ' || department || ' ' || email)"
  "  FROM contact WHERE deleted = 0 ORDER BY rowid;"
  /* One pass each: every row gets its latest done visit, or "" */
  "UPDATE contact SET last_met = coalesce (met.at, '') FROM"
  "  (SELECT c.rowid AS rid, m.at AS at FROM contact c LEFT JOIN"
  "    (SELECT vc.contact_id AS id, max (v.start_at) AS at FROM visit_contact vc"
  "     JOIN visit v ON v.id = vc.visit_id WHERE v.status = 'done' AND v.deleted = 0"
  "     GROUP BY vc.contact_id) AS m ON m.id = c.id) AS met"
  "  WHERE contact.rowid = met.rid AND contact.last_met IS NOT coalesce (met.at, '');"
  "UPDATE account SET last_visit = coalesce (seen.at, '') FROM"
  "  (SELECT a.rowid AS rid, m.at AS at FROM account a LEFT JOIN"
  "    (SELECT account_id AS id, max (start_at) AS at FROM visit"
  "     WHERE status = 'done' AND deleted = 0 GROUP BY account_id) AS m ON m.id = a.id) AS seen"
  "  WHERE account.rowid = seen.rid AND account.last_visit IS NOT coalesce (seen.at, '');"
  "DELETE FROM meta WHERE key = 'bulk';";

/* Rebuilds what a bulk load left to the end when a database still has the
 * 'bulk' row of a load (kam_store_open): a load commits its records and
 * their derived data together, so this only mends a database left so by
 * an older version. */
static gboolean
rebuild_derived (KamStore  *self,
                 GError   **error)
{
  gint64 start = g_get_monotonic_time ();

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec_sql (self, bulk_rebuild_sql, error) || !exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  g_debug ("Derived data rebuilt in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;
}

gboolean
kam_store_commit_bulk (KamStore  *self,
                       GError   **error)
{
  sqlite3_stmt *check = NULL;
  KamChangeFlags flags;
  gint64 start;
  gboolean ok;
  int rc;

  g_return_val_if_fail (KAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk && self->depth == 1, FALSE);

  if (self->bulk_failed)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_FAILED,
                   _("A record of the load could not be saved; nothing was written"));
      goto fail;
    }

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &check, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (check);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                   _("A %s refers to a record that does not exist; nothing was written"),
                   (const char *) sqlite3_column_text (check, 0));
      sqlite3_finalize (check);
      goto fail;
    }
  sqlite3_finalize (check);
  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (self, rc, error);
      goto fail;
    }

  /* The derived data in the same transaction, while the 'bulk' row keeps
   * the triggers off: all of the load or nothing, and no page written
   * twice.  "changed" once it is all there. */
  self->bulk = FALSE;
  flags = self->pending | KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT;
  start = g_get_monotonic_time ();
  if (!restore_indexes (self, error)
      || !flush_before_commit (self, error)
      || !exec_sql (self, bulk_rebuild_sql, error)
      || !exec_sql (self, "COMMIT", error))
    {
      self->bulk = TRUE;
      goto fail;
    }
  g_debug ("Derived data rebuilt and committed in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  self->depth = 0;
  self->pending = 0;

  ok = end_bulk_journal (self, error);
  ok = exec_sql (self, "PRAGMA foreign_keys = ON", ok ? error : NULL) && ok;
  g_signal_emit (self, signals[CHANGED], 0, (guint) flags);
  return ok;

fail:
  kam_store_rollback (self);
  return FALSE;
}

/* Loading ---------------------------------------------------------------- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text ? text : "";
}

KamRecord *
kam_store_record_from_row (KamStore            *self,
                           const KamRecordKind *kind,
                           sqlite3_stmt        *stmt)
{
  g_autoptr(KamRecord) record = NULL;
  KindSql *sql = kind_sql (kind);
  const char *extra;
  int col = 6;
  guint link = 0;

  record = g_object_new (kind->get_type (), "id", column_text (stmt, 1), NULL);
  kam_record_set_timestamps (record, column_text (stmt, 2), column_text (stmt, 3));

  extra = (const char *) sqlite3_column_text (stmt, 4);
  if (extra != NULL && *extra != '\0')
    {
      g_autoptr(JsonNode) node = json_from_string (extra, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        kam_record_set_extra (record, json_node_get_object (node));
    }

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_VALUE_TYPE (kam_record_peek_value (record, i)));

      switch (f->type)
        {
        case KAM_FIELD_INT:
          g_value_set_int (&value, sqlite3_column_int (stmt, col++));
          break;
        case KAM_FIELD_REAL:
          g_value_set_double (&value, sqlite3_column_double (stmt, col++));
          break;
        case KAM_FIELD_ENUM:
          {
            int v = (int) f->default_num;
            kam_enum_from_string (f->enum_type (), column_text (stmt, col++), &v);
            g_value_set_enum (&value, v);
          }
          break;
        case KAM_FIELD_REF:
          g_value_set_string (&value, (const char *) sqlite3_column_text (stmt, col++));
          break;
        case KAM_FIELD_REFS:
          {
            sqlite3_stmt *link_stmt = kam_store_prepare (self, sql->link_select[link++], NULL);
            g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

            if (link_stmt != NULL)
              {
                sqlite3_bind_text (link_stmt, 1, kam_record_get_id (record), -1, SQLITE_TRANSIENT);
                while (sqlite3_step (link_stmt) == SQLITE_ROW)
                  g_strv_builder_add (builder, column_text (link_stmt, 0));
                sqlite3_reset (link_stmt);
              }
            g_value_take_boxed (&value, g_strv_builder_end (builder));
          }
          break;
        case KAM_FIELD_TEXT:
        case KAM_FIELD_DATE:
        case KAM_FIELD_DATETIME:
        case KAM_FIELD_JSON:
        default:
          g_value_set_string (&value, column_text (stmt, col++));
          break;
        }

      kam_record_take_value (record, i, &value);
    }

  return g_steal_pointer (&record);
}

static KamRecord *
load_one (KamStore            *self,
          const KamRecordKind *kind,
          const char          *id,
          gboolean             include_deleted,
          GError             **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (self, kind_sql (kind)->by_id, error);
  KamRecord *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (include_deleted || sqlite3_column_int64 (stmt, 5) == 0)
        record = kam_store_record_from_row (self, kind, stmt);
      sqlite3_reset (stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        kam_store_set_sqlite_error (self, rc, error);
    }

  return record;
}

KamRecord *
kam_store_load (KamStore            *self,
                const KamRecordKind *kind,
                const char          *id,
                GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  g_return_val_if_fail (KAM_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint k = 0; k < n_kinds; k++)
    {
      KamRecord *record;

      if (kind != NULL && kinds[k] != kind)
        continue;

      record = load_one (self, kinds[k], id, FALSE, &local_error);
      if (record != NULL)
        return record;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (kind != NULL)
    g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                 _("There is no %s with id %s"), g_dgettext (GETTEXT_PACKAGE, kind->label), id);
  else
    g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                 _("There is no record with id %s"), id);
  return NULL;
}

GPtrArray *
kam_store_load_all (KamStore            *self,
                    const KamRecordKind *kind,
                    GError             **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = kam_store_prepare (self, kind_sql (kind)->all, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  /* The row loop reuses the link statements, which are separate. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, kam_store_record_from_row (self, kind, stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

void
kam_store_notify_external_change (KamStore *self)
{
  gint64 seq = 0;

  g_return_if_fail (KAM_IS_STORE (self));

  if (read_int (self, "SELECT value FROM meta WHERE key = 'local_seq'", &seq, NULL))
    self->local_seq = MAX (self->local_seq, seq);
  g_signal_emit (self, signals[CHANGED], 0,
                 (guint) (KAM_CHANGE_MEMBER | KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT | KAM_CHANGE_RELATION
                          | KAM_CHANGE_VISIT | KAM_CHANGE_OPPORTUNITY | KAM_CHANGE_SETTINGS));
}

guint
kam_store_count (KamStore            *self,
                 const KamRecordKind *kind)
{
  sqlite3_stmt *stmt = kam_store_prepare (self, kind_sql (kind)->count, NULL);
  guint n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

/* Saving ----------------------------------------------------------------- */

static gboolean
reference_exists (KamStore    *self,
                  const char  *table,
                  const char  *id,
                  GError     **error)
{
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);
  sqlite3_stmt *stmt;
  gboolean found;

  for (guint k = 0; k < n_kinds; k++)
    if (g_str_equal (kinds[k]->name, table))
      {
        stmt = kam_store_prepare (self, kind_sql (kinds[k])->exists, error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
        found = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == 0;
        sqlite3_reset (stmt);
        return found;
      }

  g_return_val_if_reached (FALSE);
}

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* An opportunity whose stage changed gets a stage history entry and its
 * closing date; the probability override is left as the user set it. */
static void
track_stage (KamRecord *record,
             KamRecord *previous)
{
  KamStage stage = kam_record_get_int (record, "stage");
  const char *history = kam_record_get_string (record, "stage_history");
  g_autoptr(JsonNode) node = json_from_string (history && *history ? history : "[]", NULL);
  g_autofree char *today = today_string ();
  JsonArray *array;
  const char *last_stage = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  int index;

  if (previous != NULL && kam_record_get_int (previous, "stage") == (int) stage)
    return;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_clear_pointer (&node, json_node_unref);
      node = json_node_init_array (json_node_alloc (), json_array_new ());
    }

  array = json_node_get_array (node);
  if (json_array_get_length (array) > 0)
    last_stage = json_object_get_string_member_with_default (
      json_array_get_object_element (array, json_array_get_length (array) - 1), "stage", NULL);

  /* An import brings its own history: do not add what it already says. */
  if (g_strcmp0 (last_stage, kam_enum_to_string (KAM_TYPE_STAGE, stage)) != 0)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "stage", kam_enum_to_string (KAM_TYPE_STAGE, stage));
      json_object_set_string_member (entry, "date", today);
      json_array_add_object_element (array, entry);

      index = kam_record_kind_field_index (kam_record_get_kind (record), "stage_history");
      g_value_init (&value, G_TYPE_STRING);
      g_value_take_string (&value, json_to_string (node, FALSE));
      kam_record_take_value (record, index, &value);
      g_value_unset (&value);
    }

  index = kam_record_kind_field_index (kam_record_get_kind (record), "closed_on");
  g_value_init (&value, G_TYPE_STRING);
  if (kam_stage_is_closed (stage))
    {
      const char *closed = kam_record_get_string (record, "closed_on");
      g_value_set_string (&value, closed && *closed ? closed : today);
    }
  else
    g_value_set_static_string (&value, "");
  kam_record_take_value (record, index, &value);
}

static void
bind_field (sqlite3_stmt   *stmt,
            int             param,
            const KamField *f,
            const GValue   *value)
{
  switch (f->type)
    {
    case KAM_FIELD_INT:
      sqlite3_bind_int (stmt, param, g_value_get_int (value));
      break;
    case KAM_FIELD_REAL:
      sqlite3_bind_double (stmt, param, g_value_get_double (value));
      break;
    case KAM_FIELD_ENUM:
      sqlite3_bind_text (stmt, param, kam_enum_to_string (G_VALUE_TYPE (value), g_value_get_enum (value)),
                         -1, SQLITE_STATIC);
      break;
    case KAM_FIELD_REF:
      if (g_value_get_string (value) != NULL)
        sqlite3_bind_text (stmt, param, g_value_get_string (value), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, param);
      break;
    case KAM_FIELD_REFS:
      break;
    case KAM_FIELD_TEXT:
    case KAM_FIELD_DATE:
    case KAM_FIELD_DATETIME:
    case KAM_FIELD_JSON:
    default:
      sqlite3_bind_text (stmt, param, g_value_get_string (value) ? g_value_get_string (value) : "",
                         -1, SQLITE_TRANSIENT);
      break;
    }
}

static gboolean
check_record_rules (KamRecord  *record,
                    GError    **error)
{
  const KamRecordKind *kind = kam_record_get_kind (record);

  if (kind == &kam_visit_kind)
    {
      const char *start = kam_record_get_string (record, "start_at");
      const char *end = kam_record_get_string (record, "end_at");

      /* Both are normalised to UTC "YYYY-MM-DDTHH:MM:SSZ": text order is time order. */
      if (g_strcmp0 (end, start) < 0)
        {
          g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                       _("A visit cannot end before it starts"));
          return FALSE;
        }
    }
  else if (kind == &kam_relation_kind)
    {
      if (g_strcmp0 (kam_record_get_string (record, "from_id"), kam_record_get_string (record, "to_id")) == 0)
        {
          g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                       _("A relation must link two different contacts"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
save_links (KamStore     *self,
            KamRecord    *record,
            KamRecord    *previous,
            KamSaveFlags  flags,
            GError      **error)
{
  const KamRecordKind *kind = kam_record_get_kind (record);
  KindSql *sql = kind_sql (kind);
  guint link = 0;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];
      const char * const *ids;
      sqlite3_stmt *stmt;
      int rc;

      if (f->type != KAM_FIELD_REFS)
        continue;

      /* A new record has no links yet. */
      if (previous != NULL)
        {
          stmt = kam_store_prepare (self, sql->link_delete[link], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, kam_record_get_id (record), -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            return kam_store_set_sqlite_error (self, rc, error);
        }

      ids = g_value_get_boxed (kam_record_peek_value (record, i));
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          const char * const *before = previous ? g_value_get_boxed (kam_record_peek_value (previous, i)) : NULL;

          if (!(self->bulk && (flags & KAM_SAVE_DEFER_REFERENCES)) && !(before != NULL && g_strv_contains (before, ids[j]))
              && !reference_exists (self, f->ref_table, ids[j], error))
            {
              if (error && *error == NULL)
                g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                             _("%s: there is no record with id %s"),
                             g_dgettext (GETTEXT_PACKAGE, f->label), ids[j]);
              return FALSE;
            }

          stmt = kam_store_prepare (self, sql->link_insert[link], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, kam_record_get_id (record), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, ids[j], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 3, j);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            return kam_store_set_sqlite_error (self, rc, error);
        }

      link++;
    }

  return TRUE;
}

static gboolean
save_in_transaction (KamStore     *self,
                     KamRecord    *record,
                     KamSaveFlags  flags,
                     GError      **error)
{
  const KamRecordKind *kind = kam_record_get_kind (record);
  KindSql *sql = kind_sql (kind);
  g_autoptr(KamRecord) previous = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *extra = NULL;
  const char *created_at;
  sqlite3_stmt *stmt;
  int rc;

  if (!(flags & KAM_SAVE_NEW))
    previous = load_one (self, kind, kam_record_get_id (record), TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];
      const char *ref;

      if (f->type != KAM_FIELD_REF)
        continue;
      ref = g_value_get_string (kam_record_peek_value (record, i));
      if (ref == NULL)
        continue;
      /* A reference the record already had may point at a record deleted
       * since: editing something else must still be possible.  A bulk load
       * checks all references at once when it commits. */
      if ((self->bulk && (flags & KAM_SAVE_DEFER_REFERENCES))
          || (previous != NULL && g_strcmp0 (ref, g_value_get_string (kam_record_peek_value (previous, i))) == 0))
        continue;
      if (!reference_exists (self, f->ref_table, ref, &local_error))
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                         _("%s: there is no record with id %s"),
                         g_dgettext (GETTEXT_PACKAGE, f->label), ref);
          return FALSE;
        }
    }

  if (kind == &kam_opportunity_kind && !(flags & KAM_SAVE_KEEP_HISTORY))
    track_stage (record, previous);

  if (kind == &kam_account_kind
      && (previous == NULL
          || kam_record_get_double (previous, "revenue_this_year") != kam_record_get_double (record, "revenue_this_year")
          || g_strcmp0 (kam_record_get_string (previous, "tier_pinned"), kam_record_get_string (record, "tier_pinned")) != 0))
    self->tiers_stale = TRUE;

  if (kam_record_get_extra (record) != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), kam_record_get_extra (record));
      extra = json_to_string (node, FALSE);
    }

  created_at = kam_record_get_created_at (record);
  if ((flags & KAM_SAVE_KEEP_TIMESTAMPS) && created_at != NULL && kam_record_get_updated_at (record) != NULL)
    now = g_strdup (kam_record_get_updated_at (record));
  else
    {
      now = kam_now_iso8601 ();
      if (created_at == NULL || previous != NULL)
        created_at = previous ? kam_record_get_created_at (previous) : now;
    }

  stmt = kam_store_prepare (self, previous ? sql->update : sql->insert, error);
  if (stmt == NULL)
    return FALSE;

  self->local_seq++;
  self->seq_stale = TRUE;

  sqlite3_bind_text (stmt, 1, kam_record_get_id (record), -1, SQLITE_TRANSIENT);
  if (previous == NULL)
    sqlite3_bind_text (stmt, 2, created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (extra != NULL)
    sqlite3_bind_text (stmt, 4, extra, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, self->local_seq);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];

      if (f->type == KAM_FIELD_REFS || (f->flags & KAM_FIELD_FLAG_LOCAL))
        continue;
      bind_field (stmt, i + 6, f, kam_record_peek_value (record, i));
    }

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self, rc, error);

  if (!save_links (self, record, previous, flags, error))
    return FALSE;

  kam_record_set_timestamps (record, created_at, now);
  kam_store_note_changed (self, kam_store_kind_flag (kind));
  if (kind == &kam_visit_kind)
    kam_store_note_changed (self, KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT);

  return TRUE;
}

gboolean
kam_store_save (KamStore   *self,
                KamRecord  *record,
                GError    **error)
{
  return kam_store_save_full (self, record, KAM_SAVE_DEFAULT, error);
}

gboolean
kam_store_save_full (KamStore      *self,
                     KamRecord     *record,
                     KamSaveFlags   flags,
                     GError       **error)
{
  g_return_val_if_fail (KAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (KAM_IS_RECORD (record), FALSE);

  if (!kam_record_validate (record, error) || !check_record_rules (record, error))
    return FALSE;

  if (!kam_store_begin (self, error))
    return FALSE;

  if (!save_in_transaction (self, record, flags, error) || !kam_store_commit (self, error))
    {
      kam_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* Deleting --------------------------------------------------------------- */

typedef struct {
  const KamRecordKind *kind;
  const char          *sql;
} Dependent;

/* What is deleted with a record: rows whose deleted marker is set to the
 * same change number, so that undelete restores exactly them. */
static const char account_contacts[] =
  "UPDATE contact SET deleted = ?2, dirty = 1, local_seq = ?2, updated_at = ?3 WHERE account_id = ?1 AND deleted = 0";
static const char account_visits[] =
  "UPDATE visit SET deleted = ?2, dirty = 1, local_seq = ?2, updated_at = ?3 WHERE account_id = ?1 AND deleted = 0";
static const char account_opportunities[] =
  "UPDATE opportunity SET deleted = ?2, dirty = 1, local_seq = ?2, updated_at = ?3 WHERE account_id = ?1 AND deleted = 0";
static const char account_relations[] =
  "UPDATE relation SET deleted = ?2, dirty = 1, local_seq = ?2, updated_at = ?3 WHERE deleted = 0 AND "
  "(from_id IN (SELECT id FROM contact WHERE account_id = ?1) OR to_id IN (SELECT id FROM contact WHERE account_id = ?1))";
static const char contact_relations[] =
  "UPDATE relation SET deleted = ?2, dirty = 1, local_seq = ?2, updated_at = ?3 WHERE deleted = 0 AND (from_id = ?1 OR to_id = ?1)";

static const char undelete_contacts[] =
  "UPDATE contact SET deleted = 0, dirty = 1, local_seq = ?3, updated_at = ?4 WHERE deleted = ?2 AND account_id = ?1";
static const char undelete_visits[] =
  "UPDATE visit SET deleted = 0, dirty = 1, local_seq = ?3, updated_at = ?4 WHERE deleted = ?2 AND account_id = ?1";
static const char undelete_opportunities[] =
  "UPDATE opportunity SET deleted = 0, dirty = 1, local_seq = ?3, updated_at = ?4 WHERE deleted = ?2 AND account_id = ?1";
static const char undelete_relations[] =
  "UPDATE relation SET deleted = 0, dirty = 1, local_seq = ?3, updated_at = ?4 WHERE deleted = ?2";

static const KamRecordKind *
find_kind_of (KamStore    *self,
              const char  *id,
              gint64      *deleted,
              GError     **error)
{
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    {
      sqlite3_stmt *stmt = kam_store_prepare (self, kind_sql (kinds[k])->exists, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *deleted = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          return kinds[k];
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          kam_store_set_sqlite_error (self, rc, error);
          return NULL;
        }
    }

  g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
               _("There is no record with id %s"), id);
  return NULL;
}

static gboolean
run_marked (KamStore    *self,
            const char  *sql,
            const char  *id,
            gint64       mark,
            gint64       seq,
            const char  *now,
            GError     **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, mark);
  if (seq >= 0)
    {
      sqlite3_bind_int64 (stmt, 3, seq);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Sets the deletion marker of one record (0 brings it back), as a local
 * change with change number @seq. */
static gboolean
set_deleted (KamStore            *self,
             const KamRecordKind *kind,
             const char          *id,
             gint64               mark,
             gint64               seq,
             const char          *now,
             GError             **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (self, kind_sql (kind)->mark_deleted, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, mark);
  sqlite3_bind_int64 (stmt, 3, seq);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The kinds a deletion (or its undoing) of a @kind record changes. */
static KamChangeFlags
deletion_changes (const KamRecordKind *kind)
{
  if (kind == &kam_account_kind)
    return KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT | KAM_CHANGE_RELATION
           | KAM_CHANGE_VISIT | KAM_CHANGE_OPPORTUNITY;
  return kam_store_kind_flag (kind)
         | (kind == &kam_contact_kind ? KAM_CHANGE_RELATION : 0)
         | (kind == &kam_visit_kind ? KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT : 0);
}

gboolean
kam_store_delete (KamStore    *self,
                  const char  *id,
                  GError     **error)
{
  const KamRecordKind *kind;
  g_autofree char *now = kam_now_iso8601 ();
  gint64 deleted = 0;
  gint64 mark;
  gboolean ok;

  g_return_val_if_fail (KAM_IS_STORE (self), FALSE);

  if (!kam_store_begin (self, error))
    return FALSE;

  kind = find_kind_of (self, id, &deleted, error);
  if (kind == NULL)
    goto fail;
  if (deleted != 0)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                   _("There is no record with id %s"), id);
      goto fail;
    }

  /* The deletion marker is the change number, unique to this deletion. */
  mark = ++self->local_seq;
  self->seq_stale = TRUE;

  ok = (kind != &kam_account_kind
           || (run_marked (self, account_relations, id, mark, -1, now, error)
               && run_marked (self, account_contacts, id, mark, -1, now, error)
               && run_marked (self, account_visits, id, mark, -1, now, error)
               && run_marked (self, account_opportunities, id, mark, -1, now, error)))
       && (kind != &kam_contact_kind
           || run_marked (self, contact_relations, id, mark, -1, now, error));
  if (!ok)
    goto fail;

  if (!set_deleted (self, kind, id, mark, mark, now, error))
    goto fail;

  if (kind == &kam_account_kind)
    self->tiers_stale = TRUE;
  kam_store_note_changed (self, deletion_changes (kind));

  if (!kam_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  kam_store_rollback (self);
  return FALSE;
}

gboolean
kam_store_undelete (KamStore    *self,
                    const char  *id,
                    GError     **error)
{
  const KamRecordKind *kind;
  g_autofree char *now = kam_now_iso8601 ();
  gint64 mark = 0;
  gint64 seq;
  gboolean ok;

  g_return_val_if_fail (KAM_IS_STORE (self), FALSE);

  if (!kam_store_begin (self, error))
    return FALSE;

  kind = find_kind_of (self, id, &mark, error);
  if (kind == NULL)
    goto fail;
  if (mark == 0)
    {
      kam_store_rollback (self);
      return TRUE;   /* not deleted: nothing to undo */
    }

  seq = ++self->local_seq;
  self->seq_stale = TRUE;

  if (!set_deleted (self, kind, id, 0, seq, now, error))
    goto fail;

  ok = (kind != &kam_account_kind
        || (run_marked (self, undelete_contacts, id, mark, seq, now, error)
            && run_marked (self, undelete_visits, id, mark, seq, now, error)
            && run_marked (self, undelete_opportunities, id, mark, seq, now, error)))
       && ((kind != &kam_account_kind && kind != &kam_contact_kind)
           || run_marked (self, undelete_relations, id, mark, seq, now, error));
  if (!ok)
    goto fail;

  if (kind == &kam_account_kind)
    self->tiers_stale = TRUE;
  kam_store_note_changed (self, deletion_changes (kind));

  if (!kam_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  kam_store_rollback (self);
  return FALSE;
}

/* Settings --------------------------------------------------------------- */

char *
kam_store_get_setting (KamStore   *self,
                       const char *key,
                       const char *fallback)
{
  sqlite3_stmt *stmt = kam_store_prepare (self, "SELECT value FROM setting WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup (column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return value ? value : g_strdup (fallback);
}

gboolean
kam_store_set_setting (KamStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!kam_store_begin (self, error))
    return FALSE;

  stmt = kam_store_prepare (self, "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (self, rc, error);
      goto fail;
    }

  if (g_str_has_prefix (key, "abc-"))
    self->tiers_stale = TRUE;
  kam_store_note_changed (self, KAM_CHANGE_SETTINGS);

  if (!kam_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  kam_store_rollback (self);
  return FALSE;
}

/* Search ----------------------------------------------------------------- */

void
kam_search_hit_free (KamSearchHit *hit)
{
  g_free (hit->id);
  g_free (hit->title);
  g_free (hit->subtitle);
  g_free (hit);
}

/* Accounts are few (thousands): their matches are ranked by revenue.
 * Contacts are many (a common surname matches tens of thousands): they come
 * in index order so that the LIMIT stops the scan, keeping every keystroke
 * within a frame. */
static const char search_accounts_sql[] =
  "SELECT a.id, a.name, a.local_name, a.industry FROM account_fts f JOIN account a ON a.rowid = f.rowid "
  "WHERE account_fts MATCH ?1 ORDER BY a.revenue_this_year DESC LIMIT ?2";
static const char search_contacts_sql[] =
  "SELECT c.id, c.name, c.title, a.name FROM contact_fts f JOIN contact c ON c.rowid = f.rowid "
  "JOIN account a ON a.id = c.account_id "
  "WHERE contact_fts MATCH ?1 LIMIT ?2";

static gboolean
search_into (KamStore            *self,
             GPtrArray           *hits,
             const KamRecordKind *kind,
             const char          *sql,
             const char          *expr,
             gboolean             name_match,
             guint                limit,
             GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (hits->len >= limit)
    return TRUE;

  stmt = kam_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit - hits->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamSearchHit *hit = g_new0 (KamSearchHit, 1);
      const char *local = column_text (stmt, 2);

      hit->kind = kind;
      hit->id = g_strdup (column_text (stmt, 0));
      hit->name_match = name_match;
      if (kind == &kam_account_kind && *local != '\0')
        hit->title = g_strdup_printf ("%s (%s)", column_text (stmt, 1), local);
      else
        hit->title = g_strdup (column_text (stmt, 1));
      if (kind == &kam_account_kind)
        hit->subtitle = g_strdup (kam_industry_label (column_text (stmt, 3)));
      else if (*local != '\0')
        hit->subtitle = g_strdup_printf ("%s · %s", local, column_text (stmt, 3));
      else
        hit->subtitle = g_strdup (column_text (stmt, 3));
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

GPtrArray *
kam_store_search (KamStore    *self,
                  const char  *text,
                  guint        limit,
                  GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_search_hit_free);
  g_autofree char *names = kam_search_match_expr (text, "names");
  g_autofree char *any = kam_search_match_expr (text, NULL);
  g_autofree char *other = NULL;

  g_return_val_if_fail (KAM_IS_STORE (self), NULL);

  if (names == NULL || limit == 0)
    return g_steal_pointer (&hits);

  other = g_strdup_printf ("{other} : (%s) NOT {names} : (%s)", any, any);

  if (!search_into (self, hits, &kam_account_kind, search_accounts_sql, names, TRUE, limit, error)
      || !search_into (self, hits, &kam_contact_kind, search_contacts_sql, names, TRUE, limit, error)
      || !search_into (self, hits, &kam_contact_kind, search_contacts_sql, other, FALSE, limit, error))
    return NULL;

  return g_steal_pointer (&hits);
}

/* Tiers ------------------------------------------------------------------ */

gboolean
kam_store_update_tiers (KamStore  *self,
                        GError   **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) inputs = g_array_new (FALSE, FALSE, sizeof (KamAbcAccount));
  g_autoptr(GArray) current = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree KamTier *tiers = NULL;
  g_autofree char *a_text = kam_store_get_setting (self, "abc-a", "0.80");
  g_autofree char *b_text = kam_store_get_setting (self, "abc-b", "0.95");
  KamAbcThresholds thresholds;
  sqlite3_stmt *stmt;
  int rc;

  kam_abc_thresholds_init_default (&thresholds);
  thresholds.a = g_ascii_strtod (a_text, NULL);
  thresholds.b = g_ascii_strtod (b_text, NULL);
  if (!kam_abc_thresholds_valid (&thresholds))
    kam_abc_thresholds_init_default (&thresholds);

  stmt = kam_store_prepare (self,
                            "SELECT rowid, revenue_this_year, tier_pinned, tier FROM account WHERE deleted = 0",
                            error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      KamAbcAccount in = { .revenue = sqlite3_column_double (stmt, 1), .pinned_tier = -1 };
      int tier = KAM_TIER_C;

      kam_enum_from_string (KAM_TYPE_TIER, column_text (stmt, 2), &in.pinned_tier);
      kam_enum_from_string (KAM_TYPE_TIER, column_text (stmt, 3), &tier);
      g_array_append_val (rowids, rowid);
      g_array_append_val (inputs, in);
      g_array_append_val (current, tier);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self, rc, error);

  tiers = g_new (KamTier, MAX (inputs->len, 1));
  kam_abc_classify ((const KamAbcAccount *) (gpointer) inputs->data, inputs->len, &thresholds, tiers);

  stmt = kam_store_prepare (self, "UPDATE account SET tier = ? WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rowids->len; i++)
    {
      if ((int) tiers[i] == g_array_index (current, int, i))
        continue;

      sqlite3_bind_text (stmt, 1, kam_enum_to_string (KAM_TYPE_TIER, tiers[i]), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_array_index (rowids, gint64, i));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return kam_store_set_sqlite_error (self, rc, error);
    }

  kam_store_note_changed (self, KAM_CHANGE_ACCOUNT);
  return TRUE;
}
