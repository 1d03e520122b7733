/* kam-import.c — accounts, contacts, opportunities and visits from tables
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-import"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kam-enums.h"
#include "kam-import.h"
#include "kam-model.h"
#include "kam-store-private.h"

#define MAPPING_FORMAT "key-accounts-import-mapping"

/* Loads of more rows than this go through kam_store_begin_bulk(). */
#define BULK_ROWS 500

typedef struct {
  guint   line;
  char  **values;   /* n_columns */
  guint   n_values; /* what the file had (ragged rows differ) */
} SourceRow;

struct _KamImport
{
  KamStore            *store;
  const KamRecordKind *kind;
  GPtrArray           *columns;   /* of char*: header names */
  GPtrArray           *targets;   /* of const char* (static) or NULL */
  GPtrArray           *source;    /* of SourceRow* */
  GArray              *rows;      /* of KamImportRow */
  char                *date_order;/* per column, see parse_date() */
  guint                n_errors;
  guint                n_new;
  guint                n_updates;
};

G_DEFINE_QUARK (kam-import-error-quark, kam_import_error)

/* Header tables ---------------------------------------------------------- */

typedef struct {
  const char *target;
  const char *label;    /* N_(), for the helper targets */
  const char *headers;  /* "|"-separated, compared folded */
} HeaderMatch;

static const HeaderMatch account_headers[] = {
  { "name", NULL, "Account Name|Name|Account|Company|Company Name|Customer|Customer Name|Organization|"
                  "客户名称|客户|客户名|公司名称|公司|企业名称|单位名称|名称" },
  { "local_name", NULL, "Local Name|Chinese Name|中文名称|中文名|本地名称" },
  { "industry", NULL, "Industry|Sector|行业|所属行业" },
  { "region", NULL, "Region|Billing City|Billing State/Province|Billing State|City|Territory|"
                    "地区|区域|城市|省份|所在地区|所在城市" },
  { "currency", NULL, "Currency|Account Currency|币种|货币" },
  { "annual_spend", NULL, "Annual Spend|Annual Purchases|年采购额|年度采购额|采购额" },
  { "share_of_wallet", NULL, "Share of Wallet|钱包份额|采购份额" },
  { "revenue_this_year", NULL, "Annual Revenue|Revenue|Revenue This Year|Sales|"
                               "今年收入|本年收入|年收入|营业收入|销售额|本年销售额|今年销售额" },
  { "revenue_last_year", NULL, "Revenue Last Year|Last Year Revenue|去年收入|上年收入|上年销售额|去年销售额" },
  { "gross_margin", NULL, "Gross Margin|Margin|Gross Margin (%)|毛利率|毛利" },
  { "satisfaction", NULL, "Satisfaction|Customer Satisfaction|客户满意度|满意度" },
  { "tier_pinned", NULL, "Tier|Pinned Tier|客户等级|等级" },
  { "service_level", NULL, "Service Level|服务等级|服务级别" },
  { "strategy", NULL, "Strategy|Description|Notes|策略|备注|描述|说明" },
  { "external_id", NULL, "Account ID|External ID|ID|Id|客户编号|客户ID|外部编号|编号" },
};

static const HeaderMatch contact_headers[] = {
  { "account", N_("Account (name or external ID)"),
    "Account Name|Account|Account ID|Company|Company Name|Organization|Organisation|Customer|"
    "客户名称|客户|所属客户|公司|公司名称|单位|单位名称|客户编号" },
  { "name", NULL, "Name|Full Name|Contact Name|Contact|Display Name|姓名|联系人|联系人姓名|名字" },
  { "first_name", N_("First name"), "First Name|Given Name|名" },
  { "last_name", N_("Last name"), "Last Name|Surname|Family Name|姓" },
  { "title", NULL, "Title|Job Title|Position|Role|职务|职位|头衔|岗位" },
  { "department", NULL, "Department|Dept|部门|所属部门" },
  { "email", NULL, "Email|E-mail|Email Address|E-mail Address|Mail|邮箱|电子邮件|电子邮箱|邮件|邮件地址" },
  { "phone", NULL, "Phone|Mobile|Mobile Phone|Telephone|Tel|Business Phone|Work Phone|Cell|"
                   "电话|手机|手机号|手机号码|联系电话|移动电话|办公电话" },
  { "city", N_("City (added to the notes)"), "Mailing City|City|城市|所在城市" },
  { "notes", NULL, "Notes|Description|Note|Comments|备注|说明|描述" },
  { "external_id", NULL, "Contact ID|External ID|ID|Id|联系人编号|联系人ID|外部编号|编号" },
};

static const HeaderMatch opportunity_headers[] = {
  { "account", N_("Account (name or external ID)"),
    "Account Name|Account|Account ID|Customer|Customer Name|客户名称|客户|所属客户|公司名称" },
  { "name", NULL, "Opportunity Name|Name|Opportunity|Deal|Deal Name|商机名称|商机|项目名称|项目" },
  { "amount", NULL, "Amount|Value|Deal Size|Expected Revenue|金额|商机金额|预计金额|合同金额" },
  { "currency", NULL, "Currency|Opportunity Currency|币种|货币" },
  { "stage", NULL, "Stage|Sales Stage|阶段|销售阶段|商机阶段" },
  { "probability", NULL, "Probability|Probability (%)|Win Probability|赢率|成交概率|概率" },
  { "expected_close", NULL, "Close Date|Expected Close|Expected Close Date|预计成交日期|预计签约日期|成交日期|预计关闭日期" },
  { "next_step", NULL, "Next Step|下一步|下一步行动" },
  { "competitors", NULL, "Competitors|Competitor|Main Competitors|竞争对手" },
  { "reason", NULL, "Won or Lost Reason|Loss Reason|Reason|赢单/丢单原因|输赢原因|原因" },
  { "notes", NULL, "Description|Notes|备注|描述|说明" },
  { "external_id", NULL, "Opportunity ID|External ID|ID|Id|商机编号|商机ID|外部编号|编号" },
};

