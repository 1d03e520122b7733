/* test-gui-drill.c — drill-down from the dashboard and review mode, in real
 * windows
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb over a generated database.  A dashboard tile is clicked
 * (its button activated), a funnel bar and a review slide's chart are
 * clicked through their click gestures (the handler a real click runs, at
 * a point found on the drawn bar); each time the main window must show the
 * Pipeline's list holding the deals counted here from the store's records,
 * not through the pipeline's own queries.  With KAM_SCREENSHOT_DIR set, the
 * dashboard and the filtered list are saved at 1024x768 and 1920x1080.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kam-accounts-view.h"
#include "kam-chart-widget.h"
#include "kam-context.h"
#include "kam-dashboard-view.h"
#include "kam-generate.h"
#include "kam-gui-test.h"
#include "kam-list.h"
#include "kam-model.h"
#include "kam-pipeline-view.h"
#include "kam-review-setup.h"
#include "kam-review-window.h"
#include "kam-visit-plan.h"
#include "kam-visits-view.h"
#include "kam-window.h"

typedef KamTestApp Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  kam_test_app_open (f, "gui-drill", 40);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kam_test_app_close (f);
}

static AdwViewStack *
view_stack (Fixture *f)
{
  return ADW_VIEW_STACK (kam_test_find_descendant (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK, NULL));
}

static GtkWidget *
shown_view (Fixture    *f,
            const char *page,
            GType       type)
{
  adw_view_stack_set_visible_child_name (view_stack (f), page);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
  return kam_test_find_descendant (GTK_WIDGET (f->window), type, NULL);
}

/* A click as the widget's click gesture sees it. */
static void
click (GtkWidget *widget,
       double     x,
       double     y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GtkGesture *gesture = NULL;

  for (guint i = 0; gesture == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        gesture = GTK_GESTURE (controller);
    }
  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
}

/* A key as the widget's key controller sees it. */
static void
key (GtkWidget *widget,
     guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

/* Deals of @stage (-1: any; "open" with @open_only) whose close (expected
 * close of open deals, closing day of closed ones) lies in [@from, @to],
 * counted from the records. */
static guint
count_deals (Fixture    *f,
             int         stage,
             gboolean    open_only,
             const char *from,
             const char *to)
{
  g_autoptr(KamQuery) query = kam_query_new (&kam_opportunity_kind);
  g_autoptr(KamRecordList) list = kam_record_list_new (f->store, query);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KamRecord) deal = g_list_model_get_item (G_LIST_MODEL (list), i);
      int s = kam_record_get_int (deal, "stage");
      const char *close = kam_record_get_string (deal, kam_stage_is_closed (s) ? "closed_on" : "expected_close");

      if ((stage >= 0 && s != stage) || (open_only && kam_stage_is_closed (s)))
        continue;
      if (from != NULL && (close == NULL || *close == '\0' || strcmp (close, from) < 0 || strcmp (close, to) > 0))
        continue;
      n++;
    }
  return n;
}

/* Waits until the main window shows the Pipeline's list with @expected
 * rows. */
static void
assert_pipeline_list (Fixture *f,
                      guint    expected)
{
  KamPipelineView *view;
  GListModel *model;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* (an activated button clicks after its press is shown, 250 ms) */
  while (g_strcmp0 (adw_view_stack_get_visible_child_name (view_stack (f)), "pipeline") != 0
         && g_get_monotonic_time () < deadline)
    kam_test_wait_ms (20);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "pipeline");
  view = KAM_PIPELINE_VIEW (kam_test_find_descendant (GTK_WIDGET (f->window), KAM_TYPE_PIPELINE_VIEW, NULL));
  g_assert_true (kam_pipeline_view_get_list_mode (view));
  model = kam_pipeline_view_get_list_model (view);
  g_assert_nonnull (model);
  while (g_list_model_get_n_items (model) != expected && g_get_monotonic_time () < deadline)
    kam_test_wait_ms (20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
}

