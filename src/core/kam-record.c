/* kam-record.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-record"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kam-enums.h"
#include "kam-record.h"

typedef struct
{
  char       *id;
  char       *created_at;
  char       *updated_at;
  GValue     *values;      /* one per field of the kind */
  JsonObject *extra;       /* members we do not know, kept for round trips */
} KamRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KamRecord, kam_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (kam-record-error-quark, kam_record_error)

static GType
field_gtype (const KamField *field)
{
  switch (field->type)
    {
    case KAM_FIELD_INT:
      return G_TYPE_INT;
    case KAM_FIELD_REAL:
      return G_TYPE_DOUBLE;
    case KAM_FIELD_ENUM:
      return field->enum_type ();
    case KAM_FIELD_REFS:
      return G_TYPE_STRV;
    case KAM_FIELD_TEXT:
    case KAM_FIELD_DATE:
    case KAM_FIELD_DATETIME:
    case KAM_FIELD_REF:
    case KAM_FIELD_JSON:
    default:
      return G_TYPE_STRING;
    }
}

static void
field_init_value (const KamField *field,
                  GValue         *value)
{
  g_value_init (value, field_gtype (field));

  switch (field->type)
    {
    case KAM_FIELD_INT:
      g_value_set_int (value, (int) field->default_num);
      break;
    case KAM_FIELD_REAL:
      g_value_set_double (value, field->default_num);
      break;
    case KAM_FIELD_ENUM:
      g_value_set_enum (value, (int) field->default_num);
      break;
    case KAM_FIELD_REF:
    case KAM_FIELD_REFS:
      break;
    case KAM_FIELD_TEXT:
    case KAM_FIELD_DATE:
    case KAM_FIELD_DATETIME:
    case KAM_FIELD_JSON:
    default:
      g_value_set_static_string (value, field->default_str ? field->default_str : "");
      break;
    }
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  GType t = G_VALUE_TYPE (a);

  if (t != G_VALUE_TYPE (b))
    return FALSE;

  if (t == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (t == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (t == G_TYPE_DOUBLE)
    return g_value_get_double (a) == g_value_get_double (b);
  if (G_TYPE_IS_ENUM (t))
    return g_value_get_enum (a) == g_value_get_enum (b);
  if (t == G_TYPE_STRV)
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);
      guint na = sa ? g_strv_length ((char **) sa) : 0;
      guint nb = sb ? g_strv_length ((char **) sb) : 0;

      if (na != nb)
        return FALSE;
      for (guint i = 0; i < na; i++)
        if (g_strcmp0 (sa[i], sb[i]) != 0)
          return FALSE;
      return TRUE;
    }

  g_return_val_if_reached (FALSE);
}

static char *
property_name_for (const char *field_name)
{
  g_autofree char *name = g_strdup (field_name);

  g_strdelimit (name, "_", '-');
  return (char *) g_intern_string (name);
}

static gboolean parse_field_text (const KamField *f,
                                  const char     *text,
                                  GValue         *value,
                                  GError        **error);

static void
kam_record_field_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KamRecord *self = KAM_RECORD (object);
  KamRecordPrivate *priv = kam_record_get_instance_private (self);
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;

  if (prop_id == 0 || prop_id > kind->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_copy (&priv->values[prop_id - 1], value);
}

static void
kam_record_field_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KamRecord *self = KAM_RECORD (object);
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;

  if (prop_id == 0 || prop_id > kind->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  /* Dates and times set as properties (a GUI binding) are brought to the
   * stored form as typed ones are; a value that does not parse is kept as
   * it is, for kam_record_validate() to refuse. */
  if ((kind->fields[prop_id - 1].type == KAM_FIELD_DATE || kind->fields[prop_id - 1].type == KAM_FIELD_DATETIME)
      && g_value_get_string (value) != NULL && *g_value_get_string (value) != '\0')
    {
      g_auto(GValue) normalized = G_VALUE_INIT;

      if (parse_field_text (&kind->fields[prop_id - 1], g_value_get_string (value), &normalized, NULL))
        {
          kam_record_take_value (self, prop_id - 1, &normalized);
          return;
        }
      g_value_unset (&normalized);
    }

  kam_record_take_value (self, prop_id - 1, value);
}

