/* kam-review-draw.c — drawing the slides of the sales review, and the PDF
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is sized from one unit, the body text: 28 px at 1024 × 768,
 * scaled with the smaller of width / 1024 and height / 768, so a slide
 * reads the same on a 4:3 beamer, a 16:9 one and a PDF page.  Colours are
 * the charts' palette (kam_chart_color()), strong text on a plain
 * background, light or dark.
 */
#define G_LOG_DOMAIN "kam-review"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "kam-chart.h"
#include "kam-drill.h"
#include "kam-review.h"

#define FONT_FAMILY "Noto Sans CJK SC, Noto Sans, DejaVu Sans, Sans"

typedef struct {
  cairo_t              *cr;
  KamReviewDeck        *deck;
  const KamReviewStyle *style;
  double                width, height;
  double                u;       /* body text size, px */
  double                margin;
  double                top;     /* first y below the title */
  double                bottom;  /* last y above the footer */
  /* kam_review_slide_hit(): the point probed, and what it falls on */
  KamReviewHit         *hit;
  double                hx, hy;
} Ctx;

static gboolean
probe (Ctx              *c,
       KamReviewHitKind  kind,
       double            x,
       double            y,
       double            w,
       double            h)
{
  if (c->hit == NULL || c->hx < x || c->hx >= x + w || c->hy < y || c->hy >= y + h)
    return FALSE;
  c->hit->kind = kind;
  c->hit->rect = (KamChartRect) { x, y, w, h };
  return TRUE;
}

