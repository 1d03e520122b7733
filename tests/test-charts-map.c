/* test-charts-map.c — the contact map: layout geometry, drawing, export
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Geometry is checked on the rectangles and edges the layout reports, the
 * drawing on the pixels of an image surface, and exported files with their
 * own readers (PNG: cairo's; SVG and PDF: their headers here, python3 and
 * pdfinfo in test-cli.sh).  With KAM_SCREENSHOT_DIR set, the screenshots
 * test writes maps of a 12-person and a 300-person account, light and dark
 * (prefixed by KAM_SCREENSHOT_PREFIX, "zh_CN-" for the Chinese run).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "kam-coverage-advice.h"
#include "kam-generate-org.h"
#include "kam-generate.h"
#include "kam-insights.h"
#include "kam-model.h"
#include "kam-org-chart.h"

#define EPS 1e-6

/* Data by hand ------------------------------------------------------------- */

static void
add_person (KamOrgChartData *data,
            const char      *id,
            const char      *name,
            const char      *reports_to,
            KamRole          role,
            int              influence,
            int              attitude,
            int              strength,
            int              days)
{
  KamMapContact c = {
    .id = (char *) id, .name = (char *) name, .title = (char *) "Title",
    .department = (char *) "IT", .reports_to_id = (char *) reports_to,
    .owner_name = (char *) "Alex Chen",
    .role = role, .influence = influence, .attitude = attitude, .strength = strength,
    .days_since_met = days,
  };

  kam_org_chart_data_add_contact (data, &c);
}

/* ceo -> 3 vps; vp1 -> 2 managers; m1 -> 2 staff; vp3 -> 7 staff (a grid) */
static KamOrgChartData *
small_org (void)
{
  KamOrgChartData *data = kam_org_chart_data_new ("Test Account", 30);

  add_person (data, "ceo", "Ceo", NULL, KAM_ROLE_ECONOMIC_BUYER, 5, 1, 3, 10);
  add_person (data, "vp1", "Vp1", "ceo", KAM_ROLE_DECISION_MAKER, 4, 0, 2, 40);
  add_person (data, "vp2", "Vp2", "ceo", KAM_ROLE_NONE, 3, -2, 0, -1);
  add_person (data, "vp3", "Vp3", "ceo", KAM_ROLE_TECHNICAL_BUYER, 4, 2, 4, 5);
  add_person (data, "m1", "M1", "vp1", KAM_ROLE_NONE, 3, 0, 1, 5);
  add_person (data, "m2", "M2", "vp1", KAM_ROLE_COACH, 2, 2, 3, 5);
  add_person (data, "s1", "S1", "m1", KAM_ROLE_NONE, 1, 0, 0, -1);
  add_person (data, "s2", "S2", "m1", KAM_ROLE_NONE, 1, 1, 0, -1);
  for (int i = 0; i < 7; i++)
    {
      g_autofree char *id = g_strdup_printf ("g%d", i);

      add_person (data, id, id, "vp3", KAM_ROLE_NONE, 1, 0, 1, 3);
    }
  kam_org_chart_data_add_relation (data, 2, 1, KAM_RELATION_INFLUENCES, 3);
  kam_org_chart_data_add_relation (data, 5, 3, KAM_RELATION_ALLY, 1);
  kam_org_chart_data_add_relation (data, 6, 9, KAM_RELATION_RIVAL, 2);
  kam_org_chart_data_update_coverage (data);
  return data;
}

/* Geometry checks ------------------------------------------------------------ */

static gboolean
rects_overlap (const KamRect *a,
               const KamRect *b)
{
  return a->x < b->x + b->width - EPS && b->x < a->x + a->width - EPS
      && a->y < b->y + b->height - EPS && b->y < a->y + a->height - EPS;
}