static void
kam_record_finalize (GObject *object)
{
  KamRecord *self = KAM_RECORD (object);
  KamRecordPrivate *priv = kam_record_get_instance_private (self);
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;

  if (priv->values != NULL)
    {
      for (guint i = 0; i < kind->n_fields; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }

  g_clear_pointer (&priv->extra, json_object_unref);
  g_free (priv->id);
  g_free (priv->created_at);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (kam_record_parent_class)->finalize (object);
}

static void
kam_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KamRecord *self = KAM_RECORD (object);
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kam_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KamRecord *self = KAM_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      kam_record_set_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kam_record_constructed (GObject *object)
{
  KamRecord *self = KAM_RECORD (object);
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;

  G_OBJECT_CLASS (kam_record_parent_class)->constructed (object);

  /* Not in _init: while a parent type's instance is initialised, the
   * instance's class is that parent's, which has no kind. */
  g_return_if_fail (kind != NULL);
  priv->values = g_new0 (GValue, kind->n_fields);
  for (guint i = 0; i < kind->n_fields; i++)
    field_init_value (&kind->fields[i], &priv->values[i]);

  if (priv->id == NULL)
    priv->id = kam_uuid_new ();
}

static void
kam_record_class_init (KamRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kam_record_finalize;
  object_class->constructed = kam_record_constructed;
  object_class->get_property = kam_record_get_property;
  object_class->set_property = kam_record_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kam_record_init (KamRecord *self)
{
}

void
kam_record_class_set_kind (KamRecordClass      *klass,
                           const KamRecordKind *kind)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->kind = kind;
  klass->pspecs = g_new0 (GParamSpec *, kind->n_fields);
  object_class->get_property = kam_record_field_get_property;
  object_class->set_property = kam_record_field_set_property;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];
      const char *name = property_name_for (f->name);
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
      GParamSpec *pspec;

      switch (f->type)
        {
        case KAM_FIELD_INT:
          pspec = g_param_spec_int (name, NULL, NULL, (int) f->min, (int) f->max,
                                    (int) f->default_num, flags);
          break;
        case KAM_FIELD_REAL:
          pspec = g_param_spec_double (name, NULL, NULL, f->min, f->max,
                                       f->default_num, flags);
          break;
        case KAM_FIELD_ENUM:
          pspec = g_param_spec_enum (name, NULL, NULL, f->enum_type (),
                                     (int) f->default_num, flags);
          break;
        case KAM_FIELD_REFS:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case KAM_FIELD_TEXT:
        case KAM_FIELD_DATE:
        case KAM_FIELD_DATETIME:
        case KAM_FIELD_REF:
        case KAM_FIELD_JSON:
        default:
          pspec = g_param_spec_string (name, NULL, NULL, f->default_str, flags);
          break;
        }

      g_object_class_install_property (object_class, i + 1, pspec);
      klass->pspecs[i] = pspec;
    }
}

const KamRecordKind *
kam_record_get_kind (KamRecord *self)
{
  g_return_val_if_fail (KAM_IS_RECORD (self), NULL);

  return KAM_RECORD_GET_CLASS (self)->kind;
}

int
kam_record_kind_field_index (const KamRecordKind *kind,
                             const char          *name)
{
  g_autofree char *canonical = NULL;

  if (name == NULL)
    return -1;

  /* Accept "share-of-wallet" as well as "share_of_wallet". */
  if (strchr (name, '-') != NULL)
    {
      canonical = g_strdup (name);
      g_strdelimit (canonical, "-", '_');
      name = canonical;
    }

  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, name) == 0)
      return (int) i;

  return -1;
}

const KamField *
kam_record_kind_find_field (const KamRecordKind *kind,
                            const char          *name)
{
  int index = kam_record_kind_field_index (kind, name);

  return index < 0 ? NULL : &kind->fields[index];
}

KamRecord *
kam_record_new (const KamRecordKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  return g_object_new (kind->get_type (), NULL);
}

const char *
kam_record_get_id (KamRecord *self)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  g_return_val_if_fail (KAM_IS_RECORD (self), NULL);

  return priv->id;
}

void
kam_record_set_id (KamRecord  *self,
                   const char *id)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  g_return_if_fail (KAM_IS_RECORD (self));

  if (id == NULL || g_strcmp0 (priv->id, id) == 0)
    return;

  g_free (priv->id);
  priv->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
kam_record_get_created_at (KamRecord *self)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  return priv->created_at;
}

const char *
kam_record_get_updated_at (KamRecord *self)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  return priv->updated_at;
}

