/* kam-presenter-window.h — the presenter view of review mode
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kam-review-window.h"

G_BEGIN_DECLS

#define KAM_TYPE_PRESENTER_WINDOW (kam_presenter_window_get_type ())
G_DECLARE_FINAL_TYPE (KamPresenterWindow, kam_presenter_window, KAM, PRESENTER_WINDOW, GtkWindow)

/* The presenter view of @review's deck (use
 * kam_review_window_start_presenter(), which keeps track of it). */
KamPresenterWindow *kam_presenter_window_new         (KamReviewWindow    *review);
/* Fullscreen on @monitor, else a window of its own over the deck. */
void                kam_presenter_window_start       (KamPresenterWindow *self,
                                                      GdkMonitor         *monitor);
KamReviewWindow    *kam_presenter_window_get_review  (KamPresenterWindow *self);
/* The slides shown: the current one, and the next (G_MAXUINT after the
 * last slide). */
guint               kam_presenter_window_get_current (KamPresenterWindow *self);
guint               kam_presenter_window_get_next    (KamPresenterWindow *self);
/* For tests and screenshots: the clock shows @now and the time elapsed
 * @elapsed instead of the real ones (@now NULL: the real ones again). */
void                kam_presenter_window_set_clock   (KamPresenterWindow *self,
                                                      GDateTime          *now,
                                                      GTimeSpan           elapsed);

G_END_DECLS