typedef enum {
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

void
kam_review_style_init (KamReviewStyle *style)
{
  memset (style, 0, sizeof *style);
  style->chinese = -1;
}

double
kam_review_body_size (double width,
                      double height)
{
  return 28.0 * MIN (width / 1024.0, height / 768.0);
}

static void
set_color (cairo_t  *cr,
           guint32   rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static guint32
color (Ctx           *c,
       KamChartColor  which)
{
  return kam_chart_color (which, c->style->dark);
}

/* A surface a little lighter (dark) or darker (light) than the background:
 * cards and table stripes. */
static guint32
card_color (Ctx *c)
{
  return c->style->dark ? 0x2a2e36 : 0xf0f2f5;
}

static guint32
status_color (Ctx               *c,
              KamCoverageStatus  status)
{
  switch (status)
    {
    case KAM_COVERAGE_GREEN:
      return c->style->dark ? 0x57e389 : 0x1a7f37;
    case KAM_COVERAGE_AMBER:
      return c->style->dark ? 0xf8c44f : 0xb35900;
    case KAM_COVERAGE_RED:
    default:
      return c->style->dark ? 0xff7b72 : 0xc01c28;
    }
}

/* Draws @text in a box of @width at (@x, @y), one line (ellipsized) unless
 * @wrap; returns the height used. */
static double
text_full (Ctx         *c,
           const char  *text,
           double       x,
           double       y,
           double       width,
           double       size,
           gboolean     bold,
           guint32      rgb,
           Align        align,
           gboolean     wrap,
           int          max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (c->cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (wrap)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, max_lines > 0 ? -max_lines : -1);
    }
  else
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_alignment (layout, align == ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                      : align == ALIGN_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_color (c->cr, rgb);
  cairo_move_to (c->cr, x, y);
  pango_cairo_show_layout (c->cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  return h;
}

static double
text (Ctx        *c,
      const char *str,
      double      x,
      double      y,
      double      width,
      double      size,
      gboolean    bold,
      guint32     rgb,
      Align       align)
{
  return text_full (c, str, x, y, width, size, bold, rgb, align, FALSE, 1);
}

static char *
money (Ctx    *c,
       double  amount)
{
  return kam_chart_format_money (amount, NULL, TRUE, c->style->chinese);
}

static char *
percent (double ratio)
{
  return g_strdup_printf ("%.0f%%", ratio * 100);
}

static void
fill_rect (Ctx     *c,
           double   x,
           double   y,
           double   w,
           double   h,
           double   r,
           guint32  rgb)
{
  kam_chart_rounded_rect (c->cr, x, y, w, h, r);
  set_color (c->cr, rgb);
  cairo_fill (c->cr);
}

static void
empty_state (Ctx        *c,
             const char *message)
{
  double y = (c->top + c->bottom) / 2 - c->u;

  text (c, message, c->margin, y, c->width - 2 * c->margin, c->u * 1.2, FALSE,
        color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_CENTER);
}

/* The title of the slide with a short accent rule under it. */
static void
slide_title (Ctx        *c,
             const char *title)
{
  double size = c->u * 1.6;
  double h = text (c, title, c->margin, c->margin * 0.8, c->width - 2 * c->margin, size, TRUE,
                   color (c, KAM_CHART_COLOR_TEXT), ALIGN_LEFT);
  double y = c->margin * 0.8 + h + c->u * 0.25;

  fill_rect (c, c->margin, y, c->u * 3, c->u * 0.18, 0, color (c, KAM_CHART_COLOR_OPEN));
  c->top = y + c->u * 0.9;
}

/* Columns of a table: relative widths, alignment. */
typedef struct {
  const char *header;
  double      weight;
  Align       align;
} Column;

static double
table_header (Ctx          *c,
              const Column *columns,
              guint         n_columns,
              double        x,
              double        y,
              double        width,
              double       *xs,
              double       *ws)
{
  double total = 0, pos = x, gap = c->u * 0.6;
  double size = c->u * 0.85;

  for (guint i = 0; i < n_columns; i++)
    total += columns[i].weight;
  for (guint i = 0; i < n_columns; i++)
    {
      ws[i] = (width - gap * (n_columns - 1)) * columns[i].weight / total;
      xs[i] = pos;
      pos += ws[i] + gap;
      text (c, columns[i].header, xs[i], y, ws[i], size, TRUE, color (c, KAM_CHART_COLOR_DIM_TEXT), columns[i].align);
    }
  y += size * 1.45;
  fill_rect (c, x, y, width, MAX (1, c->u * 0.06), 0, color (c, KAM_CHART_COLOR_DIM_TEXT));
  return y + c->u * 0.3;
}

static double
row_height (Ctx *c)
{
  return c->u * 1.55;
}

static void
row_stripe (Ctx    *c,
            guint   row,
            double  y)
{
  if (row % 2 == 1)
    fill_rect (c, c->margin - c->u * 0.3, y - c->u * 0.15, c->width - 2 * c->margin + c->u * 0.6,
               row_height (c), c->u * 0.2, card_color (c));
}

/* Slides ----------------------------------------------------------------- */

static void
draw_title_slide (Ctx *c)
{
  GDate date;
  g_autofree char *when = NULL;
  double x = c->margin * 1.6, w = c->width - x - c->margin;
  double y = c->height * 0.28;

  fill_rect (c, 0, 0, c->u * 0.6, c->height, 0, color (c, KAM_CHART_COLOR_OPEN));
  g_date_clear (&date, 1);
  g_date_set_parse (&date, c->deck->date);
  if (g_date_valid (&date))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                                      g_date_get_day (&date), 0, 0, 0);
      /* TRANSLATORS: the day of the review for g_date_time_format(): "24 November 2026" */
      when = g_date_time_format (dt, _("%-d %B %Y"));
    }

  text (c, _("Key account review"), x, y, w, c->u * 1.1, TRUE, color (c, KAM_CHART_COLOR_OPEN), ALIGN_LEFT);
  y += c->u * 1.8;
  y += text_full (c, c->deck->period_label, x, y, w, c->u * 2.9, TRUE,
                  color (c, KAM_CHART_COLOR_TEXT), ALIGN_LEFT, TRUE, 2);
  y += c->u * 0.8;
  y += text (c, c->deck->scope_label, x, y, w, c->u * 1.4, FALSE, color (c, KAM_CHART_COLOR_TEXT), ALIGN_LEFT);
  y += c->u * 0.6;
  text (c, when != NULL ? when : c->deck->date, x, y, w, c->u, FALSE, color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_LEFT);
}

typedef struct {
  const char *label, *value, *detail;
  double      ratio;
  guint32     accent;
} Tile;

/* A tile of the numbers slide: label, big value, a line under it, and an
 * optional progress bar (ratio >= 0). */
static void
tile (Ctx        *c,
      double      x,
      double      y,
      double      w,
      double      h,
      const char *label,
      const char *value,
      const char *detail,
      double      ratio,
      guint32     accent)
{
  double pad = c->u * 0.7;
  double yy = y + pad;

  fill_rect (c, x, y, w, h, c->u * 0.4, card_color (c));
  fill_rect (c, x, y + c->u * 0.4, c->u * 0.22, h - c->u * 0.8, 0, accent);
  yy += text (c, label, x + pad, yy, w - 2 * pad, c->u, FALSE, color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_LEFT);
  yy += c->u * 0.1;
  yy += text (c, value, x + pad, yy, w - 2 * pad, c->u * 2.1, TRUE, color (c, KAM_CHART_COLOR_TEXT), ALIGN_LEFT);
  if (ratio >= 0)
    {
      double bw = w - 2 * pad, bh = c->u * 0.3;

      yy += c->u * 0.15;
      fill_rect (c, x + pad, yy, bw, bh, bh / 2, color (c, KAM_CHART_COLOR_GRID));
      fill_rect (c, x + pad, yy, bw * CLAMP (ratio, 0, 1), bh, bh / 2, accent);
      yy += bh + c->u * 0.2;
    }
  if (detail != NULL)
    text_full (c, detail, x + pad, yy, w - 2 * pad, c->u, FALSE, color (c, KAM_CHART_COLOR_TEXT),
               ALIGN_LEFT, TRUE, 2);
}

static void
draw_numbers (Ctx *c)
{
  KamReviewDeck *d = c->deck;
  g_autofree char *won = money (c, d->won);
  g_autofree char *target = money (c, d->target);
  g_autofree char *weighted = money (c, d->weighted);
  g_autofree char *open = money (c, d->open_amount);
  g_autofree char *forecast = money (c, d->won + d->weighted);
  g_autofree char *revenue_detail = NULL;
  g_autofree char *pipeline_detail = NULL;
  g_autofree char *coverage = NULL;
  g_autofree char *coverage_detail = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *rate_detail = NULL;
  g_autofree char *visits = NULL;
  g_autofree char *visits_detail = NULL;
  g_autofree char *forecast_detail = NULL;
  double gap = c->u * 0.6;
  int cols = 3, rows = 2;
  double w = (c->width - 2 * c->margin - gap * (cols - 1)) / cols;
  double h = (c->bottom - c->top - gap * (rows - 1)) / rows;
  Tile tiles[6];

  revenue_detail = d->target > 0 ? g_strdup_printf (_("of %s target (%.0f%%)"), target, 100 * d->won / d->target)
                                 : g_strdup (_("No target set"));
  pipeline_detail = g_strdup_printf (_("%s open in the period"), open);
  switch (d->coverage.status)
    {
    case KAM_PIPELINE_COVERAGE_RATIO:
      coverage = g_strdup_printf ("%.1f×", d->coverage.ratio);
      {
        g_autofree char *remaining = money (c, d->coverage.remaining);
        coverage_detail = g_strdup_printf (_("of %s still to win"), remaining);
      }
      break;
    case KAM_PIPELINE_COVERAGE_TARGET_REACHED:
      coverage = g_strdup ("✓");
      coverage_detail = g_strdup (_("Target reached"));
      break;
    case KAM_PIPELINE_COVERAGE_NO_TARGET:
    default:
      coverage = g_strdup ("–");
      coverage_detail = g_strdup (_("No target set"));
      break;
    }
  if (d->win_rate.rate >= 0)
    {
      rate = percent (d->win_rate.rate);
      rate_detail = g_strdup_printf (_("%d won, %d lost"), d->win_rate.won_count, d->win_rate.lost_count);
    }
  else
    {
      rate = g_strdup ("–");
      rate_detail = g_strdup (_("No deal closed yet"));
    }
  visits = g_strdup_printf ("%u", d->visits_done);
  visits_detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u account due was visited",
                                                "%u of %u accounts due were visited", d->visits_due),
                                   d->visits_kept, d->visits_due);
  forecast_detail = d->target > 0 ? g_strdup_printf (_("won + weighted: %.0f%% of target"),
                                                     100 * (d->won + d->weighted) / d->target)
                                  : g_strdup (_("won + weighted"));

  tiles[0] = (Tile) { _("Revenue"), won, revenue_detail,
                                   d->target > 0 ? d->won / d->target : -1, color (c, KAM_CHART_COLOR_WON) };
  tiles[1] = (Tile) { _("Weighted pipeline"), weighted, pipeline_detail, -1, color (c, KAM_CHART_COLOR_OPEN) };
  tiles[2] = (Tile) { _("Pipeline coverage"), coverage, coverage_detail, -1, color (c, KAM_CHART_COLOR_OPEN) };
  tiles[3] = (Tile) { _("Forecast"), forecast, forecast_detail,
                                   d->target > 0 ? (d->won + d->weighted) / d->target : -1, color (c, KAM_CHART_COLOR_TARGET) };
  tiles[4] = (Tile) { _("Win rate"), rate, rate_detail, d->win_rate.rate, color (c, KAM_CHART_COLOR_WON) };
  tiles[5] = (Tile) { _("Visits done"), visits, visits_detail,
                                   d->visits_due > 0 ? (double) d->visits_kept / d->visits_due : -1,
                                   color (c, KAM_CHART_COLOR_LINE) };

  for (int i = 0; i < 6; i++)
    {
      double x = c->margin + (i % cols) * (w + gap), y = c->top + (i / cols) * (h + gap);

      tile (c, x, y, w, h, tiles[i].label, tiles[i].value, tiles[i].detail, tiles[i].ratio, tiles[i].accent);
      if (probe (c, KAM_REVIEW_HIT_TILE, x, y, w, h))
        c->hit->tile = i;
    }
}

