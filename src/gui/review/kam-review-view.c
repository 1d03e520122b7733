/* kam-review-view.c — one slide of the review deck, full size
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The slide is drawn by the same code as the PDF (kam-review-draw.c) into
 * the snapshot's cairo node, at the widget's size; over it a thin progress
 * bar along the bottom edge and the slide counter.  The deck is read from
 * the store before (kam_review_deck_build()), so a snapshot reads nothing.
 *
 * A click on a chart element, a row, a card or a tile drills down: the view
 * emits "drill-down" with the target (kam-drill.h, from
 * kam_review_slide_hit()); its default handler leaves review mode (the
 * view's window is destroyed, as Esc does) and has the window it was opened
 * from (its transient parent, the main window) activate win.drill-down.
 */
#define G_LOG_DOMAIN "kam-review"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "kam-review-view.h"

struct _KamReviewView
{
  GtkWidget       parent_instance;

  KamReviewDeck  *deck;
  guint           index;
  KamReviewBlank  blank;
  gboolean        dark;
  char           *pending;
};

G_DEFINE_FINAL_TYPE (KamReviewView, kam_review_view, GTK_TYPE_WIDGET)

enum { DRILL_DOWN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static void
draw_overlay_text (cairo_t    *cr,
                   const char *text,
                   double      x,
                   double      y,
                   double      size,
                   gboolean    right,
                   guint32     rgb)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK SC, Sans");
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_color (cr, rgb);
  cairo_move_to (cr, right ? x - w : x, y - h);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
kam_review_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KamReviewView *self = KAM_REVIEW_VIEW (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint n = self->deck != NULL ? kam_review_deck_get_n_slides (self->deck) : 0;
  cairo_t *cr;
  KamReviewStyle style;
  double u;

  if (width < 1 || height < 1)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->blank != KAM_REVIEW_BLANK_NONE || n == 0)
    {
      set_color (cr, self->blank == KAM_REVIEW_BLANK_WHITE ? 0xffffff : 0x000000);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }

  kam_review_style_init (&style);
  style.dark = self->dark;
  kam_review_draw_slide (self->deck, self->index, cr, width, height, &style);

  /* the progress bar and the counter */
  u = kam_review_body_size (width, height);
  set_color (cr, kam_chart_color (KAM_CHART_COLOR_GRID, self->dark));
  cairo_rectangle (cr, 0, height - u * 0.16, width, u * 0.16);
  cairo_fill (cr);
  set_color (cr, kam_chart_color (KAM_CHART_COLOR_OPEN, self->dark));
  cairo_rectangle (cr, 0, height - u * 0.16, width * (self->index + 1) / n, u * 0.16);
  cairo_fill (cr);
  {
    g_autofree char *counter = g_strdup_printf ("%u / %u", self->index + 1, n);

    draw_overlay_text (cr, counter, width - u * 0.8, height - u * 0.45, u * 0.65, TRUE,
                       kam_chart_color (KAM_CHART_COLOR_DIM_TEXT, self->dark));
  }
  if (self->pending != NULL && *self->pending != '\0')
    {
      /* TRANSLATORS: shown while typing a slide number to jump to */
      g_autofree char *text = g_strdup_printf (_("Go to slide %s"), self->pending);

      draw_overlay_text (cr, text, u * 0.8, height - u * 0.45, u * 0.8, FALSE,
                         kam_chart_color (KAM_CHART_COLOR_OPEN, self->dark));
    }
  cairo_destroy (cr);
}

typedef struct {
  GtkWindow *review;
  GtkWindow *main_window;
  char      *target;
} DrillDown;

/* Out of the click's handling: the window that got the click goes. */
static gboolean
drill_down_idle_cb (gpointer data)
{
  DrillDown *drill = data;

  gtk_window_destroy (drill->review);
  gtk_widget_activate_action (GTK_WIDGET (drill->main_window), "win.drill-down", "s", drill->target);
  g_object_unref (drill->review);
  g_object_unref (drill->main_window);
  g_free (drill->target);
  g_free (drill);
  return G_SOURCE_REMOVE;
}

