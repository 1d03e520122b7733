/* kam-cli-records.c — kam list, show, add, set and delete
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kam-cli.h"
#include "kam-list.h"
#include "kam-model.h"
#include "kam-store-private.h"

/* Shared ----------------------------------------------------------------- */

static GString *
kinds_list (void)
{
  GString *list = g_string_new (NULL);
  guint n_kinds;
  const KamRecordKind * const *kinds = kam_record_kinds (&n_kinds);

  for (guint k = 0; k < n_kinds; k++)
    g_string_append_printf (list, "%s%s", k ? ", " : "", kinds[k]->name);
  return list;
}

/* The name of the record @id of the kind stored in @table, cached in
 * @names; "" when there is none. */
static const char *
name_of (KamStore   *store,
         GHashTable *names,
         const char *table,
         const char *id)
{
  const char *name;
  g_autoptr(KamRecord) record = NULL;
  const KamRecordKind *kind;

  if (id == NULL || *id == '\0')
    return "";

  name = g_hash_table_lookup (names, id);
  if (name != NULL)
    return name;

  kind = kam_record_kind_lookup (table);
  if (kind != NULL)
    record = kam_store_load (store, kind, id, NULL);
  if (record != NULL && kam_record_kind_find_field (kind, "name") != NULL)
    name = kam_record_get_string (record, "name");
  else
    name = "";

  g_hash_table_insert (names, g_strdup (id), g_strdup (name));
  return g_hash_table_lookup (names, id);
}

/* An account id from an id or an exact name or local name. */
static char *
resolve_account (KamStore    *store,
                 const char  *text,
                 GError     **error)
{
  static const char sql[] =
    "SELECT id FROM account WHERE deleted = 0 AND (id = ?1 OR name = ?1 OR local_name = ?1) "
    "ORDER BY id = ?1 DESC LIMIT 2";
  sqlite3_stmt *stmt = kam_store_prepare (store, sql, error);
  g_autofree char *first = NULL;
  gboolean by_id = FALSE;
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ == 0)
        {
          first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          by_id = g_strcmp0 (first, text) == 0;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      kam_store_set_sqlite_error (store, rc, error);
      return NULL;
    }

  if (n == 1 || (n > 1 && by_id))
    return g_steal_pointer (&first);

  if (n == 0)
    g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_NOT_FOUND,
                 _("There is no account with the id or name “%s”"), text);
  else
    g_set_error (error, KAM_STORE_ERROR, KAM_STORE_ERROR_INVALID,
                 _("Several accounts are named “%s”: give the id of one of them"), text);
  return NULL;
}

/* Sets FIELD=VALUE arguments on @record: all checked before the caller
 * saves, so either all are written or none. */
static int
apply_assignments (const char  *command,
                   KamRecord   *record,
                   int          argc,
                   char       **argv)
{
  for (int i = 0; i < argc; i++)
    {
      g_autofree char *arg = kam_cli_arg_utf8 (argv[i]);
      g_autoptr(GError) error = NULL;
      char *eq = strchr (arg, '=');

      if (eq == NULL || eq == arg)
        return kam_cli_usage (command, _("“%s” is not FIELD=VALUE"), arg);
      *eq = '\0';

      if (!kam_record_set_from_string (record, g_strstrip (arg), eq + 1, &error))
        return kam_cli_fail (error);
    }

  return KAM_CLI_OK;
}

static const char *
format_choice (const char *format,
               const char *a,
               const char *b)
{
  if (format == NULL)
    return a;
  if (g_ascii_strcasecmp (format, a) == 0)
    return a;
  if (g_ascii_strcasecmp (format, b) == 0)
    return b;
  return NULL;
}

/* kam list --------------------------------------------------------------- */

typedef enum {
  COL_FIELD,        /* the field as text */
  COL_NAME,         /* the name of the record a REF field points to */
  COL_PROBABILITY,  /* the effective probability of an opportunity */
} ColumnType;

typedef struct {
  const char *header;
  const char *field;
  ColumnType  type;
} Column;

