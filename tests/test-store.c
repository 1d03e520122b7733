/* test-store.c — the SQLite store: opening, migrations, saving, deleting,
 * transactions, derived columns and what happens to files that are not ours
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on real SQLite files in a temporary folder of its own.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kam-collate.h"
#include "kam-model.h"
#include "kam-schema.sql.h"
#include "kam-search.h"
#include "kam-store-private.h"

#define KAM_APPLICATION_ID 0x4B414D31

/* Fixture ---------------------------------------------------------------- */

typedef struct {
  char     *dir;
  char     *path;
  KamStore *store;
  guint     n_changed;
  guint     last_flags;
} Fixture;

static void
changed_cb (KamStore *store,
            guint     flags,
            Fixture  *fx)
{
  fx->n_changed++;
  fx->last_flags = flags;
}

static void
fixture_setup_empty (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("kam-store-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "key-accounts.db", NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_setup_empty (fx, data);
  fx->store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->store);
  g_signal_connect (fx->store, "changed", G_CALLBACK (changed_cb), fx);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = NULL;
      const char *name;

      g_chmod (path, 0700);
      d = g_dir_open (path, 0, NULL);
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->store);
  remove_tree (fx->dir);
  g_assert_false (g_file_test (fx->dir, G_FILE_TEST_EXISTS));
  g_free (fx->path);
  g_free (fx->dir);
}

static void
reopen (Fixture *fx)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fx->store);
  fx->store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_signal_connect (fx->store, "changed", G_CALLBACK (changed_cb), fx);
}

/* SQL helpers ------------------------------------------------------------ */

static sqlite3_stmt *
query (sqlite3    *db,
       const char *sql,
       const char *param)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* The first column of the only row of @sql (with ?1 bound to @param). */
static gint64
sql_int (sqlite3    *db,
         const char *sql,
         const char *param)
{
  sqlite3_stmt *stmt = query (db, sql, param);
  gint64 value;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s (%s): no row: %s", sql, param ? param : "", sqlite3_errmsg (db));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
sql_text (sqlite3    *db,
          const char *sql,
          const char *param)
{
  sqlite3_stmt *stmt = query (db, sql, param);
  char *value;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s (%s): no row: %s", sql, param ? param : "", sqlite3_errmsg (db));
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

#define assert_sql_text(db, sql, param, expected) \
  G_STMT_START { \
    g_autofree char *_got = sql_text ((db), (sql), (param)); \
    g_assert_cmpstr (_got, ==, (expected)); \
  } G_STMT_END

static void
sql_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (db));
  return db;
}

static void
kam_tokens_func (sqlite3_context  *ctx,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_text (ctx, kam_search_tokens (text ? text : ""), -1, g_free);
}

/* A raw connection that can write to our tables (whose triggers call
 * kam_tokens() from version 2 on, and whose name indexes kam_collate_key()). */
