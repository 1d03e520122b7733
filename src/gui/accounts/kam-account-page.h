/* kam-account-page.h — the detail page of one account
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"

G_BEGIN_DECLS

#define KAM_TYPE_ACCOUNT_PAGE (kam_account_page_get_type ())
G_DECLARE_FINAL_TYPE (KamAccountPage, kam_account_page, KAM, ACCOUNT_PAGE, AdwBin)

GtkWidget  *kam_account_page_new            (void);
void        kam_account_page_set_context    (KamAccountPage *self,
                                             KamContext     *context);
/* Shows the account @account_id (NULL: an empty state). */
void        kam_account_page_set_account_id (KamAccountPage *self,
                                             const char     *account_id);
const char *kam_account_page_get_account_id (KamAccountPage *self);
/* Moves the focus to the name, for a just created account. */
void        kam_account_page_focus_name     (KamAccountPage *self);

G_END_DECLS
