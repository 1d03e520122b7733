/* kam-relation.c — influence, alliance or rivalry between two contacts
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-relation"

#include "config.h"

#include "kam-fields-private.h"
#include "kam-relation.h"

static const KamField relation_fields[] = {
  FIELD_REF_REQ ("from_id", N_("From"), "contact"),
  FIELD_REF_REQ ("to_id", N_("To"), "contact"),
  FIELD_ENUM ("kind", N_("Kind"), kam_relation_kind_get_type, KAM_RELATION_INFLUENCES),
  FIELD_INT ("strength", N_("Strength"), 1, 3, 2),
};

const KamRecordKind kam_relation_kind = {
  .name = "relation",
  .label = N_("relation"),
  .get_type = kam_relation_get_type,
  .fields = relation_fields,
  .n_fields = G_N_ELEMENTS (relation_fields),
};

KAM_DEFINE_RECORD_KIND (KamRelation, kam_relation, kam_relation_kind)
