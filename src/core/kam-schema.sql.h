/* kam-schema.sql.h — the database schema, one step per version
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new version appends a step; a step is never edited once released, since
 * databases made by it exist.  Column names are the field names of the
 * record kinds (kam-*.c); test-store checks the two agree.
 *
 * Every record table carries the sync metadata beside its fields:
 *   rev        the server's revision ("3-abc..."), NULL until first pushed
 *   dirty      1 when changed here since the server last acknowledged it
 *   deleted    1 when deleted here (kept until the deletion is pushed)
 *   base       JSON of the record as last agreed with the server (3-way merge)
 *   extra      JSON of document members this version does not know
 *   local_seq  value of meta.local_seq at the last local write (change log)
 *
 * The triggers that keep derived data (last met, last visit, the search
 * index) do nothing while meta holds a 'bulk' row: kam_store_commit_bulk()
 * rebuilds that data once for the whole load.
 */
#pragma once

#define KAM_SYNC_COLUMNS \
  "  rev TEXT,\n" \
  "  dirty INTEGER NOT NULL DEFAULT 1,\n" \
  "  deleted INTEGER NOT NULL DEFAULT 0,\n" \
  "  base TEXT,\n" \
  "  extra TEXT,\n" \
  "  local_seq INTEGER NOT NULL DEFAULT 0,\n" \
  "  created_at TEXT NOT NULL,\n" \
  "  updated_at TEXT NOT NULL\n"

/* The search index tables, also made anew by a bulk load (kam-store.c):
 * emptying them row by row would cost more than filling them. */
#define KAM_ACCOUNT_FTS_DDL \
  "CREATE VIRTUAL TABLE account_fts USING fts5 (names, tokenize = 'unicode61', prefix = '2 3')"
#define KAM_CONTACT_FTS_DDL \
  "CREATE VIRTUAL TABLE contact_fts USING fts5 (names, other, tokenize = 'unicode61', prefix = '2 3')"

