/* kam-contact-dialog.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Save copies every row into a fresh copy of the contact with
 * kam_record_set_from_string(), the parser of `kam set`, in the order of the
 * rows; the first field it refuses is marked and its message shown above the
 * form, and nothing is written until all are valid.
 */
#define G_LOG_DOMAIN "kam-contact-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-account.h"
#include "kam-contact.h"
#include "kam-contact-dialog.h"
#include "kam-list.h"
#include "kam-window.h"

struct _KamContactDialog
{
  AdwWindow       parent_instance;

  KamContext     *context;
  char           *account_id;
  char           *contact_id;       /* NULL for a new contact */
  GPtrArray      *reports_to_ids;   /* combo position -> contact id (NULL: nobody) */
  GPtrArray      *owner_ids;        /* combo position -> member id (NULL: nobody) */

  /* template */
  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkWidget      *delete_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *department_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *phone_row;
  AdwComboRow    *role_row;
  AdwComboRow    *influence_row;
  AdwComboRow    *attitude_row;
  AdwComboRow    *reports_to_row;
  AdwComboRow    *strength_row;
  AdwComboRow    *owner_row;
  GtkWidget      *notes_card;
  GtkTextView    *notes_view;
};

G_DEFINE_FINAL_TYPE (KamContactDialog, kam_contact_dialog, ADW_TYPE_WINDOW)

/* The text rows, in the order they are checked. */
static const struct {
  const char *field;
  gsize       offset;
} entry_rows[] = {
  { "name", G_STRUCT_OFFSET (KamContactDialog, name_row) },
  { "title", G_STRUCT_OFFSET (KamContactDialog, title_row) },
  { "department", G_STRUCT_OFFSET (KamContactDialog, department_row) },
  { "email", G_STRUCT_OFFSET (KamContactDialog, email_row) },
  { "phone", G_STRUCT_OFFSET (KamContactDialog, phone_row) },
};

#define ROW_AT(self, offset) G_STRUCT_MEMBER (GtkWidget *, self, offset)

/* Words ---------------------------------------------------------------------- */

const char *
kam_contact_attitude_label (int attitude)
{
  switch (CLAMP (attitude, -2, 2))
    {
    case -2:
      return C_("attitude", "Opponent");
    case -1:
      return C_("attitude", "Skeptic");
    case 1:
      return C_("attitude", "Supporter");
    case 2:
      return C_("attitude", "Champion");
    case 0:
    default:
      return C_("attitude", "Neutral");
    }
}

const char *
kam_contact_attitude_symbol (int attitude)
{
  static const char * const symbols[] = { "▼▼", "▼", "●", "▲", "▲▲" };

  return symbols[CLAMP (attitude, -2, 2) + 2];
}

const char *
kam_contact_attitude_style (int attitude)
{
  static const char * const styles[] = { "error", "warning", "dim-label", "success", "success" };

  return styles[CLAMP (attitude, -2, 2) + 2];
}

const char *
kam_contact_strength_label (int strength)
{
  switch (CLAMP (strength, 0, 4))
    {
    case 1:
      return C_("relationship", "Acquainted");
    case 2:
      return C_("relationship", "Friendly");
    case 3:
      return C_("relationship", "Trusted");
    case 4:
      return C_("relationship", "Partner");
    case 0:
    default:
      return C_("relationship", "None");
    }
}

char *
kam_contact_strength_dots (int strength)
{
  GString *dots = g_string_new (NULL);

  strength = CLAMP (strength, 0, 4);
  for (int i = 0; i < 4; i++)
    g_string_append (dots, i < strength ? "●" : "○");

  return g_string_free (dots, FALSE);
}

const char *
kam_contact_influence_label (int influence)
{
  switch (CLAMP (influence, 1, 5))
    {
    case 1:
      return C_("influence", "1 · Minimal");
    case 2:
      return C_("influence", "2 · Low");
    case 4:
      return C_("influence", "4 · High");
    case 5:
      return C_("influence", "5 · Decisive");
    case 3:
    default:
      return C_("influence", "3 · Moderate");
    }
}

/* Helpers -------------------------------------------------------------------- */

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkStringList *
combo_model (AdwComboRow *row)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  g_object_unref (list);
  return list;
}

static guint
find_id (GPtrArray  *ids,
         const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return G_MAXUINT;
}

static void
add_toast (GtkWindow *window,
           AdwToast  *toast)
{
  if (KAM_IS_WINDOW (window))
    kam_window_add_toast (KAM_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
clear_errors (KamContactDialog *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->name_row), GTK_WIDGET (self->title_row), GTK_WIDGET (self->department_row),
    GTK_WIDGET (self->email_row), GTK_WIDGET (self->phone_row), GTK_WIDGET (self->role_row),
    GTK_WIDGET (self->influence_row), GTK_WIDGET (self->attitude_row), GTK_WIDGET (self->reports_to_row),
    GTK_WIDGET (self->strength_row), GTK_WIDGET (self->owner_row), self->notes_card,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_widget_remove_css_class (rows[i], "error");
      gtk_widget_set_tooltip_text (rows[i], NULL);
    }
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), FALSE);
}

