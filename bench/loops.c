// SPDX-License-Identifier: MIT
/*
 * The timed loops: one per (workload, scheme), generated from
 * schemes/schemes.def, so that each loop inlines its scheme's operations
 * (pageref_v1_tryget(), ...) with no indirection inside the loop. Known-bad
 * schemes get no row. The floor is a pseudo-scheme: a plain counter with
 * no frozen state, whose try-get is one unconditional fetch-add; no correct
 * shared counter can do less.
 *
 * Loops are noinline and noclone so that each keeps its own symbol:
 * callgrind's --toggle-collect counts instructions inside exactly one.
 */
#include "all.h"
#include "bench.h"
#include "objects.h"

#define BENCH_LOOP	__attribute__((noinline, noclone))

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
#define bench_floor_put_last bench_floor_put

/*
 * contended: the shared object holds one base reference (the page cache's),
 * so every try-get must succeed and no put may be the last.
 */
#define BENCH_CONTENDED_LOOP(pfx)						\
static BENCH_LOOP uint64_t bench_contended_##pfx(struct bench_ctx *ctx,	\
						 unsigned int tid)		\
{										\
	pageref_t *r = &ctx->shared->ref;					\
	uint64_t done = 0, errors = 0;						\
										\
	while (!bench_should_stop(ctx, done)) {					\
		for (int i = 0; i < BENCH_BATCH; i++)				\
			errors += !pfx##_tryget(r, 1) || pfx##_put(r, 1);	\
		done += BENCH_BATCH;						\
	}									\
	ctx->threads[tid].errors = errors;					\
	return done;								\
}

/*
 * free-path: the munmap of single-owner anonymous pages. Each page is
 * allocated (set_page_refcounted(): init to 1) and freed by its only
 * owner's put, which must report it last.
 */
#define BENCH_FREE_LOOP(pfx, entry)						\
static BENCH_LOOP uint64_t bench_free_##entry##_##pfx(struct bench_ctx *ctx,	\
						      unsigned int tid)		\
{										\
	struct bench_page *pages = ctx->pages;					\
	uint64_t done = 0, errors = 0;						\
										\
	while (!bench_should_stop(ctx, done)) {					\
		for (int i = 0; i < BENCH_FREE_PAGES; i++) {			\
			pfx##_init(&pages[i].ref, 1);				\
			errors += !pfx##_##entry(&pages[i].ref, 1);		\
		}								\
		done += BENCH_FREE_PAGES;					\
	}									\
	ctx->threads[tid].errors = errors;					\
	return done;								\
}

/*
 * free-path-race: two threads each own one reference to every page and
 * drop it; the one whose put is last frees the page and allocates it again
 * with two references, then opens the page's next round. A thread never
 * puts a page before its round opened, so each round has exactly one
 * last put; a second "last" or none shows up in @errors as a stall
 * (the other thread waits) or a count.
 */
#define BENCH_RACE_LOOP(pfx, entry)						\
static BENCH_LOOP uint64_t bench_race_##entry##_##pfx(struct bench_ctx *ctx,	\
						      unsigned int tid)		\
{										\
	struct bench_page *pages = ctx->pages;					\
	uint64_t done = 0, errors = 0;						\
	uint32_t round = 0;							\
										\
	while (!bench_should_stop(ctx, done)) {					\
		for (int i = 0; i < BENCH_RACE_PAGES; i++) {			\
			struct bench_page *p = &pages[i];			\
										\
			if (!bench_page_wait_round(ctx, p, round))		\
				goto out;					\
			if (pfx##_##entry(&p->ref, 1)) {			\
				pfx##_init(&p->ref, 2);				\
				errors += bench_page_open_round(p, round);	\
			}							\
		}								\
		done += BENCH_RACE_PAGES;					\
		round++;							\
	}									\
out:										\
	ctx->threads[tid].errors = errors;					\
	return done;								\
}

#define BENCH_LOOPS(pfx)							\
	BENCH_CONTENDED_LOOP(pfx)						\
	BENCH_FREE_LOOP(pfx, put_last)						\
	BENCH_FREE_LOOP(pfx, put)						\
	BENCH_RACE_LOOP(pfx, put_last)						\
	BENCH_RACE_LOOP(pfx, put)						\
	BENCH_PAGECACHE_LOOPS(pfx)

#define PAGEREF_SCHEME(pfx, str, fl, text) BENCH_LOOPS(pfx)
#include "schemes.def"
#undef PAGEREF_SCHEME
BENCH_LOOPS(bench_floor)

/*
 * The rows: the scheme through its free-path entry point (put_last, which
 * is put for schemes without PAGEREF_SCHEME_PUT_LAST), then for schemes
 * with a distinct put_last a second row that frees with put. Known-bad
 * schemes are left out: they exist to be caught, not timed.
 */
#define BENCH_ROW(pfx, str, fl, entry_name, putop, all)			\
	{									\
		.name = ((fl) & PAGEREF_SCHEME_BAD) ? NULL :			\
			(all) ? str : str "/put",				\
		.scheme = str, .entry = entry_name, .init = pfx##_init,		\
		.loop = {							\
			[BENCH_CONTENDED] = (all) ? bench_contended_##pfx : NULL, \
			[BENCH_FREE_PATH] = bench_free_##putop##_##pfx,		\
			[BENCH_FREE_RACE] = bench_race_##putop##_##pfx,		\
			BENCH_PAGECACHE_ROW(pfx, all)				\
		},								\
	},
#define PAGEREF_SCHEME(pfx, str, fl, text)					\
	BENCH_ROW(pfx, str, fl, ((fl) & PAGEREF_SCHEME_PUT_LAST) ? "put_last" : "put", \
		  put_last, 1)							\
	BENCH_ROW(pfx, str, ((fl) & PAGEREF_SCHEME_PUT_LAST) ? (fl) : PAGEREF_SCHEME_BAD, \
		  "put", put, 0)

/* In schemes.def order; rows left out have a NULL name (bench_for_each_row). */
const struct bench_row bench_rows[] = {
#include "schemes.def"
	PAGEREF_SCHEME(bench_floor, "floor", 0, "a plain counter: the floor")
};
#undef PAGEREF_SCHEME

const size_t bench_nr_rows = sizeof(bench_rows) / sizeof(bench_rows[0]);
