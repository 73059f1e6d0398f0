/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/pagecache_loops.h - the cover letter's benchmark (pread of 64 bytes
 * at offset 0 of one file by N threads) on the simulation's page cache,
 * and churn: the objects and helpers; pagecache_body.h has the loops.
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
#include <pageref-lab/util.h>

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
	return lab_container_of(f, struct bench_folio, folio);
}

#endif /* PAGEREF_BENCH_PAGECACHE_LOOPS_H */
