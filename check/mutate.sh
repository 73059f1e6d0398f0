#!/bin/sh
# SPDX-License-Identifier: MIT
#
# check/mutate.sh - is the checker able to fail? Each mutation below breaks
# one atomic step of pageref.h / src/pageref.c, in a copy of include/ and
# src/ (the tree is never touched); the checker is rebuilt against the copy
# and must then report a violation for the scheme pageref. The unmutated
# copy must pass first.
#
# Run by 'make check-mutate', which sets CC, CHK_FLAGS (the chk variant's
# flags) and CHK_SRCS (the checker's and the library's sources).
#
# A mutation whose text no longer matches the source fails the run: update
# the sed expression below when pageref.h or src/pageref.c changes.
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
	check/*)
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
		check/*) ;;
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

# mutate NAME FILE SED-EXPRESSION
mutate() {
	total=$((total + 1))
	rm -rf "$tmp/m"
	mkdir "$tmp/m"
	cp -R "$tmp/orig/include" "$tmp/orig/src" "$tmp/m/"
	sed -e "$3" "$tmp/orig/$2" > "$tmp/m/$2"
	if cmp -s "$tmp/orig/$2" "$tmp/m/$2"; then
		echo "mutate.sh: FAILED: '$1' no longer applies to $2; update check/mutate.sh"
		failed=$((failed + 1))
		return
	fi
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
STORE='(pageref_atomic_store(r, PAGEREF_FROZEN_BIT, memory_order_relaxed), 1)'

mutate "put_last: CAS(nr -> FROZEN) replaced by a store of FROZEN" $H \
	"s|if (pageref_likely(pageref_freeze(r, nr)))|if (pageref_likely($STORE \\|\\| pageref_freeze(r, nr)))|"
mutate "put_last: no fallback to put() when the CAS fails" $H \
	's|^	return pageref_put(r, nr);|	return false;|'
mutate "put: CAS(0 -> FROZEN) replaced by a store (the atomic_or question)" $H \
	"s|if (pageref_atomic_try_cmpxchg(r, &cur,|if ($STORE \\|\\| pageref_atomic_try_cmpxchg(r, \\&cur,|"
mutate "put: CAS(0 -> FROZEN) deleted, the decrement alone decides" $H \
	's|if (pageref_atomic_try_cmpxchg(r, &cur,|if (1 \|\| pageref_atomic_try_cmpxchg(r, \&cur,|'
mutate "put: fetch_sub split into a load and a store" $H \
	's|uint32_t old = pageref_atomic_fetch_sub(r, nr, memory_order_release);|uint32_t old = pageref_atomic_load(r, memory_order_relaxed); pageref_atomic_store(r, old - nr, memory_order_release);|'
mutate "tryget: fetch_add split into a load and a store" $H \
	's|uint32_t val = pageref_atomic_fetch_add(r, nr, memory_order_acquire) + nr;|uint32_t val = pageref_atomic_load(r, memory_order_acquire) + nr; pageref_atomic_store(r, val, memory_order_relaxed);|'
mutate "tryget: decides on a re-read, not on its own fetch_add's result" $H \
	's|^	if (pageref_likely(val <= PAGEREF_COUNT_MAX))|	val = pageref_atomic_load(r, memory_order_relaxed); &|'
mutate "tryget_slow: reset CAS replaced by a store of FROZEN" $C \
	"s|^	       !pageref_atomic_try_cmpxchg(r, &val,|	       !$STORE \\&\\& !pageref_atomic_try_cmpxchg(r, \\&val,|"
mutate "tryget_slow: no reset at all" $C \
	's|while (pageref_unlikely(val >= PAGEREF_RESET_LIMIT)|while (0 \&\& pageref_unlikely(val >= PAGEREF_RESET_LIMIT)|'
mutate "freeze: CAS(expected -> FROZEN) replaced by a store" $H \
	"s|return pageref_atomic_try_cmpxchg(r, &expected,|return $STORE \\|\\| pageref_atomic_try_cmpxchg(r, \\&expected,|"
mutate "init_frozen: stores 0 (set_page_count(0)) instead of FROZEN" $H \
	's|^	pageref_atomic_store(r, PAGEREF_FROZEN_BIT, memory_order_relaxed);|	pageref_atomic_store(r, 0, memory_order_relaxed);|'
mutate "unfreeze: its store deleted" $H \
	's|^	pageref_atomic_store(r, count, memory_order_release);|	(void)count;|'

# One mutation per memory-order annotation of pageref.h: each weakened one
# step (acquire or release to relaxed). The C11 model must catch each as a
# data race on the object (the chk build's default model).
mutate "order: tryget's fetch_add acquire -> relaxed" $H \
	's|pageref_atomic_fetch_add(r, nr, memory_order_acquire)|pageref_atomic_fetch_add(r, nr, memory_order_relaxed)|'
mutate "order: put's fetch_sub release -> relaxed" $H \
	's|pageref_atomic_fetch_sub(r, nr, memory_order_release)|pageref_atomic_fetch_sub(r, nr, memory_order_relaxed)|'
mutate "order: put's CAS(0 -> FROZEN) acquire -> relaxed" $H \
	'/pageref_atomic_try_cmpxchg(r, &cur, PAGEREF_FROZEN_BIT,/{n;s|memory_order_acquire|memory_order_relaxed|;}'
mutate "order: freeze's CAS acquire -> relaxed" $H \
	'/pageref_atomic_try_cmpxchg(r, &expected, PAGEREF_FROZEN_BIT,/{n;s|memory_order_acquire|memory_order_relaxed|;}'
mutate "order: unfreeze's store release -> relaxed" $H \
	's|pageref_atomic_store(r, count, memory_order_release)|pageref_atomic_store(r, count, memory_order_relaxed)|'

echo "mutate.sh: $((total - failed)) of $total mutations caught"
[ "$failed" -eq 0 ]
