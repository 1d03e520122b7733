/* kam-contact-map.c — the contact map of one account as a widget
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws the chart of src/charts/ in snapshot() through
 * gtk_snapshot_append_cairo().  The data is loaded and laid out when the
 * account or the store changes, never in snapshot().
 *
 * Pan: drag the background, or scroll.  Zoom: Ctrl+scroll, pinch,
 * Ctrl+plus / Ctrl+minus, Ctrl+0 fits.  A click selects a card, a double
 * click or Enter opens it ("contact-activated"); Tab and Shift+Tab go
 * through the cards in reading order, the arrows go up to the manager, down
 * to the first report and sideways along the row.  Dragging a card onto
 * another makes its person report to the other; with Shift, it adds an
 * "influences" relation.  A click on a relation's line selects it and
 * Delete removes it.  All three can be undone.  The widget's
 * accessible description is the selected card: "Name, Title, role,
 * attitude".
 */
#define G_LOG_DOMAIN "kam-contact-map"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kam-contact-map.h"
#include "kam-model.h"

#define MIN_ZOOM 0.03
#define MAX_ZOOM 3.0
#define FIT_MARGIN 24.0

typedef enum {
  EDIT_REPARENT,
  EDIT_ADD_RELATION,
  EDIT_DELETE_RELATION,
} EditKind;

/* One undoable edit */
typedef struct {
  EditKind  kind;
  char     *contact_id;   /* REPARENT: the contact; RELATION: the relation's id */
  char     *manager_id;   /* REPARENT: the manager before the change; NULL: nobody */
} Reparent;

struct _KamContactMap
{
  GtkWidget     parent_instance;

  KamStore     *store;
  gulong        changed_id;
  char         *account_id;
  KamOrgChart  *chart;
  int          *reading_order;   /* node indexes by row, then left to right */
  char         *selected_id;
  int           selected;
  char         *selected_relation_id;
  int           selected_relation;

  double        scale;
  double        offset_x;
  double        offset_y;
  gboolean      fitted;          /* follow the size until the person zooms or pans */

  double        drag_start_x;    /* offset when a pan started */
  double        drag_start_y;
  int           drag_node;       /* the card being dragged, -1: panning */
  double        pinch_scale;

  GArray       *undo;            /* Reparent */
};

G_DEFINE_FINAL_TYPE (KamContactMap, kam_contact_map, GTK_TYPE_WIDGET)

