#!/bin/sh
# SPDX-License-Identifier: MIT
#
# lab/check/mutate.sh - is the checker able to fail? Each mutation below breaks
# one atomic step of pageref.h / src/pageref.c, in a copy of include/ and
# src/ (the tree is never touched); the checker is rebuilt against the copy
# and must then report a violation for the scheme pageref. The unmutated
# copy must pass first.
#
# Run by 'make check-mutate', which sets CC, CHK_FLAGS (the chk variant's
# flags) and CHK_SRCS (the checker's and the library's sources).
#
# A mutation names the line it replaces by a tag, a trailing comment
# /* mutate:TAG */ in pageref.h or src/pageref.c, and gives the whole
# mutant line; the header's text may be reformatted freely. A tag that is
# missing or appears twice, or one in the sources that no mutation uses,
# fails the run.
set -eu

: "${CC:=cc}"
: "${CHK_FLAGS:?run this through make check-mutate}"
: "${CHK_SRCS:?run this through make check-mutate}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pageref-mutate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/orig"
cp -R include src "$tmp/orig/"

failed=0
total=0

# The checker's own sources do not change with a mutation: compile them once.
objs=
for f in $CHK_SRCS; do
	case $f in
	lab/check/*)
		o="$tmp/$(basename "$f" .c).o"
		# shellcheck disable=SC2086 # word splitting of the flags is intended
		$CC -Iinclude $CHK_FLAGS -c "$f" -o "$o"
		objs="$objs $o" ;;
	esac
done

# build DIR: the checker against DIR/include and DIR/src, into DIR/pageref-check
build() {
	srcs=
	for f in $CHK_SRCS; do
		case $f in
		lab/check/*) ;;
		src/*) srcs="$srcs $1/$f" ;;
		*) srcs="$srcs $f" ;;
		esac
	done
	# shellcheck disable=SC2086 # word splitting of the flag and file lists is intended
	$CC -I"$1/include" $CHK_FLAGS -o "$1/pageref-check" $objs $srcs 2> "$1/build.log"
}

# first_failure OUTPUT: "scenario: what broke" of the first failing cell
first_failure() {
	printf '%s\n' "$1" | awk '$3 == "FAIL" { cell = $2; getline; sub(/^ +/, ""); print cell ": " $0; exit }'
}

# mutate NAME FILE TAG LINE: FILE with its line tagged /* mutate:TAG */
# replaced by LINE must fail the checker
mutate() {
	total=$((total + 1))
	used="$used $3 "
	rm -rf "$tmp/m"
	mkdir "$tmp/m"
	cp -R "$tmp/orig/include" "$tmp/orig/src" "$tmp/m/"
	n=$(grep -c -F "/* mutate:$3 */" "$tmp/orig/$2") || true
	if [ "${n:-0}" != 1 ]; then
		echo "mutate.sh: FAILED: '$1': the tag mutate:$3 appears $n times in $2, not once"
		exit 1
	fi
	TAG="/* mutate:$3 */" LINE="$4" awk '
		index($0, ENVIRON["TAG"]) { print ENVIRON["LINE"]; next }
		{ print }' "$tmp/orig/$2" > "$tmp/m/$2"
	if ! build "$tmp/m"; then
		echo "mutate.sh: FAILED: '$1' does not compile:"
		cat "$tmp/m/build.log"
		failed=$((failed + 1))
		return
	fi
	rc=0
	out=$("$tmp/m/pageref-check" --scheme pageref 2>&1) || rc=$?
	if [ "$rc" -eq 1 ] && [ -n "$(first_failure "$out")" ]; then
		echo "mutate.sh: caught  $1"
		echo "                   by $(first_failure "$out")"
	else
		echo "mutate.sh: FAILED: '$1' was not caught (exit status $rc)"
		failed=$((failed + 1))
	fi
}

if ! build "$tmp/orig"; then
	echo "mutate.sh: the unmutated copy does not build:"
	cat "$tmp/orig/build.log"
	exit 1
fi
if ! "$tmp/orig/pageref-check" --scheme pageref > "$tmp/orig/out" 2>&1; then
	cat "$tmp/orig/out"
	echo "mutate.sh: the unmutated copy fails the checker; fix that first"
	exit 1
fi
echo "mutate.sh: the unmutated copy passes"

