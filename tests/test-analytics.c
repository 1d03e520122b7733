/* test-analytics.c — worked examples of the rules in kam-analytics.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each expected figure is worked out by hand in the comment above it.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kam-analytics.h"

#define EPS 1e-9

static guint32
jd (int year,
    int month,
    int day)
{
  g_autoptr(GDate) date = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return g_date_get_julian (date);
}

/* ------------------------------------------------------------------------ */
/* ABC                                                                      */
/* ------------------------------------------------------------------------ */

static void
classify_default (const KamAbcAccount *accounts,
                  gsize                n,
                  KamTier             *tiers)
{
  KamAbcThresholds t;

  kam_abc_thresholds_init_default (&t);
  g_assert_true (kam_abc_classify (accounts, n, &t, tiers));
}

static void
test_abc_basic (void)
{
  /* Total 1000, bounds a × total = 800, b × total = 950.
   * before:  0    500  700  850  950
   * tier:    A    A    A    B    C   (950 < 950 is false: C) */
  const KamAbcAccount accounts[] = {
    { 500, -1 }, { 200, -1 }, { 150, -1 }, { 100, -1 }, { 50, -1 },
  };
  KamTier tiers[G_N_ELEMENTS (accounts)];

  classify_default (accounts, G_N_ELEMENTS (accounts), tiers);

  g_assert_cmpint (tiers[0], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[1], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[2], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[3], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[4], ==, KAM_TIER_C);
}

static void
test_abc_unsorted (void)
{
  /* The same five in another order: 100 (before 850, B), 500 (0, A),
   * 50 (950, C), 200 (500, A), 150 (700, A). */
  const KamAbcAccount accounts[] = {
    { 100, -1 }, { 500, -1 }, { 50, -1 }, { 200, -1 }, { 150, -1 },
  };
  KamTier tiers[G_N_ELEMENTS (accounts)];

  classify_default (accounts, G_N_ELEMENTS (accounts), tiers);

  g_assert_cmpint (tiers[0], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[1], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[2], ==, KAM_TIER_C);
  g_assert_cmpint (tiers[3], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[4], ==, KAM_TIER_A);
}

static void
test_abc_custom_thresholds (void)
{
  /* a = 0.5, b = 0.9 on 500, 200, 150, 100, 50: bounds 500 and 900.
   * before 0 → A; 500 < 500 false, < 900 → B; 700 → B; 850 → B; 950 → C. */
  const KamAbcAccount accounts[] = {
    { 500, -1 }, { 200, -1 }, { 150, -1 }, { 100, -1 }, { 50, -1 },
  };
  const KamAbcThresholds t = { 0.5, 0.9 };
  KamTier tiers[G_N_ELEMENTS (accounts)];

  g_assert_true (kam_abc_classify (accounts, G_N_ELEMENTS (accounts), &t, tiers));

  g_assert_cmpint (tiers[0], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[1], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[2], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[3], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[4], ==, KAM_TIER_C);
}

static void
test_abc_empty (void)
{
  KamAbcThresholds t;

  kam_abc_thresholds_init_default (&t);
  g_assert_true (kam_abc_classify (NULL, 0, &t, NULL));
}

static void
test_abc_all_zero (void)
{
  /* Total 0: every account is C.  Then with one positive revenue: it is A
   * (before 0 < 0.8 × 10), and 0, negative and NaN revenues stay C. */
  KamAbcAccount accounts[] = {
    { 0, -1 }, { 0, -1 }, { -5, -1 }, { NAN, -1 },
  };
  KamTier tiers[G_N_ELEMENTS (accounts)];

  classify_default (accounts, G_N_ELEMENTS (accounts), tiers);
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    g_assert_cmpint (tiers[i], ==, KAM_TIER_C);

  accounts[1].revenue = 10;
  classify_default (accounts, G_N_ELEMENTS (accounts), tiers);
  g_assert_cmpint (tiers[0], ==, KAM_TIER_C);
  g_assert_cmpint (tiers[1], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[2], ==, KAM_TIER_C);
  g_assert_cmpint (tiers[3], ==, KAM_TIER_C);
}

static void
test_abc_ties (void)
{
  /* 200, 200, 200, 400 (total 1000, bounds 800 and 950).  Ranked: #3 (400,
   * before 0, A), then the three 200s in input order: #0 before 400 → A,
   * #1 before 600 → A, #2 before 800 → B.  Equal revenue, different tier:
   * input order decides. */
  const KamAbcAccount accounts[] = {
    { 200, -1 }, { 200, -1 }, { 200, -1 }, { 400, -1 },
  };
  KamTier tiers[G_N_ELEMENTS (accounts)];

  classify_default (accounts, G_N_ELEMENTS (accounts), tiers);

  g_assert_cmpint (tiers[0], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[1], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[2], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[3], ==, KAM_TIER_A);
}

static void
test_abc_pinned (void)
{
  /* 500 pinned C, 200, 150, 100, 50 pinned A, 0 pinned B, 30 "pinned" 7
   * (not a tier: not pinned).  Total 1030, bounds 824 and 978.5.
   * Pinned revenue still counts, so the unpinned keep their rank:
   * 200 before 500 → A; 150 before 700 → A; 100 before 850 → B;
   * 50 before 950 → B but pinned A; 30 before 1000 → C; 0 pinned B. */
  const KamAbcAccount accounts[] = {
    { 500, KAM_TIER_C }, { 200, -1 }, { 150, -1 }, { 100, -1 },
    { 50, KAM_TIER_A }, { 0, KAM_TIER_B }, { 30, 7 },
  };
  KamTier tiers[G_N_ELEMENTS (accounts)];

  classify_default (accounts, G_N_ELEMENTS (accounts), tiers);

  g_assert_cmpint (tiers[0], ==, KAM_TIER_C);
  g_assert_cmpint (tiers[1], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[2], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[3], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[4], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[5], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[6], ==, KAM_TIER_C);
}

