// SPDX-License-Identifier: MIT
/*
 * pageref check - every interleaving of every scenario over every scheme.
 *
 * Prints one line per cell (verdict, interleavings, time), the matrix, and
 * the shortest trace of each known-bad variant. Exits 0 only if every
 * correct scheme passes every scenario it supports and every known-bad
 * variant is caught by at least one.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pageref-lab/options.h"

#include "check.h"

#define COL_W	34	/* width of a thread's column in a trace */

static struct chk_result *results;	/* [scheme][scenario] */
static bool model_given;		/* --model: the same model for every scheme */

/* A kernel scheme: the kernel's own page_ref.h compiled in the lab (lab/kernel/). */
static bool kernel_scheme(const struct pageref_scheme *s)
{
	return !strncmp(s->name, "kernel", 6);
}

/* The default model (no --model): stale failed CASes but for the kernel schemes. */
static void select_model(const struct pageref_scheme *s)
{
	if (!model_given)
		chk_stale_cas = !kernel_scheme(s);
}

static const char *model_name(void)
{
	return chk_model == CHK_MODEL_SC ? "sc" : chk_stale_cas ? "c11" : "c11-fresh-cas";
}

enum check_option {
	OPT_SCHEME, OPT_SCENARIO, OPT_MODEL, OPT_PREEMPTIONS, OPT_VERBOSE, OPT_JSON, OPT_LIST,
	OPT_NR
};

static const struct lab_option check_options[] = {
	[OPT_SCHEME] = { "scheme", 0, "S", "a scheme (see 'pageref schemes'), a comma-separated list,\n"
		"NAME/put (put() only, no put_last()), correct, bad,\n"
		"or all (default)" },
	[OPT_SCENARIO] = { "scenario", 0, "NAME", "one scenario, or all (default: every scenario but\n"
		"those that break the library's contract, which run\n"
		"only by name and must fail for some schemes)" },
	[OPT_MODEL] = { "model", 0, "M", "c11: memory orders as written (RC11), stale loads of\n"
		"every word and stale failed CASes;\n"
		"c11-fresh-cas: the same, but a failed CAS reads the\n"
		"newest store (faster: the matrix's other widths);\n"
		"sc: every access seq_cst, sequential consistency;\n"
		"default: c11, and c11-fresh-cas for the kernel\n"
		"schemes (see below)" },
	[OPT_PREEMPTIONS] = { "preemptions", 0, "K", "at most K preemptions per run (default: no bound,\n"
		"every interleaving)" },
	[OPT_VERBOSE] = { "verbose", 'v', NULL, "the shortest trace of every failing cell and every\n"
		"ABA finding, not just one per scheme" },
	[OPT_JSON] = { "json", 0, NULL, "one JSON object per cell, then one for the verdict,\n"
		"instead of the text" },
	[OPT_LIST] = { "list", 0, NULL, "list the scenarios" },
	[OPT_NR] = { NULL, 0, NULL, NULL },
};

static void check_more_help(FILE *out)
{
	fprintf(out,
		"\nThe default model runs the kernel schemes (kernel*: the kernel's own\n"
		"page_ref.h, lab/kernel/) with failed CASes reading the newest store, as\n"
		"make check does: the header's extra loads and fences take them past 10\n"
		"minutes with stale failed CASes (--model c11 asks for that). --scheme all\n"
		"then runs in about 5 minutes on 2 cores, with a line on stderr every 2 s\n"
		"of a cell that takes longer; every known-bad variant is caught in it.\n"
		"\nExit status: 0 if every correct scheme passes every scenario it supports\n"
		"and every known-bad variant is caught (under c11, v1 and v5 too: their\n"
		"relaxed freezing CAS races on the object); 1 if not; 2 on a usage error.\n"
		"Counter width in this build: %d bits below the frozen bit (FROZEN 0x%x,\n"
		"reset limit 0x%x, the word wraps at 0x%x).\n",
		PAGEREF_COUNT_BITS, (unsigned int)PAGEREF_FROZEN_BIT,
		(unsigned int)PAGEREF_RESET_LIMIT, (unsigned int)PAGEREF_WORD_MASK + 1);
}

