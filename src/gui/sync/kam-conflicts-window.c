/* kam-conflicts-window.c — the records changed here and on the server to
 * different values, field by field, with both values side by side
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One group per record, one row per field: "This computer" and "Server"
 * with their values, and Keep Mine / Keep Theirs / Edit.  A choice is saved
 * at once (kam_store_sync_resolve(): the record becomes dirty and goes to
 * the server at the next sync).  Built in code: it is one list.
 */
#define G_LOG_DOMAIN "kam-sync-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kam-conflicts-window.h"
#include "kam-model.h"
#include "kam-store-sync.h"

struct _KamConflictsWindow
{
  AdwWindow          parent_instance;

  KamSyncController *controller;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  GtkBox            *groups;
  guint              n_fields;
};

G_DEFINE_FINAL_TYPE (KamConflictsWindow, kam_conflicts_window, ADW_TYPE_WINDOW)

static void reload (KamConflictsWindow *self);

static char *
value_text (JsonNode   *node,
            const char *field)
{
  if (g_str_equal (field, "_deleted"))
    return g_strdup (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node)
                     ? _("Deleted") : _("Kept"));
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(not set)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (*json_node_get_string (node) ? json_node_get_string (node) : _("(not set)"));
  return json_to_string (node, FALSE);
}

static void
resolve (KamConflictsWindow *self,
         const char         *doc_id,
         const char         *field,
         KamSyncResolution   resolution,
         const char         *value)
{
  g_autoptr(GError) error = NULL;
  KamStore *store = kam_context_get_store (kam_sync_controller_get_context (self->controller));

  if (!kam_store_sync_resolve (store, doc_id, field, resolution, value, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }
  kam_store_notify_external_change (store);
  kam_sync_controller_refresh (self->controller);
  reload (self);
}

static void
keep_clicked_cb (GtkButton          *button,
                 KamConflictsWindow *self)
{
  resolve (self, g_object_get_data (G_OBJECT (button), "doc-id"),
           g_object_get_data (G_OBJECT (button), "field"),
           GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "resolution")), NULL);
}

static void
edit_response_cb (AdwMessageDialog   *dialog,
                  const char         *response,
                  KamConflictsWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "save"))
    resolve (self, g_object_get_data (G_OBJECT (dialog), "doc-id"),
             g_object_get_data (G_OBJECT (dialog), "field"),
             KAM_SYNC_RESOLVE_VALUE, gtk_editable_get_text (entry));
}

