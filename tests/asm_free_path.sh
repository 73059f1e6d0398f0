#!/bin/sh
# The free path as timed: on x86-64, the locked instructions of each
# free-path loop in the benchmark's binary (objdump), against what the
# kernel compiles. Today's atomic_dec_and_test() is one `lock decl` (or
# `lock subl $1`): upstream's timed put must be one locked instruction too,
# as is the base's own header compiled in the lab (kernel-base), with no fence
# after it (the checker's build has one: lab/schemes/upstream.h). v1 and v5
# add the freeze's cmpxchg; pageref's put_last() guesses with a cmpxchg
# first. A locked instruction here is any lock-prefixed one, an xchg with
# memory, or an mfence.
# Usage: asm_free_path.sh BENCH_BINARY
bin=${1:?usage: asm_free_path.sh BENCH_BINARY}
case "$(uname -m)" in
x86_64) ;;
*) echo "ok 1 # SKIP not x86-64"; echo "1..1"; echo "1 passed, 0 failed"; exit 0 ;;
esac
command -v objdump >/dev/null || { echo "not ok 1 - objdump (binutils) is missing"; exit 1; }

# locked SYMBOL: the mnemonics of SYMBOL's locked instructions, in address order
locked() {
	objdump -d --no-show-raw-insn --disassemble="$1" "$bin" |
		awk '/^[0-9a-f]+ <.*>:$/ { on = ($2 == "<'"$1"'>:"); next }
		     on && /:\t/ { sub(/^[^\t]*\t/, ""); print }' |
		grep -E '^(lock |mfence|xchg)' | sed -e 's/ *[%$(].*//' -e 's/ \{1,\}/ /g' |
		paste -sd, -
}

pass=0 fail=0 n=0
check() { # check DESCRIPTION SYMBOL WANT (the exact sequence)
	n=$((n + 1)); got=$(locked "$2")
	if [ "$got" = "$3" ]; then pass=$((pass + 1)); echo "ok $n - $1: $got"
	else fail=$((fail + 1)); echo "not ok $n - $1: found '$got', want '$3'"
		objdump -d --no-show-raw-insn --disassemble="$2" "$bin" | sed -n '/^[0-9a-f]* </,/^$/p' | sed 's/^/#   /'
	fi
}
check "upstream put (atomic_dec_and_test), timed free path" bench_free_put_last_pageref_upstream "lock subl"
# free-path-race: the put, then the loop's own xchg that hands the page on
check "upstream put, free-path-race" bench_race_put_last_pageref_upstream "lock subl,xchg"
check "kernel-base (the base's page_ref.h) put, timed free path" bench_free_put_last_pageref_kernel_base "lock subl"
check "the floor's put (upstream's)" bench_free_put_last_bench_floor "lock subl"
check "v1 put: drop, then the freeze's cmpxchg" bench_free_put_last_pageref_v1 "lock subl,lock cmpxchg"
check "v5 put: drop, then the freeze's cmpxchg" bench_free_put_last_pageref_v5 "lock subl,lock cmpxchg"
check "pageref put_last: the guess first (fallback xadd + cmpxchg after it)" bench_free_put_last_pageref \
	"lock cmpxchg,lock xadd,lock cmpxchg"
check "pageref put: drop, then the freeze's cmpxchg" bench_free_put_pageref "lock xadd,lock cmpxchg"
echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
