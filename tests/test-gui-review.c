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
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kam-gui-test.h"
#include "kam-context.h"
#include "kam-generate.h"
#include "kam-review-setup.h"
#include "kam-window.h"

#define APP_ID "io.github.keyaccounts.KeyAccounts"

typedef struct {
  char       *dir;
  KamStore   *store;
  GSettings  *settings;
  KamContext *context;
  KamWindow  *window;
} Fixture;

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
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  KamGenerateOptions options;

  f->dir = g_dir_make_tmp ("kam-gui-review-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "gui.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);
  kam_generate_options_init (&options);
  options.n_accounts = 40;
  options.seed = 42;
  kam_generate (f->store, &options, NULL, NULL, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
  f->context = kam_context_new (f->store, f->settings);
  f->window = kam_window_new (NULL, f->context, NULL);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  kam_test_wait_ms (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  gtk_window_destroy (GTK_WINDOW (f->window));
  kam_test_wait_ms (50);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->context);
  g_clear_object (&f->settings);
  g_assert_finalize_object (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/gui.db%s", f->dir, suffixes[i]);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
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

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);
  adw_init ();
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KAM_LOCALEDIR") ? g_getenv ("KAM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/kam/gui/review/keys", Fixture, NULL, fixture_setup, test_keys, fixture_teardown);
  g_test_add ("/kam/gui/review/setup-choices", Fixture, NULL, fixture_setup, test_setup_choices, fixture_teardown);
  g_test_add ("/kam/gui/review/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);

  return g_test_run ();
}
