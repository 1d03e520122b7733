/* test-gui.c — the main window and the accounts view, in a real window
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (build-aux/test).  With KAM_SCREENSHOT_DIR set, it also
 * renders the window to PNG files there, as a person would see it.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kam-gui-test.h"
#include "kam-account-page.h"
#include "kam-accounts-view.h"
#include "kam-application.h"
#include "kam-generate.h"
#include "kam-list.h"
#include "kam-store-private.h"
#include "kam-window.h"

typedef KamTestApp Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  kam_test_app_open (f, "gui", GPOINTER_TO_UINT (data));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kam_test_app_close (f);
}

static guint
sql_count (KamStore   *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (kam_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static KamAccountsView *
accounts_view (Fixture *f)
{
  return KAM_ACCOUNTS_VIEW (kam_test_find_descendant (GTK_WIDGET (f->window), KAM_TYPE_ACCOUNTS_VIEW, NULL));
}

/* The ids of the accounts whose contact map has @status today, computed
 * by kam_insights_coverage(), not through the list. */
static GHashTable *
accounts_of_map_status (KamStore          *store,
                        KamCoverageStatus  status)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coverage = NULL;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  coverage = kam_insights_coverage (store, NULL, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < coverage->len; i++)
    {
      KamAccountCoverage *item = g_ptr_array_index (coverage, i);

      if (item->coverage.status == status)
        g_hash_table_add (ids, g_strdup (item->account_id));
    }
  return ids;
}

/* @model holds exactly the accounts of @ids, and the count label says how
 * many. */
static void
assert_list_is (KamAccountsView *view,
                GHashTable      *ids)
{
  GListModel *model = kam_accounts_view_get_model (view);
  GtkLabel *count = GTK_LABEL (kam_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LABEL, "accounts-count"));
  guint n = g_hash_table_size (ids);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account", "%u accounts", n), n);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KamRecord) account = g_list_model_get_item (model, i);

      g_assert_true (g_hash_table_contains (ids, kam_record_get_id (account)));
    }
  g_assert_nonnull (count);
  g_assert_cmpstr (gtk_label_get_text (count), ==, text);
}

