/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PAGE_REF_H
#define _LINUX_PAGE_REF_H

#include <linux/atomic.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/tracepoint-defs.h>

DECLARE_TRACEPOINT(page_ref_set);
DECLARE_TRACEPOINT(page_ref_mod);
DECLARE_TRACEPOINT(page_ref_mod_and_test);
DECLARE_TRACEPOINT(page_ref_mod_and_return);
DECLARE_TRACEPOINT(page_ref_mod_unless);
DECLARE_TRACEPOINT(page_ref_freeze);
DECLARE_TRACEPOINT(page_ref_unfreeze);

#ifdef CONFIG_DEBUG_PAGE_REF

/*
 * Ideally we would want to use the trace_<tracepoint>_enabled() helper
 * functions. But due to include header file issues, that is not
 * feasible. Instead we have to open code the static key functions.
 *
 * See trace_##name##_enabled(void) in include/linux/tracepoint.h
 */
#define page_ref_tracepoint_active(t) tracepoint_enabled(t)

extern void __page_ref_set(struct page *page, int v);
extern void __page_ref_mod(struct page *page, int v);
extern void __page_ref_mod_and_test(struct page *page, int v, int ret);
extern void __page_ref_mod_and_return(struct page *page, int v, int ret);
extern void __page_ref_mod_unless(struct page *page, int v, int u);
extern void __page_ref_freeze(struct page *page, int v, int ret);
extern void __page_ref_unfreeze(struct page *page, int v);

#else

#define page_ref_tracepoint_active(t) false

static inline void __page_ref_set(struct page *page, int v)
{
}
static inline void __page_ref_mod(struct page *page, int v)
{
}
static inline void __page_ref_mod_and_test(struct page *page, int v, int ret)
{
}
static inline void __page_ref_mod_and_return(struct page *page, int v, int ret)
{
}
static inline void __page_ref_mod_unless(struct page *page, int v, int u)
{
}
static inline void __page_ref_freeze(struct page *page, int v, int ret)
{
}
static inline void __page_ref_unfreeze(struct page *page, int v)
{
}

#endif

/*
 * Bit 31 of page->_refcount, PAGE_REF_FROZEN, is set while no reference to
 * the page exists and none may be taken: the page is free in the allocator,
 * not yet initialized for it, or frozen by page_ref_freeze() for a split or a
 * migration.  Store it with set_page_count_frozen() or page_ref_freeze(),
 * never as a literal 0.  page_ref_count() and folio_ref_count() report 0 for
 * a frozen page, so checks for a count of 0 keep their meaning.
 *
 * Values of page->_refcount:
 *
 *   0x00000000              Transient, inside the last put, between its
 *                           decrement and its cmpxchg to PAGE_REF_FROZEN.  A
 *                           try-get landing here takes a real reference.
 *   0x00000001..0x7fffffff  Live: that many references.
 *   0x80000000..0xbfffffff  Frozen.  The low bits count the try-gets that
 *                           failed; they are not references and nobody
 *                           undoes them.
 *   0xc0000000..0xffffffff  Frozen past PAGE_REF_RESET_LIMIT: a try-get that
 *                           fails here resets the word to PAGE_REF_FROZEN,
 *                           so failed increments never carry out of bit 31.
 *
 * Transitions:
 *
 *   frozen -> live n   a store of n: set_page_refcounted(), page_ref_unfreeze()
 *   live n -> frozen   page_ref_freeze(page, n): cmpxchg(n, PAGE_REF_FROZEN)
 *   live   -> 0        the put that drops the last reference: a decrement
 *   0      -> frozen   the same put: cmpxchg(0, PAGE_REF_FROZEN); only the
 *                      put whose cmpxchg succeeds frees the page
 *   0      -> live 1   a try-get: the cmpxchg above then fails, and the
 *                      getter's own put is the last one
 *   frozen -> frozen   a try-get: its increment lands below bit 31 and it fails
 *
 * The bit is cleared only by storing a whole count, never by arithmetic: the
 * bit that the last put sets stays until the page allocator hands the page
 * out again with set_page_refcounted(), whatever try-gets do meanwhile.
 */
#define PAGE_REF_FROZEN		(1U << 31)
#define PAGE_REF_RESET_LIMIT	(PAGE_REF_FROZEN | (PAGE_REF_FROZEN >> 1))

