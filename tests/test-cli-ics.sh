#!/usr/bin/env bash
# test-cli-ics.sh — kam export --format ics and kam import FILE.ics, end to
# end, as TAP: a round trip through an empty database, the file read by an
# independent parser (python3-icalendar), invitations as Outlook writes
# them, broken input, and that a failed import writes nothing.
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-ics.sh PATH-TO-KAM   (meson passes the built kam)

. "$(dirname "$0")/tap-lib.sh" "$1"

# Floating times and unknown zones are read in the local zone.
export TZ=Asia/Shanghai

# sql DB QUERY: the rows of QUERY, '|'-separated (Python's sqlite3, read only)
sql() {
  "$PY" - "$1" "$2" <<'EOF'
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
EOF
}

# counts DB: records of every kind, for "nothing was written"
counts() {
  sql "$1" "SELECT (SELECT count(*) FROM account), (SELECT count(*) FROM contact), (SELECT count(*) FROM member), (SELECT count(*) FROM visit), (SELECT count(*) FROM visit_contact)"
}

# strip FILE: the calendar without DTSTAMP (the time of the export)
strip() {
  grep -v '^DTSTAMP:' "$1"
}

# --- a portfolio of our own ------------------------------------------------

db="$tmp/a.db"
run add member name="Zhang Wei" email=zhang.wei@ours.example --db "$db"
member=$(cat "$tmp/out")
run add account name="China Mobile, Beijing" local_name="中国移动" owner_id="$member" --db "$db"
account=$(cat "$tmp/out")
run add contact account_id="$account" name="Zhao Min" email=zhao.min@chinamobile.example \
  decision_role=economic_buyer influence=5 --db "$db"
contact=$(cat "$tmp/out")
run add contact account_id="$account" name="Sun Li" email=sun.li@chinamobile.example --db "$db"
contact2=$(cat "$tmp/out")
run add contact account_id="$account" name="No Mail" --db "$db"
run add visit account_id="$account" start_at="2026-03-27 10:00" end_at="2026-03-27 11:30" \
  contact_ids="$contact,$contact2" member_ids="$member" status=done place="Beijing; HQ, 5/F" \
  objective="Quarterly review: 5G core, phase 2
second line with a backslash \\ and a very long text that goes on and on so that it has to be folded — 中文也要折行而不切断多字节字符，拜访计划与客户满意度" \
  outcome="Pilot agreed" next_steps="Send the contract" follow_up=2026-04-02 --db "$db"
visit=$(cat "$tmp/out")
run add visit account_id="$account" start_at="2026-03-30 14:00" end_at="2026-03-30 15:00" kind=call \
  contact_ids="$contact" status=planned objective="Follow-up call" --db "$db"
run add visit account_id="$account" start_at="2026-04-15 09:00" end_at="2026-04-15 10:00" kind=meal \
  status=cancelled objective="Dinner" --db "$db"
run add visit account_id="$account" start_at="2026-06-01 09:00" end_at="2026-06-01 10:00" \
  objective="Outside the range" --db "$db"

# --- export ------------------------------------------------------------------

run export --format ics --from 2026-03-01 --to 2026-04-30 "$tmp/a.ics" --db "$db"
expect_rc "export --format ics --from --to" 0
expect_eq "export says how many" "Exported 3 visits to $tmp/a.ics" "$(cat "$tmp/out")"

run export "$tmp/all.ics" --db "$db"
expect_rc "export FILE.ics picks the format from the name" 0
expect_eq "all visits without a range" "4" "$(grep -c '^BEGIN:VEVENT' "$tmp/all.ics")"

run export --format ics --visit "$visit" "$tmp/one.ics" --db "$db"
expect_rc "export --visit" 0
expect_eq "one visit" "1" "$(grep -c '^BEGIN:VEVENT' "$tmp/one.ics")"
expect_eq "its UID is the visit's" "UID:$visit@keyaccounts" "$(grep '^UID:' "$tmp/one.ics" | tr -d '\r')"

run export --format ics --visit no-such-visit "$tmp/none.ics" --db "$db"
expect_rc "export of an unknown visit fails" 1

run export --format ics --from 2026-13-01 "$tmp/x.ics" --db "$db"
expect_rc "export --from with a bad date is a usage error" 2

run export --format xml "$tmp/x.xml" --db "$db"
expect_rc "an unknown format is a usage error" 2

run export --format ics --help
if [ "$rc" -eq 0 ] && grep -q -- "--from" "$tmp/out" && grep -q -- "--visit" "$tmp/out"; then
  pass "export --format ics --help"
else
  fail "export --format ics --help" "status $rc"
