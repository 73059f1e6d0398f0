/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/objects.h - what the timed loops work on, and the small helpers
 * they share. Internal to lab/bench/.
 */
#ifndef PAGEREF_BENCH_OBJECTS_H
#define PAGEREF_BENCH_OBJECTS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <pageref/atomic.h>

#include "bench.h"

/* contended: the one shared counter, alone on its cache line. */
struct bench_shared {
	_Alignas(64) pageref_t ref;
};

/* A page of the free-path loops: its counter and, for free-path-race, the
 * round its two holders are in; one cache line each. */
struct bench_page {
	_Alignas(64) pageref_t ref;
	_Atomic(uint32_t) round;
};

/*
 * free-path-race: wait until @p's round @round is open (its previous life
 * was freed and it was allocated again). False if the measurement ended
 * meanwhile: the other holder stopped and will never put.
 */
static inline bool bench_page_wait_round(struct bench_ctx *ctx, struct bench_page *p,
					 uint32_t round)
{
	/* acquire: pairs with the release in bench_page_open_round(), so our
	 * put finds the count the freer stored */
	while (atomic_load_explicit(&p->round, memory_order_acquire) != round)
		if (bench_stopped(ctx))
			return false;
	return true;
}

/*
 * free-path-race: the last put of round @round reallocated @p; let both
 * holders put it again. Return: 1 if the round was already open, that is
 * if two puts of one round both claimed to be last.
 */
static inline int bench_page_open_round(struct bench_page *p, uint32_t round)
{
	/* release: pairs with the acquire in bench_page_wait_round() */
	return atomic_exchange_explicit(&p->round, round + 1, memory_order_release) != round;
}

#include "pagecache_loops.h"

#endif /* PAGEREF_BENCH_OBJECTS_H */
