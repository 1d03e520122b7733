/* test-import.c — CSV and vCard import, CSV and vCard export
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files read are in tests/data/, made by make-import-data.py the way
 * Chinese Excel, Excel's "Unicode text", Salesforce and old phones write
 * them.  Broken files must be refused, or reported row by row, with nothing
 * written: the counts in the database are checked before and after.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kam-csv.h"
#include "kam-export.h"
#include "kam-import.h"
#include "kam-model.h"
#include "kam-store.h"
#include "kam-vcard.h"

typedef struct {
  char     *dir;
  KamStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("kam-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = kam_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GDir *dir;
  const char *name;

  g_assert_finalize_object (f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
data_path (const char *name)
{
  return g_build_filename (KAM_TEST_DATA, name, NULL);
}

static KamCsv *
read_data (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path (name);
  KamCsv *csv = kam_csv_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static KamImport *
csv_import (Fixture             *f,
            const KamRecordKind *kind,
            const char          *name)
{
  g_autoptr(GError) error = NULL;
  KamImport *import = kam_import_new_for_csv (f->store, kind, read_data (name), &error);

  g_assert_no_error (error);
  g_assert_true (kam_import_prepare (import, NULL, NULL, &error));
  g_assert_no_error (error);
  return import;
}

/* Imports @name as @kind; asserts that every row is good. */
static void
import_file (Fixture             *f,
             const KamRecordKind *kind,
             const char          *name,
             guint                n_new,
             guint                n_updates)
{
  g_autoptr(KamImport) import = csv_import (f, kind, name);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < kam_import_get_n_rows (import); i++)
    g_assert_null (kam_import_get_row (import, i)->error);
  g_assert_cmpuint (kam_import_get_n_new (import), ==, n_new);
  g_assert_cmpuint (kam_import_get_n_updates (import), ==, n_updates);
  g_assert_true (kam_import_commit (import, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
}

static KamRecord *
find_by (Fixture             *f,
         const KamRecordKind *kind,
         const char          *field,
         const char          *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = kam_store_load_all (f->store, kind, &error);
  KamRecord *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (kam_record_get_string (g_ptr_array_index (all, i), field), value) == 0)
      {
        g_assert_null (found);
        found = g_object_ref (g_ptr_array_index (all, i));
      }
  g_assert_nonnull (found);
  return found;
}

static const char *
account_name_of (Fixture   *f,
                 KamRecord *record)
{
  g_autoptr(KamRecord) account = kam_store_load (f->store, &kam_account_kind,
                                                 kam_record_get_string (record, "account_id"), NULL);
  static char name[256];

  g_assert_nonnull (account);
  g_strlcpy (name, kam_record_get_string (account, "name"), sizeof name);
  return name;
}

/* The reader ------------------------------------------------------------- */

static void
test_csv_encodings (void)
{
  g_autoptr(KamCsv) gbk = read_data ("accounts-gbk.csv");
  g_autoptr(KamCsv) utf16 = read_data ("contacts-excel-utf16.txt");
  g_autoptr(KamCsv) salesforce = read_data ("salesforce-accounts.csv");
  g_autoptr(KamCsv) semicolon = read_data ("visits-semicolon.csv");

  g_assert_cmpstr (gbk->encoding, ==, "GB18030");
  g_assert_cmpint (gbk->separator, ==, ',');
  g_assert_cmpstr (gbk->header->fields[0], ==, "客户名称");
  g_assert_cmpuint (gbk->rows->len, ==, 3);
  g_assert_cmpstr (((KamCsvRow *) gbk->rows->pdata[0])->fields[6], ==, "战略大客户，年度框架协议");
  g_assert_cmpstr (((KamCsvRow *) gbk->rows->pdata[2])->fields[6], ==, "\"老客户\"，回款及时");

  g_assert_cmpstr (utf16->encoding, ==, "UTF-16LE");
  g_assert_cmpint (utf16->separator, ==, '\t');
  g_assert_cmpuint (utf16->header->n_fields, ==, 7);
  g_assert_cmpuint (utf16->rows->len, ==, 2);
  g_assert_cmpstr (((KamCsvRow *) utf16->rows->pdata[0])->fields[6], ==,
                   "Met at the \"Auto China\" fair\nPrefers email");
  /* the row after a cell with a line break starts two lines further */
  g_assert_cmpuint (((KamCsvRow *) utf16->rows->pdata[1])->line, ==, 4);
  g_assert_cmpstr (((KamCsvRow *) utf16->rows->pdata[1])->fields[0], ==, "青岛啤酒");

  g_assert_cmpstr (salesforce->encoding, ==, "UTF-8");
  g_assert_cmpstr (((KamCsvRow *) salesforce->rows->pdata[0])->fields[5], ==,
                   "Key account since 2019.\nTwo plants, \"Werk Nord\" and \"Werk Süd\".");

  g_assert_cmpstr (semicolon->encoding, ==, "UTF-8");
  g_assert_cmpint (semicolon->separator, ==, ';');
  g_assert_cmpstr (semicolon->header->fields[0], ==, "Account");  /* BOM dropped */
}

