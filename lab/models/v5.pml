/* SPDX-License-Identifier: MIT */
/*
 * v5 - lab/schemes/v5.h: the last posted design (26 Jun 2026). v1, except that
 * the reset stops as soon as its CAS lands ("no additional cycle").
 *
 *   tryget(nr)    val = atomic_add_return(nr);
 *                 if (!(val & FROZEN))
 *                         return true;
 *                 while (val >= FROZEN_LIMIT &&
 *                        !atomic_try_cmpxchg_relaxed(&val, FROZEN))
 *                         ;
 *                 return false;
 *
 * Every other operation is v1's (v1.pml).
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
	do
	:: !ok && val >= LIMIT ->
		atomic {	/* atomic_try_cmpxchg_relaxed(&val, FROZEN) */
			STEP;
			if
			:: w == val -> w = FROZEN; val = 0
			:: else -> val = w
			fi
		}
	:: else -> break
	od
}

#include "v1.pml"