void
kam_record_set_timestamps (KamRecord  *self,
                           const char *created_at,
                           const char *updated_at)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  if (created_at != NULL && g_strcmp0 (created_at, priv->created_at) != 0)
    {
      g_free (priv->created_at);
      priv->created_at = g_strdup (created_at);
    }

  if (updated_at != NULL && g_strcmp0 (updated_at, priv->updated_at) != 0)
    {
      g_free (priv->updated_at);
      priv->updated_at = g_strdup (updated_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
    }
}

const GValue *
kam_record_peek_value (KamRecord *self,
                       guint      index)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  g_return_val_if_fail (index < KAM_RECORD_GET_CLASS (self)->kind->n_fields, NULL);

  return &priv->values[index];
}

void
kam_record_take_value (KamRecord    *self,
                       guint         index,
                       const GValue *value)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;
  GValue *slot;

  g_return_if_fail (index < kind->n_fields);

  slot = &priv->values[index];
  if (values_equal (slot, value))
    return;

  if (G_VALUE_TYPE (slot) == G_TYPE_STRING && kind->fields[index].type != KAM_FIELD_REF
      && g_value_get_string (value) == NULL)
    g_value_set_static_string (slot, "");
  else
    g_value_copy (value, slot);

  g_object_notify_by_pspec (G_OBJECT (self), KAM_RECORD_GET_CLASS (self)->pspecs[index]);
}

static const GValue *
peek_named (KamRecord  *self,
            const char *field,
            GType       expected)
{
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;
  int index = kam_record_kind_field_index (kind, field);
  const GValue *value;

  g_return_val_if_fail (index >= 0, NULL);

  value = kam_record_peek_value (self, index);
  g_return_val_if_fail (expected == G_TYPE_ENUM ? G_VALUE_HOLDS_ENUM (value)
                                                : G_VALUE_HOLDS (value, expected), NULL);
  return value;
}

const char *
kam_record_get_string (KamRecord  *self,
                       const char *field)
{
  const GValue *value = peek_named (self, field, G_TYPE_STRING);

  return value ? g_value_get_string (value) : NULL;
}

int
kam_record_get_int (KamRecord  *self,
                    const char *field)
{
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;
  const KamField *f = kam_record_kind_find_field (kind, field);
  const GValue *value;

  g_return_val_if_fail (f != NULL, 0);

  value = peek_named (self, field, f->type == KAM_FIELD_ENUM ? G_TYPE_ENUM : G_TYPE_INT);
  if (value == NULL)
    return 0;
  return f->type == KAM_FIELD_ENUM ? g_value_get_enum (value) : g_value_get_int (value);
}

double
kam_record_get_double (KamRecord  *self,
                       const char *field)
{
  const GValue *value = peek_named (self, field, G_TYPE_DOUBLE);

  return value ? g_value_get_double (value) : 0.0;
}

const char * const *
kam_record_get_strv (KamRecord  *self,
                     const char *field)
{
  const GValue *value = peek_named (self, field, G_TYPE_STRV);

  return value ? g_value_get_boxed (value) : NULL;
}

/* Parsing and validation ------------------------------------------------- */

gboolean
kam_parse_date (const char *text,
                GDate      *date)
{
  unsigned y, m, d;
  char sep1, sep2;
  int consumed = 0;

  if (text == NULL)
    return FALSE;

  if (sscanf (text, "%4u%c%2u%c%2u%n", &y, &sep1, &m, &sep2, &d, &consumed) != 5
      || text[consumed] != '\0' || sep1 != sep2 || (sep1 != '-' && sep1 != '/'))
    return FALSE;

  if (!g_date_valid_dmy (d, m, y) || y < 1900 || y > 2200)
    return FALSE;

  if (date != NULL)
    g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* "YYYY-MM-DDTHH:MM:SSZ", the stored form: checked by hand, since every
 * record read from a sync or a backup is in it and GDateTime would look up
 * the local time zone (two system calls) each time. */
static gboolean
is_canonical_datetime (const char *text)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  int y, mo, d, h, mi, se;

  for (guint i = 0; i < sizeof pattern - 1; i++)
    {
      if (text[i] == '\0')
        return FALSE;
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
        return FALSE;
    }
  if (text[sizeof pattern - 1] != '\0')
    return FALSE;

  y = atoi (text);
  mo = atoi (text + 5);
  d = atoi (text + 8);
  h = atoi (text + 11);
  mi = atoi (text + 14);
  se = atoi (text + 17);
  return y >= 1900 && y <= 2200 && g_date_valid_dmy (d, mo, y) && h < 24 && mi < 60 && se < 60;
}