static void
test_csv_quoting (void)
{
  static const char text[] =
    "a,b,c\r\n"
    "\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
    "\r\n"
    "1,2\n"
    "\"\",,\"\"\"\"\n";
  static const char unclosed[] = "a,b\n1,\"never closed\n2,3\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(KamCsv) csv = kam_csv_parse (text, strlen (text), &error);
  g_autoptr(KamCsv) bad = NULL;
  KamCsvRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (csv->rows->len, ==, 3);  /* the blank line is skipped */
  row = csv->rows->pdata[0];
  g_assert_cmpuint (row->n_fields, ==, 3);
  g_assert_cmpstr (row->fields[0], ==, "x, y");
  g_assert_cmpstr (row->fields[1], ==, "say \"hi\"");
  g_assert_cmpstr (row->fields[2], ==, "two\r\nlines");
  row = csv->rows->pdata[1];
  g_assert_cmpuint (row->line, ==, 5);
  g_assert_cmpuint (row->n_fields, ==, 2);  /* ragged: reported by the import */
  row = csv->rows->pdata[2];
  g_assert_cmpuint (row->n_fields, ==, 3);
  g_assert_cmpstr (row->fields[0], ==, "");
  g_assert_cmpstr (row->fields[2], ==, "\"");

  bad = kam_csv_parse (unclosed, strlen (unclosed), &error);
  g_assert_null (bad);
  g_assert_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "2"));
}

static void
test_csv_write (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KamCsv) back = NULL;

  kam_csv_write_bom (out);
  kam_csv_write_field (out, "plain", TRUE);
  kam_csv_write_field (out, "a, \"b\"", FALSE);
  kam_csv_write_field (out, "line\nbreak", FALSE);
  kam_csv_end_row (out);
  g_assert_cmpstr (out->str, ==, "\xEF\xBB\xBFplain,\"a, \"\"b\"\"\",\"line\nbreak\"\r\n");

  back = kam_csv_parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->header->fields[1], ==, "a, \"b\"");
  g_assert_cmpstr (back->header->fields[2], ==, "line\nbreak");
}

static void
test_csv_refused (Fixture       *f,
                  gconstpointer  data)
{
  const int expected[] = { KAM_CSV_ERROR_BINARY, KAM_CSV_ERROR_ENCODING };
  const char *names[] = { "accounts.xlsx", "wrong-encoding.csv" };
  g_autofree char *junk_path = g_build_filename (f->dir, "junk.csv", NULL);
  g_autofree char *text_path = g_build_filename (f->dir, "one-field.csv", NULL);
  g_autofree char *junk = g_malloc (50 * 1024 * 1024);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  gsize n = 50 * 1024 * 1024;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = data_path (names[i]);
      g_autoptr(KamCsv) csv = kam_csv_read_file (path, &error);

      g_assert_null (csv);
      g_assert_error (error, KAM_CSV_ERROR, expected[i]);
      g_clear_error (&error);
    }

  /* 50 MB of random bytes */
  for (gsize i = 0; i < n; i += 4)
    {
      guint32 r = g_rand_int (rand);
      memcpy (junk + i, &r, 4);
    }
  g_assert_true (g_file_set_contents (junk_path, junk, n, &error));
  {
    g_autoptr(KamCsv) csv = kam_csv_read_file (junk_path, &error);

    g_assert_null (csv);
    g_assert_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_BINARY);
    g_clear_error (&error);
  }

  /* 50 MB of random bytes without NUL or control characters: valid in no
   * encoding */
  for (gsize i = 0; i < n; i++)
    junk[i] = (char) (0x80 | (guchar) junk[i]);
  g_assert_true (g_file_set_contents (junk_path, junk, n, &error));
  {
    g_autoptr(KamCsv) csv = kam_csv_read_file (junk_path, &error);

    g_assert_null (csv);
    g_assert_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_ENCODING);
    g_clear_error (&error);
  }

  /* 50 MB of letters: one field far past the limit */
  for (gsize i = 0; i < n; i++)
    junk[i] = 'a' + (guchar) junk[i] % 26;
  g_assert_true (g_file_set_contents (text_path, junk, n, &error));
  {
    g_autoptr(KamCsv) csv = kam_csv_read_file (text_path, &error);

    g_assert_null (csv);
    g_assert_error (error, KAM_CSV_ERROR, KAM_CSV_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 0);
}

