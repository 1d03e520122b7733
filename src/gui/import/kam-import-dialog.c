/* kam-import-dialog.c — the import assistant
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four pages in a stack: choose (what the file holds, and the file), busy
 * (a progress bar while a worker reads, checks or writes), preview (the
 * columns, each with the field it goes to, editable; the rows, those with
 * errors first; the choice to leave them out; the mapping saved to or
 * loaded from a file) and done.  The KamImport and
 * its connection move to the worker for each step and come back with its
 * result, so that only one thread touches them at a time.
 */
#define G_LOG_DOMAIN "kam-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kam-import-dialog.h"
#include "kam-model.h"
#include "kam-vcard.h"

/* rows shown in the preview; the summary counts them all */
#define MAX_PREVIEW_ROWS 200

struct _KamImportDialog
{
  AdwWindow             parent_instance;

  KamContext           *context;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GtkFileChooserNative *mapping_chooser;
  char                 *source_name;   /* the file's name, for a mapping's */

  KamStore             *worker_store;
  KamImport            *import;
  gboolean              vcard;
  KamImportDialogState  state;
  gboolean              filling;

  GtkWidget            *cancel_button;
  GtkWidget            *import_button;
  GtkStack             *stack;
  AdwComboRow          *kind_row;
  GtkLabel             *choose_error;
  GtkLabel             *busy_label;
  GtkProgressBar       *progress;
  GtkLabel             *summary;
  AdwPreferencesGroup  *columns_group;
  GtkLabel             *mapping_message;
  GPtrArray            *column_rows;
  GtkListBox           *rows_list;
  AdwActionRow         *skip_row;
  GtkSwitch            *skip_switch;
  AdwStatusPage        *done_page;
};

G_DEFINE_FINAL_TYPE (KamImportDialog, kam_import_dialog, ADW_TYPE_WINDOW)

static const struct {
  const KamRecordKind *kind;
  const char          *label;
} kinds[] = {
  { &kam_account_kind, N_("Accounts") },
  { &kam_contact_kind, N_("Contacts") },
  { &kam_opportunity_kind, N_("Opportunities") },
  { &kam_visit_kind, N_("Visits") },
};

/* Work in a thread ------------------------------------------------------- */

typedef enum {
  OP_LOAD,
  OP_PREPARE,
  OP_COMMIT,
} Op;

typedef struct {
  Op                   op;
  char                *db_path;
  GFile               *file;
  const KamRecordKind *kind;
  gboolean             skip_errors;
  KamStore            *store;   /* owned while the worker has it */
  KamImport           *import;  /* idem */
  GWeakRef             dialog;  /* for the progress */
} Work;

static void
work_free (Work *work)
{
  g_free (work->db_path);
  g_clear_object (&work->file);
  g_clear_pointer (&work->import, kam_import_free);
  g_clear_object (&work->store);
  g_weak_ref_clear (&work->dialog);
  g_free (work);
}

typedef struct {
  GWeakRef dialog;
  double   fraction;
} Progress;

