/* kam-sync.c — two-way sync of the store with a CouchDB database
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run: pull the _changes feed page by page from the stored checkpoint
 * (each page applied with its checkpoint in one transaction), then push the
 * dirty records through _bulk_docs in batches; documents the server answers
 * with a conflict are fetched and merged like a pull (three-way, against
 * the stored base), and what the merge left dirty is pushed in another
 * round.  All SQL is in src/core/kam-store-sync.c.
 */
#define G_LOG_DOMAIN "kam-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kam-store-sync.h"
#include "kam-sync.h"

#define PULL_PAGE_SIZE  500
#define PUSH_BATCH_SIZE 150
#define PUSH_ROUNDS     3

struct _KamSync
{
  GObject       parent_instance;

  KamStore     *store;
  SoupSession  *session;
  char         *server;     /* without a trailing slash */
  char         *database;
  char         *remote;     /* server/database: whose checkpoint it is */
  char         *auth;       /* "Basic ...": only for a server without _session */
  char         *user;       /* NULL: no login */
  char         *password;   /* in memory only, cleared on finalize */
  gboolean      logged_in;  /* the session cookie is in the jar */
  gboolean      rejected;   /* the server refused the password: no retry */
  guint         max_retries;
  guint         base_delay_ms;
  KamSyncStats  last_stats;
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (KamSync, kam_sync, G_TYPE_OBJECT)

G_DEFINE_QUARK (kam-sync-error-quark, kam_sync_error)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct _Request Request;
static void request_free (Request *req);

/* The state of one run, the task data. */
typedef struct {
  KamStoreSyncStats  store_stats;
  guint              pushed;
  guint              rejected;
  guint              resolved;   /* server-side conflicts resolved */
  GString           *rejections;
  GPtrArray         *dirty;      /* KamStoreSyncItem */
  guint              next;
  GPtrArray         *batch;      /* KamStoreSyncItem (borrowed from dirty) */
  JsonArray         *batch_docs;
  GPtrArray         *conflicts;  /* doc ids */
  guint              next_conflict;
  guint              round;
  /* Server-side conflicts ("resolve:" keys) */
  GStrv              resolve_keys;
  guint              next_resolve;
  JsonObject        *winner;
  GPtrArray         *losers;     /* JsonObject */
  guint              next_loser;
  JsonObject        *merged;
  JsonObject        *merge_conflicts;
  Request           *resume;     /* waiting for a login */
} Run;

static void
run_clear_resolution (Run *run)
{
  g_clear_pointer (&run->winner, json_object_unref);
  g_clear_pointer (&run->losers, g_ptr_array_unref);
  g_clear_pointer (&run->merged, json_object_unref);
  g_clear_pointer (&run->merge_conflicts, json_object_unref);
}

static void
run_free (Run *run)
{
  g_string_free (run->rejections, TRUE);
  g_clear_pointer (&run->dirty, g_ptr_array_unref);
  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_clear_pointer (&run->batch_docs, json_array_unref);
  g_clear_pointer (&run->conflicts, g_ptr_array_unref);
  g_clear_pointer (&run->resolve_keys, g_strfreev);
  run_clear_resolution (run);
  g_clear_pointer (&run->resume, request_free);
  g_free (run);
}

typedef void (*ReplyFunc) (GTask    *task,
                           guint     status,
                           JsonNode *root);

/* One HTTP request with its retries. */
struct _Request {
  GTask       *task;
  char        *method;
  char        *uri;
  GBytes      *body;
  char        *body_text;  /* owned by body; wiped for a login */
  ReplyFunc    func;
  guint        attempt;
  SoupMessage *message;
  gboolean     is_login;
  gboolean     relogged;   /* logged in again after a 401 already */
  Request     *resume;     /* for a login: the request to send after it */
};

static void send_attempt (Request *req);
static void pull_page (GTask *task);
static void start_push (GTask *task);
static void push_batch (GTask *task);
static void fetch_next_conflict (GTask *task);
static void login (GTask *task, Request *resume);
static void start_resolve (GTask *task);

static void
request_free (Request *req)
{
  g_clear_object (&req->message);
  if (req->is_login && req->body_text != NULL)
    memset (req->body_text, 0, strlen (req->body_text));
  g_clear_object (&req->task);
  g_free (req->method);
  g_free (req->uri);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_object (&req->message);
  g_free (req);
}

static void
collect_stats (KamSync *self,
               Run     *run)
{
  self->last_stats.pulled = run->store_stats.pulled;
  self->last_stats.merged = run->store_stats.merged;
  self->last_stats.conflicts = run->store_stats.conflicts;
  self->last_stats.pending = run->store_stats.pending;
  self->last_stats.pushed = run->pushed;
  self->last_stats.rejected = run->rejected;
  self->last_stats.resolved = run->resolved;
}

/* Ends the run with @error (taken), keeping the counts so far. */
static void
fail_run (GTask  *task,
          GError *error)
{
  KamSync *self = g_task_get_source_object (task);

  collect_stats (self, g_task_get_task_data (task));
  self->running = FALSE;
  g_task_return_error (task, error);
}

static void
finish_run (GTask *task)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  collect_stats (self, run);
  self->running = FALSE;
  if (run->rejected > 0)
    g_task_return_new_error (task, KAM_SYNC_ERROR, KAM_SYNC_ERROR_REJECTED,
                             _("The server refused %u records, kept to send again: %s"),
                             run->rejected, run->rejections->str);
  else
    g_task_return_boolean (task, TRUE);
}

