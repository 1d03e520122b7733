/* test-sync.c — sync with a live pouchdb-server, and faults through a proxy
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture starts $KAM_POUCHDB_SERVER (build-aux/setup-pouchdb installs
 * it) --in-memory on 127.0.0.1 at a free port once for the program, makes a
 * fresh database per test and stops the server at the end.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <string.h>

#include "kam-backup.h"
#include "kam-generate.h"
#include "kam-model.h"
#include "kam-credentials.h"
#include "kam-server-setup.h"
#include "kam-store-sync.h"
#include "kam-sync.h"

/* The server goes when the test does, even when it aborts. */
static void
server_child_setup (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static GSubprocess *server_process;
static char        *server_url;
static char        *server_dir;
static guint        db_counter;
static guint        sync_timeout_s = 10;

/* HTTP with the sync API, for set-up only. */
static guint
http (const char *method,
      const char *uri,
      char      **body_out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;

  bytes = soup_session_send_and_read (session, msg, NULL, NULL);
  if (body_out != NULL)
    *body_out = bytes ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : NULL;
  return bytes ? soup_message_get_status (msg) : 0;
}

/* @method @uri as @user (may be NULL) with a JSON @body (may be NULL);
 * the answer parsed. */
static JsonNode *
http_as (const char *user,
         const char *password,
         const char *method,
         const char *uri,
         const char *body,
         guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonNode *node;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (user != NULL)
    {
      g_autofree char *pair = g_strconcat (user, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *auth = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  node = json_from_string (*text ? text : "null", &error);
  g_assert_no_error (error);
  return node;
}

static JsonNode *
http_json (const char *method,
           const char *uri,
           const char *body,
           guint      *status)
{
  return http_as (NULL, NULL, method, uri, body, status);
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

/* Starts pouchdb-server --in-memory in @dir; its URL in @url. */
static GSubprocess *
spawn_server (const char  *dir,
              char       **url)
{
  const char *program = g_getenv ("KAM_POUCHDB_SERVER");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;

  if (program == NULL || !g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("KAM_POUCHDB_SERVER is not set to the pouchdb-server program (%s): "
                  "run build-aux/setup-pouchdb, or build-aux/test\n", program ? program : "unset");
      return NULL;
    }

  port = g_strdup_printf ("%u", free_port ());
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, dir);  /* it writes config.json and log.txt */
  g_subprocess_launcher_set_child_setup (launcher, server_child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--in-memory",
                                         "--host", "127.0.0.1", "--port", port, NULL);
  g_assert_no_error (error);
  *url = g_strdup_printf ("http://127.0.0.1:%s", port);

  for (guint i = 0; i < 300; i++)
    {
      if (http ("GET", *url, NULL) == 200)
        return g_steal_pointer (&process);
      g_usleep (100000);
    }
  g_printerr ("pouchdb-server does not answer on %s\n", *url);
  return NULL;
}

static void
kill_server (GSubprocess *process,
             const char  *dir)
{
  g_autofree char *config = g_build_filename (dir, "config.json", NULL);
  g_autofree char *log = g_build_filename (dir, "log.txt", NULL);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_remove (config);
  g_remove (log);
  g_rmdir (dir);
}

static gboolean
start_server (void)
{
  g_autoptr(GError) error = NULL;

  server_dir = g_dir_make_tmp ("kam-pouchdb-XXXXXX", &error);
  g_assert_no_error (error);
  server_process = spawn_server (server_dir, &server_url);
  return server_process != NULL;
}

static void
stop_server (void)
{
  if (server_process != NULL)
    kill_server (server_process, server_dir);
  g_clear_object (&server_process);
  g_clear_pointer (&server_dir, g_free);
  g_clear_pointer (&server_url, g_free);
}

/* Fixture ----------------------------------------------------------------- */

typedef struct {
  char     *dir;
  char     *database;
  KamStore *a;
  KamStore *b;
} Fixture;

static KamStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  KamStore *store = kam_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  f->dir = g_dir_make_tmp ("kam-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->database = g_strdup_printf ("team-%u", ++db_counter);
  uri = g_strdup_printf ("%s/%s", server_url, f->database);
  g_assert_cmpuint (http ("PUT", uri, NULL), ==, 201);
  f->a = open_store (f, "a.db");
  f->b = open_store (f, "b.db");
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
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *uri = g_strdup_printf ("%s/%s", server_url, f->database);

  http ("DELETE", uri, NULL);
  g_assert_finalize_object (f->a);
  g_assert_finalize_object (f->b);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->database);
}

static gboolean
sync_via (KamStore     *store,
          const char   *url,
          const char   *database,
          KamSyncStats *stats,
          GError      **error)
{
  g_autoptr(KamSync) sync = kam_sync_new (store, url, database, error);

  g_assert_nonnull (sync);
  kam_sync_set_retry (sync, 2, 5, sync_timeout_s);
  return kam_sync_run (sync, NULL, stats, error);
}

static KamSyncStats
sync_ok (Fixture  *f,
         KamStore *store)
{
  g_autoptr(GError) error = NULL;
  KamSyncStats stats = { 0 };

  g_assert_true (sync_via (store, server_url, f->database, &stats, &error));
  g_assert_no_error (error);
  return stats;
}

static char *
export (Fixture    *f,
        KamStore   *store,
        const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (kam_backup_export (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
assert_same (Fixture *f)
{
  g_autofree char *a = export (f, f->a, "a.json");
  g_autofree char *b = export (f, f->b, "b.json");

  g_assert_cmpstr (a, ==, b);
}

static void
generate (KamStore *store,
          guint     n_accounts)
{
  KamGenerateOptions opts;
  g_autoptr(GError) error = NULL;

  kam_generate_options_init (&opts);
  opts.n_accounts = n_accounts;
  g_date_set_dmy (&opts.today, 1, 6, 2025);
  g_assert_true (kam_generate (store, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
first_id (KamStore            *store,
          const KamRecordKind *kind)
{
  g_autoptr(GPtrArray) all = kam_store_load_all (store, kind, NULL);

  g_assert_nonnull (all);
  g_assert_cmpuint (all->len, >, 0);
  return g_strdup (kam_record_get_id (g_ptr_array_index (all, 0)));
}

static void
set_field (KamStore   *store,
           const char *id,
           const char *field,
           const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) record = kam_store_load (store, NULL, id, &error);

  g_assert_no_error (error);
  g_assert_true (kam_record_set_from_string (record, field, value, &error));
  g_assert_true (kam_store_save (store, record, &error));
  g_assert_no_error (error);
}

static char *
get_field (KamStore   *store,
           const char *id,
           const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) record = kam_store_load (store, NULL, id, &error);

  g_assert_no_error (error);
  return kam_record_dup_string (record, field);
}

/* Tests ------------------------------------------------------------------- */

static void
test_two_stores (Fixture       *f,
                 gconstpointer  data)
{
  KamSyncStats stats;

  generate (f->a, 5);
  stats = sync_ok (f, f->a);
  g_assert_cmpuint (stats.pushed, >, 0);
  g_assert_cmpuint (stats.pulled, ==, 0);

  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.pulled, >, 0);
  g_assert_cmpuint (stats.pushed, ==, 0);
  assert_same (f);

  /* Pulled records are not pushed back; a second sync has nothing to do. */
  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.pulled, ==, 0);
  g_assert_cmpuint (stats.pushed, ==, 0);
  {
    g_autoptr(GPtrArray) dirty = kam_store_sync_list_dirty (f->b, NULL);

    g_assert_cmpuint (dirty->len, ==, 0);
  }
}

static void
test_offline_edits (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(JsonObject) conflict = NULL;
  JsonObject *fields;
  KamSyncStats stats;

  generate (f->a, 2);
  sync_ok (f, f->a);
  sync_ok (f, f->b);
  id = first_id (f->a, &kam_account_kind);
  doc_id = kam_sync_doc_id (&kam_account_kind, id);

  /* Offline on both sides: different fields, the same field to the same
   * value, the same field to different values. */
  set_field (f->a, id, "industry", "Aerospace");
  set_field (f->a, id, "strategy", "Grow together");
  set_field (f->a, id, "name", "Name from A");
  set_field (f->b, id, "region", "Nordics");
  set_field (f->b, id, "strategy", "Grow together");
  set_field (f->b, id, "name", "Name from B");

  sync_ok (f, f->a);
  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.merged, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  sync_ok (f, f->a);
  assert_same (f);

  for (guint i = 0; i < 2; i++)
    {
      KamStore *store = i == 0 ? f->a : f->b;
      g_autofree char *industry = get_field (store, id, "industry");
      g_autofree char *region = get_field (store, id, "region");
      g_autofree char *strategy = get_field (store, id, "strategy");

      g_assert_cmpstr (industry, ==, "Aerospace");
      g_assert_cmpstr (region, ==, "Nordics");
      g_assert_cmpstr (strategy, ==, "Grow together");
    }

  /* The server's value stays, B's own is kept in the conflict record. */
  name = get_field (f->b, id, "name");
  g_assert_cmpstr (name, ==, "Name from A");
  conflict = kam_store_sync_get_conflict (f->b, doc_id);
  g_assert_nonnull (conflict);
  fields = json_object_get_object_member (conflict, "fields");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fields, "name"), "mine"),
                   ==, "Name from B");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fields, "name"), "theirs"),
                   ==, "Name from A");
  g_assert_false (json_object_has_member (fields, "industry"));
}

