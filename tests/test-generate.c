/* test-generate.c — the generated portfolio: its shape, its rules, and that
 * the same seed gives the same data
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test generates into real SQLite files in a temporary folder and
 * checks the result with SQL.  Dates are counted from a fixed "today" so
 * that nothing depends on when the test runs.
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kam-generate.h"
#include "kam-model.h"
#include "kam-store-private.h"

#define N_ACCOUNTS 60
#define SEED       7

/* Helpers ---------------------------------------------------------------- */

typedef struct {
  char     *dir;
  GPtrArray *paths;
} TmpDir;

static TmpDir *
tmp_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  TmpDir *tmp = g_new0 (TmpDir, 1);

  tmp->dir = g_dir_make_tmp ("kam-generate-XXXXXX", &error);
  g_assert_no_error (error);
  tmp->paths = g_ptr_array_new_with_free_func (g_free);
  return tmp;
}

static void
tmp_dir_free (TmpDir *tmp)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < tmp->paths->len; i++)
    for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
      {
        g_autofree char *file = g_strconcat (g_ptr_array_index (tmp->paths, i), suffixes[s], NULL);

        g_unlink (file);
      }
  g_assert_cmpint (g_rmdir (tmp->dir), ==, 0);
  g_ptr_array_unref (tmp->paths);
  g_free (tmp->dir);
  g_free (tmp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmpDir, tmp_dir_free)

static void
options_for_test (KamGenerateOptions *opts,
                  guint32             seed)
{
  kam_generate_options_init (opts);
  opts->n_accounts = N_ACCOUNTS;
  opts->seed = seed;
  g_date_set_dmy (&opts->today, 16, G_DATE_MARCH, 2026);
}

static KamStore *
generate_into (TmpDir                   *tmp,
               const char               *name,
               const KamGenerateOptions *opts)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp->dir, name, NULL);
  KamStore *store;

  g_ptr_array_add (tmp->paths, path);
  store = kam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kam_generate (store, opts, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gint64
query_int (KamStore   *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static double
query_double (KamStore   *store,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* All rows of @sql, each row's columns joined with '|', rows with '\n'. */
static char *
query_dump (KamStore   *store,
            const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_string_append_printf (out, "%s%s", c ? "|" : "", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
today_string (const KamGenerateOptions *opts)
{
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &opts->today);
  return g_strdup (buf);
}

/* Shared portfolio --------------------------------------------------------- */

typedef struct {
  TmpDir             *tmp;
  KamStore           *store;
  KamGenerateOptions  opts;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->tmp = tmp_dir_new ();
  options_for_test (&fx->opts, SEED);
  fx->store = generate_into (fx->tmp, "portfolio.db", &fx->opts);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_assert_finalize_object (fx->store);
  tmp_dir_free (fx->tmp);
}

/* Tests ------------------------------------------------------------------ */

static void
test_counts (Fixture       *fx,
             gconstpointer  data)
{
  KamStore *store = fx->store;

  g_assert_cmpuint (kam_store_count (store, &kam_account_kind), ==, N_ACCOUNTS);
  g_assert_cmpuint (kam_store_count (store, &kam_member_kind), >=, 1);

  /* 5 to 15 contacts at every account */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT account_id) FROM contact"), ==, N_ACCOUNTS);
  g_assert_cmpint (query_int (store, "SELECT min(n) FROM (SELECT count(*) AS n FROM contact GROUP BY account_id)"), >=, 5);
  g_assert_cmpint (query_int (store, "SELECT max(n) FROM (SELECT count(*) AS n FROM contact GROUP BY account_id)"), <=, 15);

  /* a few relations per account, at least three opportunities on average */
  g_assert_cmpuint (kam_store_count (store, &kam_relation_kind), >=, N_ACCOUNTS);
  g_assert_cmpuint (kam_store_count (store, &kam_opportunity_kind), >=, 3 * N_ACCOUNTS);
  g_assert_cmpuint (kam_store_count (store, &kam_visit_kind), >=, 10 * N_ACCOUNTS);
}

static void
test_accounts (Fixture       *fx,
               gconstpointer  data)
{
  KamStore *store = fx->store;

  /* names are unique, industries and regions from the fixed lists */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT name) FROM account"), ==, N_ACCOUNTS);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM account WHERE industry NOT IN "
                              "('telecom', 'government', 'finance', 'energy', 'education', 'manufacturing')"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM account WHERE region NOT IN "
                              "('华北', '华东', '华南', '华中', '西南', '西北', '东北')"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM account WHERE owner_id NOT IN (SELECT id FROM member)"), ==, 0);

  /* our share plus the competitors' is at most the whole spend */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM account WHERE annual_spend < revenue_this_year "
                              "OR abs(share_of_wallet - revenue_this_year * 100.0 / annual_spend) > 0.06"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM account a WHERE a.share_of_wallet + "
                              "(SELECT coalesce(sum(value), 0) FROM json_each (a.competitor_shares)) > 100.0001"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT min(n) FROM (SELECT count(*) AS n FROM account a, json_each (a.competitor_shares) GROUP BY a.id)"),
                   >=, 1);

  /* targets for last year, this year and next */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM account WHERE json_array_length (targets) <> 3"), ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM account a, json_each (a.targets) t "
                              "WHERE json_extract (t.value, '$.year') NOT IN (2025, 2026, 2027)"),
                   ==, 0);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM account WHERE tier_pinned <> ''"), >=, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM account WHERE satisfaction NOT BETWEEN 1 AND 5"), ==, 0);
}

