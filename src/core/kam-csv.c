/* kam-csv.c — reading and writing CSV files as spreadsheets make them
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kam-csv.h"

G_DEFINE_QUARK (kam-csv-error-quark, kam_csv_error)

static void
kam_csv_row_free (KamCsvRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->fields);
  g_free (row);
}

void
kam_csv_free (KamCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->encoding);
  kam_csv_row_free (csv->header);
  g_clear_pointer (&csv->rows, g_ptr_array_unref);
  g_free (csv);
}

/* Decoding --------------------------------------------------------------- */

/* Text has few control characters besides tab and line ends; a file where
 * more than one byte in a hundred is one is binary. */
static gboolean
looks_binary (const char *text,
              gsize       length)
{
  gsize n_control = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];

      if (c == 0)
        return TRUE;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        n_control++;
    }
  return n_control > length / 100 + 1;
}

static char *
convert_or_fail (const char  *data,
                 gsize        length,
                 const char  *from,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize n_written = 0;
  char *text;

  text = g_convert (data, (gssize) length, "UTF-8", from, NULL, &n_written, &local_error);
  if (text == NULL)
    {
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_ENCODING,
                   _("The file says it is %s but is not valid %s text"), from, from);
      return NULL;
    }
  if (memchr (text, '\0', n_written) != NULL || looks_binary (text, n_written))
    {
      g_free (text);
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_BINARY,
                   _("This is not a text file (it holds binary data)"));
      return NULL;
    }
  return text;
}

char *
kam_csv_decode (const char  *data,
                gsize        length,
                char       **encoding,
                GError     **error)
{
  const guchar *u = (const guchar *) data;
  const char *found;
  char *text;

  if (length > KAM_CSV_MAX_BYTES)
    {
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB"), KAM_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (length >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    {
      found = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      text = convert_or_fail (data + 2, length - 2, found, error);
    }
  else
    {
      if (length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        {
          data += 3;
          length -= 3;
        }

      if (looks_binary (data, length))
        {
          g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_BINARY,
                       _("This is not a text file (it holds binary data)"));
          return NULL;
        }

      if (g_utf8_validate_len (data, length, NULL))
        {
          found = "UTF-8";
          text = g_strndup (data, length);
        }
      else
        {
          /* GB18030 is a superset of GBK and GB2312: what Chinese Excel and
           * WPS write for "CSV".  Random bytes fail it within a few bytes. */
          g_autoptr(GError) local_error = NULL;

          found = "GB18030";
          text = g_convert (data, (gssize) length, "UTF-8", "GB18030", NULL, NULL, &local_error);
          if (text == NULL)
            {
              g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_ENCODING,
                           _("The file is not text in UTF-8, UTF-16 or GB18030 (GBK): save it from the spreadsheet as “CSV UTF-8”"));
              return NULL;
            }
        }
    }

  if (text != NULL && encoding != NULL)
    *encoding = g_strdup (found);
  return text;
}

/* Parsing ---------------------------------------------------------------- */

static char
detect_separator (const char *text)
{
  guint n_comma = 0, n_semicolon = 0, n_tab = 0;
  gboolean quoted = FALSE;

  /* the first record, quotes respected */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        n_comma++;
      else if (*p == ';')
        n_semicolon++;
      else if (*p == '\t')
        n_tab++;
    }

  if (n_tab > n_comma && n_tab >= n_semicolon)
    return '\t';
  if (n_semicolon > n_comma)
    return ';';
  return ',';
}

static gboolean
end_field (GPtrArray  *fields,
           GString    *field,
           guint       line,
           GError    **error)
{
  if (fields->len >= KAM_CSV_MAX_COLUMNS)
    {
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_TOO_LARGE,
                   _("Line %u has more than %u columns"), line, KAM_CSV_MAX_COLUMNS);
      return FALSE;
    }
  g_ptr_array_add (fields, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
  return TRUE;
}

static KamCsvRow *
end_row (GPtrArray *fields,
         guint      line)
{
  KamCsvRow *row = g_new0 (KamCsvRow, 1);

  row->line = line;
  row->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  row->fields = (char **) g_ptr_array_steal (fields, NULL);
  return row;
}

static gboolean
row_is_blank (KamCsvRow *row)
{
  return row->n_fields == 1 && row->fields[0][0] == '\0';
}

