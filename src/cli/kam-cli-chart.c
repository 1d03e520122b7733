/* kam-cli-chart.c — kam chart: a pipeline chart to PNG, SVG or PDF
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same charts as the dashboard (src/charts/), from the same aggregates
 * (kam-pipeline.c), for reports and for sales reviews without the window.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include "kam-chart.h"
#include "kam-cli.h"
#include "kam-model.h"
#include "kam-store-private.h"

int kam_cli_chart (int argc, char **argv);

int
kam_cli_chart (int    argc,
               char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *period_arg = NULL;
  g_autofree char *owner_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *owner_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  int width = 1200, height = 750;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_arg,
      N_("The period: a year (2026, the default is this year), a quarter (2026-Q2), a month (2026-05) "
         "or months from a month (2026-04+12)"), N_("PERIOD") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner_arg, N_("Only this team member’s deals and accounts (name or id)"),
      N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (PNG) or points (SVG, PDF); 1200 by default"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height; 750 by default"), N_("H") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Light text on a dark background"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KamPipelineFilter filter;
  KamStageTotals stages[KAM_N_STAGES];
  KamPipelineForecast forecast;
  KamPipelineWinRates win_rates;
  KamPareto pareto = { 0 };
  KamChartData data = { 0 };
  KamChartStyle style;
  KamPeriod period;
  GDate today;
  gboolean ok;

  context = kam_cli_context_new ("chart", N_("funnel|forecast|forecast-quarters|winrate|pareto"),
                                 N_("Draws a chart of the pipeline to a file: the funnel by stage (count and\n"
                                    "amount; with --period, the deals closing in it), the forecast by month or\n"
                                    "by quarter (closed won under weighted open, against the target), the win\n"
                                    "rate by quarter, or the ABC Pareto of the accounts by revenue."),
                                 entries, &db);
  if (!kam_cli_parse (context, "chart", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc < 2)
    return kam_cli_usage ("chart", _("Which chart? funnel, forecast, forecast-quarters, winrate or pareto"));
  if (argc > 2)
    return kam_cli_usage ("chart", _("Unexpected argument “%s”"), argv[2]);
  if (!kam_chart_kind_from_string (argv[1], &data.kind))
    return kam_cli_usage ("chart", _("Unknown chart “%s”; use funnel, forecast, forecast-quarters, winrate or pareto"),
                          argv[1]);
  if (output == NULL)
    return kam_cli_usage ("chart", _("--output is needed: the file to write (.png, .svg or .pdf)"));
  if (width < 1 || width > 16384 || height < 1 || height > 16384)
    return kam_cli_usage ("chart", _("--width and --height must be between 1 and 16384"));

  g_date_clear (&today, 1);
  kam_cli_parse_today (NULL, &today);
  if (!kam_period_parse (period_arg, &today, &period, &error))
    return kam_cli_usage ("chart", "%s", error->message);

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  kam_pipeline_filter_init (&filter);
  if (owner_arg != NULL)
    {
      g_autofree char *arg = kam_cli_arg_utf8 (owner_arg);

      if ((owner_id = kam_cli_resolve_member (store, arg, &owner_name, &error)) == NULL)
        return kam_cli_fail (error);
      filter.owner_id = owner_id;
    }

  switch (data.kind)
    {
    case KAM_CHART_FUNNEL:
      if (period_arg != NULL)
        {
          kam_period_get_bounds (&period, &first, &last);
          filter.close_from = first;
          filter.close_to = last;
        }
      ok = kam_pipeline_stage_totals (store, &filter, stages, &error);
      data.stages = stages;
      break;
    case KAM_CHART_FORECAST:
    case KAM_CHART_FORECAST_QUARTERS:
      ok = kam_pipeline_forecast (store, &filter, &period, &forecast, &error);
      data.forecast = &forecast;
      break;
    case KAM_CHART_WIN_RATE:
      ok = kam_pipeline_win_rates (store, &filter, &period, &win_rates, &error);
      data.win_rates = &win_rates;
      break;
    case KAM_CHART_PARETO:
    default:
      ok = kam_pipeline_pareto (store, &filter, &pareto, &error);
      data.pareto = &pareto;
      break;
    }
  if (!ok)
    return kam_cli_fail (error);

  /* "Forecast by month · 2026 · 王磊" */
  {
    GString *t = g_string_new (kam_chart_kind_title (data.kind));

    if (data.kind != KAM_CHART_PARETO && (period_arg != NULL || data.kind != KAM_CHART_FUNNEL))
      {
        g_autofree char *p = period_arg ? kam_cli_arg_utf8 (period_arg) : g_strdup_printf ("%d", period.year);
        g_string_append_printf (t, " · %s", p);
      }
    if (owner_name != NULL)
      g_string_append_printf (t, " · %s", owner_name);
    title = g_string_free (t, FALSE);
  }

  kam_chart_style_init (&style);
  style.dark = dark;
  style.title = title;
  ok = kam_chart_export (&data, &style, output, width, height, &error);
  kam_pareto_clear (&pareto);
  if (!ok)
    return kam_cli_fail (error);
  return KAM_CLI_OK;
}
