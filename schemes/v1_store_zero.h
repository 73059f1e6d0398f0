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

#define pageref_v1_store_zero_init         pageref_v1_init
#define pageref_v1_store_zero_tryget       pageref_v1_tryget
#define pageref_v1_store_zero_get          pageref_v1_get
#define pageref_v1_store_zero_put          pageref_v1_put
#define pageref_v1_store_zero_put_last     pageref_v1_put_last
#define pageref_v1_store_zero_freeze       pageref_v1_freeze
#define pageref_v1_store_zero_unfreeze     pageref_v1_unfreeze
#define pageref_v1_store_zero_count        pageref_v1_count
#define pageref_v1_store_zero_is_frozen    pageref_v1_is_frozen

#endif /* PAGEREF_SCHEME_V1_STORE_ZERO_H */
