/* test-visit-plan.c — the week, free slots, outcomes, planning from the due
 * list and compliance, in Berlin (across DST) and Shanghai
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on a real SQLite file in a temporary folder of its own.
 * Expected times are written out by hand in UTC.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kam-generate.h"
#include "kam-insights.h"
#include "kam-model.h"
#include "kam-visit-plan.h"

typedef struct {
  char     *dir;
  char     *path;
  KamStore *store;
} Fixture;

static void
use_zone (const char *tzid)
{
  g_setenv ("TZ", tzid, TRUE);
  tzset ();
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  use_zone ("Europe/Berlin");
  fx->dir = g_dir_make_tmp ("kam-visit-plan-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "key-accounts.db", NULL);
  fx->store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fx->store);
  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fx->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Helpers ---------------------------------------------------------------- */

static void
set_ok (KamRecord  *record,
        const char *field,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kam_record_set_from_string (record, field, value, &error));
  g_assert_no_error (error);
}

static void
save_ok (KamStore  *store,
         KamRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kam_store_save (store, record, &error));
  g_assert_no_error (error);
}

static KamRecord *
add_member (KamStore   *store,
            const char *name)
{
  KamRecord *m = kam_record_new (&kam_member_kind);

  set_ok (m, "name", name);
  save_ok (store, m);
  return m;
}

static KamRecord *
add_account (KamStore   *store,
             const char *name,
             const char *tier,
             KamRecord  *owner)
{
  KamRecord *a = kam_record_new (&kam_account_kind);

  set_ok (a, "name", name);
  set_ok (a, "tier_pinned", tier);
  if (owner != NULL)
    set_ok (a, "owner_id", kam_record_get_id (owner));
  save_ok (store, a);
  return a;
}

static KamRecord *
add_contact (KamStore   *store,
             KamRecord  *account,
             const char *name,
             const char *role,
             int         influence)
{
  KamRecord *c = kam_record_new (&kam_contact_kind);
  char text[8];

  g_snprintf (text, sizeof text, "%d", influence);
  set_ok (c, "account_id", kam_record_get_id (account));
  set_ok (c, "name", name);
  set_ok (c, "decision_role", role);
  set_ok (c, "influence", text);
  save_ok (store, c);
  return c;
}

static GDateTime *
at (const char *tzid,
    int         y,
    int         mo,
    int         d,
    int         h,
    int         mi)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);

  g_assert_nonnull (tz);
  return g_date_time_new (tz, y, mo, d, h, mi, 0);
}

static char *
utc (GDateTime *dt)
{
  g_autoptr(GDateTime) u = g_date_time_to_utc (dt);

  return g_date_time_format (u, "%Y-%m-%dT%H:%M:%SZ");
}

/* A visit starting at @start (local in Berlin unless @tzid) for @minutes. */
static KamRecord *
add_visit_tz (KamStore   *store,
              KamRecord  *account,
              const char *tzid,
              int         y,
              int         mo,
              int         d,
              int         h,
              int         mi,
              int         minutes,
              const char *status,
              const char *contact_ids)
{
  KamRecord *v = kam_record_new (&kam_visit_kind);
  g_autoptr(GDateTime) start = at (tzid, y, mo, d, h, mi);
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, minutes);
  g_autofree char *start_text = utc (start);
  g_autofree char *end_text = utc (end);

  set_ok (v, "account_id", kam_record_get_id (account));
  set_ok (v, "start_at", start_text);
  set_ok (v, "end_at", end_text);
  set_ok (v, "status", status);
  set_ok (v, "objective", "Quarterly review");
  if (contact_ids != NULL)
    set_ok (v, "contact_ids", contact_ids);
  save_ok (store, v);
  return v;
}

static KamRecord *
add_visit (KamStore   *store,
           KamRecord  *account,
           int         y,
           int         mo,
           int         d,
           int         h,
           int         mi,
           int         minutes,
           const char *status)
{
  return add_visit_tz (store, account, "Europe/Berlin", y, mo, d, h, mi, minutes, status, NULL);
}

static KamPlanVisit *
find_plan (GPtrArray  *visits,
           KamRecord  *visit)
{
  for (guint i = 0; i < visits->len; i++)
    {
      KamPlanVisit *v = g_ptr_array_index (visits, i);

      if (g_strcmp0 (v->id, kam_record_get_id (visit)) == 0)
        return v;
    }
  return NULL;
}

static void
assert_utc (GDateTime  *dt,
            const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (dt);
  text = utc (dt);
  g_assert_cmpstr (text, ==, expected);
}

static void
date_set (GDate *date,
          int    y,
          int    m,
          int    d)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
}

/* The week --------------------------------------------------------------- */

/* The week of 23 March 2026 in Berlin: Monday 00:00 CET is 22 March 23:00
 * UTC; DST starts on Sunday 29 March, so the week ends on Monday 30 March
 * 00:00 CEST = 29 March 22:00 UTC (167 hours). */
