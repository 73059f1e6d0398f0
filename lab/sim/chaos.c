// SPDX-License-Identifier: MIT
/*
 * Chaos mode: the atomic layer calls pageref_hook() before every counter
 * access (the hooks build). With --chaos we stall there at random, so that
 * the windows between two accesses of one operation (a decrement and its
 * freezing CAS, an increment and its undo) last long enough for another
 * thread to land inside them.
 */
#include <sched.h>
#include <time.h>

#include "torture.h"

/* Set once, before any worker starts. */
bool sim_chaos;

static _Thread_local uint64_t chaos_rng;

static void chaos_spin(unsigned int n)
{
	for (volatile unsigned int i = 0; i < n; i++)
		;
}

void pageref_hook(enum pageref_atomic_op op, const pageref_t *r)
{
	uint64_t x;

	(void)op;
	(void)r;
	if (!sim_chaos)
		return;
	if (!chaos_rng)
		chaos_rng = (uint64_t)(uintptr_t)&chaos_rng | 1;
	x = lab_xorshift64_star(&chaos_rng);
	switch (x & 63) {
	case 0:
	case 1:
		sched_yield();
		break;
	case 2:
	case 3:
	case 4:
		chaos_spin(100 + (unsigned int)(x >> 8) % 400);
		break;
	case 5:
		if (!((x >> 6) & 31)) {
			struct timespec ts = { 0, 10000 + (long)((x >> 16) % 40000) };

			nanosleep(&ts, NULL);
		}
		break;
	}
}
