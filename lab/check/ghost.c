// SPDX-License-Identifier: MIT
/*
 * Ghost state and invariants. Scenarios call the scheme only through the
 * chk_*() operations here, which call the scheme's real code and record
 * what the caller now knows: the references it holds, in which lifetime of
 * the object, and which lifetime it released.
 *
 * A put gives its references up at its first access to the counter, not
 * when it returns: from then on the caller may not touch the object unless
 * the put returns true. A try-get holds its reference from the step that
 * returns true.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

struct chk_world chk_world;

/**
 * chk_fail - report a violation; the run stops at the next step.
 * @fmt: what went wrong, printf-style; only the first report is kept
 */
void chk_fail(const char *fmt, ...)
{
	va_list ap;

	if (chk_world.violation)
		return;
	va_start(ap, fmt);
	vsnprintf(chk_world.why, sizeof(chk_world.why), fmt, ap);
	va_end(ap);
	chk_world.violation = chk_world.why;
}

/* The counter as the invariants see it: no scheduling point, no trace. */
static uint32_t counter_untraced(void)
{
	return atomic_load_explicit(&chk_world.obj.counter, memory_order_relaxed);
}

static pageref_t copy_of(uint32_t v)
{
	pageref_t tmp;

	atomic_init(&tmp.counter, v);
	return tmp;
}

/**
 * chk_frozen_value - whether the scheme reads @v as frozen (no try-get wins).
 * @v: a counter value
 *
 * Asks the scheme's own is_frozen() on a copy, so that reads that write
 * (sticky seals a zero) never disturb the run.
 */
bool chk_frozen_value(uint32_t v)
{
	pageref_t tmp = copy_of(v);

	return chk_world.s->is_frozen(&tmp);
}

static uint32_t count_value(uint32_t v)
{
	pageref_t tmp = copy_of(v);

	return chk_world.s->count(&tmp);
}

static uint32_t holders(int *who)
{
	uint32_t n = 0;

	*who = -1;
	for (int i = 0; i < CHK_MAX_THREADS; i++) {
		if (chk_world.t[i].held && *who < 0)
			*who = i;
		n += chk_world.t[i].held;
	}
	return n;
}

static struct chk_thread *api_enter(const char *api)
{
	struct chk_thread *t = &chk_world.t[chk_world.cur];

	t->api = api;
	return t;
}

static void api_return(struct chk_thread *t, uint32_t result)
{
	chk_note(CHK_EV_RET, result);
	t->api = NULL;
}

/**
 * chk_reset - start a run: a free object that was never allocated.
 * @s:    the scheme
 * @sc:   the scenario, whose setup runs now, without scheduling points
 * @mode: threads whose puts call put_last() in this run (a bit each)
 */
void chk_reset(const struct pageref_scheme *s, const struct chk_scenario *sc,
	       unsigned int mode)
{
	chk_world.s = s;
	chk_world.sc = sc;
	chk_world.running = false;
	chk_world.freed = false;
	chk_world.saturated = false;
	chk_world.mapping = 0;
	chk_world.life = CHK_FREE;
	chk_world.gen = 0;
	chk_world.frozen_by = -1;
	memset(chk_world.releases, 0, sizeof(chk_world.releases));
	for (int i = 0; i < CHK_MAX_THREADS; i++)
		chk_world.t[i] = (struct chk_thread){ .put_last = mode & (1u << i) };
	chk_world.violation = NULL;
	chk_world.aba = false;
	chk_world.step_api = NULL;
	chk_world.cur = 0;
	chk_world.last = -1;
	/* Fresh memory: zeroed, then made free (david-keep's free path is an OR). */
	atomic_store_explicit(&chk_world.obj.counter, 0, memory_order_relaxed);
	s->init_frozen(&chk_world.obj);
	pageref_set_misuse_policy(PAGEREF_MISUSE_WARN_ONCE);
	chk_world.misuse_base = pageref_misuse_count();
	sc->setup();
	if (chk_world.violation) {
		char why[sizeof(chk_world.why)];

		memcpy(why, chk_world.why, sizeof(why));
		chk_world.violation = NULL;
		chk_fail("in the setup, before any interleaving: %.150s", why);
	}
	chk_world.cur = 0;
	chk_world.trace.nr_events = 0;
	chk_world.trace.nr_steps = 0;
	chk_world.trace.initial = counter_untraced();
	chk_world.trace.initial_gen = chk_world.gen;
	chk_world.trace.initial_life = chk_world.life;
	for (int i = 0; i < CHK_MAX_THREADS; i++)
		chk_world.trace.initial_held[i] = chk_world.t[i].held;
	chk_world.prev_frozen = chk_frozen_value(counter_untraced());
	chk_mem_reset();
}

