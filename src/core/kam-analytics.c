/* kam-analytics.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are documented in kam-analytics.h; this file only follows them.
 */
#define G_LOG_DOMAIN "kam-analytics"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kam-analytics.h"

/* Relative slack for comparisons of sums of money, see the header. */
#define ROUNDING_SLACK 1e-9

/* ------------------------------------------------------------------------ */
/* ABC tiers                                                                */
/* ------------------------------------------------------------------------ */

typedef struct {
  double revenue;
  guint  index;
} AbcRank;

static int
abc_rank_compare (const void *pa,
                  const void *pb)
{
  const AbcRank *ra = pa;
  const AbcRank *rb = pb;

  /* Largest revenue first, then input order, so the sort is stable. */
  if (ra->revenue > rb->revenue)
    return -1;
  if (ra->revenue < rb->revenue)
    return 1;
  return (ra->index > rb->index) - (ra->index < rb->index);
}

static inline gboolean
tier_is_valid (int tier)
{
  return tier >= KAM_TIER_A && tier <= KAM_TIER_C;
}

void
kam_abc_thresholds_init_default (KamAbcThresholds *thresholds)
{
  g_return_if_fail (thresholds != NULL);

  thresholds->a = KAM_ABC_DEFAULT_A;
  thresholds->b = KAM_ABC_DEFAULT_B;
}

gboolean
kam_abc_thresholds_valid (const KamAbcThresholds *thresholds)
{
  g_return_val_if_fail (thresholds != NULL, FALSE);

  /* Written so that a NaN anywhere makes it FALSE. */
  return thresholds->a > 0.0
         && thresholds->a < thresholds->b
         && thresholds->b <= 1.0;
}

