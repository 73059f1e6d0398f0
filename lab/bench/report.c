// SPDX-License-Identifier: MIT
/*
 * pageref-report (./build/pageref report, make report): runs the checker,
 * a short torture run and the benchmarks, and writes report/REPORT.md with
 * the plots. Every figure in the report comes from this run; a tool that
 * is missing or fails is reported as such, never replaced by a guess.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pageref-lab/options.h"
#include "pageref-lab/util.h"

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

/* The checker's runs: together they must catch every known-bad scheme. */
#define REPORT_MAX_CHECKS	4

struct report {
	FILE *md;
	const char *dir;
	bool quick;
	struct bench_plan plan;
	struct bench_result r[BENCH_MAX_RESULTS];
	size_t n;
	struct report_tool check[REPORT_MAX_CHECKS], torture;
	int nr_checks;
	int check_status;		/* the worst of the checker runs' */
	int step, steps;
	double t0;			/* lab_now() at the start */
};

static void report_progress(struct report *rp, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pageref-report: [%d/%d] (%.0f s) ", ++rp->step, rp->steps,
		lab_now() - rp->t0);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Runs build/pageref-<tool> --json with @args: its JSON lines (what the
 * report reads) to <dir>/<tool>.json, everything else to <dir>/<tool>.log.
 */
static void report_tool_prepare(struct report *rp, struct report_tool *t, const char *tool,
				const char *file, const char *args)
{
	t->name = tool;
	snprintf(t->cmd, sizeof(t->cmd), "./build/pageref %s %s --json", tool, args);
	snprintf(t->json, sizeof(t->json), "%s/%s.json", rp->dir, file);
	snprintf(t->log, sizeof(t->log), "%s/%s.log", rp->dir, file);
}

/* Runs a prepared tool; sets its status. */
static void report_tool_run(struct report_tool *t)
{
	char path[300], sh[1200];

	snprintf(path, sizeof(path), "build/pageref-%s", t->name);
	if (access(path, X_OK)) {
		t->status = -1;
		fprintf(stderr, "pageref-report: %s is not built: the report says so\n", path);
		return;
	}
	snprintf(sh, sizeof(sh), "%s >%s 2>%s", t->cmd, t->json, t->log);
	t->status = system(sh);
	t->status = WIFEXITED(t->status) ? WEXITSTATUS(t->status) : 128;
}

