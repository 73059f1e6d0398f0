// SPDX-License-Identifier: MIT
/*
 * The C11 memory model of the checker, and the race detector for the
 * object's payload.
 *
 * Each shared word (the counter, the mapping, a litmus file's locations)
 * keeps its modification order: every store, in the order the run performed
 * them (mo is execution order: a limit, doc/verification.md). A store carries
 * what an acquire that reads it learns (its "sync" view): the storing
 * thread's view if it is a release, else the view of its thread's last
 * release fence; for an RMW also the sync of the store it read, because an
 * RMW continues the release sequence of what it read; and for any store also
 * the view at its thread's last release store to the same word, because a
 * later store by the same thread continues a release sequence too (C11 and
 * RC11's rs = [W]; (po & loc)?; [W]; (rf; rmw)*, not C++20's narrower one).
 * Another thread's plain store does not end it; it is simply not in it.
 *
 * A thread's view is its happens-before vector clock plus, per word, the
 * newest store it has read, written or learnt of through happens-before.
 * Coherence: a load may read that store or any newer one. Under --model c11
 * every load of every word branches over all of them (stale reads), and so
 * does a failed CAS: it may read any coherent store whose value differs from
 * the expected one, or the newest (which may make it succeed). An RMW that
 * stores reads the newest store, and every store goes last. Mapping loads
 * are acquire, mapping stores releases (the page cache's xarray under its
 * lock and RCU). Under --model sc every access is seq_cst and every load
 * reads the newest store: sequential consistency.
 *
 * seq_cst: RC11's psc (Lahav et al., PLDI 2017; herd7's rc11.cat), as an
 * axiom on each run. A run executes seq_cst accesses and fences as acq_rel
 * ones and records its events (po, rf, mo, and hb from the vector clocks);
 * a run whose psc has a cycle is no RC11 execution and is dropped, its
 * outcome and its failures with it (chk_mem_consistent(), at the run's
 * end). So a seq_cst load may read any store coherence allows, and only
 * the runs that no order S consistent with RC11's scb explains are
 * dropped. C11's own SC axiom, which orders S with all of hb, forbids
 * more: Z6.U (lab/check/litmus-c11/), which Power allows.
 *
 * Thread creation: the setup runs alone before the threads, so everything
 * it did happens before everything they do; the run starts with one store
 * per word and no payload access on record.
 *
 * The payload is a non-atomic location: an access that conflicts with one
 * by another thread (two writes, or a read and a write) must be ordered by
 * happens-before, else the run has a data race on the object. An access
 * after the memory was freed is a use after free.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"

#define CHK_MAX_MSGS	(CHK_MAX_STEPS + 2)

enum chk_model chk_model = CHK_MODEL_C11;
bool chk_stale_reads = true;	/* off: a C11 load reads the newest store (litmus only) */
bool chk_stale_cas = true;	/* off: a failed CAS reads the newest store */
bool chk_mo_choices;		/* on: a plain store may go before newer ones in mo */
static int store_pos = -1;	/* where the next store goes in mo; -1: last */
uint32_t chk_var_initial[CHK_NR_VARS];	/* a litmus file's initial values */

/* The modification order of one word. */
struct chk_history {
	int nr;
	struct chk_msg m[CHK_MAX_MSGS];
};

static struct chk_history hist[CHK_NR_VARS];
static bool rel_stored[CHK_MAX_THREADS][CHK_NR_VARS];

static bool is_acquire(memory_order mo)
{
	return mo == memory_order_consume || mo == memory_order_acquire ||
	       mo == memory_order_acq_rel || mo == memory_order_seq_cst;
}

static bool is_release(memory_order mo)
{
	return mo == memory_order_release || mo == memory_order_acq_rel ||
	       mo == memory_order_seq_cst;
}

/**
 * chk_order_name - a short name of @mo for traces.
 * @mo: a memory order
 */
const char *chk_order_name(memory_order mo)
{
	switch (mo) {
	case memory_order_relaxed: return "rlx";
	case memory_order_consume: return "con";
	case memory_order_acquire: return "acq";
	case memory_order_release: return "rel";
	case memory_order_acq_rel: return "acq_rel";
	case memory_order_seq_cst: return "sc";
	}
	return "?";
}

