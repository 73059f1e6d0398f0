// SPDX-License-Identifier: MIT
/*
 * pageref-torture: the command line of the page-lifecycle simulation.
 *
 * Each scheme runs in a child process, so that one that corrupts memory or
 * aborts is reported like one that broke an invariant, and the next scheme
 * starts clean. A run is a series of one-second rounds; between two rounds
 * no thread runs and every page is accounted for (sim_check_quiescent()).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <urcu.h>

#include "pageref-lab/options.h"

#include "scheme.h"
#include "torture.h"

#define SIM_ROUND_SECONDS	1.0
#define SIM_EXIT_VIOLATION	1
#define SIM_EXIT_USAGE		LAB_EXIT_USAGE
#define SIM_EXIT_SETUP		3

/* page_ref_dispatch.h's: the scheme under test, set before any thread starts. */
const struct pageref_scheme *sim_scheme;

const char *const sim_op_names[SIM_NR_OPS] = {
	[SIM_OP_READ] = "read", [SIM_OP_GUP] = "gup", [SIM_OP_ANON] = "anon",
	[SIM_OP_POPULATE] = "populate", [SIM_OP_TRUNCATE] = "truncate",
	[SIM_OP_MIGRATE] = "migrate",
};

const char *const sim_event_names[SIM_NR_EVENTS] = {
	[SIM_EV_READ_HIT] = "lookup hit (read)",
	[SIM_EV_READ_MISS] = "lookup miss",
	[SIM_EV_READ_FROZEN] = "lookup try-get failed",
	[SIM_EV_READ_STALE] = "lookup stale after get",
	[SIM_EV_GUP_GOT] = "gup got",
	[SIM_EV_GUP_FROZEN] = "gup try-get failed",
	[SIM_EV_ANON_LAST] = "anon put was last",
	[SIM_EV_ANON_SHARED] = "anon put not last",
	[SIM_EV_POPULATE_NEW] = "populate inserted",
	[SIM_EV_POPULATE_TAKEN] = "populate slot taken",
	[SIM_EV_TRUNCATE_FREED] = "truncate froze, freed",
	[SIM_EV_TRUNCATE_PUTBACK] = "truncate busy, put back",
	[SIM_EV_TRUNCATE_DROPPED] = "truncate busy, dropped",
	[SIM_EV_MIGRATE_DONE] = "migrate done",
	[SIM_EV_MIGRATE_BUSY] = "migrate busy",
	[SIM_EV_LOCK_BUSY] = "page lock busy",
	[SIM_EV_ALLOC_EMPTY] = "allocation failed",
	[SIM_EV_LAST_PUT_FREE] = "reader/gup put freed",
	[SIM_EV_ABA] = "last put froze a later life",
};

static const unsigned int sim_default_mix[SIM_NR_OPS] = {
	[SIM_OP_READ] = 40, [SIM_OP_GUP] = 20, [SIM_OP_ANON] = 15,
	[SIM_OP_POPULATE] = 10, [SIM_OP_TRUNCATE] = 8, [SIM_OP_MIGRATE] = 7,
};

struct torture_opts {
	struct scheme_selection *schemes;
	unsigned int threads;
	unsigned int pages;
	double seconds;
	bool chaos;
	bool expect_caught;
	bool quiet;
	bool json;
	uint64_t seed;
	unsigned int mix[SIM_NR_OPS];
};

enum torture_option {
	OPT_SCHEME, OPT_THREADS, OPT_SECONDS, OPT_PAGES, OPT_CHAOS, OPT_MIX, OPT_SEED,
	OPT_EXPECT_CAUGHT, OPT_QUIET, OPT_JSON, OPT_NR
};