static sqlite3 *
raw_open_ours (const char *path)
{
  sqlite3 *db = raw_open (path);

  kam_collate_register (db);
  sqlite3_create_function (db, "kam_tokens", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, kam_tokens_func, NULL, NULL);
  return db;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static gboolean
sidecar_exists (const char *path,
                const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

/* Record helpers --------------------------------------------------------- */

static void
set_ok (KamRecord  *record,
        const char *field,
        const char *text)
{
  g_autoptr(GError) error = NULL;

  kam_record_set_from_string (record, field, text, &error);
  if (error != NULL)
    g_error ("%s = “%s”: %s", field, text, error->message);
}

static void
save_ok (KamStore  *store,
         KamRecord *record)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = kam_store_save (store, record, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static KamRecord *
account_new (const char *name,
             const char *revenue)
{
  KamRecord *a = kam_record_new (&kam_account_kind);

  set_ok (a, "name", name);
  set_ok (a, "revenue_this_year", revenue);
  return a;
}

static KamRecord *
add_account (KamStore   *store,
             const char *name,
             const char *revenue)
{
  KamRecord *a = account_new (name, revenue);

  save_ok (store, a);
  return a;
}

static KamRecord *
add_contact (KamStore   *store,
             KamRecord  *account,
             const char *name)
{
  KamRecord *c = kam_record_new (&kam_contact_kind);

  set_ok (c, "account_id", kam_record_get_id (account));
  set_ok (c, "name", name);
  save_ok (store, c);
  return c;
}

static KamRecord *
add_relation (KamStore  *store,
              KamRecord *from,
              KamRecord *to)
{
  KamRecord *r = kam_record_new (&kam_relation_kind);

  set_ok (r, "from_id", kam_record_get_id (from));
  set_ok (r, "to_id", kam_record_get_id (to));
  save_ok (store, r);
  return r;
}

static KamRecord *
visit_new (KamRecord  *account,
           const char *start,
           const char *status,
           const char *contact_ids)
{
  KamRecord *v = kam_record_new (&kam_visit_kind);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (start, NULL);
  g_autoptr(GDateTime) end = g_date_time_add_hours (dt, 1);
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");

  set_ok (v, "account_id", kam_record_get_id (account));
  set_ok (v, "start_at", start);
  set_ok (v, "end_at", end_text);
  set_ok (v, "status", status);
  set_ok (v, "contact_ids", contact_ids ? contact_ids : "");
  return v;
}

static KamRecord *
add_opportunity (KamStore   *store,
                 KamRecord  *account,
                 const char *name)
{
  KamRecord *o = kam_record_new (&kam_opportunity_kind);

  set_ok (o, "account_id", kam_record_get_id (account));
  set_ok (o, "name", name);
  save_ok (store, o);
  return o;
}

static KamRecord *
load_ok (KamStore            *store,
         const KamRecordKind *kind,
         const char          *id)
{
  g_autoptr(GError) error = NULL;
  KamRecord *r = kam_store_load (store, kind, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_true (kam_record_get_kind (r) == kind);
  return r;
}

static void
assert_not_found (KamStore            *store,
                  const KamRecordKind *kind,
                  const char          *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) r = kam_store_load (store, kind, id, &error);

  g_assert_null (r);
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* and not in any other kind either */
  r = kam_store_load (store, NULL, id, &error);
  g_assert_null (r);
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
}

/* Every field that is not local has the same value in both. */
static void
assert_fields_equal (KamRecord *a,
                     KamRecord *b)
{
  const KamRecordKind *kind = kam_record_get_kind (a);

  g_assert_true (kind == kam_record_get_kind (b));
  g_assert_cmpstr (kam_record_get_id (a), ==, kam_record_get_id (b));

  for (guint i = 0; i < kind->n_fields; i++)
    {
      g_autofree char *va = NULL;
      g_autofree char *vb = NULL;

      if (kind->fields[i].flags & KAM_FIELD_FLAG_LOCAL)
        continue;
      va = kam_record_dup_string (a, kind->fields[i].name);
      vb = kam_record_dup_string (b, kind->fields[i].name);
      if (g_strcmp0 (va, vb) != 0)
        g_error ("%s.%s: “%s” != “%s”", kind->name, kind->fields[i].name, va, vb);
    }
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gint64
meta_seq (KamStore *store)
{
  return sql_int (kam_store_get_db (store), "SELECT value FROM meta WHERE key = 'local_seq'", NULL);
}

/* Opening ----------------------------------------------------------------- */

static void
test_open_new (Fixture       *fx,
               gconstpointer  data)
{
  sqlite3 *db = kam_store_get_db (fx->store);
  g_autofree char *mode = NULL;
  g_autofree char *def = NULL;

  g_assert_true (g_file_test (fx->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (kam_store_get_path (fx->store), ==, fx->path);
  g_assert_cmpint (KAM_SCHEMA_VERSION, >=, 2);
  g_assert_cmpint (kam_store_get_schema_version (fx->store), ==, KAM_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (db, "PRAGMA application_id", NULL), ==, 0x4B414D31);
  g_assert_cmpint (sql_int (db, "PRAGMA user_version", NULL), ==, KAM_SCHEMA_VERSION);
  mode = sql_text (db, "PRAGMA journal_mode", NULL);
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (sql_int (db, "PRAGMA foreign_keys", NULL), ==, 1);
  g_assert_cmpint (meta_seq (fx->store), ==, 0);

  /* tables of every kind, empty */
  {
    guint n_kinds;
    const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

    for (guint k = 0; k < n_kinds; k++)
      g_assert_cmpuint (kam_store_count (fx->store, kinds[k]), ==, 0);
  }
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM sqlite_master WHERE name IN ('account_fts', 'contact_fts')", NULL), ==, 2);

  /* settings fall back */
  def = kam_store_get_setting (fx->store, "cadence-a", "7");
  g_assert_cmpstr (def, ==, "7");

  /* opened again: the same file, nothing migrated */
  reopen (fx);
  g_assert_cmpint (kam_store_get_schema_version (fx->store), ==, KAM_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (kam_store_get_db (fx->store), "PRAGMA foreign_keys", NULL), ==, 1);
}

static void
test_open_creates_folder (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "a", "b", "kam.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = kam_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_open_folder (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = kam_store_open (fx->dir, &error);

  g_assert_null (store);
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, fx->dir));
}

static void
test_open_reopen (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(KamRecord) a = add_account (fx->store, "华为技术有限公司", "500");
  g_autoptr(KamRecord) b = NULL;
  g_autoptr(KamRecord) loaded = NULL;
  gint64 seq = meta_seq (fx->store);

  g_assert_cmpint (seq, ==, 1);
  reopen (fx);
  loaded = load_ok (fx->store, &kam_account_kind, kam_record_get_id (a));
  assert_fields_equal (a, loaded);
  g_assert_cmpint (meta_seq (fx->store), ==, seq);

  /* the change counter goes on where it was */
  b = add_account (fx->store, "中兴通讯", "300");
  g_assert_cmpint (sql_int (kam_store_get_db (fx->store), "SELECT local_seq FROM account WHERE id = ?1",
                            kam_record_get_id (b)), ==, seq + 1);
  g_assert_cmpint (meta_seq (fx->store), ==, seq + 1);
}

/* Two connections to one file (the GUI and a sync thread) must not hand out
 * the same change number twice. */
static void
test_open_two_connections (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) other = kam_store_open (fx->path, &error);
  g_autoptr(KamRecord) a = NULL;
  g_autoptr(KamRecord) b = NULL;
  g_autoptr(KamRecord) c = NULL;
  sqlite3 *db = kam_store_get_db (fx->store);
  gint64 sa, sb, sc;

  g_assert_no_error (error);

  a = add_account (fx->store, "Huawei", "100");
  b = add_account (other, "ZTE", "50");
  c = add_account (fx->store, "Lenovo", "10");

  sa = sql_int (db, "SELECT local_seq FROM account WHERE id = ?1", kam_record_get_id (a));
  sb = sql_int (db, "SELECT local_seq FROM account WHERE id = ?1", kam_record_get_id (b));
  sc = sql_int (db, "SELECT local_seq FROM account WHERE id = ?1", kam_record_get_id (c));
  g_assert_cmpint (sa, <, sb);
  g_assert_cmpint (sb, <, sc);
  g_assert_cmpint (meta_seq (fx->store), ==, sc);

  /* and the tiers are computed over the accounts of both: total 160,
   * bounds 128 and 152, before = 0, 100, 150 */
  assert_sql_text (db, "SELECT group_concat(tier, '') FROM (SELECT tier FROM account ORDER BY rowid)", NULL, "AAB");
}

/* Saving ------------------------------------------------------------------ */

static void
test_save_round_trip (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(KamRecord) m = kam_record_new (&kam_member_kind);
  g_autoptr(KamRecord) a = kam_record_new (&kam_account_kind);
  g_autoptr(KamRecord) c1 = kam_record_new (&kam_contact_kind);
  g_autoptr(KamRecord) c2 = kam_record_new (&kam_contact_kind);
  g_autoptr(KamRecord) r = kam_record_new (&kam_relation_kind);
  g_autoptr(KamRecord) v = kam_record_new (&kam_visit_kind);
  g_autoptr(KamRecord) o = kam_record_new (&kam_opportunity_kind);
  g_autoptr(JsonObject) extra = json_object_new ();
  KamRecord *all[7];
  g_autofree char *start = NULL;

  set_ok (m, "name", "王强");
  set_ok (m, "role", "KAM");
  set_ok (m, "email", "wang.qiang@example.com");
  set_ok (m, "phone", "+86 10 1234 5678");

  set_ok (a, "name", "Huawei Technologies");
  set_ok (a, "local_name", "华为技术有限公司");
  set_ok (a, "industry", "Telecom");
  set_ok (a, "region", "华南");
  set_ok (a, "owner_id", kam_record_get_id (m));
  set_ok (a, "tier_pinned", "B");
  set_ok (a, "value_type", "transactional");
  set_ok (a, "currency", "usd");
  set_ok (a, "annual_spend", "1,250,000");
  set_ok (a, "share_of_wallet", "35%");
  set_ok (a, "competitor_shares", "{\"Cisco\": 25, \"Nokia\": 10.5}");
  set_ok (a, "revenue_this_year", "437500.75");
  set_ok (a, "revenue_last_year", "400000");
  set_ok (a, "gross_margin", "-3.5");
  set_ok (a, "margin_score", "15");
  set_ok (a, "payment_score", "18");
  set_ok (a, "satisfaction", "4");
  set_ok (a, "loyalty_stage", "advocate");
  set_ok (a, "service_level", "Gold");
  set_ok (a, "needs_current", "5G core");
  set_ok (a, "needs_met", "RAN");
  set_ok (a, "needs_future", "Cloud");
  set_ok (a, "targets", "[{\"year\": 2026, \"amount\": 12000000, \"focus\": \"5G\"}]");
  set_ok (a, "strategy", "Land and expand; 'quotes' \"too\"");
  set_ok (a, "external_id", "CRM-1");
  json_object_set_string_member (extra, "wechat", "huawei_official");
  kam_record_set_extra (a, extra);

  set_ok (c1, "account_id", kam_record_get_id (a));
  set_ok (c1, "name", "张伟");
  set_ok (c1, "title", "CTO");
  set_ok (c1, "department", "网络部");
  set_ok (c1, "email", "zhang.wei@huawei.com");
  set_ok (c1, "phone", "138");
  set_ok (c1, "decision_role", "economic_buyer");
  set_ok (c1, "influence", "5");
  set_ok (c1, "attitude", "2");
  set_ok (c1, "strength", "4");
  set_ok (c1, "owner_id", kam_record_get_id (m));
  set_ok (c1, "notes", "喜欢喝茶");
  set_ok (c1, "external_id", "vcard-1");

  set_ok (c2, "account_id", kam_record_get_id (a));
  set_ok (c2, "name", "李娜");
  set_ok (c2, "reports_to_id", kam_record_get_id (c1));
  set_ok (c2, "attitude", "-1");

  set_ok (r, "from_id", kam_record_get_id (c1));
  set_ok (r, "to_id", kam_record_get_id (c2));
  set_ok (r, "kind", "ally");
  set_ok (r, "strength", "3");

  set_ok (v, "account_id", kam_record_get_id (a));
  set_ok (v, "start_at", "2026-03-02T01:30:00Z");
  set_ok (v, "end_at", "2026-03-02T03:00:00Z");
  set_ok (v, "place", "深圳坂田");
  set_ok (v, "kind", "meal");
  set_ok (v, "objective", "Close");
  start = g_strdup_printf ("%s,%s", kam_record_get_id (c2), kam_record_get_id (c1));
  set_ok (v, "contact_ids", start);
  set_ok (v, "member_ids", kam_record_get_id (m));
  set_ok (v, "status", "done");
  set_ok (v, "outcome", "Good");
  set_ok (v, "next_steps", "Quote");
  set_ok (v, "follow_up", "2026-03-09");
  set_ok (v, "external_id", "ics-1");

  set_ok (o, "account_id", kam_record_get_id (a));
  set_ok (o, "name", "5G core");
  set_ok (o, "amount", "8,000,000");
  set_ok (o, "currency", "eur");
  set_ok (o, "stage", "negotiation");
  set_ok (o, "probability", "55");
  set_ok (o, "expected_close", "2026/12/31");
  set_ok (o, "owner_id", kam_record_get_id (m));
  set_ok (o, "competitors", "Ericsson");
  set_ok (o, "next_step", "Offer");
  set_ok (o, "notes", "n");
  set_ok (o, "external_id", "SF-1");

  all[0] = m; all[1] = a; all[2] = c1; all[3] = c2; all[4] = r; all[5] = v; all[6] = o;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(KamRecord) loaded = NULL;
      g_autoptr(KamRecord) any = NULL;
      g_autoptr(GError) error = NULL;
      const KamRecordKind *kind = kam_record_get_kind (all[i]);
      g_autofree char *now = kam_now_iso8601 ();

      g_test_message ("kind %s", kind->name);
      save_ok (fx->store, all[i]);
      g_assert_nonnull (kam_record_get_created_at (all[i]));
      g_assert_cmpstr (kam_record_get_created_at (all[i]), ==, kam_record_get_updated_at (all[i]));
      g_assert_cmpstr (kam_record_get_created_at (all[i]), >=, now);

      loaded = load_ok (fx->store, kind, kam_record_get_id (all[i]));
      assert_fields_equal (all[i], loaded);
      g_assert_cmpstr (kam_record_get_created_at (loaded), ==, kam_record_get_created_at (all[i]));
      g_assert_cmpstr (kam_record_get_updated_at (loaded), ==, kam_record_get_updated_at (all[i]));

      /* without naming the kind */
      any = kam_store_load (fx->store, NULL, kam_record_get_id (all[i]), &error);
      g_assert_no_error (error);
      g_assert_true (kam_record_get_kind (any) == kind);
      assert_fields_equal (all[i], any);

      /* kinds without local fields are entirely equal */
      if (kind != &kam_account_kind && kind != &kam_contact_kind)
        g_assert_true (kam_record_values_equal (all[i], loaded));

      g_assert_cmpuint (kam_store_count (fx->store, kind), ==, kind == &kam_contact_kind && all[i] == c1 ? 1 : kind == &kam_contact_kind ? 2 : 1);
    }

  /* the attendees keep their order */
  {
    g_autoptr(KamRecord) loaded = load_ok (fx->store, &kam_visit_kind, kam_record_get_id (v));
    const char * const *ids = kam_record_get_strv (loaded, "contact_ids");

    g_assert_cmpuint (g_strv_length ((char **) ids), ==, 2);
    g_assert_cmpstr (ids[0], ==, kam_record_get_id (c2));
    g_assert_cmpstr (ids[1], ==, kam_record_get_id (c1));
  }

  /* unknown members of sync documents are kept */
  {
    g_autoptr(KamRecord) loaded = load_ok (fx->store, &kam_account_kind, kam_record_get_id (a));
    JsonObject *e = kam_record_get_extra (loaded);

    g_assert_nonnull (e);
    g_assert_cmpstr (json_object_get_string_member (e, "wechat"), ==, "huawei_official");
  }

  /* the derived columns were computed in the database */
  {
    g_autoptr(KamRecord) la = load_ok (fx->store, &kam_account_kind, kam_record_get_id (a));
    g_autoptr(KamRecord) lc = load_ok (fx->store, &kam_contact_kind, kam_record_get_id (c1));

    g_assert_cmpint (kam_account_get_tier (KAM_ACCOUNT (la)), ==, KAM_TIER_B);  /* pinned */
    g_assert_cmpstr (kam_record_get_string (la, "last_visit"), ==, "2026-03-02T01:30:00Z");
    g_assert_cmpstr (kam_record_get_string (lc, "last_met"), ==, "2026-03-02T01:30:00Z");
  }

  /* load_all: creation order, one per record */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) contacts = kam_store_load_all (fx->store, &kam_contact_kind, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (contacts->len, ==, 2);
    assert_fields_equal (c1, g_ptr_array_index (contacts, 0));
    assert_fields_equal (c2, g_ptr_array_index (contacts, 1));
  }

  /* an unknown id */
  assert_not_found (fx->store, &kam_account_kind, "no-such-id");
  /* an id of another kind */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KamRecord) wrong = kam_store_load (fx->store, &kam_account_kind, kam_record_get_id (c1), &error);

    g_assert_null (wrong);
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_save_dirty_seq (Fixture       *fx,
                     gconstpointer  data)
{
  sqlite3 *db = kam_store_get_db (fx->store);
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  const char *id = kam_record_get_id (a);
  g_autoptr(KamRecord) c = NULL;
  gint64 s1, s2;

  s1 = sql_int (db, "SELECT local_seq FROM account WHERE id = ?1", id);
  g_assert_cmpint (s1, >, 0);
  g_assert_cmpint (sql_int (db, "SELECT dirty FROM account WHERE id = ?1", id), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT deleted FROM account WHERE id = ?1", id), ==, 0);
  g_assert_cmpint (meta_seq (fx->store), ==, s1);

  /* the server acknowledged it */
  sql_exec (db, "UPDATE account SET dirty = 0");
  set_ok (a, "region", "华南");
  save_ok (fx->store, a);
  s2 = sql_int (db, "SELECT local_seq FROM account WHERE id = ?1", id);
  g_assert_cmpint (sql_int (db, "SELECT dirty FROM account WHERE id = ?1", id), ==, 1);
  g_assert_cmpint (s2, ==, s1 + 1);
  g_assert_cmpint (meta_seq (fx->store), ==, s2);

  /* each write of a transaction has its own number, the counter the last */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KamRecord) b = account_new ("ZTE", "50");

    g_assert_true (kam_store_begin (fx->store, &error));
    save_ok (fx->store, b);
    c = kam_record_new (&kam_contact_kind);
    set_ok (c, "account_id", id);
    set_ok (c, "name", "张伟");
    save_ok (fx->store, c);
    g_assert_true (kam_store_commit (fx->store, &error));
    g_assert_no_error (error);

    g_assert_cmpint (sql_int (db, "SELECT local_seq FROM account WHERE id = ?1", kam_record_get_id (b)), ==, s2 + 1);
    g_assert_cmpint (sql_int (db, "SELECT local_seq FROM contact WHERE id = ?1", kam_record_get_id (c)), ==, s2 + 2);
    g_assert_cmpint (meta_seq (fx->store), ==, s2 + 2);
  }

  /* a failed save moves nothing */
  {
    g_autoptr(KamRecord) bad = kam_record_new (&kam_contact_kind);
    g_autoptr(GError) error = NULL;

    set_ok (bad, "account_id", "missing");
    set_ok (bad, "name", "x");
    g_assert_false (kam_store_save (fx->store, bad, &error));
    g_assert_cmpint (meta_seq (fx->store), ==, s2 + 2);
    g_assert_cmpint (sql_int (db, "SELECT max(local_seq) FROM (SELECT local_seq FROM account UNION ALL SELECT local_seq FROM contact)", NULL), ==, s2 + 2);
  }
}

