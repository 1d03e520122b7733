/* kam-cli-bench-visits.c — the visit plan's part of kam bench
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the visit plan page asks when it opens and as people page through
 * weeks: the week of the owner with most accounts, the week of everyone,
 * a free slot for the "Plan" button, and the month's compliance.  (The due
 * list it shows is the bench's "due".)  Median milliseconds, as the rest
 * of the bench.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include "kam-analytics.h"
#include "kam-cli.h"
#include "kam-store-private.h"
#include "kam-visit-plan.h"

enum {
  V_WEEK,
  V_WEEK_ALL,
  V_SLOT,
  V_COMPLIANCE,
  N_VISIT_TIMINGS
};

static const char * const visit_timing_names[N_VISIT_TIMINGS] = {
  "visit_week", "visit_week_all", "propose_slot", "compliance_month",
};

/* kam_median(), to the microsecond */
static double
median_ms (GArray *samples)
{
  return (double) (gint64) (kam_median (samples) * 1000 + 0.5) / 1000;
}

static void
add_sample (GArray *samples,
            gint64  start)
{
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  g_array_append_val (samples, ms);
}

/* The owner with most accounts, and how many; NULL when nobody owns any. */
static char *
busiest_owner (KamStore  *store,
               guint     *n_accounts,
               GError   **error)
{
  sqlite3_stmt *stmt = kam_store_prepare (store,
                                          "SELECT owner_id, count (*) FROM account WHERE deleted = 0 AND owner_id IS NOT NULL "
                                          "GROUP BY owner_id ORDER BY 2 DESC, 1 LIMIT 1", error);
  char *owner = NULL;
  int rc;

  *n_accounts = 0;
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *n_accounts = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    kam_store_set_sqlite_error (store, rc, error);
  return owner;
}

gboolean
kam_cli_bench_visits (KamStore     *store,
                      JsonBuilder  *b,
                      int           rounds,
                      const GDate  *today,
                      GError      **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *owner = NULL;
  GArray *timings[N_VISIT_TIMINGS];
  guint n_accounts = 0, n_week = 0, n_week_all = 0, n_slipped = 0;
  gboolean ok = TRUE;
  GDate first, last;

  owner = busiest_owner (store, &n_accounts, error);
  if (error != NULL && *error != NULL)
    return FALSE;

  /* The month of today */
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, g_date_get_month (today), g_date_get_year (today));
  last = first;
  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);

  for (guint i = 0; i < N_VISIT_TIMINGS; i++)
    timings[i] = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; ok && r < rounds; r++)
    {
      g_autoptr(GPtrArray) week = NULL;
      g_autoptr(GPtrArray) week_all = NULL;
      g_autoptr(GDateTime) slot = NULL;
      KamCompliance compliance;
      gint64 start;

      start = g_get_monotonic_time ();
      week = kam_visit_plan_week (store, owner, today, tz, now, error);
      if (week == NULL)
        {
          ok = FALSE;
          break;
        }
      add_sample (timings[V_WEEK], start);
      n_week = week->len;

      start = g_get_monotonic_time ();
      week_all = kam_visit_plan_week (store, NULL, today, tz, now, error);
      if (week_all == NULL)
        {
          ok = FALSE;
          break;
        }
      add_sample (timings[V_WEEK_ALL], start);
      n_week_all = week_all->len;

      /* A slot that is hard to find: two hours, among the owner's visits. */
      start = g_get_monotonic_time ();
      slot = kam_visit_plan_propose_slot (store, owner, now, 120, tz, error);
      if (slot == NULL)
        {
          ok = FALSE;
          break;
        }
      add_sample (timings[V_SLOT], start);

      start = g_get_monotonic_time ();
      if (!kam_visit_plan_compliance (store, owner, &first, &last, tz, &compliance, error))
        {
          ok = FALSE;
          break;
        }
      add_sample (timings[V_COMPLIANCE], start);
      n_slipped = compliance.slipped->len;
      kam_compliance_clear (&compliance);
    }

  if (ok)
    {
      for (guint i = 0; i < N_VISIT_TIMINGS; i++)
        {
          json_builder_set_member_name (b, visit_timing_names[i]);
          json_builder_add_double_value (b, median_ms (timings[i]));
        }
      json_builder_set_member_name (b, "visit_plan_counts");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "owner_accounts");
      json_builder_add_int_value (b, n_accounts);
      json_builder_set_member_name (b, "visit_week");
      json_builder_add_int_value (b, n_week);
      json_builder_set_member_name (b, "visit_week_all");
      json_builder_add_int_value (b, n_week_all);
      json_builder_set_member_name (b, "compliance_slipped");
      json_builder_add_int_value (b, n_slipped);
      json_builder_end_object (b);
    }

  for (guint i = 0; i < N_VISIT_TIMINGS; i++)
    g_array_unref (timings[i]);
  return ok;
}
