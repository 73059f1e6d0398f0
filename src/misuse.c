// SPDX-License-Identifier: MIT
/*
 * Misuse reports: what WARN_ON_ONCE (the default) and VM_BUG_ON do in the
 * kernel, or the program's own handler. The word is parked before any of
 * them runs (src/pageref.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pageref/pageref.h>

static const char *const misuse_text[PAGEREF_NR_MISUSE] = {
	[PAGEREF_MISUSE_GET_FROZEN]	= "get on a frozen counter (use a try-get)",
	[PAGEREF_MISUSE_PUT_FROZEN]	= "put on a frozen counter (it stays frozen)",
	[PAGEREF_MISUSE_UNDERFLOW]	= "put of more references than the counter holds: "
					  "parked saturated, the object leaks",
	[PAGEREF_MISUSE_OVERFLOW]	= "count past the ceiling (PAGEREF_COUNT_MAX): parked saturated, "
					  "the object leaks",
	[PAGEREF_MISUSE_UNFREEZE_LIVE]	= "unfreeze of a counter that is not frozen: "
					  "parked saturated, the object leaks",
	[PAGEREF_MISUSE_ZERO_COUNT]	= "count of 0 (use init_frozen / freeze to mean no owners)",
	[PAGEREF_MISUSE_LAST_PUT]	= "dropped the last reference where the caller may not",
	[PAGEREF_MISUSE_OUTSIDE_RCU]	= "try-get or put outside an RCU read-side section "
					  "(the memory may be freed under it)",
	[PAGEREF_MISUSE_NR_RANGE]	= "nr outside 1..PAGEREF_NR_MAX (2^18; the value is the nr): "
					  "nothing taken or dropped; a live counter is parked saturated, "
					  "the object leaks",
};

/* -1: not yet read from the environment. */
static _Atomic int misuse_policy = -1;
static _Atomic unsigned int misuse_warned;
static _Atomic unsigned long misuse_total;
static _Atomic(pageref_misuse_handler) misuse_handler;

/* PAGEREF_MISUSE: "warn" or "abort", in any case; anything else is an error. */
static int policy_from_env(void)
{
	const char *env = getenv("PAGEREF_MISUSE");

	if (!env || !strcasecmp(env, "warn"))
		return PAGEREF_MISUSE_WARN_ONCE;
	if (!strcasecmp(env, "abort"))
		return PAGEREF_MISUSE_ABORT;
	fprintf(stderr, "pageref: PAGEREF_MISUSE=%s: unknown value; accepted: warn (the default), "
		"abort (in any case)\n", env);
	abort();
}

static enum pageref_misuse_policy current_policy(void)
{
	/* relaxed: an int of its own; it orders nothing else */
	int p = atomic_load_explicit(&misuse_policy, memory_order_relaxed);

	if (p < 0) {
		int env = policy_from_env();

		/* relaxed: as the load; a racing first reader stores the same value */
		if (atomic_compare_exchange_strong_explicit(&misuse_policy, &p, env,
							    memory_order_relaxed,
							    memory_order_relaxed))
			p = env;
	}
	return (enum pageref_misuse_policy)p;
}

/*
 * PAGEREF_MISUSE is read, and a wrong value refused, when the library is
 * loaded: before main() (or when dlopen() loads libpageref.so), the way
 * the sanitizers' runtimes refuse a bad ASAN_OPTIONS. Not at the first
 * misuse: that would turn a typo of "warn" into an abort at an unforeseen
 * moment, and leave it unnoticed in every run that misuses nothing. Not
 * at the first call either: the fast paths are inline and never call in.
 * The library's code that runs before this (another constructor's misuse,
 * in an order the linker chooses) reads it in current_policy() instead.
 */
__attribute__((constructor)) static void policy_init(void)
{
	current_policy();
}

enum pageref_misuse_policy pageref_set_misuse_policy(enum pageref_misuse_policy policy)
{
	enum pageref_misuse_policy old = current_policy();

	/* relaxed: as current_policy() */
	atomic_store_explicit(&misuse_policy, (int)policy, memory_order_relaxed);
	return old;
}

pageref_misuse_handler pageref_set_misuse_handler(pageref_misuse_handler handler)
{
	/*
	 * acq_rel: the release pairs with the acquire in report(), which calls
	 * the handler; the acquire lets the caller call the previous one.
	 */
	return atomic_exchange_explicit(&misuse_handler, handler, memory_order_acq_rel);
}

const char *pageref_misuse_text(enum pageref_misuse_kind kind)
{
	return (unsigned int)kind < PAGEREF_NR_MISUSE ? misuse_text[kind] : "unknown misuse";
}

unsigned long pageref_misuse_count(void)
{
	/* relaxed: a statistic */
	return atomic_load_explicit(&misuse_total, memory_order_relaxed);
}

static void report(enum pageref_misuse_kind kind, const char *func, const pageref_t *r,
		   uint32_t value, bool abort_now)
{
	unsigned int bit = 1u << kind;
	/* acquire: pairs with the release in pageref_set_misuse_handler() */
	pageref_misuse_handler handler = atomic_load_explicit(&misuse_handler,
							      memory_order_acquire);

	/* relaxed: a statistic */
	atomic_fetch_add_explicit(&misuse_total, 1, memory_order_relaxed);
	if (handler) {
		handler(kind, func, r, value);
	} else if (abort_now ||
		   /* relaxed: the once-per-kind bits guard only this report */
		   !(atomic_fetch_or_explicit(&misuse_warned, bit, memory_order_relaxed) & bit)) {
		fprintf(stderr, "pageref: %s in %s(): counter %p, value 0x%08x\n",
			abort_now ? "BUG" : "WARNING", func, (const void *)r, (unsigned int)value);
		fprintf(stderr, "pageref:   %s\n", misuse_text[kind]);
	}
	if (abort_now)
		abort();
}

void pageref_misuse(enum pageref_misuse_kind kind, const char *func,
		    const pageref_t *r, uint32_t value)
{
	report(kind, func, r, value, current_policy() == PAGEREF_MISUSE_ABORT);
}

void pageref_warn(enum pageref_misuse_kind kind, const char *func,
		  const pageref_t *r, uint32_t value)
{
	report(kind, func, r, value, false);
}
