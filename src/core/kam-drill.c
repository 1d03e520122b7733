/* kam-drill.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-drill"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kam-drill.h"

static const char * const view_names[] = { "opportunities", "accounts", "visits" };
/* by KamCoverageStatus */
static const char * const map_names[] = { "red", "amber", "green" };
G_STATIC_ASSERT (KAM_COVERAGE_RED == 0 && KAM_COVERAGE_AMBER == 1 && KAM_COVERAGE_GREEN == 2);

void
kam_drill_target_init (KamDrillTarget *target,
                       KamDrillView    view)
{
  memset (target, 0, sizeof *target);
  target->view = view;
  target->tier = -1;
  target->stage = -1;
  target->map = -1;
}

void
kam_drill_target_clear (KamDrillTarget *target)
{
  g_clear_pointer (&target->owner_id, g_free);
  g_clear_pointer (&target->portfolio_id, g_free);
  g_clear_pointer (&target->account_id, g_free);
  g_clear_pointer (&target->search, g_free);
  g_clear_pointer (&target->id, g_free);
}

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
bad_value (const char  *key,
           const char  *value,
           GError     **error)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* TRANSLATORS: in a drill-down target such as "opportunities:stage=negotiation" */
               _("“%s” is not a value of “%s”"), value, key);
  return FALSE;
}

/* One KEY=VALUE (VALUE unescaped already). */
static gboolean
parse_pair (KamDrillTarget  *target,
            const char      *key,
            const char      *value,
            GError         **error)
{
  KamDrillView v = target->view;
  GDate today;
  int n;

  if (g_str_equal (key, "owner"))
    set_str (&target->owner_id, value);
  else if (g_str_equal (key, "id") && v != KAM_DRILL_VISITS)
    set_str (&target->id, value);
  else if (g_str_equal (key, "portfolio") && v == KAM_DRILL_OPPORTUNITIES)
    set_str (&target->portfolio_id, value);
  else if (g_str_equal (key, "account") && v == KAM_DRILL_OPPORTUNITIES)
    set_str (&target->account_id, value);
  else if (g_str_equal (key, "search") && v == KAM_DRILL_OPPORTUNITIES)
    set_str (&target->search, value);
  else if (g_str_equal (key, "tier") && v != KAM_DRILL_VISITS)
    {
      if (!kam_enum_from_string (KAM_TYPE_TIER, value, &n))
        return bad_value (key, value, error);
      target->tier = n;
    }
  else if (g_str_equal (key, "stage") && v == KAM_DRILL_OPPORTUNITIES)
    {
      if (!kam_enum_from_string (KAM_TYPE_STAGE, value, &n))
        return bad_value (key, value, error);
      target->stage = n;
    }
  else if (g_str_equal (key, "map") && v == KAM_DRILL_ACCOUNTS)
    {
      for (n = 0; n < (int) G_N_ELEMENTS (map_names); n++)
        if (g_str_equal (value, map_names[n]))
          break;
      if (n == (int) G_N_ELEMENTS (map_names))
        return bad_value (key, value, error);
      target->map = n;
    }
  else if (g_str_equal (key, "status") && v == KAM_DRILL_OPPORTUNITIES)
    {
      if (g_str_equal (value, "open"))
        target->status = KAM_PIPELINE_OPEN;
      else if (g_str_equal (value, "closed"))
        target->status = KAM_PIPELINE_CLOSED;
      else
        return bad_value (key, value, error);
    }
  else if ((g_str_equal (key, "close") && v == KAM_DRILL_OPPORTUNITIES)
           || (g_str_equal (key, "period") && v == KAM_DRILL_VISITS))
    {
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 1, 1, 2000);   /* only "" reads it, refused below */
      if (*value == '\0' || !kam_period_parse (value, &today, &target->period, error))
        return *value == '\0' ? bad_value (key, value, error) : FALSE;
      target->has_period = TRUE;
    }
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                   /* TRANSLATORS: in a drill-down target; the second %s is "opportunities", "accounts" or "visits" */
                   _("“%s” is not a filter of %s"), key, view_names[v]);
      return FALSE;
    }
  return TRUE;
}

