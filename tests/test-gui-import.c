/* test-gui-import.c — the import assistant, in a real window
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (build-aux/test).  The files of tests/data go through the
 * assistant as a person would take them: preview, errors, the choice to
 * leave bad rows out, the import; the counts of the database are checked.
 * With KAM_SCREENSHOT_DIR set, the pages are saved as PNG files there.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kam-gui-test.h"
#include "kam-import-dialog.h"
#include "kam-model.h"

typedef struct {
  char            *dir;
  KamStore        *store;
  KamContext      *context;
  KamImportDialog *dialog;
} Fixture;

/* Waits (up to 20 s) until the assistant is no longer busy. */
static KamImportDialogState
wait_until_settled (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (kam_import_dialog_get_state (f->dialog) == KAM_IMPORT_DIALOG_BUSY
         && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  kam_test_wait_ms (50);
  return kam_import_dialog_get_state (f->dialog);
}

static GtkWidget *
find_descendant (GtkWidget   *widget,
                 GType        type,
                 const char  *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_visible (child)
          && (label == NULL
              || (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
              || (ADW_IS_PREFERENCES_ROW (child)
                  && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), label) == 0)))
        return child;
      found = find_descendant (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible label that says what went wrong. */
static GtkWidget *
find_error_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "error")
          && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return child;
      found = find_error_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible error label that says @text. */
static GtkWidget *
find_error_label_saying (GtkWidget  *widget,
                         const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "error")
          && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      found = find_error_label_saying (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
import_button (Fixture *f)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (f->dialog), GTK_TYPE_BUTTON, _("_Import"));

  g_assert_nonnull (button);
  return button;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("kam-gui-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "gui.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);
  f->context = kam_context_new (f->store, NULL);
  f->dialog = kam_import_dialog_new (f->context, NULL);
  g_object_ref_sink (f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));
  kam_test_wait_ms (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  gtk_window_destroy (GTK_WINDOW (f->dialog));
  kam_test_wait_ms (50);
  g_assert_finalize_object (f->dialog);
  g_assert_finalize_object (f->context);
  g_assert_finalize_object (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/gui.db%s", f->dir, suffixes[i]);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
open_data (Fixture             *f,
           const char          *name,
           const KamRecordKind *kind)
{
  g_autofree char *path = g_build_filename (KAM_TEST_DATA, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  kam_import_dialog_open_file (f->dialog, file, kind);
  g_assert_cmpint (kam_import_dialog_get_state (f->dialog), ==, KAM_IMPORT_DIALOG_BUSY);
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  KamImport *import;

  kam_test_screenshot (GTK_WIDGET (f->dialog), "import-choose.png");

  open_data (f, "accounts-gbk.csv", &kam_account_kind);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  import = kam_import_dialog_get_import (f->dialog);
  g_assert_nonnull (import);
  g_assert_cmpuint (kam_import_get_n_new (import), ==, 3);
  g_assert_cmpuint (kam_import_get_n_errors (import), ==, 0);
  /* a row per column, with the field it goes to */
  g_assert_nonnull (find_descendant (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "客户名称"));
  g_assert_true (gtk_widget_get_sensitive (import_button (f)));
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 0);  /* nothing yet */
  kam_test_screenshot (GTK_WIDGET (f->dialog), "import-preview.png");

  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_DONE);
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 3);
  kam_test_screenshot (GTK_WIDGET (f->dialog), "import-done.png");
}

static void
test_import_errors (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *skip;
  KamImport *import;

  open_data (f, "salesforce-accounts.csv", &kam_account_kind);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_DONE);

  open_data (f, "opportunities-bad.csv", &kam_opportunity_kind);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  import = kam_import_dialog_get_import (f->dialog);
  g_assert_cmpuint (kam_import_get_n_errors (import), ==, 5);
  /* refused until the bad rows are left out */
  g_assert_false (gtk_widget_get_sensitive (import_button (f)));
  g_assert_nonnull (find_descendant (GTK_WIDGET (f->dialog), ADW_TYPE_ACTION_ROW, "Line 6: Unknown account"));
  kam_test_screenshot (GTK_WIDGET (f->dialog), "import-errors.png");

  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  kam_test_wait_ms (50);
  g_assert_cmpint (kam_import_dialog_get_state (f->dialog), ==, KAM_IMPORT_DIALOG_PREVIEW);
  g_assert_cmpuint (kam_store_count (f->store, &kam_opportunity_kind), ==, 0);

  skip = find_descendant (GTK_WIDGET (f->dialog), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (skip);
  gtk_switch_set_active (GTK_SWITCH (skip), TRUE);
  g_assert_true (gtk_widget_get_sensitive (import_button (f)));
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_DONE);
  g_assert_cmpuint (kam_store_count (f->store, &kam_opportunity_kind), ==, 1);
}

