/* kam-visits-view.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is an AdwFlap: the week (or the agenda) in the content, the due
 * list and compliance in the flap, which folds over the content in narrow
 * windows; folded, the agenda replaces the drawn week.  Everything is read
 * again when the store changes.
 */
#define G_LOG_DOMAIN "kam-visits-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-ical.h"
#include "kam-model.h"
#include "kam-visit-editor.h"
#include "kam-visit-plan.h"
#include "kam-visits-view.h"
#include "kam-week-planner.h"

#define DUE_LIMIT 50
#define PLAN_MINUTES 60
#define NARROW_WIDTH 720

struct _KamVisitsView
{
  AdwBin           parent_instance;

  KamContext      *context;
  GDate            day;
  GPtrArray       *visits;        /* KamPlanVisit of the week shown */
  GPtrArray       *due;           /* KamDueEntry */
  GPtrArray       *owner_ids;     /* dropdown position -> member id (NULL: everyone) */

  AdwFlap         *flap;
  GtkLabel        *week_label;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  GtkDropDown     *owner_dropdown;
  GtkToggleButton *week_toggle;
  GtkToggleButton *agenda_toggle;
  GtkStack        *stack;
  KamWeekPlanner  *planner;
  GtkBox          *agenda_box;
  GtkLabel        *due_count_label;
  GtkListBox      *due_list;
  AdwPreferencesGroup *compliance_group;
  GPtrArray       *compliance_rows;
  gboolean         auto_agenda;   /* the agenda shows because the window is narrow */
  guint            narrow_idle;
};

G_DEFINE_FINAL_TYPE (KamVisitsView, kam_visits_view, ADW_TYPE_BIN)

static void reload (KamVisitsView *self);

/* Helpers ----------------------------------------------------------------- */

static const char *
owner (KamVisitsView *self)
{
  guint pos = gtk_drop_down_get_selected (self->owner_dropdown);

  if (self->owner_ids == NULL || pos >= self->owner_ids->len)
    return NULL;
  return g_ptr_array_index (self->owner_ids, pos);
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
}

static void
remove_all (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
open_editor (KamVisitsView *self,
             KamRecord     *visit)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KamVisitEditor *editor = kam_visit_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 self->context, visit);

  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_error (KamVisitsView *self,
            const GError  *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("The visit cannot be planned"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The week and the agenda -------------------------------------------------- */

static char *
visit_flags_text (const KamPlanVisit *v)
{
  GString *s = g_string_new (NULL);

  if (v->flags & KAM_PLAN_FLAG_NEEDS_OUTCOME)
    g_string_append (s, _("needs an outcome"));
  if (v->flags & KAM_PLAN_FLAG_OVERLAP)
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append (s, _("overlaps another visit"));
    }
  return g_string_free (s, FALSE);
}

static void
agenda_row_activated_cb (AdwActionRow  *row,
                         KamVisitsView *self)
{
  kam_visits_view_edit_visit (self, g_object_get_data (G_OBJECT (row), "id"));
}

static void
fill_agenda (KamVisitsView *self,
             GDateTime     *monday)
{
  remove_all (GTK_WIDGET (self->agenda_box));

  if (self->visits->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "kam-visits-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Visits This Week"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Plan one from the accounts due, or double-click a time in the week."));
      gtk_box_append (self->agenda_box, status);
      return;
    }

  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, d);
      g_autoptr(GDateTime) next = g_date_time_add_days (monday, d + 1);
      /* TRANSLATORS: a day in the agenda, as g_date_time_format() writes it */
      /* xgettext:no-c-format */
      g_autofree char *title = g_date_time_format (day, _("%A, %x"));
      GtkWidget *group = NULL;

      for (guint i = 0; i < self->visits->len; i++)
        {
          KamPlanVisit *v = g_ptr_array_index (self->visits, i);
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (v->start);
          g_autoptr(GDateTime) start = g_date_time_to_local (utc);
          g_autoptr(GDateTime) end_utc = g_date_time_new_from_unix_utc (v->end);
          g_autoptr(GDateTime) end = g_date_time_to_local (end_utc);
          g_autofree char *start_text = NULL;
          g_autofree char *end_text = NULL;
          g_autofree char *row_title = NULL;
          g_autofree char *flags = NULL;
          g_autofree char *subtitle = NULL;
          GtkWidget *row;

          if (g_date_time_compare (start, day) < 0 || g_date_time_compare (start, next) >= 0)
            continue;
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
              gtk_box_append (self->agenda_box, group);
            }

          start_text = g_date_time_format (start, "%H:%M");
          end_text = g_date_time_format (end, "%H:%M");
          row_title = g_strdup_printf ("%s–%s  %s", start_text, end_text, v->account_name);
          flags = visit_flags_text (v);
          subtitle = g_strdup_printf ("%s · %s%s%s%s", kam_enum_to_label (KAM_TYPE_VISIT_KIND, v->kind),
                                      kam_enum_to_label (KAM_TYPE_VISIT_STATUS, v->status),
                                      *v->objective != '\0' ? " · " : "", v->objective,
                                      "");
          if (*flags != '\0')
            {
              char *with = g_strdup_printf ("%s — %s", subtitle, flags);

              g_free (subtitle);
              subtitle = with;
            }

          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          if (v->flags & KAM_PLAN_FLAG_NEEDS_OUTCOME)
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "id", g_strdup (v->id), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (agenda_row_activated_cb), self);
          gtk_widget_add_css_class (row, "visit-row");
          gtk_widget_add_css_class (row, kam_enum_to_string (KAM_TYPE_VISIT_KIND, v->kind));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
    }
}

