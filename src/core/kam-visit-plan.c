/* kam-visit-plan.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-visit-plan"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kam-account.h"
#include "kam-contact.h"
#include "kam-store-private.h"
#include "kam-visit-plan.h"

#define QUARTER_HOUR 900
#define SLOT_SEARCH_DAYS 366

/* Helpers ----------------------------------------------------------------- */

static GTimeZone *
ref_zone (GTimeZone *tz)
{
  return tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
}

/* The stored form of a time: "YYYY-MM-DDTHH:MM:SSZ". */
static char *
utc_text (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
unix_of_text (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  dt = g_date_time_new_from_iso8601 (text, utc);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* Local midnight of @day in @tz. */
static GDateTime *
local_midnight (const GDate *day,
                GTimeZone   *tz)
{
  return g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day), g_date_get_day (day), 0, 0, 0);
}

/* The local calendar day of a stored UTC time, in @tz; FALSE when empty. */
static gboolean
local_date_of_text (const char *text,
                    GTimeZone  *tz,
                    GDate      *date)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_date_clear (date, 1);
  if (text == NULL || *text == '\0')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  local = g_date_time_to_timezone (dt, tz);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return TRUE;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text ? text : "");
}

static KamTier
tier_of (const unsigned char *text)
{
  int tier = KAM_TIER_C;

  kam_enum_from_string (KAM_TYPE_TIER, (const char *) text, &tier);
  return CLAMP (tier, KAM_TIER_A, KAM_TIER_C);
}

/* The week --------------------------------------------------------------- */

void
kam_plan_visit_free (KamPlanVisit *visit)
{
  if (visit == NULL)
    return;
  g_free (visit->id);
  g_free (visit->account_id);
  g_free (visit->account_name);
  g_free (visit->owner_id);
  g_free (visit->start_at);
  g_free (visit->end_at);
  g_free (visit->place);
  g_free (visit->objective);
  g_free (visit);
}

GDateTime *
kam_visit_plan_week_start (const GDate *day,
                           GTimeZone   *tz)
{
  g_autoptr(GTimeZone) zone = ref_zone (tz);
  GDate monday = *day;

  g_date_subtract_days (&monday, g_date_get_weekday (day) - G_DATE_MONDAY);
  return local_midnight (&monday, zone);
}

/* Plans: for one owner the owner's accounts (account_owner) and their
 * visits by (account_id, start_at) (visit_account); for every owner the
 * visits by start (visit_start). */
static const char range_owner_sql[] =
  "SELECT v.id, v.account_id, a.name, a.owner_id, v.start_at, v.end_at, v.kind, v.status, v.place, v.objective "
  "FROM account a INDEXED BY account_owner JOIN visit v INDEXED BY visit_account ON v.account_id = a.id "
  "WHERE a.owner_id = ?1 AND a.deleted = 0 AND v.start_at >= ?2 AND v.start_at < ?3 AND v.deleted = 0 "
  "ORDER BY v.start_at, v.id";
static const char range_all_sql[] =
  "SELECT v.id, v.account_id, a.name, a.owner_id, v.start_at, v.end_at, v.kind, v.status, v.place, v.objective "
  "FROM visit v INDEXED BY visit_start JOIN account a ON a.id = v.account_id "
  "WHERE v.start_at >= ?2 AND v.start_at < ?3 AND v.deleted = 0 AND a.deleted = 0 AND ?1 IS NULL "
  "ORDER BY v.start_at, v.id";

static GPtrArray *
load_range (KamStore    *store,
            const char  *owner_id,
            const char  *from,
            const char  *to,
            GError     **error)
{
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_plan_visit_free);
  sqlite3_stmt *stmt = kam_store_prepare (store, owner_id != NULL ? range_owner_sql : range_all_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamPlanVisit *v = g_new0 (KamPlanVisit, 1);
      int kind = KAM_VISIT_KIND_VISIT, status = KAM_VISIT_PLANNED;

      v->id = dup_column (stmt, 0);
      v->account_id = dup_column (stmt, 1);
      v->account_name = dup_column (stmt, 2);
      v->owner_id = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NULL : dup_column (stmt, 3);
      v->start_at = dup_column (stmt, 4);
      v->end_at = dup_column (stmt, 5);
      v->start = unix_of_text (v->start_at);
      v->end = MAX (v->start, unix_of_text (v->end_at));
      kam_enum_from_string (KAM_TYPE_VISIT_KIND, (const char *) sqlite3_column_text (stmt, 6), &kind);
      kam_enum_from_string (KAM_TYPE_VISIT_STATUS, (const char *) sqlite3_column_text (stmt, 7), &status);
      v->kind = kind;
      v->status = status;
      v->place = dup_column (stmt, 8);
      v->objective = dup_column (stmt, 9);
      g_ptr_array_add (visits, v);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&visits);
}

