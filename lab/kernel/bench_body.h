/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/bench_body.h - the timed loops of one kernel scheme, in a
 * translation unit of their own (lab/kernel/bench_kernel*.c) so that they
 * inline the kernel header's code as the other schemes' loops inline
 * theirs (lab/bench/loops.c declares them through loops_decl.h and points
 * its rows at them). Define SCHEME (e.g. pageref_kernel) and KSCHEME_SERIES.
 */
#include "ops.h"

#include "bench.h"
#include "objects.h"

#define BENCH_LOOP		__attribute__((noinline, noclone))
#define BENCH_FN(name)		PAGEREF_PASTE(bench_##name, SCHEME)
#define BENCH_FN_OF(name)	PAGEREF_PASTE(PAGEREF_PASTE(bench, name), SCHEME)
#define BENCH_PUT_FN(name)	PAGEREF_PASTE(PAGEREF_PASTE(bench_##name, BENCH_PUT), SCHEME)

#include "loops_decl.h"
#include "loops_body.h"
