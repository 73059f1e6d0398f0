// SPDX-License-Identifier: MIT
/*
 * The measurement plan: every selected (workload, threads, row) is measured
 * once per repetition, and the repetitions are interleaved (rep 1 measures
 * every row, then rep 2 ...), each starting at a different row, so that
 * drift on a noisy machine (frequency, a neighbour's load) hits all rows
 * alike. A warm-up pass at a quarter of the duration is thrown away.
 */
#include <stdlib.h>
#include <string.h>

#include <pageref-lab/util.h>

#include "bench.h"

struct bench_config {
	const struct bench_row *row;
	enum bench_workload w;
	unsigned int threads;
};

void bench_plan_defaults(struct bench_plan *plan)
{
	bool any = false;

	for (int w = 0; w < BENCH_NR_WORKLOADS; w++)
		any |= plan->workload[w];
	for (int w = 0; w < BENCH_NR_WORKLOADS && !any; w++)
		plan->workload[w] = true;
	if (!plan->nr_threads) {
		plan->threads[plan->nr_threads++] = 1;
		plan->threads[plan->nr_threads++] = 2;
	}
}

uint64_t bench_errors(const struct bench_result *r, size_t n)
{
	uint64_t errors = 0;

	for (size_t i = 0; i < n; i++)
		errors += r[i].errors;
	return errors;
}

bool bench_plan_has_row(const struct bench_plan *plan, const struct bench_row *row)
{
	if (!plan->nr_only || !strcmp(row->scheme, "upstream") || !strcmp(row->scheme, "floor"))
		return true;
	for (int w = 0; w < BENCH_NR_WORKLOADS; w++)	/* a workload's baseline, likewise */
		if (bench_workloads[w].baseline && !strcmp(row->name, bench_workloads[w].baseline))
			return true;
	for (unsigned int i = 0; i < plan->nr_only; i++)
		if (plan->only[i] == row)
			return true;
	return false;
}

/* Every configuration of @plan, in workload, threads, row order. */
static size_t bench_configs(const struct bench_plan *plan, struct bench_config *c, size_t max)
{
	size_t n = 0;

	for (int w = 0; w < BENCH_NR_WORKLOADS; w++) {
		unsigned int fixed = bench_workloads[w].fixed_threads;
		unsigned int nr = fixed ? 1 : plan->nr_threads;

		if (!plan->workload[w])
			continue;
		for (unsigned int t = 0; t < nr; t++) {
			bench_for_each_row(row) {
				if (!bench_row_runs(row, w) || !bench_plan_has_row(plan, row))
					continue;
				if (n == max)
					return n;
				c[n++] = (struct bench_config){ row, w,
					fixed ? fixed : plan->threads[t] };
			}
		}
	}
	return n;
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double bench_median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int bench_one(const struct bench_config *c, unsigned int ms, struct bench_sample *s)
{
	if (bench_measure(c->row, c->w, c->threads, ms, 0, s))
		return -1;
	if (!s->ops) {
		fprintf(stderr, "pageref-bench: %s %s t=%u: no operation completed\n",
			bench_workloads[c->w].name, c->row->name, c->threads);
		return -1;
	}
	return 0;
}

const struct bench_result *bench_result_find(const struct bench_result *r, size_t n,
					     enum bench_workload w, unsigned int threads,
					     const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].w == w && r[i].threads == threads && !strcmp(r[i].row->name, name))
			return &r[i];
	return NULL;
}

static void bench_ratios(struct bench_result *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct bench_result *up = bench_result_find(r, n, r[i].w, r[i].threads,
								  "upstream");
		const struct bench_result *fl = bench_result_find(r, n, r[i].w, r[i].threads,
								  "floor");

		r[i].vs_upstream = up ? r[i].median / up->median : 0;
		r[i].vs_floor = fl ? r[i].median / fl->median : 0;
	}
}

/*
 * Each result of a workload with a baseline row against that row: the
 * ratio of the two within each repetition (the two ran next to each other,
 * so drift between repetitions cancels), its median, min and max.
 */
