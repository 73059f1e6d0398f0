/* SPDX-License-Identifier: MIT */
/*
 * v1-no-reset (known-bad) - lab/schemes/v1_no_reset.h: the RFC idea with no
 * reset at all; failed try-gets leave their increments behind forever.
 *
 *   tryget(nr)    return !(atomic_add_return(nr) & LOCKED);
 *
 * Expected: I-get fails. From the boot strays (one below the limit), five
 * failed try-gets carry through LOCKED and wrap the word to a small count:
 * the next try-get "succeeds" on a free page. Needs five try-gets in all,
 * so no counterexample exists with fewer (2 threads, 3 attempts: none).
 */
#include "env.pml"

#define HAVE_TRYGET
inline scheme_tryget(nr, ok)
{
	atomic {
		STEP; w = (w + nr) & MASK;
		ok = !(w & FROZEN);
		if
		:: ok -> got()
		:: else
		fi
	}
}

#include "v1.pml"
