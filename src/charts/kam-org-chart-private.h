/* kam-org-chart-private.h — shared by the layout and the drawing
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kam-org-chart.h"

G_BEGIN_DECLS

typedef struct {
  int   parent;
  int   child;
  guint first_point;
  guint n_points;
} KamOrgChartEdge;

typedef struct {
  char    *label;
  KamRect  rect;
} KamOrgChartGroup;

struct _KamOrgChart {
  KamOrgChartData *data;
  GArray          *rects;        /* KamRect by contact index */
  GArray          *edges;        /* KamOrgChartEdge */
  GArray          *points;       /* KamPoint of all edges */
  GArray          *groups;       /* KamOrgChartGroup */
  int             *parent;       /* after cycles are broken */
  int             *child_start;  /* n + 1: children[child_start[v] ..] */
  int             *children;
  guint            n_cycles_broken;
  double           width;
  double           height;
};

G_END_DECLS
