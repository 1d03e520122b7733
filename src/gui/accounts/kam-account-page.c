/* kam-account-page.c — the detail page of one account
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field is edited in place.  A row hands its text to
 * kam_record_set_from_string(), the parser of `kam set`, so the page accepts
 * and refuses exactly what the command line does; the message of a refusal
 * (translated, naming the field) goes to the row's tooltip and a toast, and
 * the typed text stays for the person to correct.  A saved change gets a
 * toast with Undo, which writes the previous text back the same way.
 *
 * Three fields are shown in a friendlier form than they are stored in:
 * the industry (its label, "电信" for "telecom"), the competitor shares
 * ("Huawei 40, Cisco 25" for {"Huawei":40,"Cisco":25}) and the targets of
 * this and next year (one amount and one focus row each, kept in the JSON
 * array of all years).
 *
 * When the store changes, the rows follow, except a row being edited: one
 * with the focus, with typed text not yet applied, or showing an error.
 */
#define G_LOG_DOMAIN "kam-account-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kam-account.h"
#include "kam-account-page.h"
#include "kam-contact.h"
#include "kam-contact-dialog.h"
#include "kam-contact-map-view.h"
#include "kam-list.h"
#include "kam-opportunity.h"
#include "kam-visit.h"
#include "kam-window.h"

#define N_RECENT_VISITS 10

typedef struct {
  char   *name;
  double  share;
} CompetitorShare;

struct _KamAccountPage
{
  AdwBin               parent_instance;

  KamContext          *context;
  char                *account_id;
  KamRecord           *account;          /* the account shown, reloaded on changes */
  gboolean             updating;         /* rows are being filled, not edited */
  int                  this_year;

  KamRecordList       *contacts;
  KamRecordList       *visits;
  KamRecordList       *opportunities;

  GPtrArray           *owner_ids;        /* owner combo position -> member id (NULL: nobody) */
  GPtrArray           *flag_rows;        /* red flag rows in the coverage group */
  GPtrArray           *competitors;      /* CompetitorShare, largest first */
  double               our_share;
  GtkWidget          **suffix_labels;    /* one per entry_specs row, or NULL */
  AdwToast            *last_toast;       /* weak */
  GtkWidget           *window;           /* weak: our root, whose closing saves the notes */

  /* template */
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkLabel            *name_label;
  GtkLabel            *local_name_label;
  GtkLabel            *tier_label;
  GtkLabel            *meta_label;
  AdwPreferencesGroup *coverage_group;
  AdwActionRow        *coverage_row;
  GtkWidget           *coverage_dot;
  GtkLabel            *coverage_score_label;
  GtkLevelBar         *coverage_level;
  AdwEntryRow         *name_row;
  AdwEntryRow         *local_name_row;
  AdwEntryRow         *industry_row;
  AdwEntryRow         *region_row;
  AdwComboRow         *owner_row;
  AdwComboRow         *tier_row;
  AdwComboRow         *value_type_row;
  AdwComboRow         *loyalty_row;
  AdwComboRow         *satisfaction_row;
  AdwEntryRow         *service_level_row;
  AdwEntryRow         *revenue_this_row;
  AdwEntryRow         *revenue_last_row;
  AdwEntryRow         *currency_row;
  AdwEntryRow         *gross_margin_row;
  AdwEntryRow         *margin_score_row;
  AdwEntryRow         *payment_score_row;
  AdwActionRow        *target_progress_row;
  GtkLabel            *target_percent_label;
  GtkLevelBar         *target_level;
  AdwEntryRow         *target_this_row;
  AdwEntryRow         *focus_this_row;
  AdwEntryRow         *target_next_row;
  AdwEntryRow         *focus_next_row;
  GtkWidget           *share_chart;
  GtkFlowBox          *share_legend;
  AdwEntryRow         *annual_spend_row;
  AdwEntryRow         *share_row;
  AdwEntryRow         *competitors_row;
  GtkLabel            *needs_current_label;
  GtkWidget           *needs_current_card;
  GtkTextView         *needs_current_view;
  GtkLabel            *needs_met_label;
  GtkWidget           *needs_met_card;
  GtkTextView         *needs_met_view;
  GtkLabel            *needs_future_label;
  GtkWidget           *needs_future_card;
  GtkTextView         *needs_future_view;
  GtkWidget           *strategy_card;
  GtkTextView         *strategy_view;
  AdwPreferencesGroup *contacts_group;
  GtkListBox          *contacts_list;
  AdwPreferencesGroup *opportunities_group;
  GtkListBox          *opportunities_list;
  AdwPreferencesGroup *visits_group;
  GtkListBox          *visits_list;
  KamContactMapView   *map_view;
};

G_DEFINE_FINAL_TYPE (KamAccountPage, kam_account_page, ADW_TYPE_BIN)

#define WIDGET_AT(self, offset) G_STRUCT_MEMBER (GtkWidget *, self, offset)
#define OFFSET(member) G_STRUCT_OFFSET (KamAccountPage, member)

/* The entry rows --------------------------------------------------------------- */

typedef enum {
  CONVERT_NONE,
  CONVERT_INDUSTRY,       /* label shown, key stored */
  CONVERT_COMPETITORS,    /* "Huawei 40, Cisco 25" <-> {"Huawei":40,"Cisco":25} */
  CONVERT_TARGET_AMOUNT,  /* one year's amount in the targets array */
  CONVERT_TARGET_FOCUS,   /* one year's focus in the targets array */
} Convert;

typedef enum {
  SUFFIX_NONE,
  SUFFIX_MONEY,     /* the amount formatted: ¥1,250,000 / ¥125.0万 */
  SUFFIX_PERCENT,
  SUFFIX_SCORE,     /* of 20 */
} Suffix;

typedef struct {
  const char *field;
  gsize       offset;
  Convert     convert;
  int         year;     /* targets: 0 this year, 1 next year */
  Suffix      suffix;
} EntrySpec;

static const EntrySpec entry_specs[] = {
  { "name", OFFSET (name_row) },
  { "local_name", OFFSET (local_name_row) },
  { "industry", OFFSET (industry_row), CONVERT_INDUSTRY },
  { "region", OFFSET (region_row) },
  { "service_level", OFFSET (service_level_row) },
  { "revenue_this_year", OFFSET (revenue_this_row), .suffix = SUFFIX_MONEY },
  { "revenue_last_year", OFFSET (revenue_last_row), .suffix = SUFFIX_MONEY },
  { "currency", OFFSET (currency_row) },
  { "gross_margin", OFFSET (gross_margin_row), .suffix = SUFFIX_PERCENT },
  { "margin_score", OFFSET (margin_score_row), .suffix = SUFFIX_SCORE },
  { "payment_score", OFFSET (payment_score_row), .suffix = SUFFIX_SCORE },
  { "targets", OFFSET (target_this_row), CONVERT_TARGET_AMOUNT, 0, SUFFIX_MONEY },
  { "targets", OFFSET (focus_this_row), CONVERT_TARGET_FOCUS, 0 },
  { "targets", OFFSET (target_next_row), CONVERT_TARGET_AMOUNT, 1, SUFFIX_MONEY },
  { "targets", OFFSET (focus_next_row), CONVERT_TARGET_FOCUS, 1 },
  { "annual_spend", OFFSET (annual_spend_row), .suffix = SUFFIX_MONEY },
  { "share_of_wallet", OFFSET (share_row), .suffix = SUFFIX_PERCENT },
  { "competitor_shares", OFFSET (competitors_row), CONVERT_COMPETITORS },
};

/* The combo rows ---------------------------------------------------------------- */

typedef enum {
  COMBO_ENUM,          /* the values of a GEnum, by label */
  COMBO_OWNER,         /* Nobody + the team members */
  COMBO_SATISFACTION,  /* Not rated, 1 .. 5 */
  COMBO_TIER,          /* Automatic, A, B, C */
} ComboKind;

typedef struct {
  const char *field;
  gsize       offset;
  ComboKind   kind;
  GType     (*enum_type) (void);
} ComboSpec;

static const ComboSpec combo_specs[] = {
  { "owner_id", OFFSET (owner_row), COMBO_OWNER },
  { "tier_pinned", OFFSET (tier_row), COMBO_TIER },
  { "value_type", OFFSET (value_type_row), COMBO_ENUM, kam_value_type_get_type },
  { "loyalty_stage", OFFSET (loyalty_row), COMBO_ENUM, kam_loyalty_stage_get_type },
  { "satisfaction", OFFSET (satisfaction_row), COMBO_SATISFACTION },
};

static const char * const pinned_tiers[] = { "", "A", "B", "C" };

