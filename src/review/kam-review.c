/* kam-review.c — the deck model of the sales review
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-review"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kam-review.h"
#include "kam-store-private.h"
#include "kam-visit-plan.h"

#define SETTING_LAST_REVIEW "review-last"

#define CLOSED_STAGES "('closed_won', 'closed_lost')"
#define OPEN_STAGES "('prospecting', 'needs_analysis', 'solution_proposal', 'negotiation')"

/* Templates: @DEALS@ becomes the scope on opportunity "o" (nothing for the
 * whole team, so that the covering indexes serve), @ACCOUNTS@ the scope on
 * account "a", @ACCOUNT@ "account a" with the index that covers the
 * targets when the scope allows.  Parameters: ?1 owner, ?2 region, ?3
 * tier, ?4 a JSON array of ids; ?5 and ?6 per query. */
static const char period_sql[] =
  "SELECT o.stage, o.probability, substr (o.closed_on, 1, 7), count (*), total (o.amount) "
  "FROM opportunity o INDEXED BY opportunity_closed WHERE o.deleted = 0 @DEALS@"
  " AND o.closed_on BETWEEN ?5 AND ?6 AND o.stage IN " CLOSED_STAGES " GROUP BY 1, 2, 3 UNION ALL "
  "SELECT o.stage, o.probability, substr (o.expected_close, 1, 7), count (*), total (o.amount) "
  "FROM opportunity o INDEXED BY opportunity_pipeline WHERE o.deleted = 0 @DEALS@"
  " AND o.stage IN " OPEN_STAGES " AND o.expected_close BETWEEN ?5 AND ?6 GROUP BY 1, 2, 3";

static const char targets_sql[] =
  "SELECT CAST (t.value ->> 'year' AS INTEGER), total (t.value ->> 'amount') "
  "FROM @ACCOUNT@, json_each (a.targets) t WHERE a.deleted = 0 @ACCOUNTS@"
  " AND json_valid (a.targets) AND CAST (t.value ->> 'year' AS INTEGER) BETWEEN ?5 AND ?6 GROUP BY 1";

static const char accounts_sql[] =
  "SELECT a.id, a.name, a.revenue_this_year, a.tier FROM account a WHERE a.deleted = 0 @ACCOUNTS@"
  " ORDER BY a.revenue_this_year DESC, a.name COLLATE NOCASE, a.id";

/* the ten largest from the covering index, then their rows */
static const char top_deals_sql[] =
  "SELECT o.id, o.name, o.account_id, a.name, o.stage, o.amount, o.expected_close, o.closed_on, o.next_step, '[]' "
  "FROM opportunity o JOIN account a ON a.id = o.account_id WHERE o.rowid IN ("
  " SELECT o.rowid FROM opportunity o INDEXED BY opportunity_pipeline WHERE o.deleted = 0 @DEALS@"
  " AND o.stage IN " OPEN_STAGES " ORDER BY o.amount DESC, o.expected_close LIMIT 10) "
  "ORDER BY o.amount DESC, o.expected_close, o.name, o.id";

/* ?5 the last review, ?6 today.  The candidates: closed since (a range of
 * opportunity_closed), close date passed since (a range of
 * opportunity_stage), stage changed since (the history's last entry is the
 * latest change; the store appends one only when the stage changes).  Each
 * is classified here; the counts of all come with the first ten rows by
 * window sums, so only those ten are read. */
static const char changes_sql[] =
  "SELECT o.id, o.name, o.account_id, a.name, o.stage, o.amount, o.expected_close, o.closed_on, o.next_step, o.stage_history, "
  " t.n_moved, t.n_slipped, t.n_won, t.n_lost "
  "FROM (SELECT c.r AS r, c.amount AS amount, c.name AS name,"
  "  CASE WHEN c.won THEN 0 WHEN c.lost THEN 1 WHEN c.moved THEN 2 ELSE 3 END AS rank,"
  "  sum (c.moved) OVER () AS n_moved, sum (c.slipped) OVER () AS n_slipped,"
  "  sum (c.won) OVER () AS n_won, sum (c.lost) OVER () AS n_lost"
  " FROM (SELECT o.rowid AS r, o.amount AS amount, o.name AS name,"
  "   (o.stage = 'closed_won' AND o.closed_on >= ?5) AS won,"
  "   (o.stage = 'closed_lost' AND o.closed_on >= ?5) AS lost,"
  "   (o.stage IN " OPEN_STAGES " AND o.expected_close >= ?5 AND o.expected_close < ?6) AS slipped,"
  "   (o.stage IN " OPEN_STAGES " AND o.updated_at >= ?5 AND json_valid (o.stage_history)"
  "    AND json_array_length (o.stage_history) > 1 AND o.stage_history ->> '$[#-1].date' >= ?5) AS moved"
  "  FROM opportunity o WHERE o.rowid IN ("
  "   SELECT o.rowid FROM opportunity o INDEXED BY opportunity_closed WHERE o.deleted = 0 @DEALS@"
  "    AND o.closed_on >= ?5 AND o.stage IN " CLOSED_STAGES
  "   UNION SELECT o.rowid FROM opportunity o INDEXED BY opportunity_stage WHERE o.deleted = 0 @DEALS@"
  "    AND o.stage IN " OPEN_STAGES " AND o.expected_close >= ?5 AND o.expected_close < ?6"
  "   UNION SELECT o.rowid FROM opportunity o WHERE o.deleted = 0 @DEALS@"
  "    AND o.stage IN " OPEN_STAGES " AND o.updated_at >= ?5 AND json_valid (o.stage_history)"
  "    AND o.stage_history ->> '$[#-1].date' >= ?5)) c"
  " WHERE c.won OR c.lost OR c.slipped OR c.moved"
  " ORDER BY rank, c.amount DESC, c.name, c.r LIMIT 10) t "
  "JOIN opportunity o ON o.rowid = t.r JOIN account a ON a.id = o.account_id "
  "ORDER BY t.rank, t.amount DESC, t.name, t.r";

