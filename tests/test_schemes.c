// SPDX-License-Identifier: MIT
/*
 * The contract every correct scheme shares, one thread, through the
 * registry: the same sequence of operations must give the same answers.
 */
#include "tap.h"
#include "scheme.h"

static void check_lifecycle(const struct pageref_scheme *s)
{
	pageref_t r;

	s->init(&r, 2);
	is_u32(s->count(&r), 2, s->name);
	ok(!s->is_frozen(&r), "%s: init(2) is live", s->name);
	ok(s->tryget(&r, 1), "%s: tryget on a live counter succeeds", s->name);
	s->get(&r, 2);
	is_u32(s->count(&r), 5, s->name);
	ok(!s->put(&r, 4), "%s: put(4) of 5 is not last", s->name);
	is_u32(s->count(&r), 1, s->name);
	ok(s->put(&r, 1), "%s: put of the last reference says so", s->name);
	ok(s->is_frozen(&r), "%s: frozen after the last put", s->name);
	is_u32(s->count(&r), 0, s->name);
	ok(!s->tryget(&r, 1), "%s: tryget on a dead counter fails", s->name);
	ok(!s->tryget(&r, 3), "%s: tryget(3) on a dead counter fails", s->name);
	ok(s->is_frozen(&r), "%s: failed try-gets leave it frozen", s->name);
	is_u32(s->count(&r), 0, s->name);
}

static void check_put_last(const struct pageref_scheme *s)
{
	pageref_t r;

	s->init(&r, 3);
	ok(!s->put_last(&r, 1), "%s: put_last with other owners is not last", s->name);
	is_u32(s->count(&r), 2, s->name);
	ok(s->put_last(&r, 2), "%s: put_last of all references is last", s->name);
	ok(s->is_frozen(&r), "%s: frozen after put_last", s->name);
	s->init(&r, 1);
	is_u32(s->count(&r), 1, s->name);
	ok(s->put_last(&r, 1), "%s: a re-initialised counter dies again", s->name);
}

static void check_freeze(const struct pageref_scheme *s)
{
	pageref_t r;

	s->init(&r, 2);
	ok(!s->freeze(&r, 1), "%s: freeze(1) with 2 references fails", s->name);
	is_u32(s->count(&r), 2, s->name);
	ok(s->freeze(&r, 2), "%s: freeze(2) with 2 references succeeds", s->name);
	ok(s->is_frozen(&r), "%s: frozen after freeze", s->name);
	is_u32(s->count(&r), 0, s->name);
	ok(!s->tryget(&r, 1), "%s: no try-get while frozen", s->name);
	s->unfreeze(&r, 3);
	is_u32(s->count(&r), 3, s->name);
	ok(s->tryget(&r, 1), "%s: try-get after unfreeze", s->name);
	is_u32(s->count(&r), 4, s->name);
}

void test_schemes(void)
{
	unsigned int correct = 0;

	for (size_t i = 0; i < pageref_nr_schemes; i++) {
		const struct pageref_scheme *s = &pageref_schemes[i];

		if (s->flags & PAGEREF_SCHEME_BAD)
			continue;
		correct++;
		check_lifecycle(s);
		check_put_last(s);
		if (s->flags & PAGEREF_SCHEME_FREEZE)
			check_freeze(s);
	}
	ok(correct >= 7, "registry has every correct scheme (%u)", correct);
	ok(pageref_scheme_find("pageref") == &pageref_schemes[0], "pageref is found by name");
	ok(pageref_scheme_find("v1-or") && (pageref_scheme_find("v1-or")->flags & PAGEREF_SCHEME_BAD),
	   "v1-or is registered as known-bad");
	ok(!pageref_scheme_find("nonesuch"), "an unknown name is not found");
}