static void
reload_week (KamVisitsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) monday = kam_visit_plan_week_start (&self->day, tz);
  g_autoptr(GDateTime) sunday = g_date_time_add_days (monday, 6);
  g_autofree char *first = g_date_time_format (monday, "%x");
  g_autofree char *last = g_date_time_format (sunday, "%x");
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  KamWorkHours hours;
  int first_hour, last_hour;

  /* TRANSLATORS: the week shown: first day – last day */
  label = g_strdup_printf (_("%s – %s"), first, last);
  gtk_label_set_text (self->week_label, label);

  visits = kam_visit_plan_week (kam_context_get_store (self->context), owner (self), &self->day, tz, now, &error);
  if (visits == NULL)
    {
      g_warning ("Cannot read the week: %s", error->message);
      visits = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_plan_visit_free);
    }
  g_clear_pointer (&self->visits, g_ptr_array_unref);
  self->visits = g_steal_pointer (&visits);

  /* Working hours, widened to the visits of the week */
  kam_visit_plan_get_work_hours (kam_context_get_store (self->context), &hours);
  first_hour = hours.start_minute / 60;
  last_hour = (hours.end_minute + 59) / 60;
  for (guint i = 0; i < self->visits->len; i++)
    {
      KamPlanVisit *v = g_ptr_array_index (self->visits, i);
      g_autoptr(GDateTime) s_utc = g_date_time_new_from_unix_utc (v->start);
      g_autoptr(GDateTime) s = g_date_time_to_local (s_utc);
      g_autoptr(GDateTime) e_utc = g_date_time_new_from_unix_utc (v->end);
      g_autoptr(GDateTime) e = g_date_time_to_local (e_utc);

      first_hour = MIN (first_hour, g_date_time_get_hour (s));
      if (g_date_time_get_day_of_month (e) == g_date_time_get_day_of_month (s))
        last_hour = MAX (last_hour, g_date_time_get_hour (e) + (g_date_time_get_minute (e) > 0 ? 1 : 0));
    }
  kam_week_planner_set_hours (self->planner, first_hour, MIN (last_hour, 24));
  kam_week_planner_set_week (self->planner, monday, self->visits);
  fill_agenda (self, monday);
}

/* The due list ------------------------------------------------------------- */

static void
plan_clicked_cb (GtkButton     *button,
                 KamVisitsView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(KamVisit) visit = NULL;
  GDate day;

  if (self->due == NULL || index >= self->due->len)
    return;

  today (&day);
  visit = kam_visit_plan_from_due (kam_context_get_store (self->context), g_ptr_array_index (self->due, index),
                                   &day, now, PLAN_MINUTES, NULL, &error);
  if (visit == NULL)
    {
      show_error (self, error);
      return;
    }
  open_editor (self, KAM_RECORD (visit));
}

