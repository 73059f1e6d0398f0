// SPDX-License-Identifier: MIT
/*
 * The simulation's memory: a pool of pages, a page allocator with per-thread
 * caches in front of a shared LIFO (so that a freed page comes back at once,
 * which is what opens the races), the free path, and the checks that run at
 * quiescence.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <urcu.h>

#include "torture.h"

#define SIM_POISON	UINT64_C(0xdeadbeefdeadbeef)

/*
 * In the ASan build a free page's payload is also poisoned for ASan, so a
 * read of it (a use after free that the data check might miss) stops the
 * run at the read. The rest of struct sim_page stays readable: it is
 * type-stable, like struct page, and speculative getters read it.
 */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define sim_payload_poison(p)	ASAN_POISON_MEMORY_REGION((p)->payload, sizeof((p)->payload))
#define sim_payload_unpoison(p)	ASAN_UNPOISON_MEMORY_REGION((p)->payload, sizeof((p)->payload))
#else
#define sim_payload_poison(p)	((void)(p))
#define sim_payload_unpoison(p)	((void)(p))
#endif

static struct sim *sim_current;
static _Atomic bool sim_failed;

static const char *const sim_state_names[SIM_NR_STATES] = {
	[SIM_FREE] = "free", [SIM_ANON] = "anon", [SIM_CACHE] = "cache",
};

struct sim_page *sim_page_of(struct folio *folio)
{
	return lab_container_of(folio, struct sim_page, folio);
}

/**
 * sim_violation - report the first broken invariant and end the run.
 * @p:   the page it concerns, or NULL
 * @fmt: what happened
 *
 * Other threads that fail at the same time stop here quietly: the first
 * report is the one that explains the rest.
 */