/* A segment (axis-aligned) through the inside of a card. */
static gboolean
segment_hits (const KamPoint *p,
              const KamPoint *q,
              const KamRect  *r)
{
  double x0 = MIN (p->x, q->x), x1 = MAX (p->x, q->x);
  double y0 = MIN (p->y, q->y), y1 = MAX (p->y, q->y);

  return x0 < r->x + r->width - EPS && x1 > r->x + EPS && y0 < r->y + r->height - EPS && y1 > r->y + EPS;
}

static void
check_geometry (KamOrgChart *chart)
{
  KamOrgChartData *data = kam_org_chart_get_data (chart);
  int n = data->contacts->len;
  guint n_edges = kam_org_chart_get_n_edges (chart);
  g_autofree double *min_bus = g_new (double, MAX (n, 1));
  g_autofree double *max_bus = g_new (double, MAX (n, 1));
  g_autofree double *first_row = g_new (double, MAX (n, 1));
  int n_with_parent = 0;
  double width, height;

  kam_org_chart_get_size (chart, &width, &height);

  /* Every card in the chart, no two overlapping. */
  for (int i = 0; i < n; i++)
    {
      KamRect a;

      g_assert_true (kam_org_chart_get_node_rect (chart, i, &a));
      g_assert_cmpfloat (a.width, ==, KAM_ORG_CHART_NODE_WIDTH);
      g_assert_cmpfloat (a.x, >=, -EPS);
      g_assert_cmpfloat (a.y, >=, -EPS);
      g_assert_cmpfloat (a.x + a.width, <=, width + EPS);
      g_assert_cmpfloat (a.y + a.height, <=, height + EPS);
      for (int j = i + 1; j < n; j++)
        {
          KamRect b;

          kam_org_chart_get_node_rect (chart, j, &b);
          if (rects_overlap (&a, &b))
            g_error ("cards %d and %d overlap", i, j);
        }
      if (kam_org_chart_get_parent (chart, i) >= 0)
        n_with_parent++;
      min_bus[i] = G_MAXDOUBLE;
      max_bus[i] = -G_MAXDOUBLE;
    }

  /* One edge per reporting line, from the manager's bottom centre to the
   * report's top centre, axis-aligned, through no other card. */
  g_assert_cmpuint (n_edges, ==, n_with_parent);
  for (guint e = 0; e < n_edges; e++)
    {
      int parent, child;
      guint np;
      const KamPoint *pts = kam_org_chart_get_edge (chart, e, &parent, &child, &np);
      KamRect pr, cr;

      g_assert_cmpint (kam_org_chart_get_parent (chart, child), ==, parent);
      kam_org_chart_get_node_rect (chart, parent, &pr);
      kam_org_chart_get_node_rect (chart, child, &cr);
      g_assert_cmpuint (np, >=, 2);
      g_assert_cmpfloat_with_epsilon (pts[0].x, pr.x + pr.width / 2, EPS);
      g_assert_cmpfloat_with_epsilon (pts[0].y, pr.y + pr.height, EPS);
      g_assert_cmpfloat_with_epsilon (pts[np - 1].x, cr.x + cr.width / 2, EPS);
      g_assert_cmpfloat_with_epsilon (pts[np - 1].y, cr.y, EPS);
      g_assert_cmpfloat (cr.y, >, pr.y + pr.height);
      for (guint k = 0; k + 1 < np; k++)
        {
          g_assert_true (fabs (pts[k].x - pts[k + 1].x) < EPS || fabs (pts[k].y - pts[k + 1].y) < EPS);
          for (int o = 0; o < n; o++)
            {
              KamRect r;

              if (o == parent || o == child)
                continue;
              kam_org_chart_get_node_rect (chart, o, &r);
              if (segment_hits (&pts[k], &pts[k + 1], &r))
                g_error ("the edge %d -> %d runs through card %d", parent, child, o);
            }
        }
    }

  /* pts[2]: where the edge leaves the manager's bus, for the reports in the
   * first row under the manager (wrapped rows hang from a line on the left) */
  for (int i = 0; i < n; i++)
    first_row[i] = G_MAXDOUBLE;
  for (guint e = 0; e < n_edges; e++)
    {
      int parent, child;
      KamRect cr;

      kam_org_chart_get_edge (chart, e, &parent, &child, NULL);
      kam_org_chart_get_node_rect (chart, child, &cr);
      first_row[parent] = MIN (first_row[parent], cr.y);
    }
  for (guint e = 0; e < n_edges; e++)
    {
      int parent, child;
      const KamPoint *pts = kam_org_chart_get_edge (chart, e, &parent, &child, NULL);
      KamRect cr;

      kam_org_chart_get_node_rect (chart, child, &cr);
      if (cr.y > first_row[parent] + EPS)
        continue;
      min_bus[parent] = MIN (min_bus[parent], pts[2].x);
      max_bus[parent] = MAX (max_bus[parent], pts[2].x);
    }

  /* Each manager centred over their reports. */
  for (int i = 0; i < n; i++)
    if (min_bus[i] <= max_bus[i])
      {
        KamRect r;

        kam_org_chart_get_node_rect (chart, i, &r);
        g_assert_cmpfloat_with_epsilon (r.x + r.width / 2, (min_bus[i] + max_bus[i]) / 2, EPS);
      }

  /* The buses of two managers at the same height do not share any span. */
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      {
        KamRect a, b;

        if (min_bus[i] > max_bus[i] || min_bus[j] > max_bus[j])
          continue;
        kam_org_chart_get_node_rect (chart, i, &a);
        kam_org_chart_get_node_rect (chart, j, &b);
        if (fabs (a.y - b.y) > EPS)
          continue;
        g_assert_true (max_bus[i] < min_bus[j] - EPS || max_bus[j] < min_bus[i] - EPS);
      }
}

