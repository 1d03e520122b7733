/* kam-contact-panel.c — the side panel of the person selected on the map
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Name and title, when we last met, and what the map shows of the person,
 * editable: decision role, influence, attitude, relationship strength, our
 * owner, personal notes, and the relations to other people.  Each choice is
 * saved at once through kam_contact_map_set_contact_field() (the view puts
 * up a toast with Undo); the notes when the text loses the focus.  "Add
 * Relation" picks the other person from a list that a search narrows, the
 * keyboard's way to do what dragging a card's handle does.  The panel is
 * refilled from the map's data each time the map reloads.
 */
#define G_LOG_DOMAIN "kam-contact-map"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-contact-dialog.h"
#include "kam-contact-panel.h"
#include "kam-model.h"

struct _KamContactPanel
{
  AdwBin          parent_instance;

  KamContactMap  *map;
  KamStore       *store;
  char           *contact_id;
  char           *notes_loaded;     /* the notes as last shown, to tell an edit */
  GPtrArray      *owner_ids;        /* owner combo position -> member id (NULL: nobody) */
  GPtrArray      *relation_rows;    /* rows of relations_group */
  gboolean        updating;         /* filling the rows: their changes are not edits */
  gboolean        saving;           /* inside a save: the refill waits for its end */

  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *title_label;
  GtkLabel       *met_label;
  GtkWidget      *met_icon;
  AdwComboRow    *role_row;
  AdwComboRow    *influence_row;
  AdwComboRow    *attitude_row;
  AdwComboRow    *strength_row;
  AdwComboRow    *owner_row;
  GtkTextView    *notes_view;
  AdwPreferencesGroup *relations_group;
  GtkWidget      *no_relations_row;
  GtkMenuButton  *add_relation_button;
  GtkToggleButton *kind_buttons[3]; /* by KamRelationKind, one active */
  GtkSearchEntry *search_entry;
  GtkListBox     *targets_list;
};

G_DEFINE_FINAL_TYPE (KamContactPanel, kam_contact_panel, ADW_TYPE_BIN)

enum {
  CLOSE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers -------------------------------------------------------------------- */

static const KamMapContact *
shown_contact (KamContactPanel *self,
               int             *index)
{
  KamOrgChart *chart = kam_contact_map_get_chart (self->map);
  int i = chart != NULL && self->contact_id != NULL ? kam_org_chart_find_node (chart, self->contact_id) : -1;

  if (index != NULL)
    *index = i;
  if (i < 0)
    return NULL;
  return &g_array_index (kam_org_chart_get_data (chart)->contacts, KamMapContact, i);
}

static void
show_error (KamContactPanel *self,
            const char      *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static GtkStringList *
combo_model (AdwComboRow *row)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  g_object_unref (list);
  return list;
}

static AdwComboRow *
combo_row (const char *title,
           const char *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (GTK_WIDGET (row), name);
  return row;
}

static char *
notes_text (KamContactPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
relation_title (KamRelationKind  kind,
                gboolean         outgoing,
                const char      *other)
{
  switch (kind)
    {
    case KAM_RELATION_ALLY:
      /* Translators: a relation in the contact panel; %s is the other person */
      return g_strdup_printf (_("Ally of %s"), other);
    case KAM_RELATION_RIVAL:
      /* Translators: a relation in the contact panel; %s is the other person */
      return g_strdup_printf (_("Rival of %s"), other);
    case KAM_RELATION_INFLUENCES:
    default:
      if (outgoing)
        /* Translators: a relation in the contact panel; %s is the other person */
        return g_strdup_printf (_("Influences %s"), other);
      /* Translators: a relation in the contact panel; %s is the other person */
      return g_strdup_printf (_("Influenced by %s"), other);
    }
}

/* Filling -------------------------------------------------------------------- */

static void
fill_owners (KamContactPanel *self,
             const char      *selected_id)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint position = 0;
  gboolean same;

  g_ptr_array_add (ids, NULL);
  gtk_string_list_append (names, C_("owner", "Nobody"));
  if (self->store != NULL)
    members = kam_store_load_all (self->store, &kam_member_kind, &error);
  if (members == NULL && error != NULL)
    g_debug ("No team members: %s", error->message);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      KamRecord *member = members->pdata[i];

      gtk_string_list_append (names, kam_record_get_string (member, "name"));
      g_ptr_array_add (ids, g_strdup (kam_record_get_id (member)));
      if (g_strcmp0 (kam_record_get_id (member), selected_id) == 0)
        position = ids->len - 1;
    }
  if (position == 0 && selected_id != NULL)
    {
      /* A member this copy does not know yet (not synced): keep it. */
      gtk_string_list_append (names, _("Unknown team member"));
      g_ptr_array_add (ids, g_strdup (selected_id));
      position = ids->len - 1;
    }

