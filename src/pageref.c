// SPDX-License-Identifier: MIT
/*
 * Out-of-line slow paths of pageref.h: the failed try-get, the overflow
 * (saturation) path of every get and put, and the reports of a get or put
 * on a frozen counter. None runs in a correct hot path below the ceiling.
 */
#include <pageref/pageref.h>

/*
 * Park a live word that went past the ceiling at PAGEREF_SATURATED. @cur is
 * the value our own access produced. Returns true if, by the time we look,
 * other puts have brought the count back to the ceiling or below: then the
 * references our access added are real and nothing is parked.
 *
 * Why no reference is lost: a parked word sits 2^29 above the ceiling, and
 * every get or put that leaves it above the ceiling parks it again (see
 * pageref_get_slow() and pageref_put_slow()). So the count can only come
 * back down to zero if 2^29 / nr puts are between their fetch-sub and their
 * CAS at the same moment; short of that the object leaks. A re-read here is
 * safe: after a get our own increment keeps the word live, and after a put
 * a word above the ceiling still has other holders.
 *
 * Ordering: relaxed. The word stays live across the CAS, and a live word
 * publishes nothing: no one frees or revives on its account.
 */
static bool pageref_saturate(pageref_t *r, uint32_t cur)
{
	do {
		if (cur <= PAGEREF_COUNT_MAX)
			return true;
		if (cur & PAGEREF_FROZEN_BIT)
			return false;	/* frozen since: not a live count to park */
	} while (!pageref_atomic_try_cmpxchg(r, &cur, PAGEREF_SATURATED,
					     memory_order_relaxed, memory_order_relaxed));
	return false;
}

/**
 * pageref_tryget_slow - a try-get whose fetch-add found the frozen bit, or
 * took a live count past the ceiling.
 * @r:   the counter
 * @val: the value our own fetch-add produced (never a re-read: I3)
 * @nr:  what the try-get added
 *
 * Frozen: our increment stays behind, harmless below the set frozen bit.
 * Only near the limit do we CAS the very value we produced back to FROZEN;
 * if someone changed the word since, the CAS fails and we look again at
 * what it holds now. A live count is below the limit, so we never touch it
 * (I4). No extra cycle after a successful CAS (the v1 loop had one).
 *
 * Live past the ceiling: saturate and fail, reporting the overflow, unless
 * the count came back under the ceiling meanwhile: then we succeed.
 *
 * Ordering: relaxed: the reset CAS only ever replaces junk by junk, and the
 * saturating one a live count by a larger live count.
 * Return: true only if the references we added stand.
 */
bool pageref_tryget_slow(pageref_t *r, uint32_t val, uint32_t nr)
{
	uint32_t old = val - nr;

	if (!(old & PAGEREF_FROZEN_BIT)) {
		if (pageref_saturate(r, val))
			return true;
		pageref_misuse(PAGEREF_MISUSE_OVERFLOW, "pageref_tryget", r, old);
		return false;
	}
	while (pageref_unlikely(val >= PAGEREF_RESET_LIMIT) &&	/* mutate:reset-loop */
	       !pageref_atomic_try_cmpxchg(r, &val, PAGEREF_FROZEN_BIT,	/* mutate:reset-cas */
					   memory_order_relaxed, memory_order_relaxed))
		;
	return false;
}

/**
 * pageref_get_slow - a get that found the frozen bit or passed the ceiling.
 * @r:   the counter
 * @old: the value our own fetch-add returned
 * @nr:  what the get added
 *
 * Frozen: a misuse, reported; the increment stays behind as junk. Past the
 * ceiling: the count saturates and the overflow is reported.
 */
void pageref_get_slow(pageref_t *r, uint32_t old, uint32_t nr)
{
	if (old & PAGEREF_FROZEN_BIT)
		pageref_misuse(PAGEREF_MISUSE_GET_FROZEN, "pageref_get", r, old);
	else if (!pageref_saturate(r, old + nr))
		pageref_misuse(PAGEREF_MISUSE_OVERFLOW, "pageref_get", r, old);
}

/**
 * pageref_put_slow - a put that left the word above the ceiling.
 * @r:   the counter
 * @old: the value our own fetch-sub returned
 * @nr:  what the put dropped
 *
 * A frozen @old or a put of more than @old held is a misuse, reported.
 * Otherwise the count is saturated: park it again, so that no run of puts
 * can walk a saturated count down to zero.
 *
 * Return: a non-zero count, so that the caller releases nothing.
 */
uint32_t pageref_put_slow(pageref_t *r, uint32_t old, uint32_t nr)
{
	if (old & PAGEREF_FROZEN_BIT)
		pageref_misuse(PAGEREF_MISUSE_PUT_FROZEN, "pageref_put", r, old);
	else if (old < nr)
		pageref_misuse(PAGEREF_MISUSE_UNDERFLOW, "pageref_put", r, old);
	else
		pageref_saturate(r, old - nr);
	return pageref__count_not_last(old);
}