static void
draw_chart (Ctx          *c,
            KamChartKind  kind)
{
  KamChartData data = { 0 };
  KamChartStyle style;
  double w = c->width - 2 * c->margin, h = c->bottom - c->top;
  double base = CLAMP (MIN (w, h * 1.6) / 60, 9, 16);

  data.kind = kind;
  data.stages = c->deck->stages;
  data.forecast = &c->deck->forecast;
  data.pareto = &c->deck->pareto;
  kam_chart_style_init (&style);
  style.dark = c->style->dark;
  style.background = FALSE;
  style.font_scale = c->u * 0.9 / base;
  style.title = " ";
  cairo_save (c->cr);
  cairo_translate (c->cr, c->margin, c->top - c->u * 1.2);
  kam_chart_draw (c->cr, w, h + c->u * 1.2, &data, &style, NULL);
  cairo_restore (c->cr);
  if (probe (c, KAM_REVIEW_HIT_CHART, c->margin, c->top - c->u * 1.2, w, h + c->u * 1.2)
      && !kam_chart_hit_test (&data, &style, w, h + c->u * 1.2, c->hx - c->margin, c->hy - (c->top - c->u * 1.2),
                              &c->hit->chart))
    c->hit->kind = KAM_REVIEW_HIT_NONE;
}

