/* SPDX-License-Identifier: MIT */
/*
 * lab/schemes/scheme.h - every compared design behind one operation set.
 *
 * Each scheme is one header in lab/schemes/ (ours is include/pageref/pageref.h)
 * defining static inline pageref_<id>_<op>() functions; each.h lists them
 * and instantiates a body header once per scheme. Tools that pick a scheme
 * at run time (the checker, the torture simulation, the unit tests) use
 * this table (table_entry.h); the benchmarks instantiate their own loops
 * (lab/bench/loops_body.h) so that the timed loops call the inline operations
 * directly. Known-bad variants live only here, never in the installed
 * library.
 */
#ifndef PAGEREF_SCHEME_H
#define PAGEREF_SCHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pageref/atomic.h>

/* Flags: what a scheme is and which operations and contracts it supports. */
#define PAGEREF_SCHEME_BAD	(1u << 0)	/* known-bad: exists to be caught */
#define PAGEREF_SCHEME_FREEZE	(1u << 1)	/* freeze() and unfreeze() */
#define PAGEREF_SCHEME_PUT_LAST	(1u << 2)	/* put_last() is its own entry point */
#define PAGEREF_SCHEME_REUSE	(1u << 3)	/* memory reused with no grace period (struct page) */
#define PAGEREF_SCHEME_BOUNDED	(1u << 4)	/* any number of failed try-gets is safe */
#define PAGEREF_SCHEME_RACY	(1u << 5)	/* orders too weak: races on the object under C11 */
#define PAGEREF_SCHEME_CEILING	(1u << 6)	/* a live count saturates at PAGEREF_COUNT_MAX */
#define PAGEREF_SCHEME_KERNEL	(1u << 7)	/* the kernel's own page_ref.h: a live count
						 * may take references up to bit 31 */
#define PAGEREF_SCHEME_TYPESAFE	(1u << 8)	/* init is a release: an identity re-check of the
						 * object's own fields after a try-get is safe */

/* While each.h instantiates a body: SCHEME_OP(tryget) is pageref_v1_tryget. */
#define PAGEREF_PASTE_(a, b)	a##_##b
#define PAGEREF_PASTE(a, b)	PAGEREF_PASTE_(a, b)
#define SCHEME_OP(op)		PAGEREF_PASTE(SCHEME, op)

struct pageref_scheme {
	const char *name;
	const char *summary;
	unsigned int flags;
	void (*init)(pageref_t *r, uint32_t count);
	void (*init_frozen)(pageref_t *r);
	bool (*tryget)(pageref_t *r, uint32_t nr);
	void (*get)(pageref_t *r, uint32_t nr);
	bool (*put)(pageref_t *r, uint32_t nr);
	bool (*put_last)(pageref_t *r, uint32_t nr);
	bool (*freeze)(pageref_t *r, uint32_t expected);
	void (*unfreeze)(pageref_t *r, uint32_t count);
	uint32_t (*count)(const pageref_t *r);
	bool (*is_frozen)(const pageref_t *r);
};

extern const struct pageref_scheme pageref_schemes[];
extern const size_t pageref_nr_schemes;

/* NULL if no scheme has that name. */
const struct pageref_scheme *pageref_scheme_find(const char *name);

/* scheme_select()'s @needs: what every selected scheme must be. */
#define SCHEME_NEEDS_ANY	0u
#define SCHEME_NEEDS_CORRECT	(1u << 0)	/* no known-bad one: the benchmarks time none */

/* Schemes chosen by name; a NAME/put entry is NAME with put() as its put_last(). */
struct scheme_selection {
	size_t nr;
	struct pageref_scheme scheme[];
};

/*
 * scheme_select - the schemes a --scheme value names, in the lab's one syntax:
 * a name, a comma-separated list of them, NAME/put (the scheme through its
 * put() entry point only, for one with a put_last() of its own), or all,
 * correct, bad (in table order: correct ones, then known-bad ones).
 * Return: a selection to free(), or NULL with the reason in *@why.
 */
struct scheme_selection *scheme_select(const char *spec, unsigned int needs, const char **why);

/* "tryget put freeze ..." for @s, into @buf. */
const char *pageref_scheme_ops(const struct pageref_scheme *s, char *buf, size_t len);

/* For schemes without freeze: called only by mistake. */
_Noreturn void pageref_scheme_unsupported(const char *scheme, const char *op);

#endif /* PAGEREF_SCHEME_H */
