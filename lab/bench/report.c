// SPDX-License-Identifier: MIT
/*
 * pageref-report (./build/pageref report, make report): runs the checker,
 * a short torture run and the benchmarks, and writes report/REPORT.md with
 * the plots. Every figure in the report comes from this run; a tool that
 * is missing or fails is reported as such, never replaced by a guess.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "pageref-lab/options.h"

#include "bench.h"
#include "scheme.h"

/* The report reads these from the source tree it runs in. */
#define REPORT_TARGETS	"lab/bench/targets.tsv"
#define REPORT_PLOTS	"lab/bench/plots.gp"

/* What a run of another pageref tool gave. */
struct report_tool {
	const char *name;
	char cmd[512];
	char json[256];			/* its --json output */
	char log[256];			/* the rest of its output */
	int status;			/* exit status; -1 if not built */
};

struct report {
	FILE *md;
	const char *dir;
	bool quick;
	struct bench_plan plan;
	struct bench_result r[BENCH_MAX_RESULTS];
	size_t n;
	struct report_tool check, torture;
	int step, steps;
};

static void report_progress(struct report *rp, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pageref-report: [%d/%d] ", ++rp->step, rp->steps);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Runs build/pageref-<tool> --json with @args: its JSON lines (what the
 * report reads) to <dir>/<tool>.json, everything else to <dir>/<tool>.log.
 */
static void report_run_tool(struct report *rp, struct report_tool *t, const char *tool,
			    const char *args)
{
	char path[300], sh[1200];

	t->name = tool;
	snprintf(path, sizeof(path), "build/pageref-%s", tool);
	snprintf(t->cmd, sizeof(t->cmd), "./build/pageref %s %s --json", tool, args);
	snprintf(t->json, sizeof(t->json), "%s/%s.json", rp->dir, tool);
	snprintf(t->log, sizeof(t->log), "%s/%s.log", rp->dir, tool);
	if (access(path, X_OK)) {
		t->status = -1;
		fprintf(stderr, "pageref-report: %s is not built: the report says so\n", path);
		return;
	}
	snprintf(sh, sizeof(sh), "%s >%s 2>%s", t->cmd, t->json, t->log);
	t->status = system(sh);
	t->status = WIFEXITED(t->status) ? WEXITSTATUS(t->status) : 128;
}

/*
 * The value of @key in @line, one flat JSON object as the tools print it
 * (string values without escapes, numbers, true/false), into @buf.
 * Return: false if the line has no such key.
 */
static bool json_field(const char *line, const char *key, char *buf, size_t len)
{
	char quoted[80];
	const char *v;
	size_t n;

	snprintf(quoted, sizeof(quoted), "\"%s\":", key);
	v = strstr(line, quoted);
	if (!v)
		return false;
	v += strlen(quoted);
	if (*v == '"')
		n = strcspn(++v, "\"");
	else
		n = strcspn(v, ",}");
	snprintf(buf, len, "%.*s", (int)n, v);
	return true;
}

/* The next line of @f that is a JSON object of @tool about @scheme. */
static bool json_next_row(FILE *f, const char *tool, const char *scheme, char *line, size_t len)
{
	char value[64];

	while (fgets(line, (int)len, f))
		if (json_field(line, "tool", value, sizeof(value)) && !strcmp(value, tool) &&
		    json_field(line, "scheme", value, sizeof(value)) && !strcmp(value, scheme))
			return true;
	return false;
}

/* The first line of @cmd's output, or "unknown". */
static void report_cmd_line(const char *cmd, char *buf, size_t len)
{
	FILE *p = popen(cmd, "r");

	snprintf(buf, len, "unknown");
	if (p && fgets(buf, (int)len, p))
		buf[strcspn(buf, "\n")] = '\0';
	if (p)
		pclose(p);
}

