/* SPDX-License-Identifier: MIT */
/*
 * assume1 - lab/schemes/assume1.h: Linus Torvalds' proposal of 1 March 2026.
 * upstream, except that the try-get guesses the count instead of reading it.
 *
 *   tryget(nr)    old = 1;                              "don't read it"
 *                 do {
 *                         if (atomic_try_cmpxchg(&old, old + nr))
 *                                 return true;
 *                 } while (old != 0);
 *                 return false;
 */
#include "env.pml"

#define HAVE_TRYGET
inline scheme_tryget(nr, ok)
{
	old = 1;
	do
	:: atomic {	/* atomic_try_cmpxchg(&old, old + nr) */
		STEP; ok = (w == old);
		if
		:: ok -> w = (old + nr) & MASK; got()
		:: else -> old = w
		fi
	   }
	   if
	   :: ok || old == 0 -> break
	   :: else
	   fi
	od
}

#include "upstream.pml"
