#!/usr/bin/env bash
# test-po.sh — the Chinese translation is complete, as TAP
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-po.sh SOURCE-ROOT BUILD-ROOT
#
# Fails when a file with translatable strings is missing from
# po/POTFILES.in, when a string of those files has no zh_CN translation or
# a fuzzy one, when po/zh_CN.po does not compile cleanly, and when the built
# desktop file and metainfo lack their Chinese texts.

set -u

src=${1:-}
build=${2:-}
if [ ! -f "$src/po/POTFILES.in" ] || [ ! -d "$build" ]; then
  echo "Bail out! usage: test-po.sh SOURCE-ROOT BUILD-ROOT"
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

pass() {
  n=$((n + 1))
  echo "ok $n - $1"
}

fail() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  local line
  for line in "$@"; do
    echo "# $line"
  done
}

cd "$src" || exit 1

# 1. every file with translatable strings is in POTFILES.in
missing=$(grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|dngettext|ngettext) ?\("|translatable="yes"' src ui 2>/dev/null | sort |
          while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done)
for f in data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml; do
  grep -qxF "$f" po/POTFILES.in || missing="$missing $f"
done
if [ -z "$missing" ]; then
  pass "every file with translatable strings is in po/POTFILES.in"
else
  fail "every file with translatable strings is in po/POTFILES.in" "missing: $missing"
fi

# 2. every string of those files has a zh_CN translation that is not fuzzy
if xgettext --files-from=po/POTFILES.in --from-code=UTF-8 \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
     -o "$tmp/key-accounts.pot" 2>"$tmp/xgettext.err" &&
   msgmerge --quiet --no-fuzzy-matching po/zh_CN.po "$tmp/key-accounts.pot" -o "$tmp/merged.po" 2>"$tmp/msgmerge.err"; then
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when it prints anything
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ]; then
    pass "every string in POTFILES.in has a zh_CN translation"
  else
    fail "every string in POTFILES.in has a zh_CN translation" \
      "$untranslated untranslated, $fuzzy fuzzy; add them at the end of po/zh_CN.po:" \
      "$(msgattrib --untranslated --no-obsolete --no-location "$tmp/merged.po" | grep '^msgid ' | tail -n +2 | head -20)"
  fi
else
  fail "every string in POTFILES.in has a zh_CN translation" "$(cat "$tmp/xgettext.err" "$tmp/msgmerge.err")"
fi

# 3. msgfmt --check --statistics: no error, nothing untranslated or fuzzy
if msgfmt --check --statistics -o /dev/null po/zh_CN.po 2>"$tmp/stats"; then
  if grep -qE 'untranslated|fuzzy' "$tmp/stats"; then
    fail "msgfmt --check --statistics po/zh_CN.po: 0 untranslated, 0 fuzzy" "$(cat "$tmp/stats")"
  else
    pass "msgfmt --check --statistics po/zh_CN.po: 0 untranslated, 0 fuzzy"
  fi
else
  fail "msgfmt --check --statistics po/zh_CN.po: 0 untranslated, 0 fuzzy" "$(cat "$tmp/stats")"
fi

# 4. one plural form, as Chinese has
if grep -q '^"Plural-Forms: nplurals=1; plural=0;\\n"' po/zh_CN.po; then
  pass "zh_CN.po declares its plural forms"
else
  fail "zh_CN.po declares its plural forms"
fi

# 5. the desktop file and the metainfo carry the Chinese texts
desktop=$(ls "$build"/data/*.desktop 2>/dev/null | head -1)
metainfo=$(ls "$build"/data/*.metainfo.xml 2>/dev/null | head -1)
if [ -n "$desktop" ] && grep -q '^Name\[zh_CN\]=' "$desktop" && grep -q '^Comment\[zh_CN\]=' "$desktop"; then
  pass "the desktop file is translated"
else
  fail "the desktop file is translated" "no Name[zh_CN]/Comment[zh_CN] in ${desktop:-the built desktop file}"
fi
if [ -n "$metainfo" ] && grep -q '<summary xml:lang="zh_CN">' "$metainfo" && grep -q '<p xml:lang="zh_CN">' "$metainfo"; then
  pass "the metainfo is translated"
else
  fail "the metainfo is translated" "no summary/description in zh_CN in ${metainfo:-the built metainfo}"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
