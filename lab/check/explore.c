// SPDX-License-Identifier: MIT
/*
 * The explorer: threads as ucontext coroutines, and a depth-first search
 * over every order of their steps.
 *
 * A step is one access to a shared word (the counter or the mapping) plus
 * the thread-local code that follows it up to the next access. The accesses
 * are the only places where another thread may run, so exploring every
 * order of steps explores every sequentially consistent interleaving of the
 * scheme's real code. Each run replays the choices of the run before it up
 * to the deepest choice with an alternative left, takes that alternative,
 * and continues with the first choice everywhere below it.
 *
 * With a preemption bound K, a run switches away from a thread that could
 * have continued at most K times (Musuvathi and Qadeer's CHESS bound).
 *
 * A thread starts on its own stack with makecontext()/setcontext(); after
 * that, switches are _setjmp()/_longjmp() between live frames, because
 * swapcontext() saves and restores the signal mask with a system call on
 * every switch, which made it the bulk of the checker's time.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include <pageref-lab/util.h>

#include "check.h"

#define CHK_STACK_SIZE	(64 * 1024)

/* One choice point of the run being replayed or extended. */
struct chk_node {
	uint8_t enabled;	/* threads parked at a point, not waiting */
	uint8_t done;		/* choices already explored below this node */
	int8_t choice;		/* the thread that runs the next step */
	uint8_t read;		/* the store its load reads: 0 the newest, k older */
	uint8_t nr_reads;	/* stores that load may read (1 if not a load) */
	int8_t prev;		/* the thread that ran the step before, or -1 */
	uint8_t preempts;	/* preemptions spent before this node */
};

static jmp_buf sched_jb;
static jmp_buf thread_jb[CHK_MAX_THREADS];
static ucontext_t start_ctx[CHK_MAX_THREADS];
static _Alignas(16) char stacks[CHK_MAX_THREADS][CHK_STACK_SIZE];
static struct chk_node nodes[CHK_MAX_STEPS + 1];
static struct chk_node *step_node;	/* the choice point of the step running */

/* Appends a line to the trace of the current run. */
static void record(struct chk_event ev)
{
	struct chk_trace *tr = &chk_world.trace;

	if (!chk_world.running)
		return;
	if (tr->nr_events == CHK_MAX_EVENTS) {
		chk_fail("trace buffer full (%d events): raise CHK_MAX_EVENTS", CHK_MAX_EVENTS);
		return;
	}
	ev.tid = (uint8_t)chk_world.cur;
	if (!ev.api)
		ev.api = chk_world.t[chk_world.cur].api;
	tr->ev[tr->nr_events++] = ev;
	if (ev.kind == CHK_EV_STEP)
		tr->nr_steps++;
}

/**
 * chk_note - add a ghost event (a return value, a release) to the trace.
 * @kind:  CHK_EV_RET, CHK_EV_RELEASE or CHK_EV_ALLOC
 * @value: the result returned, or the lifetime released or allocated
 */
void chk_note(enum chk_event_kind kind, uint32_t value)
{
	record((struct chk_event){ .kind = (uint8_t)kind, .result = value, .gen = value });
}

/**
 * chk_note_ghost - add a payload access or an RCU call to the trace.
 * @what: the access
 * @kind: 0 a read, 1 a write, 2 RCU
 */
void chk_note_ghost(const char *what, uint32_t kind)
{
	record((struct chk_event){ .kind = CHK_EV_GHOST, .api = what, .result = kind });
}

/**
 * chk_choose - branch the run: which of @nr_options the step running takes.
 * @nr_options: how many (the stores a load may read)
 *
 * Return: 0 on the first run through this step, each other option on a
 * later run; 0 outside the explorer.
 */
int chk_choose(int nr_options)
{
	if (!step_node)
		return 0;
	step_node->nr_reads = (uint8_t)nr_options;
	return step_node->read;
}

/* Stops the running thread at a scheduling point until the explorer picks it. */
static void park(enum chk_var var, enum pageref_atomic_op op)
{
	struct chk_thread *t = &chk_world.t[chk_world.cur];
	int self = chk_world.cur;

	t->parked = true;
	t->pend_var = (uint8_t)var;
	t->pend_op = (uint8_t)op;
	if (!_setjmp(thread_jb[self]))
		_longjmp(sched_jb, 1);
	t->parked = false;
}

