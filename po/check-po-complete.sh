#!/bin/sh
# Fails when a catalogue in LINGUAS lacks a translation for any message of the sources.
# The template is regenerated from POTFILES.in into a temporary directory exactly as
# i18n.gettext(preset: 'glib') does in po/meson.build, so a string added to the code without
# a translation is caught even before anyone runs the -pot/-update-po targets.
# Usage: check-po-complete.sh PO_DIR SOURCE_ROOT GETTEXT_PACKAGE [EXTRA_XGETTEXT_ARGS...]
po_dir="$1"
source_root="$2"
package="$3"
shift 3

tmp="$(mktemp -d)" || exit 1
trap 'rm -rf "$tmp"' EXIT

# The arguments of meson's 'glib' preset (mesonbuild/modules/i18n.py), then the project's own
# (passed by po/meson.build from the same list i18n.gettext uses).
if ! LC_ALL=C xgettext --package-name="$package" -p "$tmp" -f "$po_dir/POTFILES.in" \
     -D "$source_root" -k_ -o "$package.pot" \
     --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
     --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
     --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
     --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
     "$@"; then
  echo "xgettext could not extract the template from $po_dir/POTFILES.in"
  exit 1
fi
pot="$tmp/$package.pot"

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

  # Merge without fuzzy matching: a message of the sources that the catalogue lacks comes out
  # untranslated instead of borrowing a neighbour's translation.
  merged="$tmp/$lang.po"
  if ! LC_ALL=C msgmerge --quiet --no-fuzzy-matching -o "$merged" "$po" "$pot"; then
    echo "$po: msgmerge against the regenerated template failed"
    status=1
    continue
  fi
  # Counts from msgfmt; the listing prints each message's msgctxt/msgid lines (a msgid with
  # embedded newlines spans several lines) and skips the header entry.
  counts="$(LC_ALL=C msgfmt --statistics -o /dev/null "$merged" 2>&1)"
  case "$counts" in
    *untranslated*|*fuzzy*)
      echo "$po is not complete against the sources ($counts); these messages need a translation:"
      for which in --untranslated --only-fuzzy; do
        LC_ALL=C msgattrib $which --no-obsolete --no-location --no-wrap "$merged" |
          awk -v kind="${which#--}" 'BEGIN { RS = "" }
               /"Project-Id-Version:/ { next }
               { n = split($0, line, "\n"); printing = 0
                 for (i = 1; i <= n; i++)
                   {
                     if (line[i] ~ /^msgstr/) break
                     if (line[i] ~ /^(msgctxt|msgid)/) printing = 1
                     if (printing) print (kind == "only-fuzzy" ? "  (fuzzy) " : "  ") line[i]
                   }
               }'
      done
      status=1 ;;
  esac
  if grep -q '^#~' "$po"; then
    echo "$po keeps obsolete (#~) entries: remove them (msgattrib --no-obsolete)"
    status=1
  fi
  if [ $status -ne 0 ]; then
    echo "Update it with: meson compile -C _build $package-update-po, then translate"
  fi
done
exit $status
