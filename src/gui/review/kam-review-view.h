/* kam-review-view.h — one slide of the review deck, full size
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kam-review.h"

G_BEGIN_DECLS

typedef enum {
  KAM_REVIEW_BLANK_NONE,
  KAM_REVIEW_BLANK_BLACK,
  KAM_REVIEW_BLANK_WHITE,
} KamReviewBlank;

#define KAM_TYPE_REVIEW_VIEW (kam_review_view_get_type ())
G_DECLARE_FINAL_TYPE (KamReviewView, kam_review_view, KAM, REVIEW_VIEW, GtkWidget)

GtkWidget      *kam_review_view_new        (void);
/* @deck is not owned: it must outlive the view (the window owns both). */
void            kam_review_view_set_deck   (KamReviewView  *self,
                                            KamReviewDeck  *deck);
KamReviewDeck  *kam_review_view_get_deck   (KamReviewView  *self);
void            kam_review_view_set_index  (KamReviewView  *self,
                                            guint           index);
guint           kam_review_view_get_index  (KamReviewView  *self);
void            kam_review_view_set_blank  (KamReviewView  *self,
                                            KamReviewBlank  blank);
KamReviewBlank  kam_review_view_get_blank  (KamReviewView  *self);
void            kam_review_view_set_dark   (KamReviewView  *self,
                                            gboolean        dark);
/* The digits typed so far for a jump ("12"), shown at the bottom; NULL or
 * "" hides them. */
void            kam_review_view_set_pending (KamReviewView *self,
                                             const char    *digits);

/* Signal "drill-down" (KamReviewView *, const char *target): a click on a
 * chart element, a row, a card or a tile of the slide; @target is a
 * drill-down target (kam-drill.h).  The default handler leaves review mode
 * and has the main window (the review window's transient parent) activate
 * win.drill-down with it. */

G_END_DECLS
