/* SPDX-License-Identifier: MIT */
/*
 * v1 - "mm: implement page refcount locking via dedicated bit", as posted on
 * 26 Feb 2026 (the code the seed review quotes).
 *
 *   page_ref_add_unless_zero():  val = atomic_add_return(nr); ok = !(val & LOCKED);
 *                                while (val >= LOCKED_LIMIT)
 *                                        val = atomic_cmpxchg_relaxed(val -> LOCKED);
 *   page_ref_sub_and_test():     if (atomic_sub_and_test(nr))
 *                                        ret = !atomic_cmpxchg_relaxed(0 -> LOCKED);
 *   page_ref_freeze():           cmpxchg(expected -> LOCKED)
 *
 * atomic_cmpxchg() returns the old value, so after a successful reset the
 * loop runs once more (a wasted CAS that v5 removed). The freeze CAS of the
 * last put is relaxed as posted: see doc/design.md on what that leaves to a
 * destructor that reads the page. A free page holds LOCKED here (the v2+
 * rule); the v1-store-zero variant keeps the old set_page_count(0).
 */
#ifndef PAGEREF_SCHEME_V1_H
#define PAGEREF_SCHEME_V1_H

#include "upstream.h"

#define PAGEREF_V1_LOCKED	((uint32_t)1 << PAGEREF_COUNT_BITS)
#define PAGEREF_V1_LOCKED_LIMIT	(PAGEREF_V1_LOCKED | (PAGEREF_V1_LOCKED >> 1))

static inline void pageref_v1_init_frozen(pageref_t *r)
{
	pageref_atomic_store(r, PAGEREF_V1_LOCKED, memory_order_relaxed);
}

/* atomic_add_return(): fully ordered in the kernel. */
static inline uint32_t pageref_v1_add_return(pageref_t *r, uint32_t nr)
{
	/* acq_rel: pairs with the release in unfreeze() and the puts */
	return pageref_atomic_fetch_add(r, nr, memory_order_acq_rel) + nr;
}

static inline bool pageref_v1_tryget(pageref_t *r, uint32_t nr)
{
	uint32_t val = pageref_v1_add_return(r, nr);
	bool ret = !(val & PAGEREF_V1_LOCKED);

	/* Undo atomic_add() if counter is locked and scary big */
	while (pageref_unlikely(val >= PAGEREF_V1_LOCKED_LIMIT))
		val = pageref_atomic_cmpxchg(r, val, PAGEREF_V1_LOCKED, memory_order_relaxed);
	return ret;
}

/* Unchanged from today: set_page_count(), page_ref_add(), atomic_sub_and_test(). */
#define pageref_v1_init		pageref_upstream_init
#define pageref_v1_get		pageref_upstream_get
#define pageref_v1_sub_and_test	pageref_upstream_put

static inline bool pageref_v1_put(pageref_t *r, uint32_t nr)
{
	if (!pageref_v1_sub_and_test(r, nr))
		return false;
	return pageref_atomic_cmpxchg(r, 0, PAGEREF_V1_LOCKED, memory_order_relaxed) == 0;
}

static inline bool pageref_v1_put_last(pageref_t *r, uint32_t nr)
{
	return pageref_v1_put(r, nr);
}

static inline bool pageref_v1_freeze(pageref_t *r, uint32_t expected)
{
	/* acq_rel: pairs with the release of the puts that left @expected */
	return pageref_atomic_try_cmpxchg(r, &expected, PAGEREF_V1_LOCKED,
					  memory_order_acq_rel, memory_order_relaxed);
}

#define pageref_v1_unfreeze	pageref_upstream_unfreeze

static inline uint32_t pageref_v1_count(const pageref_t *r)
{
	uint32_t v = pageref_atomic_load(r, memory_order_relaxed);

	return (v & PAGEREF_V1_LOCKED) ? 0 : v;
}

static inline bool pageref_v1_is_frozen(const pageref_t *r)
{
	return pageref_atomic_load(r, memory_order_relaxed) & PAGEREF_V1_LOCKED;
}

#endif /* PAGEREF_SCHEME_V1_H */
