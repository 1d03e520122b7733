/* test-gui-review.c — review mode in real windows
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb over a generated database.  Review mode is opened as a
 * user does (win.review, then Start in the setup dialog); keys go through
 * kam_review_window_press_key(), the function the window's key controller
 * calls, and the actions; blank screens are checked by the pixels the
 * window renders.  With KAM_SCREENSHOT_DIR set, every slide is saved at
 * 1024 × 768 and 1920 × 1080, light and dark, and the window itself.
 *
 * The presenter view is opened through the setup's switch (Xvfb has one
 * monitor, so it opens as a window over the deck); its keys go through its
 * own key controller, as a keyboard's would.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kam-gui-test.h"
#include "kam-context.h"
#include "kam-generate.h"
#include "kam-list.h"
#include "kam-presenter-slide.h"
#include "kam-presenter-window.h"
#include "kam-review-setup.h"
#include "kam-window.h"

#define APP_ID "io.github.keyaccounts.KeyAccounts"

typedef KamTestApp Fixture;

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  kam_test_wait_frames (widget, 2);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static guint32
pixel (GtkWidget *widget,
       double     x,
       double     y)
{
  g_autoptr(GdkTexture) texture = render (widget);
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, data, (gsize) width * 4);
  g_assert_cmpint ((int) x, <, width);
  g_assert_cmpint ((int) y, <, height);
  return ((guint32 *) (gpointer) data)[(int) y * width + (int) x] & 0xffffff;
}

static const char *
screenshot_dir (void)
{
  return g_getenv ("KAM_SCREENSHOT_DIR");
}

static char *
screenshot_path (const char *name)
{
  const char *prefix = g_getenv ("KAM_SCREENSHOT_PREFIX");

  g_mkdir_with_parents (screenshot_dir (), 0755);
  return g_strdup_printf ("%s/%s%s", screenshot_dir (), prefix ? prefix : "", name);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  kam_test_app_open (f, "gui-review", 40);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kam_test_app_close (f);
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* F5's action opens the setup dialog; Start opens review mode. */
static KamReviewWindow *
open_review (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  KamReviewSetup *setup;
  KamReviewWindow *review;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review", NULL));
  kam_test_wait_ms (100);
  setup = find_toplevel (KAM_TYPE_REVIEW_SETUP);
  g_assert_nonnull (setup);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (setup)) == GTK_WINDOW (f->window));
  review = kam_review_setup_start (setup, &error);
  g_assert_no_error (error);
  g_assert_nonnull (review);
  kam_test_wait_frames (GTK_WIDGET (review), 3);
  g_assert_null (find_toplevel (KAM_TYPE_REVIEW_SETUP));
  g_assert_true (find_toplevel (KAM_TYPE_REVIEW_WINDOW) == review);
  return review;
}

