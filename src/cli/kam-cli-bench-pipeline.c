/* kam-cli-bench-pipeline.c — the pipeline section of kam bench
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times what the pipeline and dashboard pages do on every change: the
 * kanban's column totals and the forecast of the year (target: under 50 ms
 * for 100,000 opportunities), the win rate and the Pareto, and each chart
 * drawn at 1200x750 (target: under 16 ms, one frame).  When the database
 * holds fewer than 100,000 opportunities the section runs on a temporary
 * database instead: a generated portfolio of 2,500 accounts whose deals are
 * copied (new ids, amounts and dates spread) up to 100,000 with one
 * INSERT ... SELECT.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <glib/gstdio.h>

#include "kam-analytics.h"
#include "kam-chart.h"
#include "kam-cli.h"
#include "kam-cli-bench-pipeline.h"
#include "kam-generate.h"
#include "kam-model.h"
#include "kam-store-private.h"

#define N_DEALS 100000

/* Copies of the generated deals up to ?1 rows: amounts spread ±50%,
 * expected close moved by up to ±180 days, closing days kept in their
 * month's year. */
static const char clone_sql[] =
  "WITH RECURSIVE k (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 100) "
  "INSERT INTO opportunity (id, account_id, name, amount, currency, stage, probability, expected_close, "
  "  owner_id, closed_on, stage_history, created_at, updated_at, dirty) "
  "SELECT lower (hex (randomblob (16))), account_id, name, amount * (0.5 + (abs (random ()) % 1000) / 1000.0), "
  "  currency, stage, probability, "
  "  CASE WHEN expected_close = '' THEN '' ELSE date (expected_close, ((abs (random ()) % 361) - 180) || ' days') END, "
  "  owner_id, closed_on, stage_history, created_at, updated_at, 0 "
  "FROM opportunity, k WHERE deleted = 0 LIMIT ?1";

static gboolean
fill_temporary (const char   *path,
                const GDate  *today,
                GError      **error)
{
  g_autoptr(KamStore) store = kam_store_open (path, error);
  KamGenerateOptions opts;
  sqlite3_stmt *stmt;
  guint have;
  int rc;

  if (store == NULL)
    return FALSE;
  kam_generate_options_init (&opts);
  opts.n_accounts = 2500;
  opts.today = *today;
  if (!kam_generate (store, &opts, NULL, NULL, error))
    return FALSE;

  have = kam_store_count (store, &kam_opportunity_kind);
  if (have >= N_DEALS || have == 0)
    return TRUE;

  if (!kam_store_begin (store, error))
    return FALSE;
  stmt = kam_store_prepare (store, clone_sql, error);
  if (stmt == NULL)
    {
      kam_store_rollback (store);
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, N_DEALS - have);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (store, rc, error);
      kam_store_rollback (store);
      return FALSE;
    }
  return kam_store_commit (store, error);
}

/* kam_median(), to the microsecond */
static double
median_ms (GArray *samples)
{
  return (double) (gint64) (kam_median (samples) * 1000 + 0.5) / 1000;
}

typedef enum {
  T_STAGE_TOTALS,
  T_STAGE_TOTALS_OWNER,
  T_FORECAST,
  T_TOTALS_AND_FORECAST,
  T_WIN_RATES,
  T_PARETO,
  N_QUERY_TIMINGS
} QueryTiming;

static const char * const query_names[N_QUERY_TIMINGS] = {
  "stage_totals", "stage_totals_owner", "forecast", "stage_totals_and_forecast", "win_rates", "pareto",
};

static gboolean measure_into (KamStore *store, JsonBuilder *b, int rounds, const GDate *today,
                              GArray **samples, GError **error);

static gboolean
measure (KamStore     *store,
         JsonBuilder  *b,
         int           rounds,
         const GDate  *today,
         GError      **error)
{
  GArray *samples[N_QUERY_TIMINGS + KAM_CHART_N_KINDS];
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    samples[i] = g_array_new (FALSE, FALSE, sizeof (double));
  ok = measure_into (store, b, rounds, today, samples, error);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_array_unref (samples[i]);
  return ok;
}

