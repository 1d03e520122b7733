/* kam-contact.c — a person at a customer account
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-contact"

#include "config.h"

#include "kam-contact.h"
#include "kam-fields-private.h"

static const KamField contact_fields[] = {
  FIELD_REF_REQ ("account_id", N_("Account"), "account"),
  FIELD_TEXT_REQ ("name", N_("Name")),
  FIELD_TEXT ("title", N_("Title")),
  FIELD_TEXT ("department", N_("Department")),
  FIELD_TEXT ("email", N_("Email")),
  FIELD_TEXT ("phone", N_("Phone")),
  FIELD_REF ("reports_to_id", N_("Reports to"), "contact"),
  FIELD_ENUM ("decision_role", N_("Decision role"), kam_role_get_type, KAM_ROLE_NONE),
  FIELD_INT ("influence", N_("Influence"), 1, 5, 3),
  FIELD_INT ("attitude", N_("Attitude"), -2, 2, 0),
  FIELD_INT ("strength", N_("Relationship strength"), 0, 4, 0),
  FIELD_REF ("owner_id", N_("Our owner"), "member"),
  FIELD_TEXT ("notes", N_("Personal notes")),
  FIELD_TEXT ("external_id", N_("External ID")),
  FIELD_LOCAL_DATETIME ("last_met", N_("Last met")),
};

const KamRecordKind kam_contact_kind = {
  .name = "contact",
  .label = N_("contact"),
  .get_type = kam_contact_get_type,
  .fields = contact_fields,
  .n_fields = G_N_ELEMENTS (contact_fields),
};

KAM_DEFINE_RECORD_KIND (KamContact, kam_contact, kam_contact_kind)
