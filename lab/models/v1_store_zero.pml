/* SPDX-License-Identifier: MIT */
/*
 * v1-store-zero (known-bad) - lab/schemes/v1_store_zero.h: the free path
 * stores 0, as set_page_count(0) and __free_pages_core() did before v2.
 *
 *   init_frozen() atomic_set(0)
 *
 * Expected: I-get fails. A speculative try-get on the free page (a PFN
 * walk) takes 0 -> 1 and succeeds. 0 has no strays: BOOT_STRAYS 0.
 */
#include "env.pml"

#define BOOT_STRAYS	0

#define HAVE_INIT_FROZEN
inline scheme_init_frozen()
{
	atomic { STEP; w = 0 }	/* set_page_count(page, 0) */
}

#include "v1.pml"