/* HTTP ------------------------------------------------------------------- */

static gboolean
retry_cb (gpointer data)
{
  Request *req = data;

  if (g_task_return_error_if_cancelled (req->task))
    {
      KAM_SYNC (g_task_get_source_object (req->task))->running = FALSE;
      request_free (req);
    }
  else
    send_attempt (req);
  return G_SOURCE_REMOVE;
}

/* Retries @req after a backoff, or fails the run with @error. */
static void
retry_or_fail (Request *req,
               GError  *error)
{
  KamSync *self = g_task_get_source_object (req->task);

  if (req->attempt < self->max_retries && !g_task_get_completed (req->task))
    {
      guint delay = self->base_delay_ms << MIN (req->attempt, 10u);
      g_autoptr(GSource) source = NULL;

      /* Jitter: between half and one and a half times the delay. */
      delay = delay / 2 + g_random_int_range (0, (gint32) MAX (delay, 1u));
      g_debug ("%s %s failed (%s), retry %u in %u ms",
               req->method, req->uri, error->message, req->attempt + 1, delay);
      g_error_free (error);
      req->attempt++;
      source = g_timeout_source_new (delay);
      g_source_set_callback (source, retry_cb, req, NULL);
      g_source_attach (source, g_main_context_get_thread_default ());
      return;
    }

  fail_run (req->task, error);
  request_free (req);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Request *req = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  guint status;
  gsize size;
  const char *text;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fail_run (req->task, g_steal_pointer (&error));
          request_free (req);
          return;
        }
      if (error->domain == G_TLS_ERROR)
        {
          /* A certificate that does not check out is not retried. */
          fail_run (req->task, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_INSECURE,
                                            _("The certificate of %s is not valid: %s"),
                                            KAM_SYNC (g_task_get_source_object (req->task))->server,
                                            error->message));
          request_free (req);
          return;
        }
      retry_or_fail (req, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_NETWORK,
                                       _("The server %s does not answer: %s"),
                                       KAM_SYNC (g_task_get_source_object (req->task))->server,
                                       error->message));
      return;
    }

  status = soup_message_get_status (req->message);
  if (status == SOUP_STATUS_UNAUTHORIZED && !req->is_login)
    {
      KamSync *self = g_task_get_source_object (req->task);

      /* The session expired: log in again once, then resend. */
      if (self->user != NULL && self->auth == NULL && !req->relogged)
        {
          req->relogged = TRUE;
          self->logged_in = FALSE;
          login (req->task, req);
          return;
        }
      fail_run (req->task, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH,
                                        self->user != NULL
                                        ? _("The server refused the user name or password (%u %s)")
                                        : _("The server asks for a user name and password (%u %s)"),
                                        status, soup_message_get_reason_phrase (req->message)));
      request_free (req);
      return;
    }
  if (status == SOUP_STATUS_FORBIDDEN && !req->is_login)
    {
      KamSync *self = g_task_get_source_object (req->task);

      fail_run (req->task, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH,
                                        _("The server does not let %s use the database %s (%u %s)"),
                                        self->user ? self->user : _("an anonymous user"), self->database,
                                        status, soup_message_get_reason_phrase (req->message)));
      request_free (req);
      return;
    }
  if (status >= 500)
    {
      retry_or_fail (req, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_SERVER,
                                       _("The server failed (%u %s)"),
                                       status, soup_message_get_reason_phrase (req->message)));
      return;
    }

  text = g_bytes_get_data (bytes, &size);
  parser = json_parser_new ();
  if (text == NULL || !json_parser_load_from_data (parser, text, (gssize) size, &error)
      || json_parser_get_root (parser) == NULL)
    {
      retry_or_fail (req, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_PROTOCOL,
                                       _("The server sent an answer that is not JSON (%s)"),
                                       error ? error->message : _("empty")));
      return;
    }

  req->func (req->task, status, json_parser_get_root (parser));
  request_free (req);
}

