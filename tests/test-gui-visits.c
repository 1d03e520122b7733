/* test-gui-visits.c — the visit plan page, in a real window
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb.  Plans a visit from the Due panel, marks it done with a
 * follow-up through the editor, and checks the due list, the contact's last
 * met and the next planned visit.  With KAM_SCREENSHOT_DIR set, renders a
 * busy week at 1920x1080 and 1024x768.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kam-gui-test.h"
#include "kam-generate.h"
#include "kam-model.h"
#include "kam-visit-editor.h"
#include "kam-week-planner.h"
#include "kam-visit-plan.h"
#include "kam-visits-view.h"
#include "kam-window.h"

typedef KamTestApp Fixture;

/* A descendant whose "id" data is @id. */
static GtkWidget *
find_with_id (GtkWidget  *widget,
              const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "id"), id) == 0)
        return child;
      found = find_with_id (child, id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static KamVisitEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (KAM_IS_VISIT_EDITOR (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return KAM_VISIT_EDITOR (w);
    }
  return NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  kam_test_app_open (f, "gui-visits", GPOINTER_TO_UINT (data));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  KamVisitEditor *editor;

  while ((editor = find_editor ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  kam_test_app_close (f);
}

static KamVisitsView *
show_visits (Fixture *f)
{
  AdwViewStack *stack = ADW_VIEW_STACK (kam_test_find_descendant (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK, NULL));
  GtkStack *main_stack;
  KamVisitsView *view;

  g_assert_nonnull (stack);
  /* Past the welcome page, if it shows */
  main_stack = GTK_STACK (kam_test_find_descendant (GTK_WIDGET (f->window), GTK_TYPE_STACK, NULL));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (main_stack), "main") != 0)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-empty", NULL);
  adw_view_stack_set_visible_child_name (stack, "visits");
  kam_test_wait_ms (100);
  view = KAM_VISITS_VIEW (kam_test_find_descendant (GTK_WIDGET (f->window), KAM_TYPE_VISITS_VIEW, NULL));
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  return view;
}

static void
saved_cb (KamVisitEditor  *editor,
          const char      *id,
          char           **saved_id)
{
  g_free (*saved_id);
  *saved_id = g_strdup (id);
}

static void
set_row_text (GtkWidget  *editor,
              const char *name,
              const char *text)
{
  GtkWidget *row = kam_test_find_descendant (editor, ADW_TYPE_ENTRY_ROW, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static char *
local_text (GDateTime  *dt,
            const char *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (dt);

  return g_date_time_format (local, format);
}

static void
test_plan_done_follow_up (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamVisitsView *view = show_visits (f);
  GtkWidget *plan_button = kam_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_BUTTON, "plan-button");
  GtkWidget *row;
  g_autofree char *due_id = NULL;
  g_autofree char *visit_id = NULL;
  g_autofree char *next_id = NULL;
  g_autoptr(KamRecord) due_record = NULL;
  g_autoptr(KamRecord) visit = NULL;
  g_autoptr(KamRecord) next = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = NULL;
  g_autoptr(GDateTime) follow = g_date_time_add_days (now, 14);
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *follow_text = local_text (follow, "%Y-%m-%d");
  const char *account_id;
  KamVisitEditor *editor;
  guint n_visits = kam_store_count (f->store, &kam_visit_kind);

  /* The most overdue entry of the Due panel */
  g_assert_nonnull (plan_button);
  row = gtk_widget_get_ancestor (plan_button, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  due_id = g_strdup (g_object_get_data (G_OBJECT (row), "id"));
  g_assert_nonnull (due_id);
  due_record = kam_store_load (f->store, NULL, due_id, &error);
  g_assert_no_error (error);

  /* Plan: the editor opens prefilled with the account and the contacts due */
  g_signal_emit_by_name (plan_button, "clicked");
  kam_test_wait_ms (100);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &visit_id);
  g_signal_emit_by_name (kam_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "save-button"), "clicked");
  kam_test_wait_ms (100);
  g_assert_nonnull (visit_id);
  g_assert_null (find_editor ());
  g_assert_cmpuint (kam_store_count (f->store, &kam_visit_kind), ==, n_visits + 1);

  visit = kam_store_load (f->store, &kam_visit_kind, visit_id, &error);
  g_assert_no_error (error);
  account_id = KAM_IS_CONTACT (due_record) ? kam_record_get_string (due_record, "account_id") : due_id;
  g_assert_cmpstr (kam_record_get_string (visit, "account_id"), ==, account_id);
  g_assert_cmpint (kam_record_get_int (visit, "status"), ==, KAM_VISIT_PLANNED);
  if (KAM_IS_CONTACT (due_record))
    g_assert_true (g_strv_contains (kam_record_get_strv (visit, "contact_ids"), due_id));
  /* Planned is not visited: still due */
  g_assert_nonnull (find_with_id (GTK_WIDGET (view), due_id));

  /* Mark it done, yesterday, with a follow-up in two weeks */
  kam_visits_view_edit_visit (view, visit_id);
  kam_test_wait_ms (100);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &next_id);
  yesterday = g_date_time_add_days (now, -1);
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (yesterday);
    g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                                        g_date_time_get_day_of_month (local), 10, 0, 0);
    g_autoptr(GDateTime) end = g_date_time_add_hours (start, 1);

    start_text = local_text (start, "%Y-%m-%d %H:%M");
    end_text = local_text (end, "%Y-%m-%d %H:%M");
  }
  set_row_text (GTK_WIDGET (editor), "start-row", start_text);
  set_row_text (GTK_WIDGET (editor), "end-row", end_text);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kam_test_find_descendant (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "status-row")),
                              KAM_VISIT_DONE);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (kam_test_find_descendant (GTK_WIDGET (editor),
                                                                                   ADW_TYPE_ENTRY_ROW, "outcome-row"),
                                                                  ADW_TYPE_PREFERENCES_GROUP)));
  set_row_text (GTK_WIDGET (editor), "outcome-row", "Agreed on a pilot");
  set_row_text (GTK_WIDGET (editor), "next-steps-row", "Send the pilot contract");
  set_row_text (GTK_WIDGET (editor), "follow-up-row", follow_text);
  g_signal_emit_by_name (kam_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "save-button"), "clicked");
  kam_test_wait_ms (100);
  g_assert_null (find_editor ());
  g_assert_cmpstr (next_id, ==, visit_id);

  /* Done, with its outcome */
  g_clear_object (&visit);
  visit = kam_store_load (f->store, &kam_visit_kind, visit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kam_record_get_int (visit, "status"), ==, KAM_VISIT_DONE);
  g_assert_cmpstr (kam_record_get_string (visit, "outcome"), ==, "Agreed on a pilot");
  g_assert_cmpstr (kam_record_get_string (visit, "follow_up"), ==, follow_text);

  /* The contacts met: last met is the visit's start; the account's last visit too */
  {
    const char * const *contacts = kam_record_get_strv (visit, "contact_ids");
    g_autoptr(KamRecord) account = kam_store_load (f->store, &kam_account_kind, account_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (kam_record_get_string (account, "last_visit"), ==, kam_record_get_string (visit, "start_at"));
    for (guint i = 0; contacts != NULL && contacts[i] != NULL; i++)
      {
        g_autoptr(KamRecord) c = kam_store_load (f->store, &kam_contact_kind, contacts[i], &error);

        g_assert_no_error (error);
        g_assert_cmpstr (kam_record_get_string (c, "last_met"), ==, kam_record_get_string (visit, "start_at"));
      }
  }

  /* The due list changed: the entry planned is gone */
  g_assert_null (find_with_id (GTK_WIDGET (view), due_id));

  /* The next planned visit, on the follow-up day, in the view's week */
  {
    g_autoptr(GPtrArray) all = kam_store_load_all (f->store, &kam_visit_kind, &error);
    GDate day;

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      {
        KamRecord *v = g_ptr_array_index (all, i);
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (kam_record_get_string (v, "start_at"), utc);
        g_autofree char *start_day = local_text (start, "%Y-%m-%d");

        if (g_strcmp0 (kam_record_get_string (v, "account_id"), account_id) == 0
            && kam_record_get_int (v, "status") == KAM_VISIT_PLANNED
            && g_strcmp0 (kam_record_get_string (v, "objective"), "Send the pilot contract") == 0)
          {
            g_assert_cmpstr (start_day, >=, follow_text);
            next = g_object_ref (v);
          }
      }
    g_assert_nonnull (next);

    g_date_clear (&day, 1);
    g_assert_true (kam_parse_date (follow_text, &day));
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (kam_record_get_string (next, "start_at"), utc);
      g_autoptr(GDateTime) local = g_date_time_to_local (start);

      g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                      g_date_time_get_year (local));
    }
    kam_visits_view_set_day (view, &day);
    kam_visits_view_show_agenda (view, TRUE);
    kam_test_wait_ms (100);
    g_assert_nonnull (find_with_id (GTK_WIDGET (view), kam_record_get_id (next)));
  }
}