static GTimeZone *
local_time_zone (void)
{
  static gsize local;

  if (g_once_init_enter (&local))
    g_once_init_leave (&local, (gsize) g_time_zone_new_local ());
  return (GTimeZone *) local;
}

gboolean
kam_parse_datetime (const char  *text,
                    char       **normalized)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *copy = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  if (is_canonical_datetime (text))
    {
      if (normalized != NULL)
        *normalized = g_strdup (text);
      return TRUE;
    }

  copy = g_strdup (text);
  /* "2026-11-24 09:30" as people type it */
  if (strlen (copy) >= 11 && copy[10] == ' ')
    copy[10] = 'T';
  if (strlen (copy) == 16)
    {
      char *longer = g_strconcat (copy, ":00", NULL);
      g_free (copy);
      copy = longer;
    }

  dt = g_date_time_new_from_iso8601 (copy, local_time_zone ());
  if (dt == NULL)
    return FALSE;

  utc = g_date_time_to_utc (dt);
  if (g_date_time_get_year (utc) < 1900 || g_date_time_get_year (utc) > 2200)
    return FALSE;

  if (normalized != NULL)
    *normalized = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  return TRUE;
}

char *
kam_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Version 7 UUIDs (RFC 9562): 48 bits of Unix time in milliseconds, then
 * random bits.  Records made one after another get ids in order, so SQLite
 * appends to its primary key indexes instead of writing all over them. */
char *
kam_uuid_new (void)
{
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint8 b[16];

  for (guint i = 0; i < 6; i++)
    b[i] = (ms >> (8 * (5 - i))) & 0xff;
  for (guint i = 6; i < 16; i += 2)
    {
      guint32 r = g_random_int ();
      b[i] = r & 0xff;
      b[i + 1] = (r >> 8) & 0xff;
    }
  b[6] = (b[6] & 0x0f) | 0x70;  /* version 7 */
  b[8] = (b[8] & 0x3f) | 0x80;  /* RFC 4122 variant */

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static const char *
field_label (const KamField *f)
{
  return f->label ? g_dgettext (GETTEXT_PACKAGE, f->label) : f->name;
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *clean = NULL;
  char *end = NULL;
  gsize j = 0;
  double v;

  if (text == NULL)
    return FALSE;

  /* People paste "1,250,000" and "35%": drop grouping and a trailing percent. */
  clean = g_malloc (strlen (text) + 1);
  for (const char *p = text; *p; p++)
    if (*p != ',' && *p != ' ' && *p != '_')
      clean[j++] = *p;
  clean[j] = '\0';
  if (j > 0 && clean[j - 1] == '%')
    clean[--j] = '\0';
  if (j == 0)
    return FALSE;

  errno = 0;
  v = g_ascii_strtod (clean, &end);
  if (errno != 0 || end == clean || *end != '\0' || !isfinite (v))
    return FALSE;

  *out = v;
  return TRUE;
}

static gboolean
is_blank (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static gboolean
text_in_choices (const char *choices,
                 const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (choices == NULL || *text == '\0')
    return TRUE;

  parts = g_strsplit (choices, "|", -1);
  return g_strv_contains ((const char * const *) parts, text);
}

static gboolean
validate_value (const KamField *f,
                const GValue   *value,
                GError        **error)
{
  const char *s;

  switch (f->type)
    {
    case KAM_FIELD_INT:
      {
        int v = g_value_get_int (value);
        if (v < f->min || v > f->max)
          goto out_of_range;
      }
      break;

    case KAM_FIELD_REAL:
      {
        double v = g_value_get_double (value);
        if (!isfinite (v) || v < f->min || v > f->max)
          goto out_of_range;
      }
      break;

    case KAM_FIELD_ENUM:
      if (kam_enum_to_string (f->enum_type (), g_value_get_enum (value)) == NULL)
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("%s has no valid value"), field_label (f));
          return FALSE;
        }
      break;

    case KAM_FIELD_TEXT:
      s = g_value_get_string (value);
      if (s == NULL)
        s = "";
      if ((f->flags & KAM_FIELD_FLAG_REQUIRED) && is_blank (s))
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED,
                       _("%s must not be empty"), field_label (f));
          return FALSE;
        }
      if (!g_utf8_validate (s, -1, NULL))
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("%s is not valid UTF-8 text"), field_label (f));
          return FALSE;
        }
      if ((f->flags & KAM_FIELD_FLAG_UPPER) && *s != '\0'
          && !(strlen (s) == 3 && g_ascii_isupper (s[0]) && g_ascii_isupper (s[1]) && g_ascii_isupper (s[2])))
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("%s must be a three-letter code such as CNY, USD or EUR"), field_label (f));
          return FALSE;
        }
      if (!text_in_choices (f->choices, s))
        {
          g_autofree char *list = g_strdelimit (g_strdup (f->choices), "|", ',');
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("%s must be one of: %s"), field_label (f), list);
          return FALSE;
        }
      break;

    case KAM_FIELD_DATE:
      s = g_value_get_string (value);
      if (s != NULL && *s != '\0' && !kam_parse_date (s, NULL))
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("%s is not a date (use YYYY-MM-DD): %s"), field_label (f), s);
          return FALSE;
        }
      if ((f->flags & KAM_FIELD_FLAG_REQUIRED) && (s == NULL || *s == '\0'))
        goto required;
      break;

    case KAM_FIELD_DATETIME:
      s = g_value_get_string (value);
      if (s != NULL && *s != '\0' && !kam_parse_datetime (s, NULL))
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("%s is not a date and time (use YYYY-MM-DD HH:MM): %s"), field_label (f), s);
          return FALSE;
        }
      if ((f->flags & KAM_FIELD_FLAG_REQUIRED) && (s == NULL || *s == '\0'))
        goto required;
      break;

    case KAM_FIELD_REF:
      s = g_value_get_string (value);
      if ((f->flags & KAM_FIELD_FLAG_REQUIRED) && (s == NULL || *s == '\0'))
        goto required;
      break;

    case KAM_FIELD_JSON:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(GError) local_error = NULL;
        JsonNode *root;

        s = g_value_get_string (value);
        if (s == NULL || *s == '\0')
          break;
        if (!json_parser_load_from_data (parser, s, -1, &local_error)
            || (root = json_parser_get_root (parser)) == NULL
            || (!JSON_NODE_HOLDS_ARRAY (root) && !JSON_NODE_HOLDS_OBJECT (root)))
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("%s is not valid JSON"), field_label (f));
            return FALSE;
          }
        if (f->check_json != NULL && !f->check_json (f, root, error))
          return FALSE;
      }
      break;

    case KAM_FIELD_REFS:
    default:
      break;
    }

  return TRUE;

