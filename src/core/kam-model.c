/* kam-model.c — the registry of record kinds
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-model"

#include "config.h"

#include "kam-fields-private.h"
#include "kam-model.h"

/* In dependency order: a kind refers only to kinds before it, so backups are
 * written and restored in this order. */
static const KamRecordKind * const all_kinds[] = {
  &kam_member_kind,
  &kam_account_kind,
  &kam_contact_kind,
  &kam_relation_kind,
  &kam_visit_kind,
  &kam_opportunity_kind,
};

const KamRecordKind * const *
kam_record_kinds (guint *n_kinds)
{
  if (n_kinds != NULL)
    *n_kinds = G_N_ELEMENTS (all_kinds);
  return all_kinds;
}

const KamRecordKind *
kam_record_kind_lookup (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    if (g_str_equal (all_kinds[i]->name, name))
      return all_kinds[i];

  /* plurals as people type them on the command line */
  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    {
      g_autofree char *plural = g_str_has_suffix (all_kinds[i]->name, "y")
        ? g_strdup_printf ("%.*sies", (int) strlen (all_kinds[i]->name) - 1, all_kinds[i]->name)
        : g_strdup_printf ("%ss", all_kinds[i]->name);

      if (g_str_equal (plural, name))
        return all_kinds[i];
    }

  return NULL;
}

gboolean
kam_check_json_array_of_objects (JsonNode    *node,
                                 const char  *what,
                                 GError     **error)
{
  JsonArray *array;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          goto fail;
      return TRUE;
    }

fail:
  g_set_error (error, KAM_RECORD_ERROR, KAM_RECORD_ERROR_INVALID,
               _("%s must be a list of entries"), what);
  return FALSE;
}
