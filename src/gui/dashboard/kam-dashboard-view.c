/* kam-dashboard-view.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures of a period (this year, this quarter, last year) for the
 * team or one owner: revenue won against the target, the weighted open
 * pipeline, its coverage of what is left to win, the win rate, the visits
 * done against the accounts due (the visit plan's compliance); then the
 * four pipeline charts, each exportable to PNG, SVG or PDF.  The
 * aggregates are read once per store change (kam-pipeline.c), outside the
 * charts' snapshot.
 *
 * Every tile is a button and every chart element clickable: each opens the
 * records behind it through win.drill-down (kam-drill.h).
 */
#define G_LOG_DOMAIN "kam-dashboard-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kam-chart-widget.h"
#include "kam-drill.h"
#include "kam-dashboard-view.h"
#include "kam-model.h"
#include "kam-visit-plan.h"

enum { TILE_WON, TILE_WEIGHTED, TILE_COVERAGE, TILE_WIN_RATE, TILE_VISITS, TILE_RED_MAPS, N_TILES };
enum { PERIOD_THIS_YEAR, PERIOD_THIS_QUARTER, PERIOD_LAST_YEAR };
enum { CHART_FUNNEL, CHART_FORECAST, CHART_WIN_RATE, CHART_PARETO, N_CHARTS };

typedef struct {
  GtkWidget *button;
  GtkWidget *title;
  GtkWidget *value;
  GtkWidget *detail;
} Tile;

struct _KamDashboardView
{
  AdwBin               parent_instance;

  KamContext          *context;
  GtkDropDown         *owner_filter;
  GtkDropDown         *period_filter;
  GPtrArray           *owner_ids;   /* of the owner filter's items after "Everyone" */
  const char          *owner_id;    /* of the figures shown: NULL, or in owner_ids */
  KamPeriod            period;
  Tile                 tiles[N_TILES];
  GtkWidget           *charts[N_CHARTS];
  guint                refresh_id;

  KamStageTotals       stages[KAM_N_STAGES];
  KamPipelineForecast  forecast;
  KamPipelineWinRates  win_rates;
  KamPareto            pareto;
};

G_DEFINE_FINAL_TYPE (KamDashboardView, kam_dashboard_view, ADW_TYPE_BIN)

static char *
money (KamDashboardView *self,
       double            amount)
{
  return kam_context_format_money (self->context, amount, "CNY");
}

/* A drill-down target of the figures' owner and period (kam-drill.h). */
static char *
target_string (KamDashboardView *self,
               KamDrillView      view,
               int               stage,
               KamPipelineStatus status,
               const KamPeriod  *period)
{
  KamDrillTarget target;

  kam_drill_target_init (&target, view);
  target.owner_id = (char *) self->owner_id;
  target.stage = stage;
  target.status = status;
  target.has_period = period != NULL;
  if (period != NULL)
    target.period = *period;
  return kam_drill_target_to_string (&target);
}

