/* kam-chart-widget.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data are prepared by the dashboard; snapshot only draws them with
 * kam_chart_draw() into the cairo_t of gtk_snapshot_append_cairo(), in the
 * light or dark palette of the style manager.  The layout of that drawing
 * is kept: a click on an element (kam_chart_layout_hit()) emits
 * "element-activated", and its tooltip says what the element stands for.
 * By keyboard, the arrows move a ring from element to element and Enter
 * activates it.
 */
#define G_LOG_DOMAIN "kam-chart-widget"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kam-chart-widget.h"

struct _KamChartWidget
{
  GtkWidget    parent_instance;

  KamChartData   data;
  gboolean       dark;
  KamChartLayout layout;   /* of the last snapshot */
  int            focus;    /* the element the keyboard is on */
};

enum { ELEMENT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

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
  kam_chart_draw (cr, width, height, &self->data, &style, &self->layout);
  /* the keyboard's element: a ring around its row or column */
  if (gtk_widget_has_visible_focus (widget))
    {
      KamChartHit hit;

      if (kam_chart_layout_element (&self->data, &self->layout, self->focus, &hit))
        {
          guint32 rgb = kam_chart_color (KAM_CHART_COLOR_OPEN, self->dark);

          cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                                 (rgb & 0xff) / 255.0, 0.8);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, hit.slot.x + 1, hit.slot.y + 1, MAX (1, hit.slot.width - 2), MAX (1, hit.slot.height - 2));
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static void
kam_chart_widget_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  KamChartWidget *self = KAM_CHART_WIDGET (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  GTK_WIDGET_CLASS (kam_chart_widget_parent_class)->css_changed (widget, change);
  /* also when the focus comes or goes: its ring */
  self->dark = dark;
  gtk_widget_queue_draw (widget);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             KamChartWidget  *self)
{
  KamChartHit hit;

  if (kam_chart_widget_hit (self, x, y, &hit))
    g_signal_emit (self, signals[ELEMENT_ACTIVATED], 0, &hit);
}

/* Arrows move between the elements, Enter or Space opens one. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KamChartWidget        *self)
{
  int n = kam_chart_n_elements (&self->data);
  KamChartHit hit;

  if (n <= 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_Up:
      self->focus = CLAMP (self->focus - 1, 0, n - 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_Down:
      self->focus = CLAMP (self->focus + 1, 0, n - 1);
      break;
    case GDK_KEY_Home:
      self->focus = 0;
      break;
    case GDK_KEY_End:
      self->focus = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (kam_chart_layout_element (&self->data, &self->layout, CLAMP (self->focus, 0, n - 1), &hit))
        g_signal_emit (self, signals[ELEMENT_ACTIVATED], 0, &hit);
      return TRUE;
    default:
      return FALSE;
    }
  if (kam_chart_layout_element (&self->data, &self->layout, self->focus, &hit))
    {
      g_autofree char *text = kam_chart_hit_describe (&self->data, &hit);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
kam_chart_widget_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  KamChartWidget *self = KAM_CHART_WIDGET (widget);
  g_autofree char *text = NULL;
  KamChartHit hit;

  if (keyboard || !kam_chart_widget_hit (self, x, y, &hit))
    return FALSE;
  text = kam_chart_hit_describe (&self->data, &hit);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit.slot.x, (int) hit.slot.y,
                                                       MAX (1, (int) hit.slot.width), MAX (1, (int) hit.slot.height) });
  return TRUE;
}

static void
kam_chart_widget_class_init (KamChartWidgetClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->query_tooltip = kam_chart_widget_query_tooltip;
  signals[ELEMENT_ACTIVATED] = g_signal_new ("element-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  widget_class->snapshot = kam_chart_widget_snapshot;
  widget_class->css_changed = kam_chart_widget_css_changed;
  gtk_widget_class_set_css_name (widget_class, "kam-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kam_chart_widget_init (KamChartWidget *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *key;

  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 260);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
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
  self->focus = CLAMP (self->focus, 0, MAX (0, kam_chart_n_elements (data) - 1));
  memset (&self->layout, 0, sizeof self->layout);
  self->layout.empty = TRUE;
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

gboolean
kam_chart_widget_hit (KamChartWidget *self,
                      double          x,
                      double          y,
                      KamChartHit    *hit)
{
  g_return_val_if_fail (KAM_IS_CHART_WIDGET (self), FALSE);

  /* a layout of other data is stale until the next snapshot */
  return kam_chart_layout_hit (&self->data, &self->layout, x, y, hit);
}