void
kam_visit_plan_flag (GPtrArray *visits,
                     GDateTime *now)
{
  gint64 now_unix = g_date_time_to_unix (now);

  for (guint i = 0; i < visits->len; i++)
    {
      KamPlanVisit *v = g_ptr_array_index (visits, i);

      v->flags = KAM_PLAN_FLAG_NONE;
      if (v->status == KAM_VISIT_PLANNED && v->end <= now_unix)
        v->flags |= KAM_PLAN_FLAG_NEEDS_OUTCOME;
    }

  /* Sorted by start: a visit can only overlap the ones after it that start
   * before it ends. */
  for (guint i = 0; i < visits->len; i++)
    {
      KamPlanVisit *a = g_ptr_array_index (visits, i);

      if (a->status == KAM_VISIT_CANCELLED)
        continue;
      for (guint j = i + 1; j < visits->len; j++)
        {
          KamPlanVisit *b = g_ptr_array_index (visits, j);

          if (b->start >= a->end)
            break;
          if (b->status == KAM_VISIT_CANCELLED || g_strcmp0 (a->owner_id, b->owner_id) != 0)
            continue;
          /* Zero-length visits meet nothing. */
          if (b->end > a->start && b->start < a->end && b->end > b->start)
            {
              a->flags |= KAM_PLAN_FLAG_OVERLAP;
              b->flags |= KAM_PLAN_FLAG_OVERLAP;
            }
        }
    }
}

GPtrArray *
kam_visit_plan_range (KamStore    *store,
                      const char  *owner_id,
                      GDateTime   *from,
                      GDateTime   *to,
                      GDateTime   *now,
                      GError     **error)
{
  g_autofree char *from_text = utc_text (from);
  g_autofree char *to_text = utc_text (to);
  GPtrArray *visits;

  visits = load_range (store, owner_id, from_text, to_text, error);
  if (visits != NULL)
    kam_visit_plan_flag (visits, now);
  return visits;
}

GPtrArray *
kam_visit_plan_week (KamStore     *store,
                     const char   *owner_id,
                     const GDate  *day,
                     GTimeZone    *tz,
                     GDateTime    *now,
                     GError      **error)
{
  g_autoptr(GTimeZone) zone = ref_zone (tz);
  g_autoptr(GDateTime) from = kam_visit_plan_week_start (day, zone);
  g_autoptr(GDateTime) to = NULL;
  GDate next_monday;

  /* Seven calendar days, not 7 × 24 h: a week with a DST change has 167
   * or 169 hours. */
  g_date_clear (&next_monday, 1);
  g_date_set_dmy (&next_monday, g_date_time_get_day_of_month (from), g_date_time_get_month (from),
                  g_date_time_get_year (from));
  g_date_add_days (&next_monday, 7);
  to = local_midnight (&next_monday, zone);

  return kam_visit_plan_range (store, owner_id, from, to, now, error);
}

/* Working hours and free slots ------------------------------------------- */

static gboolean
parse_hh_mm (const char *text,
             int        *minutes)
{
  unsigned h, m;
  char end;

  if (text == NULL || sscanf (text, "%2u:%2u%c", &h, &m, &end) != 2 || h > 24 || m > 59 || h * 60 + m > 24 * 60)
    return FALSE;
  *minutes = (int) (h * 60 + m);
  return TRUE;
}

void
kam_visit_plan_get_work_hours (KamStore     *store,
                               KamWorkHours *hours)
{
  g_autofree char *start = kam_store_get_setting (store, "work-start", NULL);
  g_autofree char *end = kam_store_get_setting (store, "work-end", NULL);
  int s, e;

  hours->start_minute = 9 * 60;
  hours->end_minute = 18 * 60;
  if (parse_hh_mm (start, &s) && parse_hh_mm (end, &e) && e > s)
    {
      hours->start_minute = s;
      hours->end_minute = e;
    }
}

