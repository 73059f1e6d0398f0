/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/pagecache_body.h - the page-cache loops of SCHEME (pagecache-read,
 * pagecache-read-set, churn) over pagecache_loops.h's cache. Included by
 * loops_body.h when the simulation's page cache is built in.
 * No include guard.
 */

/*
 * One read of @index into @buf. Return: errors (a missing page, a wrong
 * page copied, a put wrongly last). Always inlined: left to itself, gcc
 * inlined it for some schemes and called it for others, which made a
 * 24-instruction difference per read that had nothing to do with the
 * counter.
 */
static inline __attribute__((always_inline)) int BENCH_FN(pread)(struct bench_cache *c,
								 uint64_t index, uint64_t *buf)
{
	struct folio *f;

	for (;;) {
		rcu_read_lock();
		f = pagecache_lookup(c->pc, BENCH_FILE, index);
		if (pageref_unlikely(!f)) {
			rcu_read_unlock();
			return 1;
		}
		if (pageref_unlikely(!SCHEME_OP(tryget)(&f->page._refcount, 1))) {
			rcu_read_unlock();
			continue;
		}
		if (pageref_likely(pagecache_lookup(c->pc, BENCH_FILE, index) == f)) {
			rcu_read_unlock();
			break;
		}
		rcu_read_unlock();
		if (SCHEME_OP(put)(&f->page._refcount, 1) && bench_folio_free(c, f))
			return 1;
	}
	memcpy(buf, bench_folio_of(f)->data, sizeof(bench_folio_of(f)->data));
	if (SCHEME_OP(put)(&f->page._refcount, 1) && bench_folio_free(c, f))
		return 1;
	return buf[0] != index;
}

/*
 * churn's writer side: allocate a folio for @index (set_page_refcounted():
 * one reference, which the cache takes), map it in place of the old one,
 * and drop the cache's reference to the old one, which readers may still
 * hold: whichever put is last frees it.
 */
static inline int BENCH_FN(replace)(struct bench_cache *c, uint64_t index)
{
	struct bench_folio *new = bench_folio_alloc(c);
	struct folio *old;

	if (!new)
		return 0;	/* every spare is still held by readers */
	new->data[0] = index;
	SCHEME_OP(init)(&new->folio.page._refcount, 1);
	rcu_read_lock();
	old = pagecache_lookup(c->pc, BENCH_FILE, index);
	rcu_read_unlock();
	/* Another thread may have replaced it since: then @new goes back. */
	if (!old || !pagecache_replace(c->pc, BENCH_FILE, index, old, &new->folio))
		old = &new->folio;
	return SCHEME_OP(put)(&old->page._refcount, 1) && bench_folio_free(c, old);
}

/* The reader loops: bench_pcread_<scheme>, bench_pcset_<scheme>, bench_churn_<scheme>. */
#define BENCH_READ	pcread
#define BENCH_PICK_HOT	0
#define BENCH_REPLACES	0
#include "read_loop_body.h"
#define BENCH_READ	pcset
#define BENCH_PICK_HOT	1
#define BENCH_REPLACES	0
#include "read_loop_body.h"
#define BENCH_READ	churn
#define BENCH_PICK_HOT	1
#define BENCH_REPLACES	1
#include "read_loop_body.h"
