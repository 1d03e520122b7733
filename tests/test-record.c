/* test-record.c — the descriptor-driven records: parsing, validation,
 * properties, JSON
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kam-model.h"
#include "kam-store-private.h"

/* Helpers ---------------------------------------------------------------- */

static KamRecord *
new_record (const char *kind_name)
{
  const KamRecordKind *kind = kam_record_kind_lookup (kind_name);

  g_assert_nonnull (kind);
  return kam_record_new (kind);
}

static void
set_ok (KamRecord  *record,
        const char *field,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = kam_record_set_from_string (record, field, text, &error);

  if (error != NULL)
    g_test_message ("%s = “%s”: %s", field, text, error->message);
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Asserts that setting @field to @text fails with @code, that the message
 * contains @needle (case-insensitive), and that the value did not change. */
static void
set_fails (KamRecord  *record,
           const char *field,
           const char *text,
           int         code,
           const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean known = kam_record_kind_find_field (kam_record_get_kind (record), field) != NULL;

  if (known)
    before = kam_record_dup_string (record, field);

  g_assert_false (kam_record_set_from_string (record, field, text, &error));
  g_assert_error (error, KAM_RECORD_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");

  if (needle != NULL)
    {
      g_autofree char *m = g_utf8_casefold (error->message, -1);
      g_autofree char *n = g_utf8_casefold (needle, -1);

      if (strstr (m, n) == NULL)
        g_error ("error for %s = “%s” is “%s”, which does not mention “%s”",
                 field, text, error->message, needle);
    }

  if (known)
    {
      after = kam_record_dup_string (record, field);
      g_assert_cmpstr (before, ==, after);
    }
}

/* Numbers ---------------------------------------------------------------- */

static void
test_number_grouping (void)
{
  g_autoptr(KamRecord) a = new_record ("account");

  set_ok (a, "annual_spend", "1,250,000");
  g_assert_cmpfloat (kam_record_get_double (a, "annual_spend"), ==, 1250000.0);

  set_ok (a, "annual_spend", "2 500 000.50");
  g_assert_cmpfloat (kam_record_get_double (a, "annual_spend"), ==, 2500000.5);

  set_ok (a, "revenue_this_year", "12_000");
  g_assert_cmpfloat (kam_record_get_double (a, "revenue_this_year"), ==, 12000.0);

  set_ok (a, "share_of_wallet", "35%");
  g_assert_cmpfloat (kam_record_get_double (a, "share_of_wallet"), ==, 35.0);

  set_ok (a, "share_of_wallet", "12.5 %");
  g_assert_cmpfloat (kam_record_get_double (a, "share_of_wallet"), ==, 12.5);

  set_ok (a, "gross_margin", "-12.5");
  g_assert_cmpfloat (kam_record_get_double (a, "gross_margin"), ==, -12.5);

  /* the dashed spelling of a field name works as well */
  set_ok (a, "share-of-wallet", "40");
  g_assert_cmpfloat (kam_record_get_double (a, "share_of_wallet"), ==, 40.0);

  set_fails (a, "annual_spend", "lots", KAM_RECORD_ERROR_INVALID, "Annual spend");
  set_fails (a, "annual_spend", "", KAM_RECORD_ERROR_INVALID, "Annual spend");
  set_fails (a, "annual_spend", "12abc", KAM_RECORD_ERROR_INVALID, "Annual spend");
  set_fails (a, "annual_spend", "nan", KAM_RECORD_ERROR_INVALID, "Annual spend");
  set_fails (a, "annual_spend", "inf", KAM_RECORD_ERROR_INVALID, "Annual spend");
  set_fails (a, "annual_spend", "-1", KAM_RECORD_ERROR_INVALID, "Annual spend");
  set_fails (a, "annual_spend", "%", KAM_RECORD_ERROR_INVALID, "Annual spend");
  g_assert_cmpfloat (kam_record_get_double (a, "annual_spend"), ==, 2500000.5);

  /* whole numbers take no fraction */
  set_ok (a, "margin_score", "12");
  g_assert_cmpint (kam_record_get_int (a, "margin_score"), ==, 12);
  set_fails (a, "margin_score", "3.5", KAM_RECORD_ERROR_INVALID, "Margin score");
  set_fails (a, "margin_score", "three", KAM_RECORD_ERROR_INVALID, "Margin score");
  g_assert_cmpint (kam_record_get_int (a, "margin_score"), ==, 12);
}

static void
test_number_ranges (void)
{
  g_autoptr(KamRecord) a = new_record ("account");
  g_autoptr(KamRecord) c = new_record ("contact");
  g_autoptr(KamRecord) o = new_record ("opportunity");

  /* share_of_wallet: 0-100 */
  set_ok (a, "share_of_wallet", "0");
  set_ok (a, "share_of_wallet", "100%");
  g_assert_cmpfloat (kam_record_get_double (a, "share_of_wallet"), ==, 100.0);
  set_fails (a, "share_of_wallet", "100.5", KAM_RECORD_ERROR_INVALID, "Share of wallet");
  set_fails (a, "share_of_wallet", "101%", KAM_RECORD_ERROR_INVALID, "Share of wallet");
  set_fails (a, "share_of_wallet", "-0.1", KAM_RECORD_ERROR_INVALID, "Share of wallet");
  g_assert_cmpfloat (kam_record_get_double (a, "share_of_wallet"), ==, 100.0);

  /* margin_score and payment_score: 0-20 */
  set_ok (a, "margin_score", "0");
  set_ok (a, "margin_score", "20");
  g_assert_cmpint (kam_record_get_int (a, "margin_score"), ==, 20);
  set_fails (a, "margin_score", "21", KAM_RECORD_ERROR_INVALID, "Margin score");
  set_fails (a, "margin_score", "-1", KAM_RECORD_ERROR_INVALID, "Margin score");
  set_fails (a, "payment_score", "25", KAM_RECORD_ERROR_INVALID, "Payment score");
  g_assert_cmpint (kam_record_get_int (a, "margin_score"), ==, 20);
  g_assert_cmpint (kam_record_get_int (a, "payment_score"), ==, 0);

  /* satisfaction 0-5 */
  set_ok (a, "satisfaction", "5");
  set_fails (a, "satisfaction", "6", KAM_RECORD_ERROR_INVALID, "Satisfaction");

  /* money cannot exceed the money limit */
  set_fails (a, "revenue_this_year", "1e16", KAM_RECORD_ERROR_INVALID, "Revenue this year");

  /* influence: 1-5, default 3 */
  g_assert_cmpint (kam_record_get_int (c, "influence"), ==, 3);
  set_ok (c, "influence", "1");
  set_ok (c, "influence", "5");
  g_assert_cmpint (kam_record_get_int (c, "influence"), ==, 5);
  set_fails (c, "influence", "0", KAM_RECORD_ERROR_INVALID, "Influence");
  set_fails (c, "influence", "6", KAM_RECORD_ERROR_INVALID, "Influence");
  g_assert_cmpint (kam_record_get_int (c, "influence"), ==, 5);

  /* attitude: -2..2 */
  set_ok (c, "attitude", "-2");
  g_assert_cmpint (kam_record_get_int (c, "attitude"), ==, -2);
  set_ok (c, "attitude", "2");
  g_assert_cmpint (kam_record_get_int (c, "attitude"), ==, 2);
  set_fails (c, "attitude", "-3", KAM_RECORD_ERROR_INVALID, "Attitude");
  set_fails (c, "attitude", "3", KAM_RECORD_ERROR_INVALID, "Attitude");
  g_assert_cmpint (kam_record_get_int (c, "attitude"), ==, 2);

  /* relationship strength 0-4 */
  set_ok (c, "strength", "4");
  set_fails (c, "strength", "5", KAM_RECORD_ERROR_INVALID, "Relationship strength");

  /* probability: -1 (the stage's default) .. 100 */
  g_assert_cmpint (kam_record_get_int (o, "probability"), ==, -1);
  set_ok (o, "probability", "55%");
  g_assert_cmpint (kam_record_get_int (o, "probability"), ==, 55);
  set_fails (o, "probability", "101", KAM_RECORD_ERROR_INVALID, "Probability");
  set_fails (o, "probability", "-2", KAM_RECORD_ERROR_INVALID, "Probability");
  g_assert_cmpint (kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (o)), ==, 55);
}

/* Enums ------------------------------------------------------------------ */

static void
test_enum (void)
{
  g_autoptr(KamRecord) a = new_record ("account");
  g_autoptr(KamRecord) c = new_record ("contact");
  g_autoptr(KamRecord) o = new_record ("opportunity");
  g_autoptr(KamRecord) v = new_record ("visit");
  g_autofree char *text = NULL;

  g_assert_cmpint (kam_record_get_int (a, "value_type"), ==, KAM_VALUE_TYPE_RELATIONAL);

  /* by nick */
  set_ok (a, "value_type", "transactional");
  g_assert_cmpint (kam_record_get_int (a, "value_type"), ==, KAM_VALUE_TYPE_TRANSACTIONAL);
  set_ok (a, "value_type", "one_off");
  g_assert_cmpint (kam_record_get_int (a, "value_type"), ==, KAM_VALUE_TYPE_ONE_OFF);
  text = kam_record_dup_string (a, "value_type");
  g_assert_cmpstr (text, ==, "one_off");

  /* by English label, case-insensitive */
  set_ok (a, "value_type", "Relational");
  g_assert_cmpint (kam_record_get_int (a, "value_type"), ==, KAM_VALUE_TYPE_RELATIONAL);
  set_ok (a, "value_type", "one-off");
  g_assert_cmpint (kam_record_get_int (a, "value_type"), ==, KAM_VALUE_TYPE_ONE_OFF);
  set_ok (a, "value_type", "TRANSACTIONAL");
  g_assert_cmpint (kam_record_get_int (a, "value_type"), ==, KAM_VALUE_TYPE_TRANSACTIONAL);

  set_ok (a, "loyalty_stage", "First purchase");
  g_assert_cmpint (kam_record_get_int (a, "loyalty_stage"), ==, KAM_LOYALTY_FIRST_PURCHASE);
  set_ok (a, "loyalty_stage", "ADVOCATE");
  g_assert_cmpint (kam_record_get_int (a, "loyalty_stage"), ==, KAM_LOYALTY_ADVOCATE);

  set_ok (c, "decision_role", "Economic buyer");
  g_assert_cmpint (kam_record_get_int (c, "decision_role"), ==, KAM_ROLE_ECONOMIC_BUYER);
  set_ok (c, "decision_role", "technical_buyer");
  g_assert_cmpint (kam_record_get_int (c, "decision_role"), ==, KAM_ROLE_TECHNICAL_BUYER);
  set_ok (c, "decision_role", "coach");
  g_assert_cmpint (kam_record_get_int (c, "decision_role"), ==, KAM_ROLE_COACH);

  set_ok (o, "stage", "closed_won");
  g_assert_cmpint (kam_record_get_int (o, "stage"), ==, KAM_STAGE_CLOSED_WON);
  set_ok (o, "stage", "Needs Analysis");
  g_assert_cmpint (kam_record_get_int (o, "stage"), ==, KAM_STAGE_NEEDS_ANALYSIS);
  set_ok (o, "stage", "CLOSED LOST");
  g_assert_cmpint (kam_record_get_int (o, "stage"), ==, KAM_STAGE_CLOSED_LOST);

  set_ok (v, "status", "Done");
  g_assert_cmpint (kam_record_get_int (v, "status"), ==, KAM_VISIT_DONE);
  set_ok (v, "kind", "meal");
  g_assert_cmpint (kam_record_get_int (v, "kind"), ==, KAM_VISIT_KIND_MEAL);

  /* unknown values list the allowed ones and name the field */
  set_fails (a, "value_type", "strategic", KAM_RECORD_ERROR_INVALID, "Value type");
  set_fails (a, "value_type", "strategic", KAM_RECORD_ERROR_INVALID, "one_off");
  set_fails (o, "stage", "won", KAM_RECORD_ERROR_INVALID, "Stage");
  set_fails (o, "stage", "", KAM_RECORD_ERROR_INVALID, "closed_won");
  set_fails (c, "decision_role", "boss", KAM_RECORD_ERROR_INVALID, "Decision role");
  g_assert_cmpint (kam_record_get_int (a, "value_type"), ==, KAM_VALUE_TYPE_TRANSACTIONAL);
  g_assert_cmpint (kam_record_get_int (o, "stage"), ==, KAM_STAGE_CLOSED_LOST);
}

/* Dates ------------------------------------------------------------------ */

static void
test_date (void)
{
  g_autoptr(KamRecord) o = new_record ("opportunity");
  GDate date;

  set_ok (o, "expected_close", "2026-03-05");
  g_assert_cmpstr (kam_record_get_string (o, "expected_close"), ==, "2026-03-05");

  set_ok (o, "expected_close", "2026/12/31");
  g_assert_cmpstr (kam_record_get_string (o, "expected_close"), ==, "2026-12-31");

  set_ok (o, "expected_close", "2028-02-29");
  g_assert_cmpstr (kam_record_get_string (o, "expected_close"), ==, "2028-02-29");

  set_fails (o, "expected_close", "2026-02-30", KAM_RECORD_ERROR_INVALID, "Expected close");
  set_fails (o, "expected_close", "2026-02-29", KAM_RECORD_ERROR_INVALID, "Expected close");
  set_fails (o, "expected_close", "2026-13-01", KAM_RECORD_ERROR_INVALID, "Expected close");
  set_fails (o, "expected_close", "2026-03/05", KAM_RECORD_ERROR_INVALID, "Expected close");
  set_fails (o, "expected_close", "2026.03.05", KAM_RECORD_ERROR_INVALID, "Expected close");
  set_fails (o, "expected_close", "2026-03-05x", KAM_RECORD_ERROR_INVALID, "Expected close");
  set_fails (o, "expected_close", "next week", KAM_RECORD_ERROR_INVALID, "Expected close");
  set_fails (o, "expected_close", "1899-12-31", KAM_RECORD_ERROR_INVALID, "Expected close");
  /* the message repeats what was typed */
  set_fails (o, "expected_close", "2026-02-30", KAM_RECORD_ERROR_INVALID, "2026-02-30");
  g_assert_cmpstr (kam_record_get_string (o, "expected_close"), ==, "2028-02-29");

  /* empty clears an optional date */
  set_ok (o, "expected_close", "");
  g_assert_cmpstr (kam_record_get_string (o, "expected_close"), ==, "");

  g_assert_true (kam_parse_date ("2026-11-24", &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&date), ==, 11);
  g_assert_cmpint (g_date_get_day (&date), ==, 24);
  g_assert_true (kam_parse_date ("2026/11/24", NULL));
  g_assert_false (kam_parse_date ("2026-11", NULL));
  g_assert_false (kam_parse_date ("", NULL));
  g_assert_false (kam_parse_date (NULL, NULL));
}

static void
test_datetime (void)
{
  g_autoptr(KamRecord) v = new_record ("visit");
  g_autofree char *norm = NULL;

  /* main() runs the tests in Asia/Shanghai (UTC+8, no daylight saving) */
  set_ok (v, "start_at", "2026-11-24 09:30");
  g_assert_cmpstr (kam_record_get_string (v, "start_at"), ==, "2026-11-24T01:30:00Z");

  set_ok (v, "start_at", "2026-11-24 06:15:30");
  g_assert_cmpstr (kam_record_get_string (v, "start_at"), ==, "2026-11-23T22:15:30Z");

  set_ok (v, "start_at", "2026-11-24T09:30:00+02:00");
  g_assert_cmpstr (kam_record_get_string (v, "start_at"), ==, "2026-11-24T07:30:00Z");

  set_ok (v, "end_at", "2026-11-24T10:00:00Z");
  g_assert_cmpstr (kam_record_get_string (v, "end_at"), ==, "2026-11-24T10:00:00Z");

  set_fails (v, "start_at", "2026-11-24 25:00", KAM_RECORD_ERROR_INVALID, "Start");
  set_fails (v, "start_at", "2026-02-30 09:00", KAM_RECORD_ERROR_INVALID, "Start");
  set_fails (v, "start_at", "tomorrow", KAM_RECORD_ERROR_INVALID, "tomorrow");
  /* a required date and time cannot be emptied */
  set_fails (v, "end_at", "", KAM_RECORD_ERROR_REQUIRED, "End");
  g_assert_cmpstr (kam_record_get_string (v, "start_at"), ==, "2026-11-24T07:30:00Z");

  g_assert_true (kam_parse_datetime ("2026-01-01 00:00", &norm));
  g_assert_cmpstr (norm, ==, "2025-12-31T16:00:00Z");
  g_assert_false (kam_parse_datetime ("", NULL));
  g_assert_false (kam_parse_datetime (NULL, NULL));

  g_clear_pointer (&norm, g_free);
  norm = kam_now_iso8601 ();
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", norm, 0, 0));
}

/* Text: codes and choices ------------------------------------------------ */

static void
test_currency (void)
{
  g_autoptr(KamRecord) a = new_record ("account");
  g_autoptr(KamRecord) o = new_record ("opportunity");

  g_assert_cmpstr (kam_record_get_string (a, "currency"), ==, "CNY");

  set_ok (a, "currency", "usd");
  g_assert_cmpstr (kam_record_get_string (a, "currency"), ==, "USD");
  set_ok (o, "currency", "Eur");
  g_assert_cmpstr (kam_record_get_string (o, "currency"), ==, "EUR");

  set_fails (a, "currency", "eu", KAM_RECORD_ERROR_INVALID, "Currency");
  set_fails (a, "currency", "EURO", KAM_RECORD_ERROR_INVALID, "Currency");
  set_fails (a, "currency", "U$D", KAM_RECORD_ERROR_INVALID, "Currency");
  set_fails (a, "currency", "人民币", KAM_RECORD_ERROR_INVALID, "Currency");
  g_assert_cmpstr (kam_record_get_string (a, "currency"), ==, "USD");
}

static void
test_choices (void)
{
  g_autoptr(KamRecord) a = new_record ("account");

  g_assert_cmpstr (kam_record_get_string (a, "tier_pinned"), ==, "");
  set_ok (a, "tier_pinned", "A");
  g_assert_cmpstr (kam_record_get_string (a, "tier_pinned"), ==, "A");
  set_ok (a, "tier_pinned", "C");
  g_assert_cmpstr (kam_record_get_string (a, "tier_pinned"), ==, "C");
  set_fails (a, "tier_pinned", "D", KAM_RECORD_ERROR_INVALID, "Pinned tier");
  set_fails (a, "tier_pinned", "AB", KAM_RECORD_ERROR_INVALID, "A,B,C");
  g_assert_cmpstr (kam_record_get_string (a, "tier_pinned"), ==, "C");
  /* empty: not pinned */
  set_ok (a, "tier_pinned", "");
  g_assert_cmpstr (kam_record_get_string (a, "tier_pinned"), ==, "");
}

static void
test_required (void)
{
  g_autoptr(KamRecord) a = new_record ("account");
  g_autoptr(KamRecord) c = new_record ("contact");
  g_autoptr(GError) error = NULL;

  set_fails (a, "name", "", KAM_RECORD_ERROR_REQUIRED, "Name");
  set_fails (a, "name", "   ", KAM_RECORD_ERROR_REQUIRED, "Name");

  /* a new record misses its required fields */
  g_assert_false (kam_record_validate (a, &error));
  g_assert_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED);
  g_clear_error (&error);

  set_ok (a, "name", "华为技术有限公司");
  g_assert_true (kam_record_validate (a, &error));
  g_assert_no_error (error);

  set_ok (c, "name", "张伟");
  g_assert_false (kam_record_validate (c, &error));
  g_assert_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "Account"));
  g_clear_error (&error);

  set_ok (c, "account_id", kam_record_get_id (a));
  g_assert_true (kam_record_validate (c, &error));
  g_assert_no_error (error);

  /* empty clears an optional reference */
  set_ok (c, "reports_to_id", "");
  g_assert_null (kam_record_get_string (c, "reports_to_id"));
}

