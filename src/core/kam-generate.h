/* kam-generate.h — a realistic fictional portfolio, for demos and benchmarks
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kam_generate() fills a store with the portfolio of a telecom/IT vendor's
 * key-account team, mostly in China: team members (one per 60 accounts),
 * accounts whose revenue follows Pareto's rule (a fifth of them make 80%),
 * about ten contacts per account in an org chart three to five levels deep,
 * relations between them, two years of visit history plus four weeks of
 * planned visits at a cadence that follows the account's tier, and
 * opportunities in every stage with their histories.
 *
 * The data depend only on the options: the same seed and the same @today give
 * the same records, ids, names, numbers and dates, and even the same
 * created_at and updated_at (set to when each record would have been made
 * and last changed, and saved as they are), so two runs export byte for
 * byte the same.  Visits are during working hours in the local time zone,
 * stored in UTC, so their times also depend on the time zone.
 */
#pragma once

#include "kam-store.h"

G_BEGIN_DECLS

typedef struct {
  guint   n_accounts;  /* at least 1 */
  guint32 seed;
  GDate   today;       /* every date is relative to it */
} KamGenerateOptions;

/* Called now and then with the fraction done (0 to 1). */
typedef void (*KamGenerateProgress) (double   fraction,
                                     gpointer user_data);

/* 300 accounts, seed 1, today = today in the local time zone. */
void     kam_generate_options_init (KamGenerateOptions        *opts);

/* Adds the generated records to @store in transactions of up to 50,000
 * records (savepoints when the caller has a transaction open), with a larger
 * page cache for big portfolios while it runs.  On error the open
 * transaction is rolled back and FALSE returned; what earlier batches
 * committed stays (a generated database is disposable).  Meant for an empty
 * database: the store computes the tiers, as always, over every account. */
gboolean kam_generate              (KamStore                  *store,
                                    const KamGenerateOptions  *opts,
                                    KamGenerateProgress        progress,
                                    gpointer                   user_data,
                                    GError                   **error);

G_END_DECLS
