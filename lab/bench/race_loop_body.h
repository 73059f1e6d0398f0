/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/race_loop_body.h - the free-path-race loop of SCHEME through its put entry point
 * BENCH_PUT (put_last or put). Included by loops_body.h. No include guard.
 */

/*
 * free-path-race: two threads each own one reference to every page and
 * drop it; the one whose put is last frees the page and allocates it again
 * with two references, then opens the page's next round. A thread never
 * puts a page before its round opened, so each round has exactly one
 * last put; a second "last" or none shows up in @errors as a stall
 * (the other thread waits) or a count.
 */
BENCH_LOOP uint64_t BENCH_PUT_FN(race)(struct bench_ctx *ctx, unsigned int tid)
{
	struct bench_page *pages = ctx->pages;
	uint64_t done = 0, errors = 0;
	uint32_t round = 0;

	while (!bench_should_stop(ctx, done)) {
		for (int i = 0; i < BENCH_RACE_PAGES; i++) {
			struct bench_page *p = &pages[i];

			if (!bench_page_wait_round(ctx, p, round))
				goto out;
			if (SCHEME_OP(BENCH_PUT)(&p->ref, 1)) {
				SCHEME_OP(init)(&p->ref, 2);
				errors += bench_page_open_round(p, round);
			}
		}
		done += BENCH_RACE_PAGES;
		round++;
	}
out:
	ctx->threads[tid].errors = errors;
	return done;
}
