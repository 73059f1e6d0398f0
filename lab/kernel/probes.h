/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/probes.h - timing probes of the kernel scheme: the series'
 * header with one lab-only change each (lab/kernel/probes/NAME.patch, applied
 * on top of $(KERNEL_PATCHES) by lab/kernel/kernel.mk), timed as rows of the
 * scheme kernel (pageref bench --scheme kernel prints them beside it):
 *   kernel-noprecheck  page_ref_add_unless_frozen() without page_count_writable()'s
 *                      load: the fetch-add alone (what the pre-check costs;
 *                      wrong with HVO and without the ceiling: a probe only)
 *   kernel-mbfreeze    page_ref_freeze_zero()'s cmpxchg fully ordered instead of
 *                      acquire (what series v1 did; v2 is acquire)
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
	.name = row, .scheme = "kernel", .entry = "put_last",				\
	.init = pageref_kernel_init,	/* set_page_count(): the same in every variant */ \
	.loop = {									\
		[BENCH_CONTENDED] = bench_contended_##prefix,				\
		[BENCH_FREE_PATH] = bench_free_put_last_##prefix,			\
		[BENCH_FREE_RACE] = bench_race_put_last_##prefix,			\
		[BENCH_PAGECACHE_READ] = bench_pcread_##prefix,				\
		[BENCH_PAGECACHE_SET] = bench_pcset_##prefix,				\
		[BENCH_CHURN] = bench_churn_##prefix,					\
	},										\
},											\
{											\
	.name = row "/put", .scheme = "kernel", .entry = "put",				\
	.init = pageref_kernel_init,							\
	.loop = {									\
		[BENCH_FREE_PATH] = bench_free_put_##prefix,				\
		[BENCH_FREE_RACE] = bench_race_put_##prefix,				\
	},										\
},
KPROBE_ROWS(pageref_kernel_noprecheck, "kernel-noprecheck")
KPROBE_ROWS(pageref_kernel_mbfreeze, "kernel-mbfreeze")
#undef KPROBE_ROWS
#endif