static void
test_week_berlin_dst (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) ana = add_member (fx->store, "Ana");
  g_autoptr(KamRecord) bo = add_member (fx->store, "Bo");
  g_autoptr(KamRecord) acme = add_account (fx->store, "Acme", "A", ana);
  g_autoptr(KamRecord) other = add_account (fx->store, "Other", "B", bo);
  g_autoptr(KamRecord) before = add_visit (fx->store, acme, 2026, 3, 22, 23, 30, 30, "planned");
  g_autoptr(KamRecord) monday = add_visit (fx->store, acme, 2026, 3, 23, 8, 30, 60, "done");
  g_autoptr(KamRecord) tue1 = add_visit (fx->store, acme, 2026, 3, 24, 10, 0, 60, "planned");
  g_autoptr(KamRecord) tue2 = add_visit (fx->store, acme, 2026, 3, 24, 10, 30, 60, "planned");
  g_autoptr(KamRecord) tue3 = add_visit (fx->store, acme, 2026, 3, 24, 11, 30, 30, "planned");
  g_autoptr(KamRecord) tue_cancelled = add_visit (fx->store, acme, 2026, 3, 24, 11, 30, 30, "cancelled");
  g_autoptr(KamRecord) tue_other = add_visit (fx->store, other, 2026, 3, 24, 11, 30, 30, "planned");
  g_autoptr(KamRecord) thu = add_visit (fx->store, acme, 2026, 3, 26, 14, 0, 60, "planned");
  g_autoptr(KamRecord) sunday = add_visit (fx->store, acme, 2026, 3, 29, 23, 30, 15, "planned");
  g_autoptr(KamRecord) after = add_visit (fx->store, acme, 2026, 3, 30, 0, 30, 30, "planned");
  g_autoptr(GDateTime) now = at ("Europe/Berlin", 2026, 3, 25, 12, 0);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GDate day;

  date_set (&day, 2026, 3, 25);
  /* TZ is Europe/Berlin: NULL means the local zone. */
  start = kam_visit_plan_week_start (&day, NULL);
  assert_utc (start, "2026-03-22T23:00:00Z");

  week = kam_visit_plan_week (fx->store, kam_record_get_id (ana), &day, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (week);
  /* monday, tue1, tue2, tue3, tue_cancelled, thu, sunday: not before/after
   * the week, not another owner's */
  g_assert_cmpuint (week->len, ==, 7);
  g_assert_null (find_plan (week, before));
  g_assert_null (find_plan (week, after));
  g_assert_null (find_plan (week, tue_other));
  g_assert_nonnull (find_plan (week, sunday));
  g_assert_cmpstr (find_plan (week, sunday)->start_at, ==, "2026-03-29T21:30:00Z");
  g_assert_cmpstr (((KamPlanVisit *) g_ptr_array_index (week, 0))->id, ==, kam_record_get_id (monday));
  g_assert_cmpstr (find_plan (week, monday)->account_name, ==, "Acme");

  /* 10:00-11:00 and 10:30-11:30 overlap; 11:30 only touches; cancelled
   * ones count for nothing */
  g_assert_cmpint (find_plan (week, monday)->flags, ==, KAM_PLAN_FLAG_NONE);
  g_assert_cmpint (find_plan (week, tue1)->flags, ==, KAM_PLAN_FLAG_OVERLAP | KAM_PLAN_FLAG_NEEDS_OUTCOME);
  g_assert_cmpint (find_plan (week, tue2)->flags, ==, KAM_PLAN_FLAG_OVERLAP | KAM_PLAN_FLAG_NEEDS_OUTCOME);
  g_assert_cmpint (find_plan (week, tue3)->flags, ==, KAM_PLAN_FLAG_NEEDS_OUTCOME);
  g_assert_cmpint (find_plan (week, tue_cancelled)->flags, ==, KAM_PLAN_FLAG_NONE);
  g_assert_cmpint (find_plan (week, thu)->flags, ==, KAM_PLAN_FLAG_NONE);

  /* Every owner: the other owner's visit at 11:30 is no overlap with ours. */
  all = kam_visit_plan_week (fx->store, NULL, &day, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 8);
  g_assert_cmpint (find_plan (all, tue_other)->flags, ==, KAM_PLAN_FLAG_NEEDS_OUTCOME);
  g_assert_cmpint (find_plan (all, tue3)->flags, ==, KAM_PLAN_FLAG_NEEDS_OUTCOME);
}

/* Shanghai (UTC+8, no DST): the week of Thursday 1 January 2026 starts on
 * Monday 29 December 2025 00:00 = 28 December 16:00 UTC. */