static void
test_tiers (Fixture       *fx,
            gconstpointer  data)
{
  KamStore *store = fx->store;
  gint64 n_a = query_int (store, "SELECT count(*) FROM account WHERE tier = 'A'");
  gint64 n_c = query_int (store, "SELECT count(*) FROM account WHERE tier = 'C'");
  double total = query_double (store, "SELECT sum(revenue_this_year) FROM account");
  double a_revenue = query_double (store, "SELECT sum(revenue_this_year) FROM account WHERE tier = 'A'");

  /* The store classifies: A is a minority that makes about 80%. */
  g_test_message ("A: %" G_GINT64_FORMAT " accounts, %.1f%% of revenue; C: %" G_GINT64_FORMAT " accounts",
                  n_a, 100.0 * a_revenue / total, n_c);
  g_assert_cmpint (n_a, >=, 1);
  g_assert_cmpint (n_a, <=, N_ACCOUNTS * 2 / 5);
  g_assert_cmpfloat (a_revenue / total, >=, 0.78);
  g_assert_cmpfloat (a_revenue / total, <=, 0.95);
  g_assert_cmpint (n_c, >=, N_ACCOUNTS / 4);
}

static void
test_contacts (Fixture       *fx,
               gconstpointer  data)
{
  KamStore *store = fx->store;
  static const char depth_sql[] =
    "WITH RECURSIVE chain (id, account_id, depth) AS ("
    "  SELECT id, account_id, 1 FROM contact WHERE reports_to_id IS NULL"
    "  UNION ALL"
    "  SELECT c.id, c.account_id, chain.depth + 1 FROM contact c JOIN chain ON c.reports_to_id = chain.id"
    "  WHERE chain.depth < 50) ";
  g_autofree char *reached = g_strconcat (depth_sql, "SELECT count(*) FROM chain", NULL);
  g_autofree char *min_depth = g_strconcat (depth_sql,
                                            "SELECT min(d) FROM (SELECT max(depth) AS d FROM chain GROUP BY account_id)", NULL);
  g_autofree char *max_depth = g_strconcat (depth_sql,
                                            "SELECT max(d) FROM (SELECT max(depth) AS d FROM chain GROUP BY account_id)", NULL);
  gint64 n_contacts = kam_store_count (store, &kam_contact_kind);

  /* Every role is somewhere; one economic buyer at the top of each tree. */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT decision_role) FROM contact"), ==, KAM_N_ROLES);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contact WHERE reports_to_id IS NULL"), ==, N_ACCOUNTS);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM contact WHERE reports_to_id IS NULL AND decision_role <> 'economic_buyer'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contact WHERE decision_role = 'none'"), >=, n_contacts / 5);

  /* Managers work at the same account; the trees have no cycles (every
   * contact is reached from a root) and are 3 to 5 levels deep. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM contact c JOIN contact m ON m.id = c.reports_to_id "
                              "WHERE m.account_id <> c.account_id"),
                   ==, 0);
  g_assert_cmpint (query_int (store, reached), ==, n_contacts);
  g_assert_cmpint (query_int (store, min_depth), >=, 3);
  g_assert_cmpint (query_int (store, max_depth), <=, 5);

  /* Higher up, more influence. */
  g_assert_cmpint (query_int (store, "SELECT min(influence) FROM contact WHERE reports_to_id IS NULL"), ==, 5);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contact WHERE attitude < 0"), >=, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contact WHERE attitude > 0"), >,
                   query_int (store, "SELECT count(*) FROM contact WHERE attitude < 0"));

  /* e-mail addresses are unique at each account */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT email) FROM contact"), ==, n_contacts);

  /* relations link two different contacts of the same account */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM relation r JOIN contact a ON a.id = r.from_id JOIN contact b ON b.id = r.to_id "
                              "WHERE a.account_id <> b.account_id OR a.id = b.id"),
                   ==, 0);
}