static const HeaderMatch visit_headers[] = {
  { "account", N_("Account (name or external ID)"),
    "Account Name|Account|Account ID|Customer|Company|客户名称|客户|所属客户|公司名称" },
  { "start_at", NULL, "Start|Start Date|Start Time|Date|Visit Date|Activity Date|开始时间|开始日期|拜访日期|拜访时间|日期" },
  { "end_at", NULL, "End|End Date|End Time|结束时间|结束日期" },
  { "place", NULL, "Place|Location|Where|地点|拜访地点" },
  { "kind", NULL, "Kind|Type|Activity Type|类型|拜访类型|方式" },
  { "objective", NULL, "Objective|Subject|Purpose|目的|拜访目的|主题" },
  { "status", NULL, "Status|状态" },
  { "outcome", NULL, "Outcome|Result|结果|拜访结果|成果" },
  { "next_steps", NULL, "Next Steps|Next Step|下一步|下一步行动" },
  { "follow_up", NULL, "Follow-up|Follow-up Date|Follow Up Date|跟进日期|回访日期" },
  { "external_id", NULL, "Activity ID|Event ID|External ID|ID|Id|拜访编号|外部编号|编号" },
};

static const HeaderMatch *
headers_for (const KamRecordKind *kind,
             guint               *n)
{
  if (kind == &kam_account_kind)
    {
      *n = G_N_ELEMENTS (account_headers);
      return account_headers;
    }
  if (kind == &kam_contact_kind)
    {
      *n = G_N_ELEMENTS (contact_headers);
      return contact_headers;
    }
  if (kind == &kam_opportunity_kind)
    {
      *n = G_N_ELEMENTS (opportunity_headers);
      return opportunity_headers;
    }
  if (kind == &kam_visit_kind)
    {
      *n = G_N_ELEMENTS (visit_headers);
      return visit_headers;
    }
  *n = 0;
  return NULL;
}

gboolean
kam_import_kind_supported (const KamRecordKind *kind)
{
  guint n;

  return headers_for (kind, &n) != NULL;
}

/* Case folded, without spaces, underscores, hyphens, dots, colons and stars
 * ("Account_Name:", "客户名称*" and "account name" are the same header). */
static char *
fold_header (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '*'
          || c == 0xFF1A /* ： */ || c == 0x3000)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

const char **
kam_import_targets (const KamRecordKind *kind)
{
  static GHashTable *cache;
  static GMutex lock;
  const char **targets;
  guint n;
  const HeaderMatch *headers = headers_for (kind, &n);

  if (headers == NULL)
    return NULL;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  targets = g_hash_table_lookup (cache, kind);
  if (targets == NULL)
    {
      targets = g_new0 (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        targets[i] = headers[i].target;
      g_hash_table_insert (cache, (gpointer) kind, targets);
    }
  g_mutex_unlock (&lock);
  return targets;
}

static const char *
intern_target (const KamRecordKind *kind,
               const char          *target)
{
  guint n;
  const HeaderMatch *headers = headers_for (kind, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (headers[i].target, target) == 0)
      return headers[i].target;
  return NULL;
}

const char *
kam_import_target_label (const KamRecordKind *kind,
                         const char          *target)
{
  guint n;
  const HeaderMatch *headers = headers_for (kind, &n);
  const KamField *field;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (headers[i].target, target) == 0 && headers[i].label != NULL)
      return g_dgettext (GETTEXT_PACKAGE, headers[i].label);

  field = kam_record_kind_find_field (kind, target);
  if (field != NULL)
    return g_dgettext (GETTEXT_PACKAGE, field->label);
  return target;
}

const char *
kam_import_match_header (const KamRecordKind *kind,
                         const char          *header)
{
  guint n;
  const HeaderMatch *headers = headers_for (kind, &n);
  g_autofree char *folded = NULL;

  if (headers == NULL || header == NULL || *header == '\0')
    return NULL;

  folded = fold_header (header);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) names = g_strsplit (headers[i].headers, "|", -1);
      g_autofree char *target_folded = fold_header (headers[i].target);
      g_autofree char *label_folded = fold_header (kam_import_target_label (kind, headers[i].target));

      if (g_str_equal (folded, target_folded) || g_str_equal (folded, label_folded))
        return headers[i].target;
      for (guint j = 0; names[j] != NULL; j++)
        {
          g_autofree char *name_folded = fold_header (names[j]);

          if (g_str_equal (folded, name_folded))
            return headers[i].target;
        }
    }
  return NULL;
}

/* Values ----------------------------------------------------------------- */

