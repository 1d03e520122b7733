/* test-backup.c — kam_backup_export() and kam_backup_import()
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kam-backup.h"
#include "kam-generate.h"
#include "kam-model.h"
#include "kam-store.h"

/* Fixture: a temporary folder ----------------------------------------------- */

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kam-backup-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static KamStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (f, name);
  KamStore *store = kam_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Helpers ------------------------------------------------------------------- */

/* Makes a record of @kind with @id (or a random one) and FIELD, VALUE pairs,
 * and saves it. */
static KamRecord *
add (KamStore   *store,
     const char *kind_name,
     const char *id,
     ...)
{
  g_autoptr(KamRecord) record = kam_record_new (kam_record_kind_lookup (kind_name));
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  if (id != NULL)
    kam_record_set_id (record, id);

  va_start (args, id);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      kam_record_set_from_string (record, field, value, &error);
      if (error != NULL)
        g_test_message ("%s.%s = %s: %s", kind_name, field, value, error->message);
      g_assert_no_error (error);
    }
  va_end (args);

  kam_store_save (store, record, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&record);
}

static void
set_and_save (KamStore   *store,
              const char *id,
              const char *field,
              const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) record = kam_store_load (store, NULL, id, &error);

  g_assert_no_error (error);
  kam_record_set_from_string (record, field, value, &error);
  g_assert_no_error (error);
  kam_store_save (store, record, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
export_to_string (Fixture    *f,
                  KamStore   *store,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (f, name);

  kam_backup_export (store, path, &error);
  g_assert_no_error (error);
  return read_file (path);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Every kind, with the fields that are easy to lose: REFS lists in order,
 * JSON fields, a stage history, a closed deal, members a newer version
 * added, settings, and contacts whose manager sorts after them (and a
 * reporting cycle), so that the restore order matters. */
static void
fill_by_hand (KamStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) m1 = NULL, m2 = NULL, a1 = NULL, a2 = NULL;
  g_autoptr(KamRecord) boss = NULL, report = NULL, x = NULL, y = NULL;
  g_autoptr(KamRecord) rel = NULL, visit = NULL, opp = NULL, won = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();

  kam_store_set_setting (store, "cadence-a", "10", &error);
  g_assert_no_error (error);
  kam_store_set_setting (store, "abc-a", "0.7", &error);
  g_assert_no_error (error);

  m1 = add (store, "member", NULL, "name", "Zhang Wei", "role", "KAM", "email", "zhang.wei@example.com", NULL);
  m2 = add (store, "member", NULL, "name", "李强", NULL);

  a1 = add (store, "account", NULL,
            "name", "China Mobile", "local_name", "中国移动", "industry", "Telecom", "region", "Beijing",
            "owner_id", kam_record_get_id (m1), "tier_pinned", "A", "value_type", "relational",
            "annual_spend", "52000000.75", "share_of_wallet", "33.3", "competitor_shares", "{\"Huawei\": 40.5, \"ZTE\": 10}",
            "revenue_this_year", "17318000.1", "revenue_last_year", "0.3", "gross_margin", "-2.5",
            "margin_score", "14", "payment_score", "20", "satisfaction", "4", "loyalty_stage", "repeat",
            "needs_current", "Core network\nwith two lines", "targets",
            "[{\"year\": 2026, \"amount\": 20000000, \"focus\": \"5G core\"}, {\"year\": 2027, \"amount\": 0.1}]",
            "strategy", "Grow \"share\" \\ tabs\there", NULL);
  a2 = add (store, "account", NULL, "name", "Lenovo", "currency", "USD", "revenue_this_year", "100", NULL);

  /* ids chosen so that id order is the reverse of who reports to whom */
  boss = add (store, "contact", "ffff-boss", "account_id", kam_record_get_id (a1), "name", "Boss",
              "decision_role", "decision_maker", "influence", "5", "attitude", "2", "strength", "4", NULL);
  report = add (store, "contact", "0000-report", "account_id", kam_record_get_id (a1), "name", "Report",
                "reports_to_id", "ffff-boss", "owner_id", kam_record_get_id (m2), NULL);
  x = add (store, "contact", "5555-x", "account_id", kam_record_get_id (a2), "name", "X", NULL);
  y = add (store, "contact", "4444-y", "account_id", kam_record_get_id (a2), "name", "Y",
           "reports_to_id", "5555-x", NULL);
  set_and_save (store, "5555-x", "reports_to_id", "4444-y");

  rel = add (store, "relation", NULL, "from_id", "0000-report", "to_id", "ffff-boss", "kind", "rival",
             "strength", "3", NULL);

  visit = add (store, "visit", NULL, "account_id", kam_record_get_id (a1),
               "start_at", "2026-03-02T01:30:00Z", "end_at", "2026-03-02T03:00:00Z", "place", "望京",
               "kind", "meal", "objective", "Review", "status", "done", "follow_up", "2026-03-20", NULL);
  /* attendees in an order that is not the id order */
  set_and_save (store, kam_record_get_id (visit), "contact_ids", "ffff-boss,0000-report");
  {
    g_autofree char *members = g_strdup_printf ("%s,%s", kam_record_get_id (m2), kam_record_get_id (m1));

    set_and_save (store, kam_record_get_id (visit), "member_ids", members);
  }

  opp = add (store, "opportunity", NULL, "account_id", kam_record_get_id (a1), "name", "5G core",
             "amount", "3000000.5", "stage", "prospecting", "probability", "35", "expected_close", "2026-12-15",
             "owner_id", kam_record_get_id (m1), NULL);
  set_and_save (store, kam_record_get_id (opp), "stage", "negotiation");
  won = add (store, "opportunity", NULL, "account_id", kam_record_get_id (a2), "name", "PCs",
             "amount", "12.34", "stage", "closed_won", "reason", "price", NULL);

  /* a member a newer version wrote: kept and exported again */
  json_object_set_string_member (extra, "x-future", "kept");
  kam_record_set_extra (won, extra);
  kam_store_save (store, won, &error);
  g_assert_no_error (error);
}

static void
assert_round_trip (Fixture  *f,
                   KamStore *a)
{
  g_autoptr(KamStore) b = open_store (f, "b.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *text_a = export_to_string (f, a, "a.json");
  g_autofree char *path_a = path_in (f, "a.json");
  g_autofree char *text_b = NULL;
  guint n_records = 0, n_total = 0;
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  kam_backup_import (b, path_a, &n_records, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < n_kinds; k++)
    {
      g_assert_cmpuint (kam_store_count (b, kinds[k]), ==, kam_store_count (a, kinds[k]));
      n_total += kam_store_count (a, kinds[k]);
    }
  g_assert_cmpuint (n_records, ==, n_total);

  text_b = export_to_string (f, b, "b.json");
  g_assert_cmpstr (text_a, ==, text_b);
}

/* Tests --------------------------------------------------------------------- */

static void
test_round_trip_by_hand (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(KamStore) a = open_store (f, "a.db");
  g_autoptr(KamStore) b = NULL;
  g_autoptr(KamRecord) won = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *b_path = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *visits;
  JsonObject *visit;

  fill_by_hand (a);
  assert_round_trip (f, a);

  /* The document: marker, version, settings sorted, kinds in order. */
  text = read_file (b_path = path_in (f, "b.json"));
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "key-accounts-backup");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "settings"), "abc-a"), ==, "0.7");
  g_assert_true (strstr (text, "\"abc-a\"") < strstr (text, "\"cadence-a\""));
  g_assert_true (strstr (text, "\"member\"") < strstr (text, "\"account\""));
  g_assert_true (strstr (text, "\"account\" :") < strstr (text, "\"contact\" :"));
  g_assert_true (strstr (text, "\"visit\" :") < strstr (text, "\"opportunity\" :"));
  g_assert_true (strstr (text, "0000-report") < strstr (text, "\"id\" : \"ffff-boss\""));

  visits = json_object_get_array_member (object, "visit");
  g_assert_cmpuint (json_array_get_length (visits), ==, 1);
  visit = json_array_get_object_element (visits, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (visit, "contact_ids"), 0), ==, "ffff-boss");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (visit, "contact_ids"), 1), ==, "0000-report");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (visit, "member_ids")), ==, 2);
  g_assert_true (strstr (text, "\"x-future\" : \"kept\"") != NULL);

  /* Restored, not just exported: the history and the closing date too. */
  b = open_store (f, "b.db");
  {
    g_autoptr(GPtrArray) opps = kam_store_load_all (b, &kam_opportunity_kind, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < opps->len; i++)
      {
        KamRecord *opp = g_ptr_array_index (opps, i);

        if (g_str_equal (kam_record_get_string (opp, "name"), "5G core"))
          {
            g_assert_nonnull (strstr (kam_record_get_string (opp, "stage_history"), "prospecting"));
            g_assert_nonnull (strstr (kam_record_get_string (opp, "stage_history"), "negotiation"));
            g_assert_cmpint (kam_record_get_int (opp, "probability"), ==, 35);
          }
        else
          g_assert_cmpstr (kam_record_get_string (opp, "closed_on"), !=, "");
      }
  }
}

