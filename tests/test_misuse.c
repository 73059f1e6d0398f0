// SPDX-License-Identifier: MIT
/*
 * Misuse detection: each misuse, in a child process, must abort with a
 * message that names the function, the counter and its value; in
 * WARN_ONCE mode (the default) it must report once per kind and carry on.
 * The contract: after a detected misuse the word is parked, in debug and
 * release builds alike; the object may leak but is never revived, never
 * freed early, and the report names the misuse that happened. Then the
 * policies by PAGEREF_MISUSE, and a program's own handler.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#include <pageref/page_ref.h>

static pageref_t counter;
static struct page page;
static volatile bool sink;	/* results the misuse cases ignore on purpose */

static void get_frozen(void)	{ pageref_init_frozen(&counter); pageref_get(&counter, 1); }
static void put_frozen(void)	{ pageref_init_frozen(&counter); sink = pageref_put(&counter, 1); }
static void underflow(void)	{ pageref_init(&counter, 1); sink = pageref_put(&counter, 2); }
static void get_overflow(void)	{ pageref_init(&counter, PAGEREF_COUNT_MAX); pageref_get(&counter, 1); }
static void try_overflow(void)	{ pageref_init(&counter, PAGEREF_COUNT_MAX); sink = pageref_tryget(&counter, 1); }
static void init_overflow(void)	{ pageref_init(&counter, PAGEREF_COUNT_MAX + 1); }
static void unfreeze_live(void)	{ pageref_init(&counter, 1); pageref_unfreeze(&counter, 1); }
static void unfreeze_zero(void)	{ pageref_init_frozen(&counter); pageref_unfreeze(&counter, 0); }
static void freeze_zero(void)	{ pageref_init(&counter, 1); sink = pageref_freeze(&counter, 0); }
static void init_zero(void)	{ pageref_init(&counter, 0); }
static void refcounted_live(void) { init_page_count(&page); set_page_refcounted(&page); }
static void sub_last(void)	{ init_page_count(&page); page_ref_sub(&page, 1); }
static void put_not_last(void)	{ pageref_init(&counter, 1); pageref_put_not_last(&counter, 1); }
static void sub_last_release(void) { init_page_count(&page); page_ref_sub_release(&page, 1); }
static void put_last_frozen(void) { pageref_init_frozen(&counter); sink = pageref_put_last(&counter, 1); }
static void get_nr_huge(void)	{ pageref_init(&counter, 3); pageref_get(&counter, 0x7fffffff); }
static void tryget_nr_zero(void) { pageref_init(&counter, 3); sink = pageref_tryget(&counter, 0); }
static void put_nr_wrapped(void) { pageref_init(&counter, 3); sink = pageref_put(&counter, (uint32_t)-1); }
static void put_last_nr(void)	{ pageref_init(&counter, 3); sink = pageref_put_last(&counter, PAGEREF_NR_MAX + 1); }

static const struct {
	const char *name;
	void (*misuse)(void);
	const char *func;	/* the function the report must name */
	const char *value;	/* the value it must print */
} cases[] = {
	{ "get on a frozen counter",	get_frozen,	"pageref_get",		"0x80000000" },
	{ "put on a frozen counter",	put_frozen,	"pageref_put",		"0x80000000" },
	{ "put of more than held",	underflow,	"pageref_put",		"0x00000001" },
	{ "get that overflows",		get_overflow,	"pageref_get",		"0x40000000" },
	{ "try-get that overflows",	try_overflow,	"pageref_tryget",	"0x40000000" },
	{ "init above the ceiling",	init_overflow,	"pageref_init",		"0x40000001" },
	{ "unfreeze of a live counter",	unfreeze_live,	"pageref_unfreeze",	"0x00000001" },
	{ "unfreeze to 0",		unfreeze_zero,	"pageref_unfreeze",	"0x00000000" },
	{ "freeze with expected 0",	freeze_zero,	"pageref_freeze",	"0x00000000" },
	{ "init with count 0",		init_zero,	"pageref_init",		"0x00000000" },
	{ "set_page_refcounted on a live page", refcounted_live, "set_page_refcounted", "0x00000001" },
	{ "page_ref_sub of the last reference", sub_last, "page_ref_sub", "0x00000001" },
	{ "put_not_last of the last reference", put_not_last, "pageref_put_not_last", "0x00000001" },
	{ "put_last on a frozen counter", put_last_frozen, "pageref_put_last",	"0x80000000" },
	{ "get of nr 0x7fffffff",	get_nr_huge,	"pageref_get",		"0x7fffffff" },
	{ "try-get of nr 0",		tryget_nr_zero,	"pageref_tryget",	"0x00000000" },
	{ "put of nr -1",		put_nr_wrapped,	"pageref_put",		"0xffffffff" },
	{ "put_last of nr PAGEREF_NR_MAX + 1", put_last_nr, "pageref_put_last", "0x00040001" },
};