/* The ids of the accounts whose contact map is red today (of @owner_id
 * when set), computed by kam_insights_coverage() and the accounts' owners,
 * not through the Accounts view's query. */
static GHashTable *
red_map_accounts (Fixture    *f,
                  const char *owner_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coverage = NULL;
  g_autoptr(GPtrArray) accounts = kam_store_load_all (f->store, &kam_account_kind, &error);
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDate today;

  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    g_hash_table_insert (owners, (gpointer) kam_record_get_id (g_ptr_array_index (accounts, i)),
                         (gpointer) kam_record_get_string (g_ptr_array_index (accounts, i), "owner_id"));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  coverage = kam_insights_coverage (f->store, NULL, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < coverage->len; i++)
    {
      KamAccountCoverage *item = g_ptr_array_index (coverage, i);

      if (item->coverage.status == KAM_COVERAGE_RED
          && (owner_id == NULL || g_strcmp0 (g_hash_table_lookup (owners, item->account_id), owner_id) == 0))
        g_hash_table_add (ids, g_strdup (item->account_id));
    }
  return ids;
}

/* Waits until the main window shows the Accounts view listing exactly the
 * accounts of @ids, its count label saying how many. */
static void
assert_accounts_list (Fixture    *f,
                      GHashTable *ids)
{
  KamAccountsView *view;
  GListModel *model;
  GtkLabel *count;
  guint n = g_hash_table_size (ids);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account", "%u accounts", n), n);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_strcmp0 (adw_view_stack_get_visible_child_name (view_stack (f)), "accounts") != 0
         && g_get_monotonic_time () < deadline)
    kam_test_wait_ms (20);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "accounts");
  view = KAM_ACCOUNTS_VIEW (kam_test_find_descendant (GTK_WIDGET (f->window), KAM_TYPE_ACCOUNTS_VIEW, NULL));
  model = kam_accounts_view_get_model (view);
  while (g_list_model_get_n_items (model) != n && g_get_monotonic_time () < deadline)
    kam_test_wait_ms (20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KamRecord) account = g_list_model_get_item (model, i);

      g_assert_true (g_hash_table_contains (ids, kam_record_get_id (account)));
    }
  count = GTK_LABEL (kam_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LABEL, "accounts-count"));
  g_assert_nonnull (count);
  g_assert_cmpstr (gtk_label_get_text (count), ==, text);
}

static void
this_year (char **from,
           char **to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  *from = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now));
  *to = g_strdup_printf ("%04d-12-31", g_date_time_get_year (now));
}

/* The tiles "Won" and "Weighted pipeline" (this year, everyone) open the
 * list of the deals behind them. */
