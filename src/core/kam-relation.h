/* kam-relation.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kam-enums.h"
#include "kam-record.h"

G_BEGIN_DECLS

#define KAM_TYPE_RELATION (kam_relation_get_type ())
G_DECLARE_FINAL_TYPE (KamRelation, kam_relation, KAM, RELATION, KamRecord)

extern const KamRecordKind kam_relation_kind;

KamRelation *kam_relation_new (void);

G_END_DECLS