fi

# The file itself: CRLF everywhere, no line over 75 octets, folds never
# inside a UTF-8 character.
"$PY" - "$tmp/a.ics" >"$tmp/check" 2>&1 <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\r\n"), "no CRLF at the end"
lines = data.split(b"\r\n")[:-1]
assert all(b"\n" not in l and b"\r" not in l for l in lines), "bare LF or CR"
assert max(len(l) for l in lines) <= 75, "a line over 75 octets"
folded = [l for l in lines if l.startswith(b" ")]
assert len(folded) >= 2, "nothing was folded"
for l in lines:
    l.decode("utf-8")  # each physical line is whole UTF-8
print("ok")
EOF
expect_eq "CRLF, folded at 75 octets, UTF-8 kept whole" "ok" "$(cat "$tmp/check")"

# python3-icalendar reads it and finds what we wrote.
"$PY" - "$tmp/a.ics" "$visit" >"$tmp/check" 2>&1 <<'EOF'
import sys, datetime
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
assert str(cal["VERSION"]) == "2.0"
events = cal.walk("VEVENT")
assert len(events) == 3, len(events)
e = [x for x in events if str(x["UID"]) == sys.argv[2] + "@keyaccounts"][0]
utc = datetime.timezone.utc
assert e["DTSTART"].dt == datetime.datetime(2026, 3, 27, 2, 0, tzinfo=utc), e["DTSTART"].dt
assert e["DTEND"].dt == datetime.datetime(2026, 3, 27, 3, 30, tzinfo=utc), e["DTEND"].dt
assert str(e["LOCATION"]) == "Beijing; HQ, 5/F", str(e["LOCATION"])
assert str(e["SUMMARY"]) == "China Mobile, Beijing: Quarterly review: 5G core, phase 2", str(e["SUMMARY"])
desc = str(e["DESCRIPTION"])
assert desc.startswith("Quarterly review: 5G core, phase 2\nsecond line with a backslash \\ and"), desc
assert "拜访计划与客户满意度" in desc and "Outcome: Pilot agreed" in desc, desc
att = sorted(str(a) for a in e["ATTENDEE"])
assert att == ["mailto:sun.li@chinamobile.example", "mailto:zhang.wei@ours.example",
               "mailto:zhao.min@chinamobile.example"], att
cn = sorted(str(a.params["CN"]) for a in e["ATTENDEE"])
assert cn == ["Sun Li", "Zhang Wei", "Zhao Min"], cn
assert str(e["STATUS"]) == "CONFIRMED"
cancelled = [x for x in events if str(x["X-KAM-KIND"]) == "meal"][0]
assert str(cancelled["STATUS"]) == "CANCELLED"
assert all("DTSTAMP" in x for x in events)
print("ok")
EOF
expect_eq "python3-icalendar parses the export and finds the fields" "ok" "$(cat "$tmp/check")"

# --- round trip through an empty database ----------------------------------

b="$tmp/b.db"
run import "$tmp/a.ics" --dry-run --db "$b"
expect_rc "import --dry-run" 0
expect_eq "dry run writes nothing" "0|0|0|0|0" "$(counts "$b")"
if grep -q "New account “China Mobile, Beijing”" "$tmp/out" && grep -q "Dry run: 3 new, 0 to update, 0 skipped" "$tmp/out"; then
  pass "dry run shows the report per event"
else
  fail "dry run shows the report per event" "$(head -5 "$tmp/out")"
fi

run import "$tmp/a.ics" --db "$b"
expect_rc "import into an empty database" 0
expect_eq "accounts, contacts (with an email), members, visits, attendees" "1|2|1|3|3" "$(counts "$b")"
run export --format ics "$tmp/b.ics" --db "$b"
if diff <(strip "$tmp/a.ics") <(strip "$tmp/b.ics") >"$tmp/diff"; then
  pass "round trip: export, import into an empty database, export: the same events"
else
  fail "round trip: export, import into an empty database, export: the same events" "$(head -5 "$tmp/diff")"
fi
expect_eq "the contact met has its last met" "2026-03-27T02:00:00Z" \
  "$(sql "$b" "SELECT last_met FROM contact WHERE email = 'zhao.min@chinamobile.example'")"

run import "$tmp/a.ics" --db "$b"
expect_rc "import of the same file again" 0
expect_eq "again: updated, not duplicated" "Imported 0 new visits and updated 3 from $tmp/a.ics; 0 events skipped" \
  "$(tail -1 "$tmp/out")"
expect_eq "again: the same records" "1|2|1|3|3" "$(counts "$b")"