static void
test_tiles (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *dashboard = shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW);
  GtkWidget *won = kam_test_find_descendant (dashboard, GTK_TYPE_BUTTON, "tile-won");
  GtkWidget *weighted = kam_test_find_descendant (dashboard, GTK_TYPE_BUTTON, "tile-weighted");
  GtkWidget *visits = kam_test_find_descendant (dashboard, GTK_TYPE_BUTTON, "tile-visits");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint n_won, n_open;

  g_assert_nonnull (won);
  g_assert_nonnull (weighted);
  g_assert_nonnull (visits);
  g_assert_true (gtk_widget_get_focusable (won));
  this_year (&from, &to);
  n_won = count_deals (f, KAM_STAGE_CLOSED_WON, FALSE, from, to);
  n_open = count_deals (f, -1, TRUE, from, to);
  g_assert_cmpuint (n_won, >, 0);
  g_assert_cmpuint (n_open, >, 0);
  kam_test_screenshot (GTK_WIDGET (f->window), "drill-dashboard-1280x800.png");

  g_assert_true (gtk_widget_activate (won));
  assert_pipeline_list (f, n_won);
  kam_test_screenshot (GTK_WIDGET (f->window), "drill-won-1280x800.png");

  shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW);
  g_assert_true (gtk_widget_activate (weighted));
  assert_pipeline_list (f, n_open);

  /* the visits tile: the visits done this year up to today, by the visit
   * plan's compliance; it opens the Visit Plan */
  shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    GtkWidget *value = kam_test_find_descendant (visits, GTK_TYPE_LABEL, "tile-value");
    g_autofree char *text = NULL;
    KamCompliance compliance = { 0 };
    GDate first, today;
    guint done = 0;

    g_date_clear (&first, 1);
    g_date_clear (&today, 1);
    g_date_set_dmy (&first, 1, 1, g_date_time_get_year (now));
    g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
    g_assert_true (kam_visit_plan_compliance (f->store, NULL, &first, &today, NULL, &compliance, NULL));
    for (int t = 0; t < KAM_N_TIERS; t++)
      done += compliance.tiers[t].done;
    kam_compliance_clear (&compliance);
    g_assert_cmpuint (done, >, 0);
    text = g_strdup_printf ("%u", done);
    g_assert_nonnull (value);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (value)), ==, text);
  }
  g_assert_true (gtk_widget_activate (visits));
  kam_test_wait_ms (400);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "visits");

  /* a visits target with an owner shows that member's visits */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) members = kam_store_load_all (f->store, &kam_member_kind, &error);
    KamRecord *member;
    GtkDropDown *owner_dropdown;
    g_autofree char *target = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (members->len, >, 0);
    member = g_ptr_array_index (members, 0);
    target = g_strdup_printf ("visits:owner=%s;period=%s", kam_record_get_id (member), from);
    target[strlen (target) - strlen ("-01-01")] = '\0';   /* the year */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.drill-down", "s", target));
    kam_test_wait_ms (100);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "visits");
    owner_dropdown = GTK_DROP_DOWN (kam_test_find_descendant (kam_test_find_descendant (GTK_WIDGET (f->window),
                                                                                         KAM_TYPE_VISITS_VIEW, NULL),
                                                              GTK_TYPE_DROP_DOWN, NULL));
    g_assert_nonnull (owner_dropdown);
    g_assert_cmpuint (gtk_drop_down_get_selected (owner_dropdown), >, 0);   /* not "Everyone" */
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (owner_dropdown)), ==,
                     kam_record_get_string (member, "name"));
  }

  /* a portfolio (a review of one owner): the deals of that member's
   * accounts, counted here from the accounts, and the owner filter says so */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) members = kam_store_load_all (f->store, &kam_member_kind, &error);
    g_autoptr(GPtrArray) deals = kam_store_load_all (f->store, &kam_opportunity_kind, &error);
    g_autofree char *target = NULL;
    g_autofree char *expected_label = NULL;
    KamRecord *member = g_ptr_array_index (members, 0);
    GtkDropDown *owner_filter;
    guint expected = 0;

    for (guint i = 0; i < deals->len; i++)
      {
        g_autoptr(KamRecord) account = kam_store_load (f->store, &kam_account_kind,
                                                       kam_record_get_string (g_ptr_array_index (deals, i), "account_id"),
                                                       &error);

        g_assert_no_error (error);
        if (g_strcmp0 (kam_record_get_string (account, "owner_id"), kam_record_get_id (member)) == 0)
          expected++;
      }
    g_assert_cmpuint (expected, >, 0);
    target = g_strdup_printf ("opportunities:portfolio=%s", kam_record_get_id (member));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.drill-down", "s", target));
    assert_pipeline_list (f, expected);
    owner_filter = GTK_DROP_DOWN (kam_test_find_descendant (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN, "owner-filter"));
    g_assert_nonnull (owner_filter);
    expected_label = g_strdup_printf (_("Accounts of %s"), kam_record_get_string (member, "name"));
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (owner_filter)), ==, expected_label);
  }
}

/* The tile "Red contact maps" counts the accounts whose contact map is red
 * (the whole team, then one owner's) and opens the Accounts view on
 * exactly those. */
