// SPDX-License-Identifier: MIT
/*
 * The scenarios: each a few threads over one object, written the way the
 * kernel's callers use page_ref.h. T0 is usually the owner; the others
 * find the object without owning it and try to get a reference.
 *
 * With PAGEREF_COUNT_BITS=5 (the checker build): FROZEN is 0x20, the reset
 * limit 0x30, and the word wraps at 0x40.
 */
#include "check.h"

/* Failed try-gets before the threads start, to bring strays near the limit. */
#define CHK_PRELOAD_DEAD	((1u << PAGEREF_COUNT_BITS) - 3)
#define CHK_PRELOAD_FROZEN	(PAGEREF_RESET_LIMIT - PAGEREF_FROZEN_BIT - 1)

static void preload(int tid, uint32_t n)
{
	chk_as(tid);
	for (uint32_t i = 0; i < n; i++)
		if (chk_tryget(1))
			return;		/* chk_tryget() reported it */
}

/* A large @nr, as GUP's 1024 per pin on 512 pages, scaled to the width:
 * the failed gets of two threads fit the headroom above the reset limit. */
#define CHK_NR_BIG	(PAGEREF_FROZEN_BIT >> 3)

/* T0 owns the object with one reference. */
static void setup_owned(void)
{
	chk_as(0);
	chk_alloc(1);
}

/* T0 and T1 own one reference each. */
static void setup_shared(void)
{
	chk_as(0);
	chk_alloc(2);
	chk_give(1, 1);
}

/* T0 owns it, and it is in the page cache where lookups find it. */
static void setup_mapped(void)
{
	setup_owned();
	chk_map();
}

/* T0 has frozen it (page_ref_freeze() by migration, say). */
static void setup_frozen(void)
{
	setup_owned();
	if (!chk_freeze(1))
		chk_fail("setup: freeze(1) failed on a counter of 1");
}

/* T0 froze it and failed try-gets left strays just below the reset limit. */
static void setup_frozen_strays(void)
{
	setup_frozen();
	preload(1, CHK_PRELOAD_FROZEN);
}

/* Released long ago, with failed try-gets' strays three short of a wrap. */
static void setup_dead_strays(void)
{
	setup_owned();
	if (!chk_put(1))
		chk_fail("setup: the only owner's put was not the last");
	preload(1, CHK_PRELOAD_DEAD);
}

/* T0 and T1 own two references each: puts of nr = 2. */
static void setup_shared_pairs(void)
{
	chk_as(0);
	chk_alloc(4);
	chk_give(1, 2);
}

/* T0 and T2 own the object, two short of the ceiling: T0 holds MAX - 3, T2 one. */
static void setup_near_ceiling(void)
{
	chk_as(0);
	chk_alloc(PAGEREF_COUNT_MAX - 2);
	chk_give(2, 1);
}

/* T0, T1 and T2 own one reference each. */
static void setup_three_owners(void)
{
	chk_as(0);
	chk_alloc(3);
	chk_give(1, 1);
	chk_give(2, 1);
}

/* Frozen, strays one below the reset limit: any failed get passes it. */
static void setup_frozen_at_limit(void)
{
	setup_frozen();
	preload(1, PAGEREF_RESET_LIMIT - PAGEREF_FROZEN_BIT - 1);
}

/*
 * T0 holds a live count above the ceiling that series v2 had: one reference
 * more than PAGEREF_COUNT_MAX. In the kernel's 32 bits: 0x40000001, above
 * v3's PAGE_REF_TRYGET_FAST_MAX, so its try-gets take the cmpxchg path.
 */
static void setup_above_ceiling(void)
{
	chk_as(0);
	chk_alloc(PAGEREF_COUNT_MAX);
	chk_get(1);
}

/*
 * T0 holds a live count one below FROZEN: the posted v5 has no ceiling (its
 * page-flags.h calls 1..INT_MAX the live range), so nothing keeps a count
 * of 2^31 - 1 from one more try-get. In the kernel's 32 bits: 0x7fffffff.
 */
static void setup_below_frozen(void)
{
	chk_as(0);
	chk_alloc(PAGEREF_FROZEN_BIT - 1);
}

/* The owner uses the object and keeps its references. */
static void owner_read(void)
{
	chk_read();
}