gboolean
kam_drill_target_parse (KamDrillTarget  *target,
                        const char      *text,
                        GError         **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *view = g_strndup (text, colon != NULL ? (gsize) (colon - text) : strlen (text));
  g_auto(GStrv) pairs = NULL;
  guint v;

  for (v = 0; v < G_N_ELEMENTS (view_names); v++)
    if (g_str_equal (view, view_names[v]))
      break;
  if (v == G_N_ELEMENTS (view_names))
    {
      kam_drill_target_init (target, KAM_DRILL_OPPORTUNITIES);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a view to drill down to: use opportunities, accounts or visits"), view);
      return FALSE;
    }
  kam_drill_target_init (target, v);
  if (colon == NULL || colon[1] == '\0')
    return TRUE;

  pairs = g_strsplit (colon + 1, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *value = NULL;

      if (*pairs[i] == '\0')
        continue;
      if (eq != NULL)
        *eq = '\0';
      value = eq != NULL ? g_uri_unescape_string (eq + 1, NULL) : NULL;
      if (value == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” needs a value (KEY=VALUE)"), pairs[i]);
          kam_drill_target_clear (target);
          return FALSE;
        }
      if (!parse_pair (target, pairs[i], value, error))
        {
          kam_drill_target_clear (target);
          return FALSE;
        }
    }
  return TRUE;
}

static void
append (GString    *text,
        const char *key,
        const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_uri_escape_string (value, "!$&'()*+,:@/?", TRUE);
  g_string_append_printf (text, "%s%s=%s", text->str[text->len - 1] == ':' ? "" : ";", key, escaped);
}

char *
kam_drill_target_to_string (const KamDrillTarget *target)
{
  GString *text = g_string_new (view_names[target->view]);
  gboolean deals = target->view == KAM_DRILL_OPPORTUNITIES;
  g_autofree char *period = target->has_period ? kam_period_to_string (&target->period) : NULL;

  g_string_append_c (text, ':');
  /* only the keys the view takes (what parse_pair() reads back) */
  append (text, "owner", target->owner_id);
  if (deals)
    {
      append (text, "portfolio", target->portfolio_id);
      append (text, "account", target->account_id);
    }
  if (target->view != KAM_DRILL_VISITS)
    append (text, "tier", target->tier >= 0 ? kam_enum_to_string (KAM_TYPE_TIER, target->tier) : NULL);
  if (deals)
    {
      append (text, "stage", target->stage >= 0 ? kam_enum_to_string (KAM_TYPE_STAGE, target->stage) : NULL);
      append (text, "status", target->status == KAM_PIPELINE_OPEN ? "open"
                              : target->status == KAM_PIPELINE_CLOSED ? "closed" : NULL);
    }
  if (target->view == KAM_DRILL_ACCOUNTS)
    append (text, "map", target->map >= 0 && target->map < (int) G_N_ELEMENTS (map_names) ? map_names[target->map] : NULL);
  if (target->view != KAM_DRILL_ACCOUNTS)
    append (text, target->view == KAM_DRILL_VISITS ? "period" : "close", period);
  if (deals)
    append (text, "search", target->search);
  if (target->view != KAM_DRILL_VISITS)
    append (text, "id", target->id);
  if (text->str[text->len - 1] == ':')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

void
kam_drill_target_to_filter (const KamDrillTarget *target,
                            KamPipelineFilter    *filter,
                            char                **first,
                            char                **last)
{
  kam_pipeline_filter_init (filter);
  *first = *last = NULL;
  filter->owner_id = target->owner_id;
  filter->portfolio_id = target->portfolio_id;
  filter->account_id = target->account_id;
  filter->tier = target->tier;
  filter->stage = target->stage;
  filter->status = target->status;
  filter->search = target->search;
  if (target->has_period)
    {
      kam_period_get_bounds (&target->period, first, last);
      filter->close_from = *first;
      filter->close_to = *last;
    }
}
