#!/bin/sh
# SPDX-License-Identifier: MIT
#
# lab/kernel/extract.sh OUT PATCHDIR [EXTRA_PATCH...]
#
# The kernel's include/linux/page_ref.h for the lab, never copied into the
# repository: takes every file the patches touch from the pristine source of
# the series' base (kernel/base.env, KERNEL_BASE: the tree that
# kernel/source.sh prints, downloaded and extracted once), copies them to
# OUT/tree, applies PATCHDIR's NNNN-*.patch in order (0000, the cover letter,
# has no diff) and then each EXTRA_PATCH with patch -p1, and leaves the
# result at OUT/include/linux/page_ref.h, where lab/kernel/'s shim compiles it
# unchanged; and, where the patches create it, mm/page_ref.c (the try-get's
# out-of-line path) at OUT/include/page_ref.c, which lab/kernel/ops.h
# includes from there: beside it is no mm/internal.h, so its
# #include "internal.h" takes the shim's. PATCHDIR "none": the base as
# shipped.
#
# KERNEL_SRC overrides the tree (a directory with the base's pristine files);
# KERNEL_TARBALL a .tar.xz to take them from instead (its top directory
# linux-source-$KERNEL_BASE, extracted file by file into $(dirname OUT)/
# $KERNEL_BASE: how the lab took an older base from Debian's /usr/src tarball).
set -eu
out=$1 pdir=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
want=${KERNEL_BASE:-}
. "$root/kernel/base.env"
# KERNEL_BASE in the environment names another base, with KERNEL_SRC or
# KERNEL_TARBALL.
[ -z "$want" ] || KERNEL_BASE=$want
top=linux-source-$KERNEL_BASE

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

if [ -n "${KERNEL_TARBALL:-}" ]; then
	base=$(dirname "$out")/$KERNEL_BASE
	missing=
	for f in $files; do [ -f "$base/$f" ] || missing="$missing $top/$f"; done
	# (a file that the patches create is not in the tarball: tar says so)
	if [ -n "$missing" ]; then
		[ -r "$KERNEL_TARBALL" ] || { echo "extract: $KERNEL_TARBALL missing" >&2; exit 1; }
		echo "extract: taking$(echo "$missing" | wc -w | tr -d ' ') file(s) from $KERNEL_TARBALL" >&2
		mkdir -p "$base"
		# shellcheck disable=SC2086
		tar -xJf "$KERNEL_TARBALL" -C "$base" --strip-components=1 $missing
	fi
	from="tarball $KERNEL_TARBALL"
else
	base=${KERNEL_SRC:-$(sh "$root/kernel/source.sh")} ||
		{ echo "extract: no $top (sh kernel/source.sh)" >&2; exit 1; }
	from="tree $base"
fi

rm -rf "$out.tmp"
mkdir -p "$out.tmp/tree" "$out.tmp/include/linux"
for f in $files; do
	# a file that an earlier patch creates (a later one modifies it)
	[ -f "$base/$f" ] || continue
	mkdir -p "$out.tmp/tree/$(dirname "$f")"
	cp "$base/$f" "$out.tmp/tree/$f"
done
for p in $patches; do
	patch -d "$out.tmp/tree" -p1 -s --no-backup-if-mismatch < "$p" ||
		{ echo "extract: $p does not apply" >&2; exit 1; }
done
h=$out.tmp/include/linux/page_ref.h
cp "$out.tmp/tree/include/linux/page_ref.h" "$h"
[ ! -f "$out.tmp/tree/mm/page_ref.c" ] || cp "$out.tmp/tree/mm/page_ref.c" "$out.tmp/include/page_ref.c"
# kernel_NAME for each function the header defines, and back
# (lab/kernel/scheme.h); page_ref.c's functions, external ones, take the
# scheme's prefix instead (SCHEME, defined where ops.h includes them), so
# that the translation units of several schemes link together.
c=$out.tmp/include/page_ref.c
names=$(sed -n 's/^static [a-z_ ]*[ *]\([a-z_0-9]*\)(.*/\1/p' "$h" | sort -u)
[ -n "$names" ] || { echo "extract: no function found in $h" >&2; exit 1; }
externs=
[ ! -f "$c" ] || externs=$(sed -n 's/^[a-z_]* \**\([a-z_0-9]*\)(.*/\1/p' "$c" | sort -u |
	grep -vxF "$names" || true)
{ for n in $names; do echo "#define $n kernel_$n"; done
  for n in $externs; do echo "#define $n PAGEREF_PASTE(SCHEME, $n)"; done; } > "$out.tmp/include/rename.h"
for n in $names $externs; do echo "#undef $n"; done > "$out.tmp/include/unrename.h"
{ echo "base $KERNEL_BASE"; echo "$from"; for p in $patches; do echo "patch $p $(sha1sum < "$p" | cut -c1-12)"; done; } \
	> "$out.tmp/SOURCES"
rm -rf "$out"
mv "$out.tmp" "$out"
