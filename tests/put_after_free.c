// SPDX-License-Identifier: MIT
/*
 * The lifetime rule of pageref_put(), shown by its one bad interleaving,
 * forced step by step (the hooks build stops reader A inside its put):
 *
 *   reader A                 eviction               reader B
 *   lookup, tryget: 2                               rcu_dereference(slot)
 *                            unlink; put_last:
 *                            guess fails, put: 1
 *   put: fetch_sub -> 0
 *   (stopped before its CAS)                        tryget: 0 -> 1
 *                                                   put: 1 -> 0, CAS -> FROZEN
 *                                                   frees the entry
 *   CAS 0 -> FROZEN
 *
 * "unsafe": the README's old pattern, plain puts and free(): A's CAS writes
 * freed memory, and AddressSanitizer must say so (heap-use-after-free).
 * "contract": pageref/urcu.h's puts and call_rcu(): B's free waits for the
 * grace period that A's put holds back, so the run is clean.
 * "cover": as contract, but A drops its reference inside a read-side
 * section of its own making, opened before the put (the next lookup's, in
 * a loop) with pageref_rcu_put_rcusafe(): that section holds the grace
 * period back just as pageref_rcu_put()'s own does, so the run is clean.
 * "outside": debug builds report an rcusafe put or an RCU try-get made
 * outside a read-side section, and nothing made inside one.
 * Usage: put_after_free contract|cover|unsafe|outside
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <urcu.h>
#include <pageref/urcu.h>

struct entry {
	pageref_t ref;
	struct rcu_head rcu;
};

static struct entry *slot;
static bool use_contract;
static bool use_cover;		/* A's put: pageref_rcu_put_rcusafe() in A's section */

/* Reader A stops in its hook before the put's CAS until told to go on. */
static _Thread_local bool stop_before_cas;
static sem_t a_stopped, a_resume, a_looked_up, a_put, b_found, b_freed, entry_freed;

void pageref_hook(enum pageref_atomic_op op, const pageref_t *r)
{
	(void)r;
	if (stop_before_cas && op == PAGEREF_OP_CMPXCHG) {
		stop_before_cas = false;
		sem_post(&a_stopped);
		sem_wait(&a_resume);
	}
}

static void entry_free(struct rcu_head *head)
{
	free(caa_container_of(head, struct entry, rcu));
	sem_post(&entry_freed);
}

/*
 * Under the contract, A's read-side section holds the grace period back:
 * the free must not happen while A is stopped. Give it 200 ms to show that
 * it would (a put that opened no section, or opened it too late).
 */
static bool freed_while_a_stopped(void)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 200 * 1000 * 1000;
	if (until.tv_nsec >= 1000 * 1000 * 1000) {
		until.tv_sec++;
		until.tv_nsec -= 1000 * 1000 * 1000;
	}
	while (sem_timedwait(&entry_freed, &until))
		if (errno == ETIMEDOUT)
			return false;
	return true;
}

static void release(struct entry *e)
{
	if (use_contract)
		call_rcu(&e->rcu, entry_free);
	else
		free(e);
}

static bool put(struct entry *e)
{
	return use_contract ? pageref_rcu_put(&e->ref, 1) : pageref_put(&e->ref, 1);
}

static void *reader_a(void *arg)
{
	struct entry *e;
	bool got;

	(void)arg;
	rcu_register_thread();
	rcu_read_lock();
	e = rcu_dereference(slot);
	got = pageref_rcu_tryget(&e->ref, 1);
	rcu_read_unlock();
	sem_post(&a_looked_up);
	sem_wait(&a_put);
	stop_before_cas = true;
	if (use_cover) {
		bool last;

		rcu_read_lock();	/* the caller's section, begun before the put */
		last = pageref_rcu_put_rcusafe(&e->ref, 1);
		rcu_read_unlock();
		got = got && !last;
	} else {
		got = got && !put(e);
	}
	if (!got)
		fprintf(stderr, "put_after_free: reader A was last; the interleaving broke\n");
	rcu_unregister_thread();
	return NULL;
}

static void *reader_b(void *arg)
{
	struct entry *e;

	(void)arg;
	rcu_register_thread();
	rcu_read_lock();
	e = rcu_dereference(slot);
	sem_post(&b_found);
	sem_wait(&a_stopped);		/* A's decrement reached zero */
	if (pageref_rcu_tryget(&e->ref, 1)) {
		rcu_read_unlock();
		if (put(e))
			release(e);
	} else {
		rcu_read_unlock();
	}
	sem_post(&b_freed);
	rcu_unregister_thread();
	return NULL;
}

/* Exit status 0 if exactly the two calls outside a section were reported. */
static int report_outside(void)
{
	pageref_t r;
	bool last;

	rcu_register_thread();
	pageref_set_misuse_policy(PAGEREF_MISUSE_WARN_ONCE);
	pageref_init(&r, 3);
	rcu_read_lock();
	last = pageref_rcu_tryget(&r, 1) && pageref_rcu_put_rcusafe(&r, 1);
	rcu_read_unlock();
	last |= !pageref_rcu_tryget(&r, 1);
	last |= pageref_rcu_put_rcusafe(&r, 1);
	rcu_unregister_thread();
	printf("put_after_free outside: %lu reports\n", pageref_misuse_count());
	return !last && pageref_misuse_count() == 2 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct entry *e;
	pthread_t a, b;

	if (argc == 2 && !strcmp(argv[1], "outside"))
		return report_outside();
	if (argc != 2 || (strcmp(argv[1], "contract") && strcmp(argv[1], "cover") &&
			  strcmp(argv[1], "unsafe"))) {
		fprintf(stderr, "usage: put_after_free contract|cover|unsafe|outside\n");
		return 2;
	}
	use_cover = !strcmp(argv[1], "cover");
	use_contract = use_cover || !strcmp(argv[1], "contract");
	e = calloc(1, sizeof(*e));
	if (!e)
		return 1;
	sem_init(&a_stopped, 0, 0);
	sem_init(&a_resume, 0, 0);
	sem_init(&a_looked_up, 0, 0);
	sem_init(&a_put, 0, 0);
	sem_init(&b_found, 0, 0);
	sem_init(&b_freed, 0, 0);
	sem_init(&entry_freed, 0, 0);
	rcu_register_thread();
	pageref_init(&e->ref, 1);
	rcu_assign_pointer(slot, e);

	pthread_create(&a, NULL, reader_a, NULL);
	pthread_create(&b, NULL, reader_b, NULL);
	sem_wait(&a_looked_up);
	sem_wait(&b_found);
	e = rcu_xchg_pointer(&slot, NULL);		/* eviction */
	if (use_contract ? pageref_rcu_put_last(&e->ref, 1) : pageref_put_last(&e->ref, 1))
		fprintf(stderr, "put_after_free: eviction was last; the interleaving broke\n");
	sem_post(&a_put);
	sem_wait(&b_freed);
	if (use_contract && freed_while_a_stopped()) {
		fprintf(stderr, "put_after_free: the entry was freed inside A's put\n");
		_Exit(1);
	}
	sem_post(&a_resume);		/* A's CAS, on freed memory unless RCU holds it */
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	rcu_unregister_thread();
	rcu_barrier();
	printf("put_after_free %s: finished\n", argv[1]);
	return 0;
}