static gboolean
all_digits (const char *s,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* @order: 'M' when the column has dates with a month/day order seen in
 * other rows (12/21/2025), 'D' for day/month, 0 when it is not known. */
static gboolean
parse_date (const char  *text,
            char         order,
            GDate       *date,
            GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  unsigned a, b, c;
  int consumed = 0;
  guint y = 0, m = 0, d = 0;
  char sep1 = 0, sep2 = 0;

  /* a time after the date is not the date's business */
  if (strlen (copy) > 10 && (copy[10] == 'T' || copy[10] == ' ') && g_ascii_isdigit (copy[0]))
    copy[10] = '\0';

  if (sscanf (copy, "%u年%u月%u日%n", &a, &b, &c, &consumed) == 3 && copy[consumed] == '\0')
    {
      y = a;
      m = b;
      d = c;
    }
  else if (sscanf (copy, "%u%c%u%c%u%n", &a, &sep1, &b, &sep2, &c, &consumed) == 5
           && copy[consumed] == '\0' && sep1 == sep2 && (sep1 == '-' || sep1 == '/' || sep1 == '.'))
    {
      if (a >= 1000)
        {
          y = a;
          m = b;
          d = c;
        }
      else if (c >= 1000 && sep1 == '.')
        {
          y = c;
          m = b;
          d = a;
        }
      else if (c >= 1000 && sep1 == '/')
        {
          y = c;
          if (a > 12 && b <= 12)
            {
              d = a;
              m = b;
            }
          else if (b > 12 && a <= 12)
            {
              m = a;
              d = b;
            }
          else if (a == b)
            m = d = a;
          else if (order == 'M' || order == 'D')
            {
              m = order == 'M' ? a : b;
              d = order == 'M' ? b : a;
            }
          else
            {
              g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_ROWS,
                           _("“%s” could be day/month or month/day: write it as YYYY-MM-DD"), copy);
              return FALSE;
            }
        }
    }

  if (y < 1900 || y > 2200 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_ROWS,
                   _("“%s” is not a date (YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or 2026年1月5日)"), copy);
      return FALSE;
    }
  if (date != NULL)
    g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
kam_import_parse_date (const char  *text,
                       GDate       *date,
                       GError     **error)
{
  return parse_date (text, 0, date, error);
}

/* The order of day and month of the dates of a column, as far as some of
 * them tell (a number over 12); 0 when none does, or they disagree. */
static char
date_order_of (GPtrArray *source,
               guint      column)
{
  gboolean day_first = FALSE, month_first = FALSE;

  for (guint i = 0; i < source->len; i++)
    {
      SourceRow *row = g_ptr_array_index (source, i);
      unsigned a, b, c;
      char s1, s2;

      if (column >= row->n_values
          || sscanf (row->values[column], " %u%c%u%c%u", &a, &s1, &b, &s2, &c) != 5
          || s1 != '/' || s2 != '/' || c < 1000)
        continue;
      if (a > 12 && b <= 12)
        day_first = TRUE;
      else if (b > 12 && a <= 12)
        month_first = TRUE;
    }
  return day_first == month_first ? 0 : day_first ? 'D' : 'M';
}

char *
kam_import_parse_number (const char  *text,
                         GError     **error)
{
  static const char * const drop[] = { "¥", "￥", "$", "€", "£", "RMB", "CNY", "USD", "EUR", "元", "%", "％", " ", "\u00A0", "\u202F", "'" };
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  double factor = 1.0;
  char *last_dot, *last_comma;
  guint n_dots = 0, n_commas = 0;
  char *end = NULL;
  double value;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (g_str_has_suffix (s, "万"))
    {
      factor = 1e4;
      s[strlen (s) - strlen ("万")] = '\0';
    }
  else if (g_str_has_suffix (s, "亿"))
    {
      factor = 1e8;
      s[strlen (s) - strlen ("亿")] = '\0';
    }

  for (guint i = 0; i < G_N_ELEMENTS (drop); i++)
    {
      char *at;

      while ((at = strstr (s, drop[i])) != NULL)
        memmove (at, at + strlen (drop[i]), strlen (at + strlen (drop[i])) + 1);
    }

  for (const char *p = s; *p != '\0'; p++)
    {
      n_dots += *p == '.';
      n_commas += *p == ',';
    }
  last_dot = strrchr (s, '.');
  last_comma = strrchr (s, ',');

  if (n_dots > 0 && n_commas > 0)
    {
      /* the later one is the decimal mark */
      char thousands = last_dot > last_comma ? ',' : '.';
      char *w = s;

      for (char *p = s; *p != '\0'; p++)
        if (*p != thousands)
          *w++ = *p == ',' ? '.' : *p;
      *w = '\0';
    }
  else if (n_commas == 1 && !all_digits (last_comma + 1, strlen (last_comma + 1) == 3 ? 3 : 0))
    *last_comma = '.';  /* "12,5": a decimal comma */
  else if (n_commas > 0 || n_dots > 1)
    {
      char sep = n_commas > 0 ? ',' : '.';
      char *w = s;

      for (char *p = s; *p != '\0'; p++)
        if (*p != sep)
          *w++ = *p;
      *w = '\0';
    }

  value = g_ascii_strtod (s, &end);
  if (*s == '\0' || end == NULL || *end != '\0' || !isfinite (value))
    {
      g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_ROWS,
                   _("“%s” is not a number"), text);
      return NULL;
    }

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value * factor));
}

/* Salesforce's default stages, and the words people use, for our stages. */
static const struct {
  const char *text;
  KamStage    stage;
} stage_words[] = {
  { "Qualification", KAM_STAGE_PROSPECTING },
  { "Prospecting", KAM_STAGE_PROSPECTING },
  { "Needs Analysis", KAM_STAGE_NEEDS_ANALYSIS },
  { "Id. Decision Makers", KAM_STAGE_NEEDS_ANALYSIS },
  { "Perception Analysis", KAM_STAGE_NEEDS_ANALYSIS },
  { "Value Proposition", KAM_STAGE_SOLUTION_PROPOSAL },
  { "Proposal/Price Quote", KAM_STAGE_SOLUTION_PROPOSAL },
  { "Proposal", KAM_STAGE_SOLUTION_PROPOSAL },
  { "Negotiation/Review", KAM_STAGE_NEGOTIATION },
  { "Closed Won", KAM_STAGE_CLOSED_WON },
  { "Won", KAM_STAGE_CLOSED_WON },
  { "赢单", KAM_STAGE_CLOSED_WON },
  { "Closed Lost", KAM_STAGE_CLOSED_LOST },
  { "Lost", KAM_STAGE_CLOSED_LOST },
  { "丢单", KAM_STAGE_CLOSED_LOST },
};

