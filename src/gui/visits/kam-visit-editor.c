/* kam-visit-editor.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are built in code: their number depends on the account's
 * contacts and the team.  Save copies every row into the visit with
 * kam_record_set_from_string() (the parser of `kam set`, which reads
 * "2026-11-24 09:30" as local time) inside one transaction; marking a visit
 * done goes through kam_visit_plan_mark_done() in the same transaction.
 */
#define G_LOG_DOMAIN "kam-visit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-model.h"
#include "kam-store-private.h"
#include "kam-visit-editor.h"
#include "kam-visit-plan.h"

#define MAX_ACCOUNTS 2000

struct _KamVisitEditor
{
  AdwWindow        parent_instance;

  KamContext      *context;
  KamRecord       *visit;
  gboolean         is_new;
  int              stored_status;

  GtkWidget       *save_button;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwComboRow     *account_row;
  GPtrArray       *account_ids;
  AdwEntryRow     *start_row;
  AdwEntryRow     *end_row;
  AdwEntryRow     *place_row;
  AdwComboRow     *kind_row;
  AdwEntryRow     *objective_row;
  AdwComboRow     *status_row;
  AdwPreferencesGroup *contacts_group;
  GPtrArray       *contact_rows;   /* AdwActionRow, with "id" data and a check button */
  AdwPreferencesGroup *members_group;
  GPtrArray       *member_checks;  /* GtkCheckButton with "id" data */
  AdwPreferencesGroup *outcome_group;
  AdwEntryRow     *outcome_row;
  AdwEntryRow     *next_steps_row;
  AdwEntryRow     *follow_up_row;
};

G_DEFINE_FINAL_TYPE (KamVisitEditor, kam_visit_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Stored UTC to what people type: "2026-11-24 09:30", local. */
static char *
local_text (const char *stored)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (stored == NULL || *stored == '\0')
    return g_strdup ("");
  dt = g_date_time_new_from_iso8601 (stored, utc);
  if (dt == NULL)
    return g_strdup (stored);
  local = g_date_time_to_local (dt);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static GtkStringList *
enum_labels (GType type,
             int   n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, kam_enum_to_label (type, i));
  return list;
}

static const char *
selected_account (KamVisitEditor *self)
{
  guint pos = adw_combo_row_get_selected (self->account_row);

  if (self->account_ids == NULL || pos >= self->account_ids->len)
    return NULL;
  return g_ptr_array_index (self->account_ids, pos);
}

static gboolean
strv_has (const char * const *strv,
          const char         *id)
{
  return strv != NULL && id != NULL && g_strv_contains (strv, id);
}

static void
fill_contacts (KamVisitEditor *self)
{
  KamStore *store = kam_context_get_store (self->context);
  const char *account_id = selected_account (self);
  const char * const *chosen = kam_record_get_strv (self->visit, "contact_ids");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < self->contact_rows->len; i++)
    adw_preferences_group_remove (self->contacts_group, g_ptr_array_index (self->contact_rows, i));
  g_ptr_array_set_size (self->contact_rows, 0);

  if (account_id == NULL)
    return;

  stmt = kam_store_prepare (store, "SELECT id, name, title FROM contact WHERE account_id = ?1 AND deleted = 0 "
                                   "ORDER BY (decision_role != 'none' OR influence >= 4) DESC, influence DESC, name", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), (const char *) sqlite3_column_text (stmt, 1));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), (const char *) sqlite3_column_text (stmt, 2));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), strv_has (chosen, id));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "id", g_strdup (id), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
    }
  sqlite3_reset (stmt);

  if (self->contact_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No contacts in this account yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
    }
}

static void
account_selected_cb (KamVisitEditor *self)
{
  fill_contacts (self);
}

static void
status_selected_cb (KamVisitEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_group),
                          adw_combo_row_get_selected (self->status_row) == KAM_VISIT_DONE);
}

