/* SPDX-License-Identifier: MIT */
/*
 * upstream - lab/schemes/upstream.h: include/linux/page_ref.h today.
 * 0 is frozen (and dead); there is no flag bit.
 *
 *   tryget(nr)    old = atomic_read();                  atomic_add_unless(nr, 0)
 *                 do {
 *                         if (old == 0)
 *                                 return false;
 *                 } while (!atomic_try_cmpxchg(&old, old + nr));
 *                 return true;
 *   get(nr)       atomic_add(nr)
 *   put(nr)       return atomic_sub_and_test(nr);
 *   freeze(e)     atomic_try_cmpxchg(e -> 0)
 *   unfreeze(n)   atomic_set_release(n)
 *   init(n)       atomic_set(n)            init_frozen()  atomic_set(0)
 */
#include "env.pml"

#define IS_FROZEN(v)	((v) == 0)

inline scheme_init(n)
{
	atomic { STEP; w = n; born(n) }
}

inline scheme_init_frozen()
{
	atomic { STEP; w = 0 }
}

#ifndef HAVE_TRYGET
inline scheme_tryget(nr, ok)
{
	atomic { STEP; old = w }
	do
	:: old == 0 -> ok = false; break
	:: else ->
		atomic {	/* atomic_try_cmpxchg(&old, old + nr) */
			STEP; ok = (w == old);
			if
			:: ok -> w = (old + nr) & MASK; got()
			:: else -> old = w
			fi
		}
		if
		:: ok -> break
		:: else
		fi
	od
}
#endif

inline scheme_get(nr)
{
	atomic { STEP; w = (w + nr) & MASK; gained(nr) }
}

inline scheme_put(nr, last)
{
	atomic {	/* atomic_sub_and_test(nr): the decrement is the freeze */
		STEP; last = (w == nr); w = (w - nr) & MASK; dropped(nr);
		if
		:: last -> released()
		:: else
		fi
	}
}

inline scheme_freeze(e, ok)
{
	atomic {
		STEP; ok = (w == e);
		if
		:: ok -> w = 0; froze(e)
		:: else
		fi
	}
}

inline scheme_unfreeze(n)
{
	atomic { STEP; w = n; thawed(n) }
}

#include "threads.pml"
