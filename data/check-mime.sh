#!/bin/sh
# check-mime.sh UPDATE_MIME_DATABASE MIME_XML: the package compiles into a fresh MIME database
# and maps *.glmcc to application/x-glmcc-analysis, a kind of JSON.
set -eu
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/packages"
cp "$2" "$tmp/packages/glmcc.xml"
# It also notes that the directory is not on the data path: that is expected here.
"$1" "$tmp" >/dev/null 2>&1
grep -q '^application/x-glmcc-analysis:\*\.glmcc$' "$tmp/globs"
grep -q '^application/x-glmcc-analysis application/json$' "$tmp/subclasses"
