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
#define pageref_v1_or_init         pageref_v1_init
#define pageref_v1_or_init_frozen  pageref_v1_init_frozen
#define pageref_v1_or_tryget       pageref_v1_tryget
#define pageref_v1_or_get          pageref_v1_get
#define pageref_v1_or_freeze       pageref_v1_freeze
#define pageref_v1_or_unfreeze     pageref_v1_unfreeze
#define pageref_v1_or_count        pageref_v1_count
#define pageref_v1_or_is_frozen    pageref_v1_is_frozen

#endif /* PAGEREF_SCHEME_V1_OR_H */
