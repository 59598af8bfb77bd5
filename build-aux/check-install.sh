#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `meson install` into a temporary prefix gives a working application:
#   build-aux/check-install.sh SOURCE_ROOT APP_ID [MESON_OPTION…]
# configures a fresh build with --prefix=TMP/prefix, installs it, then runs the
# installed fieldwork-cli and checks the desktop file, metainfo, icons, compiled
# settings schema and translations are where the desktop looks for them.
set -eu
src=$1
app_id=$2
shift 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fieldwork-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail=0
check() {   # check DESCRIPTION COMMAND…
  what=$1
  shift
  if "$@" > "$tmp/out" 2>&1; then
    echo "ok - $what"
  else
    echo "not ok - $what"
    sed 's/^/#   /' "$tmp/out"
    fail=1
  fi
}

echo "# configuring and installing into $prefix"
meson setup "$tmp/build" "$src" --prefix "$prefix" --buildtype plain "$@" > "$tmp/setup.log" 2>&1 \
  || { cat "$tmp/setup.log"; exit 1; }
meson install -C "$tmp/build" > "$tmp/install.log" 2>&1 || { tail -n 40 "$tmp/install.log"; exit 1; }

# the installed programs, with nothing of the user's or the build tree's
export XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config" XDG_DATA_DIRS="$prefix/share"
unset FIELDWORK_LOCALEDIR FIELDWORK_FRAMEWORKS_DIR GSETTINGS_SCHEMA_DIR || true
share=$prefix/share

check "fieldwork-cli is installed" test -x "$prefix/bin/fieldwork-cli"
check "fieldwork-cli frameworks lists the shipped frameworks" \
  sh -c '"$1/bin/fieldwork-cli" frameworks | grep -q hmip-youth-2018 && "$1/bin/fieldwork-cli" frameworks | grep -q hmip-youth-2025' sh "$prefix"
if [ -f "$tmp/build/src/fieldwork" ]; then
  check "fieldwork is installed" test -x "$prefix/bin/fieldwork"
  check "fieldwork --help runs" "$prefix/bin/fieldwork" --help
fi
check "desktop file" test -f "$share/applications/$app_id.desktop"
if command -v desktop-file-validate > /dev/null; then
  check "installed desktop file is valid" desktop-file-validate "$share/applications/$app_id.desktop"
fi
check "desktop file names the icon" grep -qx "Icon=$app_id" "$share/applications/$app_id.desktop"
check "metainfo" test -f "$share/metainfo/$app_id.metainfo.xml"
check "scalable icon" test -f "$share/icons/hicolor/scalable/apps/$app_id.svg"
check "symbolic icon" test -f "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
check "settings schema" test -f "$share/glib-2.0/schemas/$app_id.gschema.xml"
check "settings schema compiled" test -f "$share/glib-2.0/schemas/gschemas.compiled"
check "compiled schema has the inspector's name" \
  sh -c 'gsettings --schemadir "$1" list-keys "$2" | grep -qx inspector-name' sh "$share/glib-2.0/schemas" "$app_id"
check "Welsh catalogue" test -f "$share/locale/cy/LC_MESSAGES/fieldwork.mo"
check "framework schema and frameworks" \
  test -f "$share/fieldwork/framework.rng" -a -f "$share/fieldwork/hmip-youth-2018.xml" -a -f "$share/fieldwork/hmip-youth-2025.xml"
# the installed catalogue is found through the compiled-in LOCALEDIR: framework titles in Welsh
if locale -a 2>/dev/null | grep -qiE '^(cy_GB\.utf-?8|C\.utf-?8)$'; then
  loc=$(locale -a | grep -iE '^cy_GB\.utf-?8$' | head -n 1)
  check "fieldwork-cli frameworks in Welsh (LANGUAGE=cy)" \
    sh -c 'LC_ALL="${2:-C.UTF-8}" LANGUAGE=cy "$1/bin/fieldwork-cli" frameworks | grep -q "Arolygu"' sh "$prefix" "$loc"
fi
exit $fail