static void
test_abc_rounding (void)
{
  /* Ten accounts of 0.1 (total 1): exactly, before = 0, 0.1, .. 0.9, so
   * eight are A, the ninth (before 0.8, not < 0.8) and tenth (0.9 < 0.95)
   * are B (0.1 × 8 sums to 0.7999999999999999 in floating point). */
  KamAbcAccount accounts[10];
  KamTier tiers[10];

  for (guint i = 0; i < 10; i++)
    accounts[i] = (KamAbcAccount) { 0.1, -1 };

  classify_default (accounts, 10, tiers);

  for (guint i = 0; i < 8; i++)
    g_assert_cmpint (tiers[i], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[8], ==, KAM_TIER_B);
  g_assert_cmpint (tiers[9], ==, KAM_TIER_B);

  /* Five accounts of 0.01: exactly, the fifth has before 0.04 = 0.8 × 0.05,
   * so it is B.  In floating point before is 0.04 but 0.8 × total is
   * 0.04000000000000001: without the slack it would be A. */
  for (guint i = 0; i < 5; i++)
    accounts[i] = (KamAbcAccount) { 0.01, -1 };

  classify_default (accounts, 5, tiers);

  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (tiers[i], ==, KAM_TIER_A);
  g_assert_cmpint (tiers[4], ==, KAM_TIER_B);
}

static void
test_abc_thresholds (void)
{
  const KamAbcAccount accounts[] = { { 100, -1 } };
  KamTier tiers[1] = { 42 };
  KamAbcThresholds t;

  kam_abc_thresholds_init_default (&t);
  g_assert_cmpfloat_with_epsilon (t.a, 0.80, EPS);
  g_assert_cmpfloat_with_epsilon (t.b, 0.95, EPS);
  g_assert_true (kam_abc_thresholds_valid (&t));

  t = (KamAbcThresholds) { 0.5, 1.0 };
  g_assert_true (kam_abc_thresholds_valid (&t));
  t = (KamAbcThresholds) { 0.8, 0.8 };
  g_assert_false (kam_abc_thresholds_valid (&t));
  t = (KamAbcThresholds) { 0.9, 0.8 };
  g_assert_false (kam_abc_thresholds_valid (&t));
  t = (KamAbcThresholds) { 0.0, 0.5 };
  g_assert_false (kam_abc_thresholds_valid (&t));
  t = (KamAbcThresholds) { -0.1, 0.5 };
  g_assert_false (kam_abc_thresholds_valid (&t));
  t = (KamAbcThresholds) { 0.5, 1.01 };
  g_assert_false (kam_abc_thresholds_valid (&t));
  t = (KamAbcThresholds) { NAN, 0.9 };
  g_assert_false (kam_abc_thresholds_valid (&t));
  t = (KamAbcThresholds) { 0.5, NAN };
  g_assert_false (kam_abc_thresholds_valid (&t));

  /* Invalid thresholds: FALSE, output untouched. */
  t = (KamAbcThresholds) { 0.9, 0.8 };
  g_assert_false (kam_abc_classify (accounts, 1, &t, tiers));
  g_assert_cmpint (tiers[0], ==, 42);
}

static void
test_abc_large (void)
{
  /* 20,000 equal revenues of 1: before = index, bounds 16,000 and 19,000;
   * ties keep input order, so indices 0 .. 15,999 are A, 16,000 .. 18,999
   * B and 19,000 .. 19,999 C. */
  const gsize n = 20000;
  g_autofree KamAbcAccount *accounts = g_new (KamAbcAccount, n);
  g_autofree KamTier *tiers = g_new (KamTier, n);
  KamAbcThresholds t;
  double elapsed;

  kam_abc_thresholds_init_default (&t);

  for (gsize i = 0; i < n; i++)
    accounts[i] = (KamAbcAccount) { 1.0, -1 };

  g_assert_true (kam_abc_classify (accounts, n, &t, tiers));
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (tiers[i], ==, i < 16000 ? KAM_TIER_A : i < 19000 ? KAM_TIER_B : KAM_TIER_C);

  /* 20,000 random whole revenues (sums are exact), timed. */
  for (gsize i = 0; i < n; i++)
    accounts[i] = (KamAbcAccount) { g_test_rand_int_range (0, 1000000), -1 };

  g_test_timer_start ();
  g_assert_true (kam_abc_classify (accounts, n, &t, tiers));
  elapsed = g_test_timer_elapsed ();
  g_test_minimized_result (elapsed * 1000.0, "classify 20000 accounts: %.3f ms", elapsed * 1000.0);
  if (g_test_perf ())
    g_assert_cmpfloat (elapsed, <, 0.010);

  /* Check 2,000 of them against the rule computed the slow way. */
  for (gsize i = 0; i < n; i += 10)
    {
      double total = 0.0;
      double before = 0.0;
      KamTier expected;

      for (gsize j = 0; j < n; j++)
        {
          total += accounts[j].revenue;
          if (accounts[j].revenue > accounts[i].revenue
              || (accounts[j].revenue == accounts[i].revenue && j < i))
            before += accounts[j].revenue;
        }

      if (accounts[i].revenue <= 0)
        expected = KAM_TIER_C;
      else if (before < 0.80 * total)
        expected = KAM_TIER_A;
      else if (before < 0.95 * total)
        expected = KAM_TIER_B;
      else
        expected = KAM_TIER_C;

      g_assert_cmpint (tiers[i], ==, expected);
    }
}

/* ------------------------------------------------------------------------ */
/* Relationship coverage                                                    */
/* ------------------------------------------------------------------------ */

static void
test_coverage_empty (void)
{
  KamCoverage cov;

  kam_coverage_compute (NULL, 0, 30, &cov);

  g_assert_cmpint (cov.score, ==, 0);
  g_assert_cmpint (cov.status, ==, KAM_COVERAGE_RED);
  g_assert_cmpint (cov.flags, ==, KAM_COVERAGE_FLAG_NO_COACH | KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER);
  g_assert_cmpint (cov.n_key_players, ==, 0);
  g_assert_cmpint (cov.n_supportive_key_players, ==, 0);
}

