/* test-search.c — the tokenizer, the match expressions and the search over
 * a real store of accounts and contacts
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "kam-model.h"
#include "kam-search.h"
#include "kam-store-private.h"

/* Tokens ------------------------------------------------------------------ */

static void
assert_tokens (const char *text,
               const char *expected)
{
  g_autofree char *tokens = kam_search_tokens (text);

  g_assert_cmpstr (tokens, ==, expected);
}

static void
test_tokens_mixed (void)
{
  /* the pairs of a Han run in order, then its characters; Latin words
   * lower-cased */
  assert_tokens ("华为技术有限公司 Huawei Technologies",
                 "华为 为技 技术 术有 有限 限公 公司 华 为 技 术 有 限 公 司 huawei technologies");
  assert_tokens ("Huawei 华为",
                 "huawei 华为 华 为");
  assert_tokens ("华为Mate60 Pro",
                 "华为 华 为 mate60 pro");
  assert_tokens ("中国电信", "中国 国电 电信 中 国 电 信");
}

static void
test_tokens_edge (void)
{
  assert_tokens (NULL, "");
  assert_tokens ("", "");
  assert_tokens ("   ", "");
  assert_tokens (" ,.;!?@#()（）、。—— ", "");
  assert_tokens ("张", "张");
  assert_tokens ("张 伟", "张 伟");
  assert_tokens ("Zhang.Wei@Huawei.COM", "zhang wei huawei com");
  assert_tokens ("ÉCOLE Straße", "école straße");
  assert_tokens ("2026", "2026");
  assert_tokens ("张伟（CTO）", "张伟 张 伟 cto");
  /* Japanese and Korean runs are indexed like Chinese ones */
  assert_tokens ("トヨタ", "トヨ ヨタ ト ヨ タ");
  assert_tokens ("삼성전자", "삼성 성전 전자 삼 성 전 자");
  /* not UTF-8: nothing, and no crash */
  assert_tokens ("\xff\xfe abc", "");
}

/* Match expressions ------------------------------------------------------- */

static void
assert_expr (const char *query,
             const char *column,
             const char *expected)
{
  g_autofree char *expr = kam_search_match_expr (query, column);

  g_assert_cmpstr (expr, ==, expected);
}

static void
test_match_expr (void)
{
  /* one Han character: the single character token */
  assert_expr ("张", NULL, "\"张\"");
  /* two: the pair */
  assert_expr ("华为", NULL, "\"华为\"");
  /* three and more: the phrase of the pairs */
  assert_expr ("中国电", NULL, "\"中国 国电\"");
  assert_expr ("华为技术", NULL, "\"华为 为技 技术\"");
  /* Latin: a lower-case prefix */
  assert_expr ("zh", NULL, "\"zh\"*");
  assert_expr ("ZHANG", NULL, "\"zhang\"*");
  /* mixed: every part must match */
  assert_expr ("华为 Huawei", NULL, "\"华为\" AND \"huawei\"*");
  assert_expr ("zhang.wei", NULL, "\"zhang\"* AND \"wei\"*");
  assert_expr ("张 zh", NULL, "\"张\" AND \"zh\"*");
  /* restricted to a column */
  assert_expr ("华为", "names", "{names} : (\"华为\")");
  assert_expr ("华为 zh", "other", "{other} : (\"华为\" AND \"zh\"*)");
  /* nothing to look for */
  assert_expr (NULL, NULL, NULL);
  assert_expr ("", NULL, NULL);
  assert_expr ("   ", NULL, NULL);
  assert_expr (",.;!?\"'*()-", NULL, NULL);
  assert_expr ("（）、。", "names", NULL);
  /* FTS5 syntax typed by people is just text */
  assert_expr ("a OR b", NULL, "\"a\"* AND \"or\"* AND \"b\"*");
  assert_expr ("\"NEAR(x y)\"*", NULL, "\"near\"* AND \"x\"* AND \"y\"*");
  assert_expr ("{names}: 华为", NULL, "\"names\"* AND \"华为\"");
}

/* A store with accounts and contacts --------------------------------------- */

typedef struct {
  const char *name;
  const char *local_name;
  const char *revenue;
} AccountRow;

