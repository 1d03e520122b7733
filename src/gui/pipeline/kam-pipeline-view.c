/* kam-pipeline-view.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column per stage, headed by its count, amount and weighted amount
 * (kam_pipeline_stage_totals(), one query); the cards of a column are the
 * first deals of a KamRecordList of that stage, by expected close.  A card
 * moves by drag and drop onto another column or by its "Move to" menu
 * (the action pipeline.move-to, reachable by keyboard); closing a deal as
 * won or lost asks for the reason first.  The page is built in code: its
 * six columns are the same widget six times.
 */
#define G_LOG_DOMAIN "kam-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-list.h"
#include "kam-model.h"
#include "kam-opportunity-dialog.h"
#include "kam-pipeline-list.h"
#include "kam-pipeline-view.h"

#define CARDS_PER_COLUMN 40
#define STALE_DAYS 30

typedef struct {
  GtkWidget *box;
  GtkWidget *count;
  GtkWidget *amount;
  GtkWidget *weighted;
  GtkWidget *list;
} Column;

struct _KamPipelineView
{
  AdwBin          parent_instance;

  KamContext     *context;
  GtkDropDown    *owner_filter;
  GPtrArray      *owner_ids;     /* of the owner filter's items after "Everyone" */
  GtkSearchEntry *search_entry;  /* deal or account name */
  GtkSearchEntry *account_entry; /* resolves to account_id through its popover */
  GtkPopover     *account_popover;
  GtkListBox     *account_list;
  char           *account_id;
  char           *account_name;  /* as shown in account_entry */
  GtkDropDown    *tier_filter;   /* all, A, B, C */
  GtkDropDown    *stage_filter;  /* all, the six stages, open, closed */
  GtkDropDown    *period_filter; /* any, this quarter, next quarter, this year, [custom] */
  GtkStringList  *periods;
  char           *close_from;    /* of the period chosen */
  char           *close_to;
  char           *custom_from;   /* of the custom period, when there is one */
  char           *portfolio_id;  /* of the owner filter's last item, when there is one */
  char           *custom_to;
  gboolean        updating;      /* set_filter() sets every filter, then refreshes once */
  GtkStack       *modes;         /* "board" and "list" */
  GtkToggleButton *board_toggle;
  GtkToggleButton *list_toggle;
  GtkWidget      *list;
  Column          columns[KAM_N_STAGES];
  KamStageTotals  totals[KAM_N_STAGES];
  guint           refresh_id;
};

G_DEFINE_FINAL_TYPE (KamPipelineView, kam_pipeline_view, ADW_TYPE_BIN)

/* The reasons are the team's lists of the preferences ("won-reasons",
 * "lost-reasons", one a line); these defaults are the preferences' own,
 * listed here so that they are translated when shown. */
#define WON_REASONS_DEFAULT "Price\nProduct fit\nRelationship\nService"
#define LOST_REASONS_DEFAULT "Price\nProduct gap\nCompetitor relationship\nNo decision\nTiming"
static const char * const default_reasons[] G_GNUC_UNUSED = {
  N_("Price"), N_("Product fit"), N_("Relationship"), N_("Service"),
  N_("Product gap"), N_("Competitor relationship"), N_("No decision"), N_("Timing"),
};

static void refresh (KamPipelineView *self);

/* Helpers ----------------------------------------------------------------- */

static const char *
owner_id_filter (KamPipelineView *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_filter);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->owner_ids->len)
    return NULL;
  return g_ptr_array_index (self->owner_ids, selected - 1);
}

/* The owner filter's last item, after the members, when a drill-down put
 * it there: the deals of one member's accounts ("Accounts of Li"). */
static const char *
portfolio_id_filter (KamPipelineView *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_filter);

  return selected == self->owner_ids->len + 1 ? self->portfolio_id : NULL;
}

/* Items of the stage filter: "All stages", the six stages, then these. */
#define STAGE_ITEM_OPEN   (1 + KAM_N_STAGES)
#define STAGE_ITEM_CLOSED (2 + KAM_N_STAGES)
enum { PERIOD_ANY, PERIOD_THIS_QUARTER, PERIOD_NEXT_QUARTER, PERIOD_THIS_YEAR, PERIOD_CUSTOM };