static gboolean
show_progress_cb (gpointer data)
{
  Progress *progress = data;
  g_autoptr(KamImportDialog) self = g_weak_ref_get (&progress->dialog);

  if (self != NULL && self->state == KAM_IMPORT_DIALOG_BUSY)
    gtk_progress_bar_set_fraction (self->progress, progress->fraction);
  g_weak_ref_clear (&progress->dialog);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
work_progress_cb (double   fraction,
                  gpointer data)
{
  Work *work = data;
  g_autoptr(KamImportDialog) self = g_weak_ref_get (&work->dialog);
  Progress *progress;

  if (self == NULL)
    return;
  progress = g_new0 (Progress, 1);
  g_weak_ref_init (&progress->dialog, self);
  progress->fraction = fraction;
  g_idle_add (show_progress_cb, progress);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(GError) error = NULL;

  if (work->op == OP_LOAD)
    {
      g_autofree char *path = g_file_get_path (work->file);

      if (work->store == NULL)
        {
          work->store = kam_store_open (work->db_path, &error);
          if (work->store == NULL)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
        }
      if (path == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("Only local files can be imported"));
          return;
        }
      if (g_str_has_suffix (path, ".vcf") || g_str_has_suffix (path, ".VCF") || g_str_has_suffix (path, ".vcard"))
        work->import = kam_vcard_read_file (work->store, path, NULL, &error);
      else
        {
          KamCsv *csv = kam_csv_read_file (path, &error);

          if (csv != NULL)
            work->import = kam_import_new_for_csv (work->store, work->kind, csv, &error);
        }
      if (work->import == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (work->op == OP_LOAD || work->op == OP_PREPARE)
    {
      /* A mapping that cannot work (no name column) comes back with the
       * import: the preview says so and lets the columns be mapped. */
      if (!kam_import_prepare (work->import, work_progress_cb, work, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (!kam_import_commit (work->import, work->skip_errors, work_progress_cb, work, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Pages ------------------------------------------------------------------ */

static void
set_state (KamImportDialog      *self,
           KamImportDialogState  state)
{
  static const char * const pages[] = { "choose", "busy", "preview", "done" };

  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_widget_set_visible (self->import_button, state == KAM_IMPORT_DIALOG_PREVIEW);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button),
                        state == KAM_IMPORT_DIALOG_DONE ? _("_Close") : _("_Cancel"));
}

/* Something to write, and no row with an error unless those are left out */
static gboolean
can_import (KamImportDialog *self)
{
  guint n_good;

  if (self->import == NULL || self->state != KAM_IMPORT_DIALOG_PREVIEW)
    return FALSE;
  n_good = kam_import_get_n_new (self->import) + kam_import_get_n_updates (self->import);
  return n_good > 0 && (kam_import_get_n_errors (self->import) == 0 || gtk_switch_get_active (self->skip_switch));
}

static void
update_import_button (KamImportDialog *self)
{
  gtk_widget_set_sensitive (self->import_button, can_import (self));
}

static const char *
record_title (KamRecord *record)
{
  const KamRecordKind *kind = kam_record_get_kind (record);

  if (kam_record_kind_find_field (kind, "name") != NULL)
    return kam_record_get_string (record, "name");
  if (kam_record_kind_find_field (kind, "objective") != NULL
      && *kam_record_get_string (record, "objective") != '\0')
    return kam_record_get_string (record, "objective");
  return kam_record_get_string (record, "start_at");
}

static void
add_preview_row (KamImportDialog    *self,
                 const KamImportRow *row)
{
  GtkWidget *widget = adw_action_row_new ();
  g_autofree char *title = NULL;
  const char *name = row->record != NULL ? record_title (row->record) : NULL;

  if (name != NULL && *name != '\0')
    title = g_strdup_printf (_("Line %u: %s"), row->line, name);
  else
    title = g_strdup_printf (_("Line %u"), row->line);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  if (row->error != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), row->error);
      adw_action_row_add_prefix (ADW_ACTION_ROW (widget), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (widget, "error");
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), row->update ? _("Updates the stored record") : _("New"));
  gtk_list_box_append (self->rows_list, widget);
}

static void
column_selected_cb (AdwComboRow     *row,
                    GParamSpec      *pspec,
                    KamImportDialog *self);

static void
fill_columns (KamImportDialog *self)
{
  const KamRecordKind *kind = kam_import_get_kind (self->import);
  const char **targets = kam_import_targets (kind);

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), !self->vcard);
  if (self->vcard)
    return;

  for (guint c = 0; c < kam_import_get_n_columns (self->import); c++)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      const char *target = kam_import_get_column_target (self->import, c);
      GtkWidget *row = adw_combo_row_new ();
      guint selected = 0;

      gtk_string_list_append (labels, _("Not imported"));
      for (guint t = 0; targets[t] != NULL; t++)
        {
          gtk_string_list_append (labels, kam_import_target_label (kind, targets[t]));
          if (g_strcmp0 (targets[t], target) == 0)
            selected = t + 1;
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kam_import_get_column_name (self->import, c));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data (G_OBJECT (row), "kam-column", GUINT_TO_POINTER (c));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_selected_cb), self, 0);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
}

