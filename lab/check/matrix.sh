#!/bin/sh
# SPDX-License-Identifier: MIT
#
# lab/check/matrix.sh BUILD WIDTH... - what 'make check-checker' asserts:
#  - the matrix passes (exit 0) at 5 bits under C11 (stale loads of every
#    word, stale failed CASes), at each WIDTH under C11 with failed CASes
#    reading the newest store (time), and at 5 bits under SC; the verdict
#    rows are the same at every width;
#  - free-after-put-norcu (run by name only) fails pageref and passes upstream.
# Prints the time of each run and the 5-bit C11 verdicts.
set -u
b=$1
shift
failed=0

# run NAME BINARY ARGS...: one checker run into $b/check-NAME.txt
run() {
	name=$1 bin=$2
	shift 2
	t0=$(date +%s.%N)
	if "$bin" "$@" > "$b/check-$name.txt" 2>/dev/null; then rc=0; else rc=$?; fi
	printf 'check-checker: %-16s exit %d, %5.1f s, %s interleavings\n' "$name" "$rc" \
		"$(echo "$(date +%s.%N) - $t0" | bc)" \
		"$(awk '$5 == "interleavings" { n += $4 } END { print n + 0 }' "$b/check-$name.txt")"
	return "$rc"
}

# verdicts NAME: the scheme rows of a matrix, ABA marks dropped (a finding)
verdicts() {
	sed -n '/^scheme /,/^$/p' "$b/check-$1.txt" | sed 's/,ABA\*\{0,1\}/    /g'
}

all0=$(date +%s)
run c11-5 "$b/pageref-check" --scheme all || { cat "$b/check-c11-5.txt"; failed=1; }
for w in "$@"; do
	# The other widths without stale failed CASes: within 120 s on 2 cores.
	run "c11-$w" "$b/pageref-check-$w" --scheme all --model c11-fresh-cas ||
		{ cat "$b/check-c11-$w.txt"; failed=1; }
	if ! verdicts c11-5 | diff - "$(verdicts "c11-$w" > "$b/check-c11-$w.rows"; echo "$b/check-c11-$w.rows")"; then
		echo "check-checker: the verdicts at $w bits differ from those at 5 bits (above)"
		failed=1
	fi
done
run sc-5 "$b/pageref-check" --scheme all --model sc || { cat "$b/check-sc-5.txt"; failed=1; }
if run norcu-pageref "$b/pageref-check" --scheme pageref --scenario free-after-put-norcu; then
	echo "check-checker: free-after-put-norcu did not catch pageref's CAS after the drop"
	failed=1
fi
run norcu-upstream "$b/pageref-check" --scheme upstream --scenario free-after-put-norcu ||
	{ cat "$b/check-norcu-upstream.txt"; failed=1; }
echo "check-checker: every run above in $(($(date +%s) - all0)) s"
verdicts c11-5
exit "$failed"