static void
show_error (KamContactDialog *self,
            GtkWidget        *row,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      gtk_widget_grab_focus (row == self->notes_card ? GTK_WIDGET (self->notes_view) : row);
    }
}

static void
fill_reports_to (KamContactDialog *self,
                 const char       *selected_id)
{
  g_autoptr(KamQuery) query = kam_query_new (&kam_contact_kind);
  g_autoptr(KamRecordList) contacts = NULL;
  GtkStringList *names = combo_model (self->reports_to_row);
  guint position;

  kam_query_set_account (query, self->account_id);
  contacts = kam_record_list_new (kam_context_get_store (self->context), query);

  g_ptr_array_set_size (self->reports_to_ids, 0);
  g_ptr_array_add (self->reports_to_ids, NULL);
  gtk_string_list_append (names, C_("reports to", "Nobody"));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (contacts)); i++)
    {
      g_autoptr(KamRecord) contact = g_list_model_get_item (G_LIST_MODEL (contacts), i);
      const char *title = kam_record_get_string (contact, "title");
      g_autofree char *label = NULL;

      if (contact == NULL || g_strcmp0 (kam_record_get_id (contact), self->contact_id) == 0)
        continue;

      if (title != NULL && *title != '\0')
        /* Translators: a person in the “Reports to” list: name · job title */
        label = g_strdup_printf (_("%s · %s"), kam_record_get_string (contact, "name"), title);
      else
        label = g_strdup (kam_record_get_string (contact, "name"));
      gtk_string_list_append (names, label);
      g_ptr_array_add (self->reports_to_ids, g_strdup (kam_record_get_id (contact)));
    }

  position = find_id (self->reports_to_ids, selected_id);
  adw_combo_row_set_selected (self->reports_to_row, position == G_MAXUINT ? 0 : position);
}

static void
fill_owners (KamContactDialog *self,
             const char       *selected_id)
{
  GListModel *members = kam_context_get_members (self->context);
  GtkStringList *names = combo_model (self->owner_row);
  guint position;

  g_ptr_array_set_size (self->owner_ids, 0);
  g_ptr_array_add (self->owner_ids, NULL);
  gtk_string_list_append (names, C_("owner", "Nobody"));

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(KamRecord) member = g_list_model_get_item (members, i);

      gtk_string_list_append (names, kam_record_get_string (member, "name"));
      g_ptr_array_add (self->owner_ids, g_strdup (kam_record_get_id (member)));
    }

  position = find_id (self->owner_ids, selected_id);
  if (position == G_MAXUINT && selected_id != NULL)
    {
      /* A member this copy does not know yet (not synced): keep it. */
      gtk_string_list_append (names, _("Unknown team member"));
      g_ptr_array_add (self->owner_ids, g_strdup (selected_id));
      position = self->owner_ids->len - 1;
    }
  adw_combo_row_set_selected (self->owner_row, position == G_MAXUINT ? 0 : position);
}

static void
fill_fixed_choices (KamContactDialog *self)
{
  GtkStringList *roles = combo_model (self->role_row);
  GtkStringList *influence = combo_model (self->influence_row);
  GtkStringList *attitudes = combo_model (self->attitude_row);
  GtkStringList *strengths = combo_model (self->strength_row);

  for (int role = 0; role < KAM_N_ROLES; role++)
    gtk_string_list_append (roles, kam_enum_to_label (KAM_TYPE_ROLE, role));

  for (int i = 1; i <= 5; i++)
    gtk_string_list_append (influence, kam_contact_influence_label (i));

  /* Champion first: position = 2 - attitude. */
  for (int attitude = 2; attitude >= -2; attitude--)
    {
      g_autofree char *label = g_strdup_printf ("%s  %s", kam_contact_attitude_symbol (attitude),
                                                kam_contact_attitude_label (attitude));
      gtk_string_list_append (attitudes, label);
    }

  for (int strength = 0; strength <= 4; strength++)
    {
      g_autofree char *dots = kam_contact_strength_dots (strength);
      g_autofree char *label = g_strdup_printf ("%s  %s", dots, kam_contact_strength_label (strength));
      gtk_string_list_append (strengths, label);
    }
}