static void
test_visits (Fixture       *fx,
             gconstpointer  data)
{
  KamStore *store = fx->store;
  g_autofree char *today = today_string (&fx->opts);
  g_autofree char *past_done = g_strdup_printf ("SELECT count(*) FROM visit WHERE status = 'done' AND start_at < '%s'", today);
  g_autofree char *future_planned = g_strdup_printf ("SELECT count(*) FROM visit WHERE status = 'planned' AND start_at > '%s'", today);
  g_autofree char *planned_past = g_strdup_printf ("SELECT count(*) FROM visit WHERE status = 'planned' AND start_at < '%s'", today);
  g_autofree char *done_future = g_strdup_printf ("SELECT count(*) FROM visit WHERE status <> 'planned' AND start_at > '%sT23:59:59Z'", today);

  g_assert_cmpint (query_int (store, past_done), >, 0);
  g_assert_cmpint (query_int (store, future_planned), >, 0);
  g_assert_cmpint (query_int (store, planned_past), ==, 0);
  g_assert_cmpint (query_int (store, done_future), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM visit WHERE status = 'cancelled'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT kind) FROM visit"), ==, 4);

  /* one to two hours, 1-3 of their people, 1-2 of ours */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM visit WHERE (julianday (end_at) - julianday (start_at)) * 24 NOT BETWEEN 0.99 AND 2.01"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM visit v WHERE (SELECT count(*) FROM visit_contact WHERE visit_id = v.id) NOT BETWEEN 1 AND 3"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM visit v WHERE (SELECT count(*) FROM visit_member WHERE visit_id = v.id) NOT BETWEEN 1 AND 2"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM visit_contact vc JOIN visit v ON v.id = vc.visit_id "
                              "JOIN contact c ON c.id = vc.contact_id WHERE c.account_id <> v.account_id"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM visit WHERE status = 'done' AND outcome = ''"), ==, 0);

  /* bigger accounts are met more often */
  g_assert_cmpfloat (query_double (store,
                                   "SELECT avg(n) FROM (SELECT count(v.id) AS n FROM account a LEFT JOIN visit v ON v.account_id = a.id "
                                   "WHERE a.tier = 'A' GROUP BY a.id)"),
                     >,
                     query_double (store,
                                   "SELECT avg(n) FROM (SELECT count(v.id) AS n FROM account a LEFT JOIN visit v ON v.account_id = a.id "
                                   "WHERE a.tier = 'C' GROUP BY a.id)"));

  /* the store's triggers saw the visits that were done */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM account WHERE last_visit <> ''"), >, N_ACCOUNTS / 2);
}

static void
test_opportunities (Fixture       *fx,
                    gconstpointer  data)
{
  KamStore *store = fx->store;
  g_autofree char *today = today_string (&fx->opts);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint n_overridden = 0;

  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT stage) FROM opportunity"), ==, KAM_N_STAGES);

  all = kam_store_load_all (store, &kam_opportunity_kind, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < all->len; i++)
    {
      KamRecord *opportunity = g_ptr_array_index (all, i);
      int stage = kam_record_get_int (opportunity, "stage");
      const char *closed_on = kam_record_get_string (opportunity, "closed_on");
      const char *expected = kam_record_get_string (opportunity, "expected_close");
      g_autoptr(JsonNode) node = json_from_string (kam_record_get_string (opportunity, "stage_history"), &error);
      JsonArray *history;
      const char *last_date = "";
      const char *last_stage = NULL;

      g_assert_no_error (error);
      history = json_node_get_array (node);
      g_assert_cmpuint (json_array_get_length (history), >=, 1);

      /* dates increase, none after today, and it ends with the stage */
      for (guint h = 0; h < json_array_get_length (history); h++)
        {
          JsonObject *entry = json_array_get_object_element (history, h);
          const char *date = json_object_get_string_member (entry, "date");

          g_assert_cmpstr (date, >, last_date);
          g_assert_cmpstr (date, <=, today);
          last_date = date;
          last_stage = json_object_get_string_member (entry, "stage");
        }
      g_assert_cmpstr (last_stage, ==, kam_enum_to_string (KAM_TYPE_STAGE, stage));

      if (kam_stage_is_closed (stage))
        {
          g_assert_cmpstr (closed_on, ==, last_date);
          g_assert_cmpstr (kam_record_get_string (opportunity, "reason"), !=, "");
          g_assert_cmpint (kam_record_get_int (opportunity, "probability"), ==, -1);
        }
      else
        {
          g_assert_cmpstr (closed_on, ==, "");
          g_assert_cmpstr (expected, >, today);
          n_overridden += kam_record_get_int (opportunity, "probability") >= 0;
        }
      g_assert_cmpfloat (kam_record_get_double (opportunity, "amount"), >, 0);
    }

  /* probability mostly the stage's default, some set by hand */
  g_assert_cmpuint (n_overridden, >=, 1);
  g_assert_cmpuint (n_overridden, <, all->len / 4);
}

