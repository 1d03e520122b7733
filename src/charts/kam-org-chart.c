/* kam-org-chart.c — layout of the contact map (drawing: kam-org-chart-draw.c)
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kam-org-chart-private.h"

#define W KAM_ORG_CHART_NODE_WIDTH
#define H KAM_ORG_CHART_NODE_HEIGHT
#define GAP_X 24.0         /* between sibling blocks */
#define GAP_Y 56.0         /* between a manager and their reports */
#define GRID_GAP_X 28.0    /* between columns of a grid of reports */
#define GRID_GAP_Y 32.0    /* between rows of a grid */
#define GRID_MIN 7         /* leaf reports in a grid from this many */
#define GROUP_PAD 20.0
#define GROUP_LABEL 40.0   /* room for the label at the top of a group */
#define GROUP_GAP 48.0
#define WRAP_WIDTH 8000.0  /* reports in rows when wider than this, halved at each level down */
#define WRAP_MIN 1800.0
#define LANE 32.0          /* room for the line down the left of wrapped rows */

/* Relative placement, computed bottom-up. */
typedef struct {
  double bw, bh;     /* the block of the subtree */
  double node_x;     /* the card's left inside the block (top is 0) */
  double off_x;      /* the block's origin inside the parent's block */
  double off_y;
  int    grid_rows;  /* > 0: this node's leaf reports are in a grid */
  int    grid_cols;
  double grid_x;     /* the grid's origin inside this node's block */
  double grid_w;
  double grid_top;   /* the grid's top inside this node's block */
  double lane_x;     /* the line down the left of wrapped rows */
  int    row;        /* the row of the parent's reports this block is in */
  double bus_y;      /* the bus above it, inside the parent's block */
} Place;

static int
child_at (KamOrgChart *chart,
          int          v,
          int          k)
{
  return chart->children[chart->child_start[v] + k];
}

static int
n_children (KamOrgChart *chart,
            int          v)
{
  return chart->child_start[v + 1] - chart->child_start[v];
}

static int
grid_columns (int n_leaves)
{
  return n_leaves <= 12 ? 2 : n_leaves <= 40 ? 4 : 6;
}

typedef struct {
  int    child;    /* -1: the grid of leaf reports */
  double w, h;
  double anchor;   /* where the line from the bus enters, from the left */
  double x, y;     /* placed, inside the parent's block */
} Block;