/* The owner drops its reference; the last put releases. */
static void owner_put(void)
{
	chk_read();
	(void)chk_put(1);
}

/* A speculative getter that uses what it got and puts it. */
static void getter(void)
{
	if (!chk_tryget(1))
		return;
	chk_read();
	(void)chk_put(1);
}

static void getter_twice(void)
{
	getter();
	getter();
}

/* Owner: freeze, unfreeze, then put (split_folio, migration that backs off). */
static void freeze_unfreeze_put(void)
{
	if (chk_freeze(1))
		chk_unfreeze(1);
	(void)chk_put(1);
}

/* Owner: freeze to free it (reclaim's __remove_mapping), else just put. */
static void freeze_or_put(void)
{
	if (chk_freeze(1))
		chk_discard_frozen();
	else
		(void)chk_put(1);
}

/* Owner of a frozen object: unfreeze, then put. */
static void unfreeze_put(void)
{
	chk_unfreeze(1);
	(void)chk_put(1);
}

/* Put; if last, give the object back to the allocator. */
static void put_free(void)
{
	if (chk_put(1))
		chk_free();
}

/* An owner of two references reads the object and puts both at once. */
static void put2_free(void)
{
	chk_read();
	if (chk_put(2))
		chk_free();
}

/* A speculative getter of two references (a GUP pin of nr > 1). */
static void getter2(void)
{
	if (!chk_tryget(2))
		return;
	chk_read();
	(void)chk_put(2);
}

/*
 * A try-get on a count that stays live throughout (nobody freezes, the owner
 * keeps references): it must succeed. A page cache lookup retries a failed
 * try-get under RCU until it succeeds or the page is gone, so a try-get that
 * refuses a live count makes it spin (series v2's ceiling above 2^30).
 */
static void live_getter(uint32_t nr)
{
	if (!chk_tryget(nr))
		chk_fail("T%d's try-get of %u failed on a live count: a lookup that retries it spins",
			 chk_world.cur, nr);
	chk_read();
	(void)chk_put(nr);
}

static void live_getter_twice(void)
{
	live_getter(1);
	live_getter(1);
}

static void live_getter2(void)
{
	live_getter(2);
}

/* Failing try-gets of CHK_NR_BIG each, past the reset limit. */
static void getter_big_twice(void)
{
	for (int i = 0; i < 2; i++)
		if (chk_tryget(CHK_NR_BIG)) {
			chk_read();
			(void)chk_put(CHK_NR_BIG);
		}
}

/* The owner takes two more references (get, nr = 2), uses them, drops them. */
static void owner_get2_put2(void)
{
	chk_get(2);
	chk_read();
	(void)chk_put(2);
}

/*
 * The freed-memory scenarios: the object lives in memory freed after an
 * RCU grace period, found by try-gets inside read-side sections. @rcu_put:
 * whether puts run inside a read-side section too (the library's rule).
 */
static void put_then_free(bool rcu_put)
{
	bool last;

	if (rcu_put)
		chk_rcu_lock();
	last = chk_put(1);
	if (rcu_put)
		chk_rcu_unlock();
	if (!last)
		return;
	chk_synchronize_rcu();
	chk_free_memory();
}

static void rcu_getter(bool rcu_put)
{
	bool ok;

	chk_rcu_lock();
	ok = chk_tryget(1);
	chk_rcu_unlock();
	if (!ok)
		return;
	chk_read();
	put_then_free(rcu_put);
}

static void owner_put_free_norcu(void) { chk_read(); put_then_free(false); }
static void owner_put_free_rcu(void) { chk_read(); put_then_free(true); }
static void getter_put_free_norcu(void) { rcu_getter(false); }
static void getter_put_free_rcu(void) { rcu_getter(true); }

/*
 * The page-cache owner truncates: remove it from the mapping, put, and if
 * that was the last reference free it; the allocator hands it out again
 * at once, and the new owner uses it and frees it too.
 */
static void truncate_realloc(void)
{
	chk_unmap();
	if (!chk_put(1))
		return;
	chk_free();
	chk_alloc(1);
	put_free();
}

/*
 * filemap_get_entry(): look up, try-get, re-check that the mapping still
 * has this page, and only then use it; on a failed re-check, put it back.
 */
