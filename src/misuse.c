// SPDX-License-Identifier: MIT
/*
 * Misuse reports: what VM_BUG_ON and WARN_ON_ONCE do in the kernel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pageref/pageref.h>

static const char *const misuse_text[PAGEREF_NR_MISUSE] = {
	[PAGEREF_MISUSE_GET_FROZEN]	= "get on a frozen counter (use a try-get)",
	[PAGEREF_MISUSE_PUT_FROZEN]	= "put on a frozen counter",
	[PAGEREF_MISUSE_UNDERFLOW]	= "put of more references than the counter holds",
	[PAGEREF_MISUSE_OVERFLOW]	= "count would overflow into the frozen bit",
	[PAGEREF_MISUSE_UNFREEZE_LIVE]	= "unfreeze of a counter that is not frozen",
	[PAGEREF_MISUSE_ZERO_COUNT]	= "count of 0 (use init_frozen / freeze to mean no owners)",
	[PAGEREF_MISUSE_LAST_PUT]	= "dropped the last reference where the caller may not",
	[PAGEREF_MISUSE_OUTSIDE_RCU]	= "try-get or put outside an RCU read-side section "
					  "(the memory may be freed under it)",
};

/* -1: not yet read from the environment. */
static _Atomic int misuse_policy = -1;
static _Atomic unsigned int misuse_warned;
static _Atomic unsigned long misuse_total;

static enum pageref_misuse_policy current_policy(void)
{
	int p = atomic_load_explicit(&misuse_policy, memory_order_relaxed);

	if (p < 0) {
		const char *env = getenv("PAGEREF_MISUSE");

		p = env && !strcmp(env, "warn") ? PAGEREF_MISUSE_WARN_ONCE : PAGEREF_MISUSE_ABORT;
		atomic_store_explicit(&misuse_policy, p, memory_order_relaxed);
	}
	return (enum pageref_misuse_policy)p;
}

enum pageref_misuse_policy pageref_set_misuse_policy(enum pageref_misuse_policy policy)
{
	enum pageref_misuse_policy old = current_policy();

	atomic_store_explicit(&misuse_policy, (int)policy, memory_order_relaxed);
	return old;
}

unsigned long pageref_misuse_count(void)
{
	return atomic_load_explicit(&misuse_total, memory_order_relaxed);
}

static void report(enum pageref_misuse_kind kind, const char *func, const pageref_t *r,
		   uint32_t value, bool abort_now)
{
	unsigned int bit = 1u << kind;

	atomic_fetch_add_explicit(&misuse_total, 1, memory_order_relaxed);
	if (!abort_now &&
	    (atomic_fetch_or_explicit(&misuse_warned, bit, memory_order_relaxed) & bit))
		return;
	fprintf(stderr, "pageref: %s in %s(): counter %p, value 0x%08x\n",
		abort_now ? "BUG" : "WARNING", func, (const void *)r, (unsigned int)value);
	fprintf(stderr, "pageref:   %s\n", misuse_text[kind]);
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