static const AccountRow accounts[] = {
  { "Huawei Technologies", "华为技术有限公司", "900" },
  { "China Resources", "华润集团", "300" },
  { "China Telecom", "中国电信", "800" },
  { "China Mobile", "中国移动", "700" },
  { "ZTE", "中兴通讯", "400" },
  { "Lenovo", "联想集团", "500" },
  { "Tencent", "腾讯", "600" },
  { "Alibaba", "阿里巴巴", "650" },
  { "Xiaomi", "小米科技", "200" },
  { "Baidu", "百度", "350" },
  { "JD.com", "京东", "250" },
  { "Zhanjiang Port", "湛江港", "150" },
  { "China Guodian", "中国国电集团", "100" },
};

typedef struct {
  guint       account;
  const char *name;
  const char *title;
  const char *department;
  const char *email;
  const char *influence;
} ContactRow;

static const ContactRow contacts[] = {
  { 0, "张伟", "CTO", "网络部", "zhang.wei@huawei.com", "5" },
  { 0, "李娜", "采购总监", "采购部", "li.na@huawei.com", "4" },
  { 0, "张伟华", "Engineer", "", "", "2" },
  { 2, "Zhang Wei", "CTO", "Network", "wei.zhang@chinatelecom.cn", "4" },
  { 2, "刘洋", "网络部经理", "网络部", "", "3" },
  { 3, "陈静", "Procurement Manager", "", "chen.jing@chinamobile.com", "3" },
  { 3, "杨帆", "", "", "", "3" },
  { 1, "赵磊", "CFO", "", "zhao.lei@crc.com.hk", "3" },
  { 4, "黄敏", "华为竞品分析", "市场部", "", "3" },
  { 4, "Wang Fang", "Assistant to Zhang", "", "", "2" },
  { 5, "周杰", "", "", "", "3" },
  { 5, "吴刚", "", "", "", "3" },
  { 6, "徐丽", "", "", "", "3" },
  { 6, "孙强", "", "", "", "3" },
  { 7, "马云飞", "", "", "", "3" },
  { 7, "朱红", "", "", "", "3" },
  { 8, "胡军", "", "", "", "3" },
  { 9, "郭静", "", "", "", "3" },
  { 10, "何平", "", "", "", "3" },
  { 11, "林涛", "", "", "", "3" },
};

enum {
  ACC_HUAWEI, ACC_CRC, ACC_TELECOM, ACC_MOBILE, ACC_ZTE, ACC_LENOVO,
  ACC_TENCENT, ACC_ALIBABA, ACC_XIAOMI, ACC_BAIDU, ACC_JD, ACC_ZHANJIANG,
  ACC_GUODIAN,
};

enum {
  CON_ZHANGWEI_CN, CON_LINA, CON_ZHANGWEIHUA, CON_ZHANGWEI_EN, CON_LIUYANG,
  CON_CHENJING, CON_YANGFAN, CON_ZHAOLEI, CON_HUANGMIN, CON_WANGFANG,
};

typedef struct {
  char      *dir;
  char      *path;
  KamStore  *store;
  KamRecord *accounts[G_N_ELEMENTS (accounts)];
  KamRecord *contacts[G_N_ELEMENTS (contacts)];
} Fixture;

static void
set_ok (KamRecord  *record,
        const char *field,
        const char *text)
{
  g_autoptr(GError) error = NULL;

  kam_record_set_from_string (record, field, text, &error);
  if (error != NULL)
    g_error ("%s = “%s”: %s", field, text, error->message);
}

