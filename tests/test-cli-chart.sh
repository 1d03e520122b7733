#!/usr/bin/env bash
# test-cli-chart.sh — kam chart, end to end, as TAP
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-chart.sh PATH-TO-KAM
#
# The files are read back by parsers that are not Cairo's: the PNG header
# by Python, the SVG by Python's XML parser, the PDF by pdfinfo (poppler).

. "$(dirname "$0")/tap-lib.sh" "$1"

if ! command -v pdfinfo >/dev/null; then
  echo "Bail out! pdfinfo (poppler-utils) is needed"
  exit 1
fi

png_size() {
  "$PY" - "$1" <<'PYEOF'
import struct, sys
data = open(sys.argv[1], 'rb').read(33)
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
assert data[12:16] == b'IHDR'
w, h = struct.unpack('>II', data[16:24])
print(f'{w}x{h}')
PYEOF
}

svg_size() {
  "$PY" - "$1" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag.endswith('svg'), root.tag
print(root.get('width').replace('pt', '').replace('px', '') + 'x' + root.get('height').replace('pt', '').replace('px', ''))
PYEOF
}

db="$tmp/k.db"
run generate --db "$db" -n 40 --today 2026-11-24
expect_rc "generate a portfolio" 0

for chart in funnel forecast forecast-quarters winrate pareto; do
  run chart "$chart" --db "$db" --period 2026 --output "$tmp/$chart.png" --width 900 --height 560
  expect_rc "chart $chart to PNG" 0
  size=$(png_size "$tmp/$chart.png" 2>&1)
  if [ "$size" = "900x560" ]; then pass "$chart PNG is 900x560"; else fail "$chart PNG is 900x560" "got $size"; fi
done

run chart forecast --db "$db" --period 2026-Q4 -o "$tmp/f.svg"
expect_rc "chart to SVG" 0
size=$(svg_size "$tmp/f.svg" 2>&1)
if [ "$size" = "1200x750" ]; then pass "SVG parses, 1200x750 by default"; else fail "SVG parses, 1200x750 by default" "got $size"; fi

# Cairo 1.16's PDF backend leaks 1.5 KB of its own arrays (see
# tests/meson.build, charts-pipeline-export): no leak check for this run
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
  run chart funnel --db "$db" -o "$tmp/f.pdf" --width 842 --height 595
expect_rc "chart to PDF" 0
info=$(pdfinfo "$tmp/f.pdf" 2>&1)
if grep -q "^Pages: *1$" <<<"$info" && grep -q "^Page size: *842 x 595 pts" <<<"$info"; then
  pass "pdfinfo reads one A4 landscape page"
else
  fail "pdfinfo reads one A4 landscape page" "$info"
fi
if grep -q "^Title: *Pipeline by stage" <<<"$info"; then pass "PDF title"; else fail "PDF title" "$info"; fi

# one owner: by name
"$KAM" list member --db "$db" >"$tmp/members" 2>/dev/null
owner=$(sed -n 2p "$tmp/members" | cut -f2)
run chart winrate --db "$db" --owner "$owner" -o "$tmp/w.png"
expect_rc "chart for an owner by name ($owner)" 0
[ -s "$tmp/w.png" ] && pass "owner's chart written" || fail "owner's chart written"

# an owner's chart differs from the team's
run chart funnel --db "$db" -o "$tmp/team.png"
run chart funnel --db "$db" --owner "$owner" -o "$tmp/own.png"
if ! cmp -s "$tmp/team.png" "$tmp/own.png"; then pass "owner filter changes the chart"; else fail "owner filter changes the chart"; fi

# the same input gives the same bytes
run chart forecast --db "$db" --period 2026 -o "$tmp/a.png"
run chart forecast --db "$db" --period 2026 -o "$tmp/b.png"
if cmp -s "$tmp/a.png" "$tmp/b.png"; then pass "same data, same PNG"; else fail "same data, same PNG"; fi

# an empty database still gives a chart (the "No data" state)
run chart forecast --db "$tmp/empty.db" --period 2026 -o "$tmp/empty.png"
expect_rc "empty database: chart written" 0
size=$(png_size "$tmp/empty.png" 2>&1)
if [ "$size" = "1200x750" ]; then pass "empty chart is a PNG"; else fail "empty chart is a PNG" "got $size"; fi

# mistakes
run chart --db "$db" -o "$tmp/x.png"
expect_rc "no chart named: usage" 2
run chart bubbles --db "$db" -o "$tmp/x.png"
expect_rc "unknown chart: usage" 2
run chart funnel --db "$db"
expect_rc "no --output: usage" 2
run chart forecast --db "$db" --period 2026-Q9 -o "$tmp/x.png"
expect_rc "bad period: usage" 2
if grep -q "2026-Q9" "$tmp/err"; then pass "bad period named"; else fail "bad period named"; fi
run chart funnel --db "$db" --width 0 -o "$tmp/x.png"
expect_rc "bad width: usage" 2
run chart funnel --db "$db" --owner "Nobody Here" -o "$tmp/x.png"
expect_rc "unknown owner: error" 1
run chart funnel --db "$db" -o "$tmp/x.gif"
expect_rc "unknown extension: error" 1
if [ ! -e "$tmp/x.gif" ] && [ ! -e "$tmp/x.png" ]; then pass "nothing written on errors"; else fail "nothing written on errors"; fi
run chart funnel --db "$db" -o "$tmp/no-such-dir/x.png"
expect_rc "unwritable path: error" 1

tap_end