/* The filters shown, into @filter (its strings are the view's). */
static void
get_filter (KamPipelineView   *self,
            KamPipelineFilter *filter)
{
  guint tier = gtk_drop_down_get_selected (self->tier_filter);
  guint stage = gtk_drop_down_get_selected (self->stage_filter);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  kam_pipeline_filter_init (filter);
  filter->owner_id = owner_id_filter (self);
  filter->portfolio_id = portfolio_id_filter (self);
  filter->account_id = self->account_id;
  if (tier >= 1 && tier <= KAM_N_TIERS)
    filter->tier = tier - 1;
  if (stage >= 1 && stage <= KAM_N_STAGES)
    filter->stage = stage - 1;
  else if (stage == STAGE_ITEM_OPEN)
    filter->status = KAM_PIPELINE_OPEN;
  else if (stage == STAGE_ITEM_CLOSED)
    filter->status = KAM_PIPELINE_CLOSED;
  filter->close_from = self->close_from;
  filter->close_to = self->close_to;
  filter->search = search != NULL && *search != '\0' ? search : NULL;
}

static char *
money (KamPipelineView *self,
       double           amount)
{
  return kam_context_format_money (self->context, amount, "CNY");
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Moving deals ------------------------------------------------------------ */

static void
show_error (KamPipelineView *self,
            const GError    *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("The deal could not be moved"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move (KamPipelineView *self,
      const char      *id,
      KamStage         stage,
      const char      *reason)
{
  g_autoptr(GError) error = NULL;

  if (!kam_pipeline_move_to_stage (kam_context_get_store (self->context), id, stage, reason, &error))
    show_error (self, error);
  /* the store's "changed" refreshes the columns */
}

static void
reason_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KamPipelineView  *self)
{
  GtkDropDown *reasons = g_object_get_data (G_OBJECT (dialog), "reasons");
  GtkEditable *details = g_object_get_data (G_OBJECT (dialog), "details");
  const char *id = g_object_get_data (G_OBJECT (dialog), "deal");
  KamStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "stage"));
  g_autofree char *reason = NULL;
  GtkStringObject *chosen;
  const char *text;

  if (g_strcmp0 (response, "move") != 0)
    return;

  chosen = gtk_drop_down_get_selected_item (reasons);
  text = gtk_editable_get_text (details);
  reason = text != NULL && *text != '\0'
    ? g_strdup_printf ("%s: %s", gtk_string_object_get_string (chosen), text)
    : g_strdup (gtk_string_object_get_string (chosen));
  move (self, id, stage, reason);
}

