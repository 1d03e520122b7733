/* kam-opportunity-dialog.h — edit one opportunity
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"

G_BEGIN_DECLS

#define KAM_TYPE_OPPORTUNITY_DIALOG (kam_opportunity_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KamOpportunityDialog, kam_opportunity_dialog, KAM, OPPORTUNITY_DIALOG, AdwWindow)

/* A dialog editing the stored opportunity @id; saves on "Save". */
KamOpportunityDialog *kam_opportunity_dialog_new  (GtkWindow            *parent,
                                                   KamContext           *context,
                                                   const char           *id);
/* Checks and saves what is in the fields; FALSE and a translated error
 * when a value is refused (the dialog shows it too). */
gboolean              kam_opportunity_dialog_save (KamOpportunityDialog *self,
                                                   GError              **error);

G_END_DECLS