static const struct lab_tool check_tool = {
	.name = "check",
	.about = "Runs each scenario's threads as coroutines over the scheme's real code and\n"
		 "explores every order of their atomic steps and, under the C11 model, every\n"
		 "store each load may read; ghost state checks, between every two steps, who\n"
		 "holds references to which lifetime of the object and who released it, and\n"
		 "vector clocks check that the object's payload accesses never race.\n",
	.options = check_options,
	.more_help = check_more_help,
};

/* Whether @s must be caught: a known-bad variant, or under C11 a scheme
 * whose posted orders race on the object. */
static bool expect_caught(const struct pageref_scheme *s)
{
	return (s->flags & PAGEREF_SCHEME_BAD) ||
	       ((s->flags & PAGEREF_SCHEME_RACY) && chk_model == CHK_MODEL_C11);
}

/* A racy scheme is caught by its race only: anything else is a real break. */
static bool failed_as_expected(const struct pageref_scheme *s, const struct chk_result *r)
{
	if (s->flags & PAGEREF_SCHEME_BAD)
		return true;
	return strstr(r->why, "data race on the object") != NULL;
}

static void list_scenarios(void)
{
	for (int j = 0; j < chk_nr_scenarios; j++)
		printf("%-24s %s%s\n", chk_scenarios[j].name, chk_scenarios[j].summary,
		       chk_scenarios[j].by_name ? " (by name only)" : "");
}

static int find_scenario(const char *name)
{
	if (!strcmp(name, "all"))
		return -1;
	for (int j = 0; j < chk_nr_scenarios; j++)
		if (!strcmp(chk_scenarios[j].name, name))
			return j;
	return -2;
}

static const char *fmt_value(char *buf, size_t len, uint8_t var, uint32_t v)
{
	if (var == CHK_VAR_MAPPING)
		snprintf(buf, len, v ? "L%u" : "none", v);
	else if (v & PAGEREF_FROZEN_BIT)
		snprintf(buf, len, "F|%u", v & PAGEREF_COUNT_MASK);
	else
		snprintf(buf, len, "%u", v);
	return buf;
}

/* The atomic layer's accesses, as the trace names them. */
static const char *const op_names[PAGEREF_NR_OPS] = {
	[PAGEREF_OP_LOAD]	= "load",
	[PAGEREF_OP_STORE]	= "store",
	[PAGEREF_OP_FETCH_ADD]	= "fetch_add",
	[PAGEREF_OP_FETCH_SUB]	= "fetch_sub",
	[PAGEREF_OP_FETCH_OR]	= "fetch_or",
	[PAGEREF_OP_FETCH_AND]	= "fetch_and",
	[PAGEREF_OP_XCHG]	= "xchg",
	[PAGEREF_OP_CMPXCHG]	= "cmpxchg",
};

/* One trace line's text, for the column of the thread it belongs to. */
static void event_text(const struct chk_event *e, char *buf, size_t len)
{
	char b[16], a[16];
	const char *api = e->api ? e->api : "?";

	switch (e->kind) {
	case CHK_EV_STEP:
		fmt_value(b, sizeof(b), e->var, e->before);
		fmt_value(a, sizeof(a), e->var, e->after);
		if (e->op == PAGEREF_OP_LOAD)
			snprintf(buf, len, "%s: load/%s %s%s", api, chk_order_name(e->order), b,
				 e->stale ? " (stale)" : "");
		else if (e->op == PAGEREF_OP_CMPXCHG && !e->wrote)
			snprintf(buf, len, "%s: cmpxchg/%s fails on %s", api,
				 chk_order_name(e->order), b);
		else
			snprintf(buf, len, "%s: %s/%s %s -> %s", api, op_names[e->op],
				 chk_order_name(e->order), b, a);
		break;
	case CHK_EV_GHOST:
		snprintf(buf, len, "  %s%s", api, e->result == 0 ? " (read)" :
			 e->result == 1 ? " (write)" : "");
		break;
	case CHK_EV_RET:
		if (!strcmp(api, "tryget") || !strcmp(api, "freeze") || !strncmp(api, "put", 3))
			snprintf(buf, len, "  = %s", e->result ? "true" : "false");
		else
			buf[0] = '\0';
		break;
	case CHK_EV_RELEASE:
		snprintf(buf, len, "  => releases lifetime %u", e->gen);
		break;
	case CHK_EV_ALLOC:
		snprintf(buf, len, "  => lifetime %u begins", e->gen);
		break;
	}
}