required:
  g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED,
               _("%s must not be empty"), field_label (f));
  return FALSE;

out_of_range:
  if (f->type == KAM_FIELD_INT)
    g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                 _("%s must be a whole number from %d to %d"),
                 field_label (f), (int) f->min, (int) f->max);
  else
    g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                 _("%s must be a number from %s to %s"), field_label (f),
                 f->min <= -1e15 ? "-∞" : g_ascii_dtostr ((char[G_ASCII_DTOSTR_BUF_SIZE]){0}, G_ASCII_DTOSTR_BUF_SIZE, f->min),
                 f->max >= 1e15 ? "∞" : g_ascii_dtostr ((char[G_ASCII_DTOSTR_BUF_SIZE]){0}, G_ASCII_DTOSTR_BUF_SIZE, f->max));
  return FALSE;
}

static gboolean
parse_field_text (const KamField *f,
                  const char     *text,
                  GValue         *value,
                  GError        **error)
{
  field_init_value (f, value);

  if (text == NULL)
    text = "";

  switch (f->type)
    {
    case KAM_FIELD_INT:
      {
        double v;
        if (!parse_number (text, &v) || v != floor (v))
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("%s must be a whole number from %d to %d, not “%s”"),
                         field_label (f), (int) f->min, (int) f->max, text);
            return FALSE;
          }
        if (v < f->min || v > f->max)
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("%s must be a whole number from %d to %d, not “%s”"),
                         field_label (f), (int) f->min, (int) f->max, text);
            return FALSE;
          }
        g_value_set_int (value, (int) v);
      }
      break;

    case KAM_FIELD_REAL:
      {
        double v;
        if (!parse_number (text, &v))
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("%s must be a number, not “%s”"), field_label (f), text);
            return FALSE;
          }
        g_value_set_double (value, v);
      }
      break;

    case KAM_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (f->enum_type ());
        g_autoptr(GString) allowed = g_string_new (NULL);
        g_autofree char *lower = g_utf8_strdown (text, -1);
        gboolean found = FALSE;

        for (guint i = 0; i < klass->n_values; i++)
          {
            const GEnumValue *ev = &klass->values[i];
            g_autofree char *label = g_utf8_strdown (kam_enum_to_label (f->enum_type (), ev->value), -1);
            g_autofree char *nick = g_ascii_strdown (ev->value_nick, -1);

            if (g_strcmp0 (lower, nick) == 0 || g_strcmp0 (lower, label) == 0)
              {
                g_value_set_enum (value, ev->value);
                found = TRUE;
                break;
              }
          }

        for (guint i = 0; !found && i < klass->n_values; i++)
          g_string_append_printf (allowed, "%s%s", i ? ", " : "", klass->values[i].value_nick);

        if (!found)
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("%s must be one of: %s"), field_label (f), allowed->str);
            return FALSE;
          }
      }
      break;

    case KAM_FIELD_DATE:
      {
        GDate date;
        char buf[16];

        if (*text == '\0')
          break;
        if (!kam_parse_date (text, &date))
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("%s is not a date (use YYYY-MM-DD): %s"), field_label (f), text);
            return FALSE;
          }
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        g_value_set_string (value, buf);
      }
      break;

    case KAM_FIELD_DATETIME:
      {
        g_autofree char *norm = NULL;

        if (*text == '\0')
          break;
        if (!kam_parse_datetime (text, &norm))
          {
            g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                         _("%s is not a date and time (use YYYY-MM-DD HH:MM): %s"), field_label (f), text);
            return FALSE;
          }
        g_value_set_string (value, norm);
      }
      break;

    case KAM_FIELD_REF:
      g_value_set_string (value, *text ? text : NULL);
      break;

    case KAM_FIELD_REFS:
      {
        g_auto(GStrv) parts = g_strsplit_set (text, ", ", -1);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        for (guint i = 0; parts[i]; i++)
          if (*parts[i])
            g_strv_builder_add (builder, parts[i]);
        g_value_take_boxed (value, g_strv_builder_end (builder));
      }
      break;

    case KAM_FIELD_TEXT:
      if (f->flags & KAM_FIELD_FLAG_UPPER)
        g_value_take_string (value, g_ascii_strup (text, -1));
      else
        g_value_set_string (value, text);
      break;

    case KAM_FIELD_JSON:
    default:
      g_value_set_string (value, text);
      break;
    }

  return validate_value (f, value, error);
}