static void
test_coverage_red (void)
{
  /* Cadence 30.
   * #0 economic buyer, influence 5, attitude -1, strength 1, met 200 days
   *    ago: key player, not supportive, decider, not met within cadence.
   *    w = 5 + 2 = 7; c = 0.5 × 1/4 + 0.3 × 1/4 + 0 = 0.2 (C = 16)
   * #1 no role, influence 2, attitude +2: not a key player (ignored in the
   *    score and status, though supportive)
   * #2 no role, influence 4, attitude 0, strength 0, never met: key player.
   *    w = 4; c = 0 + 0.3 × 2/4 + 0 = 0.15 (C = 12)
   * No supportive key player: RED.
   * score = round (100 × (7 × 0.2 + 4 × 0.15) / 11) = round (18.18) = 18
   * Flags: no coach; economic buyer not met (200 > 30); #0 is an opponent
   * with influence 5; #2 is a key player never met. */
  const KamCoverageContact contacts[] = {
    { KAM_ROLE_ECONOMIC_BUYER, 5, -1, 1, 200 },
    { KAM_ROLE_NONE, 2, 2, 3, 5 },
    { KAM_ROLE_NONE, 4, 0, 0, -1 },
  };
  KamCoverage cov;

  kam_coverage_compute (contacts, G_N_ELEMENTS (contacts), 30, &cov);

  g_assert_cmpint (cov.status, ==, KAM_COVERAGE_RED);
  g_assert_cmpint (cov.score, ==, 18);
  g_assert_cmpint (cov.n_key_players, ==, 2);
  g_assert_cmpint (cov.n_supportive_key_players, ==, 0);
  g_assert_cmpint (cov.flags, ==,
                   KAM_COVERAGE_FLAG_NO_COACH
                   | KAM_COVERAGE_FLAG_ECONOMIC_BUYER_NOT_MET
                   | KAM_COVERAGE_FLAG_HIGH_INFLUENCE_OPPONENT
                   | KAM_COVERAGE_FLAG_KEY_PLAYER_NEVER_MET);
}

static void
test_coverage_amber (void)
{
  /* Cadence 30.
   * #0 technical buyer, influence 3, attitude +2, strength 4, met 10 days
   *    ago: supportive key player, not a decider.
   *    w = 3; c = 0.5 + 0.3 + 0.2 = 1.0 (C = 80)
   * #1 coach, influence 2, attitude +1, strength 2, met 30 days ago (the
   *    boundary: still within cadence): supportive key player.
   *    w = 2; c = 0.25 + 0.3 × 3/4 + 0.2 = 0.675 (C = 54)
   * #2 economic buyer, influence 5, attitude 0, strength 1, met 31 days
   *    ago: decider but neutral, not met within cadence.
   *    w = 7; c = 0.125 + 0.15 + 0 = 0.275 (C = 22)
   * Supportive key players, none a decider: AMBER.
   * score = round (100 × (3 + 1.35 + 1.925) / 12) = round (52.29) = 52
   * Flags: only ECONOMIC_BUYER_NOT_MET. */
  const KamCoverageContact contacts[] = {
    { KAM_ROLE_TECHNICAL_BUYER, 3, 2, 4, 10 },
    { KAM_ROLE_COACH, 2, 1, 2, 30 },
    { KAM_ROLE_ECONOMIC_BUYER, 5, 0, 1, 31 },
  };
  KamCoverage cov;

  kam_coverage_compute (contacts, G_N_ELEMENTS (contacts), 30, &cov);

  g_assert_cmpint (cov.status, ==, KAM_COVERAGE_AMBER);
  g_assert_cmpint (cov.score, ==, 52);
  g_assert_cmpint (cov.n_key_players, ==, 3);
  g_assert_cmpint (cov.n_supportive_key_players, ==, 2);
  g_assert_cmpint (cov.flags, ==, KAM_COVERAGE_FLAG_ECONOMIC_BUYER_NOT_MET);

  /* Met yesterday instead: the flag goes, and #2 gains 0.2:
   * c = 0.475 (C = 38), score = round (100 × (3 + 1.35 + 3.325) / 12)
   * = round (63.96) = 64. */
  {
    KamCoverageContact met[G_N_ELEMENTS (contacts)];

    memcpy (met, contacts, sizeof contacts);
    met[2].days_since_met = 1;
    kam_coverage_compute (met, G_N_ELEMENTS (met), 30, &cov);
    g_assert_cmpint (cov.flags, ==, KAM_COVERAGE_FLAG_NONE);
    g_assert_cmpint (cov.score, ==, 64);
  }
}

static void
test_coverage_green (void)
{
  /* Cadence 30 (the example of the header).
   * #0 decision maker, influence 5, attitude +2, strength 3, met 10 days
   *    ago: supportive decider.
   *    w = 7; c = 0.375 + 0.3 + 0.2 = 0.875 (C = 70)
   * #1 technical buyer, influence 3, attitude 0, strength 1, never met.
   *    w = 3; c = 0.125 + 0.15 + 0 = 0.275 (C = 22)
   * GREEN.  score = 100 × (6.125 + 0.825) / 10 = 69.5, halves up: 70.
   * Flags: no coach, no economic buyer (so not "not met"), a key player
   * never met. */
  const KamCoverageContact contacts[] = {
    { KAM_ROLE_DECISION_MAKER, 5, 2, 3, 10 },
    { KAM_ROLE_TECHNICAL_BUYER, 3, 0, 1, -1 },
  };
  /* A second green account with no flag at all:
   * #0 economic buyer, influence 4, attitude +1, strength 2, met today.
   *    w = 6; c = 0.25 + 0.225 + 0.2 = 0.675 (C = 54)
   * #1 coach, influence 1, attitude +2, strength 4, met 7 days ago.
   *    w = 1; c = 1.0 (C = 80)
   * score = round (100 × (4.05 + 1) / 7) = round (72.14) = 72 */
  const KamCoverageContact clean[] = {
    { KAM_ROLE_ECONOMIC_BUYER, 4, 1, 2, 0 },
    { KAM_ROLE_COACH, 1, 2, 4, 7 },
  };
  KamCoverage cov;

  kam_coverage_compute (contacts, G_N_ELEMENTS (contacts), 30, &cov);

  g_assert_cmpint (cov.status, ==, KAM_COVERAGE_GREEN);
  g_assert_cmpint (cov.score, ==, 70);
  g_assert_cmpint (cov.n_key_players, ==, 2);
  g_assert_cmpint (cov.n_supportive_key_players, ==, 1);
  g_assert_cmpint (cov.flags, ==,
                   KAM_COVERAGE_FLAG_NO_COACH
                   | KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER
                   | KAM_COVERAGE_FLAG_KEY_PLAYER_NEVER_MET);

  kam_coverage_compute (clean, G_N_ELEMENTS (clean), 30, &cov);

  g_assert_cmpint (cov.status, ==, KAM_COVERAGE_GREEN);
  g_assert_cmpint (cov.score, ==, 72);
  g_assert_cmpint (cov.n_key_players, ==, 2);
  g_assert_cmpint (cov.n_supportive_key_players, ==, 2);
  g_assert_cmpint (cov.flags, ==, KAM_COVERAGE_FLAG_NONE);
}