static void
layout_subtree (KamOrgChart *chart,
                Place       *places,
                int          v,
                int          depth)
{
  Place *p = &places[v];
  int n = n_children (chart, v);
  int n_leaves = 0;
  g_autoptr(GArray) blocks = NULL;
  double total = 0, row_w = 0, row_y = H + GAP_Y, row_h = 0, max_right = 0;
  double first_anchor = 0, last_anchor = 0, shift, x0;
  gboolean grid, wrap;
  double wrap_width = MAX (WRAP_MIN, WRAP_WIDTH / (1 << MIN (depth, 8)));
  int row = 0;

  if (n == 0)
    {
      p->bw = W;
      p->bh = H;
      p->node_x = 0;
      return;
    }

  for (int k = 0; k < n; k++)
    {
      int c = child_at (chart, v, k);

      layout_subtree (chart, places, c, depth + 1);
      if (n_children (chart, c) == 0)
        n_leaves++;
    }

  /* Blocks: the reports who manage someone (and the leaf reports, without a
   * grid); the grid first when the rows wrap, else in the middle. */
  grid = n_leaves >= GRID_MIN;
  blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  for (int k = 0; k < n; k++)
    {
      int c = child_at (chart, v, k);
      Block b = { c, places[c].bw, places[c].bh, places[c].node_x + W / 2, 0, 0 };

      if (grid && n_children (chart, c) == 0)
        continue;
      g_array_append_val (blocks, b);
      total += b.w + GAP_X;
    }
  if (grid)
    {
      int cols = grid_columns (n_leaves);
      int rows = (n_leaves + cols - 1) / cols;
      double gw = cols * W + (cols - 1) * GRID_GAP_X;
      Block b = { -1, gw, rows * H + (rows - 1) * GRID_GAP_Y, gw / 2, 0, 0 };

      p->grid_cols = cols;
      p->grid_rows = rows;
      p->grid_w = gw;
      total += b.w + GAP_X;
      wrap = total - GAP_X > wrap_width && blocks->len > 0;
      g_array_insert_val (blocks, wrap ? 0 : blocks->len / 2, b);
    }
  wrap = total - GAP_X > wrap_width && blocks->len > 1;

  /* Left to right; when too wide, in rows under a line down the left. */
  x0 = wrap ? LANE : 0;
  p->lane_x = LANE / 2;
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = &g_array_index (blocks, Block, i);

      if (wrap && row_w > 0 && row_w + b->w > wrap_width)
        {
          row++;
          row_y += row_h + GAP_Y;
          row_w = 0;
          row_h = 0;
        }
      b->x = x0 + row_w;
      b->y = row_y;
      row_w += b->w + GAP_X;
      row_h = MAX (row_h, b->h);
      max_right = MAX (max_right, b->x + b->w);
      if (row == 0)
        {
          if (i == 0)
            first_anchor = b->x + b->anchor;
          last_anchor = b->x + b->anchor;
        }

      if (b->child >= 0)
        {
          Place *cp = &places[b->child];

          cp->off_x = b->x;
          cp->off_y = b->y;
          cp->row = row;
          cp->bus_y = b->y - GAP_Y / 2;
        }
      else
        {
          int j = 0;

          p->grid_x = b->x;
          p->grid_top = b->y;
          for (int k = 0; k < n; k++)
            {
              int c = child_at (chart, v, k);
              int grow, gcol, in_row;
              double gw;

              if (n_children (chart, c) != 0)
                continue;
              grow = j / p->grid_cols;
              gcol = j % p->grid_cols;
              in_row = grow == p->grid_rows - 1 ? n_leaves - grow * p->grid_cols : p->grid_cols;
              gw = in_row * W + (in_row - 1) * GRID_GAP_X;
              places[c].off_x = b->x + (p->grid_w - gw) / 2 + gcol * (W + GRID_GAP_X);
              places[c].off_y = b->y + grow * (H + GRID_GAP_Y);
              places[c].row = row;
              places[c].bus_y = grow == 0 ? b->y - GAP_Y / 2 : places[c].off_y - GRID_GAP_Y / 2;
              j++;
            }
        }
    }

  /* The manager centred over the first row's anchors; when the card sticks
   * out on the left, the reports move right. */
  p->node_x = (first_anchor + last_anchor) / 2 - W / 2;
  shift = p->node_x < 0 ? -p->node_x : 0;
  p->node_x += shift;
  p->grid_x += shift;
  p->lane_x += shift;
  for (int k = 0; k < n; k++)
    places[child_at (chart, v, k)].off_x += shift;
  p->bw = MAX (max_right + shift, p->node_x + W);
  p->bh = row_y + row_h;
}

static void
add_edge (KamOrgChart    *chart,
          int             parent,
          int             child,
          const KamPoint *points,
          guint           n_points)
{
  KamOrgChartEdge edge = { parent, child, chart->points->len, n_points };

  g_array_append_vals (chart->points, points, n_points);
  g_array_append_val (chart->edges, edge);
}