static void
send_attempt (Request *req)
{
  KamSync *self = g_task_get_source_object (req->task);
  SoupMessageHeaders *headers;

  g_clear_object (&req->message);
  req->message = soup_message_new (req->method, req->uri);
  if (req->message == NULL)
    {
      fail_run (req->task, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_PROTOCOL,
                                        _("%s is not a valid address"), req->uri));
      request_free (req);
      return;
    }
  headers = soup_message_get_request_headers (req->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->auth != NULL)
    soup_message_headers_replace (headers, "Authorization", self->auth);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->message, "application/json", req->body);

  soup_session_send_and_read_async (self->session, req->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (req->task), sent_cb, req);
}

/* Sends @method to @path (below the database, starting with "/" or "?"
 * or empty) with @body, and calls @func with the parsed answer. */
static Request *
request_new (GTask      *task,
             const char *method,
             char       *uri,
             JsonNode   *body,
             ReplyFunc   func)
{
  Request *req = g_new0 (Request, 1);

  req->task = g_object_ref (task);
  req->method = g_strdup (method);
  req->uri = uri;
  req->func = func;
  if (body != NULL)
    {
      req->body_text = json_to_string (body, FALSE);
      req->body = g_bytes_new_take (req->body_text, strlen (req->body_text));
    }
  return req;
}

static void
http_send (GTask      *task,
           const char *method,
           const char *path,
           JsonNode   *body,
           ReplyFunc   func)
{
  KamSync *self = g_task_get_source_object (task);
  g_autofree char *db = g_uri_escape_string (self->database, NULL, FALSE);

  send_attempt (request_new (task, method, g_strconcat (self->server, "/", db, path, NULL), body, func));
}

static void
fail_protocol (GTask      *task,
               guint       status,
               const char *what)
{
  fail_run (task, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_PROTOCOL,
                               _("Unexpected answer from the server to %s (HTTP %u)"), what, status));
}


/* Login ------------------------------------------------------------------- *
 *
 * POST /_session with the name and password; CouchDB answers with an
 * AuthSession cookie, kept in the session's cookie jar (in memory only).
 * A 401 to a later request logs in again once.  A 401 to the login itself
 * means the password is wrong: this KamSync stops asking the server (CouchDB
 * locks an account out after a few failures) until new credentials are
 * set.  A server without _session (404/405) gets Basic authentication.
 */

static void
login_cb (GTask    *task,
          guint     status,
          JsonNode *root)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Request *resume = g_steal_pointer (&run->resume);

  if (status == SOUP_STATUS_OK)
    self->logged_in = TRUE;
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      self->rejected = TRUE;
      g_clear_pointer (&resume, request_free);
      fail_run (task, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH,
                                   _("The server refused the password of %s: give it again "
                                     "(no more attempts until then)"), self->user));
      return;
    }
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    {
      g_autofree char *pair = g_strconcat (self->user, ":", self->password ? self->password : "", NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->auth = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }
  else
    {
      g_clear_pointer (&resume, request_free);
      fail_protocol (task, status, "_session");
      return;
    }

  if (resume != NULL)
    send_attempt (resume);
  else
    pull_page (task);
}

/* Logs in, then sends @resume (or starts the pull when NULL). */
static void
login (GTask   *task,
       Request *resume)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  Request *req;

  json_object_set_string_member (body, "name", self->user);
  json_object_set_string_member (body, "password", self->password ? self->password : "");
  node = json_node_init_object (json_node_alloc (), body);
  req = request_new (task, "POST", g_strconcat (self->server, "/_session", NULL), node, login_cb);
  req->is_login = TRUE;
  /* The password is in the body only: wipe the copy in the node. */
  json_object_set_string_member (body, "password", "");
  g_clear_pointer (&run->resume, request_free);
  run->resume = resume;
  send_attempt (req);
}

/* Pull ------------------------------------------------------------------- */

static gboolean
member_is_string (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static void
changes_cb (GTask    *task,
            guint     status,
            JsonNode *root)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *checkpoint = NULL;
  JsonArray *results;
  JsonNode *last_seq = NULL;

  if (status != SOUP_STATUS_OK || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "results")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "results")))
    {
      if (status == SOUP_STATUS_NOT_FOUND)
        fail_run (task, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_SERVER,
                                     _("There is no database %s on %s"), self->database, self->server));
      else
        fail_protocol (task, status, "_changes");
      return;
    }

  results = json_object_get_array_member (json_node_get_object (root), "results");
  if (json_array_get_length (results) == 0)
    {
      start_resolve (task);
      return;
    }

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *row_node = json_array_get_element (results, i);
      JsonObject *row;
      JsonNode *doc;

      if (!JSON_NODE_HOLDS_OBJECT (row_node))
        {
          fail_protocol (task, status, "_changes");
          return;
        }
      row = json_node_get_object (row_node);
      doc = json_object_get_member (row, "doc");
      last_seq = json_object_get_member (row, "seq");
      if (last_seq == NULL || doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc)
          || !member_is_string (json_node_get_object (doc), "_id")
          || !member_is_string (json_node_get_object (doc), "_rev"))
        {
          fail_protocol (task, status, "_changes");
          return;
        }
      json_array_add_element (docs, json_node_copy (doc));
    }

  /* The seq of the last row, verbatim: never last_seq, never parsed. */
  checkpoint = json_to_string (last_seq, FALSE);
  if (!kam_store_sync_apply_docs (self->store, docs, self->remote, checkpoint, &run->store_stats, &error))
    {
      fail_run (task, g_steal_pointer (&error));
      return;
    }
  kam_store_notify_external_change (self->store);
  g_signal_emit (self, signals[PROGRESS], 0, KAM_SYNC_PHASE_PULL, run->store_stats.pulled);
  pull_page (task);
}