static void
show_preview (KamImportDialog *self,
              const GError    *mapping_error)
{
  GtkWidget *child;
  guint n_rows = kam_import_get_n_rows (self->import);
  guint n_errors = kam_import_get_n_errors (self->import);
  guint shown = 0;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_list))) != NULL)
    gtk_list_box_remove (self->rows_list, child);

  if (mapping_error != NULL)
    summary = g_strdup (mapping_error->message);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u row: %u new, %u to update, %u with errors",
                                            "%u rows: %u new, %u to update, %u with errors",
                                            n_rows),
                               n_rows, kam_import_get_n_new (self->import),
                               kam_import_get_n_updates (self->import), n_errors);
  gtk_label_set_text (self->summary, summary);
  if (mapping_error != NULL || n_errors > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary), "error");

  /* the rows with errors first: they are what needs doing */
  for (guint pass = 0; pass < 2 && mapping_error == NULL; pass++)
    for (guint i = 0; i < n_rows && shown < MAX_PREVIEW_ROWS; i++)
      {
        const KamImportRow *row = kam_import_get_row (self->import, i);

        if ((pass == 0) == (row->error != NULL))
          {
            add_preview_row (self, row);
            shown++;
          }
      }
  gtk_widget_set_visible (GTK_WIDGET (self->rows_list), shown > 0);
  /* the group, not the row: an empty group still draws its list */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->skip_row), ADW_TYPE_PREFERENCES_GROUP),
                          mapping_error == NULL && n_errors > 0);

  set_state (self, KAM_IMPORT_DIALOG_PREVIEW);
  update_import_button (self);
}

static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  KamImportDialog *self = KAM_IMPORT_DIALOG (object);
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* the import and its connection come back */
  g_clear_object (&self->worker_store);
  self->worker_store = g_steal_pointer (&work->store);
  g_clear_pointer (&self->import, kam_import_free);
  self->import = g_steal_pointer (&work->import);

  if (work->op == OP_LOAD && !ok && self->import == NULL)
    {
      gtk_label_set_text (self->choose_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->choose_error), TRUE);
      set_state (self, KAM_IMPORT_DIALOG_CHOOSING);
      return;
    }

  if (work->op == OP_LOAD)
    fill_columns (self);

  if (work->op == OP_COMMIT)
    {
      g_autofree char *description = NULL;

      if (!ok)
        {
          /* nothing was written: back to the preview, with the reason */
          show_preview (self, NULL);
          gtk_label_set_text (self->summary, error->message);
          gtk_widget_add_css_class (GTK_WIDGET (self->summary), "error");
          return;
        }
      kam_store_notify_external_change (kam_context_get_store (self->context));
      description = g_strdup_printf (_("%u new, %u updated"),
                                     kam_import_get_n_new (self->import),
                                     kam_import_get_n_updates (self->import));
      adw_status_page_set_description (self->done_page, description);
      set_state (self, KAM_IMPORT_DIALOG_DONE);
      return;
    }

  show_preview (self, ok ? NULL : error);
}

static void
run_work (KamImportDialog *self,
          Op               op,
          GFile           *file,
          const KamRecordKind *kind)
{
  g_autoptr(GTask) task = NULL;
  Work *work = g_new0 (Work, 1);
  static const char * const messages[] = {
    N_("Reading the file…"), N_("Checking every row…"), N_("Importing…"),
  };

  work->op = op;
  work->db_path = g_strdup (kam_store_get_path (kam_context_get_store (self->context)));
  work->file = file != NULL ? g_object_ref (file) : NULL;
  work->kind = kind;
  work->skip_errors = gtk_switch_get_active (self->skip_switch);
  work->store = g_steal_pointer (&self->worker_store);
  work->import = g_steal_pointer (&self->import);
  g_weak_ref_init (&work->dialog, self);

  gtk_label_set_text (self->busy_label, _(messages[op]));
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_message), FALSE);
  set_state (self, KAM_IMPORT_DIALOG_BUSY);

  task = g_task_new (self, self->cancellable, work_done_cb, NULL);
  g_task_set_source_tag (task, run_work);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, work_thread);
}

