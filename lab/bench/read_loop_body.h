/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/read_loop_body.h - one page-cache reader loop of SCHEME, named
 * bench_<BENCH_READ>_<scheme>: each read goes to page 0, or with
 * BENCH_PICK_HOT to a random page of the hot set; with BENCH_REPLACES the
 * thread replaces one page of the hot set after every batch (churn).
 * Included by pagecache_body.h, which defines the three; undefines them.
 * No include guard.
 */
BENCH_LOOP uint64_t BENCH_FN_OF(BENCH_READ)(struct bench_ctx *ctx, unsigned int tid)
{
	struct bench_cache *c = ctx->cache;
	uint64_t seed = ctx->threads[tid].seed, done = 0, errors = 0;
	uint64_t buf[8];

	while (!bench_should_stop(ctx, done)) {
		for (int i = 0; i < BENCH_BATCH; i++)
			errors += BENCH_FN(pread)(c, BENCH_PICK_HOT ? lab_xorshift64(&seed) % c->nr_hot : 0,
						  buf);
		if (BENCH_REPLACES)
			errors += BENCH_FN(replace)(c, lab_xorshift64(&seed) % c->nr_hot);
		done += BENCH_BATCH;
	}
	ctx->threads[tid].errors = errors;
	return done;
}

#undef BENCH_READ
#undef BENCH_PICK_HOT
#undef BENCH_REPLACES