static void
test_red_maps_tile (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dashboard;
  GtkWidget *tile;
  GtkWidget *value;
  GtkDropDown *owner_filter;
  GListModel *members = kam_context_get_members (f->context);
  g_autoptr(GHashTable) red = NULL;
  g_autoptr(GHashTable) owner_red = NULL;
  g_autofree char *text = NULL;
  guint owner;

  /* new accounts without contacts: red maps, two of the first member's
   * and one of nobody's (the generated ones may have none) */
  g_assert_cmpuint (g_list_model_get_n_items (members), >=, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KamRecord) member = g_list_model_get_item (members, 0);
      g_autoptr(KamRecord) account = kam_record_new (&kam_account_kind);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Unmapped %u", i);

      kam_record_set_from_string (account, "name", name, &error);
      g_assert_no_error (error);
      if (i < 2)
        kam_record_set_from_string (account, "owner_id", kam_record_get_id (member), &error);
      g_assert_no_error (error);
      g_assert_true (kam_store_save (f->store, account, &error));
      g_assert_no_error (error);
    }

  dashboard = shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW);
  tile = kam_test_find_descendant (dashboard, GTK_TYPE_BUTTON, "tile-red-maps");
  value = tile != NULL ? kam_test_find_descendant (tile, GTK_TYPE_LABEL, "tile-value") : NULL;
  owner_filter = GTK_DROP_DOWN (kam_test_find_descendant (dashboard, GTK_TYPE_DROP_DOWN, NULL));
  red = red_map_accounts (f, NULL);

  g_assert_nonnull (tile);
  g_assert_nonnull (value);
  g_assert_nonnull (owner_filter);
  g_assert_cmpuint (g_hash_table_size (red), >=, 3);
  text = g_strdup_printf ("%u", g_hash_table_size (red));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (value)), ==, text);

  g_assert_true (gtk_widget_activate (tile));
  assert_accounts_list (f, red);
  kam_test_screenshot (GTK_WIDGET (f->window), "drill-red-maps-1280x800.png");

  /* the owner with the most red maps; his items follow "Everyone" in the
   * order of the context's members */
  owner = 0;
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(KamRecord) member = g_list_model_get_item (members, i);
      g_autoptr(GHashTable) ids = red_map_accounts (f, kam_record_get_id (member));

      if (owner_red == NULL || g_hash_table_size (ids) > g_hash_table_size (owner_red))
        {
          g_clear_pointer (&owner_red, g_hash_table_unref);
          owner_red = g_steal_pointer (&ids);
          owner = i + 1;
        }
    }
  g_assert_nonnull (owner_red);
  g_assert_cmpuint (g_hash_table_size (owner_red), >=, 2);
  g_assert_cmpuint (g_hash_table_size (owner_red), <, g_hash_table_size (red));

  shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW);
  gtk_drop_down_set_selected (owner_filter, owner);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_free (text);
  text = g_strdup_printf ("%u", g_hash_table_size (owner_red));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (value)), ==, text);
  g_assert_true (gtk_widget_activate (tile));
  assert_accounts_list (f, owner_red);
}

/* A click on the funnel's negotiation bar opens the list of the deals in
 * negotiation (the dashboard's funnel counts every deal, whatever its
 * close). */