static void
test_values (void)
{
  struct { const char *text; const char *date; } dates[] = {
    { "2026-01-05", "2026-01-05" },
    { "2026/1/5", "2026-01-05" },
    { "05.01.2026", "2026-01-05" },
    { "2026年1月5日", "2026-01-05" },
    { "1/25/2026", "2026-01-25" },
    { "25/1/2026", "2026-01-25" },
    { "5/5/2026", "2026-05-05" },
    { "2026-01-05T10:00:00Z", "2026-01-05" },
    { "3/4/2026", NULL },
    { "2026-02-30", NULL },
    { "soon", NULL },
  };
  struct { const char *text; const char *number; } numbers[] = {
    { "1,234,567.5", "1234567.5" },
    { "1.234.567,5", "1234567.5" },
    { "12,5", "12.5" },
    { "12,500", "12500" },
    { "¥ 12 000", "12000" },
    { "3.5万", "35000" },
    { "2亿", "200000000" },
    { "45%", "45" },
    { "-3", "-3" },
    { "about ten", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;
      char buf[16];

      if (dates[i].date == NULL)
        {
          g_assert_false (kam_import_parse_date (dates[i].text, &date, &error));
          g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_ROWS);
          continue;
        }
      g_assert_true (kam_import_parse_date (dates[i].text, &date, &error));
      g_assert_no_error (error);
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
      g_assert_cmpstr (buf, ==, dates[i].date);
    }

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *number = kam_import_parse_number (numbers[i].text, &error);

      g_assert_cmpstr (number, ==, numbers[i].number);
      if (numbers[i].number == NULL)
        g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_ROWS);
    }
}