# --- an invitation as Outlook writes it, and broken events -------------------

printf '%s\r\n' \
  'BEGIN:VCALENDAR' \
  'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN' \
  'VERSION:2.0' \
  'METHOD:REQUEST' \
  'BEGIN:VTIMEZONE' \
  'TZID:W. Europe Standard Time' \
  'BEGIN:STANDARD' \
  'DTSTART:16011028T030000' \
  'TZOFFSETFROM:+0200' \
  'TZOFFSETTO:+0100' \
  'END:STANDARD' \
  'END:VTIMEZONE' \
  'BEGIN:VEVENT' \
  'UID:040000008200E00074C5B7101A82E00800000000' \
  'ORGANIZER;CN="Zhang, Wei":mailto:Zhang.Wei@ours.example' \
  'ATTENDEE;CN="Zhao Min";RSVP=TRUE:MAILTO:ZHAO.MIN@chinamobile.example' \
  'ATTENDEE;CN=New Person:mailto:new.person@chinamobile.example' \
  'ATTENDEE;CN=Stranger:mailto:someone@elsewhere.example' \
  'DTSTART;TZID=W. Europe Standard Time:20261201T100000' \
  'DTEND;TZID=W. Europe Standard Time:20261201T113000' \
  'SUMMARY;LANGUAGE=en-us:Pilot review\, phase 2' \
  'LOCATION:Berlin' \
  'DESCRIPTION:Agenda:\n1. results' \
  ' \n2. next steps' \
  'this line is broken' \
  'BEGIN:VALARM' \
  'TRIGGER:-PT15M' \
  'ACTION:DISPLAY' \
  'END:VALARM' \
  'END:VEVENT' \
  'BEGIN:VEVENT' \
  'UID:no-end' \
  'DTSTART:20261202T020000Z' \
  'SUMMARY:Call without an end' \
  'ATTENDEE:mailto:zhao.min@chinamobile.example' \
  'END:VEVENT' \
  'BEGIN:VEVENT' \
  'UID:unknown-zone' \
  'DTSTART;TZID=Mars/Olympus_Mons:20261203T090000' \
  'DURATION:PT45M' \
  'SUMMARY:Unknown zone' \
  'ATTENDEE:mailto:sun.li@chinamobile.example' \
  'END:VEVENT' \
  'BEGIN:VEVENT' \
  'UID:stranger' \
  'DTSTART:20261204T090000Z' \
  'DTEND:20261204T100000Z' \
  'SUMMARY:Nobody we know' \
  'ATTENDEE:mailto:x@nowhere.example' \
  'END:VEVENT' \
  'BEGIN:VEVENT' \
  'UID:no-start' \
  'SUMMARY:No start' \
  'END:VEVENT' \
  'BEGIN:VEVENT' \
  'UID:all-day' \
  'DTSTART;VALUE=DATE:20261207' \
  'SUMMARY:Trade fair' \
  'ATTENDEE:mailto:zhao.min@chinamobile.example' \
  'END:VEVENT' \
  'BEGIN:VEVENT' \
  'UID:bad-start' \
  'DTSTART:2026-12-08 09:00' \
  'SUMMARY:Unreadable start' \
  'ATTENDEE:mailto:zhao.min@chinamobile.example' \
  'END:VEVENT' \
  'END:VCALENDAR' >"$tmp/outlook.ics"

before=$(counts "$db")
run import "$tmp/outlook.ics" --dry-run --db "$db"
expect_rc "a file with broken events: dry run" 0
expect_eq "nothing written by the dry run" "$before" "$(counts "$db")"
report="$tmp/out"
expect_eq "dry run counts" "Dry run: 4 new, 0 to update, 3 skipped; nothing written" "$(tail -1 "$report")"
for want in "Line 25 is not an iCalendar property: skipped" \
            "New contact New Person <new.person@chinamobile.example>" \
            "someone@elsewhere.example is neither a contact nor a team member: left out" \
            "No end time: one hour assumed" \
            "Unknown time zone “Mars/Olympus_Mons”: its times are read as local time" \
            "No account matches: no attendee’s email or email domain is known" \
            "No start time (DTSTART): skipped" \
            "The start time (DTSTART) cannot be read: skipped" \
            "An all-day event"; do
  if grep -qF -- "$want" "$report"; then pass "report: $want"; else fail "report: $want" "$(cat "$report")"; fi
done

