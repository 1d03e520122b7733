/* kam-cli-import.c — kam import of CSV and vCard files, kam export of lists
 * as CSV and of contacts as vCard
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * “kam import” and “kam export” (kam-cli-data.c) hand the command line over
 * here when it names a table format (--type, --format csv|vcf or a file
 * ending in .csv, .tsv, .txt or .vcf); backups stay there.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kam-cli.h"
#include "kam-export.h"
#include "kam-import.h"
#include "kam-list.h"
#include "kam-model.h"
#include "kam-vcard.h"

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  gsize n = strlen (path), m = strlen (suffix);

  return n > m && g_ascii_strcasecmp (path + n - m, suffix) == 0;
}

static gboolean
is_vcard_path (const char *path)
{
  return has_suffix (path, ".vcf") || has_suffix (path, ".vcard");
}

static gboolean
is_table_path (const char *path)
{
  return has_suffix (path, ".csv") || has_suffix (path, ".tsv") || has_suffix (path, ".txt") || is_vcard_path (path);
}

/* --format csv|vcf anywhere, or a file argument of a table format */
static gboolean
names_table (int         argc,
             char      **argv,
             const char *option)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        break;
      if (option != NULL && g_str_has_prefix (arg, option))
        return TRUE;
      if ((g_str_equal (arg, "--format") || g_str_equal (arg, "-f")) && i + 1 < argc)
        {
          if (g_ascii_strcasecmp (argv[i + 1], "csv") == 0 || g_ascii_strcasecmp (argv[i + 1], "vcf") == 0)
            return TRUE;
          i++;
          continue;
        }
      if (g_str_has_prefix (arg, "--format="))
        {
          const char *value = arg + strlen ("--format=");

          if (g_ascii_strcasecmp (value, "csv") == 0 || g_ascii_strcasecmp (value, "vcf") == 0)
            return TRUE;
          continue;
        }
      if (arg[0] != '-' && is_table_path (arg))
        return TRUE;
    }
  return FALSE;
}

gboolean
kam_cli_import_is_table (int    argc,
                         char **argv)
{
  return names_table (argc, argv, "--type");
}

gboolean
kam_cli_export_is_table (int    argc,
                         char **argv)
{
  return names_table (argc, argv, NULL);
}

static const KamRecordKind *
kind_from_type (const char *type)
{
  static const struct {
    const char          *name;
    const KamRecordKind *kind;
  } types[] = {
    { "accounts", &kam_account_kind },
    { "account", &kam_account_kind },
    { "contacts", &kam_contact_kind },
    { "contact", &kam_contact_kind },
    { "opportunities", &kam_opportunity_kind },
    { "opportunity", &kam_opportunity_kind },
    { "visits", &kam_visit_kind },
    { "visit", &kam_visit_kind },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (types[i].name, type) == 0)
      return types[i].kind;
  return NULL;
}

/* An account by id, external id, name or local name. */
static char *
resolve_account (KamStore    *store,
                 const char  *text,
                 GError     **error)
{
  g_autoptr(GPtrArray) accounts = kam_store_load_all (store, &kam_account_kind, error);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  if (accounts == NULL)
    return NULL;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < accounts->len; i++)
      {
        KamRecord *a = g_ptr_array_index (accounts, i);

        if (pass == 0 && (g_str_equal (kam_record_get_id (a), text)
                          || g_str_equal (kam_record_get_string (a, "external_id"), text)))
          return g_strdup (kam_record_get_id (a));
        if (pass == 1)
          {
            g_autofree char *name = g_utf8_casefold (kam_record_get_string (a, "name"), -1);
            g_autofree char *local = g_utf8_casefold (kam_record_get_string (a, "local_name"), -1);

            if (g_str_equal (name, folded) || g_str_equal (local, folded))
              return g_strdup (kam_record_get_id (a));
          }
      }

  g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
               _("No account “%s” (give its id or exact name)"), text);
  return NULL;
}

/* kam import FILE.csv / FILE.vcf ----------------------------------------- */