  /* the same people: the model stays (replacing it closes its popover) */
  same = ids->len == self->owner_ids->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_strcmp0 (ids->pdata[i], self->owner_ids->pdata[i]) == 0;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_strcmp0 (gtk_string_list_get_string (names, i),
                      gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (self->owner_row)), i)) == 0;
  if (!same)
    {
      g_ptr_array_unref (self->owner_ids);
      self->owner_ids = g_steal_pointer (&ids);
      adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
    }
  adw_combo_row_set_selected (self->owner_row, position);
}

static void
remove_relation_clicked_cb (GtkButton       *button,
                            KamContactPanel *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (button), "kam-relation-id");

  if (!kam_contact_map_delete_relation (self->map, id, &error))
    show_error (self, error->message);
}

static void
fill_relations (KamContactPanel *self,
                int              index)
{
  KamOrgChart *chart = kam_contact_map_get_chart (self->map);
  KamOrgChartData *data = kam_org_chart_get_data (chart);
  guint n = 0;

  for (guint i = 0; i < self->relation_rows->len; i++)
    adw_preferences_group_remove (self->relations_group, self->relation_rows->pdata[i]);
  g_ptr_array_set_size (self->relation_rows, 0);

  for (guint i = 0; i < data->relations->len; i++)
    {
      const KamMapRelation *rel = &g_array_index (data->relations, KamMapRelation, i);
      const KamMapContact *other;
      g_autofree char *title = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *row, *button;

      if (rel->from != index && rel->to != index)
        continue;
      other = &g_array_index (data->contacts, KamMapContact, rel->from == index ? rel->to : rel->from);
      title = relation_title (rel->kind, rel->from == index, other->name);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), other->title);
      if (rel->id != NULL)
        {
          button = gtk_button_new_from_icon_name ("user-trash-symbolic");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          /* Translators: the button removing a relation: "Remove “Influences Li Wei”" */
          remove_label = g_strdup_printf (_("Remove “%s”"), title);
          gtk_widget_set_tooltip_text (button, remove_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
          g_object_set_data_full (G_OBJECT (button), "kam-relation-id", g_strdup (rel->id), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (remove_relation_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (self->relations_group, row);
      g_ptr_array_add (self->relation_rows, row);
      n++;
    }
  gtk_widget_set_visible (self->no_relations_row, n == 0);
}

static void
fill_met (KamContactPanel     *self,
          const KamMapContact *c,
          int                  cadence_days)
{
  g_autofree char *met = NULL;
  gboolean stale = c->days_since_met < 0 || c->days_since_met > cadence_days;

  if (c->days_since_met < 0)
    met = g_strdup (_("Never met"));
  else if (c->days_since_met == 0)
    met = g_strdup (_("Met today"));
  else if (c->days_since_met == 1)
    met = g_strdup (_("Met yesterday"));
  else
    met = g_strdup_printf (ngettext ("Met %d day ago", "Met %d days ago", c->days_since_met), c->days_since_met);
  gtk_label_set_text (self->met_label, met);
  gtk_widget_set_visible (self->met_icon, stale);
  if (stale)
    {
      g_autofree char *tip = g_strdup_printf (ngettext ("Not met within the account’s cadence of %d day",
                                                        "Not met within the account’s cadence of %d days",
                                                        cadence_days), cadence_days);

      gtk_widget_add_css_class (GTK_WIDGET (self->met_label), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->met_label), tip);
      gtk_widget_set_tooltip_text (self->met_icon, tip);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->met_label), "warning");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->met_label), NULL);
    }
}

/* Shows the map's data of the contact; the notes from the store, unless
 * they are being typed (@keep_notes). */