static void
test_save_timestamps (Fixture       *fx,
                      gconstpointer  data)
{
  sqlite3 *db = kam_store_get_db (fx->store);
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  g_autoptr(KamRecord) loaded = NULL;
  g_autoptr(KamRecord) fresh = NULL;
  g_autofree char *before = NULL;
  const char *id = kam_record_get_id (a);

  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$",
                                       kam_record_get_created_at (a), 0, 0));

  /* pretend it was made long ago */
  sql_exec (db, "UPDATE account SET created_at = '2020-01-01T00:00:00Z', updated_at = '2020-01-02T00:00:00Z'");
  loaded = load_ok (fx->store, &kam_account_kind, id);
  g_assert_cmpstr (kam_record_get_created_at (loaded), ==, "2020-01-01T00:00:00Z");

  before = kam_now_iso8601 ();
  set_ok (loaded, "name", "Huawei Technologies");
  save_ok (fx->store, loaded);
  g_assert_cmpstr (kam_record_get_created_at (loaded), ==, "2020-01-01T00:00:00Z");
  g_assert_cmpstr (kam_record_get_updated_at (loaded), >=, before);
  assert_sql_text (db, "SELECT created_at FROM account WHERE id = ?1", id, "2020-01-01T00:00:00Z");
  assert_sql_text (db, "SELECT updated_at FROM account WHERE id = ?1", id, kam_record_get_updated_at (loaded));
  g_assert_cmpstr (kam_record_get_updated_at (loaded), !=, "2020-01-02T00:00:00Z");

  /* a new object with the same id (an import) keeps created_at too */
  fresh = account_new ("Huawei Tech", "100");
  kam_record_set_id (fresh, id);
  save_ok (fx->store, fresh);
  g_assert_cmpstr (kam_record_get_created_at (fresh), ==, "2020-01-01T00:00:00Z");
  assert_sql_text (db, "SELECT created_at FROM account WHERE id = ?1", id, "2020-01-01T00:00:00Z");
  g_assert_cmpuint (kam_store_count (fx->store, &kam_account_kind), ==, 1);

  /* restoring a backup keeps both */
  {
    g_autoptr(KamRecord) restored = account_new ("Lenovo", "10");
    g_autoptr(GError) error = NULL;
    g_autoptr(KamRecord) back = NULL;

    kam_record_set_timestamps (restored, "2019-05-01T08:00:00Z", "2019-06-01T08:00:00Z");
    g_assert_true (kam_store_save_full (fx->store, restored, KAM_SAVE_KEEP_TIMESTAMPS, &error));
    g_assert_no_error (error);
    back = load_ok (fx->store, &kam_account_kind, kam_record_get_id (restored));
    g_assert_cmpstr (kam_record_get_created_at (back), ==, "2019-05-01T08:00:00Z");
    g_assert_cmpstr (kam_record_get_updated_at (back), ==, "2019-06-01T08:00:00Z");
  }
}

static void
test_save_missing_reference (Fixture       *fx,
                             gconstpointer  data)
{
  sqlite3 *db = kam_store_get_db (fx->store);
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  g_autoptr(KamRecord) c = add_contact (fx->store, a, "张伟");
  g_autoptr(KamRecord) gone = add_contact (fx->store, a, "李娜");
  gint64 seq;
  guint n_changed;
  g_autoptr(GError) error = NULL;

  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (gone), &error));
  g_assert_no_error (error);
  seq = meta_seq (fx->store);
  n_changed = fx->n_changed;

  /* a contact of no account */
  {
    g_autoptr(KamRecord) x = kam_record_new (&kam_contact_kind);

    set_ok (x, "account_id", "no-such-account");
    set_ok (x, "name", "王芳");
    g_assert_false (kam_store_save (fx->store, x, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "no-such-account"));
    g_assert_nonnull (strstr (error->message, "Account"));
    g_clear_error (&error);
    assert_not_found (fx->store, &kam_contact_kind, kam_record_get_id (x));
  }

  /* an account whose owner is no team member */
  {
    g_autoptr(KamRecord) x = account_new ("ZTE", "10");

    set_ok (x, "owner_id", kam_record_get_id (c));  /* a contact, not a member */
    g_assert_false (kam_store_save (fx->store, x, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Owner"));
    g_clear_error (&error);
  }

  /* reporting to a deleted contact */
  {
    g_autoptr(KamRecord) x = kam_record_new (&kam_contact_kind);

    set_ok (x, "account_id", kam_record_get_id (a));
    set_ok (x, "name", "王芳");
    set_ok (x, "reports_to_id", kam_record_get_id (gone));
    g_assert_false (kam_store_save (fx->store, x, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* a visit with an attendee that does not exist: the visit is not written
   * either */
  {
    g_autofree char *ids = g_strdup_printf ("%s,no-such-contact", kam_record_get_id (c));
    g_autoptr(KamRecord) v = visit_new (a, "2026-03-01T09:00:00Z", "done", ids);

    g_assert_false (kam_store_save (fx->store, v, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "no-such-contact"));
    g_clear_error (&error);
    g_assert_cmpint (sql_int (db, "SELECT count(*) FROM visit", NULL), ==, 0);
    g_assert_cmpint (sql_int (db, "SELECT count(*) FROM visit_contact", NULL), ==, 0);
    /* and the triggers' work was undone with it */
    assert_sql_text (db, "SELECT last_met FROM contact WHERE id = ?1", kam_record_get_id (c), "");
    assert_sql_text (db, "SELECT last_visit FROM account WHERE id = ?1", kam_record_get_id (a), "");
  }

  /* a relation to a contact that does not exist */
  {
    g_autoptr(KamRecord) r = kam_record_new (&kam_relation_kind);

    set_ok (r, "from_id", kam_record_get_id (c));
    set_ok (r, "to_id", "nobody");
    g_assert_false (kam_store_save (fx->store, r, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 1);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_account_kind), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contact", NULL), ==, 2);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM relation", NULL), ==, 0);
  g_assert_cmpint (meta_seq (fx->store), ==, seq);
  g_assert_cmpuint (fx->n_changed, ==, n_changed);
}

static void
test_save_invalid (Fixture       *fx,
                   gconstpointer  data)
{
  sqlite3 *db = kam_store_get_db (fx->store);
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  g_autoptr(KamRecord) c = add_contact (fx->store, a, "张伟");
  g_autoptr(GError) error = NULL;
  guint n_changed = fx->n_changed;

  /* required fields */
  {
    g_autoptr(KamRecord) x = kam_record_new (&kam_account_kind);

    g_assert_false (kam_store_save (fx->store, x, &error));
    g_assert_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED);
    g_clear_error (&error);
  }

  /* a visit that ends before it starts */
  {
    g_autoptr(KamRecord) v = kam_record_new (&kam_visit_kind);

    set_ok (v, "account_id", kam_record_get_id (a));
    set_ok (v, "start_at", "2026-03-01T10:00:00Z");
    set_ok (v, "end_at", "2026-03-01T09:59:00Z");
    g_assert_false (kam_store_save (fx->store, v, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
    g_clear_error (&error);

    /* ending when it starts is fine */
    set_ok (v, "end_at", "2026-03-01T10:00:00Z");
    save_ok (fx->store, v);
    /* an end in another zone compares by time, not by text */
    set_ok (v, "end_at", "2026-03-01T17:30:00+08:00");
    g_assert_false (kam_store_save (fx->store, v, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* a relation of a contact to itself */
  {
    g_autoptr(KamRecord) r = kam_record_new (&kam_relation_kind);

    set_ok (r, "from_id", kam_record_get_id (c));
    set_ok (r, "to_id", kam_record_get_id (c));
    g_assert_false (kam_store_save (fx->store, r, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM visit", NULL), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM relation", NULL), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM account", NULL), ==, 1);
  g_assert_cmpuint (fx->n_changed, ==, n_changed + 1);
}

/* A deleted record saved again comes back. */
static void
test_save_undeletes (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  g_autoptr(KamRecord) c = add_contact (fx->store, a, "张伟");
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) back = NULL;

  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (c), &error));
  g_assert_no_error (error);
  assert_not_found (fx->store, &kam_contact_kind, kam_record_get_id (c));

  set_ok (c, "title", "CTO");
  save_ok (fx->store, c);
  back = load_ok (fx->store, &kam_contact_kind, kam_record_get_id (c));
  g_assert_cmpstr (kam_record_get_string (back, "title"), ==, "CTO");
  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 1);
}

/* Opportunities ------------------------------------------------------------ */

static JsonArray *
history_of (KamRecord *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (kam_record_get_string (o, "stage_history"), &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_ref (json_node_get_array (node));
}

static void
assert_history_entry (JsonArray  *history,
                      guint       index,
                      const char *stage,
                      const char *date)
{
  JsonObject *entry = json_array_get_object_element (history, index);

  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (entry, "stage"), ==, stage);
  g_assert_cmpstr (json_object_get_string_member (entry, "date"), ==, date);
}

static KamRecord *
save_and_reload (KamStore  *store,
                 KamRecord *record)
{
  save_ok (store, record);
  return load_ok (store, kam_record_get_kind (record), kam_record_get_id (record));
}

static void
test_opportunity_stages (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  g_autoptr(KamRecord) o = kam_record_new (&kam_opportunity_kind);
  g_autofree char *day = today ();
  const char *id = kam_record_get_id (o);

  set_ok (o, "account_id", kam_record_get_id (a));
  set_ok (o, "name", "5G core");

  /* new: prospecting, recorded */
  {
    g_autoptr(KamRecord) l = save_and_reload (fx->store, o);
    g_autoptr(JsonArray) h = history_of (l);

    g_assert_cmpuint (json_array_get_length (h), ==, 1);
    assert_history_entry (h, 0, "prospecting", day);
    g_assert_cmpstr (kam_record_get_string (l, "closed_on"), ==, "");
    g_assert_cmpint (kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (l)), ==, 10);
    /* the saved object has it too */
    g_assert_cmpstr (kam_record_get_string (o, "stage_history"), ==, kam_record_get_string (l, "stage_history"));
  }

  /* an override without a stage change adds nothing */
  set_ok (o, "probability", "55");
  {
    g_autoptr(KamRecord) l = save_and_reload (fx->store, o);
    g_autoptr(JsonArray) h = history_of (l);

    g_assert_cmpuint (json_array_get_length (h), ==, 1);
    g_assert_cmpint (kam_record_get_int (l, "probability"), ==, 55);
  }

  /* a stage change keeps the override */
  set_ok (o, "stage", "negotiation");
  {
    g_autoptr(KamRecord) l = save_and_reload (fx->store, o);
    g_autoptr(JsonArray) h = history_of (l);

    g_assert_cmpuint (json_array_get_length (h), ==, 2);
    assert_history_entry (h, 0, "prospecting", day);
    assert_history_entry (h, 1, "negotiation", day);
    g_assert_cmpint (kam_record_get_int (l, "probability"), ==, 55);
    g_assert_cmpint (kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (l)), ==, 55);
    g_assert_cmpstr (kam_record_get_string (l, "closed_on"), ==, "");
  }

  /* saving again without a change adds nothing */
  set_ok (o, "next_step", "Send the offer");
  {
    g_autoptr(KamRecord) l = save_and_reload (fx->store, o);
    g_autoptr(JsonArray) h = history_of (l);

    g_assert_cmpuint (json_array_get_length (h), ==, 2);
  }

  /* closed won: closing date today, 100 % whatever the override */
  set_ok (o, "stage", "closed_won");
  {
    g_autoptr(KamRecord) l = save_and_reload (fx->store, o);
    g_autoptr(JsonArray) h = history_of (l);

    g_assert_cmpuint (json_array_get_length (h), ==, 3);
    assert_history_entry (h, 2, "closed_won", day);
    g_assert_cmpstr (kam_record_get_string (l, "closed_on"), ==, day);
    g_assert_cmpint (kam_record_get_int (l, "probability"), ==, 55);
    g_assert_cmpint (kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (l)), ==, 100);
  }

  /* reopened: no closing date, the override again */
  set_ok (o, "stage", "negotiation");
  {
    g_autoptr(KamRecord) l = save_and_reload (fx->store, o);
    g_autoptr(JsonArray) h = history_of (l);

    g_assert_cmpuint (json_array_get_length (h), ==, 4);
    assert_history_entry (h, 3, "negotiation", day);
    g_assert_cmpstr (kam_record_get_string (l, "closed_on"), ==, "");
    g_assert_cmpint (kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (l)), ==, 55);
  }

  /* closed lost */
  set_ok (o, "stage", "closed_lost");
  set_ok (o, "reason", "Price");
  {
    g_autoptr(KamRecord) l = save_and_reload (fx->store, o);
    g_autoptr(JsonArray) h = history_of (l);

    g_assert_cmpuint (json_array_get_length (h), ==, 5);
    assert_history_entry (h, 4, "closed_lost", day);
    g_assert_cmpstr (kam_record_get_string (l, "closed_on"), ==, day);
    g_assert_cmpint (kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (l)), ==, 0);
  }

  /* a closing date set by hand stays */
  {
    g_autoptr(KamRecord) l = load_ok (fx->store, &kam_opportunity_kind, id);
    g_autoptr(KamRecord) l2 = NULL;

    set_ok (l, "closed_on", "2026-01-31");
    l2 = save_and_reload (fx->store, l);
    g_assert_cmpstr (kam_record_get_string (l2, "closed_on"), ==, "2026-01-31");
  }

  /* an import brings its own history */
  {
    g_autoptr(KamRecord) imp = kam_record_new (&kam_opportunity_kind);
    g_autoptr(KamRecord) l = NULL;
    g_autoptr(JsonArray) h = NULL;
    g_autoptr(GError) error = NULL;

    set_ok (imp, "account_id", kam_record_get_id (a));
    set_ok (imp, "name", "Old deal");
    set_ok (imp, "stage", "closed_won");
    set_ok (imp, "closed_on", "2025-03-01");
    set_ok (imp, "stage_history", "[{\"stage\": \"prospecting\", \"date\": \"2025-01-10\"},"
                                  " {\"stage\": \"closed_won\", \"date\": \"2025-03-01\"}]");
    g_assert_true (kam_store_save_full (fx->store, imp, KAM_SAVE_KEEP_HISTORY, &error));
    g_assert_no_error (error);
    l = load_ok (fx->store, &kam_opportunity_kind, kam_record_get_id (imp));
    h = history_of (l);
    g_assert_cmpuint (json_array_get_length (h), ==, 2);
    assert_history_entry (h, 1, "closed_won", "2025-03-01");
    g_assert_cmpstr (kam_record_get_string (l, "closed_on"), ==, "2025-03-01");
  }

  /* and without the flag, a history that already ends at the stage is not
   * extended */
  {
    g_autoptr(KamRecord) imp = kam_record_new (&kam_opportunity_kind);
    g_autoptr(KamRecord) l = NULL;
    g_autoptr(JsonArray) h = NULL;

    set_ok (imp, "account_id", kam_record_get_id (a));
    set_ok (imp, "name", "Imported deal");
    set_ok (imp, "stage", "negotiation");
    set_ok (imp, "stage_history", "[{\"stage\": \"negotiation\", \"date\": \"2025-02-01\"}]");
    l = save_and_reload (fx->store, imp);
    h = history_of (l);
    g_assert_cmpuint (json_array_get_length (h), ==, 1);
    assert_history_entry (h, 0, "negotiation", "2025-02-01");
  }
}

