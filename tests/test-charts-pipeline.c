/* test-charts-pipeline.c — the pipeline charts rendered to image surfaces,
 * checked by their pixels
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KAM_SCREENSHOT_DIR=DIR also saves each chart drawn here as a PNG.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "kam-chart.h"

#define W 800
#define H 500

typedef struct {
  cairo_surface_t *surface;
  KamChartLayout   layout;
} Render;

static void
render_clear (Render *r)
{
  g_clear_pointer (&r->surface, cairo_surface_destroy);
}

static void
render (Render             *r,
        const KamChartData *data,
        gboolean            dark,
        const char         *save_as)
{
  KamChartStyle style;
  cairo_t *cr;
  const char *dir = g_getenv ("KAM_SCREENSHOT_DIR");

  kam_chart_style_init (&style);
  style.background = TRUE;
  style.dark = dark;
  r->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (r->surface);
  kam_chart_draw (cr, W, H, data, &style, &r->layout);
  cairo_destroy (cr);
  cairo_surface_flush (r->surface);
  g_assert_cmpint (cairo_surface_status (r->surface), ==, CAIRO_STATUS_SUCCESS);

  if (dir != NULL && save_as != NULL)
    {
      g_autofree char *path = g_build_filename (dir, save_as, NULL);

      g_mkdir_with_parents (dir, 0755);
      g_assert_cmpint (cairo_surface_write_to_png (r->surface, path), ==, CAIRO_STATUS_SUCCESS);
    }
}

static guint32
pixel (Render *r,
       int     x,
       int     y)
{
  const guint8 *data = cairo_image_surface_get_data (r->surface);
  int stride = cairo_image_surface_get_stride (r->surface);

  g_assert_true (x >= 0 && x < W && y >= 0 && y < H);
  return ((const guint32 *) (gconstpointer) (data + y * stride))[x] & 0xffffff;
}

static gboolean
in_rect (const KamChartRect *rect,
         int                 x,
         int                 y)
{
  return x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height;
}

/* Every pixel in one of the data colours lies in the plot or the legend. */
static void
assert_marks_inside (Render   *r,
                     gboolean  dark)
{
  const KamChartColor marks[] = {
    KAM_CHART_COLOR_WON, KAM_CHART_COLOR_OPEN, KAM_CHART_COLOR_TARGET, KAM_CHART_COLOR_LINE,
    /* (the B and C bands are greys that antialiased text also makes) */
    KAM_CHART_COLOR_BAND_A,
  };
  guint inside = 0;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint32 p = pixel (r, x, y);

        for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
          if (p == kam_chart_color (marks[i], dark))
            {
              if (!in_rect (&r->layout.plot, x, y) && !in_rect (&r->layout.legend, x, y))
                g_error ("colour %06x drawn at %d,%d, outside the plot %g,%g %gx%g", p, x, y,
                         r->layout.plot.x, r->layout.plot.y, r->layout.plot.width, r->layout.plot.height);
              inside++;
            }
      }
  g_assert_cmpuint (inside, >, 100);
}

/* Height of the run of @color going up from the bottom of the plot at @x
 * (other colours of the same bar included when listed). */
static int
run_up (Render  *r,
        int      x,
        int      y_from,
        guint32  color)
{
  int n = 0;

  for (int y = y_from; y >= r->layout.plot.y && pixel (r, x, y) == color; y--)
    n++;
  return n;
}

/* Data ------------------------------------------------------------------- */

static void
make_forecast (KamPipelineForecast *fc,
               gboolean             with_targets)
{
  const double won[12] = { 300000, 0, 120000, 40000, 0, 0, 60000, 0, 0, 0, 0, 0 };
  const double open[12] = { 0, 10000, 100000, 0, 200000, 0, 50000, 0, 0, 25000, 0, 0 };

  memset (fc, 0, sizeof *fc);
  fc->period = (KamPeriod) { 2026, 1, 12 };
  fc->n_quarters = 4;
  for (int i = 0; i < 12; i++)
    {
      fc->months[i].won = won[i];
      fc->months[i].weighted_open = open[i];
      fc->month_targets[i] = with_targets ? 150000 : 0;
      fc->quarters[i / 3].won += won[i];
      fc->quarters[i / 3].weighted_open += open[i];
      fc->quarter_targets[i / 3] += fc->month_targets[i];
      fc->won += won[i];
      fc->weighted += open[i];
      fc->target += fc->month_targets[i];
    }
}

