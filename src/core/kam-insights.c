/* kam-insights.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-insights"

#include "config.h"

#include <string.h>

#include "kam-insights.h"
#include "kam-store-private.h"

static int
setting_int (KamStore   *store,
             const char *key,
             int         fallback,
             int         min,
             int         max)
{
  g_autofree char *text = kam_store_get_setting (store, key, NULL);
  gint64 v;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, min, max, &v, NULL))
    return fallback;
  return (int) v;
}

void
kam_insights_get_cadence (KamStore   *store,
                          KamCadence *cadence)
{
  kam_cadence_init_default (cadence);
  cadence->days[KAM_TIER_A] = setting_int (store, "cadence-a", cadence->days[KAM_TIER_A], 1, 3660);
  cadence->days[KAM_TIER_B] = setting_int (store, "cadence-b", cadence->days[KAM_TIER_B], 1, 3660);
  cadence->days[KAM_TIER_C] = setting_int (store, "cadence-c", cadence->days[KAM_TIER_C], 1, 3660);
}

void
kam_insights_get_thresholds (KamStore         *store,
                             KamAbcThresholds *thresholds)
{
  g_autofree char *a = kam_store_get_setting (store, "abc-a", NULL);
  g_autofree char *b = kam_store_get_setting (store, "abc-b", NULL);

  kam_abc_thresholds_init_default (thresholds);
  if (a != NULL)
    thresholds->a = g_ascii_strtod (a, NULL);
  if (b != NULL)
    thresholds->b = g_ascii_strtod (b, NULL);
  if (!kam_abc_thresholds_valid (thresholds))
    kam_abc_thresholds_init_default (thresholds);
}

/* "YYYY-MM-DD..." to a GDate julian day, 0 when empty or not a date.  Hand
 * parsed: it runs for every row of the big tables. */
static guint32
julian_of (const unsigned char *text)
{
  int y, m, d;

  if (text == NULL)
    return 0;
  for (int i = 0; i < 10; i++)
    {
      if (text[i] == '\0')
        return 0;
      if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        return 0;
    }

  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  if (!g_date_valid_dmy (d, m, y))
    return 0;

  {
    GDate date;
    g_date_clear (&date, 1);
    g_date_set_dmy (&date, d, m, y);
    return g_date_get_julian (&date);
  }
}

static KamTier
tier_of (const unsigned char *text)
{
  int tier = KAM_TIER_C;

  kam_enum_from_string (KAM_TYPE_TIER, (const char *) text, &tier);
  return tier;
}

static KamRole
role_of (const unsigned char *text)
{
  int role = KAM_ROLE_NONE;

  kam_enum_from_string (KAM_TYPE_ROLE, (const char *) text, &role);
  return role;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text ? text : "");
}

/* Coverage ---------------------------------------------------------------- */

void
kam_account_coverage_free (KamAccountCoverage *item)
{
  g_free (item->account_id);
  g_free (item->name);
  g_free (item);
}

/* All accounts, or one (its own statements: "?1 IS NULL OR id = ?1" would
 * scan the whole table for one account). */
static const char coverage_accounts_sql[] =
  "SELECT id, name, tier FROM account WHERE deleted = 0 ORDER BY id";
static const char coverage_contacts_sql[] =
  "SELECT account_id, decision_role, influence, attitude, strength, last_met FROM contact INDEXED BY contact_insights "
  "WHERE deleted = 0 ORDER BY account_id";
static const char coverage_account_sql[] =
  "SELECT id, name, tier FROM account WHERE deleted = 0 AND id = ?1";
static const char coverage_account_contacts_sql[] =
  "SELECT account_id, decision_role, influence, attitude, strength, last_met FROM contact INDEXED BY contact_insights "
  "WHERE deleted = 0 AND account_id = ?1";

