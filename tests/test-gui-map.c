/* test-gui-map.c — the contact map widget and its coverage panel
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb, in a real window over a generated database.  Keys go
 * through the map's own key controller and GTK's focus chain; the colours
 * checked are the pixels the widget renders.  Gestures are driven through
 * the map's own controllers' signals (GTK has no way to make pointer
 * events).  With KAM_SCREENSHOT_DIR set, the view is saved as PNG files,
 * light and dark.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kam-gui-test.h"
#include "kam-account-page.h"
#include "kam-contact-map-view.h"
#include "kam-context.h"
#include "kam-generate.h"
#include "kam-generate-org.h"
#include "kam-model.h"

typedef struct {
  char              *dir;
  KamStore          *store;
  GtkWindow         *window;
  AdwToastOverlay   *toasts;
  KamContactMapView *view;
  KamContactMap     *map;
  char              *account_id;
} Fixture;

/* where a drag grabs the handle: its outer half, outside the card (the
 * handle's radius is 9 pixels) */
#define HANDLE_GRAB 6.0

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  kam_test_wait_frames (widget, 2);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The pixel at (@x, @y) of the widget as rendered: 0xRRGGBB. */
static guint32
pixel (GtkWidget *widget,
       double     x,
       double     y)
{
  g_autoptr(GdkTexture) texture = render (widget);
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  guint32 v;

  gdk_texture_download (texture, data, (gsize) width * 4);
  g_assert_cmpint ((int) x, <, width);
  g_assert_cmpint ((int) y, <, height);
  v = ((guint32 *) (gpointer) data)[(int) y * width + (int) x];   /* cairo ARGB32, native endian */
  return v & 0xffffff;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  KamGenerateOptions opts;

  f->dir = g_dir_make_tmp ("kam-gui-map-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);
  kam_generate_options_init (&opts);
  opts.n_accounts = 4;
  g_assert_true (kam_generate (f->store, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  accounts = kam_store_load_all (f->store, &kam_account_kind, &error);
  f->account_id = g_strdup (kam_record_get_id (accounts->pdata[0]));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  f->view = KAM_CONTACT_MAP_VIEW (kam_contact_map_view_new ());
  f->map = kam_contact_map_view_get_map (f->view);
  /* as in the window: the toasts of the edits go to an overlay around it */
  f->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->toasts, GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, GTK_WIDGET (f->toasts));
  kam_contact_map_view_set_store (f->view, f->store);
  kam_contact_map_view_set_account_id (f->view, f->account_id);
  gtk_window_present (f->window);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_object_add_weak_pointer (G_OBJECT (f->map), (gpointer *) &f->map);
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (f->map);
  g_assert_finalize_object (f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->account_id);
}

static gboolean
press (KamContactMap *map,
       guint          keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (map));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static int
selected (KamContactMap *map)
{
  return kam_org_chart_find_node (kam_contact_map_get_chart (map), kam_contact_map_get_selected_id (map));
}

static void
assert_accessible_label (KamContactMap *map,
                         const char    *label)
{
  g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                 label);

  g_assert_cmpstr (problem, ==, NULL);
}

static GtkEventController *
controller_of_type (GtkWidget *widget,
                    GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);   /* the widget keeps it */
    }
  return NULL;
}

/* Presses Escape through the shortcut that the view's class binds to it. */
static gboolean
press_escape (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* The Undo button of the toast on show in @overlay, or NULL. */
static GtkWidget *
toast_undo_button (AdwToastOverlay *overlay)
{
  GtkWidget *found = NULL;
  GPtrArray *stack = g_ptr_array_new ();

  kam_test_wait_frames (GTK_WIDGET (overlay), 2);
  g_ptr_array_add (stack, overlay);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), _("_Undo")) == 0
          && gtk_widget_get_mapped (w))
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  return found;
}

static gboolean
has_relation (KamStore       *store,
              const char     *from_id,
              const char     *to_id,
              KamRelationKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = kam_store_load_all (store, &kam_relation_kind, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < relations->len; i++)
    if (g_strcmp0 (kam_record_get_string (relations->pdata[i], "from_id"), from_id) == 0
        && g_strcmp0 (kam_record_get_string (relations->pdata[i], "to_id"), to_id) == 0
        && kam_record_get_int (relations->pdata[i], "kind") == (int) kind)
      return TRUE;
  return FALSE;
}

/* The most influential decider, else the most influential person */
static int
key_person (KamOrgChartData *data)
{
  int key = -1;

  for (guint i = 0; i < data->contacts->len; i++)
    {
      const KamMapContact *c = &g_array_index (data->contacts, KamMapContact, i);
      const KamMapContact *k = key >= 0 ? &g_array_index (data->contacts, KamMapContact, key) : NULL;

      if (k == NULL || (kam_role_is_decider (c->role) && !kam_role_is_decider (k->role))
          || (kam_role_is_decider (c->role) == kam_role_is_decider (k->role) && c->influence > k->influence))
        key = i;
    }
  return key;
}

/* The attitude colour of card @id as rendered: left in its badge */
static guint32
badge_pixel (Fixture    *f,
             const char *id)
{
  KamOrgChart *chart = kam_contact_map_get_chart (f->map);
  double x, y;
  KamRect r;

  kam_org_chart_get_node_rect (chart, kam_org_chart_find_node (chart, id), &r);
  kam_contact_map_chart_to_widget (f->map, r.x + 24 - 10, r.y + 26, &x, &y);
  return pixel (GTK_WIDGET (f->map), x, y);
}

