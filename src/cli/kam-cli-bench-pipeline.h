/* kam-cli-bench-pipeline.h — the pipeline section of kam bench
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kam-store.h"

G_BEGIN_DECLS

/* Adds "pipeline_section": {...} to the object being built in @b: median
 * ms over @rounds of the kanban's column totals, the forecast, the win
 * rate, the Pareto and each chart drawn; on a temporary database of
 * 100,000 generated deals when @store holds fewer. */
gboolean kam_cli_bench_pipeline (KamStore     *store,
                                 JsonBuilder  *b,
                                 int           rounds,
                                 GError      **error);

G_END_DECLS
