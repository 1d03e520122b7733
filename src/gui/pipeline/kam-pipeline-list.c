/* kam-pipeline-list.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView over a KamRecordList of opportunities: filtering and
 * sorting run in SQL (kam-list.c).  GTK 4.8 cannot tell which column its
 * sorter sorts by, so, as the accounts list does, two probe objects are
 * compared through it: the primary column's sorter names its field, and
 * the sign of the answer gives the direction.
 */
#define G_LOG_DOMAIN "kam-pipeline-list"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-list.h"
#include "kam-model.h"
#include "kam-pipeline-list.h"

typedef enum {
  COL_NAME,
  COL_ACCOUNT,
  COL_STAGE,
  COL_AMOUNT,
  COL_PROBABILITY,
  COL_CLOSE,
  COL_OWNER,
  N_COLUMNS
} Column;

static const struct {
  const char *title;
  const char *sort_field;   /* NULL: not sortable */
  gboolean    numeric;
} columns[N_COLUMNS] = {
  [COL_NAME] = { N_("Name"), "name", FALSE },
  [COL_ACCOUNT] = { N_("Account"), NULL, FALSE },
  [COL_STAGE] = { N_("Stage"), "stage", FALSE },
  [COL_AMOUNT] = { N_("Amount"), "amount", TRUE },
  [COL_PROBABILITY] = { N_("Probability"), "probability", TRUE },
  [COL_CLOSE] = { N_("Expected close"), "expected_close", FALSE },
  [COL_OWNER] = { N_("Owner"), NULL, FALSE },
};

struct _KamPipelineList
{
  AdwBin          parent_instance;

  KamContext     *context;
  KamQuery       *query;
  KamRecordList  *list;
  GtkColumnView  *view;
  GHashTable     *account_names;   /* id -> name, emptied when accounts change */
  int             defaults[KAM_N_STAGES];
  GObject        *probe_a;
  GObject        *probe_b;
  const char     *probe_field;
};

G_DEFINE_FINAL_TYPE (KamPipelineList, kam_pipeline_list, ADW_TYPE_BIN)

static const char *
account_name (KamPipelineList *self,
              const char      *id)
{
  const char *name = g_hash_table_lookup (self->account_names, id);

  if (name == NULL)
    {
      g_autoptr(KamRecord) account = kam_store_load (kam_context_get_store (self->context), &kam_account_kind,
                                                     id, NULL);

      g_hash_table_insert (self->account_names, g_strdup (id),
                           g_strdup (account ? kam_record_get_string (account, "name") : ""));
      name = g_hash_table_lookup (self->account_names, id);
    }
  return name;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), columns[GPOINTER_TO_INT (column)].numeric ? 1 : 0);
  if (columns[GPOINTER_TO_INT (column)].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  column)
{
  KamPipelineList *self = g_object_get_data (G_OBJECT (factory), "list");
  KamRecord *deal = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;
  KamStage stage;
  int probability;

  if (deal == NULL)
    return;
  stage = kam_record_get_int (deal, "stage");
  switch (GPOINTER_TO_INT (column))
    {
    case COL_NAME:
      gtk_label_set_text (label, kam_record_get_string (deal, "name"));
      break;
    case COL_ACCOUNT:
      gtk_label_set_text (label, account_name (self, kam_record_get_string (deal, "account_id")));
      break;
    case COL_STAGE:
      gtk_label_set_text (label, kam_enum_to_label (KAM_TYPE_STAGE, stage));
      break;
    case COL_AMOUNT:
      text = kam_context_format_money (self->context, kam_record_get_double (deal, "amount"),
                                       kam_record_get_string (deal, "currency"));
      gtk_label_set_text (label, text);
      break;
    case COL_PROBABILITY:
      probability = kam_record_get_int (deal, "probability");
      if (kam_stage_is_closed (stage))
        text = g_strdup_printf ("%d%%", stage == KAM_STAGE_CLOSED_WON ? 100 : 0);
      else if (probability >= 0)
        /* TRANSLATORS: a probability the user set by hand */
        text = g_strdup_printf (_("%d%% (by hand)"), probability);
      else
        text = g_strdup_printf ("%d%%", self->defaults[stage]);
      gtk_label_set_text (label, text);
      break;
    case COL_CLOSE:
      gtk_label_set_text (label, kam_record_get_string (deal, "expected_close"));
      break;
    case COL_OWNER:
    default:
      gtk_label_set_text (label, kam_context_get_member_name (self->context, kam_record_get_string (deal, "owner_id")));
      break;
    }
}

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      column)
{
  KamPipelineList *self = g_object_get_data (G_OBJECT (a), "list");

  if (self->probe_field == NULL)
    self->probe_field = columns[GPOINTER_TO_INT (column)].sort_field;
  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   KamPipelineList *self)
{
  GtkOrdering order;

  self->probe_field = NULL;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (self->probe_field == NULL)
    kam_query_set_sort (self->query, "expected_close", FALSE, NULL);
  else
    kam_query_set_sort (self->query, self->probe_field, order == GTK_ORDERING_LARGER, NULL);
  kam_record_list_set_query (self->list, self->query);
}

