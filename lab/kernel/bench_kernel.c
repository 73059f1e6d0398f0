// SPDX-License-Identifier: MIT
/* The timed loops of pageref_kernel: see lab/kernel/bench_body.h. */
#define SCHEME		pageref_kernel
#define KSCHEME_SERIES	1
/* put_last is patch 4's page_ref_sub_and_freeze() (lab/kernel/ops.h) */
#define KSCHEME_PUT_LAST_FREEZE 1
#include "bench_body.h"