/* Won and lost ask why (a reason from a list, plus free text). */
static void
ask_reason (KamPipelineView *self,
            const char      *id,
            const char      *name,
            KamStage         stage)
{
  gboolean won = stage == KAM_STAGE_CLOSED_WON;
  g_autofree char *setting = kam_store_get_setting (kam_context_get_store (self->context),
                                                    won ? "won-reasons" : "lost-reasons",
                                                    won ? WON_REASONS_DEFAULT : LOST_REASONS_DEFAULT);
  g_auto(GStrv) list = g_strsplit (setting, "\n", -1);
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *drop_down, *entry;
  g_autofree char *body = won ? g_strdup_printf (_("Why did we win “%s”?"), name)
                              : g_strdup_printf (_("Why did we lose “%s”?"), name);

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_strstrip (list[i]);
      if (*list[i] != '\0')
        gtk_string_list_append (reasons, _(list[i]));
    }
  gtk_string_list_append (reasons, _("Other"));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   won ? _("Mark as Won") : _("Mark as Lost"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&reasons)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Details (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Details"), -1);
  gtk_box_append (GTK_BOX (box), drop_down);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", won ? _("Mark as _Won") : _("Mark as _Lost"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              won ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "reasons", drop_down);
  g_object_set_data (G_OBJECT (dialog), "details", entry);
  g_object_set_data_full (G_OBJECT (dialog), "deal", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (dialog), "stage", GINT_TO_POINTER (stage));
  g_signal_connect_object (dialog, "response", G_CALLBACK (reason_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
request_move (KamPipelineView *self,
              const char      *id,
              KamStage         stage)
{
  g_autoptr(KamRecord) deal = NULL;
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;
  deal = kam_store_load (kam_context_get_store (self->context), &kam_opportunity_kind, id, &error);
  if (deal == NULL)
    {
      show_error (self, error);
      return;
    }
  if (kam_record_get_int (deal, "stage") == (int) stage)
    return;

  if (kam_stage_is_closed (stage))
    ask_reason (self, id, kam_record_get_string (deal, "name"), stage);
  else
    move (self, id, stage, NULL);
}

static void
move_to_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *id, *stage_name;
  int stage;

  g_variant_get (parameter, "(&s&s)", &id, &stage_name);
  if (kam_enum_from_string (KAM_TYPE_STAGE, stage_name, &stage))
    request_move (KAM_PIPELINE_VIEW (widget), id, stage);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  kam_pipeline_view_edit_deal (KAM_PIPELINE_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
new_deal_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  kam_pipeline_view_new_deal (KAM_PIPELINE_VIEW (widget), NULL);
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KamPipelineFilter filter;

  kam_pipeline_filter_init (&filter);
  kam_pipeline_view_set_filter (KAM_PIPELINE_VIEW (widget), &filter, -1);
}

/* Drag and drop ----------------------------------------------------------- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *card)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING, g_object_get_data (G_OBJECT (card), "deal"));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *card)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, paintable, 16, 16);
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         KamPipelineView *self)
{
  KamStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (target), "stage"));

  if (!G_VALUE_HOLDS_STRING (value) || g_value_get_string (value) == NULL)
    return FALSE;
  request_move (self, g_value_get_string (value), stage);
  return TRUE;
}

/* Cards ------------------------------------------------------------------- */

static GtkWidget *
card_new (KamPipelineView *self,
          KamRecord       *deal,
          const char      *account_name,
          const GDate     *today)
{
  const char *id = kam_record_get_id (deal);
  KamStage stage = kam_record_get_int (deal, "stage");
  const char *close = kam_record_get_string (deal, "expected_close");
  const char *owner = kam_context_get_member_name (self->context, kam_record_get_string (deal, "owner_id"));
  g_autofree char *amount = money (self, kam_record_get_double (deal, "amount"));
  g_autofree char *close_text = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *row, *box, *top, *name, *button, *line, *cue = NULL;
  GtkDragSource *source;
  GDate close_date;
  int days = 0;

  row = gtk_list_box_row_new ();
  gtk_widget_add_css_class (row, "card");
  gtk_widget_set_margin_bottom (row, 6);
  g_object_set_data_full (G_OBJECT (row), "deal", g_strdup (id), g_free);
  /* Enter or a click opens the editor */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "pipeline.edit");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (id));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 4);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 8);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  name = label_new (kam_record_get_string (deal, "name"), "heading");
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (top), name);

  /* "Move to": the keyboard's way (and the mouse's without dragging) */
  for (int s = 0; s < KAM_N_STAGES; s++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (s == (int) stage)
        continue;
      item = g_menu_item_new (kam_enum_to_label (KAM_TYPE_STAGE, s), NULL);
      g_menu_item_set_action_and_target_value (item, "pipeline.move-to",
                                               g_variant_new ("(ss)", id, kam_enum_to_string (KAM_TYPE_STAGE, s)));
      g_menu_append_item (menu, item);
    }
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Move to"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move to"), -1);
  gtk_box_append (GTK_BOX (top), button);
  gtk_box_append (GTK_BOX (box), top);

  gtk_box_append (GTK_BOX (box), label_new (account_name, "dim-label"));

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (line), label_new (amount, "numeric"));
  g_date_clear (&close_date, 1);
  if (kam_parse_date (close, &close_date))
    {
      char buffer[64];

      g_date_strftime (buffer, sizeof buffer, "%x", &close_date);
      close_text = g_strdup (buffer);
    }
  {
    GtkWidget *close_label = label_new (close_text ? close_text : "", "dim-label");

    gtk_widget_set_hexpand (close_label, TRUE);
    gtk_label_set_xalign (GTK_LABEL (close_label), 1);
    gtk_widget_set_margin_end (close_label, 6);
    gtk_box_append (GTK_BOX (line), close_label);
  }
  gtk_box_append (GTK_BOX (box), line);

  if (owner != NULL && *owner != '\0')
    gtk_box_append (GTK_BOX (box), label_new (owner, "caption"));

  /* cues: past its close date, or not touched for a month */
  if (!kam_stage_is_closed (stage))
    {
      if (g_date_valid (&close_date) && g_date_compare (&close_date, today) < 0)
        {
          int late = g_date_days_between (&close_date, today);
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Past close date by %d day",
                                                                "Past close date by %d days", late), late);
          cue = label_new (text, "error");
        }
      else if (kam_context_days_since (kam_record_get_updated_at (deal), &days) && days >= STALE_DAYS)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not touched for %d day",
                                                                "Not touched for %d days", days), days);
          cue = label_new (text, "warning");
        }
      if (cue != NULL)
        {
          gtk_widget_add_css_class (cue, "caption");
          gtk_box_append (GTK_BOX (box), cue);
        }
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  return row;
}

/* Refresh ----------------------------------------------------------------- */

