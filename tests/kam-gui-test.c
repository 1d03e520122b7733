/* kam-gui-test.c — what the widget tests share
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kam-gui-test.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kam-generate.h"

void
kam_test_init (int    *argc,
               char ***argv)
{
  static GtkCssProvider *css;

  gtk_test_init (argc, argv, NULL);
  setlocale (LC_ALL, "");
  adw_init ();

  /* The zh_CN runs read the translations built in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KAM_LOCALEDIR") ? g_getenv ("KAM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* No transitions: a folding leaflet half-way through its animation has
   * children without an allocation, which a snapshot warns about. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* What AdwApplication does for the real program: our styles and icons
   * (kept for the whole run). */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/keyaccounts/KeyAccounts/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/keyaccounts/KeyAccounts/icons");
}

void
kam_test_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  guint         *count)
{
  (*count)++;
}

void
kam_test_wait_frames (GtkWidget *widget,
                      guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint count = 0;
  gulong handler;

  if (clock == NULL)
    return;

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &count);
  while (count < n && g_get_monotonic_time () < deadline)
    {
      gtk_widget_queue_draw (widget);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_signal_handler_disconnect (clock, handler);
}

void
kam_test_wait_for_width (GtkWidget *window,
                         int        width)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (ABS (gtk_widget_get_width (window) - width) > 16 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  kam_test_wait_frames (window, 3);
}

GtkWidget *
kam_test_find_descendant (GtkWidget  *widget,
                          GType       type,
                          const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (name == NULL || g_strcmp0 (gtk_widget_get_name (child), name) == 0))
        return child;
      found = kam_test_find_descendant (child, type, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GskRenderNode *
render_node (GtkWidget *widget,
             int        width,
             int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  return gtk_snapshot_free_to_node (snapshot);
}

void
kam_test_screenshot (GtkWidget  *widget,
                     const char *name)
{
  const char *dir = g_getenv ("KAM_SCREENSHOT_DIR");
  const char *prefix = g_getenv ("KAM_SCREENSHOT_PREFIX");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = 0, height = 0;

  if (dir == NULL)
    return;

  kam_test_wait_ms (100);
  do
    {
      kam_test_wait_frames (widget, 3);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (width > 0 && height > 0 && gtk_widget_get_mapped (widget))
        node = render_node (widget, width, height);
    }
  while (node == NULL && g_get_monotonic_time () < deadline);

  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s%s", dir, prefix ? prefix : "", name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s (%dx%d)", path, width, height);
}

void
kam_test_app_open (KamTestApp *app,
                   const char *name,
                   guint       n_accounts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("kam-%s-XXXXXX", name);
  g_autofree char *path = NULL;
  KamGenerateOptions options;

  app->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  path = g_build_filename (app->dir, "gui.db", NULL);
  app->store = kam_store_open (path, &error);
  g_assert_no_error (error);

  if (n_accounts > 0)
    {
      kam_generate_options_init (&options);
      options.n_accounts = n_accounts;
      options.seed = 42;
      g_assert_true (kam_generate (app->store, &options, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  app->settings = g_settings_new (APP_ID);
  app->context = kam_context_new (app->store, app->settings);
  app->window = kam_window_new (NULL, app->context, NULL);
  g_object_ref_sink (app->window);
  gtk_window_set_default_size (GTK_WINDOW (app->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (app->window));
  kam_test_wait_ms (300);
}

void
kam_test_app_close (KamTestApp *app)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  gtk_window_destroy (GTK_WINDOW (app->window));
  kam_test_wait_ms (50);
  g_assert_finalize_object (app->window);
  g_assert_finalize_object (app->context);
  g_clear_object (&app->settings);
  g_assert_finalize_object (app->store);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/gui.db%s", app->dir, suffixes[i]);
      g_unlink (path);
    }
  g_rmdir (app->dir);
  g_clear_pointer (&app->dir, g_free);
}
