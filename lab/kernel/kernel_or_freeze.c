// SPDX-License-Identifier: MIT
/* The scheme pageref_kernel_or_freeze: see lab/kernel/scheme_body.h. */
#define KSCHEME		pageref_kernel_or_freeze
#define KSCHEME_SERIES	1
#include "scheme_body.h"
