/* kam-review-setup.c — what to review: period, scope, accounts, screen
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small dialog before review mode: the period (this and last quarter,
 * this and last month, this year), the scope (the whole team, one owner,
 * one region), the accounts (all, one tier, or chosen by hand), light or
 * dark, the monitor to show it on (the one without the main window when
 * there are several: the beamer) and whether to open the presenter view
 * (on when there are several monitors; kam_review_presenter_monitor()
 * chooses where).
 *
 * Chosen accounts are picked in a list with check boxes over a paged
 * KamRecordList of the accounts, searched by the store's text search, so
 * only the rows on screen are made even with tens of thousands of
 * accounts.  The choice is not remembered between reviews: account ids
 * belong to one database, and GSettings has no key per database.
 */
#define G_LOG_DOMAIN "kam-review"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kam-list.h"
#include "kam-review-setup.h"
#include "kam-store-private.h"

#define N_PERIODS 5

/* The rows of the accounts list */
enum {
  ACCOUNTS_ALL,
  ACCOUNTS_TIER_A,
  ACCOUNTS_TIER_B,
  ACCOUNTS_TIER_C,
  ACCOUNTS_CHOSEN,
};

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
  GtkSwitch    *presenter_switch;
  GtkWidget    *start_button;

  /* chosen accounts */
  GtkWidget    *chosen_group;
  GtkWidget    *search_entry;
  GtkWidget    *chosen_count;
  GtkWidget    *clear_button;
  KamQuery     *query;
  KamRecordList *list;
  GPtrArray    *chosen;       /* ids, in the order chosen */
  GHashTable   *chosen_set;   /* the same ids (not owned), for membership */
  GtkWidget    *list_view;

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
update_chosen (KamReviewSetup *self)
{
  gboolean chosen_mode = adw_combo_row_get_selected (self->accounts_row) == ACCOUNTS_CHOSEN;
  g_autofree char *count = NULL;

  if (self->chosen->len > KAM_REVIEW_MAX_ACCOUNT_SLIDES)
    /* TRANSLATORS: accounts chosen for the review, more than the deck shows */
    count = g_strdup_printf (_("%u chosen, the first %u get a slide"), self->chosen->len,
                             KAM_REVIEW_MAX_ACCOUNT_SLIDES);
  else
    /* TRANSLATORS: the number of accounts chosen for the review */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u chosen", "%u chosen", self->chosen->len),
                             self->chosen->len);
  gtk_label_set_text (GTK_LABEL (self->chosen_count), count);
  gtk_widget_set_sensitive (self->clear_button, self->chosen->len > 0);
  gtk_widget_set_visible (self->chosen_group, chosen_mode);
  gtk_widget_set_sensitive (self->start_button, !chosen_mode || self->chosen->len > 0);
}

static void
set_chosen (KamReviewSetup *self,
            const char     *id,
            gboolean        chosen)
{
  if (chosen == g_hash_table_contains (self->chosen_set, id))
    return;
  if (chosen)
    {
      char *copy = g_strdup (id);

      g_ptr_array_add (self->chosen, copy);
      g_hash_table_add (self->chosen_set, copy);
    }
  else
    {
      for (guint i = 0; i < self->chosen->len; i++)
        if (g_str_equal (self->chosen->pdata[i], id))
          {
            g_hash_table_remove (self->chosen_set, id);
            g_ptr_array_remove_index (self->chosen, i);
            break;
          }
    }
  update_chosen (self);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  KamReviewSetup *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "account-id");

  if (id != NULL)
    set_chosen (self, id, gtk_check_button_get_active (check));
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KamReviewSetup           *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_start (box, 6);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_margin_top (check, 4);
  gtk_widget_set_margin_bottom (check, 4);
  gtk_widget_set_margin_start (check, 6);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  gtk_list_item_set_child (item, check);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KamReviewSetup           *self)
{
  KamRecord *account = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_last_child (box);
  const char *local = kam_record_get_string (account, "local_name");
  const char *region = kam_record_get_string (account, "region");
  const char *owner = kam_context_get_member_name (self->context, kam_record_get_string (account, "owner_id"));
  g_autoptr(GString) text = g_string_new (kam_enum_to_label (KAM_TYPE_TIER, kam_record_get_int (account, "tier")));

  if (local != NULL && *local != '\0' && g_strcmp0 (local, kam_record_get_string (account, "name")) != 0)
    g_string_append_printf (text, " · %s", local);
  if (region != NULL && *region != '\0')
    g_string_append_printf (text, " · %s", region);
  if (owner != NULL && *owner != '\0')
    g_string_append_printf (text, " · %s", owner);

  /* the id first, so setting the box does not count as the user's toggle */
  g_object_set_data (G_OBJECT (check), "account-id", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->chosen_set, kam_record_get_id (account)));
  g_object_set_data_full (G_OBJECT (check), "account-id", g_strdup (kam_record_get_id (account)), g_free);
  gtk_label_set_text (GTK_LABEL (name), kam_record_get_string (account, "name"));
  gtk_label_set_text (GTK_LABEL (details), text->str);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               KamReviewSetup           *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "account-id", NULL);
}

