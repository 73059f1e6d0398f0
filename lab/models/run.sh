#!/bin/sh
# SPDX-License-Identifier: MIT
# lab/models/run.sh - run every spin model, print one line per run, fail on any
# unexpected verdict. Called by `make verify`; see doc/spin.md.
#
# usage: sh lab/models/run.sh [-o DIR] [-k] [-h] [FILTER]
#   -o DIR   work directory (default build/models): one folder per run with
#            pan's output and, for a violation, the replayed trail
#   -k       keep going after an unexpected verdict (the exit status still
#            says so)
#   FILTER   run only the lines of the table whose id contains FILTER

set -u

usage() {
	sed -n '4,12s/^# \{0,1\}//p' "$0"
}

lab=$(cd "$(dirname "$0")/.." && pwd)	# lab/: the models are in $lab/models
out=build/models
keep=0
while getopts o:kh opt; do
	case $opt in
	o) out=$OPTARG ;;
	k) keep=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
filter=${1:-}
[ $# -le 1 ] || { echo "run.sh: one FILTER at most (got $*)" >&2; exit 2; }

models=$(cd "$(dirname "$0")" && pwd)
lab=$(cd "$(dirname "$0")/.." && pwd)
for tool in spin ${CC:-cc}; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "run.sh: '$tool' not found (Debian: apt-get install spin gcc)" >&2; exit 2; }
done

# Configurations: name, threads, spin -D flags, pan compile flags, pan flags.
# Safety: 1 allocator + GETTERS getters, two lives (free and reallocation).
S2="-DSAFETY -DGETTERS=1 -DLIVES=2 -DATTEMPTS=3"
S3="-DSAFETY -DGETTERS=2 -DLIVES=2 -DATTEMPTS=2"
S3A3="-DSAFETY -DGETTERS=2 -DLIVES=2 -DATTEMPTS=3"
S4="-DSAFETY -DGETTERS=3 -DLIVES=2 -DATTEMPTS=1"
# Progress: the victim plus OTHERS threads, forever.
LIVE="-DPROGRESS -DOTHERS=1"
FRZ3="-DPROGRESS -DFREEZER -DOTHERS=2"
FRZ4="-DPROGRESS -DFREEZER -DOTHERS=3"

# id  model  threads  property  kind  spin-flags  expect
#   kind: safe (assertions and end states) or np (non-progress cycles under
#   weak fairness); expect: hold or fail.
table() {
	for m in upstream assume1 v1 v5 pageref; do
		echo "$m-safety-2 $m 2 safety safe $S2 hold"
		echo "$m-safety-3 $m 3 safety safe $S3 hold"
		echo "$m-safety-4 $m 4 safety safe $S4 hold"
	done
	echo "pageref-put_last-safety-2 pageref 2 safety,put_last safe $S2 -DOWNER_PUT_LAST hold"
	echo "pageref-put_last-safety-3 pageref 3 safety,put_last safe $S3 -DOWNER_PUT_LAST hold"
	echo "pageref-put_last-safety-4 pageref 4 safety,put_last safe $S4 -DOWNER_PUT_LAST hold"
	for m in v1_or v1_dec_undo v1_store_zero v1_reread david_keep; do
		echo "$m-safety-3 $m 3 safety safe $S3 fail"
	done
	echo "v1_no_reset-safety-3 v1_no_reset 3 safety,3-attempts safe $S3A3 fail"
	for m in upstream assume1; do
		echo "$m-live-starve $m 2 progress-live np $LIVE fail"
		echo "$m-live-bound $m 2 bound-8-live safe $LIVE -DBOUND=8 fail"
		echo "$m-frozen-starve $m 3 progress-frozen np $FRZ3 fail"
	done
	for m in v1 v5 pageref; do
		echo "$m-live-starve $m 2 progress-live np $LIVE hold"
		echo "$m-live-bound $m 2 bound-1-live safe $LIVE -DBOUND=1 hold"
	done
	echo "v1-frozen-starve v1 3 progress-frozen np $FRZ3 fail"
	echo "v1-frozen-bound v1 3 bound-4-frozen safe $FRZ3 -DBOUND=4 fail"
	for m in v5 pageref; do
		echo "$m-frozen-starve $m 3 progress-frozen np $FRZ3 hold"
		echo "$m-frozen-bound $m 3 bound-4-frozen safe $FRZ3 -DBOUND=4 hold"
		echo "$m-frozen4-starve $m 4 progress-frozen np $FRZ4 fail"
	done
}