static void
make_stages (KamStageTotals stages[KAM_N_STAGES])
{
  const KamStageTotals values[KAM_N_STAGES] = {
    { 12, 800000, 80000 }, { 8, 600000, 120000 }, { 5, 400000, 160000 },
    { 3, 200000, 140000 }, { 4, 300000, 300000 }, { 2, 90000, 0 },
  };

  memcpy (stages, values, sizeof values);
}

static void
make_win_rates (KamPipelineWinRates *rates)
{
  memset (rates, 0, sizeof *rates);
  rates->period = (KamPeriod) { 2026, 1, 12 };
  rates->n_quarters = 4;
  rates->quarters[0] = (KamWinRate) { 3, 1, 300000, 100000, 0.75, 0.75 };
  rates->quarters[1] = (KamWinRate) { 1, 1, 40000, 80000, 0.5, 1.0 / 3.0 };
  rates->quarters[2] = (KamWinRate) { 0, 2, 0, 50000, 0, 0 };
  rates->quarters[3] = (KamWinRate) { 0, 0, 0, 0, -1, -1 };
  rates->total = (KamWinRate) { 4, 4, 340000, 230000, 0.5, 340000.0 / 570000.0 };
}

static void
make_pareto (KamPareto *pareto,
             guint      n)
{
  double running = 0;

  memset (pareto, 0, sizeof *pareto);
  pareto->entries = g_array_new (FALSE, TRUE, sizeof (KamParetoEntry));
  kam_abc_thresholds_init_default (&pareto->thresholds);
  for (guint i = 0; i < n; i++)
    {
      KamParetoEntry e = { 0 };

      e.revenue = 1000000.0 / (i + 1);
      pareto->total += e.revenue;
      g_array_append_val (pareto->entries, e);
    }
  for (guint i = 0; i < n; i++)
    {
      KamParetoEntry *e = &g_array_index (pareto->entries, KamParetoEntry, i);

      running += e->revenue;
      e->cumulative = running / pareto->total;
      e->tier = e->cumulative <= 0.8 ? KAM_TIER_A : e->cumulative <= 0.95 ? KAM_TIER_B : KAM_TIER_C;
    }
}

/* Tests ------------------------------------------------------------------ */