static gboolean
split_records (KamCsv      *csv,
               const char  *text,
               GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_sized_new (64);
  const char sep = csv->separator;
  const char *p = text;
  guint line = 1;
  guint row_line = 1;
  gboolean quoted = FALSE;
  gboolean at_start = TRUE;   /* at the start of a field */
  guint quote_line = 0;

  while (TRUE)
    {
      char c = *p;

      if (c == '\0')
        {
          if (quoted)
            {
              g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_SYNTAX,
                           _("The quote opened on line %u is never closed"), quote_line);
              return FALSE;
            }
          if (!(fields->len == 0 && field->len == 0 && at_start))
            {
              if (!end_field (fields, field, line, error))
                return FALSE;
              g_ptr_array_add (csv->rows, end_row (fields, row_line));
            }
          break;
        }

      if (quoted)
        {
          if (c == '"')
            {
              if (p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                  continue;
                }
              quoted = FALSE;
              p++;
              continue;
            }
          if (c == '\n')
            line++;
          else if (c == '\r' && p[1] != '\n')
            line++;
          g_string_append_c (field, c);
          p++;
        }
      else if (c == '"' && at_start)
        {
          quoted = TRUE;
          quote_line = line;
          at_start = FALSE;
          p++;
          continue;
        }
      else if (c == sep)
        {
          if (!end_field (fields, field, line, error))
            return FALSE;
          at_start = TRUE;
          p++;
          continue;
        }
      else if (c == '\n' || c == '\r')
        {
          if (!end_field (fields, field, line, error))
            return FALSE;
          g_ptr_array_add (csv->rows, end_row (fields, row_line));
          p += (c == '\r' && p[1] == '\n') ? 2 : 1;
          line++;
          row_line = line;
          at_start = TRUE;
          continue;
        }
      else
        {
          /* a stray quote inside an unquoted field is kept, as Excel does */
          g_string_append_c (field, c);
          at_start = FALSE;
          p++;
        }

      if (field->len > KAM_CSV_MAX_FIELD)
        {
          g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_TOO_LARGE,
                       _("A field starting on line %u is longer than %u KB"),
                       quoted ? quote_line : line, KAM_CSV_MAX_FIELD / 1024);
          return FALSE;
        }
    }

  return TRUE;
}

KamCsv *
kam_csv_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(KamCsv) csv = g_new0 (KamCsv, 1);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  text = kam_csv_decode (data, length, &csv->encoding, error);
  if (text == NULL)
    return NULL;

  csv->separator = detect_separator (text);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_csv_row_free);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_csv_row_free);
  if (!split_records (csv, text, error))
    return NULL;

  /* blank lines out, the first row is the header */
  for (guint i = 0; i < csv->rows->len; i++)
    {
      KamCsvRow *row = g_ptr_array_index (csv->rows, i);

      if (row_is_blank (row))
        continue;
      if (csv->header == NULL)
        csv->header = row;
      else
        g_ptr_array_add (rows, row);
      csv->rows->pdata[i] = NULL;
    }
  g_ptr_array_unref (csv->rows);
  csv->rows = g_steal_pointer (&rows);

  if (csv->header == NULL)
    {
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_EMPTY,
                   _("The file is empty: a first row with the column names is needed"));
      return NULL;
    }
  for (guint i = 0; i < csv->header->n_fields; i++)
    g_strstrip (csv->header->fields[i]);

  return g_steal_pointer (&csv);
}

KamCsv *
kam_csv_read_file (const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info != NULL && g_file_info_get_size (info) > KAM_CSV_MAX_BYTES)
    {
      g_set_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB"), KAM_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error_literal (error, KAM_CSV_ERROR, KAM_CSV_ERROR_READ, local_error->message);
      return NULL;
    }

  return kam_csv_parse (data, length, error);
}

/* Writing ---------------------------------------------------------------- */

void
kam_csv_write_bom (GString *out)
{
  g_string_append (out, "\xEF\xBB\xBF");
}

void
kam_csv_write_field (GString    *out,
                     const char *text,
                     gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;

  if (strpbrk (text, ",;\"\r\n\t") != NULL || text[0] == ' ' || (text[0] != '\0' && text[strlen (text) - 1] == ' '))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

void
kam_csv_end_row (GString *out)
{
  g_string_append (out, "\r\n");
}
