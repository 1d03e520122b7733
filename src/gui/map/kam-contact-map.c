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
 * Ctrl+plus / Ctrl+minus, Ctrl+0 fits.  A click selects a card and asks for
 * its side panel ("contact-opened"), as Enter does; a double click asks for
 * the full dialog ("contact-activated").  Tab and Shift+Tab go through the
 * cards in reading order, the arrows go up to the manager, down to the
 * first report and sideways along the row.  Dragging a card onto another
 * makes its person report to the other; dragging the handle on the right
 * of the selected card (or a card with Shift) onto another adds an
 * "influences" relation, drawn as a rubber band while dragging.  A click
 * on a relation's line selects it and Delete removes it.  Every edit can
 * be undone.
 *
 * Accessibility (GTK 4.8 has no accessible objects but widgets, and no
 * announcements): while a card has the keyboard focus the map's accessible
 * label is that card, "Name, Title, role, attitude", so a screen reader
 * hears each card as the focus moves (GTK sends the name change of the
 * focused object), and the description says how to move and open.
 */
#define G_LOG_DOMAIN "kam-contact-map"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kam-chart.h"
#include "kam-contact-map.h"
#include "kam-model.h"

#define MIN_ZOOM 0.03
#define MAX_ZOOM 3.0
#define FIT_MARGIN 24.0
#define HANDLE_RADIUS 9.0         /* pixels, whatever the zoom */
#define HANDLE_MIN_CARD_WIDTH 60.0 /* no handle on cards narrower on screen */
#define DRAG_THRESHOLD 8.0

typedef enum {
  EDIT_REPARENT,
  EDIT_ADD_RELATION,
  EDIT_DELETE_RELATION,
  EDIT_FIELD,
} EditKind;

/* One undoable edit */
typedef struct {
  EditKind  kind;
  guint     serial;
  char     *contact_id;   /* REPARENT, FIELD: the contact; RELATION: the relation's id */
  char     *previous;     /* REPARENT: the manager before the change (NULL: nobody);
                           * FIELD: the value before the change */
  char     *field;        /* FIELD: the field changed */
} Edit;

typedef enum {
  DRAG_NONE,
  DRAG_PAN,       /* the background: pans */
  DRAG_CARD,      /* a card: re-parents (with Shift: a relation) */
  DRAG_HANDLE,    /* the selected card's handle: a relation */
} DragMode;

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
  DragMode      drag_mode;
  int           drag_node;       /* the card dragged from, -1: none */
  double        drag_x0;         /* where the drag started, widget coordinates */
  double        drag_y0;
  double        drag_x;          /* where the pointer is now */
  double        drag_y;
  gboolean      drag_moved;      /* past the threshold: a rubber band is drawn */
  gboolean      drag_relation;   /* the drop adds a relation (else re-parents) */
  gboolean      over_handle;
  double        pinch_scale;

  GArray       *undo;            /* Edit */
  guint         undo_serial;
};

G_DEFINE_FINAL_TYPE (KamContactMap, kam_contact_map, GTK_TYPE_WIDGET)

