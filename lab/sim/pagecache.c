// SPDX-License-Identifier: MIT
/*
 * The page cache of lab/sim/pagecache.h on liburcu's cds_lfht.
 *
 * An entry never changes once published: replacing a folio publishes a new
 * entry (cds_lfht_replace), so a lookup sees either the old mapping or the
 * new one, never a half-written entry. Removed entries are freed by
 * call_rcu(), after every reader that could still be walking them is gone.
 *
 * ThreadSanitizer cannot see liburcu's grace periods (the library is not
 * instrumented), so in a TSan build each critical section of ours ends with
 * a release on pagecache_grace and each RCU callback starts with the
 * acquire that the grace period implies. That states the ordering RCU gives;
 * it hides nothing: a callback runs only after those critical sections.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <urcu.h>
#include <urcu/rculfhash.h>

#include <pageref-lab/util.h>

#include "pagecache.h"

#if defined(__SANITIZE_THREAD__)
#define PAGECACHE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define PAGECACHE_TSAN 1
#endif
#endif

#ifdef PAGECACHE_TSAN
#include <sanitizer/tsan_interface.h>
/* TSan's name for "an RCU grace period": one for all caches. */
static char pagecache_grace;
#define pagecache_grace_end()		__tsan_release(&pagecache_grace)
#define pagecache_grace_waited()	__tsan_acquire(&pagecache_grace)

/*
 * liburcu hands its own allocations between its own threads (rcu_barrier()'s
 * completion, the hash table's resize worker) through code TSan cannot see.
 * Ignore the allocator calls made from inside liburcu, and nothing else: our
 * code's accesses, and our callbacks' frees, are still checked.
 */
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
	return "called_from_lib:liburcu.so.8\n"
	       "called_from_lib:liburcu-cds.so.8\n";
}
#else
#define pagecache_grace_end()		((void)0)
#define pagecache_grace_waited()	((void)0)
#endif

struct pagecache {
	struct cds_lfht *ht;
};

struct pagecache_key {
	uint64_t file;
	uint64_t index;
};

struct pagecache_entry {
	struct cds_lfht_node node;
	struct rcu_head rcu;
	struct pagecache_key key;
	_Atomic(struct folio *) folio;
};

#define pagecache_entry_of(n)	lab_container_of(n, struct pagecache_entry, node)

/* splitmix64's finaliser: indices of one file spread over all buckets. */
static unsigned long pagecache_hash(uint64_t file, uint64_t index)
{
	uint64_t x = file * UINT64_C(0x9e3779b97f4a7c15) ^ index;

	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return (unsigned long)(x ^ (x >> 31));
}

/* Read an entry's folio; the entry may be one another thread just published. */
static struct folio *pagecache_entry_folio(struct pagecache_entry *e)
{
	/* acquire: pairs with the release in pagecache_entry_new() */
	return atomic_load_explicit(&e->folio, memory_order_acquire);
}

static int pagecache_match(struct cds_lfht_node *node, const void *key)
{
	struct pagecache_entry *e = pagecache_entry_of(node);
	const struct pagecache_key *k = key;

	/* Orders the key reads after the entry's publication (for TSan too). */
	(void)pagecache_entry_folio(e);
	return e->key.file == k->file && e->key.index == k->index;
}

static struct pagecache_entry *pagecache_entry_new(uint64_t file, uint64_t index,
						   struct folio *folio)
{
	struct pagecache_entry *e = malloc(sizeof(*e));

	if (!e) {
		fprintf(stderr, "pagecache: out of memory for an entry\n");
		abort();
	}
	cds_lfht_node_init(&e->node);
	e->key.file = file;
	e->key.index = index;
	/* release: pairs with the acquire in pagecache_entry_folio() */
	atomic_store_explicit(&e->folio, folio, memory_order_release);
	return e;
}

static void pagecache_entry_free(struct rcu_head *head)
{
	struct pagecache_entry *e = lab_container_of(head, struct pagecache_entry, rcu);

	pagecache_grace_waited();
	free(e);
}

struct pagecache *pagecache_create(unsigned int order)
{
	struct pagecache *pc;

