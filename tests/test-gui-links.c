/* test-gui-links.c — the account page leads into the Visit plan and the
 * Pipeline, in a real window
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb.  A recent visit's row and an open opportunity's row on
 * the account page are activated as the keyboard does (Enter): the window
 * shows the Visit plan at the visit's week, or the Pipeline, and the
 * editor of that record.  "New Deal…" and "New Visit…" on the account page
 * store a deal and a visit of the account; "New Deal…" in the Pipeline's
 * toolbar asks for the account first.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kam-gui-test.h"
#include "kam-account-page.h"
#include "kam-accounts-view.h"
#include "kam-generate.h"
#include "kam-list.h"
#include "kam-model.h"
#include "kam-opportunity-dialog.h"
#include "kam-pipeline-view.h"
#include "kam-visit-editor.h"
#include "kam-visits-view.h"
#include "kam-window.h"

typedef struct {
  KamTestApp  app;
  char       *account_id;   /* an account with visits and open deals */
} Fixture;

/* The first widget under @widget carrying the object data @key. */
static GtkWidget *
find_with_data (GtkWidget  *widget,
                const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_object_get_data (G_OBJECT (child), key) != NULL)
        return child;
      found = find_with_data (child, key);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Counts the widgets under @widget carrying @key with the value @value. */
static guint
count_with_data (GtkWidget  *widget,
                 const char *key,
                 const char *value)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), key), value) == 0)
        n++;
      n += count_with_data (child, key, value);
    }

  return n;
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      found = find_action_button (child, action);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* Waits (up to 10 s: slow under ASan) for a shown window of @type. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWindow *window;

  while ((window = find_toplevel (type)) == NULL && g_get_monotonic_time () < deadline)
    kam_test_wait_ms (10);
  if (window != NULL)
    kam_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static void
close_toplevel (GtkWindow *window)
{
  gtk_window_destroy (window);
  kam_test_wait_ms (50);
}

static guint
count_of (Fixture             *f,
          const KamRecordKind *kind,
          const char          *stage)
{
  g_autoptr(KamQuery) query = kam_query_new (kind);
  g_autoptr(KamRecordList) list = NULL;

  kam_query_set_account (query, f->account_id);
  if (stage != NULL)
    kam_query_set_stage (query, stage);
  list = kam_record_list_new (f->app.store, query);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The first account, by name, with visits and open opportunities. */
static char *
account_with_links (Fixture *f)
{
  g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);
  g_autoptr(KamRecordList) accounts = kam_record_list_new (f->app.store, query);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (accounts)); i++)
    {
      g_autoptr(KamRecord) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      g_free (f->account_id);
      f->account_id = g_strdup (kam_record_get_id (account));
      if (count_of (f, &kam_visit_kind, NULL) > 0 && count_of (f, &kam_opportunity_kind, "open") > 0)
        return g_strdup (f->account_id);
    }
  return NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *found = NULL;

  kam_test_app_open (&f->app, "gui-links", 40);
  found = account_with_links (f);
  g_assert_nonnull (found);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kam_test_app_close (&f->app);
  g_free (f->account_id);
}

static AdwViewStack *
view_stack (Fixture *f)
{
  AdwViewStack *stack = ADW_VIEW_STACK (kam_test_find_descendant (GTK_WIDGET (f->app.window), ADW_TYPE_VIEW_STACK, NULL));

  g_assert_nonnull (stack);
  return stack;
}

