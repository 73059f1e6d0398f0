#!/bin/sh
# `make install` into a scratch prefix (and into a DESTDIR), then build the
# README example with nothing but the installed headers and pkg-config, and
# check that it behaves as documented.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 pass=0 fail=0
t() { # t DESCRIPTION COMMAND...
	n=$((n + 1)); desc=$1; shift
	if "$@" >"$tmp/out" 2>&1; then pass=$((pass + 1)); echo "ok $n - $desc"
	else fail=$((fail + 1)); echo "not ok $n - $desc"; sed 's/^/#   /' "$tmp/out"; fi
}
t "make install PREFIX=$tmp/prefix" make -s -C "$top" install PREFIX="$tmp/prefix"
t "headers, library and pageref.pc installed" test -f "$tmp/prefix/include/pageref/pageref.h" \
	-a -f "$tmp/prefix/include/pageref/page_ref.h" -a -f "$tmp/prefix/lib/libpageref.a" \
	-a -f "$tmp/prefix/lib/pkgconfig/pageref.pc"
t "make install DESTDIR honours the prefix beneath it" \
	make -s -C "$top" install DESTDIR="$tmp/dest" PREFIX=/opt/pr
t "DESTDIR tree holds /opt/pr" test -f "$tmp/dest/opt/pr/lib/pkgconfig/pageref.pc"
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
t "pkg-config knows pageref" pkg-config --exists pageref
t "the example builds with pkg-config alone" sh -c "cc -std=c11 -Wall -Werror \
	-o '$tmp/example' '$top/examples/cache_entry.c' \$(pkg-config --cflags --libs pageref liburcu)"
t "pageref.pc itself needs no liburcu" sh -c "! pkg-config --libs pageref | grep -q urcu"
t "the example runs" sh -c "'$tmp/example' > '$tmp/run'"
cat > "$tmp/want" <<'WANT'
reader sees 42
count while read 2
late reader finds it: no
WANT
t "the example prints what the README says" cmp "$tmp/want" "$tmp/run"
# The installed tree holds the library's API and the CLI, nothing of the lab.
(cd "$tmp/prefix" && find . -type f | sort) > "$tmp/tree"
cat > "$tmp/want-tree" <<'TREE'
./bin/pageref
./include/pageref/atomic.h
./include/pageref/page_ref.h
./include/pageref/pageref.h
./include/pageref/urcu.h
./lib/libpageref.a
./lib/pkgconfig/pageref.pc
./libexec/pageref/pageref-bench
./libexec/pageref/pageref-check
./libexec/pageref/pageref-report
./libexec/pageref/pageref-torture
TREE
t "the installed tree is the expected list" diff "$tmp/want-tree" "$tmp/tree"
t "no installed header names a lab symbol" sh -c "! grep -n -e pageref-lab -e pageref_check_ \
	-e pageref_hook -e pageref_scheme -e PAGEREF_PAGE_REF_DISPATCH '$tmp/prefix/include/pageref/'*.h"
# Every command the CLI advertises, from / (nothing of the source tree there).
bin=$tmp/prefix/bin/pageref
t "pageref --help from /" sh -c "cd / && '$bin' --help"
t "pageref schemes from /" sh -c "cd / && '$bin' schemes | grep -q '^pageref '"
t "pageref check --scheme pageref from /" sh -c "cd / && '$bin' check --scheme pageref \
	--scenario get-vs-last-put | grep -q 'all as expected'"
t "pageref torture from /" sh -c "cd / && '$bin' torture --scheme pageref --seconds 0.2 --quiet"
t "pageref bench from /" sh -c "cd / && '$bin' bench --scheme pageref --workload contended \
	--threads 1 --reps 1 --ms 2 --json | grep -q '\"scheme\":\"pageref\"'"
t "pageref report from / says it needs the source tree" sh -c "cd / && ! '$bin' report \
	--quick --out '$tmp/report' 2>'$tmp/report.err'; grep -q 'needs the pageref source tree' \
	'$tmp/report.err'"
echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