/* An enum value by its nick, its words ("Closed Won"), or its label in
 * English or the language of the user. */
static const char *
parse_enum (GType       type,
            const char *text)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autofree char *folded = fold_header (text);

  if (type == KAM_TYPE_STAGE)
    for (guint i = 0; i < G_N_ELEMENTS (stage_words); i++)
      {
        g_autofree char *word = fold_header (stage_words[i].text);

        if (g_str_equal (word, folded))
          return kam_enum_to_string (type, stage_words[i].stage);
      }

  for (guint i = 0; i < klass->n_values; i++)
    {
      const GEnumValue *ev = &klass->values[i];
      g_autofree char *nick = fold_header (ev->value_nick);
      g_autofree char *label = fold_header (kam_enum_to_label (type, ev->value));

      if (g_str_equal (nick, folded) || g_str_equal (label, folded))
        return ev->value_nick;
    }
  return NULL;
}

/* @text as kam_record_set_from_string() takes it for @field. */
static char *
normalize_value (const KamField  *field,
                 const char      *text,
                 char             order,
                 GError         **error)
{
  switch (field->type)
    {
    case KAM_FIELD_INT:
    case KAM_FIELD_REAL:
      return kam_import_parse_number (text, error);

    case KAM_FIELD_DATE:
      {
        GDate date;
        char buf[16];

        if (!parse_date (text, order, &date, error))
          return NULL;
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        return g_strdup (buf);
      }

    case KAM_FIELD_DATETIME:
      {
        GDate date;
        char buf[16];
        g_autofree char *copy = g_strstrip (g_strdup (text));
        char *time_part = NULL;
        unsigned hh = 9, mm = 0;

        if (kam_parse_datetime (copy, NULL))
          return g_strdup (copy);

        /* a date as the spreadsheet writes it, then maybe a time */
        time_part = strrchr (copy, ' ');
        if (time_part != NULL && strchr (time_part, ':') != NULL)
          {
            int consumed = 0;

            *time_part++ = '\0';
            if (sscanf (time_part, "%u:%u%n", &hh, &mm, &consumed) != 2 || hh > 23 || mm > 59
                || (time_part[consumed] != '\0' && time_part[consumed] != ':'))
              {
                g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_ROWS,
                             _("“%s” is not a time (HH:MM)"), time_part);
                return NULL;
              }
          }
        if (!parse_date (copy, order, &date, error))
          return NULL;
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        return g_strdup_printf ("%s %02u:%02u", buf, hh, mm);
      }

    case KAM_FIELD_ENUM:
      {
        const char *nick = parse_enum (field->enum_type (), text);

        return g_strdup (nick != NULL ? nick : text);
      }

    case KAM_FIELD_TEXT:
    case KAM_FIELD_REF:
    case KAM_FIELD_JSON:
    case KAM_FIELD_REFS:
    default:
      return g_strdup (text);
    }
}

/* Lifecycle -------------------------------------------------------------- */

static void
source_row_free (SourceRow *row)
{
  g_strfreev (row->values);
  g_free (row);
}

static void
import_row_clear (KamImportRow *row)
{
  g_clear_object (&row->record);
  g_clear_pointer (&row->error, g_free);
}

static KamImport *
import_new (KamStore            *store,
            const KamRecordKind *kind)
{
  KamImport *self = g_new0 (KamImport, 1);

  self->store = g_object_ref (store);
  self->kind = kind;
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->targets = g_ptr_array_new ();
  self->source = g_ptr_array_new_with_free_func ((GDestroyNotify) source_row_free);
  self->rows = g_array_new (FALSE, TRUE, sizeof (KamImportRow));
  g_array_set_clear_func (self->rows, (GDestroyNotify) import_row_clear);
  return self;
}

void
kam_import_free (KamImport *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->store);
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->targets);
  g_ptr_array_unref (self->source);
  g_array_unref (self->rows);
  g_free (self->date_order);
  g_free (self);
}

static gboolean
check_kind (const KamRecordKind  *kind,
            GError              **error)
{
  if (kam_import_kind_supported (kind))
    return TRUE;
  g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_KIND,
               _("Only accounts, contacts, opportunities and visits can be imported"));
  return FALSE;
}

KamImport *
kam_import_new_for_csv (KamStore            *store,
                        const KamRecordKind *kind,
                        KamCsv              *csv,
                        GError             **error)
{
  KamImport *self;

  g_return_val_if_fail (KAM_IS_STORE (store), NULL);
  g_return_val_if_fail (csv != NULL, NULL);

  if (!check_kind (kind, error))
    {
      kam_csv_free (csv);
      return NULL;
    }

  self = import_new (store, kind);
  for (guint i = 0; i < csv->header->n_fields; i++)
    {
      const char *target = kam_import_match_header (kind, csv->header->fields[i]);

      /* a target takes the first column that names it */
      for (guint j = 0; target != NULL && j < self->targets->len; j++)
        if (self->targets->pdata[j] == target)
          target = NULL;
      g_ptr_array_add (self->columns, g_strdup (csv->header->fields[i]));
      g_ptr_array_add (self->targets, (gpointer) target);
    }

  for (guint i = 0; i < csv->rows->len; i++)
    {
      KamCsvRow *row = g_ptr_array_index (csv->rows, i);
      SourceRow *src = g_new0 (SourceRow, 1);

      src->line = row->line;
      src->n_values = row->n_fields;
      src->values = g_steal_pointer (&row->fields);
      row->n_fields = 0;
      g_ptr_array_add (self->source, src);
    }

  kam_csv_free (csv);
  return self;
}

