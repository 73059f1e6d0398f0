#!/bin/sh
# The pread-64B comparison, baseline against patched, under KVM: each kernel
# boots REPS times (alternating), and each boot runs preadbench at 1, 2, 4,
# 8 and 16 threads on as many vCPUs. Prints one TSV row per measurement:
#   kernel rep threads ns_per_read reads
# Usage: sh kernel/kvm/run.sh QEMU [REPS] [SECS] [VCPUS]
# QEMU is the qemu-system-x86_64 to run. Needs a working /dev/kvm: timings
# from TCG would measure the emulator, and this script refuses to run there.
set -u
qemu=$1 reps=${2:-3} secs=${3:-2} vcpus=${4:-16}
K=$(dirname "$0")/../../build/kernel/kvm
[ -w /dev/kvm ] || { echo "kvm-run: no usable /dev/kvm: not measuring under TCG" >&2; exit 1; }
printf 'kernel\trep\tthreads\tns_per_read\treads\n'
for rep in $(seq 1 "$reps"); do
	for k in base patched; do
		log=$(mktemp)
		timeout 300 "$qemu" -accel kvm -cpu host -smp "$vcpus" -m 1G -nographic -no-reboot \
			-nodefaults -serial stdio -vga none -kernel "$K/$k.bzImage" -initrd "$K/perf.cpio" \
			-append "console=ttyS0 quiet panic=-1 perf.secs=$secs" < /dev/null > "$log" 2>&1
		grep -q '^@@P done' "$log" || { echo "kvm-run: $k rep $rep did not finish:" >&2; tail -20 "$log" >&2; rm -f "$log"; exit 1; }
		tr -d '\r' < "$log" | sed -n "s/^@@P preadbench threads=\([0-9]*\) secs=[0-9.]* reads=\([0-9]*\) ns_per_read=\([0-9.]*\)$/$k\t$rep\t\1\t\3\t\2/p"
		rm -f "$log"
	done
done