#define NR_CASES (sizeof(cases) / sizeof(cases[0]))

/*
 * The child's PAGEREF_MISUSE (NULL: unset), for a child run with
 * POLICY_FROM_ENV: it execs this program as `unit --misuse-env-child`,
 * which runs misuse_env_child() (@fn is not used).
 */
static const char *child_env;
#define POLICY_FROM_ENV ((enum pageref_misuse_policy)-1)

/* Runs @fn in a child with stderr captured into @buf; returns the wait status. */
static int run_child(void (*fn)(void), enum pageref_misuse_policy policy, char *buf, size_t len)
{
	int fds[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	if (pipe(fds) || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		if (policy == POLICY_FROM_ENV) {
			/* A fresh process: the library reads PAGEREF_MISUSE as it starts. */
			if (child_env)
				setenv("PAGEREF_MISUSE", child_env, 1);
			else
				unsetenv("PAGEREF_MISUSE");
			execl("/proc/self/exe", "unit", MISUSE_ENV_CHILD, (char *)NULL);
			_exit(98);
		}
		pageref_set_misuse_policy(policy);
		fn();
		if (policy == PAGEREF_MISUSE_WARN_ONCE)
			fn();	/* the second one must stay quiet */
		_exit(pageref_misuse_count() == (policy == PAGEREF_MISUSE_WARN_ONCE ? 2 : 0) ? 0 : 3);
	}
	close(fds[1]);
	while (got < (ssize_t)len - 1 && (n = read(fds[0], buf + got, len - 1 - (size_t)got)) > 0)
		got += n;
	buf[got] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

static unsigned int count_lines(const char *s, const char *needle)
{
	unsigned int n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/*
 * The ceiling, in a child under WARN_ONCE: past PAGEREF_COUNT_MAX a count
 * saturates and stays saturated through gets and puts, so no run of puts
 * brings it to zero. Each step that goes wrong exits with its own code.
 */
static uint32_t word(void)
{
	return pageref_atomic_load(&counter, memory_order_relaxed);
}

static void saturation(void)
{
	bool freed = false;

	pageref_init(&counter, PAGEREF_COUNT_MAX - 1);
	if (!pageref_tryget(&counter, 1) || word() != PAGEREF_COUNT_MAX)
		_exit(10);	/* up to the ceiling is allowed */
	if (pageref_tryget(&counter, 1) || word() != PAGEREF_SATURATED)
		_exit(11);	/* past it: fail and park */
	if (pageref_tryget(&counter, PAGEREF_NR_MAX) || word() != PAGEREF_SATURATED)
		_exit(12);
	pageref_get(&counter, PAGEREF_NR_MAX);
	if (word() != PAGEREF_SATURATED)
		_exit(13);
	for (uint32_t i = 0; i < 2 * PAGEREF_COUNT_MAX / PAGEREF_NR_MAX && !freed; i++)
		freed = pageref_put(&counter, PAGEREF_NR_MAX);
	if (freed || word() != PAGEREF_SATURATED)
		_exit(14);	/* 2^31 references' worth of puts */
	if (pageref_misuse_count() != 1)
		_exit(15);	/* the one overflow; the parked word is not reported again */
	pageref_init(&counter, PAGEREF_COUNT_MAX);
	pageref_get(&counter, 1);
	if (word() != PAGEREF_SATURATED)
		_exit(16);
	/* The count of a saturated word is PAGEREF_SATURATED, wherever in the zone it is. */
	if (pageref_count(&counter) != PAGEREF_SATURATED)
		_exit(17);
	pageref_atomic_store(&counter, PAGEREF_SATURATED + 1, memory_order_relaxed);
	if (pageref_count(&counter) != PAGEREF_SATURATED)
		_exit(18);	/* a get in flight on the parked word */
	pageref_atomic_store(&counter, PAGEREF_COUNT_MAX + 1, memory_order_relaxed);
	_exit(pageref_count(&counter) == PAGEREF_SATURATED ? 0 : 19);	/* an overflow not yet parked */
}

static void test_saturation(void)
{
	char out[2048];
	int status = run_child(saturation, PAGEREF_MISUSE_WARN_ONCE, out, sizeof(out));

	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "saturation: past the ceiling the count parks, no put frees it, "
	   "pageref_count() says PAGEREF_SATURATED (exit %d)",
	   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	ok(count_lines(out, "pageref: WARNING") == 1 &&
	   count_lines(out, "pageref: WARNING in pageref_tryget()") == 1,
	   "saturation: the overflow is reported once, accesses to the parked word not at all");
}

/* A release build's page_ref_sub() of the last reference warns, even under ABORT. */
static void test_release_sub(void)
{
	char out[2048];
	int status = run_child(sub_last_release, PAGEREF_MISUSE_ABORT, out, sizeof(out));

	ok(WIFEXITED(status) && strstr(out, "pageref: WARNING in page_ref_sub()"),
	   "release build: page_ref_sub of the last reference warns and goes on");
}

/*
 * The contract, in a child under WARN_ONCE with a recording handler: each
 * step that goes wrong exits with its own code (20 and up); the handler
 * checks that every report names the one misuse the scenario makes.
 */
static const struct pageref_ops *ops;
static enum pageref_misuse_kind expected_kind;
static unsigned int reports, wrong_reports;

static void recorder(enum pageref_misuse_kind kind, const char *func, const pageref_t *r,
		     uint32_t value)
{
	(void)func;
	(void)r;
	(void)value;
	reports++;
	if (kind != expected_kind)
		wrong_reports++;
}

static void expect(enum pageref_misuse_kind kind)
{
	expected_kind = kind;
	pageref_set_misuse_handler(recorder);
}

/* Three puts on a frozen counter: it stays frozen, no put is last, no try-get revives. */
static void frozen_puts(void)
{
	expect(PAGEREF_MISUSE_PUT_FROZEN);
	ops->init_frozen(&counter);
	for (int i = 0; i < 3; i++) {
		if (ops->put(&counter, 1))
			_exit(20);
		if (!pageref_is_frozen(&counter))
			_exit(21 + i);	/* 0x80000000 - 1 is no live count */
	}
	if (ops->tryget(&counter, 1) || ops->tryget(&counter, 1))
		_exit(24);
	_exit(reports == 3 && !wrong_reports ? 0 : 25);
}

/*
 * put(2) of a count of 1, then two readers: neither try-get may revive it,
 * and whatever they take, no put of theirs may free it.
 */
static void underflow_readers(void)
{
	bool a, b, freed = false;

	expect(PAGEREF_MISUSE_UNDERFLOW);
	ops->init(&counter, 1);
	if (ops->put(&counter, 2))
		_exit(30);
	if (word() != PAGEREF_SATURATED)
		_exit(31);	/* parked, not wrapped into FROZEN|junk */
	a = ops->tryget(&counter, 1);
	b = ops->tryget(&counter, 1);
	if (a || b)
		_exit(32);
	for (int i = 0; i < 4; i++)
		freed |= ops->put(&counter, 1);
	if (freed || word() != PAGEREF_SATURATED)
		_exit(33);
	_exit(reports == 1 && !wrong_reports ? 0 : 34);
}

/* init() above the ceiling parks the count, as its documentation says. */
static void init_above(void)
{
	expect(PAGEREF_MISUSE_OVERFLOW);
	ops->init(&counter, PAGEREF_COUNT_MAX + 1);
	if (word() != PAGEREF_SATURATED)
		_exit(40);
	if (ops->put(&counter, 1) || word() != PAGEREF_SATURATED)
		_exit(41);	/* stays parked: never back down to the ceiling */
	_exit(reports == 1 && !wrong_reports ? 0 : 42);
}

/* init(0) means "no owners": the word is frozen, never the ZERO of a put. */
static void init_zero_frozen(void)
{
	expect(PAGEREF_MISUSE_ZERO_COUNT);
	ops->init(&counter, 0);
	if (!pageref_is_frozen(&counter) || ops->tryget(&counter, 1))
		_exit(45);
	_exit(reports == 1 && !wrong_reports ? 0 : 46);
}

/* Gets on a frozen counter keep it frozen: their junk is reset near the limit. */
static void get_frozen_reset(void)
{
	expect(PAGEREF_MISUSE_GET_FROZEN);
	pageref_atomic_store(&counter, PAGEREF_RESET_LIMIT - 1, memory_order_relaxed);
	ops->get(&counter, 1);
	if (word() != PAGEREF_FROZEN_BIT)
		_exit(50);
	_exit(reports == 1 && !wrong_reports ? 0 : 51);
}

/* Debug builds: unfreeze(1) of a count of 3 parks it; no put of the 3 frees it. */
static void unfreeze_live_parks(void)
{
	bool freed = false;

	expect(PAGEREF_MISUSE_UNFREEZE_LIVE);
	ops->init(&counter, 3);
	ops->unfreeze(&counter, 1);
	for (int i = 0; i < 3; i++)
		freed |= ops->put(&counter, 1);
	if (freed || word() != PAGEREF_SATURATED)
		_exit(55);
	_exit(reports == 1 && !wrong_reports ? 0 : 56);
}

/* Debug builds: freeze(0) on a word inside a put (ZERO) must not steal its last put. */
static void freeze_zero_fails(void)
{
	expect(PAGEREF_MISUSE_ZERO_COUNT);
	pageref_atomic_store(&counter, 0, memory_order_relaxed);
	if (pageref_freeze(&counter, 0) || word() != 0)
		_exit(60);
	_exit(reports == 1 && !wrong_reports ? 0 : 61);
}

/* Debug builds: set_page_refcounted() on a page with 2 owners parks it. */
static void refcounted_parks(void)
{
	expect(PAGEREF_MISUSE_UNFREEZE_LIVE);
	set_page_count(&page, 2);
	set_page_refcounted(&page);
	if (page_ref_dec_and_test(&page) || page_ref_dec_and_test(&page) ||
	    pageref_atomic_load(&page._refcount, memory_order_relaxed) != PAGEREF_SATURATED)
		_exit(65);
	_exit(reports == 1 && !wrong_reports ? 0 : 66);
}

/*
 * @nr outside 1..PAGEREF_NR_MAX takes and drops nothing: the live word is
 * parked, so that neither the caller's belief nor the other owners' puts
 * can free the object. A wrapped nr of -1 must not be "a try-get that
 * drops one" or "a put that takes one".
 */
static void nr_tryget_wrapped(void)
{
	bool freed = false;

	expect(PAGEREF_MISUSE_NR_RANGE);
	ops->init(&counter, 3);
	if (ops->tryget(&counter, UINT32_MAX))
		_exit(80);	/* it took nothing */
	if (word() != PAGEREF_SATURATED)
		_exit(81);
	for (int i = 0; i < 3; i++)
		freed |= ops->put(&counter, 1);
	if (freed || word() != PAGEREF_SATURATED)
		_exit(82);	/* the three owners' puts free nothing */
	_exit(reports == 1 && !wrong_reports ? 0 : 83);
}

static void nr_put_wrapped(void)
{
	bool freed = false;

	expect(PAGEREF_MISUSE_NR_RANGE);
	ops->init(&counter, 3);
	if (ops->put(&counter, UINT32_MAX) || word() != PAGEREF_SATURATED)
		_exit(84);
	for (int i = 0; i < 3; i++)
		freed |= ops->put(&counter, 1);
	if (freed || word() != PAGEREF_SATURATED)
		_exit(85);
	_exit(reports == 1 && !wrong_reports ? 0 : 86);
}

/* The nr = 0x7fffffff: parked saturated, never frozen by a carry. */
static void nr_get_carry(void)
{
	bool freed = false;

	expect(PAGEREF_MISUSE_NR_RANGE);
	ops->init(&counter, 3);
	ops->get(&counter, 0x7fffffff);
	if (word() != PAGEREF_SATURATED)
		_exit(87);
	for (int i = 0; i < 3; i++)
		freed |= ops->put(&counter, 1);
	if (freed || word() != PAGEREF_SATURATED)
		_exit(88);
	_exit(reports == 1 && !wrong_reports ? 0 : 89);
}

/* The bounds: 0 and PAGEREF_NR_MAX + 1 are out, PAGEREF_NR_MAX is in. */
static void nr_bounds(void)
{
	expect(PAGEREF_MISUSE_NR_RANGE);
	ops->init(&counter, 1);
	if (!ops->tryget(&counter, PAGEREF_NR_MAX) || word() != PAGEREF_NR_MAX + 1)
		_exit(90);
	if (ops->tryget(&counter, 0) || ops->tryget(&counter, PAGEREF_NR_MAX + 1))
		_exit(91);
	if (word() != PAGEREF_SATURATED)
		_exit(92);
	_exit(reports == 2 && !wrong_reports ? 0 : 93);	/* each bad nr is reported */
}

/* page_ref.h takes int: page_ref_add(page, -1) must not move the count down. */
static void page_ref_add_negative(void)
{
	expect(PAGEREF_MISUSE_NR_RANGE);
	set_page_count(&page, 3);
	page_ref_add(&page, -1);
	if (page_ref_dec_and_test(&page) || page_ref_dec_and_test(&page) ||
	    page_ref_dec_and_test(&page) ||
	    pageref_atomic_load(&page._refcount, memory_order_relaxed) != PAGEREF_SATURATED)
		_exit(94);
	_exit(reports == 1 && !wrong_reports ? 0 : 95);
}

/* put_last's guess with an nr that has the frozen bit must not free a frozen counter. */
static void nr_put_last_frozen(void)
{
	expect(PAGEREF_MISUSE_NR_RANGE);
	pageref_init_frozen(&counter);
	if (pageref_put_last(&counter, PAGEREF_FROZEN_BIT))
		_exit(96);	/* its CAS(0x80000000 -> FROZEN) "froze" a frozen word */
	if (word() != PAGEREF_FROZEN_BIT)
		_exit(97);	/* a frozen word stays frozen */
	_exit(reports == 1 && !wrong_reports ? 0 : 98);
}

static const struct pageref_ops debug_ops = {
	"debug", pageref_init, pageref_init_frozen, pageref_get, pageref_tryget, pageref_put,
	pageref_unfreeze,
};

static void test_contract(void)
{
	static const struct {
		const char *name;
		void (*scenario)(void);
		bool debug_only;
	} scenarios[] = {
		{ "three puts on a frozen counter keep it frozen", frozen_puts, false },
		{ "an underflowing put parks; readers neither revive nor free it",
		  underflow_readers, false },
		{ "init above the ceiling parks the count", init_above, false },
		{ "init with count 0 leaves it frozen", init_zero_frozen, false },
		{ "gets on a frozen counter keep it frozen", get_frozen_reset, false },
		{ "unfreeze of a live counter parks it", unfreeze_live_parks, true },
		{ "freeze(0) fails and leaves a put's ZERO alone", freeze_zero_fails, true },
		{ "set_page_refcounted on a live page parks it", refcounted_parks, true },
		{ "try-get of nr -1 takes nothing and parks", nr_tryget_wrapped, false },
		{ "put of nr -1 drops nothing and parks", nr_put_wrapped, false },
		{ "get of nr 0x7fffffff parks saturated, not frozen", nr_get_carry, false },
		{ "nr 0 and PAGEREF_NR_MAX + 1 are refused, PAGEREF_NR_MAX taken", nr_bounds, false },
		{ "page_ref_add(page, -1) parks", page_ref_add_negative, true },
		{ "put_last of nr 0x80000000 on a frozen counter frees nothing",
		  nr_put_last_frozen, true },
	};
	const struct pageref_ops *builds[] = { &debug_ops, &pageref_release_ops };
	char out[2048];

	for (size_t b = 0; b < 2; b++) {
		for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
			int status;

			if (scenarios[i].debug_only && b)
				continue;
			ops = builds[b];
			status = run_child(scenarios[i].scenario, PAGEREF_MISUSE_WARN_ONCE,
					   out, sizeof(out));
			ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			   "contract, %s build: %s, and the reports name it (exit %d)",
			   builds[b]->build, scenarios[i].name,
			   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		}
	}
}

/* The program PAGEREF_MISUSE is tested in: it says it started, then misuses twice. */
int misuse_env_child(void)
{
	fprintf(stderr, "child: started\n");
	put_frozen();
	put_frozen();
	return 0;
}

/*
 * PAGEREF_MISUSE, in any case; unset means warn-once; anything else is an
 * error, at start-up: before the program runs, not at its first misuse.
 */
static void test_policies(void)
{
	static const struct {
		const char *env;
		bool aborts;
		const char *says;
		const char *name;
	} envs[] = {
		{ NULL,		false,	"pageref: WARNING in pageref_put()",
		  "unset: the default warns once and goes on" },
		{ "warn",	false,	"pageref: WARNING in pageref_put()", "warn warns" },
		{ "Warn",	false,	"pageref: WARNING in pageref_put()", "Warn: any case" },
		{ "ABORT",	true,	"pageref: BUG in pageref_put()", "ABORT: any case" },
		{ "bogus",	true,	"PAGEREF_MISUSE=bogus: unknown value; accepted: warn",
		  "an unknown value is an error naming the accepted ones, at start-up" },
		{ "",		true,	"PAGEREF_MISUSE=: unknown value; accepted: warn",
		  "an empty value is one too" },
	};
	char out[2048];

	for (size_t i = 0; i < sizeof(envs) / sizeof(envs[0]); i++) {
		bool refused = envs[i].aborts && !strstr(envs[i].says, "BUG");
		int status;

		child_env = envs[i].env;
		status = run_child(NULL, POLICY_FROM_ENV, out, sizeof(out));
		ok((envs[i].aborts ? WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT
				   : WIFEXITED(status) && WEXITSTATUS(status) == 0) &&
		   strstr(out, envs[i].says) && (envs[i].aborts || count_lines(out, "pageref:") == 2) &&
		   !strstr(out, "child: started") == refused,
		   "PAGEREF_MISUSE %s", envs[i].name);
	}
	child_env = NULL;
}

/* A handler of the program's own replaces the report; the policy still applies. */
static void logger(enum pageref_misuse_kind kind, const char *func, const pageref_t *r,
		   uint32_t value)
{
	(void)r;
	fprintf(stderr, "logger: %s: %s (0x%08x)\n", func, pageref_misuse_text(kind),
		(unsigned int)value);
}

static void logged_put_frozen(void)
{
	pageref_misuse_handler old = pageref_set_misuse_handler(logger);

	if (old && old != logger)
		_exit(70);	/* the default is no handler */
	put_frozen();
}

static void test_handler(void)
{
	char out[2048];
	int status = run_child(logged_put_frozen, PAGEREF_MISUSE_WARN_ONCE, out, sizeof(out));

	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	   count_lines(out, "logger: pageref_put: put on a frozen counter") == 2 &&
	   !strstr(out, "pageref: WARNING"),
	   "handler: called for every misuse instead of the report on stderr");
	status = run_child(logged_put_frozen, PAGEREF_MISUSE_ABORT, out, sizeof(out));
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
	   count_lines(out, "logger: pageref_put: put on a frozen counter") == 1,
	   "handler: under the abort policy the program aborts after it");
}

void test_misuse(void)
{
	char out[2048], func[64];

	for (size_t i = 0; i < NR_CASES; i++) {
		int status = run_child(cases[i].misuse, PAGEREF_MISUSE_ABORT, out, sizeof(out));

		snprintf(func, sizeof(func), "in %s()", cases[i].func);
		ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
		   "abort policy: %s aborts", cases[i].name);
		ok(strstr(out, "pageref: BUG") && strstr(out, func) && strstr(out, cases[i].value),
		   "abort policy: %s names %s and value %s", cases[i].name, cases[i].func,
		   cases[i].value);
		status = run_child(cases[i].misuse, PAGEREF_MISUSE_WARN_ONCE, out, sizeof(out));
		ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "warn-once policy: %s continues and counts both", cases[i].name);
		ok(count_lines(out, "pageref: WARNING") == 1,
		   "warn-once policy: %s reported exactly once", cases[i].name);
	}
	test_saturation();
	test_release_sub();
	test_contract();
	test_policies();
	test_handler();
}
