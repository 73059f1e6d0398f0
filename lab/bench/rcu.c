// SPDX-License-Identifier: MIT
/*
 * The rcu workloads in liburcu's default build, and their set-up: here
 * rcu_read_lock() and rcu_read_unlock() are calls into liburcu, as in any
 * program that does not define _LGPL_SOURCE (bench.mk defines it for
 * lab/bench/: not for this unit). rcu_lgpl.c has the same loops inlined.
 */
#undef _LGPL_SOURCE

#include <stdlib.h>
#include <string.h>

#define BENCH_RCU_BUILD	default
#include "rcu_loops.h"

int bench_rcu_setup(struct bench_ctx *ctx)
{
	struct bench_rcu *rcu = aligned_alloc(64, sizeof(*rcu));

	if (!rcu) {
		fprintf(stderr, "pageref-bench: out of memory\n");
		return -1;
	}
	memset(rcu, 0, sizeof(*rcu));
	pageref_init(&rcu->entry.ref, 1);	/* the owner's reference */
	urcu_ref_set(&rcu->entry.uref, 1);
	rcu->entry.data = BENCH_RCU_DATA;
	rcu_assign_pointer(rcu->slot, &rcu->entry);
	ctx->rcu = rcu;
	return 0;
}

void bench_rcu_teardown(struct bench_ctx *ctx)
{
	/* The workers are joined and unregistered: no reader is left. */
	free(ctx->rcu);
	ctx->rcu = NULL;
}

void bench_rcu_register(void)
{
	rcu_register_thread();
}

void bench_rcu_unregister(void)
{
	rcu_unregister_thread();
}