/**
 * pageref_check_point - the atomic layer is about to access @r.
 * @op:       the access
 * @r:        the counter; only the scenario's object is a scheduling point
 * @mo:       a load's order, or a CAS's failure order
 * @expected: what a CAS compares with
 *
 * A load, or a CAS, then reads the store the explorer picks among those
 * coherence allows: the counter word is made to hold it for the access,
 * and pageref_check_step() puts the newest store back.
 */
void pageref_check_point(enum pageref_atomic_op op, const pageref_t *r, memory_order mo,
			 uint32_t expected)
{
	uint32_t v;

	if (!chk_world.running || r != &chk_world.obj)
		return;
	park(CHK_VAR_COUNTER, op);
	if (chk_world.freed)
		chk_fail("use after free: T%d's %s accesses the counter of freed memory",
			 chk_world.cur, chk_world.t[chk_world.cur].api ? chk_world.t[chk_world.cur].api : "access");
	if (op == PAGEREF_OP_LOAD)
		v = chk_mem_pick_load(CHK_VAR_COUNTER, chk_choose(chk_mem_load_choices(CHK_VAR_COUNTER, mo)));
	else if (op == PAGEREF_OP_CMPXCHG)
		v = chk_mem_pick_cas(CHK_VAR_COUNTER, expected,
				     chk_choose(chk_mem_cas_choices(CHK_VAR_COUNTER, expected, mo)));
	else
		return;
	atomic_store_explicit(&chk_world.obj.counter, v, memory_order_relaxed);
}

/* A thread's wait for a grace period: parked until chk_blocked() says no. */
void chk_wait_point(void)
{
	if (chk_world.running)
		park(CHK_VAR_NONE, PAGEREF_OP_LOAD);
}

/* Newer stores than the one a load (or failed CAS) just read: how stale it was. */
static uint8_t staleness(enum chk_var var, enum pageref_atomic_op op, bool wrote)
{
	if (!chk_world.running || wrote || (op != PAGEREF_OP_LOAD && op != PAGEREF_OP_CMPXCHG))
		return 0;
	(void)var;
	return step_node && step_node->read ? (uint8_t)step_node->read : 0;
}

/**
 * pageref_check_step - the atomic layer accessed @r in one indivisible step.
 * @op:     the access
 * @r:      the counter
 * @before: its value before
 * @after:  its value after
 * @wrote:  whether the access stored (a failed CAS does not)
 */
void pageref_check_step(enum pageref_atomic_op op, const pageref_t *r,
			uint32_t before, uint32_t after, bool wrote, memory_order mo)
{
	if (r != &chk_world.obj)
		return;
	chk_world.step_api = chk_world.t[chk_world.cur].api;
	chk_mem_access(CHK_VAR_COUNTER, op, wrote, after, mo);
	if ((op == PAGEREF_OP_LOAD || (op == PAGEREF_OP_CMPXCHG && !wrote)) && chk_world.running)
		atomic_store_explicit(&chk_world.obj.counter, chk_mem_latest(CHK_VAR_COUNTER),
				      memory_order_relaxed);
	chk_ghost_step();
	record((struct chk_event){ .kind = CHK_EV_STEP, .var = CHK_VAR_COUNTER,
				   .op = (uint8_t)op, .wrote = wrote, .before = before,
				   .after = after, .order = (uint8_t)mo,
				   .stale = staleness(CHK_VAR_COUNTER, op, wrote) });
}

/**
 * pageref_check_fence - the atomic layer runs a fence (no scheduling point:
 * a fence touches no shared word).
 * @mo: its order
 */
void pageref_check_fence(memory_order mo)
{
	chk_mem_fence(mo);
}

/**
 * chk_map_access - one access to the mapping word, a scheduling point too.
 * @op:  PAGEREF_OP_LOAD or PAGEREF_OP_STORE
 * @val: the value to store
 * @api: what the access is for, for the trace
 *
 * Return: the value the mapping held before the access.
 */
