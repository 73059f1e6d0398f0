// SPDX-License-Identifier: MIT
/*
 * preadbench: the cover letter's benchmark. N threads pread 64 bytes at
 * offset 0 of one file, so every read takes and drops a speculative
 * reference (folio_try_get) on the same page-cache folio. Prints one line:
 *   preadbench threads=N secs=S reads=R ns_per_read=X
 * where ns_per_read is each thread's time per read (wall time * N / R).
 * Only meaningful under KVM or on bare metal: under TCG it measures the
 * emulator. Usage: preadbench FILE THREADS SECS
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int fd;
static atomic_bool stop;
static atomic_long total;

static void *reader(void *arg)
{
	char buf[64];
	long n = 0;

	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		if (pread(fd, buf, sizeof(buf), 0) != sizeof(buf)) {
			perror("preadbench: pread");
			exit(1);
		}
		n++;
	}
	atomic_fetch_add_explicit(&total, n, memory_order_relaxed);
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	pthread_t tid[256];
	int threads;
	double secs, t0, elapsed;
	long reads;

	if (argc != 4 || (threads = atoi(argv[2])) < 1 || threads > 256 ||
	    (secs = atof(argv[3])) <= 0) {
		fprintf(stderr, "usage: preadbench FILE THREADS(1-256) SECS\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	t0 = now();
	for (int i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, reader, NULL);
	usleep((useconds_t)(secs * 1e6));
	atomic_store_explicit(&stop, true, memory_order_relaxed);
	for (int i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	elapsed = now() - t0;
	/* relaxed: the joins above order every reader's add before this load */
	reads = atomic_load_explicit(&total, memory_order_relaxed);
	printf("preadbench threads=%d secs=%.2f reads=%ld ns_per_read=%.1f\n", threads, elapsed,
	       reads, elapsed * 1e9 * threads / (double)reads);
	return 0;
}
