/* kam-chart-widget.h — a chart of src/charts/ as a widget
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kam-chart.h"

G_BEGIN_DECLS

#define KAM_TYPE_CHART_WIDGET (kam_chart_widget_get_type ())
G_DECLARE_FINAL_TYPE (KamChartWidget, kam_chart_widget, KAM, CHART_WIDGET, GtkWidget)

/* @data's pointers must stay valid while the widget shows them: the
 * dashboard owns the aggregates and calls kam_chart_widget_set_data()
 * again after refreshing them. */
GtkWidget *kam_chart_widget_new      (const KamChartData *data);
void       kam_chart_widget_set_data (KamChartWidget     *self,
                                      const KamChartData *data);
const KamChartData *kam_chart_widget_get_data (KamChartWidget *self);
/* The element at (@x, @y) of the widget as last drawn (kam_chart_layout_hit()). */
gboolean   kam_chart_widget_hit      (KamChartWidget     *self,
                                      double              x,
                                      double              y,
                                      KamChartHit        *hit);

/* Signal "element-activated" (KamChartWidget *, const KamChartHit *hit):
 * a click on an element of the chart. */

G_END_DECLS