/**
 * chk_as - make the setup's next operations those of thread @tid.
 * @tid: the thread
 */
void chk_as(int tid)
{
	chk_world.cur = tid;
}

static void release(uint32_t ref_gen, const char *how)
{
	int who;
	uint32_t n = holders(&who);

	if (chk_world.saturated)
		chk_fail("T%d's %s released a saturated lifetime %u: a reference was lost",
			 chk_world.cur, how, chk_world.gen);
	else if (chk_world.life == CHK_FROZEN)
		chk_fail("T%d's %s released lifetime %u while T%d has it frozen",
			 chk_world.cur, how, chk_world.gen, chk_world.frozen_by);
	else if (chk_world.life == CHK_FREE)
		chk_fail("T%d's %s released lifetime %u a second time", chk_world.cur, how, chk_world.gen);
	else if (n)
		chk_fail("T%d's %s released lifetime %u while T%d still holds %u reference(s)",
			 chk_world.cur, how, chk_world.gen, who, chk_world.t[who].held);
	if (ref_gen != chk_world.gen && !chk_world.aba) {
		chk_world.aba = true;
		snprintf(chk_world.aba_why, sizeof(chk_world.aba_why),
			 "T%d's %s released lifetime %u with a reference it took in lifetime %u",
			 chk_world.cur, how, chk_world.gen, ref_gen);
	}
	chk_world.releases[chk_world.gen]++;
	chk_world.life = CHK_FREE;
	chk_note(CHK_EV_RELEASE, chk_world.gen);
	chk_payload(true, "destructor");
}

/*
 * A get or try-get past the ceiling reports the overflow and parks the
 * count: accept that report (only those operations may make it) and from
 * then on expect a leak, never a release.
 */
static void accept_overflow(unsigned long misuses_before)
{
	if (!(chk_world.s->flags & PAGEREF_SCHEME_CEILING) ||
	    pageref_misuse_count() == misuses_before)
		return;
	chk_world.misuse_base += pageref_misuse_count() - misuses_before;
	chk_world.saturated = true;
	chk_note_ghost("overflow reported: the count is saturated", 2);
}

/**
 * chk_get - the scheme's get, by a thread that holds a reference.
 * @nr: references to add
 */
void chk_get(uint32_t nr)
{
	struct chk_thread *t = api_enter("get");
	unsigned long misuses = pageref_misuse_count();

	if (!t->held)
		chk_fail("scenario error: T%d gets without a reference", chk_world.cur);
	chk_world.s->get(&chk_world.obj, nr);
	t->held += nr;
	accept_overflow(misuses);
	api_return(t, nr);
}

/**
 * chk_tryget - the scheme's try-get, by the current thread.
 * @nr: references to take
 *
 * Return: what the scheme returned.
 */
bool chk_tryget(uint32_t nr)
{
	struct chk_thread *t = api_enter("tryget");
	unsigned long misuses = pageref_misuse_count();
	bool ok = chk_world.s->tryget(&chk_world.obj, nr);

	accept_overflow(misuses);
	if (ok) {
		if (chk_world.life == CHK_FREE)
			chk_fail("T%d's try-get succeeded on a free object (lifetime %u was released)",
				 chk_world.cur, chk_world.gen);
		else if (chk_world.life == CHK_FROZEN)
			chk_fail("T%d's try-get succeeded while T%d has the object frozen",
				 chk_world.cur, chk_world.frozen_by);
		if (t->held && t->held_gen != chk_world.gen)
			chk_fail("scenario error: T%d holds references in two lifetimes", chk_world.cur);
		t->held += nr;
		t->held_gen = chk_world.gen;
	}
	api_return(t, ok);
	return ok;
}

/**
 * chk_put - the scheme's put, or its put_last() if this run's mode says so.
 * @nr: references to drop; the current thread must hold them
 *
 * Return: true if the scheme says these were the last references; the
 * caller has then released the object.
 */
bool chk_put(uint32_t nr)
{
	struct chk_thread *t = &chk_world.t[chk_world.cur];
	uint32_t ref_gen = t->held_gen;
	bool last;

	if (t->held < nr)
		chk_fail("scenario error: T%d puts %u but holds %u", chk_world.cur, nr, t->held);
	t->dropping = nr;
	if (t->put_last) {
		api_enter("put_last");
		last = chk_world.s->put_last(&chk_world.obj, nr);
	} else {
		api_enter("put");
		last = chk_world.s->put(&chk_world.obj, nr);
	}
	chk_ghost_step();
	api_return(t, last);
	if (last)
		release(ref_gen, t->put_last ? "put_last" : "put");
	return last;
}