static void report_machine(struct report *rp)
{
	char cpu[200], date[64];
	struct utsname u;
	time_t now = time(NULL);

	report_cmd_line("lscpu | sed -n 's/^Model name: *//p'", cpu, sizeof(cpu));
	uname(&u);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M %Z", localtime(&now));
	fprintf(rp->md, "# pageref report\n\n"
		"Generated %s by `./build/pageref report%s` (`make report`).\n\n"
		"| machine | |\n|---|---|\n"
		"| CPU (lscpu model name) | %s |\n| online CPUs | %ld |\n"
		"| kernel | %s %s |\n| compiler | cc %s, -O2 -DNDEBUG (rel) |\n"
		"| benchmark | %u repetitions of %u ms per measurement, interleaved; "
		"median (min..max) |\n\n",
		date, rp->quick ? " --quick" : "", cpu, sysconf(_SC_NPROCESSORS_ONLN),
		u.sysname, u.release, __VERSION__, rp->plan.reps, rp->plan.ms);
	if (sysconf(_SC_NPROCESSORS_ONLN) <= 2)
		fprintf(rp->md, "This machine has %ld CPUs and is shared: thread counts above "
			"that oversubscribe, and single measurements vary by tens of percent. "
			"Read the medians, compare them only within one run, and keep the "
			"instruction counts in mind: they do not vary.\n\n",
			sysconf(_SC_NPROCESSORS_ONLN));
}

static const struct bench_result *report_find(struct report *rp, enum bench_workload w,
					      unsigned int threads, const char *row)
{
	return bench_result_find(rp->r, rp->n, w, threads, row);
}

/* The ratio of @row's median to @base's at @w and @threads; 0 if either is missing. */
static double report_rel(struct report *rp, enum bench_workload w, unsigned int threads,
			 const char *row, const char *base)
{
	const struct bench_result *a = report_find(rp, w, threads, row);
	const struct bench_result *b = report_find(rp, w, threads, base);

	return a && b ? a->median / b->median : 0;
}

/* "0.93x" of a result against the same workload's @base row, or "n/a". */
static const char *report_ratio(struct report *rp, char *buf, size_t len,
				enum bench_workload w, unsigned int threads,
				const char *row, const char *base)
{
	double ratio = report_rel(rp, w, threads, row, base);

	if (ratio > 0)
		snprintf(buf, len, "%.2fx", ratio);
	else
		snprintf(buf, len, "n/a");
	return buf;
}

/* Summary of the checker's cells for @scheme: "9 pass (ABA window in 2), 0 caught, 0 other". */
static void report_check_summary(struct report *rp, const char *scheme, char *buf, size_t len)
{
	FILE *f = rp->check.status >= 0 ? fopen(rp->check.json, "r") : NULL;
	int pass = 0, aba = 0, caught = 0, other = 0;
	char line[512], res[64];

	if (!f) {
		snprintf(buf, len, rp->check.status < 0 ? "not built" : "no output");
		return;
	}
	while (json_next_row(f, "check", scheme, line, sizeof(line))) {
		json_field(line, "result", res, sizeof(res));
		if (!strcmp(res, "n/a"))
			continue;
		if (!strncmp(res, "pass", 4)) {
			pass++;
			aba += strstr(res, "ABA") != NULL;
		} else if (!strcmp(res, "caught")) {
			caught++;
		} else {
			other++;
		}
	}
	fclose(f);
	snprintf(buf, len, "%d pass%s%.0d%s, %d caught, %d other", pass,
		 aba ? " (ABA window in " : "", aba, aba ? ")" : "", caught, other);
}

/* The torture's verdict on @scheme: "pass pass 3.00 s (full run)", "- n/a: why". */
static void report_torture_summary(struct report *rp, const char *scheme, char *buf, size_t len)
{
	FILE *f = rp->torture.status >= 0 ? fopen(rp->torture.json, "r") : NULL;
	char line[512], expected[32], result[64], seconds[32], full[8], why[160];

	snprintf(buf, len, rp->torture.status < 0 ? "not built" : "not in the summary");
	if (!f)
		return;
	if (json_next_row(f, "torture", scheme, line, sizeof(line)) &&
	    json_field(line, "expected", expected, sizeof(expected)) &&
	    json_field(line, "result", result, sizeof(result)) &&
	    json_field(line, "seconds", seconds, sizeof(seconds)) &&
	    json_field(line, "full_run", full, sizeof(full)) &&
	    json_field(line, "why", why, sizeof(why))) {
		if (!strcmp(result, "n/a"))
			snprintf(buf, len, "- n/a: %s", why);
		else
			snprintf(buf, len, "%s %s %s s %s", expected, result, seconds,
				 !strcmp(full, "true") ? "(full run)" : "(to first violation)");
	}
	fclose(f);
}

