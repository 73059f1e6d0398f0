#!/bin/sh
# SPDX-License-Identifier: MIT
# check-report: the main job's quick form, `pageref report --quick`, runs to
# the end and writes a report whose checker verdict passes (every correct
# scheme passes, every known-bad one is caught, and the report says so in
# its text) and whose free-path table names each loop's locked
# instructions (x86-64: upstream's put is one `lock subl`, as the kernel's
# atomic_dec_and_test()). Never a timing: the times are printed, not judged.
# Usage: report_quick.sh BUILD
set -u
B=${1:-build}
out=$B/report-quick
fail=0
not_ok() {
	echo "not ok - $*"
	fail=1
}
rm -rf "$out"
t0=$(date +%s)
if "$B/pageref" report --quick --out "$out" 2>"$B/report-quick.log"; then rc=0; else rc=$?; fi
echo "# pageref report --quick: exit $rc, $(($(date +%s) - t0)) s (log: $B/report-quick.log)"
grep '^pageref-report: \[' "$B/report-quick.log" | sed 's/^/#   /'
md=$out/REPORT.md
[ "$rc" -eq 0 ] || not_ok "pageref report --quick exited $rc: $(tail -n 1 "$B/report-quick.log")"
if [ ! -s "$md" ]; then
	not_ok "no $md"
else
	grep -q "^The checker's verdict: every correct scheme passes every scenario it supports, every known-bad one is caught" "$md" ||
		not_ok "the report's checker verdict is not a pass: $(grep -m1 "checker's verdict" "$md")"
	# every known-bad scheme of the table is in the verdict table as caught by the checker
	for s in $("$B/pageref" schemes | awk 'NR > 1 && $2 == "bad" { print $1 }'); do
		grep -q "^| $s | known-bad | [0-9]* pass[^|]*, [1-9][0-9]* caught" "$md" ||
			not_ok "known-bad $s is not caught in the report's table: $(grep "^| $s |" "$md")"
	done
	if [ "$(uname -m)" = x86_64 ]; then
		grep -q '^| upstream (put) | .* | `lock subl` |$' "$md" ||
			not_ok "upstream's free path is not one lock subl: $(grep '^| upstream (put)' "$md")"
		grep -q '^| kernel-base (put) | .* | `lock subl` |$' "$md" ||
			not_ok "kernel-base's free path is not one lock subl: $(grep '^| kernel-base (put)' "$md")"
	fi
fi
[ "$fail" -eq 0 ] && echo "ok - pageref report --quick: verdict passed, free paths named"
exit "$fail"
