#!/bin/sh
# `make install` (the library) into a scratch prefix and into a DESTDIR:
# the installed tree, its headers, the shared library's soname and exports,
# a user's shared object built on the static archive and on the shared
# library, the README example with nothing but pkg-config (shared and
# static); then `make install-tools` and its commands from /; then
# `make uninstall`.
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
# The library alone, from a build tree of its own: nothing of the lab is built.
t "make install PREFIX=$tmp/prefix, in a fresh build tree" sh -c "make -C '$top' install \
	B='$tmp/build' PREFIX='$tmp/prefix' > '$tmp/install.log' 2>&1 || { cat '$tmp/install.log'; exit 1; }"
t "make install builds the library only and needs no liburcu" sh -c "! grep -n -e lurcu \
	-e 'lab/[a-z]*/[a-z_]*\.c' '$tmp/install.log' && test -z \"\$(find '$tmp/build' \
	-name 'pageref*' -type f ! -path '*/src/*')\""
t "make install DESTDIR honours the prefix beneath it" \
	make -s -C "$top" install B="$tmp/build" DESTDIR="$tmp/dest" PREFIX=/opt/pr
t "DESTDIR tree holds /opt/pr" test -f "$tmp/dest/opt/pr/lib/pkgconfig/pageref.pc"
(cd "$tmp/prefix" && find . \( -type f -o -type l \) | sort) > "$tmp/tree"
cat > "$tmp/want-tree" <<'TREE'
./include/pageref/atomic.h
./include/pageref/page_ref.h
./include/pageref/pageref.h
./include/pageref/urcu.h
./lib/libpageref.a
./lib/libpageref.so
./lib/libpageref.so.0
./lib/libpageref.so.0.1.0
./lib/pkgconfig/pageref.pc
TREE
t "the installed tree is the library: headers, .a, .so, .pc" diff "$tmp/want-tree" "$tmp/tree"
inc=$tmp/prefix/include/pageref
t "no installed header carries a mutate: tag or points at a file not installed" sh -c "! grep -n \
	-e 'mutate' -e 'doc/' -e 'src/' -e 'lab/' -e 'tests/' '$inc/'*.h"
t "the installed headers compile alone (-Wcast-qual too)" sh -c "for h in atomic pageref page_ref; do \
	printf '#include <pageref/%s.h>\\nint main(void) { return 0; }\\n' \$h | cc -std=c11 -Wall \
	-Wextra -Wcast-qual -pedantic -Werror -I'$tmp/prefix/include' -x c -o /dev/null - || exit 1; done"
lib=$tmp/prefix/lib
t "libpageref.so has soname libpageref.so.0" sh -c "readelf -d '$lib/libpageref.so.0.1.0' | \
	grep -q 'Library soname: \[libpageref.so.0\]'"
nm -D --defined-only "$lib/libpageref.so" | awk '$2 == "T" { print $3 }' | sort > "$tmp/exports"
sed -n 's/^\t\t\(pageref_[a-z_]*\);$/\1@@PAGEREF_0/p' "$top/src/libpageref.map" | sort > "$tmp/want-exports"
t "libpageref.so exports the version script's list, versioned, and nothing else" \
	diff "$tmp/want-exports" "$tmp/exports"
# A shared object of the user's, with pageref in it: from the static archive
# (it must be position-independent) and through the shared library.
cat > "$tmp/dso.c" <<'DSO'
#include <pageref/pageref.h>
int dso_cycle(void);
int dso_cycle(void)
{
	pageref_t r;

	pageref_init(&r, 1);
	if (!pageref_tryget(&r, 1) || pageref_put(&r, 1) || !pageref_put_last(&r, 1))
		return 1;
	pageref_init_frozen(&r);
	return pageref_put(&r, 1) || !pageref_is_frozen(&r) || pageref_misuse_count() != 1;
}
DSO
cat > "$tmp/main.c" <<'MAIN'
#include <stdio.h>
int dso_cycle(void);
int main(void)
{
	int rc = dso_cycle();

	printf("dso_cycle %d\n", rc);
	return rc;
}
MAIN
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
t "libpageref.a links into a shared object" sh -c "cc -std=c11 -shared -fPIC -o '$tmp/libdsoa.so' \
	'$tmp/dso.c' \$(pkg-config --cflags pageref) '$lib/libpageref.a'"
t "a program runs through that shared object" sh -c "cc -o '$tmp/main-a' '$tmp/main.c' \
	-L'$tmp' -ldsoa -Wl,-rpath,'$tmp' && '$tmp/main-a' 2>/dev/null"
t "a shared object links libpageref.so with pkg-config" sh -c "cc -std=c11 -shared -fPIC \
	-o '$tmp/libdsoso.so' '$tmp/dso.c' \$(pkg-config --cflags --libs pageref) -Wl,-rpath,'$lib'"
t "a program runs through it and the installed libpageref.so.0" sh -c "cc -o '$tmp/main-so' \
	'$tmp/main.c' -L'$tmp' -ldsoso -Wl,-rpath,'$tmp' && '$tmp/main-so' 2>/dev/null && \
	ldd '$tmp/main-so' | grep -q 'libpageref.so.0 => $lib/libpageref.so.0'"
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
t "pkg-config knows pageref" pkg-config --exists pageref
t "the example builds with pkg-config alone (shared)" sh -c "cc -std=c11 -Wall -Werror \
	-o '$tmp/example' '$top/examples/cache_entry.c' \$(pkg-config --cflags --libs pageref liburcu) \
	-Wl,-rpath,'$lib'"
t "the example builds static with pkg-config --static" sh -c "cc -std=c11 -Wall -Werror \
	-o '$tmp/example-static' '$top/examples/cache_entry.c' \$(pkg-config --cflags pageref liburcu) \
	-Wl,-Bstatic \$(pkg-config --static --libs-only-l pageref) -Wl,-Bdynamic \
	\$(pkg-config --libs-only-L pageref) \$(pkg-config --libs liburcu) && \
	! ldd '$tmp/example-static' | grep -q libpageref && '$tmp/example-static' > /dev/null"
t "pageref.pc itself needs no liburcu" sh -c "! pkg-config --libs pageref | grep -q urcu"
t "the example runs" sh -c "'$tmp/example' > '$tmp/run'"
cat > "$tmp/want" <<'WANT'
reader sees 42
count while read 2
late reader finds it: no
WANT
t "the example prints what the README says" cmp "$tmp/want" "$tmp/run"
# The tools, by their own target, into a prefix of their own.
t "make install-tools PREFIX=$tmp/tools" make -s -C "$top" install-tools PREFIX="$tmp/tools"
(cd "$tmp/tools" && find . -type f | sort) > "$tmp/tools-tree"
cat > "$tmp/want-tools" <<'TREE'
./bin/pageref
./libexec/pageref/pageref-bench
./libexec/pageref/pageref-check
./libexec/pageref/pageref-report
./libexec/pageref/pageref-torture
TREE
t "install-tools installs the command and what it runs" diff "$tmp/want-tools" "$tmp/tools-tree"
# Every command the CLI advertises, from / (nothing of the source tree there).
bin=$tmp/tools/bin/pageref
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
t "make uninstall empties the library's prefix" sh -c "make -s -C '$top' uninstall \
	B='$tmp/build' PREFIX='$tmp/prefix' && test -z \"\$(find '$tmp/prefix' ! -type d)\""
t "make uninstall empties the tools' prefix" sh -c "make -s -C '$top' uninstall PREFIX='$tmp/tools' \
	&& test -z \"\$(find '$tmp/tools' ! -type d)\""
echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
