/* SPDX-License-Identifier: MIT */
/*
 * assume1 - Linus Torvalds' proposal of 1 March 2026: keep the CAS loop of
 * upstream but do not read first; guess that the count is 1. A right guess
 * saves the load (and its shared-state miss); a wrong one costs a failed
 * CAS, which returns the real value for the next try. Still a CAS loop.
 * Everything but the try-get is upstream's.
 */
#ifndef PAGEREF_SCHEME_ASSUME1_H
#define PAGEREF_SCHEME_ASSUME1_H

#include "upstream.h"

static inline bool pageref_assume1_tryget(pageref_t *r, uint32_t nr)
{
	uint32_t old = 1;	/* "Assume count == 1, don't read it!" */

	do {
		/* acq_rel: as upstream's try-get */
		if (pageref_atomic_try_cmpxchg(r, &old, old + nr,
					       memory_order_acq_rel, memory_order_relaxed))
			return true;
	} while (old != 0);
	return false;
}

#define pageref_assume1_init		pageref_upstream_init
#define pageref_assume1_init_frozen	pageref_upstream_init_frozen
#define pageref_assume1_get		pageref_upstream_get
#define pageref_assume1_put		pageref_upstream_put
#define pageref_assume1_put_last	pageref_upstream_put_last
#define pageref_assume1_freeze		pageref_upstream_freeze
#define pageref_assume1_unfreeze	pageref_upstream_unfreeze
#define pageref_assume1_count		pageref_upstream_count
#define pageref_assume1_is_frozen	pageref_upstream_is_frozen

#endif /* PAGEREF_SCHEME_ASSUME1_H */