static void
test_forecast_bars (void)
{
  KamPipelineForecast fc;
  KamChartData data = { .kind = KAM_CHART_FORECAST, .forecast = &fc };
  Render r = { 0 };
  guint32 won = kam_chart_color (KAM_CHART_COLOR_WON, FALSE);
  guint32 open = kam_chart_color (KAM_CHART_COLOR_OPEN, FALSE);
  int base, h_won[12], h_open[12];
  double slot;

  make_forecast (&fc, FALSE);
  render (&r, &data, FALSE, "chart-forecast-bars.png");
  g_assert_false (r.layout.empty);
  /* the largest stack is 300,000 (January): the axis tops at a round 300,000 */
  g_assert_cmpfloat (r.layout.y_max, ==, 300000);

  base = (int) (r.layout.plot.y + r.layout.plot.height) - 1;
  slot = r.layout.plot.width / 12;
  for (int i = 0; i < 12; i++)
    {
      int x = (int) (r.layout.plot.x + slot * (i + 0.5));
      double expected_won = r.layout.plot.height * fc.months[i].won / r.layout.y_max;
      double expected_open = r.layout.plot.height * fc.months[i].weighted_open / r.layout.y_max;

      h_won[i] = run_up (&r, x, base, won);
      h_open[i] = run_up (&r, x, base - h_won[i], open);
      g_assert_cmpfloat (ABS (h_won[i] - expected_won), <=, 1.5);
      g_assert_cmpfloat (ABS (h_open[i] - expected_open), <=, 1.5);
    }
  /* proportional: January's won is 2.5 × March's, May's open 2 × March's */
  g_assert_cmpfloat (ABS ((double) h_won[0] / h_won[2] - 2.5), <, 0.05);
  g_assert_cmpfloat (ABS ((double) h_open[4] / h_open[2] - 2.0), <, 0.05);
  assert_marks_inside (&r, FALSE);
  render_clear (&r);

  /* the target: a line across each month at 150,000 of the axis' top */
  make_forecast (&fc, TRUE);
  render (&r, &data, FALSE, "chart-forecast-target.png");
  {
    int x = (int) (r.layout.plot.x + slot * 1.5) + 2;
    int y = (int) (r.layout.plot.y + r.layout.plot.height * (1 - 150000 / r.layout.y_max));
    gboolean found = FALSE;

    for (int dy = -2; dy <= 2; dy++)
      found = found || pixel (&r, x, y + dy) == kam_chart_color (KAM_CHART_COLOR_TARGET, FALSE);
    g_assert_true (found);
  }
  assert_marks_inside (&r, FALSE);
  render_clear (&r);

  data.kind = KAM_CHART_FORECAST_QUARTERS;
  render (&r, &data, TRUE, "chart-forecast-quarters-dark.png");
  {
    /* Q1: won 420,000 under open 110,000; axis top 600,000 */
    int x = (int) (r.layout.plot.x + r.layout.plot.width / 8);
    int b = (int) (r.layout.plot.y + r.layout.plot.height) - 1;
    int hw = run_up (&r, x, b, kam_chart_color (KAM_CHART_COLOR_WON, TRUE));

    g_assert_cmpfloat (r.layout.y_max, ==, 600000);
    g_assert_cmpfloat (ABS (hw - r.layout.plot.height * 420000 / 600000), <=, 1.5);
    g_assert_cmpuint (pixel (&r, 2, 2), ==, kam_chart_color (KAM_CHART_COLOR_BACKGROUND, TRUE));
  }
  assert_marks_inside (&r, TRUE);
  render_clear (&r);
}

static void
test_funnel_widths (void)
{
  KamStageTotals stages[KAM_N_STAGES];
  KamChartData data = { .kind = KAM_CHART_FUNNEL, .stages = stages };
  Render r = { 0 };
  guint32 bg = kam_chart_color (KAM_CHART_COLOR_BACKGROUND, FALSE);
  guint32 open = kam_chart_color (KAM_CHART_COLOR_OPEN, FALSE);

  make_stages (stages);
  render (&r, &data, FALSE, "chart-funnel.png");
  g_assert_cmpfloat (r.layout.y_max, ==, 800000);
  for (int s = 0; s <= KAM_STAGE_CLOSED_WON; s++)
    {
      int y = (int) (r.layout.plot.y + r.layout.plot.height / 5 * (s + 0.5));
      int width = 0, solid = 0;

      for (int x = (int) r.layout.plot.x; x < r.layout.plot.x + r.layout.plot.width; x++)
        {
          guint32 p = pixel (&r, x, y);

          width += p != bg;
          solid += p == open;
        }
      /* the bar's width is the amount, its solid part the weighted amount */
      g_assert_cmpfloat (ABS (width - r.layout.plot.width * stages[s].amount / 800000), <=, 1.5);
      if (s < KAM_STAGE_CLOSED_WON)
        g_assert_cmpfloat (ABS (solid - r.layout.plot.width * stages[s].weighted / 800000), <=, 1.5);
    }
  assert_marks_inside (&r, FALSE);
  render_clear (&r);
}

static void
test_win_rate_bars (void)
{
  KamPipelineWinRates rates;
  KamChartData data = { .kind = KAM_CHART_WIN_RATE, .win_rates = &rates };
  Render r = { 0 };
  guint32 won = kam_chart_color (KAM_CHART_COLOR_WON, FALSE);
  int base, h[2];

  /* bars alone first: the by-amount line would cross them */
  make_win_rates (&rates);
  for (int i = 0; i < 4; i++)
    rates.quarters[i].rate_by_amount = -1;
  render (&r, &data, FALSE, NULL);
  g_assert_cmpfloat (r.layout.y_max, ==, 1.0);
  base = (int) (r.layout.plot.y + r.layout.plot.height) - 1;
  for (int i = 0; i < 2; i++)
    {
      int x = (int) (r.layout.plot.x + r.layout.plot.width / 4 * (i + 0.5));

      h[i] = run_up (&r, x, base, won);
      g_assert_cmpfloat (ABS (h[i] - r.layout.plot.height * rates.quarters[i].rate), <=, 1.5);
    }
  g_assert_cmpfloat (ABS ((double) h[0] / h[1] - 1.5), <, 0.05);
  assert_marks_inside (&r, FALSE);
  render_clear (&r);

  make_win_rates (&rates);
  render (&r, &data, FALSE, "chart-winrate.png");
  assert_marks_inside (&r, FALSE);
  render_clear (&r);
}

