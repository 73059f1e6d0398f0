/* SPDX-License-Identifier: MIT */
/*
 * v1-reread (known-bad) - the reset re-reads the counter and CASes what it
 * read to LOCKED, instead of CASing the value its own add returned. It is
 * the mistake rcuref_put() fixed in 2025 ("decide on the value your RMW
 * returned"): if the counter was unfrozen between the add and the re-read,
 * the reset freezes a live counter and its owners' references vanish.
 */
#ifndef PAGEREF_SCHEME_V1_REREAD_H
#define PAGEREF_SCHEME_V1_REREAD_H

#include "v1.h"

static inline bool pageref_v1_reread_tryget(pageref_t *r, uint32_t nr)
{
	uint32_t val = pageref_v1_add_return(r, nr);

	if (!(val & PAGEREF_V1_LOCKED))
		return true;
	if (val >= PAGEREF_V1_LOCKED_LIMIT) {
		val = pageref_atomic_load(r, memory_order_relaxed);
		pageref_atomic_cmpxchg(r, val, PAGEREF_V1_LOCKED, memory_order_relaxed);
	}
	return false;
}

/* The other operations are v1's. */
#define SCHEME_CHILD	pageref_v1_reread
#define SCHEME_PARENT	pageref_v1
#define SCHEME_OWN_tryget
#include "inherit.h"

#endif /* PAGEREF_SCHEME_V1_REREAD_H */
