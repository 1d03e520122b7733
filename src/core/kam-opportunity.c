/* kam-opportunity.c — a deal in the pipeline
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-opportunity"

#include "config.h"

#include "kam-fields-private.h"
#include "kam-opportunity.h"

/* stage_history: [{"stage": "prospecting", "date": "2026-01-15"}, ...] */
static gboolean
check_stage_history (const KamField  *field,
                     JsonNode        *node,
                     GError         **error)
{
  JsonArray *array;

  if (!kam_check_json_array_of_objects (node, _("Stage history"), error))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      const char *stage = json_object_get_string_member_with_default (entry, "stage", NULL);
      const char *date = json_object_get_string_member_with_default (entry, "date", NULL);

      if (!kam_enum_from_string (KAM_TYPE_STAGE, stage, NULL) || !kam_parse_date (date, NULL))
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("Stage history entry %u needs a known stage and a date (YYYY-MM-DD)"), i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

static const KamField opportunity_fields[] = {
  FIELD_REF_REQ ("account_id", N_("Account"), "account"),
  FIELD_TEXT_REQ ("name", N_("Name")),
  FIELD_REAL ("amount", N_("Amount"), 0, KAM_MONEY_MAX),
  FIELD_CODE ("currency", N_("Currency"), "CNY"),
  FIELD_ENUM ("stage", N_("Stage"), kam_stage_get_type, KAM_STAGE_PROSPECTING),
  /* -1: the stage's default; 0-100: set by hand and kept across stage changes */
  FIELD_INT ("probability", N_("Probability"), -1, 100, -1),
  FIELD_DATE ("expected_close", N_("Expected close")),
  FIELD_REF ("owner_id", N_("Owner"), "member"),
  FIELD_TEXT ("competitors", N_("Competitors")),
  FIELD_TEXT ("next_step", N_("Next step")),
  FIELD_TEXT ("reason", N_("Won or lost reason")),
  FIELD_TEXT ("notes", N_("Notes")),
  FIELD_DATE ("closed_on", N_("Closed on")),
  FIELD_JSON ("stage_history", N_("Stage history"), "[]", check_stage_history),
  FIELD_TEXT ("external_id", N_("External ID")),
};

const KamRecordKind kam_opportunity_kind = {
  .name = "opportunity",
  .label = N_("opportunity"),
  .get_type = kam_opportunity_get_type,
  .fields = opportunity_fields,
  .n_fields = G_N_ELEMENTS (opportunity_fields),
};

KAM_DEFINE_RECORD_KIND (KamOpportunity, kam_opportunity, kam_opportunity_kind)

int
kam_opportunity_get_effective_probability (KamOpportunity *self)
{
  KamStage stage = kam_record_get_int (KAM_RECORD (self), "stage");
  int override = kam_record_get_int (KAM_RECORD (self), "probability");

  if (stage == KAM_STAGE_CLOSED_WON)
    return 100;
  if (stage == KAM_STAGE_CLOSED_LOST)
    return 0;
  return override >= 0 ? override : kam_stage_default_probability (stage);
}