static void
set_tile (Tile       *tile,
          const char *value,
          const char *detail,
          const char *target)
{
  /* TRANSLATORS: a label and its value, as "Win rate: 42 %" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), gtk_label_get_text (GTK_LABEL (tile->title)), value);

  gtk_label_set_text (GTK_LABEL (tile->value), value);
  gtk_label_set_text (GTK_LABEL (tile->detail), detail);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (tile->button), g_variant_new_string (target));
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile->button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail, -1);
}

static void
refresh (KamDashboardView *self)
{
  KamStore *store;
  KamPipelineFilter filter;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KamPeriod period = { g_date_time_get_year (now), 1, 12 };
  g_autofree char *won = NULL;
  g_autofree char *target = NULL;
  g_autofree char *weighted = NULL;
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *target_won = NULL;
  g_autofree char *target_open = NULL;
  g_autofree char *target_closed = NULL;
  g_autofree char *target_visits = NULL;
  double remaining;
  const KamChartData data[N_CHARTS] = {
    { .kind = KAM_CHART_FUNNEL, .stages = self->stages },
    { .kind = KAM_CHART_FORECAST, .forecast = &self->forecast },
    { .kind = KAM_CHART_WIN_RATE, .win_rates = &self->win_rates },
    { .kind = KAM_CHART_PARETO, .pareto = &self->pareto },
  };

  guint owner = gtk_drop_down_get_selected (self->owner_filter);

  if (self->context == NULL)
    return;
  store = kam_context_get_store (self->context);
  kam_pipeline_filter_init (&filter);
  if (owner > 0 && owner != GTK_INVALID_LIST_POSITION && owner <= self->owner_ids->len)
    filter.owner_id = g_ptr_array_index (self->owner_ids, owner - 1);
  self->owner_id = filter.owner_id;
  switch (gtk_drop_down_get_selected (self->period_filter))
    {
    case PERIOD_THIS_QUARTER:
      period.month = (g_date_time_get_month (now) - 1) / 3 * 3 + 1;
      period.n_months = 3;
      break;
    case PERIOD_LAST_YEAR:
      period.year--;
      break;
    default:
      break;
    }
  self->period = period;
  kam_pareto_clear (&self->pareto);

  /* a failed read shows as "No data"; the store reports its errors itself */
  if (!kam_pipeline_stage_totals (store, &filter, self->stages, NULL))
    memset (self->stages, 0, sizeof self->stages);
  if (!kam_pipeline_forecast (store, &filter, &period, &self->forecast, NULL))
    memset (&self->forecast, 0, sizeof self->forecast);
  if (!kam_pipeline_win_rates (store, &filter, &period, &self->win_rates, NULL))
    memset (&self->win_rates, 0, sizeof self->win_rates);
  if (!kam_pipeline_pareto (store, &filter, &self->pareto, NULL))
    memset (&self->pareto, 0, sizeof self->pareto);

  won = money (self, self->forecast.won);
  target = money (self, self->forecast.target);
  weighted = money (self, self->forecast.weighted);

  detail = self->forecast.target > 0
    ? g_strdup_printf (_("%.0f%% of the target %s"), 100 * self->forecast.won / self->forecast.target, target)
    : g_strdup (_("No target set for this period"));
  target_won = target_string (self, KAM_DRILL_OPPORTUNITIES, KAM_STAGE_CLOSED_WON, KAM_PIPELINE_ANY, &period);
  target_open = target_string (self, KAM_DRILL_OPPORTUNITIES, -1, KAM_PIPELINE_OPEN, &period);
  target_closed = target_string (self, KAM_DRILL_OPPORTUNITIES, -1, KAM_PIPELINE_CLOSED, &period);
  target_visits = target_string (self, KAM_DRILL_VISITS, -1, KAM_PIPELINE_ANY, &period);
  set_tile (&self->tiles[TILE_WON], won, detail, target_won);
  g_clear_pointer (&detail, g_free);

  detail = g_strdup (_("Open deals expected to close in the period"));
  set_tile (&self->tiles[TILE_WEIGHTED], weighted, detail, target_open);
  g_clear_pointer (&detail, g_free);

  remaining = self->forecast.target - self->forecast.won;
  if (self->forecast.target <= 0)
    {
      value = g_strdup ("—");
      detail = g_strdup (_("No target set for this period"));
    }
  else if (remaining <= 0)
    {
      value = g_strdup (_("Reached"));
      detail = g_strdup (_("The target is won already"));
    }
  else
    {
      g_autofree char *left = money (self, remaining);

      double ratio = self->forecast.weighted / remaining;

      value = g_strdup_printf (ratio < 1 ? "%.2f×" : "%.1f×", ratio);
      detail = g_strdup_printf (_("Weighted pipeline over the %s left to win"), left);
    }
  set_tile (&self->tiles[TILE_COVERAGE], value, detail, target_open);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&detail, g_free);

  if (self->win_rates.total.rate >= 0 && self->win_rates.total.won_count + self->win_rates.total.lost_count > 0)
    {
      value = g_strdup_printf ("%.0f%%", 100 * self->win_rates.total.rate);
      detail = g_strdup_printf (_("%d won of %d closed in the period"), self->win_rates.total.won_count,
                                self->win_rates.total.won_count + self->win_rates.total.lost_count);
    }
  else
    {
      value = g_strdup ("—");
      detail = g_strdup (_("No deal closed in the period"));
    }
  set_tile (&self->tiles[TILE_WIN_RATE], value, detail, target_closed);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&detail, g_free);

  /* visits done against the accounts due in the period up to today (the
   * visit plan's compliance), accounts whose contact map is red */
  {
    g_autoptr(GPtrArray) coverage = NULL;
    g_autoptr(GPtrArray) red_ids = g_ptr_array_new ();   /* borrowed from coverage */
    g_autofree char *target_red = NULL;
    KamDrillTarget red_target;
    g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                            g_date_time_get_year (now));
    KamCompliance compliance = { 0 };
    guint red = 0, done = 0, due = 0, kept = 0;
    int last_year, last_month;
    GDate from, to;

    kam_period_month (&period, period.n_months - 1, &last_year, &last_month);
    g_date_clear (&from, 1);
    g_date_clear (&to, 1);
    g_date_set_dmy (&from, 1, period.month, period.year);
    g_date_set_dmy (&to, g_date_get_days_in_month (last_month, last_year), last_month, last_year);
    if (g_date_compare (today, &to) < 0)
      to = *today;
    if (g_date_compare (&to, &from) < 0)
      to = from;
    if (kam_visit_plan_compliance (store, filter.owner_id, &from, &to, NULL, &compliance, NULL))
      for (int t = 0; t < KAM_N_TIERS; t++)
        {
          done += compliance.tiers[t].done;
          due += compliance.tiers[t].due;
          kept += compliance.tiers[t].kept;
        }
    kam_compliance_clear (&compliance);
    value = g_strdup_printf ("%u", done);
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u account due was visited",
                                           "%u of %u accounts due were visited", due), kept, due);
    set_tile (&self->tiles[TILE_VISITS], value, detail, target_visits);
    g_clear_pointer (&value, g_free);
    g_clear_pointer (&detail, g_free);

    /* the owner's red maps: the Accounts view's query (kam-list.h) over
     * the ids of the red ones, which the tile opens (accounts:map=red) */
    coverage = kam_insights_coverage (store, NULL, today, NULL);
    for (guint i = 0; coverage != NULL && i < coverage->len; i++)
      {
        KamAccountCoverage *item = g_ptr_array_index (coverage, i);

        if (item->coverage.status == KAM_COVERAGE_RED)
          g_ptr_array_add (red_ids, item->account_id);
      }
    red = red_ids->len;
    g_ptr_array_add (red_ids, NULL);
    if (self->owner_id != NULL && red > 0)
      {
        g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);
        g_autoptr(KamRecordList) list = NULL;

        kam_query_set_owner (query, self->owner_id);
        kam_query_set_ids (query, (const char * const *) red_ids->pdata);
        list = kam_record_list_new (store, query);
        red = g_list_model_get_n_items (G_LIST_MODEL (list));
      }
    value = g_strdup_printf ("%u", red);
    detail = g_strdup (self->owner_id != NULL ? _("no supportive key player")
                                              : _("no supportive key player (whole team)"));
    kam_drill_target_init (&red_target, KAM_DRILL_ACCOUNTS);
    red_target.owner_id = (char *) self->owner_id;
    red_target.map = KAM_COVERAGE_RED;
    target_red = kam_drill_target_to_string (&red_target);
    set_tile (&self->tiles[TILE_RED_MAPS], value, detail, target_red);
  }

  for (int i = 0; i < N_CHARTS; i++)
    kam_chart_widget_set_data (KAM_CHART_WIDGET (self->charts[i]), &data[i]);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  KamDashboardView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (KamStore         *store,
                  guint             flags,
                  KamDashboardView *self)
{
  if ((flags & (KAM_CHANGE_OPPORTUNITY | KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT | KAM_CHANGE_VISIT
                | KAM_CHANGE_SETTINGS)) != 0 && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

/* Export ------------------------------------------------------------------ */

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    KamChartWidget  *chart)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  KamChartStyle style;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
      kam_chart_style_init (&style);
      if (path != NULL && !kam_chart_export (kam_chart_widget_get_data (chart), &style, path, 1600, 1000, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (chart))),
                                                      _("The chart could not be exported"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (GtkButton      *button,
                   KamChartWidget *chart)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("%s.png", kam_chart_kind_to_string (kam_chart_widget_get_data (chart)->kind));

  chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), chart, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Building ---------------------------------------------------------------- */

/* A tile: a button (its title and value are its accessible name) that
 * opens the records behind its figure. */
static GtkWidget *
tile_new (Tile       *tile,
          const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  tile->button = gtk_button_new ();
  gtk_widget_add_css_class (tile->button, "card");
  gtk_widget_add_css_class (tile->button, "kam-tile");
  gtk_widget_set_hexpand (tile->button, TRUE);
  gtk_widget_set_tooltip_text (tile->button, _("Show the records behind this figure"));
  /* the target is set with the figures (set_tile()) */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (tile->button), g_variant_new_string ("opportunities"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (tile->button), "win.drill-down");
  tile->title = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (tile->title), 0);
  gtk_widget_add_css_class (tile->title, "dim-label");
  gtk_widget_add_css_class (tile->title, "caption-heading");
  tile->value = gtk_label_new ("");
  gtk_widget_set_name (tile->value, "tile-value");
  gtk_label_set_xalign (GTK_LABEL (tile->value), 0);
  gtk_widget_add_css_class (tile->value, "title-1");
  gtk_widget_add_css_class (tile->value, "numeric");
  tile->detail = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (tile->detail), 0);
  gtk_label_set_wrap (GTK_LABEL (tile->detail), TRUE);
  gtk_widget_add_css_class (tile->detail, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), tile->title);
  gtk_box_append (GTK_BOX (box), tile->value);
  gtk_box_append (GTK_BOX (box), tile->detail);
  gtk_button_set_child (GTK_BUTTON (tile->button), box);
  return tile->button;
}