static void
activated_cb (KamContactMap *map,
              const char    *id,
              char         **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  user_data)
{
  KamOrgChart *chart = kam_contact_map_get_chart (f->map);
  g_autofree char *activated = NULL;
  g_autofree char *description = NULL;
  const KamMapContact *c;
  int root, report, n = kam_org_chart_get_data (chart)->contacts->len;
  KamRect rr, r;

  g_assert_cmpint (n, >, 3);
  g_assert_null (kam_contact_map_get_selected_id (f->map));

  /* Tab into the map: the first card in reading order, the top one */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->map), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->map)));
  root = selected (f->map);
  g_assert_cmpint (root, >=, 0);
  kam_org_chart_get_node_rect (chart, root, &rr);
  for (int i = 0; i < n; i++)
    {
      kam_org_chart_get_node_rect (chart, i, &r);
      g_assert_cmpfloat (r.y, >=, rr.y);
    }

  /* Tab again: the next card; Shift+Tab back */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->map), GTK_DIR_TAB_FORWARD));
  g_assert_cmpint (selected (f->map), !=, root);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->map), GTK_DIR_TAB_BACKWARD));
  g_assert_cmpint (selected (f->map), ==, root);

  /* Down: a direct report; Up: back to the manager */
  if (kam_org_chart_get_parent (chart, root) < 0)
    {
      g_assert_true (press (f->map, GDK_KEY_Down));
      report = selected (f->map);
      g_assert_cmpint (kam_org_chart_get_parent (chart, report), ==, root);
      /* Right: the next card on the row, further right */
      kam_org_chart_get_node_rect (chart, report, &rr);
      if (press (f->map, GDK_KEY_Right) && selected (f->map) != report)
        {
          kam_org_chart_get_node_rect (chart, selected (f->map), &r);
          g_assert_cmpfloat (r.y, ==, rr.y);
          g_assert_cmpfloat (r.x, >, rr.x);
        }
      g_assert_true (press (f->map, GDK_KEY_Up));
      g_assert_cmpint (kam_org_chart_get_parent (chart, report), ==, selected (f->map));
    }

  /* Enter opens the selected contact's panel; the panel's button asks for
   * the full dialog */
  g_signal_connect (f->map, "contact-activated", G_CALLBACK (activated_cb), &activated);
  g_assert_false (kam_contact_map_view_is_panel_open (f->view));
  g_assert_true (press (f->map, GDK_KEY_Return));
  g_assert_true (kam_contact_map_view_is_panel_open (f->view));
  g_assert_cmpstr (kam_contact_panel_get_contact_id (kam_contact_map_view_get_panel (f->view)), ==,
                   kam_contact_map_get_selected_id (f->map));
  g_assert_null (activated);
  g_signal_emit_by_name (kam_test_find_descendant (GTK_WIDGET (kam_contact_map_view_get_panel (f->view)),
                                                   GTK_TYPE_BUTTON, "details"), "clicked");
  g_assert_cmpstr (activated, ==, kam_contact_map_get_selected_id (f->map));

  /* What a screen reader says: "Name, Title, role, attitude" */
  c = &g_array_index (kam_org_chart_get_data (chart)->contacts, KamMapContact, selected (f->map));
  description = kam_contact_map_describe_node (f->map, selected (f->map));
  g_assert_true (g_str_has_prefix (description, c->name));
  g_assert_true (g_str_has_suffix (description, kam_attitude_label (c->attitude)));
  if (c->title[0])
    g_assert_nonnull (strstr (description, c->title));
  /* ... as the map's accessible label while the card has the focus */
  assert_accessible_label (f->map, description);

  /* Zoom: Ctrl+plus is map.zoom-in, Ctrl+0 fits again */
  {
    double fit = kam_contact_map_get_zoom (f->map);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-in", NULL));
    g_assert_cmpfloat_with_epsilon (kam_contact_map_get_zoom (f->map), fit * 1.25, 1e-9);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-fit", NULL));
    g_assert_cmpfloat_with_epsilon (kam_contact_map_get_zoom (f->map), fit, 1e-9);
  }

  kam_test_screenshot (GTK_WIDGET (f->window), "contact-map-view-1280x800.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  kam_test_screenshot (GTK_WIDGET (f->window), "contact-map-view-1280x800-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_attitude_changes (Fixture       *f,
                       gconstpointer  user_data)
{
  KamOrgChartData *data = kam_org_chart_get_data (kam_contact_map_get_chart (f->map));
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) contact = NULL;
  g_autofree char *id = NULL;
  g_autofree char *score_before = NULL;
  int key = -1, attitude;
  guint32 before, after;
  double x, y;
  KamRect r;

  /* the most influential decider, else the most influential person */
  for (guint i = 0; i < data->contacts->len; i++)
    {
      const KamMapContact *c = &g_array_index (data->contacts, KamMapContact, i);

      if (key < 0 || (kam_role_is_decider (c->role) && !kam_role_is_decider (g_array_index (data->contacts, KamMapContact, key).role))
          || (kam_role_is_decider (c->role) == kam_role_is_decider (g_array_index (data->contacts, KamMapContact, key).role)
              && c->influence > g_array_index (data->contacts, KamMapContact, key).influence))
        key = i;
    }
  id = g_strdup (g_array_index (data->contacts, KamMapContact, key).id);
  attitude = g_array_index (data->contacts, KamMapContact, key).attitude;

  /* full cards: 100 %, the card in view */
  kam_contact_map_zoom_by (f->map, 1.0 / kam_contact_map_get_zoom (f->map), 0, 0);
  g_assert_true (kam_contact_map_select_id (f->map, id));
  score_before = g_strdup (kam_contact_map_view_get_score_text (f->view));

  kam_org_chart_get_node_rect (kam_contact_map_get_chart (f->map), kam_org_chart_find_node (kam_contact_map_get_chart (f->map), id), &r);
  kam_contact_map_chart_to_widget (f->map, r.x + 24 - 10, r.y + 26, &x, &y);
  before = pixel (GTK_WIDGET (f->map), x, y);

  /* what the contact panel does: set the attitude, save */
  contact = kam_store_load (f->store, &kam_contact_kind, id, &error);
  g_assert_no_error (error);
  g_assert_true (kam_record_set_from_string (contact, "attitude", attitude >= 0 ? "-2" : "2", &error));
  g_assert_true (kam_store_save (f->store, contact, &error));
  g_assert_no_error (error);

  /* the map reloaded: the same card selected, its colour and the score changed */
  g_assert_cmpstr (kam_contact_map_get_selected_id (f->map), ==, id);
  kam_org_chart_get_node_rect (kam_contact_map_get_chart (f->map), kam_org_chart_find_node (kam_contact_map_get_chart (f->map), id), &r);
  kam_contact_map_chart_to_widget (f->map, r.x + 24 - 10, r.y + 26, &x, &y);
  after = pixel (GTK_WIDGET (f->map), x, y);
  g_assert_cmpuint (before, !=, after);
  if (attitude >= 0)
    g_assert_cmpuint ((after >> 16) & 0xff, >, (after >> 8) & 0xff);   /* opponent: red */
  else
    g_assert_cmpuint ((after >> 8) & 0xff, >, (after >> 16) & 0xff);   /* champion: green */
  g_assert_cmpstr (kam_contact_map_view_get_score_text (f->view), !=, score_before);
}

