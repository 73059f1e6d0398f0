// SPDX-License-Identifier: MIT
/*
 * page_ref_sub() as a release build compiles it (PAGEREF_DEBUG 0), for
 * test_misuse.c: there a last reference dropped by it warns, never aborts.
 */
#define PAGEREF_DEBUG 0
#include <pageref/page_ref.h>

#include "tap.h"

void page_ref_sub_release(struct page *page, int nr)
{
	page_ref_sub(page, nr);
}
