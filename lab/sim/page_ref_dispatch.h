/* SPDX-License-Identifier: MIT */
/*
 * lab/sim/page_ref_dispatch.h - the simulation's page_ref.h: the same kernel
 * names, each calling the scheme under test through the scheme table.
 *
 * Only the functions the simulation calls are here, each with the shape
 * and the contract of its namesake in include/pageref/page_ref.h (which
 * calls pageref.h directly and knows nothing of schemes). The simulation
 * sets sim_scheme once per child process, before any thread starts.
 */
#ifndef PAGEREF_SIM_PAGE_REF_DISPATCH_H
#define PAGEREF_SIM_PAGE_REF_DISPATCH_H

#include <stdbool.h>

#include <pageref/pageref.h>

#include "scheme.h"

/* The scheme every function below calls; lab/sim/torture.c owns it. */
extern const struct pageref_scheme *sim_scheme;

struct page {
	pageref_t _refcount;
};

struct folio {
	struct page page;
};

/* Reads report 0 for a frozen page. */
static inline int page_ref_count(const struct page *page)
{
	return (int)sim_scheme->count(&page->_refcount);
}

static inline bool page_ref_is_frozen(const struct page *page)
{
	return sim_scheme->is_frozen(&page->_refcount);
}

/* A page with no owners is frozen (the allocator's free pages). */
static inline void set_page_count_frozen(struct page *page)
{
	sim_scheme->init_frozen(&page->_refcount);
}

/* The allocator hands out a frozen page: one owner. */
static inline void set_page_refcounted(struct page *page)
{
	if (PAGEREF_DEBUG && pageref_unlikely(!page_ref_is_frozen(page)))
		pageref_misuse(PAGEREF_MISUSE_UNFREEZE_LIVE, __func__, &page->_refcount,
			       (uint32_t)page_ref_count(page));
	sim_scheme->init(&page->_refcount, 1);
}

/* A speculative get: fails on a frozen page. */
static inline bool folio_try_get(struct folio *folio)
{
	return sim_scheme->tryget(&folio->page._refcount, 1);
}

/* Returns true if this was the last reference (the page is frozen). */
static inline bool folio_put_testzero(struct folio *folio)
{
	return sim_scheme->put(&folio->page._refcount, 1);
}

/* folio_put_testzero() for a caller that expects to hold the last reference. */
static inline bool folio_put_testzero_last(struct folio *folio)
{
	return sim_scheme->put_last(&folio->page._refcount, 1);
}

/* Succeeds only if exactly @count references exist; the page is then frozen. */
static inline bool page_ref_freeze(struct page *page, int count)
{
	return sim_scheme->freeze(&page->_refcount, (uint32_t)count);
}

static inline void page_ref_unfreeze(struct page *page, int count)
{
	sim_scheme->unfreeze(&page->_refcount, (uint32_t)count);
}

#endif /* PAGEREF_SIM_PAGE_REF_DISPATCH_H */
