/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/shim/kshim.h - what the kernel's include/linux/page_ref.h needs,
 * in userspace, so that the header compiles unchanged (as tools/testing/vma/
 * compiles mm/vma.c): struct page and struct folio with _refcount, the
 * atomic_t operations it calls, VM_BUG_ON*()/VM_WARN_ON*() as reports,
 * WARN_ON_ONCE() (mm/page_ref.c's), tracepoint stubs, rcu_read_lock(),
 * synchronize_rcu(), EXPORT_SYMBOL(), page_is_fake_head(). The headers
 * under shim/linux/ (and shim/internal.h, for mm/page_ref.c's
 * #include "internal.h") are each one line that includes this file.
 *
 * Every kernel name is a macro for a kshim_ one, so that lab/kernel/end.h can
 * take the names back after the header: a translation unit may then include
 * the library's own pageref/page_ref.h too (the benchmarks' page cache does).
 *
 * atomic_t is the lab's pageref_t: each operation is one call of the atomic
 * layer (include/pageref/atomic.h), whose backend the checker and the
 * torture replace, with the LKMM's orders:
 *   value-returning RMWs, cmpxchg on success    seq_cst RMW, between two
 *                                               KSHIM_FULL_FENCE()s (seq_cst
 *                                               fences in the checker's build)
 *   _relaxed, _acquire, _release                as named
 *   void RMWs (atomic_add(), atomic_inc(), ...) relaxed
 *   atomic_read(), atomic_set()                 relaxed
 *   atomic_read_acquire()                       acquire
 *   atomic_set_release()                        release
 *   a failed cmpxchg                            relaxed (it still has the
 *                                               leading fence: stronger)
 *
 * The narrow word. The checker narrows the counter to PAGEREF_COUNT_BITS + 1
 * bits (atomic_check.h); the header's constants are 32-bit ones (bit 31
 * frozen, bit 30 the ceiling). The shim does not touch them: it maps each
 * value between the narrow word and the header's 32 bits by the bits that
 * carry the header's meaning,
 *   narrow bit PAGEREF_COUNT_BITS      <-> bit 31 (PAGE_REF_FROZEN)
 *   narrow bit PAGEREF_COUNT_BITS - 1  <-> bit 30 (PAGE_REF_COUNT_MAX)
 *   narrow bits below it               <-> bits 0.. of the count
 * so the header runs as if 2^30 were 2^(PAGEREF_COUNT_BITS - 1): the same
 * comparisons against the same constants, a ceiling and a reset limit a
 * few steps away. The arithmetic is the narrow word's (the backend wraps
 * it). A 32-bit value the header stores that has a bit between the two
 * regions set is outside the model and is reported (kshim_out_of_model()).
 * At PAGEREF_COUNT_BITS 31 (torture, benchmarks) the map is the identity.
 */
#ifndef PAGEREF_KSHIM_H
#define PAGEREF_KSHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pageref/atomic.h>
#include <pageref/pageref.h>

/*
 * The LKMM's fully ordered RMW is a full barrier on each side of the
 * access. In the checker's build it is the RMW between two
 * pageref_atomic_fence(memory_order_seq_cst), which the checker's model
 * takes into its seq_cst order (doc/verification.md, "seq_cst"). Only
 * there: in the timed and tortured builds (x86-64) the lock-prefixed
 * instruction is the full barrier, as in the kernel, and an mfence on each
 * side would be timed.
 */
#ifdef PAGEREF_LAB_ATOMIC_CHECK_H
#define KSHIM_FULL_FENCE()	pageref_atomic_fence(memory_order_seq_cst)
#else
#define KSHIM_FULL_FENCE()	do { } while (0)
#endif

/* ---- compiler and config ------------------------------------------------ */
#ifndef __always_inline		/* glibc's <sys/cdefs.h> has one */
#define __always_inline		inline __attribute__((always_inline))
#endif
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define IS_ENABLED(option)	(option)
/*
 * CONFIG_DEBUG_VM: 1 as in the series' test configuration (kernel/config.fragment),
 * where VM_BUG_ON*() and VM_WARN_ON*() evaluate their conditions; the
 * checker's build sets KSHIM_DEBUG_VM=0 (as a production kernel): each of
 * those conditions is one more load of the counter, a scheduling point, and
 * its ghost invariants check more than they do.
 */
#ifndef KSHIM_DEBUG_VM
#define KSHIM_DEBUG_VM		1
#endif
#define CONFIG_DEBUG_VM		KSHIM_DEBUG_VM
/* CONFIG_DEBUG_PAGE_REF off: page_ref_tracepoint_active() is false. */

/* ---- reports: VM_BUG_ON*() and VM_WARN_ON*() ------------------------------ */
/*
 * Each counts as a misuse report of the lab (pageref_misuse_count()), which
 * the checker's invariants and the torture treat as a failure; a BUG obeys
 * the misuse policy (abort by default), a WARN goes on.
 */