static void
fill_column (KamPipelineView   *self,
             KamStage           stage,
             KamPipelineFilter *filter,
             GHashTable        *account_names,
             const GDate     *today)
{
  Column *column = &self->columns[stage];
  g_autoptr(KamQuery) query = kam_query_new (&kam_opportunity_kind);
  g_autoptr(KamRecordList) list = NULL;
  g_autofree char *count = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *weighted = NULL;
  g_autofree char *weighted_text = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (column->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (column->list), child);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d deal", "%d deals", self->totals[stage].count),
                           self->totals[stage].count);
  amount = money (self, self->totals[stage].amount);
  weighted = money (self, self->totals[stage].weighted);
  weighted_text = g_strdup_printf (_("Weighted %s"), weighted);
  gtk_label_set_text (GTK_LABEL (column->count), count);
  gtk_label_set_text (GTK_LABEL (column->amount), amount);
  gtk_label_set_text (GTK_LABEL (column->weighted), weighted_text);

  filter->stage = stage;
  kam_pipeline_filter_to_query (filter, query);
  kam_query_set_sort (query, "expected_close", kam_stage_is_closed (stage), NULL);
  list = kam_record_list_new (kam_context_get_store (self->context), query);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < MIN (n, CARDS_PER_COLUMN); i++)
    {
      g_autoptr(KamRecord) deal = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *account_id = kam_record_get_string (deal, "account_id");
      const char *account_name = g_hash_table_lookup (account_names, account_id);

      if (account_name == NULL)
        {
          g_autoptr(KamRecord) account = kam_store_load (kam_context_get_store (self->context),
                                                         &kam_account_kind, account_id, NULL);
          account_name = account ? kam_record_get_string (account, "name") : "";
          g_hash_table_insert (account_names, g_strdup (account_id), g_strdup (account_name));
          account_name = g_hash_table_lookup (account_names, account_id);
        }
      gtk_list_box_append (GTK_LIST_BOX (column->list), card_new (self, deal, account_name, today));
    }

  if (n > CARDS_PER_COLUMN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more deal", "and %u more deals",
                                                            n - CARDS_PER_COLUMN), n - CARDS_PER_COLUMN);
      GtkWidget *label = label_new (more, "dim-label");

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_halign (label, GTK_ALIGN_CENTER);
      gtk_list_box_append (GTK_LIST_BOX (column->list), label);
    }
}

/* The board: the column totals of the filters (one query), the columns of
 * the stage filter, the first cards of each. */
static void
refresh (KamPipelineView *self)
{
  g_autoptr(GHashTable) account_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KamPipelineFilter filter;
  GDate today;

  if (self->context == NULL || self->updating)
    return;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  get_filter (self, &filter);
  if (!kam_pipeline_stage_totals (kam_context_get_store (self->context), &filter, self->totals, &error))
    memset (self->totals, 0, sizeof self->totals);

  for (int s = 0; s < KAM_N_STAGES; s++)
    {
      gboolean shown = filter.stage >= 0 ? filter.stage == s
                       : filter.status == KAM_PIPELINE_OPEN ? !kam_stage_is_closed (s)
                       : filter.status == KAM_PIPELINE_CLOSED ? kam_stage_is_closed (s) : TRUE;
      KamPipelineFilter column = filter;

      gtk_widget_set_visible (self->columns[s].box, shown);
      fill_column (self, s, &column, account_names, &today);
    }
}

