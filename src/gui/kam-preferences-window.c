/* kam-preferences-window.c — personal and team-wide preferences
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Your name" and the currency are personal: they live in GSettings.  The
 * rest is shared by the team and by `kam`, so it lives in the database
 * (kam_store_get_setting()/kam_store_set_setting()):
 *
 *   abc-a, abc-b                 cumulative revenue shares, "0.80" / "0.95"
 *   cadence-a, -b, -c            days between visits per tier, "7" / "30" / "90"
 *   probability-<stage nick>     default probability of an open stage, "10" …
 *   won-reasons, lost-reasons    newline-separated lists
 *
 * Every change is written at once; nothing waits for the window to close.
 */
#define G_LOG_DOMAIN "kam-preferences"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kam-analytics.h"
#include "kam-enums.h"
#include "kam-preferences-window.h"
#include "kam-sync-page.h"

#define CADENCE_MIN 1
#define CADENCE_MAX 3660

typedef enum {
  REASONS_WON,
  REASONS_LOST,
  N_REASONS
} ReasonsKind;

typedef struct {
  const char *key;
  const char *defaults;
} ReasonsSetting;

static const ReasonsSetting reasons_settings[N_REASONS] = {
  [REASONS_WON] = { "won-reasons", "Price\nProduct fit\nRelationship\nService" },
  [REASONS_LOST] = { "lost-reasons", "Price\nProduct gap\nCompetitor relationship\nNo decision\nTiming" },
};

static const struct {
  const char *key;
  int         fallback;
} cadence_settings[KAM_N_TIERS] = {
  [KAM_TIER_A] = { "cadence-a", 7 },
  [KAM_TIER_B] = { "cadence-b", 30 },
  [KAM_TIER_C] = { "cadence-c", 90 },
};

struct _KamPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  KamContext           *context;

  /* template */
  AdwComboRow          *owner_row;
  GtkStringList        *owner_names;
  AdwEntryRow          *currency_row;
  AdwPreferencesGroup  *abc_group;
  GtkLabel             *abc_error_label;
  AdwPreferencesGroup  *cadence_group;
  AdwPreferencesGroup  *probability_group;
  GtkListBox           *reason_lists[N_REASONS];
  AdwEntryRow          *reason_entries[N_REASONS];
  GtkWidget            *reason_add_buttons[N_REASONS];

  GtkSpinButton        *abc_spins[2];      /* tier A, tier B, in percent */
  gboolean              abc_unsaved[2];    /* shown but not written: the pair is invalid */
  GtkSpinButton        *cadence_spins[KAM_N_TIERS];

  guint                 reloading_owners : 1;
};

