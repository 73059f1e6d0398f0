/* SPDX-License-Identifier: MIT */
/*
 * pageref-lab/atomic_check.h - the interleaving checker's backend of
 * pageref/atomic.h.
 *
 * The checker (lab/check/) builds with
 *   -DPAGEREF_ATOMIC_BACKEND='"pageref-lab/atomic_check.h"'
 * Threads are coroutines there: each access is a scheduling point
 * (pageref_check_point(), which may switch to another coroutine) and is then
 * performed as one indivisible step and recorded (pageref_check_step()), so
 * the emulation is exact. Each step is recorded with the memory order it
 * took effect with (a CAS: its success or its failure order), and fences
 * with theirs, for the checker's C11 model (lab/check/c11.c); with --model sc
 * the orders are ignored.
 *
 * The word is narrowed to PAGEREF_COUNT_BITS + 1 bits (5 + 1 unless the
 * build says otherwise) so that overflow and the reset limit are a few steps
 * away. The wrap-around is this backend's, so that callers need no masks:
 *  - every value stored is cut to the narrow word;
 *  - fetch_add() returns the old value less one wrap (the same low bits)
 *    exactly when the caller's "old + v" passes the top of the narrow word,
 *    so that the sum wraps to the bottom as a full word's does at 2^32;
 *  - fetch_sub() returns the exact old value: "old - v" below zero wraps
 *    to the top of 32 bits, where every caller's tests (the frozen bit, the
 *    ceiling, all ones) answer as for the top of the narrow word.
 * Included by pageref/atomic.h only, after pageref_t.
 */
#ifndef PAGEREF_LAB_ATOMIC_CHECK_H
#define PAGEREF_LAB_ATOMIC_CHECK_H

#include "atomic_op.h"

#ifndef PAGEREF_COUNT_BITS
#define PAGEREF_COUNT_BITS 5
#endif

/* All value bits of the narrow word. */
#define PAGEREF_WORD_MASK ((uint32_t)((UINT64_C(2) << PAGEREF_COUNT_BITS) - 1))

/*
 * Provided by the checker. pageref_check_point() may switch to another
 * coroutine, and before a load it may make the word read an older store
 * that coherence allows (the C11 model); pageref_check_step() records the
 * access with its order, pageref_check_fence() a fence.
 */
void pageref_check_point(enum pageref_atomic_op op, const pageref_t *r, memory_order mo,
			 uint32_t expected);
void pageref_check_step(enum pageref_atomic_op op, const pageref_t *r,
			uint32_t before, uint32_t after, bool wrote, memory_order mo);
void pageref_check_fence(memory_order mo);

/* A scheduling point, then the word as it is when this coroutine resumes:
 * for a load of order @mo, or a CAS expecting @expected that fails with @mo,
 * the store the checker chose among those coherence allows. */
static inline uint32_t pageref_check_read_mo(enum pageref_atomic_op op, const pageref_t *r,
					     memory_order mo, uint32_t expected)
{
	pageref_check_point(op, r, mo, expected);
	return atomic_load_explicit(&((pageref_t *)r)->counter, memory_order_relaxed);
}

static inline uint32_t pageref_check_read(enum pageref_atomic_op op, const pageref_t *r)
{
	pageref_check_point(op, r, memory_order_relaxed, 0);
	return atomic_load_explicit(&((pageref_t *)r)->counter, memory_order_relaxed);
}

/* The rest of the indivisible step begun by pageref_check_read(). */
static inline void pageref_check_write(pageref_t *r, enum pageref_atomic_op op,
				       uint32_t before, uint32_t after, bool wrote,
				       memory_order mo)
{
	after &= PAGEREF_WORD_MASK;
	if (wrote)
		atomic_store_explicit(&r->counter, after, memory_order_relaxed);
	pageref_check_step(op, r, before, after, wrote, mo);
}

static inline uint32_t pageref_atomic_load(const pageref_t *r, memory_order mo)
{
	uint32_t v = pageref_check_read_mo(PAGEREF_OP_LOAD, r, mo, 0);

	pageref_check_step(PAGEREF_OP_LOAD, r, v, v, false, mo);
	return v;
}

static inline void pageref_atomic_store(pageref_t *r, uint32_t v, memory_order mo)
{
	uint32_t old = pageref_check_read(PAGEREF_OP_STORE, r);

	pageref_check_write(r, PAGEREF_OP_STORE, old, v, true, mo);
}

/* The caller computes old + @v: return the old value for which that wraps. */
static inline uint32_t pageref_atomic_fetch_add(pageref_t *r, uint32_t v, memory_order mo)
{
	uint32_t old = pageref_check_read(PAGEREF_OP_FETCH_ADD, r);

	pageref_check_write(r, PAGEREF_OP_FETCH_ADD, old, old + v, true, mo);
	return ((old + v) & PAGEREF_WORD_MASK) - v;
}

/* Exact: the callers' underflow tests (old < v) need the true old value. */
static inline uint32_t pageref_atomic_fetch_sub(pageref_t *r, uint32_t v, memory_order mo)
{
	uint32_t old = pageref_check_read(PAGEREF_OP_FETCH_SUB, r);

	pageref_check_write(r, PAGEREF_OP_FETCH_SUB, old, old - v, true, mo);
	return old;
}

static inline uint32_t pageref_atomic_fetch_or(pageref_t *r, uint32_t v, memory_order mo)
{
	uint32_t old = pageref_check_read(PAGEREF_OP_FETCH_OR, r);

	pageref_check_write(r, PAGEREF_OP_FETCH_OR, old, old | v, true, mo);
	return old;
}

static inline uint32_t pageref_atomic_fetch_and(pageref_t *r, uint32_t v, memory_order mo)
{
	uint32_t old = pageref_check_read(PAGEREF_OP_FETCH_AND, r);

	pageref_check_write(r, PAGEREF_OP_FETCH_AND, old, old & v, true, mo);
	return old;
}

static inline uint32_t pageref_atomic_xchg(pageref_t *r, uint32_t v, memory_order mo)
{
	uint32_t old = pageref_check_read(PAGEREF_OP_XCHG, r);

	pageref_check_write(r, PAGEREF_OP_XCHG, old, v, true, mo);
	return old;
}

static inline bool pageref_atomic_try_cmpxchg(pageref_t *r, uint32_t *old,
					      uint32_t new_val, memory_order success,
					      memory_order failure)
{
	uint32_t cur = pageref_check_read_mo(PAGEREF_OP_CMPXCHG, r, failure, *old);
	bool hit = cur == *old;

	pageref_check_write(r, PAGEREF_OP_CMPXCHG, cur, hit ? new_val : cur, hit,
			    hit ? success : failure);
	*old = cur;
	return hit;
}

/* No scheduling point; seq_cst takes a place in the checker's order S. */
static inline void pageref_atomic_fence(memory_order mo)
{
	pageref_check_fence(mo);
}

#endif /* PAGEREF_LAB_ATOMIC_CHECK_H */
