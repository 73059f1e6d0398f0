// SPDX-License-Identifier: MIT
/* The scheme pageref_kernel_ceiling: see lab/kernel/scheme_body.h. */
#define KSCHEME		pageref_kernel_ceiling
#define KSCHEME_SERIES	1
#include "scheme_body.h"