/* The records behind a chart's element (kam-drill.h). */
static char *
chart_target (KamDashboardView  *self,
              const KamChartData *data,
              const KamChartHit  *hit)
{
  KamPeriod bucket = self->period;

  switch (data->kind)
    {
    case KAM_CHART_FUNNEL:
      /* the funnel counts every deal of the owner, whatever its close */
      return target_string (self, KAM_DRILL_OPPORTUNITIES, hit->index, KAM_PIPELINE_ANY, NULL);
    case KAM_CHART_FORECAST:
    case KAM_CHART_FORECAST_QUARTERS:
    case KAM_CHART_WIN_RATE:
      {
        gboolean months = data->kind == KAM_CHART_FORECAST;
        const KamForecastBucket *b = months ? &self->forecast.months[hit->index]
                                            : &self->forecast.quarters[MIN (hit->index, KAM_PERIOD_MAX_QUARTERS - 1)];
        gboolean won;

        kam_period_month (&self->period, months ? hit->index : 3 * hit->index, &bucket.year, &bucket.month);
        bucket.n_months = months ? 1 : MIN (3, self->period.n_months - 3 * hit->index);
        if (data->kind == KAM_CHART_WIN_RATE)
          return target_string (self, KAM_DRILL_OPPORTUNITIES, -1, KAM_PIPELINE_CLOSED, &bucket);
        /* the bar clicked; off the bars, the part there is */
        won = hit->part == KAM_CHART_PART_WON
              || (hit->part == KAM_CHART_PART_NONE && b->won > 0 && !(b->weighted_open > 0));
        return won ? target_string (self, KAM_DRILL_OPPORTUNITIES, KAM_STAGE_CLOSED_WON, KAM_PIPELINE_ANY, &bucket)
                   : target_string (self, KAM_DRILL_OPPORTUNITIES, -1, KAM_PIPELINE_OPEN, &bucket);
      }
    case KAM_CHART_PARETO:
      {
        KamDrillTarget target;

        kam_drill_target_init (&target, KAM_DRILL_ACCOUNTS);
        target.id = g_array_index (self->pareto.entries, KamParetoEntry, hit->index).account_id;
        return kam_drill_target_to_string (&target);
      }
    default:
      return NULL;
    }
}