static void report_run_tool(struct report *rp, struct report_tool *t, const char *tool,
			    const char *file, const char *args)
{
	report_tool_prepare(rp, t, tool, file, args);
	report_tool_run(t);
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
	int pass = 0, aba = 0, caught = 0, other = 0, read = 0;
	char line[512], res[64], model[64] = "", models[128] = "";

	for (int k = 0; k < rp->nr_checks; k++) {
		FILE *f = rp->check[k].status >= 0 ? fopen(rp->check[k].json, "r") : NULL;

		if (!f)
			continue;
		read++;
		while (json_next_row(f, "check", scheme, line, sizeof(line))) {
			if (!json_field(line, "result", res, sizeof(res)) || !strcmp(res, "n/a"))
				continue;
			if (json_field(line, "model", model, sizeof(model)) && !strstr(models, model) &&
			    strlen(models) + strlen(model) + 3 < sizeof(models))
				snprintf(models + strlen(models), sizeof(models) - strlen(models),
					 "%s%s", models[0] ? ", " : "", model);
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
	}
	if (!read) {
		snprintf(buf, len, "not run");
		return;
	}
	snprintf(buf, len, "%d pass%s%.0d%s, %d caught, %d other%s%s%s", pass,
		 aba ? " (ABA window in " : "", aba, aba ? ")" : "", caught, other,
		 models[0] ? " (" : "", models, models[0] ? ")" : "");
}

/*
 * What the checker's runs got wrong, for the report and the last line on
 * stderr: each known-bad scheme that went uncaught, each correct scheme
 * that failed a scenario (with the scenario), each run that did not run.
 * Return: the number of problems found.
 */
static int report_check_problems(struct report *rp, char *buf, size_t len)
{
	char line[512], v[64], scheme[64], scen[64];
	int nr = 0;

	buf[0] = '\0';
#define PROBLEM(...) do {							\
		size_t at_ = strlen(buf);					\
		if (at_ + 8 < len)						\
			snprintf(buf + at_, len - at_, "%s", nr ? "; " : "");	\
		at_ = strlen(buf);						\
		if (at_ + 8 < len)						\
			snprintf(buf + at_, len - at_, __VA_ARGS__);		\
		nr++;								\
	} while (0)
	for (int k = 0; k < rp->nr_checks; k++) {
		const struct report_tool *t = &rp->check[k];
		FILE *f = t->status >= 0 ? fopen(t->json, "r") : NULL;
		bool verdict = false;

		if (!f) {
			PROBLEM("`%s` did not run (%s)", t->cmd, t->status < 0 ? "not built" : "no output");
			continue;
		}
		while (fgets(line, sizeof(line), f)) {
			if (!json_field(line, "tool", v, sizeof(v)) || strcmp(v, "check"))
				continue;
			if (json_field(line, "verdict", v, sizeof(v))) {
				verdict = true;
				continue;
			}
			if (!json_field(line, "scheme", scheme, sizeof(scheme)))
				continue;
			if (json_field(line, "not_caught", v, sizeof(v)))
				PROBLEM("known-bad `%s` NOT CAUGHT by `%s`", scheme, t->cmd);
			else if (json_field(line, "result", v, sizeof(v)) && !strcmp(v, "FAIL") &&
				 json_field(line, "scenario", scen, sizeof(scen)))
				PROBLEM("`%s` FAILED %s in `%s`", scheme, scen, t->cmd);
		}
		fclose(f);
		if (!verdict)
			PROBLEM("`%s` ended without a verdict (exit %d; see `%s`)", t->cmd, t->status,
				t->log);
		else if (t->status && !nr)
			PROBLEM("`%s` exit %d (see `%s`)", t->cmd, t->status, t->log);
	}
#undef PROBLEM
	return nr;
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
	char chk[256], tor[256], a[16], b[16], c[16], problems[2048];

	fprintf(rp->md, "## Verdict per scheme\n\nChecker (%s every known-bad variant):\n\n",
		rp->nr_checks > 1 ? "these runs together catch" : "this run catches");
	for (int k = 0; k < rp->nr_checks; k++)
		fprintf(rp->md, "- `%s`: exit %d%s\n", rp->check[k].cmd, rp->check[k].status,
			rp->check[k].status < 0 ? " (not built)" : "");
	if (report_check_problems(rp, problems, sizeof(problems)))
		fprintf(rp->md, "\n**The checker's verdict is FAILED**: %s.\n", problems);
	else
		fprintf(rp->md, "\nThe checker's verdict: every correct scheme passes every "
			"scenario it supports, every known-bad one is caught.\n");
	fprintf(rp->md, "\nTorture: `%s` (exit %d%s). "
		"Timing ratios are medians against upstream in this run (below 1: faster).\n\n"
		"| scheme | kind | checker scenarios (models) | torture (expected, result, time) | "
		"contended 2 thr | free-path | pagecache-read 2 thr |\n"
		"|---|---|---|---|---|---|---|\n",
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
		"destructor runs. Output: `%s/check*.json`, `%s`; logs: `%s/check*.log`, `%s`.\n\n",
		rp->dir, rp->torture.json, rp->dir, rp->torture.log);
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

/*
 * The locked instructions of @row's timed loop on workload @w, in address
 * order, as this very binary has them (the report times its loops in its
 * own process): "lock subl", "lock cmpxchg, lock xadd, lock cmpxchg".
 * Found by the loop's address (nm) and disassembled by objdump; "objdump
 * missing" or "not x86-64" when it cannot say. Fallback paths count: the
 * list is the code of the loop, taken or not.
 */
static const char *report_locked(const struct bench_row *row, enum bench_workload w, char *buf,
				 size_t len)
{
	char sh[PATH_MAX + 300], line[512], sym[256] = "", self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	unsigned long off = 0, addr;
	bench_loop_fn *fn = row->loop[w];
	void *p;
	Dl_info di;
	FILE *f;
	int on = 0;

	snprintf(buf, len, "-");
#if !defined(__x86_64__)
	snprintf(buf, len, "not x86-64");
	return buf;
#endif
	memcpy(&p, &fn, sizeof(p));
	if (!fn || n <= 0 || !dladdr(p, &di) || !di.dli_fbase)
		return buf;
	self[n] = '\0';	/* not /proc/self/exe: popen's shell would read its own */
	off = (unsigned long)((char *)p - (char *)di.dli_fbase);
	snprintf(sh, sizeof(sh), "nm --defined-only '%s' 2>/dev/null", self);
	f = popen(sh, "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %*s %255s", &addr, sym) == 2 && addr == off)
			break;
		else
			sym[0] = '\0';
	if (f)
		pclose(f);
	if (!sym[0]) {
		snprintf(buf, len, "objdump/nm missing");
		return buf;
	}
	snprintf(sh, sizeof(sh), "objdump -d --no-show-raw-insn --disassemble=%s '%s' 2>/dev/null",
		 sym, self);
	f = popen(sh, "r");
	buf[0] = '\0';
	while (f && fgets(line, sizeof(line), f)) {
		char *insn = strchr(line, '\t'), op[32];

		if (strchr(line, '<') && strstr(line, ">:")) {
			on = strstr(line, sym) && line[strlen(line) - 3] == '>';
			continue;
		}
		if (!on || !insn || sscanf(insn + 1, "%31s", op) != 1)
			continue;
		if (!strcmp(op, "lock")) {
			char op2[32];

			if (sscanf(insn + 1, "%*s %31s", op2) == 1)
				snprintf(op, sizeof(op), "lock %.20s", op2);
		} else if (strcmp(op, "mfence") && strncmp(op, "xchg", 4)) {
			continue;
		}
		if (strlen(buf) + strlen(op) + 3 < len)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", buf[0] ? ", " : "", op);
	}
	if (f)
		pclose(f);
	if (!buf[0])
		snprintf(buf, len, "none");
	return buf;
}

