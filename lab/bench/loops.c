// SPDX-License-Identifier: MIT
/*
 * The timed loops: one per (workload, scheme), instantiated from
 * loops_body.h once per scheme (lab/schemes/each.h), so that each loop inlines
 * its scheme's operations (pageref_v1_tryget(), ...) with no indirection
 * inside the loop, and the rows that point at them (rows_body.h). The
 * floor is a pseudo-scheme: a plain counter with no frozen state, whose
 * try-get is one unconditional fetch-add; no correct shared counter can do
 * less.
 */
#include "all.h"
#include "bench.h"
#include "objects.h"

/* static here; lab/kernel/bench_body.h defines the kernel schemes' loops extern */
#define BENCH_LOOP		static __attribute__((noinline, noclone))
/* bench_contended_pageref_v1, bench_free_put_pageref_v1, ... */
#define BENCH_FN(name)		PAGEREF_PASTE(bench_##name, SCHEME)
#define BENCH_FN_OF(name)	PAGEREF_PASTE(PAGEREF_PASTE(bench, name), SCHEME)
#define BENCH_PUT_FN(name)	PAGEREF_PASTE(PAGEREF_PASTE(bench_##name, BENCH_PUT), SCHEME)

/* The floor: what a counter without any frozen state costs. */
static inline bool bench_floor_tryget(pageref_t *r, uint32_t nr)
{
	/* acquire: as a try-get; pairs with the release of upstream's put */
	pageref_atomic_fetch_add(r, nr, memory_order_acquire);
	return true;
}

/* Its init and put are today's: a store, and atomic_sub_and_test(). */
#define bench_floor_init	pageref_upstream_init
#define bench_floor_put		pageref_upstream_put
#define bench_floor_put_last	bench_floor_put

#define SCHEME_BODY "loops_body.h"
#define SCHEME_BODY_KERNEL "../kernel/loops_decl.h"
#include "each.h"
#undef SCHEME_BODY_KERNEL
#define KPROBE_DECLS
#include "../kernel/probes.h"
#undef KPROBE_DECLS
#include "floor.h"
#undef SCHEME_BODY

const struct bench_row bench_rows[] = {
#define SCHEME_BODY "rows_body.h"
#include "each.h"
#include "../kernel/probes.h"
#include "floor.h"
#undef SCHEME_BODY
	/* The rcu workloads only (rcu.c, rcu_lgpl.c): liburcu's counter, the
	 * baseline, and pageref's RCU path (<pageref/urcu.h>). */
	{
		.name = "urcu_ref", .scheme = "urcu_ref", .entry = "urcu_ref_put",
		.init = pageref_init,
		.loop = {
			[BENCH_RCU] = bench_rcu_own_urcu_ref_default,
			[BENCH_RCU_LGPL] = bench_rcu_own_urcu_ref_lgpl,
			[BENCH_RCU_COVER] = bench_rcu_cover_urcu_ref_default,
			[BENCH_RCU_COVER_LGPL] = bench_rcu_cover_urcu_ref_lgpl,
		},
	},
	{
		.name = "pageref/rcu", .scheme = "pageref", .entry = "pageref_rcu_put",
		.init = pageref_init,
		.loop = {
			[BENCH_RCU] = bench_rcu_own_pageref_default,
			[BENCH_RCU_LGPL] = bench_rcu_own_pageref_lgpl,
			[BENCH_RCU_COVER] = bench_rcu_cover_pageref_default,
			[BENCH_RCU_COVER_LGPL] = bench_rcu_cover_pageref_lgpl,
		},
	},
};

const size_t bench_nr_rows = sizeof(bench_rows) / sizeof(bench_rows[0]);