/*
 * PAGE_REF_COUNT_MAX is the ceiling of a live count: a try-get, and the
 * overflow checks of GUP and try_get_page(), refuse to take a count past it.
 * Between it and PAGE_REF_FROZEN there is room for 2^30 / nr try-gets of nr
 * references in flight at once (4096 of 2^18, the pages of a 1 GiB folio),
 * so a live count never carries into the frozen bit.
 */
#define PAGE_REF_COUNT_MAX	(PAGE_REF_FROZEN >> 1)

/**
 * page_ref_is_frozen - Is this page's refcount frozen?
 * @page: The page.
 *
 * Unlike page_ref_count() == 0, this is false for the transient 0 inside
 * the last put.  A plain read.
 *
 * Return: true if no try-get can succeed on @page now.
 */
static inline bool page_ref_is_frozen(const struct page *page)
{
	return (unsigned int)atomic_read(&page->_refcount) & PAGE_REF_FROZEN;
}

/**
 * page_ref_count - The reference count on this page.
 * @page: The page.
 *
 * A plain read: the value may be stale by the time it is used.
 *
 * Return: The number of references, or 0 if the page is frozen.
 */
static inline int page_ref_count(const struct page *page)
{
	int count = atomic_read(&page->_refcount);

	return (count & PAGE_REF_FROZEN) ? 0 : count;
}

/**
 * folio_ref_count - The reference count on this folio.
 * @folio: The folio.
 *
 * The refcount is usually incremented by calls to folio_get() and
 * decremented by calls to folio_put().  Some typical users of the
 * folio refcount:
 *
 * - Each reference from a page table
 * - The page cache
 * - Filesystem private data
 * - The LRU list
 * - Pipes
 * - Direct IO which references this page in the process address space
 *
 * Return: The number of references to this folio, 0 if it is frozen.
 */
static inline int folio_ref_count(const struct folio *folio)
{
	return page_ref_count(&folio->page);
}

static inline int page_count(const struct page *page)
{
	return folio_ref_count(page_folio(page));
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
	if (page_ref_tracepoint_active(page_ref_set))
		__page_ref_set(page, v);
}

static inline void folio_set_count(struct folio *folio, int v)
{
	set_page_count(&folio->page, v);
}

/**
 * set_page_count_frozen - Mark a page as having no references.
 * @page: The page.
 *
 * Use this instead of set_page_count(page, 0) for a page that is not yet,
 * or no longer, visible to anybody who could try to take a reference: a
 * page about to be handed to the page allocator, a tail page of a compound
 * page, a ZONE_DEVICE page waiting for its driver.  page_ref_unfreeze() or
 * set_page_refcounted() makes the page live again.
 *
 * Ordering: none; a plain store.
 */
static inline void set_page_count_frozen(struct page *page)
{
	set_page_count(page, PAGE_REF_FROZEN);
}

/**
 * folio_set_count_frozen - Mark a folio as having no references.
 * @folio: The folio.
 *
 * See set_page_count_frozen().
 */
static inline void folio_set_count_frozen(struct folio *folio)
{
	set_page_count_frozen(&folio->page);
}

/*
 * Setup the page count before being freed into the page allocator for
 * the first time (boot or memory hotplug)
 */
static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

/*
 * page_ref_add() and friends take or drop references while the caller holds
 * one: the count is live before and after.  With CONFIG_DEBUG_VM they warn
 * about a frozen count, which an increment does not revive, and about a
 * count they leave at 0, which nothing would ever freeze.
 */
static inline void page_ref_add(struct page *page, int nr)
{
	if (IS_ENABLED(CONFIG_DEBUG_VM)) {
		int count = atomic_add_return_relaxed(nr, &page->_refcount);

		VM_WARN_ON_ONCE_PAGE(count <= nr, page);
	} else {
		atomic_add(nr, &page->_refcount);
	}
	if (page_ref_tracepoint_active(page_ref_mod))
		__page_ref_mod(page, nr);
}

static inline void folio_ref_add(struct folio *folio, int nr)
{
	page_ref_add(&folio->page, nr);
}

static inline void page_ref_sub(struct page *page, int nr)
{
	if (IS_ENABLED(CONFIG_DEBUG_VM)) {
		int count = atomic_sub_return_relaxed(nr, &page->_refcount);

		VM_WARN_ON_ONCE_PAGE(count <= 0, page);
	} else {
		atomic_sub(nr, &page->_refcount);
	}
	if (page_ref_tracepoint_active(page_ref_mod))
		__page_ref_mod(page, -nr);
}

