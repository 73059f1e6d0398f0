/* SPDX-License-Identifier: MIT */
/*
 * v1-or (known-bad) - the last put sets LOCKED with atomic_or instead of
 * CAS(0 -> LOCKED): David Hildenbrand's first question. Between the
 * decrement and the OR, a try-get may take 0 -> 1 and keep its reference;
 * the OR then freezes a counter that has an owner, and the put frees it.
 */
#ifndef PAGEREF_SCHEME_V1_OR_H
#define PAGEREF_SCHEME_V1_OR_H

#include "v1.h"

static inline bool pageref_v1_or_put(pageref_t *r, uint32_t nr)
{
	if (!pageref_v1_sub_and_test(r, nr))
		return false;
	pageref_atomic_fetch_or(r, PAGEREF_V1_LOCKED, memory_order_relaxed);
	return true;
}

#define pageref_v1_or_put_last	pageref_v1_or_put

/* The other operations are v1's. */
#define SCHEME_CHILD	pageref_v1_or
#define SCHEME_PARENT	pageref_v1
#define SCHEME_OWN_put
#define SCHEME_OWN_put_last
#include "inherit.h"

#endif /* PAGEREF_SCHEME_V1_OR_H */
