/* test-ical.c — iCalendar export and import of visits: escaping, folding,
 * parameters, time zones, durations, broken files, re-import
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exported text is checked octet by octet here; test-cli-ics.sh reads
 * it with python3-icalendar as well.
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kam-ical.h"
#include "kam-model.h"

typedef struct {
  char     *dir;
  KamStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("kam-ical-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "key-accounts.db", NULL);
  fx->store = kam_store_open (path, &error);
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
  g_free (fx->dir);
}

static void
set_ok (KamRecord  *record,
        const char *field,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kam_record_set_from_string (record, field, value, &error));
  g_assert_no_error (error);
}

static KamRecord *
add (KamStore            *store,
     const KamRecordKind *kind,
     ...)
{
  KamRecord *r = kam_record_new (kind);
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  va_start (args, kind);
  while ((field = va_arg (args, const char *)) != NULL)
    set_ok (r, field, va_arg (args, const char *));
  va_end (args);
  g_assert_true (kam_store_save (store, r, &error));
  g_assert_no_error (error);
  return r;
}

/* The physical lines of @text, checking CRLF and the 75-octet limit. */
static char **
physical_lines (const char *text)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
  return g_steal_pointer (&lines);
}

/* The unfolded value of the first property whose name (and parameters)
 * are @name. */
static char *
unfolded_value (const char *text,
                const char *name)
{
  g_auto(GStrv) lines = physical_lines (text);
  g_autoptr(GPtrArray) logical = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == ' ' && logical->len > 0)
        {
          char *joined = g_strconcat (g_ptr_array_index (logical, logical->len - 1), lines[i] + 1, NULL);

          g_free (g_ptr_array_index (logical, logical->len - 1));
          g_ptr_array_index (logical, logical->len - 1) = joined;
        }
      else
        g_ptr_array_add (logical, g_strdup (lines[i]));
    }
  for (guint i = 0; i < logical->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (logical, i), prefix))
      return g_strdup ((const char *) g_ptr_array_index (logical, i) + strlen (prefix));
  return NULL;
}

