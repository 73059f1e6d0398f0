/* SPDX-License-Identifier: MIT */
/*
 * pageref/atomic.h - the one layer every counter access goes through.
 *
 * Every scheme in pageref (ours, today's kernel, the posted patches, the
 * known-bad variants) touches its counter only through the functions below.
 * That gives three builds from one source:
 *
 *   default            plain C11 atomics; each function is one
 *                      atomic_*_explicit call and compiles to nothing more.
 *   PAGEREF_HOOKS      the same atomics, preceded by pageref_hook(), which the
 *                      torture simulation uses to inject delays (chaos mode).
 *   PAGEREF_CHECKER    the interleaving checker: each access is a scheduling
 *                      point (pageref_check_point()) and is then performed as
 *                      one indivisible step on a word of PAGEREF_COUNT_BITS + 1
 *                      bits, so overflow is reachable by exhaustive search.
 *                      Threads are coroutines there, so the emulation is exact.
 *
 * The memory order is always an argument: callers name it at every access and
 * say in a comment what it pairs with.
 */
#ifndef PAGEREF_ATOMIC_H
#define PAGEREF_ATOMIC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Width of the count field. The frozen bit sits just above it; the word is
 * COUNT_BITS + 1 bits wide and wraps there. Only the checker may narrow it.
 */
#ifndef PAGEREF_COUNT_BITS
#define PAGEREF_COUNT_BITS 31
#endif
#if PAGEREF_COUNT_BITS < 3 || PAGEREF_COUNT_BITS > 31
#error "PAGEREF_COUNT_BITS must be in 3..31"
#endif
#if PAGEREF_COUNT_BITS != 31 && !defined(PAGEREF_CHECKER)
#error "a narrow counter is emulated only in the checker build (PAGEREF_CHECKER)"
#endif
#if defined(PAGEREF_CHECKER) && defined(PAGEREF_HOOKS)
#error "PAGEREF_CHECKER and PAGEREF_HOOKS are exclusive"
#endif

/* All value bits of the word: 0xffffffff at full width. */
#define PAGEREF_WORD_MASK ((uint32_t)((UINT64_C(2) << PAGEREF_COUNT_BITS) - 1))

#if ATOMIC_INT_LOCK_FREE != 2
#error "pageref needs lock-free 32-bit atomics"
#endif

/**
 * typedef pageref_t - a reference counter: one 32-bit atomic word.
 *
 * Never touch @counter directly; use pageref.h (or a scheme's operations).
 */
typedef struct pageref {
	_Atomic(uint32_t) counter;
} pageref_t;

/* What a scheduling point or hook is about to do; names for traces. */
enum pageref_atomic_op {
	PAGEREF_OP_LOAD,
	PAGEREF_OP_STORE,
	PAGEREF_OP_FETCH_ADD,
	PAGEREF_OP_FETCH_SUB,
	PAGEREF_OP_FETCH_OR,
	PAGEREF_OP_FETCH_AND,
	PAGEREF_OP_XCHG,
	PAGEREF_OP_CMPXCHG,
	PAGEREF_NR_OPS
};

extern const char *const pageref_atomic_op_names[PAGEREF_NR_OPS];

#if defined(__GNUC__)
#define pageref_likely(x)	__builtin_expect(!!(x), 1)
#define pageref_unlikely(x)	__builtin_expect(!!(x), 0)
#define pageref_cold		__attribute__((cold, noinline))
#define pageref_must_check	__attribute__((warn_unused_result))
#else
#define pageref_likely(x)	(x)
#define pageref_unlikely(x)	(x)
#define pageref_cold
#define pageref_must_check
#endif

#if defined(PAGEREF_CHECKER)

/*
 * Provided by the checker. pageref_check_point() may switch to another
 * coroutine, and before a load it may make the word read an older store
 * that coherence allows (the C11 model); pageref_check_step() records the
 * access with the order it took effect with (a CAS: success or failure
 * order), and pageref_check_fence() a fence.
 */
void pageref_check_point(enum pageref_atomic_op op, const pageref_t *r);
void pageref_check_step(enum pageref_atomic_op op, const pageref_t *r,
			uint32_t before, uint32_t after, bool wrote, memory_order mo);
void pageref_check_fence(memory_order mo);

static inline uint32_t pageref__raw(const pageref_t *r)
{
	return atomic_load_explicit(&((pageref_t *)r)->counter, memory_order_relaxed);
}

/* One indivisible step: only one coroutine runs between two points. */
static inline uint32_t pageref__step(pageref_t *r, enum pageref_atomic_op op,
				     uint32_t before, uint32_t after, bool wrote,
				     memory_order mo)
{
	after &= PAGEREF_WORD_MASK;
	if (wrote)
		atomic_store_explicit(&r->counter, after, memory_order_relaxed);
	pageref_check_step(op, r, before, after, wrote, mo);
	return before;
}

static inline uint32_t pageref_atomic_load(const pageref_t *r, memory_order mo)
{
	uint32_t v;

	pageref_check_point(PAGEREF_OP_LOAD, r);
	v = pageref__raw(r);
	pageref_check_step(PAGEREF_OP_LOAD, r, v, v, false, mo);
	return v;
}

