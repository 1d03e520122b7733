/* kam-accounts-view.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-accounts-view"

/* rows of the first frame: a 4K screen's worth */
#define FIRST_ROWS 48

#include "config.h"

#include <glib/gi18n.h>

#include "kam-account-page.h"
#include "kam-accounts-view.h"
#include "kam-list.h"
#include "kam-window.h"

struct _KamAccountsView
{
  AdwBin              parent_instance;

  KamContext         *context;
  KamQuery           *query;
  KamRecordList      *list;
  GtkSingleSelection *selection;
  GObject            *probe_a;
  GObject            *probe_b;
  const char         *probe_field;   /* set by the column sorters while probing */
  int                 this_year;
  guint               refilter_id;
  GPtrArray          *coverage;        /* of every account, for the map filter; NULL when stale */
  GPtrArray          *map_ids[KAM_COVERAGE_GREEN + 1];  /* by status: NULL-terminated ids in coverage */
  guint               open_first_id;   /* fills the page after the first frame */
  GtkSliceListModel  *slice;           /* the list's first rows until then */

  /* template */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkSearchEntry     *filter_entry;
  GtkDropDown        *tier_filter;
  GtkDropDown        *industry_filter;
  GtkDropDown        *region_filter;
  GtkDropDown        *owner_filter;
  GtkDropDown        *map_filter;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  KamAccountPage     *account_page;
};

G_DEFINE_FINAL_TYPE (KamAccountsView, kam_accounts_view, ADW_TYPE_BIN)

static void show_all_rows (KamAccountsView *self);

/* Cells ------------------------------------------------------------------- */

typedef enum {
  COL_NAME,
  COL_TIER,
  COL_INDUSTRY,
  COL_OWNER,
  COL_REVENUE,
  COL_SHARE,
  COL_COVERAGE,
  COL_LAST_VISIT,
  N_COLUMNS
} Column;

typedef struct {
  const char *title;
  const char *sort_field;
  gboolean    expand;
  gboolean    numeric;
} ColumnInfo;

static const ColumnInfo columns[N_COLUMNS] = {
  [COL_NAME] = { N_("Name"), "name", TRUE, FALSE },
  [COL_TIER] = { N_("Tier"), "tier", FALSE, FALSE },
  [COL_INDUSTRY] = { N_("Industry"), "industry", FALSE, FALSE },
  [COL_OWNER] = { N_("Owner"), "owner_id", FALSE, FALSE },
  [COL_REVENUE] = { N_("Revenue vs Target"), "revenue_this_year", FALSE, TRUE },
  [COL_SHARE] = { N_("Share of Wallet"), "share_of_wallet", FALSE, TRUE },
  [COL_COVERAGE] = { N_("Coverage"), "tier", FALSE, FALSE },
  [COL_LAST_VISIT] = { N_("Last Visit"), "last_visit", FALSE, TRUE },
};

typedef struct {
  KamAccountsView *view;
  Column           column;
} ColumnData;

/* Cells ask for their tooltip when it is about to show.  In GTK 4.8,
 * gtk_widget_set_tooltip_text() on a visible widget queries the pointer
 * from the display server (two round trips), which for every cell bound
 * would cost the first frame tens of milliseconds.  The text is a static,
 * translated string. */
static gboolean
cell_query_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "kam-tooltip");

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
watch_cell_tooltip (GtkWidget *widget)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
}