static void
test_coverage_clamp (void)
{
  /* Out of range values are clamped: influence 9 → 5 (a key player
   * without a role), attitude 5 → +2, strength 10 → 4; met 3 days ago:
   * c = 1.0, score 100.  A supportive key player but no decider: AMBER.
   * Influence 0 → 1 and attitude -9 → -2: not key, not an opponent flag. */
  const KamCoverageContact contacts[] = {
    { KAM_ROLE_NONE, 9, 5, 10, 3 },
    { KAM_ROLE_NONE, 0, -9, -3, 3 },
  };
  KamCoverage cov;

  kam_coverage_compute (contacts, G_N_ELEMENTS (contacts), 7, &cov);

  g_assert_cmpint (cov.score, ==, 100);
  g_assert_cmpint (cov.status, ==, KAM_COVERAGE_AMBER);
  g_assert_cmpint (cov.n_key_players, ==, 1);
  g_assert_cmpint (cov.flags, ==, KAM_COVERAGE_FLAG_NO_COACH | KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER);
}

static void
test_coverage_describe (void)
{
  /* No translation is loaded in tests: the English source strings. */
  g_assert_cmpstr (kam_coverage_flag_describe (KAM_COVERAGE_FLAG_NO_COACH), ==,
                   "No coach in this account");
  g_assert_cmpstr (kam_coverage_flag_describe (KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER), ==,
                   "No economic buyer identified");
  g_assert_cmpstr (kam_coverage_flag_describe (KAM_COVERAGE_FLAG_ECONOMIC_BUYER_NOT_MET), ==,
                   "Economic buyer not met within the visit cadence");
  g_assert_cmpstr (kam_coverage_flag_describe (KAM_COVERAGE_FLAG_HIGH_INFLUENCE_OPPONENT), ==,
                   "An influential contact opposes us");
  g_assert_cmpstr (kam_coverage_flag_describe (KAM_COVERAGE_FLAG_KEY_PLAYER_NEVER_MET), ==,
                   "A key player has never been met");
  g_assert_null (kam_coverage_flag_describe (KAM_COVERAGE_FLAG_NONE));
  g_assert_null (kam_coverage_flag_describe (KAM_COVERAGE_FLAG_NO_COACH
                                             | KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER));

  /* Every flag has its own description. */
  for (guint i = 0; i < KAM_COVERAGE_N_FLAGS; i++)
    {
      g_assert_nonnull (kam_coverage_flag_describe (1u << i));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (kam_coverage_flag_describe (1u << i), !=,
                         kam_coverage_flag_describe (1u << j));
    }
  g_assert_null (kam_coverage_flag_describe (1u << KAM_COVERAGE_N_FLAGS));

  g_assert_cmpstr (kam_coverage_status_describe (KAM_COVERAGE_RED), ==,
                   "No key player supports us");
  g_assert_cmpstr (kam_coverage_status_describe (KAM_COVERAGE_AMBER), ==,
                   "Key players support us, but no decider does");
  g_assert_cmpstr (kam_coverage_status_describe (KAM_COVERAGE_GREEN), ==,
                   "A decider supports us");
}

/* ------------------------------------------------------------------------ */
/* Visit cadence                                                            */
/* ------------------------------------------------------------------------ */

static void
test_cadence_defaults (void)
{
  KamCadence cadence;

  kam_cadence_init_default (&cadence);

  g_assert_cmpint (cadence.days[KAM_TIER_A], ==, 7);
  g_assert_cmpint (cadence.days[KAM_TIER_B], ==, 30);
  g_assert_cmpint (cadence.days[KAM_TIER_C], ==, 90);
}

static void
test_cadence_boundary (void)
{
  /* Last visit Monday 2 March 2026, weekly cadence. */
  guint32 last = jd (2026, 3, 2);
  KamDue due;

  /* Sunday 8 March: 6 days later, 1 day left. */
  kam_due_compute (last, 7, jd (2026, 3, 8), &due);
  g_assert_false (due.due);
  g_assert_false (due.never);
  g_assert_cmpint (due.days_overdue, ==, -1);

  /* Monday 9 March: 7 days later, due today, 0 days overdue. */
  kam_due_compute (last, 7, jd (2026, 3, 9), &due);
  g_assert_true (due.due);
  g_assert_cmpint (due.days_overdue, ==, 0);

  /* Thursday 12 March: 3 days overdue. */
  kam_due_compute (last, 7, jd (2026, 3, 12), &due);
  g_assert_true (due.due);
  g_assert_cmpint (due.days_overdue, ==, 3);

  /* Quarterly across a year end: 15 Nov 2025 + 90 days = 13 Feb 2026
   * (15 days left of November, 31 of December, 31 of January, 13 of
   * February: 15 + 31 + 31 + 13 = 90). */
  kam_due_compute (jd (2025, 11, 15), 90, jd (2026, 2, 12), &due);
  g_assert_false (due.due);
  g_assert_cmpint (due.days_overdue, ==, -1);
  kam_due_compute (jd (2025, 11, 15), 90, jd (2026, 2, 13), &due);
  g_assert_true (due.due);
  g_assert_cmpint (due.days_overdue, ==, 0);

  /* Cadence 0 (or negative, counted as 0): due from the day of the visit. */
  kam_due_compute (last, 0, last, &due);
  g_assert_true (due.due);
  g_assert_cmpint (due.days_overdue, ==, 0);
  kam_due_compute (last, -5, last + 2, &due);
  g_assert_true (due.due);
  g_assert_cmpint (due.days_overdue, ==, 2);

  /* A last visit after today (a date typed ahead): not due, 7 + 3 left. */
  kam_due_compute (last, 7, last - 3, &due);
  g_assert_false (due.due);
  g_assert_cmpint (due.days_overdue, ==, -10);
}

static void
test_cadence_never (void)
{
  KamDue due;

  kam_due_compute (0, 90, jd (2026, 3, 2), &due);

  g_assert_true (due.due);
  g_assert_true (due.never);
  g_assert_cmpint (due.days_overdue, ==, 0);
}