GPtrArray *
kam_insights_coverage (KamStore     *store,
                       const char   *account_id,
                       const GDate  *today,
                       GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_account_coverage_free);
  g_autoptr(GArray) contacts = g_array_new (FALSE, FALSE, sizeof (KamCoverageContact));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  guint32 today_julian = g_date_get_julian (today);
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt;
  KamCadence cadence;
  int rc;

  kam_insights_get_cadence (store, &cadence);

  if (!kam_store_begin_read (store, error))
    return NULL;

  stmt = kam_store_prepare (store, account_id ? coverage_account_sql : coverage_accounts_sql, error);
  if (stmt == NULL)
    goto fail;
  if (account_id != NULL)
    sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamAccountCoverage *item = g_new0 (KamAccountCoverage, 1);

      item->account_id = dup_column (stmt, 0);
      item->name = dup_column (stmt, 1);
      item->tier = tier_of (sqlite3_column_text (stmt, 2));
      /* No contacts: computed over nothing, which is a red map. */
      kam_coverage_compute (NULL, 0, cadence.days[item->tier], &item->coverage);
      g_ptr_array_add (items, item);
      g_hash_table_insert (by_id, item->account_id, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  stmt = kam_store_prepare (store, account_id ? coverage_account_contacts_sql : coverage_contacts_sql, error);
  if (stmt == NULL)
    goto fail;
  if (account_id != NULL)
    sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);

  /* Rows come grouped by account: compute each group as it closes. */
  for (;;)
    {
      const char *row_account;

      rc = sqlite3_step (stmt);
      row_account = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : NULL;

      if (current != NULL && g_strcmp0 (row_account, current) != 0)
        {
          KamAccountCoverage *item = g_hash_table_lookup (by_id, current);

          if (item != NULL)
            kam_coverage_compute ((const KamCoverageContact *) (gpointer) contacts->data, contacts->len,
                                  cadence.days[item->tier], &item->coverage);
          g_array_set_size (contacts, 0);
          g_clear_pointer (&current, g_free);
        }

      if (rc != SQLITE_ROW)
        break;

      if (current == NULL)
        current = g_strdup (row_account);

      {
        guint32 met = julian_of (sqlite3_column_text (stmt, 5));
        KamCoverageContact c = {
          .role = role_of (sqlite3_column_text (stmt, 1)),
          .influence = sqlite3_column_int (stmt, 2),
          .attitude = sqlite3_column_int (stmt, 3),
          .strength = sqlite3_column_int (stmt, 4),
          .days_since_met = met == 0 ? -1 : (int) ((gint64) today_julian - met),
        };

        g_array_append_val (contacts, c);
      }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  kam_store_end_read (store);
  return g_steal_pointer (&items);

sql_fail:
  kam_store_set_sqlite_error (store, rc, error);
fail:
  kam_store_end_read (store);
  return NULL;
}

/* Due visits -------------------------------------------------------------- */

void
kam_due_entry_free (KamDueEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->account_id);
  g_free (entry->account_name);
  g_free (entry->last);
  g_free (entry);
}

/* Phase one reads only what the rule needs, for every account and key
 * contact, and keeps the most urgent in a heap; phase two reads names for
 * the entries returned. */
/* Accounts and key contacts, both in account id order from covering
 * indexes (no row of the big tables is read), merged as they come: each
 * contact meets its account without a lookup.  The key contacts have a
 * partial index of their own (contact_due), a third the size of
 * contact_insights.  With an owner, only that owner's accounts and their
 * contacts are read. */
static const char due_accounts_sql[] =
  "SELECT rowid, tier, last_visit, id FROM account INDEXED BY account_summary "
  "WHERE deleted = 0 ORDER BY id";
static const char due_owner_accounts_sql[] =
  "SELECT rowid, tier, last_visit, id FROM account INDEXED BY account_owner "
  "WHERE deleted = 0 AND owner_id = ?1 ORDER BY id";
static const char due_contacts_sql[] =
  "SELECT rowid, account_id, last_met FROM contact INDEXED BY contact_due "
  "WHERE deleted = 0 AND (decision_role != 'none' OR influence >= 4) ORDER BY account_id";
static const char due_owner_contacts_sql[] =
  "SELECT c.rowid, c.account_id, c.last_met FROM account a INDEXED BY account_owner "
  "JOIN contact c INDEXED BY contact_due ON c.account_id = a.id "
  "WHERE a.deleted = 0 AND a.owner_id = ?1 AND c.deleted = 0 AND (c.decision_role != 'none' OR c.influence >= 4) "
  "ORDER BY c.account_id";
static const char due_account_names_sql[] =
  "SELECT id, name, id, name, tier, last_visit FROM account WHERE rowid = ?1";
static const char due_contact_names_sql[] =
  "SELECT c.id, c.name, a.id, a.name, a.tier, c.last_met FROM contact c JOIN account a ON a.id = c.account_id "
  "WHERE c.rowid = ?1";

typedef struct {
  gint64   rowid;
  gboolean contact;
} DueRow;

typedef struct {
  char    *id;
  KamTier  tier;
} DueAccount;

