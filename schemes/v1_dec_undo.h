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

#define pageref_v1_dec_undo_init         pageref_v1_init
#define pageref_v1_dec_undo_init_frozen  pageref_v1_init_frozen
#define pageref_v1_dec_undo_get          pageref_v1_get
#define pageref_v1_dec_undo_put          pageref_v1_put
#define pageref_v1_dec_undo_put_last     pageref_v1_put_last
#define pageref_v1_dec_undo_freeze       pageref_v1_freeze
#define pageref_v1_dec_undo_unfreeze     pageref_v1_unfreeze
#define pageref_v1_dec_undo_count        pageref_v1_count
#define pageref_v1_dec_undo_is_frozen    pageref_v1_is_frozen

#endif /* PAGEREF_SCHEME_V1_DEC_UNDO_H */
