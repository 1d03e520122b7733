/* kam-presenter-slide.h — a slide of the deck, scaled, in the presenter view
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kam-review-view.h"

G_BEGIN_DECLS

#define KAM_TYPE_PRESENTER_SLIDE (kam_presenter_slide_get_type ())
G_DECLARE_FINAL_TYPE (KamPresenterSlide, kam_presenter_slide, KAM, PRESENTER_SLIDE, GtkWidget)

GtkWidget *kam_presenter_slide_new       (void);
/* @deck is not owned: it must outlive the widget (the review window owns
 * it and closes the presenter view first). */
void       kam_presenter_slide_set_deck  (KamPresenterSlide *self,
                                          KamReviewDeck     *deck,
                                          gboolean           dark);
/* The size the audience sees the slides at: the slide is drawn at that
 * size and scaled, so its layout is the projected one; the widget keeps
 * its proportions (height for width). */
void       kam_presenter_slide_set_deck_size (KamPresenterSlide *self,
                                              int                width,
                                              int                height);
/* @index G_MAXUINT: after the last slide.  @blank veils the slide in black
 * or white, as the audience sees it. */
void       kam_presenter_slide_set_slide (KamPresenterSlide *self,
                                          guint              index,
                                          KamReviewBlank     blank);
guint      kam_presenter_slide_get_index (KamPresenterSlide *self);

G_END_DECLS