static void mode_text(const struct chk_scenario *sc, const struct pageref_scheme *s,
		      unsigned int m, char *buf, size_t len)
{
	unsigned int mask = chk_mode_threads(sc->putters, m);
	size_t n = 0;

	buf[0] = '\0';
	if (!(s->flags & PAGEREF_SCHEME_PUT_LAST) || !sc->putters)
		return;
	n += (size_t)snprintf(buf, len, " [");
	for (int t = 0; t < sc->nr_threads && n < len; t++)
		if (sc->putters & (1u << t))
			n += (size_t)snprintf(buf + n, len - n, "%sT%d %s", n > 2 ? ", " : "", t,
					      mask & (1u << t) ? "put_last" : "put");
	if (n < len)
		snprintf(buf + n, len - n, "]");
}

static void print_trace(const struct pageref_scheme *s, const struct chk_scenario *sc,
			const struct chk_trace *tr, unsigned int mode, const char *why)
{
	char v[16], line[64], modes[96];
	int step = 0;

	mode_text(sc, s, mode, modes, sizeof(modes));
	printf("\n%s, %s%s:\n  %s\n", s->name, sc->name, modes, why);
	printf("  start: counter %s, lifetime %u %s", fmt_value(v, sizeof(v), 0, tr->initial),
	       tr->initial_gen, tr->initial_life == CHK_LIVE ? "live" :
	       tr->initial_life == CHK_FROZEN ? "frozen" : "free");
	for (int t = 0; t < sc->nr_threads; t++)
		if (tr->initial_held[t])
			printf(", T%d holds %u", t, tr->initial_held[t]);
	printf("\n  %4s  ", "step");
	for (int t = 0; t < sc->nr_threads; t++)
		printf("%-*s", COL_W, (snprintf(line, sizeof(line), "T%d", t), line));
	printf("\n");
	for (int i = 0; i < tr->nr_events; i++) {
		const struct chk_event *e = &tr->ev[i];

		event_text(e, line, sizeof(line));
		if (!line[0])
			continue;
		if (e->kind == CHK_EV_STEP)
			printf("  %4d  ", ++step);
		else
			printf("  %4s  ", "");
		printf("%*s%s\n", e->tid * COL_W, "", line);
	}
	if (!tr->nr_steps)
		printf("  (no step: the scenario's setup alone, run sequentially, broke it)\n");
}

static const char *cell_text(const struct pageref_scheme *s, const struct chk_result *r)
{
	if (!r->applicable)
		return "n/a";
	if (r->failed)
		return expect_caught(s) && failed_as_expected(s, r) ? "caught" : "FAIL";
	if (r->aba_modes)
		return r->aba_modes == (1u << r->nr_modes) - 1 ? "pass,ABA" : "pass,ABA*";
	return "pass";
}

/* The cell as one JSON object on one line (--json); the report reads these. */
static void print_cell_json(const struct pageref_scheme *s, const struct chk_scenario *sc,
			    const struct chk_result *r)
{
	printf("{\"tool\":\"check\",\"scheme\":\"%s\",\"kind\":\"%s\",\"scenario\":\"%s\","
	       "\"result\":\"%s\",\"interleavings\":%lu,\"seconds\":%.3f,\"modes\":%u,"
	       "\"aba\":%s,\"model\":\"%s\",\"count_bits\":%d}\n", s->name,
	       s->flags & PAGEREF_SCHEME_BAD ? "bad" :
	       expect_caught(s) ? "racy" : "correct", sc->name, cell_text(s, r), r->runs,
	       r->seconds, r->nr_modes, r->aba_modes ? "true" : "false", model_name(),
	       PAGEREF_COUNT_BITS);
}

static void print_cell(const struct pageref_scheme *s, const struct chk_scenario *sc,
		       const struct chk_result *r)
{
	printf("%-14s %-24s %-10s %10lu interleavings %8.2f s", s->name, sc->name,
	       cell_text(s, r), r->runs, r->seconds);
	if (r->nr_modes > 1)
		printf("  (%u put/put_last modes)", r->nr_modes);
	if (r->failed)
		printf("\n%40s%s", "", r->why);
	if (r->aba_modes) {
		char m[96];

		mode_text(sc, s, r->aba_mode, m, sizeof(m));
		printf("\n%40sABA: %s%s", "", r->aba_why, m);
		for (unsigned int i = 0; r->nr_modes > 1 && i < r->nr_modes; i++) {
			mode_text(sc, s, i, m, sizeof(m));
			printf("\n%40s  %-7s%s", "", r->aba_modes & (1u << i) ? "ABA" : "no ABA", m);
		}
	}
	printf("\n");
}

