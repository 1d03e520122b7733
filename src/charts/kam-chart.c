/* kam-chart.c — the four pipeline charts
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame of every chart: the title on the first line (a summary at its
 * right), the legend on the second, then the plot with its axes.  Marks are
 * clipped to the plot; labels go in the margins.
 */
#define G_LOG_DOMAIN "kam-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "kam-chart.h"

#define FONT_FAMILY "Cantarell, Noto Sans CJK SC, Noto Sans, DejaVu Sans, sans-serif"

typedef struct {
  cairo_t             *cr;
  const KamChartData  *data;
  const KamChartStyle *style;
  KamChartLayout      *layout;
  double               width;
  double               height;
  double               font;   /* body text size, px */
  double               pad;
  int                  chinese;
} Chart;

typedef struct {
  KamChartColor color;
  const char   *label;
  gboolean      line;    /* a line, not a box */
  double        alpha;   /* 0: opaque */
} LegendItem;

/* Drawing helpers --------------------------------------------------------- */

static void
set_color (Chart         *c,
           KamChartColor  color,
           double         alpha)
{
  guint32 rgb = kam_chart_color (color, c->style->dark);

  cairo_set_source_rgba (c->cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static PangoLayout *
text_layout (Chart      *c,
             const char *text,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (c->cr);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
text_width (Chart      *c,
            const char *text,
            double      size,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = text_layout (c, text, size, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Draws @text with its box aligned at (x, y): @ax, @ay 0 = left/top,
 * 0.5 = centre, 1 = right/bottom.  Returns the width. */
static double
draw_text (Chart         *c,
           const char    *text,
           double         x,
           double         y,
           double         ax,
           double         ay,
           double         size,
           gboolean       bold,
           KamChartColor  color)
{
  g_autoptr(PangoLayout) layout = text_layout (c, text, size, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  set_color (c, color, 1.0);
  cairo_move_to (c->cr, round (x - ax * w), round (y - ay * h));
  pango_cairo_show_layout (c->cr, layout);
  return w;
}

static char *
money (Chart    *c,
       double    amount,
       gboolean  compact)
{
  return kam_chart_format_money (amount, c->data->currency, compact, c->chinese);
}

static void
draw_title (Chart      *c,
            const char *summary)
{
  const char *title = c->style->title ? c->style->title : kam_chart_kind_title (c->data->kind);
  double title_w = draw_text (c, title, c->pad, c->pad, 0, 0, c->font * 1.3, TRUE, KAM_CHART_COLOR_TEXT);

  double right = c->width - c->pad - MAX (0, c->style->inset_right);

  if (summary != NULL
      && text_width (c, summary, c->font, FALSE) + title_w + 2 * c->pad < right)
    draw_text (c, summary, right, c->pad + c->font * 0.25, 1, 0, c->font, FALSE,
               KAM_CHART_COLOR_DIM_TEXT);
}

/* The legend in one line at @y; records its box. */
static void
draw_legend (Chart            *c,
             const LegendItem *items,
             guint             n_items,
             double            y)
{
  double x = c->pad;
  double box = c->font * 0.8;

  for (guint i = 0; i < n_items; i++)
    {
      double cy = y + c->font * 0.7;

      set_color (c, items[i].color, items[i].alpha > 0 ? items[i].alpha : 1.0);
      if (items[i].line)
        {
          cairo_set_line_width (c->cr, 2.5);
          cairo_move_to (c->cr, x, round (cy) + 0.5);
          cairo_line_to (c->cr, x + box * 1.5, round (cy) + 0.5);
          cairo_stroke (c->cr);
          x += box * 1.5;
        }
      else
        {
          cairo_rectangle (c->cr, x, round (cy - box / 2), box, box);
          cairo_fill (c->cr);
          x += box;
        }
      x += c->font * 0.4;
      x += draw_text (c, items[i].label, x, y, 0, 0, c->font, FALSE, KAM_CHART_COLOR_DIM_TEXT);
      x += c->font * 1.4;
    }

  c->layout->legend = (KamChartRect) { c->pad, y, x - c->pad, c->font * 1.4 };
}

/* The plot below the legend, with margins for the axis labels. */
static KamChartRect
plot_rect (Chart  *c,
           double  left,
           double  right,
           double  bottom)
{
  double top = c->pad + c->font * 1.3 * 1.4 + c->font * 0.6 + c->font * 1.4 + c->font;
  KamChartRect r;

  r.x = round (c->pad + left);
  r.y = round (top);
  r.width = MAX (1, round (c->width - c->pad - right - r.x));
  r.height = MAX (1, round (c->height - c->pad - bottom - r.y));
  c->layout->plot = r;
  return r;
}

static double
legend_y (Chart *c)
{
  return c->pad + c->font * 1.3 * 1.4 + c->font * 0.6;
}

static void
draw_no_data (Chart      *c,
              const char *hint)
{
  double cx = c->width / 2, cy = (c->height + legend_y (c)) / 2;

  c->layout->empty = TRUE;
  draw_title (c, NULL);
  draw_text (c, _("No data"), cx, cy, 0.5, 1, c->font * 1.6, TRUE, KAM_CHART_COLOR_DIM_TEXT);
  draw_text (c, hint, cx, cy + c->font * 0.4, 0.5, 0, c->font, FALSE, KAM_CHART_COLOR_DIM_TEXT);
}

/* Horizontal grid lines and their labels left (or right) of the plot. */
static void
draw_value_axis (Chart              *c,
                 const KamChartRect *plot,
                 double              top,
                 int                 n_steps,
                 gboolean            percent,
                 gboolean            right_side,
                 gboolean            grid)
{
  for (int i = 0; i <= n_steps; i++)
    {
      double value = top * i / n_steps;
      double y = round (plot->y + plot->height - plot->height * i / n_steps) + 0.5;
      g_autofree char *label = percent ? g_strdup_printf ("%.0f%%", value * 100) : money (c, value, TRUE);

      if (grid)
        {
          set_color (c, i == 0 ? KAM_CHART_COLOR_DIM_TEXT : KAM_CHART_COLOR_GRID, 1.0);
          cairo_set_line_width (c->cr, 1);
          cairo_move_to (c->cr, plot->x, y);
          cairo_line_to (c->cr, plot->x + plot->width, y);
          cairo_stroke (c->cr);
        }
      if (right_side)
        draw_text (c, label, plot->x + plot->width + c->font * 0.5, y, 0, 0.5, c->font * 0.9, FALSE,
                   KAM_CHART_COLOR_DIM_TEXT);
      else
        draw_text (c, label, plot->x - c->font * 0.5, y, 1, 0.5, c->font * 0.9, FALSE,
                   KAM_CHART_COLOR_DIM_TEXT);
    }
}

static double
widest_money_label (Chart  *c,
                    double  top,
                    int     n_steps)
{
  double widest = 0;

  for (int i = 0; i <= n_steps; i++)
    {
      g_autofree char *label = money (c, top * i / n_steps, TRUE);
      widest = MAX (widest, text_width (c, label, c->font * 0.9, FALSE));
    }
  return widest;
}

static void
clip_to (Chart              *c,
         const KamChartRect *r)
{
  cairo_save (c->cr);
  cairo_rectangle (c->cr, r->x, r->y, r->width, r->height);
  cairo_clip (c->cr);
}

/* Geometry of the marks -------------------------------------------------- */

/* Drawing and hit testing place the elements by these functions only: from
 * the layout (plot, y_max, font) and the data. */

static int
n_elements (const KamChartData *data)
{
  switch (data->kind)
    {
    case KAM_CHART_FUNNEL:
      return data->stages ? KAM_STAGE_CLOSED_WON + 1 : 0;  /* lost is in the summary */
    case KAM_CHART_FORECAST:
      return data->forecast ? data->forecast->period.n_months : 0;
    case KAM_CHART_FORECAST_QUARTERS:
      return data->forecast ? (int) data->forecast->n_quarters : 0;
    case KAM_CHART_WIN_RATE:
      return data->win_rates ? (int) data->win_rates->n_quarters : 0;
    case KAM_CHART_PARETO:
      return data->pareto && data->pareto->entries ? (int) data->pareto->entries->len : 0;
    default:
      return 0;
    }
}

/* The row (funnel) or column of element @i of @n. */
static KamChartRect
element_slot (const KamChartData   *data,
              const KamChartLayout *layout,
              int                   n,
              int                   i)
{
  const KamChartRect *p = &layout->plot;

  if (data->kind == KAM_CHART_FUNNEL)
    return (KamChartRect) { p->x, p->y + p->height * i / n, p->width, p->height / n };
  return (KamChartRect) { p->x + p->width * i / n, p->y, p->width / n, p->height };
}

/* The bars of element @i: @marks[0] the main one (funnel: amount; forecast:
 * closed won; win rate; Pareto: revenue), @marks[1] the second (funnel:
 * weighted, inside the first; forecast: weighted open, on the first), empty
 * when none. */
static void
element_marks (const KamChartData   *data,
               const KamChartLayout *layout,
               int                   n,
               int                   i,
               KamChartRect          marks[2])
{
  const KamChartRect *p = &layout->plot;
  KamChartRect slot = element_slot (data, layout, n, i);
  double top = layout->y_max, base = p->y + p->height;
  double cx = slot.x + slot.width / 2, cy = slot.y + slot.height / 2;

  memset (marks, 0, 2 * sizeof (KamChartRect));
  if (!(top > 0))
    return;

  switch (data->kind)
    {
    case KAM_CHART_FUNNEL:
      {
        double bar_h = MIN (slot.height * 0.72, layout->font * 3.5);
        double w = p->width * data->stages[i].amount / top;
        double ww = i < KAM_STAGE_CLOSED_WON ? p->width * data->stages[i].weighted / top : 0;

        marks[0] = (KamChartRect) { round (p->x + (p->width - w) / 2), round (cy - bar_h / 2), round (w), round (bar_h) };
        if (ww > 0)
          marks[1] = (KamChartRect) { round (p->x + (p->width - ww) / 2), round (cy - bar_h / 2), round (ww), round (bar_h) };
      }
      break;
    case KAM_CHART_FORECAST:
    case KAM_CHART_FORECAST_QUARTERS:
      {
        const KamForecastBucket *b = data->kind == KAM_CHART_FORECAST ? &data->forecast->months[i]
                                                                      : &data->forecast->quarters[i];
        double bw = MAX (1, round (slot.width * 0.62));
        double x = round (cx - bw / 2);
        double y_won = round (base - p->height * b->won / top);
        double y_open = round (base - p->height * (b->won + b->weighted_open) / top);

        marks[0] = (KamChartRect) { x, y_won, bw, base - y_won };
        marks[1] = (KamChartRect) { x, y_open, bw, y_won - y_open };
      }
      break;
    case KAM_CHART_WIN_RATE:
      {
        const KamWinRate *q = &data->win_rates->quarters[i];
        double bw = MAX (1, round (MIN (slot.width * 0.5, layout->font * 6)));
        double y = round (base - p->height * q->rate);

        if (q->rate >= 0)
          marks[0] = (KamChartRect) { round (cx - bw / 2), y, bw, base - y };
      }
      break;
    case KAM_CHART_PARETO:
      {
        const KamParetoEntry *e = &g_array_index (data->pareto->entries, KamParetoEntry, i);
        double h = round (p->height * MAX (0, e->revenue) / top);
        double bw = MAX (1, round (slot.width * 0.8));

        marks[0] = (KamChartRect) { round (cx - bw / 2), base - h, bw, h };
      }
      break;
    default:
      break;
    }
}

static gboolean
rect_contains (const KamChartRect *r,
               double              x,
               double              y)
{
  return r->width > 0 && r->height > 0 && x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

int
kam_chart_n_elements (const KamChartData *data)
{
  return n_elements (data);
}

gboolean
kam_chart_layout_element (const KamChartData   *data,
                          const KamChartLayout *layout,
                          int                   index,
                          KamChartHit          *hit)
{
  int n = n_elements (data);
  KamChartRect marks[2];

  g_return_val_if_fail (data != NULL && layout != NULL && hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  if (layout->empty || index < 0 || index >= n)
    return FALSE;
  element_marks (data, layout, n, index, marks);
  hit->kind = data->kind;
  hit->index = index;
  hit->slot = element_slot (data, layout, n, index);
  hit->mark = marks[0];
  return TRUE;
}

gboolean
kam_chart_layout_hit (const KamChartData   *data,
                      const KamChartLayout *layout,
                      double                x,
                      double                y,
                      KamChartHit          *hit)
{
  int n = n_elements (data), i;
  KamChartRect marks[2];

  g_return_val_if_fail (data != NULL && layout != NULL && hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  if (layout->empty || n <= 0 || !rect_contains (&layout->plot, x, y))
    return FALSE;

  if (data->kind == KAM_CHART_FUNNEL)
    i = (int) floor ((y - layout->plot.y) * n / layout->plot.height);
  else
    i = (int) floor ((x - layout->plot.x) * n / layout->plot.width);
  if (!kam_chart_layout_element (data, layout, CLAMP (i, 0, n - 1), hit))
    return FALSE;
  if (data->kind == KAM_CHART_FORECAST || data->kind == KAM_CHART_FORECAST_QUARTERS)
    {
      element_marks (data, layout, n, hit->index, marks);
      hit->part = rect_contains (&marks[0], x, y) ? KAM_CHART_PART_WON
                  : rect_contains (&marks[1], x, y) ? KAM_CHART_PART_OPEN : KAM_CHART_PART_NONE;
    }
  return TRUE;
}

gboolean
kam_chart_hit_test (const KamChartData  *data,
                    const KamChartStyle *style,
                    double               width,
                    double               height,
                    double               x,
                    double               y,
                    KamChartHit         *hit)
{
  /* the layout of a drawing into a surface of one pixel: the text is
   * measured as it is when drawn, nothing is painted but that pixel */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  KamChartLayout layout;
  gboolean found;

  kam_chart_draw (cr, width, height, data, style, &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  found = kam_chart_layout_hit (data, &layout, x, y, hit);
  return found;
}

char *
kam_chart_hit_describe (const KamChartData *data,
                        const KamChartHit  *hit)
{
  int i = hit->index;

  g_return_val_if_fail (i >= 0 && i < n_elements (data), NULL);

  switch (data->kind)
    {
    case KAM_CHART_FUNNEL:
      {
        g_autofree char *amount = kam_chart_format_money (data->stages[i].amount, data->currency, TRUE, -1);
        g_autofree char *deals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d deal · %s", "%d deals · %s",
                                                               data->stages[i].count), data->stages[i].count, amount);

        /* TRANSLATORS: a label and its value, as "Negotiation: 3 deals · ¥1.2M" */
        return g_strdup_printf (_("%s: %s"), kam_enum_to_label (KAM_TYPE_STAGE, i), deals);
      }
    case KAM_CHART_FORECAST:
    case KAM_CHART_FORECAST_QUARTERS:
      {
        gboolean quarters = data->kind == KAM_CHART_FORECAST_QUARTERS;
        const KamForecastBucket *b = quarters ? &data->forecast->quarters[i] : &data->forecast->months[i];
        g_autofree char *won = kam_chart_format_money (b->won, data->currency, TRUE, -1);
        g_autofree char *open = kam_chart_format_money (b->weighted_open, data->currency, TRUE, -1);
        g_autofree char *when = NULL;
        int year, month;

        kam_period_month (&data->forecast->period, quarters ? 3 * i : i, &year, &month);
        if (quarters)
          /* TRANSLATORS: a quarter of a (fiscal) year: Q1, Q2 ... */
          when = g_strdup_printf (_("Q%d"), i + 1);
        else
          {
            g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, 1, 0, 0, 0);
            /* TRANSLATORS: a month and its year, as g_date_time_format() writes it */
            /* xgettext:no-c-format */
            when = g_date_time_format (date, _("%B %Y"));
          }
        /* TRANSLATORS: a month or quarter, then money */
        return g_strdup_printf (_("%s: won %s, weighted open %s"), when, won, open);
      }
    case KAM_CHART_WIN_RATE:
      {
        const KamWinRate *q = &data->win_rates->quarters[i];

        if (q->rate < 0)
          /* TRANSLATORS: a quarter of a (fiscal) year: Q1, Q2 ... */
          return g_strdup_printf (_("Q%d: no deal closed"), i + 1);
        /* TRANSLATORS: a quarter, a percentage, then counts of deals */
        return g_strdup_printf (_("Q%d: %.0f%% won, %d of %d closed deals"), i + 1, q->rate * 100, q->won_count,
                                q->won_count + q->lost_count);
      }
    case KAM_CHART_PARETO:
      {
        const KamParetoEntry *e = &g_array_index (data->pareto->entries, KamParetoEntry, i);
        g_autofree char *revenue = kam_chart_format_money (e->revenue, data->currency, TRUE, -1);

        /* TRANSLATORS: an account, its tier ("Tier A"), its revenue, the cumulative share */
        return g_strdup_printf (_("%s (%s): %s, %.0f%% of the total with those before"), e->name,
                                kam_enum_to_label (KAM_TYPE_TIER, e->tier), revenue, e->cumulative * 100);
      }
    default:
      return NULL;
    }
}

/* Funnel ------------------------------------------------------------------ */

static void
draw_funnel (Chart *c)
{
  const KamStageTotals *stages = c->data->stages;
  const LegendItem legend[] = {
    { KAM_CHART_COLOR_OPEN, N_("Amount"), FALSE, 0.4 },
    { KAM_CHART_COLOR_OPEN, N_("Weighted amount"), FALSE, 1.0 },
    { KAM_CHART_COLOR_WON, N_("Closed won"), FALSE, 1.0 },
  };
  LegendItem items[G_N_ELEMENTS (legend)];
  const int n_rows = KAM_STAGE_CLOSED_WON + 1;  /* lost is in the summary */
  double max = 0, left = 0, right = 0, open_amount = 0;
  g_autofree char *summary = NULL;
  g_autofree char *lost = NULL;
  KamChartRect plot;
  int count = 0;

  for (int s = 0; s < KAM_N_STAGES; s++)
    count += stages[s].count;
  if (count == 0)
    {
      draw_no_data (c, _("There are no opportunities for these filters."));
      return;
    }

  for (int s = 0; s < n_rows; s++)
    {
      g_autofree char *amount = money (c, stages[s].amount, TRUE);
      g_autofree char *value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d deal · %s", "%d deals · %s",
                                                             stages[s].count), stages[s].count, amount);

      max = MAX (max, stages[s].amount);
      if (s < KAM_STAGE_CLOSED_WON)
        open_amount += stages[s].weighted;
      left = MAX (left, text_width (c, kam_enum_to_label (KAM_TYPE_STAGE, s), c->font, TRUE));
      right = MAX (right, text_width (c, value, c->font, FALSE));
    }

  lost = money (c, stages[KAM_STAGE_CLOSED_LOST].amount, TRUE);
  {
    g_autofree char *weighted = money (c, open_amount, TRUE);
    summary = g_strdup_printf (_("Weighted open: %s · Lost: %d (%s)"), weighted,
                               stages[KAM_STAGE_CLOSED_LOST].count, lost);
  }
  draw_title (c, summary);
  for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
    items[i] = (LegendItem) { legend[i].color, _(legend[i].label), legend[i].line, legend[i].alpha };
  draw_legend (c, items, G_N_ELEMENTS (items), legend_y (c));

  plot = plot_rect (c, left + c->font, right + c->font, 0);
  c->layout->y_max = max;

  for (int s = 0; s < n_rows; s++)
    {
      KamChartRect slot = element_slot (c->data, c->layout, n_rows, s);
      KamChartRect marks[2];
      double cy = slot.y + slot.height / 2;
      g_autofree char *amount = money (c, stages[s].amount, TRUE);
      g_autofree char *value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d deal · %s", "%d deals · %s",
                                                             stages[s].count), stages[s].count, amount);
      KamChartColor color = s == KAM_STAGE_CLOSED_WON ? KAM_CHART_COLOR_WON : KAM_CHART_COLOR_OPEN;

      draw_text (c, kam_enum_to_label (KAM_TYPE_STAGE, s), plot.x - c->font, cy, 1, 0.5, c->font, TRUE,
                 KAM_CHART_COLOR_TEXT);
      draw_text (c, value, plot.x + plot.width + c->font, cy, 0, 0.5, c->font, FALSE, KAM_CHART_COLOR_DIM_TEXT);

      element_marks (c->data, c->layout, n_rows, s, marks);
      clip_to (c, &plot);
      /* amount: the pale bar; weighted amount: the solid bar inside it */
      set_color (c, color, s == KAM_STAGE_CLOSED_WON ? 1.0 : 0.4);
      cairo_rectangle (c->cr, marks[0].x, marks[0].y, marks[0].width, marks[0].height);
      cairo_fill (c->cr);
      if (marks[1].width > 0)
        {
          set_color (c, color, 1.0);
          cairo_rectangle (c->cr, marks[1].x, marks[1].y, marks[1].width, marks[1].height);
          cairo_fill (c->cr);
        }
      cairo_restore (c->cr);
    }
}

/* Forecast ---------------------------------------------------------------- */

static char *
bucket_label (Chart                     *c,
              const KamPipelineForecast *fc,
              gboolean                   quarters,
              int                        i)
{
  int year, month;

  if (quarters)
    {
      kam_period_month (&fc->period, i * 3, &year, &month);
      /* TRANSLATORS: a quarter of a (fiscal) year: Q1, Q2 ... */
      return g_strdup_printf (_("Q%d"), i + 1);
    }
  else
    {
      g_autoptr(GDateTime) date = NULL;

      kam_period_month (&fc->period, i, &year, &month);
      date = g_date_time_new_utc (year, month, 1, 0, 0, 0);
      return g_date_time_format (date, "%b");
    }
}

static void
draw_forecast (Chart    *c,
               gboolean  quarters)
{
  const KamPipelineForecast *fc = c->data->forecast;
  const KamForecastBucket *buckets = quarters ? fc->quarters : fc->months;
  const double *targets = quarters ? fc->quarter_targets : fc->month_targets;
  int n = quarters ? (int) fc->n_quarters : fc->period.n_months;
  LegendItem items[] = {
    { KAM_CHART_COLOR_WON, _("Closed won"), FALSE },
    { KAM_CHART_COLOR_OPEN, _("Weighted open"), FALSE },
    { KAM_CHART_COLOR_TARGET, _("Target"), TRUE },
  };
  double max = 0, top, slot;
  g_autofree char *summary = NULL;
  KamChartRect plot;
  gboolean any = FALSE;
  int n_steps;

  for (int i = 0; i < n; i++)
    {
      max = MAX (max, buckets[i].won + buckets[i].weighted_open);
      max = MAX (max, targets[i]);
      any = any || buckets[i].won > 0 || buckets[i].weighted_open > 0;
    }
  if (!any || n <= 0)
    {
      draw_no_data (c, _("No deal was won or is expected to close in this period."));
      return;
    }

  {
    g_autofree char *won = money (c, fc->won, TRUE);
    g_autofree char *open = money (c, fc->weighted, TRUE);
    g_autofree char *target = money (c, fc->target, TRUE);
    summary = g_strdup_printf (_("Won %s + weighted %s of target %s"), won, open, target);
  }
  draw_title (c, summary);
  draw_legend (c, items, fc->target > 0 ? 3 : 2, legend_y (c));

  kam_chart_nice_ticks (max, 5, &top, &n_steps);
  plot = plot_rect (c, widest_money_label (c, top, n_steps) + c->font * 0.5, c->font, c->font * 1.8);
  c->layout->y_max = top;
  draw_value_axis (c, &plot, top, n_steps, FALSE, FALSE, TRUE);

  slot = plot.width / n;
  for (int i = 0; i < n; i++)
    {
      g_autofree char *label = bucket_label (c, fc, quarters, i);
      double cx = plot.x + slot * (i + 0.5);
      double base = plot.y + plot.height;
      KamChartRect marks[2];

      draw_text (c, label, cx, base + c->font * 0.5, 0.5, 0, c->font * 0.9, FALSE, KAM_CHART_COLOR_DIM_TEXT);

      element_marks (c->data, c->layout, n, i, marks);
      clip_to (c, &plot);
      set_color (c, KAM_CHART_COLOR_WON, 1.0);
      cairo_rectangle (c->cr, marks[0].x, marks[0].y, marks[0].width, marks[0].height);
      cairo_fill (c->cr);
      set_color (c, KAM_CHART_COLOR_OPEN, 1.0);
      cairo_rectangle (c->cr, marks[1].x, marks[1].y, marks[1].width, marks[1].height);
      cairo_fill (c->cr);
      if (targets[i] > 0)
        {
          double ty = round (base - plot.height * targets[i] / top) + 0.5;

          set_color (c, KAM_CHART_COLOR_TARGET, 1.0);
          cairo_set_line_width (c->cr, 2.5);
          cairo_move_to (c->cr, round (cx - slot * 0.45), ty);
          cairo_line_to (c->cr, round (cx + slot * 0.45), ty);
          cairo_stroke (c->cr);
        }
      cairo_restore (c->cr);
    }
}

/* Win rate ---------------------------------------------------------------- */

static void
draw_win_rate (Chart *c)
{
  const KamPipelineWinRates *rates = c->data->win_rates;
  LegendItem items[] = {
    { KAM_CHART_COLOR_WON, _("Deals won of deals closed"), FALSE },
    { KAM_CHART_COLOR_LINE, _("By amount"), TRUE },
  };
  g_autofree char *summary = NULL;
  KamChartRect plot;
  gboolean any = FALSE;
  double slot, prev_x = 0, prev_y = 0;
  gboolean have_prev = FALSE;
  int n = rates->n_quarters;

  for (int i = 0; i < n; i++)
    any = any || rates->quarters[i].rate >= 0;
  if (!any)
    {
      draw_no_data (c, _("No deal was won or lost in this period."));
      return;
    }

  summary = g_strdup_printf (_("%.0f%% of %d closed deals"), rates->total.rate * 100,
                             rates->total.won_count + rates->total.lost_count);
  draw_title (c, summary);
  draw_legend (c, items, G_N_ELEMENTS (items), legend_y (c));

  plot = plot_rect (c, text_width (c, "100%", c->font * 0.9, FALSE) + c->font * 0.5, c->font, c->font * 1.8);
  c->layout->y_max = 1.0;
  draw_value_axis (c, &plot, 1.0, 5, TRUE, FALSE, TRUE);

  slot = plot.width / n;
  for (int i = 0; i < n; i++)
    {
      const KamWinRate *q = &rates->quarters[i];
      /* TRANSLATORS: a quarter of a (fiscal) year: Q1, Q2 ... */
      g_autofree char *label = g_strdup_printf (_("Q%d"), i + 1);
      double cx = plot.x + slot * (i + 0.5);
      double base = plot.y + plot.height;
      KamChartRect marks[2];

      draw_text (c, label, cx, base + c->font * 0.5, 0.5, 0, c->font * 0.9, FALSE, KAM_CHART_COLOR_DIM_TEXT);
      if (q->rate < 0)
        {
          draw_text (c, _("none closed"), cx, base - c->font * 0.3, 0.5, 1, c->font * 0.9, FALSE,
                     KAM_CHART_COLOR_DIM_TEXT);
          continue;
        }

      {
        double y;
        g_autofree char *value = g_strdup_printf ("%.0f%% (%d/%d)", q->rate * 100, q->won_count,
                                                  q->won_count + q->lost_count);

        element_marks (c->data, c->layout, n, i, marks);
        y = marks[0].y;
        clip_to (c, &plot);
        set_color (c, KAM_CHART_COLOR_WON, 1.0);
        cairo_rectangle (c->cr, marks[0].x, marks[0].y, marks[0].width, marks[0].height);
        cairo_fill (c->cr);
        cairo_restore (c->cr);
        if (y - c->font * 1.5 > plot.y)
          draw_text (c, value, cx, y - c->font * 0.3, 0.5, 1, c->font * 0.9, TRUE, KAM_CHART_COLOR_TEXT);
        else
          draw_text (c, value, cx, y + c->font * 0.3, 0.5, 0, c->font * 0.9, TRUE, KAM_CHART_COLOR_BACKGROUND);
      }

      if (q->rate_by_amount >= 0)
        {
          double y = base - plot.height * q->rate_by_amount;

          clip_to (c, &plot);
          set_color (c, KAM_CHART_COLOR_LINE, 1.0);
          cairo_set_line_width (c->cr, 2.5);
          if (have_prev)
            {
              cairo_move_to (c->cr, prev_x, prev_y);
              cairo_line_to (c->cr, cx, y);
              cairo_stroke (c->cr);
            }
          cairo_arc (c->cr, cx, y, c->font * 0.3, 0, 2 * G_PI);
          cairo_fill (c->cr);
          cairo_restore (c->cr);
          prev_x = cx;
          prev_y = y;
          have_prev = TRUE;
        }
    }
}

/* Pareto ------------------------------------------------------------------ */

static void
draw_pareto (Chart *c)
{
  const KamPareto *pareto = c->data->pareto;
  guint n = pareto->entries ? pareto->entries->len : 0;
  LegendItem items[] = {
    { KAM_CHART_COLOR_OPEN, _("Revenue this year"), FALSE },
    { KAM_CHART_COLOR_LINE, _("Cumulative share"), TRUE },
  };
  const KamChartColor bands[KAM_N_TIERS] = { KAM_CHART_COLOR_BAND_A, KAM_CHART_COLOR_BAND_B, KAM_CHART_COLOR_BAND_C };
  guint band_start[KAM_N_TIERS + 1] = { 0, n, n, n };
  g_autofree char *summary = NULL;
  g_autofree char *total = NULL;
  double max = 0, top, before = 0, slot, right;
  KamChartRect plot;
  int n_steps;

  if (n == 0 || !(pareto->total > 0))
    {
      draw_no_data (c, _("No account has revenue this year."));
      return;
    }

  /* the bands by the rule of kam_abc_classify(), ignoring pinned tiers */
  for (guint i = 0; i < n; i++)
    {
      const KamParetoEntry *e = &g_array_index (pareto->entries, KamParetoEntry, i);
      double slack = 1e-9 * pareto->total;

      max = MAX (max, e->revenue);
      if (band_start[2] == n && before >= pareto->thresholds.b * pareto->total - slack)
        band_start[2] = i;
      if (band_start[1] == n && before >= pareto->thresholds.a * pareto->total - slack)
        band_start[1] = i;
      if (e->revenue > 0)
        before += e->revenue;
    }
  band_start[1] = MIN (band_start[1], band_start[2]);
  band_start[3] = n;

  total = money (c, pareto->total, TRUE);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account · %s", "%u accounts · %s", n), n, total);
  draw_title (c, summary);
  draw_legend (c, items, G_N_ELEMENTS (items), legend_y (c));

  kam_chart_nice_ticks (max, 5, &top, &n_steps);
  right = text_width (c, "100%", c->font * 0.9, FALSE) + c->font * 0.5;
  plot = plot_rect (c, widest_money_label (c, top, n_steps) + c->font * 0.5, right, c->font * 3.2);
  c->layout->y_max = top;
  slot = plot.width / n;

  /* tier bands behind everything, labelled at their top */
  for (int t = 0; t < KAM_N_TIERS; t++)
    {
      double x0 = plot.x + slot * band_start[t], x1 = plot.x + slot * band_start[t + 1];
      const char *names[] = { "A", "B", "C" };

      if (band_start[t + 1] <= band_start[t])
        continue;
      clip_to (c, &plot);
      set_color (c, bands[t], 1.0);
      cairo_rectangle (c->cr, round (x0), plot.y, round (x1) - round (x0), plot.height);
      cairo_fill (c->cr);
      cairo_restore (c->cr);
      if (x1 - x0 > c->font * 1.5)
        draw_text (c, names[t], (x0 + x1) / 2, plot.y + c->font * 0.3, 0.5, 0, c->font * 1.2, TRUE,
                   KAM_CHART_COLOR_DIM_TEXT);
    }

  draw_value_axis (c, &plot, top, n_steps, FALSE, FALSE, TRUE);
  draw_value_axis (c, &plot, 1.0, 5, TRUE, TRUE, FALSE);

  /* x axis: share of the accounts */
  for (int i = 0; i <= 5; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d%%", i * 20);
      draw_text (c, label, plot.x + plot.width * i / 5, plot.y + plot.height + c->font * 0.5,
                 i == 0 ? 0 : i == 5 ? 1 : 0.5, 0, c->font * 0.9, FALSE, KAM_CHART_COLOR_DIM_TEXT);
    }
  draw_text (c, _("Share of accounts, largest revenue first"), plot.x + plot.width / 2, plot.y + plot.height + c->font * 1.9,
             0.5, 0, c->font * 0.9, FALSE, KAM_CHART_COLOR_DIM_TEXT);

  clip_to (c, &plot);
  set_color (c, KAM_CHART_COLOR_OPEN, 1.0);
  if (slot >= 3)
    {
      for (guint i = 0; i < n; i++)
        {
          KamChartRect marks[2];

          element_marks (c->data, c->layout, n, i, marks);
          cairo_rectangle (c->cr, marks[0].x, marks[0].y, marks[0].width, marks[0].height);
        }
      cairo_fill (c->cr);
    }
  else
    {
      /* more accounts than pixels: one column per pixel, the largest in it */
      int columns = (int) plot.width;
      g_autofree double *column_max = g_new0 (double, columns);

      for (guint i = 0; i < n; i++)
        {
          int col = MIN (columns - 1, (int) (slot * i));
          column_max[col] = MAX (column_max[col], g_array_index (pareto->entries, KamParetoEntry, i).revenue);
        }
      for (int col = 0; col < columns; col++)
        {
          double h = round (plot.height * column_max[col] / top);

          if (h > 0)
            cairo_rectangle (c->cr, plot.x + col, plot.y + plot.height - h, 1, h);
        }
      cairo_fill (c->cr);
    }

  /* thresholds and the cumulative line */
  cairo_set_line_width (c->cr, 1);
  set_color (c, KAM_CHART_COLOR_DIM_TEXT, 0.8);
  cairo_set_dash (c->cr, (double[]) { 4, 3 }, 2, 0);
  for (int t = 0; t < 2; t++)
    {
      double share = t == 0 ? pareto->thresholds.a : pareto->thresholds.b;
      double y = round (plot.y + plot.height * (1 - share)) + 0.5;

      cairo_move_to (c->cr, plot.x, y);
      cairo_line_to (c->cr, plot.x + plot.width, y);
    }
  cairo_stroke (c->cr);
  cairo_set_dash (c->cr, NULL, 0, 0);

  set_color (c, KAM_CHART_COLOR_LINE, 1.0);
  cairo_set_line_width (c->cr, 2.5);
  cairo_set_line_join (c->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (c->cr, plot.x, plot.y + plot.height);
  {
    guint stride = MAX (1, n / (guint) MAX (1.0, plot.width));

    for (guint i = 0; i < n; i += stride)
      {
        const KamParetoEntry *e = &g_array_index (pareto->entries, KamParetoEntry, i);
        cairo_line_to (c->cr, plot.x + slot * (i + 1), plot.y + plot.height * (1 - e->cumulative));
      }
    cairo_line_to (c->cr, plot.x + plot.width, plot.y + plot.height
                   * (1 - g_array_index (pareto->entries, KamParetoEntry, n - 1).cumulative));
  }
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

/* Entry point ------------------------------------------------------------- */

void
kam_chart_draw (cairo_t             *cr,
                double               width,
                double               height,
                const KamChartData  *data,
                const KamChartStyle *style,
                KamChartLayout      *layout)
{
  KamChartLayout scratch;
  KamChartStyle default_style;
  Chart c;

  g_return_if_fail (cr != NULL && data != NULL);

  if (style == NULL)
    {
      kam_chart_style_init (&default_style);
      style = &default_style;
    }
  if (layout == NULL)
    layout = &scratch;
  memset (layout, 0, sizeof *layout);

  c.cr = cr;
  c.data = data;
  c.style = style;
  c.layout = layout;
  c.width = width;
  c.height = height;
  c.font = CLAMP (MIN (width, height * 1.6) / 60, 9, 16) * (style->font_scale > 0 ? style->font_scale : 1.0);
  c.pad = round (c.font * 1.2);
  c.chinese = -1;
  layout->font = c.font;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background)
    {
      set_color (&c, KAM_CHART_COLOR_BACKGROUND, 1.0);
      cairo_paint (cr);
    }

  switch (data->kind)
    {
    case KAM_CHART_FUNNEL:
      if (data->stages != NULL)
        draw_funnel (&c);
      else
        draw_no_data (&c, "");
      break;
    case KAM_CHART_FORECAST:
    case KAM_CHART_FORECAST_QUARTERS:
      if (data->forecast != NULL)
        draw_forecast (&c, data->kind == KAM_CHART_FORECAST_QUARTERS);
      else
        draw_no_data (&c, "");
      break;
    case KAM_CHART_WIN_RATE:
      if (data->win_rates != NULL)
        draw_win_rate (&c);
      else
        draw_no_data (&c, "");
      break;
    case KAM_CHART_PARETO:
      if (data->pareto != NULL)
        draw_pareto (&c);
      else
        draw_no_data (&c, "");
      break;
    default:
      g_critical ("Unknown chart kind %d", data->kind);
      break;
    }
  cairo_restore (cr);
}
