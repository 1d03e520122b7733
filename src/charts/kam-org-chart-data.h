/* kam-org-chart-data.h — what the contact map of one account shows
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The people of one account (with "last met" in days and their owner's
 * name), the relations between them and the account's coverage, read from
 * the store with three set-wise queries, or built by hand (tests).
 */
#pragma once

#include "kam-coverage-advice.h"
#include "kam-store.h"

G_BEGIN_DECLS

typedef struct {
  char           *id;        /* the relation record, NULL when made by hand */
  int             from;      /* index into the contacts */
  int             to;
  KamRelationKind kind;
  int             strength;  /* 1 .. 3 */
} KamMapRelation;

typedef struct {
  char        *account_id;
  char        *account_name;
  KamTier      tier;
  int          cadence_days;
  GArray      *contacts;    /* KamMapContact, in name order */
  GArray      *relations;   /* KamMapRelation */
  KamCoverage  coverage;    /* kam_org_chart_data_update_coverage() */
} KamOrgChartData;

KamOrgChartData *kam_org_chart_data_new      (const char           *account_name,
                                              int                   cadence_days);
void             kam_org_chart_data_free     (KamOrgChartData      *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamOrgChartData, kam_org_chart_data_free)

/* Copies @contact (its strings too); returns its index. */
int              kam_org_chart_data_add_contact  (KamOrgChartData     *data,
                                                  const KamMapContact *contact);
/* FALSE when an index is out of range. */
gboolean         kam_org_chart_data_add_relation (KamOrgChartData     *data,
                                                  int                  from,
                                                  int                  to,
                                                  KamRelationKind      kind,
                                                  int                  strength);
/* The index of the contact @id, -1 when not there. */
int              kam_org_chart_data_find     (KamOrgChartData      *data,
                                              const char           *id);
/* Recomputes data->coverage from the contacts (kam_coverage_compute()). */
void             kam_org_chart_data_update_coverage (KamOrgChartData *data);
/* kam_coverage_advice() over the contacts. */
GPtrArray       *kam_org_chart_data_advice   (KamOrgChartData      *data,
                                              guint                 max_items);

/* The map of the account @account_id as of @today; a
 * KAM_STORE_ERROR_NOT_FOUND error when there is no such account. */
KamOrgChartData *kam_org_chart_data_load     (KamStore             *store,
                                              const char           *account_id,
                                              const GDate          *today,
                                              GError              **error);

G_END_DECLS
