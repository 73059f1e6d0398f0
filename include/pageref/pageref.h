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
 * (A trailing mutate:NAME comment tags a line that lab/check/mutate.sh breaks.)
 *
 * Word layout and states (full width; FROZEN = 1u << 31):
 *
 *   0x00000000            ZERO: transient, inside pageref_put() between its
 *                         decrement and its CAS to FROZEN. A try-get that
 *                         lands here takes a real reference and wins.
 *   0x00000001..40000000  LIVE: that many owners (PAGEREF_COUNT_MAX).
 *   0x40000001..7fffffff  SATURATED: an overflow parked the count at
 *                         0x60000000; it leaks, never reaches zero.
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
 *  init      release store (pairs with tryget's acquire): a try-get on
 *            reused type-stable memory sees the new life's identity.
 *            Publishing the object is still the caller's business
 *            (rcu_assign_pointer, a lock, a queue).
 * doc/design.md has the full table, per access, for every scheme.
 *
 * Lifetime of the memory
 * ----------------------
 * A try-get touches an object it does not own, and a put that drops the
 * count to zero touches it once more after its references are gone: it
 * CASes 0 -> FROZEN, and in between a try-get can revive the object, put,
 * win the freeze and release it. So on any object that try-gets can reach,
 * the memory of the pageref_t must stay valid for those accesses:
 *
 *  - either it is type-stable (never returned to a general allocator: struct
 *    page, a slab cache of the one type, a pool), and a successful try-get
 *    re-checks the identity of what it found;
 *  - or it is freed only after an RCU grace period (call_rcu,
 *    synchronize_rcu), and every try-get and every pageref_put() on it runs
 *    inside an RCU read-side section. pageref/urcu.h does this for liburcu.
 *
 * Paths that never touch @r after the drop, and need neither: a put whose
 * decrement leaves the count above zero, pageref_put_last() when its guess
 * is right, and pageref_freeze(). An object that try-gets cannot reach (no
 * lookup structure, or already unlinked and every try-get done) may be freed
 * at once by whoever's put returned true.
 *
 * Overflow
 * --------
 * A live count never exceeds PAGEREF_COUNT_MAX (2^30): a get or try-get
 * that would pass it saturates the word at PAGEREF_SATURATED instead, a put
 * that finds it there keeps it there, and the object leaks rather than
 * losing a reference. This holds in release builds too.
 *
 * Misuse
 * ------
 * One contract, under every policy and in every build: after a detected
 * misuse the object may leak, but it is never revived, never freed early
 * and never loses a live reference. The word is parked as refcount_t
 * saturates it, and stays parked: a live word at PAGEREF_SATURATED (no
 * try-get succeeds, no put frees), a frozen word frozen (FROZEN set, the
 * strays dropped). Then the misuse is reported, naming what happened.
 *
 * Detected in every build (their tests are the fast paths' one compare,
 * and one more for @nr where it is not a constant): a get or put on a
 * frozen counter, a put of more than it holds, an overflow, a count of 0
 * or above the ceiling given to init() or unfreeze(), and an @nr outside
 * 1..PAGEREF_NR_MAX (a negative int cast to uint32_t is one): such a call
 * takes and drops nothing, and parks the word. With PAGEREF_DEBUG non-zero
 * (the default unless NDEBUG is defined) also unfreezing a live counter
 * and freeze() with @expected 0.
 * An access that finds the word already parked is not reported again.
 * A race inside the misuse itself (another thread's put between the
 * misusing access and its park) is not covered, as for refcount_t.
 *
 * The report goes to stderr, or to a handler of the program's own
 * (pageref_set_misuse_handler()). The default policy is
 * PAGEREF_MISUSE_WARN_ONCE, as refcount_t's: report each kind once and
 * go on. PAGEREF_MISUSE=abort in the environment (or
 * pageref_set_misuse_policy()) aborts after the report instead. The
 * library reads PAGEREF_MISUSE once, as the program starts, and refuses
 * any value but warn or abort there, not at the first misuse.
 */
#ifndef PAGEREF_PAGEREF_H
#define PAGEREF_PAGEREF_H

#include <stdbool.h>
#include <stdint.h>

#include <pageref/atomic.h>

#ifdef __cplusplus
PAGEREF__CXX_NAMES_BEGIN	/* C11's names for std::'s, in this header only (atomic.h) */
#undef memory_order
#undef memory_order_relaxed
#undef memory_order_acquire
#undef memory_order_release
#define memory_order		std::memory_order
#define memory_order_relaxed	std::memory_order_relaxed
#define memory_order_acquire	std::memory_order_acquire
#define memory_order_release	std::memory_order_release
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
/*
 * The ceiling: no get, try-get or put leaves a live count above it (2^30).
 * One that would is the overflow path: the word is parked at
 * PAGEREF_SATURATED, midway between the ceiling and FROZEN, and stays in
 * that zone for good: the object leaks, no reference is ever lost.
 */
#define PAGEREF_COUNT_MAX	(PAGEREF_FROZEN_BIT >> 1)
#define PAGEREF_SATURATED	(PAGEREF_COUNT_MAX + (PAGEREF_COUNT_MAX >> 1))
/*
 * The largest @nr the headroom is sized for (a 1 GiB folio's pages). Between
 * PAGEREF_SATURATED and FROZEN there is room for 2^29 / nr gets in flight at
 * once (2048 of PAGEREF_NR_MAX, 2^29 of 1) before a live count could carry
 * into the frozen bit. Every get, try-get and put checks its @nr against
 * 1..PAGEREF_NR_MAX, in every build.
 */
#define PAGEREF_NR_MAX		((uint32_t)1 << 18)

/* What pageref_misuse() was called for. */
enum pageref_misuse_kind {
	PAGEREF_MISUSE_GET_FROZEN,	/* get on a frozen counter */
	PAGEREF_MISUSE_PUT_FROZEN,	/* put on a frozen counter */
	PAGEREF_MISUSE_UNDERFLOW,	/* put of more references than exist */
	PAGEREF_MISUSE_OVERFLOW,	/* count would carry into the frozen bit */
	PAGEREF_MISUSE_UNFREEZE_LIVE,	/* unfreeze of a counter that is not frozen */
	PAGEREF_MISUSE_ZERO_COUNT,	/* init, unfreeze or freeze with count 0 */
	PAGEREF_MISUSE_LAST_PUT,	/* a put that must not be last was last */
	PAGEREF_MISUSE_OUTSIDE_RCU,	/* pageref/urcu.h: outside a read-side section */
	PAGEREF_MISUSE_NR_RANGE,	/* @nr of a get, try-get or put outside 1..PAGEREF_NR_MAX */
	PAGEREF_NR_MISUSE
};

enum pageref_misuse_policy {
	PAGEREF_MISUSE_ABORT,		/* report and abort, like VM_BUG_ON */
	PAGEREF_MISUSE_WARN_ONCE,	/* the default: report each kind once, go on, like WARN_ON_ONCE */
};

/**
 * pageref_set_misuse_policy - choose what happens after a misuse is reported.
 * @policy: PAGEREF_MISUSE_WARN_ONCE (the default) or PAGEREF_MISUSE_ABORT.
 *
 * Either way the word was parked first (see Misuse in the overview). The
 * environment variable PAGEREF_MISUSE sets the policy at start-up: "warn"
 * or "abort", in any case. The library reads it once, when it is loaded
 * (before main(), or at dlopen()), so that a wrong value fails at once and
 * not at the first misuse: any other value, the empty one included, is an
 * error that names those two, and the program aborts.
 * Return: the previous policy.
 */
enum pageref_misuse_policy pageref_set_misuse_policy(enum pageref_misuse_policy policy);

/**
 * typedef pageref_misuse_handler - a program's own misuse report (a logger).
 * @kind:  what happened (pageref_misuse_text() says it in words)
 * @func:  the pageref function that detected it
 * @r:     the counter, already parked
 * @value: the word as the misusing access found it; for a count or an @nr
 *         out of range, that count or @nr; for a last put that must not be
 *         last, the @nr it dropped (the word it found)
 */
typedef void (*pageref_misuse_handler)(enum pageref_misuse_kind kind, const char *func,
				       const pageref_t *r, uint32_t value);

/**
 * pageref_set_misuse_handler - report misuse through @handler instead of stderr.
 * @handler: called for every detected misuse, from the thread that made it;
 *           NULL restores the default report on stderr
 *
 * The handler replaces the report only: the word is parked before it runs,
 * and under PAGEREF_MISUSE_ABORT the program aborts when it returns. Under
 * PAGEREF_MISUSE_WARN_ONCE it is called every time (rate-limit it yourself).
 * Return: the previous handler (NULL for the default).
 */
pageref_misuse_handler pageref_set_misuse_handler(pageref_misuse_handler handler);

/**
 * pageref_misuse_text - one line saying what @kind means, for a handler.
 * @kind: a pageref_misuse_kind
 */
const char *pageref_misuse_text(enum pageref_misuse_kind kind);

/**
 * pageref_misuse_count - how many misuses were detected so far (all kinds).
 */
unsigned long pageref_misuse_count(void);

/* Out of line: report a misuse by @func on @r, whose word held @value. */
pageref_cold void pageref_misuse(enum pageref_misuse_kind kind, const char *func,
				 const pageref_t *r, uint32_t value);
/* The same report as a warning, once per kind, whatever the policy. */
pageref_cold void pageref_warn(enum pageref_misuse_kind kind, const char *func,
			       const pageref_t *r, uint32_t value);
/*
 * Internal: park the live word @r at PAGEREF_SATURATED, then report @kind
 * by @func, whose access found @value.
 */
pageref_cold void pageref_park(enum pageref_misuse_kind kind, const char *func,
			       pageref_t *r, uint32_t value);
/*
 * Internal: init() or unfreeze() by @func given @count, 0 or above the
 * ceiling: park (FROZEN for 0, SATURATED above) and report.
 */
pageref_cold void pageref_park_count(pageref_t *r, uint32_t count, const char *func);
/*
 * Internal: a get, try-get or put by @func given @nr outside
 * 1..PAGEREF_NR_MAX: park a live word at PAGEREF_SATURATED (a frozen one
 * stays frozen) and report.
 */
pageref_cold void pageref_park_nr(pageref_t *r, uint32_t nr, const char *func);

/* Internal: @nr is outside 1..PAGEREF_NR_MAX. One compare: 0 wraps to the top. */
static inline bool pageref__nr_out_of_range(uint32_t nr)
{
	return pageref_unlikely(nr - 1 >= PAGEREF_NR_MAX);
}

#define pageref_check(cond, kind, r, value)					\
	do {									\
		if (PAGEREF_DEBUG && pageref_unlikely(cond))			\
			pageref_misuse(kind, __func__, r, value);		\
	} while (0)

/*
 * Slow paths, out of line (src/pageref.c); internal, do not call. @func is
 * the entry point the program called, for the report.
 */
pageref_cold bool pageref_tryget_slow(pageref_t *r, uint32_t val, uint32_t nr, const char *func);
pageref_cold void pageref_get_slow(pageref_t *r, uint32_t old, uint32_t nr);
pageref_cold uint32_t pageref_put_slow(pageref_t *r, uint32_t old, uint32_t nr, const char *func);

/* Internal: a put's "not the last" answer for word @v; never 0. */
static inline uint32_t pageref__count_not_last(uint32_t v)
{
	return (v & PAGEREF_COUNT_MASK) ? (v & PAGEREF_COUNT_MASK) : 1;
}

/*
 * Internal, do not call: the put whose decrement reached zero. Zero is not
 * frozen: a try-get may still take it to 1 and win. So CAS exactly
 * 0 -> FROZEN; an atomic_or would freeze a count that a getter has already
 * taken (two getters: 0 -> 1 backs off, 1 -> 2 keeps its reference).
 * The caller's references are already gone here: this CAS is the access
 * the lifetime rule in the overview is about.
 * Inline: on a free path that uses pageref_put(), this runs every time.
 */
static inline uint32_t pageref__put_zero(pageref_t *r)
{
	uint32_t cur = 0;

	/* acquire: pairs with the release of every put before ours */
	if (pageref_atomic_try_cmpxchg(r, &cur, PAGEREF_FROZEN_BIT,	/* mutate:put-cas */
				       memory_order_acquire, memory_order_relaxed))	/* mutate:put-cas-order */
		return 0;
	/* A try-get revived the count: its owner's put will be the last. */
	return pageref__count_not_last(cur);
}

/**
 * pageref_init - make @r live with @count owners.
 * @r:     the counter; may hold anything, including FROZEN with strays
 * @count: 1 .. PAGEREF_COUNT_MAX
 *
 * Ordering: release, like pageref_unfreeze(): on type-stable memory (a slab
 * cache with SLAB_TYPESAFE_BY_RCU, struct page, a pool) a try-get may race
 * with init, and the one that takes a reference on the new life must see
 * what the allocating thread did before it (it unmapped the old life, wrote
 * the new identity), or its identity re-check may read the old one. This is
 * the kernel's refcount_set_release() + refcount_inc_not_zero_acquire().
 * Still publish a new object with a release of your own (rcu_assign_pointer,
 * a lock). A try-get racing with init on a frozen counter either fails
 * (before) or takes a reference on the new life (after).
 * A @count of 0 or above the ceiling is a misuse, in every build: @r is
 * parked instead (FROZEN for 0, PAGEREF_SATURATED above the ceiling: the
 * object leaks) and the misuse reported.
 */
static inline void pageref_init(pageref_t *r, uint32_t count)
{
	/* One compare for both: 0 wraps to the top. */
	if (pageref_unlikely(count - 1 >= PAGEREF_COUNT_MAX)) {
		pageref_park_count(r, count, __func__);
		return;
	}
	/* release: pairs with the acquire in pageref_tryget() on reused memory */
	pageref_atomic_store(r, count, memory_order_release);	/* mutate:init-store */
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
	pageref_atomic_store(r, PAGEREF_FROZEN_BIT, memory_order_relaxed);	/* mutate:init_frozen-store */
}

/* Internal: pageref_tryget(), whose misuse is reported as @func's. */
static inline pageref_must_check bool pageref__tryget(pageref_t *r, uint32_t nr, const char *func)
{
	if (pageref__nr_out_of_range(nr)) {
		pageref_park_nr(r, nr, func);
		return false;
	}
	/* acquire: pairs with the release in pageref_unfreeze() and pageref_put() */
	uint32_t val = pageref_atomic_fetch_add(r, nr, memory_order_acquire) + nr;	/* mutate:tryget-add */

	/* One compare tests both the frozen bit and the ceiling below it. */
	if (pageref_likely(val <= PAGEREF_COUNT_MAX))	/* mutate:tryget-decide */
		return true;
	return pageref_tryget_slow(r, val, nr, func);
}

/**
 * pageref_tryget - take @nr references unless @r is frozen.
 * @r:  the counter; the memory must stay a pageref_t for the call
 *      (inside an RCU read-side section, or type-stable memory)
 * @nr: references to take, 1 .. PAGEREF_NR_MAX
 *
 * One fetch-add and one compare. On x86-64, and on arm64 with LSE atomics,
 * the fetch-add is one instruction (lock xadd, ldadda), so a try-get that
 * succeeds, or fails below PAGEREF_RESET_LIMIT, finishes in one access of
 * its own whatever the contention. On LL/SC machines (arm64 without LSE,
 * POWER) the fetch-add is itself a load-linked/store-conditional retry
 * loop, and these claims hold only of that loop's one successful store.
 *
 * On failure the increment stays behind as junk below the frozen bit. Only
 * a failing try-get that lands past the limit runs the reset CAS loop, which
 * is lock-free, not wait-free: each of its retries needs 2^30 / @nr more
 * failed try-gets in between. A try-get that would take a live count past
 * PAGEREF_COUNT_MAX fails, the count saturates (the object leaks) and the
 * overflow is reported, in release builds too.
 * After success on type-stable memory, re-check the object's identity: the
 * reference may be to a later life of the same memory.
 * An @nr outside 1..PAGEREF_NR_MAX takes nothing: the try-get fails, a live
 * word is parked at PAGEREF_SATURATED and the misuse is reported, in every
 * build (one compare more, which a constant @nr folds away).
 *
 * Ordering: acquire on success; nothing on failure.
 * Return: true if the caller now owns @nr references.
 */
static inline pageref_must_check bool pageref_tryget(pageref_t *r, uint32_t nr)
{
	return pageref__tryget(r, nr, __func__);
}

/**
 * pageref_get - take @nr more references; the caller already owns one.
 * @r:  a live counter
 * @nr: references to take, 1 .. PAGEREF_NR_MAX
 *
 * Past PAGEREF_COUNT_MAX the count saturates instead (the object leaks,
 * like the kernel's refcount_t) and the overflow is reported. An @nr
 * outside 1..PAGEREF_NR_MAX takes nothing: the word is parked and the
 * misuse reported, as in pageref_tryget().
 * Ordering: relaxed.
 */
static inline void pageref_get(pageref_t *r, uint32_t nr)
{
	if (pageref__nr_out_of_range(nr)) {
		pageref_park_nr(r, nr, __func__);
		return;
	}
	/* relaxed: the caller's own reference keeps the object alive */
	uint32_t old = pageref_atomic_fetch_add(r, nr, memory_order_relaxed);

	if (pageref_unlikely(old + nr > PAGEREF_COUNT_MAX))
		pageref_get_slow(r, old, nr);
}

/* Internal: pageref_put_return(), whose misuse is reported as @func's. */
static inline pageref_must_check uint32_t pageref__put_return(pageref_t *r, uint32_t nr,
							      const char *func)
{
	if (pageref__nr_out_of_range(nr)) {
		pageref_park_nr(r, nr, func);
		return 1;	/* not the last: nothing was dropped */
	}
	/* release: pairs with the acquire of the CAS that freezes, in any put */
	uint32_t old = pageref_atomic_fetch_sub(r, nr, memory_order_release);	/* mutate:put-sub */
	uint32_t val = old - nr;

	/* Above the ceiling: frozen, underflowed (wrapped), or saturated. */
	if (pageref_unlikely(val > PAGEREF_COUNT_MAX))
		return pageref_put_slow(r, old, nr, func);
	if (pageref_likely(val != 0))
		return val;
	return pageref__put_zero(r);
}

/**
 * pageref_put_return - drop @nr references and say how many remain.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop, 1 .. PAGEREF_NR_MAX
 *
 * One fetch-sub; the one that reaches zero then CASes 0 -> FROZEN. If a
 * try-get slipped in between, the CAS fails and that getter's put is last.
 *
 * Lifetime: a put whose fetch-sub does not reach zero never touches @r
 * again. One that reaches zero touches it once more, after the caller's
 * references are gone: see "Lifetime of the memory" above. A put that finds
 * the count saturated keeps it saturated; one that finds it frozen keeps it
 * frozen, one that drops more than it holds parks it saturated, and both
 * are reported (release builds too; see Misuse above). An @nr outside
 * 1..PAGEREF_NR_MAX drops nothing: the word is parked and the misuse
 * reported, as in pageref_tryget().
 *
 * Ordering: release; acquire too when it returns 0.
 * Return: 0 if these were the last references: @r is now frozen and the
 * caller must release the object, exactly once. Otherwise a non-zero count
 * that may already be stale.
 */
static inline pageref_must_check uint32_t pageref_put_return(pageref_t *r, uint32_t nr)
{
	return pageref__put_return(r, nr, __func__);
}

/**
 * pageref_put - drop @nr references.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop, 1 .. PAGEREF_NR_MAX
 *
 * Use this where other owners are likely (a page-cache reader's put). Where
 * the caller expects to be the last owner, pageref_put_last() is cheaper.
 * Lifetime: as pageref_put_return(): when it drops the count to zero it
 * CASes @r after the references are gone, so the memory must stay valid
 * (RCU read-side section with deferred free, or type-stable memory).
 *
 * Ordering: release; acquire too when it returns true.
 * Return: true if these were the last references: @r is now frozen and the
 * caller must release the object, exactly once.
 */
static inline pageref_must_check bool pageref_put(pageref_t *r, uint32_t nr)
{
	return pageref__put_return(r, nr, __func__) == 0;
}

/**
 * pageref_put_not_last - drop @nr references that are not the last.
 * @r:  a live counter holding more than @nr references, @nr of the caller's
 * @nr: references to drop, 1 .. PAGEREF_NR_MAX
 *
 * For a caller that knows other owners remain (the kernel's page_ref_sub()),
 * where (void)pageref_put() would throw away an answer that must be false.
 * If these were the last references after all, @r is now frozen with no one
 * to release the object (it leaks, it is never freed early) and the misuse
 * is reported, in every build, under the policy, with the value the put
 * found: @nr, all that was left.
 * Ordering and lifetime: as pageref_put().
 */
static inline void pageref_put_not_last(pageref_t *r, uint32_t nr)
{
	if (pageref_unlikely(pageref__put_return(r, nr, __func__) == 0))
		pageref_misuse(PAGEREF_MISUSE_LAST_PUT, __func__, r, nr);
}

/**
 * pageref_freeze - freeze @r if exactly @expected references exist.
 * @r:        the counter
 * @expected: the references the caller knows of (>= 1), usually its own
 *
 * After success no try-get succeeds until pageref_unfreeze(); the caller owns
 * the object exclusively, and the @expected references are gone. It touches
 * @r only while the caller still holds them: nothing after the drop.
 *
 * An @expected of 0 would steal a put's last word (ZERO is inside a put);
 * debug builds report it and fail without touching @r.
 *
 * Ordering: acquire on success; relaxed on failure.
 * Return: true if frozen.
 */
static inline pageref_must_check bool pageref_freeze(pageref_t *r, uint32_t expected)
{
	if (PAGEREF_DEBUG && pageref_unlikely(expected == 0)) {
		pageref_misuse(PAGEREF_MISUSE_ZERO_COUNT, __func__, r, expected);
		return false;
	}
	/* acquire: pairs with the release of the puts that left @expected */
	return pageref_atomic_try_cmpxchg(r, &expected, PAGEREF_FROZEN_BIT,	/* mutate:freeze-cas */
					  memory_order_acquire, memory_order_relaxed);	/* mutate:freeze-cas-order */
}

/**
 * pageref_put_last - pageref_put() for a caller that expects to be last.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop, 1 .. PAGEREF_NR_MAX
 *
 * Tries CAS(nr -> FROZEN) first. When the guess is right, dropping and
 * freezing are one atomic step: no try-get can land between them (no ABA
 * window), and @r is not touched after the drop. When the guess is wrong
 * it falls back to pageref_put(), one failed CAS later, with pageref_put()'s
 * ABA window and lifetime rule. On x86-64 the right guess is one
 * lock cmpxchg where the kernel's put is one lock sub: measured at 1.04x
 * to 1.12x the kernel's free path on an AMD EPYC (doc/performance.md).
 * Use it on free paths (munmap of anonymous memory, the owner tearing
 * down), not on paths that race with many readers.
 *
 * Ordering: acquire when it returns true, as pageref_put(). The release
 * differs: a wrong guess falls back to pageref_put(), whose decrement is the
 * release; a right guess is an acquire CAS only, and needs no release,
 * because the caller held every reference and is itself the one that
 * releases the object: its own accesses come before that by program order,
 * and the acquire makes the earlier owners' puts (releases) happen before
 * it. No other thread reads the FROZEN it stores to learn anything: a
 * try-get that finds it fails and touches nothing.
 * An @nr outside 1..PAGEREF_NR_MAX makes no guess (one with the frozen bit
 * would "freeze" a frozen word) and drops nothing: as in pageref_put().
 * Return: as pageref_put().
 */
static inline pageref_must_check bool pageref_put_last(pageref_t *r, uint32_t nr)
{
	if (pageref__nr_out_of_range(nr)) {
		pageref_park_nr(r, nr, __func__);
		return false;
	}
	/* The guess is a freeze at @nr: CAS(nr -> FROZEN), acquire: pairs with
	 * the release of the earlier owners' puts (pageref_freeze()) */
	if (pageref_likely(pageref_freeze(r, nr)))	/* mutate:put_last-freeze */
		return true;
	return pageref__put_return(r, nr, __func__) == 0;	/* mutate:put_last-put */
}

/**
 * pageref_unfreeze - make a frozen @r live with @count owners.
 * @r:     a frozen counter (pageref_freeze() or pageref_init_frozen())
 * @count: 1 .. PAGEREF_COUNT_MAX
 *
 * A store: stray increments of failed try-gets are discarded with it.
 * A @count of 0 or above the ceiling is parked and reported as in
 * pageref_init(). Debug builds also check that @r is frozen: a live @r is
 * parked at PAGEREF_SATURATED rather than overwritten (its owners keep
 * their references; the object leaks).
 * Ordering: release; pairs with the acquire in pageref_tryget().
 */
static inline void pageref_unfreeze(pageref_t *r, uint32_t count)
{
	if (PAGEREF_DEBUG) {
		/* relaxed: only a test; a live word is parked, not published */
		uint32_t cur = pageref_atomic_load(r, memory_order_relaxed);

		if (pageref_unlikely(!(cur & PAGEREF_FROZEN_BIT))) {
			pageref_park(PAGEREF_MISUSE_UNFREEZE_LIVE, __func__, r, cur);
			return;
		}
	}
	if (pageref_unlikely(count - 1 >= PAGEREF_COUNT_MAX)) {
		pageref_park_count(r, count, __func__);
		return;
	}
	/* release: pairs with the acquire in pageref_tryget() */
	pageref_atomic_store(r, count, memory_order_release);	/* mutate:unfreeze-store */
}

/**
 * pageref_count - the number of owners; 0 when frozen (or transiently zero).
 * @r: the counter
 *
 * A saturated counter (an overflow or a misuse parked it) has lost its
 * number of owners: it returns PAGEREF_SATURATED, whatever value in the
 * saturated zone the word holds. That is above every live count
 * (PAGEREF_COUNT_MAX), so a caller asking "shared?" (count > 1) is told
 * yes and one asking "exactly n owners?" (before a freeze) is told no: the
 * answers that keep a leaking object alone. Test count > PAGEREF_COUNT_MAX
 * to tell it apart.
 *
 * A snapshot, stale as soon as it is read. Ordering: relaxed.
 */
static inline uint32_t pageref_count(const pageref_t *r)
{
	uint32_t v = pageref_atomic_load(r, memory_order_relaxed);

	if (v & PAGEREF_FROZEN_BIT)
		return 0;
	return v <= PAGEREF_COUNT_MAX ? v : PAGEREF_SATURATED;
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
PAGEREF__CXX_NAMES_END
#endif

#endif /* PAGEREF_PAGEREF_H */