static void report_verdicts(struct report *rp)
{
	char chk[128], tor[256], a[16], b[16], c[16];

	fprintf(rp->md, "## Verdict per scheme\n\n"
		"Checker: `%s` (exit %d%s). Torture: `%s` (exit %d%s). "
		"Timing ratios are medians against upstream in this run (below 1: faster).\n\n"
		"| scheme | kind | checker scenarios | torture (expected, result, time) | "
		"contended 2 thr | free-path | pagecache-read 2 thr |\n"
		"|---|---|---|---|---|---|---|\n",
		rp->check.cmd, rp->check.status, rp->check.status < 0 ? ": not built" : "",
		rp->torture.cmd, rp->torture.status, rp->torture.status < 0 ? ": not built" : "");
	for (size_t i = 0; i < pageref_nr_schemes; i++) {
		const struct pageref_scheme *s = &pageref_schemes[i];
		bool bad = s->flags & PAGEREF_SCHEME_BAD;

		report_check_summary(rp, s->name, chk, sizeof(chk));
		report_torture_summary(rp, s->name, tor, sizeof(tor));
		fprintf(rp->md, "| %s | %s | %s | %s | %s | %s | %s |\n", s->name,
			bad ? "known-bad" : (s->flags & PAGEREF_SCHEME_RACY) ?
			"racy (orders too weak: caught as a data race under C11)" : "correct",
			chk, tor,
			bad ? "not timed" : report_ratio(rp, a, sizeof(a), BENCH_CONTENDED, 2,
							 s->name, "upstream"),
			bad ? "not timed" : report_ratio(rp, b, sizeof(b), BENCH_FREE_PATH, 1,
							 s->name, "upstream"),
			bad ? "not timed" : report_ratio(rp, c, sizeof(c), BENCH_PAGECACHE_READ, 2,
							 s->name, "upstream"));
	}
	fprintf(rp->md, "\nA correct scheme must pass every scenario it supports and run "
		"the torture clean; a known-bad one must be caught by at least one of them. "
		"\"ABA window\" marks scenarios where a put's decrement and its freeze are "
		"two steps that a free and reallocation can fall between (the v4 thread); "
		"the checker reports it and still passes the scheme when only one "
		"destructor runs. Output: `%s`, `%s`; logs: `%s`, `%s`.\n\n", rp->check.json,
		rp->torture.json, rp->check.log, rp->torture.log);
}

/* "12.3 ns (11.9..14.0), 8 instr" for one result. */
static const char *report_cost(struct report *rp, char *buf, size_t len,
			       enum bench_workload w, unsigned int threads, const char *row)
{
	const struct bench_result *x = report_find(rp, w, threads, row);

	if (!x) {
		snprintf(buf, len, "not measured");
		return buf;
	}
	if (x->ir_per_op > 0)
		snprintf(buf, len, "%.2f ns (%.2f..%.2f), %.1f instructions", x->median, x->min,
			 x->max, x->ir_per_op);
	else
		snprintf(buf, len, "%.2f ns (%.2f..%.2f)", x->median, x->min, x->max);
	return buf;
}

/* @row against @base in percent (+5: 5% slower); 0 if either is missing. */
static double report_pct(struct report *rp, enum bench_workload w, unsigned int threads,
			 const char *row, const char *base)
{
	double ratio = report_rel(rp, w, threads, row, base);

	return ratio > 0 ? (ratio - 1) * 100 : 0;
}