/* Absolute positions and the edges, top-down. */
static void
place_subtree (KamOrgChart *chart,
               Place       *places,
               int          v,
               double       block_x,
               double       block_y)
{
  Place *p = &places[v];
  KamRect *r = &g_array_index (chart->rects, KamRect, v);
  double cx, bottom, bus_y, trunk_x = 0;

  r->x = block_x + p->node_x;
  r->y = block_y;
  r->width = W;
  r->height = H;

  cx = r->x + W / 2;
  bottom = r->y + H;
  bus_y = bottom + GAP_Y / 2;
  if (p->grid_rows > 0)
    trunk_x = block_x + p->grid_x + p->grid_w / 2;

  for (int k = 0; k < n_children (chart, v); k++)
    {
      int c = child_at (chart, v, k);
      Place *cp = &places[c];
      double top = block_y + cp->off_y, row_bus = block_y + cp->bus_y, ccx;
      gboolean in_grid = p->grid_rows > 0 && n_children (chart, c) == 0;
      KamPoint pts[8];
      guint np = 0;

      place_subtree (chart, places, c, block_x + cp->off_x, block_y + cp->off_y);
      ccx = g_array_index (chart->rects, KamRect, c).x + W / 2;

      pts[np++] = (KamPoint) { cx, bottom };
      pts[np++] = (KamPoint) { cx, bus_y };
      if (cp->row > 0)
        {
          /* down the line on the left to the bus of its row */
          double lane = block_x + p->lane_x;
          double bus = in_grid ? block_y + p->grid_top - GAP_Y / 2 : row_bus;

          pts[np++] = (KamPoint) { lane, bus_y };
          pts[np++] = (KamPoint) { lane, bus };
          if (in_grid)
            {
              pts[np++] = (KamPoint) { trunk_x, bus };
              pts[np++] = (KamPoint) { trunk_x, row_bus };
            }
        }
      else if (in_grid)
        {
          pts[np++] = (KamPoint) { trunk_x, bus_y };
          pts[np++] = (KamPoint) { trunk_x, row_bus };
        }
      pts[np++] = (KamPoint) { ccx, in_grid || cp->row > 0 ? row_bus : bus_y };
      pts[np++] = (KamPoint) { ccx, top };
      add_edge (chart, v, c, pts, np);
    }
}

/* Reports-to as indexes, with cycles broken. */
static void
build_forest (KamOrgChart *chart)
{
  GArray *contacts = chart->data->contacts;
  int n = contacts->len;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint8 *state = g_new0 (guint8, MAX (n, 1));
  g_autofree int *path = g_new (int, MAX (n, 1));
  g_autofree int *fill = NULL;

  chart->parent = g_new (int, MAX (n, 1));
  for (int i = 0; i < n; i++)
    g_hash_table_insert (index, g_array_index (contacts, KamMapContact, i).id, GINT_TO_POINTER (i + 1));
  for (int i = 0; i < n; i++)
    {
      const char *to = g_array_index (contacts, KamMapContact, i).reports_to_id;
      int p = to ? GPOINTER_TO_INT (g_hash_table_lookup (index, to)) - 1 : -1;

      chart->parent[i] = p == i ? -1 : p;
    }

  /* 0 unseen, 1 on the path being walked, 2 done */
  for (int i = 0; i < n; i++)
    {
      int len = 0, cur = i;

      while (cur >= 0 && state[cur] == 0)
        {
          state[cur] = 1;
          path[len++] = cur;
          cur = chart->parent[cur];
        }
      if (cur >= 0 && state[cur] == 1)
        {
          /* cur is on the path: a cycle through cur; cur becomes a root */
          chart->parent[cur] = -1;
          chart->n_cycles_broken++;
        }
      for (int k = 0; k < len; k++)
        state[path[k]] = 2;
    }

  /* Children in the order of the contacts (by name). */
  chart->child_start = g_new0 (int, n + 1);
  chart->children = g_new (int, MAX (n, 1));
  fill = g_new0 (int, n + 1);
  for (int i = 0; i < n; i++)
    if (chart->parent[i] >= 0)
      chart->child_start[chart->parent[i] + 1]++;
  for (int i = 0; i < n; i++)
    chart->child_start[i + 1] += chart->child_start[i];
  for (int i = 0; i < n; i++)
    if (chart->parent[i] >= 0)
      {
        int p = chart->parent[i];

        chart->children[chart->child_start[p] + fill[p]++] = i;
      }
}

typedef struct {
  char   *label;
  GArray *roots;   /* int */
  int     size;    /* people in the group's trees */
} Group;

static void
group_free (gpointer data)
{
  Group *g = data;

  g_free (g->label);
  g_array_unref (g->roots);
  g_free (g);
}

