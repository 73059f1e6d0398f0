#!/bin/sh
# sh kernel/hdrcheck/run.sh: the series' page_ref.h (applied to the pristine
# source) and v1's (kernel/hdrcheck/v1), compiled in userspace over stub
# atomics and driven through the v2 fix sequences.  Exit 0 when the series
# passes; v1 is expected to fail (it prints what).
set -u
cd "$(dirname "$0")/../.."
KB=build/kernel/h
d=$KB/hdrcheck
rm -rf "$d"; mkdir -p "$d/tree/include/linux"
if [ ! -f "$KB/pristine.done" ]; then
	mkdir -p "$KB/pristine"
	tar -xf /usr/src/linux-source-6.12.tar.xz -C "$KB/pristine" --strip-components=1 && touch "$KB/pristine.done"
fi
series=$(ls kernel/patches/[0-9][0-9][0-9][0-9]-*.patch | grep -v '/0000-')
sed -n 's|^--- a/\([^	 ]*\).*|\1|p' $series | sort -u | while read -r f; do
	[ -f "$KB/pristine/$f" ] || continue
	mkdir -p "$d/tree/$(dirname "$f")"; cp "$KB/pristine/$f" "$d/tree/$f"
done
for p in $series; do patch -s -p1 -d "$d/tree" < "$p" || exit 1; done
mkdir -p "$d/inc2/linux"; cp "$d/tree/include/linux/page_ref.h" "$d/inc2/linux/"
rc=0
for v in v1 v2; do
	if [ $v = v1 ]; then def=-DV1 inc=kernel/hdrcheck/v1; else def= inc=$d/inc2; fi
	gcc -std=gnu11 -O1 -w $def -I kernel/hdrcheck/stub -I "$inc" -o "$d/$v" kernel/hdrcheck/hdrcheck.c || exit 1
	"$d/$v"; r=$?
	[ $v = v2 ] && rc=$r
	[ $v = v1 ] && [ $r = 0 ] && { echo "hdrcheck: v1 passed: the checks no longer tell v1 from v2"; rc=1; }
done
exit $rc
