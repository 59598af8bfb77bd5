#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the flatpak manifest offline: flatpak-builder parses it with every
# warning fatal (an unknown or misspelt key fails), and the sandbox stays narrow.
#   build-aux/check-flatpak-manifest.sh MANIFEST APP_ID
# Exits 77 (skipped) when flatpak-builder is not installed.
set -u
manifest=$1
app_id=$2

if ! command -v flatpak-builder > /dev/null 2>&1; then
  echo "flatpak-builder is not installed: skipped"
  exit 77
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$manifest" > "$out"; then
  echo "flatpak-builder could not read $manifest"
  exit 1
fi

rc=0
grep -q "\"id\" : \"$app_id\"" "$out" || { echo "the manifest's id is not $app_id"; rc=1; }
grep -q '"runtime" : "org.gnome.Platform"' "$out" || { echo "the runtime is not org.gnome.Platform"; rc=1; }
grep -q '"runtime-version" : "43"' "$out" || { echo "the runtime is not GNOME 43 (GTK 4.8, libadwaita 1.2)"; rc=1; }
grep -q '"run-tests" : true' "$out" || { echo "the application's tests do not run in the build"; rc=1; }
for forbidden in '--share=network' '--filesystem=' '--socket=x11' '--device=all' '--talk-name=' '--socket=session-bus'; do
  if grep -q -- "\"$forbidden" "$out"; then
    echo "the sandbox is wider than needed: $forbidden (files come through the portal file chooser)"
    rc=1
  fi
done
for needed in '--share=ipc' '--socket=fallback-x11' '--socket=wayland' '--device=dri'; do
  grep -q -- "\"$needed\"" "$out" || { echo "finish-args lacks $needed"; rc=1; }
done
[ $rc -eq 0 ] && echo "$manifest: ok"
exit $rc
