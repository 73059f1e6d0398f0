#!/bin/sh
# SPDX-License-Identifier: MIT
#
# check/litmus.sh BUILD - what 'make check-litmus' asserts:
#  - every litmus test of the memory model has its expected verdict and
#    outcomes under c11, c11 without stale reads, and sc (pageref-litmus
#    exits 1 otherwise);
#  - the CLI passes the checker's options through: 'pageref check --model sc'
#    runs the SC model, and 'pageref check --scheme pageref --scenario
#    free-after-put-norcu' runs that one cell and fails it.
set -u
b=$1
failed=0

"$b/pageref-litmus" > "$b/check-litmus.txt" 2>&1 || failed=1
cat "$b/check-litmus.txt"

out=$("$b/pageref" check --model sc --scheme pageref --scenario get-vs-last-put 2>&1)
rc=$?
if [ "$rc" -ne 0 ] || ! printf '%s\n' "$out" | grep -q 'model: sequentially consistent' ||
   ! printf '%s\n' "$out" | grep -q '^pageref  *get-vs-last-put  *pass'; then
	printf '%s\n' "$out"
	echo "check-litmus: 'pageref check --model sc' did not run the SC model on the one cell (exit $rc)"
	failed=1
fi
out=$("$b/pageref" check --scenario free-after-put-norcu --scheme pageref 2>&1)
rc=$?
if [ "$rc" -ne 1 ] || ! printf '%s\n' "$out" | grep -q '^pageref  *free-after-put-norcu  *FAIL' ||
   printf '%s\n' "$out" | grep -q '^upstream '; then
	printf '%s\n' "$out"
	echo "check-litmus: 'pageref check --scenario free-after-put-norcu --scheme pageref' did not fail that one cell (exit $rc)"
	failed=1
fi
[ "$failed" -eq 0 ] && echo "check-litmus: the CLI passes --model, --scheme and --scenario through"
exit "$failed"