static void
test_deterministic (void)
{
  g_autoptr(TmpDir) tmp = tmp_dir_new ();
  g_autoptr(KamStore) first = NULL;
  g_autoptr(KamStore) second = NULL;
  g_autoptr(KamStore) other = NULL;
  KamGenerateOptions opts;
  static const char * const queries[] = {
    "SELECT id, name, revenue_this_year FROM account ORDER BY id",
    "SELECT id, name, email, reports_to_id, decision_role FROM contact ORDER BY id",
    "SELECT id, start_at, end_at, status, created_at, updated_at FROM visit ORDER BY id",
    "SELECT visit_id, contact_id, position FROM visit_contact ORDER BY visit_id, contact_id",
    "SELECT id, name, amount, stage, stage_history, closed_on FROM opportunity ORDER BY id",
  };

  options_for_test (&opts, SEED);
  first = generate_into (tmp, "first.db", &opts);
  second = generate_into (tmp, "second.db", &opts);
  opts.seed = SEED + 1;
  other = generate_into (tmp, "other.db", &opts);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *a = query_dump (first, queries[q]);
      g_autofree char *b = query_dump (second, queries[q]);
      g_autofree char *c = query_dump (other, queries[q]);

      g_assert_cmpstr (a, ==, b);
      g_assert_cmpstr (a, !=, c);
    }
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_progress (void)
{
  g_autoptr(TmpDir) tmp = tmp_dir_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autofree char *path = g_build_filename (tmp->dir, "progress.db", NULL);
  KamGenerateOptions opts;

  g_ptr_array_add (tmp->paths, g_strdup (path));
  store = kam_store_open (path, &error);
  g_assert_no_error (error);

  kam_generate_options_init (&opts);
  opts.n_accounts = 5;
  g_assert_true (kam_generate (store, &opts, progress_cb, fractions, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_assert_cmpuint (kam_store_count (store, &kam_member_kind), ==, 1);
  g_assert_cmpuint (kam_store_count (store, &kam_account_kind), ==, 5);
}

static void
test_invalid (void)
{
  g_autoptr(TmpDir) tmp = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autofree char *path = g_build_filename (tmp->dir, "invalid.db", NULL);
  KamGenerateOptions opts;

  g_ptr_array_add (tmp->paths, g_strdup (path));
  store = kam_store_open (path, &error);
  g_assert_no_error (error);

  kam_generate_options_init (&opts);
  opts.n_accounts = 0;
  g_assert_false (kam_generate (store, &opts, NULL, NULL, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  kam_generate_options_init (&opts);
  g_date_clear (&opts.today, 1);
  g_assert_false (kam_generate (store, &opts, NULL, NULL, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);

  g_assert_cmpuint (kam_store_count (store, &kam_member_kind), ==, 0);
  g_assert_cmpuint (kam_store_count (store, &kam_account_kind), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/kam/generate/counts", Fixture, NULL, fixture_setup, test_counts, fixture_teardown);
  g_test_add ("/kam/generate/accounts", Fixture, NULL, fixture_setup, test_accounts, fixture_teardown);
  g_test_add ("/kam/generate/tiers", Fixture, NULL, fixture_setup, test_tiers, fixture_teardown);
  g_test_add ("/kam/generate/contacts", Fixture, NULL, fixture_setup, test_contacts, fixture_teardown);
  g_test_add ("/kam/generate/visits", Fixture, NULL, fixture_setup, test_visits, fixture_teardown);
  g_test_add ("/kam/generate/opportunities", Fixture, NULL, fixture_setup, test_opportunities, fixture_teardown);
  g_test_add_func ("/kam/generate/deterministic", test_deterministic);
  g_test_add_func ("/kam/generate/progress", test_progress);
  g_test_add_func ("/kam/generate/invalid", test_invalid);

  return g_test_run ();
}