static void
refresh (KamContactPanel *self,
         gboolean         keep_notes)
{
  const KamMapContact *c;
  g_autofree char *subtitle = NULL;
  int index;

  c = shown_contact (self, &index);
  gtk_widget_set_sensitive (GTK_WIDGET (self), c != NULL);
  if (c == NULL)
    return;

  self->updating = TRUE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, c->name, -1);
  adw_avatar_set_text (self->avatar, c->name);
  gtk_label_set_text (self->name_label, c->name);
  if (c->title[0] && c->department[0])
    /* Translators: a person's job title and department, under their name */
    subtitle = g_strdup_printf (_("%s · %s"), c->title, c->department);
  else
    subtitle = g_strdup (c->title[0] ? c->title : c->department);
  gtk_label_set_text (self->title_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), subtitle[0] != '\0');
  fill_met (self, c, kam_org_chart_get_data (kam_contact_map_get_chart (self->map))->cadence_days);

  adw_combo_row_set_selected (self->role_row, c->role);
  adw_combo_row_set_selected (self->influence_row, CLAMP (c->influence, 1, 5) - 1);
  adw_combo_row_set_selected (self->attitude_row, 2 - CLAMP (c->attitude, -2, 2));
  adw_combo_row_set_selected (self->strength_row, CLAMP (c->strength, 0, 4));
  fill_owners (self, c->owner_id);
  fill_relations (self, index);

  if (!keep_notes && self->store != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KamRecord) contact = kam_store_load (self->store, &kam_contact_kind, self->contact_id, &error);

      g_free (self->notes_loaded);
      self->notes_loaded = contact ? kam_record_dup_string (contact, "notes") : g_strdup ("");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), self->notes_loaded, -1);
    }
  self->updating = FALSE;
}

/* Callbacks ------------------------------------------------------------------ */

static void
map_loaded_cb (KamContactMap   *map,
               KamContactPanel *self)
{
  /* A save reloads the map from inside a row's change: its model must
   * not change under it, the refill comes after. */
  if (self->saving)
    return;
  /* the notes being typed stay; others may have been changed elsewhere */
  refresh (self, gtk_widget_has_focus (GTK_WIDGET (self->notes_view)));
}

static void
save_choice (KamContactPanel *self,
             const char      *field,
             const char      *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->updating || self->saving || self->contact_id == NULL)
    return;
  self->saving = TRUE;
  ok = kam_contact_map_set_contact_field (self->map, self->contact_id, field, text, &error);
  self->saving = FALSE;
  if (!ok)
    show_error (self, error->message);
  refresh (self, TRUE);
}

static void
role_selected_cb (AdwComboRow     *row,
                  GParamSpec      *pspec,
                  KamContactPanel *self)
{
  save_choice (self, "decision_role", kam_enum_to_string (KAM_TYPE_ROLE, adw_combo_row_get_selected (row)));
}

static void
number_selected_cb (AdwComboRow     *row,
                    GParamSpec      *pspec,
                    KamContactPanel *self)
{
  int position = adw_combo_row_get_selected (row);
  g_autofree char *text = NULL;
  const char *field;

  if (row == self->influence_row)
    {
      field = "influence";
      text = g_strdup_printf ("%d", position + 1);
    }
  else if (row == self->attitude_row)
    {
      field = "attitude";
      text = g_strdup_printf ("%d", 2 - position);
    }
  else
    {
      field = "strength";
      text = g_strdup_printf ("%d", position);
    }
  save_choice (self, field, text);
}

static void
owner_selected_cb (AdwComboRow     *row,
                   GParamSpec      *pspec,
                   KamContactPanel *self)
{
  guint position = adw_combo_row_get_selected (row);
  const char *id = position < self->owner_ids->len ? self->owner_ids->pdata[position] : NULL;

  save_choice (self, "owner_id", id ? id : "");
}

static void
notes_focus_leave_cb (GtkEventControllerFocus *controller,
                      KamContactPanel         *self)
{
  kam_contact_panel_save_notes (self);
}