static void
press (KamReviewWindow *review,
       guint            keyval)
{
  g_assert_true (kam_review_window_press_key (review, keyval, 0));
  kam_test_wait_ms (5);
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  KamReviewWindow *review = open_review (f);
  KamReviewView *view = kam_review_window_get_view (review);
  GtkWidget *widget = GTK_WIDGET (review);
  guint n = kam_review_window_get_n_slides (review);
  double cx, cy;

  /* 9 slides, then the 20 largest of the 40 accounts */
  g_assert_cmpuint (n, ==, 29);
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (review)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (review)) == GTK_WINDOW (f->window));
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 0);

  press (review, GDK_KEY_Page_Down);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 1);
  press (review, GDK_KEY_Right);
  press (review, GDK_KEY_space);
  press (review, GDK_KEY_Down);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 4);
  press (review, GDK_KEY_Page_Up);
  press (review, GDK_KEY_Left);
  press (review, GDK_KEY_Up);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 1);
  press (review, GDK_KEY_End);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, n - 1);
  press (review, GDK_KEY_Page_Down);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, n - 1);
  press (review, GDK_KEY_Home);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 0);
  press (review, GDK_KEY_Page_Up);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 0);

  /* a number then Enter */
  press (review, GDK_KEY_1);
  press (review, GDK_KEY_2);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 0);
  press (review, GDK_KEY_Return);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 11);
  press (review, GDK_KEY_KP_3);
  press (review, GDK_KEY_KP_Enter);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 2);
  press (review, GDK_KEY_9);
  press (review, GDK_KEY_9);
  press (review, GDK_KEY_Return);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, n - 1);
  /* Escape first forgets the digits, without leaving */
  press (review, GDK_KEY_5);
  press (review, GDK_KEY_Escape);
  press (review, GDK_KEY_Return);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, n - 1);
  g_assert_true (gtk_widget_get_visible (widget));

  /* blank: black, white, back; a move key on a blank screen only unblanks */
  cx = gtk_widget_get_width (widget) / 2.0;
  cy = gtk_widget_get_height (widget) / 2.0;
  press (review, GDK_KEY_Home);
  press (review, GDK_KEY_b);
  g_assert_cmpint (kam_review_view_get_blank (view), ==, KAM_REVIEW_BLANK_BLACK);
  g_assert_cmphex (pixel (widget, cx, cy), ==, 0x000000);
  g_assert_cmphex (pixel (widget, gtk_widget_get_width (widget) - 2, 2), ==, 0x000000);
  press (review, GDK_KEY_Page_Down);
  g_assert_cmpint (kam_review_view_get_blank (view), ==, KAM_REVIEW_BLANK_NONE);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 0);
  press (review, GDK_KEY_W);
  g_assert_cmpint (kam_review_view_get_blank (view), ==, KAM_REVIEW_BLANK_WHITE);
  g_assert_cmphex (pixel (widget, 2, cy), ==, 0xffffff);
  press (review, GDK_KEY_W);
  g_assert_cmpint (kam_review_view_get_blank (view), ==, KAM_REVIEW_BLANK_NONE);
  press (review, GDK_KEY_period);
  g_assert_cmpint (kam_review_view_get_blank (view), ==, KAM_REVIEW_BLANK_BLACK);
  press (review, GDK_KEY_period);
  g_assert_cmpint (kam_review_view_get_blank (view), ==, KAM_REVIEW_BLANK_NONE);
  /* the slide is back: the background of the light theme, not black */
  g_assert_cmphex (pixel (widget, gtk_widget_get_width (widget) - 2, 2), !=, 0x000000);

  /* the actions */
  g_assert_true (gtk_widget_activate_action (widget, "review.next", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "review.next", NULL));
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 2);
  g_assert_true (gtk_widget_activate_action (widget, "review.previous", NULL));
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 1);
  g_assert_true (gtk_widget_activate_action (widget, "review.last", NULL));
  g_assert_cmpuint (kam_review_window_get_index (review), ==, n - 1);
  g_assert_true (gtk_widget_activate_action (widget, "review.first", NULL));
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 0);
  g_assert_true (gtk_widget_activate_action (widget, "review.black", NULL));
  g_assert_cmpint (kam_review_view_get_blank (view), ==, KAM_REVIEW_BLANK_BLACK);
  g_assert_true (gtk_widget_activate_action (widget, "review.white", NULL));
  g_assert_cmpint (kam_review_view_get_blank (view), ==, KAM_REVIEW_BLANK_WHITE);

  /* Escape leaves: the review window goes, the main window stays as it was */
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  g_assert_false (kam_review_window_press_key (review, GDK_KEY_q, GDK_CONTROL_MASK));
  press (review, GDK_KEY_Escape);
  kam_test_wait_ms (100);
  g_assert_null (review);
  g_assert_null (find_toplevel (KAM_TYPE_REVIEW_WINDOW));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

/* The setup's choices reach the deck: owner scope, tier, dark theme. */
static void
test_setup_choices (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamReviewSetup *setup;
  KamReviewWindow *review;
  guint n_tier_a;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review", NULL));
  kam_test_wait_ms (50);
  setup = find_toplevel (KAM_TYPE_REVIEW_SETUP);
  g_assert_nonnull (setup);
  kam_review_setup_choose (setup, "accounts", 1);   /* tier A */
  kam_review_setup_choose (setup, "theme", 1);      /* dark */
  review = kam_review_setup_start (setup, &error);
  g_assert_no_error (error);
  kam_test_wait_frames (GTK_WIDGET (review), 2);
  n_tier_a = kam_review_window_get_n_slides (review);
  g_assert_cmpuint (n_tier_a, >, 9);
  g_assert_cmpuint (n_tier_a, <, 29);
  /* dark: the background of the dark palette in the top right corner */
  g_assert_cmphex (pixel (GTK_WIDGET (review), gtk_widget_get_width (GTK_WIDGET (review)) - 2, 2), ==,
                   kam_chart_color (KAM_CHART_COLOR_BACKGROUND, TRUE));
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.leave", NULL));
  kam_test_wait_ms (100);
  g_assert_null (review);
}

