/* kam-cli-map.c — kam map
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the contact map of one account to a PNG, SVG or PDF file, drawn
 * by the same code as the window's map (src/charts/).
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include "kam-cli.h"
#include "kam-org-chart.h"

int
kam_cli_map (int    argc,
             char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *output = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *account_id = NULL;
  int width = 0, height = 0;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: its extension (.png, .svg or .pdf) chooses the format"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (PNG) or points (SVG, PDF); default 1600 or 1190"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels or points; default 1000 or 842"), N_("H") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark palette"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Count the days since last met up to this day"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(KamOrgChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  KamOrgChartData *data;
  KamOrgChartFormat format;
  GDate today;

  context = kam_cli_context_new ("map", N_("ACCOUNT_ID"),
                                 N_("Writes the contact map of an account (its org chart, attitudes, relations,\n"
                                    "coverage score and red flags) to a PNG, SVG or PDF file, fitted to the page."),
                                 entries, &db);
  if (!kam_cli_parse (context, "map", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc < 2)
    return kam_cli_usage ("map", _("Which account? Give its id"));
  if (argc > 2)
    return kam_cli_usage ("map", _("Unexpected argument “%s”"), argv[2]);
  if (output == NULL)
    return kam_cli_usage ("map", _("Where to? Give the file with --output FILE.png, .svg or .pdf"));
  if (!kam_org_chart_format_from_path (output, &format))
    {
      g_autofree char *name = kam_cli_arg_utf8 (output);

      return kam_cli_usage ("map", _("Cannot tell the format of “%s”: the file name must end in .png, .svg or .pdf"),
                            name);
    }
  if (width < 0 || height < 0 || width > 20000 || height > 20000)
    return kam_cli_usage ("map", _("--width and --height must be between 1 and 20000"));
  if (!kam_cli_parse_today (today_text, &today))
    return kam_cli_usage ("map", _("--today must be a date YYYY-MM-DD"));
  if (width == 0)
    width = format == KAM_ORG_CHART_FORMAT_PNG ? 1600 : 1190;
  if (height == 0)
    height = format == KAM_ORG_CHART_FORMAT_PNG ? 1000 : 842;

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  account_id = kam_cli_arg_utf8 (argv[1]);
  data = kam_org_chart_data_load (store, account_id, &today, &error);
  if (data == NULL)
    return kam_cli_fail (error);
  chart = kam_org_chart_layout (data);

  file = g_file_new_for_commandline_arg (output);
  if (!kam_org_chart_export (chart, file, format, width, height, dark, &error))
    return kam_cli_fail (error);
  return KAM_CLI_OK;
}
