#!/bin/sh
# sh kernel/hdrcheck/run.sh: the series' page_ref.h and v1's, each applied
# to the pristine source (v1's patches are taken from this repository's
# history, commit $V1_COMMIT: never copied into the tree), compiled in
# userspace over stub atomics and driven through the v2 fix sequences.
# Exit 0 when the series passes; v1 is expected to fail (it prints what).
set -u
cd "$(dirname "$0")/../.."
KB=build/kernel/h
d=$KB/hdrcheck
rm -rf "$d"; mkdir -p "$d/tree" "$d/v1-tree"
if [ ! -f "$KB/pristine.done" ]; then
	mkdir -p "$KB/pristine"
	tar -xf /usr/src/linux-source-6.12.tar.xz -C "$KB/pristine" --strip-components=1 && touch "$KB/pristine.done"
fi
# apply TREE PATCH...: the pristine files the patches touch, patched, in TREE
apply() {
	t=$1; shift
	sed -n 's|^--- a/\([^	 ]*\).*|\1|p' "$@" | sort -u | while read -r f; do
		[ -f "$KB/pristine/$f" ] || continue
		mkdir -p "$t/$(dirname "$f")"; cp "$KB/pristine/$f" "$t/$f"
	done
	for p in "$@"; do patch -s -p1 -d "$t" < "$p" || return 1; done
}
V1_COMMIT=${V1_COMMIT:-cce6147}	# the last commit of series v1
mkdir -p "$d/v1-patches"
for p in $(git ls-tree --name-only "$V1_COMMIT" kernel/patches/ 2>/dev/null | grep '/000[1-9]'); do
	git show "$V1_COMMIT:$p" > "$d/v1-patches/${p##*/}"
done
[ -n "$(ls "$d/v1-patches")" ] || { echo "hdrcheck: no v1 series at $V1_COMMIT (needs the git history)"; exit 1; }
apply "$d/tree" $(ls kernel/patches/[0-9][0-9][0-9][0-9]-*.patch | grep -v '/0000-') || exit 1
apply "$d/v1-tree" "$d/v1-patches"/*.patch || exit 1
rc=0
for v in v1 v2; do
	if [ $v = v1 ]; then def=-DV1 inc=$d/v1-tree/include; else def= inc=$d/tree/include; fi
	gcc -std=gnu11 -O1 -w $def -I kernel/hdrcheck/stub -I "$inc" -o "$d/$v" kernel/hdrcheck/hdrcheck.c || exit 1
	"$d/$v"; r=$?
	[ $v = v2 ] && rc=$r
	[ $v = v1 ] && [ $r = 0 ] && { echo "hdrcheck: v1 passed: the checks no longer tell v1 from v2"; rc=1; }
done
exit $rc
