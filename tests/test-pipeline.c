/* test-pipeline.c — the pipeline's aggregates and stage changes over a real
 * store, against figures computed by hand
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "kam-drill.h"
#include "kam-model.h"
#include "kam-pipeline.h"
#include "kam-store.h"
#include "kam-store-private.h"

/* The data set (year 2026), effective probabilities in brackets:
 *
 *  account  revenue  owner  tier  target 2026
 *  Huawei       900  wang   A     1,200,000
 *  Bank          80  li     B       600,000
 *  Grid          20  li     C             -
 *
 *  deal          account  owner  amount   stage              close         weighted
 *  Core network  Huawei   wang   100,000  prospecting [10]   2026-02-10     10,000
 *  Data centre   Huawei   wang   200,000  negotiation  50 by hand 2026-03-05 100,000
 *  Branch WAN    Bank     li      50,000  proposal [40]      2026-05-20     20,000
 *  Cloud         Bank     li     300,000  closed won         closed 2026-01-15
 *  Smart grid    Grid     li      80,000  closed lost        closed 2026-04-02
 *  Laptops       Huawei   wang    40,000  closed won         closed 2026-04-30
 *  Old deal      Huawei   wang    10,000  needs analysis [20] 2025-12-01     2,000
 */
typedef struct {
  char      *dir;
  KamStore  *store;
  KamRecord *wang, *li;
  KamRecord *huawei, *bank, *grid;
  KamRecord *core, *dc, *wan, *cloud, *smart, *laptops, *old;
} Fixture;

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

