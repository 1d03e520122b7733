/* kam-generate-org.c
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-generate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kam-generate-org.h"
#include "kam-model.h"

typedef struct {
  const char *zh;
  const char *en;
} Text;

static const Text departments[] = {
  { "信息技术部", "IT" },
  { "采购部", "Procurement" },
  { "财务部", "Finance" },
  { "网络运维部", "Network Operations" },
  { "市场部", "Marketing" },
  { "研发中心", "R&D" },
  { "法务部", "Legal" },
  { "客户服务部", "Customer Service" },
};
static const Text executive_office = { "总经理办公室", "Executive Office" };
static const Text board = { "董事会", "Board" };

static const Text level_titles[] = {
  { "总经理", "Chief Executive Officer" },
  { "副总经理", "Vice President" },
  { "总监", "Director" },
  { "经理", "Manager" },
  { "工程师", "Engineer" },
};
static const Text staff_titles[] = {
  { "工程师", "Engineer" },
  { "专员", "Specialist" },
  { "高级工程师", "Senior Engineer" },
  { "主管", "Supervisor" },
};

static const char * const zh_surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
};
static const char * const zh_given[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "霞", "平", "刚",
  "桂", "英", "华", "晨", "宇", "婷", "浩", "欣", "峰", "琳",
};
static const char * const en_first[] = {
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
  "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Anna", "Peter",
};
static const char * const en_last[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
  "Moore", "Martin", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King",
};

#define PICK(r, array) (array[g_rand_int_range ((r), 0, G_N_ELEMENTS (array))])

typedef struct {
  char   *id;
  int     parent;   /* -1: none */
  int     level;
  int     dept;     /* index into departments, -1 executive office, -2 board */
  int     children;
} Person;

static char *
make_id (GRand *rand)
{
  guint32 w[4];

  for (int i = 0; i < 4; i++)
    w[i] = g_rand_int (rand);
  /* version 4, variant 1, as kam_uuid_new() makes them */
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xfff,
                          0x8000 | (w[2] >> 18), w[2] & 0xffff, w[3]);
}

static const Text *
department_text (int dept)
{
  if (dept == -1)
    return &executive_office;
  if (dept == -2)
    return &board;
  return &departments[dept];
}

static int
weighted (GRand     *rand,
          const int *weights,
          int        n)
{
  int total = 0, pick;

  for (int i = 0; i < n; i++)
    total += weights[i];
  pick = g_rand_int_range (rand, 0, total);
  for (int i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  return n - 1;
}

static gboolean
set (KamRecord   *record,
     const char  *field,
     const char  *value,
     GError     **error)
{
  return kam_record_set_from_string (record, field, value, error);
}

static gboolean
set_int (KamRecord   *record,
         const char  *field,
         int          value,
         GError     **error)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", value);
  return kam_record_set_from_string (record, field, text, error);
}