/* A due entry dropped on the week: a visit planned at that half hour,
 * with the entry's account, after the editor's Save. */
static void
test_drop_due (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamVisitsView *view = show_visits (f);
  GtkWidget *plan_button = kam_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_BUTTON, "plan-button");
  KamWeekPlanner *planner = KAM_WEEK_PLANNER (kam_test_find_descendant (GTK_WIDGET (view), KAM_TYPE_WEEK_PLANNER, NULL));
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GDateTime) slot = NULL;
  g_autoptr(KamRecord) due_record = NULL;
  g_autoptr(KamRecord) visit = NULL;
  g_autoptr(GDateTime) slot_utc = NULL;
  g_autofree char *slot_text = NULL;
  g_autofree char *visit_id = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = NULL;
  KamVisitEditor *editor;
  g_autofree char *due_id = NULL;
  double x, y = -1;
  gboolean dropped = FALSE;

  kam_visits_view_show_agenda (view, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 1080);
  kam_test_wait_for_width (GTK_WIDGET (f->window), 1920);
  g_assert_nonnull (planner);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (planner)));

  /* Wednesday's column, at 14:00 */
  x = gtk_widget_get_width (GTK_WIDGET (planner)) - 1;
  while (x > 0 && slot == NULL)
    {
      g_autoptr(GDateTime) probe = kam_week_planner_slot_at (KAM_WEEK_PLANNER (planner), x, 60);

      if (probe != NULL && g_date_time_get_day_of_week (probe) == 3)
        break;
      x -= 4;
    }
  for (double py = 0; py < gtk_widget_get_height (GTK_WIDGET (planner)) && y < 0; py += 2)
    {
      g_autoptr(GDateTime) probe = kam_week_planner_slot_at (KAM_WEEK_PLANNER (planner), x, py);

      if (probe != NULL && g_date_time_get_hour (probe) == 14 && g_date_time_get_minute (probe) == 0)
        y = py + 4;
    }
  g_assert_cmpfloat (y, >, 0);
  slot = kam_week_planner_slot_at (KAM_WEEK_PLANNER (planner), x, y);
  g_assert_nonnull (slot);
  g_assert_cmpint (g_date_time_get_day_of_week (slot), ==, 3);
  g_assert_cmpint (g_date_time_get_hour (slot), ==, 14);
  /* outside the grid: no slot */
  g_assert_null (kam_week_planner_slot_at (KAM_WEEK_PLANNER (planner), 2, y));

  g_assert_nonnull (plan_button);
  /* (the rows are made again when the store changes) */
  due_id = g_strdup (g_object_get_data (G_OBJECT (gtk_widget_get_ancestor (plan_button, ADW_TYPE_ACTION_ROW)), "id"));
  g_assert_nonnull (due_id);
  due_record = kam_store_load (f->store, NULL, due_id, &error);
  g_assert_no_error (error);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (planner));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (G_TYPE_STRING, gtk_drop_target_get_gtypes (target, NULL)[0]));

  /* Over the slot: the hour it would take is drawn */
  {
    GdkDragAction action = 0;

    g_signal_emit_by_name (target, "motion", x, y, &action);
    g_assert_cmpint (action, ==, GDK_ACTION_COPY);
    g_signal_emit_by_name (target, "motion", 2.0, y, &action);
    g_assert_cmpint (action, ==, 0);
    g_signal_emit_by_name (target, "motion", x, y, &action);
    kam_test_screenshot (GTK_WIDGET (f->window), "visits-drop-1920x1080.png");
  }

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, due_id);
  g_signal_emit_by_name (target, "drop", &value, x, y, &dropped);
  g_assert_true (dropped);
  kam_test_wait_ms (100);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &visit_id);
  g_signal_emit_by_name (kam_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "save-button"), "clicked");
  kam_test_wait_ms (100);
  g_assert_nonnull (visit_id);

  visit = kam_store_load (f->store, &kam_visit_kind, visit_id, &error);
  g_assert_no_error (error);
  slot_utc = g_date_time_to_utc (slot);
  slot_text = g_date_time_format (slot_utc, "%Y-%m-%dT%H:%M:%SZ");
  g_assert_cmpstr (kam_record_get_string (visit, "start_at"), ==, slot_text);
  g_assert_cmpstr (kam_record_get_string (visit, "account_id"), ==,
                   KAM_IS_CONTACT (due_record) ? kam_record_get_string (due_record, "account_id") : due_id);
  g_assert_cmpint (kam_record_get_int (visit, "status"), ==, KAM_VISIT_PLANNED);
  if (KAM_IS_CONTACT (due_record))
    g_assert_true (g_strv_contains (kam_record_get_strv (visit, "contact_ids"), due_id));

  /* A string that is no due entry plans nothing */
  {
    guint n = kam_store_count (f->store, &kam_visit_kind);

    g_value_set_string (&value, "no-such-entry");
    g_signal_emit_by_name (target, "drop", &value, x, y, &dropped);
    kam_test_wait_ms (50);
    g_assert_null (find_editor ());
    g_assert_cmpuint (kam_store_count (f->store, &kam_visit_kind), ==, n);
  }
}

