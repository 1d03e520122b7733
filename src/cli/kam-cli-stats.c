/* kam-cli-stats.c — kam stats
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures of the dashboard, from the same code (kam-insights.c): counts,
 * the ABC split, the pipeline of this year, relationship coverage and the
 * visits due today.  JSON is one object; TSV is the same object flattened to
 * "path<TAB>value" lines ("pipeline.stages.negotiation.amount	1200000").
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <stdio.h>

#include "kam-cli.h"
#include "kam-insights.h"
#include "kam-model.h"
#include "kam-store-private.h"

#define N_TOP_DUE 10

static const char tiers_sql[] =
  "SELECT tier, count(*), total(revenue_this_year) FROM account WHERE deleted = 0 GROUP BY tier";

static gboolean
add_tiers (JsonBuilder  *b,
           KamStore     *store,
           GError      **error)
{
  struct { gint64 count; double revenue; } tiers[KAM_N_TIERS] = { { 0 } };
  sqlite3_stmt *stmt = kam_store_prepare (store, tiers_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int tier = KAM_TIER_C;

      kam_enum_from_string (KAM_TYPE_TIER, (const char *) sqlite3_column_text (stmt, 0), &tier);
      tiers[tier].count += sqlite3_column_int64 (stmt, 1);
      tiers[tier].revenue += sqlite3_column_double (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  json_builder_set_member_name (b, "tiers");
  json_builder_begin_object (b);
  for (int t = 0; t < KAM_N_TIERS; t++)
    {
      json_builder_set_member_name (b, kam_enum_to_string (KAM_TYPE_TIER, t));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, tiers[t].count);
      json_builder_set_member_name (b, "revenue");
      json_builder_add_double_value (b, tiers[t].revenue);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return TRUE;
}

static void
add_double_or_null (JsonBuilder *b,
                    const char  *name,
                    double       value,
                    gboolean     valid)
{
  json_builder_set_member_name (b, name);
  if (valid)
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static gboolean
add_pipeline (JsonBuilder  *b,
              KamStore     *store,
              int           year,
              GError      **error)
{
  KamPipelineSummary s;
  static const char * const coverage_status[] = { "ratio", "target_reached", "no_target" };

  if (!kam_insights_pipeline (store, year, NULL, &s, error))
    return FALSE;

  json_builder_set_member_name (b, "pipeline");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, s.year);
  json_builder_set_member_name (b, "deals");
  json_builder_add_int_value (b, s.n_deals);

  json_builder_set_member_name (b, "stages");
  json_builder_begin_object (b);
  for (int i = 0; i < KAM_N_STAGES; i++)
    {
      json_builder_set_member_name (b, kam_enum_to_string (KAM_TYPE_STAGE, i));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, s.stages[i].count);
      json_builder_set_member_name (b, "amount");
      json_builder_add_double_value (b, s.stages[i].amount);
      json_builder_set_member_name (b, "weighted");
      json_builder_add_double_value (b, s.stages[i].weighted);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "target");
  json_builder_add_double_value (b, s.target);
  json_builder_set_member_name (b, "won");
  json_builder_add_double_value (b, s.coverage.won);
  json_builder_set_member_name (b, "remaining");
  json_builder_add_double_value (b, s.coverage.remaining);
  json_builder_set_member_name (b, "open_amount");
  json_builder_add_double_value (b, s.coverage.open_amount);
  json_builder_set_member_name (b, "open_weighted");
  json_builder_add_double_value (b, s.coverage.open_weighted);
  json_builder_set_member_name (b, "coverage_status");
  json_builder_add_string_value (b, coverage_status[CLAMP ((int) s.coverage.status, 0, 2)]);
  add_double_or_null (b, "coverage_ratio", s.coverage.ratio,
                      s.coverage.status == KAM_PIPELINE_COVERAGE_RATIO);

  json_builder_set_member_name (b, "win_rate");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "won");
  json_builder_add_int_value (b, s.win_rate.won_count);
  json_builder_set_member_name (b, "lost");
  json_builder_add_int_value (b, s.win_rate.lost_count);
  json_builder_set_member_name (b, "won_amount");
  json_builder_add_double_value (b, s.win_rate.won_amount);
  json_builder_set_member_name (b, "lost_amount");
  json_builder_add_double_value (b, s.win_rate.lost_amount);
  add_double_or_null (b, "rate", s.win_rate.rate, s.has_win_rate && s.win_rate.rate >= 0);
  add_double_or_null (b, "rate_by_amount", s.win_rate.rate_by_amount,
                      s.has_win_rate && s.win_rate.rate_by_amount >= 0);
  json_builder_end_object (b);

  json_builder_end_object (b);
  return TRUE;
}

static gboolean
add_coverage (JsonBuilder  *b,
              KamStore     *store,
              const GDate  *today,
              GError      **error)
{
  g_autoptr(GPtrArray) items = kam_insights_coverage (store, NULL, today, error);
  gint64 counts[3] = { 0 };
  static const char * const names[] = { "red", "amber", "green" };

  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      const KamAccountCoverage *item = g_ptr_array_index (items, i);

      counts[CLAMP ((int) item->coverage.status, 0, 2)]++;
    }

  json_builder_set_member_name (b, "coverage");
  json_builder_begin_object (b);
  for (int i = 0; i < 3; i++)
    {
      json_builder_set_member_name (b, names[i]);
      json_builder_add_int_value (b, counts[i]);
    }
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
add_due (JsonBuilder  *b,
         KamStore     *store,
         const GDate  *today,
         GError      **error)
{
  KamDueCounts counts;
  g_autoptr(GPtrArray) due = kam_insights_due (store, NULL, today, N_TOP_DUE, &counts, error);
  gint64 n_accounts, n_contacts;

  if (due == NULL)
    return FALSE;
  n_accounts = counts.accounts;
  n_contacts = counts.contacts;

  json_builder_set_member_name (b, "due");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "accounts");
  json_builder_add_int_value (b, n_accounts);
  json_builder_set_member_name (b, "contacts");
  json_builder_add_int_value (b, n_contacts);
  json_builder_set_member_name (b, "top");
  json_builder_begin_array (b);
  for (guint i = 0; i < MIN (due->len, N_TOP_DUE); i++)
    {
      const KamDueEntry *e = g_ptr_array_index (due, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, e->kind->name);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, e->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, e->name);
      json_builder_set_member_name (b, "account_id");
      json_builder_add_string_value (b, e->account_id);
      json_builder_set_member_name (b, "account");
      json_builder_add_string_value (b, e->account_name);
      json_builder_set_member_name (b, "tier");
      json_builder_add_string_value (b, kam_enum_to_string (KAM_TYPE_TIER, e->tier));
      json_builder_set_member_name (b, "last");
      json_builder_add_string_value (b, e->last ? e->last : "");
      json_builder_set_member_name (b, "never");
      json_builder_add_boolean_value (b, e->never);
      json_builder_set_member_name (b, "days_overdue");
      json_builder_add_int_value (b, e->days_overdue);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return TRUE;
}

/* TSV: "path<TAB>value" per leaf; array elements are numbered from 1. */
static void
flatten (GString    *out,
         const char *path,
         JsonNode   *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_autofree char *sub = *path ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);
          flatten (out, sub, member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%u", path, i + 1);
          flatten (out, sub, json_array_get_element (array, i));
        }
    }
  else
    {
      g_string_append_printf (out, "%s\t", path);
      if (JSON_NODE_HOLDS_VALUE (node))
        switch (json_node_get_value_type (node))
          {
          case G_TYPE_INT64:
            g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
            break;
          case G_TYPE_DOUBLE:
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", json_node_get_double (node)));
            }
            break;
          case G_TYPE_BOOLEAN:
            g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
            break;
          case G_TYPE_STRING:
            for (const char *p = json_node_get_string (node); *p; p++)
              g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
            break;
          default:
            break;
          }
      g_string_append_c (out, '\n');
    }
}

