/* test-list-ids.c — a paged list restricted to given ids (kam_query_set_ids)
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Accounts view's contact map filter: ids computed outside SQL, the
 * counting, paging, sorting and finding still in SQL.  What the list shows
 * is checked against the records the test made, not against another query.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kam-insights.h"
#include "kam-list.h"
#include "kam-store.h"

#define N_ACCOUNTS 150

typedef struct {
  char      *dir;
  KamStore  *store;
  GPtrArray *ids;     /* of "Account 000" .. "Account 149", in name order */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("kam-list-ids-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);

  f->ids = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (kam_store_begin (f->store, &error));
  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autoptr(KamRecord) account = kam_record_new (&kam_account_kind);
      g_autofree char *name = g_strdup_printf ("Account %03u", i);
      g_autofree char *revenue = g_strdup_printf ("%u", (i * 37) % 101 * 1000);

      kam_record_set_from_string (account, "name", name, &error);
      g_assert_no_error (error);
      kam_record_set_from_string (account, "revenue_this_year", revenue, &error);
      g_assert_no_error (error);
      kam_record_set_from_string (account, "tier_pinned", i % 2 == 0 ? "A" : "B", &error);
      g_assert_no_error (error);
      g_assert_true (kam_store_save (f->store, account, &error));
      g_assert_no_error (error);
      g_ptr_array_add (f->ids, g_strdup (kam_record_get_id (account)));
    }
  g_assert_true (kam_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_ptr_array_unref (f->ids);
  g_assert_finalize_object (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/test.db%s", f->dir, suffixes[i]);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The accounts numbered i with i % 3 != 0 (100 of them: more than a page
 * of 64), as a NULL-terminated array. */
static GPtrArray *
chosen_ids (Fixture *f)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < N_ACCOUNTS; i++)
    if (i % 3 != 0)
      g_ptr_array_add (ids, g_ptr_array_index (f->ids, i));
  g_ptr_array_add (ids, NULL);
  return ids;
}

static guint
number_of (KamRecord *account)
{
  return (guint) g_ascii_strtoull (kam_record_get_string (account, "name") + strlen ("Account "), NULL, 10);
}

static void
test_ids (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = chosen_ids (f);
  g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);
  g_autoptr(KamQuery) copy = NULL;
  g_autoptr(KamRecordList) list = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  guint expected;

  kam_query_set_ids (query, (const char * const *) ids->pdata);
  list = kam_record_list_new (f->store, query);
  model = G_LIST_MODEL (list);

  /* exactly the chosen ones, by name across the page boundary */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 100);
  expected = 1;
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(KamRecord) account = g_list_model_get_item (model, i);

      g_assert_cmpuint (number_of (account), ==, expected);
      expected += expected % 3 == 1 ? 1 : 2;
    }
  g_assert_null (g_list_model_get_item (model, 100));
  g_assert_null (kam_record_list_get_error (list));

  /* finding: a chosen account at its place, another nowhere */
  g_assert_cmpuint (kam_record_list_find (list, g_ptr_array_index (f->ids, 149)), ==, 99);
  g_assert_cmpuint (kam_record_list_find (list, g_ptr_array_index (f->ids, 4)), ==, 2);
  g_assert_cmpuint (kam_record_list_find (list, g_ptr_array_index (f->ids, 3)), ==, G_MAXUINT);

  /* sorted by revenue, largest first, over the pages */
  g_assert_true (kam_query_set_sort (query, "revenue_this_year", TRUE, &error));
  g_assert_no_error (error);
  kam_record_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 100);
  for (guint i = 1; i < 100; i++)
    {
      g_autoptr(KamRecord) before = g_list_model_get_item (model, i - 1);
      g_autoptr(KamRecord) account = g_list_model_get_item (model, i);

      g_assert_cmpuint (number_of (account) % 3, !=, 0);
      g_assert_cmpfloat (kam_record_get_double (before, "revenue_this_year"), >=,
                         kam_record_get_double (account, "revenue_this_year"));
    }

  /* with another filter: the chosen ones of tier A (even numbers) */
  kam_query_set_tier (query, "A");
  kam_record_list_set_query (list, query);
  expected = 0;
  for (guint i = 0; i < N_ACCOUNTS; i++)
    expected += i % 3 != 0 && i % 2 == 0;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(KamRecord) account = g_list_model_get_item (model, i);

      g_assert_cmpuint (number_of (account) % 6, !=, 0);
      g_assert_cmpuint (number_of (account) % 2, ==, 0);
    }
  kam_query_set_tier (query, NULL);

  /* a copy is equal; other ids are not */
  copy = kam_query_copy (query);
  g_assert_true (kam_query_equal (query, copy));
  {
    const char *one[] = { g_ptr_array_index (f->ids, 0), NULL };

    kam_query_set_ids (copy, one);
    g_assert_false (kam_query_equal (query, copy));
    kam_record_list_set_query (list, copy);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  }

  /* no id: no record; NULL: no such filter */
  {
    const char *none[] = { NULL };

    kam_query_set_ids (query, none);
    kam_record_list_set_query (list, query);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    kam_query_set_ids (query, NULL);
    kam_record_list_set_query (list, query);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ACCOUNTS);
  }

  /* ids are data, whatever they hold: quotes, backslashes, control
   * characters match nothing and break nothing */
  {
    const char *odd[] = { "a\"b", "c\\d", "e\nf", "]", "x'); DROP TABLE account; --",
                          g_ptr_array_index (f->ids, 7), NULL };

    kam_query_set_ids (query, odd);
    kam_record_list_set_query (list, query);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_null (kam_record_list_get_error (list));
    g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, N_ACCOUNTS);
  }

  /* the store deletes a chosen account: the list follows */
  kam_query_set_ids (query, (const char * const *) ids->pdata);
  kam_record_list_set_query (list, query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 100);
  g_assert_true (kam_store_delete (f->store, g_ptr_array_index (f->ids, 1), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 99);
}