/* JSON fields ------------------------------------------------------------ */

static void
test_json_targets (void)
{
  g_autoptr(KamRecord) a = new_record ("account");

  g_assert_cmpstr (kam_record_get_string (a, "targets"), ==, "[]");
  g_assert_cmpfloat (kam_account_get_target (KAM_ACCOUNT (a), 2026), ==, 0);

  set_ok (a, "targets",
          "[{\"year\": 2026, \"amount\": 12000000, \"focus\": \"grow share in 5G core\"},"
          " {\"year\": 2027, \"amount\": 15000000.5}]");
  g_assert_cmpfloat (kam_account_get_target (KAM_ACCOUNT (a), 2026), ==, 12000000.0);
  g_assert_cmpfloat (kam_account_get_target (KAM_ACCOUNT (a), 2027), ==, 15000000.5);
  g_assert_cmpfloat (kam_account_get_target (KAM_ACCOUNT (a), 2028), ==, 0);

  set_fails (a, "targets", "[{\"year\": 2026, \"amount\": 1}, {\"year\": 2026, \"amount\": 2}]",
             KAM_RECORD_ERROR_INVALID, "two targets for 2026");
  set_fails (a, "targets", "{\"year\": 2026, \"amount\": 1}", KAM_RECORD_ERROR_INVALID, "Targets");
  set_fails (a, "targets", "[1, 2]", KAM_RECORD_ERROR_INVALID, "Targets");
  set_fails (a, "targets", "[{\"amount\": 1}]", KAM_RECORD_ERROR_INVALID, "Target 1");
  set_fails (a, "targets", "[{\"year\": 2026, \"amount\": 1}, {\"year\": \"2027\", \"amount\": 1}]",
             KAM_RECORD_ERROR_INVALID, "Target 2");
  set_fails (a, "targets", "[{\"year\": 2026, \"amount\": -5}]", KAM_RECORD_ERROR_INVALID, "Target 1");
  set_fails (a, "targets", "[{\"year\": 2026, \"amount\": 1, \"focus\": 7}]", KAM_RECORD_ERROR_INVALID, "Target 1");
  set_fails (a, "targets", "[{\"year\": 1800, \"amount\": 1}]", KAM_RECORD_ERROR_INVALID, "Target 1");
  set_fails (a, "targets", "[{\"year\": 2026,", KAM_RECORD_ERROR_INVALID, "Targets");
  set_fails (a, "targets", "12", KAM_RECORD_ERROR_INVALID, "Targets");
  g_assert_cmpfloat (kam_account_get_target (KAM_ACCOUNT (a), 2026), ==, 12000000.0);
}

