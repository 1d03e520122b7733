/* kam-review-window.c — review mode: the deck, fullscreen, keys of a clicker
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window of its own without decorations, fullscreen on the chosen
 * monitor, that holds only the slide.  Presenter clickers send Page_Down
 * and Page_Up (some Right/Left, B or period to blank); all of them are
 * handled by one key controller in kam_review_window_press_key(), and the
 * same moves are actions (review.next, review.previous, review.first,
 * review.last, review.black, review.white, review.leave).
 *
 * The window holds the one position of the deck (slide, blank screen,
 * digits typed) and says so with "changed" after every change; the
 * presenter view (kam-presenter-window.c) follows it and sends its keys
 * here, so both windows drive the same deck and Esc in either leaves both.
 */
#define G_LOG_DOMAIN "kam-review"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-presenter-window.h"
#include "kam-review-window.h"

#define MAX_DIGITS 4

struct _KamReviewWindow
{
  GtkWindow       parent_instance;

  KamReviewDeck  *deck;
  KamReviewView  *view;
  GString        *digits;
  gboolean        dark;
  GtkWindow      *presenter;   /* weak */
  int             width, height;
};

G_DEFINE_FINAL_TYPE (KamReviewWindow, kam_review_window, GTK_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed (KamReviewWindow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
go_to (KamReviewWindow *self,
       int              index)
{
  int n = (int) kam_review_deck_get_n_slides (self->deck);

  if (n == 0)
    return;
  kam_review_view_set_index (self->view, CLAMP (index, 0, n - 1));
  changed (self);
}

static gboolean
unblank (KamReviewWindow *self)
{
  if (kam_review_view_get_blank (self->view) == KAM_REVIEW_BLANK_NONE)
    return FALSE;
  kam_review_view_set_blank (self->view, KAM_REVIEW_BLANK_NONE);
  changed (self);
  return TRUE;
}

static void
move (KamReviewWindow *self,
      int              delta)
{
  if (self->digits->len > 0)
    {
      g_string_truncate (self->digits, 0);
      kam_review_view_set_pending (self->view, NULL);
      changed (self);
    }
  if (unblank (self))
    return;
  go_to (self, (int) kam_review_view_get_index (self->view) + delta);
}

static void
toggle_blank (KamReviewWindow *self,
              KamReviewBlank   blank)
{
  kam_review_view_set_blank (self->view, kam_review_view_get_blank (self->view) == blank
                                         ? KAM_REVIEW_BLANK_NONE : blank);
  changed (self);
}

static void
close_presenter (KamReviewWindow *self)
{
  GtkWindow *presenter = self->presenter;

  if (presenter == NULL)
    return;
  g_clear_weak_pointer (&self->presenter);
  /* it may outlive this window for a moment (a signal being emitted on it
   * holds a reference): not as our transient child */
  gtk_window_set_transient_for (presenter, NULL);
  gtk_window_destroy (presenter);
}

static void
leave (KamReviewWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  close_presenter (self);
  if (parent != NULL)
    gtk_window_present (parent);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
kam_review_window_press_key (KamReviewWindow *self,
                             guint            keyval,
                             GdkModifierType  state)
{
  guint n = kam_review_deck_get_n_slides (self->deck);
  int digit = -1;

  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    digit = keyval - GDK_KEY_0;
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    digit = keyval - GDK_KEY_KP_0;
  if (digit >= 0)
    {
      if (self->digits->len < MAX_DIGITS)
        g_string_append_c (self->digits, '0' + digit);
      kam_review_view_set_pending (self->view, self->digits->str);
      changed (self);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self->digits->len > 0)
        {
          guint64 number = g_ascii_strtoull (self->digits->str, NULL, 10);

          g_string_truncate (self->digits, 0);
          kam_review_view_set_pending (self->view, NULL);
          changed (self);
          unblank (self);
          if (number >= 1 && number <= n)
            go_to (self, (int) number - 1);
          else if (number > n)
            go_to (self, (int) n - 1);
        }
      else
        move (self, 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      move (self, 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      move (self, -1);
      return TRUE;
    case GDK_KEY_BackSpace:
      if (self->digits->len > 0)
        {
          g_string_truncate (self->digits, self->digits->len - 1);
          kam_review_view_set_pending (self->view, self->digits->str);
          changed (self);
        }
      else
        move (self, -1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move (self, -(int) n);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move (self, (int) n);
      return TRUE;
    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
    case GDK_KEY_KP_Decimal:
      toggle_blank (self, KAM_REVIEW_BLANK_BLACK);
      return TRUE;
    case GDK_KEY_w:
    case GDK_KEY_W:
    case GDK_KEY_comma:
      toggle_blank (self, KAM_REVIEW_BLANK_WHITE);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->digits->len > 0)
        {
          g_string_truncate (self->digits, 0);
          kam_review_view_set_pending (self->view, NULL);
          changed (self);
        }
      else
        leave (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KamReviewWindow       *self)
{
  return kam_review_window_press_key (self, keyval, state);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move (KAM_REVIEW_WINDOW (widget), 1);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move (KAM_REVIEW_WINDOW (widget), -1);
}

static void
first_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KamReviewWindow *self = KAM_REVIEW_WINDOW (widget);

  move (self, -(int) kam_review_deck_get_n_slides (self->deck));
}

static void
last_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KamReviewWindow *self = KAM_REVIEW_WINDOW (widget);

  move (self, (int) kam_review_deck_get_n_slides (self->deck));
}

static void
black_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  toggle_blank (KAM_REVIEW_WINDOW (widget), KAM_REVIEW_BLANK_BLACK);
}

static void
white_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  toggle_blank (KAM_REVIEW_WINDOW (widget), KAM_REVIEW_BLANK_WHITE);
}

static void
leave_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  leave (KAM_REVIEW_WINDOW (widget));
}

static void
kam_review_window_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  KamReviewWindow *self = KAM_REVIEW_WINDOW (widget);

  GTK_WIDGET_CLASS (kam_review_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* the slides' proportions follow the screen: the presenter view too */
  if (width != self->width || height != self->height)
    {
      self->width = width;
      self->height = height;
      changed (self);
    }
}

static void
kam_review_window_dispose (GObject *object)
{
  KamReviewWindow *self = KAM_REVIEW_WINDOW (object);

  /* closed by other means than leave(): the presenter view goes too */
  close_presenter (self);
  G_OBJECT_CLASS (kam_review_window_parent_class)->dispose (object);
}

static void
kam_review_window_finalize (GObject *object)
{
  KamReviewWindow *self = KAM_REVIEW_WINDOW (object);

  g_clear_pointer (&self->deck, kam_review_deck_free);
  g_string_free (self->digits, TRUE);
  G_OBJECT_CLASS (kam_review_window_parent_class)->finalize (object);
}

static void
kam_review_window_class_init (KamReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_review_window_dispose;
  object_class->finalize = kam_review_window_finalize;
  widget_class->size_allocate = kam_review_window_size_allocate;

  /**
   * KamReviewWindow::changed:
   *
   * The slide, the blank screen, the digits typed or the window's size
   * changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "review.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "review.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "review.first", NULL, first_activated);
  gtk_widget_class_install_action (widget_class, "review.last", NULL, last_activated);
  gtk_widget_class_install_action (widget_class, "review.black", NULL, black_activated);
  gtk_widget_class_install_action (widget_class, "review.white", NULL, white_activated);
  gtk_widget_class_install_action (widget_class, "review.leave", NULL, leave_activated);
}

static void
kam_review_window_init (KamReviewWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->digits = g_string_new (NULL);
  self->view = KAM_REVIEW_VIEW (kam_review_view_new ());
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->view));
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Review"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "kam-review");
  gtk_widget_set_focusable (GTK_WIDGET (self->view), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->view), "none");
  /* capture: the keys are ours before any focus handling */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

KamReviewWindow *
kam_review_window_new (GtkWindow     *parent,
                       KamReviewDeck *deck,
                       gboolean       dark)
{
  KamReviewWindow *self = g_object_new (KAM_TYPE_REVIEW_WINDOW, NULL);

  g_return_val_if_fail (deck != NULL, NULL);
  self->deck = deck;
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  kam_review_view_set_deck (self->view, deck);
  kam_review_view_set_dark (self->view, dark);
  self->dark = !!dark;
  return self;
}

void
kam_review_window_start (KamReviewWindow *self,
                         GdkMonitor      *monitor)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) first = NULL;
  GdkRectangle geometry;

  g_return_if_fail (KAM_IS_REVIEW_WINDOW (self));

  if (monitor == NULL && g_list_model_get_n_items (monitors) > 0)
    monitor = first = g_list_model_get_item (monitors, 0);
  if (monitor != NULL)
    {
      /* the monitor's size also without a window manager to honour the
       * fullscreen request (a bare X server in a meeting-room PC) */
      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

KamReviewView *
kam_review_window_get_view (KamReviewWindow *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), NULL);
  return self->view;
}