G_DEFINE_FINAL_TYPE (KamPreferencesWindow, kam_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ----------------------------------------------------------------- */

static void
show_error (KamPreferencesWindow *self,
            const char           *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static gboolean
write_setting (KamPreferencesWindow *self,
               const char           *key,
               const char           *value)
{
  g_autoptr(GError) error = NULL;

  if (!kam_store_set_setting (kam_context_get_store (self->context), key, value, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Cannot save the preference: %s"), error->message);

      show_error (self, message);
      return FALSE;
    }

  return TRUE;
}

/* An integer setting in [min, max], or @fallback when unset or unreadable. */
static int
read_int_setting (KamPreferencesWindow *self,
                  const char           *key,
                  int                   fallback,
                  int                   min,
                  int                   max)
{
  g_autofree char *text = kam_store_get_setting (kam_context_get_store (self->context), key, NULL);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (g_strstrip (text), 10, min, max, &value, NULL))
    return fallback;

  return (int) value;
}

/* Writes the value of @spin to @key; when that fails, shows the stored value
 * again so that the window never shows what is not saved. */
static void
save_int_spin (KamPreferencesWindow *self,
               GtkSpinButton        *spin,
               const char           *key,
               int                   fallback)
{
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));
  double lower, upper;

  if (write_setting (self, key, value))
    return;

  gtk_spin_button_get_range (spin, &lower, &upper);
  g_signal_handlers_block_matched (spin, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_spin_button_set_value (spin, read_int_setting (self, key, fallback, (int) lower, (int) upper));
  g_signal_handlers_unblock_matched (spin, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
set_invalid (GtkWidget *widget,
             gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* A row with a spin button at its end, the way numbers are edited here.
 * @unit, when given, is shown after the number ("%"). */
static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              int                  lower,
              int                  upper,
              int                  value,
              const char          *unit)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  if (subtitle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                    -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  if (unit != NULL)
    {
      GtkWidget *label = gtk_label_new (unit);

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);

  return GTK_SPIN_BUTTON (spin);
}

/* General: your name ------------------------------------------------------ */

static void
reload_owner_names (KamPreferencesWindow *self)
{
  GSettings *settings = kam_context_get_settings (self->context);
  GListModel *members = kam_context_get_members (self->context);
  g_autofree char *me = settings ? g_settings_get_string (settings, "owner-name") : g_strdup ("");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_members = g_list_model_get_n_items (members);
  guint selected = 0;

  /* Item 0 stands for "nobody yet", the empty owner-name. */
  g_ptr_array_add (names, (gpointer) _("Not set"));
  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(KamRecord) member = g_list_model_get_item (members, i);
      const char *name = kam_record_get_string (member, "name");

      if (name == NULL || *name == '\0')
        continue;
      if (*me != '\0' && selected == 0 && g_utf8_collate (name, me) == 0)
        selected = names->len;
      /* The model keeps the members, so the names outlive this function. */
      g_ptr_array_add (names, (gpointer) name);
    }

  /* A name set before its member was added (or synced) stays choosable. */
  if (*me != '\0' && selected == 0)
    {
      selected = names->len;
      g_ptr_array_add (names, me);
    }
  g_ptr_array_add (names, NULL);

  self->reloading_owners = TRUE;
  gtk_string_list_splice (self->owner_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->owner_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->owner_row, selected);
  self->reloading_owners = FALSE;
}

static char *
dup_selected_owner (KamPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->owner_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return g_strdup ("");

  return g_strdup (gtk_string_list_get_string (self->owner_names, selected));
}

static void
owner_selected_cb (KamPreferencesWindow *self)
{
  GSettings *settings = self->context ? kam_context_get_settings (self->context) : NULL;
  g_autofree char *name = NULL;

  if (self->reloading_owners || settings == NULL)
    return;

  name = dup_selected_owner (self);
  if (!g_settings_set_string (settings, "owner-name", name))
    show_error (self, _("Cannot save your name: the setting is locked"));
}

static void
owner_name_changed_cb (KamPreferencesWindow *self)
{
  GSettings *settings = kam_context_get_settings (self->context);
  g_autofree char *name = g_settings_get_string (settings, "owner-name");
  g_autofree char *shown = dup_selected_owner (self);

  /* Our own write comes back here; only a change made elsewhere reloads. */
  if (g_strcmp0 (name, shown) != 0)
    reload_owner_names (self);
}

/* General: currency -------------------------------------------------------- */

static gboolean
is_currency_code (const char *text)
{
  return strlen (text) == 3
         && g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && g_ascii_isupper (text[2]);
}

static void
currency_changed_cb (KamPreferencesWindow *self)
{
  /* NULL while the template is being built. */
  GSettings *settings = self->context ? kam_context_get_settings (self->context) : NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->currency_row));
  g_autofree char *stored = NULL;
  gboolean has_lower = FALSE;

  if (settings == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    has_lower |= g_ascii_islower (*p);
  if (has_lower)
    {
      /* "usd" means USD: fix the case as the user types (this re-enters). */
      g_autofree char *upper = g_ascii_strup (text, -1);

      gtk_editable_set_text (GTK_EDITABLE (self->currency_row), upper);
      gtk_editable_set_position (GTK_EDITABLE (self->currency_row), -1);
      return;
    }

  if (!is_currency_code (text))
    {
      set_invalid (GTK_WIDGET (self->currency_row), TRUE);
      return;
    }

  set_invalid (GTK_WIDGET (self->currency_row), FALSE);
  stored = g_settings_get_string (settings, "currency");
  if (!g_str_equal (stored, text) && !g_settings_set_string (settings, "currency", text))
    show_error (self, _("Cannot save the currency: the setting is locked"));
}

/* Segmentation ------------------------------------------------------------ */

static const char * const abc_keys[2] = { "abc-a", "abc-b" };

static void
show_abc_valid (KamPreferencesWindow *self,
                gboolean              valid)
{
  gtk_widget_set_visible (GTK_WIDGET (self->abc_error_label), !valid);
  for (guint i = 0; i < 2; i++)
    set_invalid (GTK_WIDGET (self->abc_spins[i]), !valid);
}

/* Shows the stored thresholds, as whole percents. */
static void
load_abc (KamPreferencesWindow *self)
{
  KamStore *store = kam_context_get_store (self->context);
  g_autofree char *a_text = kam_store_get_setting (store, abc_keys[0], "0.80");
  g_autofree char *b_text = kam_store_get_setting (store, abc_keys[1], "0.95");
  KamAbcThresholds thresholds;

  thresholds.a = g_ascii_strtod (a_text, NULL);
  thresholds.b = g_ascii_strtod (b_text, NULL);
  if (!kam_abc_thresholds_valid (&thresholds))
    kam_abc_thresholds_init_default (&thresholds);

  for (guint i = 0; i < 2; i++)
    {
      g_signal_handlers_block_matched (self->abc_spins[i], G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_spin_button_set_value (self->abc_spins[i], round ((i == 0 ? thresholds.a : thresholds.b) * 100));
      g_signal_handlers_unblock_matched (self->abc_spins[i], G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      self->abc_unsaved[i] = FALSE;
    }
  show_abc_valid (self, TRUE);
}

static void
abc_value_changed_cb (KamPreferencesWindow *self,
                      GtkSpinButton        *spin)
{
  KamAbcThresholds thresholds;
  gboolean valid;

  self->abc_unsaved[spin == self->abc_spins[0] ? 0 : 1] = TRUE;

  thresholds.a = gtk_spin_button_get_value_as_int (self->abc_spins[0]) / 100.0;
  thresholds.b = gtk_spin_button_get_value_as_int (self->abc_spins[1]) / 100.0;
  valid = kam_abc_thresholds_valid (&thresholds);
  show_abc_valid (self, valid);

  /* An invalid pair stays on screen, with the error, until it is fixed;
   * then both values are written. */
  if (!valid)
    return;

  for (guint i = 0; i < 2; i++)
    {
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      if (!self->abc_unsaved[i])
        continue;
      g_ascii_formatd (value, sizeof value, "%.2f", i == 0 ? thresholds.a : thresholds.b);
      if (!write_setting (self, abc_keys[i], value))
        {
          load_abc (self);
          return;
        }
      self->abc_unsaved[i] = FALSE;
    }
}

static void
build_segmentation (KamPreferencesWindow *self)
{
  const char *subtitle = _("Share of all revenue, counted from the largest account");
  const char *percent = C_("unit", "%");

  self->abc_spins[0] = add_spin_row (self->abc_group, _("Tier A closes at"), subtitle, 1, 99, 80, percent);
  self->abc_spins[1] = add_spin_row (self->abc_group, _("Tier B closes at"), subtitle, 2, 100, 95, percent);
  for (guint i = 0; i < 2; i++)
    {
      /* A single reference, not a NULL-terminated list. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->abc_spins[i]),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, self->abc_error_label,
                                      -1);
      g_signal_connect_object (self->abc_spins[i], "value-changed",
                               G_CALLBACK (abc_value_changed_cb), self, G_CONNECT_SWAPPED);
    }
  load_abc (self);
}

/* Visits ------------------------------------------------------------------ */

static void
update_cadence_subtitle (GtkSpinButton *spin)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW);
  int days = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *subtitle = g_strdup_printf (ngettext ("Every %d day", "Every %d days", days), days);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
cadence_value_changed_cb (KamPreferencesWindow *self,
                          GtkSpinButton        *spin)
{
  for (guint tier = 0; tier < KAM_N_TIERS; tier++)
    {
      if (spin != self->cadence_spins[tier])
        continue;

      save_int_spin (self, spin, cadence_settings[tier].key, cadence_settings[tier].fallback);
      update_cadence_subtitle (spin);
    }
}

static void
build_visits (KamPreferencesWindow *self)
{
  const char *titles[KAM_N_TIERS] = {
    [KAM_TIER_A] = _("Tier A accounts"),
    [KAM_TIER_B] = _("Tier B accounts"),
    [KAM_TIER_C] = _("Tier C accounts"),
  };

  for (guint tier = 0; tier < KAM_N_TIERS; tier++)
    {
      int days = read_int_setting (self, cadence_settings[tier].key, cadence_settings[tier].fallback,
                                   CADENCE_MIN, CADENCE_MAX);
      GtkSpinButton *spin = add_spin_row (self->cadence_group, titles[tier], NULL,
                                          CADENCE_MIN, CADENCE_MAX, days, NULL);

      /* The subtitle says it in words ("Every 7 days"), so the number
       * needs no unit of its own. */
      self->cadence_spins[tier] = spin;
      update_cadence_subtitle (spin);
      g_signal_connect_object (spin, "value-changed",
                               G_CALLBACK (cadence_value_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

/* Pipeline: probabilities ------------------------------------------------- */

static char *
probability_key (KamStage stage)
{
  return g_strconcat ("probability-", kam_enum_to_string (KAM_TYPE_STAGE, stage), NULL);
}

static void
probability_value_changed_cb (KamPreferencesWindow *self,
                              GtkSpinButton        *spin)
{
  KamStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "kam-stage"));
  g_autofree char *key = probability_key (stage);

  save_int_spin (self, spin, key, kam_stage_default_probability (stage));
}

static void
build_probabilities (KamPreferencesWindow *self)
{
  const char *percent = C_("unit", "%");

  for (KamStage stage = 0; stage < KAM_N_STAGES; stage++)
    {
      const char *title = kam_enum_to_label (KAM_TYPE_STAGE, stage);
      GtkSpinButton *spin;

      if (kam_stage_is_closed (stage))
        {
          /* Won is certain and lost is nothing: shown, not editable. */
          spin = add_spin_row (self->probability_group, title, _("Fixed"), 0, 100,
                               kam_stage_default_probability (stage), percent);
          gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW),
                                    FALSE);
        }
      else
        {
          g_autofree char *key = probability_key (stage);
          int value = read_int_setting (self, key, kam_stage_default_probability (stage), 0, 100);

          spin = add_spin_row (self->probability_group, title, NULL, 0, 100, value, percent);
          g_object_set_data (G_OBJECT (spin), "kam-stage", GINT_TO_POINTER (stage));
          g_signal_connect_object (spin, "value-changed",
                                   G_CALLBACK (probability_value_changed_cb), self, G_CONNECT_SWAPPED);
        }
    }
}

/* Pipeline: won and lost reasons ------------------------------------------ */

static void reason_remove_clicked_cb (KamPreferencesWindow *self,
                                      GtkButton            *button);

static ReasonsKind
reasons_kind_of (KamPreferencesWindow *self,
                 GtkWidget            *widget)
{
  GtkWidget *list = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX);

  return list == GTK_WIDGET (self->reason_lists[REASONS_LOST]) ? REASONS_LOST : REASONS_WON;
}

/* The reasons shown, in order, as a NULL-terminated array of their titles. */
static GPtrArray *
dup_reasons (KamPreferencesWindow *self,
             ReasonsKind           kind,
             GtkWidget            *skip_row)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->reason_lists[kind]));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!ADW_IS_ACTION_ROW (child) || child == skip_row)
        continue;
      g_ptr_array_add (reasons, g_strdup (g_object_get_data (G_OBJECT (child), "kam-reason")));
    }
  g_ptr_array_add (reasons, NULL);

  return reasons;
}

