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

/* The other operations are v1's. */
#define SCHEME_CHILD	pageref_v1_no_reset
#define SCHEME_PARENT	pageref_v1
#define SCHEME_OWN_tryget
#include "inherit.h"

#endif /* PAGEREF_SCHEME_V1_NO_RESET_H */
