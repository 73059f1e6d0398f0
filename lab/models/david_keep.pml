/* SPDX-License-Identifier: MIT */
/*
 * david-keep (known-bad) - lab/schemes/david_keep.h: freeze keeps the
 * references and only sets the bit, so that a failed try-get may undo with
 * a plain decrement (David Hildenbrand's alternative in the seed review).
 *
 *   init(n)       atomic_add_release(n + LOCKED)        (adds, clears the bit)
 *   tryget(nr)    if (!(atomic_add_return(nr) & LOCKED))
 *                         return true;
 *                 if (atomic_sub_and_test(nr))
 *                         atomic_cmpxchg_relaxed(0 -> LOCKED);
 *                 return false;
 *   freeze(e)     atomic_try_cmpxchg(e -> e | LOCKED)
 *   unfreeze(n)   atomic_fetch_andnot_release(LOCKED)
 *   init_frozen() atomic_or(LOCKED)                      (keeps the strays)
 *
 * Expected: a leak (I-end, or the allocator left waiting). Unfreezing turns
 * the strays in flight into counted references; after the owners' last put
 * the failed getter's undo reaches zero, and a try-get that returned false
 * frees nothing. Failed gets leave no strays: BOOT_STRAYS 0.
 */
#include "env.pml"

#define BOOT_STRAYS	0

#define HAVE_INIT
inline scheme_init(n)
{
	atomic { STEP; w = (w + n + FROZEN) & MASK; born(n) }
}

#define HAVE_INIT_FROZEN
inline scheme_init_frozen()
{
	atomic { STEP; w = w | FROZEN }
}

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
	:: !ok ->
		atomic { STEP; last = (w == nr); w = (w - nr) & MASK };	/* atomic_sub_and_test(nr) */
		if
		:: last ->
			atomic {	/* atomic_cmpxchg_relaxed(0 -> LOCKED) */
				STEP;
				if
				:: w == 0 -> w = FROZEN
				:: else
				fi
			}
		:: else
		fi
	:: else
	fi
}

#define HAVE_FREEZE
inline scheme_freeze(e, ok)
{
	atomic {
		STEP; ok = (w == e);
		if
		:: ok -> w = e | FROZEN; froze(e)
		:: else
		fi
	}
}

#define HAVE_UNFREEZE
inline scheme_unfreeze(n)
{
	atomic { STEP; w = w & ~FROZEN; thawed(n) }
}

#include "v1.pml"