static const struct lab_option torture_options[] = {
	[OPT_SCHEME] = { "scheme", 0, "S", "a scheme (see 'pageref schemes'), several separated by\n"
		"commas, NAME/put (put() only), 'correct', 'bad', or 'all'\n"
		"(correct ones, then known-bad ones, then a summary\n"
		"table). Default: pageref" },
	[OPT_THREADS] = { "threads", 0, "N", "worker threads, 1..256 (default 4)" },
	[OPT_SECONDS] = { "seconds", 0, "S", "run time per scheme, 0.1..86400 (default 10); a scheme\n"
		"stops at its first violation" },
	[OPT_PAGES] = { "pages", 0, "P", "pages in the pool, 64..1048576 (default 512); the page\n"
		"cache maps at most P/4 of them" },
	[OPT_CHAOS] = { "chaos", 0, NULL, "random yields, spins and sleeps before counter accesses" },
	[OPT_MIX] = { "mix", 0, "K=W,...", "weights of the operation kinds read, gup, anon, populate,\n"
		"truncate, migrate (default read=40,gup=20,anon=15,\n"
		"populate=10,truncate=8,migrate=7); kinds not named keep\n"
		"their default" },
	[OPT_SEED] = { "seed", 0, "N", "seed of the per-thread random choices (default: the clock)" },
	[OPT_EXPECT_CAUGHT] = { "expect-caught", 0, NULL, "exit non-zero if a known-bad scheme is not caught" },
	[OPT_QUIET] = { "quiet", 0, NULL, "no progress lines" },
	[OPT_JSON] = { "json", 0, NULL, "one JSON object per scheme, then one for the verdict, on\n"
		"stdout; the runs' own lines go to stderr" },
	[OPT_NR] = { NULL, 0, NULL, NULL },
};

static void torture_more_help(FILE *out)
{
	fprintf(out,
"\nExit status: 0 when every correct scheme ran clean (and, with --expect-caught,\n"
"every known-bad one was caught); 1 otherwise; 2 for a usage error. A single\n"
"scheme exits 1 on a violation whatever it is, unless --expect-caught.\n");
}

static const struct lab_tool torture_tool = {
	.name = "torture",
	.about =
"Runs the page lifecycle (allocation, page-cache reads, GUP-fast getters,\n"
"anonymous memory, populate, truncate, migrate, free) on real threads over a\n"
"scheme's refcount, and stops at the first broken invariant: a payload that\n"
"does not match, a get that succeeds on a free page, a double free, a freeze\n"
"that succeeds while a reference is held, a lost page, a count that differs\n"
"from the shadow count when no thread runs (checked every second).\n",
	.options = torture_options,
	.more_help = torture_more_help,
};

static void parse_mix(struct torture_opts *o, const char *arg)
{
	char *copy, *save = NULL;
	unsigned int total = 0;

	lab_check_list(&torture_tool, "mix", arg);
	copy = strdup(arg);
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');
		enum sim_op op;

		if (!eq)
			lab_usage_error(&torture_tool, "--mix wants KIND=WEIGHT items, got '%s'", item);
		*eq = '\0';
		for (op = 0; op < SIM_NR_OPS && strcmp(sim_op_names[op], item); op++)
			;
		if (op == SIM_NR_OPS)
			lab_usage_error(&torture_tool, "--mix: unknown kind '%s' (read, gup, anon, "
					"populate, truncate, migrate)", item);
		o->mix[op] = (unsigned int)lab_parse_number(&torture_tool, "mix", eq + 1, 0, 1000000);
	}
	free(copy);
	for (enum sim_op op = 0; op < SIM_NR_OPS; op++)
		total += o->mix[op];
	if (!total)
		lab_usage_error(&torture_tool, "--mix: all weights are zero");
}

static void parse_args(struct torture_opts *o, int argc, char **argv)
{
	const char *spec = "pageref", *value, *why;
	int next = 0, opt;

	*o = (struct torture_opts){ .threads = 4, .pages = 512, .seconds = 10,
				    .seed = (uint64_t)time(NULL) };
	memcpy(o->mix, sim_default_mix, sizeof(o->mix));
	while ((opt = lab_next_option(&torture_tool, argc, argv, &next, &value)) >= 0) {
		switch ((enum torture_option)opt) {
		case OPT_SCHEME: spec = value; break;
		case OPT_THREADS:
			o->threads = (unsigned int)lab_parse_number(&torture_tool, "threads", value, 1, 256);
			break;
		case OPT_SECONDS:
			o->seconds = lab_parse_real(&torture_tool, "seconds", value, 0.1, 86400);
			break;
		case OPT_PAGES:
			o->pages = (unsigned int)lab_parse_number(&torture_tool, "pages", value, 64, 1u << 20);
			break;
		case OPT_CHAOS: o->chaos = true; break;
		case OPT_MIX: parse_mix(o, value); break;
		case OPT_SEED: o->seed = lab_parse_number(&torture_tool, "seed", value, 0, UINT64_MAX); break;
		case OPT_EXPECT_CAUGHT: o->expect_caught = true; break;
		case OPT_QUIET: o->quiet = true; break;
		case OPT_JSON: o->json = true; break;
		case OPT_NR: break;
		}
	}
	o->schemes = scheme_select(spec, SCHEME_NEEDS_ANY, &why);
	if (!o->schemes)
		lab_usage_error(&torture_tool, "--scheme: %s", why);
}