static const Column member_columns[] = {
  { "id", "id", COL_FIELD }, { "name", "name", COL_FIELD }, { "role", "role", COL_FIELD },
  { "email", "email", COL_FIELD }, { "phone", "phone", COL_FIELD }, { NULL }
};
static const Column account_columns[] = {
  { "id", "id", COL_FIELD }, { "name", "name", COL_FIELD }, { "local_name", "local_name", COL_FIELD },
  { "tier", "tier", COL_FIELD }, { "industry", "industry", COL_FIELD }, { "region", "region", COL_FIELD },
  { "owner", "owner_id", COL_NAME }, { "revenue_this_year", "revenue_this_year", COL_FIELD },
  { "currency", "currency", COL_FIELD }, { NULL }
};
static const Column contact_columns[] = {
  { "id", "id", COL_FIELD }, { "name", "name", COL_FIELD }, { "title", "title", COL_FIELD },
  { "account", "account_id", COL_NAME }, { "decision_role", "decision_role", COL_FIELD },
  { "influence", "influence", COL_FIELD }, { "attitude", "attitude", COL_FIELD },
  { "strength", "strength", COL_FIELD }, { NULL }
};
static const Column relation_columns[] = {
  { "id", "id", COL_FIELD }, { "from", "from_id", COL_NAME }, { "to", "to_id", COL_NAME },
  { "kind", "kind", COL_FIELD }, { "strength", "strength", COL_FIELD }, { NULL }
};
static const Column visit_columns[] = {
  { "id", "id", COL_FIELD }, { "start_at", "start_at", COL_FIELD }, { "end_at", "end_at", COL_FIELD },
  { "account", "account_id", COL_NAME }, { "kind", "kind", COL_FIELD }, { "status", "status", COL_FIELD },
  { "objective", "objective", COL_FIELD }, { NULL }
};
static const Column opportunity_columns[] = {
  { "id", "id", COL_FIELD }, { "name", "name", COL_FIELD }, { "account", "account_id", COL_NAME },
  { "stage", "stage", COL_FIELD }, { "amount", "amount", COL_FIELD }, { "currency", "currency", COL_FIELD },
  { "probability", "probability", COL_PROBABILITY }, { "expected_close", "expected_close", COL_FIELD },
  { "owner", "owner_id", COL_NAME }, { NULL }
};

static const Column *
columns_of (const KamRecordKind *kind)
{
  if (kind == &kam_member_kind)
    return member_columns;
  if (kind == &kam_account_kind)
    return account_columns;
  if (kind == &kam_contact_kind)
    return contact_columns;
  if (kind == &kam_relation_kind)
    return relation_columns;
  if (kind == &kam_visit_kind)
    return visit_columns;
  return opportunity_columns;
}

/* Tabs, newlines and backslashes escaped, so that one record is one line. */
static void
append_tsv_value (GString    *out,
                  const char *value)
{
  for (const char *p = value; *p; p++)
    switch (*p)
      {
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\\': g_string_append (out, "\\\\"); break;
      default:   g_string_append_c (out, *p); break;
      }
}

static void
append_tsv_row (GString             *out,
                KamStore            *store,
                GHashTable          *names,
                KamRecord           *record,
                const Column        *columns)
{
  const KamRecordKind *kind = kam_record_get_kind (record);

  for (guint c = 0; columns[c].header != NULL; c++)
    {
      g_autofree char *value = NULL;

      if (c > 0)
        g_string_append_c (out, '\t');

      if (g_str_equal (columns[c].field, "id"))
        value = g_strdup (kam_record_get_id (record));
      else if (columns[c].type == COL_NAME)
        value = g_strdup (name_of (store, names, kam_record_kind_find_field (kind, columns[c].field)->ref_table,
                                   kam_record_get_string (record, columns[c].field)));
      else if (columns[c].type == COL_PROBABILITY)
        value = g_strdup_printf ("%d", kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (record)));
      else
        value = kam_record_dup_string (record, columns[c].field);

      append_tsv_value (out, value);
    }
  g_string_append_c (out, '\n');
}

typedef struct {
  char     *search;
  char     *tier;
  char     *owner;
  char     *account;
  char     *stage;
  char     *status;
  char     *region;
  char     *industry;
  char     *from;
  char     *to;
  char     *sort;
  gboolean  descending;
  int       limit;
  char     *format;
  char     *db;
} ListOptions;

