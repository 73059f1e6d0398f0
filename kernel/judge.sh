#!/bin/sh
# Judges the results of kernel/run.sh (build/kernel/h/results/*.tsv) and
# prints the phase times, one table (kernel x suite) and the final line
# "kernel: N passed, N failed".   sh kernel/judge.sh [TOTAL_SECS] [SKIP_BAD]
# Counting: on base and patched every result is one check. A failed KUnit
# test, a console report or a missing end marker fails. A load, stress or
# selftest result fails on patched unless it failed on base too (listed as
# "failed on base too", not counted; base runs no load or stress unless
# FULL=1, so those must pass on patched outright); a failure on base
# alone is listed the same way (the baseline's own flakiness). Each known-bad
# kernel (results/bads.list, written by kernel/check.sh) is one check: it must
# fail with a reason (a failed KUnit test, a kernel report, or a load or stress
# result that base did not fail); a guest that only stops is not a catch, as a
# broken image would stop too. The HVO pair (base-hvo, patched-hvo: HVO on,
# the hugetlb selftests, when it ran) is judged as base and patched, except
# that the baseline's kernel reports are recorded, not counted, and a report
# of patched-hvo fails only if its signature (the report with every number
# made N) is not among the baseline's. The litmus phase of kernel/check.sh
# (phases.tsv) is one check: it passes if kernel/litmus/run.sh returned 0;
# so is each build-each-I phase (patches 1..I build).
set -u
cd "$(dirname "$0")/.."
R=build/kernel/h/results
total=${1:-}
skipbad=${2:-0}
[ -f "$R/phases.tsv" ] && {
	echo
	echo "phase times (wall, $(nproc) cores; boots are TCG guests: functional only, not performance figures)"
	awk -F'\t' '{ printf "  %-16s %5d s%s\n", $1, $2, ($3 == 0 ? "" : "  (rc " $3 ")") }' "$R/phases.tsv"
	[ -n "$total" ] && printf '  %-16s %5d s\n' total "$total"
}
# the litmus phase of kernel/check.sh (kernel/litmus/run.sh): one check, passed if its rc is 0
litmus=$(awk -F'\t' '$1 == "litmus" { rc = $3 } END { print rc }' "$R/phases.tsv" 2>/dev/null)
touch "$R/base.tsv" "$R/patched.tsv"
hvo=
[ -f "$R/base-hvo.tsv" ] && [ -f "$R/patched-hvo.tsv" ] && hvo="base-hvo patched-hvo"
bads=
if [ "$skipbad" != 1 ]; then
	# the known-bad kernels of the run (kernel/check.sh writes the list): one
	# without results is judged as one that was not caught
	for k in $(cat "$R/bads.list" 2>/dev/null); do
		touch "$R/$k.tsv"; bads="$bads $k"
	done
