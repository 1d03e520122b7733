/* kam-visit-plan.h — the visit plan: the week, free slots, outcomes and
 * compliance with the visit cadence
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are stored in UTC ("YYYY-MM-DDTHH:MM:SSZ"); people plan in local
 * time.  Every function that turns one into the other takes the GTimeZone
 * to use (NULL: the local zone, g_time_zone_new_local()), so the same code
 * is right in Berlin across a DST change and in Shanghai, and the tests can
 * say which zone they mean.
 *
 * Weeks start on Monday (ISO 8601).  Working days are Monday to Friday;
 * working hours come from the settings "work-start" and "work-end" ("HH:MM",
 * defaults 09:00 and 18:00).
 *
 * "Owner" is the owner of the visit's account (the key-account manager):
 * a week for one owner is the visits of that person's accounts.
 */
#pragma once

#include "kam-insights.h"
#include "kam-store.h"
#include "kam-visit.h"

G_BEGIN_DECLS

typedef enum {
  KAM_PLAN_FLAG_NONE          = 0,
  /* Overlaps another visit of the same owner that is not cancelled. */
  KAM_PLAN_FLAG_OVERLAP       = 1 << 0,
  /* Ended before now and still planned: someone owes its outcome. */
  KAM_PLAN_FLAG_NEEDS_OUTCOME = 1 << 1,
} KamPlanFlags;

typedef struct {
  char           *id;
  char           *account_id;
  char           *account_name;
  char           *owner_id;      /* of the account; NULL when nobody owns it */
  char           *start_at;      /* UTC ISO 8601, as stored */
  char           *end_at;
  gint64          start;         /* unix seconds */
  gint64          end;
  KamVisitKind    kind;
  KamVisitStatus  status;
  char           *place;
  char           *objective;
  KamPlanFlags    flags;
} KamPlanVisit;

void        kam_plan_visit_free          (KamPlanVisit *visit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamPlanVisit, kam_plan_visit_free)

/* Monday 00:00 (local in @tz) of the week that holds @day. */
GDateTime  *kam_visit_plan_week_start    (const GDate   *day,
                                          GTimeZone     *tz);

/* Visits that start in [@from, @to) of @owner_id's accounts (every owner's
 * when NULL), deleted ones left out, by start time, with their flags as of
 * @now.  One indexed query.  Returns: (element-type KamPlanVisit). */
GPtrArray  *kam_visit_plan_range         (KamStore      *store,
                                          const char    *owner_id,
                                          GDateTime     *from,
                                          GDateTime     *to,
                                          GDateTime     *now,
                                          GError       **error);
/* The seven days from Monday of the week holding @day (local in @tz). */
GPtrArray  *kam_visit_plan_week          (KamStore      *store,
                                          const char    *owner_id,
                                          const GDate   *day,
                                          GTimeZone     *tz,
                                          GDateTime     *now,
                                          GError       **error);

/* Sets the flags of @visits (sorted by start) as of @now: overlaps between
 * visits of the same owner (cancelled ones ignored), needs-outcome. */
void        kam_visit_plan_flag          (GPtrArray     *visits,
                                          GDateTime     *now);

/* Working hours -------------------------------------------------------- */

typedef struct {
  int start_minute;   /* minutes after local midnight */
  int end_minute;
} KamWorkHours;

/* From the settings "work-start" and "work-end"; the defaults (09:00 to
 * 18:00) when either is missing or wrong (end not after start). */
void        kam_visit_plan_get_work_hours (KamStore     *store,
                                           KamWorkHours *hours);

typedef struct {
  gint64 start;       /* unix seconds */
  gint64 end;
} KamBusy;

/* kam_slot_propose:
 * @busy: (array length=n_busy): busy intervals, in any order
 * @after: the earliest start
 * @minutes: length of the slot (1 .. a working day)
 *
 * The first slot of @minutes that starts at or after @after, rounded up to
 * the next quarter hour (or right at the end of a busy interval), lies
 * within the working hours of one working day (Monday to Friday, local in
 * @tz) and meets no busy interval.  Searches a year ahead; NULL when there
 * is no such slot (the slot is longer than the working day). */