static void
test_reparent_undo (Fixture       *f,
                    gconstpointer  user_data)
{
  KamOrgChart *chart = kam_contact_map_get_chart (f->map);
  KamOrgChartData *data = kam_org_chart_get_data (chart);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) stored = NULL;
  g_autofree char *child_id = NULL;
  g_autofree char *old_manager_id = NULL;
  g_autofree char *new_manager_id = NULL;
  g_autofree char *root_id = NULL;
  int child = -1, root = -1, target = -1;

  /* a contact with a manager, and a root */
  for (guint i = 0; i < data->contacts->len; i++)
    {
      if (kam_org_chart_get_parent (chart, i) >= 0 && child < 0 && kam_org_chart_get_parent (chart, kam_org_chart_get_parent (chart, i)) >= 0)
        child = i;
      if (kam_org_chart_get_parent (chart, i) < 0 && root < 0)
        root = i;
    }
  g_assert_cmpint (child, >=, 0);
  g_assert_cmpint (root, >=, 0);
  /* the new manager: the root (above the old manager, never below the child) */
  target = root;
  child_id = g_strdup (g_array_index (data->contacts, KamMapContact, child).id);
  old_manager_id = g_strdup (g_array_index (data->contacts, KamMapContact, child).reports_to_id);
  new_manager_id = g_strdup (g_array_index (data->contacts, KamMapContact, target).id);
  root_id = g_strdup (new_manager_id);
  g_assert_cmpstr (old_manager_id, !=, new_manager_id);

  g_assert_false (kam_contact_map_can_undo (f->map));
  g_assert_true (kam_contact_map_reparent (f->map, child_id, new_manager_id, &error));
  g_assert_no_error (error);

  stored = kam_store_load (f->store, &kam_contact_kind, child_id, &error);
  g_assert_cmpstr (kam_record_get_string (stored, "reports_to_id"), ==, new_manager_id);
  chart = kam_contact_map_get_chart (f->map);
  g_assert_cmpint (kam_org_chart_get_parent (chart, kam_org_chart_find_node (chart, child_id)), ==,
                   kam_org_chart_find_node (chart, new_manager_id));
  g_assert_true (kam_contact_map_can_undo (f->map));

  /* the root cannot report to someone below it */
  g_assert_false (kam_contact_map_reparent (f->map, root_id, child_id, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (kam_contact_map_undo (f->map, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = kam_store_load (f->store, &kam_contact_kind, child_id, &error);
  g_assert_cmpstr (kam_record_get_string (stored, "reports_to_id"), ==, old_manager_id);
  chart = kam_contact_map_get_chart (f->map);
  g_assert_cmpint (kam_org_chart_get_parent (chart, kam_org_chart_find_node (chart, child_id)), ==,
                   kam_org_chart_find_node (chart, old_manager_id));
  g_assert_false (kam_contact_map_can_undo (f->map));
}

static int
relation_index (KamContactMap *map,
                const char    *id)
{
  KamOrgChartData *data = kam_org_chart_get_data (kam_contact_map_get_chart (map));

  for (guint i = 0; i < data->relations->len; i++)
    if (g_strcmp0 (g_array_index (data->relations, KamMapRelation, i).id, id) == 0)
      return i;
  return -1;
}

static void
click (KamContactMap *map,
       double         x,
       double         y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (map));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "pressed", 1, x, y);
    }
}

/* Add a relation, select it by clicking its line, Delete removes it, undo
 * brings it back, undo again removes the added one. */