static void
test_headers (void)
{
  struct { const KamRecordKind *kind; const char *header; const char *target; } cases[] = {
    { &kam_account_kind, "Account Name", "name" },
    { &kam_account_kind, "客户名称", "name" },
    { &kam_account_kind, "Annual Revenue", "revenue_this_year" },
    { &kam_account_kind, "Billing City", "region" },
    { &kam_account_kind, "Account ID", "external_id" },
    { &kam_contact_kind, "Account Name", "account" },
    { &kam_contact_kind, "Title", "title" },
    { &kam_contact_kind, "职务", "title" },
    { &kam_contact_kind, "电话", "phone" },
    { &kam_contact_kind, "邮箱", "email" },
    { &kam_contact_kind, "E-mail", "email" },
    { &kam_contact_kind, "first_name", "first_name" },
    { &kam_contact_kind, "Last Name", "last_name" },
    { &kam_contact_kind, "Mailing City", "city" },
    { &kam_contact_kind, "  姓名： ", "name" },
    { &kam_opportunity_kind, "Opportunity Name", "name" },
    { &kam_opportunity_kind, "Stage", "stage" },
    { &kam_opportunity_kind, "Amount", "amount" },
    { &kam_opportunity_kind, "Close Date", "expected_close" },
    { &kam_visit_kind, "拜访日期", "start_at" },
    { &kam_contact_kind, "Favourite colour", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (kam_import_match_header (cases[i].kind, cases[i].header), ==, cases[i].target);
  g_assert_false (kam_import_kind_supported (&kam_member_kind));
}

/* Imports ---------------------------------------------------------------- */

static void
test_gbk_chinese (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KamRecord) huawei = NULL;
  g_autoptr(KamRecord) beer = NULL;
  g_autoptr(KamRecord) zhang = NULL;

  import_file (f, &kam_account_kind, "accounts-gbk.csv", 3, 0);
  import_file (f, &kam_contact_kind, "contacts-gbk.csv", 3, 0);

  huawei = find_by (f, &kam_account_kind, "name", "华为技术有限公司");
  g_assert_cmpstr (kam_record_get_string (huawei, "industry"), ==, "通信");
  g_assert_cmpstr (kam_record_get_string (huawei, "region"), ==, "深圳");
  g_assert_cmpstr (kam_record_get_string (huawei, "external_id"), ==, "CN-001");
  g_assert_cmpfloat (kam_record_get_double (huawei, "revenue_this_year"), ==, 1200000);
  g_assert_cmpfloat (kam_record_get_double (huawei, "gross_margin"), ==, 35);
  beer = find_by (f, &kam_account_kind, "name", "青岛啤酒");
  g_assert_cmpfloat (kam_record_get_double (beer, "revenue_this_year"), ==, 35000);

  zhang = find_by (f, &kam_contact_kind, "name", "张伟");
  g_assert_cmpstr (kam_record_get_string (zhang, "account_id"), ==, kam_record_get_id (huawei));
  g_assert_cmpstr (kam_record_get_string (zhang, "title"), ==, "采购总监");
  g_assert_cmpstr (kam_record_get_string (zhang, "department"), ==, "采购部");
  g_assert_cmpstr (kam_record_get_string (zhang, "phone"), ==, "138 0013 8000");
  g_assert_cmpstr (kam_record_get_string (zhang, "email"), ==, "zhang.wei@example.cn");

  /* the same files again: updates, no duplicates */
  import_file (f, &kam_account_kind, "accounts-gbk.csv", 0, 3);
  import_file (f, &kam_contact_kind, "contacts-gbk.csv", 0, 3);
  g_assert_cmpuint (kam_store_count (f->store, &kam_account_kind), ==, 3);
  g_assert_cmpuint (kam_store_count (f->store, &kam_contact_kind), ==, 3);
}

static void
test_salesforce (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KamRecord) acme = NULL;
  g_autoptr(KamRecord) fleet = NULL;
  g_autoptr(KamRecord) retrofit = NULL;
  g_autoptr(KamRecord) review = NULL;
  g_autoptr(KamRecord) newyear = NULL;

  import_file (f, &kam_account_kind, "salesforce-accounts.csv", 2, 0);
  import_file (f, &kam_opportunity_kind, "salesforce-opportunities.csv", 2, 0);
  import_file (f, &kam_visit_kind, "visits-semicolon.csv", 2, 0);

  acme = find_by (f, &kam_account_kind, "external_id", "0015g00000AbCdEAAV");
  g_assert_cmpstr (kam_record_get_string (acme, "name"), ==, "Acme Industrial GmbH");
  g_assert_cmpstr (kam_record_get_string (acme, "region"), ==, "Munich");
  g_assert_cmpfloat (kam_record_get_double (acme, "revenue_this_year"), ==, 5000000);
  g_assert_nonnull (strstr (kam_record_get_string (acme, "strategy"), "\"Werk Süd\""));

  fleet = find_by (f, &kam_opportunity_kind, "name", "Fleet service contract");
  g_assert_cmpstr (account_name_of (f, fleet), ==, "Shanghai Auto Group");
  g_assert_cmpint (kam_record_get_int (fleet, "stage"), ==, KAM_STAGE_CLOSED_WON);
  g_assert_cmpfloat (kam_record_get_double (fleet, "amount"), ==, 1800000);
  /* 12/01/2025 alone is ambiguous; 3/15/2026 in the same column says MM/DD */
  g_assert_cmpstr (kam_record_get_string (fleet, "expected_close"), ==, "2025-12-01");
  retrofit = find_by (f, &kam_opportunity_kind, "external_id", "0065g00000XyZ1AAA");
  g_assert_cmpint (kam_record_get_int (retrofit, "stage"), ==, KAM_STAGE_SOLUTION_PROPOSAL);
  g_assert_cmpint (kam_record_get_int (retrofit, "probability"), ==, 60);
  g_assert_cmpstr (kam_record_get_string (retrofit, "expected_close"), ==, "2026-03-15");

  review = find_by (f, &kam_visit_kind, "objective", "Quarterly review");
  g_assert_cmpstr (account_name_of (f, review), ==, "Acme Industrial GmbH");
  g_assert_cmpint (kam_record_get_int (review, "status"), ==, KAM_VISIT_DONE);
  newyear = find_by (f, &kam_visit_kind, "objective", "New year visit");
  g_assert_true (g_str_has_prefix (kam_record_get_string (newyear, "start_at"), "2026-01-0"));

  /* again: all updates */
  import_file (f, &kam_account_kind, "salesforce-accounts.csv", 0, 2);
  import_file (f, &kam_opportunity_kind, "salesforce-opportunities.csv", 0, 2);
  import_file (f, &kam_visit_kind, "visits-semicolon.csv", 0, 2);
  g_assert_cmpuint (kam_store_count (f->store, &kam_opportunity_kind), ==, 2);
  g_assert_cmpuint (kam_store_count (f->store, &kam_visit_kind), ==, 2);
}