/* Deleting ---------------------------------------------------------------- */

static gint64
deleted_of (KamStore   *store,
            const char *table,
            KamRecord  *record)
{
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM %s WHERE id = ?1", table);

  return sql_int (kam_store_get_db (store), sql, kam_record_get_id (record));
}

static gint64
dirty_of (KamStore   *store,
          const char *table,
          KamRecord  *record)
{
  g_autofree char *sql = g_strdup_printf ("SELECT dirty FROM %s WHERE id = ?1", table);

  return sql_int (kam_store_get_db (store), sql, kam_record_get_id (record));
}

static void
test_delete_cascade (Fixture       *fx,
                     gconstpointer  data)
{
  sqlite3 *db = kam_store_get_db (fx->store);
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  g_autoptr(KamRecord) b = add_account (fx->store, "ZTE", "50");
  g_autoptr(KamRecord) c1 = add_contact (fx->store, a, "张伟");
  g_autoptr(KamRecord) c2 = add_contact (fx->store, a, "李娜");
  g_autoptr(KamRecord) c3 = add_contact (fx->store, a, "王芳");
  g_autoptr(KamRecord) b1 = add_contact (fx->store, b, "赵磊");
  g_autoptr(KamRecord) r12 = add_relation (fx->store, c1, c2);
  g_autoptr(KamRecord) r13 = add_relation (fx->store, c1, c3);
  g_autoptr(KamRecord) rb = add_relation (fx->store, b1, c1);
  g_autoptr(KamRecord) v = visit_new (a, "2026-03-01T09:00:00Z", "done", kam_record_get_id (c1));
  g_autoptr(KamRecord) vb = visit_new (b, "2026-03-02T09:00:00Z", "done", NULL);
  g_autoptr(KamRecord) o = NULL;
  g_autoptr(KamRecord) ob = NULL;
  g_autoptr(GError) error = NULL;
  KamRecord *gone[6];
  gint64 mark, mark3;

  save_ok (fx->store, v);
  save_ok (fx->store, vb);
  o = add_opportunity (fx->store, a, "5G");
  ob = add_opportunity (fx->store, b, "RAN");

  /* a contact deleted on its own first, with its relation */
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (c3), &error));
  g_assert_no_error (error);
  mark3 = deleted_of (fx->store, "contact", c3);
  g_assert_cmpint (mark3, !=, 0);
  g_assert_cmpint (deleted_of (fx->store, "relation", r13), ==, mark3);
  g_assert_cmpint (deleted_of (fx->store, "relation", r12), ==, 0);
  g_assert_cmpuint (fx->last_flags & KAM_CHANGE_CONTACT, !=, 0);
  g_assert_cmpuint (fx->last_flags & KAM_CHANGE_RELATION, !=, 0);

  /* as if the server had everything */
  sql_exec (db, "UPDATE account SET dirty = 0; UPDATE contact SET dirty = 0; UPDATE relation SET dirty = 0;"
                "UPDATE visit SET dirty = 0; UPDATE opportunity SET dirty = 0;");

  fx->n_changed = 0;
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (a), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, 1);
  g_assert_cmpuint (fx->last_flags & (KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT | KAM_CHANGE_RELATION
                                      | KAM_CHANGE_VISIT | KAM_CHANGE_OPPORTUNITY),
                    ==, KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT | KAM_CHANGE_RELATION
                        | KAM_CHANGE_VISIT | KAM_CHANGE_OPPORTUNITY);

  mark = deleted_of (fx->store, "account", a);
  g_assert_cmpint (mark, !=, 0);
  g_assert_cmpint (mark, !=, mark3);
  g_assert_cmpint (dirty_of (fx->store, "account", a), ==, 1);

  gone[0] = c1; gone[1] = c2; gone[2] = r12; gone[3] = rb; gone[4] = v; gone[5] = o;
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      const char *table = kam_record_get_kind (gone[i])->name;

      g_test_message ("%s %s", table, kam_record_get_id (gone[i]));
      g_assert_cmpint (deleted_of (fx->store, table, gone[i]), ==, mark);
      g_assert_cmpint (dirty_of (fx->store, table, gone[i]), ==, 1);
      assert_not_found (fx->store, kam_record_get_kind (gone[i]), kam_record_get_id (gone[i]));
    }
  assert_not_found (fx->store, &kam_account_kind, kam_record_get_id (a));

  /* what was deleted before keeps its own mark; the other account is
   * untouched */
  g_assert_cmpint (deleted_of (fx->store, "contact", c3), ==, mark3);
  g_assert_cmpint (deleted_of (fx->store, "relation", r13), ==, mark3);
  g_assert_cmpint (dirty_of (fx->store, "contact", c3), ==, 0);
  g_assert_cmpint (deleted_of (fx->store, "account", b), ==, 0);
  g_assert_cmpint (dirty_of (fx->store, "account", b), ==, 0);
  g_assert_cmpint (deleted_of (fx->store, "contact", b1), ==, 0);
  g_assert_cmpint (dirty_of (fx->store, "contact", b1), ==, 0);
  g_assert_cmpint (deleted_of (fx->store, "visit", vb), ==, 0);
  g_assert_cmpint (deleted_of (fx->store, "opportunity", ob), ==, 0);

  g_assert_cmpuint (kam_store_count (fx->store, &kam_account_kind), ==, 1);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 1);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_relation_kind), ==, 0);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_visit_kind), ==, 1);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_opportunity_kind), ==, 1);
  {
    g_autoptr(GPtrArray) accounts = kam_store_load_all (fx->store, &kam_account_kind, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (accounts->len, ==, 1);
    g_assert_cmpstr (kam_record_get_id (g_ptr_array_index (accounts, 0)), ==, kam_record_get_id (b));
  }
  /* kept in the file until the deletion is synced */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contact", NULL), ==, 4);

  /* deleting it again: there is nothing to delete */
  g_assert_false (kam_store_delete (fx->store, kam_record_get_id (a), &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* undo: exactly what went with it comes back */
  fx->n_changed = 0;
  g_assert_true (kam_store_undelete (fx->store, kam_record_get_id (a), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, 1);
  g_assert_cmpint (deleted_of (fx->store, "account", a), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      const char *table = kam_record_get_kind (gone[i])->name;
      g_autoptr(KamRecord) back = load_ok (fx->store, kam_record_get_kind (gone[i]), kam_record_get_id (gone[i]));

      g_assert_cmpint (deleted_of (fx->store, table, gone[i]), ==, 0);
      g_assert_cmpint (dirty_of (fx->store, table, gone[i]), ==, 1);
      assert_fields_equal (gone[i], back);
    }
  g_assert_cmpint (deleted_of (fx->store, "contact", c3), ==, mark3);
  g_assert_cmpint (deleted_of (fx->store, "relation", r13), ==, mark3);
  assert_not_found (fx->store, &kam_contact_kind, kam_record_get_id (c3));

  g_assert_cmpuint (kam_store_count (fx->store, &kam_account_kind), ==, 2);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 3);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_relation_kind), ==, 2);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_visit_kind), ==, 2);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_opportunity_kind), ==, 2);

  /* undeleting what is not deleted does nothing */
  fx->n_changed = 0;
  g_assert_true (kam_store_undelete (fx->store, kam_record_get_id (a), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, 0);

  /* the contact deleted on its own comes back with its relation */
  g_assert_true (kam_store_undelete (fx->store, kam_record_get_id (c3), &error));
  g_assert_no_error (error);
  g_assert_cmpint (deleted_of (fx->store, "contact", c3), ==, 0);
  g_assert_cmpint (deleted_of (fx->store, "relation", r13), ==, 0);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 4);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_relation_kind), ==, 3);
}