static const char *
stage_label (KamStage stage)
{
  return kam_enum_to_label (KAM_TYPE_STAGE, stage);
}

static void
draw_top_deals (Ctx *c)
{
  /* 4:3 has no room for the next step at the size of body text */
  gboolean wide = c->width / c->height > 1.5;
  const Column columns[] = {
    { _("Account"), wide ? 2.2 : 2.3, ALIGN_LEFT },
    { _("Deal"), wide ? 2.2 : 2.3, ALIGN_LEFT },
    { _("Stage"), wide ? 1.7 : 2.0, ALIGN_LEFT },
    { _("Amount"), 1.3, ALIGN_RIGHT },
    { _("Close"), wide ? 1.6 : 2.0, ALIGN_LEFT },
    { _("Next step"), 2.0, ALIGN_LEFT },
  };
  guint n_columns = wide ? G_N_ELEMENTS (columns) : G_N_ELEMENTS (columns) - 1;
  double xs[G_N_ELEMENTS (columns)], ws[G_N_ELEMENTS (columns)];
  double y, size;
  GPtrArray *deals = c->deck->top_deals;

  if (deals->len == 0)
    {
      empty_state (c, _("No open deals in this scope"));
      return;
    }
  y = table_header (c, columns, n_columns, c->margin, c->top, c->width - 2 * c->margin, xs, ws);
  size = MIN (c->u, (c->bottom - y) / (deals->len * 1.55));
  for (guint i = 0; i < deals->len; i++)
    {
      KamReviewDeal *deal = deals->pdata[i];
      g_autofree char *amount = money (c, deal->amount);
      guint32 fg = color (c, KAM_CHART_COLOR_TEXT);
      const char *close = *deal->expected_close ? deal->expected_close : "–";

      row_stripe (c, i, y);
      if (probe (c, KAM_REVIEW_HIT_DEAL, c->margin, y, c->width - 2 * c->margin, size * 1.55))
        c->hit->deal = deal;
      text (c, deal->account_name, xs[0], y, ws[0], size, TRUE, fg, ALIGN_LEFT);
      text (c, deal->name, xs[1], y, ws[1], size, FALSE, fg, ALIGN_LEFT);
      text (c, stage_label (deal->stage), xs[2], y, ws[2], size, FALSE, fg, ALIGN_LEFT);
      text (c, amount, xs[3], y, ws[3], size, TRUE, fg, ALIGN_RIGHT);
      text (c, close, xs[4], y, ws[4], size, FALSE, fg, ALIGN_LEFT);
      if (wide)
        text (c, *deal->next_step ? deal->next_step : "–", xs[5], y, ws[5], size, FALSE,
              color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_LEFT);
      y += size * 1.55;
    }
}

static void
draw_changes (Ctx *c)
{
  const Column columns[] = {
    { _("Change"), 1.5, ALIGN_LEFT },
    { _("Account"), 2.0, ALIGN_LEFT },
    { _("Deal"), 2.0, ALIGN_LEFT },
    { _("What happened"), 2.8, ALIGN_LEFT },
    { _("Amount"), 1.3, ALIGN_RIGHT },
  };
  double xs[G_N_ELEMENTS (columns)], ws[G_N_ELEMENTS (columns)];
  KamReviewDeck *d = c->deck;
  g_autofree char *summary = NULL;
  double y = c->top, size;

  /* TRANSLATORS: %s is a date (YYYY-MM-DD), then counts of deals */
  summary = g_strdup_printf (_("Since %s: %u won, %u lost, %u moved stage, %u slipped"),
                             d->since, d->n_changes[2], d->n_changes[3], d->n_changes[0], d->n_changes[1]);
  y += text (c, summary, c->margin, y, c->width - 2 * c->margin, c->u, FALSE,
             color (c, KAM_CHART_COLOR_TEXT), ALIGN_LEFT);
  y += c->u * 0.6;
  if (d->changes->len == 0)
    {
      empty_state (c, _("No deal moved, slipped or closed since the last review"));
      return;
    }
  y = table_header (c, columns, G_N_ELEMENTS (columns), c->margin, y, c->width - 2 * c->margin, xs, ws);
  size = MIN (c->u, (c->bottom - y) / (d->changes->len * 1.55));
  for (guint i = 0; i < d->changes->len; i++)
    {
      KamReviewDeal *deal = d->changes->pdata[i];
      g_autofree char *amount = money (c, deal->amount);
      g_autofree char *what = NULL;
      const char *kind;
      guint32 accent, fg = color (c, KAM_CHART_COLOR_TEXT);

      if (deal->change & KAM_REVIEW_WON)
        {
          kind = _("▲ Won");
          accent = color (c, KAM_CHART_COLOR_WON);
          what = g_strdup_printf (_("closed %s"), deal->closed_on);
        }
      else if (deal->change & KAM_REVIEW_LOST)
        {
          kind = _("▼ Lost");
          accent = color (c, KAM_CHART_COLOR_LOST);
          what = g_strdup_printf (_("closed %s"), deal->closed_on);
        }
      else if (deal->change & KAM_REVIEW_MOVED)
        {
          kind = _("→ Moved");
          accent = color (c, KAM_CHART_COLOR_OPEN);
          what = g_strdup_printf ("%s → %s%s", stage_label (deal->previous_stage), stage_label (deal->stage),
                                  (deal->change & KAM_REVIEW_SLIPPED) ? _(", close date passed") : "");
        }
      else
        {
          kind = _("⏱ Slipped");
          accent = color (c, KAM_CHART_COLOR_TARGET);
          what = g_strdup_printf (_("close date %s passed"), deal->expected_close);
        }
      row_stripe (c, i, y);
      if (probe (c, KAM_REVIEW_HIT_DEAL, c->margin, y, c->width - 2 * c->margin, size * 1.55))
        c->hit->deal = deal;
      text (c, kind, xs[0], y, ws[0], size, TRUE, accent, ALIGN_LEFT);
      text (c, deal->account_name, xs[1], y, ws[1], size, TRUE, fg, ALIGN_LEFT);
      text (c, deal->name, xs[2], y, ws[2], size, FALSE, fg, ALIGN_LEFT);
      text (c, what, xs[3], y, ws[3], size, FALSE, fg, ALIGN_LEFT);
      text (c, amount, xs[4], y, ws[4], size, TRUE, fg, ALIGN_RIGHT);
      y += size * 1.55;
    }
}

