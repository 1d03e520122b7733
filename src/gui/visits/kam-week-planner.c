/* kam-week-planner.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drawn widget: the geometry of the blocks is worked out when the week or
 * the size changes; snapshot only paints.  Screen readers get the same
 * visits from the agenda list beside it (kam-visits-view.c).
 */
#define G_LOG_DOMAIN "kam-week-planner"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "kam-chart.h"
#include "kam-week-planner.h"

#define HEADER_HEIGHT 44
#define GUTTER_WIDTH 56
#define MIN_HOUR_HEIGHT 44
#define MIN_DAY_WIDTH 88
/* the length shown under a due entry dragged over the week */
#define DROP_MINUTES 60

typedef struct {
  guint            index;   /* in visits */
  graphene_rect_t  rect;
} Block;

struct _KamWeekPlanner
{
  GtkWidget   parent_instance;

  GDateTime  *monday;
  GPtrArray  *visits;       /* KamPlanVisit */
  GArray     *blocks;       /* Block */
  int         first_hour;
  int         last_hour;
  int         drop_day;     /* the slot under a drag: day (0 = Monday), -1: none */
  int         drop_half;    /* and half hours after first_hour */
};

G_DEFINE_FINAL_TYPE (KamWeekPlanner, kam_week_planner, GTK_TYPE_WIDGET)

enum {
  VISIT_ACTIVATED,
  SLOT_ACTIVATED,
  SLOT_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Colours by kind: the GNOME palette (blue, green, orange, purple). */
static const GdkRGBA kind_colors[] = {
  { 0.208, 0.518, 0.894, 1 },  /* visit  #3584e4 */
  { 0.149, 0.635, 0.412, 1 },  /* call   #26a269 */
  { 0.902, 0.380, 0.000, 1 },  /* meal   #e66100 */
  { 0.569, 0.255, 0.675, 1 },  /* event  #9141ac */
};

static double
hour_height (KamWeekPlanner *self,
             int             height)
{
  int hours = MAX (1, self->last_hour - self->first_hour);

  return MAX ((double) MIN_HOUR_HEIGHT, (double) (height - HEADER_HEIGHT) / hours);
}

static double
day_width (int width)
{
  return MAX ((double) MIN_DAY_WIDTH, (double) (width - GUTTER_WIDTH) / 7);
}

/* Day (0 = Monday) and minutes after midnight of @unix, local. */
static gboolean
day_and_minutes (KamWeekPlanner *self,
                 gint64          unix_time,
                 int            *day,
                 int            *minutes)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, g_date_time_get_timezone (self->monday));
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (self->monday), g_date_time_get_month (self->monday),
                  g_date_time_get_year (self->monday));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  *day = g_date_days_between (&a, &b);
  *minutes = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  return *day >= 0 && *day < 7;
}

/* The half hour at (@x, @y): its day (0 = Monday) and half hours after
 * first_hour; FALSE outside the grid. */
static gboolean
slot_at (KamWeekPlanner *self,
         double          x,
         double          y,
         int            *day,
         int            *half)
{
  double hh;

  if (self->monday == NULL || x < GUTTER_WIDTH || y < HEADER_HEIGHT)
    return FALSE;
  hh = hour_height (self, gtk_widget_get_height (GTK_WIDGET (self)));
  *day = (int) ((x - GUTTER_WIDTH) / day_width (gtk_widget_get_width (GTK_WIDGET (self))));
  *half = (int) ((y - HEADER_HEIGHT) / (hh / 2));
  return *day >= 0 && *day <= 6 && *half >= 0 && *half < 2 * (self->last_hour - self->first_hour);
}

/* The local start of a half hour, or NULL (a time skipped by DST). */
static GDateTime *
slot_start (KamWeekPlanner *self,
            int             day,
            int             half)
{
  g_autoptr(GDateTime) date = g_date_time_add_days (self->monday, day);

  return g_date_time_new (g_date_time_get_timezone (self->monday), g_date_time_get_year (date),
                          g_date_time_get_month (date), g_date_time_get_day_of_month (date),
                          self->first_hour + half / 2, (half % 2) * 30, 0);
}

