/* SPDX-License-Identifier: MIT */
/*
 * pageref-lab/util.h - the small helpers the lab's tools share: a monotonic
 * clock, container_of, and one pseudo-random generator (xorshift64).
 */
#ifndef PAGEREF_LAB_UTIL_H
#define PAGEREF_LAB_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Seconds on CLOCK_MONOTONIC: for intervals, not dates. */
static inline double lab_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The structure of type @type whose member @member is at @ptr. */
#define lab_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* xorshift64 (Marsaglia's 13, 7, 17): cheap, per thread; *@state must not be 0. */
static inline uint64_t lab_xorshift64(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* The same step, its output multiplied (xorshift64*): for callers that take
 * the low bits (x % n), which the multiply mixes. */
static inline uint64_t lab_xorshift64_star(uint64_t *state)
{
	return lab_xorshift64(state) * UINT64_C(0x2545f4914f6cdd1d);
}

#endif /* PAGEREF_LAB_UTIL_H */
