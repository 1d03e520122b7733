/* test-gui-map.c — the contact map widget and its coverage panel
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb, in a real window over a generated database.  Keys go
 * through the map's own key controller and GTK's focus chain; the colours
 * checked are the pixels the widget renders.  With KAM_SCREENSHOT_DIR set,
 * the view is saved as PNG files, light and dark.
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
#include "kam-model.h"

typedef struct {
  char              *dir;
  KamStore          *store;
  GtkWindow         *window;
  KamContactMapView *view;
  KamContactMap     *map;
  char              *account_id;
} Fixture;

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
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
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

  /* Enter opens the selected contact */
  g_signal_connect (f->map, "contact-activated", G_CALLBACK (activated_cb), &activated);
  g_assert_true (press (f->map, GDK_KEY_Return));
  g_assert_cmpstr (activated, ==, kam_contact_map_get_selected_id (f->map));

  /* What a screen reader says: "Name, Title, role, attitude" */
  c = &g_array_index (kam_org_chart_get_data (chart)->contacts, KamMapContact, selected (f->map));
  description = kam_contact_map_describe_node (f->map, selected (f->map));
  g_assert_true (g_str_has_prefix (description, c->name));
  g_assert_true (g_str_has_suffix (description, kam_attitude_label (c->attitude)));
  if (c->title[0])
    g_assert_nonnull (strstr (description, c->title));

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

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);
  adw_init ();
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KAM_LOCALEDIR") ? g_getenv ("KAM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/kam/gui/map/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/kam/gui/map/attitude-changes-colour-and-score", Fixture, NULL, fixture_setup,
              test_attitude_changes, fixture_teardown);
  g_test_add ("/kam/gui/map/account-page-tab", Fixture, NULL, fixture_setup, test_account_page_tab, fixture_teardown);
  g_test_add ("/kam/gui/map/relations", Fixture, NULL, fixture_setup, test_relations, fixture_teardown);
  g_test_add ("/kam/gui/map/reparent-undo", Fixture, NULL, fixture_setup, test_reparent_undo, fixture_teardown);

  return g_test_run ();
}
