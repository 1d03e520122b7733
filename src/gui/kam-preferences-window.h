/* kam-preferences-window.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"

G_BEGIN_DECLS

#define KAM_TYPE_PREFERENCES_WINDOW (kam_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KamPreferencesWindow, kam_preferences_window, KAM, PREFERENCES_WINDOW, AdwPreferencesWindow)

KamPreferencesWindow *kam_preferences_window_new (KamContext *context);

G_END_DECLS