static int
subtree_size (KamOrgChart *chart,
              int          v)
{
  int size = 1;

  for (int k = 0; k < n_children (chart, v); k++)
    size += subtree_size (chart, child_at (chart, v, k));
  return size;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = *(Group * const *) a, *y = *(Group * const *) b;

  if (x->size != y->size)
    return y->size - x->size;
  return g_utf8_collate (x->label, y->label);
}

/* The trees of one group side by side, then its single people in a grid of
 * up to four columns; returns the width and height used. */
static void
place_group (KamOrgChart *chart,
             Place       *places,
             GArray      *roots,
             double       x0,
             double       y0,
             double      *width,
             double      *height)
{
  int singles = 0, cols, i = 0;
  double x = x0, h = 0;

  for (guint k = 0; k < roots->len; k++)
    {
      int r = g_array_index (roots, int, k);

      if (n_children (chart, r) == 0)
        {
          singles++;
          continue;
        }
      layout_subtree (chart, places, r, 0);
      place_subtree (chart, places, r, x, y0);
      x += places[r].bw + GAP_X;
      h = MAX (h, places[r].bh);
    }

  cols = MIN (singles, 4);
  for (guint k = 0; k < roots->len; k++)
    {
      int r = g_array_index (roots, int, k);
      KamRect *rect;

      if (n_children (chart, r) != 0)
        continue;
      rect = &g_array_index (chart->rects, KamRect, r);
      rect->x = x + (i % cols) * (W + GAP_X);
      rect->y = y0 + (i / cols) * (H + GAP_X);
      rect->width = W;
      rect->height = H;
      i++;
    }
  if (singles > 0)
    {
      int rows = (singles + cols - 1) / cols;

      x += cols * (W + GAP_X);
      h = MAX (h, rows * H + (rows - 1) * GAP_X);
    }

  *width = x - GAP_X - x0;
  *height = h;
}

KamOrgChart *
kam_org_chart_layout (KamOrgChartData *data)
{
  KamOrgChart *chart = g_new0 (KamOrgChart, 1);
  int n = data->contacts->len;
  g_autofree Place *places = g_new0 (Place, MAX (n, 1));
  g_autoptr(GHashTable) by_label = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  int n_roots = 0;
  double x = 0;

  chart->data = data;
  chart->rects = g_array_sized_new (FALSE, TRUE, sizeof (KamRect), n);
  g_array_set_size (chart->rects, n);
  chart->edges = g_array_new (FALSE, FALSE, sizeof (KamOrgChartEdge));
  chart->points = g_array_new (FALSE, FALSE, sizeof (KamPoint));
  chart->groups = g_array_new (FALSE, TRUE, sizeof (KamOrgChartGroup));

  build_forest (chart);

  for (int i = 0; i < n; i++)
    if (chart->parent[i] < 0)
      {
        const char *dept = g_array_index (data->contacts, KamMapContact, i).department;
        Group *g = g_hash_table_lookup (by_label, dept ? dept : "");

        if (g == NULL)
          {
            g = g_new0 (Group, 1);
            g->label = g_strdup (dept ? dept : "");
            g->roots = g_array_new (FALSE, FALSE, sizeof (int));
            g_hash_table_insert (by_label, g->label, g);
            g_ptr_array_add (groups, g);
          }
        g_array_append_val (g->roots, i);
        g->size += subtree_size (chart, i);
        n_roots++;
      }
  g_ptr_array_sort (groups, compare_groups);

  for (guint k = 0; k < groups->len; k++)
    {
      Group *g = groups->pdata[k];
      double w, h;

      if (n_roots == 1)
        {
          place_group (chart, places, g->roots, 0, 0, &w, &h);
          chart->width = w;
          chart->height = h;
          break;
        }

      place_group (chart, places, g->roots, x + GROUP_PAD, GROUP_LABEL, &w, &h);
      {
        KamOrgChartGroup group = {
          g_strdup (g->label[0] ? g->label : _("No department")),
          { x, 0, w + 2 * GROUP_PAD, h + GROUP_LABEL + GROUP_PAD },
        };

        g_array_append_val (chart->groups, group);
        x += group.rect.width + GROUP_GAP;
        chart->width = x - GROUP_GAP;
        chart->height = MAX (chart->height, group.rect.height);
      }
    }

  return chart;
}

