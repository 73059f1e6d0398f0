#!/bin/sh
# SPDX-License-Identifier: MIT
#
# lab/check/herd7.sh BUILD - the checker's C11 model held to herd7's RC11:
# every litmus file of lab/check/litmus-c11/ runs under 'pageref litmus'
# (BUILD/pageref-litmus) and under herd7 -model rc11.cat; their Observation
# words (Never, Sometimes, Always), data-race flags and sets of final states
# must agree, except
# for the tests doc/verification.md lists in its table of disagreements
# (a row "| `NAME` | HERD7 | CHECKER | reason |"), which must disagree
# exactly so. A listed test that agrees fails the run too: the list is kept
# true. Part of 'make check-litmus'.
#
# herd7 as scripts/herd7 finds it: $HERD7, else herd7 on PATH, else
# build/herd7/bin/herd7, else it is built there once from Debian's source
# packages (about 5 minutes on 2 cores).
set -u
b=$1
dir=lab/check/litmus-c11
doc=doc/verification.md

found=$(sh scripts/herd7) || { echo "check-litmus: no herd7 (scripts/herd7, above)"; exit 1; }
eval "$found"
herd=$HERD7_BIN

# verdict: "WORD" or "WORD+race" from herd7-style output on stdin, and
# "/states" if the set of final states (the lines after States N, sorted)
# differs from herd7's, whose set is in $hs
verdict() {
	awk '/^Flag/ { race = "+race" } /^Observation/ { w = $3 } END { print (w == "" ? "ERROR" : w) race }'
}
states() {
	awk '/^States/ { on = 1; next } /^(Ok|No|Undef)$/ { on = 0 } on { gsub(/ +$/, ""); print }' | sort
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pageref-herd7.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# checker BINARY FILE HERD7-OUTPUT: the checker's verdict, "/states" added
# if its final states (a "(data race)" mark is its own) differ from herd7's
checker() {
	"$1" "$2" > "$tmp/checker.out" 2>&1
	v=$(verdict < "$tmp/checker.out")
	if [ "$(states < "$3")" != "$(sed 's/ *(data race)$//' "$tmp/checker.out" | states)" ]; then
		v="$v/states"
	fi
	echo "$v"
}

t0=$(date +%s.%N)
failed=0 n=0 agree=0 listed=0
printf '%-30s %-16s %-16s %s\n' test herd7-rc11 checker result
for f in "$dir"/*.litmus; do
	name=$(basename "$f" .litmus)
	n=$((n + 1))
	"$herd" -model rc11.cat "$f" > "$tmp/$name.herd7" 2>&1
	h=$(verdict < "$tmp/$name.herd7")
	c=$(checker "$b/pageref-litmus" "$f" "$tmp/$name.herd7")
	row=$(grep -F "| \`$name\` |" "$doc" | head -1)
	if [ "$h" = "$c" ]; then
		if [ -n "$row" ]; then
			res="AGREES, but $doc lists it as a disagreement"
			failed=1
		else
			res=agree
			agree=$((agree + 1))
		fi
	elif [ -n "$row" ] && printf '%s\n' "$row" | awk -F'|' -v h="$h" -v c="$c" '
		{ gsub(/ /, "", $3); gsub(/ /, "", $4); exit !($3 == h && $4 == c) }'; then
		res="listed (doc/verification.md)"
		listed=$((listed + 1))
	else
		res="DISAGREE, not listed in $doc"
		failed=1
	fi
	printf '%-30s %-16s %-16s %s\n' "$name" "$h" "$c" "$res"
done
printf 'check-litmus: herd7 (%s) vs the checker on %d litmus files: %d agree, %d listed disagreements, in %.1f s\n' \
	"$herd" "$n" "$agree" "$listed" "$(echo "$(date +%s.%N) - $t0" | bc)"
[ "$failed" -eq 0 ] || echo "check-litmus: FAILED: a disagreement with herd7 that doc/verification.md does not list with its reason, or a listed one that agrees (above)"

# The comparison can fail: each gap of issue 17 put back into the model (a
# --model switch, or a break of lab/check/c11.c in a copy) must make some
# corpus test disagree with herd7. Needs CC and CHK_FLAGS (make check-litmus).
. lab/check/break-c11.sh
# brk NAME MODEL [SED]: the checker so broken must disagree on some test
brk() {
	bin=$b/pageref-litmus
	if [ -n "${3:-}" ]; then
		break_c11 "$1" "$3" "$tmp/litmus" || { failed=1; return; }
		bin=$tmp/litmus
	fi
	printf '#!/bin/sh\nexec "%s" --model %s "$@"\n' "$bin" "$2" > "$tmp/run"
	chmod +x "$tmp/run"
	diff=
	for f in "$dir"/*.litmus; do
		name=$(basename "$f" .litmus)
		[ "$(verdict < "$tmp/$name.herd7")" = "$(checker "$tmp/run" "$f" "$tmp/$name.herd7")" ] ||
			diff="$diff $name"
	done
	if [ -n "$diff" ]; then
		echo "check-litmus: caught: $1:$diff"
	else
		echo "check-litmus: NOT CAUGHT: $1"
		failed=1
	fi
}
if [ -n "${CHK_FLAGS:-}" ]; then
	: "${CC:=cc}"
	brk "mo is execution order" c11-mo-exec
	brk "a failed CAS reads the newest store" c11-fresh-cas
	brk "seq_cst is acq_rel (no psc)" c11 's/	if (chk_model == CHK_MODEL_SC || psc_nr_sc < 2/	if (1 || chk_model == CHK_MODEL_SC || psc_nr_sc < 2/'
	brk "scb has all of hb (C11's SC axiom, not RC11's psc)" c11 's/if (po || (hb \&\& same_loc) || mo || rb)/if (po || hb || mo || rb)/'
	brk "scb without rb" c11 's/if (po || (hb \&\& same_loc) || mo || rb)/if (po || (hb \&\& same_loc) || mo)/'
	brk "no pscf (seq_cst fences ordered only through scb)" c11 's/if (!edge \&\& s_fence \&\& t_fence)	/if (0)	/'
	brk "release sequences as C++20 (no same-thread store)" c11 's/if (rel_stored\[chk_world.cur\]\[var\])	/if (0)	/'
	brk "mapping and litmus loads read the newest store" c11 's/if (!stale_ok() || !chk_stale_reads)/if (!stale_ok() || !chk_stale_reads || var != CHK_VAR_COUNTER)/'
fi
exit "$failed"