void kshim_report(bool bug, const char *cond, const char *file, int line, const void *page);
/* @str: #cond where the caller's macro has it, before "page" became kshim_page */
#if KSHIM_DEBUG_VM
#define KSHIM_REPORT(bug, cond, str, page) \
	__extension__ ({ bool __c = !!(cond); if (unlikely(__c)) kshim_report(bug, str, __FILE__, __LINE__, page); __c; })
#else
/* As the kernel's !CONFIG_DEBUG_VM: the conditions are not evaluated. */
#define KSHIM_REPORT(bug, cond, str, page)	((void)sizeof(cond))
#endif
#define VM_BUG_ON(cond)			((void)KSHIM_REPORT(true, cond, #cond, NULL))
#define VM_BUG_ON_PAGE(cond, page)	((void)KSHIM_REPORT(true, cond, #cond, page))
#define VM_WARN_ON_ONCE(cond)		KSHIM_REPORT(false, cond, #cond, NULL)
#define VM_WARN_ON_ONCE_PAGE(cond, page) KSHIM_REPORT(false, cond, #cond, page)
#define VM_WARN_ON_ONCE_FOLIO(cond, folio) KSHIM_REPORT(false, cond, #cond, folio)
/* WARN_ON_ONCE() is not CONFIG_DEBUG_VM's: evaluated and reported in every build. */
#define WARN_ON_ONCE(cond) \
	__extension__ ({ bool __c = !!(cond); if (unlikely(__c)) kshim_report(false, #cond, __FILE__, __LINE__, NULL); __c; })

/* ---- modules: mm/page_ref.c exports its functions -------------------------- */
#define EXPORT_SYMBOL(sym)	extern int kshim_export_##sym
#define EXPORT_SYMBOL_GPL(sym)	extern int kshim_export_##sym

/* ---- tracepoints: declared, never enabled -------------------------------- */
#define DECLARE_TRACEPOINT(tp)	extern const char kshim_tracepoint_##tp
#define tracepoint_enabled(tp)	false

/* ---- RCU ------------------------------------------------------------------ */
/*
 * The try-get's read-side section protects against HVO remapping the
 * vmemmap; the lab has no HVO, and its memmap is type-stable (the
 * PAGEREF_SCHEME_REUSE contract): a compiler barrier, no scheduling point.
 */
#define rcu_read_lock()		__asm__ __volatile__("" ::: "memory")
#define rcu_read_unlock()	__asm__ __volatile__("" ::: "memory")
/*
 * page_ref_put_sync() (series v3) waits for the puts in read-side sections:
 * the lab never makes its memmap read-only or frees it, and never calls it.
 */
#define synchronize_rcu()	__asm__ __volatile__("" ::: "memory")

/* ---- struct page, struct folio ------------------------------------------ */
#define atomic_t	kshim_atomic_t
#define page		kshim_page
#define folio		kshim_folio

typedef struct {
	pageref_t counter;
} atomic_t;

/* Only _refcount: a struct page * is the lab's pageref_t * (lab/kernel/scheme.h). */
struct page {
	atomic_t _refcount;
};

struct folio {
	union {
		struct {
			atomic_t _refcount;
		};
		struct page page;
	};
};

/* No fake heads: HVO is off (CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP=n). */
#define page_is_fake_head(p)	((void)(p), false)
#define page_folio(p)		((struct folio *)(p))

/* ---- the narrow word ------------------------------------------------------ */
#define KSHIM_WORD_MASK	((uint32_t)((UINT64_C(2) << PAGEREF_COUNT_BITS) - 1))
#define KSHIM_LOW_MASK	(((uint32_t)1 << (PAGEREF_COUNT_BITS - 1)) - 1)

void kshim_out_of_model(uint32_t v);

/* Narrow word -> the header's 32 bits. */
static inline int kshim_wide(uint32_t w)
{
#if PAGEREF_COUNT_BITS == 31
	return (int)w;
#else
	return (int)(((w >> PAGEREF_COUNT_BITS) & 1u) << 31 |
		     ((w >> (PAGEREF_COUNT_BITS - 1)) & 1u) << 30 | (w & KSHIM_LOW_MASK));
#endif
}

/* The header's 32 bits -> the narrow word. */
static inline uint32_t kshim_narrow(int i)
{
	uint32_t v = (uint32_t)i;
#if PAGEREF_COUNT_BITS == 31
	return v;
#else
	if (v & ~(3u << 30) & ~KSHIM_LOW_MASK)
		kshim_out_of_model(v);
	return (v >> 31) << PAGEREF_COUNT_BITS | ((v >> 30) & 1u) << (PAGEREF_COUNT_BITS - 1) |
	       (v & KSHIM_LOW_MASK);
#endif
}

/* ---- atomic_t ------------------------------------------------------------- */
static inline uint32_t kshim_add(atomic_t *v, uint32_t n, memory_order mo)
{
	/* the backend returns the old value for which old + n wraps */
	return (pageref_atomic_fetch_add(&v->counter, n, mo) + n) & KSHIM_WORD_MASK;
}

static inline uint32_t kshim_sub(atomic_t *v, uint32_t n, memory_order mo)
{
	return (pageref_atomic_fetch_sub(&v->counter, n, mo) - n) & KSHIM_WORD_MASK;
}

static inline int kshim_add_return(int i, atomic_t *v)
{
	uint32_t r;

	KSHIM_FULL_FENCE();
	r = kshim_add(v, kshim_narrow(i), memory_order_seq_cst);
	KSHIM_FULL_FENCE();
	return kshim_wide(r);
}

static inline int kshim_sub_return(int i, atomic_t *v)
{
	uint32_t r;

	KSHIM_FULL_FENCE();
	r = kshim_sub(v, kshim_narrow(i), memory_order_seq_cst);
	KSHIM_FULL_FENCE();
	return kshim_wide(r);
}

static inline bool kshim_try_cmpxchg(atomic_t *v, int *old, int new_val, memory_order mo)
{
	uint32_t o = kshim_narrow(*old);
	bool ok;

	if (mo == memory_order_seq_cst)
		KSHIM_FULL_FENCE();
	ok = pageref_atomic_try_cmpxchg(&v->counter, &o, kshim_narrow(new_val), mo,
					memory_order_relaxed);
	if (ok && mo == memory_order_seq_cst)
		KSHIM_FULL_FENCE();
	*old = kshim_wide(o);
	return ok;
}

#define atomic_read(v)		kshim_wide(pageref_atomic_load(&(v)->counter, memory_order_relaxed))
#define atomic_read_acquire(v) \
	kshim_wide(pageref_atomic_load(&(v)->counter, memory_order_acquire))
#define atomic_set(v, i)	pageref_atomic_store(&(v)->counter, kshim_narrow(i), memory_order_relaxed)
#define atomic_set_release(v, i) \
	pageref_atomic_store(&(v)->counter, kshim_narrow(i), memory_order_release)

#define atomic_add(i, v)	((void)kshim_add(v, kshim_narrow(i), memory_order_relaxed))
#define atomic_sub(i, v)	((void)kshim_sub(v, kshim_narrow(i), memory_order_relaxed))
#define atomic_inc(v)		atomic_add(1, v)
#define atomic_dec(v)		atomic_sub(1, v)
#define atomic_or(i, v) \
	((void)pageref_atomic_fetch_or(&(v)->counter, kshim_narrow((int)(i)), memory_order_relaxed))

#define atomic_add_return_relaxed(i, v)	kshim_wide(kshim_add(v, kshim_narrow(i), memory_order_relaxed))
#define atomic_sub_return_relaxed(i, v)	kshim_wide(kshim_sub(v, kshim_narrow(i), memory_order_relaxed))
#define atomic_inc_return_relaxed(v)	atomic_add_return_relaxed(1, v)
#define atomic_dec_return_relaxed(v)	atomic_sub_return_relaxed(1, v)

#define atomic_add_return(i, v)	kshim_add_return(i, v)
#define atomic_sub_return(i, v)	kshim_sub_return(i, v)
#define atomic_inc_return(v)	kshim_add_return(1, v)
#define atomic_dec_return(v)	kshim_sub_return(1, v)
#define atomic_sub_and_test(i, v) (kshim_sub_return(i, v) == 0)
#define atomic_dec_and_test(v)	(kshim_sub_return(1, v) == 0)

#define atomic_try_cmpxchg(v, o, n)		kshim_try_cmpxchg(v, o, (int)(n), memory_order_seq_cst)
#define atomic_try_cmpxchg_acquire(v, o, n)	kshim_try_cmpxchg(v, o, (int)(n), memory_order_acquire)
#define atomic_try_cmpxchg_release(v, o, n)	kshim_try_cmpxchg(v, o, (int)(n), memory_order_release)
#define atomic_try_cmpxchg_relaxed(v, o, n)	kshim_try_cmpxchg(v, o, (int)(n), memory_order_relaxed)

/* Returns the old value; fully ordered on success. */
static inline int kshim_cmpxchg(atomic_t *v, int old, int new_val)
{
	kshim_try_cmpxchg(v, &old, new_val, memory_order_seq_cst);
	return old;
}
#define atomic_cmpxchg(v, o, n)	kshim_cmpxchg(v, (int)(o), (int)(n))

/*
 * atomic_add_unless() as the kernel's generic raw_atomic_fetch_add_unless()
 * (x86-64 uses it): read, then try_cmpxchg(c, c + a) until it wins or reads
 * @u; fully ordered on success. The sum is the narrow word's.
 */
static inline bool kshim_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v);

	do {
		if (unlikely(c == u))
			return false;
	} while (!kshim_try_cmpxchg(v, &c,
				    kshim_wide((kshim_narrow(c) + kshim_narrow(a)) & KSHIM_WORD_MASK),
				    memory_order_seq_cst));
	return true;
}
#define atomic_add_unless(v, a, u)	kshim_add_unless(v, a, u)

#endif /* PAGEREF_KSHIM_H */