static void
test_json_competitor_shares (void)
{
  g_autoptr(KamRecord) a = new_record ("account");

  g_assert_cmpstr (kam_record_get_string (a, "competitor_shares"), ==, "{}");

  set_ok (a, "competitor_shares", "{\"Huawei\": 40, \"Cisco\": 25.5}");
  set_ok (a, "competitor_shares", "{\"Huawei\": 60, \"Cisco\": 40}");  /* exactly 100 */
  set_fails (a, "competitor_shares", "{\"Huawei\": 60, \"Cisco\": 50}",
             KAM_RECORD_ERROR_INVALID, "more than 100");
  set_fails (a, "competitor_shares", "{\"Huawei\": 60, \"Cisco\": 50}",
             KAM_RECORD_ERROR_INVALID, "Competitor shares");
  set_fails (a, "competitor_shares", "{\"Huawei\": 120}", KAM_RECORD_ERROR_INVALID, "Huawei");
  set_fails (a, "competitor_shares", "{\"Huawei\": -1}", KAM_RECORD_ERROR_INVALID, "Huawei");
  set_fails (a, "competitor_shares", "{\"Huawei\": \"40%\"}", KAM_RECORD_ERROR_INVALID, "Huawei");
  set_fails (a, "competitor_shares", "{\"\": 10}", KAM_RECORD_ERROR_INVALID, "competitor");
  set_fails (a, "competitor_shares", "[40, 25]", KAM_RECORD_ERROR_INVALID, "Competitor shares");
  set_fails (a, "competitor_shares", "Huawei 40", KAM_RECORD_ERROR_INVALID, "Competitor shares");
}