static void bench_base_ratios(const struct bench_config *c, size_t n, unsigned int reps,
			      const double *ns, struct bench_result *results)
{
	double *v = calloc(reps, sizeof(*v));

	for (size_t i = 0; i < n && v; i++) {
		const char *base = bench_workloads[c[i].w].baseline;

		if (base && !strcmp(c[i].row->name, base))
			continue;	/* the baseline itself: no ratio */
		for (size_t j = 0; base && j < n; j++) {
			if (c[j].w != c[i].w || c[j].threads != c[i].threads ||
			    strcmp(c[j].row->name, base))
				continue;
			for (unsigned int rep = 0; rep < reps; rep++)
				v[rep] = ns[i * reps + rep] / ns[j * reps + rep];
			results[i].vs_base = bench_median(v, reps);	/* sorts v */
			results[i].vs_base_min = v[0];
			results[i].vs_base_max = v[reps - 1];
		}
	}
	free(v);
}

int bench_run(const struct bench_plan *plan, struct bench_result *results, size_t max)
{
	struct bench_config *c = calloc(max, sizeof(*c));
	size_t n = c ? bench_configs(plan, c, max) : 0;
	double *ns = calloc(n * plan->reps + 1, sizeof(*ns));
	double *mops = calloc(n * plan->reps + 1, sizeof(*mops));
	double t0 = lab_now();
	struct bench_sample s;
	int ret = -1;

	if (!c || !ns || !mops || !n) {
		fprintf(stderr, "pageref-bench: %s\n", n ? "out of memory" :
			"nothing to measure: no selected scheme runs the selected workloads");
		goto out;
	}
	memset(results, 0, n * sizeof(*results));
	fprintf(stderr, "pageref-bench: %zu measurements x %u repetitions of %u ms, "
		"plus a warm-up: about %.0f s\n", n, plan->reps, plan->ms,
		n * (plan->reps + 0.25) * plan->ms / 1e3 * 1.1);
	for (size_t i = 0; i < n; i++)
		if (bench_one(&c[i], plan->ms / 4 ? plan->ms / 4 : 1, &s))
			goto out;
	for (unsigned int rep = 0; rep < plan->reps; rep++) {
		for (size_t k = 0; k < n; k++) {
			size_t i = (k + rep * (n / plan->reps + 1)) % n;

			if (bench_one(&c[i], plan->ms, &s))
				goto out;
			ns[i * plan->reps + rep] = s.ns_per_op;
			mops[i * plan->reps + rep] = s.mops;
			results[i].errors += s.errors;
		}
		fprintf(stderr, "pageref-bench: repetition %u/%u done, %.0f s\n", rep + 1,
			plan->reps, lab_now() - t0);
	}
	for (size_t i = 0; i < n; i++) {
		double *v = &ns[i * plan->reps];

		results[i].row = c[i].row;
		results[i].w = c[i].w;
		results[i].threads = c[i].threads;
		results[i].median = bench_median(v, plan->reps);
		results[i].min = v[0];
		results[i].max = v[plan->reps - 1];
		results[i].mops = bench_median(&mops[i * plan->reps], plan->reps);
		if (results[i].errors)
			fprintf(stderr, "pageref-bench: %s %s t=%u: the scheme misbehaved %llu "
				"times (a try-get failed or a put was wrongly last)\n",
				bench_workloads[c[i].w].name, c[i].row->name, c[i].threads,
				(unsigned long long)results[i].errors);
	}
	bench_ratios(results, n);
	bench_base_ratios(c, n, plan->reps, ns, results);
	ret = (int)n;
out:
	free(c);
	free(ns);
	free(mops);
	return ret;
}

/* A ratio column; "-" where there is nothing to compare with. */
static void bench_print_ratio(FILE *out, double ratio)
{
	if (ratio > 0)
		fprintf(out, "%8.3f ", ratio);
	else
		fprintf(out, "%8s ", "-");
}

