// SPDX-License-Identifier: MIT
/* The timed loops of the probe kernel-mbfreeze: see lab/kernel/probes.h. */
#define SCHEME		pageref_kernel_mbfreeze
#define KSCHEME_SERIES	1
#include "bench_body.h"