static void
test_json_stage_history (void)
{
  g_autoptr(KamRecord) o = new_record ("opportunity");

  set_ok (o, "stage_history", "[{\"stage\": \"prospecting\", \"date\": \"2026-01-15\"},"
                              " {\"stage\": \"negotiation\", \"date\": \"2026-03-01\"}]");
  set_fails (o, "stage_history", "[{\"stage\": \"won\", \"date\": \"2026-01-15\"}]",
             KAM_RECORD_ERROR_INVALID, "Stage history");
  set_fails (o, "stage_history", "[{\"stage\": \"prospecting\", \"date\": \"2026-02-30\"}]",
             KAM_RECORD_ERROR_INVALID, "Stage history");
  set_fails (o, "stage_history", "[{\"stage\": \"prospecting\"}]",
             KAM_RECORD_ERROR_INVALID, "Stage history");
}

/* Fields that cannot be set ---------------------------------------------- */

static void
test_unknown_field (void)
{
  g_autoptr(KamRecord) a = new_record ("account");
  g_autoptr(KamRecord) r = new_record ("relation");

  set_fails (a, "colour", "red", KAM_RECORD_ERROR_UNKNOWN_FIELD, "colour");
  set_fails (a, "colour", "red", KAM_RECORD_ERROR_UNKNOWN_FIELD, "account");
  set_fails (a, "", "x", KAM_RECORD_ERROR_UNKNOWN_FIELD, NULL);
  set_fails (a, "id", "x", KAM_RECORD_ERROR_UNKNOWN_FIELD, "id");
  /* fields of other kinds */
  set_fails (a, "influence", "3", KAM_RECORD_ERROR_UNKNOWN_FIELD, "influence");
  set_fails (r, "name", "x", KAM_RECORD_ERROR_UNKNOWN_FIELD, "relation");

  g_assert_null (kam_record_kind_find_field (&kam_account_kind, "colour"));
  g_assert_cmpint (kam_record_kind_field_index (&kam_account_kind, "colour"), ==, -1);
  g_assert_cmpint (kam_record_kind_field_index (&kam_account_kind, NULL), ==, -1);
  g_assert_cmpint (kam_record_kind_field_index (&kam_account_kind, "name"), ==, 0);
  g_assert_cmpint (kam_record_kind_field_index (&kam_account_kind, "share-of-wallet"), ==,
                   kam_record_kind_field_index (&kam_account_kind, "share_of_wallet"));
}