/* The multi-line notes, saved when they lose the focus ------------------------- */

typedef struct {
  const char *field;
  gsize       view_offset;
  gsize       card_offset;
} TextSpec;

static const TextSpec text_specs[] = {
  { "needs_current", OFFSET (needs_current_view), OFFSET (needs_current_card) },
  { "needs_met", OFFSET (needs_met_view), OFFSET (needs_met_card) },
  { "needs_future", OFFSET (needs_future_view), OFFSET (needs_future_card) },
  { "strategy", OFFSET (strategy_view), OFFSET (strategy_card) },
};

/* Industries that the sample data and imports write as keys (kam-enums.h). */
static const char * const industry_keys[] = {
  "telecom", "government", "finance", "energy", "education", "manufacturing",
};

/* Competitor colours: dark enough to carry white text in light and dark
 * styles (GNOME palette); we are the accent colour. */
static const char * const competitor_colors[] = {
  "#c64600", "#813d9c", "#26a269", "#865e3c", "#a51d2d", "#5e5c64",
};

static void show_account     (KamAccountPage *self,
                              gboolean        force);
static void show_no_account  (KamAccountPage *self);

/* Small helpers ------------------------------------------------------------------- */

static void
competitor_share_free (gpointer data)
{
  CompetitorShare *share = data;

  g_free (share->name);
  g_free (share);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static KamStore *
get_store (KamAccountPage *self)
{
  return kam_context_get_store (self->context);
}

static const char *
field_label (const char *field)
{
  const KamField *f = kam_record_kind_find_field (&kam_account_kind, field);

  return f != NULL && f->label != NULL ? g_dgettext (GETTEXT_PACKAGE, f->label) : field;
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/* Reads "1,250,000", "1 250 000" and "40%" as people write them. */
static gboolean
parse_amount (const char *text,
              double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',' || c == '_' || c == 0xFF0C /* ， */ || g_unichar_isspace (c))
        continue;
      g_string_append_unichar (clean, c);
    }
  if (clean->len > 0 && clean->str[clean->len - 1] == '%')
    g_string_truncate (clean, clean->len - 1);
  if (clean->len == 0)
    return FALSE;

  *value = g_ascii_strtod (clean->str, &end);
  return end != clean->str && *end == '\0' && isfinite (*value);
}

static char *
format_local_datetime (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || *iso == '\0' || (utc = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
add_toast (KamAccountPage *self,
           AdwToast       *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (KAM_IS_WINDOW (root))
    kam_window_add_toast (KAM_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
set_css_classes_from (GtkWidget          *widget,
                      const char * const *all,
                      const char         *wanted)
{
  for (guint i = 0; all[i] != NULL; i++)
    if (g_strcmp0 (all[i], wanted) != 0)
      gtk_widget_remove_css_class (widget, all[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* Targets ------------------------------------------------------------------------ */

static JsonArray *
targets_dup (KamRecord *account)
{
  const char *text = kam_record_get_string (account, "targets");
  g_autoptr(JsonNode) node = NULL;

  if (text != NULL && *text != '\0' && (node = json_from_string (text, NULL)) != NULL
      && JSON_NODE_HOLDS_ARRAY (node))
    return json_array_ref (json_node_get_array (node));

  return json_array_new ();
}

static JsonObject *
targets_find (JsonArray *targets,
              int        year,
              guint     *index)
{
  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *target = json_array_get_object_element (targets, i);

      if (target != NULL && json_object_get_int_member_with_default (target, "year", 0) == year)
        {
          if (index != NULL)
            *index = i;
          return target;
        }
    }

  return NULL;
}

static char *
targets_to_text (JsonArray *targets)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, targets);
  return json_to_string (node, FALSE);
}

/* Competitor shares --------------------------------------------------------------- */

static int
compare_shares (gconstpointer a,
                gconstpointer b)
{
  const CompetitorShare *sa = *(CompetitorShare **) a;
  const CompetitorShare *sb = *(CompetitorShare **) b;

  if (sa->share != sb->share)
    return sa->share > sb->share ? -1 : 1;
  return g_utf8_collate (sa->name, sb->name);
}

/* The shares of @text (a JSON object), largest first. */
static GPtrArray *
competitors_parse_json (const char *text)
{
  GPtrArray *shares = g_ptr_array_new_with_free_func (competitor_share_free);
  g_autoptr(JsonNode) node = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (text == NULL || *text == '\0' || (node = json_from_string (text, NULL)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (node))
    return shares;

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      CompetitorShare *share;

      if (!JSON_NODE_HOLDS_VALUE (value))
        continue;
      share = g_new0 (CompetitorShare, 1);
      share->name = g_strdup (name);
      share->share = json_node_get_double (value);
      g_ptr_array_add (shares, share);
    }
  g_ptr_array_sort (shares, compare_shares);

  return shares;
}

static char *
competitors_to_display (GPtrArray *shares)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < shares->len; i++)
    {
      CompetitorShare *share = g_ptr_array_index (shares, i);
      g_autofree char *number = format_number (share->share);

      g_string_append_printf (text, "%s%s %s", i > 0 ? ", " : "", share->name, number);
    }

  return g_string_free (text, FALSE);
}

static gboolean
is_share_separator (gunichar c)
{
  /* , ; and their full-width forms, and the Chinese enumeration comma 、 */
  return c == ',' || c == ';' || c == '\n' || c == 0xFF0C || c == 0xFF1B || c == 0x3001;
}

/* "Huawei 40, Cisco 25%" (or "华为 40，思科 25") as the JSON object
 * {"Huawei":40,"Cisco":25}; the range checks are the field's own. */
static char *
competitors_from_display (const char  *text,
                          GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      if (*p == '\0' || is_share_separator (g_utf8_get_char (p)))
        {
          g_ptr_array_add (parts, g_strndup (start, p - start));
          if (*p == '\0')
            break;
          start = g_utf8_next_char (p);
        }
    }

  json_builder_begin_object (builder);
  for (guint i = 0; i < parts->len; i++)
    {
      char *part = g_strstrip (g_ptr_array_index (parts, i));
      g_autofree char *name = NULL;
      char *number_start;
      double value;
      gsize len = strlen (part);

      if (len == 0)
        continue;

      /* The number is the last word: "Huawei 40", "Huawei: 40 %", "华为40%". */
      while (len > 0 && (part[len - 1] == '%' || g_ascii_isspace (part[len - 1])))
        len--;
      if (len >= 3 && strncmp (part + len - 3, "％", 3) == 0)
        len -= 3;
      number_start = part + len;
      while (number_start > part && (g_ascii_isdigit (number_start[-1]) || number_start[-1] == '.'))
        number_start--;

      name = g_strndup (part, number_start - part);
      g_strstrip (name);
      while (*name != '\0' && (g_str_has_suffix (name, ":") || g_str_has_suffix (name, "=")))
        {
          name[strlen (name) - 1] = '\0';
          g_strstrip (name);
        }
      if (g_str_has_suffix (name, "："))
        {
          name[strlen (name) - strlen ("：")] = '\0';
          g_strstrip (name);
        }

      {
        g_autofree char *number = g_strndup (number_start, part + len - number_start);

        if (*name == '\0' || *number == '\0' || !parse_amount (number, &value))
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("Competitor shares must be names with percentages, such as “Huawei 40, Cisco 25”, not “%s”"),
                         part);
            return NULL;
          }
      }

      json_builder_set_member_name (builder, name);
      if (value == floor (value) && fabs (value) < 1e15)
        json_builder_add_int_value (builder, (gint64) value);
      else
        json_builder_add_double_value (builder, value);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Values of the rows --------------------------------------------------------------- */

static const char *
industry_key_for (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (industry_keys); i++)
    if (g_utf8_collate (text, kam_industry_label (industry_keys[i])) == 0
        || g_ascii_strcasecmp (text, industry_keys[i]) == 0)
      return industry_keys[i];

  return text;
}

static char *
entry_display_text (KamAccountPage  *self,
                    const EntrySpec *spec)
{
  KamRecord *account = self->account;

  switch (spec->convert)
    {
    case CONVERT_INDUSTRY:
      return g_strdup (kam_industry_label (kam_record_get_string (account, "industry")));

    case CONVERT_COMPETITORS:
      {
        g_autoptr(GPtrArray) shares = competitors_parse_json (kam_record_get_string (account, spec->field));
        return competitors_to_display (shares);
      }

    case CONVERT_TARGET_AMOUNT:
    case CONVERT_TARGET_FOCUS:
      {
        g_autoptr(JsonArray) targets = targets_dup (account);
        JsonObject *target = targets_find (targets, self->this_year + spec->year, NULL);

        if (target == NULL)
          return g_strdup ("");
        if (spec->convert == CONVERT_TARGET_FOCUS)
          return g_strdup (json_object_get_string_member_with_default (target, "focus", ""));
        return format_number (json_object_get_double_member_with_default (target, "amount", 0));
      }

    case CONVERT_NONE:
    default:
      return kam_record_dup_string (account, spec->field);
    }
}

