/* kam-list.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kam-collate.h"
#include "kam-list.h"
#include "kam-search.h"
#include "kam-store-private.h"

#define PAGE_SIZE 64
#define MAX_CACHED_PAGES 48

/* KamQuery ---------------------------------------------------------------- */

typedef enum {
  Q_SEARCH,
  Q_TIER,
  Q_OWNER,
  Q_REGION,
  Q_INDUSTRY,
  Q_ACCOUNT,
  Q_STAGE,
  Q_STATUS,
  Q_FROM,
  Q_TO,
  Q_NAME,
  Q_CLOSE_FROM,
  Q_CLOSE_TO,
  Q_IDS,        /* a JSON array of ids */
  Q_PORTFOLIO,  /* the owner of the record's account */
  N_Q
} QueryKey;

struct _KamQuery
{
  const KamRecordKind *kind;
  char                *values[N_Q];
  char                *sort;
  gboolean             descending;
};

G_DEFINE_BOXED_TYPE (KamQuery, kam_query, kam_query_copy, kam_query_free)

static const char *
default_sort (const KamRecordKind *kind)
{
  if (kind == &kam_visit_kind)
    return "start_at";
  if (kind == &kam_relation_kind)
    return "kind";
  return "name";
}

KamQuery *
kam_query_new (const KamRecordKind *kind)
{
  KamQuery *query = g_new0 (KamQuery, 1);

  g_return_val_if_fail (kind != NULL, NULL);

  query->kind = kind;
  query->sort = g_strdup (default_sort (kind));
  query->descending = kind == &kam_visit_kind;
  return query;
}

KamQuery *
kam_query_copy (const KamQuery *query)
{
  KamQuery *copy = g_new0 (KamQuery, 1);

  copy->kind = query->kind;
  for (guint i = 0; i < N_Q; i++)
    copy->values[i] = g_strdup (query->values[i]);
  copy->sort = g_strdup (query->sort);
  copy->descending = query->descending;
  return copy;
}

void
kam_query_free (KamQuery *query)
{
  if (query == NULL)
    return;

  for (guint i = 0; i < N_Q; i++)
    g_free (query->values[i]);
  g_free (query->sort);
  g_free (query);
}

const KamRecordKind *
kam_query_get_kind (const KamQuery *query)
{
  return query->kind;
}

static void
set_value (KamQuery   *query,
           QueryKey    key,
           const char *value)
{
  g_free (query->values[key]);
  query->values[key] = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

void kam_query_set_search   (KamQuery *q, const char *v) { set_value (q, Q_SEARCH, v); }
void kam_query_set_tier     (KamQuery *q, const char *v) { set_value (q, Q_TIER, v); }
void kam_query_set_owner    (KamQuery *q, const char *v) { set_value (q, Q_OWNER, v); }
void kam_query_set_portfolio (KamQuery *q, const char *v) { set_value (q, Q_PORTFOLIO, v); }
void kam_query_set_region   (KamQuery *q, const char *v) { set_value (q, Q_REGION, v); }
void kam_query_set_industry (KamQuery *q, const char *v) { set_value (q, Q_INDUSTRY, v); }
void kam_query_set_account  (KamQuery *q, const char *v) { set_value (q, Q_ACCOUNT, v); }
void kam_query_set_stage    (KamQuery *q, const char *v) { set_value (q, Q_STAGE, v); }
void kam_query_set_status   (KamQuery *q, const char *v) { set_value (q, Q_STATUS, v); }

void
kam_query_set_name_search (KamQuery   *query,
                           const char *text)
{
  g_autofree char *pattern = NULL;

  if (text != NULL && *text != '\0')
    {
      GString *like = g_string_new ("%");

      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (like, '\\');
          g_string_append_c (like, *p);
        }
      g_string_append_c (like, '%');
      pattern = g_string_free (like, FALSE);
    }
  set_value (query, Q_NAME, pattern);
}

void
kam_query_set_close_range (KamQuery   *query,
                           const char *from,
                           const char *to)
{
  set_value (query, Q_CLOSE_FROM, from);
  set_value (query, Q_CLOSE_TO, to);
}

