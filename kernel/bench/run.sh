#!/bin/sh
# make kernel-bench: the page refcount paths timed inside the kernel, natively,
# under user-mode Linux with SMP (kernel/bench/README.md).
#
# Builds one UML kernel per variant from the same pristine source
# (kernel/source.sh) and the same config, each with kernel/bench/pageref_bench.c
# built in; boots them in turn (ABAB...), REPS times, with ncpus=CPUS; writes
# every measurement as JSON lines to build/kernel/bench/runs.jsonl and the
# table (kernel/bench/table.py) to the terminal and report/kernel-bench.{json,md}.
#
#   sh kernel/bench/run.sh [--help]
#   environment: QUICK=1 (3 repetitions of 150 ms), REPS, MS, CPUS (default:
#     the host's CPUs), WORKLOADS (comma list), BENCH_VARIANTS (default
#     "base series put-cas"; put-window on request),
#     KERNEL_BENCH_SERIES (the series directory, default kernel/v3)
#
# Variants: base (pristine), series (KERNEL_BENCH_SERIES/NNNN-*.patch but
# the cover letter), and the
# candidate puts, each the series plus one patch: put-window (v2's put, the
# series' known-bad/put-window.patch) and put-cas (kernel/bench/put-cas.patch,
# a put without a window).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/kernel/bench
tool=kernel-bench
series=${KERNEL_BENCH_SERIES:-$root/kernel/v3}
. "$root/kernel/lib.sh"
options "$@"

if [ -n "${QUICK:-}" ]; then
	reps=${REPS:-3} ms=${MS:-150}
else
	reps=${REPS:-7} ms=${MS:-300}
fi
cpus=${CPUS:-$(nproc)}
workloads=${WORKLOADS:-get-put,tryget-put,read-64,free-page,free-folio,free-batch}
out=$root/build/kernel/bench
mkdir -p "$out" "$root/report"

pristine=$(sh "$root/kernel/source.sh")
. "$root/kernel/base.env"
series_patches >/dev/null 2>&1 || die "no series in $series"
# put-window compiles to series' instructions without PREEMPT_RCU (the
# bench config): it is built only when named.
# BENCH_VARIANTS, not VARIANTS: make's own VARIANTS (the lab's builds) would
# reach this script through make kernel-bench's environment
variants=${BENCH_VARIANTS:-base series put-cas}
for v in $variants; do
	case $v in
	base | series | put-window | put-cas) ;;
	*) die "unknown variant $v (base, series, put-window, put-cas)" ;;
	esac
done

patches_of() {
	case $1 in
	base) ;;
	series) series_patches ;;
	put-window) series_patches; echo "$series/known-bad/put-window.patch" ;;
	put-cas) series_patches; echo "$here/put-cas.patch" ;;
	*) die "unknown variant $1 (base, series, put-window, put-cas)" ;;
	esac
}

# One kernel: a copy of the pristine tree, its patches, the benchmark file,
# the shared config; make's own dependency tracking rebuilds only what changed.
build() {
	name=$1 tree=$out/$1
	stamp=$out/$1.patches
	want=$(for p in $(patches_of "$name") "$here/config"; do cksum < "$p"; done)
	if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
		rm -rf "$tree"
		if [ "$name" != base ] && [ -f "$out/base/linux" ]; then
			say "$name: tree copied from base's, objects included"
			cp -a "$out/base" "$tree"
		else
			say "$name: fresh tree from $(basename "$pristine")"
			cp -a "$pristine" "$tree"
			rm -f "$tree/.pageref-pristine"
		fi
		for p in $(patches_of "$name"); do
			patch -d "$tree" -p1 -s --no-backup-if-mismatch < "$p" ||
				die "$(basename "$p") does not apply to $(basename "$pristine") $(make -s -C "$pristine" kernelversion): the series was made on $KERNEL_BASE_TESTED (kernel/base.env)"
		done
		grep -q pageref_bench "$tree/mm/Makefile" ||
			echo 'obj-y += pageref_bench.o' >> "$tree/mm/Makefile"
		make -s -C "$tree" ARCH=um defconfig >/dev/null
		"$tree/scripts/config" --file "$tree/.config" $(grep -v '^#' "$here/config")
		make -s -C "$tree" ARCH=um olddefconfig >/dev/null
		echo "$want" > "$stamp"
	fi
	cmp -s "$here/pageref_bench.c" "$tree/mm/pageref_bench.c" ||
		cp "$here/pageref_bench.c" "$tree/mm/pageref_bench.c"
	t0=$(date +%s)
	say "$name: make ARCH=um linux (log $out/$name.build.log)"
	make -C "$tree" ARCH=um -j"$(nproc)" linux > "$out/$name.build.log" 2>&1 ||
		{ tail -n 30 "$out/$name.build.log" >&2; die "$name: build failed"; }
	say "$name: built in $(($(date +%s) - t0)) s"
}

for v in $variants; do
	build "$v"
done

# The builds differ only by the series: the same .config but for options the
# series adds (its test's Kconfig symbol).
for v in $variants; do
	[ "$v" = base ] && continue
	extra=$(diff "$out/base/.config" "$out/$v/.config" | grep '^[<>] CONFIG_' || true)
	[ -z "$extra" ] || die "$v's .config differs from base's: $extra"
done

# What each loop executes: the locked instructions of the refcount paths.
python3 "$here/table.py" disasm "$out" $variants > "$out/disasm.json" ||
	die "objdump of the bench kernels failed"

: > "$out/runs.jsonl"
rep=1
while [ "$rep" -le "$reps" ]; do
	for v in $variants; do
		say "repetition $rep/$reps: $v, ncpus=$cpus, $ms ms per measurement"
		log=$out/$v.boot.$rep.log
		timeout 600 "$out/$v/linux" mem=512M ncpus="$cpus" seccomp=on \
			con=null con0=fd:0,fd:1 pageref_bench.run=1 pageref_bench.ms="$ms" \
			pageref_bench.workloads="$workloads" < /dev/null > "$log" 2>&1 || true
		grep -q 'PRBENCH {"end"' "$log" ||
			{ tail -n 20 "$log" >&2; die "$v did not finish its run (log $log)"; }
		sed -n 's/.*PRBENCH {"workload"/{"workload"/p' "$log" | tr -d '\r' |
			sed "s/^{/{\"variant\":\"$v\",\"rep\":$rep,/" >> "$out/runs.jsonl"
	done
	rep=$((rep + 1))
done
python3 "$here/table.py" table "$out" "$root/report" "$cpus" "$(nproc)" $variants
