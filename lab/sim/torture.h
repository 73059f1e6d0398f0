/* SPDX-License-Identifier: MIT */
/*
 * lab/sim/torture.h - the page-lifecycle simulation behind `pageref torture`.
 *
 * A pool of pages lives through allocation, the page cache, anonymous use,
 * truncation, migration and freeing, on real threads, through the
 * kernel-shaped API of page_ref_dispatch.h, calling the scheme under test. Each
 * page carries its identity and lifetime in atomics and a payload derived
 * from them; each path checks what it may rely on and reports the first
 * violation with the page, its lifetime and its counter. doc/torture.md
 * lists the invariants.
 */
#ifndef PAGEREF_SIM_TORTURE_H
#define PAGEREF_SIM_TORTURE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <pageref-lab/util.h>

#include "page_ref_dispatch.h"
#include "pagecache.h"

#define SIM_PAYLOAD_WORDS	32	/* 256 bytes per page */
#define SIM_COPY_WORDS		8	/* a reader copies 64 bytes */
#define SIM_CACHE_MAX		8	/* per-thread free pages, like the pcp lists */
#define SIM_ANON_FILE		UINT64_MAX

enum sim_state {
	SIM_FREE,			/* in the allocator: frozen, no owners */
	SIM_ANON,			/* anonymous: one owner, plus speculative getters */
	SIM_CACHE,			/* page cache, or on its way in or out */
	SIM_NR_STATES
};

struct sim_page {
	struct folio folio;		/* the refcount under test */
	_Atomic uint32_t state;		/* enum sim_state */
	_Atomic uint32_t locked;	/* PG_locked: serialises truncate and migrate */
	_Atomic int32_t holders;	/* shadow count: references the sim knows of */
	_Atomic uint64_t life;		/* allocations so far: which lifetime this is */
	_Atomic uint64_t file, index, seed;	/* identity; the payload derives from it */
	uint64_t payload[SIM_PAYLOAD_WORDS];
};

/* Operation kinds, chosen per step by weight (--mix). */
enum sim_op {
	SIM_OP_READ,
	SIM_OP_GUP,
	SIM_OP_ANON,
	SIM_OP_POPULATE,
	SIM_OP_TRUNCATE,
	SIM_OP_MIGRATE,
	SIM_NR_OPS
};

/* What an operation ended in; counted per thread, summed at the end. */
enum sim_event {
	SIM_EV_READ_HIT,		/* got, rechecked, verified, copied */
	SIM_EV_READ_MISS,		/* nothing mapped there */
	SIM_EV_READ_FROZEN,		/* try-get failed: frozen or being freed */
	SIM_EV_READ_STALE,		/* got it, but it was no longer mapped there */
	SIM_EV_GUP_GOT,
	SIM_EV_GUP_FROZEN,
	SIM_EV_ANON_LAST,		/* the owner's put was the last one */
	SIM_EV_ANON_SHARED,		/* a speculative getter held it: its put freed it */
	SIM_EV_POPULATE_NEW,
	SIM_EV_POPULATE_TAKEN,
	SIM_EV_TRUNCATE_FREED,		/* frozen at the expected count, freed */
	SIM_EV_TRUNCATE_PUTBACK,	/* freeze failed: put back in the cache */
	SIM_EV_TRUNCATE_DROPPED,	/* freeze failed, slot taken: cache ref dropped */
	SIM_EV_MIGRATE_DONE,
	SIM_EV_MIGRATE_BUSY,		/* freeze failed: someone held a reference */
	SIM_EV_LOCK_BUSY,		/* truncate or migrate found the page locked */
	SIM_EV_ALLOC_EMPTY,		/* no free page */
	SIM_EV_LAST_PUT_FREE,		/* a reader's or getter's put was the last */
	SIM_EV_ABA,			/* a last put froze a later lifetime */
	SIM_NR_EVENTS
};

struct sim;

struct sim_thread {
	struct sim *sim;
	unsigned int id;
	pthread_t tid;
	uint64_t rng;
	unsigned int ncache;
	struct sim_page *cache[SIM_CACHE_MAX];
	unsigned long ops[SIM_NR_OPS];
	unsigned long events[SIM_NR_EVENTS];
};

struct sim {
	const struct pageref_scheme *scheme;
	struct sim_page *pages;
	unsigned int npages;
	unsigned int nfiles, nindex;	/* the page cache's key space */
	struct pagecache *pc;
	unsigned int mix[SIM_NR_OPS];
	unsigned int mix_total;
	unsigned int nthreads;
	struct sim_thread *threads;
	pthread_mutex_t free_lock;	/* the zone lock */
	struct sim_page **free;		/* shared free list, a LIFO */
	unsigned int nfree;
	_Atomic uint64_t next_seed;
	_Atomic bool stop;
	double start;			/* for the time to the first violation */
};

extern const char *const sim_op_names[SIM_NR_OPS];
extern const char *const sim_event_names[SIM_NR_EVENTS];

/* mm.c: pages, the allocator, the checks. */
int sim_setup(struct sim *sim);
void sim_teardown(struct sim *sim);
struct sim_page *sim_page_of(struct folio *folio);
struct sim_page *sim_alloc(struct sim_thread *t, enum sim_state state, uint64_t file,
			   uint64_t index, uint64_t seed, const uint64_t *copy);
void sim_free(struct sim_thread *t, struct sim_page *p);
bool sim_tryget(struct sim_page *p);
void sim_put(struct sim_thread *t, struct sim_page *p);
bool sim_put_last(struct sim_thread *t, struct sim_page *p);
uint64_t sim_payload_word(uint64_t file, uint64_t index, uint64_t seed, unsigned int w);
void sim_check_quiescent(struct sim *sim);
void sim_drain(struct sim *sim);
_Noreturn void sim_violation(const struct sim_page *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* paths.c: the mm paths, one step at a time. */
void *sim_worker(void *arg);

/* chaos.c */
extern bool sim_chaos;

#endif /* PAGEREF_SIM_TORTURE_H */