static const char owners_sql[] =
  "SELECT m.id, m.name, count (*) FROM account a JOIN member m ON m.id = a.owner_id WHERE a.deleted = 0 @ACCOUNTS@"
  " AND m.deleted = 0 GROUP BY m.id ORDER BY count (*) DESC, m.name, m.id";

static const char account_sql[] =
  "SELECT a.strategy, a.targets FROM account a WHERE a.id = ?1";

static const char account_deals_sql[] =
  "SELECT o.id, o.name, o.stage, o.probability, o.amount, o.expected_close, o.closed_on, o.next_step "
  "FROM opportunity o WHERE o.account_id = ?1 AND o.deleted = 0 ORDER BY o.amount DESC, o.expected_close, o.name, o.id";

static const char member_name_sql[] =
  "SELECT name FROM member WHERE id = ?1";

typedef struct {
  const char *owner_id;
  const char *region;
  const char *tier;
  char       *ids_json;
} Scope;

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->ids_json, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scope, scope_clear)

static void bind_scope (sqlite3_stmt *stmt, const Scope *scope);

static gboolean
scope_is_team (const Scope *scope)
{
  return scope->owner_id == NULL && scope->region == NULL && scope->tier == NULL && scope->ids_json == NULL;
}

static void
append_account_filters (GString     *sql,
                        const Scope *scope)
{
  if (scope->owner_id != NULL)
    g_string_append (sql, " AND a.owner_id = ?1");
  if (scope->region != NULL)
    g_string_append (sql, " AND a.region = ?2");
  if (scope->tier != NULL)
    g_string_append (sql, " AND a.tier = ?3");
  if (scope->ids_json != NULL)
    g_string_append (sql, " AND a.id IN (SELECT value FROM json_each (?4))");
}

