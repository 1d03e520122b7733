/* kam-cli-bench.c — kam bench
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times, in this process, what the window does when it opens and as people
 * type and filter: opening the database, the first page of the accounts
 * list, the global search and the account filter for each keystroke of two
 * words, the tier filter, the pipeline, coverage and due visits.  Prints one
 * JSON object of median milliseconds over the rounds, with the counts seen,
 * so runs on different machines and databases can be compared.
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kam-cli.h"
#include "kam-cli-bench-pipeline.h"
#include "kam-insights.h"
#include "kam-list.h"
#include "kam-model.h"

#define PAGE_SIZE 64

int kam_cli_bench_map (JsonBuilder *b, int rounds, const GDate *today, GError **error);  /* kam-cli-bench-map.c */
gboolean kam_cli_bench_review (KamStore *store, JsonBuilder *b, int rounds, const GDate *today, GError **error);  /* kam-cli-bench-review.c */

/* Keystrokes of a Chinese and a Latin query, as people type them. */
static const char * const keystrokes[] = { "中", "中国", "中国电", "zh", "zhang" };
#define N_KEYSTROKES G_N_ELEMENTS (keystrokes)

typedef struct {
  const char *name;
  GArray     *samples;  /* double, ms */
} Timing;

static double
round_ms (double ms)
{
  return (double) (gint64) (ms * 1000 + 0.5) / 1000;
}

static void
add_sample (GArray *samples,
            gint64  start)
{
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  g_array_append_val (samples, ms);
}

/* A new list for @query: its count and its first page, as a list view
 * showing it would ask for them.  Returns the count. */
static guint
count_and_first_page (KamStore  *store,
                      KamQuery  *query,
                      GError   **error)
{
  g_autoptr(KamRecordList) list = kam_record_list_new (store, query);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < MIN (n, PAGE_SIZE); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);
    }

  if (kam_record_list_get_error (list) != NULL)
    {
      g_propagate_error (error, g_error_copy (kam_record_list_get_error (list)));
      return 0;
    }
  return n;
}

typedef struct {
  guint n_first_page;
  guint n_search[N_KEYSTROKES];
  guint n_filter[N_KEYSTROKES];
  guint n_tier_a;
  guint n_deals;
  guint n_coverage;
  guint n_due;
} Counts;

enum {
  T_OPEN,
  T_FIRST_PAGE,
  T_FILTER_TIER,
  T_PIPELINE,
  T_COVERAGE,
  T_DUE,
  N_TIMINGS
};

static const char * const timing_names[N_TIMINGS] = {
  "open", "accounts_first_page", "filter_tier", "pipeline", "coverage", "due",
};

static gboolean
run_round (KamStore     *store,
           GArray      **timings,
           GArray      **search,
           GArray      **filter,
           Counts       *counts,
           const GDate  *today,
           GError      **error)
{
  gint64 start;

  {
    g_autoptr(KamStore) other = NULL;

    start = g_get_monotonic_time ();
    other = kam_store_open (kam_store_get_path (store), error);
    if (other == NULL)
      return FALSE;
    g_clear_object (&other);
    add_sample (timings[T_OPEN], start);
  }

  {
    g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);

    start = g_get_monotonic_time ();
    if (!kam_query_set_sort (query, "name", FALSE, error))
      return FALSE;
    counts->n_first_page = count_and_first_page (store, query, error);
    if (error != NULL && *error != NULL)
      return FALSE;
    add_sample (timings[T_FIRST_PAGE], start);
  }

  for (guint k = 0; k < N_KEYSTROKES; k++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);

      start = g_get_monotonic_time ();
      hits = kam_store_search (store, keystrokes[k], 50, error);
      if (hits == NULL)
        return FALSE;
      add_sample (search[k], start);
      counts->n_search[k] = hits->len;

      start = g_get_monotonic_time ();
      kam_query_set_search (query, keystrokes[k]);
      counts->n_filter[k] = count_and_first_page (store, query, error);
      if (error != NULL && *error != NULL)
        return FALSE;
      add_sample (filter[k], start);
    }

  {
    g_autoptr(KamQuery) query = kam_query_new (&kam_account_kind);

    start = g_get_monotonic_time ();
    kam_query_set_tier (query, "A");
    counts->n_tier_a = count_and_first_page (store, query, error);
    if (error != NULL && *error != NULL)
      return FALSE;
    add_sample (timings[T_FILTER_TIER], start);
  }

  {
    KamPipelineSummary summary;

    start = g_get_monotonic_time ();
    if (!kam_insights_pipeline (store, g_date_get_year (today), NULL, &summary, error))
      return FALSE;
    add_sample (timings[T_PIPELINE], start);
    counts->n_deals = summary.n_deals;
  }

  {
    g_autoptr(GPtrArray) items = NULL;

    start = g_get_monotonic_time ();
    items = kam_insights_coverage (store, NULL, today, error);
    if (items == NULL)
      return FALSE;
    add_sample (timings[T_COVERAGE], start);
    counts->n_coverage = items->len;
  }

  {
    g_autoptr(GPtrArray) due = NULL;
    KamDueCounts due_counts;

    /* What the visit plan's "Due" panel shows: the 100 most overdue, and
     * how many are due in all. */
    start = g_get_monotonic_time ();
    due = kam_insights_due (store, NULL, today, 100, &due_counts, error);
    if (due == NULL)
      return FALSE;
    add_sample (timings[T_DUE], start);
    counts->n_due = due_counts.accounts + due_counts.contacts;
  }

  return TRUE;
}

