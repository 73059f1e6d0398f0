// SPDX-License-Identifier: MIT
/* The scheme pageref_kernel: see lab/kernel/scheme_body.h. */
#define KSCHEME		pageref_kernel
#define KSCHEME_SERIES	1
#include "scheme_body.h"