static void
element_activated_cb (KamChartWidget    *chart,
                      const KamChartHit *hit,
                      KamDashboardView  *self)
{
  g_autofree char *target = chart_target (self, kam_chart_widget_get_data (chart), hit);

  if (target != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.drill-down", "s", target);
}

static GtkWidget *
chart_card_new (GtkWidget *chart)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("document-save-symbolic");

  gtk_widget_add_css_class (overlay, "card");
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), chart);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_end (button, 6);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_tooltip_text (button, _("Export as PNG, SVG or PDF"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export Chart"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (export_clicked_cb), chart, 0);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), button);
  return overlay;
}

static void
filters_changed_cb (KamDashboardView *self)
{
  refresh (self);
}

static void
kam_dashboard_view_dispose (GObject *object)
{
  KamDashboardView *self = KAM_DASHBOARD_VIEW (object);

  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (kam_context_get_store (self->context), self);
  g_clear_object (&self->context);
  kam_pareto_clear (&self->pareto);
  G_OBJECT_CLASS (kam_dashboard_view_parent_class)->dispose (object);
}

static void
kam_dashboard_view_class_init (KamDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_dashboard_view_dispose;
  gtk_widget_class_set_css_name (widget_class, "kam-dashboard-view");
}

static void
kam_dashboard_view_init (KamDashboardView *self)
{
  const char *titles[N_TILES] = {
    N_("Won"), N_("Weighted pipeline"), N_("Pipeline coverage"), N_("Win rate"), N_("Visits done"),
    N_("Red contact maps"),
  };
  const char *tile_names[N_TILES] = { "tile-won", "tile-weighted", "tile-coverage", "tile-win-rate", "tile-visits",
                                      "tile-red-maps" };
  const char *periods[] = { N_("This year"), N_("This quarter"), N_("Last year") };
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) period_list = gtk_string_list_new (NULL);
  GtkWidget *toolbar, *label;
  const KamChartKind kinds[N_CHARTS] = { KAM_CHART_FUNNEL, KAM_CHART_FORECAST, KAM_CHART_WIN_RATE, KAM_CHART_PARETO };
  GtkWidget *scrolled, *clamp, *box, *tiles, *grid;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  label = gtk_label_new (_("Owner"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_string_list_append (owners, _("Everyone"));
  self->owner_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&owners)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->owner_filter), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Owner"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    gtk_string_list_append (period_list, _(periods[i]));
  self->period_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&period_list)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_filter), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  g_signal_connect_swapped (self->owner_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->period_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  gtk_box_append (GTK_BOX (toolbar), label);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->owner_filter));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->period_filter));
  gtk_box_append (GTK_BOX (box), toolbar);

  /* three tiles a line when narrow, six when wide */
  tiles = gtk_flow_box_new ();
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (tiles), TRUE);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (tiles), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (tiles), 3);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (tiles), N_TILES);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (tiles), 12);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (tiles), 12);
  for (int i = 0; i < N_TILES; i++)
    {
      GtkWidget *tile = tile_new (&self->tiles[i], _(titles[i]));

      gtk_widget_set_name (tile, tile_names[i]);
      gtk_flow_box_append (GTK_FLOW_BOX (tiles), tile);
      gtk_widget_set_focusable (gtk_widget_get_parent (tile), FALSE);
    }
  gtk_box_append (GTK_BOX (box), tiles);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (int i = 0; i < N_CHARTS; i++)
    {
      KamChartData data = { .kind = kinds[i] };

      self->charts[i] = kam_chart_widget_new (&data);
      gtk_widget_set_cursor_from_name (self->charts[i], "pointer");
      g_signal_connect_object (self->charts[i], "element-activated", G_CALLBACK (element_activated_cb), self, 0);
      gtk_grid_attach (GTK_GRID (grid), chart_card_new (self->charts[i]), i % 2, i / 2, 1, 1);
    }
  gtk_widget_set_vexpand (grid, TRUE);
  gtk_box_append (GTK_BOX (box), grid);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1600);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