/* The text to hand to kam_record_set_from_string() for what was typed in the
 * row of @spec, or NULL with @error set. */
static char *
entry_field_text (KamAccountPage   *self,
                  const EntrySpec  *spec,
                  const char       *typed,
                  GError          **error)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));

  switch (spec->convert)
    {
    case CONVERT_INDUSTRY:
      return g_strdup (industry_key_for (text));

    case CONVERT_COMPETITORS:
      return competitors_from_display (text, error);

    case CONVERT_TARGET_AMOUNT:
    case CONVERT_TARGET_FOCUS:
      {
        g_autoptr(JsonArray) targets = targets_dup (self->account);
        int year = self->this_year + spec->year;
        guint index = 0;
        JsonObject *target = targets_find (targets, year, &index);
        double amount = 0;

        if (spec->convert == CONVERT_TARGET_AMOUNT && *text != '\0' && !parse_amount (text, &amount))
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("The target for %d must be an amount, such as 12000000, not “%s”"), year, text);
            return NULL;
          }

        if (target == NULL)
          {
            target = json_object_new ();
            json_object_set_int_member (target, "year", year);
            json_object_set_int_member (target, "amount", 0);
            json_array_add_object_element (targets, target);
            index = json_array_get_length (targets) - 1;
          }

        if (spec->convert == CONVERT_TARGET_AMOUNT)
          {
            if (amount == floor (amount) && fabs (amount) < 1e15)
              json_object_set_int_member (target, "amount", (gint64) amount);
            else
              json_object_set_double_member (target, "amount", amount);
          }
        else
          json_object_set_string_member (target, "focus", text);

        /* A year with neither an amount nor a focus has no target. */
        if (json_object_get_double_member_with_default (target, "amount", 0) == 0
            && *json_object_get_string_member_with_default (target, "focus", "") == '\0')
          json_array_remove_element (targets, index);

        return targets_to_text (targets);
      }

    case CONVERT_NONE:
    default:
      return g_steal_pointer (&text);
    }
}

static guint
combo_position (KamAccountPage  *self,
                const ComboSpec *spec)
{
  switch (spec->kind)
    {
    case COMBO_OWNER:
      {
        const char *owner = kam_record_get_string (self->account, "owner_id");

        for (guint i = 0; i < self->owner_ids->len; i++)
          if (g_strcmp0 (g_ptr_array_index (self->owner_ids, i), owner) == 0)
            return i;
        return 0;
      }

    case COMBO_TIER:
      {
        const char *pinned = kam_record_get_string (self->account, "tier_pinned");

        for (guint i = 0; i < G_N_ELEMENTS (pinned_tiers); i++)
          if (g_strcmp0 (pinned_tiers[i], pinned) == 0)
            return i;
        return 0;
      }

    case COMBO_SATISFACTION:
    case COMBO_ENUM:
    default:
      return MAX (kam_record_get_int (self->account, spec->field), 0);
    }
}

static char *
combo_field_text (KamAccountPage  *self,
                  const ComboSpec *spec,
                  guint            position)
{
  switch (spec->kind)
    {
    case COMBO_OWNER:
      return g_strdup (position < self->owner_ids->len && g_ptr_array_index (self->owner_ids, position) != NULL
                       ? g_ptr_array_index (self->owner_ids, position) : "");

    case COMBO_TIER:
      return g_strdup (pinned_tiers[MIN (position, G_N_ELEMENTS (pinned_tiers) - 1)]);

    case COMBO_SATISFACTION:
      return g_strdup_printf ("%u", position);

    case COMBO_ENUM:
    default:
      return g_strdup (kam_enum_to_string (spec->enum_type (), position));
    }
}

/* Filling the rows ------------------------------------------------------------------ */

static void
set_entry_text (KamAccountPage *self,
                AdwEntryRow    *row,
                const char     *text)
{
  self->updating = TRUE;
  /* Turning the apply button off and on forgets an edit in progress. */
  adw_entry_row_set_show_apply_button (row, FALSE);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (row, TRUE);
  self->updating = FALSE;
  g_object_set_data (G_OBJECT (row), "kam-pending", NULL);
}

static void
clear_row_error (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
}

static void
update_suffix (KamAccountPage *self,
               guint           i)
{
  const EntrySpec *spec = &entry_specs[i];
  GtkWidget *label = self->suffix_labels[i];
  const char *currency = kam_record_get_string (self->account, "currency");
  double amount;

  if (label == NULL || spec->suffix != SUFFIX_MONEY)
    return;

  if (spec->convert == CONVERT_TARGET_AMOUNT)
    amount = kam_account_get_target (KAM_ACCOUNT (self->account), self->this_year + spec->year);
  else
    amount = kam_record_get_double (self->account, spec->field);

  if (amount > 0)
    {
      g_autofree char *money = kam_context_format_money (self->context, amount, currency);
      gtk_label_set_text (GTK_LABEL (label), money);
    }
  else
    gtk_label_set_text (GTK_LABEL (label), "");
}

static void
update_entries (KamAccountPage *self,
                gboolean        force)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry_specs); i++)
    {
      AdwEntryRow *row = ADW_ENTRY_ROW (WIDGET_AT (self, entry_specs[i].offset));
      g_autofree char *text = entry_display_text (self, &entry_specs[i]);

      update_suffix (self, i);

      if (force)
        clear_row_error (GTK_WIDGET (row));
      else if (g_object_get_data (G_OBJECT (row), "kam-pending") != NULL
               || contains_focus (GTK_WIDGET (row))
               || gtk_widget_has_css_class (GTK_WIDGET (row), "error")
               || g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
        continue;

      set_entry_text (self, row, text);
    }
}

static void
fill_owner_model (KamAccountPage *self)
{
  GListModel *members = kam_context_get_members (self->context);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *owner = self->account != NULL ? kam_record_get_string (self->account, "owner_id") : NULL;
  gboolean known = owner == NULL;

  g_ptr_array_set_size (self->owner_ids, 0);
  g_ptr_array_add (self->owner_ids, NULL);
  gtk_string_list_append (names, C_("owner", "Nobody"));

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(KamRecord) member = g_list_model_get_item (members, i);

      gtk_string_list_append (names, kam_record_get_string (member, "name"));
      g_ptr_array_add (self->owner_ids, g_strdup (kam_record_get_id (member)));
      known = known || g_strcmp0 (owner, kam_record_get_id (member)) == 0;
    }

  if (!known)
    {
      /* A member this copy does not know yet (not synced): keep it. */
      gtk_string_list_append (names, _("Unknown team member"));
      g_ptr_array_add (self->owner_ids, g_strdup (owner));
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
  self->updating = FALSE;
}

static void
update_combos (KamAccountPage *self,
               gboolean        force)
{
  for (guint i = 0; i < G_N_ELEMENTS (combo_specs); i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (WIDGET_AT (self, combo_specs[i].offset));
      guint position = combo_position (self, &combo_specs[i]);

      if (force)
        clear_row_error (GTK_WIDGET (row));
      if (adw_combo_row_get_selected (row) == position && !force)
        continue;

      self->updating = TRUE;
      adw_combo_row_set_selected (row, position);
      self->updating = FALSE;
    }
}

static void
update_texts (KamAccountPage *self,
              gboolean        force)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_specs); i++)
    {
      GtkTextView *view = GTK_TEXT_VIEW (WIDGET_AT (self, text_specs[i].view_offset));
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      g_autofree char *text = kam_record_dup_string (self->account, text_specs[i].field);
      g_autofree char *current = NULL;
      GtkTextIter start, end;

      if (force)
        clear_row_error (WIDGET_AT (self, text_specs[i].card_offset));
      else if (gtk_text_buffer_get_modified (buffer) || contains_focus (GTK_WIDGET (view)))
        continue;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (force || g_strcmp0 (current, text) != 0)
        {
          self->updating = TRUE;
          gtk_text_buffer_set_text (buffer, text, -1);
          gtk_text_buffer_set_modified (buffer, FALSE);
          self->updating = FALSE;
        }
    }
}

