// SPDX-License-Identifier: MIT
/*
 * The mm paths that touch the page refcount, one step each, run in a loop
 * by every worker thread with weights from --mix:
 *
 *   read      filemap_get_read_batch(): RCU lookup, try-get, re-lookup,
 *             verify, copy 64 bytes, put
 *   gup       GUP-fast: try-get on any page of the pool, no RCU, no
 *             mapping; validate the page is live, put
 *   anon      allocate, use, drop the single reference (munmap)
 *   populate  allocate a page and insert it into the page cache
 *   truncate  remove from the cache, then freeze at the expected count as
 *             __remove_mapping() does; on failure put it back, or drop the
 *             cache's reference as truncation does
 *   migrate   freeze, copy to a new page, replace the entry, unfreeze the
 *             old page to the isolation reference and release it
 *
 * Truncate and migrate hold a reference and the page lock (PG_locked)
 * across their steps, as the kernel does, so that they never change the
 * same mapping at once.
 */
#include <urcu.h>

#include "torture.h"

static void sim_pick_key(struct sim_thread *t, uint64_t *file, uint64_t *index)
{
	uint64_t r = lab_xorshift64_star(&t->rng);

	*file = (r >> 32) % t->sim->nfiles;
	*index = (r & 0xffffffff) % t->sim->nindex;
}

static bool sim_trylock(struct sim_page *p)
{
	uint32_t unlocked = 0;

	/* acquire: pairs with the release in sim_unlock() */
	return atomic_compare_exchange_strong_explicit(&p->locked, &unlocked, 1,
						       memory_order_acquire,
						       memory_order_relaxed);
}

static void sim_unlock(struct sim_page *p)
{
	/* release: pairs with the acquire in sim_trylock() */
	atomic_store_explicit(&p->locked, 0, memory_order_release);
}

static void sim_check_identity(struct sim_page *p, uint64_t file, uint64_t index)
{
	if (atomic_load_explicit(&p->file, memory_order_relaxed) != file ||
	    atomic_load_explicit(&p->index, memory_order_relaxed) != index)
		sim_violation(p, "mapped at file %llu index %llu but its identity differs",
			      (unsigned long long)file, (unsigned long long)index);
}

/*
 * The speculative lookup every mapping path starts with: find the page at
 * (file, index), take a reference, and look again. NULL if there was
 * nothing, the try-get failed, or the mapping changed in between.
 */
static struct sim_page *sim_get_mapped(struct sim_thread *t, uint64_t file, uint64_t index)
{
	struct pagecache *pc = t->sim->pc;
	struct folio *folio;
	struct sim_page *p;

	rcu_read_lock();
	folio = pagecache_lookup(pc, file, index);
	if (!folio) {
		rcu_read_unlock();
		t->events[SIM_EV_READ_MISS]++;
		return NULL;
	}
	p = sim_page_of(folio);
	if (!sim_tryget(p)) {
		rcu_read_unlock();
		t->events[SIM_EV_READ_FROZEN]++;
		return NULL;
	}
	if (pagecache_lookup(pc, file, index) != folio) {
		rcu_read_unlock();
		t->events[SIM_EV_READ_STALE]++;
		sim_put(t, p);
		return NULL;
	}
	rcu_read_unlock();
	sim_check_identity(p, file, index);
	return p;
}

static void sim_read(struct sim_thread *t)
{
	uint64_t file, index, seed, copy[SIM_COPY_WORDS];
	unsigned int off = lab_xorshift64_star(&t->rng) % (SIM_PAYLOAD_WORDS - SIM_COPY_WORDS + 1);
	struct sim_page *p;

	sim_pick_key(t, &file, &index);
	p = sim_get_mapped(t, file, index);
	if (!p)
		return;
	seed = atomic_load_explicit(&p->seed, memory_order_relaxed);
	for (unsigned int w = 0; w < SIM_COPY_WORDS; w++)
		copy[w] = p->payload[off + w];
	for (unsigned int w = 0; w < SIM_COPY_WORDS; w++)
		if (copy[w] != sim_payload_word(file, index, seed, off + w))
			sim_violation(p, "payload word %u is 0x%016llx, expected 0x%016llx",
				      off + w, (unsigned long long)copy[w],
				      (unsigned long long)sim_payload_word(file, index, seed, off + w));
	t->events[SIM_EV_READ_HIT]++;
	sim_put(t, p);
}

