/* test-gui-pipeline.c — the Pipeline and Dashboard pages, in a real window
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb.  A deal moves to negotiation by the keyboard's "Move to"
 * action, then is marked won with a reason in the dialog that asks for it;
 * the kanban's column totals and the dashboard's forecast follow.  With
 * KAM_SCREENSHOT_DIR set, the pages are saved as PNGs at 1024x768 and
 * 1920x1080.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kam-gui-test.h"
#include "kam-dashboard-view.h"
#include "kam-generate.h"
#include "kam-list.h"
#include "kam-model.h"
#include "kam-opportunity-dialog.h"
#include "kam-pipeline-list.h"
#include "kam-pipeline-view.h"
#include "kam-preferences-window.h"
#include "kam-window.h"

typedef KamTestApp Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  kam_test_app_open (f, "gui-pipeline", 40);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kam_test_app_close (f);
}

static void
show_page (Fixture    *f,
           const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (kam_test_find_descendant (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK, NULL));

  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (stack, name);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
}

/* A view of the window, after its page was shown (the window gives the
 * views their data when they are first shown). */
static GtkWidget *
shown_view (Fixture    *f,
            const char *page,
            GType       type)
{
  show_page (f, page);
  return kam_test_find_descendant (GTK_WIDGET (f->window), type, NULL);
}

/* The first deal at @stage, by expected close (the first card). */
static KamRecord *
first_deal (Fixture  *f,
            KamStage  stage)
{
  g_autoptr(KamQuery) query = kam_query_new (&kam_opportunity_kind);
  g_autoptr(KamRecordList) list = NULL;

  kam_query_set_stage (query, kam_enum_to_string (KAM_TYPE_STAGE, stage));
  kam_query_set_sort (query, "expected_close", FALSE, NULL);
  list = kam_record_list_new (f->store, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

static KamRecord *
reload (Fixture    *f,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  KamRecord *record = kam_store_load (f->store, &kam_opportunity_kind, id, &error);

  g_assert_no_error (error);
  return record;
}

/* Waits (up to 10 s: slow under ASan) until the view shows @count deals
 * at @stage: the view refreshes in an idle after the store's "changed". */
static void
wait_for_count (KamPipelineView *view,
                KamStage         stage,
                int              count)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (kam_pipeline_view_get_totals (view)[stage].count != count && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* Waits until @window is shown and laid out (slow under ASan). */
static void
wait_shown (GtkWidget *window)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (window) || gtk_widget_get_width (window) <= 0)
         && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  kam_test_wait_frames (window, 3);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Does some label under @widget read @text? */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

static void
test_move_and_win (Fixture       *f,
                   gconstpointer  data)
{
  KamDashboardView *dashboard = KAM_DASHBOARD_VIEW (shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW));
  KamPipelineView *view = KAM_PIPELINE_VIEW (shown_view (f, "pipeline", KAM_TYPE_PIPELINE_VIEW));
  g_autoptr(KamRecord) deal = NULL;
  g_autoptr(KamRecord) moved = NULL;
  g_autoptr(KamRecord) won = NULL;
  KamStageTotals before[KAM_N_STAGES], after[KAM_N_STAGES];
  g_autofree char *count_text = NULL;
  g_autofree char *expected_reason = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  double amount, won_before;
  const char *id;

  g_assert_nonnull (view);
  g_assert_nonnull (dashboard);
  kam_test_screenshot (GTK_WIDGET (f->window), "pipeline-1280x800.png");

  deal = first_deal (f, KAM_STAGE_PROSPECTING);
  id = kam_record_get_id (deal);
  amount = kam_record_get_double (deal, "amount");
  memcpy (before, kam_pipeline_view_get_totals (view), sizeof before);
  g_assert_cmpint (before[KAM_STAGE_PROSPECTING].count, >, 0);

  /* the card's "Move to" menu item, as the keyboard activates it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-to", "(ss)", id, "negotiation"));
  wait_for_count (view, KAM_STAGE_NEGOTIATION, before[KAM_STAGE_NEGOTIATION].count + 1);

  moved = reload (f, id);
  g_assert_cmpint (kam_record_get_int (moved, "stage"), ==, KAM_STAGE_NEGOTIATION);
  memcpy (after, kam_pipeline_view_get_totals (view), sizeof after);
  g_assert_cmpint (after[KAM_STAGE_PROSPECTING].count, ==, before[KAM_STAGE_PROSPECTING].count - 1);
  g_assert_cmpint (after[KAM_STAGE_NEGOTIATION].count, ==, before[KAM_STAGE_NEGOTIATION].count + 1);
  g_assert_cmpfloat_with_epsilon (after[KAM_STAGE_NEGOTIATION].amount,
                                  before[KAM_STAGE_NEGOTIATION].amount + amount, 0.01);
  g_assert_cmpfloat_with_epsilon (after[KAM_STAGE_PROSPECTING].amount,
                                  before[KAM_STAGE_PROSPECTING].amount - amount, 0.01);
  /* the column header shows it */
  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d deal", "%d deals", after[KAM_STAGE_NEGOTIATION].count),
                                after[KAM_STAGE_NEGOTIATION].count);
  g_assert_true (has_label (GTK_WIDGET (view), count_text));

  /* won: the dialog asks why first */
  won_before = kam_dashboard_view_get_forecast (dashboard)->won;
  memcpy (before, after, sizeof before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-to", "(ss)", id, "closed_won"));
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       find_message_dialog () == NULL && g_get_monotonic_time () < deadline;)
    kam_test_wait_ms (10);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* nothing moved while the question is open */
  g_clear_object (&moved);
  moved = reload (f, id);
  g_assert_cmpint (kam_record_get_int (moved, "stage"), ==, KAM_STAGE_NEGOTIATION);
  wait_shown (GTK_WIDGET (dialog));
  kam_test_screenshot (GTK_WIDGET (dialog), "pipeline-won-reason.png");

  entry = kam_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "decisive demo at HQ");
  adw_message_dialog_response (dialog, "move");
  wait_for_count (view, KAM_STAGE_CLOSED_WON, before[KAM_STAGE_CLOSED_WON].count + 1);
  kam_test_wait_ms (100);

  won = reload (f, id);
  g_assert_cmpint (kam_record_get_int (won, "stage"), ==, KAM_STAGE_CLOSED_WON);
  expected_reason = g_strdup_printf ("%s: %s", _("Price"), "decisive demo at HQ");
  g_assert_cmpstr (kam_record_get_string (won, "reason"), ==, expected_reason);
  memcpy (after, kam_pipeline_view_get_totals (view), sizeof after);
  g_assert_cmpint (after[KAM_STAGE_CLOSED_WON].count, ==, before[KAM_STAGE_CLOSED_WON].count + 1);
  g_assert_cmpint (after[KAM_STAGE_NEGOTIATION].count, ==, before[KAM_STAGE_NEGOTIATION].count - 1);
  g_assert_cmpfloat_with_epsilon (after[KAM_STAGE_CLOSED_WON].amount,
                                  before[KAM_STAGE_CLOSED_WON].amount + amount, 0.01);
  /* closed today: this year's forecast has it as won */
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       kam_dashboard_view_get_forecast (dashboard)->won < won_before + amount - 0.01
       && g_get_monotonic_time () < deadline;)
    kam_test_wait_ms (10);
  g_assert_cmpfloat_with_epsilon (kam_dashboard_view_get_forecast (dashboard)->won, won_before + amount, 0.01);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* The editor shows the default probability, takes one by hand, and keeps
 * it when the stage changes. */