static inline void folio_ref_sub(struct folio *folio, int nr)
{
	page_ref_sub(&folio->page, nr);
}

static inline int folio_ref_sub_return(struct folio *folio, int nr)
{
	int ret = atomic_sub_return(nr, &folio->_refcount);

	VM_WARN_ON_ONCE_FOLIO(ret <= 0, folio);
	if (page_ref_tracepoint_active(page_ref_mod_and_return))
		__page_ref_mod_and_return(&folio->page, -nr, ret);
	return ret;
}

static inline void page_ref_inc(struct page *page)
{
	if (IS_ENABLED(CONFIG_DEBUG_VM)) {
		int count = atomic_inc_return_relaxed(&page->_refcount);

		VM_WARN_ON_ONCE_PAGE(count <= 1, page);
	} else {
		atomic_inc(&page->_refcount);
	}
	if (page_ref_tracepoint_active(page_ref_mod))
		__page_ref_mod(page, 1);
}

static inline void folio_ref_inc(struct folio *folio)
{
	page_ref_inc(&folio->page);
}

static inline void page_ref_dec(struct page *page)
{
	if (IS_ENABLED(CONFIG_DEBUG_VM)) {
		int count = atomic_dec_return_relaxed(&page->_refcount);

		VM_WARN_ON_ONCE_PAGE(count <= 0, page);
	} else {
		atomic_dec(&page->_refcount);
	}
	if (page_ref_tracepoint_active(page_ref_mod))
		__page_ref_mod(page, -1);
}

static inline void folio_ref_dec(struct folio *folio)
{
	page_ref_dec(&folio->page);
}

/*
 * page_ref_freeze_zero - The put whose decrement reached 0 freezes the page.
 * @page: The page.
 *
 * 0 is not frozen: a try-get may still take it to 1 and succeed.  So the
 * put changes exactly 0 into PAGE_REF_FROZEN with a cmpxchg and frees the
 * page only if that succeeds.  An atomic_or() would not do: a try-get that
 * moved 0 to 1 before it has already succeeded, and would keep a reference
 * to a page that is being freed.  If the cmpxchg fails, a try-get revived
 * the page and that getter's put is the last.
 *
 * The cmpxchg must be at least an acquire.  The 0 it reads may have been
 * written by another CPU's put, whose getter used the page in our window;
 * that put is fully ordered after its accesses, and only an acquire here
 * orders the freeing that follows after them (a relaxed cmpxchg would order
 * our later stores by the control dependency, but not our later loads).
 * It is fully ordered, like the atomic_dec_and_test() before it.
 *
 * Return: true if this put froze the page and must free it.
 */
static inline bool page_ref_freeze_zero(struct page *page)
{
	int zero = 0;

	return atomic_try_cmpxchg(&page->_refcount, &zero, PAGE_REF_FROZEN);
}

/**
 * page_ref_sub_and_test - Drop @nr references; freeze the page if they were the last.
 * @page: The page.
 * @nr: The number of references to drop; the caller owns them.
 *
 * Ordering: fully ordered, whatever the result.
 *
 * Return: true if the page is now frozen and the caller must free it.  The
 * caller must then free it according to the page's own state (its flags,
 * its order), not according to what it believed the page was: in the window
 * between the decrement and the cmpxchg, the page may have been revived,
 * freed and reused, and the caller's cmpxchg may end that later life.
 */
static inline int page_ref_sub_and_test(struct page *page, int nr)
{
	int ret = atomic_sub_and_test(nr, &page->_refcount);

	if (ret)
		ret = page_ref_freeze_zero(page);

	if (page_ref_tracepoint_active(page_ref_mod_and_test))
		__page_ref_mod_and_test(page, -nr, ret);
	return ret;
}

static inline int folio_ref_sub_and_test(struct folio *folio, int nr)
{
	return page_ref_sub_and_test(&folio->page, nr);
}