static void
test_delete_vs_edit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *doc_id = NULL;
  g_autoptr(JsonObject) conflict = NULL;
  g_autofree char *title = NULL;

  generate (f->a, 2);
  sync_ok (f, f->a);
  sync_ok (f, f->b);
  contacts = kam_store_load_all (f->a, &kam_contact_kind, NULL);
  first = g_strdup (kam_record_get_id (g_ptr_array_index (contacts, 0)));
  second = g_strdup (kam_record_get_id (g_ptr_array_index (contacts, 1)));

  /* The deletion reaches the server first: the edit pulls it, keeps itself
   * and goes back up. */
  g_assert_true (kam_store_delete (f->a, first, &error));
  set_field (f->b, first, "title", "Chief Buyer");
  /* The edit reaches the server first: the deletion gets a conflict. */
  set_field (f->a, second, "title", "Head of Sales");
  g_assert_true (kam_store_delete (f->b, second, &error));
  g_assert_no_error (error);

  sync_ok (f, f->a);
  sync_ok (f, f->b);
  sync_ok (f, f->a);
  assert_same (f);

  title = get_field (f->a, first, "title");
  g_assert_cmpstr (title, ==, "Chief Buyer");
  g_clear_pointer (&title, g_free);
  title = get_field (f->b, second, "title");
  g_assert_cmpstr (title, ==, "Head of Sales");

  doc_id = kam_sync_doc_id (&kam_contact_kind, first);
  conflict = kam_store_sync_get_conflict (f->b, doc_id);
  g_assert_nonnull (conflict);
  g_clear_pointer (&doc_id, g_free);
  g_clear_pointer (&conflict, json_object_unref);
  doc_id = kam_sync_doc_id (&kam_contact_kind, second);
  conflict = kam_store_sync_get_conflict (f->b, doc_id);
  g_assert_nonnull (conflict);
}

static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  KamSyncStats pushed, pulled;
  guint n_records = 0;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  generate (f->a, GPOINTER_TO_UINT (data));
  for (guint k = 0; k < n_kinds; k++)
    n_records += kam_store_count (f->a, kinds[k]);
  g_assert_cmpuint (n_records, >=, 10000);

  pushed = sync_ok (f, f->a);
  g_assert_cmpuint (pushed.pushed, ==, n_records);
  pulled = sync_ok (f, f->b);
  g_assert_cmpuint (pulled.pulled, ==, n_records);
  g_assert_cmpuint (pulled.pending, ==, 0);
  assert_same (f);
  g_test_message ("%u records pushed and pulled", n_records);
}

/* Two branches of one document made on the server directly, as another
 * replicator leaves them: merged field by field, the loser deleted. */
static void
test_server_conflicts (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *doc_id = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *bulk_uri = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonObject) conflict = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) bulk = NULL;
  g_autofree char *bulk_text = NULL;
  const char *branches[][4] = {
    /* hash, field, value, name */
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "industry", "Branch One industry", "Name One" },
    { "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "region", "Branch Two region", "Name Two" },
  };
  JsonObject *doc, *fields;
  const char *rev;
  gint64 pos;
  guint status;
  KamSyncStats stats;

  generate (f->a, 2);
  sync_ok (f, f->a);
  id = first_id (f->a, &kam_account_kind);
  doc_id = kam_sync_doc_id (&kam_account_kind, id);
  {
    g_autofree char *escaped = g_uri_escape_string (doc_id, NULL, FALSE);

    uri = g_strdup_printf ("%s/%s/%s", server_url, f->database, escaped);
  }
  bulk_uri = g_strdup_printf ("%s/%s/_bulk_docs", server_url, f->database);
  current = http_json ("GET", uri, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  doc = json_node_get_object (current);
  rev = json_object_get_string_member (doc, "_rev");
  pos = g_ascii_strtoll (rev, NULL, 10);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "new_edits");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "docs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (branches); i++)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;
      g_autofree char *branch_rev = g_strdup_printf ("%" G_GINT64_FORMAT "-%s", pos + 1, branches[i][0]);

      json_builder_begin_object (builder);
      json_object_iter_init (&iter, doc);
      while (json_object_iter_next (&iter, &member, &value))
        if (!g_str_equal (member, "_rev") && !g_str_equal (member, branches[i][1]) && !g_str_equal (member, "name"))
          {
            json_builder_set_member_name (builder, member);
            json_builder_add_value (builder, json_node_copy (value));
          }
      json_builder_set_member_name (builder, branches[i][1]);
      json_builder_add_string_value (builder, branches[i][2]);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, branches[i][3]);
      json_builder_set_member_name (builder, "_rev");
      json_builder_add_string_value (builder, branch_rev);
      json_builder_set_member_name (builder, "_revisions");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, pos + 1);
      json_builder_set_member_name (builder, "ids");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, branches[i][0]);
      json_builder_add_string_value (builder, strchr (rev, '-') + 1);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  bulk = json_builder_get_root (builder);
  bulk_text = json_to_string (bulk, FALSE);
  {
    g_autoptr(JsonNode) answer = http_json ("POST", bulk_uri, bulk_text, &status);

    g_assert_cmpuint (status, ==, 201);
  }
  {
    g_autofree char *conflicts_uri = g_strconcat (uri, "?conflicts=true", NULL);
    g_autoptr(JsonNode) check = http_json ("GET", conflicts_uri, NULL, &status);

    g_assert_true (json_object_has_member (json_node_get_object (check), "_conflicts"));
  }

  /* B pulls the winner with its _conflicts and resolves them. */
  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.resolved, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  {
    g_autofree char *conflicts_uri = g_strconcat (uri, "?conflicts=true", NULL);

    after = http_json ("GET", conflicts_uri, NULL, &status);
  }
  g_assert_cmpuint (status, ==, 200);
  doc = json_node_get_object (after);
  g_assert_false (json_object_has_member (doc, "_conflicts"));
  g_assert_cmpstr (json_object_get_string_member (doc, "industry"), ==, "Branch One industry");
  g_assert_cmpstr (json_object_get_string_member (doc, "region"), ==, "Branch Two region");
  /* Both branches changed the name: the winner's stays on the server. */
  g_assert_cmpstr (json_object_get_string_member (doc, "name"), ==, "Name Two");

  conflict = kam_store_sync_get_conflict (f->b, doc_id);
  g_assert_nonnull (conflict);
  fields = json_object_get_object_member (conflict, "fields");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fields, "name"), "mine"),
                   ==, "Name One");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fields, "name"), "theirs"),
                   ==, "Name Two");
  g_assert_cmpuint (json_object_get_size (fields), ==, 1);

  /* Nothing left to resolve, and A gets the merge. */
  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.resolved, ==, 0);
  g_assert_cmpuint (stats.pushed, ==, 0);
  sync_ok (f, f->a);
  for (guint i = 0; i < 2; i++)
    {
      KamStore *store = i == 0 ? f->a : f->b;
      g_autofree char *industry = get_field (store, id, "industry");
      g_autofree char *region = get_field (store, id, "region");

      g_assert_cmpstr (industry, ==, "Branch One industry");
      g_assert_cmpstr (region, ==, "Branch Two region");
    }
  assert_same (f);
}