static gboolean
save_reasons (KamPreferencesWindow *self,
              ReasonsKind           kind,
              GPtrArray            *reasons)
{
  g_autofree char *value = g_strjoinv ("\n", (char **) reasons->pdata);

  return write_setting (self, reasons_settings[kind].key, value);
}

static GtkWidget *
reason_row_new (KamPreferencesWindow *self,
                const char           *reason)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove “%s”"), _(reason));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* The defaults are stored in English and shown translated (the team may
   * not share a language); a reason typed in is kept as typed. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(reason));
  g_object_set_data_full (G_OBJECT (row), "kam-reason", g_strdup (reason), g_free);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (reason_remove_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "kam-remove-button", button);

  return row;
}

static void
insert_reason_row (KamPreferencesWindow *self,
                   ReasonsKind           kind,
                   const char           *reason)
{
  GtkListBox *list = self->reason_lists[kind];
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->reason_entries[kind]));

  /* Before the entry row, which stays last. */
  gtk_list_box_insert (list, reason_row_new (self, reason), position);
}

static void
add_reason (KamPreferencesWindow *self,
            ReasonsKind           kind)
{
  AdwEntryRow *entry = self->reason_entries[kind];
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *folded = g_utf8_casefold (reason, -1);
  g_autoptr(GPtrArray) reasons = NULL;

  if (*reason == '\0')
    return;

  reasons = dup_reasons (self, kind, NULL);
  for (guint i = 0; i + 1 < reasons->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (reasons, i), -1);
      g_autofree char *shown = g_utf8_casefold (_(g_ptr_array_index (reasons, i)), -1);

      if (g_str_equal (folded, other) || g_str_equal (folded, shown))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is already in the list"), reason);

          show_error (self, message);
          return;
        }
    }

  /* Write first, show after: the list on screen is what is stored. */
  g_ptr_array_insert (reasons, reasons->len - 1, g_strdup (reason));
  if (!save_reasons (self, kind, reasons))
    return;

  insert_reason_row (self, kind, reason);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
