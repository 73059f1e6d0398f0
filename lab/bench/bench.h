/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/bench.h - the benchmark harness shared by pageref-bench and
 * pageref-report.
 *
 * A "row" is one line of the result table: a scheme through one entry
 * point ("pageref" uses put_last() on the free path, "pageref/put" uses
 * put()), or the floor. Each row has one timed loop per workload,
 * instantiated from lab/bench/loops_body.h per scheme, so that the loop calls the
 * scheme's inline operations directly. The harness calls a loop through
 * its pointer once per thread and measurement, never inside the loop.
 */
#ifndef PAGEREF_BENCH_H
#define PAGEREF_BENCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pageref/atomic.h>

enum bench_workload {
	BENCH_CONTENDED,	/* N threads: try-get, put on one shared object */
	BENCH_FREE_PATH,	/* 1 thread: allocate with one reference, last put */
	BENCH_FREE_RACE,	/* 2 threads hold each page; the later put frees */
	BENCH_PAGECACHE_READ,	/* N threads pread 64 bytes of one hot page */
	BENCH_PAGECACHE_SET,	/* the same over a hot set of pages */
	BENCH_CHURN,		/* readers while pages are replaced and freed */
	/* liburcu's urcu_ref against pageref's RCU path (lab/bench/rcu.c): */
	BENCH_RCU,		/* put in a section of its own, liburcu's default build */
	BENCH_RCU_LGPL,		/* the same with _LGPL_SOURCE (inline read lock) */
	BENCH_RCU_COVER,	/* put under the next lookup's section, default build */
	BENCH_RCU_COVER_LGPL,	/* the same with _LGPL_SOURCE */
	BENCH_NR_WORKLOADS
};

/* Pages in the free-path loop: each on its own cache line. */
#define BENCH_FREE_PAGES	4096
/* Pages shared by the two holders of free-path-race. */
#define BENCH_RACE_PAGES	64
/* Pages of the hot set in pagecache-read-set and churn. */
#define BENCH_HOT_SET		64
/* Loops test for the end of a measurement every this many operations. */
#define BENCH_BATCH		64

struct bench_ctx;

/* A timed loop: runs until the measurement stops, returns operations done. */
typedef uint64_t bench_loop_fn(struct bench_ctx *ctx, unsigned int tid);

struct bench_row {
	const char *name;		/* "pageref", "pageref/put", "floor" */
	const char *scheme;		/* its scheme ("floor" for the floor) */
	const char *entry;		/* the put used on free paths */
	void (*init)(pageref_t *r, uint32_t count);	/* set up, outside the loops */
	bench_loop_fn *loop[BENCH_NR_WORKLOADS];	/* NULL: not measured */
};

/* Every row (loops.c, rows_body.h); known-bad schemes' have a NULL name. */
extern const struct bench_row bench_rows[];
extern const size_t bench_nr_rows;

#define bench_for_each_row(row) for (const struct bench_row *row = bench_rows; row < bench_rows + bench_nr_rows; row++) if (row->name)

struct bench_workload_info {
	const char *name;
	const char *what;
	unsigned int fixed_threads;	/* 0: takes --threads */
	bool needs_reuse;		/* only schemes with PAGEREF_SCHEME_REUSE */
	const char *baseline;		/* the row the others are timed against; NULL: none */
};

extern const struct bench_workload_info bench_workloads[BENCH_NR_WORKLOADS];

/* Per-thread private state of a loop, on its own cache lines. */
struct bench_thread {
	_Alignas(64) uint64_t errors;
	uint64_t seed;
	void *priv;			/* the pagecache workloads' reader state */
};

struct bench_ctx {
	_Atomic(bool) stop;		/* set by the timer: the duration is over */
	uint64_t max_ops;		/* per thread; callgrind runs stop here */
	unsigned int nr_threads;
	struct bench_thread *threads;
	/* The shared object of contended, on a cache line of its own. */
	struct bench_shared *shared;
	struct bench_page *pages;	/* free-path, free-path-race */
	struct bench_cache *cache;	/* pagecache-read*, churn */
	struct bench_rcu *rcu;		/* the rcu workloads */
};

/* One measurement: a row, a workload and a thread count. */
struct bench_sample {
	double ns_per_op;		/* thread time per operation (mean over threads) */
	double mops;			/* operations per microsecond, all threads */
	uint64_t ops;
	uint64_t errors;		/* the loop saw a scheme misbehave */
};

/* Set up and tear down a workload's objects for @row (outside the timing). */
int bench_setup(struct bench_ctx *ctx, enum bench_workload w, const struct bench_row *row,
		unsigned int threads);
void bench_teardown(struct bench_ctx *ctx, enum bench_workload w);

/**
 * bench_measure - run one row on one workload with @threads pinned threads.
 * @row:      what to measure
 * @w:        the workload
 * @threads:  worker threads
 * @ms:       duration; 0 to run exactly @max_ops per thread instead
 * @max_ops:  operations per thread when @ms is 0
 * @out:      the result
 *
 * Return: 0, or -1 with a message on stderr.
 */
int bench_measure(const struct bench_row *row, enum bench_workload w, unsigned int threads,
		  unsigned int ms, uint64_t max_ops, struct bench_sample *out);

