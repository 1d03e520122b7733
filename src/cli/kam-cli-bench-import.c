/* kam-cli-bench-import.c — the import section of kam bench
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times importing a contacts CSV of --import-rows rows (100,000 by default)
 * as “kam import --type contacts” does it: reading and decoding, mapping,
 * the preview of every row, the write in one transaction.  The file and a
 * database with 300 accounts are made in a temporary folder for each round,
 * so the user's database is not touched.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <glib/gstdio.h>

#include "kam-analytics.h"
#include "kam-cli.h"
#include "kam-import.h"
#include "kam-model.h"

#define N_ACCOUNTS 300
#define MAX_ROUNDS 3

static const char * const family_names[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙" };
static const char * const given_names[] = { "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛" };
static const char * const titles[] = { "采购总监", "技术经理", "总经理", "财务总监", "Head of Purchasing", "CFO", "IT Manager" };

static gboolean
write_csv (const char  *path,
           guint        n_rows,
           GError     **error)
{
  g_autoptr(GString) text = g_string_sized_new (n_rows * 96);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  g_string_append (text, "客户名称,姓名,职务,部门,电话,邮箱\r\n");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "客户 %03u,%s%s%u,%s,\"销售部, 华东\",138%08u,user%u@example.cn\r\n",
                            g_rand_int_range (rand, 0, N_ACCOUNTS),
                            family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))],
                            given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))],
                            i,
                            titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))],
                            i, i);
  return g_file_set_contents (path, text->str, text->len, error);
}

static KamStore *
make_store (const char  *path,
            GError     **error)
{
  g_autoptr(KamStore) store = kam_store_open (path, error);

  if (store == NULL || !kam_store_begin (store, error))
    return NULL;
  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autoptr(KamRecord) account = kam_record_new (&kam_account_kind);
      g_autofree char *name = g_strdup_printf ("客户 %03u", i);

      if (!kam_record_set_from_string (account, "name", name, error)
          || !kam_store_save (store, account, error))
        {
          kam_store_rollback (store);
          return NULL;
        }
    }
  if (!kam_store_commit (store, error))
    {
      kam_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static gboolean
import_once (const char  *csv_path,
             const char  *db_path,
             guint        n_rows,
             double      *ms,
             GError     **error)
{
  g_autoptr(KamStore) store = make_store (db_path, error);
  g_autoptr(KamImport) import = NULL;
  KamCsv *csv;
  gint64 start;

  if (store == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  csv = kam_csv_read_file (csv_path, error);
  if (csv == NULL)
    return FALSE;
  import = kam_import_new_for_csv (store, &kam_contact_kind, csv, error);
  if (import == NULL
      || !kam_import_prepare (import, NULL, NULL, error)
      || !kam_import_commit (import, FALSE, NULL, NULL, error))
    return FALSE;
  *ms = (g_get_monotonic_time () - start) / 1000.0;

  if (kam_store_count (store, &kam_contact_kind) != n_rows)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_FAILED,
                   "The import bench wrote %u contacts instead of %u",
                   kam_store_count (store, &kam_contact_kind), n_rows);
      return FALSE;
    }
  return TRUE;
}

gboolean
kam_cli_bench_import (JsonBuilder  *b,
                      int           rounds,
                      int           n_rows,
                      GError      **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean ok = TRUE;
  double median;

  if (n_rows <= 0)
    return TRUE;

  dir = g_dir_make_tmp ("kam-bench-import-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  csv_path = g_build_filename (dir, "contacts.csv", NULL);
  ok = write_csv (csv_path, (guint) n_rows, error);

  for (int r = 0; ok && r < MIN (rounds, MAX_ROUNDS); r++)
    {
      g_autofree char *name = g_strdup_printf ("round-%d.db", r);
      g_autofree char *db_path = g_build_filename (dir, name, NULL);
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
      double ms = 0;

      ok = import_once (csv_path, db_path, (guint) n_rows, &ms, error);
      if (ok)
        g_array_append_val (samples, ms);
      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_unlink (csv_path);
  g_rmdir (dir);
  if (!ok)
    return FALSE;

  median = kam_median (samples);

  json_builder_set_member_name (b, "import_contacts_csv");
  json_builder_add_double_value (b, (double) (gint64) (median * 10 + 0.5) / 10);
  json_builder_set_member_name (b, "import_contacts_csv_rows");
  json_builder_add_int_value (b, n_rows);
  json_builder_set_member_name (b, "import_contacts_csv_rounds");
  json_builder_add_int_value (b, samples->len);
  return TRUE;
}
