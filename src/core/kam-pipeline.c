/* kam-pipeline.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "kam-insights.h"
#include "kam-opportunity.h"
#include "kam-pipeline.h"
#include "kam-store-private.h"

/* Periods ----------------------------------------------------------------- */

gboolean
kam_period_parse (const char   *text,
                  const GDate  *today,
                  KamPeriod    *period,
                  GError      **error)
{
  int year = 0, n = 0, q = 0, month = 0, months = 0, len = 0;

  if (text == NULL || *text == '\0')
    {
      period->year = g_date_get_year (today);
      period->month = 1;
      period->n_months = 12;
      return TRUE;
    }

  len = (int) strlen (text);
  if (sscanf (text, "%4d%n", &year, &n) == 1 && n == 4 && len == 4)
    {
      period->year = year;
      period->month = 1;
      period->n_months = 12;
    }
  else if (((sscanf (text, "%4d-%*1[Qq]%1d%n", &year, &q, &n) == 2 && n == len)
            || (sscanf (text, "%4d%*1[Qq]%1d%n", &year, &q, &n) == 2 && n == len))
           && q >= 1 && q <= 4)
    {
      period->year = year;
      period->month = 3 * (q - 1) + 1;
      period->n_months = 3;
    }
  else if (sscanf (text, "%4d-%2d+%2d%n", &year, &month, &months, &n) == 3 && n == len
           && month >= 1 && month <= 12 && months >= 1 && months <= KAM_PERIOD_MAX_MONTHS)
    {
      period->year = year;
      period->month = month;
      period->n_months = months;
    }
  else if (sscanf (text, "%4d-%2d%n", &year, &month, &n) == 2 && n == len && len == 7
           && month >= 1 && month <= 12)
    {
      period->year = year;
      period->month = month;
      period->n_months = 1;
    }
  else
    year = 0;

  if (year < 1900 || year > 9999)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a period: use a year (2026), a quarter (2026-Q2), a month (2026-05) "
                     "or months from a month (2026-04+12)"), text);
      return FALSE;
    }
  return TRUE;
}

char *
kam_period_to_string (const KamPeriod *period)
{
  if (period->month == 1 && period->n_months == 12)
    return g_strdup_printf ("%04d", period->year);
  if (period->n_months == 3 && period->month % 3 == 1)
    return g_strdup_printf ("%04d-Q%d", period->year, (period->month - 1) / 3 + 1);
  if (period->n_months == 1)
    return g_strdup_printf ("%04d-%02d", period->year, period->month);
  return g_strdup_printf ("%04d-%02d+%d", period->year, period->month, period->n_months);
}

void
kam_period_month (const KamPeriod *period,
                  int              index,
                  int             *year,
                  int             *month)
{
  int m = period->month - 1 + index;

  *year = period->year + m / 12;
  *month = m % 12 + 1;
}

void
kam_period_get_bounds (const KamPeriod  *period,
                       char            **first,
                       char            **last)
{
  int year, month;

  kam_period_month (period, period->n_months - 1, &year, &month);
  *first = g_strdup_printf ("%04d-%02d-01", period->year, period->month);
  *last = g_strdup_printf ("%04d-%02d-%02d", year, month,
                           g_date_get_days_in_month (month, year));
}

/* Index in the period of the month of "YYYY-MM...", -1 when outside. */
static int
period_index (const KamPeriod     *period,
              const unsigned char *text)
{
  int year, month, index;

  if (text == NULL || strlen ((const char *) text) < 7
      || sscanf ((const char *) text, "%4d-%2d", &year, &month) != 2)
    return -1;
  index = (year - period->year) * 12 + month - period->month;
  return index >= 0 && index < period->n_months ? index : -1;
}

/* Filters ----------------------------------------------------------------- */

void
kam_pipeline_filter_init (KamPipelineFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->tier = -1;
  filter->stage = -1;
}

#define CLOSED_STAGES "('closed_won', 'closed_lost')"
#define OPEN_STAGES "('prospecting', 'needs_analysis', 'solution_proposal', 'negotiation')"