/* A due entry dragged onto the week: its id. */
static GdkContentProvider *
due_drag_prepare_cb (GtkDragSource *source,
                     double         x,
                     double         y,
                     GtkWidget     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "id");

  return id != NULL ? gdk_content_provider_new_typed (G_TYPE_STRING, id) : NULL;
}

static void
due_drag_begin_cb (GtkDragSource *source,
                   GdkDrag       *drag,
                   GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 24, 16);
}

static void
slot_dropped_cb (KamWeekPlanner *planner,
                 GDateTime      *start,
                 const char     *id,
                 KamVisitsView  *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamVisit) visit = NULL;
  const KamDueEntry *entry = NULL;
  GDate day;

  for (guint i = 0; self->due != NULL && i < self->due->len && entry == NULL; i++)
    if (g_str_equal (((KamDueEntry *) g_ptr_array_index (self->due, i))->id, id))
      entry = g_ptr_array_index (self->due, i);
  if (entry == NULL)
    return;

  today (&day);
  visit = kam_visit_plan_from_due_at (kam_context_get_store (self->context), entry, &day, start, PLAN_MINUTES, &error);
  if (visit == NULL)
    {
      show_error (self, error);
      return;
    }
  open_editor (self, KAM_RECORD (visit));
}

static void
reload_due (KamVisitsView *self)
{
  g_autoptr(GError) error = NULL;
  KamDueCounts counts = { 0 };
  g_autofree char *count_text = NULL;
  GDate day;

  today (&day);
  remove_all (GTK_WIDGET (self->due_list));
  g_clear_pointer (&self->due, g_ptr_array_unref);
  self->due = kam_insights_due (kam_context_get_store (self->context), owner (self), &day, DUE_LIMIT, &counts, &error);
  if (self->due == NULL)
    {
      g_warning ("Cannot read the visits due: %s", error->message);
      return;
    }

  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account and %u key contact due",
                                             "%u accounts and %u key contacts due", counts.accounts),
                                counts.accounts, counts.contacts);
  gtk_label_set_text (self->due_count_label, count_text);

  for (guint i = 0; i < self->due->len; i++)
    {
      KamDueEntry *e = g_ptr_array_index (self->due, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Plan"));
      GtkWidget *badge = gtk_label_new (kam_enum_to_string (KAM_TYPE_TIER, e->tier));
      g_autofree char *title = NULL;
      g_autofree char *overdue = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *tier_class = g_ascii_strdown (kam_enum_to_string (KAM_TYPE_TIER, e->tier), -1);
      g_autofree char *tier_css = g_strconcat ("tier-", tier_class, NULL);
      g_autofree char *plan_label = NULL;
      GtkDragSource *drag;

      if (e->kind == &kam_contact_kind)
        title = g_strdup_printf ("%s · %s", e->name, e->account_name);
      else
        title = g_strdup (e->name);
      if (e->never)
        overdue = g_strdup (_("never visited"));
      else
        overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue · last %s",
                                                "%d days overdue · last %s", e->days_overdue),
                                   e->days_overdue, e->last);
      subtitle = e->kind == &kam_contact_kind
        ? g_strdup_printf (_("Key contact · %s"), overdue)
        : g_strdup (overdue);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_widget_add_css_class (badge, "tier-badge");
      gtk_widget_add_css_class (badge, tier_css);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, "plan-button");
      plan_label = g_strdup_printf (_("Plan a visit: %s"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plan_label, -1);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (plan_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data_full (G_OBJECT (row), "id", g_strdup (e->id), g_free);
      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
      g_signal_connect (drag, "prepare", G_CALLBACK (due_drag_prepare_cb), row);
      g_signal_connect (drag, "drag-begin", G_CALLBACK (due_drag_begin_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
      gtk_list_box_append (self->due_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->due_list), self->due->len > 0);
}

/* Compliance ------------------------------------------------------------- */

static void
reload_compliance (KamVisitsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) month_dt = NULL;
  g_autofree char *month = NULL;
  g_autofree char *title = NULL;
  KamCompliance c;
  GDate first, last;

  for (guint i = 0; i < self->compliance_rows->len; i++)
    adw_preferences_group_remove (self->compliance_group, g_ptr_array_index (self->compliance_rows, i));
  g_ptr_array_set_size (self->compliance_rows, 0);

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, g_date_get_month (&self->day), g_date_get_year (&self->day));
  last = first;
  g_date_add_months (&last, 1);
  g_date_subtract_days (&last, 1);

  month_dt = g_date_time_new_local (g_date_get_year (&first), g_date_get_month (&first), 1, 0, 0, 0);
  /* TRANSLATORS: a month and its year, as g_date_time_format() writes it */
  /* xgettext:no-c-format */
  month = g_date_time_format (month_dt, _("%B %Y"));
  title = g_strdup_printf (_("Compliance in %s"), month);
  adw_preferences_group_set_title (self->compliance_group, title);

  if (!kam_visit_plan_compliance (kam_context_get_store (self->context), owner (self), &first, &last, NULL, &c, &error))
    {
      g_warning ("Cannot compute compliance: %s", error->message);
      return;
    }

  for (int t = 0; t < KAM_N_TIERS; t++)
    {
      const KamComplianceTier *ct = &c.tiers[t];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *rate = gtk_label_new (NULL);
      g_autofree char *row_title = g_strdup_printf (_("Tier %s"), kam_enum_to_string (KAM_TYPE_TIER, t));
      g_autofree char *subtitle = g_strdup_printf (_("%u due, %u kept · %u done, %u planned"),
                                                   ct->due, ct->kept, ct->done, ct->planned);
      g_autofree char *rate_text = ct->due > 0 ? g_strdup_printf ("%u %%", (ct->kept * 100 + ct->due / 2) / ct->due)
                                               : g_strdup ("—");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_label_set_text (GTK_LABEL (rate), rate_text);
      gtk_widget_add_css_class (rate, "numeric");
      gtk_widget_add_css_class (rate, "title-4");
      if (ct->due > 0 && ct->kept * 100 < ct->due * 80)
        gtk_widget_add_css_class (rate, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), rate);
      adw_preferences_group_add (self->compliance_group, row);
      g_ptr_array_add (self->compliance_rows, row);
    }

  if (c.slipped->len > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *row_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account slipped",
                                                                 "%u accounts slipped", c.slipped->len),
                                                    c.slipped->len);

      for (guint i = 0; i < MIN (c.slipped->len, 5); i++)
        {
          KamSlipped *s = g_ptr_array_index (c.slipped, i);

          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, s->name);
        }
      if (c.slipped->len > 5)
        g_string_append (names, ", …");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), names->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_preferences_group_add (self->compliance_group, row);
      g_ptr_array_add (self->compliance_rows, row);
    }
  kam_compliance_clear (&c);
}

