/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/scheme_body.h - the table's functions of one kernel scheme:
 * define KSCHEME (its prefix, e.g. pageref_kernel) and KSCHEME_SERIES, then
 * include this. Each is the header's inline code compiled out of line here.
 */
#include "schemes.h"

#define SCHEME		PAGEREF_PASTE(KSCHEME, inl)
#include "ops.h"

#define KSCHEME_OP(op)	PAGEREF_PASTE(KSCHEME, op)
#define KSCHEME_FN(ret, op, params, args)				\
	ret KSCHEME_OP(op) params					\
	{								\
		return SCHEME_OP(op) args;				\
	}
#define KSCHEME_VOID_FN(op, params, args)				\
	void KSCHEME_OP(op) params					\
	{								\
		SCHEME_OP(op) args;					\
	}

KSCHEME_VOID_FN(init, (pageref_t *r, uint32_t count), (r, count))
KSCHEME_VOID_FN(init_frozen, (pageref_t *r), (r))
KSCHEME_FN(bool, tryget, (pageref_t *r, uint32_t nr), (r, nr))
KSCHEME_VOID_FN(get, (pageref_t *r, uint32_t nr), (r, nr))
KSCHEME_FN(bool, put, (pageref_t *r, uint32_t nr), (r, nr))
KSCHEME_FN(bool, put_last, (pageref_t *r, uint32_t nr), (r, nr))
KSCHEME_FN(bool, freeze, (pageref_t *r, uint32_t expected), (r, expected))
KSCHEME_VOID_FN(unfreeze, (pageref_t *r, uint32_t count), (r, count))
KSCHEME_FN(uint32_t, count, (const pageref_t *r), (r))
KSCHEME_FN(bool, is_frozen, (const pageref_t *r), (r))