/* Shows the account of the fixture on the Accounts page; its page. */
static GtkWidget *
show_account (Fixture *f)
{
  KamAccountsView *accounts = KAM_ACCOUNTS_VIEW (kam_test_find_descendant (GTK_WIDGET (f->app.window), KAM_TYPE_ACCOUNTS_VIEW, NULL));
  GtkWidget *page;

  g_assert_nonnull (accounts);
  adw_view_stack_set_visible_child_name (view_stack (f), "accounts");
  kam_accounts_view_show_account (accounts, f->account_id);
  kam_test_wait_frames (GTK_WIDGET (f->app.window), 3);
  page = kam_test_find_descendant (GTK_WIDGET (accounts), KAM_TYPE_ACCOUNT_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_cmpstr (kam_account_page_get_account_id (KAM_ACCOUNT_PAGE (page)), ==, f->account_id);
  return page;
}

static KamRecord *
first_of (Fixture             *f,
          const KamRecordKind *kind,
          const char          *stage,
          const char          *sort,
          gboolean             descending)
{
  g_autoptr(KamQuery) query = kam_query_new (kind);
  g_autoptr(KamRecordList) list = NULL;

  kam_query_set_account (query, f->account_id);
  if (stage != NULL)
    kam_query_set_stage (query, stage);
  g_assert_true (kam_query_set_sort (query, sort, descending, NULL));
  list = kam_record_list_new (f->app.store, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

static const char *
entry_text (GtkWidget  *dialog,
            const char *name)
{
  GtkWidget *entry = kam_test_find_descendant (dialog, GTK_TYPE_WIDGET, name);

  g_assert_nonnull (entry);
  g_assert_true (GTK_IS_EDITABLE (entry));
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* Enter on the first recent visit: the Visit plan at its week, its editor. */
static void
test_visit_row (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *page = show_account (f);
  g_autoptr(KamRecord) latest = first_of (f, &kam_visit_kind, NULL, "start_at", TRUE);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (kam_record_get_string (latest, "start_at"), utc);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *local_day = NULL;
  KamVisitsView *visits;
  GtkWidget *row, *editor;
  GDate shown;

  g_assert_nonnull (start);
  local = g_date_time_to_local (start);
  local_day = g_date_time_format (local, "%Y-%m-%d");

  /* the most recent visit comes first */
  row = find_with_data (page, "kam-visit-id");
  g_assert_nonnull (row);
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "kam-visit-id"), ==, kam_record_get_id (latest));
  g_assert_true (gtk_widget_activate (row));

  editor = GTK_WIDGET (wait_for_toplevel (KAM_TYPE_VISIT_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "visits");
  visits = KAM_VISITS_VIEW (kam_test_find_descendant (GTK_WIDGET (f->app.window), KAM_TYPE_VISITS_VIEW, NULL));
  kam_visits_view_get_day (visits, &shown);
  g_assert_cmpint (g_date_get_year (&shown), ==, g_date_time_get_year (local));
  g_assert_cmpint (g_date_get_month (&shown), ==, g_date_time_get_month (local));
  g_assert_cmpint (g_date_get_day (&shown), ==, g_date_time_get_day_of_month (local));

  /* the editor shows that visit */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, _("Visit"));
  g_assert_cmpstr (entry_text (editor, "objective-row"), ==, kam_record_get_string (latest, "objective"));
  g_assert_true (g_str_has_prefix (entry_text (editor, "start-row"), local_day));
  kam_test_screenshot (editor, "links-visit-editor.png");
  close_toplevel (GTK_WINDOW (editor));
}

/* Enter on the first open opportunity: the Pipeline, its editor. */
static void
test_opportunity_row (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *page = show_account (f);
  g_autoptr(KamRecord) first = first_of (f, &kam_opportunity_kind, "open", "expected_close", FALSE);
  GtkWidget *row, *dialog;

  row = find_with_data (page, "kam-opportunity-id");
  g_assert_nonnull (row);
  /* scrolled into view for the screenshot */
  gtk_widget_grab_focus (row);
  kam_test_wait_frames (GTK_WIDGET (f->app.window), 3);
  kam_test_screenshot (GTK_WIDGET (f->app.window), "links-account-page.png");
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "kam-opportunity-id"), ==, kam_record_get_id (first));
  g_assert_true (gtk_widget_activate (row));

  dialog = GTK_WIDGET (wait_for_toplevel (KAM_TYPE_OPPORTUNITY_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "pipeline");
  g_assert_cmpstr (kam_opportunity_dialog_get_id (KAM_OPPORTUNITY_DIALOG (dialog)), ==, kam_record_get_id (first));
  g_assert_cmpstr (entry_text (dialog, "name"), ==, kam_record_get_string (first, "name"));
  /* the account is the deal's: no choice of it */
  g_assert_null (kam_test_find_descendant (dialog, ADW_TYPE_COMBO_ROW, "account-row"));
  close_toplevel (GTK_WINDOW (dialog));
}

/* "New Deal…" on the account page: a deal of that account, stored. */
static void
test_new_deal (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *page = show_account (f);
  GtkWidget *button = find_action_button (page, "account-page.new-opportunity");
  guint open_before = count_of (f, &kam_opportunity_kind, "open");
  g_autoptr(KamRecord) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GtkWidget *dialog, *amount;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  dialog = GTK_WIDGET (wait_for_toplevel (KAM_TYPE_OPPORTUNITY_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "pipeline");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, _("New Deal"));
  g_assert_null (kam_test_find_descendant (dialog, ADW_TYPE_COMBO_ROW, "account-row"));
  id = g_strdup (kam_opportunity_dialog_get_id (KAM_OPPORTUNITY_DIALOG (dialog)));
  g_assert_null (kam_store_load (f->app.store, &kam_opportunity_kind, id, NULL));

  /* a deal needs its name */
  g_assert_false (kam_opportunity_dialog_save (KAM_OPPORTUNITY_DIALOG (dialog), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (kam_store_load (f->app.store, &kam_opportunity_kind, id, NULL));

  gtk_editable_set_text (GTK_EDITABLE (kam_test_find_descendant (dialog, GTK_TYPE_WIDGET, "name")), "Links test deal 链接");
  amount = kam_test_find_descendant (dialog, GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (amount);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (amount), 123456);
  kam_test_screenshot (dialog, "links-new-deal.png");
  g_assert_true (kam_opportunity_dialog_save (KAM_OPPORTUNITY_DIALOG (dialog), &error));
  g_assert_no_error (error);
  close_toplevel (GTK_WINDOW (dialog));

  saved = kam_store_load (f->app.store, &kam_opportunity_kind, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kam_record_get_string (saved, "account_id"), ==, f->account_id);
  g_assert_cmpstr (kam_record_get_string (saved, "name"), ==, "Links test deal 链接");
  g_assert_cmpfloat_with_epsilon (kam_record_get_double (saved, "amount"), 123456, 0.001);
  g_assert_cmpint (kam_record_get_int (saved, "stage"), ==, KAM_STAGE_PROSPECTING);
  g_assert_cmpuint (count_of (f, &kam_opportunity_kind, "open"), ==, open_before + 1);

  /* the account page lists it */
  page = show_account (f);
  g_assert_cmpuint (count_with_data (page, "kam-opportunity-id", id), ==, 1);
}

/* "New Visit…" on the account page: a visit of that account, stored. */
static void
test_new_visit (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *page = show_account (f);
  GtkWidget *button = find_action_button (page, "account-page.new-visit");
  guint before = count_of (f, &kam_visit_kind, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamQuery) query = kam_query_new (&kam_visit_kind);
  g_autoptr(KamRecordList) list = NULL;
  guint found = 0;
  GtkWidget *editor, *account_row;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  editor = GTK_WIDGET (wait_for_toplevel (KAM_TYPE_VISIT_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "visits");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, _("New Visit"));
  /* the account is given: shown first and fixed */
  account_row = kam_test_find_descendant (editor, ADW_TYPE_COMBO_ROW, "account-row");
  g_assert_nonnull (account_row);
  g_assert_false (gtk_widget_get_sensitive (account_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (account_row)), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (kam_test_find_descendant (editor, GTK_TYPE_WIDGET, "objective-row")),
                         "Links test visit");
  g_assert_true (kam_visit_editor_save (KAM_VISIT_EDITOR (editor), &error));
  g_assert_no_error (error);
  close_toplevel (GTK_WINDOW (editor));

  g_assert_cmpuint (count_of (f, &kam_visit_kind, NULL), ==, before + 1);
  /* the new visit is the account's */
  kam_query_set_account (query, f->account_id);
  list = kam_record_list_new (f->app.store, query);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KamRecord) visit = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (kam_record_get_string (visit, "objective"), "Links test visit") == 0)
        found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

/* "New Deal…" in the Pipeline's toolbar: the account is chosen first. */
static void
test_pipeline_new_deal (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *view, *button, *dialog, *account_row;
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) saved = NULL;
  g_autoptr(KamRecord) account = NULL;
  g_autofree char *id = NULL;
  g_autofree char *chosen = NULL;

  adw_view_stack_set_visible_child_name (view_stack (f), "pipeline");
  kam_test_wait_frames (GTK_WIDGET (f->app.window), 3);
  view = kam_test_find_descendant (GTK_WIDGET (f->app.window), KAM_TYPE_PIPELINE_VIEW, NULL);
  button = kam_test_find_descendant (view, GTK_TYPE_BUTTON, "new-deal");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");

  dialog = GTK_WIDGET (wait_for_toplevel (KAM_TYPE_OPPORTUNITY_DIALOG));
  g_assert_nonnull (dialog);
  account_row = kam_test_find_descendant (dialog, ADW_TYPE_COMBO_ROW, "account-row");
  g_assert_nonnull (account_row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (account_row)), ==, 0);
  id = g_strdup (kam_opportunity_dialog_get_id (KAM_OPPORTUNITY_DIALOG (dialog)));
  gtk_editable_set_text (GTK_EDITABLE (kam_test_find_descendant (dialog, GTK_TYPE_WIDGET, "name")), "Toolbar deal");

  /* no account chosen: refused */
  g_assert_false (kam_opportunity_dialog_save (KAM_OPPORTUNITY_DIALOG (dialog), &error));
  g_assert_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_null (kam_store_load (f->app.store, &kam_opportunity_kind, id, NULL));

  adw_combo_row_set_selected (ADW_COMBO_ROW (account_row), 3);
  chosen = g_strdup (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (account_row))));
  g_assert_true (kam_opportunity_dialog_save (KAM_OPPORTUNITY_DIALOG (dialog), &error));
  g_assert_no_error (error);
  close_toplevel (GTK_WINDOW (dialog));

  saved = kam_store_load (f->app.store, &kam_opportunity_kind, id, &error);
  g_assert_no_error (error);
  account = kam_store_load (f->app.store, &kam_account_kind, kam_record_get_string (saved, "account_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kam_record_get_string (account, "name"), ==, chosen);
  g_assert_cmpstr (kam_record_get_string (saved, "name"), ==, "Toolbar deal");
}

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);

  g_test_add ("/kam/gui/links/visit-row", Fixture, NULL, fixture_setup, test_visit_row, fixture_teardown);
  g_test_add ("/kam/gui/links/opportunity-row", Fixture, NULL, fixture_setup, test_opportunity_row, fixture_teardown);
  g_test_add ("/kam/gui/links/new-deal", Fixture, NULL, fixture_setup, test_new_deal, fixture_teardown);
  g_test_add ("/kam/gui/links/new-visit", Fixture, NULL, fixture_setup, test_new_visit, fixture_teardown);
  g_test_add ("/kam/gui/links/pipeline-new-deal", Fixture, NULL, fixture_setup, test_pipeline_new_deal,
              fixture_teardown);

  return g_test_run ();
}