void
kam_pipeline_filter_to_query (const KamPipelineFilter *filter,
                              KamQuery                *query)
{
  g_return_if_fail (kam_query_get_kind (query) == &kam_opportunity_kind);

  kam_query_set_owner (query, filter->owner_id);
  kam_query_set_portfolio (query, filter->portfolio_id);
  kam_query_set_account (query, filter->account_id);
  kam_query_set_tier (query, filter->tier >= 0 ? kam_enum_to_string (KAM_TYPE_TIER, filter->tier) : NULL);
  kam_query_set_stage (query, filter->stage >= 0 ? kam_enum_to_string (KAM_TYPE_STAGE, filter->stage)
                              : filter->status == KAM_PIPELINE_OPEN ? "open"
                              : filter->status == KAM_PIPELINE_CLOSED ? "closed" : NULL);
  kam_query_set_close_range (query, filter->close_from, filter->close_to);
  kam_query_set_name_search (query, filter->search);
}

typedef enum {
  WITH_CLOSE = 1 << 0,  /* the close period of the filter */
} FilterParts;

/* Appends the WHERE terms of @filter on opportunity "o".  Only fixed SQL is
 * appended; the values are bound by name in bind_filter(). */
static void
append_deal_filter (GString                 *sql,
                    const KamPipelineFilter *filter,
                    FilterParts              parts)
{
  g_string_append (sql, " WHERE o.deleted = 0");
  if (filter->owner_id != NULL)
    g_string_append (sql, " AND o.owner_id = :owner");
  if (filter->portfolio_id != NULL)
    g_string_append (sql, " AND o.account_id IN (SELECT id FROM account WHERE deleted = 0 AND owner_id = :portfolio)");
  if (filter->account_id != NULL)
    g_string_append (sql, " AND o.account_id = :account");
  if (filter->tier >= 0)
    g_string_append (sql, " AND o.account_id IN (SELECT id FROM account WHERE deleted = 0 AND tier = :tier)");
  if (filter->stage >= 0)
    g_string_append (sql, " AND o.stage = :stage");
  else if (filter->status == KAM_PIPELINE_OPEN)
    g_string_append (sql, " AND o.stage IN " OPEN_STAGES);
  else if (filter->status == KAM_PIPELINE_CLOSED)
    g_string_append (sql, " AND o.stage IN " CLOSED_STAGES);
  if ((parts & WITH_CLOSE) && filter->close_from != NULL)
    g_string_append (sql, " AND (CASE WHEN o.stage IN " CLOSED_STAGES " THEN o.closed_on ELSE o.expected_close END) >= :from");
  if ((parts & WITH_CLOSE) && filter->close_to != NULL)
    g_string_append (sql, " AND (CASE WHEN o.stage IN " CLOSED_STAGES " THEN o.closed_on ELSE o.expected_close END) <= :to");
  if (filter->search != NULL && *filter->search != '\0')
    g_string_append (sql, " AND (o.name LIKE :search ESCAPE '\\' OR o.account_id IN (SELECT id FROM account "
                          "WHERE deleted = 0 AND (name LIKE :search ESCAPE '\\' OR local_name LIKE :search ESCAPE '\\')))");
}

/* The same filter on account "a" (targets, Pareto). */
static void
append_account_filter (GString                 *sql,
                       const KamPipelineFilter *filter)
{
  g_string_append (sql, " WHERE a.deleted = 0");
  if (filter->owner_id != NULL)
    g_string_append (sql, " AND a.owner_id = :owner");
  if (filter->portfolio_id != NULL)
    g_string_append (sql, " AND a.owner_id = :portfolio");
  if (filter->account_id != NULL)
    g_string_append (sql, " AND a.id = :account");
  if (filter->tier >= 0)
    g_string_append (sql, " AND a.tier = :tier");
  if (filter->search != NULL && *filter->search != '\0')
    g_string_append (sql, " AND (a.name LIKE :search ESCAPE '\\' OR a.local_name LIKE :search ESCAPE '\\')");
}