GDateTime *
kam_slot_propose (const KamBusy      *busy,
                  gsize               n_busy,
                  GDateTime          *after,
                  int                 minutes,
                  const KamWorkHours *hours,
                  GTimeZone          *tz)
{
  g_autoptr(GTimeZone) zone = ref_zone (tz);
  g_autoptr(GDateTime) local_after = g_date_time_to_timezone (after, zone);
  gint64 len = (gint64) minutes * 60;
  gint64 earliest;
  GDate day;

  g_return_val_if_fail (hours != NULL, NULL);

  if (minutes <= 0 || minutes > hours->end_minute - hours->start_minute)
    return NULL;

  /* Round up to the quarter hour of the local clock. */
  {
    int rem = (g_date_time_get_minute (local_after) % 15) * 60 + g_date_time_get_second (local_after);

    earliest = g_date_time_to_unix (local_after) + (rem > 0 ? QUARTER_HOUR - rem : 0);
  }

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local_after), g_date_time_get_month (local_after),
                  g_date_time_get_year (local_after));

  for (int i = 0; i < SLOT_SEARCH_DAYS; i++, g_date_add_days (&day, 1))
    {
      g_autoptr(GDateTime) day_start = NULL;
      g_autoptr(GDateTime) day_end = NULL;
      GDateWeekday weekday = g_date_get_weekday (&day);
      gint64 t, limit;

      if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
        continue;

      day_start = g_date_time_new (zone, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                                   hours->start_minute / 60, hours->start_minute % 60, 0);
      day_end = g_date_time_new (zone, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                                 hours->end_minute / 60, hours->end_minute % 60, 0);
      if (day_start == NULL || day_end == NULL)
        continue;

      t = MAX (g_date_time_to_unix (day_start), earliest);
      limit = g_date_time_to_unix (day_end);

      while (t + len <= limit)
        {
          gint64 blocked_until = 0;

          for (gsize k = 0; k < n_busy; k++)
            if (busy[k].start < t + len && busy[k].end > t && busy[k].end > busy[k].start)
              blocked_until = MAX (blocked_until, busy[k].end);

          if (blocked_until == 0)
            {
              g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

              return g_date_time_to_timezone (utc, zone);
            }
          t = blocked_until;
        }
    }

  return NULL;
}

GDateTime *
kam_visit_plan_propose_slot (KamStore    *store,
                             const char  *owner_id,
                             GDateTime   *after,
                             int          minutes,
                             GTimeZone   *tz,
                             GError     **error)
{
  g_autoptr(GDateTime) from = g_date_time_add_days (after, -1);
  g_autoptr(GDateTime) to = g_date_time_add_days (after, SLOT_SEARCH_DAYS + 1);
  g_autofree char *from_text = utc_text (from);
  g_autofree char *to_text = utc_text (to);
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (KamBusy));
  KamWorkHours hours;
  GDateTime *slot;

  kam_visit_plan_get_work_hours (store, &hours);

  visits = load_range (store, owner_id, from_text, to_text, error);
  if (visits == NULL)
    return NULL;
  for (guint i = 0; i < visits->len; i++)
    {
      KamPlanVisit *v = g_ptr_array_index (visits, i);
      KamBusy b = { v->start, v->end };

      if (v->status != KAM_VISIT_CANCELLED)
        g_array_append_val (busy, b);
    }

  slot = kam_slot_propose ((const KamBusy *) (gpointer) busy->data, busy->len, after, minutes, &hours, tz);
  if (slot == NULL)
    g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                 _("No free slot of %d minutes within the working hours of the next year"), minutes);
  return slot;
}

/* Planning and outcomes -------------------------------------------------- */

static const char key_contacts_sql[] =
  "SELECT id, last_met FROM contact "
  "WHERE account_id = ?1 AND deleted = 0 AND (decision_role != 'none' OR influence >= 4) "
  "ORDER BY influence DESC, name, id";

static guint32
julian_of_text (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  if (text == NULL || strlen (text) < 10)
    return 0;
  {
    g_autofree char *day = g_strndup (text, 10);

    if (!kam_parse_date (day, &date))
      return 0;
  }
  return g_date_get_julian (&date);
}

static gboolean
set_times (KamRecord  *visit,
           GDateTime  *start,
           int         minutes,
           GError    **error)
{
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, minutes);
  g_autofree char *start_text = utc_text (start);
  g_autofree char *end_text = utc_text (end);

  return kam_record_set_from_string (visit, "start_at", start_text, error)
      && kam_record_set_from_string (visit, "end_at", end_text, error);
}