KamImport *
kam_import_new_for_targets (KamStore            *store,
                            const KamRecordKind *kind,
                            const char * const  *targets)
{
  KamImport *self;

  g_return_val_if_fail (KAM_IS_STORE (store), NULL);
  g_return_val_if_fail (kam_import_kind_supported (kind), NULL);

  self = import_new (store, kind);
  for (guint i = 0; targets[i] != NULL; i++)
    {
      const char *target = intern_target (kind, targets[i]);

      g_return_val_if_fail (target != NULL, self);
      g_ptr_array_add (self->columns, g_strdup (targets[i]));
      g_ptr_array_add (self->targets, (gpointer) target);
    }
  return self;
}

void
kam_import_add_row (KamImport          *self,
                    guint               line,
                    const char * const *values)
{
  SourceRow *src = g_new0 (SourceRow, 1);

  src->line = line;
  src->n_values = self->columns->len;
  src->values = g_new0 (char *, self->columns->len + 1);
  for (guint i = 0; i < self->columns->len; i++)
    src->values[i] = g_strdup (values[i] != NULL ? values[i] : "");
  g_ptr_array_add (self->source, src);
}

const KamRecordKind *
kam_import_get_kind (KamImport *self)
{
  return self->kind;
}

guint
kam_import_get_n_columns (KamImport *self)
{
  return self->columns->len;
}

const char *
kam_import_get_column_name (KamImport *self,
                            guint      column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, column);
}

const char *
kam_import_get_column_target (KamImport *self,
                              guint      column)
{
  g_return_val_if_fail (column < self->targets->len, NULL);
  return g_ptr_array_index (self->targets, column);
}

gboolean
kam_import_set_column_target (KamImport   *self,
                              guint        column,
                              const char  *target,
                              GError     **error)
{
  const char *interned = NULL;

  g_return_val_if_fail (column < self->targets->len, FALSE);

  if (target != NULL && *target != '\0')
    {
      interned = intern_target (self->kind, target);
      if (interned == NULL)
        {
          g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                       _("“%s” is not a field a column can be imported into"), target);
          return FALSE;
        }
    }
  self->targets->pdata[column] = (gpointer) interned;
  return TRUE;
}

/* Mapping files ---------------------------------------------------------- */

gboolean
kam_import_save_mapping (KamImport   *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, MAPPING_FORMAT);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, self->kind->name);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->columns->len; i++)
    {
      const char *target = g_ptr_array_index (self->targets, i);

      json_builder_set_member_name (builder, g_ptr_array_index (self->columns, i));
      json_builder_add_string_value (builder, target != NULL ? target : "");
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_file_set_contents (path, text, -1, error);
}

/* Reads the mapping of @path into a new array of targets, one per column;
 * with @exact, a column the mapping maps and the table lacks is an error.
 * Nothing of @self changes. */
static GPtrArray *
read_mapping (KamImport   *self,
              const char  *path,
              gboolean     exact,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GList) members = NULL;
  JsonNode *root;
  JsonObject *object, *columns;
  const char *kind;

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                   _("Cannot read the mapping file %s: %s"), display, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL
      || g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""), MAPPING_FORMAT) != 0
      || !json_object_has_member (object, "columns")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "columns")))
    {
      g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                   _("%s is not a mapping file of Key Accounts"), display);
      return NULL;
    }

  kind = json_object_get_string_member_with_default (object, "kind", "");
  if (g_strcmp0 (kind, self->kind->name) != 0)
    {
      const KamRecordKind *other = kam_record_kind_lookup (kind);

      g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                   _("The mapping file %s is for another kind of record (%s)"), display,
                   other != NULL ? _(other->label) : kind);
      return NULL;
    }

  columns = json_object_get_object_member (object, "columns");
  targets = g_ptr_array_copy (self->targets, NULL, NULL);
  for (guint i = 0; i < self->columns->len; i++)
    {
      const char *name = g_ptr_array_index (self->columns, i);
      JsonNode *node = json_object_get_member (columns, name);
      const char *target;

      if (node == NULL)
        continue;  /* a column the mapping does not know keeps its automatic target */
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                       _("%s is not a mapping file of Key Accounts"), display);
          return NULL;
        }
      target = json_node_get_string (node);
      if (*target == '\0')
        targets->pdata[i] = NULL;
      else if ((targets->pdata[i] = (gpointer) intern_target (self->kind, target)) == NULL)
        {
          g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                       _("“%s” is not a field a column can be imported into"), target);
          return NULL;
        }
    }

  if (!exact)
    return g_steal_pointer (&targets);

  /* the columns the mapping sends somewhere and this table does not have */
  missing = g_ptr_array_new_with_free_func (g_free);
  members = json_object_get_members (columns);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (columns, l->data);
      gboolean found = FALSE;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || *json_node_get_string (node) == '\0')
        continue;  /* left out anyway */
      for (guint i = 0; i < self->columns->len && !found; i++)
        found = g_strcmp0 (g_ptr_array_index (self->columns, i), l->data) == 0;
      if (!found)
        g_ptr_array_add (missing, g_strdup_printf (_("“%s”"), (const char *) l->data));
    }
  if (missing->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (missing, NULL);
      list = g_strjoinv (_(", "), (char **) missing->pdata);
      g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The mapping file %s is for a table with a column this file does not have: %s",
                                "The mapping file %s is for a table with columns this file does not have: %s",
                                missing->len - 1),
                   display, list);
      return NULL;
    }
  return g_steal_pointer (&targets);
}

