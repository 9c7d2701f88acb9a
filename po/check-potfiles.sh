#!/bin/sh
# Fails when a source file with translatable strings is missing from POTFILES.in.
top="$1"
status=0
cd "$top" || exit 1
for f in $(grep -l -E '_\(|N_\(|C_\(|ngettext' src/app/*.c) \
         $(grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui) \
         data/io.github.glmcc.Studio.desktop.in data/io.github.glmcc.Studio.metainfo.xml.in \
         data/io.github.glmcc.Studio.gschema.xml; do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done
exit $status
