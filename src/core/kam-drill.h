/* kam-drill.h — drill-down targets: the records behind a dashboard tile, a
 * chart element or a row of a review slide, as a string an action carries
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's action win.drill-down takes one (a string parameter),
 * shows the view it names and sets that view's filters.  The syntax:
 *
 *   VIEW[:KEY=VALUE[;KEY=VALUE]...]
 *
 *   opportunities  the Pipeline's list:
 *                  owner=MEMBER-ID (the deal's)  account=ACCOUNT-ID
 *                  portfolio=MEMBER-ID (the owner of the deal's account)
 *                  tier=A|B|C
 *                  stage=prospecting|needs_analysis|solution_proposal|
 *                        negotiation|closed_won|closed_lost
 *                  status=open|closed
 *                  close=PERIOD (expected close of open deals, closing
 *                        day of closed ones)
 *                  search=TEXT (part of the deal's or account's name)
 *                  id=DEAL-ID (opens that deal's editor too)
 *   accounts       the Accounts view: owner=MEMBER-ID  tier=A|B|C
 *                  map=red|amber|green (the status of the contact map)
 *                  id=ACCOUNT-ID (opens that account)
 *   visits         the Visit Plan: owner=MEMBER-ID  period=PERIOD
 *
 * PERIOD is what kam_period_parse() reads: 2026, 2026-Q4, 2026-05,
 * 2026-04+12.  Values are percent-encoded where they hold ';', '=' or '%'.
 * Unknown keys are an error, so a typing mistake does not widen the list.
 *
 *   opportunities:stage=negotiation;owner=4f1c…;close=2026-Q4
 *   accounts:tier=A
 *   accounts:owner=4f1c…;map=red
 *   visits:owner=4f1c…;period=2026-Q4
 */
#pragma once

#include "kam-pipeline.h"

G_BEGIN_DECLS

typedef enum {
  KAM_DRILL_OPPORTUNITIES,
  KAM_DRILL_ACCOUNTS,
  KAM_DRILL_VISITS,
} KamDrillView;

typedef struct {
  KamDrillView       view;
  char              *owner_id;
  char              *portfolio_id; /* opportunities: the owner of their accounts */
  char              *account_id;
  int                tier;        /* KamTier, -1: any */
  int                stage;       /* KamStage, -1: any */
  int                map;         /* KamCoverageStatus of the contact map, -1: any */
  KamPipelineStatus  status;
  gboolean           has_period;  /* close= or period= */
  KamPeriod          period;
  char              *search;
  char              *id;
} KamDrillTarget;

void      kam_drill_target_init       (KamDrillTarget       *target,
                                       KamDrillView          view);
void      kam_drill_target_clear      (KamDrillTarget       *target);
/* Reads @text into @target (initialized here); a translated error names
 * what is wrong. */
gboolean  kam_drill_target_parse      (KamDrillTarget       *target,
                                       const char           *text,
                                       GError              **error);
char     *kam_drill_target_to_string  (const KamDrillTarget *target);
/* The pipeline filter of an opportunities target; its strings are the
 * target's, and @first and @last (free with g_free()) the period's bounds. */
void      kam_drill_target_to_filter  (const KamDrillTarget *target,
                                       KamPipelineFilter    *filter,
                                       char                **first,
                                       char                **last);

G_END_DECLS
