/* kam-search.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-search"

#include "config.h"

#include "kam-search.h"

typedef enum {
  CHAR_SEPARATOR,
  CHAR_WORD,
  CHAR_CJK,
} CharClass;

static CharClass
classify (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      if (g_unichar_isalnum (c))
        return CHAR_CJK;
      break;
    default:
      break;
    }

  return g_unichar_isalnum (c) ? CHAR_WORD : CHAR_SEPARATOR;
}

typedef void (*RunFunc) (CharClass       klass,
                         const gunichar *chars,
                         gsize           n,
                         gpointer        user_data);

/* Splits @text into runs of word characters and runs of CJK characters. */
static void
split_runs (const char *text,
            RunFunc     func,
            gpointer    user_data)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  glong start = 0;

  if (text == NULL)
    return;

  chars = g_utf8_to_ucs4 (text, -1, NULL, &n, NULL);
  if (chars == NULL)
    return;

  while (start < n)
    {
      CharClass klass = classify (chars[start]);
      glong end = start + 1;

      while (end < n && classify (chars[end]) == klass)
        end++;

      if (klass != CHAR_SEPARATOR)
        func (klass, chars + start, end - start, user_data);
      start = end;
    }
}

static void
append_chars (GString        *out,
              const gunichar *chars,
              gsize           n,
              gboolean        fold)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_unichar (out, fold ? g_unichar_tolower (chars[i]) : chars[i]);
}

static void
index_run_cb (CharClass       klass,
              const gunichar *chars,
              gsize           n,
              gpointer        user_data)
{
  GString *out = user_data;

  if (klass == CHAR_WORD)
    {
      if (out->len)
        g_string_append_c (out, ' ');
      append_chars (out, chars, n, TRUE);
      return;
    }

  for (gsize i = 0; i + 1 < n; i++)
    {
      if (out->len)
        g_string_append_c (out, ' ');
      append_chars (out, chars + i, 2, FALSE);
    }
  for (gsize i = 0; i < n; i++)
    {
      if (out->len)
        g_string_append_c (out, ' ');
      append_chars (out, chars + i, 1, FALSE);
    }
}

char *
kam_search_tokens (const char *text)
{
  GString *out = g_string_new (NULL);

  split_runs (text, index_run_cb, out);
  return g_string_free (out, FALSE);
}

static void
query_run_cb (CharClass       klass,
              const gunichar *chars,
              gsize           n,
              gpointer        user_data)
{
  GString *out = user_data;

  if (out->len)
    g_string_append (out, " AND ");

  /* Tokens hold letters and digits only, so they need no escaping inside
   * the double quotes of an FTS5 string. */
  g_string_append_c (out, '"');
  if (klass == CHAR_WORD)
    {
      append_chars (out, chars, n, TRUE);
      g_string_append (out, "\"*");
      return;
    }

  if (n == 1)
    append_chars (out, chars, 1, FALSE);
  for (gsize i = 0; i + 1 < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_chars (out, chars + i, 2, FALSE);
    }
  g_string_append_c (out, '"');
}

char *
kam_search_match_expr (const char *query,
                       const char *column)
{
  g_autoptr(GString) terms = g_string_new (NULL);

  split_runs (query, query_run_cb, terms);
  if (terms->len == 0)
    return NULL;

  if (column != NULL)
    return g_strdup_printf ("{%s} : (%s)", column, terms->str);
  return g_strdup (terms->str);
}
