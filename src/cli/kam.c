/* kam.c — the command-line tool over the Key Accounts database
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kam COMMAND [OPTION…] [ARGUMENT…]`.  Every command works on one database
 * (--db PATH, default the one of the window) through src/core, exactly as
 * the window does: the same validation, the same queries.
 *
 * Exit statuses: 0 done, 1 the command failed (one line "kam: <message>" on
 * stderr), 2 the command line is wrong (one line with a hint).
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kam-cli.h"
#include "kam-model.h"

int kam_cli_sync (int argc, char **argv);  /* kam-cli-sync.c */
int kam_cli_chart (int argc, char **argv); /* kam-cli-chart.c */
int kam_cli_conflicts (int argc, char **argv);  /* kam-cli-sync.c */
int kam_cli_resolve (int argc, char **argv);  /* kam-cli-sync.c */
int kam_cli_server_setup (int argc, char **argv);  /* kam-cli-sync.c */
int kam_cli_review (int argc, char **argv); /* kam-cli-review.c */
int kam_cli_report (int argc, char **argv); /* kam-cli-review.c */

typedef struct {
  const char *name;
  const char *summary;   /* N_() */
  KamCliRun   run;
} Command;

static const Command commands[] = {
  { "list",     N_("List the records of one kind, filtered"),                    kam_cli_list },
  { "show",     N_("Show one record"),                                           kam_cli_show },
  { "add",      N_("Add a record and print its id"),                             kam_cli_add },
  { "set",      N_("Change fields of a record"),                                 kam_cli_set },
  { "delete",   N_("Delete a record (and what belongs to it)"),                  kam_cli_delete },
  { "stats",    N_("Counts, tiers, pipeline, coverage and visits due"),          kam_cli_stats },
  { "export",   N_("Write the whole database to a backup file"),                 kam_cli_export },
  { "import",   N_("Restore a backup file (all of it or nothing)"),              kam_cli_import },
  { "generate", N_("Fill a new database with realistic made-up data"),           kam_cli_generate },
  { "bench",    N_("Time the queries behind the window on the database"),        kam_cli_bench },
  { "sync",     N_("Sync with the team's CouchDB server"),                       kam_cli_sync },
  { "chart",    N_("Draw a pipeline chart to a PNG, SVG or PDF file"),           kam_cli_chart },
  { "map",      N_("Draw the contact map of an account to PNG, SVG or PDF"),     kam_cli_map },
  { "conflicts", N_("List the fields changed here and on the server differently"), kam_cli_conflicts },
  { "resolve",  N_("Choose the value of one conflicted field"),                  kam_cli_resolve },
  { "server-setup", N_("Prepare the team's database on a CouchDB server"),      kam_cli_server_setup },
  { "review",   N_("Write the sales review deck to a PDF"),                      kam_cli_review },
  { "report",   N_("The same as review: kam report --pdf FILE"),                 kam_cli_report },
};

/* Shared helpers --------------------------------------------------------- */

static void
print_one_line (const char *prefix,
                const char *message,
                const char *suffix)
{
  g_autofree char *line = g_strdup (message);

  /* One line, whatever the message. */
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("%s%s%s\n", prefix, line, suffix ? suffix : "");
}

int
kam_cli_usage (const char *command,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    /* TRANSLATORS: the end of a line saying what is wrong with a command line */
    hint = g_strdup_printf (_(" (see “kam %s --help”)"), command);
  else
    hint = g_strdup (_(" (see “kam --help”)"));

  print_one_line ("kam: ", message, hint);
  return KAM_CLI_USAGE;
}

int
kam_cli_fail (const GError *error)
{
  print_one_line ("kam: ", error->message, NULL);
  return KAM_CLI_ERROR;
}

GOptionContext *
kam_cli_context_new (const char          *command,
                     const char          *parameters,
                     const char          *summary,
                     const GOptionEntry  *entries,
                     char               **db_path)
{
  const GOptionEntry db_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, db_path,
      N_("The database file (default: $KAM_DB, else the one of the window)"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  GOptionContext *context = g_option_context_new (parameters ? _(parameters) : NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, _(summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);

  return context;
}

gboolean
kam_cli_parse (GOptionContext   *context,
               const char       *command,
               int              *argc,
               char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      kam_cli_usage (command, "%s", error->message);
      return FALSE;
    }

  /* A leftover "--" ends the options; it is not an argument. */
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], sizeof (char *) * (*argc - i));
        (*argc)--;
        break;
      }

  return TRUE;
}

KamStore *
kam_cli_open_store (const char  *db_path,
                    GError     **error)
{
  g_autofree char *path = db_path ? g_strdup (db_path) : kam_store_default_path ();

  return kam_store_open (path, error);
}

char *
kam_cli_arg_utf8 (const char *arg)
{
  char *utf8;

  if (g_utf8_validate (arg, -1, NULL))
    return g_strdup (arg);
  utf8 = g_locale_to_utf8 (arg, -1, NULL, NULL, NULL);
  return utf8 ? utf8 : g_utf8_make_valid (arg, -1);
}

gboolean
kam_cli_parse_today (const char *text,
                     GDate      *today)
{
  g_date_clear (today, 1);

  if (text == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
      return TRUE;
    }

  return kam_parse_date (text, today);
}