static void
search_changed_cb (KamReviewSetup *self)
{
  kam_query_set_search (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  kam_record_list_set_query (self->list, self->query);
}

static void
clear_clicked_cb (KamReviewSetup *self)
{
  /* the boxes on screen, then the rest */
  for (GtkWidget *row = gtk_widget_get_first_child (self->list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_widget_get_first_child (row);

      if (GTK_IS_CHECK_BUTTON (check))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
    }
  g_hash_table_remove_all (self->chosen_set);
  g_ptr_array_set_size (self->chosen, 0);
  update_chosen (self);
}

static void
accounts_selected_cb (KamReviewSetup *self)
{
  update_chosen (self);
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
  g_clear_object (&self->list);
  g_clear_pointer (&self->query, kam_query_free);
  g_clear_pointer (&self->chosen_set, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
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
  self->chosen = g_ptr_array_new_with_free_func (g_free);
  self->chosen_set = g_hash_table_new (g_str_hash, g_str_equal);
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
  AdwPreferencesGroup *chosen = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *chosen_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *chosen_header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *presenter_row = adw_action_row_new ();
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
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
  self->start_button = start;
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
                                                  kam_enum_to_label (KAM_TYPE_TIER, KAM_TIER_C),
                                                  _("Chosen accounts"), NULL });
  self->accounts_row = combo_row (group, _("Accounts"), model);
  g_signal_connect_swapped (self->accounts_row, "notify::selected", G_CALLBACK (accounts_selected_cb), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* chosen accounts: search, then tick */
  self->chosen_group = GTK_WIDGET (chosen);
  adw_preferences_group_set_title (chosen, _("Chosen Accounts"));
  adw_preferences_group_set_description (chosen, _("One slide each, in the order chosen, for those in the scope."));
  self->chosen_count = gtk_label_new (NULL);
  gtk_widget_set_name (self->chosen_count, "chosen-count");
  gtk_widget_add_css_class (self->chosen_count, "dim-label");
  gtk_widget_add_css_class (self->chosen_count, "numeric");
  self->clear_button = gtk_button_new_with_mnemonic (_("C_lear"));
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_set_tooltip_text (self->clear_button, _("Choose no account"));
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self);
  gtk_widget_set_valign (self->clear_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (chosen_header), self->chosen_count);
  gtk_box_append (GTK_BOX (chosen_header), self->clear_button);
  adw_preferences_group_set_header_suffix (chosen, chosen_header);

  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_name (self->search_entry, "account-search");
  g_object_set (self->search_entry, "placeholder-text", _("Search accounts"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search accounts"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_box_append (GTK_BOX (chosen_box), self->search_entry);

  self->query = kam_query_new (&kam_account_kind);
  self->list = kam_record_list_new (kam_context_get_store (context), self->query);
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)))),
                                       factory);
  gtk_widget_set_name (self->list_view, "account-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Accounts"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list_view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (chosen_box), scroller);
  adw_preferences_group_add (chosen, chosen_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), chosen);

  model = gtk_string_list_new ((const char *[]) { _("Light"), _("Dark"), NULL });
  self->theme_row = combo_row (screen, _("Theme"), model);
  adw_combo_row_set_selected (self->theme_row, adw_style_manager_get_dark (style) ? 1 : 0);
  model = gtk_string_list_new (NULL);
  monitor = fill_monitors (self, model);
  self->monitor_row = combo_row (screen, _("Show on"), model);
  adw_combo_row_set_selected (self->monitor_row, monitor);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (presenter_row), _("Presenter View"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (presenter_row),
                               _("Current and next slide, notes and a clock on another screen"));
  self->presenter_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->presenter_switch), GTK_ALIGN_CENTER);
  gtk_switch_set_active (self->presenter_switch, g_list_model_get_n_items (monitors) > 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (presenter_row), GTK_WIDGET (self->presenter_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (presenter_row), GTK_WIDGET (self->presenter_switch));
  adw_preferences_group_add (screen, presenter_row);
  adw_preferences_group_set_description (screen, _("Keys: Page Down and Page Up or the arrows move, a number then "
                                                   "Enter jumps, B blanks to black, W to white, Esc leaves."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), screen);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), start);
  gtk_window_set_default_size (GTK_WINDOW (self), 500, 640);
  update_chosen (self);
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

