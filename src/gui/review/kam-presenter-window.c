/* kam-presenter-window.c — the presenter view of review mode
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the presenter sees on the laptop while the beamer shows the deck:
 * the current slide large, the next one smaller, the notes of the current
 * slide (an account's strategy, or what the slide shows), the slide
 * counter, the time elapsed since the review started and a clock.
 *
 * The slides are drawn by the deck's own drawing code at the size the
 * audience sees them (the review window's), scaled down, so the layout is
 * the projected one.  The position lives in the review window: this window
 * follows its "changed" signal and sends it every key, so a clicker, the
 * laptop's keyboard or a click on the next slide all move the same deck.
 */
#define G_LOG_DOMAIN "kam-review"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-presenter-slide.h"
#include "kam-presenter-window.h"

/* Below this width the type is smaller (a 1024 × 768 laptop screen). */
#define COMPACT_WIDTH 1400

struct _KamPresenterWindow
{
  GtkWindow         parent_instance;

  KamReviewWindow  *review;   /* weak */
  GtkWidget        *status;
  GtkWidget        *current;
  GtkWidget        *next;
  GtkWidget        *notes;
  GtkWidget        *counter;
  GtkWidget        *title;
  GtkWidget        *elapsed;
  GtkWidget        *clock;

  gint64            started;  /* monotonic, µs */
  GDateTime        *fixed_now;
  GTimeSpan         fixed_elapsed;
  guint             tick_id;
  guint             compact_id;
};

G_DEFINE_FINAL_TYPE (KamPresenterWindow, kam_presenter_window, GTK_TYPE_WINDOW)

/* Sizes for a presenter's screen of 1920 × 1080 and up; "compact" below
 * COMPACT_WIDTH.  Colours are libadwaita's, so light, dark and high
 * contrast follow the desktop. */
static const char css[] =
  ".kam-presenter { background-color: @window_bg_color; color: @window_fg_color; }\n"
  ".kam-presenter .presenter-content { padding: 32px 40px 24px 40px; }\n"
  ".kam-presenter .presenter-heading { font-size: 1.15em; font-weight: 700;"
  "  color: alpha(@window_fg_color, 0.6); }\n"
  ".kam-presenter .presenter-status { background-color: @accent_bg_color; color: @accent_fg_color;"
  "  border-radius: 999px; padding: 2px 14px; font-weight: 700; font-size: 1.1em; }\n"
  ".kam-presenter .presenter-status.blank { background-color: @warning_bg_color; color: @warning_fg_color; }\n"
  ".kam-presenter .presenter-notes { font-size: 2.1em; }\n"
  ".kam-presenter .presenter-notes.dim-label { font-style: italic; }\n"
  ".kam-presenter .presenter-bar { padding: 16px 40px 24px 40px; background-color: @headerbar_bg_color;"
  "  border-top: 1px solid alpha(@window_fg_color, 0.12); }\n"
  ".kam-presenter .presenter-title { font-size: 2.1em; font-weight: 700; }\n"
  ".kam-presenter .presenter-counter { font-size: 1.4em; font-feature-settings: \"tnum\";"
  "  color: alpha(@window_fg_color, 0.7); }\n"
  ".kam-presenter .presenter-caption { font-size: 1.1em; font-weight: 700;"
  "  color: alpha(@window_fg_color, 0.6); }\n"
  ".kam-presenter .presenter-elapsed { font-size: 4.6em; font-weight: 300; font-feature-settings: \"tnum\";"
  "  color: @accent_color; }\n"
  ".kam-presenter .presenter-clock { font-size: 4.6em; font-weight: 800; font-feature-settings: \"tnum\"; }\n"
  ".kam-presenter.compact .presenter-content { padding: 18px 24px 12px 24px; }\n"
  ".kam-presenter.compact .presenter-heading { font-size: 0.95em; }\n"
  ".kam-presenter.compact .presenter-status { font-size: 1em; padding: 2px 12px; }\n"
  ".kam-presenter.compact .presenter-bar { padding: 8px 24px 12px 24px; }\n"
  ".kam-presenter.compact .presenter-notes { font-size: 1.35em; }\n"
  ".kam-presenter.compact .presenter-title { font-size: 1.35em; }\n"
  ".kam-presenter.compact .presenter-counter { font-size: 1.15em; }\n"
  ".kam-presenter.compact .presenter-caption { font-size: 0.95em; }\n"
  ".kam-presenter.compact .presenter-elapsed,\n"
  ".kam-presenter.compact .presenter-clock { font-size: 2.5em; }\n";