static void
test_pareto (void)
{
  KamPareto pareto;
  KamChartData data = { .kind = KAM_CHART_PARETO, .pareto = &pareto };
  Render r = { 0 };
  guint32 open = kam_chart_color (KAM_CHART_COLOR_OPEN, FALSE);
  int base, h0, h1;

  /* 20 accounts, revenue 1/k: bars of the first two in ratio 2:1 */
  make_pareto (&pareto, 20);
  render (&r, &data, FALSE, "chart-pareto.png");
  g_assert_cmpfloat (r.layout.y_max, ==, 1000000);
  base = (int) (r.layout.plot.y + r.layout.plot.height) - 1;
  /* accounts 5 and 10 (revenue 200,000 and 100,000), where the cumulative
   * line runs above the bars */
  h0 = run_up (&r, (int) (r.layout.plot.x + r.layout.plot.width / 20 * 4.5), base, open);
  h1 = run_up (&r, (int) (r.layout.plot.x + r.layout.plot.width / 20 * 9.5), base, open);
  g_assert_cmpfloat (ABS (h0 - r.layout.plot.height * 0.2), <=, 1.5);
  g_assert_cmpfloat (ABS (h1 - r.layout.plot.height * 0.1), <=, 1.5);
  g_assert_cmpfloat (ABS ((double) h0 / h1 - 2.0), <, 0.05);
  /* the A band behind the first accounts (top of the plot, between bars) */
  {
    gboolean band = FALSE;
    for (int x = (int) r.layout.plot.x; x < r.layout.plot.x + r.layout.plot.width / 10; x++)
      band = band || pixel (&r, x, (int) r.layout.plot.y + 1) == kam_chart_color (KAM_CHART_COLOR_BAND_A, FALSE);
    g_assert_true (band);
  }
  assert_marks_inside (&r, FALSE);
  render_clear (&r);
  kam_pareto_clear (&pareto);

  /* more accounts than pixels */
  make_pareto (&pareto, 20000);
  render (&r, &data, FALSE, "chart-pareto-many.png");
  assert_marks_inside (&r, FALSE);
  render_clear (&r);
  kam_pareto_clear (&pareto);
}

/* Hit testing: the centre of each drawn bar (found by its colour) falls on
 * its element, points outside the plot on none. */
static void
assert_hit (const KamChartData *data,
            Render             *r,
            double              x,
            double              y,
            int                 index)
{
  KamChartStyle style;
  KamChartHit hit, again;

  kam_chart_style_init (&style);
  style.background = TRUE;
  g_assert_true (kam_chart_hit_test (data, &style, W, H, x, y, &hit));
  g_assert_cmpint (hit.kind, ==, data->kind);
  g_assert_cmpint (hit.index, ==, index);
  /* the widget's way: the layout of the drawing already made */
  g_assert_true (kam_chart_layout_hit (data, &r->layout, x, y, &again));
  g_assert_cmpint (again.index, ==, index);
  g_assert_cmpint (again.part, ==, hit.part);
}

static void
assert_misses (const KamChartData *data,
               Render             *r)
{
  const KamChartRect *p = &r->layout.plot;
  double outside[][2] = {
    { p->x - 2, p->y + p->height / 2 },            /* left of the plot: axis labels */
    { p->x + p->width + 1, p->y + p->height / 2 }, /* right of it */
    { p->x + p->width / 2, p->y - 2 },             /* above: legend and title */
    { p->x + p->width / 2, p->y + p->height + 2 }, /* below: the axis' labels */
    { 3, 3 },
    { W - 1, H - 1 },
  };
  KamChartStyle style;
  KamChartHit hit;

  kam_chart_style_init (&style);
  style.background = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_assert_false (kam_chart_hit_test (data, &style, W, H, outside[i][0], outside[i][1], &hit));
      g_assert_false (kam_chart_layout_hit (data, &r->layout, outside[i][0], outside[i][1], &hit));
    }
}