/* Callbacks -------------------------------------------------------------- */

static void
column_selected_cb (AdwComboRow     *row,
                    GParamSpec      *pspec,
                    KamImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kam-column"));
  guint selected = adw_combo_row_get_selected (row);
  const char **targets;

  if (self->import == NULL || self->state != KAM_IMPORT_DIALOG_PREVIEW)
    return;
  targets = kam_import_targets (kam_import_get_kind (self->import));
  if (!kam_import_set_column_target (self->import, column,
                                     selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : targets[selected - 1],
                                     NULL))
    return;
  run_work (self, OP_PREPARE, NULL, NULL);
}

static void
skip_changed_cb (KamImportDialog *self)
{
  update_import_button (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KamImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->import != NULL && self->state == KAM_IMPORT_DIALOG_PREVIEW)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      guint k = adw_combo_row_get_selected (self->kind_row);

      kam_import_dialog_open_file (self, file, kinds[MIN (k, G_N_ELEMENTS (kinds) - 1)].kind);
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (KamImportDialog *self)
{
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) cards = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (tables, _("Spreadsheets (CSV, text)"));
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "tsv");
  gtk_file_filter_add_suffix (tables, "txt");
  gtk_file_filter_set_name (cards, _("Contacts (vCard)"));
  gtk_file_filter_add_suffix (cards, "vcf");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import a File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), cards);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
show_mapping_message (KamImportDialog *self,
                      const char      *message,
                      gboolean         is_error)
{
  gtk_label_set_text (self->mapping_message, message);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->mapping_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->mapping_message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_message), TRUE);
}

static void
mapping_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             KamImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->import != NULL && self->state == KAM_IMPORT_DIALOG_PREVIEW)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* either shows what went wrong in the dialog */
      if (file != NULL && gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        kam_import_dialog_save_mapping (self, file, NULL);
      else if (file != NULL)
        kam_import_dialog_load_mapping (self, file, NULL);
    }
  g_clear_object (&self->mapping_chooser);
}

static void
choose_mapping (KamImportDialog *self,
                gboolean         save)
{
  g_autoptr(GtkFileFilter) mappings = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->import == NULL || self->state != KAM_IMPORT_DIALOG_PREVIEW || self->vcard)
    return;

  gtk_file_filter_set_name (mappings, _("Mapping files (JSON)"));
  gtk_file_filter_add_suffix (mappings, "json");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  if (self->mapping_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->mapping_chooser));
  g_clear_object (&self->mapping_chooser);
  if (save)
    self->mapping_chooser = gtk_file_chooser_native_new (_("Save the Column Mapping"), GTK_WINDOW (self),
                                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  else
    self->mapping_chooser = gtk_file_chooser_native_new (_("Load a Column Mapping"), GTK_WINDOW (self),
                                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->mapping_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->mapping_chooser), mappings);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->mapping_chooser), all);
  if (save)
    {
      g_autofree char *name = g_strdup_printf ("%s.mapping.json",
                                               self->source_name != NULL ? self->source_name : "import");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->mapping_chooser), name);
    }
  g_signal_connect_object (self->mapping_chooser, "response", G_CALLBACK (mapping_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->mapping_chooser));
}

static void
save_mapping_clicked_cb (KamImportDialog *self)
{
  choose_mapping (self, TRUE);
}

static void
load_mapping_clicked_cb (KamImportDialog *self)
{
  choose_mapping (self, FALSE);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KamImportDialog *self = KAM_IMPORT_DIALOG (widget);

  if (!can_import (self))
    return;
  run_work (self, OP_COMMIT, NULL, NULL);
}

