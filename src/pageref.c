// SPDX-License-Identifier: MIT
/*
 * Out-of-line slow paths of pageref.h: the failed try-get, and the report
 * of a put on a frozen counter. Neither runs in a correct hot path.
 */
#include <pageref/pageref.h>

/**
 * pageref_tryget_slow - a try-get whose fetch-add found the frozen bit.
 * @r:   the counter
 * @val: the value our own fetch-add produced (never a re-read: I3)
 * @nr:  what the try-get added
 *
 * Our increment stays behind: harmless, it sits below a set frozen bit.
 * Only near overflow do we CAS the very value we produced back to FROZEN;
 * if someone changed the word since, the CAS fails and we look again at
 * what it holds now. A live count is below the limit, so we never touch it
 * (I4). No extra cycle after a successful CAS (the v1 loop had one).
 *
 * Ordering: relaxed: the CAS only ever replaces junk by junk.
 * Return: false. An overflowing live count is a misuse and is reported.
 */
bool pageref_tryget_slow(pageref_t *r, uint32_t val, uint32_t nr)
{
	uint32_t old = val - nr;

	/* A live count that carried into the frozen bit: an overflow. */
	if (!(old & PAGEREF_FROZEN_BIT))
		pageref_misuse(PAGEREF_MISUSE_OVERFLOW, "pageref_tryget", r, old);
	while (pageref_unlikely(val >= PAGEREF_RESET_LIMIT) &&
	       !pageref_atomic_try_cmpxchg(r, &val, PAGEREF_FROZEN_BIT,
					   memory_order_relaxed, memory_order_relaxed))
		;
	return false;
}

/**
 * pageref_put_misuse - a put that found the frozen bit (debug builds only).
 * @r:   the counter
 * @old: the value our own fetch-sub returned
 *
 * Return: a non-zero count, so that the caller releases nothing.
 */
uint32_t pageref_put_misuse(pageref_t *r, uint32_t old)
{
	if (old & PAGEREF_FROZEN_BIT)
		pageref_misuse(PAGEREF_MISUSE_PUT_FROZEN, "pageref_put", r, old);
	else
		pageref_misuse(PAGEREF_MISUSE_UNDERFLOW, "pageref_put", r, old);
	return pageref__count_not_last(old);
}
