/* kam-generate-org.h — a large made-up organisation inside one account
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kam_generate() makes accounts of about ten contacts.  The contact map must
 * also hold the big ones (a ministry, a carrier's headquarters: hundreds to
 * thousands of people known), so the map's tests, screenshots and `kam
 * bench` add such an organisation to one account with this function.
 */
#pragma once

#include "kam-store.h"

G_BEGIN_DECLS

/* Adds @n_contacts contacts to the account @account_id: a chief executive
 * (the economic buyer), vice presidents heading departments, directors,
 * managers and staff (no manager above five direct reports at the upper
 * levels), a few people with no manager in the account (board members,
 * advisers), decision roles, influence, attitudes, relationship strength and
 * owners spread as in real accounts, about one relation for every ten
 * people, and done visits (so that "last met" is set) within the last
 * year.  Names are Chinese when the account's name is, else English.  The
 * same @seed, @today and store content give the same people.  Runs in one
 * transaction; uses the store's team members as owners, adding three when
 * there are none. */
gboolean kam_generate_org (KamStore     *store,
                           const char   *account_id,
                           guint         n_contacts,
                           guint32       seed,
                           const GDate  *today,
                           GError      **error);

G_END_DECLS
