/* kam-vcard.c — contacts from and to vCard files
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-vcard"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kam-csv.h"
#include "kam-model.h"
#include "kam-vcard.h"

/* the columns of the import a card fills */
enum { COL_ACCOUNT, COL_NAME, COL_DEPARTMENT, COL_TITLE, COL_EMAIL, COL_PHONE, COL_NOTES, COL_EXTERNAL, N_COLS };
static const char * const card_targets[] = {
  "account", "name", "department", "title", "email", "phone", "notes", "external_id", NULL
};

typedef struct {
  guint    line;
  char    *fn;
  char    *family;
  char    *given;
  char    *org;
  char    *department;
  char    *title;
  char    *email;
  char    *phone;
  gboolean phone_is_cell;
  char    *note;
  char    *adr;
  char    *bday;
  char    *uid;
} Card;

static void
card_clear (Card *c)
{
  g_free (c->fn);
  g_free (c->family);
  g_free (c->given);
  g_free (c->org);
  g_free (c->department);
  g_free (c->title);
  g_free (c->email);
  g_free (c->phone);
  g_free (c->note);
  g_free (c->adr);
  g_free (c->bday);
  g_free (c->uid);
  memset (c, 0, sizeof *c);
}

/* Reading ---------------------------------------------------------------- */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static GString *
decode_qp (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '=' && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
        {
          g_string_append_c (out, (char) (hex_value (p[1]) * 16 + hex_value (p[2])));
          p += 2;
        }
      else if (*p == '=' && (p[1] == '\r' || p[1] == '\n' || p[1] == '\0'))
        {
          /* a soft line break left over */
          while (p[1] == '\r' || p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return out;
}

/* Bytes of a value as UTF-8: the CHARSET parameter, else UTF-8, else GB18030
 * (what Chinese phones wrote without saying). */
static char *
to_utf8 (const char *bytes,
         gsize       length,
         const char *charset)
{
  char *text;

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    {
      const char *from = charset;

      if (g_ascii_strcasecmp (charset, "GBK") == 0 || g_ascii_strcasecmp (charset, "GB2312") == 0)
        from = "GB18030";
      text = g_convert (bytes, (gssize) length, "UTF-8", from, NULL, NULL, NULL);
      if (text != NULL)
        return text;
    }
  if (g_utf8_validate_len (bytes, length, NULL))
    return g_strndup (bytes, length);
  text = g_convert (bytes, (gssize) length, "UTF-8", "GB18030", NULL, NULL, NULL);
  if (text != NULL)
    return text;
  return g_utf8_make_valid (bytes, (gssize) length);
}

/* Splits @value at unescaped @sep (';' for N, ADR, ORG; NUL for none) and
 * unescapes each piece (\n, \, \; \\). */
static char **
split_unescape (const char *value,
                char        sep)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) part = g_string_new (NULL);

  for (const char *p = value; ; p++)
    {
      if (*p == '\0' || (sep != '\0' && *p == sep))
        {
          g_ptr_array_add (parts, g_strdup (part->str));
          g_string_truncate (part, 0);
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (part, (*p == 'n' || *p == 'N') ? '\n' : *p);
          continue;
        }
      g_string_append_c (part, *p);
    }
  g_ptr_array_add (parts, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&parts), FALSE);
}