static void
test_relations (Fixture       *f,
                gconstpointer  user_data)
{
  KamOrgChart *chart = kam_contact_map_get_chart (f->map);
  KamOrgChartData *data = kam_org_chart_get_data (chart);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *from_id = g_strdup (g_array_index (data->contacts, KamMapContact, 0).id);
  g_autofree char *to_id = g_strdup (g_array_index (data->contacts, KamMapContact, data->contacts->len - 1).id);
  g_autofree char *new_id = NULL;
  guint n_before = data->relations->len;
  gboolean clicked = FALSE;
  KamPoint c[4];

  for (guint i = 0; i < data->relations->len; i++)
    g_hash_table_add (before, g_strdup (g_array_index (data->relations, KamMapRelation, i).id));

  g_assert_false (kam_contact_map_add_relation (f->map, from_id, from_id, KAM_RELATION_INFLUENCES, &error));
  g_assert_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kam_contact_map_add_relation (f->map, from_id, to_id, KAM_RELATION_INFLUENCES, &error));
  g_assert_no_error (error);
  /* the panel's undo button follows */
  {
    GtkWidget *undo = NULL;

    for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (f->map))); w; w = gtk_widget_get_next_sibling (w))
      for (GtkWidget *b = gtk_widget_get_first_child (w); b; b = gtk_widget_get_next_sibling (b))
        if (GTK_IS_BUTTON (b) && g_strcmp0 (gtk_widget_get_tooltip_text (b), "Undo the Last Change to the Map") == 0)
          undo = b;
    g_assert_nonnull (undo);
    g_assert_true (gtk_widget_get_sensitive (undo));
  }

  chart = kam_contact_map_get_chart (f->map);
  data = kam_org_chart_get_data (chart);
  g_assert_cmpuint (data->relations->len, ==, n_before + 1);
  for (guint i = 0; i < data->relations->len; i++)
    if (!g_hash_table_contains (before, g_array_index (data->relations, KamMapRelation, i).id))
      new_id = g_strdup (g_array_index (data->relations, KamMapRelation, i).id);
  g_assert_nonnull (new_id);
  g_assert_cmpint (g_array_index (data->relations, KamMapRelation, relation_index (f->map, new_id)).kind, ==,
                   KAM_RELATION_INFLUENCES);

  /* click on its line, away from any card and from other lines */
  g_assert_true (kam_org_chart_get_relation_curve (chart, relation_index (f->map, new_id), c));
  for (int k = 1; k < 20 && !clicked; k++)
    {
      double t = k / 20.0, u = 1 - t, px, py, wx, wy;

      px = u * u * u * c[0].x + 3 * u * u * t * c[1].x + 3 * u * t * t * c[2].x + t * t * t * c[3].x;
      py = u * u * u * c[0].y + 3 * u * u * t * c[1].y + 3 * u * t * t * c[2].y + t * t * t * c[3].y;
      if (kam_org_chart_hit_test (chart, px, py) >= 0
          || kam_org_chart_hit_test_relation (chart, px, py, 1) != relation_index (f->map, new_id))
        continue;
      kam_contact_map_chart_to_widget (f->map, px, py, &wx, &wy);
      if (wx < 0 || wy < 0 || wx >= gtk_widget_get_width (GTK_WIDGET (f->map)) || wy >= gtk_widget_get_height (GTK_WIDGET (f->map)))
        continue;
      click (f->map, wx, wy);
      clicked = TRUE;
    }
  g_assert_true (clicked);
  g_assert_cmpstr (kam_contact_map_get_selected_relation_id (f->map), ==, new_id);
  kam_test_screenshot (GTK_WIDGET (f->window), "contact-map-relation-selected-1280x800.png");

  /* Delete removes it */
  g_assert_true (press (f->map, GDK_KEY_Delete));
  g_assert_cmpint (relation_index (f->map, new_id), <, 0);
  g_assert_null (kam_contact_map_get_selected_relation_id (f->map));

  /* undo: back; undo again: the added relation goes */
  g_assert_true (kam_contact_map_undo (f->map, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relation_index (f->map, new_id), >=, 0);
  g_assert_true (kam_contact_map_undo (f->map, &error));
  g_assert_no_error (error);
  g_assert_cmpint (relation_index (f->map, new_id), <, 0);
  g_assert_cmpuint (kam_org_chart_get_data (kam_contact_map_get_chart (f->map))->relations->len, ==, n_before);
  g_assert_false (kam_contact_map_can_undo (f->map));
}

/* The "Contact Map" tab of the account page shows the account's map. */
static void
test_account_page_tab (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KamContext) context = kam_context_new (f->store, settings);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) account = kam_store_load (f->store, &kam_account_kind, f->account_id, &error);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  KamAccountPage *page = KAM_ACCOUNT_PAGE (kam_account_page_new ());
  AdwViewStack *sections;
  KamContactMapView *view;
  KamContactMap *map;
  KamOrgChart *chart;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (page));
  kam_account_page_set_context (page, context);
  kam_account_page_set_account_id (page, f->account_id);
  gtk_window_present (window);
  kam_test_wait_frames (GTK_WIDGET (window), 3);

  sections = ADW_VIEW_STACK (kam_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (sections);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (sections), ==, "overview");
  adw_view_stack_set_visible_child_name (sections, "map");
  kam_test_wait_frames (GTK_WIDGET (window), 3);

  view = KAM_CONTACT_MAP_VIEW (kam_test_find_descendant (GTK_WIDGET (page), KAM_TYPE_CONTACT_MAP_VIEW, NULL));
  map = kam_contact_map_view_get_map (view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (map)));
  g_assert_cmpstr (kam_contact_map_get_account_id (map), ==, f->account_id);
  chart = kam_contact_map_get_chart (map);
  g_assert_nonnull (chart);
  g_assert_cmpstr (kam_org_chart_get_data (chart)->account_name, ==, kam_record_get_string (account, "name"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), >, 600);
  kam_test_screenshot (GTK_WIDGET (window), "account-page-contact-map-1280x800.png");

  /* no account: no map */
  kam_account_page_set_account_id (page, NULL);
  g_assert_null (kam_contact_map_get_chart (map));

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Select a card by keyboard, Enter opens its panel; the attitude chosen
 * there is saved at once, the card's colour and the score change; the
 * toast's Undo puts it back; Escape closes the panel. */