/* A busy week: the visits of the generated portfolio this week, and two
 * dozen more, with overlaps and visits that need an outcome. */
static void
add_busy_week (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = kam_store_load_all (f->store, &kam_account_kind, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GDate today;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  const struct { int day, hour, minute, minutes; const char *kind; const char *objective; } plan[] = {
    { 0, 9, 0, 90, "visit", "Quarterly business review" },
    { 0, 11, 0, 60, "call", "Pricing call with procurement" },
    { 0, 12, 0, 90, "meal", "Lunch with the CIO" },
    { 0, 14, 30, 60, "visit", "Pilot kick-off" },
    { 0, 15, 0, 60, "call", "Escalation: delivery delay" },
    { 1, 9, 30, 60, "visit", "Solution workshop" },
    { 1, 11, 0, 45, "call", "Renewal terms" },
    { 1, 14, 0, 120, "event", "Industry forum" },
    { 1, 16, 30, 60, "visit", "Meet the new IT director" },
    { 2, 8, 30, 60, "call", "Weekly check-in" },
    { 2, 10, 0, 90, "visit", "Executive sponsor meeting" },
    { 2, 12, 0, 60, "meal", "Lunch with the project team" },
    { 2, 15, 0, 60, "visit", "Technical exchange" },
    { 3, 9, 0, 60, "visit", "Contract negotiation" },
    { 3, 10, 30, 60, "call", "Reference call" },
    { 3, 13, 30, 120, "event", "Showroom visit and demo" },
    { 3, 16, 0, 60, "call", "Payment collection" },
    { 4, 9, 0, 60, "visit", "Steering committee" },
    { 4, 10, 30, 90, "visit", "Proposal presentation" },
    { 4, 12, 30, 60, "meal", "Lunch after the presentation" },
    { 4, 14, 0, 60, "call", "Follow-up on the proposal" },
    { 4, 15, 30, 60, "visit", "Site survey" },
    { 5, 10, 0, 120, "event", "Customer day" },
  };

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  monday = kam_visit_plan_week_start (&today, tz);

  for (gsize i = 0; i < G_N_ELEMENTS (plan); i++)
    {
      g_autoptr(KamRecord) v = kam_record_new (&kam_visit_kind);
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, plan[i].day);
      g_autoptr(GDateTime) start = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                                                    g_date_time_get_day_of_month (day), plan[i].hour,
                                                    plan[i].minute, 0);
      g_autoptr(GDateTime) end = g_date_time_add_minutes (start, plan[i].minutes);
      g_autoptr(GDateTime) start_utc = g_date_time_to_utc (start);
      g_autoptr(GDateTime) end_utc = g_date_time_to_utc (end);
      g_autofree char *s = g_date_time_format (start_utc, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *e = g_date_time_format (end_utc, "%Y-%m-%dT%H:%M:%SZ");
      KamRecord *account = g_ptr_array_index (accounts, (i * 7) % accounts->len);
      gboolean past = g_date_time_compare (end, now) < 0;

      g_assert_true (kam_record_set_from_string (v, "account_id", kam_record_get_id (account), NULL));
      g_assert_true (kam_record_set_from_string (v, "start_at", s, NULL));
      g_assert_true (kam_record_set_from_string (v, "end_at", e, NULL));
      g_assert_true (kam_record_set_from_string (v, "kind", plan[i].kind, NULL));
      g_assert_true (kam_record_set_from_string (v, "objective", plan[i].objective, NULL));
      /* Most past visits have their outcome; every third still needs one. */
      g_assert_true (kam_record_set_from_string (v, "status", past && i % 3 != 0 ? "done" : "planned", NULL));
      g_assert_true (kam_store_save (f->store, v, &error));
      g_assert_no_error (error);
    }
}