/* The effective probability (0-100) of a deal of @stage whose stored
 * probability is @stored, with the stages' defaults of the preferences:
 * the SQL groups by stage and probability, and this weighs each group. */
static double
effective_probability (const int probabilities[KAM_N_STAGES],
                       int       stage,
                       int       stored)
{
  if (stage == KAM_STAGE_CLOSED_WON)
    return 100;
  if (stage == KAM_STAGE_CLOSED_LOST)
    return 0;
  return stored >= 0 ? MIN (stored, 100) : probabilities[stage];
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                int           value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int (stmt, index, value);
}

static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static void
bind_filter (sqlite3_stmt            *stmt,
             const KamPipelineFilter *filter)
{
  bind_named_text (stmt, ":owner", filter->owner_id);
  bind_named_text (stmt, ":portfolio", filter->portfolio_id);
  bind_named_text (stmt, ":account", filter->account_id);
  if (filter->tier >= 0)
    bind_named_text (stmt, ":tier", kam_enum_to_string (KAM_TYPE_TIER, filter->tier));
  if (filter->stage >= 0)
    bind_named_text (stmt, ":stage", kam_enum_to_string (KAM_TYPE_STAGE, filter->stage));
  bind_named_text (stmt, ":from", filter->close_from);
  bind_named_text (stmt, ":to", filter->close_to);
  if (filter->search != NULL && *filter->search != '\0')
    {
      g_autofree char *pattern = like_pattern (filter->search);
      bind_named_text (stmt, ":search", pattern);
    }
}

/* Prepares @sql (made per call from the filter, so not in the store's
 * statement cache) inside a read snapshot. */