# What a violation was: the label of the failed assert, or the kind of error.
violation() {	# dir model kind flags
	dir=$1
	if grep -aq "^pan:1: non-progress cycle" "$dir/pan.out"; then
		echo "starvation cycle"
		return
	fi
	if grep -aq "^pan:1: invalid end state" "$dir/pan.out"; then
		echo "invalid end state (page never freed)"
		return
	fi
	# shellcheck disable=SC2086
	(cd "$dir" && spin -t -p -g -k "$2.pml.trail" $4 "$models/$2.pml") \
		> "$dir/trail.txt" 2>&1
	at=$(sed -n 's/^spin: \([^,]*\), Error: assertion violated.*/\1/p' "$dir/trail.txt" | head -n 1)
	if [ -n "$at" ]; then
		file=${at%%:*}
		line=${at##*:}
		label=$(sed -n "${line}p" "$models/$(basename "$file")" |
			sed -n 's/.*\/\* *\([IP]-[^*]*[^ *]\) *\*\/.*/\1/p')
		echo "${label:-assertion} ($(basename "$file"):$line)"
	else
		echo "error (see $dir/pan.out)"
	fi
}

now() {
	date +%s.%N
}

# Seconds between two now()s, one decimal.
since() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'
}

mkdir -p "$out" || exit 2
printf '%-27s %-18s %3s %10s %6s %4s %-5s %-10s %6s  %s\n' \
	model property thr states depth err want verdict time result
bad=0
nruns=0
start=$(now)
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
table > "$tmp"
while read -r id model threads prop kind rest; do
	case $id in *"$filter"*) ;; *) continue ;; esac
	expect=${rest##* }
	flags=${rest% *}
	dir=$out/$id
	rm -rf "$dir"
	mkdir -p "$dir"
	t0=$(now)
	if [ "$kind" = np ]; then
		ccflags="-DNP"
		panflags="-l -f"
	else
		ccflags="-DSAFETY"
		panflags=""
	fi
	# shellcheck disable=SC2086
	if ! (cd "$dir" && spin -a $flags "$models/$model.pml" > spin.out 2>&1 &&
	      ${CC:-cc} -O2 $ccflags -DCOLLAPSE -DMEMLIM=3072 -w -o pan pan.c > cc.out 2>&1 &&
	      ./pan $panflags -m1000000 -w24 > pan.out 2>&1); then
		# pan exits 0 even on violations; anything else is a tool failure.
		echo "run.sh: $id: spin, cc or pan failed; see $dir" >&2
		bad=$((bad + 1))
		[ $keep = 1 ] && continue
		exit 1
	fi
	t1=$(now)
	states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$dir/pan.out" | head -n 1)
	depth=$(sed -n 's/.*depth reached \([0-9]*\).*/\1/p' "$dir/pan.out" | head -n 1)
	errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$dir/pan.out" | head -n 1)
	result=holds
	[ "${errors:-x}" = 0 ] || result=$(violation "$dir" "$model" "$kind" "$flags")
	# A search that was cut short proves nothing: never a silent pass.
	if grep -aq -e "max search depth too small" -e "reached -DMEMLIM" -e "out of memory" \
		"$dir/pan.out"; then
		result="incomplete search ($result)"
		errors=x
	fi
	got=x
	[ "$errors" = 0 ] && got=hold
	[ "$errors" != 0 ] && [ "$errors" != x ] && got=fail
	if [ "$got" = "$expect" ]; then
		verdict=expected
	else
		verdict=UNEXPECTED
		bad=$((bad + 1))
	fi
	nruns=$((nruns + 1))
	printf '%-27s %-18s %3s %10s %6s %4s %-5s %-10s %5ss  %s\n' \
		"$model" "$prop" "$threads" "${states:-?}" "${depth:-?}" "${errors:-?}" \
		"$expect" "$verdict" "$(since "$t0" "$t1")" "$result"
	if [ "$verdict" = UNEXPECTED ] && [ $keep = 0 ]; then
		echo "run.sh: $id: unexpected verdict; output in $dir" >&2
		exit 1
	fi
done < "$tmp"
[ $nruns -gt 0 ] || { echo "run.sh: no run matches '$filter'" >&2; exit 2; }
printf 'spin: %d runs, %d unexpected, %ss\n' $nruns $bad "$(since "$start" "$(now)")"
[ $bad = 0 ]
