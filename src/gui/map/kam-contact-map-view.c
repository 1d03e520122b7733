/* kam-contact-map-view.c — the contact map with its coverage panel
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map on the left; on the right the coverage score (0-100), the map's
 * status and its reason, the red flags, and the suggested actions of
 * kam_coverage_advice(), which name people.  A click on a card, or Enter,
 * puts the person's panel (kam-contact-panel.c) in the coverage's place
 * until its back button or Escape; while it is open it follows the
 * selection, and Enter moves the focus into it.  Every edit of the map
 * gets a toast with Undo.  A toolbar zooms, fits, undoes the last edit and
 * exports the map to PNG, SVG or PDF.
 */
#define G_LOG_DOMAIN "kam-contact-map"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-contact-map-view.h"
#include "kam-contact-panel.h"

#define MAX_ADVICE 8

struct _KamContactMapView
{
  AdwBin          parent_instance;

  KamContactMap  *map;
  GtkStack       *side;
  KamContactPanel *panel;
  AdwToast       *toast;          /* weak: the toast of the last edit */
  guint           toast_serial;   /* the edit it offers to undo */
  GtkLabel       *score_label;
  GtkLabel       *status_label;
  GtkLabel       *reason_label;
  GtkBox         *flags_box;
  GtkBox         *advice_box;
  GtkWidget      *undo_button;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (KamContactMapView, kam_contact_map_view, ADW_TYPE_BIN)

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
add_line (GtkBox     *box,
          const char *text,
          const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (box, label);
}

static void
map_loaded_cb (KamContactMap     *map,
               KamContactMapView *self)
{
  KamOrgChart *chart = kam_contact_map_get_chart (map);
  KamOrgChartData *data = chart ? kam_org_chart_get_data (chart) : NULL;
  static const char * const styles[] = { "error", "warning", "success" };
  static const char * const names[] = { NC_("map status", "Red"), NC_("map status", "Amber"), NC_("map status", "Green") };
  g_autofree char *score = NULL;
  g_autoptr(GPtrArray) advice = NULL;

  clear_box (self->flags_box);
  clear_box (self->advice_box);
  gtk_widget_set_sensitive (self->undo_button, kam_contact_map_can_undo (map));
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), styles[i]);
  if (data == NULL)
    {
      gtk_label_set_text (self->score_label, "");
      gtk_label_set_text (self->status_label, "");
      gtk_label_set_text (self->reason_label, "");
      return;
    }

  score = g_strdup_printf ("%d", data->coverage.score);
  gtk_label_set_text (self->score_label, score);
  gtk_label_set_text (self->status_label, g_dpgettext2 (NULL, "map status", names[data->coverage.status]));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), styles[data->coverage.status]);
  gtk_label_set_text (self->reason_label, kam_coverage_status_describe (data->coverage.status));

  if (data->coverage.flags == 0)
    add_line (self->flags_box, _("No red flags"), "dim-label");
  for (int bit = 0; bit < KAM_COVERAGE_N_FLAGS; bit++)
    if (data->coverage.flags & (1 << bit))
      add_line (self->flags_box, kam_coverage_flag_describe (1 << bit), NULL);

  advice = kam_org_chart_data_advice (data, MAX_ADVICE);
  if (advice->len == 0)
    add_line (self->advice_box, _("Nothing urgent: keep meeting the key players"), "dim-label");
  for (guint i = 0; i < advice->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("• %s", ((KamAdvice *) advice->pdata[i])->text);

      add_line (self->advice_box, line, NULL);
    }
}

static void
add_toast (KamContactMapView *self,
           AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);   /* (not a floating object: the caller's reference) */
}

static void
undo_toast_clicked_cb (AdwToast          *toast,
                       KamContactMapView *self)
{
  g_autoptr(GError) error = NULL;
  guint serial = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "kam-serial"));

  /* only its own edit, still the last one */
  if (serial == 0 || kam_contact_map_get_undo_serial (self->map) != serial)
    return;
  if (!kam_contact_map_undo (self->map, &error))
    add_toast (self, adw_toast_new (error->message));
}

static void
undo_changed_cb (KamContactMap     *map,
                 KamContactMapView *self)
{
  guint serial = kam_contact_map_get_undo_serial (map);

  gtk_widget_set_sensitive (self->undo_button, kam_contact_map_can_undo (map));
  if (serial == self->toast_serial)
    return;

  /* One toast at a time, for the last edit: a new edit replaces it, an undo
   * takes it away. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_clear_weak_pointer (&self->toast);
  if (serial > self->toast_serial)
    {
      g_autofree char *title = kam_contact_map_describe_undo (map);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data (G_OBJECT (toast), "kam-serial", GUINT_TO_POINTER (serial));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb), self, 0);
      g_set_weak_pointer (&self->toast, toast);
      add_toast (self, toast);
    }
  self->toast_serial = serial;
}

/* The side panel --------------------------------------------------------------- */

static void
show_panel (KamContactMapView *self,
            const char        *contact_id)
{
  kam_contact_panel_set_contact_id (self->panel, contact_id);
  gtk_stack_set_visible_child_name (self->side, "contact");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map-view.close-panel", TRUE);
}

static void
close_panel (KamContactMapView *self)
{
  gboolean had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self->side)) != NULL;

  kam_contact_panel_save_notes (self->panel);
  gtk_stack_set_visible_child_name (self->side, "coverage");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map-view.close-panel", FALSE);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
