/* kam-sync-indicator.c — the sync state in the header bar, and the toast
 * when records arrive
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A menu button whose icon tells the state (idle, syncing, offline, error;
 * hidden while no server is set) and whose popover says why, with Sync Now
 * and the Conflicts window.
 */
#define G_LOG_DOMAIN "kam-sync-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-conflicts-window.h"
#include "kam-sync-indicator.h"

struct _KamSyncIndicator
{
  GtkWidget          parent_instance;

  KamSyncController *controller;
  AdwToastOverlay   *toasts;     /* weak */
  GtkWidget         *button;
  GtkWidget         *spinner;
  GtkWidget         *image;
  GtkLabel          *title;
  GtkLabel          *message;
  GtkWidget         *sync_button;
  GtkWidget         *conflicts_button;
};

G_DEFINE_FINAL_TYPE (KamSyncIndicator, kam_sync_indicator, GTK_TYPE_WIDGET)

static void
update (KamSyncIndicator *self)
{
  KamSyncState state = kam_sync_controller_get_state (self->controller);
  guint n_conflicts = kam_sync_controller_get_n_conflicts (self->controller);
  const char *message = kam_sync_controller_get_message (self->controller);
  const char *icon = "emblem-ok-symbolic";
  const char *title = _("Synced with the team");
  g_autofree char *conflicts = NULL;

  switch (state)
    {
    case KAM_SYNC_STATE_SYNCING:
      title = _("Syncing…");
      break;
    case KAM_SYNC_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      title = _("Offline");
      break;
    case KAM_SYNC_STATE_ERROR:
      icon = "dialog-warning-symbolic";
      title = _("Sync failed");
      break;
    case KAM_SYNC_STATE_OFF:
      title = _("No team server");
      break;
    case KAM_SYNC_STATE_IDLE:
    default:
      if (n_conflicts > 0)
        icon = "dialog-warning-symbolic";
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), state != KAM_SYNC_STATE_OFF || n_conflicts > 0);
  gtk_widget_set_visible (self->spinner, state == KAM_SYNC_STATE_SYNCING);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), state == KAM_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (self->image, state != KAM_SYNC_STATE_SYNCING);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->image), icon);
  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->message, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL && *message != '\0');
  gtk_widget_set_tooltip_text (self->button, message && *message ? message : title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_sensitive (self->sync_button, state != KAM_SYNC_STATE_SYNCING && state != KAM_SYNC_STATE_OFF);

  conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Resolve %u Conflict…", "Resolve %u Conflicts…",
                                            n_conflicts), n_conflicts);
  gtk_button_set_label (GTK_BUTTON (self->conflicts_button), conflicts);
  gtk_widget_set_visible (self->conflicts_button, n_conflicts > 0);
}

static void
controller_notify_cb (KamSyncIndicator *self)
{
  update (self);
}

static void
records_arrived_cb (KamSyncIndicator *self,
                    guint             n)
{
  g_autofree char *text = NULL;

  if (self->toasts == NULL)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record arrived from the team",
                                       "%u records arrived from the team", n), n);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static void
sync_clicked_cb (KamSyncIndicator *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  kam_sync_controller_sync_now (self->controller);
}

static void
conflicts_clicked_cb (KamSyncIndicator *self)
{
  KamConflictsWindow *window = kam_conflicts_window_new (self->controller);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

static void
kam_sync_indicator_dispose (GObject *object)
{
  KamSyncIndicator *self = KAM_SYNC_INDICATOR (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->controller);
  g_clear_weak_pointer (&self->toasts);

  G_OBJECT_CLASS (kam_sync_indicator_parent_class)->dispose (object);
}

static void
kam_sync_indicator_class_init (KamSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_sync_indicator_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kam-sync-indicator");
}

static void
kam_sync_indicator_init (KamSyncIndicator *self)
{
  GtkWidget *icons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->button = gtk_menu_button_new ();
  self->spinner = gtk_spinner_new ();
  self->image = gtk_image_new ();
  gtk_box_append (GTK_BOX (icons), self->spinner);
  gtk_box_append (GTK_BOX (icons), self->image);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), icons);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_label_set_xalign (self->title, 0);
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_max_width_chars (self->message, 40);
  gtk_label_set_xalign (self->message, 0);
  gtk_label_set_selectable (self->message, TRUE);
  self->sync_button = gtk_button_new_with_mnemonic (_("_Sync Now"));
  gtk_widget_add_css_class (self->sync_button, "suggested-action");
  gtk_widget_set_margin_top (self->sync_button, 6);
  self->conflicts_button = gtk_button_new ();
  g_signal_connect_swapped (self->sync_button, "clicked", G_CALLBACK (sync_clicked_cb), self);
  g_signal_connect_swapped (self->conflicts_button, "clicked", G_CALLBACK (conflicts_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));
  gtk_box_append (GTK_BOX (box), self->sync_button);
  gtk_box_append (GTK_BOX (box), self->conflicts_button);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
kam_sync_indicator_new (KamSyncController *controller,
                        AdwToastOverlay   *toasts)
{
  KamSyncIndicator *self = g_object_new (KAM_TYPE_SYNC_INDICATOR, NULL);

  self->controller = g_object_ref (controller);
  g_set_weak_pointer (&self->toasts, toasts);
  g_signal_connect_object (controller, "notify", G_CALLBACK (controller_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "records-arrived", G_CALLBACK (records_arrived_cb), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

void
kam_sync_attach_to_window (GtkWidget  *window,
                           KamContext *context)
{
  /* Only the children bound to the window's struct can be looked up: the
   * header bar is the one around its view switcher title. */
  GObject *title = gtk_widget_get_template_child (window, G_OBJECT_TYPE (window), "switcher_title");
  GtkWidget *header = GTK_IS_WIDGET (title) ? gtk_widget_get_ancestor (GTK_WIDGET (title), ADW_TYPE_HEADER_BAR) : NULL;
  GObject *toasts = gtk_widget_get_template_child (window, G_OBJECT_TYPE (window), "toast_overlay");
  KamSyncController *controller = kam_sync_controller_get_for_context (context);

  g_return_if_fail (ADW_IS_HEADER_BAR (header));

  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           kam_sync_indicator_new (controller, ADW_IS_TOAST_OVERLAY (toasts)
                                                               ? ADW_TOAST_OVERLAY (toasts) : NULL));
  if (kam_sync_controller_get_state (controller) != KAM_SYNC_STATE_OFF)
    kam_sync_controller_sync_now (controller);
}
