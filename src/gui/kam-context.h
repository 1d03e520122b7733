/* kam-context.h — what the views share: the store and the settings
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handed to every view instead of globals (as GcalContext in GNOME
 * Calendar).  It also keeps the small lookups many rows need: member names
 * and the coverage of every account, refreshed when the store changes.
 */
#pragma once

#include <gio/gio.h>

#include "kam-insights.h"
#include "kam-store.h"

G_BEGIN_DECLS

#define KAM_TYPE_CONTEXT (kam_context_get_type ())
G_DECLARE_FINAL_TYPE (KamContext, kam_context, KAM, CONTEXT, GObject)

KamContext  *kam_context_new                (KamStore   *store,
                                             GSettings  *settings);
KamStore    *kam_context_get_store          (KamContext *self);
GSettings   *kam_context_get_settings       (KamContext *self);

/* The name of a team member, "" when @member_id is NULL or unknown. */
const char  *kam_context_get_member_name    (KamContext *self,
                                             const char *member_id);
/* Team members as (id, name) pairs sorted by name: a GListModel of
 * GtkStringObject-like KamMember records. */
GListModel  *kam_context_get_members        (KamContext *self);
/* The member named in the owner-name setting, or NULL. */
const char  *kam_context_get_me             (KamContext *self);

/* Coverage of an account as of today, NULL when unknown. */
const KamAccountCoverage *kam_context_get_coverage (KamContext *self,
                                                    const char *account_id);

/* Distinct values in use, for filter choices: "industry" or "region". */
GStrv        kam_context_dup_account_values (KamContext *self,
                                             const char *field);

/* TRUE when the first language of the user is Chinese: money in 万/亿,
 * Chinese account names first. */
gboolean     kam_context_reads_chinese      (void);

/* Whole calendar days from the local date of @iso (a stored UTC date and
 * time) to today; FALSE when @iso is empty or not a date. */
gboolean     kam_context_days_since         (const char *iso,
                                             int        *days);

/* Money for people: "¥1,250,000" / "¥125万" per locale and currency. */
char        *kam_context_format_money       (KamContext *self,
                                             double      amount,
                                             const char *currency);

G_END_DECLS
