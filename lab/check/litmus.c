// SPDX-License-Identifier: MIT
/*
 * pageref-litmus - litmus tests of the checker's memory model: the model is
 * not blind.
 *
 * Each test is a few threads of raw atomic accesses to the counter word
 * (through the same atomic layer and backend as the schemes), accesses to
 * the mapping word and ghost accesses to the payload, explored by the same
 * explorer (explore.c), memory model (c11.c) and race detector as the
 * scenarios of 'pageref check'. Each test is run three times: under C11,
 * under C11 with stale reads turned off (every load reads the newest store),
 * and under SC; each run has an expected verdict (pass, or a data race on
 * the object) and outcomes that must be reached or never be reached. The
 * program prints each verdict and exits 1 if any differs from the expected.
 *
 * The counter holds small distinct values here, not a reference count: the
 * tests run over a scheme that reads every value as live and unfrozen, with
 * the object's ghost lifetime free, so that the reference invariants of
 * ghost.c stay out of the way and only the memory model speaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* ---- a scheme that lets the litmus threads use the word freely ------------ */

static void lit_init_frozen(pageref_t *r)
{
	atomic_store_explicit(&r->counter, 0, memory_order_relaxed);
}

static uint32_t lit_count(const pageref_t *r)
{
	(void)r;
	return 0;
}

static bool lit_is_frozen(const pageref_t *r)
{
	(void)r;
	return false;
}

static const struct pageref_scheme lit_scheme = {
	.name = "litmus",
	.summary = "raw accesses to the word",
	.init_frozen = lit_init_frozen,
	.count = lit_count,
	.is_frozen = lit_is_frozen,
};

/* ---- outcomes ------------------------------------------------------------- */

/* What the runs of one exploration reached, a bit each (O_*). */
static unsigned int seen;

enum {
	O_FLAG,		/* the reader saw the flag / the value it waits for */
	O_STALE,	/* a load read a value older than the newest store */
	O_COHERENCE,	/* a thread read an older store after a newer one (forbidden) */
	O_OWN_LOST,	/* a load read a store older than the thread's own (forbidden) */
	O_HB_LOST,	/* a load read a store older than one that happens before it (forbidden) */
	O_DESTROY,	/* the read-first owner decided it was the only one */
	O_FIRST_2,	/* corr: the first load read 2 */
	O_1_AFTER_2,	/* corr: a load read 1 when 2 was already stored (stale) */
	O_NR,
};

static const char *const o_names[O_NR] = {
	[O_FLAG] = "flag-seen",
	[O_STALE] = "stale-read",
	[O_COHERENCE] = "coherence-violated",
	[O_OWN_LOST] = "own-store-lost",
	[O_HB_LOST] = "hb-store-lost",
	[O_DESTROY] = "only-owner-path",
	[O_FIRST_2] = "first-load-2",
	[O_1_AFTER_2] = "read-1-after-2-stored",
};

#define B(o)	(1u << (o))

static pageref_t *C(void)
{
	return &chk_world.obj;
}

/* A relaxed/acquire load of the counter; notes whether it was stale. */
static uint32_t load(memory_order mo)
{
	uint32_t v = pageref_atomic_load(C(), mo);

	if (v != chk_mem_latest(CHK_VAR_COUNTER))
		seen |= B(O_STALE);
	return v;
}

static void store(uint32_t v, memory_order mo)
{
	pageref_atomic_store(C(), v, mo);
}

static void payload_write(void)
{
	chk_payload(true, "payload write");
}

static void payload_read(void)
{
	chk_payload(false, "payload read");
}

static void setup_zero(void)
{
	atomic_store_explicit(&chk_world.obj.counter, 0, memory_order_relaxed);
	chk_world.mapping = 0;
}

/* ---- 1, 2: message passing ------------------------------------------------ */

static void mp_writer(memory_order mo)
{
	payload_write();
	store(1, mo);
}

static void mp_reader(memory_order mo)
{
	if (load(mo) == 1) {
		seen |= B(O_FLAG);
		payload_read();
	}
}

static void mp_rlx_t0(void) { mp_writer(memory_order_relaxed); }
static void mp_rlx_t1(void) { mp_reader(memory_order_relaxed); }
static void mp_ra_t0(void) { mp_writer(memory_order_release); }
static void mp_ra_t1(void) { mp_reader(memory_order_acquire); }
static void mp_rel_rlx_t1(void) { mp_reader(memory_order_relaxed); }
static void mp_rlx_acq_t0(void) { mp_writer(memory_order_relaxed); }