static void
test_local_fields (void)
{
  g_autoptr(KamRecord) a = new_record ("account");
  g_autoptr(KamRecord) c = new_record ("contact");

  set_fails (a, "tier", "A", KAM_RECORD_ERROR_READ_ONLY, "Tier");
  set_fails (a, "last_visit", "2026-11-24 09:30", KAM_RECORD_ERROR_READ_ONLY, "Last visit");
  set_fails (c, "last_met", "2026-11-24 09:30", KAM_RECORD_ERROR_READ_ONLY, "Last met");
  g_assert_cmpint (kam_account_get_tier (KAM_ACCOUNT (a)), ==, KAM_TIER_C);
  g_assert_cmpstr (kam_record_get_string (a, "last_visit"), ==, "");
  g_assert_cmpstr (kam_record_get_string (c, "last_met"), ==, "");

  /* and they are not part of JSON documents */
  {
    g_autoptr(JsonObject) json = kam_record_to_json (a);
    g_autoptr(JsonObject) cjson = kam_record_to_json (c);

    g_assert_false (json_object_has_member (json, "tier"));
    g_assert_false (json_object_has_member (json, "last_visit"));
    g_assert_false (json_object_has_member (cjson, "last_met"));
  }

  /* a document saying otherwise does not change them */
  {
    g_autoptr(JsonObject) doc = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (doc, "id", kam_record_get_id (a));
    json_object_set_string_member (doc, "name", "Lenovo");
    json_object_set_string_member (doc, "tier", "A");
    json_object_set_string_member (doc, "last_visit", "2026-01-01T00:00:00Z");
    g_assert_true (kam_record_set_from_json (a, doc, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (kam_account_get_name (KAM_ACCOUNT (a)), ==, "Lenovo");
    g_assert_cmpint (kam_account_get_tier (KAM_ACCOUNT (a)), ==, KAM_TIER_C);
    g_assert_cmpstr (kam_record_get_string (a, "last_visit"), ==, "");
  }
}

/* Properties ------------------------------------------------------------- */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_notify (void)
{
  g_autoptr(KamRecord) a = new_record ("account");
  g_autoptr(GError) error = NULL;
  guint n_name = 0, n_share = 0, n_value_type = 0, n_any = 0;
  g_autofree char *name = NULL;

  g_signal_connect (a, "notify::name", G_CALLBACK (count_notify_cb), &n_name);
  g_signal_connect (a, "notify::share-of-wallet", G_CALLBACK (count_notify_cb), &n_share);
  g_signal_connect (a, "notify::value-type", G_CALLBACK (count_notify_cb), &n_value_type);
  g_signal_connect (a, "notify", G_CALLBACK (count_notify_cb), &n_any);

  set_ok (a, "name", "Huawei");
  set_ok (a, "name", "Huawei");
  g_assert_cmpuint (n_name, ==, 1);
  set_ok (a, "name", "ZTE");
  g_assert_cmpuint (n_name, ==, 2);

  /* the same value written differently is the same value */
  set_ok (a, "share_of_wallet", "35%");
  set_ok (a, "share_of_wallet", "35");
  set_ok (a, "share_of_wallet", "35.0");
  g_assert_cmpuint (n_share, ==, 1);

  set_ok (a, "value_type", "one_off");
  set_ok (a, "value_type", "One-off");
  g_assert_cmpuint (n_value_type, ==, 1);

  /* a refused value notifies nothing */
  n_any = 0;
  set_fails (a, "share_of_wallet", "150", KAM_RECORD_ERROR_INVALID, NULL);
  set_fails (a, "tier", "A", KAM_RECORD_ERROR_READ_ONLY, NULL);
  g_assert_cmpuint (n_any, ==, 0);
  g_assert_cmpuint (n_share, ==, 1);

  /* the GObject properties behave the same */
  g_object_set (a, "name", "ZTE", NULL);
  g_assert_cmpuint (n_name, ==, 2);
  g_object_set (a, "name", "中兴通讯", NULL);
  g_assert_cmpuint (n_name, ==, 3);
  g_object_get (a, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "中兴通讯");

  g_object_set (a, "share-of-wallet", 35.0, NULL);
  g_assert_cmpuint (n_share, ==, 1);
  g_object_set (a, "share-of-wallet", 36.0, NULL);
  g_assert_cmpuint (n_share, ==, 2);
  g_assert_cmpfloat (kam_record_get_double (a, "share_of_wallet"), ==, 36.0);

  /* setting the id to itself does not notify either */
  {
    guint n_id = 0;
    g_autofree char *id = g_strdup (kam_record_get_id (a));

    g_signal_connect (a, "notify::id", G_CALLBACK (count_notify_cb), &n_id);
    kam_record_set_id (a, id);
    g_assert_cmpuint (n_id, ==, 0);
    kam_record_set_id (a, "another-id");
    g_assert_cmpuint (n_id, ==, 1);
    g_assert_cmpstr (kam_record_get_id (a), ==, "another-id");
  }
}

static void
test_ids (void)
{
  g_autoptr(KamRecord) a = new_record ("account");
  g_autoptr(KamRecord) b = new_record ("account");

  g_assert_true (g_uuid_string_is_valid (kam_record_get_id (a)));
  g_assert_true (g_uuid_string_is_valid (kam_record_get_id (b)));
  g_assert_cmpstr (kam_record_get_id (a), !=, kam_record_get_id (b));
  g_assert_null (kam_record_get_created_at (a));
  g_assert_null (kam_record_get_updated_at (a));

  g_assert_true (kam_record_kind_lookup ("accounts") == &kam_account_kind);
  g_assert_true (kam_record_kind_lookup ("opportunities") == &kam_opportunity_kind);
  g_assert_true (kam_record_kind_lookup ("contact") == &kam_contact_kind);
  g_assert_null (kam_record_kind_lookup ("people"));
  g_assert_null (kam_record_kind_lookup (NULL));
  g_assert_true (kam_record_get_kind (a) == &kam_account_kind);
  g_assert_true (KAM_IS_ACCOUNT (a));
}

/* JSON documents --------------------------------------------------------- */

/* Records of every kind with every field set to a value that is not the
 * default. */
static KamRecord *
filled_record (const KamRecordKind *kind)
{
  KamRecord *r = kam_record_new (kind);

  if (kind == &kam_member_kind)
    {
      set_ok (r, "name", "王强");
      set_ok (r, "role", "Key account manager");
      set_ok (r, "email", "wang.qiang@example.com");
      set_ok (r, "phone", "+86 10 1234 5678");
    }
  else if (kind == &kam_account_kind)
    {
      set_ok (r, "name", "Huawei Technologies");
      set_ok (r, "local_name", "华为技术有限公司");
      set_ok (r, "industry", "Telecom equipment");
      set_ok (r, "region", "华南");
      set_ok (r, "owner_id", "member-1");
      set_ok (r, "tier_pinned", "B");
      set_ok (r, "value_type", "transactional");
      set_ok (r, "currency", "usd");
      set_ok (r, "annual_spend", "1,250,000");
      set_ok (r, "share_of_wallet", "35%");
      set_ok (r, "competitor_shares", "{\"Cisco\":25,\"Nokia\":10.5}");
      set_ok (r, "revenue_this_year", "437500");
      set_ok (r, "revenue_last_year", "400000.25");
      set_ok (r, "gross_margin", "-3.5");
      set_ok (r, "margin_score", "15");
      set_ok (r, "payment_score", "18");
      set_ok (r, "satisfaction", "4");
      set_ok (r, "loyalty_stage", "repeat");
      set_ok (r, "service_level", "Gold");
      set_ok (r, "needs_current", "5G core");
      set_ok (r, "needs_met", "RAN");
      set_ok (r, "needs_future", "Private cloud");
      set_ok (r, "targets", "[{\"year\":2026,\"amount\":12000000,\"focus\":\"grow share\"}]");
      set_ok (r, "strategy", "Land and expand\nwith \"quotes\" and ünïcödé");
      set_ok (r, "external_id", "CRM-0042");
    }
  else if (kind == &kam_contact_kind)
    {
      set_ok (r, "account_id", "account-1");
      set_ok (r, "name", "张伟");
      set_ok (r, "title", "CTO");
      set_ok (r, "department", "网络部");
      set_ok (r, "email", "zhang.wei@example.com");
      set_ok (r, "phone", "+86 138 0000 0000");
      set_ok (r, "reports_to_id", "contact-0");
      set_ok (r, "decision_role", "economic_buyer");
      set_ok (r, "influence", "5");
      set_ok (r, "attitude", "-2");
      set_ok (r, "strength", "3");
      set_ok (r, "owner_id", "member-1");
      set_ok (r, "notes", "Likes tea");
      set_ok (r, "external_id", "vcard-7");
    }
  else if (kind == &kam_relation_kind)
    {
      set_ok (r, "from_id", "contact-1");
      set_ok (r, "to_id", "contact-2");
      set_ok (r, "kind", "rival");
      set_ok (r, "strength", "3");
    }
  else if (kind == &kam_visit_kind)
    {
      set_ok (r, "account_id", "account-1");
      set_ok (r, "start_at", "2026-11-24T01:30:00Z");
      set_ok (r, "end_at", "2026-11-24T03:00:00Z");
      set_ok (r, "place", "深圳坂田");
      set_ok (r, "kind", "meal");
      set_ok (r, "objective", "Close the 5G deal");
      set_ok (r, "contact_ids", "contact-1, contact-2");
      set_ok (r, "member_ids", "member-1");
      set_ok (r, "status", "done");
      set_ok (r, "outcome", "Good");
      set_ok (r, "next_steps", "Send quote");
      set_ok (r, "follow_up", "2026-12-01");
      set_ok (r, "external_id", "ics-9");
    }
  else if (kind == &kam_opportunity_kind)
    {
      set_ok (r, "account_id", "account-1");
      set_ok (r, "name", "5G core expansion");
      set_ok (r, "amount", "8,000,000");
      set_ok (r, "currency", "eur");
      set_ok (r, "stage", "negotiation");
      set_ok (r, "probability", "55");
      set_ok (r, "expected_close", "2026/12/31");
      set_ok (r, "owner_id", "member-1");
      set_ok (r, "competitors", "Ericsson, Nokia");
      set_ok (r, "next_step", "Final offer");
      set_ok (r, "reason", "");
      set_ok (r, "notes", "Budget approved");
      set_ok (r, "closed_on", "");
      set_ok (r, "stage_history", "[{\"stage\":\"prospecting\",\"date\":\"2026-01-15\"}]");
      set_ok (r, "external_id", "SF-1");
    }
  else
    g_assert_not_reached ();

  return r;
}

static void
test_json_round_trip (void)
{
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  g_assert_cmpuint (n_kinds, ==, 6);

  for (guint k = 0; k < n_kinds; k++)
    {
      g_autoptr(KamRecord) a = filled_record (kinds[k]);
      g_autoptr(KamRecord) b = kam_record_new (kinds[k]);
      g_autoptr(JsonObject) json = NULL;
      g_autoptr(JsonObject) json2 = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonNode) node2 = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_test_message ("kind %s", kinds[k]->name);
      kam_record_set_timestamps (a, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
      g_assert_true (kam_record_validate (a, &error));
      g_assert_no_error (error);

      json = kam_record_to_json (a);
      g_assert_cmpstr (json_object_get_string_member (json, "id"), ==, kam_record_get_id (a));
      g_assert_cmpstr (json_object_get_string_member (json, "type"), ==, kinds[k]->name);
      g_assert_cmpstr (json_object_get_string_member (json, "created_at"), ==, "2026-01-01T00:00:00Z");
      g_assert_cmpstr (json_object_get_string_member (json, "updated_at"), ==, "2026-02-01T00:00:00Z");

      /* every field that is not local is a member */
      for (guint i = 0; i < kinds[k]->n_fields; i++)
        g_assert_true (json_object_has_member (json, kinds[k]->fields[i].name)
                       == !(kinds[k]->fields[i].flags & KAM_FIELD_FLAG_LOCAL));

      /* through text, as a sync document or a backup travels */
      node = json_node_init_object (json_node_alloc (), json);
      text = json_to_string (node, FALSE);
      node2 = json_from_string (text, &error);
      g_assert_no_error (error);

      g_assert_true (kam_record_set_from_json (b, json_node_get_object (node2), &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kam_record_get_id (b), ==, kam_record_get_id (a));
      g_assert_cmpstr (kam_record_get_created_at (b), ==, "2026-01-01T00:00:00Z");
      g_assert_cmpstr (kam_record_get_updated_at (b), ==, "2026-02-01T00:00:00Z");
      g_assert_true (kam_record_values_equal (a, b));
      g_assert_null (kam_record_get_extra (b));

      /* and the second document is the first one */
      json2 = kam_record_to_json (b);
      {
        g_autoptr(JsonNode) n1 = json_node_init_object (json_node_alloc (), json);
        g_autoptr(JsonNode) n2 = json_node_init_object (json_node_alloc (), json2);
        g_assert_true (json_node_equal (n1, n2));
      }

      /* a record differs once a field differs */
      {
        g_autoptr(KamRecord) c = kam_record_new (kinds[k]);

        g_assert_false (kam_record_values_equal (a, c));
      }
    }

  /* values in the document are checked like typed text */
  {
    g_autoptr(KamRecord) a = kam_record_new (&kam_account_kind);
    g_autoptr(JsonObject) json = NULL;

    set_ok (a, "name", "Huawei");
    set_ok (a, "annual_spend", "1,250,000");
    json = kam_record_to_json (a);
    g_assert_cmpfloat (json_object_get_double_member (json, "annual_spend"), ==, 1250000.0);
    g_assert_cmpint (json_object_get_int_member (json, "margin_score"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json, "value_type"), ==, "relational");
    g_assert_cmpstr (json_object_get_string_member (json, "currency"), ==, "CNY");
    g_assert_true (json_object_get_null_member (json, "owner_id"));
    g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (json, "targets")));
    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (json, "competitor_shares")));
  }
}