run import "$tmp/outlook.ics" --db "$db"
expect_rc "import of the invitations" 0
expect_eq "4 new visits, 1 new contact" "1|4|1|8" "$(counts "$db" | cut -d'|' -f1-4)"
expect_eq "Outlook's Windows zone: 10:00 in Berlin is 09:00 UTC" \
  "2026-12-01T09:00:00Z|2026-12-01T10:30:00Z|Berlin" \
  "$(sql "$db" "SELECT start_at, end_at, place FROM visit WHERE external_id = '040000008200E00074C5B7101A82E00800000000'")"
expect_eq "its objective: the summary unescaped and the unfolded description" \
  "$(printf 'Pilot review, phase 2\nAgenda:\n1. results\n2. next steps')" \
  "$(sql "$db" "SELECT objective FROM visit WHERE external_id = '040000008200E00074C5B7101A82E00800000000'")"
expect_eq "its attendees: the contact met, the new contact, and our organizer" "2|1" \
  "$(sql "$db" "SELECT (SELECT count(*) FROM visit_contact vc JOIN visit v ON v.id = vc.visit_id WHERE v.external_id LIKE '0400%'), (SELECT count(*) FROM visit_member vm JOIN visit v ON v.id = vm.visit_id WHERE v.external_id LIKE '0400%')")"
expect_eq "no DTEND: one hour" "2026-12-02T02:00:00Z|2026-12-02T03:00:00Z" \
  "$(sql "$db" "SELECT start_at, end_at FROM visit WHERE external_id = 'no-end'")"
expect_eq "unknown zone: local time (Shanghai), DURATION 45 min" "2026-12-03T01:00:00Z|2026-12-03T01:45:00Z" \
  "$(sql "$db" "SELECT start_at, end_at FROM visit WHERE external_id = 'unknown-zone'")"
expect_eq "all day: local midnight to midnight" "2026-12-06T16:00:00Z|2026-12-07T16:00:00Z" \
  "$(sql "$db" "SELECT start_at, end_at FROM visit WHERE external_id = 'all-day'")"

# --- refused: junk, and a failure half way writes nothing -------------------

before=$(counts "$db")
head -c 10485760 /dev/urandom >"$tmp/junk.ics"
start=$(date +%s%N)
run import "$tmp/junk.ics" --db "$db"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$rc" -eq 1 ] && grep -q "too big" "$tmp/err"; then pass "10 MB of junk is refused"; else fail "10 MB of junk is refused" "status $rc"; fi
if [ "$ms" -lt 2000 ]; then pass "refused quickly (${ms} ms)"; else fail "refused quickly" "${ms} ms"; fi

{ printf 'BEGIN:VCALENDAR\r\n'; head -c 3000000 /dev/urandom; } >"$tmp/junk2.ics"
run import "$tmp/junk2.ics" --db "$db"
expect_rc "3 MB of junk after BEGIN:VCALENDAR: read, nothing to import" 0
if grep -q "No events in the file" "$tmp/out"; then pass "junk: no events"; else fail "junk: no events" "$(tail -3 "$tmp/out")"; fi

printf 'hello\r\n' >"$tmp/text.ics"
run import "$tmp/text.ics" --db "$db"
expect_rc "a text file that is not iCalendar is refused" 1
expect_eq "nothing written by the refusals" "$before" "$(counts "$db")"

# A database that refuses the second of three visits: the import fails and
# the first one is not left behind.
"$PY" - "$b" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TRIGGER test_refuse BEFORE UPDATE ON visit WHEN new.objective = 'Follow-up call' "
           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
db.commit()
EOF
sed 's/^X-KAM-OBJECTIVE:Dinner/X-KAM-OBJECTIVE:Dinner changed/; s/^LOCATION:Beijing; HQ/LOCATION:Shanghai; HQ/' \
  "$tmp/a.ics" >"$tmp/changed.ics"
before_rows=$(sql "$b" "SELECT group_concat(objective || place, '/') FROM (SELECT objective, place FROM visit ORDER BY id)")
run import "$tmp/changed.ics" --db "$b"
expect_rc "an import that fails half way exits 1" 1
expect_eq "and writes nothing (one transaction)" "$before_rows" \
  "$(sql "$b" "SELECT group_concat(objective || place, '/') FROM (SELECT objective, place FROM visit ORDER BY id)")"

# --- the visit plan's part of kam bench --------------------------------------

run bench --rounds 2 --db "$db"
if [ "$rc" -eq 0 ]; then
  expect_eq "bench reports the visit plan" "True" "$("$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(all(isinstance(d[k], (int, float)) for k in ["due", "visit_week", "visit_week_all", "propose_slot", "compliance_month"])
      and d["visit_plan_counts"]["owner_accounts"] == 1)' "$tmp/out")"
else
  fail "bench reports the visit plan" "status $rc"
fi

tap_end