static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  KamPipelineView *view = KAM_PIPELINE_VIEW (shown_view (f, "pipeline", KAM_TYPE_PIPELINE_VIEW));
  g_autoptr(KamRecord) deal = first_deal (f, KAM_STAGE_NEEDS_ANALYSIS);
  g_autoptr(KamRecord) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_hand_text = NULL;
  KamOpportunityDialog *dialog;
  GtkWidget *by_hand, *probability, *stage, *row;
  int defaults[KAM_N_STAGES];

  show_page (f, "pipeline");
  kam_insights_get_probabilities (f->store, defaults);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.edit", "s", kam_record_get_id (deal)));
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       find_toplevel (KAM_TYPE_OPPORTUNITY_DIALOG) == NULL && g_get_monotonic_time () < deadline;)
    kam_test_wait_ms (10);
  dialog = KAM_OPPORTUNITY_DIALOG (find_toplevel (KAM_TYPE_OPPORTUNITY_DIALOG));
  g_assert_nonnull (dialog);

  by_hand = kam_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, "by-hand");
  probability = kam_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, "probability");
  stage = kam_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "stage");
  row = kam_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "probability-row");
  g_assert_nonnull (by_hand);
  g_assert_nonnull (probability);
  g_assert_nonnull (stage);
  g_assert_nonnull (row);

  gtk_switch_set_active (GTK_SWITCH (by_hand), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (probability), 55);
  by_hand_text = g_strdup_printf (_("Set by hand; the default of %s would be %d%%"),
                                  kam_enum_to_label (KAM_TYPE_STAGE, KAM_STAGE_NEEDS_ANALYSIS),
                                  defaults[KAM_STAGE_NEEDS_ANALYSIS]);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, by_hand_text);
  adw_combo_row_set_selected (ADW_COMBO_ROW (stage), KAM_STAGE_SOLUTION_PROPOSAL);
  wait_shown (GTK_WIDGET (dialog));
  kam_test_screenshot (GTK_WIDGET (dialog), "opportunity-editor.png");

  g_assert_true (kam_opportunity_dialog_save (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  kam_test_wait_ms (200);

  saved = reload (f, kam_record_get_id (deal));
  g_assert_cmpint (kam_record_get_int (saved, "stage"), ==, KAM_STAGE_SOLUTION_PROPOSAL);
  g_assert_cmpint (kam_record_get_int (saved, "probability"), ==, 55);
  g_assert_nonnull (strstr (kam_record_get_string (saved, "stage_history"), "solution_proposal"));
}

/* The list mode: every deal, the stage filter in SQL, sorting by a column. */
static void
test_list_mode (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *view = shown_view (f, "pipeline", KAM_TYPE_PIPELINE_VIEW);
  GtkWidget *toggle = kam_test_find_descendant (view, GTK_TYPE_TOGGLE_BUTTON, "list-mode");
  GtkWidget *stage_filter = kam_test_find_descendant (view, GTK_TYPE_DROP_DOWN, "stage-filter");
  KamPipelineList *list = KAM_PIPELINE_LIST (kam_test_find_descendant (view, KAM_TYPE_PIPELINE_LIST, NULL));
  GtkColumnView *columns = GTK_COLUMN_VIEW (kam_test_find_descendant (GTK_WIDGET (list), GTK_TYPE_COLUMN_VIEW, NULL));
  const KamStageTotals *totals = kam_pipeline_view_get_totals (KAM_PIPELINE_VIEW (view));
  GListModel *model = kam_pipeline_list_get_model (list);
  GListModel *column_list;
  g_autoptr(KamRecord) first = NULL;
  g_autoptr(KamRecord) last = NULL;
  int n_deals = 0;

  g_assert_nonnull (toggle);
  g_assert_nonnull (stage_filter);
  g_assert_nonnull (columns);
  show_page (f, "pipeline");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));

  for (int s = 0; s < KAM_N_STAGES; s++)
    n_deals += totals[s].count;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_deals);
  kam_test_screenshot (GTK_WIDGET (f->window), "pipeline-list-1280x800.png");

  /* item 0 is "All stages" */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (stage_filter), KAM_STAGE_NEGOTIATION + 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, totals[KAM_STAGE_NEGOTIATION].count);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (stage_filter), 0);

  /* sorting by amount, largest first, is done by SQL */
  column_list = gtk_column_view_get_columns (columns);
  {
    g_autoptr(GtkColumnViewColumn) amount = g_list_model_get_item (column_list, 3);

    gtk_column_view_sort_by_column (columns, amount, GTK_SORT_DESCENDING);
  }
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  g_assert_cmpfloat (kam_record_get_double (first, "amount"), >=, kam_record_get_double (last, "amount"));
  g_assert_cmpfloat (kam_record_get_double (first, "amount"), >, kam_record_get_double (last, "amount"));
}

