/* bench-sync.c — initial pull of a large team database: Key Accounts
 * against PouchDB's own replicator, in the same run
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-sync [--records N] [--rounds R]: starts pouchdb-server
 * ($KAM_POUCHDB_SERVER) --in-memory on loopback, fills a database with at
 * least N documents (generated records, pushed by our sync), then R times
 * pulls it all into a fresh SQLite file with KamSync and into an in-memory
 * PouchDB with PouchDB's replicator (node tests/bench-sync-pouchdb.js),
 * alternating, and prints one JSON object of medians in ms.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <string.h>

#include "kam-analytics.h"
#include "kam-generate.h"
#include "kam-model.h"
#include "kam-sync.h"

/* The server goes when the test does, even when it aborts. */
static void
server_child_setup (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static guint
http (const char *method,
      const char *uri)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = soup_session_send_and_read (session, msg, NULL, NULL);

  return bytes ? soup_message_get_status (msg) : 0;
}

static void
remove_store (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

static guint
count_records (KamStore *store)
{
  guint n_kinds, n = 0;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    n += kam_store_count (store, kinds[k]);
  return n;
}

/* PouchDB's replicator, one run: its own timing, from its start to its
 * end (node's start-up is not counted). */
static gboolean
pouchdb_pull (const char  *node_path,
              const char  *url,
              double      *ms,
              guint       *docs,
              GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_subprocess_launcher_setenv (launcher, "NODE_PATH", node_path, TRUE);
  child = g_subprocess_launcher_spawn (launcher, error, "node", BENCH_SYNC_JS, url, NULL);
  if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, error))
    return FALSE;
  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0
      || (node = json_from_string (out, error)) == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the PouchDB replicator failed");
      return FALSE;
    }
  *ms = json_object_get_double_member (json_node_get_object (node), "ms");
  *docs = (guint) json_object_get_int_member (json_node_get_object (node), "docs_written");
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  int records = 100000;
  int rounds = 3;
  const GOptionEntry entries[] = {
    { "records", 'n', 0, G_OPTION_ARG_INT, &records, "At least this many documents (default 100000)", "N" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Pulls of each client (default 3)", "R" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *program = g_getenv ("KAM_POUCHDB_SERVER");
  g_autofree char *node_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *source_path = NULL;
  g_autofree char *port = NULL;
  g_autofree char *url = NULL;
  g_autofree char *db_url = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(KamStore) source = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  KamGenerateOptions opts;
  KamSyncStats stats = { 0 };
  guint n_docs;
  gint64 start;
  double push_ms;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-sync: %s\n", error->message);
      return 2;
    }
  if (program == NULL)
    {
      g_printerr ("bench-sync: set KAM_POUCHDB_SERVER to the pouchdb-server program (build-aux/setup-pouchdb)\n");
      return 2;
    }
  /* .../node_modules/.bin/pouchdb-server -> .../node_modules */
  {
    g_autofree char *bin = g_path_get_dirname (program);

    node_path = g_path_get_dirname (bin);
  }

  dir = g_dir_make_tmp ("kam-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);

  /* The server. */
  port = g_strdup_printf ("%u", free_port ());
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_set_child_setup (launcher, server_child_setup, NULL, NULL);
  server = g_subprocess_launcher_spawn (launcher, &error, program, "--in-memory",
                                        "--host", "127.0.0.1", "--port", port, NULL);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%s", port);
  for (guint i = 0; i < 300 && http ("GET", url) != 200; i++)
    g_usleep (100000);
  db_url = g_strdup_printf ("%s/team", url);
  g_assert_cmpuint (http ("PUT", db_url), ==, 201);

  /* The team's data, pushed by our sync. */
  source_path = g_build_filename (dir, "source.db", NULL);
  source = kam_store_open (source_path, &error);
  g_assert_no_error (error);
  kam_generate_options_init (&opts);
  opts.n_accounts = (guint) ceil (records / 40.0);
  g_date_set_dmy (&opts.today, 1, 6, 2026);
  g_printerr ("generating %u accounts...\n", opts.n_accounts);
  if (!kam_generate (source, &opts, NULL, NULL, &error))
    g_error ("%s", error->message);
  n_docs = count_records (source);
  g_printerr ("pushing %u documents...\n", n_docs);
  {
    g_autoptr(KamSync) sync = kam_sync_new (source, url, "team", &error);

    start = g_get_monotonic_time ();
    if (!kam_sync_run (sync, NULL, &stats, &error))
      g_error ("%s", error->message);
    push_ms = (g_get_monotonic_time () - start) / 1000.0;
  }
  g_clear_object (&source);
  remove_store (source_path);

  for (int r = 0; r < rounds; r++)
    {
      g_autofree char *path = g_build_filename (dir, "pull.db", NULL);
      double ms;
      guint docs = 0;

      {
        g_autoptr(KamStore) store = kam_store_open (path, &error);
        g_autoptr(KamSync) sync = NULL;

        g_assert_no_error (error);
        sync = kam_sync_new (store, url, "team", &error);
        stats = (KamSyncStats) { 0 };
        start = g_get_monotonic_time ();
        if (!kam_sync_run (sync, NULL, &stats, &error))
          g_error ("%s", error->message);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        if (stats.pulled != n_docs || count_records (store) != n_docs)
          g_error ("pulled %u of %u", stats.pulled, n_docs);
      }
      remove_store (path);
      g_array_append_val (ours, ms);
      g_printerr ("round %d: Key Accounts %.0f ms", r + 1, ms);

      if (!pouchdb_pull (node_path, db_url, &ms, &docs, &error))
        g_error ("%s", error->message);
      if (docs != n_docs)
        g_error ("PouchDB wrote %u of %u", docs, n_docs);
      g_array_append_val (theirs, ms);
      g_printerr (", PouchDB %.0f ms\n", ms);
    }

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  {
    g_autofree char *config = g_build_filename (dir, "config.json", NULL);
    g_autofree char *log = g_build_filename (dir, "log.txt", NULL);

    g_remove (config);
    g_remove (log);
    g_rmdir (dir);
  }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "documents");
  json_builder_add_int_value (b, n_docs);
  json_builder_set_member_name (b, "rounds");
  json_builder_add_int_value (b, rounds);
  json_builder_set_member_name (b, "initial_push_ms");
  json_builder_add_double_value (b, round (push_ms));
  json_builder_set_member_name (b, "initial_pull_ms");
  json_builder_add_double_value (b, round (kam_median (ours)));
  json_builder_set_member_name (b, "pouchdb_initial_pull_ms");
  json_builder_add_double_value (b, round (kam_median (theirs)));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
  return 0;
}
