#!/bin/sh
# make kernel-litmus: the series' memory ordering under the Linux-kernel memory
# model (LKMM), checked by herd7 (see kernel/litmus/README.md).
#   1. herd7 as scripts/herd7 finds it: $HERD7, else herd7 on PATH, else
#      build/herd7/bin/herd7, built once from Debian sid's herdtools7 source
#      package (~5 min on 2 cores)
#   2. the LKMM: tools/memory-model/ of the series' base (kernel/base.env:
#      Debian's linux-source-7.3, fetched by kernel/source.sh), extracted once
#      into build/lkmm/; LKMM=DIR uses another copy instead
#   3. the kernel's own tools/memory-model/litmus-tests/*.litmus: every
#      recorded "Result:" must be reproduced, or herd7 is not trusted
#   4. kernel/litmus/*.litmus: every result must be the one its header states;
#      at least one known-bad test (bad-*.litmus, Result: Sometimes) must exist
# Prints one table per set and "kernel-litmus: N passed, N failed"; results in
# build/litmus/results.tsv. Exit status 0 only if everything passed.
set -u
if [ "${1:-}" = --one ]; then
	# worker: one test with $HERD7_BIN from $LKMM_DIR
	set_=$2; f=$3
	name=$(basename "$f" .litmus)
	exp=$(sed -n 's/^[[:space:]*(]*Result:[[:space:]]*\([A-Za-z]*\).*/\1/p' "$f" | head -n 1)
	[ -n "$exp" ] || exp=none
	o=$(cd "$LKMM_DIR" && timeout 600 "$HERD7_BIN" -conf linux-kernel.cfg "$f" 2>&1)
	got=$(printf '%s\n' "$o" | awk '$1 == "Observation" { print $3; exit }')
	states=$(printf '%s\n' "$o" | awk '$1 == "States" { print $2; exit }')
	secs=$(printf '%s\n' "$o" | awk '$1 == "Time" { print $3; exit }')
	[ -n "$got" ] || { got=error; printf '%s\n' "$o" | tail -n 5 | sed "s/^/    herd7 ($name): /" >&2; }
	v=fail; [ "$got" = "$exp" ] && v=pass
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set_" "$name" "$exp" "$got" "${states:--}" "${secs:--}" "$v"
	exit 0
fi
cd "$(dirname "$0")/../.." || exit 1
root=$(pwd)
out=$root/build/litmus
mkdir -p "$out"
now() { date +%s.%N; }
T0=$(now)
say() { echo "kernel-litmus: $*" >&2; }
die() { say "ERROR: $*"; echo "kernel-litmus: 0 passed, 1 failed"; exit 1; }

# ---- 1. herd7 -------------------------------------------------------------------
found=$(sh "$root/scripts/herd7") || die "no herd7 (scripts/herd7, above)"
eval "$found"
herd=$HERD7_BIN
say "herd7: $herd ($("$herd" -version 2>&1 | head -n 1))"

# ---- 2. the LKMM ----------------------------------------------------------------
lkmm=${LKMM:-}
if [ -z "$lkmm" ]; then
	# The series' base (kernel/base.env), its tarball from kernel/source.sh
	. "$root/kernel/base.env"
	lkmm=$root/build/lkmm/linux-source-$KERNEL_BASE/tools/memory-model
	if [ ! -f "$root/build/lkmm/.done-$KERNEL_BASE" ]; then
		tarball=$(sh "$root/kernel/source.sh" --tarball) || die "no linux-source-$KERNEL_BASE (kernel/source.sh)"
		say "extracting */tools/memory-model/ from $tarball into build/lkmm (once)"
		rm -rf "$root/build/lkmm"; mkdir -p "$root/build/lkmm"
		tar -xJf "$tarball" -C "$root/build/lkmm" --wildcards '*/tools/memory-model/*' ||
			die "could not extract tools/memory-model/ from $tarball"
		[ -d "$lkmm" ] || die "no tools/memory-model/ in $tarball"
		touch "$root/build/lkmm/.done-$KERNEL_BASE"
	fi
