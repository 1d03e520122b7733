/* kam-review-window.h — review mode: the deck, fullscreen, keys of a clicker
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kam-review-view.h"

G_BEGIN_DECLS

#define KAM_TYPE_REVIEW_WINDOW (kam_review_window_get_type ())
G_DECLARE_FINAL_TYPE (KamReviewWindow, kam_review_window, KAM, REVIEW_WINDOW, GtkWindow)

/* Takes @deck over. */
KamReviewWindow *kam_review_window_new        (GtkWindow       *parent,
                                               KamReviewDeck   *deck,
                                               gboolean         dark);
/* Presents the window fullscreen on @monitor (NULL: where the window
 * manager puts it). */
void             kam_review_window_start      (KamReviewWindow *self,
                                               GdkMonitor      *monitor);
KamReviewView   *kam_review_window_get_view   (KamReviewWindow *self);
guint            kam_review_window_get_index  (KamReviewWindow *self);
guint            kam_review_window_get_n_slides (KamReviewWindow *self);

KamReviewDeck   *kam_review_window_get_deck   (KamReviewWindow *self);
gboolean         kam_review_window_get_dark   (KamReviewWindow *self);
KamReviewBlank   kam_review_window_get_blank  (KamReviewWindow *self);
/* The digits typed so far for a jump ("" when none). */
const char      *kam_review_window_get_pending (KamReviewWindow *self);

/* Opens the presenter view (current and next slide, notes, clock) for this
 * deck: fullscreen on @monitor, or a window of its own over the deck when
 * @monitor is NULL (one screen, or a mirrored beamer).  It follows the
 * deck, sends its keys here and closes with it.  Returns the presenter's
 * window (owned by GTK). */
GtkWindow       *kam_review_window_start_presenter (KamReviewWindow *self,
                                                    GdkMonitor      *monitor);
/* The presenter view, or NULL when it is not open. */
GtkWindow       *kam_review_window_get_presenter   (KamReviewWindow *self);

/* What a key does in review mode (the window's key controller calls it):
 * Right, Down, Page_Down, space: next; Left, Up, Page_Up, BackSpace:
 * previous; Home, End; digits then Return: jump; B or period: black; W:
 * white (again: back; any move key on a blank screen only unblanks);
 * Escape: clears the digits typed, else leaves.  TRUE when the key was
 * used. */
gboolean         kam_review_window_press_key  (KamReviewWindow *self,
                                               guint            keyval,
                                               GdkModifierType  state);

G_END_DECLS
