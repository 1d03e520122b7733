#!/bin/sh
# with-keyring.sh COMMAND [ARG...]: runs COMMAND with a Secret Service of its
# own: a fresh gnome-keyring-daemon (secrets component only) whose login
# keyring is made and unlocked with a throw-away password, in temporary
# XDG directories.  Run it inside dbus-run-session.
#
# Copyright 2026 The Key Accounts developers
# SPDX-License-Identifier: GPL-3.0-or-later

data=$(mktemp -d) || exit 1
runtime=$(mktemp -d) || exit 1
export XDG_DATA_HOME="$data" XDG_RUNTIME_DIR="$runtime"
# An empty password makes the daemon ask a prompter (no display here).
eval "$(printf 'kam-test-keyring' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
"$@"
status=$?
[ -n "$GNOME_KEYRING_PID" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
rm -rf "$data" "$runtime"
exit $status