static void
test_delete_missing (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_changed = fx->n_changed;

  g_assert_false (kam_store_delete (fx->store, "no-such-id", &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (kam_store_undelete (fx->store, "no-such-id", &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (fx->n_changed, ==, n_changed);
  g_assert_cmpint (meta_seq (fx->store), ==, 0);
}

/* Transactions ------------------------------------------------------------- */

static void
test_transaction_nested (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) a = account_new ("Huawei", "100");
  g_autoptr(KamRecord) c = kam_record_new (&kam_contact_kind);
  g_autoptr(KamRecord) v = NULL;

  set_ok (c, "account_id", kam_record_get_id (a));
  set_ok (c, "name", "张伟");

  g_assert_true (kam_store_begin (fx->store, &error));
  g_assert_true (kam_store_begin (fx->store, &error));
  save_ok (fx->store, a);
  save_ok (fx->store, c);
  g_assert_true (kam_store_set_setting (fx->store, "cadence-a", "7", &error));
  g_assert_true (kam_store_commit (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, 0);
  g_assert_true (kam_store_commit (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, 1);
  g_assert_cmpuint (fx->last_flags, ==, KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT | KAM_CHANGE_SETTINGS);

  /* written */
  g_assert_cmpuint (kam_store_count (fx->store, &kam_account_kind), ==, 1);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 1);

  /* one save, one signal, with its kind */
  set_ok (c, "title", "CTO");
  save_ok (fx->store, c);
  g_assert_cmpuint (fx->n_changed, ==, 2);
  g_assert_cmpuint (fx->last_flags, ==, KAM_CHANGE_CONTACT);

  /* a visit changes the derived columns of accounts and contacts */
  v = visit_new (a, "2026-03-01T09:00:00Z", "done", kam_record_get_id (c));
  save_ok (fx->store, v);
  g_assert_cmpuint (fx->n_changed, ==, 3);
  g_assert_cmpuint (fx->last_flags, ==, KAM_CHANGE_VISIT | KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT);

  /* an empty transaction says nothing */
  g_assert_true (kam_store_begin (fx->store, &error));
  g_assert_true (kam_store_commit (fx->store, &error));
  g_assert_cmpuint (fx->n_changed, ==, 3);
}

static void
test_transaction_rollback (Fixture       *fx,
                           gconstpointer  data)
{
  sqlite3 *db = kam_store_get_db (fx->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) keep = add_account (fx->store, "Lenovo", "10");
  g_autoptr(KamRecord) a = account_new ("Huawei", "100");
  g_autoptr(KamRecord) c = kam_record_new (&kam_contact_kind);
  g_autofree char *tier_before = NULL;
  gint64 seq = meta_seq (fx->store);
  guint n_changed = fx->n_changed;

  set_ok (c, "account_id", kam_record_get_id (a));
  set_ok (c, "name", "张伟");
  tier_before = sql_text (db, "SELECT tier FROM account WHERE id = ?1", kam_record_get_id (keep));

  g_assert_true (kam_store_begin (fx->store, &error));
  save_ok (fx->store, a);
  save_ok (fx->store, c);
  g_assert_true (kam_store_set_setting (fx->store, "cadence-a", "7", &error));
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (keep), &error));
  kam_store_rollback (fx->store);

  g_assert_cmpuint (fx->n_changed, ==, n_changed);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_account_kind), ==, 1);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM account", NULL), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM contact", NULL), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM setting", NULL), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM account_fts", NULL), ==, 1);
  g_assert_cmpint (deleted_of (fx->store, "account", keep), ==, 0);
  g_assert_cmpint (meta_seq (fx->store), ==, seq);
  assert_sql_text (db, "SELECT tier FROM account WHERE id = ?1", kam_record_get_id (keep), tier_before);
  assert_not_found (fx->store, &kam_account_kind, kam_record_get_id (a));

  /* and the store goes on: the same objects can be saved */
  save_ok (fx->store, a);
  save_ok (fx->store, c);
  g_assert_cmpuint (fx->n_changed, ==, n_changed + 2);
  g_assert_cmpint (meta_seq (fx->store), >, seq);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 1);
}

static void
test_transaction_nested_rollback (Fixture       *fx,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) a = account_new ("Huawei", "100");
  g_autoptr(KamRecord) b = account_new ("ZTE", "50");

  g_assert_true (kam_store_begin (fx->store, &error));
  save_ok (fx->store, a);
  g_assert_true (kam_store_begin (fx->store, &error));
  save_ok (fx->store, b);
  kam_store_rollback (fx->store);
  g_assert_cmpuint (fx->n_changed, ==, 0);
  g_assert_true (kam_store_commit (fx->store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fx->n_changed, ==, 1);
  g_assert_cmpuint (fx->last_flags & KAM_CHANGE_ACCOUNT, !=, 0);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_account_kind), ==, 1);
  {
    g_autoptr(KamRecord) l = load_ok (fx->store, &kam_account_kind, kam_record_get_id (a));
    g_assert_cmpint (kam_account_get_tier (KAM_ACCOUNT (l)), ==, KAM_TIER_A);
  }
  assert_not_found (fx->store, &kam_account_kind, kam_record_get_id (b));
}

/* Tiers -------------------------------------------------------------------- */

static void
assert_tiers (KamStore   *store,
              KamRecord **accounts,
              guint       n,
              const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KamRecord) l = load_ok (store, &kam_account_kind, kam_record_get_id (accounts[i]));

      g_string_append (got, kam_enum_to_string (KAM_TYPE_TIER, kam_account_get_tier (KAM_ACCOUNT (l))));
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_tiers (Fixture       *fx,
            gconstpointer  data)
{
  static const char * const revenues[] = { "500", "200", "150", "100", "50" };
  KamRecord *acc[5];
  g_autoptr(GError) error = NULL;

  g_assert_true (kam_store_begin (fx->store, &error));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Account %u", i + 1);

      acc[i] = account_new (name, revenues[i]);
      save_ok (fx->store, acc[i]);
    }
  /* computed at commit, not before */
  g_assert_cmpint (sql_int (kam_store_get_db (fx->store), "SELECT count(*) FROM account WHERE tier = 'C'", NULL), ==, 5);
  g_assert_true (kam_store_commit (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, 1);
  assert_tiers (fx->store, acc, 5, "AAABC");

  /* pinned */
  set_ok (acc[0], "tier_pinned", "C");
  save_ok (fx->store, acc[0]);
  g_assert_cmpuint (fx->n_changed, ==, 2);
  g_assert_cmpuint (fx->last_flags & KAM_CHANGE_ACCOUNT, !=, 0);
  assert_tiers (fx->store, acc, 5, "CAABC");

  set_ok (acc[0], "tier_pinned", "");
  save_ok (fx->store, acc[0]);
  assert_tiers (fx->store, acc, 5, "AAABC");

  /* the smallest becomes the largest: total 2000, bounds 1600 and 1900 */
  set_ok (acc[4], "revenue_this_year", "1000");
  save_ok (fx->store, acc[4]);
  assert_tiers (fx->store, acc, 5, "AABBA");

  /* deleted accounts do not count: total 950, bounds 760 and 902.5 */
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (acc[4]), &error));
  g_assert_no_error (error);
  assert_tiers (fx->store, acc, 4, "AAAB");

  /* the thresholds are settings: a = 0.5 puts the bound at 475 */
  g_assert_true (kam_store_set_setting (fx->store, "abc-a", "0.5", &error));
  g_assert_no_error (error);
  assert_tiers (fx->store, acc, 4, "ABBB");

  /* nonsense thresholds fall back to the defaults */
  g_assert_true (kam_store_set_setting (fx->store, "abc-a", "2", &error));
  assert_tiers (fx->store, acc, 4, "AAAB");

  /* an account without revenue is C */
  {
    g_autoptr(KamRecord) zero = add_account (fx->store, "Zero", "0");
    KamRecord *one[1] = { zero };

    assert_tiers (fx->store, one, 1, "C");
  }

  for (guint i = 0; i < 5; i++)
    g_object_unref (acc[i]);
}

/* Last visit, last met ----------------------------------------------------- */

static void
assert_last (KamStore   *store,
             KamRecord  *account,
             const char *last_visit,
             KamRecord  *c1,
             const char *met1,
             KamRecord  *c2,
             const char *met2)
{
  g_autoptr(KamRecord) la = load_ok (store, &kam_account_kind, kam_record_get_id (account));
  g_autoptr(KamRecord) l1 = load_ok (store, &kam_contact_kind, kam_record_get_id (c1));
  g_autoptr(KamRecord) l2 = load_ok (store, &kam_contact_kind, kam_record_get_id (c2));

  g_assert_cmpstr (kam_record_get_string (la, "last_visit"), ==, last_visit);
  g_assert_cmpstr (kam_record_get_string (l1, "last_met"), ==, met1);
  g_assert_cmpstr (kam_record_get_string (l2, "last_met"), ==, met2);
}

static void
test_last_visit (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  g_autoptr(KamRecord) c1 = add_contact (fx->store, a, "张伟");
  g_autoptr(KamRecord) c2 = add_contact (fx->store, a, "李娜");
  g_autofree char *both = g_strdup_printf ("%s,%s", kam_record_get_id (c1), kam_record_get_id (c2));
  g_autoptr(KamRecord) v1 = visit_new (a, "2026-03-01T09:00:00Z", "done", kam_record_get_id (c1));
  g_autoptr(KamRecord) v2 = visit_new (a, "2026-04-01T09:00:00Z", "done", both);
  g_autoptr(KamRecord) v3 = visit_new (a, "2026-05-01T09:00:00Z", "planned", kam_record_get_id (c2));
  g_autoptr(GError) error = NULL;

  assert_last (fx->store, a, "", c1, "", c2, "");

  save_ok (fx->store, v1);
  assert_last (fx->store, a, "2026-03-01T09:00:00Z", c1, "2026-03-01T09:00:00Z", c2, "");

  save_ok (fx->store, v2);
  assert_last (fx->store, a, "2026-04-01T09:00:00Z", c1, "2026-04-01T09:00:00Z", c2, "2026-04-01T09:00:00Z");

  /* planned visits do not count */
  save_ok (fx->store, v3);
  assert_last (fx->store, a, "2026-04-01T09:00:00Z", c1, "2026-04-01T09:00:00Z", c2, "2026-04-01T09:00:00Z");

  /* editing a contact keeps what the visits say */
  set_ok (c2, "title", "采购总监");
  save_ok (fx->store, c2);
  assert_last (fx->store, a, "2026-04-01T09:00:00Z", c1, "2026-04-01T09:00:00Z", c2, "2026-04-01T09:00:00Z");

  /* the latest one was cancelled after all */
  set_ok (v2, "status", "cancelled");
  save_ok (fx->store, v2);
  assert_last (fx->store, a, "2026-03-01T09:00:00Z", c1, "2026-03-01T09:00:00Z", c2, "");

  /* the planned one took place */
  set_ok (v3, "status", "done");
  save_ok (fx->store, v3);
  assert_last (fx->store, a, "2026-05-01T09:00:00Z", c1, "2026-03-01T09:00:00Z", c2, "2026-05-01T09:00:00Z");

  /* someone else went to it in the end */
  set_ok (v3, "contact_ids", kam_record_get_id (c1));
  save_ok (fx->store, v3);
  assert_last (fx->store, a, "2026-05-01T09:00:00Z", c1, "2026-05-01T09:00:00Z", c2, "");

  /* moved to an earlier day */
  set_ok (v3, "start_at", "2026-02-01T09:00:00Z");
  set_ok (v3, "end_at", "2026-02-01T10:00:00Z");
  save_ok (fx->store, v3);
  assert_last (fx->store, a, "2026-03-01T09:00:00Z", c1, "2026-03-01T09:00:00Z", c2, "");

  /* deleted */
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (v1), &error));
  g_assert_no_error (error);
  assert_last (fx->store, a, "2026-02-01T09:00:00Z", c1, "2026-02-01T09:00:00Z", c2, "");
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (v3), &error));
  assert_last (fx->store, a, "", c1, "", c2, "");

  /* and back */
  g_assert_true (kam_store_undelete (fx->store, kam_record_get_id (v1), &error));
  g_assert_no_error (error);
  assert_last (fx->store, a, "2026-03-01T09:00:00Z", c1, "2026-03-01T09:00:00Z", c2, "");

  /* the whole account and back */
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (a), &error));
  g_assert_true (kam_store_undelete (fx->store, kam_record_get_id (a), &error));
  g_assert_no_error (error);
  assert_last (fx->store, a, "2026-03-01T09:00:00Z", c1, "2026-03-01T09:00:00Z", c2, "");
}