static void
cancel_clicked_cb (KamImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Building --------------------------------------------------------------- */

static GtkWidget *
build_choose_page (KamImportDialog *self)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Choose File…"));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *clamp = adw_clamp_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "document-open-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Import Accounts, Contacts and More"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("A CSV file from Excel, WPS or a CRM (UTF-8, UTF-16 or GBK), "
                                     "or the vCards of an address book. Nothing is written before you have seen every row."));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (labels, _(kinds[i].label));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("The CSV file holds"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (labels));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));

  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_clicked_cb), self);

  self->choose_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->choose_error, TRUE);
  gtk_label_set_justify (self->choose_error, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->choose_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->choose_error), FALSE);

  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->choose_error));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 420);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), clamp);
  return page;
}

static GtkWidget *
build_busy_page (KamImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *clamp = adw_clamp_new ();

  self->busy_label = GTK_LABEL (gtk_label_new (NULL));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->busy_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 360);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  return clamp;
}

static GtkWidget *
build_preview_page (KamImportDialog *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *rows_group = adw_preferences_group_new ();
  GtkWidget *skip_group = adw_preferences_group_new ();
  GtkWidget *mapping_buttons, *load_button, *save_button;

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "heading");

  self->skip_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->skip_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->skip_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->skip_row), _("Leave Out the Rows with Errors"));
  adw_action_row_set_subtitle (self->skip_row, _("Otherwise nothing is imported until every row is right"));
  adw_action_row_add_suffix (self->skip_row, GTK_WIDGET (self->skip_switch));
  adw_action_row_set_activatable_widget (self->skip_row, GTK_WIDGET (self->skip_switch));
  g_signal_connect_swapped (self->skip_switch, "notify::active", G_CALLBACK (skip_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (skip_group), GTK_WIDGET (self->skip_row));

  self->columns_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->columns_group, _("Columns"));
  adw_preferences_group_set_description (self->columns_group, _("The field each column of the file goes to"));
  mapping_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (mapping_buttons, GTK_ALIGN_END);
  load_button = gtk_button_new_with_mnemonic (_("_Load Mapping…"));
  gtk_widget_set_tooltip_text (load_button, _("Map the columns as a saved mapping file says"));
  g_signal_connect_swapped (load_button, "clicked", G_CALLBACK (load_mapping_clicked_cb), self);
  save_button = gtk_button_new_with_mnemonic (_("_Save Mapping…"));
  gtk_widget_set_tooltip_text (save_button, _("Save this mapping of the columns for the next file like this one"));
  g_signal_connect_swapped (save_button, "clicked", G_CALLBACK (save_mapping_clicked_cb), self);
  gtk_box_append (GTK_BOX (mapping_buttons), load_button);
  gtk_box_append (GTK_BOX (mapping_buttons), save_button);
  adw_preferences_group_set_header_suffix (self->columns_group, mapping_buttons);

  self->mapping_message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->mapping_message, TRUE);
  gtk_label_set_wrap_mode (self->mapping_message, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->mapping_message, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_message), FALSE);

  self->rows_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->rows_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->rows_list), "boxed-list");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (rows_group), _("Rows"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (rows_group), GTK_WIDGET (self->rows_list));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (box), skip_group);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->mapping_message));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->columns_group));
  gtk_box_append (GTK_BOX (box), rows_group);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static void
kam_import_dialog_dispose (GObject *object)
{
  KamImportDialog *self = KAM_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->mapping_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->mapping_chooser));
  g_clear_object (&self->mapping_chooser);

  G_OBJECT_CLASS (kam_import_dialog_parent_class)->dispose (object);
}

static void
kam_import_dialog_finalize (GObject *object)
{
  KamImportDialog *self = KAM_IMPORT_DIALOG (object);

  g_clear_pointer (&self->import, kam_import_free);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_free (self->source_name);

  G_OBJECT_CLASS (kam_import_dialog_parent_class)->finalize (object);
}

