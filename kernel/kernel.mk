# kernel/: the series in a real kernel (see kernel/README.md).
#   make kernel-check        build base, patched and known-bad kernels, boot them in
#                            qemu (TCG), KUnit + load + stress-ng + mm selftests (< 60 min)
#   make kernel-check FULL=1 longer stress, the full selftest set, -smp 4
#   make kernel-checkpatch   apply the series to a clean tree, checkpatch --strict (~1 min)
#   make kernel-litmus       the series' ordering under the LKMM: herd7 on the kernel's own
#                            litmus tests, then kernel/litmus/*.litmus (< 1 min once herd7 is built)
.PHONY: kernel-check kernel-checkpatch kernel-judge kernel-litmus
kernel-check:
	FULL=$(FULL) sh kernel/check.sh
kernel-checkpatch:
	sh kernel/checkpatch.sh
kernel-judge:
	sh kernel/judge.sh
kernel-litmus:
	sh kernel/litmus/run.sh
