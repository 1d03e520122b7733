/* kam-review-setup.c — what to review: period, scope, accounts, screen
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small dialog before review mode: the period (this and last quarter,
 * this and last month, this year), the scope (the whole team, one owner,
 * one region), the accounts (all, or one tier), light or dark, and the
 * monitor to show it on (the one without the main window when there are
 * several: the beamer).
 */
#define G_LOG_DOMAIN "kam-review"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-review-setup.h"
#include "kam-store-private.h"

#define N_PERIODS 5

struct _KamReviewSetup
{
  AdwWindow     parent_instance;

  KamContext   *context;
  GtkWindow    *parent;
  AdwComboRow  *period_row;
  AdwComboRow  *scope_row;
  AdwComboRow  *accounts_row;
  AdwComboRow  *theme_row;
  AdwComboRow  *monitor_row;

  KamPeriod     periods[N_PERIODS];
  GPtrArray    *scope_owner;   /* member id or NULL, per scope row */
  GPtrArray    *scope_region;  /* region or NULL, per scope row */
};

G_DEFINE_FINAL_TYPE (KamReviewSetup, kam_review_setup, ADW_TYPE_WINDOW)

static const char members_sql[] =
  "SELECT id, name FROM member WHERE deleted = 0 ORDER BY name, id";
static const char regions_sql[] =
  "SELECT DISTINCT region FROM account INDEXED BY account_region WHERE deleted = 0 AND region <> '' ORDER BY region";

static AdwComboRow *
combo_row (AdwPreferencesGroup *group,
           const char          *title,
           GtkStringList       *model)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_object_unref (model);
  return row;
}

static void
fill_periods (KamReviewSetup *self,
              GtkStringList  *model)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now);
  int quarter_month = (month - 1) / 3 * 3 + 1;

  self->periods[0] = (KamPeriod) { year, quarter_month, 3 };
  self->periods[1] = quarter_month > 3 ? (KamPeriod) { year, quarter_month - 3, 3 } : (KamPeriod) { year - 1, 10, 3 };
  self->periods[2] = (KamPeriod) { year, month, 1 };
  self->periods[3] = month > 1 ? (KamPeriod) { year, month - 1, 1 } : (KamPeriod) { year - 1, 12, 1 };
  self->periods[4] = (KamPeriod) { year, 1, 12 };
  for (guint i = 0; i < N_PERIODS; i++)
    {
      g_autofree char *label = kam_review_period_label (&self->periods[i]);
      gtk_string_list_append (model, label);
    }
}

static void
fill_scopes (KamReviewSetup *self,
             GtkStringList  *model)
{
  KamStore *store = kam_context_get_store (self->context);
  sqlite3_stmt *stmt;

  gtk_string_list_append (model, _("Whole team"));
  g_ptr_array_add (self->scope_owner, NULL);
  g_ptr_array_add (self->scope_region, NULL);

  if ((stmt = kam_store_prepare (store, members_sql, NULL)) != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gtk_string_list_append (model, (const char *) sqlite3_column_text (stmt, 1));
          g_ptr_array_add (self->scope_owner, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_ptr_array_add (self->scope_region, NULL);
        }
      sqlite3_reset (stmt);
    }
  if ((stmt = kam_store_prepare (store, regions_sql, NULL)) != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *region = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *label = g_strdup_printf (_("Region %s"), region);

          gtk_string_list_append (model, label);
          g_ptr_array_add (self->scope_owner, NULL);
          g_ptr_array_add (self->scope_region, g_strdup (region));
        }
      sqlite3_reset (stmt);
    }
}

static guint
fill_monitors (KamReviewSetup *self,
               GtkStringList  *model)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkSurface *surface = self->parent != NULL ? gtk_native_get_surface (GTK_NATIVE (self->parent)) : NULL;
  GdkMonitor *mine = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  guint n = g_list_model_get_n_items (monitors), chosen = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;
      const char *name = gdk_monitor_get_model (monitor);
      g_autofree char *label = NULL;

      gdk_monitor_get_geometry (monitor, &geometry);
      if (name == NULL)
        name = gdk_monitor_get_connector (monitor);
      label = g_strdup_printf ("%s (%d × %d)", name != NULL ? name : "", geometry.width, geometry.height);
      gtk_string_list_append (model, label);
      if (n > 1 && monitor != mine && chosen == 0 && mine != NULL)
        chosen = i;
    }
  return chosen;
}