/* Prepares @template with the scope put in; finalize after use. */
static sqlite3_stmt *
prepare_scoped (KamStore     *store,
                const char   *template,
                const Scope  *scope,
                GError      **error)
{
  g_autoptr(GString) sql = g_string_new (template);
  g_autoptr(GString) accounts = g_string_new (NULL);
  g_autoptr(GString) deals = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  append_account_filters (accounts, scope);
  if (!scope_is_team (scope))
    {
      g_string_append (deals, " AND o.account_id IN (SELECT a.id FROM account a WHERE a.deleted = 0");
      g_string_append (deals, accounts->str);
      g_string_append (deals, ")");
    }
  g_string_replace (sql, "@DEALS@", deals->str, 0);
  g_string_replace (sql, "@ACCOUNTS@", accounts->str, 0);
  /* the covering index of the targets serves the team and an owner */
  g_string_replace (sql, "@ACCOUNT@", scope->region == NULL && scope->tier == NULL && scope->ids_json == NULL
                                      ? "account a INDEXED BY account_insights" : "account a", 0);
  rc = sqlite3_prepare_v2 (kam_store_get_db (store), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      kam_store_set_sqlite_error (store, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  bind_scope (stmt, scope);
  return stmt;
}

static void
bind_scope (sqlite3_stmt *stmt,
            const Scope  *scope)
{

  sqlite3_bind_text (stmt, 1, scope->owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scope->region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, scope->tier, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, scope->ids_json, -1, SQLITE_TRANSIENT);
}

static void
done_stmt (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static int
column_enum (sqlite3_stmt *stmt,
             int           column,
             GType         type,
             int           fallback)
{
  int value = fallback;

  if (!kam_enum_from_string (type, column_text (stmt, column), &value))
    return fallback;
  return value;
}

static double
effective_probability (const int probabilities[KAM_N_STAGES],
                       int       stage,
                       int       stored)
{
  if (stage == KAM_STAGE_CLOSED_WON)
    return 100;
  if (stage == KAM_STAGE_CLOSED_LOST || stage < 0)
    return 0;
  return stored >= 0 ? MIN (stored, 100) : probabilities[stage];
}

static int
period_index (const KamPeriod *period,
              const char      *text)
{
  int year, month, index;

  if (text == NULL || strlen (text) < 7 || sscanf (text, "%4d-%2d", &year, &month) != 2)
    return -1;
  index = (year - period->year) * 12 + month - period->month;
  return index >= 0 && index < period->n_months ? index : -1;
}

static char *
date_string (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Public helpers ---------------------------------------------------------- */

void
kam_review_options_init (KamReviewOptions *options)
{
  memset (options, 0, sizeof *options);
  options->tier = -1;
}

void
kam_review_deal_free (KamReviewDeal *deal)
{
  if (deal == NULL)
    return;
  g_free (deal->id);
  g_free (deal->name);
  g_free (deal->account_id);
  g_free (deal->account_name);
  g_free (deal->expected_close);
  g_free (deal->closed_on);
  g_free (deal->next_step);
  g_free (deal);
}

void
kam_review_account_free (KamReviewAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->account_id);
  g_free (account->name);
  g_free (account->strategy);
  g_clear_pointer (&account->deals, g_ptr_array_unref);
  g_clear_pointer (&account->map, kam_org_chart_free);
  g_free (account);
}

static void
owner_free (gpointer data)
{
  KamReviewOwner *owner = data;

  g_free (owner->owner_id);
  g_free (owner->name);
  g_free (owner);
}

char *
kam_review_period_label (const KamPeriod *period)
{
  if (period->n_months == 12 && period->month == 1)
    return g_strdup_printf ("%d", period->year);
  if (period->n_months == 3 && (period->month - 1) % 3 == 0)
    /* TRANSLATORS: a quarter: "Q4 2026"; %1$d the quarter, %2$d the year */
    return g_strdup_printf (_("Q%1$d %2$d"), (period->month - 1) / 3 + 1, period->year);
  else
    {
      int last_year, last_month;
      g_autoptr(GDateTime) first = g_date_time_new_utc (period->year, period->month, 1, 0, 0, 0);
      g_autoptr(GDateTime) last = NULL;
      /* TRANSLATORS: a month and its year for g_date_time_format(): "November 2026" */
      const char *format = _("%B %Y");
      g_autofree char *a = g_date_time_format (first, format);
      g_autofree char *b = NULL;

      if (period->n_months == 1)
        return g_steal_pointer (&a);
      kam_period_month (period, period->n_months - 1, &last_year, &last_month);
      last = g_date_time_new_utc (last_year, last_month, 1, 0, 0, 0);
      b = g_date_time_format (last, format);
      return g_strdup_printf ("%s – %s", a, b);
    }
}

char *
kam_review_get_last_review (KamStore *store)
{
  return kam_store_get_setting (store, SETTING_LAST_REVIEW, "");
}

gboolean
kam_review_set_last_review (KamStore    *store,
                            const char  *date,
                            GError     **error)
{
  GDate check;
  int y, m, d;

  g_date_clear (&check, 1);
  if (date == NULL || strlen (date) != 10 || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD)"), date != NULL ? date : "");
      return FALSE;
    }
  return kam_store_set_setting (store, SETTING_LAST_REVIEW, date, error);
}

/* Reading ----------------------------------------------------------------- */

static KamReviewDeal *
deal_from_row (sqlite3_stmt *stmt)
{
  KamReviewDeal *deal = g_new0 (KamReviewDeal, 1);

  deal->id = g_strdup (column_text (stmt, 0));
  deal->name = g_strdup (column_text (stmt, 1));
  deal->account_id = g_strdup (column_text (stmt, 2));
  deal->account_name = g_strdup (column_text (stmt, 3));
  deal->stage = column_enum (stmt, 4, KAM_TYPE_STAGE, KAM_STAGE_PROSPECTING);
  deal->previous_stage = deal->stage;
  deal->amount = sqlite3_column_double (stmt, 5);
  deal->expected_close = g_strdup (column_text (stmt, 6));
  deal->closed_on = g_strdup (column_text (stmt, 7));
  deal->next_step = g_strdup (column_text (stmt, 8));
  return deal;
}

static gboolean
read_period (KamReviewDeck  *deck,
             KamStore       *store,
             const Scope    *scope,
             GError        **error)
{
  sqlite3_stmt *stmt = prepare_scoped (store, period_sql, scope, error);
  int probabilities[KAM_N_STAGES];
  int rc, last_year, last_month;

  if (stmt == NULL)
    return FALSE;
  kam_insights_get_probabilities (store, probabilities);
  deck->forecast.period = deck->period;
  deck->forecast.n_quarters = (deck->period.n_months + 2) / 3;

  sqlite3_bind_text (stmt, 5, deck->first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, deck->last, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int stage = column_enum (stmt, 0, KAM_TYPE_STAGE, -1);
      int i = period_index (&deck->period, column_text (stmt, 2));
      int count = sqlite3_column_int (stmt, 3);
      double amount = sqlite3_column_double (stmt, 4);
      double weighted = amount * effective_probability (probabilities, stage, sqlite3_column_int (stmt, 1)) / 100.0;

      if (stage < 0)
        continue;
      deck->stages[stage].count += count;
      deck->stages[stage].amount += amount;
      deck->stages[stage].weighted += weighted;
      if (stage == KAM_STAGE_CLOSED_WON)
        {
          deck->win_rate.won_count += count;
          deck->win_rate.won_amount += amount;
          if (i >= 0)
            deck->forecast.months[i].won += amount;
        }
      else if (stage == KAM_STAGE_CLOSED_LOST)
        {
          deck->win_rate.lost_count += count;
          deck->win_rate.lost_amount += amount;
        }
      else
        {
          deck->open_amount += amount;
          if (i >= 0)
            deck->forecast.months[i].weighted_open += weighted;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  /* targets: a twelfth of the yearly target per month */
  stmt = prepare_scoped (store, targets_sql, scope, error);
  if (stmt == NULL)
    return FALSE;
  kam_period_month (&deck->period, deck->period.n_months - 1, &last_year, &last_month);
  sqlite3_bind_int (stmt, 5, deck->period.year);
  sqlite3_bind_int (stmt, 6, last_year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      double amount = sqlite3_column_double (stmt, 1);

      for (int i = 0; i < deck->period.n_months; i++)
        {
          int y, m;

          kam_period_month (&deck->period, i, &y, &m);
          if (y == year)
            deck->forecast.month_targets[i] += amount / 12.0;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  for (int i = 0; i < deck->period.n_months; i++)
    {
      deck->forecast.quarters[i / 3].won += deck->forecast.months[i].won;
      deck->forecast.quarters[i / 3].weighted_open += deck->forecast.months[i].weighted_open;
      deck->forecast.quarter_targets[i / 3] += deck->forecast.month_targets[i];
      deck->forecast.won += deck->forecast.months[i].won;
      deck->forecast.weighted += deck->forecast.months[i].weighted_open;
      deck->forecast.target += deck->forecast.month_targets[i];
    }
  deck->won = deck->forecast.won;
  deck->weighted = deck->forecast.weighted;
  deck->target = deck->forecast.target;

  /* the rules of kam_pipeline_coverage() */
  deck->coverage.won = deck->won;
  deck->coverage.open_amount = deck->open_amount;
  deck->coverage.open_weighted = deck->weighted;
  if (!(deck->target > 0))
    deck->coverage.status = KAM_PIPELINE_COVERAGE_NO_TARGET;
  else
    {
      deck->coverage.remaining = deck->target - deck->won;
      if (deck->coverage.remaining <= 1e-9 * deck->target)
        deck->coverage.status = KAM_PIPELINE_COVERAGE_TARGET_REACHED;
      else
        {
          deck->coverage.status = KAM_PIPELINE_COVERAGE_RATIO;
          deck->coverage.ratio = deck->weighted / deck->coverage.remaining;
        }
    }

  {
    int n = deck->win_rate.won_count + deck->win_rate.lost_count;
    double amount = deck->win_rate.won_amount + deck->win_rate.lost_amount;

    deck->win_rate.rate = n > 0 ? (double) deck->win_rate.won_count / n : -1;
    deck->win_rate.rate_by_amount = amount > 0 ? deck->win_rate.won_amount / amount : -1;
  }
  return TRUE;
}

static void
pareto_entry_clear (gpointer data)
{
  KamParetoEntry *entry = data;

  g_free (entry->account_id);
  g_free (entry->name);
}

static gboolean
read_accounts (KamReviewDeck  *deck,
               KamStore       *store,
               const Scope    *scope,
               GError        **error)
{
  sqlite3_stmt *stmt = prepare_scoped (store, accounts_sql, scope, error);
  double running = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  deck->pareto.entries = g_array_new (FALSE, TRUE, sizeof (KamParetoEntry));
  g_array_set_clear_func (deck->pareto.entries, pareto_entry_clear);
  kam_insights_get_thresholds (store, &deck->pareto.thresholds);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamParetoEntry entry = { 0 };

      entry.account_id = g_strdup (column_text (stmt, 0));
      entry.name = g_strdup (column_text (stmt, 1));
      entry.revenue = sqlite3_column_double (stmt, 2);
      entry.tier = column_enum (stmt, 3, KAM_TYPE_TIER, KAM_TIER_C);
      if (entry.revenue > 0)
        deck->pareto.total += entry.revenue;
      g_array_append_val (deck->pareto.entries, entry);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  for (guint i = 0; i < deck->pareto.entries->len; i++)
    {
      KamParetoEntry *entry = &g_array_index (deck->pareto.entries, KamParetoEntry, i);

      if (entry->revenue > 0)
        running += entry->revenue;
      entry->cumulative = deck->pareto.total > 0 ? running / deck->pareto.total : 0;
    }
  deck->n_scope_accounts = deck->pareto.entries->len;
  return TRUE;
}

static gboolean
read_top_deals (KamReviewDeck  *deck,
                KamStore       *store,
                const Scope    *scope,
                GError        **error)
{
  sqlite3_stmt *stmt = prepare_scoped (store, top_deals_sql, scope, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (deck->top_deals, deal_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

/* The stage before the first entry of @history dated on or after @since;
 * FALSE when there is no such entry after the first one. */
static gboolean
stage_before (const char *history,
              const char *since,
              KamStage   *previous)
{
  g_autoptr(JsonNode) node = json_from_string (history, NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 1; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonNode *before = json_array_get_element (array, i - 1);
      const char *date, *stage;
      int value;

      if (entry == NULL || !JSON_NODE_HOLDS_OBJECT (before))
        continue;
      date = json_object_get_string_member_with_default (entry, "date", "");
      if (g_strcmp0 (date, since) < 0)
        continue;
      stage = json_object_get_string_member_with_default (json_node_get_object (before), "stage", "");
      if (!kam_enum_from_string (KAM_TYPE_STAGE, stage, &value))
        return FALSE;
      *previous = value;
      return TRUE;
    }
  return FALSE;
}

static gboolean
read_changes (KamReviewDeck  *deck,
              KamStore       *store,
              const Scope    *scope,
              GError        **error)
{
  sqlite3_stmt *stmt = prepare_scoped (store, changes_sql, scope, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 5, deck->since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, deck->date, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamReviewDeal *deal = deal_from_row (stmt);
      KamStage previous;

      for (guint k = 0; k < 4; k++)
        deck->n_changes[k] = sqlite3_column_int (stmt, 10 + k);
      if (deal->stage == KAM_STAGE_CLOSED_WON)
        deal->change = KAM_REVIEW_WON;
      else if (deal->stage == KAM_STAGE_CLOSED_LOST)
        deal->change = KAM_REVIEW_LOST;
      else
        {
          if (stage_before (column_text (stmt, 9), deck->since, &previous) && previous != deal->stage)
            {
              deal->change |= KAM_REVIEW_MOVED;
              deal->previous_stage = previous;
            }
          if (*deal->expected_close != '\0' && strcmp (deal->expected_close, deck->since) >= 0
              && strcmp (deal->expected_close, deck->date) < 0)
            deal->change |= KAM_REVIEW_SLIPPED;
        }
      g_ptr_array_add (deck->changes, deal);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

static gboolean
read_owners (KamReviewDeck  *deck,
             KamStore       *store,
             const Scope    *scope,
             const GDate    *today,
             GError        **error)
{
  sqlite3_stmt *stmt = prepare_scoped (store, owners_sql, scope, error);
  GDate from, to;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamReviewOwner *owner = g_new0 (KamReviewOwner, 1);

      owner->owner_id = g_strdup (column_text (stmt, 0));
      owner->name = g_strdup (column_text (stmt, 1));
      owner->accounts = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (deck->owners, owner);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  /* the period up to today (all of it when it is over) */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_parse (&from, deck->first);
  g_date_set_parse (&to, deck->last);
  if (!g_date_valid (&from) || !g_date_valid (&to))
    return TRUE;
  if (g_date_compare (today, &to) < 0)
    to = *today;
  if (g_date_compare (&to, &from) < 0)
    to = from;

  /* the owners shown (those with the most accounts in scope) one by one;
   * the totals in one go for the whole team, else as the sum of every
   * owner of the scope */
  for (guint i = 0; i < deck->owners->len; i++)
    {
      KamReviewOwner *owner = deck->owners->pdata[i];
      KamCompliance compliance = { 0 };

      if (i >= KAM_REVIEW_MAX_OWNERS && scope_is_team (scope))
        break;
      if (!kam_visit_plan_compliance (store, owner->owner_id, &from, &to, NULL, &compliance, error))
        return FALSE;
      for (int t = 0; t < KAM_N_TIERS; t++)
        {
          owner->due += compliance.tiers[t].due;
          owner->kept += compliance.tiers[t].kept;
          owner->done += compliance.tiers[t].done;
          owner->planned += compliance.tiers[t].planned;
        }
      kam_compliance_clear (&compliance);
      if (!scope_is_team (scope))
        {
          deck->visits_done += owner->done;
          deck->visits_due += owner->due;
          deck->visits_kept += owner->kept;
        }
    }
  if (scope_is_team (scope))
    {
      KamCompliance compliance = { 0 };

      if (!kam_visit_plan_compliance (store, NULL, &from, &to, NULL, &compliance, error))
        return FALSE;
      for (int t = 0; t < KAM_N_TIERS; t++)
        {
          deck->visits_done += compliance.tiers[t].done;
          deck->visits_due += compliance.tiers[t].due;
          deck->visits_kept += compliance.tiers[t].kept;
        }
      kam_compliance_clear (&compliance);
    }
  return TRUE;
}

static KamReviewAccount *
account_new (const KamParetoEntry *entry)
{
  KamReviewAccount *account = g_new0 (KamReviewAccount, 1);

  account->account_id = g_strdup (entry->account_id);
  account->name = g_strdup (entry->name);
  account->tier = entry->tier;
  account->revenue = entry->revenue;
  account->strategy = g_strdup ("");
  account->deals = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_review_deal_free);
  return account;
}

static gboolean
read_coverage (KamReviewDeck  *deck,
               KamStore       *store,
               const GDate    *today,
               GError        **error)
{
  for (guint i = 0; i < deck->pareto.entries->len && i < KAM_REVIEW_COVERAGE_ACCOUNTS; i++)
    {
      const KamParetoEntry *entry = &g_array_index (deck->pareto.entries, KamParetoEntry, i);
      g_autoptr(GPtrArray) items = kam_insights_coverage (store, entry->account_id, today, error);
      KamReviewAccount *account;

      if (items == NULL)
        return FALSE;
      account = account_new (entry);
      if (items->len > 0)
        account->coverage = ((KamAccountCoverage *) items->pdata[0])->coverage;
      g_ptr_array_add (deck->top_accounts, account);
    }
  return TRUE;
}

/* The key numbers, open deals and contact map of one account slide. */
static gboolean
read_account (KamReviewDeck     *deck,
              KamStore          *store,
              KamReviewAccount  *account,
              const GDate       *today,
              GError           **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, account_sql, error);
  int probabilities[KAM_N_STAGES];
  KamOrgChartData *data;
  int rc;

  if (stmt == NULL)
    return FALSE;
  kam_insights_get_probabilities (store, probabilities);
  sqlite3_bind_text (stmt, 1, account->account_id, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string (column_text (stmt, 1), NULL);

      g_free (account->strategy);
      account->strategy = g_strdup (column_text (stmt, 0));
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              JsonObject *target;
              int year;

              if (!JSON_NODE_HOLDS_OBJECT (element))
                continue;
              target = json_node_get_object (element);
              year = json_object_get_int_member_with_default (target, "year", 0);
              for (int m = 0; m < deck->period.n_months; m++)
                {
                  int y, mm;

                  kam_period_month (&deck->period, m, &y, &mm);
                  if (y == year)
                    account->target += json_object_get_double_member_with_default (target, "amount", 0) / 12.0;
                }
            }
        }
      rc = SQLITE_DONE;
    }
  done_stmt (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  stmt = kam_store_prepare (store, account_deals_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account->account_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int stage = column_enum (stmt, 2, KAM_TYPE_STAGE, -1);
      double amount = sqlite3_column_double (stmt, 4);
      const char *closed_on = column_text (stmt, 6);

      if (stage < 0)
        continue;
      if (stage == KAM_STAGE_CLOSED_WON)
        {
          if (strcmp (closed_on, deck->first) >= 0 && strncmp (closed_on, deck->last, 10) <= 0)
            account->won += amount;
          continue;
        }
      if (stage == KAM_STAGE_CLOSED_LOST)
        continue;
      account->n_open++;
      account->open_amount += amount;
      account->weighted += amount * effective_probability (probabilities, stage, sqlite3_column_int (stmt, 3)) / 100.0;
      if (account->deals->len < 8)
        {
          KamReviewDeal *deal = g_new0 (KamReviewDeal, 1);

          deal->id = g_strdup (column_text (stmt, 0));
          deal->name = g_strdup (column_text (stmt, 1));
          deal->account_id = g_strdup (account->account_id);
          deal->account_name = g_strdup (account->name);
          deal->stage = deal->previous_stage = stage;
          deal->amount = amount;
          deal->expected_close = g_strdup (column_text (stmt, 5));
          deal->closed_on = g_strdup (closed_on);
          deal->next_step = g_strdup (column_text (stmt, 7));
          g_ptr_array_add (account->deals, deal);
        }
    }
  done_stmt (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  data = kam_org_chart_data_load (store, account->account_id, today, error);
  if (data == NULL)
    return FALSE;
  account->coverage = data->coverage;
  account->map = kam_org_chart_layout (data);
  return TRUE;
}

static gboolean
read_account_slides (KamReviewDeck           *deck,
                     KamStore                *store,
                     const KamReviewOptions  *options,
                     const GDate             *today,
                     GError                 **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *entries = deck->pareto.entries;

  if (options->account_ids != NULL)
    {
      /* the hand-picked accounts in the order given (those in scope) */
      for (guint i = 0; i < entries->len; i++)
        {
          KamParetoEntry *entry = &g_array_index (entries, KamParetoEntry, i);
          g_hash_table_insert (by_id, entry->account_id, entry);
        }
      for (guint i = 0; options->account_ids[i] != NULL; i++)
        {
          KamParetoEntry *entry = g_hash_table_lookup (by_id, options->account_ids[i]);

          if (entry == NULL)
            continue;
          g_hash_table_remove (by_id, options->account_ids[i]);
          deck->n_accounts_selected++;
          if (deck->accounts->len < KAM_REVIEW_MAX_ACCOUNT_SLIDES)
            g_ptr_array_add (deck->accounts, account_new (entry));
        }
    }
  else
    {
      deck->n_accounts_selected = entries->len;
      for (guint i = 0; i < entries->len && i < KAM_REVIEW_MAX_ACCOUNT_SLIDES; i++)
        g_ptr_array_add (deck->accounts, account_new (&g_array_index (entries, KamParetoEntry, i)));
    }

  for (guint i = 0; i < deck->accounts->len; i++)
    if (!read_account (deck, store, deck->accounts->pdata[i], today, error))
      return FALSE;
  return TRUE;
}

static char *
scope_label (KamStore               *store,
             const KamReviewOptions *options)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_ids = options->account_ids != NULL ? g_strv_length ((char **) options->account_ids) : 0;

  if (options->owner_id != NULL)
    {
      char *name = NULL;

      if (options->owner_name != NULL)
        name = g_strdup (options->owner_name);
      else
        {
          sqlite3_stmt *stmt = kam_store_prepare (store, member_name_sql, NULL);

          if (stmt != NULL)
            {
              sqlite3_bind_text (stmt, 1, options->owner_id, -1, SQLITE_TRANSIENT);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                name = g_strdup (column_text (stmt, 0));
              done_stmt (stmt);
            }
        }
      g_ptr_array_add (parts, name != NULL ? name : g_strdup (options->owner_id));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("Whole team")));
  if (options->region != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Region %s"), options->region));
  if (options->tier >= 0)
    g_ptr_array_add (parts, g_strdup (kam_enum_to_label (KAM_TYPE_TIER, options->tier)));
  if (options->account_ids != NULL)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account", "%u accounts", n_ids), n_ids));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
money (double amount)
{
  return kam_chart_format_money (amount, NULL, TRUE, -1);
}

/* What the presenter says over a slide other than an account's: what it
 * shows, with the figures worth saying aloud. */
static char *
slide_notes (KamReviewDeck  *deck,
             const KamSlide *slide)
{
  switch (slide->kind)
    {
    case KAM_SLIDE_TITLE:
      /* TRANSLATORS: speaker notes of the title slide: the scope ("Whole
       * team"), the number of accounts, the day of the last review */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u account in scope. Changes are counted since %s.",
                                           "%s: %u accounts in scope. Changes are counted since %s.",
                                           deck->n_scope_accounts),
                              deck->scope_label, deck->n_scope_accounts, deck->since);
    case KAM_SLIDE_NUMBERS:
      {
        g_autofree char *won = money (deck->won);
        g_autofree char *target = money (deck->target);
        g_autofree char *weighted = money (deck->weighted);

        if (deck->target > 0)
          /* TRANSLATORS: speaker notes; won, target, the percentage reached, weighted pipeline */
          return g_strdup_printf (_("Won %s of a target of %s (%.0f%%). The weighted pipeline adds %s."),
                                  won, target, 100.0 * deck->won / deck->target, weighted);
        /* TRANSLATORS: speaker notes when there is no target; won, weighted pipeline */
        return g_strdup_printf (_("Won %s; no target is set for the period. The weighted pipeline adds %s."),
                                won, weighted);
      }
    case KAM_SLIDE_FORECAST:
      {
        double forecast = deck->won + deck->weighted;
        g_autofree char *total = money (forecast);
        g_autofree char *gap = money (fabs (deck->target - forecast));

        if (deck->target <= 0)
          /* TRANSLATORS: speaker notes; the forecast amount */
          return g_strdup_printf (_("Won plus weighted pipeline comes to %s."), total);
        if (forecast >= deck->target)
          /* TRANSLATORS: speaker notes; forecast, amount above target */
          return g_strdup_printf (_("Won plus weighted pipeline comes to %s, %s above target."), total, gap);
        /* TRANSLATORS: speaker notes; forecast, amount missing to the target */
        return g_strdup_printf (_("Won plus weighted pipeline comes to %s, %s short of target."), total, gap);
      }
    case KAM_SLIDE_FUNNEL:
      {
        guint count = 0;
        double amount = 0;
        g_autofree char *text = NULL;

        for (int s = 0; s < KAM_N_STAGES; s++)
          if (s != KAM_STAGE_CLOSED_WON && s != KAM_STAGE_CLOSED_LOST)
            {
              count += deck->stages[s].count;
              amount += deck->stages[s].amount;
            }
        text = money (amount);
        /* TRANSLATORS: speaker notes of the funnel; count of deals, their amount */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open deal worth %s closes in the period, by stage.",
                                             "%u open deals worth %s close in the period, by stage.", count),
                                count, text);
      }
    case KAM_SLIDE_TOP_DEALS:
      {
        const KamReviewDeal *top;
        g_autofree char *amount = NULL;

        if (deck->top_deals->len == 0)
          return g_strdup (_("There is no open deal in scope."));
        top = deck->top_deals->pdata[0];
        amount = money (top->amount);
        /* TRANSLATORS: speaker notes; the deal, its account, its amount, its next step */
        return g_strdup_printf (_("The largest is %s at %s, %s. Next step: %s"), top->name, top->account_name,
                                amount, *top->next_step != '\0' ? top->next_step : "—");
      }
    case KAM_SLIDE_CHANGES:
      /* TRANSLATORS: speaker notes; counts of deals moved, slipped, won, lost, then the day */
      return g_strdup_printf (_("Since %s: %u moved stage, %u slipped their close date, %u won, %u lost."),
                              deck->since, deck->n_changes[0], deck->n_changes[1], deck->n_changes[2],
                              deck->n_changes[3]);
    case KAM_SLIDE_PARETO:
      {
        guint n = deck->pareto.entries != NULL ? deck->pareto.entries->len : 0, top = 0;
        double share = 0;

        if (n == 0 || deck->pareto.total <= 0)
          return g_strdup (_("No account in scope has revenue this year."));
        /* the fewest accounts that bring 80 % */
        for (top = 0; top < n && share < 0.8 - 1e-9; top++)
          share = g_array_index (deck->pareto.entries, KamParetoEntry, top).cumulative;
        /* TRANSLATORS: speaker notes of the Pareto chart: the largest N of M
         * accounts bring P % of the revenue */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The largest %u of %u accounts brings %.0f%% of the revenue.",
                                             "The largest %u of %u accounts bring %.0f%% of the revenue.", top),
                                top, n, 100.0 * share);
      }
    case KAM_SLIDE_COVERAGE:
      return g_strdup (_("How well we know the people who decide at the largest accounts: the map status "
                         "and score of each."));
    case KAM_SLIDE_COMPLIANCE:
      if (deck->visits_due == 0)
        /* TRANSLATORS: speaker notes; visits done */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit done; no account was due for a visit yet.",
                                             "%u visits done; no account was due for a visit yet.",
                                             deck->visits_done), deck->visits_done);
      /* TRANSLATORS: speaker notes; visits done, then accounts visited of those due and the percentage */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit done; %u of %u accounts due were visited (%.0f%%).",
                                           "%u visits done; %u of %u accounts due were visited (%.0f%%).",
                                           deck->visits_done),
                              deck->visits_done, deck->visits_kept, deck->visits_due,
                              100.0 * deck->visits_kept / deck->visits_due);
    case KAM_SLIDE_ACCOUNT:
      return g_strdup (((KamReviewAccount *) deck->accounts->pdata[slide->item])->strategy);
    default:
      g_assert_not_reached ();
    }
}

