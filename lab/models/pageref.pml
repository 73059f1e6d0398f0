/* SPDX-License-Identifier: MIT */
/*
 * pageref - ours: include/pageref/pageref.h and src/pageref.c.
 *
 *   tryget(nr)    val = atomic_fetch_add(nr) + nr;      (acquire)
 *                 if (!(val & FROZEN))
 *                         return true;
 *                 tryget_slow():   old = val - nr;
 *                                  if (!(old & FROZEN)) misuse(OVERFLOW);
 *                                  while (val >= RESET_LIMIT &&
 *                                         !atomic_try_cmpxchg(&val, FROZEN))
 *                                          ;
 *                                  return false;
 *   get(nr)       old = atomic_fetch_add(nr);  misuse if old or old + nr is FROZEN
 *   put(nr)       old = atomic_fetch_sub(nr);  val = old - nr;   (release)
 *                 if ((old | val) & FROZEN)
 *                         misuse(PUT_FROZEN or UNDERFLOW);
 *                 if (val != 0)
 *                         return false;
 *                 put_zero():      return atomic_try_cmpxchg(0 -> FROZEN);  (acquire)
 *   put_last(nr)  if (atomic_try_cmpxchg(nr -> FROZEN))  (acquire)
 *                         return true;
 *                 return put(nr);
 *   freeze(e)     atomic_try_cmpxchg(e -> FROZEN)       (acquire)
 *   unfreeze(n)   atomic_set_release(n)
 *   init(n)       atomic_set(n)            init_frozen()  atomic_set(FROZEN)
 *
 * Each misuse report is an assert here: a correct program never makes one.
 */
#include "env.pml"

#define BOOT_STRAYS	(LIMIT - FROZEN - 1)
#define IS_FROZEN(v)	(((v) & FROZEN) != 0)

inline scheme_init(n)
{
	atomic { STEP; w = n; born(n) }
}

inline scheme_init_frozen()
{
	atomic { STEP; w = FROZEN }
}

inline scheme_tryget(nr, ok)
{
	atomic {
		STEP; val = (w + nr) & MASK; w = val;
		ok = !(val & FROZEN);
		if
		:: ok -> got()
		:: else -> assert((val - nr) & FROZEN)	/* I-misuse: OVERFLOW */
		fi
	}
	do
	:: val >= LIMIT ->
		atomic {	/* atomic_try_cmpxchg(&val, FROZEN) */
			STEP;
			if
			:: w == val -> w = FROZEN; val = 0
			:: else -> val = w
			fi
		}
	:: else -> break
	od
}

inline scheme_get(nr)
{
	atomic {
		STEP; assert(!(w & FROZEN));	/* I-misuse: GET_FROZEN */
		w = (w + nr) & MASK; gained(nr);
		assert(!(w & FROZEN))		/* I-misuse: OVERFLOW */
	}
}

inline scheme_put(nr, last)
{
	atomic {	/* atomic_fetch_sub(nr) */
		STEP; assert(!(w & FROZEN) && w >= nr);	/* I-misuse: PUT_FROZEN, UNDERFLOW */
		w = (w - nr) & MASK; dropped(nr);
		last = (w == 0)
	}
	if
	:: last ->
		atomic {	/* pageref__put_zero(): atomic_try_cmpxchg(0 -> FROZEN) */
			STEP; last = (w == 0);
			if
			:: last -> w = FROZEN; released()
			:: else
			fi
		}
	:: else
	fi
}

inline scheme_put_last(nr, last)
{
	atomic {	/* atomic_try_cmpxchg(nr -> FROZEN) */
		STEP; last = (w == nr);
		if
		:: last -> w = FROZEN; dropped(nr); released()
		:: else
		fi
	}
	if
	:: !last -> scheme_put(nr, last)
	:: else
	fi
}

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

inline scheme_unfreeze(n)
{
	atomic {
		STEP; assert(w & FROZEN);	/* I-misuse: UNFREEZE_LIVE */
		w = n; thawed(n)
	}
}

#include "threads.pml"
