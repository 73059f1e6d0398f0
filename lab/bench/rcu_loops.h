/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/rcu_loops.h - the rcu workloads: liburcu's own counter,
 * urcu_ref (<urcu/ref.h>: get_unless_zero is a CAS loop, put a
 * sub-and-test), against pageref's RCU path (<pageref/urcu.h>), two threads
 * on one hot entry. Included by rcu.c (liburcu's default build: read lock
 * and unlock are calls into liburcu) and rcu_lgpl.c (_LGPL_SOURCE: they are
 * inlined), which define BENCH_RCU_BUILD first; each includes
 * rcu_body.h once per scheme. No include guard: one inclusion per unit.
 */
#include <urcu.h>
#include <urcu/ref.h>

#include <pageref/urcu.h>

#include "bench.h"
#include "scheme.h"

#define BENCH_LOOP		__attribute__((noinline, noclone))
/* What every reader finds in the entry's data. */
#define BENCH_RCU_DATA		0x5eedUL

/* The hot entry: both counters, only the measured row's is used. */
struct bench_rcu_entry {
	_Alignas(64) pageref_t ref;
	struct urcu_ref uref;
	unsigned long data;
	_Atomic unsigned long released;	/* urcu_ref's release ran: an error */
};

struct bench_rcu {
	_Alignas(64) struct bench_rcu_entry *slot;	/* rcu_assign_pointer()ed */
	struct bench_rcu_entry entry;
};

/* urcu_ref's release: the owner's reference stays, so it must never run. */
static void PAGEREF_PASTE(bench_rcu_release, BENCH_RCU_BUILD)(struct urcu_ref *ref)
{
	struct bench_rcu_entry *e = caa_container_of(ref, struct bench_rcu_entry, uref);

	/* relaxed: a tally, collected after the loops (bench_rcu_collect()) */
	atomic_fetch_add_explicit(&e->released, 1, memory_order_relaxed);
}

static inline bool bench_rcu_urcu_ref_tryget(struct bench_rcu_entry *e)
{
	return urcu_ref_get_unless_zero(&e->uref);
}

/* A wrongly last put is counted by the release, not here: 0. */
static inline int bench_rcu_urcu_ref_put(struct bench_rcu_entry *e)
{
	urcu_ref_put(&e->uref, PAGEREF_PASTE(bench_rcu_release, BENCH_RCU_BUILD));
	return 0;
}
#define bench_rcu_urcu_ref_put_covered	bench_rcu_urcu_ref_put

static inline bool bench_rcu_pageref_tryget(struct bench_rcu_entry *e)
{
	return pageref_rcu_tryget(&e->ref, 1);
}

static inline int bench_rcu_pageref_put(struct bench_rcu_entry *e)
{
	return pageref_rcu_put(&e->ref, 1);
}

static inline int bench_rcu_pageref_put_covered(struct bench_rcu_entry *e)
{
	return pageref_rcu_put_rcusafe(&e->ref, 1);
}

/* The releases so far, collected by whichever loop ends: none is missed,
 * since a release after the last loop has ended cannot happen. */
static inline uint64_t bench_rcu_collect(struct bench_rcu_entry *e)
{
	return atomic_exchange_explicit(&e->released, 0, memory_order_relaxed);
}

#define SCHEME_RCU_OP(op)	PAGEREF_PASTE(PAGEREF_PASTE(bench_rcu, SCHEME), op)

#define SCHEME	urcu_ref
#include "rcu_body.h"
#undef SCHEME
#define SCHEME	pageref
#include "rcu_body.h"
#undef SCHEME
