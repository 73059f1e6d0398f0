#!/bin/sh
# On x86-64, a release build of pageref_tryget() must be one `lock xadd` and
# one compare against the ceiling (which also tests the frozen bit), with no
# cmpxchg; with an nr that is not a constant, one compare more (nr's range);
# pageref_put() one `lock sub` (or xadd), then at zero one
# `lock cmpxchg`, both inline;
# pageref_put_last() a `lock cmpxchg` before anything else.
# Usage: asm_tryget.sh [CC]
CC=${1:-cc}
here=$(dirname "$0")
case "$($CC -dumpmachine)" in
x86_64*) ;;
*) echo "ok 1 # SKIP not x86-64"; echo "1..1"; echo "1 passed, 0 failed"; exit 0 ;;
esac
asm=$(mktemp) || exit 1
trap 'rm -f "$asm"' EXIT
$CC -std=c11 -O2 -DNDEBUG -I"$here/../include" -S -o "$asm" "$here/asm_tryget.c" || exit 1

# body FUNC: the instructions of FUNC, up to its .cfi_endproc
body() { awk -v f="$1:" '$1 == f { on = 1; next } on && /cfi_endproc/ { exit } on && $1 !~ /^\./' "$asm"; }
count() { body "$1" | grep -c -- "$2"; }

pass=0 fail=0 n=0
check() { # check DESCRIPTION FUNC PATTERN WANT
	n=$((n + 1)); got=$(count "$2" "$3")
	if [ "$got" -eq "$4" ]; then pass=$((pass + 1)); echo "ok $n - $1"
	else fail=$((fail + 1)); echo "not ok $n - $1 (found $got, want $4)"; body "$2" | sed 's/^/#   /'; fi
}
check "tryget: one locked instruction"	asm_tryget 'lock' 1
check "tryget: it is xadd"		asm_tryget 'xadd' 1
check "tryget: no cmpxchg"		asm_tryget 'cmpxchg' 0
check "tryget: one compare, against the ceiling 2^30" asm_tryget 'cmpl	\$1073741824' 1
check "tryget(r, nr): nr's range check is one compare, nr - 1 against 2^18 - 1" \
	asm_tryget_nr 'cmp' 2
check "tryget(r, nr): the compare against 2^18 - 1" asm_tryget_nr 'cmpl	\$262143' 1
check "tryget(r, nr): still one locked instruction, an xadd" asm_tryget_nr 'lock xadd' 1
check "put: two locked instructions, both inline" asm_put 'lock' 2
check "put: one sub or xadd (the drop)"	asm_put 'lock \(sub\|xadd\)' 1
check "put: one cmpxchg (the freeze at zero)" asm_put 'lock cmpxchg' 1
n=$((n + 1)); first=$(body asm_put_last | grep -m1 lock)
case "$first" in
*cmpxchg*) pass=$((pass + 1)); echo "ok $n - put_last: its first locked instruction is the guess, a cmpxchg" ;;
*) fail=$((fail + 1)); echo "not ok $n - put_last: first locked instruction is '$first'" ;;
esac
echo "# pageref_tryget(r, 1) at -O2:"; body asm_tryget | sed 's/^/#   /'
echo "# pageref_tryget(r, nr) at -O2:"; body asm_tryget_nr | sed 's/^/#   /'
echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
