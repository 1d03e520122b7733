/* kam-pipeline-view.h — the Pipeline page: a kanban of deals by stage
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"
#include "kam-pipeline.h"

G_BEGIN_DECLS

#define KAM_TYPE_PIPELINE_VIEW (kam_pipeline_view_get_type ())
G_DECLARE_FINAL_TYPE (KamPipelineView, kam_pipeline_view, KAM, PIPELINE_VIEW, AdwBin)

void                  kam_pipeline_view_set_context (KamPipelineView *self,
                                                     KamContext      *context);
/* The totals shown in the column headers (indexed by KamStage). */
const KamStageTotals *kam_pipeline_view_get_totals  (KamPipelineView *self);
/* Shows the deals that pass @filter (its strings are copied): sets the
 * page's filters to it; @list 1 shows the list, 0 the board, -1 keeps the
 * mode.  A stage or status of the filter shows only its columns on the
 * board. */
void                  kam_pipeline_view_set_filter  (KamPipelineView         *self,
                                                     const KamPipelineFilter *filter,
                                                     int                      list);
/* The filters shown; the strings are the view's, valid until they change. */
void                  kam_pipeline_view_get_filter  (KamPipelineView         *self,
                                                     KamPipelineFilter       *filter);
gboolean              kam_pipeline_view_get_list_mode (KamPipelineView      *self);
/* The deals of the list mode (NULL before the view has its context). */
GListModel           *kam_pipeline_view_get_list_model (KamPipelineView     *self);
/* Opens the editor of the stored deal @id. */
void                  kam_pipeline_view_edit_deal   (KamPipelineView *self,
                                                     const char      *id);
/* Opens the editor of a new deal of @account_id (NULL: chosen in it). */
void                  kam_pipeline_view_new_deal    (KamPipelineView *self,
                                                     const char      *account_id);

G_END_DECLS
