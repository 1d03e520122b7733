/* kam-opportunity-dialog.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The probability row says which probability is in force: the stage's
 * default (from the preferences, named with its value) or one set by hand,
 * which a stage change keeps (kam_probability_after_stage_change()).
 */
#define G_LOG_DOMAIN "kam-opportunity-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-model.h"
#include "kam-opportunity.h"
#include "kam-opportunity-dialog.h"
#include "kam-store-private.h"

/* The accounts a new deal without one can choose from (as the visit
 * editor's). */
#define MAX_ACCOUNTS 2000

struct _KamOpportunityDialog
{
  AdwWindow     parent_instance;

  KamContext   *context;
  KamRecord    *deal;
  gboolean      is_new;      /* the deal is not stored yet */
  GPtrArray    *owner_ids;   /* of the owner row's items after "No owner" */
  GPtrArray    *account_ids; /* of the account row's items (a new deal without its account) */
  int           defaults[KAM_N_STAGES];

  GtkWidget    *error_label;
  GtkWidget    *account;     /* AdwComboRow, or NULL when the account is fixed */
  GtkWidget    *name;
  GtkWidget    *amount;
  GtkWidget    *currency;
  GtkWidget    *stage;
  GtkWidget    *probability_row;
  GtkWidget    *by_hand;
  GtkWidget    *probability;
  GtkWidget    *expected_close;
  GtkWidget    *owner;
  GtkWidget    *competitors;
  GtkWidget    *next_step;
  GtkWidget    *reason;
  GtkWidget    *notes;
};

G_DEFINE_FINAL_TYPE (KamOpportunityDialog, kam_opportunity_dialog, ADW_TYPE_WINDOW)

static void
update_probability_row (KamOpportunityDialog *self)
{
  KamStage stage = adw_combo_row_get_selected (ADW_COMBO_ROW (self->stage));
  gboolean by_hand = gtk_switch_get_active (GTK_SWITCH (self->by_hand));
  gboolean closed = kam_stage_is_closed (stage);
  g_autofree char *subtitle = NULL;

  if (closed)
    subtitle = stage == KAM_STAGE_CLOSED_WON ? g_strdup_printf (_("%d%% for every deal won"), 100)
                                             : g_strdup_printf (_("%d%% for every deal lost"), 0);
  else if (by_hand)
    subtitle = g_strdup_printf (_("Set by hand; the default of %s would be %d%%"),
                                kam_enum_to_label (KAM_TYPE_STAGE, stage), self->defaults[stage]);
  else
    subtitle = g_strdup_printf (_("Default of %s: %d%%"), kam_enum_to_label (KAM_TYPE_STAGE, stage),
                                self->defaults[stage]);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->probability_row), subtitle);
  gtk_widget_set_sensitive (self->by_hand, !closed);
  gtk_widget_set_sensitive (self->probability, by_hand && !closed);
  if (!by_hand && !closed)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->probability), self->defaults[stage]);
  gtk_widget_set_visible (self->reason, closed);
}

static GtkWidget *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return row;
}

/* A new deal without its account: a choice of the accounts by name. */
static void
add_account_row (KamOpportunityDialog *self,
                 AdwPreferencesGroup  *group)
{
  g_autoptr(GtkStringList) accounts = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  sqlite3_stmt *stmt;

  self->account_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (accounts, _("Choose an account"));
  stmt = kam_store_prepare (kam_context_get_store (self->context),
                            "SELECT id, name FROM account WHERE deleted = 0 ORDER BY name COLLATE NOCASE LIMIT ?1",
                            NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, MAX_ACCOUNTS);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (self->account_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          gtk_string_list_append (accounts, (const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }

  self->account = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account), _("Account"));
  adw_combo_row_set_expression (ADW_COMBO_ROW (self->account), expression);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->account), G_LIST_MODEL (accounts));
  gtk_widget_set_name (self->account, "account-row");
  adw_preferences_group_add (group, self->account);
}

static void
show_error (KamOpportunityDialog *self,
            const GError         *error)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
  gtk_widget_set_visible (self->error_label, TRUE);
}

