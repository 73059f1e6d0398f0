/* SPDX-License-Identifier: MIT */
/*
 * pageref/pageref.h - a reference counter whose try-get is one fetch-add.
 *
 * Overview
 * --------
 * A pageref_t counts the owners of an object that other threads may find
 * without owning it (a page in a cache, an entry in an RCU hash table) and
 * try to take a reference to. Bit PAGEREF_COUNT_BITS (bit 31) is the FROZEN
 * bit: while it is set, no try-get succeeds. The last put sets it, so does
 * freeze(); init() and unfreeze() clear it by storing a whole new count.
 *
 * Word layout and states (full width; FROZEN = 1u << 31):
 *
 *   0x00000000            ZERO: transient, inside pageref_put() between its
 *                         decrement and its CAS to FROZEN. A try-get that
 *                         lands here takes a real reference and wins.
 *   0x00000001..7fffffff  LIVE: that many owners.
 *   0x80000000..bfffffff  FROZEN: free, dead, or frozen by an owner. The low
 *                         bits count try-gets that failed and never undo
 *                         their increment; they carry no references.
 *   0xc0000000..ffffffff  FROZEN past PAGEREF_RESET_LIMIT: a failing try-get
 *                         that sees this CASes its own result back to FROZEN,
 *                         so stray increments never carry into a LIVE count.
 *
 *                init(n) / unfreeze(n)  (a store: discards stray increments)
 *     FROZEN --------------------------------------------------> LIVE n
 *     FROZEN|k <-- tryget fails: k += nr        tryget(nr): n += nr
 *        ^  ^                                     put(nr):   n -= nr (n > nr)
 *        |  |  freeze(e): CAS e -> FROZEN             |
 *        |  +--------------------------------------- LIVE n == e
 *        |     put_last(nr): CAS nr -> FROZEN         |
 *        +------------------------------------------ LIVE n == nr
 *        |                                            | put(nr), n == nr
 *        |     CAS 0 -> FROZEN                        v
 *        +------------------------------------------ ZERO --tryget--> LIVE
 *                                        (the CAS then fails: not the last put)
 *
 * Invariants
 * ----------
 *  I1  The FROZEN bit is cleared only by a store of a whole count (init,
 *      unfreeze), never by arithmetic: stray increments cannot revive.
 *  I2  Exactly one pageref_put*() per lifetime returns true: the one whose
 *      CAS installed FROZEN.
 *  I3  A successful try-get always finds the bit clear in the value its own
 *      fetch-add returned; decisions use that value, never a re-read.
 *  I4  The reset CAS only replaces a FROZEN word by FROZEN: it can drop stray
 *      increments, never a reference.
 *
 * Memory ordering
 * ---------------
 *  tryget    acquire on the fetch-add: pairs with the release of unfreeze()
 *            and of the puts, so a successful getter sees the object as the
 *            previous owners left it.
 *  get       relaxed: the caller already owns a reference.
 *  put       release on the decrement: pairs with the acquire of whichever
 *            CAS finally freezes the counter, so the releaser of the object
 *            sees every owner's last accesses.
 *  freeze    acquire on success (pairs with the puts' release).
 *  unfreeze  release store (pairs with tryget's acquire).
 *  init      relaxed: publishing the object is the caller's business
 *            (rcu_assign_pointer, a lock, a queue).
 * doc/design.md has the full table, per access, for every scheme.
 *
 * Misuse (a get or put on a frozen counter, unfreezing a live one, a zero
 * count, an overflow) is reported when PAGEREF_DEBUG is non-zero, which is
 * the default unless NDEBUG is defined; see pageref_set_misuse_policy().
 */
#ifndef PAGEREF_PAGEREF_H
#define PAGEREF_PAGEREF_H

#include <stdbool.h>
#include <stdint.h>

#include <pageref/atomic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PAGEREF_VERSION_MAJOR	0
#define PAGEREF_VERSION_MINOR	1
#define PAGEREF_VERSION_PATCH	0

#ifndef PAGEREF_DEBUG
#ifdef NDEBUG
#define PAGEREF_DEBUG 0
#else
#define PAGEREF_DEBUG 1
#endif
#endif

