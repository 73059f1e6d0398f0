#!/bin/sh
# make kernel-check: the series (kernel/v3) in a real kernel, its base
# (kernel/base.env) beside it.
#   1. installs what it needs (apt-get); kernel/source.sh fetches and
#      extracts the base once; runs the LKMM litmus tests (make kernel-litmus)
#   2. builds base (pristine) and patched (the series), then each known-bad
#      kernel (kernel/v3/known-bad/*.patch that say "Caught by: make kernel-check"),
#      in one tree copied from the patched one, each rebuilding only what its
#      patch touches (a header-only one: only the KUnit test object), all
#      from kernel/config.fragment
#   3. builds the mm selftests (static) and packs the initramfs
#   4. boots base and patched in qemu (TCG): KUnit at boot (patched), our
#      load programs and stress-ng (patched only: they must pass outright),
#      mm selftests; then both again with HVO on (vm.hugetlb_optimize_vmemmap)
#      and the hugetlb selftests only; then the known-bad kernels with KUnit
#      only, each stopped 5 s after its first failure
#   5. builds each state of the series, patches 1..i for every i, in a
#      lighter configuration (kernel/each.fragment): each must compile
#   6. judges: any kernel report on the console, a failed KUnit test, a guest
#      that does not reach its end, a test that fails on patched and did not
#      fail on base, a report of patched-hvo that base-hvo did not print; the
#      known-bad kernels must FAIL, each with a reason. Prints one table and
#      "kernel: N passed, N failed".
# Environment: FULL=1 (longer stress, the full selftest set, -smp 4 so the
# migration selftest runs), KERNEL_STRESS=SECS, KERNEL_PATCHES=DIR (another
# series), KERNEL_SKIP_BAD=1, KERNEL_SKIP_EACH=1 (the patched kernel only, not
# each patch's state first), KERNEL_SMP=N.
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
	# (its own names: a shell function shares the script's variables)
	phase_name=$1; shift
	say "--- $phase_name ($(($(date +%s) - T0)) s into the run)"
	phase_start=$(date +%s)
	"$@"; phase_rc=$?
	printf '%s\t%s\t%s\n' "$phase_name" "$(($(date +%s) - phase_start))" "$phase_rc" >> "$PH"
	say "--- $phase_name: $(($(date +%s) - phase_start)) s, rc $phase_rc"
	return $phase_rc
}
die() { say "FAILED: $*"; echo "kernel: 0 passed, 1 failed"; exit 1; }

FULL=${FULL:-0}
if [ "$FULL" = 1 ]; then
	STRESS=${KERNEL_STRESS:-30}; SELF=full; SMP=${KERNEL_SMP:-4}
else
	STRESS=${KERNEL_STRESS:-10}; SELF=ci; SMP=${KERNEL_SMP:-2}
fi
PATCHDIR=${KERNEL_PATCHES:-kernel/v3}

# ---- 1. packages -------------------------------------------------------------
phase deps sh kernel/deps.sh || die "apt-get"
phase source sh -c 'sh kernel/source.sh > /dev/null' || die "the base's source (kernel/source.sh)"
# the LKMM litmus tests (make kernel-litmus): a failure counts in the verdict, the builds go on
phase litmus sh kernel/litmus/run.sh

series=$(ls "$PATCHDIR"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-')
[ -n "$series" ] || die "no series in $PATCHDIR (0001-*.patch ...)"
# the known-bad kernels: each patch of $PATCHDIR/known-bad/ whose header says
# "Caught by: ... make kernel-check", as "NAME PATCH ONLY": ONLY is the one
# source rebuilt with a patch that changes only page_ref.h (the KUnit test
# object), "-" for another (all it touches is rebuilt)
BADS=$(for p in "$PATCHDIR"/known-bad/*.patch; do
	grep -q '^Caught by:.*make kernel-check' "$p" || continue
	only=-
	[ "$(sed -n 's,^+++ b/\([^	 ]*\).*,\1,p' "$p")" = include/linux/page_ref.h ] &&
		only=mm/tests/page_ref_kunit.c
	echo "$(basename "$p" .patch) $p $only"
done)
say "series: $(echo $series | wc -w) patches from $PATCHDIR"
# the judge's list of the known-bad kernels: one that has no results is NOT CAUGHT
echo "$BADS" | awk 'NF { print "bad-" $1 }' > "$KB/results/bads.list"

# ---- 2. kernels ----------------------------------------------------------------
phase build-base sh kernel/build.sh base || die "base build"
# shellcheck disable=SC2086
phase build-patched sh kernel/build.sh patched $series || die "patched build"
if [ "${KERNEL_SKIP_BAD:-0}" != 1 ]; then
	rm -f "$KB"/results/bad-*.tsv
	echo "$BADS" | while read -r name patch only; do
		[ "$only" = - ] && only=
		# shellcheck disable=SC2086
		phase "build-bad-$name" env KERNEL_BAD_ONLY="$only" \
			sh kernel/build.sh "bad-$name" $series "$patch" < /dev/null || exit 1
	done || die "known-bad build"
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
# struct pages HVO remaps, the soft-offline test dissolves HugeTLB folios);
# patched-hvo's reports are judged against base-hvo's
HVO_TESTS=hugetlb-mmap,hugetlb-madvise,hugetlb-soft-offline,compaction_test
for k in base patched; do
	phase "boot-$k-hvo" env KERNEL_IMAGE=$k KERNEL_APPEND="harness.hvo=1 harness.only=$HVO_TESTS" \
		sh kernel/run.sh "$k-hvo" "$KB/initramfs.cpio" 0 full "$SMP"
done
if [ "${KERNEL_SKIP_BAD:-0}" != 1 ]; then
	echo "$BADS" | while read -r name patch only; do
		phase "boot-bad-$name" env KERNEL_STOP_ON_FAIL=1 \
			sh kernel/run.sh "bad-$name" "$KB/initramfs.cpio" 0 none "$SMP" < /dev/null
	done
fi

# ---- 5. each state of the series builds ------------------------------------
# patches 1..i for every i, in the tree "each" (each.fragment: no KASAN, no
# lockdep; virtio-mem, P2PDMA and the kexec handover, which the series also
# touches), one state after the other; skipped when this series already
# built them (a stamp holds its hash), or with KERNEL_SKIP_EACH=1
stamp=$KB/each.ok
sum=$(cat $series | sha256sum | cut -c1-16)
npatches=$(echo $series | wc -w)
if [ "${KERNEL_SKIP_EACH:-0}" = 1 ]; then
	say "each patch's state: skipped (KERNEL_SKIP_EACH=1)"
elif [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ]; then
	say "each patch's state: built for this series already ($stamp)"
else
	# each state is one check of the judge (phases.tsv); the first that
	# does not build ends the loop
	i=1
	while [ "$i" -le "$npatches" ]; do
		# shellcheck disable=SC2086
		phase "build-each-$i" sh kernel/build.sh each $(echo $series | cut -d' ' -f1-$i) ||
			{ say "patches 1..$i do not build (log: $KB/img/each.build.log)"; break; }
		i=$((i + 1))
	done
	[ "$i" -gt "$npatches" ] && echo "$sum" > "$stamp"
fi

# ---- 6. judge -------------------------------------------------------------------
total=$(($(date +%s) - T0))
sh kernel/judge.sh "$total" "${KERNEL_SKIP_BAD:-0}"