/* JSON text written by a person (spaces, line breaks) is the same value
 * after a trip through a JSON document. */
static void
test_json_round_trip_spaced (void)
{
  g_autoptr(KamRecord) a = kam_record_new (&kam_account_kind);
  g_autoptr(KamRecord) b = kam_record_new (&kam_account_kind);
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;

  set_ok (a, "name", "Huawei");
  set_ok (a, "targets", "[ { \"year\": 2026, \"amount\": 100.3 } ]");
  set_ok (a, "competitor_shares", "{\n  \"Cisco\": 25,\n  \"Nokia\": 0.3\n}");

  json = kam_record_to_json (a);
  g_assert_true (kam_record_set_from_json (b, json, &error));
  g_assert_no_error (error);
  g_assert_true (kam_record_values_equal (a, b));
  g_assert_true (kam_record_values_equal (b, a));

  /* but a different amount is a different value */
  set_ok (b, "targets", "[{\"year\": 2026, \"amount\": 100.4}]");
  g_assert_false (kam_record_values_equal (a, b));
  set_ok (b, "targets", "[{\"year\": 2026, \"amount\": 100.3}]");
  g_assert_true (kam_record_values_equal (a, b));
  set_ok (b, "competitor_shares", "{\"Nokia\": 0.3, \"Cisco\": 25}");  /* order of members does not matter */
  g_assert_true (kam_record_values_equal (a, b));
  set_ok (b, "competitor_shares", "{\"Cisco\": 25}");
  g_assert_false (kam_record_values_equal (a, b));
}