static void
update_header (KamAccountPage *self)
{
  static const char * const tier_classes[] = { "tier-a", "tier-b", "tier-c", NULL };
  KamRecord *account = self->account;
  const char *local_name = kam_record_get_string (account, "local_name");
  const char *industry = kam_record_get_string (account, "industry");
  const char *region = kam_record_get_string (account, "region");
  const char *owner = kam_context_get_member_name (self->context, kam_record_get_string (account, "owner_id"));
  KamTier tier = CLAMP (kam_account_get_tier (KAM_ACCOUNT (account)), KAM_TIER_A, KAM_TIER_C);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *meta = NULL;
  int days;

  gtk_label_set_text (self->name_label, kam_account_get_name (KAM_ACCOUNT (account)));
  gtk_label_set_text (self->local_name_label, local_name);
  gtk_widget_set_visible (GTK_WIDGET (self->local_name_label), local_name != NULL && *local_name != '\0');

  gtk_label_set_text (self->tier_label, kam_enum_to_label (KAM_TYPE_TIER, tier));
  set_css_classes_from (GTK_WIDGET (self->tier_label), tier_classes, tier_classes[tier]);
  if (*kam_record_get_string (account, "tier_pinned") != '\0')
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->tier_label), _("Tier pinned by hand"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->tier_label), _("Tier by this year’s revenue"));

  if (industry != NULL && *industry != '\0')
    g_ptr_array_add (parts, g_strdup (kam_industry_label (industry)));
  if (region != NULL && *region != '\0')
    g_ptr_array_add (parts, g_strdup (region));
  if (*owner != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Owner: %s"), owner));
  else
    g_ptr_array_add (parts, g_strdup (_("No owner")));

  if (!kam_context_days_since (kam_record_get_string (account, "last_visit"), &days))
    g_ptr_array_add (parts, g_strdup (_("Never visited")));
  else if (days <= 0)
    g_ptr_array_add (parts, g_strdup (_("Last visit today")));
  else if (days == 1)
    g_ptr_array_add (parts, g_strdup (_("Last visit yesterday")));
  else
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("Last visit %d day ago", "Last visit %d days ago", days), days));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the facts under the account name */
  meta = g_strjoinv (_(" · "), (char **) parts->pdata);
  gtk_label_set_text (self->meta_label, meta);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label), meta);
}

static void
update_coverage (KamAccountPage *self)
{
  static const char * const dot_classes[] = { "red", "amber", "green", NULL };
  const KamAccountCoverage *item = kam_context_get_coverage (self->context, self->account_id);
  const char *status_word;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *score = NULL;
  const KamCoverage *coverage;

  for (guint i = 0; i < self->flag_rows->len; i++)
    adw_preferences_group_remove (self->coverage_group, g_ptr_array_index (self->flag_rows, i));
  g_ptr_array_set_size (self->flag_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->coverage_group), item != NULL);
  if (item == NULL)
    return;
  coverage = &item->coverage;

  switch (coverage->status)
    {
    case KAM_COVERAGE_GREEN:
      status_word = C_("coverage", "Green");
      break;
    case KAM_COVERAGE_AMBER:
      status_word = C_("coverage", "Amber");
      break;
    case KAM_COVERAGE_RED:
    default:
      status_word = C_("coverage", "Red");
      break;
    }

  set_css_classes_from (self->coverage_dot, dot_classes, dot_classes[CLAMP (coverage->status, 0, 2)]);
  /* Translators: "Red: No key player supports us" */
  title = g_strdup_printf (_("%s: %s"), status_word, kam_coverage_status_describe (coverage->status));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->coverage_row), title);

  if (coverage->n_key_players == 0)
    subtitle = g_strdup (_("No key players yet: give contacts a decision role or an influence of 4 or more"));
  else
    subtitle = g_strdup_printf (ngettext ("%d of %d key player supports us",
                                             "%d of %d key players support us", coverage->n_key_players),
                                coverage->n_supportive_key_players, coverage->n_key_players);
  adw_action_row_set_subtitle (self->coverage_row, subtitle);

  score = g_strdup_printf (_("Coverage %d/100"), coverage->score);
  gtk_label_set_text (self->coverage_score_label, score);
  gtk_level_bar_set_value (self->coverage_level, CLAMP (coverage->score, 0, 100) / 100.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coverage_level),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, score, -1);

  for (guint bit = 0; bit < KAM_COVERAGE_N_FLAGS; bit++)
    {
      KamCoverageFlags flag = 1u << bit;
      GtkWidget *row, *icon;

      if (!(coverage->flags & flag) || kam_coverage_flag_describe (flag) == NULL)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kam_coverage_flag_describe (flag));
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Red flag"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->coverage_group, row);
      g_ptr_array_add (self->flag_rows, row);
    }
}

static void
update_targets (KamAccountPage *self)
{
  double target = kam_account_get_target (KAM_ACCOUNT (self->account), self->this_year);
  double revenue = kam_account_get_revenue (KAM_ACCOUNT (self->account));
  const char *currency = kam_record_get_string (self->account, "currency");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  title = g_strdup_printf (_("Revenue vs target %d"), self->this_year);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_progress_row), title);

  if (target > 0)
    {
      g_autofree char *got = kam_context_format_money (self->context, revenue, currency);
      g_autofree char *wanted = kam_context_format_money (self->context, target, currency);
      g_autofree char *percent = g_strdup_printf (_("%.0f%%"), round (100.0 * revenue / target));

      /* Translators: "¥3,487,000 of ¥4,250,000" */
      subtitle = g_strdup_printf (_("%s of %s"), got, wanted);
      gtk_label_set_text (self->target_percent_label, percent);
      gtk_level_bar_set_value (self->target_level, CLAMP (revenue / target, 0.0, 1.0));
      gtk_widget_set_visible (GTK_WIDGET (self->target_level), TRUE);
      {
        g_autofree char *a11y = g_strdup_printf (_("Revenue vs target: %s"), percent);
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->target_level),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      }
    }
  else
    {
      subtitle = g_strdup_printf (_("No target set for %d"), self->this_year);
      gtk_label_set_text (self->target_percent_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->target_level), FALSE);
    }
  adw_action_row_set_subtitle (self->target_progress_row, subtitle);
}

/* The share of wallet bar ----------------------------------------------------------- */

/* @index: -1 us, -2 the rest (others or unknown), else a competitor. */
static void
segment_color (GtkWidget *widget,
               int        index,
               GdkRGBA   *color)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  if (index == -1)
    {
      if (!gtk_style_context_lookup_color (style, "accent_bg_color", color))
        gdk_rgba_parse (color, "#3584e4");
    }
  else if (index == -2)
    {
      gtk_style_context_get_color (style, color);
      color->alpha = 0.15f;
    }
  else
    gdk_rgba_parse (color, competitor_colors[index % G_N_ELEMENTS (competitor_colors)]);
}

static double
rest_share (KamAccountPage *self)
{
  double sum = self->our_share;

  for (guint i = 0; i < self->competitors->len; i++)
    sum += ((CompetitorShare *) g_ptr_array_index (self->competitors, i))->share;

  return MAX (0.0, 100.0 - sum);
}

static void
draw_segment (GtkWidget *widget,
              cairo_t   *cr,
              int        index,
              double     share,
              double     scale,
              double    *x,
              int        width,
              int        height)
{
  double w = share * scale / 100.0 * width;
  GdkRGBA color;

  if (w <= 0.5)
    return;

  segment_color (widget, index, &color);
  gdk_cairo_set_source_rgba (cr, &color);
  /* A hairline gap between neighbours. */
  cairo_rectangle (cr, *x, 0, MAX (w - 2, 1), height);
  cairo_fill (cr);

  {
    g_autofree char *text = g_strdup_printf (_("%.0f%%"), share);
    PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
    int tw, th;

    pango_layout_get_pixel_size (layout, &tw, &th);
    if (tw + 10 < w - 2)
      {
        if (index == -2)
          gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
        else
          gdk_rgba_parse (&color, "#ffffff");
        gdk_cairo_set_source_rgba (cr, &color);
        cairo_move_to (cr, *x + (w - 2 - tw) / 2.0, (height - th) / 2.0);
        pango_cairo_show_layout (cr, layout);
      }
    g_object_unref (layout);
  }

  *x += w;
}

