/* kam-review.h — the sales review: a deck of slides built from live data
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kam_review_deck_build() reads everything the slides show (a few set-wise
 * queries, plus the contact map of each account slide) into a KamReviewDeck;
 * drawing a slide (kam-review-draw.c) reads nothing from the store, so the
 * review window turns pages at once and the PDF is the same deck.
 *
 * The scope is a set of accounts: those of one owner (the account's owner,
 * the key-account manager), of one region, of one tier, or a hand-picked
 * list of ids; the filters combine.  Every aggregate is over the deals of
 * the accounts in scope, with the rules of kam-pipeline.h: the revenue of
 * the period is the closed won deals closed in it, the weighted pipeline the
 * open deals expected to close in it weighted by their effective
 * probability, the target the accounts' yearly targets spread over months.
 *
 * "Since the last review": the day stored in the setting "review-last"
 * (kam_review_set_last_review()), else the first day of the period.  A deal
 * moved when its stage history has an entry on or after that day and is
 * still open; it was won or lost when it closed on or after that day; it
 * slipped when it is still open and its expected close fell on or after
 * that day and before today (the date passed without a decision).
 *
 * Visits done and due are those of the portfolios of the scope's owners
 * (kam_visit_plan_compliance() per owner), over the period up to today.
 */
#pragma once

#include <cairo.h>

#include "kam-chart.h"
#include "kam-insights.h"
#include "kam-org-chart.h"
#include "kam-pipeline.h"
#include "kam-store.h"

G_BEGIN_DECLS

/* At most this many account slides: with "all accounts" or a tier, the
 * largest accounts of the scope by revenue this year. */
#define KAM_REVIEW_MAX_ACCOUNT_SLIDES 20
/* Accounts on the relationship coverage slide, largest first. */
#define KAM_REVIEW_COVERAGE_ACCOUNTS  12
#define KAM_REVIEW_TOP_DEALS          10
/* Rows of the "since the last review" slide. */
#define KAM_REVIEW_MAX_CHANGES        10
/* Rows of the visit compliance slide: the owners with the most accounts. */
#define KAM_REVIEW_MAX_OWNERS         10

typedef struct {
  KamPeriod    period;
  const char  *owner_id;     /* NULL: the whole team */
  const char  *owner_name;   /* for the title; NULL: looked up */
  const char  *region;       /* NULL: every region */
  int          tier;         /* KamTier, -1: every tier */
  const char *const *account_ids;  /* NULL-terminated; NULL: all of the scope */
  const char  *since;        /* YYYY-MM-DD; NULL: the setting "review-last" */
} KamReviewOptions;

void kam_review_options_init (KamReviewOptions *options);

typedef enum {
  KAM_SLIDE_TITLE,
  KAM_SLIDE_NUMBERS,
  KAM_SLIDE_FORECAST,
  KAM_SLIDE_FUNNEL,
  KAM_SLIDE_TOP_DEALS,
  KAM_SLIDE_CHANGES,
  KAM_SLIDE_PARETO,
  KAM_SLIDE_COVERAGE,
  KAM_SLIDE_COMPLIANCE,
  KAM_SLIDE_ACCOUNT,
} KamSlideKind;

typedef enum {
  KAM_REVIEW_MOVED   = 1 << 0,  /* changed stage (still open) */
  KAM_REVIEW_SLIPPED = 1 << 1,  /* expected close passed, still open */
  KAM_REVIEW_WON     = 1 << 2,
  KAM_REVIEW_LOST    = 1 << 3,
} KamReviewChange;

typedef struct {
  char            *id;
  char            *name;
  char            *account_id;
  char            *account_name;
  KamStage         stage;
  KamStage         previous_stage;  /* MOVED: the stage before the move; else = stage */
  double           amount;
  char            *expected_close;  /* YYYY-MM-DD or "" */
  char            *closed_on;       /* YYYY-MM-DD or "" */
  char            *next_step;
  KamReviewChange  change;          /* 0 in the top deals */
} KamReviewDeal;

