/* SPDX-License-Identifier: MIT */
/*
 * pageref-lab/atomic_hook.h - the chaos backend of pageref/atomic.h.
 *
 * The torture simulation builds with
 *   -DPAGEREF_ATOMIC_BACKEND='"pageref-lab/atomic_hook.h"'
 * Every access is the C11 one of the default backend, preceded by a call to
 * pageref_hook() (lab/sim/chaos.c), which may stall the thread there so that the
 * windows between two accesses of one operation (a decrement and its
 * freezing CAS, an increment and its undo) last long enough to be hit.
 * Included by pageref/atomic.h only, after pageref_t.
 */
#ifndef PAGEREF_LAB_ATOMIC_HOOK_H
#define PAGEREF_LAB_ATOMIC_HOOK_H

#include "atomic_op.h"

/* Provided by the program that builds with this backend. */
void pageref_hook(enum pageref_atomic_op op, const pageref_t *r);

static inline uint32_t pageref_atomic_load(const pageref_t *r, memory_order mo)
{
	pageref_hook(PAGEREF_OP_LOAD, r);
	/* C11 wants a non-const object even for a load. */
	return atomic_load_explicit(&((pageref_t *)r)->counter, mo);
}

static inline void pageref_atomic_store(pageref_t *r, uint32_t v, memory_order mo)
{
	pageref_hook(PAGEREF_OP_STORE, r);
	atomic_store_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_fetch_add(pageref_t *r, uint32_t v, memory_order mo)
{
	pageref_hook(PAGEREF_OP_FETCH_ADD, r);
	return atomic_fetch_add_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_fetch_sub(pageref_t *r, uint32_t v, memory_order mo)
{
	pageref_hook(PAGEREF_OP_FETCH_SUB, r);
	return atomic_fetch_sub_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_fetch_or(pageref_t *r, uint32_t v, memory_order mo)
{
	pageref_hook(PAGEREF_OP_FETCH_OR, r);
	return atomic_fetch_or_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_fetch_and(pageref_t *r, uint32_t v, memory_order mo)
{
	pageref_hook(PAGEREF_OP_FETCH_AND, r);
	return atomic_fetch_and_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_xchg(pageref_t *r, uint32_t v, memory_order mo)
{
	pageref_hook(PAGEREF_OP_XCHG, r);
	return atomic_exchange_explicit(&r->counter, v, mo);
}

static inline bool pageref_atomic_try_cmpxchg(pageref_t *r, uint32_t *old,
					      uint32_t new_val, memory_order success,
					      memory_order failure)
{
	pageref_hook(PAGEREF_OP_CMPXCHG, r);
	return atomic_compare_exchange_strong_explicit(&r->counter, old, new_val,
						       success, failure);
}

/* Not an access to a counter: no hook. */
static inline void pageref_atomic_fence(memory_order mo)
{
	atomic_thread_fence(mo);
}

#endif /* PAGEREF_LAB_ATOMIC_HOOK_H */