/* Runs `kam sync` on @store's file and kills it (SIGKILL) once it printed
 * @phase ("pulled"/"pushed") with a count of at least @after. */
static void
kill_sync_halfway (Fixture    *f,
                   KamStore   *store,
                   const char *phase,
                   guint       after)
{
  const char *kam = g_getenv ("KAM_EXE");
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gboolean killed = FALSE;

  g_assert_nonnull (kam);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            kam, "sync", "--db", kam_store_get_path (store),
                            "--server", server_url, "--database", f->database, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, phase) && g_ascii_strtoull (line + strlen (phase) + 1, NULL, 10) >= after)
        {
          /* A little later: the next request is likely in flight, its
           * answer lost. */
          g_usleep (30000);
          g_subprocess_send_signal (child, SIGKILL);
          killed = TRUE;
          break;
        }
      g_clear_pointer (&line, g_free);
    }
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (killed);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
}

static guint
server_doc_count (Fixture *f)
{
  g_autofree char *uri = g_strdup_printf ("%s/%s", server_url, f->database);
  g_autoptr(JsonNode) info = http_json ("GET", uri, NULL, NULL);

  return (guint) json_object_get_int_member (json_node_get_object (info), "doc_count");
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

/* `kam sync` killed halfway through its push, then its pull: the next sync
 * completes, with every record once on both sides. */
static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  guint n_records;
  KamSyncStats stats;

  generate (f->a, 300);
  n_records = count_records (f->a);
  g_assert_cmpuint (n_records, >=, 10000);

  kill_sync_halfway (f, f->a, "pushed", 600);
  g_assert_cmpuint (server_doc_count (f), >=, 600);
  g_assert_cmpuint (server_doc_count (f), <, n_records);
  g_test_message ("push killed with %u of %u documents on the server", server_doc_count (f), n_records);

  /* Resumed: what was acknowledged is not sent again, the rest is. */
  stats = sync_ok (f, f->a);
  g_assert_cmpuint (stats.pushed, <, n_records);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (server_doc_count (f), ==, n_records);
  {
    g_autoptr(GPtrArray) dirty = kam_store_sync_list_dirty (f->a, NULL);

    g_assert_cmpuint (dirty->len, ==, 0);
  }

  kill_sync_halfway (f, f->b, "pulled", 1000);
  g_assert_cmpuint (count_records (f->b), >=, 1000);
  g_assert_cmpuint (count_records (f->b), <, n_records);
  g_test_message ("pull killed with %u of %u records here", count_records (f->b), n_records);

  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.pushed, ==, 0);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (stats.pending, ==, 0);
  g_assert_cmpuint (count_records (f->b), ==, n_records);
  g_assert_cmpuint (server_doc_count (f), ==, n_records);
  assert_same (f);

  /* Nothing is left over on either side. */
  stats = sync_ok (f, f->a);
  g_assert_cmpuint (stats.pushed, ==, 0);
  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.pushed, ==, 0);
  g_assert_cmpuint (stats.pulled, ==, 0);
}

/* Runs kam with @args (NULL-terminated) on @store; its stdout in @out. */
static int
run_kam (KamStore    *store,
         char       **out,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("KAM_EXE"));
  g_assert_nonnull (g_ptr_array_index (args, 0));
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) kam_store_get_path (store));
  g_ptr_array_add (args, NULL);

  child = g_subprocess_newv ((const char * const *) args->pdata,
                             G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, out, NULL, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (child);
}

/* kam conflicts lists both values; kam resolve picks mine, theirs or a
 * value, and the next sync pushes the choice. */
static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *entry, *fields;
  KamSyncStats stats;

  generate (f->a, 2);
  sync_ok (f, f->a);
  sync_ok (f, f->b);
  id = first_id (f->a, &kam_account_kind);

  set_field (f->a, id, "name", "Name from A");
  set_field (f->a, id, "industry", "Industry from A");
  set_field (f->a, id, "region", "Region from A");
  set_field (f->b, id, "name", "Name from B");
  set_field (f->b, id, "industry", "Industry from B");
  set_field (f->b, id, "region", "Region from B");
  sync_ok (f, f->a);
  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.conflicts, ==, 3);

  g_assert_cmpint (run_kam (f->b, &out, "conflicts", "--format", "json", NULL), ==, 0);
  list = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  entry = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (entry, "type"), ==, "account");
  fields = json_object_get_object_member (entry, "fields");
  g_assert_cmpuint (json_object_get_size (fields), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fields, "name"), "mine"),
                   ==, "Name from B");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fields, "name"), "theirs"),
                   ==, "Name from A");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_kam (f->b, &out, "conflicts", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "name: mine \"Name from B\", theirs \"Name from A\""));
  g_clear_pointer (&out, g_free);

  /* Mine, theirs, a value; wrong ids and fields fail. */
  g_assert_cmpint (run_kam (f->b, NULL, "resolve", id, "name", "mine", NULL), ==, 0);
  g_assert_cmpint (run_kam (f->b, NULL, "resolve", id, "region", "theirs", NULL), ==, 0);
  g_assert_cmpint (run_kam (f->b, NULL, "resolve", id, "industry", "Space", NULL), ==, 0);
  g_assert_cmpint (run_kam (f->b, NULL, "resolve", id, "industry", "mine", NULL), ==, 1);
  g_assert_cmpint (run_kam (f->b, NULL, "resolve", "no-such-id", "name", "mine", NULL), ==, 1);
  g_assert_cmpint (run_kam (f->b, NULL, "resolve", id, "name", NULL), ==, 2);
  g_assert_cmpint (run_kam (f->b, &out, "conflicts", "--format", "json", NULL), ==, 0);
  g_clear_pointer (&list, json_node_unref);
  list = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);
  {
    g_autofree char *doc_id = kam_sync_doc_id (&kam_account_kind, id);
    g_autoptr(JsonObject) conflict = kam_store_sync_get_conflict (f->b, doc_id);

    g_assert_null (conflict);
  }

  stats = sync_ok (f, f->b);
  g_assert_cmpuint (stats.pushed, ==, 1);
  sync_ok (f, f->a);
  for (guint i = 0; i < 2; i++)
    {
      KamStore *store = i == 0 ? f->a : f->b;
      g_autofree char *name = get_field (store, id, "name");
      g_autofree char *region = get_field (store, id, "region");
      g_autofree char *industry = get_field (store, id, "industry");

      g_assert_cmpstr (name, ==, "Name from B");
      g_assert_cmpstr (region, ==, "Region from A");
      g_assert_cmpstr (industry, ==, "Space");
    }
  assert_same (f);
}

