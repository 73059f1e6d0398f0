/* SPDX-License-Identifier: MIT */
/*
 * v5 - the series' last posted revision (v5, 26 Jun 2026), followed operation
 * by operation from the code its authors posted:
 *
 *   repository linux-mm/linux-mm, include/linux/page_ref.h,
 *   commit ae6cb9301d26584c4d83b9d16d34cba34037eec7
 *   (PAGEREF_FROZEN_BIT is BIT(31) in the series' include/linux/page-flags.h,
 *   read at commit 03e0599da9e1ebc97bcf5342490c72271236af98 of the same repository)
 *
 * Written in the lab's scheme form, none of the posted text copied. Per
 * operation, the kernel function, what it does to the word and its order
 * (the LKMM's: "fully ordered" is a value-returning RMW, or a cmpxchg that
 * succeeds, with a full barrier on each side):
 *
 *   init         set_page_count(): plain store                        relaxed
 *   init_frozen  set_page_count_frozen(): store FROZEN                 relaxed
 *   tryget       page_ref_add_unless_frozen(): val = add_return(nr)    fully ordered
 *                ok = FROZEN clear in val; then, ok or not,
 *                while (val >= (1 << 30) | FROZEN)
 *                        if (try_cmpxchg(&val -> FROZEN)) break;      relaxed
 *                no ceiling: a live count may grow into bit 31
 *   get          page_ref_add(): WARN if frozen (a separate read), add relaxed
 *   put          page_ref_sub_and_test(): sub_and_test(nr)            fully ordered
 *                WARN_ON(FROZEN in (that bool + nr))   (never true: see below)
 *                if it hit 0: ok = cmpxchg(0 -> FROZEN) == 0           relaxed
 *   freeze       page_ref_freeze(): cmpxchg(count -> FROZEN)          fully ordered
 *   unfreeze     page_ref_unfreeze(): BUG unless page_count() is 0, BUG if
 *                count is 0; store                                    release
 *   count        page_ref_count(): read; FROZEN set reads as 0        relaxed
 *   is_frozen    __page_is_frozen(): read, FROZEN bit                 relaxed
 *
 * There is no put_last(): the posted v5 has one put. The reset limit
 * (1 << 30) | FROZEN is PAGEREF_RESET_LIMIT at every width of the lab's word.
 *
 * The warnings. page_ref_sub_and_test() and page_ref_dec_and_test() test
 * __page_count_is_frozen(ret + nr) where ret is the bool that
 * atomic_sub_and_test() returned: 0 or 1 plus nr never has bit 31, so the
 * check never fires and a put on a frozen page goes unreported (its word
 * becomes FROZEN - nr, a live-looking count of 2^31 - nr). The same test
 * is right in *_sub_return() and *_dec_return(), where ret is the new
 * count. The later, unposted revision by one of the authors
 * (foxidokun/linux, same path, commit 1e5ac5aa46df1a0c0bea2554afad596be89d578b)
 * reads the word and warns if frozen before the decrement instead; its
 * atomic operations and orders are the same as v5's, so it is no scheme of
 * its own (doc/reviewers.md, "The posted v5, checked").
 *
 * The warnings and BUGs are evaluated only with PAGEREF_V5_DEBUG_VM=1 (the
 * kernel's CONFIG_DEBUG_VM), as reports of the lab (pageref_warn(), or
 * pageref_misuse() for a BUG); off by default, as in a production kernel
 * and as the kernel schemes run in the checker (KSHIM_DEBUG_VM=0), so that
 * their extra reads add no scheduling points.
 */
#ifndef PAGEREF_SCHEME_V5_H
#define PAGEREF_SCHEME_V5_H

#include <pageref/pageref.h>

#include "v1.h"

#define PAGEREF_V5_FROZEN	PAGEREF_V1_LOCKED
/* (1 << 30) | FROZEN in the kernel's 32 bits: FROZEN | FROZEN >> 1 at any width. */
#define PAGEREF_V5_FROZEN_LIMIT	(PAGEREF_V5_FROZEN | (PAGEREF_V5_FROZEN >> 1))

#ifndef PAGEREF_V5_DEBUG_VM
#define PAGEREF_V5_DEBUG_VM	0
#endif

/*
 * The full barrier on each side of a fully ordered RMW, as lab/kernel/shim
 * writes it: seq_cst fences in the checker's build (its model takes them
 * into the seq_cst order); elsewhere the lock-prefixed x86-64 instruction is
 * the barrier, as in the kernel, and a fence would only be timed (and is
 * not modelled by ThreadSanitizer).
 */
#ifdef PAGEREF_LAB_ATOMIC_CHECK_H
#define PAGEREF_V5_MB()	pageref_atomic_fence(memory_order_seq_cst)
#else
#define PAGEREF_V5_MB()	do { } while (0)
#endif

static inline bool pageref_v5_count_is_frozen(uint32_t v)
{
	return v & PAGEREF_V5_FROZEN;
}

/* VM_WARN_ON_ONCE_PAGE(): a warning of the lab when the debug build evaluates it. */
static inline void pageref_v5_warn_on(bool cond, enum pageref_misuse_kind kind, const char *func,
				      const pageref_t *r, uint32_t v)
{
	if (PAGEREF_V5_DEBUG_VM && pageref_unlikely(cond))
		pageref_warn(kind, func, r, v);
}

/* VM_BUG_ON(): a misuse report (the policy decides whether it aborts). */
static inline void pageref_v5_bug_on(bool cond, enum pageref_misuse_kind kind, const char *func,
				     const pageref_t *r, uint32_t v)
{
	if (PAGEREF_V5_DEBUG_VM && pageref_unlikely(cond))
		pageref_misuse(kind, func, r, v);
}

