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
echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