static void lookup_getter(void)
{
	uint32_t gen = chk_lookup();

	if (!gen || !chk_tryget(1))
		return;
	if (chk_lookup() == gen)
		chk_use(gen);
	put_free();
}

/*
 * Type-stable memory (SLAB_TYPESAFE_BY_RCU, struct page, a pool): the owner
 * unmaps and puts; if last, the allocator frees the object and hands the same
 * memory out again at once, writing the new life's identity (the mapping
 * word, here the object's own key field) and then re-initialising the count.
 */
static void reuse_owner(void)
{
	chk_unmap();
	if (!chk_put(1))
		return;
	chk_free();
	chk_map_access(PAGEREF_OP_STORE, chk_world.gen + 1, "identity");
	chk_alloc(1);
	put_free();
}

/*
 * A getter on type-stable memory: it found the object (and the identity it
 * wants), try-gets, and re-checks the identity before using it. If the
 * re-initialisation is not a release, the re-check may read the old
 * identity although the try-get took a reference on the new life.
 */
static void reuse_getter(void)
{
	uint32_t want = chk_lookup();

	if (!want || !chk_tryget(1))
		return;
	if (chk_lookup() == want)
		chk_use(want);
	put_free();
}

/*
 * The v4 "ABA" race (Sashiko): T1's speculative get succeeds in T0's window
 * between decrement and CAS, T1 puts and frees, the allocator hands the
 * page to T1's next user, who puts it too, while T0 still has its CAS to do.
 */
static void get_put_realloc_put(void)
{
	if (!chk_tryget(1) || !chk_put(1))
		return;
	chk_free();
	chk_alloc(1);
	put_free();
}

#define F	PAGEREF_SCHEME_FREEZE
#define R	PAGEREF_SCHEME_REUSE
#define B	PAGEREF_SCHEME_BOUNDED
#define TS	PAGEREF_SCHEME_TYPESAFE

/* A scenario in the matrix: within the contract, so every correct scheme passes. */
#define SCENARIO(name, summary, needs, nr, putters, setup, ...) \
	{ name, summary, needs, nr, putters, setup, { __VA_ARGS__ }, false }
/* One run only by name: the caller breaks a contract, some schemes must fail. */
#define CONTRACT_BREACH(name, summary, needs, nr, putters, setup, ...) \
	{ name, summary, needs, nr, putters, setup, { __VA_ARGS__ }, true }
/* One run only by name: a finding that a scheme of the table still has
 * (lab/check/matrix.sh says which, on one line each). */
#define FINDING(name, summary, needs, nr, putters, setup, ...) \
	{ name, summary, needs, nr, putters, setup, { __VA_ARGS__ }, true }

