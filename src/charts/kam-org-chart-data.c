/* kam-org-chart-data.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-charts"

#include "config.h"

#include <string.h>

#include "kam-insights.h"
#include "kam-model.h"
#include "kam-org-chart-data.h"
#include "kam-store-private.h"

static void
relation_clear (gpointer data)
{
  g_free (((KamMapRelation *) data)->id);
}

KamOrgChartData *
kam_org_chart_data_new (const char *account_name,
                        int         cadence_days)
{
  KamOrgChartData *data = g_new0 (KamOrgChartData, 1);

  data->account_id = g_strdup ("");
  data->account_name = g_strdup (account_name ? account_name : "");
  data->tier = KAM_TIER_C;
  data->cadence_days = cadence_days;
  data->contacts = g_array_new (FALSE, TRUE, sizeof (KamMapContact));
  g_array_set_clear_func (data->contacts, (GDestroyNotify) kam_map_contact_clear);
  data->relations = g_array_new (FALSE, TRUE, sizeof (KamMapRelation));
  g_array_set_clear_func (data->relations, relation_clear);
  kam_org_chart_data_update_coverage (data);
  return data;
}

void
kam_org_chart_data_free (KamOrgChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->account_id);
  g_free (data->account_name);
  g_array_unref (data->contacts);
  g_array_unref (data->relations);
  g_free (data);
}

int
kam_org_chart_data_add_contact (KamOrgChartData     *data,
                                const KamMapContact *contact)
{
  KamMapContact copy = *contact;

  copy.id = g_strdup (contact->id);
  copy.name = g_strdup (contact->name ? contact->name : "");
  copy.title = g_strdup (contact->title ? contact->title : "");
  copy.department = g_strdup (contact->department ? contact->department : "");
  copy.reports_to_id = g_strdup (contact->reports_to_id);
  copy.owner_id = g_strdup (contact->owner_id);
  copy.owner_name = g_strdup (contact->owner_name ? contact->owner_name : "");
  copy.influence = CLAMP (copy.influence, 1, 5);
  copy.attitude = CLAMP (copy.attitude, -2, 2);
  copy.strength = CLAMP (copy.strength, 0, 4);
  g_array_append_val (data->contacts, copy);
  return (int) data->contacts->len - 1;
}

gboolean
kam_org_chart_data_add_relation (KamOrgChartData *data,
                                 int              from,
                                 int              to,
                                 KamRelationKind  kind,
                                 int              strength)
{
  KamMapRelation relation = { NULL, from, to, kind, CLAMP (strength, 1, 3) };

  if (from < 0 || to < 0 || from >= (int) data->contacts->len || to >= (int) data->contacts->len)
    return FALSE;
  g_array_append_val (data->relations, relation);
  return TRUE;
}

int
kam_org_chart_data_find (KamOrgChartData *data,
                         const char      *id)
{
  for (guint i = 0; id != NULL && i < data->contacts->len; i++)
    if (g_strcmp0 (g_array_index (data->contacts, KamMapContact, i).id, id) == 0)
      return (int) i;
  return -1;
}

void
kam_org_chart_data_update_coverage (KamOrgChartData *data)
{
  g_autofree KamCoverageContact *in = g_new0 (KamCoverageContact, MAX (data->contacts->len, 1));

  for (guint i = 0; i < data->contacts->len; i++)
    kam_map_contact_to_coverage (&g_array_index (data->contacts, KamMapContact, i), &in[i]);
  kam_coverage_compute (in, data->contacts->len, data->cadence_days, &data->coverage);
}

GPtrArray *
kam_org_chart_data_advice (KamOrgChartData *data,
                           guint            max_items)
{
  return kam_coverage_advice ((const KamMapContact *) (gpointer) data->contacts->data, data->contacts->len,
                              data->cadence_days, max_items);
}

/* Loading ------------------------------------------------------------------ */

static const char contacts_sql[] =
  "SELECT c.id, c.name, c.title, c.department, c.reports_to_id, c.owner_id, coalesce (m.name, ''), "
  "c.decision_role, c.influence, c.attitude, c.strength, c.last_met "
  "FROM contact c LEFT JOIN member m ON m.id = c.owner_id AND m.deleted = 0 "
  "WHERE c.account_id = ?1 AND c.deleted = 0 ORDER BY c.name, c.id";
