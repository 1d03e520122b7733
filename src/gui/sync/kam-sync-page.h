/* kam-sync-page.h — the Sync page of the preferences window
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"

G_BEGIN_DECLS

#define KAM_TYPE_SYNC_PAGE (kam_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (KamSyncPage, kam_sync_page, KAM, SYNC_PAGE, AdwPreferencesPage)

AdwPreferencesPage *kam_sync_page_new (KamContext *context);

G_END_DECLS