H=include/pageref/pageref.h
C=src/pageref.c
T=$(printf '\t')
STORE='(pageref_atomic_store(r, PAGEREF_FROZEN_BIT, memory_order_relaxed), 1)'
used=

mutate "put_last: CAS(nr -> FROZEN) replaced by a store of FROZEN" $H put_last-freeze \
	"${T}if (pageref_likely($STORE || pageref_freeze(r, nr)))"
mutate "put_last: no fallback to put() when the CAS fails" $H put_last-put \
	"${T}return false;"
mutate "put: CAS(0 -> FROZEN) replaced by a store (the atomic_or question)" $H put-cas \
	"${T}if ($STORE || pageref_atomic_try_cmpxchg(r, &cur, PAGEREF_FROZEN_BIT,"
mutate "put: CAS(0 -> FROZEN) deleted, the decrement alone decides" $H put-cas \
	"${T}if (1 || pageref_atomic_try_cmpxchg(r, &cur, PAGEREF_FROZEN_BIT,"
mutate "put: fetch_sub split into a load and a store" $H put-sub \
	"${T}uint32_t old = pageref_atomic_load(r, memory_order_relaxed); pageref_atomic_store(r, old - nr, memory_order_release);"
mutate "tryget: fetch_add split into a load and a store" $H tryget-add \
	"${T}uint32_t val = pageref_atomic_load(r, memory_order_acquire) + nr; pageref_atomic_store(r, val, memory_order_relaxed);"
mutate "tryget: decides on a re-read, not on its own fetch_add's result" $H tryget-decide \
	"${T}val = pageref_atomic_load(r, memory_order_relaxed); if (pageref_likely(val <= PAGEREF_COUNT_MAX))"
mutate "tryget_slow: reset CAS replaced by a store of FROZEN" $C reset-cas \
	"${T}       !$STORE && !pageref_atomic_try_cmpxchg(r, &val, PAGEREF_FROZEN_BIT,"
mutate "tryget_slow: no reset at all" $C reset-loop \
	"${T}while (0 && pageref_unlikely(val >= PAGEREF_RESET_LIMIT) &&"
mutate "freeze: CAS(expected -> FROZEN) replaced by a store" $H freeze-cas \
	"${T}return $STORE || pageref_atomic_try_cmpxchg(r, &expected, PAGEREF_FROZEN_BIT,"
mutate "init_frozen: stores 0 (set_page_count(0)) instead of FROZEN" $H init_frozen-store \
	"${T}pageref_atomic_store(r, 0, memory_order_relaxed);"
mutate "unfreeze: its store deleted" $H unfreeze-store \
	"${T}(void)count;"

# One mutation per memory-order annotation of pageref.h: each weakened one
# step (acquire or release to relaxed). The C11 model must catch each as a
# data race on the object (the chk build's default model).
mutate "order: tryget's fetch_add acquire -> relaxed" $H tryget-add \
	"${T}uint32_t val = pageref_atomic_fetch_add(r, nr, memory_order_relaxed) + nr;"
mutate "order: put's fetch_sub release -> relaxed" $H put-sub \
	"${T}uint32_t old = pageref_atomic_fetch_sub(r, nr, memory_order_relaxed);"
mutate "order: put's CAS(0 -> FROZEN) acquire -> relaxed" $H put-cas-order \
	"${T}${T}${T}${T}       memory_order_relaxed, memory_order_relaxed))"
mutate "order: freeze's CAS acquire -> relaxed" $H freeze-cas-order \
	"${T}${T}${T}${T}${T}  memory_order_relaxed, memory_order_relaxed);"
mutate "order: unfreeze's store release -> relaxed" $H unfreeze-store \
	"${T}pageref_atomic_store(r, count, memory_order_relaxed);"
mutate "order: init's store release -> relaxed (reused type-stable memory)" $H init-store \
	"${T}pageref_atomic_store(r, count, memory_order_relaxed);"

# A tag that no mutation uses is a stale one.
for tag in $(grep -h -o '/\* mutate:[^ ]* \*/' $H $C | sed 's|/\* mutate:\(.*\) \*/|\1|'); do
	case $used in
	*" $tag "*) ;;
	*) echo "mutate.sh: FAILED: the tag mutate:$tag in the sources is used by no mutation"
	   failed=$((failed + 1)) ;;
	esac
done

echo "mutate.sh: $((total - failed)) of $total mutations caught"
[ "$failed" -eq 0 ]
