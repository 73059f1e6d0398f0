/* SPDX-License-Identifier: MIT */
/*
 * rcuref - Thomas Gleixner's zone scheme (lib/rcuref.c, 2023), adapted.
 *
 * The word holds references - 1, so one owner is 0 and the last put lands
 * on NOREF (all ones), then CASes NOREF -> DEAD. Zones (full width):
 *
 *   0x00000000 .. 0x7fffffff   1 .. 2^31 references
 *   0x80000000 .. 0xbfffffff   saturation zone (SATURATED = 0xa0000000)
 *   0xc0000000 .. 0xfffffffe   dead zone (RELEASED .. , DEAD = 0xe0000000)
 *   0xffffffff                 NOREF: last put done, DEAD not yet stored
 *
 * A failing get stores DEAD, a saturating one SATURATED: plain stores, safe
 * only because the object stays RCU-protected across the get (no REUSE
 * flag: file_ref's 2024 fix shows what a late store does to a recycled
 * object). Freeze is not part of rcuref. Decisions use the value the RMW
 * returned (the 2025 rcuref_put() fix), never a re-read.
 */
#ifndef PAGEREF_SCHEME_RCUREF_H
#define PAGEREF_SCHEME_RCUREF_H

#include <pageref/atomic.h>

#define PAGEREF_RCUREF_TOP		((uint32_t)1 << PAGEREF_COUNT_BITS)
#define PAGEREF_RCUREF_SATURATED	(PAGEREF_RCUREF_TOP + (PAGEREF_RCUREF_TOP >> 2))
#define PAGEREF_RCUREF_RELEASED		(PAGEREF_RCUREF_TOP + (PAGEREF_RCUREF_TOP >> 1))
#define PAGEREF_RCUREF_DEAD		(PAGEREF_RCUREF_RELEASED + (PAGEREF_RCUREF_TOP >> 2))
#define PAGEREF_RCUREF_NOREF		(PAGEREF_RCUREF_TOP | (PAGEREF_RCUREF_TOP - 1))

_Noreturn void pageref_scheme_unsupported(const char *scheme, const char *op);

static inline void pageref_rcuref_init(pageref_t *r, uint32_t count)
{
	pageref_atomic_store(r, count - 1, memory_order_relaxed);
}

static inline void pageref_rcuref_init_frozen(pageref_t *r)
{
	pageref_atomic_store(r, PAGEREF_RCUREF_DEAD, memory_order_relaxed);
}

static inline bool pageref_rcuref_tryget(pageref_t *r, uint32_t nr)
{
	/* relaxed, as rcuref_get(): the RCU read side orders the object */
	uint32_t val = pageref_atomic_fetch_add(r, nr, memory_order_relaxed) + nr;

	if (pageref_likely(!(val & PAGEREF_RCUREF_TOP)))
		return true;
	if (val >= PAGEREF_RCUREF_RELEASED) {
		pageref_atomic_store(r, PAGEREF_RCUREF_DEAD, memory_order_relaxed);
		return false;
	}
	/* Saturated: leak the object rather than ever free it. */
	pageref_atomic_store(r, PAGEREF_RCUREF_SATURATED, memory_order_relaxed);
	return true;
}

static inline void pageref_rcuref_get(pageref_t *r, uint32_t nr)
{
	pageref_atomic_fetch_add(r, nr, memory_order_relaxed);
}

/*
 * Did a put land on NOREF? Only the word's bits count: a put from 0 yields
 * 32 one bits, which in the checker's narrow word are NOREF and more.
 */
static inline bool pageref_rcuref_is_noref(uint32_t val)
{
	return (val | ~PAGEREF_RCUREF_NOREF) == UINT32_MAX;
}

static inline bool pageref_rcuref_put(pageref_t *r, uint32_t nr)
{
	/* release: pairs with the acquire fence of the put that kills it */
	uint32_t val = pageref_atomic_fetch_sub(r, nr, memory_order_release) - nr;
	uint32_t noref = PAGEREF_RCUREF_NOREF;

	if (pageref_likely(!(val & PAGEREF_RCUREF_TOP)))
		return false;
	if (pageref_rcuref_is_noref(val)) {
		/* release: as the decrement; fails if a get revived it */
		if (!pageref_atomic_try_cmpxchg(r, &noref, PAGEREF_RCUREF_DEAD,
						memory_order_release, memory_order_relaxed))
			return false;
		/* acquire: pairs with the release of every earlier put */
		pageref_atomic_fence(memory_order_acquire);
		return true;
	}
	/* Saturated, or an imbalanced put: pin it where it can do no harm. */
	pageref_atomic_store(r, val >= PAGEREF_RCUREF_RELEASED ? PAGEREF_RCUREF_DEAD :
			     PAGEREF_RCUREF_SATURATED, memory_order_relaxed);
	return false;
}

static inline bool pageref_rcuref_put_last(pageref_t *r, uint32_t nr)
{
	return pageref_rcuref_put(r, nr);
}

static inline bool pageref_rcuref_freeze(pageref_t *r, uint32_t expected)
{
	(void)r;
	(void)expected;
	pageref_scheme_unsupported("rcuref", "freeze");
}

static inline void pageref_rcuref_unfreeze(pageref_t *r, uint32_t count)
{
	(void)r;
	(void)count;
	pageref_scheme_unsupported("rcuref", "unfreeze");
}

static inline uint32_t pageref_rcuref_count(const pageref_t *r)
{
	uint32_t v = pageref_atomic_load(r, memory_order_relaxed);

	if (v >= PAGEREF_RCUREF_RELEASED)
		return 0;
	return v & PAGEREF_RCUREF_TOP ? PAGEREF_RCUREF_TOP : v + 1;
}

static inline bool pageref_rcuref_is_frozen(const pageref_t *r)
{
	return pageref_atomic_load(r, memory_order_relaxed) >= PAGEREF_RCUREF_RELEASED;
}

#endif /* PAGEREF_SCHEME_RCUREF_H */