static inline void pageref_atomic_store(pageref_t *r, uint32_t v, memory_order mo)
{
	pageref_check_point(PAGEREF_OP_STORE, r);
	pageref__step(r, PAGEREF_OP_STORE, pageref__raw(r), v, true, mo);
}

#define PAGEREF__RMW(name, OP, expr)						\
static inline uint32_t pageref_atomic_##name(pageref_t *r, uint32_t v,		\
					     memory_order mo)			\
{										\
	uint32_t old;								\
										\
	pageref_check_point(OP, r);						\
	old = pageref__raw(r);							\
	return pageref__step(r, OP, old, (expr), true, mo);			\
}
PAGEREF__RMW(fetch_add, PAGEREF_OP_FETCH_ADD, old + v)
PAGEREF__RMW(fetch_sub, PAGEREF_OP_FETCH_SUB, old - v)
PAGEREF__RMW(fetch_or, PAGEREF_OP_FETCH_OR, old | v)
PAGEREF__RMW(fetch_and, PAGEREF_OP_FETCH_AND, old & v)
PAGEREF__RMW(xchg, PAGEREF_OP_XCHG, v)
#undef PAGEREF__RMW

static inline bool pageref_atomic_try_cmpxchg(pageref_t *r, uint32_t *old,
					      uint32_t new_val, memory_order success,
					      memory_order failure)
{
	uint32_t cur;
	bool hit;

	pageref_check_point(PAGEREF_OP_CMPXCHG, r);
	cur = pageref__raw(r);
	hit = cur == *old;
	pageref__step(r, PAGEREF_OP_CMPXCHG, cur, hit ? new_val : cur, hit,
		      hit ? success : failure);
	*old = cur;
	return hit;
}

static inline void pageref_atomic_fence(memory_order mo)
{
	pageref_check_fence(mo);
}

#else /* !PAGEREF_CHECKER */

#if defined(PAGEREF_HOOKS)
/* Provided by the program that builds with hooks (the torture simulation). */
void pageref_hook(enum pageref_atomic_op op, const pageref_t *r);
#define PAGEREF__HOOK(op, r)	pageref_hook(op, r)
#else
#define PAGEREF__HOOK(op, r)	((void)0)
#endif

static inline uint32_t pageref_atomic_load(const pageref_t *r, memory_order mo)
{
	PAGEREF__HOOK(PAGEREF_OP_LOAD, r);
	/* C11 wants a non-const object even for a load. */
	return atomic_load_explicit(&((pageref_t *)r)->counter, mo);
}

static inline void pageref_atomic_store(pageref_t *r, uint32_t v, memory_order mo)
{
	PAGEREF__HOOK(PAGEREF_OP_STORE, r);
	atomic_store_explicit(&r->counter, v, mo);
}

#define PAGEREF__RMW(name, OP, c11)						\
static inline uint32_t pageref_atomic_##name(pageref_t *r, uint32_t v,		\
					     memory_order mo)			\
{										\
	PAGEREF__HOOK(OP, r);							\
	return c11(&r->counter, v, mo);						\
}
PAGEREF__RMW(fetch_add, PAGEREF_OP_FETCH_ADD, atomic_fetch_add_explicit)
PAGEREF__RMW(fetch_sub, PAGEREF_OP_FETCH_SUB, atomic_fetch_sub_explicit)
PAGEREF__RMW(fetch_or, PAGEREF_OP_FETCH_OR, atomic_fetch_or_explicit)
PAGEREF__RMW(fetch_and, PAGEREF_OP_FETCH_AND, atomic_fetch_and_explicit)
PAGEREF__RMW(xchg, PAGEREF_OP_XCHG, atomic_exchange_explicit)
#undef PAGEREF__RMW

static inline bool pageref_atomic_try_cmpxchg(pageref_t *r, uint32_t *old,
					      uint32_t new_val, memory_order success,
					      memory_order failure)
{
	PAGEREF__HOOK(PAGEREF_OP_CMPXCHG, r);
	return atomic_compare_exchange_strong_explicit(&r->counter, old, new_val,
						       success, failure);
}

static inline void pageref_atomic_fence(memory_order mo)
{
	atomic_thread_fence(mo);
}

#endif /* PAGEREF_CHECKER */

/**
 * pageref_atomic_cmpxchg - the kernel's atomic_cmpxchg(): returns the old value.
 * @r:       the counter
 * @old:     the value expected
 * @new_val: the value to store if @r held @old
 * @mo:      order on success; a failed compare is relaxed
 *
 * Return: the value @r held; equal to @old exactly when the store happened.
 */
static inline uint32_t pageref_atomic_cmpxchg(pageref_t *r, uint32_t old,
					      uint32_t new_val, memory_order mo)
{
	pageref_atomic_try_cmpxchg(r, &old, new_val, mo, memory_order_relaxed);
	return old;
}

#ifdef __cplusplus
}
#endif

#endif /* PAGEREF_ATOMIC_H */
