/* kam-contact.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kam-enums.h"
#include "kam-record.h"

G_BEGIN_DECLS

#define KAM_TYPE_CONTACT (kam_contact_get_type ())
G_DECLARE_FINAL_TYPE (KamContact, kam_contact, KAM, CONTACT, KamRecord)

extern const KamRecordKind kam_contact_kind;

KamContact *kam_contact_new (void);

G_END_DECLS