static void
back_clicked_cb (GtkButton       *button,
                 KamContactPanel *self)
{
  kam_contact_panel_save_notes (self);
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

static void
details_clicked_cb (GtkButton       *button,
                    KamContactPanel *self)
{
  if (self->contact_id == NULL)
    return;
  kam_contact_panel_save_notes (self);
  kam_contact_map_request_details (self->map, self->contact_id);
}

/* Add Relation ---------------------------------------------------------------- */

static gboolean
target_visible (GtkListBoxRow *row,
                gpointer       user_data)
{
  KamContactPanel *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;

  if (search == NULL || search[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (search, -1);
  return strstr (g_object_get_data (G_OBJECT (row), "kam-folded"), needle) != NULL;
}

static void
search_changed_cb (GtkSearchEntry  *entry,
                   KamContactPanel *self)
{
  gtk_list_box_invalidate_filter (self->targets_list);
}

static void
fill_targets (KamContactPanel *self)
{
  KamOrgChart *chart = kam_contact_map_get_chart (self->map);
  KamOrgChartData *data = chart ? kam_org_chart_get_data (chart) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->targets_list))) != NULL)
    gtk_list_box_remove (self->targets_list, child);
  for (guint i = 0; data != NULL && i < data->contacts->len; i++)
    {
      const KamMapContact *c = &g_array_index (data->contacts, KamMapContact, i);
      g_autofree char *both = g_strconcat (c->name, " ", c->title, NULL);
      GtkWidget *row, *box, *label;

      if (g_strcmp0 (c->id, self->contact_id) == 0)
        continue;
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      label = gtk_label_new (c->name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
      if (c->title[0])
        {
          label = gtk_label_new (c->title);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (box), label);
        }
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, both, -1);
      g_object_set_data_full (G_OBJECT (row), "kam-contact-id", g_strdup (c->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "kam-folded", g_utf8_casefold (both, -1), g_free);
      gtk_list_box_append (self->targets_list, row);
    }
}