static void print_matrix(const struct scheme_selection *sel, int c0, int c1)
{
	printf("\n%-14s %-8s", "scheme", "kind");
	for (int j = c0; j < c1; j++)
		printf(" %-10d", j + 1);
	printf(" verdict\n");
	for (size_t i = 0; i < sel->nr; i++) {
		const struct pageref_scheme *s = &sel->scheme[i];
		bool bad = expect_caught(s), failed = false, broken = false;

		printf("%-14s %-8s", s->name, s->flags & PAGEREF_SCHEME_BAD ? "bad" :
		       bad ? "racy" : "correct");
		for (int j = c0; j < c1; j++) {
			const struct chk_result *r = &results[i * chk_nr_scenarios + j];

			printf(" %-10s", cell_text(s, r));
			failed |= r->failed;
			broken |= r->failed && !(bad && failed_as_expected(s, r));
		}
		printf(" %s\n", broken ? "BROKEN" : bad ? (failed ? "caught" : "NOT CAUGHT") : "ok");
	}
	printf("\n");
	for (int j = c0; j < c1; j++)
		printf("%3d  %-24s %s\n", j + 1, chk_scenarios[j].name, chk_scenarios[j].summary);
	printf("\npass: every interleaving keeps every invariant; FAIL: a correct scheme broke one;\n"
	       "caught: a known-bad variant broke one, as it should; n/a: the scheme lacks what the\n"
	       "scenario needs (freeze, reuse of memory, bounded failed gets); ABA: a put released\n"
	       "a later lifetime than the one it held a reference to (a finding, not a failure);\n"
	       "ABA*: only with some choices of put()/put_last() (see the cell lines above).\n");
}

/* A trace's length for choosing the one to show: a run that failed in its
 * setup has no steps to show. */
static int shown_length(const struct chk_trace *tr)
{
	return tr->nr_steps ? tr->nr_steps : INT_MAX;
}

/* The shortest failing trace of scheme @i across the scenarios run. */
static void print_shortest(const struct scheme_selection *sel, size_t i, int c0, int c1)
{
	const struct chk_result *best = NULL;
	int bj = 0;

	for (int j = c0; j < c1; j++) {
		const struct chk_result *r = &results[i * chk_nr_scenarios + j];

		if (r->failed && (!best || shown_length(&r->fail) < shown_length(&best->fail))) {
			best = r;
			bj = j;
		}
	}
	if (best)
		print_trace(&sel->scheme[i], &chk_scenarios[bj], &best->fail,
			    best->fail_mode, best->why);
}

struct check_args {
	struct scheme_selection *schemes;
	int scenario;		/* an index in chk_scenarios, or -1 for all */
	int preemptions;	/* -1: no bound */
	bool verbose;
	bool json;
};

static void parse_args(int argc, char **argv, struct check_args *args)
{
	const char *spec = "all", *value, *why;
	int next = 0, opt;

	*args = (struct check_args){ .scenario = -1, .preemptions = -1 };
	while ((opt = lab_next_option(&check_tool, argc, argv, &next, &value)) >= 0) {
		switch ((enum check_option)opt) {
		case OPT_SCHEME:
			spec = value;
			break;
		case OPT_SCENARIO:
			args->scenario = find_scenario(value);
			if (args->scenario == -2)
				lab_usage_error(&check_tool, "unknown scenario '%s' (see --list)", value);
			break;
		case OPT_MODEL:
			model_given = true;
			if (!strcmp(value, "c11"))
				chk_model = CHK_MODEL_C11;
			else if (!strcmp(value, "c11-fresh-cas")) {
				chk_model = CHK_MODEL_C11;
				chk_stale_cas = false;
			}
			else if (!strcmp(value, "sc"))
				chk_model = CHK_MODEL_SC;
			else
				lab_usage_error(&check_tool, "--model wants c11, c11-fresh-cas or sc, not '%s'",
						value);
			break;
		case OPT_PREEMPTIONS:
			args->preemptions = (int)lab_parse_number(&check_tool, "preemptions", value, 0, 100);
			break;
		case OPT_VERBOSE:
			args->verbose = true;
			break;
		case OPT_JSON:
			args->json = true;
			break;
		case OPT_LIST:
			list_scenarios();
			exit(0);
		case OPT_NR:
			break;
		}
	}
	args->schemes = scheme_select(spec, SCHEME_NEEDS_ANY, &why);
	if (!args->schemes)
		lab_usage_error(&check_tool, "--scheme: %s", why);
}