/* __page_is_frozen(): one relaxed read (atomic_read()). */
static inline bool pageref_v5_is_frozen(const pageref_t *r)
{
	return pageref_v5_count_is_frozen(pageref_atomic_load(r, memory_order_relaxed));
}

/* page_ref_count(): a frozen word, strays and all, reads as 0. */
static inline uint32_t pageref_v5_count(const pageref_t *r)
{
	uint32_t v = pageref_atomic_load(r, memory_order_relaxed);

	return pageref_v5_count_is_frozen(v) ? 0 : v;
}

/* set_page_count(): atomic_set(), relaxed. */
static inline void pageref_v5_init(pageref_t *r, uint32_t count)
{
	pageref_atomic_store(r, count, memory_order_relaxed);
}

/* set_page_count_frozen(): atomic_set(FROZEN), relaxed. */
static inline void pageref_v5_init_frozen(pageref_t *r)
{
	pageref_atomic_store(r, PAGEREF_V5_FROZEN, memory_order_relaxed);
}

/* page_ref_add_unless_frozen() */
static inline bool pageref_v5_tryget(pageref_t *r, uint32_t nr)
{
	uint32_t val;
	bool ok;

	/* atomic_add_return(), fully ordered. seq_cst RMW between full
	 * barriers: its acquire pairs with the release of unfreeze() and of
	 * the puts, as upstream's successful try-get. */
	PAGEREF_V5_MB();
	val = pageref_atomic_fetch_add(r, nr, memory_order_seq_cst) + nr;
	PAGEREF_V5_MB();
	ok = !pageref_v5_count_is_frozen(val);

	/* The reset: it runs on the value alone, with no test of ok (a value
	 * past the limit has FROZEN set, so ok is false there). A failed
	 * try_cmpxchg loads the word into val and the bound is tested again. */
	while (pageref_unlikely(val >= PAGEREF_V5_FROZEN_LIMIT)) {
		if (pageref_atomic_try_cmpxchg(r, &val, PAGEREF_V5_FROZEN,
					       memory_order_relaxed, memory_order_relaxed))
			break;
	}
	return ok;
}

/* page_ref_add(): the warning reads the word, then a relaxed add. */
static inline void pageref_v5_get(pageref_t *r, uint32_t nr)
{
	if (PAGEREF_V5_DEBUG_VM)
		pageref_v5_warn_on(pageref_v5_is_frozen(r), PAGEREF_MISUSE_GET_FROZEN, __func__, r,
				   pageref_atomic_load(r, memory_order_relaxed));
	pageref_atomic_fetch_add(r, nr, memory_order_relaxed);
}

/* page_ref_sub_and_test() */
static inline bool pageref_v5_put(pageref_t *r, uint32_t nr)
{
	uint32_t old;
	bool last;

	/* atomic_sub_and_test(), fully ordered: its release pairs with the
	 * acquire of the decrement that reaches 0 (and of a freeze), its
	 * acquire with the earlier puts. */
	PAGEREF_V5_MB();
	old = pageref_atomic_fetch_sub(r, nr, memory_order_seq_cst);
	PAGEREF_V5_MB();
	last = old == nr;
	/* As posted: the test is of the bool plus nr, which is never frozen. */
	pageref_v5_warn_on(pageref_v5_count_is_frozen((uint32_t)last + nr),
			   PAGEREF_MISUSE_PUT_FROZEN, __func__, r, old);
	if (!last)
		return false;
	/* atomic_cmpxchg_relaxed(0 -> FROZEN): no acquire, so a put that
	 * revived the page in the window and wrote to it is not ordered before
	 * what the winner does next (only its stores, by the control
	 * dependency, in the LKMM). Kept relaxed: that is what was posted. */
	return pageref_atomic_cmpxchg(r, 0, PAGEREF_V5_FROZEN, memory_order_relaxed) == 0;
}

static inline bool pageref_v5_put_last(pageref_t *r, uint32_t nr)
{
	return pageref_v5_put(r, nr);
}

/* page_ref_freeze(): atomic_cmpxchg(), fully ordered on success. */
static inline bool pageref_v5_freeze(pageref_t *r, uint32_t expected)
{
	bool ok;

	/* seq_cst: its acquire pairs with the release of the puts that left
	 * @expected; a failed compare is relaxed, as the kernel's (the leading
	 * barrier stays). */
	PAGEREF_V5_MB();
	ok = pageref_atomic_try_cmpxchg(r, &expected, PAGEREF_V5_FROZEN, memory_order_seq_cst,
					memory_order_relaxed);
	if (ok)
		PAGEREF_V5_MB();
	return ok;
}

/* page_ref_unfreeze() */
static inline void pageref_v5_unfreeze(pageref_t *r, uint32_t count)
{
	if (PAGEREF_V5_DEBUG_VM) {
		pageref_v5_bug_on(pageref_v5_count(r) != 0, PAGEREF_MISUSE_UNFREEZE_LIVE, __func__, r,
				  pageref_atomic_load(r, memory_order_relaxed));
		pageref_v5_bug_on(count == 0, PAGEREF_MISUSE_ZERO_COUNT, __func__, r, count);
	}
	/* atomic_set_release(): pairs with the acquire of a try-get that reads
	 * @count (or a later value), so it sees what the freezer did. */
	pageref_atomic_store(r, count, memory_order_release);
}

#endif /* PAGEREF_SCHEME_V5_H */