typedef struct {
  char            *account_id;
  char            *name;
  KamTier          tier;
  double           revenue;         /* revenue this year (account field) */
  double           target;          /* of the period */
  double           won;             /* closed won in the period */
  double           open_amount;     /* every open deal */
  double           weighted;        /* weighted, every open deal */
  guint            n_open;
  KamCoverage      coverage;
  char            *strategy;        /* the speaker notes */
  GPtrArray       *deals;           /* KamReviewDeal: open, largest first (at most 8) */
  KamOrgChart     *map;             /* NULL when the slide is only in the coverage grid */
} KamReviewAccount;

typedef struct {
  char  *owner_id;
  char  *name;
  guint  accounts;
  guint  due;        /* accounts due in the period up to today */
  guint  kept;       /* of those, visited */
  guint  done;       /* visits done in the period */
  guint  planned;    /* visits still planned in the period */
} KamReviewOwner;

typedef struct {
  KamSlideKind kind;
  int          item;   /* ACCOUNT: index into accounts; else -1 */
} KamSlide;

typedef struct {
  /* what was asked */
  KamPeriod           period;
  char               *period_label;   /* "Q4 2026", "2026年第4季度" */
  char               *scope_label;    /* "Whole team", "王磊", "Region East · Tier A" */
  char               *owner_id;       /* the scope's owner, NULL: the whole team */
  int                 tier;           /* the scope's tier, -1: every tier */
  char               *date;           /* today, YYYY-MM-DD */
  char               *since;          /* the last review, YYYY-MM-DD */
  char               *first, *last;   /* the period's bounds */
  guint               n_scope_accounts;

  /* the numbers */
  double              won;            /* revenue of the period */
  double              target;
  double              weighted;       /* weighted pipeline of the period */
  double              open_amount;    /* open deals expected to close in the period */
  KamPipelineCoverage coverage;
  KamWinRate          win_rate;       /* deals closed in the period */
  guint               visits_done;
  guint               visits_due;
  guint               visits_kept;

  /* the charts' data */
  KamStageTotals      stages[KAM_N_STAGES];  /* deals closing in the period */
  KamPipelineForecast forecast;
  KamPareto           pareto;

  GPtrArray          *top_deals;      /* KamReviewDeal, by amount */
  GPtrArray          *changes;        /* KamReviewDeal: won, lost, moved, slipped */
  guint               n_changes[4];   /* moved, slipped, won, lost (all, not only listed) */
  GPtrArray          *top_accounts;   /* KamReviewAccount: coverage grid, largest first */
  GPtrArray          *owners;         /* KamReviewOwner, most accounts first; the
                                       * figures of the first KAM_REVIEW_MAX_OWNERS */
  GPtrArray          *accounts;       /* KamReviewAccount: one slide each */
  guint               n_accounts_selected;  /* before KAM_REVIEW_MAX_ACCOUNT_SLIDES */

  GArray             *slides;         /* KamSlide */
  GPtrArray          *notes;          /* char *: the speaker notes of each slide */
} KamReviewDeck;

void           kam_review_deal_free     (KamReviewDeal    *deal);
void           kam_review_account_free  (KamReviewAccount *account);

/* Builds the deck as of @today (NULL: the local date). */
KamReviewDeck *kam_review_deck_build    (KamStore               *store,
                                         const KamReviewOptions *options,
                                         const GDate            *today,
                                         GError                **error);
void           kam_review_deck_free     (KamReviewDeck          *deck);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamReviewDeck, kam_review_deck_free)

guint          kam_review_deck_get_n_slides (KamReviewDeck *deck);
/* The slide's title, translated; free with g_free(). */
char          *kam_review_deck_get_title    (KamReviewDeck *deck,
                                             guint          index);
/* Speaker notes for the presenter view: on an account slide the account's
 * strategy notes ("" when it has none); on the other slides what the slide
 * shows, in a sentence or two with its key figures. */
const char    *kam_review_deck_get_notes    (KamReviewDeck *deck,
                                             guint          index);