static void
share_chart_draw (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  KamAccountPage *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  double radius = 6, x = 0, total, scale;

  /* Rounded ends: clip to a rounded rectangle. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_clip (cr);

  /* Shares typed to more than 100% in all are drawn in proportion. */
  total = self->our_share + rest_share (self);
  for (guint i = 0; i < self->competitors->len; i++)
    total += ((CompetitorShare *) g_ptr_array_index (self->competitors, i))->share;
  scale = total > 100.0 ? 100.0 / total : 1.0;

  draw_segment (widget, cr, -1, self->our_share, scale, &x, width, height);
  for (guint i = 0; i < self->competitors->len; i++)
    draw_segment (widget, cr, (int) i, ((CompetitorShare *) g_ptr_array_index (self->competitors, i))->share,
                  scale, &x, width, height);
  draw_segment (widget, cr, -2, rest_share (self), scale, &x, width + 2, height);
}

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA color;

  segment_color (GTK_WIDGET (area), GPOINTER_TO_INT (user_data), &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
add_legend_item (KamAccountPage *self,
                 GString        *description,
                 int             index,
                 const char     *name,
                 double          share)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* Translators: a legend entry of the share of wallet bar: "Huawei 40%" */
  text = g_strdup_printf (_("%s %.0f%%"), name, share);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw, GINT_TO_POINTER (index), NULL);

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_flow_box_append (self->share_legend, box);
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);

  if (description->len > 0)
    g_string_append (description, _(", "));
  g_string_append (description, text);
}

static void
update_shares (KamAccountPage *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  double rest;

  g_clear_pointer (&self->competitors, g_ptr_array_unref);
  self->competitors = competitors_parse_json (kam_record_get_string (self->account, "competitor_shares"));
  self->our_share = CLAMP (kam_record_get_double (self->account, "share_of_wallet"), 0, 100);
  rest = rest_share (self);

  clear_box (GTK_WIDGET (self->share_legend));
  add_legend_item (self, description, -1, C_("share of wallet", "Us"), self->our_share);
  for (guint i = 0; i < self->competitors->len; i++)
    {
      CompetitorShare *share = g_ptr_array_index (self->competitors, i);
      add_legend_item (self, description, (int) i, share->name, share->share);
    }
  if (rest > 0.5)
    add_legend_item (self, description, -2, C_("share of wallet", "Others or unknown"), rest);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->share_chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description->str, -1);
  set_accessible_label (gtk_widget_get_ancestor (self->share_chart, GTK_TYPE_LIST_BOX_ROW), description->str);
  gtk_widget_queue_draw (self->share_chart);
}

/* Lists of contacts, opportunities and visits -------------------------------------- */

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static char *
escape_join (const char *separator,
             ...)
{
  GString *out = g_string_new (NULL);
  const char *part;
  va_list args;

  va_start (args, separator);
  while ((part = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *escaped = NULL;

      if (*part == '\0')
        continue;
      escaped = g_markup_escape_text (part, -1);
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, escaped);
    }
  va_end (args);

  return g_string_free (out, FALSE);
}

static GtkWidget *
create_contact_row (gpointer item,
                    gpointer user_data)
{
  KamRecord *contact = item;
  const char *name = kam_record_get_string (contact, "name");
  KamRole role = kam_record_get_int (contact, "decision_role");
  int attitude = kam_record_get_int (contact, "attitude");
  int strength = kam_record_get_int (contact, "strength");
  g_autofree char *escaped_name = g_markup_escape_text (name, -1);
  g_autofree char *subtitle = escape_join (_(" · "), kam_record_get_string (contact, "title"),
                                           kam_record_get_string (contact, "department"), NULL);
  g_autofree char *attitude_text = g_strdup_printf ("%s %s", kam_contact_attitude_symbol (attitude),
                                                    kam_contact_attitude_label (attitude));
  g_autofree char *dots = kam_contact_strength_dots (strength);
  g_autofree char *met = NULL;
  g_autofree char *relationship = NULL;
  g_autofree char *description = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix, *top, *label;
  int days;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
  set_accessible_label (row, name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), adw_avatar_new (36, name, TRUE));

  if (!kam_context_days_since (kam_record_get_string (contact, "last_met"), &days))
    met = g_strdup (_("Never met"));
  else if (days <= 0)
    met = g_strdup (_("Met today"));
  else if (days == 1)
    met = g_strdup (_("Met yesterday"));
  else
    met = g_strdup_printf (ngettext ("Met %d day ago", "Met %d days ago", days), days);

  suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_set_halign (top, GTK_ALIGN_END);

  if (role != KAM_ROLE_NONE)
    {
      label = gtk_label_new (kam_enum_to_label (KAM_TYPE_ROLE, role));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (top), label);
    }
  label = gtk_label_new (attitude_text);
  gtk_widget_add_css_class (label, kam_contact_attitude_style (attitude));
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (suffix), top);

  /* Translators: relationship strength as dots, its word, and when we last met: "●●●○ Trusted · Met 12 days ago" */
  relationship = g_strdup_printf (_("%s %s · %s"), dots, kam_contact_strength_label (strength), met);
  label = gtk_label_new (relationship);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (suffix), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);

  /* Translators: read to screen reader users for a contact: role, attitude, relationship, last met */
  description = g_strdup_printf (_("%s, %s, relationship %s, %s"),
                                 kam_enum_to_label (KAM_TYPE_ROLE, role), kam_contact_attitude_label (attitude),
                                 kam_contact_strength_label (strength), met);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (suffix, description);

  g_object_set_data_full (G_OBJECT (row), "kam-contact-id", g_strdup (kam_record_get_id (contact)), g_free);
  return row;
}

static const char *
visit_kind_icon (KamVisitKind kind)
{
  switch (kind)
    {
    case KAM_VISIT_KIND_CALL:
      return "call-start-symbolic";
    case KAM_VISIT_KIND_MEAL:
      return "emoji-food-symbolic";
    case KAM_VISIT_KIND_EVENT:
      return "x-office-calendar-symbolic";
    case KAM_VISIT_KIND_VISIT:
    default:
      return "mark-location-symbolic";
    }
}

static GtkWidget *
create_visit_row (gpointer item,
                  gpointer user_data)
{
  KamRecord *visit = item;
  KamVisitKind kind = kam_record_get_int (visit, "kind");
  KamVisitStatus status = kam_record_get_int (visit, "status");
  const char *objective = kam_record_get_string (visit, "objective");
  g_autofree char *when = format_local_datetime (kam_record_get_string (visit, "start_at"));
  g_autofree char *title = g_markup_escape_text (*objective != '\0' ? objective : kam_enum_to_label (KAM_TYPE_VISIT_KIND, kind), -1);
  g_autofree char *subtitle = escape_join (_(" · "), when, kam_enum_to_label (KAM_TYPE_VISIT_KIND, kind),
                                           kam_record_get_string (visit, "place"), NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (visit_kind_icon (kind));
  GtkWidget *label = gtk_label_new (kam_enum_to_label (KAM_TYPE_VISIT_STATUS, status));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  set_accessible_label (row, *objective != '\0' ? objective : kam_enum_to_label (KAM_TYPE_VISIT_KIND, kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kam_enum_to_label (KAM_TYPE_VISIT_KIND, kind), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  switch (status)
    {
    case KAM_VISIT_DONE:
      gtk_widget_add_css_class (label, "success");
      break;
    case KAM_VISIT_CANCELLED:
      gtk_widget_add_css_class (label, "dim-label");
      break;
    case KAM_VISIT_PLANNED:
    default:
      gtk_widget_add_css_class (label, "accent");
      break;
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open in the Visit plan"));
  g_object_set_data_full (G_OBJECT (row), "kam-visit-id", g_strdup (kam_record_get_id (visit)), g_free);
  return row;
}

static GtkWidget *
create_opportunity_row (gpointer item,
                        gpointer user_data)
{
  KamAccountPage *self = user_data;
  KamRecord *opportunity = item;
  KamStage stage = kam_record_get_int (opportunity, "stage");
  const char *close = kam_record_get_string (opportunity, "expected_close");
  g_autofree char *title = g_markup_escape_text (kam_record_get_string (opportunity, "name"), -1);
  g_autofree char *probability = g_strdup_printf (_("%d%%"),
                                                  kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (opportunity)));
  g_autofree char *closes = *close != '\0' ? g_strdup_printf (_("closes %s"), close) : g_strdup ("");
  g_autofree char *subtitle = escape_join (_(" · "), kam_enum_to_label (KAM_TYPE_STAGE, stage), probability, closes, NULL);
  g_autofree char *amount = kam_context_format_money (self->context, kam_record_get_double (opportunity, "amount"),
                                                      kam_record_get_string (opportunity, "currency"));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("kam-pipeline-symbolic");
  GtkWidget *label = gtk_label_new (amount);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  set_accessible_label (row, kam_record_get_string (opportunity, "name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opportunity"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open in the Pipeline"));
  g_object_set_data_full (G_OBJECT (row), "kam-opportunity-id", g_strdup (kam_record_get_id (opportunity)), g_free);
  return row;
}

/* The rows lead into the Visit plan and the Pipeline through the window's
 * actions. */
static void
visit_activated_cb (KamAccountPage *self,
                    GtkListBoxRow  *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "kam-visit-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-visit", "s", id);
}

static void
opportunity_activated_cb (KamAccountPage *self,
                          GtkListBoxRow  *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "kam-opportunity-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-opportunity", "s", id);
}

static void
new_linked_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KamAccountPage *self = KAM_ACCOUNT_PAGE (widget);

  if (self->account_id == NULL)
    return;
  gtk_widget_activate_action (widget, g_str_equal (action_name, "account-page.new-visit")
                                        ? "win.new-visit" : "win.new-opportunity",
                              "s", self->account_id);
}

static void
contacts_changed_cb (KamAccountPage *self)
{
  guint n = self->contacts ? g_list_model_get_n_items (G_LIST_MODEL (self->contacts)) : 0;
  g_autofree char *description = n > 0 ? g_strdup_printf (ngettext ("%u person", "%u people", n), n) : NULL;

  adw_preferences_group_set_description (self->contacts_group, description);
}

static void
visits_changed_cb (KamAccountPage *self)
{
  guint n = self->visits ? g_list_model_get_n_items (G_LIST_MODEL (self->visits)) : 0;
  g_autofree char *description = NULL;

  if (n > N_RECENT_VISITS)
    description = g_strdup_printf (ngettext ("The %d most recent of %u", "The %d most recent of %u", n),
                                   N_RECENT_VISITS, n);
  adw_preferences_group_set_description (self->visits_group, description);
}

static void
opportunities_changed_cb (KamAccountPage *self)
{
  GListModel *model = self->opportunities ? G_LIST_MODEL (self->opportunities) : NULL;
  guint n = model ? g_list_model_get_n_items (model) : 0;
  g_autofree char *currency = NULL;
  g_autofree char *description = NULL;
  double total = 0;
  gboolean one_currency = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KamRecord) opportunity = g_list_model_get_item (model, i);

      if (opportunity == NULL)
        continue;
      if (currency == NULL)
        currency = g_strdup (kam_record_get_string (opportunity, "currency"));
      else if (g_strcmp0 (currency, kam_record_get_string (opportunity, "currency")) != 0)
        one_currency = FALSE;
      total += kam_record_get_double (opportunity, "amount");
    }

  if (n > 0 && one_currency)
    {
      g_autofree char *money = kam_context_format_money (self->context, total, currency);
      /* Translators: "3 open, ¥5,600,000 in total" */
      description = g_strdup_printf (ngettext ("%u open, %s in total", "%u open, %s in total", n), n, money);
    }
  adw_preferences_group_set_description (self->opportunities_group, description);
}

