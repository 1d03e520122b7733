/* kam-opportunity.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kam-enums.h"
#include "kam-record.h"

G_BEGIN_DECLS

#define KAM_TYPE_OPPORTUNITY (kam_opportunity_get_type ())
G_DECLARE_FINAL_TYPE (KamOpportunity, kam_opportunity, KAM, OPPORTUNITY, KamRecord)

extern const KamRecordKind kam_opportunity_kind;

KamOpportunity *kam_opportunity_new (void);

/* The probability in force: the user's override when set, else the stage's
 * default; closed won is always 100 and closed lost 0. */
int kam_opportunity_get_effective_probability (KamOpportunity *self);

G_END_DECLS
