/* kam-analytics.h — segmentation, relationship coverage, visit cadence and
 * pipeline forecast
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over plain C structs: no GTK, no SQLite, no I/O.  The store
 * fills the structs from SQL; the GUI, the `kam` tool, the report export and
 * the tests all compute with the same code.
 *
 * Every rule is written out below in words, so that a figure shown in a
 * sales review can be checked by hand.  Dates are GDate julian day numbers
 * (day 1 = 1 January of year 1; see g_date_get_julian()); 0 means "no date".
 */
#pragma once

#include <glib.h>

#include "kam-enums.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* 1. ABC tiers by Pareto on revenue                                         */
/* ------------------------------------------------------------------------ */

#define KAM_ABC_DEFAULT_A 0.80
#define KAM_ABC_DEFAULT_B 0.95

typedef struct {
  double revenue;      /* revenue this year, in one currency */
  int    pinned_tier;  /* -1 = not pinned, else a KamTier chosen by the user */
} KamAbcAccount;

typedef struct {
  double a;  /* cumulative share of revenue closing tier A (default 0.80) */
  double b;  /* cumulative share of revenue closing tier B (default 0.95) */
} KamAbcThresholds;

/* Sets a = 0.80 and b = 0.95. */
void     kam_abc_thresholds_init_default (KamAbcThresholds       *thresholds);

/* TRUE when 0 < a < b <= 1 (so NaN is refused too). */
gboolean kam_abc_thresholds_valid        (const KamAbcThresholds *thresholds);

/* kam_abc_classify:
 * @accounts: (array length=n_accounts): the accounts
 * @thresholds: the cumulative shares; must be valid
 * @tiers: (out caller-allocates) (array length=n_accounts): the tier of each
 *   account, in the order of @accounts
 *
 * The rule:
 *  1. A revenue that is not a positive finite number counts as 0.  Let
 *     total be the sum of all revenues.
 *  2. Rank the accounts by revenue, largest first; accounts with equal
 *     revenue keep their input order.
 *  3. For each account, "before" is the sum of the revenues of the accounts
 *     ranked above it.  The account is A when before < a × total, else B
 *     when before < b × total, else C.  So the largest account is always A,
 *     and the account that crosses a threshold still belongs to the tier
 *     below it.
 *  4. An account whose revenue is 0 (or less) is C; when total is 0 every
 *     account is C.
 *  5. A pinned tier (pinned_tier is KAM_TIER_A, _B or _C) wins for that
 *     account, but its revenue still counts in total and in "before" of the
 *     accounts ranked below it.  Any other value of pinned_tier (-1) means
 *     not pinned.
 *
 * Comparisons allow a rounding slack of 1e-9 × total, so that sums of money
 * in floating point never move an account across a boundary it sits on.
 *
 * Example, a = 0.80, b = 0.95, revenues 500, 200, 150, 100, 50 (total 1000,
 * so the bounds are 800 and 950): before = 0, 500, 700, 850, 950, tiers
 * A, A, A, B, C.
 *
 * Runs in O(n log n) (one sort of n small records).
 *
 * Returns: FALSE, leaving @tiers untouched, when @thresholds is not valid.
 */
gboolean kam_abc_classify                (const KamAbcAccount    *accounts,
                                          gsize                   n_accounts,
                                          const KamAbcThresholds *thresholds,
                                          KamTier                *tiers);

/* ------------------------------------------------------------------------ */
/* 2. Relationship coverage of an account                                    */
/* ------------------------------------------------------------------------ */

typedef struct {
  KamRole role;
  int     influence;       /* 1 .. 5 */
  int     attitude;        /* -2 opponent .. +2 champion */
  int     strength;        /* 0 none .. 4 partner */
  int     days_since_met;  /* days since last met; -1 (any negative) = never */
} KamCoverageContact;

typedef enum {
  KAM_COVERAGE_RED,    /* no supportive key player */
  KAM_COVERAGE_AMBER,  /* supportive key players, none of them a decider */
  KAM_COVERAGE_GREEN,  /* at least one supportive decider */
} KamCoverageStatus;

typedef enum {
  KAM_COVERAGE_FLAG_NONE                    = 0,
  KAM_COVERAGE_FLAG_NO_COACH                = 1 << 0,
  KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER       = 1 << 1,
  KAM_COVERAGE_FLAG_ECONOMIC_BUYER_NOT_MET  = 1 << 2,
  KAM_COVERAGE_FLAG_HIGH_INFLUENCE_OPPONENT = 1 << 3,
  KAM_COVERAGE_FLAG_KEY_PLAYER_NEVER_MET    = 1 << 4,
} KamCoverageFlags;

