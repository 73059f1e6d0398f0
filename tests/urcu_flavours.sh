#!/bin/sh
# pageref/urcu.h with every liburcu flavour, by its short names and by its
# prefixed ones: build tests/urcu_flavour.c against each and run it.
# Usage: urcu_flavours.sh CC LIBPAGEREF (a debug build's libpageref.a)
set -u
cc=${1:-cc} lib=$2
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
# header | prefix (- for the short names) | library | extra flags
while read -r header prefix urculib extra; do
	n=$((n + 1))
	[ "$extra" = - ] && extra=
	name="$header${extra:+ $extra}"
	pfx=
	[ "$prefix" = - ] || pfx="-DURCU_PREFIX=$prefix"
	# shellcheck disable=SC2086
	if "$cc" -std=c11 -Wall -Wextra -Werror -I"$top/include" $extra $pfx \
		-DURCU_HEADER="$header" -DURCU_NAME="\"$name\"" \
		-o "$tmp/t$n" "$top/tests/urcu_flavour.c" "$lib" "-l$urculib" -lpthread \
		>"$tmp/out" 2>&1 && "$tmp/t$n" >>"$tmp/out" 2>&1; then
		echo "ok $n - urcu.h with $name"
	else
		fail=$((fail + 1)); echo "not ok $n - urcu.h with $name"; sed 's/^/#   /' "$tmp/out"
	fi
done <<'FLAVOURS'
<urcu.h> - urcu -
<urcu.h> - urcu-signal -DRCU_SIGNAL
<urcu.h> - urcu-mb -DRCU_MB
<urcu-qsbr.h> - urcu-qsbr -
<urcu-bp.h> - urcu-bp -
<urcu/urcu-memb.h> urcu_memb urcu-memb -
<urcu/urcu-qsbr.h> urcu_qsbr urcu-qsbr -
<urcu/urcu-bp.h> urcu_bp urcu-bp -
<urcu/urcu-signal.h> urcu_signal urcu-signal -
<urcu/urcu-mb.h> urcu_mb urcu-mb -
<urcu/urcu-memb.h> urcu_memb urcu-memb -D_LGPL_SOURCE
FLAVOURS
echo "1..$n"
[ "$fail" -eq 0 ]