/* Every slide at both beamer sizes, light and dark, by the drawing code
 * the window uses; and the window itself, fullscreen and at 1024 × 768. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const int sizes[][2] = { { 1024, 768 }, { 1920, 1080 } };
  g_autoptr(GError) error = NULL;
  KamReviewWindow *review;
  KamReviewOptions options;
  KamReviewDeck *deck;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (screenshot_dir () == NULL)
    {
      g_test_skip ("KAM_SCREENSHOT_DIR is not set");
      return;
    }

  kam_review_options_init (&options);
  options.period = (KamPeriod) { g_date_time_get_year (now), (g_date_time_get_month (now) - 1) / 3 * 3 + 1, 3 };
  deck = kam_review_deck_build (f->store, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int dark = 0; dark < 2; dark++)
      for (guint i = 0; i < 11 && i < kam_review_deck_get_n_slides (deck); i++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, sizes[s][0], sizes[s][1]);
          cairo_t *cr = cairo_create (surface);
          g_autofree char *name = g_strdup_printf ("review-%dx%d-%s-%02u.png", sizes[s][0], sizes[s][1],
                                                   dark ? "dark" : "light", i + 1);
          g_autofree char *path = screenshot_path (name);
          KamReviewStyle style;

          kam_review_style_init (&style);
          style.dark = dark;
          kam_review_draw_slide (deck, i, cr, sizes[s][0], sizes[s][1], &style);
          cairo_destroy (cr);
          g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (surface);
        }

  /* the window: fullscreen on the Xvfb screen, with its counter and bar */
  review = kam_review_window_new (GTK_WINDOW (f->window), deck, FALSE);
  kam_review_window_start (review, NULL);
  kam_test_wait_frames (GTK_WIDGET (review), 3);
  kam_test_wait_ms (200);
  press (review, GDK_KEY_2);
  press (review, GDK_KEY_Return);
  {
    g_autoptr(GdkTexture) texture = render (GTK_WIDGET (review));
    g_autofree char *name = g_strdup_printf ("review-window-%dx%d.png", gtk_widget_get_width (GTK_WIDGET (review)),
                                             gtk_widget_get_height (GTK_WIDGET (review)));
    g_autofree char *path = screenshot_path (name);

    g_assert_true (gdk_texture_save_to_png (texture, path));
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (review)), ==, 1920);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (review)), ==, 1080);
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  press (review, GDK_KEY_Escape);
  kam_test_wait_ms (100);
  g_assert_null (review);

  /* the same window on a 1024 × 768 beamer, dark, on an account slide
   * with digits being typed */
  deck = kam_review_deck_build (f->store, &options, NULL, &error);
  g_assert_no_error (error);
  review = kam_review_window_new (GTK_WINDOW (f->window), deck, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (review), 1024, 768);
  gtk_window_present (GTK_WINDOW (review));
  kam_test_wait_frames (GTK_WIDGET (review), 3);
  press (review, GDK_KEY_1);
  press (review, GDK_KEY_0);
  press (review, GDK_KEY_Return);
  press (review, GDK_KEY_1);
  {
    g_autoptr(GdkTexture) texture = render (GTK_WIDGET (review));
    g_autofree char *path = screenshot_path ("review-window-1024x768-dark.png");

    g_assert_cmpint (gdk_texture_get_width (texture), ==, 1024);
    g_assert_true (gdk_texture_save_to_png (texture, path));
  }
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  press (review, GDK_KEY_Escape);   /* forgets the digit */
  press (review, GDK_KEY_Escape);   /* leaves */
  kam_test_wait_ms (100);
  g_assert_null (review);
}

/* A key on the presenter view, through its key controller (the handler a
 * real key press reaches). */
static void
press_presenter (GtkWidget *presenter,
                 guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (presenter);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          break;
        }
    }
  g_assert_true (handled);
  kam_test_wait_ms (5);
}

