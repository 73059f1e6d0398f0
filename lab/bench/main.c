// SPDX-License-Identifier: MIT
/*
 * pageref-bench: the command line of the benchmarks (./build/pageref bench).
 */
#include <stdlib.h>
#include <string.h>

#include "pageref-lab/options.h"

#include "bench.h"
#include "scheme.h"

enum bench_option {
	OPT_WORKLOAD, OPT_SCHEME, OPT_THREADS, OPT_REPS, OPT_MS, OPT_JSON, OPT_CALLGRIND, OPT_OPS,
	OPT_CALLGRIND_CHILD, OPT_ROW, OPT_NR
};

#define BENCH_STR_(x)	#x
#define BENCH_STR(x)	BENCH_STR_(x)

static const struct lab_option bench_options[] = {
	[OPT_WORKLOAD] = { "workload", 0, "W", "a workload, a comma-separated list, or all (default)" },
	[OPT_SCHEME] = { "scheme", 0, "S", "a correct scheme (its rows), NAME/put (its put row only),\n"
		"a comma-separated list, correct or all (default);\n"
		"upstream and the floor are always measured" },
	[OPT_THREADS] = { "threads", 0, "LIST", "thread counts, e.g. 1,2,4 (default 1,2); threads are\n"
		"pinned round robin to the CPUs this process may use" },
	[OPT_REPS] = { "reps", 0, "K", "repetitions; median, min and max over them (default "
		BENCH_STR(BENCH_DEFAULT_REPS) ")" },
	[OPT_MS] = { "ms", 0, "MS", "duration of one measurement (default " BENCH_STR(BENCH_DEFAULT_MS) ")" },
	[OPT_JSON] = { "json", 0, NULL, "one JSON object per result line instead of the table" },
	[OPT_CALLGRIND] = { "callgrind", 0, NULL, "also run each single-threaded result under valgrind's\n"
		"callgrind: instructions per op" },
	[OPT_OPS] = { "ops", 0, "N", "operations of a callgrind run (default 2^18)" },
	/* internal: bench_callgrind() runs us so, on one row */
	[OPT_CALLGRIND_CHILD] = { "callgrind-child", 0, NULL, NULL },
	[OPT_ROW] = { "row", 0, "ROW", NULL },
	[OPT_NR] = { NULL, 0, NULL, NULL },
};

static void bench_more_help(FILE *out)
{
	fprintf(out,
		"\nns/op is thread time per operation (for contended, one try-get and put; for\n"
		"free-path, one allocation and last put; for pagecache-read, one 64-byte read),\n"
		"loop overhead included, nothing subtracted. /upstr and /floor are ratios of\n"
		"medians at the same workload and thread count (below 1: faster).\n\nworkloads:\n");
	for (int w = 0; w < BENCH_NR_WORKLOADS; w++)
		fprintf(out, "  %-19s%s%s\n", bench_workloads[w].name, bench_workloads[w].what,
			bench_workloads[w].needs_reuse ? " (schemes with memory reuse only)" : "");
	fprintf(out, "\nrows:\n ");
	bench_for_each_row(row)
		fprintf(out, " %s", row->name);
	fprintf(out, "\n");
}

static const struct lab_tool bench_tool = {
	.name = "bench",
	.about = "Measures every correct scheme (known-bad ones are never timed) and the floor,\n"
		 "a plain fetch_add/fetch_sub counter, side by side; upstream and the floor are\n"
		 "always measured, for the ratios. Repetitions are interleaved over all rows.\n",
	.options = bench_options,
	.more_help = bench_more_help,
};

static void bench_add_workload(struct bench_plan *plan, const char *name)
{
	int w = bench_workload_find(name);

	if (!strcmp(name, "all")) {
		for (w = 0; w < BENCH_NR_WORKLOADS; w++)
			plan->workload[w] = true;
		return;
	}
	if (w < 0)
		lab_usage_error(&bench_tool, "unknown workload '%s' (see --help)", name);
	plan->workload[w] = true;
}

static void bench_add_row(struct bench_plan *plan, const struct bench_row *row)
{
	if (plan->nr_only == BENCH_MAX_ONLY)
		lab_usage_error(&bench_tool, "--scheme: more than %d rows", BENCH_MAX_ONLY);
	plan->only[plan->nr_only++] = row;
}

