#!/bin/sh
# sh kernel/hdrcheck/run.sh: the series' page_ref.h and v1's, each applied
# to the pristine source (v1's patches are taken from this repository's
# history, commit $V1_COMMIT: never copied into the tree), compiled in
# userspace over the lab's kernel shim (lab/kernel/shim/, with the backend
# kernel/hdrcheck/atomic_hdrcheck.h: C11 atomics and the injection points)
# and driven through the v2 fix sequences. The headers are extracted by the
# lab's own lab/kernel/extract.sh, from 6.12 and kernel/patches (series v2:
# what make kernel-check still builds and runs; the lab's schemes are v3 on
# kernel/base.env's base).
# Exit 0 when the series passes; v1 is expected to fail (it prints what).
set -u
cd "$(dirname "$0")/../.."
KB=build/kernel/h
d=$KB/hdrcheck
rm -rf "$d"; mkdir -p "$d"
if [ ! -f "$KB/pristine.done" ]; then
	mkdir -p "$KB/pristine"
	tar -xf /usr/src/linux-source-6.12.tar.xz -C "$KB/pristine" --strip-components=1 && touch "$KB/pristine.done"
fi
# extract OUT PATCHDIR: the lab's extraction, from the pristine 6.12 tree
extract() {
	KERNEL_BASE=6.12 KERNEL_SRC=$KB/pristine sh lab/kernel/extract.sh "$@"
}
V1_COMMIT=${V1_COMMIT:-cce6147}	# the last commit of series v1
mkdir -p "$d/v1-patches"
for p in $(git ls-tree --name-only "$V1_COMMIT" kernel/patches/ 2>/dev/null | grep '/000[1-9]'); do
	git show "$V1_COMMIT:$p" > "$d/v1-patches/${p##*/}"
done
[ -n "$(ls "$d/v1-patches")" ] || { echo "hdrcheck: no v1 series at $V1_COMMIT (needs the git history)"; exit 1; }
extract "$d/v2-tree" kernel/patches || exit 1
extract "$d/v1-tree" "$d/v1-patches" || exit 1
rc=0
for v in v1 v2; do
	if [ $v = v1 ]; then def=-DV1; else def=; fi
	gcc -std=gnu11 -O1 -w $def -DPAGEREF_ATOMIC_BACKEND='"atomic_hdrcheck.h"' \
		-I lab/kernel/shim -I "$d/$v-tree/include" -I kernel/hdrcheck -I include \
		-o "$d/$v" kernel/hdrcheck/hdrcheck.c || exit 1
	"$d/$v"; r=$?
	[ $v = v2 ] && rc=$r
	[ $v = v1 ] && [ $r = 0 ] && { echo "hdrcheck: v1 passed: the checks no longer tell v1 from v2"; rc=1; }
done
exit $rc
