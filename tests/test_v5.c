// SPDX-License-Identifier: MIT
/*
 * The posted v5 (lab/schemes/v5.h) at the level of the word, one thread:
 * the defects doc/reviewers.md ("The posted v5, checked") lists that need no
 * race, each shown with the exact values. Built with PAGEREF_V5_DEBUG_VM=1,
 * so that the posted VM_WARN_ON_ONCE()/VM_BUG_ON() checks run and report
 * through the library's misuse counter. `unit v5` runs only this suite.
 */
#define PAGEREF_V5_DEBUG_VM 1

#include "tap.h"

#include "v5.h"

#define FROZEN	PAGEREF_V5_FROZEN
#define LIMIT	PAGEREF_V5_FROZEN_LIMIT

static pageref_t r;

/* Reports of the lab, counted here and kept off stderr. */
static unsigned int reports;
static enum pageref_misuse_kind last_kind;

static void count_report(enum pageref_misuse_kind kind, const char *func, const pageref_t *c,
			 uint32_t value)
{
	(void)func;
	(void)c;
	(void)value;
	reports++;
	last_kind = kind;
}

static uint32_t word(void)
{
	return pageref_atomic_load(&r, memory_order_relaxed);
}

void test_v5(void)
{
	pageref_misuse_handler old = pageref_set_misuse_handler(count_report);
	bool freed;

	/* The checks that do work: a get on a frozen page warns. */
	pageref_v5_init_frozen(&r);
	reports = 0;
	pageref_v5_get(&r, 1);
	ok(reports == 1 && last_kind == PAGEREF_MISUSE_GET_FROZEN,
	   "v5: page_ref_add() on a frozen page warns (%u report)", reports);

	/* The dead check: a put on a frozen page is not reported, and the word
	 * becomes a live-looking count of FROZEN - 1. */
	pageref_v5_init_frozen(&r);
	reports = 0;
	freed = pageref_v5_put(&r, 1);
	ok(!freed && reports == 0,
	   "v5: page_ref_sub_and_test() on a frozen page: no warning (%u reports), "
	   "its test is of (bool + nr)", reports);
	is_u32(word(), FROZEN - 1, "v5: ... and the frozen word is now the live count FROZEN - 1");
	is_u32(pageref_v5_count(&r), FROZEN - 1, "v5: ... which page_ref_count() reports");

	/* No ceiling: a try-get on a live count of FROZEN - 1 sets the bit,
	 * fails and keeps its increment; the owners' page reads 0. */
	reports = 0;
	pageref_v5_init(&r, FROZEN - 1);
	ok(!pageref_v5_tryget(&r, 1), "v5: a try-get on a live count of FROZEN - 1 fails");
	is_u32(word(), FROZEN, "v5: ... keeps its increment: the live page's word is FROZEN");
	is_u32(pageref_v5_count(&r), 0, "v5: ... and page_ref_count() reads 0 with FROZEN - 1 owners");
	/* All FROZEN - 1 owners put (as one put of that many): nobody frees it. */
	freed = pageref_v5_put(&r, FROZEN - 1);
	ok(!freed, "v5: ... after every owner's put nobody frees it");
	is_u32(word(), 1, "v5: ... its word stays 1 with no owner: a leak");

	/* Past the reset limit the reset CASes live references away: the
	 * owners' later puts reach 0 while owners remain, and the page is freed
	 * with LIMIT - FROZEN - 1 references still held. */
	pageref_v5_init(&r, LIMIT - 1);
	ok(!pageref_v5_tryget(&r, 1), "v5: a try-get on a live count of LIMIT - 1 fails");
	is_u32(word(), FROZEN, "v5: ... and its reset stores FROZEN over LIMIT - 1 live references");
	ok(!pageref_v5_put(&r, FROZEN - 1), "v5: ... FROZEN - 1 owners put");
	freed = pageref_v5_put(&r, 1);
	ok(freed, "v5: ... one more owner's put frees the page while LIMIT - FROZEN - 1 owners "
	   "still hold it");
	ok(reports == 0, "v5: ... and none of it is reported (%u reports)", reports);

	/* Where the posted code is right: a failed try-get below the limit
	 * leaves its increment (no atomic_dec undo), which unfreeze's store
	 * then replaces; at the limit the reset CASes its own value only. */
	pageref_v5_init(&r, 1);
	ok(pageref_v5_freeze(&r, 1), "v5: freeze(1) of a count of 1");
	ok(!pageref_v5_tryget(&r, 1), "v5: a try-get on the frozen page fails");
	is_u32(word(), FROZEN + 1, "v5: ... and leaves its increment on the frozen word");
	is_u32(pageref_v5_count(&r), 0, "v5: ... which page_ref_count() reads as 0");
	pageref_v5_unfreeze(&r, 2);
	is_u32(word(), 2, "v5: unfreeze(2) stores over the stray");
	pageref_atomic_store(&r, LIMIT - 1, memory_order_relaxed);
	ok(!pageref_v5_tryget(&r, 1), "v5: a try-get that reaches the reset limit fails");
	is_u32(word(), FROZEN, "v5: ... and its reset leaves FROZEN, strays gone");
	ok(reports == 0, "v5: no report on the way (%u)", reports);
	pageref_set_misuse_handler(old);
}