static void
layout_blocks (KamWeekPlanner *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double hh = hour_height (self, height);
  double dw = day_width (width);
  g_autofree int *lane = NULL;
  g_autofree int *lanes_in_cluster = NULL;

  g_array_set_size (self->blocks, 0);
  if (self->visits == NULL || self->monday == NULL || self->visits->len == 0)
    return;

  lane = g_new0 (int, self->visits->len);
  lanes_in_cluster = g_new0 (int, self->visits->len);

  /* Per day, visits come by start: a cluster is a run of visits that
   * overlap one another transitively; each gets the first free lane. */
  for (int day = 0; day < 7; day++)
    {
      g_autoptr(GArray) cluster = g_array_new (FALSE, FALSE, sizeof (guint));
      gint64 cluster_end = 0;
      int n_lanes = 0;
      gint64 lane_end[16] = { 0 };

      for (guint i = 0; i <= self->visits->len; i++)
        {
          KamPlanVisit *v = i < self->visits->len ? g_ptr_array_index (self->visits, i) : NULL;
          int d, m;

          if (v != NULL && (!day_and_minutes (self, v->start, &d, &m) || d != day))
            continue;

          if (v == NULL || (cluster->len > 0 && v->start >= cluster_end))
            {
              for (guint k = 0; k < cluster->len; k++)
                lanes_in_cluster[g_array_index (cluster, guint, k)] = n_lanes;
              g_array_set_size (cluster, 0);
              n_lanes = 0;
              memset (lane_end, 0, sizeof lane_end);
              cluster_end = 0;
            }
          if (v == NULL)
            break;

          {
            int l = 0;

            while (l < 15 && lane_end[l] > v->start)
              l++;
            lane[i] = l;
            lane_end[l] = MAX (v->end, v->start + 15 * 60);
            n_lanes = MAX (n_lanes, l + 1);
            cluster_end = MAX (cluster_end, lane_end[l]);
            g_array_append_val (cluster, i);
          }
        }
    }

  for (guint i = 0; i < self->visits->len; i++)
    {
      KamPlanVisit *v = g_ptr_array_index (self->visits, i);
      int day, start_min, end_day, end_min;
      double top, bottom, lane_w;
      Block block;

      if (!day_and_minutes (self, v->start, &day, &start_min))
        continue;
      if (!day_and_minutes (self, MAX (v->end, v->start + 15 * 60), &end_day, &end_min) || end_day != day)
        end_min = 24 * 60;

      top = HEADER_HEIGHT + (start_min - self->first_hour * 60) * hh / 60;
      bottom = HEADER_HEIGHT + (end_min - self->first_hour * 60) * hh / 60;
      top = CLAMP (top, HEADER_HEIGHT, HEADER_HEIGHT + (self->last_hour - self->first_hour) * hh - 18);
      bottom = CLAMP (bottom, top + 18, HEADER_HEIGHT + (self->last_hour - self->first_hour) * hh);

      lane_w = (dw - 6) / MAX (1, lanes_in_cluster[i]);
      block.index = i;
      block.rect = GRAPHENE_RECT_INIT (GUTTER_WIDTH + day * dw + 3 + lane[i] * lane_w, top + 1,
                                       lane_w - 2, bottom - top - 2);
      g_array_append_val (self->blocks, block);
    }
}