int
kam_cli_stats (int    argc,
               char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_arg = NULL;
  g_autofree char *today_arg = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_arg, N_("Output format: tsv (default) or json"), N_("FORMAT") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_arg, N_("Compute as of this day instead of today"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);
  char date[16];
  GDate today;
  gboolean ok;

  context = kam_cli_context_new ("stats", NULL,
                                 N_("Counts per kind, the ABC split (accounts and revenue per tier), the pipeline\n"
                                    "per stage (count, amount, weighted) with this year’s target, coverage and\n"
                                    "win rate, relationship coverage (red, amber, green accounts) and the\n"
                                    "accounts and key contacts due for a visit, the 10 most overdue first."),
                                 entries, &db);
  if (!kam_cli_parse (context, "stats", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc > 1)
    return kam_cli_usage ("stats", _("Unexpected argument “%s”"), argv[1]);
  if (format_arg != NULL && g_ascii_strcasecmp (format_arg, "tsv") != 0 && g_ascii_strcasecmp (format_arg, "json") != 0)
    return kam_cli_usage ("stats", _("Unknown format “%s”; use tsv or json"), format_arg);
  if (!kam_cli_parse_today (today_arg, &today))
    return kam_cli_usage ("stats", _("--today needs a date (YYYY-MM-DD), not “%s”"), today_arg);

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  g_date_strftime (date, sizeof date, "%Y-%m-%d", &today);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "database");
  json_builder_add_string_value (b, kam_store_get_path (store));
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);

  /* All figures from one snapshot of the database. */
  if (!kam_store_begin_read (store, &error))
    return kam_cli_fail (error);

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (guint k = 0; k < n_kinds; k++)
    {
      json_builder_set_member_name (b, kinds[k]->name);
      json_builder_add_int_value (b, kam_store_count (store, kinds[k]));
    }
  json_builder_end_object (b);

  ok = add_tiers (b, store, &error)
       && add_pipeline (b, store, g_date_get_year (&today), &error)
       && add_coverage (b, store, &today, &error)
       && add_due (b, store, &today, &error);

  kam_store_end_read (store);
  if (!ok)
    return kam_cli_fail (error);

  json_builder_end_object (b);
  root = json_builder_get_root (b);

  if (format_arg != NULL && g_ascii_strcasecmp (format_arg, "json") == 0)
    kam_cli_print_json (root);
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      flatten (out, "", root);
      fwrite (out->str, 1, out->len, stdout);
    }

  return KAM_CLI_OK;
}