static void
pull_page (GTask *task)
{
  KamSync *self = g_task_get_source_object (task);
  g_autofree char *checkpoint = kam_store_sync_get_checkpoint (self->store, self->remote);
  g_autofree char *since = NULL;
  g_autofree char *path = NULL;

  if (checkpoint != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (checkpoint, NULL);

      /* A string sequence goes in the query as its content. */
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        since = g_uri_escape_string (json_node_get_string (node), NULL, FALSE);
      else
        since = g_uri_escape_string (checkpoint, NULL, FALSE);
    }

  path = g_strdup_printf ("/_changes?feed=normal&since=%s&include_docs=true&conflicts=true&limit=%u",
                          since ? since : "0", PULL_PAGE_SIZE);
  http_send (task, "GET", path, NULL, changes_cb);
}

/* Server-side conflicts ---------------------------------------------------
 *
 * Another replicator (PouchDB, a second CouchDB) can leave a document with
 * several leaf revisions.  Each losing leaf is merged into the winner field
 * by field against their common ancestor (as a pull merges a local edit),
 * the merge is written on the winner and the losing leaves are deleted, in
 * one _bulk_docs.  Fields both branches changed differently keep the
 * winner's value; the loser's is kept as a local conflict ("mine").  The
 * "resolve:<_id>" key stays until the server took the resolution, so an
 * interrupted sync resolves it next time.
 */

/* "pos-hash" for every revision in the _revisions of @doc, newest first. */
static GPtrArray *
revision_history (JsonObject *doc)
{
  GPtrArray *revs = g_ptr_array_new_with_free_func (g_free);
  JsonObject *revisions;
  JsonArray *ids;
  gint64 start;

  if (!json_object_has_member (doc, "_revisions")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (doc, "_revisions")))
    return revs;
  revisions = json_object_get_object_member (doc, "_revisions");
  if (!json_object_has_member (revisions, "ids")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (revisions, "ids")))
    return revs;
  start = json_object_get_int_member_with_default (revisions, "start", 0);
  ids = json_object_get_array_member (revisions, "ids");
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *id = json_array_get_element (ids, i);

      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        g_ptr_array_add (revs, g_strdup_printf ("%" G_GINT64_FORMAT "-%s", start - i, json_node_get_string (id)));
    }
  return revs;
}

/* CouchDB's choice of winner among leaves: the longest history, then the
 * greatest revision id. */
static gboolean
rev_wins (const char *a,
          const char *b)
{
  gint64 pa = g_ascii_strtoll (a, NULL, 10);
  gint64 pb = g_ascii_strtoll (b, NULL, 10);

  if (pa != pb)
    return pa > pb;
  return strcmp (a, b) > 0;
}

static void resolve_next (GTask *task);
static void merge_next_loser (GTask *task);

static void
resolve_done (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  run_clear_resolution (run);
  resolve_next (task);
}

static gboolean
forget_resolve_key (GTask *task)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!kam_store_sync_remove_key (self->store, run->resolve_keys[run->next_resolve - 1], &error))
    {
      fail_run (task, g_steal_pointer (&error));
      return FALSE;
    }
  return TRUE;
}

static void
resolved_doc_cb (GTask    *task,
                 guint     status,
                 JsonNode *root)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *doc_id = json_object_get_string_member (run->winner, "_id");

  if (status != SOUP_STATUS_OK || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_protocol (task, status, "GET document");
      return;
    }

  /* The key goes first: applying notes it again if the server has grown
   * new conflicts meanwhile. */
  if (!kam_store_begin (self->store, &error))
    {
      fail_run (task, g_steal_pointer (&error));
      return;
    }
  if (!kam_store_sync_remove_key (self->store, run->resolve_keys[run->next_resolve - 1], &error)
      || !kam_store_sync_add_conflicts (self->store, doc_id, run->merge_conflicts, &run->store_stats, &error))
    goto fail;
  {
    g_autoptr(JsonArray) docs = json_array_new ();

    json_array_add_element (docs, json_node_copy (root));
    if (!kam_store_sync_apply_docs (self->store, docs, self->remote, NULL, &run->store_stats, &error))
      goto fail;
  }
  if (!kam_store_commit (self->store, &error))
    goto fail;

  run->resolved++;
  kam_store_notify_external_change (self->store);
  resolve_done (task);
  return;