static const char *
status_label (KamCoverageStatus status)
{
  switch (status)
    {
    case KAM_COVERAGE_GREEN:
      return _("● Decider on our side");
    case KAM_COVERAGE_AMBER:
      return _("◐ No decider support");
    case KAM_COVERAGE_RED:
    default:
      return _("○ No support");
    }
}

static void
draw_coverage (Ctx *c)
{
  GPtrArray *items = c->deck->top_accounts;
  int cols = c->width / c->height > 1.5 ? 4 : 3;
  int rows;
  double gap = c->u * 0.5, w, h;

  if (items->len == 0)
    {
      empty_state (c, _("No accounts in this scope"));
      return;
    }
  rows = (items->len + cols - 1) / cols;
  rows = MAX (rows, 3);
  w = (c->width - 2 * c->margin - gap * (cols - 1)) / cols;
  h = (c->bottom - c->top - gap * (rows - 1)) / rows;
  for (guint i = 0; i < items->len; i++)
    {
      KamReviewAccount *a = items->pdata[i];
      double x = c->margin + (i % cols) * (w + gap), y = c->top + (i / cols) * (h + gap);
      double pad = c->u * 0.5;
      guint32 accent = status_color (c, a->coverage.status);
      g_autofree char *score = g_strdup_printf ("%d", a->coverage.score);
      const char *tier = kam_enum_to_label (KAM_TYPE_TIER, a->tier);
      double size = MIN (c->u, h / 3.6);

      fill_rect (c, x, y, w, h, c->u * 0.35, card_color (c));
      fill_rect (c, x, y, c->u * 0.3, h, 0, accent);
      if (probe (c, KAM_REVIEW_HIT_ACCOUNT, x, y, w, h))
        c->hit->account_id = a->account_id;
      text (c, a->name, x + pad + c->u * 0.2, y + pad * 0.6, w - 2 * pad - c->u * 0.2, size, TRUE,
            color (c, KAM_CHART_COLOR_TEXT), ALIGN_LEFT);
      text (c, score, x + pad + c->u * 0.2, y + pad * 0.6 + size * 1.3, w * 0.4, size * 1.7, TRUE, accent, ALIGN_LEFT);
      text (c, tier, x + w * 0.45, y + pad * 0.6 + size * 1.6, w * 0.55 - pad, size * 0.9, FALSE,
            color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_RIGHT);
      text (c, status_label (a->coverage.status), x + pad + c->u * 0.2, y + h - pad * 0.4 - size * 1.25,
            w - 2 * pad - c->u * 0.2, size * 0.9, FALSE, color (c, KAM_CHART_COLOR_TEXT), ALIGN_LEFT);
    }
}

