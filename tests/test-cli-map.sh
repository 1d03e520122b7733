#!/usr/bin/env bash
# test-cli-map.sh — kam map, end to end, as TAP
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-map.sh PATH-TO-KAM
#
# The files kam map writes are read by other programs: PNG by python3's
# zlib/struct (size from the IHDR chunk), SVG by python3's XML parser, PDF
# by pdfinfo (poppler-utils).

. "$(dirname "$0")/tap-lib.sh" "$1"

# expect_error NAME STATUS [TEXT]: exit STATUS, one line "kam: …" on stderr (containing TEXT)
expect_error() {
  local lines; lines=$(wc -l <"$tmp/err")
  if [ "$rc" -ne "$2" ]; then fail "$1" "expected exit status $2, got $rc"
  elif [ "$lines" -ne 1 ] || ! grep -q '^kam: ' "$tmp/err"; then fail "$1" "expected one line 'kam: …' on stderr"
  elif [ -n "${3:-}" ] && ! grep -qF -- "$3" "$tmp/err"; then fail "$1" "stderr does not say: $3"
  else pass "$1"; fi
}

db="$tmp/map.db"
run generate --accounts 5 --seed 3 --today 2026-11-24 --db "$db"
[ "$rc" -eq 0 ] || { echo "Bail out! kam generate failed"; exit 1; }
account=$(sqlite3 "$db" "SELECT id FROM account ORDER BY id LIMIT 1" 2>/dev/null)
if [ -z "$account" ]; then
  run list account --format tsv --db "$db"
  account=$(sed -n 2p "$tmp/out" | cut -f1)
fi

png_size() {
  "$PY" - "$1" <<'PYEOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
assert data[12:16] == b'IHDR'
w, h = struct.unpack('>II', data[16:24])
print('%dx%d' % (w, h))
PYEOF
}

run map "$account" --output "$tmp/map.png" --today 2026-11-24 --db "$db"
expect_eq "map to PNG: default size" "0 1600x1000" "$rc $(png_size "$tmp/map.png" 2>&1)"

run map "$account" -o "$tmp/small.PNG" --width 640 --height 480 --dark --db "$db"
expect_eq "map to PNG: --width, --height, --dark" "0 640x480" "$rc $(png_size "$tmp/small.PNG" 2>&1)"

run map "$account" --output "$tmp/map.svg" --width 800 --height 600 --db "$db"
expect_eq "map to SVG: parsed by python3's XML parser, 800pt x 600pt, with text" "0 800pt 600pt True" \
  "$rc $("$PY" -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag.endswith("svg")
print(root.get("width"), root.get("height"), len(list(root.iter())) > 50)' "$tmp/map.svg" 2>&1)"

run map "$account" --output "$tmp/map.pdf" --db "$db"
if [ "$rc" -eq 0 ] && pdfinfo "$tmp/map.pdf" >"$tmp/pdfinfo" 2>&1; then
  expect_eq "map to PDF: pdfinfo reads one A3 landscape page" "1 1190 x 842 pts" \
    "$(sed -n 's/^Pages: *//p' "$tmp/pdfinfo") $(sed -n 's/^Page size: *\([0-9]* x [0-9]* pts\).*/\1/p' "$tmp/pdfinfo")"
else
  fail "map to PDF: pdfinfo reads one A3 landscape page" "status $rc or pdfinfo failed: $(cat "$tmp/pdfinfo" 2>/dev/null)"
fi

run map no-such-account --output "$tmp/x.png" --db "$db"
expect_error "unknown account: exit 1, says so" 1 "no-such-account"
[ -e "$tmp/x.png" ] && fail "unknown account: no file written" || pass "unknown account: no file written"

run map "$account" --output "$tmp/map.jpeg" --db "$db"
expect_error "unknown extension: exit 2 with a hint" 2 ".png, .svg or .pdf"

run map "$account" --db "$db"
expect_error "no --output: exit 2" 2

run map --output "$tmp/x.png" --db "$db"
expect_error "no account: exit 2" 2

mkdir "$tmp/ro" && chmod a-w "$tmp/ro"
run map "$account" --output "$tmp/ro/map.png" --db "$db"
if [ "$(id -u)" -eq 0 ]; then
  pass "unwritable file: exit 1 naming the file # SKIP root writes anywhere"
else
  expect_error "unwritable file: exit 1 naming the file" 1 "ro/map.png"
fi

run map "$account" --output "$tmp/missing/map.png" --db "$db"
expect_error "file in a missing folder: exit 1 naming the file" 1 "missing/map.png"

LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 "$KAM" map "$account" --output "$tmp/map.jpeg" --db "$db" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ -n "${KAM_LOCALEDIR:-}" ]; then
  expect_error "errors are translated (zh_CN)" 2 "无法判断"
else
  pass "errors are translated (zh_CN) # SKIP KAM_LOCALEDIR not set"
fi

run bench --rounds 1 --db "$db"
expect_eq "bench measures the map of 2,000 people" "0 True" "$rc $("$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))["map"]
print(d["people"] >= 2000 and all(k in d for k in ["load", "layout", "redraw_fit_1920x1080", "redraw_100_1920x1080"]))' "$tmp/out" 2>&1)"

tap_end
