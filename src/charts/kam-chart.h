/* kam-chart.h — the pipeline's charts, drawn with Cairo and Pango into any
 * cairo_t: a widget's snapshot, a PNG, an SVG or a PDF page
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart is drawn from the aggregates of kam-pipeline.h, prepared before
 * (nothing is read from the store while drawing).  Every chart has a title,
 * its axes with ticks at round numbers, money in the locale's way (万 and
 * 亿 in Chinese), a legend, and a clear "No data" state.
 */
#pragma once

#include <cairo.h>

#include "kam-pipeline.h"

G_BEGIN_DECLS

typedef enum {
  KAM_CHART_FUNNEL,            /* count and amount of deals by stage */
  KAM_CHART_FORECAST,          /* closed won under weighted open, by month, against the target */
  KAM_CHART_FORECAST_QUARTERS, /* the same by quarter */
  KAM_CHART_WIN_RATE,          /* win rate by quarter */
  KAM_CHART_PARETO,            /* accounts by revenue, cumulative share, ABC bands */
} KamChartKind;

#define KAM_CHART_N_KINDS 5

typedef struct {
  KamChartKind kind;
  const char  *currency;   /* ISO 4217 code of the amounts; NULL: CNY */
  /* the data of the kind (not copied) */
  const KamStageTotals       *stages;     /* FUNNEL: KAM_N_STAGES totals */
  const KamPipelineForecast  *forecast;   /* FORECAST, FORECAST_QUARTERS */
  const KamPipelineWinRates  *win_rates;  /* WIN_RATE */
  const KamPareto            *pareto;     /* PARETO */
} KamChartData;

typedef struct {
  gboolean    dark;        /* colours for a dark background */
  gboolean    background;  /* paint the background (files); a widget leaves it */
  double      font_scale;  /* 1.0 by default; review mode uses more */
  const char *title;       /* NULL: the kind's own title */
  double      inset_right; /* room kept free right of the title (a widget's button) */
} KamChartStyle;

void kam_chart_style_init (KamChartStyle *style);

typedef struct {
  double x, y, width, height;
} KamChartRect;

/* Where things went, for tests and for hit testing in widgets. */
typedef struct {
  gboolean     empty;     /* drew the "No data" state */
  KamChartRect plot;      /* the data area: every mark is inside it */
  KamChartRect legend;    /* zero when there is no legend */
  double       y_max;     /* value at the top of the plot (0 when empty) */
  double       font;      /* body text size, px */
} KamChartLayout;

typedef enum {
  KAM_CHART_PART_NONE,    /* the element's slot, off its bars */
  KAM_CHART_PART_WON,     /* FORECAST: the closed won bar */
  KAM_CHART_PART_OPEN,    /* FORECAST: the weighted open bar on it */
} KamChartPart;

/* What a point of a chart falls on. */
typedef struct {
  KamChartKind kind;
  /* FUNNEL: the stage (KamStage; closed lost has no row); FORECAST: the
   * month of the period; FORECAST_QUARTERS, WIN_RATE: the quarter of the
   * period; PARETO: the account (index into the entries) */
  int          index;
  KamChartPart part;
  KamChartRect slot;      /* the element's row (FUNNEL) or column of the plot */
  KamChartRect mark;      /* its main bar (amount, won, rate, revenue); may be empty */
} KamChartHit;

typedef enum {
  KAM_CHART_COLOR_BACKGROUND,
  KAM_CHART_COLOR_TEXT,
  KAM_CHART_COLOR_DIM_TEXT,
  KAM_CHART_COLOR_GRID,
  KAM_CHART_COLOR_WON,
  KAM_CHART_COLOR_OPEN,
  KAM_CHART_COLOR_TARGET,
  KAM_CHART_COLOR_LOST,
  KAM_CHART_COLOR_LINE,
  KAM_CHART_COLOR_BAND_A,
  KAM_CHART_COLOR_BAND_B,
  KAM_CHART_COLOR_BAND_C,
  KAM_CHART_N_COLORS
} KamChartColor;

