/* kam-accounts-view.h — the accounts: a sortable list and the account page
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"

G_BEGIN_DECLS

#define KAM_TYPE_ACCOUNTS_VIEW (kam_accounts_view_get_type ())
G_DECLARE_FINAL_TYPE (KamAccountsView, kam_accounts_view, KAM, ACCOUNTS_VIEW, AdwBin)

void        kam_accounts_view_set_context  (KamAccountsView *self,
                                            KamContext      *context);
/* Opens the page of @account_id and selects it in the list. */
void        kam_accounts_view_show_account (KamAccountsView *self,
                                            const char      *account_id);
/* Creates an account named "New account" and opens it for editing. */
void        kam_accounts_view_new_account  (KamAccountsView *self);
/* Brings back a deleted account (and what was deleted with it). */
void        kam_accounts_view_undelete     (KamAccountsView *self,
                                            const char      *account_id);
GListModel *kam_accounts_view_get_model    (KamAccountsView *self);
/* Shows the accounts of @tier ("A", "B", "C") and @owner_id (each NULL:
 * all) whose contact map has @map_status (a KamCoverageStatus, -1: any),
 * the other filters and the search cleared (the drill-down). */
void        kam_accounts_view_set_filter   (KamAccountsView *self,
                                            const char      *tier,
                                            const char      *owner_id,
                                            int              map_status);

G_END_DECLS