gboolean
kam_abc_classify (const KamAbcAccount    *accounts,
                  gsize                   n_accounts,
                  const KamAbcThresholds *thresholds,
                  KamTier                *tiers)
{
  g_autofree AbcRank *ranks = NULL;
  double total = 0.0;
  double before = 0.0;
  double slack;
  double bound_a;
  double bound_b;

  g_return_val_if_fail (thresholds != NULL, FALSE);
  g_return_val_if_fail (n_accounts == 0 || (accounts != NULL && tiers != NULL), FALSE);
  g_return_val_if_fail (n_accounts <= G_MAXUINT, FALSE);

  if (!kam_abc_thresholds_valid (thresholds))
    return FALSE;

  if (n_accounts == 0)
    return TRUE;

  ranks = g_new (AbcRank, n_accounts);
  for (guint i = 0; i < n_accounts; i++)
    {
      double revenue = accounts[i].revenue;

      if (!(revenue > 0.0) || !isfinite (revenue))
        revenue = 0.0;

      ranks[i].revenue = revenue;
      ranks[i].index = i;
      total += revenue;
    }

  qsort (ranks, n_accounts, sizeof *ranks, abc_rank_compare);

  slack = ROUNDING_SLACK * total;
  bound_a = thresholds->a * total - slack;
  bound_b = thresholds->b * total - slack;

  for (guint k = 0; k < n_accounts; k++)
    {
      const AbcRank *rank = &ranks[k];
      int pinned = accounts[rank->index].pinned_tier;
      KamTier tier;

      /* A revenue of 0 is C; when total is 0 every revenue is 0. */
      if (rank->revenue <= 0.0)
        tier = KAM_TIER_C;
      else if (before < bound_a)
        tier = KAM_TIER_A;
      else if (before < bound_b)
        tier = KAM_TIER_B;
      else
        tier = KAM_TIER_C;

      if (tier_is_valid (pinned))
        tier = (KamTier) pinned;

      tiers[rank->index] = tier;
      before += rank->revenue;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Relationship coverage                                                    */
/* ------------------------------------------------------------------------ */

static inline gboolean
met_within (int days_since_met,
            int cadence_days)
{
  return days_since_met >= 0 && days_since_met <= cadence_days;
}

void
kam_coverage_compute (const KamCoverageContact *contacts,
                      gsize                     n_contacts,
                      int                       cadence_days,
                      KamCoverage              *coverage)
{
  gboolean has_coach = FALSE;
  gboolean has_economic_buyer = FALSE;
  gboolean economic_buyer_met = FALSE;
  gboolean supportive_decider = FALSE;
  KamCoverageFlags flags = KAM_COVERAGE_FLAG_NONE;
  guint64 sum_weighted = 0;  /* Σ w_k C_k, C_k in 0 .. 80 */
  guint64 sum_weights = 0;   /* Σ w_k */

  g_return_if_fail (coverage != NULL);
  g_return_if_fail (n_contacts == 0 || contacts != NULL);

  coverage->n_key_players = 0;
  coverage->n_supportive_key_players = 0;

  for (gsize i = 0; i < n_contacts; i++)
    {
      const KamCoverageContact *contact = &contacts[i];
      int influence = CLAMP (contact->influence, 1, 5);
      int attitude = CLAMP (contact->attitude, -2, 2);
      int strength = CLAMP (contact->strength, 0, 4);
      gboolean met = met_within (contact->days_since_met, cadence_days);
      gboolean decider = kam_role_is_decider (contact->role);
      gboolean key_player = contact->role != KAM_ROLE_NONE || influence >= 4;
      gboolean supportive = attitude >= 1;
      guint weight;     /* w_k */
      guint closeness;  /* C_k = 80 c_k */

      if (contact->role == KAM_ROLE_COACH)
        has_coach = TRUE;

      if (contact->role == KAM_ROLE_ECONOMIC_BUYER)
        {
          has_economic_buyer = TRUE;
          if (met)
            economic_buyer_met = TRUE;
        }

      if (attitude <= -1 && influence >= 4)
        flags |= KAM_COVERAGE_FLAG_HIGH_INFLUENCE_OPPONENT;

      if (!key_player)
        continue;

      coverage->n_key_players++;

      if (supportive)
        {
          coverage->n_supportive_key_players++;
          if (decider)
            supportive_decider = TRUE;
        }

      if (contact->days_since_met < 0)
        flags |= KAM_COVERAGE_FLAG_KEY_PLAYER_NEVER_MET;

      weight = (guint) influence + (decider ? 2 : 0);
      closeness = 10 * (guint) strength + 6 * (guint) (attitude + 2) + (met ? 16 : 0);
      sum_weights += weight;
      sum_weighted += (guint64) weight * closeness;
    }

  if (!has_coach)
    flags |= KAM_COVERAGE_FLAG_NO_COACH;
  if (!has_economic_buyer)
    flags |= KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER;
  else if (!economic_buyer_met)
    flags |= KAM_COVERAGE_FLAG_ECONOMIC_BUYER_NOT_MET;

  coverage->flags = flags;

  if (supportive_decider)
    coverage->status = KAM_COVERAGE_GREEN;
  else if (coverage->n_supportive_key_players > 0)
    coverage->status = KAM_COVERAGE_AMBER;
  else
    coverage->status = KAM_COVERAGE_RED;

  /* round (5 N / (4 D)), halves up: floor ((10 N + 4 D) / (8 D)) */
  if (sum_weights == 0)
    coverage->score = 0;
  else
    coverage->score = (int) ((10 * sum_weighted + 4 * sum_weights) / (8 * sum_weights));
}

const char *
kam_coverage_flag_describe (KamCoverageFlags flag)
{
  switch (flag)
    {
    case KAM_COVERAGE_FLAG_NO_COACH:
      return _("No coach in this account");
    case KAM_COVERAGE_FLAG_NO_ECONOMIC_BUYER:
      return _("No economic buyer identified");
    case KAM_COVERAGE_FLAG_ECONOMIC_BUYER_NOT_MET:
      return _("Economic buyer not met within the visit cadence");
    case KAM_COVERAGE_FLAG_HIGH_INFLUENCE_OPPONENT:
      return _("An influential contact opposes us");
    case KAM_COVERAGE_FLAG_KEY_PLAYER_NEVER_MET:
      return _("A key player has never been met");
    case KAM_COVERAGE_FLAG_NONE:
    default:
      return NULL;
    }
}

const char *
kam_coverage_status_describe (KamCoverageStatus status)
{
  switch (status)
    {
    case KAM_COVERAGE_RED:
      return _("No key player supports us");
    case KAM_COVERAGE_AMBER:
      return _("Key players support us, but no decider does");
    case KAM_COVERAGE_GREEN:
      return _("A decider supports us");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------------ */
/* Visit cadence                                                            */
/* ------------------------------------------------------------------------ */

void
kam_cadence_init_default (KamCadence *cadence)
{
  g_return_if_fail (cadence != NULL);

  cadence->days[KAM_TIER_A] = 7;
  cadence->days[KAM_TIER_B] = 30;
  cadence->days[KAM_TIER_C] = 90;
}

void
kam_due_compute (guint32  last_julian,
                 int      cadence_days,
                 guint32  today_julian,
                 KamDue  *due)
{
  gint64 overdue;

  g_return_if_fail (due != NULL);

  if (last_julian == 0)
    {
      due->due = TRUE;
      due->never = TRUE;
      due->days_overdue = 0;
      return;
    }

  overdue = (gint64) today_julian - (gint64) last_julian - MAX (cadence_days, 0);

  due->due = overdue >= 0;
  due->never = FALSE;
  due->days_overdue = (int) CLAMP (overdue, G_MININT, G_MAXINT);
}

static int
due_item_compare (const void *pa,
                  const void *pb)
{
  const KamDueItem *ia = pa;
  const KamDueItem *ib = pb;

  if (ia->never != ib->never)
    return ia->never ? -1 : 1;
  if (ia->days_overdue != ib->days_overdue)
    return ia->days_overdue > ib->days_overdue ? -1 : 1;
  return (ia->index > ib->index) - (ia->index < ib->index);
}

struct _KamDueTop {
  guint   limit;    /* 0: all */
  guint   offered;
  guint   n_due;
  GArray *items;    /* with a limit: a heap, the least urgent at the root */
};

KamDueTop *
kam_due_top_new (guint limit)
{
  KamDueTop *top = g_new0 (KamDueTop, 1);

  top->limit = limit;
  top->items = g_array_sized_new (FALSE, FALSE, sizeof (KamDueItem), limit > 0 ? limit : 64);
  return top;
}

/* Restores the heap below @i: the least urgent (the greatest by
 * due_item_compare) at the root. */
static void
due_heap_sift_down (KamDueItem *heap,
                    guint       n,
                    guint       i)
{
  for (;;)
    {
      guint left = 2 * i + 1, right = left + 1, top = i;
      KamDueItem swap;

      if (left < n && due_item_compare (&heap[left], &heap[top]) > 0)
        top = left;
      if (right < n && due_item_compare (&heap[right], &heap[top]) > 0)
        top = right;
      if (top == i)
        return;
      swap = heap[i];
      heap[i] = heap[top];
      heap[top] = swap;
      i = top;
    }
}

static void
due_heap_sift_up (KamDueItem *heap,
                  guint       i)
{
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      KamDueItem swap;

      if (due_item_compare (&heap[i], &heap[parent]) <= 0)
        return;
      swap = heap[i];
      heap[i] = heap[parent];
      heap[parent] = swap;
      i = parent;
    }
}

gboolean
kam_due_top_offer (KamDueTop *top,
                   gpointer   id,
                   guint32    last_julian,
                   int        cadence_days,
                   guint32    today_julian)
{
  KamDueItem item;
  KamDue due;

  g_return_val_if_fail (top != NULL, FALSE);

  item.index = top->offered++;
  kam_due_compute (last_julian, cadence_days, today_julian, &due);
  if (!due.due)
    return FALSE;

  top->n_due++;
  item.id = id;
  item.never = due.never;
  item.days_overdue = due.days_overdue;

  if (top->limit == 0 || top->items->len < top->limit)
    {
      g_array_append_val (top->items, item);
      if (top->limit > 0)
        due_heap_sift_up ((KamDueItem *) (gpointer) top->items->data, top->items->len - 1);
    }
  else if (due_item_compare (&item, &g_array_index (top->items, KamDueItem, 0)) < 0)
    {
      /* more urgent than the least urgent kept: it takes its place */
      g_array_index (top->items, KamDueItem, 0) = item;
      due_heap_sift_down ((KamDueItem *) (gpointer) top->items->data, top->items->len, 0);
    }
  return TRUE;
}

guint
kam_due_top_get_n_due (KamDueTop *top)
{
  g_return_val_if_fail (top != NULL, 0);

  return top->n_due;
}

GArray *
kam_due_top_free_to_array (KamDueTop *top)
{
  GArray *items;

  g_return_val_if_fail (top != NULL, NULL);

  items = top->items;
  g_free (top);
  if (items->len > 1)
    qsort (items->data, items->len, sizeof (KamDueItem), due_item_compare);
  return items;
}

GArray *
kam_due_list (const KamDueInput *items,
              gsize              n_items,
              guint32            today_julian)
{
  KamDueTop *top;

  g_return_val_if_fail (n_items == 0 || items != NULL, NULL);
  g_return_val_if_fail (n_items <= G_MAXUINT, NULL);

  top = kam_due_top_new (0);
  for (guint i = 0; i < n_items; i++)
    kam_due_top_offer (top, items[i].id, items[i].last_julian, items[i].cadence_days, today_julian);
  return kam_due_top_free_to_array (top);
}

/* ------------------------------------------------------------------------ */
/* Pipeline                                                                 */
/* ------------------------------------------------------------------------ */

static inline gboolean
stage_is_valid (KamStage stage)
{
  return (guint) stage < KAM_N_STAGES;
}

int
kam_deal_probability (const KamDeal *deal)
{
  g_return_val_if_fail (deal != NULL, 0);

  if (deal->stage == KAM_STAGE_CLOSED_WON)
    return 100;
  if (deal->stage == KAM_STAGE_CLOSED_LOST || !stage_is_valid (deal->stage))
    return 0;
  if (deal->probability >= 0)
    return MIN (deal->probability, 100);
  return kam_stage_default_probability (deal->stage);
}

static inline double
deal_weighted (const KamDeal *deal)
{
  return deal->amount * kam_deal_probability (deal) / 100.0;
}

int
kam_probability_after_stage_change (KamStage old_stage,
                                    KamStage new_stage,
                                    int      current_override)
{
  if (new_stage == KAM_STAGE_CLOSED_WON)
    return 100;
  if (new_stage == KAM_STAGE_CLOSED_LOST)
    return 0;
  if (kam_stage_is_closed (old_stage))
    return -1;
  if (current_override < 0)
    return -1;
  return MIN (current_override, 100);
}

void
kam_pipeline_by_stage (const KamDeal  *deals,
                       gsize           n_deals,
                       KamStageTotals  totals[KAM_N_STAGES])
{
  g_return_if_fail (totals != NULL);

  memset (totals, 0, sizeof (KamStageTotals) * KAM_N_STAGES);

  g_return_if_fail (n_deals == 0 || deals != NULL);

  for (gsize i = 0; i < n_deals; i++)
    {
      const KamDeal *deal = &deals[i];
      KamStageTotals *t;

      if (!stage_is_valid (deal->stage))
        continue;

      t = &totals[deal->stage];
      t->count++;
      t->amount += deal->amount;
      t->weighted += deal_weighted (deal);
    }
}

/* The month of @julian within the year starting on @first_month of @year:
 * 0 .. 11, or -1 when the day is unknown or outside that year. */
static int
month_in_year (guint32 julian,
               int     year,
               int     first_month)
{
  GDate date;
  int index;

  if (!g_date_valid_julian (julian))
    return -1;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  index = ((int) g_date_get_year (&date) - year) * 12
          + ((int) g_date_get_month (&date) - first_month);

  return index >= 0 && index < 12 ? index : -1;
}

void
kam_forecast_by_month (const KamDeal     *deals,
                       gsize              n_deals,
                       int                year,
                       int                first_month,
                       KamForecastBucket  months[12])
{
  g_return_if_fail (months != NULL);

  memset (months, 0, sizeof (KamForecastBucket) * 12);

  g_return_if_fail (n_deals == 0 || deals != NULL);
  g_return_if_fail (first_month >= 1 && first_month <= 12);

  for (gsize i = 0; i < n_deals; i++)
    {
      const KamDeal *deal = &deals[i];
      int m;

      if (deal->stage == KAM_STAGE_CLOSED_WON)
        {
          m = month_in_year (deal->closed_julian, year, first_month);
          if (m >= 0)
            months[m].won += deal->amount;
        }
      else if (!kam_stage_is_closed (deal->stage) && stage_is_valid (deal->stage))
        {
          m = month_in_year (deal->expected_close_julian, year, first_month);
          if (m >= 0)
            months[m].weighted_open += deal_weighted (deal);
        }
    }
}

void
kam_forecast_by_quarter (const KamDeal     *deals,
                         gsize              n_deals,
                         int                year,
                         int                first_month,
                         KamForecastBucket  quarters[4])
{
  KamForecastBucket months[12];

  g_return_if_fail (quarters != NULL);

  kam_forecast_by_month (deals, n_deals, year, first_month, months);

  for (guint q = 0; q < 4; q++)
    {
      quarters[q].won = 0.0;
      quarters[q].weighted_open = 0.0;

      for (guint m = 3 * q; m < 3 * q + 3; m++)
        {
          quarters[q].won += months[m].won;
          quarters[q].weighted_open += months[m].weighted_open;
        }
    }
}

static inline gboolean
julian_in (guint32 julian,
           guint32 from_julian,
           guint32 to_julian)
{
  return julian != 0 && julian >= from_julian && julian <= to_julian;
}

gboolean
kam_win_rate (const KamDeal *deals,
              gsize          n_deals,
              guint32        from_julian,
              guint32        to_julian,
              KamWinRate    *win_rate)
{
  double closed_amount;

  g_return_val_if_fail (win_rate != NULL, FALSE);

  win_rate->won_count = 0;
  win_rate->lost_count = 0;
  win_rate->won_amount = 0.0;
  win_rate->lost_amount = 0.0;
  win_rate->rate = -1.0;
  win_rate->rate_by_amount = -1.0;

  g_return_val_if_fail (n_deals == 0 || deals != NULL, FALSE);

  for (gsize i = 0; i < n_deals; i++)
    {
      const KamDeal *deal = &deals[i];

      if (!kam_stage_is_closed (deal->stage)
          || !julian_in (deal->closed_julian, from_julian, to_julian))
        continue;

      if (deal->stage == KAM_STAGE_CLOSED_WON)
        {
          win_rate->won_count++;
          win_rate->won_amount += deal->amount;
        }
      else
        {
          win_rate->lost_count++;
          win_rate->lost_amount += deal->amount;
        }
    }

  if (win_rate->won_count + win_rate->lost_count == 0)
    return FALSE;

  win_rate->rate = (double) win_rate->won_count
                   / (double) (win_rate->won_count + win_rate->lost_count);

  closed_amount = win_rate->won_amount + win_rate->lost_amount;
  if (closed_amount > 0.0 && isfinite (closed_amount))
    win_rate->rate_by_amount = win_rate->won_amount / closed_amount;

  return TRUE;
}

void
kam_pipeline_coverage (const KamDeal       *deals,
                       gsize                n_deals,
                       double               target,
                       guint32              from_julian,
                       guint32              to_julian,
                       KamPipelineCoverage *coverage)
{
  g_return_if_fail (coverage != NULL);

  memset (coverage, 0, sizeof *coverage);
  coverage->status = KAM_PIPELINE_COVERAGE_NO_TARGET;

  g_return_if_fail (n_deals == 0 || deals != NULL);

  for (gsize i = 0; i < n_deals; i++)
    {
      const KamDeal *deal = &deals[i];

      if (deal->stage == KAM_STAGE_CLOSED_WON)
        {
          if (julian_in (deal->closed_julian, from_julian, to_julian))
            coverage->won += deal->amount;
        }
      else if (!kam_stage_is_closed (deal->stage) && stage_is_valid (deal->stage))
        {
          if (julian_in (deal->expected_close_julian, from_julian, to_julian))
            {
              coverage->open_amount += deal->amount;
              coverage->open_weighted += deal_weighted (deal);
            }
        }
    }

  if (!(target > 0.0) || !isfinite (target))
    {
      coverage->remaining = 0.0;
      return;
    }

  coverage->remaining = target - coverage->won;

  if (coverage->remaining <= ROUNDING_SLACK * target)
    {
      coverage->status = KAM_PIPELINE_COVERAGE_TARGET_REACHED;
      return;
    }

  coverage->status = KAM_PIPELINE_COVERAGE_RATIO;
  coverage->ratio = coverage->open_weighted / coverage->remaining;
}

/* ------------------------------------------------------------------------ */
/* Samples                                                                  */
/* ------------------------------------------------------------------------ */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
kam_median (GArray *samples)
{
  guint n;

  g_return_val_if_fail (samples != NULL, 0);

  n = samples->len;
  if (n == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (samples, double, n / 2);
  return (g_array_index (samples, double, n / 2 - 1) + g_array_index (samples, double, n / 2)) / 2;
}

double
kam_percentile (GArray *samples,
                double  p)
{
  guint i;

  g_return_val_if_fail (samples != NULL, 0);

  if (samples->len == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  i = (guint) (CLAMP (p, 0, 1) * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, MIN (i, samples->len - 1));
}
