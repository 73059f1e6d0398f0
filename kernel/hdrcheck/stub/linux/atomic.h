#ifndef STUB_ATOMIC_H
#define STUB_ATOMIC_H
/* userspace stand-ins for the kernel atomics page_ref.h uses (GCC builtins, seq_cst) */
#include <stdbool.h>
#include <stdio.h>
typedef struct { int counter; } atomic_t;
#define atomic_read(v) __atomic_load_n(&(v)->counter, __ATOMIC_RELAXED)
#define atomic_read_acquire(v) __atomic_load_n(&(v)->counter, __ATOMIC_ACQUIRE)
#define atomic_set(v, i) __atomic_store_n(&(v)->counter, (i), __ATOMIC_RELAXED)
#define atomic_set_release(v, i) __atomic_store_n(&(v)->counter, (i), __ATOMIC_RELEASE)
#define atomic_add(i, v) ((void)__atomic_add_fetch(&(v)->counter, (i), __ATOMIC_RELAXED))
#define atomic_sub(i, v) ((void)__atomic_sub_fetch(&(v)->counter, (i), __ATOMIC_RELAXED))
#define atomic_inc(v) atomic_add(1, v)
#define atomic_dec(v) atomic_sub(1, v)
#define atomic_add_return(i, v) __atomic_add_fetch(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_add_return_relaxed(i, v) __atomic_add_fetch(&(v)->counter, (i), __ATOMIC_RELAXED)
/* injection points: after a put's decrement reaches 0, after a failed cmpxchg */
extern void (*zero_hook)(atomic_t *), (*cmpxchg_fail_hook)(atomic_t *);
extern int zeros_stored;
static inline int stub_sub_return(atomic_t *v, int i)
{
	int r = __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
	if (r == 0) {
		void (*h)(atomic_t *) = zero_hook;
		zeros_stored++;
		zero_hook = 0;
		if (h)
			h(v);
	}
	return r;
}
static inline bool stub_try_cmpxchg(atomic_t *v, int *po, int n, int mo)
{
	bool ok = __atomic_compare_exchange_n(&v->counter, po, n, 0, mo, __ATOMIC_RELAXED);
	if (ok && n == 0)
		zeros_stored++;
	if (!ok) {
		void (*h)(atomic_t *) = cmpxchg_fail_hook;
		cmpxchg_fail_hook = 0;
		if (h)
			h(v);
	}
	return ok;
}
#define atomic_sub_return(i, v) stub_sub_return((v), (i))
#define atomic_sub_return_relaxed(i, v) __atomic_sub_fetch(&(v)->counter, (i), __ATOMIC_RELAXED)
#define atomic_inc_return(v) atomic_add_return(1, v)
#define atomic_dec_return(v) atomic_sub_return(1, v)
#define atomic_inc_return_relaxed(v) atomic_add_return_relaxed(1, v)
#define atomic_dec_return_relaxed(v) atomic_sub_return_relaxed(1, v)
#define atomic_sub_and_test(i, v) (atomic_sub_return(i, v) == 0)
#define atomic_dec_and_test(v) (atomic_dec_return(v) == 0)
#define atomic_add_unless(v, a, u) ({ int _c = atomic_read(v); bool _r = false; \
	while (_c != (u) && !__atomic_compare_exchange_n(&(v)->counter, &_c, _c + (a), 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) ; \
	_r = _c != (u); _r; })
#define atomic_cmpxchg(v, o, n) ({ int _o = (o); __atomic_compare_exchange_n(&(v)->counter, &_o, (n), 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED); _o; })
#define atomic_try_cmpxchg(v, po, n) stub_try_cmpxchg((v), (po), (n), __ATOMIC_SEQ_CST)
#define atomic_try_cmpxchg_acquire(v, po, n) stub_try_cmpxchg((v), (po), (n), __ATOMIC_ACQUIRE)
#define atomic_try_cmpxchg_relaxed(v, po, n) __atomic_compare_exchange_n(&(v)->counter, (po), (n), 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)
#define atomic_or(i, v) ((void)__atomic_or_fetch(&(v)->counter, (i), __ATOMIC_SEQ_CST))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#define IS_ENABLED(x) 1
#define CONFIG_DEBUG_VM 1
#define rcu_read_lock() do { } while (0)
#define rcu_read_unlock() do { } while (0)
extern int warnings, bugs;
#define VM_WARN_ON_ONCE_PAGE(c, p) ({ int _w = !!(c); if (_w) { warnings++; printf("    (VM_WARN_ON_ONCE_PAGE(%s) raw %#x)\n", #c, (unsigned)(p)->_refcount.counter); } _w; })
#define VM_WARN_ON_ONCE_FOLIO(c, f) VM_WARN_ON_ONCE_PAGE(c, &(f)->page)
#define VM_WARN_ON_ONCE(c) ({ int _w = !!(c); if (_w) warnings++; _w; })
#define VM_BUG_ON_PAGE(c, p) do { if (c) { bugs++; printf("    VM_BUG_ON_PAGE(%s) raw %#x: kernel BUG\n", #c, (unsigned)(p)->_refcount.counter); } } while (0)
#define VM_BUG_ON(c) do { if (c) { bugs++; printf("    VM_BUG_ON(%s): kernel BUG\n", #c); } } while (0)
#endif