static void
reload (KamVisitsView *self)
{
  if (self->context == NULL)
    return;
  reload_week (self);
  reload_due (self);
  reload_compliance (self);
}

/* Callbacks -------------------------------------------------------------- */

static void
store_changed_cb (KamStore      *store,
                  guint          flags,
                  KamVisitsView *self)
{
  reload (self);
}

static void
move_days (KamVisitsView *self,
           int            days)
{
  GDate day = self->day;

  if (days > 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  kam_visits_view_set_day (self, &day);
}

static void
previous_clicked_cb (KamVisitsView *self)
{
  move_days (self, -7);
}

static void
next_clicked_cb (KamVisitsView *self)
{
  move_days (self, 7);
}

static void
today_clicked_cb (KamVisitsView *self)
{
  GDate day;

  today (&day);
  kam_visits_view_set_day (self, &day);
}

static void
calendar_day_selected_cb (GtkCalendar   *calendar,
                          KamVisitsView *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt), g_date_time_get_year (dt));
  gtk_menu_button_popdown (self->date_button);
  kam_visits_view_set_day (self, &day);
}

static void
owner_selected_cb (KamVisitsView *self)
{
  reload (self);
}

static void
view_toggled_cb (KamVisitsView *self)
{
  self->auto_agenda = FALSE;
  gtk_stack_set_visible_child_name (self->stack, gtk_toggle_button_get_active (self->agenda_toggle) ? "agenda" : "week");
}

/* Narrow windows get the agenda instead of the drawn week, and the week
 * back when they grow again (unless people chose the agenda). */