static void
clear_lists (KamAccountPage *self)
{
  gtk_list_box_bind_model (self->contacts_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->visits_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->opportunities_list, NULL, NULL, NULL, NULL);
  if (self->contacts != NULL)
    g_signal_handlers_disconnect_by_data (self->contacts, self);
  if (self->visits != NULL)
    g_signal_handlers_disconnect_by_data (self->visits, self);
  if (self->opportunities != NULL)
    g_signal_handlers_disconnect_by_data (self->opportunities, self);
  g_clear_object (&self->contacts);
  g_clear_object (&self->visits);
  g_clear_object (&self->opportunities);
}

static void
bind_lists (KamAccountPage *self)
{
  KamStore *store = get_store (self);
  g_autoptr(KamQuery) contacts = kam_query_new (&kam_contact_kind);
  g_autoptr(KamQuery) visits = kam_query_new (&kam_visit_kind);
  g_autoptr(KamQuery) opportunities = kam_query_new (&kam_opportunity_kind);
  g_autoptr(GtkSliceListModel) recent = NULL;

  clear_lists (self);

  kam_query_set_account (contacts, self->account_id);
  kam_query_set_account (visits, self->account_id);
  kam_query_set_sort (visits, "start_at", TRUE, NULL);
  kam_query_set_account (opportunities, self->account_id);
  kam_query_set_stage (opportunities, "open");
  kam_query_set_sort (opportunities, "expected_close", FALSE, NULL);

  self->contacts = kam_record_list_new (store, contacts);
  self->visits = kam_record_list_new (store, visits);
  self->opportunities = kam_record_list_new (store, opportunities);

  g_signal_connect_swapped (self->contacts, "items-changed", G_CALLBACK (contacts_changed_cb), self);
  g_signal_connect_swapped (self->visits, "items-changed", G_CALLBACK (visits_changed_cb), self);
  g_signal_connect_swapped (self->opportunities, "items-changed", G_CALLBACK (opportunities_changed_cb), self);

  recent = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->visits)), 0, N_RECENT_VISITS);
  gtk_list_box_bind_model (self->contacts_list, G_LIST_MODEL (self->contacts), create_contact_row, self, NULL);
  gtk_list_box_bind_model (self->visits_list, G_LIST_MODEL (recent), create_visit_row, self, NULL);
  gtk_list_box_bind_model (self->opportunities_list, G_LIST_MODEL (self->opportunities),
                           create_opportunity_row, self, NULL);

  contacts_changed_cb (self);
  visits_changed_cb (self);
  opportunities_changed_cb (self);
}

/* Editing ----------------------------------------------------------------------------- */

typedef struct {
  KamStore *store;
  char     *account_id;
  char     *field;
  char     *previous;
} UndoEdit;

static void
undo_edit_free (gpointer  data,
                GClosure *closure)
{
  UndoEdit *undo = data;

  g_object_unref (undo->store);
  g_free (undo->account_id);
  g_free (undo->field);
  g_free (undo->previous);
  g_free (undo);
}

static void
undo_edit_cb (AdwToast *toast,
              UndoEdit *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) account = kam_store_load (undo->store, &kam_account_kind, undo->account_id, &error);

  if (account == NULL
      || !kam_record_set_from_string (account, undo->field, undo->previous, &error)
      || !kam_store_save (undo->store, account, &error))
    g_message ("Cannot undo the change of %s: %s", undo->field, error->message);
}

/* One toast of the page at a time: a new edit or error replaces the last. */
static void
replace_toast (KamAccountPage *self,
               AdwToast       *toast)
{
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
  g_set_weak_pointer (&self->last_toast, toast);
  add_toast (self, toast);
}

static void
show_row_error (KamAccountPage *self,
                GtkWidget      *row,
                const char     *message)
{
  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
  replace_toast (self, adw_toast_new (message));
}

static void
toast_changed (KamAccountPage *self,
               const char     *what,
               const char     *field,
               const char     *previous)
{
  g_autofree char *title = NULL;
  UndoEdit *undo;
  AdwToast *toast;

  /* Translators: a toast after an edit: "Name changed", "Our share of wallet changed" */
  title = g_strdup_printf (_("%s changed"), what);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));

  undo = g_new0 (UndoEdit, 1);
  undo->store = g_object_ref (get_store (self));
  undo->account_id = g_strdup (self->account_id);
  undo->field = g_strdup (field);
  undo->previous = g_strdup (previous);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_edit_cb), undo, undo_edit_free, 0);

  replace_toast (self, toast);
}

/* Sets @field of the account to @text and saves it.  On error marks @row and
 * returns FALSE; the account is then left as it was. */
static gboolean
commit_field (KamAccountPage *self,
              GtkWidget      *row,
              const char     *what,
              const char     *field,
              const char     *text,
              gboolean        notify)
{
  g_autoptr(KamRecord) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *now = NULL;

  if (self->account == NULL)
    return FALSE;

  /* Saving emits "changed", which replaces self->account. */
  account = g_object_ref (self->account);
  previous = kam_record_dup_string (account, field);

  if (!kam_record_set_from_string (account, field, text, &error))
    {
      if (notify)
        show_row_error (self, row, error->message);
      return FALSE;
    }

  now = kam_record_dup_string (account, field);
  clear_row_error (row);
  if (g_strcmp0 (now, previous) == 0)
    return TRUE;

  if (!kam_store_save (get_store (self), account, &error))
    {
      kam_record_set_from_string (account, field, previous, NULL);
      if (notify)
        show_row_error (self, row, error->message);
      return FALSE;
    }

  if (notify)
    toast_changed (self, what, field, previous);
  return TRUE;
}

static void
entry_changed_cb (AdwEntryRow    *row,
                  KamAccountPage *self)
{
  if (!self->updating)
    g_object_set_data (G_OBJECT (row), "kam-pending", GINT_TO_POINTER (1));
}

