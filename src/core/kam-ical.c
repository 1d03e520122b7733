/* kam-ical.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-ical"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kam-ical.h"
#include "kam-model.h"
#include "kam-store-private.h"

#define UID_SUFFIX "@keyaccounts"
#define FOLD_OCTETS 75
/* Longest unfolded line kept; longer ones are cut (a DESCRIPTION of a
 * whole document has no place in a visit). */
#define MAX_LINE (64 * 1024)
#define MAX_FILE_MESSAGES 20
#define MAX_EVENT_MESSAGES 10
#define MAX_TEXT 4000

G_DEFINE_QUARK (kam-ical-error-quark, kam_ical_error)

/* Shared helpers --------------------------------------------------------- */

static gboolean
is_uuid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

static char *
utc_text (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Export ----------------------------------------------------------------- */

/* RFC 5545 3.3.11: backslash, semicolon, comma and newlines escaped. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': break;
        default:
          /* Other control characters are not allowed in a value. */
          if ((guchar) *p >= 0x20 || *p == '\t')
            g_string_append_c (out, *p);
        }
    }
}

/* A parameter value: quoted when it holds ':', ';' or ','; DQUOTE cannot
 * appear at all. */
static void
append_param (GString    *out,
              const char *value)
{
  gboolean quote = strpbrk (value, ":;,") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    if (*p == '"')
      g_string_append_c (out, '\'');
    else if ((guchar) *p >= 0x20)
      g_string_append_c (out, *p);
  if (quote)
    g_string_append_c (out, '"');
}

/* Folds @line at 75 octets, never inside a UTF-8 sequence, and ends it
 * with CRLF. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize len = strlen (line);
  gsize pos = 0;
  gsize width = FOLD_OCTETS;

  while (len - pos > width)
    {
      gsize cut = pos + width;

      while (cut > pos && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      width = FOLD_OCTETS - 1;  /* the leading space counts */
    }
  g_string_append (out, line + pos);
  g_string_append (out, "\r\n");
}

static void
add_text_prop (GString    *out,
               const char *name,
               const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || *value == '\0')
    return;
  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_text (line, value);
  append_folded (out, line->str);
}

static char *
ical_time (const char *stored)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (stored, utc);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

static void
add_attendee (GString    *out,
              const char *name,
              const char *email,
              const char *type)
{
  g_autoptr(GString) line = g_string_new ("ATTENDEE;CN=");

  append_param (line, name);
  g_string_append (line, ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;X-KAM-TYPE=");
  g_string_append (line, type);
  g_string_append (line, ":mailto:");
  append_param (line, email);
  append_folded (out, line->str);
}

static gboolean
add_event (KamStore    *store,
           GString     *out,
           KamRecord   *visit,
           GHashTable  *account_names,
           const char  *dtstamp,
           GError     **error)
{
  const char *account_id = kam_record_get_string (visit, "account_id");
  const char *objective = kam_record_get_string (visit, "objective");
  const char *outcome = kam_record_get_string (visit, "outcome");
  const char *next_steps = kam_record_get_string (visit, "next_steps");
  const char *external_id = kam_record_get_string (visit, "external_id");
  int kind = kam_record_get_int (visit, "kind");
  int status = kam_record_get_int (visit, "status");
  const char *account_name = g_hash_table_lookup (account_names, account_id);
  g_autofree char *uid = NULL;
  g_autofree char *start = ical_time (kam_record_get_string (visit, "start_at"));
  g_autofree char *end = ical_time (kam_record_get_string (visit, "end_at"));
  g_autofree char *summary = NULL;
  g_autofree char *first_line = NULL;
  g_autoptr(GString) description = g_string_new (objective);
  g_autoptr(GString) line = NULL;
  const char * const *ids;

  if (account_name == NULL)
    {
      g_autoptr(KamRecord) account = kam_store_load (store, &kam_account_kind, account_id, error);

      if (account == NULL)
        return FALSE;
      g_hash_table_insert (account_names, g_strdup (account_id), g_strdup (kam_record_get_string (account, "name")));
      account_name = g_hash_table_lookup (account_names, account_id);
    }

  uid = external_id != NULL && *external_id != '\0'
    ? g_strdup (external_id)
    : g_strconcat (kam_record_get_id (visit), UID_SUFFIX, NULL);

  first_line = g_strndup (objective, strcspn (objective, "\r\n"));
  if (*first_line != '\0')
    summary = g_strdup_printf ("%s: %s", account_name, first_line);
  else
    summary = g_strdup_printf ("%s: %s", account_name, kam_enum_to_label (KAM_TYPE_VISIT_KIND, kind));

  if (outcome != NULL && *outcome != '\0')
    {
      if (description->len > 0)
        g_string_append (description, "\n\n");
      g_string_append_printf (description, _("Outcome: %s"), outcome);
    }
  if (next_steps != NULL && *next_steps != '\0')
    {
      if (description->len > 0)
        g_string_append (description, "\n\n");
      g_string_append_printf (description, _("Next steps: %s"), next_steps);
    }

  append_folded (out, "BEGIN:VEVENT");
  add_text_prop (out, "UID", uid);
  line = g_string_new (NULL);
  g_string_printf (line, "DTSTAMP:%s", dtstamp);
  append_folded (out, line->str);
  if (start != NULL)
    {
      g_string_printf (line, "DTSTART:%s", start);
      append_folded (out, line->str);
    }
  if (end != NULL)
    {
      g_string_printf (line, "DTEND:%s", end);
      append_folded (out, line->str);
    }
  add_text_prop (out, "SUMMARY", summary);
  add_text_prop (out, "LOCATION", kam_record_get_string (visit, "place"));
  add_text_prop (out, "DESCRIPTION", description->str);
  append_folded (out, status == KAM_VISIT_CANCELLED ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  append_folded (out, "TRANSP:OPAQUE");

  ids = kam_record_get_strv (visit, "contact_ids");
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(KamRecord) c = kam_store_load (store, &kam_contact_kind, ids[i], NULL);

      if (c != NULL && *kam_record_get_string (c, "email") != '\0')
        add_attendee (out, kam_record_get_string (c, "name"), kam_record_get_string (c, "email"), "contact");
    }
  ids = kam_record_get_strv (visit, "member_ids");
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(KamRecord) m = kam_store_load (store, &kam_member_kind, ids[i], NULL);

      if (m != NULL && *kam_record_get_string (m, "email") != '\0')
        add_attendee (out, kam_record_get_string (m, "name"), kam_record_get_string (m, "email"), "member");
    }

  add_text_prop (out, "X-KAM-ACCOUNT", account_name);
  add_text_prop (out, "X-KAM-ACCOUNT-ID", account_id);
  add_text_prop (out, "X-KAM-KIND", kam_enum_to_string (KAM_TYPE_VISIT_KIND, kind));
  add_text_prop (out, "X-KAM-STATUS", kam_enum_to_string (KAM_TYPE_VISIT_STATUS, status));
  add_text_prop (out, "X-KAM-OBJECTIVE", objective);
  add_text_prop (out, "X-KAM-OUTCOME", outcome);
  add_text_prop (out, "X-KAM-NEXT-STEPS", next_steps);
  add_text_prop (out, "X-KAM-FOLLOW-UP", kam_record_get_string (visit, "follow_up"));
  append_folded (out, "END:VEVENT");
  return TRUE;
}