/* Per stage, the deals (count and amount) that pass a test, computed from
 * the records and their accounts, not through the pipeline's SQL. */
typedef gboolean (*DealTest) (KamRecord *deal, KamRecord *account, gconstpointer data);

static void
expected_totals (Fixture        *f,
                 DealTest        test,
                 gconstpointer   data,
                 KamStageTotals  totals[KAM_N_STAGES])
{
  g_autoptr(KamQuery) query = kam_query_new (&kam_opportunity_kind);
  g_autoptr(KamRecordList) deals = kam_record_list_new (f->store, query);

  memset (totals, 0, sizeof (KamStageTotals) * KAM_N_STAGES);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (deals)); i++)
    {
      g_autoptr(KamRecord) deal = g_list_model_get_item (G_LIST_MODEL (deals), i);
      g_autoptr(KamRecord) account = kam_store_load (f->store, &kam_account_kind,
                                                     kam_record_get_string (deal, "account_id"), NULL);
      int stage = kam_record_get_int (deal, "stage");

      if (account == NULL || !test (deal, account, data))
        continue;
      totals[stage].count++;
      totals[stage].amount += kam_record_get_double (deal, "amount");
    }
}

static gboolean
tier_test (KamRecord *deal, KamRecord *account, gconstpointer data)
{
  return kam_record_get_int (account, "tier") == GPOINTER_TO_INT (data);
}