static void
due_account_clear (DueAccount *account)
{
  g_free (account->id);
}

/* Offers every account and key contact to @top, in that order, and
 * appends each one's rowid to @rowids at the index of its offer; the
 * accounts' count goes to @n_accounts (the offers after are contacts),
 * the count of those due to @n_accounts_due. */
static gboolean
collect_due (KamStore          *store,
             const char        *owner_id,
             const KamCadence  *cadence,
             guint32            today,
             KamDueTop         *top,
             GArray            *rowids,
             guint             *n_accounts,
             guint             *n_accounts_due,
             GError           **error)
{
  g_autoptr(GArray) accounts = g_array_new (FALSE, FALSE, sizeof (DueAccount));
  sqlite3_stmt *stmt;
  guint next = 0;
  int rc;

  g_array_set_clear_func (accounts, (GDestroyNotify) due_account_clear);

  stmt = kam_store_prepare (store, owner_id != NULL ? due_owner_accounts_sql : due_accounts_sql, error);
  if (stmt == NULL)
    return FALSE;
  if (owner_id != NULL)
    sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      DueAccount account = { g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
                             tier_of (sqlite3_column_text (stmt, 1)) };

      g_array_append_val (accounts, account);
      g_array_append_val (rowids, rowid);
      if (kam_due_top_offer (top, NULL, julian_of (sqlite3_column_text (stmt, 2)), cadence->days[account.tier], today))
        (*n_accounts_due)++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  *n_accounts = accounts->len;

  stmt = kam_store_prepare (store, owner_id != NULL ? due_owner_contacts_sql : due_contacts_sql, error);
  if (stmt == NULL)
    return FALSE;
  if (owner_id != NULL)
    sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *account_id = (const char *) sqlite3_column_text (stmt, 1);
      gint64 rowid;
      int order = -1;

      /* Both sorted by id with SQLite's BINARY order, which strcmp() is. */
      while (next < accounts->len
             && (order = strcmp (g_array_index (accounts, DueAccount, next).id, account_id)) < 0)
        next++;
      if (next >= accounts->len)
        break;
      /* Contacts of accounts not read (deleted) are left out. */
      if (order != 0)
        continue;

      rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
      kam_due_top_offer (top, NULL, julian_of (sqlite3_column_text (stmt, 2)),
                         cadence->days[g_array_index (accounts, DueAccount, next).tier], today);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return kam_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

static KamDueEntry *
due_entry_for (KamStore      *store,
               const DueRow  *row,
               GError       **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (store, row->contact ? due_contact_names_sql : due_account_names_sql, error);
  KamDueEntry *entry;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, row->rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      kam_store_set_sqlite_error (store, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
      return NULL;
    }

  entry = g_new0 (KamDueEntry, 1);
  entry->kind = row->contact ? &kam_contact_kind : &kam_account_kind;
  entry->id = dup_column (stmt, 0);
  entry->name = dup_column (stmt, 1);
  entry->account_id = dup_column (stmt, 2);
  entry->account_name = dup_column (stmt, 3);
  entry->tier = tier_of (sqlite3_column_text (stmt, 4));
  entry->last = g_strndup ((const char *) sqlite3_column_text (stmt, 5), 10);
  sqlite3_reset (stmt);
  return entry;
}

GPtrArray *
kam_insights_due (KamStore      *store,
                  const char    *owner_id,
                  const GDate   *today,
                  guint          limit,
                  KamDueCounts  *counts,
                  GError       **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) due = NULL;
  g_autoptr(GPtrArray) result = NULL;
  KamDueTop *top = kam_due_top_new (limit);
  KamCadence cadence;
  guint n_accounts = 0, n_accounts_due = 0;

  kam_insights_get_cadence (store, &cadence);

  if (!kam_store_begin_read (store, error))
    {
      g_array_unref (kam_due_top_free_to_array (top));
      return NULL;
    }
  if (!collect_due (store, owner_id, &cadence, g_date_get_julian (today), top, rowids, &n_accounts, &n_accounts_due, error))
    {
      g_array_unref (kam_due_top_free_to_array (top));
      goto fail;
    }

  if (counts != NULL)
    {
      counts->accounts = n_accounts_due;
      counts->contacts = kam_due_top_get_n_due (top) - n_accounts_due;
    }
  due = kam_due_top_free_to_array (top);

  result = g_ptr_array_new_full (due->len, (GDestroyNotify) kam_due_entry_free);
  for (guint i = 0; i < due->len; i++)
    {
      const KamDueItem *item = &g_array_index (due, KamDueItem, i);
      DueRow row = { g_array_index (rowids, gint64, item->index), item->index >= n_accounts };
      KamDueEntry *entry = due_entry_for (store, &row, error);

      if (entry == NULL)
        goto fail;
      entry->never = item->never;
      entry->days_overdue = item->days_overdue;
      g_ptr_array_add (result, entry);
    }

  kam_store_end_read (store);
  return g_steal_pointer (&result);

fail:
  kam_store_end_read (store);
  return NULL;
}

