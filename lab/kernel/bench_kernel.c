// SPDX-License-Identifier: MIT
/* The timed loops of pageref_kernel: see lab/kernel/bench_body.h. */
#define SCHEME		pageref_kernel
#define KSCHEME_SERIES	1
#include "bench_body.h"
