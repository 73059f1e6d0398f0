// SPDX-License-Identifier: MIT
/*
 * The measurement: pinned worker threads start together on a barrier, run
 * one row's loop for a fixed time (or a fixed number of operations, for
 * callgrind) and time themselves. Everything here is outside the timed
 * loops; lab/bench/loops.c has those.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <valgrind/callgrind.h>

#include <pageref-lab/util.h>

#include "bench.h"
#include "objects.h"
#include "scheme.h"

const struct bench_workload_info bench_workloads[BENCH_NR_WORKLOADS] = {
	[BENCH_CONTENDED] = { "contended",
		"N threads: try-get then put on one shared object (held by a base reference)",
		0, false },
	[BENCH_FREE_PATH] = { "free-path",
		"1 thread: allocate a page with one reference, free it by its last put; 4096 pages",
		1, false },
	[BENCH_FREE_RACE] = { "free-path-race",
		"2 threads each hold a reference to every page; the later put frees it; 64 pages",
		2, false },
	[BENCH_PAGECACHE_READ] = { "pagecache-read",
		"N threads pread 64 bytes at offset 0 of one file: RCU lookup, try-get, re-check, copy, put",
		0, false },
	[BENCH_PAGECACHE_SET] = { "pagecache-read-set",
		"as pagecache-read, over a hot set of 64 pages",
		0, false },
	[BENCH_CHURN] = { "churn",
		"readers of a hot set while every thread replaces and frees a page every 64 reads",
		0, true },
	[BENCH_RCU] = { "rcu",
		"2 threads, one hot entry: rcu_read_lock, lookup, try-get, unlock, use, put; "
		"liburcu's default build (read lock and unlock are calls); vs urcu_ref",
		2, false, "urcu_ref" },
	[BENCH_RCU_LGPL] = { "rcu-lgpl",
		"as rcu, with _LGPL_SOURCE (read lock and unlock inlined)",
		2, false, "urcu_ref" },
	[BENCH_RCU_COVER] = { "rcu-cover",
		"as rcu, but each put runs under the next lookup's read-side section "
		"(pageref_rcu_put_rcusafe); default build",
		2, false, "urcu_ref" },
	[BENCH_RCU_COVER_LGPL] = { "rcu-cover-lgpl",
		"as rcu-cover, with _LGPL_SOURCE",
		2, false, "urcu_ref" },
};

int bench_workload_find(const char *name)
{
	for (int w = 0; w < BENCH_NR_WORKLOADS; w++)
		if (!strcmp(bench_workloads[w].name, name))
			return w;
	return -1;
}

const struct bench_row *bench_row_find(const char *name)
{
	bench_for_each_row(row)
		if (!strcmp(row->name, name))
			return row;
	return NULL;
}

unsigned int bench_row_flags(const struct bench_row *row)
{
	const struct pageref_scheme *s = pageref_scheme_find(row->scheme);

	/* The floor is no scheme. Without a frozen state a get on a freed
	 * page succeeds and its put frees it twice: no memory reuse. */
	return s ? s->flags : PAGEREF_SCHEME_BOUNDED;
}

bool bench_row_runs(const struct bench_row *row, enum bench_workload w)
{
	if (!row->loop[w])
		return false;
	return !bench_workloads[w].needs_reuse || (bench_row_flags(row) & PAGEREF_SCHEME_REUSE);
}

static void *bench_alloc_lines(size_t size)
{
	size = (size + 63) & ~(size_t)63;
	void *p = aligned_alloc(64, size);

	if (!p) {
		fprintf(stderr, "pageref-bench: out of memory (%zu bytes)\n", size);
		exit(1);
	}
	memset(p, 0, size);
	return p;
}

int bench_setup(struct bench_ctx *ctx, enum bench_workload w, const struct bench_row *row,
		unsigned int threads)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->nr_threads = threads;
	ctx->threads = bench_alloc_lines(threads * sizeof(*ctx->threads));
	for (unsigned int t = 0; t < threads; t++)
		ctx->threads[t].seed = 0x9e3779b97f4a7c15ull * (t + 1);
	switch (w) {
	case BENCH_CONTENDED:
		ctx->shared = bench_alloc_lines(sizeof(*ctx->shared));
		row->init(&ctx->shared->ref, 1);
		return 0;
	case BENCH_FREE_PATH:
		/* Each loop iteration stores the count first: no set-up needed. */
		ctx->pages = bench_alloc_lines(BENCH_FREE_PAGES * sizeof(*ctx->pages));
		return 0;
	case BENCH_FREE_RACE:
		ctx->pages = bench_alloc_lines(BENCH_RACE_PAGES * sizeof(*ctx->pages));
		for (int i = 0; i < BENCH_RACE_PAGES; i++)
			row->init(&ctx->pages[i].ref, 2);
		return 0;
	case BENCH_RCU:
	case BENCH_RCU_LGPL:
	case BENCH_RCU_COVER:
	case BENCH_RCU_COVER_LGPL:
		return bench_rcu_setup(ctx);
	default:
		return bench_pagecache_setup(ctx, w, row);
	}
}