static void
build_slides (KamReviewDeck *deck)
{
  static const KamSlideKind fixed[] = {
    KAM_SLIDE_TITLE, KAM_SLIDE_NUMBERS, KAM_SLIDE_FORECAST, KAM_SLIDE_FUNNEL,
    KAM_SLIDE_TOP_DEALS, KAM_SLIDE_CHANGES, KAM_SLIDE_PARETO, KAM_SLIDE_COVERAGE,
    KAM_SLIDE_COMPLIANCE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      KamSlide slide = { fixed[i], -1 };
      g_array_append_val (deck->slides, slide);
    }
  for (guint i = 0; i < deck->accounts->len; i++)
    {
      KamSlide slide = { KAM_SLIDE_ACCOUNT, (int) i };
      g_array_append_val (deck->slides, slide);
    }  for (guint i = 0; i < deck->slides->len; i++)
    g_ptr_array_add (deck->notes, slide_notes (deck, &g_array_index (deck->slides, KamSlide, i)));
}

KamReviewDeck *
kam_review_deck_build (KamStore               *store,
                       const KamReviewOptions *options,
                       const GDate            *today,
                       GError                **error)
{
  g_autoptr(KamReviewDeck) deck = g_new0 (KamReviewDeck, 1);
  g_auto(Scope) scope = { 0 };
  GDate local_today;
  gboolean ok;

  g_return_val_if_fail (options->period.n_months >= 1 && options->period.n_months <= KAM_PERIOD_MAX_MONTHS, NULL);

  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&local_today, 1);
      g_date_set_dmy (&local_today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      today = &local_today;
    }

  deck->period = options->period;
  deck->period_label = kam_review_period_label (&options->period);
  deck->scope_label = scope_label (store, options);
  deck->owner_id = g_strdup (options->owner_id);
  deck->tier = options->tier;
  deck->date = date_string (today);
  kam_period_get_bounds (&options->period, &deck->first, &deck->last);
  if (options->since != NULL && *options->since != '\0')
    deck->since = g_strdup (options->since);
  else
    {
      deck->since = kam_review_get_last_review (store);
      if (*deck->since == '\0')
        {
          g_free (deck->since);
          deck->since = g_strdup (deck->first);
        }
    }
  deck->top_deals = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_review_deal_free);
  deck->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_review_deal_free);
  deck->top_accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_review_account_free);
  deck->owners = g_ptr_array_new_with_free_func (owner_free);
  deck->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_review_account_free);
  deck->slides = g_array_new (FALSE, TRUE, sizeof (KamSlide));
  deck->notes = g_ptr_array_new_with_free_func (g_free);

  scope.owner_id = options->owner_id;
  scope.region = options->region;
  scope.tier = options->tier >= 0 ? kam_enum_to_string (KAM_TYPE_TIER, options->tier) : NULL;
  if (options->account_ids != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; options->account_ids[i] != NULL; i++)
        json_builder_add_string_value (b, options->account_ids[i]);
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      scope.ids_json = json_to_string (root, FALSE);
    }

  if (!kam_store_begin_read (store, error))
    return NULL;
  ok = read_period (deck, store, &scope, error)
       && read_accounts (deck, store, &scope, error)
       && read_top_deals (deck, store, &scope, error)
       && read_changes (deck, store, &scope, error)
       && read_owners (deck, store, &scope, today, error)
       && read_coverage (deck, store, today, error)
       && read_account_slides (deck, store, options, today, error);
  kam_store_end_read (store);
  if (!ok)
    return NULL;

  build_slides (deck);
  return g_steal_pointer (&deck);
}

