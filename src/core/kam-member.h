/* kam-member.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kam-enums.h"
#include "kam-record.h"

G_BEGIN_DECLS

#define KAM_TYPE_MEMBER (kam_member_get_type ())
G_DECLARE_FINAL_TYPE (KamMember, kam_member, KAM, MEMBER, KamRecord)

extern const KamRecordKind kam_member_kind;

KamMember *kam_member_new (void);

G_END_DECLS
