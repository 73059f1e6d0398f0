#!/bin/sh
# Builds the kernel's mm selftests as static binaries, on the host, from the
# baseline tree (the same sources run on every kernel):
#   sh kernel/selftests.sh  ->  build/kernel/h/mm-selftests/
# Needs the baseline's uapi headers (build.sh base runs make headers).
# A test that does not build statically is left out (listed).
set -u
cd "$(dirname "$0")/.."
KB=$(pwd)/build/kernel/h
src=$KB/base
out=$KB/mm-selftests
stamp=$out/.done
[ -f "$stamp" ] && [ "$stamp" -nt "$KB/img/base.bzImage" ] && exit 0
rm -rf "$out"; mkdir -p "$out"
t0=$(date +%s)
# kselftest.h included in every test: 6.12's khugepaged.c used KSFT_SKIP without it
make -k -C "$src/tools/testing/selftests/mm" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $src/out/usr/include" \
	EXTRA_CFLAGS="-static -include $src/tools/testing/selftests/kselftest.h" \
	-j"$(nproc)" > "$KB/mm-selftests.log" 2>&1
built=$(cd "$out" && for f in *; do [ -f "$f" ] && [ -x "$f" ] && echo "$f"; done | tr '\n' ' ')
echo "mm selftests: built in $(($(date +%s) - t0)) s: $built" >&2
grep -E "error:|undefined reference" "$KB/mm-selftests.log" | head -5 >&2
touch "$stamp"
