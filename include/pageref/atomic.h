/* SPDX-License-Identifier: MIT */
/*
 * pageref/atomic.h - the one layer every counter access goes through.
 *
 * Each function is one C11 atomic_*_explicit() call on the counter's word
 * and compiles to nothing more. The memory order is always an argument:
 * callers name it at every access and say in a comment what it pairs with.
 *
 * Backend
 * -------
 * A build may replace the C11 wrappers by defining PAGEREF_ATOMIC_BACKEND as
 * a header name, e.g. -DPAGEREF_ATOMIC_BACKEND='"my/atomic.h"' (as mimalloc
 * selects its prim/ layer and liburcu its uatomic/ one). That header is
 * included below, after pageref_t, and must define the nine functions of
 * the C11 section with the same signatures and the same atomicity. It may
 * narrow the word by defining PAGEREF_COUNT_BITS first; it then owns the
 * wrap-around, so that no caller masks: what fetch_add() returns must make
 * the caller's own "old + v" wrap to the bottom of the narrow word as
 * uint32_t arithmetic wraps a full one. pageref's own test lab uses this
 * for its interleaving checker and its chaos mode.
 */
#ifndef PAGEREF_ATOMIC_H
#define PAGEREF_ATOMIC_H

#include <stdbool.h>
#include <stdint.h>

/*
 * C++17 and later: the same functions over std::atomic. pageref_t is then a
 * std::atomic<uint32_t> in a struct, as layout- and lock-free-compatible
 * with C's _Atomic(uint32_t) as gcc and clang make it.
 *
 * The headers' text spells C11's names, and in C++ they are std::'s; no
 * header declares any of them in the program's namespace (a using-declaration
 * there clashes with clang's C <stdatomic.h> included after it, and makes a
 * memory_order of the program's own ambiguous). The atomic_*_explicit()
 * calls need nothing: argument-dependent lookup finds std::'s through the
 * std::atomic argument. memory_order and the constants the headers use are
 * macros for std::'s names, over each header's own text only: between
 * PAGEREF__CXX_NAMES_BEGIN, which saves whatever the program had under
 * those names (#pragma push_macro), and PAGEREF__CXX_NAMES_END, which
 * restores it.
 */
#ifdef __cplusplus
#if __cplusplus < 201703L
#error "pageref's headers need C11, or C++17 or later (tested: C++17, C++20, C++23)"
#endif
#include <atomic>
#define pageref__atomic(T)	std::atomic<T>
#define PAGEREF__CXX_NAMES_BEGIN						\
	_Pragma("push_macro(\"memory_order\")")					\
	_Pragma("push_macro(\"memory_order_relaxed\")")				\
	_Pragma("push_macro(\"memory_order_acquire\")")				\
	_Pragma("push_macro(\"memory_order_release\")")
#define PAGEREF__CXX_NAMES_END						\
	_Pragma("pop_macro(\"memory_order_release\")")				\
	_Pragma("pop_macro(\"memory_order_acquire\")")				\
	_Pragma("pop_macro(\"memory_order_relaxed\")")				\
	_Pragma("pop_macro(\"memory_order\")")
#else
#include <stdatomic.h>
#define pageref__atomic(T)	_Atomic(T)
#endif

#ifdef __cplusplus
PAGEREF__CXX_NAMES_BEGIN
#undef memory_order
#undef memory_order_relaxed
#undef memory_order_acquire
#undef memory_order_release
#define memory_order		std::memory_order
#define memory_order_relaxed	std::memory_order_relaxed
#define memory_order_acquire	std::memory_order_acquire
#define memory_order_release	std::memory_order_release
#endif

#ifdef __cplusplus
extern "C" {
#endif

#if ATOMIC_INT_LOCK_FREE != 2
#error "pageref needs lock-free 32-bit atomics"
#endif

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

/**
 * typedef pageref_t - a reference counter: one 32-bit atomic word.
 *
 * Never touch @counter directly; use pageref.h (or a scheme's operations).
 */
typedef struct pageref {
	pageref__atomic(uint32_t) counter;
} pageref_t;

#ifdef __cplusplus
static_assert(sizeof(pageref_t) == sizeof(uint32_t) && alignof(pageref_t) == alignof(uint32_t) &&
	      std::atomic<uint32_t>::is_always_lock_free,
	      "pageref_t in C++ must be C's: one lock-free 32-bit word");
#endif

#ifdef PAGEREF_ATOMIC_BACKEND
#include PAGEREF_ATOMIC_BACKEND
#else

static inline uint32_t pageref_atomic_load(const pageref_t *r, memory_order mo)
{
	/* A load through a pointer to const: C17 (DR 459), gcc and clang. */
	return atomic_load_explicit(&r->counter, mo);
}

static inline void pageref_atomic_store(pageref_t *r, uint32_t v, memory_order mo)
{
	atomic_store_explicit(&r->counter, v, mo);
}

/* The read-modify-writes return the value the word held before. */
static inline uint32_t pageref_atomic_fetch_add(pageref_t *r, uint32_t v, memory_order mo)
{
	return atomic_fetch_add_explicit(&r->counter, v, mo);
}

static inline uint32_t pageref_atomic_fetch_sub(pageref_t *r, uint32_t v, memory_order mo)
{
	return atomic_fetch_sub_explicit(&r->counter, v, mo);
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

/* On failure *@old receives the value found, as C11's compare_exchange. */
static inline bool pageref_atomic_try_cmpxchg(pageref_t *r, uint32_t *old,
					      uint32_t new_val, memory_order success,
					      memory_order failure)
{
	return atomic_compare_exchange_strong_explicit(&r->counter, old, new_val,
						       success, failure);
}

/*
 * atomic_thread_fence(@mo). A backend must give it C11's meaning: release
 * and acquire fences as C11's, and seq_cst a place in the single total order
 * of seq_cst operations (the test lab's checker backend models that order).
 * A kernel-style fully ordered RMW is
 * pageref_atomic_fence(seq_cst); the RMW with seq_cst; pageref_atomic_fence(seq_cst).
 */
static inline void pageref_atomic_fence(memory_order mo)
{
	atomic_thread_fence(mo);
}

#endif /* PAGEREF_ATOMIC_BACKEND */

/*
 * Width of the count field. The frozen bit sits just above it; the word is
 * COUNT_BITS + 1 bits wide and wraps there. Only a backend may narrow it.
 */
#ifndef PAGEREF_COUNT_BITS
#define PAGEREF_COUNT_BITS 31
#endif
#if PAGEREF_COUNT_BITS < 3 || PAGEREF_COUNT_BITS > 31
#error "PAGEREF_COUNT_BITS must be in 3..31"
#endif
#if PAGEREF_COUNT_BITS != 31 && !defined(PAGEREF_ATOMIC_BACKEND)
#error "a narrow word needs a backend that wraps it (PAGEREF_ATOMIC_BACKEND)"
#endif

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
PAGEREF__CXX_NAMES_END
#endif

#endif /* PAGEREF_ATOMIC_H */
