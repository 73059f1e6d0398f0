/* SPDX-License-Identifier: MIT */
/*
 * v1-no-reset (known-bad) - the RFC idea without any reset: failed
 * try-gets leave their increments behind forever. Enough of them carry
 * the low bits through the LOCKED bit and wrap the word to a small live
 * count: a dead or frozen object comes back to life. The checker reaches
 * this with a narrow counter; at 31 bits it takes 2^31 failed gets.
 */
#ifndef PAGEREF_SCHEME_V1_NO_RESET_H
#define PAGEREF_SCHEME_V1_NO_RESET_H

#include "v1.h"

static inline bool pageref_v1_no_reset_tryget(pageref_t *r, uint32_t nr)
{
	return !(pageref_v1_add_return(r, nr) & PAGEREF_V1_LOCKED);
}

#define pageref_v1_no_reset_init         pageref_v1_init
#define pageref_v1_no_reset_init_frozen  pageref_v1_init_frozen
#define pageref_v1_no_reset_get          pageref_v1_get
#define pageref_v1_no_reset_put          pageref_v1_put
#define pageref_v1_no_reset_put_last     pageref_v1_put_last
#define pageref_v1_no_reset_freeze       pageref_v1_freeze
#define pageref_v1_no_reset_unfreeze     pageref_v1_unfreeze
#define pageref_v1_no_reset_count        pageref_v1_count
#define pageref_v1_no_reset_is_frozen    pageref_v1_is_frozen

#endif /* PAGEREF_SCHEME_V1_NO_RESET_H */