static void join(struct chk_view *into, const struct chk_view *from)
{
	for (int i = 0; i < CHK_MAX_THREADS; i++)
		if (from->clock[i] > into->clock[i])
			into->clock[i] = from->clock[i];
	for (int v = 0; v < CHK_NR_VARS; v++)
		if (from->seen[v] > into->seen[v])
			into->seen[v] = from->seen[v];
}

static struct chk_mem_thread *self(void)
{
	return &chk_world.t[chk_world.cur].mem;
}

/* Each thread starts knowing the setup and its own first clock tick. */
static void reset_thread(int tid)
{
	struct chk_mem_thread *m = &chk_world.t[tid].mem;

	memset(m, 0, sizeof(*m));
	m->now.clock[tid] = 1;
	chk_world.t[tid].read = (struct chk_access){ 0 };
}

/*
 * ---- psc: RC11's SC axiom, checked on each run's events -------------------
 *
 * Every access and fence of a run is an event, recorded in execution order,
 * which is each thread's program order. From herd7's rc11.cat:
 *   sbl  = sb \ loc            hbl = hb & loc
 *   scb  = sb | sbl; hb; sbl | hbl | mo | rb
 *   pscb = ([SC] | [F & SC]; hb?); scb; ([SC] | hb?; [F & SC])
 *   pscf = [F & SC]; (hb | hb; eco; hb); [F & SC]
 *   acyclic (pscb | pscf)
 * hb comes from the vector clocks: event i of one thread happens before
 * event j of another when j's view holds i's clock (an access ticks its
 * thread's clock after it, a release fence too, so every event po-before a
 * release has a clock no later than the release's). The setup's stores
 * are herd7's initial writes: first in mo, in no hb, not seq_cst.
 */
#define PSC_MAX_EV	512
#define PSC_WORDS	(PSC_MAX_EV / 64)
#define PSC_MAX_SC	64
#define PSC_FENCE	CHK_NR_VARS		/* the word of a fence: none */
#define PSC_NONE	((int16_t)-1)

struct psc_ev {
	uint8_t tid;
	uint8_t var;		/* PSC_FENCE for a fence */
	bool read, write, sc;
	int16_t rf;		/* a read: the event whose store it read; PSC_NONE: the setup's */
	uint32_t clock;		/* its thread's own clock at it */
	uint32_t view[CHK_MAX_THREADS];	/* its thread's clocks at it, after its acquire */
};

typedef uint64_t psc_set[PSC_WORDS];

static struct psc_ev psc_evs[PSC_MAX_EV];
static int psc_nr, psc_nr_sc;
static bool psc_overflow;

static void psc_reset(void)
{
	psc_nr = psc_nr_sc = 0;
	psc_overflow = false;
}

/* The id the next event gets: a store's message is tagged with it. */
static int16_t psc_next_ev(void)
{
	return psc_nr < PSC_MAX_EV ? (int16_t)psc_nr : PSC_NONE;
}

/* The current thread's access to @var (PSC_FENCE: a fence) took effect. */
static void psc_record(int var, memory_order mo, int16_t rf, bool read, bool write)
{
	struct chk_mem_thread *m = self();
	struct psc_ev *e;

	if (!chk_world.running || (var == PSC_FENCE && mo == memory_order_relaxed))
		return;
	if (psc_nr == PSC_MAX_EV) {
		psc_overflow = true;
		return;
	}
	e = &psc_evs[psc_nr++];
	e->tid = (uint8_t)chk_world.cur;
	e->var = (uint8_t)var;
	e->read = read;
	e->write = write;
	e->sc = mo == memory_order_seq_cst;
	e->rf = rf;
	e->clock = m->now.clock[chk_world.cur];
	memcpy(e->view, m->now.clock, sizeof(e->view));
	psc_nr_sc += e->sc;
}

static inline bool psc_has(const psc_set s, int i)
{
	return s[i / 64] >> (i % 64) & 1;
}

static inline void psc_add(psc_set s, int i)
{
	s[i / 64] |= UINT64_C(1) << (i % 64);
}

static inline void psc_or(psc_set into, const psc_set from, int words)
{
	for (int w = 0; w < words; w++)
		into[w] |= from[w];
}

static inline bool psc_meets(const psc_set a, const psc_set b, int words)
{
	for (int w = 0; w < words; w++)
		if (a[w] & b[w])
			return true;
	return false;
}

