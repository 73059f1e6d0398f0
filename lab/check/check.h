/* SPDX-License-Identifier: MIT */
/*
 * lab/check/check.h - the exhaustive interleaving checker, internals.
 *
 * A scenario is a few threads over one pageref_t (chk_world.obj) and one "mapping"
 * word (what a page-cache lookup would find). Threads are coroutines: each
 * access to either word is a scheduling point (pageref_check_point() for the
 * counter, chk_map_*() for the mapping), and the explorer (explore.c) runs
 * every order of those steps, depth-first, replaying each run from the start.
 *
 * The threads call the scheme through the chk_*() wrappers of ghost.c, which
 * keep the ghost state: which lifetime (allocation generation) the object is
 * in, who holds references in which lifetime, and who released which
 * lifetime. Invariants are checked between every two steps and at the end.
 */
#ifndef PAGEREF_CHECK_H
#define PAGEREF_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pageref/pageref.h>

#include "scheme.h"

#define CHK_MAX_THREADS	4
#define CHK_MAX_STEPS	160	/* a run longer than this is reported as a livelock */
#define CHK_MAX_GEN	8	/* lifetimes per run */
#define CHK_MAX_EVENTS	(4 * CHK_MAX_STEPS)

/* The words a step may touch. */
enum chk_var {
	CHK_VAR_COUNTER,
	CHK_VAR_MAPPING,
	CHK_VAR_LIT,			/* the first of a litmus file's locations */
	CHK_NR_VARS = 8,
	CHK_VAR_NONE = CHK_NR_VARS,	/* a grace period: a point that touches no word */
};

/* Which memory model the explorer follows (--model). */
enum chk_model {
	CHK_MODEL_C11,	/* orders as written, stale loads of the counter */
	CHK_MODEL_SC,	/* every access seq_cst, every load reads the latest store */
};

/*
 * What a thread knows at a point of its run: its happens-before vector
 * clock, and per word the position in modification order of the latest
 * store it has seen or that happens before it (coherence: it may not read
 * an older one).
 */
struct chk_view {
	uint32_t clock[CHK_MAX_THREADS];
	uint16_t seen[CHK_NR_VARS];
};

/* One store in a word's modification order. */
struct chk_msg {
	uint32_t value;
	bool rmw;		/* an RMW's store: nothing may go between it and what it read */
	int16_t ev;		/* the event that stored it (c11.c's psc graph); -1: the setup */
	struct chk_view sync;	/* what an acquire reading it learns (its release sequence) */
};

/* Per-thread state of the memory model. */
struct chk_mem_thread {
	struct chk_view now;		/* happens-before: what this thread knows */
	struct chk_view fence_rel;	/* at its last release fence */
	struct chk_view acq_pending;	/* sync of everything it read: an acquire fence's gain */
	struct chk_view rcu_exit;	/* at its last rcu_read_unlock() */
	struct chk_view rel_store[CHK_NR_VARS];	/* at its last release store to each word */
	bool has_fence_rel;
	uint8_t rcu_depth;		/* inside a read-side section */
	uint32_t rcu_exits;		/* read-side sections ended */
};

/* A ghost (non-atomic) access to the object's payload, for race reports. */
struct chk_access {
	uint32_t clock;		/* the accessing thread's own clock then; 0: none */
	const char *what;
	int step;		/* counter/mapping steps before it, for the trace */
};

/* Ghost lifetime state of the object. */
enum chk_life {
	CHK_LIVE,	/* allocated; references are counted */
	CHK_FREE,	/* released (and maybe re-marked free); no references */
	CHK_FROZEN,	/* frozen by an owner, who has it exclusively */
};

/* One line of a trace. */
enum chk_event_kind {
	CHK_EV_STEP,	/* an access: op, before -> after */
	CHK_EV_RET,	/* an operation returned @result */
	CHK_EV_RELEASE,	/* the thread released lifetime @gen */
	CHK_EV_ALLOC,	/* the thread allocated lifetime @gen */
	CHK_EV_GHOST,	/* @result: 0 payload read, 1 payload write, 2 RCU */
};

struct chk_event {
	uint8_t kind;
	uint8_t tid;
	uint8_t var;
	uint8_t op;
	uint8_t order;		/* memory_order of a step */
	uint8_t stale;		/* a load: stores newer than the one it read */
	bool wrote;
	const char *api;
	uint32_t before;
	uint32_t after;
	uint32_t result;
	uint32_t gen;
};

struct chk_trace {
	int nr_events;
	int nr_steps;
	uint32_t initial;		/* counter before the first step */
	uint32_t initial_gen;
	enum chk_life initial_life;
	uint32_t initial_held[CHK_MAX_THREADS];
	struct chk_event ev[CHK_MAX_EVENTS];
};

/* Per-thread ghost and scheduling state. */
struct chk_thread {
	const char *api;	/* operation in progress, NULL between operations */
	uint32_t held;		/* references held (ghost) */
	uint32_t held_gen;	/* the lifetime they were taken in */
	uint32_t dropping;	/* given up by a put at its first access */
	bool put_last;		/* this run's puts use put_last() */
	bool parked;		/* stopped at a scheduling point */
	bool done;
	uint8_t pend_var;	/* what the parked thread will touch next */
	uint8_t pend_op;
	uint32_t gp_wait;	/* threads a grace period waits for (a bit each) */
	uint32_t gp_exits[CHK_MAX_THREADS];	/* their rcu_exits when it began */
	struct chk_mem_thread mem;
	struct chk_access read;		/* its last payload read */
};