static GPtrArray *
team_members (KamStore  *store,
              GRand     *rand,
              gboolean   english,
              GError   **error)
{
  g_autoptr(GPtrArray) members = kam_store_load_all (store, &kam_member_kind, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  static const Text names[] = { { "陈志远", "Alex Chen" }, { "林晓雯", "Grace Lin" }, { "周明", "Ming Zhou" } };

  if (members == NULL)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (ids, g_strdup (kam_record_get_id (members->pdata[i])));

  if (ids->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(KamRecord) member = kam_record_new (&kam_member_kind);
        g_autofree char *id = make_id (rand);

        kam_record_set_id (member, id);
        if (!set (member, "name", english ? names[i].en : names[i].zh, error)
            || !kam_store_save (store, member, error))
          return NULL;
        g_ptr_array_add (ids, g_steal_pointer (&id));
      }
  return g_steal_pointer (&ids);
}

static gboolean
generate (KamStore     *store,
          const char   *account_id,
          Person       *people,
          guint         n_contacts,
          GRand        *rand,
          const GDate  *today,
          gboolean      english,
          GError      **error)
{
  static const int caps[] = { 0, 5, 6, 10 };   /* direct reports by level, 1 .. 3 */
  static const int attitude_weights[] = { 5, 15, 40, 28, 12 };
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) members = team_members (store, rand, english, error);
  guint n_vps = CLAMP (n_contacts / 40, 3, G_N_ELEMENTS (departments));
  guint n_outside = n_contacts >= 12 ? MAX (1, n_contacts / 30) : 0;
  guint n_coaches = 0;

  if (members == NULL)
    return FALSE;

  /* The tree first: who reports to whom, in which department. */
  for (guint i = 0; i < n_contacts; i++)
    {
      Person *p = &people[i];

      p->id = make_id (rand);
      if (i == 0)
        {
          p->parent = -1;
          p->dept = -1;
        }
      else if (i <= n_vps)
        {
          p->parent = 0;
          p->level = 1;
          p->dept = (int) i - 1;
        }
      else if (i == n_vps + 1)
        {
          p->parent = 0;   /* the executive assistant */
          p->level = 1;
          p->dept = -1;
        }
      else if (i >= n_contacts - n_outside)
        {
          p->parent = -1;  /* board members and advisers */
          p->dept = -2;
        }
      else
        {
          int k, parent;

          if (open->len == 0)
            k = -1;
          else
            k = g_rand_int_range (rand, 0, open->len);
          parent = k >= 0 ? g_array_index (open, int, k) : g_rand_int_range (rand, 1, (int) i);
          p->parent = parent;
          p->level = people[parent].level + 1;
          p->dept = people[parent].dept;
          people[parent].children++;
          if (k >= 0 && people[parent].children >= caps[people[parent].level])
            g_array_remove_index_fast (open, k);
        }

      if (p->level >= 1 && p->level <= 3 && p->dept >= 0)
        g_array_append_val (open, (int) { (int) i });
      if (i >= 1 && i <= n_vps)
        people[0].children++;
    }

  for (guint i = 0; i < n_contacts; i++)
    {
      Person *p = &people[i];
      g_autoptr(KamRecord) contact = kam_record_new (&kam_contact_kind);
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;
      const Text *dept = department_text (p->dept);
      int level = MIN (p->level, 4);
      int role = KAM_ROLE_NONE;
      int influence = 5 - level - g_rand_int_range (rand, 0, 2);
      int attitude = weighted (rand, attitude_weights, 5) - 2;
      int strength = g_rand_int_range (rand, 0, 3) + (level <= 2 ? 1 : 0);

      influence = CLAMP (influence, 1, 5);
      strength = CLAMP (strength, 0, 4);

      if (english)
        name = g_strdup_printf ("%s %s", PICK (rand, en_first), PICK (rand, en_last));
      else
        name = g_strdup_printf ("%s%s%s", PICK (rand, zh_surnames), PICK (rand, zh_given),
                                g_rand_boolean (rand) ? PICK (rand, zh_given) : "");

      if (p->dept == -2)
        {
          title = g_strdup (english ? "Board member" : "独立董事");
          influence = 3 + g_rand_int_range (rand, 0, 2);
        }
      else if (i == n_vps + 1)
        {
          title = g_strdup (english ? "Executive Assistant" : "总经理助理");
          role = KAM_ROLE_GATEKEEPER;
          influence = 3;
        }
      else if (level == 0)
        title = g_strdup (english ? level_titles[0].en : level_titles[0].zh);
      else
        {
          const Text *t = level < 4 ? &level_titles[level] : &PICK (rand, staff_titles);

          title = english ? g_strdup_printf ("%s, %s", t->en, dept->en) : g_strconcat (dept->zh, t->zh, NULL);
        }

      if (i == 0)
        {
          role = KAM_ROLE_ECONOMIC_BUYER;
          influence = 5;
        }
      else if (level == 1 && p->dept >= 0)
        role = p->dept == 0 ? KAM_ROLE_TECHNICAL_BUYER : (g_rand_int_range (rand, 0, 5) < 2 ? KAM_ROLE_DECISION_MAKER : KAM_ROLE_NONE);
      else if (level == 2 && p->dept == 0 && g_rand_int_range (rand, 0, 3) == 0)
        role = KAM_ROLE_TECHNICAL_BUYER;
      else if (level == 2 && p->dept == 3 && g_rand_int_range (rand, 0, 3) == 0)
        role = KAM_ROLE_USER_BUYER;
      else if (level == 2 && g_rand_int_range (rand, 0, 8) == 0)
        role = KAM_ROLE_INFLUENCER;
      else if ((level == 2 || level == 3) && n_coaches < 1 + n_contacts / 150 && g_rand_int_range (rand, 0, 6) == 0)
        {
          role = KAM_ROLE_COACH;
          attitude = MAX (attitude, 1);
          strength = MAX (strength, 3);
          n_coaches++;
        }
      if (role != KAM_ROLE_NONE && role != KAM_ROLE_GATEKEEPER && role != KAM_ROLE_COACH)
        influence = MAX (influence, 4);

      kam_record_set_id (contact, p->id);
      if (!set (contact, "account_id", account_id, error)
          || !set (contact, "name", name, error)
          || !set (contact, "title", title, error)
          || !set (contact, "department", english ? dept->en : dept->zh, error)
          || (p->parent >= 0 && !set (contact, "reports_to_id", people[p->parent].id, error))
          || !set (contact, "decision_role", kam_enum_to_string (KAM_TYPE_ROLE, role), error)
          || !set_int (contact, "influence", influence, error)
          || !set_int (contact, "attitude", attitude, error)
          || !set_int (contact, "strength", strength, error)
          || (g_rand_int_range (rand, 0, 10) < 7
              && !set (contact, "owner_id", members->pdata[g_rand_int_range (rand, 0, members->len)], error))
          || !kam_store_save_full (store, contact, KAM_SAVE_NEW, error))
        return FALSE;
    }

  /* Relations: about one for every ten people. */
  for (guint r = 0; n_contacts >= 2 && r < MAX (1, n_contacts / 10); r++)
    {
      g_autoptr(KamRecord) relation = kam_record_new (&kam_relation_kind);
      g_autofree char *id = make_id (rand);
      int from = g_rand_int_range (rand, 0, n_contacts);
      int to = g_rand_int_range (rand, 0, n_contacts);

      if (from == to)
        to = (to + 1) % n_contacts;
      kam_record_set_id (relation, id);
      if (!set (relation, "from_id", people[from].id, error)
          || !set (relation, "to_id", people[to].id, error)
          || !set (relation, "kind", kam_enum_to_string (KAM_TYPE_RELATION_KIND, g_rand_int_range (rand, 0, 3)), error)
          || !set_int (relation, "strength", g_rand_int_range (rand, 1, 4), error)
          || !kam_store_save_full (store, relation, KAM_SAVE_NEW, error))
        return FALSE;
    }

  /* Done visits, one to three people each, so that "last met" is set. */
  for (guint i = 0; i < n_contacts; i++)
    {
      g_autoptr(KamRecord) visit = NULL;
      g_autofree char *id = NULL;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      const char *attendees[4] = { NULL };
      GDate day = *today;
      int n = 0;

      if (g_rand_int_range (rand, 0, 10) >= (people[i].level <= 2 ? 7 : 3))
        continue;
      attendees[n++] = people[i].id;
      if (people[i].parent >= 0 && g_rand_boolean (rand))
        attendees[n++] = people[people[i].parent].id;

      g_date_subtract_days (&day, g_rand_int_range (rand, 1, 366));
      start = g_strdup_printf ("%04d-%02d-%02dT02:00:00Z", g_date_get_year (&day), g_date_get_month (&day),
                               g_date_get_day (&day));
      end = g_strdup_printf ("%04d-%02d-%02dT03:30:00Z", g_date_get_year (&day), g_date_get_month (&day),
                             g_date_get_day (&day));
      visit = kam_record_new (&kam_visit_kind);
      id = make_id (rand);
      kam_record_set_id (visit, id);
      g_object_set (visit, "contact-ids", attendees, NULL);
      if (!set (visit, "account_id", account_id, error)
          || !set (visit, "start_at", start, error)
          || !set (visit, "end_at", end, error)
          || !set (visit, "status", "done", error)
          || !kam_store_save_full (store, visit, KAM_SAVE_NEW, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kam_generate_org (KamStore     *store,
                  const char   *account_id,
                  guint         n_contacts,
                  guint32       seed,
                  const GDate  *today,
                  GError      **error)
{
  g_autoptr(KamRecord) account = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree Person *people = NULL;
  const char *name;
  gboolean english = TRUE;
  gboolean ok;

  g_return_val_if_fail (KAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  account = kam_store_load (store, &kam_account_kind, account_id, error);
  if (account == NULL)
    return FALSE;
  name = kam_record_get_string (account, "name");
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x2e80)
      english = FALSE;

  rand = g_rand_new_with_seed (seed ^ g_str_hash (account_id));

  if (!kam_store_begin (store, error))
    return FALSE;
  people = g_new0 (Person, n_contacts);
  ok = generate (store, account_id, people, n_contacts, rand, today, english, error);
  for (guint i = 0; i < n_contacts; i++)
    g_free (people[i].id);
  if (!ok)
    {
      kam_store_rollback (store);
      return FALSE;
    }
  return kam_store_commit (store, error);
}