static void
kam_review_view_drill_down (KamReviewView *self,
                            const char    *target)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  DrillDown *drill;

  if (parent == NULL)
    return;
  drill = g_new0 (DrillDown, 1);
  drill->review = g_object_ref (GTK_WINDOW (root));
  drill->main_window = g_object_ref (parent);
  drill->target = g_strdup (target);
  g_idle_add (drill_down_idle_cb, drill);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             KamReviewView   *self)
{
  g_autofree char *target = NULL;
  KamReviewStyle style;
  KamReviewHit hit;

  if (self->deck == NULL || self->blank != KAM_REVIEW_BLANK_NONE
      || self->index >= kam_review_deck_get_n_slides (self->deck))
    return;
  kam_review_style_init (&style);
  style.dark = self->dark;
  if (!kam_review_slide_hit (self->deck, self->index, gtk_widget_get_width (GTK_WIDGET (self)),
                             gtk_widget_get_height (GTK_WIDGET (self)), &style, x, y, &hit))
    return;
  target = kam_review_hit_target (self->deck, &hit);
  if (target != NULL)
    g_signal_emit (self, signals[DRILL_DOWN], 0, target);
}

static void
kam_review_view_finalize (GObject *object)
{
  KamReviewView *self = KAM_REVIEW_VIEW (object);

  g_free (self->pending);
  G_OBJECT_CLASS (kam_review_view_parent_class)->finalize (object);
}

static void
kam_review_view_class_init (KamReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kam_review_view_finalize;
  widget_class->snapshot = kam_review_view_snapshot;

  /**
   * KamReviewView::drill-down:
   * @target: the records behind what was clicked (kam-drill.h)
   *
   * Run last: the default handler leaves review mode for the main window,
   * which shows the records.
   */
  signals[DRILL_DOWN] = g_signal_new_class_handler ("drill-down", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                    G_CALLBACK (kam_review_view_drill_down), NULL, NULL, NULL,
                                                    G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_css_name (widget_class, "kam-review-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kam_review_view_init (KamReviewView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
kam_review_view_new (void)
{
  return g_object_new (KAM_TYPE_REVIEW_VIEW, NULL);
}

static void
update_label (KamReviewView *self)
{
  g_autofree char *title = NULL;

  if (self->deck == NULL || self->index >= kam_review_deck_get_n_slides (self->deck))
    return;
  title = kam_review_deck_get_title (self->deck, self->index);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

void
kam_review_view_set_deck (KamReviewView *self,
                          KamReviewDeck *deck)
{
  g_return_if_fail (KAM_IS_REVIEW_VIEW (self));

  self->deck = deck;
  self->index = 0;
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

KamReviewDeck *
kam_review_view_get_deck (KamReviewView *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_VIEW (self), NULL);
  return self->deck;
}

void
kam_review_view_set_index (KamReviewView *self,
                           guint          index)
{
  g_return_if_fail (KAM_IS_REVIEW_VIEW (self));
  g_return_if_fail (self->deck != NULL && index < kam_review_deck_get_n_slides (self->deck));

  if (self->index == index)
    return;
  self->index = index;
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
kam_review_view_get_index (KamReviewView *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_VIEW (self), 0);
  return self->index;
}

void
kam_review_view_set_blank (KamReviewView  *self,
                           KamReviewBlank  blank)
{
  g_return_if_fail (KAM_IS_REVIEW_VIEW (self));

  if (self->blank == blank)
    return;
  self->blank = blank;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

KamReviewBlank
kam_review_view_get_blank (KamReviewView *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_VIEW (self), KAM_REVIEW_BLANK_NONE);
  return self->blank;
}

void
kam_review_view_set_dark (KamReviewView *self,
                          gboolean       dark)
{
  g_return_if_fail (KAM_IS_REVIEW_VIEW (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kam_review_view_set_pending (KamReviewView *self,
                             const char    *digits)
{
  g_return_if_fail (KAM_IS_REVIEW_VIEW (self));

  if (g_strcmp0 (self->pending, digits) == 0)
    return;
  g_free (self->pending);
  self->pending = g_strdup (digits);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