/**
 * chk_freeze - the scheme's freeze, by an owner holding @expected references.
 * @expected: the references the caller knows of: its own
 *
 * Return: true if frozen; the caller then owns the object exclusively and
 * its @expected references are gone.
 */
bool chk_freeze(uint32_t expected)
{
	struct chk_thread *t = api_enter("freeze");
	bool ok;
	int who;
	uint32_t n;

	if (t->held < expected)
		chk_fail("scenario error: T%d freezes %u but holds %u", chk_world.cur, expected, t->held);
	ok = chk_world.s->freeze(&chk_world.obj, expected);
	n = holders(&who);
	if (ok) {
		if (chk_world.life != CHK_LIVE)
			chk_fail("T%d's freeze succeeded on an object that is not live", chk_world.cur);
		else if (n != expected)
			chk_fail("T%d's freeze(%u) succeeded while %u references are held",
				 chk_world.cur, expected, n);
		t->held -= expected;
		chk_world.life = CHK_FROZEN;
		chk_world.frozen_by = chk_world.cur;
	}
	api_return(t, ok);
	if (ok)
		chk_payload(true, "frozen owner's write");
	return ok;
}

/**
 * chk_unfreeze - the scheme's unfreeze, by the thread that froze.
 * @count: references the caller holds afterwards
 */
void chk_unfreeze(uint32_t count)
{
	struct chk_thread *t = api_enter("unfreeze");

	if (chk_world.life != CHK_FROZEN || chk_world.frozen_by != chk_world.cur)
		chk_fail("scenario error: T%d unfreezes what it has not frozen", chk_world.cur);
	chk_payload(true, "frozen owner's write");
	chk_world.s->unfreeze(&chk_world.obj, count);
	chk_world.life = CHK_LIVE;
	t->held += count;
	t->held_gen = chk_world.gen;
	api_return(t, count);
}

/**
 * chk_discard_frozen - the thread that froze the object frees it (the way
 * reclaim frees a page after page_ref_freeze()): a release by freeze.
 */
void chk_discard_frozen(void)
{
	if (chk_world.life != CHK_FROZEN || chk_world.frozen_by != chk_world.cur) {
		chk_fail("scenario error: T%d frees what it has not frozen", chk_world.cur);
		return;
	}
	chk_world.life = CHK_LIVE;
	release(chk_world.gen, "freeze");
}

/**
 * chk_free - the allocator takes the released object back and marks it
 * free: set_page_count_frozen(), the scheme's init_frozen().
 */
void chk_free(void)
{
	struct chk_thread *t = api_enter("free");

	if (chk_world.life != CHK_FREE)
		chk_fail("scenario error: T%d frees lifetime %u, which is not released",
			 chk_world.cur, chk_world.gen);
	chk_world.s->init_frozen(&chk_world.obj);
	api_return(t, 0);
}

/**
 * chk_alloc - the allocator hands the free object out again:
 * set_page_refcounted(), the scheme's init(@count). A new lifetime begins.
 * @count: references the current thread holds afterwards
 */
void chk_alloc(uint32_t count)
{
	struct chk_thread *t = api_enter("alloc");

	if (chk_world.life != CHK_FREE)
		chk_fail("T%d allocates lifetime %u while it is in use", chk_world.cur, chk_world.gen);
	if (t->held)
		chk_fail("scenario error: T%d allocates while it holds references", chk_world.cur);
	if (chk_world.gen == CHK_MAX_GEN)
		chk_fail("more than %d lifetimes: raise CHK_MAX_GEN", CHK_MAX_GEN);
	chk_payload(true, "allocator's init");
	chk_world.s->init(&chk_world.obj, count);
	chk_world.gen++;
	chk_world.life = CHK_LIVE;
	t->held = count;
	t->held_gen = chk_world.gen;
	chk_note(CHK_EV_ALLOC, chk_world.gen);
	api_return(t, count);
}

/**
 * chk_give - setup only: hand @nr of the current thread's references to @to.
 * @to: the thread that holds them afterwards
 * @nr: how many
 */
void chk_give(int to, uint32_t nr)
{
	chk_world.t[chk_world.cur].held -= nr;
	chk_world.t[to].held += nr;
	chk_world.t[to].held_gen = chk_world.gen;
}

/* Publishing the object where lookups find it; a scheduling point. */
void chk_map(void)
{
	chk_map_access(PAGEREF_OP_STORE, chk_world.gen, "map");
}

/* Removing it, as truncation removes a page from the page cache. */
void chk_unmap(void)
{
	chk_map_access(PAGEREF_OP_STORE, 0, "unmap");
}