/* Settings ----------------------------------------------------------------- */

static void
test_settings (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *v3 = NULL;
  g_autofree char *v4 = NULL;
  g_autofree char *v5 = NULL;

  v1 = kam_store_get_setting (fx->store, "currency", "CNY");
  g_assert_cmpstr (v1, ==, "CNY");
  g_assert_null (kam_store_get_setting (fx->store, "currency", NULL));

  g_assert_true (kam_store_set_setting (fx->store, "currency", "USD", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_changed, ==, 1);
  g_assert_cmpuint (fx->last_flags, ==, KAM_CHANGE_SETTINGS);
  v2 = kam_store_get_setting (fx->store, "currency", "CNY");
  g_assert_cmpstr (v2, ==, "USD");

  g_assert_true (kam_store_set_setting (fx->store, "currency", "EUR", &error));
  g_assert_true (kam_store_set_setting (fx->store, "owner", "王强", &error));
  g_assert_true (kam_store_set_setting (fx->store, "empty", "", &error));
  g_assert_no_error (error);

  reopen (fx);
  v3 = kam_store_get_setting (fx->store, "currency", "CNY");
  g_assert_cmpstr (v3, ==, "EUR");
  v4 = kam_store_get_setting (fx->store, "owner", NULL);
  g_assert_cmpstr (v4, ==, "王强");
  v5 = kam_store_get_setting (fx->store, "empty", "fallback");
  g_assert_cmpstr (v5, ==, "");
  g_assert_cmpint (sql_int (kam_store_get_db (fx->store), "SELECT count(*) FROM setting", NULL), ==, 3);
}

/* Files that are not ours or not well ----------------------------------------- */

static void
assert_open_fails (const char *path,
                   int         code1,
                   int         code2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = kam_store_open (path, &error);

  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("open %s: %s (code %d)", path, error->message, error->code);
  g_assert_true (error->domain == KAM_STORE_ERROR);
  if (error->code != code1 && error->code != code2)
    g_error ("open %s: code %d (%s), expected %d or %d", path, error->code, error->message, code1, code2);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_bad_not_ours (Fixture       *fx,
                   gconstpointer  data)
{
  sqlite3 *db = raw_open (fx->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  sql_exec (db, "CREATE TABLE foo (x TEXT); INSERT INTO foo VALUES ('bar');");
  sqlite3_close (db);
  before = file_checksum (fx->path);

  assert_open_fails (fx->path, KAM_STORE_ERROR_NOT_OURS, KAM_STORE_ERROR_NOT_OURS);

  after = file_checksum (fx->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (sidecar_exists (fx->path, "-wal"));
  g_assert_false (sidecar_exists (fx->path, "-journal"));

  /* a WAL database of another program, with its own application id */
  {
    g_autofree char *path = g_build_filename (fx->dir, "other.db", NULL);
    sqlite3 *other = raw_open (path);

    sql_exec (other, "PRAGMA journal_mode = WAL; PRAGMA application_id = 1234; PRAGMA user_version = 1;"
                     "CREATE TABLE account (id TEXT, name TEXT); INSERT INTO account VALUES ('1', 'x');");
    sqlite3_close (other);
    g_clear_pointer (&before, g_free);
    g_clear_pointer (&after, g_free);
    before = file_checksum (path);
    assert_open_fails (path, KAM_STORE_ERROR_NOT_OURS, KAM_STORE_ERROR_NOT_OURS);
    after = file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_bad_not_a_database (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Line %u of a text file that is not a database at all.\n", i);
  g_assert_true (g_file_set_contents (fx->path, text->str, text->len, &error));
  before = file_checksum (fx->path);

  assert_open_fails (fx->path, KAM_STORE_ERROR_NOT_OURS, KAM_STORE_ERROR_CORRUPT);

  after = file_checksum (fx->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (sidecar_exists (fx->path, "-wal"));
  g_assert_false (sidecar_exists (fx->path, "-journal"));

  /* short binary garbage too */
  {
    guchar junk[37];
    GRand *rand = g_rand_new_with_seed (42);

    for (guint i = 0; i < sizeof junk; i++)
      junk[i] = g_rand_int_range (rand, 0, 256);
    g_rand_free (rand);
    g_assert_true (g_file_set_contents (fx->path, (char *) junk, sizeof junk, &error));
    g_clear_pointer (&before, g_free);
    g_clear_pointer (&after, g_free);
    before = file_checksum (fx->path);
    assert_open_fails (fx->path, KAM_STORE_ERROR_NOT_OURS, KAM_STORE_ERROR_CORRUPT);
    after = file_checksum (fx->path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_bad_too_new (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = kam_store_open (fx->path, &error);
  g_autoptr(KamRecord) a = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", KAM_SCHEMA_VERSION + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  a = add_account (store, "华为", "100");
  g_clear_object (&store);

  db = raw_open (fx->path);
  sql_exec (db, pragma);
  sqlite3_close (db);
  g_assert_false (sidecar_exists (fx->path, "-wal"));
  before = file_checksum (fx->path);

  store = kam_store_open (fx->path, &error);
  g_assert_null (store);
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);

  after = file_checksum (fx->path);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
skip_if_root_can_write (const char *path)
{
  if (access (path, W_OK) == 0)
    {
      g_test_skip ("chmod does not stop this user from writing (running as root?)");
      return TRUE;
    }
  return FALSE;
}

static void
test_bad_read_only_file (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = kam_store_open (fx->path, &error);
  g_autoptr(KamRecord) a = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  a = add_account (store, "华为", "100");
  g_clear_object (&store);
  g_assert_false (sidecar_exists (fx->path, "-wal"));

  g_assert_cmpint (g_chmod (fx->path, 0444), ==, 0);
  if (skip_if_root_can_write (fx->path))
    return;

  before = file_checksum (fx->path);
  assert_open_fails (fx->path, KAM_STORE_ERROR_READ_ONLY, KAM_STORE_ERROR_READ_ONLY);
  after = file_checksum (fx->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (g_chmod (fx->path, 0644), ==, 0);

  /* and it opens once writable again */
  store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kam_store_count (store, &kam_account_kind), ==, 1);
}

static void
test_bad_read_only_folder (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = kam_store_open (fx->path, &error);
  g_autoptr(KamRecord) a = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *missing = g_build_filename (fx->dir, "new.db", NULL);

  g_assert_no_error (error);
  a = add_account (store, "华为", "100");
  g_clear_object (&store);

  /* the WAL and its index cannot be made next to the file */
  g_assert_cmpint (g_chmod (fx->dir, 0555), ==, 0);
  if (skip_if_root_can_write (fx->dir))
    return;

  before = file_checksum (fx->path);
  assert_open_fails (fx->path, KAM_STORE_ERROR_READ_ONLY, KAM_STORE_ERROR_OPEN);
  after = file_checksum (fx->path);
  g_assert_cmpstr (before, ==, after);

  /* nor a new file */
  assert_open_fails (missing, KAM_STORE_ERROR_OPEN, KAM_STORE_ERROR_READ_ONLY);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (fx->dir, 0700), ==, 0);
}

/* Another program holds the database: opening fails with BUSY and nothing is
 * lost. */
static void
test_bad_locked_open (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = kam_store_open (fx->path, &error);
  g_autoptr(KamRecord) a = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *locker;

  g_assert_no_error (error);
  a = add_account (store, "华为技术有限公司", "100");
  g_clear_object (&store);

  locker = raw_open (fx->path);
  sql_exec (locker, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                    "INSERT INTO setting (key, value) VALUES ('locked-by', 'other');");
  before = file_checksum (fx->path);

  assert_open_fails (fx->path, KAM_STORE_ERROR_BUSY, KAM_STORE_ERROR_BUSY);
  after = file_checksum (fx->path);
  g_assert_cmpstr (before, ==, after);

  sql_exec (locker, "COMMIT");
  sqlite3_close (locker);

  store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(KamRecord) l = load_ok (store, &kam_account_kind, kam_record_get_id (a));
    g_autofree char *by = kam_store_get_setting (store, "locked-by", NULL);

    assert_fields_equal (a, l);
    g_assert_cmpstr (by, ==, "other");
  }
}

static void
test_bad_locked_save (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) a = add_account (fx->store, "华为技术有限公司", "100");
  g_autoptr(KamRecord) b = account_new ("中兴通讯", "50");
  guint n_changed = fx->n_changed;
  sqlite3 *locker;

  locker = raw_open (fx->path);
  sql_exec (locker, "BEGIN IMMEDIATE; INSERT INTO setting (key, value) VALUES ('locked-by', 'other');");

  g_assert_false (kam_store_save (fx->store, b, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_BUSY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (fx->n_changed, ==, n_changed);

  /* the store can still read */
  {
    g_autoptr(KamRecord) l = load_ok (fx->store, &kam_account_kind, kam_record_get_id (a));
    assert_fields_equal (a, l);
  }
  assert_not_found (fx->store, &kam_account_kind, kam_record_get_id (b));

  sql_exec (locker, "ROLLBACK");
  sqlite3_close (locker);

  /* released: the same save goes through */
  save_ok (fx->store, b);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_account_kind), ==, 2);
  g_assert_null (kam_store_get_setting (fx->store, "locked-by", NULL));
  g_assert_cmpuint (fx->n_changed, ==, n_changed + 1);
}

/* A database with some data in it, closed, its WAL checkpointed into it. */
static void
make_database_with_data (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = kam_store_open (path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_true (kam_store_begin (store, &error));
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("客户 %u Account with a longer name to fill pages", i);
      g_autofree char *revenue = g_strdup_printf ("%u", 1000 + i);
      g_autoptr(KamRecord) a = account_new (name, revenue);
      g_autoptr(KamRecord) c = NULL;

      save_ok (store, a);
      c = add_contact (store, a, "张伟");
    }
  g_assert_true (kam_store_commit (store, &error));
  g_clear_object (&store);

  db = raw_open (path);
  sql_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
  g_assert_false (sidecar_exists (path, "-wal"));
}

/* Opening a damaged file reports it and leaves the file as it is; if it
 * opens, reading reports the damage too.  Never a crash. */
static void
check_damaged (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;

  store = kam_store_open (path, &error);
  if (store == NULL)
    {
      g_test_message ("open: %s (code %d)", error->message, error->code);
      g_assert_true (error->domain == KAM_STORE_ERROR);
      g_assert_true (error->code == KAM_STORE_ERROR_CORRUPT || error->code == KAM_STORE_ERROR_NOT_OURS);
      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      return;
    }

  g_test_message ("a damaged database opened");
  g_test_fail_printf ("kam_store_open() did not notice the damage of %s", path);

  /* at least reading must report it, not crash */
  {
    guint n_kinds;
    const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

    for (guint k = 0; k < n_kinds; k++)
      {
        g_autoptr(GPtrArray) all = kam_store_load_all (store, kinds[k], &error);

        if (all == NULL)
          {
            g_test_message ("load_all %s: %s", kinds[k]->name, error->message);
            g_clear_error (&error);
          }
        kam_store_count (store, kinds[k]);
      }
    {
      g_autoptr(GPtrArray) hits = kam_store_search (store, "张", 10, &error);
      g_clear_error (&error);
    }
  }
}

static void
test_bad_corrupt_page1 (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  make_database_with_data (fx->path);
  g_assert_true (g_file_get_contents (fx->path, &contents, &len, &error));
  g_assert_cmpuint (len, >, 4096 * 4);

  /* the b-tree header of page 1 and its cell pointers, after the 100-byte
   * file header */
  for (gsize i = 100; i < 100 + 300; i++)
    contents[i] = (char) (0xA5 ^ i);
  g_assert_true (g_file_set_contents (fx->path, contents, len, &error));

  check_damaged (fx->path);
}

static void
test_bad_truncated (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  make_database_with_data (fx->path);
  g_assert_true (g_file_get_contents (fx->path, &contents, &len, &error));
  g_assert_true (g_file_set_contents (fx->path, contents, len / 2, &error));

  check_damaged (fx->path);
}

/* A SQLite file of another program that has no tables yet is still not
 * ours: its application id or version says so. */
static void
test_bad_not_ours_empty (Fixture       *fx,
                         gconstpointer  data)
{
  static const char * const pragmas[] = {
    "PRAGMA application_id = 1234;",
    "PRAGMA application_id = 1234; PRAGMA user_version = 7;",
    "PRAGMA user_version = 1;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/other-%u.db", fx->dir, i);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      sqlite3 *db = raw_open (path);

      sql_exec (db, pragmas[i]);
      sqlite3_close (db);
      before = file_checksum (path);

      g_test_message ("%s", pragmas[i]);
      assert_open_fails (path, KAM_STORE_ERROR_NOT_OURS, KAM_STORE_ERROR_NOT_OURS);
      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
    }
}

/* An empty file (as `touch` makes) becomes a new database. */
static void
test_open_empty_file (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;

  g_assert_true (g_file_set_contents (fx->path, "", 0, &error));
  store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kam_store_get_schema_version (store), ==, KAM_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (kam_store_get_db (store), "PRAGMA application_id", NULL), ==, KAM_APPLICATION_ID);
}

/* A damaged data page (not the schema): the file opens, but reading the
 * damaged table reports the damage rather than crash or return garbage. */
static void
test_bad_corrupt_data_page (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;
  gsize len = 0, page, n_pages;
  gint64 root_account, root_contact;
  gboolean reported = FALSE;

  make_database_with_data (fx->path);
  {
    sqlite3 *db = raw_open (fx->path);

    page = sql_int (db, "PRAGMA page_size", NULL);
    root_account = sql_int (db, "SELECT rootpage FROM sqlite_master WHERE name = 'account'", NULL);
    root_contact = sql_int (db, "SELECT rootpage FROM sqlite_master WHERE name = 'contact'", NULL);
    sqlite3_close (db);
  }
  g_assert_true (g_file_get_contents (fx->path, &contents, &len, &error));
  n_pages = len / page;
  g_assert_cmpuint (n_pages, >, 8);
  /* the b-tree headers of the root pages of the accounts and contacts (page
   * numbers count from 1) */
  g_assert_cmpint (root_account, >, 1);
  g_assert_cmpint (root_contact, >, 1);
  memset (contents + (root_account - 1) * page, 0xA5, 12);
  memset (contents + (root_contact - 1) * page, 0xA5, 12);
  g_assert_true (g_file_set_contents (fx->path, contents, len, &error));

  store = kam_store_open (fx->path, &error);
  if (store == NULL)
    {
      g_test_message ("open: %s", error->message);
      g_assert_true (error->domain == KAM_STORE_ERROR);
      g_assert_true (error->code == KAM_STORE_ERROR_CORRUPT || error->code == KAM_STORE_ERROR_NOT_OURS);
      return;
    }

  {
    guint n_kinds;
    const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

    for (guint k = 0; k < n_kinds; k++)
      {
        g_autoptr(GPtrArray) all = kam_store_load_all (store, kinds[k], &error);

        if (all == NULL)
          {
            g_test_message ("load_all %s: %s", kinds[k]->name, error->message);
            g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_CORRUPT);
            g_clear_error (&error);
            reported = TRUE;
          }
      }
  }
  {
    g_autoptr(GPtrArray) hits = kam_store_search (store, "张", 500, &error);

    if (hits == NULL)
      {
        g_test_message ("search: %s", error->message);
        g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_CORRUPT);
        g_clear_error (&error);
        reported = TRUE;
      }
  }
  {
    g_autoptr(KamRecord) a = account_new ("New", "1");

    if (!kam_store_save (store, a, &error))
      {
        g_test_message ("save: %s", error->message);
        g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_CORRUPT);
        g_clear_error (&error);
        reported = TRUE;
      }
  }
  g_assert_true (reported);
}

/* Known bugs ------------------------------------------------------------------
 *
 * These tests pass once the bug is fixed; until then they are marked
 * incomplete ("not ok # TODO" in TAP, an expected failure for meson). */

/* Deleting a team member or a contact must not make the records that refer
 * to it impossible to save. */
static void
test_save_reference_to_deleted (Fixture       *fx,
                                gconstpointer  data)
{
  g_autoptr(KamRecord) m = kam_record_new (&kam_member_kind);
  g_autoptr(KamRecord) a = account_new ("Huawei", "100");
  g_autoptr(KamRecord) boss = NULL;
  g_autoptr(KamRecord) c = kam_record_new (&kam_contact_kind);
  g_autoptr(KamRecord) v = NULL;
  g_autoptr(GError) error = NULL;
  gboolean bug = FALSE;

  set_ok (m, "name", "王强");
  save_ok (fx->store, m);
  set_ok (a, "owner_id", kam_record_get_id (m));
  save_ok (fx->store, a);
  boss = add_contact (fx->store, a, "张伟");
  set_ok (c, "account_id", kam_record_get_id (a));
  set_ok (c, "name", "李娜");
  set_ok (c, "reports_to_id", kam_record_get_id (boss));
  save_ok (fx->store, c);
  v = visit_new (a, "2026-03-01T09:00:00Z", "planned", kam_record_get_id (boss));
  save_ok (fx->store, v);

  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (m), &error));
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (boss), &error));
  g_assert_no_error (error);

  /* editing something else of each of them */
  set_ok (a, "region", "华南");
  if (!kam_store_save (fx->store, a, &error))
    {
      g_test_message ("account: %s", error->message);
      g_clear_error (&error);
      bug = TRUE;
    }
  set_ok (c, "title", "采购总监");
  if (!kam_store_save (fx->store, c, &error))
    {
      g_test_message ("contact: %s", error->message);
      g_clear_error (&error);
      bug = TRUE;
    }
  set_ok (v, "outcome", "Postponed");
  if (!kam_store_save (fx->store, v, &error))
    {
      g_test_message ("visit: %s", error->message);
      g_clear_error (&error);
      bug = TRUE;
    }
  /* A record that refers to a deleted record (owner, reports-to,
   * attendee) can still be saved. */
  g_assert_false (bug);

  /* but a new reference to a deleted record is still refused */
  {
    g_autoptr(KamRecord) x = kam_record_new (&kam_contact_kind);

    set_ok (x, "account_id", kam_record_get_id (a));
    set_ok (x, "name", "王芳");
    set_ok (x, "reports_to_id", kam_record_get_id (boss));
    g_assert_false (kam_store_save (fx->store, x, &error));
    g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  }
}