static gboolean
narrow_idle_cb (gpointer data)
{
  KamVisitsView *self = data;
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;

  self->narrow_idle = 0;
  if (narrow && gtk_toggle_button_get_active (self->week_toggle))
    {
      gtk_toggle_button_set_active (self->agenda_toggle, TRUE);
      self->auto_agenda = TRUE;
    }
  else if (!narrow && self->auto_agenda)
    {
      gtk_toggle_button_set_active (self->week_toggle, TRUE);
      self->auto_agenda = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
kam_visits_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  KamVisitsView *self = KAM_VISITS_VIEW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (kam_visits_view_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->week_toggle != NULL && self->narrow_idle == 0
      && ((narrow && gtk_toggle_button_get_active (self->week_toggle)) || (!narrow && self->auto_agenda)))
    self->narrow_idle = g_idle_add (narrow_idle_cb, self);
}

static void
visit_activated_cb (KamWeekPlanner *planner,
                    const char     *id,
                    KamVisitsView  *self)
{
  kam_visits_view_edit_visit (self, id);
}

/* Opens the editor of a new visit from @start, of @account_id when not NULL. */
static void
new_visit_at (KamVisitsView *self,
              GDateTime     *start,
              const char    *account_id)
{
  g_autoptr(KamVisit) visit = kam_visit_new ();
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, PLAN_MINUTES);
  g_autoptr(GDateTime) start_utc = g_date_time_to_utc (start);
  g_autoptr(GDateTime) end_utc = g_date_time_to_utc (end);
  g_autofree char *start_text = g_date_time_format (start_utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *end_text = g_date_time_format (end_utc, "%Y-%m-%dT%H:%M:%SZ");

  kam_record_set_from_string (KAM_RECORD (visit), "start_at", start_text, NULL);
  kam_record_set_from_string (KAM_RECORD (visit), "end_at", end_text, NULL);
  if (account_id != NULL)
    kam_record_set_from_string (KAM_RECORD (visit), "account_id", account_id, NULL);
  if (owner (self) != NULL)
    {
      const char * const members[] = { owner (self), NULL };

      g_object_set (visit, "member-ids", members, NULL);
    }
  open_editor (self, KAM_RECORD (visit));
}

static void
slot_activated_cb (KamWeekPlanner *planner,
                   GDateTime      *start,
                   KamVisitsView  *self)
{
  new_visit_at (self, start, NULL);
}

/* iCalendar --------------------------------------------------------------- */

static void
import_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KamVisitsView    *self)
{
  KamIcalImport *import = g_object_get_data (G_OBJECT (dialog), "import");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "import") != 0 || import == NULL)
    return;
  if (!kam_ical_import_apply (kam_context_get_store (self->context), import, NULL, NULL, &error))
    show_error (self, error);
}

static void
append_local (GString    *out,
              const char *stored,
              const char *format)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = stored != NULL ? g_date_time_new_from_iso8601 (stored, utc) : NULL;
  g_autoptr(GDateTime) local = dt != NULL ? g_date_time_to_local (dt) : NULL;
  g_autofree char *text = local != NULL ? g_date_time_format (local, format) : g_strdup ("?");

  g_string_append (out, text);
}