static void
start_clicked_cb (KamReviewSetup *self)
{
  g_autoptr(GError) error = NULL;

  if (kam_review_setup_start (self, &error) == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The review could not be prepared"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
kam_review_setup_finalize (GObject *object)
{
  KamReviewSetup *self = KAM_REVIEW_SETUP (object);

  g_clear_object (&self->context);
  g_ptr_array_unref (self->scope_owner);
  g_ptr_array_unref (self->scope_region);
  G_OBJECT_CLASS (kam_review_setup_parent_class)->finalize (object);
}

static void
kam_review_setup_class_init (KamReviewSetupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kam_review_setup_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kam_review_setup_init (KamReviewSetup *self)
{
  self->scope_owner = g_ptr_array_new_with_free_func (g_free);
  self->scope_region = g_ptr_array_new_with_free_func (g_free);
}

KamReviewSetup *
kam_review_setup_new (KamContext *context,
                      GtkWindow  *parent)
{
  KamReviewSetup *self = g_object_new (KAM_TYPE_REVIEW_SETUP, "modal", TRUE, "transient-for", parent,
                                       "default-width", 480, "title", _("Review Mode"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *start = gtk_button_new_with_mnemonic (_("_Start"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *screen = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkStringList *model;
  AdwStyleManager *style = adw_style_manager_get_default ();
  guint monitor;

  self->context = g_object_ref (context);
  self->parent = parent;

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_widget_add_css_class (start, "suggested-action");
  g_signal_connect_swapped (start, "clicked", G_CALLBACK (start_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), start);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_description (group, _("The deck is made from the data as it is now."));
  model = gtk_string_list_new (NULL);
  fill_periods (self, model);
  self->period_row = combo_row (group, _("Period"), model);
  model = gtk_string_list_new (NULL);
  fill_scopes (self, model);
  self->scope_row = combo_row (group, _("Scope"), model);
  model = gtk_string_list_new ((const char *[]) { _("All accounts"), kam_enum_to_label (KAM_TYPE_TIER, KAM_TIER_A),
                                                  kam_enum_to_label (KAM_TYPE_TIER, KAM_TIER_B),
                                                  kam_enum_to_label (KAM_TYPE_TIER, KAM_TIER_C), NULL });
  self->accounts_row = combo_row (group, _("Accounts"), model);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  model = gtk_string_list_new ((const char *[]) { _("Light"), _("Dark"), NULL });
  self->theme_row = combo_row (screen, _("Theme"), model);
  adw_combo_row_set_selected (self->theme_row, adw_style_manager_get_dark (style) ? 1 : 0);
  model = gtk_string_list_new (NULL);
  monitor = fill_monitors (self, model);
  self->monitor_row = combo_row (screen, _("Show on"), model);
  adw_combo_row_set_selected (self->monitor_row, monitor);
  adw_preferences_group_set_description (screen, _("Keys: Page Down and Page Up or the arrows move, a number then "
                                                   "Enter jumps, B blanks to black, W to white, Esc leaves."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), screen);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), start);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 560);
  return self;
}

void
kam_review_setup_choose (KamReviewSetup *self,
                         const char     *list,
                         guint           position)
{
  AdwComboRow *row = g_str_equal (list, "period") ? self->period_row
                     : g_str_equal (list, "scope") ? self->scope_row
                     : g_str_equal (list, "accounts") ? self->accounts_row : self->theme_row;

  adw_combo_row_set_selected (row, position);
}

KamReviewWindow *
kam_review_setup_start (KamReviewSetup  *self,
                        GError         **error)
{
  KamReviewOptions options;
  KamReviewDeck *deck;
  KamReviewWindow *window;
  guint period = adw_combo_row_get_selected (self->period_row);
  guint scope = adw_combo_row_get_selected (self->scope_row);
  guint accounts = adw_combo_row_get_selected (self->accounts_row);
  guint monitor_index = adw_combo_row_get_selected (self->monitor_row);
  gboolean dark = adw_combo_row_get_selected (self->theme_row) == 1;
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = NULL;

  kam_review_options_init (&options);
  options.period = self->periods[MIN (period, N_PERIODS - 1)];
  if (scope < self->scope_owner->len)
    {
      options.owner_id = self->scope_owner->pdata[scope];
      options.region = self->scope_region->pdata[scope];
    }
  if (accounts >= 1 && accounts <= 3)
    options.tier = KAM_TIER_A + (int) accounts - 1;

  deck = kam_review_deck_build (kam_context_get_store (self->context), &options, NULL, error);
  if (deck == NULL)
    return NULL;
  if (monitor_index != GTK_INVALID_LIST_POSITION && monitor_index < g_list_model_get_n_items (monitors))
    monitor = g_list_model_get_item (monitors, monitor_index);
  window = kam_review_window_new (self->parent, deck, dark);
  kam_review_window_start (window, monitor);
  gtk_window_destroy (GTK_WINDOW (self));
  return window;
}