static gboolean
account_test (KamRecord *deal, KamRecord *account, gconstpointer data)
{
  return g_strcmp0 (kam_record_get_id (account), data) == 0;
}

static gboolean
search_test (KamRecord *deal, KamRecord *account, gconstpointer data)
{
  return strstr (kam_record_get_string (deal, "name"), data) != NULL
         || strstr (kam_record_get_string (account, "name"), data) != NULL
         || strstr (kam_record_get_string (account, "local_name"), data) != NULL;
}

static gboolean
all_test (KamRecord *deal, KamRecord *account, gconstpointer data)
{
  return TRUE;
}

/* Waits until the board's column totals are @expected (the search entry
 * answers after a pause), then checks them. */
static void
assert_board_totals (KamPipelineView      *view,
                     const KamStageTotals  expected[KAM_N_STAGES])
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  const KamStageTotals *totals = kam_pipeline_view_get_totals (view);
  gboolean same = FALSE;

  while (!same && g_get_monotonic_time () < deadline)
    {
      same = TRUE;
      for (int s = 0; s < KAM_N_STAGES; s++)
        same = same && totals[s].count == expected[s].count && ABS (totals[s].amount - expected[s].amount) < 0.5;
      if (!same)
        kam_test_wait_ms (20);
    }
  for (int s = 0; s < KAM_N_STAGES; s++)
    {
      g_assert_cmpint (totals[s].count, ==, expected[s].count);
      g_assert_cmpfloat (ABS (totals[s].amount - expected[s].amount), <, 0.5);
    }
}

/* Tier, account and search filters change the board's column totals (and
 * the list's rows) to those of the deals that pass them. */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *view = shown_view (f, "pipeline", KAM_TYPE_PIPELINE_VIEW);
  KamPipelineView *pipeline = KAM_PIPELINE_VIEW (view);
  GtkWidget *tier = kam_test_find_descendant (view, GTK_TYPE_DROP_DOWN, "tier-filter");
  GtkWidget *search = kam_test_find_descendant (view, GTK_TYPE_SEARCH_ENTRY, "deal-search");
  GtkWidget *account_entry = kam_test_find_descendant (view, GTK_TYPE_SEARCH_ENTRY, "account-filter");
  GtkWidget *suggestions = kam_test_find_descendant (view, GTK_TYPE_LIST_BOX, "account-suggestions");
  KamStageTotals all[KAM_N_STAGES], expected[KAM_N_STAGES];
  g_autoptr(KamRecord) deal = first_deal (f, KAM_STAGE_NEGOTIATION);
  g_autoptr(KamRecord) account = kam_store_load (f->store, &kam_account_kind,
                                                 kam_record_get_string (deal, "account_id"), NULL);
  GtkListBoxRow *row = NULL;
  gint64 deadline;
  int n_all = 0, n;

  g_assert_nonnull (tier);
  g_assert_nonnull (search);
  g_assert_nonnull (account_entry);
  g_assert_nonnull (suggestions);
  g_assert_nonnull (account);

  expected_totals (f, all_test, NULL, all);
  assert_board_totals (pipeline, all);
  for (int s = 0; s < KAM_N_STAGES; s++)
    n_all += all[s].count;

  /* tier A (item 0 is "All tiers") */
  expected_totals (f, tier_test, GINT_TO_POINTER (KAM_TIER_A), expected);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tier), 1 + KAM_TIER_A);
  assert_board_totals (pipeline, expected);
  n = 0;
  for (int s = 0; s < KAM_N_STAGES; s++)
    n += expected[s].count;
  g_assert_cmpint (n, >, 0);
  g_assert_cmpint (n, <, n_all);
  g_assert_cmpuint (g_list_model_get_n_items (kam_pipeline_view_get_list_model (pipeline)), ==, n);
  kam_test_screenshot (GTK_WIDGET (f->window), "pipeline-tier-a-1280x800.png");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tier), 0);
  assert_board_totals (pipeline, all);

  /* an account: its name typed, then chosen among the suggestions */
  gtk_editable_set_text (GTK_EDITABLE (account_entry), kam_record_get_string (account, "name"));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (row == NULL && g_get_monotonic_time () < deadline)
    {
      kam_test_wait_ms (20);
      for (GtkWidget *child = gtk_widget_get_first_child (suggestions); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_BOX_ROW (child)
            && g_strcmp0 (g_object_get_data (G_OBJECT (child), "account"), kam_record_get_id (account)) == 0)
          row = GTK_LIST_BOX_ROW (child);
    }
  g_assert_nonnull (row);
  g_signal_emit_by_name (suggestions, "row-activated", row);
  expected_totals (f, account_test, kam_record_get_id (account), expected);
  g_assert_cmpint (expected[KAM_STAGE_NEGOTIATION].count, >, 0);
  assert_board_totals (pipeline, expected);
  kam_test_wait_ms (300);   /* the entry's own search-changed keeps the account */
  assert_board_totals (pipeline, expected);
  gtk_editable_set_text (GTK_EDITABLE (account_entry), "");
  assert_board_totals (pipeline, all);

  /* a word of deal or account names */
  expected_totals (f, search_test, "网", expected);
  gtk_editable_set_text (GTK_EDITABLE (search), "网");
  assert_board_totals (pipeline, expected);
  n = 0;
  for (int s = 0; s < KAM_N_STAGES; s++)
    n += expected[s].count;
  g_assert_cmpint (n, >, 0);
  g_assert_cmpint (n, <, n_all);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  assert_board_totals (pipeline, all);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const struct { int w, h; } sizes[] = { { 1024, 768 }, { 1920, 1080 } };
  const char *pages[] = { "pipeline", "pipeline-list", "dashboard" };
  GtkWidget *view = shown_view (f, "pipeline", KAM_TYPE_PIPELINE_VIEW);
  GtkWidget *list_toggle = kam_test_find_descendant (view, GTK_TYPE_TOGGLE_BUTTON, "list-mode");
  GtkWidget *board_toggle = gtk_widget_get_prev_sibling (list_toggle);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gtk_window_set_default_size (GTK_WINDOW (f->window), sizes[s].w, sizes[s].h);
      kam_test_wait_for_width (GTK_WIDGET (f->window), sizes[s].w);
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%dx%d.png", pages[p], sizes[s].w, sizes[s].h);
          gboolean list = g_str_equal (pages[p], "pipeline-list");

          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (list ? list_toggle : board_toggle), TRUE);
          show_page (f, list ? "pipeline" : pages[p]);
          g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (f->window)) - sizes[s].w), <=, 16);
          kam_test_screenshot (GTK_WIDGET (f->window), name);
        }
    }
}