static void
test_cadence_due_list (void)
{
  /* Today is 2 March 2026 (julian t).
   *   #0 acme  last t-3,   cadence 7  → -4, not due
   *   #1 bolt  never                  → never
   *   #2 core  last t-40,  cadence 30 → 10 overdue
   *   #3 dyna  last t-100, cadence 90 → 10 overdue (tie with core)
   *   #4 echo  never                  → never (after bolt: input order)
   *   #5 flux  last t-7,   cadence 7  → 0, due today
   *   #6 gate  last t-50,  cadence 30 → 20 overdue
   * Order: bolt, echo, gate (20), core (10), dyna (10), flux (0). */
  guint32 t = jd (2026, 3, 2);
  const KamDueInput items[] = {
    { "acme", t - 3, 7 },
    { "bolt", 0, 30 },
    { "core", t - 40, 30 },
    { "dyna", t - 100, 90 },
    { "echo", 0, 7 },
    { "flux", t - 7, 7 },
    { "gate", t - 50, 30 },
  };
  const struct {
    const char *id;
    guint index;
    gboolean never;
    int days_overdue;
  } expected[] = {
    { "bolt", 1, TRUE, 0 },
    { "echo", 4, TRUE, 0 },
    { "gate", 6, FALSE, 20 },
    { "core", 2, FALSE, 10 },
    { "dyna", 3, FALSE, 10 },
    { "flux", 5, FALSE, 0 },
  };
  g_autoptr(GArray) due = kam_due_list (items, G_N_ELEMENTS (items), t);
  g_autoptr(GArray) none = NULL;

  g_assert_cmpuint (due->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < due->len; i++)
    {
      const KamDueItem *item = &g_array_index (due, KamDueItem, i);

      g_assert_cmpstr (item->id, ==, expected[i].id);
      g_assert_cmpuint (item->index, ==, expected[i].index);
      g_assert_cmpint (item->never, ==, expected[i].never);
      g_assert_cmpint (item->days_overdue, ==, expected[i].days_overdue);
    }

  none = kam_due_list (NULL, 0, t);
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);
}

/* KamDueTop keeps the first N of kam_due_list()'s order, for any N, with
 * many ties (random lasts over a few weeks, three cadences, some never). */