/**
 * page_ref_sub_and_test_last - Drop @nr references, expecting them to be the last.
 * @page: The page.
 * @nr: The number of references to drop; the caller owns them.
 *
 * page_ref_sub_and_test() for a caller that usually holds the last @nr
 * references: one cmpxchg(@nr, PAGE_REF_FROZEN) drops them and freezes the
 * page in one step, with no window between a decrement and a freeze.  If
 * the count is not @nr, this falls back to page_ref_sub_and_test(), at the
 * cost of one failed cmpxchg.  Use it where the guess is usually right.
 *
 * Ordering: fully ordered, like page_ref_sub_and_test().
 *
 * Return: as page_ref_sub_and_test().
 */
static inline bool page_ref_sub_and_test_last(struct page *page, int nr)
{
	int count = nr;

	if (atomic_try_cmpxchg(&page->_refcount, &count, PAGE_REF_FROZEN)) {
		if (page_ref_tracepoint_active(page_ref_mod_and_test))
			__page_ref_mod_and_test(page, -nr, true);
		return true;
	}
	return page_ref_sub_and_test(page, nr);
}

static inline bool folio_ref_sub_and_test_last(struct folio *folio, int nr)
{
	return page_ref_sub_and_test_last(&folio->page, nr);
}

static inline int page_ref_inc_return(struct page *page)
{
	int ret = atomic_inc_return(&page->_refcount);

	VM_WARN_ON_ONCE_PAGE(ret <= 1, page);
	if (page_ref_tracepoint_active(page_ref_mod_and_return))
		__page_ref_mod_and_return(page, 1, ret);
	return ret;
}

static inline int folio_ref_inc_return(struct folio *folio)
{
	return page_ref_inc_return(&folio->page);
}

/**
 * page_ref_dec_and_test - Drop a reference; freeze the page if it was the last.
 * @page: The page.
 *
 * See page_ref_sub_and_test().
 *
 * Return: true if the page is now frozen and the caller must free it.
 */
static inline int page_ref_dec_and_test(struct page *page)
{
	int ret = atomic_dec_and_test(&page->_refcount);

	if (ret)
		ret = page_ref_freeze_zero(page);

	if (page_ref_tracepoint_active(page_ref_mod_and_test))
		__page_ref_mod_and_test(page, -1, ret);
	return ret;
}

static inline int folio_ref_dec_and_test(struct folio *folio)
{
	return page_ref_dec_and_test(&folio->page);
}

static inline int page_ref_dec_return(struct page *page)
{
	int ret = atomic_dec_return(&page->_refcount);

	VM_WARN_ON_ONCE_PAGE(ret <= 0, page);
	if (page_ref_tracepoint_active(page_ref_mod_and_return))
		__page_ref_mod_and_return(page, -1, ret);
	return ret;
}

static inline int folio_ref_dec_return(struct folio *folio)
{
	return page_ref_dec_return(&folio->page);
}

/*
 * The HugeTLB vmemmap optimization maps the struct pages of tail pages
 * read-only: fake heads and frozen tail pages.  A try-get increments even
 * when it fails, so it must not try on those.
 */
static __always_inline bool page_count_writable(const struct page *page)
{
	return !page_is_fake_head(page) && !page_ref_is_frozen(page);
}

/*
 * page_ref_tryget_failed - A try-get found the page frozen or too referenced.
 * @page: The page.
 * @val: The value the try-get's own increment produced.
 *
 * Past PAGE_REF_COUNT_MAX on a live count, the try-get fails and keeps the
 * references it took: the page can then never be freed, which is better
 * than a count that could reach PAGE_REF_FROZEN (a use after free).
 *
 * On a frozen count the increment stays: below PAGE_REF_FROZEN it means
 * nothing, and undoing it with a decrement could hit a live count that
 * page_ref_unfreeze() or set_page_refcounted() stored meanwhile.  Only when
 * failed increments have piled up to PAGE_REF_RESET_LIMIT does the getter
 * replace the value it produced by PAGE_REF_FROZEN, and retry with the value
 * it finds instead while that is past the limit too.  A live count is never
 * past the limit, so this never drops a reference; it needs no ordering, as
 * it only ever replaces a frozen value by another.
 */
static inline void page_ref_tryget_failed(struct page *page, int val)
{
	while ((unsigned int)val >= PAGE_REF_RESET_LIMIT) {
		if (atomic_try_cmpxchg_relaxed(&page->_refcount, &val,
					       PAGE_REF_FROZEN))
			break;
	}
}

