// SPDX-License-Identifier: MIT
/* The scheme pageref_kernel_base: see lab/kernel/scheme_body.h. */
#define KSCHEME		pageref_kernel_base
#define KSCHEME_SERIES	0
#include "scheme_body.h"