static void
test_week_shanghai (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) ana = add_member (fx->store, "Ana");
  g_autoptr(KamRecord) acme = add_account (fx->store, "Acme", "A", ana);
  g_autoptr(KamRecord) first = NULL;
  g_autoptr(KamRecord) last = NULL;
  g_autoptr(KamRecord) outside = NULL;
  g_autoptr(GDateTime) now = at ("Asia/Shanghai", 2026, 1, 1, 8, 0);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GPtrArray) week = NULL;
  GDate day;

  use_zone ("Asia/Shanghai");
  first = add_visit_tz (fx->store, acme, "Asia/Shanghai", 2025, 12, 29, 0, 15, 30, "planned", NULL);
  last = add_visit_tz (fx->store, acme, "Asia/Shanghai", 2026, 1, 4, 23, 45, 15, "planned", NULL);
  outside = add_visit_tz (fx->store, acme, "Asia/Shanghai", 2025, 12, 28, 23, 45, 15, "planned", NULL);

  date_set (&day, 2026, 1, 1);
  start = kam_visit_plan_week_start (&day, NULL);
  assert_utc (start, "2025-12-28T16:00:00Z");

  week = kam_visit_plan_week (fx->store, kam_record_get_id (ana), &day, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (week->len, ==, 2);
  g_assert_cmpstr (find_plan (week, first)->start_at, ==, "2025-12-28T16:15:00Z");
  g_assert_cmpint (find_plan (week, first)->flags, ==, KAM_PLAN_FLAG_NEEDS_OUTCOME);
  g_assert_cmpint (find_plan (week, last)->flags, ==, KAM_PLAN_FLAG_NONE);
  g_assert_null (find_plan (week, outside));
}

/* Free slots ------------------------------------------------------------- */

static void
test_slot_pure (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  KamWorkHours hours = { 9 * 60, 18 * 60 };

  /* Friday 27 March 17:30 CET: half an hour left, the weekend, then Monday
   * 30 March 09:00 CEST = 07:00 UTC (after the DST change). */
  {
    g_autoptr(GDateTime) after = at ("Europe/Berlin", 2026, 3, 27, 17, 30);
    g_autoptr(GDateTime) slot = kam_slot_propose (NULL, 0, after, 60, &hours, berlin);

    assert_utc (slot, "2026-03-30T07:00:00Z");
    g_assert_cmpint (g_date_time_get_hour (slot), ==, 9);
  }

  /* Friday 30 January 17:01 (rounded up to 17:15, 45 min left < 60): Monday
   * 2 February 09:00 CET = 08:00 UTC, across the month.  Busy 09:00-10:00
   * and 10:00-10:45 push it to 10:45; a 30 min gap at 11:15-11:45 is too
   * short for an hour. */
  {
    g_autoptr(GDateTime) after = at ("Europe/Berlin", 2026, 1, 30, 17, 1);
    g_autoptr(GDateTime) m9 = at ("Europe/Berlin", 2026, 2, 2, 9, 0);
    g_autoptr(GDateTime) slot = NULL;
    gint64 t = g_date_time_to_unix (m9);
    const KamBusy busy[] = {
      { t + 3600, t + 6300 },         /* 10:00-10:45 */
      { t, t + 3600 },                /* 09:00-10:00 */
      { t + 7200 + 2700, t + 7200 + 4500 }, /* 11:45-12:15 */
    };

    slot = kam_slot_propose (NULL, 0, after, 60, &hours, berlin);
    assert_utc (slot, "2026-02-02T08:00:00Z");
    g_clear_pointer (&slot, g_date_time_unref);

    slot = kam_slot_propose (busy, 2, after, 60, &hours, berlin);
    assert_utc (slot, "2026-02-02T09:45:00Z");   /* 10:45 CET */
    g_clear_pointer (&slot, g_date_time_unref);

    slot = kam_slot_propose (busy, 3, after, 90, &hours, berlin);
    assert_utc (slot, "2026-02-02T11:15:00Z");   /* 12:15 CET: 10:45-12:15 meets 11:45 */
    g_clear_pointer (&slot, g_date_time_unref);

    slot = kam_slot_propose (busy, 3, after, 60, &hours, berlin);
    assert_utc (slot, "2026-02-02T09:45:00Z");   /* 10:45-11:45 touches 11:45 only */
  }

  /* Rounding: 09:07 on a Wednesday becomes 09:15. */
  {
    g_autoptr(GDateTime) after = at ("Europe/Berlin", 2026, 10, 21, 9, 7);
    g_autoptr(GDateTime) slot = kam_slot_propose (NULL, 0, after, 30, &hours, berlin);

    assert_utc (slot, "2026-10-21T07:15:00Z");
  }

  /* End of DST: Friday 23 October 2026 18:00 CEST; Monday 26 October 09:00
   * CET = 08:00 UTC. */
  {
    g_autoptr(GDateTime) after = at ("Europe/Berlin", 2026, 10, 23, 18, 0);
    g_autoptr(GDateTime) slot = kam_slot_propose (NULL, 0, after, 60, &hours, berlin);

    assert_utc (slot, "2026-10-26T08:00:00Z");
  }

  /* Shanghai: Friday 27 February 2026 18:00 = after hours; Monday 2 March
   * 09:00 +08 = 01:00 UTC. */
  {
    g_autoptr(GDateTime) after = at ("Asia/Shanghai", 2026, 2, 27, 18, 0);
    g_autoptr(GDateTime) slot = kam_slot_propose (NULL, 0, after, 45, &hours, shanghai);

    assert_utc (slot, "2026-03-02T01:00:00Z");
  }

  /* Longer than the working day: no slot. */
  {
    g_autoptr(GDateTime) after = at ("Asia/Shanghai", 2026, 2, 27, 8, 0);

    g_assert_null (kam_slot_propose (NULL, 0, after, 10 * 60, &hours, shanghai));
  }
}

