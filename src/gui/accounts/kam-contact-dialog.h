/* kam-contact-dialog.h — adds or edits one person at an account
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"

G_BEGIN_DECLS

#define KAM_TYPE_CONTACT_DIALOG (kam_contact_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KamContactDialog, kam_contact_dialog, KAM, CONTACT_DIALOG, AdwWindow)

/* A modal window over @parent editing contact @contact_id of account
 * @account_id, or a new contact of that account when @contact_id is NULL.
 * Save validates every field and writes the contact; Delete Contact (for an
 * existing one) deletes it with an undo toast on @parent. */
KamContactDialog *kam_contact_dialog_new         (KamContext *context,
                                                  const char *account_id,
                                                  const char *contact_id,
                                                  GtkWindow  *parent);
const char       *kam_contact_dialog_get_contact_id (KamContactDialog *self);

/* Words for the contact fields that are numbers, shared with the lists that
 * show contacts (all translated). */

/* "Opponent" (-2), "Skeptic", "Neutral", "Supporter", "Champion" (+2). */
const char *kam_contact_attitude_label  (int attitude);
/* "▼▼", "▼", "●", "▲", "▲▲": the attitude for people who cannot tell the
 * colours apart. */
const char *kam_contact_attitude_symbol (int attitude);
/* The style class that colours an attitude: "error", "warning", "dim-label"
 * or "success". */
const char *kam_contact_attitude_style  (int attitude);
/* "1 · Minimal" .. "5 · Decisive". */
const char *kam_contact_influence_label (int influence);
/* "None" (0), "Acquainted", "Friendly", "Trusted", "Partner" (4). */
const char *kam_contact_strength_label  (int strength);
/* "●●●○" for 3 of 4. Free with g_free(). */
char       *kam_contact_strength_dots   (int strength);

G_END_DECLS