static void
rounded_rect (cairo_t               *cr,
              const graphene_rect_t *r,
              double                 radius)
{
  kam_chart_rounded_rect (cr, r->origin.x, r->origin.y, r->size.width, r->size.height, radius);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *markup,
           double       x,
           double       y,
           double       width,
           double       height)
{
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_height (layout, (int) (MAX (height, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
kam_week_planner_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  KamWeekPlanner *self = KAM_WEEK_PLANNER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double hh = hour_height (self, height);
  double dw = day_width (width);
  int hours = self->last_hour - self->first_hour;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg;
  cairo_t *cr;
  int today = -1, now_min = 0;

  if (self->monday == NULL)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  {
    g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, g_date_time_get_timezone (self->monday));

    if (!day_and_minutes (self, g_date_time_to_unix (local_now), &today, &now_min))
      today = -1;
  }

  /* Today's column */
  if (today >= 0)
    {
      cairo_set_source_rgba (cr, kind_colors[0].red, kind_colors[0].green, kind_colors[0].blue, 0.07);
      cairo_rectangle (cr, GUTTER_WIDTH + today * dw, 0, dw, HEADER_HEIGHT + hours * hh);
      cairo_fill (cr);
    }

  /* Hour lines and labels */
  cairo_set_line_width (cr, 1);
  for (int h = 0; h <= hours; h++)
    {
      double y = HEADER_HEIGHT + h * hh + 0.5;
      char label[8];

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, h == 0 ? 0.25 : 0.10);
      cairo_move_to (cr, GUTTER_WIDTH, y);
      cairo_line_to (cr, GUTTER_WIDTH + 7 * dw, y);
      cairo_stroke (cr);
      if (h < hours)
        {
          g_snprintf (label, sizeof label, "%02d:00", self->first_hour + h);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
          draw_text (cr, layout, label, 6, y + 2, GUTTER_WIDTH - 10, 20);
        }
    }

  /* Day columns and headers */
  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->monday, d);
      g_autofree char *weekday = g_date_time_format (day, "%a");
      g_autofree char *markup = NULL;
      double x = GUTTER_WIDTH + d * dw;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.10);
      cairo_move_to (cr, x + 0.5, 0);
      cairo_line_to (cr, x + 0.5, HEADER_HEIGHT + hours * hh);
      cairo_stroke (cr);

      if (d >= 5)
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.03);
          cairo_rectangle (cr, x, HEADER_HEIGHT, dw, hours * hh);
          cairo_fill (cr);
        }

      if (d == today)
        {
          graphene_rect_t pill = GRAPHENE_RECT_INIT (x + dw / 2 + 2, 10, 28, 24);

          cairo_set_source_rgba (cr, kind_colors[0].red, kind_colors[0].green, kind_colors[0].blue, 1);
          rounded_rect (cr, &pill, 12);
          cairo_fill (cr);
        }
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, d == today ? 1.0 : 0.75);
      markup = g_markup_printf_escaped ("<span weight='bold'>%s</span>", weekday);
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      draw_text (cr, layout, markup, x, 13, dw / 2 - 4, 20);
      g_free (markup);
      markup = g_strdup_printf ("<span weight='bold'>%d</span>", g_date_time_get_day_of_month (day));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      if (d == today)
        cairo_set_source_rgba (cr, 1, 1, 1, 1);
      draw_text (cr, layout, markup, x + dw / 2 + 2, 13, 28, 20);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
    }

  /* Blocks */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *b = &g_array_index (self->blocks, Block, i);
      KamPlanVisit *v = g_ptr_array_index (self->visits, b->index);
      const GdkRGBA *c = &kind_colors[CLAMP ((int) v->kind, 0, (int) G_N_ELEMENTS (kind_colors) - 1)];
      gboolean cancelled = v->status == KAM_VISIT_CANCELLED;
      gboolean planned = v->status == KAM_VISIT_PLANNED;
      g_autofree char *markup = NULL;
      g_autofree char *first_line = g_strndup (v->objective, strcspn (v->objective, "\n"));
      graphene_rect_t r = b->rect;

      cairo_save (cr);
      rounded_rect (cr, &r, 6);
      if (cancelled)
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
      else
        cairo_set_source_rgba (cr, c->red, c->green, c->blue, planned ? 0.22 : 0.85);
      cairo_fill_preserve (cr);
      cairo_clip (cr);

      /* The kind's colour as a bar on the left */
      cairo_set_source_rgba (cr, c->red, c->green, c->blue, cancelled ? 0.4 : 1);
      cairo_rectangle (cr, r.origin.x, r.origin.y, 4, r.size.height);
      cairo_fill (cr);

      /* Needs an outcome: diagonal stripes */
      if (v->flags & KAM_PLAN_FLAG_NEEDS_OUTCOME)
        {
          cairo_set_source_rgba (cr, 0.898, 0.647, 0.039, 0.35);
          cairo_set_line_width (cr, 3);
          for (double s = -r.size.height; s < r.size.width; s += 12)
            {
              cairo_move_to (cr, r.origin.x + s, r.origin.y + r.size.height);
              cairo_line_to (cr, r.origin.x + s + r.size.height, r.origin.y);
            }
          cairo_stroke (cr);
        }

      if (planned || cancelled)
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, cancelled ? 0.5 : 0.95);
      else
        cairo_set_source_rgba (cr, 1, 1, 1, 1);
      /* The account on one or two lines, then the objective in what is left */
      {
        int account_height;

        markup = g_markup_printf_escaped ("<span weight='bold'%s>%s</span>",
                                          cancelled ? " strikethrough='true'" : "", v->account_name);
        draw_text (cr, layout, markup, r.origin.x + 8, r.origin.y + 3, r.size.width - 12,
                   MIN (r.size.height - 4, r.size.height > 60 ? 36 : 18));
        pango_layout_get_pixel_size (layout, NULL, &account_height);
        g_free (markup);
        markup = g_markup_printf_escaped ("<span size='small'>%s</span>", first_line);
        if (r.size.height - 6 - account_height >= 12)
          draw_text (cr, layout, markup, r.origin.x + 8, r.origin.y + 3 + account_height, r.size.width - 12,
                     r.size.height - 6 - account_height);
      }
      cairo_restore (cr);

      /* Overlap: a red outline */
      if (v->flags & KAM_PLAN_FLAG_OVERLAP)
        {
          cairo_set_source_rgba (cr, 0.878, 0.106, 0.141, 1);
          cairo_set_line_width (cr, 2);
          rounded_rect (cr, &GRAPHENE_RECT_INIT (r.origin.x + 1, r.origin.y + 1, r.size.width - 2, r.size.height - 2), 6);
          cairo_stroke (cr);
        }
    }

  /* Where a dragged due entry would go: an hour from the half hour under
   * the pointer, dashed. */
  if (self->drop_day >= 0)
    {
      double y = HEADER_HEIGHT + self->drop_half * hh / 2;
      double h = MIN (DROP_MINUTES * hh / 60, HEADER_HEIGHT + hours * hh - y);
      const double dashes[] = { 6, 4 };

      rounded_rect (cr, &GRAPHENE_RECT_INIT (GUTTER_WIDTH + self->drop_day * dw + 3, y + 1, dw - 6, h - 2), 6);
      cairo_set_source_rgba (cr, kind_colors[0].red, kind_colors[0].green, kind_colors[0].blue, 0.18);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, kind_colors[0].red, kind_colors[0].green, kind_colors[0].blue, 1);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Now */
  if (today >= 0 && now_min >= self->first_hour * 60 && now_min < self->last_hour * 60)
    {
      double y = HEADER_HEIGHT + (now_min - self->first_hour * 60) * hh / 60;

      cairo_set_source_rgba (cr, 0.878, 0.106, 0.141, 1);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, GUTTER_WIDTH + today * dw, y);
      cairo_line_to (cr, GUTTER_WIDTH + (today + 1) * dw, y);
      cairo_stroke (cr);
      cairo_arc (cr, GUTTER_WIDTH + today * dw, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_destroy (cr);
}