static void
deck_size (KamPresenterWindow *self,
           int                *width,
           int                *height)
{
  GtkWidget *view = self->review != NULL ? GTK_WIDGET (kam_review_window_get_view (self->review)) : NULL;
  int w = 0, h = 0;

  if (view != NULL)
    {
      w = gtk_widget_get_width (view);
      h = gtk_widget_get_height (view);
      if (w <= 1 || h <= 1)
        gtk_window_get_default_size (GTK_WINDOW (self->review), &w, &h);
    }
  if (w <= 1 || h <= 1)
    {
      w = 1920;
      h = 1080;
    }
  *width = w;
  *height = h;
}

static char *
format_elapsed (GTimeSpan elapsed)
{
  gint64 seconds = MAX (elapsed, 0) / G_TIME_SPAN_SECOND;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600, (int) (seconds / 60 % 60),
                          (int) (seconds % 60));
}

static void
update_clock (KamPresenterWindow *self)
{
  g_autoptr(GDateTime) now = self->fixed_now != NULL ? g_date_time_ref (self->fixed_now)
                                                     : g_date_time_new_now_local ();
  GTimeSpan elapsed = self->fixed_now != NULL ? self->fixed_elapsed : g_get_monotonic_time () - self->started;
  g_autofree char *clock = g_date_time_format (now, "%H:%M");
  g_autofree char *duration = format_elapsed (elapsed);

  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->clock)), clock) != 0)
    gtk_label_set_text (GTK_LABEL (self->clock), clock);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->elapsed)), duration) != 0)
    gtk_label_set_text (GTK_LABEL (self->elapsed), duration);
}

static gboolean
tick_cb (gpointer user_data)
{
  KamPresenterWindow *self = user_data;
  gint64 elapsed = g_get_monotonic_time () - self->started;

  update_clock (self);
  /* again just after the next whole second of the elapsed time */
  self->tick_id = g_timeout_add (1000 - (guint) (elapsed / 1000 % 1000) + 5, tick_cb, self);
  return G_SOURCE_REMOVE;
}

static void
update (KamPresenterWindow *self)
{
  KamReviewDeck *deck;
  guint index, n;
  const char *notes, *pending;
  g_autofree char *title = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *current_label = NULL;
  g_autofree char *next_label = NULL;
  g_autofree char *status = NULL;
  int width, height;
  KamReviewBlank blank;

  if (self->review == NULL)
    return;
  deck = kam_review_window_get_deck (self->review);
  n = kam_review_deck_get_n_slides (deck);
  if (n == 0)
    return;
  index = kam_review_window_get_index (self->review);
  blank = kam_review_window_get_blank (self->review);
  pending = kam_review_window_get_pending (self->review);

  title = kam_review_deck_get_title (deck, index);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  /* TRANSLATORS: the slide counter of the presenter view */
  counter = g_strdup_printf (_("Slide %u of %u"), index + 1, n);
  gtk_label_set_text (GTK_LABEL (self->counter), counter);

  notes = kam_review_deck_get_notes (deck, index);
  if (notes != NULL && *notes != '\0')
    {
      gtk_label_set_text (GTK_LABEL (self->notes), notes);
      gtk_widget_remove_css_class (self->notes, "dim-label");
    }
  else
    {
      const KamSlide *slide = &g_array_index (deck->slides, KamSlide, index);

      gtk_label_set_text (GTK_LABEL (self->notes),
                          slide->kind == KAM_SLIDE_ACCOUNT
                          ? _("No strategy notes for this account. Write them on the account page.")
                          : _("No notes for this slide."));
      gtk_widget_add_css_class (self->notes, "dim-label");
    }

  if (pending != NULL && *pending != '\0')
    /* TRANSLATORS: shown while typing a slide number to jump to */
    status = g_strdup_printf (_("Go to slide %s"), pending);
  else if (blank == KAM_REVIEW_BLANK_BLACK)
    status = g_strdup (_("Screen black"));
  else if (blank == KAM_REVIEW_BLANK_WHITE)
    status = g_strdup (_("Screen white"));
  gtk_widget_set_visible (self->status, status != NULL);
  gtk_label_set_text (GTK_LABEL (self->status), status != NULL ? status : "");
  if (blank != KAM_REVIEW_BLANK_NONE && (pending == NULL || *pending == '\0'))
    gtk_widget_add_css_class (self->status, "blank");
  else
    gtk_widget_remove_css_class (self->status, "blank");

  /* TRANSLATORS: accessible name of the presenter view's current slide */
  current_label = g_strdup_printf (_("Current slide: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->current), GTK_ACCESSIBLE_PROPERTY_LABEL, current_label, -1);
  if (index + 1 < n)
    {
      g_autofree char *next_title = kam_review_deck_get_title (deck, index + 1);

      /* TRANSLATORS: accessible name of the presenter view's next slide */
      next_label = g_strdup_printf (_("Next slide: %s"), next_title);
    }
  else
    next_label = g_strdup (_("End of the review"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next), GTK_ACCESSIBLE_PROPERTY_LABEL, next_label, -1);

  deck_size (self, &width, &height);
  kam_presenter_slide_set_deck_size (KAM_PRESENTER_SLIDE (self->current), width, height);
  kam_presenter_slide_set_deck_size (KAM_PRESENTER_SLIDE (self->next), width, height);
  kam_presenter_slide_set_slide (KAM_PRESENTER_SLIDE (self->current), index, blank);
  kam_presenter_slide_set_slide (KAM_PRESENTER_SLIDE (self->next), index + 1 < n ? index + 1 : G_MAXUINT,
                                 KAM_REVIEW_BLANK_NONE);
}

static void
review_changed_cb (KamPresenterWindow *self)
{
  update (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KamPresenterWindow    *self)
{
  if (self->review == NULL)
    return FALSE;
  /* may close both windows (Escape) */
  return kam_review_window_press_key (self->review, keyval, state);
}

static void
next_pressed_cb (GtkGestureClick    *gesture,
                 int                 n_press,
                 double              x,
                 double              y,
                 KamPresenterWindow *self)
{
  if (self->review != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->review), "review.next", NULL);
}

static gboolean
set_compact_cb (gpointer user_data)
{
  KamPresenterWindow *self = user_data;

  self->compact_id = 0;
  if (gtk_widget_get_width (GTK_WIDGET (self)) < COMPACT_WIDTH)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
  update (self);
  return G_SOURCE_REMOVE;
}

static void
kam_presenter_window_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  KamPresenterWindow *self = KAM_PRESENTER_WINDOW (widget);
  gboolean compact = width < COMPACT_WIDTH;

  GTK_WIDGET_CLASS (kam_presenter_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* the type follows the screen's size; changed after this allocation */
  if (compact != gtk_widget_has_css_class (widget, "compact") && self->compact_id == 0)
    self->compact_id = g_idle_add (set_compact_cb, self);
}

static gboolean
kam_presenter_window_close_request (GtkWindow *window)
{
  KamPresenterWindow *self = KAM_PRESENTER_WINDOW (window);

  /* closing the presenter view leaves review mode, as Escape does */
  if (self->review != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->review), "review.leave", NULL);
      return TRUE;
    }
  return FALSE;
}

