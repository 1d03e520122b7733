/* kam-sync-indicator.h — the sync state in the header bar, and the toast
 * when records arrive
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-sync-controller.h"

G_BEGIN_DECLS

#define KAM_TYPE_SYNC_INDICATOR (kam_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (KamSyncIndicator, kam_sync_indicator, KAM, SYNC_INDICATOR, GtkWidget)

/* @toasts (may be NULL) gets "N records arrived" toasts. */
GtkWidget *kam_sync_indicator_new        (KamSyncController *controller,
                                          AdwToastOverlay   *toasts);

/* Puts an indicator at the end of the header bar holding the view
 * switcher title ("switcher_title") of @window's template, with the toasts in its "toast_overlay", and starts
 * a first sync when a server is set.  The one call the window makes. */
void       kam_sync_attach_to_window     (GtkWidget         *window,
                                          KamContext        *context);

G_END_DECLS
