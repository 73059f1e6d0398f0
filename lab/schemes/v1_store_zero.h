/* SPDX-License-Identifier: MIT */
/*
 * v1-store-zero (known-bad) - the free path stores 0, as set_page_count(0)
 * and __free_pages_core() did before v2. Zero has no LOCKED bit, so a
 * speculative try-get on a free page takes 0 -> 1 and "succeeds": Kiryl
 * Shutsemau's and David Hildenbrand's objection, and why v2 made zero a
 * state that exists only inside the last put.
 */
#ifndef PAGEREF_SCHEME_V1_STORE_ZERO_H
#define PAGEREF_SCHEME_V1_STORE_ZERO_H

#include "v1.h"

static inline void pageref_v1_store_zero_init_frozen(pageref_t *r)
{
	pageref_atomic_store(r, 0, memory_order_relaxed);	/* set_page_count(page, 0) */
}

/* The other operations are v1's. */
#define SCHEME_CHILD	pageref_v1_store_zero
#define SCHEME_PARENT	pageref_v1
#define SCHEME_OWN_init_frozen
#include "inherit.h"

#endif /* PAGEREF_SCHEME_V1_STORE_ZERO_H */