static void
draw_compliance (Ctx *c)
{
  const Column columns[] = {
    { _("Owner"), 2.2, ALIGN_LEFT },
    { _("Accounts"), 1.5, ALIGN_RIGHT },
    { _("Due"), 1.0, ALIGN_RIGHT },
    { _("Visited"), 1.3, ALIGN_RIGHT },
    { _("Kept"), 2.6, ALIGN_LEFT },
    { _("Done"), 1.0, ALIGN_RIGHT },
    { _("Planned"), 1.4, ALIGN_RIGHT },
  };
  double xs[G_N_ELEMENTS (columns)], ws[G_N_ELEMENTS (columns)];
  GPtrArray *owners = c->deck->owners;
  double y, size;
  guint n;

  if (owners->len == 0)
    {
      empty_state (c, _("No account in this scope has an owner"));
      return;
    }
  y = table_header (c, columns, G_N_ELEMENTS (columns), c->margin, c->top, c->width - 2 * c->margin, xs, ws);
  n = MIN (owners->len, KAM_REVIEW_MAX_OWNERS);
  size = MIN (c->u, (c->bottom - y) / (n * 1.55));
  for (guint i = 0; i < n; i++)
    {
      KamReviewOwner *o = owners->pdata[i];
      guint32 fg = color (c, KAM_CHART_COLOR_TEXT);
      g_autofree char *accounts = g_strdup_printf ("%u", o->accounts);
      g_autofree char *due = g_strdup_printf ("%u", o->due);
      g_autofree char *kept = g_strdup_printf ("%u", o->kept);
      g_autofree char *done = g_strdup_printf ("%u", o->done);
      g_autofree char *planned = g_strdup_printf ("%u", o->planned);
      double ratio = o->due > 0 ? (double) o->kept / o->due : 1;
      g_autofree char *pct = o->due > 0 ? percent (ratio) : g_strdup ("–");
      double bar = ws[4] * 0.62, bh = size * 0.45;
      guint32 accent = ratio >= 0.8 ? status_color (c, KAM_COVERAGE_GREEN)
                       : ratio >= 0.5 ? status_color (c, KAM_COVERAGE_AMBER) : status_color (c, KAM_COVERAGE_RED);

      row_stripe (c, i, y);
      if (probe (c, KAM_REVIEW_HIT_OWNER, c->margin, y, c->width - 2 * c->margin, size * 1.55))
        c->hit->owner_id = o->owner_id;
      text (c, o->name, xs[0], y, ws[0], size, TRUE, fg, ALIGN_LEFT);
      text (c, accounts, xs[1], y, ws[1], size, FALSE, fg, ALIGN_RIGHT);
      text (c, due, xs[2], y, ws[2], size, FALSE, fg, ALIGN_RIGHT);
      text (c, kept, xs[3], y, ws[3], size, FALSE, fg, ALIGN_RIGHT);
      fill_rect (c, xs[4], y + size * 0.4, bar, bh, bh / 2, color (c, KAM_CHART_COLOR_GRID));
      if (o->due > 0)
        fill_rect (c, xs[4], y + size * 0.4, bar * ratio, bh, bh / 2, accent);
      text (c, pct, xs[4] + bar + size * 0.3, y, ws[4] - bar - size * 0.3, size, TRUE, fg, ALIGN_LEFT);
      text (c, done, xs[5], y, ws[5], size, FALSE, fg, ALIGN_RIGHT);
      text (c, planned, xs[6], y, ws[6], size, FALSE, fg, ALIGN_RIGHT);
      y += size * 1.55;
    }
  if (owners->len > n)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), owners->len - n);
      text (c, more, c->margin, y, c->width - 2 * c->margin, size * 0.9, FALSE,
            color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_LEFT);
    }
}

static void
key_value (Ctx        *c,
           double      x,
           double     *y,
           double      w,
           const char *key,
           const char *value)
{
  text (c, key, x, *y, w * 0.6, c->u * 0.85, FALSE, color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_LEFT);
  text (c, value, x + w * 0.6, *y - c->u * 0.1, w * 0.4, c->u, TRUE, color (c, KAM_CHART_COLOR_TEXT), ALIGN_RIGHT);
  *y += c->u * 1.45;
}