/* A pouchdb-server out of "admin party": admin/secret, and users. */
typedef struct {
  char        *dir;
  char        *url;
  GSubprocess *process;
} SecuredServer;

static void
secured_add_user (SecuredServer *server,
                  const char    *name,
                  const char    *password,
                  const char    *roles)
{
  g_autofree char *uri = g_strdup_printf ("%s/_users/org.couchdb.user:%s", server->url, name);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"password\": \"%s\", \"roles\": %s, \"type\": \"user\"}",
                                           name, password, roles);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = http_as ("admin", "secret", "PUT", uri, body, &status);
  g_assert_cmpuint (status, ==, 201);
}

static void
secured_start (SecuredServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  server->dir = g_dir_make_tmp ("kam-pouchdb-XXXXXX", &error);
  g_assert_no_error (error);
  server->process = spawn_server (server->dir, &server->url);
  g_assert_nonnull (server->process);
  uri = g_strdup_printf ("%s/_config/admins/admin", server->url);
  answer = http_json ("PUT", uri, "\"secret\"", &status);
  g_assert_cmpuint (status, ==, 200);
  secured_add_user (server, "alice", "alice-pw", "[]");
  secured_add_user (server, "bob", "bob-pw", "[]");
  secured_add_user (server, "carol", "carol-pw", "[\"key-accounts\"]");
}

static void
secured_stop (SecuredServer *server)
{
  kill_server (server->process, server->dir);
  g_clear_object (&server->process);
  g_free (server->dir);
  g_free (server->url);
}

/* kam server-setup as the admin, with $KAM_PASSWORD; its exit status. */
static int
run_server_setup (SecuredServer *server,
                  const char    *password)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "KAM_PASSWORD", password, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KAM_EXE"), "server-setup",
                                       "--server", server->url, "--database", "team",
                                       "--user", "admin", "--member", "alice", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  return g_subprocess_get_exit_status (child);
}

static guint
put_as (SecuredServer *server,
        const char    *user,
        const char    *doc_id,
        const char    *body)
{
  g_autofree char *password = g_strconcat (user, "-pw", NULL);
  g_autofree char *uri = g_strdup_printf ("%s/team/%s", server->url, doc_id);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = http_as (user, password, "PUT", uri, body, &status);
  return status;
}

/* kam server-setup makes the database, its design document and members;
 * members sync, others do not, malformed documents are refused. */
static void
test_server_setup (Fixture       *f,
                   gconstpointer  data)
{
  SecuredServer server = { 0 };
  g_autofree char *uri = NULL;
  g_autoptr(JsonNode) security = NULL;
  g_autoptr(JsonNode) design = NULL;
  g_autoptr(JsonObject) expected = kam_server_design_document ();
  g_autoptr(GError) error = NULL;
  JsonObject *members;
  guint status;

  secured_start (&server);

  g_assert_cmpint (run_server_setup (&server, "wrong"), ==, 1);
  g_assert_cmpint (run_server_setup (&server, "secret"), ==, 0);
  /* Again: the design document is updated over itself. */
  g_assert_cmpint (run_server_setup (&server, "secret"), ==, 0);

  uri = g_strdup_printf ("%s/team/_security", server.url);
  security = http_as ("admin", "secret", "GET", uri, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  members = json_object_get_object_member (json_node_get_object (security), "members");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (members, "names")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (members, "names"), 0), ==, "alice");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (members, "roles"), 0), ==, "key-accounts");
  g_clear_pointer (&uri, g_free);
  uri = g_strdup_printf ("%s/team/_design/key-accounts", server.url);
  design = http_as ("admin", "secret", "GET", uri, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (design), "validate_doc_update"),
                   ==, json_object_get_string_member (expected, "validate_doc_update"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (design), "_rev"), "2-"));

  /* A member syncs; another user is refused. */
  generate (f->a, 2);
  {
    g_autoptr(KamSync) sync = kam_sync_new (f->a, server.url, "team", &error);
    KamSyncStats stats = { 0 };

    g_assert_no_error (error);
    kam_sync_set_retry (sync, 2, 5, 10);
    kam_sync_set_credentials (sync, "alice", "alice-pw");
    g_assert_true (kam_sync_run (sync, NULL, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.pushed, >, 0);
  }
  {
    g_autoptr(KamSync) sync = kam_sync_new (f->b, server.url, "team", &error);
    KamSyncStats stats = { 0 };

    kam_sync_set_retry (sync, 2, 5, 10);
    kam_sync_set_credentials (sync, "bob", "bob-pw");
    g_assert_false (kam_sync_run (sync, NULL, &stats, &error));
    g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH);
    g_assert_cmpuint (stats.pulled, ==, 0);
    g_clear_error (&error);
  }

  /* The design document: known types, matching _id, required fields. */
  g_assert_cmpuint (put_as (&server, "alice", "account:1", "{\"type\": \"account\", \"name\": \"Acme\"}"), ==, 201);
  g_assert_cmpuint (put_as (&server, "carol", "account:2", "{\"type\": \"account\", \"name\": \"Acme\"}"), ==, 201);
  g_assert_cmpuint (put_as (&server, "bob", "account:3", "{\"type\": \"account\", \"name\": \"Acme\"}"), >=, 401);
  g_assert_cmpuint (put_as (&server, "alice", "account:4", "{\"name\": \"Acme\"}"), ==, 403);
  g_assert_cmpuint (put_as (&server, "alice", "note:5", "{\"type\": \"note\", \"name\": \"x\"}"), ==, 403);
  g_assert_cmpuint (put_as (&server, "alice", "contact:6", "{\"type\": \"account\", \"name\": \"x\"}"), ==, 403);
  g_assert_cmpuint (put_as (&server, "alice", "account:7", "{\"type\": \"account\", \"name\": \"  \"}"), ==, 403);
  g_assert_cmpuint (put_as (&server, "alice", "contact:8", "{\"type\": \"contact\", \"name\": \"Li\"}"), ==, 403);
  g_assert_cmpuint (put_as (&server, "alice", "visit:9",
                            "{\"type\": \"visit\", \"account_id\": \"1\", \"start_at\": \"tomorrow\", "
                            "\"end_at\": \"2026-11-24T10:00:00Z\"}"), ==, 403);
  g_assert_cmpuint (put_as (&server, "alice", "visit:10",
                            "{\"type\": \"visit\", \"account_id\": \"1\", \"start_at\": \"2026-11-24T09:00:00Z\", "
                            "\"end_at\": \"2026-11-24T10:00:00Z\"}"), ==, 201);
  g_assert_cmpuint (put_as (&server, "alice", "account:11",
                            "{\"type\": \"account\", \"name\": \"Acme\", \"currency\": 5}"), ==, 403);
  g_assert_cmpuint (put_as (&server, "alice", "_design/mine", "{\"views\": {}}"), >=, 401);

  secured_stop (&server);
}