/* The accounts of one contact map status, as the Accounts view lists them:
 * every account has a status, and each list holds its own. */
static void
test_map_status (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) contact = kam_record_new (&kam_contact_kind);
  g_autoptr(GPtrArray) coverage = NULL;
  GDate today;
  guint total = 0;

  /* a supportive decision maker: one green map, the others red (no
   * contacts) */
  kam_record_set_from_string (contact, "account_id", g_ptr_array_index (f->ids, 10), &error);
  kam_record_set_from_string (contact, "name", "Zhao Min", &error);
  kam_record_set_from_string (contact, "decision_role", "decision_maker", &error);
  kam_record_set_from_string (contact, "influence", "5", &error);
  kam_record_set_from_string (contact, "attitude", "2", &error);
  g_assert_no_error (error);
  g_assert_true (kam_store_save (f->store, contact, &error));
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2026);
  coverage = kam_insights_coverage (f->store, NULL, &today, &error);
  g_assert_no_error (error);

  for (int status = KAM_COVERAGE_RED; status <= KAM_COVERAGE_GREEN; status++)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);
      g_autoptr(KamRecordList) list = NULL;

      for (guint i = 0; i < coverage->len; i++)
        {
          KamAccountCoverage *item = g_ptr_array_index (coverage, i);

          if ((int) item->coverage.status == status)
            g_ptr_array_add (ids, item->account_id);
        }
      g_ptr_array_add (ids, NULL);
      kam_query_set_ids (query, (const char * const *) ids->pdata);
      list = kam_record_list_new (f->store, query);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, ids->len - 1);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                        status == KAM_COVERAGE_RED ? N_ACCOUNTS - 1 : status == KAM_COVERAGE_GREEN ? 1 : 0);
      if (status == KAM_COVERAGE_GREEN)
        {
          g_autoptr(KamRecord) account = g_list_model_get_item (G_LIST_MODEL (list), 0);

          g_assert_cmpstr (kam_record_get_id (account), ==, g_ptr_array_index (f->ids, 10));
        }
      total += g_list_model_get_n_items (G_LIST_MODEL (list));
    }
  g_assert_cmpuint (total, ==, N_ACCOUNTS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/kam/list/ids", Fixture, NULL, fixture_setup, test_ids, fixture_teardown);
  g_test_add ("/kam/list/ids-map-status", Fixture, NULL, fixture_setup, test_map_status, fixture_teardown);

  return g_test_run ();
}
