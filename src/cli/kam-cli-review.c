/* kam-cli-review.c — kam review: the sales review deck as a PDF
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same deck as review mode (src/review/), one slide per page, to send
 * round after the meeting.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include "kam-cli.h"
#include "kam-review.h"
#include "kam-store-private.h"

int kam_cli_review (int argc, char **argv);
int kam_cli_report (int argc, char **argv);

/* kam review and kam report are the same command; report's usage is the
 * one the sales team was given (kam report --pdf FILE --period 2026Q4). */
static int
review_main (int         argc,
             char      **argv,
             const char *command)
{
  g_autofree char *db = NULL;
  g_autofree char *period_arg = NULL;
  g_autofree char *owner_arg = NULL;
  g_autofree char *region_arg = NULL;
  g_autofree char *tier_arg = NULL;
  g_autofree char *accounts_arg = NULL;
  g_autofree char *aspect = NULL;
  g_autofree char *today_arg = NULL;
  g_autofree char *since_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *owner_name = NULL;
  g_autofree char *region = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean dark = FALSE, mark = FALSE;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_arg,
      N_("The period: a year (2026, the default is this year), a quarter (2026-Q4), a month (2026-11) "
         "or months from a month (2026-04+12)"), N_("PERIOD") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner_arg, N_("Only the accounts of this team member (name or id)"),
      N_("NAME") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region_arg, N_("Only the accounts of this region"), N_("REGION") },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &tier_arg, N_("Only the accounts of this tier (A, B or C)"), N_("TIER") },
    { "accounts", 0, 0, G_OPTION_ARG_STRING, &accounts_arg,
      N_("Only these accounts, one slide each in this order (ids, separated by commas)"), N_("ID,…") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Light text on a dark background"), NULL },
    { "aspect", 0, 0, G_OPTION_ARG_STRING, &aspect, N_("Page shape: 16:9 (the default) or 4:3"), N_("RATIO") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_arg,
      N_("The day of the last review (YYYY-MM-DD); by default the one stored by --mark-reviewed, "
         "else the first day of the period"), N_("DATE") },
    { "mark-reviewed", 0, 0, G_OPTION_ARG_NONE, &mark, N_("Store today as the day of the last review"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_arg, N_("Take this day (YYYY-MM-DD) as today"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("The PDF file to write (the same as --output)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KamReviewDeck) deck = NULL;
  KamReviewOptions options;
  double width = 960, height = 540;
  GDate today;

  context = kam_cli_context_new (command, NULL,
                                 N_("Writes the sales review deck to a PDF, one slide per page: the title, the\n"
                                    "numbers, the forecast against target, the funnel, the top 10 open deals,\n"
                                    "what changed since the last review, the portfolio, relationship coverage,\n"
                                    "visit compliance by owner, then one slide per account (at most 20)."),
                                 entries, &db);
  if (!kam_cli_parse (context, command, &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc > 1)
    return kam_cli_usage (command, _("Unexpected argument “%s”"), argv[1]);
  if (output != NULL && pdf != NULL && g_strcmp0 (output, pdf) != 0)
    return kam_cli_usage (command, _("--pdf and --output name two files: give one"));
  if (output == NULL)
    output = g_steal_pointer (&pdf);
  if (output == NULL)
    return kam_cli_usage (command, _("--pdf is needed: the PDF file to write"));
  if (aspect != NULL && g_strcmp0 (aspect, "16:9") != 0 && g_strcmp0 (aspect, "4:3") != 0)
    return kam_cli_usage (command, _("--aspect must be 16:9 or 4:3"));
  if (g_strcmp0 (aspect, "4:3") == 0)
    width = 720;

  g_date_clear (&today, 1);
  if (!kam_cli_parse_today (today_arg, &today))
    return kam_cli_usage (command, _("--today must be a date (YYYY-MM-DD)"));

  kam_review_options_init (&options);
  if (!kam_period_parse (period_arg, &today, &options.period, &error))
    return kam_cli_usage (command, "%s", error->message);
  if (tier_arg != NULL)
    {
      g_autofree char *upper = g_ascii_strup (tier_arg, -1);
      int tier;

      if (!kam_enum_from_string (KAM_TYPE_TIER, upper, &tier))
        return kam_cli_usage (command, _("--tier must be A, B or C"));
      options.tier = tier;
    }
  if (since_arg != NULL)
    {
      GDate since;

      g_date_clear (&since, 1);
      if (!kam_cli_parse_today (since_arg, &since))
        return kam_cli_usage (command, _("--since must be a date (YYYY-MM-DD)"));
      options.since = since_arg;
    }
  if (accounts_arg != NULL)
    {
      g_autofree char *arg = kam_cli_arg_utf8 (accounts_arg);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit (arg, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      ids = g_strv_builder_end (builder);
      if (ids[0] == NULL)
        return kam_cli_usage (command, _("--accounts needs at least one account id"));
      options.account_ids = (const char *const *) ids;
    }
  if (region_arg != NULL)
    options.region = region = kam_cli_arg_utf8 (region_arg);

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);
  if (owner_arg != NULL)
    {
      g_autofree char *arg = kam_cli_arg_utf8 (owner_arg);

      if ((owner_id = kam_cli_resolve_member (store, arg, &owner_name, &error)) == NULL)
        return kam_cli_fail (error);
      options.owner_id = owner_id;
      options.owner_name = owner_name;
    }

  deck = kam_review_deck_build (store, &options, &today, &error);
  if (deck == NULL)
    return kam_cli_fail (error);
  if (!kam_review_export_pdf (deck, output, width, height, dark, &error))
    return kam_cli_fail (error);
  if (mark)
    {
      g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&today),
                                               g_date_get_month (&today), g_date_get_day (&today));

      if (!kam_review_set_last_review (store, date, &error))
        return kam_cli_fail (error);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u slide\n", "%u slides\n", kam_review_deck_get_n_slides (deck)),
           kam_review_deck_get_n_slides (deck));
  return KAM_CLI_OK;
}

int
kam_cli_review (int    argc,
                char **argv)
{
  return review_main (argc, argv, "review");
}

int
kam_cli_report (int    argc,
                char **argv)
{
  return review_main (argc, argv, "report");
}
