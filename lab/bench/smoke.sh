#!/bin/sh
# SPDX-License-Identifier: MIT
# check-bench: the benchmark harness runs and prints every correct scheme on
# every workload, and its command line refuses what it should. Tiny
# durations: this checks the harness, never a timing.
set -u
B=${1:-build}
fail=0
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT

not_ok() {
	echo "not ok - $*"
	fail=1
}

if ! "$B/pageref" bench --ms 2 --reps 1 --json >"$out" 2>/dev/null; then
	not_ok "pageref bench --json exited non-zero (a scheme misbehaved, or the harness failed)"
fi
workloads=$("$B/pageref-bench" --help | sed -n '/^workloads:/,/^$/p' | awk 'NF > 1 { print $1 }')
correct=$("$B/pageref" schemes | awk 'NR > 1 && $2 == "correct" { print $1 }')
[ -n "$workloads" ] && [ -n "$correct" ] || not_ok "cannot list workloads or schemes"
for w in $workloads; do
	case $w in
	rcu*)	# liburcu's urcu_ref against pageref's RCU path, and nothing else
		grep -q "\"workload\":\"$w\",\"scheme\":\"urcu_ref\"" "$out" ||
			not_ok "$w has no urcu_ref row"
		grep -q "\"workload\":\"$w\",\"scheme\":\"pageref/rcu\".*\"ratio_vs_baseline\":" "$out" ||
			not_ok "$w has no pageref/rcu row timed against urcu_ref"
		continue ;;
	esac
	for s in upstream floor; do
		# The floor has no frozen state: a freed page cannot be reused under it.
		[ "$s.$w" = floor.churn ] && continue
		grep -q "\"workload\":\"$w\",\"scheme\":\"$s\"" "$out" ||
			not_ok "$w has no $s row"
	done
done
for s in $correct; do
	grep -q "\"workload\":\"contended\",\"scheme\":\"$s\"" "$out" ||
		not_ok "contended has no row for the correct scheme $s"
done
grep -q '"scheme":"pageref/put"' "$out" || not_ok "free-path has no pageref/put row"
if grep -q '"scheme":"v1-or"' "$out"; then
	not_ok "a known-bad scheme was timed"
fi
lines=$(wc -l <"$out")
[ "$lines" -ge 40 ] || not_ok "only $lines result lines"
grep -v -q '"ratio_vs_upstream":0.0000' "$out" || not_ok "no ratio to upstream was computed"

"$B/pageref" bench --help >/dev/null || not_ok "pageref bench --help failed"
for args in "--reps 0" "--threads 0" "--workload nope" "--scheme nope" "--scheme v1-or" "--ms" "--bogus"; do
	# shellcheck disable=SC2086
	"$B/pageref-bench" $args >/dev/null 2>&1
	[ $? -eq 2 ] || not_ok "pageref bench $args did not exit 2"
done
[ $fail -eq 0 ] && echo "ok - pageref bench: $lines results, every correct scheme, bad ones refused"
exit $fail