/* A colour of the palette as 0xRRGGBB. */
guint32     kam_chart_color           (KamChartColor  color,
                                       gboolean       dark);

/* The title of a kind, translated. */
const char *kam_chart_kind_title      (KamChartKind   kind);
/* "funnel", "forecast", "forecast-quarters", "winrate", "pareto" and back. */
const char *kam_chart_kind_to_string  (KamChartKind   kind);
gboolean    kam_chart_kind_from_string (const char   *text,
                                        KamChartKind *kind);

/* Draws the chart in the rectangle (0, 0, @width, @height) of @cr; @layout
 * may be NULL. */
void        kam_chart_draw            (cairo_t              *cr,
                                       double                width,
                                       double                height,
                                       const KamChartData   *data,
                                       const KamChartStyle  *style,
                                       KamChartLayout       *layout);

/* Which element of the chart drawn at @width × @height is under (@x, @y):
 * the same geometry as kam_chart_draw().  Every point of the plot falls on
 * one element (its row or column); FALSE outside the plot and for the "No
 * data" state. */
gboolean    kam_chart_hit_test        (const KamChartData   *data,
                                       const KamChartStyle  *style,
                                       double                width,
                                       double                height,
                                       double                x,
                                       double                y,
                                       KamChartHit          *hit);
/* The same from the @layout of a drawing of @data already made (a widget
 * keeps the layout of its last snapshot). */
gboolean    kam_chart_layout_hit      (const KamChartData   *data,
                                       const KamChartLayout *layout,
                                       double                x,
                                       double                y,
                                       KamChartHit          *hit);

/* Element @index of a drawing already made (keyboard focus): FALSE when
 * there is none. */
gboolean    kam_chart_layout_element  (const KamChartData   *data,
                                       const KamChartLayout *layout,
                                       int                   index,
                                       KamChartHit          *hit);
/* How many elements the chart has (rows of the funnel, bars of the others). */
int         kam_chart_n_elements      (const KamChartData   *data);

/* What the element of @hit stands for, in a line ("Negotiation: 10 deals ·
 * ¥4.2M"), for tooltips; free with g_free(). */
char       *kam_chart_hit_describe    (const KamChartData   *data,
                                       const KamChartHit    *hit);

/* Writes the chart to @path as PNG, SVG or PDF, by the file's extension. */
gboolean    kam_chart_export          (const KamChartData   *data,
                                       const KamChartStyle  *style,
                                       const char           *path,
                                       int                   width,
                                       int                   height,
                                       GError              **error);

/* Money as people read it: "¥1,234,567" or, @compact, "¥1.2M"; in Chinese
 * "¥123.5万", "¥1.2亿" (from 10,000 and 100,000,000).  @chinese -1 follows
 * the locale of messages. */
char       *kam_chart_format_money    (double         amount,
                                       const char    *currency,
                                       gboolean       compact,
                                       int            chinese);

/* Ticks at round numbers (1, 2, 2.5 or 5 × 10^n) from 0 to at least @max,
 * about @wanted of them: returns the step and sets @top (a multiple of the
 * step, >= @max) and @n_steps. */
double      kam_chart_nice_ticks      (double         max,
                                       int            wanted,
                                       double        *top,
                                       int           *n_steps);

/* Cairo paths shared by every drawing of the program: a rectangle with
 * rounded corners (the radius at most half the shorter side), and a filled
 * arrow head at (@x, @y) pointing along (@dx, @dy), @size long. */
void        kam_chart_rounded_rect    (cairo_t       *cr,
                                       double         x,
                                       double         y,
                                       double         width,
                                       double         height,
                                       double         radius);
void        kam_chart_arrow_head      (cairo_t       *cr,
                                       double         x,
                                       double         y,
                                       double         dx,
                                       double         dy,
                                       double         size);

G_END_DECLS