static char *
join_nonempty (char       **parts,
               guint        from,
               const char  *sep)
{
  GString *out = g_string_new (NULL);

  for (guint i = from; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, sep);
      g_string_append (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

static void
set_once (char       **slot,
          const char  *value)
{
  if (*slot == NULL && value != NULL && *value != '\0')
    *slot = g_strdup (value);
}

/* One unfolded content line into the card. */
static void
read_property (Card       *card,
               const char *line)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) params = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  const char *colon = NULL;
  gboolean quoted = FALSE, qp = FALSE, base64 = FALSE, cell = FALSE;
  const char *dot;
  g_autofree char *head = NULL;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        {
          colon = p;
          break;
        }
    }
  if (colon == NULL)
    return;

  head = g_strndup (line, colon - line);
  params = g_strsplit (head, ";", -1);
  dot = strrchr (params[0], '.');   /* "item1.TEL": a group */
  name = g_ascii_strup (dot != NULL ? dot + 1 : params[0], -1);

  for (guint i = 1; params[i] != NULL; i++)
    {
      char *eq = strchr (params[i], '=');
      g_autofree char *key = g_ascii_strup (params[i], eq != NULL ? eq - params[i] : -1);
      const char *value = eq != NULL ? eq + 1 : params[i];
      g_autofree char *upper = g_ascii_strup (value, -1);

      if (g_str_equal (key, "CHARSET"))
        { g_free (charset); charset = g_strdup (value); }
      else if (strstr (upper, "QUOTED-PRINTABLE") != NULL)
        qp = TRUE;
      else if (g_str_equal (upper, "B") || g_str_equal (upper, "BASE64"))
        base64 = TRUE;
      if (strstr (upper, "CELL") != NULL)
        cell = TRUE;
    }
  if (base64)
    return;  /* photos and sounds */

  if (qp)
    {
      g_autoptr(GString) bytes = decode_qp (colon + 1);
      text = to_utf8 (bytes->str, bytes->len, charset);
    }
  else
    text = to_utf8 (colon + 1, strlen (colon + 1), charset);

  if (g_str_equal (name, "FN"))
    {
      parts = split_unescape (text, '\0');
      g_strstrip (parts[0]);
      set_once (&card->fn, parts[0]);
    }
  else if (g_str_equal (name, "N"))
    {
      parts = split_unescape (text, ';');
      set_once (&card->family, g_strstrip (parts[0]));
      if (parts[0] != NULL && parts[1] != NULL)
        set_once (&card->given, g_strstrip (parts[1]));
    }
  else if (g_str_equal (name, "ORG"))
    {
      parts = split_unescape (text, ';');
      set_once (&card->org, g_strstrip (parts[0]));
      if (parts[0] != NULL && parts[1] != NULL)
        {
          g_autofree char *dept = join_nonempty (parts, 1, " / ");
          set_once (&card->department, dept);
        }
    }
  else if (g_str_equal (name, "TITLE") || g_str_equal (name, "EMAIL")
           || g_str_equal (name, "NOTE") || g_str_equal (name, "BDAY") || g_str_equal (name, "UID"))
    {
      char **slot = g_str_equal (name, "TITLE") ? &card->title
                    : g_str_equal (name, "EMAIL") ? &card->email
                    : g_str_equal (name, "NOTE") ? &card->note
                    : g_str_equal (name, "BDAY") ? &card->bday : &card->uid;

      parts = split_unescape (text, '\0');
      set_once (slot, g_strstrip (parts[0]));
    }
  else if (g_str_equal (name, "TEL"))
    {
      const char *number;

      parts = split_unescape (text, '\0');
      number = g_strstrip (parts[0]);
      if (g_str_has_prefix (number, "tel:"))
        number += 4;
      /* a mobile number first: it is the one that reaches the person */
      if (*number != '\0' && (card->phone == NULL || (cell && !card->phone_is_cell)))
        {
          g_free (card->phone);
          card->phone = g_strdup (number);
          card->phone_is_cell = cell;
        }
    }
  else if (g_str_equal (name, "ADR"))
    {
      g_autofree char *adr = NULL;

      parts = split_unescape (text, ';');
      adr = join_nonempty (parts, 0, ", ");
      set_once (&card->adr, adr);
    }
}

static gboolean
is_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static void
add_card (KamImport  *import,
          Card       *card,
          const char *default_account)
{
  const char *values[N_COLS] = { 0, };
  g_autofree char *name = NULL;
  g_autoptr(GString) notes = g_string_new (card->note);

  if (card->fn != NULL)
    name = g_strdup (card->fn);
  else if (card->family != NULL || card->given != NULL)
    {
      const char *f = card->family ? card->family : "";
      const char *g = card->given ? card->given : "";

      if (*f == '\0' || *g == '\0' || is_han (f) || is_han (g))
        name = g_strconcat (f, g, NULL);
      else
        name = g_strconcat (g, " ", f, NULL);
    }

  if (card->adr != NULL)
    {
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append_printf (notes, _("Address: %s"), card->adr);
    }
  if (card->bday != NULL)
    {
      GDate date;
      char buf[16];
      const char *bday = card->bday;

      /* 3.0 allows 19800315 and 1980-03-15 */
      if (strlen (bday) == 8 && g_date_valid_dmy (atoi (bday + 6), (bday[4] - '0') * 10 + bday[5] - '0', atoi (bday) / 10000))
        {
          g_date_clear (&date, 1);
          g_date_set_dmy (&date, atoi (bday + 6), (bday[4] - '0') * 10 + bday[5] - '0', atoi (bday) / 10000);
          g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
          bday = buf;
        }
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append_printf (notes, _("Birthday: %s"), bday);
    }

  values[COL_ACCOUNT] = card->org != NULL ? card->org : default_account;
  values[COL_NAME] = name;
  values[COL_DEPARTMENT] = card->department;
  values[COL_TITLE] = card->title;
  values[COL_EMAIL] = card->email;
  values[COL_PHONE] = card->phone;
  values[COL_NOTES] = notes->str;
  values[COL_EXTERNAL] = card->uid;
  kam_import_add_row (import, card->line, values);
}