contact_opened_cb (KamContactMap     *map,
                   const char        *contact_id,
                   gboolean           keyboard,
                   KamContactMapView *self)
{
  gboolean again = kam_contact_map_view_is_panel_open (self)
                   && g_strcmp0 (kam_contact_panel_get_contact_id (self->panel), contact_id) == 0;

  show_panel (self, contact_id);
  /* Enter on the card whose panel is open: into the panel */
  if (keyboard && again)
    kam_contact_panel_focus_first (self->panel);
}

static void
selection_changed_cb (KamContactMap     *map,
                      KamContactMapView *self)
{
  const char *id = kam_contact_map_get_selected_id (map);

  if (!kam_contact_map_view_is_panel_open (self))
    return;
  if (id == NULL)
    close_panel (self);
  else
    kam_contact_panel_set_contact_id (self->panel, id);
}

/* The back button and Escape: the coverage again, the focus on the map */
static void
panel_close_requested_cb (KamContactPanel   *panel,
                          KamContactMapView *self)
{
  close_panel (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

static void
close_panel_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KamContactMapView *self = KAM_CONTACT_MAP_VIEW (widget);

  panel_close_requested_cb (self->panel, self);
}

static void
export_response_cb (GtkNativeDialog   *dialog,
                    int                response,
                    KamContactMapView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL && !kam_contact_map_view_export (self, file, &error))
    add_toast (self, adw_toast_new (error->message));
}

static void
export_clicked_cb (GtkButton         *button,
                   KamContactMapView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KamOrgChart *chart = kam_contact_map_get_chart (self->map);
  g_autofree char *name = NULL;

  if (chart == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Contact Map"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  /* TRANSLATORS: the file name offered when exporting a contact map */
  name = g_strdup_printf (_("%s contact map.pdf"), kam_org_chart_get_data (chart)->account_name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
undo_clicked_cb (GtkButton         *button,
                 KamContactMapView *self)
{
  g_autoptr(GError) error = NULL;

  if (kam_contact_map_can_undo (self->map) && !kam_contact_map_undo (self->map, &error))
    g_warning ("%s", error->message);
}

/* The map's own actions (map.zoom-in, ...) are found from the map, not
 * from the buttons beside it: the buttons ask the map to run them. */
static void
map_action_clicked_cb (GtkButton         *button,
                       KamContactMapView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->map), g_object_get_data (G_OBJECT (button), "map-action"), NULL);
}

static GtkWidget *
tool_button (KamContactMapView *self,
             const char        *icon,
             const char        *tooltip,
             const char        *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  if (action != NULL)
    {
      g_object_set_data (G_OBJECT (button), "map-action", (gpointer) action);
      g_signal_connect (button, "clicked", G_CALLBACK (map_action_clicked_cb), self);
    }
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static void
kam_contact_map_view_dispose (GObject *object)
{
  KamContactMapView *self = KAM_CONTACT_MAP_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->toast);
  G_OBJECT_CLASS (kam_contact_map_view_parent_class)->dispose (object);
}

static void
kam_contact_map_view_class_init (KamContactMapViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kam_contact_map_view_dispose;

  gtk_widget_class_install_action (widget_class, "map-view.close-panel", NULL, close_panel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map-view.close-panel", NULL);
}

static void
kam_contact_map_view_init (KamContactMapView *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *score_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button, *label;

  self->map = KAM_CONTACT_MAP (kam_contact_map_new ());
  g_signal_connect_object (self->map, "loaded", G_CALLBACK (map_loaded_cb), self, 0);
  g_signal_connect_object (self->map, "undo-changed", G_CALLBACK (undo_changed_cb), self, 0);
  g_signal_connect_object (self->map, "contact-opened", G_CALLBACK (contact_opened_cb), self, 0);
  g_signal_connect_object (self->map, "selection-changed", G_CALLBACK (selection_changed_cb), self, 0);

  gtk_widget_set_margin_start (toolbar, 6);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);
  gtk_box_append (GTK_BOX (toolbar), tool_button (self, "zoom-out-symbolic", _("Zoom Out"), "map.zoom-out"));
  gtk_box_append (GTK_BOX (toolbar), tool_button (self, "zoom-fit-best-symbolic", _("Fit to Window"), "map.zoom-fit"));
  gtk_box_append (GTK_BOX (toolbar), tool_button (self, "zoom-in-symbolic", _("Zoom In"), "map.zoom-in"));
  self->undo_button = tool_button (self, "edit-undo-symbolic", _("Undo the Last Change to the Map"), NULL);
  gtk_widget_set_sensitive (self->undo_button, FALSE);
  g_signal_connect (self->undo_button, "clicked", G_CALLBACK (undo_clicked_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->undo_button);
  button = tool_button (self, "document-save-as-symbolic", _("Export the Map as PNG, SVG or PDF"), NULL);
  g_signal_connect (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (toolbar), button);

  gtk_box_append (GTK_BOX (left), toolbar);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->map));

  gtk_widget_set_margin_start (panel, 18);
  gtk_widget_set_margin_end (panel, 18);
  gtk_widget_set_margin_top (panel, 12);
  gtk_widget_set_margin_bottom (panel, 12);
  gtk_box_append (GTK_BOX (panel), heading (_("Coverage")));
  self->score_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->score_label), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->score_label), "numeric");
  gtk_box_append (GTK_BOX (score_box), GTK_WIDGET (self->score_label));
  label = gtk_label_new ("/100");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (score_box), label);
  self->status_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "heading");
  gtk_widget_set_margin_start (GTK_WIDGET (self->status_label), 12);
  gtk_box_append (GTK_BOX (score_box), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (panel), score_box);
  self->reason_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->reason_label, TRUE);
  gtk_label_set_xalign (self->reason_label, 0);
  gtk_box_append (GTK_BOX (panel), GTK_WIDGET (self->reason_label));
  gtk_box_append (GTK_BOX (panel), heading (_("Red flags")));
  self->flags_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_box_append (GTK_BOX (panel), GTK_WIDGET (self->flags_box));
  gtk_box_append (GTK_BOX (panel), heading (_("Suggested Actions")));
  self->advice_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (panel), GTK_WIDGET (self->advice_box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), panel);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  self->panel = KAM_CONTACT_PANEL (kam_contact_panel_new (self->map));
  g_signal_connect_object (self->panel, "close-requested", G_CALLBACK (panel_close_requested_cb), self, 0);
  self->side = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->side, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_stack_set_hhomogeneous (self->side, TRUE);
  gtk_stack_add_named (self->side, scroller, "coverage");
  gtk_stack_add_named (self->side, GTK_WIDGET (self->panel), "contact");
  gtk_stack_set_visible_child_name (self->side, "coverage");
  gtk_widget_set_size_request (GTK_WIDGET (self->side), 300, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map-view.close-panel", FALSE);

  gtk_paned_set_start_child (GTK_PANED (paned), left);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->side));
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  adw_bin_set_child (ADW_BIN (self), paned);
}

