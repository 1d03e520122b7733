/* kam-cli-bench-map.c — the contact map's part of kam bench
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a temporary database, one account with an organisation of 2,000
 * people (kam_generate_org()): loading its map, laying it out, and drawing
 * it whole on a 1920 × 1080 image surface, fitted (what the map shows when
 * opened) and at 100 % (a window's worth of full cards, zoomed in).
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <glib/gstdio.h>

#include "kam-analytics.h"
#include "kam-cli.h"
#include "kam-generate-org.h"
#include "kam-generate.h"
#include "kam-model.h"
#include "kam-org-chart.h"

#define MAP_PEOPLE 2000

int kam_cli_bench_map (JsonBuilder *b, int rounds, const GDate *today, GError **error);

static void
add_median (JsonBuilder *b,
            const char  *name,
            GArray      *samples)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, (double) (gint64) (kam_median (samples) * 1000 + 0.5) / 1000);
}

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
run (KamStore     *store,
     JsonBuilder  *b,
     int           rounds,
     const GDate  *today,
     GError      **error)
{
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *account = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  KamGenerateOptions opts;
  guint n_people = 0;
  double width = 0, height = 0;

  kam_generate_options_init (&opts);
  opts.n_accounts = 1;
  opts.today = *today;
  if (!kam_generate (store, &opts, NULL, NULL, error))
    goto fail;
  accounts = kam_store_load_all (store, &kam_account_kind, error);
  if (accounts == NULL || accounts->len == 0)
    goto fail;
  account = g_strdup (kam_record_get_id (accounts->pdata[0]));
  if (!kam_generate_org (store, account, MAP_PEOPLE, 1, today, error))
    goto fail;

  for (int r = 0; r < rounds; r++)
    {
      g_autoptr(KamOrgChart) chart = NULL;
      KamOrgChartData *data;
      KamOrgChartDrawOptions options;
      gint64 start = g_get_monotonic_time ();
      double ms;
      cairo_t *cr;

      data = kam_org_chart_data_load (store, account, today, error);
      if (data == NULL)
        goto fail;
      ms = since (start);
      g_array_append_val (load, ms);
      n_people = data->contacts->len;

      start = g_get_monotonic_time ();
      chart = kam_org_chart_layout (data);
      ms = since (start);
      g_array_append_val (layout, ms);
      kam_org_chart_get_size (chart, &width, &height);

      kam_org_chart_fit (chart, 1920, 1080, &options);
      cr = cairo_create (surface);
      start = g_get_monotonic_time ();
      kam_org_chart_draw (chart, cr, &options);
      cairo_surface_flush (surface);
      ms = since (start);
      g_array_append_val (fit, ms);

      options.scale = 1;
      options.offset_x = 0;
      options.offset_y = 0;
      start = g_get_monotonic_time ();
      kam_org_chart_draw (chart, cr, &options);
      cairo_surface_flush (surface);
      ms = since (start);
      g_array_append_val (full, ms);
      cairo_destroy (cr);
    }

  json_builder_set_member_name (b, "map");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "people");
  json_builder_add_int_value (b, n_people);
  json_builder_set_member_name (b, "size");
  {
    g_autofree char *size = g_strdup_printf ("%.0f×%.0f", width, height);

    json_builder_add_string_value (b, size);
  }
  add_median (b, "load", load);
  add_median (b, "layout", layout);
  add_median (b, "redraw_fit_1920x1080", fit);
  add_median (b, "redraw_100_1920x1080", full);
  json_builder_end_object (b);

  cairo_surface_destroy (surface);
  return TRUE;

fail:
  cairo_surface_destroy (surface);
  return FALSE;
}

int
kam_cli_bench_map (JsonBuilder  *b,
                   int           rounds,
                   const GDate  *today,
                   GError      **error)
{
  g_autofree char *dir = g_dir_make_tmp ("kam-bench-map-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(KamStore) store = NULL;
  gboolean ok = FALSE;
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "map.db", NULL);
  store = kam_store_open (path, error);
  if (store != NULL)
    ok = run (store, b, rounds, today, error);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  return ok;
}
