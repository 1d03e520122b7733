/* kam-gui-test.h — what the widget tests share: waiting for the main loop
 * and the frame clock, and screenshots
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kam-context.h"
#include "kam-store.h"
#include "kam-window.h"

G_BEGIN_DECLS

/* gtk_test_init(), then the locale of the environment for the C library
 * too (gtk_test_init() leaves the C locale), so dates, months and numbers
 * of a zh_CN run are Chinese as in the real program; libadwaita, the
 * translations ($KAM_LOCALEDIR, else the installed ones), no animations,
 * and the program's style sheet and icons. */
void  kam_test_init           (int        *argc,
                               char     ***argv);

/* Runs the main loop for @ms milliseconds. */
void  kam_test_wait_ms        (guint       ms);

/* Runs the main loop until @widget's frame clock has painted @n frames
 * (at most 5 s; nothing when the widget has no frame clock yet). */
void  kam_test_wait_frames    (GtkWidget  *widget,
                               guint       n);

/* Runs the main loop until @window is @width wide (its content is the
 * window less its shadow margins, so within 16 pixels; at most 3 s), then
 * until it has painted 3 frames. */
void  kam_test_wait_for_width (GtkWidget  *window,
                               int         width);

/* The first descendant of @widget (depth first) of @type, and named @name
 * (gtk_widget_set_name()) unless @name is NULL. */
GtkWidget *kam_test_find_descendant (GtkWidget  *widget,
                                     GType       type,
                                     const char *name);

/* Renders @widget to $KAM_SCREENSHOT_DIR/$KAM_SCREENSHOT_PREFIX@name as a
 * PNG when KAM_SCREENSHOT_DIR is set.  Waits (at most 10 s) until the
 * widget is laid out and draws something, which on a loaded machine can
 * take a few frames after it was shown. */
void  kam_test_screenshot     (GtkWidget  *widget,
                               const char *name);

/* The main window over a generated database of its own, as most widget
 * tests want it. */
typedef struct {
  char       *dir;
  KamStore   *store;
  GSettings  *settings;
  KamContext *context;
  KamWindow  *window;
} KamTestApp;

/* A new temporary folder "kam-@name-XXXXXX" holding gui.db with
 * @n_accounts generated accounts (seed 42; none: an empty database), and
 * the window over it, presented at 1280x800. */
void  kam_test_app_open       (KamTestApp *app,
                               const char *name,
                               guint       n_accounts);
/* Closes the window; the window, the context and the store must be
 * finalized then; removes the folder. */
void  kam_test_app_close      (KamTestApp *app);

G_END_DECLS
