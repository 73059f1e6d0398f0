// SPDX-License-Identifier: GPL-2.0
/*
 * pageref's in-kernel benchmark of the page refcount paths.
 *
 * Built into the bench kernels of kernel/bench/ only (base and series alike,
 * as mm/pageref_bench.o): it is not part of the series.  With
 * pageref_bench.run=1 on the command line it runs at late_initcall, from
 * kthreads bound to CPUs 0..T-1 for T = 1..threads, through the kernel's own
 * functions, prints one line per measurement and powers the machine off:
 *
 *   PRBENCH {"workload":"tryget-put","threads":2,"ms":300,"ops":[..],"ns":[..]}
 *
 * ops[i] and ns[i] are thread i's operations and nanoseconds; the runner
 * (kernel/bench/run.sh) turns them into ns per operation per thread.
 *
 * Parameters: workloads=a,b (default all), threads=N (default: online CPUs),
 * ms=M (each measurement's duration, default 300).
 */
#define pr_fmt(fmt) "PRBENCH " fmt

#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/folio_batch.h>
#include <linux/reboot.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>

static bool run;
module_param(run, bool, 0444);
static char *workloads = "get-put,tryget-put,read-64,free-page,free-folio,free-batch";
module_param(workloads, charp, 0444);
static unsigned int threads;
module_param(threads, uint, 0444);
static unsigned int ms = 300;
module_param(ms, uint, 0444);

/* Operations between two reads of the clock. */
#define CHUNK 256

static struct file *bench_file;
static struct folio *bench_folio;

/*
 * Each loop runs @n operations and returns how many it did; noinline, so
 * that run.sh can disassemble each one (pageref_bench_<name>) and show the
 * refcount instructions it executes.
 */
static noinline unsigned long pageref_bench_get_put(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		folio_get(bench_folio);
		folio_put(bench_folio);
	}
	return n;
}

static noinline unsigned long pageref_bench_tryget_put(unsigned long n)
{
	unsigned long i, done = 0;

	for (i = 0; i < n; i++) {
		if (folio_try_get(bench_folio)) {
			folio_put(bench_folio);
			done++;
		}
	}
	return done;
}

static noinline unsigned long pageref_bench_read_64(unsigned long n)
{
	char buf[64];
	unsigned long i, done = 0;

	for (i = 0; i < n; i++) {
		loff_t pos = 0;

		done += kernel_read(bench_file, buf, sizeof(buf), &pos) == sizeof(buf);
	}
	return done;
}

static noinline unsigned long pageref_bench_free_page(unsigned long n)
{
	unsigned long i, done = 0;

	for (i = 0; i < n; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, 0);

		if (!page)
			break;
		__free_pages(page, 0);
		done++;
	}
	return done;
}

static noinline unsigned long pageref_bench_free_folio(unsigned long n)
{
	unsigned long i, done = 0;

	for (i = 0; i < n; i++) {
		struct folio *folio = folio_alloc(GFP_KERNEL, 0);

		if (!folio)
			break;
		folio_put(folio);
		done++;
	}
	return done;
}

/* The batched free of munmap and exit: folios_put() on full batches. */
static noinline unsigned long pageref_bench_free_batch(unsigned long n)
{
	struct folio_batch batch;
	unsigned long done = 0;

	folio_batch_init(&batch);
	while (done < n) {
		struct folio *folio = folio_alloc(GFP_KERNEL, 0);

		if (!folio)
			break;
		done++;
		if (!folio_batch_add(&batch, folio))
			folios_put(&batch);
	}
	if (folio_batch_count(&batch))
		folios_put(&batch);
	return done;
}

struct bench_workload {
	const char *name;
	unsigned long (*loop)(unsigned long n);
};

static const struct bench_workload bench_workloads[] = {
	{ "get-put", pageref_bench_get_put },
	{ "tryget-put", pageref_bench_tryget_put },
	{ "read-64", pageref_bench_read_64 },
	{ "free-page", pageref_bench_free_page },
	{ "free-folio", pageref_bench_free_folio },
	{ "free-batch", pageref_bench_free_batch },
};

struct bench_thread {
	const struct bench_workload *workload;
	struct completion done;
	unsigned long ops;
	u64 ns;
};

static atomic_t bench_ready;
static atomic_t bench_go;

