/* SPDX-License-Identifier: MIT */
/*
 * bench/pagecache_loops.h - the cover letter's benchmark (pread of 64 bytes
 * at offset 0 of one file by N threads) on the simulation's page cache,
 * and churn. Included by objects.h when sim/pagecache.c is built in.
 *
 * A read is what filemap_read() does for a cached page: under
 * rcu_read_lock(), look the folio up, try-get it, look it up again and
 * drop it if it moved (it may have been freed and reused meanwhile: the
 * speculative reference is then to someone else's page); then, outside
 * RCU, copy 64 bytes and put the folio. Each folio's data starts with the
 * index it caches, so a read that copied the wrong page counts an error.
 */
#ifndef PAGEREF_BENCH_PAGECACHE_LOOPS_H
#define PAGEREF_BENCH_PAGECACHE_LOOPS_H

#include <string.h>

#include <urcu.h>

#include <pageref/page_ref.h>

#include "pagecache.h"

/* The one file every reader reads. */
#define BENCH_FILE	1
/* churn: every thread replaces one page of the hot set per batch of reads. */
#define BENCH_CHURN_SPARES	64

/* A page: struct page on its own line, its contents on the next one. */
struct bench_folio {
	_Alignas(64) struct folio folio;
	_Alignas(64) uint64_t data[8];
};

struct bench_cache {
	struct pagecache *pc;
	struct bench_folio *folios;	/* the hot set, then the spares */
	unsigned int nr_folios;
	unsigned int nr_hot;		/* indices 0 .. nr_hot - 1 are mapped */
	bool churn;			/* folios may be freed and reused */
	pthread_spinlock_t lock;	/* the free list: the page allocator */
	struct bench_folio **free;
	unsigned int nr_free;
};

int bench_pagecache_setup(struct bench_ctx *ctx, enum bench_workload w,
			  const struct bench_row *row);
void bench_pagecache_teardown(struct bench_ctx *ctx);
void bench_thread_start(struct bench_ctx *ctx, unsigned int tid);
void bench_thread_stop(struct bench_ctx *ctx, unsigned int tid);

/* The allocator: a folio whose last put happened, or NULL if none is free. */
struct bench_folio *bench_folio_alloc(struct bench_cache *c);
/* The free path: @f's last put returned true. Return: 1 if no folio may be
 * freed in this workload (the put was wrongly last), else 0. */
int bench_folio_free(struct bench_cache *c, struct folio *f);

static inline struct bench_folio *bench_folio_of(struct folio *f)
{
	return (struct bench_folio *)((char *)f - offsetof(struct bench_folio, folio));
}

/* xorshift64: which page of the hot set a read goes to. */
static inline uint64_t bench_next(uint64_t *seed)
{
	*seed ^= *seed << 13;
	*seed ^= *seed >> 7;
	*seed ^= *seed << 17;
	return *seed;
}

/*
 * One read of @index with scheme @pfx into @buf. Return: errors (a missing
 * page, a wrong page copied, a put wrongly last). Always inlined: left to
 * itself, gcc inlined it for some schemes and called it for others, which
 * made a 24-instruction difference per read that had nothing to do with the
 * counter.
 */
#define BENCH_PREAD(pfx)							\
static inline __attribute__((always_inline)) int bench_pread_##pfx(struct bench_cache *c, uint64_t index,	\
				    uint64_t *buf)				\
{										\
	struct folio *f;							\
										\
	for (;;) {								\
		rcu_read_lock();						\
		f = pagecache_lookup(c->pc, BENCH_FILE, index);			\
		if (pageref_unlikely(!f)) {					\
			rcu_read_unlock();					\
			return 1;						\
		}								\
		if (pageref_unlikely(!pfx##_tryget(&f->page._refcount, 1))) {	\
			rcu_read_unlock();					\
			continue;						\
		}								\
		if (pageref_likely(pagecache_lookup(c->pc, BENCH_FILE, index) == f)) { \
			rcu_read_unlock();					\
			break;							\
		}								\
		rcu_read_unlock();						\
		if (pfx##_put(&f->page._refcount, 1) && bench_folio_free(c, f))	\
			return 1;						\
	}									\
	memcpy(buf, bench_folio_of(f)->data, sizeof(bench_folio_of(f)->data));	\
	if (pfx##_put(&f->page._refcount, 1) && bench_folio_free(c, f))	\
		return 1;							\
	return buf[0] != index;							\
}

/*
 * churn's writer side: allocate a folio for @index (set_page_refcounted():
 * one reference, which the cache takes), map it in place of the old one,
 * and drop the cache's reference to the old one, which readers may still
 * hold: whichever put is last frees it.
 */
#define BENCH_REPLACE(pfx)							\
static inline int bench_replace_##pfx(struct bench_cache *c, uint64_t index)	\
{										\
	struct bench_folio *new = bench_folio_alloc(c);				\
	struct folio *old;							\
										\
	if (!new)								\
		return 0;	/* every spare is still held by readers */	\
	new->data[0] = index;							\
	pfx##_init(&new->folio.page._refcount, 1);				\
	rcu_read_lock();							\
	old = pagecache_lookup(c->pc, BENCH_FILE, index);			\
	rcu_read_unlock();							\
	/* Another thread may have replaced it since: then @new goes back. */	\
	if (!old || !pagecache_replace(c->pc, BENCH_FILE, index, old, &new->folio)) \
		old = &new->folio;						\
	return pfx##_put(&old->page._refcount, 1) && bench_folio_free(c, old);	\
}

#define BENCH_READ_LOOP(pfx, name, pick, churn)				\
static BENCH_LOOP uint64_t bench_##name##_##pfx(struct bench_ctx *ctx,		\
						unsigned int tid)		\
{										\
	struct bench_cache *c = ctx->cache;					\
	uint64_t seed = ctx->threads[tid].seed, done = 0, errors = 0;		\
	uint64_t buf[8];							\
										\
	while (!bench_should_stop(ctx, done)) {					\
		for (int i = 0; i < BENCH_BATCH; i++)				\
			errors += bench_pread_##pfx(c, (pick), buf);		\
		if (churn)							\
			errors += bench_replace_##pfx(c, bench_next(&seed) % c->nr_hot); \
		done += BENCH_BATCH;						\
	}									\
	ctx->threads[tid].errors = errors;					\
	return done;								\
}

#define BENCH_PAGECACHE_LOOPS(pfx)						\
	BENCH_PREAD(pfx)							\
	BENCH_REPLACE(pfx)							\
	BENCH_READ_LOOP(pfx, pcread, 0, false)					\
	BENCH_READ_LOOP(pfx, pcset, bench_next(&seed) % c->nr_hot, false)	\
	BENCH_READ_LOOP(pfx, churn, bench_next(&seed) % c->nr_hot, true)

#define BENCH_PAGECACHE_ROW(pfx, all)						\
	[BENCH_PAGECACHE_READ] = (all) ? bench_pcread_##pfx : NULL,		\
	[BENCH_PAGECACHE_SET] = (all) ? bench_pcset_##pfx : NULL,		\
	[BENCH_CHURN] = (all) ? bench_churn_##pfx : NULL,

#endif /* PAGEREF_BENCH_PAGECACHE_LOOPS_H */
