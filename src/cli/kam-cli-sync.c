/* kam-cli-sync.c — kam sync: two-way sync with a CouchDB server
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <stdio.h>

#include "kam-cli.h"
#include "kam-sync.h"

/* Declared here until kam-cli.h lists it. */
int kam_cli_sync (int argc, char **argv);

static void
progress_cb (KamSync      *sync,
             KamSyncPhase  phase,
             guint         count,
             gpointer      data)
{
  if (phase == KAM_SYNC_PHASE_PULL)
    g_print (_("pulled %u…\n"), count);
  else
    g_print (_("pushed %u…\n"), count);
  fflush (stdout);
}

int
kam_cli_sync (int    argc,
              char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *server = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("Address of the CouchDB server (https://…)"), N_("URL") },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("Name of the team's database on the server"), N_("NAME") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, N_("User name on the server (password from $KAM_PASSWORD)"), N_("USER") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(KamSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  KamSyncStats stats = { 0 };
  gboolean ok;

  context = kam_cli_context_new ("sync", NULL,
                                 N_("Pulls the changes of the team's CouchDB database, then pushes the records\n"
                                    "changed here.  Both sides' edits are merged field by field; where both\n"
                                    "changed the same field, the server's value stays and ours is kept as a\n"
                                    "conflict.  The server and database are remembered after the first sync.\n"
                                    "Plain http:// is allowed only to localhost."),
                                 entries, &db);
  if (!kam_cli_parse (context, "sync", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc != 1)
    return kam_cli_usage ("sync", _("Unexpected argument “%s”"), argv[1]);

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  if (server == NULL)
    server = kam_store_get_setting (store, "sync-server", NULL);
  if (database == NULL)
    database = kam_store_get_setting (store, "sync-database", NULL);
  if (user == NULL)
    user = kam_store_get_setting (store, "sync-user", NULL);
  if (server == NULL || database == NULL)
    return kam_cli_usage ("sync", _("Which server? Give --server URL and --database NAME"));

  sync = kam_sync_new (store, server, database, &error);
  if (sync == NULL)
    return kam_cli_fail (error);
  if (user != NULL)
    kam_sync_set_credentials (sync, user, g_getenv ("KAM_PASSWORD"));

  g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), NULL);
  ok = kam_sync_run (sync, NULL, &stats, &error);
  g_print (_("pulled %u, pushed %u, merged %u, conflicts %u\n"),
           stats.pulled, stats.pushed, stats.merged, stats.conflicts);
  if (stats.resolved > 0)
    g_print (_("%u documents with conflicting revisions on the server merged\n"), stats.resolved);
  if (stats.pending > 0)
    g_print (_("%u records from the server wait for records they refer to\n"), stats.pending);
  if (!ok)
    return kam_cli_fail (error);

  if (!kam_store_set_setting (store, "sync-server", server, &error)
      || !kam_store_set_setting (store, "sync-database", database, &error)
      || (user != NULL && !kam_store_set_setting (store, "sync-user", user, &error)))
    return kam_cli_fail (error);

  return KAM_CLI_OK;
}
