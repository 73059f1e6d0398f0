// SPDX-License-Identifier: MIT
/*
 * pageref-bench: the command line of the benchmarks (./build/pageref bench).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "scheme.h"

static void bench_usage(FILE *out)
{
	fprintf(out,
		"usage: pageref bench [--workload NAME|all] [--scheme NAME|all] [--threads LIST]\n"
		"                     [--reps K] [--ms MS] [--json] [--callgrind]\n\n"
		"Measures every correct scheme (known-bad ones are never timed) and the floor,\n"
		"a plain fetch_add/fetch_sub counter, side by side; upstream and the floor are\n"
		"always measured, for the ratios. Repetitions are interleaved over all rows.\n\n"
		"  --workload NAME   a workload, a comma-separated list, or all (default)\n"
		"  --scheme NAME     a row (scheme, or scheme/put), a list, or all (default)\n"
		"  --threads LIST    thread counts, e.g. 1,2,4 (default 1,2); threads are pinned\n"
		"                    round robin to the CPUs this process may use\n"
		"  --reps K          repetitions; median, min and max over them (default %u)\n"
		"  --ms MS           duration of one measurement (default %u)\n"
		"  --json            one JSON object per result line instead of the table\n"
		"  --callgrind       also run each single-threaded result under valgrind's\n"
		"                    callgrind for %llu operations: instructions per op\n\n"
		"ns/op is thread time per operation (for contended, one try-get and put; for\n"
		"free-path, one allocation and last put; for pagecache-read, one 64-byte read),\n"
		"loop overhead included, nothing subtracted. /upstr and /floor are ratios of\n"
		"medians at the same workload and thread count (below 1: faster).\n\nworkloads:\n",
		BENCH_DEFAULT_REPS, BENCH_DEFAULT_MS, (unsigned long long)BENCH_CALLGRIND_OPS);
	for (int w = 0; w < BENCH_NR_WORKLOADS; w++)
		fprintf(out, "  %-19s%s%s\n", bench_workloads[w].name, bench_workloads[w].what,
			bench_workloads[w].needs_reuse ? " (schemes with memory reuse only)" : "");
	fprintf(out, "\nrows:\n ");
	bench_for_each_row(row)
		fprintf(out, " %s", row->name);
	fprintf(out, "\n");
}

/* Calls @one for each item of the comma-separated @arg. */
static int bench_parse_list(const char *opt, char *arg, int (*one)(struct bench_plan *, const char *),
			    struct bench_plan *plan)
{
	for (char *tok = strtok(arg, ","); tok; tok = strtok(NULL, ","))
		if (one(plan, tok)) {
			fprintf(stderr, "pageref-bench: %s: bad value '%s'\n", opt, tok);
			return -1;
		}
	return 0;
}

static int bench_add_workload(struct bench_plan *plan, const char *name)
{
	int w = bench_workload_find(name);

	if (!strcmp(name, "all")) {
		for (w = 0; w < BENCH_NR_WORKLOADS; w++)
			plan->workload[w] = true;
		return 0;
	}
	if (w < 0) {
		fprintf(stderr, "pageref-bench: unknown workload '%s' (see --help)\n", name);
		return -1;
	}
	plan->workload[w] = true;
	return 0;
}

static int bench_add_row(struct bench_plan *plan, const char *name)
{
	const struct bench_row *row = bench_row_find(name);
	bool any = false;

	if (!strcmp(name, "all"))
		return 0;
	if (!row && pageref_scheme_find(name)) {
		fprintf(stderr, "pageref-bench: '%s' is a known-bad scheme: it is checked, "
			"never timed\n", name);
		return -1;
	}
	/* A scheme name selects its rows: "pageref" is pageref and pageref/put. */
	bench_for_each_row(r) {
		if ((r == row || !strcmp(r->scheme, name)) && plan->nr_only < BENCH_MAX_ONLY) {
			plan->only[plan->nr_only++] = r;
			any = true;
		}
	}
	if (!any)
		fprintf(stderr, "pageref-bench: unknown scheme '%s' (see --help)\n", name);
	return any ? 0 : -1;
}

static int bench_add_threads(struct bench_plan *plan, const char *s)
{
	char *end;
	unsigned long t = strtoul(s, &end, 10);

	if (*end || !t || t > BENCH_MAX_THREADS || plan->nr_threads == BENCH_MAX_THREAD_COUNTS) {
		fprintf(stderr, "pageref-bench: --threads: '%s' is not a count in 1..%d "
			"(at most %d counts)\n", s, BENCH_MAX_THREADS, BENCH_MAX_THREAD_COUNTS);
		return -1;
	}
	plan->threads[plan->nr_threads++] = (unsigned int)t;
	return 0;
}

static int bench_number(const char *opt, const char *s, unsigned long long max,
			unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 10);
	if (errno || *end || !*v || *v > max) {
		fprintf(stderr, "pageref-bench: %s: '%s' is not a number in 1..%llu\n", opt, s, max);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct bench_result results[BENCH_MAX_RESULTS];
	struct bench_plan plan = { .reps = BENCH_DEFAULT_REPS, .ms = BENCH_DEFAULT_MS,
				   .callgrind_ops = BENCH_CALLGRIND_OPS };
	bool json = false, child = false;
	unsigned long long v;
	int n, err = 0;

	for (int i = 1; i < argc && !err; i++) {
		const char *opt = argv[i];
		char *arg = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(opt, "--help") || !strcmp(opt, "-h")) {
			bench_usage(stdout);
			return 0;
		} else if (!strcmp(opt, "--json")) {
			json = true;
		} else if (!strcmp(opt, "--callgrind")) {
			plan.callgrind = true;
		} else if (!strcmp(opt, "--callgrind-child")) {
			child = true;	/* internal: bench_callgrind() runs us so */
		} else if (!arg) {
			fprintf(stderr, "pageref-bench: %s: unknown option, or its value is "
				"missing\n", opt);
			err = -1;
		} else if (i++, !strcmp(opt, "--workload")) {
			err = bench_parse_list(opt, arg, bench_add_workload, &plan);
		} else if (!strcmp(opt, "--scheme")) {
			err = bench_parse_list(opt, arg, bench_add_row, &plan);
		} else if (!strcmp(opt, "--threads")) {
			err = bench_parse_list(opt, arg, bench_add_threads, &plan);
		} else if (!strcmp(opt, "--reps")) {
			err = bench_number(opt, arg, 1000, &v);
			plan.reps = (unsigned int)v;
		} else if (!strcmp(opt, "--ms")) {
			err = bench_number(opt, arg, 60000, &v);
			plan.ms = (unsigned int)v;
		} else if (!strcmp(opt, "--ops")) {
			err = bench_number(opt, arg, UINT32_MAX, &v);
			plan.callgrind_ops = v;
		} else {
			fprintf(stderr, "pageref-bench: unknown option '%s'\n", opt);
			err = -1;
		}
	}
	if (err) {
		fprintf(stderr, "Try 'pageref bench --help'.\n");
		return 2;
	}
	if (child)
		return bench_callgrind_child(&plan);
	bench_plan_defaults(&plan);
	n = bench_run(&plan, results, BENCH_MAX_RESULTS);
	if (n < 0)
		return 1;
	if (plan.callgrind && bench_callgrind(results, (size_t)n, plan.callgrind_ops))
		return 1;
	if (json)
		bench_print_json(stdout, results, (size_t)n);
	else
		bench_print_table(stdout, results, (size_t)n);
	return bench_errors(results, (size_t)n) ? 1 : 0;
}
