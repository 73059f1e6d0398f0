/* SPDX-License-Identifier: MIT */
/*
 * pageref/urcu.h - pageref on objects that liburcu frees: the lifetime rule
 * of pageref.h kept for you.
 *
 * pageref.h's rule: on an object that try-gets can reach, a try-get and a
 * put that drops the count to zero touch the counter without owning it, so
 * either the memory is type-stable or it is freed only after an RCU grace
 * period, with every try-get and every put inside a read-side section. This
 * header is that second way for liburcu users: lookups and try-gets run in
 * your read-side section, puts open one of their own, and the object is
 * freed with call_rcu(). The library itself does not depend on liburcu;
 * only code that includes this header does.
 *
 * Include a liburcu flavour first, any of them, by its short or its
 * prefixed names: <urcu.h> (memb, or signal/mb with -DRCU_SIGNAL/-DRCU_MB),
 * <urcu-qsbr.h>, <urcu-bp.h>, or <urcu/urcu-memb.h>, <urcu/urcu-qsbr.h>,
 * <urcu/urcu-bp.h>, <urcu/urcu-signal.h>, <urcu/urcu-mb.h> (which keep only
 * the urcu_<flavour>_ names unless URCU_API_MAP is defined). The functions
 * below use that flavour's read_lock, read_unlock and read_ongoing; include
 * one flavour only (liburcu declares call_rcu() for the first one included,
 * and so the short names would be ambiguous). Every thread that calls
 * them must be registered with that flavour (rcu_register_thread(), or
 * urcu_<flavour>_register_thread()); qsbr threads must also be online.
 *
 * In debug builds (PAGEREF_DEBUG), a try-get or an "rcusafe" put outside a
 * read-side section is reported as PAGEREF_MISUSE_OUTSIDE_RCU: that check
 * calls read_ongoing() first, so pageref_rcu_tryget() is one fetch-add only
 * with NDEBUG (or PAGEREF_DEBUG 0).
 *
 * ThreadSanitizer cannot see liburcu's grace periods (liburcu is not
 * instrumented), so a correct program gets reports: a reader's access and
 * the call_rcu() callback's free look unordered. Define PAGEREF_URCU_TSAN in
 * a -fsanitize=thread build to tell it: end your read-side sections with
 * pageref_rcu_read_unlock() (rcu_read_unlock() after a TSan release), start
 * each call_rcu() callback with pageref_rcu_grace_waited() (the acquire the
 * grace period implies), and pageref_rcu_put() and pageref_rcu_put_last()
 * release before they return true. That states the ordering RCU gives; it
 * hides nothing, since a callback runs only after those sections. Without
 * PAGEREF_URCU_TSAN, or without TSan, both are plain rcu_read_unlock() and
 * nothing. TSan sees neither rcu_assign_pointer() nor rcu_dereference()
 * (liburcu's own atomics): in a TSan build publish through a C11 atomic
 * pointer, a release store and an acquire load. liburcu's own threads hand
 * their allocations around unseen: suppress "called_from_lib:liburcu.so".
 *
 *   reader                                   owner evicting
 *   rcu_read_lock();                         e = rcu_xchg_pointer(&slot, NULL);
 *   e = rcu_dereference(slot);               if (pageref_rcu_put_last(&e->ref, 1))
 *   if (e && !pageref_rcu_tryget(&e->ref, 1))        call_rcu(&e->rcu, free_entry);
 *           e = NULL;
 *   rcu_read_unlock();
 *   ... use e ...
 *   if (pageref_rcu_put(&e->ref, 1))
 *           call_rcu(&e->rcu, free_entry);
 */
#ifndef PAGEREF_URCU_H
#define PAGEREF_URCU_H

#include <pageref/pageref.h>

/*
 * The flavour: its short names where they are mapped, else its prefixed
 * ones, found by the include guard of its header.
 */
#if defined(rcu_read_lock) && defined(rcu_read_unlock) && defined(rcu_read_ongoing)
#define pageref__rcu_name(op)	rcu_##op
#elif (defined(_URCU_MEMB_H) + defined(_URCU_QSBR_H) + defined(_URCU_BP_H) + \
       defined(_URCU_SIGNAL_H) + defined(_URCU_MB_H)) > 1
#error "several liburcu flavours included: pageref/urcu.h works with one"
#elif defined(_URCU_MEMB_H)
#define pageref__rcu_name(op)	urcu_memb_##op
#elif defined(_URCU_QSBR_H)
#define pageref__rcu_name(op)	urcu_qsbr_##op
#elif defined(_URCU_BP_H)
#define pageref__rcu_name(op)	urcu_bp_##op
#elif defined(_URCU_SIGNAL_H)
#define pageref__rcu_name(op)	urcu_signal_##op
#elif defined(_URCU_MB_H)
#define pageref__rcu_name(op)	urcu_mb_##op
#else
#error "include a liburcu flavour (<urcu.h>, <urcu/urcu-memb.h>, <urcu/urcu-qsbr.h>, <urcu/urcu-bp.h>, ...) before <pageref/urcu.h>"
#endif
#define pageref__rcu_read_lock		pageref__rcu_name(read_lock)
#define pageref__rcu_read_unlock	pageref__rcu_name(read_unlock)
#define pageref__rcu_read_ongoing	pageref__rcu_name(read_ongoing)

