# kernel/: the series in a real kernel (see kernel/README.md).
#   make kernel-check        build base, patched and known-bad kernels, boot them in
#                            qemu (TCG), KUnit + load + stress-ng + mm selftests, then
#                            build each state of the series (kernel/README.md)
#   make kernel-check FULL=1 longer stress, the full selftest set, -smp 4
#   make kernel-checkpatch   apply the series to a clean tree, checkpatch --strict (seconds)
#   make kernel-litmus       the series' ordering under the LKMM: herd7 on the kernel's own
#                            litmus tests, then kernel/litmus/*.litmus (< 1 min once herd7 is built)
#   make kernel-bench        the series timed inside the kernel under UML SMP against the base
#                            (kernel/bench/README.md; QUICK=1 for a short run); not in CI
#   make kernel-kunit        series v3's KUnit suite under UML SMP, then its known-bad variants
.PHONY: kernel-check kernel-checkpatch kernel-judge kernel-litmus kernel-bench kernel-kunit
kernel-check:
	FULL=$(FULL) sh kernel/check.sh
kernel-checkpatch:
	sh kernel/checkpatch.sh
kernel-judge:
	sh kernel/judge.sh
kernel-litmus:
	sh kernel/litmus/run.sh
kernel-bench:
	QUICK=$(QUICK) REPS=$(REPS) MS=$(MS) CPUS=$(CPUS) BENCH_VARIANTS="$(BENCH_VARIANTS)" sh kernel/bench/run.sh
kernel-kunit:
	sh kernel/kunit/run.sh