int main(int argc, char **argv)
{
	struct check_args args;
	const struct scheme_selection *sel;
	int bound, status = 0;
	bool verbose;
	int c0, c1;
	char bound_text[32] = "unbounded (exhaustive)";

	parse_args(argc, argv, &args);
	sel = args.schemes;
	bound = args.preemptions;
	verbose = args.verbose && !args.json;
	c0 = args.scenario < 0 ? 0 : args.scenario;
	c1 = args.scenario < 0 ? chk_nr_matrix_scenarios() : args.scenario + 1;
	results = calloc(sel->nr * (size_t)chk_nr_scenarios, sizeof(*results));
	if (!results) {
		fprintf(stderr, "pageref check: out of memory\n");
		return 1;
	}
	if (bound >= 0)
		snprintf(bound_text, sizeof(bound_text), "at most %d per run", bound);
	if (!args.json)
		printf("pageref check: counter of %d bits + FROZEN (0x%x), reset limit 0x%x, wraps at 0x%x;"
	       " preemptions: %s; model: %s\n\n", PAGEREF_COUNT_BITS, (unsigned int)PAGEREF_FROZEN_BIT,
	       (unsigned int)PAGEREF_RESET_LIMIT, (unsigned int)PAGEREF_WORD_MASK + 1, bound_text,
	       chk_model != CHK_MODEL_C11 ? "sequentially consistent" :
	       !model_given ? "C11 (orders as written, stale loads, stale failed CASes; for the kernel "
	       "schemes failed CASes read the newest store: --model c11 for stale ones)" :
	       chk_stale_cas ? "C11 (orders as written, stale loads, stale failed CASes)" :
	       "C11 (orders as written, stale loads; failed CASes read the newest store)");
	for (size_t i = 0; i < sel->nr; i++) {
		const struct pageref_scheme *s = &sel->scheme[i];
		bool bad = expect_caught(s), failed = false, broken = false;

		select_model(s);
		for (int j = c0; j < c1; j++) {
			struct chk_result *r = &results[i * chk_nr_scenarios + j];
			bool unexpected;

			chk_explore(s, &chk_scenarios[j], bound, r);
			if (args.json)
				print_cell_json(s, &chk_scenarios[j], r);
			else if (r->applicable || verbose)
				print_cell(s, &chk_scenarios[j], r);
			unexpected = r->failed && !(bad && failed_as_expected(s, r));
			failed |= r->failed;
			broken |= unexpected;
			if (r->failed && !args.json && (verbose || unexpected))
				print_trace(s, &chk_scenarios[j], &r->fail, r->fail_mode, r->why);
			if (r->aba_modes && verbose)
				print_trace(s, &chk_scenarios[j], &r->aba_trace, r->aba_mode,
					    r->aba_why);
			fflush(stdout);
		}
		if (bad && !failed) {
			if (!args.json)
				printf("%s: NOT CAUGHT by the scenarios run\n", s->name);
			else
				printf("{\"tool\":\"check\",\"scheme\":\"%s\",\"not_caught\":true,"
				       "\"model\":\"%s\"}\n", s->name, model_name());
			status = 1;
		}
		if (broken)
			status = 1;
	}
	if (args.json) {
		printf("{\"tool\":\"check\",\"verdict\":\"%s\",\"model\":\"%s\","
		       "\"count_bits\":%d}\n", status ? "FAILED" : "all as expected",
		       model_given ? model_name() : chk_model == CHK_MODEL_SC ? "sc" :
		       "c11 (kernel schemes: c11-fresh-cas)", PAGEREF_COUNT_BITS);
	} else {
		print_matrix(sel, c0, c1);
		if (!verbose)
			for (size_t i = 0; i < sel->nr; i++)
				if (expect_caught(&sel->scheme[i]))
					print_shortest(sel, i, c0, c1);
		printf("\npageref check: %s\n", status ? "FAILED" : "all as expected");
	}
	free(results);
	free(args.schemes);
	return status;
}
