/* kam-ical.h — visits to and from iCalendar (RFC 5545)
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export writes one VEVENT per visit: UID stable per visit (the UID it was
 * imported with, else "<visit id>@keyaccounts"), DTSTART/DTEND in UTC ('Z'
 * form, which Outlook, Evolution, GNOME Calendar and Google import alike
 * without a VTIMEZONE), SUMMARY, LOCATION, DESCRIPTION, an ATTENDEE for
 * every attendee whose email is known, STATUS, and X-KAM-* properties that
 * carry what calendars have no field for (account, kind, status, outcome),
 * so that an export imported into another database gives the same visits.
 *
 * Import reads VEVENTs (from Outlook or Evolution invitations too):
 * unfolding, parameters, TZID (known zones through GTimeZone, the common
 * Windows names of Outlook mapped to them, others read as local time and
 * said so), DATE and DATE-TIME, DTEND or DURATION or one hour.  Attendees'
 * emails are matched to contacts and team members, their domains to
 * accounts.  kam_ical_import_prepare() makes a report per event without
 * writing; kam_ical_import_apply() writes it in one transaction.  An event
 * whose UID was imported before updates that visit.
 */
#pragma once

#include "kam-store.h"

G_BEGIN_DECLS

#define KAM_ICAL_ERROR (kam_ical_error_quark ())

typedef enum {
  KAM_ICAL_ERROR_NOT_ICALENDAR,  /* not an iCalendar file at all */
  KAM_ICAL_ERROR_TOO_BIG,        /* larger than KAM_ICAL_MAX_BYTES */
  KAM_ICAL_ERROR_READ,           /* the file cannot be read */
  KAM_ICAL_ERROR_WRITE,          /* the file cannot be written */
} KamIcalError;

/* Calendars of visits are small; anything larger is refused unread. */
#define KAM_ICAL_MAX_BYTES (8 * 1024 * 1024)

GQuark      kam_ical_error_quark      (void);

/* Export ---------------------------------------------------------------- */

/* The visits that start in [@from, @to) (either NULL: open), or the one
 * visit @visit_id when set, as an iCalendar text with CRLF line ends and
 * lines folded at 75 octets.  @n_events (nullable) gets the count. */
char       *kam_ical_export           (KamStore     *store,
                                       GDateTime    *from,
                                       GDateTime    *to,
                                       const char   *visit_id,
                                       guint        *n_events,
                                       GError      **error);
/* The same into @path, replaced only once complete. */
gboolean    kam_ical_export_file      (KamStore     *store,
                                       GDateTime    *from,
                                       GDateTime    *to,
                                       const char   *visit_id,
                                       const char   *path,
                                       guint        *n_events,
                                       GError      **error);

/* Import ---------------------------------------------------------------- */

typedef enum {
  KAM_ICAL_CREATE,   /* a new visit */
  KAM_ICAL_UPDATE,   /* the visit of the same UID, updated */
  KAM_ICAL_SKIP,     /* not imported: see the messages */
} KamIcalAction;

typedef struct _KamIcalAttendee KamIcalAttendee;

typedef struct {
  guint          line;          /* of its BEGIN:VEVENT */
  char          *uid;
  char          *summary;
  char          *start_at;      /* UTC, stored form; NULL when unreadable */
  char          *end_at;
  KamIcalAction  action;
  char          *visit_id;      /* UPDATE: the visit; CREATE: the id it will get */
  char          *account_id;    /* NULL when a new account is made */
  char          *account_name;
  gboolean       new_account;
  guint          n_contacts;    /* their attendees matched or to be added */
  guint          n_new_contacts;
  guint          n_members;     /* our attendees */
  GPtrArray     *messages;      /* (element-type utf8), translated */

  /* What will be written */
  char          *place;
  char          *objective;
  char          *outcome;
  char          *next_steps;
  char          *follow_up;
  int            kind;          /* KamVisitKind */
  int            status;        /* KamVisitStatus */
  gboolean       status_known;  /* from X-KAM-STATUS or STATUS:CANCELLED */
  GPtrArray     *attendees;     /* (element-type KamIcalAttendee) */
} KamIcalEvent;

typedef struct {
  char      *path;
  GPtrArray *events;            /* (element-type KamIcalEvent) */
  GPtrArray *messages;          /* about the file as a whole */
  guint      n_create;
  guint      n_update;
  guint      n_skip;
} KamIcalImport;

void           kam_ical_import_free     (KamIcalImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamIcalImport, kam_ical_import_free)

/* Reads @path and decides, event by event, what an import would do; writes
 * nothing.  Fails (nothing to import) only when the file cannot be read,
 * is too big or is not iCalendar; broken events are skipped with their
 * reason.  Floating times and unknown zones are read in @tz (NULL: the
 * local zone). */
KamIcalImport *kam_ical_import_prepare  (KamStore      *store,
                                         const char    *path,
                                         GTimeZone     *tz,
                                         GError       **error);
/* The same over text in memory (@length -1: NUL-terminated). */
KamIcalImport *kam_ical_import_prepare_data (KamStore      *store,
                                             const char    *data,
                                             gssize         length,
                                             GTimeZone     *tz,
                                             GError       **error);

/* Writes the events of @import that are not skipped in one transaction:
 * all of them or, on any error, none.  Counts go to @n_created and
 * @n_updated (nullable). */
gboolean       kam_ical_import_apply    (KamStore      *store,
                                         KamIcalImport *import,
                                         guint         *n_created,
                                         guint         *n_updated,
                                         GError       **error);

G_END_DECLS
