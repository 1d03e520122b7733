/* kam-sync-controller.h — the window's sync: when, in which thread, and
 * what state it is in
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kam-context.h"

G_BEGIN_DECLS

typedef enum {
  KAM_SYNC_STATE_OFF,      /* no server set */
  KAM_SYNC_STATE_IDLE,     /* the last sync went through (or none yet) */
  KAM_SYNC_STATE_SYNCING,
  KAM_SYNC_STATE_OFFLINE,  /* the server does not answer */
  KAM_SYNC_STATE_ERROR,    /* see the message */
} KamSyncState;

#define KAM_TYPE_SYNC_CONTROLLER (kam_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (KamSyncController, kam_sync_controller, KAM, SYNC_CONTROLLER, GObject)

/* The one controller of @context (made on first use). */
KamSyncController *kam_sync_controller_get_for_context (KamContext        *context);

KamContext        *kam_sync_controller_get_context     (KamSyncController *self);
KamSyncState       kam_sync_controller_get_state       (KamSyncController *self);
/* What to tell the user: the progress, or the reason of an error. */
const char        *kam_sync_controller_get_message     (KamSyncController *self);
/* Open conflicts in the store. */
guint              kam_sync_controller_get_n_conflicts (KamSyncController *self);

/* The server, database and user (kept in the store as kam sync keeps them)
 * and the password (kept in the keyring); "" clears.  Saving re-arms the
 * timer and forgets a refused password. */
void               kam_sync_controller_configure       (KamSyncController *self,
                                                        const char        *server,
                                                        const char        *database,
                                                        const char        *user,
                                                        const char        *password);
/* Minutes between syncs, 0 for "only when asked". */
guint              kam_sync_controller_get_interval    (KamSyncController *self);
void               kam_sync_controller_set_interval    (KamSyncController *self,
                                                        guint              minutes);

/* Starts a sync in a worker thread unless one runs or none is set. */
void               kam_sync_controller_sync_now        (KamSyncController *self);
/* Re-reads the number of conflicts (after a resolution). */
void               kam_sync_controller_refresh         (KamSyncController *self);

G_END_DECLS
