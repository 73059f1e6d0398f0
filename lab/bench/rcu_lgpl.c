// SPDX-License-Identifier: MIT
/*
 * The rcu workloads with _LGPL_SOURCE: liburcu's read lock and unlock
 * inlined into the loops (rcu.c has them as calls).
 */
#ifndef _LGPL_SOURCE
#define _LGPL_SOURCE
#endif

#define BENCH_RCU_BUILD	lgpl
#include "rcu_loops.h"