static void
draw_account (Ctx              *c,
              KamReviewAccount *a)
{
  double left_w = (c->width - 2 * c->margin) * (c->width / c->height > 1.5 ? 0.38 : 0.45);
  double x = c->margin, y = c->top, map_x = c->margin + left_w + c->u, map_w = c->width - c->margin - map_x;
  g_autofree char *tier = g_strdup (kam_enum_to_label (KAM_TYPE_TIER, a->tier));
  g_autofree char *revenue = money (c, a->revenue);
  g_autofree char *won = money (c, a->won);
  g_autofree char *target = money (c, a->target);
  g_autofree char *open = money (c, a->open_amount);
  g_autofree char *deals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open deal", "%u open deals", a->n_open),
                                            a->n_open);
  g_autofree char *weighted = money (c, a->weighted);
  g_autofree char *score = g_strdup_printf ("%d / 100", a->coverage.score);

  /* the whole slide is the account; its deals' rows, below, each a deal */
  if (probe (c, KAM_REVIEW_HIT_ACCOUNT, 0, c->top, c->width, c->bottom - c->top))
    c->hit->account_id = a->account_id;
  key_value (c, x, &y, left_w, _("Tier"), tier);
  key_value (c, x, &y, left_w, _("Revenue this year"), revenue);
  key_value (c, x, &y, left_w, _("Won in the period"), won);
  key_value (c, x, &y, left_w, _("Target of the period"), target);
  key_value (c, x, &y, left_w, _("Open pipeline"), open);
  key_value (c, x, &y, left_w, _("Weighted"), weighted);
  key_value (c, x, &y, left_w, _("Coverage"), score);
  text (c, status_label (a->coverage.status), x, y, left_w, c->u * 0.85, TRUE,
        status_color (c, a->coverage.status), ALIGN_LEFT);
  y += c->u * 1.6;

  if (a->deals->len > 0)
    {
      double size = c->u * 0.8;

      text (c, deals, x, y, left_w, size, TRUE, color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_LEFT);
      y += size * 1.5;
      for (guint i = 0; i < a->deals->len && y + size * 1.4 <= c->bottom; i++)
        {
          KamReviewDeal *deal = a->deals->pdata[i];
          g_autofree char *amount = money (c, deal->amount);

          if (probe (c, KAM_REVIEW_HIT_DEAL, x, y, left_w, size * 1.4))
            c->hit->deal = deal;
          text (c, deal->name, x, y, left_w * 0.68, size, FALSE, color (c, KAM_CHART_COLOR_TEXT), ALIGN_LEFT);
          text (c, amount, x + left_w * 0.68, y, left_w * 0.32, size, TRUE, color (c, KAM_CHART_COLOR_TEXT), ALIGN_RIGHT);
          y += size * 1.4;
        }
    }

  /* the contact map, fitted, on a card */
  fill_rect (c, map_x, c->top, map_w, c->bottom - c->top, c->u * 0.4, card_color (c));
  if (a->map != NULL)
    {
      double cw, ch;

      kam_org_chart_get_size (a->map, &cw, &ch);
      if (cw > 0 && ch > 0)
        {
          KamOrgChartDrawOptions options;
          KamRect area;
          double w = map_w - c->u, h = c->bottom - c->top - c->u;
          double scale;

          kam_org_chart_fit (a->map, w, h, &options);
          options.decorations = FALSE;
          kam_org_chart_get_chart_area (a->map, w, h, FALSE, &area);
          scale = MIN (1.25, MIN (area.width / cw, area.height / ch));
          options.scale = scale;
          options.offset_x = area.x + (area.width - cw * scale) / 2;
          options.offset_y = area.y + (area.height - ch * scale) / 2;
          options.dark = c->style->dark;
          cairo_save (c->cr);
          cairo_translate (c->cr, map_x + c->u * 0.5, c->top + c->u * 0.5);
          cairo_rectangle (c->cr, 0, 0, w, h);
          cairo_clip (c->cr);
          kam_org_chart_draw (a->map, c->cr, &options);
          cairo_restore (c->cr);
          return;
        }
    }
  text (c, _("No contacts known yet"), map_x, (c->top + c->bottom) / 2 - c->u / 2, map_w, c->u, FALSE,
        color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_CENTER);
}

static void
footer (Ctx   *c,
        guint  index)
{
  g_autofree char *page = g_strdup_printf ("%u / %u", index + 1, kam_review_deck_get_n_slides (c->deck));
  g_autofree char *left = g_strdup_printf ("%s · %s", c->deck->period_label, c->deck->scope_label);
  double size = c->u * 0.65;
  double y = c->height - c->margin * 0.5 - size;

  text (c, left, c->margin, y, (c->width - 2 * c->margin) * 0.8, size, FALSE,
        color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_LEFT);
  text (c, page, c->width - c->margin - (c->width - 2 * c->margin) * 0.2, y, (c->width - 2 * c->margin) * 0.2,
        size, FALSE, color (c, KAM_CHART_COLOR_DIM_TEXT), ALIGN_RIGHT);
}

static void
draw_slide (KamReviewDeck        *deck,
            guint                 index,
            cairo_t              *cr,
            double                width,
            double                height,
            const KamReviewStyle *style,
            KamReviewHit         *hit,
            double                hx,
            double                hy)
{
  Ctx c = { cr, deck, style, width, height, 0, 0, 0, 0, hit, hx, hy };
  const KamSlide *slide;
  g_autofree char *title = NULL;

  g_return_if_fail (index < kam_review_deck_get_n_slides (deck));
  slide = &g_array_index (deck->slides, KamSlide, index);
  c.u = kam_review_body_size (width, height);
  c.margin = c.u * 1.7;
  c.bottom = height - c.margin * (style->footer ? 1.0 : 0.7);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_color (cr, color (&c, KAM_CHART_COLOR_BACKGROUND));
  cairo_paint (cr);

  if (slide->kind != KAM_SLIDE_TITLE)
    {
      title = kam_review_deck_get_title (deck, index);
      slide_title (&c, title);
    }
  switch (slide->kind)
    {
    case KAM_SLIDE_TITLE:
      draw_title_slide (&c);
      break;
    case KAM_SLIDE_NUMBERS:
      draw_numbers (&c);
      break;
    case KAM_SLIDE_FORECAST:
      draw_chart (&c, deck->period.n_months > 12 ? KAM_CHART_FORECAST_QUARTERS : KAM_CHART_FORECAST);
      break;
    case KAM_SLIDE_FUNNEL:
      draw_chart (&c, KAM_CHART_FUNNEL);
      break;
    case KAM_SLIDE_TOP_DEALS:
      draw_top_deals (&c);
      break;
    case KAM_SLIDE_CHANGES:
      draw_changes (&c);
      break;
    case KAM_SLIDE_PARETO:
      draw_chart (&c, KAM_CHART_PARETO);
      break;
    case KAM_SLIDE_COVERAGE:
      draw_coverage (&c);
      break;
    case KAM_SLIDE_COMPLIANCE:
      draw_compliance (&c);
      break;
    case KAM_SLIDE_ACCOUNT:
      draw_account (&c, deck->accounts->pdata[slide->item]);
      break;
    default:
      g_assert_not_reached ();
    }
  if (style->footer)
    footer (&c, index);
  cairo_restore (cr);
}