static const char export_range_sql[] =
  "SELECT id FROM visit WHERE deleted = 0 AND (?1 IS NULL OR start_at >= ?1) AND (?2 IS NULL OR start_at < ?2) "
  "ORDER BY start_at, id";

char *
kam_ical_export (KamStore     *store,
                 GDateTime    *from,
                 GDateTime    *to,
                 const char   *visit_id,
                 guint        *n_events,
                 GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) account_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *dtstamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  gboolean ok = TRUE;

  if (n_events != NULL)
    *n_events = 0;

  if (!kam_store_begin_read (store, error))
    return NULL;

  if (visit_id != NULL)
    g_ptr_array_add (ids, g_strdup (visit_id));
  else
    {
      g_autofree char *from_text = from != NULL ? utc_text (from) : NULL;
      g_autofree char *to_text = to != NULL ? utc_text (to) : NULL;
      sqlite3_stmt *stmt = kam_store_prepare (store, export_range_sql, error);
      int rc;

      if (stmt == NULL)
        {
          kam_store_end_read (store);
          return NULL;
        }
      sqlite3_bind_text (stmt, 1, from_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, to_text, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          kam_store_set_sqlite_error (store, rc, error);
          kam_store_end_read (store);
          return NULL;
        }
    }

  append_folded (out, "BEGIN:VCALENDAR");
  append_folded (out, "VERSION:2.0");
  append_folded (out, "PRODID:-//Key Accounts//kam " PACKAGE_VERSION "//EN");
  append_folded (out, "CALSCALE:GREGORIAN");
  append_folded (out, "METHOD:PUBLISH");

  for (guint i = 0; ok && i < ids->len; i++)
    {
      g_autoptr(KamRecord) visit = kam_store_load (store, &kam_visit_kind, g_ptr_array_index (ids, i), error);

      ok = visit != NULL && add_event (store, out, visit, account_names, dtstamp, error);
    }
  kam_store_end_read (store);
  if (!ok)
    return NULL;

  append_folded (out, "END:VCALENDAR");
  if (n_events != NULL)
    *n_events = ids->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