static void
test_panel_edit_undo (Fixture       *f,
                      gconstpointer  user_data)
{
  KamOrgChartData *data = kam_org_chart_get_data (kam_contact_map_get_chart (f->map));
  KamContactPanel *panel = kam_contact_map_view_get_panel (f->view);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) stored = NULL;
  g_autofree char *id = NULL;
  g_autofree char *score_before = NULL;
  g_autofree char *description = NULL;
  AdwComboRow *attitude_row;
  GtkWidget *undo;
  int attitude, changed, steps = 0;
  guint32 before, after;

  id = g_strdup (g_array_index (data->contacts, KamMapContact, key_person (data)).id);
  attitude = g_array_index (data->contacts, KamMapContact, key_person (data)).attitude;
  changed = attitude >= 0 ? -2 : 2;

  /* full cards: 100 % */
  kam_contact_map_zoom_by (f->map, 1.0 / kam_contact_map_get_zoom (f->map), 0, 0);

  /* Tab into the map, then Tab from card to card up to the key person */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->map), GTK_DIR_TAB_FORWARD));
  while (g_strcmp0 (kam_contact_map_get_selected_id (f->map), id) != 0)
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->map), GTK_DIR_TAB_FORWARD));
      g_assert_cmpint (++steps, <, (int) data->contacts->len);
    }
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->map)));
  description = kam_contact_map_describe_node (f->map, selected (f->map));
  assert_accessible_label (f->map, description);

  /* Enter: the panel, in the coverage's place */
  g_assert_false (kam_contact_map_view_is_panel_open (f->view));
  g_assert_true (press (f->map, GDK_KEY_Return));
  g_assert_true (kam_contact_map_view_is_panel_open (f->view));
  g_assert_cmpstr (kam_contact_panel_get_contact_id (panel), ==, id);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->map)));   /* arrows still move on the map */
  attitude_row = ADW_COMBO_ROW (kam_test_find_descendant (GTK_WIDGET (panel), ADW_TYPE_COMBO_ROW, "attitude"));
  g_assert_nonnull (attitude_row);
  g_assert_cmpuint (adw_combo_row_get_selected (attitude_row), ==, 2 - attitude);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
  score_before = g_strdup (kam_contact_map_view_get_score_text (f->view));
  before = badge_pixel (f, id);

  /* choose the other attitude: saved, redrawn, scored */
  adw_combo_row_set_selected (attitude_row, 2 - changed);
  stored = kam_store_load (f->store, &kam_contact_kind, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kam_record_get_int (stored, "attitude"), ==, changed);
  data = kam_org_chart_get_data (kam_contact_map_get_chart (f->map));
  g_assert_cmpint (g_array_index (data->contacts, KamMapContact, kam_org_chart_data_find (data, id)).attitude, ==, changed);
  g_assert_cmpstr (kam_contact_map_get_selected_id (f->map), ==, id);
  after = badge_pixel (f, id);
  g_assert_cmpuint (before, !=, after);
  if (changed < 0)
    g_assert_cmpuint ((after >> 16) & 0xff, >, (after >> 8) & 0xff);   /* opponent: red */
  else
    g_assert_cmpuint ((after >> 8) & 0xff, >, (after >> 16) & 0xff);   /* champion: green */
  g_assert_cmpstr (kam_contact_map_view_get_score_text (f->view), !=, score_before);
  /* the panel shows what was saved */
  g_assert_cmpuint (adw_combo_row_get_selected (attitude_row), ==, 2 - changed);
  kam_test_screenshot (GTK_WIDGET (f->window), "contact-map-panel-edited-1280x800.png");

  /* the toast's Undo */
  undo = toast_undo_button (f->toasts);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_clear_object (&stored);
  stored = kam_store_load (f->store, &kam_contact_kind, id, &error);
  g_assert_cmpint (kam_record_get_int (stored, "attitude"), ==, attitude);
  g_assert_cmpstr (kam_contact_map_view_get_score_text (f->view), ==, score_before);
  g_assert_cmpuint (adw_combo_row_get_selected (attitude_row), ==, 2 - attitude);
  g_assert_cmpuint (badge_pixel (f, id), ==, before);
  g_assert_false (kam_contact_map_can_undo (f->map));

  /* the panel follows the selection while open */
  g_assert_true (press (f->map, GDK_KEY_Home));
  g_assert_cmpstr (kam_contact_panel_get_contact_id (panel), ==, kam_contact_map_get_selected_id (f->map));
  /* Enter again: into the panel; Escape: closed, back on the map */
  g_assert_true (press (f->map, GDK_KEY_Return));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (kam_test_find_descendant (GTK_WIDGET (panel), ADW_TYPE_COMBO_ROW, "role"))));
  g_assert_true (press_escape (GTK_WIDGET (f->view)));
  g_assert_false (kam_contact_map_view_is_panel_open (f->view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->map)));
  /* closed, Escape is left to others */
  g_assert_false (press_escape (GTK_WIDGET (f->view)));
}

