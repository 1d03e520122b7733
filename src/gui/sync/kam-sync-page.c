/* kam-sync-page.c — the Sync page of the preferences window
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Server URL, database, user and password (Save keeps them: the first
 * three in the database as `kam sync` does, the password in the keyring),
 * sync every N minutes, Sync Now with the state, and the conflicts.
 * Built in code, in its own file: the preferences window adds it with one
 * call.
 */
#define G_LOG_DOMAIN "kam-sync-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-conflicts-window.h"
#include "kam-sync-controller.h"
#include "kam-sync-page.h"
#include "kam-sync.h"

struct _KamSyncPage
{
  AdwPreferencesPage  parent_instance;

  KamSyncController  *controller;
  AdwEntryRow        *server_row;
  AdwEntryRow        *database_row;
  AdwEntryRow        *user_row;
  AdwPasswordEntryRow *password_row;
  GtkWidget          *save_button;
  GtkSpinButton      *interval_spin;
  AdwActionRow       *status_row;
  GtkWidget          *sync_button;
  AdwActionRow       *conflicts_row;
  GtkWidget          *conflicts_button;
};

G_DEFINE_FINAL_TYPE (KamSyncPage, kam_sync_page, ADW_TYPE_PREFERENCES_PAGE)

static void
update (KamSyncPage *self)
{
  KamSyncState state = kam_sync_controller_get_state (self->controller);
  const char *message = kam_sync_controller_get_message (self->controller);
  guint n = kam_sync_controller_get_n_conflicts (self->controller);
  g_autofree char *conflicts = NULL;
  const char *title;

  switch (state)
    {
    case KAM_SYNC_STATE_SYNCING:
      title = _("Syncing…");
      break;
    case KAM_SYNC_STATE_OFFLINE:
      title = _("Offline");
      break;
    case KAM_SYNC_STATE_ERROR:
      title = _("Sync failed");
      break;
    case KAM_SYNC_STATE_OFF:
      title = _("No team server");
      break;
    case KAM_SYNC_STATE_IDLE:
    default:
      title = _("Synced with the team");
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, message ? message : "");
  gtk_widget_set_sensitive (self->sync_button, state != KAM_SYNC_STATE_SYNCING && state != KAM_SYNC_STATE_OFF);

  conflicts = n == 0 ? g_strdup (_("None"))
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field to choose", "%u fields to choose", n), n);
  adw_action_row_set_subtitle (self->conflicts_row, conflicts);
  gtk_widget_set_sensitive (self->conflicts_button, n > 0);
}

static void
validate (KamSyncPage *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *database = gtk_editable_get_text (GTK_EDITABLE (self->database_row));
  gboolean ok = (*server == '\0' && *database == '\0')
                || (kam_sync_check_server (server, NULL) && *database != '\0');

  if (ok || *server == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_widget_set_sensitive (self->save_button, ok);
}

static void
save_clicked_cb (KamSyncPage *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autoptr(GError) error = NULL;

  if (*server != '\0' && !kam_sync_check_server (server, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
      return;
    }
  kam_sync_controller_configure (self->controller, server,
                                 gtk_editable_get_text (GTK_EDITABLE (self->database_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  /* The password goes to the keyring, not to the widget's memory. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  kam_sync_controller_sync_now (self->controller);
}

static void
interval_changed_cb (KamSyncPage *self)
{
  kam_sync_controller_set_interval (self->controller, (guint) gtk_spin_button_get_value_as_int (self->interval_spin));
}

static void
sync_clicked_cb (KamSyncPage *self)
{
  kam_sync_controller_sync_now (self->controller);
}

static void
conflicts_clicked_cb (KamSyncPage *self)
{
  KamConflictsWindow *window = kam_conflicts_window_new (self->controller);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static AdwEntryRow *
entry_row_new (AdwPreferencesGroup *group,
               const char          *title,
               const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
kam_sync_page_dispose (GObject *object)
{
  KamSyncPage *self = KAM_SYNC_PAGE (object);

  g_clear_object (&self->controller);

  G_OBJECT_CLASS (kam_sync_page_parent_class)->dispose (object);
}

static void
kam_sync_page_class_init (KamSyncPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kam_sync_page_dispose;
}

static void
kam_sync_page_init (KamSyncPage *self)
{
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "sync");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), C_("preferences page", "Sync"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "emblem-synchronizing-symbolic");
}

AdwPreferencesPage *
kam_sync_page_new (KamContext *context)
{
  KamSyncPage *self = g_object_new (KAM_TYPE_SYNC_PAGE, NULL);
  KamStore *store = kam_context_get_store (context);
  g_autofree char *server = kam_store_get_setting (store, "sync-server", NULL);
  g_autofree char *database = kam_store_get_setting (store, "sync-database", NULL);
  g_autofree char *user = kam_store_get_setting (store, "sync-user", NULL);
  AdwPreferencesGroup *group;
  GtkWidget *row;

  self->controller = g_object_ref (kam_sync_controller_get_for_context (context));

  /* The server */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Team Server"));
  adw_preferences_group_set_description (group, _("The team's CouchDB database. Everything keeps working offline; "
                                                  "changes go both ways at each sync."));
  self->server_row = entry_row_new (group, _("Server address, such as https://couch.example.com"), server);
  gtk_widget_set_name (GTK_WIDGET (self->server_row), "server");
  self->database_row = entry_row_new (group, _("Database"), database);
  gtk_widget_set_name (GTK_WIDGET (self->database_row), "database");
  self->user_row = entry_row_new (group, _("User name"), user);
  gtk_widget_set_name (GTK_WIDGET (self->user_row), "user");
  self->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password (kept in the keyring)"));
  adw_preferences_group_add (group, GTK_WIDGET (self->password_row));
  self->save_button = gtk_button_new_with_mnemonic (_("_Save and Sync"));
  gtk_widget_set_name (self->save_button, "save");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_widget_set_halign (self->save_button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (self->save_button, 12);
  adw_preferences_group_add (group, self->save_button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
  g_signal_connect_swapped (self->server_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->database_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);

  /* When */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Schedule"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Sync every"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Minutes; 0 syncs only when asked"));
  self->interval_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 24 * 60, 1));
  gtk_spin_button_set_value (self->interval_spin, kam_sync_controller_get_interval (self->controller));
  gtk_widget_set_valign (GTK_WIDGET (self->interval_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->interval_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minutes between syncs"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->interval_spin));
  adw_preferences_group_add (group, row);
  g_signal_connect_swapped (self->interval_spin, "value-changed", G_CALLBACK (interval_changed_cb), self);

  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->sync_button = gtk_button_new_with_mnemonic (_("Sync _Now"));
  gtk_widget_set_name (self->sync_button, "sync-now");
  gtk_widget_set_valign (self->sync_button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->status_row, self->sync_button);
  adw_preferences_group_add (group, GTK_WIDGET (self->status_row));
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (sync_clicked_cb), self);

  self->conflicts_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->conflicts_row), _("Conflicts"));
  self->conflicts_button = gtk_button_new_with_mnemonic (_("_Resolve…"));
  gtk_widget_set_name (self->conflicts_button, "resolve");
  gtk_widget_set_valign (self->conflicts_button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->conflicts_row, self->conflicts_button);
  adw_preferences_group_add (group, GTK_WIDGET (self->conflicts_row));
  g_signal_connect_swapped (self->conflicts_button, "clicked", G_CALLBACK (conflicts_clicked_cb), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);

  g_signal_connect_object (self->controller, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  validate (self);
  update (self);
  return ADW_PREFERENCES_PAGE (self);
}
