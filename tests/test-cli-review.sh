#!/usr/bin/env bash
# test-cli-review.sh — kam review, end to end, as TAP
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-review.sh PATH-TO-KAM
#
# The PDF is read back by poppler (pdfinfo, pdftotext), not by Cairo: the
# page count must be the slide count kam printed, the page 16:9 or 4:3, and
# the text layer must hold the slide titles, the account names and the
# numbers of a small hand-made database, in English and in Chinese.

. "$(dirname "$0")/tap-lib.sh" "$1"

if ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "Bail out! pdfinfo and pdftotext (poppler-utils) are needed"
  exit 1
fi

pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
page_size() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p'; }
has_text() {
  # $1 description, $2 file, $3... strings that must all be in the text layer
  local what=$1 file=$2; shift 2
  pdftotext "$file" "$tmp/text.txt" 2>/dev/null
  # pdftotext guesses spaces from gaps: compare without them too
  tr -d ' ' <"$tmp/text.txt" >"$tmp/tight.txt"
  local s missing=()
  for s in "$@"; do
    grep -qF -- "$s" "$tmp/text.txt" || grep -qF -- "${s// /}" "$tmp/tight.txt" || missing+=("$s")
  done
  if [ ${#missing[@]} -eq 0 ]; then pass "$what"; else fail "$what" "missing: ${missing[*]}"; fi
}

# --- an empty database: the fixed slides, each saying there is nothing ---
db="$tmp/empty.db"
run review --db "$db" --period 2026-Q4 --today 2026-11-24 -o "$tmp/empty.pdf"
expect_rc "an empty database gives a deck" 0
if [ "$(pages "$tmp/empty.pdf")" = 9 ] && grep -q '^9 slides' "$tmp/out"; then
  pass "the empty deck has the 9 fixed slides"
else
  fail "the empty deck has the 9 fixed slides" "pages: $(pages "$tmp/empty.pdf"), out: $(cat "$tmp/out")"
fi
has_text "the empty deck says so" "$tmp/empty.pdf" "Q4 2026" "Whole team" "No open deals in this scope" \
  "No accounts in this scope" "No target set" "1 / 9" "9 / 9"

# --- a hand-made database ---
db="$tmp/hand.db"
add() { "$KAM" add --db "$db" "$@" 2>"$tmp/err"; }
wang=$(add member name=Wang)
li=$(add member name=Li)
huawei=$(add account name=Huawei region=East owner_id="$wang" tier_pinned=A revenue_this_year=900000 \
  'targets=[{"year": 2026, "amount": 1200000}]' 'strategy=Win the core network refresh')
bank=$(add account name="Bank of Ningbo" region=East owner_id="$li" revenue_this_year=300000 \
  'targets=[{"year": 2026, "amount": 600000}]')
grid=$(add account name="State Grid" region=North owner_id="$li" tier_pinned=C revenue_this_year=100000)
add opportunity name="Core network" account_id="$huawei" amount=500000 stage=negotiation probability=60 \
  expected_close=2026-12-10 next_step="Final offer" >/dev/null
add opportunity name="Data centre" account_id="$huawei" amount=300000 stage=closed_won expected_close=2026-10-20 \
  closed_on=2026-10-21 >/dev/null
add opportunity name="Branch WAN" account_id="$bank" amount=200000 stage=solution_proposal probability=50 \
  expected_close=2026-11-30 >/dev/null
add opportunity name="Smart meters" account_id="$grid" amount=80000 stage=closed_lost expected_close=2026-11-01 \
  closed_on=2026-11-02 >/dev/null
add contact name="Zhang Wei" account_id="$huawei" title=CTO decision_role=economic_buyer influence=5 attitude=2 >/dev/null
if [ -z "$huawei" ] || [ -z "$grid" ]; then
  echo "Bail out! could not make the hand-made database"
  exit 1
fi

run review --db "$db" --period 2026-Q4 --today 2026-11-24 -o "$tmp/hand.pdf"
expect_rc "kam review writes the deck" 0
count=$(sed -n 's/^\([0-9]*\) slides$/\1/p' "$tmp/out")
if [ "$count" = 12 ] && [ "$(pages "$tmp/hand.pdf")" = 12 ]; then
  pass "one page per slide: 9 fixed and 3 accounts"
else
  fail "one page per slide: 9 fixed and 3 accounts" "printed: $count, pages: $(pages "$tmp/hand.pdf")"
fi
if [ "$(page_size "$tmp/hand.pdf")" = 960x540 ]; then pass "16:9 pages"; else fail "16:9 pages" "$(page_size "$tmp/hand.pdf")"; fi
# revenue: 300,000 won in Q4 against a target of (1,200,000 + 600,000) / 4 = 450,000 (67 %);
# weighted: 500,000 × 60 % + 200,000 × 50 % = 400,000; coverage 400,000 / 150,000 = 2.7×;
# win rate: 1 won, 1 lost = 50 %
has_text "the titles, the numbers and the accounts are in the text layer" "$tmp/hand.pdf" \
  "Key account review" "Q4 2026" "The numbers" "Forecast against target" "The funnel" "Top 10 open deals" \
  "Since the last review" "Portfolio by revenue" "Relationship coverage of the top accounts" \
  "Visit compliance by owner" "Huawei" "Bank of Ningbo" "State Grid" "Core network" "Final offer" \
  "¥300K" "¥450K target (67%)" "¥400K" "2.7×" "50%" "1 won, 1 lost" "12 / 12"
has_text "changes since the first day of the period" "$tmp/hand.pdf" "Since 2026-10-01: 1 won, 1 lost"

run review --db "$db" --period 2026-Q4 --today 2026-11-24 --owner Li --aspect 4:3 -o "$tmp/li.pdf"
expect_rc "--owner and --aspect 4:3" 0
if [ "$(pages "$tmp/li.pdf")" = 11 ] && [ "$(page_size "$tmp/li.pdf")" = 720x540 ]; then
  pass "Li's deck: two account slides on 4:3 pages"
else
  fail "Li's deck: two account slides on 4:3 pages" "pages $(pages "$tmp/li.pdf"), size $(page_size "$tmp/li.pdf")"
fi
has_text "Li's deck names Li and Li's accounts" "$tmp/li.pdf" "Li" "Bank of Ningbo" "State Grid"
pdftotext "$tmp/li.pdf" "$tmp/li.txt"
if grep -q "Huawei" "$tmp/li.txt"; then fail "Li's deck leaves Wang's account out"; else pass "Li's deck leaves Wang's account out"; fi

run review --db "$db" --period 2026-Q4 --today 2026-11-24 --region East -o "$tmp/east.pdf"
expect_rc "--region" 0
[ "$(pages "$tmp/east.pdf")" = 11 ] && pass "East: two account slides" || fail "East: two account slides" "pages $(pages "$tmp/east.pdf")"
run review --db "$db" --period 2026-Q4 --today 2026-11-24 --region North --tier C -o "$tmp/north.pdf"
expect_rc "--region and --tier" 0
[ "$(pages "$tmp/north.pdf")" = 10 ] && pass "North, tier C: one account slide" || fail "North, tier C: one account slide" "pages $(pages "$tmp/north.pdf")"
has_text "North, tier C names State Grid" "$tmp/north.pdf" "State Grid" "North · Tier C"

run review --db "$db" --period 2026-Q4 --today 2026-11-24 --accounts "$grid,$huawei" -o "$tmp/two.pdf"
expect_rc "--accounts" 0
[ "$(pages "$tmp/two.pdf")" = 11 ] && pass "two hand-picked accounts, two slides" || fail "two hand-picked accounts, two slides" "pages $(pages "$tmp/two.pdf")"

run review --db "$db" --period 2026-Q4 --today 2026-11-24 --dark --mark-reviewed -o "$tmp/dark.pdf"
expect_rc "--dark --mark-reviewed" 0
run review --db "$db" --period 2026-Q4 --today 2026-11-25 -o "$tmp/next.pdf"
has_text "the next deck counts changes from the day marked" "$tmp/next.pdf" "Since 2026-11-24: 0 won, 0 lost"

# Chinese: the text layer holds CJK (fonts embedded) and money in 万
run_zh() { LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=C.UTF-8 "$KAM" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
run_zh review --db "$db" --period 2026-Q4 --today 2026-11-24 -o "$tmp/zh.pdf"
expect_rc "kam review in Chinese" 0
has_text "the Chinese deck's text is extractable" "$tmp/zh.pdf" "大客户评审" "2026年第4季度" "关键数字" \
  "前 10 个进行中的商机" "¥30万" "¥40万" "Huawei"
if pdffonts "$tmp/zh.pdf" 2>/dev/null | grep -q "CJK"; then pass "a CJK font is embedded"; else fail "a CJK font is embedded"; fi

# The pages as pictures (pdftoppm), one PNG a page, each with something on
# it; kept in KAM_SCREENSHOT_DIR when it is set.
shots=${KAM_SCREENSHOT_DIR:-$tmp}
mkdir -p "$shots"
for deck in hand zh; do
  [ -f "$tmp/$deck.pdf" ] || continue
  rm -f "$shots/review-pdf-$deck"-*.png
  pdftoppm -r 40 -png "$tmp/$deck.pdf" "$shots/review-pdf-$deck"
  n_png=$(ls "$shots/review-pdf-$deck"-*.png 2>/dev/null | wc -l)
  blank=0
  for png in "$shots/review-pdf-$deck"-*.png; do
    sd=$(identify -format '%[fx:standard_deviation]' "$png" 2>/dev/null || echo 0)
    awk -v s="$sd" 'BEGIN { exit !(s > 0.01) }' || blank=$((blank + 1))
  done
  if [ "$n_png" = "$(pages "$tmp/$deck.pdf")" ] && [ "$blank" = 0 ]; then
    pass "pdftoppm renders every page of the $deck deck, none blank"
  else
    fail "pdftoppm renders every page of the $deck deck, none blank" "$n_png PNGs for $(pages "$tmp/$deck.pdf") pages, $blank blank"
  fi
done

# kam report, as the sales team was told: --pdf FILE and --period 2026Q4
run report --db "$db" --pdf "$tmp/report.pdf" --period 2026Q4 --today 2026-11-24 --owner Li --aspect 4:3
expect_rc "kam report --pdf --period 2026Q4" 0
if [ "$(pages "$tmp/report.pdf")" = "$(pages "$tmp/li.pdf")" ] && [ "$(page_size "$tmp/report.pdf")" = 720x540 ] \
   && grep -q "^$(pages "$tmp/li.pdf") slides" "$tmp/out"; then
  pass "kam report writes the deck of kam review"
else
  fail "kam report writes the deck of kam review" "pages $(pages "$tmp/report.pdf") vs $(pages "$tmp/li.pdf")"
fi
has_text "kam report's deck is Li's Q4 2026" "$tmp/report.pdf" "Q4 2026" "Li" "Bank of Ningbo" "State Grid"
run report --db "$db" --pdf "$tmp/a.pdf" --output "$tmp/b.pdf"
expect_rc "--pdf and --output naming two files is a usage error" 2

# errors
run review --db "$db" --period 2026-Q4
expect_rc "no --output is a usage error" 2
run report --db "$db" --period 2026Q4
expect_rc "kam report without --pdf is a usage error" 2
run review --db "$db" --period 2026-Q9 -o "$tmp/x.pdf"
expect_rc "a wrong period is a usage error" 2
run review --db "$db" --aspect 5:4 -o "$tmp/x.pdf"
expect_rc "a wrong aspect is a usage error" 2
run review --db "$db" --owner Nobody -o "$tmp/x.pdf"
expect_rc "an unknown owner fails" 1
run review --db "$db" -o "$tmp/no/such/dir/x.pdf"
expect_rc "an unwritable file fails" 1

tap_end
