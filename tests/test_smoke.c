// SPDX-License-Identifier: MIT
/*
 * A short multi-threaded smoke test of every correct scheme: real threads,
 * real atomics. It is not the torture test (lab/sim/) nor the checker (lab/check/);
 * it catches a scheme that is broken in the obvious ways under a real race.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "tap.h"
#include "scheme.h"

#define GETTERS		2
#define ROUNDS		300
#define ITERS		2000

struct round {
	const struct pageref_scheme *s;
	pageref_t ref;
	_Atomic unsigned int lasts;	/* puts that returned true */
	_Atomic unsigned int holders;	/* shadow: getters holding a reference now */
	_Atomic unsigned int bad_freezes;
	_Atomic bool stop;
};

static void *getter(void *arg)
{
	struct round *rd = arg;

	for (int i = 0; i < ITERS; i++) {
		if (!rd->s->tryget(&rd->ref, 1))
			continue;
		atomic_fetch_add_explicit(&rd->holders, 1, memory_order_seq_cst);
		atomic_fetch_sub_explicit(&rd->holders, 1, memory_order_seq_cst);
		if (rd->s->put(&rd->ref, 1))
			atomic_fetch_add_explicit(&rd->lasts, 1, memory_order_relaxed);
	}
	return NULL;
}

/* The owner drops its reference while getters race: exactly one last put. */
static unsigned int bad_last_puts(const struct pageref_scheme *s, bool use_put_last)
{
	unsigned int bad = 0;

	for (int n = 0; n < ROUNDS; n++) {
		struct round rd = { .s = s };
		pthread_t t[GETTERS];

		s->init(&rd.ref, 1);
		for (int i = 0; i < GETTERS; i++)
			pthread_create(&t[i], NULL, getter, &rd);
		if (use_put_last ? s->put_last(&rd.ref, 1) : s->put(&rd.ref, 1))
			atomic_fetch_add_explicit(&rd.lasts, 1, memory_order_relaxed);
		for (int i = 0; i < GETTERS; i++)
			pthread_join(t[i], NULL);
		bad += atomic_load_explicit(&rd.lasts, memory_order_relaxed) != 1 ||
		       !s->is_frozen(&rd.ref);
	}
	return bad;
}

static void *freezer(void *arg)
{
	struct round *rd = arg;

	while (!atomic_load_explicit(&rd->stop, memory_order_relaxed)) {
		if (!rd->s->freeze(&rd->ref, 1))
			continue;
		if (atomic_load_explicit(&rd->holders, memory_order_seq_cst))
			atomic_fetch_add_explicit(&rd->bad_freezes, 1, memory_order_relaxed);
		rd->s->unfreeze(&rd->ref, 1);
	}
	return NULL;
}

/* freeze(1) must never succeed while a getter holds a reference. */
static unsigned int bad_freezes(const struct pageref_scheme *s)
{
	struct round rd = { .s = s };
	pthread_t g, f;

	s->init(&rd.ref, 1);
	pthread_create(&f, NULL, freezer, &rd);
	pthread_create(&g, NULL, getter, &rd);
	pthread_join(g, NULL);
	atomic_store_explicit(&rd.stop, true, memory_order_relaxed);
	pthread_join(f, NULL);
	return atomic_load_explicit(&rd.bad_freezes, memory_order_relaxed) +
	       (s->count(&rd.ref) != 1) + atomic_load_explicit(&rd.lasts, memory_order_relaxed);
}

void test_smoke(void)
{
	for (size_t i = 0; i < pageref_nr_schemes; i++) {
		const struct pageref_scheme *s = &pageref_schemes[i];

		if (s->flags & PAGEREF_SCHEME_BAD)
			continue;
		ok(bad_last_puts(s, false) == 0, "%s: one last put per life, racing getters", s->name);
		if (s->flags & PAGEREF_SCHEME_PUT_LAST)
			ok(bad_last_puts(s, true) == 0, "%s: put_last racing getters", s->name);
		if (s->flags & PAGEREF_SCHEME_FREEZE)
			ok(bad_freezes(s) == 0, "%s: freeze never beats a holder", s->name);
	}
}