static gboolean
load_mapping (KamImport   *self,
              const char  *path,
              gboolean     exact,
              GError     **error)
{
  g_autoptr(GPtrArray) targets = read_mapping (self, path, exact, error);

  if (targets == NULL)
    return FALSE;
  for (guint i = 0; i < targets->len; i++)
    self->targets->pdata[i] = targets->pdata[i];
  return TRUE;
}

gboolean
kam_import_load_mapping (KamImport   *self,
                         const char  *path,
                         GError     **error)
{
  return load_mapping (self, path, FALSE, error);
}

gboolean
kam_import_load_mapping_exact (KamImport   *self,
                               const char  *path,
                               GError     **error)
{
  return load_mapping (self, path, TRUE, error);
}

/* Preview ---------------------------------------------------------------- */

typedef struct {
  GHashTable *account_by_key;  /* external id, folded name and local name -> id */
  GHashTable *account_ids;     /* id -> id */
  GHashTable *by_external;     /* external id -> id or row index + 1 (of the kind) */
  GHashTable *by_natural;      /* natural key -> id */
  GHashTable *claimed;         /* key -> GUINT (line) in this import */
} Lookup;

static void
lookup_clear (Lookup *l)
{
  g_clear_pointer (&l->account_by_key, g_hash_table_unref);
  g_clear_pointer (&l->account_ids, g_hash_table_unref);
  g_clear_pointer (&l->by_external, g_hash_table_unref);
  g_clear_pointer (&l->by_natural, g_hash_table_unref);
  g_clear_pointer (&l->claimed, g_hash_table_unref);
}

static char *
natural_key (const char *a,
             const char *b)
{
  g_autofree char *folded = g_utf8_casefold (b != NULL ? b : "", -1);

  return g_strconcat (a != NULL ? a : "", "\x1f", folded, NULL);
}

static gboolean
load_lookup (KamImport  *self,
             Lookup     *l,
             GError    **error)
{
  sqlite3_stmt *stmt;
  const char *sql;
  int rc;

  l->account_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l->account_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l->by_external = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l->by_natural = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l->claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = kam_store_prepare (self->store,
                            "SELECT id, name, local_name, external_id FROM account WHERE deleted = 0 ORDER BY rowid",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *cols[] = { (const char *) sqlite3_column_text (stmt, 3),
                             (const char *) sqlite3_column_text (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 2) };

      g_hash_table_add (l->account_ids, g_strdup (id));
      for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
        {
          /* external ids verbatim, names folded; the first of a name wins */
          char *key = i == 0 ? g_strdup (cols[i]) : g_utf8_casefold (cols[i] ? cols[i] : "", -1);

          if (*key == '\0' || g_hash_table_contains (l->account_by_key, key))
            g_free (key);
          else
            g_hash_table_insert (l->account_by_key, key, g_strdup (id));
        }
      if (self->kind == &kam_account_kind)
        {
          if (cols[0] != NULL && *cols[0] != '\0')
            g_hash_table_insert (l->by_external, g_strdup (cols[0]), g_strdup (id));
          g_hash_table_insert (l->by_natural, natural_key (NULL, cols[1]), g_strdup (id));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self->store, rc, error);

  if (self->kind == &kam_contact_kind)
    sql = "SELECT id, external_id, account_id, name FROM contact WHERE deleted = 0";
  else if (self->kind == &kam_opportunity_kind)
    sql = "SELECT id, external_id, account_id, name FROM opportunity WHERE deleted = 0";
  else if (self->kind == &kam_visit_kind)
    sql = "SELECT id, external_id, account_id, start_at FROM visit WHERE deleted = 0";
  else
    return TRUE;

  stmt = kam_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *external = (const char *) sqlite3_column_text (stmt, 1);

      if (external != NULL && *external != '\0')
        g_hash_table_insert (l->by_external, g_strdup (external), g_strdup (id));
      g_hash_table_insert (l->by_natural,
                           natural_key ((const char *) sqlite3_column_text (stmt, 2),
                                        (const char *) sqlite3_column_text (stmt, 3)),
                           g_strdup (id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (self->store, rc, error);
  return TRUE;
}

static gboolean
is_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_HAN)
        return TRUE;
    }
  return FALSE;
}

static void
add_error (GString    *errors,
           const char *message)
{
  if (errors->len > 0)
    /* TRANSLATORS: between two errors of one row */
    g_string_append (errors, _("; "));
  g_string_append (errors, message);
}

