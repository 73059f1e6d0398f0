/* SPDX-License-Identifier: MIT */
/*
 * v1-or (known-bad) - lab/schemes/v1_or.h: the last put sets LOCKED with
 * atomic_or instead of CAS(0 -> LOCKED).
 *
 *   put(nr)       if (!atomic_sub_and_test(nr))
 *                         return false;
 *                 atomic_or(LOCKED);
 *                 return true;
 *
 * Expected: I-release fails. A try-get takes 0 -> 1 between the decrement
 * and the OR; the OR freezes a page that has an owner, and the put frees it.
 */
#include "env.pml"

#define HAVE_PUT
inline scheme_put(nr, last)
{
	atomic {	/* atomic_sub_and_test(nr) */
		STEP; last = (w == nr); w = (w - nr) & MASK; dropped(nr)
	}
	if
	:: last -> atomic { STEP; w = w | FROZEN; released() }	/* atomic_or(LOCKED) */
	:: else
	fi
}

#include "v1.pml"
