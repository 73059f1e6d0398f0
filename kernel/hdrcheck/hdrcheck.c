/*
 * The series' include/linux/page_ref.h (or v1's, with -DV1 -I its tree), compiled
 * in userspace over the lab's kernel shim (lab/kernel/shim/, the one that
 * compiles the kernel's header for the lab's checker, torture and benchmarks)
 * with C11 atomics and hdrcheck's injection points (atomic_hdrcheck.h, the
 * shim's atomic layer's backend), driven through the
 * sequences of the KUnit tests for the v2 fixes, with the getter, the
 * revival and the reallocation injected between the steps of a put through
 * hooks in the atomics.  The site code (mm.h, memory-failure.c) is each
 * version's, copied below.  sh kernel/hdrcheck/run.sh builds and runs both.
 */
#include <stdio.h>
#include <linux/atomic.h>
#include <linux/page_ref.h>
int warnings, bugs, zeros_stored;
void (*zero_hook)(void *), (*cmpxchg_fail_hook)(void *);
static unsigned raw(struct page *p);
/* The shim's VM_BUG_ON*() and VM_WARN_ON*(): counted, the kernel goes on */
void kshim_report(bool bug, const char *cond, const char *file, int line, const void *p)
{
	(void)file; (void)line;
	if (bug)
		bugs++;
	else
		warnings++;
	if (p)
		printf("    %s(%s) raw %#x%s\n", bug ? "VM_BUG_ON_PAGE" : "(VM_WARN_ON_ONCE_PAGE", cond,
		       raw((struct page *)p), bug ? ": kernel BUG" : ")");
	else if (bug)
		printf("    VM_BUG_ON(%s): kernel BUG\n", cond);
}
/* Not reached: the word is 32 bits (PAGEREF_COUNT_BITS 31), the map the identity */
void kshim_out_of_model(uint32_t v)
{
	(void)v;
}
static struct page *demo_page;
static int later_life;
/* mm.h's put_page_testzero_last(): v1 has a VM_BUG_ON in front, v2 none */
static bool put_page_testzero_last(struct page *page)
{
	return page_ref_sub_and_test_last(page, 1);
}
/* @v: the page's _refcount (the shim's atomic_t, whose first member is the word) */
static void getter_drops(void *v)
{
	atomic_sub(1, (atomic_t *)v);	/* 2 -> 1, past the hooks */
}
static void revive_free_realloc(void *v)
{
	struct page *page = demo_page;
	(void)v;
	/* a try-get revives the transient 0; its put freezes and frees it ... */
	if (!page_ref_add_unless_frozen(page, 1))
		return;
	if (!page_ref_dec_and_test(page))
		return;
	/* ... the allocator hands it out again (set_page_refcounted()) ... */
	set_page_count(page, 1);
	later_life = 1;
	/* ... and its new owner's put reaches 0 (its cmpxchg comes later) */
	atomic_sub(1, &page->_refcount);	/* past the hooks */
}
static int fails;
#define CHECK(cond) do { if (!(cond)) { fails++; printf("  FAIL %s:%d: %s  (raw %#x)\n", __FILE__, __LINE__, #cond, raw(page)); } } while (0)
static unsigned raw(struct page *p) { return (unsigned)atomic_read(&p->_refcount); }
static void set_raw(struct page *p, unsigned v) { atomic_set(&p->_refcount, (int)v); }
static bool get_page_unless_zero(struct page *page)
{
#ifdef V1
	return page_ref_add_unless_frozen(page, 1);	/* v1 mm.h */
#else
	return page_ref_add_unless_frozen(page, 1);	/* v2 mm.h */
#endif
}
/* bugs 4 and 5: the reference memory-failure / virtio-mem take on a page they keep */
static void keep_page(struct page *page)
{
#ifdef V1
	/* v1 mm/memory-failure.c page_handle_poison() */
	if (!page_ref_count(page))
		page_ref_unfreeze(page, 1);
	else
		page_ref_inc(page);
#else
	/* v2 include/linux/mm.h get_page_or_unfreeze() */
	if (!get_page_unless_zero(page))
		page_ref_unfreeze(page, 1);
#endif
}
int main(void)
{
	struct folio f = { 0 }, *folio = &f;
	struct page *page = &f.page;
	int i;

	printf("bug 2: try-gets at and past the ceiling\n");
	set_page_count(page, PAGE_REF_COUNT_MAX);
	for (i = 0; i < 4096; i++)
		if (folio_try_get(folio))
			break;
	CHECK(i == 4096);
	CHECK(raw(page) == PAGE_REF_COUNT_MAX);
	set_page_count(page, PAGE_REF_COUNT_MAX - 1);
	CHECK(!folio_ref_try_add(folio, 2));
	CHECK(raw(page) == PAGE_REF_COUNT_MAX - 1);
	set_raw(page, PAGE_REF_FROZEN - 1);
	for (i = 0; i < 4096; i++)
		if (folio_try_get(folio))
			break;
	CHECK(i == 4096);
	CHECK(raw(page) == PAGE_REF_FROZEN - 1);
	CHECK(!page_ref_is_frozen(page));

	printf("bugs 4/5: keeping a page whose last reference may have just gone\n");
	set_page_count(page, 1);	keep_page(page);	CHECK(raw(page) == 2);
	set_raw(page, PAGE_REF_FROZEN + 3);	keep_page(page);	CHECK(raw(page) == 1);
	/* a getter's put between its decrement and its cmpxchg */
	set_page_count(page, 1);
	CHECK(atomic_dec_and_test(&page->_refcount));
	bugs = 0;
	keep_page(page);
	CHECK(bugs == 0);
	CHECK(raw(page) == 1);
	CHECK(!page_ref_freeze_zero(page));	/* the getter's cmpxchg fails */
	CHECK(raw(page) == 1);
	/* read 1, then the getter's put freezes the page, then act: v1 incremented a frozen count */
	set_page_count(page, 1);
#ifdef V1
	{ int seen = page_ref_count(page);		/* v1's test reads 1 ... */
	  CHECK(page_ref_dec_and_test(page));	/* ... the getter's last put freezes ... */
	  if (!seen) page_ref_unfreeze(page, 1); else page_ref_inc(page);	/* ... v1 increments */
	}
#else
	CHECK(page_ref_dec_and_test(page));	/* v2 reads nothing before: the try-get finds it frozen */
	keep_page(page);
#endif
	CHECK(raw(page) == 1);

	printf("bug 3: __free_pages()'s put (put_page_testzero_last()) with a getter's put, a revival and a reallocation injected between its steps\n");
	set_page_count(page, 2);	/* the owner's reference, and a speculative getter's */
	zeros_stored = 0;
	demo_page = page;
	cmpxchg_fail_hook = getter_drops;	/* the getter drops its reference after the first guess failed */
	zero_hook = revive_free_realloc;	/* in the window, if there is one: a later life */
	later_life = 0;
	{
		bool owner_frees = put_page_testzero_last(page);
		/* the owner would now free_unref_page(page, order) */
		CHECK(!(owner_frees && later_life));	/* it must not end the later life */
		CHECK(zeros_stored == 0);		/* no 0 a try-get could revive */
	}
	printf("%s: %d failed checks, %d VM_BUG_ONs hit, %d VM_WARNs\n",
#ifdef V1
	       "v1",
#else
	       "v2",
#endif
	       fails, bugs, warnings);
	return fails != 0;
}