/* Relations whose two ends are people of the account. */
static const char relations_sql[] =
  "SELECT r.from_id, r.to_id, r.kind, r.strength, r.id FROM relation r "
  "JOIN contact f ON f.id = r.from_id JOIN contact t ON t.id = r.to_id "
  "WHERE f.account_id = ?1 AND t.account_id = ?1 AND r.deleted = 0 AND f.deleted = 0 AND t.deleted = 0 "
  "ORDER BY r.id";

static const char *
column (sqlite3_stmt *stmt,
        int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text ? text : "";
}

static int
days_since (const char  *datetime,
            const GDate *today)
{
  GDate day;
  char date[11];

  if (datetime == NULL || strlen (datetime) < 10)
    return -1;
  memcpy (date, datetime, 10);
  date[10] = '\0';
  if (!kam_parse_date (date, &day))
    return -1;
  return MAX (0, (int) g_date_get_julian (today) - (int) g_date_get_julian (&day));
}

KamOrgChartData *
kam_org_chart_data_load (KamStore     *store,
                         const char   *account_id,
                         const GDate  *today,
                         GError      **error)
{
  g_autoptr(KamRecord) account = NULL;
  g_autoptr(KamOrgChartData) data = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  KamCadence cadence;
  int tier;
  int rc;

  g_return_val_if_fail (KAM_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  account = kam_store_load (store, &kam_account_kind, account_id, error);
  if (account == NULL)
    return NULL;

  kam_insights_get_cadence (store, &cadence);
  tier = CLAMP (kam_record_get_int (account, "tier"), KAM_TIER_A, KAM_TIER_C);
  data = kam_org_chart_data_new (kam_record_get_string (account, "name"), cadence.days[tier]);
  g_free (data->account_id);
  data->account_id = g_strdup (account_id);
  data->tier = tier;

  if (!kam_store_begin_read (store, error))
    return NULL;

  stmt = kam_store_prepare (store, contacts_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamMapContact c = { 0 };
      int role = KAM_ROLE_NONE;

      c.id = g_strdup (column (stmt, 0));
      c.name = g_strdup (column (stmt, 1));
      c.title = g_strdup (column (stmt, 2));
      c.department = g_strdup (column (stmt, 3));
      c.reports_to_id = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL : g_strdup (column (stmt, 4));
      c.owner_id = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? NULL : g_strdup (column (stmt, 5));
      c.owner_name = g_strdup (column (stmt, 6));
      kam_enum_from_string (KAM_TYPE_ROLE, column (stmt, 7), &role);
      c.role = role;
      c.influence = CLAMP (sqlite3_column_int (stmt, 8), 1, 5);
      c.attitude = CLAMP (sqlite3_column_int (stmt, 9), -2, 2);
      c.strength = CLAMP (sqlite3_column_int (stmt, 10), 0, 4);
      c.days_since_met = days_since (column (stmt, 11), today);
      g_array_append_val (data->contacts, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  for (guint i = 0; i < data->contacts->len; i++)
    g_hash_table_insert (index, g_array_index (data->contacts, KamMapContact, i).id, GUINT_TO_POINTER (i + 1));

  stmt = kam_store_prepare (store, relations_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, column (stmt, 0)));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, column (stmt, 1)));
      int kind = KAM_RELATION_INFLUENCES;

      kam_enum_from_string (KAM_TYPE_RELATION_KIND, column (stmt, 2), &kind);
      if (from > 0 && to > 0 && kam_org_chart_data_add_relation (data, from - 1, to - 1, kind, sqlite3_column_int (stmt, 3)))
        g_array_index (data->relations, KamMapRelation, data->relations->len - 1).id = g_strdup (column (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  kam_store_end_read (store);
  kam_org_chart_data_update_coverage (data);
  return g_steal_pointer (&data);

sql_fail:
  kam_store_set_sqlite_error (store, rc, error);
fail:
  kam_store_end_read (store);
  return NULL;
}
