/* kam-import.h — accounts, contacts, opportunities and visits from tables
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import is a table (a CSV file, or the cards of a vCard file) whose
 * columns are mapped to targets: a field of the kind ("title"), or one of
 * the helpers "account" (the account by external id, name or local name),
 * "first_name", "last_name" (joined into the name) and "city" (contacts: a
 * line of the notes).  Headers are mapped automatically in English, in
 * Chinese and as Salesforce exports name them; a mapping can be changed,
 * saved and loaded (a small JSON file).
 *
 * kam_import_prepare() reads every row into a record without writing
 * anything: the preview, with the errors of each row.  A row updates the
 * record with the same external id or, without one, the same name (and
 * account for contacts and opportunities; account and start for visits);
 * empty cells leave the stored value as it is.
 *
 * kam_import_commit() writes in one transaction.  By default it refuses
 * when any row has an error, and writes nothing: a spreadsheet fixed and
 * imported again gives the whole table, never a part of it with the rest
 * forgotten.  With @skip_errors it writes every good row (still in one
 * transaction) and leaves the rows with errors out.
 */
#pragma once

#include "kam-csv.h"
#include "kam-store.h"

G_BEGIN_DECLS

#define KAM_IMPORT_ERROR (kam_import_error_quark ())

typedef enum {
  KAM_IMPORT_ERROR_ROWS,     /* rows have errors: nothing written */
  KAM_IMPORT_ERROR_MAPPING,  /* no name column, a bad mapping file */
  KAM_IMPORT_ERROR_KIND,     /* a kind that cannot be imported */
} KamImportError;

typedef struct {
  guint       line;     /* line of the file (first line of a card) */
  KamRecord  *record;   /* NULL when the row could not be read at all */
  gboolean    update;   /* an existing record is updated */
  char       *error;    /* translated; NULL when the row is good */
} KamImportRow;

typedef void (*KamImportProgress) (double   fraction,
                                   gpointer user_data);

typedef struct _KamImport KamImport;

GQuark        kam_import_error_quark       (void);

/* The kinds that can be imported: account, contact, opportunity, visit. */
gboolean      kam_import_kind_supported    (const KamRecordKind *kind);

/* The targets a column of @kind can be mapped to, NULL-terminated. */
const char  **kam_import_targets           (const KamRecordKind *kind);
/* The translated label of @target. */
const char   *kam_import_target_label      (const KamRecordKind *kind,
                                            const char          *target);
/* The target a header names, or NULL. */
const char   *kam_import_match_header      (const KamRecordKind *kind,
                                            const char          *header);

/* Takes @csv; its header is mapped automatically. */
KamImport    *kam_import_new_for_csv       (KamStore            *store,
                                            const KamRecordKind *kind,
                                            KamCsv              *csv,
                                            GError             **error);
/* A table whose columns are @targets (for the vCard reader). */
KamImport    *kam_import_new_for_targets   (KamStore            *store,
                                            const KamRecordKind *kind,
                                            const char * const  *targets);
/* Adds a row of as many values as there are columns (copied). */
void          kam_import_add_row           (KamImport           *self,
                                            guint                line,
                                            const char * const  *values);
void          kam_import_free              (KamImport           *self);

const KamRecordKind *kam_import_get_kind   (KamImport           *self);
guint         kam_import_get_n_columns     (KamImport           *self);
const char   *kam_import_get_column_name   (KamImport           *self,
                                            guint                column);
/* The target of a column, or NULL when the column is ignored. */
const char   *kam_import_get_column_target (KamImport           *self,
                                            guint                column);
gboolean      kam_import_set_column_target (KamImport           *self,
                                            guint                column,
                                            const char          *target,
                                            GError             **error);

gboolean      kam_import_save_mapping      (KamImport           *self,
                                            const char          *path,
                                            GError             **error);
gboolean      kam_import_load_mapping      (KamImport           *self,
                                            const char          *path,
                                            GError             **error);
/* As kam_import_load_mapping(), but a mapping that sends columns this table
 * does not have somewhere (a mapping made for another file) is refused too.
 * Both change nothing when they fail. */
gboolean      kam_import_load_mapping_exact (KamImport          *self,
                                             const char         *path,
                                             GError            **error);

/* Reads every row (the preview); nothing is written.  Fails only when the
 * mapping cannot work (no name column). */
gboolean      kam_import_prepare           (KamImport           *self,
                                            KamImportProgress    progress,
                                            gpointer             user_data,
                                            GError             **error);
guint         kam_import_get_n_rows        (KamImport           *self);
const KamImportRow *kam_import_get_row     (KamImport           *self,
                                            guint                index);
guint         kam_import_get_n_errors      (KamImport           *self);
guint         kam_import_get_n_new         (KamImport           *self);
guint         kam_import_get_n_updates     (KamImport           *self);

/* Writes the prepared rows in one transaction (see above). */
gboolean      kam_import_commit            (KamImport           *self,
                                            gboolean             skip_errors,
                                            KamImportProgress    progress,
                                            gpointer             user_data,
                                            GError             **error);

/* Dates as spreadsheets write them: YYYY-MM-DD, YYYY/MM/DD, DD.MM.YYYY,
 * MM/DD/YYYY or DD/MM/YYYY when the numbers tell which, 2026年1月5日. */
gboolean      kam_import_parse_date        (const char          *text,
                                            GDate               *date,
                                            GError             **error);
/* Numbers as people write them: "1,234.5", "1.234,5", "¥ 12 000", "3.5万",
 * "45%"; NULL with an error otherwise. */
char         *kam_import_parse_number      (const char          *text,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamImport, kam_import_free)

G_END_DECLS