static void
kam_presenter_window_dispose (GObject *object)
{
  KamPresenterWindow *self = KAM_PRESENTER_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->compact_id, g_source_remove);
  g_clear_weak_pointer (&self->review);
  G_OBJECT_CLASS (kam_presenter_window_parent_class)->dispose (object);
}

static void
kam_presenter_window_finalize (GObject *object)
{
  KamPresenterWindow *self = KAM_PRESENTER_WINDOW (object);

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  G_OBJECT_CLASS (kam_presenter_window_parent_class)->finalize (object);
}

static void
kam_presenter_window_class_init (KamPresenterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kam_presenter_window_dispose;
  object_class->finalize = kam_presenter_window_finalize;
  widget_class->size_allocate = kam_presenter_window_size_allocate;
  window_class->close_request = kam_presenter_window_close_request;
}

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (name != NULL)
    gtk_widget_set_name (label, name);
  return label;
}

static GtkWidget *
slide_new (const char *name)
{
  GtkWidget *slide = kam_presenter_slide_new ();

  gtk_widget_set_name (slide, name);
  gtk_widget_set_valign (slide, GTK_ALIGN_START);
  return slide;
}

static void
kam_presenter_window_init (KamPresenterWindow *self)
{
  static gboolean css_loaded;
  GtkWidget *root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_grid_new ();
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 48);
  GtkWidget *where = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *elapsed_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *clock_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *notes_heading;

  if (!css_loaded)
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      css_loaded = TRUE;
    }

  self->started = g_get_monotonic_time ();
  gtk_window_set_title (GTK_WINDOW (self), _("Presenter View"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "kam-presenter");

  /* the current slide, large */
  gtk_box_append (GTK_BOX (heading), label_new (_("Current Slide"), "presenter-heading", NULL));
  self->status = label_new (NULL, "presenter-status", "status");
  gtk_widget_set_visible (self->status, FALSE);
  gtk_box_append (GTK_BOX (heading), self->status);
  gtk_box_append (GTK_BOX (left), heading);
  self->current = slide_new ("current");
  gtk_widget_set_vexpand (self->current, TRUE);
  gtk_box_append (GTK_BOX (left), self->current);

  /* the next slide, smaller, then the notes */
  gtk_box_append (GTK_BOX (right), label_new (_("Next Slide"), "presenter-heading", NULL));
  self->next = slide_new ("next");
  gtk_widget_set_cursor_from_name (self->next, "pointer");
  gtk_widget_set_tooltip_text (self->next, _("Show the next slide"));
  g_signal_connect (click, "pressed", G_CALLBACK (next_pressed_cb), self);
  gtk_widget_add_controller (self->next, GTK_EVENT_CONTROLLER (click));
  gtk_box_append (GTK_BOX (right), self->next);
  notes_heading = label_new (_("Notes"), "presenter-heading", NULL);
  gtk_widget_set_margin_top (notes_heading, 16);
  gtk_box_append (GTK_BOX (right), notes_heading);
  self->notes = label_new (NULL, "presenter-notes", "notes");
  gtk_label_set_wrap (GTK_LABEL (self->notes), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->notes), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_yalign (GTK_LABEL (self->notes), 0);
  gtk_widget_set_valign (self->notes, GTK_ALIGN_START);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->notes);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (right), scroller);

  /* two thirds and one third of the width */
  gtk_grid_set_column_homogeneous (GTK_GRID (content), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (content), 32);
  gtk_grid_attach (GTK_GRID (content), left, 0, 0, 2, 1);
  gtk_grid_attach (GTK_GRID (content), right, 2, 0, 1, 1);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_widget_add_css_class (content, "presenter-content");
  gtk_box_append (GTK_BOX (root), content);

  /* where we are, the time elapsed, the clock */
  self->counter = label_new (NULL, "presenter-counter", "counter");
  self->title = label_new (NULL, "presenter-title", "title");
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (where), self->counter);
  gtk_box_append (GTK_BOX (where), self->title);
  gtk_widget_set_hexpand (where, TRUE);
  gtk_widget_set_valign (where, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (bar), where);
  self->elapsed = label_new ("0:00:00", "presenter-elapsed", "elapsed");
  gtk_box_append (GTK_BOX (elapsed_box), label_new (_("Elapsed"), "presenter-caption", NULL));
  gtk_box_append (GTK_BOX (elapsed_box), self->elapsed);
  gtk_box_append (GTK_BOX (bar), elapsed_box);
  self->clock = label_new (NULL, "presenter-clock", "clock");
  gtk_box_append (GTK_BOX (clock_box), label_new (_("Time"), "presenter-caption", NULL));
  gtk_box_append (GTK_BOX (clock_box), self->clock);
  gtk_box_append (GTK_BOX (bar), clock_box);
  gtk_widget_add_css_class (bar, "presenter-bar");
  gtk_box_append (GTK_BOX (root), bar);

  gtk_window_set_child (GTK_WINDOW (self), root);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  update_clock (self);
  self->tick_id = g_timeout_add (1000, tick_cb, self);
}