fail:
  kam_store_rollback (self->store);
  fail_run (task, g_steal_pointer (&error));
}

static void
resolution_cb (GTask    *task,
               guint     status,
               JsonNode *root)
{
  Run *run = g_task_get_task_data (task);
  const char *doc_id = json_object_get_string_member (run->winner, "_id");
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  JsonArray *answers;
  gboolean all_ok;

  if ((status != SOUP_STATUS_CREATED && status != SOUP_STATUS_ACCEPTED) || !JSON_NODE_HOLDS_ARRAY (root))
    {
      fail_protocol (task, status, "_bulk_docs");
      return;
    }

  /* All the answers are about the same _id, in any order. */
  answers = json_node_get_array (root);
  all_ok = json_array_get_length (answers) > 0;
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonNode *node = json_array_get_element (answers, i);

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || json_object_has_member (json_node_get_object (node), "error")
          || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL),
                        doc_id) != 0)
        all_ok = FALSE;
    }

  if (!all_ok)
    {
      /* The document changed meanwhile: the key stays, next sync again. */
      g_debug ("resolution of %s refused, kept for the next sync", doc_id);
      resolve_done (task);
      return;
    }

  /* What the server now holds is applied like a pull. */
  id = g_uri_escape_string (doc_id, NULL, FALSE);
  path = g_strdup_printf ("/%s?conflicts=true", id);
  http_send (task, "GET", path, NULL, resolved_doc_cb);
}

static void
push_resolution (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonArray *docs = json_array_new ();

  /* Nothing new from the losers: the winner stays as it is. */
  if (kam_sync_doc_equal (run->merged, run->winner))
    g_clear_pointer (&run->merged, json_object_unref);
  else
    json_array_add_object_element (docs, json_object_ref (run->merged));

  for (guint i = 0; i < run->losers->len; i++)
    {
      JsonObject *loser = g_ptr_array_index (run->losers, i);
      JsonObject *tombstone = json_object_new ();

      json_object_set_string_member (tombstone, "_id", json_object_get_string_member (loser, "_id"));
      json_object_set_string_member (tombstone, "_rev", json_object_get_string_member (loser, "_rev"));
      json_object_set_boolean_member (tombstone, "_deleted", TRUE);
      json_array_add_object_element (docs, tombstone);
    }

  json_object_set_array_member (body, "docs", docs);
  node = json_node_init_object (json_node_alloc (), body);
  http_send (task, "POST", "/_bulk_docs", node, resolution_cb);
}

static void
ancestor_cb (GTask    *task,
             guint     status,
             JsonNode *root)
{
  Run *run = g_task_get_task_data (task);
  JsonObject *base = NULL;
  JsonObject *loser = g_ptr_array_index (run->losers, run->next_loser - 1);
  JsonObject *merged;

  /* A compacted ancestor is gone (404): every difference is a conflict. */
  if (status == SOUP_STATUS_OK && JSON_NODE_HOLDS_OBJECT (root))
    base = json_node_get_object (root);
  else if (status != SOUP_STATUS_NOT_FOUND && root != NULL)
    {
      fail_protocol (task, status, "GET revision");
      return;
    }

  merged = kam_sync_merge (base, loser, run->merged, run->merge_conflicts);
  json_object_set_string_member (merged, "_id", json_object_get_string_member (run->winner, "_id"));
  json_object_unref (run->merged);
  run->merged = merged;
  merge_next_loser (task);
}

static void
merge_next_loser (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) winner_revs = NULL;
  g_autoptr(GPtrArray) loser_revs = NULL;
  JsonObject *loser;
  const char *ancestor = NULL;

  if (run->next_loser >= run->losers->len)
    {
      push_resolution (task);
      return;
    }

  loser = g_ptr_array_index (run->losers, run->next_loser++);
  winner_revs = revision_history (run->winner);
  loser_revs = revision_history (loser);
  for (guint i = 1; i < loser_revs->len && ancestor == NULL; i++)
    for (guint j = 0; j < winner_revs->len; j++)
      if (g_str_equal (g_ptr_array_index (loser_revs, i), g_ptr_array_index (winner_revs, j)))
        {
          ancestor = g_ptr_array_index (loser_revs, i);
          break;
        }

  if (ancestor == NULL)
    ancestor_cb (task, SOUP_STATUS_NOT_FOUND, NULL);
  else
    {
      g_autofree char *id = g_uri_escape_string (json_object_get_string_member (run->winner, "_id"), NULL, FALSE);
      g_autofree char *rev = g_uri_escape_string (ancestor, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/%s?rev=%s", id, rev);

      http_send (task, "GET", path, NULL, ancestor_cb);
    }
}