#define KAM_COVERAGE_N_FLAGS 5

typedef struct {
  int               score;                     /* 0 .. 100 */
  KamCoverageStatus status;
  KamCoverageFlags  flags;
  int               n_key_players;
  int               n_supportive_key_players;
} KamCoverage;

/* kam_coverage_compute:
 * @contacts: (array length=n_contacts): the people of one account
 * @cadence_days: the visit cadence of the account's tier
 * @coverage: (out caller-allocates): the result
 *
 * Definitions.  Influence, attitude and strength are first clamped to their
 * ranges above.
 *  - key player: a decision role is set (role != KAM_ROLE_NONE) or
 *    influence >= 4;
 *  - supportive: attitude >= +1;
 *  - decider: role economic buyer or decision maker (a decider is always a
 *    key player);
 *  - met within cadence: 0 <= days_since_met <= cadence_days.
 *
 * Status: GREEN when some supportive key player is a decider, else AMBER when
 * there is a supportive key player, else RED.
 *
 * Flags:
 *  - NO_COACH: no contact has the role coach;
 *  - NO_ECONOMIC_BUYER: no contact has the role economic buyer;
 *  - ECONOMIC_BUYER_NOT_MET: there is an economic buyer and none of them was
 *    met within cadence;
 *  - HIGH_INFLUENCE_OPPONENT: a contact has attitude <= -1 and influence >= 4;
 *  - KEY_PLAYER_NEVER_MET: a key player was never met (days_since_met < 0).
 *
 * Score, over the key players k only:
 *   w_k = influence_k + 2 if k is a decider, else influence_k
 *   c_k = 0.5 × strength_k / 4 + 0.3 × (attitude_k + 2) / 4
 *         + 0.2 × (1 if met within cadence, else 0)
 *   score = round (100 × Σ w_k c_k / Σ w_k), halves rounded up;
 *   0 when there is no key player.
 * In whole numbers (which is how it is computed, so there is no rounding
 * error): C_k = 10 strength_k + 6 (attitude_k + 2) + 16 met_k (0 .. 80, and
 * c_k = C_k / 80), then score = round (5 × Σ w_k C_k / (4 × Σ w_k)).
 *
 * Example: a decision maker with influence 5, attitude +2, strength 3, met 10
 * days ago (cadence 30): w = 7, C = 30 + 24 + 16 = 70; a technical buyer with
 * influence 3, attitude 0, strength 1, never met: w = 3, C = 10 + 12 = 22;
 * score = round (5 × (490 + 66) / (4 × 10)) = round (69.5) = 70.
 */
void        kam_coverage_compute          (const KamCoverageContact *contacts,
                                           gsize                     n_contacts,
                                           int                       cadence_days,
                                           KamCoverage              *coverage);

/* A translated one-line description of one flag ("No coach in this
 * account"), or NULL when @flag is not exactly one known flag. */
const char *kam_coverage_flag_describe    (KamCoverageFlags          flag);

/* A translated one-line description of a status. */
const char *kam_coverage_status_describe  (KamCoverageStatus         status);

/* ------------------------------------------------------------------------ */
/* 3. Visit cadence                                                          */
/* ------------------------------------------------------------------------ */

typedef struct {
  int days[KAM_N_TIERS];  /* indexed by KamTier */
} KamCadence;

/* Sets the defaults: A every 7 days, B every 30, C every 90. */
void    kam_cadence_init_default (KamCadence *cadence);

typedef struct {
  gboolean due;
  gboolean never;         /* never visited (last = 0): always due */
  int      days_overdue;  /* today - (last + cadence): >= 0 when due, the
                           * negated number of days left when not; 0 when
                           * never visited */
} KamDue;

/* kam_due_compute:
 * @last_julian: julian day of the last visit (or meeting), 0 = never
 * @cadence_days: the cadence; a negative cadence counts as 0
 * @today_julian: julian day of today
 * @due: (out caller-allocates): the result
 *
 * Due when today - last >= cadence, i.e. on the cadence-th day after the last
 * visit and every day after.  Example: last visit on day 100, cadence 7: on
 * day 106 not due, 1 day left (days_overdue = -1); on day 107 due, 0 days
 * overdue; on day 110 due, 3 days overdue.
 */