/* A scenario: setup runs alone, then the threads run interleaved. */
struct chk_scenario {
	const char *name;
	const char *summary;
	unsigned int needs;		/* scheme flags it needs, else n/a */
	int nr_threads;
	unsigned int putters;		/* threads whose puts may be put_last() */
	void (*setup)(void);
	void (*thread[CHK_MAX_THREADS])(void);
	bool by_name;			/* breaks the library's contract: run only when named */
};

/* The world of one run. */
struct chk_world {
	const struct pageref_scheme *s;
	const struct chk_scenario *sc;
	pageref_t obj;
	uint32_t mapping;		/* lifetime a lookup finds, 0 for none */

	/* ghost */
	enum chk_life life;
	uint32_t gen;			/* current lifetime, from 1 */
	int frozen_by;
	uint8_t releases[CHK_MAX_GEN + 1];
	struct chk_thread t[CHK_MAX_THREADS];
	int cur;			/* thread running now */
	int last;			/* thread that took the last step */
	bool prev_frozen;
	unsigned long misuse_base;

	/* outcome of the run */
	const char *violation;
	char why[192];
	bool aba;
	char aba_why[192];

	const char *step_api;		/* operation of the last counter step */
	bool running;			/* inside the explorer: points are live */
	bool freed;			/* the object's memory was given back */
	bool saturated;			/* an overflow parked the count: it leaks */
	uint32_t payload_gen;		/* lifetime the payload was last written for */
	struct chk_access write;	/* the payload's last write */
	int write_tid;
	int load_msg;			/* the store a parked load will read */
	struct chk_trace trace;
};

extern struct chk_world chk_world;

/* What exploring one cell found. */
struct chk_result {
	bool applicable;
	bool failed;
	unsigned long runs;
	double seconds;
	unsigned int aba_modes;		/* bit m: ABA seen with put mode m */
	unsigned int nr_modes;
	char why[192];
	char aba_why[192];
	struct chk_trace fail;		/* shortest violating run */
	struct chk_trace aba_trace;	/* shortest run with an ABA release */
	unsigned int fail_mode;
	unsigned int aba_mode;
};

/* explore.c */
void chk_explore(const struct pageref_scheme *s, const struct chk_scenario *sc,
		 int preemptions, struct chk_result *res);
void chk_note(enum chk_event_kind kind, uint32_t value);
void chk_note_ghost(const char *what, uint32_t kind);
uint32_t chk_map_access(enum pageref_atomic_op op, uint32_t val, const char *api);
uint32_t chk_var_access(enum chk_var var, enum pageref_atomic_op op, uint32_t operand,
			uint32_t *expected, memory_order mo, memory_order fail_mo, bool *hit);
unsigned int chk_mode_threads(unsigned int putters, unsigned int m);
int chk_choose(int nr_options);
extern void (*chk_end_hook)(void);	/* called at the end of each complete run */
void chk_wait_point(void);

/* c11.c: the memory model and the payload's race detector */
extern enum chk_model chk_model;
extern bool chk_stale_reads;
extern bool chk_stale_cas;
extern bool chk_mo_choices;
int chk_mem_store_choices(enum chk_var var, memory_order mo);
void chk_mem_pick_store(enum chk_var var, memory_order mo, int choice);
void chk_mem_reset(void);
extern uint32_t chk_var_initial[CHK_NR_VARS];
int chk_mem_load_choices(enum chk_var var, memory_order mo);
uint32_t chk_mem_pick_load(enum chk_var var, int choice);
int chk_mem_cas_choices(enum chk_var var, uint32_t expected, memory_order mo);
uint32_t chk_mem_pick_cas(enum chk_var var, uint32_t expected, int choice);
void chk_mem_access(enum chk_var var, enum pageref_atomic_op op, bool wrote,
		    uint32_t after, memory_order mo);
void chk_mem_fence(memory_order mo);
bool chk_mem_consistent(void);
uint32_t chk_mem_latest(enum chk_var var);
void chk_payload(bool write, const char *what);
void chk_rcu_lock(void);
void chk_rcu_unlock(void);
void chk_synchronize_rcu(void);
bool chk_blocked(int tid);
bool chk_mem_hb(int tid, uint32_t clock);
uint32_t chk_mem_clock(void);
const char *chk_order_name(memory_order mo);

/* ghost.c: the operations scenarios call, with their ghost bookkeeping */
void chk_reset(const struct pageref_scheme *s, const struct chk_scenario *sc,
	       unsigned int mode);
void chk_as(int tid);
bool chk_tryget(uint32_t nr);
void chk_get(uint32_t nr);
bool chk_put(uint32_t nr);
bool chk_freeze(uint32_t expected);
void chk_unfreeze(uint32_t count);
void chk_free(void);
void chk_alloc(uint32_t count);
void chk_give(int to, uint32_t nr);
void chk_discard_frozen(void);
void chk_map(void);
void chk_unmap(void);
uint32_t chk_lookup(void);
void chk_use(uint32_t gen);
void chk_read(void);
void chk_free_memory(void);
void chk_ghost_step(void);
void chk_check_state(void);
void chk_check_end(void);
bool chk_frozen_value(uint32_t v);
void chk_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* herd.c: herd7's C11 litmus files */
int herd_main(int argc, char **argv);

/* scenarios.c */
extern const struct chk_scenario chk_scenarios[];
extern const int chk_nr_scenarios;
int chk_nr_matrix_scenarios(void);

#endif /* PAGEREF_CHECK_H */
