// SPDX-License-Identifier: MIT
/* The timed loops of pageref_kernel_base: see lab/kernel/bench_body.h. */
#define SCHEME		pageref_kernel_base
#define KSCHEME_SERIES	0
#include "bench_body.h"
