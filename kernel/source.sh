#!/bin/sh
# The pristine source of the series' base (kernel/base.env), extracted once
# into build/kernel/src/linux-source-$KERNEL_BASE, from Debian's
# linux-source-$KERNEL_BASE package: downloaded from $KERNEL_BASE_SUITE with
# pageref's own apt configuration (scripts/apt-suite), not installed.
# Prints the tree's path on stdout; progress and errors on stderr.
#   sh kernel/source.sh [--tarball]   (--tarball: print the .tar.xz instead)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/kernel/base.env"
say() { echo "kernel/source: $*" >&2; }
pkg=linux-source-$KERNEL_BASE
dir=$root/build/kernel/src
tree=$dir/$pkg
tarball=$dir/$pkg.tar.xz
mkdir -p "$dir"
# One at a time: CI runs the lab's build and make kernel-check side by side.
exec 9> "$dir/.lock"
flock 9
if [ ! -s "$tarball" ]; then
	deb=$(ls "$dir/${pkg}_"*.deb 2>/dev/null | tail -n 1 || true)
	if [ -z "$deb" ]; then
		say "downloading $pkg from $KERNEL_BASE_SUITE (about 170 MB)"
		(cd "$dir" && sh "$root/scripts/apt-suite" "$KERNEL_BASE_SUITE" deb download "$pkg" >&2) ||
			{ say "could not download $pkg from $KERNEL_BASE_SUITE"; exit 1; }
		deb=$(ls "$dir/${pkg}_"*.deb | tail -n 1)
	fi
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$pkg.tar.xz" > "$tarball.tmp" &&
		mv "$tarball.tmp" "$tarball" || { say "no usr/src/$pkg.tar.xz in $deb"; exit 1; }
fi
if [ "${1:-}" = --tarball ]; then
	echo "$tarball"
	exit 0
fi
if [ ! -f "$tree/.pageref-pristine" ]; then
	say "extracting $pkg.tar.xz (about 25 s)"
	rm -rf "$tree"
	tar -xJf "$tarball" -C "$dir"
	touch "$tree/.pageref-pristine"
fi
v=$(make -s -C "$tree" kernelversion 2>/dev/null)
[ "$v" = "$KERNEL_BASE_TESTED" ] ||
	say "note: $pkg is $v; the series was last built and run on $KERNEL_BASE_TESTED (kernel/base.env)"
echo "$tree"