	if (order > 30) {
		errno = EINVAL;
		return NULL;
	}
	pc = calloc(1, sizeof(*pc));
	if (!pc)
		return NULL;
	pc->ht = cds_lfht_new(1UL << order, 1UL << order, 0, CDS_LFHT_AUTO_RESIZE, NULL);
	if (!pc->ht) {
		free(pc);
		errno = ENOMEM;
		return NULL;
	}
	return pc;
}

void pagecache_destroy(struct pagecache *pc)
{
	struct cds_lfht_iter iter;
	struct cds_lfht_node *node;

	rcu_read_lock();
	cds_lfht_first(pc->ht, &iter);
	while ((node = cds_lfht_iter_get_node(&iter)) != NULL) {
		cds_lfht_next(pc->ht, &iter);
		if (!cds_lfht_del(pc->ht, node))
			call_rcu(&pagecache_entry_of(node)->rcu, pagecache_entry_free);
	}
	pagecache_grace_end();
	rcu_read_unlock();
	rcu_barrier();		/* every callback has run: the entries are freed */
	if (cds_lfht_destroy(pc->ht, NULL))
		fprintf(stderr, "pagecache: cds_lfht_destroy failed; table leaked\n");
	free(pc);
}

/* Caller holds rcu_read_lock(). NULL if nothing is mapped there. */
static struct pagecache_entry *pagecache_find(struct pagecache *pc, uint64_t file,
					      uint64_t index, struct cds_lfht_iter *iter)
{
	struct pagecache_key key = { file, index };
	struct cds_lfht_node *node;

	cds_lfht_lookup(pc->ht, pagecache_hash(file, index), pagecache_match, &key, iter);
	node = cds_lfht_iter_get_node(iter);
	return node ? pagecache_entry_of(node) : NULL;
}

struct folio *pagecache_lookup(struct pagecache *pc, uint64_t file, uint64_t index)
{
	struct cds_lfht_iter iter;
	struct pagecache_entry *e = pagecache_find(pc, file, index, &iter);
	struct folio *folio = e ? pagecache_entry_folio(e) : NULL;

	pagecache_grace_end();
	return folio;
}

bool pagecache_insert(struct pagecache *pc, uint64_t file, uint64_t index,
		      struct folio *folio)
{
	struct pagecache_entry *e = pagecache_entry_new(file, index, folio);
	struct pagecache_key key = { file, index };
	struct cds_lfht_node *got;

	rcu_read_lock();
	got = cds_lfht_add_unique(pc->ht, pagecache_hash(file, index), pagecache_match,
				  &key, &e->node);
	pagecache_grace_end();
	rcu_read_unlock();
	if (got == &e->node)
		return true;
	free(e);		/* never published: no grace period needed */
	return false;
}

bool pagecache_replace(struct pagecache *pc, uint64_t file, uint64_t index,
		       struct folio *old, struct folio *new)
{
	struct pagecache_entry *ne = pagecache_entry_new(file, index, new);
	struct pagecache_key key = { file, index };
	struct cds_lfht_iter iter;
	struct pagecache_entry *e;
	bool done = false;

	rcu_read_lock();
	e = pagecache_find(pc, file, index, &iter);
	if (e && pagecache_entry_folio(e) == old)
		done = !cds_lfht_replace(pc->ht, &iter, pagecache_hash(file, index),
					 pagecache_match, &key, &ne->node);
	pagecache_grace_end();
	rcu_read_unlock();
	if (!done) {
		free(ne);
		return false;
	}
	call_rcu(&e->rcu, pagecache_entry_free);
	return true;
}

bool pagecache_remove(struct pagecache *pc, uint64_t file, uint64_t index,
		      struct folio *folio)
{
	struct cds_lfht_iter iter;
	struct pagecache_entry *e;
	bool done = false;

	rcu_read_lock();
	e = pagecache_find(pc, file, index, &iter);
	if (e && pagecache_entry_folio(e) == folio)
		done = !cds_lfht_del(pc->ht, &e->node);
	pagecache_grace_end();
	rcu_read_unlock();
	if (done)
		call_rcu(&e->rcu, pagecache_entry_free);
	return done;
}
