// SPDX-License-Identifier: MIT
/*
 * The unit-test runner: every suite, TAP output, "N passed, N failed".
 * `unit SUITE...` runs only the named suites; `unit --misuse-env-child` is
 * test_misuse.c's child program.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static unsigned int tests_run, tests_failed;

void tap_ok(bool cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tests_run++;
	if (!cond)
		tests_failed++;
	printf("%sok %u - ", cond ? "" : "not ", tests_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		printf("#   failed at %s:%d\n", file, line);
	fflush(stdout);
}

void tap_is_u32(uint32_t got, uint32_t want, const char *expr, const char *file, int line,
		const char *name)
{
	tap_ok(got == want, file, line, "%s", name);
	if (got != want)
		printf("#   %s is 0x%08x, want 0x%08x\n", expr, (unsigned int)got,
		       (unsigned int)want);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

int tap_done(void)
{
	printf("1..%u\n", tests_run);
	printf("%u passed, %u failed\n", tests_run - tests_failed, tests_failed);
	return tests_failed || !tests_run ? EXIT_FAILURE : EXIT_SUCCESS;
}

static const struct {
	const char *name;
	void (*run)(void);
} suites[] = {
	{ "schemes",  test_schemes },
	{ "pageref",  test_pageref },
	{ "page_ref", test_page_ref },
	{ "misuse",   test_misuse },
	{ "smoke",    test_smoke },
	{ "v5",       test_v5 },
};

#define NR_SUITES (sizeof(suites) / sizeof(suites[0]))

static bool selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], MISUSE_ENV_CHILD))
		return misuse_env_child();
	for (int i = 1; i < argc; i++) {
		size_t s;

		for (s = 0; s < NR_SUITES && strcmp(argv[i], suites[s].name); s++)
			;
		if (s == NR_SUITES) {
			fprintf(stderr, "unit: no suite '%s'; suites:", argv[i]);
			for (s = 0; s < NR_SUITES; s++)
				fprintf(stderr, " %s", suites[s].name);
			fprintf(stderr, "\n");
			return 2;
		}
	}
	for (size_t s = 0; s < NR_SUITES; s++) {
		if (!selected(suites[s].name, argc, argv))
			continue;
		tap_diag("suite %s", suites[s].name);
		suites[s].run();
	}
	return tap_done();
}
