/* kam-credentials.h — the sync password in the user's keyring (libsecret)
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One item per server, database and user (the item's attributes, which are
 * not secret); the password is its secret.  Nothing is written to a file of
 * ours.  The synchronous calls block on D-Bus: the window uses the _async
 * ones, the kam tool the others.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema name, as seen in Seahorse. */
#define KAM_CREDENTIALS_SCHEMA_NAME "io.github.keyaccounts.KeyAccounts.Sync"

/* The password, NULL without error when the keyring has none. */
char     *kam_credentials_lookup        (const char    *server,
                                         const char    *database,
                                         const char    *user,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean  kam_credentials_store         (const char    *server,
                                         const char    *database,
                                         const char    *user,
                                         const char    *password,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* TRUE when an item was removed (FALSE without error when there was none). */
gboolean  kam_credentials_clear         (const char    *server,
                                         const char    *database,
                                         const char    *user,
                                         GCancellable  *cancellable,
                                         GError       **error);

void      kam_credentials_lookup_async  (const char          *server,
                                         const char          *database,
                                         const char          *user,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char     *kam_credentials_lookup_finish (GAsyncResult        *result,
                                         GError             **error);

/* The password for the kam tool: $KAM_PASSWORD when set, else the
 * keyring's (NULL when neither has one; a keyring that cannot be reached
 * is no password, said with g_debug). */
char     *kam_credentials_for_cli       (const char    *server,
                                         const char    *database,
                                         const char    *user);

/* Wipes and frees a password. */
void      kam_credentials_free_password (char          *password);

G_END_DECLS
