/* kam-fields-private.h — shorthand for the field tables of the record kinds
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "kam-enums.h"
#include "kam-record.h"

#define KAM_MONEY_MAX 1e15

#define FIELD_TEXT(n, l)          { .name = n, .type = KAM_FIELD_TEXT, .label = l }
#define FIELD_TEXT_REQ(n, l)      { .name = n, .type = KAM_FIELD_TEXT, .label = l, .flags = KAM_FIELD_FLAG_REQUIRED }
#define FIELD_CODE(n, l, d)       { .name = n, .type = KAM_FIELD_TEXT, .label = l, .flags = KAM_FIELD_FLAG_UPPER, .default_str = d }
#define FIELD_CHOICE(n, l, c)     { .name = n, .type = KAM_FIELD_TEXT, .label = l, .choices = c }
#define FIELD_INT(n, l, lo, hi, d) { .name = n, .type = KAM_FIELD_INT, .label = l, .min = lo, .max = hi, .default_num = d }
#define FIELD_REAL(n, l, lo, hi)  { .name = n, .type = KAM_FIELD_REAL, .label = l, .min = lo, .max = hi }
#define FIELD_ENUM(n, l, t, d)    { .name = n, .type = KAM_FIELD_ENUM, .label = l, .enum_type = t, .default_num = d }
#define FIELD_DATE(n, l)          { .name = n, .type = KAM_FIELD_DATE, .label = l }
#define FIELD_DATETIME(n, l)      { .name = n, .type = KAM_FIELD_DATETIME, .label = l }
#define FIELD_DATETIME_REQ(n, l)  { .name = n, .type = KAM_FIELD_DATETIME, .label = l, .flags = KAM_FIELD_FLAG_REQUIRED }
#define FIELD_REF(n, l, t)        { .name = n, .type = KAM_FIELD_REF, .label = l, .ref_table = t }
#define FIELD_REF_REQ(n, l, t)    { .name = n, .type = KAM_FIELD_REF, .label = l, .ref_table = t, .flags = KAM_FIELD_FLAG_REQUIRED }
#define FIELD_REFS(n, l, t, link) { .name = n, .type = KAM_FIELD_REFS, .label = l, .ref_table = t, .link_table = link }
#define FIELD_JSON(n, l, d, chk)  { .name = n, .type = KAM_FIELD_JSON, .label = l, .default_str = d, .check_json = chk }
#define FIELD_LOCAL_DATETIME(n, l) { .name = n, .type = KAM_FIELD_DATETIME, .label = l, .flags = KAM_FIELD_FLAG_LOCAL }
#define FIELD_LOCAL_ENUM(n, l, t, d) { .name = n, .type = KAM_FIELD_ENUM, .label = l, .enum_type = t, .default_num = d, .flags = KAM_FIELD_FLAG_LOCAL }

/* Defines the GObject boilerplate of a record kind: the type, its class_init
 * installing the fields as properties, and kam_<kind>_new(). */
#define KAM_DEFINE_RECORD_KIND(TypeName, type_name, kind_var)               \
  struct _##TypeName { KamRecord parent_instance; };                        \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, KAM_TYPE_RECORD)                \
  static void type_name##_class_init (TypeName##Class *klass)               \
  {                                                                         \
    kam_record_class_set_kind (KAM_RECORD_CLASS (klass), &kind_var);        \
  }                                                                         \
  static void type_name##_init (TypeName *self) { }                         \
  TypeName * type_name##_new (void)                                         \
  {                                                                         \
    return g_object_new (type_name##_get_type (), NULL);                    \
  }

gboolean kam_check_json_array_of_objects (JsonNode    *node,
                                          const char  *what,
                                          GError     **error);