GDateTime  *kam_slot_propose             (const KamBusy      *busy,
                                          gsize               n_busy,
                                          GDateTime          *after,
                                          int                 minutes,
                                          const KamWorkHours *hours,
                                          GTimeZone          *tz);

/* The same over the store: busy are the visits (not cancelled) of
 * @owner_id's accounts, or of every account when NULL. */
GDateTime  *kam_visit_plan_propose_slot  (KamStore      *store,
                                          const char    *owner_id,
                                          GDateTime     *after,
                                          int            minutes,
                                          GTimeZone     *tz,
                                          GError       **error);

/* Planning and outcomes ------------------------------------------------ */

/* A new planned visit (not saved) for a due entry: its account, and as
 * their attendees the contact due (a contact entry) or the account's key
 * contacts that are due on @today (an account entry); starts in the next
 * free slot of @minutes after @after among the visits of the account's
 * owner. */
KamVisit   *kam_visit_plan_from_due      (KamStore           *store,
                                          const KamDueEntry  *entry,
                                          const GDate        *today,
                                          GDateTime          *after,
                                          int                 minutes,
                                          GTimeZone          *tz,
                                          GError            **error);

/* The same visit starting at @start, where the user put it (a due entry
 * dropped on the week); an overlap is shown by the week, not refused. */
KamVisit   *kam_visit_plan_from_due_at   (KamStore           *store,
                                          const KamDueEntry  *entry,
                                          const GDate        *today,
                                          GDateTime          *start,
                                          int                 minutes,
                                          GError            **error);

/* Marks the visit done with its outcome and next steps, in one transaction.
 * With @follow_up (nullable) it is stored and a next planned visit is made:
 * same account, kind, place, attendees and length, the next steps as its
 * objective, in the first free slot of the follow-up day or after; its id
 * goes to @next_id.  The contacts met get their "last met" (kept by the
 * store from done visits). */
gboolean    kam_visit_plan_mark_done     (KamStore      *store,
                                          const char    *visit_id,
                                          const char    *outcome,
                                          const char    *next_steps,
                                          const GDate   *follow_up,
                                          GTimeZone     *tz,
                                          char         **next_id,
                                          GError       **error);

/* Compliance ----------------------------------------------------------- */

typedef struct {
  guint accounts;   /* accounts of the tier */
  guint planned;    /* visits starting in the period, still planned */
  guint done;       /* visits starting in the period, done */
  guint cancelled;  /* visits starting in the period, cancelled */
  guint due;        /* accounts due in the period (see below) */
  guint kept;       /* of those, visited (a done visit in the period) */
} KamComplianceTier;

typedef struct {
  char    *account_id;
  char    *name;
  KamTier  tier;
  char    *last;          /* last done visit before the period (YYYY-MM-DD), "" never */
  int      days_overdue;  /* at the end of the period (the period's last day) */
} KamSlipped;

void        kam_slipped_free             (KamSlipped *slipped);

typedef struct {
  KamComplianceTier  tiers[KAM_N_TIERS];
  GPtrArray         *slipped;   /* (element-type KamSlipped), most overdue first */
} KamCompliance;

void        kam_compliance_clear         (KamCompliance *compliance);

/* kam_visit_plan_compliance:
 * @from, @to: the period, local days in @tz, both included
 *
 * For @owner_id's accounts (all when NULL).  With L the date of an
 * account's last done visit before @from and c its tier's cadence, the
 * account is due in the period when it was never visited before @from or
 * L + c <= @to.  A due account is kept when it has a done visit in the
 * period, else it slipped: the slipped list gives its days overdue on @to,
 * @to - (L + c) (never visited: @to - @from). */
gboolean    kam_visit_plan_compliance    (KamStore       *store,
                                          const char     *owner_id,
                                          const GDate    *from,
                                          const GDate    *to,
                                          GTimeZone      *tz,
                                          KamCompliance  *compliance,
                                          GError        **error);

G_END_DECLS
