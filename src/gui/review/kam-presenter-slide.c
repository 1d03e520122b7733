/* kam-presenter-slide.c — a slide of the deck, scaled, in the presenter view
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The slide is drawn by the deck's own code (kam_review_draw_slide()) at
 * the size of the beamer and scaled to the widget, with rounded corners
 * and a hairline frame in the colours of the GNOME style.  The widget asks
 * for the height its width gives at the deck's proportions; given less, it
 * draws smaller, at the top left.
 */
#define G_LOG_DOMAIN "kam-review"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "kam-chart.h"
#include "kam-presenter-slide.h"

struct _KamPresenterSlide
{
  GtkWidget       parent_instance;

  KamReviewDeck  *deck;
  gboolean        dark;
  int             deck_width;
  int             deck_height;
  guint           index;
  KamReviewBlank  blank;
};

G_DEFINE_FINAL_TYPE (KamPresenterSlide, kam_presenter_slide, GTK_TYPE_WIDGET)

static void
draw_centered_text (GtkWidget  *widget,
                    cairo_t    *cr,
                    const char *text,
                    double      x,
                    double      y,
                    double      width,
                    double      height,
                    double      size)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (
                                                              pango_layout_get_context (layout)));
  int h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * 0.9 * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, NULL, &h);
  /* centred within its width, itself centred */
  cairo_move_to (cr, x + width * 0.05, y + (height - h) / 2);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
kam_presenter_slide_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  KamPresenterSlide *self = KAM_PRESENTER_SLIDE (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark_ui = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double ink = dark_ui ? 1 : 0;
  double scale, w, h, x, radius;
  KamReviewStyle style;
  cairo_t *cr;

  if (self->deck == NULL || width < 2 || height < 2)
    return;
  scale = MIN ((double) width / self->deck_width, (double) height / self->deck_height);
  w = floor (self->deck_width * scale);
  h = floor (self->deck_height * scale);
  x = 0;   /* under the heading, when the height limits the size */
  radius = MAX (4, MIN (w, h) * 0.02);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->index == G_MAXUINT || self->index >= kam_review_deck_get_n_slides (self->deck))
    {
      /* after the last slide: an empty frame that says so */
      kam_chart_rounded_rect (cr, x + 0.75, 0.75, w - 1.5, h - 1.5, radius);
      cairo_set_source_rgba (cr, ink, ink, ink, 0.04);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, ink, ink, ink, 0.3);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_source_rgba (cr, ink, ink, ink, 0.55);
      draw_centered_text (widget, cr, _("End of the review"), x, 0, w, h, MAX (12, h * 0.08));
      cairo_destroy (cr);
      return;
    }

  cairo_save (cr);
  kam_chart_rounded_rect (cr, x, 0, w, h, radius);
  cairo_clip (cr);
  cairo_translate (cr, x, 0);
  cairo_scale (cr, scale, scale);
  kam_review_style_init (&style);
  style.dark = self->dark;
  kam_review_draw_slide (self->deck, self->index, cr, self->deck_width, self->deck_height, &style);
  cairo_restore (cr);

  if (self->blank != KAM_REVIEW_BLANK_NONE)
    {
      /* the audience sees black or white: the slide stays readable here,
       * veiled in that colour */
      double v = self->blank == KAM_REVIEW_BLANK_WHITE ? 1 : 0;

      kam_chart_rounded_rect (cr, x, 0, w, h, radius);
      cairo_set_source_rgba (cr, v, v, v, 0.75);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1 - v, 1 - v, 1 - v);
      draw_centered_text (widget, cr, self->blank == KAM_REVIEW_BLANK_WHITE ? _("The screen is white")
                                                                            : _("The screen is black"),
                          x, 0, w, h, MAX (14, h * 0.06));
    }

  kam_chart_rounded_rect (cr, x + 0.5, 0.5, w - 1, h - 1, radius);
  cairo_set_source_rgba (cr, ink, ink, ink, dark_ui ? 0.2 : 0.16);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
kam_presenter_slide_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kam_presenter_slide_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  KamPresenterSlide *self = KAM_PRESENTER_SLIDE (widget);
  double ratio = (double) self->deck_width / self->deck_height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 64;
      *natural = for_size > 0 ? (int) ceil (for_size * ratio) : 480;
    }
  else
    {
      /* less than that: drawn smaller */
      *minimum = 36;
      *natural = (int) ceil ((for_size > 0 ? for_size : 480) / ratio);
    }
}

static void
kam_presenter_slide_class_init (KamPresenterSlideClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = kam_presenter_slide_snapshot;
  widget_class->get_request_mode = kam_presenter_slide_get_request_mode;
  widget_class->measure = kam_presenter_slide_measure;
  gtk_widget_class_set_css_name (widget_class, "kam-presenter-slide");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kam_presenter_slide_init (KamPresenterSlide *self)
{
  self->deck_width = 1920;
  self->deck_height = 1080;
  self->index = G_MAXUINT;
}

GtkWidget *
kam_presenter_slide_new (void)
{
  return g_object_new (KAM_TYPE_PRESENTER_SLIDE, NULL);
}

void
kam_presenter_slide_set_deck (KamPresenterSlide *self,
                              KamReviewDeck     *deck,
                              gboolean           dark)
{
  g_return_if_fail (KAM_IS_PRESENTER_SLIDE (self));

  self->deck = deck;
  self->dark = !!dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kam_presenter_slide_set_deck_size (KamPresenterSlide *self,
                                   int                width,
                                   int                height)
{
  g_return_if_fail (KAM_IS_PRESENTER_SLIDE (self));

  if (width < 1 || height < 1 || (width == self->deck_width && height == self->deck_height))
    return;
  self->deck_width = width;
  self->deck_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
kam_presenter_slide_set_slide (KamPresenterSlide *self,
                               guint              index,
                               KamReviewBlank     blank)
{
  g_return_if_fail (KAM_IS_PRESENTER_SLIDE (self));

  if (self->index == index && self->blank == blank)
    return;
  self->index = index;
  self->blank = blank;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
kam_presenter_slide_get_index (KamPresenterSlide *self)
{
  g_return_val_if_fail (KAM_IS_PRESENTER_SLIDE (self), G_MAXUINT);
  return self->index;
}