/* The visit of kam_visit_plan_from_due(), starting at @start or, when
 * NULL, in the next free slot after @after. */
static KamVisit *
visit_from_due (KamStore           *store,
                const KamDueEntry  *entry,
                const GDate        *today,
                GDateTime          *start,
                GDateTime          *after,
                int                 minutes,
                GTimeZone          *tz,
                GError            **error)
{
  g_autoptr(KamRecord) account = NULL;
  g_autoptr(KamVisit) visit = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) proposed = NULL;
  const char *owner_id;

  account = kam_store_load (store, &kam_account_kind, entry->account_id, error);
  if (account == NULL)
    return NULL;
  owner_id = kam_record_get_string (account, "owner_id");
  if (owner_id != NULL && *owner_id == '\0')
    owner_id = NULL;

  if (entry->kind == &kam_contact_kind)
    g_ptr_array_add (contacts, g_strdup (entry->id));
  else
    {
      KamCadence cadence;
      sqlite3_stmt *stmt;
      int rc;

      kam_insights_get_cadence (store, &cadence);
      stmt = kam_store_prepare (store, key_contacts_sql, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, entry->account_id, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          KamDue due;

          kam_due_compute (julian_of_text ((const char *) sqlite3_column_text (stmt, 1)),
                           cadence.days[entry->tier], g_date_get_julian (today), &due);
          if (due.due)
            g_ptr_array_add (contacts, dup_column (stmt, 0));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          kam_store_set_sqlite_error (store, rc, error);
          return NULL;
        }
    }
  g_ptr_array_add (contacts, NULL);

  if (start == NULL)
    {
      proposed = kam_visit_plan_propose_slot (store, owner_id, after, minutes, tz, error);
      if (proposed == NULL)
        return NULL;
      start = proposed;
    }

  visit = kam_visit_new ();
  if (!kam_record_set_from_string (KAM_RECORD (visit), "account_id", entry->account_id, error)
      || !set_times (KAM_RECORD (visit), start, minutes, error))
    return NULL;
  g_object_set (visit, "contact-ids", (char **) contacts->pdata, NULL);
  if (owner_id != NULL)
    {
      const char * const members[] = { owner_id, NULL };

      g_object_set (visit, "member-ids", members, NULL);
    }
  return g_steal_pointer (&visit);
}

KamVisit *
kam_visit_plan_from_due (KamStore           *store,
                         const KamDueEntry  *entry,
                         const GDate        *today,
                         GDateTime          *after,
                         int                 minutes,
                         GTimeZone          *tz,
                         GError            **error)
{
  g_return_val_if_fail (entry != NULL && after != NULL, NULL);

  return visit_from_due (store, entry, today, NULL, after, minutes, tz, error);
}

KamVisit *
kam_visit_plan_from_due_at (KamStore           *store,
                            const KamDueEntry  *entry,
                            const GDate        *today,
                            GDateTime          *start,
                            int                 minutes,
                            GError            **error)
{
  g_return_val_if_fail (entry != NULL && start != NULL, NULL);

  return visit_from_due (store, entry, today, start, NULL, minutes, NULL, error);
}