void
kam_visits_view_import_file (KamVisitsView *self,
                             GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *heading = NULL;
  KamIcalImport *import;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *scrolled, *label;

  g_return_if_fail (KAM_IS_VISITS_VIEW (self));

  import = path != NULL ? kam_ical_import_prepare (kam_context_get_store (self->context), path, NULL, &error) : NULL;
  if (import == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be imported"));
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < import->messages->len; i++)
    g_string_append_printf (report, "%s\n", (const char *) g_ptr_array_index (import->messages, i));
  for (guint i = 0; i < import->events->len; i++)
    {
      KamIcalEvent *e = g_ptr_array_index (import->events, i);

      g_string_append (report, e->action == KAM_ICAL_CREATE ? _("New")
                               : e->action == KAM_ICAL_UPDATE ? _("Update") : _("Skipped"));
      g_string_append (report, " · ");
      append_local (report, e->start_at, "%Y-%m-%d %H:%M");
      g_string_append_printf (report, " · %s · %s\n", e->account_name != NULL ? e->account_name : "—", e->summary);
      for (guint k = 0; k < e->messages->len; k++)
        g_string_append_printf (report, "    %s\n", (const char *) g_ptr_array_index (e->messages, k));
    }

  heading = g_strdup_printf (_("Import %u new visits and update %u?"), import->n_create, import->n_update);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE, "%u event is skipped; nothing is written before you import.",
                                               "%u events are skipped; nothing is written before you import.",
                                               import->n_skip), import->n_skip);
  label = gtk_label_new (report->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import",
                                           import->n_create + import->n_update > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "import", import, (GDestroyNotify) kam_ical_import_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
kam_visits_view_export_week (KamVisitsView  *self,
                             GFile          *file,
                             GError        **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) monday = kam_visit_plan_week_start (&self->day, tz);
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *path = g_file_get_path (file);
  GDate next_day;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be written"));
      return FALSE;
    }
  g_date_clear (&next_day, 1);
  g_date_set_dmy (&next_day, g_date_time_get_day_of_month (monday), g_date_time_get_month (monday),
                  g_date_time_get_year (monday));
  g_date_add_days (&next_day, 7);
  next = g_date_time_new (tz, g_date_get_year (&next_day), g_date_get_month (&next_day), g_date_get_day (&next_day),
                          0, 0, 0);
  return kam_ical_export_file (kam_context_get_store (self->context), monday, next, NULL, path, NULL, error);
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  KamVisitsView   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL && !kam_visits_view_export_week (self, file, &error))
        show_error (self, error);
    }
  g_object_unref (chooser);
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  KamVisitsView   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        kam_visits_view_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
export_week_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KamVisitsView *self = KAM_VISITS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  char name[32];

  chooser = gtk_file_chooser_native_new (_("Export the Week"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  g_snprintf (name, sizeof name, "visits-%04d-%02d-%02d.ics", g_date_get_year (&self->day),
              g_date_get_month (&self->day), g_date_get_day (&self->day));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_ics_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KamVisitsView *self = KAM_VISITS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Visits"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Building --------------------------------------------------------------- */

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static void
build (KamVisitsView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *prev = icon_button ("go-previous-symbolic", _("Previous Week"));
  GtkWidget *next = icon_button ("go-next-symbolic", _("Next Week"));
  GtkWidget *today_button = gtk_button_new_with_mnemonic (_("_Today"));
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *toggles = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *due_toggle = gtk_toggle_button_new ();
  GtkWidget *week_scroll = gtk_scrolled_window_new ();
  GtkWidget *agenda_scroll = gtk_scrolled_window_new ();
  GtkWidget *agenda_clamp = adw_clamp_new ();
  GtkWidget *side_scroll = gtk_scrolled_window_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *due_title = gtk_label_new (_("Due for a Visit"));
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  GListModel *members = kam_context_get_members (self->context);
  const char *me = kam_context_get_me (self->context);
  guint me_pos = 0;

  self->flap = ADW_FLAP (adw_flap_new ());
  adw_flap_set_flap_position (self->flap, GTK_PACK_END);
  adw_flap_set_fold_threshold_policy (self->flap, ADW_FOLD_THRESHOLD_POLICY_NATURAL);

  /* Toolbar */
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_widget_add_css_class (nav, "linked");
  gtk_box_append (GTK_BOX (nav), prev);
  gtk_box_append (GTK_BOX (nav), today_button);
  gtk_box_append (GTK_BOX (nav), next);
  gtk_box_append (GTK_BOX (toolbar), nav);
  g_signal_connect_swapped (prev, "clicked", G_CALLBACK (previous_clicked_cb), self);
  g_signal_connect_swapped (next, "clicked", G_CALLBACK (next_clicked_cb), self);
  g_signal_connect_swapped (today_button, "clicked", G_CALLBACK (today_clicked_cb), self);

  self->date_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->date_button, "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_button), _("Go to a Date"));
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  gtk_menu_button_set_popover (self->date_button, popover);
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), self);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->date_button));

  self->week_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->week_label), "heading");
  gtk_label_set_ellipsize (self->week_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (GTK_WIDGET (self->week_label), 6);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->week_label));
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (toolbar), spacer);

  /* Owner: everyone, or one team member */
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (owners, _("Everyone"));
  g_ptr_array_add (self->owner_ids, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(KamRecord) m = g_list_model_get_item (members, i);

      gtk_string_list_append (owners, kam_record_get_string (m, "name"));
      g_ptr_array_add (self->owner_ids, g_strdup (kam_record_get_id (m)));
      if (g_strcmp0 (me, kam_record_get_id (m)) == 0)
        me_pos = i + 1;
    }
  self->owner_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (owners)), NULL));
  gtk_drop_down_set_selected (self->owner_dropdown, me_pos);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->owner_dropdown), _("Whose Visits"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->owner_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Whose Visits"), -1);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->owner_dropdown));

  gtk_widget_add_css_class (toggles, "linked");
  self->week_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Week")));
  self->agenda_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Agenda")));
  gtk_toggle_button_set_group (self->agenda_toggle, self->week_toggle);
  gtk_toggle_button_set_active (self->week_toggle, TRUE);
  gtk_box_append (GTK_BOX (toggles), GTK_WIDGET (self->week_toggle));
  gtk_box_append (GTK_BOX (toggles), GTK_WIDGET (self->agenda_toggle));
  gtk_box_append (GTK_BOX (toolbar), toggles);
  g_signal_connect_swapped (self->agenda_toggle, "toggled", G_CALLBACK (view_toggled_cb), self);

  {
    g_autoptr(GMenu) menu = g_menu_new ();
    GtkWidget *menu_button = gtk_menu_button_new ();

    g_menu_append (menu, _("_Export the Week as iCalendar…"), "visits.export-week");
    g_menu_append (menu, _("_Import iCalendar…"), "visits.import-ics");
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
    gtk_widget_set_tooltip_text (menu_button, _("Calendar Files"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Calendar Files"), -1);
    gtk_box_append (GTK_BOX (toolbar), menu_button);
  }

  gtk_button_set_icon_name (GTK_BUTTON (due_toggle), "sidebar-show-right-symbolic");
  gtk_widget_set_tooltip_text (due_toggle, _("Due and Compliance"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (due_toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Due and Compliance"), -1);
  g_object_bind_property (due_toggle, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (due_toggle), TRUE);
  gtk_box_append (GTK_BOX (toolbar), due_toggle);
  gtk_box_append (GTK_BOX (content), toolbar);

  /* Week and agenda */
  self->stack = GTK_STACK (gtk_stack_new ());
  /* only the page shown is measured: a team's agenda can hold thousands of rows */
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->planner = KAM_WEEK_PLANNER (kam_week_planner_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->planner), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->planner), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->planner), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->planner), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (week_scroll), GTK_WIDGET (self->planner));
  gtk_stack_add_named (self->stack, week_scroll, "week");
  g_signal_connect (self->planner, "visit-activated", G_CALLBACK (visit_activated_cb), self);
  g_signal_connect (self->planner, "slot-activated", G_CALLBACK (slot_activated_cb), self);
  g_signal_connect (self->planner, "slot-dropped", G_CALLBACK (slot_dropped_cb), self);

  self->agenda_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->agenda_box), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->agenda_box), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->agenda_box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->agenda_box), 12);
  adw_clamp_set_child (ADW_CLAMP (agenda_clamp), GTK_WIDGET (self->agenda_box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (agenda_scroll), agenda_clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (agenda_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_stack_add_named (self->stack, agenda_scroll, "agenda");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  adw_flap_set_content (self->flap, content);

  /* Side: due and compliance */
  gtk_widget_add_css_class (side_scroll, "background");
  gtk_widget_set_hexpand (side_scroll, FALSE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (side_scroll, 360, -1);
  gtk_widget_set_margin_top (side, 12);
  gtk_widget_set_margin_bottom (side, 12);
  gtk_widget_set_margin_start (side, 12);
  gtk_widget_set_margin_end (side, 12);
  self->compliance_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->compliance_rows = g_ptr_array_new ();
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->compliance_group), 12);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->compliance_group));
  gtk_widget_add_css_class (due_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (due_title), 0);
  gtk_box_append (GTK_BOX (side), due_title);
  self->due_count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->due_count_label), "dim-label");
  gtk_label_set_xalign (self->due_count_label, 0);
  gtk_label_set_wrap (self->due_count_label, TRUE);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->due_count_label));
  {
    GtkWidget *hint = gtk_label_new (_("Drag an entry onto the week, or press Plan for the next free hour."));

    gtk_widget_add_css_class (hint, "caption");
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_widget_set_margin_bottom (hint, 6);
    gtk_box_append (GTK_BOX (side), hint);
  }
  self->due_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->due_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->due_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Due for a Visit"), -1);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->due_list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side_scroll), side);
  adw_flap_set_flap (self->flap, side_scroll);
  adw_flap_set_separator (self->flap, gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->flap));

  g_signal_connect_swapped (self->owner_dropdown, "notify::selected", G_CALLBACK (owner_selected_cb), self);
}