static void
progress_cb (double   fraction,
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

static void
print_mapping (KamImport *import)
{
  const KamRecordKind *kind = kam_import_get_kind (import);

  g_print ("%s\n", _("Columns:"));
  for (guint i = 0; i < kam_import_get_n_columns (import); i++)
    {
      const char *target = kam_import_get_column_target (import, i);

      g_print ("  %s → %s\n", kam_import_get_column_name (import, i),
               target != NULL ? kam_import_target_label (kind, target) : _("(ignored)"));
    }
}

static void
print_report (KamImport *import)
{
  guint n_rows = kam_import_get_n_rows (import);

  for (guint i = 0; i < n_rows; i++)
    {
      const KamImportRow *row = kam_import_get_row (import, i);

      if (row->error != NULL)
        g_print (_("Line %u: %s\n"), row->line, row->error);
    }
  g_print (dngettext (GETTEXT_PACKAGE,
                      "%u row: %u new, %u to update, %u with errors\n",
                      "%u rows: %u new, %u to update, %u with errors\n",
                      n_rows),
           n_rows, kam_import_get_n_new (import), kam_import_get_n_updates (import),
           kam_import_get_n_errors (import));
}

int
kam_cli_import_table (int    argc,
                      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *type = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *save_mapping = NULL;
  g_autofree char *account_arg = NULL;
  gboolean dry_run = FALSE, skip_errors = FALSE;
  const GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type, N_("What the CSV file holds: accounts, contacts, opportunities or visits"), N_("TYPE") },
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping, N_("Map the columns as this mapping file says"), N_("FILE") },
    { "save-mapping", 0, 0, G_OPTION_ARG_FILENAME, &save_mapping, N_("Save the mapping of the columns to this file"), N_("FILE") },
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account_arg, N_("vCard: the account of cards without an organization (id or name)"), N_("ID") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check every row and report, but write nothing"), NULL },
    { "skip-errors", 0, 0, G_OPTION_ARG_NONE, &skip_errors, N_("Import the good rows even when others have errors"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(KamImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  const KamRecordKind *kind = NULL;
  gboolean show_progress = isatty (fileno (stderr));
  int last_percent = -1;
  gboolean vcard;

  context = kam_cli_context_new ("import", N_("FILE.csv|FILE.vcf"),
                                 N_("Imports accounts, contacts, opportunities or visits from a CSV file (UTF-8,\n"
                                    "UTF-16 or GBK; comma, semicolon or tab), or contacts from a vCard file.\n"
                                    "Columns are matched by their names in English or Chinese (Salesforce\n"
                                    "exports too).  Every row is checked first and reported; the import is one\n"
                                    "transaction, and when any row has an error nothing is written and the\n"
                                    "exit status is 1 (--skip-errors writes the good rows).  A row updates the\n"
                                    "record with the same external id, else the same name (and account);\n"
                                    "empty cells keep what is stored."),
                                 entries, &db);
  if (!kam_cli_parse (context, "import", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc != 2)
    return kam_cli_usage ("import", argc < 2 ? _("Which file? Give its name") : _("Give one file name"));

  vcard = is_vcard_path (argv[1]);
  if (vcard)
    {
      if (type != NULL && kind_from_type (type) != &kam_contact_kind)
        return kam_cli_usage ("import", _("A vCard file holds contacts"));
      if (mapping != NULL || save_mapping != NULL)
        return kam_cli_usage ("import", _("--mapping and --save-mapping are for CSV files"));
    }
  else
    {
      if (type == NULL)
        return kam_cli_usage ("import", _("What does the file hold? Give --type accounts, contacts, opportunities or visits"));
      kind = kind_from_type (type);
      if (kind == NULL)
        return kam_cli_usage ("import", _("Unknown type “%s”; use accounts, contacts, opportunities or visits"), type);
    }

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  if (vcard)
    import = kam_vcard_read_file (store, argv[1], account_arg, &error);
  else
    {
      KamCsv *csv = kam_csv_read_file (argv[1], &error);

      if (csv != NULL)
        import = kam_import_new_for_csv (store, kind, csv, &error);
      if (import != NULL && mapping != NULL && !kam_import_load_mapping (import, mapping, &error))
        return kam_cli_fail (error);
    }
  if (import == NULL)
    {
      display = g_filename_display_name (argv[1]);
      g_prefix_error (&error, "%s: ", display);
      return kam_cli_fail (error);
    }

  if (save_mapping != NULL && !kam_import_save_mapping (import, save_mapping, &error))
    return kam_cli_fail (error);

  if (!vcard)
    print_mapping (import);

  if (!kam_import_prepare (import, show_progress ? progress_cb : NULL, &last_percent, &error))
    {
      if (show_progress)
        g_printerr ("\r");
      return kam_cli_fail (error);
    }
  if (show_progress && dry_run)
    g_printerr ("\r");
  print_report (import);

  if (dry_run)
    {
      g_print ("%s\n", _("Nothing was written (--dry-run)"));
      return kam_import_get_n_errors (import) > 0 ? KAM_CLI_ERROR : KAM_CLI_OK;
    }

  if (!kam_import_commit (import, skip_errors, show_progress ? progress_cb : NULL, &last_percent, &error))
    {
      if (show_progress)
        g_printerr ("\r");
      return kam_cli_fail (error);
    }
  if (show_progress)
    g_printerr ("\r");

  display = g_filename_display_name (argv[1]);
  g_print (_("Imported %u new and updated %u records from %s\n"),
           kam_import_get_n_new (import), kam_import_get_n_updates (import), display);
  return KAM_CLI_OK;
}

/* kam export --format csv|vcf -------------------------------------------- */

int
kam_cli_export_table (int    argc,
                      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format = NULL;
  g_autofree char *type = NULL;
  g_autofree char *account_arg = NULL;
  g_autofree char *search = NULL, *tier = NULL, *region = NULL, *industry = NULL;
  g_autofree char *stage = NULL, *status = NULL, *sort = NULL, *vcard_version = NULL;
  gboolean descending = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv (a list) or vcf (contacts); by default from the file name"), N_("FORMAT") },
    { "type", 't', 0, G_OPTION_ARG_STRING, &type, N_("CSV: the list of accounts, contacts, opportunities or visits"), N_("TYPE") },
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account_arg, N_("Only what belongs to this account (id or exact name)"), N_("ID") },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, N_("CSV: only records whose text matches"), N_("TEXT") },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &tier, N_("CSV: only accounts of tier A, B or C (or what belongs to them)"), N_("TIER") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("CSV: only accounts in this region"), N_("REGION") },
    { "industry", 0, 0, G_OPTION_ARG_STRING, &industry, N_("CSV: only accounts in this industry"), N_("INDUSTRY") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, N_("CSV: opportunities at this stage, or “open” or “closed”"), N_("STAGE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("CSV: visits with this status (planned, done, cancelled)"), N_("STATUS") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("CSV: sort by this field (default: name; start for visits)"), N_("FIELD") },
    { "descending", 'r', 0, G_OPTION_ARG_NONE, &descending, N_("CSV: sort in descending order"), NULL },
    { "vcard-version", 0, 0, G_OPTION_ARG_STRING, &vcard_version, N_("vCard version: 3.0 (default) or 4.0"), N_("VERSION") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *display = NULL;
  gboolean vcard;
  guint n = 0;

  context = kam_cli_context_new ("export", N_("FILE"),
                                 N_("With --format csv (or a FILE ending in .csv): writes a list, filtered and\n"
                                    "sorted as “kam list” shows it, as CSV for spreadsheets (UTF-8 with BOM).\n"
                                    "With --format vcf (or .vcf): writes contacts as vCards (3.0 or 4.0)."),
                                 entries, &db);
  if (!kam_cli_parse (context, "export", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc != 2)
    return kam_cli_usage ("export", argc < 2 ? _("Where to? Give a file name") : _("Give one file name"));

  if (format != NULL)
    {
      if (g_ascii_strcasecmp (format, "vcf") != 0 && g_ascii_strcasecmp (format, "csv") != 0)
        return kam_cli_usage ("export", _("Unknown format “%s”; use json, csv, vcf or ics"), format);
      vcard = g_ascii_strcasecmp (format, "vcf") == 0;
    }
  else
    vcard = is_vcard_path (argv[1]);

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);
  if (account_arg != NULL)
    {
      account_id = resolve_account (store, account_arg, &error);
      if (account_id == NULL)
        return kam_cli_fail (error);
    }

  if (vcard)
    {
      KamVCardVersion version = KAM_VCARD_3_0;
      g_autofree char *data = NULL;

      if (vcard_version != NULL && g_str_equal (vcard_version, "4.0"))
        version = KAM_VCARD_4_0;
      else if (vcard_version != NULL && !g_str_equal (vcard_version, "3.0"))
        return kam_cli_usage ("export", _("Unknown vCard version “%s”; use 3.0 or 4.0"), vcard_version);

      data = kam_vcard_export (store, account_id, version, &n, &error);
      if (data == NULL || !g_file_set_contents (argv[1], data, -1, &error))
        return kam_cli_fail (error);
    }
  else
    {
      const KamRecordKind *kind = kind_from_type (type);
      g_autoptr(KamQuery) query = NULL;

      if (type == NULL)
        return kam_cli_usage ("export", _("Which list? Give --type accounts, contacts, opportunities or visits"));
      if (kind == NULL)
        return kam_cli_usage ("export", _("Unknown type “%s”; use accounts, contacts, opportunities or visits"), type);

      query = kam_query_new (kind);
      kam_query_set_search (query, search);
      kam_query_set_region (query, region);
      kam_query_set_industry (query, industry);
      if (tier != NULL)
        {
          g_autofree char *upper = g_ascii_strup (tier, -1);
          kam_query_set_tier (query, upper);
        }
      if (stage != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (stage, -1);
          kam_query_set_stage (query, lower);
        }
      if (status != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (status, -1);
          kam_query_set_status (query, lower);
        }
      if (account_id != NULL)
        kam_query_set_account (query, account_id);
      if (sort != NULL && !kam_query_set_sort (query, sort, descending, &error))
        return kam_cli_usage ("export", "%s", error->message);
      else if (sort == NULL && descending)
        {
          /* the default order, reversed */
          if (!kam_query_set_sort (query, kind == &kam_visit_kind ? "start_at" : "name", TRUE, &error))
            return kam_cli_fail (error);
        }

      if (!kam_export_csv (store, query, argv[1], &n, &error))
        return kam_cli_fail (error);
    }

  display = g_filename_display_name (argv[1]);
  g_print (dngettext (GETTEXT_PACKAGE, "Wrote %u record to %s\n", "Wrote %u records to %s\n", n), n, display);
  return KAM_CLI_OK;
}
