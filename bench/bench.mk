# SPDX-License-Identifier: MIT
# bench/: pageref-bench (./build/pageref bench) and pageref-report
# (./build/pageref report), both in the rel variant: -O2 -DNDEBUG, plain
# atomics, no hooks. The pagecache workloads run on the simulation's page
# cache (sim/pagecache.c, liburcu). -Ibench: schemes/each.h includes the
# loop bodies of bench/ by name.

BENCH_SRCS	:= bench/loops.c bench/harness.c bench/run.c bench/callgrind.c \
		   bench/pagecache.c sim/pagecache.c
BENCH_LIBS	:= -lpthread -lurcu-cds -lurcu
$(B)/rel/bench/%.o: CPPFLAGS_rel += -D_LGPL_SOURCE -Isim -Ibench
BENCH_OBJS	:= $(call objs,rel,$(BENCH_SRCS) $(REGISTRY_SRCS) $(LAB_SRCS)) $(B)/rel/libpageref.a

all: $(B)/pageref-bench $(B)/pageref-report

$(B)/pageref-bench: $(call objs,rel,bench/main.c) $(BENCH_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(BENCH_LIBS)

$(B)/pageref-report: $(call objs,rel,bench/report.c) $(BENCH_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(BENCH_LIBS)

.PHONY: bench report check-bench
bench: all
	$(B)/pageref bench

report: all
	$(B)/pageref report

# The harness runs and prints every correct scheme on every workload; no timing.
check-bench: all
	sh bench/smoke.sh $(B)

CHECK_TARGETS	+= check-bench