const struct chk_scenario chk_scenarios[] = {
	SCENARIO("get-vs-last-put", "a try-get races the owner's last put",
		 0, 2, 0x3,
	  setup_owned, owner_put, getter),
	SCENARIO("two-gets-vs-last-put", "two try-gets race the last put (the atomic_or question)",
		 0, 3, 0x7, setup_owned, owner_put, getter, getter),
	SCENARIO("get-vs-freeze-unfreeze", "try-gets race freeze, unfreeze and the owner's put",
		 F, 2, 0x3, setup_owned, freeze_unfreeze_put, getter_twice),
	SCENARIO("put-vs-freeze", "freeze(1) to free races another owner's put and a try-get",
		 F, 3, 0x7, setup_shared, freeze_or_put, owner_put, getter),
	SCENARIO("unfreeze-vs-get", "try-gets race the unfreeze of a frozen object",
		 F, 3, 0x7, setup_frozen, unfreeze_put, getter, getter),
	SCENARIO("get-vs-free-realloc", "lookup, try-get, re-check race truncation, free and reallocation",
		 R, 2, 0x3, setup_mapped, truncate_realloc, lookup_getter),
	SCENARIO("aba-last-put", "a put stalled between decrement and CAS while the object is reused",
		 R, 2, 0x3, setup_owned, put_free, get_put_realloc_put),
	/* Ilya's Jun 23 form of the race: two owners' puts, no re-check. */
	SCENARIO("aba-two-puts", "two owners' puts, one stalled in its window, while the object is reused",
		 R, 3, 0x7, setup_shared, put_free, put_free, get_put_realloc_put),
	SCENARIO("overflow", "failed try-gets on a dead object, strays three short of a wrap",
		 B, 2, 0, setup_dead_strays, getter_twice, getter_twice),
	SCENARIO("overflow-vs-unfreeze", "failed try-gets past the reset limit race an unfreeze",
		 F | B, 3, 0x1, setup_frozen_strays, unfreeze_put, getter_twice, getter_twice),
	SCENARIO("puts-nr2", "two owners put two references each, racing a try-get of two",
		 0, 3, 0x7, setup_shared_pairs, put2_free, put2_free, getter2),
	SCENARIO("failed-gets-nr-big", "try-gets of FROZEN/8 each pass the reset limit, race an unfreeze",
		 F | B, 3, 0x1, setup_frozen_at_limit, unfreeze_put, getter_big_twice,
		 getter_big_twice),
	SCENARIO("gets-to-ceiling", "a get and a try-get of two race toward the ceiling, and a put",
		 PAGEREF_SCHEME_CEILING, 3, 0x4, setup_near_ceiling, owner_get2_put2, getter2,
		 owner_put),
	SCENARIO("put-last-fallback-4", "three owners' put_last guesses fail and fall back, a try-get",
		 0, 4, 0xf, setup_three_owners, owner_put, owner_put, owner_put, getter),
	/* Type-stable memory: the identity re-check needs init to be a release. */
	SCENARIO("get-vs-reuse-recheck", "try-get and identity re-check race the re-initialisation of type-stable memory",
		 R | TS, 2, 0x3, setup_mapped, reuse_owner, reuse_getter),
	/* The library's lifetime rule, kept and (last, by name only) broken. */
	SCENARIO("free-after-put-rcu", "puts inside RCU, memory freed after a grace period",
		 0, 2, 0x3, setup_owned, owner_put_free_rcu, getter_put_free_rcu),
	/*
	 * Series v2's ceiling: page_ref_add_unless_frozen() failed, without a
	 * write, on a live count above PAGE_REF_COUNT_MAX (2^30), and the page
	 * cache's lookups retry such a try-get forever. v3 refuses a live count
	 * only where count + nr would reach bit 31, with a warning (kernel
	 * passes); kernel-ceiling (v3 + kernel/v3/known-bad/ceiling.patch, v2's
	 * refusal) must be caught. In the matrix for the kernel schemes only,
	 * so that the default run and the report catch kernel-ceiling: the
	 * library's own schemes saturate at PAGEREF_COUNT_MAX (the setup's get
	 * is an overflow they report).
	 */
	SCENARIO("live-gets-above-ceiling", "try-gets and puts on a live count above 2^30 (v2's ceiling) all succeed",
		 PAGEREF_SCHEME_KERNEL, 3, 0, setup_above_ceiling, owner_put, live_getter_twice,
		 live_getter2),
	/* The by-name runs stay after every matrix scenario: --scenario all
	 * stops at the first of them (chk_nr_matrix_scenarios()). */
	/*
	 * The posted v5 (lab/schemes/v5.h): a try-get on a live count of
	 * FROZEN - 1 sets the bit, fails and keeps its increment, so the owner's
	 * page reads frozen (page_ref_count() 0, every try-get fails) and a
	 * later failed try-get past the reset limit would CAS the live
	 * references away. upstream passes (its word has no bit there); a
	 * scheme with a ceiling reports the count as a misuse in the setup.
	 */
	FINDING("live-past-frozen", "a try-get carries a live count of FROZEN - 1 into the frozen bit",
		0, 2, 0x2, setup_below_frozen, owner_read, getter),
	CONTRACT_BREACH("free-after-put-norcu", "puts outside RCU, memory freed after a grace period",
			0, 2, 0x3, setup_owned, owner_put_free_norcu, getter_put_free_norcu),
};

const int chk_nr_scenarios = sizeof(chk_scenarios) / sizeof(chk_scenarios[0]);

/* The scenarios of --scenario all: those before the first one run by name. */
int chk_nr_matrix_scenarios(void)
{
	int j = 0;

	while (j < chk_nr_scenarios && !chk_scenarios[j].by_name)
		j++;
	return j;
}
