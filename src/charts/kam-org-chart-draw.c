/* kam-org-chart-draw.c — drawing and export of the contact map
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card: the attitude as the colour of its border and of a badge holding
 * a symbol (▼▼ ▼ ● ▲ ▲▲, for readers who do not tell red from green), the
 * influence as the border's weight, name and title, the decision role as a
 * badge, the relationship strength as a meter of four bars, our owner's
 * initials, and the days since last met (amber, with a clock, when not met
 * within the account's cadence).  Small on screen, a card is drawn with
 * less: its name only, then a coloured block.
 */
#define G_LOG_DOMAIN "kam-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "kam-chart.h"
#include "kam-org-chart-private.h"

#define W KAM_ORG_CHART_NODE_WIDTH
#define H KAM_ORG_CHART_NODE_HEIGHT
#define MARGIN 24.0
#define HEADER_HEIGHT 104.0
#define LEGEND_HEIGHT 44.0
#define MAX_FIT_SCALE 1.25

typedef struct {
  double r, g, b;
} Rgb;

typedef struct {
  Rgb background;
  Rgb card;
  Rgb text;
  Rgb dim;
  Rgb edge;
  Rgb group_fill;
  Rgb group_line;
  Rgb attitude[5];    /* -2 .. +2 */
  Rgb relation[3];    /* influences, ally, rival */
  Rgb warning;
  Rgb accent;
  Rgb status[3];      /* red, amber, green */
  Rgb badge;
  Rgb badge_text;
  Rgb meter_off;
  Rgb on_attitude;    /* symbols on the attitude colours */
} Palette;

static const Palette light = {
  .background = { 0.980, 0.980, 0.976 },
  .card = { 1, 1, 1 },
  .text = { 0.141, 0.141, 0.141 },
  .dim = { 0.400, 0.400, 0.420 },
  .edge = { 0.690, 0.690, 0.700 },
  .group_fill = { 0.945, 0.945, 0.950 },
  .group_line = { 0.780, 0.780, 0.790 },
  .attitude = {
    { 0.753, 0.110, 0.157 },   /* #c01c28 */
    { 0.902, 0.380, 0.000 },   /* #e66100 */
    { 0.540, 0.540, 0.560 },
    { 0.200, 0.600, 0.380 },
    { 0.102, 0.490, 0.243 },   /* #1a7d3e */
  },
  .relation = {
    { 0.110, 0.443, 0.847 },   /* #1c71d8 */
    { 0.149, 0.635, 0.412 },   /* #26a269 */
    { 0.569, 0.255, 0.675 },   /* #9141ac */
  },
  .warning = { 0.780, 0.450, 0.000 },
  .accent = { 0.208, 0.518, 0.894 },
  .status = { { 0.753, 0.110, 0.157 }, { 0.850, 0.560, 0.000 }, { 0.149, 0.635, 0.412 } },
  .badge = { 0.910, 0.925, 0.960 },
  .badge_text = { 0.180, 0.250, 0.450 },
  .meter_off = { 0.850, 0.850, 0.860 },
  .on_attitude = { 1, 1, 1 },
};