/* Tests ----------------------------------------------------------------------- */

static void
test_layout_small (void)
{
  g_autoptr(KamOrgChart) chart = kam_org_chart_layout (small_org ());
  KamRect ceo, vp1, vp2, vp3, m1, m2, g0, g6;
  double width, height;

  check_geometry (chart);
  g_assert_cmpuint (kam_org_chart_get_n_groups (chart), ==, 0);
  g_assert_cmpuint (kam_org_chart_get_n_cycles_broken (chart), ==, 0);

  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "ceo"), &ceo);
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "vp1"), &vp1);
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "vp2"), &vp2);
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "vp3"), &vp3);
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "m1"), &m1);
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "m2"), &m2);
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "g0"), &g0);
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "g6"), &g6);

  /* levels top-down, siblings on one row, in order */
  g_assert_cmpfloat (ceo.y, ==, 0);
  g_assert_cmpfloat (vp1.y, ==, vp2.y);
  g_assert_cmpfloat (vp2.y, ==, vp3.y);
  g_assert_cmpfloat (m1.y, ==, m2.y);
  g_assert_cmpfloat (vp1.x, <, vp2.x);
  g_assert_cmpfloat (vp2.x, <, vp3.x);
  /* the manager centred over the vps */
  g_assert_cmpfloat_with_epsilon (ceo.x + ceo.width / 2, (vp1.x + vp3.x + vp3.width) / 2, EPS);
  /* seven staff of vp3 in a grid: two columns, four rows */
  g_assert_cmpfloat (g6.y, >, g0.y);
  g_assert_cmpfloat (g0.y, ==, m1.y);

  kam_org_chart_get_size (chart, &width, &height);
  g_assert_cmpfloat (width, <, 9 * KAM_ORG_CHART_NODE_WIDTH);

  /* hit test */
  g_assert_cmpint (kam_org_chart_hit_test (chart, vp2.x + 5, vp2.y + 5), ==, kam_org_chart_find_node (chart, "vp2"));
  g_assert_cmpint (kam_org_chart_hit_test (chart, -10, -10), ==, -1);
  g_assert_cmpint (kam_org_chart_find_node (chart, "nobody"), ==, -1);
}