static void sim_gup(struct sim_thread *t)
{
	struct sim *sim = t->sim;
	struct sim_page *p = &sim->pages[lab_xorshift64_star(&t->rng) % sim->npages];

	if (!sim_tryget(p)) {
		t->events[SIM_EV_GUP_FROZEN]++;
		return;
	}
	t->events[SIM_EV_GUP_GOT]++;
	sim_put(t, p);
}

static void sim_anon(struct sim_thread *t)
{
	uint64_t seed = atomic_fetch_add_explicit(&t->sim->next_seed, 1, memory_order_relaxed);
	struct sim_page *p = sim_alloc(t, SIM_ANON, SIM_ANON_FILE, t->id, seed, NULL);

	if (!p) {
		t->events[SIM_EV_ALLOC_EMPTY]++;
		return;
	}
	for (unsigned int w = 0; w < SIM_PAYLOAD_WORDS; w++)
		if (p->payload[w] != sim_payload_word(SIM_ANON_FILE, t->id, seed, w))
			sim_violation(p, "anonymous page changed under its only owner (word %u)", w);
	/* The kernel's munmap: drop the only mapping's reference. */
	t->events[sim_put_last(t, p) ? SIM_EV_ANON_LAST : SIM_EV_ANON_SHARED]++;
}

static void sim_populate(struct sim_thread *t)
{
	struct sim *sim = t->sim;
	uint64_t file, index, seed;
	struct sim_page *p;
	bool taken;

	sim_pick_key(t, &file, &index);
	rcu_read_lock();
	taken = pagecache_lookup(sim->pc, file, index) != NULL;
	rcu_read_unlock();
	if (taken) {
		t->events[SIM_EV_POPULATE_TAKEN]++;
		return;
	}
	seed = atomic_fetch_add_explicit(&sim->next_seed, 1, memory_order_relaxed);
	p = sim_alloc(t, SIM_CACHE, file, index, seed, NULL);
	if (!p) {
		t->events[SIM_EV_ALLOC_EMPTY]++;
		return;
	}
	/* On success our reference becomes the page cache's. */
	if (pagecache_insert(sim->pc, file, index, &p->folio)) {
		t->events[SIM_EV_POPULATE_NEW]++;
		return;
	}
	t->events[SIM_EV_POPULATE_TAKEN]++;
	sim_put_last(t, p);
}

/*
 * A mapping path's prologue: the page at (file, index) with our reference
 * and its lock, still mapped there. NULL (and nothing held) otherwise.
 */
static struct sim_page *sim_get_locked(struct sim_thread *t, uint64_t file, uint64_t index)
{
	struct sim_page *p = sim_get_mapped(t, file, index);
	bool mapped;

	if (!p)
		return NULL;
	if (!sim_trylock(p)) {
		t->events[SIM_EV_LOCK_BUSY]++;
		sim_put(t, p);
		return NULL;
	}
	rcu_read_lock();
	mapped = pagecache_lookup(t->sim->pc, file, index) == &p->folio;
	rcu_read_unlock();
	if (mapped)
		return p;
	t->events[SIM_EV_READ_STALE]++;
	sim_unlock(p);
	sim_put(t, p);
	return NULL;
}

/* After a freeze at @expected succeeded: nobody else may hold a reference. */
static void sim_check_frozen(struct sim_page *p, int32_t expected)
{
	int32_t holders = atomic_load_explicit(&p->holders, memory_order_relaxed);

	if (holders != expected)
		sim_violation(p, "freeze at %d succeeded while %d reference(s) are held",
			      (int)expected, (int)holders);
}

/* Reclaim's __remove_mapping(): the cache's reference plus ours. */
#define SIM_EXPECTED_REFS	2

