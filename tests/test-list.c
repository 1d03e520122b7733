/* test-list.c — paged list models and the insights over the store
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "kam-collate.h"
#include "kam-insights.h"
#include "kam-list.h"
#include "kam-store.h"
#include "kam-store-private.h"

typedef struct {
  char     *dir;
  KamStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("kam-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_assert_finalize_object (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/test.db%s", f->dir, suffixes[i]);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static KamRecord *
add (KamStore            *store,
     const KamRecordKind *kind,
     ...)
{
  g_autoptr(KamRecord) record = kam_record_new (kind);
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  va_start (args, kind);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      kam_record_set_from_string (record, field, value, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  kam_store_save (store, record, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&record);
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);
  g_autoptr(KamRecordList) list = NULL;
  guint changes = 0;

  kam_store_begin (f->store, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("Account %03d", 149 - i);
      g_autofree char *revenue = g_strdup_printf ("%d", (i + 1) * 1000);
      g_autoptr(KamRecord) account = add (f->store, &kam_account_kind,
                                          "name", name, "revenue_this_year", revenue, NULL);
    }
  kam_store_commit (f->store, &error);
  g_assert_no_error (error);

  list = kam_record_list_new (f->store, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 150);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == KAM_TYPE_ACCOUNT);

  /* Sorted by name across page boundaries (pages are 64 rows). */
  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(KamRecord) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *expected = g_strdup_printf ("Account %03u", i);

      g_assert_cmpstr (kam_record_get_string (item, "name"), ==, expected);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 150));

  /* Sort by revenue, largest first. */
  kam_query_set_sort (query, "revenue_this_year", TRUE, &error);
  g_assert_no_error (error);
  kam_record_list_set_query (list, query);
  {
    g_autoptr(KamRecord) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(KamRecord) last = g_list_model_get_item (G_LIST_MODEL (list), 149);

    g_assert_cmpfloat (kam_record_get_double (first, "revenue_this_year"), ==, 150000);
    g_assert_cmpfloat (kam_record_get_double (last, "revenue_this_year"), ==, 1000);
  }

  /* A batch of writes is one items-changed. */
  g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed_cb), &changes);
  kam_store_begin (f->store, &error);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Late %d", i);
      g_autoptr(KamRecord) account = add (f->store, &kam_account_kind, "name", name, NULL);
    }
  kam_store_commit (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 160);

  g_assert_false (kam_query_set_sort (query, "no_such_field", FALSE, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  g_assert_null (kam_record_list_get_error (list));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) wang = add (f->store, &kam_member_kind, "name", "王磊", NULL);
  g_autoptr(KamRecord) huawei = add (f->store, &kam_account_kind, "name", "Huawei Technologies",
                                     "local_name", "华为技术有限公司", "industry", "telecom",
                                     "region", "华南", "revenue_this_year", "900", NULL);
  g_autoptr(KamRecord) bank = add (f->store, &kam_account_kind, "name", "China Merchants Bank",
                                   "local_name", "招商银行", "industry", "finance", "region", "华南",
                                   "revenue_this_year", "80", NULL);
  g_autoptr(KamRecord) grid = add (f->store, &kam_account_kind, "name", "State Grid Sichuan",
                                   "local_name", "国网四川电力", "industry", "energy", "region", "西南",
                                   "revenue_this_year", "20", NULL);
  g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);
  g_autoptr(KamQuery) opps = kam_query_new (&kam_opportunity_kind);
  g_autoptr(KamQuery) visits = kam_query_new (&kam_visit_kind);
  g_autoptr(KamRecordList) list = NULL;
  g_autoptr(KamRecordList) opp_list = NULL;
  g_autoptr(KamRecordList) visit_list = NULL;

  kam_record_set_from_string (bank, "owner_id", kam_record_get_id (wang), &error);
  g_assert_no_error (error);
  kam_store_save (f->store, bank, &error);
  g_assert_no_error (error);

  list = kam_record_list_new (f->store, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  kam_query_set_search (query, "华为");
  kam_record_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  kam_query_set_search (query, NULL);
  kam_query_set_region (query, "华南");
  kam_record_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  kam_query_set_industry (query, "finance");
  kam_record_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  kam_query_set_region (query, NULL);
  kam_query_set_industry (query, NULL);
  kam_query_set_owner (query, kam_record_get_id (wang));
  kam_record_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Tiers are computed at commit: 900 of 1000 is A, then 80 B, 20 C. */
  kam_query_set_owner (query, NULL);
  kam_query_set_tier (query, "A");
  kam_record_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  kam_query_set_tier (query, "C");
  kam_record_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr(KamRecord) item = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (kam_record_get_id (item), ==, kam_record_get_id (grid));
  }

  /* Opportunities by stage, "open" and account. */
  {
    g_autoptr(KamRecord) o1 = add (f->store, &kam_opportunity_kind, "account_id", kam_record_get_id (huawei),
                                   "name", "5G core", "amount", "100", "stage", "negotiation",
                                   "expected_close", "2026-12-15", NULL);
    g_autoptr(KamRecord) o2 = add (f->store, &kam_opportunity_kind, "account_id", kam_record_get_id (huawei),
                                   "name", "Campus LAN", "amount", "50", "stage", "closed_won", NULL);
    g_autoptr(KamRecord) o3 = add (f->store, &kam_opportunity_kind, "account_id", kam_record_get_id (bank),
                                   "name", "Branch SD-WAN", "amount", "70", "stage", "prospecting",
                                   "expected_close", "2027-03-01", NULL);
  }
  opp_list = kam_record_list_new (f->store, opps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (opp_list)), ==, 3);
  kam_query_set_stage (opps, "open");
  kam_record_list_set_query (opp_list, opps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (opp_list)), ==, 2);
  kam_query_set_account (opps, kam_record_get_id (huawei));
  kam_record_list_set_query (opp_list, opps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (opp_list)), ==, 1);
  kam_query_set_account (opps, NULL);
  kam_query_set_date_range (opps, "2026-12-01", "2026-12-31");
  kam_record_list_set_query (opp_list, opps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (opp_list)), ==, 1);
  kam_query_set_date_range (opps, NULL, NULL);
  kam_query_set_stage (opps, NULL);
  kam_query_set_search (opps, "招商");
  kam_record_list_set_query (opp_list, opps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (opp_list)), ==, 1);

  /* Visits by date range, both ends included, newest first by default. */
  {
    g_autoptr(KamRecord) v1 = add (f->store, &kam_visit_kind, "account_id", kam_record_get_id (grid),
                                   "start_at", "2026-11-02T01:00:00Z", "end_at", "2026-11-02T02:00:00Z", NULL);
    g_autoptr(KamRecord) v2 = add (f->store, &kam_visit_kind, "account_id", kam_record_get_id (grid),
                                   "start_at", "2026-11-30T01:00:00Z", "end_at", "2026-11-30T02:00:00Z", NULL);
    g_autoptr(KamRecord) v3 = add (f->store, &kam_visit_kind, "account_id", kam_record_get_id (grid),
                                   "start_at", "2026-12-01T01:00:00Z", "end_at", "2026-12-01T02:00:00Z", NULL);
  }
  kam_query_set_date_range (visits, "2026-11-01", "2026-11-30");
  visit_list = kam_record_list_new (f->store, visits);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (visit_list)), ==, 2);
  {
    g_autoptr(KamRecord) first = g_list_model_get_item (G_LIST_MODEL (visit_list), 0);
    g_assert_cmpstr (kam_record_get_string (first, "start_at"), ==, "2026-11-30T01:00:00Z");
  }

  /* A deleted account leaves the lists at once. */
  kam_query_set_tier (query, NULL);
  kam_record_list_set_query (list, query);
  kam_store_delete (f->store, kam_record_get_id (huawei), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  kam_query_set_search (opps, NULL);
  kam_record_list_set_query (opp_list, opps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (opp_list)), ==, 1);
}

