/* SPDX-License-Identifier: MIT */
/* The lab's stand-in for mm/internal.h, which mm/page_ref.c includes: everything is in kshim.h. */
#include "kshim.h"
