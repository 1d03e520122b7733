/* kam-generate.h — a realistic fictional portfolio, for demos and benchmarks
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kam_generate() fills a store with the portfolio of a telecom/IT vendor's
 * key-account team, mostly in China: team members, accounts with
 * Pareto-distributed revenue, about ten contacts per account in an org chart
 * three to five levels deep, relations between them, two years of visit
 * history plus four weeks of planned visits at a cadence that follows the
 * account's tier, and opportunities in every stage with their histories.
 *
 * The data depend only on the options: the same seed and the same @today give
 * the same records (ids, names, numbers, dates) every time, so that two runs
 * export the same except for created_at and updated_at, which the store
 * stamps when it saves.  Visit times are working hours in the local time
 * zone, stored in UTC, so they also depend on the time zone.
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

/* Adds the generated records to @store, committing every few thousand
 * records.  On error the open transaction is rolled back and FALSE returned;
 * what earlier batches committed stays (a generated database is disposable). */
gboolean kam_generate              (KamStore                  *store,
                                    const KamGenerateOptions  *opts,
                                    KamGenerateProgress        progress,
                                    gpointer                   user_data,
                                    GError                   **error);

G_END_DECLS
