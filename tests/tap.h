/* SPDX-License-Identifier: MIT */
/*
 * A tiny TAP producer: "ok N - name" per check, "1..N" and a closing
 * "N passed, N failed" line at the end. Failed checks print both operands.
 */
#ifndef PAGEREF_TESTS_TAP_H
#define PAGEREF_TESTS_TAP_H

#include <stdbool.h>
#include <stdint.h>

void tap_ok(bool cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void tap_is_u32(uint32_t got, uint32_t want, const char *expr, const char *file, int line,
		const char *name);
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the plan and the closing line; returns the exit status. */
int tap_done(void);

#define ok(cond, ...)		tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_u32(got, want, name)	tap_is_u32((got), (want), #got, __FILE__, __LINE__, (name))

/* The suites, one per file. */
void test_schemes(void);
void test_pageref(void);
void test_page_ref(void);
void test_v5(void);
void test_misuse(void);
void test_smoke(void);

/* tests/test_misuse.c: `unit --misuse-env-child`, the program PAGEREF_MISUSE is tested in. */
#define MISUSE_ENV_CHILD "--misuse-env-child"
int misuse_env_child(void);

/* tests/page_ref_release.c: page_ref_sub() built with PAGEREF_DEBUG 0. */
struct page;
void page_ref_sub_release(struct page *page, int nr);

/* tests/page_ref_release.c: pageref.h's calls as a release build makes them. */
struct pageref;
struct pageref_ops {
	const char *build;
	void (*init)(struct pageref *r, uint32_t count);
	void (*init_frozen)(struct pageref *r);
	void (*get)(struct pageref *r, uint32_t nr);
	bool (*tryget)(struct pageref *r, uint32_t nr);
	bool (*put)(struct pageref *r, uint32_t nr);
	void (*unfreeze)(struct pageref *r, uint32_t count);
};
extern const struct pageref_ops pageref_release_ops;

#endif /* PAGEREF_TESTS_TAP_H */