gboolean
kam_visit_plan_mark_done (KamStore     *store,
                          const char   *visit_id,
                          const char   *outcome,
                          const char   *next_steps,
                          const GDate  *follow_up,
                          GTimeZone    *tz,
                          char        **next_id,
                          GError      **error)
{
  g_autoptr(GTimeZone) zone = ref_zone (tz);
  g_autoptr(KamRecord) visit = NULL;
  g_autoptr(KamRecord) account = NULL;
  g_autoptr(KamVisit) next = NULL;

  if (next_id != NULL)
    *next_id = NULL;

  if (!kam_store_begin (store, error))
    return FALSE;

  visit = kam_store_load (store, &kam_visit_kind, visit_id, error);
  if (visit == NULL)
    goto fail;

  if (!kam_record_set_from_string (visit, "status", "done", error)
      || !kam_record_set_from_string (visit, "outcome", outcome != NULL ? outcome : "", error)
      || !kam_record_set_from_string (visit, "next_steps", next_steps != NULL ? next_steps : "", error))
    goto fail;

  if (follow_up != NULL && g_date_valid (follow_up))
    {
      g_autoptr(GDateTime) after = NULL;
      g_autoptr(GDateTime) slot = NULL;
      char date_text[16];
      gint64 length;
      const char *owner_id;
      const char *objective;

      g_snprintf (date_text, sizeof date_text, "%04d-%02d-%02d", g_date_get_year (follow_up),
                  g_date_get_month (follow_up), g_date_get_day (follow_up));
      if (!kam_record_set_from_string (visit, "follow_up", date_text, error))
        goto fail;

      account = kam_store_load (store, &kam_account_kind, kam_record_get_string (visit, "account_id"), error);
      if (account == NULL)
        goto fail;
      owner_id = kam_record_get_string (account, "owner_id");
      if (owner_id != NULL && *owner_id == '\0')
        owner_id = NULL;

      /* As long as this one, between a quarter hour and a working day. */
      length = (unix_of_text (kam_record_get_string (visit, "end_at"))
                - unix_of_text (kam_record_get_string (visit, "start_at"))) / 60;
      length = CLAMP (length, 15, 8 * 60);

      after = local_midnight (follow_up, zone);
      slot = kam_visit_plan_propose_slot (store, owner_id, after, (int) length, zone, error);
      if (slot == NULL)
        goto fail;

      next = kam_visit_new ();
      objective = next_steps != NULL && *next_steps != '\0' ? next_steps : kam_record_get_string (visit, "objective");
      if (!kam_record_set_from_string (KAM_RECORD (next), "account_id", kam_record_get_string (visit, "account_id"), error)
          || !set_times (KAM_RECORD (next), slot, (int) length, error)
          || !kam_record_set_from_string (KAM_RECORD (next), "objective", objective, error)
          || !kam_record_set_from_string (KAM_RECORD (next), "place", kam_record_get_string (visit, "place"), error))
        goto fail;
      g_object_set (next,
                    "kind", kam_record_get_int (visit, "kind"),
                    "contact-ids", kam_record_get_strv (visit, "contact_ids"),
                    "member-ids", kam_record_get_strv (visit, "member_ids"),
                    NULL);
    }

  if (!kam_store_save (store, visit, error))
    goto fail;
  if (next != NULL && !kam_store_save (store, KAM_RECORD (next), error))
    goto fail;
  if (!kam_store_commit (store, error))
    goto fail;

  if (next_id != NULL && next != NULL)
    *next_id = g_strdup (kam_record_get_id (KAM_RECORD (next)));
  return TRUE;

fail:
  kam_store_rollback (store);
  return FALSE;
}

/* Compliance ------------------------------------------------------------- */

void
kam_slipped_free (KamSlipped *slipped)
{
  if (slipped == NULL)
    return;
  g_free (slipped->account_id);
  g_free (slipped->name);
  g_free (slipped->last);
  g_free (slipped);
}

void
kam_compliance_clear (KamCompliance *compliance)
{
  g_clear_pointer (&compliance->slipped, g_ptr_array_unref);
  memset (compliance, 0, sizeof *compliance);
}

/* For one owner: the owner's accounts (account_owner), their visits by
 * (account_id, start_at); for everyone: every account, the visits by start. */
/* The last done visit before the period and the done visits in it are one
 * seek each in visit_done (account, status, start), never a visit's row. */
#define COMPLIANCE_ACCOUNT_COLUMNS \
  "SELECT a.id, a.name, a.tier," \
  " (SELECT max (v.start_at) FROM visit v INDEXED BY visit_done" \
  "   WHERE v.account_id = a.id AND v.status = 'done' AND v.start_at < ?2 AND v.deleted = 0)," \
  " (SELECT count (*) FROM visit v INDEXED BY visit_done" \
  "   WHERE v.account_id = a.id AND v.status = 'done' AND v.start_at >= ?2 AND v.start_at < ?3 AND v.deleted = 0) "
static const char compliance_accounts_owner_sql[] =
  COMPLIANCE_ACCOUNT_COLUMNS
  "FROM account a INDEXED BY account_owner WHERE a.owner_id = ?1 AND a.deleted = 0";
static const char compliance_accounts_all_sql[] =
  COMPLIANCE_ACCOUNT_COLUMNS
  "FROM account a WHERE a.deleted = 0 AND ?1 IS NULL";