/**
 * chk_lookup - what a lookup finds: the lifetime mapped, or 0.
 *
 * Return: the lifetime the caller will believe it holds after a try-get.
 */
uint32_t chk_lookup(void)
{
	return chk_map_access(PAGEREF_OP_LOAD, 0, "lookup");
}

/**
 * chk_use - the caller touches the object, believing it is lifetime @gen.
 * @gen: what its lookup (and re-check) told it
 *
 * This is what the re-check after a speculative try-get must guarantee.
 */
void chk_use(uint32_t gen)
{
	struct chk_thread *t = &chk_world.t[chk_world.cur];

	if (!t->held)
		chk_fail("T%d uses the object without a reference", chk_world.cur);
	else if (t->held_gen != gen)
		chk_fail("T%d uses lifetime %u believing it is lifetime %u",
			 chk_world.cur, t->held_gen, gen);
	chk_payload(false, "re-checked reader's read");
}

/**
 * chk_read - the current thread, holding a reference, reads the payload.
 */
void chk_read(void)
{
	if (!chk_world.t[chk_world.cur].held)
		chk_fail("scenario error: T%d reads the object without a reference", chk_world.cur);
	chk_payload(false, "holder's read");
}

/**
 * chk_free_memory - the releaser gives the object's memory back (kfree):
 * from now on any access to it is a use after free.
 */
void chk_free_memory(void)
{
	if (chk_world.life != CHK_FREE)
		chk_fail("scenario error: T%d frees the memory of a lifetime in use", chk_world.cur);
	chk_note_ghost("memory freed", 2);
	chk_world.freed = true;
}

/**
 * chk_ghost_step - the current thread accessed the counter: a put in
 * progress has now given up its references.
 */
void chk_ghost_step(void)
{
	struct chk_thread *t = &chk_world.t[chk_world.cur];

	t->held -= t->dropping;
	t->dropping = 0;
}

static bool quiescent(void)
{
	for (int i = 0; i < chk_world.sc->nr_threads; i++)
		if (chk_world.t[i].api)
			return false;
	return true;
}

/* Whether @api may turn a frozen counter live: only these store a count. */
static bool revives(const char *api)
{
	return api && (!strcmp(api, "alloc") || !strcmp(api, "unfreeze") ||
		       !strcmp(api, "free"));
}

/**
 * chk_check_state - the invariants that hold between any two steps.
 *
 * No misuse reported; a counter with holders is never frozen; a free or
 * frozen object's counter is never carried back to a live value by
 * arithmetic; a live count never reads less than the references held
 * (operations in flight may add strays, never take references away); and
 * with no operation in flight it reads exactly the references held.
 */
void chk_check_state(void)
{
	uint32_t v = counter_untraced(), n;
	bool frozen = chk_frozen_value(v);
	int who;

	n = holders(&who);
	if (pageref_misuse_count() != chk_world.misuse_base)
		chk_fail("the scheme reported a misuse (pageref_misuse())");
	if (chk_world.life == CHK_LIVE && n && frozen)
		chk_fail("the counter is frozen (0x%x) while T%d holds %u reference(s)",
			 v, who, chk_world.t[who].held);
	if (chk_world.life != CHK_LIVE && chk_world.prev_frozen && !frozen && !revives(chk_world.step_api))
		chk_fail("T%d's %s carried the %s object's frozen counter to a live value 0x%x",
			 chk_world.last, chk_world.step_api ? chk_world.step_api : "step",
			 chk_world.life == CHK_FREE ? "free" : "frozen", v);
	chk_world.prev_frozen = frozen;
	if (chk_world.saturated && chk_world.life == CHK_LIVE && frozen)
		chk_fail("a saturated count reached FROZEN (0x%x): a live count was lost", v);
	if (chk_world.life != CHK_LIVE || frozen)
		return;
	if (count_value(v) < n)
		chk_fail("the count reads %u but %u reference(s) are held", count_value(v), n);
	else if (quiescent() && count_value(v) != n && !chk_world.saturated)
		chk_fail("no operation in flight, the count reads %u but %u reference(s) are held",
			 count_value(v), n);
}

/**
 * chk_check_end - the invariants at the end: every lifetime but the last
 * was released once (chk_alloc() checks that); the last one is released or
 * still has holders, never neither (a leak) and never left frozen.
 */
void chk_check_end(void)
{
	int who;

	if (chk_world.life == CHK_LIVE && !holders(&who) && !chk_world.saturated)
		chk_fail("leak: nobody holds lifetime %u and nobody released it", chk_world.gen);
	if (chk_world.life == CHK_FROZEN)
		chk_fail("scenario error: T%d left the object frozen", chk_world.frozen_by);
}