/* A scheme's rows (pageref: pageref and pageref/put); NAME/put: that row alone. */
static void bench_add_scheme(struct bench_plan *plan, const struct pageref_scheme *s)
{
	if (strchr(s->name, '/')) {
		bench_add_row(plan, bench_row_find(s->name));
		return;
	}
	bench_for_each_row(r)
		if (!strcmp(r->scheme, s->name))
			bench_add_row(plan, r);
}

static void bench_add_threads(struct bench_plan *plan, char *list)
{
	for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
		if (plan->nr_threads == BENCH_MAX_THREAD_COUNTS)
			lab_usage_error(&bench_tool, "--threads: at most %d counts",
					BENCH_MAX_THREAD_COUNTS);
		plan->threads[plan->nr_threads++] =
			(unsigned int)lab_parse_number(&bench_tool, "threads", tok, 1, BENCH_MAX_THREADS);
	}
}

/* The longest run a plan may ask for: a full report is well under an hour. */
#define BENCH_MAX_TOTAL_S	(6 * 3600)

/* Refuses a plan whose measurements alone would take longer than that. */
static void bench_check_total(const struct bench_plan *plan)
{
	unsigned long long cells = 0, rows = 0, total_s;

	for (int w = 0; w < BENCH_NR_WORKLOADS; w++)
		cells += plan->workload[w];
	bench_for_each_row(row)
		rows += bench_plan_has_row(plan, row);
	cells *= plan->nr_threads * rows;
	total_s = cells * plan->reps * plan->ms / 1000;
	if (total_s > BENCH_MAX_TOTAL_S)
		lab_usage_error(&bench_tool, "--reps %u --ms %u over %llu measurements would run %llu h; "
				"at most %d h", plan->reps, plan->ms, cells, total_s / 3600,
				BENCH_MAX_TOTAL_S / 3600);
}

int main(int argc, char **argv)
{
	static struct bench_result results[BENCH_MAX_RESULTS];
	struct bench_plan plan = { .reps = BENCH_DEFAULT_REPS, .ms = BENCH_DEFAULT_MS,
				   .callgrind_ops = BENCH_CALLGRIND_OPS };
	struct scheme_selection *sel = NULL;
	const char *value, *why;
	bool json = false, child = false;
	int n, next = 0, opt;
	char *list;

	while ((opt = lab_next_option(&bench_tool, argc, argv, &next, &value)) >= 0) {
		switch ((enum bench_option)opt) {
		case OPT_WORKLOAD:
			lab_check_list(&bench_tool, "workload", value);
			list = strdup(value);
			for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
				bench_add_workload(&plan, tok);
			free(list);
			break;
		case OPT_SCHEME:
			free(sel);
			sel = scheme_select(value, SCHEME_NEEDS_CORRECT, &why);
			if (!sel)
				lab_usage_error(&bench_tool, "--scheme: %s", why);
			for (size_t i = 0; i < sel->nr; i++)
				bench_add_scheme(&plan, &sel->scheme[i]);
			break;
		case OPT_THREADS:
			lab_check_list(&bench_tool, "threads", value);
			list = strdup(value);
			bench_add_threads(&plan, list);
			free(list);
			break;
		case OPT_REPS:
			plan.reps = (unsigned int)lab_parse_number(&bench_tool, "reps", value, 1, 1000);
			break;
		case OPT_MS:
			plan.ms = (unsigned int)lab_parse_number(&bench_tool, "ms", value, 1, 60000);
			break;
		case OPT_OPS:
			plan.callgrind_ops = lab_parse_number(&bench_tool, "ops", value, 1, UINT32_MAX);
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_CALLGRIND:
			plan.callgrind = true;
			break;
		case OPT_CALLGRIND_CHILD:
			child = true;
			break;
		case OPT_ROW:
			if (!bench_row_find(value))
				lab_usage_error(&bench_tool, "--row: no row '%s'", value);
			bench_add_row(&plan, bench_row_find(value));
			break;
		case OPT_NR:
			break;
		}
	}
	free(sel);
	if (child)
		return bench_callgrind_child(&plan);
	bench_plan_defaults(&plan);
	bench_check_total(&plan);
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
