/* SPDX-License-Identifier: MIT */
/*
 * v1-reread (known-bad) - lab/schemes/v1_reread.h: the reset re-reads the
 * counter and CASes what it read, not the value its own add returned.
 *
 *   tryget(nr)    val = atomic_add_return(nr);
 *                 if (!(val & LOCKED))
 *                         return true;
 *                 if (val >= LOCKED_LIMIT) {
 *                         val = atomic_read();
 *                         atomic_cmpxchg_relaxed(val -> LOCKED);
 *                 }
 *                 return false;
 *
 * Expected: a reference invariant or I-end fails. The page is made live
 * (allocated or unfrozen) between the add and the re-read; the reset then
 * freezes a live count and its owners' references vanish.
 */
#include "env.pml"

#define HAVE_TRYGET
inline scheme_tryget(nr, ok)
{
	atomic {
		STEP; val = (w + nr) & MASK; w = val;
		ok = !(val & FROZEN);
		if
		:: ok -> got()
		:: else
		fi
	}
	if
	:: !ok && val >= LIMIT ->
		atomic { STEP; val = w };	/* atomic_read() */
		atomic {			/* atomic_cmpxchg_relaxed(val -> LOCKED) */
			STEP;
			if
			:: w == val -> w = FROZEN
			:: else
			fi
		}
	:: else
	fi
}

#include "v1.pml"