static void report_questions(struct report *rp)
{
	char c1[96], c2[96], c3[96], c4[96], c5[96];

	fprintf(rp->md, "## The reviewers' questions, measured\n\n");
	fprintf(rp->md, "**David Hildenbrand: what does the extra cmpxchg cost on every free "
		"of a single-owner anonymous page?** `free-path`: one thread allocates a page "
		"(count stored as 1) and frees it by its last put, over 4096 pages, each on its "
		"own cache line. Cost per page, allocation store included:\n\n"
		"- upstream (`atomic_dec_and_test`): %s\n"
		"- v1 and v5 as posted (sub_and_test, then cmpxchg_relaxed 0 -> FROZEN): %s, "
		"%+.0f%% over upstream\n"
		"- pageref through `pageref_put()` (the same two atomics): %s, %+.0f%%\n"
		"- pageref through `pageref_put_last()` (one cmpxchg 1 -> FROZEN): %s, "
		"%+.0f%%\n\n"
		"The patch's design adds a second locked instruction to every free; "
		"`put_last` does the drop and the freeze in its one cmpxchg on paths that "
		"expect to be last, and the generic put keeps both. The race variant (two "
		"holders, the later put frees) is in the table below.\n\n",
		report_cost(rp, c1, sizeof(c1), BENCH_FREE_PATH, 1, "upstream"),
		report_cost(rp, c2, sizeof(c2), BENCH_FREE_PATH, 1, "v1"),
		report_pct(rp, BENCH_FREE_PATH, 1, "v1", "upstream"),
		report_cost(rp, c3, sizeof(c3), BENCH_FREE_PATH, 1, "pageref/put"),
		report_pct(rp, BENCH_FREE_PATH, 1, "pageref/put", "upstream"),
		report_cost(rp, c4, sizeof(c4), BENCH_FREE_PATH, 1, "pageref"),
		report_pct(rp, BENCH_FREE_PATH, 1, "pageref", "upstream"));
	fprintf(rp->md, "**Is the fetch-add try-get faster under contention?** `contended`, "
		"2 threads, try-get then put on one shared page: upstream %s; pageref %s "
		"(%+.0f%%); v5 %s (%+.0f%%); the floor (fetch_add + fetch_sub, no check at "
		"all) %s. On the cover letter's benchmark, `pagecache-read` at 2 threads, "
		"pageref is %+.1f%% against upstream; a read there is two hash lookups and "
		"a copy around the two counter operations (see its instruction count).\n\n",
		report_cost(rp, c1, sizeof(c1), BENCH_CONTENDED, 2, "upstream"),
		report_cost(rp, c2, sizeof(c2), BENCH_CONTENDED, 2, "pageref"),
		report_pct(rp, BENCH_CONTENDED, 2, "pageref", "upstream"),
		report_cost(rp, c3, sizeof(c3), BENCH_CONTENDED, 2, "v5"),
		report_pct(rp, BENCH_CONTENDED, 2, "v5", "upstream"),
		report_cost(rp, c4, sizeof(c4), BENCH_CONTENDED, 2, "floor"),
		report_pct(rp, BENCH_PAGECACHE_READ, 2, "pageref", "upstream"));
	fprintf(rp->md, "**Linus: is the CAS loop that assumes count == 1 enough?** "
		"`assume1` saves upstream's initial load: one thread, contended, %s against "
		"upstream's %s. Under contention the count is often not 1, and each failed "
		"CAS is another exclusive miss: at 2 threads assume1 is %+.0f%% against upstream "
		"and %+.0f%% against pageref. On a page-cache page the count is rarely 1 "
		"(the cache holds one reference, readers more), so the guess rarely "
		"saves anything there: pagecache-read at 2 threads, %+.1f%% against "
		"upstream.\n\n",
		report_cost(rp, c1, sizeof(c1), BENCH_CONTENDED, 1, "assume1"),
		report_cost(rp, c5, sizeof(c5), BENCH_CONTENDED, 1, "upstream"),
		report_pct(rp, BENCH_CONTENDED, 2, "assume1", "upstream"),
		report_pct(rp, BENCH_CONTENDED, 2, "assume1", "pageref"),
		report_pct(rp, BENCH_PAGECACHE_READ, 2, "assume1", "upstream"));
}

/* One row of the target table: met when @ratio <= @limit. */
static void report_target(struct report *rp, const char *what, const char *how, double ratio,
			  double limit)
{
	if (ratio <= 0) {
		fprintf(rp->md, "| %s | not measured | - |\n", what);
		return;
	}
	fprintf(rp->md, "| %s | %s %.3f | %s", what, how, ratio, ratio <= limit ? "met" : "MISSED");
	if (ratio > limit)
		fprintf(rp->md, " by %.2f%%", (ratio / limit - 1) * 100);
	fprintf(rp->md, " |\n");
}