/* Why @s cannot run here, or NULL if it can. */
static const char *sim_not_applicable(const struct pageref_scheme *s)
{
	if (!(s->flags & PAGEREF_SCHEME_REUSE))
		return "relies on RCU-delayed reuse; pages here are reused at once";
	return NULL;
}

static void sim_print_counts(const struct sim *sim, double elapsed)
{
	unsigned long ops[SIM_NR_OPS] = { 0 }, events[SIM_NR_EVENTS] = { 0 }, total = 0;

	for (unsigned int i = 0; i < sim->nthreads; i++) {
		for (int k = 0; k < SIM_NR_OPS; k++)
			ops[k] += sim->threads[i].ops[k];
		for (int k = 0; k < SIM_NR_EVENTS; k++)
			events[k] += sim->threads[i].events[k];
	}
	printf("  %-10s %12s %12s\n", "operation", "count", "per second");
	for (int k = 0; k < SIM_NR_OPS; k++) {
		total += ops[k];
		printf("  %-10s %12lu %12.0f\n", sim_op_names[k], ops[k], (double)ops[k] / elapsed);
	}
	printf("  %-10s %12lu %12.0f\n", "total", total, (double)total / elapsed);
	printf("  outcomes:\n");
	for (int k = 0; k < SIM_NR_EVENTS; k++)
		printf("    %-26s %12lu\n", sim_event_names[k], events[k]);
	printf("  violations: 0\n  rate: %.0f operations/s over %.1f s\n",
	       (double)total / elapsed, elapsed);
}

static unsigned long sim_total_ops(const struct sim *sim)
{
	unsigned long total = 0;

	for (unsigned int i = 0; i < sim->nthreads; i++)
		for (int k = 0; k < SIM_NR_OPS; k++)
			total += sim->threads[i].ops[k];
	return total;
}

static void sim_round(struct sim *sim, double seconds, uint64_t seed)
{
	struct timespec ts = { (time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9) };

	for (unsigned int i = 0; i < sim->nthreads; i++) {
		struct sim_thread *t = &sim->threads[i];
		int err;

		t->rng = (seed + i + 1) * UINT64_C(0x9e3779b97f4a7c15) | 1;
		err = pthread_create(&t->tid, NULL, sim_worker, t);
		if (err) {
			fprintf(stderr, "torture: cannot start a thread: %s\n", strerror(err));
			exit(SIM_EXIT_SETUP);
		}
	}
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
	atomic_store_explicit(&sim->stop, true, memory_order_relaxed);
	for (unsigned int i = 0; i < sim->nthreads; i++)
		pthread_join(sim->threads[i].tid, NULL);
	atomic_store_explicit(&sim->stop, false, memory_order_relaxed);
}

/* Take every page out of the page cache and free it: all must come back. */
static void sim_unmap_all(struct sim *sim)
{
	struct sim_thread *t = &sim->threads[0];

	for (uint64_t f = 0; f < sim->nfiles; f++)
		for (uint64_t i = 0; i < sim->nindex; i++) {
			struct folio *folio;
			struct sim_page *p;

			rcu_read_lock();
			folio = pagecache_lookup(sim->pc, f, i);
			rcu_read_unlock();
			if (!folio)
				continue;
			p = sim_page_of(folio);
			if (!pagecache_remove(sim->pc, f, i, folio))
				sim_violation(p, "cannot unmap a page at teardown");
			if (!page_ref_freeze(&p->folio.page, 1))
				sim_violation(p, "the page cache's reference is not the only one at teardown");
			atomic_store_explicit(&p->holders, 0, memory_order_relaxed);
			sim_free(t, p);
		}
	sim_drain(sim);
	if (sim->nfree != sim->npages)
		sim_violation(NULL, "only %u of %u pages came back at teardown", sim->nfree,
			      sim->npages);
}