/* @row against @base in percent (+5: 5% slower); 0 if either is missing. */
static double report_pct(struct report *rp, enum bench_workload w, unsigned int threads,
			 const char *row, const char *base)
{
	double ratio = report_rel(rp, w, threads, row, base);

	return ratio > 0 ? (ratio - 1) * 100 : 0;
}

/* Every free-path row: its time beside the locked instructions of its loop. */
static void report_free_paths(struct report *rp)
{
	char cost[96], pct[32], seq[160];

	fprintf(rp->md, "Each free path's time beside its loop's locked instructions "
		"(x86-64: `objdump -d` of the timed loop in this binary, in address order; "
		"`pageref`'s put_last lists its fallback after the guess, not taken here). "
		"Today's `atomic_dec_and_test()` is one locked instruction; `kernel-base` is "
		"6.12's own page_ref.h compiled in the lab.\n\n"
		"| free path | ns per page (min..max), instructions | vs upstream | "
		"locked instructions |\n|---|---|---|---|\n");
	for (size_t i = 0; i < rp->n; i++) {
		const struct bench_result *x = &rp->r[i];

		if (x->w != BENCH_FREE_PATH || x->threads != 1)
			continue;
		snprintf(pct, sizeof(pct), "%+.0f%%",
			 report_pct(rp, BENCH_FREE_PATH, 1, x->row->name, "upstream"));
		fprintf(rp->md, "| %s (%s) | %s | %s | `%s` |\n", x->row->name, x->row->entry,
			report_cost(rp, cost, sizeof(cost), BENCH_FREE_PATH, 1, x->row->name),
			strcmp(x->row->name, "upstream") ? pct : "-",
			report_locked(x->row, BENCH_FREE_PATH, seq, sizeof(seq)));
	}
	fprintf(rp->md, "\n");
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
	report_free_paths(rp);
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
		"%llu operations, counted inside the loop only%s.\n\n"
		"| workload | scheme | threads | ns/op median | min | max | Mops/s | vs upstream "
		"| vs floor | instr/op |\n|---|---|---|---|---|---|---|---|---|---|\n",
		(unsigned long long)rp->plan.callgrind_ops, rp->quick ?
		" (--quick: contended, free-path and pagecache-read only)" : "");
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

