/* kam-cli-sync.c — kam sync: two-way sync with a CouchDB server
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kam-cli.h"
#include "kam-credentials.h"
#include "kam-server-setup.h"
#include "kam-store-sync.h"
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
  gboolean remember = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("Address of the CouchDB server (https://…)"), N_("URL") },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("Name of the team's database on the server"), N_("NAME") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, N_("User name on the server (password from the keyring or $KAM_PASSWORD)"), N_("USER") },
    { "remember-password", 0, 0, G_OPTION_ARG_NONE, &remember, N_("After a successful sync, keep $KAM_PASSWORD in the keyring"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *password = NULL;
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
    {
      password = kam_credentials_for_cli (server, database, user);
      kam_sync_set_credentials (sync, user, password);
    }

  g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), NULL);
  ok = kam_sync_run (sync, NULL, &stats, &error);
  g_print (_("pulled %u, pushed %u, merged %u, conflicts %u\n"),
           stats.pulled, stats.pushed, stats.merged, stats.conflicts);
  if (stats.resolved > 0)
    g_print (_("%u documents with conflicting revisions on the server merged\n"), stats.resolved);
  if (stats.pending > 0)
    g_print (_("%u records from the server wait for records they refer to\n"), stats.pending);
  if (!ok)
    {
      kam_credentials_free_password (g_steal_pointer (&password));
      return kam_cli_fail (error);
    }
  if (remember && user != NULL && password != NULL
      && !kam_credentials_store (server, database, user, password, NULL, &error))
    {
      kam_credentials_free_password (g_steal_pointer (&password));
      return kam_cli_fail (error);
    }
  kam_credentials_free_password (g_steal_pointer (&password));

  if (!kam_store_set_setting (store, "sync-server", server, &error)
      || !kam_store_set_setting (store, "sync-database", database, &error)
      || (user != NULL && !kam_store_set_setting (store, "sync-user", user, &error)))
    return kam_cli_fail (error);

  return KAM_CLI_OK;
}

/* kam conflicts ------------------------------------------------------------ */

int kam_cli_conflicts (int argc, char **argv);
int kam_cli_resolve   (int argc, char **argv);

static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(not set)"));
  return json_to_string (node, FALSE);
}

int
kam_cli_conflicts (int    argc,
                   char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(JsonArray) list = json_array_new ();
  gboolean json;

  context = kam_cli_context_new ("conflicts", NULL,
                                 N_("Lists the fields that both this computer and the server changed to\n"
                                    "different values: the server's value (“theirs”) is in the record, ours\n"
                                    "(“mine”) is kept here until “kam resolve” chooses."),
                                 entries, &db);
  if (!kam_cli_parse (context, "conflicts", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc != 1)
    return kam_cli_usage ("conflicts", _("Unexpected argument “%s”"), argv[1]);
  json = g_strcmp0 (format, "json") == 0;
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return kam_cli_usage ("conflicts", _("Unknown format “%s”"), format);

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  keys = kam_store_sync_list_keys (store, "conflict:");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *doc_id = keys[i] + strlen ("conflict:");
      g_autoptr(JsonObject) conflict = kam_store_sync_get_conflict (store, doc_id);
      const char *colon = strchr (doc_id, ':');
      JsonObject *entry;

      if (conflict == NULL || colon == NULL || !json_object_has_member (conflict, "fields")
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (conflict, "fields")))
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "id", colon + 1);
      {
        g_autofree char *type = g_strndup (doc_id, colon - doc_id);

        json_object_set_string_member (entry, "type", type);
      }
      json_object_set_member (entry, "fields", json_node_copy (json_object_get_member (conflict, "fields")));
      json_array_add_object_element (list, entry);
    }

  if (json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), list);

      kam_cli_print_json (node);
      return KAM_CLI_OK;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      JsonObject *fields = json_object_get_object_member (entry, "fields");
      JsonObjectIter iter;
      const char *field;
      JsonNode *node;

      g_print ("%s %s\n", json_object_get_string_member (entry, "type"), json_object_get_string_member (entry, "id"));
      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &field, &node))
        {
          g_autofree char *mine = NULL;
          g_autofree char *theirs = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          mine = value_text (json_object_get_member (json_node_get_object (node), "mine"));
          theirs = value_text (json_object_get_member (json_node_get_object (node), "theirs"));
          /* TRANSLATORS: one conflicted field: its name, our value, the server's */
          g_print (_("  %s: mine %s, theirs %s\n"), field, mine, theirs);
        }
    }
  if (json_array_get_length (list) == 0)
    g_print (_("No conflicts\n"));
  return KAM_CLI_OK;
}