static void
test_funnel_bar (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *dashboard = shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW);
  GtkWidget *chart = kam_test_find_descendant (dashboard, KAM_TYPE_CHART_WIDGET, NULL);
  const KamChartData *chart_data;
  int width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  KamChartLayout layout;
  KamChartStyle style;
  double x, y;
  guint32 rgb;
  const guint8 *pixels;

  g_assert_nonnull (chart);
  chart_data = kam_chart_widget_get_data (KAM_CHART_WIDGET (chart));
  g_assert_cmpint (chart_data->kind, ==, KAM_CHART_FUNNEL);
  kam_test_wait_frames (chart, 3);
  width = gtk_widget_get_width (chart);
  height = gtk_widget_get_height (chart);

  /* where the widget draws the bar: the chart drawn at its size, with its
   * style; the middle of the negotiation row must be the bar's colour */
  kam_chart_style_init (&style);
  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style.inset_right = 36;
  style.background = TRUE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  kam_chart_draw (cr, width, height, chart_data, &style, &layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  x = layout.plot.x + layout.plot.width / 2;
  y = layout.plot.y + layout.plot.height / 5 * (KAM_STAGE_NEGOTIATION + 0.5);
  pixels = cairo_image_surface_get_data (surface);
  rgb = ((const guint32 *) (gconstpointer) (pixels + (int) y * cairo_image_surface_get_stride (surface)))[(int) x] & 0xffffff;
  cairo_surface_destroy (surface);
  g_assert_cmphex (rgb, !=, kam_chart_color (KAM_CHART_COLOR_BACKGROUND, style.dark));

  click (chart, x, y);
  assert_pipeline_list (f, count_deals (f, KAM_STAGE_NEGOTIATION, FALSE, NULL, NULL));
  g_assert_cmpuint (count_deals (f, KAM_STAGE_NEGOTIATION, FALSE, NULL, NULL), >, 0);

  /* by keyboard: Home, two rows down (solution proposal), Enter */
  shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW);
  g_assert_true (gtk_widget_get_focusable (chart));
  g_assert_true (gtk_widget_grab_focus (chart));
  key (chart, GDK_KEY_Home);
  key (chart, GDK_KEY_Down);
  key (chart, GDK_KEY_Down);
  key (chart, GDK_KEY_Return);
  assert_pipeline_list (f, count_deals (f, KAM_STAGE_SOLUTION_PROPOSAL, FALSE, NULL, NULL));
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* In review mode, a click on a bar of the funnel slide leaves review mode;
 * the main window shows the deals of that stage closing in the review's
 * period. */
