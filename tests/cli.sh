#!/bin/sh
# The command line refuses what it cannot mean: each bad value exits 2 with
# a message naming the option, before anything runs; `pageref schemes`
# calls the racy schemes racy. Usage: cli.sh BUILD/pageref
set -u
bin=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
refused() { # refused MESSAGE ARGS...: exit 2 and MESSAGE on stderr
	n=$((n + 1)); want=$1; shift
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ "$rc" -eq 2 ] && grep -q -e "$want" "$tmp/err"; then echo "ok $n - refused: pageref $*"
	else fail=$((fail + 1)); echo "not ok $n - refused: pageref $* (exit $rc)"
		sed 's/^/#   /' "$tmp/err" | head -5; fi
}
refused "threads: an empty item"	bench --threads ,
refused "threads: an empty item"	bench --threads 1,,2
refused "threads: an empty item"	bench --threads 1,
refused "workload: an empty item"	bench --workload contended,
refused "scheme: an empty name"		check --scheme pageref,
refused "scheme: an empty name"		torture --scheme ,pageref --seconds 0.2
refused "seconds must be a number"	torture --scheme pageref --seconds 0x10
refused "seconds must be a number"	torture --scheme pageref --seconds inf
refused "threads must be an integer"	torture --scheme pageref --threads +2
refused "threads must be an integer"	torture --scheme pageref --threads ' 2'
refused "would run .* h; at most"	bench --ms 60000 --reps 1000
refused "unexpected argument 'extra'"	--version extra
n=$((n + 1))
"$bin" schemes > "$tmp/schemes"
if awk '$1 == "v1" || $1 == "v5" { if ($2 != "racy") bad = 1; seen++ }
	$1 == "pageref" && $2 != "correct" { bad = 1 }
	END { exit bad || seen != 2 }' "$tmp/schemes"; then
	echo "ok $n - schemes: v1 and v5 are racy, pageref correct"
else
	fail=$((fail + 1)); echo "not ok $n - schemes: v1 and v5 are racy, pageref correct"
	sed 's/^/#   /' "$tmp/schemes"
fi
n=$((n + 1))
if "$bin" --version | grep -q '^pageref [0-9]' && "$bin" bench --scheme pageref --workload contended \
	--threads 1 --reps 1 --ms 2 > /dev/null 2>&1; then echo "ok $n - good values still run"
else fail=$((fail + 1)); echo "not ok $n - good values still run"; fi
echo "1..$n"
[ "$fail" -eq 0 ]