reason_entry_changed_cb (KamPreferencesWindow *self,
                         AdwEntryRow          *entry)
{
  ReasonsKind kind = entry == self->reason_entries[REASONS_LOST] ? REASONS_LOST : REASONS_WON;

  gtk_widget_set_sensitive (self->reason_add_buttons[kind],
                            !is_blank (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
reason_entry_activated_cb (KamPreferencesWindow *self,
                           AdwEntryRow          *entry)
{
  add_reason (self, entry == self->reason_entries[REASONS_LOST] ? REASONS_LOST : REASONS_WON);
}

static void
reason_add_clicked_cb (KamPreferencesWindow *self,
                       GtkButton            *button)
{
  ReasonsKind kind = GTK_WIDGET (button) == self->reason_add_buttons[REASONS_LOST] ? REASONS_LOST : REASONS_WON;

  add_reason (self, kind);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_entries[kind]));
}

static void
reason_remove_clicked_cb (KamPreferencesWindow *self,
                          GtkButton            *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  ReasonsKind kind = reasons_kind_of (self, row);
  g_autoptr(GPtrArray) reasons = dup_reasons (self, kind, row);
  GtkWidget *next;

  if (!save_reasons (self, kind, reasons))
    return;

  /* Keep the keyboard where it was: on the next row's button, or on the
   * entry when the last reason went. */
  next = gtk_widget_get_next_sibling (row);
  if (ADW_IS_ACTION_ROW (next))
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (next), "kam-remove-button"));
  gtk_list_box_remove (self->reason_lists[kind], row);
  if (!ADW_IS_ACTION_ROW (next))
    gtk_widget_grab_focus (GTK_WIDGET (self->reason_entries[kind]));
}

