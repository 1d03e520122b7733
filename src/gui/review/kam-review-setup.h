/* kam-review-setup.h — what to review: period, scope, accounts, screen
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"
#include "kam-review-window.h"

G_BEGIN_DECLS

#define KAM_TYPE_REVIEW_SETUP (kam_review_setup_get_type ())
G_DECLARE_FINAL_TYPE (KamReviewSetup, kam_review_setup, KAM, REVIEW_SETUP, AdwWindow)

/* A modal dialog over @parent; Start opens review mode. */
KamReviewSetup  *kam_review_setup_new    (KamContext     *context,
                                          GtkWindow      *parent);
/* Builds the deck of the choices made and opens review mode fullscreen on
 * the chosen monitor (what Start does); NULL and an error when the deck
 * cannot be read.  The setup window is closed. */
KamReviewWindow *kam_review_setup_start  (KamReviewSetup *self,
                                          GError        **error);

/* For tests: choose the row @position of a list: "period", "scope",
 * "accounts" (4: chosen accounts), "theme". */
void             kam_review_setup_choose (KamReviewSetup *self,
                                          const char     *list,
                                          guint           position);
/* The "Presenter view" switch (on by default with several monitors). */
void             kam_review_setup_set_presenter (KamReviewSetup *self,
                                                 gboolean        presenter);
gboolean         kam_review_setup_get_presenter (KamReviewSetup *self);
/* How many accounts are ticked in the list of chosen accounts. */
guint            kam_review_setup_get_n_chosen  (KamReviewSetup *self);

G_END_DECLS
