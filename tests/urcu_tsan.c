// SPDX-License-Identifier: MIT
/*
 * A correct liburcu program over pageref/urcu.h, for ThreadSanitizer
 * (tests/urcu_tsan.sh): readers look up the one slot, take a reference and
 * read the entry; the writer replaces the entry and drops the cache's
 * reference; the last put frees it with call_rcu(). With PAGEREF_URCU_TSAN
 * TSan sees the grace periods and must stay quiet; without it, the same
 * program must get reports (liburcu hides its grace periods from TSan).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include <urcu.h>
#include <pageref/urcu.h>

#define ROUNDS	2000
#define READERS	2

struct entry {
	pageref_t ref;
	int value;
	struct rcu_head rcu;
};

/*
 * The slot is a C11 atomic: TSan sees neither rcu_assign_pointer() nor
 * rcu_dereference() (liburcu's own atomics), so a TSan build publishes
 * with release and reads with acquire, what those two give.
 */
static struct entry *_Atomic slot;
static _Atomic int done;

/* liburcu's own threads hand its own allocations around unseen. */
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
	return "called_from_lib:liburcu.so.8\n";
}

static void entry_free(struct rcu_head *head)
{
	pageref_rcu_grace_waited();
	free(caa_container_of(head, struct entry, rcu));
}

static void entry_put(struct entry *e)
{
	if (pageref_rcu_put(&e->ref, 1))
		call_rcu(&e->rcu, entry_free);
}

static void *reader(void *arg)
{
	long sum = 0;

	(void)arg;
	rcu_register_thread();
	/* relaxed: a stop flag; the entries are ordered by RCU and the counter */
	while (!atomic_load_explicit(&done, memory_order_relaxed)) {
		struct entry *e;

		rcu_read_lock();
		/* acquire: pairs with the writer's release exchange */
		e = atomic_load_explicit(&slot, memory_order_acquire);
		if (e && !pageref_rcu_tryget(&e->ref, 1))
			e = NULL;
		pageref_rcu_read_unlock();
		if (e) {
			sum += e->value;
			entry_put(e);
		}
	}
	rcu_unregister_thread();
	return (void *)sum;
}

int main(void)
{
	pthread_t threads[READERS];

	rcu_register_thread();
	for (int i = 0; i < READERS; i++)
		if (pthread_create(&threads[i], NULL, reader, NULL))
			return 1;
	for (int round = 0; round < ROUNDS; round++) {
		struct entry *e = malloc(sizeof(*e)), *old;

		if (!e)
			return 1;
		e->value = round;
		pageref_init(&e->ref, 1);
		/* release: publishes *e to the readers' acquire */
		old = atomic_exchange_explicit(&slot, e, memory_order_acq_rel);
		if (old && pageref_rcu_put_last(&old->ref, 1))
			call_rcu(&old->rcu, entry_free);
	}
	/* relaxed: as the readers' load */
	atomic_store_explicit(&done, 1, memory_order_relaxed);
	for (int i = 0; i < READERS; i++)
		pthread_join(threads[i], NULL);
	/* relaxed: the readers are gone */
	entry_put(atomic_exchange_explicit(&slot, NULL, memory_order_relaxed));
	rcu_barrier();
	rcu_unregister_thread();
	printf("urcu_tsan: %d rounds, misuse %lu\n", ROUNDS, pageref_misuse_count());
	return pageref_misuse_count() != 0;
}
