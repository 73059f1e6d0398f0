/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/ops.h - one kernel scheme's operations, from the kernel's own
 * include/linux/page_ref.h (extracted and patched into build/kheaders/ by
 * lab/kernel/extract.sh, never copied into the repository).
 *
 * Define SCHEME (the prefix: SCHEME_OP(tryget) is SCHEME_tryget) and
 * KSCHEME_SERIES (1: the series' header, 0: the base, kernel/base.env's
 * KERNEL_BASE, as shipped), put the header's directory first on the include
 * path (-I$(B)/kheaders/NAME/include, then -Ilab/kernel/shim), and include
 * this file once: it defines the static inline operations of struct
 * pageref_scheme over the header's functions, and compiles the series'
 * mm/page_ref.c (page_ref_add_unless_zero_slow(), the try-get's
 * compare-and-exchange path) where the series has one: its external
 * functions take the prefix SCHEME (rename.h), one copy per translation
 * unit.
 *
 * Series v3's put is page_ref_sub_and_test() (decrement, then cmpxchg(0,
 * FROZEN)); with KSCHEME_PUT_LAST_FREEZE (the scheme kernel) its put_last,
 * for the callers that free a page as what they believe it to be, is
 * page_ref_sub_and_freeze() (one cmpxchg, patch 4).  The known-bad
 * variants keep the two-step put there too, so that the simulation's
 * owners' last puts run their bad put, and the base has one put for both.
 *
 * The lab's pageref_t is the page's _refcount (kshim.h); the counts the lab passes and reads are the narrow word's (kshim_wide()).
 * Each variant's header defines the same names, so each scheme is its own
 * translation unit: lab/kernel/scheme_body.h (the table's functions) and
 * lab/kernel/bench_body.h (the timed loops, which inline these).
 */
#ifndef PAGEREF_KERNEL_OPS_H
#define PAGEREF_KERNEL_OPS_H

#include "scheme.h"
#include "shim/kshim.h"
#include <rename.h>
#include <linux/page_ref.h>
#if __has_include(<page_ref.c>)
#include <page_ref.c>
#endif

#define KPAGE(r)	((struct page *)(r))

static inline void SCHEME_OP(init)(pageref_t *r, uint32_t count)
{
	set_page_count(KPAGE(r), kshim_wide(count));	/* set_page_refcounted() */
}

static inline void SCHEME_OP(init_frozen)(pageref_t *r)
{
#if KSCHEME_SERIES
	set_page_count_frozen(KPAGE(r));
#else
	set_page_count(KPAGE(r), 0);
#endif
}

static inline bool SCHEME_OP(tryget)(pageref_t *r, uint32_t nr)
{
	return page_ref_add_unless_zero(KPAGE(r), kshim_wide(nr));
}

static inline void SCHEME_OP(get)(pageref_t *r, uint32_t nr)
{
	page_ref_add(KPAGE(r), kshim_wide(nr));
}

static inline bool SCHEME_OP(put)(pageref_t *r, uint32_t nr)
{
	return page_ref_sub_and_test(KPAGE(r), kshim_wide(nr));
}

static inline bool SCHEME_OP(put_last)(pageref_t *r, uint32_t nr)
{
#if KSCHEME_PUT_LAST_FREEZE
	return page_ref_sub_and_freeze(KPAGE(r), kshim_wide(nr));
#else
	return page_ref_sub_and_test(KPAGE(r), kshim_wide(nr));
#endif
}

static inline bool SCHEME_OP(freeze)(pageref_t *r, uint32_t expected)
{
	return page_ref_freeze(KPAGE(r), kshim_wide(expected));
}

static inline void SCHEME_OP(unfreeze)(pageref_t *r, uint32_t count)
{
	page_ref_unfreeze(KPAGE(r), kshim_wide(count));
}

static inline uint32_t SCHEME_OP(count)(const pageref_t *r)
{
	return kshim_narrow(page_ref_count((const struct page *)r));
}

static inline bool SCHEME_OP(is_frozen)(const pageref_t *r)
{
#if KSCHEME_SERIES
	return page_ref_is_frozen((const struct page *)r);
#else
	return page_ref_count((const struct page *)r) == 0;
#endif
}

#undef KPAGE
#include "end.h"
#include <unrename.h>

#endif /* PAGEREF_KERNEL_OPS_H */
