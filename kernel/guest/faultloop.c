// SPDX-License-Identifier: MIT
/*
 * faultloop: anonymous fault + munmap, the single-owner free path of the
 * series (zap -> folios_put_refs -> the last put). N processes, each for SECS
 * seconds: mmap an anonymous region (4 KiB pages, and a 2 MiB-aligned region
 * that THP may back), write a pattern to every page, check it, fork a child
 * that reads it (shared pages: the parent's unmap is then not the last put,
 * the guess of put_last fails), munmap. Exit 0 on success.
 * Usage: faultloop SECS PROCS
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SMALL (64 * 4096UL)
#define HUGE (4 * 2097152UL)

static int check(unsigned char *p, size_t len, unsigned char seed)
{
	for (size_t i = 0; i < len; i += 4096)
		if (p[i] != (unsigned char)(seed + i / 4096))
			return 1;
	return 0;
}

static int one_round(unsigned long round)
{
	size_t len = (round & 1) ? HUGE : SMALL;
	unsigned char seed = (unsigned char)round;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("faultloop: mmap");
		return 1;
	}
	if (len == HUGE)
		madvise(p, len, MADV_HUGEPAGE);
	for (size_t i = 0; i < len; i += 4096)
		p[i] = (unsigned char)(seed + i / 4096);
	if (check(p, len, seed)) {
		fprintf(stderr, "faultloop: bad content after fault\n");
		return 1;
	}
	if (round % 8 == 0) {
		pid_t c = fork();
		int st;

		if (c == 0)
			_exit(check(p, len, seed));
		if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st)) {
			fprintf(stderr, "faultloop: child saw bad content\n");
			return 1;
		}
	}
	if (round % 4 == 1)
		madvise(p, len / 2, MADV_DONTNEED);	/* zap half, unmap the rest */
	if (munmap(p, len)) {
		perror("faultloop: munmap");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: faultloop SECS PROCS\n");
		return 2;
	}
	int secs = atoi(argv[1]), procs = atoi(argv[2]), bad = 0;

	for (int i = 0; i < procs; i++) {
		if (fork() == 0) {
			time_t end = time(NULL) + secs;
			unsigned long r = 0;

			while (time(NULL) < end)
				if (one_round(r++))
					_exit(1);
			printf("faultloop[%d]: %lu rounds (functional load, TCG: not a performance figure)\n",
			       i, r);
			fflush(stdout);
			_exit(0);
		}
	}
	for (int i = 0; i < procs; i++) {
		int st;

		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			bad = 1;
	}
	return bad;
}
