/* kam-visit.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kam-enums.h"
#include "kam-record.h"

G_BEGIN_DECLS

#define KAM_TYPE_VISIT (kam_visit_get_type ())
G_DECLARE_FINAL_TYPE (KamVisit, kam_visit, KAM, VISIT, KamRecord)

extern const KamRecordKind kam_visit_kind;

KamVisit *kam_visit_new (void);

G_END_DECLS
