/* SPDX-License-Identifier: MIT */
/*
 * kernel/hdrcheck/atomic_hdrcheck.h - hdrcheck's backend of pageref/atomic.h,
 * under the lab's kernel shim (lab/kernel/shim/kshim.h), built with
 *   -DPAGEREF_ATOMIC_BACKEND='"atomic_hdrcheck.h"'
 * C11's atomics, with hdrcheck's injection points between the steps of a
 * put: zero_hook after a fully ordered subtraction (atomic_sub_return(),
 * atomic_sub_and_test(), atomic_dec_and_test()) that produced 0,
 * cmpxchg_fail_hook after a failed compare-and-exchange that is not relaxed;
 * each fires once. zeros_stored counts the 0s a put stored (those two
 * subtractions, and a compare-and-exchange that stored 0), which a try-get
 * could revive. Included by pageref/atomic.h only, after pageref_t.
 */
#ifndef HDRCHECK_ATOMIC_H
#define HDRCHECK_ATOMIC_H

/* hdrcheck.c's; atomic_t * is kshim's struct of one pageref_t (its first member). */
extern void (*zero_hook)(void *), (*cmpxchg_fail_hook)(void *);
extern int zeros_stored;

static inline void hdrcheck_fire(void (**hook)(void *), pageref_t *r)
{
	void (*h)(void *) = *hook;

	*hook = 0;
	if (h)
		h(r);
}

static inline uint32_t pageref_atomic_load(const pageref_t *r, memory_order mo)
{
	return atomic_load_explicit(&((pageref_t *)r)->counter, mo);
}

static inline void pageref_atomic_store(pageref_t *r, uint32_t v, memory_order mo)
{
	atomic_store_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_fetch_add(pageref_t *r, uint32_t v, memory_order mo)
{
	return atomic_fetch_add_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_fetch_sub(pageref_t *r, uint32_t v, memory_order mo)
{
	uint32_t old = atomic_fetch_sub_explicit(&r->counter, v, mo);

	if (mo == memory_order_seq_cst && old == v) {
		zeros_stored++;
		hdrcheck_fire(&zero_hook, r);
	}
	return old;
}

static inline uint32_t pageref_atomic_fetch_or(pageref_t *r, uint32_t v, memory_order mo)
{
	return atomic_fetch_or_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_fetch_and(pageref_t *r, uint32_t v, memory_order mo)
{
	return atomic_fetch_and_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_xchg(pageref_t *r, uint32_t v, memory_order mo)
{
	return atomic_exchange_explicit(&r->counter, v, mo);
}

static inline bool pageref_atomic_try_cmpxchg(pageref_t *r, uint32_t *old,
					      uint32_t new_val, memory_order success,
					      memory_order failure)
{
	bool ok = atomic_compare_exchange_strong_explicit(&r->counter, old, new_val,
							  success, failure);

	if (success != memory_order_relaxed) {
		if (ok && new_val == 0)
			zeros_stored++;
		if (!ok)
			hdrcheck_fire(&cmpxchg_fail_hook, r);
	}
	return ok;
}

static inline void pageref_atomic_fence(memory_order mo)
{
	atomic_thread_fence(mo);
}

#endif /* HDRCHECK_ATOMIC_H */