static void
test_insights (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coverage = NULL;
  g_autoptr(GPtrArray) due = NULL;
  KamDueCounts counts;
  KamPipelineSummary summary;
  GDate today;
  g_autoptr(KamRecord) acme = add (f->store, &kam_account_kind, "name", "Acme", "revenue_this_year", "1000",
                                   "targets", "[{\"year\": 2026, \"amount\": 500}, {\"year\": 2027, \"amount\": 900}]",
                                   NULL);
  g_autoptr(KamRecord) beta = add (f->store, &kam_account_kind, "name", "Beta", "revenue_this_year", "10",
                                   "targets", "[{\"year\": 2026, \"amount\": 300}]", NULL);
  /* Acme: a champion decision maker met 3 days before "today" (green); a
   * coach, never met; influence 4 user buyer, opponent. */
  g_autoptr(KamRecord) boss = add (f->store, &kam_contact_kind, "account_id", kam_record_get_id (acme),
                                   "name", "Boss", "decision_role", "decision_maker", "influence", "5",
                                   "attitude", "2", "strength", "4", NULL);
  g_autoptr(KamRecord) coach = add (f->store, &kam_contact_kind, "account_id", kam_record_get_id (acme),
                                    "name", "Coach", "decision_role", "coach", "influence", "2",
                                    "attitude", "1", "strength", "2", NULL);
  g_autoptr(KamRecord) critic = add (f->store, &kam_contact_kind, "account_id", kam_record_get_id (acme),
                                     "name", "Critic", "decision_role", "user_buyer", "influence", "4",
                                     "attitude", "-1", "strength", "0", NULL);
  g_autoptr(KamRecord) visit = NULL;
  KamAccountCoverage *acme_cov, *beta_cov;

  visit = add (f->store, &kam_visit_kind, "account_id", kam_record_get_id (acme),
               "start_at", "2026-11-21T02:00:00Z", "end_at", "2026-11-21T03:00:00Z",
               "status", "done", "contact_ids", kam_record_get_id (boss), NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, G_DATE_NOVEMBER, 2026);

  coverage = kam_insights_coverage (f->store, NULL, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coverage->len, ==, 2);
  acme_cov = g_ptr_array_index (coverage, 0);
  beta_cov = g_ptr_array_index (coverage, 1);
  if (g_strcmp0 (acme_cov->name, "Acme") != 0)
    {
      KamAccountCoverage *tmp = acme_cov;
      acme_cov = beta_cov;
      beta_cov = tmp;
    }
  g_assert_cmpstr (acme_cov->name, ==, "Acme");
  g_assert_cmpint (acme_cov->tier, ==, KAM_TIER_A);
  g_assert_cmpint (acme_cov->coverage.status, ==, KAM_COVERAGE_GREEN);
  /* Key players: Boss (w 7, C = 40 + 24 + 16 = 80), Coach (role set, w 2,
   * C = 20 + 18 + 0 = 38), Critic (w 4, C = 0 + 6 + 0 = 6):
   * round (5 × (560 + 76 + 24) / (4 × 13)) = round (63.46) = 63. */
  g_assert_cmpint (acme_cov->coverage.score, ==, 63);
  g_assert_cmpint (acme_cov->coverage.flags, ==,
                   KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER | KAM_COVERAGE_FLAG_HIGH_INFLUENCE_OPPONENT
                   | KAM_COVERAGE_FLAG_KEY_PLAYER_NEVER_MET);
  g_assert_cmpint (beta_cov->coverage.status, ==, KAM_COVERAGE_RED);
  g_assert_cmpint (beta_cov->coverage.score, ==, 0);

  /* One account at a time (what the window asks for) gives the same. */
  for (guint i = 0; i < coverage->len; i++)
    {
      const KamAccountCoverage *all = g_ptr_array_index (coverage, i);
      g_autoptr(GPtrArray) one = kam_insights_coverage (f->store, all->account_id, &today, &error);
      const KamAccountCoverage *item;

      g_assert_no_error (error);
      g_assert_cmpuint (one->len, ==, 1);
      item = g_ptr_array_index (one, 0);
      g_assert_cmpstr (item->account_id, ==, all->account_id);
      g_assert_cmpint (item->tier, ==, all->tier);
      g_assert_cmpint (item->coverage.score, ==, all->coverage.score);
      g_assert_cmpint (item->coverage.status, ==, all->coverage.status);
      g_assert_cmpint (item->coverage.flags, ==, all->coverage.flags);
    }
  {
    g_autoptr(GPtrArray) none = kam_insights_coverage (f->store, "no-such-account", &today, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Due on 2026-11-24: Acme (A, weekly) was visited 3 days ago: not due;
   * Beta never: due.  Key contacts of Acme: Coach and Critic never met (due),
   * Boss met 3 days ago (not due). */
  due = kam_insights_due (f->store, NULL, &today, 0, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 3);
  g_assert_cmpuint (counts.accounts, ==, 1);
  g_assert_cmpuint (counts.contacts, ==, 2);
  for (guint i = 0; i < due->len; i++)
    {
      KamDueEntry *entry = g_ptr_array_index (due, i);

      g_assert_true (entry->never);
      g_assert_cmpstr (entry->name, !=, "Acme");
      g_assert_cmpstr (entry->name, !=, "Boss");
    }

  /* Visits a week later make Acme due by 3 days. */
  g_date_add_days (&today, 7);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = kam_insights_due (f->store, NULL, &today, 0, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 5);
  g_assert_cmpuint (counts.accounts + counts.contacts, ==, 5);
  {
    KamDueEntry *last = g_ptr_array_index (due, due->len - 1);
    /* Acme and Boss were both last seen on 2026-11-21: due since 11-28. */
    g_assert_false (last->never);
    g_assert_cmpint (last->days_overdue, ==, 3);
    g_assert_cmpstr (last->last, ==, "2026-11-21");
  }

  /* Pipeline of 2026: one won (closed today), one open at 40 %. */
  {
    g_autoptr(KamRecord) won = add (f->store, &kam_opportunity_kind, "account_id", kam_record_get_id (acme),
                                    "name", "Won", "amount", "200", "stage", "closed_won",
                                    "closed_on", "2026-06-10", NULL);
    g_autoptr(KamRecord) open = add (f->store, &kam_opportunity_kind, "account_id", kam_record_get_id (beta),
                                     "name", "Open", "amount", "1000", "stage", "solution_proposal",
                                     "expected_close", "2026-12-20", NULL);
    g_autoptr(KamRecord) lost = add (f->store, &kam_opportunity_kind, "account_id", kam_record_get_id (beta),
                                     "name", "Lost", "amount", "300", "stage", "closed_lost",
                                     "closed_on", "2026-03-01", NULL);
  }
  kam_insights_pipeline (f->store, 2026, NULL, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_deals, ==, 3);
  g_assert_cmpfloat (summary.target, ==, 800);
  g_assert_cmpint (summary.stages[KAM_STAGE_SOLUTION_PROPOSAL].count, ==, 1);
  g_assert_cmpfloat (summary.stages[KAM_STAGE_SOLUTION_PROPOSAL].weighted, ==, 400);
  g_assert_cmpfloat (summary.months[5].won, ==, 200);
  g_assert_cmpfloat (summary.quarters[3].weighted_open, ==, 400);
  g_assert_true (summary.has_win_rate);
  g_assert_cmpfloat_with_epsilon (summary.win_rate.rate, 0.5, 1e-9);
  /* Remaining 800 - 200 = 600; weighted open 400: coverage 0.667. */
  g_assert_cmpint (summary.coverage.status, ==, KAM_PIPELINE_COVERAGE_RATIO);
  g_assert_cmpfloat_with_epsilon (summary.coverage.ratio, 400.0 / 600.0, 1e-9);

  /* The preferences' stage probability replaces the built-in default for
   * deals without an override: 1000 at 50 % is 500. */
  kam_store_set_setting (f->store, "probability-solution_proposal", "50", &error);
  g_assert_no_error (error);
  kam_insights_pipeline (f->store, 2026, NULL, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (summary.stages[KAM_STAGE_SOLUTION_PROPOSAL].weighted, ==, 500);

  (void) coach;
  (void) critic;
}

static char *
journal_mode (KamStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *mode = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (store), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return mode;
}

static char *
schema_of (KamStore *store)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (store),
                                       "SELECT type, name, sql FROM sqlite_master ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* A bulk load builds the search index and "last met" once at the end, and
 * is all or nothing.  It goes through a rollback journal and leaves the
 * database in WAL mode again, whether it commits or fails; into an empty
 * database it builds the indexes at the end, and leaves them all there. */
static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(KamRecord) acme = NULL;
  g_autoptr(KamRecord) zhang = NULL;
  g_autoptr(KamRecord) visit = NULL;
  g_autoptr(KamRecord) loaded = NULL;
  g_autoptr(KamRecord) bad = kam_record_new (&kam_contact_kind);
  g_autofree char *schema = schema_of (f->store);
  KamStore *second;
  char *mode;

  g_assert_true (kam_store_begin_bulk (f->store, &error));
  g_assert_no_error (error);
  mode = journal_mode (f->store);
  g_assert_cmpstr (mode, ==, "delete");
  g_clear_pointer (&mode, g_free);
  acme = add (f->store, &kam_account_kind, "name", "华为技术", "revenue_this_year", "10", NULL);
  zhang = add (f->store, &kam_contact_kind, "account_id", kam_record_get_id (acme), "name", "张伟", NULL);
  visit = add (f->store, &kam_visit_kind, "account_id", kam_record_get_id (acme),
               "start_at", "2026-11-20T02:00:00Z", "end_at", "2026-11-20T03:00:00Z",
               "status", "done", "contact_ids", kam_record_get_id (zhang), NULL);
  g_assert_true (kam_store_commit_bulk (f->store, &error));
  g_assert_no_error (error);
  mode = journal_mode (f->store);
  g_assert_cmpstr (mode, ==, "wal");
  g_clear_pointer (&mode, g_free);
  {
    g_autofree char *after = schema_of (f->store);

    g_assert_cmpstr (after, ==, schema);
  }

  hits = kam_store_search (f->store, "华为", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = kam_store_search (f->store, "张伟", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  loaded = kam_store_load (f->store, &kam_contact_kind, kam_record_get_id (zhang), &error);
  g_assert_cmpstr (kam_record_get_string (loaded, "last_met"), ==, "2026-11-20T02:00:00Z");
  g_clear_object (&loaded);
  loaded = kam_store_load (f->store, &kam_account_kind, kam_record_get_id (acme), &error);
  g_assert_cmpstr (kam_record_get_string (loaded, "last_visit"), ==, "2026-11-20T02:00:00Z");
  g_assert_cmpint (kam_record_get_int (loaded, "tier"), ==, KAM_TIER_A);

  /* One bad record fails the whole load, and the triggers work again. */
  g_assert_true (kam_store_begin_bulk (f->store, &error));
  {
    g_autoptr(KamRecord) other = add (f->store, &kam_account_kind, "name", "中国移动", NULL);
  }
  kam_record_set_from_string (bad, "account_id", "no-such-account", NULL);
  kam_record_set_from_string (bad, "name", "李娜", NULL);
  g_assert_false (kam_store_save (f->store, bad, &error));
  g_clear_error (&error);
  g_assert_false (kam_store_commit_bulk (f->store, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 1);
  mode = journal_mode (f->store);
  g_assert_cmpstr (mode, ==, "wal");
  g_clear_pointer (&mode, g_free);

  /* A deferred reference is checked when the load commits. */
  g_assert_true (kam_store_begin_bulk (f->store, &error));
  g_assert_true (kam_store_save_full (f->store, bad, KAM_SAVE_DEFER_REFERENCES, &error));
  g_assert_no_error (error);
  g_assert_false (kam_store_commit_bulk (f->store, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (kam_store_count (f->store, &kam_contact_kind), ==, 1);

  {
    g_autoptr(KamRecord) later = add (f->store, &kam_account_kind, "name", "中国联通", NULL);
  }
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = kam_store_search (f->store, "联通", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* With a second connection open (a reader, a sync thread), SQLite keeps
   * WAL: the load goes through it, as atomic. */
  second = kam_store_open (kam_store_get_path (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kam_store_count (second, &kam_account_kind), ==, 2);
  g_assert_true (kam_store_begin_bulk (f->store, &error));
  mode = journal_mode (f->store);
  g_assert_cmpstr (mode, ==, "wal");
  g_clear_pointer (&mode, g_free);
  {
    g_autoptr(KamRecord) third = add (f->store, &kam_account_kind, "name", "中国电信", NULL);
  }
  g_assert_true (kam_store_commit_bulk (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kam_store_count (second, &kam_account_kind), ==, 3);
  g_assert_finalize_object (second);
}

static char *
meta_value (KamStore   *store,
            const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (store), "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* The index of name keys (pinyin order) is rebuilt when the database comes
 * from a machine whose keys differ, and then checks out whole. */
static void
test_name_keys (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (kam_store_get_path (f->store));
  g_autofree char *signature = meta_value (f->store, "collation");
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpstr (signature, ==, kam_collate_signature ());
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u", i % 2 ? "华为" : "阿里", i);
      g_autoptr(KamRecord) account = add (f->store, &kam_account_kind, "name", name, NULL);
    }
  /* as if written on another machine */
  g_assert_cmpint (sqlite3_exec (kam_store_get_db (f->store), "UPDATE meta SET value = 'glibc 0.0, zh_CN' WHERE key = 'collation'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_finalize_object (f->store);

  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);
  after = meta_value (f->store, "collation");
  g_assert_cmpstr (after, ==, kam_collate_signature ());
  g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (f->store), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/kam/list/paging", Fixture, NULL, fixture_setup, test_paging, fixture_teardown);
  g_test_add ("/kam/list/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/kam/insights/coverage-due-pipeline", Fixture, NULL, fixture_setup, test_insights, fixture_teardown);

  g_test_add ("/kam/store/bulk", Fixture, NULL, fixture_setup, test_bulk, fixture_teardown);
  g_test_add ("/kam/store/name-keys", Fixture, NULL, fixture_setup, test_name_keys, fixture_teardown);

  return g_test_run ();
}