static void
test_excel_utf16 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KamRecord) anna = NULL;
  g_autoptr(KamRecord) liu = NULL;

  import_file (f, &kam_account_kind, "salesforce-accounts.csv", 2, 0);
  import_file (f, &kam_account_kind, "accounts-gbk.csv", 3, 0);
  import_file (f, &kam_contact_kind, "contacts-excel-utf16.txt", 2, 0);

  anna = find_by (f, &kam_contact_kind, "name", "Anna Schmidt");
  g_assert_cmpstr (account_name_of (f, anna), ==, "Shanghai Auto Group");
  g_assert_cmpstr (kam_record_get_string (anna, "notes"), ==, "Met at the \"Auto China\" fair\nPrefers email");
  liu = find_by (f, &kam_contact_kind, "name", "刘强");  /* 刘 + 强, no space */
  g_assert_cmpstr (account_name_of (f, liu), ==, "青岛啤酒");
}

static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(KamImport) import = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    NULL, "not a number", "not a date", "could be day/month", "Unknown account", "header has 4",
  };

  import_file (f, &kam_account_kind, "salesforce-accounts.csv", 2, 0);
  import = csv_import (f, &kam_opportunity_kind, "opportunities-bad.csv");

  g_assert_cmpuint (kam_import_get_n_rows (import), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const KamImportRow *row = kam_import_get_row (import, i);

      g_assert_cmpuint (row->line, ==, i + 2);
      if (expected[i] == NULL)
        g_assert_null (row->error);
      else
        g_assert_nonnull (strstr (row->error, expected[i]));
    }
  g_assert_cmpuint (kam_import_get_n_errors (import), ==, 5);

  /* refused: nothing written */
  g_assert_false (kam_import_commit (import, FALSE, NULL, NULL, &error));
  g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (kam_store_count (f->store, &kam_opportunity_kind), ==, 0);
  g_clear_error (&error);

  /* the good rows when asked for */
  g_assert_true (kam_import_commit (import, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kam_store_count (f->store, &kam_opportunity_kind), ==, 1);
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  static const char text[] = "Firma,Person,Funktion,Lieblingsfarbe\nAcme Industrial GmbH,Max Muster,CFO,blau\n";
  g_autofree char *path = g_build_filename (f->dir, "mapping.json", NULL);
  g_autoptr(KamImport) import = NULL;
  g_autoptr(KamImport) again = NULL;
  g_autoptr(KamRecord) max = NULL;
  g_autoptr(GError) error = NULL;

  import_file (f, &kam_account_kind, "salesforce-accounts.csv", 2, 0);

  import = kam_import_new_for_csv (f->store, &kam_contact_kind, kam_csv_parse (text, strlen (text), NULL), &error);
  g_assert_no_error (error);
  /* no header is known: the mapping cannot work */
  g_assert_false (kam_import_prepare (import, NULL, NULL, &error));
  g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING);
  g_clear_error (&error);

  g_assert_true (kam_import_set_column_target (import, 0, "account", &error));
  g_assert_true (kam_import_set_column_target (import, 1, "name", &error));
  g_assert_true (kam_import_set_column_target (import, 2, "title", &error));
  g_assert_false (kam_import_set_column_target (import, 3, "colour", &error));
  g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING);
  g_clear_error (&error);
  g_assert_true (kam_import_save_mapping (import, path, &error));
  g_assert_no_error (error);

  again = kam_import_new_for_csv (f->store, &kam_contact_kind, kam_csv_parse (text, strlen (text), NULL), &error);
  g_assert_true (kam_import_load_mapping (again, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kam_import_get_column_target (again, 2), ==, "title");
  g_assert_null (kam_import_get_column_target (again, 3));
  g_assert_true (kam_import_prepare (again, NULL, NULL, &error));
  g_assert_true (kam_import_commit (again, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  max = find_by (f, &kam_contact_kind, "name", "Max Muster");
  g_assert_cmpstr (kam_record_get_string (max, "title"), ==, "CFO");

  /* a table without the Funktion column: taken as far as it goes, or
   * refused by the exact load, which changes nothing */
  {
    static const char fewer[] = "Firma,Person\nAcme Industrial GmbH,Max Muster\n";
    g_autoptr(KamImport) lenient = kam_import_new_for_csv (f->store, &kam_contact_kind,
                                                           kam_csv_parse (fewer, strlen (fewer), NULL), &error);
    g_autoptr(KamImport) exact = kam_import_new_for_csv (f->store, &kam_contact_kind,
                                                         kam_csv_parse (fewer, strlen (fewer), NULL), &error);

    g_assert_true (kam_import_load_mapping (lenient, path, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (kam_import_get_column_target (lenient, 1), ==, "name");
    g_assert_false (kam_import_load_mapping_exact (exact, path, &error));
    g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING);
    g_assert_nonnull (strstr (error->message, "“Funktion”"));
    g_assert_null (strstr (error->message, "Lieblingsfarbe"));  /* mapped to nothing */
    g_clear_error (&error);
    g_assert_null (kam_import_get_column_target (exact, 0));
    g_assert_null (kam_import_get_column_target (exact, 1));
  }

  /* a field contacts do not have: nothing of the file is taken */
  {
    g_autofree char *bad = g_build_filename (f->dir, "bad-mapping.json", NULL);
    g_autoptr(KamImport) third = kam_import_new_for_csv (f->store, &kam_contact_kind,
                                                         kam_csv_parse (text, strlen (text), NULL), &error);

    g_assert_true (g_file_set_contents (bad, "{\"format\": \"key-accounts-import-mapping\", \"kind\": \"contact\", "
                                        "\"columns\": {\"Firma\": \"account\", \"Person\": \"colour\"}}", -1, &error));
    g_assert_false (kam_import_load_mapping (third, bad, &error));
    g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING);
    g_clear_error (&error);
    g_assert_null (kam_import_get_column_target (third, 0));
    g_unlink (bad);
  }

  /* a mapping of another kind is refused */
  {
    g_autoptr(KamImport) accounts = kam_import_new_for_csv (f->store, &kam_account_kind,
                                                            kam_csv_parse (text, strlen (text), NULL), &error);

    g_assert_false (kam_import_load_mapping (accounts, path, &error));
    g_assert_error (error, KAM_IMPORT_ERROR, KAM_IMPORT_ERROR_MAPPING);
  }
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Account Name,Name,Title\n");
  g_autoptr(KamImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) last = NULL;
  double fraction = 0;

  import_file (f, &kam_account_kind, "accounts-gbk.csv", 3, 0);
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "%s,联系人 %u,经理\n", i % 2 ? "青岛啤酒" : "CN-001", i);

  import = kam_import_new_for_csv (f->store, &kam_contact_kind, kam_csv_parse (text->str, text->len, NULL), &error);
  g_assert_true (kam_import_prepare (import, progress_cb, &fraction, &error));
  g_assert_cmpuint (kam_import_get_n_new (import), ==, 3000);
  g_assert_true (kam_import_commit (import, FALSE, progress_cb, &fraction, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (fraction, ==, 1.0);
  g_assert_cmpuint (kam_store_count (f->store, &kam_contact_kind), ==, 3000);

  last = find_by (f, &kam_contact_kind, "name", "联系人 2999");
  g_assert_cmpstr (account_name_of (f, last), ==, "青岛啤酒");
  /* the search index was rebuilt after the bulk load */
  {
    g_autoptr(GPtrArray) hits = kam_store_search (f->store, "联系人", 5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 5);
  }
}

/* vCard ------------------------------------------------------------------ */

static KamImport *
vcard_import (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path (name);
  KamImport *import = kam_vcard_read_file (f->store, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (kam_import_prepare (import, NULL, NULL, &error));
  g_assert_no_error (error);
  return import;
}

static void
test_vcard_read (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KamImport) phone = NULL;
  g_autoptr(KamImport) mail = NULL;
  g_autoptr(KamRecord) li = NULL;
  g_autoptr(KamRecord) zhao = NULL;
  g_autoptr(KamRecord) anna = NULL;
  g_autoptr(GError) error = NULL;

  import_file (f, &kam_account_kind, "accounts-gbk.csv", 3, 0);
  import_file (f, &kam_account_kind, "salesforce-accounts.csv", 2, 0);

  phone = vcard_import (f, "phone-2.1.vcf");
  g_assert_cmpuint (kam_import_get_n_rows (phone), ==, 2);
  g_assert_cmpuint (kam_import_get_n_errors (phone), ==, 0);
  g_assert_true (kam_import_commit (phone, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);

  li = find_by (f, &kam_contact_kind, "name", "李娜");
  g_assert_cmpstr (account_name_of (f, li), ==, "华为技术有限公司");
  g_assert_cmpstr (kam_record_get_string (li, "department"), ==, "研发部");
  g_assert_cmpstr (kam_record_get_string (li, "title"), ==, "高级技术经理");
  g_assert_cmpstr (kam_record_get_string (li, "phone"), ==, "13900001111");  /* the mobile */
  g_assert_cmpstr (kam_record_get_string (li, "email"), ==, "li.na@example.cn");
  g_assert_cmpstr (kam_record_get_string (li, "notes"), ==,
                   "这是一个很长的备注，用来测试软换行：客户经理每季度拜访一次，关注回款和毛利率。");
  zhao = find_by (f, &kam_contact_kind, "name", "赵敏");  /* from N: 赵 + 敏 */
  g_assert_cmpstr (account_name_of (f, zhao), ==, "青岛啤酒");

  mail = vcard_import (f, "contacts-3.0.vcf");
  g_assert_cmpuint (kam_import_get_n_errors (mail), ==, 0);
  g_assert_true (kam_import_commit (mail, FALSE, NULL, NULL, &error));
  anna = find_by (f, &kam_contact_kind, "name", "Anna Schmidt");
  g_assert_cmpstr (account_name_of (f, anna), ==, "Acme Industrial GmbH");
  g_assert_cmpstr (kam_record_get_string (anna, "department"), ==, "Purchasing, Europe");
  g_assert_cmpstr (kam_record_get_string (anna, "phone"), ==, "+49 89 1234 5678");
  g_assert_cmpstr (kam_record_get_string (anna, "external_id"), ==, "urn:uuid:4f5a6b7c-0000-4000-8000-000000000001");
  g_assert_cmpstr (kam_record_get_string (anna, "notes"), ==,
                   "Prefers meetings in the morning.\nAsk about the new plant; budget is approved for 2026.\n"
                   "Address: Leopoldstraße 1, München, Bayern, 80802, Germany\nBirthday: 1980-03-15");

  /* a card whose ORG is no account is an error, and nothing is written */
  {
    static const char card[] = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nobody\r\nORG:Unknown Ltd\r\nEND:VCARD\r\n";
    g_autoptr(KamImport) unknown = kam_vcard_import_new (f->store, card, strlen (card), NULL, &error);
    guint before = kam_store_count (f->store, &kam_contact_kind);

    g_assert_true (kam_import_prepare (unknown, NULL, NULL, &error));
    g_assert_nonnull (strstr (kam_import_get_row (unknown, 0)->error, "Unknown Ltd"));
    g_assert_false (kam_import_commit (unknown, FALSE, NULL, NULL, &error));
    g_clear_error (&error);
    g_assert_cmpuint (kam_store_count (f->store, &kam_contact_kind), ==, before);
  }
}

static void
test_vcard_write (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KamRecord) huawei = NULL;
  g_autoptr(KamRecord) zhang = NULL;
  g_autofree char *long_note = NULL;
  g_autofree char *xs = NULL;
  const KamVCardVersion versions[] = { KAM_VCARD_3_0, KAM_VCARD_4_0 };

  import_file (f, &kam_account_kind, "accounts-gbk.csv", 3, 0);
  import_file (f, &kam_contact_kind, "contacts-gbk.csv", 3, 0);
  huawei = find_by (f, &kam_account_kind, "name", "华为技术有限公司");
  zhang = find_by (f, &kam_contact_kind, "name", "张伟");
  xs = g_strnfill (40, 'x');
  long_note = g_strconcat ("备注; with, \\ escapes\n", "客户经理每季度拜访一次关注回款和毛利率客户满意度决策链拜访计划", xs, NULL);
  g_assert_true (kam_record_set_from_string (zhang, "notes", long_note, &error));
  g_assert_true (kam_store_save (f->store, zhang, &error));

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(KamImport) back = NULL;
      guint n = 0;

      text = kam_vcard_export (f->store, kam_record_get_id (huawei), versions[v], &n, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 2);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_nonnull (strstr (text, versions[v] == KAM_VCARD_4_0 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n"));
      g_assert_nonnull (strstr (text, "N:张;伟;;;\r\n"));
      g_assert_nonnull (strstr (text, "NOTE:备注\\; with\\, \\\\ escapes\\n"));

      /* folded at 75 octets, never inside a character */
      lines = g_strsplit (text, "\r\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_assert_cmpuint (strlen (lines[i]), <=, 75);
          g_assert_true (g_utf8_validate (lines[i], -1, NULL));
        }

      /* read back: the same contacts, updated */
      back = kam_vcard_import_new (f->store, text, strlen (text), NULL, &error);
      g_assert_no_error (error);
      g_assert_true (kam_import_prepare (back, NULL, NULL, &error));
      g_assert_cmpuint (kam_import_get_n_errors (back), ==, 0);
      g_assert_cmpuint (kam_import_get_n_updates (back), ==, 2);
      for (guint i = 0; i < kam_import_get_n_rows (back); i++)
        {
          KamRecord *r = kam_import_get_row (back, i)->record;

          if (g_str_equal (kam_record_get_string (r, "name"), "张伟"))
            g_assert_cmpstr (kam_record_get_string (r, "notes"), ==, long_note);
        }
    }
}

/* CSV export -------------------------------------------------------------- */

static void
test_csv_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KamQuery) query = kam_query_new (&kam_contact_kind);
  g_autoptr(KamRecord) huawei = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KamCsv) csv = NULL;
  g_autoptr(KamImport) back = NULL;
  guint n = 0;

  import_file (f, &kam_account_kind, "accounts-gbk.csv", 3, 0);
  import_file (f, &kam_contact_kind, "contacts-gbk.csv", 3, 0);
  huawei = find_by (f, &kam_account_kind, "name", "华为技术有限公司");

  kam_query_set_account (query, kam_record_get_id (huawei));
  g_assert_true (kam_query_set_sort (query, "name", TRUE, &error));
  text = kam_export_csv_data (f->store, query, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (text, "\r\n"));

  csv = kam_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv->header->fields[0], ==, "Account");
  g_assert_cmpuint (csv->rows->len, ==, 2);
  g_assert_cmpstr (((KamCsvRow *) csv->rows->pdata[0])->fields[0], ==, "华为技术有限公司");

  /* what was exported imports back as updates */
  back = kam_import_new_for_csv (f->store, &kam_contact_kind, kam_csv_parse (text, strlen (text), NULL), &error);
  g_assert_true (kam_import_prepare (back, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kam_import_get_n_errors (back), ==, 0);
  g_assert_cmpuint (kam_import_get_n_updates (back), ==, 2);
}

/* Pinyin order ------------------------------------------------------------ */

static void
list_names (Fixture    *f,
            GPtrArray  *names)
{
  g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);
  g_autoptr(KamRecordList) list = kam_record_list_new (f->store, query);

  g_ptr_array_set_size (names, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KamRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (names, g_strdup (kam_record_get_string (r, "name")));
    }
}