/* The child: one scheme, start to end. Returns the exit status. */
static int torture_one(const struct pageref_scheme *s, const struct torture_opts *o, bool progress)
{
	struct sim sim = { .scheme = s, .npages = o->pages, .nthreads = o->threads, .nfiles = 4 };
	double elapsed;
	unsigned int round = 0;

	sim_scheme = s;
	sim_chaos = o->chaos;
	pageref_set_misuse_policy(PAGEREF_MISUSE_WARN_ONCE);
	sim.nindex = o->pages / 16;
	memcpy(sim.mix, o->mix, sizeof(sim.mix));
	if (!(s->flags & PAGEREF_SCHEME_FREEZE)) {
		sim.mix[SIM_OP_TRUNCATE] = sim.mix[SIM_OP_MIGRATE] = 0;
		printf("torture: %s has no freeze: truncate and migrate are off\n", s->name);
	}
	for (int k = 0; k < SIM_NR_OPS; k++)
		sim.mix_total += sim.mix[k];
	if (!sim.mix_total) {
		fprintf(stderr, "torture: nothing to run for %s with this --mix\n", s->name);
		return SIM_EXIT_USAGE;
	}
	if (sim_setup(&sim)) {
		fprintf(stderr, "torture: out of memory setting up %u pages\n", o->pages);
		return SIM_EXIT_SETUP;
	}
	rcu_register_thread();
	sim.start = lab_now();
	for (elapsed = 0; elapsed < o->seconds; elapsed = lab_now() - sim.start) {
		double left = o->seconds - elapsed;

		sim_round(&sim, left < SIM_ROUND_SECONDS ? left : SIM_ROUND_SECONDS,
			  o->seed + (uint64_t)round++ * 7919);
		sim_check_quiescent(&sim);
		if (progress)
			fprintf(stderr, "torture: %s  %5.1f/%g s  %lu operations  %.0f/s  no violation\n",
				s->name, lab_now() - sim.start, o->seconds, sim_total_ops(&sim),
				(double)sim_total_ops(&sim) / (lab_now() - sim.start));
	}
	elapsed = lab_now() - sim.start;
	sim_unmap_all(&sim);
	printf("torture: scheme %s, %u threads, %u pages, %.1f s, chaos %s, seed %llu: pass\n",
	       s->name, o->threads, o->pages, elapsed, o->chaos ? "on" : "off",
	       (unsigned long long)o->seed);
	if (progress)
		sim_print_counts(&sim, elapsed);
	sim_teardown(&sim);
	rcu_unregister_thread();
	return 0;
}

enum torture_result { RES_PASS, RES_CAUGHT, RES_CRASH, RES_NA };

struct torture_row {
	const struct pageref_scheme *s;
	enum torture_result res;
	const char *why;
	double seconds;
	int status;
};

static void torture_fork(struct torture_row *row, const struct torture_opts *o, bool progress)
{
	double start = lab_now();
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "pageref torture: fork: %s\n", strerror(errno));
		exit(SIM_EXIT_SETUP);
	}
	if (!pid) {
		int rc = torture_one(row->s, o, progress);

		fflush(NULL);
		_exit(rc);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	row->seconds = lab_now() - start;
	row->status = status;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		row->res = RES_PASS;
	else if (WIFEXITED(status) && WEXITSTATUS(status) == SIM_EXIT_VIOLATION)
		row->res = RES_CAUGHT;
	else if (WIFEXITED(status) && (WEXITSTATUS(status) == SIM_EXIT_SETUP ||
				       WEXITSTATUS(status) == SIM_EXIT_USAGE))
		exit(WEXITSTATUS(status));
	else
		row->res = RES_CRASH;
}

static const char *torture_result_name(const struct torture_row *r)
{
	static char buf[64];

	switch (r->res) {
	case RES_PASS:
		return r->s->flags & PAGEREF_SCHEME_BAD ? "NOT CAUGHT" : "pass";
	case RES_CAUGHT:
		return r->s->flags & PAGEREF_SCHEME_BAD ? "caught" : "VIOLATION";
	case RES_CRASH:
		if (WIFSIGNALED(r->status))
			snprintf(buf, sizeof(buf), "crashed (signal %d)", WTERMSIG(r->status));
		else
			snprintf(buf, sizeof(buf), "crashed (exit %d)", WEXITSTATUS(r->status));
		return buf;
	case RES_NA:
		break;
	}
	return "n/a";
}

/* A correct scheme must pass; a known-bad one should be caught. */
static bool torture_row_ok(const struct torture_row *r, const struct torture_opts *o)
{
	if (r->res == RES_NA)
		return true;
	if (r->s->flags & PAGEREF_SCHEME_BAD)
		return !o->expect_caught || r->res != RES_PASS;
	return r->res == RES_PASS;
}