static void
store_changed_cb (KamStore        *store,
                  guint            flags,
                  KamPipelineList *self)
{
  if (flags & (KAM_CHANGE_ACCOUNT | KAM_CHANGE_SETTINGS))
    {
      g_hash_table_remove_all (self->account_names);
      kam_insights_get_probabilities (store, self->defaults);
    }
}

static void
activate_cb (GtkColumnView   *view,
             guint            position,
             KamPipelineList *self)
{
  g_autoptr(KamRecord) deal = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (deal != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "pipeline.edit", "s", kam_record_get_id (deal));
}

static void
kam_pipeline_list_dispose (GObject *object)
{
  KamPipelineList *self = KAM_PIPELINE_LIST (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (kam_context_get_store (self->context), self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->view), self);
  g_clear_object (&self->context);
  g_clear_object (&self->list);
  g_clear_pointer (&self->query, kam_query_free);
  g_clear_pointer (&self->account_names, g_hash_table_unref);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  G_OBJECT_CLASS (kam_pipeline_list_parent_class)->dispose (object);
}

static void
kam_pipeline_list_class_init (KamPipelineListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kam_pipeline_list_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "kam-pipeline-list");
}

static void
kam_pipeline_list_init (KamPipelineList *self)
{
  self->account_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->query = kam_query_new (&kam_opportunity_kind);
  kam_query_set_sort (self->query, "expected_close", FALSE, NULL);
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (self->probe_a, "list", self);
  g_object_set_data (self->probe_b, "list", self);
}

GtkWidget *
kam_pipeline_list_new (KamContext *context)
{
  KamPipelineList *self = g_object_new (KAM_TYPE_PIPELINE_LIST, NULL);
  GtkNoSelection *selection;
  GtkWidget *scrolled;

  self->context = g_object_ref (context);
  kam_insights_get_probabilities (kam_context_get_store (context), self->defaults);
  self->list = kam_record_list_new (kam_context_get_store (context), self->query);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (selection)));
  gtk_column_view_set_single_click_activate (self->view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opportunities"), -1);
  g_signal_connect_object (self->view, "activate", G_CALLBACK (activate_cb), self, 0);

  for (int i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "list", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == COL_NAME || i == COL_ACCOUNT);
      if (columns[i].sort_field != NULL)
        {
          GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, GINT_TO_POINTER (i), NULL));

          gtk_column_view_column_set_sorter (column, sorter);
          g_object_unref (sorter);
        }
      gtk_column_view_append_column (self->view, column);
      g_object_unref (column);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->view), "changed", G_CALLBACK (sorter_changed_cb), self, 0);
  g_signal_connect_object (kam_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self, 0);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  adw_bin_set_child (ADW_BIN (self), scrolled);
  return GTK_WIDGET (self);
}

void
kam_pipeline_list_set_filter (KamPipelineList         *self,
                              const KamPipelineFilter *filter)
{
  g_return_if_fail (KAM_IS_PIPELINE_LIST (self));

  kam_pipeline_filter_to_query (filter, self->query);
  kam_record_list_set_query (self->list, self->query);
}

GListModel *
kam_pipeline_list_get_model (KamPipelineList *self)
{
  g_return_val_if_fail (KAM_IS_PIPELINE_LIST (self), NULL);
  return G_LIST_MODEL (self->list);
}
