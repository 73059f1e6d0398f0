/* SPDX-License-Identifier: MIT */
/*
 * pageref/page_ref.h - the kernel's include/linux/page_ref.h, over pageref.
 *
 * The kernel's names and shapes, so that a kernel developer can read the
 * two side by side. Each function is one line over pageref.h; the comments
 * say where the kernel differs today.
 *
 *   kernel (6.12)                      here
 *   0 means frozen or dead             FROZEN bit; 0 exists only inside a put
 *   atomic_add_unless(v, nr, 0)        one fetch-add and a compare
 *   set_page_count(page, 0)            set_page_count_frozen(page)
 *   atomic_dec_and_test()              fetch-sub, then CAS 0 -> FROZEN
 *   (none)                             folio_put_testzero_last(): one CAS
 *   count may reach INT_MAX            saturates above 2^30 (pageref.h)
 *
 * Ordering differs: the kernel's atomic_dec_and_test(), atomic_add_unless()
 * and atomic_cmpxchg() are fully ordered (a full barrier on each side of a
 * successful one); here puts are release, try-gets and freezes acquire, as
 * pageref.h documents per function. That is what the counter's own protocol
 * needs; a kernel caller that leans on the full barrier to order unrelated
 * accesses would need its own smp_mb() here.
 *
 * Names: the series' v3 renamed page_ref_add_unless_zero() "and friends" to
 * _unless_frozen(); which friends is not visible in the posted thread, so
 * only page_ref_add_unless_frozen() is renamed here, and the names kernel
 * callers use (get_page_unless_zero(), folio_try_get(), folio_ref_try_add())
 * keep their 6.12 names. set_page_count_frozen() is v4's name.
 * Absent: page_ref_inc_return() (pageref.h has no get that returns the new
 * count), the tracepoint hooks (page_ref_tracepoint_active()), and
 * page_ref_add_unless() with a non-zero @u (no kernel caller since v5.18).
 *
 * Every name, by what it does (@nr, @count, @v: references, at least 1;
 * an @nr outside 1..PAGEREF_NR_MAX, a negative one included, is a misuse
 * that pageref.h parks and reports); the pageref.h function it calls gives
 * its ordering:
 *   struct page, struct folio     the counter, page->_refcount; a folio is
 *                                 its head page (no compound pages here)
 *   page_ref_count, page_count,   the count; 0 for a frozen page
 *     folio_ref_count               (pageref_count)
 *   init_page_count,              make live with 1 or @v owners
 *     set_page_count,               (pageref_init)
 *     folio_set_count
 *   set_page_count_frozen         make frozen: no owners (pageref_init_frozen)
 *   set_page_refcounted           the allocator's frozen page gets 1 owner
 *   page_ref_add, page_ref_inc,   get, when the caller holds a reference
 *     folio_ref_add, folio_get      (pageref_get)
 *   page_ref_sub_and_test,        put; true if it was the last: the page is
 *     page_ref_dec_and_test,        then frozen and the caller frees it
 *     folio_ref_sub_and_test,       (pageref_put)
 *     folio_ref_dec_and_test,
 *     put_page_testzero,
 *     folio_put_testzero
 *   folio_put_testzero_last       the same, one CAS when last (pageref_put_last)
 *   page_ref_sub, page_ref_dec,   put that must not be the last (reported)
 *     folio_ref_sub
 *   folio_ref_sub_return,         put; the count left, 0 if it was the last
 *     page_ref_dec_return           (pageref_put_return)
 *   page_ref_add_unless_frozen,   try-get: fails on a frozen page
 *     get_page_unless_zero,         (pageref_tryget)
 *     folio_ref_try_add,
 *     folio_try_get
 *   page_ref_freeze,              freeze if exactly @count references exist
 *     folio_ref_freeze              (pageref_freeze)
 *   page_ref_unfreeze,            frozen to @count owners (pageref_unfreeze)
 *     folio_ref_unfreeze
 *   page_ref_is_frozen            (pageref_is_frozen)
 */
#ifndef PAGEREF_PAGE_REF_H
#define PAGEREF_PAGE_REF_H

#include <stdbool.h>

#include <pageref/pageref.h>

