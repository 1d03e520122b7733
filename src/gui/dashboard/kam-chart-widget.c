/* kam-chart-widget.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data are prepared by the dashboard; snapshot only draws them with
 * kam_chart_draw() into the cairo_t of gtk_snapshot_append_cairo(), in the
 * light or dark palette of the style manager.
 */
#define G_LOG_DOMAIN "kam-chart-widget"

#include "config.h"

#include <adwaita.h>

#include "kam-chart-widget.h"

struct _KamChartWidget
{
  GtkWidget    parent_instance;

  KamChartData data;
  gboolean     dark;
};

G_DEFINE_FINAL_TYPE (KamChartWidget, kam_chart_widget, GTK_TYPE_WIDGET)

static void
kam_chart_widget_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  KamChartWidget *self = KAM_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  KamChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  kam_chart_style_init (&style);
  style.dark = self->dark;
  style.inset_right = 36;  /* the dashboard's export button */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  kam_chart_draw (cr, width, height, &self->data, &style, NULL);
  cairo_destroy (cr);
}

static void
kam_chart_widget_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  KamChartWidget *self = KAM_CHART_WIDGET (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  GTK_WIDGET_CLASS (kam_chart_widget_parent_class)->css_changed (widget, change);
  if (dark != self->dark)
    {
      self->dark = dark;
      gtk_widget_queue_draw (widget);
    }
}

static void
kam_chart_widget_class_init (KamChartWidgetClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = kam_chart_widget_snapshot;
  widget_class->css_changed = kam_chart_widget_css_changed;
  gtk_widget_class_set_css_name (widget_class, "kam-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kam_chart_widget_init (KamChartWidget *self)
{
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 260);
}

GtkWidget *
kam_chart_widget_new (const KamChartData *data)
{
  KamChartWidget *self = g_object_new (KAM_TYPE_CHART_WIDGET, NULL);

  kam_chart_widget_set_data (self, data);
  return GTK_WIDGET (self);
}

void
kam_chart_widget_set_data (KamChartWidget     *self,
                           const KamChartData *data)
{
  g_return_if_fail (KAM_IS_CHART_WIDGET (self));

  self->data = *data;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kam_chart_kind_title (data->kind), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const KamChartData *
kam_chart_widget_get_data (KamChartWidget *self)
{
  g_return_val_if_fail (KAM_IS_CHART_WIDGET (self), NULL);
  return &self->data;
}
