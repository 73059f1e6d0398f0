#!/bin/sh
# SPDX-License-Identifier: MIT
#
# lab/check/litmus.sh BUILD - what 'make check-litmus' asserts:
#  - every litmus test of the memory model has its expected verdict and
#    outcomes under c11, c11 without stale reads, and sc (pageref-litmus
#    exits 1 otherwise);
#  - the CLI passes the checker's options through: 'pageref check --model sc'
#    runs the SC model, and 'pageref check --scheme pageref --scenario
#    free-after-put-norcu' runs that one cell and fails it;
#  - the litmus tests can fail: each break below of lab/check/c11.c (one at a
#    time, in a copy; the tree is never touched) makes pageref-litmus report
#    a wrong verdict or outcome. A break whose text no longer matches c11.c
#    fails the run.
# Run by 'make check-litmus', which sets CC and CHK_FLAGS (the chk variant's
# flags); the litmus program's other objects are taken from BUILD/chk.
set -u
b=$1
failed=0
: "${CC:=cc}"
: "${CHK_FLAGS:?run this through make check-litmus}"

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

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pageref-litmus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
. lab/check/break-c11.sh
# brk NAME SED-EXPRESSION: c11.c broken so, the litmus program must fail
brk() {
	break_c11 "$1" "$2" "$tmp/litmus" || { failed=1; return; }
	if "$tmp/litmus" > "$tmp/out.txt" 2>&1; then
		echo "check-litmus: NOT CAUGHT: $1"
		failed=1
	else
		printf 'check-litmus: caught: %-40s %s\n' "$1" \
			"$(grep -c ' WRONG ' "$tmp/out.txt") wrong: $(awk '$9 == "WRONG" { printf "%s%s/%s", s, $1, $2; s = " " }' "$tmp/out.txt")"
	fi
}
brk "no stale reads (a load reads the newest)" \
	's/return hist\[var\]\.nr - oldest_readable(var, mo);/return (void)mo, (void)var, 1;/'
brk "no coherence (a load may read any store)" \
	's/return hist\[var\]\.nr - oldest_readable(var, mo);/return (void)mo, hist[var].nr;/'
brk "relaxed taken as acquire" \
	's/return mo == memory_order_consume ||/return mo == memory_order_relaxed || mo == memory_order_consume ||/'
brk "relaxed taken as release" \
	's/return mo == memory_order_release ||/return mo == memory_order_relaxed || mo == memory_order_release ||/'
brk "an RMW ends the release sequence" \
	's/msg->sync = h->m\[h->nr - 1\]\.sync;/(void)0;/'
brk "a plain store continues it" \
	's/write_msg(var, after, mo, false);/write_msg(var, after, mo, true);/'
brk "an acquire fence does nothing" \
	's/join(&m->now, &m->acq_pending);/(void)0;/'
brk "a release fence does nothing" \
	's/m->has_fence_rel = true;/m->has_fence_rel = false;/'
brk "an acquire does not join the sync" \
	's/join(&m->now, &msg->sync);/(void)0;/'
exit "$failed"
