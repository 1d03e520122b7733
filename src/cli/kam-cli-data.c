/* kam-cli-data.c — kam generate, export and import
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "kam-backup.h"
#include "kam-cli.h"
#include "kam-generate.h"
#include "kam-model.h"

/* kam generate ----------------------------------------------------------- */

static void
generate_progress_cb (double   fraction,
                      gpointer user_data)
{
  int *last = user_data;
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100);

  if (percent != *last)
    {
      *last = percent;
      g_printerr ("\r%3d %%", percent);
    }
}

int
kam_cli_generate (int    argc,
                  char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *today_arg = NULL;
  int n_accounts = 300;
  gint64 seed = 1;
  const GOptionEntry entries[] = {
    { "accounts", 'n', 0, G_OPTION_ARG_INT, &n_accounts, N_("How many accounts (default 300); about ten contacts each"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the random numbers (default 1): the same seed gives the same data"), N_("S") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_arg, N_("Make the dates relative to this day instead of today"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KamGenerateOptions opts;
  gboolean show_progress = isatty (fileno (stderr));
  int last_percent = -1;
  guint n_existing;
  gint64 start;
  double seconds;

  context = kam_cli_context_new ("generate", NULL,
                                 N_("Fills a new, empty database with the made-up portfolio of a key-account\n"
                                    "team: members, accounts, contacts in org charts, relations, two years of\n"
                                    "visits and opportunities in every stage.  For demos and benchmarks."),
                                 entries, &db);
  if (!kam_cli_parse (context, "generate", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc > 1)
    return kam_cli_usage ("generate", _("Unexpected argument “%s”"), argv[1]);
  if (n_accounts < 1)
    return kam_cli_usage ("generate", _("--accounts must be 1 or more"));
  if (seed < 0 || seed > G_MAXUINT32)
    return kam_cli_usage ("generate", _("--seed must be a number from 0 to %u"), G_MAXUINT32);

  kam_generate_options_init (&opts);
  opts.n_accounts = n_accounts;
  opts.seed = (guint32) seed;
  if (today_arg != NULL && !kam_cli_parse_today (today_arg, &opts.today))
    return kam_cli_usage ("generate", _("--today needs a date (YYYY-MM-DD), not “%s”"), today_arg);

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  n_existing = kam_store_count (store, &kam_account_kind);
  if (n_existing > 0)
    {
      g_set_error (&error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                   dngettext (GETTEXT_PACKAGE,
                                "The database %s already has %u account; generate into a new one (--db)",
                                "The database %s already has %u accounts; generate into a new one (--db)",
                                n_existing),
                   kam_store_get_path (store), n_existing);
      return kam_cli_fail (error);
    }

  start = g_get_monotonic_time ();
  if (!kam_generate (store, &opts, show_progress ? generate_progress_cb : NULL, &last_percent, &error))
    {
      if (show_progress)
        g_printerr ("\r");
      return kam_cli_fail (error);
    }
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (show_progress)
    g_printerr ("\r");

  g_print (_("Generated %u members, %u accounts, %u contacts, %u relations, %u visits and %u opportunities in %.1f s\n"),
           kam_store_count (store, &kam_member_kind),
           kam_store_count (store, &kam_account_kind),
           kam_store_count (store, &kam_contact_kind),
           kam_store_count (store, &kam_relation_kind),
           kam_store_count (store, &kam_visit_kind),
           kam_store_count (store, &kam_opportunity_kind),
           seconds);

  return KAM_CLI_OK;
}

/* kam export, import ----------------------------------------------------- */

int
kam_cli_export (int    argc,
                char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_arg = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_arg, N_("json (a backup, the default), csv (a list for spreadsheets), vcf (contacts as vCards) or ics (visits as iCalendar); see “kam export --format FORMAT --help”"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (kam_cli_export_is_table (argc, argv))
    return kam_cli_export_table (argc, argv);
  if (kam_cli_ics_wanted (argc, argv))
    return kam_cli_export_ics (argc, argv);

  context = kam_cli_context_new ("export", N_("FILE"),
                                 N_("Writes every record and the settings to FILE as one JSON document, in a\n"
                                    "stable order (the same data give the same bytes).  The file is replaced\n"
                                    "only once it is complete.  “kam import” restores it."),
                                 entries, &db);
  if (!kam_cli_parse (context, "export", &argc, &argv))
    return KAM_CLI_USAGE;
  if (format_arg != NULL && g_ascii_strcasecmp (format_arg, "json") != 0)
    return kam_cli_usage ("export", _("Unknown format “%s”; use json, csv, vcf or ics"), format_arg);
  if (argc != 2)
    return kam_cli_usage ("export", argc < 2 ? _("Where to? Give a file name") : _("Give one file name"));

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  if (!kam_backup_export (store, argv[1], &error))
    return kam_cli_fail (error);

  return KAM_CLI_OK;
}

int
kam_cli_import (int    argc,
                char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  guint n_records = 0;

  if (kam_cli_import_is_table (argc, argv))
    return kam_cli_import_table (argc, argv);
  if (kam_cli_ics_wanted (argc, argv))
    return kam_cli_import_ics (argc, argv);

  context = kam_cli_context_new ("import", N_("FILE"),
                                 N_("Restores a backup written by “kam export” in one transaction: all of it, or\n"
                                    "nothing when any record is wrong.  Records with the same id are replaced;\n"
                                    "others are kept."),
                                 NULL, &db);
  if (!kam_cli_parse (context, "import", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc != 2)
    return kam_cli_usage ("import", argc < 2 ? _("Which file? Give its name") : _("Give one file name"));

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  if (!kam_backup_import (store, argv[1], &n_records, &error))
    return kam_cli_fail (error);

  display = g_filename_display_name (argv[1]);
  g_print (dngettext (GETTEXT_PACKAGE, "Imported %u record from %s\n", "Imported %u records from %s\n", n_records),
           n_records, display);
  return KAM_CLI_OK;
}
