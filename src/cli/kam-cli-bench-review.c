/* kam-cli-bench-review.c — the review deck's part of kam bench
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the bench's database (kam generate -n 20000 for the figure that
 * matters): building the deck of this quarter for the whole team (the
 * numbers, the lists and 20 account slides with their contact maps), then
 * drawing each slide on a 1920 × 1080 image surface, as review mode does
 * when it turns a page, and writing the whole deck as a PDF.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <glib/gstdio.h>

#include "kam-analytics.h"
#include "kam-cli.h"
#include "kam-review.h"

gboolean kam_cli_bench_review (KamStore *store, JsonBuilder *b, int rounds, const GDate *today, GError **error);

static void
add_ms (JsonBuilder *b,
        const char  *name,
        double       ms)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, (double) (gint64) (ms * 1000 + 0.5) / 1000);
}

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

gboolean
kam_cli_bench_review (KamStore     *store,
                      JsonBuilder  *b,
                      int           rounds,
                      const GDate  *today,
                      GError      **error)
{
  g_autoptr(GArray) build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) slides = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) slowest = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1920, 1080);
  KamReviewOptions options;
  KamReviewStyle style;
  guint n_slides = 0, n_accounts = 0;
  gboolean ok = FALSE;

  kam_review_options_init (&options);
  options.period = (KamPeriod) { g_date_get_year (today), (g_date_get_month (today) - 1) / 3 * 3 + 1, 3 };
  kam_review_style_init (&style);
  dir = g_dir_make_tmp ("kam-bench-review-XXXXXX", error);
  if (dir == NULL)
    goto out;
  path = g_build_filename (dir, "deck.pdf", NULL);

  for (int r = 0; r < rounds; r++)
    {
      g_autoptr(KamReviewDeck) deck = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms, max = 0;

      deck = kam_review_deck_build (store, &options, today, error);
      if (deck == NULL)
        goto out;
      ms = since (start);
      g_array_append_val (build, ms);
      n_slides = kam_review_deck_get_n_slides (deck);
      n_accounts = deck->n_scope_accounts;

      for (guint i = 0; i < n_slides; i++)
        {
          cairo_t *cr = cairo_create (surface);

          start = g_get_monotonic_time ();
          kam_review_draw_slide (deck, i, cr, 1920, 1080, &style);
          cairo_surface_flush (surface);
          ms = since (start);
          cairo_destroy (cr);
          g_array_append_val (slides, ms);
          max = MAX (max, ms);
        }
      g_array_append_val (slowest, max);

      start = g_get_monotonic_time ();
      if (!kam_review_export_pdf (deck, path, 960, 540, FALSE, error))
        goto out;
      ms = since (start);
      g_array_append_val (pdf, ms);
    }

  json_builder_set_member_name (b, "review");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "accounts");
  json_builder_add_int_value (b, n_accounts);
  json_builder_set_member_name (b, "slides");
  json_builder_add_int_value (b, n_slides);
  add_ms (b, "build", kam_median (build));
  add_ms (b, "draw_slide_1920x1080", kam_median (slides));
  add_ms (b, "draw_slowest_slide_1920x1080", kam_median (slowest));
  add_ms (b, "pdf", kam_median (pdf));
  json_builder_end_object (b);
  ok = TRUE;

out:
  if (path != NULL)
    g_unlink (path);
  if (dir != NULL)
    g_rmdir (dir);
  cairo_surface_destroy (surface);
  return ok;
}