static void
test_hit_test (void)
{
  KamStageTotals stages[KAM_N_STAGES];
  KamPipelineForecast fc;
  KamPipelineWinRates rates;
  KamPareto pareto;
  KamChartData data;
  KamChartStyle style;
  KamChartHit hit;
  Render r = { 0 };
  double base;

  /* funnel: the middle of each stage's bar, in its colour */
  make_stages (stages);
  data = (KamChartData) { .kind = KAM_CHART_FUNNEL, .stages = stages };
  render (&r, &data, FALSE, NULL);
  for (int s = 0; s <= KAM_STAGE_CLOSED_WON; s++)
    {
      double x = r.layout.plot.x + r.layout.plot.width / 2;
      double y = r.layout.plot.y + r.layout.plot.height / 5 * (s + 0.5);
      guint32 p = pixel (&r, (int) x, (int) y);

      /* the bar's solid (weighted, won) or pale (amount) part */
      g_assert_cmpuint (p, !=, kam_chart_color (KAM_CHART_COLOR_BACKGROUND, FALSE));
      assert_hit (&data, &r, x, y, s);
    }
  assert_misses (&data, &r);
  render_clear (&r);

  /* forecast by month: the won part and the open part of each bar (no
   * target line across them) */
  make_forecast (&fc, FALSE);
  data = (KamChartData) { .kind = KAM_CHART_FORECAST, .forecast = &fc };
  render (&r, &data, FALSE, NULL);
  base = r.layout.plot.y + r.layout.plot.height;
  kam_chart_style_init (&style);
  style.background = TRUE;
  for (int i = 0; i < 12; i++)
    {
      double x = r.layout.plot.x + r.layout.plot.width / 12 * (i + 0.5);
      double h_won = r.layout.plot.height * fc.months[i].won / r.layout.y_max;
      double h_open = r.layout.plot.height * fc.months[i].weighted_open / r.layout.y_max;

      if (h_won > 4)
        {
          g_assert_cmpuint (pixel (&r, (int) x, (int) (base - h_won / 2)), ==, kam_chart_color (KAM_CHART_COLOR_WON, FALSE));
          assert_hit (&data, &r, x, base - h_won / 2, i);
          g_assert_true (kam_chart_hit_test (&data, &style, W, H, x, base - h_won / 2, &hit));
          g_assert_cmpint (hit.part, ==, KAM_CHART_PART_WON);
        }
      if (h_open > 4)
        {
          double y = base - h_won - h_open / 2;

          g_assert_cmpuint (pixel (&r, (int) x, (int) y), ==, kam_chart_color (KAM_CHART_COLOR_OPEN, FALSE));
          assert_hit (&data, &r, x, y, i);
          g_assert_true (kam_chart_hit_test (&data, &style, W, H, x, y, &hit));
          g_assert_cmpint (hit.part, ==, KAM_CHART_PART_OPEN);
        }
      /* the top of the slot, above the bars: the month, no part */
      assert_hit (&data, &r, x, r.layout.plot.y + 1, i);
    }
  assert_misses (&data, &r);
  render_clear (&r);

  data.kind = KAM_CHART_FORECAST_QUARTERS;
  render (&r, &data, FALSE, NULL);
  for (int q = 0; q < 4; q++)
    assert_hit (&data, &r, r.layout.plot.x + r.layout.plot.width / 4 * (q + 0.5),
                r.layout.plot.y + r.layout.plot.height - 2, q);
  assert_misses (&data, &r);
  render_clear (&r);

  /* win rate by quarter */
  make_win_rates (&rates);
  data = (KamChartData) { .kind = KAM_CHART_WIN_RATE, .win_rates = &rates };
  render (&r, &data, FALSE, NULL);
  for (int q = 0; q < 2; q++)
    {
      double x = r.layout.plot.x + r.layout.plot.width / 4 * (q + 0.5);
      double y = r.layout.plot.y + r.layout.plot.height * (1 - rates.quarters[q].rate / 2);

      g_assert_cmpuint (pixel (&r, (int) x, (int) y), ==, kam_chart_color (KAM_CHART_COLOR_WON, FALSE));
      assert_hit (&data, &r, x, y, q);
    }
  assert_misses (&data, &r);
  render_clear (&r);

  /* Pareto: account 5 and 10 (as in test_pareto) */
  make_pareto (&pareto, 20);
  data = (KamChartData) { .kind = KAM_CHART_PARETO, .pareto = &pareto };
  render (&r, &data, FALSE, NULL);
  base = r.layout.plot.y + r.layout.plot.height;
  for (int i = 4; i < 20; i += 5)
    {
      double x = r.layout.plot.x + r.layout.plot.width / 20 * (i + 0.5);
      double y = base - 2;

      g_assert_cmpuint (pixel (&r, (int) x, (int) y), ==, kam_chart_color (KAM_CHART_COLOR_OPEN, FALSE));
      assert_hit (&data, &r, x, y, i);
    }
  assert_misses (&data, &r);
  render_clear (&r);
  kam_pareto_clear (&pareto);

  /* no data: nothing to hit */
  memset (stages, 0, sizeof stages);
  data = (KamChartData) { .kind = KAM_CHART_FUNNEL, .stages = stages };
  g_assert_false (kam_chart_hit_test (&data, &style, W, H, W / 2, H / 2, &hit));
}