static void
test_layout_wide (void)
{
  KamOrgChartData *data = kam_org_chart_data_new ("Wide", 30);
  g_autoptr(KamOrgChart) chart = NULL;
  double width, height;

  /* one manager with 60 direct reports, 3 of whom have reports too */
  add_person (data, "boss", "Boss", NULL, KAM_ROLE_NONE, 3, 0, 0, -1);
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%02d", i);

      add_person (data, id, id, "boss", KAM_ROLE_NONE, 3, 0, 0, -1);
    }
  for (int i = 0; i < 9; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%d", i);
      g_autofree char *boss = g_strdup_printf ("r%02d", i * 20 % 60);

      add_person (data, id, id, boss, KAM_ROLE_NONE, 3, 0, 0, -1);
    }
  chart = kam_org_chart_layout (data);
  check_geometry (chart);
  kam_org_chart_get_size (chart, &width, &height);
  /* wrapped into rows: far narrower than 60 cards side by side */
  g_assert_cmpfloat (width, <, 20 * KAM_ORG_CHART_NODE_WIDTH);
  g_assert_cmpfloat (height, >, 5 * KAM_ORG_CHART_NODE_HEIGHT);
}

static void
test_cycles (void)
{
  KamOrgChartData *data = kam_org_chart_data_new ("Cycles", 30);
  g_autoptr(KamOrgChart) chart = NULL;
  int roots = 0;

  add_person (data, "a", "A", "c", KAM_ROLE_NONE, 3, 0, 0, -1);
  add_person (data, "b", "B", "a", KAM_ROLE_NONE, 3, 0, 0, -1);
  add_person (data, "c", "C", "b", KAM_ROLE_NONE, 3, 0, 0, -1);
  add_person (data, "d", "D", "c", KAM_ROLE_NONE, 3, 0, 0, -1);
  add_person (data, "e", "E", "e", KAM_ROLE_NONE, 3, 0, 0, -1);        /* reports to self */
  add_person (data, "f", "F", "gone", KAM_ROLE_NONE, 3, 0, 0, -1);     /* to someone not here */
  add_person (data, "g", "G", "h", KAM_ROLE_NONE, 3, 0, 0, -1);
  add_person (data, "h", "H", "g", KAM_ROLE_NONE, 3, 0, 0, -1);
  chart = kam_org_chart_layout (data);

  g_assert_cmpuint (kam_org_chart_get_n_cycles_broken (chart), ==, 2);
  check_geometry (chart);
  for (int i = 0; i < 8; i++)
    roots += kam_org_chart_get_parent (chart, i) < 0;
  /* one of a-b-c, e, f, one of g-h */
  g_assert_cmpint (roots, ==, 4);
  /* four roots of one department: one group */
  g_assert_cmpuint (kam_org_chart_get_n_groups (chart), ==, 1);
}

static void
test_groups (void)
{
  KamOrgChartData *data = kam_org_chart_data_new ("Groups", 30);
  g_autoptr(KamOrgChart) chart = NULL;
  KamMapContact c = { .name = (char *) "x", .influence = 3, .days_since_met = -1 };
  const char *depts[] = { "Finance", "IT", "IT", "", "Finance", "IT" };
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (depts); i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);

      c.id = id;
      c.department = (char *) depts[i];
      c.reports_to_id = i == 5 ? (char *) "p1" : NULL;
      kam_org_chart_data_add_contact (data, &c);
    }
  chart = kam_org_chart_layout (data);
  check_geometry (chart);
  g_assert_cmpuint (kam_org_chart_get_n_groups (chart), ==, 3);

  /* each root inside the box of its department, boxes apart */
  for (guint g = 0; g < 3; g++)
    {
      KamRect box;
      const char *label = kam_org_chart_get_group (chart, g, &box);

      g_hash_table_add (labels, (gpointer) label);
      for (guint i = 0; i < G_N_ELEMENTS (depts); i++)
        {
          KamRect r;
          gboolean inside;
          const char *want = depts[i][0] ? depts[i] : "No department";

          kam_org_chart_get_node_rect (chart, i, &r);
          inside = r.x >= box.x && r.x + r.width <= box.x + box.width && r.y >= box.y && r.y + r.height <= box.y + box.height;
          if (i == 5)
            want = "IT";  /* with their manager */
          g_assert_true (inside == g_str_equal (label, want));
        }
    }
  g_assert_true (g_hash_table_contains (labels, "IT"));
  g_assert_true (g_hash_table_contains (labels, "No department"));
  /* the biggest department first */
  g_assert_cmpstr (kam_org_chart_get_group (chart, 0, NULL), ==, "IT");
}