static const char *
label_text (GtkWidget  *window,
            const char *name)
{
  GtkWidget *label = kam_test_find_descendant (window, GTK_TYPE_LABEL, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static KamReviewSetup *
open_setup (Fixture *f)
{
  KamReviewSetup *setup;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review", NULL));
  kam_test_wait_ms (100);
  setup = find_toplevel (KAM_TYPE_REVIEW_SETUP);
  g_assert_nonnull (setup);
  return setup;
}

/* The presenter view follows the deck: current and next slide, the notes
 * (an account's strategy, read back from the store), the counter; keys in
 * either window move the same deck; Escape in it closes both. */
static void
test_presenter (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamReviewSetup *setup = open_setup (f);
  KamReviewWindow *review;
  GtkWidget *presenter;
  KamPresenterWindow *pv;
  KamReviewDeck *deck;
  g_autofree char *title = NULL;
  g_autofree char *counter = NULL;
  guint n, first_account = 9;

  /* Xvfb has one monitor: off unless asked for */
  g_assert_false (kam_review_setup_get_presenter (setup));
  kam_review_setup_set_presenter (setup, TRUE);
  review = kam_review_setup_start (setup, &error);
  g_assert_no_error (error);
  presenter = GTK_WIDGET (kam_review_window_get_presenter (review));
  g_assert_nonnull (presenter);
  g_assert_true (KAM_IS_PRESENTER_WINDOW (presenter));
  pv = KAM_PRESENTER_WINDOW (presenter);
  kam_test_wait_frames (presenter, 3);
  g_assert_true (gtk_widget_get_mapped (presenter));
  g_assert_true (kam_presenter_window_get_review (pv) == review);
  deck = kam_review_window_get_deck (review);
  n = kam_review_window_get_n_slides (review);
  g_assert_cmpuint (n, ==, 29);

  /* the first slide and the next, the counter and the title below them */
  g_assert_cmpuint (kam_presenter_window_get_current (pv), ==, 0);
  g_assert_cmpuint (kam_presenter_window_get_next (pv), ==, 1);
  title = kam_review_deck_get_title (deck, 0);
  g_assert_cmpstr (label_text (presenter, "title"), ==, title);
  g_assert_cmpstr (label_text (presenter, "counter"), ==, "Slide 1 of 29");
  g_assert_nonnull (strstr (label_text (presenter, "notes"), "accounts in scope"));
  /* both slides drawn, at the deck's proportions, the current one larger */
  {
    GtkWidget *current = kam_test_find_descendant (presenter, KAM_TYPE_PRESENTER_SLIDE, "current");
    GtkWidget *next = kam_test_find_descendant (presenter, KAM_TYPE_PRESENTER_SLIDE, "next");

    g_assert_nonnull (current);
    g_assert_nonnull (next);
    g_assert_cmpuint (kam_presenter_slide_get_index (KAM_PRESENTER_SLIDE (current)), ==, 0);
    g_assert_cmpuint (kam_presenter_slide_get_index (KAM_PRESENTER_SLIDE (next)), ==, 1);
    g_assert_cmpint (gtk_widget_get_width (current), >, 1.5 * gtk_widget_get_width (next));
    /* the proportions of the deck window (fullscreen on Xvfb's 1920 × 1080) */
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (review)), ==, 1920);
    g_assert_cmpfloat_with_epsilon ((double) gtk_widget_get_height (next) / gtk_widget_get_width (next),
                                    1080.0 / 1920.0, 0.02);
  }
  /* the clock shows the time of day */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *hour = g_date_time_format (now, "%H:");

    g_assert_true (g_str_has_prefix (label_text (presenter, "clock"), hour)
                   || g_date_time_get_minute (now) == 59);
    g_assert_true (g_str_has_prefix (label_text (presenter, "elapsed"), "0:00:0"));
  }

  /* PageDown in the deck window: the presenter follows */
  press (review, GDK_KEY_Page_Down);
  g_assert_cmpuint (kam_presenter_window_get_current (pv), ==, 1);
  g_assert_cmpuint (kam_presenter_window_get_next (pv), ==, 2);
  g_assert_cmpstr (label_text (presenter, "counter"), ==, "Slide 2 of 29");
  g_clear_pointer (&title, g_free);
  title = kam_review_deck_get_title (deck, 1);
  g_assert_cmpstr (label_text (presenter, "title"), ==, title);
  g_assert_true (g_str_has_prefix (label_text (presenter, "notes"), "Won "));

  /* keys in the presenter move the deck: PageDown, then 10 Enter */
  press_presenter (presenter, GDK_KEY_Page_Down);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 2);
  press_presenter (presenter, GDK_KEY_Page_Up);
  g_assert_cmpuint (kam_review_window_get_index (review), ==, 1);
  press_presenter (presenter, GDK_KEY_1);
  g_assert_cmpstr (label_text (presenter, "status"), ==, "Go to slide 1");
  g_assert_true (gtk_widget_get_visible (kam_test_find_descendant (presenter, GTK_TYPE_LABEL, "status")));
  press_presenter (presenter, GDK_KEY_0);
  press_presenter (presenter, GDK_KEY_Return);
  g_assert_false (gtk_widget_get_visible (kam_test_find_descendant (presenter, GTK_TYPE_LABEL, "status")));
  g_assert_cmpuint (kam_review_window_get_index (review), ==, first_account);
  g_assert_cmpuint (kam_presenter_window_get_current (pv), ==, first_account);
  g_assert_cmpuint (kam_presenter_window_get_next (pv), ==, first_account + 1);
  g_assert_cmpstr (label_text (presenter, "counter"), ==, "Slide 10 of 29");

  /* an account slide: the notes are that account's strategy in the store */
  {
    const KamSlide *slide = &g_array_index (deck->slides, KamSlide, first_account);
    KamReviewAccount *account;
    g_autoptr(KamRecord) record = NULL;
    const char *strategy;

    g_assert_cmpint (slide->kind, ==, KAM_SLIDE_ACCOUNT);
    account = deck->accounts->pdata[slide->item];
    record = kam_store_load (f->store, &kam_account_kind, account->account_id, &error);
    g_assert_no_error (error);
    strategy = kam_record_get_string (record, "strategy");
    g_assert_cmpstr (strategy, !=, "");
    g_assert_cmpstr (label_text (presenter, "notes"), ==, strategy);
    g_assert_cmpstr (label_text (presenter, "title"), ==, kam_record_get_string (record, "name"));
  }

  /* black from the presenter: the deck blanks, the presenter says so */
  press_presenter (presenter, GDK_KEY_b);
  g_assert_cmpint (kam_review_window_get_blank (review), ==, KAM_REVIEW_BLANK_BLACK);
  g_assert_cmpstr (label_text (presenter, "status"), ==, "Screen black");
  press (review, GDK_KEY_Page_Down);   /* unblanks only */
  g_assert_cmpint (kam_review_window_get_blank (review), ==, KAM_REVIEW_BLANK_NONE);
  g_assert_false (gtk_widget_get_visible (kam_test_find_descendant (presenter, GTK_TYPE_LABEL, "status")));
  g_assert_cmpuint (kam_presenter_window_get_current (pv), ==, first_account);

  /* the last slide: nothing next */
  press_presenter (presenter, GDK_KEY_End);
  g_assert_cmpuint (kam_presenter_window_get_current (pv), ==, n - 1);
  g_assert_cmpuint (kam_presenter_window_get_next (pv), ==, G_MAXUINT);

  /* Escape in the presenter: both windows go, the main window is back */
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  g_object_add_weak_pointer (G_OBJECT (presenter), (gpointer *) &presenter);
  press_presenter (presenter, GDK_KEY_Escape);
  kam_test_wait_ms (100);
  g_assert_null (presenter);
  g_assert_null (review);
  g_assert_null (find_toplevel (KAM_TYPE_REVIEW_WINDOW));
  g_assert_null (find_toplevel (KAM_TYPE_PRESENTER_WINDOW));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));

  /* again, and Escape in the deck window closes the presenter too */
  setup = open_setup (f);
  kam_review_setup_set_presenter (setup, TRUE);
  review = kam_review_setup_start (setup, &error);
  g_assert_no_error (error);
  presenter = GTK_WIDGET (kam_review_window_get_presenter (review));
  kam_test_wait_frames (presenter, 2);
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  g_object_add_weak_pointer (G_OBJECT (presenter), (gpointer *) &presenter);
  press (review, GDK_KEY_Escape);
  kam_test_wait_ms (100);
  g_assert_null (presenter);
  g_assert_null (review);

  /* and closing the presenter's window leaves review mode as well */
  setup = open_setup (f);
  kam_review_setup_set_presenter (setup, TRUE);
  review = kam_review_setup_start (setup, &error);
  g_assert_no_error (error);
  presenter = GTK_WIDGET (kam_review_window_get_presenter (review));
  kam_test_wait_frames (presenter, 2);
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  g_object_add_weak_pointer (G_OBJECT (presenter), (gpointer *) &presenter);
  gtk_window_close (GTK_WINDOW (presenter));
  kam_test_wait_ms (100);
  g_assert_null (presenter);
  g_assert_null (review);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

