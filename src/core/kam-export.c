/* kam-export.c — a list as a CSV file for spreadsheets
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kam-csv.h"
#include "kam-export.h"
#include "kam-model.h"

static gboolean
exported_field (const KamField *f)
{
  if (f->flags & KAM_FIELD_FLAG_LOCAL)
    return FALSE;
  if (f->type == KAM_FIELD_JSON || f->type == KAM_FIELD_REFS)
    return FALSE;
  /* references to accounts and members are written as names */
  if (f->type == KAM_FIELD_REF)
    return g_strcmp0 (f->ref_table, "account") == 0 || g_strcmp0 (f->ref_table, "member") == 0;
  return TRUE;
}

static GHashTable *
names_of (KamStore             *store,
          const KamRecordKind  *kind,
          GError              **error)
{
  g_autoptr(GPtrArray) records = kam_store_load_all (store, kind, error);
  GHashTable *names;

  if (records == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < records->len; i++)
    {
      KamRecord *r = g_ptr_array_index (records, i);

      g_hash_table_insert (names, g_strdup (kam_record_get_id (r)),
                           g_strdup (kam_record_get_string (r, "name")));
    }
  return names;
}

static char *
field_text (KamRecord      *record,
            const KamField *f,
            GHashTable     *accounts,
            GHashTable     *members)
{
  switch (f->type)
    {
    case KAM_FIELD_REF:
      {
        const char *id = kam_record_get_string (record, f->name);
        GHashTable *names = g_strcmp0 (f->ref_table, "account") == 0 ? accounts : members;

        return g_strdup (id != NULL ? g_hash_table_lookup (names, id) : NULL);
      }
    case KAM_FIELD_ENUM:
      return g_strdup (kam_enum_to_label (f->enum_type (), kam_record_get_int (record, f->name)));
    case KAM_FIELD_DATETIME:
      {
        const char *text = kam_record_get_string (record, f->name);
        g_autoptr(GDateTime) utc = (text != NULL && *text != '\0') ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
        g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

        return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
      }
    case KAM_FIELD_TEXT:
    case KAM_FIELD_INT:
    case KAM_FIELD_REAL:
    case KAM_FIELD_DATE:
    case KAM_FIELD_JSON:
    case KAM_FIELD_REFS:
    default:
      return kam_record_dup_string (record, f->name);
    }
}

char *
kam_export_csv_data (KamStore        *store,
                     const KamQuery  *query,
                     guint           *n_rows,
                     GError         **error)
{
  const KamRecordKind *kind = kam_query_get_kind (query);
  g_autoptr(GHashTable) accounts = NULL;
  g_autoptr(GHashTable) members = NULL;
  g_autoptr(KamRecordList) list = NULL;
  GString *out;
  gboolean first = TRUE;
  guint n;

  accounts = names_of (store, &kam_account_kind, error);
  if (accounts == NULL)
    return NULL;
  members = names_of (store, &kam_member_kind, error);
  if (members == NULL)
    return NULL;

  list = kam_record_list_new (store, query);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  out = g_string_new (NULL);
  kam_csv_write_bom (out);
  for (guint i = 0; i < kind->n_fields; i++)
    if (exported_field (&kind->fields[i]))
      {
        kam_csv_write_field (out, g_dgettext (GETTEXT_PACKAGE, kind->fields[i].label), first);
        first = FALSE;
      }
  kam_csv_end_row (out);

  for (guint r = 0; r < n; r++)
    {
      g_autoptr(KamRecord) record = g_list_model_get_item (G_LIST_MODEL (list), r);

      if (record == NULL)
        break;
      first = TRUE;
      for (guint i = 0; i < kind->n_fields; i++)
        if (exported_field (&kind->fields[i]))
          {
            g_autofree char *text = field_text (record, &kind->fields[i], accounts, members);

            kam_csv_write_field (out, text, first);
            first = FALSE;
          }
      kam_csv_end_row (out);
    }

  if (kam_record_list_get_error (list) != NULL)
    {
      g_propagate_error (error, g_error_copy (kam_record_list_get_error (list)));
      g_string_free (out, TRUE);
      return NULL;
    }

  if (n_rows != NULL)
    *n_rows = n;
  return g_string_free (out, FALSE);
}

gboolean
kam_export_csv (KamStore        *store,
                const KamQuery  *query,
                const char      *path,
                guint           *n_rows,
                GError         **error)
{
  g_autofree char *data = kam_export_csv_data (store, query, n_rows, error);

  if (data == NULL)
    return FALSE;
  return g_file_set_contents (path, data, -1, error);
}
