/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/rows_body.h - the rows of bench_rows[] for SCHEME, included inside
 * the table's initializer (loops.c). The scheme through its free-path entry
 * point (put_last, which is put for schemes without PAGEREF_SCHEME_PUT_LAST),
 * then a second row that frees with put, named only for schemes with a
 * distinct put_last. Known-bad schemes' rows have no name: they exist to be
 * caught, not timed; bench_for_each_row() skips nameless rows. The nameless
 * rows keep every loop compiled: gcc's unit-wide inlining budget (urcu's
 * read unlock, bench_should_stop()) then decides as it did when the
 * figures were measured. No include guard.
 */
{
	.name = SCHEME_FLAGS & PAGEREF_SCHEME_BAD ? NULL : SCHEME_NAME, .scheme = SCHEME_NAME,
	.entry = SCHEME_FLAGS & PAGEREF_SCHEME_PUT_LAST ? "put_last" : "put",
	.init = SCHEME_OP(init),
	.loop = {
		[BENCH_CONTENDED] = BENCH_FN(contended),
		[BENCH_FREE_PATH] = BENCH_FN(free_put_last),
		[BENCH_FREE_RACE] = BENCH_FN(race_put_last),
		[BENCH_PAGECACHE_READ] = BENCH_FN(pcread),
		[BENCH_PAGECACHE_SET] = BENCH_FN(pcset),
		[BENCH_CHURN] = BENCH_FN(churn),
	},
},
{
	.name = SCHEME_FLAGS & PAGEREF_SCHEME_BAD || !(SCHEME_FLAGS & PAGEREF_SCHEME_PUT_LAST) ?
		NULL : SCHEME_NAME "/put",
	.scheme = SCHEME_NAME, .entry = "put",
	.init = SCHEME_OP(init),
	.loop = {
		[BENCH_FREE_PATH] = BENCH_FN(free_put),
		[BENCH_FREE_RACE] = BENCH_FN(race_put),
	},
},