static void
entry_applied_cb (AdwEntryRow    *row,
                  KamAccountPage *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kam-spec")) - 1;
  const EntrySpec *spec = &entry_specs[i];
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->account == NULL)
    return;

  g_object_set_data (G_OBJECT (row), "kam-pending", NULL);
  text = entry_field_text (self, spec, gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  if (text == NULL)
    {
      show_row_error (self, GTK_WIDGET (row), error->message);
      return;
    }

  if (commit_field (self, GTK_WIDGET (row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                    spec->field, text, TRUE) && self->account != NULL)
    {
      /* Show the value as it is stored now ("1,250,000" becomes 1250000). */
      g_autofree char *display = entry_display_text (self, spec);
      set_entry_text (self, row, display);
      update_suffix (self, i);
    }
}

static void
combo_selected_cb (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   KamAccountPage *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kam-spec")) - 1;
  g_autofree char *text = NULL;

  if (self->updating || self->account == NULL || adw_combo_row_get_selected (row) == GTK_INVALID_LIST_POSITION)
    return;

  text = combo_field_text (self, &combo_specs[i], adw_combo_row_get_selected (row));
  if (!commit_field (self, GTK_WIDGET (row), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                     combo_specs[i].field, text, TRUE) && self->account != NULL)
    update_combos (self, FALSE);
}

/* Saves the note of text_specs[@i] when it was edited. */
static void
save_text (KamAccountPage *self,
           guint           i,
           gboolean        notify)
{
  GtkTextView *view = GTK_TEXT_VIEW (WIDGET_AT (self, text_specs[i].view_offset));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *text = NULL;
  const char *what;
  GtkTextIter start, end;

  if (self->account == NULL || !gtk_text_buffer_get_modified (buffer))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  what = field_label (text_specs[i].field);
  if (commit_field (self, WIDGET_AT (self, text_specs[i].card_offset), what, text_specs[i].field, text, notify))
    gtk_text_buffer_set_modified (buffer, FALSE);
}

static void
save_all_texts (KamAccountPage *self,
                gboolean        notify)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_specs); i++)
    save_text (self, i, notify);
}

static void
text_focus_left_cb (GtkEventControllerFocus *controller,
                    KamAccountPage          *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  for (guint i = 0; i < G_N_ELEMENTS (text_specs); i++)
    if (WIDGET_AT (self, text_specs[i].view_offset) == view)
      save_text (self, i, TRUE);
}

/* Store changes, actions -------------------------------------------------------------- */

static void
store_changed_cb (KamAccountPage *self,
                  guint           flags,
                  KamStore       *store)
{
  if (self->account_id == NULL)
    return;

  if (flags & KAM_CHANGE_ACCOUNT)
    {
      g_autoptr(KamRecord) account = kam_store_load (store, &kam_account_kind, self->account_id, NULL);

      if (account == NULL)
        {
          /* Deleted here or by a sync. */
          show_no_account (self);
          return;
        }
      g_set_object (&self->account, account);
    }

  if (flags & KAM_CHANGE_MEMBER)
    fill_owner_model (self);

  if (flags & (KAM_CHANGE_ACCOUNT | KAM_CHANGE_MEMBER))
    show_account (self, FALSE);
  else if (flags & (KAM_CHANGE_CONTACT | KAM_CHANGE_VISIT | KAM_CHANGE_SETTINGS))
    {
      update_header (self);
      update_coverage (self);
    }
}

typedef struct {
  KamStore *store;
  char     *id;
  GWeakRef  page;
} UndoDelete;

static void
undo_delete_free (gpointer  data,
                  GClosure *closure)
{
  UndoDelete *undo = data;

  g_object_unref (undo->store);
  g_free (undo->id);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
undo_delete_cb (AdwToast   *toast,
                UndoDelete *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamAccountPage) page = g_weak_ref_get (&undo->page);

  if (!kam_store_undelete (undo->store, undo->id, &error))
    {
      if (page != NULL)
        add_toast (page, adw_toast_new (error->message));
      return;
    }

  if (page != NULL && page->account_id == NULL)
    kam_account_page_set_account_id (page, undo->id);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KamAccountPage *self = KAM_ACCOUNT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  UndoDelete *undo;
  AdwToast *toast;

  if (self->account == NULL)
    return;

  title = g_strdup_printf (_("“%s” deleted"), kam_account_get_name (KAM_ACCOUNT (self->account)));
  undo = g_new0 (UndoDelete, 1);
  undo->store = g_object_ref (get_store (self));
  undo->id = g_strdup (self->account_id);
  g_weak_ref_init (&undo->page, self);

  if (!kam_store_delete (get_store (self), undo->id, &error))
    {
      undo_delete_free (undo, NULL);
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  /* The store's "changed" has emptied the page already. */
  show_no_account (self);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo, undo_delete_free, 0);
  add_toast (self, toast);
}

static void
open_contact_dialog (KamAccountPage *self,
                     const char     *contact_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KamContactDialog *dialog;

  if (self->account_id == NULL || self->context == NULL)
    return;

  dialog = kam_contact_dialog_new (self->context, self->account_id, contact_id,
                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_contact_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_contact_dialog (KAM_ACCOUNT_PAGE (widget), NULL);
}

static void
contact_activated_cb (KamAccountPage *self,
                      GtkListBoxRow  *row)
{
  open_contact_dialog (self, g_object_get_data (G_OBJECT (row), "kam-contact-id"));
}

/* Showing an account -------------------------------------------------------------------- */

static void
show_account (KamAccountPage *self,
              gboolean        force)
{
  update_header (self);
  update_coverage (self);
  update_entries (self, force);
  update_combos (self, force);
  update_texts (self, force);
  update_targets (self);
  update_shares (self);
}

static void
show_no_account (KamAccountPage *self)
{
  /* Typed text belonged to the account that is gone: forget it. */
  for (guint i = 0; i < G_N_ELEMENTS (text_specs); i++)
    gtk_text_buffer_set_modified (gtk_text_view_get_buffer (GTK_TEXT_VIEW (WIDGET_AT (self, text_specs[i].view_offset))),
                                  FALSE);

  clear_lists (self);
  g_clear_object (&self->account);
  g_clear_pointer (&self->account_id, g_free);
  kam_contact_map_view_set_account_id (self->map_view, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.add-contact", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.new-visit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.new-opportunity", FALSE);
}

static gboolean
window_close_request_cb (KamAccountPage *self,
                         GtkWindow      *window)
{
  /* Notes typed but not yet saved are saved when the window closes. */
  save_all_texts (self, FALSE);
  return GDK_EVENT_PROPAGATE;
}

static void
root_changed_cb (KamAccountPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, window_close_request_cb, self);
  g_clear_weak_pointer (&self->window);

  if (GTK_IS_WINDOW (root))
    {
      g_set_weak_pointer (&self->window, GTK_WIDGET (root));
      g_signal_connect_object (root, "close-request", G_CALLBACK (window_close_request_cb), self, G_CONNECT_SWAPPED);
    }
}

static gboolean
focus_name_cb (gpointer data)
{
  KamAccountPage *self = data;

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return G_SOURCE_REMOVE;
}

/* Lifecycle ------------------------------------------------------------------------------ */

/* The page reads well from 520 to 900 pixels (the clamp).  Asking for all of
 * it as the natural width would fold the accounts leaflet on most screens,
 * so the page asks for a comfortable reading width and takes what it is
 * given.  (AdwBin measures with a layout manager, hence a custom one.) */
#define NATURAL_WIDTH 720

static void
page_layout_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

