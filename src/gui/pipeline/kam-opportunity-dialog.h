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
/* A dialog making a new deal of the account @account_id, or (NULL) of an
 * account chosen in it; NULL when @account_id is not a stored account.
 * The deal is stored on "Save". */
KamOpportunityDialog *kam_opportunity_dialog_new_deal (GtkWindow            *parent,
                                                       KamContext           *context,
                                                       const char           *account_id);
/* The id of the deal edited (of a new one: the id it is saved with). */
const char           *kam_opportunity_dialog_get_id   (KamOpportunityDialog *self);
/* Checks and saves what is in the fields; FALSE and a translated error
 * when a value is refused (the dialog shows it too). */
gboolean              kam_opportunity_dialog_save (KamOpportunityDialog *self,
                                                   GError              **error);

G_END_DECLS
