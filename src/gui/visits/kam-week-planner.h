/* kam-week-planner.h — seven day columns with hours and the visits as blocks
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kam-visit-plan.h"

G_BEGIN_DECLS

#define KAM_TYPE_WEEK_PLANNER (kam_week_planner_get_type ())
G_DECLARE_FINAL_TYPE (KamWeekPlanner, kam_week_planner, KAM, WEEK_PLANNER, GtkWidget)

GtkWidget  *kam_week_planner_new          (void);
/* @monday: local midnight starting the week; @visits: (element-type
 * KamPlanVisit) of that week, kept (a reference is taken). */
void        kam_week_planner_set_week     (KamWeekPlanner *self,
                                           GDateTime      *monday,
                                           GPtrArray      *visits);
/* Hours shown (local), [@first, @last). */
void        kam_week_planner_set_hours    (KamWeekPlanner *self,
                                           int             first,
                                           int             last);
/* The id of the visit drawn at (@x, @y), or NULL. */
const char *kam_week_planner_visit_at     (KamWeekPlanner *self,
                                           double          x,
                                           double          y);

/* (transfer full) The local start of the half hour at (@x, @y), or NULL
 * outside the grid. */
GDateTime  *kam_week_planner_slot_at      (KamWeekPlanner *self,
                                           double          x,
                                           double          y);

G_END_DECLS