static KamRecord *
add_deal (Fixture    *f,
          const char *name,
          KamRecord  *account,
          KamRecord  *owner,
          const char *amount,
          const char *stage,
          const char *probability,
          const char *close,
          const char *closed_on)
{
  return add (f->store, &kam_opportunity_kind, "name", name,
              "account_id", kam_record_get_id (account), "owner_id", kam_record_get_id (owner),
              "amount", amount, "stage", stage, "probability", probability,
              "expected_close", close, "closed_on", closed_on, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("kam-pipeline-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);

  f->wang = add (f->store, &kam_member_kind, "name", "王磊", NULL);
  f->li = add (f->store, &kam_member_kind, "name", "李娜", NULL);
  f->huawei = add (f->store, &kam_account_kind, "name", "Huawei", "local_name", "华为",
                   "revenue_this_year", "900", "owner_id", kam_record_get_id (f->wang),
                   "targets", "[{\"year\": 2026, \"amount\": 1200000}, {\"year\": 2025, \"amount\": 999}]", NULL);
  f->bank = add (f->store, &kam_account_kind, "name", "Bank", "revenue_this_year", "80",
                 "owner_id", kam_record_get_id (f->li),
                 "targets", "[{\"year\": 2026, \"amount\": 600000}]", NULL);
  f->grid = add (f->store, &kam_account_kind, "name", "Grid", "revenue_this_year", "20",
                 "owner_id", kam_record_get_id (f->li), NULL);

  f->core = add_deal (f, "Core network", f->huawei, f->wang, "100000", "prospecting", "-1", "2026-02-10", "");
  f->dc = add_deal (f, "Data centre", f->huawei, f->wang, "200000", "negotiation", "50", "2026-03-05", "");
  f->wan = add_deal (f, "Branch WAN", f->bank, f->li, "50000", "solution_proposal", "-1", "2026-05-20", "");
  f->cloud = add_deal (f, "Cloud", f->bank, f->li, "300000", "closed_won", "-1", "2026-01-10", "2026-01-15");
  f->smart = add_deal (f, "Smart grid", f->grid, f->li, "80000", "closed_lost", "-1", "2026-03-31", "2026-04-02");
  f->laptops = add_deal (f, "Laptops", f->huawei, f->wang, "40000", "closed_won", "-1", "2026-05-01", "2026-04-30");
  f->old = add_deal (f, "Old deal", f->huawei, f->wang, "10000", "needs_analysis", "-1", "2025-12-01", "");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  KamRecord **records[] = { &f->wang, &f->li, &f->huawei, &f->bank, &f->grid, &f->core, &f->dc,
                            &f->wan, &f->cloud, &f->smart, &f->laptops, &f->old };

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    g_clear_object (records[i]);
  g_assert_finalize_object (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/test.db%s", f->dir, suffixes[i]);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
assert_stage (const KamStageTotals *totals,
              KamStage              stage,
              int                   count,
              double                amount,
              double                weighted)
{
  g_assert_cmpint (totals[stage].count, ==, count);
  g_assert_cmpfloat_with_epsilon (totals[stage].amount, amount, 1e-6);
  g_assert_cmpfloat_with_epsilon (totals[stage].weighted, weighted, 1e-6);
}

static void
stage_totals (Fixture                 *f,
              const KamPipelineFilter *filter,
              KamStageTotals           totals[KAM_N_STAGES])
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kam_pipeline_stage_totals (f->store, filter, totals, &error));
  g_assert_no_error (error);
}

static void
test_stage_totals (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamStageTotals totals[KAM_N_STAGES];
  KamPipelineFilter filter;

  kam_pipeline_filter_init (&filter);
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_PROSPECTING, 1, 100000, 10000);
  assert_stage (totals, KAM_STAGE_NEEDS_ANALYSIS, 1, 10000, 2000);
  assert_stage (totals, KAM_STAGE_SOLUTION_PROPOSAL, 1, 50000, 20000);
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 1, 200000, 100000);   /* 50 by hand, not 70 */
  assert_stage (totals, KAM_STAGE_CLOSED_WON, 2, 340000, 340000);
  assert_stage (totals, KAM_STAGE_CLOSED_LOST, 1, 80000, 0);

  /* the defaults come from the preferences */
  kam_store_set_setting (f->store, "probability-prospecting", "15", &error);
  g_assert_no_error (error);
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_PROSPECTING, 1, 100000, 15000);
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 1, 200000, 100000);
  kam_store_set_setting (f->store, "probability-prospecting", "10", &error);
  g_assert_no_error (error);

  filter.owner_id = kam_record_get_id (f->wang);
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_PROSPECTING, 1, 100000, 10000);
  assert_stage (totals, KAM_STAGE_NEEDS_ANALYSIS, 1, 10000, 2000);
  assert_stage (totals, KAM_STAGE_SOLUTION_PROPOSAL, 0, 0, 0);
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 1, 200000, 100000);
  assert_stage (totals, KAM_STAGE_CLOSED_WON, 1, 40000, 40000);
  assert_stage (totals, KAM_STAGE_CLOSED_LOST, 0, 0, 0);

  /* tiers are computed from revenue: Huawei A, Bank B, Grid C */
  kam_pipeline_filter_init (&filter);
  filter.tier = KAM_TIER_B;
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_SOLUTION_PROPOSAL, 1, 50000, 20000);
  assert_stage (totals, KAM_STAGE_CLOSED_WON, 1, 300000, 300000);
  assert_stage (totals, KAM_STAGE_PROSPECTING, 0, 0, 0);

  kam_pipeline_filter_init (&filter);
  filter.account_id = kam_record_get_id (f->grid);
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_CLOSED_LOST, 1, 80000, 0);
  assert_stage (totals, KAM_STAGE_CLOSED_WON, 0, 0, 0);

  /* search: the account's local name, or the deal's name (any case) */
  kam_pipeline_filter_init (&filter);
  filter.search = "华为";
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_PROSPECTING, 1, 100000, 10000);
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 1, 200000, 100000);
  assert_stage (totals, KAM_STAGE_CLOSED_WON, 1, 40000, 40000);
  assert_stage (totals, KAM_STAGE_NEEDS_ANALYSIS, 1, 10000, 2000);
  assert_stage (totals, KAM_STAGE_SOLUTION_PROPOSAL, 0, 0, 0);
  filter.search = "wan";
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_SOLUTION_PROPOSAL, 1, 50000, 20000);
  assert_stage (totals, KAM_STAGE_CLOSED_WON, 0, 0, 0);
  filter.search = "100%";   /* LIKE wildcards are literal */
  stage_totals (f, &filter, totals);
  for (int s = 0; s < KAM_N_STAGES; s++)
    g_assert_cmpint (totals[s].count, ==, 0);

  /* close period Q1: expected close of open deals, closing day of closed ones */
  kam_pipeline_filter_init (&filter);
  filter.close_from = "2026-01-01";
  filter.close_to = "2026-03-31";
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_PROSPECTING, 1, 100000, 10000);
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 1, 200000, 100000);
  assert_stage (totals, KAM_STAGE_CLOSED_WON, 1, 300000, 300000);
  assert_stage (totals, KAM_STAGE_CLOSED_LOST, 0, 0, 0);   /* closed 2026-04-02 */
  assert_stage (totals, KAM_STAGE_NEEDS_ANALYSIS, 0, 0, 0);

  kam_pipeline_filter_init (&filter);
  filter.stage = KAM_STAGE_NEGOTIATION;
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 1, 200000, 100000);
  assert_stage (totals, KAM_STAGE_PROSPECTING, 0, 0, 0);
}