KamImport *
kam_vcard_import_new (KamStore    *store,
                      const char  *data,
                      gsize        length,
                      const char  *default_account,
                      GError     **error)
{
  g_autoptr(KamImport) import = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *copy = NULL;
  Card card = { 0, };
  gboolean in_card = FALSE;
  guint n_cards = 0;
  guint line_no = 0;
  const char *p;

  if (length > KAM_CSV_MAX_BYTES)
    {
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB"), KAM_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_BINARY,
                   _("This is not a text file (it holds binary data)"));
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  copy = g_strndup (data, length);

  /* Lines, unfolded: a line that starts with a space or tab continues the
   * one before (3.0, 4.0); a quoted-printable value that ends with "=" goes
   * on on the next line (2.1).  Each line keeps its number in front. */
  p = copy;
  while (*p != '\0')
    {
      const char *end = p + strcspn (p, "\r\n");
      g_autofree char *line = g_strndup (p, end - p);

      line_no++;
      p = end;
      if (*p == '\r' && p[1] == '\n')
        p += 2;
      else if (*p != '\0')
        p++;

      if ((line[0] == ' ' || line[0] == '\t') && lines->len > 0)
        {
          char **last = (char **) &lines->pdata[lines->len - 1];
          char *joined = g_strconcat (*last, line + 1, NULL);

          g_free (*last);
          *last = joined;
          continue;
        }
      if (lines->len > 0)
        {
          char **last = (char **) &lines->pdata[lines->len - 1];
          gsize n = strlen (*last);
          g_autofree char *upper = g_ascii_strup (*last, -1);

          if (n > 0 && (*last)[n - 1] == '=' && strstr (upper, "QUOTED-PRINTABLE") != NULL)
            {
              char *joined;

              (*last)[n - 1] = '\0';
              joined = g_strconcat (*last, line, NULL);
              g_free (*last);
              *last = joined;
              continue;
            }
        }
      if (line[0] == '\0')
        continue;
      g_ptr_array_add (lines, g_strdup_printf ("%u\x1f%s", line_no, line));
    }

  import = kam_import_new_for_targets (store, &kam_contact_kind, card_targets);

  for (guint i = 0; i < lines->len; i++)
    {
      char *sep = strchr (lines->pdata[i], '\x1f');
      guint number = (guint) atoi (lines->pdata[i]);
      const char *line = sep + 1;

      if (g_ascii_strcasecmp (line, "BEGIN:VCARD") == 0)
        {
          card_clear (&card);
          card.line = number;
          in_card = TRUE;
        }
      else if (g_ascii_strcasecmp (line, "END:VCARD") == 0 && in_card)
        {
          add_card (import, &card, default_account);
          card_clear (&card);
          in_card = FALSE;
          n_cards++;
        }
      else if (in_card)
        read_property (&card, line);
    }
  card_clear (&card);

  if (n_cards == 0)
    {
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_EMPTY,
                   _("No vCard in the file (BEGIN:VCARD … END:VCARD)"));
      return NULL;
    }
  return g_steal_pointer (&import);
}

KamImport *
kam_vcard_read_file (KamStore    *store,
                     const char  *path,
                     const char  *default_account,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error_literal (error, KAM_CSV_ERROR, KAM_CSV_ERROR_READ, local_error->message);
      return NULL;
    }
  return kam_vcard_import_new (store, data, length, default_account, error);
}

/* Writing ---------------------------------------------------------------- */

void
kam_vcard_append_folded (GString    *out,
                         const char *line)
{
  gsize len = strlen (line);
  gsize pos = 0;
  gsize limit = 75;

  while (len - pos > limit)
    {
      gsize cut = pos + limit;

      /* back to the start of a character */
      while (cut > pos && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      limit = 74;  /* the space counts */
    }
  g_string_append (out, line + pos);
  g_string_append (out, "\r\n");
}

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || *value == '\0')
    return;
  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  kam_vcard_append_folded (out, line->str);
}