/* One target of lab/bench/targets.tsv at one thread count (0: growth over every count). */
static void report_target_line(struct report *rp, int w, unsigned int threads, const char *row,
			       const char *base, const char *limit, const char *target)
{
	char what[256], how[96];

	if (!threads) {
		for (unsigned int t = 1; t < rp->plan.nr_threads; t++) {
			unsigned int th = rp->plan.threads[t];
			double now = report_rel(rp, w, th, row, base);
			double before = report_rel(rp, w, rp->plan.threads[t - 1], row, base);

			if (sysconf(_SC_NPROCESSORS_ONLN) < th)
				continue;
			snprintf(what, sizeof(what), "%s, %u threads: %s", bench_workloads[w].name, th,
				 target);
			report_target(rp, what, "ratio now / ratio at fewer threads",
				      before > 0 ? now / before : 0, strtod(limit, NULL));
		}
		return;
	}
	snprintf(what, sizeof(what), "%s, %u thread%s: %s", bench_workloads[w].name, threads,
		 threads > 1 ? "s" : "", target);
	snprintf(how, sizeof(how), "%s/%s", row, base);
	if (!strcmp(limit, "-"))
		fprintf(rp->md, "| %s | %s %.3f | for comparison |\n", what, how,
			report_rel(rp, w, threads, row, base));
	else
		report_target(rp, what, how, report_rel(rp, w, threads, row, base),
			      strtod(limit, NULL));
}

static void report_targets(struct report *rp)
{
	FILE *f = fopen(REPORT_TARGETS, "r");
	char line[512];

	fprintf(rp->md, "## Targets\n\nMeasured here, on medians; never asserted in a test. "
		"A miss is reported by how much, not tuned away. The targets are `%s`.\n\n"
		"| target | measured (ratio of medians) | result |\n|---|---|---|\n", REPORT_TARGETS);
	while (f && fgets(line, sizeof(line), f)) {
		char *save = NULL, *field[6];
		int nr = 0, w;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		for (char *tok = strtok_r(line, "\t", &save); tok && nr < 6; tok = strtok_r(NULL, "\t", &save))
			field[nr++] = tok;
		w = nr == 6 ? bench_workload_find(field[0]) : -1;
		if (w < 0) {
			fprintf(stderr, "pageref-report: %s: a line that is not a target: %s\n",
				REPORT_TARGETS, field[0]);
			continue;
		}
		if (!strcmp(field[1], "each"))
			for (unsigned int t = 0; t < rp->plan.nr_threads; t++)
				report_target_line(rp, w, rp->plan.threads[t], field[2], field[3],
						   field[4], field[5]);
		else
			report_target_line(rp, w, strcmp(field[1], "growth") ?
					   (unsigned int)strtoul(field[1], NULL, 10) : 0,
					   field[2], field[3], field[4], field[5]);
	}
	if (f)
		fclose(f);
	fprintf(rp->md, "\nWith %ld CPUs the growth with thread count cannot be measured "
		"beyond %ld threads here; run `pageref bench --threads 1,2,4,8` on a larger "
		"machine.\n\n", sysconf(_SC_NPROCESSORS_ONLN), sysconf(_SC_NPROCESSORS_ONLN));
}

static void report_table(struct report *rp)
{
	fprintf(rp->md, "## All results\n\n"
		"ns/op: thread time per operation, loop included, nothing subtracted "
		"(contended: one try-get and put; free-path: one allocation store and last "
		"put; free-path-race: one page lifetime, per thread; pagecache: one 64-byte "
		"read). Instructions per operation from callgrind, single-threaded runs of "
		"%llu operations, counted inside the loop only.\n\n"
		"| workload | scheme | threads | ns/op median | min | max | Mops/s | vs upstream "
		"| vs floor | instr/op |\n|---|---|---|---|---|---|---|---|---|---|\n",
		(unsigned long long)rp->plan.callgrind_ops);
	for (size_t i = 0; i < rp->n; i++) {
		const struct bench_result *x = &rp->r[i];

		fprintf(rp->md, "| %s | %s | %u | %.2f | %.2f | %.2f | %.1f | ",
			bench_workloads[x->w].name, x->row->name, x->threads, x->median, x->min,
			x->max, x->mops);
		fprintf(rp->md, x->vs_upstream > 0 ? "%.3f | " : "n/a | ", x->vs_upstream);
		fprintf(rp->md, x->vs_floor > 0 ? "%.3f | " : "n/a | ", x->vs_floor);
		fprintf(rp->md, x->ir_per_op > 0 ? "%.1f |\n" : "- |\n", x->ir_per_op);
	}
	fprintf(rp->md, "\nThe floor has no frozen state, so a freed page cannot be reused "
		"under it: it takes no part in churn. rcuref and sticky need RCU-delayed "
		"reuse: no churn either.\n\n");
}

