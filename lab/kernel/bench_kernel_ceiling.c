// SPDX-License-Identifier: MIT
/* The timed loops of pageref_kernel_ceiling: see lab/kernel/bench_body.h. */
#define SCHEME		pageref_kernel_ceiling
#define KSCHEME_SERIES	1
#include "bench_body.h"
