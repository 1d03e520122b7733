/* kam-store-sync.h — the store's side of sync: documents, change log, apply
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync engine (src/sync/) runs no SQL: it reads the records to push,
 * applies what it pulled and acknowledges what the server accepted through
 * these functions.  The document format is described in
 * data/sync-format.md.
 *
 * What lives in the sync_state table (key → JSON text):
 *   "checkpoint"      the `seq` of the last change applied, verbatim
 *   "remote"          "<server>/<database>" the checkpoint belongs to
 *   "foreign:<_id>"   a document of a type this version does not know
 *   "pending:<_id>"   a document that cannot be applied yet (it refers to a
 *                     record not pulled yet, or fails validation); retried
 *   "conflict:<_id>"  {"fields": {"<name>": {"mine": V, "theirs": V}}}: the
 *                     local values that lost a merge (the server's are in
 *                     the record); "_deleted" when a deletion met an edit
 *   "resolve:<_id>"   the server holds conflicting revisions of the
 *                     document (_conflicts): merged and pruned after a pull
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kam-record.h"
#include "kam-store.h"

G_BEGIN_DECLS

typedef struct {
  guint pulled;     /* documents written to the store */
  guint merged;     /* pulled documents merged with local edits */
  guint conflicts;  /* fields (or deletions) recorded as conflicts */
  guint pending;    /* documents waiting in "pending:" */
  guint foreign;    /* documents of unknown types kept */
} KamStoreSyncStats;

typedef struct {
  const KamRecordKind *kind;
  char                *id;         /* the record's id (no type prefix) */
  gint64               local_seq;  /* when it was read, for the ack */
} KamStoreSyncItem;

void        kam_store_sync_item_free      (KamStoreSyncItem  *item);

/* "<type>:<id>" */
char       *kam_sync_doc_id               (const KamRecordKind *kind,
                                           const char        *id);
/* The document of @record (no _rev). */
JsonObject *kam_sync_doc_from_record      (KamRecord         *record);
/* A record from a document; unknown members are kept in its extra. */
KamRecord  *kam_sync_record_from_doc      (JsonObject        *doc,
                                           GError           **error);
/* TRUE when @a and @b hold the same data (ignoring _rev, _conflicts,
 * _revisions and updated_at). */
gboolean    kam_sync_doc_equal            (JsonObject        *a,
                                           JsonObject        *b);
/* Three-way merge of two documents against their common @base (may be
 * NULL): a field changed on one side takes that side, changed on both to
 * different values keeps @theirs and adds {"mine", "theirs"} under its
 * name to @conflicts.  updated_at is the later of the two. */
JsonObject *kam_sync_merge                (JsonObject        *base,
                                           JsonObject        *mine,
                                           JsonObject        *theirs,
                                           JsonObject        *conflicts);

/* The checkpoint (JSON text) when it belongs to @remote, else NULL. */
char       *kam_store_sync_get_checkpoint (KamStore          *store,
                                           const char        *remote);

/* Applies the documents of one page of _changes (objects with _id, _rev,
 * maybe _deleted) and stores @checkpoint (JSON text, may be NULL) for
 * @remote in one transaction: all or nothing.  Idempotent.  Records
 * applied are clean (not pushed back) unless a merge with a local edit
 * left something to push. */
gboolean    kam_store_sync_apply_docs     (KamStore          *store,
                                           JsonArray         *docs,
                                           const char        *remote,
                                           const char        *checkpoint,
                                           KamStoreSyncStats *stats,
                                           GError           **error);

/* The records changed here since the server last acknowledged them. */
GPtrArray  *kam_store_sync_list_dirty     (KamStore          *store,
                                           GError           **error);
/* The document to push for @item (with _rev, and _deleted when deleted),
 * or NULL without error when there is nothing to push (a record created
 * and deleted before it ever reached the server: marked clean). */
JsonObject *kam_store_sync_load_doc       (KamStore          *store,
                                           KamStoreSyncItem  *item,
                                           GError           **error);
/* The server took @doc as revision @rev: the record becomes clean unless it
 * was changed again since @item was listed. */
gboolean    kam_store_sync_acknowledge    (KamStore          *store,
                                           KamStoreSyncItem  *item,
                                           JsonObject        *doc,
                                           const char        *rev,
                                           GError           **error);

/* The open conflict of document @doc_id (a "conflict:" object), or NULL. */
JsonObject *kam_store_sync_get_conflict   (KamStore          *store,
                                           const char        *doc_id);
/* Adds @conflicts ({"<field>": {"mine": V, "theirs": V}}) to the conflict
 * record of @doc_id; @stats may be NULL. */
gboolean    kam_store_sync_add_conflicts  (KamStore          *store,
                                           const char        *doc_id,
                                           JsonObject        *conflicts,
                                           KamStoreSyncStats *stats,
                                           GError           **error);
/* Removes @key ("resolve:<_id>", ...) from sync_state. */
gboolean    kam_store_sync_remove_key     (KamStore          *store,
                                           const char        *key,
                                           GError           **error);
/* Every key of sync_state starting with @prefix ("conflict:", ...). */
GStrv       kam_store_sync_list_keys      (KamStore          *store,
                                           const char        *prefix);

typedef enum {
  KAM_SYNC_RESOLVE_MINE,    /* the local value that lost the merge */
  KAM_SYNC_RESOLVE_THEIRS,  /* the server's, in the record now */
  KAM_SYNC_RESOLVE_VALUE,   /* a third value, as a person types it */
} KamSyncResolution;

/* The document id ("type:uuid") of the open conflict of @id (a record id or
 * a document id), or NULL. */
char       *kam_store_sync_find_conflict  (KamStore          *store,
                                           const char        *id);
/* Resolves the conflict on @field ("_deleted" for a deletion against an
 * edit: @value "true" deletes, "false" keeps) of @doc_id: the record is
 * saved with the chosen value (dirty, so the next sync pushes it) and the
 * field leaves the conflict record, which goes when it is empty.  All or
 * nothing. */
gboolean    kam_store_sync_resolve        (KamStore          *store,
                                           const char        *doc_id,
                                           const char        *field,
                                           KamSyncResolution  resolution,
                                           const char        *value,
                                           GError           **error);

G_END_DECLS
