/* SPDX-License-Identifier: MIT */
/*
 * lab/models/threads.pml - the threads and the properties; see env.pml.
 * Included last by every scheme model, after its operations.
 */

#ifndef BOOT_STRAYS
#define BOOT_STRAYS	0
#endif

#ifndef OWNER_PUT_LAST
#define owner_put	scheme_put
#else
#define owner_put	scheme_put_last
#endif

/*
 * The winner of the release hands the page back to the allocator, which
 * marks it free: set_page_count_frozen(), the scheme's init_frozen().
 */
inline free_page()
{
	atomic {
		scheme_init_frozen();
		assert(!alive && !onfree);	/* I-release: freed once */
		onfree = true
	}
}

#ifdef SAFETY

proctype allocator()
{
	SCHEME_LOCALS;
	byte life;

	do
	:: life < LIVES ->
		onfree;				/* alloc_pages() finds it */
		scheme_init(1);			/* set_page_refcounted() */
		scheme_get(1);			/* the mapping's reference */
		mapped = true;
		if
		:: scheme_freeze(2, ok);	/* migration, split */
		   if
		   :: ok -> scheme_unfreeze(2)
		   :: else
		   fi
		:: skip
		fi;
		mapped = false;			/* unpublish before the put */
		scheme_put(1, last);
		assert(!last);			/* I-release: the owner holds one */
		owner_put(1, last);
		if
		:: last -> free_page()
		:: else
		fi;
		life++
	:: else -> break
	od
}

proctype getter()
{
	SCHEME_LOCALS;
	byte seen, i;

	do
	:: i < ATTEMPTS ->
		atomic {			/* xa_load() under RCU, or a PFN walk */
			if
			:: mapped -> seen = gen
			:: true -> seen = 0
			fi
		}
		scheme_tryget(1, ok);
		if
		:: ok ->
			atomic {		/* re-check the mapping, then use */
				if
				:: mapped && gen == seen ->
					assert(alive && !frozen_g)	/* I-use: a re-checked reference */
				:: else
				fi
			}
			scheme_put(1, last);
			if
			:: last -> free_page()
			:: else
			fi
		:: else
		fi;
		i++
	:: else -> break
	od
}

init
{
	SCHEME_LOCALS;
	byte n;

	atomic {			/* __free_pages_core() at boot */
		scheme_init_frozen();
		w = (w + BOOT_STRAYS) & MASK;
		onfree = true
	}
	atomic {
		run allocator();
		do
		:: n < GETTERS -> run getter(); n++
		:: else -> break
		od
	}
	_nr_pr == 1;
	assert(onfree && !alive && refs == 0);	/* I-end: no leak */
	assert(IS_FROZEN(w))			/* I-end: count 0 == refs */
}

#endif /* SAFETY */

#ifdef PROGRESS
/*
 * Progress. One victim tries to get a reference, forever; a progress label
 * marks each try-get it completes. OTHERS threads run forever and never pass
 * a progress label. pan -l -f looks for a weakly fair cycle (every thread
 * that can move does move, again and again) without progress: a run in which
 * the victim keeps executing its own steps and never completes a try-get.
 *
 *   live page (default): the page stays live. The owner's reference is held
 *     throughout; each other thread owns one more reference and takes and
 *     drops extra references with get/put and try-get/put: successful
 *     operations only.
 *   -DFREEZER: one other thread is the owner instead and freezes and
 *     unfreezes the page forever, so the victim also meets a frozen word
 *     whose strays reach the reset limit.
 *
 * With -DBOUND=K (a safety run, pan without -DNP) the victim instead
 * asserts that each of its try-gets makes at most K atomic accesses.
 */
#ifndef OTHERS
#define OTHERS		1
#endif

proctype victim()
{
	SCHEME_LOCALS;

#ifdef BOUND
	vpid = _pid;
#endif
	do
	::
#ifdef BOUND
		vsteps = 0;
#endif
		scheme_tryget(1, ok);
#ifdef BOUND
		assert(vsteps <= BOUND);	/* P-bound: own steps per try-get */
#endif
progress:	if
		:: ok -> scheme_put(1, last)
		:: else
		fi
	od
}

proctype other()
{
	SCHEME_LOCALS;

	do
	:: scheme_get(1); scheme_put(1, last)
	:: scheme_tryget(1, ok);
		if
		:: ok -> scheme_put(1, last)
		:: else
		fi
	od
}

proctype freezer()
{
	SCHEME_LOCALS;

	do
	:: scheme_freeze(1, ok);
		if
		:: ok -> scheme_unfreeze(1)
		:: else
		fi
	od
}

proctype prober()
{
	SCHEME_LOCALS;

	do
	:: scheme_tryget(1, ok);
		if
		:: ok -> scheme_put(1, last)
		:: else
		fi
	od
}

init
{
	SCHEME_LOCALS;
	byte n;

	atomic {
		onfree = true;
#ifdef FREEZER
		scheme_init(1);			/* the freezer's reference */
		run freezer();
		do
		:: n + 1 < OTHERS -> run prober(); n++
		:: else -> break
		od;
#else
		scheme_init(1 + OTHERS);	/* the owner's, and one per other */
		do
		:: n < OTHERS -> run other(); n++
		:: else -> break
		od;
#endif
		run victim()
	}
}

#endif /* PROGRESS */