static const char kam_schema_v1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;\n"
  "INSERT INTO meta (key, value) VALUES ('local_seq', 0);\n"
  "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
  "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"

  "CREATE TABLE member (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  role TEXT NOT NULL DEFAULT '',\n"
  "  email TEXT NOT NULL DEFAULT '',\n"
  "  phone TEXT NOT NULL DEFAULT '',\n"
  KAM_SYNC_COLUMNS
  ");\n"

  "CREATE TABLE account (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  local_name TEXT NOT NULL DEFAULT '',\n"
  "  industry TEXT NOT NULL DEFAULT '',\n"
  "  region TEXT NOT NULL DEFAULT '',\n"
  "  owner_id TEXT REFERENCES member (id) ON DELETE SET NULL,\n"
  "  tier_pinned TEXT NOT NULL DEFAULT '' CHECK (tier_pinned IN ('', 'A', 'B', 'C')),\n"
  "  value_type TEXT NOT NULL DEFAULT 'relational',\n"
  "  currency TEXT NOT NULL DEFAULT 'CNY',\n"
  "  annual_spend REAL NOT NULL DEFAULT 0,\n"
  "  share_of_wallet REAL NOT NULL DEFAULT 0,\n"
  "  competitor_shares TEXT NOT NULL DEFAULT '{}',\n"
  "  revenue_this_year REAL NOT NULL DEFAULT 0,\n"
  "  revenue_last_year REAL NOT NULL DEFAULT 0,\n"
  "  gross_margin REAL NOT NULL DEFAULT 0,\n"
  "  margin_score INTEGER NOT NULL DEFAULT 0,\n"
  "  payment_score INTEGER NOT NULL DEFAULT 0,\n"
  "  satisfaction INTEGER NOT NULL DEFAULT 0,\n"
  "  loyalty_stage TEXT NOT NULL DEFAULT 'suspect',\n"
  "  service_level TEXT NOT NULL DEFAULT '',\n"
  "  needs_current TEXT NOT NULL DEFAULT '',\n"
  "  needs_met TEXT NOT NULL DEFAULT '',\n"
  "  needs_future TEXT NOT NULL DEFAULT '',\n"
  "  targets TEXT NOT NULL DEFAULT '[]',\n"
  "  strategy TEXT NOT NULL DEFAULT '',\n"
  "  tier TEXT NOT NULL DEFAULT 'C',\n"
  "  last_visit TEXT NOT NULL DEFAULT '',\n"
  KAM_SYNC_COLUMNS
  ");\n"
  "CREATE INDEX account_name ON account (name COLLATE NOCASE) WHERE deleted = 0;\n"
  "CREATE INDEX account_revenue ON account (revenue_this_year) WHERE deleted = 0;\n"
  "CREATE INDEX account_owner ON account (owner_id);\n"
  "CREATE INDEX account_dirty ON account (local_seq) WHERE dirty = 1;\n"

  "CREATE TABLE contact (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,\n"
  "  name TEXT NOT NULL,\n"
  "  title TEXT NOT NULL DEFAULT '',\n"
  "  department TEXT NOT NULL DEFAULT '',\n"
  "  email TEXT NOT NULL DEFAULT '',\n"
  "  phone TEXT NOT NULL DEFAULT '',\n"
  "  reports_to_id TEXT REFERENCES contact (id) ON DELETE SET NULL,\n"
  "  decision_role TEXT NOT NULL DEFAULT 'none',\n"
  "  influence INTEGER NOT NULL DEFAULT 3 CHECK (influence BETWEEN 1 AND 5),\n"
  "  attitude INTEGER NOT NULL DEFAULT 0 CHECK (attitude BETWEEN -2 AND 2),\n"
  "  strength INTEGER NOT NULL DEFAULT 0 CHECK (strength BETWEEN 0 AND 4),\n"
  "  owner_id TEXT REFERENCES member (id) ON DELETE SET NULL,\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  "  last_met TEXT NOT NULL DEFAULT '',\n"
  KAM_SYNC_COLUMNS
  ");\n"
  "CREATE INDEX contact_account ON contact (account_id);\n"
  "CREATE INDEX contact_reports_to ON contact (reports_to_id);\n"
  "CREATE INDEX contact_name ON contact (name COLLATE NOCASE) WHERE deleted = 0;\n"
  "CREATE INDEX contact_dirty ON contact (local_seq) WHERE dirty = 1;\n"

  "CREATE TABLE relation (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  from_id TEXT NOT NULL REFERENCES contact (id) ON DELETE CASCADE,\n"
  "  to_id TEXT NOT NULL REFERENCES contact (id) ON DELETE CASCADE,\n"
  "  kind TEXT NOT NULL DEFAULT 'influences',\n"
  "  strength INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 1 AND 3),\n"
  KAM_SYNC_COLUMNS
  ");\n"
  "CREATE INDEX relation_from ON relation (from_id);\n"
  "CREATE INDEX relation_to ON relation (to_id);\n"
  "CREATE INDEX relation_dirty ON relation (local_seq) WHERE dirty = 1;\n"

  "CREATE TABLE visit (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,\n"
  "  start_at TEXT NOT NULL,\n"
  "  end_at TEXT NOT NULL,\n"
  "  place TEXT NOT NULL DEFAULT '',\n"
  "  kind TEXT NOT NULL DEFAULT 'visit',\n"
  "  objective TEXT NOT NULL DEFAULT '',\n"
  "  status TEXT NOT NULL DEFAULT 'planned',\n"
  "  outcome TEXT NOT NULL DEFAULT '',\n"
  "  next_steps TEXT NOT NULL DEFAULT '',\n"
  "  follow_up TEXT NOT NULL DEFAULT '',\n"
  KAM_SYNC_COLUMNS
  ");\n"
  "CREATE INDEX visit_account ON visit (account_id, start_at);\n"
  "CREATE INDEX visit_start ON visit (start_at) WHERE deleted = 0;\n"
  "CREATE INDEX visit_dirty ON visit (local_seq) WHERE dirty = 1;\n"
  "CREATE TABLE visit_contact (\n"
  "  visit_id TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,\n"
  "  contact_id TEXT NOT NULL REFERENCES contact (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  PRIMARY KEY (visit_id, contact_id)\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX visit_contact_contact ON visit_contact (contact_id);\n"
  "CREATE TABLE visit_member (\n"
  "  visit_id TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,\n"
  "  member_id TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  PRIMARY KEY (visit_id, member_id)\n"
  ") WITHOUT ROWID;\n"

  "CREATE TABLE opportunity (\n"
  "  id TEXT PRIMARY KEY NOT NULL,\n"
  "  account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,\n"
  "  name TEXT NOT NULL,\n"
  "  amount REAL NOT NULL DEFAULT 0,\n"
  "  currency TEXT NOT NULL DEFAULT 'CNY',\n"
  "  stage TEXT NOT NULL DEFAULT 'prospecting',\n"
  "  probability INTEGER NOT NULL DEFAULT -1 CHECK (probability BETWEEN -1 AND 100),\n"
  "  expected_close TEXT NOT NULL DEFAULT '',\n"
  "  owner_id TEXT REFERENCES member (id) ON DELETE SET NULL,\n"
  "  competitors TEXT NOT NULL DEFAULT '',\n"
  "  next_step TEXT NOT NULL DEFAULT '',\n"
  "  reason TEXT NOT NULL DEFAULT '',\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  "  closed_on TEXT NOT NULL DEFAULT '',\n"
  "  stage_history TEXT NOT NULL DEFAULT '[]',\n"
  KAM_SYNC_COLUMNS
  ");\n"
  "CREATE INDEX opportunity_account ON opportunity (account_id);\n"
  "CREATE INDEX opportunity_stage ON opportunity (stage, expected_close) WHERE deleted = 0;\n"
  "CREATE INDEX opportunity_dirty ON opportunity (local_seq) WHERE dirty = 1;\n"

  /* Denormalised "last met" and "last visit", kept by triggers from the
   * visits that are done: coverage and cadence read them for every account
   * at once. */
  "CREATE TRIGGER visit_contact_ai AFTER INSERT ON visit_contact\n"
  "WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') AND (SELECT status = 'done' AND deleted = 0 FROM visit WHERE id = new.visit_id) BEGIN\n"
  "  UPDATE contact SET last_met = (SELECT start_at FROM visit WHERE id = new.visit_id)\n"
  "   WHERE id = new.contact_id AND last_met < (SELECT start_at FROM visit WHERE id = new.visit_id);\n"
  "END;\n"
  "CREATE TRIGGER visit_contact_ad AFTER DELETE ON visit_contact WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  UPDATE contact SET last_met = coalesce((SELECT max(v.start_at) FROM visit_contact vc JOIN visit v ON v.id = vc.visit_id\n"
  "     WHERE vc.contact_id = old.contact_id AND v.status = 'done' AND v.deleted = 0), '')\n"
  "   WHERE id = old.contact_id;\n"
  "END;\n"
  "CREATE TRIGGER visit_ai AFTER INSERT ON visit WHEN new.status = 'done' AND new.deleted = 0\n"
  "  AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  UPDATE account SET last_visit = new.start_at WHERE id = new.account_id AND last_visit < new.start_at;\n"
  "END;\n"
  "CREATE TRIGGER visit_au AFTER UPDATE OF status, start_at, deleted, account_id ON visit\n"
  "WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  UPDATE account SET last_visit = coalesce((SELECT max(start_at) FROM visit\n"
  "     WHERE account_id = account.id AND status = 'done' AND deleted = 0), '')\n"
  "   WHERE id IN (old.account_id, new.account_id);\n"
  "  UPDATE contact SET last_met = coalesce((SELECT max(v.start_at) FROM visit_contact vc JOIN visit v ON v.id = vc.visit_id\n"
  "     WHERE vc.contact_id = contact.id AND v.status = 'done' AND v.deleted = 0), '')\n"
  "   WHERE id IN (SELECT contact_id FROM visit_contact WHERE visit_id = new.id);\n"
  "END;\n"
  "CREATE TRIGGER visit_ad AFTER DELETE ON visit WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  UPDATE account SET last_visit = coalesce((SELECT max(start_at) FROM visit\n"
  "     WHERE account_id = account.id AND status = 'done' AND deleted = 0), '')\n"
  "   WHERE id = old.account_id;\n"
  "END;\n";