static void
show_error (KamVisitEditor *self,
            const GError   *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
save_clicked_cb (KamVisitEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (kam_visit_editor_save (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
  else
    show_error (self, error);
}

static void
cancel_clicked_cb (KamVisitEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static AdwEntryRow *
add_entry_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *text,
               const char          *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo_row (AdwPreferencesGroup *group,
               const char          *title,
               GListModel          *model,
               guint                selected,
               const char          *name)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static void
build (KamVisitEditor *self)
{
  KamStore *store = kam_context_get_store (self->context);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *error_box;
  AdwPreferencesGroup *when = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) accounts = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = enum_labels (KAM_TYPE_VISIT_KIND, 4);
  g_autoptr(GtkStringList) statuses = enum_labels (KAM_TYPE_VISIT_STATUS, 3);
  const char *account_id = kam_record_get_string (self->visit, "account_id");
  const char * const *members_chosen = kam_record_get_strv (self->visit, "member_ids");
  GListModel *members = kam_context_get_members (self->context);
  g_autofree char *start = local_text (kam_record_get_string (self->visit, "start_at"));
  g_autofree char *end = local_text (kam_record_get_string (self->visit, "end_at"));
  guint account_pos = 0;
  sqlite3_stmt *stmt;

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Visit") : _("Visit"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_name (self->save_button, "save-button");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  gtk_box_append (GTK_BOX (toolbar), header);

  self->error_revealer = GTK_REVEALER (gtk_revealer_new ());
  error_box = gtk_label_new (NULL);
  self->error_label = GTK_LABEL (error_box);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (error_box, "error");
  gtk_widget_set_margin_top (error_box, 12);
  gtk_revealer_set_child (self->error_revealer, error_box);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->error_revealer));

  /* When and where */
  adw_preferences_group_set_title (when, _("Visit"));
  self->account_ids = g_ptr_array_new_with_free_func (g_free);
  stmt = kam_store_prepare (store, "SELECT id, name FROM account WHERE deleted = 0 "
                                   "ORDER BY (id = ?1) DESC, name COLLATE NOCASE LIMIT ?2", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, MAX_ACCOUNTS);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (self->account_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          gtk_string_list_append (accounts, (const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  /* Its own account comes first (the query puts it there). */
  account_pos = 0;
  self->account_row = add_combo_row (when, _("Account"), G_LIST_MODEL (accounts), account_pos, "account-row");
  {
    g_autoptr(GtkExpression) expr = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

    adw_combo_row_set_expression (self->account_row, expr);
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_row), self->is_new && (account_id == NULL || *account_id == '\0'));
  self->start_row = add_entry_row (when, _("Start (YYYY-MM-DD HH:MM)"), start, "start-row");
  self->end_row = add_entry_row (when, _("End (YYYY-MM-DD HH:MM)"), end, "end-row");
  self->place_row = add_entry_row (when, _("Place"), kam_record_get_string (self->visit, "place"), "place-row");
  self->kind_row = add_combo_row (when, _("Kind"), G_LIST_MODEL (kinds), kam_record_get_int (self->visit, "kind"),
                                  "kind-row");
  self->objective_row = add_entry_row (when, _("Objective"), kam_record_get_string (self->visit, "objective"),
                                       "objective-row");
  self->stored_status = kam_record_get_int (self->visit, "status");
  self->status_row = add_combo_row (when, _("Status"), G_LIST_MODEL (statuses), self->stored_status, "status-row");
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (when));

  /* Outcome, when done */
  self->outcome_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->outcome_group, _("Outcome"));
  adw_preferences_group_set_description (self->outcome_group,
                                         _("A follow-up date plans the next visit in the first free slot of that day."));
  self->outcome_row = add_entry_row (self->outcome_group, _("Outcome"), kam_record_get_string (self->visit, "outcome"),
                                     "outcome-row");
  self->next_steps_row = add_entry_row (self->outcome_group, _("Next steps"),
                                        kam_record_get_string (self->visit, "next_steps"), "next-steps-row");
  self->follow_up_row = add_entry_row (self->outcome_group, _("Follow-up date (YYYY-MM-DD)"),
                                       kam_record_get_string (self->visit, "follow_up"), "follow-up-row");
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->outcome_group));

  /* Their attendees */
  self->contacts_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->contacts_group, _("Their Attendees"));
  self->contact_rows = g_ptr_array_new ();
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->contacts_group));

  /* Our attendees */
  self->members_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->members_group, _("Our Attendees"));
  self->member_checks = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(KamRecord) member = g_list_model_get_item (members, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kam_record_get_string (member, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kam_record_get_string (member, "role"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), strv_has (members_chosen, kam_record_get_id (member)));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "id", g_strdup (kam_record_get_id (member)), g_free);
      adw_preferences_group_add (self->members_group, row);
      g_ptr_array_add (self->member_checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->members_group), self->member_checks->len > 0);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->members_group));

  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  fill_contacts (self);
  status_selected_cb (self);
  g_signal_connect_swapped (self->account_row, "notify::selected", G_CALLBACK (account_selected_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (status_selected_cb), self);
}

static void
kam_visit_editor_dispose (GObject *object)
{
  KamVisitEditor *self = KAM_VISIT_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->visit);
  g_clear_pointer (&self->account_ids, g_ptr_array_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->member_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (kam_visit_editor_parent_class)->dispose (object);
}