void
kam_review_deck_free (KamReviewDeck *deck)
{
  if (deck == NULL)
    return;
  g_free (deck->period_label);
  g_free (deck->scope_label);
  g_free (deck->owner_id);
  g_free (deck->date);
  g_free (deck->since);
  g_free (deck->first);
  g_free (deck->last);
  kam_pareto_clear (&deck->pareto);
  g_clear_pointer (&deck->top_deals, g_ptr_array_unref);
  g_clear_pointer (&deck->changes, g_ptr_array_unref);
  g_clear_pointer (&deck->top_accounts, g_ptr_array_unref);
  g_clear_pointer (&deck->owners, g_ptr_array_unref);
  g_clear_pointer (&deck->accounts, g_ptr_array_unref);
  g_clear_pointer (&deck->slides, g_array_unref);
  g_clear_pointer (&deck->notes, g_ptr_array_unref);
  g_free (deck);
}

guint
kam_review_deck_get_n_slides (KamReviewDeck *deck)
{
  return deck->slides->len;
}

char *
kam_review_deck_get_title (KamReviewDeck *deck,
                           guint          index)
{
  const KamSlide *slide;

  g_return_val_if_fail (index < deck->slides->len, NULL);
  slide = &g_array_index (deck->slides, KamSlide, index);
  switch (slide->kind)
    {
    case KAM_SLIDE_TITLE:
      /* TRANSLATORS: the title of the deck; %s is the period ("Q4 2026") */
      return g_strdup_printf (_("Key account review %s"), deck->period_label);
    case KAM_SLIDE_NUMBERS:
      return g_strdup (_("The numbers"));
    case KAM_SLIDE_FORECAST:
      return g_strdup (_("Forecast against target"));
    case KAM_SLIDE_FUNNEL:
      return g_strdup (_("The funnel"));
    case KAM_SLIDE_TOP_DEALS:
      return g_strdup (_("Top 10 open deals"));
    case KAM_SLIDE_CHANGES:
      return g_strdup (_("Since the last review"));
    case KAM_SLIDE_PARETO:
      return g_strdup (_("Portfolio by revenue"));
    case KAM_SLIDE_COVERAGE:
      return g_strdup (_("Relationship coverage of the top accounts"));
    case KAM_SLIDE_COMPLIANCE:
      return g_strdup (_("Visit compliance by owner"));
    case KAM_SLIDE_ACCOUNT:
      return g_strdup (((KamReviewAccount *) deck->accounts->pdata[slide->item])->name);
    default:
      g_assert_not_reached ();
    }
}

const char *
kam_review_deck_get_notes (KamReviewDeck *deck,
                           guint          index)
{
  g_return_val_if_fail (index < deck->notes->len, "");
  return deck->notes->pdata[index];
}

static gboolean
overlaps (const cairo_rectangle_int_t *a,
          const cairo_rectangle_int_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

int
kam_review_presenter_monitor (const cairo_rectangle_int_t *monitors,
                              guint                        n_monitors,
                              guint                        deck_monitor,
                              int                          main_monitor)
{
  const cairo_rectangle_int_t *deck;
  int best = -1;
  gint64 best_area = 0;

  if (deck_monitor >= n_monitors)
    return -1;
  deck = &monitors[deck_monitor];
  if (main_monitor >= 0 && (guint) main_monitor < n_monitors && (guint) main_monitor != deck_monitor
      && !overlaps (&monitors[main_monitor], deck))
    return main_monitor;
  for (guint i = 0; i < n_monitors; i++)
    {
      gint64 area = (gint64) monitors[i].width * monitors[i].height;

      if (i == deck_monitor || overlaps (&monitors[i], deck))
        continue;
      if (best < 0 || area > best_area)
        {
          best = (int) i;
          best_area = area;
        }
    }
  return best;
}
