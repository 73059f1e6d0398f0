// SPDX-License-Identifier: MIT
/*
 * Set-up of the pagecache workloads, and churn's page allocator: a free
 * list under a spinlock (the zone lock), handing out folios in LIFO order
 * so that a freed folio is reused at once, as the kernel's per-CPU lists
 * do, while stale readers may still try to get it.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "objects.h"

struct bench_folio *bench_folio_alloc(struct bench_cache *c)
{
	struct bench_folio *f = NULL;

	pthread_spin_lock(&c->lock);
	if (c->nr_free)
		f = c->free[--c->nr_free];
	pthread_spin_unlock(&c->lock);
	return f;
}

int bench_folio_free(struct bench_cache *c, struct folio *f)
{
	if (!c->churn)
		return 1;	/* the cache's reference is never dropped here */
	pthread_spin_lock(&c->lock);
	c->free[c->nr_free++] = bench_folio_of(f);
	pthread_spin_unlock(&c->lock);
	return 0;
}

int bench_pagecache_setup(struct bench_ctx *ctx, enum bench_workload w,
			  const struct bench_row *row)
{
	struct bench_cache *c = calloc(1, sizeof(*c));
	unsigned int spares = w == BENCH_CHURN ? BENCH_CHURN_SPARES * ctx->nr_threads : 0;

	if (!c)
		return -1;
	c->churn = w == BENCH_CHURN;
	c->nr_hot = w == BENCH_PAGECACHE_READ ? 1 : BENCH_HOT_SET;
	c->nr_folios = c->nr_hot + spares;
	c->folios = aligned_alloc(64, c->nr_folios * sizeof(*c->folios));
	c->free = calloc(c->nr_folios, sizeof(*c->free));
	rcu_register_thread();
	c->pc = pagecache_create(7);
	ctx->cache = c;
	if (!c->folios || !c->free || !c->pc) {
		fprintf(stderr, "pageref-bench: cannot set up the page cache: out of memory\n");
		return -1;
	}
	memset(c->folios, 0, c->nr_folios * sizeof(*c->folios));
	pthread_spin_init(&c->lock, PTHREAD_PROCESS_PRIVATE);
	for (unsigned int i = 0; i < c->nr_hot; i++) {
		c->folios[i].data[0] = i;
		row->init(&c->folios[i].folio.page._refcount, 1);	/* the cache's */
		pagecache_insert(c->pc, BENCH_FILE, i, &c->folios[i].folio);
	}
	/* Never mapped, so no reader can hold them: their count is never read. */
	for (unsigned int i = c->nr_hot; i < c->nr_folios; i++)
		c->free[c->nr_free++] = &c->folios[i];
	return 0;
}

void bench_pagecache_teardown(struct bench_ctx *ctx)
{
	struct bench_cache *c = ctx->cache;

	if (!c)
		return;
	if (c->pc)
		pagecache_destroy(c->pc);
	rcu_unregister_thread();
	free(c->folios);
	free(c->free);
	free(c);
}

void bench_thread_start(struct bench_ctx *ctx, unsigned int tid)
{
	(void)tid;
	if (ctx->cache)
		rcu_register_thread();
	if (ctx->rcu)
		bench_rcu_register();
}

void bench_thread_stop(struct bench_ctx *ctx, unsigned int tid)
{
	(void)tid;
	if (ctx->cache)
		rcu_unregister_thread();
	if (ctx->rcu)
		bench_rcu_unregister();
}