static gboolean
measure_into (KamStore     *store,
         JsonBuilder  *b,
         int           rounds,
         const GDate  *today,
         GArray      **samples,
         GError      **error)
{
  g_autofree char *owner_id = NULL;
  KamPipelineFilter filter, owner_filter;
  KamPeriod period = { g_date_get_year (today), 1, 12 };
  KamStageTotals stages[KAM_N_STAGES];
  KamPipelineForecast forecast;
  KamPipelineWinRates win_rates;
  KamPareto pareto = { 0 };
  cairo_surface_t *surface;
  guint n_deals = 0;

  kam_pipeline_filter_init (&filter);
  kam_pipeline_filter_init (&owner_filter);
  {
    g_autoptr(GPtrArray) members = kam_store_load_all (store, &kam_member_kind, error);

    if (members == NULL)
      return FALSE;
    if (members->len > 0)
      owner_id = g_strdup (kam_record_get_id (g_ptr_array_index (members, 0)));
    owner_filter.owner_id = owner_id;
  }

  for (int r = 0; r < rounds; r++)
    {
      gint64 t0, t1;

      kam_pareto_clear (&pareto);

      t0 = g_get_monotonic_time ();
      if (!kam_pipeline_stage_totals (store, &filter, stages, error))
        return FALSE;
      t1 = g_get_monotonic_time ();
      g_array_append_val (samples[T_STAGE_TOTALS], ((double) { (t1 - t0) / 1000.0 }));
      if (!kam_pipeline_forecast (store, &filter, &period, &forecast, error))
        return FALSE;
      g_array_append_val (samples[T_FORECAST], ((double) { (g_get_monotonic_time () - t1) / 1000.0 }));
      g_array_append_val (samples[T_TOTALS_AND_FORECAST], ((double) { (g_get_monotonic_time () - t0) / 1000.0 }));

      t0 = g_get_monotonic_time ();
      if (!kam_pipeline_stage_totals (store, &owner_filter, stages, error))
        return FALSE;
      g_array_append_val (samples[T_STAGE_TOTALS_OWNER], ((double) { (g_get_monotonic_time () - t0) / 1000.0 }));

      t0 = g_get_monotonic_time ();
      if (!kam_pipeline_win_rates (store, &filter, &period, &win_rates, error))
        return FALSE;
      g_array_append_val (samples[T_WIN_RATES], ((double) { (g_get_monotonic_time () - t0) / 1000.0 }));

      t0 = g_get_monotonic_time ();
      if (!kam_pipeline_pareto (store, &filter, &pareto, error))
        return FALSE;
      g_array_append_val (samples[T_PARETO], ((double) { (g_get_monotonic_time () - t0) / 1000.0 }));
    }

  /* the unfiltered totals again, for the counts reported */
  if (!kam_pipeline_stage_totals (store, &filter, stages, error))
    {
      kam_pareto_clear (&pareto);
      return FALSE;
    }
  for (int s = 0; s < KAM_N_STAGES; s++)
    n_deals += stages[s].count;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 750);
  for (int kind = 0; kind < KAM_CHART_N_KINDS; kind++)
    {
      KamChartData data = { .kind = kind, .stages = stages, .forecast = &forecast,
                            .win_rates = &win_rates, .pareto = &pareto };
      KamChartStyle style;

      kam_chart_style_init (&style);
      style.background = TRUE;
      for (int r = 0; r < rounds; r++)
        {
          cairo_t *cr = cairo_create (surface);
          gint64 t0 = g_get_monotonic_time ();

          kam_chart_draw (cr, 1200, 750, &data, &style, NULL);
          cairo_surface_flush (surface);
          g_array_append_val (samples[N_QUERY_TIMINGS + kind], ((double) { (g_get_monotonic_time () - t0) / 1000.0 }));
          cairo_destroy (cr);
        }
    }
  cairo_surface_destroy (surface);

  for (int i = 0; i < N_QUERY_TIMINGS; i++)
    {
      json_builder_set_member_name (b, query_names[i]);
      json_builder_add_double_value (b, median_ms (samples[i]));
    }
  json_builder_set_member_name (b, "charts");
  json_builder_begin_object (b);
  for (int kind = 0; kind < KAM_CHART_N_KINDS; kind++)
    {
      json_builder_set_member_name (b, kam_chart_kind_to_string (kind));
      json_builder_add_double_value (b, median_ms (samples[N_QUERY_TIMINGS + kind]));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "deals");
  json_builder_add_int_value (b, n_deals);
  json_builder_set_member_name (b, "accounts_in_pareto");
  json_builder_add_int_value (b, pareto.entries->len);

  kam_pareto_clear (&pareto);
  return TRUE;
}

gboolean
kam_cli_bench_pipeline (KamStore     *store,
                        JsonBuilder  *b,
                        int           rounds,
                        GError      **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KamStore) temporary = NULL;
  gboolean generated = FALSE, ok;
  GDate today;

  kam_cli_parse_today (NULL, &today);

  if (kam_store_count (store, &kam_opportunity_kind) < N_DEALS)
    {
      dir = g_dir_make_tmp ("kam-bench-XXXXXX", error);
      if (dir == NULL)
        return FALSE;
      path = g_build_filename (dir, "pipeline.db", NULL);
      generated = TRUE;
      ok = fill_temporary (path, &today, error);
      if (ok)
        ok = (temporary = kam_store_open (path, error)) != NULL;
      if (!ok)
        goto out;
      store = temporary;
    }

  json_builder_set_member_name (b, "pipeline_section");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "database");
  json_builder_add_string_value (b, generated ? "generated" : "given");
  ok = measure (store, b, rounds, &today, error);
  json_builder_end_object (b);

out:
  g_clear_object (&temporary);
  if (path != NULL)
    {
      const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
          g_unlink (file);
        }
      g_rmdir (dir);
    }
  return ok;
}
