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

/* The other operations are upstream's. */
#define SCHEME_CHILD	pageref_assume1
#define SCHEME_PARENT	pageref_upstream
#define SCHEME_OWN_tryget
#include "inherit.h"

#endif /* PAGEREF_SCHEME_ASSUME1_H */
