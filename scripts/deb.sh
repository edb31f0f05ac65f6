#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Builds the Debian packages rotad and rota from debian/ (dh, debhelper
# 13) in a scratch copy of the tree, checks them with lintian (no error,
# no warning allowed), and puts the .deb files in OUTDIR (default
# build-deb/).  Extra dpkg-buildpackage options may follow, for example
# DEB_BUILD_OPTIONS=nocheck scripts/deb.sh to skip the unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-build-deb}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rota" "$out"
# Tracked and new files, never a build directory.
git ls-files -co --exclude-standard -z | grep -zv '^build' |
  tar --null -T - -cf - | tar -xf - -C "$work/rota"
(cd "$work/rota" && dpkg-buildpackage -b -us -uc -j"$(nproc)" >"$work/build.log" 2>&1) || {
  tail -50 "$work/build.log"; exit 1; }
lintian --fail-on error,warning --tag-display-limit 0 "$work"/*.changes
cp "$work"/*.deb "$out"/
ls "$out"/*.deb