/* The frozen bit; everything below it is the count. */
#define PAGEREF_FROZEN_BIT	((uint32_t)1 << PAGEREF_COUNT_BITS)
#define PAGEREF_COUNT_MASK	(PAGEREF_FROZEN_BIT - 1)
/* A failed try-get that sees this much junk resets the word to FROZEN. */
#define PAGEREF_RESET_LIMIT	(PAGEREF_FROZEN_BIT | (PAGEREF_FROZEN_BIT >> 1))

/* What pageref_misuse() was called for. */
enum pageref_misuse_kind {
	PAGEREF_MISUSE_GET_FROZEN,	/* get on a frozen counter */
	PAGEREF_MISUSE_PUT_FROZEN,	/* put on a frozen counter */
	PAGEREF_MISUSE_UNDERFLOW,	/* put of more references than exist */
	PAGEREF_MISUSE_OVERFLOW,	/* count would carry into the frozen bit */
	PAGEREF_MISUSE_UNFREEZE_LIVE,	/* unfreeze of a counter that is not frozen */
	PAGEREF_MISUSE_ZERO_COUNT,	/* init, unfreeze or freeze with count 0 */
	PAGEREF_MISUSE_LAST_PUT,	/* a put that must not be last was last */
	PAGEREF_NR_MISUSE
};

enum pageref_misuse_policy {
	PAGEREF_MISUSE_ABORT,		/* report and abort, like VM_BUG_ON */
	PAGEREF_MISUSE_WARN_ONCE,	/* report each kind once, go on, like WARN_ON_ONCE */
};

/**
 * pageref_set_misuse_policy - choose what a detected misuse does.
 * @policy: PAGEREF_MISUSE_ABORT (the default) or PAGEREF_MISUSE_WARN_ONCE.
 *
 * The environment variable PAGEREF_MISUSE=warn selects WARN_ONCE at start-up.
 * Return: the previous policy.
 */
enum pageref_misuse_policy pageref_set_misuse_policy(enum pageref_misuse_policy policy);

/**
 * pageref_misuse_count - how many misuses were detected so far (all kinds).
 */
unsigned long pageref_misuse_count(void);

/* Out of line: report a misuse by @func on @r, whose word held @value. */
pageref_cold void pageref_misuse(enum pageref_misuse_kind kind, const char *func,
				 const pageref_t *r, uint32_t value);

#define pageref_check(cond, kind, r, value)					\
	do {									\
		if (PAGEREF_DEBUG && pageref_unlikely(cond))			\
			pageref_misuse(kind, __func__, r, value);		\
	} while (0)

/* Slow paths, out of line; internal, do not call. */
pageref_cold bool pageref_tryget_slow(pageref_t *r, uint32_t val, uint32_t nr);
pageref_cold uint32_t pageref_put_misuse(pageref_t *r, uint32_t old);

/*
 * Internal, do not call: the put whose decrement reached zero. Zero is not
 * frozen: a try-get may still take it to 1 and win. So CAS exactly
 * 0 -> FROZEN; an atomic_or would freeze a count that a getter has already
 * taken (two getters: 0 -> 1 backs off, 1 -> 2 keeps its reference).
 * Inline: on a free path that uses pageref_put(), this runs every time.
 */
/* Internal: a put's "not the last" answer for word @v; never 0. */
static inline uint32_t pageref__count_not_last(uint32_t v)
{
	return (v & PAGEREF_COUNT_MASK) ? (v & PAGEREF_COUNT_MASK) : 1;
}

static inline uint32_t pageref__put_zero(pageref_t *r)
{
	uint32_t cur = 0;

	/* acquire: pairs with the release of every put before ours */
	if (pageref_atomic_try_cmpxchg(r, &cur, PAGEREF_FROZEN_BIT,
				       memory_order_acquire, memory_order_relaxed))
		return 0;
	/* A try-get revived the count: its owner's put will be the last. */
	return pageref__count_not_last(cur);
}

