/* kam-server-setup.c — prepares a team's database on a CouchDB server
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three requests as an admin: PUT /{db} (412 when it exists is fine), PUT
 * the design document (with the _rev of the one there, if any), PUT
 * /{db}/_security.  Synchronous: it runs once, from `kam server-setup`.
 */
#define G_LOG_DOMAIN "kam-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kam-server-setup.h"
#include "kam-sync-resources.h"
#include "kam-sync.h"

JsonObject *
kam_server_design_document (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *code = NULL;
  JsonObject *doc = json_object_new ();
  const char *text, *start;
  gsize size;

  bytes = g_resource_lookup_data (kam_sync_get_resource (),
                                  "/io/github/keyaccounts/KeyAccounts/sync/couchdb-validate.js",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  text = g_bytes_get_data (bytes, &size);
  /* The function, without the comment above it. */
  code = g_strndup (text, size);
  start = strstr (code, "\nfunction");
  json_object_set_string_member (doc, "_id", KAM_DESIGN_DOC_ID);
  json_object_set_string_member (doc, "language", "javascript");
  json_object_set_string_member (doc, "validate_doc_update", start ? start + 1 : code);
  return doc;
}

typedef struct {
  SoupSession *session;
  const char  *server;
  char        *auth;
  GCancellable *cancellable;
} Setup;

/* One request; the answer parsed (may be NULL for an empty body). */
static gboolean
request (Setup       *setup,
         const char  *method,
         const char  *path,
         JsonNode    *body,
         guint       *status,
         JsonNode   **answer,
         GError     **error)
{
  g_autofree char *uri = g_strconcat (setup->server, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *headers;

  if (msg == NULL)
    {
      g_set_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_PROTOCOL, _("%s is not a valid address"), uri);
      return FALSE;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (setup->auth != NULL)
    soup_message_headers_replace (headers, "Authorization", setup->auth);
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);
      g_autoptr(GBytes) request_body = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
    }

  bytes = soup_session_send_and_read (setup->session, msg, setup->cancellable, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_NETWORK,
                   _("The server %s does not answer: %s"), setup->server, local_error->message);
      return FALSE;
    }
  *status = soup_message_get_status (msg);
  if (*status == SOUP_STATUS_UNAUTHORIZED || *status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_AUTH,
                   _("The server refused the administrator's user name or password (%u %s)"),
                   *status, soup_message_get_reason_phrase (msg));
      return FALSE;
    }
  if (answer != NULL)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      *answer = *text ? json_from_string (text, NULL) : NULL;
    }
  return TRUE;
}

static gboolean
expect (guint        status,
        guint        want1,
        guint        want2,
        const char  *what,
        GError     **error)
{
  if (status == want1 || status == want2)
    return TRUE;
  g_set_error (error, KAM_SYNC_ERROR, status >= 500 ? KAM_SYNC_ERROR_SERVER : KAM_SYNC_ERROR_PROTOCOL,
               _("Unexpected answer from the server to %s (HTTP %u)"), what, status);
  return FALSE;
}

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

gboolean
kam_server_setup (const char          *server,
                  const char          *database,
                  const char          *user,
                  const char          *password,
                  const char * const  *members,
                  const char * const  *roles,
                  GCancellable        *cancellable,
                  GError             **error)
{
  Setup setup = { 0 };
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *base = NULL;
  g_autofree char *db = NULL;
  g_autofree char *design_path = NULL;
  g_autofree char *security_path = NULL;
  g_autoptr(JsonObject) design = kam_server_design_document ();
  g_autoptr(JsonObject) security = json_object_new ();
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *group;
  guint status = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (server != NULL && database != NULL, FALSE);

  if (!kam_sync_check_server (server, error))
    return FALSE;
  base = g_strdup (server);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  setup.session = session;
  setup.server = base;
  setup.cancellable = cancellable;
  if (user != NULL && *user != '\0')
    {
      g_autofree char *pair = g_strconcat (user, ":", password ? password : "", NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      setup.auth = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }

  db = g_uri_escape_string (database, NULL, FALSE);
  design_path = g_strconcat ("/", db, "/", KAM_DESIGN_DOC_ID, NULL);
  security_path = g_strconcat ("/", db, "/_security", NULL);

  /* The database: 201 made, 412 there already. */
  {
    g_autofree char *path = g_strconcat ("/", db, NULL);

    if (!request (&setup, "PUT", path, NULL, &status, NULL, error)
        || !expect (status, SOUP_STATUS_CREATED, SOUP_STATUS_PRECONDITION_FAILED, "PUT database", error))
      goto out;
  }

  /* The design document, over the one there. */
  if (!request (&setup, "GET", design_path, NULL, &status, &current, error))
    goto out;
  if (status == SOUP_STATUS_OK && current != NULL && JSON_NODE_HOLDS_OBJECT (current)
      && json_object_has_member (json_node_get_object (current), "_rev"))
    json_object_set_string_member (design, "_rev",
                                   json_object_get_string_member (json_node_get_object (current), "_rev"));
  node = json_node_init_object (json_node_alloc (), design);
  if (!request (&setup, "PUT", design_path, node, &status, NULL, error)
      || !expect (status, SOUP_STATUS_CREATED, SOUP_STATUS_ACCEPTED, "PUT design document", error))
    goto out;
  g_clear_pointer (&node, json_node_unref);

  /* Who may read and write: the members; admins stay the server's. */
  group = json_object_new ();
  json_object_set_array_member (group, "names", json_array_new ());
  json_object_set_array_member (group, "roles", json_array_new ());
  json_object_set_object_member (security, "admins", group);
  group = json_object_new ();
  json_object_set_array_member (group, "names", strv_to_array (members));
  json_object_set_array_member (group, "roles", strv_to_array (roles));
  json_object_set_object_member (security, "members", group);
  node = json_node_init_object (json_node_alloc (), security);
  if (!request (&setup, "PUT", security_path, node, &status, NULL, error)
      || !expect (status, SOUP_STATUS_OK, SOUP_STATUS_OK, "PUT _security", error))
    goto out;

  ok = TRUE;

out:
  if (setup.auth != NULL)
    memset (setup.auth, 0, strlen (setup.auth));
  g_free (setup.auth);
  return ok;
}