uint32_t chk_map_access(enum pageref_atomic_op op, uint32_t val, const char *api)
{
	/* release: pairs with the lookups' acquire (rcu_assign_pointer, xa_lock) */
	memory_order mo = op == PAGEREF_OP_STORE ? memory_order_release : memory_order_acquire;
	uint32_t before;

	if (chk_world.running)
		park(CHK_VAR_MAPPING, op);
	before = chk_world.mapping;
	if (op == PAGEREF_OP_STORE)
		chk_world.mapping = val;
	else if (chk_world.running)	/* stale lookups too: any store coherence allows */
		before = chk_mem_pick_load(CHK_VAR_MAPPING,
					   chk_choose(chk_mem_load_choices(CHK_VAR_MAPPING, mo)));
	chk_mem_access(CHK_VAR_MAPPING, op, op == PAGEREF_OP_STORE, val, mo);
	record((struct chk_event){ .kind = CHK_EV_STEP, .var = CHK_VAR_MAPPING,
				   .op = (uint8_t)op, .wrote = op == PAGEREF_OP_STORE,
				   .api = api, .before = before,
				   .after = op == PAGEREF_OP_STORE ? chk_world.mapping : before,
				   .order = (uint8_t)mo,
				   .stale = staleness(CHK_VAR_MAPPING, op, false) });
	return before;
}

/**
 * chk_var_access - one atomic access to word @var (a litmus file's location),
 * a scheduling point.
 * @var:      the word
 * @op:       the access
 * @operand:  the value stored, added, subtracted, or-ed, and-ed or exchanged
 * @expected: a CAS's expected value, updated to what it read; else NULL
 * @mo:       its order (a CAS: on success)
 * @fail_mo:  a CAS's order on failure
 * @hit:      a CAS's outcome; may be NULL
 *
 * Return: the value the access read.
 */
uint32_t chk_var_access(enum chk_var var, enum pageref_atomic_op op, uint32_t operand,
			uint32_t *expected, memory_order mo, memory_order fail_mo, bool *hit)
{
	uint32_t before, after;
	bool wrote = true;

	if (chk_world.running)
		park(var, op);
	if (op == PAGEREF_OP_LOAD)
		before = chk_mem_pick_load(var, chk_choose(chk_mem_load_choices(var, mo)));
	else if (op == PAGEREF_OP_CMPXCHG)
		before = chk_mem_pick_cas(var, *expected,
					  chk_choose(chk_mem_cas_choices(var, *expected, fail_mo)));
	else {
		before = chk_mem_latest(var);
		if (op == PAGEREF_OP_STORE)
			chk_mem_pick_store(var, mo, chk_choose(chk_mem_store_choices(var, mo)));
	}
	switch (op) {
	case PAGEREF_OP_LOAD:		after = before; wrote = false; break;
	case PAGEREF_OP_STORE:		after = operand; break;
	case PAGEREF_OP_FETCH_ADD:	after = before + operand; break;
	case PAGEREF_OP_FETCH_SUB:	after = before - operand; break;
	case PAGEREF_OP_FETCH_OR:	after = before | operand; break;
	case PAGEREF_OP_FETCH_AND:	after = before & operand; break;
	case PAGEREF_OP_XCHG:		after = operand; break;
	default:
		wrote = before == *expected;
		after = wrote ? operand : before;
		*expected = before;
		if (hit)
			*hit = wrote;
		if (!wrote)
			mo = fail_mo;
		break;
	}
	chk_mem_access(var, op, wrote, after, mo);
	record((struct chk_event){ .kind = CHK_EV_STEP, .var = (uint8_t)var, .op = (uint8_t)op,
				   .wrote = wrote, .before = before, .after = after,
				   .order = (uint8_t)mo, .stale = staleness(var, op, wrote) });
	return before;
}

void (*chk_end_hook)(void);

static _Noreturn void thread_entry(void)
{
	int self = chk_world.cur;

	chk_world.sc->thread[self]();
	chk_world.t[self].done = true;
	_longjmp(sched_jb, 1);
}

