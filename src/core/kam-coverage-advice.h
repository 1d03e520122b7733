/* kam-coverage-advice.h — the people of one account, and what to do next
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KamMapContact is a contact as the contact map and the coverage panel see
 * it (read in one query by src/charts/kam-org-chart-data.c, or made by hand
 * in tests).  kam_coverage_advice() turns the coverage of kam-analytics.h
 * into suggested actions that name people: a pure function, no I/O.
 */
#pragma once

#include <glib.h>

#include "kam-analytics.h"

G_BEGIN_DECLS

typedef struct {
  char    *id;
  char    *name;
  char    *title;
  char    *department;
  char    *reports_to_id;   /* NULL when none */
  char    *owner_id;        /* our owner of the relationship, NULL when none */
  char    *owner_name;      /* "" when none */
  KamRole  role;
  int      influence;       /* 1 .. 5 */
  int      attitude;        /* -2 .. +2 */
  int      strength;        /* 0 .. 4 */
  int      days_since_met;  /* -1: never */
} KamMapContact;

/* "Opponent" (-2), "Skeptic", "Neutral", "Supporter", "Champion" (+2), and
 * the symbol that tells them apart without colour: ▼▼ ▼ ● ▲ ▲▲ (the same
 * words and symbols as the contact dialog). */
const char *kam_attitude_label       (int                  attitude);
const char *kam_attitude_symbol      (int                  attitude);

/* Frees the strings of @contact (not @contact itself). */
void     kam_map_contact_clear      (KamMapContact       *contact);
/* The input of kam_coverage_compute() for @contact. */
void     kam_map_contact_to_coverage (const KamMapContact *contact,
                                      KamCoverageContact  *out);
/* A key player: decision role set or influence >= 4. */
gboolean kam_map_contact_is_key     (const KamMapContact *contact);

typedef enum {
  KAM_ADVICE_FIND_ECONOMIC_BUYER,    /* none identified: candidates named */
  KAM_ADVICE_MEET_ECONOMIC_BUYER,    /* not met within the cadence */
  KAM_ADVICE_WIN_DECIDER,            /* no decider supports us: the closest one */
  KAM_ADVICE_ADDRESS_OPPONENT,       /* an influential opponent */
  KAM_ADVICE_FIND_COACH,             /* no coach: candidates named */
  KAM_ADVICE_FIRST_MEETING,          /* a key player never met */
  KAM_ADVICE_OVERDUE,                /* a key player not met within the cadence */
  KAM_ADVICE_ADD_CONTACTS,           /* nobody known in the account */
} KamAdviceKind;

typedef struct {
  KamAdviceKind kind;
  int           contact;   /* index into the contacts, -1 when about none or several */
  char         *text;      /* translated, one line */
} KamAdvice;

void       kam_advice_free          (KamAdvice           *advice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamAdvice, kam_advice_free)

/* kam_coverage_advice:
 * @contacts: (array length=n_contacts): the people of one account
 * @cadence_days: the visit cadence of the account's tier
 *
 * Suggested actions, most urgent first, at most @max_items (0: all):
 *  1. no contact at all: add the people who decide;
 *  2. no economic buyer: find one; candidates are the decision makers, else
 *     the most influential contacts (up to three, by influence);
 *  3. each economic buyer not met within the cadence: meet them ("last met
 *     N days ago" or "never met");
 *  4. no supportive decider: win over the decider with the best attitude,
 *     then strength (economic buyers and decision makers);
 *  5. each opponent (attitude <= -1) with influence >= 4: address them;
 *  6. no coach: candidates are supportive contacts (attitude >= +1) with a
 *     relationship (strength >= 2), strongest first, up to three;
 *  7. each other key player never met, most influential first;
 *  8. each other key player not met within the cadence, longest first.
 * Ties keep the order of @contacts.  Returns: (element-type KamAdvice).
 */
GPtrArray *kam_coverage_advice      (const KamMapContact *contacts,
                                     gsize                n_contacts,
                                     int                  cadence_days,
                                     guint                max_items);

G_END_DECLS
