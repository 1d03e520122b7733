/* kam-org-chart.h — the contact map: an org chart with influence lines
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout is apart from drawing: kam_org_chart_layout() places every person
 * of a KamOrgChartData once (in chart units, a card being
 * KAM_ORG_CHART_NODE_WIDTH × KAM_ORG_CHART_NODE_HEIGHT), and the chart can
 * then be asked where a person is, who is under a point, and drawn into any
 * cairo_t (a widget's snapshot, a PNG, an SVG or a PDF page) at any scale.
 *
 * The layout: the reports-to forest top-down, each manager centred over the
 * span of their direct reports, subtrees side by side in disjoint columns
 * (so no two cards overlap and no tree edges cross); a manager with more
 * than four direct reports who manage nobody gets them in a grid of two,
 * four or six columns under a vertical line.  People with no manager in the
 * account are the roots; with several roots, the roots of each department
 * form a labelled group.  Reporting cycles (A reports to B reports to A) are
 * broken where they are found: one person of the cycle is drawn as a root.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "kam-org-chart-data.h"

G_BEGIN_DECLS

#define KAM_ORG_CHART_NODE_WIDTH  212.0
#define KAM_ORG_CHART_NODE_HEIGHT 84.0

typedef struct {
  double x, y, width, height;
} KamRect;

typedef struct {
  double x, y;
} KamPoint;

typedef struct _KamOrgChart KamOrgChart;

/* Lays @data out; the chart takes @data over (kam_org_chart_get_data()). */
KamOrgChart     *kam_org_chart_layout         (KamOrgChartData *data);
void             kam_org_chart_free           (KamOrgChart     *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamOrgChart, kam_org_chart_free)

KamOrgChartData *kam_org_chart_get_data       (KamOrgChart     *chart);
/* The size of the whole chart, in chart units (0 × 0 when empty). */
void             kam_org_chart_get_size       (KamOrgChart     *chart,
                                               double          *width,
                                               double          *height);
/* The card of contact @index; FALSE when out of range. */
gboolean         kam_org_chart_get_node_rect  (KamOrgChart     *chart,
                                               int              index,
                                               KamRect         *rect);
/* The index of the contact @id, -1 when not in the chart. */
int              kam_org_chart_find_node      (KamOrgChart     *chart,
                                               const char      *id);
/* The contact whose card holds the point (chart units), or -1. */
int              kam_org_chart_hit_test       (KamOrgChart     *chart,
                                               double           x,
                                               double           y);
/* The relation whose curve passes within @tolerance (chart units) of the
 * point, the nearest; -1 when none. */
int              kam_org_chart_hit_test_relation (KamOrgChart *chart,
                                                  double       x,
                                                  double       y,
                                                  double       tolerance);
/* The cubic Bézier of relation @index: start, two controls, end. */
gboolean         kam_org_chart_get_relation_curve (KamOrgChart *chart,
                                                   int          index,
                                                   KamPoint     points[4]);
/* The manager drawn above @index (reports-to after cycles are broken), -1
 * for a root. */
int              kam_org_chart_get_parent     (KamOrgChart     *chart,
                                               int              index);
/* How many reporting cycles were broken. */
guint            kam_org_chart_get_n_cycles_broken (KamOrgChart *chart);

/* Tree edges: one polyline from the bottom of the manager's card to the
 * top of the report's. */
guint            kam_org_chart_get_n_edges    (KamOrgChart     *chart);
const KamPoint  *kam_org_chart_get_edge       (KamOrgChart     *chart,
                                               guint            i,
                                               int             *parent,
                                               int             *child,
                                               guint           *n_points);

/* Department groups (only when there are several roots). */
guint            kam_org_chart_get_n_groups   (KamOrgChart     *chart);
const char      *kam_org_chart_get_group      (KamOrgChart     *chart,
                                               guint            i,
                                               KamRect         *rect);

typedef struct {
  double   width, height;  /* of the area drawn into, device units */
  double   scale;          /* device units per chart unit */
  double   offset_x;       /* device position of the chart's origin */
  double   offset_y;
  gboolean dark;           /* the dark palette */
  gboolean decorations;    /* title, coverage, red flags and legend */
  int      selected;       /* contact index outlined, -1: none */
  int      focused;        /* contact index with a focus ring, -1: none */
  int      selected_relation; /* relation index drawn highlighted, -1: none */
} KamOrgChartDrawOptions;

/* Options that show the whole chart in @width × @height, decorations on,
 * scale at most 1.25. */
void             kam_org_chart_fit            (KamOrgChart            *chart,
                                               double                  width,
                                               double                  height,
                                               KamOrgChartDrawOptions *options);
/* The area left to the chart by the decorations, in device units. */
void             kam_org_chart_get_chart_area (KamOrgChart            *chart,
                                               double                  width,
                                               double                  height,
                                               gboolean                decorations,
                                               KamRect                *area);

void             kam_org_chart_draw           (KamOrgChart                  *chart,
                                               cairo_t                      *cr,
                                               const KamOrgChartDrawOptions *options);

typedef enum {
  KAM_ORG_CHART_FORMAT_PNG,
  KAM_ORG_CHART_FORMAT_SVG,
  KAM_ORG_CHART_FORMAT_PDF,
} KamOrgChartFormat;

/* The format named by @path's extension (.png, .svg, .pdf, any case);
 * FALSE when it names none. */
gboolean         kam_org_chart_format_from_path (const char        *path,
                                                 KamOrgChartFormat *format);

/* Writes the whole chart, fitted to a @width × @height page (pixels for
 * PNG, points for SVG and PDF), to @file; a GIO error naming the file when
 * it cannot be written. */
gboolean         kam_org_chart_export         (KamOrgChart       *chart,
                                               GFile             *file,
                                               KamOrgChartFormat  format,
                                               int                width,
                                               int                height,
                                               gboolean           dark,
                                               GError           **error);

G_END_DECLS