/* Runs thread @tid from its start to its first scheduling point (or end). */
static void start_thread(int tid)
{
	ucontext_t *ctx = &start_ctx[tid];

	if (!ctx->uc_stack.ss_sp && getcontext(ctx)) {
		perror("pageref check: getcontext");
		exit(1);
	}
	ctx->uc_stack.ss_sp = stacks[tid];
	ctx->uc_stack.ss_size = sizeof(stacks[tid]);
	ctx->uc_link = NULL;
	makecontext(ctx, thread_entry, 0);
	chk_world.cur = tid;
	if (!_setjmp(sched_jb))
		setcontext(ctx);
}

/* Runs thread @tid's next step: up to its next scheduling point (or end). */
static void resume(int tid)
{
	chk_world.cur = tid;
	if (!_setjmp(sched_jb))
		_longjmp(thread_jb[tid], 1);
}

static unsigned int enabled_mask(void)
{
	unsigned int m = 0;

	for (int i = 0; i < chk_world.sc->nr_threads; i++)
		if (chk_world.t[i].parked && !chk_blocked(i))
			m |= 1u << i;
	return m;
}

/* No thread can go on: the end, unless some wait for a grace period. */
static void check_stuck(void)
{
	for (int i = 0; i < chk_world.sc->nr_threads; i++)
		if (chk_world.t[i].parked) {
			chk_fail("T%d waits for a grace period that cannot end", i);
			return;
		}
	chk_check_end();
	/* a run that RC11's SC axiom forbids has no outcome (run_once()) */
	if (chk_end_hook && !chk_world.violation && chk_mem_consistent())
		chk_end_hook();
}

/* Whether running @c at @n switches away from a thread that could go on. */
static int preempt_cost(const struct chk_node *n, int c)
{
	return n->prev >= 0 && c != n->prev && (n->enabled & (1u << n->prev));
}

static bool allowed(const struct chk_node *n, int c, int bound)
{
	return bound < 0 || n->preempts + preempt_cost(n, c) <= bound;
}

/* The first choice at @n not yet explored and within the bound, or -1. */
static int first_choice(const struct chk_node *n, int bound)
{
	for (int c = 0; c < CHK_MAX_THREADS; c++)
		if ((n->enabled & ~n->done & (1u << c)) && allowed(n, c, bound))
			return c;
	return -1;
}

/*
 * One run: choices below @forced replay the previous run, the rest are
 * made fresh. Returns the number of choice points the run passed.
 */
static int run_once(const struct pageref_scheme *s, const struct chk_scenario *sc,
		    unsigned int mode, int forced, int bound)
{
	int d = 0;

	chk_reset(s, sc, mode);
	chk_world.running = true;
	for (int i = 0; i < sc->nr_threads; i++)
		start_thread(i);
	chk_check_state();
	while (!chk_world.violation) {
		struct chk_node *n = &nodes[d];
		unsigned int en = enabled_mask();

		if (!en) {
			check_stuck();
			break;
		}
		if (d == CHK_MAX_STEPS) {
			chk_fail("no end after %d steps: a livelock, or raise CHK_MAX_STEPS",
				 CHK_MAX_STEPS);
			break;
		}
		if (d >= forced) {
			n->enabled = (uint8_t)en;
			n->done = 0;
			n->prev = (int8_t)chk_world.last;
			n->preempts = d ? (uint8_t)(nodes[d - 1].preempts +
						    preempt_cost(&nodes[d - 1], nodes[d - 1].choice)) : 0;
			n->choice = (int8_t)first_choice(n, bound);
			n->read = 0;
			n->nr_reads = 1;
		}
		step_node = n;
		resume(n->choice);
		step_node = NULL;
		chk_world.last = n->choice;
		chk_check_state();
		d++;
	}
	chk_world.running = false;
	/* No C11 execution (its psc has a cycle, c11.c): nothing it showed
	 * counts, a failure no more than an outcome. Checked on the prefix
	 * that failed, too: a cycle there stays in any longer run. */
	if ((chk_world.violation || chk_world.aba) && !chk_mem_consistent()) {
		chk_world.violation = NULL;
		chk_world.aba = false;
	}
	return d;
}

