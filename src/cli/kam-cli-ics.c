/* kam-cli-ics.c — kam export --format ics, kam import FILE.ics
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reached from kam export and kam import (kam-cli-data.c) when the format
 * or the file name says iCalendar.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <string.h>

#include "kam-cli.h"
#include "kam-ical.h"

static gboolean
has_ics_suffix (const char *arg)
{
  gsize len = strlen (arg);

  return len > 4 && g_ascii_strcasecmp (arg + len - 4, ".ics") == 0;
}

gboolean
kam_cli_ics_wanted (int    argc,
                    char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (g_ascii_strcasecmp (a, "--format=ics") == 0 || g_ascii_strcasecmp (a, "-fics") == 0)
        return TRUE;
      if ((strcmp (a, "--format") == 0 || strcmp (a, "-f") == 0) && i + 1 < argc)
        {
          if (g_ascii_strcasecmp (argv[i + 1], "ics") == 0)
            return TRUE;
          i++;
          continue;
        }
      if (strcmp (a, "--db") == 0)
        {
          i++;
          continue;
        }
      if (a[0] != '-' && has_ics_suffix (a))
        return TRUE;
    }
  return FALSE;
}

/* Local midnight of @text (YYYY-MM-DD); NULL when it is no date. */
static GDateTime *
local_day (const char *text,
           int         add_days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GDate date;

  if (!kam_cli_parse_today (text, &date))
    return NULL;
  g_date_add_days (&date, add_days);
  return g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
}

int
kam_cli_export_ics (int    argc,
                    char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_arg = NULL;
  g_autofree char *from_arg = NULL;
  g_autofree char *to_arg = NULL;
  g_autofree char *visit_arg = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_arg, N_("ics: the visits as an iCalendar file"), N_("FORMAT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_arg, N_("Visits starting on this day or later"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_arg, N_("Visits starting on this day or earlier"), N_("YYYY-MM-DD") },
    { "visit", 0, 0, G_OPTION_ARG_STRING, &visit_arg, N_("Only this visit"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *display = NULL;
  guint n_events = 0;

  context = kam_cli_context_new ("export", N_("FILE"),
                                 N_("With --format ics (or a FILE ending in .ics): writes the visits as an\n"
                                    "iCalendar file (RFC 5545) for Outlook, Evolution or GNOME Calendar, one\n"
                                    "event per visit with a UID that stays the same, times in UTC.  All visits,\n"
                                    "those of --from/--to (local days, both included), or one --visit."),
                                 entries, &db);
  if (!kam_cli_parse (context, "export", &argc, &argv))
    return KAM_CLI_USAGE;
  if (format_arg != NULL && g_ascii_strcasecmp (format_arg, "ics") != 0)
    return kam_cli_usage ("export", _("Unknown format “%s”; use json, csv, vcf or ics"), format_arg);
  if (argc != 2)
    return kam_cli_usage ("export", argc < 2 ? _("Where to? Give a file name") : _("Give one file name"));
  if (from_arg != NULL && (from = local_day (from_arg, 0)) == NULL)
    return kam_cli_usage ("export", _("--from needs a date (YYYY-MM-DD), not “%s”"), from_arg);
  if (to_arg != NULL && (to = local_day (to_arg, 1)) == NULL)
    return kam_cli_usage ("export", _("--to needs a date (YYYY-MM-DD), not “%s”"), to_arg);
  if (visit_arg != NULL && (from != NULL || to != NULL))
    return kam_cli_usage ("export", _("Give either --visit or --from/--to"));

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  if (!kam_ical_export_file (store, from, to, visit_arg, argv[1], &n_events, &error))
    return kam_cli_fail (error);

  display = g_filename_display_name (argv[1]);
  g_print (dngettext (GETTEXT_PACKAGE, "Exported %u visit to %s\n", "Exported %u visits to %s\n", n_events),
           n_events, display);
  return KAM_CLI_OK;
}

static const char *
action_label (KamIcalAction action)
{
  switch (action)
    {
    case KAM_ICAL_CREATE: return _("new");
    case KAM_ICAL_UPDATE: return _("update");
    case KAM_ICAL_SKIP:
    default:              return _("skip");
    }
}

static char *
local_text (const char *stored,
            const char *format)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (stored == NULL)
    return g_strdup ("?");
  dt = g_date_time_new_from_iso8601 (stored, utc);
  if (dt == NULL)
    return g_strdup ("?");
  local = g_date_time_to_local (dt);
  return g_date_time_format (local, format);
}

static void
print_report (KamIcalImport *import)
{
  for (guint i = 0; i < import->messages->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (import->messages, i));

  for (guint i = 0; i < import->events->len; i++)
    {
      KamIcalEvent *e = g_ptr_array_index (import->events, i);
      g_autofree char *start = local_text (e->start_at, "%Y-%m-%d %H:%M");
      g_autofree char *end = local_text (e->end_at, "%H:%M");

      /* TRANSLATORS: line, action, start–end, account, summary */
      g_print (_("line %u\t%s\t%s–%s\t%s\t%s\n"), e->line, action_label (e->action), start, end,
               e->account_name != NULL ? e->account_name : "-", e->summary);
      for (guint k = 0; k < e->messages->len; k++)
        g_print ("\t%s\n", (const char *) g_ptr_array_index (e->messages, k));
    }
}

int
kam_cli_import_ics (int    argc,
                    char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_arg = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_arg, N_("ics (the default for a FILE ending in .ics)"), N_("FORMAT") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show what would be imported"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KamIcalImport) import = NULL;
  g_autofree char *display = NULL;
  guint created = 0, updated = 0;

  context = kam_cli_context_new ("import", N_("FILE.ics"),
                                 N_("Reads the events of an iCalendar file (from Outlook, Evolution, or “kam\n"
                                    "export --format ics”) as visits and prints, event by event, what becomes\n"
                                    "of it: attendees’ emails are matched to contacts and team members, their\n"
                                    "domains to accounts; an event whose UID was imported before updates its\n"
                                    "visit.  Then writes all of it in one transaction, or nothing on an error."),
                                 entries, &db);
  if (!kam_cli_parse (context, "import", &argc, &argv))
    return KAM_CLI_USAGE;
  if (format_arg != NULL && g_ascii_strcasecmp (format_arg, "ics") != 0)
    return kam_cli_usage ("import", _("Unknown format “%s”; use ics, or a backup file without --format"), format_arg);
  if (argc != 2)
    return kam_cli_usage ("import", argc < 2 ? _("Which file? Give its name") : _("Give one file name"));

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  import = kam_ical_import_prepare (store, argv[1], NULL, &error);
  if (import == NULL)
    return kam_cli_fail (error);

  print_report (import);
  display = g_filename_display_name (argv[1]);

  if (dry_run)
    {
      g_print (_("Dry run: %u new, %u to update, %u skipped; nothing written\n"),
               import->n_create, import->n_update, import->n_skip);
      return KAM_CLI_OK;
    }

  if (!kam_ical_import_apply (store, import, &created, &updated, &error))
    return kam_cli_fail (error);

  g_print (_("Imported %u new visits and updated %u from %s; %u events skipped\n"),
           created, updated, display, import->n_skip);
  return KAM_CLI_OK;
}