/* The rows timed against their workload's baseline, below the table. */
static void bench_print_base_ratios(FILE *out, const struct bench_result *r, size_t n)
{
	bool header = false;

	for (size_t i = 0; i < n; i++) {
		const char *base = bench_workloads[r[i].w].baseline;

		if (!base || r[i].vs_base <= 0 || !strcmp(r[i].row->name, base))
			continue;
		if (!header)
			fprintf(out, "\n%-18s %-13s %3s %-10s %9s %9s %9s %9s\n", "workload", "scheme",
				"thr", "vs", "ratio", "min", "max", "of-median");
		header = true;
		fprintf(out, "%-18s %-13s %3u %-10s %9.3f %9.3f %9.3f %9.3f\n",
			bench_workloads[r[i].w].name, r[i].row->name, r[i].threads, base,
			r[i].vs_base, r[i].vs_base_min, r[i].vs_base_max,
			bench_result_find(r, n, r[i].w, r[i].threads, base) ?
			r[i].median / bench_result_find(r, n, r[i].w, r[i].threads, base)->median : 0);
	}
	if (header)
		fprintf(out, "ratio: median over the repetitions of this row's ns/op / the baseline's "
			"in the same repetition; min, max: of those; of-median: ratio of the medians\n");
}

void bench_print_table(FILE *out, const struct bench_result *r, size_t n)
{
	fprintf(out, "%-18s %-13s %3s %9s %9s %9s %9s %8s %8s %8s\n", "workload", "scheme",
		"thr", "ns/op", "min", "max", "Mops/s", "/upstr", "/floor", "Ir/op");
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%-18s %-13s %3u %9.2f %9.2f %9.2f %9.2f ",
			bench_workloads[r[i].w].name, r[i].row->name, r[i].threads, r[i].median,
			r[i].min, r[i].max, r[i].mops);
		bench_print_ratio(out, r[i].vs_upstream);
		bench_print_ratio(out, r[i].vs_floor);
		if (r[i].ir_per_op > 0)
			fprintf(out, "%8.2f", r[i].ir_per_op);
		else
			fprintf(out, "%8s", "-");
		fprintf(out, "%s\n", r[i].errors ? "  MISBEHAVED" : "");
	}
	bench_print_base_ratios(out, r, n);
}

/* The put the loop calls: a row's own entry on the free paths, put elsewhere. */
static const char *bench_put_of(const struct bench_result *r)
{
	bool cover = r->w == BENCH_RCU_COVER || r->w == BENCH_RCU_COVER_LGPL;

	if (cover && !strcmp(r->row->scheme, "pageref"))
		return "pageref_rcu_put_rcusafe";
	if (cover || r->w == BENCH_RCU || r->w == BENCH_RCU_LGPL)
		return r->row->entry;	/* urcu_ref_put, pageref_rcu_put */
	return r->w == BENCH_FREE_PATH || r->w == BENCH_FREE_RACE ? r->row->entry : "put";
}

void bench_print_json(FILE *out, const struct bench_result *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "{\"workload\":\"%s\",\"scheme\":\"%s\",\"put\":\"%s\",\"threads\":%u,"
			"\"ns_per_op_median\":%.3f,\"ns_per_op_min\":%.3f,\"ns_per_op_max\":%.3f,"
			"\"mops_median\":%.3f,\"ratio_vs_upstream\":%.4f,\"ratio_vs_floor\":%.4f,"
			"\"errors\":%llu",
			bench_workloads[r[i].w].name, r[i].row->name, bench_put_of(&r[i]), r[i].threads,
			r[i].median, r[i].min, r[i].max, r[i].mops, r[i].vs_upstream,
			r[i].vs_floor, (unsigned long long)r[i].errors);
		if (r[i].ir_per_op > 0)
			fprintf(out, ",\"instructions_per_op\":%.2f", r[i].ir_per_op);
		if (r[i].vs_base > 0)
			fprintf(out, ",\"baseline\":\"%s\",\"ratio_vs_baseline\":%.4f,"
				"\"ratio_vs_baseline_min\":%.4f,\"ratio_vs_baseline_max\":%.4f",
				bench_workloads[r[i].w].baseline, r[i].vs_base, r[i].vs_base_min,
				r[i].vs_base_max);
		fprintf(out, "}\n");
	}
}
