/* kam-list.h — paged list models over the store
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A KamRecordList is a GListModel of the records of one kind matching a
 * KamQuery.  Filtering and sorting run in SQL; n_items is a COUNT; items are
 * made ~64 at a time when asked for, and kept until the store changes.  After
 * any committed write of the list's kind the list emits one items-changed.
 */
#pragma once

#include <gio/gio.h>

#include "kam-store.h"

G_BEGIN_DECLS

typedef struct _KamQuery KamQuery;

#define KAM_TYPE_QUERY (kam_query_get_type ())
GType        kam_query_get_type       (void) G_GNUC_CONST;

KamQuery    *kam_query_new            (const KamRecordKind *kind);
KamQuery    *kam_query_copy           (const KamQuery      *query);
void         kam_query_free           (KamQuery            *query);
const KamRecordKind *kam_query_get_kind (const KamQuery    *query);

/* Each filter is off when NULL or "". */
void         kam_query_set_search     (KamQuery   *query,
                                       const char *text);    /* accounts, contacts */
void         kam_query_set_tier       (KamQuery   *query,
                                       const char *tier);    /* "A", "B", "C": accounts */
void         kam_query_set_owner      (KamQuery   *query,
                                       const char *member_id);
/* The records of the accounts @member_id owns (their portfolio), whoever
 * owns the records themselves. */
void         kam_query_set_portfolio  (KamQuery   *query,
                                       const char *member_id);
void         kam_query_set_region     (KamQuery   *query,
                                       const char *region);  /* accounts */
void         kam_query_set_industry   (KamQuery   *query,
                                       const char *industry);/* accounts */
void         kam_query_set_account    (KamQuery   *query,
                                       const char *account_id); /* contacts, visits, opportunities */
void         kam_query_set_stage      (KamQuery   *query,
                                       const char *stage);   /* opportunities: a stage name, "open" or "closed" */
void         kam_query_set_status     (KamQuery   *query,
                                       const char *status);  /* visits */
/* Opportunities: part of the deal's name, or of its account's name or
 * local name (LIKE: ASCII letters in any case, % and _ as typed), as the
 * pipeline's search (kam-pipeline.h). */
void         kam_query_set_name_search (KamQuery   *query,
                                        const char *text);
/* Opportunities: the expected close of open deals, the closing day of
 * closed ones (YYYY-MM-DD, both included), as the pipeline's close period. */
void         kam_query_set_close_range (KamQuery   *query,
                                        const char *from,
                                        const char *to);
/* Visits by start, opportunities by expected close; dates YYYY-MM-DD, both
 * ends included. */
void         kam_query_set_date_range (KamQuery   *query,
                                       const char *from,
                                       const char *to);
/* Only the records whose id is in @ids (a NULL-terminated array; NULL: no
 * such filter, an empty array: no record), as a filter computed outside
 * SQL, such as the accounts of one contact map status (kam-insights.h).
 * The ids are bound as one JSON array, so 20,000 of them cost one
 * parameter, and counting, paging, sorting and finding work as with the
 * other filters. */
void         kam_query_set_ids        (KamQuery           *query,
                                       const char * const *ids);
/* Sorts by a field of the kind (default: name, or start for visits). */
gboolean     kam_query_set_sort       (KamQuery   *query,
                                       const char *field,
                                       gboolean    descending,
                                       GError    **error);

gboolean     kam_query_equal          (const KamQuery *a,
                                       const KamQuery *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamQuery, kam_query_free)

#define KAM_TYPE_RECORD_LIST (kam_record_list_get_type ())
G_DECLARE_FINAL_TYPE (KamRecordList, kam_record_list, KAM, RECORD_LIST, GObject)

KamRecordList  *kam_record_list_new        (KamStore       *store,
                                            const KamQuery *query);
/* Replaces the query; one items-changed for the whole list. */
void            kam_record_list_set_query  (KamRecordList  *self,
                                            const KamQuery *query);
const KamQuery *kam_record_list_get_query  (KamRecordList  *self);
/* The position of record @id in the list, or GTK_INVALID_LIST_POSITION
 * (G_MAXUINT) when it is not in it. */
guint           kam_record_list_find       (KamRecordList  *self,
                                            const char     *id);
/* The first SQL error met while counting or paging, if any. */
const GError   *kam_record_list_get_error  (KamRecordList  *self);

G_END_DECLS
