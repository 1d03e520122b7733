/* bench-scroll.c — how long the accounts list takes to draw a frame while
 * it is scrolled through a large database
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test:
 *
 *   GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory \
 *     xvfb-run -a -s "-screen 0 1920x1080x24" _build/tests/bench-scroll DB [STEPS]
 *
 * opens the real window on DB at 1920x1080 and scrolls the list STEPS
 * times (default 300): by a wheel step (three rows), by a page, and by a
 * jump to a random place (a drag of the scrollbar), a third of each.
 * For every step it times the frame that shows it, from the frame clock's
 * "before-paint" to its "after-paint" (update, layout and paint: the rows
 * made and bound, their records read from the store): the frame's own
 * work, which is what decides whether scrolling keeps up at 60 frames a
 * second (16.7 ms).  The renderer is chosen as the program chooses it
 * (kam_choose_renderer()); GSK_RENDERER=gl or cairo overrides.  Prints one JSON object of medians and 95th
 * percentiles in milliseconds.
 */
#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kam-analytics.h"
#include "kam-gui-test.h"
#include "kam-accounts-view.h"
#include "kam-application.h"
#include "kam-window.h"

typedef struct {
  gint64  before;
  gint64  last_us;  /* duration of the last frame */
  guint   frames;
} Clock;

static void
before_paint_cb (GdkFrameClock *clock,
                 Clock         *c)
{
  c->before = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Clock         *c)
{
  if (c->before == 0)
    return;
  c->last_us = g_get_monotonic_time () - c->before;
  c->before = 0;
  c->frames++;
}

/* A label on screen, depth first. */
static GtkWidget *
mapped_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mapped_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Waits for the frame after a change; returns its duration in ms, or -1
 * when none came within a second (nothing changed on screen). */
static double
next_frame (Clock *c)
{
  guint frames = c->frames;
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_once (1000, set_true, &timed_out);

  while (c->frames == frames && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return c->frames == frames ? -1 : c->last_us / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(KamContext) context = NULL;
  GArray *kinds[3];
  GArray *kinds_floor;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const char *names[3] = { "wheel", "page", "jump" };
  KamWindow *window;
  GtkColumnView *columns;
  GtkAdjustment *vadj;
  GdkFrameClock *frame_clock;
  Clock c = { 0 };
  guint steps = 300, missed = 0;

  /* as the program does (src/main.c) */
  kam_choose_renderer ();
  kam_test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: bench-scroll DB [STEPS]\n");
      return 2;
    }
  if (argc > 2)
    steps = (guint) MAX (3, atoi (argv[2]));

  store = kam_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("bench-scroll: %s\n", error->message);
      return 1;
    }
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "last-view", "accounts");
  context = kam_context_new (store, settings);
  window = kam_window_new (NULL, context, NULL);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  kam_test_wait_for_width (GTK_WIDGET (window), 1920);
  kam_test_wait_ms (500);

  columns = GTK_COLUMN_VIEW (kam_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert (columns != NULL);
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (kam_test_find_descendant (GTK_WIDGET (columns),
                                                                                    GTK_TYPE_LIST_VIEW, NULL)));
  g_assert (vadj != NULL);
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (before_paint_cb), &c);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &c);

  for (guint k = 0; k < 3; k++)
    kinds[k] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < steps; i++)
    {
      guint kind = i % 3;
      double upper = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
      double value = gtk_adjustment_get_value (vadj);
      double ms;

      if (kind == 0)
        value += 3 * gtk_adjustment_get_step_increment (vadj);
      else if (kind == 1)
        value += gtk_adjustment_get_page_increment (vadj);
      else
        value = g_rand_double_range (rand, 0, MAX (upper, 1));
      if (value > upper)
        value = 0;
      gtk_adjustment_set_value (vadj, value);
      ms = next_frame (&c);
      if (ms < 0)
        missed++;
      else
        g_array_append_val (kinds[kind], ms);
    }

  /* The floor: frames that redraw one small label, no scrolling */
  {
    GtkWidget *label = mapped_label (GTK_WIDGET (window));

    g_assert (label != NULL);

    kinds_floor = g_array_new (FALSE, FALSE, sizeof (double));
    for (guint i = 0; i < 30; i++)
      {
        double ms;

        gtk_widget_queue_draw (label);
        ms = next_frame (&c);
        if (ms >= 0)
          g_array_append_val (kinds_floor, ms);
      }
  }

  g_print ("{\n  \"renderer\": \"%s\",\n  \"accounts\": %u,\n  \"steps\": %u,\n  \"no_frame\": %u",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
           g_list_model_get_n_items (kam_accounts_view_get_model (KAM_ACCOUNTS_VIEW (
             kam_test_find_descendant (GTK_WIDGET (window), KAM_TYPE_ACCOUNTS_VIEW, NULL)))),
           steps, missed);
  for (guint k = 0; k < 3; k++)
    {
      double median = kam_percentile (kinds[k], 0.5);
      double p95 = kam_percentile (kinds[k], 0.95);

      g_print (",\n  \"%s\": { \"frames\": %u, \"median_ms\": %.2f, \"p95_ms\": %.2f }",
               names[k], kinds[k]->len, median, p95);
    }
  g_print (",\n  \"redraw_one_label\": { \"frames\": %u, \"median_ms\": %.2f, \"p95_ms\": %.2f }",
           kinds_floor->len, kam_percentile (kinds_floor, 0.5), kam_percentile (kinds_floor, 0.95));
  g_array_unref (kinds_floor);
  g_print ("\n}\n");

  for (guint k = 0; k < 3; k++)
    g_array_unref (kinds[k]);
  g_signal_handlers_disconnect_by_data (frame_clock, &c);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  return 0;
}
