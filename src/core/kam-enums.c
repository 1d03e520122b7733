/* kam-enums.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kam-enums.h"

G_DEFINE_ENUM_TYPE (KamTier, kam_tier,
  G_DEFINE_ENUM_VALUE (KAM_TIER_A, "A"),
  G_DEFINE_ENUM_VALUE (KAM_TIER_B, "B"),
  G_DEFINE_ENUM_VALUE (KAM_TIER_C, "C"))

G_DEFINE_ENUM_TYPE (KamValueType, kam_value_type,
  G_DEFINE_ENUM_VALUE (KAM_VALUE_TYPE_TRANSACTIONAL, "transactional"),
  G_DEFINE_ENUM_VALUE (KAM_VALUE_TYPE_RELATIONAL, "relational"),
  G_DEFINE_ENUM_VALUE (KAM_VALUE_TYPE_ONE_OFF, "one_off"))

G_DEFINE_ENUM_TYPE (KamLoyaltyStage, kam_loyalty_stage,
  G_DEFINE_ENUM_VALUE (KAM_LOYALTY_SUSPECT, "suspect"),
  G_DEFINE_ENUM_VALUE (KAM_LOYALTY_EXPECTANT, "expectant"),
  G_DEFINE_ENUM_VALUE (KAM_LOYALTY_FIRST_PURCHASE, "first_purchase"),
  G_DEFINE_ENUM_VALUE (KAM_LOYALTY_REPEAT, "repeat"),
  G_DEFINE_ENUM_VALUE (KAM_LOYALTY_ADVOCATE, "advocate"))

G_DEFINE_ENUM_TYPE (KamRole, kam_role,
  G_DEFINE_ENUM_VALUE (KAM_ROLE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (KAM_ROLE_ECONOMIC_BUYER, "economic_buyer"),
  G_DEFINE_ENUM_VALUE (KAM_ROLE_DECISION_MAKER, "decision_maker"),
  G_DEFINE_ENUM_VALUE (KAM_ROLE_TECHNICAL_BUYER, "technical_buyer"),
  G_DEFINE_ENUM_VALUE (KAM_ROLE_USER_BUYER, "user_buyer"),
  G_DEFINE_ENUM_VALUE (KAM_ROLE_INFLUENCER, "influencer"),
  G_DEFINE_ENUM_VALUE (KAM_ROLE_COACH, "coach"),
  G_DEFINE_ENUM_VALUE (KAM_ROLE_GATEKEEPER, "gatekeeper"))

G_DEFINE_ENUM_TYPE (KamRelationKind, kam_relation_kind,
  G_DEFINE_ENUM_VALUE (KAM_RELATION_INFLUENCES, "influences"),
  G_DEFINE_ENUM_VALUE (KAM_RELATION_ALLY, "ally"),
  G_DEFINE_ENUM_VALUE (KAM_RELATION_RIVAL, "rival"))

G_DEFINE_ENUM_TYPE (KamVisitKind, kam_visit_kind,
  G_DEFINE_ENUM_VALUE (KAM_VISIT_KIND_VISIT, "visit"),
  G_DEFINE_ENUM_VALUE (KAM_VISIT_KIND_CALL, "call"),
  G_DEFINE_ENUM_VALUE (KAM_VISIT_KIND_MEAL, "meal"),
  G_DEFINE_ENUM_VALUE (KAM_VISIT_KIND_EVENT, "event"))

G_DEFINE_ENUM_TYPE (KamVisitStatus, kam_visit_status,
  G_DEFINE_ENUM_VALUE (KAM_VISIT_PLANNED, "planned"),
  G_DEFINE_ENUM_VALUE (KAM_VISIT_DONE, "done"),
  G_DEFINE_ENUM_VALUE (KAM_VISIT_CANCELLED, "cancelled"))

G_DEFINE_ENUM_TYPE (KamStage, kam_stage,
  G_DEFINE_ENUM_VALUE (KAM_STAGE_PROSPECTING, "prospecting"),
  G_DEFINE_ENUM_VALUE (KAM_STAGE_NEEDS_ANALYSIS, "needs_analysis"),
  G_DEFINE_ENUM_VALUE (KAM_STAGE_SOLUTION_PROPOSAL, "solution_proposal"),
  G_DEFINE_ENUM_VALUE (KAM_STAGE_NEGOTIATION, "negotiation"),
  G_DEFINE_ENUM_VALUE (KAM_STAGE_CLOSED_WON, "closed_won"),
  G_DEFINE_ENUM_VALUE (KAM_STAGE_CLOSED_LOST, "closed_lost"))

const char *
kam_enum_to_string (GType enum_type,
                    int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
kam_enum_from_string (GType       enum_type,
                      const char *str,
                      int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (str == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, str);
  if (ev == NULL)
    return FALSE;

  if (value != NULL)
    *value = ev->value;
  return TRUE;
}

typedef struct {
  GType (*get_type) (void);
  int value;
  const char *label;
} EnumLabel;

static const EnumLabel enum_labels[] = {
  { kam_tier_get_type, KAM_TIER_A, N_("Tier A") },
  { kam_tier_get_type, KAM_TIER_B, N_("Tier B") },
  { kam_tier_get_type, KAM_TIER_C, N_("Tier C") },
  { kam_value_type_get_type, KAM_VALUE_TYPE_TRANSACTIONAL, N_("Transactional") },
  { kam_value_type_get_type, KAM_VALUE_TYPE_RELATIONAL, N_("Relational") },
  { kam_value_type_get_type, KAM_VALUE_TYPE_ONE_OFF, N_("One-off") },
  { kam_loyalty_stage_get_type, KAM_LOYALTY_SUSPECT, N_("Suspect") },
  { kam_loyalty_stage_get_type, KAM_LOYALTY_EXPECTANT, N_("Expectant") },
  { kam_loyalty_stage_get_type, KAM_LOYALTY_FIRST_PURCHASE, N_("First purchase") },
  { kam_loyalty_stage_get_type, KAM_LOYALTY_REPEAT, N_("Repeat") },
  { kam_loyalty_stage_get_type, KAM_LOYALTY_ADVOCATE, N_("Advocate") },
  { kam_role_get_type, KAM_ROLE_NONE, N_("No decision role") },
  { kam_role_get_type, KAM_ROLE_ECONOMIC_BUYER, N_("Economic buyer") },
  { kam_role_get_type, KAM_ROLE_DECISION_MAKER, N_("Decision maker") },
  { kam_role_get_type, KAM_ROLE_TECHNICAL_BUYER, N_("Technical buyer") },
  { kam_role_get_type, KAM_ROLE_USER_BUYER, N_("User buyer") },
  { kam_role_get_type, KAM_ROLE_INFLUENCER, N_("Influencer") },
  { kam_role_get_type, KAM_ROLE_COACH, N_("Coach") },
  { kam_role_get_type, KAM_ROLE_GATEKEEPER, N_("Gatekeeper") },
  { kam_relation_kind_get_type, KAM_RELATION_INFLUENCES, N_("Influences") },
  { kam_relation_kind_get_type, KAM_RELATION_ALLY, N_("Allied with") },
  { kam_relation_kind_get_type, KAM_RELATION_RIVAL, N_("Rival of") },
  { kam_visit_kind_get_type, KAM_VISIT_KIND_VISIT, N_("Visit") },
  { kam_visit_kind_get_type, KAM_VISIT_KIND_CALL, N_("Call") },
  { kam_visit_kind_get_type, KAM_VISIT_KIND_MEAL, N_("Meal") },
  { kam_visit_kind_get_type, KAM_VISIT_KIND_EVENT, N_("Event") },
  { kam_visit_status_get_type, KAM_VISIT_PLANNED, N_("Planned") },
  { kam_visit_status_get_type, KAM_VISIT_DONE, N_("Done") },
  { kam_visit_status_get_type, KAM_VISIT_CANCELLED, N_("Cancelled") },
  { kam_stage_get_type, KAM_STAGE_PROSPECTING, N_("Prospecting") },
  { kam_stage_get_type, KAM_STAGE_NEEDS_ANALYSIS, N_("Needs analysis") },
  { kam_stage_get_type, KAM_STAGE_SOLUTION_PROPOSAL, N_("Solution proposal") },
  { kam_stage_get_type, KAM_STAGE_NEGOTIATION, N_("Negotiation") },
  { kam_stage_get_type, KAM_STAGE_CLOSED_WON, N_("Closed won") },
  { kam_stage_get_type, KAM_STAGE_CLOSED_LOST, N_("Closed lost") },
};

const char *
kam_enum_to_label (GType enum_type,
                   int   value)
{
  for (guint i = 0; i < G_N_ELEMENTS (enum_labels); i++)
    {
      if (enum_labels[i].value == value && enum_labels[i].get_type () == enum_type)
        return g_dgettext (GETTEXT_PACKAGE, enum_labels[i].label);
    }

  return kam_enum_to_string (enum_type, value);
}

gboolean
kam_stage_is_closed (KamStage stage)
{
  return stage == KAM_STAGE_CLOSED_WON || stage == KAM_STAGE_CLOSED_LOST;
}

int
kam_stage_default_probability (KamStage stage)
{
  static const int defaults[KAM_N_STAGES] = { 10, 20, 40, 70, 100, 0 };

  g_return_val_if_fail ((guint) stage < KAM_N_STAGES, 0);
  return defaults[stage];
}

gboolean
kam_role_is_decider (KamRole role)
{
  return role == KAM_ROLE_ECONOMIC_BUYER || role == KAM_ROLE_DECISION_MAKER;
}

const char *
kam_industry_label (const char *industry)
{
  static const struct { const char *key; const char *label; } industries[] = {
    { "telecom", N_("Telecom") },
    { "government", N_("Government") },
    { "finance", N_("Finance") },
    { "energy", N_("Energy") },
    { "education", N_("Education") },
    { "manufacturing", N_("Manufacturing") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
    if (g_strcmp0 (industry, industries[i].key) == 0)
      return g_dgettext (GETTEXT_PACKAGE, industries[i].label);
  return industry;
}
