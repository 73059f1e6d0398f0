/* SPDX-License-Identifier: MIT */
/*
 * upstream - include/linux/page_ref.h today.
 *
 * 0 means frozen or dead; there is no other flag. folio_try_get() is
 * atomic_add_unless(v, nr, 0): read, then CAS until it wins or reads 0.
 * Under contention each loser re-reads and retries, so the try-get is
 * lock-free but not wait-free, and every retry is another exclusive miss.
 */
#ifndef PAGEREF_SCHEME_UPSTREAM_H
#define PAGEREF_SCHEME_UPSTREAM_H

#include <pageref/atomic.h>

static inline void pageref_upstream_init(pageref_t *r, uint32_t count)
{
	pageref_atomic_store(r, count, memory_order_relaxed);	/* set_page_count() */
}

static inline void pageref_upstream_init_frozen(pageref_t *r)
{
	pageref_atomic_store(r, 0, memory_order_relaxed);
}

static inline bool pageref_upstream_tryget(pageref_t *r, uint32_t nr)
{
	uint32_t old = pageref_atomic_load(r, memory_order_relaxed);

	do {
		if (old == 0)
			return false;
		/* acq_rel (the kernel's is fully ordered on success): pairs with
		 * the release in unfreeze() and put() */
	} while (!pageref_atomic_try_cmpxchg(r, &old, old + nr,
					     memory_order_acq_rel, memory_order_relaxed));
	return true;
}

static inline void pageref_upstream_get(pageref_t *r, uint32_t nr)
{
	pageref_atomic_fetch_add(r, nr, memory_order_relaxed);
}

static inline bool pageref_upstream_put(pageref_t *r, uint32_t nr)
{
	/* acq_rel (atomic_sub_and_test is fully ordered): release pairs with the
	 * acquire of the put that reaches zero, acquire with the earlier puts */
	bool last = pageref_atomic_fetch_sub(r, nr, memory_order_acq_rel) == nr;

	/* seq_cst fence: the kernel's smp_mb() after a value-returning atomic.
	 * As a release fence it pairs with the acquire of a try-get that reads
	 * a later relaxed set_page_count() of the same thread (the freed page
	 * reallocated), so that getter's re-check sees the truncation's unmap.
	 * Only in the checker's build, whose model needs it spelled out (as
	 * lab/kernel/shim/kshim.h's KSHIM_FULL_FENCE()): compiled natively, the
	 * lock-prefixed RMW is that full barrier on x86-64, and the kernel's
	 * atomic_dec_and_test() is one `lock decl`. The fence would be a second
	 * locked instruction (gcc: `lock orq $0,(%rsp)`) in every timed free;
	 * tests/asm_free_path.sh (make check-asm) fails if it comes back. */
#ifdef PAGEREF_LAB_ATOMIC_CHECK_H
	pageref_atomic_fence(memory_order_seq_cst);
#endif
	return last;
}

static inline bool pageref_upstream_put_last(pageref_t *r, uint32_t nr)
{
	return pageref_upstream_put(r, nr);
}

static inline bool pageref_upstream_freeze(pageref_t *r, uint32_t expected)
{
	/* acq_rel: pairs with the release of the puts that left @expected */
	return pageref_atomic_try_cmpxchg(r, &expected, 0, memory_order_acq_rel,
					  memory_order_relaxed);
}

static inline void pageref_upstream_unfreeze(pageref_t *r, uint32_t count)
{
	/* release: pairs with the acquire of a successful try-get */
	pageref_atomic_store(r, count, memory_order_release);
}

static inline uint32_t pageref_upstream_count(const pageref_t *r)
{
	return pageref_atomic_load(r, memory_order_relaxed);
}

static inline bool pageref_upstream_is_frozen(const pageref_t *r)
{
	return pageref_upstream_count(r) == 0;
}

#endif /* PAGEREF_SCHEME_UPSTREAM_H */
