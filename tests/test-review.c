/* test-review.c — the review deck over a small hand-made store, against
 * figures computed by hand
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kam-model.h"
#include "kam-review.h"
#include "kam-store.h"

/* Today is 2026-11-24, the last review 2026-11-01, the period Q4 2026.
 *
 *  account  owner  region  tier  revenue  target 2026
 *  Huawei   Wang   East    A     900,000  1,200,000
 *  Bank     Li     East    -     300,000    600,000
 *  Grid     Li     North   C     100,000          -
 *
 *  deal          account  stage [probability]   amount  close       history / closed
 *  Core network  Huawei   negotiation [60]     500,000  2026-12-10  … proposal 09-15, negotiation 11-05: MOVED
 *  Old move      Huawei   proposal [40]        100,000  2027-02-01  proposal 10-20 (before the review)
 *  Branch WAN    Bank     proposal [50]        200,000  2026-11-20  passed after the review: SLIPPED
 *  New lead      Bank     prospecting [10]      50,000  2027-01-15  one entry 11-10: new, not moved
 *  Late          Grid     needs analysis [20]   70,000  2026-10-15  passed before the review
 *  Data centre   Huawei   closed won           300,000  closed 2026-11-03: WON
 *  Laptops       Huawei   closed won            40,000  closed 2026-10-10 (before the review)
 *  Smart meters  Grid     closed lost           80,000  closed 2026-11-02: LOST
 *  F1 .. F5      Bank     prospecting           45, 40, 35, 30, 30 thousand, 2027; F5 closes before F4
 *  F6            Bank     prospecting           20,000  2027
 *
 * Q4: won 340,000; target (1,200,000 + 600,000) / 4 = 450,000; weighted
 * open closing in Q4 = 300,000 + 100,000 + 14,000 = 414,000 (open amount
 * 770,000); coverage 414,000 / 110,000; win rate 2 won, 1 lost.
 */
typedef struct {
  char      *dir;
  KamStore  *store;
  char      *wang, *li;
  char      *huawei, *bank, *grid;
  GDate      today;
} Fixture;

