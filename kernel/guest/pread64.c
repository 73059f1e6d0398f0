// SPDX-License-Identifier: MIT
/*
 * pread64: the cover letter's page-cache read, as functional load for the
 * guest (never a performance figure under TCG). N threads pread 64 bytes at
 * random page-aligned offsets of one shared file for SECS seconds, so that
 * every read takes and drops a speculative reference (folio_try_get) on a
 * page-cache folio that other threads read at the same time; the content is
 * checked on every read. A truncate+rewrite thread keeps evicting and
 * re-adding the pages, so getters race the last put of the page cache.
 * Usage: pread64 FILE SECS THREADS. Exit 0 on success.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGES 64
#define PAGE 4096

static int fd;
static atomic_int stop;
static atomic_long reads, errors, rewrites, holes;

static void fill(unsigned char *b, int page)
{
	for (int i = 0; i < PAGE; i++)
		b[i] = (unsigned char)(page * 31 + i);
}

static void *reader(void *arg)
{
	unsigned int seed = (unsigned int)(long)arg;
	unsigned char buf[64];

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		int page = rand_r(&seed) % PAGES;
		int off = (rand_r(&seed) % (PAGE / 64)) * 64;
		ssize_t n = pread(fd, buf, 64, (off_t)page * PAGE + off);

		if (n == 0)
			continue;	/* the rewriter truncated the file */
		if (n != 64) {
			if (n < 0 && errno == EINTR)
				continue;
			atomic_fetch_add(&errors, 1);
			continue;
		}
		/*
		 * A read that raced the truncate may see the hole (all zeros):
		 * shmem checks i_size before it looks the folio up. Content is
		 * never all zeros, so anything else that differs is corruption.
		 */
		int zero = 1;

		for (int i = 0; i < 64; i++)
			zero &= buf[i] == 0;
		if (zero) {
			atomic_fetch_add_explicit(&holes, 1, memory_order_relaxed);
			continue;
		}
		for (int i = 0; i < 64; i++) {
			if (buf[i] != (unsigned char)(page * 31 + off + i)) {
				fprintf(stderr, "pread64: page %d offset %d byte %d: got %u\n",
					page, off, i, buf[i]);
				atomic_fetch_add(&errors, 1);
				break;
			}
		}
		atomic_fetch_add_explicit(&reads, 1, memory_order_relaxed);
	}
	return NULL;
}

static void write_all(void)
{
	unsigned char b[PAGE];

	for (int p = 0; p < PAGES; p++) {
		fill(b, p);
		if (pwrite(fd, b, PAGE, (off_t)p * PAGE) != PAGE) {
			perror("pread64: pwrite");
			exit(1);
		}
	}
}

static void *rewriter(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		usleep(20000);
		/* drop the pages from the page cache, then put them back */
		if (ftruncate(fd, 0) != 0)
			perror("pread64: ftruncate");
		write_all();
		atomic_fetch_add(&rewrites, 1);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: pread64 FILE SECS THREADS\n");
		return 2;
	}
	int secs = atoi(argv[2]), nthreads = atoi(argv[3]);
	pthread_t t[64], rw;

	if (nthreads < 1 || nthreads > 64)
		return 2;
	fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror("pread64: open");
		return 1;
	}
	write_all();
	for (int i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, reader, (void *)(long)(i + 1));
	pthread_create(&rw, NULL, rewriter, NULL);
	sleep(secs);
	atomic_store(&stop, 1);
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	pthread_join(rw, NULL);
	printf("pread64: %ld reads, %ld rewrites, %ld reads of a hole during truncate, %ld errors (functional load, TCG: not a performance figure)\n",
	       atomic_load(&reads), atomic_load(&rewrites), atomic_load(&holes), atomic_load(&errors));
	unlink(argv[1]);
	return atomic_load(&errors) ? 1 : 0;
}