static void
load_contact (KamContactDialog *self,
              KamRecord        *contact)
{
  g_autofree char *notes = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    {
      g_autofree char *text = kam_record_dup_string (contact, entry_rows[i].field);
      gtk_editable_set_text (GTK_EDITABLE (ROW_AT (self, entry_rows[i].offset)), text);
    }

  adw_combo_row_set_selected (self->role_row, kam_record_get_int (contact, "decision_role"));
  adw_combo_row_set_selected (self->influence_row, CLAMP (kam_record_get_int (contact, "influence"), 1, 5) - 1);
  adw_combo_row_set_selected (self->attitude_row, 2 - CLAMP (kam_record_get_int (contact, "attitude"), -2, 2));
  adw_combo_row_set_selected (self->strength_row, CLAMP (kam_record_get_int (contact, "strength"), 0, 4));
  fill_reports_to (self, kam_record_get_string (contact, "reports_to_id"));
  fill_owners (self, kam_record_get_string (contact, "owner_id"));

  notes = kam_record_dup_string (contact, "notes");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);
}

static char *
selected_id_text (AdwComboRow *row,
                  GPtrArray   *ids)
{
  guint position = adw_combo_row_get_selected (row);
  const char *id = position < ids->len ? g_ptr_array_index (ids, position) : NULL;

  return g_strdup (id != NULL ? id : "");
}

/* Copies the rows into @contact; on the first refused field marks its row
 * and returns FALSE. */
