// SPDX-License-Identifier: MIT
/*
 * page_ref_sub() and pageref.h's calls as a release build compiles them
 * (PAGEREF_DEBUG 0), for test_misuse.c: there a last reference dropped by
 * page_ref_sub() warns, never aborts, and the misuse contract holds as in
 * a debug build.
 */
#define PAGEREF_DEBUG 0
#include <pageref/page_ref.h>

#include "tap.h"

void page_ref_sub_release(struct page *page, int nr)
{
	page_ref_sub(page, nr);
}

static void rel_init(pageref_t *r, uint32_t count)	{ pageref_init(r, count); }
static void rel_init_frozen(pageref_t *r)		{ pageref_init_frozen(r); }
static void rel_get(pageref_t *r, uint32_t nr)		{ pageref_get(r, nr); }
static bool rel_tryget(pageref_t *r, uint32_t nr)	{ return pageref_tryget(r, nr); }
static bool rel_put(pageref_t *r, uint32_t nr)		{ return pageref_put(r, nr); }
static void rel_unfreeze(pageref_t *r, uint32_t count)	{ pageref_unfreeze(r, count); }

const struct pageref_ops pageref_release_ops = {
	"release", rel_init, rel_init_frozen, rel_get, rel_tryget, rel_put, rel_unfreeze,
};