static sqlite3_stmt *
prepare (KamStore    *store,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (kam_store_get_db (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      kam_store_set_sqlite_error (store, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

typedef sqlite3_stmt *sqlite3_stmt_ptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (sqlite3_stmt_ptr, sqlite3_finalize, NULL)

static int
stage_of (sqlite3_stmt *stmt,
          int           column)
{
  int stage = -1;

  if (!kam_enum_from_string (KAM_TYPE_STAGE, (const char *) sqlite3_column_text (stmt, column), &stage))
    return -1;
  return stage;
}

/* Stage totals ------------------------------------------------------------ */

gboolean
kam_pipeline_stage_totals (KamStore                *store,
                           const KamPipelineFilter *filter,
                           KamStageTotals           totals[KAM_N_STAGES],
                           GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT o.stage, o.probability, count(*), total (o.amount) "
                                         "FROM opportunity o INDEXED BY opportunity_pipeline");
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  int probabilities[KAM_N_STAGES];
  int rc;

  memset (totals, 0, sizeof (KamStageTotals) * KAM_N_STAGES);
  kam_insights_get_probabilities (store, probabilities);
  append_deal_filter (sql, filter, WITH_CLOSE);
  /* in the index's order: no sort, and no expression per row */
  g_string_append (sql, " GROUP BY o.stage, o.probability");

  if (!kam_store_begin_read (store, error))
    return FALSE;
  stmt = prepare (store, sql->str, error);
  if (stmt == NULL)
    {
      kam_store_end_read (store);
      return FALSE;
    }
  bind_filter (stmt, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int stage = stage_of (stmt, 0);
      double amount = sqlite3_column_double (stmt, 3);

      if (stage < 0)
        continue;
      totals[stage].count += sqlite3_column_int (stmt, 2);
      totals[stage].amount += amount;
      totals[stage].weighted += amount * effective_probability (probabilities, stage,
                                                                sqlite3_column_int (stmt, 1)) / 100.0;
    }
  kam_store_end_read (store);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

/* Forecast ---------------------------------------------------------------- */

/* The yearly targets summed over the accounts of a filter are kept per
 * store until an account changes: reading them means parsing every
 * account's targets JSON, the dearest part of a forecast, and the
 * dashboard refreshes its forecast after every change of a deal. */
#define TARGETS_CACHE "kam-pipeline-targets"

static void
targets_changed_cb (KamStore   *store,
                    guint       flags,
                    GHashTable *cache)
{
  if (flags & KAM_CHANGE_ACCOUNT)
    g_hash_table_remove_all (cache);
}

static GHashTable *
targets_cache (KamStore *store)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (store), TARGETS_CACHE);

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      g_object_set_data_full (G_OBJECT (store), TARGETS_CACHE, cache, (GDestroyNotify) g_hash_table_unref);
      g_signal_connect (store, "changed", G_CALLBACK (targets_changed_cb), cache);
    }
  return cache;
}

/* Σ targets of each year from @first_year to @last_year (double). */
static GArray *
read_yearly_targets (KamStore                *store,
                     const KamPipelineFilter *filter,
                     int                      first_year,
                     int                      last_year,
                     GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT CAST (t.value ->> 'year' AS INTEGER), total (t.value ->> 'amount') "
                                         "FROM account a INDEXED BY account_insights, json_each (a.targets) t");
  g_autoptr(GArray) years = g_array_new (FALSE, TRUE, sizeof (double));
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  int rc;

  g_array_set_size (years, last_year - first_year + 1);
  append_account_filter (sql, filter);
  g_string_append (sql, " AND json_valid (a.targets) AND CAST (t.value ->> 'year' AS INTEGER) BETWEEN :y0 AND :y1 GROUP BY 1");

  stmt = prepare (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  bind_named_int (stmt, ":y0", first_year);
  bind_named_int (stmt, ":y1", last_year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      if (year >= first_year && year <= last_year)
        g_array_index (years, double, year - first_year) = sqlite3_column_double (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&years);
}

static gboolean
read_targets (KamStore                *store,
              const KamPipelineFilter *filter,
              const KamPeriod         *period,
              double                  *month_targets,
              GError                 **error)
{
  GHashTable *cache = targets_cache (store);
  int last_year, last_month;
  g_autofree char *key = NULL;
  GArray *years;

  kam_period_month (period, period->n_months - 1, &last_year, &last_month);
  key = g_strdup_printf ("%s\x1f%s\x1f%d\x1f%s\x1f%d\x1f%d", filter->owner_id ? filter->owner_id : "",
                         filter->account_id ? filter->account_id : "", filter->tier,
                         filter->search ? filter->search : "", period->year, last_year);
  years = g_hash_table_lookup (cache, key);
  if (years == NULL)
    {
      years = read_yearly_targets (store, filter, period->year, last_year, error);
      if (years == NULL)
        return FALSE;
      g_hash_table_insert (cache, g_steal_pointer (&key), years);
    }

  for (int i = 0; i < period->n_months; i++)
    {
      int y, m;

      kam_period_month (period, i, &y, &m);
      month_targets[i] += g_array_index (years, double, y - period->year) / 12.0;
    }
  return TRUE;
}

gboolean
kam_pipeline_forecast (KamStore                *store,
                       const KamPipelineFilter *filter,
                       const KamPeriod         *period,
                       KamPipelineForecast     *forecast,
                       GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT substr (o.closed_on, 1, 7), 'closed_won', -1, total (o.amount) "
                                         "FROM opportunity o INDEXED BY opportunity_closed");
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  int probabilities[KAM_N_STAGES];
  int rc;

  g_return_val_if_fail (period->n_months >= 1 && period->n_months <= KAM_PERIOD_MAX_MONTHS, FALSE);

  memset (forecast, 0, sizeof *forecast);
  forecast->period = *period;
  forecast->n_quarters = (period->n_months + 2) / 3;
  kam_period_get_bounds (period, &first, &last);
  kam_insights_get_probabilities (store, probabilities);

  /* closed won by closing day (a range of opportunity_closed), open deals
   * by expected close, grouped by probability to be weighted here */
  append_deal_filter (sql, filter, 0);
  g_string_append (sql, " AND o.stage = 'closed_won' AND o.closed_on BETWEEN :first AND :last GROUP BY 1 UNION ALL "
                        "SELECT substr (o.expected_close, 1, 7), o.stage, o.probability, total (o.amount) "
                        "FROM opportunity o INDEXED BY opportunity_pipeline");
  append_deal_filter (sql, filter, 0);
  g_string_append (sql, " AND o.stage IN " OPEN_STAGES " AND o.expected_close BETWEEN :first AND :last GROUP BY 1, 2, 3");

  if (!kam_store_begin_read (store, error))
    return FALSE;
  stmt = prepare (store, sql->str, error);
  if (stmt == NULL)
    goto fail;
  bind_filter (stmt, filter);
  bind_named_text (stmt, ":first", first);
  bind_named_text (stmt, ":last", last);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = period_index (period, sqlite3_column_text (stmt, 0));

      int stage = stage_of (stmt, 1);
      double amount = sqlite3_column_double (stmt, 3);

      if (i < 0 || stage < 0)
        continue;
      if (stage == KAM_STAGE_CLOSED_WON)
        forecast->months[i].won += amount;
      else
        forecast->months[i].weighted_open += amount * effective_probability (probabilities, stage,
                                                                             sqlite3_column_int (stmt, 2)) / 100.0;
    }
  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (store, rc, error);
      goto fail;
    }

  if (!read_targets (store, filter, period, forecast->month_targets, error))
    goto fail;
  kam_store_end_read (store);

  for (int i = 0; i < period->n_months; i++)
    {
      forecast->quarters[i / 3].won += forecast->months[i].won;
      forecast->quarters[i / 3].weighted_open += forecast->months[i].weighted_open;
      forecast->quarter_targets[i / 3] += forecast->month_targets[i];
      forecast->won += forecast->months[i].won;
      forecast->weighted += forecast->months[i].weighted_open;
      forecast->target += forecast->month_targets[i];
    }
  return TRUE;

