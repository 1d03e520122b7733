/* kam-collate.h — names sorted as the user's language sorts them
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under a Chinese locale (LC_COLLATE zh_*), lists sorted by a text field
 * order by kam_collate_key (field): the strxfrm() key of the name in glibc's
 * zh_CN collation, which orders by pinyin (阿里巴巴, 比亚迪, 华为, 张伟,
 * 中国石化), Latin names after the Chinese ones.  The key does not depend on
 * the program's locale, so names have an index of keys (account_name_key,
 * contact_name_key); other text fields are sorted by keys computed as the
 * query runs, with a cache per connection.  Other locales keep the NOCASE
 * index.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers the SQL function kam_collate_key(text) on @db. */
void      kam_collate_register   (sqlite3 *db);

/* What the keys depend on (the C library and whether it has zh_CN): the
 * store rebuilds the indexes of keys when a database moves to a machine
 * where this differs. */
const char *kam_collate_signature (void);

/* Whether lists sorted by text use kam_collate_key() (a Chinese locale). */
gboolean  kam_collate_is_pinyin  (void);

G_END_DECLS