/* kam resolve -------------------------------------------------------------- */

int
kam_cli_resolve (int    argc,
                 char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *field = NULL;
  g_autofree char *choice = NULL;
  KamSyncResolution resolution;

  context = kam_cli_context_new ("resolve", N_("ID FIELD mine|theirs|VALUE"),
                                 N_("Resolves the conflict on one field of a record: “mine” puts back the\n"
                                    "value of this computer, “theirs” keeps the server's, anything else is\n"
                                    "the new value.  The record is sent to the server at the next sync.\n"
                                    "For a deletion against an edit, FIELD is _deleted and VALUE true\n"
                                    "(delete) or false (keep)."),
                                 NULL, &db);
  if (!kam_cli_parse (context, "resolve", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc != 4)
    return kam_cli_usage ("resolve", _("Give the record's id, the field and mine, theirs or a value"));

  id = kam_cli_arg_utf8 (argv[1]);
  field = kam_cli_arg_utf8 (argv[2]);
  choice = kam_cli_arg_utf8 (argv[3]);
  if (g_str_equal (choice, "mine"))
    resolution = KAM_SYNC_RESOLVE_MINE;
  else if (g_str_equal (choice, "theirs"))
    resolution = KAM_SYNC_RESOLVE_THEIRS;
  else
    resolution = KAM_SYNC_RESOLVE_VALUE;

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  doc_id = kam_store_sync_find_conflict (store, id);
  if (doc_id == NULL)
    {
      g_set_error (&error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("The record %s has no open conflict"), id);
      return kam_cli_fail (error);
    }
  if (!kam_store_sync_resolve (store, doc_id, field, resolution, choice, &error))
    return kam_cli_fail (error);
  return KAM_CLI_OK;
}

/* kam server-setup --------------------------------------------------------- */

int kam_cli_server_setup (int argc, char **argv);

int
kam_cli_server_setup (int    argc,
                      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *server = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_auto(GStrv) members = NULL;
  g_auto(GStrv) roles = NULL;
  gboolean print = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("Address of the CouchDB server (https://…)"), N_("URL") },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("Name of the team's database on the server"), N_("NAME") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, N_("An administrator of the server (password from the keyring or $KAM_PASSWORD)"), N_("ADMIN") },
    { "member", 0, 0, G_OPTION_ARG_STRING_ARRAY, &members, N_("A user who may read and write the team's database (repeat for each)"), N_("USER") },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles, N_("A role whose users may read and write it (default: key-accounts)"), N_("ROLE") },
    { "print", 0, 0, G_OPTION_ARG_NONE, &print, N_("Only print the design document"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  const char * const default_roles[] = { "key-accounts", NULL };

  context = kam_cli_context_new ("server-setup", NULL,
                                 N_("Prepares the team's database on a CouchDB server, as an administrator:\n"
                                    "creates it (or keeps it), installs the design document that refuses\n"
                                    "malformed records and writes by non-members, and sets the members."),
                                 entries, &db);
  if (!kam_cli_parse (context, "server-setup", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc != 1)
    return kam_cli_usage ("server-setup", _("Unexpected argument “%s”"), argv[1]);

  if (print)
    {
      g_autoptr(JsonObject) design = kam_server_design_document ();
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), design);

      kam_cli_print_json (node);
      return KAM_CLI_OK;
    }
  if (server == NULL || database == NULL)
    return kam_cli_usage ("server-setup", _("Which server? Give --server URL and --database NAME"));

  if (user != NULL)
    password = kam_credentials_for_cli (server, database, user);
  if (!kam_server_setup (server, database, user, password,
                         (const char * const *) members,
                         roles != NULL ? (const char * const *) roles : default_roles,
                         NULL, &error))
    {
      kam_credentials_free_password (g_steal_pointer (&password));
      return kam_cli_fail (error);
    }
  kam_credentials_free_password (g_steal_pointer (&password));
  g_print (_("The database %s on %s is ready\n"), database, server);
  return KAM_CLI_OK;
}
