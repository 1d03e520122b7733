/* kam-conflicts-window.h — the records changed here and on the server to
 * different values, field by field, with both values side by side
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-sync-controller.h"

G_BEGIN_DECLS

#define KAM_TYPE_CONFLICTS_WINDOW (kam_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (KamConflictsWindow, kam_conflicts_window, KAM, CONFLICTS_WINDOW, AdwWindow)

KamConflictsWindow *kam_conflicts_window_new     (KamSyncController  *controller);
/* Rows shown: one per conflicted field. */
guint               kam_conflicts_window_get_n_fields (KamConflictsWindow *self);

G_END_DECLS