/* "张伟" -> 张 ; 伟, "Anna Schmidt" -> Schmidt ; Anna */
static void
split_name (const char  *name,
            char       **family,
            char       **given)
{
  const char *space = strrchr (name, ' ');

  if (space != NULL)
    {
      *family = g_strdup (space + 1);
      *given = g_strstrip (g_strndup (name, space - name));
    }
  else if (is_han (name) && g_utf8_strlen (name, -1) >= 2)
    {
      const char *second = g_utf8_next_char (name);

      *family = g_strndup (name, second - name);
      *given = g_strdup (second);
    }
  else
    {
      *family = g_strdup (name);
      *given = g_strdup ("");
    }
}

static int
compare_contacts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GHashTable *account_names = user_data;
  KamRecord *ra = *(KamRecord **) a;
  KamRecord *rb = *(KamRecord **) b;
  int c = g_utf8_collate (g_hash_table_lookup (account_names, kam_record_get_string (ra, "account_id")),
                          g_hash_table_lookup (account_names, kam_record_get_string (rb, "account_id")));

  if (c != 0)
    return c;
  return g_utf8_collate (kam_record_get_string (ra, "name"), kam_record_get_string (rb, "name"));
}

char *
kam_vcard_export (KamStore         *store,
                  const char       *account_id,
                  KamVCardVersion   version,
                  guint            *n_cards,
                  GError          **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) account_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  accounts = kam_store_load_all (store, &kam_account_kind, error);
  contacts = accounts != NULL ? kam_store_load_all (store, &kam_contact_kind, error) : NULL;
  if (contacts == NULL)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      KamRecord *a = g_ptr_array_index (accounts, i);

      g_hash_table_insert (account_names, (gpointer) kam_record_get_id (a),
                           (gpointer) kam_record_get_string (a, "name"));
    }
  if (account_id != NULL && !g_hash_table_contains (account_names, account_id))
    {
      g_string_free (out, TRUE);
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                   _("No account with the id %s"), account_id);
      return NULL;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      KamRecord *c = g_ptr_array_index (contacts, i);

      if (account_id == NULL || g_strcmp0 (kam_record_get_string (c, "account_id"), account_id) == 0)
        g_ptr_array_add (chosen, c);
    }
  g_ptr_array_sort_with_data (chosen, compare_contacts, account_names);

  for (guint i = 0; i < chosen->len; i++)
    {
      KamRecord *c = g_ptr_array_index (chosen, i);
      const char *name = kam_record_get_string (c, "name");
      const char *dept = kam_record_get_string (c, "department");
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append (out, "BEGIN:VCARD\r\n");
      g_string_append (out, version == KAM_VCARD_4_0 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");
      if (version == KAM_VCARD_4_0)
        g_string_append_printf (out, "UID:urn:uuid:%s\r\n", kam_record_get_id (c));
      else
        g_string_append_printf (out, "UID:%s\r\n", kam_record_get_id (c));
      append_property (out, "FN", name);

      split_name (name, &family, &given);
      g_string_append (line, "N:");
      append_escaped (line, family);
      g_string_append_c (line, ';');
      append_escaped (line, given);
      g_string_append (line, ";;;");
      kam_vcard_append_folded (out, line->str);

      g_string_assign (line, "ORG:");
      append_escaped (line, g_hash_table_lookup (account_names, kam_record_get_string (c, "account_id")));
      if (dept != NULL && *dept != '\0')
        {
          g_string_append_c (line, ';');
          append_escaped (line, dept);
        }
      kam_vcard_append_folded (out, line->str);

      append_property (out, "TITLE", kam_record_get_string (c, "title"));
      append_property (out, version == KAM_VCARD_4_0 ? "EMAIL;TYPE=work" : "EMAIL;TYPE=INTERNET,WORK",
                       kam_record_get_string (c, "email"));
      append_property (out, version == KAM_VCARD_4_0 ? "TEL;TYPE=work" : "TEL;TYPE=WORK",
                       kam_record_get_string (c, "phone"));
      append_property (out, "NOTE", kam_record_get_string (c, "notes"));
      g_string_append (out, "END:VCARD\r\n");
    }

  if (n_cards != NULL)
    *n_cards = chosen->len;
  return g_string_free (out, FALSE);
}