enum {
  CONTACT_ACTIVATED,
  CONTACT_OPENED,
  SELECTION_CHANGED,
  LOADED,
  UNDO_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
edit_clear (gpointer data)
{
  Edit *e = data;

  g_free (e->contact_id);
  g_free (e->previous);
  g_free (e->field);
}

static void
push_edit (KamContactMap *self,
           Edit          *edit)
{
  edit->serial = ++self->undo_serial;
  g_array_append_val (self->undo, *edit);
  g_signal_emit (self, signals[UNDO_CHANGED], 0);
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

/* The label: the focused card, else the map; the description: the map
 * and how to use it. */
static void
update_accessible (KamContactMap *self)
{
  g_autofree char *map = NULL;
  g_autofree char *card = NULL;
  g_autofree char *description = NULL;
  const char *label;

  if (self->chart != NULL)
    map = g_strdup_printf (_("Contact map of %s"), kam_org_chart_get_data (self->chart)->account_name);
  else
    map = g_strdup (_("Contact map"));
  if (self->selected >= 0 && gtk_widget_has_focus (GTK_WIDGET (self)))
    card = kam_contact_map_describe_node (self, self->selected);
  label = card != NULL ? card : map;
  /* TRANSLATORS: the accessible description of the contact map: "Contact map of Acme. Arrows ..." */
  description = g_strdup_printf (_("%s. Arrows move between people, Enter shows the selected person, "
                                   "Delete removes a selected relation, Ctrl+plus and Ctrl+minus zoom."), map);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
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
  gboolean had_selection = self->selected_id != NULL;
  GDate date;
  int n;

  /* a drag in progress points into the chart replaced here */
  self->drag_mode = DRAG_NONE;
  self->drag_node = -1;
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
  if (had_selection && self->selected_id == NULL)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
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
  if (self->selected == index)
    return;
  self->selected = index;
  g_free (self->selected_id);
  self->selected_id = g_strdup (c->id);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
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
  if (keyval == GDK_KEY_Escape && (self->drag_mode == DRAG_CARD || self->drag_mode == DRAG_HANDLE))
    {
      /* drop nothing: the drag ends where it is */
      self->drag_mode = DRAG_NONE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }
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
      g_signal_emit (self, signals[CONTACT_OPENED], 0, self->selected_id, TRUE);
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

/* The handle: a disc of HANDLE_RADIUS pixels centred on the right edge of
 * the selected card, half out of it.  Drawing and hit-testing both ask
 * here. */
static gboolean
handle_center (KamContactMap *self,
               double        *x,
               double        *y)
{
  KamRect r;

  if (self->chart == NULL || self->selected < 0
      || !kam_org_chart_get_node_rect (self->chart, self->selected, &r)
      || r.width * self->scale < HANDLE_MIN_CARD_WIDTH)
    return FALSE;
  *x = self->offset_x + (r.x + r.width) * self->scale;
  *y = self->offset_y + (r.y + r.height / 2) * self->scale;
  return TRUE;
}

static gboolean
on_handle (KamContactMap *self,
           double         x,
           double         y)
{
  double hx, hy;

  /* a pixel or two of slack around the disc, for hands that shake */
  return handle_center (self, &hx, &hy) && hypot (x - hx, y - hy) <= HANDLE_RADIUS + 3;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  KamContactMap   *self)
{
  int node;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (on_handle (self, x, y))
    return;   /* the start of a drag from the handle */
  node = node_at (self, x, y);
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
  if (n_press == 1)
    g_signal_emit (self, signals[CONTACT_OPENED], 0, self->selected_id, FALSE);
  else if (n_press == 2)
    g_signal_emit (self, signals[CONTACT_ACTIVATED], 0, self->selected_id);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               KamContactMap  *self)
{
  self->drag_x0 = self->drag_x = x;
  self->drag_y0 = self->drag_y = y;
  self->drag_moved = FALSE;
  self->drag_start_x = self->offset_x;
  self->drag_start_y = self->offset_y;
  if (on_handle (self, x, y))
    {
      self->drag_mode = DRAG_HANDLE;
      self->drag_node = self->selected;
    }
  else
    {
      self->drag_node = node_at (self, x, y);
      self->drag_mode = self->drag_node >= 0 ? DRAG_CARD : DRAG_PAN;
    }
}

static gboolean
drag_adds_relation (KamContactMap  *self,
                    GtkGestureDrag *gesture)
{
  GdkModifierType state = gesture ? gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) : 0;

  return self->drag_mode == DRAG_HANDLE || (self->drag_mode == DRAG_CARD && (state & GDK_SHIFT_MASK));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                KamContactMap  *self)
{
  self->drag_x = self->drag_x0 + dx;
  self->drag_y = self->drag_y0 + dy;
  if (ABS (dx) >= DRAG_THRESHOLD || ABS (dy) >= DRAG_THRESHOLD)
    self->drag_moved = TRUE;

  self->drag_relation = drag_adds_relation (self, gesture);
  switch (self->drag_mode)
    {
    case DRAG_PAN:
      self->fitted = FALSE;
      self->offset_x = self->drag_start_x + dx;
      self->offset_y = self->drag_start_y + dy;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_CARD:
    case DRAG_HANDLE:
      if (self->drag_moved)
        gtk_widget_queue_draw (GTK_WIDGET (self));   /* the rubber band */
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             KamContactMap  *self)
{
  DragMode mode = self->drag_mode;
  gboolean relation = drag_adds_relation (self, gesture);
  g_autoptr(GError) error = NULL;
  g_autofree char *from_id = NULL;
  g_autofree char *to_id = NULL;
  KamOrgChartData *data;
  int target;
  gboolean ok;

  self->drag_mode = DRAG_NONE;
  if (mode == DRAG_CARD || mode == DRAG_HANDLE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if ((mode != DRAG_CARD && mode != DRAG_HANDLE) || self->drag_node < 0 || self->chart == NULL
      || (ABS (dx) < DRAG_THRESHOLD && ABS (dy) < DRAG_THRESHOLD))
    return;
  target = node_at (self, self->drag_x0 + dx, self->drag_y0 + dy);
  if (target < 0 || target == self->drag_node)
    return;
  data = kam_org_chart_get_data (self->chart);
  from_id = g_strdup (g_array_index (data->contacts, KamMapContact, self->drag_node).id);
  to_id = g_strdup (g_array_index (data->contacts, KamMapContact, target).id);

  /* "influences" from the first to the second; else "reports to" */
  if (relation)
    ok = kam_contact_map_add_relation (self, from_id, to_id, KAM_RELATION_INFLUENCES, &error);
  else
    ok = kam_contact_map_reparent (self, from_id, to_id, &error);
  if (!ok)
    {
      g_debug ("Drop refused: %s", error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                KamContactMap    *self)
{
  if (self->drag_mode == DRAG_CARD || self->drag_mode == DRAG_HANDLE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->drag_mode = DRAG_NONE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           KamContactMap            *self)
{
  gboolean over = on_handle (self, x, y);

  if (over == self->over_handle)
    return;
  self->over_handle = over;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "crosshair" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The handle says what it does; a card says who it is (small cards show
 * no names). */
static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard_mode,
                  GtkTooltip    *tooltip,
                  KamContactMap *self)
{
  g_autofree char *text = NULL;
  double hx, hy;
  int node;
  KamRect r;

  if (keyboard_mode || self->drag_mode != DRAG_NONE)
    return FALSE;
  if (on_handle (self, x, y) && handle_center (self, &hx, &hy))
    {
      gtk_tooltip_set_text (tooltip, _("Drag to another person to add an influence"));
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { hx - HANDLE_RADIUS - 3, hy - HANDLE_RADIUS - 3,
                                                           2 * HANDLE_RADIUS + 6, 2 * HANDLE_RADIUS + 6 });
      return TRUE;
    }
  node = node_at (self, x, y);
  if (node < 0 || !kam_org_chart_get_node_rect (self->chart, node, &r))
    return FALSE;
  text = kam_contact_map_describe_node (self, node);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { self->offset_x + r.x * self->scale, self->offset_y + r.y * self->scale,
                                                       MAX (1, r.width * self->scale), MAX (1, r.height * self->scale) });
  return TRUE;
}

/* notify::has-focus: the label goes from the map to the card and back */
static void
focus_changed_cb (KamContactMap *self,
                  GParamSpec    *pspec,
                  gpointer       user_data)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

  if (!gtk_gesture_is_active (GTK_GESTURE (gesture))
      || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
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

/* Overlay: what the widget draws over the chart (never in files) ---------- */

typedef struct {
  double r, g, b;
} Colour;

/* The accent of the chart's palettes (kam-org-chart-draw.c) */
static const Colour accent_light = { 0.208, 0.518, 0.894 };
static const Colour accent_dark = { 0.470, 0.680, 1.000 };

static void
draw_handle (KamContactMap *self,
             cairo_t       *cr,
             const Colour  *accent,
             gboolean       dark)
{
  double x, y, r = HANDLE_RADIUS + (self->over_handle || self->drag_mode == DRAG_HANDLE ? 1.5 : 0);

  if (!handle_center (self, &x, &y))
    return;
  /* a ring of the card's colour parts the disc from the card's border */
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + 2, 0, 2 * G_PI);
  if (dark)
    cairo_set_source_rgb (cr, 0.188, 0.188, 0.196);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, accent->r, accent->g, accent->b);
  cairo_fill (cr);

  /* an arrow to the right: "influences" */
  if (dark)
    cairo_set_source_rgb (cr, 0.110, 0.110, 0.110);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.8);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x - r * 0.5, y);
  cairo_line_to (cr, x + r * 0.1, y);
  cairo_stroke (cr);
  kam_chart_arrow_head (cr, x + r * 0.55, y, 1, 0, r * 0.55);
}

/* While a card or its handle is dragged: a line from it to the pointer
 * (dashed with an arrow: a relation; plain: "reports to") and the card it
 * would land on outlined. */
static void
draw_rubber_band (KamContactMap *self,
                  cairo_t       *cr,
                  const Colour  *accent)
{
  static const double dash[] = { 6, 4 };
  double x0 = self->drag_x0, y0 = self->drag_y0, x1 = self->drag_x, y1 = self->drag_y;
  int target = node_at (self, x1, y1);
  KamRect r;

  if ((self->drag_mode != DRAG_CARD && self->drag_mode != DRAG_HANDLE) || !self->drag_moved)
    return;
  if (self->drag_mode == DRAG_HANDLE)
    handle_center (self, &x0, &y0);

  if (target >= 0 && target != self->drag_node && kam_org_chart_get_node_rect (self->chart, target, &r))
    {
      double x = self->offset_x + r.x * self->scale, y = self->offset_y + r.y * self->scale;
      double w = r.width * self->scale, h = r.height * self->scale, rad = MIN (10 * self->scale + 4, h / 2);

      cairo_new_sub_path (cr);
      cairo_arc (cr, x + w + 4 - rad, y - 4 + rad, rad, -G_PI / 2, 0);
      cairo_arc (cr, x + w + 4 - rad, y + h + 4 - rad, rad, 0, G_PI / 2);
      cairo_arc (cr, x - 4 + rad, y + h + 4 - rad, rad, G_PI / 2, G_PI);
      cairo_arc (cr, x - 4 + rad, y - 4 + rad, rad, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, accent->r, accent->g, accent->b, 0.18);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, accent->r, accent->g, accent->b);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }

  cairo_set_source_rgb (cr, accent->r, accent->g, accent->b);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (self->drag_relation)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  if (self->drag_relation)
    kam_chart_arrow_head (cr, x1, y1, x1 - x0, y1 - y0, 12);
  else
    {
      cairo_new_path (cr);
      cairo_arc (cr, x1, y1, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
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
  draw_handle (self, cr, options.dark ? &accent_dark : &accent_light, options.dark);
  draw_rubber_band (self, cr, options.dark ? &accent_dark : &accent_light);
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
   * @contact_id: the contact whose full dialog is asked for (double click)
   */
  signals[CONTACT_ACTIVATED] = g_signal_new ("contact-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * KamContactMap::contact-opened:
   * @contact_id: the contact whose side panel is asked for
   * @keyboard: by Enter (else by a click)
   */
  signals[CONTACT_OPENED] = g_signal_new ("contact-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /* The selected contact changed (kam_contact_map_get_selected_id()). */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  GtkEventController *scroll, *motion;

  self->selected = -1;
  self->selected_relation = -1;
  self->scale = 1;
  self->fitted = TRUE;
  self->drag_node = -1;
  self->undo = g_array_new (FALSE, FALSE, sizeof (Edit));
  g_array_set_clear_func (self->undo, edit_clear);

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
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (self, "notify::has-focus", G_CALLBACK (focus_changed_cb), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

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

void
kam_contact_map_request_details (KamContactMap *self,
                                 const char    *contact_id)
{
  g_return_if_fail (KAM_IS_CONTACT_MAP (self));

  g_signal_emit (self, signals[CONTACT_ACTIVATED], 0, contact_id);
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

/* Sets @field of @contact_id to @text and saves the contact when that
 * changes it; @changed (when not NULL) tells whether it did, @previous
 * (when not NULL) gets the value it had (NULL: none). */
static gboolean
set_field (KamContactMap  *self,
           const char     *contact_id,
           const char     *field,
           const char     *text,
           gboolean       *changed,
           char          **previous,
           GError        **error)
{
  g_autoptr(KamRecord) contact = kam_store_load (self->store, &kam_contact_kind, contact_id, error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (contact == NULL)
    return FALSE;
  before = kam_record_dup_string (contact, field);
  if (!kam_record_set_from_string (contact, field, text ? text : "", error))
    return FALSE;
  after = kam_record_dup_string (contact, field);
  if (g_strcmp0 (before, after) != 0 && !kam_store_save (self->store, contact, error))
    return FALSE;
  if (changed != NULL)
    *changed = g_strcmp0 (before, after) != 0;
  if (previous != NULL)
    *previous = g_steal_pointer (&before);
  return TRUE;
}

gboolean
kam_contact_map_set_contact_field (KamContactMap  *self,
                                   const char     *contact_id,
                                   const char     *field,
                                   const char     *text,
                                   GError        **error)
{
  Edit undo = { EDIT_FIELD, 0, NULL, NULL, NULL };
  gboolean changed = FALSE;

  g_return_val_if_fail (KAM_IS_CONTACT_MAP (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (self->store == NULL || self->chart == NULL || kam_org_chart_find_node (self->chart, contact_id) < 0)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("There is no contact with id %s"),
                   contact_id);
      return FALSE;
    }
  if (!set_field (self, contact_id, field, text, &changed, &undo.previous, error))
    return FALSE;
  if (!changed)
    {
      g_free (undo.previous);
      return TRUE;
    }
  undo.contact_id = g_strdup (contact_id);
  undo.field = g_strdup (field);
  push_edit (self, &undo);
  return TRUE;
}

gboolean
kam_contact_map_get_handle (KamContactMap *self,
                            double        *x,
                            double        *y)
{
  g_return_val_if_fail (KAM_IS_CONTACT_MAP (self), FALSE);

  return handle_center (self, x, y);
}

gboolean
kam_contact_map_reparent (KamContactMap  *self,
                          const char     *contact_id,
                          const char     *manager_id,
                          GError        **error)
{
  int child, manager;
  Edit undo = { EDIT_REPARENT, 0, NULL, NULL, NULL };
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

  undo.contact_id = g_strdup (contact_id);
  undo.previous = g_strdup (g_array_index (data->contacts, KamMapContact, child).reports_to_id);
  if (!set_manager (self, contact_id, manager_id, error))
    {
      edit_clear (&undo);
      return FALSE;
    }
  push_edit (self, &undo);
  return TRUE;
}

gboolean
kam_contact_map_can_undo (KamContactMap *self)
{
  return self->undo->len > 0;
}

guint
kam_contact_map_get_undo_serial (KamContactMap *self)
{
  return self->undo->len > 0 ? g_array_index (self->undo, Edit, self->undo->len - 1).serial : 0;
}

char *
kam_contact_map_describe_undo (KamContactMap *self)
{
  const Edit *last;
  const KamField *field;

  if (self->undo->len == 0)
    return NULL;
  last = &g_array_index (self->undo, Edit, self->undo->len - 1);
  switch (last->kind)
    {
    case EDIT_REPARENT:
      return g_strdup (_("Reporting line changed"));
    case EDIT_ADD_RELATION:
      return g_strdup (_("Relation added"));
    case EDIT_DELETE_RELATION:
      return g_strdup (_("Relation removed"));
    case EDIT_FIELD:
    default:
      field = kam_record_kind_find_field (&kam_contact_kind, last->field);
      /* Translators: a toast after an edit: "Name changed", "Our share of wallet changed" */
      return g_strdup_printf (_("%s changed"), field != NULL ? g_dgettext (GETTEXT_PACKAGE, field->label) : last->field);
    }
}

gboolean
kam_contact_map_undo (KamContactMap  *self,
                      GError        **error)
{
  Edit last;
  gboolean ok;

  g_return_val_if_fail (self->undo->len > 0, FALSE);
  last = g_array_index (self->undo, Edit, self->undo->len - 1);
  /* the strings are ours now */
  memset (&g_array_index (self->undo, Edit, self->undo->len - 1), 0, sizeof (Edit));
  g_array_set_size (self->undo, self->undo->len - 1);

  switch (last.kind)
    {
    case EDIT_ADD_RELATION:
      ok = kam_store_delete (self->store, last.contact_id, error);
      break;
    case EDIT_DELETE_RELATION:
      ok = kam_store_undelete (self->store, last.contact_id, error);
      break;
    case EDIT_FIELD:
      ok = set_field (self, last.contact_id, last.field, last.previous, NULL, NULL, error);
      break;
    case EDIT_REPARENT:
    default:
      ok = set_manager (self, last.contact_id, last.previous, error);
      break;
    }
  edit_clear (&last);
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
  Edit undo = { EDIT_ADD_RELATION, 0, NULL, NULL, NULL };

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
  push_edit (self, &undo);
  return TRUE;
}

gboolean
kam_contact_map_delete_relation (KamContactMap  *self,
                                 const char     *relation_id,
                                 GError        **error)
{
  Edit undo = { EDIT_DELETE_RELATION, 0, NULL, NULL, NULL };

  g_return_val_if_fail (KAM_IS_CONTACT_MAP (self), FALSE);

  if (self->store == NULL || relation_id == NULL)
    {
      g_set_error_literal (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("No contact map is shown"));
      return FALSE;
    }
  if (!kam_store_delete (self->store, relation_id, error))
    return FALSE;
  undo.contact_id = g_strdup (relation_id);
  push_edit (self, &undo);
  return TRUE;
}

const char *
kam_contact_map_get_selected_relation_id (KamContactMap *self)
{
  return self->selected_relation_id;
}