static const Palette dark = {
  .background = { 0.118, 0.118, 0.118 },
  .card = { 0.188, 0.188, 0.196 },
  .text = { 0.960, 0.960, 0.960 },
  .dim = { 0.680, 0.680, 0.700 },
  .edge = { 0.400, 0.400, 0.420 },
  .group_fill = { 0.150, 0.150, 0.158 },
  .group_line = { 0.300, 0.300, 0.320 },
  .attitude = {
    { 1.000, 0.420, 0.380 },
    { 1.000, 0.640, 0.280 },
    { 0.600, 0.600, 0.620 },
    { 0.490, 0.840, 0.560 },
    { 0.341, 0.890, 0.537 },
  },
  .relation = {
    { 0.470, 0.680, 1.000 },
    { 0.341, 0.890, 0.537 },
    { 0.860, 0.540, 0.930 },
  },
  .warning = { 1.000, 0.760, 0.300 },
  .accent = { 0.470, 0.680, 1.000 },
  .status = { { 0.930, 0.300, 0.300 }, { 0.960, 0.700, 0.200 }, { 0.341, 0.800, 0.500 } },
  .badge = { 0.240, 0.280, 0.380 },
  .badge_text = { 0.820, 0.870, 1.000 },
  .meter_off = { 0.330, 0.330, 0.350 },
  .on_attitude = { 0.110, 0.110, 0.110 },
};

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static void
set_rgba (cairo_t   *cr,
          const Rgb *c,
          double     alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

/* Text ----------------------------------------------------------------------- */

typedef struct {
  PangoLayout          *layout;
  PangoFontDescription *font;
} Text;

static void
text_init (Text    *t,
           cairo_t *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  t->layout = pango_cairo_create_layout (cr);
  /* The same glyph positions at every scale: the map zooms. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (t->layout), options);
  pango_layout_context_changed (t->layout);
  cairo_font_options_destroy (options);
  t->font = pango_font_description_from_string ("Sans");
}

static void
text_clear (Text *t)
{
  g_clear_object (&t->layout);
  g_clear_pointer (&t->font, pango_font_description_free);
}

/* Sets the text and returns its logical size; @width < 0: no limit. */
static void
text_set (Text       *t,
          const char *s,
          double      size,
          gboolean    bold,
          double      width,
          double     *out_w,
          double     *out_h)
{
  int w, h;

  pango_font_description_set_absolute_size (t->font, size * PANGO_SCALE);
  pango_font_description_set_weight (t->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (t->layout, t->font);
  pango_layout_set_width (t->layout, width < 0 ? -1 : (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (t->layout, width < 0 ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  pango_layout_set_text (t->layout, s, -1);
  pango_layout_get_size (t->layout, &w, &h);
  if (out_w)
    *out_w = (double) w / PANGO_SCALE;
  if (out_h)
    *out_h = (double) h / PANGO_SCALE;
}

static void
text_show (Text    *t,
           cairo_t *cr,
           double   x,
           double   y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, t->layout);
}

static double
text_draw (Text       *t,
           cairo_t    *cr,
           const char *s,
           double      size,
           gboolean    bold,
           double      x,
           double      y,
           double      width)
{
  double w;

  text_set (t, s, size, bold, width, &w, NULL);
  text_show (t, cr, x, y);
  return w;
}

/* Words ---------------------------------------------------------------------- */

static const char *
role_short (KamRole role)
{
  switch (role)
    {
    case KAM_ROLE_ECONOMIC_BUYER:
      return C_("role badge", "Economic buyer");
    case KAM_ROLE_DECISION_MAKER:
      return C_("role badge", "Decision maker");
    case KAM_ROLE_TECHNICAL_BUYER:
      return C_("role badge", "Technical buyer");
    case KAM_ROLE_USER_BUYER:
      return C_("role badge", "User buyer");
    case KAM_ROLE_INFLUENCER:
      return C_("role badge", "Influencer");
    case KAM_ROLE_COACH:
      return C_("role badge", "Coach");
    case KAM_ROLE_GATEKEEPER:
      return C_("role badge", "Gatekeeper");
    case KAM_ROLE_NONE:
    default:
      return NULL;
    }
}

/* "AC" for Alex Chen, "陈" for 陈志远: Latin initials, else the first
 * character. */
static char *
initials (const char *name)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean start = TRUE;

  if (name == NULL || name[0] == '\0')
    return NULL;
  if (g_unichar_iswide (g_utf8_get_char (name)))
    return g_utf8_substring (name, 0, 1);
  for (const char *p = name; *p && s->len < 2; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-')
        start = TRUE;
      else if (start)
        {
          g_string_append_unichar (s, g_unichar_toupper (c));
          start = FALSE;
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Pieces --------------------------------------------------------------------- */

static void
draw_clock (cairo_t   *cr,
            double     cx,
            double     cy,
            double     r,
            const Rgb *c)
{
  set_rgb (cr, c);
  cairo_set_line_width (cr, 1.3);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_move_to (cr, cx, cy - r * 0.6);
  cairo_line_to (cr, cx, cy);
  cairo_line_to (cr, cx + r * 0.5, cy + r * 0.2);
  cairo_stroke (cr);
}

static void
draw_meter (cairo_t       *cr,
            const Palette *pal,
            double         x,
            double         y,
            int            strength)
{
  for (int i = 0; i < 4; i++)
    {
      double bh = 5 + 3 * i;

      set_rgb (cr, i < strength ? &pal->accent : &pal->meter_off);
      kam_chart_rounded_rect (cr, x + i * 6, y + 14 - bh, 4, bh, 1);
      cairo_fill (cr);
    }
}

static void
draw_attitude_badge (cairo_t       *cr,
                     Text          *t,
                     const Palette *pal,
                     double         cx,
                     double         cy,
                     double         r,
                     int            attitude)
{
  double tw, th;

  set_rgb (cr, &pal->attitude[attitude + 2]);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_fill (cr);
  text_set (t, kam_attitude_symbol (attitude), r * (ABS (attitude) == 2 ? 0.7 : 0.9), TRUE, -1, &tw, &th);
  set_rgb (cr, &pal->on_attitude);
  text_show (t, cr, cx - tw / 2, cy - th / 2);
}

static void
draw_card (cairo_t                      *cr,
           Text                         *t,
           const Palette                *pal,
           KamOrgChartData              *data,
           int                           index,
           const KamRect                *r,
           double                        scale)
{
  const KamMapContact *c = &g_array_index (data->contacts, KamMapContact, index);
  const Rgb *att = &pal->attitude[c->attitude + 2];
  double border = 0.5 + 0.9 * c->influence;
  gboolean stale = c->days_since_met < 0 || c->days_since_met > data->cadence_days;

  /* A block only, when cards are a few pixels wide. */
  if (scale * W < 40)
    {
      set_rgb (cr, att);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_fill (cr);
      return;
    }

  kam_chart_rounded_rect (cr, r->x, r->y, r->width, r->height, 10);
  set_rgb (cr, &pal->card);
  cairo_fill_preserve (cr);
  set_rgb (cr, att);
  cairo_set_line_width (cr, border);
  cairo_stroke (cr);

  if (scale * W < 110)
    {
      /* Name only, large enough to read. */
      draw_attitude_badge (cr, t, pal, r->x + 26, r->y + H / 2, 17, c->attitude);
      set_rgb (cr, &pal->text);
      text_set (t, c->name, 26, TRUE, W - 60, NULL, NULL);
      text_show (t, cr, r->x + 50, r->y + H / 2 - 17);
      return;
    }

  draw_attitude_badge (cr, t, pal, r->x + 24, r->y + 26, 14, c->attitude);

  /* days since met, top right */
  {
    g_autofree char *days = NULL;
    double tw;

    if (c->days_since_met < 0)
      days = g_strdup (C_("last met", "never"));
    else
      /* TRANSLATORS: days since last met, on a card of the contact map: "74 d" */
      days = g_strdup_printf (C_("last met", "%d d"), c->days_since_met);
    text_set (t, days, 10, stale, -1, &tw, NULL);
    set_rgb (cr, stale ? &pal->warning : &pal->dim);
    text_show (t, cr, r->x + W - 10 - tw, r->y + 10);
    if (stale)
      draw_clock (cr, r->x + W - 18 - tw, r->y + 17, 5, &pal->warning);
    set_rgb (cr, &pal->text);
    text_draw (t, cr, c->name, 14, TRUE, r->x + 46, r->y + 9, W - 46 - 30 - tw);
  }

  set_rgb (cr, &pal->dim);
  text_draw (t, cr, c->title, 11, FALSE, r->x + 46, r->y + 30, W - 56);

  /* bottom row: role badge, meter, owner */
  {
    const char *role = role_short (c->role);
    g_autofree char *owner = initials (c->owner_name);
    double by = r->y + H - 26;

    if (role != NULL)
      {
        double tw, th;

        text_set (t, role, 10, TRUE, W - 90, &tw, &th);
        set_rgb (cr, kam_role_is_decider (c->role) ? &pal->accent : &pal->badge);
        kam_chart_rounded_rect (cr, r->x + 10, by, tw + 14, 18, 9);
        cairo_fill (cr);
        if (kam_role_is_decider (c->role))
          cairo_set_source_rgb (cr, 1, 1, 1);
        else
          set_rgb (cr, &pal->badge_text);
        text_show (t, cr, r->x + 17, by + (18 - th) / 2);
      }

    draw_meter (cr, pal, r->x + W - 64, by + 2, c->strength);

    if (owner != NULL)
      {
        double tw, th;

        set_rgb (cr, &pal->badge);
        cairo_new_path (cr);
        cairo_arc (cr, r->x + W - 19, by + 9, 10, 0, 2 * G_PI);
        cairo_fill (cr);
        text_set (t, owner, 9, TRUE, -1, &tw, &th);
        set_rgb (cr, &pal->badge_text);
        text_show (t, cr, r->x + W - 19 - tw / 2, by + 9 - th / 2);
      }
  }
}

/* Where the line from the centre of @r towards @toward leaves @r. */
static KamPoint
border_point (const KamRect *r,
              double         tx,
              double         ty)
{
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  double dx = tx - cx, dy = ty - cy;
  double sx = dx != 0 ? (r->width / 2) / fabs (dx) : G_MAXDOUBLE;
  double sy = dy != 0 ? (r->height / 2) / fabs (dy) : G_MAXDOUBLE;
  double s = MIN (MIN (sx, sy), 1.0);

  return (KamPoint) { cx + dx * s, cy + dy * s };
}

static void
set_relation_style (cairo_t         *cr,
                    const Palette   *pal,
                    KamRelationKind  kind,
                    int              strength,
                    double           unit)
{
  const double dash_ally[] = { 8 * unit, 5 * unit };
  const double dash_rival[] = { 2 * unit, 4 * unit };

  /* Translucent over readable cards; opaque over blocks (cheaper). */
  set_rgba (cr, &pal->relation[CLAMP ((int) kind, 0, 2)], unit > 2 ? 1 : unit > 1 ? 0.55 : 0.9);
  cairo_set_line_width (cr, (0.5 + 1.2 * strength) * unit);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (unit > 2)
    /* Cards are blocks: kinds by colour alone (dashes across the whole
     * chart cost more than the rest of the drawing). */
    cairo_set_dash (cr, NULL, 0, 0);
  else if (kind == KAM_RELATION_ALLY)
    cairo_set_dash (cr, dash_ally, 2, 0);
  else if (kind == KAM_RELATION_RIVAL)
    cairo_set_dash (cr, dash_rival, 2, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

gboolean
kam_org_chart_get_relation_curve (KamOrgChart *chart,
                                  int          index,
                                  KamPoint     points[4])
{
  const KamMapRelation *rel;
  const KamRect *a, *b;
  double ax, ay, bx, by, dx, dy, len, bend, mx, my;

  if (index < 0 || index >= (int) chart->data->relations->len)
    return FALSE;
  rel = &g_array_index (chart->data->relations, KamMapRelation, index);
  a = &g_array_index (chart->rects, KamRect, rel->from);
  b = &g_array_index (chart->rects, KamRect, rel->to);
  ax = a->x + a->width / 2;
  ay = a->y + a->height / 2;
  bx = b->x + b->width / 2;
  by = b->y + b->height / 2;
  dx = bx - ax;
  dy = by - ay;
  len = hypot (dx, dy);
  if (len < 1)
    return FALSE;

  /* Bend to one side, the same for both directions of a pair. */
  bend = MIN (0.25 * len, 160);
  mx = (ax + bx) / 2 - dy / len * bend;
  my = (ay + by) / 2 + dx / len * bend;
  points[0] = border_point (a, mx, my);
  points[3] = border_point (b, mx, my);
  points[1] = (KamPoint) { points[0].x + (mx - points[0].x) * 0.8, points[0].y + (my - points[0].y) * 0.8 };
  points[2] = (KamPoint) { points[3].x + (mx - points[3].x) * 0.8, points[3].y + (my - points[3].y) * 0.8 };
  return TRUE;
}

int
kam_org_chart_hit_test_relation (KamOrgChart *chart,
                                 double       x,
                                 double       y,
                                 double       tolerance)
{
  int best = -1;
  double best_d = tolerance;

  for (guint i = 0; i < chart->data->relations->len; i++)
    {
      KamPoint c[4];

      if (!kam_org_chart_get_relation_curve (chart, i, c))
        continue;
      for (int k = 0; k <= 32; k++)
        {
          double t = k / 32.0, u = 1 - t;
          double px = u * u * u * c[0].x + 3 * u * u * t * c[1].x + 3 * u * t * t * c[2].x + t * t * t * c[3].x;
          double py = u * u * u * c[0].y + 3 * u * u * t * c[1].y + 3 * u * t * t * c[2].y + t * t * t * c[3].y;
          double d = hypot (px - x, py - y);

          if (d <= best_d)
            {
              best_d = d;
              best = i;
            }
        }
    }
  return best;
}

static void
draw_relation (cairo_t              *cr,
               const Palette        *pal,
               KamOrgChart          *chart,
               int                   index,
               double                scale,
               gboolean              selected)
{
  const KamMapRelation *rel = &g_array_index (chart->data->relations, KamMapRelation, index);
  double unit = MAX (1, 0.4 / scale);
  KamPoint c[4];

  if (!kam_org_chart_get_relation_curve (chart, index, c))
    return;

  if (selected)
    {
      set_rgba (cr, &pal->accent, 0.35);
      cairo_set_line_width (cr, (0.5 + 1.2 * rel->strength) * unit + 8 / scale);
      cairo_move_to (cr, c[0].x, c[0].y);
      cairo_curve_to (cr, c[1].x, c[1].y, c[2].x, c[2].y, c[3].x, c[3].y);
      cairo_stroke (cr);
    }

  /* Dashes and widths of at least screen size: sub-pixel dashes cost. */
  set_relation_style (cr, pal, rel->kind, rel->strength, unit);
  cairo_move_to (cr, c[0].x, c[0].y);
  cairo_curve_to (cr, c[1].x, c[1].y, c[2].x, c[2].y, c[3].x, c[3].y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  set_rgb (cr, &pal->relation[CLAMP ((int) rel->kind, 0, 2)]);
  kam_chart_arrow_head (cr, c[3].x, c[3].y, c[3].x - c[2].x, c[3].y - c[2].y, (8 + 2 * rel->strength) * unit);
  if (rel->kind == KAM_RELATION_ALLY)
    kam_chart_arrow_head (cr, c[0].x, c[0].y, c[0].x - c[1].x, c[0].y - c[1].y, (8 + 2 * rel->strength) * unit);
}

/* Decorations ------------------------------------------------------------------ */

static const char *
status_label (KamCoverageStatus status)
{
  switch (status)
    {
    case KAM_COVERAGE_GREEN:
      return C_("map status", "Green");
    case KAM_COVERAGE_AMBER:
      return C_("map status", "Amber");
    case KAM_COVERAGE_RED:
    default:
      return C_("map status", "Red");
    }
}

static void
draw_header (cairo_t       *cr,
             Text          *t,
             const Palette *pal,
             KamOrgChart   *chart,
             double         width)
{
  KamOrgChartData *data = chart->data;
  const KamCoverage *cov = &data->coverage;
  g_autofree char *score = g_strdup_printf ("%d", cov->score);
  g_autofree char *people = NULL;
  double x = MARGIN, y = 16, tw, th, flags_x;
  int line = 0;

  set_rgb (cr, &pal->text);
  text_draw (t, cr, data->account_name, 22, TRUE, x, y, width * 0.5 - MARGIN);

  /* TRANSLATORS: under the account's name on the contact map */
  people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Contact map · %u person", "Contact map · %u people",
                                         data->contacts->len), data->contacts->len);
  set_rgb (cr, &pal->dim);
  text_draw (t, cr, people, 12, FALSE, x, y + 32, width * 0.5 - MARGIN);

  /* score and status */
  y = 70;
  set_rgb (cr, &pal->dim);
  tw = text_draw (t, cr, _("Coverage"), 12, FALSE, x, y + 3, -1);
  x += tw + 8;
  set_rgb (cr, &pal->text);
  text_set (t, score, 20, TRUE, -1, &tw, &th);
  text_show (t, cr, x, y - 4);
  x += tw;
  set_rgb (cr, &pal->dim);
  tw = text_draw (t, cr, "/100", 12, FALSE, x + 2, y + 3, -1);
  x += tw + 16;

  text_set (t, status_label (cov->status), 12, TRUE, -1, &tw, &th);
  set_rgb (cr, &pal->status[cov->status]);
  kam_chart_rounded_rect (cr, x, y, tw + 34, 22, 11);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_new_path (cr);
  cairo_arc (cr, x + 13, y + 11, 4.5, 0, 2 * G_PI);
  cairo_fill (cr);
  text_show (t, cr, x + 24, y + (22 - th) / 2);
  x += tw + 34 + 10;
  set_rgb (cr, &pal->dim);
  text_draw (t, cr, kam_coverage_status_describe (cov->status), 12, FALSE, x, y + 3, MAX (40, width * 0.55 - x));

  /* red flags, right half */
  flags_x = width * 0.58;
  y = 16;
  set_rgb (cr, &pal->text);
  text_draw (t, cr, cov->flags ? _("Red flags") : _("No red flags"), 13, TRUE, flags_x, y, -1);
  for (int bit = 0; bit < KAM_COVERAGE_N_FLAGS; bit++)
    {
      KamCoverageFlags flag = 1 << bit;

      if (!(cov->flags & flag))
        continue;
      set_rgb (cr, &pal->status[KAM_COVERAGE_RED]);
      cairo_new_path (cr);
      cairo_arc (cr, flags_x + 4, y + 27 + 16 * line, 3, 0, 2 * G_PI);
      cairo_fill (cr);
      set_rgb (cr, &pal->text);
      text_draw (t, cr, kam_coverage_flag_describe (flag), 12, FALSE, flags_x + 14, y + 19 + 16 * line,
                 width - flags_x - 14 - MARGIN);
      line++;
    }

  set_rgb (cr, &pal->group_line);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, MARGIN, HEADER_HEIGHT - 0.5);
  cairo_line_to (cr, width - MARGIN, HEADER_HEIGHT - 0.5);
  cairo_stroke (cr);
}

static void
draw_legend (cairo_t       *cr,
             Text          *t,
             const Palette *pal,
             double         width,
             double         height)
{
  double y = height - LEGEND_HEIGHT + 12, x = MARGIN, tw;
  static const KamRelationKind kinds[] = { KAM_RELATION_INFLUENCES, KAM_RELATION_ALLY, KAM_RELATION_RIVAL };
  const char *kind_labels[] = { C_("relation", "Influences"), C_("relation", "Ally"), C_("relation", "Rival") };

  set_rgb (cr, &pal->group_line);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, MARGIN, height - LEGEND_HEIGHT + 0.5);
  cairo_line_to (cr, width - MARGIN, height - LEGEND_HEIGHT + 0.5);
  cairo_stroke (cr);

  for (int a = -2; a <= 2; a++)
    {
      draw_attitude_badge (cr, t, pal, x + 9, y + 10, 9, a);
      set_rgb (cr, &pal->text);
      tw = text_draw (t, cr, kam_attitude_label (a), 11, FALSE, x + 22, y + 3, -1);
      x += 22 + tw + 12;
    }
  x += 12;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      set_relation_style (cr, pal, kinds[k], 2, 1);
      cairo_move_to (cr, x, y + 10);
      cairo_line_to (cr, x + 26, y + 10);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      kam_chart_arrow_head (cr, x + 32, y + 10, 1, 0, 10);
      set_rgb (cr, &pal->text);
      tw = text_draw (t, cr, kind_labels[k], 11, FALSE, x + 38, y + 3, -1);
      x += 38 + tw + 12;
    }
  x += 12;

  draw_meter (cr, pal, x, y + 2, 3);
  set_rgb (cr, &pal->text);
  tw = text_draw (t, cr, _("Relationship 0–4"), 11, FALSE, x + 28, y + 3, -1);
  x += 28 + tw + 16;

  set_rgb (cr, &pal->dim);
  cairo_set_line_width (cr, 3.5);
  kam_chart_rounded_rect (cr, x, y + 3, 22, 14, 4);
  cairo_stroke (cr);
  set_rgb (cr, &pal->text);
  tw = text_draw (t, cr, _("Border: influence"), 11, FALSE, x + 30, y + 3, -1);
  x += 30 + tw + 16;

  draw_clock (cr, x + 6, y + 10, 5, &pal->warning);
  set_rgb (cr, &pal->text);
  text_draw (t, cr, _("Not met within cadence"), 11, FALSE, x + 16, y + 3, MAX (10, width - MARGIN - x - 16));
}

/* Drawing ---------------------------------------------------------------------- */

void
kam_org_chart_get_chart_area (KamOrgChart *chart,
                              double       width,
                              double       height,
                              gboolean     decorations,
                              KamRect     *area)
{
  double top = decorations ? HEADER_HEIGHT : 0, bottom = decorations ? LEGEND_HEIGHT : 0;

  area->x = MARGIN;
  area->y = top + MARGIN;
  area->width = MAX (1, width - 2 * MARGIN);
  area->height = MAX (1, height - top - bottom - 2 * MARGIN);
}

void
kam_org_chart_fit (KamOrgChart            *chart,
                   double                  width,
                   double                  height,
                   KamOrgChartDrawOptions *options)
{
  KamRect area;
  double scale = MAX_FIT_SCALE;

  memset (options, 0, sizeof *options);
  options->width = width;
  options->height = height;
  options->decorations = TRUE;
  options->selected = -1;
  options->focused = -1;
  options->selected_relation = -1;
  kam_org_chart_get_chart_area (chart, width, height, TRUE, &area);
  if (chart->width > 0)
    scale = MIN (scale, area.width / chart->width);
  if (chart->height > 0)
    scale = MIN (scale, area.height / chart->height);
  options->scale = scale;
  options->offset_x = area.x + (area.width - chart->width * scale) / 2;
  options->offset_y = area.y + (area.height - chart->height * scale) / 2;
}

static void
outline (cairo_t   *cr,
         const KamRect *r,
         const Rgb *c,
         double     width,
         double     gap)
{
  kam_chart_rounded_rect (cr, r->x - gap, r->y - gap, r->width + 2 * gap, r->height + 2 * gap, 10 + gap);
  set_rgb (cr, c);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

void
kam_org_chart_draw (KamOrgChart                  *chart,
                    cairo_t                      *cr,
                    const KamOrgChartDrawOptions *options)
{
  const Palette *pal = options->dark ? &dark : &light;
  KamOrgChartData *data = chart->data;
  double scale = options->scale > 0 ? options->scale : 1;
  double vx0, vy0, vx1, vy1;
  Text t;

  cairo_save (cr);
  set_rgb (cr, &pal->background);
  cairo_paint (cr);

  if (data->contacts->len == 0)
    {
      double tw, th;

      text_init (&t, cr);
      set_rgb (cr, &pal->text);
      text_set (&t, _("No contacts yet"), 20, TRUE, -1, &tw, &th);
      text_show (&t, cr, (options->width - tw) / 2, options->height / 2 - th);
      set_rgb (cr, &pal->dim);
      text_set (&t, _("Add the people of this account and whom they report to, and their map appears here."),
                13, FALSE, -1, &tw, NULL);
      text_show (&t, cr, MAX (MARGIN, (options->width - tw) / 2), options->height / 2 + 6);
      if (options->decorations)
        draw_header (cr, &t, pal, chart, options->width);
      text_clear (&t);
      cairo_restore (cr);
      return;
    }

  /* The chart, in chart units; only what is in view. */
  cairo_save (cr);
  if (options->decorations)
    {
      cairo_rectangle (cr, 0, HEADER_HEIGHT, options->width, options->height - HEADER_HEIGHT - LEGEND_HEIGHT);
      cairo_clip (cr);
    }
  cairo_translate (cr, options->offset_x, options->offset_y);
  cairo_scale (cr, scale, scale);
  cairo_clip_extents (cr, &vx0, &vy0, &vx1, &vy1);
  text_init (&t, cr);

  for (guint i = 0; i < chart->groups->len; i++)
    {
      const KamOrgChartGroup *g = &g_array_index (chart->groups, KamOrgChartGroup, i);
      const double dash[] = { 6 * MAX (1, 1 / scale), 4 * MAX (1, 1 / scale) };

      kam_chart_rounded_rect (cr, g->rect.x, g->rect.y, g->rect.width, g->rect.height, 14);
      set_rgb (cr, &pal->group_fill);
      cairo_fill_preserve (cr);
      set_rgb (cr, &pal->group_line);
      cairo_set_line_width (cr, 1.5 * MAX (1, 1 / scale));
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (scale * W >= 40)
        {
          set_rgb (cr, &pal->dim);
          text_draw (&t, cr, g->label, scale * W < 110 ? 26 : 14, TRUE, g->rect.x + 16, g->rect.y + 10,
                     g->rect.width - 32);
        }
    }

  /* tree edges; when cards are blocks, edges are about a pixel wide and
   * straight joins do (round ones cost a third of the whole drawing) */
  set_rgb (cr, &pal->edge);
  cairo_set_line_width (cr, MAX (1.5, 1.2 / scale));
  cairo_set_line_join (cr, scale * W < 40 ? CAIRO_LINE_JOIN_MITER : CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < chart->edges->len; i++)
    {
      const KamOrgChartEdge *e = &g_array_index (chart->edges, KamOrgChartEdge, i);
      const KamPoint *pts = &g_array_index (chart->points, KamPoint, e->first_point);
      double minx = pts[0].x, maxx = pts[0].x, miny = pts[0].y, maxy = pts[0].y;

      for (guint k = 1; k < e->n_points; k++)
        {
          minx = MIN (minx, pts[k].x);
          maxx = MAX (maxx, pts[k].x);
          miny = MIN (miny, pts[k].y);
          maxy = MAX (maxy, pts[k].y);
        }
      if (maxx < vx0 || minx > vx1 || maxy < vy0 || miny > vy1)
        continue;
      cairo_move_to (cr, pts[0].x, pts[0].y);
      for (guint k = 1; k < e->n_points; k++)
        cairo_line_to (cr, pts[k].x, pts[k].y);
    }
  cairo_stroke (cr);

  if (scale * W < 40)
    {
      /* Blocks: one fill per attitude. */
      for (int a = -2; a <= 2; a++)
        {
          for (guint i = 0; i < chart->rects->len; i++)
            {
              const KamRect *r = &g_array_index (chart->rects, KamRect, i);

              if (g_array_index (data->contacts, KamMapContact, i).attitude != a
                  || r->x + r->width < vx0 || r->x > vx1 || r->y + r->height < vy0 || r->y > vy1)
                continue;
              cairo_rectangle (cr, r->x, r->y, r->width, r->height);
            }
          set_rgb (cr, &pal->attitude[a + 2]);
          cairo_fill (cr);
        }
    }
  else
    for (guint i = 0; i < chart->rects->len; i++)
      {
        const KamRect *r = &g_array_index (chart->rects, KamRect, i);

        if (r->x + r->width < vx0 || r->x > vx1 || r->y + r->height < vy0 || r->y > vy1)
          continue;
        draw_card (cr, &t, pal, data, i, r, scale);
      }

  for (guint i = 0; i < data->relations->len; i++)
    draw_relation (cr, pal, chart, i, scale, (int) i == options->selected_relation);

  if (options->selected >= 0 && options->selected < (int) chart->rects->len)
    outline (cr, &g_array_index (chart->rects, KamRect, options->selected), &pal->accent, 4, 5);
  if (options->focused >= 0 && options->focused < (int) chart->rects->len)
    {
      static const double dash[] = { 4, 3 };

      cairo_set_dash (cr, dash, 2, 0);
      outline (cr, &g_array_index (chart->rects, KamRect, options->focused), &pal->text, 2, 10);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  text_clear (&t);
  cairo_restore (cr);

  if (options->decorations)
    {
      text_init (&t, cr);
      draw_header (cr, &t, pal, chart, options->width);
      draw_legend (cr, &t, pal, options->width, options->height);
      text_clear (&t);
    }
  cairo_restore (cr);
}

/* Export ----------------------------------------------------------------------- */

typedef struct {
  GOutputStream *stream;
  GError        *error;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *bytes,
          unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, bytes, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
kam_org_chart_export (KamOrgChart        *chart,
                      GFile              *file,
                      KamOrgChartFormat   format,
                      int                 width,
                      int                 height,
                      gboolean            dark_style,
                      GError            **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  KamOrgChartDrawOptions options;
  cairo_surface_t *surface;
  cairo_status_t status;
  Sink sink = { NULL, NULL };
  cairo_t *cr;

  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    {
      g_prefix_error (error, _("Cannot write “%s”: "), name);
      return FALSE;
    }
  sink.stream = G_OUTPUT_STREAM (out);

  switch (format)
    {
    case KAM_ORG_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_cb, &sink, width, height);
      break;
    case KAM_ORG_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_cb, &sink, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->data->account_name);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Key Accounts");
      break;
    case KAM_ORG_CHART_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  kam_org_chart_fit (chart, width, height, &options);
  options.dark = dark_style;
  cr = cairo_create (surface);
  kam_org_chart_draw (chart, cr, &options);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (format == KAM_ORG_CHART_FORMAT_PNG && status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_cb, &sink);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&sink.error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
  if (sink.error == NULL)
    g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &sink.error);
  else
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      /* Leave what was there: a cancelled close does not replace it. */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (out), cancel, NULL);
    }

  if (sink.error != NULL)
    {
      g_propagate_prefixed_error (error, sink.error, _("Cannot write “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}