static void
save_ok (KamStore  *store,
         KamRecord *record)
{
  g_autoptr(GError) error = NULL;

  kam_store_save (store, record, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("kam-search-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "search.db", NULL);
  fx->store = kam_store_open (fx->path, &error);
  g_assert_no_error (error);

  g_assert_true (kam_store_begin (fx->store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      KamRecord *a = kam_record_new (&kam_account_kind);

      set_ok (a, "name", accounts[i].name);
      set_ok (a, "local_name", accounts[i].local_name);
      set_ok (a, "industry", "Telecom");
      set_ok (a, "revenue_this_year", accounts[i].revenue);
      save_ok (fx->store, a);
      fx->accounts[i] = a;
    }
  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    {
      KamRecord *c = kam_record_new (&kam_contact_kind);

      set_ok (c, "account_id", kam_record_get_id (fx->accounts[contacts[i].account]));
      set_ok (c, "name", contacts[i].name);
      set_ok (c, "title", contacts[i].title);
      set_ok (c, "department", contacts[i].department);
      set_ok (c, "email", contacts[i].email);
      set_ok (c, "influence", contacts[i].influence);
      save_ok (fx->store, c);
      fx->contacts[i] = c;
    }
  g_assert_true (kam_store_commit (fx->store, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    g_clear_object (&fx->accounts[i]);
  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    g_clear_object (&fx->contacts[i]);
  g_clear_object (&fx->store);
  remove_tree (fx->dir);
  g_assert_false (g_file_test (fx->dir, G_FILE_TEST_EXISTS));
  g_free (fx->path);
  g_free (fx->dir);
}

static GPtrArray *
search (Fixture    *fx,
        const char *text,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = kam_store_search (fx->store, text, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, <=, limit);

  /* accounts first, then contacts by name, then contacts by other fields;
   * no record twice */
  for (guint i = 0; i < hits->len; i++)
    {
      KamSearchHit *hit = g_ptr_array_index (hits, i);

      g_test_message ("“%s” %u: %s %s “%s” · “%s”%s", text, i, hit->kind->name, hit->id,
                      hit->title, hit->subtitle, hit->name_match ? "" : " (other field)");
      g_assert_true (hit->kind == &kam_account_kind || hit->kind == &kam_contact_kind);
      if (hit->kind == &kam_account_kind)
        g_assert_true (hit->name_match);
      if (i > 0)
        {
          KamSearchHit *prev = g_ptr_array_index (hits, i - 1);

          g_assert_false (prev->kind == &kam_contact_kind && hit->kind == &kam_account_kind);
          g_assert_false (!prev->name_match && hit->name_match);
        }
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (((KamSearchHit *) g_ptr_array_index (hits, j))->id, !=, hit->id);
    }

  return hits;
}

/* The position of @record in @hits, or -1. */
static int
hit_index (GPtrArray *hits,
           KamRecord *record)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((KamSearchHit *) g_ptr_array_index (hits, i))->id, kam_record_get_id (record)))
      return (int) i;
  return -1;
}

static KamSearchHit *
hit_at (GPtrArray *hits,
        guint      index)
{
  g_assert_cmpuint (index, <, hits->len);
  return g_ptr_array_index (hits, index);
}

static void
test_store_two_chars (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (fx, "华为", 50);

  /* the account by its local name, and a contact whose title mentions it */
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (hit_index (hits, fx->accounts[ACC_HUAWEI]), ==, 0);
  g_assert_true (hit_at (hits, 0)->kind == &kam_account_kind);
  g_assert_true (hit_at (hits, 0)->name_match);
  g_assert_cmpstr (hit_at (hits, 0)->title, ==, "Huawei Technologies (华为技术有限公司)");
  g_assert_cmpstr (hit_at (hits, 0)->subtitle, ==, "Telecom");
  g_assert_cmpint (hit_index (hits, fx->contacts[CON_HUANGMIN]), ==, 1);
  g_assert_false (hit_at (hits, 1)->name_match);
  g_assert_cmpstr (hit_at (hits, 1)->title, ==, "黄敏");
  g_assert_cmpstr (hit_at (hits, 1)->subtitle, ==, "华为竞品分析 · ZTE");

  /* not 华润, not 张伟华 (whose 伟华 is no 华为) */
  g_assert_cmpint (hit_index (hits, fx->accounts[ACC_CRC]), ==, -1);
  g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEIHUA]), ==, -1);
}

