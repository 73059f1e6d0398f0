// SPDX-License-Identifier: MIT
/*
 * pageref - the command line: lists the schemes itself and runs every other
 * subcommand as the program pageref-<command>, beside it in the build tree or
 * in PREFIX/libexec/pageref/ once installed (as git does with git-core/),
 * so that each tool keeps its own build variant: the checker's narrow
 * counter, the simulation's hooks, the benchmark's release build.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pageref/pageref.h>

#include "scheme.h"

static const struct {
	const char *name;
	const char *help;
} commands[] = {
	{ "schemes", "list every scheme, what it is and which operations it has" },
	{ "check",   "exhaustive interleaving checker over the schemes' real code" },
	{ "litmus",  "the checker's memory model on litmus tests (herd7's C format too)" },
	{ "torture", "page-lifecycle simulation under real threads" },
	{ "bench",   "benchmarks: contended, free-path, pagecache-read, churn" },
	{ "report",  "run checks and benchmarks, write report/REPORT.md" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: pageref <command> [options]\n\n"
		     "pageref %d.%d.%d: the page refcount with a frozen bit, checked and measured\n\n",
		PAGEREF_VERSION_MAJOR, PAGEREF_VERSION_MINOR, PAGEREF_VERSION_PATCH);
	fprintf(out, "commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(out, "\n'pageref <command> --help' describes a command's options.\n");
}

static int list_schemes(int argc, char **argv)
{
	char ops[96];

	if (argc > 1) {
		if (strcmp(argv[1], "--help") && strcmp(argv[1], "-h")) {
			fprintf(stderr, "pageref schemes: unexpected argument '%s'\n", argv[1]);
			return 2;
		}
		printf("usage: pageref schemes\n\nLists every scheme: its name, whether it is "
		       "correct, racy (its orders too\nweak: a data race under C11) or a known-bad "
		       "variant kept for the checks to catch,\nthe operations it supports, and what "
		       "it is.\n");
		return 0;
	}
	printf("%-14s %-7s %-44s %s\n", "scheme", "kind", "operations", "what it is");
	for (size_t i = 0; i < pageref_nr_schemes; i++) {
		const struct pageref_scheme *s = &pageref_schemes[i];

		printf("%-14s %-7s %-44s %s\n", s->name,
		       s->flags & PAGEREF_SCHEME_BAD ? "bad" :
		       s->flags & PAGEREF_SCHEME_RACY ? "racy" : "correct",
		       pageref_scheme_ops(s, ops, sizeof(ops)), s->summary);
	}
	return 0;
}

/*
 * Runs pageref-<cmd> with the remaining arguments: beside this program in a
 * build tree (build/pageref-check), else in ../libexec/pageref/ from it, where
 * 'make install' puts the commands (PREFIX/libexec/pageref/pageref-check).
 */
static int run_tool(const char *cmd, char **argv)
{
	static const char *const places[] = { "%s/pageref-%s", "%s/../libexec/pageref/pageref-%s" };
	char self[PATH_MAX], tool[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0) {
		fprintf(stderr, "pageref: cannot find own path: %s\n", strerror(errno));
		return 1;
	}
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		snprintf(tool, sizeof(tool), places[i], self, cmd);
		if (!access(tool, X_OK))
			break;
	}
	argv[0] = tool;
	execv(tool, argv);
	fprintf(stderr, "pageref: cannot run %s: %s\n"
			"pageref: neither %s/pageref-%s nor %s/../libexec/pageref/pageref-%s: "
			"run 'make' (or 'make install') in the source tree.\n",
		tool, strerror(errno), self, cmd, self, cmd);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		if (argc > 2) {
			fprintf(stderr, "pageref --version: unexpected argument '%s'\n", argv[2]);
			return 2;
		}
		printf("pageref %d.%d.%d\n", PAGEREF_VERSION_MAJOR, PAGEREF_VERSION_MINOR,
		       PAGEREF_VERSION_PATCH);
		return 0;
	}
	if (!strcmp(argv[1], "schemes"))
		return list_schemes(argc - 1, argv + 1);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return run_tool(argv[1], argv + 1);
	fprintf(stderr, "pageref: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
