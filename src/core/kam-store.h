/* kam-store.h — the SQLite store of all records
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kam-model.h"

G_BEGIN_DECLS

#define KAM_STORE_ERROR (kam_store_error_quark ())

typedef enum {
  KAM_STORE_ERROR_OPEN,       /* the file cannot be opened or created */
  KAM_STORE_ERROR_NOT_OURS,   /* a file that is not a Key Accounts database */
  KAM_STORE_ERROR_TOO_NEW,    /* made by a newer version of Key Accounts */
  KAM_STORE_ERROR_CORRUPT,    /* damaged */
  KAM_STORE_ERROR_READ_ONLY,  /* cannot be written */
  KAM_STORE_ERROR_BUSY,       /* locked by another program */
  KAM_STORE_ERROR_NOT_FOUND,  /* no record with that id */
  KAM_STORE_ERROR_INVALID,    /* a value or reference the store refuses */
  KAM_STORE_ERROR_FAILED,     /* anything else SQLite reports */
} KamStoreError;

/* Which kinds a write touched, in the "changed" signal. */
typedef enum {
  KAM_CHANGE_MEMBER      = 1 << 0,
  KAM_CHANGE_ACCOUNT     = 1 << 1,
  KAM_CHANGE_CONTACT     = 1 << 2,
  KAM_CHANGE_RELATION    = 1 << 3,
  KAM_CHANGE_VISIT       = 1 << 4,
  KAM_CHANGE_OPPORTUNITY = 1 << 5,
  KAM_CHANGE_SETTINGS    = 1 << 6,
} KamChangeFlags;

#define KAM_TYPE_STORE (kam_store_get_type ())
G_DECLARE_FINAL_TYPE (KamStore, kam_store, KAM, STORE, GObject)

GQuark          kam_store_error_quark         (void);

/* $XDG_DATA_HOME/key-accounts/key-accounts.db, or $KAM_DB when set. */
char           *kam_store_default_path        (void);

/* Opens (creating when missing) and migrates the database at @path. */
KamStore       *kam_store_open                (const char          *path,
                                               GError             **error);
const char     *kam_store_get_path            (KamStore            *self);
int             kam_store_get_schema_version  (KamStore            *self);

/* Transactions nest; "changed" is emitted once after the outermost commit,
 * with every kind written inside it. */
gboolean        kam_store_begin               (KamStore            *self,
                                               GError             **error);
gboolean        kam_store_commit              (KamStore            *self,
                                               GError             **error);
void            kam_store_rollback            (KamStore            *self);

/* Loading many records at once (a generated portfolio, a restored backup):
 * one transaction in which the search index, "last met" and "last visit"
 * are not kept row by row but rebuilt for the whole database at the commit,
 * and references are checked once at the end.  A failed save inside it
 * cannot be undone alone: roll the whole load back.  Rebuilding costs
 * seconds on a large database, so this is for loads, not for edits. */
gboolean        kam_store_begin_bulk          (KamStore            *self,
                                               GError             **error);
gboolean        kam_store_commit_bulk         (KamStore            *self,
                                               GError             **error);

/* Loads a record by id; @kind may be NULL to look in every kind. */
KamRecord      *kam_store_load                (KamStore            *self,
                                               const KamRecordKind *kind,
                                               const char          *id,
                                               GError             **error);
/* Validates and writes @record (insert or update), marks it dirty for sync,
 * stamps updated_at.  Opportunities: a stage change is appended to the stage
 * history (and closed_on set when closed); the probability override stays. */
gboolean        kam_store_save                (KamStore            *self,
                                               KamRecord           *record,
                                               GError             **error);
typedef enum {
  KAM_SAVE_DEFAULT         = 0,
  /* Keep the record's created_at and updated_at (restoring a backup). */
  KAM_SAVE_KEEP_TIMESTAMPS = 1 << 0,
  /* Write the stage history and closing date as they are. */
  KAM_SAVE_KEEP_HISTORY    = 1 << 1,
  /* Inside a bulk load: leave the references to the check at its commit
   * (for generated data; a failure then names the table, not the record). */
  KAM_SAVE_DEFER_REFERENCES = 1 << 2,
  /* The record is new (a generated one): no look for a stored version; a
   * record with the same id makes the save fail. */
  KAM_SAVE_NEW             = 1 << 3,
} KamSaveFlags;

gboolean        kam_store_save_full           (KamStore            *self,
                                               KamRecord           *record,
                                               KamSaveFlags         flags,
                                               GError             **error);
/* Marks the record deleted (kept until the deletion is synced) together with
 * what belongs to it: an account's contacts, visits and opportunities, a
 * contact's relations. */
gboolean        kam_store_delete              (KamStore            *self,
                                               const char          *id,
                                               GError             **error);
/* Undoes kam_store_delete() of @id and what was deleted with it. */
gboolean        kam_store_undelete            (KamStore            *self,
                                               const char          *id,
                                               GError             **error);

/* Emits "changed" for every kind: another connection (a worker thread, a
 * sync) wrote to the file. */
void            kam_store_notify_external_change (KamStore         *self);

guint           kam_store_count               (KamStore            *self,
                                               const KamRecordKind *kind);

/* Records of @kind as loaded objects, in creation order (for exports). */
GPtrArray      *kam_store_load_all            (KamStore            *self,
                                               const KamRecordKind *kind,
                                               GError             **error);

/* Recomputes the ABC tier of every account from this year's revenue. */
gboolean        kam_store_update_tiers        (KamStore            *self,
                                               GError             **error);

/* Settings stored in the database (shared by the GUI and kam). */
char           *kam_store_get_setting         (KamStore            *self,
                                               const char          *key,
                                               const char          *fallback);
gboolean        kam_store_set_setting         (KamStore            *self,
                                               const char          *key,
                                               const char          *value,
                                               GError             **error);

/* Search over accounts and contacts. */
typedef struct {
  const KamRecordKind *kind;     /* account or contact */
  char                *id;
  char                *title;    /* name (and local name) */
  char                *subtitle; /* account of a contact, title */
  gboolean             name_match;
} KamSearchHit;

void            kam_search_hit_free           (KamSearchHit        *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamSearchHit, kam_search_hit_free)

/* Up to @limit hits: accounts whose names match, then contacts whose names
 * match, then contacts matched by title, department or email. */
GPtrArray      *kam_store_search              (KamStore            *self,
                                               const char          *text,
                                               guint                limit,
                                               GError             **error);

G_END_DECLS
