/* SPDX-License-Identifier: MIT */
/*
 * v1-dec-undo (known-bad) - a failed try-get undoes its increment with
 * atomic_dec instead of leaving it behind: David Hildenbrand's second
 * question. If the counter was unfrozen (or reallocated) between the add
 * and the undo, the decrement takes away a reference that belongs to
 * someone else, and a later put frees an object that still has an owner.
 */
#ifndef PAGEREF_SCHEME_V1_DEC_UNDO_H
#define PAGEREF_SCHEME_V1_DEC_UNDO_H

#include "v1.h"

static inline bool pageref_v1_dec_undo_tryget(pageref_t *r, uint32_t nr)
{
	if (!(pageref_v1_add_return(r, nr) & PAGEREF_V1_LOCKED))
		return true;
	pageref_atomic_fetch_sub(r, nr, memory_order_relaxed);
	return false;
}

/* The other operations are v1's. */
#define SCHEME_CHILD	pageref_v1_dec_undo
#define SCHEME_PARENT	pageref_v1
#define SCHEME_OWN_tryget
#include "inherit.h"

#endif /* PAGEREF_SCHEME_V1_DEC_UNDO_H */