static void
test_slot_store (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) ana = add_member (fx->store, "Ana");
  g_autoptr(KamRecord) bo = add_member (fx->store, "Bo");
  g_autoptr(KamRecord) acme = add_account (fx->store, "Acme", "A", ana);
  g_autoptr(KamRecord) other = add_account (fx->store, "Other", "A", bo);
  g_autoptr(KamRecord) v1 = add_visit (fx->store, acme, 2026, 3, 31, 8, 0, 120, "planned");
  g_autoptr(KamRecord) v2 = add_visit (fx->store, acme, 2026, 3, 31, 10, 0, 60, "cancelled");
  g_autoptr(KamRecord) v3 = add_visit (fx->store, other, 2026, 3, 31, 10, 0, 60, "planned");
  g_autoptr(GDateTime) after = at ("Europe/Berlin", 2026, 3, 31, 7, 0);
  g_autoptr(GDateTime) slot = NULL;
  KamWorkHours hours;

  kam_visit_plan_get_work_hours (fx->store, &hours);
  g_assert_cmpint (hours.start_minute, ==, 9 * 60);
  g_assert_cmpint (hours.end_minute, ==, 18 * 60);

  g_assert_true (kam_store_set_setting (fx->store, "work-start", "08:00", &error));
  g_assert_true (kam_store_set_setting (fx->store, "work-end", "12:00", &error));
  g_assert_no_error (error);
  kam_visit_plan_get_work_hours (fx->store, &hours);
  g_assert_cmpint (hours.start_minute, ==, 8 * 60);
  g_assert_cmpint (hours.end_minute, ==, 12 * 60);

  /* Ana: busy 08:00-10:00; the cancelled visit does not count, Bo's neither. */
  slot = kam_visit_plan_propose_slot (fx->store, kam_record_get_id (ana), after, 120, NULL, &error);
  g_assert_no_error (error);
  assert_utc (slot, "2026-03-31T08:00:00Z");   /* 10:00 CEST */
  g_clear_pointer (&slot, g_date_time_unref);

  /* Everyone's: Bo's 10:00-11:00 pushes a two-hour slot to Wednesday. */
  slot = kam_visit_plan_propose_slot (fx->store, NULL, after, 120, NULL, &error);
  g_assert_no_error (error);
  assert_utc (slot, "2026-04-01T06:00:00Z");   /* 08:00 CEST */
  g_clear_pointer (&slot, g_date_time_unref);

  /* Longer than the working day */
  slot = kam_visit_plan_propose_slot (fx->store, NULL, after, 300, NULL, &error);
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  g_assert_null (slot);
  g_clear_error (&error);

  /* A wrong setting falls back to the defaults */
  g_assert_true (kam_store_set_setting (fx->store, "work-end", "07:00", &error));
  kam_visit_plan_get_work_hours (fx->store, &hours);
  g_assert_cmpint (hours.start_minute, ==, 9 * 60);
  g_assert_cmpint (hours.end_minute, ==, 18 * 60);
}

/* Outcomes --------------------------------------------------------------- */

