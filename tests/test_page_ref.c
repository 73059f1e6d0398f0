// SPDX-License-Identifier: MIT
/*
 * The kernel-shaped API: a page's life through the names of page_ref.h.
 */
#include "tap.h"

#include <pageref/page_ref.h>

static void test_page_life(void)
{
	struct folio folio;
	struct page *page = &folio.page;

	set_page_count_frozen(page);
	ok(page_ref_is_frozen(page), "a free page is frozen");
	is_u32(page_ref_count(page), 0, "a free page counts 0");
	ok(!get_page_unless_zero(page), "no speculative get on a free page");
	ok(!folio_try_get(&folio), "no folio_try_get on a free page");
	set_page_refcounted(page);
	is_u32(page_count(page), 1, "allocation: one owner");
	ok(folio_try_get(&folio), "folio_try_get on a live page");
	ok(folio_ref_try_add(&folio, 2), "folio_ref_try_add(2)");
	page_ref_add(page, 2);
	page_ref_inc(page);
	folio_get(&folio);
	is_u32(folio_ref_count(&folio), 8, "1 + 1 + 2 + 2 + 1 + 1");
	page_ref_sub(page, 3);
	page_ref_dec(page);
	folio_ref_sub(&folio, 1);
	is_u32(page_ref_count(page), 3, "after sub(3), dec, folio_ref_sub(1)");
	is_u32((uint32_t)page_ref_dec_return(page), 2, "dec_return reports what remains");
	ok(!page_ref_sub_and_test(page, 1), "sub_and_test of one of two");
	ok(!page_ref_freeze(page, 2), "freeze(2) fails with one reference");
	ok(folio_ref_freeze(&folio, 1), "freeze(1) succeeds with one reference");
	ok(!folio_try_get(&folio), "no try-get on a frozen page");
	page_ref_unfreeze(page, 2);
	is_u32(page_ref_count(page), 2, "unfreeze(2)");
	ok(!put_page_testzero(page), "put_page_testzero of one of two");
	ok(folio_put_testzero(&folio), "folio_put_testzero of the last");
	ok(page_ref_is_frozen(page), "the last put froze the page");
}

static void test_free_path(void)
{
	struct folio folio;

	init_page_count(&folio.page);
	ok(folio_put_testzero_last(&folio), "folio_put_testzero_last on a single owner");
	ok(page_ref_is_frozen(&folio.page), "frozen in one step");
	set_page_refcounted(&folio.page);
	page_ref_inc(&folio.page);
	ok(!folio_put_testzero_last(&folio), "a wrong guess is not last");
	ok(page_ref_dec_and_test(&folio.page), "and the other owner's put is");
	folio_ref_unfreeze(&folio, 1);
	ok(page_ref_dec_and_test(&folio.page), "folio_ref_unfreeze then the last put");
}

static void test_folio_ops(void)
{
	struct folio folio;

	folio_set_count(&folio, 5);
	is_u32(folio_ref_count(&folio), 5, "folio_set_count(5)");
	is_u32((uint32_t)folio_ref_sub_return(&folio, 2), 3, "folio_ref_sub_return(2) leaves 3");
	ok(!folio_ref_sub_and_test(&folio, 2), "folio_ref_sub_and_test(2) of 3");
	ok(folio_ref_dec_and_test(&folio), "folio_ref_dec_and_test of the last");
	ok(page_ref_is_frozen(&folio.page), "which froze it");
	set_page_count(&folio.page, 2);
	is_u32((uint32_t)folio_ref_sub_return(&folio, 2), 0, "folio_ref_sub_return to 0");
	ok(page_ref_is_frozen(&folio.page), "0 from sub_return means frozen");
}

void test_page_ref(void)
{
	test_folio_ops();
	test_page_life();
	test_free_path();
}
