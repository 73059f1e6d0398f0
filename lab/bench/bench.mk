# SPDX-License-Identifier: MIT
# lab/bench/: pageref-bench (./build/pageref bench) and pageref-report
# (./build/pageref report), both in the rel variant: -O2 -DNDEBUG, plain
# atomics, no hooks. The pagecache workloads run on the simulation's page
# cache (lab/sim/pagecache.c, liburcu). -Ilab/bench: lab/schemes/each.h includes the
# loop bodies of lab/bench/ by name.

BENCH_SRCS	:= lab/bench/loops.c lab/bench/rcu.c lab/bench/rcu_lgpl.c lab/bench/harness.c lab/bench/run.c lab/bench/callgrind.c \
		   lab/bench/pagecache.c lab/sim/pagecache.c \
		   lab/kernel/bench_kernel.c lab/kernel/bench_kernel_base.c lab/kernel/bench_kernel_or_freeze.c \
		   lab/kernel/bench_kernel_ceiling.c lab/kernel/bench_kernel_noprecheck.c lab/kernel/bench_kernel_mbfreeze.c
BENCH_LIBS	:= -lpthread -lurcu-cds -lurcu
$(B)/rel/lab/bench/%.o: CPPFLAGS_rel += -D_LGPL_SOURCE -Ilab/sim -Ilab/bench
BENCH_OBJS	:= $(call objs,rel,$(BENCH_SRCS) $(REGISTRY_SRCS) $(LAB_SRCS)) $(B)/rel/libpageref.a

all: $(B)/pageref-bench $(B)/pageref-report

$(B)/pageref-bench: $(call objs,rel,lab/bench/main.c) $(BENCH_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(BENCH_LIBS)

$(B)/pageref-report: $(call objs,rel,lab/bench/report.c) $(BENCH_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(BENCH_LIBS)

.PHONY: bench report check-bench check-report
bench: all
	$(B)/pageref bench

report: all
	$(B)/pageref report

# The harness runs and prints every correct scheme on every workload; no timing.
check-bench: all
	sh lab/bench/smoke.sh $(B)

# The main job's quick form runs to the end and its report's verdict passes
# (tests/report_quick.sh): about 1 min on 2 quiet cores, more under load.
check-report: all
	sh tests/report_quick.sh $(B)

CHECK_TARGETS	+= check-bench check-report