static void
test_accounts_list (Fixture       *f,
                    gconstpointer  data)
{
  KamAccountsView *view = accounts_view (f);
  GListModel *model = kam_accounts_view_get_model (view);
  GtkColumnView *columns = GTK_COLUMN_VIEW (kam_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL));
  GListModel *column_list = gtk_column_view_get_columns (columns);
  g_autoptr(GtkColumnViewColumn) revenue_column = NULL;
  GtkDropDown *tier_filter = NULL;
  guint n_a;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  g_assert_cmpuint (g_list_model_get_n_items (column_list), ==, 8);

  /* The page shows the account selected in the list (the first, unless
   * a pointer event chose another), filled after the first frame */
  {
    KamAccountPage *page = KAM_ACCOUNT_PAGE (kam_test_find_descendant (GTK_WIDGET (view), KAM_TYPE_ACCOUNT_PAGE, NULL));
    GtkStack *stack = GTK_STACK (kam_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_STACK, NULL));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (columns));
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    /* (the first frame of a loaded machine may come late) */
    while (kam_account_page_get_account_id (page) == NULL && g_get_monotonic_time () < end)
      kam_test_wait_ms (20);
    g_assert_nonnull (gtk_single_selection_get_selected_item (selection));
    g_assert_cmpstr (kam_account_page_get_account_id (page), ==,
                     kam_record_get_id (gtk_single_selection_get_selected_item (selection)));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "account");
    /* and the view has every row, not only those of the first frame */
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 60);
  }

  kam_test_screenshot (GTK_WIDGET (f->window), "accounts-1280x800.png");

  /* Clicking the revenue header twice sorts largest first, in SQL. */
  revenue_column = g_list_model_get_item (column_list, 4);
  gtk_column_view_sort_by_column (columns, revenue_column, GTK_SORT_DESCENDING);
  kam_test_wait_ms (50);
  {
    g_autoptr(KamRecord) first = g_list_model_get_item (model, 0);
    g_autoptr(KamRecord) last = g_list_model_get_item (model, 59);
    guint max = sql_count (f->store, "SELECT CAST (max (revenue_this_year) AS INTEGER) FROM account WHERE deleted = 0");

    g_assert_cmpuint ((guint) kam_record_get_double (first, "revenue_this_year"), ==, max);
    g_assert_cmpfloat (kam_record_get_double (first, "revenue_this_year"), >=,
                       kam_record_get_double (last, "revenue_this_year"));
  }
  gtk_column_view_sort_by_column (columns, revenue_column, GTK_SORT_ASCENDING);
  kam_test_wait_ms (50);
  {
    g_autoptr(KamRecord) first = g_list_model_get_item (model, 0);
    g_autoptr(KamRecord) last = g_list_model_get_item (model, 59);

    g_assert_cmpfloat (kam_record_get_double (first, "revenue_this_year"), <=,
                       kam_record_get_double (last, "revenue_this_year"));
  }

  /* The tier chip (the first drop-down) filters in SQL. */
  tier_filter = GTK_DROP_DOWN (kam_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_nonnull (tier_filter);
  gtk_drop_down_set_selected (tier_filter, 1);   /* Tier A */
  kam_test_wait_ms (50);
  n_a = sql_count (f->store, "SELECT count (*) FROM account WHERE deleted = 0 AND tier = 'A'");
  g_assert_cmpuint (n_a, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_a);
  gtk_drop_down_set_selected (tier_filter, 0);
  kam_test_wait_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);

  /* The map status chip: Red shows the accounts whose contact map is red
   * by kam_insights_coverage(), sorted as the list is (revenue, smallest
   * first), and the count says how many. */
  {
    GtkDropDown *map_filter = GTK_DROP_DOWN (kam_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN,
                                                                       "map-filter"));
    g_autoptr(GHashTable) red = accounts_of_map_status (f->store, KAM_COVERAGE_RED);
    g_autoptr(GHashTable) green = accounts_of_map_status (f->store, KAM_COVERAGE_GREEN);
    g_autoptr(GHashTable) red_after = NULL;
    g_autoptr(GHashTable) green_after = NULL;
    g_autoptr(KamRecord) contact = kam_record_new (&kam_contact_kind);
    g_autoptr(GError) error = NULL;
    GHashTableIter iter;
    gpointer turned;

    g_assert_nonnull (map_filter);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (map_filter)), ==, 4);
    g_assert_cmpuint (g_hash_table_size (red), >, 0);
    g_assert_cmpuint (g_hash_table_size (red), <, 60);
    gtk_drop_down_set_selected (map_filter, 1);   /* Red */
    kam_test_wait_ms (50);
    assert_list_is (view, red);
    for (guint i = 1; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(KamRecord) before = g_list_model_get_item (model, i - 1);
        g_autoptr(KamRecord) item = g_list_model_get_item (model, i);

        g_assert_cmpfloat (kam_record_get_double (before, "revenue_this_year"), <=,
                           kam_record_get_double (item, "revenue_this_year"));
      }
    kam_test_screenshot (GTK_WIDGET (f->window), "accounts-map-red-1280x800.png");

    /* with the tier chip too: the red maps of tier A */
    gtk_drop_down_set_selected (tier_filter, 1);
    kam_test_wait_ms (50);
    {
      g_autoptr(GHashTable) red_a = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) accounts = kam_store_load_all (f->store, &kam_account_kind, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < accounts->len; i++)
        {
          KamRecord *account = g_ptr_array_index (accounts, i);

          if (kam_record_get_int (account, "tier") == KAM_TIER_A && g_hash_table_contains (red, kam_record_get_id (account)))
            g_hash_table_add (red_a, (gpointer) kam_record_get_id (account));
        }
      assert_list_is (view, red_a);
    }
    gtk_drop_down_set_selected (tier_filter, 0);
    kam_test_wait_ms (50);
    assert_list_is (view, red);

    /* A supportive decision maker turns one red map green: the filter
     * follows the store at once. */
    g_hash_table_iter_init (&iter, red);
    g_assert_true (g_hash_table_iter_next (&iter, &turned, NULL));
    kam_record_set_from_string (contact, "account_id", turned, &error);
    g_assert_no_error (error);
    kam_record_set_from_string (contact, "name", "Zhao Min", &error);
    g_assert_no_error (error);
    kam_record_set_from_string (contact, "decision_role", "decision_maker", &error);
    g_assert_no_error (error);
    kam_record_set_from_string (contact, "influence", "5", &error);
    g_assert_no_error (error);
    kam_record_set_from_string (contact, "attitude", "2", &error);
    g_assert_no_error (error);
    g_assert_true (kam_store_save (f->store, contact, &error));
    g_assert_no_error (error);
    kam_test_wait_ms (50);
    red_after = accounts_of_map_status (f->store, KAM_COVERAGE_RED);
    green_after = accounts_of_map_status (f->store, KAM_COVERAGE_GREEN);
    g_assert_cmpuint (g_hash_table_size (red_after), ==, g_hash_table_size (red) - 1);
    g_assert_false (g_hash_table_contains (red_after, turned));
    g_assert_true (g_hash_table_contains (green_after, turned));
    assert_list_is (view, red_after);
    gtk_drop_down_set_selected (map_filter, 3);   /* Green */
    kam_test_wait_ms (50);
    g_assert_cmpuint (g_hash_table_size (green_after), ==, g_hash_table_size (green) + 1);
    assert_list_is (view, green_after);

    gtk_drop_down_set_selected (map_filter, 0);   /* Any status */
    kam_test_wait_ms (50);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  }
}