char *
kam_cli_resolve_member (KamStore    *store,
                        const char  *text,
                        char       **name,
                        GError     **error)
{
  g_autoptr(GPtrArray) members = kam_store_load_all (store, &kam_member_kind, error);
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  KamRecord *found = NULL;

  if (members == NULL)
    return NULL;

  for (guint i = 0; i < members->len; i++)
    {
      KamRecord *m = g_ptr_array_index (members, i);

      if (g_str_equal (kam_record_get_id (m), text))
        {
          found = m;
          break;
        }
      if (g_str_equal (kam_record_get_string (m, "name"), text))
        g_ptr_array_add (matches, m);
    }

  if (found == NULL && matches->len == 0)
    {
      g_autofree char *wanted = g_utf8_casefold (text, -1);

      folded = g_utf8_normalize (wanted, -1, G_NORMALIZE_ALL);
      for (guint i = 0; i < members->len; i++)
        {
          KamRecord *m = g_ptr_array_index (members, i);
          g_autofree char *cf = g_utf8_casefold (kam_record_get_string (m, "name"), -1);
          g_autofree char *normalized = g_utf8_normalize (cf, -1, G_NORMALIZE_ALL);

          if (g_strcmp0 (normalized, folded) == 0)
            g_ptr_array_add (matches, m);
        }
    }

  if (found == NULL && matches->len == 1)
    found = g_ptr_array_index (matches, 0);
  if (found != NULL)
    {
      if (name != NULL)
        *name = g_strdup (kam_record_get_string (found, "name"));
      return g_strdup (kam_record_get_id (found));
    }

  if (matches->len == 0)
    g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                 _("There is no team member named “%s”"), text);
  else
    g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                 _("%u team members are named “%s”: give the id of one of them"), matches->len, text);
  return NULL;
}

/* JSON output ------------------------------------------------------------- */

static void
append_json_string (GString    *out,
                    const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_double (GString *out,
                    double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      g_string_append (out, "null");
      return;
    }

  /* The shortest of %.15g and %.17g that reads back as the same number:
   * 1234.56, not 1234.5599999999999. */
  g_ascii_formatd (buf, sizeof buf, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, sizeof buf, "%.17g", v);
  g_string_append (out, buf);
}

static void
append_json (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        if (json_object_get_size (object) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            g_string_append (out, first ? "\n" : ",\n");
            first = FALSE;
            g_string_append_printf (out, "%*s", (int) (depth + 1) * 2, "");
            append_json_string (out, name);
            g_string_append (out, ": ");
            append_json (out, member, depth + 1);
          }
        g_string_append_printf (out, "\n%*s}", (int) depth * 2, "");
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append (out, i ? ",\n" : "\n");
            g_string_append_printf (out, "%*s", (int) (depth + 1) * 2, "");
            append_json (out, json_array_get_element (array, i), depth + 1);
          }
        g_string_append_printf (out, "\n%*s]", (int) depth * 2, "");
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_json_string (out, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_json_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

void
kam_cli_print_json (JsonNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_json (out, node, 0);
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);
}

/* main -------------------------------------------------------------------- */

static void
print_help (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int width = (int) strlen ("-h, --help");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));

  g_string_append_printf (text, "%s\n  kam %s\n\n%s\n",
                          _("Usage:"), _("COMMAND [OPTION…] [ARGUMENT…]"),
                          _("Key Accounts on the command line: the same database as the window."));
  g_string_append_printf (text, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-*s  %s\n", width, commands[i].name, _(commands[i].summary));

  g_string_append_printf (text, "\n%s\n  %-*s  %s\n  %-*s  %s\n\n%s\n",
                          _("Options:"),
                          width, "-h, --help", _("Show this help"),
                          width, "--version", _("Show the version"),
                          _("“kam COMMAND --help” shows the options of a command; every command takes --db PATH."));

  g_print ("%s", text->str);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  const Command *command;
  g_autofree char *prgname = NULL;

  setlocale (LC_ALL, "");
  /* KAM_LOCALEDIR: the translations of an uninstalled build (build-aux/run
   * points it at _build/po). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KAM_LOCALEDIR") ? g_getenv ("KAM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* "kam --db FILE list" reads as well as "kam list --db FILE": move a
   * leading --db behind the command, where the command parses it. */
  if (argc >= 4 && g_str_equal (argv[1], "--db"))
    {
      char *db = argv[1], *path = argv[2];

      memmove (argv + 1, argv + 3, (argc - 3) * sizeof (char *));
      argv[argc - 2] = db;
      argv[argc - 1] = path;
    }
  else if (argc >= 3 && g_str_has_prefix (argv[1], "--db="))
    {
      char *db = argv[1];

      memmove (argv + 1, argv + 2, (argc - 2) * sizeof (char *));
      argv[argc - 1] = db;
    }

  if (argc < 2)
    return kam_cli_usage (NULL, _("Which command?"));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      if (argc > 2 && g_str_equal (argv[1], "help") && find_command (argv[2]) != NULL)
        {
          char *help_argv[] = { argv[2], (char *) "--help", NULL };

          prgname = g_strdup_printf ("kam %s", argv[2]);
          g_set_prgname (prgname);
          return find_command (argv[2])->run (2, help_argv);
        }
      print_help ();
      return KAM_CLI_OK;
    }

  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "-V"))
    {
      g_print ("kam %s\n", PACKAGE_VERSION);
      return KAM_CLI_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *name = kam_cli_arg_utf8 (argv[1]);

      if (argv[1][0] == '-')
        return kam_cli_usage (NULL, _("Unknown option %s: options come after the command"), name);
      return kam_cli_usage (NULL, _("Unknown command “%s”"), name);
    }

  /* "Usage: kam list [OPTION…] KIND" in --help */
  prgname = g_strdup_printf ("kam %s", command->name);
  g_set_prgname (prgname);

  return command->run (argc - 1, argv + 1);
}