static void
add_keystrokes (JsonBuilder  *b,
                const char   *name,
                GArray      **samples)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint k = 0; k < N_KEYSTROKES; k++)
    {
      json_builder_set_member_name (b, keystrokes[k]);
      json_builder_add_double_value (b, round_ms (kam_median (samples[k])));
    }
  json_builder_end_object (b);
}

static void
add_keystroke_counts (JsonBuilder *b,
                      const char  *name,
                      const guint *n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint k = 0; k < N_KEYSTROKES; k++)
    {
      json_builder_set_member_name (b, keystrokes[k]);
      json_builder_add_int_value (b, n[k]);
    }
  json_builder_end_object (b);
}

int
kam_cli_bench (int    argc,
               char **argv)
{
  g_autofree char *db = NULL;
  int rounds = 15;
  int import_rows = 100000;
  const GOptionEntry entries[] = {
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, N_("Repeat each measure N times and report the median (default 15)"), N_("N") },
    { "import-rows", 0, 0, G_OPTION_ARG_INT, &import_rows, N_("Rows of the contacts CSV whose import is timed, in a temporary database (default 100000; 0: none)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  GArray *timings[N_TIMINGS];
  GArray *search[N_KEYSTROKES];
  GArray *filter[N_KEYSTROKES];
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);
  Counts counts = { 0 };
  GDate today;
  int status = KAM_CLI_OK;

  context = kam_cli_context_new ("bench", NULL,
                                 N_("Times the queries behind the window on the database, in this process, and\n"
                                    "prints one JSON object of median milliseconds: open, accounts_first_page\n"
                                    "(count and 64 rows sorted by name), search and account_filter for each\n"
                                    "keystroke of “中国电” and “zhang”, filter_tier (tier A), pipeline, coverage\n"
                                    "and due, with the counts seen."),
                                 entries, &db);
  if (!kam_cli_parse (context, "bench", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc > 1)
    return kam_cli_usage ("bench", _("Unexpected argument “%s”"), argv[1]);
  if (rounds < 1)
    return kam_cli_usage ("bench", _("--rounds must be 1 or more"));

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  kam_cli_parse_today (NULL, &today);

  for (guint i = 0; i < N_TIMINGS; i++)
    timings[i] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint k = 0; k < N_KEYSTROKES; k++)
    {
      search[k] = g_array_new (FALSE, FALSE, sizeof (double));
      filter[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (int r = 0; r < rounds; r++)
    if (!run_round (store, timings, search, filter, &counts, &today, &error))
      {
        status = kam_cli_fail (error);
        goto out;
      }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rounds");
  json_builder_add_int_value (b, rounds);
  for (guint i = 0; i < N_TIMINGS; i++)
    {
      if (i == T_FILTER_TIER)
        {
          add_keystrokes (b, "search", search);
          add_keystrokes (b, "account_filter", filter);
        }
      json_builder_set_member_name (b, timing_names[i]);
      json_builder_add_double_value (b, round_ms (kam_median (timings[i])));
    }
  if (!kam_cli_bench_visits (store, b, rounds, &today, &error))
    {
      status = kam_cli_fail (error);
      goto out;
    }

  if (!kam_cli_bench_import (b, rounds, import_rows, &error))
    {
      status = kam_cli_fail (error);
      goto out;
    }

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (guint k = 0; k < n_kinds; k++)
    {
      g_autofree char *plural = g_strdup_printf ("%s%s", kinds[k]->name,
                                                 g_str_has_suffix (kinds[k]->name, "y") ? "" : "s");

      if (g_str_has_suffix (kinds[k]->name, "y"))
        {
          g_free (plural);
          plural = g_strdup_printf ("%.*sies", (int) strlen (kinds[k]->name) - 1, kinds[k]->name);
        }
      json_builder_set_member_name (b, plural);
      json_builder_add_int_value (b, kam_store_count (store, kinds[k]));
    }
  json_builder_set_member_name (b, "accounts_first_page");
  json_builder_add_int_value (b, MIN (counts.n_first_page, PAGE_SIZE));
  add_keystroke_counts (b, "search", counts.n_search);
  add_keystroke_counts (b, "account_filter", counts.n_filter);
  json_builder_set_member_name (b, "filter_tier");
  json_builder_add_int_value (b, counts.n_tier_a);
  json_builder_set_member_name (b, "pipeline_deals");
  json_builder_add_int_value (b, counts.n_deals);
  json_builder_set_member_name (b, "coverage");
  json_builder_add_int_value (b, counts.n_coverage);
  json_builder_set_member_name (b, "due");
  json_builder_add_int_value (b, counts.n_due);
  json_builder_end_object (b);

  if (!kam_cli_bench_pipeline (store, b, rounds, &error)
      || !kam_cli_bench_map (b, rounds, &today, &error))
    {
      status = kam_cli_fail (error);
      goto out;
    }

  if (!kam_cli_bench_review (store, b, rounds, &today, &error))
    {
      status = kam_cli_fail (error);
      goto out;
    }

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  kam_cli_print_json (root);

out:
  for (guint i = 0; i < N_TIMINGS; i++)
    g_array_unref (timings[i]);
  for (guint k = 0; k < N_KEYSTROKES; k++)
    {
      g_array_unref (search[k]);
      g_array_unref (filter[k]);
    }
  return status;
}