/* The workloads timed against a baseline row (the rcu ones, against urcu_ref). */
static void report_baselines(struct report *rp)
{
	const struct bench_result *base;
	bool any = false;

	for (size_t i = 0; i < rp->n; i++) {
		const struct bench_result *x = &rp->r[i];

		if (x->vs_base <= 0)
			continue;
		if (!any)
			fprintf(rp->md, "## RCU path against liburcu's urcu_ref\n\n"
				"Two threads, one hot entry behind an RCU-protected pointer: look it up "
				"and try-get it under `rcu_read_lock()`, read it, put it. rcu: the put "
				"after the section (`pageref_rcu_put()` opens its own); rcu-cover: the "
				"put under the next lookup's section (`pageref_rcu_put_rcusafe()`); "
				"-lgpl: liburcu with `_LGPL_SOURCE` (read lock inlined), else its "
				"default build (read lock and unlock are calls). Ratio: median over the "
				"repetitions of pageref's ns/op / urcu_ref's in the same repetition; "
				"min and max of those.\n\n"
				"| workload | row | vs | ratio | min | max | ns/op | baseline ns/op |\n"
				"|---|---|---|---|---|---|---|---|\n");
		any = true;
		base = report_find(rp, x->w, x->threads, bench_workloads[x->w].baseline);
		fprintf(rp->md, "| %s | %s | %s | %.3f | %.3f | %.3f | %.2f | %.2f |\n",
			bench_workloads[x->w].name, x->row->name, bench_workloads[x->w].baseline,
			x->vs_base, x->vs_base_min, x->vs_base_max, x->median,
			base ? base->median : 0);
	}
	if (any)
		fprintf(rp->md, "\n");
}

static void report_plots(struct report *rp)
{
	char data[300], sh[700];
	FILE *f;

	/* Long format (workload, row, threads, Mops/s, ns/op) for gnuplot to filter. */
	snprintf(data, sizeof(data), "%s/results.dat", rp->dir);
	f = fopen(data, "w");
	if (!f) {
		fprintf(stderr, "pageref-report: cannot write %s\n", data);
		return;
	}
	for (size_t i = 0; i < rp->n; i++)
		fprintf(f, "%s %s %u %.4f %.4f\n", bench_workloads[rp->r[i].w].name,
			rp->r[i].row->name, rp->r[i].threads, rp->r[i].mops, rp->r[i].median);
	fclose(f);
	snprintf(sh, sizeof(sh), "gnuplot -e \"dir='%s'; rows='", rp->dir);
	bench_for_each_row(row)		/* the rows of the per-thread plots */
		if (row->loop[BENCH_CONTENDED] && strlen(sh) + strlen(row->name) + 32 < sizeof(sh))
			snprintf(sh + strlen(sh), sizeof(sh) - strlen(sh), "%s ", row->name);
	snprintf(sh + strlen(sh), sizeof(sh) - strlen(sh), "'\" " REPORT_PLOTS);
	if (system(sh))
		fprintf(rp->md, "## Plots\n\ngnuplot failed (`%s`): no plots in this run.\n\n", sh);
	else
		fprintf(rp->md, "## Plots\n\n![contended](contended.png)\n\n"
			"![pagecache-read](pagecache-read.png)\n\n![free-path](free-path.png)\n\n"
			"Data: `%s`.\n\n", data);
}

enum report_option { OPT_QUICK, OPT_OUT, OPT_NR };

static const struct lab_option report_options[] = {
	[OPT_QUICK] = { "quick", 0, NULL, "fewer and shorter repetitions and torture runs (< 2 min)" },
	[OPT_OUT] = { "out", 0, "DIR", "where REPORT.md, the plots and the logs go" },
	[OPT_NR] = { NULL, 0, NULL, NULL },
};

