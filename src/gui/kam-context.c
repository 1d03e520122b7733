/* kam-context.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-context"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "kam-context.h"
#include "kam-store-private.h"

struct _KamContext
{
  GObject     parent_instance;

  KamStore   *store;
  GSettings  *settings;
  GListStore *members;
  GHashTable *member_names;  /* id -> name */
  GHashTable *coverage;      /* account id -> KamAccountCoverage, NULL when stale */
};

G_DEFINE_FINAL_TYPE (KamContext, kam_context, G_TYPE_OBJECT)

static int
compare_member_names (gconstpointer a,
                      gconstpointer b)
{
  KamRecord *ma = *(KamRecord **) a;
  KamRecord *mb = *(KamRecord **) b;

  return g_utf8_collate (kam_record_get_string (ma, "name"), kam_record_get_string (mb, "name"));
}

static void
reload_members (KamContext *self)
{
  g_autoptr(GPtrArray) all = kam_store_load_all (self->store, &kam_member_kind, NULL);

  g_hash_table_remove_all (self->member_names);
  if (all == NULL)
    {
      g_list_store_remove_all (self->members);
      return;
    }

  g_ptr_array_sort (all, compare_member_names);
  for (guint i = 0; i < all->len; i++)
    {
      KamRecord *member = g_ptr_array_index (all, i);

      g_hash_table_insert (self->member_names, g_strdup (kam_record_get_id (member)),
                           g_strdup (kam_record_get_string (member, "name")));
    }
  g_list_store_splice (self->members, 0, g_list_model_get_n_items (G_LIST_MODEL (self->members)),
                       all->pdata, all->len);
}

static void
store_changed_cb (KamContext *self,
                  guint       flags,
                  KamStore   *store)
{
  if (flags & KAM_CHANGE_MEMBER)
    reload_members (self);
  if (flags & (KAM_CHANGE_ACCOUNT | KAM_CHANGE_CONTACT | KAM_CHANGE_VISIT | KAM_CHANGE_SETTINGS))
    g_clear_pointer (&self->coverage, g_hash_table_unref);
}

static void
kam_context_finalize (GObject *object)
{
  KamContext *self = KAM_CONTEXT (object);

  g_clear_pointer (&self->coverage, g_hash_table_unref);
  g_clear_pointer (&self->member_names, g_hash_table_unref);
  g_clear_object (&self->members);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kam_context_parent_class)->finalize (object);
}

static void
kam_context_class_init (KamContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kam_context_finalize;
}

static void
kam_context_init (KamContext *self)
{
  self->members = g_list_store_new (KAM_TYPE_MEMBER);
  self->member_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

KamContext *
kam_context_new (KamStore  *store,
                 GSettings *settings)
{
  KamContext *self = g_object_new (KAM_TYPE_CONTEXT, NULL);

  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload_members (self);

  return self;
}

KamStore *
kam_context_get_store (KamContext *self)
{
  return self->store;
}

GSettings *
kam_context_get_settings (KamContext *self)
{
  return self->settings;
}

const char *
kam_context_get_member_name (KamContext *self,
                             const char *member_id)
{
  const char *name = member_id ? g_hash_table_lookup (self->member_names, member_id) : NULL;

  return name ? name : "";
}

GListModel *
kam_context_get_members (KamContext *self)
{
  return G_LIST_MODEL (self->members);
}

const char *
kam_context_get_me (KamContext *self)
{
  g_autofree char *me = self->settings ? g_settings_get_string (self->settings, "owner-name") : NULL;
  GHashTableIter iter;
  gpointer id, name;

  if (me == NULL || *me == '\0')
    return NULL;

  g_hash_table_iter_init (&iter, self->member_names);
  while (g_hash_table_iter_next (&iter, &id, &name))
    if (g_utf8_collate (name, me) == 0)
      return id;

  return NULL;
}

const KamAccountCoverage *
kam_context_get_coverage (KamContext *self,
                          const char *account_id)
{
  KamAccountCoverage *item;

  if (account_id == NULL)
    return NULL;

  if (self->coverage == NULL)
    self->coverage = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) kam_account_coverage_free);

  /* One account at a time, as rows and pages ask: the window shows a few
   * dozen, and a query for one account reads only its contacts, where all
   * of a large portfolio would hold up the first frame. */
  item = g_hash_table_lookup (self->coverage, account_id);
  if (item == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GPtrArray) one = NULL;
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      one = kam_insights_coverage (self->store, account_id, &today, &error);
      if (one == NULL)
        {
          g_warning ("Cannot compute coverage: %s", error->message);
          return NULL;
        }
      if (one->len == 0)
        return NULL;
      item = g_ptr_array_steal_index (one, 0);
      g_hash_table_insert (self->coverage, item->account_id, item);
    }

  return item;
}

static const char distinct_industry_sql[] =
  "SELECT DISTINCT industry FROM account WHERE deleted = 0 AND industry != '' ORDER BY 1";
static const char distinct_region_sql[] =
  "SELECT DISTINCT region FROM account WHERE deleted = 0 AND region != '' ORDER BY 1";

GStrv
kam_context_dup_account_values (KamContext *self,
                                const char *field)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = kam_store_prepare (self->store,
                            g_str_equal (field, "industry") ? distinct_industry_sql : distinct_region_sql,
                            NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return g_strv_builder_end (builder);
}

static const char *
currency_symbol (const char *currency)
{
  if (g_strcmp0 (currency, "CNY") == 0 || g_strcmp0 (currency, "JPY") == 0)
    return "¥";
  if (g_strcmp0 (currency, "USD") == 0)
    return "$";
  if (g_strcmp0 (currency, "EUR") == 0)
    return "€";
  if (g_strcmp0 (currency, "GBP") == 0)
    return "£";
  return NULL;
}

/* "1,250,000" with the locale's separator (a comma when it has none: the C
 * locale of a bare session has none, and 1250000 is hard to read). */
static char *
group_digits (double amount)
{
  struct lconv *conv = localeconv ();
  const char *sep = conv->thousands_sep && *conv->thousands_sep ? conv->thousands_sep : ",";
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (amount));
  GString *out = g_string_new (amount <= -0.5 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

gboolean
kam_context_reads_chinese (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "zh");
}

gboolean
kam_context_days_since (const char *iso,
                        int        *days)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate then_date, today;

  if (iso == NULL || *iso == '\0')
    return FALSE;

  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_local (utc);

  g_date_clear (&then_date, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&then_date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  *days = g_date_days_between (&then_date, &today);
  return TRUE;
}

char *
kam_context_format_money (KamContext *self,
                          double      amount,
                          const char *currency)
{
  const char *symbol = currency_symbol (currency);
  g_autofree char *number = NULL;

  if (kam_context_reads_chinese () && fabs (amount) >= 10000)
    {
      /* People reading Chinese count money in 万 (1e4) and 亿 (1e8). */
      if (fabs (amount) >= 1e8)
        number = g_strdup_printf (_("%.2f亿"), amount / 1e8);
      else
        number = g_strdup_printf (_("%.1f万"), amount / 1e4);
    }
  else
    number = group_digits (amount);

  if (symbol != NULL)
    return g_strconcat (symbol, number, NULL);
  return g_strdup_printf ("%s %s", number, currency ? currency : "");
}