GtkWidget *
kam_contact_map_view_new (void)
{
  return g_object_new (KAM_TYPE_CONTACT_MAP_VIEW, NULL);
}

void
kam_contact_map_view_set_store (KamContactMapView *self,
                                KamStore          *store)
{
  kam_contact_panel_set_store (self->panel, store);
  kam_contact_map_set_store (self->map, store);
}

void
kam_contact_map_view_set_account_id (KamContactMapView *self,
                                     const char        *account_id)
{
  if (g_strcmp0 (account_id, kam_contact_map_get_account_id (self->map)) != 0)
    close_panel (self);
  kam_contact_map_set_account_id (self->map, account_id);
}

KamContactMap *
kam_contact_map_view_get_map (KamContactMapView *self)
{
  return self->map;
}

const char *
kam_contact_map_view_get_score_text (KamContactMapView *self)
{
  return gtk_label_get_text (self->score_label);
}

gboolean
kam_contact_map_view_is_panel_open (KamContactMapView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->side), "contact") == 0;
}

KamContactPanel *
kam_contact_map_view_get_panel (KamContactMapView *self)
{
  return self->panel;
}

gboolean
kam_contact_map_view_export (KamContactMapView  *self,
                             GFile              *file,
                             GError            **error)
{
  g_autoptr(GFile) target = g_object_ref (file);
  g_autofree char *path = g_file_get_parse_name (file);
  KamOrgChart *chart = kam_contact_map_get_chart (self->map);
  KamOrgChartFormat format;

  if (chart == NULL)
    {
      g_set_error_literal (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND, _("No contact map is shown"));
      return FALSE;
    }
  if (!kam_org_chart_format_from_path (path, &format))
    {
      g_autofree char *png = g_strconcat (path, ".png", NULL);

      g_clear_object (&target);
      target = g_file_parse_name (png);
      format = KAM_ORG_CHART_FORMAT_PNG;
    }
  return kam_org_chart_export (chart, target, format,
                               format == KAM_ORG_CHART_FORMAT_PNG ? 1920 : 1190,
                               format == KAM_ORG_CHART_FORMAT_PNG ? 1080 : 842,
                               adw_style_manager_get_dark (adw_style_manager_get_default ()), error);
}