static void
build_reasons (KamPreferencesWindow *self)
{
  KamStore *store = kam_context_get_store (self->context);

  for (ReasonsKind kind = 0; kind < N_REASONS; kind++)
    {
      g_autofree char *value = kam_store_get_setting (store, reasons_settings[kind].key,
                                                      reasons_settings[kind].defaults);
      g_auto(GStrv) reasons = g_strsplit (value, "\n", -1);

      for (guint i = 0; reasons[i] != NULL; i++)
        {
          g_strstrip (reasons[i]);
          if (*reasons[i] != '\0')
            insert_reason_row (self, kind, reasons[i]);
        }
    }
}

/* Overrides --------------------------------------------------------------- */

static void
kam_preferences_window_constructed (GObject *object)
{
  KamPreferencesWindow *self = KAM_PREFERENCES_WINDOW (object);
  GSettings *settings = kam_context_get_settings (self->context);

  G_OBJECT_CLASS (kam_preferences_window_parent_class)->constructed (object);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), kam_sync_page_new (self->context));

  if (settings != NULL)
    {
      g_autofree char *currency = g_settings_get_string (settings, "currency");

      gtk_editable_set_text (GTK_EDITABLE (self->currency_row), currency);
      g_signal_connect_object (settings, "changed::owner-name",
                               G_CALLBACK (owner_name_changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->owner_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->currency_row), FALSE);
    }

  reload_owner_names (self);
  g_signal_connect_object (kam_context_get_members (self->context), "items-changed",
                           G_CALLBACK (reload_owner_names), self, G_CONNECT_SWAPPED);

  build_segmentation (self);
  build_visits (self);
  build_probabilities (self);
  build_reasons (self);
}

