/* kam-credentials.c — the sync password in the user's keyring (libsecret)
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "kam-credentials.h"

static const SecretSchema *
credentials_schema (void)
{
  static const SecretSchema schema = {
    KAM_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

char *
kam_credentials_lookup (const char    *server,
                        const char    *database,
                        const char    *user,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *secret = NULL;

  g_return_val_if_fail (server != NULL && database != NULL && user != NULL, NULL);

  secret = secret_password_lookup_nonpageable_sync (credentials_schema (), cancellable, error,
                                                    "server", server, "database", database,
                                                    "user", user, NULL);
  if (secret == NULL)
    return NULL;
  /* Out of libsecret's non-pageable memory into ours, wiped when freed. */
  {
    char *copy = g_strdup (secret);

    secret_password_free (g_steal_pointer (&secret));
    return copy;
  }
}

gboolean
kam_credentials_store (const char    *server,
                       const char    *database,
                       const char    *user,
                       const char    *password,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (server != NULL && database != NULL && user != NULL && password != NULL, FALSE);

  /* TRANSLATORS: the name of the keyring item: user, database, server */
  label = g_strdup_printf (_("Key Accounts sync: %s on %s at %s"), user, database, server);
  return secret_password_store_sync (credentials_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                     cancellable, error,
                                     "server", server, "database", database, "user", user, NULL);
}

gboolean
kam_credentials_clear (const char    *server,
                       const char    *database,
                       const char    *user,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (server != NULL && database != NULL && user != NULL, FALSE);

  return secret_password_clear_sync (credentials_schema (), cancellable, error,
                                     "server", server, "database", database, "user", user, NULL);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  char *secret = secret_password_lookup_nonpageable_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, (GDestroyNotify) kam_credentials_free_password);
    }
}

void
kam_credentials_lookup_async (const char          *server,
                              const char          *database,
                              const char          *user,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kam_credentials_lookup_async);
  secret_password_lookup (credentials_schema (), cancellable, lookup_cb, task,
                          "server", server, "database", database, "user", user, NULL);
}

char *
kam_credentials_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
kam_credentials_for_cli (const char *server,
                         const char *database,
                         const char *user)
{
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("KAM_PASSWORD");
  char *password;

  if (env != NULL)
    return g_strdup (env);
  password = kam_credentials_lookup (server, database, user, NULL, &error);
  if (error != NULL)
    g_debug ("no keyring: %s", error->message);
  return password;
}

void
kam_credentials_free_password (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, strlen (password));
  g_free (password);
}
