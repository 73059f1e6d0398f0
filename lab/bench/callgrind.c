// SPDX-License-Identifier: MIT
/*
 * Instructions per operation, the stable figure beside the noisy times.
 * Each single-threaded result is run again under valgrind --tool=callgrind
 * for a fixed number of operations, with collection off at start; the
 * worker switches it on around the one call of the loop (harness.c), so
 * the count is the loop and nothing else: set-up, thread start and the
 * clock are outside it. Nothing is subtracted: the loop's own bookkeeping
 * is in every row, the floor's included.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

/* The "summary:" (or "totals:") line of a callgrind output file. */
static int bench_read_total(const char *path, double *ir)
{
	FILE *f = fopen(path, "r");
	char line[256];
	int found = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if ((!strncmp(line, "summary:", 8) && sscanf(line + 8, "%lf", ir) == 1) ||
		    (!strncmp(line, "totals:", 7) && sscanf(line + 7, "%lf", ir) == 1))
			found = 0;
	fclose(f);
	return found;
}

static int bench_valgrind(const char *out, const struct bench_result *r,
			  uint64_t ops)
{
	char file[300], nops[32], self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 32);
	int status;
	pid_t pid;

	if (len < 0)
		return -1;
	/* The benchmark beside us: pageref-report runs it too. */
	self[len] = '\0';
	strcpy(strrchr(self, '/') + 1, "pageref-bench");

	snprintf(file, sizeof(file), "--callgrind-out-file=%s", out);
	snprintf(nops, sizeof(nops), "%llu", (unsigned long long)ops);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execlp("valgrind", "valgrind", "--tool=callgrind", "--collect-atstart=no", file,
		       self, "--callgrind-child", "--workload", bench_workloads[r->w].name,
		       "--row", r->row->name, "--ops", nops, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 127 ? -2 : WEXITSTATUS(status) ? -1 : 0;
}

int bench_callgrind(struct bench_result *results, size_t n, uint64_t ops)
{
	char dir[] = "/tmp/pageref-callgrind.XXXXXX", out[300];
	size_t todo = 0, done = 0;
	int ret = 0;

	if (!mkdtemp(dir)) {
		fprintf(stderr, "pageref-bench: mkdtemp: %s\n", strerror(errno));
		return -1;
	}
	snprintf(out, sizeof(out), "%s/callgrind.out", dir);
	for (size_t i = 0; i < n; i++)
		todo += results[i].threads == 1;
	for (size_t i = 0; i < n && !ret; i++) {
		double ir;
		int err;

		if (results[i].threads != 1)
			continue;
		fprintf(stderr, "pageref-bench: callgrind %zu/%zu: %s %s\n", ++done, todo,
			bench_workloads[results[i].w].name, results[i].row->name);
		err = bench_valgrind(out, &results[i], ops);
		if (err == -2) {
			fprintf(stderr, "pageref-bench: cannot run valgrind: is it installed?\n");
			ret = -1;
		} else if (err || bench_read_total(out, &ir)) {
			fprintf(stderr, "pageref-bench: the callgrind run of %s %s failed\n",
				bench_workloads[results[i].w].name, results[i].row->name);
			ret = -1;
		} else {
			results[i].ir_per_op = ir / ops;
		}
		unlink(out);
	}
	rmdir(dir);
	return ret;
}

int bench_callgrind_child(const struct bench_plan *plan)
{
	struct bench_sample s;
	int w = 0;

	while (w < BENCH_NR_WORKLOADS && !plan->workload[w])
		w++;
	if (w == BENCH_NR_WORKLOADS || !plan->nr_only)
		return 2;
	if (bench_measure(plan->only[0], w, 1, 0, plan->callgrind_ops, &s))
		return 1;
	return s.errors || s.ops != plan->callgrind_ops;
}
