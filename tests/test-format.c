/* test-format.c — the examples of data/sync-format.md are what the sync
 * accepts
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every ```json block of the page ($KAM_SYNC_FORMAT) is parsed and applied
 * to a fresh store through kam_store_sync_apply_docs(), the path of a
 * pulled document; each record read back gives the same document.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kam-model.h"
#include "kam-store-sync.h"

/* The JSON blocks of the Markdown page, parsed. */
static GPtrArray *
read_examples (void)
{
  const char *path = g_getenv ("KAM_SYNC_FORMAT");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) examples = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char *p;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  for (p = strstr (text, "```json\n"); p != NULL; p = strstr (p, "```json\n"))
    {
      const char *start = p + strlen ("```json\n");
      const char *end = strstr (start, "\n```");
      g_autofree char *block = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_assert_nonnull (end);
      block = g_strndup (start, end - start);
      node = json_from_string (block, &error);
      if (error != NULL)
        g_test_message ("%s", block);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (examples, json_object_ref (json_node_get_object (node)));
      p = end + 4;
    }
  return g_steal_pointer (&examples);
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  /* 8340000 and 8340000.0 are the same amount. */
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b)
      && json_node_get_value_type (a) != G_TYPE_STRING && json_node_get_value_type (b) != G_TYPE_STRING
      && json_node_get_value_type (a) != G_TYPE_BOOLEAN && json_node_get_value_type (b) != G_TYPE_BOOLEAN)
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

static void
test_examples (void)
{
  g_autoptr(GPtrArray) examples = read_examples ();
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(GHashTable) kinds_seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kam-format-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "format.db", NULL);
  g_autoptr(KamStore) store = NULL;
  KamStoreSyncStats stats = { 0 };
  guint n_known = 0, n_foreign = 0;
  guint n_kinds;

  kam_record_kinds (&n_kinds);
  g_assert_cmpuint (examples->len, >=, n_kinds);
  for (guint i = 0; i < examples->len; i++)
    {
      JsonObject *example = g_ptr_array_index (examples, i);
      JsonObject *doc = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;
      const char *type = json_object_get_string_member_with_default (example, "type", NULL);

      g_assert_nonnull (type);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (example, "_id"), type));
      if (kam_record_kind_lookup (type) != NULL)
        {
          g_hash_table_add (kinds_seen, (gpointer) type);
          n_known++;
        }
      else
        n_foreign++;

      /* As the server sends it: with a _rev. */
      json_object_iter_init (&iter, example);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (doc, member, json_node_copy (node));
      json_object_set_string_member (doc, "_rev", "1-0123456789abcdef0123456789abcdef");
      json_array_add_object_element (docs, doc);
    }
  /* One example of each type at least. */
  g_assert_cmpuint (g_hash_table_size (kinds_seen), ==, n_kinds);
  g_assert_cmpuint (n_foreign, >=, 1);

  store = kam_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kam_store_sync_apply_docs (store, docs, "http://localhost:5984/team", "42", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.pulled, ==, n_known);
  g_assert_cmpuint (stats.pending, ==, 0);
  g_assert_cmpuint (stats.foreign, ==, n_foreign);

  /* Each record reads back as its example: every member, unknown ones too. */
  for (guint i = 0; i < examples->len; i++)
    {
      JsonObject *example = g_ptr_array_index (examples, i);
      const char *type = json_object_get_string_member (example, "type");
      const KamRecordKind *kind = kam_record_kind_lookup (type);
      const char *doc_id = json_object_get_string_member (example, "_id");
      g_autoptr(KamRecord) record = NULL;
      g_autoptr(JsonObject) back = NULL;
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      if (kind == NULL)
        continue;
      record = kam_store_load (store, kind, doc_id + strlen (type) + 1, &error);
      g_assert_no_error (error);
      g_assert_true (kam_record_validate (record, &error));
      g_assert_no_error (error);
      back = kam_sync_doc_from_record (record);
      json_object_iter_init (&iter, example);
      while (json_object_iter_next (&iter, &member, &node))
        {
          if (!json_object_has_member (back, member) || !same_value (node, json_object_get_member (back, member)))
            g_test_message ("%s: %s differs", doc_id, member);
          g_assert_true (json_object_has_member (back, member));
          g_assert_true (same_value (node, json_object_get_member (back, member)));
        }
    }

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_remove (child);
      }
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kam/format/examples", test_examples);

  return g_test_run ();
}