/**
 * pageref_init - make @r live with @count owners.
 * @r:     the counter; may hold anything, including FROZEN with strays
 * @count: 1 .. PAGEREF_COUNT_MASK
 *
 * Ordering: relaxed. Publish the object afterwards with a release of your
 * own (rcu_assign_pointer, a lock). A try-get racing with init on a frozen
 * counter either fails (before) or takes a reference on the new life (after).
 */
static inline void pageref_init(pageref_t *r, uint32_t count)
{
	pageref_check(count == 0, PAGEREF_MISUSE_ZERO_COUNT, r, count);
	pageref_check(count & PAGEREF_FROZEN_BIT, PAGEREF_MISUSE_OVERFLOW, r, count);
	pageref_atomic_store(r, count, memory_order_relaxed);
}

/**
 * pageref_init_frozen - make @r frozen: dead, free, or not yet published.
 * @r: the counter
 *
 * This is the only correct way to say "no owners"; never store 0.
 * Ordering: relaxed.
 */
static inline void pageref_init_frozen(pageref_t *r)
{
	pageref_atomic_store(r, PAGEREF_FROZEN_BIT, memory_order_relaxed);
}

/**
 * pageref_tryget - take @nr references unless @r is frozen.
 * @r:  the counter; the memory must stay a pageref_t for the call
 *      (RCU, or type-stable memory such as struct page)
 * @nr: references to take, >= 1
 *
 * One fetch-add, whatever the contention, and a bit test: a try-get that
 * succeeds, or fails below PAGEREF_RESET_LIMIT, is done in one access of
 * its own. On failure the increment stays behind as junk below the frozen
 * bit. Only a failing try-get that lands past the limit runs the reset CAS
 * loop, which is lock-free, not wait-free: other failing try-gets can make
 * it retry, but each retry needs 2^30 more of them.
 * After success on type-stable memory, re-check the object's identity: the
 * reference may be to a later life of the same memory.
 *
 * Ordering: acquire on success; nothing on failure.
 * Return: true if the caller now owns @nr references.
 */
static inline pageref_must_check bool pageref_tryget(pageref_t *r, uint32_t nr)
{
	/* acquire: pairs with the release in pageref_unfreeze() and pageref_put() */
	uint32_t val = pageref_atomic_fetch_add(r, nr, memory_order_acquire) + nr;

	if (pageref_likely(!(val & PAGEREF_FROZEN_BIT)))
		return true;
	return pageref_tryget_slow(r, val, nr);
}

/**
 * pageref_get - take @nr more references; the caller already owns one.
 * @r:  a live counter
 * @nr: references to take
 *
 * Ordering: relaxed.
 */
static inline void pageref_get(pageref_t *r, uint32_t nr)
{
	uint32_t old = pageref_atomic_fetch_add(r, nr, memory_order_relaxed);

	pageref_check(old & PAGEREF_FROZEN_BIT, PAGEREF_MISUSE_GET_FROZEN, r, old);
	pageref_check(!(old & PAGEREF_FROZEN_BIT) && ((old + nr) & PAGEREF_FROZEN_BIT),
		      PAGEREF_MISUSE_OVERFLOW, r, old);
}

/**
 * pageref_put_return - drop @nr references and say how many remain.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop
 *
 * One fetch-sub; the one that reaches zero then CASes 0 -> FROZEN. If a
 * try-get slipped in between, the CAS fails and that getter's put is last.
 *
 * Ordering: release; acquire too when it returns 0.
 * Return: 0 if these were the last references: @r is now frozen and the
 * caller must release the object, exactly once. Otherwise a non-zero count
 * that may already be stale.
 */
static inline pageref_must_check uint32_t pageref_put_return(pageref_t *r, uint32_t nr)
{
	/* release: pairs with the acquire of the CAS that freezes, in any put */
	uint32_t old = pageref_atomic_fetch_sub(r, nr, memory_order_release);
	uint32_t val = old - nr;

	/* Debug builds also catch a frozen @old and an underflow (bit set in either). */
	if (PAGEREF_DEBUG && pageref_unlikely((old | val) & PAGEREF_FROZEN_BIT))
		return pageref_put_misuse(r, old);
	if (pageref_likely(val != 0))
		return val;
	return pageref__put_zero(r);
}

