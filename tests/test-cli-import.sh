#!/usr/bin/env bash
# test-cli-import.sh — kam import of CSV and vCard files and kam export
# --format csv|vcf, end to end, as TAP; the files written are read back by
# independent parsers (python3's csv module, python3-vobject).
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-import.sh PATH-TO-KAM DATA-DIR
# (meson sets KAM_LOCALEDIR to the translations of the build tree)

. "$(dirname "$0")/tap-lib.sh" "$1"

DATA=${2:-}
if [ ! -d "$DATA" ]; then
  echo "Bail out! usage: test-cli-import.sh PATH-TO-KAM DATA-DIR"
  exit 1
fi

export KAM_DB="$tmp/a.db"

# count KIND: how many records of KIND the database holds
count() {
  "$KAM" list "$1" --limit 0 --format json | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))'
}

counts() {
  echo "$(count accounts) $(count contacts) $(count opportunities) $(count visits)"
}

# --- imports of real-world files ------------------------------------------

run import "$DATA/accounts-gbk.csv" --type accounts
expect_rc "GBK accounts with Chinese headers" 0
if grep -q '客户名称 → ' "$tmp/out" && grep -q '3 rows: 3 new' "$tmp/out"; then
  pass "the mapping and the summary are printed"
else
  fail "the mapping and the summary are printed" "$(cat "$tmp/out")"
fi

run import "$DATA/salesforce-accounts.csv" --type accounts
expect_rc "Salesforce accounts" 0
run import "$DATA/contacts-gbk.csv" --type contacts
expect_rc "GBK contacts" 0
run import "$DATA/contacts-excel-utf16.txt" --type contacts
expect_rc "Excel Unicode text (UTF-16) contacts" 0
run import "$DATA/salesforce-opportunities.csv" --type opportunities
expect_rc "Salesforce opportunities" 0
run import "$DATA/visits-semicolon.csv" --type visits
expect_rc "semicolon-separated visits" 0
run import "$DATA/phone-2.1.vcf"
expect_rc "vCard 2.1 of an old phone (GBK, quoted-printable)" 0
run import "$DATA/contacts-3.0.vcf"
expect_rc "vCard 3.0" 0
expect_eq "counts after the imports" "5 7 2 2" "$(counts)"

"$KAM" list contacts --search 李娜 --format json >"$tmp/li.json"
expect_eq "the phone's card updated the contact from the CSV" "高级技术经理 研发部 13900001111" \
  "$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d) == 1 and d[0]["title"])' "$tmp/li.json") $("$KAM" show "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$tmp/li.json")" --format json | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["department"], d["phone"])')"

run import "$DATA/salesforce-accounts.csv" --type accounts
if [ "$rc" -eq 0 ] && grep -q '0 new, 2 to update' "$tmp/out"; then pass "importing again updates"; else fail "importing again updates" "$(cat "$tmp/out")"; fi
expect_eq "no duplicates after importing again" "5 7 2 2" "$(counts)"

# --- broken files: a report or a refusal, nothing written -----------------

before=$(counts)
run import "$DATA/opportunities-bad.csv" --type opportunities
if [ "$rc" -eq 1 ] && grep -q '^Line 3: .*not a number' "$tmp/out" && grep -q '^Line 6: Unknown account' "$tmp/out" \
   && grep -q '^Line 7: .*header has 4' "$tmp/out" && grep -q 'nothing was imported' "$tmp/err"; then
  pass "bad rows: reported row by row, refused"
else
  fail "bad rows: reported row by row, refused" "status $rc" "$(cat "$tmp/out")"
fi
expect_eq "bad rows: nothing written" "$before" "$(counts)"

run import "$DATA/opportunities-bad.csv" --type opportunities --dry-run
expect_rc "--dry-run with bad rows exits 1" 1
expect_eq "--dry-run writes nothing" "$before" "$(counts)"