static char *
notes_of (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

/* Notes and owner: saved from the panel, each with its own toast. */
static void
test_panel_notes_owner (Fixture       *f,
                        gconstpointer  user_data)
{
  KamOrgChartData *data = kam_org_chart_get_data (kam_contact_map_get_chart (f->map));
  KamContactPanel *panel = kam_contact_map_view_get_panel (f->view);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) stored = NULL;
  g_autofree char *id = g_strdup (g_array_index (data->contacts, KamMapContact, 0).id);
  g_autofree char *owner_before = g_strdup (g_array_index (data->contacts, KamMapContact, 0).owner_id);
  g_autofree char *shown = NULL;
  GtkTextView *notes;
  AdwComboRow *owner;
  guint n_owners;

  g_assert_true (kam_contact_map_select_id (f->map, id));
  g_signal_emit_by_name (f->map, "contact-opened", id, FALSE);
  g_assert_true (kam_contact_map_view_is_panel_open (f->view));

  notes = GTK_TEXT_VIEW (kam_test_find_descendant (GTK_WIDGET (panel), GTK_TYPE_TEXT_VIEW, "notes"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), "Plays go on Sundays", -1);
  /* Escape closes the panel, what was typed is saved */
  g_assert_true (press_escape (GTK_WIDGET (f->view)));
  g_assert_false (kam_contact_map_view_is_panel_open (f->view));
  stored = kam_store_load (f->store, &kam_contact_kind, id, &error);
  g_assert_cmpstr (kam_record_get_string (stored, "notes"), ==, "Plays go on Sundays");
  g_assert_nonnull (toast_undo_button (f->toasts));
  g_signal_emit_by_name (f->map, "contact-opened", id, FALSE);
  g_assert_true (kam_contact_map_view_is_panel_open (f->view));
  shown = notes_of (notes);
  g_assert_cmpstr (shown, ==, "Plays go on Sundays");

  /* another owner: the last team member, else nobody */
  owner = ADW_COMBO_ROW (kam_test_find_descendant (GTK_WIDGET (panel), ADW_TYPE_COMBO_ROW, "owner"));
  n_owners = g_list_model_get_n_items (adw_combo_row_get_model (owner));
  g_assert_cmpuint (n_owners, >, 1);
  adw_combo_row_set_selected (owner, adw_combo_row_get_selected (owner) == n_owners - 1 ? 0 : n_owners - 1);
  g_clear_object (&stored);
  stored = kam_store_load (f->store, &kam_contact_kind, id, &error);
  g_assert_cmpstr (kam_record_get_string (stored, "owner_id"), !=, owner_before);
  data = kam_org_chart_get_data (kam_contact_map_get_chart (f->map));
  g_assert_cmpstr (g_array_index (data->contacts, KamMapContact, kam_org_chart_data_find (data, id)).owner_id, ==,
                   kam_record_get_string (stored, "owner_id"));
  /* the notes were not overwritten by the refill */
  g_assert_cmpstr (kam_record_get_string (stored, "notes"), ==, "Plays go on Sundays");

  /* two undos: the owner, then the notes */
  g_assert_true (kam_contact_map_undo (f->map, &error));
  g_assert_true (kam_contact_map_undo (f->map, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = kam_store_load (f->store, &kam_contact_kind, id, &error);
  g_assert_cmpstr (kam_record_get_string (stored, "owner_id"), ==, owner_before);
  g_assert_cmpstr (kam_record_get_string (stored, "notes"), !=, "Plays go on Sundays");
}

/* A card visible in the map other than @not, with no "influences" from
 * @from yet; its centre in widget coordinates. */
static int
visible_target (Fixture    *f,
                int         not,
                double     *x,
                double     *y)
{
  KamOrgChart *chart = kam_contact_map_get_chart (f->map);
  KamOrgChartData *data = kam_org_chart_get_data (chart);
  const char *from_id = g_array_index (data->contacts, KamMapContact, not).id;

  for (guint i = 0; i < data->contacts->len; i++)
    {
      KamRect r;

      if ((int) i == not || has_relation (f->store, from_id, g_array_index (data->contacts, KamMapContact, i).id,
                                          KAM_RELATION_INFLUENCES))
        continue;
      kam_org_chart_get_node_rect (chart, i, &r);
      kam_contact_map_chart_to_widget (f->map, r.x + r.width / 2, r.y + r.height / 2, x, y);
      if (*x > 20 && *y > 20 && *x < gtk_widget_get_width (GTK_WIDGET (f->map)) - 20
          && *y < gtk_widget_get_height (GTK_WIDGET (f->map)) - 20)
        return i;
    }
  return -1;
}

static void
drag (KamContactMap *map,
      double         x0,
      double         y0,
      double         x1,
      double         y1,
      const char    *screenshot)
{
  GtkEventController *gesture = controller_of_type (GTK_WIDGET (map), GTK_TYPE_GESTURE_DRAG);

  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
  if (screenshot != NULL)
    kam_test_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (map), GTK_TYPE_WINDOW), screenshot);
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
}

/* The handle on the selected card: drawn where it is hit; dragged onto
 * another card it adds "influences" (undoable); the card's body away from
 * the handle does not. */
static void
test_handle_drag (Fixture       *f,
                  gconstpointer  user_data)
{
  KamOrgChart *chart = kam_contact_map_get_chart (f->map);
  KamOrgChartData *data = kam_org_chart_get_data (chart);
  g_autoptr(GError) error = NULL;
  g_autofree char *from_id = NULL;
  g_autofree char *to_id = NULL;
  double hx, hy, tx, ty;
  guint32 px, plain;
  guint n_relations;
  int from, to;
  KamRect r;

  /* 100 %, the key person selected */
  kam_contact_map_zoom_by (f->map, 1.0 / kam_contact_map_get_zoom (f->map), 0, 0);
  from = key_person (data);
  from_id = g_strdup (g_array_index (data->contacts, KamMapContact, from).id);
  g_assert_false (kam_contact_map_get_handle (f->map, &hx, &hy));   /* nothing selected: no handle */
  kam_org_chart_get_node_rect (chart, from, &r);
  kam_contact_map_chart_to_widget (f->map, r.x + r.width + 4, r.y + r.height / 2 + 5, &hx, &hy);
  plain = pixel (GTK_WIDGET (f->map), hx, hy);
  g_assert_true (kam_contact_map_select_id (f->map, from_id));

  /* the handle: on the card's right edge, at mid-height, drawn in the accent */
  g_assert_true (kam_contact_map_get_handle (f->map, &hx, &hy));
  kam_org_chart_get_node_rect (chart, from, &r);
  {
    double ex, ey;

    kam_contact_map_chart_to_widget (f->map, r.x + r.width, r.y + r.height / 2, &ex, &ey);
    g_assert_cmpfloat_with_epsilon (hx, ex, 1e-9);
    g_assert_cmpfloat_with_epsilon (hy, ey, 1e-9);
  }
  px = pixel (GTK_WIDGET (f->map), hx + 4, hy + 5);   /* in the disc, off its arrow, outside the card */
  g_assert_cmpuint (px, !=, plain);
  g_assert_cmpuint (px & 0xff, >, ((px >> 16) & 0xff) + 60);   /* blue over red */

  to = visible_target (f, from, &tx, &ty);
  g_assert_cmpint (to, >=, 0);
  to_id = g_strdup (g_array_index (data->contacts, KamMapContact, to).id);
  n_relations = data->relations->len;

  /* from the card's body, far from the handle: no relation (a re-parenting
   * or a refusal) */
  drag (f->map, hx - r.width / 2, hy, tx, ty, NULL);
  g_assert_false (has_relation (f->store, from_id, to_id, KAM_RELATION_INFLUENCES));
  while (kam_contact_map_can_undo (f->map))
    g_assert_true (kam_contact_map_undo (f->map, &error));
  g_assert_true (kam_contact_map_select_id (f->map, from_id));
  g_assert_true (kam_contact_map_get_handle (f->map, &hx, &hy));
  to = visible_target (f, kam_org_chart_find_node (kam_contact_map_get_chart (f->map), from_id), &tx, &ty);
  g_free (to_id);
  to_id = g_strdup (g_array_index (kam_org_chart_get_data (kam_contact_map_get_chart (f->map))->contacts,
                                   KamMapContact, to).id);

  /* from the handle, at its outer half (outside the card): a relation */
  drag (f->map, hx + HANDLE_GRAB, hy, tx, ty, "contact-map-handle-drag-1280x800.png");
  g_assert_true (has_relation (f->store, from_id, to_id, KAM_RELATION_INFLUENCES));
  data = kam_org_chart_get_data (kam_contact_map_get_chart (f->map));
  g_assert_cmpuint (data->relations->len, ==, n_relations + 1);
  g_assert_true (kam_contact_map_can_undo (f->map));
  g_assert_nonnull (toast_undo_button (f->toasts));

  /* undo */
  g_assert_true (kam_contact_map_undo (f->map, &error));
  g_assert_no_error (error);
  g_assert_false (has_relation (f->store, from_id, to_id, KAM_RELATION_INFLUENCES));

  /* Shift+drag still works: the action behind it */
  g_assert_true (kam_contact_map_add_relation (f->map, from_id, to_id, KAM_RELATION_INFLUENCES, &error));
  g_assert_true (has_relation (f->store, from_id, to_id, KAM_RELATION_INFLUENCES));
}