static void
test_store_substring (Fixture       *fx,
                      gconstpointer  data)
{
  static const char * const inside[] = { "为技", "技术有限", "有限公司", "公司", "术有限公" };

  for (guint i = 0; i < G_N_ELEMENTS (inside); i++)
    {
      g_autoptr(GPtrArray) hits = search (fx, inside[i], 50);

      g_assert_cmpint (hit_index (hits, fx->accounts[ACC_HUAWEI]), ==, 0);
    }

  /* characters of the name, but not next to each other */
  {
    g_autoptr(GPtrArray) hits = search (fx, "华技", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "华为公司", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }
}

static void
test_store_three_chars (Fixture       *fx,
                        gconstpointer  data)
{
  {
    g_autoptr(GPtrArray) hits = search (fx, "中国电", 50);

    /* not 中国国电集团, which has the pairs 中国 and 国电 but not as 中国电 */
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_TELECOM]), ==, 0);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_MOBILE]), ==, -1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_GUODIAN]), ==, -1);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "国国电", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_GUODIAN]), ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "中国移", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_MOBILE]), ==, 0);
  }
  /* all three, the larger revenue first */
  {
    g_autoptr(GPtrArray) hits = search (fx, "中国", 50);

    g_assert_cmpuint (hits->len, ==, 3);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_TELECOM]), ==, 0);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_MOBILE]), ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_GUODIAN]), ==, 2);
  }
  /* 集团: by revenue (联想 500, 华润 300, 国电 100) */
  {
    g_autoptr(GPtrArray) hits = search (fx, "集团", 50);

    g_assert_cmpuint (hits->len, ==, 3);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_LENOVO]), ==, 0);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_CRC]), ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_GUODIAN]), ==, 2);
  }
}

static void
test_store_one_char (Fixture       *fx,
                     gconstpointer  data)
{
  {
    g_autoptr(GPtrArray) hits = search (fx, "张", 50);

    /* both by name, the more influential first */
    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), ==, 0);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEIHUA]), ==, 1);
    g_assert_true (hit_at (hits, 0)->name_match);
    g_assert_true (hit_at (hits, 1)->name_match);
    g_assert_cmpstr (hit_at (hits, 0)->title, ==, "张伟");
    g_assert_cmpstr (hit_at (hits, 0)->subtitle, ==, "CTO · Huawei Technologies");
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "湛", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_ZHANJIANG]), ==, 0);
  }
  /* a character of the middle of a name */
  {
    g_autoptr(GPtrArray) hits = search (fx, "伟", 50);

    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), >=, 0);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEIHUA]), >=, 0);
  }
  /* the department: 网 is in 网络部 of two contacts, not in their names */
  {
    g_autoptr(GPtrArray) hits = search (fx, "网络部", 50);

    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), >=, 0);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_LIUYANG]), >=, 0);
    g_assert_false (hit_at (hits, 0)->name_match);
  }
  /* nobody */
  {
    g_autoptr(GPtrArray) hits = search (fx, "龙", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }
}

static void
test_store_latin_prefix (Fixture       *fx,
                         gconstpointer  data)
{
  {
    g_autoptr(GPtrArray) hits = search (fx, "zh", 50);

    /* the account Zhanjiang Port; Zhang Wei by name; 张伟 and 赵磊 by their
     * e-mail, Wang Fang by her title */
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_ZHANJIANG]), ==, 0);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_EN]), ==, 1);
    g_assert_true (hit_at (hits, 1)->name_match);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), >, 1);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHAOLEI]), >, 1);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_WANGFANG]), >, 1);
    g_assert_false (hit_at (hits, hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]))->name_match);
    g_assert_cmpuint (hits->len, ==, 5);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "zhang", 50);

    g_assert_cmpuint (hits->len, ==, 3);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_EN]), ==, 0);
    g_assert_true (hit_at (hits, 0)->name_match);
    /* by e-mail, the more influential first */
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), ==, 1);
    g_assert_false (hit_at (hits, 1)->name_match);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_WANGFANG]), ==, 2);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_ZHANJIANG]), ==, -1);
  }
  /* an e-mail address as typed */
  {
    g_autoptr(GPtrArray) hits = search (fx, "zhang.wei@huawei.com", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), ==, 0);
  }
  /* two words of the name, in any order */
  {
    g_autoptr(GPtrArray) hits = search (fx, "wei zhang", 50);

    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_EN]), ==, 0);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), ==, 1);
    g_assert_cmpuint (hits->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "len", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_LENOVO]), ==, 0);
  }
}

static void
test_store_case (Fixture       *fx,
                 gconstpointer  data)
{
  static const char * const spellings[] = { "huawei", "HUAWEI", "HuaWei", "hUaWeI" };
  g_autoptr(GPtrArray) first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GPtrArray) hits = search (fx, spellings[i], 50);

      /* the account by name, then 张伟 and 李娜 by their e-mail */
      g_assert_cmpuint (hits->len, ==, 3);
      g_assert_cmpint (hit_index (hits, fx->accounts[ACC_HUAWEI]), ==, 0);
      g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), ==, 1);
      g_assert_cmpint (hit_index (hits, fx->contacts[CON_LINA]), ==, 2);
      if (first == NULL)
        first = g_ptr_array_ref (hits);
    }

  {
    g_autoptr(GPtrArray) hits = search (fx, "CHINA TELECOM", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_TELECOM]), ==, 0);
  }
}