enum {
  CONTACT_ACTIVATED,
  LOADED,
  UNDO_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reparent_clear (gpointer data)
{
  Reparent *r = data;

  g_free (r->contact_id);
  g_free (r->manager_id);
}

/* Loading ------------------------------------------------------------------ */

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static int
compare_reading (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  KamOrgChart *chart = user_data;
  KamRect ra, rb;

  kam_org_chart_get_node_rect (chart, *(const int *) a, &ra);
  kam_org_chart_get_node_rect (chart, *(const int *) b, &rb);
  if (ra.y != rb.y)
    return ra.y < rb.y ? -1 : 1;
  return (ra.x > rb.x) - (ra.x < rb.x);
}

static void
update_accessible (KamContactMap *self)
{
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;

  if (self->chart != NULL)
    label = g_strdup_printf (_("Contact map of %s"), kam_org_chart_get_data (self->chart)->account_name);
  if (self->selected >= 0)
    description = kam_contact_map_describe_node (self, self->selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label ? label : _("Contact map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

static void
fit (KamContactMap *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double cw = 0, ch = 0;

  if (self->chart == NULL)
    return;
  kam_org_chart_get_size (self->chart, &cw, &ch);
  self->scale = 1.0;
  if (cw > 0 && w > 2 * FIT_MARGIN)
    self->scale = MIN (self->scale, (w - 2 * FIT_MARGIN) / cw);
  if (ch > 0 && h > 2 * FIT_MARGIN)
    self->scale = MIN (self->scale, (h - 2 * FIT_MARGIN) / ch);
  self->scale = CLAMP (self->scale, MIN_ZOOM, MAX_ZOOM);
  self->offset_x = (w - cw * self->scale) / 2;
  self->offset_y = MAX (FIT_MARGIN, (h - ch * self->scale) / 2);
  if (ch * self->scale > h - 2 * FIT_MARGIN)
    self->offset_y = FIT_MARGIN;
}

static void
reload (KamContactMap *self)
{
  g_autoptr(GError) error = NULL;
  KamOrgChartData *data = NULL;
  GDate date;
  int n;

  g_clear_pointer (&self->chart, kam_org_chart_free);
  g_clear_pointer (&self->reading_order, g_free);
  self->selected = -1;
  self->selected_relation = -1;

  if (self->store != NULL && self->account_id != NULL)
    {
      today (&date);
      data = kam_org_chart_data_load (self->store, self->account_id, &date, &error);
      if (data == NULL)
        g_debug ("No map for %s: %s", self->account_id, error->message);
    }
  if (data != NULL)
    {
      self->chart = kam_org_chart_layout (data);
      n = data->contacts->len;
      self->reading_order = g_new (int, MAX (n, 1));
      for (int i = 0; i < n; i++)
        self->reading_order[i] = i;
      g_qsort_with_data (self->reading_order, n, sizeof (int), compare_reading, self->chart);
      self->selected = kam_org_chart_find_node (self->chart, self->selected_id);
      for (guint i = 0; self->selected_relation_id != NULL && i < data->relations->len; i++)
        if (g_strcmp0 (g_array_index (data->relations, KamMapRelation, i).id, self->selected_relation_id) == 0)
          self->selected_relation = i;
    }
  if (self->selected < 0)
    g_clear_pointer (&self->selected_id, g_free);
  if (self->selected_relation < 0)
    g_clear_pointer (&self->selected_relation_id, g_free);
  if (self->fitted)
    fit (self);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[LOADED], 0);
}

static void
store_changed_cb (KamStore       *store,
                  guint           flags,
                  KamContactMap  *self)
{
  if (flags & (KAM_CHANGE_CONTACT | KAM_CHANGE_RELATION | KAM_CHANGE_MEMBER | KAM_CHANGE_ACCOUNT
               | KAM_CHANGE_VISIT | KAM_CHANGE_SETTINGS))
    reload (self);
}

/* Selection and view ------------------------------------------------------ */

static void
select_index (KamContactMap *self,
              int            index)
{
  const KamMapContact *c;

  if (self->chart == NULL || index < 0)
    return;
  c = &g_array_index (kam_org_chart_get_data (self->chart)->contacts, KamMapContact, index);
  self->selected = index;
  g_free (self->selected_id);
  self->selected_id = g_strdup (c->id);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
select_relation (KamContactMap *self,
                 int            index)
{
  g_clear_pointer (&self->selected_relation_id, g_free);
  self->selected_relation = -1;
  if (self->chart != NULL && index >= 0)
    {
      self->selected_relation = index;
      self->selected_relation_id = g_strdup (g_array_index (kam_org_chart_get_data (self->chart)->relations,
                                                            KamMapRelation, index).id);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Pans so that the selected card is in view. */
static void
reveal_selected (KamContactMap *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1;
  KamRect r;

  if (self->chart == NULL || !kam_org_chart_get_node_rect (self->chart, self->selected, &r))
    return;
  x0 = self->offset_x + r.x * self->scale;
  y0 = self->offset_y + r.y * self->scale;
  x1 = x0 + r.width * self->scale;
  y1 = y0 + r.height * self->scale;
  if (x0 < FIT_MARGIN)
    self->offset_x += FIT_MARGIN - x0;
  else if (x1 > w - FIT_MARGIN)
    self->offset_x -= x1 - (w - FIT_MARGIN);
  if (y0 < FIT_MARGIN)
    self->offset_y += FIT_MARGIN - y0;
  else if (y1 > h - FIT_MARGIN)
    self->offset_y -= y1 - (h - FIT_MARGIN);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
move_to (KamContactMap *self,
         int            index)
{
  if (index < 0)
    return;
  select_index (self, index);
  reveal_selected (self);
}

/* The nearest card on the same row to the left (@dir < 0) or right. */
static int
sideways (KamContactMap *self,
          int            dir)
{
  KamRect cur, r;
  int best = -1;
  double best_d = G_MAXDOUBLE;
  int n = kam_org_chart_get_data (self->chart)->contacts->len;

  kam_org_chart_get_node_rect (self->chart, self->selected, &cur);
  for (int i = 0; i < n; i++)
    {
      double d;

      kam_org_chart_get_node_rect (self->chart, i, &r);
      if (i == self->selected || r.y != cur.y)
        continue;
      d = (r.x - cur.x) * dir;
      if (d > 0 && d < best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}

static int
first_report (KamContactMap *self)
{
  int n = kam_org_chart_get_data (self->chart)->contacts->len;

  for (int k = 0; k < n; k++)
    if (kam_org_chart_get_parent (self->chart, self->reading_order[k]) == self->selected)
      return self->reading_order[k];
  return -1;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KamContactMap         *self)
{
  if (self->chart == NULL || kam_org_chart_get_data (self->chart)->contacts->len == 0)
    return FALSE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete || keyval == GDK_KEY_BackSpace)
      && self->selected_relation_id != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup (self->selected_relation_id);

      if (!kam_contact_map_delete_relation (self, id, &error))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  if (self->selected < 0)
    {
      switch (keyval)
        {
        case GDK_KEY_Up: case GDK_KEY_Down: case GDK_KEY_Left: case GDK_KEY_Right: case GDK_KEY_Home:
          move_to (self, self->reading_order[0]);
          return TRUE;
        default:
          return FALSE;
        }
    }

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_to (self, kam_org_chart_get_parent (self->chart, self->selected));
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_to (self, first_report (self));
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_to (self, sideways (self, -1));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_to (self, sideways (self, 1));
      return TRUE;
    case GDK_KEY_Home:
      move_to (self, self->reading_order[0]);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      g_signal_emit (self, signals[CONTACT_ACTIVATED], 0, self->selected_id);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
kam_contact_map_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  KamContactMap *self = KAM_CONTACT_MAP (widget);
  int n = self->chart ? (int) kam_org_chart_get_data (self->chart)->contacts->len : 0;
  int pos = -1;

  if (n == 0 || (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD))
    {
      if (gtk_widget_has_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  for (int k = 0; k < n && self->selected >= 0; k++)
    if (self->reading_order[k] == self->selected)
      pos = k;

  if (!gtk_widget_has_focus (widget))
    {
      /* Coming in: the selected card, else the first or the last. */
      if (pos < 0)
        move_to (self, self->reading_order[direction == GTK_DIR_TAB_FORWARD ? 0 : n - 1]);
      return gtk_widget_grab_focus (widget);
    }

  pos += direction == GTK_DIR_TAB_FORWARD ? 1 : -1;
  if (pos < 0 || pos >= n)
    return FALSE;   /* leave the map */
  move_to (self, self->reading_order[pos]);
  return TRUE;
}

/* Pointer ------------------------------------------------------------------- */

static int
node_at (KamContactMap *self,
         double         x,
         double         y)
{
  if (self->chart == NULL)
    return -1;
  return kam_org_chart_hit_test (self->chart, (x - self->offset_x) / self->scale, (y - self->offset_y) / self->scale);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  KamContactMap   *self)
{
  int node = node_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (node < 0)
    {
      int relation = self->chart == NULL ? -1
        : kam_org_chart_hit_test_relation (self->chart, (x - self->offset_x) / self->scale,
                                           (y - self->offset_y) / self->scale, 8 / self->scale);

      select_relation (self, relation);
      return;
    }
  select_relation (self, -1);
  select_index (self, node);
  if (n_press == 2)
    g_signal_emit (self, signals[CONTACT_ACTIVATED], 0, self->selected_id);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               KamContactMap  *self)
{
  self->drag_node = node_at (self, x, y);
  self->drag_start_x = self->offset_x;
  self->drag_start_y = self->offset_y;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                KamContactMap  *self)
{
  if (self->drag_node >= 0)
    return;
  self->fitted = FALSE;
  self->offset_x = self->drag_start_x + dx;
  self->offset_y = self->drag_start_y + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             KamContactMap  *self)
{
  double x, y;
  int target;
  g_autoptr(GError) error = NULL;
  const KamMapContact *from, *to;

  if (self->drag_node < 0 || self->chart == NULL || (ABS (dx) < 8 && ABS (dy) < 8))
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  target = node_at (self, x + dx, y + dy);
  if (target < 0 || target == self->drag_node)
    return;
  from = &g_array_index (kam_org_chart_get_data (self->chart)->contacts, KamMapContact, self->drag_node);
  to = &g_array_index (kam_org_chart_get_data (self->chart)->contacts, KamMapContact, target);
  {
    g_autofree char *from_id = g_strdup (from->id);
    g_autofree char *to_id = g_strdup (to->id);

    GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
    gboolean ok;

    /* Shift: "influences" from the first to the second; else "reports to" */
    if (state & GDK_SHIFT_MASK)
      ok = kam_contact_map_add_relation (self, from_id, to_id, KAM_RELATION_INFLUENCES, &error);
    else
      ok = kam_contact_map_reparent (self, from_id, to_id, &error);
    if (!ok)
      gtk_widget_error_bell (GTK_WIDGET (self));
  }
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           KamContactMap            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (state & GDK_CONTROL_MASK)
    {
      if (event != NULL)
        {
          double ex, ey;
          graphene_point_t p;

          if (gdk_event_get_position (event, &ex, &ey)
              && gtk_widget_compute_point (GTK_WIDGET (gtk_widget_get_native (GTK_WIDGET (self))), GTK_WIDGET (self),
                                           &GRAPHENE_POINT_INIT (ex, ey), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
      kam_contact_map_zoom_by (self, dy < 0 ? 1.15 : 1 / 1.15, x, y);
      return TRUE;
    }

  self->fitted = FALSE;
  self->offset_x -= dx * 40;
  self->offset_y -= dy * 40;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                KamContactMap    *self)
{
  self->pinch_scale = self->scale;
}

static void
pinch_changed_cb (GtkGestureZoom *gesture,
                  double          scale,
                  KamContactMap  *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  kam_contact_map_zoom_by (self, self->pinch_scale * scale / self->scale, x, y);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KamContactMap *self = KAM_CONTACT_MAP (widget);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "map.zoom-in"))
    kam_contact_map_zoom_by (self, 1.25, x, y);
  else if (g_str_equal (action_name, "map.zoom-out"))
    kam_contact_map_zoom_by (self, 1 / 1.25, x, y);
  else
    kam_contact_map_zoom_to_fit (self);
}

static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 KamContactMap   *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Overrides --------------------------------------------------------------- */

static void
kam_contact_map_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KamContactMap *self = KAM_CONTACT_MAP (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  KamOrgChartDrawOptions options = { 0 };
  cairo_t *cr;

  if (self->chart == NULL || w <= 0 || h <= 0)
    return;

  options.width = w;
  options.height = h;
  options.scale = self->scale;
  options.offset_x = self->offset_x;
  options.offset_y = self->offset_y;
  options.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  options.decorations = FALSE;
  options.selected = self->selected;
  options.selected_relation = self->selected_relation;
  options.focused = gtk_widget_has_focus (widget) ? self->selected : -1;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  kam_org_chart_draw (self->chart, cr, &options);
  cairo_destroy (cr);
}

static void
kam_contact_map_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  KamContactMap *self = KAM_CONTACT_MAP (widget);

  if (self->fitted)
    fit (self);
}

static void
kam_contact_map_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 500;
}

static void
kam_contact_map_dispose (GObject *object)
{
  KamContactMap *self = KAM_CONTACT_MAP (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  G_OBJECT_CLASS (kam_contact_map_parent_class)->dispose (object);
}

static void
kam_contact_map_finalize (GObject *object)
{
  KamContactMap *self = KAM_CONTACT_MAP (object);

  g_clear_pointer (&self->chart, kam_org_chart_free);
  g_clear_pointer (&self->reading_order, g_free);
  g_free (self->account_id);
  g_free (self->selected_id);
  g_free (self->selected_relation_id);
  g_array_unref (self->undo);
  G_OBJECT_CLASS (kam_contact_map_parent_class)->finalize (object);
}

static void
kam_contact_map_class_init (KamContactMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_contact_map_dispose;
  object_class->finalize = kam_contact_map_finalize;
  widget_class->snapshot = kam_contact_map_snapshot;
  widget_class->size_allocate = kam_contact_map_size_allocate;
  widget_class->measure = kam_contact_map_measure;
  widget_class->focus = kam_contact_map_focus;

  /**
   * KamContactMap::contact-activated:
   * @contact_id: the contact opened (double click, Enter)
   */
  signals[CONTACT_ACTIVATED] = g_signal_new ("contact-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The map was loaded again (account or data changed). */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* An edit was pushed on or popped off the undo stack. */
  signals[UNDO_CHANGED] = g_signal_new ("undo-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "contactmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kam_contact_map_init (KamContactMap *self)
{
  GtkEventController *key;
  GtkGesture *click, *drag, *zoom;
  GtkEventController *scroll;

  self->selected = -1;
  self->selected_relation = -1;
  self->scale = 1;
  self->fitted = TRUE;
  self->drag_node = -1;
  self->undo = g_array_new (FALSE, FALSE, sizeof (Reparent));
  g_array_set_clear_func (self->undo, reparent_clear);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (pinch_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (dark_changed_cb), self);
  update_accessible (self);
}

/* Public API ----------------------------------------------------------------- */

GtkWidget *
kam_contact_map_new (void)
{
  return g_object_new (KAM_TYPE_CONTACT_MAP, NULL);
}

void
kam_contact_map_set_store (KamContactMap *self,
                           KamStore      *store)
{
  g_return_if_fail (KAM_IS_CONTACT_MAP (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  g_array_set_size (self->undo, 0);
  if (store != NULL || self->chart != NULL)
    reload (self);
}

void
kam_contact_map_set_account_id (KamContactMap *self,
                                const char    *account_id)
{
  g_return_if_fail (KAM_IS_CONTACT_MAP (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_clear_pointer (&self->selected_id, g_free);
  g_array_set_size (self->undo, 0);
  self->fitted = TRUE;
  reload (self);
}

const char *
kam_contact_map_get_account_id (KamContactMap *self)
{
  return self->account_id;
}

KamOrgChart *
kam_contact_map_get_chart (KamContactMap *self)
{
  return self->chart;
}

const char *
kam_contact_map_get_selected_id (KamContactMap *self)
{
  return self->selected_id;
}

gboolean
kam_contact_map_select_id (KamContactMap *self,
                           const char    *contact_id)
{
  int index = self->chart ? kam_org_chart_find_node (self->chart, contact_id) : -1;

  if (index < 0)
    return FALSE;
  move_to (self, index);
  return TRUE;
}

char *
kam_contact_map_describe_node (KamContactMap *self,
                               int            index)
{
  KamOrgChartData *data = self->chart ? kam_org_chart_get_data (self->chart) : NULL;
  const KamMapContact *c;
  g_autoptr(GString) s = NULL;

  if (data == NULL || index < 0 || index >= (int) data->contacts->len)
    return NULL;
  c = &g_array_index (data->contacts, KamMapContact, index);
  s = g_string_new (c->name);
  /* TRANSLATORS: between the parts of a card read aloud: "Li Wei, CIO, Decision maker, Supporter" */
  if (c->title[0])
    g_string_append_printf (s, _(", %s"), c->title);
  if (c->role != KAM_ROLE_NONE)
    g_string_append_printf (s, _(", %s"), kam_enum_to_label (KAM_TYPE_ROLE, c->role));
  g_string_append_printf (s, _(", %s"), kam_attitude_label (c->attitude));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

double
kam_contact_map_get_zoom (KamContactMap *self)
{
  return self->scale;
}

void
kam_contact_map_zoom_by (KamContactMap *self,
                         double         factor,
                         double         x,
                         double         y)
{
  double scale = CLAMP (self->scale * factor, MIN_ZOOM, MAX_ZOOM);

  self->offset_x = x - (x - self->offset_x) * scale / self->scale;
  self->offset_y = y - (y - self->offset_y) * scale / self->scale;
  self->scale = scale;
  self->fitted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kam_contact_map_zoom_to_fit (KamContactMap *self)
{
  self->fitted = TRUE;
  fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kam_contact_map_chart_to_widget (KamContactMap *self,
                                 double         cx,
                                 double         cy,
                                 double        *wx,
                                 double        *wy)
{
  *wx = self->offset_x + cx * self->scale;
  *wy = self->offset_y + cy * self->scale;
}

static gboolean
set_manager (KamContactMap  *self,
             const char     *contact_id,
             const char     *manager_id,
             GError        **error)
{
  g_autoptr(KamRecord) contact = kam_store_load (self->store, &kam_contact_kind, contact_id, error);

  if (contact == NULL)
    return FALSE;
  return kam_record_set_from_string (contact, "reports_to_id", manager_id ? manager_id : "", error)
         && kam_store_save (self->store, contact, error);
}

gboolean
kam_contact_map_reparent (KamContactMap  *self,
                          const char     *contact_id,
                          const char     *manager_id,
                          GError        **error)
{
  int child, manager;
  Reparent undo;
  KamOrgChartData *data;

  g_return_val_if_fail (KAM_IS_CONTACT_MAP (self), FALSE);

  if (self->chart == NULL || self->store == NULL)
    {
      g_set_error_literal (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("No contact map is shown"));
      return FALSE;
    }
  data = kam_org_chart_get_data (self->chart);
  child = kam_org_chart_find_node (self->chart, contact_id);
  manager = manager_id ? kam_org_chart_find_node (self->chart, manager_id) : -1;
  if (child < 0 || (manager_id != NULL && manager < 0))
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("There is no contact with id %s"),
                   child < 0 ? contact_id : manager_id);
      return FALSE;
    }
  for (int m = manager; m >= 0; m = kam_org_chart_get_parent (self->chart, m))
    if (m == child)
      {
        g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                     _("%s cannot report to %s, who reports to them"),
                     g_array_index (data->contacts, KamMapContact, child).name,
                     g_array_index (data->contacts, KamMapContact, manager).name);
        return FALSE;
      }

  undo.kind = EDIT_REPARENT;
  undo.contact_id = g_strdup (contact_id);
  undo.manager_id = g_strdup (g_array_index (data->contacts, KamMapContact, child).reports_to_id);
  if (!set_manager (self, contact_id, manager_id, error))
    {
      reparent_clear (&undo);
      return FALSE;
    }
  g_array_append_val (self->undo, undo);
  g_signal_emit (self, signals[UNDO_CHANGED], 0);
  return TRUE;
}

gboolean
kam_contact_map_can_undo (KamContactMap *self)
{
  return self->undo->len > 0;
}

gboolean
kam_contact_map_undo (KamContactMap  *self,
                      GError        **error)
{
  Reparent last;
  gboolean ok;

  g_return_val_if_fail (self->undo->len > 0, FALSE);
  last = g_array_index (self->undo, Reparent, self->undo->len - 1);
  /* the strings are ours now */
  g_array_index (self->undo, Reparent, self->undo->len - 1).contact_id = NULL;
  g_array_index (self->undo, Reparent, self->undo->len - 1).manager_id = NULL;
  g_array_set_size (self->undo, self->undo->len - 1);

  switch (last.kind)
    {
    case EDIT_ADD_RELATION:
      ok = kam_store_delete (self->store, last.contact_id, error);
      break;
    case EDIT_DELETE_RELATION:
      ok = kam_store_undelete (self->store, last.contact_id, error);
      break;
    case EDIT_REPARENT:
    default:
      ok = set_manager (self, last.contact_id, last.manager_id, error);
      break;
    }
  reparent_clear (&last);
  g_signal_emit (self, signals[UNDO_CHANGED], 0);
  return ok;
}

gboolean
kam_contact_map_add_relation (KamContactMap    *self,
                              const char       *from_id,
                              const char       *to_id,
                              KamRelationKind   kind,
                              GError          **error)
{
  g_autoptr(KamRecord) relation = NULL;
  Reparent undo = { EDIT_ADD_RELATION, NULL, NULL };

  g_return_val_if_fail (KAM_IS_CONTACT_MAP (self), FALSE);

  if (self->store == NULL || self->chart == NULL
      || kam_org_chart_find_node (self->chart, from_id) < 0 || kam_org_chart_find_node (self->chart, to_id) < 0)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("There is no contact with id %s"),
                   self->chart && kam_org_chart_find_node (self->chart, from_id) >= 0 ? to_id : from_id);
      return FALSE;
    }
  if (g_strcmp0 (from_id, to_id) == 0)
    {
      g_set_error_literal (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                           _("A relation joins two different people"));
      return FALSE;
    }

  relation = kam_record_new (&kam_relation_kind);
  if (!kam_record_set_from_string (relation, "from_id", from_id, error)
      || !kam_record_set_from_string (relation, "to_id", to_id, error)
      || !kam_record_set_from_string (relation, "kind", kam_enum_to_string (KAM_TYPE_RELATION_KIND, kind), error)
      || !kam_store_save (self->store, relation, error))
    return FALSE;

  undo.contact_id = g_strdup (kam_record_get_id (relation));
  g_array_append_val (self->undo, undo);
  g_signal_emit (self, signals[UNDO_CHANGED], 0);
  return TRUE;
}

gboolean
kam_contact_map_delete_relation (KamContactMap  *self,
                                 const char     *relation_id,
                                 GError        **error)
{
  Reparent undo = { EDIT_DELETE_RELATION, NULL, NULL };

  g_return_val_if_fail (KAM_IS_CONTACT_MAP (self), FALSE);

  if (self->store == NULL || relation_id == NULL)
    {
      g_set_error_literal (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("No contact map is shown"));
      return FALSE;
    }
  if (!kam_store_delete (self->store, relation_id, error))
    return FALSE;
  undo.contact_id = g_strdup (relation_id);
  g_array_append_val (self->undo, undo);
  g_signal_emit (self, signals[UNDO_CHANGED], 0);
  return TRUE;
}

const char *
kam_contact_map_get_selected_relation_id (KamContactMap *self)
{
  return self->selected_relation_id;
}
