/* kam-coverage-advice.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-advice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kam-coverage-advice.h"

#define MAX_CANDIDATES 3

const char *
kam_attitude_label (int attitude)
{
  switch (CLAMP (attitude, -2, 2))
    {
    case -2:
      return C_("attitude", "Opponent");
    case -1:
      return C_("attitude", "Skeptic");
    case 1:
      return C_("attitude", "Supporter");
    case 2:
      return C_("attitude", "Champion");
    case 0:
    default:
      return C_("attitude", "Neutral");
    }
}

const char *
kam_attitude_symbol (int attitude)
{
  static const char * const symbols[] = { "▼▼", "▼", "●", "▲", "▲▲" };

  return symbols[CLAMP (attitude, -2, 2) + 2];
}

void
kam_map_contact_clear (KamMapContact *contact)
{
  g_clear_pointer (&contact->id, g_free);
  g_clear_pointer (&contact->name, g_free);
  g_clear_pointer (&contact->title, g_free);
  g_clear_pointer (&contact->department, g_free);
  g_clear_pointer (&contact->reports_to_id, g_free);
  g_clear_pointer (&contact->owner_id, g_free);
  g_clear_pointer (&contact->owner_name, g_free);
}

void
kam_map_contact_to_coverage (const KamMapContact *contact,
                             KamCoverageContact  *out)
{
  out->role = contact->role;
  out->influence = contact->influence;
  out->attitude = contact->attitude;
  out->strength = contact->strength;
  out->days_since_met = contact->days_since_met;
}

gboolean
kam_map_contact_is_key (const KamMapContact *contact)
{
  return contact->role != KAM_ROLE_NONE || contact->influence >= 4;
}

void
kam_advice_free (KamAdvice *advice)
{
  if (advice == NULL)
    return;
  g_free (advice->text);
  g_free (advice);
}

static void
add (GPtrArray     *items,
     KamAdviceKind  kind,
     int            contact,
     char          *text)
{
  KamAdvice *advice = g_new0 (KamAdvice, 1);

  advice->kind = kind;
  advice->contact = contact;
  advice->text = text;
  g_ptr_array_add (items, advice);
}

static gboolean
met_within (const KamMapContact *c,
            int                  cadence_days)
{
  return c->days_since_met >= 0 && c->days_since_met <= cadence_days;
}

/* "Name (Title)" */
static char *
who (const KamMapContact *c)
{
  if (c->title == NULL || c->title[0] == '\0')
    return g_strdup (c->name);
  /* TRANSLATORS: a contact named with their title, "Li Wei (CIO)" */
  return g_strdup_printf (_("%s (%s)"), c->name, c->title);
}

/* "last met 74 days ago" or "never met" */
static char *
last_met (const KamMapContact *c)
{
  if (c->days_since_met < 0)
    return g_strdup (_("never met"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last met %d day ago", "last met %d days ago",
                                       c->days_since_met),
                          c->days_since_met);
}

/* Up to MAX_CANDIDATES indexes, sorted by @compare, joined as "A, B, C". */
typedef struct {
  const KamMapContact *contacts;
  int (*compare) (const KamMapContact *a, const KamMapContact *b);
} SortContext;

static int
compare_indexes (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const SortContext *ctx = user_data;
  int i = *(const int *) a, j = *(const int *) b;
  int r = ctx->compare (&ctx->contacts[i], &ctx->contacts[j]);

  return r != 0 ? r : (i > j) - (i < j);
}