static void
test_export_escaping_folding (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) account = add (fx->store, &kam_account_kind, "name", "Acme; Sons, Ltd", NULL);
  g_autoptr(KamRecord) contact = add (fx->store, &kam_contact_kind, "account_id", kam_record_get_id (account),
                                      "name", "Wang, \"Lei\"", "email", "wang.lei@acme.example", NULL);
  g_autoptr(KamRecord) silent = add (fx->store, &kam_contact_kind, "account_id", kam_record_get_id (account),
                                     "name", "No email", NULL);
  g_autoptr(GString) long_objective = g_string_new ("客户");
  g_autoptr(KamRecord) visit = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *objective = NULL;
  g_autofree char *ids = g_strdup_printf ("%s,%s", kam_record_get_id (contact), kam_record_get_id (silent));
  guint n = 0;

  /* 200 three-octet characters: folds must fall between characters. */
  for (int i = 0; i < 99; i++)
    g_string_append (long_objective, "拜访");
  g_string_append (long_objective, "\nA, B; C \\ D");
  visit = add (fx->store, &kam_visit_kind, "account_id", kam_record_get_id (account),
               "start_at", "2026-03-29T00:30:00Z", "end_at", "2026-03-29T02:00:00Z",
               "objective", long_objective->str, "place", "Room 1, 5/F", "contact_ids", ids, NULL);

  text = kam_ical_export (fx->store, NULL, NULL, NULL, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VEVENT\r\nEND:VCALENDAR\r\n"));

  objective = unfolded_value (text, "X-KAM-OBJECTIVE");
  {
    g_autoptr(GString) expected = g_string_new ("客户");

    for (int i = 0; i < 99; i++)
      g_string_append (expected, "拜访");
    g_string_append (expected, "\\nA\\, B\\; C \\\\ D");
    g_assert_cmpstr (objective, ==, expected->str);
  }
  summary = unfolded_value (text, "SUMMARY");
  g_assert_true (g_str_has_prefix (summary, "Acme\\; Sons\\, Ltd: 客户拜访"));
  g_assert_nonnull (strstr (text, "\r\nLOCATION:Room 1\\, 5/F\r\n"));
  g_assert_nonnull (strstr (text, "\r\nDTSTART:20260329T003000Z\r\n"));
  g_assert_nonnull (strstr (text, "\r\nDTEND:20260329T020000Z\r\n"));
  {
    g_autofree char *uid = g_strdup_printf ("\r\nUID:%s@keyaccounts\r\n", kam_record_get_id (visit));

    g_assert_nonnull (strstr (text, uid));
  }
  /* The contact with an email is an attendee, quoted CN, '"' replaced;
   * the one without is not. */
  {
    g_autofree char *attendee = unfolded_value (text, "ATTENDEE;CN=\"Wang, 'Lei'\";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;X-KAM-TYPE=contact");

    g_assert_cmpstr (attendee, ==, "mailto:wang.lei@acme.example");
    g_assert_null (strstr (text, "No email"));
  }

  /* Read back: the same text. */
  {
    g_autoptr(KamIcalImport) import = kam_ical_import_prepare_data (fx->store, text, -1, NULL, &error);
    KamIcalEvent *e;

    g_assert_no_error (error);
    g_assert_cmpuint (import->events->len, ==, 1);
    e = g_ptr_array_index (import->events, 0);
    g_assert_cmpint (e->action, ==, KAM_ICAL_UPDATE);
    g_assert_cmpstr (e->visit_id, ==, kam_record_get_id (visit));
    g_assert_cmpstr (e->objective, ==, long_objective->str);
    g_assert_cmpstr (e->place, ==, "Room 1, 5/F");
    g_assert_cmpstr (e->start_at, ==, "2026-03-29T00:30:00Z");
    g_assert_cmpuint (e->n_contacts, ==, 1);
    g_assert_cmpuint (e->messages->len, ==, 0);
  }

  /* One visit that does not exist */
  g_clear_pointer (&text, g_free);
  text = kam_ical_export (fx->store, NULL, NULL, "no-such-id", NULL, &error);
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
  g_assert_null (text);
}

static KamIcalEvent *
only_event (KamIcalImport *import)
{
  g_assert_nonnull (import);
  g_assert_cmpuint (import->events->len, ==, 1);
  return g_ptr_array_index (import->events, 0);
}

