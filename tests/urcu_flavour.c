// SPDX-License-Identifier: MIT
/*
 * pageref/urcu.h over one liburcu flavour, chosen at build time by
 * tests/urcu_flavours.sh: -DURCU_HEADER='<urcu/urcu-memb.h>' and, for a
 * header that keeps only the prefixed names, -DURCU_PREFIX=urcu_memb.
 * A reader finds and keeps an entry, the cache evicts it, the last put
 * frees it after a grace period; no misuse may be reported on the way, and
 * a try-get outside a read-side section must be (debug build). A misuse
 * is reported by the name of the urcu.h function the program called.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include URCU_HEADER
#include <pageref/urcu.h>

#define CAT2(a, b)	a##b
#define CAT(a, b)	CAT2(a, b)
#ifdef URCU_PREFIX
#define F(op)		CAT(URCU_PREFIX, _##op)
#define REGISTER	F(register_thread)
#define UNREGISTER	F(unregister_thread)
#define READ_LOCK	F(read_lock)
#define READ_UNLOCK	F(read_unlock)
#define CALL_RCU	F(call_rcu)
#define BARRIER		F(barrier)
#define OFFLINE		F(thread_offline)
#define ONLINE		F(thread_online)
#else
#define REGISTER	rcu_register_thread
#define UNREGISTER	rcu_unregister_thread
#define READ_LOCK	rcu_read_lock
#define READ_UNLOCK	rcu_read_unlock
#define CALL_RCU	call_rcu
#define BARRIER		rcu_barrier
#define OFFLINE		rcu_thread_offline
#define ONLINE		rcu_thread_online
#endif

struct entry {
	pageref_t ref;
	int value;
	struct rcu_head rcu;
};

static struct entry *slot;
static int freed;

static const char *misuse_func;
static volatile bool sink;	/* the results of misuses, ignored */

static void record(enum pageref_misuse_kind kind, const char *func, const pageref_t *r,
		   uint32_t value)
{
	(void)kind;
	(void)r;
	(void)value;
	misuse_func = func;
}

static bool reported_in(const char *name)
{
	if (misuse_func && !strcmp(misuse_func, name))
		return true;
	fprintf(stderr, "misuse reported in %s, want %s\n", misuse_func ? misuse_func : "(none)",
		name);
	return false;
}

/* @call's misuse is reported by the name of the urcu.h function called. */
#define REPORTED_IN(call, name)	(misuse_func = NULL, sink = (call), reported_in(name))

static void entry_free(struct rcu_head *head)
{
	free(caa_container_of(head, struct entry, rcu));
	freed++;
}

int main(void)
{
	struct entry *e = malloc(sizeof(*e)), *found;
	bool outside;

	if (!e)
		return 1;
	REGISTER();
	pageref_set_misuse_policy(PAGEREF_MISUSE_WARN_ONCE);
	pageref_init(&e->ref, 1);
	e->value = 42;
	rcu_assign_pointer(slot, e);

	READ_LOCK();
	found = rcu_dereference(slot);
	if (found && !pageref_rcu_tryget(&found->ref, 1))
		found = NULL;
	if (found && pageref_rcu_put_rcusafe(&found->ref, 1))
		return 2;	/* the cache still holds one */
	if (found && !pageref_rcu_tryget(&found->ref, 1))
		found = NULL;
	READ_UNLOCK();
	if (!found || found->value != 42 || pageref_count(&found->ref) != 2)
		return 3;

	e = rcu_xchg_pointer(&slot, NULL);
	if (pageref_rcu_put_last(&e->ref, 1))
		return 4;	/* the reader still holds one */
	if (!pageref_rcu_put(&found->ref, 1))
		return 5;
	CALL_RCU(&found->rcu, entry_free);
	BARRIER();
	if (freed != 1 || pageref_misuse_count())
		return 6;

	/* Outside a read-side section: reported in a debug build. */
	e = malloc(sizeof(*e));
	if (!e)
		return 1;
	pageref_init(&e->ref, 1);
#ifdef _URCU_QSBR_H
	OFFLINE();	/* qsbr: an online thread is in a read-side section */
#endif
	outside = pageref_rcu_tryget(&e->ref, 1);
#ifdef _URCU_QSBR_H
	ONLINE();
#endif
	if (!outside || pageref_misuse_count() != (PAGEREF_DEBUG ? 1u : 0u))
		return 7;

	pageref_set_misuse_handler(record);
	pageref_init_frozen(&e->ref);
	if (!REPORTED_IN(pageref_rcu_put(&e->ref, 1), "pageref_rcu_put"))
		return 8;
	if (!REPORTED_IN(pageref_rcu_put_last(&e->ref, 1), "pageref_rcu_put_last"))
		return 9;
	READ_LOCK();
	if (!REPORTED_IN(pageref_rcu_put_rcusafe(&e->ref, 1), "pageref_rcu_put_rcusafe") ||
	    !REPORTED_IN(pageref_rcu_tryget(&e->ref, 0), "pageref_rcu_tryget")) {
		READ_UNLOCK();
		return 10;
	}
	READ_UNLOCK();
	free(e);
	UNREGISTER();
	printf("urcu flavour %s: ok\n", URCU_NAME);
	return 0;
}
