// SPDX-License-Identifier: MIT
/*
 * The installed headers from C++ (tests/cxx.sh builds this with g++ and
 * clang++, -std=c++17, c++20 and c++23, -pedantic -Werror): the counter's
 * life cycle, a misuse and its handler, page_ref.h's names, and urcu.h
 * over liburcu's default flavour. The headers declare no name outside
 * their own: <stdatomic.h> may follow them, and (built again with
 * -DCXX_OWN_MEMORY_ORDER) the program may have a memory_order of its own
 * in scope before them.
 */
#include <atomic>
#include <cstdio>
#include <cstdlib>

#include <urcu.h>

#ifdef CXX_OWN_MEMORY_ORDER
namespace app {
enum memory_order { app_relaxed, app_strict };
}
using namespace app;
#endif

#include <pageref/page_ref.h>
#include <pageref/urcu.h>

#ifndef CXX_OWN_MEMORY_ORDER
/* clang's C <stdatomic.h> (before C++23) declares a ::memory_order of its own. */
#include <stdatomic.h>
#endif

static unsigned int logged;

static void logger(enum pageref_misuse_kind kind, const char *, const pageref_t *, uint32_t)
{
	if (kind == PAGEREF_MISUSE_PUT_FROZEN)
		logged++;
}

int main()
{
	pageref_t r;
	struct page page;

	pageref_init(&r, 1);
	if (!pageref_tryget(&r, 2) || pageref_count(&r) != 3)
		return 1;
	pageref_get(&r, 1);
	if (pageref_put(&r, 3) || !pageref_put_last(&r, 1) || !pageref_is_frozen(&r))
		return 2;
	pageref_unfreeze(&r, 1);
	if (!pageref_freeze(&r, 1))
		return 3;
	pageref_set_misuse_handler(logger);
	if (pageref_put(&r, 1) || !pageref_is_frozen(&r) || logged != 1)
		return 4;

	init_page_count(&page);
	if (!get_page_unless_zero(&page) || page_ref_count(&page) != 2)
		return 5;
	page_ref_dec(&page);
	if (!put_page_testzero(&page) || !page_ref_is_frozen(&page))
		return 6;

	rcu_register_thread();
	pageref_init(&r, 1);
	rcu_read_lock();
	bool got = pageref_rcu_tryget(&r, 1);
	rcu_read_unlock();
	if (!got || pageref_rcu_put(&r, 1) || !pageref_rcu_put_last(&r, 1))
		return 7;
	rcu_unregister_thread();
#ifdef CXX_OWN_MEMORY_ORDER
	memory_order order = app_strict;	/* the program's, unambiguous */

	if (order != app_strict)
		return 8;
#endif
	std::printf("c++ %ld: ok\n", static_cast<long>(__cplusplus));
	return 0;
}
