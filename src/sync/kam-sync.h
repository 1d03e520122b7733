/* kam-sync.h — two-way sync of the store with a CouchDB database
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kam-store.h"

G_BEGIN_DECLS

#define KAM_SYNC_ERROR (kam_sync_error_quark ())

typedef enum {
  KAM_SYNC_ERROR_INSECURE,   /* plain HTTP to another machine */
  KAM_SYNC_ERROR_AUTH,       /* 401/403: the user or password is wrong */
  KAM_SYNC_ERROR_NETWORK,    /* no answer, after the retries */
  KAM_SYNC_ERROR_SERVER,     /* 5xx after the retries, or an unexpected status */
  KAM_SYNC_ERROR_PROTOCOL,   /* an answer that is not what CouchDB sends */
  KAM_SYNC_ERROR_REJECTED,   /* the server refused some records (kept dirty) */
} KamSyncError;

typedef enum {
  KAM_SYNC_PHASE_PULL,
  KAM_SYNC_PHASE_PUSH,
} KamSyncPhase;

typedef struct {
  guint pulled;
  guint pushed;
  guint merged;
  guint conflicts;
  guint pending;    /* pulled documents that could not be applied yet */
  guint rejected;   /* pushed documents the server refused */
  guint resolved;   /* documents with conflicting revisions on the server
                     * (_conflicts) merged and pruned */
} KamSyncStats;

#define KAM_TYPE_SYNC (kam_sync_get_type ())
G_DECLARE_FINAL_TYPE (KamSync, kam_sync, KAM, SYNC, GObject)

GQuark    kam_sync_error_quark  (void);

/* TRUE when @server is an https:// address, or http:// to localhost,
 * 127.0.0.1 or ::1; else a translated KAM_SYNC_ERROR_INSECURE (or
 * _PROTOCOL for what is not an address). */
gboolean  kam_sync_check_server (const char           *server,
                                 GError              **error);

/* @server is "https://host[:port]" (plain http only to localhost). */
KamSync  *kam_sync_new          (KamStore             *store,
                                 const char           *server,
                                 const char           *database,
                                 GError              **error);
/* Logs in as @user (POST /_session; the session cookie is kept in memory
 * only) at the next run.  @user NULL: no login. */
void      kam_sync_set_credentials (KamSync           *self,
                                 const char           *user,
                                 const char           *password);
/* TRUE after the server refused the password: runs fail at once, without
 * asking the server, until kam_sync_set_credentials() is called again. */
gboolean  kam_sync_get_password_rejected (KamSync     *self);
/* Retries of a request that timed out or got a 5xx: up to @max_retries,
 * waiting @base_delay_ms × 2^attempt with jitter; @timeout_s per request. */
void      kam_sync_set_retry    (KamSync              *self,
                                 guint                 max_retries,
                                 guint                 base_delay_ms,
                                 guint                 timeout_s);

/* Pulls, then pushes, in the thread-default main context. */
void      kam_sync_run_async    (KamSync              *self,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  kam_sync_run_finish   (KamSync              *self,
                                 GAsyncResult         *result,
                                 KamSyncStats         *stats,
                                 GError              **error);

/* Runs kam_sync_run_async() to its end in a main context of its own. */
gboolean  kam_sync_run          (KamSync              *self,
                                 GCancellable         *cancellable,
                                 KamSyncStats         *stats,
                                 GError              **error);

G_END_DECLS