static void
kam_preferences_window_dispose (GObject *object)
{
  KamPreferencesWindow *self = KAM_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KAM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kam_preferences_window_parent_class)->dispose (object);
}

static void
kam_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KamPreferencesWindow *self = KAM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kam_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KamPreferencesWindow *self = KAM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kam_preferences_window_class_init (KamPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kam_preferences_window_constructed;
  object_class->dispose = kam_preferences_window_dispose;
  object_class->get_property = kam_preferences_window_get_property;
  object_class->set_property = kam_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KAM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/keyaccounts/KeyAccounts/kam-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KamPreferencesWindow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, KamPreferencesWindow, owner_names);
  gtk_widget_class_bind_template_child (widget_class, KamPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KamPreferencesWindow, abc_group);
  gtk_widget_class_bind_template_child (widget_class, KamPreferencesWindow, abc_error_label);
  gtk_widget_class_bind_template_child (widget_class, KamPreferencesWindow, cadence_group);
  gtk_widget_class_bind_template_child (widget_class, KamPreferencesWindow, probability_group);
  gtk_widget_class_bind_template_child_full (widget_class, "won_list", FALSE,
                                             G_STRUCT_OFFSET (KamPreferencesWindow, reason_lists[REASONS_WON]));
  gtk_widget_class_bind_template_child_full (widget_class, "lost_list", FALSE,
                                             G_STRUCT_OFFSET (KamPreferencesWindow, reason_lists[REASONS_LOST]));
  gtk_widget_class_bind_template_child_full (widget_class, "won_entry", FALSE,
                                             G_STRUCT_OFFSET (KamPreferencesWindow, reason_entries[REASONS_WON]));
  gtk_widget_class_bind_template_child_full (widget_class, "lost_entry", FALSE,
                                             G_STRUCT_OFFSET (KamPreferencesWindow, reason_entries[REASONS_LOST]));
  gtk_widget_class_bind_template_child_full (widget_class, "won_add_button", FALSE,
                                             G_STRUCT_OFFSET (KamPreferencesWindow, reason_add_buttons[REASONS_WON]));
  gtk_widget_class_bind_template_child_full (widget_class, "lost_add_button", FALSE,
                                             G_STRUCT_OFFSET (KamPreferencesWindow, reason_add_buttons[REASONS_LOST]));
  gtk_widget_class_bind_template_callback (widget_class, owner_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_add_clicked_cb);
}

static void
kam_preferences_window_init (KamPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API -------------------------------------------------------------- */

KamPreferencesWindow *
kam_preferences_window_new (KamContext *context)
{
  g_return_val_if_fail (KAM_IS_CONTEXT (context), NULL);

  return g_object_new (KAM_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       NULL);
}
