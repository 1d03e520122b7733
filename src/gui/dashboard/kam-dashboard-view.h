/* kam-dashboard-view.h — the Dashboard page: KPI tiles and the charts
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"
#include "kam-pipeline.h"

G_BEGIN_DECLS

#define KAM_TYPE_DASHBOARD_VIEW (kam_dashboard_view_get_type ())
G_DECLARE_FINAL_TYPE (KamDashboardView, kam_dashboard_view, KAM, DASHBOARD_VIEW, AdwBin)

void                       kam_dashboard_view_set_context  (KamDashboardView *self,
                                                            KamContext       *context);
/* The forecast of this year as shown (for tests). */
const KamPipelineForecast *kam_dashboard_view_get_forecast (KamDashboardView *self);

G_END_DECLS