gboolean
kam_record_set_from_string (KamRecord   *self,
                            const char  *field,
                            const char  *text,
                            GError     **error)
{
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;
  int index = kam_record_kind_field_index (kind, field);
  g_auto(GValue) value = G_VALUE_INIT;

  if (index < 0)
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_UNKNOWN_FIELD,
                   _("A %s has no field “%s”"),
                   g_dgettext (GETTEXT_PACKAGE, kind->label), field);
      return FALSE;
    }

  if (kind->fields[index].flags & KAM_FIELD_FLAG_LOCAL)
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_READ_ONLY,
                   _("%s is computed and cannot be set"), field_label (&kind->fields[index]));
      return FALSE;
    }

  if (!parse_field_text (&kind->fields[index], text, &value, error))
    return FALSE;

  kam_record_take_value (self, index, &value);
  return TRUE;
}

char *
kam_record_dup_string (KamRecord  *self,
                       const char *field)
{
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;
  int index = kam_record_kind_field_index (kind, field);
  const GValue *value;

  g_return_val_if_fail (index >= 0, NULL);

  value = kam_record_peek_value (self, index);
  switch (kind->fields[index].type)
    {
    case KAM_FIELD_INT:
      return g_strdup_printf ("%d", g_value_get_int (value));
    case KAM_FIELD_REAL:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", g_value_get_double (value)));
      }
    case KAM_FIELD_ENUM:
      return g_strdup (kam_enum_to_string (G_VALUE_TYPE (value), g_value_get_enum (value)));
    case KAM_FIELD_REFS:
      {
        const char * const *ids = g_value_get_boxed (value);
        return ids ? g_strjoinv (",", (char **) ids) : g_strdup ("");
      }
    case KAM_FIELD_TEXT:
    case KAM_FIELD_DATE:
    case KAM_FIELD_DATETIME:
    case KAM_FIELD_REF:
    case KAM_FIELD_JSON:
    default:
      return g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
    }
}

gboolean
kam_record_validate (KamRecord  *self,
                     GError    **error)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;

  for (guint i = 0; i < kind->n_fields; i++)
    if (!validate_value (&kind->fields[i], &priv->values[i], error))
      return FALSE;

  return TRUE;
}

/* JSON ------------------------------------------------------------------- */