static void
test_json_extra (void)
{
  g_autoptr(KamRecord) c = kam_record_new (&kam_contact_kind);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) out = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *doc, *extra;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\": \"c-1\", \"type\": \"contact\", \"account_id\": \"a-1\", \"name\": \"李娜\","
    " \"wechat\": \"lina_88\", \"x_future\": {\"nested\": [1, 2, {\"deep\": true}]},"
    " \"hobbies\": [\"golf\", \"tea\"], \"share-of-wallet\": 5, \"_rev\": \"3-abc\"}", -1, &error));
  g_assert_no_error (error);
  doc = json_node_get_object (json_parser_get_root (parser));

  g_assert_true (kam_record_set_from_json (c, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kam_record_get_id (c), ==, "c-1");
  g_assert_cmpstr (kam_record_get_string (c, "name"), ==, "李娜");
  g_assert_cmpstr (kam_record_get_string (c, "account_id"), ==, "a-1");

  extra = kam_record_get_extra (c);
  g_assert_nonnull (extra);
  g_assert_cmpuint (json_object_get_size (extra), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (extra, "wechat"), ==, "lina_88");
  g_assert_true (json_object_has_member (extra, "x_future"));
  g_assert_true (json_object_has_member (extra, "hobbies"));
  g_assert_true (json_object_has_member (extra, "share-of-wallet"));
  g_assert_true (json_object_has_member (extra, "_rev"));
  g_assert_false (json_object_has_member (extra, "name"));
  g_assert_false (json_object_has_member (extra, "type"));

  /* written back untouched */
  out = kam_record_to_json (c);
  g_assert_cmpstr (json_object_get_string_member (out, "wechat"), ==, "lina_88");
  g_assert_cmpstr (json_object_get_string_member (out, "_rev"), ==, "3-abc");
  g_assert_true (json_node_equal (json_object_get_member (out, "x_future"),
                                  json_object_get_member (doc, "x_future")));
  g_assert_true (json_node_equal (json_object_get_member (out, "hobbies"),
                                  json_object_get_member (doc, "hobbies")));
  g_assert_cmpstr (json_object_get_string_member (out, "name"), ==, "李娜");

  /* a later document without them drops them */
  {
    g_autoptr(JsonObject) doc2 = json_object_new ();

    json_object_set_string_member (doc2, "id", "c-1");
    json_object_set_string_member (doc2, "name", "李娜");
    g_assert_true (kam_record_set_from_json (c, doc2, &error));
    g_assert_no_error (error);
    g_assert_null (kam_record_get_extra (c));
  }

  /* set_extra is what a store uses */
  {
    g_autoptr(JsonObject) e = json_object_new ();
    g_autoptr(JsonObject) out2 = NULL;

    json_object_set_int_member (e, "legacy_score", 7);
    /* a member that is a field is not overridden by extra */
    json_object_set_string_member (e, "name", "Not this");
    kam_record_set_extra (c, e);
    out2 = kam_record_to_json (c);
    g_assert_cmpint (json_object_get_int_member (out2, "legacy_score"), ==, 7);
    g_assert_cmpstr (json_object_get_string_member (out2, "name"), ==, "李娜");
    kam_record_set_extra (c, NULL);
    g_assert_null (kam_record_get_extra (c));
  }
}

static void
test_json_bad_field (void)
{
  struct {
    const char *member_json;  /* the bad member, as JSON text */
    int         code;
  } cases[] = {
    { "\"share_of_wallet\": 150", KAM_RECORD_ERROR_INVALID },
    { "\"share_of_wallet\": \"35%\"", KAM_RECORD_ERROR_INVALID },
    { "\"margin_score\": 21", KAM_RECORD_ERROR_INVALID },
    { "\"margin_score\": 2.5", KAM_RECORD_ERROR_INVALID },
    { "\"margin_score\": null", KAM_RECORD_ERROR_INVALID },
    { "\"value_type\": \"strategic\"", KAM_RECORD_ERROR_INVALID },
    { "\"value_type\": 1", KAM_RECORD_ERROR_INVALID },
    { "\"currency\": \"EURO\"", KAM_RECORD_ERROR_INVALID },
    { "\"tier_pinned\": \"D\"", KAM_RECORD_ERROR_INVALID },
    { "\"name\": \"\"", KAM_RECORD_ERROR_REQUIRED },
    { "\"name\": 42", KAM_RECORD_ERROR_INVALID },
    { "\"targets\": {\"year\": 2026}", KAM_RECORD_ERROR_INVALID },
    { "\"targets\": \"[]\"", KAM_RECORD_ERROR_INVALID },
    { "\"competitor_shares\": {\"A\": 70, \"B\": 40}", KAM_RECORD_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KamRecord) a = filled_record (&kam_account_kind);
      g_autoptr(KamRecord) copy = filled_record (&kam_account_kind);
      g_autofree char *text = NULL;
      g_autofree char *id = g_strdup (kam_record_get_id (a));
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      guint n_notify = 0;

      kam_record_set_id (copy, id);
      g_assert_true (kam_record_values_equal (a, copy));

      /* good members before and after the bad one */
      text = g_strdup_printf ("{\"id\": \"other-id\", \"name\": \"New name\", \"region\": \"华东\", %s,"
                              " \"industry\": \"Banking\", \"wechat\": \"x\"}",
                              cases[i].member_json);
      node = json_from_string (text, &error);
      g_assert_no_error (error);

      g_signal_connect (a, "notify", G_CALLBACK (count_notify_cb), &n_notify);
      g_assert_false (kam_record_set_from_json (a, json_node_get_object (node), &error));
      g_test_message ("%s -> %s", cases[i].member_json, error ? error->message : "(no error)");
      g_assert_error (error, KAM_RECORD_ERROR, cases[i].code);

      g_assert_cmpuint (n_notify, ==, 0);
      g_assert_cmpstr (kam_record_get_id (a), ==, id);
      g_assert_cmpstr (kam_account_get_name (KAM_ACCOUNT (a)), ==, "Huawei Technologies");
      g_assert_true (kam_record_values_equal (a, copy));
      g_assert_null (kam_record_get_extra (a));
    }

  /* a document without an id is refused */
  {
    g_autoptr(KamRecord) a = filled_record (&kam_account_kind);
    g_autoptr(JsonObject) doc = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (doc, "name", "New name");
    g_assert_false (kam_record_set_from_json (a, doc, &error));
    g_assert_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED);
    g_assert_cmpstr (kam_account_get_name (KAM_ACCOUNT (a)), ==, "Huawei Technologies");
  }

  /* the message of a bad document names the field */
  {
    g_autoptr(KamRecord) a = filled_record (&kam_account_kind);
    g_autoptr(JsonNode) node = json_from_string ("{\"id\": \"x\", \"share_of_wallet\": 150}", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (kam_record_set_from_json (a, json_node_get_object (node), &error));
    g_assert_nonnull (strstr (error->message, "Share of wallet"));
  }
}