/*
 * The quick run's checker splits the table: the lab's schemes, and the
 * kernel's own header (lab/kernel/, names kernel*), whose C11 runs take
 * minutes. @kernel: which half, as --scheme takes it.
 */
static void report_schemes(bool kernel, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < pageref_nr_schemes; i++)
		if (!strncmp(pageref_schemes[i].name, "kernel", 6) == kernel &&
		    strlen(buf) + strlen(pageref_schemes[i].name) + 2 < len)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", buf[0] ? "," : "",
				 pageref_schemes[i].name);
}

/* One checker run, --scheme @schemes @more, into DIR/check-N.json: planned. */
static void report_check(struct report *rp, const char *schemes, const char *more)
{
	char file[32], args[400];
	struct report_tool *t = &rp->check[rp->nr_checks];

	snprintf(file, sizeof(file), "check-%d", ++rp->nr_checks);
	snprintf(args, sizeof(args), "--scheme %s%s", schemes, more);
	fprintf(stderr, "pageref-report:       %s\n", args);
	report_tool_prepare(rp, t, "check", file, args);
}

/*
 * Starts the planned checker runs, each in a child process of its own: they
 * run beside each other and beside the callgrind runs (none is a timing),
 * after the benchmarks. A child's exit status is its run's (255: not built).
 */
static void report_checks_start(struct report *rp, pid_t *pids)
{
	fflush(NULL);
	for (int k = 0; k < rp->nr_checks; k++) {
		pids[k] = fork();
		if (pids[k] < 0) {		/* no child: run it here */
			report_tool_run(&rp->check[k]);
		} else if (!pids[k]) {
			report_tool_run(&rp->check[k]);
			_exit(rp->check[k].status < 0 ? 255 : rp->check[k].status & 0xff);
		}
	}
}

/* Waits for the checker runs; their exit statuses, the worst in check_status. */
static void report_checks_wait(struct report *rp, const pid_t *pids)
{
	for (int k = 0; k < rp->nr_checks; k++) {
		int st;

		if (pids[k] > 0) {
			if (waitpid(pids[k], &st, 0) < 0 || !WIFEXITED(st))
				rp->check[k].status = 128;
			else
				rp->check[k].status = WEXITSTATUS(st) == 255 ? -1 : WEXITSTATUS(st);
		}
		if (rp->check[k].status && !rp->check_status)
			rp->check_status = rp->check[k].status < 0 ? 1 : rp->check[k].status;
	}
}

/*
 * The callgrind runs: every single-threaded result, or with --quick those of
 * the workloads the questions quote (contended, free-path, pagecache-read),
 * about two thirds of them: the rest of the table then has no count.
 */
