/* SPDX-License-Identifier: MIT */
/*
 * sticky - the wait-free sticky counter of Anderson, Blelloch and Wei
 * (PLDI 2022, section 4.3), with its help bit.
 *
 *   ZERO (top bit)   the count is stuck at zero: dead for good
 *   HELP (next bit)  a reader saw a raw 0 and sealed it for the decrementer
 *
 * try-get is one fetch-add and a test of the old value; failed increments
 * are never undone (so the counter is not BOUNDED). The last put's
 * fetch-sub reaches 0, then CAS 0 -> ZERO; if a reader sealed it first, the
 * put claims the release with exchange(ZERO) if HELP is still set. A read
 * that sees a raw 0 seals it (CAS 0 -> ZERO|HELP), which makes reads
 * linearizable: after count() returned 0, no try-get succeeds. reset() may
 * not race with anything, so memory is not reused under a racing get (no
 * REUSE), and there is no freeze.
 */
#ifndef PAGEREF_SCHEME_STICKY_H
#define PAGEREF_SCHEME_STICKY_H

#include <pageref/atomic.h>

#define PAGEREF_STICKY_ZERO	((uint32_t)1 << PAGEREF_COUNT_BITS)
#define PAGEREF_STICKY_HELP	(PAGEREF_STICKY_ZERO >> 1)

_Noreturn void pageref_scheme_unsupported(const char *scheme, const char *op);

static inline void pageref_sticky_init(pageref_t *r, uint32_t count)
{
	pageref_atomic_store(r, count, memory_order_relaxed);
}

static inline void pageref_sticky_init_frozen(pageref_t *r)
{
	pageref_atomic_store(r, PAGEREF_STICKY_ZERO, memory_order_relaxed);
}

static inline bool pageref_sticky_tryget(pageref_t *r, uint32_t nr)
{
	/* acquire: pairs with the release of the puts */
	return !(pageref_atomic_fetch_add(r, nr, memory_order_acquire) & PAGEREF_STICKY_ZERO);
}

static inline void pageref_sticky_get(pageref_t *r, uint32_t nr)
{
	pageref_atomic_fetch_add(r, nr, memory_order_relaxed);
}

static inline bool pageref_sticky_put(pageref_t *r, uint32_t nr)
{
	uint32_t expected = 0;

	/* release: pairs with the acquire of the CAS or exchange that claims it */
	if (pageref_atomic_fetch_sub(r, nr, memory_order_release) != nr)
		return false;
	/* acquire: pairs with the release of the earlier puts */
	if (pageref_atomic_try_cmpxchg(r, &expected, PAGEREF_STICKY_ZERO,
				       memory_order_acquire, memory_order_relaxed))
		return true;
	/* acquire: as above; only one of the racing claims sees HELP */
	return (expected & PAGEREF_STICKY_HELP) &&
	       (pageref_atomic_xchg(r, PAGEREF_STICKY_ZERO, memory_order_acquire) &
		PAGEREF_STICKY_HELP);
}

static inline bool pageref_sticky_put_last(pageref_t *r, uint32_t nr)
{
	return pageref_sticky_put(r, nr);
}

static inline bool pageref_sticky_freeze(pageref_t *r, uint32_t expected)
{
	(void)r;
	(void)expected;
	pageref_scheme_unsupported("sticky", "freeze");
}

static inline void pageref_sticky_unfreeze(pageref_t *r, uint32_t count)
{
	(void)r;
	(void)count;
	pageref_scheme_unsupported("sticky", "unfreeze");
}

/* The read writes: a raw 0 is sealed so that it stays 0. */
static inline uint32_t pageref_sticky_count(const pageref_t *cr)
{
	pageref_t *r = (pageref_t *)cr;	/* pageref_t objects are never const */
	uint32_t val = pageref_atomic_load(r, memory_order_relaxed);

	if (val == 0 && pageref_atomic_try_cmpxchg(r, &val,
						   PAGEREF_STICKY_ZERO | PAGEREF_STICKY_HELP,
						   memory_order_relaxed, memory_order_relaxed))
		return 0;
	return (val & PAGEREF_STICKY_ZERO) ? 0 : val;
}

static inline bool pageref_sticky_is_frozen(const pageref_t *r)
{
	return pageref_sticky_count(r) == 0;
}

#endif /* PAGEREF_SCHEME_STICKY_H */
