/* kam-pipeline.h — the pipeline over the store: stage totals, forecast,
 * win rate, the Pareto of the portfolio, and stage changes
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every aggregate is one set-wise query (GROUP BY in SQLite) over the
 * covering indexes opportunity_pipeline and opportunity_closed, so the
 * kanban's column totals and the forecast of 100,000 deals stay well under
 * 50 ms (measured by kam bench).  The rules are those of
 * kam-analytics.h: the effective probability of an open deal is its
 * override when set (0-100), else its stage's default from the preferences
 * (kam_insights_get_probabilities()); closed won counts 100, closed lost 0.
 */
#pragma once

#include "kam-analytics.h"
#include "kam-list.h"
#include "kam-store.h"

G_BEGIN_DECLS

/* A period of whole months: @n_months (1 .. 24) starting with @month (1 ..
 * 12) of @year. */
typedef struct {
  int year;
  int month;
  int n_months;
} KamPeriod;

/* Parses "2026" (the year), "2026-Q2" (a quarter), "2026-05" (a month) or
 * "2026-04+12" (12 months from April 2026: a fiscal year).  NULL or "" is
 * the calendar year of @today.  Sets a translated error otherwise. */
gboolean kam_period_parse       (const char   *text,
                                 const GDate  *today,
                                 KamPeriod    *period,
                                 GError      **error);
/* First and last day (YYYY-MM-DD) of the period; free with g_free(). */
void     kam_period_get_bounds  (const KamPeriod *period,
                                 char           **first,
                                 char           **last);
/* The period as kam_period_parse() reads it: "2026", "2026-Q4", "2026-05",
 * "2026-04+12"; free with g_free(). */
char    *kam_period_to_string   (const KamPeriod *period);
/* The year and month (1 .. 12) of month @index of the period. */
void     kam_period_month       (const KamPeriod *period,
                                 int              index,
                                 int             *year,
                                 int             *month);

typedef enum {
  KAM_PIPELINE_ANY,     /* open and closed deals */
  KAM_PIPELINE_OPEN,    /* the four open stages */
  KAM_PIPELINE_CLOSED,  /* closed won and closed lost */
} KamPipelineStatus;

/* Filters of the pipeline; each is off when NULL (or -1, or
 * KAM_PIPELINE_ANY). */
typedef struct {
  const char *owner_id;     /* member id: the deal's owner */
  const char *portfolio_id; /* member id: the owner of the deal's account */
  const char *account_id;
  int         tier;         /* KamTier of the account, -1 = any */
  const char *close_from;   /* YYYY-MM-DD: expected close of open deals, */
  const char *close_to;     /* closing day of closed ones; both included */
  int         stage;        /* KamStage, -1 = any */
  const char *search;       /* part of the deal's or the account's name */
  KamPipelineStatus status; /* open or closed deals only; a stage wins */
} KamPipelineFilter;

void     kam_pipeline_filter_init (KamPipelineFilter *filter);
/* Sets @query (of opportunities) to the deals that pass @filter, the same
 * rows as the aggregates below count: the pipeline's list and cards. */
void     kam_pipeline_filter_to_query (const KamPipelineFilter *filter,
                                       KamQuery                *query);

/* Count, amount and weighted amount per stage (indexed by KamStage) of the
 * deals that pass @filter: the kanban's column headers and the funnel. */
gboolean kam_pipeline_stage_totals (KamStore                *store,
                                    const KamPipelineFilter *filter,
                                    KamStageTotals           totals[KAM_N_STAGES],
                                    GError                 **error);

#define KAM_PERIOD_MAX_MONTHS   24
#define KAM_PERIOD_MAX_QUARTERS 8

typedef struct {
  KamPeriod         period;
  /* month i of the period: closed won deals by their closing day, open deals
   * weighted by their expected close; closed lost left out */
  KamForecastBucket months[KAM_PERIOD_MAX_MONTHS];
  double            month_targets[KAM_PERIOD_MAX_MONTHS];
  /* quarter i: months 3i .. 3i+2 of the period (the last may be partial) */
  guint             n_quarters;
  KamForecastBucket quarters[KAM_PERIOD_MAX_QUARTERS];
  double            quarter_targets[KAM_PERIOD_MAX_QUARTERS];
  double            won;       /* Σ months[].won */
  double            weighted;  /* Σ months[].weighted_open */
  double            target;    /* Σ month_targets */
} KamPipelineForecast;

/* The forecast of @period for the deals that pass @filter (its close dates
 * are ignored: the period bounds them).  The target of a month is one
 * twelfth of the yearly targets (account field "targets") of the accounts
 * that pass the filter's owner, account, tier and search. */
gboolean kam_pipeline_forecast     (KamStore                *store,
                                    const KamPipelineFilter *filter,
                                    const KamPeriod         *period,
                                    KamPipelineForecast     *forecast,
                                    GError                 **error);

typedef struct {
  KamPeriod  period;
  guint      n_quarters;
  KamWinRate quarters[KAM_PERIOD_MAX_QUARTERS];  /* rate -1: nothing closed */
  KamWinRate total;
} KamPipelineWinRates;

/* Win rate (count and amount) of the deals closed won or lost in each
 * quarter of @period, by their closing day. */
gboolean kam_pipeline_win_rates    (KamStore                *store,
                                    const KamPipelineFilter *filter,
                                    const KamPeriod         *period,
                                    KamPipelineWinRates     *rates,
                                    GError                 **error);

typedef struct {
  char    *account_id;
  char    *name;
  double   revenue;     /* revenue this year */
  double   cumulative;  /* share of the total, 0 .. 1, up to and including this account */
  KamTier  tier;        /* the account's tier */
} KamParetoEntry;

typedef struct {
  GArray           *entries;  /* KamParetoEntry, by revenue, largest first */
  double            total;
  KamAbcThresholds  thresholds;
} KamPareto;

void     kam_pareto_clear          (KamPareto *pareto);

/* The accounts that pass the filter's owner, account, tier and search, by
 * revenue this year (largest first, then by name), with the cumulative
 * share of revenue and the ABC thresholds of the preferences. */
gboolean kam_pipeline_pareto       (KamStore                *store,
                                    const KamPipelineFilter *filter,
                                    KamPareto               *pareto,
                                    GError                 **error);

/* kam_pipeline_move_to_stage:
 * @id: the opportunity
 * @stage: the new stage
 * @reason: (nullable): the won or lost reason; kept as it is when NULL
 *
 * Moves a deal: the store appends the change to the stage history and sets
 * (or, when reopened, clears) the closing day; the probability follows
 * kam_probability_after_stage_change(): a probability set by hand is kept
 * between open stages, a default one stays the default of the new stage.
 * Nothing is written when the stage does not change and @reason is NULL.
 */
gboolean kam_pipeline_move_to_stage (KamStore    *store,
                                     const char  *id,
                                     KamStage     stage,
                                     const char  *reason,
                                     GError     **error);

G_END_DECLS
