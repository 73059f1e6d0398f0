#!/bin/sh
# SPDX-License-Identifier: MIT
#
# lab/kernel/extract.sh OUT PATCHDIR [EXTRA_PATCH...]
#
# The kernel's include/linux/page_ref.h for the lab, never copied into the
# repository: takes every file the patches touch from Debian's
# linux-source-6.12 tarball (once, into $(dirname OUT)/6.12, the tarball's
# files as shipped), copies them to OUT/tree, applies PATCHDIR's NNNN-*.patch
# in order (0000, the cover letter, has no diff) and then each EXTRA_PATCH
# with patch -p1, and leaves the result at OUT/include/linux/page_ref.h,
# where lab/kernel/'s shim compiles it unchanged. PATCHDIR "none": 6.12 as
# shipped. KERNEL_TARBALL overrides the tarball's path.
set -eu
out=$1 pdir=$2
shift 2
tarball=${KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
top=linux-source-6.12
base=$(dirname "$out")/6.12

patches=
if [ "$pdir" != none ]; then
	for p in "$pdir"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $p in */0000-*) continue ;; esac
		patches="$patches $p"
	done
	[ -n "$patches" ] || { echo "extract: no NNNN-*.patch in $pdir" >&2; exit 1; }
fi
patches="$patches $*"

# The files the patches modify (new ones come from the patches), and page_ref.h.
files=$( { echo include/linux/page_ref.h; cat $patches /dev/null |
	sed -n 's|^--- a/\([^	 ]*\).*|\1|p'; } | sort -u)
missing=
for f in $files; do [ -f "$base/$f" ] || missing="$missing $top/$f"; done
if [ -n "$missing" ]; then
	[ -r "$tarball" ] || { echo "extract: $tarball missing (scripts/deps installs linux-source-6.12)" >&2; exit 1; }
	echo "extract: taking$(echo "$missing" | wc -w | tr -d ' ') file(s) from $tarball" >&2
	mkdir -p "$base"
	# shellcheck disable=SC2086
	tar -xJf "$tarball" -C "$base" --strip-components=1 $missing
fi

rm -rf "$out.tmp"
mkdir -p "$out.tmp/tree" "$out.tmp/include/linux"
for f in $files; do
	mkdir -p "$out.tmp/tree/$(dirname "$f")"
	cp "$base/$f" "$out.tmp/tree/$f"
done
for p in $patches; do
	patch -d "$out.tmp/tree" -p1 -s --no-backup-if-mismatch < "$p" ||
		{ echo "extract: $p does not apply" >&2; exit 1; }
done
h=$out.tmp/include/linux/page_ref.h
cp "$out.tmp/tree/include/linux/page_ref.h" "$h"
# kernel_NAME for each function the header defines, and back (lab/kernel/scheme.h).
names=$(sed -n 's/^static [a-z_ ]*[ *]\([a-z_0-9]*\)(.*/\1/p' "$h" | sort -u)
[ -n "$names" ] || { echo "extract: no function found in $h" >&2; exit 1; }
for n in $names; do echo "#define $n kernel_$n"; done > "$out.tmp/include/rename.h"
for n in $names; do echo "#undef $n"; done > "$out.tmp/include/unrename.h"
{ echo "tarball $tarball"; for p in $patches; do echo "patch $p $(sha1sum < "$p" | cut -c1-12)"; done; } \
	> "$out.tmp/SOURCES"
rm -rf "$out"
mv "$out.tmp" "$out"
