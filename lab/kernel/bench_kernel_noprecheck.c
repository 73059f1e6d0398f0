// SPDX-License-Identifier: MIT
/* The timed loops of the probe kernel-noprecheck: see lab/kernel/probes.h. */
#define SCHEME		pageref_kernel_noprecheck
#define KSCHEME_SERIES	1
#include "bench_body.h"