/* Overrides --------------------------------------------------------------- */

static void
kam_visits_view_dispose (GObject *object)
{
  KamVisitsView *self = KAM_VISITS_VIEW (object);

  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  g_clear_object (&self->context);
  g_clear_pointer (&self->visits, g_ptr_array_unref);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_pointer (&self->compliance_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kam_visits_view_parent_class)->dispose (object);
}

static void
kam_visits_view_class_init (KamVisitsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kam_visits_view_dispose;
  widget_class->size_allocate = kam_visits_view_size_allocate;

  gtk_widget_class_install_action (widget_class, "visits.export-week", NULL, export_week_activated);
  gtk_widget_class_install_action (widget_class, "visits.import-ics", NULL, import_ics_activated);
  gtk_widget_class_set_css_name (widget_class, "visitsview");
}

static void
kam_visits_view_init (KamVisitsView *self)
{
  today (&self->day);
}

/* Public ----------------------------------------------------------------- */

void
kam_visits_view_set_context (KamVisitsView *self,
                             KamContext    *context)
{
  g_return_if_fail (KAM_IS_VISITS_VIEW (self));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  build (self);
  g_signal_connect_object (kam_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self, 0);
  reload (self);
}

void
kam_visits_view_set_day (KamVisitsView *self,
                         const GDate   *day)
{
  g_return_if_fail (KAM_IS_VISITS_VIEW (self));

  self->day = *day;
  if (self->context == NULL)
    return;
  reload_week (self);
  reload_compliance (self);
}