static char *
add (KamStore            *store,
     const KamRecordKind *kind,
     ...)
{
  g_autoptr(KamRecord) record = kam_record_new (kind);
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  va_start (args, kind);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      kam_record_set_from_string (record, field, value, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  kam_store_save (store, record, &error);
  g_assert_no_error (error);
  return g_strdup (kam_record_get_id (record));
}

static void
add_deal (Fixture    *f,
          const char *name,
          const char *account,
          const char *amount,
          const char *stage,
          const char *probability,
          const char *close,
          const char *closed_on,
          const char *history)
{
  g_free (add (f->store, &kam_opportunity_kind, "name", name, "account_id", account,
               "amount", amount, "stage", stage, "probability", probability,
               "expected_close", close, "closed_on", closed_on, "stage_history", history,
               "next_step", "Call", NULL));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("kam-review-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 24, 11, 2026);
  if (data != NULL)
    return;  /* the empty store */

  f->wang = add (f->store, &kam_member_kind, "name", "Wang", NULL);
  f->li = add (f->store, &kam_member_kind, "name", "Li", NULL);
  f->huawei = add (f->store, &kam_account_kind, "name", "Huawei", "region", "East", "tier_pinned", "A",
                   "owner_id", f->wang, "revenue_this_year", "900000", "strategy", "Win the core refresh",
                   "targets", "[{\"year\": 2026, \"amount\": 1200000}]", NULL);
  f->bank = add (f->store, &kam_account_kind, "name", "Bank", "region", "East", "owner_id", f->li,
                 "revenue_this_year", "300000", "targets", "[{\"year\": 2026, \"amount\": 600000}]", NULL);
  f->grid = add (f->store, &kam_account_kind, "name", "Grid", "region", "North", "tier_pinned", "C",
                 "owner_id", f->li, "revenue_this_year", "100000", NULL);

  add_deal (f, "Core network", f->huawei, "500000", "negotiation", "60", "2026-12-10", "",
            "[{\"stage\": \"prospecting\", \"date\": \"2026-08-01\"}, {\"stage\": \"solution_proposal\", \"date\": \"2026-09-15\"},"
            " {\"stage\": \"negotiation\", \"date\": \"2026-11-05\"}]");
  add_deal (f, "Old move", f->huawei, "100000", "solution_proposal", "-1", "2027-02-01", "",
            "[{\"stage\": \"prospecting\", \"date\": \"2026-06-01\"}, {\"stage\": \"solution_proposal\", \"date\": \"2026-10-20\"}]");
  add_deal (f, "Branch WAN", f->bank, "200000", "solution_proposal", "50", "2026-11-20", "",
            "[{\"stage\": \"prospecting\", \"date\": \"2026-09-01\"}, {\"stage\": \"solution_proposal\", \"date\": \"2026-10-01\"}]");
  add_deal (f, "New lead", f->bank, "50000", "prospecting", "-1", "2027-01-15", "",
            "[{\"stage\": \"prospecting\", \"date\": \"2026-11-10\"}]");
  add_deal (f, "Late", f->grid, "70000", "needs_analysis", "-1", "2026-10-15", "",
            "[{\"stage\": \"needs_analysis\", \"date\": \"2026-09-01\"}]");
  add_deal (f, "Data centre", f->huawei, "300000", "closed_won", "-1", "2026-11-01", "2026-11-03", "[]");
  add_deal (f, "Laptops", f->huawei, "40000", "closed_won", "-1", "2026-10-10", "2026-10-10", "[]");
  add_deal (f, "Smart meters", f->grid, "80000", "closed_lost", "-1", "2026-11-01", "2026-11-02", "[]");
  add_deal (f, "F1", f->bank, "45000", "prospecting", "-1", "2027-03-01", "", "[]");
  add_deal (f, "F2", f->bank, "40000", "prospecting", "-1", "2027-03-01", "", "[]");
  add_deal (f, "F3", f->bank, "35000", "prospecting", "-1", "2027-03-01", "", "[]");
  add_deal (f, "F4", f->bank, "30000", "prospecting", "-1", "2027-03-05", "", "[]");
  add_deal (f, "F5", f->bank, "30000", "prospecting", "-1", "2027-03-02", "", "[]");
  add_deal (f, "F6", f->bank, "20000", "prospecting", "-1", "2027-03-01", "", "[]");

  g_free (add (f->store, &kam_visit_kind, "account_id", f->huawei, "start_at", "2026-11-10T02:00:00Z",
               "end_at", "2026-11-10T03:00:00Z", "status", "done", NULL));

  kam_review_set_last_review (f->store, "2026-11-01", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_strdup (kam_store_get_path (f->store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->wang);
  g_free (f->li);
  g_free (f->huawei);
  g_free (f->bank);
  g_free (f->grid);
}

static KamReviewDeck *
build (Fixture          *f,
       KamReviewOptions *options)
{
  g_autoptr(GError) error = NULL;
  KamReviewDeck *deck;

  if (options->period.n_months == 0)
    options->period = (KamPeriod) { 2026, 10, 3 };
  deck = kam_review_deck_build (f->store, options, &f->today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deck);
  return deck;
}

static GStrv
deal_names (GPtrArray *deals)
{
  GStrv names = g_new0 (char *, deals->len + 1);

  for (guint i = 0; i < deals->len; i++)
    names[i] = g_strdup (((KamReviewDeal *) deals->pdata[i])->name);
  return names;
}

static void
assert_names (GPtrArray         *deals,
              const char *const *expected)
{
  g_auto(GStrv) names = deal_names (deals);
  g_autofree char *got = g_strjoinv (", ", names);
  g_autofree char *want = g_strjoinv (", ", (char **) expected);

  g_assert_cmpstr (got, ==, want);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  KamReviewOptions options;
  g_autoptr(KamReviewDeck) deck = NULL;
  g_autofree char *last = kam_review_get_last_review (f->store);
  const char *expected[] = { "Data centre", "Smart meters", "Core network", "Branch WAN", NULL };
  KamReviewDeal *moved;

  g_assert_cmpstr (last, ==, "2026-11-01");
  kam_review_options_init (&options);
  deck = build (f, &options);
  g_assert_cmpstr (deck->since, ==, "2026-11-01");
  assert_names (deck->changes, expected);
  g_assert_cmpint (((KamReviewDeal *) deck->changes->pdata[0])->change, ==, KAM_REVIEW_WON);
  g_assert_cmpint (((KamReviewDeal *) deck->changes->pdata[1])->change, ==, KAM_REVIEW_LOST);
  moved = deck->changes->pdata[2];
  g_assert_cmpint (moved->change, ==, KAM_REVIEW_MOVED);
  g_assert_cmpint (moved->previous_stage, ==, KAM_STAGE_SOLUTION_PROPOSAL);
  g_assert_cmpint (moved->stage, ==, KAM_STAGE_NEGOTIATION);
  g_assert_cmpint (((KamReviewDeal *) deck->changes->pdata[3])->change, ==, KAM_REVIEW_SLIPPED);
  g_assert_cmpuint (deck->n_changes[0], ==, 1);
  g_assert_cmpuint (deck->n_changes[1], ==, 1);
  g_assert_cmpuint (deck->n_changes[2], ==, 1);
  g_assert_cmpuint (deck->n_changes[3], ==, 1);

  /* an earlier review: Old move (10-20) moved too, Laptops (10-10) won,
   * Late (10-15) slipped */
  {
    const char *earlier[] = { "Data centre", "Laptops", "Smart meters", "Core network", "Branch WAN",
                              "Old move", "Late", NULL };
    g_autoptr(KamReviewDeck) deck2 = NULL;

    kam_review_options_init (&options);
    options.since = "2026-10-01";
    deck2 = build (f, &options);
    assert_names (deck2->changes, earlier);
    /* Branch WAN moved on 10-01 too, and slipped: with the moved, by amount */
    g_assert_cmpint (((KamReviewDeal *) deck2->changes->pdata[4])->change, ==, KAM_REVIEW_MOVED | KAM_REVIEW_SLIPPED);
  }
}

static void
test_top_deals (Fixture       *f,
                gconstpointer  data)
{
  KamReviewOptions options;
  g_autoptr(KamReviewDeck) deck = NULL;
  const char *expected[] = { "Core network", "Branch WAN", "Old move", "Late", "New lead",
                             "F1", "F2", "F3", "F5", "F4", NULL };
  KamReviewDeal *first;

  kam_review_options_init (&options);
  deck = build (f, &options);
  assert_names (deck->top_deals, expected);
  first = deck->top_deals->pdata[0];
  g_assert_cmpstr (first->account_name, ==, "Huawei");
  g_assert_cmpstr (first->expected_close, ==, "2026-12-10");
  g_assert_cmpstr (first->next_step, ==, "Call");
  g_assert_cmpfloat (first->amount, ==, 500000);
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  KamReviewOptions options;
  g_autoptr(KamReviewDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  KamPipelineFilter filter;
  KamPipelineForecast forecast;
  KamStageTotals stages[KAM_N_STAGES];

  kam_review_options_init (&options);
  deck = build (f, &options);
  g_assert_cmpfloat_with_epsilon (deck->won, 340000, 1e-6);
  g_assert_cmpfloat_with_epsilon (deck->target, 450000, 1e-6);
  g_assert_cmpfloat_with_epsilon (deck->weighted, 414000, 1e-6);
  g_assert_cmpfloat_with_epsilon (deck->open_amount, 770000, 1e-6);
  g_assert_cmpint (deck->coverage.status, ==, KAM_PIPELINE_COVERAGE_RATIO);
  g_assert_cmpfloat_with_epsilon (deck->coverage.ratio, 414000.0 / 110000.0, 1e-9);
  g_assert_cmpint (deck->win_rate.won_count, ==, 2);
  g_assert_cmpint (deck->win_rate.lost_count, ==, 1);
  g_assert_cmpfloat_with_epsilon (deck->win_rate.rate, 2.0 / 3.0, 1e-9);
  g_assert_cmpuint (deck->visits_done, ==, 1);

  /* the whole team's numbers are the store's own aggregates */
  kam_pipeline_filter_init (&filter);
  kam_pipeline_forecast (f->store, &filter, &deck->period, &forecast, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (deck->won, forecast.won, 1e-6);
  g_assert_cmpfloat_with_epsilon (deck->weighted, forecast.weighted, 1e-6);
  g_assert_cmpfloat_with_epsilon (deck->target, forecast.target, 1e-6);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (deck->forecast.months[i].won, forecast.months[i].won, 1e-6);
      g_assert_cmpfloat_with_epsilon (deck->forecast.months[i].weighted_open, forecast.months[i].weighted_open, 1e-6);
    }
  filter.close_from = deck->first;
  filter.close_to = deck->last;
  kam_pipeline_stage_totals (f->store, &filter, stages, &error);
  g_assert_no_error (error);
  for (int s = 0; s < KAM_N_STAGES; s++)
    {
      g_assert_cmpint (deck->stages[s].count, ==, stages[s].count);
      g_assert_cmpfloat_with_epsilon (deck->stages[s].amount, stages[s].amount, 1e-6);
      g_assert_cmpfloat_with_epsilon (deck->stages[s].weighted, stages[s].weighted, 1e-6);
    }

  /* the slides: 9, then Huawei, Bank, Grid by revenue */
  g_assert_cmpuint (kam_review_deck_get_n_slides (deck), ==, 12);
  {
    g_autofree char *title = kam_review_deck_get_title (deck, 0);
    g_autofree char *account = kam_review_deck_get_title (deck, 9);
    g_autofree char *last = kam_review_deck_get_title (deck, 11);

    g_assert_nonnull (strstr (title, "Q4 2026"));
    g_assert_cmpstr (account, ==, "Huawei");
    g_assert_cmpstr (last, ==, "Grid");
  }
  {
    KamReviewAccount *huawei = deck->accounts->pdata[0];

    g_assert_cmpfloat_with_epsilon (huawei->won, 340000, 1e-6);
    g_assert_cmpfloat_with_epsilon (huawei->target, 300000, 1e-6);
    g_assert_cmpuint (huawei->n_open, ==, 2);
    g_assert_cmpfloat_with_epsilon (huawei->open_amount, 600000, 1e-6);
    g_assert_cmpfloat_with_epsilon (huawei->weighted, 340000, 1e-6);
  }
  g_assert_cmpuint (deck->owners->len, ==, 2);
  g_assert_cmpstr (((KamReviewOwner *) deck->owners->pdata[0])->name, ==, "Li");
  g_assert_cmpuint (((KamReviewOwner *) deck->owners->pdata[0])->accounts, ==, 2);
  g_assert_cmpuint (((KamReviewOwner *) deck->owners->pdata[1])->done, ==, 1);
  g_assert_cmpuint (deck->top_accounts->len, ==, 3);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  KamReviewOptions options;

  /* Li: Bank and Grid */
  {
    g_autoptr(KamReviewDeck) deck = NULL;
    const char *changes[] = { "Smart meters", "Branch WAN", NULL };
    const char *top[] = { "Branch WAN", "Late", "New lead", "F1", "F2", "F3", "F5", "F4", "F6", NULL };

    kam_review_options_init (&options);
    options.owner_id = f->li;
    deck = build (f, &options);
    assert_names (deck->changes, changes);
    assert_names (deck->top_deals, top);
    g_assert_cmpuint (deck->n_scope_accounts, ==, 2);
    g_assert_cmpuint (kam_review_deck_get_n_slides (deck), ==, 11);
    g_assert_cmpstr (deck->scope_label, ==, "Li");
    g_assert_cmpfloat_with_epsilon (deck->won, 0, 1e-9);
    g_assert_cmpfloat_with_epsilon (deck->target, 150000, 1e-6);
    g_assert_cmpfloat_with_epsilon (deck->weighted, 114000, 1e-6);

    /* a drill-down from Li's deck stays in Li's portfolio */
    {
      KamReviewHit hit = { 0 };
      g_autofree char *tile = NULL;
      g_autofree char *visits = NULL;
      /* (the deals of Li's accounts, whoever owns each deal) */
      g_autofree char *expected_tile = g_strdup_printf ("opportunities:portfolio=%s;status=open;close=", f->li);
      g_autofree char *expected_visits = g_strdup_printf ("visits:owner=%s;period=", f->li);

      hit.kind = KAM_REVIEW_HIT_TILE;
      hit.tile = KAM_REVIEW_TILE_WEIGHTED;
      tile = kam_review_hit_target (deck, &hit);
      g_assert_true (g_str_has_prefix (tile, expected_tile));
      hit.tile = KAM_REVIEW_TILE_VISITS;
      visits = kam_review_hit_target (deck, &hit);
      g_assert_true (g_str_has_prefix (visits, expected_visits));
    }
  }
  /* East: Huawei and Bank */
  {
    g_autoptr(KamReviewDeck) deck = NULL;
    const char *changes[] = { "Data centre", "Core network", "Branch WAN", NULL };

    kam_review_options_init (&options);
    options.region = "East";
    deck = build (f, &options);
    assert_names (deck->changes, changes);
    g_assert_cmpuint (deck->n_scope_accounts, ==, 2);
    g_assert_cmpfloat_with_epsilon (deck->weighted, 400000, 1e-6);
  }
  /* tier C (pinned): Grid; tier A with the region North: nothing (Grid is
   * the only account there) */
  {
    g_autoptr(KamReviewDeck) deck = NULL;
    g_autoptr(KamReviewDeck) none = NULL;
    const char *top[] = { "Late", NULL };
    const char *changes[] = { "Smart meters", NULL };

    kam_review_options_init (&options);
    options.tier = KAM_TIER_C;
    deck = build (f, &options);
    assert_names (deck->top_deals, top);
    assert_names (deck->changes, changes);
    g_assert_cmpuint (deck->n_scope_accounts, ==, 1);
    g_assert_cmpuint (kam_review_deck_get_n_slides (deck), ==, 10);
    g_assert_cmpfloat_with_epsilon (deck->won, 0, 1e-6);
    g_assert_cmpfloat_with_epsilon (deck->weighted, 14000, 1e-6);
    /* and a drill-down from it, in tier C */
    {
      KamReviewHit hit = { 0 };
      g_autofree char *target = NULL;

      hit.kind = KAM_REVIEW_HIT_TILE;
      hit.tile = KAM_REVIEW_TILE_REVENUE;
      target = kam_review_hit_target (deck, &hit);
      g_assert_true (g_str_has_prefix (target, "opportunities:tier=C;stage=closed_won;close="));
    }

    options.tier = KAM_TIER_A;
    options.region = "North";
    none = build (f, &options);
    g_assert_cmpuint (none->n_scope_accounts, ==, 0);
    g_assert_cmpuint (none->top_deals->len, ==, 0);
    g_assert_cmpuint (kam_review_deck_get_n_slides (none), ==, 9);
  }
  /* hand-picked, in the order given; an unknown id is left out */
  {
    g_autoptr(KamReviewDeck) deck = NULL;
    const char *ids[] = { f->grid, "no-such-account", f->huawei, NULL };
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    kam_review_options_init (&options);
    options.account_ids = ids;
    deck = build (f, &options);
    g_assert_cmpuint (kam_review_deck_get_n_slides (deck), ==, 11);
    first = kam_review_deck_get_title (deck, 9);
    second = kam_review_deck_get_title (deck, 10);
    g_assert_cmpstr (first, ==, "Grid");
    g_assert_cmpstr (second, ==, "Huawei");
    g_assert_cmpuint (deck->n_accounts_selected, ==, 2);
    g_assert_cmpfloat_with_epsilon (deck->won, 340000, 1e-6);
  }
}

/* Every slide draws at both beamer sizes, light and dark, with text in the
 * foreground colour somewhere and the background in the top right corner. */
static void
test_draw (Fixture       *f,
           gconstpointer  data)
{
  KamReviewOptions options;
  g_autoptr(KamReviewDeck) deck = NULL;
  const int sizes[][2] = { { 1024, 768 }, { 1920, 1080 } };

  g_assert_cmpfloat_with_epsilon (kam_review_body_size (1024, 768), 28, 1e-9);
  g_assert_cmpfloat (kam_review_body_size (1920, 1080), >=, 28);
  kam_review_options_init (&options);
  deck = build (f, &options);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int dark = 0; dark < 2; dark++)
      for (guint i = 0; i < kam_review_deck_get_n_slides (deck); i++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, sizes[s][0], sizes[s][1]);
          cairo_t *cr = cairo_create (surface);
          KamReviewStyle style;
          guint32 background = kam_chart_color (KAM_CHART_COLOR_BACKGROUND, dark);
          guint32 text = kam_chart_color (KAM_CHART_COLOR_TEXT, dark);
          const guint8 *pixels;
          int stride;
          guint n_text = 0;

          kam_review_style_init (&style);
          style.dark = dark;
          style.footer = TRUE;
          kam_review_draw_slide (deck, i, cr, sizes[s][0], sizes[s][1], &style);
          cairo_destroy (cr);
          cairo_surface_flush (surface);
          g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
          pixels = cairo_image_surface_get_data (surface);
          stride = cairo_image_surface_get_stride (surface);
          g_assert_cmphex (*(const guint32 *) (pixels + (sizes[s][0] - 1) * 4) & 0xffffff, ==, background);
          for (int y = 0; y < sizes[s][1]; y += 2)
            for (int x = 0; x < sizes[s][0]; x += 2)
              if ((*(const guint32 *) (pixels + y * stride + x * 4) & 0xffffff) == text)
                n_text++;
          g_assert_cmpuint (n_text, >, 50);
          cairo_surface_destroy (surface);
        }
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  KamReviewOptions options;
  g_autoptr(KamReviewDeck) deck = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "empty.pdf", NULL);
  g_autoptr(GError) error = NULL;

  kam_review_options_init (&options);
  deck = build (f, &options);
  g_assert_cmpuint (kam_review_deck_get_n_slides (deck), ==, 9);
  g_assert_cmpstr (deck->since, ==, "2026-10-01");
  g_assert_cmpint (deck->coverage.status, ==, KAM_PIPELINE_COVERAGE_NO_TARGET);
  g_assert_cmpfloat (deck->win_rate.rate, ==, -1);
  g_assert_true (kam_review_export_pdf (deck, pdf, 960, 540, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_remove (pdf);

  g_assert_false (kam_review_set_last_review (f->store, "2026-13-01", &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
}

/* The speaker notes of the presenter view: the account's strategy on its
 * slide, a sentence with the slide's figures on the others. */
static void
test_notes (Fixture       *f,
            gconstpointer  data)
{
  KamReviewOptions options;
  g_autoptr(KamReviewDeck) deck = NULL;
  g_autofree char *won = NULL, *target = NULL, *core = NULL;

  kam_review_options_init (&options);
  deck = build (f, &options);
  g_assert_cmpuint (deck->notes->len, ==, kam_review_deck_get_n_slides (deck));
  /* Huawei, Bank, Grid: only Huawei has a strategy */
  g_assert_cmpstr (kam_review_deck_get_notes (deck, 9), ==, "Win the core refresh");
  g_assert_cmpstr (kam_review_deck_get_notes (deck, 10), ==, "");
  g_assert_cmpstr (kam_review_deck_get_notes (deck, 11), ==, "");

  /* every other slide has a note */
  for (guint i = 0; i < 9; i++)
    {
      g_test_message ("%u: %s", i + 1, kam_review_deck_get_notes (deck, i));
      g_assert_cmpstr (kam_review_deck_get_notes (deck, i), !=, "");
    }
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 0), "3 accounts in scope"));
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 0), "2026-11-01"));
  /* 340,000 of 450,000: 76 % */
  won = kam_chart_format_money (340000, NULL, TRUE, 0);
  target = kam_chart_format_money (450000, NULL, TRUE, 0);
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 1), won));
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 1), target));
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 1), "(76%)"));
  /* forecast 340,000 + 414,000 = 754,000 is 304,000 above 450,000 */
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 2), "above target"));
  /* the funnel: the open deals closing in Q4 are Core network, Branch WAN, Late */
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 3), "3 open deals"));
  core = kam_chart_format_money (500000, NULL, TRUE, 0);
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 4), "Core network at Huawei"));
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 4), core));
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 4), "Next step: Call"));
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 5),
                            "1 moved stage, 1 slipped their close date, 1 won, 1 lost"));
  /* revenue 900,000, 300,000, 100,000: Huawei alone is 69 %, with Bank 92 % */
  g_assert_nonnull (strstr (kam_review_deck_get_notes (deck, 6), "The largest 2 of 3 accounts bring 92%"));
}

