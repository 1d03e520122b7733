/* kam-backup.h — the whole database as one JSON document, and back
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kam-store.h"

G_BEGIN_DECLS

/* Writes every record (not deleted) and the settings to @path as
 * {"format": "key-accounts-backup", "version": 1, "settings": {...},
 *  "member": [...], "account": [...], ...} in a stable order, atomically
 * (a temporary file renamed over @path). */
gboolean kam_backup_export (KamStore    *store,
                            const char  *path,
                            GError     **error);

/* Restores a backup written by kam_backup_export() in one transaction: all
 * of it or, on any error (malformed JSON, a bad field, a missing reference),
 * nothing.  Records with the same id are replaced. */
gboolean kam_backup_import (KamStore    *store,
                            const char  *path,
                            guint       *n_records,
                            GError     **error);

G_END_DECLS