void
kam_visits_view_set_owner (KamVisitsView *self,
                           const char    *owner_id)
{
  g_return_if_fail (KAM_IS_VISITS_VIEW (self));

  if (self->owner_ids == NULL)
    return;
  for (guint i = 0; i < self->owner_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->owner_ids, i), owner_id) == 0)
      {
        gtk_drop_down_set_selected (self->owner_dropdown, i);
        return;
      }
}

void
kam_visits_view_edit_visit (KamVisitsView *self,
                            const char    *visit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) visit = NULL;

  g_return_if_fail (KAM_IS_VISITS_VIEW (self));

  visit = kam_store_load (kam_context_get_store (self->context), &kam_visit_kind, visit_id, &error);
  if (visit == NULL)
    {
      show_error (self, error);
      return;
    }
  open_editor (self, visit);
}

void
kam_visits_view_show_visit (KamVisitsView *self,
                            const char    *visit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) visit = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) start = NULL;

  g_return_if_fail (KAM_IS_VISITS_VIEW (self));

  if (self->context == NULL)
    return;
  visit = kam_store_load (kam_context_get_store (self->context), &kam_visit_kind, visit_id, &error);
  if (visit == NULL)
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }

  start = g_date_time_new_from_iso8601 (kam_record_get_string (visit, "start_at"), utc);
  if (start != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (start);
      GDate day;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                      g_date_time_get_year (local));
      kam_visits_view_set_day (self, &day);
    }
  open_editor (self, visit);
}

void
kam_visits_view_new_visit (KamVisitsView *self,
                           const char    *account_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) start = NULL;
  GDate day;

  g_return_if_fail (KAM_IS_VISITS_VIEW (self));

  if (self->context == NULL)
    return;
  /* tomorrow at ten, for the usual hour */
  start = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                 g_date_time_get_day_of_month (tomorrow), 10, 0, 0);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (start), g_date_time_get_month (start),
                  g_date_time_get_year (start));
  kam_visits_view_set_day (self, &day);
  new_visit_at (self, start, account_id);
}

void
kam_visits_view_get_day (KamVisitsView *self,
                         GDate         *day)
{
  g_return_if_fail (KAM_IS_VISITS_VIEW (self));

  *day = self->day;
}

void
kam_visits_view_show_agenda (KamVisitsView *self,
                             gboolean       agenda)
{
  g_return_if_fail (KAM_IS_VISITS_VIEW (self));

  gtk_toggle_button_set_active (agenda ? self->agenda_toggle : self->week_toggle, TRUE);
}