static gboolean
copy_rows (KamContactDialog *self,
           KamRecord        *contact)
{
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  struct {
    const char *field;
    GtkWidget  *row;
    char       *text;
  } values[] = {
    { "reports_to_id", GTK_WIDGET (self->reports_to_row), selected_id_text (self->reports_to_row, self->reports_to_ids) },
    { "decision_role", GTK_WIDGET (self->role_row),
      g_strdup (kam_enum_to_string (KAM_TYPE_ROLE, adw_combo_row_get_selected (self->role_row))) },
    { "influence", GTK_WIDGET (self->influence_row),
      g_strdup_printf ("%u", adw_combo_row_get_selected (self->influence_row) + 1) },
    { "attitude", GTK_WIDGET (self->attitude_row),
      g_strdup_printf ("%d", 2 - (int) adw_combo_row_get_selected (self->attitude_row)) },
    { "strength", GTK_WIDGET (self->strength_row),
      g_strdup_printf ("%u", adw_combo_row_get_selected (self->strength_row)) },
    { "owner_id", GTK_WIDGET (self->owner_row), selected_id_text (self->owner_row, self->owner_ids) },
    { "notes", self->notes_card, NULL },
  };
  gboolean ok = TRUE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  values[G_N_ELEMENTS (values) - 1].text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  for (guint i = 0; ok && i < G_N_ELEMENTS (entry_rows); i++)
    {
      GtkWidget *row = ROW_AT (self, entry_rows[i].offset);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      if (!kam_record_set_from_string (contact, entry_rows[i].field, text, &error))
        {
          show_error (self, row, error->message);
          ok = FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (ok && !kam_record_set_from_string (contact, values[i].field, values[i].text, &error))
        {
          show_error (self, values[i].row, error->message);
          ok = FALSE;
        }
      g_free (values[i].text);
    }

  return ok;
}

/* Callbacks ------------------------------------------------------------------ */

static void
row_changed_cb (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
}

typedef struct {
  KamStore *store;
  char     *id;
} UndoDelete;

static void
undo_delete_free (gpointer data,
                  GClosure *closure)
{
  UndoDelete *undo = data;

  g_object_unref (undo->store);
  g_free (undo->id);
  g_free (undo);
}

static void
undo_delete_cb (AdwToast   *toast,
                UndoDelete *undo)
{
  g_autoptr(GError) error = NULL;

  if (!kam_store_undelete (undo->store, undo->id, &error))
    g_message ("Cannot undo the deletion of %s: %s", undo->id, error->message);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KamContactDialog *self = KAM_CONTACT_DIALOG (widget);
  KamStore *store = kam_context_get_store (self->context);
  g_autoptr(KamRecord) contact = NULL;
  g_autoptr(GError) error = NULL;

  clear_errors (self);

  if (self->contact_id != NULL)
    {
      contact = kam_store_load (store, &kam_contact_kind, self->contact_id, &error);
      if (contact == NULL)
        {
          show_error (self, NULL, error->message);
          return;
        }
    }
  else
    {
      contact = kam_record_new (&kam_contact_kind);
      if (!kam_record_set_from_string (contact, "account_id", self->account_id, &error))
        {
          show_error (self, NULL, error->message);
          return;
        }
    }

  if (!copy_rows (self, contact))
    return;

  if (!kam_store_save (store, contact, &error))
    {
      show_error (self, NULL, error->message);
      return;
    }

  if (self->contact_id == NULL)
    self->contact_id = g_strdup (kam_record_get_id (contact));

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KamContactDialog *self = KAM_CONTACT_DIALOG (widget);
  KamStore *store = kam_context_get_store (self->context);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  UndoDelete *undo;
  AdwToast *toast;

  if (self->contact_id == NULL)
    return;

  if (!kam_store_delete (store, self->contact_id, &error))
    {
      clear_errors (self);
      show_error (self, NULL, error->message);
      return;
    }

  title = g_strdup_printf (_("“%s” deleted"), gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  undo = g_new0 (UndoDelete, 1);
  undo->store = g_object_ref (store);
  undo->id = g_strdup (self->contact_id);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo, undo_delete_free, 0);

  if (parent != NULL)
    g_object_ref (parent);
  gtk_window_destroy (GTK_WINDOW (self));
  add_toast (parent, toast);
  g_clear_object (&parent);
}

/* Lifecycle ------------------------------------------------------------------ */

static void
kam_contact_dialog_dispose (GObject *object)
{
  KamContactDialog *self = KAM_CONTACT_DIALOG (object);

  /* The window keeps its default widget and AdwWindow its content: let
   * them go before the template drops them, or they are unparented twice. */
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
  adw_window_set_content (ADW_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KAM_TYPE_CONTACT_DIALOG);

  G_OBJECT_CLASS (kam_contact_dialog_parent_class)->dispose (object);
}

static void
kam_contact_dialog_finalize (GObject *object)
{
  KamContactDialog *self = KAM_CONTACT_DIALOG (object);

  g_clear_pointer (&self->reports_to_ids, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_free (self->account_id);
  g_free (self->contact_id);

  G_OBJECT_CLASS (kam_contact_dialog_parent_class)->finalize (object);
}

static void
kam_contact_dialog_class_init (KamContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_contact_dialog_dispose;
  object_class->finalize = kam_contact_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/keyaccounts/KeyAccounts/kam-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, influence_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, attitude_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, reports_to_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, strength_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, notes_card);
  gtk_widget_class_bind_template_child (widget_class, KamContactDialog, notes_view);

  gtk_widget_class_install_action (widget_class, "contact.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "contact.delete", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "contact.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "contact.save", NULL);
}

static void
kam_contact_dialog_init (KamContactDialog *self)
{
  GtkWidget *combos[6];

  gtk_widget_init_template (GTK_WIDGET (self));

  combos[0] = GTK_WIDGET (self->role_row);
  combos[1] = GTK_WIDGET (self->influence_row);
  combos[2] = GTK_WIDGET (self->attitude_row);
  combos[3] = GTK_WIDGET (self->reports_to_row);
  combos[4] = GTK_WIDGET (self->strength_row);
  combos[5] = GTK_WIDGET (self->owner_row);

  self->reports_to_ids = g_ptr_array_new_with_free_func (g_free);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);

  /* The rows are named by their titles; the entry of an entry row too. */
  for (guint i = 0; i < G_N_ELEMENTS (entry_rows); i++)
    {
      GtkWidget *row = ROW_AT (self, entry_rows[i].offset);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      set_accessible_label (row, title);
      set_accessible_label (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))), title);
      g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    set_accessible_label (combos[i], adw_preferences_row_get_title (ADW_PREFERENCES_ROW (combos[i])));

  fill_fixed_choices (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

KamContactDialog *
kam_contact_dialog_new (KamContext *context,
                        const char *account_id,
                        const char *contact_id,
                        GtkWindow  *parent)
{
  KamContactDialog *self;
  KamStore *store;
  g_autoptr(KamRecord) account = NULL;
  g_autoptr(KamRecord) contact = NULL;

  g_return_val_if_fail (KAM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (KAM_TYPE_CONTACT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->context = g_object_ref (context);
  self->account_id = g_strdup (account_id);
  store = kam_context_get_store (context);

  account = kam_store_load (store, &kam_account_kind, account_id, NULL);
  if (account != NULL)
    adw_window_title_set_subtitle (self->window_title, kam_record_get_string (account, "name"));

  if (contact_id != NULL)
    contact = kam_store_load (store, &kam_contact_kind, contact_id, NULL);

  if (contact != NULL)
    {
      self->contact_id = g_strdup (contact_id);
      adw_window_title_set_title (self->window_title, _("Edit Contact"));
      load_contact (self, contact);
    }
  else
    {
      const char *owner = kam_context_get_me (context);

      if (owner == NULL && account != NULL)
        owner = kam_record_get_string (account, "owner_id");

      adw_window_title_set_title (self->window_title, _("New Contact"));
      contact = kam_record_new (&kam_contact_kind);
      load_contact (self, contact);
      fill_owners (self, owner);
    }

  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
  gtk_widget_set_visible (self->delete_button, self->contact_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.delete", self->contact_id != NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}

const char *
kam_contact_dialog_get_contact_id (KamContactDialog *self)
{
  g_return_val_if_fail (KAM_IS_CONTACT_DIALOG (self), NULL);

  return self->contact_id;
}
