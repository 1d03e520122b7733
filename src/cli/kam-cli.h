/* kam-cli.h — what the commands of the kam tool share
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kam-store.h"

G_BEGIN_DECLS

/* Exit statuses */
#define KAM_CLI_OK    0
#define KAM_CLI_ERROR 1   /* the command failed: "kam: <message>" on stderr */
#define KAM_CLI_USAGE 2   /* the command line is wrong */

/* A command: @argv[0] is its name, options and arguments follow. */
typedef int (*KamCliRun) (int    argc,
                          char **argv);

int   kam_cli_generate (int argc, char **argv);
int   kam_cli_list     (int argc, char **argv);
int   kam_cli_show     (int argc, char **argv);
int   kam_cli_stats    (int argc, char **argv);
int   kam_cli_set      (int argc, char **argv);
int   kam_cli_add      (int argc, char **argv);
int   kam_cli_delete   (int argc, char **argv);
int   kam_cli_export   (int argc, char **argv);
int   kam_cli_import   (int argc, char **argv);
int   kam_cli_bench    (int argc, char **argv);
int   kam_cli_map      (int argc, char **argv);

/* CSV and vCard (kam-cli-import.c), dispatched to from export and import */
gboolean kam_cli_import_is_table (int argc, char **argv);
gboolean kam_cli_export_is_table (int argc, char **argv);
int   kam_cli_import_table (int argc, char **argv);
int   kam_cli_export_table (int argc, char **argv);
/* The import section of kam bench (kam-cli-bench-import.c) */
gboolean kam_cli_bench_import (JsonBuilder *b, int rounds, int n_rows, GError **error);
/* kam-cli-ics.c: --format ics or a FILE.ics among the arguments */
gboolean kam_cli_ics_wanted (int argc, char **argv);
int   kam_cli_export_ics (int argc, char **argv);
int   kam_cli_import_ics (int argc, char **argv);
/* kam-cli-bench-visits.c: adds the visit plan's medians to the bench */
gboolean kam_cli_bench_visits (KamStore *store, JsonBuilder *b, int rounds, const GDate *today, GError **error);

/* The option context of @command ("list"), with --db added: @parameters
 * and @summary are N_() strings shown by --help. */
GOptionContext *kam_cli_context_new  (const char          *command,
                                      const char          *parameters,
                                      const char          *summary,
                                      const GOptionEntry  *entries,
                                      char               **db_path);
/* Parses; on a bad command line prints the one-line hint and returns FALSE
 * (exit with KAM_CLI_USAGE).  --help prints the help and exits 0. */
gboolean        kam_cli_parse        (GOptionContext      *context,
                                      const char          *command,
                                      int                 *argc,
                                      char              ***argv);

/* "kam: <message> (see “kam COMMAND --help”)" on stderr; returns
 * KAM_CLI_USAGE. */
int             kam_cli_usage        (const char          *command,
                                      const char          *format,
                                      ...) G_GNUC_PRINTF (2, 3);
/* "kam: <message>" on stderr; returns KAM_CLI_ERROR. */
int             kam_cli_fail         (const GError        *error);

/* Opens @db_path, or kam_store_default_path() when NULL. */
KamStore       *kam_cli_open_store   (const char          *db_path,
                                      GError             **error);

/* An argument as UTF-8 (arguments come in the locale's encoding). */
char           *kam_cli_arg_utf8     (const char          *arg);

/* A team member's id from an id or a name: the id, else the exact name,
 * else the name ignoring case; an error when none or several match.  The
 * member's name in @name when it is not NULL. */
char           *kam_cli_resolve_member (KamStore        *store,
                                        const char      *text,
                                        char           **name,
                                        GError         **error);

/* Writes @node to stdout as indented JSON followed by a newline; numbers
 * with the fewest digits that read back the same. */
void            kam_cli_print_json   (JsonNode            *node);

/* Today as the local calendar date, or @text (YYYY-MM-DD) when not NULL. */
gboolean        kam_cli_parse_today  (const char          *text,
                                      GDate               *today);

G_END_DECLS
