// SPDX-License-Identifier: MIT
/*
 * The README's example: a cache slot published with RCU, entries kept alive
 * by pageref and freed with call_rcu(), as pageref/urcu.h prescribes.
 * Build: cc cache_entry.c $(pkg-config --cflags --libs pageref liburcu)
 */
#include <stdio.h>
#include <stdlib.h>

#include <urcu.h>		/* liburcu, default flavour */
#include <pageref/urcu.h>

struct entry {
	pageref_t ref;
	int value;
	struct rcu_head rcu;
};

static struct entry *slot;	/* the cache: one RCU-published slot */

static void entry_free(struct rcu_head *head)
{
	free(caa_container_of(head, struct entry, rcu));
}

/* A reader: the entry with a reference of its own, or NULL. */
static struct entry *cache_lookup(void)
{
	struct entry *e;

	rcu_read_lock();
	e = rcu_dereference(slot);
	if (e && !pageref_rcu_tryget(&e->ref, 1))	/* one fetch-add */
		e = NULL;
	rcu_read_unlock();
	return e;
}

/* A reader is done: the last put frees, after a grace period. */
static void entry_put(struct entry *e)
{
	if (pageref_rcu_put(&e->ref, 1))
		call_rcu(&e->rcu, entry_free);
}

/* The cache evicts the entry; it expects to hold the last reference. */
static void cache_evict(void)
{
	struct entry *e = rcu_xchg_pointer(&slot, NULL);

	if (e && pageref_rcu_put_last(&e->ref, 1))	/* one CAS when it does */
		call_rcu(&e->rcu, entry_free);
}

int main(void)
{
	struct entry *e = malloc(sizeof(*e)), *found;

	if (!e)
		return 1;
	rcu_register_thread();
	e->value = 42;
	pageref_init(&e->ref, 1);			/* the cache's own reference */
	rcu_assign_pointer(slot, e);

	found = cache_lookup();
	printf("reader sees %d\n", found ? found->value : -1);
	printf("count while read %u\n", pageref_count(&e->ref));
	entry_put(found);
	cache_evict();
	printf("late reader finds it: %s\n", cache_lookup() ? "yes" : "no");

	rcu_unregister_thread();
	rcu_barrier();					/* run the pending frees */
	return 0;
}