/* Ticks the box of the account named @name after searching for it. */
static void
choose_account (KamReviewSetup *setup,
                const char     *name)
{
  GtkWidget *search = kam_test_find_descendant (GTK_WIDGET (setup), GTK_TYPE_SEARCH_ENTRY, "account-search");
  GtkWidget *list = kam_test_find_descendant (GTK_WIDGET (setup), GTK_TYPE_LIST_VIEW, "account-list");
  GtkWidget *found = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_nonnull (search);
  g_assert_nonnull (list);
  gtk_editable_set_text (GTK_EDITABLE (search), name);
  /* the search runs after the entry's short delay; then the rows are made */
  while (found == NULL && g_get_monotonic_time () < deadline)
    {
      kam_test_wait_ms (50);
      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL && found == NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *check = gtk_widget_get_first_child (row);
          GtkWidget *label;

          if (!GTK_IS_CHECK_BUTTON (check) || !gtk_widget_get_visible (row))
            continue;
          label = kam_test_find_descendant (check, GTK_TYPE_LABEL, NULL);
          if (label != NULL && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), name))
            found = check;
        }
    }
  g_assert_nonnull (found);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (found)));
  g_assert_true (gtk_widget_activate (found));   /* as a click or Space does */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (found)));
}

/* Accounts picked by name in the setup: the deck has exactly their slides,
 * in the order chosen. */