static void mp_fence_t0(void)
{
	payload_write();
	pageref_atomic_fence(memory_order_release);
	store(1, memory_order_relaxed);
}

static void mp_fence_t1(void)
{
	if (load(memory_order_relaxed) == 1) {
		seen |= B(O_FLAG);
		pageref_atomic_fence(memory_order_acquire);
		payload_read();
	}
}

/* ---- 3: stale reads and coherence ----------------------------------------- */

static void corr_t0(void)
{
	store(1, memory_order_relaxed);
	store(2, memory_order_relaxed);
}

/* CoRR: two loads of one thread never go backwards in modification order
 * (0, 1, 2 here); a load may read 1 when 2 is already stored (stale). */
static uint32_t corr_load(void)
{
	uint32_t v = load(memory_order_relaxed);

	if (v == 1 && chk_mem_latest(CHK_VAR_COUNTER) == 2)
		seen |= B(O_1_AFTER_2);
	return v;
}

static void corr_t1(void)
{
	uint32_t a = corr_load();
	uint32_t b = corr_load();

	if (a == 2)
		seen |= B(O_FIRST_2);
	if (b < a)
		seen |= B(O_COHERENCE);
}

static void cowr_t0(void)
{
	store(1, memory_order_relaxed);
}

/* CoWR: after its own store of 2, a thread reads 2 or a later store (T0's
 * 1, if it came after), never the initial 0. */
static void cowr_t1(void)
{
	store(2, memory_order_relaxed);
	if (load(memory_order_relaxed) == 0)
		seen |= B(O_OWN_LOST);
}

/* Coherence through happens-before: T0 stores 1 to the counter and then
 * publishes the mapping (a release); whoever sees the mapping (an acquire)
 * must not read the counter's older 0. */
static void mpc_t0(void)
{
	store(1, memory_order_relaxed);
	chk_map_access(PAGEREF_OP_STORE, 1, "publish");
}

static void mpc_t1(void)
{
	uint32_t m = chk_map_access(PAGEREF_OP_LOAD, 0, "lookup");

	if (load(memory_order_relaxed) == 0 && m == 1)
		seen |= B(O_HB_LOST);
}

/* ---- 4: release sequences ------------------------------------------------- */

static void rs_t0(void)
{
	payload_write();
	pageref_atomic_fetch_add(C(), 1, memory_order_release);
}

/* The acquirer: reads T2's 5, then the payload. */
static void rs_t1(void)
{
	if (load(memory_order_acquire) == 5) {
		seen |= B(O_FLAG);
		payload_read();
	}
}

/* An RMW continues T0's release sequence. */
static void rs_rmw_t2(void)
{
	uint32_t old = 1;

	pageref_atomic_try_cmpxchg(C(), &old, 5, memory_order_relaxed, memory_order_relaxed);
}

/* A plain store ends it: T1 reading 5 does not synchronise with T0. */
static void rs_store_t2(void)
{
	if (load(memory_order_relaxed) == 1)
		store(5, memory_order_relaxed);
}

/* ---- 5: a read-first fast path that needs stale reads to be caught -------- */

/* T0 owns the only reference (1) and the object is mapped (1). */
static void setup_owned_mapped(void)
{
	atomic_store_explicit(&chk_world.obj.counter, 1, memory_order_relaxed);
	chk_world.mapping = 1;
}

/*
 * T0 tears down: it unmaps, then decides on a plain load of the counter:
 * "1, so I am the only owner and nobody can find it any more": it destroys
 * the payload without a CAS. Wrong under C11: the unmap (a release store)
 * and the load (an acquire) may be reordered (store buffering), so the load
 * may read the 1 from before a speculative get whose re-check still saw the
 * mapping. The kernel orders this with smp_mb() on both sides.
 */
static void rf_t0(void)
{
	chk_map_access(PAGEREF_OP_STORE, 0, "unmap");
	if (load(memory_order_acquire) == 1) {
		seen |= B(O_DESTROY);
		chk_payload(true, "only owner's destructor");
	}
}