static void
add_relation_shown_cb (GtkPopover      *popover,
                       KamContactPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill_targets (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
target_activated_cb (GtkListBox      *list,
                     GtkListBoxRow   *row,
                     KamContactPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_id = g_strdup (self->contact_id);
  const char *to_id = g_object_get_data (G_OBJECT (row), "kam-contact-id");
  KamRelationKind kind = KAM_RELATION_INFLUENCES;

  for (guint i = 0; i < G_N_ELEMENTS (self->kind_buttons); i++)
    if (gtk_toggle_button_get_active (self->kind_buttons[i]))
      kind = i;

  gtk_menu_button_popdown (self->add_relation_button);
  if (from_id == NULL || to_id == NULL)
    return;
  if (!kam_contact_map_add_relation (self->map, from_id, to_id, kind, &error))
    show_error (self, error->message);
}

/* Enter in the search: the first person left */
static void
search_activated_cb (GtkSearchEntry  *entry,
                     KamContactPanel *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->targets_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_child_visible (row) && target_visible (GTK_LIST_BOX_ROW (row), self))
      {
        g_signal_emit_by_name (self->targets_list, "row-activated", row);
        return;
      }
}

static GtkWidget *
build_add_relation (KamContactPanel *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *label, *kinds;
  const char *kind_labels[] = { C_("relation", "Influences"), C_("relation", "Ally"), C_("relation", "Rival") };
  const char *kind_names[] = { "kind-influences", "kind-ally", "kind-rival" };

  self->add_relation_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (self->add_relation_button, _("_Add Relation…"));
  gtk_menu_button_set_use_underline (self->add_relation_button, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->add_relation_button), GTK_ALIGN_START);
  gtk_widget_set_name (GTK_WIDGET (self->add_relation_button), "add-relation");
  gtk_widget_add_css_class (GTK_WIDGET (self->add_relation_button), "flat");

  label = gtk_label_new (_("Relation"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  /* the kind: three linked toggles, one of them on */
  kinds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (kinds, "linked");
  gtk_widget_set_halign (kinds, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kinds), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of relation"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    {
      self->kind_buttons[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (kind_labels[i]));
      gtk_widget_set_name (GTK_WIDGET (self->kind_buttons[i]), kind_names[i]);
      if (i > 0)
        gtk_toggle_button_set_group (self->kind_buttons[i], self->kind_buttons[0]);
      gtk_box_append (GTK_BOX (kinds), GTK_WIDGET (self->kind_buttons[i]));
    }
  gtk_toggle_button_set_active (self->kind_buttons[KAM_RELATION_INFLUENCES], TRUE);
  gtk_box_append (GTK_BOX (box), kinds);

  label = gtk_label_new (_("To"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 4);
  gtk_box_append (GTK_BOX (box), label);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->search_entry), "relation-search");
  gtk_search_entry_set_key_capture_widget (self->search_entry, popover);
  g_object_set (self->search_entry, "placeholder-text", _("Search people"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search people"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activated_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));

  self->targets_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->targets_list), "relation-targets");
  gtk_list_box_set_filter_func (self->targets_list, target_visible, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->targets_list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->targets_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("People"), -1);
  g_signal_connect (self->targets_list, "row-activated", G_CALLBACK (target_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->targets_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_size_request (scroller, 240, -1);
  gtk_box_append (GTK_BOX (box), scroller);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "show", G_CALLBACK (add_relation_shown_cb), self);
  gtk_menu_button_set_popover (self->add_relation_button, popover);
  return GTK_WIDGET (self->add_relation_button);
}

/* Overrides -------------------------------------------------------------------- */

/* Leaving the page or closing the window: what was typed is kept. */
static void
kam_contact_panel_unmap (GtkWidget *widget)
{
  kam_contact_panel_save_notes (KAM_CONTACT_PANEL (widget));
  GTK_WIDGET_CLASS (kam_contact_panel_parent_class)->unmap (widget);
}

static void
kam_contact_panel_dispose (GObject *object)
{
  KamContactPanel *self = KAM_CONTACT_PANEL (object);

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_object (&self->map);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (kam_contact_panel_parent_class)->dispose (object);
}

static void
kam_contact_panel_finalize (GObject *object)
{
  KamContactPanel *self = KAM_CONTACT_PANEL (object);

  g_free (self->contact_id);
  g_free (self->notes_loaded);
  g_ptr_array_unref (self->owner_ids);
  g_ptr_array_unref (self->relation_rows);
  G_OBJECT_CLASS (kam_contact_panel_parent_class)->finalize (object);
}

static void
kam_contact_panel_class_init (KamContactPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kam_contact_panel_dispose;
  object_class->finalize = kam_contact_panel_finalize;
  GTK_WIDGET_CLASS (klass)->unmap = kam_contact_panel_unmap;

  /* The back button was pressed: show the coverage again. */
  signals[CLOSE_REQUESTED] = g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "contactpanel");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kam_contact_panel_init (KamContactPanel *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *who = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *met = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *group, *button, *label, *notes_card, *row;
  GtkEventController *focus;
  GtkStringList *list;

  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->owner_ids, NULL);
  self->relation_rows = g_ptr_array_new ();

  /* back to the coverage */
  button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Back to Coverage"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to Coverage"), -1);
  gtk_widget_set_name (button, "back");
  g_signal_connect (button, "clicked", G_CALLBACK (back_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), button);
  label = gtk_label_new (_("Contact"));
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (top), label);
  button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Edit All Details…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit All Details…"), -1);
  gtk_widget_set_name (button, "details");
  g_signal_connect (button, "clicked", G_CALLBACK (details_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), button);
  gtk_box_append (GTK_BOX (clamp), top);

  /* who: avatar, name, title, last met */
  self->avatar = ADW_AVATAR (adw_avatar_new (56, NULL, TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (who), GTK_WIDGET (self->avatar));
  self->name_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_wrap (self->name_label, TRUE);
  gtk_label_set_selectable (self->name_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "title-2");
  gtk_box_append (GTK_BOX (names), GTK_WIDGET (self->name_label));
  self->title_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
  gtk_box_append (GTK_BOX (names), GTK_WIDGET (self->title_label));
  self->met_icon = gtk_image_new_from_icon_name ("alarm-symbolic");
  gtk_widget_add_css_class (self->met_icon, "warning");
  gtk_box_append (GTK_BOX (met), self->met_icon);
  self->met_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->met_label, 0);
  gtk_box_append (GTK_BOX (met), GTK_WIDGET (self->met_label));
  gtk_widget_set_margin_top (met, 4);
  gtk_box_append (GTK_BOX (names), met);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (who), names);
  gtk_box_append (GTK_BOX (clamp), who);

  /* what the map shows */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Role and Relationship"));
  self->role_row = combo_row (_("Decision role"), "role");
  list = combo_model (self->role_row);
  for (int role = 0; role < KAM_N_ROLES; role++)
    gtk_string_list_append (list, kam_enum_to_label (KAM_TYPE_ROLE, role));
  self->influence_row = combo_row (_("Influence"), "influence");
  list = combo_model (self->influence_row);
  for (int i = 1; i <= 5; i++)
    gtk_string_list_append (list, kam_contact_influence_label (i));
  self->attitude_row = combo_row (_("Attitude"), "attitude");
  list = combo_model (self->attitude_row);
  /* Champion first: position = 2 - attitude. */
  for (int attitude = 2; attitude >= -2; attitude--)
    {
      g_autofree char *text = g_strdup_printf ("%s  %s", kam_contact_attitude_symbol (attitude),
                                               kam_contact_attitude_label (attitude));
      gtk_string_list_append (list, text);
    }
  self->strength_row = combo_row (_("Relationship"), "strength");
  list = combo_model (self->strength_row);
  for (int strength = 0; strength <= 4; strength++)
    {
      g_autofree char *dots = kam_contact_strength_dots (strength);
      g_autofree char *text = g_strdup_printf ("%s  %s", dots, kam_contact_strength_label (strength));
      gtk_string_list_append (list, text);
    }
  self->owner_row = combo_row (_("Our owner"), "owner");
  list = combo_model (self->owner_row);
  gtk_string_list_append (list, C_("owner", "Nobody"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->role_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->influence_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->attitude_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->strength_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->owner_row));
  g_signal_connect (self->role_row, "notify::selected", G_CALLBACK (role_selected_cb), self);
  g_signal_connect (self->influence_row, "notify::selected", G_CALLBACK (number_selected_cb), self);
  g_signal_connect (self->attitude_row, "notify::selected", G_CALLBACK (number_selected_cb), self);
  g_signal_connect (self->strength_row, "notify::selected", G_CALLBACK (number_selected_cb), self);
  g_signal_connect (self->owner_row, "notify::selected", G_CALLBACK (owner_selected_cb), self);
  gtk_box_append (GTK_BOX (clamp), group);

  /* relations */
  self->relations_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->relations_group, _("Relations"));
  adw_preferences_group_set_header_suffix (self->relations_group, build_add_relation (self));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No influence, ally or rival recorded"));
  gtk_widget_add_css_class (row, "dim-label");
  self->no_relations_row = row;
  adw_preferences_group_add (self->relations_group, row);
  gtk_box_append (GTK_BOX (clamp), GTK_WIDGET (self->relations_group));

  /* notes */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Personal Notes"));
  notes_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (notes_card, "card");
  gtk_widget_set_overflow (notes_card, GTK_OVERFLOW_HIDDEN);
  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->notes_view, FALSE);
  gtk_text_view_set_top_margin (self->notes_view, 10);
  gtk_text_view_set_bottom_margin (self->notes_view, 10);
  gtk_text_view_set_left_margin (self->notes_view, 12);
  gtk_text_view_set_right_margin (self->notes_view, 12);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 96);
  gtk_widget_set_name (GTK_WIDGET (self->notes_view), "notes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Personal notes"), -1);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (notes_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), focus);
  gtk_box_append (GTK_BOX (notes_card), GTK_WIDGET (self->notes_view));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), notes_card);
  gtk_box_append (GTK_BOX (clamp), group);

  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_margin_top (clamp, 6);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), scroller);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
