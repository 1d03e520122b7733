# tap-lib.sh — what the bash tests of kam share: TAP lines, running kam, a
# scratch folder.  Sourced as `. "$(dirname "$0")/tap-lib.sh" KAM` by a
# script whose first argument is the path of kam; the script ends with
# `tap_end`.
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

KAM=${1:-${KAM:-}}
if [ -z "$KAM" ] || [ ! -x "$KAM" ]; then
  echo "Bail out! kam not found: give its path as the first argument"
  exit 1
fi

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# a scratch folder, removed at the end even where a test made it read-only
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg"
unset KAM_DB

n=0
failed=0

pass() {
  n=$((n + 1))
  echo "ok $n - $1"
}

# fail NAME [LINE…]: "not ok", the lines as TAP comments, and the start of
# the last run's stderr
fail() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  local line
  for line in "$@"; do
    echo "# $line"
  done
  if [ -s "$tmp/err" ]; then
    sed 's/^/# stderr: /' "$tmp/err" | head -5
  fi
}

# run ARG...: runs kam; stdout in $tmp/out, stderr in $tmp/err, status in $rc
run() {
  "$KAM" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# expect_rc NAME STATUS: checks the status of the last run
expect_rc() {
  if [ "$rc" -eq "$2" ]; then pass "$1"; else fail "$1" "expected exit status $2, got $rc"; fi
}

# expect_eq NAME EXPECTED GOT
expect_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected: $2" "got:      $3"; fi
}

# the plan, and the exit status: 0 when every check passed
tap_end() {
  echo "1..$n"
  [ "$failed" -eq 0 ]
}