static void report_more_help(FILE *out)
{
	fprintf(out, "\nExit status: 0 if the report was written, the checker passed every\n"
		"correct scheme and caught every known-bad one, and torture ran every\n"
		"correct scheme clean; 1 if not (the report says how); 2 on a usage error.\n"
		"Torture runs here are short: a known-bad variant it misses is shown, and\n"
		"must be caught by the checker.\n");
}

static const struct lab_tool report_tool = {
	.name = "report",
	.about = "Runs the checker over every scheme, a short torture run of every scheme,\n"
		 "the benchmarks (every workload, threads 1,2) and their callgrind\n"
		 "instruction counts, draws the plots with gnuplot, and writes DIR/REPORT.md\n"
		 "(default DIR: report). It needs the source tree: run it there after 'make'\n"
		 "(it reads " REPORT_TARGETS " and " REPORT_PLOTS ", and runs build/pageref-*).\n",
	.options = report_options,
	.more_help = report_more_help,
};

int main(int argc, char **argv)
{
	static struct report rp = { .dir = "report", .steps = 5 };
	const char *value;
	char path[300];
	int n, next = 0, opt;

	while ((opt = lab_next_option(&report_tool, argc, argv, &next, &value)) >= 0) {
		switch ((enum report_option)opt) {
		case OPT_QUICK: rp.quick = true; break;
		case OPT_OUT: rp.dir = value; break;
		case OPT_NR: break;
		}
	}
	rp.plan = (struct bench_plan){
		.reps = rp.quick ? 3 : 7,
		.ms = rp.quick ? 25 : 200,
		.callgrind = true,
		.callgrind_ops = rp.quick ? BENCH_CALLGRIND_OPS / 4 : BENCH_CALLGRIND_OPS,
	};
	bench_plan_defaults(&rp.plan);
	if (access(REPORT_PLOTS, R_OK) || access(REPORT_TARGETS, R_OK) ||
	    access("build/pageref-bench", X_OK)) {
		fprintf(stderr, "pageref report: it needs the pageref source tree, built: run it "
			"there after 'make' (%s, %s or build/pageref-bench is missing here)\n",
			REPORT_PLOTS, REPORT_TARGETS);
		return 2;
	}
	mkdir(rp.dir, 0777);
	report_progress(&rp, "checker: every scheme, every scenario (exhaustive)");
	report_run_tool(&rp, &rp.check, "check", "--scheme all");
	report_progress(&rp, "torture: every scheme, %s s each, 2 threads",
			rp.quick ? "0.5" : "3");
	report_run_tool(&rp, &rp.torture, "torture", rp.quick ?
			"--scheme all --threads 2 --seconds 0.5 --quiet" :
			"--scheme all --threads 2 --seconds 3 --quiet");
	report_progress(&rp, "benchmarks");
	n = bench_run(&rp.plan, rp.r, BENCH_MAX_RESULTS);
	if (n < 0)
		return 1;
	rp.n = (size_t)n;
	report_progress(&rp, "callgrind: instructions per operation, single-threaded results");
	if (bench_callgrind(rp.r, rp.n, rp.plan.callgrind_ops))
		fprintf(stderr, "pageref-report: no instruction counts in this report\n");
	report_progress(&rp, "plots and %s/REPORT.md", rp.dir);
	snprintf(path, sizeof(path), "%s/REPORT.md", rp.dir);
	rp.md = fopen(path, "w");
	if (!rp.md) {
		fprintf(stderr, "pageref-report: cannot write %s\n", path);
		return 1;
	}
	report_machine(&rp);
	report_verdicts(&rp);
	report_questions(&rp);
	report_targets(&rp);
	report_baselines(&rp);
	report_plots(&rp);
	report_table(&rp);
	if (bench_errors(rp.r, rp.n))
		fprintf(rp.md, "**A scheme misbehaved inside a timed loop** (see the "
			"benchmark's messages): its timings are not to be trusted.\n");
	fclose(rp.md);
	fprintf(stderr, "pageref-report: wrote %s (checker exit %d, torture exit %d)\n", path,
		rp.check.status, rp.torture.status);
	return rp.check.status || rp.torture.status || bench_errors(rp.r, rp.n) ? 1 : 0;
}
