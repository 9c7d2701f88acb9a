#!/bin/sh
# Fails when a catalogue in LINGUAS has an untranslated or fuzzy message, or when msgfmt finds
# a format string whose translation does not take the same arguments (--check).
po_dir="$1"
status=0
for lang in $(grep -v '^#' "$po_dir/LINGUAS"); do
  po="$po_dir/$lang.po"
  if ! stats="$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)"; then
    echo "$po: msgfmt --check failed:"
    echo "$stats"
    status=1
    continue
  fi
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "$po is not complete: translate every message and clear every fuzzy flag"
      status=1 ;;
  esac
done
exit $status