/* One row into a record, or errors. */
static void
prepare_row (KamImport    *self,
             Lookup       *l,
             SourceRow    *src,
             KamImportRow *row)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autoptr(KamRecord) record = NULL;
  g_autofree char *name = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *key = NULL;
  const char *external = NULL;
  const char *first = NULL, *last = NULL, *account = NULL, *city = NULL;
  const char *existing_id = NULL;
  gboolean has_account = kam_record_kind_find_field (self->kind, "account_id") != NULL;

  row->line = src->line;

  if (src->n_values != self->columns->len)
    {
      g_autofree char *message =
        g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                    "The row has %u field but the header has %u columns",
                                    "The row has %u fields but the header has %u columns",
                                    src->n_values),
                         src->n_values, self->columns->len);
      row->error = g_steal_pointer (&message);
      return;
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      const char *target = g_ptr_array_index (self->targets, i);
      const char *value = src->values[i];

      if (target == NULL)
        continue;
      if (g_str_equal (target, "name"))
        name = g_strstrip (g_strdup (value));
      else if (g_str_equal (target, "first_name"))
        first = value;
      else if (g_str_equal (target, "last_name"))
        last = value;
      else if (g_str_equal (target, "account"))
        account = value;
      else if (g_str_equal (target, "city"))
        city = value;
      else if (g_str_equal (target, "external_id"))
        external = value;
    }

  if ((name == NULL || *name == '\0') && (first != NULL || last != NULL))
    {
      g_autofree char *f = g_strstrip (g_strdup (first != NULL ? first : ""));
      g_autofree char *s = g_strstrip (g_strdup (last != NULL ? last : ""));

      g_free (name);
      if (*f == '\0' || *s == '\0')
        name = g_strconcat (s, f, NULL);
      else if (is_cjk (f) || is_cjk (s))
        name = g_strconcat (s, f, NULL);     /* 张 + 伟 = 张伟 */
      else
        name = g_strconcat (f, " ", s, NULL);
    }

  if (has_account)
    {
      if (account == NULL || *account == '\0')
        add_error (errors, _("No account"));
      else
        {
          g_autofree char *stripped = g_strstrip (g_strdup (account));
          g_autofree char *folded = g_utf8_casefold (stripped, -1);
          const char *id = g_hash_table_lookup (l->account_by_key, stripped);

          if (id == NULL)
            id = g_hash_table_lookup (l->account_by_key, folded);
          if (id == NULL && g_hash_table_contains (l->account_ids, stripped))
            id = stripped;
          if (id == NULL)
            {
              g_autofree char *message = g_strdup_printf (_("Unknown account “%s”"), stripped);
              add_error (errors, message);
            }
          else
            account_id = g_strdup (id);
        }
    }

  /* The record this row updates: by external id, else by its natural key
   * (a record made here and exported has no external id yet). */
  if (external != NULL && *external != '\0')
    existing_id = g_hash_table_lookup (l->by_external, external);
  if (self->kind == &kam_visit_kind)
    {
      /* account and start */
      for (guint i = 0; i < self->columns->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->targets, i), "start_at") == 0)
          {
            const KamField *f = kam_record_kind_find_field (self->kind, "start_at");
            g_autofree char *norm = normalize_value (f, src->values[i], self->date_order[i], NULL);
            g_autofree char *iso = NULL;

            if (norm != NULL && kam_parse_datetime (norm, &iso))
              key = natural_key (account_id, iso);
          }
    }
  else if (name != NULL && *name != '\0')
    key = natural_key (account_id, name);
  if (existing_id == NULL && key != NULL)
    existing_id = g_hash_table_lookup (l->by_natural, key);
  if (external != NULL && *external != '\0')
    {
      g_free (key);
      key = g_strconcat ("e\x1f", external, NULL);
    }

  if (key != NULL)
    {
      guint other = GPOINTER_TO_UINT (g_hash_table_lookup (l->claimed, key));

      if (other != 0)
        {
          g_autofree char *message = g_strdup_printf (_("The same record as on line %u"), other);
          add_error (errors, message);
        }
      else
        g_hash_table_insert (l->claimed, g_strdup (key), GUINT_TO_POINTER (src->line));
    }

  if (existing_id != NULL)
    {
      g_autoptr(GError) error = NULL;

      record = kam_store_load (self->store, self->kind, existing_id, &error);
      if (record == NULL)
        {
          add_error (errors, error->message);
          record = kam_record_new (self->kind);
        }
      else
        row->update = TRUE;
    }
  else
    {
      g_autofree char *id = kam_uuid_new ();

      record = kam_record_new (self->kind);
      kam_record_set_id (record, id);
    }

  if (name != NULL && *name != '\0')
    {
      g_autoptr(GError) error = NULL;

      if (!kam_record_set_from_string (record, "name", name, &error))
        add_error (errors, error->message);
    }
  if (account_id != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kam_record_set_from_string (record, "account_id", account_id, &error))
        add_error (errors, error->message);
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      const char *target = g_ptr_array_index (self->targets, i);
      const KamField *field;
      g_autofree char *value = NULL;
      g_autofree char *stripped = NULL;
      g_autoptr(GError) error = NULL;

      if (target == NULL || g_str_equal (target, "name"))
        continue;
      field = kam_record_kind_find_field (self->kind, target);
      if (field == NULL)
        continue;  /* a helper target, done above */

      stripped = g_strstrip (g_strdup (src->values[i]));
      if (*stripped == '\0')
        continue;  /* an empty cell keeps what is stored */

      value = normalize_value (field, stripped, self->date_order[i], &error);
      if (value == NULL || !kam_record_set_from_string (record, target, value, &error))
        {
          /* TRANSLATORS: a field and what is wrong with its value */
          g_autofree char *message = g_strdup_printf (_("%s: %s"),
                                                      g_dgettext (GETTEXT_PACKAGE, field->label),
                                                      error->message);
          add_error (errors, message);
        }
    }

  if (city != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (city));
      g_autofree char *line = g_strdup_printf (_("City: %s"), stripped);
      const char *notes = kam_record_get_string (record, "notes");

      if (*stripped != '\0' && (notes == NULL || strstr (notes, line) == NULL))
        {
          g_autofree char *joined = (notes != NULL && *notes != '\0')
                                    ? g_strconcat (notes, "\n", line, NULL) : g_strdup (line);
          kam_record_set_from_string (record, "notes", joined, NULL);
        }
    }

  /* a visit without an end lasts an hour */
  if (self->kind == &kam_visit_kind)
    {
      const char *start = kam_record_get_string (record, "start_at");
      const char *end = kam_record_get_string (record, "end_at");

      if (start != NULL && *start != '\0' && (end == NULL || *end == '\0'))
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (start, NULL);
          g_autoptr(GDateTime) later = dt != NULL ? g_date_time_add_hours (dt, 1) : NULL;
          g_autofree char *text = later != NULL ? g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ") : NULL;

          if (text != NULL)
            kam_record_set_from_string (record, "end_at", text, NULL);
        }
    }

  if (errors->len == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!kam_record_validate (record, &error))
        add_error (errors, error->message);
    }

  row->record = g_steal_pointer (&record);
  if (errors->len > 0)
    row->error = g_strdup (errors->str);
}