void    kam_due_compute          (guint32     last_julian,
                                  int         cadence_days,
                                  guint32     today_julian,
                                  KamDue     *due);

typedef struct {
  gpointer id;            /* the caller's: a record, GUINT_TO_POINTER (row) */
  guint32  last_julian;   /* 0 = never */
  int      cadence_days;
} KamDueInput;

typedef struct {
  gpointer id;            /* copied from the input */
  guint    index;         /* position in the input array */
  gboolean never;
  int      days_overdue;  /* >= 0; 0 when never */
} KamDueItem;

/* kam_due_list:
 * @items: (array length=n_items): accounts or contacts with their cadence
 * @today_julian: julian day of today
 *
 * The items that are due (see kam_due_compute()), the most urgent first:
 * never visited first, then by days overdue, most first; ties keep the
 * input order.
 *
 * Returns: (transfer full) (element-type KamDueItem): the due items, possibly
 *   none.  Free with g_array_unref().
 */
GArray *kam_due_list             (const KamDueInput *items,
                                  gsize              n_items,
                                  guint32            today_julian);

/* KamDueTop: the same order as kam_due_list(), fed one item at a time and
 * keeping only the @limit most urgent, for lists where most of many
 * thousand items are due and a few are shown: a heap of @limit items
 * instead of a sort of all.
 *
 *   KamDueTop *top = kam_due_top_new (100);
 *   for (...) kam_due_top_offer (top, id, last, cadence, today);
 *   n = kam_due_top_get_n_due (top);
 *   items = kam_due_top_free_to_array (top);
 *
 * An item's index is the order in which it was offered. */
typedef struct _KamDueTop KamDueTop;

/* @limit: how many to keep; 0 keeps every due item */
KamDueTop *kam_due_top_new           (guint       limit);
/* Returns whether the item is due (kept or not). */
gboolean   kam_due_top_offer         (KamDueTop  *top,
                                      gpointer    id,
                                      guint32     last_julian,
                                      int         cadence_days,
                                      guint32     today_julian);
/* How many of the items offered were due. */
guint      kam_due_top_get_n_due     (KamDueTop  *top);
/* Frees @top; returns (transfer full) (element-type KamDueItem) the kept
 * items, most urgent first. */
GArray    *kam_due_top_free_to_array (KamDueTop  *top);

/* ------------------------------------------------------------------------ */
/* 4. Pipeline and forecast                                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
  KamStage stage;
  double   amount;
  int      probability;            /* 0 .. 100; -1 (any negative) = default of the stage */
  guint32  expected_close_julian;  /* 0 = unknown */
  guint32  closed_julian;          /* 0 while open; day it was closed won or lost */
} KamDeal;

/* The effective probability of a deal, 0 .. 100: closed won is always 100,
 * closed lost always 0; an open deal has its override when it is >= 0
 * (clamped to 100), else kam_stage_default_probability() of its stage. */
int  kam_deal_probability                (const KamDeal *deal);

/* kam_probability_after_stage_change:
 * @old_stage: the stage before the change
 * @new_stage: the stage after the change
 * @current_override: the stored probability (-1 = default of the stage)
 *
 * The probability to store when a deal moves from @old_stage to @new_stage:
 *  - to closed won: 100; to closed lost: 0 (closed stages force them);
 *  - between open stages: @current_override unchanged, so a probability the
 *    user set by hand survives the move, and -1 stays -1 (the deal takes
 *    the default of its new stage);
 *  - from a closed stage back to an open one (reopened): -1, since the forced
 *    100 or 0 was no one's estimate.
 */
int  kam_probability_after_stage_change  (KamStage       old_stage,
                                          KamStage       new_stage,
                                          int            current_override);

typedef struct {
  int    count;
  double amount;    /* Σ amount */
  double weighted;  /* Σ amount × effective probability / 100 */
} KamStageTotals;

/* Count, amount and weighted amount of the deals at each stage; @totals is
 * indexed by KamStage.  Deals with a stage out of range are skipped. */
void     kam_pipeline_by_stage  (const KamDeal  *deals,
                                 gsize           n_deals,
                                 KamStageTotals  totals[KAM_N_STAGES]);

typedef struct {
  double won;            /* Σ amount of closed won deals closed in the bucket */
  double weighted_open;  /* Σ amount × probability / 100 of the open deals
                          * expected to close in the bucket */
} KamForecastBucket;