static void
set_cell_tooltip (GtkWidget  *widget,
                  const char *static_text)
{
  g_object_set_data (G_OBJECT (widget), "kam-tooltip", (gpointer) static_text);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), columns[data->column].numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (columns[data->column].numeric)
    {
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_hexpand (label, TRUE);
    }

  switch (data->column)
    {
    case COL_NAME:
      {
        GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        GtkWidget *sub = gtk_label_new (NULL);

        gtk_label_set_xalign (GTK_LABEL (sub), 0.0);
        gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
        gtk_widget_add_css_class (sub, "dim-label");
        gtk_widget_add_css_class (sub, "caption");
        gtk_box_append (GTK_BOX (vbox), label);
        gtk_box_append (GTK_BOX (vbox), sub);
        gtk_widget_set_size_request (vbox, 220, -1);
        gtk_widget_set_valign (vbox, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (box, "account-name-cell");
        gtk_box_append (GTK_BOX (box), vbox);
        gtk_list_item_set_child (item, box);
        return;
      }
    case COL_TIER:
      watch_cell_tooltip (label);
      gtk_widget_add_css_class (label, "tier-badge");
      gtk_widget_set_halign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (box, TRUE);
      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      break;
    case COL_COVERAGE:
      {
        GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

        gtk_widget_add_css_class (dot, "coverage-dot");
        gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
        gtk_box_append (GTK_BOX (box), dot);
        watch_cell_tooltip (box);
      }
      break;
    case COL_INDUSTRY:
    case COL_OWNER:
    case COL_REVENUE:
    case COL_SHARE:
    case COL_LAST_VISIT:
    case N_COLUMNS:
    default:
      break;
    }

  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static GtkWidget *
nth_child (GtkWidget *widget,
           guint      n)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  while (child != NULL && n-- > 0)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  KamAccountsView *self = data->view;
  KamRecord *account = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autofree char *text = NULL;

  if (account == NULL)
    return;

  switch (data->column)
    {
    case COL_NAME:
      {
        GtkWidget *vbox = gtk_widget_get_first_child (box);
        const char *local = kam_record_get_string (account, "local_name");

        const char *name = kam_record_get_string (account, "name");
        gboolean chinese_first = local != NULL && *local != '\0' && kam_context_reads_chinese ();

        /* People reading Chinese know their customers by the Chinese name. */
        gtk_label_set_text (GTK_LABEL (nth_child (vbox, 0)), chinese_first ? local : name);
        gtk_label_set_text (GTK_LABEL (nth_child (vbox, 1)), chinese_first ? name : local);
        gtk_widget_set_visible (nth_child (vbox, 1), local != NULL && *local != '\0');
      }
      return;

    case COL_TIER:
      {
        KamTier tier = kam_record_get_int (account, "tier");
        const char *pinned = kam_record_get_string (account, "tier_pinned");

        gtk_widget_remove_css_class (label, "tier-a");
        gtk_widget_remove_css_class (label, "tier-b");
        gtk_widget_remove_css_class (label, "tier-c");
        gtk_widget_add_css_class (label, tier == KAM_TIER_A ? "tier-a" : tier == KAM_TIER_B ? "tier-b" : "tier-c");
        gtk_label_set_text (GTK_LABEL (label), kam_enum_to_string (KAM_TYPE_TIER, tier));
        set_cell_tooltip (label, pinned && *pinned ? _("Tier pinned by hand") : _("Tier from revenue (ABC)"));
      }
      return;

    case COL_INDUSTRY:
      gtk_label_set_text (GTK_LABEL (label), kam_industry_label (kam_record_get_string (account, "industry")));
      return;

    case COL_OWNER:
      gtk_label_set_text (GTK_LABEL (label),
                          kam_context_get_member_name (self->context, kam_record_get_string (account, "owner_id")));
      return;

    case COL_REVENUE:
      {
        double revenue = kam_record_get_double (account, "revenue_this_year");
        double target = kam_account_get_target (KAM_ACCOUNT (account), self->this_year);
        g_autofree char *money = kam_context_format_money (self->context, revenue,
                                                           kam_record_get_string (account, "currency"));

        if (target > 0)
          text = g_strdup_printf (_("%s · %.0f%%"), money, 100.0 * revenue / target);
        else
          text = g_strdup (money);
        gtk_label_set_text (GTK_LABEL (label), text);
      }
      return;

    case COL_SHARE:
      text = g_strdup_printf ("%.0f%%", kam_record_get_double (account, "share_of_wallet"));
      gtk_label_set_text (GTK_LABEL (label), text);
      return;

    case COL_COVERAGE:
      {
        const KamAccountCoverage *coverage = kam_context_get_coverage (self->context, kam_record_get_id (account));
        GtkWidget *dot = gtk_widget_get_first_child (box);

        gtk_widget_remove_css_class (dot, "red");
        gtk_widget_remove_css_class (dot, "amber");
        gtk_widget_remove_css_class (dot, "green");
        if (coverage == NULL)
          {
            set_cell_tooltip (box, NULL);
            gtk_label_set_text (GTK_LABEL (label), "");
            return;
          }
        gtk_widget_add_css_class (dot, coverage->coverage.status == KAM_COVERAGE_GREEN ? "green"
                                       : coverage->coverage.status == KAM_COVERAGE_AMBER ? "amber" : "red");
        text = g_strdup_printf ("%d", coverage->coverage.score);
        gtk_label_set_text (GTK_LABEL (label), text);
        set_cell_tooltip (box, kam_coverage_status_describe (coverage->coverage.status));
      }
      return;

    case COL_LAST_VISIT:
      {
        int days;

        if (!kam_context_days_since (kam_record_get_string (account, "last_visit"), &days))
          text = g_strdup (_("Never"));
        else if (days <= 0)   /* today, or a visit marked done ahead of time */
          text = g_strdup (_("Today"));
        else
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
        gtk_label_set_text (GTK_LABEL (label), text);
      }
      return;

    case N_COLUMNS:
    default:
      return;
    }
}