KamPresenterWindow *
kam_presenter_window_new (KamReviewWindow *review)
{
  KamPresenterWindow *self;

  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (review), NULL);

  self = g_object_new (KAM_TYPE_PRESENTER_WINDOW, "application", gtk_window_get_application (GTK_WINDOW (review)),
                       NULL);
  g_set_weak_pointer (&self->review, review);
  kam_presenter_slide_set_deck (KAM_PRESENTER_SLIDE (self->current), kam_review_window_get_deck (review),
                                kam_review_window_get_dark (review));
  kam_presenter_slide_set_deck (KAM_PRESENTER_SLIDE (self->next), kam_review_window_get_deck (review),
                                kam_review_window_get_dark (review));
  g_signal_connect_object (review, "changed", G_CALLBACK (review_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
  return self;
}

void
kam_presenter_window_start (KamPresenterWindow *self,
                            GdkMonitor         *monitor)
{
  g_return_if_fail (KAM_IS_PRESENTER_WINDOW (self));

  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
    }
  else
    {
      /* one screen: a window over the deck, that goes with it */
      gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->review));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
      gtk_window_set_default_size (GTK_WINDOW (self), 1024, 768);
    }
  update (self);
  gtk_window_present (GTK_WINDOW (self));
}

KamReviewWindow *
kam_presenter_window_get_review (KamPresenterWindow *self)
{
  g_return_val_if_fail (KAM_IS_PRESENTER_WINDOW (self), NULL);
  return self->review;
}

guint
kam_presenter_window_get_current (KamPresenterWindow *self)
{
  g_return_val_if_fail (KAM_IS_PRESENTER_WINDOW (self), 0);
  return kam_presenter_slide_get_index (KAM_PRESENTER_SLIDE (self->current));
}

guint
kam_presenter_window_get_next (KamPresenterWindow *self)
{
  g_return_val_if_fail (KAM_IS_PRESENTER_WINDOW (self), G_MAXUINT);
  return kam_presenter_slide_get_index (KAM_PRESENTER_SLIDE (self->next));
}

void
kam_presenter_window_set_clock (KamPresenterWindow *self,
                                GDateTime          *now,
                                GTimeSpan           elapsed)
{
  g_return_if_fail (KAM_IS_PRESENTER_WINDOW (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  if (now != NULL)
    self->fixed_now = g_date_time_ref (now);
  self->fixed_elapsed = elapsed;
  update_clock (self);
}
