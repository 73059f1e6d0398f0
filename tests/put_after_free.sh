#!/bin/sh
# The lifetime rule of pageref_put(), both ways (tests/put_after_free.c):
# under pageref/urcu.h's contract the forced interleaving is ASan-clean, with
# pageref_rcu_put() and with pageref_rcu_put_rcusafe() under the caller's
# section (the free waits for it: the test fails if it does not); with
# plain puts and free() AddressSanitizer must report A's CAS as a
# heap-use-after-free WRITE in pageref__put_zero; and pageref/urcu.h's debug
# check reports calls made outside a read-side section.
# Usage: put_after_free.sh BINARY
bin=$1
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
n=0 pass=0 fail=0
result() { # result OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok $n - $2"
	else fail=$((fail + 1)); echo "not ok $n - $2"; sed 's/^/#   /' "$out"; fi
}
ASAN_OPTIONS=detect_leaks=1 "$bin" contract >"$out" 2>&1
result $? "contract (rcu puts, call_rcu): the interleaving runs clean"
ASAN_OPTIONS=detect_leaks=1 "$bin" cover >"$out" 2>&1
result $? "cover (A's rcusafe put inside its own earlier section, call_rcu): clean"
ASAN_OPTIONS=detect_leaks=0 "$bin" unsafe >"$out" 2>&1 && rc=0 || rc=$?
grep -q "heap-use-after-free" "$out" && grep -q "^WRITE" "$out" &&
	grep -q "in pageref__put_zero" "$out" && [ "$rc" -ne 0 ]
result $? "unsafe (plain puts, free): ASan reports the CAS as a use-after-free write"
"$bin" outside >"$out" 2>&1
result $? "debug builds report an RCU try-get and an rcusafe put outside a read-side section"
echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
