#!/bin/sh
# SPDX-License-Identifier: MIT
#
# lab/check/matrix.sh BUILD WIDTH... - what 'make check-checker' asserts:
#  - the matrix passes (exit 0) at 5 bits under C11 (stale loads of every
#    word, stale failed CASes), at each WIDTH under C11 with failed CASes
#    reading the newest store (time), and at 5 bits under SC; the verdict
#    rows are the same at every width;
#  - free-after-put-norcu (run by name only) fails pageref and passes upstream;
#  - live-past-frozen (by name only) catches v5 and passes upstream;
#  - the kernel schemes (lab/kernel/: the kernel's own page_ref.h) at 5 bits
#    under C11 and SC, on their own: kernel and kernel-base pass, kernel-or-freeze
#    is caught (under C11 on two-gets-vs-last-put); on failed-gets-above-ceiling
#    kernel passes and kernel-ceiling-leak (v1's ceiling) is caught.
#    They stay out of the width runs: the header's extra loads (the try-get's
#    pre-check) take each C11 run of them to minutes.
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


# Every scheme of the table but the kernel ones, as --scheme takes them.
lab_schemes=$("$b/pageref" schemes | awk 'NR > 1 && $1 !~ /^kernel/ { printf "%s%s", sep, $1; sep = "," }')

all0=$(date +%s)
run c11-5 "$b/pageref-check" --scheme "$lab_schemes" || { cat "$b/check-c11-5.txt"; failed=1; }
for w in "$@"; do
	# The other widths without stale failed CASes: within 120 s on 2 cores.
	run "c11-$w" "$b/pageref-check-$w" --scheme "$lab_schemes" --model c11-fresh-cas ||
		{ cat "$b/check-c11-$w.txt"; failed=1; }
	if ! verdicts c11-5 | diff - "$(verdicts "c11-$w" > "$b/check-c11-$w.rows"; echo "$b/check-c11-$w.rows")"; then
		echo "check-checker: the verdicts at $w bits differ from those at 5 bits (above)"
		failed=1
	fi
done
run sc-5 "$b/pageref-check" --scheme "$lab_schemes" --model sc || { cat "$b/check-sc-5.txt"; failed=1; }
if run norcu-pageref "$b/pageref-check" --scheme pageref --scenario free-after-put-norcu; then
	echo "check-checker: free-after-put-norcu did not catch pageref's CAS after the drop"
	failed=1
fi
run norcu-upstream "$b/pageref-check" --scheme upstream --scenario free-after-put-norcu ||
	{ cat "$b/check-norcu-upstream.txt"; failed=1; }
# The posted v5 has no ceiling: a try-get carries a live count of FROZEN - 1
# into the frozen bit (caught); upstream, whose word has no such bit, passes.
if run live-past-v5 "$b/pageref-check" --scheme v5 --scenario live-past-frozen; then
	echo "check-checker: live-past-frozen did not catch v5's try-get into the frozen bit"
	failed=1
fi
run live-past-upstream "$b/pageref-check" --scheme upstream --scenario live-past-frozen ||
	{ cat "$b/check-live-past-upstream.txt"; failed=1; }
# kernel-or-freeze under C11 on the atomic_or question only (the whole matrix
# under SC): its full C11 run adds a minute and catches nothing more.
kernel_schemes=kernel,kernel-base,kernel-or-freeze
# Failed CASes reading the newest store (time: with stale failed CASes the
# header's extra loads and fences take one cell past 10 M interleavings).
run kernel-c11-5 "$b/pageref-check" --scheme kernel,kernel-base --model c11-fresh-cas || { cat "$b/check-kernel-c11-5.txt"; failed=1; }
# --model c11 (stale failed CASes): no longer the kernel schemes' default.
run kernel-bad-c11-5 "$b/pageref-check" --scheme kernel-or-freeze --scenario two-gets-vs-last-put --model c11 ||
	{ cat "$b/check-kernel-bad-c11-5.txt"; failed=1; }
run kernel-sc-5 "$b/pageref-check" --scheme $kernel_schemes --model sc ||
	{ cat "$b/check-kernel-sc-5.txt"; failed=1; }
# The maintainer's bug 2 (series v1): series v2 passes failed-gets-above-ceiling,
# v1's ceiling put back on v2 (kernel-ceiling-leak) must be caught.
run kernel-ceiling "$b/pageref-check" --scheme kernel,kernel-ceiling-leak --scenario failed-gets-above-ceiling --model c11 ||
	{ cat "$b/check-kernel-ceiling.txt"; failed=1; }
echo "check-checker: every run above in $(($(date +%s) - all0)) s"
verdicts c11-5
verdicts kernel-c11-5
exit "$failed"