static void
test_chosen_accounts (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = kam_store_load_all (f->store, &kam_account_kind, &error);
  KamReviewSetup *setup;
  KamReviewWindow *review;
  KamReviewDeck *deck;
  const char *names[2];
  GtkWidget *start;

  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 40);
  /* two accounts of the middle, not the largest: made last and first */
  names[0] = kam_record_get_string (accounts->pdata[accounts->len - 1], "name");
  names[1] = kam_record_get_string (accounts->pdata[0], "name");
  g_assert_cmpstr (names[0], !=, names[1]);

  setup = open_setup (f);
  kam_test_wait_frames (GTK_WIDGET (setup), 2);
  g_assert_false (gtk_widget_get_mapped (kam_test_find_descendant (GTK_WIDGET (setup), GTK_TYPE_LIST_VIEW,
                                                                   "account-list")));
  kam_review_setup_choose (setup, "accounts", 4);
  kam_test_wait_frames (GTK_WIDGET (setup), 2);
  g_assert_true (gtk_widget_get_mapped (kam_test_find_descendant (GTK_WIDGET (setup), GTK_TYPE_LIST_VIEW,
                                                                  "account-list")));
  g_assert_cmpstr (label_text (GTK_WIDGET (setup), "chosen-count"), ==, "0 chosen");
  /* nothing chosen: Start is off, and starting says why */
  start = gtk_window_get_default_widget (GTK_WINDOW (setup));
  g_assert_false (gtk_widget_get_sensitive (start));
  g_assert_null (kam_review_setup_start (setup, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  choose_account (setup, names[0]);
  g_assert_cmpstr (label_text (GTK_WIDGET (setup), "chosen-count"), ==, "1 chosen");
  choose_account (setup, names[1]);
  g_assert_cmpuint (kam_review_setup_get_n_chosen (setup), ==, 2);
  g_assert_cmpstr (label_text (GTK_WIDGET (setup), "chosen-count"), ==, "2 chosen");
  g_assert_true (gtk_widget_get_sensitive (start));
  kam_test_screenshot (GTK_WIDGET (setup), "review-setup-chosen.png");

  review = kam_review_setup_start (setup, &error);
  g_assert_no_error (error);
  kam_test_wait_frames (GTK_WIDGET (review), 2);
  deck = kam_review_window_get_deck (review);
  g_assert_cmpuint (kam_review_window_get_n_slides (review), ==, 9 + 2);
  g_assert_cmpuint (deck->accounts->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *title = kam_review_deck_get_title (deck, 9 + i);

      g_assert_cmpstr (title, ==, names[i]);
      g_assert_cmpint (g_array_index (deck->slides, KamSlide, 9 + i).kind, ==, KAM_SLIDE_ACCOUNT);
    }
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  press (review, GDK_KEY_Escape);
  kam_test_wait_ms (100);
  g_assert_null (review);
}

/* The presenter view at both laptop sizes, light and dark, on an account
 * slide with its notes and on the numbers; the clock fixed. */
static void
test_presenter_screenshots (Fixture       *f,
                            gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 24, 14, 5, 0);
  g_autoptr(GError) error = NULL;
  KamReviewOptions options;

  if (screenshot_dir () == NULL)
    {
      g_test_skip ("KAM_SCREENSHOT_DIR is not set");
      return;
    }

  kam_review_options_init (&options);
  options.period = (KamPeriod) { 2026, 10, 3 };
  for (int big = 0; big < 2; big++)
    for (int dark = 0; dark < 2; dark++)
      {
        KamReviewDeck *deck = kam_review_deck_build (f->store, &options, NULL, &error);
        KamReviewWindow *review;
        GtkWidget *presenter;
        g_autoptr(GdkMonitor) monitor = NULL;
        const char *size = big ? "1920x1080" : "1024x768";
        g_autofree char *account = g_strdup_printf ("presenter-%s-%s-account.png", size, dark ? "dark" : "light");
        g_autofree char *numbers = g_strdup_printf ("presenter-%s-%s-numbers.png", size, dark ? "dark" : "light");

        g_assert_no_error (error);
        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        review = kam_review_window_new (GTK_WINDOW (f->window), deck, dark);
        /* the deck as a 4:3 beamer shows it, or a 16:9 one */
        gtk_window_set_default_size (GTK_WINDOW (review), big ? 1920 : 1024, big ? 1080 : 768);
        gtk_window_present (GTK_WINDOW (review));
        kam_test_wait_frames (GTK_WIDGET (review), 2);
        /* 1920 × 1080: fullscreen on the (one) monitor; 1024 × 768: a window */
        if (big)
          monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
        presenter = GTK_WIDGET (kam_review_window_start_presenter (review, monitor));
        kam_presenter_window_set_clock (KAM_PRESENTER_WINDOW (presenter), now, 754 * G_TIME_SPAN_SECOND);
        kam_test_wait_for_width (presenter, big ? 1920 : 1024);
        press_presenter (presenter, GDK_KEY_1);
        press_presenter (presenter, GDK_KEY_0);
        press_presenter (presenter, GDK_KEY_Return);
        kam_test_wait_ms (200);
        kam_test_screenshot (presenter, account);
        g_assert_cmpint (gtk_widget_get_width (presenter), ==, big ? 1920 : 1024);
        press_presenter (presenter, GDK_KEY_2);
        press_presenter (presenter, GDK_KEY_Return);
        press_presenter (presenter, GDK_KEY_b);
        kam_test_screenshot (presenter, numbers);

        g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
        press_presenter (presenter, GDK_KEY_Escape);
        kam_test_wait_ms (100);
        g_assert_null (review);
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);

  g_test_add ("/kam/gui/review/keys", Fixture, NULL, fixture_setup, test_keys, fixture_teardown);
  g_test_add ("/kam/gui/review/setup-choices", Fixture, NULL, fixture_setup, test_setup_choices, fixture_teardown);
  g_test_add ("/kam/gui/review/screenshots/slides", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);
  g_test_add ("/kam/gui/review/presenter", Fixture, NULL, fixture_setup, test_presenter, fixture_teardown);
  g_test_add ("/kam/gui/review/chosen-accounts", Fixture, NULL, fixture_setup, test_chosen_accounts,
              fixture_teardown);
  g_test_add ("/kam/gui/review/screenshots/presenter", Fixture, NULL, fixture_setup, test_presenter_screenshots,
              fixture_teardown);

  return g_test_run ();
}
