/* kam-collate.h — names sorted as the user's language sorts them
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under a Chinese locale (LC_COLLATE zh_*), lists sorted by a text field
 * order by kam_collate_key (field): g_utf8_collate_key(), which glibc's
 * zh_CN locale orders by pinyin (阿里巴巴, 比亚迪, 华为, 张伟, 中国石化),
 * Latin names after the Chinese ones.  SQLite computes the key once per row
 * and sorts the keys as bytes; a cache per connection makes the next page of
 * the same list cost a lookup per row.  Other locales keep the NOCASE index.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers the SQL function kam_collate_key(text) on @db. */
void      kam_collate_register   (sqlite3 *db);

/* Whether lists sorted by text use kam_collate_key() (a Chinese locale). */
gboolean  kam_collate_is_pinyin  (void);

G_END_DECLS
