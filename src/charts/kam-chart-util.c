/* kam-chart-util.c — palette, round ticks, money, export
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-charts"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kam-chart.h"

/* GNOME's palette (the HIG colours), light and dark. */
static const guint32 palette[KAM_CHART_N_COLORS][2] = {
  [KAM_CHART_COLOR_BACKGROUND] = { 0xffffff, 0x242424 },
  [KAM_CHART_COLOR_TEXT]       = { 0x241f31, 0xffffff },
  [KAM_CHART_COLOR_DIM_TEXT]   = { 0x5e5c64, 0xc0bfbc },
  [KAM_CHART_COLOR_GRID]       = { 0xdeddda, 0x3d3846 },
  [KAM_CHART_COLOR_WON]        = { 0x26a269, 0x33d17a },
  [KAM_CHART_COLOR_OPEN]       = { 0x3584e4, 0x62a0ea },
  [KAM_CHART_COLOR_TARGET]     = { 0xc01c28, 0xf66151 },
  [KAM_CHART_COLOR_LOST]       = { 0x9a9996, 0x77767b },
  [KAM_CHART_COLOR_LINE]       = { 0xc64600, 0xffa348 },
  [KAM_CHART_COLOR_BAND_A]     = { 0xe3f4ea, 0x1f3a2b },
  [KAM_CHART_COLOR_BAND_B]     = { 0xfcf3d5, 0x3d3520 },
  [KAM_CHART_COLOR_BAND_C]     = { 0xf0efee, 0x323232 },
};

guint32
kam_chart_color (KamChartColor color,
                 gboolean      dark)
{
  g_return_val_if_fail (color < KAM_CHART_N_COLORS, 0);
  return palette[color][dark ? 1 : 0];
}

void
kam_chart_style_init (KamChartStyle *style)
{
  memset (style, 0, sizeof *style);
  style->font_scale = 1.0;
}

static const struct {
  const char *name;
  const char *title;
} kinds[KAM_CHART_N_KINDS] = {
  [KAM_CHART_FUNNEL] = { "funnel", N_("Pipeline by stage") },
  [KAM_CHART_FORECAST] = { "forecast", N_("Forecast by month") },
  [KAM_CHART_FORECAST_QUARTERS] = { "forecast-quarters", N_("Forecast by quarter") },
  [KAM_CHART_WIN_RATE] = { "winrate", N_("Win rate by quarter") },
  [KAM_CHART_PARETO] = { "pareto", N_("ABC analysis of the portfolio") },
};

const char *
kam_chart_kind_title (KamChartKind kind)
{
  g_return_val_if_fail (kind < KAM_CHART_N_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].title);
}