/* True once the measurement's time is up (relaxed poll). */
static inline bool bench_stopped(struct bench_ctx *ctx)
{
	/* relaxed: a late look only runs one more batch or one more spin */
	return atomic_load_explicit(&ctx->stop, memory_order_relaxed);
}

/*
 * True if the loop should stop after @done operations. Never
 * before the first batch: a worker that the scheduler kept off its CPU for
 * the whole measurement still counts one batch, not zero.
 */
static inline bool bench_should_stop(struct bench_ctx *ctx, uint64_t done)
{
	return done >= ctx->max_ops || (done && bench_stopped(ctx));
}

/* Workload and row lookup by name; -1 / NULL if unknown. */
int bench_workload_find(const char *name);
const struct bench_row *bench_row_find(const char *name);
/* The row's scheme flags (PAGEREF_SCHEME_*); the floor has every contract. */
unsigned int bench_row_flags(const struct bench_row *row);
/* The rcu workloads' entry and their loops (lab/bench/rcu.c, rcu_lgpl.c). */
int bench_rcu_setup(struct bench_ctx *ctx);
void bench_rcu_teardown(struct bench_ctx *ctx);
void bench_rcu_register(void);
void bench_rcu_unregister(void);
extern bench_loop_fn bench_rcu_own_urcu_ref_default, bench_rcu_own_pageref_default,
	bench_rcu_cover_urcu_ref_default, bench_rcu_cover_pageref_default,
	bench_rcu_own_urcu_ref_lgpl, bench_rcu_own_pageref_lgpl,
	bench_rcu_cover_urcu_ref_lgpl, bench_rcu_cover_pageref_lgpl;

/* Does @row take part in @w? */
bool bench_row_runs(const struct bench_row *row, enum bench_workload w);

#define BENCH_DEFAULT_REPS	5
#define BENCH_DEFAULT_MS	200
#define BENCH_CALLGRIND_OPS	(UINT64_C(1) << 18)	/* a multiple of every batch */
#define BENCH_MAX_THREADS	64
#define BENCH_MAX_THREAD_COUNTS	16
#define BENCH_MAX_ONLY		32
#define BENCH_MAX_RESULTS	512

/* What to measure: bench_run() runs every selected (workload, row, threads). */
struct bench_plan {
	bool workload[BENCH_NR_WORKLOADS];
	const struct bench_row *only[BENCH_MAX_ONLY];	/* rows asked for; none: all */
	unsigned int nr_only;
	unsigned int threads[BENCH_MAX_THREAD_COUNTS];
	unsigned int nr_threads;
	unsigned int reps;
	unsigned int ms;			/* per measurement */
	bool callgrind;				/* also count instructions per op */
	uint64_t callgrind_ops;
};

/* One line of the result table. */
struct bench_result {
	const struct bench_row *row;
	enum bench_workload w;
	unsigned int threads;
	double median, min, max;		/* ns per op, over the repetitions */
	double mops;				/* median throughput, all threads */
	double vs_upstream, vs_floor;		/* median / the same for them; 0: n/a */
	/* Against the workload's baseline row: the median, min and max over the
	 * repetitions of this row's time / the baseline's in the same
	 * repetition (measured next to each other); 0: no baseline. */
	double vs_base, vs_base_min, vs_base_max;
	double ir_per_op;			/* callgrind; 0: not measured */
	uint64_t errors;
};

/* No workload selected: all; no thread count: 1,2 (this machine's cores). */
void bench_plan_defaults(struct bench_plan *plan);

/* Is @row selected by @plan? upstream and the floor always are. */
bool bench_plan_has_row(const struct bench_plan *plan, const struct bench_row *row);

/**
 * bench_run - measure the plan: repetitions interleaved over all rows.
 * @plan:    what to measure
 * @results: filled with one result per measured (workload, threads, row)
 * @max:     room in @results
 *
 * Progress goes to stderr. Return: results written, or -1 on error.
 */
int bench_run(const struct bench_plan *plan, struct bench_result *results, size_t max);

/* Total misbehaviours seen by the loops of @n results. */
uint64_t bench_errors(const struct bench_result *r, size_t n);

/**
 * bench_callgrind - instructions per operation of each single-threaded result.
 * @results: from bench_run(); each one with threads == 1 gets ir_per_op
 * @n:       number of results
 * @ops:     operations per run
 *
 * Runs build/pageref-bench (beside this program) under valgrind, once per
 * result. Return: 0, or -1 if a run failed (message on stderr).
 */
int bench_callgrind(struct bench_result *results, size_t n, uint64_t ops);

/*
 * The child side of bench_callgrind(): @plan->callgrind_ops operations of
 * its first row (the one named exactly) on its first workload, one thread.
 */
int bench_callgrind_child(const struct bench_plan *plan);

void bench_print_table(FILE *out, const struct bench_result *r, size_t n);
void bench_print_json(FILE *out, const struct bench_result *r, size_t n);

/* A result of @w at @threads for the row named @name, or NULL. */
const struct bench_result *bench_result_find(const struct bench_result *r, size_t n,
					     enum bench_workload w, unsigned int threads,
					     const char *name);

#endif /* PAGEREF_BENCH_H */