static int bench_thread_fn(void *arg)
{
	struct bench_thread *t = arg;
	u64 start, now, end_ns = (u64)ms * NSEC_PER_MSEC;

	/* Start together: every thread is running on its CPU before any measures. */
	atomic_inc(&bench_ready);
	while (!atomic_read(&bench_go))
		cpu_relax();

	start = ktime_get_ns();
	do {
		t->ops += t->workload->loop(CHUNK);
		now = ktime_get_ns();
		cond_resched();
	} while (now - start < end_ns);
	t->ns = now - start;
	complete(&t->done);
	return 0;
}

static int bench_one(const struct bench_workload *w, unsigned int nr)
{
	struct bench_thread *t;
	char *line, *p, *end;
	unsigned int i;

	t = kcalloc(nr, sizeof(*t), GFP_KERNEL);
	line = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!t || !line) {
		kfree(t);
		kfree(line);
		return -ENOMEM;
	}
	atomic_set(&bench_ready, 0);
	atomic_set(&bench_go, 0);
	for (i = 0; i < nr; i++) {
		struct task_struct *task;

		t[i].workload = w;
		init_completion(&t[i].done);
		task = kthread_run_on_cpu(bench_thread_fn, &t[i], i, "prbench/%u");
		if (IS_ERR(task))
			panic("pageref_bench: no kthread on CPU %u\n", i);
	}
	while (atomic_read(&bench_ready) < nr)
		cond_resched();
	atomic_set(&bench_go, 1);
	for (i = 0; i < nr; i++)
		wait_for_completion(&t[i].done);

	p = line;
	end = line + PAGE_SIZE;
	p += scnprintf(p, end - p, "{\"workload\":\"%s\",\"threads\":%u,\"ms\":%u,\"ops\":[",
		       w->name, nr, ms);
	for (i = 0; i < nr; i++)
		p += scnprintf(p, end - p, "%s%lu", i ? "," : "", t[i].ops);
	p += scnprintf(p, end - p, "],\"ns\":[");
	for (i = 0; i < nr; i++)
		p += scnprintf(p, end - p, "%s%llu", i ? "," : "", t[i].ns);
	scnprintf(p, end - p, "]}");
	pr_info("%s\n", line);
	kfree(line);
	kfree(t);
	return 0;
}

static int __init bench_setup_file(void)
{
	static const char text[64] = "pageref in-kernel benchmark: one page of a tmpfs file";
	loff_t pos = 0;

	bench_file = shmem_kernel_file_setup("pageref-bench", PAGE_SIZE,
					     mk_vma_flags(VMA_NORESERVE_BIT));
	if (IS_ERR(bench_file))
		return PTR_ERR(bench_file);
	if (kernel_write(bench_file, text, sizeof(text), &pos) != sizeof(text))
		return -EIO;
	/* Our reference keeps the folio's count above 1 for the whole run. */
	bench_folio = shmem_read_folio(bench_file->f_mapping, 0);
	return PTR_ERR_OR_ZERO(bench_folio);
}

static bool bench_selected(const char *name)
{
	size_t len = strlen(name);
	const char *p = workloads;

	while ((p = strstr(p, name))) {
		if ((p == workloads || p[-1] == ',') && (p[len] == ',' || !p[len]))
			return true;
		p += len;
	}
	return false;
}

static int __init pageref_bench_init(void)
{
	unsigned int nr, i, max;
	int err;

	if (!run)
		return 0;
	max = threads ? min(threads, num_online_cpus()) : num_online_cpus();
	err = bench_setup_file();
	if (err)
		panic("pageref_bench: no tmpfs file (%d)\n", err);
	pr_info("{\"start\":1,\"cpus\":%u,\"ms\":%u,\"folio_count\":%d}\n",
		num_online_cpus(), ms, folio_ref_count(bench_folio));
	for (i = 0; i < ARRAY_SIZE(bench_workloads); i++) {
		if (!bench_selected(bench_workloads[i].name))
			continue;
		for (nr = 1; nr <= max; nr++)
			if (bench_one(&bench_workloads[i], nr))
				panic("pageref_bench: out of memory\n");
	}
	pr_info("{\"end\":1,\"folio_count\":%d}\n", folio_ref_count(bench_folio));
	kernel_power_off();
	return 0;
}
late_initcall(pageref_bench_init);