static void
open_revs_cb (GTask    *task,
              guint     status,
              JsonNode *root)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *answers;
  guint winner = 0;

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      if (forget_resolve_key (task))
        resolve_next (task);
      return;
    }
  if (status != SOUP_STATUS_OK || !JSON_NODE_HOLDS_ARRAY (root))
    {
      fail_protocol (task, status, "GET open_revs");
      return;
    }

  answers = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonNode *node = json_array_get_element (answers, i);
      JsonObject *doc;

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !json_object_has_member (json_node_get_object (node), "ok")
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (node), "ok")))
        continue;
      doc = json_object_get_object_member (json_node_get_object (node), "ok");
      /* Deleted leaves are not conflicts. */
      if (json_object_get_boolean_member_with_default (doc, "_deleted", FALSE)
          || json_object_get_string_member_with_default (doc, "_rev", NULL) == NULL
          || json_object_get_string_member_with_default (doc, "_id", NULL) == NULL)
        continue;
      g_ptr_array_add (leaves, json_object_ref (doc));
    }

  if (leaves->len < 2)
    {
      if (forget_resolve_key (task))
        resolve_next (task);
      return;
    }

  for (guint i = 1; i < leaves->len; i++)
    if (rev_wins (json_object_get_string_member (g_ptr_array_index (leaves, i), "_rev"),
                  json_object_get_string_member (g_ptr_array_index (leaves, winner), "_rev")))
      winner = i;

  run->winner = json_object_ref (g_ptr_array_index (leaves, winner));
  run->merged = json_object_ref (run->winner);
  run->merge_conflicts = json_object_new ();
  run->losers = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < leaves->len; i++)
    if (i != winner)
      g_ptr_array_add (run->losers, json_object_ref (g_ptr_array_index (leaves, i)));
  run->next_loser = 0;

  /* The merge is a copy: _revisions and _conflicts are not sent. */
  {
    JsonObject *copy = json_object_new ();
    JsonObjectIter iter;
    const char *member;
    JsonNode *value;

    json_object_iter_init (&iter, run->winner);
    while (json_object_iter_next (&iter, &member, &value))
      if (!g_str_equal (member, "_revisions") && !g_str_equal (member, "_conflicts"))
        json_object_set_member (copy, member, json_node_copy (value));
    json_object_unref (run->merged);
    run->merged = copy;
  }

  merge_next_loser (task);
}

static void
resolve_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  const char *key;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  if (run->resolve_keys[run->next_resolve] == NULL)
    {
      start_push (task);
      return;
    }

  key = run->resolve_keys[run->next_resolve++];
  id = g_uri_escape_string (key + strlen ("resolve:"), NULL, FALSE);
  path = g_strdup_printf ("/%s?open_revs=all&revs=true", id);
  http_send (task, "GET", path, NULL, open_revs_cb);
}

static void
start_resolve (GTask *task)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_clear_pointer (&run->resolve_keys, g_strfreev);
  run->resolve_keys = kam_store_sync_list_keys (self->store, "resolve:");
  run->next_resolve = 0;
  resolve_next (task);
}

/* Push ------------------------------------------------------------------- */