static gboolean
mapping_has (KamImport  *self,
             const char *target)
{
  for (guint i = 0; i < self->targets->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->targets, i), target) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
check_mapping (KamImport  *self,
               GError    **error)
{
  const char *missing = NULL;

  if (self->kind == &kam_visit_kind)
    {
      if (!mapping_has (self, "start_at"))
        missing = "start_at";
    }
  else if (!mapping_has (self, "name") && !(self->kind == &kam_contact_kind
                                            && (mapping_has (self, "first_name") || mapping_has (self, "last_name"))))
    missing = "name";

  if (missing == NULL && self->kind != &kam_account_kind && !mapping_has (self, "account"))
    missing = "account";

  if (missing != NULL)
    {
      g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING,
                   _("No column is mapped to “%s”: name it in the header or in a mapping file"),
                   kam_import_target_label (self->kind, missing));
      return FALSE;
    }
  return TRUE;
}

gboolean
kam_import_prepare (KamImport          *self,
                    KamImportProgress   progress,
                    gpointer            user_data,
                    GError            **error)
{
  Lookup l = { 0, };
  gboolean ok;

  g_array_set_size (self->rows, 0);
  self->n_errors = self->n_new = self->n_updates = 0;

  if (!check_mapping (self, error))
    return FALSE;

  g_free (self->date_order);
  self->date_order = g_new0 (char, self->columns->len + 1);
  for (guint i = 0; i < self->columns->len; i++)
    {
      const KamField *f = kam_record_kind_find_field (self->kind, g_ptr_array_index (self->targets, i) ?: "");

      if (f != NULL && (f->type == KAM_FIELD_DATE || f->type == KAM_FIELD_DATETIME))
        self->date_order[i] = date_order_of (self->source, i);
    }

  ok = load_lookup (self, &l, error);
  if (ok)
    {
      g_array_set_size (self->rows, self->source->len);
      for (guint i = 0; i < self->source->len; i++)
        {
          KamImportRow *row = &g_array_index (self->rows, KamImportRow, i);

          prepare_row (self, &l, g_ptr_array_index (self->source, i), row);
          if (row->error != NULL)
            self->n_errors++;
          else if (row->update)
            self->n_updates++;
          else
            self->n_new++;
          if (progress != NULL && (i % 1000) == 0)
            progress (0.5 * i / self->source->len, user_data);
        }
    }
  lookup_clear (&l);
  return ok;
}

guint
kam_import_get_n_rows (KamImport *self)
{
  return self->rows->len;
}

const KamImportRow *
kam_import_get_row (KamImport *self,
                    guint      index)
{
  g_return_val_if_fail (index < self->rows->len, NULL);
  return &g_array_index (self->rows, KamImportRow, index);
}

guint
kam_import_get_n_errors (KamImport *self)
{
  return self->n_errors;
}

guint
kam_import_get_n_new (KamImport *self)
{
  return self->n_new;
}

guint
kam_import_get_n_updates (KamImport *self)
{
  return self->n_updates;
}

/* Writing ---------------------------------------------------------------- */

gboolean
kam_import_commit (KamImport          *self,
                   gboolean            skip_errors,
                   KamImportProgress   progress,
                   gpointer            user_data,
                   GError            **error)
{
  guint n_good = self->n_new + self->n_updates;
  gboolean bulk = n_good > BULK_ROWS;

  if (self->n_errors > 0 && !skip_errors)
    {
      g_set_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_ROWS,
                   dngettext (GETTEXT_PACKAGE,
                              "%u row has errors: nothing was imported",
                              "%u rows have errors: nothing was imported",
                              self->n_errors),
                   self->n_errors);
      return FALSE;
    }
  if (n_good == 0)
    return TRUE;

  if (!(bulk ? kam_store_begin_bulk (self->store, error) : kam_store_begin (self->store, error)))
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      KamImportRow *row = &g_array_index (self->rows, KamImportRow, i);
      KamSaveFlags flags = KAM_SAVE_DEFAULT;

      if (row->error != NULL || row->record == NULL)
        continue;
      if (!row->update)
        flags |= KAM_SAVE_NEW;
      if (bulk)
        flags |= KAM_SAVE_DEFER_REFERENCES;

      if (!kam_store_save_full (self->store, row->record, flags, error))
        {
          g_prefix_error (error, _("Line %u: "), row->line);
          kam_store_rollback (self->store);
          return FALSE;
        }
      if (progress != NULL && (i % 1000) == 0)
        progress (0.5 + 0.45 * i / self->rows->len, user_data);
    }

  if (bulk)
    {
      /* on failure it has rolled back */
      if (!kam_store_commit_bulk (self->store, error))
        return FALSE;
    }
  else if (!kam_store_commit (self->store, error))
    {
      kam_store_rollback (self->store);
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