static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamPipelineFilter filter;
  KamPipelineForecast fc;
  KamPeriod period;
  GDate today;
  const double won[12] = { 300000, 0, 0, 40000, 0, 0, 0, 0, 0, 0, 0, 0 };
  const double open[12] = { 0, 10000, 100000, 0, 20000, 0, 0, 0, 0, 0, 0, 0 };

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, G_DATE_NOVEMBER, 2026);
  g_assert_true (kam_period_parse (NULL, &today, &period, &error));
  g_assert_cmpint (period.year, ==, 2026);
  g_assert_cmpint (period.month, ==, 1);
  g_assert_cmpint (period.n_months, ==, 12);

  kam_pipeline_filter_init (&filter);
  g_assert_true (kam_pipeline_forecast (f->store, &filter, &period, &fc, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 12; i++)
    {
      g_assert_cmpfloat_with_epsilon (fc.months[i].won, won[i], 1e-6);
      g_assert_cmpfloat_with_epsilon (fc.months[i].weighted_open, open[i], 1e-6);
      /* (1,200,000 + 600,000) / 12; the 2025 target does not count */
      g_assert_cmpfloat_with_epsilon (fc.month_targets[i], 150000, 1e-6);
    }
  g_assert_cmpuint (fc.n_quarters, ==, 4);
  g_assert_cmpfloat_with_epsilon (fc.quarters[0].won, 300000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.quarters[0].weighted_open, 110000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.quarters[1].won, 40000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.quarters[1].weighted_open, 20000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.quarters[2].won + fc.quarters[2].weighted_open, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.quarter_targets[3], 450000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.won, 340000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.weighted, 130000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.target, 1800000, 1e-6);

  /* the targets are read again once an account changed */
  kam_record_set_from_string (f->bank, "targets", "[{\"year\": 2026, \"amount\": 1200000}]", &error);
  g_assert_no_error (error);
  kam_store_save (f->store, f->bank, &error);
  g_assert_no_error (error);
  g_assert_true (kam_pipeline_forecast (f->store, &filter, &period, &fc, &error));
  g_assert_cmpfloat_with_epsilon (fc.target, 2400000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.month_targets[5], 200000, 1e-6);
  kam_record_set_from_string (f->bank, "targets", "[{\"year\": 2026, \"amount\": 600000}]", &error);
  kam_store_save (f->store, f->bank, &error);
  g_assert_no_error (error);

  /* one owner: his deals and his accounts' targets */
  filter.owner_id = kam_record_get_id (f->wang);
  g_assert_true (kam_pipeline_forecast (f->store, &filter, &period, &fc, &error));
  g_assert_cmpfloat_with_epsilon (fc.quarters[0].won, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.quarters[0].weighted_open, 110000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.quarters[1].won, 40000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.month_targets[0], 100000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.target, 1200000, 1e-6);

  /* a fiscal year from April: April 2026 .. March 2027 */
  kam_pipeline_filter_init (&filter);
  g_assert_true (kam_period_parse ("2026-04+12", &today, &period, &error));
  g_assert_true (kam_pipeline_forecast (f->store, &filter, &period, &fc, &error));
  g_assert_cmpfloat_with_epsilon (fc.months[0].won, 40000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.months[1].weighted_open, 20000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.month_targets[8], 150000, 1e-6);  /* December 2026 */
  g_assert_cmpfloat_with_epsilon (fc.month_targets[9], 0, 1e-6);       /* January 2027 */
  g_assert_cmpfloat_with_epsilon (fc.target, 9 * 150000, 1e-6);

  /* a quarter */
  g_assert_true (kam_period_parse ("2026-Q1", &today, &period, &error));
  g_assert_cmpint (period.n_months, ==, 3);
  g_assert_true (kam_pipeline_forecast (f->store, &filter, &period, &fc, &error));
  g_assert_cmpuint (fc.n_quarters, ==, 1);
  g_assert_cmpfloat_with_epsilon (fc.won, 300000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.weighted, 110000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fc.target, 450000, 1e-6);

  g_assert_true (kam_period_parse ("2026-05", &today, &period, &error));
  g_assert_cmpint (period.month, ==, 5);
  g_assert_cmpint (period.n_months, ==, 1);
  /* the quarter as the review command of the issue writes it, and in lower case */
  for (guint i = 0; i < 3; i++)
    {
      const char *texts[] = { "2026Q4", "2026q4", "2026-q4" };
      KamPeriod p = { 0 };

      g_assert_true (kam_period_parse (texts[i], &today, &p, &error));
      g_assert_no_error (error);
      g_assert_cmpint (p.year, ==, 2026);
      g_assert_cmpint (p.month, ==, 10);
      g_assert_cmpint (p.n_months, ==, 3);
    }
  g_assert_false (kam_period_parse ("2026Q", &today, &period, &error));
  g_clear_error (&error);
  g_assert_false (kam_period_parse ("2026Q44", &today, &period, &error));
  g_clear_error (&error);
  g_assert_false (kam_period_parse ("2026-Q5", &today, &period, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (kam_period_parse ("next year", &today, &period, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

static void
test_win_rates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamPipelineFilter filter;
  KamPipelineWinRates rates;
  KamPeriod period = { 2026, 1, 12 };

  kam_pipeline_filter_init (&filter);
  g_assert_true (kam_pipeline_win_rates (f->store, &filter, &period, &rates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rates.n_quarters, ==, 4);
  /* Q1: Cloud won */
  g_assert_cmpint (rates.quarters[0].won_count, ==, 1);
  g_assert_cmpint (rates.quarters[0].lost_count, ==, 0);
  g_assert_cmpfloat_with_epsilon (rates.quarters[0].rate, 1.0, 1e-9);
  /* Q2: Laptops won 40,000, Smart grid lost 80,000 */
  g_assert_cmpint (rates.quarters[1].won_count, ==, 1);
  g_assert_cmpint (rates.quarters[1].lost_count, ==, 1);
  g_assert_cmpfloat_with_epsilon (rates.quarters[1].rate, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (rates.quarters[1].rate_by_amount, 1.0 / 3.0, 1e-9);
  /* Q3, Q4: nothing closed */
  g_assert_cmpfloat_with_epsilon (rates.quarters[2].rate, -1, 1e-9);
  g_assert_cmpfloat_with_epsilon (rates.quarters[3].rate_by_amount, -1, 1e-9);
  g_assert_cmpfloat_with_epsilon (rates.total.rate, 2.0 / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rates.total.rate_by_amount, 340000.0 / 420000.0, 1e-9);

  filter.owner_id = kam_record_get_id (f->li);
  g_assert_true (kam_pipeline_win_rates (f->store, &filter, &period, &rates, &error));
  g_assert_cmpfloat_with_epsilon (rates.quarters[1].rate, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rates.total.rate, 0.5, 1e-9);
}

static void
test_pareto (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamPipelineFilter filter;
  KamPareto pareto;
  const char *names[] = { "Huawei", "Bank", "Grid" };
  const double cumulative[] = { 0.90, 0.98, 1.0 };
  const KamTier tiers[] = { KAM_TIER_A, KAM_TIER_B, KAM_TIER_C };

  kam_pipeline_filter_init (&filter);
  g_assert_true (kam_pipeline_pareto (f->store, &filter, &pareto, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pareto.entries->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (pareto.total, 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (pareto.thresholds.a, 0.80, 1e-9);
  for (guint i = 0; i < 3; i++)
    {
      KamParetoEntry *e = &g_array_index (pareto.entries, KamParetoEntry, i);

      g_assert_cmpstr (e->name, ==, names[i]);
      g_assert_cmpfloat_with_epsilon (e->cumulative, cumulative[i], 1e-9);
      g_assert_cmpint (e->tier, ==, tiers[i]);
    }
  kam_pareto_clear (&pareto);
  g_assert_null (pareto.entries);

  filter.owner_id = kam_record_get_id (f->li);
  g_assert_true (kam_pipeline_pareto (f->store, &filter, &pareto, &error));
  g_assert_cmpuint (pareto.entries->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (pareto.total, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (pareto.entries, KamParetoEntry, 0).cumulative, 0.8, 1e-9);
  kam_pareto_clear (&pareto);
}

static const char *
last_history_stage (KamRecord *record)
{
  const char *history = kam_record_get_string (record, "stage_history");
  static char stage[64];
  g_autoptr(JsonNode) node = json_from_string (history, NULL);
  JsonArray *array;
  JsonObject *last;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_assert_nonnull (node);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  last = json_array_get_object_element (array, json_array_get_length (array) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "date"), ==, today);
  g_strlcpy (stage, json_object_get_string_member (last, "stage"), sizeof stage);
  return stage;
}

static KamRecord *
reload (Fixture   *f,
        KamRecord *record)
{
  g_autoptr(GError) error = NULL;
  KamRecord *loaded = kam_store_load (f->store, &kam_opportunity_kind, kam_record_get_id (record), &error);

  g_assert_no_error (error);
  return loaded;
}

static void
test_move_to_stage (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) wan = NULL;
  g_autoptr(KamRecord) dc = NULL;
  g_autoptr(KamRecord) core = NULL;
  g_autoptr(KamRecord) cloud = NULL;
  KamStageTotals totals[KAM_N_STAGES];
  KamPipelineFilter filter;
  guint history_length;

  kam_pipeline_filter_init (&filter);

  /* a default probability follows the stage: proposal 40 -> negotiation 70 */
  g_assert_true (kam_pipeline_move_to_stage (f->store, kam_record_get_id (f->wan),
                                             KAM_STAGE_NEGOTIATION, NULL, &error));
  g_assert_no_error (error);
  wan = reload (f, f->wan);
  g_assert_cmpint (kam_record_get_int (wan, "stage"), ==, KAM_STAGE_NEGOTIATION);
  g_assert_cmpint (kam_record_get_int (wan, "probability"), ==, -1);
  g_assert_cmpint (kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (wan)), ==, 70);
  g_assert_cmpstr (last_history_stage (wan), ==, "negotiation");
  stage_totals (f, &filter, totals);
  /* 200,000 × 50% + 50,000 × 70% */
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 2, 250000, 135000);
  assert_stage (totals, KAM_STAGE_SOLUTION_PROPOSAL, 0, 0, 0);

  /* a probability set by hand is kept: negotiation 50 -> needs analysis 50 */
  g_assert_true (kam_pipeline_move_to_stage (f->store, kam_record_get_id (f->dc),
                                             KAM_STAGE_NEEDS_ANALYSIS, NULL, &error));
  g_assert_no_error (error);
  dc = reload (f, f->dc);
  g_assert_cmpint (kam_record_get_int (dc, "probability"), ==, 50);
  g_assert_cmpint (kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (dc)), ==, 50);
  g_assert_cmpstr (last_history_stage (dc), ==, "needs_analysis");
  stage_totals (f, &filter, totals);
  /* Old deal 10,000 × 20% + Data centre 200,000 × 50% */
  assert_stage (totals, KAM_STAGE_NEEDS_ANALYSIS, 2, 210000, 102000);
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 1, 50000, 35000);

  /* won, with a reason: closed today, counts 100% */
  {
    g_autoptr(JsonNode) node = json_from_string (kam_record_get_string (f->core, "stage_history"), NULL);
    history_length = json_array_get_length (json_node_get_array (node));
  }
  g_assert_true (kam_pipeline_move_to_stage (f->store, kam_record_get_id (f->core),
                                             KAM_STAGE_CLOSED_WON, "价格优势 (price)", &error));
  g_assert_no_error (error);
  core = reload (f, f->core);
  g_assert_cmpstr (kam_record_get_string (core, "reason"), ==, "价格优势 (price)");
  g_assert_cmpint (kam_record_get_int (core, "probability"), ==, 100);
  g_assert_cmpstr (kam_record_get_string (core, "closed_on"), !=, "");
  g_assert_cmpstr (last_history_stage (core), ==, "closed_won");
  {
    g_autoptr(JsonNode) node = json_from_string (kam_record_get_string (core, "stage_history"), NULL);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, history_length + 1);
  }
  stage_totals (f, &filter, totals);
  assert_stage (totals, KAM_STAGE_CLOSED_WON, 3, 440000, 440000);
  assert_stage (totals, KAM_STAGE_PROSPECTING, 0, 0, 0);

  /* reopened: the forced 100 is no one's estimate, back to the default */
  g_assert_true (kam_pipeline_move_to_stage (f->store, kam_record_get_id (f->cloud),
                                             KAM_STAGE_NEGOTIATION, NULL, &error));
  g_assert_no_error (error);
  cloud = reload (f, f->cloud);
  g_assert_cmpint (kam_record_get_int (cloud, "probability"), ==, -1);
  g_assert_cmpstr (kam_record_get_string (cloud, "closed_on"), ==, "");
  stage_totals (f, &filter, totals);
  /* 50,000 × 70% + 300,000 × 70% */
  assert_stage (totals, KAM_STAGE_NEGOTIATION, 2, 350000, 245000);

  /* the same stage and no reason: nothing written */
  g_assert_true (kam_pipeline_move_to_stage (f->store, kam_record_get_id (f->cloud),
                                             KAM_STAGE_NEGOTIATION, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (kam_pipeline_move_to_stage (f->store, "no-such-deal", KAM_STAGE_NEGOTIATION, NULL, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kam-pipeline-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(KamStore) store = kam_store_open (path, &error);
  KamStageTotals totals[KAM_N_STAGES];
  KamPipelineFilter filter;
  KamPipelineForecast fc;
  KamPareto pareto;
  KamPeriod period = { 2026, 1, 12 };

  g_assert_no_error (error);
  kam_pipeline_filter_init (&filter);
  g_assert_true (kam_pipeline_stage_totals (store, &filter, totals, &error));
  for (int s = 0; s < KAM_N_STAGES; s++)
    g_assert_cmpint (totals[s].count, ==, 0);
  g_assert_true (kam_pipeline_forecast (store, &filter, &period, &fc, &error));
  g_assert_cmpfloat (fc.target, ==, 0);
  g_assert_true (kam_pipeline_pareto (store, &filter, &pareto, &error));
  g_assert_cmpuint (pareto.entries->len, ==, 0);
  kam_pareto_clear (&pareto);

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

/* The list and the cards (a KamQuery made by kam_pipeline_filter_to_query())
 * hold the deals the column totals count, for every filter. */
static void
test_filter_query (Fixture       *f,
                   gconstpointer  data)
{
  struct {
    const char *owner;
    KamRecord  *account;
    int         tier;
    const char *from, *to;
    const char *search;
    KamPipelineStatus status;
    int         expected;   /* deals in all */
  } cases[] = {
    { NULL, NULL, -1, NULL, NULL, NULL, KAM_PIPELINE_ANY, 7 },
    { "wang", NULL, -1, NULL, NULL, NULL, KAM_PIPELINE_ANY, 4 },
    { NULL, f->bank, -1, NULL, NULL, NULL, KAM_PIPELINE_ANY, 2 },
    { NULL, NULL, KAM_TIER_A, NULL, NULL, NULL, KAM_PIPELINE_ANY, 4 },
    { NULL, NULL, -1, "2026-01-01", "2026-03-31", NULL, KAM_PIPELINE_ANY, 3 },
    { NULL, NULL, -1, "2026-04-01", "2026-06-30", NULL, KAM_PIPELINE_ANY, 3 },
    { NULL, NULL, -1, NULL, NULL, "wan", KAM_PIPELINE_ANY, 1 },
    { NULL, NULL, -1, NULL, NULL, "华为", KAM_PIPELINE_ANY, 4 },
    { NULL, NULL, -1, NULL, NULL, "100%", KAM_PIPELINE_ANY, 0 },
    { NULL, NULL, -1, NULL, NULL, NULL, KAM_PIPELINE_OPEN, 4 },
    { "li", NULL, -1, NULL, NULL, NULL, KAM_PIPELINE_CLOSED, 2 },
    { NULL, NULL, KAM_TIER_A, "2026-01-01", "2026-12-31", NULL, KAM_PIPELINE_OPEN, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KamQuery) query = kam_query_new (&kam_opportunity_kind);
      g_autoptr(KamRecordList) list = NULL;
      g_autoptr(GError) error = NULL;
      KamStageTotals totals[KAM_N_STAGES];
      KamPipelineFilter filter;
      int sum = 0;

      kam_pipeline_filter_init (&filter);
      filter.owner_id = cases[i].owner == NULL ? NULL
                        : kam_record_get_id (g_str_equal (cases[i].owner, "wang") ? f->wang : f->li);
      filter.account_id = cases[i].account ? kam_record_get_id (cases[i].account) : NULL;
      filter.tier = cases[i].tier;
      filter.close_from = cases[i].from;
      filter.close_to = cases[i].to;
      filter.search = cases[i].search;
      filter.status = cases[i].status;
      g_assert_true (kam_pipeline_stage_totals (f->store, &filter, totals, &error));
      g_assert_no_error (error);

      for (int s = 0; s < KAM_N_STAGES; s++)
        {
          /* a stage of the filter wins over its status: the status's stages only */
          if ((cases[i].status == KAM_PIPELINE_OPEN && kam_stage_is_closed (s))
              || (cases[i].status == KAM_PIPELINE_CLOSED && !kam_stage_is_closed (s)))
            {
              g_assert_cmpint (totals[s].count, ==, 0);
              continue;
            }
          filter.stage = s;
          kam_pipeline_filter_to_query (&filter, query);
          g_clear_object (&list);
          list = kam_record_list_new (f->store, query);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, totals[s].count);
          sum += totals[s].count;
        }
      g_assert_cmpint (sum, ==, cases[i].expected);

      filter.stage = -1;
      kam_pipeline_filter_to_query (&filter, query);
      g_clear_object (&list);
      list = kam_record_list_new (f->store, query);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, cases[i].expected);
    }

  /* a portfolio: the deals of the accounts a member owns, whoever owns
   * each deal; counted apart in SQL */
  for (guint m = 0; m < 2; m++)
    {
      const char *member = kam_record_get_id (m == 0 ? f->wang : f->li);
      g_autoptr(KamQuery) query = kam_query_new (&kam_opportunity_kind);
      g_autoptr(KamRecordList) list = NULL;
      g_autoptr(GError) error = NULL;
      KamStageTotals totals[KAM_N_STAGES];
      KamPipelineFilter filter;
      sqlite3_stmt *stmt = NULL;
      int sum = 0, expected = -1;

      g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (f->store),
                                           "SELECT count (*) FROM opportunity o JOIN account a ON a.id = o.account_id "
                                           "WHERE o.deleted = 0 AND a.deleted = 0 AND a.owner_id = ?1",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, member, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        expected = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      g_assert_cmpint (expected, >, 0);

      kam_pipeline_filter_init (&filter);
      filter.portfolio_id = member;
      g_assert_true (kam_pipeline_stage_totals (f->store, &filter, totals, &error));
      g_assert_no_error (error);
      for (int s = 0; s < KAM_N_STAGES; s++)
        sum += totals[s].count;
      g_assert_cmpint (sum, ==, expected);
      kam_pipeline_filter_to_query (&filter, query);
      list = kam_record_list_new (f->store, query);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
    }
}

/* Drill-down targets: read, written back the same, and refused with a
 * message when wrong. */
static void
test_drill_target (void)
{
  const char *round_trips[] = {
    "opportunities:owner=m1;stage=negotiation;close=2026-Q4",
    "opportunities:tier=A;status=open;close=2026",
    "opportunities:account=a%3Bb;search=100%25%20%3D%20x;id=d1",
    "opportunities:close=2026-04+12",
    "opportunities:portfolio=m3;tier=C;status=open;close=2026-Q4",
    "opportunities:status=closed;close=2026-05",
    "accounts:owner=m2;tier=B",
    "accounts:id=acc",
    "accounts:owner=m2;map=red",
    "accounts:tier=A;map=green;id=acc",
    "visits:owner=m1;period=2026-Q4",
    "visits",
  };
  const char *wrong[] = {
    "deals:stage=negotiation",
    "opportunities:stage=won",
    "opportunities:tier=D",
    "opportunities:close=Q4",
    "opportunities:period=2026",
    "opportunities:stage",
    "accounts:stage=negotiation",
    "visits:tier=A",
    "accounts:map=blue",
    "accounts:map=",
    "opportunities:map=red",
    "visits:map=red",
    "visits:portfolio=m1",
    "accounts:portfolio=m1",
  };
  KamDrillTarget target;
  KamPipelineFilter filter;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_true (kam_drill_target_parse (&target, round_trips[i], &error));
      g_assert_no_error (error);
      text = kam_drill_target_to_string (&target);
      g_assert_cmpstr (text, ==, round_trips[i]);
      kam_drill_target_clear (&target);
    }

  /* escaped values come back as typed */
  g_assert_true (kam_drill_target_parse (&target, round_trips[2], NULL));
  g_assert_cmpstr (target.account_id, ==, "a;b");
  g_assert_cmpstr (target.search, ==, "100% = x");
  kam_drill_target_clear (&target);

  /* the map status of an accounts target; none unless named */
  g_assert_true (kam_drill_target_parse (&target, "accounts:owner=m2;map=amber", NULL));
  g_assert_cmpint (target.view, ==, KAM_DRILL_ACCOUNTS);
  g_assert_cmpint (target.map, ==, KAM_COVERAGE_AMBER);
  g_assert_cmpstr (target.owner_id, ==, "m2");
  kam_drill_target_clear (&target);
  g_assert_true (kam_drill_target_parse (&target, "accounts:map=red", NULL));
  g_assert_cmpint (target.map, ==, KAM_COVERAGE_RED);
  kam_drill_target_clear (&target);
  g_assert_true (kam_drill_target_parse (&target, "accounts:tier=B", NULL));
  g_assert_cmpint (target.map, ==, -1);
  kam_drill_target_clear (&target);

  /* a target prints only the keys its view reads back: a visits target
   * made with a tier (a review of tier A) drops it */
  {
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    KamDrillTarget back;

    kam_drill_target_init (&target, KAM_DRILL_VISITS);
    target.tier = KAM_TIER_A;
    target.stage = KAM_STAGE_NEGOTIATION;
    target.map = KAM_COVERAGE_RED;
    text = kam_drill_target_to_string (&target);
    g_assert_cmpstr (text, ==, "visits");
    g_assert_true (kam_drill_target_parse (&back, text, &error));
    g_assert_no_error (error);
    kam_drill_target_clear (&back);
  }

  /* the portfolio of a deals target: the owner of their accounts */
  g_assert_true (kam_drill_target_parse (&target, "opportunities:portfolio=m3", NULL));
  kam_drill_target_to_filter (&target, &filter, &first, &last);
  g_assert_cmpstr (filter.portfolio_id, ==, "m3");
  g_assert_null (filter.owner_id);
  kam_drill_target_clear (&target);
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&last, g_free);

  /* the filter of a target: the period's bounds */
  g_assert_true (kam_drill_target_parse (&target, round_trips[0], NULL));
  g_assert_cmpint (target.view, ==, KAM_DRILL_OPPORTUNITIES);
  kam_drill_target_to_filter (&target, &filter, &first, &last);
  g_assert_cmpstr (filter.owner_id, ==, "m1");
  g_assert_cmpint (filter.stage, ==, KAM_STAGE_NEGOTIATION);
  g_assert_cmpint (filter.tier, ==, -1);
  g_assert_cmpstr (filter.close_from, ==, "2026-10-01");
  g_assert_cmpstr (filter.close_to, ==, "2026-12-31");
  kam_drill_target_clear (&target);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kam_drill_target_parse (&target, wrong[i], &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      kam_drill_target_clear (&target);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/kam/pipeline/stage-totals", test_stage_totals);
  ADD ("/kam/pipeline/forecast", test_forecast);
  ADD ("/kam/pipeline/win-rates", test_win_rates);
  ADD ("/kam/pipeline/pareto", test_pareto);
  ADD ("/kam/pipeline/move-to-stage", test_move_to_stage);
  ADD ("/kam/pipeline/filter-query", test_filter_query);
#undef ADD
  g_test_add_func ("/kam/pipeline/empty", test_empty);
  g_test_add_func ("/kam/pipeline/drill-target", test_drill_target);

  return g_test_run ();
}