static void sim_truncate(struct sim_thread *t)
{
	struct sim *sim = t->sim;
	uint64_t file, index;
	struct sim_page *p;

	sim_pick_key(t, &file, &index);
	p = sim_get_locked(t, file, index);
	if (!p)
		return;
	if (!pagecache_remove(sim->pc, file, index, &p->folio))
		sim_violation(p, "the mapping changed under the page lock");
	if (page_ref_freeze(&p->folio.page, SIM_EXPECTED_REFS)) {
		sim_check_frozen(p, SIM_EXPECTED_REFS);
		atomic_store_explicit(&p->holders, 0, memory_order_relaxed);
		sim_unlock(p);
		sim_free(t, p);
		t->events[SIM_EV_TRUNCATE_FREED]++;
		return;
	}
	/* Someone holds a reference: keep the page, as reclaim does ... */
	if (pagecache_insert(sim->pc, file, index, &p->folio)) {
		t->events[SIM_EV_TRUNCATE_PUTBACK]++;
	} else {
		/* ... or, the slot being taken, drop the cache's reference as
		 * truncation does; ours keeps it from being the last. */
		atomic_fetch_sub_explicit(&p->holders, 1, memory_order_relaxed);
		if (folio_put_testzero(&p->folio))
			sim_violation(p, "the page cache's put was the last though we hold a reference");
		t->events[SIM_EV_TRUNCATE_DROPPED]++;
	}
	sim_unlock(p);
	sim_put(t, p);
}

static void sim_migrate(struct sim_thread *t)
{
	struct sim *sim = t->sim;
	uint64_t file, index;
	struct sim_page *old, *new;

	sim_pick_key(t, &file, &index);
	old = sim_get_locked(t, file, index);
	if (!old)
		return;
	new = sim_alloc(t, SIM_CACHE, file, index,
			atomic_load_explicit(&old->seed, memory_order_relaxed), old->payload);
	if (!new) {
		t->events[SIM_EV_ALLOC_EMPTY]++;
		sim_unlock(old);
		sim_put(t, old);
		return;
	}
	if (!page_ref_freeze(&old->folio.page, SIM_EXPECTED_REFS)) {
		t->events[SIM_EV_MIGRATE_BUSY]++;
		sim_unlock(old);
		sim_put_last(t, new);
		sim_put(t, old);
		return;
	}
	sim_check_frozen(old, SIM_EXPECTED_REFS);
	if (!pagecache_replace(sim->pc, file, index, &old->folio, &new->folio))
		sim_violation(old, "the mapping changed under the page lock");
	/* folio_migrate_mapping(): the old page keeps only our isolation reference. */
	atomic_store_explicit(&old->holders, 1, memory_order_relaxed);
	page_ref_unfreeze(&old->folio.page, SIM_EXPECTED_REFS - 1);
	sim_unlock(old);
	sim_put_last(t, old);
	t->events[SIM_EV_MIGRATE_DONE]++;
}

static void (*const sim_ops[SIM_NR_OPS])(struct sim_thread *t) = {
	[SIM_OP_READ] = sim_read,
	[SIM_OP_GUP] = sim_gup,
	[SIM_OP_ANON] = sim_anon,
	[SIM_OP_POPULATE] = sim_populate,
	[SIM_OP_TRUNCATE] = sim_truncate,
	[SIM_OP_MIGRATE] = sim_migrate,
};

static enum sim_op sim_pick_op(struct sim_thread *t)
{
	unsigned int r = (unsigned int)(lab_xorshift64_star(&t->rng) % t->sim->mix_total);
	enum sim_op op = 0;

	while (r >= t->sim->mix[op])
		r -= t->sim->mix[op++];
	return op;
}

/**
 * sim_worker - one thread of a round: random steps until told to stop.
 * @arg: its struct sim_thread
 *
 * Registers with RCU for the page cache; every step leaves nothing held.
 */
void *sim_worker(void *arg)
{
	struct sim_thread *t = arg;

	rcu_register_thread();
	while (!atomic_load_explicit(&t->sim->stop, memory_order_relaxed)) {
		enum sim_op op = sim_pick_op(t);

		sim_ops[op](t);
		t->ops[op]++;
	}
	rcu_unregister_thread();
	return NULL;
}
