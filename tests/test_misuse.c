// SPDX-License-Identifier: MIT
/*
 * Misuse detection: each misuse, in a child process, must abort with a
 * message that names the function, the counter and its value; in
 * WARN_ONCE mode it must report once per kind and carry on.
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
	{ "page_ref_sub of the last reference", sub_last, "page_ref_sub", "0x00000000" },
};

#define NR_CASES (sizeof(cases) / sizeof(cases[0]))

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
	if (pageref_misuse_count() != 3)
		_exit(15);	/* the three overflowing gets, each counted */
	pageref_init(&counter, PAGEREF_COUNT_MAX);
	pageref_get(&counter, 1);
	_exit(word() == PAGEREF_SATURATED ? 0 : 16);
}

static void test_saturation(void)
{
	char out[2048];
	int status = run_child(saturation, PAGEREF_MISUSE_WARN_ONCE, out, sizeof(out));

	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "saturation: past the ceiling the count parks and no put frees it (exit %d)",
	   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	ok(count_lines(out, "pageref: WARNING in pageref_tryget()") == 1,
	   "saturation: the overflow is reported once");
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
}