static void
test_pinyin_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));

  import_file (f, &kam_account_kind, "accounts-gbk.csv", 3, 0);

  /* code point order: 上 (U+4E0A) < 华 (U+534E) < 青 (U+9752) */
  setlocale (LC_COLLATE, "C.UTF-8");
  list_names (f, names);
  g_assert_cmpstr (names->pdata[0], ==, "上海汽车集团");
  g_assert_cmpstr (names->pdata[2], ==, "青岛啤酒");

  if (setlocale (LC_COLLATE, "zh_CN.UTF-8") == NULL)
    {
      setlocale (LC_COLLATE, saved);
      g_test_skip ("no zh_CN.UTF-8 locale (build-aux/test generates it)");
      return;
    }
  /* pinyin: hua < qing < shang */
  list_names (f, names);
  setlocale (LC_COLLATE, saved);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpstr (names->pdata[0], ==, "华为技术有限公司");
  g_assert_cmpstr (names->pdata[1], ==, "青岛啤酒");
  g_assert_cmpstr (names->pdata[2], ==, "上海汽车集团");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kam/import/csv/encodings", test_csv_encodings);
  g_test_add_func ("/kam/import/csv/quoting", test_csv_quoting);
  g_test_add_func ("/kam/import/csv/write", test_csv_write);
  g_test_add ("/kam/import/csv/refused", Fixture, NULL, fixture_set_up, test_csv_refused, fixture_tear_down);
  g_test_add_func ("/kam/import/values", test_values);
  g_test_add_func ("/kam/import/headers", test_headers);
  g_test_add ("/kam/import/gbk-chinese", Fixture, NULL, fixture_set_up, test_gbk_chinese, fixture_tear_down);
  g_test_add ("/kam/import/salesforce", Fixture, NULL, fixture_set_up, test_salesforce, fixture_tear_down);
  g_test_add ("/kam/import/excel-utf16", Fixture, NULL, fixture_set_up, test_excel_utf16, fixture_tear_down);
  g_test_add ("/kam/import/bad-rows", Fixture, NULL, fixture_set_up, test_bad_rows, fixture_tear_down);
  g_test_add ("/kam/import/mapping", Fixture, NULL, fixture_set_up, test_mapping, fixture_tear_down);
  g_test_add ("/kam/import/bulk", Fixture, NULL, fixture_set_up, test_bulk, fixture_tear_down);
  g_test_add ("/kam/import/vcard/read", Fixture, NULL, fixture_set_up, test_vcard_read, fixture_tear_down);
  g_test_add ("/kam/import/vcard/write", Fixture, NULL, fixture_set_up, test_vcard_write, fixture_tear_down);
  g_test_add ("/kam/import/csv/export", Fixture, NULL, fixture_set_up, test_csv_export, fixture_tear_down);
  g_test_add ("/kam/import/pinyin-order", Fixture, NULL, fixture_set_up, test_pinyin_order, fixture_tear_down);

  return g_test_run ();
}