kam_ical_export_file (KamStore     *store,
                      GDateTime    *from,
                      GDateTime    *to,
                      const char   *visit_id,
                      const char   *path,
                      guint        *n_events,
                      GError      **error)
{
  g_autofree char *text = kam_ical_export (store, from, to, visit_id, n_events, error);
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    return FALSE;
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, KAM_ICAL_ERROR, KAM_ICAL_ERROR_WRITE, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Import: the content lines ---------------------------------------------- */

struct _KamIcalAttendee {
  char     *email;       /* lower case */
  char     *name;        /* CN, or the part before @ */
  char     *type;        /* X-KAM-TYPE: "contact", "member", NULL */
  char     *contact_id;  /* an existing contact */
  char     *member_id;   /* an existing team member */
  gboolean  new_contact;
  gboolean  new_member;
};

static void
attendee_free (KamIcalAttendee *a)
{
  g_free (a->email);
  g_free (a->name);
  g_free (a->type);
  g_free (a->contact_id);
  g_free (a->member_id);
  g_free (a);
}

typedef struct {
  char      *name;    /* upper case */
  GPtrArray *params;  /* name (upper case), value, name, value ... */
  char      *value;
  guint      line;
} Prop;

static void
prop_free (Prop *p)
{
  g_free (p->name);
  g_ptr_array_unref (p->params);
  g_free (p->value);
  g_free (p);
}

static const char *
prop_param (const Prop *p,
            const char *name)
{
  for (guint i = 0; i + 1 < p->params->len; i += 2)
    if (strcmp (g_ptr_array_index (p->params, i), name) == 0)
      return g_ptr_array_index (p->params, i + 1);
  return NULL;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* name *(";" param) ":" value; NULL when the line is none of that. */
static Prop *
parse_content_line (const char *text,
                    guint       line)
{
  const char *p = text;
  const char *start;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  Prop *prop;

  start = p;
  while (is_name_char (*p))
    p++;
  if (p == start)
    return NULL;

  {
    g_autofree char *name = g_ascii_strup (start, p - start);

    while (*p == ';')
      {
        const char *pstart = ++p;
        GString *value;

        while (is_name_char (*p))
          p++;
        if (p == pstart || *p != '=')
          return NULL;
        g_ptr_array_add (params, g_ascii_strup (pstart, p - pstart));
        p++;

        /* One or more values separated by ','; kept as written without
         * the quotes. */
        value = g_string_new (NULL);
        for (;;)
          {
            if (*p == '"')
              {
                const char *q = strchr (p + 1, '"');

                if (q == NULL)
                  {
                    g_string_free (value, TRUE);
                    return NULL;
                  }
                g_string_append_len (value, p + 1, q - p - 1);
                p = q + 1;
              }
            else
              {
                const char *q = p;

                while (*q != '\0' && *q != ';' && *q != ':' && *q != ',' && *q != '"')
                  q++;
                g_string_append_len (value, p, q - p);
                p = q;
              }
            if (*p != ',')
              break;
            g_string_append_c (value, ',');
            p++;
          }
        g_ptr_array_add (params, g_string_free (value, FALSE));
      }

    if (*p != ':')
      return NULL;

    prop = g_new0 (Prop, 1);
    prop->name = g_steal_pointer (&name);
    prop->params = g_steal_pointer (&params);
    prop->value = g_strdup (p + 1);
    prop->line = line;
    return prop;
  }
}

static char *
unescape_text (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, (*p == 'n' || *p == 'N') ? '\n' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  if (g_utf8_strlen (out->str, -1) > MAX_TEXT)
    {
      char *cut = g_utf8_offset_to_pointer (out->str, MAX_TEXT);

      g_string_truncate (out, cut - out->str);
    }
  return g_string_free (out, FALSE);
}

/* Import: times ----------------------------------------------------------- */

/* What Outlook writes as TZID, for the zones of our users. */
static const struct {
  const char *windows;
  const char *iana;
} windows_zones[] = {
  { "China Standard Time", "Asia/Shanghai" },
  { "Taipei Standard Time", "Asia/Taipei" },
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "Korea Standard Time", "Asia/Seoul" },
  { "Singapore Standard Time", "Asia/Singapore" },
  { "India Standard Time", "Asia/Kolkata" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Romance Standard Time", "Europe/Paris" },
  { "GMT Standard Time", "Europe/London" },
  { "Russian Standard Time", "Europe/Moscow" },
  { "Eastern Standard Time", "America/New_York" },
  { "Central Standard Time", "America/Chicago" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "UTC", "UTC" },
};

/* The zone of @tzid, or NULL when neither GTimeZone nor the table knows it. */
static GTimeZone *
zone_for (const char *tzid)
{
  const char *id = tzid;

  /* "/mozilla.org/20050126_1/Europe/Berlin" and the like */
  if (id[0] == '/')
    {
      const char *slash = strrchr (id, '/');
      const char *area = slash;

      while (area > id && area[-1] != '/')
        area--;
      if (area > id + 1)
        id = area;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (id, windows_zones[i].windows) == 0)
      return g_time_zone_new_identifier (windows_zones[i].iana);

  /* GTimeZone reads files named after the identifier: keep to the shape
   * of zone names. */
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '/' && *p != '_' && *p != '-' && *p != '+')
      return NULL;
  if (strstr (id, "..") != NULL || *id == '\0')
    return NULL;
  return g_time_zone_new_identifier (id);
}

static void
add_message (GPtrArray  *messages,
             guint       max,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_message (GPtrArray  *messages,
             guint       max,
             const char *format,
             ...)
{
  va_list args;

  if (messages->len >= max)
    return;
  va_start (args, format);
  g_ptr_array_add (messages, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
zone_unref (gpointer zone)
{
  if (zone != NULL)
    g_time_zone_unref (zone);
}

typedef struct {
  GTimeZone  *local;
  GHashTable *zones;      /* TZID -> GTimeZone, NULL when unknown */
} Zones;

static GDateTime *
parse_when (const Prop    *p,
            Zones         *zones,
            gboolean      *is_date,
            KamIcalEvent  *event)
{
  const char *v = p->value;
  const char *value_type = prop_param (p, "VALUE");
  int y, mo, d, h = 0, mi = 0, s = 0;
  gsize len = strlen (v);
  GTimeZone *tz = zones->local;

  *is_date = (value_type != NULL && g_ascii_strcasecmp (value_type, "DATE") == 0) || len == 8;
  for (gsize i = 0; i < MIN (len, 8); i++)
    if (!g_ascii_isdigit (v[i]))
      return NULL;
  if (len < 8)
    return NULL;
  y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
  mo = (v[4] - '0') * 10 + (v[5] - '0');
  d = (v[6] - '0') * 10 + (v[7] - '0');

  if (*is_date)
    {
      if (len != 8)
        return NULL;
    }
  else
    {
      if ((len != 15 && len != 16) || v[8] != 'T' || (len == 16 && v[15] != 'Z' && v[15] != 'z'))
        return NULL;
      for (gsize i = 9; i < 15; i++)
        if (!g_ascii_isdigit (v[i]))
          return NULL;
      h = (v[9] - '0') * 10 + (v[10] - '0');
      mi = (v[11] - '0') * 10 + (v[12] - '0');
      s = (v[13] - '0') * 10 + (v[14] - '0');
      if (s == 60)
        s = 59;   /* a leap second */
    }

  if (len == 16)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      return g_date_time_new (utc, y, mo, d, h, mi, s);
    }

  if (!*is_date && prop_param (p, "TZID") != NULL)
    {
      const char *tzid = prop_param (p, "TZID");
      gpointer found;

      if (!g_hash_table_lookup_extended (zones->zones, tzid, NULL, &found))
        {
          found = zone_for (tzid);
          g_hash_table_insert (zones->zones, g_strdup (tzid), found);
        }
      if (found != NULL)
        tz = found;
      else
        add_message (event->messages, MAX_EVENT_MESSAGES,
                     _("Unknown time zone “%s”: its times are read as local time"), tzid);
    }

  return g_date_time_new (tz, y, mo, d, h, mi, s);
}

/* RFC 5545 3.3.6: [+-]P(nW | nD [T nH nM nS] | T nH nM nS); seconds. */
static gboolean
parse_duration (const char *text,
                gint64     *seconds)
{
  const char *p = text;
  gboolean negative = FALSE, in_time = FALSE, any = FALSE;
  gint64 total = 0;

  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  if (*p++ != 'P')
    return FALSE;
  while (*p != '\0')
    {
      gint64 n = 0;
      int digits = 0;

      if (*p == 'T')
        {
          if (in_time)
            return FALSE;
          in_time = TRUE;
          p++;
          continue;
        }
      while (g_ascii_isdigit (*p) && digits < 9)
        n = n * 10 + (*p++ - '0'), digits++;
      if (digits == 0)
        return FALSE;
      switch (*p++)
        {
        case 'W': if (in_time) return FALSE; total += n * 7 * 86400; break;
        case 'D': if (in_time) return FALSE; total += n * 86400; break;
        case 'H': if (!in_time) return FALSE; total += n * 3600; break;
        case 'M': if (!in_time) return FALSE; total += n * 60; break;
        case 'S': if (!in_time) return FALSE; total += n; break;
        default: return FALSE;
        }
      any = TRUE;
    }
  if (!any)
    return FALSE;
  *seconds = negative ? -total : total;
  return TRUE;
}

/* Import: matching -------------------------------------------------------- */

typedef struct {
  char *id;
  char *account_id;
} ContactRef;

static void
contact_ref_free (ContactRef *c)
{
  g_free (c->id);
  g_free (c->account_id);
  g_free (c);
}

typedef struct {
  GHashTable *contacts;        /* email -> ContactRef */
  GHashTable *members;         /* email -> member id */
  GHashTable *domains;         /* domain -> account id (the one with most contacts there) */
  GHashTable *account_names;   /* id -> name */
  GHashTable *accounts_by_name;/* casefolded name -> id */
} Directory;

static void
directory_clear (Directory *dir)
{
  g_clear_pointer (&dir->contacts, g_hash_table_unref);
  g_clear_pointer (&dir->members, g_hash_table_unref);
  g_clear_pointer (&dir->domains, g_hash_table_unref);
  g_clear_pointer (&dir->account_names, g_hash_table_unref);
  g_clear_pointer (&dir->accounts_by_name, g_hash_table_unref);
}

/* Mail providers whose domain says nothing about the account. */
static const char * const public_domains[] = {
  "163.com", "126.com", "qq.com", "foxmail.com", "sina.com", "sohu.com", "yeah.net", "aliyun.com",
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com",
  "me.com", "gmx.de", "gmx.net", "web.de", "proton.me", "protonmail.com",
};

static gboolean
is_public_domain (const char *domain)
{
  for (gsize i = 0; i < G_N_ELEMENTS (public_domains); i++)
    if (strcmp (domain, public_domains[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
domain_of (const char *email)
{
  const char *at = strrchr (email, '@');

  return at != NULL && at[1] != '\0' ? at + 1 : NULL;
}

static gboolean
directory_load (KamStore   *store,
                Directory  *dir,
                GError    **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_hash_table_unref);
  sqlite3_stmt *stmt;
  int rc;

  dir->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) contact_ref_free);
  dir->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dir->domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dir->account_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dir->accounts_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = kam_store_prepare (store, "SELECT id, name FROM account WHERE deleted = 0 ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (dir->account_names, g_strdup (id), g_strdup (name));
      g_hash_table_insert (dir->accounts_by_name, g_utf8_casefold (name, -1), g_strdup (id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  stmt = kam_store_prepare (store, "SELECT id, account_id, lower (trim (email)) FROM contact "
                                   "WHERE deleted = 0 AND email != '' ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = (const char *) sqlite3_column_text (stmt, 2);
      const char *account_id = (const char *) sqlite3_column_text (stmt, 1);
      const char *domain = domain_of (email);

      if (!g_hash_table_contains (dir->contacts, email))
        {
          ContactRef *c = g_new0 (ContactRef, 1);

          c->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          c->account_id = g_strdup (account_id);
          g_hash_table_insert (dir->contacts, g_strdup (email), c);
        }
      if (domain != NULL && !is_public_domain (domain))
        {
          GHashTable *per_account = g_hash_table_lookup (counts, domain);

          if (per_account == NULL)
            {
              per_account = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_hash_table_insert (counts, g_strdup (domain), per_account);
            }
          g_hash_table_insert (per_account, g_strdup (account_id),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_account, account_id)) + 1));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  stmt = kam_store_prepare (store, "SELECT id, lower (trim (email)) FROM member WHERE deleted = 0 AND email != ''", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (dir->members, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);

  /* A domain belongs to the account with most contacts there (ties: the
   * smallest id, so the choice does not depend on hash order). */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        GHashTableIter inner;
        gpointer account, n;
        const char *best = NULL;
        guint best_n = 0;

        g_hash_table_iter_init (&inner, value);
        while (g_hash_table_iter_next (&inner, &account, &n))
          if (GPOINTER_TO_UINT (n) > best_n || (GPOINTER_TO_UINT (n) == best_n && strcmp (account, best) < 0))
            {
              best = account;
              best_n = GPOINTER_TO_UINT (n);
            }
        g_hash_table_insert (dir->domains, g_strdup (key), g_strdup (best));
      }
  }
  return TRUE;
}

/* Import: events ---------------------------------------------------------- */

static void
event_free (KamIcalEvent *e)
{
  g_free (e->uid);
  g_free (e->summary);
  g_free (e->start_at);
  g_free (e->end_at);
  g_free (e->visit_id);
  g_free (e->account_id);
  g_free (e->account_name);
  g_ptr_array_unref (e->messages);
  g_free (e->place);
  g_free (e->objective);
  g_free (e->outcome);
  g_free (e->next_steps);
  g_free (e->follow_up);
  g_ptr_array_unref (e->attendees);
  g_free (e);
}

void
kam_ical_import_free (KamIcalImport *import)
{
  if (import == NULL)
    return;
  g_free (import->path);
  g_ptr_array_unref (import->events);
  g_ptr_array_unref (import->messages);
  g_free (import);
}

static const Prop *
find_prop (GPtrArray  *props,
           const char *name)
{
  for (guint i = 0; i < props->len; i++)
    if (strcmp (((Prop *) g_ptr_array_index (props, i))->name, name) == 0)
      return g_ptr_array_index (props, i);
  return NULL;
}

static char *
prop_text (GPtrArray  *props,
           const char *name)
{
  const Prop *p = find_prop (props, name);

  return p != NULL ? unescape_text (p->value) : NULL;
}

static void
add_attendee_prop (KamIcalEvent *event,
                   const Prop   *p)
{
  const char *value = p->value;
  const char *cn = prop_param (p, "CN");
  KamIcalAttendee *a;
  g_autofree char *email = NULL;
  g_autofree char *address = NULL;

  if (g_ascii_strncasecmp (value, "mailto:", 7) != 0)
    return;
  address = g_strstrip (g_strdup (value + 7));
  email = g_ascii_strdown (address, -1);
  if (strchr (email, '@') == NULL || !g_utf8_validate (email, -1, NULL))
    return;
  for (guint i = 0; i < event->attendees->len; i++)
    if (strcmp (((KamIcalAttendee *) g_ptr_array_index (event->attendees, i))->email, email) == 0)
      return;

  a = g_new0 (KamIcalAttendee, 1);
  a->email = g_steal_pointer (&email);
  a->name = cn != NULL && *cn != '\0' ? g_strdup (cn) : g_strndup (a->email, strchr (a->email, '@') - a->email);
  a->type = g_strdup (prop_param (p, "X-KAM-TYPE"));
  g_ptr_array_add (event->attendees, a);
}

static const char visit_by_external_sql[] =
  "SELECT id, account_id FROM visit WHERE external_id = ?1 AND deleted = 0 ORDER BY rowid LIMIT 1";
static const char visit_by_id_sql[] =
  "SELECT id, account_id, deleted FROM visit WHERE id = ?1";

/* The existing visit of @uid: by its external id, or by our own UID form. */
static gboolean
find_visit (KamStore    *store,
            const char  *uid,
            char       **visit_id,
            char       **account_id,
            gboolean    *id_taken,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *visit_id = *account_id = NULL;
  *id_taken = FALSE;

  stmt = kam_store_prepare (store, visit_by_external_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *visit_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *account_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return kam_store_set_sqlite_error (store, rc, error);
  if (*visit_id != NULL)
    return TRUE;

  if (g_str_has_suffix (uid, UID_SUFFIX))
    {
      g_autofree char *id = g_strndup (uid, strlen (uid) - strlen (UID_SUFFIX));

      if (!is_uuid (id))
        return TRUE;
      stmt = kam_store_prepare (store, visit_by_id_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *id_taken = TRUE;
          if (sqlite3_column_int (stmt, 2) == 0)
            {
              *visit_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
              *account_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kam_store_set_sqlite_error (store, rc, error);
    }
  return TRUE;
}

static void
set_account (KamIcalEvent *event,
             Directory    *dir,
             const char   *account_id)
{
  g_free (event->account_id);
  g_free (event->account_name);
  event->account_id = g_strdup (account_id);
  event->account_name = g_strdup (g_hash_table_lookup (dir->account_names, account_id));
}

/* Decides what becomes of a parsed event. */
static gboolean
resolve_event (KamStore      *store,
               Directory     *dir,
               KamIcalEvent  *event,
               GPtrArray     *props,
               GError       **error)
{
  g_autofree char *existing_id = NULL;
  g_autofree char *existing_account = NULL;
  g_autofree char *account_hint = prop_text (props, "X-KAM-ACCOUNT");
  g_autofree char *account_id_hint = prop_text (props, "X-KAM-ACCOUNT-ID");
  gboolean id_taken;

  if (event->action == KAM_ICAL_SKIP)
    return TRUE;

  if (!find_visit (store, event->uid, &existing_id, &existing_account, &id_taken, error))
    return FALSE;

  /* The account: named by our own export, the visit's, the attendees'
   * contacts', their email domain's, or the name our export gave. */
  if (account_id_hint != NULL && g_hash_table_contains (dir->account_names, account_id_hint))
    set_account (event, dir, account_id_hint);
  else if (existing_account != NULL)
    set_account (event, dir, existing_account);
  if (event->account_id == NULL)
    {
      g_autoptr(GHashTable) votes = g_hash_table_new (g_str_hash, g_str_equal);
      const char *best = NULL;
      guint best_n = 0;

      for (guint i = 0; i < event->attendees->len; i++)
        {
          KamIcalAttendee *a = g_ptr_array_index (event->attendees, i);
          ContactRef *c = g_hash_table_lookup (dir->contacts, a->email);

          if (c != NULL && g_strcmp0 (a->type, "member") != 0)
            {
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (votes, c->account_id)) + 1;

              g_hash_table_insert (votes, c->account_id, GUINT_TO_POINTER (n));
              if (n > best_n || (n == best_n && strcmp (c->account_id, best) < 0))
                best = c->account_id, best_n = n;
            }
        }
      if (best == NULL)
        for (guint i = 0; i < event->attendees->len && best == NULL; i++)
          {
            KamIcalAttendee *a = g_ptr_array_index (event->attendees, i);
            const char *domain = domain_of (a->email);

            if (domain != NULL && !g_hash_table_contains (dir->members, a->email))
              best = g_hash_table_lookup (dir->domains, domain);
          }
      if (best != NULL)
        set_account (event, dir, best);
    }
  if (event->account_id == NULL && account_hint != NULL && *account_hint != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (account_hint, -1);
      const char *id = g_hash_table_lookup (dir->accounts_by_name, folded);

      if (id != NULL)
        set_account (event, dir, id);
      else
        {
          event->new_account = TRUE;
          event->account_name = g_strdup (account_hint);
          add_message (event->messages, MAX_EVENT_MESSAGES, _("New account “%s”"), account_hint);
        }
    }
  if (event->account_id == NULL && !event->new_account)
    {
      event->action = KAM_ICAL_SKIP;
      add_message (event->messages, MAX_EVENT_MESSAGES,
                   _("No account matches: no attendee’s email or email domain is known"));
      return TRUE;
    }

  /* Attendees: our team members, their contacts, new contacts of the
   * account (from our export, or from the account's email domain). */
  for (guint i = 0; i < event->attendees->len; i++)
    {
      KamIcalAttendee *a = g_ptr_array_index (event->attendees, i);
      const char *member = g_hash_table_lookup (dir->members, a->email);
      ContactRef *c = g_hash_table_lookup (dir->contacts, a->email);
      const char *domain = domain_of (a->email);

      if (member != NULL)
        {
          a->member_id = g_strdup (member);
          event->n_members++;
        }
      else if (c != NULL && g_strcmp0 (c->account_id, event->account_id) == 0)
        {
          a->contact_id = g_strdup (c->id);
          event->n_contacts++;
        }
      else if (c != NULL)
        add_message (event->messages, MAX_EVENT_MESSAGES,
                     _("%s is a contact of another account: left out"), a->email);
      else if (g_strcmp0 (a->type, "member") == 0)
        {
          a->new_member = TRUE;
          event->n_members++;
          add_message (event->messages, MAX_EVENT_MESSAGES, _("New team member %s <%s>"), a->name, a->email);
        }
      else if (g_strcmp0 (a->type, "contact") == 0
               || (event->account_id != NULL && domain != NULL
                   && g_strcmp0 (g_hash_table_lookup (dir->domains, domain), event->account_id) == 0))
        {
          a->new_contact = TRUE;
          event->n_contacts++;
          event->n_new_contacts++;
          add_message (event->messages, MAX_EVENT_MESSAGES, _("New contact %s <%s>"), a->name, a->email);
        }
      else
        add_message (event->messages, MAX_EVENT_MESSAGES,
                     _("%s is neither a contact nor a team member: left out"), a->email);
    }

  if (existing_id != NULL)
    {
      event->action = KAM_ICAL_UPDATE;
      event->visit_id = g_steal_pointer (&existing_id);
    }
  else
    {
      g_autofree char *own = g_str_has_suffix (event->uid, UID_SUFFIX)
        ? g_strndup (event->uid, strlen (event->uid) - strlen (UID_SUFFIX)) : NULL;

      event->action = KAM_ICAL_CREATE;
      /* Our own export: the visit keeps its id, so the UID stays. */
      event->visit_id = own != NULL && is_uuid (own) && !id_taken ? g_steal_pointer (&own) : kam_uuid_new ();
    }
  if (event->new_account && account_id_hint != NULL && is_uuid (account_id_hint))
    {
      g_autoptr(KamRecord) taken = kam_store_load (store, NULL, account_id_hint, NULL);

      if (taken == NULL)
        event->account_id = g_strdup (account_id_hint);
    }
  return TRUE;
}

static KamIcalEvent *
finish_event (KamStore    *store,
              Directory   *dir,
              Zones       *zones,
              GPtrArray   *props,
              GPtrArray   *notes,
              guint        line,
              GError     **error)
{
  KamIcalEvent *event = g_new0 (KamIcalEvent, 1);
  const Prop *dtstart = find_prop (props, "DTSTART");
  const Prop *dtend = find_prop (props, "DTEND");
  const Prop *duration = find_prop (props, "DURATION");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *status = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *description = NULL;
  g_autofree char *objective = NULL;
  gboolean start_is_date = FALSE, end_is_date = FALSE;

  event->line = line;
  event->messages = g_ptr_array_new_with_free_func (g_free);
  event->attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) attendee_free);
  event->action = KAM_ICAL_CREATE;
  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_add (event->messages, g_strdup (g_ptr_array_index (notes, i)));
  event->summary = prop_text (props, "SUMMARY");
  if (event->summary == NULL)
    event->summary = g_strdup ("");
  event->uid = prop_text (props, "UID");

  if (dtstart != NULL)
    start = parse_when (dtstart, zones, &start_is_date, event);
  if (start == NULL)
    {
      event->action = KAM_ICAL_SKIP;
      add_message (event->messages, MAX_EVENT_MESSAGES,
                   dtstart == NULL ? _("No start time (DTSTART): skipped")
                                   : _("The start time (DTSTART) cannot be read: skipped"));
    }
  else if (g_date_time_get_year (start) < 1900 || g_date_time_get_year (start) > 2200)
    {
      event->action = KAM_ICAL_SKIP;
      add_message (event->messages, MAX_EVENT_MESSAGES, _("The start time is out of range: skipped"));
      g_clear_pointer (&start, g_date_time_unref);
    }

  if (start != NULL)
    {
      gint64 seconds;

      if (dtend != NULL)
        {
          end = parse_when (dtend, zones, &end_is_date, event);
          if (end == NULL)
            add_message (event->messages, MAX_EVENT_MESSAGES, _("The end time (DTEND) cannot be read"));
        }
      else if (duration != NULL)
        {
          if (parse_duration (duration->value, &seconds))
            end = g_date_time_add_seconds (start, (double) seconds);
          else
            add_message (event->messages, MAX_EVENT_MESSAGES, _("The duration cannot be read"));
        }

      if (end == NULL)
        {
          if (start_is_date)
            end = g_date_time_add_days (start, 1);
          else
            {
              end = g_date_time_add_hours (start, 1);
              add_message (event->messages, MAX_EVENT_MESSAGES, _("No end time: one hour assumed"));
            }
        }
      else if (g_date_time_compare (end, start) < 0)
        {
          g_date_time_unref (end);
          end = g_date_time_add_hours (start, 1);
          add_message (event->messages, MAX_EVENT_MESSAGES, _("It ends before it starts: one hour assumed"));
        }
      if (start_is_date)
        add_message (event->messages, MAX_EVENT_MESSAGES, _("An all-day event"));

      event->start_at = utc_text (start);
      event->end_at = utc_text (end);
    }

  if (find_prop (props, "RRULE") != NULL || find_prop (props, "RDATE") != NULL)
    add_message (event->messages, MAX_EVENT_MESSAGES, _("It repeats: only its first occurrence is imported"));

  if (event->uid == NULL || *event->uid == '\0')
    {
      g_autofree char *seed = g_strdup_printf ("%s|%s", dtstart != NULL ? dtstart->value : "", event->summary);
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);

      g_free (event->uid);
      event->uid = g_strdup_printf ("kam-%s", sum);
      add_message (event->messages, MAX_EVENT_MESSAGES, _("No UID: one is made from its start and summary"));
    }

  /* The fields */
  event->place = prop_text (props, "LOCATION");
  description = prop_text (props, "DESCRIPTION");
  objective = prop_text (props, "X-KAM-OBJECTIVE");
  if (objective != NULL)
    event->objective = g_steal_pointer (&objective);
  else if (description != NULL && *description != '\0' && *event->summary != '\0')
    event->objective = g_strdup_printf ("%s\n%s", event->summary, description);
  else if (description != NULL && *description != '\0')
    event->objective = g_steal_pointer (&description);
  else
    event->objective = g_strdup (event->summary);
  event->outcome = prop_text (props, "X-KAM-OUTCOME");
  event->next_steps = prop_text (props, "X-KAM-NEXT-STEPS");
  event->follow_up = prop_text (props, "X-KAM-FOLLOW-UP");
  if (event->follow_up != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      if (*event->follow_up != '\0' && !kam_parse_date (event->follow_up, &date))
        g_clear_pointer (&event->follow_up, g_free);
    }

  event->kind = KAM_VISIT_KIND_VISIT;
  kind = prop_text (props, "X-KAM-KIND");
  if (kind != NULL)
    kam_enum_from_string (KAM_TYPE_VISIT_KIND, kind, &event->kind);

  event->status = KAM_VISIT_PLANNED;
  status = prop_text (props, "X-KAM-STATUS");
  if (status != NULL && kam_enum_from_string (KAM_TYPE_VISIT_STATUS, status, &event->status))
    event->status_known = TRUE;
  else
    {
      g_clear_pointer (&status, g_free);
      status = prop_text (props, "STATUS");
      if (status != NULL && g_ascii_strcasecmp (status, "CANCELLED") == 0)
        {
          event->status = KAM_VISIT_CANCELLED;
          event->status_known = TRUE;
        }
    }

  for (guint i = 0; i < props->len; i++)
    {
      const Prop *p = g_ptr_array_index (props, i);

      if (strcmp (p->name, "ATTENDEE") == 0 || strcmp (p->name, "ORGANIZER") == 0)
        add_attendee_prop (event, p);
    }

  if (!resolve_event (store, dir, event, props, error))
    {
      event_free (event);
      return NULL;
    }
  return event;
}

/* Splits @data into unfolded lines; returns them with their first line
 * numbers. */
typedef struct {
  char  *text;
  guint  line;
} Line;

static void
line_clear (Line *l)
{
  g_free (l->text);
}

static GArray *
unfold (const char *data,
        gsize       length,
        guint      *n_cut)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  GString *current = NULL;
  guint current_no = 0, no = 0;
  gsize pos = 0;

  g_array_set_clear_func (lines, (GDestroyNotify) line_clear);
  *n_cut = 0;

  while (pos < length)
    {
      const char *nl = memchr (data + pos, '\n', length - pos);
      gsize end = nl != NULL ? (gsize) (nl - data) : length;
      gsize len = end - pos;

      no++;
      if (len > 0 && data[pos + len - 1] == '\r')
        len--;

      if ((data[pos] == ' ' || data[pos] == '\t') && current != NULL && len > 0)
        {
          if (current->len + len - 1 <= MAX_LINE)
            g_string_append_len (current, data + pos + 1, len - 1);
          else
            (*n_cut)++;
        }
      else
        {
          if (current != NULL)
            {
              Line l = { g_string_free (current, FALSE), current_no };
              g_array_append_val (lines, l);
            }
          current = g_string_new_len (data + pos, MIN (len, MAX_LINE));
          current_no = no;
        }
      pos = end + 1;
    }
  if (current != NULL)
    {
      Line l = { g_string_free (current, FALSE), current_no };
      g_array_append_val (lines, l);
    }
  return lines;
}

KamIcalImport *
kam_ical_import_prepare_data (KamStore    *store,
                              const char  *data,
                              gssize       length,
                              GTimeZone   *tz,
                              GError     **error)
{
  g_autoptr(KamIcalImport) import = g_new0 (KamIcalImport, 1);
  g_autofree char *valid = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) props = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  Directory dir = { 0 };
  Zones zones = { 0 };
  const char *p;
  gsize len;
  guint depth_skip = 0, event_line = 0, n_bad = 0, n_cut = 0;
  gboolean in_calendar = FALSE, in_event = FALSE, ok = TRUE;

  import->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  import->messages = g_ptr_array_new_with_free_func (g_free);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > KAM_ICAL_MAX_BYTES)
    {
      g_set_error (error, KAM_ICAL_ERROR, KAM_ICAL_ERROR_TOO_BIG,
                   _("The file is too big for a calendar of visits (more than %u MB)"),
                   KAM_ICAL_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  /* Before any work: does it start like iCalendar? */
  p = data;
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < data + len && g_ascii_isspace (*p))
    p++;
  if ((gsize) (data + len - p) < 15 || g_ascii_strncasecmp (p, "BEGIN:VCALENDAR", 15) != 0)
    {
      g_set_error (error, KAM_ICAL_ERROR, KAM_ICAL_ERROR_NOT_ICALENDAR,
                   _("This is not an iCalendar file (it does not begin with BEGIN:VCALENDAR)"));
      return NULL;
    }

  valid = g_utf8_make_valid (p, data + len - p);
  if (strlen (valid) != (gsize) (data + len - p) || !g_utf8_validate_len (p, data + len - p, NULL))
    add_message (import->messages, MAX_FILE_MESSAGES, _("Bytes that are not UTF-8 were replaced"));

  lines = unfold (valid, strlen (valid), &n_cut);
  if (n_cut > 0)
    add_message (import->messages, MAX_FILE_MESSAGES,
                 g_dngettext (GETTEXT_PACKAGE, "%u over-long line was cut", "%u over-long lines were cut", n_cut),
                 n_cut);

  zones.local = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  zones.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, zone_unref);

  if (!kam_store_begin_read (store, error))
    {
      ok = FALSE;
      goto out;
    }
  if (!directory_load (store, &dir, error))
    {
      ok = FALSE;
      goto out_read;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      Prop *prop;

      if (*l->text == '\0')
        continue;
      prop = parse_content_line (l->text, l->line);
      if (prop == NULL)
        {
          if (in_event)
            add_message (notes, MAX_EVENT_MESSAGES, _("Line %u is not an iCalendar property: skipped"), l->line);
          else
            add_message (import->messages, MAX_FILE_MESSAGES,
                         _("Line %u is not an iCalendar property: skipped"), l->line);
          n_bad++;
          continue;
        }

      if (strcmp (prop->name, "BEGIN") == 0)
        {
          g_autofree char *what = g_ascii_strup (prop->value, -1);

          if (in_event)
            depth_skip++;   /* VALARM and the like */
          else if (strcmp (what, "VCALENDAR") == 0)
            in_calendar = TRUE;
          else if (strcmp (what, "VEVENT") == 0 && in_calendar)
            {
              in_event = TRUE;
              event_line = l->line;
              props = g_ptr_array_new_with_free_func ((GDestroyNotify) prop_free);
              notes = g_ptr_array_new_with_free_func (g_free);
            }
          prop_free (prop);
        }
      else if (strcmp (prop->name, "END") == 0)
        {
          g_autofree char *what = g_ascii_strup (prop->value, -1);

          if (in_event && depth_skip > 0)
            depth_skip--;
          else if (in_event && strcmp (what, "VEVENT") == 0)
            {
              KamIcalEvent *event = finish_event (store, &dir, &zones, props, notes, event_line, error);

              g_clear_pointer (&props, g_ptr_array_unref);
              g_clear_pointer (&notes, g_ptr_array_unref);
              in_event = FALSE;
              if (event == NULL)
                {
                  ok = FALSE;
                  prop_free (prop);
                  goto out_read;
                }
              g_ptr_array_add (import->events, event);
            }
          else if (strcmp (what, "VCALENDAR") == 0)
            in_calendar = FALSE;
          prop_free (prop);
        }
      else if (in_event && depth_skip == 0)
        g_ptr_array_add (props, prop);
      else
        prop_free (prop);
    }

  if (in_event)
    {
      KamIcalEvent *event = finish_event (store, &dir, &zones, props, notes, event_line, error);

      g_clear_pointer (&props, g_ptr_array_unref);
      g_clear_pointer (&notes, g_ptr_array_unref);
      if (event == NULL)
        {
          ok = FALSE;
          goto out_read;
        }
      event->action = KAM_ICAL_SKIP;
      add_message (event->messages, MAX_EVENT_MESSAGES, _("The file ends inside this event (no END:VEVENT): skipped"));
      g_ptr_array_add (import->events, event);
    }

  if (n_bad > MAX_FILE_MESSAGES)
    add_message (import->messages, MAX_FILE_MESSAGES + 1,
                 g_dngettext (GETTEXT_PACKAGE, "%u line in all is not an iCalendar property",
                              "%u lines in all are not iCalendar properties", n_bad), n_bad);
  if (import->events->len == 0)
    add_message (import->messages, MAX_FILE_MESSAGES + 2, _("No events in the file"));

  /* Two events of the file with one UID: the later one wins. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = import->events->len; i-- > 0;)
      {
        KamIcalEvent *e = g_ptr_array_index (import->events, i);

        if (e->action == KAM_ICAL_SKIP)
          continue;
        if (g_hash_table_contains (seen, e->uid))
          {
            e->action = KAM_ICAL_SKIP;
            add_message (e->messages, MAX_EVENT_MESSAGES, _("Its UID comes again later in the file: skipped"));
          }
        else
          g_hash_table_add (seen, e->uid);
      }
  }

  for (guint i = 0; i < import->events->len; i++)
    {
      KamIcalEvent *e = g_ptr_array_index (import->events, i);

      if (e->action == KAM_ICAL_CREATE)
        import->n_create++;
      else if (e->action == KAM_ICAL_UPDATE)
        import->n_update++;
      else
        import->n_skip++;
    }

out_read:
  kam_store_end_read (store);
out:
  g_clear_pointer (&props, g_ptr_array_unref);
  directory_clear (&dir);
  g_clear_pointer (&zones.local, g_time_zone_unref);
  g_clear_pointer (&zones.zones, g_hash_table_unref);
  return ok ? g_steal_pointer (&import) : NULL;
}

KamIcalImport *
kam_ical_import_prepare (KamStore    *store,
                         const char  *path,
                         GTimeZone   *tz,
                         GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  KamIcalImport *import;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, KAM_ICAL_ERROR, KAM_ICAL_ERROR_READ, "%s", local_error->message);
      return NULL;
    }
  if (g_file_info_get_size (info) > KAM_ICAL_MAX_BYTES)
    {
      g_set_error (error, KAM_ICAL_ERROR, KAM_ICAL_ERROR_TOO_BIG,
                   _("The file is too big for a calendar of visits (more than %u MB)"),
                   KAM_ICAL_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, KAM_ICAL_ERROR, KAM_ICAL_ERROR_READ, "%s", local_error->message);
      return NULL;
    }

  import = kam_ical_import_prepare_data (store, data, (gssize) length, tz, error);
  if (import != NULL)
    import->path = g_strdup (path);
  return import;
}

/* Import: writing ---------------------------------------------------------- */

static gboolean
set_field (KamRecord   *record,
           const char  *field,
           const char  *value,
           GError     **error)
{
  return kam_record_set_from_string (record, field, value != NULL ? value : "", error);
}

gboolean
kam_ical_import_apply (KamStore       *store,
                       KamIcalImport  *import,
                       guint          *n_created,
                       guint          *n_updated,
                       GError        **error)
{
  g_autoptr(GHashTable) new_accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) new_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint created = 0, updated = 0;

  if (!kam_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < import->events->len; i++)
    {
      KamIcalEvent *e = g_ptr_array_index (import->events, i);
      g_autoptr(KamRecord) visit = NULL;
      g_autoptr(GStrvBuilder) contacts = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) members = g_strv_builder_new ();
      g_auto(GStrv) contact_ids = NULL;
      g_auto(GStrv) member_ids = NULL;
      const char *account_id = e->account_id;
      g_autofree char *folded = NULL;

      if (e->action == KAM_ICAL_SKIP)
        continue;

      if (e->new_account)
        {
          folded = g_utf8_casefold (e->account_name, -1);
          account_id = g_hash_table_lookup (new_accounts, folded);
          if (account_id == NULL)
            {
              g_autoptr(KamRecord) account = kam_record_new (&kam_account_kind);

              if (e->account_id != NULL)
                kam_record_set_id (account, e->account_id);
              if (!set_field (account, "name", e->account_name, error) || !kam_store_save (store, account, error))
                goto fail;
              g_hash_table_insert (new_accounts, g_strdup (folded), g_strdup (kam_record_get_id (account)));
              account_id = g_hash_table_lookup (new_accounts, folded);
            }
        }

      for (guint k = 0; k < e->attendees->len; k++)
        {
          KamIcalAttendee *a = g_ptr_array_index (e->attendees, k);

          if (a->contact_id != NULL)
            g_strv_builder_add (contacts, a->contact_id);
          else if (a->member_id != NULL)
            g_strv_builder_add (members, a->member_id);
          else if (a->new_contact || a->new_member)
            {
              g_autofree char *key = g_strconcat (a->new_member ? "m:" : account_id, ":", a->email, NULL);
              const char *id = g_hash_table_lookup (new_people, key);

              if (id == NULL)
                {
                  g_autoptr(KamRecord) person = kam_record_new (a->new_member ? &kam_member_kind : &kam_contact_kind);

                  if ((!a->new_member && !set_field (person, "account_id", account_id, error))
                      || !set_field (person, "name", a->name, error)
                      || !set_field (person, "email", a->email, error)
                      || !kam_store_save (store, person, error))
                    goto fail;
                  g_hash_table_insert (new_people, g_strdup (key), g_strdup (kam_record_get_id (person)));
                  id = g_hash_table_lookup (new_people, key);
                }
              g_strv_builder_add (a->new_member ? members : contacts, id);
            }
        }
      contact_ids = g_strv_builder_end (contacts);
      member_ids = g_strv_builder_end (members);

      if (e->action == KAM_ICAL_UPDATE)
        {
          visit = kam_store_load (store, &kam_visit_kind, e->visit_id, error);
          if (visit == NULL)
            goto fail;
        }
      else
        {
          g_autofree char *own = g_strconcat (e->visit_id, UID_SUFFIX, NULL);

          visit = kam_record_new (&kam_visit_kind);
          kam_record_set_id (visit, e->visit_id);
          if (!set_field (visit, "account_id", account_id, error)
              || !set_field (visit, "external_id", strcmp (own, e->uid) == 0 ? "" : e->uid, error))
            goto fail;
        }

      if (!set_field (visit, "start_at", e->start_at, error)
          || !set_field (visit, "end_at", e->end_at, error)
          || !set_field (visit, "place", e->place, error)
          || !set_field (visit, "objective", e->objective, error))
        goto fail;
      if ((e->outcome != NULL && !set_field (visit, "outcome", e->outcome, error))
          || (e->next_steps != NULL && !set_field (visit, "next_steps", e->next_steps, error))
          || (e->follow_up != NULL && !set_field (visit, "follow_up", e->follow_up, error)))
        goto fail;
      g_object_set (visit, "kind", e->kind, NULL);
      if (e->status_known || e->action == KAM_ICAL_CREATE)
        g_object_set (visit, "status", e->status, NULL);
      if (e->attendees->len > 0 || e->action == KAM_ICAL_CREATE)
        g_object_set (visit, "contact-ids", contact_ids, "member-ids", member_ids, NULL);

      if (!kam_store_save (store, visit, error))
        goto fail;
      if (e->action == KAM_ICAL_UPDATE)
        updated++;
      else
        created++;
    }

  if (!kam_store_commit (store, error))
    goto fail;
  if (n_created != NULL)
    *n_created = created;
  if (n_updated != NULL)
    *n_updated = updated;
  return TRUE;

fail:
  kam_store_rollback (store);
  return FALSE;
}