/* kam_forecast_by_month:
 * @year: the (fiscal) year
 * @first_month: 1 .. 12, the month the year starts in; 1 for calendar years
 * @months: (out caller-allocates): 12 buckets, month 0 being @first_month
 *   of @year (with @first_month 4 and @year 2025: April 2025 .. March 2026)
 *
 * A closed won deal counts in the bucket of its closed_julian, an open deal
 * (weighted) in the bucket of its expected_close_julian, whether or not that
 * day is past.  Closed lost deals, dates of 0 and dates outside the year are
 * left out.  Stacked, won under weighted open, the two make the forecast.
 */
void     kam_forecast_by_month   (const KamDeal     *deals,
                                  gsize              n_deals,
                                  int                year,
                                  int                first_month,
                                  KamForecastBucket  months[12]);

/* The same by quarter: quarter 0 is the three months starting with
 * @first_month of @year, and so on; each quarter is the sum of its months. */
void     kam_forecast_by_quarter (const KamDeal     *deals,
                                  gsize              n_deals,
                                  int                year,
                                  int                first_month,
                                  KamForecastBucket  quarters[4]);

typedef struct {
  int    won_count;
  int    lost_count;
  double won_amount;
  double lost_amount;
  double rate;            /* won_count / (won_count + lost_count), 0 .. 1;
                           * -1 when no deal was closed in the period */
  double rate_by_amount;  /* won_amount / (won_amount + lost_amount), 0 .. 1;
                           * -1 when that sum is not above 0 */
} KamWinRate;

/* kam_win_rate:
 * @from_julian: first day of the period
 * @to_julian: last day of the period (included)
 * @win_rate: (out caller-allocates): the result
 *
 * Counts the deals at stage closed won or closed lost whose closed_julian is
 * within [from, to]; a closed deal with closed_julian 0 is left out.
 *
 * Returns: FALSE when no deal was closed in the period (rate is then -1).
 */
gboolean kam_win_rate            (const KamDeal *deals,
                                  gsize          n_deals,
                                  guint32        from_julian,
                                  guint32        to_julian,
                                  KamWinRate    *win_rate);

typedef enum {
  KAM_PIPELINE_COVERAGE_RATIO,           /* ratio is meaningful */
  KAM_PIPELINE_COVERAGE_TARGET_REACHED,  /* won >= target: nothing left to cover */
  KAM_PIPELINE_COVERAGE_NO_TARGET,       /* target is not a positive number */
} KamPipelineCoverageStatus;

typedef struct {
  KamPipelineCoverageStatus status;
  double won;            /* closed won amount, closed in the period */
  double remaining;      /* target - won (<= 0 when reached); 0 when no target */
  double open_amount;    /* open deals expected to close in the period */
  double open_weighted;  /* the same, weighted by probability */
  double ratio;          /* open_weighted / remaining; 0 unless status is RATIO */
} KamPipelineCoverage;

/* kam_pipeline_coverage:
 * @target: the revenue target of the period
 * @from_julian: first day of the period
 * @to_julian: last day of the period (included)
 * @coverage: (out caller-allocates): the result
 *
 * won = Σ amount of the closed won deals closed within [from, to];
 * remaining = target - won; open pipeline = the open deals whose expected
 * close is within [from, to] (unknown dates left out), weighted by their
 * effective probability; ratio = weighted open pipeline / remaining
 * (2.0 reads "the weighted pipeline is twice what is still to win").
 *
 * When target is not above 0 the status is NO_TARGET; when remaining is 0 or
 * less (with a slack of 1e-9 × target for rounding) the status is
 * TARGET_REACHED.  In both cases ratio is 0: nothing is divided by zero and
 * no infinity or NaN comes out.
 */
void     kam_pipeline_coverage   (const KamDeal       *deals,
                                  gsize                n_deals,
                                  double               target,
                                  guint32              from_julian,
                                  guint32              to_julian,
                                  KamPipelineCoverage *coverage);

/* ------------------------------------------------------------------------ */
/* Samples (the benchmarks)                                                 */
/* ------------------------------------------------------------------------ */

/* The median of @samples (element-type double): the middle one, or the
 * mean of the middle two; 0 when there is none.  Sorts @samples. */
double  kam_median               (GArray            *samples);
/* The @p quantile (0 .. 1) of @samples by nearest rank, 0 when there is
 * none.  Sorts @samples. */
double  kam_percentile           (GArray            *samples,
                                  double             p);

G_END_DECLS