static void
kam_visit_editor_class_init (KamVisitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_visit_editor_dispose;

  /* KamVisitEditor::saved: the visit (its id) was written */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kam_visit_editor_init (KamVisitEditor *self)
{
}

KamVisitEditor *
kam_visit_editor_new (GtkWindow  *parent,
                      KamContext *context,
                      KamRecord  *visit)
{
  KamVisitEditor *self = g_object_new (KAM_TYPE_VISIT_EDITOR, "transient-for", parent, NULL);
  g_autoptr(KamRecord) stored = NULL;

  self->context = g_object_ref (context);
  self->visit = g_object_ref (visit);
  stored = kam_store_load (kam_context_get_store (context), &kam_visit_kind, kam_record_get_id (visit), NULL);
  self->is_new = stored == NULL;
  build (self);
  return self;
}

gboolean
kam_visit_editor_save (KamVisitEditor  *self,
                       GError         **error)
{
  KamStore *store = kam_context_get_store (self->context);
  KamRecord *v = self->visit;
  int status = (int) adw_combo_row_get_selected (self->status_row);
  gboolean marking_done = status == KAM_VISIT_DONE && self->stored_status != KAM_VISIT_DONE;
  const char *follow_up_text = gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row));
  g_autoptr(GStrvBuilder) contacts = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) members = g_strv_builder_new ();
  g_auto(GStrv) contact_ids = NULL;
  g_auto(GStrv) member_ids = NULL;
  GDate follow_up;

  g_date_clear (&follow_up, 1);
  if (*follow_up_text != '\0' && !kam_parse_date (follow_up_text, &follow_up))
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                   _("The follow-up date must be a date (YYYY-MM-DD), not “%s”"), follow_up_text);
      return FALSE;
    }

  if (selected_account (self) == NULL)
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED, _("Choose the account of the visit"));
      return FALSE;
    }

  for (guint i = 0; i < self->contact_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->contact_rows, i);
      GtkCheckButton *check = g_object_get_data (row, "check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (contacts, g_object_get_data (row, "id"));
    }
  for (guint i = 0; i < self->member_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->member_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (members, g_object_get_data (G_OBJECT (check), "id"));
    }
  contact_ids = g_strv_builder_end (contacts);
  member_ids = g_strv_builder_end (members);

  if (!kam_record_set_from_string (v, "account_id", selected_account (self), error)
      || !kam_record_set_from_string (v, "start_at", gtk_editable_get_text (GTK_EDITABLE (self->start_row)), error)
      || !kam_record_set_from_string (v, "end_at", gtk_editable_get_text (GTK_EDITABLE (self->end_row)), error)
      || !kam_record_set_from_string (v, "place", gtk_editable_get_text (GTK_EDITABLE (self->place_row)), error)
      || !kam_record_set_from_string (v, "objective", gtk_editable_get_text (GTK_EDITABLE (self->objective_row)), error))
    return FALSE;
  if (g_strcmp0 (kam_record_get_string (v, "end_at"), kam_record_get_string (v, "start_at")) < 0)
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID, _("The visit ends before it starts"));
      return FALSE;
    }
  g_object_set (v,
                "kind", (int) adw_combo_row_get_selected (self->kind_row),
                "contact-ids", contact_ids,
                "member-ids", member_ids,
                NULL);
  if (!marking_done)
    {
      g_object_set (v, "status", status, NULL);
      if (status == KAM_VISIT_DONE
          && (!kam_record_set_from_string (v, "outcome", gtk_editable_get_text (GTK_EDITABLE (self->outcome_row)), error)
              || !kam_record_set_from_string (v, "next_steps",
                                              gtk_editable_get_text (GTK_EDITABLE (self->next_steps_row)), error)
              || !kam_record_set_from_string (v, "follow_up", follow_up_text, error)))
        return FALSE;
    }

  if (!kam_store_begin (store, error))
    return FALSE;
  if (!kam_store_save (store, v, error))
    goto fail;
  if (marking_done
      && !kam_visit_plan_mark_done (store, kam_record_get_id (v),
                                    gtk_editable_get_text (GTK_EDITABLE (self->outcome_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->next_steps_row)),
                                    g_date_valid (&follow_up) ? &follow_up : NULL, NULL, NULL, error))
    goto fail;
  if (!kam_store_commit (store, error))
    goto fail;

  self->stored_status = status;
  self->is_new = FALSE;
  g_signal_emit (self, signals[SAVED], 0, kam_record_get_id (v));
  return TRUE;

fail:
  kam_store_rollback (store);
  return FALSE;
}
