// SPDX-License-Identifier: MIT
/*
 * Our scheme at the level of the word: the exact values the state diagram
 * in pageref.h promises, including the transient zero and the reset.
 */
#include "tap.h"

#include <pageref/pageref.h>

#define FROZEN	PAGEREF_FROZEN_BIT
#define LIMIT	PAGEREF_RESET_LIMIT

static uint32_t word(const pageref_t *r)
{
	return pageref_atomic_load(r, memory_order_relaxed);
}

static void set_word(pageref_t *r, uint32_t v)
{
	pageref_atomic_store(r, v, memory_order_relaxed);
}

static void test_frozen_words(void)
{
	pageref_t r;

	pageref_init_frozen(&r);
	is_u32(word(&r), FROZEN, "init_frozen stores the bare frozen bit");
	ok(!pageref_tryget(&r, 1), "tryget fails on frozen");
	is_u32(word(&r), FROZEN | 1, "a failed tryget leaves its increment");
	ok(!pageref_tryget(&r, 4), "tryget(4) fails on frozen");
	is_u32(word(&r), FROZEN | 5, "strays accumulate below the limit");
	pageref_unfreeze(&r, 2);
	is_u32(word(&r), 2, "unfreeze stores the count and drops the strays");
	ok(pageref_freeze(&r, 2), "freeze at the exact count");
	is_u32(word(&r), FROZEN, "freeze stores the bare frozen bit");
}

static void test_reset(void)
{
	pageref_t r;

	set_word(&r, LIMIT - 2);
	ok(!pageref_tryget(&r, 1), "tryget just below the limit fails");
	is_u32(word(&r), LIMIT - 1, "no reset below the limit");
	ok(!pageref_tryget(&r, 1), "tryget reaching the limit fails");
	is_u32(word(&r), FROZEN, "reaching the limit resets to the bare bit");
	set_word(&r, UINT32_MAX - 1);
	ok(!pageref_tryget(&r, 1), "tryget at the top of the word fails");
	is_u32(word(&r), FROZEN, "and resets before it could wrap");
}

static void test_puts(void)
{
	pageref_t r;

	pageref_init(&r, 3);
	is_u32(pageref_put_return(&r, 1), 2, "put_return reports what remains");
	ok(!pageref_put_last(&r, 1), "put_last with another owner is not last");
	is_u32(word(&r), 1, "the failed guess fell back to a plain put");
	ok(pageref_put_last(&r, 1), "put_last of the only reference");
	is_u32(word(&r), FROZEN, "put_last leaves exactly the frozen bit");
	pageref_init(&r, 2);
	ok(!pageref_put(&r, 1), "put of one of two");
	ok(pageref_put(&r, 1), "put of the last");
	is_u32(word(&r), FROZEN, "the last put leaves exactly the frozen bit");
	ok(pageref_is_frozen(&r), "is_frozen after the last put");
	pageref_init(&r, 2);
	pageref_put_not_last(&r, 1);	/* void: nothing to throw away under -Werror */
	is_u32(word(&r), 1, "put_not_last drops one of two");
	is_u32(pageref_misuse_count(), 0, "and reports nothing");
}

/* The window between the last put's decrement and its CAS. */
static void test_transient_zero(void)
{
	pageref_t r;

	set_word(&r, 0);
	ok(!pageref_is_frozen(&r), "zero is not frozen");
	is_u32(pageref_count(&r), 0, "zero counts as no owners");
	ok(pageref_tryget(&r, 1), "a try-get in the window takes a real reference");
	/* The stalled put now runs its CAS: it must see it lost. */
	ok(pageref__put_zero(&r) != 0, "the stalled put's CAS fails: it was not last");
	is_u32(word(&r), 1, "the reviving getter still holds its reference");
	ok(pageref_put(&r, 1), "the reviving getter's put is the last");
	is_u32(word(&r), FROZEN, "and it froze the counter");
}

void test_pageref(void)
{
	test_frozen_words();
	test_reset();
	test_puts();
	test_transient_zero();
}