static gboolean
refresh_idle_cb (gpointer data)
{
  KamPipelineView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (KamStore        *store,
                  guint            flags,
                  KamPipelineView *self)
{
  if ((flags & (KAM_CHANGE_OPPORTUNITY | KAM_CHANGE_ACCOUNT | KAM_CHANGE_MEMBER | KAM_CHANGE_SETTINGS)) != 0
      && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
update_list (KamPipelineView *self)
{
  KamPipelineFilter filter;

  if (self->list == NULL || self->updating)
    return;
  get_filter (self, &filter);
  kam_pipeline_list_set_filter (KAM_PIPELINE_LIST (self->list), &filter);
}

static void
filters_changed_cb (KamPipelineView *self)
{
  refresh (self);
  update_list (self);
}

/* The bounds of a period item of the close filter. */
static void
period_changed_cb (KamPipelineView *self)
{
  guint period = gtk_drop_down_get_selected (self->period_filter);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), quarter = (g_date_time_get_month (now) - 1) / 3;

  g_clear_pointer (&self->close_from, g_free);
  g_clear_pointer (&self->close_to, g_free);
  if (period == PERIOD_NEXT_QUARTER && ++quarter == 4)
    {
      quarter = 0;
      year++;
    }
  if (period == PERIOD_THIS_QUARTER || period == PERIOD_NEXT_QUARTER)
    {
      self->close_from = g_strdup_printf ("%04d-%02d-01", year, quarter * 3 + 1);
      self->close_to = g_strdup_printf ("%04d-%02d-%02d", year, quarter * 3 + 3,
                                        g_date_get_days_in_month (quarter * 3 + 3, year));
    }
  else if (period == PERIOD_THIS_YEAR)
    {
      self->close_from = g_strdup_printf ("%04d-01-01", year);
      self->close_to = g_strdup_printf ("%04d-12-31", year);
    }
  else if (period == PERIOD_CUSTOM)
    {
      self->close_from = g_strdup (self->custom_from);
      self->close_to = g_strdup (self->custom_to);
    }
  filters_changed_cb (self);
}

static void
mode_toggled_cb (GtkToggleButton *button,
                 KamPipelineView *self)
{
  const char *mode = g_object_get_data (G_OBJECT (button), "mode");

  if (!gtk_toggle_button_get_active (button))
    return;
  gtk_stack_set_visible_child_name (self->modes, mode);
}

/* The account filter: what is typed lists matching accounts (by the
 * accounts' search index, at most eight); choosing one filters by it;
 * editing the text again lets it go. */
#define ACCOUNT_SUGGESTIONS 8

static void
set_account (KamPipelineView *self,
             const char      *id,
             const char      *name)
{
  g_free (self->account_id);
  self->account_id = g_strdup (id);
  g_free (self->account_name);
  self->account_name = g_strdup (id != NULL ? name : NULL);
  g_signal_handlers_block_matched (self->account_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->account_entry), name != NULL ? name : "");
  gtk_editable_set_position (GTK_EDITABLE (self->account_entry), -1);
  g_signal_handlers_unblock_matched (self->account_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_popover_popdown (self->account_popover);
}

static void
account_row_activated_cb (KamPipelineView *self,
                          GtkListBoxRow   *row)
{
  set_account (self, g_object_get_data (G_OBJECT (row), "account"), g_object_get_data (G_OBJECT (row), "name"));
  filters_changed_cb (self);
}

static void
account_search_changed_cb (KamPipelineView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->account_entry));
  g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);
  g_autoptr(KamRecordList) accounts = NULL;
  gboolean had_account = self->account_id != NULL;
  GtkWidget *child;
  guint n;

  /* the entry's delayed signal after the name of the chosen account was set */
  if (self->account_id != NULL && g_strcmp0 (text, self->account_name) == 0)
    return;
  g_clear_pointer (&self->account_id, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->account_list))) != NULL)
    gtk_list_box_remove (self->account_list, child);
  if (self->context == NULL || text == NULL || *text == '\0')
    {
      gtk_popover_popdown (self->account_popover);
      if (had_account)
        filters_changed_cb (self);
      return;
    }

  kam_query_set_search (query, text);
  accounts = kam_record_list_new (kam_context_get_store (self->context), query);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ACCOUNT_SUGGESTIONS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KamRecord) account = g_list_model_get_item (G_LIST_MODEL (accounts), i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = label_new (kam_record_get_string (account, "name"), NULL);

      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "account", g_strdup (kam_record_get_id (account)), g_free);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (kam_record_get_string (account, "name")), g_free);
      gtk_list_box_append (self->account_list, row);
    }
  if (n == 0)
    {
      GtkWidget *label = label_new (_("No account matches"), "dim-label");

      gtk_widget_set_margin_start (label, 6);
      gtk_list_box_append (self->account_list, label);
    }
  gtk_popover_popup (self->account_popover);
  if (had_account)
    filters_changed_cb (self);
}

static void
account_activate_cb (KamPipelineView *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->account_list, 0);

  if (first != NULL && g_object_get_data (G_OBJECT (first), "account") != NULL)
    account_row_activated_cb (self, first);
}

/* Building ---------------------------------------------------------------- */

static GtkWidget *
column_new (KamPipelineView *self,
            KamStage         stage)
{
  Column *column = &self->columns[stage];
  GtkWidget *header, *title, *scrolled, *numbers;
  GtkDropTarget *target;

  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (column->box, 220, -1);
  gtk_widget_set_hexpand (column->box, TRUE);

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (header, 4);
  title = label_new (kam_enum_to_label (KAM_TYPE_STAGE, stage), "title-4");
  column->count = label_new ("", "dim-label");
  numbers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  column->amount = label_new ("", "heading");
  column->weighted = label_new ("", "dim-label");
  gtk_box_append (GTK_BOX (numbers), column->amount);
  gtk_box_append (GTK_BOX (numbers), column->weighted);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), column->count);
  gtk_box_append (GTK_BOX (header), numbers);
  gtk_box_append (GTK_BOX (column->box), header);

  column->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (column->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (column->list, "background");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kam_enum_to_label (KAM_TYPE_STAGE, stage), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), column->list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (column->box), scrolled);

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_object_set_data (G_OBJECT (target), "stage", GINT_TO_POINTER (stage));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (target));
  return column->box;
}

static void
kam_pipeline_view_dispose (GObject *object)
{
  KamPipelineView *self = KAM_PIPELINE_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (kam_context_get_store (self->context), self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  if (self->account_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->account_popover));
  self->account_popover = NULL;
  g_clear_object (&self->periods);
  G_OBJECT_CLASS (kam_pipeline_view_parent_class)->dispose (object);
}

