/* kam-window.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-application.h"
#include "kam-context.h"

G_BEGIN_DECLS

#define KAM_TYPE_WINDOW (kam_window_get_type ())
G_DECLARE_FINAL_TYPE (KamWindow, kam_window, KAM, WINDOW, AdwApplicationWindow)

/* @context is NULL when the database could not be opened: the window then
 * shows @open_error. */
KamWindow *kam_window_new        (KamApplication *application,
                                  KamContext     *context,
                                  const GError   *open_error);
void       kam_window_add_toast  (KamWindow      *self,
                                  AdwToast       *toast);

G_END_DECLS