/* The first action row of @widget's descendants titled @title. */
static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && !ADW_IS_ENTRY_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The preferences show the default reasons in the user's language and keep
 * them stored in English (the team's setting); a reason typed in is stored
 * as typed, and one already there under its translation is refused. */
static void
test_reasons (Fixture       *f,
              gconstpointer  data)
{
  KamPreferencesWindow *prefs = kam_preferences_window_new (f->context);
  GtkWidget *price, *list, *entry = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *unchanged = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  kam_test_wait_ms (100);
  price = find_row_titled (GTK_WIDGET (prefs), _("Price"));
  g_assert_nonnull (price);
  list = gtk_widget_get_ancestor (price, GTK_TYPE_LIST_BOX);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL && entry == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ENTRY_ROW (child))
      entry = child;
  g_assert_nonnull (entry);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Budget cut");
  g_signal_emit_by_name (entry, "entry-activated");
  kam_test_wait_ms (50);
  stored = kam_store_get_setting (f->store, "won-reasons", NULL);
  g_assert_cmpstr (stored, ==, "Price\nProduct fit\nRelationship\nService\nBudget cut");
  g_assert_nonnull (find_row_titled (GTK_WIDGET (prefs), "Budget cut"));

  /* "Price" as the user reads it is there already */
  gtk_editable_set_text (GTK_EDITABLE (entry), _("Price"));
  g_signal_emit_by_name (entry, "entry-activated");
  kam_test_wait_ms (50);
  unchanged = kam_store_get_setting (f->store, "won-reasons", NULL);
  g_assert_cmpstr (unchanged, ==, stored);

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_PAGE)));
  kam_test_wait_ms (50);
  kam_test_screenshot (GTK_WIDGET (prefs), "preferences-reasons.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);

  g_test_add ("/kam/gui/pipeline/move-and-win", Fixture, NULL, fixture_setup, test_move_and_win, fixture_teardown);
  g_test_add ("/kam/gui/pipeline/editor", Fixture, NULL, fixture_setup, test_editor, fixture_teardown);
  g_test_add ("/kam/gui/pipeline/list-mode", Fixture, NULL, fixture_setup, test_list_mode, fixture_teardown);
  g_test_add ("/kam/gui/pipeline/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/kam/gui/pipeline/reasons", Fixture, NULL, fixture_setup, test_reasons, fixture_teardown);
  g_test_add ("/kam/gui/pipeline/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);

  return g_test_run ();
}