void
kam_query_set_date_range (KamQuery   *query,
                          const char *from,
                          const char *to)
{
  set_value (query, Q_FROM, from);
  set_value (query, Q_TO, to);
}

void
kam_query_set_ids (KamQuery           *query,
                   const char * const *ids)
{
  GString *json;

  if (ids == NULL)
    {
      set_value (query, Q_IDS, NULL);
      return;
    }

  /* by hand: a JsonBuilder would make a node per id */
  json = g_string_sized_new (64);
  g_string_append_c (json, '[');
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      for (const char *p = ids[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (json, '\\');
          if ((guchar) *p < 0x20)
            g_string_append_printf (json, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (json, *p);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');

  g_free (query->values[Q_IDS]);
  query->values[Q_IDS] = g_string_free (json, FALSE);
}

gboolean
kam_query_set_sort (KamQuery    *query,
                    const char  *field,
                    gboolean     descending,
                    GError     **error)
{
  const KamField *f = kam_record_kind_find_field (query->kind, field);

  if (f == NULL || f->type == KAM_FIELD_REFS || f->type == KAM_FIELD_JSON)
    {
      g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                   _("A list of %s cannot be sorted by “%s”"),
                   g_dgettext (GETTEXT_PACKAGE, query->kind->label), field);
      return FALSE;
    }

  g_free (query->sort);
  query->sort = g_strdup (f->name);
  query->descending = descending;
  return TRUE;
}

gboolean
kam_query_equal (const KamQuery *a,
                 const KamQuery *b)
{
  if (a->kind != b->kind || a->descending != b->descending || g_strcmp0 (a->sort, b->sort) != 0)
    return FALSE;

  for (guint i = 0; i < N_Q; i++)
    if (g_strcmp0 (a->values[i], b->values[i]) != 0)
      return FALSE;

  return TRUE;
}

/* The WHERE clause of a query.  Only constant SQL is written here: every
 * value typed by a person is bound as a parameter (:name). */
static char *
build_where (const KamQuery *query,
             char          **match_out)
{
  const KamRecordKind *kind = query->kind;
  gboolean is_account = kind == &kam_account_kind;
  gboolean has_account = kam_record_kind_find_field (kind, "account_id") != NULL;
  gboolean has_owner = kam_record_kind_find_field (kind, "owner_id") != NULL;
  GString *where = g_string_new ("deleted = 0");

  *match_out = NULL;

  if (query->values[Q_SEARCH] != NULL)
    {
      *match_out = kam_search_match_expr (query->values[Q_SEARCH], NULL);
      if (*match_out == NULL)
        ;  /* only punctuation: no filter */
      else if (is_account)
        g_string_append (where, " AND rowid IN (SELECT rowid FROM account_fts WHERE account_fts MATCH :match)");
      else if (kind == &kam_contact_kind)
        g_string_append (where, " AND rowid IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH :match)");
      else if (has_account)
        g_string_append (where, " AND account_id IN (SELECT id FROM account WHERE rowid IN"
                                " (SELECT rowid FROM account_fts WHERE account_fts MATCH :match))");
      else if (kind == &kam_member_kind)
        g_string_append (where, " AND instr (lower (name), lower (:search)) > 0");
    }

  if (query->values[Q_TIER] != NULL)
    g_string_append (where, is_account ? " AND tier = :tier"
                            : has_account ? " AND account_id IN (SELECT id FROM account WHERE tier = :tier)"
                            : "");
  if (query->values[Q_REGION] != NULL)
    g_string_append (where, is_account ? " AND region = :region"
                            : has_account ? " AND account_id IN (SELECT id FROM account WHERE region = :region)"
                            : "");
  if (query->values[Q_INDUSTRY] != NULL)
    g_string_append (where, is_account ? " AND industry = :industry"
                            : has_account ? " AND account_id IN (SELECT id FROM account WHERE industry = :industry)"
                            : "");
  if (query->values[Q_OWNER] != NULL)
    g_string_append (where, has_owner ? " AND owner_id = :owner"
                            : has_account ? " AND account_id IN (SELECT id FROM account WHERE owner_id = :owner)"
                            : "");
  if (query->values[Q_PORTFOLIO] != NULL)
    g_string_append (where, is_account ? " AND owner_id = :portfolio"
                            : has_account ? " AND account_id IN (SELECT id FROM account WHERE owner_id = :portfolio)"
                            : "");
  if (query->values[Q_ACCOUNT] != NULL && has_account)
    g_string_append (where, " AND account_id = :account");

  if (kind == &kam_opportunity_kind && query->values[Q_STAGE] != NULL)
    {
      if (g_str_equal (query->values[Q_STAGE], "open"))
        g_string_append (where, " AND stage NOT IN ('closed_won', 'closed_lost')");
      else if (g_str_equal (query->values[Q_STAGE], "closed"))
        g_string_append (where, " AND stage IN ('closed_won', 'closed_lost')");
      else
        g_string_append (where, " AND stage = :stage");
    }

  /* the pipeline's filters (kam-pipeline.c): the same terms */
  if (kind == &kam_opportunity_kind && query->values[Q_NAME] != NULL)
    g_string_append (where, " AND (name LIKE :name ESCAPE '\\' OR account_id IN (SELECT id FROM account "
                            "WHERE deleted = 0 AND (name LIKE :name ESCAPE '\\' OR local_name LIKE :name ESCAPE '\\')))");
  if (kind == &kam_opportunity_kind && query->values[Q_CLOSE_FROM] != NULL)
    g_string_append (where, " AND (CASE WHEN stage IN ('closed_won', 'closed_lost') THEN closed_on"
                            " ELSE expected_close END) >= :close_from");
  if (kind == &kam_opportunity_kind && query->values[Q_CLOSE_TO] != NULL)
    g_string_append (where, " AND (CASE WHEN stage IN ('closed_won', 'closed_lost') THEN closed_on"
                            " ELSE expected_close END) <= :close_to");

  /* The ids become the rowids of their records once per run of a statement
   * (a list subquery: an index of rowids); "+" keeps SQLite from looking
   * each of them up and sorting them all for every page of 64: it walks the
   * sort's index instead, checking rowids it holds without reading rows.
   * About 15-20 ms a page or a count with 20,000 ids. */
  if (query->values[Q_IDS] != NULL)
    g_string_append_printf (where, " AND +rowid IN (SELECT rowid FROM %s WHERE id IN"
                                   " (SELECT value FROM json_each (:ids)))", kind->name);

  if (kind == &kam_visit_kind && query->values[Q_STATUS] != NULL)
    g_string_append (where, " AND status = :status");

  if (kind == &kam_visit_kind || kind == &kam_opportunity_kind)
    {
      const char *column = kind == &kam_visit_kind ? "start_at" : "expected_close";

      if (query->values[Q_FROM] != NULL)
        g_string_append_printf (where, " AND %s >= :from", column);
      if (query->values[Q_TO] != NULL)
        g_string_append_printf (where, " AND %s < date (:to, '+1 day')", column);
    }

  return g_string_free (where, FALSE);
}

static void
bind_query (sqlite3_stmt   *stmt,
            const KamQuery *query,
            const char     *match)
{
  static const struct { QueryKey key; const char *name; } params[] = {
    { Q_SEARCH, ":search" },
    { Q_TIER, ":tier" },
    { Q_OWNER, ":owner" },
    { Q_REGION, ":region" },
    { Q_INDUSTRY, ":industry" },
    { Q_ACCOUNT, ":account" },
    { Q_STAGE, ":stage" },
    { Q_STATUS, ":status" },
    { Q_FROM, ":from" },
    { Q_TO, ":to" },
    { Q_NAME, ":name" },
    { Q_CLOSE_FROM, ":close_from" },
    { Q_CLOSE_TO, ":close_to" },
    { Q_IDS, ":ids" },
    { Q_PORTFOLIO, ":portfolio" },
  };
  int index;

  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      index = sqlite3_bind_parameter_index (stmt, params[i].name);
      if (index > 0)
        sqlite3_bind_text (stmt, index, query->values[params[i].key], -1, SQLITE_TRANSIENT);
    }

  index = sqlite3_bind_parameter_index (stmt, ":match");
  if (index > 0)
    sqlite3_bind_text (stmt, index, match, -1, SQLITE_TRANSIENT);
}

/* KamRecordList ----------------------------------------------------------- */

struct _KamRecordList
{
  GObject       parent_instance;

  KamStore     *store;
  KamQuery     *query;
  sqlite3_stmt *count_stmt;
  sqlite3_stmt *page_stmt;
  sqlite3_stmt *find_stmt;
  GHashTable   *pages;      /* page index -> GPtrArray of KamRecord */
  guint         n_items;
  GError       *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KamRecordList, kam_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
remember_error (KamRecordList *self,
                int            rc)
{
  g_autoptr(GError) error = NULL;

  kam_store_set_sqlite_error (self->store, rc, &error);
  if (self->error == NULL)
    {
      g_warning ("List of %s: %s", self->query->kind->name, error->message);
      self->error = g_steal_pointer (&error);
    }
}

static void
prepare (KamRecordList *self)
{
  g_autofree char *match = NULL;
  g_autofree char *where = build_where (self->query, &match);
  g_autofree char *count_sql = NULL;
  g_autofree char *page_sql = NULL;
  g_autofree char *find_sql = NULL;
  const KamField *sort = kam_record_kind_find_field (self->query->kind, self->query->sort);
  /* Chinese names by pinyin under a Chinese locale (kam-collate.h) */
  gboolean pinyin = sort->type == KAM_FIELD_TEXT && kam_collate_is_pinyin ();
  sqlite3 *db = kam_store_get_db (self->store);
  int rc;

  g_clear_pointer (&self->count_stmt, sqlite3_finalize);
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  g_clear_pointer (&self->find_stmt, sqlite3_finalize);

  count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", self->query->kind->name, where);
  page_sql = g_strdup_printf ("%s WHERE %s ORDER BY %s%s%s%s, rowid%s LIMIT %d OFFSET :offset",
                              kam_store_select_sql (self->query->kind), where,
                              pinyin ? "kam_collate_key (" : "",
                              sort->name,
                              pinyin ? ")" : sort->type == KAM_FIELD_TEXT ? " COLLATE NOCASE" : "",
                              self->query->descending ? " DESC" : "",
                              self->query->descending ? " DESC" : "",
                              PAGE_SIZE);

  find_sql = g_strdup_printf ("SELECT n FROM (SELECT id, row_number () OVER (ORDER BY %s%s%s%s, rowid%s) - 1 AS n"
                              " FROM %s WHERE %s) WHERE id = :id",
                              pinyin ? "kam_collate_key (" : "",
                              sort->name,
                              pinyin ? ")" : sort->type == KAM_FIELD_TEXT ? " COLLATE NOCASE" : "",
                              self->query->descending ? " DESC" : "",
                              self->query->descending ? " DESC" : "",
                              self->query->kind->name, where);

  rc = sqlite3_prepare_v2 (db, count_sql, -1, &self->count_stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, page_sql, -1, &self->page_stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, find_sql, -1, &self->find_stmt, NULL);
  if (rc != SQLITE_OK)
    {
      remember_error (self, rc);
      return;
    }

  bind_query (self->count_stmt, self->query, match);
  bind_query (self->page_stmt, self->query, match);
  bind_query (self->find_stmt, self->query, match);
}

static guint
count_items (KamRecordList *self)
{
  guint n = 0;
  int rc;

  if (self->count_stmt == NULL)
    return 0;

  rc = sqlite3_step (self->count_stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int (self->count_stmt, 0);
  else
    remember_error (self, rc);
  sqlite3_reset (self->count_stmt);

  return n;
}

static GPtrArray *
fetch_page (KamRecordList *self,
            guint          page)
{
  GPtrArray *records;
  int rc;

  records = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (records != NULL)
    return records;

  if (self->page_stmt == NULL)
    return NULL;

  if (g_hash_table_size (self->pages) >= MAX_CACHED_PAGES)
    g_hash_table_remove_all (self->pages);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_bind_int (self->page_stmt, sqlite3_bind_parameter_index (self->page_stmt, ":offset"),
                    (int) (page * PAGE_SIZE));
  while ((rc = sqlite3_step (self->page_stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, kam_store_record_from_row (self->store, self->query->kind, self->page_stmt));
  sqlite3_reset (self->page_stmt);
  if (rc != SQLITE_DONE)
    remember_error (self, rc);

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), records);
  return records;
}

static void
refresh (KamRecordList *self,
         gboolean       new_query)
{
  guint old_n = self->n_items;

  if (new_query)
    prepare (self);
  g_hash_table_remove_all (self->pages);
  self->n_items = count_items (self);

  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

static gboolean
affects (const KamRecordKind *kind,
         guint                flags)
{
  /* Lists of other kinds filter by their account's tier, owner, name. */
  if (kind != &kam_account_kind && kind != &kam_member_kind && (flags & KAM_CHANGE_ACCOUNT))
    return TRUE;

  return (flags & kam_store_kind_flag (kind)) != 0;
}

static void
store_changed_cb (KamRecordList *self,
                  guint          flags,
                  KamStore      *store)
{
  if (affects (self->query->kind, flags))
    refresh (self, FALSE);
}

static GType
kam_record_list_get_item_type (GListModel *model)
{
  KamRecordList *self = KAM_RECORD_LIST (model);

  return self->query->kind->get_type ();
}

static guint
kam_record_list_get_n_items (GListModel *model)
{
  return KAM_RECORD_LIST (model)->n_items;
}

static gpointer
kam_record_list_get_item (GListModel *model,
                          guint       position)
{
  KamRecordList *self = KAM_RECORD_LIST (model);
  GPtrArray *records;

  if (position >= self->n_items)
    return NULL;

  records = fetch_page (self, position / PAGE_SIZE);
  if (records == NULL || position % PAGE_SIZE >= records->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (records, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kam_record_list_get_item_type;
  iface->get_n_items = kam_record_list_get_n_items;
  iface->get_item = kam_record_list_get_item;
}

static void
kam_record_list_finalize (GObject *object)
{
  KamRecordList *self = KAM_RECORD_LIST (object);

  g_clear_pointer (&self->count_stmt, sqlite3_finalize);
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  g_clear_pointer (&self->find_stmt, sqlite3_finalize);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, kam_query_free);
  g_clear_error (&self->error);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kam_record_list_parent_class)->finalize (object);
}

static void
kam_record_list_class_init (KamRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kam_record_list_finalize;
}

static void
kam_record_list_init (KamRecordList *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
}

KamRecordList *
kam_record_list_new (KamStore       *store,
                     const KamQuery *query)
{
  KamRecordList *self;

  g_return_val_if_fail (KAM_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (KAM_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->query = kam_query_copy (query);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  prepare (self);
  self->n_items = count_items (self);

  return self;
}

void
kam_record_list_set_query (KamRecordList  *self,
                           const KamQuery *query)
{
  g_return_if_fail (KAM_IS_RECORD_LIST (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (query->kind == self->query->kind);

  if (kam_query_equal (query, self->query))
    return;

  kam_query_free (self->query);
  self->query = kam_query_copy (query);
  g_clear_error (&self->error);
  refresh (self, TRUE);
}

const KamQuery *
kam_record_list_get_query (KamRecordList *self)
{
  return self->query;
}

guint
kam_record_list_find (KamRecordList *self,
                      const char    *id)
{
  guint position = G_MAXUINT;
  int rc;

  g_return_val_if_fail (KAM_IS_RECORD_LIST (self), G_MAXUINT);

  if (self->find_stmt == NULL || id == NULL)
    return G_MAXUINT;

  sqlite3_bind_text (self->find_stmt, sqlite3_bind_parameter_index (self->find_stmt, ":id"),
                     id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->find_stmt);
  if (rc == SQLITE_ROW)
    position = sqlite3_column_int (self->find_stmt, 0);
  else if (rc != SQLITE_DONE)
    remember_error (self, rc);
  sqlite3_reset (self->find_stmt);

  return position;
}

const GError *
kam_record_list_get_error (KamRecordList *self)
{
  return self->error;
}