/* "Add Relation…" in the panel: the keyboard's way to add a relation. */
static void
test_panel_add_relation (Fixture       *f,
                         gconstpointer  user_data)
{
  KamOrgChartData *data = kam_org_chart_get_data (kam_contact_map_get_chart (f->map));
  KamContactPanel *panel = kam_contact_map_view_get_panel (f->view);
  g_autofree char *from_id = g_strdup (g_array_index (data->contacts, KamMapContact, 0).id);
  g_autofree char *to_id = g_strdup (g_array_index (data->contacts, KamMapContact, 1).id);
  g_autofree char *to_name = g_strdup (g_array_index (data->contacts, KamMapContact, 1).name);
  g_autofree char *row_title = NULL;
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkListBox *list;
  GtkWidget *entry;
  guint n_rows = 0, n_shown = 0;

  g_assert_true (kam_contact_map_select_id (f->map, from_id));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->map), GTK_DIR_TAB_FORWARD));
  g_assert_true (kam_contact_map_select_id (f->map, from_id));
  g_assert_true (press (f->map, GDK_KEY_Return));
  g_assert_false (has_relation (f->store, from_id, to_id, KAM_RELATION_RIVAL));

  button = GTK_MENU_BUTTON (kam_test_find_descendant (GTK_WIDGET (panel), GTK_TYPE_MENU_BUTTON, "add-relation"));
  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  kam_test_wait_frames (GTK_WIDGET (f->window), 3);
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  list = GTK_LIST_BOX (kam_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX, "relation-targets"));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, data->contacts->len - 1);   /* everyone but the person */
  entry = kam_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_SEARCH_ENTRY, "relation-search");
  /* typing goes to the search */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));

  /* "Rival", the name typed, Enter */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (kam_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_TOGGLE_BUTTON,
                                                                           "kind-rival")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), to_name);
  kam_test_wait_ms (400);   /* search-changed comes after a pause */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    n_shown += gtk_widget_get_child_visible (row);
  g_assert_cmpuint (n_shown, >=, 1);
  g_assert_cmpuint (n_shown, <, n_rows);
  kam_test_screenshot (GTK_WIDGET (f->window), "contact-map-add-relation-1280x800.png");
  kam_test_screenshot (GTK_WIDGET (popover), "contact-map-add-relation-popover.png");
  g_signal_emit_by_name (entry, "activate");
  kam_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (has_relation (f->store, from_id, to_id, KAM_RELATION_RIVAL));

  /* listed in the panel */
  row_title = g_strdup_printf (_("Rival of %s"), to_name);
  {
    gboolean listed = FALSE;
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, panel);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (ADW_IS_ACTION_ROW (w) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), row_title) == 0)
          listed = TRUE;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
    g_assert_true (listed);
  }
}