/* Pipeline ---------------------------------------------------------------- */

static const char pipeline_deals_sql[] =
  "SELECT stage, amount, probability, expected_close, closed_on FROM opportunity INDEXED BY opportunity_insights "
  "WHERE deleted = 0 AND (?1 IS NULL OR owner_id = ?1)";
/* The JSON is read by SQLite's own functions: 20,000 accounts in a few ms. */
static const char pipeline_target_sql[] =
  "SELECT coalesce (sum (t.value ->> 'amount'), 0) FROM account a INDEXED BY account_insights, json_each (a.targets) t "
  "WHERE a.deleted = 0 AND json_valid (a.targets) AND (?1 IS NULL OR a.owner_id = ?1) "
  "AND t.value ->> 'year' = ?2";

void
kam_insights_get_probabilities (KamStore *store,
                                int       probabilities[KAM_N_STAGES])
{
  for (int stage = 0; stage < KAM_N_STAGES; stage++)
    {
      g_autofree char *key = g_strdup_printf ("probability-%s", kam_enum_to_string (KAM_TYPE_STAGE, stage));

      probabilities[stage] = kam_stage_is_closed (stage)
        ? kam_stage_default_probability (stage)
        : setting_int (store, key, kam_stage_default_probability (stage), 0, 100);
    }
}

gboolean
kam_insights_pipeline (KamStore            *store,
                       int                  year,
                       const char          *owner_id,
                       KamPipelineSummary  *summary,
                       GError             **error)
{
  g_autoptr(GArray) deals = g_array_new (FALSE, FALSE, sizeof (KamDeal));
  int probabilities[KAM_N_STAGES];
  sqlite3_stmt *stmt;
  GDate first, last;
  int rc;

  memset (summary, 0, sizeof *summary);
  summary->year = year;
  kam_insights_get_probabilities (store, probabilities);

  if (!kam_store_begin_read (store, error))
    return FALSE;

  stmt = kam_store_prepare (store, pipeline_deals_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int stage = KAM_STAGE_PROSPECTING;
      KamDeal deal;

      kam_enum_from_string (KAM_TYPE_STAGE, (const char *) sqlite3_column_text (stmt, 0), &stage);
      deal.stage = stage;
      deal.amount = sqlite3_column_double (stmt, 1);
      deal.probability = sqlite3_column_int (stmt, 2);
      /* No override: the stage's probability as set in the preferences. */
      if (deal.probability < 0)
        deal.probability = probabilities[stage];
      deal.expected_close_julian = julian_of (sqlite3_column_text (stmt, 3));
      deal.closed_julian = kam_stage_is_closed (stage) ? julian_of (sqlite3_column_text (stmt, 4)) : 0;
      g_array_append_val (deals, deal);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  stmt = kam_store_prepare (store, pipeline_target_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    summary->target = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    goto sql_fail;

  kam_store_end_read (store);

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, year);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, year);

  summary->n_deals = deals->len;
  kam_pipeline_by_stage ((const KamDeal *) (gpointer) deals->data, deals->len, summary->stages);
  kam_forecast_by_month ((const KamDeal *) (gpointer) deals->data, deals->len, year, 1, summary->months);
  kam_forecast_by_quarter ((const KamDeal *) (gpointer) deals->data, deals->len, year, 1, summary->quarters);
  summary->has_win_rate = kam_win_rate ((const KamDeal *) (gpointer) deals->data, deals->len,
                                        g_date_get_julian (&first), g_date_get_julian (&last),
                                        &summary->win_rate);
  kam_pipeline_coverage ((const KamDeal *) (gpointer) deals->data, deals->len, summary->target,
                         g_date_get_julian (&first), g_date_get_julian (&last), &summary->coverage);
  return TRUE;

sql_fail:
  kam_store_set_sqlite_error (store, rc, error);
fail:
  kam_store_end_read (store);
  return FALSE;
}
