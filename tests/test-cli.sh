#!/usr/bin/env bash
# test-cli.sh — every command of kam, end to end, as TAP
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli.sh PATH-TO-KAM   (meson passes the built kam)
#
# Each check prints "ok N - name" or "not ok N - name" followed by "# "
# lines saying what was expected and what came; the plan comes last.

. "$(dirname "$0")/tap-lib.sh" "$1"

# expect_error NAME STATUS: exit STATUS and exactly one line "kam: …" on stderr
expect_error() {
  local lines
  lines=$(wc -l <"$tmp/err")
  if [ "$rc" -ne "$2" ]; then
    fail "$1" "expected exit status $2, got $rc"
  elif [ "$lines" -ne 1 ]; then
    fail "$1" "expected one line on stderr, got $lines"
  elif ! grep -q '^kam: ' "$tmp/err"; then
    fail "$1" "stderr does not start with 'kam: '"
  else
    pass "$1"
  fi
}

# check NAME COMMAND...: passes when COMMAND succeeds
check() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name" "failed: $*"; fi
}

is_json() {
  "$PY" -c 'import json,sys; json.load(sys.stdin)' <"$1" 2>/dev/null
}

# json_eval FILE EXPRESSION: prints EXPRESSION evaluated with d = the JSON
json_eval() {
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

db="$tmp/a.db"

# --- help, version, usage --------------------------------------------------

run --help
if [ "$rc" -eq 0 ] && grep -q 'generate' "$tmp/out" && grep -q 'bench' "$tmp/out" && grep -q 'import' "$tmp/out"; then
  pass "kam --help lists the commands"
else
  fail "kam --help lists the commands" "status $rc"
fi

run --version
if [ "$rc" -eq 0 ] && grep -q '^kam [0-9]' "$tmp/out"; then pass "kam --version"; else fail "kam --version" "status $rc"; fi

for cmd in generate list show stats set add delete export import bench; do
  run "$cmd" --help
  if [ "$rc" -eq 0 ] && grep -q -- "--db" "$tmp/out" && grep -q "kam $cmd" "$tmp/out"; then
    pass "kam $cmd --help"
  else
    fail "kam $cmd --help" "status $rc, or no usage line / --db in the help"
  fi
done

run frobnicate
expect_error "unknown command exits 2 with one line" 2

run
expect_error "no command exits 2 with one line" 2

run list accounts --no-such-option --db "$db"
expect_error "unknown option exits 2 with one line" 2

run list --db "$db"
expect_error "list without a kind exits 2" 2

run list widgets --db "$db"
expect_error "list of an unknown kind exits 2" 2

run list accounts --limit abc --db "$db"
expect_error "list --limit abc exits 2" 2

run list accounts --stage negotiation --db "$db"
expect_error "list --stage on accounts exits 2" 2

run add gadget name=x --db "$db"
expect_error "add of an unknown kind exits 2" 2

# --- stats on an empty database ---------------------------------------------

run stats --format json --db "$tmp/empty.db"
if [ "$rc" -eq 0 ] && is_json "$tmp/out"; then
  pass "stats --format json on an empty database"
  expect_eq "stats of an empty database counts zeros" "0 0 0 0 0 0" \
    "$(json_eval "$tmp/out" '" ".join(str(d["counts"][k]) for k in ["member","account","contact","relation","visit","opportunity"])')"
  expect_eq "stats of an empty database: no deals, nothing due" "0 0 0 0" \
    "$(json_eval "$tmp/out" '" ".join(str(x) for x in [d["pipeline"]["deals"], d["due"]["accounts"], d["due"]["contacts"], len(d["due"]["top"])])')"
else
  fail "stats --format json on an empty database" "status $rc or not JSON"
  fail "stats of an empty database counts zeros"
  fail "stats of an empty database: no deals, nothing due"
fi

run stats --db "$tmp/empty.db"
if [ "$rc" -eq 0 ] && grep -q $'^counts.account\t0$' "$tmp/out"; then
  pass "stats (tsv) on an empty database"
else
  fail "stats (tsv) on an empty database" "status $rc or no counts.account line"
fi

# --- add, show, set, list, delete ---------------------------------------------

run add member name="Zhang Wei" role="Key account manager" --db "$db"
member=$(cat "$tmp/out")
check "add member prints an id" test "$rc" -eq 0 -a -n "$member"

run add member name="Li Qiang" --db "$db"
member2=$(cat "$tmp/out")

run add account name="China Mobile" local_name="中国移动" industry=Telecom region=Beijing \
  owner_id="$member" revenue_this_year=8000000 'targets=[{"year":2026,"amount":12000000}]' \
  'competitor_shares={"Huawei":40}' --db "$db"
account=$(cat "$tmp/out")
check "add account prints an id" test "$rc" -eq 0 -a -n "$account"

run add account name="China Telecom" local_name="中国电信" revenue_this_year=1500000 owner_id="$member2" --db "$db"
account2=$(cat "$tmp/out")
run add account name="Lenovo" revenue_this_year=100000 --db "$db"
account3=$(cat "$tmp/out")

run add contact account_id="$account" name="Zhao Min" title=CTO decision_role=economic_buyer \
  influence=5 attitude=2 --db "$db"
contact=$(cat "$tmp/out")
check "add contact prints an id" test "$rc" -eq 0 -a -n "$contact"

run add contact account_id="$account" name="Sun Li" title="Head of procurement" reports_to_id="$contact" --db "$db"
contact2=$(cat "$tmp/out")
check "add contact reporting to another" test "$rc" -eq 0 -a -n "$contact2"

run add relation from_id="$contact2" to_id="$contact" kind=ally --db "$db"
check "add relation" test "$rc" -eq 0 -a -s "$tmp/out"

run add visit account_id="$account" start_at="2026-03-02 09:30" end_at="2026-03-02 11:00" \
  contact_ids="$contact,$contact2" member_ids="$member" status=done objective="Quarterly review" --db "$db"
visit=$(cat "$tmp/out")
check "add visit with attendees" test "$rc" -eq 0 -a -n "$visit"

run add opportunity account_id="$account" name="5G core expansion" amount=3000000 stage=negotiation \
  expected_close=2026-12-15 owner_id="$member" --db "$db"
opportunity=$(cat "$tmp/out")
check "add opportunity" test "$rc" -eq 0 -a -n "$opportunity"

run add opportunity account_id="$account2" name="Data centre" amount=500000 stage=closed_won --db "$db"

run add contact name="Nobody" --db "$db"
expect_error "add contact without an account exits 1" 1

run add contact account_id=no-such-account name="Ghost" --db "$db"
expect_error "add contact of a missing account exits 1" 1

run show "$account" --db "$db"
if [ "$rc" -eq 0 ] && grep -q '^Name: China Mobile$' "$tmp/out" && grep -q '^Local name: 中国移动$' "$tmp/out" \
   && grep -q "^Owner: Zhang Wei ($member)$" "$tmp/out"; then
  pass "show prints labelled fields"
else
  fail "show prints labelled fields" "status $rc"
fi

run show "$visit" --format json --db "$db"
if [ "$rc" -eq 0 ] && is_json "$tmp/out"; then
  expect_eq "show --format json of a visit keeps its attendees" "2 1 visit" \
    "$(json_eval "$tmp/out" '"%d %d %s" % (len(d["contact_ids"]), len(d["member_ids"]), d["type"])')"
else
  fail "show --format json of a visit keeps its attendees" "status $rc or not JSON"
fi

run show no-such-id --db "$db"
expect_error "show of an unknown id exits 1" 1

run set "$contact" title="Chief Technology Officer" attitude=1 --db "$db"
run show "$contact" --format json --db "$db"
expect_eq "set changes fields" "Chief Technology Officer 1" \
  "$(json_eval "$tmp/out" '"%s %d" % (d["title"], d["attitude"])')"

"$KAM" show "$contact" --format json --db "$db" >"$tmp/before.json" 2>/dev/null
run set "$contact" title=CEO influence=9 --db "$db"
expect_error "set influence=9 exits 1 with one line" 1
if grep -qi 'influence' "$tmp/err"; then
  pass "the error of set names the field"
else
  fail "the error of set names the field" "stderr: $(cat "$tmp/err")"
fi
"$KAM" show "$contact" --format json --db "$db" >"$tmp/after.json" 2>/dev/null
check "a failed set leaves the record unchanged (no field written)" cmp -s "$tmp/before.json" "$tmp/after.json"

run set "$contact" no_such_field=1 --db "$db"
expect_error "set of an unknown field exits 1" 1

run set "$contact" title --db "$db"
expect_error "set without = exits 2" 2

run set no-such-id title=x --db "$db"
expect_error "set of an unknown id exits 1" 1

run list accounts --db "$db"
if [ "$rc" -eq 0 ] && [ "$(head -1 "$tmp/out" | cut -f1,2)" = $'id\tname' ] && [ "$(wc -l <"$tmp/out")" -eq 4 ]; then
  pass "list accounts: header and three rows"
else
  fail "list accounts: header and three rows" "status $rc, $(wc -l <"$tmp/out") lines"
fi
expect_eq "list accounts is sorted by name" "China Mobile,China Telecom,Lenovo" \
  "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list accounts --format json --db "$db"
if [ "$rc" -eq 0 ] && is_json "$tmp/out"; then
  expect_eq "list --format json is an array of records" "3 account" \
    "$(json_eval "$tmp/out" '"%d %s" % (len(d), d[0]["type"])')"
else
  fail "list --format json is an array of records" "status $rc or not JSON"
fi

run list accounts --tier A --db "$db"
expect_eq "list accounts --tier A" "China Mobile" "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list accounts --owner "zhang wei" --db "$db"
expect_eq "list accounts --owner (name, any case)" "China Mobile" "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list accounts --owner "Nobody Here" --db "$db"
expect_error "list --owner of an unknown member exits 1" 1

run list accounts --search 中国 --db "$db"
expect_eq "list accounts --search 中国" "China Mobile,China Telecom" "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list accounts --search 中国电 --db "$db"
expect_eq "list accounts --search 中国电" "China Telecom" "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list accounts --limit 1 --db "$db"
check "list --limit 1 shows one row" test "$(wc -l <"$tmp/out")" -eq 2

run list contacts --account "$account" --db "$db"
expect_eq "list contacts --account" "Sun Li,Zhao Min" "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list contacts --account "China Mobile" --db "$db"
expect_eq "list contacts --account by name" "Sun Li,Zhao Min" "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list opportunities --stage open --db "$db"
expect_eq "list opportunities --stage open" "5G core expansion" "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list opportunities --stage closed_won --db "$db"
expect_eq "list opportunities --stage closed_won" "Data centre" "$(tail -n +2 "$tmp/out" | cut -f2 | paste -sd, -)"

run list visits --db "$db"
check "list visits" test "$rc" -eq 0 -a "$(wc -l <"$tmp/out")" -eq 2

run list members --db "$db"
check "list members" test "$rc" -eq 0 -a "$(wc -l <"$tmp/out")" -eq 3

run stats --format json --db "$db"
if [ "$rc" -eq 0 ] && is_json "$tmp/out"; then
  expect_eq "stats counts the records and the tiers" "3 2 1 1 2" \
    "$(json_eval "$tmp/out" '"%d %d %d %d %d" % (d["counts"]["account"], d["counts"]["contact"], d["tiers"]["A"]["count"], d["pipeline"]["stages"]["negotiation"]["count"], d["counts"]["opportunity"])')"
else
  fail "stats counts the records and the tiers" "status $rc or not JSON"
fi

run delete "$account3" --db "$db"
expect_rc "delete an account" 0
run show "$account3" --db "$db"
expect_error "a deleted record is gone" 1

run delete "$account3" --db "$db"
expect_error "deleting it again exits 1" 1

# --- export and import ---------------------------------------------------------

run export --format json "$tmp/a.json" --db "$db"
check "export writes JSON" test "$rc" -eq 0 -a -s "$tmp/a.json"
check "the export is valid JSON" is_json "$tmp/a.json"

run import "$tmp/a.json" --db "$tmp/b.db"
expect_rc "import into a new database" 0
run export --format json "$tmp/b.json" --db "$tmp/b.db"
check "export, import, export: byte-identical" cmp "$tmp/a.json" "$tmp/b.json"

run export --format csv "$tmp/x.csv" --db "$db"
expect_error "export --format csv exits 2" 2

# Failed imports leave the database as it was.
"$KAM" export "$tmp/before.json" --db "$tmp/b.db" 2>/dev/null

printf '{"format": "key-accounts-backup", "version": 1, "account": [' >"$tmp/malformed.json"
run import "$tmp/malformed.json" --db "$tmp/b.db"
expect_error "import of malformed JSON exits 1 with one line" 1

"$PY" - "$tmp/a.json" "$tmp/badfield.json" "$tmp/missing.json" "$tmp/notours.json" <<'EOF'
import json, sys
src, badfield, missing, notours = sys.argv[1:]
d = json.load(open(src))
for c in d["contact"]:
    c["influence"] = 9
    c["name"] = "changed"
json.dump(d, open(badfield, "w"), ensure_ascii=False)
d = json.load(open(src))
d["account"][0]["name"] = "Changed before the failure"
d["contact"][-1]["account_id"] = "00000000-0000-0000-0000-000000000000"
json.dump(d, open(missing, "w"), ensure_ascii=False)
json.dump({"hello": "world"}, open(notours, "w"))
EOF

run import "$tmp/badfield.json" --db "$tmp/b.db"
expect_error "import of a backup with a bad field exits 1 with one line" 1
if grep -q 'contact' "$tmp/err"; then pass "the error names the record"; else fail "the error names the record"; fi

run import "$tmp/missing.json" --db "$tmp/b.db"
expect_error "import of a backup referring to a missing account exits 1" 1

run import "$tmp/notours.json" --db "$tmp/b.db"
expect_error "import of a JSON file that is not a backup exits 1" 1

run import "$tmp/no-such-file.json" --db "$tmp/b.db"
expect_error "import of a missing file exits 1" 1

"$KAM" export "$tmp/after.json" --db "$tmp/b.db" 2>/dev/null
check "failed imports leave the database unchanged" cmp "$tmp/before.json" "$tmp/after.json"

# --- databases that are not ours ----------------------------------------------

if command -v sqlite3 >/dev/null; then
  sqlite3 "$tmp/other.db" 'create table foo(x)'
  cp "$tmp/other.db" "$tmp/other.copy"
  run list accounts --db "$tmp/other.db"
  expect_error "a database of another program exits 1" 1
  check "a database of another program is left untouched" cmp "$tmp/other.db" "$tmp/other.copy"

  cp "$tmp/b.db" "$tmp/newer.db"
  sqlite3 "$tmp/newer.db" 'PRAGMA user_version=99'
  run stats --db "$tmp/newer.db"
  expect_error "a database of a newer version exits 1" 1
else
  for t in "a database of another program exits 1" "a database of another program is left untouched" \
           "a database of a newer version exits 1"; do
    n=$((n + 1)); echo "ok $n - $t # SKIP no sqlite3"
  done
fi

# --- generate, stats, round trip and bench on generated data -----------------

gen="$tmp/gen.db"
run generate --accounts 30 --seed 7 --db "$gen"
expect_rc "generate --accounts 30" 0

run stats --format json --db "$gen"
if [ "$rc" -eq 0 ] && is_json "$tmp/out"; then
  expect_eq "stats of a generated database: 30 accounts, deals, coverage" "30 True True" \
    "$(json_eval "$tmp/out" '"%d %s %s" % (d["counts"]["account"], d["pipeline"]["deals"] > 0, sum(d["coverage"].values()) == 30)')"
else
  fail "stats of a generated database: 30 accounts, deals, coverage" "status $rc or not JSON"
fi

run generate --accounts 5 --db "$gen"
expect_error "generate into a database with accounts exits 1" 1

run export "$tmp/gen-a.json" --db "$gen"
run import "$tmp/gen-a.json" --db "$tmp/gen-b.db"
expect_rc "import of a generated backup" 0
run export "$tmp/gen-b.json" --db "$tmp/gen-b.db"
check "generated data: export, import, export byte-identical" cmp "$tmp/gen-a.json" "$tmp/gen-b.json"

run bench --rounds 2 --import-rows 0 --db "$gen"
if [ "$rc" -eq 0 ] && is_json "$tmp/out"; then
  expect_eq "bench prints every measure" "True" "$(json_eval "$tmp/out" '(
all(k in d for k in ["open","accounts_first_page","search","account_filter","filter_tier","pipeline","coverage","due","counts"])
and all(k in d["search"] and k in d["account_filter"] for k in ["中","中国","中国电","zh","zhang"])
and d["counts"]["accounts"] == 30)')"
else
  fail "bench prints every measure" "status $rc or not JSON"
fi

tap_end