/* Sorting ------------------------------------------------------------------ */

/* GTK 4.8 cannot tell which column a GtkColumnViewSorter sorts by (that API
 * came in 4.10).  Each column gets a sorter that only records its field;
 * comparing two probes through the view's sorter calls the primary column's
 * sorter first, and the sign of the answer gives the direction. */
static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnData *data = user_data;

  if (data->view->probe_field == NULL)
    data->view->probe_field = columns[data->column].sort_field;
  return GTK_ORDERING_SMALLER;
}

static void
apply_query (KamAccountsView *self)
{
  guint n;
  g_autofree char *count = NULL;

  if (self->list == NULL)
    return;

  kam_record_list_set_query (self->list, self->query);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account", "%u accounts", n), n);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  adw_status_page_set_description (self->empty_page,
                                   kam_store_count (kam_context_get_store (self->context), &kam_account_kind) > 0
                                   ? _("No account matches these filters.")
                                   : _("Create your first account with Ctrl+N."));
}

static void
sorter_changed_cb (KamAccountsView *self,
                   GtkSorterChange  change,
                   GtkSorter       *sorter)
{
  GtkOrdering order;

  self->probe_field = NULL;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);

  if (self->probe_field == NULL)
    kam_query_set_sort (self->query, "name", FALSE, NULL);
  else
    kam_query_set_sort (self->query, self->probe_field, order == GTK_ORDERING_LARGER, NULL);

  apply_query (self);
}

/* Filters ------------------------------------------------------------------- */

static const char *
dropdown_value (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GObject *item;

  /* Item 0 is "All ..." */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = gtk_drop_down_get_selected_item (dropdown);
  return item ? g_object_get_data (item, "kam-value") : NULL;
}

/* The map filter's values, by KamCoverageStatus (as in kam-drill.h). */
static const char * const map_values[] = { "red", "amber", "green", NULL };
G_STATIC_ASSERT (KAM_COVERAGE_RED == 0 && KAM_COVERAGE_AMBER == 1 && KAM_COVERAGE_GREEN == 2);

static void
clear_coverage (KamAccountsView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->map_ids); i++)
    g_clear_pointer (&self->map_ids[i], g_ptr_array_unref);
  g_clear_pointer (&self->coverage, g_ptr_array_unref);
}

/* The ids of the accounts whose contact map has @status.  The coverage of
 * every account is computed at once (kam_insights_coverage(), about 80 ms
 * for 20,000 accounts) and kept until the store changes what it reads;
 * NULL when it cannot be read. */
static const char * const *
map_ids (KamAccountsView *self,
         KamCoverageStatus status)
{
  if (self->coverage == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GError) error = NULL;
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      self->coverage = kam_insights_coverage (kam_context_get_store (self->context), NULL, &today, &error);
      if (self->coverage == NULL)
        {
          g_warning ("Cannot compute the coverage of the accounts: %s", error->message);
          return NULL;
        }

      for (guint i = 0; i < G_N_ELEMENTS (self->map_ids); i++)
        self->map_ids[i] = g_ptr_array_new ();
      for (guint i = 0; i < self->coverage->len; i++)
        {
          KamAccountCoverage *item = g_ptr_array_index (self->coverage, i);

          g_ptr_array_add (self->map_ids[item->coverage.status], item->account_id);
        }
      for (guint i = 0; i < G_N_ELEMENTS (self->map_ids); i++)
        g_ptr_array_add (self->map_ids[i], NULL);
    }

  return (const char * const *) self->map_ids[status]->pdata;
}

