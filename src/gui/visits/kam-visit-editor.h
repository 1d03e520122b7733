/* kam-visit-editor.h — a dialog to plan or edit a visit, and to record its
 * outcome
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"
#include "kam-record.h"

G_BEGIN_DECLS

#define KAM_TYPE_VISIT_EDITOR (kam_visit_editor_get_type ())
G_DECLARE_FINAL_TYPE (KamVisitEditor, kam_visit_editor, KAM, VISIT_EDITOR, AdwWindow)

/* Edits @visit (a stored visit, or a new one not saved yet, with or
 * without its account).  "saved" (the visit's id) is emitted after a save;
 * marking it done records the outcome, and a follow-up date plans the next
 * visit (kam_visit_plan_mark_done()). */
KamVisitEditor *kam_visit_editor_new  (GtkWindow  *parent,
                                       KamContext *context,
                                       KamRecord  *visit);
/* Saves what the dialog shows; FALSE with @error when something is wrong
 * (the dialog stays open and shows it). */
gboolean        kam_visit_editor_save (KamVisitEditor  *self,
                                       GError         **error);

G_END_DECLS