void bench_teardown(struct bench_ctx *ctx, enum bench_workload w)
{
	if (ctx->rcu)
		bench_rcu_teardown(ctx);
	else if (w >= BENCH_PAGECACHE_READ)
		bench_pagecache_teardown(ctx);
	free(ctx->shared);
	free(ctx->pages);
	free(ctx->threads);
}

struct bench_worker {
	pthread_t thread;
	struct bench_ctx *ctx;
	bench_loop_fn *loop;
	pthread_barrier_t *start;
	unsigned int tid;
	uint64_t ops;
	double ns;
};

static void *bench_worker_main(void *arg)
{
	struct bench_worker *wk = arg;
	double t0;

	bench_thread_start(wk->ctx, wk->tid);
	pthread_barrier_wait(wk->start);
	t0 = lab_now();
	/* Under callgrind (bench_callgrind()) only the loop is counted;
	 * natively a client request is a few instructions that do nothing. */
	CALLGRIND_TOGGLE_COLLECT;
	wk->ops = wk->loop(wk->ctx, wk->tid);
	CALLGRIND_TOGGLE_COLLECT;
	wk->ns = (lab_now() - t0) * 1e9;
	bench_thread_stop(wk->ctx, wk->tid);
	return NULL;
}

/* Worker @tid runs on the @tid-th CPU we may use, round robin. */
static void bench_pin(pthread_attr_t *attr, unsigned int tid)
{
	static cpu_set_t allowed;
	static int nr_allowed;
	cpu_set_t one;
	int n = 0;

	if (!nr_allowed) {
		sched_getaffinity(0, sizeof(allowed), &allowed);
		nr_allowed = CPU_COUNT(&allowed);
	}
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &allowed) || n++ != (int)(tid % nr_allowed))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		pthread_attr_setaffinity_np(attr, sizeof(one), &one);
		return;
	}
}

static void bench_sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int bench_measure(const struct bench_row *row, enum bench_workload w, unsigned int threads,
		  unsigned int ms, uint64_t max_ops, struct bench_sample *out)
{
	struct bench_worker *wk = calloc(threads, sizeof(*wk));
	pthread_barrier_t start;
	struct bench_ctx ctx;
	double ns = 0;
	int err = 0;

	if (!wk || bench_setup(&ctx, w, row, threads)) {
		free(wk);
		return -1;
	}
	ctx.max_ops = ms ? UINT64_MAX : max_ops;
	pthread_barrier_init(&start, NULL, threads + 1);
	for (unsigned int t = 0; t < threads; t++) {
		pthread_attr_t attr;

		wk[t] = (struct bench_worker){ .ctx = &ctx, .loop = row->loop[w],
					       .start = &start, .tid = t };
		pthread_attr_init(&attr);
		bench_pin(&attr, t);
		err = pthread_create(&wk[t].thread, &attr, bench_worker_main, &wk[t]);
		pthread_attr_destroy(&attr);
		if (err) {
			fprintf(stderr, "pageref-bench: cannot start thread: %s\n", strerror(err));
			exit(1);
		}
	}
	pthread_barrier_wait(&start);
	if (ms) {
		bench_sleep_ms(ms);
		/* relaxed: the loops poll it, nothing is published with it */
		atomic_store_explicit(&ctx.stop, true, memory_order_relaxed);
	}
	memset(out, 0, sizeof(*out));
	for (unsigned int t = 0; t < threads; t++) {
		pthread_join(wk[t].thread, NULL);
		out->ops += wk[t].ops;
		out->errors += ctx.threads[t].errors;
		out->mops += wk[t].ns > 0 ? wk[t].ops / wk[t].ns * 1e3 : 0;
		ns += wk[t].ns;
	}
	out->ns_per_op = out->ops ? ns / out->ops : 0;
	pthread_barrier_destroy(&start);
	bench_teardown(&ctx, w);
	free(wk);
	return 0;
}
