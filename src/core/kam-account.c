/* kam-account.c — a customer account
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-account"

#include "config.h"

#include "kam-account.h"
#include "kam-fields-private.h"

/* targets: [{"year": 2026, "amount": 12000000, "focus": "grow share in 5G core"}] */
static gboolean
check_targets (const KamField  *field,
               JsonNode        *node,
               GError         **error)
{
  JsonArray *array;

  if (!kam_check_json_array_of_objects (node, _("Targets"), error))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *t = json_array_get_object_element (array, i);
      JsonNode *year = json_object_get_member (t, "year");
      JsonNode *amount = json_object_get_member (t, "amount");
      JsonNode *focus = json_object_get_member (t, "focus");

      if (year == NULL || json_node_get_value_type (year) != G_TYPE_INT64
          || json_node_get_int (year) < 1900 || json_node_get_int (year) > 2200
          || amount == NULL || !JSON_NODE_HOLDS_VALUE (amount)
          || (json_node_get_value_type (amount) != G_TYPE_INT64 && json_node_get_value_type (amount) != G_TYPE_DOUBLE)
          || json_node_get_double (amount) < 0 || json_node_get_double (amount) > KAM_MONEY_MAX
          || (focus != NULL && (!JSON_NODE_HOLDS_VALUE (focus) || json_node_get_value_type (focus) != G_TYPE_STRING)))
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("Target %u needs a year, an amount of 0 or more and an optional focus text"), i + 1);
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        if (json_object_get_int_member (json_array_get_object_element (array, j), "year") == json_node_get_int (year))
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("There are two targets for %d"), (int) json_node_get_int (year));
            return FALSE;
          }
    }

  return TRUE;
}

/* competitor_shares: {"Huawei": 40, "Cisco": 25}: shares in percent of the
 * account's spend, each 0-100 and together at most 100 minus our share. */
static gboolean
check_competitor_shares (const KamField  *field,
                         JsonNode        *node,
                         GError         **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *share;
  double sum = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                   _("Competitor shares must map each competitor to a percentage"));
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &share))
    {
      double v;

      if (!JSON_NODE_HOLDS_VALUE (share)
          || (json_node_get_value_type (share) != G_TYPE_INT64 && json_node_get_value_type (share) != G_TYPE_DOUBLE)
          || (v = json_node_get_double (share)) < 0 || v > 100 || *name == '\0')
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("The share of competitor “%s” must be a percentage from 0 to 100"), name);
          return FALSE;
        }
      sum += v;
    }

  if (sum > 100.0 + 1e-9)
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                   _("Competitor shares add up to more than 100%%"));
      return FALSE;
    }

  return TRUE;
}

static const KamField account_fields[] = {
  FIELD_TEXT_REQ ("name", N_("Name")),
  FIELD_TEXT ("local_name", N_("Local name")),
  FIELD_TEXT ("industry", N_("Industry")),
  FIELD_TEXT ("region", N_("Region")),
  FIELD_REF ("owner_id", N_("Owner"), "member"),
  FIELD_CHOICE ("tier_pinned", N_("Pinned tier"), "A|B|C"),
  FIELD_ENUM ("value_type", N_("Value type"), kam_value_type_get_type, KAM_VALUE_TYPE_RELATIONAL),
  FIELD_CODE ("currency", N_("Currency"), "CNY"),
  FIELD_REAL ("annual_spend", N_("Annual spend"), 0, KAM_MONEY_MAX),
  FIELD_REAL ("share_of_wallet", N_("Share of wallet"), 0, 100),
  FIELD_JSON ("competitor_shares", N_("Competitor shares"), "{}", check_competitor_shares),
  FIELD_REAL ("revenue_this_year", N_("Revenue this year"), 0, KAM_MONEY_MAX),
  FIELD_REAL ("revenue_last_year", N_("Revenue last year"), 0, KAM_MONEY_MAX),
  FIELD_REAL ("gross_margin", N_("Gross margin"), -100, 100),
  FIELD_INT ("margin_score", N_("Margin score"), 0, 20, 0),
  FIELD_INT ("payment_score", N_("Payment score"), 0, 20, 0),
  FIELD_INT ("satisfaction", N_("Satisfaction"), 0, 5, 0),
  FIELD_ENUM ("loyalty_stage", N_("Loyalty stage"), kam_loyalty_stage_get_type, KAM_LOYALTY_SUSPECT),
  FIELD_TEXT ("service_level", N_("Service level")),
  FIELD_TEXT ("needs_current", N_("Current needs")),
  FIELD_TEXT ("needs_met", N_("Needs met by us")),
  FIELD_TEXT ("needs_future", N_("Future needs")),
  FIELD_JSON ("targets", N_("Targets"), "[]", check_targets),
  FIELD_TEXT ("strategy", N_("Strategy notes")),
  FIELD_TEXT ("external_id", N_("External ID")),
  FIELD_LOCAL_ENUM ("tier", N_("Tier"), kam_tier_get_type, KAM_TIER_C),
  FIELD_LOCAL_DATETIME ("last_visit", N_("Last visit")),
};

const KamRecordKind kam_account_kind = {
  .name = "account",
  .label = N_("account"),
  .get_type = kam_account_get_type,
  .fields = account_fields,
  .n_fields = G_N_ELEMENTS (account_fields),
};

KAM_DEFINE_RECORD_KIND (KamAccount, kam_account, kam_account_kind)

const char *
kam_account_get_name (KamAccount *self)
{
  return kam_record_get_string (KAM_RECORD (self), "name");
}

KamTier
kam_account_get_tier (KamAccount *self)
{
  return kam_record_get_int (KAM_RECORD (self), "tier");
}

double
kam_account_get_revenue (KamAccount *self)
{
  return kam_record_get_double (KAM_RECORD (self), "revenue_this_year");
}

double
kam_account_get_target (KamAccount *self,
                        int         year)
{
  const char *text = kam_record_get_string (KAM_RECORD (self), "targets");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (text == NULL || *text == '\0' || (node = json_from_string (text, NULL)) == NULL
      || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *t = json_array_get_object_element (array, i);

      if (t != NULL && json_object_get_int_member_with_default (t, "year", 0) == year)
        return json_object_get_double_member_with_default (t, "amount", 0);
    }

  return 0;
}