static guint
n_due_for (KamStore    *store,
           const char  *account_id,
           const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = kam_insights_due (store, NULL, today, 0, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    if (g_strcmp0 (((KamDueEntry *) g_ptr_array_index (due, i))->account_id, account_id) == 0)
      n++;
  return n;
}

static void
test_done_follow_up (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) ana = add_member (fx->store, "Ana");
  g_autoptr(KamRecord) acme = add_account (fx->store, "Acme", "A", ana);
  g_autoptr(KamRecord) boss = add_contact (fx->store, acme, "Wang Lei", "decision_maker", 5);
  g_autoptr(KamRecord) clerk = add_contact (fx->store, acme, "Li Na", "none", 2);
  g_autofree char *ids = g_strdup_printf ("%s,%s", kam_record_get_id (boss), kam_record_get_id (clerk));
  g_autoptr(KamRecord) visit = add_visit_tz (fx->store, acme, "Europe/Berlin", 2026, 3, 27, 10, 0, 90,
                                             "planned", ids);
  /* A visit already on Monday 09:00 pushes the follow-up to 10:00. */
  g_autoptr(KamRecord) monday = add_visit (fx->store, acme, 2026, 3, 30, 9, 0, 60, "planned");
  g_autoptr(KamRecord) done = NULL;
  g_autoptr(KamRecord) next = NULL;
  g_autoptr(KamRecord) boss_now = NULL;
  g_autoptr(KamRecord) account_now = NULL;
  g_autofree char *next_id = NULL;
  GDate today, follow_up;

  kam_store_update_tiers (fx->store, &error);
  g_assert_no_error (error);

  date_set (&today, 2026, 3, 28);
  /* Never visited: the account and the decision maker are due. */
  g_assert_cmpuint (n_due_for (fx->store, kam_record_get_id (acme), &today), ==, 2);

  /* Follow-up on Sunday 29 March: the first free slot is Monday 10:00 CEST. */
  date_set (&follow_up, 2026, 3, 29);
  g_assert_true (kam_visit_plan_mark_done (fx->store, kam_record_get_id (visit), "Agreed on a pilot",
                                           "Send the pilot contract", &follow_up, NULL, &next_id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (next_id);

  done = kam_store_load (fx->store, &kam_visit_kind, kam_record_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kam_record_get_int (done, "status"), ==, KAM_VISIT_DONE);
  g_assert_cmpstr (kam_record_get_string (done, "outcome"), ==, "Agreed on a pilot");
  g_assert_cmpstr (kam_record_get_string (done, "next_steps"), ==, "Send the pilot contract");
  g_assert_cmpstr (kam_record_get_string (done, "follow_up"), ==, "2026-03-29");

  next = kam_store_load (fx->store, &kam_visit_kind, next_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kam_record_get_int (next, "status"), ==, KAM_VISIT_PLANNED);
  g_assert_cmpstr (kam_record_get_string (next, "account_id"), ==, kam_record_get_id (acme));
  g_assert_cmpstr (kam_record_get_string (next, "start_at"), ==, "2026-03-30T08:00:00Z");
  g_assert_cmpstr (kam_record_get_string (next, "end_at"), ==, "2026-03-30T09:30:00Z");
  g_assert_cmpstr (kam_record_get_string (next, "objective"), ==, "Send the pilot contract");
  g_assert_cmpuint (g_strv_length ((char **) kam_record_get_strv (next, "contact_ids")), ==, 2);

  /* The contacts met and the account: last met, last visit. */
  boss_now = kam_store_load (fx->store, &kam_contact_kind, kam_record_get_id (boss), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kam_record_get_string (boss_now, "last_met"), ==, "2026-03-27T09:00:00Z");
  account_now = kam_store_load (fx->store, &kam_account_kind, kam_record_get_id (acme), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kam_record_get_string (account_now, "last_visit"), ==, "2026-03-27T09:00:00Z");
  g_assert_cmpuint (n_due_for (fx->store, kam_record_get_id (acme), &today), ==, 0);
  /* Due again a week after the visit (A: 7 days). */
  date_set (&today, 2026, 4, 3);
  g_assert_cmpuint (n_due_for (fx->store, kam_record_get_id (acme), &today), ==, 2);

  /* Without a follow-up: no new visit. */
  g_clear_pointer (&next_id, g_free);
  g_assert_true (kam_visit_plan_mark_done (fx->store, kam_record_get_id (monday), "Met", "", NULL, NULL,
                                           &next_id, &error));
  g_assert_no_error (error);
  g_assert_null (next_id);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_visit_kind), ==, 3);

  /* An unknown visit: an error and nothing written. */
  g_assert_false (kam_visit_plan_mark_done (fx->store, "no-such-visit", "x", "", &follow_up, NULL, &next_id, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_visit_kind), ==, 3);
}