void sim_violation(const struct sim_page *p, const char *fmt, ...)
{
	struct sim *sim = sim_current;
	va_list ap;

	if (atomic_exchange_explicit(&sim_failed, true, memory_order_relaxed))
		for (;;)
			pause();
	fprintf(stderr, "torture: VIOLATION after %.3f s, scheme %s: ",
		lab_now() - sim->start, sim->scheme->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (p) {
		uint32_t word = pageref_atomic_load(&p->folio.page._refcount, memory_order_relaxed);
		uint32_t st = atomic_load_explicit(&p->state, memory_order_relaxed);

		fprintf(stderr, "torture:   page %ld, lifetime %llu, state %s, file %lld index %llu,"
			" refcount word 0x%08x, shadow holders %d\n",
			(long)(p - sim->pages),
			(unsigned long long)atomic_load_explicit(&p->life, memory_order_relaxed),
			st < SIM_NR_STATES ? sim_state_names[st] : "?",
			(long long)atomic_load_explicit(&p->file, memory_order_relaxed),
			(unsigned long long)atomic_load_explicit(&p->index, memory_order_relaxed),
			(unsigned int)word,
			(int)atomic_load_explicit(&p->holders, memory_order_relaxed));
	}
	fflush(stderr);
	_exit(1);
}

uint64_t sim_payload_word(uint64_t file, uint64_t index, uint64_t seed, unsigned int w)
{
	uint64_t x = (file + 1) * UINT64_C(0x9e3779b97f4a7c15) ^ index * UINT64_C(0xc2b2ae3d27d4eb4f) ^
		     seed * UINT64_C(0x165667b19e3779f9) ^ w;

	x = (x ^ (x >> 29)) * UINT64_C(0xbf58476d1ce4e5b9);
	return x ^ (x >> 32);
}

int sim_setup(struct sim *sim)
{
	sim_current = sim;
	sim->pages = calloc(sim->npages, sizeof(*sim->pages));
	sim->free = calloc(sim->npages, sizeof(*sim->free));
	sim->threads = calloc(sim->nthreads, sizeof(*sim->threads));
	sim->pc = pagecache_create(10);
	if (!sim->pages || !sim->free || !sim->threads || !sim->pc)
		return -1;
	pthread_mutex_init(&sim->free_lock, NULL);
	/* Pushed in reverse so that page 0 is handed out first. */
	for (unsigned int i = sim->npages; i-- > 0;) {
		struct sim_page *p = &sim->pages[i];

		set_page_count_frozen(&p->folio.page);
		sim_payload_poison(p);
		sim->free[sim->nfree++] = p;
	}
	for (unsigned int i = 0; i < sim->nthreads; i++) {
		sim->threads[i].sim = sim;
		sim->threads[i].id = i;
	}
	return 0;
}

void sim_teardown(struct sim *sim)
{
	pagecache_destroy(sim->pc);
	pthread_mutex_destroy(&sim->free_lock);
	free(sim->threads);
	free(sim->free);
	free(sim->pages);
}

/* Pop a free page: this thread's cache first, refilled from the shared list. */
static struct sim_page *sim_pop(struct sim_thread *t)
{
	struct sim *sim = t->sim;

	if (!t->ncache) {
		pthread_mutex_lock(&sim->free_lock);
		while (sim->nfree && t->ncache < SIM_CACHE_MAX / 2)
			t->cache[t->ncache++] = sim->free[--sim->nfree];
		pthread_mutex_unlock(&sim->free_lock);
	}
	return t->ncache ? t->cache[--t->ncache] : NULL;
}

static void sim_push(struct sim_thread *t, struct sim_page *p)
{
	struct sim *sim = t->sim;

	if (t->ncache == SIM_CACHE_MAX) {
		pthread_mutex_lock(&sim->free_lock);
		while (t->ncache > SIM_CACHE_MAX / 2)
			sim->free[sim->nfree++] = t->cache[--t->ncache];
		pthread_mutex_unlock(&sim->free_lock);
	}
	t->cache[t->ncache++] = p;
}

/**
 * sim_alloc - take a free page and give it a new life with one owner.
 * @t:     the allocating thread
 * @state: what the page is for (SIM_ANON or SIM_CACHE)
 * @file:  identity: file (SIM_ANON_FILE for anonymous memory)
 * @index: identity: index
 * @seed:  identity: which contents
 * @copy:  the payload to copy (migration), or NULL to derive it
 *
 * The identity and payload are written before set_page_refcounted() makes
 * the count live; publishing the page (page-cache insertion) is the
 * caller's business, as it is the kernel's.
 * Return: the page, holding one reference; NULL if none is free.
 */
struct sim_page *sim_alloc(struct sim_thread *t, enum sim_state state, uint64_t file,
			   uint64_t index, uint64_t seed, const uint64_t *copy)
{
	struct sim_page *p = sim_pop(t);

	if (!p)
		return NULL;
	if (atomic_load_explicit(&p->state, memory_order_relaxed) != SIM_FREE)
		sim_violation(p, "the free list holds a page that is in use");
	if (!page_ref_is_frozen(&p->folio.page))
		sim_violation(p, "a free page is not frozen: a try-get can revive it");
	atomic_fetch_add_explicit(&p->life, 1, memory_order_relaxed);
	atomic_store_explicit(&p->file, file, memory_order_relaxed);
	atomic_store_explicit(&p->index, index, memory_order_relaxed);
	atomic_store_explicit(&p->seed, seed, memory_order_relaxed);
	sim_payload_unpoison(p);
	if (copy)
		memcpy(p->payload, copy, sizeof(p->payload));
	else
		for (unsigned int w = 0; w < SIM_PAYLOAD_WORDS; w++)
			p->payload[w] = sim_payload_word(file, index, seed, w);
	atomic_store_explicit(&p->locked, 0, memory_order_relaxed);
	atomic_store_explicit(&p->holders, 1, memory_order_relaxed);
	atomic_store_explicit(&p->state, state, memory_order_relaxed);
	/*
	 * release: a getter whose acquiring try-get reads the count stored
	 * next sees the state and identity above (fence-to-acquire pairing).
	 */
	atomic_thread_fence(memory_order_release);
	set_page_refcounted(&p->folio.page);
	return p;
}

/**
 * sim_free - the page allocator's free: the page must have no owners left.
 * @t: the freeing thread
 * @p: a page whose last put or freeze this thread just won
 *
 * Checks that the page is frozen, that no holder is left and that it is not
 * free already, then poisons the payload and stores the free count with
 * set_page_count_frozen() (where v1-store-zero stores 0).
 */
void sim_free(struct sim_thread *t, struct sim_page *p)
{
	int32_t holders = atomic_load_explicit(&p->holders, memory_order_relaxed);

	if (!page_ref_is_frozen(&p->folio.page))
		sim_violation(p, "freeing a page that is not frozen");
	if (holders)
		sim_violation(p, "freeing a page that %d holder(s) still reference", (int)holders);
	if (atomic_exchange_explicit(&p->state, SIM_FREE, memory_order_relaxed) == SIM_FREE)
		sim_violation(p, "double free");
	for (unsigned int w = 0; w < SIM_PAYLOAD_WORDS; w++)
		p->payload[w] = SIM_POISON ^ w;
	sim_payload_poison(p);
	set_page_count_frozen(&p->folio.page);
	sim_push(t, p);
}

/**
 * sim_tryget - folio_try_get() plus the check every successful get makes.
 * @p: any page of the pool, in any state
 *
 * A reference keeps the page from being freed, so whatever state we read
 * after a successful try-get must be a live one.
 * Return: true if the caller now holds a reference (counted in holders).
 */
bool sim_tryget(struct sim_page *p)
{
	if (!folio_try_get(&p->folio))
		return false;
	atomic_fetch_add_explicit(&p->holders, 1, memory_order_relaxed);
	if (atomic_load_explicit(&p->state, memory_order_relaxed) == SIM_FREE)
		sim_violation(p, "a try-get succeeded on a free page");
	return true;
}

/*
 * The put that returned "last" froze the page; if its lifetime moved on
 * since our reference was taken, the window between a put's decrement and
 * its freezing CAS let the page be freed and reallocated, and we now free
 * the next life on its owner's behalf (the ABA of the v4 review). Counted:
 * the count is right, but this thread never synchronised with that life's
 * owner unless the CAS acquires, which TSan checks on the frees that follow.
 */
static void sim_count_aba(struct sim_thread *t, struct sim_page *p, uint64_t life)
{
	if (atomic_load_explicit(&p->life, memory_order_relaxed) != life)
		t->events[SIM_EV_ABA]++;
}

/**
 * sim_put - folio_put() for a reader or a getter.
 * @t: the calling thread
 * @p: a page it holds a reference to
 *
 * Frees the page if this was the last reference.
 */
void sim_put(struct sim_thread *t, struct sim_page *p)
{
	uint64_t life = atomic_load_explicit(&p->life, memory_order_relaxed);

	atomic_fetch_sub_explicit(&p->holders, 1, memory_order_relaxed);
	if (folio_put_testzero(&p->folio)) {
		t->events[SIM_EV_LAST_PUT_FREE]++;
		sim_count_aba(t, p, life);
		sim_free(t, p);
	}
}

/**
 * sim_put_last - the owner's drop where it expects to be last.
 * @t: the calling thread
 * @p: a page it holds a reference to
 *
 * folio_put_testzero_last(), as munmap of anonymous memory would use it;
 * frees the page if this was the last reference.
 * Return: true if it was.
 */
bool sim_put_last(struct sim_thread *t, struct sim_page *p)
{
	uint64_t life = atomic_load_explicit(&p->life, memory_order_relaxed);

	atomic_fetch_sub_explicit(&p->holders, 1, memory_order_relaxed);
	if (!folio_put_testzero_last(&p->folio))
		return false;
	sim_count_aba(t, p, life);
	sim_free(t, p);
	return true;
}

/* Every thread's cached free pages back to the shared list. */
void sim_drain(struct sim *sim)
{
	for (unsigned int i = 0; i < sim->nthreads; i++) {
		struct sim_thread *t = &sim->threads[i];

		while (t->ncache)
			sim->free[sim->nfree++] = t->cache[--t->ncache];
	}
}

static void sim_check_page(struct sim *sim, struct sim_page *p, unsigned int *ncache)
{
	uint32_t state = atomic_load_explicit(&p->state, memory_order_relaxed);
	int32_t holders = atomic_load_explicit(&p->holders, memory_order_relaxed);
	int count = page_ref_count(&p->folio.page);
	bool frozen = page_ref_is_frozen(&p->folio.page);

	if (atomic_load_explicit(&p->locked, memory_order_relaxed))
		sim_violation(p, "page left locked at quiescence");
	if (state == SIM_FREE) {
		if (!frozen || holders)
			sim_violation(p, "free page at quiescence is not frozen or has holders");
		return;
	}
	if (state == SIM_ANON)
		sim_violation(p, "lost page: anonymous memory that nobody freed (count %d)", count);
	/* SIM_CACHE: the page cache's reference and nothing else. */
	if (frozen || count != holders || holders != 1)
		sim_violation(p, "page-cache page at quiescence: count %d%s, shadow count %d,"
			      " expected 1", count, frozen ? " (frozen)" : "", (int)holders);
	rcu_read_lock();
	if (pagecache_lookup(sim->pc, atomic_load_explicit(&p->file, memory_order_relaxed),
			     atomic_load_explicit(&p->index, memory_order_relaxed)) != &p->folio)
		sim_violation(p, "lost page: a page-cache page that is not mapped");
	rcu_read_unlock();
	(*ncache)++;
}

/**
 * sim_check_quiescent - with no thread running, account for every page.
 * @sim: the simulation, between rounds
 *
 * Every page is free (frozen, on a free list, exactly once) or mapped in
 * the page cache with exactly the cache's reference; every mapped key holds
 * a page-cache page with that identity. Also fails on any misuse the
 * library itself reported.
 */
void sim_check_quiescent(struct sim *sim)
{
	unsigned int ncache = 0, nfree = 0, mapped = 0;

	if (pageref_misuse_count())
		sim_violation(NULL, "the library reported %lu misuse(s), see above",
			      pageref_misuse_count());
	sim_drain(sim);
	for (unsigned int i = 0; i < sim->nfree; i++)
		if (atomic_load_explicit(&sim->free[i]->state, memory_order_relaxed) != SIM_FREE)
			sim_violation(sim->free[i], "the free list holds a page in use");
	for (unsigned int i = 0; i < sim->npages; i++) {
		sim_check_page(sim, &sim->pages[i], &ncache);
		nfree += atomic_load_explicit(&sim->pages[i].state, memory_order_relaxed) == SIM_FREE;
	}
	if (nfree != sim->nfree)
		sim_violation(NULL, "%u free pages but %u on the free lists", nfree, sim->nfree);
	rcu_read_lock();
	for (uint64_t f = 0; f < sim->nfiles; f++)
		for (uint64_t i = 0; i < sim->nindex; i++) {
			struct folio *folio = pagecache_lookup(sim->pc, f, i);
			struct sim_page *p = folio ? sim_page_of(folio) : NULL;

			if (!p)
				continue;
			mapped++;
			if (atomic_load_explicit(&p->file, memory_order_relaxed) != f ||
			    atomic_load_explicit(&p->index, memory_order_relaxed) != i)
				sim_violation(p, "mapped at file %llu index %llu with another identity",
					      (unsigned long long)f, (unsigned long long)i);
		}
	rcu_read_unlock();
	if (mapped != ncache)
		sim_violation(NULL, "%u pages mapped but %u page-cache pages", mapped, ncache);
}
