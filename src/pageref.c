// SPDX-License-Identifier: MIT
/*
 * Out-of-line slow paths of pageref.h: the failed try-get, the overflow
 * (saturation) path of every get and put, and the reports of a get or put
 * on a frozen counter or with an @nr out of range. None runs in a correct
 * hot path below the ceiling.
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

/*
 * A frozen word that an increment of ours took to @val: only near the
 * limit, CAS the very value we produced back to FROZEN; if someone changed
 * the word since, the CAS fails and we look again at what it holds now. A
 * live count is below the limit, so we never touch it (I4).
 *
 * Ordering: relaxed: the reset CAS only ever replaces junk by junk.
 */
static void pageref_reset(pageref_t *r, uint32_t val)
{
	while (pageref_unlikely(val >= PAGEREF_RESET_LIMIT) &&	/* mutate:reset-loop */
	       !pageref_atomic_try_cmpxchg(r, &val, PAGEREF_FROZEN_BIT,	/* mutate:reset-cas */
					   memory_order_relaxed, memory_order_relaxed))
		;
}

/**
 * pageref_tryget_slow - a try-get whose fetch-add found the frozen bit, or
 * took a live count past the ceiling.
 * @r:   the counter
 * @val:  the value our own fetch-add produced (never a re-read: I3)
 * @nr:   what the try-get added
 * @func: the try-get the program called, for the report
 *
 * Frozen: our increment stays behind, harmless below the set frozen bit,
 * and pageref_reset() drops it near the limit. No extra cycle after a
 * successful reset CAS (the v1 loop had one).
 *
 * Live past the ceiling: saturate and fail, reporting the overflow (not
 * again when the word was parked already), unless the count came back
 * under the ceiling meanwhile: then we succeed.
 *
 * Ordering: relaxed: the reset CAS only ever replaces junk by junk, and the
 * saturating one a live count by a larger live count.
 * Return: true only if the references we added stand.
 */
bool pageref_tryget_slow(pageref_t *r, uint32_t val, uint32_t nr, const char *func)
{
	uint32_t old = val - nr;

	if (!(old & PAGEREF_FROZEN_BIT)) {
		if (pageref_saturate(r, val))
			return true;
		/* An overflow of ours; a word already parked is not reported again. */
		if (old <= PAGEREF_COUNT_MAX)
			pageref_misuse(PAGEREF_MISUSE_OVERFLOW, func, r, old);
		return false;
	}
	pageref_reset(r, val);
	return false;
}

/**
 * pageref_get_slow - a get that found the frozen bit or passed the ceiling.
 * @r:   the counter
 * @old: the value our own fetch-add returned
 * @nr:  what the get added
 *
 * Frozen: a misuse, reported; the increment stays behind as junk, reset
 * like a failed try-get's near the limit, so the word stays frozen. Past
 * the ceiling: the count saturates and the overflow is reported, unless
 * the word was parked already.
 */
void pageref_get_slow(pageref_t *r, uint32_t old, uint32_t nr)
{
	if (old & PAGEREF_FROZEN_BIT) {
		pageref_reset(r, old + nr);
		pageref_misuse(PAGEREF_MISUSE_GET_FROZEN, "pageref_get", r, old);
	} else if (!pageref_saturate(r, old + nr) && old <= PAGEREF_COUNT_MAX) {
		pageref_misuse(PAGEREF_MISUSE_OVERFLOW, "pageref_get", r, old);
	}
}

/*
 * A put on a frozen word took it below the frozen bit, to @cur: freeze it
 * again, unless a store (init, unfreeze) has made it live meanwhile. Only
 * our misuse (and try-gets that saturated what it left) can have put a
 * value between the ceiling and the frozen bit here, so that value is junk.
 *
 * Ordering: relaxed: junk replaced by FROZEN carries no references; the
 * object was freed or is owned by its freezer, and nobody frees or
 * revives on account of this CAS (I4).
 */
static void pageref_refreeze(pageref_t *r, uint32_t cur)
{
	while (!(cur & PAGEREF_FROZEN_BIT) && cur > PAGEREF_COUNT_MAX &&
	       !pageref_atomic_try_cmpxchg(r, &cur, PAGEREF_FROZEN_BIT,
					   memory_order_relaxed, memory_order_relaxed))
		;
}

/**
 * pageref_put_slow - a put that left the word above the ceiling.
 * @r:   the counter
 * @old:  the value our own fetch-sub returned
 * @nr:   what the put dropped
 * @func: the put the program called, for the report
 *
 * A frozen @old is a misuse: the word is frozen again if our decrement
 * cleared the bit (I1), then reported. A put of more than @old held is
 * one: the count is parked at PAGEREF_SATURATED (it no longer says how
 * many owners there are, so nothing may ever free on it), then reported.
 * Otherwise the count is saturated: park it again, so that no run of puts
 * can walk a saturated count down to zero.
 *
 * Return: a non-zero count, so that the caller releases nothing.
 */
uint32_t pageref_put_slow(pageref_t *r, uint32_t old, uint32_t nr, const char *func)
{
	if (old & PAGEREF_FROZEN_BIT) {
		pageref_refreeze(r, old - nr);
		pageref_misuse(PAGEREF_MISUSE_PUT_FROZEN, func, r, old);
	} else if (old < nr) {
		pageref_park(PAGEREF_MISUSE_UNDERFLOW, func, r, old);
	} else {
		pageref_saturate(r, old - nr);
	}
	return pageref__count_not_last(old);
}

/*
 * Ordering: relaxed: a parked word publishes nothing; no one frees or
 * revives on its account, so there is nothing for an acquire to pair with.
 */
void pageref_park(enum pageref_misuse_kind kind, const char *func, pageref_t *r, uint32_t value)
{
	pageref_atomic_xchg(r, PAGEREF_SATURATED, memory_order_relaxed);
	pageref_misuse(kind, func, r, value);
}

/*
 * Ordering: relaxed, for the same reason: neither FROZEN stored by a
 * misuse nor PAGEREF_SATURATED lets a try-get succeed, so no try-get's
 * acquire pairs with this store.
 */
void pageref_park_count(pageref_t *r, uint32_t count, const char *func)
{
	pageref_atomic_store(r, count ? PAGEREF_SATURATED : PAGEREF_FROZEN_BIT,
			     memory_order_relaxed);
	pageref_misuse(count ? PAGEREF_MISUSE_OVERFLOW : PAGEREF_MISUSE_ZERO_COUNT, func, r, count);
}

/*
 * An @nr outside 1..PAGEREF_NR_MAX took and dropped nothing, but its caller
 * believes it did: a live count no longer says how many owners there are,
 * so it is parked, and nothing ever frees on it. A frozen word stays
 * frozen: parking it would make a dead counter live.
 *
 * Ordering: relaxed, as pageref_park(): a parked word publishes nothing.
 */
void pageref_park_nr(pageref_t *r, uint32_t nr, const char *func)
{
	uint32_t cur = pageref_atomic_load(r, memory_order_relaxed);

	while (!(cur & PAGEREF_FROZEN_BIT) &&
	       !pageref_atomic_try_cmpxchg(r, &cur, PAGEREF_SATURATED,
					   memory_order_relaxed, memory_order_relaxed))
		;
	pageref_misuse(PAGEREF_MISUSE_NR_RANGE, func, r, nr);
}