static void
list_options_clear (ListOptions *o)
{
  g_free (o->search);
  g_free (o->tier);
  g_free (o->owner);
  g_free (o->account);
  g_free (o->stage);
  g_free (o->status);
  g_free (o->region);
  g_free (o->industry);
  g_free (o->from);
  g_free (o->to);
  g_free (o->sort);
  g_free (o->format);
  g_free (o->db);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

/* Which filters mean something for a kind (see kam-list.c). */
static const char *
filter_not_for (const KamRecordKind *kind,
                const ListOptions   *o)
{
  gboolean has_account = kam_record_kind_find_field (kind, "account_id") != NULL;
  gboolean is_account = kind == &kam_account_kind;
  gboolean has_owner = kam_record_kind_find_field (kind, "owner_id") != NULL;

  if (o->search && !(is_account || has_account || kind == &kam_contact_kind || kind == &kam_member_kind))
    return "--search";
  if (o->tier && !(is_account || has_account))
    return "--tier";
  if (o->region && !(is_account || has_account))
    return "--region";
  if (o->industry && !(is_account || has_account))
    return "--industry";
  if (o->owner && !(has_owner || has_account))
    return "--owner";
  if (o->account && !has_account)
    return "--account";
  if (o->stage && kind != &kam_opportunity_kind)
    return "--stage";
  if (o->status && kind != &kam_visit_kind)
    return "--status";
  if ((o->from || o->to) && kind != &kam_visit_kind && kind != &kam_opportunity_kind)
    return o->from ? "--from" : "--to";
  return NULL;
}

static const char list_summary[] =
  N_("Lists the records of one kind: accounts, contacts, relations, visits, opportunities or members.\n"
     "Filters combine; each narrows the list (SQL does the work, so big databases stay fast).\n"
     "TSV has a header line and a few columns per kind; JSON has every field of each record.");

int
kam_cli_list (int    argc,
              char **argv)
{
  g_auto(ListOptions) o = { .limit = 50 };
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &o.search, N_("Only records whose text matches (accounts and contacts; the account’s text for visits and opportunities)"), N_("TEXT") },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &o.tier, N_("Only accounts of tier A, B or C (or what belongs to them)"), N_("TIER") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &o.owner, N_("Only what this team member owns (name or id)"), N_("NAME") },
    { "account", 'a', 0, G_OPTION_ARG_STRING, &o.account, N_("Only what belongs to this account (id or exact name)"), N_("ID") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &o.stage, N_("Opportunities at this stage, or “open” or “closed”"), N_("STAGE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &o.status, N_("Visits with this status (planned, done, cancelled)"), N_("STATUS") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &o.region, N_("Only accounts in this region"), N_("REGION") },
    { "industry", 0, 0, G_OPTION_ARG_STRING, &o.industry, N_("Only accounts in this industry"), N_("INDUSTRY") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_("Visits starting, opportunities expected to close, on or after this day"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, N_("… on or before this day"), N_("YYYY-MM-DD") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &o.sort, N_("Sort by this field (default: name; start for visits)"), N_("FIELD") },
    { "descending", 'r', 0, G_OPTION_ARG_NONE, &o.descending, N_("Sort in descending order"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &o.limit, N_("Show at most N records (default 50; 0 shows all)"), N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format, N_("Output format: tsv (default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(KamQuery) query = NULL;
  g_autoptr(KamRecordList) list = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind_arg = NULL;
  const KamRecordKind *kind;
  const char *format;
  const char *wrong;
  guint n_items, n_shown;

  context = kam_cli_context_new ("list", N_("KIND"), list_summary, entries, &o.db);
  if (!kam_cli_parse (context, "list", &argc, &argv))
    return KAM_CLI_USAGE;

  if (argc != 2)
    {
      g_autoptr(GString) kinds = kinds_list ();
      return kam_cli_usage ("list", argc < 2 ? _("Which kind of records? One of: %s")
                                             : _("List one kind of records at a time: %s"), kinds->str);
    }

  kind_arg = kam_cli_arg_utf8 (argv[1]);
  kind = kam_record_kind_lookup (kind_arg);
  if (kind == NULL)
    {
      g_autoptr(GString) kinds = kinds_list ();
      return kam_cli_usage ("list", _("Unknown kind “%s”; one of: %s"), kind_arg, kinds->str);
    }

  format = format_choice (o.format, "tsv", "json");
  if (format == NULL)
    return kam_cli_usage ("list", _("Unknown format “%s”; use tsv or json"), o.format);
  if (o.limit < 0)
    return kam_cli_usage ("list", _("--limit must be 0 (all) or more"));

  wrong = filter_not_for (kind, &o);
  if (wrong != NULL)
    return kam_cli_usage ("list", _("%s does not apply to a list of %s"), wrong, kind->name);

  query = kam_query_new (kind);

  if (o.tier != NULL)
    {
      char *t = g_ascii_strup (o.tier, -1);

      g_free (o.tier);
      o.tier = t;
      if (!kam_enum_from_string (KAM_TYPE_TIER, o.tier, NULL))
        return kam_cli_usage ("list", _("Unknown tier “%s”; use A, B or C"), o.tier);
      kam_query_set_tier (query, o.tier);
    }

  if (o.stage != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (o.stage, -1);

      if (!g_str_equal (lower, "open") && !g_str_equal (lower, "closed")
          && !kam_enum_from_string (KAM_TYPE_STAGE, lower, NULL))
        return kam_cli_usage ("list", _("Unknown stage “%s”; use open, closed, prospecting, needs_analysis, solution_proposal, negotiation, closed_won or closed_lost"),
                              o.stage);
      kam_query_set_stage (query, lower);
    }

  if (o.status != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (o.status, -1);

      if (!kam_enum_from_string (KAM_TYPE_VISIT_STATUS, lower, NULL))
        return kam_cli_usage ("list", _("Unknown visit status “%s”; use planned, done or cancelled"), o.status);
      kam_query_set_status (query, lower);
    }

  if (o.from != NULL || o.to != NULL)
    {
      GDate d;
      char from[16] = "", to[16] = "";

      if (o.from != NULL && !kam_parse_date (o.from, &d))
        return kam_cli_usage ("list", _("--from needs a date (YYYY-MM-DD), not “%s”"), o.from);
      if (o.from != NULL)
        g_date_strftime (from, sizeof from, "%Y-%m-%d", &d);
      if (o.to != NULL && !kam_parse_date (o.to, &d))
        return kam_cli_usage ("list", _("--to needs a date (YYYY-MM-DD), not “%s”"), o.to);
      if (o.to != NULL)
        g_date_strftime (to, sizeof to, "%Y-%m-%d", &d);
      kam_query_set_date_range (query, from, to);
    }

  if (o.sort != NULL || o.descending)
    {
      const char *sort = o.sort;

      if (sort == NULL)
        sort = kind == &kam_visit_kind ? "start_at" : kind == &kam_relation_kind ? "kind" : "name";
      if (!kam_query_set_sort (query, sort, o.descending, &error))
        return kam_cli_usage ("list", "%s", error->message);
    }

  kam_query_set_search (query, o.search);
  kam_query_set_region (query, o.region);
  kam_query_set_industry (query, o.industry);

  store = kam_cli_open_store (o.db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  if (o.owner != NULL)
    {
      g_autofree char *id = kam_cli_resolve_member (store, o.owner, NULL, &error);

      if (id == NULL)
        return kam_cli_fail (error);
      kam_query_set_owner (query, id);
    }

  if (o.account != NULL)
    {
      g_autofree char *id = resolve_account (store, o.account, &error);

      if (id == NULL)
        return kam_cli_fail (error);
      kam_query_set_account (query, id);
    }

  list = kam_record_list_new (store, query);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  n_shown = o.limit > 0 ? MIN ((guint) o.limit, n_items) : n_items;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonArray) array = json_array_sized_new (n_shown);
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < n_shown; i++)
        {
          g_autoptr(KamRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

          if (record == NULL)
            break;
          json_array_add_object_element (array, kam_record_to_json (record));
        }
      if (kam_record_list_get_error (list) != NULL)
        return kam_cli_fail (kam_record_list_get_error (list));

      node = json_node_init_array (json_node_alloc (), array);
      kam_cli_print_json (node);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      const Column *columns = columns_of (kind);

      for (guint c = 0; columns[c].header != NULL; c++)
        g_string_append_printf (out, "%s%s", c ? "\t" : "", columns[c].header);
      g_string_append_c (out, '\n');

      for (guint i = 0; i < n_shown; i++)
        {
          g_autoptr(KamRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

          if (record == NULL)
            break;
          append_tsv_row (out, store, names, record, columns);
        }
      if (kam_record_list_get_error (list) != NULL)
        return kam_cli_fail (kam_record_list_get_error (list));

      fwrite (out->str, 1, out->len, stdout);
    }

  if (n_shown < n_items && isatty (fileno (stdout)))
    g_printerr (_("Showed %u of %u; --limit 0 shows all.\n"), n_shown, n_items);

  return KAM_CLI_OK;
}

/* kam show --------------------------------------------------------------- */

static char *
display_value (KamStore   *store,
               GHashTable *names,
               KamRecord  *record,
               guint       index)
{
  const KamRecordKind *kind = kam_record_get_kind (record);
  const KamField *f = &kind->fields[index];
  const GValue *value = kam_record_peek_value (record, index);

  switch (f->type)
    {
    case KAM_FIELD_ENUM:
      return g_strdup (kam_enum_to_label (f->enum_type (), g_value_get_enum (value)));

    case KAM_FIELD_REF:
      {
        const char *id = g_value_get_string (value);
        const char *name = name_of (store, names, f->ref_table, id);

        if (id == NULL)
          return g_strdup ("");
        return *name ? g_strdup_printf ("%s (%s)", name, id) : g_strdup (id);
      }

    case KAM_FIELD_REFS:
      {
        const char * const *ids = g_value_get_boxed (value);
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
          {
            const char *name = name_of (store, names, f->ref_table, ids[i]);

            if (i > 0)
              g_string_append (text, ", ");
            if (*name)
              g_string_append_printf (text, "%s (%s)", name, ids[i]);
            else
              g_string_append (text, ids[i]);
          }
        return g_string_free (g_steal_pointer (&text), FALSE);
      }

    case KAM_FIELD_INT:
      if (kind == &kam_opportunity_kind && g_str_equal (f->name, "probability") && g_value_get_int (value) < 0)
        /* TRANSLATORS: the probability of an opportunity left at its stage's default */
        return g_strdup_printf (_("%d (default of the stage)"),
                                kam_opportunity_get_effective_probability (KAM_OPPORTUNITY (record)));
      return kam_record_dup_string (record, f->name);

    case KAM_FIELD_TEXT:
    case KAM_FIELD_REAL:
    case KAM_FIELD_DATE:
    case KAM_FIELD_DATETIME:
    case KAM_FIELD_JSON:
    default:
      return kam_record_dup_string (record, f->name);
    }
}

static void
append_line (GString    *out,
             const char *label,
             const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

  g_string_append_printf (out, "%s: %s\n", label, lines[0] ? lines[0] : "");
  /* Later lines of a multi-line note are indented under it. */
  for (guint i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    g_string_append_printf (out, "    %s\n", lines[i]);
}

int
kam_cli_show (int    argc,
              char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *format_arg = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_arg, N_("Output format: text (default) or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(KamRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *format;

  context = kam_cli_context_new ("show", N_("ID"),
                                 N_("Shows one record of any kind, every field with its label."),
                                 entries, &db);
  if (!kam_cli_parse (context, "show", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc != 2)
    return kam_cli_usage ("show", argc < 2 ? _("Which record? Give its id") : _("Show one record at a time"));

  format = format_choice (format_arg, "text", "json");
  if (format == NULL)
    return kam_cli_usage ("show", _("Unknown format “%s”; use text or json"), format_arg);

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  id = kam_cli_arg_utf8 (argv[1]);
  record = kam_store_load (store, NULL, id, &error);
  if (record == NULL)
    return kam_cli_fail (error);

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), kam_record_to_json (record));

      /* json_node_init_object took a reference of its own */
      json_object_unref (json_node_get_object (node));
      kam_cli_print_json (node);
    }
  else
    {
      const KamRecordKind *kind = kam_record_get_kind (record);
      g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GString) out = g_string_new (NULL);

      append_line (out, _("Type"), g_dgettext (GETTEXT_PACKAGE, kind->label));
      append_line (out, _("ID"), kam_record_get_id (record));
      for (guint i = 0; i < kind->n_fields; i++)
        {
          g_autofree char *value = display_value (store, names, record, i);

          append_line (out, g_dgettext (GETTEXT_PACKAGE, kind->fields[i].label), value);
        }
      append_line (out, _("Created"), kam_record_get_created_at (record) ? kam_record_get_created_at (record) : "");
      append_line (out, _("Updated"), kam_record_get_updated_at (record) ? kam_record_get_updated_at (record) : "");

      g_print ("%s", out->str);
    }

  return KAM_CLI_OK;
}

/* kam set, add, delete --------------------------------------------------- */

int
kam_cli_set (int    argc,
             char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(KamRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  int status;

  context = kam_cli_context_new ("set", N_("ID FIELD=VALUE…"),
                                 N_("Changes fields of a record, checked as the window checks them: all of them\n"
                                    "are written, or none when one is wrong.  FIELD is a field name as in\n"
                                    "“kam show --format json”; an empty VALUE clears the field."),
                                 NULL, &db);
  if (!kam_cli_parse (context, "set", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc < 3)
    return kam_cli_usage ("set", argc < 2 ? _("Which record? Give its id, then FIELD=VALUE")
                                          : _("What to change? Give FIELD=VALUE after the id"));

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  id = kam_cli_arg_utf8 (argv[1]);
  record = kam_store_load (store, NULL, id, &error);
  if (record == NULL)
    return kam_cli_fail (error);

  status = apply_assignments ("set", record, argc - 2, argv + 2);
  if (status != KAM_CLI_OK)
    return status;

  if (!kam_store_save (store, record, &error))
    return kam_cli_fail (error);

  return KAM_CLI_OK;
}

int
kam_cli_add (int    argc,
             char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(KamRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind_arg = NULL;
  const KamRecordKind *kind;
  int status;

  context = kam_cli_context_new ("add", N_("KIND FIELD=VALUE…"),
                                 N_("Adds a record of KIND (account, contact, relation, visit, opportunity or\n"
                                    "member) and prints its id.  Required fields: name (accounts, contacts,\n"
                                    "opportunities, members), account_id (contacts, visits, opportunities),\n"
                                    "start_at and end_at (visits), from_id and to_id (relations)."),
                                 NULL, &db);
  if (!kam_cli_parse (context, "add", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc < 2)
    {
      g_autoptr(GString) kinds = kinds_list ();
      return kam_cli_usage ("add", _("Which kind of record? One of: %s"), kinds->str);
    }

  kind_arg = kam_cli_arg_utf8 (argv[1]);
  kind = kam_record_kind_lookup (kind_arg);
  if (kind == NULL)
    {
      g_autoptr(GString) kinds = kinds_list ();
      return kam_cli_usage ("add", _("Unknown kind “%s”; one of: %s"), kind_arg, kinds->str);
    }

  record = kam_record_new (kind);
  status = apply_assignments ("add", record, argc - 2, argv + 2);
  if (status != KAM_CLI_OK)
    return status;

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  if (!kam_store_save (store, record, &error))
    return kam_cli_fail (error);

  g_print ("%s\n", kam_record_get_id (record));
  return KAM_CLI_OK;
}

int
kam_cli_delete (int    argc,
                char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;

  context = kam_cli_context_new ("delete", N_("ID…"),
                                 N_("Deletes records.  An account takes its contacts, visits and opportunities\n"
                                    "with it; a contact its relations."),
                                 NULL, &db);
  if (!kam_cli_parse (context, "delete", &argc, &argv))
    return KAM_CLI_USAGE;
  if (argc < 2)
    return kam_cli_usage ("delete", _("Which record? Give its id"));

  store = kam_cli_open_store (db, &error);
  if (store == NULL)
    return kam_cli_fail (error);

  /* Several ids: all deleted or none. */
  if (!kam_store_begin (store, &error))
    return kam_cli_fail (error);
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *id = kam_cli_arg_utf8 (argv[i]);

      if (!kam_store_delete (store, id, &error))
        {
          kam_store_rollback (store);
          return kam_cli_fail (error);
        }
    }
  if (!kam_store_commit (store, &error))
    {
      kam_store_rollback (store);
      return kam_cli_fail (error);
    }

  return KAM_CLI_OK;
}