fail:
  kam_store_end_read (store);
  return FALSE;
}

/* Win rate ---------------------------------------------------------------- */

static void
win_rate_finish (KamWinRate *rate)
{
  int n = rate->won_count + rate->lost_count;
  double amount = rate->won_amount + rate->lost_amount;

  rate->rate = n > 0 ? (double) rate->won_count / n : -1;
  rate->rate_by_amount = amount > 0 ? rate->won_amount / amount : -1;
}

gboolean
kam_pipeline_win_rates (KamStore                *store,
                        const KamPipelineFilter *filter,
                        const KamPeriod         *period,
                        KamPipelineWinRates     *rates,
                        GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT substr (o.closed_on, 1, 7), o.stage, count(*), total (o.amount) "
                                         "FROM opportunity o INDEXED BY opportunity_closed");
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  int rc;

  g_return_val_if_fail (period->n_months >= 1 && period->n_months <= KAM_PERIOD_MAX_MONTHS, FALSE);

  memset (rates, 0, sizeof *rates);
  rates->period = *period;
  rates->n_quarters = (period->n_months + 2) / 3;
  kam_period_get_bounds (period, &first, &last);

  append_deal_filter (sql, filter, 0);
  g_string_append (sql, " AND o.stage IN " CLOSED_STAGES " AND o.closed_on BETWEEN :first AND :last GROUP BY 1, 2");

  if (!kam_store_begin_read (store, error))
    return FALSE;
  stmt = prepare (store, sql->str, error);
  if (stmt == NULL)
    {
      kam_store_end_read (store);
      return FALSE;
    }
  bind_filter (stmt, filter);
  bind_named_text (stmt, ":first", first);
  bind_named_text (stmt, ":last", last);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = period_index (period, sqlite3_column_text (stmt, 0));
      int stage = stage_of (stmt, 1);
      int count = sqlite3_column_int (stmt, 2);
      double amount = sqlite3_column_double (stmt, 3);
      KamWinRate *q;

      if (i < 0 || stage < 0)
        continue;
      q = &rates->quarters[i / 3];
      if (stage == KAM_STAGE_CLOSED_WON)
        {
          q->won_count += count;
          q->won_amount += amount;
          rates->total.won_count += count;
          rates->total.won_amount += amount;
        }
      else
        {
          q->lost_count += count;
          q->lost_amount += amount;
          rates->total.lost_count += count;
          rates->total.lost_amount += amount;
        }
    }
  kam_store_end_read (store);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  for (guint i = 0; i < rates->n_quarters; i++)
    win_rate_finish (&rates->quarters[i]);
  win_rate_finish (&rates->total);
  return TRUE;
}