#if defined(PAGEREF_URCU_TSAN) && defined(__SANITIZE_THREAD__)
#define pageref__rcu_tsan 1
#elif defined(PAGEREF_URCU_TSAN) && defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define pageref__rcu_tsan 1
#endif
#endif
#ifdef pageref__rcu_tsan
#include <sanitizer/tsan_interface.h>
/* TSan's name for "a grace period": one object for the whole program. */
__attribute__((weak)) char pageref_rcu_tsan_grace;
#define pageref__rcu_grace_end()	__tsan_release(&pageref_rcu_tsan_grace)
#define pageref_rcu_grace_waited()	__tsan_acquire(&pageref_rcu_tsan_grace)
#else
#define pageref__rcu_grace_end()	((void)0)
/**
 * pageref_rcu_grace_waited - first thing in a call_rcu() callback (TSan builds).
 *
 * With PAGEREF_URCU_TSAN under ThreadSanitizer, the acquire a grace period
 * implies; otherwise nothing.
 */
#define pageref_rcu_grace_waited()	((void)0)
#endif

/**
 * pageref_rcu_read_unlock - rcu_read_unlock(), seen by ThreadSanitizer.
 *
 * With PAGEREF_URCU_TSAN under ThreadSanitizer, a release that the
 * callbacks' pageref_rcu_grace_waited() acquires; otherwise exactly the
 * flavour's read_unlock.
 */
#define pageref_rcu_read_unlock()	(pageref__rcu_grace_end(), pageref__rcu_read_unlock())

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

/* Internal: report the calling function if outside a read-side section. */
#define pageref__rcu_check(r)							\
	pageref_check(!pageref__rcu_read_ongoing(), PAGEREF_MISUSE_OUTSIDE_RCU, r,	\
		      pageref_atomic_load(r, memory_order_relaxed))

/**
 * pageref_rcu_tryget - pageref_tryget() on an object found under RCU.
 * @r:  the counter of an object reached through an RCU-protected pointer
 * @nr: references to take, 1 .. PAGEREF_NR_MAX
 *
 * Call it inside the read-side section that found the object: that section
 * keeps the memory valid for the try-get. Debug builds report a call
 * outside one, at the cost of a read_ongoing() call before the fetch-add.
 * Ordering and return: as pageref_tryget().
 */
static inline pageref_must_check bool pageref_rcu_tryget(pageref_t *r, uint32_t nr)
{
	pageref__rcu_check(r);
	return pageref__tryget(r, nr, __func__);
}

/**
 * pageref_rcu_put_rcusafe - pageref_put() by a caller already inside a
 * read-side section.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop, 1 .. PAGEREF_NR_MAX
 *
 * The caller's section must have begun before this call: it is what keeps
 * the memory valid for the CAS after the decrement. Debug builds report a
 * call outside one.
 * Ordering and return: as pageref_put(). On true, free with call_rcu().
 */
static inline pageref_must_check bool pageref_rcu_put_rcusafe(pageref_t *r, uint32_t nr)
{
	pageref__rcu_check(r);
	return pageref__put_return(r, nr, __func__) == 0;
}

/* Internal: pageref_rcu_put(), whose misuse is reported as @func's. */
static inline pageref_must_check bool pageref__rcu_put(pageref_t *r, uint32_t nr, const char *func)
{
	bool last;

	pageref__rcu_read_lock();
	last = pageref__put_return(r, nr, func) == 0;
	pageref_rcu_read_unlock();
	return last;
}

/**
 * pageref_rcu_put - pageref_put() inside a read-side section of its own.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop, 1 .. PAGEREF_NR_MAX
 *
 * The section opens before the decrement, not after it: once the decrement
 * has reached zero, another thread may revive, put and call_rcu() the
 * object, and only a section that was already open when it did so holds
 * the grace period back until our CAS is done. Sections nest, so this may
 * also be called inside one.
 * Ordering and return: as pageref_put(). On true, free with call_rcu().
 */
static inline pageref_must_check bool pageref_rcu_put(pageref_t *r, uint32_t nr)
{
	return pageref__rcu_put(r, nr, __func__);
}

/**
 * pageref_rcu_put_last - pageref_put_last() under the same rule.
 * @r:  a live counter holding at least @nr references of the caller
 * @nr: references to drop, 1 .. PAGEREF_NR_MAX
 *
 * The guess, CAS(nr -> FROZEN), needs no section: until it succeeds the
 * caller still holds its references, and when it succeeds nothing touches
 * @r again. Only the fallback put, after a wrong guess, runs inside one,
 * opened while the caller still holds its references.
 * Ordering, return and an @nr out of range: as pageref_put_last(). On
 * true, free with call_rcu().
 */
static inline pageref_must_check bool pageref_rcu_put_last(pageref_t *r, uint32_t nr)
{
	if (pageref__nr_out_of_range(nr)) {
		pageref_park_nr(r, nr, __func__);
		return false;
	}
	if (pageref_likely(pageref_freeze(r, nr))) {
		pageref__rcu_grace_end();	/* the caller's accesses, before its call_rcu() */
		return true;
	}
	return pageref__rcu_put(r, nr, __func__);
}

#ifdef __cplusplus
}
PAGEREF__CXX_NAMES_END
#endif

#endif /* PAGEREF_URCU_H */
