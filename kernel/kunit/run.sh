#!/bin/sh
# make kernel-kunit: the series' KUnit suite natively, under user-mode Linux
# with SMP (tools/testing/kunit/kunit.py, the kernel's own runner), then each
# known-bad variant caught here ("Caught by: make kernel-kunit" in its
# header), which must fail the test its patch names.
#
#   sh kernel/kunit/run.sh [--help]
#   environment: KERNEL_SERIES (default kernel/v3), KUNIT_CPUS (ncpus=, default
#     2), KUNIT_SKIP_BAD=1
#
# The tree is build/kernel/kunit/src: the pristine base (kernel/source.sh)
# plus the series, its changed files rewritten when a patch changes; objects in
# build/kernel/kunit/out; each run's JSON (kunit.py --json) beside them.
# A known-bad patch that changes only include/linux/page_ref.h is built the
# way the series' own header change would not be: the header gets its old
# time back and only the test object is rebuilt with it, so that the bad
# put is exactly the one of the test's own puts and not the whole kernel's.
# That each patch builds on its own is make kernel-check's to show (x86-64,
# more of the series' call sites configured).  The last line is
# "kernel-kunit: N passed, N failed" (one per kernel run).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tool=kernel-kunit
series=${KERNEL_SERIES:-$root/kernel/v3}
. "$root/kernel/lib.sh"
options "$@"
cpus=${KUNIT_CPUS:-2}
config=$root/kernel/kunit/page_ref.kunitconfig
dir=$root/build/kernel/kunit
src=$dir/src
mkdir -p "$dir"

pristine=$(sh "$root/kernel/source.sh")
. "$root/kernel/base.env"
want=$(cat $(series_patches) | cksum)
if [ "$(cat "$dir/src.patches" 2>/dev/null)" != "$want" ]; then
	# staged aside, then copied over the tree by content: only the files
	# that changed get a new time, and only what depends on them is rebuilt
	say "tree: $(basename "$pristine") + $(series_patches | wc -l) patches of $series"
	stage=$dir/stage
	rsync -a --delete --exclude=/.pageref-pristine "$pristine/" "$stage/"
	for p in $(series_patches); do
		patch -d "$stage" -p1 -s --no-backup-if-mismatch < "$p" ||
			die "$(basename "$p") does not apply to $(basename "$pristine") $(make -s -C "$pristine" kernelversion): the series was made on $KERNEL_BASE_TESTED (kernel/base.env)"
	done
	rsync -rlpD --checksum --delete "$stage/" "$src/"
	echo "$want" > "$dir/src.patches"
fi

# kunit NAME: one run of the suite; its JSON in $dir/NAME.json, log NAME.log.
kunit() {
	t0=$(date +%s)
	say "$1: kunit.py run (ncpus=$cpus; log $dir/$1.log)"
	(cd "$src" && python3 tools/testing/kunit/kunit.py run --kunitconfig="$config" \
		--build_dir="$dir/out" --jobs="$(nproc)" --timeout=600 \
		--kernel_args="ncpus=$cpus" --kernel_args=seccomp=on \
		--json="$dir/$1.json") > "$dir/$1.log" 2>&1
	rc=$?
	say "$1: kunit.py exit $rc after $(($(date +%s) - t0)) s"
	return $rc
}

pass=0 fail=0

if kunit series; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); tail -n 40 "$dir/series.log" >&2; say "series: FAILED"
fi
grep -E '^\[[0-9:]+\] (\[(PASSED|FAILED|SKIPPED)\]|Testing complete)' "$dir/series.log" >&2 || true

for bad in "$series"/known-bad/*.patch; do
	[ -f "$bad" ] && [ -z "${KUNIT_SKIP_BAD:-}" ] || continue
	# the ones whose header says "Caught by: ... make kernel-kunit"
	grep -q '^Caught by:.*make kernel-kunit' "$bad" || continue
	name=bad-$(basename "$bad" .patch)
	test=$(sed -n 's/.*\(page_ref_test_[a-z_]*\) must fail.*/\1/p' "$bad" | head -n 1)
	[ -n "$test" ] || die "$bad does not name the test that must fail ('page_ref_test_X must fail')"
	files=$(sed -n 's,^+++ b/,,p' "$bad")
	header_only=
	[ "$files" = include/linux/page_ref.h ] && header_only=1
	stamp=$(mktemp)
	touch -r "$src/include/linux/page_ref.h" "$stamp"
	patch -d "$src" -p1 -s --no-backup-if-mismatch < "$bad" || die "$name does not apply"
	if [ -n "$header_only" ]; then
		touch -r "$stamp" "$src/include/linux/page_ref.h"
		rm -f "$dir/out/mm/tests/page_ref_kunit.o"
	fi
	if kunit "$name"; then
		result="passed: NOT CAUGHT"
	elif grep -q "\[FAILED\] $test\$" "$dir/$name.log"; then
		result=caught
	else
		result="failed, but not in $test: NOT CAUGHT"
	fi
	# Back to the series: a reverted .c file keeps its new time (make
	# rebuilds it), the header gets its own back (only the test object,
	# removed here, was built with the bad one).
	patch -d "$src" -p1 -R -s --no-backup-if-mismatch < "$bad"
	[ -z "$header_only" ] || touch -r "$stamp" "$src/include/linux/page_ref.h"
	rm -f "$stamp" "$dir/out/mm/tests/page_ref_kunit.o"
	say "$name: $result ($test)"
	grep -E "\[FAILED\] $test|spun|grace period ended|has a window" "$dir/$name.log" | head -n 4 >&2 || true
	case $result in
	caught) pass=$((pass + 1)) ;;
	*) fail=$((fail + 1)) ;;
	esac
done
echo "kernel-kunit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
