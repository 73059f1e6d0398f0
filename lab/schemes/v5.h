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

/* The other operations are v1's. */
#define SCHEME_CHILD	pageref_v5
#define SCHEME_PARENT	pageref_v1
#define SCHEME_OWN_tryget
#include "inherit.h"

#endif /* PAGEREF_SCHEME_V5_H */