static void
kam_week_planner_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  KamWeekPlanner *self = KAM_WEEK_PLANNER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = GUTTER_WIDTH + 7 * MIN_DAY_WIDTH;
  else
    *minimum = *natural = HEADER_HEIGHT + (self->last_hour - self->first_hour) * MIN_HOUR_HEIGHT;
}

static void
kam_week_planner_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  layout_blocks (KAM_WEEK_PLANNER (widget));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            KamWeekPlanner  *self)
{
  const char *id = kam_week_planner_visit_at (self, x, y);

  if (id != NULL)
    {
      g_signal_emit (self, signals[VISIT_ACTIVATED], 0, id);
      return;
    }

  if (n_press == 2)
    {
      g_autoptr(GDateTime) slot = kam_week_planner_slot_at (self, x, y);

      if (slot != NULL)
        g_signal_emit (self, signals[SLOT_ACTIVATED], 0, slot);
    }
}

/* Drops: a due entry (its id as a string) dragged from the Due panel ----- */

static void
set_drop_slot (KamWeekPlanner *self,
               int             day,
               int             half)
{
  if (self->drop_day == day && self->drop_half == half)
    return;
  self->drop_day = day;
  self->drop_half = half;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkDragAction
drop_motion_cb (GtkDropTarget  *target,
                double          x,
                double          y,
                KamWeekPlanner *self)
{
  int day, half;

  if (!slot_at (self, x, y, &day, &half))
    {
      set_drop_slot (self, -1, 0);
      return 0;
    }
  set_drop_slot (self, day, half);
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget  *target,
               KamWeekPlanner *self)
{
  set_drop_slot (self, -1, 0);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         KamWeekPlanner *self)
{
  g_autoptr(GDateTime) slot = kam_week_planner_slot_at (self, x, y);
  const char *payload = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  set_drop_slot (self, -1, 0);
  if (slot == NULL || payload == NULL || *payload == '\0')
    return FALSE;
  g_signal_emit (self, signals[SLOT_DROPPED], 0, slot, payload);
  return TRUE;
}

static void
kam_week_planner_finalize (GObject *object)
{
  KamWeekPlanner *self = KAM_WEEK_PLANNER (object);

  g_clear_pointer (&self->monday, g_date_time_unref);
  g_clear_pointer (&self->visits, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);

  G_OBJECT_CLASS (kam_week_planner_parent_class)->finalize (object);
}

static void
kam_week_planner_class_init (KamWeekPlannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kam_week_planner_finalize;
  widget_class->snapshot = kam_week_planner_snapshot;
  widget_class->measure = kam_week_planner_measure;
  widget_class->size_allocate = kam_week_planner_size_allocate;

  /* KamWeekPlanner::visit-activated: a visit was clicked */
  signals[VISIT_ACTIVATED] = g_signal_new ("visit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* KamWeekPlanner::slot-activated: an empty half hour was double-clicked */
  signals[SLOT_ACTIVATED] = g_signal_new ("slot-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  /* KamWeekPlanner::slot-dropped: a string (a due entry's id) was dropped
   * on the half hour starting at the date-time */
  signals[SLOT_DROPPED] = g_signal_new ("slot-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DATE_TIME, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "weekplanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kam_week_planner_init (KamWeekPlanner *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->first_hour = 8;
  self->last_hour = 19;
  self->drop_day = -1;

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drop, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (drop, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Week planner; the agenda lists the same visits"), -1);
}

GtkWidget *
kam_week_planner_new (void)
{
  return g_object_new (KAM_TYPE_WEEK_PLANNER, NULL);
}

void
kam_week_planner_set_week (KamWeekPlanner *self,
                           GDateTime      *monday,
                           GPtrArray      *visits)
{
  g_return_if_fail (KAM_IS_WEEK_PLANNER (self));

  g_clear_pointer (&self->monday, g_date_time_unref);
  g_clear_pointer (&self->visits, g_ptr_array_unref);
  self->monday = monday != NULL ? g_date_time_ref (monday) : NULL;
  self->visits = visits != NULL ? g_ptr_array_ref (visits) : NULL;
  layout_blocks (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kam_week_planner_set_hours (KamWeekPlanner *self,
                            int             first,
                            int             last)
{
  g_return_if_fail (KAM_IS_WEEK_PLANNER (self));

  first = CLAMP (first, 0, 23);
  last = CLAMP (last, first + 1, 24);
  if (first == self->first_hour && last == self->last_hour)
    return;
  self->first_hour = first;
  self->last_hour = last;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
kam_week_planner_visit_at (KamWeekPlanner *self,
                           double          x,
                           double          y)
{
  g_return_val_if_fail (KAM_IS_WEEK_PLANNER (self), NULL);

  for (guint i = self->blocks->len; i-- > 0;)
    {
      const Block *b = &g_array_index (self->blocks, Block, i);

      if (graphene_rect_contains_point (&b->rect, &GRAPHENE_POINT_INIT (x, y)))
        return ((KamPlanVisit *) g_ptr_array_index (self->visits, b->index))->id;
    }
  return NULL;
}

GDateTime *
kam_week_planner_slot_at (KamWeekPlanner *self,
                          double          x,
                          double          y)
{
  int day, half;

  g_return_val_if_fail (KAM_IS_WEEK_PLANNER (self), NULL);

  if (!slot_at (self, x, y, &day, &half))
    return NULL;
  return slot_start (self, day, half);
}
