/* kam-insights.h — the analytics of kam-analytics.h over the store
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads what the pure rules need with a few set-wise queries (never one
 * query per account) and runs them.
 */
#pragma once

#include "kam-analytics.h"
#include "kam-store.h"

G_BEGIN_DECLS

/* Cadence per tier from the settings "cadence-a", "cadence-b", "cadence-c"
 * (days), defaults 7, 30, 90. */
void        kam_insights_get_cadence   (KamStore    *store,
                                        KamCadence  *cadence);
/* ABC thresholds from "abc-a", "abc-b" (defaults 0.80, 0.95). */
void        kam_insights_get_thresholds (KamStore         *store,
                                         KamAbcThresholds *thresholds);

/* Default probability per stage from the settings "probability-<stage>"
 * (open stages; defaults 10, 20, 40, 70); closed won 100, closed lost 0. */
void        kam_insights_get_probabilities (KamStore *store,
                                            int       probabilities[KAM_N_STAGES]);

typedef struct {
  char        *account_id;
  char        *name;
  KamTier      tier;
  KamCoverage  coverage;
} KamAccountCoverage;

void        kam_account_coverage_free  (KamAccountCoverage *item);

/* Coverage of every account (or of one when @account_id is set) as of
 * @today.  Returns: (element-type KamAccountCoverage) in name order. */
GPtrArray  *kam_insights_coverage      (KamStore     *store,
                                        const char   *account_id,
                                        const GDate  *today,
                                        GError      **error);

typedef struct {
  const KamRecordKind *kind;          /* account or contact */
  char                *id;
  char                *name;
  char                *account_id;
  char                *account_name;
  KamTier              tier;          /* of the account */
  char                *last;          /* last visit or meeting (YYYY-MM-DD), "" when never */
  gboolean             never;
  int                  days_overdue;
} KamDueEntry;

void        kam_due_entry_free         (KamDueEntry *entry);

typedef struct {
  guint accounts;   /* accounts due */
  guint contacts;   /* key contacts due */
} KamDueCounts;

/* Accounts and key contacts (decision role set or influence >= 4) due or
 * overdue for a visit on @today by their account's tier cadence, the most
 * overdue first (never visited first).  @owner_id restricts to one owner's
 * accounts when set.  Returns the first @limit (0: all) and fills @counts
 * with how many are due in all. */
GPtrArray  *kam_insights_due           (KamStore      *store,
                                        const char    *owner_id,
                                        const GDate   *today,
                                        guint          limit,
                                        KamDueCounts  *counts,
                                        GError       **error);

typedef struct {
  int                 year;
  double              target;           /* sum of the accounts' targets for @year */
  KamStageTotals      stages[KAM_N_STAGES];
  KamForecastBucket   months[12];
  KamForecastBucket   quarters[4];
  KamWinRate          win_rate;         /* deals closed in @year */
  gboolean            has_win_rate;
  KamPipelineCoverage coverage;         /* open weighted pipeline / remaining target of @year */
  guint               n_deals;
} KamPipelineSummary;

/* The pipeline of calendar @year (all owners when @owner_id is NULL). */
gboolean    kam_insights_pipeline      (KamStore           *store,
                                        int                 year,
                                        const char         *owner_id,
                                        KamPipelineSummary *summary,
                                        GError            **error);

G_END_DECLS
