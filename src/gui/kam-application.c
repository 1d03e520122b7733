/* kam-application.c — the application: one instance, one store
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-application"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-application.h"
#include "kam-context.h"
#include "kam-preferences-window.h"
#include "kam-window.h"

struct _KamApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  KamStore       *store;
  KamContext     *context;
  GSettings      *settings;
  GError         *open_error;
};

G_DEFINE_FINAL_TYPE (KamApplication, kam_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the database at PATH"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static int
kam_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  KamApplication *self = KAM_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("key-accounts %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);
    }

  return -1;
}

static void
open_store (KamApplication *self)
{
  g_autofree char *path = self->db_path ? g_strdup (self->db_path) : kam_store_default_path ();

  g_clear_error (&self->open_error);
  self->store = kam_store_open (path, &self->open_error);
  if (self->store != NULL)
    self->context = kam_context_new (self->store, self->settings);
}

static void
kam_application_activate (GApplication *app)
{
  KamApplication *self = KAM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      if (self->store == NULL && self->open_error == NULL)
        open_store (self);
      window = GTK_WINDOW (kam_window_new (self, self->context, self->open_error));
    }

  gtk_window_present (window);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  KamApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *prefs;

  if (self->context == NULL)
    return;

  prefs = GTK_WINDOW (kam_preferences_window_new (self->context));
  gtk_window_set_transient_for (prefs, parent);
  gtk_window_present (prefs);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  KamApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Key Accounts developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Key Accounts"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Key Accounts developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Know your key accounts, the people who decide, the visits and the pipeline"),
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Key Accounts developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close the windows so that they save their state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (app);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

static void
kam_application_startup (GApplication *app)
{
  KamApplication *self = KAM_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };

  G_APPLICATION_CLASS (kam_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-account", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
kam_application_finalize (GObject *object)
{
  KamApplication *self = KAM_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->open_error);
  g_free (self->db_path);

  G_OBJECT_CLASS (kam_application_parent_class)->finalize (object);
}

static void
kam_application_class_init (KamApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = kam_application_finalize;
  app_class->handle_local_options = kam_application_handle_local_options;
  app_class->startup = kam_application_startup;
  app_class->activate = kam_application_activate;
}

static void
kam_application_init (KamApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

gboolean
kam_gl_is_software_only (const char *dev_dir)
{
  g_autofree char *dri = g_build_filename (dev_dir, "dri", NULL);
  g_autofree char *nvidia = g_build_filename (dev_dir, "nvidia0", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (nvidia, G_FILE_TEST_EXISTS))
    return FALSE;
  dir = g_dir_open (dri, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))   /* (a cardN alone can only display) */
      return FALSE;
  return TRUE;
}

void
kam_choose_renderer (void)
{
  if (g_getenv ("GSK_RENDERER") != NULL || !kam_gl_is_software_only ("/dev"))
    return;
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_debug ("No graphics device: drawing with Cairo (set GSK_RENDERER to choose)");
}

KamApplication *
kam_application_new (void)
{
  return g_object_new (KAM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/keyaccounts/KeyAccounts",
                       NULL);
}
