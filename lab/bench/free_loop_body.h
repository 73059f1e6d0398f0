/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/free_loop_body.h - the free-path loop of SCHEME through its put entry point
 * BENCH_PUT (put_last or put). Included by loops_body.h. No include guard.
 */

/*
 * free-path: the munmap of single-owner anonymous pages. Each page is
 * allocated (set_page_refcounted(): init to 1) and freed by its only
 * owner's put, which must report it last.
 */
BENCH_LOOP uint64_t BENCH_PUT_FN(free)(struct bench_ctx *ctx, unsigned int tid)
{
	struct bench_page *pages = ctx->pages;
	uint64_t done = 0, errors = 0;

	while (!bench_should_stop(ctx, done)) {
		for (int i = 0; i < BENCH_FREE_PAGES; i++) {
			SCHEME_OP(init)(&pages[i].ref, 1);
			errors += !SCHEME_OP(BENCH_PUT)(&pages[i].ref, 1);
		}
		done += BENCH_FREE_PAGES;
	}
	ctx->threads[tid].errors = errors;
	return done;
}