static char *
join_candidates (const KamMapContact *contacts,
                 GArray              *indexes,
                 int                (*compare) (const KamMapContact *, const KamMapContact *))
{
  SortContext ctx = { contacts, compare };
  g_autoptr(GString) text = g_string_new (NULL);

  g_array_sort_with_data (indexes, compare_indexes, &ctx);
  for (guint k = 0; k < MIN (indexes->len, MAX_CANDIDATES); k++)
    {
      g_autofree char *name = who (&contacts[g_array_index (indexes, int, k)]);

      if (k > 0)
        /* TRANSLATORS: between the names of a list, "A, B" */
        g_string_append (text, _(", "));
      g_string_append (text, name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
by_influence (const KamMapContact *a,
              const KamMapContact *b)
{
  return b->influence - a->influence;
}

static int
by_closeness (const KamMapContact *a,
              const KamMapContact *b)
{
  if (a->strength != b->strength)
    return b->strength - a->strength;
  if (a->attitude != b->attitude)
    return b->attitude - a->attitude;
  return b->influence - a->influence;
}

static int
by_warmth (const KamMapContact *a,
           const KamMapContact *b)
{
  if (a->attitude != b->attitude)
    return b->attitude - a->attitude;
  if (a->strength != b->strength)
    return b->strength - a->strength;
  return b->influence - a->influence;
}

static int
by_days_since_met (const KamMapContact *a,
                   const KamMapContact *b)
{
  return b->days_since_met - a->days_since_met;
}

GPtrArray *
kam_coverage_advice (const KamMapContact *contacts,
                     gsize                n_contacts,
                     int                  cadence_days,
                     guint                max_items)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) kam_advice_free);
  g_autoptr(GArray) pick = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree gboolean *named = g_new0 (gboolean, MAX (n_contacts, 1));
  gboolean has_eb = FALSE, has_coach = FALSE, supportive_decider = FALSE;

  g_return_val_if_fail (n_contacts == 0 || contacts != NULL, NULL);

  if (n_contacts == 0)
    {
      add (items, KAM_ADVICE_ADD_CONTACTS, -1,
           g_strdup (_("Nobody is known in this account yet: add the people who decide and who they report to")));
      return g_steal_pointer (&items);
    }

  for (gsize i = 0; i < n_contacts; i++)
    {
      has_eb |= contacts[i].role == KAM_ROLE_ECONOMIC_BUYER;
      has_coach |= contacts[i].role == KAM_ROLE_COACH;
      supportive_decider |= kam_role_is_decider (contacts[i].role) && contacts[i].attitude >= 1;
    }

  /* 2. no economic buyer */
  if (!has_eb)
    {
      g_array_set_size (pick, 0);
      for (gsize i = 0; i < n_contacts; i++)
        if (contacts[i].role == KAM_ROLE_DECISION_MAKER)
          g_array_append_val (pick, (int) { (int) i });
      if (pick->len == 0)
        for (gsize i = 0; i < n_contacts; i++)
          if (contacts[i].influence >= 4)
            g_array_append_val (pick, (int) { (int) i });
      if (pick->len > 0)
        {
          g_autofree char *names = join_candidates (contacts, pick, by_influence);

          add (items, KAM_ADVICE_FIND_ECONOMIC_BUYER, pick->len == 1 ? g_array_index (pick, int, 0) : -1,
               g_strdup_printf (_("No economic buyer: find who signs off the budget; candidates are %s"), names));
        }
      else
        add (items, KAM_ADVICE_FIND_ECONOMIC_BUYER, -1,
             g_strdup (_("No economic buyer: find who signs off the budget")));
    }

  /* 3. economic buyers not met within the cadence */
  for (gsize i = 0; i < n_contacts; i++)
    if (contacts[i].role == KAM_ROLE_ECONOMIC_BUYER && !met_within (&contacts[i], cadence_days))
      {
        g_autofree char *name = who (&contacts[i]);
        g_autofree char *met = last_met (&contacts[i]);

        /* TRANSLATORS: "Meet the economic buyer Li Wei (CEO): last met 74 days ago" */
        add (items, KAM_ADVICE_MEET_ECONOMIC_BUYER, (int) i,
             g_strdup_printf (_("Meet the economic buyer %s: %s"), name, met));
        named[i] = TRUE;
      }

  /* 4. no supportive decider */
  if (!supportive_decider)
    {
      g_array_set_size (pick, 0);
      for (gsize i = 0; i < n_contacts; i++)
        if (kam_role_is_decider (contacts[i].role))
          g_array_append_val (pick, (int) { (int) i });
      if (pick->len > 0)
        {
          SortContext ctx = { contacts, by_warmth };
          int best;
          g_autofree char *name = NULL;

          g_array_sort_with_data (pick, compare_indexes, &ctx);
          best = g_array_index (pick, int, 0);
          name = who (&contacts[best]);
          add (items, KAM_ADVICE_WIN_DECIDER, best,
               g_strdup_printf (_("No decider supports us yet: win over %s (attitude %s, relationship %d of 4)"),
                                name, kam_attitude_label (contacts[best].attitude), contacts[best].strength));
        }
    }

  /* 5. influential opponents */
  for (gsize i = 0; i < n_contacts; i++)
    if (contacts[i].attitude <= -1 && contacts[i].influence >= 4)
      {
        g_autofree char *name = who (&contacts[i]);

        add (items, KAM_ADVICE_ADDRESS_OPPONENT, (int) i,
             g_strdup_printf (_("Address the concerns of %s, an influential opponent (influence %d of 5)"),
                              name, contacts[i].influence));
      }

  /* 6. no coach */
  if (!has_coach)
    {
      g_array_set_size (pick, 0);
      for (gsize i = 0; i < n_contacts; i++)
        if (contacts[i].attitude >= 1 && contacts[i].strength >= 2)
          g_array_append_val (pick, (int) { (int) i });
      if (pick->len > 0)
        {
          g_autofree char *names = join_candidates (contacts, pick, by_closeness);

          add (items, KAM_ADVICE_FIND_COACH, pick->len == 1 ? g_array_index (pick, int, 0) : -1,
               g_strdup_printf (_("No coach: candidates are %s"), names));
        }
      else
        add (items, KAM_ADVICE_FIND_COACH, -1,
             g_strdup (_("No coach, and nobody supportive to ask yet: build a relationship of trust first")));
    }

  /* 7. key players never met */
  g_array_set_size (pick, 0);
  for (gsize i = 0; i < n_contacts; i++)
    if (!named[i] && kam_map_contact_is_key (&contacts[i]) && contacts[i].days_since_met < 0)
      g_array_append_val (pick, (int) { (int) i });
  {
    SortContext ctx = { contacts, by_influence };

    g_array_sort_with_data (pick, compare_indexes, &ctx);
    for (guint k = 0; k < pick->len; k++)
      {
        int i = g_array_index (pick, int, k);
        g_autofree char *name = who (&contacts[i]);

        add (items, KAM_ADVICE_FIRST_MEETING, i,
             g_strdup_printf (_("Meet %s: a key player never met"), name));
        named[i] = TRUE;
      }
  }

  /* 8. key players overdue */
  g_array_set_size (pick, 0);
  for (gsize i = 0; i < n_contacts; i++)
    if (!named[i] && kam_map_contact_is_key (&contacts[i]) && contacts[i].days_since_met > cadence_days)
      g_array_append_val (pick, (int) { (int) i });
  {
    SortContext ctx = { contacts, by_days_since_met };

    g_array_sort_with_data (pick, compare_indexes, &ctx);
    for (guint k = 0; k < pick->len; k++)
      {
        int i = g_array_index (pick, int, k);
        g_autofree char *name = who (&contacts[i]);
        g_autofree char *met = last_met (&contacts[i]);

        /* TRANSLATORS: "Visit Li Wei (CIO): last met 40 days ago" */
        add (items, KAM_ADVICE_OVERDUE, i, g_strdup_printf (_("Visit %s: %s"), name, met));
      }
  }

  if (max_items > 0 && items->len > max_items)
    g_ptr_array_set_size (items, max_items);
  return g_steal_pointer (&items);
}