static void
save_clicked_cb (KamOpportunityDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (kam_opportunity_dialog_save (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
  else
    show_error (self, error);
}

static void
kam_opportunity_dialog_dispose (GObject *object)
{
  KamOpportunityDialog *self = KAM_OPPORTUNITY_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->deal);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_pointer (&self->account_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (kam_opportunity_dialog_parent_class)->dispose (object);
}

static void
kam_opportunity_dialog_class_init (KamOpportunityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_opportunity_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kam_opportunity_dialog_init (KamOpportunityDialog *self)
{
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
}

static void
build (KamOpportunityDialog *self,
       const char           *account_name)
{
  KamRecord *deal = self->deal;
  GtkWidget *toolbar, *header, *cancel, *save, *scrolled, *page, *group_widget, *row, *frame;
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  GListModel *members = kam_context_get_members (self->context);
  const char *owner_id = kam_record_get_string (deal, "owner_id");
  int probability = kam_record_get_int (deal, "probability");
  KamStage stage = kam_record_get_int (deal, "stage");
  guint owner_index = 0;
  GtkTextBuffer *buffer;

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Deal") : _("Opportunity"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  gtk_box_append (GTK_BOX (toolbar), header);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (page), self->error_label);

  /* the deal */
  group_widget = adw_preferences_group_new ();
  group = ADW_PREFERENCES_GROUP (group_widget);
  if (account_name != NULL)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Account"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), account_name);
      adw_preferences_group_add (group, row);
    }
  else
    add_account_row (self, group);
  self->name = entry_row (group, _("Name"), kam_record_get_string (deal, "name"));
  gtk_widget_set_name (self->name, "name");

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Amount"));
  self->amount = gtk_spin_button_new_with_range (0, 1e15, 1000);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->amount), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->amount), kam_record_get_double (deal, "amount"));
  gtk_widget_set_valign (self->amount, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->amount), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Amount"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->amount);
  adw_preferences_group_add (group, row);
  self->currency = entry_row (group, _("Currency"), kam_record_get_string (deal, "currency"));
  gtk_box_append (GTK_BOX (page), group_widget);

  /* where it stands */
  group_widget = adw_preferences_group_new ();
  group = ADW_PREFERENCES_GROUP (group_widget);
  for (int s = 0; s < KAM_N_STAGES; s++)
    gtk_string_list_append (stages, kam_enum_to_label (KAM_TYPE_STAGE, s));
  self->stage = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stage), _("Stage"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->stage), G_LIST_MODEL (stages));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->stage), stage);
  adw_preferences_group_add (group, self->stage);

  self->probability_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->probability_row), _("Probability"));
  self->by_hand = gtk_switch_new ();
  gtk_widget_set_valign (self->by_hand, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (self->by_hand), probability >= 0 && !kam_stage_is_closed (stage));
  gtk_widget_set_tooltip_text (self->by_hand, _("Set the probability by hand"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->by_hand), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Set the probability by hand"), -1);
  self->probability = gtk_spin_button_new_with_range (0, 100, 5);
  gtk_widget_set_valign (self->probability, GTK_ALIGN_CENTER);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->probability),
                             probability >= 0 ? probability : self->defaults[stage]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->probability), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Probability in percent"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->probability_row), self->probability);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->probability_row), self->by_hand);
  adw_preferences_group_add (group, self->probability_row);
  gtk_widget_set_name (self->probability_row, "probability-row");
  gtk_widget_set_name (self->probability, "probability");
  gtk_widget_set_name (self->by_hand, "by-hand");
  gtk_widget_set_name (self->stage, "stage");

  self->expected_close = entry_row (group, _("Expected close (YYYY-MM-DD)"), kam_record_get_string (deal, "expected_close"));

  gtk_string_list_append (owners, _("No owner"));
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(KamRecord) member = g_list_model_get_item (members, i);

      gtk_string_list_append (owners, kam_record_get_string (member, "name"));
      g_ptr_array_add (self->owner_ids, g_strdup (kam_record_get_id (member)));
      if (g_strcmp0 (owner_id, kam_record_get_id (member)) == 0)
        owner_index = i + 1;
    }
  self->owner = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->owner), _("Owner"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->owner), G_LIST_MODEL (owners));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->owner), owner_index);
  adw_preferences_group_add (group, self->owner);
  self->reason = entry_row (group, _("Won or lost reason"), kam_record_get_string (deal, "reason"));
  gtk_box_append (GTK_BOX (page), group_widget);

  /* the way to the deal */
  group_widget = adw_preferences_group_new ();
  group = ADW_PREFERENCES_GROUP (group_widget);
  self->competitors = entry_row (group, _("Competitors"), kam_record_get_string (deal, "competitors"));
  self->next_step = entry_row (group, _("Next step"), kam_record_get_string (deal, "next_step"));
  gtk_box_append (GTK_BOX (page), group_widget);

  group_widget = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group_widget), _("Notes"));
  self->notes = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->notes), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->notes), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->notes), 8);
  gtk_widget_set_size_request (self->notes, -1, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"), -1);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes));
  gtk_text_buffer_set_text (buffer, kam_record_get_string (deal, "notes"), -1);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), self->notes);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), frame);
  gtk_box_append (GTK_BOX (page), group_widget);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  {
    GtkWidget *clamp = adw_clamp_new ();

    adw_clamp_set_child (ADW_CLAMP (clamp), page);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  }
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  g_signal_connect_swapped (self->stage, "notify::selected", G_CALLBACK (update_probability_row), self);
  g_signal_connect_swapped (self->by_hand, "notify::active", G_CALLBACK (update_probability_row), self);
  update_probability_row (self);
}

