/* kam-collate.c — names sorted as the user's language sorts them
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-collate"

#include "config.h"

#include <gnu/libc-version.h>
#include <locale.h>
#include <string.h>

#include "kam-collate.h"

/* The keys follow the zh_CN collation whatever the program's own locale,
 * so that they can be indexed: every connection (the window, kam under
 * another LANG, the sync thread) computes the same key for a name.  Without
 * the zh_CN locale on the machine, a key is the name itself. */
static locale_t
zh_locale (void)
{
  static gsize once = 0;
  static locale_t zh = (locale_t) 0;

  if (g_once_init_enter (&once))
    {
      zh = newlocale (LC_COLLATE_MASK, "zh_CN.UTF-8", (locale_t) 0);
      if (zh == (locale_t) 0)
        zh = newlocale (LC_COLLATE_MASK, "zh_CN.utf8", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return zh;
}

static char *
make_key (const char *text)
{
  g_autofree char *norm = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  locale_t zh = zh_locale ();
  size_t n;
  char *key;

  if (norm == NULL)   /* not valid UTF-8: sorted by its bytes */
    return g_strdup (text);
  if (zh == (locale_t) 0)
    return g_steal_pointer (&norm);

  n = strxfrm_l (NULL, norm, 0, zh);
  key = g_malloc (n + 1);
  strxfrm_l (key, norm, n + 1, zh);
  return key;
}

const char *
kam_collate_signature (void)
{
  static char *signature = NULL;

  if (g_once_init_enter (&signature))
    g_once_init_leave (&signature, g_strdup_printf ("glibc %s, %s", gnu_get_libc_version (),
                                                    zh_locale () != (locale_t) 0 ? "zh_CN" : "no zh_CN"));
  return signature;
}

/* Keys of this many names are kept per connection; then the cache starts
 * again (a list of more names is sorted at the cost of making the keys). */
#define CACHE_MAX 500000

static void
collate_key_func (sqlite3_context  *ctx,
                  int               argc,
                  sqlite3_value   **argv)
{
  GHashTable *cache = sqlite3_user_data (ctx);
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *key;

  if (text == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }

  key = g_hash_table_lookup (cache, text);
  if (key == NULL)
    {
      if (g_hash_table_size (cache) >= CACHE_MAX)
        g_hash_table_remove_all (cache);
      key = make_key (text);
      g_hash_table_insert (cache, g_strdup (text), key);
    }
  /* the key is a C string; sorted as a blob, byte by byte */
  sqlite3_result_blob (ctx, key, (int) strlen (key), SQLITE_TRANSIENT);
}

static void
cache_free (void *cache)
{
  g_hash_table_unref (cache);
}

void
kam_collate_register (sqlite3 *db)
{
  GHashTable *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Deterministic: the same name gives the same key in every connection on
   * this machine (kam_collate_signature() says when that changes). */
  sqlite3_create_function_v2 (db, "kam_collate_key", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              cache, collate_key_func, NULL, NULL, cache_free);
}

gboolean
kam_collate_is_pinyin (void)
{
  const char *collate = setlocale (LC_COLLATE, NULL);

  return collate != NULL && g_str_has_prefix (collate, "zh");
}
