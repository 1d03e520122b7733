/* kam-enums.h — the enumerations of the data model
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each enum is a registered GEnum whose value nicks are the strings stored in
 * SQLite and in sync documents (snake_case), so the database, JSON and the
 * GObject properties all speak the same names.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  KAM_TIER_A,
  KAM_TIER_B,
  KAM_TIER_C,
} KamTier;

typedef enum {
  KAM_VALUE_TYPE_TRANSACTIONAL,
  KAM_VALUE_TYPE_RELATIONAL,
  KAM_VALUE_TYPE_ONE_OFF,
} KamValueType;

typedef enum {
  KAM_LOYALTY_SUSPECT,
  KAM_LOYALTY_EXPECTANT,
  KAM_LOYALTY_FIRST_PURCHASE,
  KAM_LOYALTY_REPEAT,
  KAM_LOYALTY_ADVOCATE,
} KamLoyaltyStage;

typedef enum {
  KAM_ROLE_NONE,
  KAM_ROLE_ECONOMIC_BUYER,
  KAM_ROLE_DECISION_MAKER,
  KAM_ROLE_TECHNICAL_BUYER,
  KAM_ROLE_USER_BUYER,
  KAM_ROLE_INFLUENCER,
  KAM_ROLE_COACH,
  KAM_ROLE_GATEKEEPER,
} KamRole;

typedef enum {
  KAM_RELATION_INFLUENCES,
  KAM_RELATION_ALLY,
  KAM_RELATION_RIVAL,
} KamRelationKind;

typedef enum {
  KAM_VISIT_KIND_VISIT,
  KAM_VISIT_KIND_CALL,
  KAM_VISIT_KIND_MEAL,
  KAM_VISIT_KIND_EVENT,
} KamVisitKind;

typedef enum {
  KAM_VISIT_PLANNED,
  KAM_VISIT_DONE,
  KAM_VISIT_CANCELLED,
} KamVisitStatus;

typedef enum {
  KAM_STAGE_PROSPECTING,
  KAM_STAGE_NEEDS_ANALYSIS,
  KAM_STAGE_SOLUTION_PROPOSAL,
  KAM_STAGE_NEGOTIATION,
  KAM_STAGE_CLOSED_WON,
  KAM_STAGE_CLOSED_LOST,
} KamStage;

#define KAM_N_TIERS  3
#define KAM_N_ROLES  8
#define KAM_N_STAGES 6

#define KAM_TYPE_TIER            (kam_tier_get_type ())
#define KAM_TYPE_VALUE_TYPE      (kam_value_type_get_type ())
#define KAM_TYPE_LOYALTY_STAGE   (kam_loyalty_stage_get_type ())
#define KAM_TYPE_ROLE            (kam_role_get_type ())
#define KAM_TYPE_RELATION_KIND   (kam_relation_kind_get_type ())
#define KAM_TYPE_VISIT_KIND      (kam_visit_kind_get_type ())
#define KAM_TYPE_VISIT_STATUS    (kam_visit_status_get_type ())
#define KAM_TYPE_STAGE           (kam_stage_get_type ())

GType kam_tier_get_type          (void) G_GNUC_CONST;
GType kam_value_type_get_type    (void) G_GNUC_CONST;
GType kam_loyalty_stage_get_type (void) G_GNUC_CONST;
GType kam_role_get_type          (void) G_GNUC_CONST;
GType kam_relation_kind_get_type (void) G_GNUC_CONST;
GType kam_visit_kind_get_type    (void) G_GNUC_CONST;
GType kam_visit_status_get_type  (void) G_GNUC_CONST;
GType kam_stage_get_type         (void) G_GNUC_CONST;

/* The stored name of a value ("closed_won"), or NULL when out of range. */
const char *kam_enum_to_string   (GType        enum_type,
                                  int          value);
/* Parses a stored name; FALSE when @str names no value of @enum_type. */
gboolean    kam_enum_from_string (GType        enum_type,
                                  const char  *str,
                                  int         *value);
/* A translated label for a value, for people ("Closed won", "赢单"). */
const char *kam_enum_to_label    (GType        enum_type,
                                  int          value);

/* Industries are free text; the sample data and imports use these keys:
 * telecom, government, finance, energy, education, manufacturing.  The
 * label of a key for people, or @industry itself when it is not a key. */
const char *kam_industry_label   (const char  *industry);

/* Stage helpers */
gboolean    kam_stage_is_closed              (KamStage stage);
int         kam_stage_default_probability    (KamStage stage);

/* Economic buyers and decision makers decide; a supportive one makes a
 * contact map green. */
gboolean    kam_role_is_decider              (KamRole role);

G_END_DECLS
