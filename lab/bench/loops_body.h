/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/loops_body.h - the timed loops of the scheme SCHEME (see
 * lab/schemes/each.h), calling its inline operations directly. Included by
 * loops.c once per scheme and once for the floor. No include guard.
 *
 * Loops are noinline and noclone so that each keeps its own symbol and
 * callgrind's client requests count exactly one.
 */
/*
 * contended: the shared object holds one base reference (the page cache's),
 * so every try-get must succeed and no put may be the last.
 */
BENCH_LOOP uint64_t BENCH_FN(contended)(struct bench_ctx *ctx, unsigned int tid)
{
	pageref_t *r = &ctx->shared->ref;
	uint64_t done = 0, errors = 0;

	while (!bench_should_stop(ctx, done)) {
		for (int i = 0; i < BENCH_BATCH; i++)
			errors += !SCHEME_OP(tryget)(r, 1) || SCHEME_OP(put)(r, 1);
		done += BENCH_BATCH;
	}
	ctx->threads[tid].errors = errors;
	return done;
}

/* The free paths through put_last(), and through put(). */
#define BENCH_PUT put_last
#include "free_loop_body.h"
#undef BENCH_PUT
#define BENCH_PUT put
#include "free_loop_body.h"
#undef BENCH_PUT
#define BENCH_PUT put_last
#include "race_loop_body.h"
#undef BENCH_PUT
#define BENCH_PUT put
#include "race_loop_body.h"
#undef BENCH_PUT

#include "pagecache_body.h"
