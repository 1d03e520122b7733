/* kam-export.h — a list as a CSV file for spreadsheets
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records of a KamQuery, filtered and sorted as the list shows them,
 * as CSV: UTF-8 with a BOM, RFC 4180 quoting, CRLF line ends, the column
 * names in the language of the user.  Accounts and owners appear by name,
 * choices by their labels, times in local time: what a reader expects, and
 * what kam-import reads back.
 */
#pragma once

#include "kam-list.h"

G_BEGIN_DECLS

char     *kam_export_csv_data (KamStore        *store,
                               const KamQuery  *query,
                               guint           *n_rows,
                               GError         **error);
gboolean  kam_export_csv      (KamStore        *store,
                               const KamQuery  *query,
                               const char      *path,
                               guint           *n_rows,
                               GError         **error);

G_END_DECLS