fi
awk -F'\t' -v skipbad="$skipbad" -v bads="$bads" -v hvo="$hvo" -v litmus="$litmus" -v phases="$R/phases.tsv" '
FNR == 1 { k = FILENAME; sub(/.*\//, "", k); sub(/\.tsv$/, "", k) }
{
	suite = $1; test = $2; v = $3; secs = $4 + 0; det = $5
	if (!((k, suite) in seen)) { seen[k, suite] = 1; order[k] = order[k] " " suite }
	if (v == "info") { tm[k, suite] += secs; next }
	if (suite != "kunit" && suite != "console") tm[k, suite] += secs
	if (suite == "guest") tm[k, suite] = secs
	res[k, suite, test] = v; det_[k, suite, test] = det; sec_[k, suite, test] = secs
	n[k, suite, v]++
	tests[k] = tests[k] SUBSEP suite "\t" test
	if (suite == "console") { sig_[k, test] = $6; if (v == "fail") hassig[k, $6] = 1 }
}
END {
	passed = 0; failed = 0
	np = split("base patched " hvo, P, " ")
	for (ki = 1; ki <= np; ki++) {
		k = P[ki]; b = P[ki - (ki + 1) % 2]	# the baseline of the pair
		nt = split(tests[k], T, SUBSEP)
		for (i = 2; i <= nt; i++) {
			split(T[i], st, "\t"); s = st[1]; t = st[2]; v = res[k, s, t]
			if (v == "pass") { passed++; continue }
			if (v == "skip") continue
			# the HVO baseline: its reports are the record the other is judged by
			if (s == "console" && k == "base-hvo") {
				recw = recw sprintf("\n    %s: %s", k, det_[k, s, t]); continue
			}
			if (s == "console" && k == "patched-hvo" && hassig[b, sig_[k, t]]) {
				recw = recw sprintf("\n    %s: %s (also on base-hvo)", k, det_[k, s, t]); continue
			}
			if (s == "console" || s == "kunit" || s == "guest") {
				failed++; why[k] = why[k] sprintf("\n    %s %s: %s", s, t, det_[k, s, t]); continue
			}
			if (k != b && res[b, s, t] != "fail") {
				failed++; why[k] = why[k] sprintf("\n    %s %s fails on %s, %s on %s", s, t, k,
					res[b, s, t] == "" ? "not run" : "passes", b)
			} else {
				tol[k]++; tolw = tolw sprintf("\n    %s: %s %s (%s)", k, s, t,
					k == b ? "fails on " b : "fails on " b " too")
			}
		}
	}
	if (n["patched", "kunit", "pass"] + n["patched", "kunit", "fail"] == 0) {
		failed++; why["patched"] = why["patched"] "\n    kunit: the page_ref KUnit suite did not run"
	}
	# the known-bad kernels
	nb = split(bads, B, " ")
	for (bi = 1; bi <= nb; bi++) {
		k = B[bi]; caught[k] = ""; first[k] = -1; noend = 0
		nt = split(tests[k], T, SUBSEP)
		for (i = 2; i <= nt; i++) {
			split(T[i], st, "\t"); s = st[1]; t = st[2]; v = res[k, s, t]
			if (v != "fail") continue
			if ((s == "load" || s == "stress") && res["base", s, t] == "fail") continue
			# the guest is stopped at its first failure: no end marker then;
			# alone it is no catch (a broken image stops too)
			if (s == "guest") { noend = 1; continue }
			caught[k] = caught[k] sprintf("\n    %s %s%s", s, t,
				(s == "console" || s == "kunit") ? sprintf(" at %d s uptime: %s", sec_[k, s, t], det_[k, s, t]) : "")
			if ((s == "console" || s == "kunit") && (first[k] < 0 || sec_[k, s, t] < first[k])) first[k] = sec_[k, s, t]
		}
		if (caught[k] != "") passed++; else failed++
		noend_[k] = noend
	}
	printf "\n%-14s %-10s %7s %7s %7s %9s\n", "kernel", "suite", "passed", "failed", "skipped", "time (s)"
	nk = split("base patched " hvo " " bads, K, " ")
	for (ki = 1; ki <= nk; ki++) {
		k = K[ki]
		ns = split(order[k], S, " ")
		for (j = 1; j <= ns; j++) {
			s = S[j]
			printf "%-14s %-10s %7d %7d %7d %9d\n", k, s, n[k, s, "pass"], n[k, s, "fail"], n[k, s, "skip"], tm[k, s]
		}
	}
	print "  (console: kernel reports found; guest: end marker reached, time = whole qemu run;"
	print "   every time is a TCG guest: functional only, not a performance figure)"
	if (tolw != "") printf "\nnot counted (failed on the baseline kernel):%s\n", tolw
	if (recw != "") printf "\nHVO: kernel reports of the baseline, recorded (not counted):%s\n", recw
	for (ki = 1; ki <= np; ki++) if (why[P[ki]] != "") printf "\n%s FAILED:%s\n", P[ki], why[P[ki]]
	for (bi = 1; bi <= nb; bi++) {
		k = B[bi]; nm = substr(k, 5)
		if (caught[k] != "") printf "\nknown-bad (%s): CAUGHT by%s\n  first report at %s s guest uptime; the whole known-bad run took %d s (TCG)\n",
			nm, caught[k], first[k] < 0 ? "-" : first[k], tm[k, "guest"]
		else printf "\nknown-bad (%s): NOT CAUGHT%s (the harness is not trusted)\n", nm,
			noend_[k] ? ": the guest stopped without a report, a failed test or a failed result" : ""
	}
	# each state of the series (the build-each-I phases of kernel/check.sh): one check each
	while ((getline l < phases) > 0) {
		split(l, f, "\t")
		if (f[1] !~ /^build-each-/) continue
		i = substr(f[1], 12)
		if (f[3] == 0) { passed++; eachok = eachok " 1.." i }
		else { failed++; printf "\npatches 1..%s: DO NOT BUILD (rc %s; build/kernel/h/img/each.build.log)\n", i, f[3] }
	}
	if (eachok != "") printf "\neach state of the series builds:%s\n", eachok
	if (litmus != "") {
		if (litmus == 0) passed++; else failed++
		printf "\nlitmus (LKMM, kernel/litmus/run.sh): %s\n", litmus == 0 ? "passed" : "FAILED (rc " litmus ")"
	}
	printf "\nkernel: %d passed, %d failed\n", passed, failed
	exit failed > 0
}' $(for k in base patched $hvo $bads; do echo "$R/$k.tsv"; done)
