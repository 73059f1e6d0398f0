/* SPDX-License-Identifier: MIT */
/*
 * lab/models/env.pml - the word and the ghost state every scheme model shares.
 *
 * A scheme model (lab/models/<scheme>.pml) includes this file, defines the
 * scheme's operations as inlines over the global word w, and includes
 * lab/models/threads.pml, the threads and the properties, last. Nothing here
 * knows how a scheme encodes its states: the environment only calls the
 * operations, and the operations call the ghost hooks below at the atomic
 * step where a reference is taken, dropped, frozen or released.
 *
 * The word. w is page->_refcount narrowed to COUNT_BITS + 1 bits, so that
 * the frozen bit is FROZEN = 8, the reset limit is LIMIT = 12 and the word
 * wraps at 16: the overflow that takes 2^30 failed try-gets in C takes four
 * here. Every atomic access of the C code is one atomic { } step of the
 * model, and two accesses are never merged into one step. Local decisions
 * made on the value an access returned are folded into that access's step:
 * they touch no shared state, so this hides no interleaving.
 *
 * Safety (-DSAFETY, run with pan -m):
 *   one allocator thread and GETTERS speculative getters.
 *   allocator  LIVES times: take the page off the free list, set it
 *              refcounted (init 1), take the mapping's reference (get 1),
 *              publish it in the mapping; maybe freeze(2) and unfreeze(2)
 *              (migration); unpublish; put the mapping's reference; put its
 *              own (put, or put_last with -DOWNER_PUT_LAST).
 *   getter     ATTEMPTS times: look the page up in the mapping (or find it
 *              by a PFN walk), try-get, re-check the mapping, use the page
 *              if the re-check holds, put; whoever puts last frees.
 *   The page starts on the free list as the boot path leaves it
 *   (init_frozen(), set_page_count_frozen()), carrying BOOT_STRAYS stray
 *   increments: a scheme that leaves failed increments behind starts one
 *   step below its reset limit, so the reset and the wrap are reachable.
 *
 * Invariants, the checker's (lab/check/), each an assert in the hook named:
 *   I-get      no successful try-get on a free or frozen page      got()
 *   I-use      a re-checked reference is to a live, unfrozen page  getter
 *   I-release  exactly one release per life, with no reference
 *              still held and the page not frozen by an owner      released()
 *   I-freeze   a freeze succeeds only with exactly the expected
 *              references held                                     froze()
 *   I-put      a put drops a reference that exists                 dropped()
 *   I-end      no leak: at quiescence the page is back on the free
 *              list, nobody holds a reference and the word reads
 *              frozen (count 0 == references held)                 init
 *   A page that is never freed also leaves the allocator waiting: pan
 *   reports that as an invalid end state.
 *
 * Progress (-DPROGRESS, run with pan -l -f): see threads.pml.
 */

#ifndef PAGEREF_ENV_PML
#define PAGEREF_ENV_PML

#ifndef COUNT_BITS
#define COUNT_BITS	3
#endif
#define FROZEN		(1 << COUNT_BITS)
#define MASK		((FROZEN << 1) - 1)
#define LIMIT		(FROZEN | (FROZEN >> 1))

#ifndef GETTERS
#define GETTERS		2
#endif
#ifndef LIVES
#define LIVES		2
#endif
#ifndef ATTEMPTS
#define ATTEMPTS	2
#endif

/* The counter, and each thread's scratch registers for the operations. */
byte w;
#define SCHEME_LOCALS	byte val, old; bool ok, last

/* Ghost state: what the threads believe, never read by a scheme. */
bool alive;	/* between set_page_refcounted() and the release */
bool frozen_g;	/* frozen by an owner's freeze(), until its unfreeze() */
bool onfree;	/* on the free list: the allocator may hand it out */
bool mapped;	/* published in the mapping (page cache, page table) */
byte refs;	/* references held on the current life */
byte gen;	/* which life; 0 is "not looked up" */

/*
 * Each atomic access of a scheme is a STEP. The bounded-steps run of the
 * progress model counts the victim's (only the victim's: a counter per
 * thread would multiply the state space for nothing).
 */
#if defined(PROGRESS) && defined(BOUND)
byte vpid = 255;	/* the victim's _pid */
byte vsteps;		/* its accesses in the current try-get */
#define STEP	vsteps = vsteps + (_pid == vpid -> 1 : 0)
#else
#define STEP	skip
#endif

/* A try-get took a reference (in the step that decided it). */
inline got()
{
	assert(alive);		/* I-get: not on a free page */
	assert(!frozen_g);	/* I-get: not while frozen */
	refs++
}

/* An owner took n more references (in its increment step). */
inline gained(n)
{
	assert(alive && refs > 0);	/* I-get: a get by an owner */
	assert(!frozen_g);		/* I-get: not while frozen */
	refs = refs + n
}

/* A put gave back n references (in its decrement step). */
inline dropped(n)
{
	assert(alive && refs >= n);	/* I-put: drops a held reference */
	refs = refs - n
}

/* A put won the release (in the step that froze the word). */
inline released()
{
	assert(alive);		/* I-release: once per life */
	assert(refs == 0);	/* I-release: nobody holds a reference */
	assert(!frozen_g);	/* I-release: not frozen by an owner */
	alive = false
}

/* An owner froze the page holding e references, which are gone now. */
inline froze(e)
{
	assert(alive && refs == e);	/* I-freeze: exactly e holders */
	refs = 0;
	frozen_g = true
}

/* The freezer made the page live again with n references. */
inline thawed(n)
{
	assert(frozen_g);	/* I-freeze: unfreeze after freeze */
	frozen_g = false;
	refs = n
}

/* The allocator made a new life with n references. */
inline born(n)
{
	assert(!alive && onfree);	/* I-end: allocated from the free list */
	onfree = false;
	alive = true;
	refs = n;
	gen++
}


#endif /* PAGEREF_ENV_PML */