/* The row as one JSON object on one line (--json); the report reads these. */
static void torture_print_json(FILE *out, const struct torture_row *r)
{
	fprintf(out, "{\"tool\":\"torture\",\"scheme\":\"%s\",\"kind\":\"%s\",\"expected\":\"%s\","
		"\"result\":\"%s\",\"seconds\":%.2f,\"full_run\":%s,\"why\":\"%s\"}\n", r->s->name,
		r->s->flags & PAGEREF_SCHEME_BAD ? "bad" : "correct",
		r->res == RES_NA ? "-" : r->s->flags & PAGEREF_SCHEME_BAD ? "caught" : "pass",
		torture_result_name(r), r->seconds, r->res == RES_PASS ? "true" : "false",
		r->why ? r->why : "");
}

/* --json: the JSON lines alone on stdout; every other line goes to stderr. */
static FILE *torture_json_stream(void)
{
	int fd = dup(STDOUT_FILENO);
	FILE *out = fd < 0 ? NULL : fdopen(fd, "w");

	if (!out || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		fprintf(stderr, "pageref torture: --json: cannot set up the output: %s\n",
			strerror(errno));
		exit(SIM_EXIT_SETUP);
	}
	return out;
}

int main(int argc, char **argv)
{
	struct torture_opts o;
	struct torture_row *rows;
	FILE *json = NULL;
	size_t n;
	bool ok = true, single;

	parse_args(&o, argc, argv);
	n = o.schemes->nr;
	rows = calloc(n, sizeof(*rows));
	if (!rows) {
		fprintf(stderr, "pageref torture: out of memory\n");
		return SIM_EXIT_SETUP;
	}
	if (o.json)
		json = torture_json_stream();
	single = n == 1;
	for (size_t i = 0; i < n; i++) {
		struct torture_row *r = &rows[i];

		r->s = &o.schemes->scheme[i];
		r->why = sim_not_applicable(r->s);
		if (r->why) {
			r->res = RES_NA;
			printf("torture: %s: n/a: %s\n", r->s->name, r->why);
			continue;
		}
		if (!single)
			printf("torture: %s (%s) for %g s ...\n", r->s->name,
			       r->s->flags & PAGEREF_SCHEME_BAD ? "known-bad" : "correct", o.seconds);
		torture_fork(r, &o, single && !o.quiet);
	}
	if (single) {
		if (json)
			torture_print_json(json, &rows[0]);
		if (rows[0].res == RES_NA)
			ok = true;
		else if (o.expect_caught && (rows[0].s->flags & PAGEREF_SCHEME_BAD))
			ok = rows[0].res != RES_PASS;
		else
			ok = rows[0].res == RES_PASS;
		if (rows[0].res != RES_NA &&
		    (rows[0].res != RES_PASS || (rows[0].s->flags & PAGEREF_SCHEME_BAD)))
			printf("torture: %s: %s after %.2f s\n", rows[0].s->name,
			       torture_result_name(&rows[0]), rows[0].seconds);
	} else {
		printf("\n%-14s %-9s %-20s %s\n", "scheme", "expected", "result", "time");
		for (size_t i = 0; i < n; i++) {
			const struct torture_row *r = &rows[i];

			if (json)
				torture_print_json(json, r);
			if (r->res == RES_NA) {
				printf("%-14s %-9s n/a: %s\n", r->s->name, "-", r->why);
				continue;
			}
			printf("%-14s %-9s %-20s %.2f s%s\n", r->s->name,
			       r->s->flags & PAGEREF_SCHEME_BAD ? "caught" : "pass",
			       torture_result_name(r), r->seconds,
			       r->res == RES_PASS ? " (full run)" : " (to first violation)");
			ok &= torture_row_ok(r, &o);
		}
	}
	if (json) {
		fprintf(json, "{\"tool\":\"torture\",\"verdict\":\"%s\",\"threads\":%u,\"pages\":%u,"
			"\"chaos\":%s,\"seed\":%llu}\n", ok ? "pass" : "FAILED", o.threads, o.pages,
			o.chaos ? "true" : "false", (unsigned long long)o.seed);
		fclose(json);
	}
	free(rows);
	free(o.schemes);
	return ok ? 0 : 1;
}