kam_contact_panel_new (KamContactMap *map)
{
  KamContactPanel *self = g_object_new (KAM_TYPE_CONTACT_PANEL, NULL);

  self->map = g_object_ref (map);
  g_signal_connect (map, "loaded", G_CALLBACK (map_loaded_cb), self);
  return GTK_WIDGET (self);
}

void
kam_contact_panel_set_store (KamContactPanel *self,
                             KamStore        *store)
{
  g_return_if_fail (KAM_IS_CONTACT_PANEL (self));

  g_set_object (&self->store, store);
}

void
kam_contact_panel_set_contact_id (KamContactPanel *self,
                                  const char      *contact_id)
{
  g_return_if_fail (KAM_IS_CONTACT_PANEL (self));

  if (g_strcmp0 (self->contact_id, contact_id) == 0)
    return;
  kam_contact_panel_save_notes (self);
  g_free (self->contact_id);
  self->contact_id = g_strdup (contact_id);
  refresh (self, FALSE);
}

const char *
kam_contact_panel_get_contact_id (KamContactPanel *self)
{
  return self->contact_id;
}

void
kam_contact_panel_save_notes (KamContactPanel *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KAM_IS_CONTACT_PANEL (self));

  if (self->contact_id == NULL || self->notes_loaded == NULL || shown_contact (self, NULL) == NULL)
    return;
  text = notes_text (self);
  if (g_strcmp0 (text, self->notes_loaded) == 0)
    return;
  /* saving reloads the map, which may refill the panel */
  g_free (self->notes_loaded);
  self->notes_loaded = g_strdup (text);
  save_choice (self, "notes", text);
}

void
kam_contact_panel_focus_first (KamContactPanel *self)
{
  g_return_if_fail (KAM_IS_CONTACT_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->role_row));
}