static void
kam_pipeline_view_finalize (GObject *object)
{
  KamPipelineView *self = KAM_PIPELINE_VIEW (object);

  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->close_from);
  g_free (self->close_to);
  g_free (self->custom_from);
  g_free (self->custom_to);
  g_free (self->portfolio_id);
  G_OBJECT_CLASS (kam_pipeline_view_parent_class)->finalize (object);
}

static void
kam_pipeline_view_class_init (KamPipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_pipeline_view_dispose;
  object_class->finalize = kam_pipeline_view_finalize;
  gtk_widget_class_set_css_name (widget_class, "kam-pipeline-view");
  gtk_widget_class_install_action (widget_class, "pipeline.move-to", "(ss)", move_to_activated);
  gtk_widget_class_install_action (widget_class, "pipeline.edit", "s", edit_activated);
  gtk_widget_class_install_action (widget_class, "pipeline.new-deal", NULL, new_deal_activated);
  gtk_widget_class_install_action (widget_class, "pipeline.clear-filters", NULL, clear_filters_activated);
}

static void
kam_pipeline_view_init (KamPipelineView *self)
{
  GtkWidget *outer, *toolbar, *filters, *columns, *scrolled, *label;
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);

  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (outer, 18);
  gtk_widget_set_margin_end (outer, 18);
  gtk_widget_set_margin_top (outer, 12);

  /* first line: the text filters, the mode, a new deal */
  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search deals and accounts"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search deals and accounts"), -1);
  gtk_widget_set_name (GTK_WIDGET (self->search_entry), "deal-search");
  gtk_widget_set_size_request (GTK_WIDGET (self->search_entry), 240, -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (filters_changed_cb), self);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->search_entry));

  self->account_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->account_entry, "placeholder-text", _("Account"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->account_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Account"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->account_entry), _("Type part of a name, then choose the account"));
  gtk_widget_set_name (GTK_WIDGET (self->account_entry), "account-filter");
  gtk_widget_set_size_request (GTK_WIDGET (self->account_entry), 200, -1);
  g_signal_connect_swapped (self->account_entry, "search-changed", G_CALLBACK (account_search_changed_cb), self);
  g_signal_connect_swapped (self->account_entry, "activate", G_CALLBACK (account_activate_cb), self);
  self->account_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->account_list, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->account_list), "account-suggestions");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->account_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Accounts"), -1);
  g_signal_connect_swapped (self->account_list, "row-activated", G_CALLBACK (account_row_activated_cb), self);
  self->account_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->account_popover, FALSE);
  gtk_popover_set_has_arrow (self->account_popover, FALSE);
  gtk_popover_set_position (self->account_popover, GTK_POS_BOTTOM);
  gtk_popover_set_child (self->account_popover, GTK_WIDGET (self->account_list));
  gtk_widget_set_parent (GTK_WIDGET (self->account_popover), GTK_WIDGET (self->account_entry));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->account_entry));

  /* second line: owner, tier, stage (the columns shown on the board), close */
  filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  label = gtk_label_new (_("Owner"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_string_list_append (owners, _("Everyone"));
  self->owner_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&owners)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->owner_filter), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Owner"), -1);
  gtk_widget_set_name (GTK_WIDGET (self->owner_filter), "owner-filter");
  g_signal_connect_swapped (self->owner_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  gtk_box_append (GTK_BOX (filters), label);
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->owner_filter));
  {
    g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
    g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
    const char *periods[] = { N_("Any close date"), N_("Closing this quarter"), N_("Closing next quarter"),
                              N_("Closing this year") };

    gtk_string_list_append (tiers, _("All tiers"));
    for (int t = 0; t < KAM_N_TIERS; t++)
      gtk_string_list_append (tiers, kam_enum_to_label (KAM_TYPE_TIER, t));
    gtk_string_list_append (stages, _("All stages"));
    for (int st = 0; st < KAM_N_STAGES; st++)
      gtk_string_list_append (stages, kam_enum_to_label (KAM_TYPE_STAGE, st));
    gtk_string_list_append (stages, _("Open deals"));
    gtk_string_list_append (stages, _("Closed deals"));
    self->periods = gtk_string_list_new (NULL);
    for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
      gtk_string_list_append (self->periods, _(periods[i]));

    self->tier_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&tiers)), NULL));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->tier_filter), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tier"), -1);
    gtk_widget_set_name (GTK_WIDGET (self->tier_filter), "tier-filter");
    self->stage_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&stages)), NULL));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->stage_filter), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stage"), -1);
    gtk_widget_set_name (GTK_WIDGET (self->stage_filter), "stage-filter");
    self->period_filter = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->periods)), NULL));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Close period"), -1);
    gtk_widget_set_name (GTK_WIDGET (self->period_filter), "period-filter");
    g_signal_connect_swapped (self->tier_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
    g_signal_connect_swapped (self->stage_filter, "notify::selected", G_CALLBACK (filters_changed_cb), self);
    g_signal_connect_swapped (self->period_filter, "notify::selected", G_CALLBACK (period_changed_cb), self);
    gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->tier_filter));
    gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->stage_filter));
    gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->period_filter));
  }
  {
    GtkWidget *clear = gtk_button_new_with_mnemonic (_("C_lear Filters"));

    gtk_widget_add_css_class (clear, "flat");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "pipeline.clear-filters");
    gtk_box_append (GTK_BOX (filters), clear);
  }

  /* board or list */
  {
    GtkWidget *modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *board = gtk_toggle_button_new ();
    GtkWidget *list = gtk_toggle_button_new ();

    gtk_widget_add_css_class (modes, "linked");
    gtk_widget_set_hexpand (modes, TRUE);
    gtk_widget_set_halign (modes, GTK_ALIGN_END);
    gtk_button_set_icon_name (GTK_BUTTON (board), "view-grid-symbolic");
    gtk_button_set_icon_name (GTK_BUTTON (list), "view-list-symbolic");
    gtk_widget_set_tooltip_text (board, _("Board"));
    gtk_widget_set_tooltip_text (list, _("List"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (board), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Board"), -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("List"), -1);
    gtk_widget_set_name (list, "list-mode");
    g_object_set_data (G_OBJECT (board), "mode", (gpointer) "board");
    g_object_set_data (G_OBJECT (list), "mode", (gpointer) "list");
    self->board_toggle = GTK_TOGGLE_BUTTON (board);
    self->list_toggle = GTK_TOGGLE_BUTTON (list);
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (list), GTK_TOGGLE_BUTTON (board));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (board), TRUE);
    g_signal_connect (board, "toggled", G_CALLBACK (mode_toggled_cb), self);
    g_signal_connect (list, "toggled", G_CALLBACK (mode_toggled_cb), self);
    gtk_box_append (GTK_BOX (modes), board);
    gtk_box_append (GTK_BOX (modes), list);
    gtk_box_append (GTK_BOX (toolbar), modes);
  }

  /* a new deal */
  {
    GtkWidget *button = gtk_button_new ();
    GtkWidget *content = adw_button_content_new ();

    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("New Deal…"));
    gtk_button_set_child (GTK_BUTTON (button), content);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "pipeline.new-deal");
    gtk_widget_set_tooltip_text (button, _("Add a deal to the pipeline"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Deal"), -1);
    gtk_widget_set_name (button, "new-deal");
    gtk_box_append (GTK_BOX (toolbar), button);
  }
  gtk_box_append (GTK_BOX (outer), toolbar);
  gtk_box_append (GTK_BOX (outer), filters);

  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_widget_set_margin_bottom (columns, 12);
  for (int s = 0; s < KAM_N_STAGES; s++)
    gtk_box_append (GTK_BOX (columns), column_new (self, s));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), columns);
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->modes = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->modes, scrolled, "board");
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->modes));

  adw_bin_set_child (ADW_BIN (self), outer);
}