static void
page_layout_allocate (GtkWidget *widget,
                      int        width,
                      int        height,
                      int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
kam_account_page_dispose (GObject *object)
{
  KamAccountPage *self = KAM_ACCOUNT_PAGE (object);

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, window_close_request_cb, self);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->last_toast);
  clear_lists (self);
  /* AdwBin keeps its child too: let it drop it before the template does,
   * or both unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KAM_TYPE_ACCOUNT_PAGE);

  G_OBJECT_CLASS (kam_account_page_parent_class)->dispose (object);
}

static void
kam_account_page_finalize (GObject *object)
{
  KamAccountPage *self = KAM_ACCOUNT_PAGE (object);

  g_clear_object (&self->account);
  g_clear_object (&self->context);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_pointer (&self->flag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->competitors, g_ptr_array_unref);
  g_free (self->suffix_labels);
  g_free (self->account_id);

  G_OBJECT_CLASS (kam_account_page_parent_class)->finalize (object);
}

static void
kam_account_page_class_init (KamAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_account_page_dispose;
  object_class->finalize = kam_account_page_finalize;

  g_type_ensure (KAM_TYPE_CONTACT_MAP_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/keyaccounts/KeyAccounts/kam-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, map_view);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, local_name_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, tier_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, coverage_group);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, coverage_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, coverage_dot);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, coverage_score_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, coverage_level);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, local_name_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, industry_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, region_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, tier_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, value_type_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, loyalty_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, service_level_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, revenue_this_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, revenue_last_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, gross_margin_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, margin_score_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, payment_score_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, target_progress_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, target_percent_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, target_level);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, target_this_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, focus_this_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, target_next_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, focus_next_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, share_chart);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, share_legend);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, annual_spend_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, share_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, competitors_row);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_current_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_current_card);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_current_view);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_met_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_met_card);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_met_view);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_future_label);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_future_card);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, needs_future_view);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, strategy_card);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, strategy_view);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, opportunities_group);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, opportunities_list);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, visits_group);
  gtk_widget_class_bind_template_child (widget_class, KamAccountPage, visits_list);
  gtk_widget_class_bind_template_callback (widget_class, contact_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, visit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, opportunity_activated_cb);

  gtk_widget_class_install_action (widget_class, "account-page.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "account-page.add-contact", NULL, add_contact_activated);
  gtk_widget_class_install_action (widget_class, "account-page.new-visit", NULL, new_linked_activated);
  gtk_widget_class_install_action (widget_class, "account-page.new-opportunity", NULL, new_linked_activated);

  gtk_widget_class_set_css_name (widget_class, "accountpage");
}

static void
kam_account_page_init (KamAccountPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) satisfaction = gtk_string_list_new (NULL);
  const char *satisfaction_labels[] = {
    C_("satisfaction", "Not rated"),
    C_("satisfaction", "1 · Very dissatisfied"),
    C_("satisfaction", "2 · Dissatisfied"),
    C_("satisfaction", "3 · Neutral"),
    C_("satisfaction", "4 · Satisfied"),
    C_("satisfaction", "5 · Very satisfied"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (kam_contact_map_view_get_map (self->map_view), "contact-activated",
                           G_CALLBACK (open_contact_dialog), self, G_CONNECT_SWAPPED);
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL, page_layout_measure, page_layout_allocate));

  self->this_year = g_date_time_get_year (now);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->flag_rows = g_ptr_array_new ();
  self->competitors = g_ptr_array_new_with_free_func (competitor_share_free);
  self->suffix_labels = g_new0 (GtkWidget *, G_N_ELEMENTS (entry_specs));

  /* Target rows are named after their years. */
  {
    g_autofree char *this_target = g_strdup_printf (_("Target for %d"), self->this_year);
    g_autofree char *this_focus = g_strdup_printf (_("Management focus for %d"), self->this_year);
    g_autofree char *next_target = g_strdup_printf (_("Target for %d"), self->this_year + 1);
    g_autofree char *next_focus = g_strdup_printf (_("Management focus for %d"), self->this_year + 1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_this_row), this_target);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->focus_this_row), this_focus);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_next_row), next_target);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->focus_next_row), next_focus);
  }

  for (guint i = 0; i < G_N_ELEMENTS (entry_specs); i++)
    {
      GtkWidget *row = WIDGET_AT (self, entry_specs[i].offset);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      GtkWidget *suffix = NULL;

      g_object_set_data (G_OBJECT (row), "kam-spec", GUINT_TO_POINTER (i + 1));
      g_signal_connect (row, "apply", G_CALLBACK (entry_applied_cb), self);
      g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
      set_accessible_label (row, title);
      set_accessible_label (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))), title);

      switch (entry_specs[i].suffix)
        {
        case SUFFIX_MONEY:
          suffix = gtk_label_new (NULL);
          break;
        case SUFFIX_PERCENT:
          suffix = gtk_label_new ("%");
          break;
        case SUFFIX_SCORE:
          /* Translators: after a score such as the margin score, 0 to 20 */
          suffix = gtk_label_new (_("of 20"));
          break;
        case SUFFIX_NONE:
        default:
          break;
        }
      if (suffix != NULL)
        {
          gtk_widget_add_css_class (suffix, "dim-label");
          gtk_widget_add_css_class (suffix, "numeric");
          gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), suffix);
          self->suffix_labels[i] = suffix;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (combo_specs); i++)
    {
      GtkWidget *row = WIDGET_AT (self, combo_specs[i].offset);

      g_object_set_data (G_OBJECT (row), "kam-spec", GUINT_TO_POINTER (i + 1));
      set_accessible_label (row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

      if (combo_specs[i].kind == COMBO_ENUM)
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (combo_specs[i].enum_type ());
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

          for (guint v = 0; v < klass->n_values; v++)
            gtk_string_list_append (labels, kam_enum_to_label (combo_specs[i].enum_type (), (int) v));
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        }
      g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
    }

  gtk_string_list_append (tiers, C_("tier", "Automatic"));
  for (int tier = KAM_TIER_A; tier <= KAM_TIER_C; tier++)
    gtk_string_list_append (tiers, kam_enum_to_label (KAM_TYPE_TIER, tier));
  adw_combo_row_set_model (self->tier_row, G_LIST_MODEL (tiers));

  for (guint i = 0; i < G_N_ELEMENTS (satisfaction_labels); i++)
    gtk_string_list_append (satisfaction, satisfaction_labels[i]);
  adw_combo_row_set_model (self->satisfaction_row, G_LIST_MODEL (satisfaction));

  for (guint i = 0; i < G_N_ELEMENTS (text_specs); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (text_focus_left_cb), self);
      gtk_widget_add_controller (WIDGET_AT (self, text_specs[i].view_offset), focus);
    }

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->share_chart), share_chart_draw, self, NULL);
  g_signal_connect (self, "notify::root", G_CALLBACK (root_changed_cb), NULL);

  gtk_list_box_set_placeholder (self->contacts_list,
                                placeholder_new (_("No contacts yet. Add the people who decide, influence and use.")));
  gtk_list_box_set_placeholder (self->visits_list, placeholder_new (_("No visits yet")));
  gtk_list_box_set_placeholder (self->opportunities_list, placeholder_new (_("No open opportunities")));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.add-contact", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.new-visit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.new-opportunity", FALSE);
}

/* Public API --------------------------------------------------------------------------- */

GtkWidget *
kam_account_page_new (void)
{
  return g_object_new (KAM_TYPE_ACCOUNT_PAGE, NULL);
}

void
kam_account_page_set_context (KamAccountPage *self,
                              KamContext     *context)
{
  g_return_if_fail (KAM_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (context == NULL || KAM_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      kam_account_page_set_account_id (self, NULL);
      g_signal_handlers_disconnect_by_data (kam_context_get_store (self->context), self);
    }

  g_set_object (&self->context, context);
  kam_contact_map_view_set_store (self->map_view, context ? kam_context_get_store (context) : NULL);
  if (context != NULL)
    g_signal_connect_object (kam_context_get_store (context), "changed",
                             G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

void
kam_account_page_set_account_id (KamAccountPage *self,
                                 const char     *account_id)
{
  g_autoptr(KamRecord) account = NULL;

  g_return_if_fail (KAM_IS_ACCOUNT_PAGE (self));

  /* (the blank page of the start becomes "No Account Selected") */
  if (g_strcmp0 (account_id, self->account_id) == 0
      && (account_id != NULL || !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "blank")))
    return;

  /* Notes being typed belong to the account shown until now. */
  save_all_texts (self, TRUE);

  if (account_id != NULL && self->context != NULL)
    account = kam_store_load (get_store (self), &kam_account_kind, account_id, NULL);

  if (account == NULL)
    {
      show_no_account (self);
      return;
    }

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_set_object (&self->account, account);

  fill_owner_model (self);
  show_account (self, TRUE);
  bind_lists (self);
  kam_contact_map_view_set_account_id (self->map_view, account_id);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.delete", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.add-contact", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.new-visit", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account-page.new-opportunity", TRUE);
  gtk_stack_set_visible_child_name (self->stack, "account");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

const char *
kam_account_page_get_account_id (KamAccountPage *self)
{
  g_return_val_if_fail (KAM_IS_ACCOUNT_PAGE (self), NULL);

  return self->account_id;
}

void
kam_account_page_focus_name (KamAccountPage *self)
{
  g_return_if_fail (KAM_IS_ACCOUNT_PAGE (self));

  if (self->account == NULL)
    return;

  /* Right after a new account the page may not be mapped yet. */
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->name_row)))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_name_cb, g_object_ref (self), g_object_unref);
}
