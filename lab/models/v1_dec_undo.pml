/* SPDX-License-Identifier: MIT */
/*
 * v1-dec-undo (known-bad) - lab/schemes/v1_dec_undo.h: a failed try-get undoes
 * its increment with atomic_dec instead of leaving it behind.
 *
 *   tryget(nr)    if (!(atomic_add_return(nr) & LOCKED))
 *                         return true;
 *                 atomic_sub(nr);
 *                 return false;
 *
 * Expected: a reference invariant fails. If the page is unfrozen (or
 * reallocated) between the add and the undo, the undo takes away a
 * reference someone else owns. Failed gets leave no strays: BOOT_STRAYS 0.
 */
#include "env.pml"

#define BOOT_STRAYS	0

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
	if
	:: !ok -> atomic { STEP; w = (w - nr) & MASK }	/* atomic_sub(nr) */
	:: else
	fi
}

#include "v1.pml"