static void
test_no_data (void)
{
  KamStageTotals stages[KAM_N_STAGES] = { { 0 } };
  KamPipelineForecast fc = { .period = { 2026, 1, 12 }, .n_quarters = 4 };
  KamPipelineWinRates rates = { .period = { 2026, 1, 12 }, .n_quarters = 4 };
  KamPareto pareto = { 0 };
  const KamChartData data[] = {
    { .kind = KAM_CHART_FUNNEL, .stages = stages },
    { .kind = KAM_CHART_FORECAST, .forecast = &fc },
    { .kind = KAM_CHART_FORECAST_QUARTERS, .forecast = &fc },
    { .kind = KAM_CHART_WIN_RATE, .win_rates = &rates },
    { .kind = KAM_CHART_PARETO, .pareto = &pareto },
  };

  for (int q = 0; q < 4; q++)
    rates.quarters[q].rate = rates.quarters[q].rate_by_amount = -1;

  for (guint i = 0; i < G_N_ELEMENTS (data); i++)
    {
      g_autofree char *name = g_strdup_printf ("chart-%s-empty.png", kam_chart_kind_to_string (data[i].kind));
      guint32 dim = kam_chart_color (KAM_CHART_COLOR_DIM_TEXT, FALSE);
      Render r = { 0 };
      guint text = 0, marks = 0;

      render (&r, &data[i], FALSE, name);
      g_assert_true (r.layout.empty);
      /* the message in the middle, and not one mark anywhere */
      for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
          {
            guint32 p = pixel (&r, x, y);

            if (p == dim && x > W / 4 && x < 3 * W / 4 && y > H / 3 && y < 3 * H / 4)
              text++;
            marks += p == kam_chart_color (KAM_CHART_COLOR_WON, FALSE)
              || p == kam_chart_color (KAM_CHART_COLOR_OPEN, FALSE)
              || p == kam_chart_color (KAM_CHART_COLOR_LINE, FALSE);
          }
      g_assert_cmpuint (text, >, 50);
      g_assert_cmpuint (marks, ==, 0);
      render_clear (&r);
    }
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_deterministic (void)
{
  KamPipelineForecast fc;
  KamChartData data = { .kind = KAM_CHART_FORECAST, .forecast = &fc };
  g_autoptr(GByteArray) first = g_byte_array_new ();
  g_autoptr(GByteArray) second = g_byte_array_new ();
  Render r = { 0 };

  make_forecast (&fc, TRUE);
  render (&r, &data, FALSE, NULL);
  cairo_surface_write_to_png_stream (r.surface, append_png_cb, first);
  render_clear (&r);
  render (&r, &data, FALSE, NULL);
  cairo_surface_write_to_png_stream (r.surface, append_png_cb, second);
  render_clear (&r);

  g_assert_cmpuint (first->len, >, 1000);
  g_assert_cmpmem (first->data, first->len, second->data, second->len);
}

static void
test_money (void)
{
  const struct {
    double amount;
    const char *currency;
    gboolean compact;
    int chinese;
    const char *expected;
  } cases[] = {
    { 1234567, "CNY", FALSE, 0, "¥1,234,567" },
    { 1234567, "CNY", FALSE, 1, "¥1,234,567" },
    { 1234567, "CNY", TRUE, 0, "¥1.23M" },
    { 1234567, "CNY", TRUE, 1, "¥123万" },
    { 25000, NULL, TRUE, 1, "¥2.5万" },
    { 9500, "CNY", TRUE, 1, "¥9,500" },
    { 150000000, "CNY", TRUE, 1, "¥1.5亿" },
    { 150000000, "CNY", TRUE, 0, "¥150M" },
    { 2500000000.0, "USD", TRUE, 0, "$2.5B" },
    { -2000, "EUR", TRUE, 0, "-€2K" },
    { 0, "CNY", TRUE, 1, "¥0" },
    { 999, "CHF", FALSE, 0, "CHF 999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kam_chart_format_money (cases[i].amount, cases[i].currency,
                                                      cases[i].compact, cases[i].chinese);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_ticks (void)
{
  double top, step;
  int n;

  step = kam_chart_nice_ticks (1234, 5, &top, &n);
  g_assert_cmpfloat (step, ==, 250);
  g_assert_cmpfloat (top, ==, 1250);
  g_assert_cmpint (n, ==, 5);

  step = kam_chart_nice_ticks (100, 5, &top, &n);
  g_assert_cmpfloat (step, ==, 20);
  g_assert_cmpfloat (top, ==, 100);

  step = kam_chart_nice_ticks (530000, 5, &top, &n);
  g_assert_cmpfloat (step, ==, 200000);
  g_assert_cmpfloat (top, ==, 600000);
  g_assert_cmpint (n, ==, 3);

  step = kam_chart_nice_ticks (0, 5, &top, &n);
  g_assert_cmpfloat (top, >, 0);
  g_assert_cmpfloat (top, ==, step * n);
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kam-charts-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "f.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "f.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "f.PDF", NULL);
  g_autofree char *bad = g_build_filename (dir, "f.gif", NULL);
  g_autofree char *contents = NULL;
  KamStageTotals stages[KAM_N_STAGES];
  KamChartData data = { .kind = KAM_CHART_FUNNEL, .stages = stages };
  KamChartStyle style;
  cairo_surface_t *surface;
  gsize length;

  make_stages (stages);
  kam_chart_style_init (&style);

  g_assert_true (kam_chart_export (&data, &style, png, 640, 400, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  cairo_surface_destroy (surface);

  g_assert_true (kam_chart_export (&data, &style, svg, 640, 400, &error));
  g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"640"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (kam_chart_export (&data, &style, pdf, 640, 400, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* the trailer ends the file ("%%EOF" and a newline) */
  g_assert_cmpuint (length, >, 16);
  g_assert_nonnull (g_strstr_len (contents + length - 8, 8, "%%EOF"));

  g_assert_false (kam_chart_export (&data, &style, bad, 640, 400, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kam/charts/pipeline/forecast-bars", test_forecast_bars);
  g_test_add_func ("/kam/charts/pipeline/funnel-widths", test_funnel_widths);
  g_test_add_func ("/kam/charts/pipeline/win-rate-bars", test_win_rate_bars);
  g_test_add_func ("/kam/charts/pipeline/pareto", test_pareto);
  g_test_add_func ("/kam/charts/pipeline/no-data", test_no_data);
  g_test_add_func ("/kam/charts/pipeline/hit-test", test_hit_test);
  g_test_add_func ("/kam/charts/pipeline/deterministic", test_deterministic);
  g_test_add_func ("/kam/charts/pipeline/money", test_money);
  g_test_add_func ("/kam/charts/pipeline/ticks", test_ticks);
  g_test_add_func ("/kam/charts/pipeline/export", test_export);

  status = g_test_run ();

  /* Pango's and Cairo's font caches live as long as the process: free them
   * so that LeakSanitizer sees only what the charts might leak. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