static void
test_new_and_delete (Fixture       *f,
                     gconstpointer  data)
{
  KamAccountsView *view = accounts_view (f);
  GListModel *model = kam_accounts_view_get_model (view);

  /* Ctrl+N */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-account", NULL));
  kam_test_wait_ms (50);
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 61);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 61);
  g_assert_cmpuint (sql_count (f->store, "SELECT count (*) FROM account WHERE name = 'New account' AND dirty = 1"), ==, 1);

  /* Delete the selected (new) account, then press the toast's Undo (its
   * action). */
  {
    g_autoptr(KamRecord) created = NULL;
    g_autofree char *id = NULL;
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (kam_store_get_db (f->store), "SELECT id FROM account WHERE name = 'New account'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "accounts.delete", NULL));
    kam_test_wait_ms (50);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
    g_assert_cmpuint (sql_count (f->store, "SELECT count (*) FROM account WHERE name = 'New account' AND deleted != 0"), ==, 1);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undelete-account", "s", id));
    kam_test_wait_ms (50);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 61);
    created = kam_store_load (f->store, &kam_account_kind, id, NULL);
    g_assert_nonnull (created);
  }
}

static void
test_global_search (Fixture       *f,
                    gconstpointer  data)
{
  GtkSearchEntry *entry;
  GtkListBox *results;
  guint n_rows = 0;

  {
    g_autoptr(KamRecord) huawei = kam_record_new (&kam_account_kind);
    g_autoptr(GError) error = NULL;

    kam_record_set_from_string (huawei, "name", "Huawei Technologies", NULL);
    kam_record_set_from_string (huawei, "local_name", "华为技术有限公司", NULL);
    kam_store_save (f->store, huawei, &error);
    g_assert_no_error (error);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  entry = GTK_SEARCH_ENTRY (kam_test_find_descendant (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_assert_nonnull (entry);
  results = GTK_LIST_BOX (kam_test_find_descendant (GTK_WIDGET (f->window), GTK_TYPE_LIST_BOX, "search-results"));

  /* 华为 finds the account by its Chinese name, first. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "华为");
  g_signal_emit_by_name (entry, "search-changed");
  kam_test_wait_ms (50);
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (results, 0);

    g_assert_nonnull (first);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==,
                     "Huawei Technologies (华为技术有限公司)");
  }

  /* An English prefix, case-insensitive: "HUAW" */
  gtk_editable_set_text (GTK_EDITABLE (entry), "HUAW");
  g_signal_emit_by_name (entry, "search-changed");
  kam_test_wait_ms (50);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (results, 0))), ==,
                   "Huawei Technologies (华为技术有限公司)");

  gtk_editable_set_text (GTK_EDITABLE (entry), "银行");
  g_signal_emit_by_name (entry, "search-changed");
  kam_test_wait_ms (50);

  g_assert_nonnull (results);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (results)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_rows, ==, MIN (50, sql_count (f->store,
    "SELECT (SELECT count (*) FROM account_fts WHERE account_fts MATCH '{names} : \"银行\"')"
    " + (SELECT count (*) FROM contact_fts WHERE contact_fts MATCH '\"银行\"')")));

  kam_test_screenshot (GTK_WIDGET (f->window), "search-1280x800.png");

  /* Enter opens the first hit and leaves the search. */
  g_signal_emit_by_name (entry, "activate");
  kam_test_wait_ms (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
test_edit_target (Fixture       *f,
                  gconstpointer  data)
{
  KamAccountsView *view = accounts_view (f);
  GListModel *model = kam_accounts_view_get_model (view);
  g_autoptr(KamRecord) first = g_list_model_get_item (model, 0);
  g_autoptr(KamRecord) saved = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  AdwEntryRow *row;

  /* Open the account (as the search or a click does), then edit this
   * year's target in place and apply it. */
  kam_accounts_view_show_account (view, kam_record_get_id (first));
  kam_test_wait_ms (100);
  row = ADW_ENTRY_ROW (kam_test_find_descendant (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW, "target-this-year"));
  g_assert_nonnull (row);
  kam_test_screenshot (GTK_WIDGET (f->window), "account-page-1280x800.png");

  gtk_editable_set_text (GTK_EDITABLE (row), "15,000,000");
  g_signal_emit_by_name (row, "apply");

  /* Saved at once; give the main loop a moment for the page to settle. */
  for (int i = 0; i < 50; i++)
    {
      g_clear_object (&saved);
      saved = kam_store_load (f->store, &kam_account_kind, kam_record_get_id (first), NULL);
      if (kam_account_get_target (KAM_ACCOUNT (saved), g_date_time_get_year (now)) == 15000000)
        break;
      kam_test_wait_ms (20);
    }
  if (gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    g_test_message ("target row refused: %s", gtk_widget_get_tooltip_text (GTK_WIDGET (row)));
  g_assert_cmpfloat (kam_account_get_target (KAM_ACCOUNT (saved), g_date_time_get_year (now)), ==, 15000000);
  g_assert_cmpuint (sql_count (f->store, "SELECT count (*) FROM account WHERE dirty = 1"), >, 0);
}

static void
test_load_sample (Fixture       *f,
                  gconstpointer  data)
{
  GtkStack *main_stack = GTK_STACK (kam_test_find_descendant (GTK_WIDGET (f->window), GTK_TYPE_STACK, NULL));
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.load-sample", NULL));

  /* It runs in a worker thread with its own connection. */
  while (g_strcmp0 (gtk_stack_get_visible_child_name (main_stack), "main") != 0
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "main");
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 300);
  g_assert_cmpuint (g_list_model_get_n_items (kam_accounts_view_get_model (accounts_view (f))), ==, 300);
  kam_test_screenshot (GTK_WIDGET (f->window), "sample-1280x800.png");
  /* The view shows all of them once it has painted (it was hidden behind
   * the welcome page at the start), and the first account */
  {
    GtkColumnView *columns = GTK_COLUMN_VIEW (kam_test_find_descendant (GTK_WIDGET (accounts_view (f)),
                                                                         GTK_TYPE_COLUMN_VIEW, NULL));
    KamAccountPage *page = KAM_ACCOUNT_PAGE (kam_test_find_descendant (GTK_WIDGET (f->window), KAM_TYPE_ACCOUNT_PAGE, NULL));

    deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (kam_account_page_get_account_id (page) == NULL && g_get_monotonic_time () < deadline)
      kam_test_wait_ms (20);
    g_assert_nonnull (kam_account_page_get_account_id (page));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (columns))), ==, 300);
  }
}