const char *
kam_chart_kind_to_string (KamChartKind kind)
{
  g_return_val_if_fail (kind < KAM_CHART_N_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
kam_chart_kind_from_string (const char   *text,
                            KamChartKind *kind)
{
  for (guint i = 0; i < KAM_CHART_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

double
kam_chart_nice_ticks (double  max,
                      int     wanted,
                      double *top,
                      int    *n_steps)
{
  double raw, magnitude, fraction, step;

  if (!(max > 0) || !isfinite (max))
    max = 1;
  if (wanted < 1)
    wanted = 1;

  raw = max / wanted;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction <= 1)
    step = 1;
  else if (fraction <= 2)
    step = 2;
  else if (fraction <= 2.5)
    step = 2.5;
  else if (fraction <= 5)
    step = 5;
  else
    step = 10;
  step *= magnitude;

  *n_steps = MAX (1, (int) ceil (max / step - 1e-9));
  *top = *n_steps * step;
  return step;
}

static gboolean
locale_is_chinese (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

static const char *
currency_symbol (const char *currency)
{
  static const struct { const char *code, *symbol; } symbols[] = {
    { "CNY", "¥" }, { "RMB", "¥" }, { "USD", "$" }, { "EUR", "€" },
    { "GBP", "£" }, { "JPY", "JP¥" }, { "HKD", "HK$" },
  };

  if (currency == NULL || *currency == '\0')
    return "¥";
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_ascii_strcasecmp (currency, symbols[i].code) == 0)
      return symbols[i].symbol;
  return NULL;
}

/* 1234567 -> "1,234,567" */
static void
append_grouped (GString *out,
                double   value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", floor (value + 0.5));
  size_t len = strlen (digits);

  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
}

/* 12.50 -> "12.5", 3 significant digits at most */
static void
append_short (GString *out,
              double   value)
{
  int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  g_autofree char *text = g_strdup_printf ("%.*f", decimals, value);
  char *end = text + strlen (text);

  if (decimals > 0)
    {
      while (end > text && end[-1] == '0')
        *--end = '\0';
      if (end > text && (end[-1] == '.' || end[-1] == ','))
        *--end = '\0';
    }
  g_string_append (out, text);
}

char *
kam_chart_format_money (double      amount,
                        const char *currency,
                        gboolean    compact,
                        int         chinese)
{
  GString *out = g_string_new (NULL);
  const char *symbol = currency_symbol (currency);
  double value = fabs (amount);

  if (!isfinite (amount))
    value = 0;
  if (chinese < 0)
    chinese = locale_is_chinese ();

  if (amount < 0 && floor (value + 0.5) > 0)
    g_string_append_c (out, '-');
  if (symbol != NULL)
    g_string_append (out, symbol);
  else
    g_string_append_printf (out, "%s ", currency);

  if (!compact)
    append_grouped (out, value);
  else if (chinese)
    {
      /* Chinese counts in 万 (10^4) and 亿 (10^8) */
      if (value >= 1e8)
        {
          append_short (out, value / 1e8);
          g_string_append (out, "亿");
        }
      else if (value >= 1e4)
        {
          append_short (out, value / 1e4);
          g_string_append (out, "万");
        }
      else
        append_grouped (out, value);
    }
  else
    {
      if (value >= 1e9)
        {
          append_short (out, value / 1e9);
          g_string_append_c (out, 'B');
        }
      else if (value >= 1e6)
        {
          append_short (out, value / 1e6);
          g_string_append_c (out, 'M');
        }
      else if (value >= 1e3)
        {
          append_short (out, value / 1e3);
          g_string_append_c (out, 'K');
        }
      else
        append_grouped (out, value);
    }

  return g_string_free (out, FALSE);
}

gboolean
kam_chart_export (const KamChartData   *data,
                  const KamChartStyle  *style,
                  const char           *path,
                  int                   width,
                  int                   height,
                  GError              **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  KamChartStyle file_style = *style;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png = FALSE;

  if (width < 1 || height < 1 || width > 16384 || height > 16384)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A chart must be between 1 and 16384 pixels wide and high"));
      return FALSE;
    }

  if (g_str_has_suffix (lower, ".png"))
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      png = TRUE;
    }
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    {
      surface = cairo_pdf_surface_create (path, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, kam_chart_kind_title (data->kind));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Key Accounts");
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot tell the format of %s: name it .png, .svg or .pdf"), path);
      return FALSE;
    }

  /* a file has no widget behind it to give a background */
  file_style.background = TRUE;
  cr = cairo_create (surface);
  kam_chart_draw (cr, width, height, data, &file_style, NULL);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  if (png && cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write the chart to %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

void
kam_chart_rounded_rect (cairo_t *cr,
                        double   x,
                        double   y,
                        double   width,
                        double   height,
                        double   radius)
{
  radius = MAX (0, MIN (radius, MIN (width, height) / 2));
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
kam_chart_arrow_head (cairo_t *cr,
                      double   x,
                      double   y,
                      double   dx,
                      double   dy,
                      double   size)
{
  double len = hypot (dx, dy);

  if (len < 1e-6)
    return;
  dx /= len;
  dy /= len;
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - dx * size - dy * size * 0.5, y - dy * size + dx * size * 0.5);
  cairo_line_to (cr, x - dx * size + dy * size * 0.5, y - dy * size - dx * size * 0.5);
  cairo_close_path (cr);
  cairo_fill (cr);
}
