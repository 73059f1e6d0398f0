#!/bin/sh
# The pread-64B comparison, baseline against patched, under KVM. For each
# repetition and each vCPU count (1, 2, 4, 8, 16), each kernel boots once
# (alternating) and runs preadbench with one thread per vCPU. Prints one TSV
# row per boot:  kernel rep vcpus ns_per_read reads
# Usage: sh kernel/kvm/run.sh QEMU [REPS] [SECS]
# QEMU is the qemu-system-x86_64 to run. Needs a working /dev/kvm: under TCG
# the figures would measure the emulator, so this script refuses to run there.
set -u
qemu=$1 reps=${2:-3} secs=${3:-2}
K=$(dirname "$0")/../../build/kernel/kvm
[ -w /dev/kvm ] || { echo "kvm-run: no usable /dev/kvm: not measuring under TCG" >&2; exit 1; }
printf 'kernel\trep\tvcpus\tns_per_read\treads\n'
for rep in $(seq 1 "$reps"); do
	for vcpus in 1 2 4 8 16; do
		for k in base patched; do
			log=$(mktemp)
			timeout 120 "$qemu" -accel kvm -cpu host -smp "$vcpus" -m 1G -nographic \
				-no-reboot -nodefaults -serial stdio -vga none -kernel "$K/$k.bzImage" \
				-initrd "$K/perf.cpio" \
				-append "console=ttyS0 quiet panic=-1 perf.one perf.secs=$secs" \
				< /dev/null > "$log" 2>&1
			if ! grep -q '^@@P done' "$log"; then
				echo "kvm-run: $k, $vcpus vCPUs, rep $rep did not finish:" >&2
				tail -20 "$log" >&2
				rm -f "$log"
				exit 1
			fi
			tr -d '\r' < "$log" | sed -n "s/^@@P preadbench threads=\([0-9]*\) secs=[0-9.]* reads=\([0-9]*\) ns_per_read=\([0-9.]*\)$/$k\t$rep\t\1\t\3\t\2/p"
			rm -f "$log"
		done
	done
	echo "kvm-run: repetition $rep of $reps done" >&2
done