static void
bulk_docs_cb (GTask    *task,
              guint     status,
              JsonNode *root)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  JsonArray *answers;

  if ((status != SOUP_STATUS_CREATED && status != SOUP_STATUS_ACCEPTED) || !JSON_NODE_HOLDS_ARRAY (root))
    {
      fail_protocol (task, status, "_bulk_docs");
      return;
    }

  /* Every answer is an object with a string id, and a string rev or
   * error; anything else and nothing is acknowledged. */
  answers = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonNode *node = json_array_get_element (answers, i);

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !member_is_string (json_node_get_object (node), "id")
          || !(member_is_string (json_node_get_object (node), "rev")
               || member_is_string (json_node_get_object (node), "error")))
        {
          fail_protocol (task, status, "_bulk_docs");
          return;
        }
    }

  for (guint i = 0; i < run->batch->len; i++)
    {
      JsonObject *doc = json_array_get_object_element (run->batch_docs, i);

      g_hash_table_insert (by_id, (gpointer) json_object_get_string_member (doc, "_id"), GUINT_TO_POINTER (i + 1));
    }

  if (!kam_store_begin (self->store, &error))
    {
      fail_run (task, g_steal_pointer (&error));
      return;
    }

  /* Matched by id: the order of the answers is not the order sent. */
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonNode *node = json_array_get_element (answers, i);
      JsonObject *answer;
      const char *id, *rev, *err;
      guint index;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      answer = json_node_get_object (node);
      id = json_object_get_string_member_with_default (answer, "id", NULL);
      index = id ? GPOINTER_TO_UINT (g_hash_table_lookup (by_id, id)) : 0;
      if (index == 0)
        continue;
      rev = json_object_get_string_member_with_default (answer, "rev", NULL);
      err = json_object_get_string_member_with_default (answer, "error", NULL);

      if (err == NULL && rev != NULL)
        {
          if (!kam_store_sync_acknowledge (self->store, g_ptr_array_index (run->batch, index - 1),
                                           json_array_get_object_element (run->batch_docs, index - 1),
                                           rev, &error))
            {
              kam_store_rollback (self->store);
              fail_run (task, g_steal_pointer (&error));
              return;
            }
          run->pushed++;
        }
      else if (g_strcmp0 (err, "conflict") == 0)
        g_ptr_array_add (run->conflicts, g_strdup (id));
      else
        {
          const char *reason = json_object_get_string_member_with_default (answer, "reason", "");

          run->rejected++;
          if (run->rejections->len > 0)
            g_string_append (run->rejections, "; ");
          g_string_append_printf (run->rejections, "%s: %s %s", id, err ? err : "?", reason);
        }
      g_hash_table_remove (by_id, id);
    }

  if (!kam_store_commit (self->store, &error))
    {
      kam_store_rollback (self->store);
      fail_run (task, g_steal_pointer (&error));
      return;
    }

  g_signal_emit (self, signals[PROGRESS], 0, KAM_SYNC_PHASE_PUSH, run->pushed);
  /* Documents without an answer stay dirty and go with the next sync;
   * CouchDB answers for each, so this one is not CouchDB. */
  if (g_hash_table_size (by_id) > 0)
    {
      fail_run (task, g_error_new (KAM_SYNC_ERROR, KAM_SYNC_ERROR_PROTOCOL,
                                   _("The server did not answer for %u of the records sent"),
                                   g_hash_table_size (by_id)));
      return;
    }
  push_batch (task);
}

static void
push_batch (GTask *task)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_clear_pointer (&run->batch_docs, json_array_unref);
  run->batch = g_ptr_array_new ();
  run->batch_docs = json_array_new ();

  while (run->next < run->dirty->len && run->batch->len < PUSH_BATCH_SIZE)
    {
      KamStoreSyncItem *item = g_ptr_array_index (run->dirty, run->next++);
      g_autoptr(GError) error = NULL;
      JsonObject *doc = kam_store_sync_load_doc (self->store, item, &error);

      if (error != NULL)
        {
          fail_run (task, g_steal_pointer (&error));
          return;
        }
      if (doc == NULL)
        continue;
      g_ptr_array_add (run->batch, item);
      json_array_add_object_element (run->batch_docs, doc);
    }

  if (run->batch->len == 0)
    {
      run->next_conflict = 0;
      fetch_next_conflict (task);
      return;
    }

  json_object_set_array_member (body, "docs", json_array_ref (run->batch_docs));
  node = json_node_init_object (json_node_alloc (), body);
  http_send (task, "POST", "/_bulk_docs", node, bulk_docs_cb);
}

static void
start_push (GTask *task)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&run->dirty, g_ptr_array_unref);
  g_clear_pointer (&run->conflicts, g_ptr_array_unref);
  run->conflicts = g_ptr_array_new_with_free_func (g_free);
  run->dirty = kam_store_sync_list_dirty (self->store, &error);
  if (run->dirty == NULL)
    {
      fail_run (task, g_steal_pointer (&error));
      return;
    }
  run->next = 0;
  push_batch (task);
}