/* Pinch: GtkGestureZoom's scale, from where the pinch began */
static void
test_pinch_zoom (Fixture       *f,
                 gconstpointer  user_data)
{
  GtkEventController *zoom = controller_of_type (GTK_WIDGET (f->map), GTK_TYPE_GESTURE_ZOOM);
  double start = kam_contact_map_get_zoom (f->map);

  g_assert_nonnull (zoom);
  g_signal_emit_by_name (zoom, "begin", NULL);
  g_signal_emit_by_name (zoom, "scale-changed", 1.5);
  g_assert_cmpfloat_with_epsilon (kam_contact_map_get_zoom (f->map), start * 1.5, 1e-9);
  g_signal_emit_by_name (zoom, "scale-changed", 2.0);
  g_assert_cmpfloat_with_epsilon (kam_contact_map_get_zoom (f->map), start * 2.0, 1e-9);
  g_signal_emit_by_name (zoom, "scale-changed", 0.5);
  g_assert_cmpfloat_with_epsilon (kam_contact_map_get_zoom (f->map), start * 0.5, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-fit", NULL));
  g_assert_cmpfloat_with_epsilon (kam_contact_map_get_zoom (f->map), start, 1e-9);
}

/* What the export chooser does with the file chosen */
static void
test_export (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (f->dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "map.pdf", NULL);
  g_autofree char *bare = g_build_filename (f->dir, "bare", NULL);
  g_autofree char *bare_png = g_build_filename (f->dir, "bare.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "map.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autoptr(GFile) file = NULL;
  cairo_surface_t *image;
  gsize length;
  int status;

  file = g_file_new_for_path (png);
  g_assert_true (kam_contact_map_view_export (f->view, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1920);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1080);
  cairo_surface_destroy (image);

  g_clear_object (&file);
  file = g_file_new_for_path (pdf);
  g_assert_true (kam_contact_map_view_export (f->view, file, &error));
  g_assert_no_error (error);
  if (pdfinfo != NULL)
    {
      const char *argv[] = { pdfinfo, pdf, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, "Pages:           1\n"));
      g_assert_nonnull (strstr (out, "1190 x 842 pts"));
    }
  else
    g_test_message ("pdfinfo not found: the PDF was not read back");

  /* no known extension: a PNG, named so */
  g_clear_object (&file);
  file = g_file_new_for_path (bare);
  g_assert_true (kam_contact_map_view_export (f->view, file, &error));
  g_assert_true (g_file_test (bare_png, G_FILE_TEST_IS_REGULAR));

  /* a folder that is not there: an error naming the file */
  g_clear_object (&file);
  file = g_file_new_for_path (missing);
  g_assert_false (kam_contact_map_view_export (f->view, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "map.pdf"));
}

/* A 12-person account on the account page's map tab with a person's panel
 * open, at 1024 × 768 and 1920 × 1080, light and dark. */
static void
test_panel_screenshots (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(KamContext) context = kam_context_new (f->store, settings);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) account = kam_record_new (&kam_account_kind);
  gboolean chinese = g_str_has_prefix (g_getenv ("KAM_SCREENSHOT_PREFIX") ? g_getenv ("KAM_SCREENSHOT_PREFIX") : "", "zh");
  const struct { int w, h; } sizes[] = { { 1024, 768 }, { 1920, 1080 } };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwToastOverlay *toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  KamAccountPage *page = KAM_ACCOUNT_PAGE (kam_account_page_new ());
  KamContactMapView *view;
  KamContactMap *map;
  KamOrgChartData *data;
  GDate today;

  g_assert_true (kam_record_set_from_string (account, "name", chinese ? "华东智能电网研究院" : "Northwind Grid Research",
                                             &error));
  g_assert_true (kam_store_save (f->store, account, &error));
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  g_assert_true (kam_generate_org (f->store, kam_record_get_id (account), 12, 5, &today, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (window, 1024, 768);
  adw_toast_overlay_set_child (toasts, GTK_WIDGET (page));
  gtk_window_set_child (window, GTK_WIDGET (toasts));
  kam_account_page_set_context (page, context);
  kam_account_page_set_account_id (page, kam_record_get_id (account));
  gtk_window_present (window);
  kam_test_wait_frames (GTK_WIDGET (window), 3);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (kam_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK, NULL)),
                                         "map");
  view = KAM_CONTACT_MAP_VIEW (kam_test_find_descendant (GTK_WIDGET (page), KAM_TYPE_CONTACT_MAP_VIEW, NULL));
  map = kam_contact_map_view_get_map (view);
  data = kam_org_chart_get_data (kam_contact_map_get_chart (map));
  g_assert_cmpuint (data->contacts->len, ==, 12);

  /* the key person's panel */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (map), GTK_DIR_TAB_FORWARD));
  g_assert_true (kam_contact_map_select_id (map, g_array_index (data->contacts, KamMapContact, key_person (data)).id));
  g_assert_true (press (map, GDK_KEY_Return));
  g_assert_true (kam_contact_map_view_is_panel_open (view));

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int dark = 0; dark < 2; dark++)
      {
        g_autofree char *name = g_strdup_printf ("contact-map-panel-%dx%d%s.png", sizes[s].w, sizes[s].h, dark ? "-dark" : "");

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (window, sizes[s].w, sizes[s].h);
        kam_test_wait_for_width (GTK_WIDGET (window), sizes[s].w);
        kam_contact_map_zoom_to_fit (map);
        /* the side never squeezes the map out */
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), >=, 300);
        kam_test_screenshot (GTK_WIDGET (window), name);
      }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend (no bus, unlike AT-SPI): the
   * accessible labels can be read back */
  g_setenv ("GTK_A11Y", "test", TRUE);
  kam_test_init (&argc, &argv);

  g_test_add ("/kam/gui/map/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/kam/gui/map/attitude-changes-colour-and-score", Fixture, NULL, fixture_setup,
              test_attitude_changes, fixture_teardown);
  g_test_add ("/kam/gui/map/account-page-tab", Fixture, NULL, fixture_setup, test_account_page_tab, fixture_teardown);
  g_test_add ("/kam/gui/map/relations", Fixture, NULL, fixture_setup, test_relations, fixture_teardown);
  g_test_add ("/kam/gui/map/reparent-undo", Fixture, NULL, fixture_setup, test_reparent_undo, fixture_teardown);
  g_test_add ("/kam/gui/map/panel-edit-undo", Fixture, NULL, fixture_setup, test_panel_edit_undo, fixture_teardown);
  g_test_add ("/kam/gui/map/panel-notes-owner", Fixture, NULL, fixture_setup, test_panel_notes_owner,
              fixture_teardown);
  g_test_add ("/kam/gui/map/panel-add-relation", Fixture, NULL, fixture_setup, test_panel_add_relation,
              fixture_teardown);
  g_test_add ("/kam/gui/map/handle-drag", Fixture, NULL, fixture_setup, test_handle_drag, fixture_teardown);
  g_test_add ("/kam/gui/map/pinch-zoom", Fixture, NULL, fixture_setup, test_pinch_zoom, fixture_teardown);
  g_test_add ("/kam/gui/map/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/kam/gui/map/panel-screenshots", Fixture, NULL, fixture_setup, test_panel_screenshots,
              fixture_teardown);

  return g_test_run ();
}
