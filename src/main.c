/* main.c — the entry point of key-accounts
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "kam-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KamApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* KAM_LOCALEDIR: the translations of an uninstalled build (build-aux/run
   * points it at _build/po). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KAM_LOCALEDIR") ? g_getenv ("KAM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Key Accounts"));

  kam_choose_renderer ();
  app = kam_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