/* The map filter's status, or -1 for any. */
static int
map_status (KamAccountsView *self)
{
  const char *value = dropdown_value (self->map_filter);

  for (guint i = 0; value != NULL && map_values[i] != NULL; i++)
    if (g_str_equal (value, map_values[i]))
      return i;
  return -1;
}

/* Restricts the query to the accounts of the chosen map status (the
 * filtering runs in the list's SQL, over their ids). */
static void
update_map_ids (KamAccountsView *self)
{
  static const char * const none[] = { NULL };
  int status = map_status (self);
  const char * const *ids = NULL;

  if (status >= 0)
    {
      ids = map_ids (self, status);
      if (ids == NULL)   /* unreadable: nothing rather than everything */
        ids = none;
    }
  kam_query_set_ids (self->query, ids);
}

static void
filters_changed_cb (KamAccountsView *self)
{
  if (self->query == NULL)
    return;

  kam_query_set_search (self->query, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
  kam_query_set_tier (self->query, dropdown_value (self->tier_filter));
  kam_query_set_industry (self->query, dropdown_value (self->industry_filter));
  kam_query_set_region (self->query, dropdown_value (self->region_filter));
  kam_query_set_owner (self->query, dropdown_value (self->owner_filter));
  update_map_ids (self);
  apply_query (self);
}

static void
fill_dropdown (GtkDropDown *dropdown,
               const char  *all_label,
               const char * const *values,
               const char * const *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *current = dropdown_value (dropdown);
  g_autofree char *keep = g_strdup (current);
  guint select = 0;

  gtk_string_list_append (list, all_label);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      GObject *item;

      gtk_string_list_append (list, labels ? labels[i] : values[i]);
      item = g_list_model_get_item (G_LIST_MODEL (list), i + 1);
      g_object_set_data_full (item, "kam-value", g_strdup (values[i]), g_free);
      g_object_unref (item);
      if (g_strcmp0 (keep, values[i]) == 0)
        select = i + 1;
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, select);
}

static void
refresh_filter_choices (KamAccountsView *self)
{
  static const char * const tiers[] = { "A", "B", "C", NULL };
  const char *tier_labels[] = { _("Tier A"), _("Tier B"), _("Tier C"), NULL };
  const char *map_labels[] = { C_("map status", "Red"), C_("map status", "Amber"), C_("map status", "Green"), NULL };
  g_auto(GStrv) industries = kam_context_dup_account_values (self->context, "industry");
  g_auto(GStrv) regions = kam_context_dup_account_values (self->context, "region");
  g_autoptr(GStrvBuilder) industry_labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) industry_label_v = NULL;
  g_auto(GStrv) id_v = NULL;
  g_auto(GStrv) name_v = NULL;
  GListModel *members = kam_context_get_members (self->context);

  for (guint i = 0; industries[i] != NULL; i++)
    g_strv_builder_add (industry_labels, kam_industry_label (industries[i]));
  industry_label_v = g_strv_builder_end (industry_labels);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(KamRecord) member = g_list_model_get_item (members, i);

      g_strv_builder_add (ids, kam_record_get_id (member));
      g_strv_builder_add (names, kam_record_get_string (member, "name"));
    }
  id_v = g_strv_builder_end (ids);
  name_v = g_strv_builder_end (names);

  g_signal_handlers_block_by_func (self->tier_filter, filters_changed_cb, self);
  g_signal_handlers_block_by_func (self->industry_filter, filters_changed_cb, self);
  g_signal_handlers_block_by_func (self->region_filter, filters_changed_cb, self);
  g_signal_handlers_block_by_func (self->owner_filter, filters_changed_cb, self);

  if (gtk_drop_down_get_model (self->tier_filter) == NULL)
    fill_dropdown (self->tier_filter, _("All tiers"), tiers, tier_labels);
  if (gtk_drop_down_get_model (self->map_filter) == NULL)
    fill_dropdown (self->map_filter, C_("map status", "Any status"), map_values, map_labels);
  fill_dropdown (self->industry_filter, _("All industries"),
                 (const char * const *) industries, (const char * const *) industry_label_v);
  fill_dropdown (self->region_filter, _("All regions"), (const char * const *) regions, NULL);
  fill_dropdown (self->owner_filter, _("Everyone"), (const char * const *) id_v, (const char * const *) name_v);

  g_signal_handlers_unblock_by_func (self->tier_filter, filters_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->industry_filter, filters_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->region_filter, filters_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->owner_filter, filters_changed_cb, self);
}