/* Public API -------------------------------------------------------------- */

void
kam_pipeline_view_set_context (KamPipelineView *self,
                               KamContext      *context)
{
  GListModel *members;
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);

  g_return_if_fail (KAM_IS_PIPELINE_VIEW (self));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (kam_context_get_store (self->context), self);
  g_set_object (&self->context, context);
  if (context == NULL)
    return;

  gtk_string_list_append (owners, _("Everyone"));
  g_ptr_array_set_size (self->owner_ids, 0);
  members = kam_context_get_members (context);
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

  g_signal_connect_object (kam_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self, 0);
  refresh (self);

  if (self->list != NULL)
    gtk_stack_remove (self->modes, self->list);
  self->list = kam_pipeline_list_new (context);
  gtk_widget_set_margin_bottom (self->list, 12);
  gtk_stack_add_named (self->modes, self->list, "list");
  update_list (self);
}

void
kam_pipeline_view_set_filter (KamPipelineView         *self,
                              const KamPipelineFilter *filter,
                              int                      list)
{
  g_autoptr(KamRecord) account = NULL;
  guint owner = 0, stage = 0;

  g_return_if_fail (KAM_IS_PIPELINE_VIEW (self));

  self->updating = TRUE;
  for (guint i = 0; filter->owner_id != NULL && i < self->owner_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->owner_ids, i), filter->owner_id))
      owner = i + 1;
  /* a portfolio is the owner filter's last item, named for its member */
  if (filter->portfolio_id != NULL && filter->owner_id == NULL)
    {
      GtkStringList *owners = GTK_STRING_LIST (gtk_drop_down_get_model (self->owner_filter));
      g_autofree char *label = NULL;
      const char *name = filter->portfolio_id;

      for (guint i = 0; i < self->owner_ids->len; i++)
        if (g_str_equal (g_ptr_array_index (self->owner_ids, i), filter->portfolio_id))
          name = gtk_string_list_get_string (owners, i + 1);
      /* TRANSLATORS: the owner filter of the pipeline: the deals of the accounts a member owns */
      label = g_strdup_printf (_("Accounts of %s"), name);
      {
        const char *labels[] = { label, NULL };

        gtk_string_list_splice (owners, self->owner_ids->len + 1,
                                g_list_model_get_n_items (G_LIST_MODEL (owners)) - self->owner_ids->len - 1, labels);
      }
      g_free (self->portfolio_id);
      self->portfolio_id = g_strdup (filter->portfolio_id);
      owner = self->owner_ids->len + 1;
    }
  gtk_drop_down_set_selected (self->owner_filter, owner);

  if (filter->account_id != NULL && self->context != NULL)
    account = kam_store_load (kam_context_get_store (self->context), &kam_account_kind, filter->account_id, NULL);
  set_account (self, filter->account_id, account != NULL ? kam_record_get_string (account, "name")
                                                         : filter->account_id);

  gtk_drop_down_set_selected (self->tier_filter, filter->tier >= 0 && filter->tier < KAM_N_TIERS ? filter->tier + 1 : 0);
  if (filter->stage >= 0 && filter->stage < KAM_N_STAGES)
    stage = filter->stage + 1;
  else if (filter->status == KAM_PIPELINE_OPEN)
    stage = STAGE_ITEM_OPEN;
  else if (filter->status == KAM_PIPELINE_CLOSED)
    stage = STAGE_ITEM_CLOSED;
  gtk_drop_down_set_selected (self->stage_filter, stage);

  /* a close period of its own is the last item of the close filter */
  if (filter->close_from != NULL || filter->close_to != NULL)
    {
      /* TRANSLATORS: a close period of the pipeline's filter: two dates, YYYY-MM-DD */
      g_autofree char *label = g_strdup_printf (_("Closing %s – %s"), filter->close_from ? filter->close_from : "…",
                                                filter->close_to ? filter->close_to : "…");
      const char *labels[] = { label, NULL };

      g_free (self->custom_from);
      g_free (self->custom_to);
      self->custom_from = g_strdup (filter->close_from);
      self->custom_to = g_strdup (filter->close_to);
      gtk_string_list_splice (self->periods, PERIOD_CUSTOM,
                              g_list_model_get_n_items (G_LIST_MODEL (self->periods)) - PERIOD_CUSTOM, labels);
      gtk_drop_down_set_selected (self->period_filter, PERIOD_CUSTOM);
    }
  else
    gtk_drop_down_set_selected (self->period_filter, PERIOD_ANY);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter->search != NULL ? filter->search : "");
  self->updating = FALSE;
  period_changed_cb (self);

  if (list >= 0)
    gtk_toggle_button_set_active (list ? self->list_toggle : self->board_toggle, TRUE);
}

