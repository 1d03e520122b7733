/* kam-search.h — the text search over accounts and contacts
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text is indexed by SQLite FTS5 after our own tokenization: Latin words
 * (lower case) and, for Chinese, Japanese and Korean runs, every character
 * pair in order followed by every single character.  A query for a Latin word
 * is a prefix query ("zh" finds Zhang); a query for one Han character looks up
 * the single characters; a longer Han run becomes the phrase of its character
 * pairs, which matches exactly where the run occurs as a substring ("中国电"
 * is the phrase "中国 国电").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The indexed form of @text: tokens separated by spaces. */
char *kam_search_tokens     (const char *text);

/* An FTS5 MATCH expression for what a person typed, or NULL when @query has
 * nothing to search for (only spaces or punctuation).  @column restricts the
 * match to one column when not NULL. */
char *kam_search_match_expr (const char *query,
                             const char *column);

G_END_DECLS
