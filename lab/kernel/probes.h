/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/probes.h - timing probes of the kernel scheme: the series'
 * header with one lab-only change each (lab/kernel/probes/NAME.patch, applied
 * on top of $(KERNEL_PATCHES) by lab/kernel/kernel.mk), timed as rows of the
 * scheme kernel (pageref bench --scheme kernel prints them beside it):
 *   kernel-noprecheck  page_ref_add_unless_zero() without its read of the count:
 *                      the fetch-add alone whenever nr <= 128 (what the read
 *                      costs; wrong on a count of 0, a frozen one and a high
 *                      one: a probe only)
 *   kernel-mbfreeze    page_ref_freeze_zero()'s cmpxchg fully ordered instead of
 *                      acquire (what series v1 did; v2 and v3 are acquire)
 * Series v3 has no put_last(): each probe is one row, through put.
 * Not in the scheme table: they are never checked or tortured. Included by
 * lab/bench/loops.c twice: KPROBE_DECLS for the loops' declarations, then
 * inside the rows' initializer.
 */
#ifdef KPROBE_DECLS
#define SCHEME	pageref_kernel_noprecheck
#include "loops_decl.h"
#undef SCHEME
#define SCHEME	pageref_kernel_mbfreeze
#include "loops_decl.h"
#undef SCHEME
#else
#define KPROBE_ROWS(prefix, row)							\
{											\
	.name = row, .scheme = "kernel", .entry = "put",				\
	.init = pageref_kernel_init,	/* set_page_count(): the same in every variant */ \
	.loop = {									\
		[BENCH_CONTENDED] = bench_contended_##prefix,				\
		[BENCH_FREE_PATH] = bench_free_put_last_##prefix,			\
		[BENCH_FREE_RACE] = bench_race_put_last_##prefix,			\
		[BENCH_PAGECACHE_READ] = bench_pcread_##prefix,				\
		[BENCH_PAGECACHE_SET] = bench_pcset_##prefix,				\
		[BENCH_CHURN] = bench_churn_##prefix,					\
	},										\
},
KPROBE_ROWS(pageref_kernel_noprecheck, "kernel-noprecheck")
KPROBE_ROWS(pageref_kernel_mbfreeze, "kernel-mbfreeze")
#undef KPROBE_ROWS
#endif