/* Dates and times set through GObject properties (as a GUI binding does)
 * are held to the same canonical form as typed ones. */
static void
test_save_property_datetimes (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(KamRecord) a = add_account (fx->store, "Huawei", "100");
  g_autoptr(KamRecord) v = kam_record_new (&kam_visit_kind);
  g_autoptr(GError) error = NULL;

  set_ok (v, "account_id", kam_record_get_id (a));
  /* ends at 09:30 UTC, before its 10:00 UTC start */
  g_object_set (v, "start-at", "2026-03-01T10:00:00Z", "end-at", "2026-03-01T17:30:00+08:00", NULL);

  /* normalised to 09:30 UTC, the visit ends before it starts: refused */
  g_assert_cmpstr (kam_record_get_string (v, "end_at"), ==, "2026-03-01T09:30:00Z");
  g_assert_false (kam_store_save (fx->store, v, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* a good one set that way is stored in canonical form */
  g_object_set (v, "end-at", "2026-03-01T19:30:00+08:00", "follow-up", "2026/03/05", NULL);
  save_ok (fx->store, v);
  {
    g_autoptr(KamRecord) l = load_ok (fx->store, &kam_visit_kind, kam_record_get_id (v));

    g_assert_cmpstr (kam_record_get_string (l, "end_at"), ==, "2026-03-01T11:30:00Z");
    g_assert_cmpstr (kam_record_get_string (l, "follow_up"), ==, "2026-03-05");
  }
}

/* Migrations ----------------------------------------------------------------- */

static void
test_migrate (Fixture       *fx,
              gconstpointer  data)
{
  int from = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;
  sqlite3 *db;

  g_assert_true (kam_store_create_at_version (fx->path, from, &error));
  g_assert_no_error (error);

  db = raw_open_ours (fx->path);
  g_assert_cmpint (sql_int (db, "PRAGMA user_version", NULL), ==, from);
  g_assert_cmpint (sql_int (db, "PRAGMA application_id", NULL), ==, 0x4B414D31);
  /* rows as version 1 wrote them (later versions only add columns with
   * defaults) */
  sql_exec (db,
            "INSERT INTO member (id, name, created_at, updated_at) VALUES"
            " ('mem-1', '王强', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
            "INSERT INTO account (id, name, local_name, owner_id, revenue_this_year, tier, rev, dirty, local_seq, created_at, updated_at) VALUES"
            " ('acc-1', 'Huawei Technologies', '华为技术有限公司', 'mem-1', 900, 'A', '2-abc', 0, 1, '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'),"
            " ('acc-2', 'China Resources', '华润集团', NULL, 100, 'C', NULL, 1, 2, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
            "INSERT INTO contact (id, account_id, name, title, email, influence, created_at, updated_at) VALUES"
            " ('con-1', 'acc-1', '张伟', 'CTO', 'zhang.wei@huawei.com', 5, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),"
            " ('con-2', 'acc-1', '李娜', '采购总监', 'li.na@huawei.com', 3, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),"
            " ('con-3', 'acc-2', '欧阳娜娜', '', '', 3, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
            "INSERT INTO visit (id, account_id, start_at, end_at, status, created_at, updated_at) VALUES"
            " ('vis-1', 'acc-1', '2025-06-01T02:00:00Z', '2025-06-01T03:00:00Z', 'done', '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z');"
            "INSERT INTO visit_contact (visit_id, contact_id, position) VALUES ('vis-1', 'con-1', 0);"
            "INSERT INTO opportunity (id, account_id, name, stage, stage_history, created_at, updated_at) VALUES"
            " ('opp-1', 'acc-1', '5G core', 'negotiation', '[{\"stage\":\"negotiation\",\"date\":\"2025-05-01\"}]',"
            "  '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
            "INSERT INTO setting (key, value) VALUES ('currency', 'CNY');"
            "UPDATE meta SET value = 7 WHERE key = 'local_seq';");
  sqlite3_close (db);

  store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);
  db = kam_store_get_db (store);

  g_assert_cmpint (kam_store_get_schema_version (store), ==, KAM_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (db, "PRAGMA user_version", NULL), ==, KAM_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (db, "PRAGMA application_id", NULL), ==, 0x4B414D31);
  g_assert_cmpint (sql_int (db, "PRAGMA foreign_keys", NULL), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pragma_foreign_key_check", NULL), ==, 0);

  /* the data is there, sync metadata included */
  {
    g_autoptr(KamRecord) a = load_ok (store, &kam_account_kind, "acc-1");
    g_autoptr(KamRecord) c = load_ok (store, &kam_contact_kind, "con-1");
    g_autoptr(KamRecord) v = load_ok (store, &kam_visit_kind, "vis-1");
    g_autoptr(KamRecord) o = load_ok (store, &kam_opportunity_kind, "opp-1");
    g_autoptr(KamRecord) m = load_ok (store, &kam_member_kind, "mem-1");
    g_autofree char *currency = kam_store_get_setting (store, "currency", NULL);
    g_autofree char *rev = sql_text (db, "SELECT rev FROM account WHERE id = 'acc-1'", NULL);

    g_assert_cmpstr (kam_account_get_name (KAM_ACCOUNT (a)), ==, "Huawei Technologies");
    g_assert_cmpstr (kam_record_get_string (a, "local_name"), ==, "华为技术有限公司");
    g_assert_cmpstr (kam_record_get_string (a, "owner_id"), ==, "mem-1");
    g_assert_cmpstr (kam_record_get_string (a, "external_id"), ==, "");
    g_assert_cmpstr (kam_record_get_created_at (a), ==, "2025-01-01T00:00:00Z");
    g_assert_cmpstr (kam_record_get_updated_at (a), ==, "2025-01-02T00:00:00Z");
    g_assert_cmpstr (kam_record_get_string (a, "last_visit"), ==, "2025-06-01T02:00:00Z");
    g_assert_cmpstr (kam_record_get_string (c, "name"), ==, "张伟");
    g_assert_cmpstr (kam_record_get_string (c, "last_met"), ==, "2025-06-01T02:00:00Z");
    g_assert_cmpint (kam_record_get_int (c, "influence"), ==, 5);
    g_assert_cmpuint (g_strv_length ((char **) kam_record_get_strv (v, "contact_ids")), ==, 1);
    g_assert_cmpstr (kam_record_get_strv (v, "contact_ids")[0], ==, "con-1");
    g_assert_cmpint (kam_record_get_int (o, "stage"), ==, KAM_STAGE_NEGOTIATION);
    g_assert_cmpstr (kam_record_get_string (m, "name"), ==, "王强");
    g_assert_cmpstr (currency, ==, "CNY");
    g_assert_cmpstr (rev, ==, "2-abc");
    g_assert_cmpint (sql_int (db, "SELECT dirty FROM account WHERE id = 'acc-1'", NULL), ==, 0);
    g_assert_cmpuint (kam_store_count (store, &kam_account_kind), ==, 2);
    g_assert_cmpuint (kam_store_count (store, &kam_contact_kind), ==, 3);
  }

  /* what v1 wrote is in the search index */
  {
    g_autoptr(GPtrArray) hits = kam_store_search (store, "华为", 10, &error);
    KamSearchHit *hit;

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    hit = g_ptr_array_index (hits, 0);
    g_assert_cmpstr (hit->id, ==, "acc-1");
    g_assert_true (hit->kind == &kam_account_kind);
  }
  {
    g_autoptr(GPtrArray) hits = kam_store_search (store, "张伟", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((KamSearchHit *) g_ptr_array_index (hits, 0))->id, ==, "con-1");
  }
  {
    g_autoptr(GPtrArray) hits = kam_store_search (store, "娜", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) hits = kam_store_search (store, "li.na", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((KamSearchHit *) g_ptr_array_index (hits, 0))->id, ==, "con-2");
  }

  /* and the store goes on from there */
  {
    g_autoptr(KamRecord) a = load_ok (store, &kam_account_kind, "acc-2");
    g_autoptr(GPtrArray) hits = NULL;

    set_ok (a, "local_name", "华润置地");
    save_ok (store, a);
    g_assert_cmpint (sql_int (db, "SELECT local_seq FROM account WHERE id = 'acc-2'", NULL), ==, 8);
    hits = kam_store_search (store, "置地", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = kam_store_search (store, "集团", 10, &error);
    g_assert_cmpuint (hits->len, ==, 0);
  }

  /* opening again migrates nothing more */
  g_clear_object (&store);
  store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kam_store_get_schema_version (store), ==, KAM_SCHEMA_VERSION);
}

/* A migration that fails leaves the file as it was, at its old version. */
static void
test_migrate_failure (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_assert_true (kam_store_create_at_version (fx->path, 1, &error));
  g_assert_no_error (error);
  db = raw_open_ours (fx->path);
  /* something in the way of version 2 */
  sql_exec (db, "CREATE TABLE account_fts (x);"
                "INSERT INTO account (id, name, created_at, updated_at)"
                " VALUES ('acc-1', '华为', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');");
  sqlite3_close (db);
  g_assert_false (sidecar_exists (fx->path, "-wal"));
  before = file_checksum (fx->path);

  store = kam_store_open (fx->path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == KAM_STORE_ERROR);
  g_test_message ("%s", error->message);

  after = file_checksum (fx->path);
  g_assert_cmpstr (before, ==, after);
  db = raw_open (fx->path);
  g_assert_cmpint (sql_int (db, "PRAGMA user_version", NULL), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM account", NULL), ==, 1);
  sqlite3_close (db);
}

/* The last committed save survives a crash: the file and its WAL as they
 * were while the store was open. */
static void
test_open_after_crash (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fx->dir, "crashed.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(KamRecord) a = add_account (fx->store, "华为技术有限公司", "100");
  g_autoptr(KamRecord) c = add_contact (fx->store, a, "张伟");
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;
  gsize len;

  g_assert_true (sidecar_exists (fx->path, "-wal"));
  g_assert_true (g_file_get_contents (fx->path, &contents, &len, &error));
  g_assert_true (g_file_set_contents (copy, contents, len, &error));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (wal, &contents, &len, &error));
  g_assert_cmpuint (len, >, 0);
  g_assert_true (g_file_set_contents (copy_wal, contents, len, &error));
  g_assert_no_error (error);

  store = kam_store_open (copy, &error);
  g_assert_no_error (error);
  {
    g_autoptr(KamRecord) la = load_ok (store, &kam_account_kind, kam_record_get_id (a));
    g_autoptr(KamRecord) lc = load_ok (store, &kam_contact_kind, kam_record_get_id (c));
    g_autoptr(GPtrArray) hits = kam_store_search (store, "华为", 10, &error);

    assert_fields_equal (a, la);
    assert_fields_equal (c, lc);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
}

/* The schema made step by step is the schema of a new database. */
static void
test_migrate_same_schema (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *old_path = g_build_filename (fx->dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) old = NULL;
  const char *sql = "SELECT group_concat(type || ' ' || name, ', ') FROM"
                    " (SELECT type, name FROM sqlite_master ORDER BY type, name)";
  g_autofree char *fresh_schema = NULL;
  g_autofree char *old_schema = NULL;

  g_assert_true (kam_store_create_at_version (old_path, 1, &error));
  g_assert_no_error (error);
  old = kam_store_open (old_path, &error);
  g_assert_no_error (error);

  fresh_schema = sql_text (kam_store_get_db (fx->store), sql, NULL);
  old_schema = sql_text (kam_store_get_db (old), sql, NULL);
  g_assert_cmpstr (old_schema, ==, fresh_schema);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
#define ADD_EMPTY(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup_empty, func, fixture_teardown)

  ADD ("/kam/store/open/new", test_open_new);
  ADD_EMPTY ("/kam/store/open/creates-folder", test_open_creates_folder);
  ADD_EMPTY ("/kam/store/open/folder", test_open_folder);
  ADD ("/kam/store/open/reopen", test_open_reopen);
  ADD_EMPTY ("/kam/store/open/empty-file", test_open_empty_file);
  ADD ("/kam/store/open/after-crash", test_open_after_crash);
  ADD ("/kam/store/open/two-connections", test_open_two_connections);
  ADD ("/kam/store/save/round-trip", test_save_round_trip);
  ADD ("/kam/store/save/dirty-seq", test_save_dirty_seq);
  ADD ("/kam/store/save/timestamps", test_save_timestamps);
  ADD ("/kam/store/save/missing-reference", test_save_missing_reference);
  ADD ("/kam/store/save/invalid", test_save_invalid);
  ADD ("/kam/store/save/undeletes", test_save_undeletes);
  ADD ("/kam/store/opportunity/stages", test_opportunity_stages);
  ADD ("/kam/store/delete/cascade", test_delete_cascade);
  ADD ("/kam/store/delete/missing", test_delete_missing);
  ADD ("/kam/store/transaction/nested", test_transaction_nested);
  ADD ("/kam/store/transaction/rollback", test_transaction_rollback);
  ADD ("/kam/store/transaction/nested-rollback", test_transaction_nested_rollback);
  ADD ("/kam/store/tiers", test_tiers);
  ADD ("/kam/store/last-visit", test_last_visit);
  ADD ("/kam/store/settings", test_settings);
  ADD_EMPTY ("/kam/store/bad/not-ours", test_bad_not_ours);
  ADD_EMPTY ("/kam/store/bad/not-ours-empty", test_bad_not_ours_empty);
  ADD_EMPTY ("/kam/store/bad/not-a-database", test_bad_not_a_database);
  ADD_EMPTY ("/kam/store/bad/too-new", test_bad_too_new);
  ADD_EMPTY ("/kam/store/bad/read-only-file", test_bad_read_only_file);
  ADD_EMPTY ("/kam/store/bad/read-only-folder", test_bad_read_only_folder);
  ADD_EMPTY ("/kam/store/bad/locked-open", test_bad_locked_open);
  ADD ("/kam/store/bad/locked-save", test_bad_locked_save);
  ADD_EMPTY ("/kam/store/bad/corrupt-page1", test_bad_corrupt_page1);
  ADD_EMPTY ("/kam/store/bad/truncated", test_bad_truncated);
  ADD_EMPTY ("/kam/store/bad/corrupt-data-page", test_bad_corrupt_data_page);
  ADD ("/kam/store/save/reference-to-deleted", test_save_reference_to_deleted);
  ADD ("/kam/store/save/property-datetimes", test_save_property_datetimes);

  for (int v = 1; v < KAM_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/kam/store/migrate/from-v%d", v);

      g_test_add (path, Fixture, GINT_TO_POINTER (v), fixture_setup_empty, test_migrate, fixture_teardown);
    }
  ADD ("/kam/store/migrate/same-schema", test_migrate_same_schema);
  ADD_EMPTY ("/kam/store/migrate/failure", test_migrate_failure);

  return g_test_run ();
}
