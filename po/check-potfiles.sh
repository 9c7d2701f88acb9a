#!/bin/sh
# Fails when a source file with translatable strings is missing from POTFILES.in, or when
# POTFILES.in names a file that does not exist. Every layer (src/core, src/plot, src/cli,
# src/app) shares the one text domain, so every layer is searched.
top="$1"
status=0
cd "$top" || exit 1
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|glmcc_ngettext|g_dngettext|ngettext)\(' src --include='*.c' | sort) \
         $(grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui) \
         data/io.github.glmcc.Studio.desktop.in data/io.github.glmcc.Studio.metainfo.xml.in \
         data/io.github.glmcc.Studio.gschema.xml; do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done
for f in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in names $f, which does not exist"
    status=1
  fi
done
exit $status