static void
test_review_chart (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  KamReviewSetup *setup;
  KamReviewWindow *review;
  KamReviewView *view;
  KamReviewDeck *deck;
  KamReviewStyle style;
  KamReviewHit hit;
  guint funnel = G_MAXUINT, expected;
  int stage;
  double width, height, x, y;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review", NULL));
  kam_test_wait_ms (100);
  setup = find_toplevel (KAM_TYPE_REVIEW_SETUP);
  g_assert_nonnull (setup);
  review = kam_review_setup_start (setup, &error);
  g_assert_no_error (error);
  g_assert_nonnull (review);
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  kam_test_wait_frames (GTK_WIDGET (review), 3);
  view = kam_review_window_get_view (review);
  deck = kam_review_view_get_deck (view);

  for (guint i = 0; i < deck->slides->len; i++)
    if (g_array_index (deck->slides, KamSlide, i).kind == KAM_SLIDE_FUNNEL)
      funnel = i;
  g_assert_cmpuint (funnel, <, deck->slides->len);
  number = g_strdup_printf ("%u", funnel + 1);
  for (const char *d = number; *d != '\0'; d++)
    g_assert_true (kam_review_window_press_key (review, GDK_KEY_0 + (*d - '0'), 0));
  g_assert_true (kam_review_window_press_key (review, GDK_KEY_Return, 0));
  g_assert_cmpuint (kam_review_window_get_index (review), ==, funnel);
  kam_test_wait_frames (GTK_WIDGET (review), 3);

  /* a stage with deals closing in the period (negotiation if it has some),
   * its bar found on the slide's middle line, then its centre */
  stage = KAM_STAGE_NEGOTIATION;
  for (int s = KAM_STAGE_CLOSED_WON; deck->stages[stage].count == 0 && s >= 0; s--)
    stage = s;
  g_assert_cmpint (deck->stages[stage].count, >, 0);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  kam_review_style_init (&style);
  x = width / 2;
  for (y = 0; y < height; y += 2)
    if (kam_review_slide_hit (deck, funnel, width, height, &style, x, y, &hit)
        && hit.kind == KAM_REVIEW_HIT_CHART && hit.chart.index == stage)
      break;
  g_assert_cmpfloat (y, <, height);
  g_assert_cmpint (hit.chart.kind, ==, KAM_CHART_FUNNEL);
  g_assert_cmpfloat (hit.chart.mark.width, >, 0);
  x = hit.rect.x + hit.chart.mark.x + hit.chart.mark.width / 2;
  y = hit.rect.y + hit.chart.mark.y + hit.chart.mark.height / 2;
  /* the point is on the bar drawn there */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
    cairo_t *cr = cairo_create (surface);
    const guint8 *pixels;
    guint32 rgb;

    kam_review_draw_slide (deck, funnel, cr, width, height, &style);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    pixels = cairo_image_surface_get_data (surface);
    rgb = ((const guint32 *) (gconstpointer) (pixels + (int) y * cairo_image_surface_get_stride (surface)))[(int) x]
          & 0xffffff;
    cairo_surface_destroy (surface);
    g_assert_cmphex (rgb, !=, kam_chart_color (KAM_CHART_COLOR_BACKGROUND, FALSE));
  }

  kam_period_get_bounds (&deck->period, &first, &last);
  expected = count_deals (f, stage, FALSE, first, last);
  g_assert_cmpuint (expected, ==, deck->stages[stage].count);

  click (GTK_WIDGET (view), x, y);
  /* the review window goes in an idle (slow under the sanitizers) */
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (review != NULL && g_get_monotonic_time () < end)
      kam_test_wait_ms (20);
  }
  kam_test_wait_ms (100);
  g_assert_null (review);
  g_assert_null (find_toplevel (KAM_TYPE_REVIEW_WINDOW));
  assert_pipeline_list (f, expected);
  kam_test_screenshot (GTK_WIDGET (f->window), "drill-review-funnel-1280x800.png");
}

/* The dashboard and the list a tile opens, at both sizes. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const struct { int w, h; } sizes[] = { { 1024, 768 }, { 1920, 1080 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *dashboard_name = g_strdup_printf ("drill-dashboard-%dx%d.png", sizes[s].w, sizes[s].h);
      g_autofree char *list_name = g_strdup_printf ("drill-pipeline-list-%dx%d.png", sizes[s].w, sizes[s].h);
      GtkWidget *dashboard, *tile;

      gtk_window_set_default_size (GTK_WINDOW (f->window), sizes[s].w, sizes[s].h);
      kam_test_wait_for_width (GTK_WIDGET (f->window), sizes[s].w);
      dashboard = shown_view (f, "dashboard", KAM_TYPE_DASHBOARD_VIEW);
      kam_test_screenshot (GTK_WIDGET (f->window), dashboard_name);
      tile = kam_test_find_descendant (dashboard, GTK_TYPE_BUTTON, "tile-weighted");
      g_assert_true (gtk_widget_activate (tile));
      kam_test_wait_ms (400);
      kam_test_wait_frames (GTK_WIDGET (f->window), 3);
      kam_test_screenshot (GTK_WIDGET (f->window), list_name);
    }
}

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);

  g_test_add ("/kam/gui/drill/tiles", Fixture, NULL, fixture_setup, test_tiles, fixture_teardown);
  g_test_add ("/kam/gui/drill/red-maps-tile", Fixture, NULL, fixture_setup, test_red_maps_tile, fixture_teardown);
  g_test_add ("/kam/gui/drill/funnel-bar", Fixture, NULL, fixture_setup, test_funnel_bar, fixture_teardown);
  g_test_add ("/kam/gui/drill/review-chart", Fixture, NULL, fixture_setup, test_review_chart, fixture_teardown);
  g_test_add ("/kam/gui/drill/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);

  return g_test_run ();
}
