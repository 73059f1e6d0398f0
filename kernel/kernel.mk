# kernel/: the series in a real kernel (see kernel/README.md).
#   make kernel-check        build base, patched and known-bad kernels, boot them in
#                            qemu (TCG), KUnit + load + stress-ng + mm selftests (< 60 min)
#   make kernel-check FULL=1 longer stress, the full selftest set, -smp 4
#   make kernel-checkpatch   apply the series to a clean tree, checkpatch --strict (~1 min)
.PHONY: kernel-check kernel-checkpatch kernel-judge
kernel-check:
	FULL=$(FULL) sh kernel/check.sh
kernel-checkpatch:
	sh kernel/checkpatch.sh
kernel-judge:
	sh kernel/judge.sh