/* Which monitor gets the presenter view. */
static void
test_presenter_monitor (void)
{
  const cairo_rectangle_int_t two[] = { { 0, 0, 1920, 1200 }, { 1920, 0, 1024, 768 } };
  const cairo_rectangle_int_t mirrored[] = { { 0, 0, 1920, 1080 }, { 0, 0, 1920, 1080 } };
  const cairo_rectangle_int_t three[] = { { 0, 0, 1366, 768 }, { 1366, 0, 1024, 768 }, { 2390, 0, 3840, 2160 } };

  g_assert_cmpint (kam_review_presenter_monitor (two, 1, 0, 0), ==, -1);
  g_assert_cmpint (kam_review_presenter_monitor (two, 2, 1, 0), ==, 0);
  g_assert_cmpint (kam_review_presenter_monitor (two, 2, 1, -1), ==, 0);
  /* the deck on the main window's monitor: the other one */
  g_assert_cmpint (kam_review_presenter_monitor (two, 2, 0, 0), ==, 1);
  g_assert_cmpint (kam_review_presenter_monitor (two, 2, 5, 0), ==, -1);
  /* a mirrored output shows what the audience sees */
  g_assert_cmpint (kam_review_presenter_monitor (mirrored, 2, 0, 1), ==, -1);
  g_assert_cmpint (kam_review_presenter_monitor (mirrored, 2, 1, -1), ==, -1);
  /* three: the main window's monitor, else the largest other */
  g_assert_cmpint (kam_review_presenter_monitor (three, 3, 1, 0), ==, 0);
  g_assert_cmpint (kam_review_presenter_monitor (three, 3, 1, -1), ==, 2);
  g_assert_cmpint (kam_review_presenter_monitor (three, 3, 1, 1), ==, 2);
  g_assert_cmpint (kam_review_presenter_monitor (three, 3, 2, 2), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/kam/review/changes", test_changes, NULL);
  ADD ("/kam/review/top-deals", test_top_deals, NULL);
  ADD ("/kam/review/numbers", test_numbers, NULL);
  ADD ("/kam/review/scope", test_scope, NULL);
  ADD ("/kam/review/draw", test_draw, NULL);
  ADD ("/kam/review/notes", test_notes, NULL);
  g_test_add_func ("/kam/review/presenter-monitor", test_presenter_monitor);
  ADD ("/kam/review/empty", test_empty, "empty");
#undef ADD

  return g_test_run ();
}