/* A proxy that injects faults ---------------------------------------------- */

typedef enum {
  FAULT_500,          /* 500 Internal Server Error */
  FAULT_TRUNCATED,    /* the first half of the real answer */
  FAULT_MALFORMED,    /* 200 with a body that is not JSON */
  FAULT_WRONG_TYPES,  /* JSON of the right shape with values of wrong types */
  FAULT_HUGE,         /* 32 MiB of JSON that is not the answer */
  FAULT_DROP,         /* the connection closed without an answer */
  FAULT_TIMEOUT,      /* the answer comes after the client's timeout */
  N_FAULTS
} Fault;

static const char * const fault_names[] = {
  "500", "truncated", "malformed", "wrong types", "huge", "dropped", "timeout",
};

typedef struct {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  SoupSession  *session;
  char         *url;
  GMutex        mutex;
  GCond         cond;
  /* faults for requests whose path contains @match */
  char         *match;
  Fault         fault;
  int           n_faults;
  int           n_401;
  char         *target;      /* the server behind it */
  /* what went through */
  guint         n_requests;
  guint         n_logins;    /* POST /_session */
  guint         n_basic;     /* requests with an Authorization header */
} Proxy;

static void
copy_header (SoupMessageHeaders *from,
             SoupMessageHeaders *to,
             const char         *name)
{
  const char *value = soup_message_headers_get_list (from, name);

  if (value != NULL)
    soup_message_headers_replace (to, name, value);
}