/* T1: a speculative get, the re-check of the mapping, a read, the put. */
static void rf_t1(void)
{
	pageref_atomic_fetch_add(C(), 1, memory_order_acquire);
	if (chk_map_access(PAGEREF_OP_LOAD, 0, "re-check") == 1)
		chk_payload(false, "re-checked reader's read");
	pageref_atomic_fetch_sub(C(), 1, memory_order_release);
}

/* ---- the table ------------------------------------------------------------ */

enum { M_C11, M_NOSTALE, M_SC, M_NR };

static const char *const m_names[M_NR] = { "c11", "c11-nostale", "sc" };

enum verdict { V_PASS, V_RACE };

struct litmus {
	struct chk_scenario sc;
	enum verdict expect[M_NR];
	unsigned int must[M_NR];	/* outcomes some run must reach */
	unsigned int never;		/* outcomes no run may reach, in any model; and
					 * but under C11, no load is ever stale */
};

#define SC2(n, s, a, b)		{ .name = n, .summary = s, .nr_threads = 2, \
				  .setup = setup_zero, .thread = { a, b } }
#define F			B(O_FLAG)
#define ST			B(O_STALE)
#define RACE3(c, n, s)		{ V_##c, V_##n, V_##s }

static const struct litmus tests[] = {
	{ SC2("mp-relaxed", "payload; store rlx 1 || load rlx == 1 -> payload read",
	      mp_rlx_t0, mp_rlx_t1),
	  RACE3(RACE, RACE, PASS), { F, F, F }, 0 },
	{ SC2("mp-rel-acq", "payload; store rel 1 || load acq == 1 -> payload read",
	      mp_ra_t0, mp_ra_t1),
	  RACE3(PASS, PASS, PASS), { F, F, F }, 0 },
	{ SC2("mp-rel-rlx", "payload; store rel 1 || load rlx == 1 -> payload read",
	      mp_ra_t0, mp_rel_rlx_t1),
	  RACE3(RACE, RACE, PASS), { F, F, F }, 0 },
	{ SC2("mp-rlx-acq", "payload; store rlx 1 || load acq == 1 -> payload read",
	      mp_rlx_acq_t0, mp_ra_t1),
	  RACE3(RACE, RACE, PASS), { F, F, F }, 0 },
	{ SC2("mp-fences", "payload; fence rel; store rlx 1 || load rlx == 1; fence acq; read",
	      mp_fence_t0, mp_fence_t1),
	  RACE3(PASS, PASS, PASS), { F, F, F }, 0 },
	{ SC2("corr-stale", "store 1; store 2 || a = load; b = load (all rlx)",
	      corr_t0, corr_t1),
	  RACE3(PASS, PASS, PASS),
	  { ST | B(O_1_AFTER_2) | B(O_FIRST_2), B(O_FIRST_2), B(O_FIRST_2) }, B(O_COHERENCE) },
	{ SC2("cowr", "store 1 || store 2; load (all rlx): never the initial 0",
	      cowr_t0, cowr_t1),
	  RACE3(PASS, PASS, PASS), { ST, 0, 0 }, B(O_OWN_LOST) },
	{ SC2("mp-counter-hb", "store rlx 1; map (rel) || lookup (acq); load rlx",
	      mpc_t0, mpc_t1),
	  RACE3(PASS, PASS, PASS), { ST, 0, 0 }, B(O_HB_LOST) },
	{ { .name = "relseq-rmw", .summary = "payload; fetch_add rel || load acq == 5 -> read "
	    "|| CAS rlx 1 -> 5", .nr_threads = 3, .setup = setup_zero,
	    .thread = { rs_t0, rs_t1, rs_rmw_t2 } },
	  RACE3(PASS, PASS, PASS), { F, F, F }, 0 },
	{ { .name = "relseq-store", .summary = "payload; fetch_add rel || load acq == 5 -> read "
	    "|| load rlx == 1 -> store rlx 5", .nr_threads = 3, .setup = setup_zero,
	    .thread = { rs_t0, rs_t1, rs_store_t2 } },
	  RACE3(RACE, RACE, PASS), { F, F, F }, 0 },
	{ { .name = "read-first-put", .summary = "unmap; load acq == 1 -> destroy || "
	    "fetch_add acq; re-check map -> read; fetch_sub rel", .nr_threads = 2,
	    .setup = setup_owned_mapped, .thread = { rf_t0, rf_t1 } },
	  RACE3(RACE, PASS, PASS), { ST | B(O_DESTROY), B(O_DESTROY), B(O_DESTROY) }, 0 },
};