static cairo_surface_t *
render (KamOrgChart *chart,
        int          width,
        int          height,
        gboolean     dark)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  KamOrgChartDrawOptions options;

  kam_org_chart_fit (chart, width, height, &options);
  options.dark = dark;
  kam_org_chart_draw (chart, cr, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  unsigned char *row = cairo_image_surface_get_data (surface) + (int) y * cairo_image_surface_get_stride (surface);

  return ((guint32 *) (gpointer) row)[(int) x] & 0xffffff;
}

static void
test_identical_output (void)
{
  g_autoptr(KamOrgChart) a = kam_org_chart_layout (small_org ());
  g_autoptr(KamOrgChart) b = kam_org_chart_layout (small_org ());
  cairo_surface_t *sa = render (a, 1200, 800, FALSE);
  cairo_surface_t *sb = render (b, 1200, 800, FALSE);
  cairo_surface_t *sc = render (a, 1200, 800, TRUE);
  gsize size = (gsize) cairo_image_surface_get_stride (sa) * 800;

  g_assert_cmpmem (cairo_image_surface_get_data (sa), size, cairo_image_surface_get_data (sb), size);
  /* and the dark palette is another picture */
  g_assert_true (memcmp (cairo_image_surface_get_data (sa), cairo_image_surface_get_data (sc), size) != 0);
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
  cairo_surface_destroy (sc);
}

/* The attitude badge of a card takes the attitude's colour: red-ish for an
 * opponent, green-ish for a champion. */
static void
test_attitude_colour (void)
{
  g_autoptr(KamOrgChart) chart = kam_org_chart_layout (small_org ());
  KamOrgChartDrawOptions options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
  cairo_t *cr = cairo_create (surface);
  KamRect r;
  guint32 opp, champ;

  kam_org_chart_fit (chart, 1200, 800, &options);
  options.scale = 1;  /* full cards */
  kam_org_chart_draw (chart, cr, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* the badge is a circle at (24, 26) of the card; sample beside its symbol */
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "vp2"), &r);   /* -2 */
  opp = pixel (surface, options.offset_x + r.x + 24 - 10, options.offset_y + r.y + 26);
  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, "vp3"), &r);   /* +2 */
  champ = pixel (surface, options.offset_x + r.x + 24 - 10, options.offset_y + r.y + 26);
  g_assert_cmpuint ((opp >> 16) & 0xff, >, (opp >> 8) & 0xff);       /* red > green */
  g_assert_cmpuint ((champ >> 8) & 0xff, >, (champ >> 16) & 0xff);   /* green > red */
  cairo_surface_destroy (surface);
}

static void
test_empty (void)
{
  g_autoptr(KamOrgChart) chart = kam_org_chart_layout (kam_org_chart_data_new ("Nobody Ltd", 30));
  cairo_surface_t *surface = render (chart, 800, 600, FALSE);
  guint32 background = pixel (surface, 2, 300);
  guint n_ink = 0;
  double w, h;

  kam_org_chart_get_size (chart, &w, &h);
  g_assert_cmpfloat (w, ==, 0);
  g_assert_cmpuint (kam_org_chart_get_n_edges (chart), ==, 0);
  g_assert_cmpint (kam_org_chart_hit_test (chart, 0, 0), ==, -1);
  /* the "No contacts yet" message, in the middle */
  for (int y = 270; y < 330; y++)
    for (int x = 100; x < 700; x++)
      n_ink += pixel (surface, x, y) != background;
  g_assert_cmpuint (n_ink, >, 200);
  g_assert_cmpint (kam_org_chart_get_data (chart)->coverage.status, ==, KAM_COVERAGE_RED);
  cairo_surface_destroy (surface);
}