static void
test_store_mixed (Fixture       *fx,
                  gconstpointer  data)
{
  {
    g_autoptr(GPtrArray) hits = search (fx, "华为 huawei", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_HUAWEI]), ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "中国 mobile", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_MOBILE]), ==, 0);
  }
  /* a contact by title and e-mail together */
  {
    g_autoptr(GPtrArray) hits = search (fx, "cto chinatelecom", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_EN]), ==, 0);
    g_assert_false (hit_at (hits, 0)->name_match);
  }
}

static void
test_store_ranking (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (fx, "huawei", 50);

  /* an account whose name matches before a contact whose e-mail matches,
   * though the contact is more influential than anything */
  g_assert_true (hit_at (hits, 0)->kind == &kam_account_kind);
  g_assert_true (hit_at (hits, 1)->kind == &kam_contact_kind);
  g_assert_false (hit_at (hits, 1)->name_match);

  /* a contact's name before another contact's title: Zhang Wei (influence
   * 4) before 张伟 (influence 5, matched by e-mail) */
  {
    g_autoptr(GPtrArray) z = search (fx, "zhang", 50);

    g_assert_cmpint (hit_index (z, fx->contacts[CON_ZHANGWEI_EN]), <, hit_index (z, fx->contacts[CON_ZHANGWEI_CN]));
  }

  /* a name match of a contact before a title match of another: 华为's
   * account, then 黄敏 by title */
  {
    g_autoptr(KamRecord) c = kam_record_new (&kam_contact_kind);
    g_autoptr(GPtrArray) h = NULL;

    set_ok (c, "account_id", kam_record_get_id (fx->accounts[ACC_ZTE]));
    set_ok (c, "name", "华为明");
    set_ok (c, "influence", "1");
    save_ok (fx->store, c);

    h = search (fx, "华为", 50);
    g_assert_cmpuint (h->len, ==, 3);
    g_assert_cmpint (hit_index (h, fx->accounts[ACC_HUAWEI]), ==, 0);
    g_assert_cmpint (hit_index (h, c), ==, 1);
    g_assert_true (hit_at (h, 1)->name_match);
    g_assert_cmpint (hit_index (h, fx->contacts[CON_HUANGMIN]), ==, 2);
  }
}

static void
test_store_limit (Fixture       *fx,
                  gconstpointer  data)
{
  {
    g_autoptr(GPtrArray) hits = search (fx, "zh", 2);

    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_ZHANJIANG]), ==, 0);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_EN]), ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "huawei", 1);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_HUAWEI]), ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "huawei", 0);

    g_assert_cmpuint (hits->len, ==, 0);
  }
  /* many accounts: 中 is in 中国电信, 中国移动, 中兴通讯, 中国国电集团 */
  {
    g_autoptr(GPtrArray) all = search (fx, "中", 50);
    g_autoptr(GPtrArray) two = search (fx, "中", 2);

    g_assert_cmpuint (all->len, ==, 4);
    g_assert_cmpuint (two->len, ==, 2);
    g_assert_cmpstr (hit_at (two, 0)->id, ==, hit_at (all, 0)->id);
    g_assert_cmpstr (hit_at (two, 1)->id, ==, hit_at (all, 1)->id);
  }
  /* nothing to search for */
  {
    g_autoptr(GPtrArray) hits = search (fx, "  ,. ", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }
}

static void
test_store_deleted (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* a contact */
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (fx->contacts[CON_LINA]), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) hits = search (fx, "李娜", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "li.na", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }

  /* an account and its contacts */
  g_assert_true (kam_store_delete (fx->store, kam_record_get_id (fx->accounts[ACC_HUAWEI]), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) hits = search (fx, "华为技术", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "张", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "huawei", 50);
    g_assert_cmpuint (hits->len, ==, 0);
  }

  /* back */
  g_assert_true (kam_store_undelete (fx->store, kam_record_get_id (fx->accounts[ACC_HUAWEI]), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) hits = search (fx, "huawei", 50);

    /* 李娜 was deleted on her own before */
    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_HUAWEI]), ==, 0);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEI_CN]), ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "张", 50);
    g_assert_cmpuint (hits->len, ==, 2);
  }
}

