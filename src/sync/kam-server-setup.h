/* kam-server-setup.h — prepares a team's database on a CouchDB server
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KAM_DESIGN_DOC_ID "_design/key-accounts"

/* The design document _design/key-accounts: its validate_doc_update is
 * data/couchdb-validate.js. */
JsonObject *kam_server_design_document (void);

/* Creates @database on @server (kept when it exists), installs or updates
 * the design document and sets the database's _security: @members (user
 * names) and @roles may write, nobody else but the server's admins.  Needs
 * an admin's @user and @password (NULL for a server in "admin party", as a
 * fresh pouchdb-server).  Blocks: call it from a thread or a command. */
gboolean    kam_server_setup           (const char          *server,
                                        const char          *database,
                                        const char          *user,
                                        const char          *password,
                                        const char * const  *members,
                                        const char * const  *roles,
                                        GCancellable        *cancellable,
                                        GError             **error);

G_END_DECLS
