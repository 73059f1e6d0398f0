/* SPDX-License-Identifier: MIT */
/*
 * v1 - lab/schemes/v1.h: the patch as posted on 26 Feb 2026.
 *
 *   tryget(nr)    val = atomic_add_return(nr);           (fully ordered)
 *                 ret = !(val & LOCKED);
 *                 while (val >= LOCKED_LIMIT)
 *                         val = atomic_cmpxchg_relaxed(val -> LOCKED);
 *                 return ret;
 *   get(nr)       atomic_fetch_add(nr)
 *   put(nr)       if (atomic_sub_and_test(nr))
 *                         return atomic_cmpxchg_relaxed(0 -> LOCKED) == 0;
 *                 return false;
 *   freeze(e)     atomic_try_cmpxchg(e -> LOCKED)
 *   unfreeze(n)   atomic_set_release(n)
 *   init(n)       atomic_set(n)            init_frozen()  atomic_set(LOCKED)
 *
 * v5 and the known-bad variants include env.pml, define the operations
 * they change (and HAVE_<op> for each), then include this file. A free page
 * starts with strays one below the reset limit (BOOT_STRAYS) unless the
 * variant leaves none behind.
 */
#include "env.pml"

#ifndef BOOT_STRAYS
#define BOOT_STRAYS	(LIMIT - FROZEN - 1)
#endif

#define IS_FROZEN(v)	(((v) & FROZEN) != 0)

#ifndef HAVE_INIT
inline scheme_init(n)
{
	atomic { STEP; w = n; born(n) }
}
#endif

#ifndef HAVE_INIT_FROZEN
inline scheme_init_frozen()
{
	atomic { STEP; w = FROZEN }
}
#endif

#ifndef HAVE_TRYGET
inline scheme_tryget(nr, ok)
{
	atomic {
		STEP; w = (w + nr) & MASK; val = w;
		ok = !(val & FROZEN);
		if
		:: ok -> got()
		:: else
		fi
	}
	do
	:: val >= LIMIT ->
		atomic {	/* val = atomic_cmpxchg_relaxed(val -> LOCKED) */
			STEP; old = w;
			if
			:: w == val -> w = FROZEN
			:: else
			fi;
			val = old
		}
	:: else -> break
	od
}
#endif

inline scheme_get(nr)
{
	atomic { STEP; w = (w + nr) & MASK; gained(nr) }
}

#ifndef HAVE_PUT
inline scheme_put(nr, last)
{
	atomic {	/* atomic_sub_and_test(nr) */
		STEP; last = (w == nr); w = (w - nr) & MASK; dropped(nr)
	}
	if
	:: last ->
		atomic {	/* atomic_cmpxchg_relaxed(0 -> LOCKED) == 0 */
			STEP; last = (w == 0);
			if
			:: last -> w = FROZEN; released()
			:: else
			fi
		}
	:: else
	fi
}
#endif

#ifndef HAVE_FREEZE
inline scheme_freeze(e, ok)
{
	atomic {
		STEP; ok = (w == e);
		if
		:: ok -> w = FROZEN; froze(e)
		:: else
		fi
	}
}
#endif

#ifndef HAVE_UNFREEZE
inline scheme_unfreeze(n)
{
	atomic { STEP; w = n; thawed(n) }
}
#endif

#include "threads.pml"