static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *label;

  open_data (f, "accounts.xlsx", &kam_account_kind);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_CHOOSING);
  label = find_error_label (GTK_WIDGET (f->dialog));
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "not a text file"));
  g_assert_null (kam_import_dialog_get_import (f->dialog));
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 0);
}

static void
test_import_mapping (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "firma.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AdwComboRow *row;
  KamImport *import;

  g_assert_true (g_file_set_contents (path, "Firma;Ort\nAcme GmbH;München\nBeta AG;Köln\n", -1, &error));
  kam_import_dialog_open_file (f->dialog, file, &kam_account_kind);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  /* no name column: said, and nothing to import */
  g_assert_false (gtk_widget_get_sensitive (import_button (f)));

  /* the person maps "Firma" to the name */
  row = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Firma"));
  g_assert_nonnull (row);
  adw_combo_row_set_selected (row, 1);  /* the first target of accounts: Name */
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  import = kam_import_dialog_get_import (f->dialog);
  g_assert_cmpstr (kam_import_get_column_target (import, 0), ==, "name");
  g_assert_cmpuint (kam_import_get_n_new (import), ==, 2);
  g_assert_true (gtk_widget_get_sensitive (import_button (f)));
  g_unlink (path);
}

/* The index in the combo rows of a target of @kind (0 is "Not imported"). */
static guint
target_position (const KamRecordKind *kind,
                 const char          *target)
{
  const char **targets = kam_import_targets (kind);

  for (guint t = 0; targets[t] != NULL; t++)
    if (g_str_equal (targets[t], target))
      return t + 1;
  g_assert_not_reached ();
}

/* A new dialog in place of the fixture's, with @file previewed. */
static void
reopen (Fixture *f,
        GFile   *file)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  kam_test_wait_ms (50);
  g_assert_finalize_object (f->dialog);
  f->dialog = kam_import_dialog_new (f->context, NULL);
  g_object_ref_sink (f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));
  kam_test_wait_ms (100);
  kam_import_dialog_open_file (f->dialog, file, &kam_account_kind);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
}