/* Over a real database ------------------------------------------------------- */

typedef struct {
  char     *dir;
  KamStore *store;
  GDate     today;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("kam-map-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 24, 11, 2026);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
generate (Fixture *f,
          guint    n_accounts)
{
  g_autoptr(GError) error = NULL;
  KamGenerateOptions opts;

  kam_generate_options_init (&opts);
  opts.n_accounts = n_accounts;
  opts.today = f->today;
  g_assert_true (kam_generate (f->store, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The first account (by id) whose name is Chinese or not, as asked, with
 * exactly @n contacts when @n > 0. */
static char *
pick_account (Fixture  *f,
              gboolean  chinese,
              guint     n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = kam_store_load_all (f->store, &kam_account_kind, &error);
  g_autoptr(GPtrArray) contacts = kam_store_load_all (f->store, &kam_contact_kind, &error);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < contacts->len; i++)
    {
      const char *account = kam_record_get_string (contacts->pdata[i], "account_id");

      g_hash_table_insert (counts, (gpointer) account,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, account)) + 1));
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < accounts->len; i++)
      {
        const char *name = kam_record_get_string (accounts->pdata[i], "name");
        const char *id = kam_record_get_id (accounts->pdata[i]);
        gboolean is_chinese = g_utf8_get_char (g_utf8_offset_to_pointer (name, 0)) >= 0x2e80;

        if ((pass == 1 || is_chinese == chinese)
            && (n == 0 || GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) == n))
          return g_strdup (id);
      }
  return NULL;
}

static void
test_load (Fixture       *f,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamOrgChartData) data = NULL;
  g_autoptr(GPtrArray) coverage = NULL;
  g_autofree char *account = NULL;

  generate (f, 20);
  account = pick_account (f, FALSE, 0);

  data = kam_org_chart_data_load (f->store, account, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->contacts->len, >, 3);
  /* the same coverage as the insights compute */
  coverage = kam_insights_coverage (f->store, account, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coverage->len, ==, 1);
  g_assert_cmpint (data->coverage.score, ==, ((KamAccountCoverage *) coverage->pdata[0])->coverage.score);
  g_assert_cmpint (data->coverage.status, ==, ((KamAccountCoverage *) coverage->pdata[0])->coverage.status);
  g_assert_cmpint (data->coverage.flags, ==, ((KamAccountCoverage *) coverage->pdata[0])->coverage.flags);
  g_clear_pointer (&data, kam_org_chart_data_free);

  data = kam_org_chart_data_load (f->store, "no-such-account", &f->today, &error);
  g_assert_null (data);
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND);
}

static void
test_large (Fixture       *f,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamOrgChart) chart = NULL;
  g_autofree char *account = NULL;
  KamOrgChartData *data;
  cairo_surface_t *surface;

  generate (f, 2);
  account = pick_account (f, TRUE, 0);
  kam_generate_org (f->store, account, 500, 7, &f->today, &error);
  g_assert_no_error (error);

  data = kam_org_chart_data_load (f->store, account, &f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->contacts->len, >=, 500);
  g_assert_cmpuint (data->relations->len, >=, 50);
  chart = kam_org_chart_layout (data);
  check_geometry (chart);
  /* board members and advisers have no manager: departments are grouped */
  g_assert_cmpuint (kam_org_chart_get_n_groups (chart), >=, 2);

  surface = render (chart, 1920, 1080, FALSE);
  cairo_surface_destroy (surface);
}