guint
kam_review_window_get_index (KamReviewWindow *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), 0);
  return kam_review_view_get_index (self->view);
}

guint
kam_review_window_get_n_slides (KamReviewWindow *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), 0);
  return kam_review_deck_get_n_slides (self->deck);
}

KamReviewDeck *
kam_review_window_get_deck (KamReviewWindow *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), NULL);
  return self->deck;
}

gboolean
kam_review_window_get_dark (KamReviewWindow *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), FALSE);
  return self->dark;
}

KamReviewBlank
kam_review_window_get_blank (KamReviewWindow *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), KAM_REVIEW_BLANK_NONE);
  return kam_review_view_get_blank (self->view);
}

const char *
kam_review_window_get_pending (KamReviewWindow *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), "");
  return self->digits->str;
}

GtkWindow *
kam_review_window_start_presenter (KamReviewWindow *self,
                                   GdkMonitor      *monitor)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), NULL);

  if (self->presenter == NULL)
    g_set_weak_pointer (&self->presenter, GTK_WINDOW (kam_presenter_window_new (self)));
  kam_presenter_window_start (KAM_PRESENTER_WINDOW (self->presenter), monitor);
  return self->presenter;
}

GtkWindow *
kam_review_window_get_presenter (KamReviewWindow *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_WINDOW (self), NULL);
  return self->presenter;
}
