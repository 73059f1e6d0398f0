// SPDX-License-Identifier: MIT
/* The timed loops of the probe kernel-acqfreeze: see lab/kernel/probes.h. */
#define SCHEME		pageref_kernel_acqfreeze
#define KSCHEME_SERIES	1
#include "bench_body.h"