static void
conflict_doc_cb (GTask    *task,
                 guint     status,
                 JsonNode *root)
{
  KamSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (status == SOUP_STATUS_OK && JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(JsonArray) docs = json_array_new ();

      /* Merged like a pull: what is left to send stays dirty. */
      json_array_add_element (docs, json_node_copy (root));
      if (!kam_store_sync_apply_docs (self->store, docs, self->remote, NULL, &run->store_stats, &error))
        {
          fail_run (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (status != SOUP_STATUS_NOT_FOUND)
    {
      fail_protocol (task, status, "GET document");
      return;
    }

  fetch_next_conflict (task);
}

static void
fetch_next_conflict (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  if (run->next_conflict >= run->conflicts->len)
    {
      if (run->conflicts->len > 0 && ++run->round < PUSH_ROUNDS)
        start_push (task);
      else
        finish_run (task);
      return;
    }

  id = g_uri_escape_string (g_ptr_array_index (run->conflicts, run->next_conflict++), NULL, FALSE);
  path = g_strdup_printf ("/%s?conflicts=true", id);
  http_send (task, "GET", path, NULL, conflict_doc_cb);
}

/* GObject ---------------------------------------------------------------- */

static void
kam_sync_finalize (GObject *object)
{
  KamSync *self = KAM_SYNC (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_free (self->server);
  g_free (self->database);
  g_free (self->remote);
  if (self->auth != NULL)
    memset (self->auth, 0, strlen (self->auth));
  g_free (self->auth);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->user);

  G_OBJECT_CLASS (kam_sync_parent_class)->finalize (object);
}

static void
kam_sync_class_init (KamSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kam_sync_finalize;

  /**
   * KamSync::progress:
   * @phase: a #KamSyncPhase
   * @count: documents pulled, or pushed, so far in this run
   *
   * Emitted after each page of _changes applied and each batch pushed.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);
}

static void
kam_sync_init (KamSync *self)
{
  self->max_retries = 5;
  self->base_delay_ms = 500;
  self->session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60, NULL);
  /* The session cookie, in memory only. */
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);
}

/* Public API -------------------------------------------------------------- */

gboolean
kam_sync_check_server (const char  *server,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0
          && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_PROTOCOL,
                   _("%s is not a server address such as https://couch.example.com"), server);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0
      && !(g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "127.0.0.1")
           || g_str_equal (host, "::1") || g_str_equal (host, "[::1]")))
    {
      g_set_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_INSECURE,
                   _("%s is not secure: use https:// (plain http only to localhost)"), server);
      return FALSE;
    }
  return TRUE;
}

KamSync *
kam_sync_new (KamStore    *store,
              const char  *server,
              const char  *database,
              GError     **error)
{
  g_autoptr(KamSync) self = NULL;

  g_return_val_if_fail (KAM_IS_STORE (store), NULL);
  g_return_val_if_fail (server != NULL && database != NULL, NULL);

  if (*database == '\0')
    {
      g_set_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_PROTOCOL, _("Which database on the server?"));
      return NULL;
    }
  if (!kam_sync_check_server (server, error))
    return NULL;

  self = g_object_new (KAM_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->server = g_strdup (server);
  while (g_str_has_suffix (self->server, "/"))
    self->server[strlen (self->server) - 1] = '\0';
  self->database = g_strdup (database);
  self->remote = g_strconcat (self->server, "/", database, NULL);
  return g_steal_pointer (&self);
}

void
kam_sync_set_credentials (KamSync    *self,
                          const char *user,
                          const char *password)
{
  g_return_if_fail (KAM_IS_SYNC (self));

  if (self->auth != NULL)
    memset (self->auth, 0, strlen (self->auth));
  g_clear_pointer (&self->auth, g_free);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->user, g_free);
  self->logged_in = FALSE;
  self->rejected = FALSE;
  /* A new jar: no cookie of the previous user. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);

  if (user != NULL && *user != '\0')
    {
      self->user = g_strdup (user);
      self->password = g_strdup (password ? password : "");
    }
}

gboolean
kam_sync_get_password_rejected (KamSync *self)
{
  g_return_val_if_fail (KAM_IS_SYNC (self), FALSE);

  return self->rejected;
}

void
kam_sync_set_retry (KamSync *self,
                    guint    max_retries,
                    guint    base_delay_ms,
                    guint    timeout_s)
{
  g_return_if_fail (KAM_IS_SYNC (self));

  self->max_retries = max_retries;
  self->base_delay_ms = MAX (base_delay_ms, 1u);
  g_object_set (self->session, "timeout", timeout_s, NULL);
}

void
kam_sync_run_async (KamSync             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (KAM_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kam_sync_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("A sync is already running"));
      return;
    }

  run = g_new0 (Run, 1);
  run->rejections = g_string_new (NULL);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  memset (&self->last_stats, 0, sizeof self->last_stats);
  if (self->rejected)
    {
      g_task_return_new_error (task, KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH,
                               _("The server refused the password of %s: give it again "
                                 "(no more attempts until then)"), self->user);
      return;
    }
  self->running = TRUE;
  if (self->user != NULL && !self->logged_in && self->auth == NULL)
    login (task, NULL);
  else
    pull_page (task);
}

gboolean
kam_sync_run_finish (KamSync       *self,
                     GAsyncResult  *result,
                     KamSyncStats  *stats,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (stats != NULL)
    *stats = self->last_stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

gboolean
kam_sync_run (KamSync       *self,
              GCancellable  *cancellable,
              KamSyncStats  *stats,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (KAM_IS_SYNC (self), FALSE);

  kam_sync_run_async (self, cancellable, run_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  return kam_sync_run_finish (self, result, stats, error);
}