static void
test_cadence_due_top (void)
{
  const guint32 t = jd (2026, 11, 24);
  const int cadences[] = { 7, 30, 90 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree KamDueInput *items = g_new (KamDueInput, 3000);
  g_autoptr(GArray) all = NULL;

  for (guint i = 0; i < 3000; i++)
    {
      items[i].id = GUINT_TO_POINTER (i + 1);
      items[i].last_julian = g_rand_int_range (rand, 0, 10) == 0 ? 0 : t - (guint32) g_rand_int_range (rand, 0, 120);
      items[i].cadence_days = cadences[g_rand_int_range (rand, 0, 3)];
    }
  all = kam_due_list (items, 3000, t);
  g_assert_cmpuint (all->len, >, 1000);

  for (guint limit = 1; limit <= 3001; limit = limit * 3 + 1)
    {
      KamDueTop *top = kam_due_top_new (limit);
      g_autoptr(GArray) kept = NULL;
      guint n_due = 0;

      for (guint i = 0; i < 3000; i++)
        n_due += kam_due_top_offer (top, items[i].id, items[i].last_julian, items[i].cadence_days, t);
      g_assert_cmpuint (kam_due_top_get_n_due (top), ==, all->len);
      g_assert_cmpuint (n_due, ==, all->len);
      kept = kam_due_top_free_to_array (top);
      g_assert_cmpuint (kept->len, ==, MIN (limit, all->len));
      for (guint i = 0; i < kept->len; i++)
        {
          const KamDueItem *a = &g_array_index (all, KamDueItem, i);
          const KamDueItem *b = &g_array_index (kept, KamDueItem, i);

          g_assert_true (a->id == b->id);
          g_assert_cmpuint (a->index, ==, b->index);
          g_assert_cmpint (a->days_overdue, ==, b->days_overdue);
          g_assert_cmpint (a->never, ==, b->never);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Pipeline                                                                 */
/* ------------------------------------------------------------------------ */

static void
test_pipeline_probability (void)
{
  const KamDeal deals[] = {
    { KAM_STAGE_PROSPECTING, 100, -1, 0, 0 },        /* default 10 */
    { KAM_STAGE_NEEDS_ANALYSIS, 100, -1, 0, 0 },     /* default 20 */
    { KAM_STAGE_SOLUTION_PROPOSAL, 100, 55, 0, 0 },  /* override 55 */
    { KAM_STAGE_NEGOTIATION, 100, -1, 0, 0 },        /* default 70 */
    { KAM_STAGE_NEGOTIATION, 100, 0, 0, 0 },         /* override 0 is kept */
    { KAM_STAGE_NEGOTIATION, 100, 150, 0, 0 },       /* clamped to 100 */
    { KAM_STAGE_CLOSED_WON, 100, 30, 0, 1 },         /* always 100 */
    { KAM_STAGE_CLOSED_LOST, 100, 80, 0, 1 },        /* always 0 */
  };
  const int expected[] = { 10, 20, 55, 70, 0, 100, 100, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (deals); i++)
    g_assert_cmpint (kam_deal_probability (&deals[i]), ==, expected[i]);
}

static void
test_pipeline_stage_change (void)
{
  KamDeal deal = { KAM_STAGE_SOLUTION_PROPOSAL, 1000, 55, 0, 0 };

  /* Proposal (override 55) → negotiation: the user's 55 is kept. */
  deal.probability = kam_probability_after_stage_change (deal.stage, KAM_STAGE_NEGOTIATION, deal.probability);
  deal.stage = KAM_STAGE_NEGOTIATION;
  g_assert_cmpint (deal.probability, ==, 55);
  g_assert_cmpint (kam_deal_probability (&deal), ==, 55);

  /* Backwards between open stages too. */
  g_assert_cmpint (kam_probability_after_stage_change (KAM_STAGE_NEGOTIATION, KAM_STAGE_PROSPECTING, 55), ==, 55);

  /* No override: stays default, so the new stage's default applies. */
  g_assert_cmpint (kam_probability_after_stage_change (KAM_STAGE_PROSPECTING, KAM_STAGE_NEGOTIATION, -1), ==, -1);
  deal.probability = -1;
  g_assert_cmpint (kam_deal_probability (&deal), ==, 70);

  /* Closing forces 100 or 0, whatever the override. */
  g_assert_cmpint (kam_probability_after_stage_change (KAM_STAGE_NEGOTIATION, KAM_STAGE_CLOSED_WON, 55), ==, 100);
  g_assert_cmpint (kam_probability_after_stage_change (KAM_STAGE_NEGOTIATION, KAM_STAGE_CLOSED_LOST, 55), ==, 0);
  g_assert_cmpint (kam_probability_after_stage_change (KAM_STAGE_CLOSED_LOST, KAM_STAGE_CLOSED_WON, 0), ==, 100);

  /* Reopening drops the forced value: back to the stage default. */
  g_assert_cmpint (kam_probability_after_stage_change (KAM_STAGE_CLOSED_WON, KAM_STAGE_NEGOTIATION, 100), ==, -1);
  g_assert_cmpint (kam_probability_after_stage_change (KAM_STAGE_CLOSED_LOST, KAM_STAGE_PROSPECTING, 0), ==, -1);
}

static void
test_pipeline_by_stage (void)
{
  /* prospecting  1000 + 500, default 10%   → weighted 100 + 50 = 150
   * needs        2000, default 20%          → 400
   * proposal     4000, override 50%         → 2000
   * negotiation  3000, default 70%          → 2100
   * closed won   6000 (stored 40 ignored)   → 6000
   * closed lost  2500                       → 0 */
  const KamDeal deals[] = {
    { KAM_STAGE_PROSPECTING, 1000, -1, 0, 0 },
    { KAM_STAGE_PROSPECTING, 500, -1, 0, 0 },
    { KAM_STAGE_NEEDS_ANALYSIS, 2000, -1, 0, 0 },
    { KAM_STAGE_SOLUTION_PROPOSAL, 4000, 50, 0, 0 },
    { KAM_STAGE_NEGOTIATION, 3000, -1, 0, 0 },
    { KAM_STAGE_CLOSED_WON, 6000, 40, 0, jd (2026, 1, 5) },
    { KAM_STAGE_CLOSED_LOST, 2500, -1, 0, jd (2026, 1, 6) },
  };
  const KamStageTotals expected[KAM_N_STAGES] = {
    [KAM_STAGE_PROSPECTING] = { 2, 1500, 150 },
    [KAM_STAGE_NEEDS_ANALYSIS] = { 1, 2000, 400 },
    [KAM_STAGE_SOLUTION_PROPOSAL] = { 1, 4000, 2000 },
    [KAM_STAGE_NEGOTIATION] = { 1, 3000, 2100 },
    [KAM_STAGE_CLOSED_WON] = { 1, 6000, 6000 },
    [KAM_STAGE_CLOSED_LOST] = { 1, 2500, 0 },
  };
  KamStageTotals totals[KAM_N_STAGES];

  kam_pipeline_by_stage (deals, G_N_ELEMENTS (deals), totals);

  for (guint s = 0; s < KAM_N_STAGES; s++)
    {
      g_assert_cmpint (totals[s].count, ==, expected[s].count);
      g_assert_cmpfloat_with_epsilon (totals[s].amount, expected[s].amount, EPS);
      g_assert_cmpfloat_with_epsilon (totals[s].weighted, expected[s].weighted, EPS);
    }

  kam_pipeline_by_stage (NULL, 0, totals);
  for (guint s = 0; s < KAM_N_STAGES; s++)
    {
      g_assert_cmpint (totals[s].count, ==, 0);
      g_assert_cmpfloat_with_epsilon (totals[s].amount, 0.0, EPS);
    }
}

static void
assert_bucket (const KamForecastBucket *bucket,
               double                   won,
               double                   weighted_open)
{
  g_assert_cmpfloat_with_epsilon (bucket->won, won, EPS);
  g_assert_cmpfloat_with_epsilon (bucket->weighted_open, weighted_open, EPS);
}

static void
test_pipeline_forecast (void)
{
  /* a won   1000 closed 31 Dec 2025
   * b won   2000 closed  1 Jan 2026
   * c negotiation 10000 (70%) expected 31 Mar 2026 → 7000 weighted
   * d proposal     5000 (40%) expected  1 Apr 2026 → 2000
   * e prospecting  3000 (10%) expected 31 Dec 2026 →  300
   * f needs        8000 (20%) expected  1 Jan 2027 → 1600
   * g lost         4000 closed 10 Feb 2026        → nothing
   * h negotiation  1000 with no expected close     → nothing
   * i won          1500 with no close date         → nothing */
  const KamDeal deals[] = {
    { KAM_STAGE_CLOSED_WON, 1000, -1, 0, jd (2025, 12, 31) },
    { KAM_STAGE_CLOSED_WON, 2000, -1, 0, jd (2026, 1, 1) },
    { KAM_STAGE_NEGOTIATION, 10000, -1, jd (2026, 3, 31), 0 },
    { KAM_STAGE_SOLUTION_PROPOSAL, 5000, -1, jd (2026, 4, 1), 0 },
    { KAM_STAGE_PROSPECTING, 3000, -1, jd (2026, 12, 31), 0 },
    { KAM_STAGE_NEEDS_ANALYSIS, 8000, -1, jd (2027, 1, 1), 0 },
    { KAM_STAGE_CLOSED_LOST, 4000, -1, jd (2026, 2, 1), jd (2026, 2, 10) },
    { KAM_STAGE_NEGOTIATION, 1000, -1, 0, 0 },
    { KAM_STAGE_CLOSED_WON, 1500, -1, 0, 0 },
  };
  const gsize n = G_N_ELEMENTS (deals);
  KamForecastBucket months[12];
  KamForecastBucket q[4];

  /* Calendar 2026 by month: Jan won 2000 (b); Mar open 7000 (c);
   * Apr open 2000 (d); Dec open 300 (e); a is in 2025, f in 2027. */
  kam_forecast_by_month (deals, n, 2026, 1, months);
  for (guint m = 0; m < 12; m++)
    {
      double won = m == 0 ? 2000 : 0;
      double open = m == 2 ? 7000 : m == 3 ? 2000 : m == 11 ? 300 : 0;

      assert_bucket (&months[m], won, open);
    }

  /* Calendar 2026 by quarter: Q1 2000 / 7000, Q2 0 / 2000, Q3 0 / 0,
   * Q4 0 / 300. */
  kam_forecast_by_quarter (deals, n, 2026, 1, q);
  assert_bucket (&q[0], 2000, 7000);
  assert_bucket (&q[1], 0, 2000);
  assert_bucket (&q[2], 0, 0);
  assert_bucket (&q[3], 0, 300);

  /* Calendar 2025: only a, in Q4. */
  kam_forecast_by_quarter (deals, n, 2025, 1, q);
  assert_bucket (&q[0], 0, 0);
  assert_bucket (&q[1], 0, 0);
  assert_bucket (&q[2], 0, 0);
  assert_bucket (&q[3], 1000, 0);

  /* Fiscal year 2025 from April (Apr 2025 .. Mar 2026), across the
   * calendar year end: Q3 = Oct-Dec 2025 holds a (won 1000); Q4 = Jan-Mar
   * 2026 holds b (won 2000) and c (open 7000); d (1 Apr 2026) is out. */
  kam_forecast_by_quarter (deals, n, 2025, 4, q);
  assert_bucket (&q[0], 0, 0);
  assert_bucket (&q[1], 0, 0);
  assert_bucket (&q[2], 1000, 0);
  assert_bucket (&q[3], 2000, 7000);

  /* Fiscal 2026 from April: Q1 d (2000), Q3 e (300), Q4 = Jan-Mar 2027:
   * f (1600).  By month: month 0 = April 2026, month 9 = January 2027. */
  kam_forecast_by_quarter (deals, n, 2026, 4, q);
  assert_bucket (&q[0], 0, 2000);
  assert_bucket (&q[1], 0, 0);
  assert_bucket (&q[2], 0, 300);
  assert_bucket (&q[3], 0, 1600);

  kam_forecast_by_month (deals, n, 2026, 4, months);
  assert_bucket (&months[0], 0, 2000);
  assert_bucket (&months[8], 0, 300);
  assert_bucket (&months[9], 0, 1600);
}

static void
test_pipeline_win_rate (void)
{
  /* Period Q1 2026, 1 Jan .. 31 Mar, both days included.
   * In:  won 2000 on 1 Jan, won 3000 on 31 Mar, lost 4000 on 10 Feb.
   * Out: lost 1000 on 1 Apr, won 500 on 31 Dec 2025, an open deal, a won
   *      deal without a close date.
   * rate = 2 / 3; by amount 5000 / 9000 = 0.5556. */
  const KamDeal deals[] = {
    { KAM_STAGE_CLOSED_WON, 2000, -1, 0, jd (2026, 1, 1) },
    { KAM_STAGE_CLOSED_WON, 3000, -1, 0, jd (2026, 3, 31) },
    { KAM_STAGE_CLOSED_LOST, 4000, -1, 0, jd (2026, 2, 10) },
    { KAM_STAGE_CLOSED_LOST, 1000, -1, 0, jd (2026, 4, 1) },
    { KAM_STAGE_CLOSED_WON, 500, -1, 0, jd (2025, 12, 31) },
    { KAM_STAGE_NEGOTIATION, 9000, -1, jd (2026, 2, 1), 0 },
    { KAM_STAGE_CLOSED_WON, 700, -1, 0, 0 },
  };
  guint32 from = jd (2026, 1, 1);
  guint32 to = jd (2026, 3, 31);
  KamWinRate wr;

  g_assert_true (kam_win_rate (deals, G_N_ELEMENTS (deals), from, to, &wr));
  g_assert_cmpint (wr.won_count, ==, 2);
  g_assert_cmpint (wr.lost_count, ==, 1);
  g_assert_cmpfloat_with_epsilon (wr.won_amount, 5000, EPS);
  g_assert_cmpfloat_with_epsilon (wr.lost_amount, 4000, EPS);
  g_assert_cmpfloat_with_epsilon (wr.rate, 2.0 / 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (wr.rate_by_amount, 5.0 / 9.0, EPS);

  /* No deal closed in 2024: FALSE, rates -1. */
  g_assert_false (kam_win_rate (deals, G_N_ELEMENTS (deals), jd (2024, 1, 1), jd (2024, 12, 31), &wr));
  g_assert_cmpint (wr.won_count, ==, 0);
  g_assert_cmpint (wr.lost_count, ==, 0);
  g_assert_cmpfloat_with_epsilon (wr.rate, -1.0, EPS);
  g_assert_cmpfloat_with_epsilon (wr.rate_by_amount, -1.0, EPS);

  g_assert_false (kam_win_rate (NULL, 0, from, to, &wr));
  g_assert_cmpfloat_with_epsilon (wr.rate, -1.0, EPS);

  /* Closed deals of amount 0: a count rate (1 / 1) but no amount rate. */
  {
    const KamDeal zero[] = { { KAM_STAGE_CLOSED_WON, 0, -1, 0, from } };

    g_assert_true (kam_win_rate (zero, 1, from, to, &wr));
    g_assert_cmpfloat_with_epsilon (wr.rate, 1.0, EPS);
    g_assert_cmpfloat_with_epsilon (wr.rate_by_amount, -1.0, EPS);
  }
}

static void
test_pipeline_coverage (void)
{
  /* Period Q1 2026.  Won in the period: 2000 + 3000 = 5000 (the 500 of
   * December is out).  Open, expected in the period: 10000 at 70% (7000)
   * and 5000 with an override of 30% (1500): amount 15000, weighted 8500.
   * Left out: 3000 expected 1 Apr, 2000 with no expected date.
   * Target 10000: remaining 5000, ratio 8500 / 5000 = 1.7. */
  const KamDeal deals[] = {
    { KAM_STAGE_CLOSED_WON, 2000, -1, 0, jd (2026, 1, 1) },
    { KAM_STAGE_CLOSED_WON, 3000, -1, 0, jd (2026, 3, 31) },
    { KAM_STAGE_CLOSED_WON, 500, -1, 0, jd (2025, 12, 31) },
    { KAM_STAGE_CLOSED_LOST, 4000, -1, 0, jd (2026, 2, 10) },
    { KAM_STAGE_NEGOTIATION, 10000, -1, jd (2026, 3, 31), 0 },
    { KAM_STAGE_SOLUTION_PROPOSAL, 5000, 30, jd (2026, 2, 15), 0 },
    { KAM_STAGE_PROSPECTING, 3000, -1, jd (2026, 4, 1), 0 },
    { KAM_STAGE_NEEDS_ANALYSIS, 2000, -1, 0, 0 },
  };
  const gsize n = G_N_ELEMENTS (deals);
  guint32 from = jd (2026, 1, 1);
  guint32 to = jd (2026, 3, 31);
  KamPipelineCoverage cov;

  kam_pipeline_coverage (deals, n, 10000, from, to, &cov);
  g_assert_cmpint (cov.status, ==, KAM_PIPELINE_COVERAGE_RATIO);
  g_assert_cmpfloat_with_epsilon (cov.won, 5000, EPS);
  g_assert_cmpfloat_with_epsilon (cov.remaining, 5000, EPS);
  g_assert_cmpfloat_with_epsilon (cov.open_amount, 15000, EPS);
  g_assert_cmpfloat_with_epsilon (cov.open_weighted, 8500, EPS);
  g_assert_cmpfloat_with_epsilon (cov.ratio, 1.7, EPS);

  /* Target 5000: exactly reached, remaining 0, no division. */
  kam_pipeline_coverage (deals, n, 5000, from, to, &cov);
  g_assert_cmpint (cov.status, ==, KAM_PIPELINE_COVERAGE_TARGET_REACHED);
  g_assert_cmpfloat_with_epsilon (cov.remaining, 0, EPS);
  g_assert_cmpfloat_with_epsilon (cov.ratio, 0, EPS);

  /* Target 4000: passed by 1000. */
  kam_pipeline_coverage (deals, n, 4000, from, to, &cov);
  g_assert_cmpint (cov.status, ==, KAM_PIPELINE_COVERAGE_TARGET_REACHED);
  g_assert_cmpfloat_with_epsilon (cov.remaining, -1000, EPS);
  g_assert_cmpfloat_with_epsilon (cov.ratio, 0, EPS);
  g_assert_cmpfloat_with_epsilon (cov.open_weighted, 8500, EPS);

  /* No target (0, negative, NaN). */
  kam_pipeline_coverage (deals, n, 0, from, to, &cov);
  g_assert_cmpint (cov.status, ==, KAM_PIPELINE_COVERAGE_NO_TARGET);
  g_assert_cmpfloat_with_epsilon (cov.ratio, 0, EPS);
  kam_pipeline_coverage (deals, n, -10, from, to, &cov);
  g_assert_cmpint (cov.status, ==, KAM_PIPELINE_COVERAGE_NO_TARGET);
  kam_pipeline_coverage (deals, n, NAN, from, to, &cov);
  g_assert_cmpint (cov.status, ==, KAM_PIPELINE_COVERAGE_NO_TARGET);
  g_assert_true (isfinite (cov.ratio));
  g_assert_true (isfinite (cov.remaining));

  /* Ten wins of 0.1 sum to 0.9999999999999999, not 1: still reached. */
  {
    KamDeal tenths[10];

    for (guint i = 0; i < 10; i++)
      tenths[i] = (KamDeal) { KAM_STAGE_CLOSED_WON, 0.1, -1, 0, from };

    kam_pipeline_coverage (tenths, 10, 1.0, from, to, &cov);
    g_assert_cmpint (cov.status, ==, KAM_PIPELINE_COVERAGE_TARGET_REACHED);
    g_assert_cmpfloat_with_epsilon (cov.ratio, 0, EPS);
  }

  /* Nothing open, target not reached: a real ratio of 0. */
  kam_pipeline_coverage (deals, 4, 10000, from, to, &cov);
  g_assert_cmpint (cov.status, ==, KAM_PIPELINE_COVERAGE_RATIO);
  g_assert_cmpfloat_with_epsilon (cov.remaining, 5000, EPS);
  g_assert_cmpfloat_with_epsilon (cov.ratio, 0, EPS);
}

/* Medians and quantiles of the benchmarks' samples */
static void
test_samples (void)
{
  const double odd[] = { 5, 1, 3 };
  const double even[] = { 4, 1, 3, 2 };
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_cmpfloat (kam_median (empty), ==, 0);
  g_assert_cmpfloat (kam_percentile (empty, 0.95), ==, 0);
  g_array_append_vals (a, odd, G_N_ELEMENTS (odd));
  g_assert_cmpfloat (kam_median (a), ==, 3);
  g_array_set_size (a, 0);
  g_array_append_vals (a, even, G_N_ELEMENTS (even));
  g_assert_cmpfloat (kam_median (a), ==, 2.5);
  /* nearest rank: p (n - 1) rounded */
  g_assert_cmpfloat (kam_percentile (a, 0), ==, 1);
  g_assert_cmpfloat (kam_percentile (a, 0.5), ==, 3);
  g_assert_cmpfloat (kam_percentile (a, 0.95), ==, 4);
  g_assert_cmpfloat (kam_percentile (a, 2), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kam/analytics/abc/basic", test_abc_basic);
  g_test_add_func ("/kam/analytics/abc/unsorted", test_abc_unsorted);
  g_test_add_func ("/kam/analytics/abc/custom-thresholds", test_abc_custom_thresholds);
  g_test_add_func ("/kam/analytics/abc/empty", test_abc_empty);
  g_test_add_func ("/kam/analytics/abc/all-zero", test_abc_all_zero);
  g_test_add_func ("/kam/analytics/abc/ties", test_abc_ties);
  g_test_add_func ("/kam/analytics/abc/pinned", test_abc_pinned);
  g_test_add_func ("/kam/analytics/abc/rounding", test_abc_rounding);
  g_test_add_func ("/kam/analytics/abc/thresholds", test_abc_thresholds);
  g_test_add_func ("/kam/analytics/abc/large", test_abc_large);

  g_test_add_func ("/kam/analytics/coverage/empty", test_coverage_empty);
  g_test_add_func ("/kam/analytics/coverage/red", test_coverage_red);
  g_test_add_func ("/kam/analytics/coverage/amber", test_coverage_amber);
  g_test_add_func ("/kam/analytics/coverage/green", test_coverage_green);
  g_test_add_func ("/kam/analytics/coverage/clamp", test_coverage_clamp);
  g_test_add_func ("/kam/analytics/coverage/describe", test_coverage_describe);

  g_test_add_func ("/kam/analytics/cadence/defaults", test_cadence_defaults);
  g_test_add_func ("/kam/analytics/cadence/boundary", test_cadence_boundary);
  g_test_add_func ("/kam/analytics/cadence/never", test_cadence_never);
  g_test_add_func ("/kam/analytics/cadence/due-list", test_cadence_due_list);
  g_test_add_func ("/kam/analytics/cadence/due-top", test_cadence_due_top);
  g_test_add_func ("/kam/analytics/samples", test_samples);

  g_test_add_func ("/kam/analytics/pipeline/probability", test_pipeline_probability);
  g_test_add_func ("/kam/analytics/pipeline/stage-change", test_pipeline_stage_change);
  g_test_add_func ("/kam/analytics/pipeline/by-stage", test_pipeline_by_stage);
  g_test_add_func ("/kam/analytics/pipeline/forecast", test_pipeline_forecast);
  g_test_add_func ("/kam/analytics/pipeline/win-rate", test_pipeline_win_rate);
  g_test_add_func ("/kam/analytics/pipeline/coverage", test_pipeline_coverage);

  return g_test_run ();
}
