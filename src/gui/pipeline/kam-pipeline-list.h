/* kam-pipeline-list.h — the Pipeline page's list mode
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"
#include "kam-pipeline.h"

G_BEGIN_DECLS

#define KAM_TYPE_PIPELINE_LIST (kam_pipeline_list_get_type ())
G_DECLARE_FINAL_TYPE (KamPipelineList, kam_pipeline_list, KAM, PIPELINE_LIST, AdwBin)

GtkWidget  *kam_pipeline_list_new        (KamContext      *context);
/* The deals that pass @filter (kam_pipeline_filter_to_query()). */
void        kam_pipeline_list_set_filter (KamPipelineList         *self,
                                          const KamPipelineFilter *filter);
GListModel *kam_pipeline_list_get_model  (KamPipelineList *self);

G_END_DECLS