/**
 * pageref_put - drop @nr references.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop
 *
 * Use this where other owners are likely (a page-cache reader's put). Where
 * the caller expects to be the last owner, pageref_put_last() is cheaper.
 *
 * Ordering: release; acquire too when it returns true.
 * Return: true if these were the last references: @r is now frozen and the
 * caller must release the object, exactly once.
 */
static inline pageref_must_check bool pageref_put(pageref_t *r, uint32_t nr)
{
	return pageref_put_return(r, nr) == 0;
}

/**
 * pageref_put_last - pageref_put() for a caller that expects to be last.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop
 *
 * Tries CAS(nr -> FROZEN) first: when the guess is right, dropping and
 * freezing are one atomic step, costing what the kernel's single
 * atomic_dec_and_test() costs today, and there is no window between the
 * decrement and the freeze (no ABA). When the guess is wrong it falls back
 * to pageref_put(): one failed CAS more. Same contract as pageref_put() in
 * every state. Use it on free paths (munmap of anonymous memory, the owner
 * tearing down), not on paths that race with many readers.
 *
 * Ordering: as pageref_put().
 * Return: as pageref_put().
 */
static inline pageref_must_check bool pageref_put_last(pageref_t *r, uint32_t nr)
{
	uint32_t old = nr;

	/* acquire: pairs with the release of the other owners' puts */
	if (pageref_likely(pageref_atomic_try_cmpxchg(r, &old, PAGEREF_FROZEN_BIT,
						      memory_order_acquire,
						      memory_order_relaxed)))
		return true;
	return pageref_put(r, nr);
}

/**
 * pageref_freeze - freeze @r if exactly @expected references exist.
 * @r:        the counter
 * @expected: the references the caller knows of (>= 1), usually its own
 *
 * After success no try-get succeeds until pageref_unfreeze(); the caller owns
 * the object exclusively, and the @expected references are gone.
 *
 * Ordering: acquire on success; relaxed on failure.
 * Return: true if frozen.
 */
static inline pageref_must_check bool pageref_freeze(pageref_t *r, uint32_t expected)
{
	pageref_check(expected == 0, PAGEREF_MISUSE_ZERO_COUNT, r, expected);
	/* acquire: pairs with the release of the puts that left @expected */
	return pageref_atomic_try_cmpxchg(r, &expected, PAGEREF_FROZEN_BIT,
					  memory_order_acquire, memory_order_relaxed);
}

/**
 * pageref_unfreeze - make a frozen @r live with @count owners.
 * @r:     a frozen counter (pageref_freeze() or pageref_init_frozen())
 * @count: 1 .. PAGEREF_COUNT_MASK
 *
 * A store: stray increments of failed try-gets are discarded with it.
 * Ordering: release; pairs with the acquire in pageref_tryget().
 */
static inline void pageref_unfreeze(pageref_t *r, uint32_t count)
{
	if (PAGEREF_DEBUG) {
		uint32_t cur = pageref_atomic_load(r, memory_order_relaxed);

		pageref_check(!(cur & PAGEREF_FROZEN_BIT), PAGEREF_MISUSE_UNFREEZE_LIVE, r, cur);
	}
	pageref_check(count == 0, PAGEREF_MISUSE_ZERO_COUNT, r, count);
	/* release: pairs with the acquire in pageref_tryget() */
	pageref_atomic_store(r, count, memory_order_release);
}

/**
 * pageref_count - the number of owners; 0 when frozen (or transiently zero).
 * @r: the counter
 *
 * A snapshot, stale as soon as it is read. Ordering: relaxed.
 */
static inline uint32_t pageref_count(const pageref_t *r)
{
	uint32_t v = pageref_atomic_load(r, memory_order_relaxed);

	return (v & PAGEREF_FROZEN_BIT) ? 0 : v;
}

/**
 * pageref_is_frozen - true if no try-get can succeed now.
 * @r: the counter
 *
 * Ordering: relaxed.
 */
static inline bool pageref_is_frozen(const pageref_t *r)
{
	return pageref_atomic_load(r, memory_order_relaxed) & PAGEREF_FROZEN_BIT;
}

#ifdef __cplusplus
}
#endif

#endif /* PAGEREF_PAGEREF_H */