static void
test_export (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(KamOrgChart) chart = kam_org_chart_layout (small_org ());
  static const struct { const char *name; KamOrgChartFormat format; const char *magic; } files[] = {
    { "map.png", KAM_ORG_CHART_FORMAT_PNG, "\x89PNG" },
    { "map.svg", KAM_ORG_CHART_FORMAT_SVG, "<?xml" },
    { "map.PDF", KAM_ORG_CHART_FORMAT_PDF, "%PDF-" },
  };
  KamOrgChartFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (f->dir, files[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (kam_org_chart_format_from_path (path, &format));
      g_assert_cmpint (format, ==, files[i].format);
      g_assert_true (kam_org_chart_export (chart, file, format, 900, 600, FALSE, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_str_has_prefix (contents, files[i].magic));

      if (format == KAM_ORG_CHART_FORMAT_PNG)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 900);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
          cairo_surface_destroy (png);
        }
    }

  g_assert_false (kam_org_chart_format_from_path ("map.jpeg", &format));

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (f->dir, "missing", "map.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_false (kam_org_chart_export (chart, file, KAM_ORG_CHART_FORMAT_PNG, 100, 100, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "map.png"));
  }
}

static void
save_screenshot (KamStore    *store,
                 const char  *account,
                 const GDate *today,
                 const char  *name,
                 int          width,
                 int          height)
{
  const char *dir = g_getenv ("KAM_SCREENSHOT_DIR");
  const char *prefix = g_getenv ("KAM_SCREENSHOT_PREFIX");
  g_autoptr(GError) error = NULL;
  g_autoptr(KamOrgChart) chart = NULL;
  KamOrgChartData *data = kam_org_chart_data_load (store, account, today, &error);

  g_assert_no_error (error);
  chart = kam_org_chart_layout (data);
  g_mkdir_with_parents (dir, 0755);
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autofree char *file_name = g_strdup_printf ("%smap-%s%s.png", prefix ? prefix : "", name, dark ? "-dark" : "");
      g_autofree char *path = g_build_filename (dir, file_name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (kam_org_chart_export (chart, file, KAM_ORG_CHART_FORMAT_PNG, width, height, dark, &error));
      g_assert_no_error (error);
    }
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *small = NULL;
  g_autofree char *large = NULL;
  gboolean chinese = g_str_has_prefix (g_getenv ("KAM_SCREENSHOT_PREFIX") ? g_getenv ("KAM_SCREENSHOT_PREFIX") : "", "zh");

  if (g_getenv ("KAM_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("KAM_SCREENSHOT_DIR is not set");
      return;
    }

  generate (f, 60);
  small = pick_account (f, chinese, 12);
  g_assert_nonnull (small);
  save_screenshot (f->store, small, &f->today, "12", 1600, 1000);

  large = pick_account (f, chinese, 0);
  if (g_strcmp0 (large, small) == 0)
    large = pick_account (f, !chinese, 0);
  kam_generate_org (f->store, large, 290, 3, &f->today, &error);
  g_assert_no_error (error);
  save_screenshot (f->store, large, &f->today, "300", 3200, 1800);
}

/* Advice -------------------------------------------------------------------------- */

static gboolean
has_advice (GPtrArray     *items,
            KamAdviceKind  kind,
            const char    *text)
{
  for (guint i = 0; i < items->len; i++)
    {
      KamAdvice *a = items->pdata[i];

      if (a->kind == kind && (text == NULL || strstr (a->text, text) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_advice (void)
{
  KamMapContact contacts[] = {
    { .name = (char *) "Li Wei", .title = (char *) "CEO", .role = KAM_ROLE_ECONOMIC_BUYER, .influence = 5,
      .attitude = 0, .strength = 1, .days_since_met = 74 },
    { .name = (char *) "Zhang Min", .title = (char *) "CIO", .role = KAM_ROLE_DECISION_MAKER, .influence = 4,
      .attitude = 1, .strength = 2, .days_since_met = 10 },
    { .name = (char *) "Wang Fang", .title = (char *) "", .role = KAM_ROLE_NONE, .influence = 2,
      .attitude = 2, .strength = 3, .days_since_met = 5 },
    { .name = (char *) "Chen Jie", .title = (char *) "Procurement", .role = KAM_ROLE_GATEKEEPER, .influence = 4,
      .attitude = -2, .strength = 0, .days_since_met = -1 },
    { .name = (char *) "Zhao Lei", .title = (char *) "", .role = KAM_ROLE_NONE, .influence = 3,
      .attitude = 1, .strength = 2, .days_since_met = 3 },
  };
  g_autoptr(GPtrArray) items = kam_coverage_advice (contacts, G_N_ELEMENTS (contacts), 30, 0);
  g_autoptr(GPtrArray) none = kam_coverage_advice (NULL, 0, 30, 0);
  g_autoptr(GPtrArray) two = kam_coverage_advice (contacts, G_N_ELEMENTS (contacts), 30, 2);
  KamAdvice *first = items->pdata[0];

  /* the economic buyer, first, with the days */
  g_assert_cmpint (first->kind, ==, KAM_ADVICE_MEET_ECONOMIC_BUYER);
  g_assert_cmpint (first->contact, ==, 0);
  g_assert_cmpstr (first->text, ==, "Meet the economic buyer Li Wei (CEO): last met 74 days ago");
  /* a decider supports us (Zhang Min): no advice to win one */
  g_assert_false (has_advice (items, KAM_ADVICE_WIN_DECIDER, NULL));
  g_assert_true (has_advice (items, KAM_ADVICE_ADDRESS_OPPONENT, "Chen Jie (Procurement)"));
  /* coach candidates: strongest first, Wang Fang (3) before Zhang Min and Zhao Lei (2, +1) */
  g_assert_true (has_advice (items, KAM_ADVICE_FIND_COACH, "No coach: candidates are Wang Fang, Zhang Min (CIO), Zhao Lei"));
  g_assert_true (has_advice (items, KAM_ADVICE_FIRST_MEETING, "Chen Jie"));
  g_assert_false (has_advice (items, KAM_ADVICE_FIND_ECONOMIC_BUYER, NULL));
  g_assert_cmpuint (two->len, ==, 2);

  g_assert_cmpuint (none->len, ==, 1);
  g_assert_cmpint (((KamAdvice *) none->pdata[0])->kind, ==, KAM_ADVICE_ADD_CONTACTS);

  /* no economic buyer, no supportive decider */
  contacts[0].role = KAM_ROLE_NONE;
  contacts[1].attitude = 0;
  g_clear_pointer (&items, g_ptr_array_unref);
  items = kam_coverage_advice (contacts, G_N_ELEMENTS (contacts), 30, 0);
  g_assert_cmpint (((KamAdvice *) items->pdata[0])->kind, ==, KAM_ADVICE_FIND_ECONOMIC_BUYER);
  g_assert_nonnull (strstr (((KamAdvice *) items->pdata[0])->text, "candidates are Zhang Min (CIO)"));
  g_assert_true (has_advice (items, KAM_ADVICE_WIN_DECIDER, "win over Zhang Min (CIO) (attitude Neutral, relationship 2 of 4)"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KAM_LOCALEDIR") ? g_getenv ("KAM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kam/charts/map/layout-small", test_layout_small);
  g_test_add_func ("/kam/charts/map/layout-wide", test_layout_wide);
  g_test_add_func ("/kam/charts/map/cycles", test_cycles);
  g_test_add_func ("/kam/charts/map/groups", test_groups);
  g_test_add_func ("/kam/charts/map/identical-output", test_identical_output);
  g_test_add_func ("/kam/charts/map/attitude-colour", test_attitude_colour);
  g_test_add_func ("/kam/charts/map/empty", test_empty);
  g_test_add_func ("/kam/charts/map/advice", test_advice);
  g_test_add ("/kam/charts/map/load", Fixture, NULL, fixture_setup, test_load, fixture_teardown);
  g_test_add ("/kam/charts/map/large-500", Fixture, NULL, fixture_setup, test_large, fixture_teardown);
  g_test_add ("/kam/charts/map/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/kam/charts/map/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);

  return g_test_run ();
}