void
kam_org_chart_free (KamOrgChart *chart)
{
  if (chart == NULL)
    return;
  for (guint i = 0; i < chart->groups->len; i++)
    g_free (g_array_index (chart->groups, KamOrgChartGroup, i).label);
  g_array_unref (chart->groups);
  g_array_unref (chart->rects);
  g_array_unref (chart->edges);
  g_array_unref (chart->points);
  g_free (chart->parent);
  g_free (chart->child_start);
  g_free (chart->children);
  kam_org_chart_data_free (chart->data);
  g_free (chart);
}

KamOrgChartData *
kam_org_chart_get_data (KamOrgChart *chart)
{
  return chart->data;
}

void
kam_org_chart_get_size (KamOrgChart *chart,
                        double      *width,
                        double      *height)
{
  if (width != NULL)
    *width = chart->width;
  if (height != NULL)
    *height = chart->height;
}

gboolean
kam_org_chart_get_node_rect (KamOrgChart *chart,
                             int          index,
                             KamRect     *rect)
{
  if (index < 0 || index >= (int) chart->rects->len)
    return FALSE;
  *rect = g_array_index (chart->rects, KamRect, index);
  return TRUE;
}

int
kam_org_chart_find_node (KamOrgChart *chart,
                         const char  *id)
{
  return kam_org_chart_data_find (chart->data, id);
}

int
kam_org_chart_hit_test (KamOrgChart *chart,
                        double       x,
                        double       y)
{
  for (guint i = 0; i < chart->rects->len; i++)
    {
      const KamRect *r = &g_array_index (chart->rects, KamRect, i);

      if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return (int) i;
    }
  return -1;
}

int
kam_org_chart_get_parent (KamOrgChart *chart,
                          int          index)
{
  if (index < 0 || index >= (int) chart->rects->len)
    return -1;
  return chart->parent[index];
}

guint
kam_org_chart_get_n_cycles_broken (KamOrgChart *chart)
{
  return chart->n_cycles_broken;
}

guint
kam_org_chart_get_n_edges (KamOrgChart *chart)
{
  return chart->edges->len;
}

const KamPoint *
kam_org_chart_get_edge (KamOrgChart *chart,
                        guint        i,
                        int         *parent,
                        int         *child,
                        guint       *n_points)
{
  const KamOrgChartEdge *edge;

  g_return_val_if_fail (i < chart->edges->len, NULL);
  edge = &g_array_index (chart->edges, KamOrgChartEdge, i);
  if (parent != NULL)
    *parent = edge->parent;
  if (child != NULL)
    *child = edge->child;
  if (n_points != NULL)
    *n_points = edge->n_points;
  return &g_array_index (chart->points, KamPoint, edge->first_point);
}

guint
kam_org_chart_get_n_groups (KamOrgChart *chart)
{
  return chart->groups->len;
}

const char *
kam_org_chart_get_group (KamOrgChart *chart,
                         guint        i,
                         KamRect     *rect)
{
  const KamOrgChartGroup *group;

  g_return_val_if_fail (i < chart->groups->len, NULL);
  group = &g_array_index (chart->groups, KamOrgChartGroup, i);
  if (rect != NULL)
    *rect = group->rect;
  return group->label;
}

gboolean
kam_org_chart_format_from_path (const char        *path,
                                KamOrgChartFormat *format)
{
  static const struct { const char *ext; KamOrgChartFormat format; } formats[] = {
    { ".png", KAM_ORG_CHART_FORMAT_PNG },
    { ".svg", KAM_ORG_CHART_FORMAT_SVG },
    { ".pdf", KAM_ORG_CHART_FORMAT_PDF },
  };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].ext))
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}