#define NR_TESTS	((int)(sizeof(tests) / sizeof(tests[0])))

static void outcome_text(unsigned int mask, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int o = 0; o < O_NR && n < len; o++)
		if (mask & B(o))
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", o_names[o]);
	if (!n)
		snprintf(buf, len, "-");
}

static void set_model(int m)
{
	chk_model = m == M_SC ? CHK_MODEL_SC : CHK_MODEL_C11;
	chk_stale_reads = m == M_C11;
}

/* Explores test @t under model @m; prints the line; returns whether it is as expected. */
static bool run_one(const struct litmus *t, int m)
{
	static struct chk_result res;
	unsigned int never = t->never | (m == M_C11 ? 0 : B(O_STALE) | B(O_1_AFTER_2));
	enum verdict got;
	bool ok, other;
	char out[128];

	set_model(m);
	seen = 0;
	chk_explore(&lit_scheme, &t->sc, -1, &res);
	other = res.failed && !strstr(res.why, "data race on the object");
	got = res.failed ? V_RACE : V_PASS;
	ok = !other && got == t->expect[m] && (seen & t->must[m]) == t->must[m] &&
	     !(seen & never);
	outcome_text(seen, out, sizeof(out));
	printf("%-15s %-12s expect %-4s got %-4s %6lu runs  %-4s  reached: %s\n", t->sc.name,
	       m_names[m], t->expect[m] == V_RACE ? "race" : "pass",
	       other ? "FAIL" : got == V_RACE ? "race" : "pass", res.runs,
	       ok ? "ok" : "WRONG", out);
	if (!ok || res.failed) {
		if (res.failed)
			printf("%17s%s\n", "", res.why);
		if ((seen & t->must[m]) != t->must[m]) {
			outcome_text(t->must[m] & ~seen, out, sizeof(out));
			printf("%17snot reached, but must be: %s\n", "", out);
		}
		if (seen & never) {
			outcome_text(seen & never, out, sizeof(out));
			printf("%17sreached, but forbidden: %s\n", "", out);
		}
	}
	return ok;
}

int main(int argc, char **argv)
{
	int wrong = 0;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: pageref litmus [--list]\n"
		       "       pageref litmus [--model c11|c11-fresh-cas|sc] FILE.litmus...\n\n"
		       "Without a file: the checker's built-in litmus tests of its memory model, each\n"
		       "under C11, C11 without stale reads, and SC, with their expected verdicts.\n\n"
		       "With files: each C11 litmus test in herd7's C format (C name, an init block\n"
		       "{ x=0; }, threads P0(atomic_int *x, int *y) { ... } with atomic_*_explicit()\n"
		       "calls, atomic_thread_fence(), plain int accesses *y, registers, if/else, and\n"
		       "one exists / ~exists / forall clause over N:r=V and x=V with /\\ \\/ ~),\n"
		       "explored with the checker's model (default c11: RC11 as doc/verification.md\n"
		       "says, with its listed limits). Prints herd7's verdict lines: the final\n"
		       "states, Ok/No, Positive/Negative, 'Flag data-race' when plain accesses race,\n"
		       "and 'Observation NAME Never|Sometimes|Always POS NEG' (POS, NEG: final states).\n\n"
		       "Exit status: 0 if every clause holds, 1 if one does not, 2 on a usage error\n"
		       "or a file it cannot read or parse (reported as FILE:LINE: reason).\n");
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--list"))
		return herd_main(argc, argv);
	if (argc > 1) {
		if (argc > 2) {
			fprintf(stderr, "usage: pageref-litmus [--list] | [--model M] FILE... (see --help)\n");
			return 2;
		}
		for (int i = 0; i < NR_TESTS; i++)
			printf("%-15s %s\n", tests[i].sc.name, tests[i].sc.summary);
		return 0;
	}
	printf("pageref litmus: the checker's memory model on litmus tests; each under C11,\n"
	       "C11 with stale reads off (a load reads the newest store), and SC\n\n");
	for (int i = 0; i < NR_TESTS; i++)
		for (int m = 0; m < M_NR; m++)
			wrong += !run_one(&tests[i], m);
	printf("\npageref litmus: %s (%d of %d verdicts as expected)\n",
	       wrong ? "FAILED" : "all as expected", NR_TESTS * M_NR - wrong, NR_TESTS * M_NR);
	return wrong ? 1 : 0;
}