/* Pareto ------------------------------------------------------------------ */

static void
pareto_entry_clear (gpointer data)
{
  KamParetoEntry *entry = data;

  g_free (entry->account_id);
  g_free (entry->name);
}

void
kam_pareto_clear (KamPareto *pareto)
{
  g_clear_pointer (&pareto->entries, g_array_unref);
  pareto->total = 0;
}

gboolean
kam_pipeline_pareto (KamStore                *store,
                     const KamPipelineFilter *filter,
                     KamPareto               *pareto,
                     GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT a.id, a.name, a.revenue_this_year, a.tier FROM account a");
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  double running = 0;
  int rc;

  memset (pareto, 0, sizeof *pareto);
  pareto->entries = g_array_new (FALSE, TRUE, sizeof (KamParetoEntry));
  g_array_set_clear_func (pareto->entries, pareto_entry_clear);
  kam_insights_get_thresholds (store, &pareto->thresholds);

  append_account_filter (sql, filter);
  g_string_append (sql, " ORDER BY a.revenue_this_year DESC, a.name COLLATE NOCASE, a.id");

  if (!kam_store_begin_read (store, error))
    return FALSE;
  stmt = prepare (store, sql->str, error);
  if (stmt == NULL)
    {
      kam_store_end_read (store);
      return FALSE;
    }
  bind_filter (stmt, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamParetoEntry entry = { 0 };
      int tier = KAM_TIER_C;

      entry.account_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry.revenue = sqlite3_column_double (stmt, 2);
      kam_enum_from_string (KAM_TYPE_TIER, (const char *) sqlite3_column_text (stmt, 3), &tier);
      entry.tier = tier;
      /* as in kam_abc_classify(): what is not a positive number counts 0 */
      if (entry.revenue > 0)
        pareto->total += entry.revenue;
      g_array_append_val (pareto->entries, entry);
    }
  kam_store_end_read (store);
  if (rc != SQLITE_DONE)
    {
      kam_pareto_clear (pareto);
      return kam_store_set_sqlite_error (store, rc, error);
    }

  for (guint i = 0; i < pareto->entries->len; i++)
    {
      KamParetoEntry *entry = &g_array_index (pareto->entries, KamParetoEntry, i);

      if (entry->revenue > 0)
        running += entry->revenue;
      entry->cumulative = pareto->total > 0 ? running / pareto->total : 0;
    }
  return TRUE;
}

/* Stage changes ----------------------------------------------------------- */

gboolean
kam_pipeline_move_to_stage (KamStore    *store,
                            const char  *id,
                            KamStage     stage,
                            const char  *reason,
                            GError     **error)
{
  g_autoptr(KamRecord) record = NULL;
  g_autofree char *probability = NULL;
  KamStage old_stage;

  g_return_val_if_fail (KAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail ((int) stage >= 0 && stage < KAM_N_STAGES, FALSE);

  record = kam_store_load (store, &kam_opportunity_kind, id, error);
  if (record == NULL)
    return FALSE;

  old_stage = kam_record_get_int (record, "stage");
  if (old_stage == stage && reason == NULL)
    return TRUE;

  probability = g_strdup_printf ("%d", kam_probability_after_stage_change (old_stage, stage,
                                                                           kam_record_get_int (record, "probability")));
  if (!kam_record_set_from_string (record, "stage", kam_enum_to_string (KAM_TYPE_STAGE, stage), error)
      || !kam_record_set_from_string (record, "probability", probability, error)
      || (reason != NULL && !kam_record_set_from_string (record, "reason", reason, error)))
    return FALSE;

  /* the store appends the stage history and sets the closing day */
  return kam_store_save (store, record, error);
}
