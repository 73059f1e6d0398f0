#!/bin/sh
# ThreadSanitizer with pageref/urcu.h: tests/urcu_tsan.c, a correct liburcu
# program, built with -fsanitize=thread and PAGEREF_URCU_TSAN must run with
# no report; built without PAGEREF_URCU_TSAN it must get reports (so the
# annotations are what makes it clean). Usage: urcu_tsan.sh CC
set -u
cc=${1:-cc}
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
build() { # build OUTPUT EXTRA-FLAGS...
	out=$1; shift
	"$cc" -std=c11 -Wall -Wextra -Werror -O1 -g -fsanitize=thread -D_GNU_SOURCE "$@" \
		-I"$top/include" -o "$out" "$top/tests/urcu_tsan.c" "$top/src/pageref.c" \
		"$top/src/misuse.c" -lurcu -lpthread
}
export TSAN_OPTIONS="halt_on_error=0 exitcode=66 report_signal_unsafe=0"
if build "$tmp/annotated" -DPAGEREF_URCU_TSAN && "$tmp/annotated" >"$tmp/out" 2>&1 &&
   ! grep -q 'WARNING: ThreadSanitizer' "$tmp/out"; then
	echo "ok 1 - with PAGEREF_URCU_TSAN a correct liburcu program is TSan-clean"
else
	fail=1; echo "not ok 1 - with PAGEREF_URCU_TSAN a correct liburcu program is TSan-clean"
	grep -A12 'WARNING: ThreadSanitizer' "$tmp/out" | head -40 | sed 's/^/#   /'
fi
if build "$tmp/plain" && ! "$tmp/plain" >"$tmp/out" 2>&1 && grep -q 'WARNING: ThreadSanitizer' "$tmp/out"; then
	echo "ok 2 - without it TSan reports the grace period it cannot see ($(grep -c 'WARNING: ThreadSanitizer' "$tmp/out") reports)"
else
	fail=1; echo "not ok 2 - without it TSan reports the grace period it cannot see"
	tail -5 "$tmp/out" | sed 's/^/#   /'
fi
echo "1..2"
[ "$fail" -eq 0 ]
