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

#define pageref_v1_reread_init         pageref_v1_init
#define pageref_v1_reread_init_frozen  pageref_v1_init_frozen
#define pageref_v1_reread_get          pageref_v1_get
#define pageref_v1_reread_put          pageref_v1_put
#define pageref_v1_reread_put_last     pageref_v1_put_last
#define pageref_v1_reread_freeze       pageref_v1_freeze
#define pageref_v1_reread_unfreeze     pageref_v1_unfreeze
#define pageref_v1_reread_count        pageref_v1_count
#define pageref_v1_reread_is_frozen    pageref_v1_is_frozen

#endif /* PAGEREF_SCHEME_V1_REREAD_H */