static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  Proxy *proxy = data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *target = NULL;
  g_autoptr(SoupMessage) forward = NULL;
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GBytes) answer = NULL;
  SoupMessageBody *body;
  gboolean faulty = FALSE, fail_401 = FALSE;
  Fault fault = FAULT_500;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);

  /* No keep-alive: no connection outlives the proxy. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");

  g_mutex_lock (&proxy->mutex);
  proxy->n_requests++;
  if (g_str_equal (path, "/_session") && g_str_equal (soup_server_message_get_method (msg), "POST"))
    proxy->n_logins++;
  if (soup_message_headers_get_one (request_headers, "Authorization") != NULL)
    proxy->n_basic++;
  if (proxy->match != NULL && strstr (path, proxy->match) != NULL)
    {
      if (proxy->n_401 > 0)
        fail_401 = proxy->n_401-- > 0;
      else if (proxy->n_faults > 0)
        {
          faulty = proxy->n_faults-- > 0;
          fault = proxy->fault;
        }
    }
  g_mutex_unlock (&proxy->mutex);

  if (fail_401)
    {
      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"unauthorized\"}", 24);
      return;
    }
  if (faulty && fault == FAULT_500)
    {
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"boom\"}", 16);
      return;
    }

  /* The other faults happen after the server did the work: a push whose
   * answer is lost. */
  target = g_strdup_printf ("%s%s%s%s", proxy->target, g_uri_get_path (uri),
                            g_uri_get_query (uri) ? "?" : "", g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  forward = soup_message_new (soup_server_message_get_method (msg), target);
  body = soup_server_message_get_request_body (msg);
  request_body = soup_message_body_flatten (body);
  if (g_bytes_get_size (request_body) > 0)
    soup_message_set_request_body_from_bytes (forward, "application/json", request_body);
  copy_header (request_headers, soup_message_get_request_headers (forward), "Cookie");
  copy_header (request_headers, soup_message_get_request_headers (forward), "Authorization");
  copy_header (request_headers, soup_message_get_request_headers (forward), "Accept");
  answer = soup_session_send_and_read (proxy->session, forward, NULL, NULL);
  copy_header (soup_message_get_response_headers (forward), soup_server_message_get_response_headers (msg),
               "Set-Cookie");

  if (faulty)
    switch (fault)
      {
      case FAULT_TRUNCATED:
        soup_server_message_set_status (msg, soup_message_get_status (forward), NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                          g_bytes_get_data (answer, NULL), g_bytes_get_size (answer) / 2);
        return;
      case FAULT_MALFORMED:
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                          "<html>502 Bad Gateway</html>", 28);
        return;
      case FAULT_WRONG_TYPES:
        {
          const char *wrong = strstr (path, "_changes") != NULL
            ? "{\"results\":[{\"seq\":7,\"doc\":{\"_id\":42,\"_rev\":true,\"type\":\"account\",\"name\":\"Wrong\"}}],\"last_seq\":7}"
            : "[{\"id\":42,\"rev\":[\"1-abc\"]},{\"id\":null,\"error\":{}}]";

          soup_server_message_set_status (msg, soup_message_get_status (forward), NULL);
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, wrong, strlen (wrong));
          return;
        }
      case FAULT_HUGE:
        {
          GString *huge = g_string_sized_new (32 << 20);

          g_string_append (huge, "{\"results\":[{\"seq\":1,\"doc\":\"");
          while (huge->len < (32 << 20))
            g_string_append (huge, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
          g_string_append (huge, "\"}],\"last_seq\":1}");
          soup_server_message_set_status (msg, soup_message_get_status (forward), NULL);
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                            huge->str, huge->len);
          g_string_free (huge, FALSE);
          return;
        }
      case FAULT_DROP:
        {
          g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

          g_io_stream_close (stream, NULL, NULL);
          return;
        }
      case FAULT_TIMEOUT:
        /* The client gives up after 1 s. */
        g_usleep (1500 * 1000);
        break;
      case FAULT_500:
      case N_FAULTS:
      default:
        break;
      }

  soup_server_message_set_status (msg, answer ? soup_message_get_status (forward) : 502, NULL);
  if (answer != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                      g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

static gpointer
proxy_thread (gpointer data)
{
  Proxy *proxy = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (proxy->context);
  proxy->server = soup_server_new (NULL, NULL);
  proxy->session = soup_session_new ();
  soup_server_add_handler (proxy->server, NULL, proxy_cb, proxy, NULL);
  g_assert_true (soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy->server);
  g_mutex_lock (&proxy->mutex);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&proxy->cond);
  g_mutex_unlock (&proxy->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (proxy->loop);

  soup_server_disconnect (proxy->server);
  g_assert_finalize_object (g_steal_pointer (&proxy->server));
  g_clear_object (&proxy->session);
  /* Let the closed connections go. */
  while (g_main_context_iteration (proxy->context, FALSE))
    ;
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

static Proxy *
proxy_start_to (const char *target)
{
  Proxy *proxy = g_new0 (Proxy, 1);

  proxy->target = g_strdup (target);
  g_mutex_init (&proxy->mutex);
  g_cond_init (&proxy->cond);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  g_mutex_lock (&proxy->mutex);
  proxy->thread = g_thread_new ("proxy", proxy_thread, proxy);
  while (proxy->url == NULL)
    g_cond_wait (&proxy->cond, &proxy->mutex);
  g_mutex_unlock (&proxy->mutex);
  return proxy;
}

static Proxy *
proxy_start (void)
{
  return proxy_start_to (server_url);
}

/* The next @n requests whose path has @match get @fault. */
static void
proxy_set_faults (Proxy      *proxy,
                  const char *match,
                  Fault       fault,
                  int         n)
{
  g_mutex_lock (&proxy->mutex);
  g_free (proxy->match);
  proxy->match = g_strdup (match);
  proxy->fault = fault;
  proxy->n_faults = n;
  g_mutex_unlock (&proxy->mutex);
}

static void
proxy_stop (Proxy *proxy)
{
  g_main_loop_quit (proxy->loop);
  g_thread_join (proxy->thread);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_mutex_clear (&proxy->mutex);
  g_cond_clear (&proxy->cond);
  g_free (proxy->match);
  g_free (proxy->url);
  g_free (proxy->target);
  g_free (proxy);
}

static guint
count_dirty (KamStore *store)
{
  g_autoptr(GPtrArray) dirty = kam_store_sync_list_dirty (store, NULL);

  return dirty->len;
}

/* Every fault on the pull and on the push, more of them than retries: the
 * sync fails with the matching error and leaves the local data, its
 * checkpoint and what is left to push as they were; the next clean sync
 * completes and both clients agree. */
static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  Proxy *proxy = proxy_start ();
  const char *paths[] = { "_changes", "_bulk_docs" };
  const int expected[N_FAULTS] = {
    [FAULT_500] = KAM_SYNC_ERROR_SERVER,
    [FAULT_TRUNCATED] = KAM_SYNC_ERROR_PROTOCOL,
    [FAULT_MALFORMED] = KAM_SYNC_ERROR_PROTOCOL,
    [FAULT_WRONG_TYPES] = KAM_SYNC_ERROR_PROTOCOL,
    [FAULT_HUGE] = KAM_SYNC_ERROR_PROTOCOL,
    [FAULT_DROP] = KAM_SYNC_ERROR_NETWORK,
    [FAULT_TIMEOUT] = KAM_SYNC_ERROR_NETWORK,
  };
  g_autofree char *id = NULL;
  KamSyncStats stats;
  guint n = 0;

  generate (f->a, 2);
  sync_ok (f, f->a);
  sync_ok (f, f->b);
  id = first_id (f->a, &kam_account_kind);
  sync_timeout_s = 1;

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (Fault fault = 0; fault < N_FAULTS; fault++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *before = NULL;
        g_autofree char *after = NULL;
        g_autofree char *checkpoint_before = NULL;
        g_autofree char *checkpoint_after = NULL;
        g_autofree char *value = g_strdup_printf ("Value %u", ++n);
        g_autofree char *remote = g_strdup_printf ("%s/%s", proxy->url, f->database);
        guint dirty_before;

        /* Something to pull, or something to push. */
        if (p == 0)
          {
            set_field (f->a, id, "industry", value);
            sync_ok (f, f->a);
          }
        else
          set_field (f->b, id, "region", value);

        before = export (f, f->b, "before.json");
        checkpoint_before = kam_store_sync_get_checkpoint (f->b, remote);
        dirty_before = count_dirty (f->b);
        proxy_set_faults (proxy, paths[p], fault, 10);
        stats = (KamSyncStats) { 0 };
        g_assert_false (sync_via (f->b, proxy->url, f->database, &stats, &error));
        g_test_message ("%s, %s: %s", paths[p], fault_names[fault], error->message);
        g_assert_error (error, KAM_SYNC_ERROR, expected[fault]);
        after = export (f, f->b, "after.json");
        checkpoint_after = kam_store_sync_get_checkpoint (f->b, remote);
        g_assert_cmpstr (before, ==, after);
        /* (On a push fault the pull before it may move the checkpoint past
         * our own last push, rightly.) */
        if (p == 0)
          g_assert_cmpstr (checkpoint_before, ==, checkpoint_after);
        g_assert_cmpuint (count_dirty (f->b), ==, dirty_before);

        /* Clean again: everything goes through, nothing is a conflict. */
        g_clear_error (&error);
        proxy_set_faults (proxy, NULL, FAULT_500, 0);
        stats = (KamSyncStats) { 0 };
        g_assert_true (sync_via (f->b, proxy->url, f->database, &stats, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (stats.conflicts, ==, 0);
        g_assert_cmpuint (count_dirty (f->b), ==, 0);
        sync_ok (f, f->a);
        assert_same (f);
        {
          g_autofree char *field = get_field (f->b, id, p == 0 ? "industry" : "region");

          g_assert_cmpstr (field, ==, value);
        }
      }

  /* Fewer faults than retries: the backoff gets through. */
  set_field (f->b, id, "region", "After retries");
  for (Fault fault = 0; fault < N_FAULTS; fault++)
    {
      g_autoptr(GError) error = NULL;

      if (fault != FAULT_500 && fault != FAULT_DROP && fault != FAULT_TIMEOUT && fault != FAULT_TRUNCATED)
        continue;
      proxy_set_faults (proxy, "_changes", fault, 1);
      g_assert_true (sync_via (f->b, proxy->url, f->database, &stats, &error));
      g_assert_no_error (error);
    }

  proxy_set_faults (proxy, NULL, FAULT_500, 0);
  sync_timeout_s = 10;
  sync_ok (f, f->b);
  sync_ok (f, f->a);
  assert_same (f);

  proxy_stop (proxy);
}

static guint
proxy_count (Proxy *proxy,
             guint *field)
{
  guint n;

  g_mutex_lock (&proxy->mutex);
  n = *field;
  g_mutex_unlock (&proxy->mutex);
  return n;
}

static void
proxy_set_401 (Proxy      *proxy,
               const char *match,
               int         n_401)
{
  g_mutex_lock (&proxy->mutex);
  g_free (proxy->match);
  proxy->match = g_strdup (match);
  proxy->n_401 = n_401;
  g_mutex_unlock (&proxy->mutex);
}

/* TRUE when the file at @path holds @needle anywhere. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize size;

  if (!g_file_get_contents (path, &data, &size, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= size; i++)
    if (memcmp (data + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

/* Session cookies: one login, none on every request, a new one after a
 * 401; a refused password is not tried again; https but for localhost; the
 * password in no log and no file. */
static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  SecuredServer server = { 0 };
  const char * const members[] = { "alice", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KamSync) sync = NULL;
  g_autoptr(KamSync) wrong = NULL;
  g_autofree char *account_id = NULL;
  KamSyncStats stats = { 0 };
  Proxy *proxy;
  guint n_requests;

  secured_start (&server);
  g_assert_true (kam_server_setup (server.url, "team", "admin", "secret", members, NULL, NULL, &error));
  g_assert_no_error (error);
  proxy = proxy_start_to (server.url);

  generate (f->a, 2);
  sync = kam_sync_new (f->a, proxy->url, "team", &error);
  g_assert_no_error (error);
  kam_sync_set_retry (sync, 2, 5, 10);
  kam_sync_set_credentials (sync, "alice", "alice-pw");
  g_assert_true (kam_sync_run (sync, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pushed, >, 0);
  g_assert_cmpuint (proxy_count (proxy, &proxy->n_logins), ==, 1);
  g_assert_cmpuint (proxy_count (proxy, &proxy->n_basic), ==, 0);

  /* The session ends (a 401): one new login, and the sync goes on. */
  account_id = first_id (f->a, &kam_account_kind);
  set_field (f->a, account_id, "industry", "Aerospace");
  proxy_set_401 (proxy, "_changes", 1);
  g_assert_true (kam_sync_run (sync, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pushed, ==, 1);
  g_assert_cmpuint (proxy_count (proxy, &proxy->n_logins), ==, 2);
  /* Two 401 in a row: the second is an error, not a loop. */
  proxy_set_401 (proxy, "_changes", 2);
  g_assert_false (kam_sync_run (sync, NULL, &stats, &error));
  g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_cmpuint (proxy_count (proxy, &proxy->n_logins), ==, 3);
  proxy_set_401 (proxy, NULL, 0);

  /* A wrong password: one login refused, then no more requests at all. */
  wrong = kam_sync_new (f->b, proxy->url, "team", &error);
  kam_sync_set_retry (wrong, 3, 5, 10);
  kam_sync_set_credentials (wrong, "alice", "not-her-password");
  n_requests = proxy_count (proxy, &proxy->n_requests);
  g_assert_false (kam_sync_run (wrong, NULL, &stats, &error));
  g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_true (kam_sync_get_password_rejected (wrong));
  g_assert_cmpuint (proxy_count (proxy, &proxy->n_requests), ==, n_requests + 1);
  g_assert_false (kam_sync_run (wrong, NULL, &stats, &error));
  g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_cmpuint (proxy_count (proxy, &proxy->n_requests), ==, n_requests + 1);
  /* Given again, right this time. */
  kam_sync_set_credentials (wrong, "alice", "alice-pw");
  g_assert_false (kam_sync_get_password_rejected (wrong));
  g_assert_true (kam_sync_run (wrong, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pulled, >, 0);

  /* kam sync with every debug message on: the password shows nowhere,
   * neither in its output nor in the database file. */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                         | G_SUBPROCESS_FLAGS_STDERR_MERGE);
    g_autoptr(GSubprocess) child = NULL;
    g_autofree char *out = NULL;
    g_autofree char *wal = g_strconcat (kam_store_get_path (f->a), "-wal", NULL);

    set_field (f->a, account_id, "industry", "Shipping");
    g_subprocess_launcher_setenv (launcher, "KAM_PASSWORD", "alice-pw", TRUE);
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
    child = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KAM_EXE"), "sync",
                                         "--db", kam_store_get_path (f->a), "--server", proxy->url,
                                         "--database", "team", "--user", "alice", NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
    g_assert_nonnull (strstr (out, "pushed 1,"));
    g_assert_null (strstr (out, "alice-pw"));
    g_assert_false (file_contains (kam_store_get_path (f->a), "alice-pw"));
    g_assert_false (file_contains (wal, "alice-pw"));
  }
  proxy_stop (proxy);

  /* https, or plain http to this machine only. */
  g_assert_true (kam_sync_check_server ("https://couch.example.com", NULL));
  g_assert_true (kam_sync_check_server ("http://localhost:5984", NULL));
  g_assert_true (kam_sync_check_server ("http://127.0.0.1:5984/", NULL));
  g_assert_true (kam_sync_check_server ("http://[::1]:5984", NULL));
  g_assert_false (kam_sync_check_server ("http://couch.example.com", &error));
  g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  g_assert_false (kam_sync_check_server ("http://127.0.0.1.example.com", &error));
  g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (kam_sync_check_server ("ftp://couch.example.com", &error));
  g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (kam_sync_new (f->a, "http://couch.example.com", "team", &error));
  g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_INSECURE);
  g_clear_error (&error);

  secured_stop (&server);
}

/* The password in the keyring (needs a Secret Service: the "sync-keyring"
 * test runs this one under dbus-run-session with gnome-keyring-daemon). */
/* Waits for a kam child; when it fails, its stderr goes to the TAP log. */
static void
run_child (GSubprocess *child)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, NULL, &err, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (child))
    g_test_message ("kam failed (status %d): %s", g_subprocess_get_status (child), err ? err : "");
  g_assert_true (g_subprocess_get_successful (child));
}