/**
 * page_ref_add_unless_frozen - Take @nr references unless the page is frozen.
 * @page: The page; it need not be referenced by the caller.
 * @nr: The number of references to take.
 *
 * One atomic_add_return(), whatever the contention, and one comparison of
 * the value it returned: above PAGE_REF_COUNT_MAX, the page is frozen or
 * the count too high.  A page found through a lockless lookup may
 * have been freed and reused meanwhile: on success, check that it is still
 * the page you looked for, and put it if not.
 *
 * Ordering: fully ordered on success; no ordering on failure.
 *
 * Return: true if the caller now owns @nr more references.
 */
static inline bool page_ref_add_unless_frozen(struct page *page, int nr)
{
	bool ret = false;
	int val;

	rcu_read_lock();
	/* avoid writing to the vmemmap area being remapped */
	if (page_count_writable(page)) {
		val = atomic_add_return(nr, &page->_refcount);
		ret = (unsigned int)val <= PAGE_REF_COUNT_MAX;
		if (unlikely(!ret))
			page_ref_tryget_failed(page, val);
	}
	rcu_read_unlock();

	if (page_ref_tracepoint_active(page_ref_mod_unless))
		__page_ref_mod_unless(page, nr, ret);
	return ret;
}

/**
 * page_ref_has_room - May the caller take @nr more references to this page?
 * @page: The page, referenced by the caller.
 * @nr: The number of references to take, at most PAGE_REF_COUNT_MAX.
 *
 * For the callers that check before a page_ref_add() that a count cannot
 * overflow (GUP, try_get_page()).  A plain read.
 *
 * Return: false if the page is frozen, or if @nr more references would
 * take the count past PAGE_REF_COUNT_MAX.
 */
static inline bool page_ref_has_room(const struct page *page, int nr)
{
	unsigned int count = atomic_read(&page->_refcount);

	return count && count <= PAGE_REF_COUNT_MAX - nr;
}

static inline bool folio_ref_has_room(const struct folio *folio, int nr)
{
	return page_ref_has_room(&folio->page, nr);
}

static inline bool folio_ref_add_unless_frozen(struct folio *folio, int nr)
{
	return page_ref_add_unless_frozen(&folio->page, nr);
}

/**
 * folio_try_get - Attempt to increase the refcount on a folio.
 * @folio: The folio.
 *
 * If you do not already have a reference to a folio, you can attempt to
 * get one using this function.  It may fail if, for example, the folio
 * has been freed since you found a pointer to it, or it is frozen for
 * the purposes of splitting or migration.
 *
 * Return: True if the reference count was successfully incremented.
 */
static inline bool folio_try_get(struct folio *folio)
{
	return folio_ref_add_unless_frozen(folio, 1);
}

static inline bool folio_ref_try_add(struct folio *folio, int count)
{
	return folio_ref_add_unless_frozen(folio, count);
}

/**
 * page_ref_freeze - Freeze the page if it has exactly @count references.
 * @page: The page.
 * @count: The references the caller accounts for.
 *
 * Ordering: fully ordered on success; no ordering on failure.
 *
 * Return: true if the page is now frozen: no try-get succeeds until
 * page_ref_unfreeze().
 */
static inline int page_ref_freeze(struct page *page, int count)
{
	int ret = likely(atomic_cmpxchg(&page->_refcount, count, PAGE_REF_FROZEN) == count);

	if (page_ref_tracepoint_active(page_ref_freeze))
		__page_ref_freeze(page, count, ret);
	return ret;
}

static inline int folio_ref_freeze(struct folio *folio, int count)
{
	return page_ref_freeze(&folio->page, count);
}

/**
 * page_ref_unfreeze - Make a frozen page live with @count references.
 * @page: The page, frozen.
 * @count: The number of references, at least 1.
 *
 * A store: it discards the increments of try-gets that failed meanwhile.
 *
 * Ordering: release; pairs with the try-get that sees the new count.
 */
static inline void page_ref_unfreeze(struct page *page, int count)
{
	VM_BUG_ON_PAGE(!page_ref_is_frozen(page), page);
	VM_BUG_ON(count == 0);

	atomic_set_release(&page->_refcount, count);
	if (page_ref_tracepoint_active(page_ref_unfreeze))
		__page_ref_unfreeze(page, count);
}

static inline void folio_ref_unfreeze(struct folio *folio, int count)
{
	page_ref_unfreeze(&folio->page, count);
}
#endif