static void
test_round_trip_generated (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(KamStore) a = open_store (f, "a.db");
  g_autoptr(GError) error = NULL;
  KamGenerateOptions opts;

  kam_generate_options_init (&opts);
  opts.n_accounts = 30;
  opts.seed = 42;
  kam_generate (a, &opts, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kam_store_count (a, &kam_account_kind), ==, 30);

  assert_round_trip (f, a);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(KamStore) a = open_store (f, "a.db");
  g_autofree char *text = NULL;

  assert_round_trip (f, a);
  text = export_to_string (f, a, "a.json");
  g_assert_nonnull (strstr (text, "\"format\" : \"key-accounts-backup\""));
}

/* Each bad file fails with a message and leaves the database as it was. */
static void
test_import_all_or_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(KamStore) a = open_store (f, "a.db");
  g_autoptr(KamStore) b = open_store (f, "b.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *before = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = path_in (f, "bad.json");
  struct {
    const char *what;
    const char *needle;  /* in the message */
  } cases[] = {
    { "malformed", "JSON" },
    { "not-backup", "not a Key Accounts backup" },
    { "newer", "newer version" },
    { "bad-field", "Influence" },
    { "missing-account", "0000-report" },
    { "wrong-shape", "not a list" },
    { "bad-settings", "settings" },
  };

  fill_by_hand (a);
  good = export_to_string (f, a, "good.json");

  /* b has data of its own, with a record the backup would replace */
  {
    g_autoptr(KamRecord) m = add (b, "member", NULL, "name", "Someone", NULL);
    g_autoptr(KamRecord) acc = add (b, "account", NULL, "name", "Kept", NULL);
  }
  before = export_to_string (f, b, "before.json");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *after = NULL;
      JsonObject *object;
      JsonArray *contacts;
      guint n = 12345;

      g_clear_pointer (&root, json_node_unref);
      root = json_from_string (good, &error);
      g_assert_no_error (error);
      object = json_node_get_object (root);
      contacts = json_object_get_array_member (object, "contact");

      if (g_str_equal (cases[i].what, "malformed"))
        write_file (path, "{\"format\": \"key-accounts-backup\", \"version\": 1, \"member\": [");
      else
        {
          g_autofree char *text = NULL;

          if (g_str_equal (cases[i].what, "not-backup"))
            json_object_set_string_member (object, "format", "something-else");
          else if (g_str_equal (cases[i].what, "newer"))
            json_object_set_int_member (object, "version", 2);
          else if (g_str_equal (cases[i].what, "bad-field"))
            json_object_set_int_member (json_array_get_object_element (contacts, 1), "influence", 9);
          else if (g_str_equal (cases[i].what, "missing-account"))
            /* the first contact in id order, after members and accounts were written */
            json_object_set_string_member (json_array_get_object_element (contacts, 0), "account_id", "nope");
          else if (g_str_equal (cases[i].what, "wrong-shape"))
            json_object_set_string_member (object, "visit", "oops");
          else if (g_str_equal (cases[i].what, "bad-settings"))
            json_object_set_int_member (json_object_get_object_member (object, "settings"), "abc-a", 1);

          text = json_to_string (root, TRUE);
          write_file (path, text);
        }

      g_assert_false (kam_backup_import (b, path, &n, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", cases[i].what, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
      g_assert_null (strchr (error->message, '\n'));
      g_assert_cmpuint (n, ==, 12345);
      g_clear_error (&error);

      after = export_to_string (f, b, "after.json");
      g_assert_cmpstr (before, ==, after);
    }

  /* the missing file */
  {
    g_autofree char *missing = path_in (f, "no-such.json");

    g_assert_false (kam_backup_import (b, missing, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

/* Importing over existing records replaces them; others are kept. */
static void
test_import_replaces (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KamStore) a = open_store (f, "a.db");
  g_autoptr(KamStore) b = open_store (f, "b.db");
  g_autoptr(KamRecord) m = NULL, changed = NULL, other = NULL, loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (f, "a.json");
  g_autofree char *text = NULL;

  m = add (a, "member", "member-1", "name", "Original", NULL);
  text = export_to_string (f, a, "a.json");

  changed = add (b, "member", "member-1", "name", "Changed", NULL);
  other = add (b, "member", "member-2", "name", "Other", NULL);

  kam_backup_import (b, path, NULL, &error);
  g_assert_no_error (error);

  loaded = kam_store_load (b, NULL, "member-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kam_record_get_string (loaded, "name"), ==, "Original");
  g_assert_cmpuint (kam_store_count (b, &kam_member_kind), ==, 2);
}

/* A reference to a deleted record (a former attendee) is not exported, so
 * the backup restores. */
static void
test_dangling_references (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(KamStore) a = open_store (f, "a.db");
  g_autoptr(KamStore) b = open_store (f, "b.db");
  g_autoptr(KamRecord) acc = NULL, c1 = NULL, c2 = NULL, visit = NULL, member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = path_in (f, "a.json");

  member = add (a, "member", NULL, "name", "M", NULL);
  acc = add (a, "account", NULL, "name", "Acme", "owner_id", kam_record_get_id (member), NULL);
  c1 = add (a, "contact", NULL, "account_id", kam_record_get_id (acc), "name", "Stays", NULL);
  c2 = add (a, "contact", NULL, "account_id", kam_record_get_id (acc), "name", "Goes", NULL);
  visit = add (a, "visit", NULL, "account_id", kam_record_get_id (acc),
               "start_at", "2026-01-05T02:00:00Z", "end_at", "2026-01-05T03:00:00Z", NULL);
  {
    g_autofree char *ids = g_strdup_printf ("%s,%s", kam_record_get_id (c2), kam_record_get_id (c1));

    set_and_save (a, kam_record_get_id (visit), "contact_ids", ids);
  }

  kam_store_delete (a, kam_record_get_id (c2), &error);
  g_assert_no_error (error);
  kam_store_delete (a, kam_record_get_id (member), &error);
  g_assert_no_error (error);

  text = export_to_string (f, a, "a.json");
  g_assert_null (strstr (text, kam_record_get_id (c2)));
  g_assert_null (strstr (text, kam_record_get_id (member)));

  kam_backup_import (b, path, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(KamRecord) restored = kam_store_load (b, NULL, kam_record_get_id (visit), &error);
    const char * const *ids;

    g_assert_no_error (error);
    ids = kam_record_get_strv (restored, "contact_ids");
    g_assert_cmpuint (g_strv_length ((char **) ids), ==, 1);
    g_assert_cmpstr (ids[0], ==, kam_record_get_id (c1));
  }
}

/* A failed export leaves nothing behind (and an old file as it was). */
static void
test_export_unwritable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KamStore) a = open_store (f, "a.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "a.json", NULL);

  g_assert_false (kam_backup_export (a, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/kam/backup/empty", test_empty);
  ADD ("/kam/backup/round-trip-by-hand", test_round_trip_by_hand);
  ADD ("/kam/backup/round-trip-generated", test_round_trip_generated);
  ADD ("/kam/backup/import-all-or-nothing", test_import_all_or_nothing);
  ADD ("/kam/backup/import-replaces", test_import_replaces);
  ADD ("/kam/backup/dangling-references", test_dangling_references);
  ADD ("/kam/backup/export-unwritable", test_export_unwritable);

  return g_test_run ();
}