/* The period as people say it: "Q4 2026", "November 2026", "2026". */
char          *kam_review_period_label      (const KamPeriod *period);

/* The presenter view: given the geometries of @n_monitors monitors and the
 * one the deck is shown on, the monitor for the presenter view: the one the
 * main window is on (@main_monitor, -1: unknown) when it is another, else
 * the largest other monitor that does not overlap the deck's (a mirrored
 * output shows the same picture).  -1 when there is none. */
int            kam_review_presenter_monitor (const cairo_rectangle_int_t *monitors,
                                             guint                        n_monitors,
                                             guint                        deck_monitor,
                                             int                          main_monitor);

/* The day of the last review ("" when none) and setting it. */
char          *kam_review_get_last_review   (KamStore      *store);
gboolean       kam_review_set_last_review   (KamStore      *store,
                                             const char    *date,
                                             GError       **error);

/* Drawing --------------------------------------------------------------- */

typedef struct {
  gboolean dark;
  gboolean footer;     /* "N / M · period" at the bottom (PDF pages) */
  int      chinese;    /* money in 万: -1 follows the locale of messages */
} KamReviewStyle;

void           kam_review_style_init        (KamReviewStyle *style);

/* The point size of body text at @width × @height: 28 at 1024 × 768,
 * growing with the smaller of the two scales. */
double         kam_review_body_size         (double          width,
                                             double          height);

/* Draws slide @index into (0, 0, @width, @height) of @cr, background
 * included. */
void           kam_review_draw_slide        (KamReviewDeck        *deck,
                                             guint                 index,
                                             cairo_t              *cr,
                                             double                width,
                                             double                height,
                                             const KamReviewStyle *style);

/* Where a point of a slide falls (review mode drills down from a click):
 * the same geometry as kam_review_draw_slide(). */
typedef enum {
  KAM_REVIEW_HIT_NONE,
  KAM_REVIEW_HIT_TILE,     /* a tile of the numbers slide: @tile */
  KAM_REVIEW_HIT_CHART,    /* an element of the slide's chart: @chart */
  KAM_REVIEW_HIT_DEAL,     /* a row of deals (top deals, changes, an account's deals): @deal */
  KAM_REVIEW_HIT_ACCOUNT,  /* a card of the coverage grid, an account slide: @account_id */
  KAM_REVIEW_HIT_OWNER,    /* a row of visit compliance: @owner_id */
} KamReviewHitKind;

typedef enum {
  KAM_REVIEW_TILE_REVENUE,
  KAM_REVIEW_TILE_WEIGHTED,
  KAM_REVIEW_TILE_COVERAGE,
  KAM_REVIEW_TILE_FORECAST,
  KAM_REVIEW_TILE_WIN_RATE,
  KAM_REVIEW_TILE_VISITS,
} KamReviewTile;

typedef struct {
  KamReviewHitKind     kind;
  KamReviewTile        tile;
  KamChartHit          chart;
  const KamReviewDeal *deal;        /* the deck's */
  const char          *account_id;  /* the deck's */
  const char          *owner_id;    /* the deck's */
  KamChartRect         rect;        /* the row, card or tile (CHART: the chart's box) */
} KamReviewHit;

gboolean       kam_review_slide_hit         (KamReviewDeck        *deck,
                                             guint                 index,
                                             double                width,
                                             double                height,
                                             const KamReviewStyle *style,
                                             double                x,
                                             double                y,
                                             KamReviewHit         *hit);
/* The records behind @hit as a drill-down target (kam-drill.h) of the
 * deck's period; NULL for KAM_REVIEW_HIT_NONE.  Free with g_free(). */
char          *kam_review_hit_target        (KamReviewDeck        *deck,
                                             const KamReviewHit   *hit);

/* Writes the deck to @path as a PDF of one slide per page, @width ×
 * @height points (960 × 540 for 16:9), with a footer. */
gboolean       kam_review_export_pdf        (KamReviewDeck        *deck,
                                             const char           *path,
                                             double                width,
                                             double                height,
                                             gboolean              dark,
                                             GError              **error);

G_END_DECLS