/* Keeps the outcome of the run just finished if it is the shortest so far. */
static void keep_shortest(struct chk_result *res, unsigned int mode)
{
	if (chk_world.violation) {
		if (!res->failed || chk_world.trace.nr_steps < res->fail.nr_steps) {
			res->fail = chk_world.trace;
			res->fail_mode = mode;
			snprintf(res->why, sizeof(res->why), "%s", chk_world.violation);
		}
		res->failed = true;
		return;
	}
	if (chk_world.aba) {
		if (!res->aba_modes || chk_world.trace.nr_steps < res->aba_trace.nr_steps) {
			res->aba_trace = chk_world.trace;
			res->aba_mode = mode;
			snprintf(res->aba_why, sizeof(res->aba_why), "%s", chk_world.aba_why);
		}
		res->aba_modes |= 1u << mode;
	}
}

/* Thread mask of put_last() users for put mode @m: bit i of @m picks the
 * i-th thread of @putters. */
unsigned int chk_mode_threads(unsigned int putters, unsigned int m)
{
	unsigned int mask = 0;
	int i = 0;

	for (int t = 0; t < CHK_MAX_THREADS; t++)
		if (putters & (1u << t))
			mask |= ((m >> i++) & 1u) << t;
	return mask;
}

/* Runs a failed cell goes on for after its first failure, for a shorter trace. */
#define CHK_AFTER_FAIL	50000ul

/**
 * chk_explore - run every interleaving of @sc over scheme @s.
 * @s:           the scheme
 * @sc:          the scenario
 * @preemptions: preemption bound, or -1 for none (exhaustive)
 * @res:         filled with the verdict, counts and shortest traces
 *
 * A scheme with a put_last() of its own is explored once per way of
 * choosing put() or put_last() for each thread that puts. A cell that has
 * failed stops CHK_AFTER_FAIL runs after its first failure: its verdict is
 * made, and the trace kept is the shortest of the runs explored.
 */
void chk_explore(const struct pageref_scheme *s, const struct chk_scenario *sc,
		 int preemptions, struct chk_result *res)
{
	double t0 = lab_now(), shown = t0;
	unsigned int nr_modes = 1;
	unsigned long fail_runs = 0;

	memset(res, 0, offsetof(struct chk_result, fail));
	res->applicable = (s->flags & sc->needs) == sc->needs;
	if (!res->applicable)
		return;
	if (s->flags & PAGEREF_SCHEME_PUT_LAST)
		nr_modes = 1u << __builtin_popcount(sc->putters);
	res->nr_modes = nr_modes;
	for (unsigned int m = 0; m < nr_modes && !(res->failed && res->runs > fail_runs + CHK_AFTER_FAIL);
	     m++) {
		unsigned int threads = chk_mode_threads(sc->putters, m);
		int depth = 0;

		do {
			bool had_failed = res->failed;

			depth = run_once(s, sc, threads, depth, preemptions);
			keep_shortest(res, m);
			if (res->failed && !had_failed)
				fail_runs = res->runs;
			/* A failed cell is failed: look a while for a shorter trace, then stop. */
			if (res->failed && res->runs >= fail_runs + CHK_AFTER_FAIL) {
				res->runs++;
				break;
			}
			if (!(++res->runs & 0xffff) && lab_now() - shown > 2) {
				shown = lab_now();
				fprintf(stderr, "pageref check: %s / %s: %lu interleavings, %.0f s\n",
					s->name, sc->name, res->runs, shown - t0);
			}
			/* Back up to the deepest node with an alternative left. */
			while (depth > 0) {
				struct chk_node *n = &nodes[depth - 1];
				int c;

				if (n->read + 1 < n->nr_reads) {
					n->read++;
					break;
				}
				n->done |= (uint8_t)(1u << n->choice);
				c = first_choice(n, preemptions);
				if (c >= 0) {
					n->choice = (int8_t)c;
					n->read = 0;
					n->nr_reads = 1;
					break;
				}
				depth--;
			}
		} while (depth > 0);
	}
	res->seconds = lab_now() - t0;
}