static gboolean
has_message (KamIcalEvent *e,
             const char   *part)
{
  for (guint i = 0; i < e->messages->len; i++)
    if (strstr (g_ptr_array_index (e->messages, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static KamIcalImport *
prepare (KamStore   *store,
         const char *body,
         const char *tzid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);
  g_autofree char *text = g_strdup_printf ("BEGIN:VCALENDAR\nVERSION:2.0\n%sEND:VCALENDAR\n", body);
  KamIcalImport *import = kam_ical_import_prepare_data (store, text, -1, tz, &error);

  g_assert_no_error (error);
  return import;
}

static void
test_import_times (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(KamRecord) account = add (fx->store, &kam_account_kind, "name", "Acme", NULL);
  g_autoptr(KamRecord) contact = add (fx->store, &kam_contact_kind, "account_id", kam_record_get_id (account),
                                      "name", "Wang Lei", "email", "wang.lei@acme.example", NULL);
  const struct {
    const char *props;
    const char *start;
    const char *end;
    const char *message;
  } cases[] = {
    /* Berlin on the day DST starts: 03:00 CEST = 01:00 UTC */
    { "DTSTART;TZID=Europe/Berlin:20260329T030000\nDTEND;TZID=Europe/Berlin:20260329T040000\n",
      "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z", NULL },
    /* the day before: 03:00 CET = 02:00 UTC */
    { "DTSTART;TZID=Europe/Berlin:20260328T030000\nDURATION:PT1H30M\n",
      "2026-03-28T02:00:00Z", "2026-03-28T03:30:00Z", NULL },
    /* Evolution's zone names */
    { "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20261101T090000\nDURATION:P1D\n",
      "2026-11-01T08:00:00Z", "2026-11-02T08:00:00Z", NULL },
    /* Outlook's */
    { "DTSTART;TZID=\"China Standard Time\":20261101T090000\nDURATION:P1W\n",
      "2026-11-01T01:00:00Z", "2026-11-08T01:00:00Z", NULL },
    /* floating: local (the zone given, Shanghai) */
    { "DTSTART:20261101T090000\nDTEND:20261101T093000\n", "2026-11-01T01:00:00Z", "2026-11-01T01:30:00Z", NULL },
    /* UTC */
    { "DTSTART:20261101T090000Z\n", "2026-11-01T09:00:00Z", "2026-11-01T10:00:00Z", "No end time" },
    /* a date: local days */
    { "DTSTART;VALUE=DATE:20261231\nDTEND;VALUE=DATE:20270102\n", "2026-12-30T16:00:00Z", "2027-01-01T16:00:00Z",
      "all-day" },
    { "DTSTART;TZID=Nowhere/Land:20261101T090000\nDTEND;TZID=Nowhere/Land:20261101T100000\n",
      "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", "Unknown time zone “Nowhere/Land”" },
    /* a zone name that is a path is not read from the disk */
    { "DTSTART;TZID=../../etc/passwd:20261101T090000\n", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z",
      "Unknown time zone" },
    { "DTSTART:20261101T090000Z\nDTEND:20261101T080000Z\n", "2026-11-01T09:00:00Z", "2026-11-01T10:00:00Z",
      "ends before it starts" },
    { "DTSTART:20261101T090000Z\nDURATION:soon\n", "2026-11-01T09:00:00Z", "2026-11-01T10:00:00Z",
      "duration cannot be read" },
    { "DTSTART:20261101T090000Z\nRRULE:FREQ=WEEKLY\n", "2026-11-01T09:00:00Z", "2026-11-01T10:00:00Z",
      "only its first occurrence" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("BEGIN:VEVENT\nUID:case-%zu\n%sATTENDEE:mailto:wang.lei@acme.example\n"
                                               "END:VEVENT\n", i, cases[i].props);
      g_autoptr(KamIcalImport) import = prepare (fx->store, body, "Asia/Shanghai");
      KamIcalEvent *e = only_event (import);

      g_test_message ("case %zu", i);
      g_assert_cmpint (e->action, ==, KAM_ICAL_CREATE);
      g_assert_cmpstr (e->start_at, ==, cases[i].start);
      g_assert_cmpstr (e->end_at, ==, cases[i].end);
      g_assert_cmpstr (e->account_id, ==, kam_record_get_id (account));
      if (cases[i].message != NULL)
        g_assert_true (has_message (e, cases[i].message));
      else
        g_assert_cmpuint (e->messages->len, ==, 0);
    }

  /* Unreadable starts are skipped with their reason. */
  {
    const char * const bad[] = {
      "DTSTART:2026-11-01\n", "DTSTART:20261301T090000Z\n", "DTSTART:20261101T250000\n",
      "DTSTART:18001101T090000Z\n", "DTSTART:20261101X090000\n", "SUMMARY:no start\n",
    };

    for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *body = g_strdup_printf ("BEGIN:VEVENT\nUID:bad-%zu\n%sEND:VEVENT\n", i, bad[i]);
        g_autoptr(KamIcalImport) import = prepare (fx->store, body, "Asia/Shanghai");
        KamIcalEvent *e = only_event (import);

        g_test_message ("bad %zu", i);
        g_assert_cmpint (e->action, ==, KAM_ICAL_SKIP);
        g_assert_null (e->start_at);
        g_assert_cmpuint (import->n_skip, ==, 1);
      }
  }
}

static void
test_import_structure (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) account = add (fx->store, &kam_account_kind, "name", "Acme", NULL);
  g_autoptr(KamRecord) contact = add (fx->store, &kam_contact_kind, "account_id", kam_record_get_id (account),
                                      "name", "Wang Lei", "email", "wang.lei@acme.example", NULL);

  /* Folded lines (space and tab), quoted parameters with ':' and ';',
   * a nested VALARM, an unfinished event at the end. */
  {
    g_autoptr(KamIcalImport) import = prepare (fx->store,
      "BEGIN:VEVENT\r\n"
      "UID:one\r\n"
      "DTSTART:20261101T090000Z\r\n"
      "SUMMARY:Long sum\r\n"
      " mary with\r\n"
      "\t a tab\r\n"
      "ATTENDEE;CN=\"Wang: the; boss\";ROLE=CHAIR:mailto:wang.lei@acme.example\r\n"
      "BEGIN:VALARM\r\n"
      "SUMMARY:not the event's\r\n"
      "END:VALARM\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\r\n"
      "UID:two\r\n"
      "DTSTART:20261102T090000Z\r\n"
      "ATTENDEE:mailto:wang.lei@acme.example\r\n", "UTC");

    g_assert_cmpuint (import->events->len, ==, 2);
    {
      KamIcalEvent *e = g_ptr_array_index (import->events, 0);

      g_assert_cmpstr (e->summary, ==, "Long summary with a tab");
      g_assert_cmpint (e->action, ==, KAM_ICAL_CREATE);
      g_assert_cmpuint (e->n_contacts, ==, 1);
    }
    {
      KamIcalEvent *e = g_ptr_array_index (import->events, 1);

      g_assert_cmpint (e->action, ==, KAM_ICAL_SKIP);
      g_assert_true (has_message (e, "END:VEVENT"));
    }
  }

  /* Not iCalendar at all; too big */
  {
    g_autoptr(KamIcalImport) import = kam_ical_import_prepare_data (fx->store, "BEGIN:VCARD\nEND:VCARD\n", -1,
                                                                    NULL, &error);

    g_assert_error (error, KAM_ICAL_ERROR, KAM_ICAL_ERROR_NOT_ICALENDAR);
    g_assert_null (import);
    g_clear_error (&error);
  }
  {
    gsize size = KAM_ICAL_MAX_BYTES + 1;
    g_autofree char *big = g_malloc (size + 1);
    g_autoptr(KamIcalImport) import = NULL;

    memset (big, 'x', size);
    memcpy (big, "BEGIN:VCALENDAR\n", 16);
    big[size] = '\0';
    import = kam_ical_import_prepare_data (fx->store, big, (gssize) size, NULL, &error);
    g_assert_error (error, KAM_ICAL_ERROR, KAM_ICAL_ERROR_TOO_BIG);
    g_assert_null (import);
    g_clear_error (&error);
  }

  /* Junk after the header, with NULs, bad UTF-8 and an endless line: read,
   * nothing to import, no crash. */
  {
    gsize size = 2 * 1024 * 1024;
    g_autofree char *junk = g_malloc (size);
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    g_autoptr(KamIcalImport) import = NULL;

    for (gsize i = 0; i < size; i++)
      junk[i] = (char) g_rand_int_range (rand, 0, 256);
    {
      const char *head = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:";

      memcpy (junk, head, strlen (head));
      memset (junk + strlen (head), 'y', 200000);   /* over the longest line kept */
    }
    import = kam_ical_import_prepare_data (fx->store, junk, (gssize) size, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (import);
    g_assert_cmpuint (import->n_create + import->n_update, ==, 0);
    g_assert_cmpuint (import->messages->len, <=, 25);
  }
}

static void
test_import_reimport (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) account = add (fx->store, &kam_account_kind, "name", "Acme", NULL);
  g_autoptr(KamRecord) contact = add (fx->store, &kam_contact_kind, "account_id", kam_record_get_id (account),
                                      "name", "Wang Lei", "email", "wang.lei@acme.example", NULL);
  g_autoptr(KamRecord) member = add (fx->store, &kam_member_kind, "name", "Me", "email", "me@ours.example", NULL);
  const char *v1 =
    "BEGIN:VEVENT\nUID:abc@outlook\nDTSTART:20261101T090000Z\nDTEND:20261101T100000Z\nSUMMARY:First\n"
    "ORGANIZER:mailto:ME@ours.example\nATTENDEE:mailto:wang.lei@acme.example\n"
    "ATTENDEE;CN=Li Na:mailto:li.na@acme.example\nEND:VEVENT\n"
    "BEGIN:VEVENT\nUID:abc@outlook\nDTSTART:20261101T110000Z\nSUMMARY:Same UID again\n"
    "ATTENDEE:mailto:wang.lei@acme.example\nEND:VEVENT\n";
  const char *v2 =
    "BEGIN:VEVENT\nUID:abc@outlook\nDTSTART:20261102T090000Z\nDTEND:20261102T100000Z\nSUMMARY:Moved\n"
    "STATUS:CANCELLED\nATTENDEE:mailto:wang.lei@acme.example\nEND:VEVENT\n";
  g_autoptr(KamIcalImport) first = prepare (fx->store, v1, "UTC");
  g_autoptr(KamIcalImport) second = NULL;
  g_autoptr(KamRecord) visit = NULL;
  guint created = 0, updated = 0;

  /* The first of two events with one UID is skipped: the later wins. */
  g_assert_cmpuint (first->n_create, ==, 1);
  g_assert_cmpuint (first->n_skip, ==, 1);
  g_assert_true (kam_ical_import_apply (fx->store, first, &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_visit_kind), ==, 1);
  /* Li Na, unknown, at the email domain of Acme's contacts: a new contact
   * of Acme -- but hers was the skipped event, so no. */
  g_assert_cmpuint (kam_store_count (fx->store, &kam_contact_kind), ==, 1);

  second = prepare (fx->store, v2, "UTC");
  g_assert_cmpuint (second->n_update, ==, 1);
  g_assert_true (kam_ical_import_apply (fx->store, second, &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 0);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_cmpuint (kam_store_count (fx->store, &kam_visit_kind), ==, 1);

  {
    g_autoptr(GPtrArray) all = kam_store_load_all (fx->store, &kam_visit_kind, &error);

    g_assert_no_error (error);
    visit = g_object_ref (g_ptr_array_index (all, 0));
  }
  g_assert_cmpstr (kam_record_get_string (visit, "start_at"), ==, "2026-11-02T09:00:00Z");
  g_assert_cmpstr (kam_record_get_string (visit, "objective"), ==, "Moved");
  g_assert_cmpstr (kam_record_get_string (visit, "external_id"), ==, "abc@outlook");
  g_assert_cmpint (kam_record_get_int (visit, "status"), ==, KAM_VISIT_CANCELLED);
  /* The attendees of the update replace the earlier ones. */
  g_assert_cmpuint (g_strv_length ((char **) kam_record_get_strv (visit, "contact_ids")), ==, 1);
  g_assert_true (kam_record_get_strv (visit, "member_ids") == NULL
                 || kam_record_get_strv (visit, "member_ids")[0] == NULL);
  (void) contact; (void) member;
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/kam/ical/export/escaping-folding", Fixture, NULL, fixture_setup, test_export_escaping_folding,
              fixture_teardown);
  g_test_add ("/kam/ical/import/times", Fixture, NULL, fixture_setup, test_import_times, fixture_teardown);
  g_test_add ("/kam/ical/import/structure", Fixture, NULL, fixture_setup, test_import_structure, fixture_teardown);
  g_test_add ("/kam/ical/import/reimport", Fixture, NULL, fixture_setup, test_import_reimport, fixture_teardown);

  return g_test_run ();
}