static void
kam_import_dialog_class_init (KamImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_import_dialog_dispose;
  object_class->finalize = kam_import_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "import.run", NULL, import_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kam_import_dialog_init (KamImportDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->cancellable = g_cancellable_new ();
  self->column_rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Import"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);

  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->import_button), "import.run");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, build_choose_page (self), "choose");
  gtk_stack_add_named (self->stack, build_busy_page (self), "busy");
  gtk_stack_add_named (self->stack, build_preview_page (self), "preview");
  self->done_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->done_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->done_page, _("Imported"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->done_page), "done");

  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  set_state (self, KAM_IMPORT_DIALOG_CHOOSING);
}

/* Public ----------------------------------------------------------------- */

KamImportDialog *
kam_import_dialog_new (KamContext *context,
                       GtkWindow  *parent)
{
  KamImportDialog *self;

  g_return_val_if_fail (KAM_IS_CONTEXT (context), NULL);

  self = g_object_new (KAM_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  return self;
}

void
kam_import_dialog_open_file (KamImportDialog     *self,
                             GFile               *file,
                             const KamRecordKind *kind)
{
  g_autofree char *name = NULL;

  g_return_if_fail (KAM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->state == KAM_IMPORT_DIALOG_BUSY)
    return;
  name = g_file_get_basename (file);
  self->vcard = name != NULL && (g_str_has_suffix (name, ".vcf") || g_str_has_suffix (name, ".VCF")
                                 || g_str_has_suffix (name, ".vcard"));
  g_clear_pointer (&self->source_name, g_free);
  if (name != NULL)
    {
      const char *dot = strrchr (name, '.');
      g_autofree char *stem = dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);

      self->source_name = g_filename_display_name (stem);
    }
  g_clear_pointer (&self->import, kam_import_free);
  gtk_switch_set_active (self->skip_switch, FALSE);
  run_work (self, OP_LOAD, file, self->vcard ? &kam_contact_kind : kind);
}

KamImportDialogState
kam_import_dialog_get_state (KamImportDialog *self)
{
  g_return_val_if_fail (KAM_IS_IMPORT_DIALOG (self), KAM_IMPORT_DIALOG_CHOOSING);
  return self->state;
}

KamImport *
kam_import_dialog_get_import (KamImportDialog *self)
{
  g_return_val_if_fail (KAM_IS_IMPORT_DIALOG (self), NULL);
  return self->import;
}

/* The local path of @file, or NULL with an error. */
static char *
mapping_path (GFile   *file,
              GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("A mapping file must be a local file"));
  return path;
}

gboolean
kam_import_dialog_save_mapping (KamImportDialog  *self,
                                GFile            *file,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (KAM_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->import != NULL && self->state == KAM_IMPORT_DIALOG_PREVIEW && !self->vcard, FALSE);

  path = mapping_path (file, &local_error);
  if (path != NULL)
    {
      g_autoptr(GError) save_error = NULL;

      display = g_filename_display_name (path);
      if (!kam_import_save_mapping (self->import, path, &save_error))
        g_set_error (&local_error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                     _("Cannot save the mapping to %s: %s"), display, save_error->message);
    }
  if (local_error != NULL)
    {
      show_mapping_message (self, local_error->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  message = g_strdup_printf (_("The mapping is saved in %s"), display);
  show_mapping_message (self, message, FALSE);
  return TRUE;
}

gboolean
kam_import_dialog_load_mapping (KamImportDialog  *self,
                                GFile            *file,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (KAM_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->import != NULL && self->state == KAM_IMPORT_DIALOG_PREVIEW && !self->vcard, FALSE);

  path = mapping_path (file, &local_error);
  if (path == NULL || !kam_import_load_mapping_exact (self->import, path, &local_error))
    {
      /* nothing changed: the columns and the preview stay as they were */
      show_mapping_message (self, local_error->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  fill_columns (self);
  run_work (self, OP_PREPARE, NULL, NULL);
  return TRUE;
}