for f in wrong-encoding.csv accounts.xlsx; do
  run import "$DATA/$f" --type accounts
  if [ "$rc" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^kam: .*$f" "$tmp/err"; then
    pass "$f is refused with one clear line"
  else
    fail "$f is refused with one clear line" "status $rc"
  fi
done

head -c $((50 * 1024 * 1024)) /dev/urandom >"$tmp/junk.csv"
run import "$tmp/junk.csv" --type contacts
if [ "$rc" -eq 1 ] && grep -q 'not a text file\|not text' "$tmp/err"; then pass "50 MB of junk is refused"; else fail "50 MB of junk is refused" "status $rc"; fi
expect_eq "broken files: nothing written" "$before" "$(counts)"

run import "$DATA/opportunities-bad.csv" --type opportunities --skip-errors
expect_rc "--skip-errors imports the good rows" 0
expect_eq "--skip-errors wrote the one good row" "5 7 3 2" "$(counts)"

run import "$DATA/accounts-gbk.csv"
expect_rc "a CSV import without --type is a usage error" 2
run import "$DATA/accounts-gbk.csv" --type members
expect_rc "an unknown --type is a usage error" 2

# --- mapping files ---------------------------------------------------------

printf 'Firma;Person;Funktion\nAcme Industrial GmbH;Max Muster;CFO\n' >"$tmp/de.csv"
run import "$tmp/de.csv" --type contacts
expect_rc "unknown headers: refused" 1
"$PY" - "$tmp/map.json" <<'PYEOF'
import json, sys
json.dump({"format": "key-accounts-import-mapping", "kind": "contact",
           "columns": {"Firma": "account", "Person": "name", "Funktion": "title"}},
          open(sys.argv[1], "w"))
PYEOF
run import "$tmp/de.csv" --type contacts --mapping "$tmp/map.json" --save-mapping "$tmp/saved.json"
expect_rc "--mapping maps the columns" 0
expect_eq "--save-mapping writes the mapping used" "account name title" \
  "$("$PY" -c 'import json,sys; c=json.load(open(sys.argv[1]))["columns"]; print(c["Firma"], c["Person"], c["Funktion"])' "$tmp/saved.json")"

# --- exports read back by independent parsers -----------------------------

acme=$("$KAM" list accounts --search Acme --format json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
run export --format vcf --account "$acme" "$tmp/acme.vcf"
expect_rc "export --format vcf --account" 0
for version in 3.0 4.0; do
  run export --format vcf --vcard-version "$version" "$tmp/all-$version.vcf"
  out=$("$PY" - "$tmp/all-$version.vcf" <<'PYEOF'
import sys, vobject
cards = list(vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()))
by_name = {c.fn.value: c for c in cards}
li = by_name["李娜"]
anna = [c for c in cards if c.fn.value == "Anna Schmidt" and c.org.value[0] == "Acme Industrial GmbH"][0]
print(len(cards), li.org.value[0], li.title.value, li.tel.value,
      li.n.value.family + li.n.value.given, anna.org.value[1],
      "budget is approved" in anna.note.value and "\n" in anna.note.value)
PYEOF
)
  expect_eq "vCard $version read back by python3-vobject" "8 华为技术有限公司 高级技术经理 13900001111 李娜 Purchasing, Europe True" "$out"
done
expect_eq "the --account export has the account's contacts only" "2" \
  "$("$PY" -c 'import sys, vobject; print(len(list(vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()))))' "$tmp/acme.vcf")"

run import "$tmp/all-3.0.vcf"
if [ "$rc" -eq 0 ] && grep -q '0 new, 8 to update' "$tmp/out"; then pass "an exported vCard imports as updates"; else fail "an exported vCard imports as updates" "$(cat "$tmp/out")"; fi

run export --type contacts --account "$acme" --sort name --descending "$tmp/acme.csv"
expect_rc "export --type contacts to a .csv file" 0
out=$("$PY" - "$tmp/acme.csv" <<'PYEOF'
import csv, sys
raw = open(sys.argv[1], "rb").read()
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
print(raw.startswith(b"\xef\xbb\xbf"), raw.endswith(b"\r\n") and raw.count(b"\r\n") == len(rows),
      rows[0][0], rows[0][1], len(rows) - 1, [r[1] for r in rows[1:]] == sorted([r[1] for r in rows[1:]], reverse=True))
PYEOF
)
expect_eq "CSV export read by python's csv: BOM, CRLF, header, sorted" "True True Account Name 2 True" "$out"

LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 "$KAM" export --format csv --type accounts "$tmp/zh.csv" >/dev/null 2>&1
expect_eq "CSV export headers follow the language" "名称" \
  "$("$PY" -c 'import csv,sys; print(next(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[0])' "$tmp/zh.csv")"

run export --format csv --type accounts --region Shanghai "$tmp/sh.csv"
expect_eq "CSV export filtered by region" "1" \
  "$("$PY" -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))) - 1)' "$tmp/sh.csv")"

# --- kam export --help names every format --------------------------------

run export --help
if [ "$rc" -eq 0 ] && grep -q -- '--format=FORMAT .*json.*csv.*vcf.*ics' "$tmp/out" && ! grep -q 'only one' "$tmp/out"; then
  pass "export --help names json, csv, vcf and ics"
else
  fail "export --help names json, csv, vcf and ics" "status $rc" "$(grep -- --format "$tmp/out")"
fi
for suffix in json csv ics; do
  run export --format xlsx "$tmp/x.$suffix"
  if [ "$rc" -eq 2 ] && grep -q 'use json, csv, vcf or ics' "$tmp/err"; then
    pass "export --format xlsx x.$suffix: the formats there are"
  else
    fail "export --format xlsx x.$suffix: the formats there are" "status $rc"
  fi
done

# --- the import section of kam bench --------------------------------------

run bench --rounds 1 --import-rows 1000
out=$("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["import_contacts_csv"] > 0, d["import_contacts_csv_rows"], d["import_contacts_csv_rounds"])' "$tmp/out" 2>&1)
expect_eq "kam bench times a contacts import" "True 1000 1" "$out"
expect_eq "kam bench left the database as it was" "5 8 3 2" "$(counts)"

tap_end