/* Version 2: the search index over accounts and contacts, and an external id
 * for records that came from another system (CSV and vCard imports match
 * on it).  kam_tokens() is the application's tokenizer (kam-search.c): it
 * turns text into Latin words plus Chinese characters and character pairs, so
 * that a two-character query such as 华为 is an index lookup. */
static const char kam_schema_v2[] =
  "ALTER TABLE account ADD COLUMN external_id TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE contact ADD COLUMN external_id TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE opportunity ADD COLUMN external_id TEXT NOT NULL DEFAULT '';\n"
  "ALTER TABLE visit ADD COLUMN external_id TEXT NOT NULL DEFAULT '';\n"

  KAM_ACCOUNT_FTS_DDL ";\n"
  KAM_CONTACT_FTS_DDL ";\n"
  "INSERT INTO account_fts (rowid, names)\n"
  "  SELECT rowid, kam_tokens (name || ' ' || local_name) FROM account WHERE deleted = 0 ORDER BY rowid;\n"
  "INSERT INTO contact_fts (rowid, names, other)\n"
  "  SELECT rowid, kam_tokens (name), kam_tokens (title || ' ' || department || ' ' || email) FROM contact WHERE deleted = 0 ORDER BY rowid;\n"

  /* Covering indexes for the insights, which read one table whole: the
   * scan stays in a few MB of index instead of the full rows. */
  "CREATE INDEX contact_insights ON contact (account_id, decision_role, influence, attitude, strength, last_met, id, name)\n"
  "  WHERE deleted = 0;\n"
  "CREATE INDEX opportunity_insights ON opportunity (owner_id, stage, amount, probability, expected_close, closed_on)\n"
  "  WHERE deleted = 0;\n"
  /* The pipeline (kam-pipeline.c), covering: the kanban's totals group
   * by stage and probability in the first's order (no sort), the deals
   * closed in a period are a range of the second. */
  "CREATE INDEX opportunity_pipeline ON opportunity (stage, probability, amount, expected_close, owner_id, account_id, closed_on)\n"
  "  WHERE deleted = 0;\n"
  "CREATE INDEX opportunity_closed ON opportunity (closed_on, stage, amount, owner_id, account_id) WHERE deleted = 0;\n"
  "CREATE INDEX account_insights ON account (owner_id, targets) WHERE deleted = 0;\n"
  /* deals changed since a date: the review's "moved since the last review" */
  "CREATE INDEX opportunity_updated ON opportunity (updated_at) WHERE deleted = 0;\n"
  /* each account's done visits by date: the visit plan's compliance */
  "CREATE INDEX visit_done ON visit (account_id, status, start_at) WHERE deleted = 0;\n"
  /* coverage and visits due of all accounts, in id order, without the rows */
  "CREATE INDEX account_summary ON account (id, tier, last_visit, owner_id, name) WHERE deleted = 0;\n"
  /* the tier chips of the accounts list: count and first page */
  "CREATE INDEX account_tier ON account (tier, name COLLATE NOCASE) WHERE deleted = 0;\n"
  /* the industry and region chips: their choices and their filters */
  "CREATE INDEX account_industry ON account (industry) WHERE deleted = 0;\n"
  /* names in pinyin order, for lists sorted by name under a Chinese
   * locale (kam-collate.h) */
  "CREATE INDEX account_name_key ON account (kam_collate_key (name)) WHERE deleted = 0;\n"
  "CREATE INDEX contact_name_key ON contact (kam_collate_key (name)) WHERE deleted = 0;\n"
  "CREATE INDEX account_region ON account (region) WHERE deleted = 0;\n"

  "CREATE TRIGGER account_fts_ai AFTER INSERT ON account WHEN new.deleted = 0 AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  INSERT INTO account_fts (rowid, names) VALUES (new.rowid, kam_tokens (new.name || ' ' || new.local_name));\n"
  "END;\n"
  "CREATE TRIGGER account_fts_au AFTER UPDATE OF name, local_name, deleted ON account WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  DELETE FROM account_fts WHERE rowid = old.rowid;\n"
  "  INSERT INTO account_fts (rowid, names) SELECT new.rowid, kam_tokens (new.name || ' ' || new.local_name) WHERE new.deleted = 0;\n"
  "END;\n"
  "CREATE TRIGGER account_fts_ad AFTER DELETE ON account WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  DELETE FROM account_fts WHERE rowid = old.rowid;\n"
  "END;\n"
  "CREATE TRIGGER contact_fts_ai AFTER INSERT ON contact WHEN new.deleted = 0 AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  INSERT INTO contact_fts (rowid, names, other)\n"
  "    VALUES (new.rowid, kam_tokens (new.name), kam_tokens (new.title || ' ' || new.department || ' ' || new.email));\n"
  "END;\n"
  "CREATE TRIGGER contact_fts_au AFTER UPDATE OF name, title, department, email, deleted ON contact\n"
  "WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  DELETE FROM contact_fts WHERE rowid = old.rowid;\n"
  "  INSERT INTO contact_fts (rowid, names, other)\n"
  "    SELECT new.rowid, kam_tokens (new.name), kam_tokens (new.title || ' ' || new.department || ' ' || new.email) WHERE new.deleted = 0;\n"
  "END;\n"
  "CREATE TRIGGER contact_fts_ad AFTER DELETE ON contact WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk') BEGIN\n"
  "  DELETE FROM contact_fts WHERE rowid = old.rowid;\n"
  "END;\n";

/* Version 3: the key contacts, whose visits are due by cadence, in an
 * index of their own (kam_insights_due reads it whole). */
static const char kam_schema_v3[] =
  "CREATE INDEX IF NOT EXISTS contact_due ON contact (account_id, last_met)\n"
  "  WHERE deleted = 0 AND (decision_role != 'none' OR influence >= 4);\n";

static const char * const kam_schema_steps[] = {
  kam_schema_v1,
  kam_schema_v2,
  kam_schema_v3,
};

#define KAM_SCHEMA_VERSION ((int) G_N_ELEMENTS (kam_schema_steps))