void
kam_pipeline_view_get_filter (KamPipelineView   *self,
                              KamPipelineFilter *filter)
{
  g_return_if_fail (KAM_IS_PIPELINE_VIEW (self));
  get_filter (self, filter);
}

gboolean
kam_pipeline_view_get_list_mode (KamPipelineView *self)
{
  g_return_val_if_fail (KAM_IS_PIPELINE_VIEW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->modes), "list") == 0;
}

GListModel *
kam_pipeline_view_get_list_model (KamPipelineView *self)
{
  g_return_val_if_fail (KAM_IS_PIPELINE_VIEW (self), NULL);
  return self->list != NULL ? kam_pipeline_list_get_model (KAM_PIPELINE_LIST (self->list)) : NULL;
}

const KamStageTotals *
kam_pipeline_view_get_totals (KamPipelineView *self)
{
  g_return_val_if_fail (KAM_IS_PIPELINE_VIEW (self), NULL);
  return self->totals;
}

void
kam_pipeline_view_edit_deal (KamPipelineView *self,
                             const char      *id)
{
  KamOpportunityDialog *dialog;

  g_return_if_fail (KAM_IS_PIPELINE_VIEW (self));

  if (self->context == NULL)
    return;
  dialog = kam_opportunity_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context, id);
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

void
kam_pipeline_view_new_deal (KamPipelineView *self,
                            const char      *account_id)
{
  KamOpportunityDialog *dialog;

  g_return_if_fail (KAM_IS_PIPELINE_VIEW (self));

  if (self->context == NULL)
    return;
  dialog = kam_opportunity_dialog_new_deal (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context,
                                            account_id);
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}