/* dup_string() is the inverse of set_from_string() for every field. */
static void
test_dup_string (void)
{
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    {
      g_autoptr(KamRecord) a = filled_record (kinds[k]);
      g_autoptr(KamRecord) b = kam_record_new (kinds[k]);

      for (guint i = 0; i < kinds[k]->n_fields; i++)
        {
          const KamField *f = &kinds[k]->fields[i];
          g_autofree char *text = NULL;

          if (f->flags & KAM_FIELD_FLAG_LOCAL)
            continue;
          text = kam_record_dup_string (a, f->name);
          g_assert_nonnull (text);
          set_ok (b, f->name, text);
        }

      kam_record_set_id (b, kam_record_get_id (a));
      g_assert_true (kam_record_values_equal (a, b));
    }

  {
    g_autoptr(KamRecord) v = filled_record (&kam_visit_kind);
    g_autofree char *ids = kam_record_dup_string (v, "contact_ids");
    const char * const *strv = kam_record_get_strv (v, "contact_ids");

    g_assert_cmpstr (ids, ==, "contact-1,contact-2");
    g_assert_cmpuint (g_strv_length ((char **) strv), ==, 2);
    g_assert_cmpstr (strv[0], ==, "contact-1");
    g_assert_cmpstr (strv[1], ==, "contact-2");
  }
}

/* Fields and columns ------------------------------------------------------ */

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static GHashTable *
table_columns (sqlite3    *db,
               const char *table)
{
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  return columns;
}

static void
test_fields_match_columns (void)
{
  static const char * const sync_columns[] = {
    "id", "rev", "dirty", "deleted", "base", "extra", "local_seq", "created_at", "updated_at",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kam-record-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(KamStore) store = NULL;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);
  sqlite3 *db;

  g_assert_no_error (error);
  path = g_build_filename (dir, "fields.db", NULL);
  store = kam_store_open (path, &error);
  g_assert_no_error (error);
  db = kam_store_get_db (store);

  for (guint k = 0; k < n_kinds; k++)
    {
      const KamRecordKind *kind = kinds[k];
      g_autoptr(GHashTable) columns = table_columns (db, kind->name);
      g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer column;

      g_test_message ("table %s", kind->name);
      g_assert_cmpuint (g_hash_table_size (columns), >, 0);

      for (guint i = 0; i < G_N_ELEMENTS (sync_columns); i++)
        {
          if (!g_hash_table_contains (columns, sync_columns[i]))
            g_error ("table %s has no column %s", kind->name, sync_columns[i]);
          g_hash_table_add (expected, (gpointer) sync_columns[i]);
        }

      for (guint i = 0; i < kind->n_fields; i++)
        {
          const KamField *f = &kind->fields[i];

          if (f->type == KAM_FIELD_REFS)
            {
              /* a link table (owner_id, ref_id, position) */
              g_autoptr(GHashTable) link = table_columns (db, f->link_table);
              g_autofree char *owner = g_strdup_printf ("%s_id", kind->name);
              g_autofree char *ref = g_strdup_printf ("%s_id", f->ref_table);

              g_assert_true (g_hash_table_contains (link, owner));
              g_assert_true (g_hash_table_contains (link, ref));
              g_assert_true (g_hash_table_contains (link, "position"));
              g_assert_false (g_hash_table_contains (columns, f->name));
              continue;
            }

          if (!g_hash_table_contains (columns, f->name))
            g_error ("table %s has no column for the field %s", kind->name, f->name);
          g_hash_table_add (expected, (gpointer) f->name);

          if (f->type == KAM_FIELD_REF)
            g_assert_nonnull (kam_record_kind_lookup (f->ref_table));
        }

      /* and no column is left without a field */
      g_hash_table_iter_init (&iter, columns);
      while (g_hash_table_iter_next (&iter, &column, NULL))
        if (!g_hash_table_contains (expected, column))
          g_error ("column %s.%s is no field of the kind", kind->name, (char *) column);
    }

  /* the kinds imported from other systems carry an external id */
  {
    const KamRecordKind *with_external[] = {
      &kam_account_kind, &kam_contact_kind, &kam_visit_kind, &kam_opportunity_kind,
    };

    for (guint k = 0; k < G_N_ELEMENTS (with_external); k++)
      {
        g_autoptr(GHashTable) columns = table_columns (db, with_external[k]->name);

        g_assert_true (g_hash_table_contains (columns, "external_id"));
        g_assert_nonnull (kam_record_kind_find_field (with_external[k], "external_id"));
      }
  }

  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* Dates and times typed by people are in local time: pin it. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kam/record/number/grouping", test_number_grouping);
  g_test_add_func ("/kam/record/number/ranges", test_number_ranges);
  g_test_add_func ("/kam/record/enum", test_enum);
  g_test_add_func ("/kam/record/date", test_date);
  g_test_add_func ("/kam/record/datetime", test_datetime);
  g_test_add_func ("/kam/record/currency", test_currency);
  g_test_add_func ("/kam/record/choices", test_choices);
  g_test_add_func ("/kam/record/required", test_required);
  g_test_add_func ("/kam/record/json-field/targets", test_json_targets);
  g_test_add_func ("/kam/record/json-field/competitor-shares", test_json_competitor_shares);
  g_test_add_func ("/kam/record/json-field/stage-history", test_json_stage_history);
  g_test_add_func ("/kam/record/unknown-field", test_unknown_field);
  g_test_add_func ("/kam/record/local-fields", test_local_fields);
  g_test_add_func ("/kam/record/notify", test_notify);
  g_test_add_func ("/kam/record/ids", test_ids);
  g_test_add_func ("/kam/record/json/round-trip", test_json_round_trip);
  g_test_add_func ("/kam/record/json/round-trip-spaced", test_json_round_trip_spaced);
  g_test_add_func ("/kam/record/json/extra", test_json_extra);
  g_test_add_func ("/kam/record/json/bad-field", test_json_bad_field);
  g_test_add_func ("/kam/record/dup-string", test_dup_string);
  g_test_add_func ("/kam/record/fields-match-columns", test_fields_match_columns);

  return g_test_run ();
}