static void
edit_clicked_cb (GtkButton          *button,
                 KamConflictsWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Another Value"),
                                   _("Both values are replaced by this one, everywhere, at the next sync."));
  gtk_editable_set_text (GTK_EDITABLE (entry), g_object_get_data (G_OBJECT (button), "theirs"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_object_set_data_full (G_OBJECT (dialog), "doc-id", g_strdup (g_object_get_data (G_OBJECT (button), "doc-id")), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "field", g_strdup (g_object_get_data (G_OBJECT (button), "field")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
side_new (const char *caption,
          const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (caption);
  GtkWidget *label = gtk_label_new (value);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
button_new (const char *label,
            const char *doc_id,
            const char *field)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data_full (G_OBJECT (button), "doc-id", g_strdup (doc_id), g_free);
  g_object_set_data_full (G_OBJECT (button), "field", g_strdup (field), g_free);
  return button;
}

static GtkWidget *
field_row_new (KamConflictsWindow  *self,
               const KamRecordKind *kind,
               const char          *doc_id,
               const char          *field,
               JsonObject          *pair)
{
  const KamField *f = kind ? kam_record_kind_find_field (kind, field) : NULL;
  g_autofree char *mine = value_text (json_object_get_member (pair, "mine"), field);
  g_autofree char *theirs = value_text (json_object_get_member (pair, "theirs"), field);
  const char *label = g_str_equal (field, "_deleted") ? _("Deleted") : f ? g_dgettext (GETTEXT_PACKAGE, f->label) : field;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 9);
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *keep_mine = button_new (_("Keep _Mine"), doc_id, field);
  GtkWidget *keep_theirs = button_new (_("Keep _Theirs"), doc_id, field);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (sides), side_new (_("This computer"), mine));
  gtk_box_append (GTK_BOX (sides), side_new (_("Server"), theirs));
  gtk_box_append (GTK_BOX (box), sides);

  g_object_set_data (G_OBJECT (keep_mine), "resolution", GINT_TO_POINTER (KAM_SYNC_RESOLVE_MINE));
  g_object_set_data (G_OBJECT (keep_theirs), "resolution", GINT_TO_POINTER (KAM_SYNC_RESOLVE_THEIRS));
  gtk_widget_set_name (keep_mine, "keep-mine");
  gtk_widget_set_name (keep_theirs, "keep-theirs");
  g_signal_connect_object (keep_mine, "clicked", G_CALLBACK (keep_clicked_cb), self, 0);
  g_signal_connect_object (keep_theirs, "clicked", G_CALLBACK (keep_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (buttons), keep_mine);
  gtk_box_append (GTK_BOX (buttons), keep_theirs);
  if (!g_str_equal (field, "_deleted") && f != NULL)
    {
      GtkWidget *edit = button_new (_("_Edit…"), doc_id, field);

      gtk_widget_set_name (edit, "edit");
      g_object_set_data_full (G_OBJECT (edit), "theirs", g_strdup (theirs), g_free);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (buttons), edit);
    }
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
reload (KamConflictsWindow *self)
{
  KamStore *store = kam_context_get_store (kam_sync_controller_get_context (self->controller));
  g_auto(GStrv) keys = kam_store_sync_list_keys (store, "conflict:");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);
  self->n_fields = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *doc_id = keys[i] + strlen ("conflict:");
      g_autoptr(JsonObject) conflict = kam_store_sync_get_conflict (store, doc_id);
      g_autofree char *type = g_strndup (doc_id, strcspn (doc_id, ":"));
      const KamRecordKind *kind = kam_record_kind_lookup (type);
      const char *id = strchr (doc_id, ':') ? strchr (doc_id, ':') + 1 : doc_id;
      g_autoptr(KamRecord) record = kind ? kam_store_load (store, kind, id, NULL) : NULL;
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *list = gtk_list_box_new ();
      JsonObject *fields;
      JsonObjectIter iter;
      const char *field;
      JsonNode *node;

      if (conflict == NULL || !json_object_has_member (conflict, "fields")
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (conflict, "fields")))
        continue;
      fields = json_object_get_object_member (conflict, "fields");
      if (record != NULL && kam_record_kind_find_field (kind, "name") != NULL)
        adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), kam_record_get_string (record, "name"));
      else
        adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), id);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             kind ? g_dgettext (GETTEXT_PACKAGE, kind->label) : type);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &field, &node))
        if (JSON_NODE_HOLDS_OBJECT (node))
          {
            gtk_list_box_append (GTK_LIST_BOX (list), field_row_new (self, kind, doc_id, field, json_node_get_object (node)));
            self->n_fields++;
          }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      gtk_box_append (self->groups, group);
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_fields > 0 ? "list" : "empty");
}

static void
kam_conflicts_window_dispose (GObject *object)
{
  KamConflictsWindow *self = KAM_CONFLICTS_WINDOW (object);

  g_clear_object (&self->controller);

  G_OBJECT_CLASS (kam_conflicts_window_parent_class)->dispose (object);
}

static void
kam_conflicts_window_class_init (KamConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_conflicts_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kam_conflicts_window_init (KamConflictsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *empty = adw_status_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Conflicts"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_top (GTK_WIDGET (self->groups), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->groups), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->groups), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->groups), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->groups));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Conflicts"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every change made here and on the server fits together."));
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

KamConflictsWindow *
kam_conflicts_window_new (KamSyncController *controller)
{
  KamConflictsWindow *self = g_object_new (KAM_TYPE_CONFLICTS_WINDOW, NULL);

  self->controller = g_object_ref (controller);
  reload (self);
  return self;
}

guint
kam_conflicts_window_get_n_fields (KamConflictsWindow *self)
{
  g_return_val_if_fail (KAM_IS_CONFLICTS_WINDOW (self), 0);

  return self->n_fields;
}
