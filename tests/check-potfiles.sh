#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file with translatable strings is missing from po/POTFILES.in,
# when POTFILES.in names a file that does not exist, or when it is not sorted.
#   tests/check-potfiles.sh [SOURCE_ROOT]
set -u
cd "${1:-$(dirname "$0")/..}" || exit 1
export LC_ALL=C

potfiles=po/POTFILES.in
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v -e '^#' -e '^[[:space:]]*$' "$potfiles" > "$tmp/listed"
sort -u "$tmp/listed" > "$tmp/listed.sorted"

{
  # C: _("…"), N_("…"), C_("context", "…"), NC_ (…), ngettext ("…", …)
  grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)[[:space:]]*\([[:space:]]*"' src \
    --include='*.c' --include='*.h'
  # templates and menus
  grep -rl 'translatable="yes"' ui src --include='*.ui'
  # data files: desktop file, metainfo, settings schema
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml.in
  # the shipped frameworks' titles, statements, questions and prompts (po/its)
  ls data/frameworks/*.xml
} 2>/dev/null | sort -u > "$tmp/found"

rc=0
comm -23 "$tmp/found" "$tmp/listed.sorted" > "$tmp/missing"
if [ -s "$tmp/missing" ]; then
  echo "These files have translatable strings but are not in $potfiles:"
  sed 's/^/  /' "$tmp/missing"
  rc=1
fi
while read -r f; do
  if [ ! -f "$f" ]; then
    echo "$potfiles names $f, which does not exist"
    rc=1
  fi
done < "$tmp/listed"
if ! sort -c "$tmp/listed" 2>/dev/null; then
  echo "$potfiles is not sorted (LC_ALL=C sort)"
  rc=1
fi
if [ $rc -eq 0 ]; then
  echo "$potfiles lists the $(wc -l < "$tmp/listed") files with translatable strings"
fi
exit $rc
