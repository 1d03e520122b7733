/* test-gui-sync.c — the sync in the window: indicator, toast, preferences
 * page and the Conflicts window, against a live pouchdb-server
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb like test-gui; starts $KAM_POUCHDB_SERVER --in-memory on
 * 127.0.0.1.  With KAM_SCREENSHOT_DIR set, it saves PNGs of what it shows.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "kam-gui-test.h"
#include "kam-conflicts-window.h"
#include "kam-generate.h"
#include "kam-model.h"
#include "kam-preferences-window.h"
#include "kam-store-sync.h"
#include "kam-sync-controller.h"
#include "kam-sync-indicator.h"
#include "kam-sync-page.h"
#include "kam-sync.h"
#include "kam-window.h"

/* The server goes when the test does, even when it aborts. */
static void
server_child_setup (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static char *server_url;

static guint
http (const char *method,
      const char *uri)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = soup_session_send_and_read (session, msg, NULL, NULL);

  return bytes ? soup_message_get_status (msg) : 0;
}

static GSubprocess *
start_server (const char *dir)
{
  const char *program = g_getenv ("KAM_POUCHDB_SERVER");
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  GSubprocess *process;

  if (program == NULL || !g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("KAM_POUCHDB_SERVER is not set to the pouchdb-server program: run build-aux/setup-pouchdb\n");
      return NULL;
    }
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_clear_object (&socket);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_set_child_setup (launcher, server_child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--in-memory",
                                         "--host", "127.0.0.1", "--port", port, NULL);
  g_assert_no_error (error);
  server_url = g_strdup_printf ("http://127.0.0.1:%s", port);
  for (guint i = 0; i < 300 && http ("GET", server_url) != 200; i++)
    g_usleep (100000);
  return process;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

static void
sync_store (KamStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamSync) sync = kam_sync_new (store, server_url, "team", &error);

  g_assert_no_error (error);
  g_assert_true (kam_sync_run (sync, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
records_arrived_cb (KamSyncController *controller,
                    guint              n,
                    guint             *arrived)
{
  *arrived += n;
}

/* Waits for the sync that runs to end. */
static void
wait_for_sync (KamSyncController *controller)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  kam_test_wait_ms (50);
  while (kam_sync_controller_get_state (controller) == KAM_SYNC_STATE_SYNCING
         && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_cmpint (kam_sync_controller_get_state (controller), ==, KAM_SYNC_STATE_IDLE);
}

static void
set_name (KamStore   *store,
          const char *id,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) record = kam_store_load (store, &kam_account_kind, id, &error);

  g_assert_no_error (error);
  g_assert_true (kam_record_set_from_string (record, "name", name, &error));
  g_assert_true (kam_store_save (store, record, &error));
  g_assert_no_error (error);
}

static void
test_window_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kam-gui-sync-XXXXXX", &error);
  g_autofree char *team_path = g_build_filename (dir, "team.db", NULL);
  g_autofree char *gui_path = g_build_filename (dir, "gui.db", NULL);
  g_autofree char *db_uri = g_strdup_printf ("%s/team", server_url);
  g_autoptr(KamStore) team = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(KamContext) context = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *id = NULL;
  KamSyncController *controller;
  KamWindow *window;
  KamConflictsWindow *conflicts;
  KamPreferencesWindow *prefs;
  GtkWidget *indicator, *button, *row;
  KamGenerateOptions options;
  guint arrived = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (http ("PUT", db_uri), ==, 201);

  /* The team's data on the server. */
  team = kam_store_open (team_path, &error);
  g_assert_no_error (error);
  kam_generate_options_init (&options);
  options.n_accounts = 3;
  options.seed = 7;
  g_assert_true (kam_generate (team, &options, NULL, NULL, &error));
  sync_store (team);

  /* A window on a database that knows the server: it syncs at once. */
  store = kam_store_open (gui_path, &error);
  g_assert_no_error (error);
  g_assert_true (kam_store_set_setting (store, "sync-server", server_url, &error));
  g_assert_true (kam_store_set_setting (store, "sync-database", "team", &error));
  g_assert_true (kam_store_set_setting (store, "welcome-done", "1", &error));
  settings = g_settings_new (APP_ID);
  context = kam_context_new (store, settings);
  controller = kam_sync_controller_get_for_context (context);
  g_signal_connect (controller, "records-arrived", G_CALLBACK (records_arrived_cb), &arrived);
  window = kam_window_new (NULL, context, NULL);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpint (kam_sync_controller_get_state (controller), ==, KAM_SYNC_STATE_SYNCING);
  wait_for_sync (controller);
  g_assert_cmpuint (arrived, >, 0);
  g_assert_cmpuint (kam_store_count (store, &kam_account_kind), ==, 3);
  indicator = kam_test_find_descendant (GTK_WIDGET (window), KAM_TYPE_SYNC_INDICATOR, NULL);
  g_assert_nonnull (indicator);
  g_assert_true (gtk_widget_get_visible (indicator));
  kam_test_screenshot (GTK_WIDGET (window), "sync-window-1280x800.png");

  /* The same field changed on both sides: a conflict to resolve. */
  accounts = kam_store_load_all (team, &kam_account_kind, NULL);
  id = g_strdup (kam_record_get_id (g_ptr_array_index (accounts, 0)));
  set_name (team, id, "Name from the team");
  sync_store (team);
  set_name (store, id, "Name from here");
  kam_sync_controller_sync_now (controller);
  wait_for_sync (controller);
  g_assert_cmpuint (kam_sync_controller_get_n_conflicts (controller), ==, 1);

  conflicts = kam_conflicts_window_new (controller);
  g_object_ref_sink (conflicts);
  gtk_window_set_transient_for (GTK_WINDOW (conflicts), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (conflicts));
  g_assert_cmpuint (kam_conflicts_window_get_n_fields (conflicts), ==, 1);
  kam_test_screenshot (GTK_WIDGET (conflicts), "sync-conflicts.png");
  button = kam_test_find_descendant (GTK_WIDGET (conflicts), GTK_TYPE_BUTTON, "keep-mine");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (kam_conflicts_window_get_n_fields (conflicts), ==, 0);
  g_assert_cmpuint (kam_sync_controller_get_n_conflicts (controller), ==, 0);
  {
    g_autoptr(KamRecord) record = kam_store_load (store, &kam_account_kind, id, NULL);

    g_assert_cmpstr (kam_record_get_string (record, "name"), ==, "Name from here");
  }
  gtk_window_destroy (GTK_WINDOW (conflicts));
  g_assert_finalize_object (conflicts);

  /* The choice goes to the server at the next sync. */
  kam_sync_controller_sync_now (controller);
  wait_for_sync (controller);
  sync_store (team);
  {
    g_autoptr(KamRecord) record = kam_store_load (team, &kam_account_kind, id, NULL);

    g_assert_cmpstr (kam_record_get_string (record, "name"), ==, "Name from here");
  }

  /* The Sync page of the preferences shows the server. */
  prefs = kam_preferences_window_new (context);
  g_object_ref_sink (prefs);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "sync");
  row = kam_test_find_descendant (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "server");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, server_url);
  kam_test_screenshot (GTK_WIDGET (prefs), "sync-preferences.png");
  /* An insecure server cannot be saved. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://couch.example.com");
  g_assert_false (gtk_widget_get_sensitive (kam_test_find_descendant (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "save")));
  gtk_editable_set_text (GTK_EDITABLE (row), "https://couch.example.com");
  g_assert_true (gtk_widget_get_sensitive (kam_test_find_descendant (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "save")));
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);

  gtk_window_destroy (GTK_WINDOW (window));
  kam_test_wait_ms (50);
  g_assert_finalize_object (window);
  g_clear_object (&context);
  g_clear_object (&settings);
  g_clear_object (&store);
  g_clear_object (&team);
  remove_dir (dir);
  http ("DELETE", db_uri);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GSubprocess) server = NULL;
  int status;

  kam_test_init (&argc, &argv);

  dir = g_dir_make_tmp ("kam-pouchdb-XXXXXX", &error);
  g_assert_no_error (error);
  server = start_server (dir);
  if (server == NULL)
    return 1;

  g_test_add_func ("/kam/gui/sync/window", test_window_sync);
  status = g_test_run ();

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  remove_dir (dir);
  g_free (server_url);
  return status;
}