#ifdef __cplusplus
extern "C" {
#endif

struct page {
	pageref_t _refcount;
};

struct folio {
	struct page page;
};

/* Reads report 0 for a frozen page, as v2+ does. */
static inline int page_ref_count(const struct page *page)
{
	return (int)pageref_count(&page->_refcount);
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(page);	/* no compound pages here */
}

static inline int folio_ref_count(const struct folio *folio)
{
	return page_ref_count(&folio->page);
}

/* A page that has never been used: one owner. */
static inline void init_page_count(struct page *page)
{
	pageref_init(&page->_refcount, 1);
}

/* @v owners, v >= 1: a count of 0 is a misuse (use set_page_count_frozen()). */
static inline void set_page_count(struct page *page, int v)
{
	pageref_init(&page->_refcount, (uint32_t)v);
}

static inline void folio_set_count(struct folio *folio, int v)
{
	set_page_count(&folio->page, v);
}

/* Replaces every set_page_count(page, 0): a page with no owners is frozen. */
static inline void set_page_count_frozen(struct page *page)
{
	pageref_init_frozen(&page->_refcount);
}

/*
 * The allocator hands out a page: the FROZEN bit set by the last put of the
 * previous life survives until exactly this store (Linus' invariant). With
 * PAGEREF_DEBUG a live page is parked (pageref.h's Misuse), not reset to 1.
 */
static inline void set_page_refcounted(struct page *page)
{
	if (PAGEREF_DEBUG && pageref_unlikely(!pageref_is_frozen(&page->_refcount))) {
		pageref_park(PAGEREF_MISUSE_UNFREEZE_LIVE, __func__, &page->_refcount,
			     (uint32_t)page_ref_count(page));
		return;
	}
	pageref_init(&page->_refcount, 1);
}

static inline void page_ref_add(struct page *page, int nr)
{
	pageref_get(&page->_refcount, (uint32_t)nr);
}

static inline void page_ref_inc(struct page *page)
{
	page_ref_add(page, 1);
}

static inline void folio_ref_add(struct folio *folio, int nr)
{
	page_ref_add(&folio->page, nr);
}

static inline void folio_get(struct folio *folio)
{
	page_ref_add(&folio->page, 1);
}

/* Returns true if these were the last references (the page is frozen). */
static inline bool page_ref_sub_and_test(struct page *page, int nr)
{
	return pageref_put(&page->_refcount, (uint32_t)nr);
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return page_ref_sub_and_test(page, 1);
}

static inline bool folio_ref_sub_and_test(struct folio *folio, int nr)
{
	return page_ref_sub_and_test(&folio->page, nr);
}

static inline bool folio_ref_dec_and_test(struct folio *folio)
{
	return folio_ref_sub_and_test(folio, 1);
}

static inline bool put_page_testzero(struct page *page)
{
	return page_ref_dec_and_test(page);
}

static inline bool folio_put_testzero(struct folio *folio)
{
	return put_page_testzero(&folio->page);
}

/*
 * Not in the kernel: folio_put_testzero() for a caller that expects to hold
 * the last reference (freeing anonymous memory on munmap). One CAS when the
 * guess is right; the same contract as folio_put_testzero() always.
 */
static inline bool folio_put_testzero_last(struct folio *folio)
{
	return pageref_put_last(&folio->page._refcount, 1);
}

/*
 * The caller knows these are not the last references. If they were, the
 * page is now frozen with no one to free it: a bug, reported as the kernel
 * would, under the misuse policy with PAGEREF_DEBUG (VM_BUG_ON under
 * CONFIG_DEBUG_VM) and as a warning, never fatal, without it; the value
 * reported is the count the put found, @nr.
 */
static inline void page_ref_sub(struct page *page, int nr)
{
	if (pageref_unlikely(page_ref_sub_and_test(page, nr)))
		(PAGEREF_DEBUG ? pageref_misuse : pageref_warn)(PAGEREF_MISUSE_LAST_PUT, __func__,
							       &page->_refcount, (uint32_t)nr);
}

static inline void page_ref_dec(struct page *page)
{
	page_ref_sub(page, 1);
}

static inline void folio_ref_sub(struct folio *folio, int nr)
{
	page_ref_sub(&folio->page, nr);
}

/* 0 means the last references are gone and the page is frozen. */
static inline int folio_ref_sub_return(struct folio *folio, int nr)
{
	return (int)pageref_put_return(&folio->page._refcount, (uint32_t)nr);
}

static inline int page_ref_dec_return(struct page *page)
{
	return (int)pageref_put_return(&page->_refcount, 1);
}

/* page_ref_add_unless_zero() before v3 (see Names above): 0 is not "dead". */
static inline bool page_ref_add_unless_frozen(struct page *page, int nr)
{
	return pageref_tryget(&page->_refcount, (uint32_t)nr);
}

static inline bool get_page_unless_zero(struct page *page)
{
	return page_ref_add_unless_frozen(page, 1);
}

static inline bool folio_ref_try_add(struct folio *folio, int nr)
{
	return page_ref_add_unless_frozen(&folio->page, nr);
}

static inline bool folio_try_get(struct folio *folio)
{
	return folio_ref_try_add(folio, 1);
}

/* Succeeds only if exactly @count references exist; the page is then frozen. */
static inline bool page_ref_freeze(struct page *page, int count)
{
	return pageref_freeze(&page->_refcount, (uint32_t)count);
}

static inline bool folio_ref_freeze(struct folio *folio, int count)
{
	return page_ref_freeze(&folio->page, count);
}

static inline void page_ref_unfreeze(struct page *page, int count)
{
	pageref_unfreeze(&page->_refcount, (uint32_t)count);
}

static inline void folio_ref_unfreeze(struct folio *folio, int count)
{
	page_ref_unfreeze(&folio->page, count);
}

static inline bool page_ref_is_frozen(const struct page *page)
{
	return pageref_is_frozen(&page->_refcount);
}

#ifdef __cplusplus
}
#endif

#endif /* PAGEREF_PAGE_REF_H */