static void
test_busy_week (Fixture       *f,
                gconstpointer  data)
{
  KamVisitsView *view;

  add_busy_week (f);
  view = show_visits (f);
  kam_test_wait_ms (100);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 1080);
  kam_test_wait_for_width (GTK_WIDGET (f->window), 1920);
  kam_test_screenshot (GTK_WIDGET (f->window), "visits-week-1920x1080.png");

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  kam_test_wait_for_width (GTK_WIDGET (f->window), 1024);
  kam_test_screenshot (GTK_WIDGET (f->window), "visits-week-1024x768.png");

  kam_visits_view_show_agenda (view, TRUE);
  kam_test_wait_ms (100);
  kam_test_screenshot (GTK_WIDGET (f->window), "visits-agenda-1024x768.png");
  /* The agenda lists every visit of the week (screen readers read it) */
  g_assert_nonnull (kam_test_find_descendant (GTK_WIDGET (view), ADW_TYPE_PREFERENCES_GROUP, NULL));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
test_ical (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KamVisitsView *view = show_visits (f);
  g_autofree char *path = g_build_filename (f->dir, "week.ics", NULL);
  g_autofree char *invite_path = g_build_filename (f->dir, "invite.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) invite = g_file_new_for_path (invite_path);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *dtstart = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ics = NULL;
  g_autoptr(GPtrArray) contacts = kam_store_load_all (f->store, &kam_contact_kind, &error);
  g_autoptr(GPtrArray) week = NULL;
  const char *email = NULL;
  AdwMessageDialog *dialog;
  guint n_events = 0, n_visits;
  GDate day;

  g_assert_no_error (error);

  /* The week shown, exported: one event per visit of the week */
  g_assert_true (kam_visits_view_export_week (view, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  for (const char *p = text; (p = strstr (p, "BEGIN:VEVENT")) != NULL; p++)
    n_events++;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  week = kam_visit_plan_week (f->store, NULL, &day, tz, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, week->len);

  /* An invitation with one of the contacts: a preview, then one visit */
  for (guint i = 0; i < contacts->len && email == NULL; i++)
    if (*kam_record_get_string (g_ptr_array_index (contacts, i), "email") != '\0')
      email = kam_record_get_string (g_ptr_array_index (contacts, i), "email");
  g_assert_nonnull (email);
  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (tomorrow);

    dtstart = g_date_time_format (utc, "%Y%m%dT100000Z");
  }
  ics = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:gui-test-1\r\nDTSTART:%s\r\n"
                         "SUMMARY:Invitation\r\nATTENDEE;CN=Them:mailto:%s\r\nEND:VEVENT\r\n"
                         "BEGIN:VEVENT\r\nUID:gui-test-2\r\nSUMMARY:No start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                         dtstart, email);
  g_assert_true (g_file_set_contents (invite_path, ics, -1, &error));
  n_visits = kam_store_count (f->store, &kam_visit_kind);

  kam_visits_view_import_file (view, invite);
  kam_test_wait_ms (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));
  /* Nothing is written before the answer */
  g_assert_cmpuint (kam_store_count (f->store, &kam_visit_kind), ==, n_visits);
  adw_message_dialog_response (dialog, "import");
  kam_test_wait_ms (100);
  g_assert_cmpuint (kam_store_count (f->store, &kam_visit_kind), ==, n_visits + 1);

  /* Again: an update, not a second visit */
  kam_visits_view_import_file (view, invite);
  kam_test_wait_ms (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "import");
  kam_test_wait_ms (100);
  g_assert_cmpuint (kam_store_count (f->store, &kam_visit_kind), ==, n_visits + 1);
}

int
main (int   argc,
      char *argv[])
{
  kam_test_init (&argc, &argv);

  g_test_add ("/kam/gui/visits/plan-done-follow-up", Fixture, GUINT_TO_POINTER (40),
              fixture_setup, test_plan_done_follow_up, fixture_teardown);
  g_test_add ("/kam/gui/visits/drop-due", Fixture, GUINT_TO_POINTER (40),
              fixture_setup, test_drop_due, fixture_teardown);
  g_test_add ("/kam/gui/visits/ical", Fixture, GUINT_TO_POINTER (20),
              fixture_setup, test_ical, fixture_teardown);
  g_test_add ("/kam/gui/visits/busy-week", Fixture, GUINT_TO_POINTER (30),
              fixture_setup, test_busy_week, fixture_teardown);

  return g_test_run ();
}
