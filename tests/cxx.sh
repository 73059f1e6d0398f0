#!/bin/sh
# The headers from C++: tests/cxx.cc with g++ and clang++ at -std=c++17,
# c++20 and c++2b (C++23), -pedantic -Werror, built and run, once as it is
# and once with the program's own memory_order in scope
# (-DCXX_OWN_MEMORY_ORDER); and C++14 refused by the #error that names the
# supported versions.
# Usage: cxx.sh LIBPAGEREF (a debug build's libpageref.a)
set -u
lib=$1
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
t() { # t DESCRIPTION COMMAND...
	n=$((n + 1)); desc=$1; shift
	if "$@" >"$tmp/out" 2>&1; then echo "ok $n - $desc"
	else fail=$((fail + 1)); echo "not ok $n - $desc"; sed 's/^/#   /' "$tmp/out"; fi
}
flags="-Wall -Wextra -Werror -pedantic -Wcast-qual -I$top/include"
for cxx in g++ clang++; do
	for std in c++17 c++20 c++2b; do
		# shellcheck disable=SC2086
		t "$cxx -std=$std builds and runs tests/cxx.cc" sh -c "$cxx -std=$std $flags \
			-o '$tmp/cxx' '$top/tests/cxx.cc' '$lib' -lurcu -lpthread && '$tmp/cxx'"
		t "$cxx -std=$std: tests/cxx.cc with the program's own memory_order" sh -c \
			"$cxx -std=$std $flags -DCXX_OWN_MEMORY_ORDER -o '$tmp/cxx' '$top/tests/cxx.cc' \
			'$lib' -lurcu -lpthread && '$tmp/cxx'"
	done
	t "$cxx -std=c++14 is refused, naming the supported versions" sh -c "! $cxx -std=c++14 \
		$flags -fsyntax-only '$top/tests/cxx.cc' 2>'$tmp/err'; grep -q 'C++17 or later' '$tmp/err'"
done
echo "1..$n"
[ "$fail" -eq 0 ]
