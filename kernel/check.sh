#!/bin/sh
# make kernel-check: the series in a real kernel.
#   1. installs what it needs (apt-get), extracts linux-source-6.12 once;
#      runs the LKMM litmus tests (kernel/litmus/run.sh, make kernel-litmus)
#   2. runs kernel/hdrcheck (the series' page_ref.h in userspace, seconds);
#      builds base (pristine), patched (kernel/patches/0001..N),
#      bad-or-freeze (patched + kernel/patches/known-bad/or-freeze.patch,
#      compiled into the KUnit test object only) and bad-store-zero (patched +
#      known-bad/store-zero.patch, mm/page_alloc.c), the known-bad ones
#      incrementally from the patched tree, all from kernel/config.fragment;
#      with FULL=1 also bad-split-add (known-bad/split-add.patch,
#      mm/huge_memory.c)
#   3. builds the mm selftests (static) and packs the initramfs
#   4. boots base and patched in qemu (TCG): KUnit at boot (patched), our
#      load programs and stress-ng (patched only: they must pass outright),
#      mm selftests; then both again with HVO on (vm.hugetlb_optimize_vmemmap)
#      and the hugetlb selftests only; then the known-bad kernels with KUnit,
#      load and stress only, each stopped 5 s after its first failure
#   5. judges: any kernel report on the console, a failed KUnit test, a guest
#      that does not reach its end, a test that fails on patched and did not
#      fail on base, a report of patched-hvo that base-hvo did not print; the
#      known-bad kernels must FAIL, each with a reason. Prints one table and
#      "kernel: N passed, N failed".
# Environment: FULL=1 (longer stress, the full selftest set, -smp 4 so the
# migration selftest runs), KERNEL_STRESS=SECS, KERNEL_PATCHES=DIR (a stand-in
# series while developing), KERNEL_SKIP_BAD=1, KERNEL_SMP=N.
set -u
cd "$(dirname "$0")/.."
# the kernel builds are their own makes: nothing from a calling make leaks in
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
KB=build/kernel/h
mkdir -p "$KB/results"
T0=$(date +%s)
PH=$KB/results/phases.tsv
: > "$PH"
say() { echo "kernel-check: $*" >&2; }
phase() { # phase NAME CMD...: runs, times and records one phase
	n=$1; shift
	say "--- $n ($(($(date +%s) - T0)) s into the run)"
	s=$(date +%s)
	"$@"; rc=$?
	printf '%s\t%s\t%s\n' "$n" "$(($(date +%s) - s))" "$rc" >> "$PH"
	say "--- $n: $(($(date +%s) - s)) s, rc $rc"
	return $rc
}
die() { say "FAILED: $*"; echo "kernel: 0 passed, 1 failed"; exit 1; }

FULL=${FULL:-0}
if [ "$FULL" = 1 ]; then
	STRESS=${KERNEL_STRESS:-30}; SELF=full; SMP=${KERNEL_SMP:-4}
else
	STRESS=${KERNEL_STRESS:-10}; SELF=ci; SMP=${KERNEL_SMP:-2}
fi
PATCHDIR=${KERNEL_PATCHES:-kernel/patches}

# ---- 1. packages -------------------------------------------------------------
phase deps sh kernel/deps.sh || die "apt-get"
# the LKMM litmus tests (make kernel-litmus): a failure counts in the verdict, the builds go on
phase litmus sh kernel/litmus/run.sh