fi
[ -f "$lkmm/linux-kernel.cfg" ] || die "no linux-kernel.cfg in $lkmm"
say "LKMM: $lkmm"

# ---- 3., 4. the tests -------------------------------------------------------------
# each test runs in a worker, "run.sh --one SET FILE" (top of this file)
res=$out/results.tsv
: > "$res"
jobs=${KERNEL_LITMUS_JOBS:-$(nproc 2>/dev/null || echo 1)}
# runs SET FILE...: the tests of one set, $jobs at a time, in file order in $res
runset() {
	set_=$1; shift
	[ $# -gt 0 ] || return 0
	printf '%s\n' "$@" | HERD7_BIN=$herd LKMM_DIR=$lkmm xargs -P "$jobs" -I{} sh "$root/kernel/litmus/run.sh" --one "$set_" {} > "$out/$set_.tsv.tmp"
	for f in "$@"; do
		awk -F'\t' -v n="$(basename "$f" .litmus)" '$2 == n' "$out/$set_.tsv.tmp"
	done >> "$res"
	rm -f "$out/$set_.tsv.tmp"
}
k0=$(now)
# shellcheck disable=SC2046
set -- $(ls "$lkmm"/litmus-tests/*.litmus 2>/dev/null)
nk=$#
runset kernel "$@"
k1=$(now)
# shellcheck disable=SC2046
set -- $(ls "$root"/kernel/litmus/*.litmus 2>/dev/null)
runset pageref "$@"
k2=$(now)

awk -F'\t' -v nk="$nk" -v tk="$(awk -v a="$k0" -v b="$k1" 'BEGIN { print b - a }')" \
	-v tp="$(awk -v a="$k1" -v b="$k2" 'BEGIN { print b - a }')" \
	-v total="$(awk -v a="$T0" -v b="$(now)" 'BEGIN { print b - a }')" '
function row() { printf "  %-52s %-9s %-9s %6s %7.2f  %s\n", $2, $3, $4, $5, $6, ($7 == "pass" ? "" : "FAILED") }
function head(t) { printf "\n%s\n  %-52s %-9s %-9s %6s %7s\n", t, "test", "expected", "got", "states", "time(s)" }
{ n[$1]++; if ($7 == "pass") p[$1]++; else f[$1]++; if ($1 == "pageref" && $2 ~ /^bad-/ && $3 == "Sometimes") bad++; line[NR] = $0 }
END {
	head("the kernel'\''s own tools/memory-model/litmus-tests (herd7 must reproduce every recorded result)")
	for (i = 1; i <= NR; i++) { split(line[i], F, "\t"); if (F[1] == "kernel") { $0 = line[i]; row() } }
	printf "  %d of %d reproduced in %.1f s\n", p["kernel"], n["kernel"], tk
	head("kernel/litmus: the series (bad-*: known-bad forms, which must be Sometimes)")
	for (i = 1; i <= NR; i++) { split(line[i], F, "\t"); if (F[1] == "pageref") { $0 = line[i]; row() } }
	printf "  %d of %d as their headers state in %.1f s\n", p["pageref"], n["pageref"], tp
	failed = f["kernel"] + f["pageref"]; passed = p["kernel"] + p["pageref"]
	if (nk < 30) { printf "\nonly %d of the kernel'\''s litmus tests found (expected about 35): LKMM not trusted\n", nk; failed++ }
	if (f["kernel"] > 0) printf "\nherd7 + LKMM do NOT reproduce the kernel'\''s own results: the results below are not trusted\n"
	if (n["pageref"] == 0) { printf "\nno kernel/litmus/*.litmus found\n"; failed++ }
	if (bad == 0) { printf "\nno known-bad test (bad-*.litmus, Result: Sometimes): a suite of Never only proves nothing\n"; failed++ }
	printf "\nkernel-litmus: %d passed, %d failed\n", passed, failed
	printf "kernel-litmus: time %.1f s (kernel tests %.1f s, kernel/litmus %.1f s)\n", total, tk, tp
	exit failed > 0
}' "$res"