static const char compliance_visits_owner_sql[] =
  "SELECT a.tier, v.status, count (*) FROM account a INDEXED BY account_owner "
  "JOIN visit v INDEXED BY visit_account ON v.account_id = a.id "
  "WHERE a.owner_id = ?1 AND a.deleted = 0 AND v.start_at >= ?2 AND v.start_at < ?3 AND v.deleted = 0 "
  "GROUP BY a.tier, v.status";
static const char compliance_visits_all_sql[] =
  "SELECT a.tier, v.status, count (*) FROM visit v INDEXED BY visit_start JOIN account a ON a.id = v.account_id "
  "WHERE v.start_at >= ?2 AND v.start_at < ?3 AND v.deleted = 0 AND a.deleted = 0 AND ?1 IS NULL "
  "GROUP BY a.tier, v.status";

static int
compare_slipped (gconstpointer a,
                 gconstpointer b)
{
  const KamSlipped *x = *(KamSlipped * const *) a;
  const KamSlipped *y = *(KamSlipped * const *) b;

  if (x->days_overdue != y->days_overdue)
    return x->days_overdue > y->days_overdue ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

gboolean
kam_visit_plan_compliance (KamStore       *store,
                           const char     *owner_id,
                           const GDate    *from,
                           const GDate    *to,
                           GTimeZone      *tz,
                           KamCompliance  *compliance,
                           GError        **error)
{
  g_autoptr(GTimeZone) zone = ref_zone (tz);
  g_autoptr(GDateTime) from_dt = local_midnight (from, zone);
  g_autoptr(GDateTime) to_dt = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  guint32 from_julian = g_date_get_julian (from);
  guint32 to_julian = g_date_get_julian (to);
  KamCadence cadence;
  sqlite3_stmt *stmt;
  GDate after_to = *to;
  int rc;

  memset (compliance, 0, sizeof *compliance);
  compliance->slipped = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_slipped_free);

  g_date_add_days (&after_to, 1);
  to_dt = local_midnight (&after_to, zone);
  from_text = utc_text (from_dt);
  to_text = utc_text (to_dt);
  kam_insights_get_cadence (store, &cadence);

  if (!kam_store_begin_read (store, error))
    goto fail_clear;

  stmt = kam_store_prepare (store, owner_id != NULL ? compliance_accounts_owner_sql : compliance_accounts_all_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamTier tier = tier_of (sqlite3_column_text (stmt, 2));
      KamComplianceTier *t = &compliance->tiers[tier];
      GDate last;
      gboolean visited_before = local_date_of_text ((const char *) sqlite3_column_text (stmt, 3), zone, &last);
      gint64 due_julian = visited_before ? (gint64) g_date_get_julian (&last) + cadence.days[tier] : 0;
      gboolean due = !visited_before || due_julian <= to_julian;

      t->accounts++;
      if (!due)
        continue;
      t->due++;
      if (sqlite3_column_int (stmt, 4) > 0)
        t->kept++;
      else
        {
          KamSlipped *s = g_new0 (KamSlipped, 1);

          s->account_id = dup_column (stmt, 0);
          s->name = dup_column (stmt, 1);
          s->tier = tier;
          if (visited_before)
            s->last = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&last), g_date_get_month (&last),
                                       g_date_get_day (&last));
          else
            s->last = g_strdup ("");
          s->days_overdue = (int) (visited_before ? (gint64) to_julian - due_julian
                                                  : (gint64) to_julian - from_julian);
          g_ptr_array_add (compliance->slipped, s);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  stmt = kam_store_prepare (store, owner_id != NULL ? compliance_visits_owner_sql : compliance_visits_all_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KamComplianceTier *t = &compliance->tiers[tier_of (sqlite3_column_text (stmt, 0))];
      int status = KAM_VISIT_PLANNED;
      guint n = (guint) sqlite3_column_int (stmt, 2);

      kam_enum_from_string (KAM_TYPE_VISIT_STATUS, (const char *) sqlite3_column_text (stmt, 1), &status);
      if (status == KAM_VISIT_DONE)
        t->done += n;
      else if (status == KAM_VISIT_CANCELLED)
        t->cancelled += n;
      else
        t->planned += n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_fail;

  kam_store_end_read (store);
  g_ptr_array_sort (compliance->slipped, compare_slipped);
  return TRUE;

sql_fail:
  kam_store_set_sqlite_error (store, rc, error);
fail:
  kam_store_end_read (store);
fail_clear:
  kam_compliance_clear (compliance);
  return FALSE;
}