static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  GtkStack *main_stack = GTK_STACK (kam_test_find_descendant (GTK_WIDGET (f->window), GTK_TYPE_STACK, NULL));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "welcome");
  kam_test_screenshot (GTK_WIDGET (f->window), "welcome-1280x800.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-empty", NULL));
  kam_test_wait_ms (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "main");
  /* No account: the page says so (not the blank of the start) */
  {
    GtkWidget *page = kam_test_find_descendant (GTK_WIDGET (f->window), KAM_TYPE_ACCOUNT_PAGE, NULL);

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (kam_test_find_descendant (page, GTK_TYPE_STACK, NULL))),
                     ==, "empty");
  }
  {
    g_autofree char *done = kam_store_get_setting (f->store, "welcome-done", "0");
    g_assert_cmpstr (done, ==, "1");
  }
}

static void
test_sizes (Fixture       *f,
            gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 1080);
  kam_test_wait_for_width (GTK_WIDGET (f->window), 1920);
  kam_test_screenshot (GTK_WIDGET (f->window), "accounts-1920x1080.png");

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  kam_test_wait_for_width (GTK_WIDGET (f->window), 1024);
  kam_test_screenshot (GTK_WIDGET (f->window), "accounts-1024x768.png");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 1100);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  kam_test_wait_ms (200);
  g_assert_true (adw_style_manager_get_dark (style));
  kam_test_screenshot (GTK_WIDGET (f->window), "accounts-1024x768-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The renderer's choice: software GL only when no graphics device node */
static void
test_software_gl (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dev = g_dir_make_tmp ("kam-dev-XXXXXX", &error);
  g_autofree char *dri = NULL;
  g_autofree char *node = NULL;
  g_autofree char *nvidia = NULL;

  g_assert_no_error (error);
  dri = g_build_filename (dev, "dri", NULL);
  node = g_build_filename (dri, "renderD128", NULL);
  nvidia = g_build_filename (dev, "nvidia0", NULL);

  g_assert_true (kam_gl_is_software_only (dev));
  g_assert_cmpint (g_mkdir (dri, 0700), ==, 0);
  g_assert_true (kam_gl_is_software_only (dev));       /* an empty dri/ */
  {
    g_autofree char *card = g_build_filename (dri, "card0", NULL);

    /* a VM's display-only card is no GPU */
    g_assert_true (g_file_set_contents (card, "", 0, NULL));
    g_assert_true (kam_gl_is_software_only (dev));
    g_unlink (card);
  }
  g_assert_true (g_file_set_contents (node, "", 0, NULL));
  g_assert_false (kam_gl_is_software_only (dev));
  g_unlink (node);
  g_assert_true (g_file_set_contents (nvidia, "", 0, NULL));
  g_assert_false (kam_gl_is_software_only (dev));
  g_unlink (nvidia);
  g_rmdir (dri);
  g_rmdir (dev);
}

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);

  g_test_add_func ("/kam/gui/renderer/software-gl", test_software_gl);
  g_test_add ("/kam/gui/accounts/list-sort-filter", Fixture, GUINT_TO_POINTER (60),
              fixture_setup, test_accounts_list, fixture_teardown);
  g_test_add ("/kam/gui/accounts/new-delete", Fixture, GUINT_TO_POINTER (60),
              fixture_setup, test_new_and_delete, fixture_teardown);
  g_test_add ("/kam/gui/window/search", Fixture, GUINT_TO_POINTER (60),
              fixture_setup, test_global_search, fixture_teardown);
  g_test_add ("/kam/gui/accounts/edit-target", Fixture, GUINT_TO_POINTER (60),
              fixture_setup, test_edit_target, fixture_teardown);
  g_test_add ("/kam/gui/window/load-sample", Fixture, GUINT_TO_POINTER (0),
              fixture_setup, test_load_sample, fixture_teardown);
  g_test_add ("/kam/gui/window/welcome", Fixture, GUINT_TO_POINTER (0),
              fixture_setup, test_welcome, fixture_teardown);
  g_test_add ("/kam/gui/window/sizes-and-dark", Fixture, GUINT_TO_POINTER (60),
              fixture_setup, test_sizes, fixture_teardown);

  return g_test_run ();
}