static void
write_mapping (const char *path,
               const char *kind,
               const char *columns)
{
  g_autofree char *text = g_strdup_printf ("{\"format\": \"key-accounts-import-mapping\", \"kind\": \"%s\", "
                                           "\"columns\": {%s}}", kind, columns);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* Loading @path fails with a message containing @expected, shown in the
 * dialog; the columns and the preview are as they were.  Returns the
 * message. */
static char *
assert_load_refused (Fixture    *f,
                     const char *path,
                     const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KamImport *import = kam_import_dialog_get_import (f->dialog);

  g_assert_false (kam_import_dialog_load_mapping (f->dialog, file, &error));
  g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpint (kam_import_dialog_get_state (f->dialog), ==, KAM_IMPORT_DIALOG_PREVIEW);
  g_assert_true (kam_import_dialog_get_import (f->dialog) == import);
  g_assert_null (kam_import_get_column_target (import, 0));
  g_assert_cmpstr (kam_import_get_column_target (import, 1), ==, "region");
  g_assert_false (gtk_widget_get_sensitive (import_button (f)));
  g_assert_nonnull (find_error_label_saying (GTK_WIDGET (f->dialog), error->message));
  return g_strdup (error->message);
}

static void
test_import_mapping_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "firma.csv", NULL);
  g_autofree char *map_path = g_build_filename (f->dir, "firma.mapping.json", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.json", NULL);
  g_autofree char *missing_path = g_build_filename (f->dir, "missing.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) map_file = g_file_new_for_path (map_path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *columns;
  AdwComboRow *row;
  KamImport *import;
  char *message;

  g_assert_true (g_file_set_contents (path, "Firma;City;Umsatz\nAcme GmbH;München;1000\nBeta AG;Köln;2000\n",
                                      -1, &error));
  kam_import_dialog_open_file (f->dialog, file, &kam_account_kind);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  g_assert_nonnull (find_descendant (GTK_WIDGET (f->dialog), GTK_TYPE_BUTTON, _("_Save Mapping…")));
  g_assert_nonnull (find_descendant (GTK_WIDGET (f->dialog), GTK_TYPE_BUTTON, _("_Load Mapping…")));

  /* Firma goes to the name, Umsatz (unknown) to this year's revenue */
  row = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Firma"));
  g_assert_nonnull (row);
  adw_combo_row_set_selected (row, target_position (&kam_account_kind, "name"));
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  row = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Umsatz"));
  g_assert_nonnull (row);
  adw_combo_row_set_selected (row, target_position (&kam_account_kind, "revenue_this_year"));
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  import = kam_import_dialog_get_import (f->dialog);
  g_assert_cmpstr (kam_import_get_column_target (import, 2), ==, "revenue_this_year");

  g_assert_true (kam_import_dialog_save_mapping (f->dialog, map_file, &error));
  g_assert_no_error (error);
  g_assert_null (find_error_label (GTK_WIDGET (f->dialog)));
  /* the file, read by its own parser */
  g_assert_true (json_parser_load_from_file (parser, map_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "kind"), ==,
                   "account");
  columns = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "columns");
  g_assert_cmpstr (json_object_get_string_member (columns, "Firma"), ==, "name");
  g_assert_cmpstr (json_object_get_string_member (columns, "City"), ==, "region");
  g_assert_cmpstr (json_object_get_string_member (columns, "Umsatz"), ==, "revenue_this_year");

  /* a new assistant over the same file: only City is known by itself */
  reopen (f, file);
  import = kam_import_dialog_get_import (f->dialog);
  g_assert_null (kam_import_get_column_target (import, 0));
  g_assert_cmpstr (kam_import_get_column_target (import, 1), ==, "region");
  g_assert_false (gtk_widget_get_sensitive (import_button (f)));

  /* refusals first: each leaves everything as it was, and says why */
  message = assert_load_refused (f, missing_path, "Cannot read the mapping file");
  g_free (message);
  write_mapping (other_path, "contact", "\"Firma\": \"account\"");
  message = assert_load_refused (f, other_path, "another kind of record (contact)");
  g_free (message);
  /* made for a file with other columns */
  write_mapping (other_path, "account", "\"Firma\": \"name\", \"Stadt\": \"region\", \"Land\": \"\"");
  message = assert_load_refused (f, other_path, "a column this file does not have: “Stadt”");
  g_assert_null (strstr (message, "Land"));  /* it would not be imported anyway */
  g_free (message);
  kam_test_screenshot (GTK_WIDGET (f->dialog), "import-mapping-refused.png");
  write_mapping (other_path, "account", "\"Firma\": \"name\", \"Stadt\": \"region\", \"Land\": \"industry\"");
  message = assert_load_refused (f, other_path, "columns this file does not have: “Stadt”, “Land”");
  g_free (message);
  /* a field accounts do not have: nothing else of the file is taken either */
  write_mapping (other_path, "account", "\"Firma\": \"name\", \"City\": \"colour\"");
  message = assert_load_refused (f, other_path, "“colour”");
  g_free (message);

  g_assert_true (kam_import_dialog_load_mapping (f->dialog, map_file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_PREVIEW);
  g_assert_null (find_error_label (GTK_WIDGET (f->dialog)));
  import = kam_import_dialog_get_import (f->dialog);
  g_assert_cmpstr (kam_import_get_column_target (import, 0), ==, "name");
  g_assert_cmpstr (kam_import_get_column_target (import, 1), ==, "region");
  g_assert_cmpstr (kam_import_get_column_target (import, 2), ==, "revenue_this_year");
  /* the rows show it, and the preview was checked again */
  row = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Firma"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, target_position (&kam_account_kind, "name"));
  row = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (f->dialog), ADW_TYPE_COMBO_ROW, "Umsatz"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, target_position (&kam_account_kind, "revenue_this_year"));
  g_assert_cmpuint (kam_import_get_n_new (import), ==, 2);
  g_assert_cmpuint (kam_import_get_n_errors (import), ==, 0);
  g_assert_nonnull (find_descendant (GTK_WIDGET (f->dialog), ADW_TYPE_ACTION_ROW, "Line 2: Acme GmbH"));
  g_assert_true (gtk_widget_get_sensitive (import_button (f)));
  kam_test_screenshot (GTK_WIDGET (f->dialog), "import-mapping-loaded.png");

  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  g_assert_cmpint (wait_until_settled (f), ==, KAM_IMPORT_DIALOG_DONE);
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 2);

  g_unlink (map_path);
  g_unlink (other_path);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);

  g_test_add ("/kam/gui/import/good", Fixture, NULL, fixture_setup, test_import_good, fixture_teardown);
  g_test_add ("/kam/gui/import/errors", Fixture, NULL, fixture_setup, test_import_errors, fixture_teardown);
  g_test_add ("/kam/gui/import/refused", Fixture, NULL, fixture_setup, test_import_refused, fixture_teardown);
  g_test_add ("/kam/gui/import/mapping", Fixture, NULL, fixture_setup, test_import_mapping, fixture_teardown);
  g_test_add ("/kam/gui/import/mapping-file", Fixture, NULL, fixture_setup, test_import_mapping_file, fixture_teardown);

  return g_test_run ();
}