/* The monitor for the presenter view when the deck is on @deck_monitor:
 * another one, preferably the main window's; NULL (a window over the deck)
 * when there is no other. */
static GdkMonitor *
choose_presenter_monitor (KamReviewSetup *self,
                          GListModel     *monitors,
                          GdkMonitor     *deck_monitor)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkSurface *surface = self->parent != NULL ? gtk_native_get_surface (GTK_NATIVE (self->parent)) : NULL;
  GdkMonitor *main = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  guint n = g_list_model_get_n_items (monitors);
  g_autofree cairo_rectangle_int_t *geometries = g_new0 (cairo_rectangle_int_t, MAX (n, 1));
  int deck_index = -1, main_index = -1, chosen;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      gdk_monitor_get_geometry (monitor, &geometries[i]);
      if (monitor == deck_monitor)
        deck_index = (int) i;
      if (monitor == main)
        main_index = (int) i;
    }
  if (deck_index < 0)
    return NULL;
  chosen = kam_review_presenter_monitor (geometries, n, (guint) deck_index, main_index);
  return chosen >= 0 ? g_list_model_get_item (monitors, (guint) chosen) : NULL;
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
  g_autofree char **ids = NULL;   /* the strings are the chosen ones' */

  kam_review_options_init (&options);
  options.period = self->periods[MIN (period, N_PERIODS - 1)];
  if (scope < self->scope_owner->len)
    {
      options.owner_id = self->scope_owner->pdata[scope];
      options.region = self->scope_region->pdata[scope];
    }
  if (accounts >= ACCOUNTS_TIER_A && accounts <= ACCOUNTS_TIER_C)
    options.tier = KAM_TIER_A + (int) accounts - ACCOUNTS_TIER_A;
  if (accounts == ACCOUNTS_CHOSEN)
    {
      if (self->chosen->len == 0)
        {
          g_set_error_literal (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                               _("Choose at least one account for the review."));
          return NULL;
        }
      ids = g_new0 (char *, self->chosen->len + 1);
      memcpy (ids, self->chosen->pdata, self->chosen->len * sizeof (char *));
      options.account_ids = (const char *const *) ids;
    }

  deck = kam_review_deck_build (kam_context_get_store (self->context), &options, NULL, error);
  if (deck == NULL)
    return NULL;
  if (monitor_index != GTK_INVALID_LIST_POSITION && monitor_index < g_list_model_get_n_items (monitors))
    monitor = g_list_model_get_item (monitors, monitor_index);
  window = kam_review_window_new (self->parent, deck, dark);
  kam_review_window_start (window, monitor);
  if (gtk_switch_get_active (self->presenter_switch))
    {
      g_autoptr(GdkMonitor) presenter_monitor = NULL;

      if (monitor != NULL)
        presenter_monitor = choose_presenter_monitor (self, monitors, monitor);
      kam_review_window_start_presenter (window, presenter_monitor);
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return window;
}

void
kam_review_setup_set_presenter (KamReviewSetup *self,
                                gboolean        presenter)
{
  g_return_if_fail (KAM_IS_REVIEW_SETUP (self));
  gtk_switch_set_active (self->presenter_switch, presenter);
}

gboolean
kam_review_setup_get_presenter (KamReviewSetup *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_SETUP (self), FALSE);
  return gtk_switch_get_active (self->presenter_switch);
}

guint
kam_review_setup_get_n_chosen (KamReviewSetup *self)
{
  g_return_val_if_fail (KAM_IS_REVIEW_SETUP (self), 0);
  return self->chosen->len;
}