KamOpportunityDialog *
kam_opportunity_dialog_new (GtkWindow  *parent,
                            KamContext *context,
                            const char *id)
{
  KamOpportunityDialog *self;
  g_autoptr(KamRecord) deal = NULL;
  g_autoptr(KamRecord) account = NULL;
  KamStore *store = kam_context_get_store (context);

  deal = kam_store_load (store, &kam_opportunity_kind, id, NULL);
  if (deal == NULL)
    return NULL;
  account = kam_store_load (store, &kam_account_kind, kam_record_get_string (deal, "account_id"), NULL);

  self = g_object_new (KAM_TYPE_OPPORTUNITY_DIALOG, "modal", TRUE, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->deal = g_steal_pointer (&deal);
  kam_insights_get_probabilities (store, self->defaults);
  build (self, account ? kam_record_get_string (account, "name") : "");
  return self;
}

KamOpportunityDialog *
kam_opportunity_dialog_new_deal (GtkWindow  *parent,
                                 KamContext *context,
                                 const char *account_id)
{
  KamOpportunityDialog *self;
  KamStore *store = kam_context_get_store (context);
  GSettings *settings = kam_context_get_settings (context);
  g_autoptr(KamRecord) account = NULL;
  const char *owner_id = kam_context_get_me (context);

  if (account_id != NULL && *account_id != '\0')
    {
      account = kam_store_load (store, &kam_account_kind, account_id, NULL);
      if (account == NULL)
        return NULL;
      if (*kam_record_get_string (account, "owner_id") != '\0')
        owner_id = kam_record_get_string (account, "owner_id");
    }

  self = g_object_new (KAM_TYPE_OPPORTUNITY_DIALOG, "modal", TRUE, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->deal = KAM_RECORD (kam_opportunity_new ());
  self->is_new = TRUE;
  if (account != NULL)
    kam_record_set_from_string (self->deal, "account_id", account_id, NULL);
  if (owner_id != NULL)
    kam_record_set_from_string (self->deal, "owner_id", owner_id, NULL);
  if (settings != NULL)
    {
      g_autofree char *currency = g_settings_get_string (settings, "currency");

      if (*currency != '\0')
        kam_record_set_from_string (self->deal, "currency", currency, NULL);
    }
  kam_insights_get_probabilities (store, self->defaults);
  build (self, account ? kam_record_get_string (account, "name") : NULL);
  return self;
}

const char *
kam_opportunity_dialog_get_id (KamOpportunityDialog *self)
{
  g_return_val_if_fail (KAM_IS_OPPORTUNITY_DIALOG (self), NULL);
  return kam_record_get_id (self->deal);
}

gboolean
kam_opportunity_dialog_save (KamOpportunityDialog  *self,
                             GError               **error)
{
  g_autoptr(KamRecord) deal = NULL;
  KamStage old_stage, stage = adw_combo_row_get_selected (ADW_COMBO_ROW (self->stage));
  guint owner = adw_combo_row_get_selected (ADW_COMBO_ROW (self->owner));
  int probability = gtk_switch_get_active (GTK_SWITCH (self->by_hand))
    ? gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->probability)) : -1;
  char amount[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *probability_text = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes));
  GtkTextIter start, end;
  const struct { const char *field; GtkWidget *entry; } texts[] = {
    { "name", self->name }, { "currency", self->currency }, { "expected_close", self->expected_close },
    { "competitors", self->competitors }, { "next_step", self->next_step }, { "reason", self->reason },
  };

  if (self->is_new)
    {
      /* a new deal keeps the stage and probability it is given */
      deal = g_object_ref (self->deal);
      if (self->account != NULL)
        {
          guint pos = adw_combo_row_get_selected (ADW_COMBO_ROW (self->account));

          if (pos == 0 || pos > self->account_ids->len)
            {
              g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED, _("Choose the account of the deal"));
              return FALSE;
            }
          if (!kam_record_set_from_string (deal, "account_id", g_ptr_array_index (self->account_ids, pos - 1), error))
            return FALSE;
        }
    }
  else
    {
      /* the stored record, so that nothing written since is lost */
      deal = kam_store_load (kam_context_get_store (self->context), &kam_opportunity_kind,
                             kam_record_get_id (self->deal), error);
      if (deal == NULL)
        return FALSE;
      old_stage = kam_record_get_int (deal, "stage");
      if (stage != old_stage)
        probability = kam_probability_after_stage_change (old_stage, stage, probability);
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!kam_record_set_from_string (deal, texts[i].field, gtk_editable_get_text (GTK_EDITABLE (texts[i].entry)), error))
      return FALSE;

  g_ascii_dtostr (amount, sizeof amount, gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->amount)));
  probability_text = g_strdup_printf ("%d", probability);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!kam_record_set_from_string (deal, "amount", amount, error)
      || !kam_record_set_from_string (deal, "stage", kam_enum_to_string (KAM_TYPE_STAGE, stage), error)
      || !kam_record_set_from_string (deal, "probability", probability_text, error)
      || !kam_record_set_from_string (deal, "owner_id",
                                      owner > 0 && owner <= self->owner_ids->len
                                        ? g_ptr_array_index (self->owner_ids, owner - 1) : "", error)
      || !kam_record_set_from_string (deal, "notes", notes, error))
    return FALSE;

  if (!kam_store_save (kam_context_get_store (self->context), deal, error))
    return FALSE;
  self->is_new = FALSE;
  return TRUE;
}
