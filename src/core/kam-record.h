/* kam-record.h — the base of every record of the data model
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record type (account, contact, ...) is described once by a table of
 * fields (KamRecordKind).  That table drives everything that would otherwise
 * be written six times: the GObject properties, the SQL columns, validation
 * of user input (GUI and `kam set` alike), the JSON of backups and of sync
 * documents.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  KAM_FIELD_TEXT,      /* free text, never NULL ("" when empty) */
  KAM_FIELD_INT,       /* integer within [min, max] */
  KAM_FIELD_REAL,      /* number within [min, max] */
  KAM_FIELD_ENUM,      /* a registered GEnum, stored as its nick */
  KAM_FIELD_DATE,      /* "YYYY-MM-DD" or "" */
  KAM_FIELD_DATETIME,  /* "YYYY-MM-DDTHH:MM:SSZ" (UTC) or "" */
  KAM_FIELD_REF,       /* id of another record, or NULL */
  KAM_FIELD_JSON,      /* a JSON array or object, kept as its text */
  KAM_FIELD_REFS,      /* list of ids of other records, kept in a link table */
} KamFieldType;

typedef enum {
  KAM_FIELD_FLAG_NONE     = 0,
  KAM_FIELD_FLAG_REQUIRED = 1 << 0,  /* must not be empty */
  KAM_FIELD_FLAG_LOCAL    = 1 << 1,  /* derived here: not edited, not synced, not exported */
  KAM_FIELD_FLAG_UPPER    = 1 << 2,  /* TEXT: upper-cased ISO code such as a currency */
} KamFieldFlags;

typedef struct _KamField {
  const char     *name;        /* snake_case: column, JSON member; property uses '-' */
  KamFieldType    type;
  KamFieldFlags   flags;
  const char     *label;       /* N_() label for people */
  double          min;         /* INT, REAL */
  double          max;
  double          default_num; /* INT, REAL, ENUM default */
  const char     *default_str; /* TEXT default */
  GType         (*enum_type) (void);
  const char     *ref_table;   /* REF/REFS: table of the records referred to */
  const char     *link_table;  /* REFS: the link table (owner_id, ref_id, position) */
  const char     *choices;     /* TEXT: "|"-separated allowed values (empty allowed) */
  /* JSON: checks the shape of a parsed value; sets a translated error */
  gboolean      (*check_json) (const struct _KamField *field,
                               JsonNode               *node,
                               GError                **error);
} KamField;

typedef struct {
  const char     *name;        /* table name and sync document type: "account" */
  const char     *label;       /* N_() */
  GType         (*get_type) (void);
  const KamField *fields;
  guint           n_fields;
} KamRecordKind;

#define KAM_TYPE_RECORD (kam_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (KamRecord, kam_record, KAM, RECORD, GObject)

struct _KamRecordClass
{
  GObjectClass parent_class;

  const KamRecordKind *kind;
  GParamSpec         **pspecs;   /* of each field, in field order */
};

#define KAM_RECORD_ERROR (kam_record_error_quark ())

typedef enum {
  KAM_RECORD_ERROR_UNKNOWN_FIELD,
  KAM_RECORD_ERROR_INVALID,
  KAM_RECORD_ERROR_REQUIRED,
  KAM_RECORD_ERROR_READ_ONLY,
} KamRecordError;

GQuark               kam_record_error_quark       (void);

void                 kam_record_class_set_kind    (KamRecordClass      *klass,
                                                   const KamRecordKind *kind);
const KamRecordKind *kam_record_get_kind          (KamRecord           *self);
const KamField      *kam_record_kind_find_field   (const KamRecordKind *kind,
                                                   const char          *name);
int                  kam_record_kind_field_index  (const KamRecordKind *kind,
                                                   const char          *name);
const KamRecordKind *kam_record_kind_lookup       (const char          *name);
const KamRecordKind * const *kam_record_kinds     (guint               *n_kinds);

KamRecord           *kam_record_new               (const KamRecordKind *kind);

const char          *kam_record_get_id            (KamRecord           *self);
void                 kam_record_set_id            (KamRecord           *self,
                                                   const char          *id);
const char          *kam_record_get_created_at    (KamRecord           *self);
const char          *kam_record_get_updated_at    (KamRecord           *self);
void                 kam_record_set_timestamps    (KamRecord           *self,
                                                   const char          *created_at,
                                                   const char          *updated_at);

/* Direct access by field index (fast path for the store and lists). */
const GValue        *kam_record_peek_value        (KamRecord           *self,
                                                   guint                index);
void                 kam_record_take_value        (KamRecord           *self,
                                                   guint                index,
                                                   const GValue        *value);

const char          *kam_record_get_string        (KamRecord           *self,
                                                   const char          *field);
int                  kam_record_get_int           (KamRecord           *self,
                                                   const char          *field);
double               kam_record_get_double        (KamRecord           *self,
                                                   const char          *field);
const char * const  *kam_record_get_strv          (KamRecord           *self,
                                                   const char          *field);

/* Parses @text as people write it (numbers, "A", "closed_won", dates) and
 * sets the field after validation; the message of @error is translated and
 * names the field. */
gboolean             kam_record_set_from_string   (KamRecord           *self,
                                                   const char          *field,
                                                   const char          *text,
                                                   GError             **error);
/* The field as text, the inverse of kam_record_set_from_string(). */
char                *kam_record_dup_string        (KamRecord           *self,
                                                   const char          *field);

/* Checks that all required fields are set and cross-field rules hold. */
gboolean             kam_record_validate          (KamRecord           *self,
                                                   GError             **error);

/* JSON: every field that is not local, with id, created_at, updated_at. */
JsonObject          *kam_record_to_json           (KamRecord           *self);
gboolean             kam_record_set_from_json     (KamRecord           *self,
                                                   JsonObject          *object,
                                                   GError             **error);

/* Members of a JSON document that this version does not know, kept so that
 * they pass back to the server untouched. */
JsonObject          *kam_record_get_extra         (KamRecord           *self);
void                 kam_record_set_extra         (KamRecord           *self,
                                                   JsonObject          *extra);

gboolean             kam_record_values_equal      (KamRecord           *a,
                                                   KamRecord           *b);

/* Helpers on values shared with the store. */
gboolean             kam_parse_date               (const char          *text,
                                                   GDate               *date);
gboolean             kam_parse_datetime           (const char          *text,
                                                   char               **normalized);
char                *kam_now_iso8601              (void);
char                *kam_uuid_new                 (void);

G_END_DECLS