void
kam_review_draw_slide (KamReviewDeck        *deck,
                       guint                 index,
                       cairo_t              *cr,
                       double                width,
                       double                height,
                       const KamReviewStyle *style)
{
  draw_slide (deck, index, cr, width, height, style, NULL, 0, 0);
}

gboolean
kam_review_slide_hit (KamReviewDeck        *deck,
                      guint                 index,
                      double                width,
                      double                height,
                      const KamReviewStyle *style,
                      double                x,
                      double                y,
                      KamReviewHit         *hit)
{
  /* the slide drawn into one pixel: its layout, nothing painted */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  draw_slide (deck, index, cr, width, height, style, hit, x, y);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hit->kind != KAM_REVIEW_HIT_NONE;
}

char *
kam_review_hit_target (KamReviewDeck      *deck,
                       const KamReviewHit *hit)
{
  KamDrillTarget target;
  KamPeriod bucket = deck->period;
  gboolean months;

  kam_drill_target_init (&target, KAM_DRILL_OPPORTUNITIES);
  target.has_period = TRUE;
  target.period = deck->period;
  /* within the deck's scope (a region or hand-picked accounts have no
   * filter in the views: their records are the whole team's) */
  target.owner_id = deck->owner_id;
  target.tier = deck->tier;
  switch (hit->kind)
    {
    case KAM_REVIEW_HIT_TILE:
      if (hit->tile == KAM_REVIEW_TILE_REVENUE)
        target.stage = KAM_STAGE_CLOSED_WON;
      else if (hit->tile == KAM_REVIEW_TILE_WIN_RATE)
        target.status = KAM_PIPELINE_CLOSED;
      else if (hit->tile == KAM_REVIEW_TILE_VISITS)
        target.view = KAM_DRILL_VISITS;
      else if (hit->tile != KAM_REVIEW_TILE_FORECAST)
        target.status = KAM_PIPELINE_OPEN;
      break;
    case KAM_REVIEW_HIT_CHART:
      switch (hit->chart.kind)
        {
        case KAM_CHART_FUNNEL:
          target.stage = hit->chart.index;   /* the deck's funnel: deals closing in the period */
          break;
        case KAM_CHART_FORECAST:
        case KAM_CHART_FORECAST_QUARTERS:
          months = hit->chart.kind == KAM_CHART_FORECAST;
          kam_period_month (&deck->period, months ? hit->chart.index : 3 * hit->chart.index,
                            &bucket.year, &bucket.month);
          bucket.n_months = months ? 1 : MIN (3, deck->period.n_months - 3 * hit->chart.index);
          target.period = bucket;
          if (hit->chart.part == KAM_CHART_PART_WON)
            target.stage = KAM_STAGE_CLOSED_WON;
          else
            target.status = KAM_PIPELINE_OPEN;
          break;
        case KAM_CHART_PARETO:
          target.view = KAM_DRILL_ACCOUNTS;
          target.has_period = FALSE;
          target.id = g_array_index (deck->pareto.entries, KamParetoEntry, hit->chart.index).account_id;
          break;
        default:
          break;
        }
      break;
    case KAM_REVIEW_HIT_DEAL:
      /* the deal's account in the list, the deal's editor over it */
      target.has_period = FALSE;
      target.account_id = hit->deal->account_id;
      target.id = hit->deal->id;
      break;
    case KAM_REVIEW_HIT_ACCOUNT:
      target.view = KAM_DRILL_ACCOUNTS;
      target.has_period = FALSE;
      target.id = (char *) hit->account_id;
      break;
    case KAM_REVIEW_HIT_OWNER:
      target.view = KAM_DRILL_VISITS;
      target.owner_id = (char *) hit->owner_id;
      break;
    case KAM_REVIEW_HIT_NONE:
    default:
      return NULL;
    }
  /* The deck's owner is the accounts' owner: its deals are those of the
   * owner's portfolio, whoever owns each deal. */
  if (target.view == KAM_DRILL_OPPORTUNITIES)
    {
      target.portfolio_id = target.owner_id;
      target.owner_id = NULL;
    }
  /* the strings are the deck's: not cleared */
  return kam_drill_target_to_string (&target);
}

gboolean
kam_review_export_pdf (KamReviewDeck  *deck,
                       const char     *path,
                       double          width,
                       double          height,
                       gboolean        dark,
                       GError        **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
  KamReviewStyle style;
  cairo_status_t status;
  cairo_t *cr;

  kam_review_style_init (&style);
  style.dark = dark;
  style.footer = TRUE;
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, deck->period_label);
  cr = cairo_create (surface);
  for (guint i = 0; i < kam_review_deck_get_n_slides (deck); i++)
    {
      kam_review_draw_slide (deck, i, cr, width, height, &style);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