static void
test_from_due (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) ana = add_member (fx->store, "Ana");
  g_autoptr(KamRecord) acme = add_account (fx->store, "Acme", "B", ana);
  g_autoptr(KamRecord) met = add_contact (fx->store, acme, "Met recently", "economic_buyer", 5);
  g_autoptr(KamRecord) never = add_contact (fx->store, acme, "Never met", "technical_buyer", 3);
  g_autoptr(KamRecord) minor = add_contact (fx->store, acme, "Not key", "none", 2);
  g_autoptr(KamRecord) old = add_visit_tz (fx->store, acme, "Europe/Berlin", 2025, 12, 1, 10, 0, 60, "done",
                                           kam_record_get_id (met));
  g_autoptr(KamRecord) recent = NULL;
  g_autoptr(KamRecord) busy = add_visit (fx->store, acme, 2026, 1, 5, 9, 0, 60, "planned");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(KamVisit) visit = NULL;
  g_autoptr(GDateTime) after = at ("Europe/Berlin", 2026, 1, 2, 18, 0);
  KamDueEntry *account_entry = NULL, *contact_entry = NULL;
  const char * const *contacts;
  GDate today;

  kam_store_update_tiers (fx->store, &error);
  g_assert_no_error (error);
  /* met on 20 December: not due on 2 January (B: 30 days) */
  recent = add_visit_tz (fx->store, acme, "Europe/Berlin", 2025, 12, 20, 10, 0, 60, "done", kam_record_get_id (met));

  date_set (&today, 2026, 1, 2);
  due = kam_insights_due (fx->store, NULL, &today, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      KamDueEntry *e = g_ptr_array_index (due, i);

      if (e->kind == &kam_account_kind)
        account_entry = e;
      else if (g_strcmp0 (e->id, kam_record_get_id (never)) == 0)
        contact_entry = e;
      else
        g_assert_cmpstr (e->id, ==, "only the account and the never-met contact");
    }
  /* The account was visited on 20 December too: not due.  Only Never met. */
  g_assert_null (account_entry);
  g_assert_nonnull (contact_entry);

  visit = kam_visit_plan_from_due (fx->store, contact_entry, &today, after, 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kam_record_get_string (KAM_RECORD (visit), "account_id"), ==, kam_record_get_id (acme));
  /* Friday evening: Monday 5 January 09:00 is taken, so 10:00 CET */
  g_assert_cmpstr (kam_record_get_string (KAM_RECORD (visit), "start_at"), ==, "2026-01-05T09:00:00Z");
  g_assert_cmpstr (kam_record_get_string (KAM_RECORD (visit), "end_at"), ==, "2026-01-05T10:00:00Z");
  contacts = kam_record_get_strv (KAM_RECORD (visit), "contact_ids");
  g_assert_cmpuint (g_strv_length ((char **) contacts), ==, 1);
  g_assert_cmpstr (contacts[0], ==, kam_record_get_id (never));
  g_assert_cmpstr (kam_record_get_strv (KAM_RECORD (visit), "member_ids")[0], ==, kam_record_get_id (ana));
  g_assert_cmpint (kam_record_get_int (KAM_RECORD (visit), "status"), ==, KAM_VISIT_PLANNED);
  save_ok (fx->store, KAM_RECORD (visit));

  /* An account entry on 1 February (account due: 20 Dec + 30 = 19 Jan):
   * the key contacts due then are both (met: 20 Dec + 30 <= 1 Feb), not
   * the minor one. */
  {
    KamDueEntry entry = {
      .kind = &kam_account_kind,
      .id = (char *) kam_record_get_id (acme),
      .account_id = (char *) kam_record_get_id (acme),
      .tier = KAM_TIER_B,
    };
    g_autoptr(KamVisit) v2 = NULL;
    g_autoptr(GDateTime) feb = at ("Europe/Berlin", 2026, 2, 2, 9, 0);

    date_set (&today, 2026, 2, 1);
    v2 = kam_visit_plan_from_due (fx->store, &entry, &today, feb, 60, NULL, &error);
    g_assert_no_error (error);
    contacts = kam_record_get_strv (KAM_RECORD (v2), "contact_ids");
    g_assert_cmpuint (g_strv_length ((char **) contacts), ==, 2);
    /* influence first */
    g_assert_cmpstr (contacts[0], ==, kam_record_get_id (met));
    g_assert_cmpstr (contacts[1], ==, kam_record_get_id (never));
    g_assert_cmpstr (kam_record_get_string (KAM_RECORD (v2), "start_at"), ==, "2026-02-02T08:00:00Z");
  }
  (void) minor; (void) old; (void) busy;
}

/* Compliance ------------------------------------------------------------- */

/* March 2026 in Berlin, cadence A 7, B 30, C 90 days:
 *  A1: last done 20 Feb, due 27 Feb <= 31 Mar: due; done 10 Mar and on
 *      31 Mar 23:30 CEST (21:30 UTC, still March here): kept, 2 done.
 *  A2: last done 27 Feb, due 6 Mar: due; a visit still planned on 20 Mar:
 *      slipped, 31 - 6 = 25 days overdue.
 *  B1: last done 15 Feb, due 17 Mar: due; cancelled 18 Mar: slipped, 14.
 *  C1: last done 1 Feb, due 2 May: not due; done 3 Mar; done 1 Apr 00:30
 *      CEST (31 Mar 22:30 UTC) is April here: not counted.
 *  C2: never visited: due, slipped, 31 - 1 = 30.
 *  Z (another owner's, tier A, never visited): left out for Ana. */