JsonObject *
kam_record_to_json (KamRecord *self)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", priv->id);
  json_object_set_string_member (object, "type", kind->name);
  if (priv->created_at != NULL)
    json_object_set_string_member (object, "created_at", priv->created_at);
  if (priv->updated_at != NULL)
    json_object_set_string_member (object, "updated_at", priv->updated_at);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const KamField *f = &kind->fields[i];
      const GValue *value = &priv->values[i];

      if (f->flags & KAM_FIELD_FLAG_LOCAL)
        continue;

      switch (f->type)
        {
        case KAM_FIELD_INT:
          json_object_set_int_member (object, f->name, g_value_get_int (value));
          break;
        case KAM_FIELD_REAL:
          json_object_set_double_member (object, f->name, g_value_get_double (value));
          break;
        case KAM_FIELD_ENUM:
          json_object_set_string_member (object, f->name,
                                         kam_enum_to_string (G_VALUE_TYPE (value), g_value_get_enum (value)));
          break;
        case KAM_FIELD_REF:
          if (g_value_get_string (value) != NULL)
            json_object_set_string_member (object, f->name, g_value_get_string (value));
          else
            json_object_set_null_member (object, f->name);
          break;
        case KAM_FIELD_JSON:
          {
            const char *text = g_value_get_string (value);
            JsonNode *node = (text && *text) ? json_from_string (text, NULL) : NULL;

            if (node != NULL)
              json_object_set_member (object, f->name, node);
            else
              json_object_set_null_member (object, f->name);
          }
          break;
        case KAM_FIELD_REFS:
          {
            const char * const *ids = g_value_get_boxed (value);
            JsonArray *array = json_array_new ();

            for (guint j = 0; ids && ids[j]; j++)
              json_array_add_string_element (array, ids[j]);
            json_object_set_array_member (object, f->name, array);
          }
          break;
        case KAM_FIELD_TEXT:
        case KAM_FIELD_DATE:
        case KAM_FIELD_DATETIME:
        default:
          json_object_set_string_member (object, f->name,
                                         g_value_get_string (value) ? g_value_get_string (value) : "");
          break;
        }
    }

  if (priv->extra != NULL)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, priv->extra);
      while (json_object_iter_next (&iter, &member, &node))
        if (!json_object_has_member (object, member))
          json_object_set_member (object, member, json_node_copy (node));
    }

  return object;
}

static gboolean
json_field_value (const KamField *f,
                  JsonNode       *node,
                  GValue         *value,
                  GError        **error)
{
  field_init_value (f, value);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (f->type == KAM_FIELD_REF || f->type == KAM_FIELD_JSON
          || f->type == KAM_FIELD_TEXT || f->type == KAM_FIELD_DATE
          || f->type == KAM_FIELD_DATETIME)
        {
          /* null is "" for text, and NULL (no reference) for a reference */
          if (f->type != KAM_FIELD_REF)
            g_value_set_static_string (value, "");
          return validate_value (f, value, error);
        }
      goto wrong_type;
    }

  switch (f->type)
    {
    case KAM_FIELD_INT:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        goto wrong_type;
      /* checked here: a 64-bit number would not survive the cast to int */
      if (json_node_get_int (node) < f->min || json_node_get_int (node) > f->max)
        {
          g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
                       _("%s must be a whole number from %d to %d"),
                       field_label (f), (int) f->min, (int) f->max);
          return FALSE;
        }
      g_value_set_int (value, (int) json_node_get_int (node));
      break;

    case KAM_FIELD_REAL:
      if (!JSON_NODE_HOLDS_VALUE (node)
          || (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
        goto wrong_type;
      g_value_set_double (value, json_node_get_double (node));
      break;

    case KAM_FIELD_ENUM:
      {
        int v;

        if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
          goto wrong_type;
        if (!kam_enum_from_string (f->enum_type (), json_node_get_string (node), &v))
          {
            g_value_unset (value);  /* parse_field_text() initialises it */
            return parse_field_text (f, json_node_get_string (node), value, error);
          }
        g_value_set_enum (value, v);
      }
      break;

    case KAM_FIELD_JSON:
      if (!JSON_NODE_HOLDS_ARRAY (node) && !JSON_NODE_HOLDS_OBJECT (node))
        goto wrong_type;
      g_value_take_string (value, json_to_string (node, FALSE));
      break;

    case KAM_FIELD_REFS:
      {
        JsonArray *array;
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        if (!JSON_NODE_HOLDS_ARRAY (node))
          goto wrong_type;
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
              goto wrong_type;
            g_strv_builder_add (builder, json_node_get_string (element));
          }
        g_value_take_boxed (value, g_strv_builder_end (builder));
      }
      break;

    case KAM_FIELD_DATE:
    case KAM_FIELD_DATETIME:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        goto wrong_type;
      g_value_unset (value);  /* parse_field_text() initialises it */
      return parse_field_text (f, json_node_get_string (node), value, error);

    case KAM_FIELD_TEXT:
    case KAM_FIELD_REF:
    default:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        goto wrong_type;
      g_value_set_string (value, json_node_get_string (node));
      if (f->type == KAM_FIELD_REF && *json_node_get_string (node) == '\0')
        g_value_set_string (value, NULL);
      break;
    }

  return validate_value (f, value, error);

