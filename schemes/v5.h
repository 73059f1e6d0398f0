/* SPDX-License-Identifier: MIT */
/*
 * v5 - the last posted design (26 Jun 2026), as far as the thread shows it:
 * v1 with the bit renamed FROZEN, reads that report 0 for a frozen page,
 * set_page_count_frozen() in place of every store of 0 (so a free page is
 * FROZEN, never 0: zero exists only inside the last put), WARN_ON_ONCE
 * checks, and a reset loop without v1's extra cycle. The v5 code itself was
 * not visible; what differs from v1 here is exactly that change log.
 */
#ifndef PAGEREF_SCHEME_V5_H
#define PAGEREF_SCHEME_V5_H

#include "v1.h"

static inline bool pageref_v5_tryget(pageref_t *r, uint32_t nr)
{
	uint32_t val = pageref_v1_add_return(r, nr);

	if (pageref_likely(!(val & PAGEREF_V1_LOCKED)))
		return true;
	/* try_cmpxchg: stop as soon as our reset lands */
	while (pageref_unlikely(val >= PAGEREF_V1_LOCKED_LIMIT) &&
	       !pageref_atomic_try_cmpxchg(r, &val, PAGEREF_V1_LOCKED,
					   memory_order_relaxed, memory_order_relaxed))
		;
	return false;
}

#define pageref_v5_init		pageref_v1_init
#define pageref_v5_init_frozen	pageref_v1_init_frozen
#define pageref_v5_get		pageref_v1_get
#define pageref_v5_put		pageref_v1_put
#define pageref_v5_put_last	pageref_v1_put_last
#define pageref_v5_freeze	pageref_v1_freeze
#define pageref_v5_unfreeze	pageref_v1_unfreeze
#define pageref_v5_count	pageref_v1_count
#define pageref_v5_is_frozen	pageref_v1_is_frozen

#endif /* PAGEREF_SCHEME_V5_H */
