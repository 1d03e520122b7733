/* kam-member.c — one of our own people
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-member"

#include "config.h"

#include "kam-fields-private.h"
#include "kam-member.h"

static const KamField member_fields[] = {
  FIELD_TEXT_REQ ("name", N_("Name")),
  FIELD_TEXT ("role", N_("Role")),
  FIELD_TEXT ("email", N_("Email")),
  FIELD_TEXT ("phone", N_("Phone")),
};

const KamRecordKind kam_member_kind = {
  .name = "member",
  .label = N_("team member"),
  .get_type = kam_member_get_type,
  .fields = member_fields,
  .n_fields = G_N_ELEMENTS (member_fields),
};

KAM_DEFINE_RECORD_KIND (KamMember, kam_member, kam_member_kind)