wrong_type:
  g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
               _("%s has a value of the wrong type"), field_label (f));
  return FALSE;
}

gboolean
kam_record_set_from_json (KamRecord   *self,
                          JsonObject  *object,
                          GError     **error)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (self)->kind;
  g_autoptr(JsonObject) extra = NULL;
  GValue *values;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  const char *id;

  id = json_object_get_string_member_with_default (object, "id", NULL);
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_REQUIRED,
                   _("A %s has no id"), g_dgettext (GETTEXT_PACKAGE, kind->label));
      return FALSE;
    }

  /* Parse everything first, then assign: a bad field leaves @self untouched. */
  values = g_new0 (GValue, kind->n_fields);
  for (guint i = 0; i < kind->n_fields; i++)
    {
      g_value_init (&values[i], G_VALUE_TYPE (&priv->values[i]));
      g_value_copy (&priv->values[i], &values[i]);
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      int index;

      if (g_str_equal (member, "id") || g_str_equal (member, "type")
          || g_str_equal (member, "created_at") || g_str_equal (member, "updated_at"))
        continue;

      index = kam_record_kind_field_index (kind, member);
      if (index < 0 || strchr (member, '-') != NULL)
        {
          if (extra == NULL)
            extra = json_object_new ();
          json_object_set_member (extra, member, json_node_copy (node));
          continue;
        }

      if (kind->fields[index].flags & KAM_FIELD_FLAG_LOCAL)
        continue;

      g_value_unset (&values[index]);
      if (!json_field_value (&kind->fields[index], node, &values[index], error))
        {
          g_prefix_error (error, "%s %s: ", g_dgettext (GETTEXT_PACKAGE, kind->label), id);
          for (guint i = 0; i < kind->n_fields; i++)
            if (G_IS_VALUE (&values[i]))
              g_value_unset (&values[i]);
          g_free (values);
          return FALSE;
        }
    }

  kam_record_set_id (self, id);
  kam_record_set_timestamps (self,
                             json_object_get_string_member_with_default (object, "created_at", NULL),
                             json_object_get_string_member_with_default (object, "updated_at", NULL));
  for (guint i = 0; i < kind->n_fields; i++)
    {
      kam_record_take_value (self, i, &values[i]);
      g_value_unset (&values[i]);
    }
  g_free (values);

  g_clear_pointer (&priv->extra, json_object_unref);
  priv->extra = g_steal_pointer (&extra);

  return TRUE;
}

JsonObject *
kam_record_get_extra (KamRecord *self)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  return priv->extra;
}

void
kam_record_set_extra (KamRecord  *self,
                      JsonObject *extra)
{
  KamRecordPrivate *priv = kam_record_get_instance_private (self);

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&priv->extra, json_object_unref);
  priv->extra = extra;
}

static gboolean
json_text_equal (const char *a,
                 const char *b)
{
  g_autoptr(JsonNode) na = (a && *a) ? json_from_string (a, NULL) : NULL;
  g_autoptr(JsonNode) nb = (b && *b) ? json_from_string (b, NULL) : NULL;

  return na != NULL && nb != NULL && json_node_equal (na, nb);
}

gboolean
kam_record_values_equal (KamRecord *a,
                         KamRecord *b)
{
  const KamRecordKind *kind = KAM_RECORD_GET_CLASS (a)->kind;

  if (kind != KAM_RECORD_GET_CLASS (b)->kind)
    return FALSE;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const GValue *va = kam_record_peek_value (a, i);
      const GValue *vb = kam_record_peek_value (b, i);

      if (values_equal (va, vb))
        continue;
      /* JSON typed by a person and the same JSON back from a document
       * differ in spaces only */
      if (kind->fields[i].type == KAM_FIELD_JSON
          && json_text_equal (g_value_get_string (va), g_value_get_string (vb)))
        continue;
      return FALSE;
    }

  return TRUE;
}