void
kam_dashboard_view_set_context (KamDashboardView *self,
                                KamContext       *context)
{
  g_return_if_fail (KAM_IS_DASHBOARD_VIEW (self));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (kam_context_get_store (self->context), self);
  g_set_object (&self->context, context);
  if (context == NULL)
    return;

  {
    g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
    GListModel *members = kam_context_get_members (context);

    gtk_string_list_append (owners, _("Everyone"));
    g_ptr_array_set_size (self->owner_ids, 0);
    for (guint i = 0; i < g_list_model_get_n_items (members); i++)
      {
        g_autoptr(KamRecord) member = g_list_model_get_item (members, i);

        gtk_string_list_append (owners, kam_record_get_string (member, "name"));
        g_ptr_array_add (self->owner_ids, g_strdup (kam_record_get_id (member)));
      }
    g_signal_handlers_block_by_func (self->owner_filter, filters_changed_cb, self);
    gtk_drop_down_set_model (self->owner_filter, G_LIST_MODEL (owners));
    gtk_drop_down_set_selected (self->owner_filter, 0);
    g_signal_handlers_unblock_by_func (self->owner_filter, filters_changed_cb, self);
  }
  g_signal_connect_object (kam_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self, 0);
  refresh (self);
}

const KamPipelineForecast *
kam_dashboard_view_get_forecast (KamDashboardView *self)
{
  g_return_val_if_fail (KAM_IS_DASHBOARD_VIEW (self), NULL);
  return &self->forecast;
}