static void
test_store_rename (Fixture       *fx,
                   gconstpointer  data)
{
  KamRecord *a = fx->accounts[ACC_HUAWEI];
  KamRecord *c = fx->contacts[CON_ZHANGWEI_CN];

  set_ok (a, "name", "HiSilicon");
  set_ok (a, "local_name", "海思半导体");
  save_ok (fx->store, a);
  {
    g_autoptr(GPtrArray) hits = search (fx, "华为", 50);

    g_assert_cmpint (hit_index (hits, a), ==, -1);
    g_assert_cmpuint (hits->len, ==, 1);  /* 黄敏's title still says 华为 */
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "海思", 50);

    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_index (hits, a), ==, 0);
    g_assert_cmpstr (hit_at (hits, 0)->title, ==, "HiSilicon (海思半导体)");
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "hisi", 50);
    g_assert_cmpint (hit_index (hits, a), ==, 0);
  }

  /* contacts: name and e-mail */
  set_ok (c, "name", "张卫");
  set_ok (c, "email", "weiz@hisilicon.com");
  save_ok (fx->store, c);
  {
    g_autoptr(GPtrArray) hits = search (fx, "张伟", 50);

    g_assert_cmpint (hit_index (hits, c), ==, -1);
    g_assert_cmpint (hit_index (hits, fx->contacts[CON_ZHANGWEIHUA]), ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "张卫", 50);
    g_assert_cmpint (hit_index (hits, c), ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "zhang", 50);
    g_assert_cmpint (hit_index (hits, c), ==, -1);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "hisilicon", 50);

    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpint (hit_index (hits, a), ==, 0);
    g_assert_cmpint (hit_index (hits, c), ==, 1);
  }

  /* after reopening, the same */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) hits = NULL;

    g_clear_object (&fx->store);
    fx->store = kam_store_open (fx->path, &error);
    g_assert_no_error (error);
    hits = search (fx, "海思", 50);
    g_assert_cmpint (hit_index (hits, a), ==, 0);
  }
}

/* Whatever people type, the search answers (maybe with nothing) and never
 * fails on FTS5 syntax. */
static void
test_store_odd_queries (Fixture       *fx,
                        gconstpointer  data)
{
  static const char * const queries[] = {
    "\"", "\"\"", "'", "*", "-", "^", ":", "(", ")", "NOT", "AND", "OR", "NEAR",
    "huawei OR", "NOT huawei", "华为\"", "a\"b", "{names}", "names:", "c*",
    "\xe5\x8d", "😀", "华为😀", "x y z w v u t s r q p o n m l k j i h g f e d c b a",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (fx, queries[i], 50);
      (void) hits;
    }

  {
    g_autoptr(GPtrArray) hits = search (fx, "NOT huawei", 50);
    /* "not" is a word like another: nothing has both */
    g_assert_cmpuint (hits->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (fx, "华为😀", 50);
    g_assert_cmpint (hit_index (hits, fx->accounts[ACC_HUAWEI]), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kam/search/tokens/mixed", test_tokens_mixed);
  g_test_add_func ("/kam/search/tokens/edge", test_tokens_edge);
  g_test_add_func ("/kam/search/match-expr", test_match_expr);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/kam/search/store/two-chars", test_store_two_chars);
  ADD ("/kam/search/store/substring", test_store_substring);
  ADD ("/kam/search/store/three-chars", test_store_three_chars);
  ADD ("/kam/search/store/one-char", test_store_one_char);
  ADD ("/kam/search/store/latin-prefix", test_store_latin_prefix);
  ADD ("/kam/search/store/case", test_store_case);
  ADD ("/kam/search/store/mixed", test_store_mixed);
  ADD ("/kam/search/store/ranking", test_store_ranking);
  ADD ("/kam/search/store/limit", test_store_limit);
  ADD ("/kam/search/store/deleted", test_store_deleted);
  ADD ("/kam/search/store/rename", test_store_rename);
  ADD ("/kam/search/store/odd-queries", test_store_odd_queries);

  return g_test_run ();
}