/* out = a; b, as relations over @n events of @words words each. */
static void psc_compose(psc_set *out, psc_set *a, psc_set *b, int n, int words)
{
	for (int i = 0; i < n; i++) {
		memset(out[i], 0, sizeof(psc_set));
		for (int j = 0; j < n; j++)
			if (psc_has(a[i], j))
				psc_or(out[i], b[j], words);
	}
}

static psc_set psc_hb[PSC_MAX_EV], psc_hbinv[PSC_MAX_EV], psc_sbl[PSC_MAX_EV],
	psc_scb[PSC_MAX_EV], psc_eco[PSC_MAX_EV], psc_t1[PSC_MAX_EV], psc_t2[PSC_MAX_EV];

/**
 * chk_mem_consistent - whether the run so far satisfies RC11's SC axiom:
 * its psc is acyclic.
 *
 * Runs with fewer than two seq_cst events are, and so is every run of
 * --model sc (every load reads the newest store: the run is its own S).
 * A run with more events than the graph holds is not checked (taken as
 * consistent: never stronger than RC11); chk_explore() reports none today.
 */
bool chk_mem_consistent(void)
{
	static int pos[PSC_MAX_EV];	/* a store's place in its word's mo */
	static uint8_t reach[PSC_MAX_SC][PSC_MAX_SC];
	int n = psc_nr, words = (psc_nr + 63) / 64, nr_sc = 0, sc_of[PSC_MAX_SC];

	if (chk_model == CHK_MODEL_SC || psc_nr_sc < 2 || psc_overflow || psc_nr_sc > PSC_MAX_SC)
		return true;
	for (int v = 0; v < CHK_NR_VARS; v++)
		for (int k = 0; k < hist[v].nr; k++)
			if (hist[v].m[k].ev >= 0)
				pos[hist[v].m[k].ev] = k;
	for (int i = 0; i < n; i++) {
		const struct psc_ev *a = &psc_evs[i];
		/* where what @a read sits in mo (the setup's store: 0) */
		int a_rf = a->read ? (a->rf >= 0 ? pos[a->rf] : 0) : -1;

		memset(psc_hb[i], 0, sizeof(psc_set));
		memset(psc_hbinv[i], 0, sizeof(psc_set));
		memset(psc_sbl[i], 0, sizeof(psc_set));
		memset(psc_scb[i], 0, sizeof(psc_set));
		memset(psc_eco[i], 0, sizeof(psc_set));
		for (int j = 0; j < n; j++) {
			const struct psc_ev *b = &psc_evs[j];
			bool same_loc = a->var != PSC_FENCE && a->var == b->var;
			bool po = a->tid == b->tid && i < j;
			bool hb = po || (a->tid != b->tid && b->view[a->tid] >= a->clock);
			int b_rf = b->read ? (b->rf >= 0 ? pos[b->rf] : 0) : -1;
			bool mo = same_loc && a->write && b->write && pos[i] < pos[j];
			bool rb = same_loc && a->read && b->write && i != j && pos[j] > a_rf;
			bool eco = i != j && same_loc &&
				   (mo || rb ||
				    (a->write && b->read && pos[i] <= b_rf) ||	/* rf, mo; rf */
				    (a->read && b->read && a_rf < b_rf));	/* rb; rf */

			if (hb)
				psc_add(psc_hb[i], j);
			if (po && !same_loc)
				psc_add(psc_sbl[i], j);
			if (po || (hb && same_loc) || mo || rb)
				psc_add(psc_scb[i], j);
			if (eco)
				psc_add(psc_eco[i], j);
		}
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (psc_has(psc_hb[i], j))
				psc_add(psc_hbinv[j], i);
	/* scb |= sbl; hb; sbl */
	psc_compose(psc_t1, psc_sbl, psc_hb, n, words);
	psc_compose(psc_t2, psc_t1, psc_sbl, n, words);
	for (int i = 0; i < n; i++)
		psc_or(psc_scb[i], psc_t2[i], words);
	/* psc_t1 = hb; eco, for pscf */
	psc_compose(psc_t1, psc_hb, psc_eco, n, words);

	for (int i = 0; i < n; i++)
		if (psc_evs[i].sc)
			sc_of[nr_sc++] = i;
	for (int a = 0; a < nr_sc; a++) {
		int s = sc_of[a];
		bool s_fence = psc_evs[s].var == PSC_FENCE;
		psc_set from, via;	/* pscb: s, or hb after s if a fence; then scb */

		memset(from, 0, sizeof(from));
		psc_add(from, s);
		if (s_fence)
			psc_or(from, psc_hb[s], words);
		memset(via, 0, sizeof(via));
		for (int x = 0; x < n; x++)
			if (psc_has(from, x))
				psc_or(via, psc_scb[x], words);
		for (int b = 0; b < nr_sc; b++) {
			int t = sc_of[b];
			bool t_fence = psc_evs[t].var == PSC_FENCE;
			bool edge = psc_has(via, t) || (t_fence && psc_meets(via, psc_hbinv[t], words));

			if (!edge && s_fence && t_fence)	/* pscf */
				edge = psc_has(psc_hb[s], t) || psc_meets(psc_t1[s], psc_hbinv[t], words);
			reach[a][b] = edge;
		}
	}
	/* acyclic: nothing reaches itself in the transitive closure */
	for (int k = 0; k < nr_sc; k++)
		for (int a = 0; a < nr_sc; a++)
			if (reach[a][k])
				for (int b = 0; b < nr_sc; b++)
					reach[a][b] |= reach[k][b];
	for (int a = 0; a < nr_sc; a++)
		if (reach[a][a])
			return false;
	return true;
}

/**
 * chk_mem_reset - the threads start: one store per word, nothing racing.
 *
 * Called after the setup, which ran alone (thread creation orders it
 * before everything the threads do).
 */
void chk_mem_reset(void)
{
	uint32_t initial[CHK_NR_VARS];

	memcpy(initial, chk_var_initial, sizeof(initial));
	initial[CHK_VAR_COUNTER] = atomic_load_explicit(&chk_world.obj.counter, memory_order_relaxed);
	initial[CHK_VAR_MAPPING] = chk_world.mapping;
	memset(rel_stored, 0, sizeof(rel_stored));
	psc_reset();
	for (int v = 0; v < CHK_NR_VARS; v++) {
		hist[v].nr = 1;
		hist[v].m[0] = (struct chk_msg){ .value = initial[v], .ev = -1 };
	}
	for (int i = 0; i < CHK_MAX_THREADS; i++)
		reset_thread(i);
	chk_world.write = (struct chk_access){ 0 };
	chk_world.write_tid = -1;
}

/**
 * chk_mem_latest - the newest store to @var: what the word holds.
 * @var: the word
 */
uint32_t chk_mem_latest(enum chk_var var)
{
	return hist[var].m[hist[var].nr - 1].value;
}

/*
 * The oldest store of @var a load of order @mo by the current thread may
 * read: the newest it knows of (coherence). seq_cst adds nothing here: psc
 * drops the runs it forbids afterwards (chk_mem_consistent()).
 */
static int oldest_readable(enum chk_var var, memory_order mo)
{
	(void)mo;
	return self()->now.seen[var];
}

static bool stale_ok(void)
{
	return chk_model != CHK_MODEL_SC && chk_world.running;
}

/**
 * chk_mem_load_choices - how many stores a load of @var by the current
 * thread may read: 1 (the newest) under --model sc or without stale reads.
 * @var: the word
 * @mo:  the load's order
 */
int chk_mem_load_choices(enum chk_var var, memory_order mo)
{
	if (!stale_ok() || !chk_stale_reads)
		return 1;
	return hist[var].nr - oldest_readable(var, mo);
}

/**
 * chk_mem_pick_load - the store the current thread's next load of @var reads.
 * @var:    the word
 * @choice: 0 for the newest store, k for the k-th older one
 *
 * Return: its value.
 */
uint32_t chk_mem_pick_load(enum chk_var var, int choice)
{
	chk_world.load_msg = hist[var].nr - 1 - choice;
	return hist[var].m[chk_world.load_msg].value;
}

/*
 * The stores a CAS expecting @expected may read: the newest (choice 0; it
 * succeeds if it holds @expected), then each older coherent one that does
 * not hold @expected (the CAS fails reading it). Returns how many; with
 * @choice >= 0 stops there and returns its index instead.
 */
static int cas_walk(enum chk_var var, uint32_t expected, memory_order mo, int choice)
{
	int nr = 1, lo;

	if (choice == 0)
		return hist[var].nr - 1;
	if (!stale_ok() || !chk_stale_cas)
		return choice < 0 ? 1 : hist[var].nr - 1;
	lo = oldest_readable(var, mo);
	for (int i = hist[var].nr - 2; i >= lo; i--)
		if (hist[var].m[i].value != expected && nr++ == choice)
			return i;
	return choice < 0 ? nr : hist[var].nr - 1;
}

/*
 * The places in @var's modification order where a store of order @mo by the
 * current thread may go: after every store it knows of (coherence), and
 * never between an RMW and the store it read (atomicity); psc orders
 * seq_cst stores afterwards (chk_mem_consistent()). Place nr is the end.
 * Counts them; with @choice >= 0 returns the @choice-th, from the end.
 */
static int store_walk(enum chk_var var, memory_order mo, int choice)
{
	int lo = self()->now.seen[var], n = 0;

	(void)mo;
	for (int p = hist[var].nr; p > lo; p--)
		if ((p == hist[var].nr || !hist[var].m[p].rmw) && n++ == choice)
			return p;
	return choice < 0 ? n : hist[var].nr;
}

/**
 * chk_mem_store_choices - how many places in mo the current thread's next
 * store to @var may take: 1 (the end) unless chk_mo_choices.
 * @var: the word
 * @mo:  the store's order
 */
int chk_mem_store_choices(enum chk_var var, memory_order mo)
{
	if (!stale_ok() || !chk_mo_choices)
		return 1;
	return store_walk(var, mo, -1);
}

/**
 * chk_mem_pick_store - the place the current thread's next store takes.
 * @var:    the word
 * @mo:     its order
 * @choice: 0 for the end of mo, k for the k-th place before it
 */
void chk_mem_pick_store(enum chk_var var, memory_order mo, int choice)
{
	store_pos = choice ? store_walk(var, mo, choice) : -1;
}

/* A store went in at @p of @var's mo: every position from @p on moves up one. */
static void shift_view(struct chk_view *v, enum chk_var var, int p)
{
	if (v->seen[var] >= p)
		v->seen[var]++;
}

static void shift_all(enum chk_var var, int p)
{
	for (int i = 0; i < CHK_MAX_THREADS; i++) {
		struct chk_mem_thread *m = &chk_world.t[i].mem;

		shift_view(&m->now, var, p);
		shift_view(&m->fence_rel, var, p);
		shift_view(&m->acq_pending, var, p);
		shift_view(&m->rcu_exit, var, p);
		for (int w = 0; w < CHK_NR_VARS; w++)
			shift_view(&m->rel_store[w], var, p);
	}
	for (int w = 0; w < CHK_NR_VARS; w++)
		for (int k = 0; k < hist[w].nr; k++)
			shift_view(&hist[w].m[k].sync, var, p);
}

/**
 * chk_mem_cas_choices - how many stores a CAS of @var may read.
 * @var:      the word
 * @expected: the value it compares with
 * @mo:       its failure order
 */
int chk_mem_cas_choices(enum chk_var var, uint32_t expected, memory_order mo)
{
	return cas_walk(var, expected, mo, -1);
}

/**
 * chk_mem_pick_cas - the store the current thread's next CAS of @var reads.
 * @var:      the word
 * @expected: the value it compares with
 * @choice:   0 for the newest, k for the k-th older one that differs
 *
 * Return: its value. (The failure order is not needed again: the choices
 * were counted with it, and the walk stops at the same store.)
 */
uint32_t chk_mem_pick_cas(enum chk_var var, uint32_t expected, int choice)
{
	chk_world.load_msg = cas_walk(var, expected, memory_order_relaxed, choice);
	return hist[var].m[chk_world.load_msg].value;
}

/* The current thread reads store @idx of @var. */
static void read_msg(enum chk_var var, int idx, memory_order mo)
{
	struct chk_mem_thread *m = self();
	const struct chk_msg *msg = &hist[var].m[idx];

	if (idx > m->now.seen[var])
		m->now.seen[var] = (uint16_t)idx;
	join(&m->acq_pending, &msg->sync);
	if (is_acquire(mo))
		join(&m->now, &msg->sync);
}

/*
 * The current thread's store @msg to @var goes at modification-order
 * position @pos: the thread has seen it, it carries what a release (or an
 * earlier release fence, or C11's release sequence: same thread, same word)
 * publishes, and the event that stored it (psc's mo).
 */
static void place_store(struct chk_msg *msg, enum chk_var var, int pos, memory_order mo)
{
	struct chk_mem_thread *m = self();

	m->now.seen[var] = (uint16_t)pos;
	if (is_release(mo)) {
		join(&msg->sync, &m->now);
		m->rel_store[var] = m->now;
		rel_stored[chk_world.cur][var] = true;
	} else {
		if (m->has_fence_rel)
			join(&msg->sync, &m->fence_rel);
		if (rel_stored[chk_world.cur][var])	/* C11's rs: same thread, same word */
			join(&msg->sync, &m->rel_store[var]);
	}
	msg->ev = psc_next_ev();
}

/* The current thread appends a store of @value to @var; @rmw: it read the
 * newest store first, whose release sequence it continues. */
static void write_msg(enum chk_var var, uint32_t value, memory_order mo, bool rmw)
{
	struct chk_history *h = &hist[var];
	struct chk_msg *msg;

	if (h->nr == CHK_MAX_MSGS) {
		chk_fail("more than %d stores to one word: raise CHK_MAX_MSGS", CHK_MAX_MSGS);
		return;
	}
	if (!rmw && store_pos >= 0 && store_pos < h->nr) {	/* before newer stores in mo */
		int p = store_pos;

		shift_all(var, p);
		memmove(&h->m[p + 1], &h->m[p], (size_t)(h->nr - p) * sizeof(h->m[0]));
		msg = &h->m[p];
		memset(msg, 0, sizeof(*msg));
		msg->value = value;
		place_store(msg, var, p, mo);
		h->nr++;
		store_pos = -1;
		return;
	}
	store_pos = -1;
	msg = &h->m[h->nr];
	memset(msg, 0, sizeof(*msg));
	msg->rmw = rmw;
	msg->value = value;
	if (rmw)
		msg->sync = h->m[h->nr - 1].sync;
	place_store(msg, var, h->nr, mo);
	h->nr++;
}

/**
 * chk_mem_access - the current thread's access to @var took effect.
 * @var:   the word
 * @op:    the access
 * @wrote: whether it stored (a failed CAS is a load)
 * @after: the value it stored
 * @mo:    its order (a CAS: the success or the failure order)
 */
void chk_mem_access(enum chk_var var, enum pageref_atomic_op op, bool wrote,
		    uint32_t after, memory_order mo)
{
	if (!chk_world.running)
		return;
	if (chk_model == CHK_MODEL_SC)
		mo = memory_order_seq_cst;
	if (op == PAGEREF_OP_LOAD) {
		read_msg(var, chk_world.load_msg, mo);
		psc_record(var, mo, hist[var].m[chk_world.load_msg].ev, true, false);
	} else if (op == PAGEREF_OP_STORE) {
		write_msg(var, after, mo, false);
		psc_record(var, mo, PSC_NONE, false, true);
	} else if (op == PAGEREF_OP_CMPXCHG && !wrote) {
		read_msg(var, chk_world.load_msg, mo);	/* a failed CAS: maybe stale */
		psc_record(var, mo, hist[var].m[chk_world.load_msg].ev, true, false);
	} else {
		int16_t rf = hist[var].m[hist[var].nr - 1].ev;

		read_msg(var, hist[var].nr - 1, mo);
		if (wrote)
			write_msg(var, after, mo, true);
		psc_record(var, mo, rf, true, wrote);
	}
	self()->now.clock[chk_world.cur]++;
}

/**
 * chk_mem_fence - the current thread runs atomic_thread_fence(@mo).
 * @mo: its order; seq_cst is acq_rel here, and its place in psc is
 *      checked at the end of the run (chk_mem_consistent())
 */
void chk_mem_fence(memory_order mo)
{
	struct chk_mem_thread *m = self();

	if (!chk_world.running)
		return;
	if (chk_model == CHK_MODEL_SC)
		mo = memory_order_seq_cst;
	if (is_acquire(mo))
		join(&m->now, &m->acq_pending);
	psc_record(PSC_FENCE, mo, PSC_NONE, false, false);
	if (is_release(mo)) {
		m->fence_rel = m->now;
		m->has_fence_rel = true;
		m->now.clock[chk_world.cur]++;
	}
}

/* Whether @a, by thread @tid, happens before what the current thread does now. */
static bool happens_before(const struct chk_access *a, int tid)
{
	return !a->clock || tid == chk_world.cur || self()->now.clock[tid] >= a->clock;
}

/* Whether thread @tid's event at its own @clock happens before the current thread's now. */
bool chk_mem_hb(int tid, uint32_t clock)
{
	return tid == chk_world.cur || self()->now.clock[tid] >= clock;
}

/* The current thread's own clock: its next event's. */
uint32_t chk_mem_clock(void)
{
	return self()->now.clock[chk_world.cur];
}

static void race(int tid, const struct chk_access *a, bool a_write, bool write,
		 const char *what)
{
	chk_fail("data race on the object: T%d's %s (a %s, after step %d) and T%d's %s "
		 "(a %s, after step %d) are not ordered by happens-before",
		 tid, a->what, a_write ? "write" : "read", a->step, chk_world.cur, what,
		 write ? "write" : "read", chk_world.trace.nr_steps);
}

/**
 * chk_payload - the current thread accesses the object's payload.
 * @write: a write (initialisation, destructor, a frozen owner's change)
 * @what:  for the report
 */
void chk_payload(bool write, const char *what)
{
	struct chk_access now;

	if (!chk_world.running)
		return;
	if (chk_world.freed) {
		chk_fail("use after free: T%d's %s touches the object's freed memory", chk_world.cur, what);
		return;
	}
	chk_note_ghost(what, write);
	if (!happens_before(&chk_world.write, chk_world.write_tid))
		race(chk_world.write_tid, &chk_world.write, true, write, what);
	now = (struct chk_access){ self()->now.clock[chk_world.cur], what, chk_world.trace.nr_steps };
	if (!write) {
		chk_world.t[chk_world.cur].read = now;
		return;
	}
	for (int i = 0; i < CHK_MAX_THREADS; i++)
		if (!happens_before(&chk_world.t[i].read, i))
			race(i, &chk_world.t[i].read, false, true, what);
	for (int i = 0; i < CHK_MAX_THREADS; i++)
		chk_world.t[i].read = (struct chk_access){ 0 };
	chk_world.write = now;
	chk_world.write_tid = chk_world.cur;
}

/* rcu_read_lock(): the grace periods that begin from now wait for us. */
void chk_rcu_lock(void)
{
	chk_note_ghost("rcu_read_lock", 2);
	self()->rcu_depth++;
}

/* rcu_read_unlock(): what we did in the section happens before the end of
 * every grace period that waited for it. */
void chk_rcu_unlock(void)
{
	struct chk_mem_thread *m = self();

	chk_note_ghost("rcu_read_unlock", 2);
	if (--m->rcu_depth)
		return;
	m->rcu_exit = m->now;
	m->rcu_exits++;
	m->now.clock[chk_world.cur]++;
}

/**
 * chk_blocked - whether thread @tid waits in a grace period for a reader
 * still inside the read-side section it was in when the grace period began.
 * @tid: the thread
 */
bool chk_blocked(int tid)
{
	const struct chk_thread *t = &chk_world.t[tid];

	for (int i = 0; i < CHK_MAX_THREADS; i++)
		if ((t->gp_wait & (1u << i)) && chk_world.t[i].mem.rcu_exits == t->gp_exits[i])
			return true;
	return false;
}

/**
 * chk_synchronize_rcu - wait for every read-side section in progress, a
 * scheduling point; their ends happen before our return.
 */
void chk_synchronize_rcu(void)
{
	struct chk_thread *t = &chk_world.t[chk_world.cur];

	if (!chk_world.running)
		return;
	for (int i = 0; i < chk_world.sc->nr_threads; i++)
		if (i != chk_world.cur && chk_world.t[i].mem.rcu_depth) {
			t->gp_wait |= 1u << i;
			t->gp_exits[i] = chk_world.t[i].mem.rcu_exits;
		}
	chk_wait_point();
	chk_note_ghost("grace period ends", 2);
	for (int i = 0; i < CHK_MAX_THREADS; i++)
		if (t->gp_wait & (1u << i))
			join(&self()->now, &chk_world.t[i].mem.rcu_exit);
	t->gp_wait = 0;
}
