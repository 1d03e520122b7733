/* kam-collate.c — names sorted as the user's language sorts them
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-collate"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "kam-collate.h"

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
      key = g_utf8_collate_key (text, -1);
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

  /* Deterministic within a connection: the locale does not change under a
   * running program. */
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