static void
test_compliance (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) ana = add_member (fx->store, "Ana");
  g_autoptr(KamRecord) bo = add_member (fx->store, "Bo");
  g_autoptr(KamRecord) a1 = add_account (fx->store, "A1", "A", ana);
  g_autoptr(KamRecord) a2 = add_account (fx->store, "A2", "A", ana);
  g_autoptr(KamRecord) b1 = add_account (fx->store, "B1", "B", ana);
  g_autoptr(KamRecord) c1 = add_account (fx->store, "C1", "C", ana);
  g_autoptr(KamRecord) c2 = add_account (fx->store, "C2", "C", ana);
  g_autoptr(KamRecord) z = add_account (fx->store, "Z", "A", bo);
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  KamCompliance c = { 0 };
  GDate from, to;

  kam_store_update_tiers (fx->store, &error);
  g_assert_no_error (error);

  g_ptr_array_add (visits, add_visit (fx->store, a1, 2026, 2, 20, 10, 0, 60, "done"));
  g_ptr_array_add (visits, add_visit (fx->store, a1, 2026, 3, 10, 10, 0, 60, "done"));
  g_ptr_array_add (visits, add_visit (fx->store, a1, 2026, 3, 31, 23, 30, 15, "done"));
  g_ptr_array_add (visits, add_visit (fx->store, a2, 2026, 2, 27, 10, 0, 60, "done"));
  g_ptr_array_add (visits, add_visit (fx->store, a2, 2026, 3, 20, 10, 0, 60, "planned"));
  g_ptr_array_add (visits, add_visit (fx->store, b1, 2026, 2, 15, 10, 0, 60, "done"));
  g_ptr_array_add (visits, add_visit (fx->store, b1, 2026, 3, 18, 10, 0, 60, "cancelled"));
  g_ptr_array_add (visits, add_visit (fx->store, c1, 2026, 2, 1, 10, 0, 60, "done"));
  g_ptr_array_add (visits, add_visit (fx->store, c1, 2026, 3, 3, 10, 0, 60, "done"));
  g_ptr_array_add (visits, add_visit (fx->store, c1, 2026, 4, 1, 0, 30, 60, "done"));
  g_ptr_array_add (visits, add_visit (fx->store, z, 2026, 3, 5, 10, 0, 60, "planned"));

  date_set (&from, 2026, 3, 1);
  date_set (&to, 2026, 3, 31);
  g_assert_true (kam_visit_plan_compliance (fx->store, kam_record_get_id (ana), &from, &to, NULL, &c, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (c.tiers[KAM_TIER_A].accounts, ==, 2);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].due, ==, 2);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].kept, ==, 1);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].done, ==, 2);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].planned, ==, 1);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].cancelled, ==, 0);

  g_assert_cmpuint (c.tiers[KAM_TIER_B].accounts, ==, 1);
  g_assert_cmpuint (c.tiers[KAM_TIER_B].due, ==, 1);
  g_assert_cmpuint (c.tiers[KAM_TIER_B].kept, ==, 0);
  g_assert_cmpuint (c.tiers[KAM_TIER_B].done, ==, 0);
  g_assert_cmpuint (c.tiers[KAM_TIER_B].planned, ==, 0);
  g_assert_cmpuint (c.tiers[KAM_TIER_B].cancelled, ==, 1);

  g_assert_cmpuint (c.tiers[KAM_TIER_C].accounts, ==, 2);
  g_assert_cmpuint (c.tiers[KAM_TIER_C].due, ==, 1);
  g_assert_cmpuint (c.tiers[KAM_TIER_C].kept, ==, 0);
  g_assert_cmpuint (c.tiers[KAM_TIER_C].done, ==, 1);
  g_assert_cmpuint (c.tiers[KAM_TIER_C].planned, ==, 0);

  g_assert_cmpuint (c.slipped->len, ==, 3);
  {
    const KamSlipped *s0 = g_ptr_array_index (c.slipped, 0);
    const KamSlipped *s1 = g_ptr_array_index (c.slipped, 1);
    const KamSlipped *s2 = g_ptr_array_index (c.slipped, 2);

    g_assert_cmpstr (s0->name, ==, "C2");
    g_assert_cmpint (s0->days_overdue, ==, 30);
    g_assert_cmpstr (s0->last, ==, "");
    g_assert_cmpstr (s1->name, ==, "A2");
    g_assert_cmpint (s1->days_overdue, ==, 25);
    g_assert_cmpstr (s1->last, ==, "2026-02-27");
    g_assert_cmpint (s1->tier, ==, KAM_TIER_A);
    g_assert_cmpstr (s2->name, ==, "B1");
    g_assert_cmpint (s2->days_overdue, ==, 14);
  }
  kam_compliance_clear (&c);

  /* Everyone: Z adds an A account due (never visited) that slipped, and
   * its planned visit. */
  g_assert_true (kam_visit_plan_compliance (fx->store, NULL, &from, &to, NULL, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].accounts, ==, 3);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].due, ==, 3);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].planned, ==, 2);
  g_assert_cmpuint (c.slipped->len, ==, 4);
  kam_compliance_clear (&c);

  /* In Shanghai the 31 March 23:30 CEST visit is on 1 April and the 00:30
   * one too: A1 has one done visit in March. */
  use_zone ("Asia/Shanghai");
  g_assert_true (kam_visit_plan_compliance (fx->store, kam_record_get_id (ana), &from, &to, NULL, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].done, ==, 1);
  g_assert_cmpuint (c.tiers[KAM_TIER_A].kept, ==, 1);
  kam_compliance_clear (&c);
}

