/* kam-store-private.h — for the parts of core that run their own SQL
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "kam-store.h"

G_BEGIN_DECLS

sqlite3       *kam_store_get_db            (KamStore            *self);
/* A cached prepared statement for @sql (which must be a constant). */
sqlite3_stmt  *kam_store_prepare           (KamStore            *self,
                                            const char          *sql,
                                            GError             **error);
gboolean       kam_store_set_sqlite_error  (KamStore            *self,
                                            int                  rc,
                                            GError             **error);
/* Notes that @flags kinds changed; emitted at the outermost commit. */
void           kam_store_note_changed      (KamStore            *self,
                                            KamChangeFlags       flags);
KamChangeFlags kam_store_kind_flag         (const KamRecordKind *kind);
/* "SELECT rowid, id, created_at, updated_at, <fields> FROM <table>" */
const char    *kam_store_select_sql        (const KamRecordKind *kind);
/* Makes a record from a row of kam_store_select_sql() (REFS filled too). */
KamRecord     *kam_store_record_from_row   (KamStore            *self,
                                            const KamRecordKind *kind,
                                            sqlite3_stmt        *stmt);

/* A consistent snapshot for several reads: BEGIN DEFERRED when no
 * transaction is open (a read takes no write lock), else nothing. */
gboolean       kam_store_begin_read        (KamStore            *self,
                                            GError             **error);
void           kam_store_end_read          (KamStore            *self);

/* Creates a database at schema @version exactly, for migration tests. */
gboolean       kam_store_create_at_version (const char          *path,
                                            int                  version,
                                            GError             **error);

G_END_DECLS
