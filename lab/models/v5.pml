/* SPDX-License-Identifier: MIT */
/*
 * v5 - lab/schemes/v5.h: the posted v5 (26 Jun 2026; linux-mm/linux-mm,
 * include/linux/page_ref.h, commit ae6cb9301d26584c4d83b9d16d34cba34037eec7).
 * v1, except that the reset stops as soon as its CAS lands ("no additional
 * cycle"). The reset loop runs on the value alone, as posted:
 *
 *   tryget(nr)    val = atomic_add_return(nr);
 *                 ok = !(val & FROZEN);
 *                 while (val >= FROZEN_LIMIT)
 *                         if (atomic_try_cmpxchg_relaxed(&val, FROZEN))
 *                                 break;
 *                 return ok;
 *
 * Every other operation is v1's (v1.pml): the same accesses as v5's put,
 * freeze and unfreeze (spin has no memory orders; v5's VM_WARN/VM_BUG checks
 * are not modelled).
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
	:: val >= LIMIT ->
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