/* The due list on a generated portfolio: the first N asked for are the
 * first N of the whole list, the counts are those of the whole list, and
 * one owner's list is the whole list less the other owners' accounts. */
static void
test_due_generated (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GHashTable) owned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) accounts = NULL;
  KamGenerateOptions opts;
  KamDueCounts counts = { 0 }, top_counts = { 0 }, mine_counts = { 0 };
  guint n_accounts = 0, n_mine = 0;
  const char *owner = NULL;
  GDate today;

  kam_generate_options_init (&opts);
  opts.n_accounts = 120;
  opts.seed = 7;
  date_set (&opts.today, 2026, 11, 24);
  today = opts.today;
  g_assert_true (kam_generate (fx->store, &opts, NULL, NULL, &error));
  g_assert_no_error (error);

  all = kam_insights_due (fx->store, NULL, &today, 0, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, counts.accounts + counts.contacts);
  g_assert_cmpuint (counts.accounts, >, 0);
  g_assert_cmpuint (counts.contacts, >, 0);
  for (guint i = 0; i < all->len; i++)
    {
      const KamDueEntry *e = g_ptr_array_index (all, i);

      if (e->kind == &kam_account_kind)
        n_accounts++;
      /* most urgent first */
      if (i > 0)
        {
          const KamDueEntry *p = g_ptr_array_index (all, i - 1);

          g_assert_true (p->never >= e->never);
          if (p->never == e->never && !e->never)
            g_assert_cmpint (p->days_overdue, >=, e->days_overdue);
        }
    }
  g_assert_cmpuint (n_accounts, ==, counts.accounts);

  for (guint limit = 1; limit <= 257; limit += 64)
    {
      g_clear_pointer (&top, g_ptr_array_unref);
      top = kam_insights_due (fx->store, NULL, &today, limit, &top_counts, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (top->len, ==, MIN (limit, all->len));
      g_assert_cmpuint (top_counts.accounts, ==, counts.accounts);
      g_assert_cmpuint (top_counts.contacts, ==, counts.contacts);
      for (guint i = 0; i < top->len; i++)
        {
          const KamDueEntry *a = g_ptr_array_index (all, i);
          const KamDueEntry *b = g_ptr_array_index (top, i);

          g_assert_cmpstr (a->id, ==, b->id);
          g_assert_cmpint (a->days_overdue, ==, b->days_overdue);
        }
    }

  /* one owner's: the whole list's entries of that owner's accounts, in
   * the same order */
  accounts = kam_store_load_all (fx->store, &kam_account_kind, &error);
  g_assert_no_error (error);
  owner = kam_record_get_string (g_ptr_array_index (accounts, 0), "owner_id");
  for (guint i = 0; i < accounts->len; i++)
    if (g_strcmp0 (kam_record_get_string (g_ptr_array_index (accounts, i), "owner_id"), owner) == 0)
      g_hash_table_add (owned, g_strdup (kam_record_get_id (g_ptr_array_index (accounts, i))));
  g_assert_cmpuint (g_hash_table_size (owned), <, accounts->len);

  mine = kam_insights_due (fx->store, owner, &today, 0, &mine_counts, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      const KamDueEntry *e = g_ptr_array_index (all, i);

      if (!g_hash_table_contains (owned, e->account_id))
        continue;
      g_assert_cmpuint (n_mine, <, mine->len);
      g_assert_cmpstr (((KamDueEntry *) g_ptr_array_index (mine, n_mine))->id, ==, e->id);
      n_mine++;
    }
  g_assert_cmpuint (n_mine, ==, mine->len);
  g_assert_cmpuint (mine_counts.accounts + mine_counts.contacts, ==, mine->len);
  g_assert_cmpuint (mine->len, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/kam/visit-plan/week/berlin-dst", Fixture, NULL, fixture_setup, test_week_berlin_dst, fixture_teardown);
  g_test_add ("/kam/visit-plan/week/shanghai", Fixture, NULL, fixture_setup, test_week_shanghai, fixture_teardown);
  g_test_add_func ("/kam/visit-plan/slot/boundaries", test_slot_pure);
  g_test_add ("/kam/visit-plan/slot/store", Fixture, NULL, fixture_setup, test_slot_store, fixture_teardown);
  g_test_add ("/kam/visit-plan/done-follow-up", Fixture, NULL, fixture_setup, test_done_follow_up, fixture_teardown);
  g_test_add ("/kam/visit-plan/due/generated", Fixture, NULL, fixture_setup, test_due_generated, fixture_teardown);
  g_test_add ("/kam/visit-plan/from-due", Fixture, NULL, fixture_setup, test_from_due, fixture_teardown);
  g_test_add ("/kam/visit-plan/compliance", Fixture, NULL, fixture_setup, test_compliance, fixture_teardown);

  return g_test_run ();
}
