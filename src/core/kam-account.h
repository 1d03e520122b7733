/* kam-account.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kam-enums.h"
#include "kam-record.h"

G_BEGIN_DECLS

#define KAM_TYPE_ACCOUNT (kam_account_get_type ())
G_DECLARE_FINAL_TYPE (KamAccount, kam_account, KAM, ACCOUNT, KamRecord)

extern const KamRecordKind kam_account_kind;

KamAccount *kam_account_new                (void);
const char *kam_account_get_name           (KamAccount *self);
KamTier     kam_account_get_tier           (KamAccount *self);
double      kam_account_get_revenue        (KamAccount *self);
/* The target for @year from the targets list, or 0 when none is set. */
double      kam_account_get_target         (KamAccount *self,
                                            int         year);

G_END_DECLS
