/* kam-visit.c — a visit, call, meal or event with an account
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-visit"

#include "config.h"

#include "kam-fields-private.h"
#include "kam-visit.h"

static const KamField visit_fields[] = {
  FIELD_REF_REQ ("account_id", N_("Account"), "account"),
  FIELD_DATETIME_REQ ("start_at", N_("Start")),
  FIELD_DATETIME_REQ ("end_at", N_("End")),
  FIELD_TEXT ("place", N_("Place")),
  FIELD_ENUM ("kind", N_("Kind"), kam_visit_kind_get_type, KAM_VISIT_KIND_VISIT),
  FIELD_TEXT ("objective", N_("Objective")),
  FIELD_REFS ("contact_ids", N_("Their attendees"), "contact", "visit_contact"),
  FIELD_REFS ("member_ids", N_("Our attendees"), "member", "visit_member"),
  FIELD_ENUM ("status", N_("Status"), kam_visit_status_get_type, KAM_VISIT_PLANNED),
  FIELD_TEXT ("outcome", N_("Outcome")),
  FIELD_TEXT ("next_steps", N_("Next steps")),
  FIELD_DATE ("follow_up", N_("Follow-up date")),
  FIELD_TEXT ("external_id", N_("External ID")),
};

const KamRecordKind kam_visit_kind = {
  .name = "visit",
  .label = N_("visit"),
  .get_type = kam_visit_get_type,
  .fields = visit_fields,
  .n_fields = G_N_ELEMENTS (visit_fields),
};

KAM_DEFINE_RECORD_KIND (KamVisit, kam_visit, kam_visit_kind)