series=$(ls "$PATCHDIR"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-')
[ -n "$series" ] || die "no series in $PATCHDIR (0001-*.patch ...)"
bad=$PATCHDIR/known-bad/or-freeze.patch
bad0=$PATCHDIR/known-bad/store-zero.patch
bad_split=$PATCHDIR/known-bad/split-add.patch
say "series: $(echo $series | wc -w) patches from $PATCHDIR; known-bad: $bad"

# ---- 2. kernels ----------------------------------------------------------------
# the series' page_ref.h in userspace, with the v2 fix sequences injected
# between the steps of a put (v1's header must fail them): seconds
phase hdrcheck sh kernel/hdrcheck/run.sh || die "hdrcheck (kernel/hdrcheck)"
# shellcheck disable=SC2086
phase build-base sh kernel/build.sh base || die "base build"
phase build-patched sh kernel/build.sh patched $series || die "patched build"
if [ "${KERNEL_SKIP_BAD:-0}" != 1 ]; then
	[ -f "$bad" ] || die "missing $bad"
	# or-freeze.patch changes page_ref.h, which most of the kernel includes: a
	# near-full rebuild.  It is compiled into the KUnit test object only, where
	# the revived-zero test and the stress test's gets and puts run it.
	phase build-bad env KERNEL_BAD_ONLY=mm/page_ref_kunit.c \
		sh kernel/build.sh bad-or-freeze $series "$bad" || die "known-bad build"
	# the second known-bad kernel: touches mm/page_alloc.c only, so it is
	# built incrementally from the patched tree in a minute or two
	rm -f "$KB/results/bad-store-zero.tsv"
	[ -f "$bad0" ] || die "missing $bad0"
	phase build-bad-zero sh kernel/build.sh bad-store-zero $series "$bad0" || die "known-bad build (store-zero)"
	# the third, FULL=1 only (its build and boot, about 70 s, do not fit
	# CI's hour): the page-cache split's head revived with an add, which
	# KUnit's split test catches; mm/huge_memory.c only
	rm -f "$KB/results/bad-split-add.tsv"
	if [ "$FULL" = 1 ]; then
		[ -f "$bad_split" ] || die "missing $bad_split"
		phase build-bad-split sh kernel/build.sh bad-split-add $series "$bad_split" ||
			die "known-bad build (split-add)"
	fi
fi

# ---- 3. guest userspace --------------------------------------------------------
phase selftests sh kernel/selftests.sh
phase initramfs sh kernel/initramfs.sh "$KB/initramfs.cpio" "$KB/mm-selftests" || die "initramfs"

# ---- 4. boots ------------------------------------------------------------------
# the baseline runs what is flaky on TCG without the series (selftests); in
# FULL=1 it runs the load and the stressors too
BASE_STRESS=0; [ "$FULL" = 1 ] && BASE_STRESS=$STRESS
phase boot-base sh kernel/run.sh base "$KB/initramfs.cpio" "$BASE_STRESS" "$SELF" "$SMP"
phase boot-patched sh kernel/run.sh patched "$KB/initramfs.cpio" "$STRESS" "$SELF" "$SMP"
# HVO on, the hugetlb selftests only (compaction's pfn scanner try-gets the
# struct pages HVO remaps); the baseline prints "Bad page state" reports
# with HVO (kernel/README.md), so patched-hvo is judged against them
HVO_TESTS=hugepage-vmemmap,hugepage-mmap,hugetlb-madvise,compaction_test
for k in base patched; do
	phase "boot-$k-hvo" env KERNEL_IMAGE=$k KERNEL_APPEND="harness.hvo=1 harness.only=$HVO_TESTS" \
		sh kernel/run.sh "$k-hvo" "$KB/initramfs.cpio" 0 full "$SMP"
done
if [ "${KERNEL_SKIP_BAD:-0}" != 1 ]; then
	phase boot-bad env KERNEL_STOP_ON_FAIL=1 sh kernel/run.sh bad-or-freeze "$KB/initramfs.cpio" "$STRESS" none "$SMP"
	# store-zero dies before the console is up (every boot page is a bad
	# page, then mem_init() panics): earlyprintk shows the reports
	phase boot-bad-zero env KERNEL_STOP_ON_FAIL=1 KERNEL_APPEND="earlyprintk=serial,ttyS0" \
		sh kernel/run.sh bad-store-zero "$KB/initramfs.cpio" "$STRESS" none "$SMP"
	[ "$FULL" = 1 ] && phase boot-bad-split env KERNEL_STOP_ON_FAIL=1 \
		sh kernel/run.sh bad-split-add "$KB/initramfs.cpio" "$STRESS" none "$SMP"
fi

# ---- 5. judge -------------------------------------------------------------------
total=$(($(date +%s) - T0))
sh kernel/judge.sh "$total" "${KERNEL_SKIP_BAD:-0}"