static int report_callgrind(struct report *rp)
{
	static struct bench_result sub[BENCH_MAX_RESULTS];
	size_t idx[BENCH_MAX_RESULTS], m = 0;
	int ret;

	if (!rp->quick)
		return bench_callgrind(rp->r, rp->n, rp->plan.callgrind_ops);
	for (size_t i = 0; i < rp->n; i++)
		if (rp->r[i].w == BENCH_CONTENDED || rp->r[i].w == BENCH_FREE_PATH ||
		    rp->r[i].w == BENCH_PAGECACHE_READ) {
			idx[m] = i;
			sub[m++] = rp->r[i];
		}
	ret = bench_callgrind(sub, m, rp->plan.callgrind_ops);
	for (size_t k = 0; k < m; k++)
		rp->r[idx[k]].ir_per_op = sub[k].ir_per_op;
	return ret;
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
	.about = "Runs the benchmarks (every workload, threads 1,2) alone, a short torture\n"
		 "run of every scheme, then the checker over every scheme beside the\n"
		 "benchmarks' callgrind instruction counts; draws the plots with gnuplot,\n"
		 "and writes DIR/REPORT.md (default DIR: report). The checker runs\n"
		 "'check --scheme all' (about 5 min on 2 cores); with --quick, every lab\n"
		 "scheme under C11, the kernel schemes under SC and kernel-or-freeze's C11\n"
		 "cell: every known-bad variant is caught either way. It needs the source\n"
		 "tree: run it there after 'make' (it reads " REPORT_TARGETS " and\n"
		 REPORT_PLOTS ", and runs build/pageref-*).\n",
	.options = report_options,
	.more_help = report_more_help,
};

int main(int argc, char **argv)
{
	static struct report rp = { .dir = "report", .steps = 5 };
	const char *value;
	char path[300], problems[2048];
	int n, next = 0, opt;
	pid_t checkers[REPORT_MAX_CHECKS];

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
	rp.t0 = lab_now();
	report_progress(&rp, "benchmarks (timed: nothing else of the report runs meanwhile)");
	n = bench_run(&rp.plan, rp.r, BENCH_MAX_RESULTS);
	if (n < 0)
		return 1;
	rp.n = (size_t)n;
	report_progress(&rp, "torture: every scheme, %s s each, 2 threads",
			rp.quick ? "0.5" : "3");
	report_run_tool(&rp, &rp.torture, "torture", "torture", rp.quick ?
			"--scheme all --threads 2 --seconds 0.5 --quiet" :
			"--scheme all --threads 2 --seconds 3 --quiet");
	if (rp.quick) {
		char lab[300], kernel[300];

		report_schemes(false, lab, sizeof(lab));
		report_schemes(true, kernel, sizeof(kernel));
		report_progress(&rp, "checker, three runs beside each other and callgrind: every lab "
				"scheme under C11, the kernel schemes under SC (exhaustive)");
		report_check(&rp, lab, "");
		report_check(&rp, kernel, " --model sc");
		/* kernel-or-freeze's bug needs C11: its one catching cell */
		report_check(&rp, "kernel-or-freeze", " --scenario two-gets-vs-last-put --model c11");
	} else {
		report_progress(&rp, "checker, beside callgrind: every scheme, every scenario, the "
				"default model (exhaustive; about 5 min on 2 cores)");
		report_check(&rp, "all", "");
	}
	report_checks_start(&rp, checkers);
	report_progress(&rp, "callgrind: instructions per operation, single-threaded results%s",
			rp.quick ? " of the workloads the questions use" : "");
	if (report_callgrind(&rp))
		fprintf(stderr, "pageref-report: no instruction counts in this report\n");
	fprintf(stderr, "pageref-report: (%.0f s) waiting for the checker (%s/check-*.log)\n",
		lab_now() - rp.t0, rp.dir);
	report_checks_wait(&rp, checkers);
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
	fprintf(stderr, "pageref-report: %.0f s in all\n", lab_now() - rp.t0);
	if (report_check_problems(&rp, problems, sizeof(problems)))
		fprintf(stderr, "pageref-report: wrote %s: the checker's verdict is FAILED: %s "
			"(torture exit %d)\n", path, problems, rp.torture.status);
	else
		fprintf(stderr, "pageref-report: wrote %s (checker: all as expected in %d run%s; "
			"torture exit %d)\n", path, rp.nr_checks, rp.nr_checks > 1 ? "s" : "",
			rp.torture.status);
	return rp.check_status || rp.torture.status || bench_errors(rp.r, rp.n) ? 1 : 0;
}