static void
test_keyring (Fixture       *f,
              gconstpointer  data)
{
  SecuredServer server = { 0 };
  const char * const members[] = { "alice", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  password = kam_credentials_lookup ("http://127.0.0.1:1", "team", "alice", NULL, &error);
  if (error != NULL)
    {
      g_test_skip_printf ("no Secret Service here: %s", error->message);
      return;
    }
  g_assert_null (password);

  secured_start (&server);
  g_assert_true (kam_server_setup (server.url, "team", "admin", "secret", members, NULL, NULL, &error));
  g_assert_no_error (error);

  /* kam sync --remember-password keeps it; the next kam sync finds it
   * without $KAM_PASSWORD. */
  generate (f->a, 2);
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                         | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autoptr(GSubprocess) child = NULL;

    g_subprocess_launcher_setenv (launcher, "KAM_PASSWORD", "alice-pw", TRUE);
    child = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KAM_EXE"), "sync",
                                         "--db", kam_store_get_path (f->a), "--server", server.url,
                                         "--database", "team", "--user", "alice", "--remember-password", NULL);
    g_assert_no_error (error);
    run_child (child);
  }
  password = kam_credentials_lookup (server.url, "team", "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "alice-pw");
  g_clear_pointer (&password, g_free);
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                         | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autoptr(GSubprocess) child = NULL;

    g_subprocess_launcher_unsetenv (launcher, "KAM_PASSWORD");
    child = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KAM_EXE"), "sync",
                                         "--db", kam_store_get_path (f->b), "--server", server.url,
                                         "--database", "team", "--user", "alice", NULL);
    g_assert_no_error (error);
    run_child (child);
  }
  assert_same (f);

  /* Another user, database or server is another item. */
  password = kam_credentials_lookup (server.url, "team", "bob", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);
  password = kam_credentials_lookup (server.url, "other", "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  g_assert_true (kam_credentials_clear (server.url, "team", "alice", NULL, &error));
  g_assert_no_error (error);
  password = kam_credentials_lookup (server.url, "team", "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  secured_stop (&server);
}

/* A self-signed certificate for 127.0.0.1 (openssl req -x509), which no
 * system trusts. */
static const char self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDCzCCAfOgAwIBAgIUQHRglomrA8tAWYkESZqeBElaRaEwDQYJKoZIhvcNAQEL\n"
  "BQAwFDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNDE2MjI1NFoYDzIxMjYx\n"
  "MDMxMTYyMjU0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwggEiMA0GCSqGSIb3DQEB\n"
  "AQUAA4IBDwAwggEKAoIBAQDYlofop4Bs12ghXKDT9VBNfxDrPCYgsxlGAxs9tP9F\n"
  "AkmVCXIaEfbCSnbxxYbXElsYAbgjLTwckKAVuzhhj3VsWTdR2uA8btA+5y3Rt7c7\n"
  "i36oIEIeReLd8cnkXWbGknW46UiA6+r6iowIbHp7OwcVRmVXsCdIcGMbRR3ZsFmC\n"
  "Wbaf95BwGkUlR0695OmzojZ1mqJdwOHefzrTBnPN46aeZhObhVecFcxMbJDkQbgr\n"
  "2vzHrZrPfgZMbjD7SrkyhN2kjmbecWrCnW7WILqjxkTn1uLh48qjnMP/KVVFqzpO\n"
  "lBZaWcaO5N5ZnOd+kE7Qi02JKSCZPGqmTPGOAXKGfJ3fAgMBAAGjUzBRMB0GA1Ud\n"
  "DgQWBBQ1gXowEpdnhsc4XljIYyM45BcH8TAfBgNVHSMEGDAWgBQ1gXowEpdnhsc4\n"
  "XljIYyM45BcH8TAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQDP\n"
  "RwZGf4Fq0v0hWNg7akmk6RHlEZuTwEUiz9pXAYgo04oP14SwFZ1exD1tQBi86TZ4\n"
  "IvDGON660DeCaVP7SDuM1MtdLtDbXUyM5Cd8X5F57X1/T8ruLX+MqFl082W+hSzb\n"
  "lt/K2a9JZwGOGFOYiBBF41WoPSul3BSpxIEG8MSYjyng2ktrWrWpxveGiX8acJbQ\n"
  "Lwj0t2nbYVJCNvAUHnt8Zke3TKKXu0ZzmANGiO7TcI3BKfPCxZAuk8s/1ksBjgO9\n"
  "QNP48dlkCfFpSDRuSm6BNvqHVI6T/cXkTycTd/5Sx4KDRrvNmg6t9EdjyRxyRP9c\n"
  "PBw8sHzjENgKeyRfB2Je\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDYlofop4Bs12gh\n"
  "XKDT9VBNfxDrPCYgsxlGAxs9tP9FAkmVCXIaEfbCSnbxxYbXElsYAbgjLTwckKAV\n"
  "uzhhj3VsWTdR2uA8btA+5y3Rt7c7i36oIEIeReLd8cnkXWbGknW46UiA6+r6iowI\n"
  "bHp7OwcVRmVXsCdIcGMbRR3ZsFmCWbaf95BwGkUlR0695OmzojZ1mqJdwOHefzrT\n"
  "BnPN46aeZhObhVecFcxMbJDkQbgr2vzHrZrPfgZMbjD7SrkyhN2kjmbecWrCnW7W\n"
  "ILqjxkTn1uLh48qjnMP/KVVFqzpOlBZaWcaO5N5ZnOd+kE7Qi02JKSCZPGqmTPGO\n"
  "AXKGfJ3fAgMBAAECggEAGua3gsIrRVmL6Xjj0O/LRZTeuRkDc1RLc1K3c3ajriKW\n"
  "mRhPP8WzbHZrR6RNFzGEdvrfsB7SNIoSGCDk49k5sHd0U4poB5mL7AQywLWc4Jx2\n"
  "4tL+41uyzfZWKTMgrNFMJedzxe+HhA7pTbKLk/rE6nOP6tBKUMkExkJTbtJki7f2\n"
  "WGVdor/S1xnU3JoGFvAMh+WL+lJ1kWATIrixzN0zO9yx8ycjL4jzCPlEqcM/49y6\n"
  "aXX8AUAHYwICpFNpJM4gSXOg0r8Waa421Y5H/CgiGyTEETVhQQBASbeKBwolOJF/\n"
  "1spTXoSCoNmSe0+gG9iKAQDIemyCk1xk6PhHXMf3YQKBgQD1HYkESk4tJ1FbKLkt\n"
  "kFKu4qw+wR+AqeJdYu+kBCThB2Hm6ed9Kpsinhd2Ec2clADHIpOMILXpnF6S2nnk\n"
  "WiDn3GAWrq6JUoSQlA5ojSaIt5lZg7VNlMir0y+1ueLh2qgHhz/prbi9W6wBmjIk\n"
  "YWWJo/AXNROyeh24Y/Q/6HExUwKBgQDiNLKKYgJDTPDrtOg45ltfEYuD8jj4a6kt\n"
  "W5bbsJ3vcol2yz7NRrQSaSI7DpaGTFqUDP+4KE1QCziTfNXxZQ5h+2IyTDHMZ8ZU\n"
  "A0NVaIPcywIPB5Yx4Z6W6jAaHlUbGoUEH2SE633co/0fGkTmBDLKQzuBjcRtM2Mr\n"
  "aMmiKtWTxQKBgQDP64XWhdFarAdu9FRgOhRpFQ5XDSrT0UebP9lXn8xItiJt5evf\n"
  "WMzPyJrOJLvtHf6q7MGMFBM7XtE6cOkEsw9GnsFDfFnBUqXwnia6uUD+p/8E15xr\n"
  "etHeLv5BgLTcMMZn3GpyplIXDjQSB+KQya1/2/hFN1jGBKBBUUhXDa020QKBgG5u\n"
  "4bczb/1hQ8Ee+bxFodgA3cbV60BEdzxgmX65c/FhToEDaq6W1PSkBQUl8xCvmAzt\n"
  "Z66FZnEseTtv15bZCjOFoYQCtNEg3K9JRIce1jlllqS1xHqntl/hBwjJRC1OPiAs\n"
  "H0vRGAouuTWFApv08sLSHev6xSm2y7R2nPGhzdEtAoGBAI0fsP48S75UgvMowilr\n"
  "S4Zb7xgPhR9Qx6iAOZfyzn91wv8HMYJZIW5vc9UetXB7ckmYbq3hXsMCh34rREih\n"
  "RTPJ1ixF0Hl7o+rIk7vH3V1OU4NySmp7lHNiMxv9UNlOX3GvbI9DCE75jDnH8HNl\n"
  "kwialYNOnwypnTe11uSGMSGD\n"
  "-----END PRIVATE KEY-----\n";

static void
tls_handler_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  guint *n_requests = data;

  (*n_requests)++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

/* A certificate that does not check out is an error at once, not a
 * network fault to retry, and nothing is sent. */
static void
test_certificate (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (self_signed_pem, -1, &error);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(KamSync) sync = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  guint n_requests = 0;
  gint64 start;

  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_handler_cb, &n_requests, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  generate (f->a, 1);
  sync = kam_sync_new (f->a, url, "team", &error);
  g_assert_no_error (error);
  /* Retries would take 0.5 + 1 + 2 + 4 s and more. */
  kam_sync_set_retry (sync, 5, 1000, 10);
  start = g_get_monotonic_time ();
  g_assert_false (kam_sync_run (sync, NULL, NULL, &error));
  g_assert_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_INSECURE);
  g_test_message ("%s", error->message);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_requests, ==, 0);
  g_assert_cmpuint (count_dirty (f->a), >, 0);

  soup_server_disconnect (server);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!start_server ())
    return 1;

  g_test_add ("/kam/sync/two-stores", Fixture, NULL, fixture_set_up, test_two_stores, fixture_tear_down);
  g_test_add ("/kam/sync/offline-edits", Fixture, NULL, fixture_set_up, test_offline_edits, fixture_tear_down);
  g_test_add ("/kam/sync/delete-vs-edit", Fixture, NULL, fixture_set_up, test_delete_vs_edit, fixture_tear_down);
  g_test_add ("/kam/sync/server-conflicts", Fixture, NULL, fixture_set_up, test_server_conflicts, fixture_tear_down);
  g_test_add ("/kam/sync/many", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_many, fixture_tear_down);
  g_test_add ("/kam/sync/killed", Fixture, NULL, fixture_set_up, test_killed, fixture_tear_down);
  g_test_add ("/kam/sync/resolve", Fixture, NULL, fixture_set_up, test_resolve, fixture_tear_down);
  g_test_add ("/kam/sync/server-setup", Fixture, NULL, fixture_set_up, test_server_setup, fixture_tear_down);
  g_test_add ("/kam/sync/auth", Fixture, NULL, fixture_set_up, test_auth, fixture_tear_down);
  g_test_add ("/kam/sync/keyring", Fixture, NULL, fixture_set_up, test_keyring, fixture_tear_down);
  g_test_add ("/kam/sync/certificate", Fixture, NULL, fixture_set_up, test_certificate, fixture_tear_down);
  g_test_add ("/kam/sync/faults", Fixture, NULL, fixture_set_up, test_faults, fixture_tear_down);

  status = g_test_run ();
  stop_server ();
  return status;
}