/* Selection and navigation ---------------------------------------------------- */

static void
scroll_to (KamAccountsView *self,
           guint            position)
{
  /* gtk_column_view_scroll_to() is GTK 4.12: use the list's own action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

static void
select_account (KamAccountsView *self,
                const char      *account_id)
{
  guint position = kam_record_list_find (self->list, account_id);

  show_all_rows (self);

  if (position == G_MAXUINT)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      return;
    }

  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
}

static void
selection_changed_cb (KamAccountsView *self)
{
  KamRecord *account = gtk_single_selection_get_selected_item (self->selection);

  /* A refresh of the list drops the selection: the page keeps its account. */
  if (account == NULL
      || g_strcmp0 (kam_record_get_id (account), kam_account_page_get_account_id (self->account_page)) == 0)
    return;

  kam_account_page_set_account_id (self->account_page, kam_record_get_id (account));
}

static void
row_activated_cb (KamAccountsView *self,
                  guint            position)
{
  g_autoptr(KamRecord) account = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (account == NULL)
    return;
  kam_account_page_set_account_id (self->account_page, kam_record_get_id (account));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
reselect_cb (gpointer data)
{
  KamAccountsView *self = data;

  self->refilter_id = 0;
  if (kam_account_page_get_account_id (self->account_page) != NULL)
    select_account (self, kam_account_page_get_account_id (self->account_page));
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (KamAccountsView *self,
                  guint            flags,
                  KamStore        *store)
{
  gboolean requery = (flags & KAM_CHANGE_ACCOUNT) != 0;

  if (flags & (KAM_CHANGE_ACCOUNT | KAM_CHANGE_MEMBER))
    refresh_filter_choices (self);

  /* What the coverage reads (as KamContext's): the accounts and their
   * tier, the contacts, the visits that date when they were last met, the
   * cadence in the settings.  Computed again now only while the map filter
   * is on. */
  if (flags & (KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT | KAM_CHANGE_VISIT | KAM_CHANGE_SETTINGS))
    {
      clear_coverage (self);
      if (map_status (self) >= 0)
        {
          update_map_ids (self);
          requery = TRUE;
        }
    }

  /* The list refreshed itself (or has a new query); update the count and
   * find our row again. */
  if (requery)
    {
      apply_query (self);
      if (self->refilter_id == 0)
        self->refilter_id = g_idle_add (reselect_cb, self);
    }
}

static void
folded_changed_cb (KamAccountsView *self)
{
  /* Folded, the list is alone on screen: one click opens an account. */
  gtk_column_view_set_single_click_activate (self->column_view, adw_leaflet_get_folded (self->leaflet));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KamAccountsView *self = KAM_ACCOUNTS_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The Undo of the toast after a delete (win.undelete-account). */
void
kam_accounts_view_undelete (KamAccountsView *self,
                            const char      *id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KAM_IS_ACCOUNTS_VIEW (self));

  if (self->context == NULL)
    return;
  if (!kam_store_undelete (kam_context_get_store (self->context), id, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      if (KAM_IS_WINDOW (root))
        kam_window_add_toast (KAM_WINDOW (root), adw_toast_new (error->message));
      return;
    }
  kam_accounts_view_show_account (self, id);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KamAccountsView *self = KAM_ACCOUNTS_VIEW (widget);
  KamRecord *account = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *id = NULL;
  AdwToast *toast;

  if (account == NULL || self->context == NULL)
    return;

  id = g_strdup (kam_record_get_id (account));
  title = g_strdup_printf (_("“%s” deleted"), kam_record_get_string (account, "name"));
  if (!kam_store_delete (kam_context_get_store (self->context), id, &error))
    {
      if (KAM_IS_WINDOW (root))
        kam_window_add_toast (KAM_WINDOW (root), adw_toast_new (error->message));
      return;
    }

  kam_account_page_set_account_id (self->account_page, NULL);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* The toast lives in the window's overlay, outside this view. */
  adw_toast_set_action_name (toast, "win.undelete-account");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  if (KAM_IS_WINDOW (root))
    kam_window_add_toast (KAM_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* Lifecycle ------------------------------------------------------------------ */

static void
kam_accounts_view_dispose (GObject *object)
{
  KamAccountsView *self = KAM_ACCOUNTS_VIEW (object);

  g_clear_handle_id (&self->refilter_id, g_source_remove);
  g_clear_handle_id (&self->open_first_id, g_source_remove);
  /* Removing the columns changes the sorter: not our business any more. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  /* AdwBin keeps its child too: let it drop it before the template does,
   * or both unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KAM_TYPE_ACCOUNTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (kam_accounts_view_parent_class)->dispose (object);
}

static void
kam_accounts_view_finalize (GObject *object)
{
  KamAccountsView *self = KAM_ACCOUNTS_VIEW (object);

  g_clear_pointer (&self->query, kam_query_free);
  clear_coverage (self);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kam_accounts_view_parent_class)->finalize (object);
}

static void
kam_accounts_view_class_init (KamAccountsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_accounts_view_dispose;
  object_class->finalize = kam_accounts_view_finalize;

  g_type_ensure (KAM_TYPE_ACCOUNT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/keyaccounts/KeyAccounts/kam-accounts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, tier_filter);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, industry_filter);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, region_filter);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, owner_filter);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, map_filter);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KamAccountsView, account_page);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "accounts.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "accounts.delete", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "accounts.back", NULL);
  gtk_widget_class_set_css_name (widget_class, "accountsview");
}

static void
kam_accounts_view_init (KamAccountsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkEventController *keys;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->this_year = g_date_time_get_year (now);
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      ColumnData *data = g_new0 (ColumnData, 1);
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      data->view = self;
      data->column = i;
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), data);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), data);
      g_object_weak_ref (G_OBJECT (factory), (GWeakNotify) (void (*) (void)) g_free, data);

      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (i != COL_COVERAGE)
        {
          sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, data, NULL));
          gtk_column_view_column_set_sorter (column, sorter);
          g_object_unref (sorter);
        }
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->tier_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->industry_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->region_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->owner_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->map_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);

  /* Delete removes the selected account (with an undo toast) while the
   * list has the focus. */
  keys = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_named_action_new ("accounts.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
}

/* The whole list, after the first rows of the first frame. */
static void
show_all_rows (KamAccountsView *self)
{
  if (self->slice != NULL && gtk_slice_list_model_get_size (self->slice) != G_MAXUINT)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

/* The first account, on the page, unless one was chosen meanwhile. */
static void
open_first_account (KamAccountsView *self)
{
  g_autoptr(KamRecord) first = NULL;

  if (kam_account_page_get_account_id (self->account_page) != NULL
      || g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->list), 0);
  kam_account_page_set_account_id (self->account_page, kam_record_get_id (first));
}

static gboolean
open_first_idle_cb (gpointer data)
{
  KamAccountsView *self = data;

  self->open_first_id = 0;
  show_all_rows (self);
  open_first_account (self);
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock   *clock,
                KamAccountsView *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  /* at the priority of events: the frame clock may tick on and starve an
   * idle of the default idle priority */
  if (self->open_first_id == 0)
    self->open_first_id = g_idle_add_full (G_PRIORITY_DEFAULT, open_first_idle_cb, self, NULL);
}

static void
open_first_on_map_cb (KamAccountsView *self)
{
  g_signal_handlers_disconnect_by_func (self, open_first_on_map_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (first_paint_cb), self, 0);
}

void
kam_accounts_view_set_context (KamAccountsView *self,
                               KamContext      *context)
{
  g_return_if_fail (KAM_IS_ACCOUNTS_VIEW (self));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->query = kam_query_new (&kam_account_kind);
  self->list = kam_record_list_new (kam_context_get_store (context), self->query);
  /* Until the first frame the view sees the first rows only: unsized, a
   * GTK 4.8 list view makes 200 rows at once, which the first frame
   * then measures.  Sized, it makes those it shows. */
  self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->list)), 0, FIRST_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  kam_account_page_set_context (self->account_page, context);
  g_signal_connect_object (kam_context_get_store (context), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  refresh_filter_choices (self);
  apply_query (self);

  /* Open the first account, so that the page is never empty for nothing;
   * but after the window's first frame, which shows the first rows of the
   * list alone (the page costs a sixth of the start-up), and then the
   * whole list.  A click before wins. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
      gtk_single_selection_set_selected (self->selection, 0);
      g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
    }
  else
    kam_account_page_set_account_id (self->account_page, NULL);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      show_all_rows (self);
      open_first_account (self);
    }
  else
    g_signal_connect (self, "map", G_CALLBACK (open_first_on_map_cb), NULL);
}

void
kam_accounts_view_show_account (KamAccountsView *self,
                                const char      *account_id)
{
  g_return_if_fail (KAM_IS_ACCOUNTS_VIEW (self));

  kam_account_page_set_account_id (self->account_page, account_id);
  select_account (self, account_id);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

void
kam_accounts_view_new_account (KamAccountsView *self)
{
  g_autoptr(KamRecord) account = kam_record_new (&kam_account_kind);
  g_autoptr(GError) error = NULL;
  const char *me = kam_context_get_me (self->context);

  kam_record_set_from_string (account, "name", _("New account"), NULL);
  if (me != NULL)
    kam_record_set_from_string (account, "owner_id", me, NULL);
  if (self->context != NULL && kam_context_get_settings (self->context) != NULL)
    {
      g_autofree char *currency = g_settings_get_string (kam_context_get_settings (self->context), "currency");
      kam_record_set_from_string (account, "currency", currency, NULL);
    }

  if (!kam_store_save (kam_context_get_store (self->context), account, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      if (KAM_IS_WINDOW (root))
        kam_window_add_toast (KAM_WINDOW (root), adw_toast_new (error->message));
      return;
    }

  kam_accounts_view_show_account (self, kam_record_get_id (account));
  kam_account_page_focus_name (self->account_page);
}

GListModel *
kam_accounts_view_get_model (KamAccountsView *self)
{
  return self->list ? G_LIST_MODEL (self->list) : NULL;
}

/* Selects the item of @dropdown whose value is @value (item 0, "All …",
 * when none is). */
static void
select_value (GtkDropDown *dropdown,
              const char  *value)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint select = 0;

  for (guint i = 1; value != NULL && model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (g_object_get_data (item, "kam-value"), value) == 0)
        select = i;
    }
  gtk_drop_down_set_selected (dropdown, select);
}

void
kam_accounts_view_set_filter (KamAccountsView *self,
                              const char      *tier,
                              const char      *owner_id,
                              int              map_status)
{
  g_return_if_fail (KAM_IS_ACCOUNTS_VIEW (self));
  g_return_if_fail (map_status >= -1 && map_status <= KAM_COVERAGE_GREEN);

  g_signal_handlers_block_by_func (self->tier_filter, filters_changed_cb, self);
  g_signal_handlers_block_by_func (self->industry_filter, filters_changed_cb, self);
  g_signal_handlers_block_by_func (self->region_filter, filters_changed_cb, self);
  g_signal_handlers_block_by_func (self->owner_filter, filters_changed_cb, self);
  g_signal_handlers_block_by_func (self->map_filter, filters_changed_cb, self);
  select_value (self->tier_filter, tier);
  select_value (self->industry_filter, NULL);
  select_value (self->region_filter, NULL);
  select_value (self->owner_filter, owner_id);
  select_value (self->map_filter, map_status >= 0 ? map_values[map_status] : NULL);
  g_signal_handlers_unblock_by_func (self->tier_filter, filters_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->industry_filter, filters_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->region_filter, filters_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->owner_filter, filters_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->map_filter, filters_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  filters_changed_cb (self);
}
