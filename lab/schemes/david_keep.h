/* SPDX-License-Identifier: MIT */
/*
 * david-keep (known-bad under the try-get contract) - David Hildenbrand's
 * alternative from the seed review: freeze keeps the references and only
 * sets the bit, unfreeze only clears it, allocation adds one and clears it,
 * so that a failed try-get can undo with a plain atomic_dec.
 *
 * The undo is then a put in disguise: once the bit is cleared, the strays
 * still in flight are counted as references, and the last owner's put may
 * leave only strays behind. The failed getter whose undo reaches zero holds
 * the last "reference" but pageref_tryget() returns false, so nobody frees
 * the object (a leak). Making it correct needs a try-get that can return
 * "failed, and you must release it", on every caller. It also makes the
 * allocation path an RMW where today it is a store, and the free path an
 * RMW too (init_frozen sets the bit and keeps the strays). unfreeze(count)
 * here assumes count equals the count frozen, as "only clears the bit"
 * implies; init(count) assumes a word that init_frozen() prepared.
 */
#ifndef PAGEREF_SCHEME_DAVID_KEEP_H
#define PAGEREF_SCHEME_DAVID_KEEP_H

#include "v1.h"

/* Allocation: add the new owners and clear the bit in one RMW. */
static inline void pageref_david_keep_init(pageref_t *r, uint32_t count)
{
	/* release: pairs with the acquire of a successful try-get */
	pageref_atomic_fetch_add(r, count + PAGEREF_V1_LOCKED, memory_order_release);
}

/*
 * Free: set the bit, keep the rest. A store would discard the strays of
 * failed getters whose atomic_dec undo is still to come.
 */
static inline void pageref_david_keep_init_frozen(pageref_t *r)
{
	pageref_atomic_fetch_or(r, PAGEREF_V1_LOCKED, memory_order_relaxed);
}

static inline bool pageref_david_keep_tryget(pageref_t *r, uint32_t nr)
{
	if (!(pageref_v1_add_return(r, nr) & PAGEREF_V1_LOCKED))
		return true;
	/* Undo; reaching zero means ours was the last count, and we drop it. */
	if (pageref_v1_sub_and_test(r, nr))
		pageref_atomic_cmpxchg(r, 0, PAGEREF_V1_LOCKED, memory_order_relaxed);
	return false;
}

static inline bool pageref_david_keep_freeze(pageref_t *r, uint32_t expected)
{
	/* acq_rel: pairs with the release of the puts that left @expected */
	return pageref_atomic_try_cmpxchg(r, &expected, expected | PAGEREF_V1_LOCKED,
					  memory_order_acq_rel, memory_order_relaxed);
}

static inline void pageref_david_keep_unfreeze(pageref_t *r, uint32_t count)
{
	(void)count;
	/* release: pairs with the acquire of a successful try-get */
	pageref_atomic_fetch_and(r, ~PAGEREF_V1_LOCKED, memory_order_release);
}

/* The other operations are v1's. */
#define SCHEME_CHILD	pageref_david_keep
#define SCHEME_PARENT	pageref_v1
#define SCHEME_OWN_init
#define SCHEME_OWN_init_frozen
#define SCHEME_OWN_tryget
#define SCHEME_OWN_freeze
#define SCHEME_OWN_unfreeze
#include "inherit.h"

#endif /* PAGEREF_SCHEME_DAVID_KEEP_H */
