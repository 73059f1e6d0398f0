/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/schemes.h - the kernel schemes' entries of the table: each
 * operation is an out-of-line function of its own translation unit
 * (lab/kernel/kernel*.c), which compiled the kernel's page_ref.h.
 */
#ifndef PAGEREF_KERNEL_SCHEMES_H
#define PAGEREF_KERNEL_SCHEMES_H

#include "scheme.h"

#define KSCHEME_DECLARE(prefix)								\
	void prefix##_init(pageref_t *r, uint32_t count);				\
	void prefix##_init_frozen(pageref_t *r);					\
	bool prefix##_tryget(pageref_t *r, uint32_t nr);				\
	void prefix##_get(pageref_t *r, uint32_t nr);					\
	bool prefix##_put(pageref_t *r, uint32_t nr);					\
	bool prefix##_put_last(pageref_t *r, uint32_t nr);				\
	bool prefix##_freeze(pageref_t *r, uint32_t expected);				\
	void prefix##_unfreeze(pageref_t *r, uint32_t count);				\
	uint32_t prefix##_count(const pageref_t *r);					\
	bool prefix##_is_frozen(const pageref_t *r)

KSCHEME_DECLARE(pageref_kernel);
KSCHEME_DECLARE(pageref_kernel_base);
KSCHEME_DECLARE(pageref_kernel_or_freeze);
KSCHEME_DECLARE(pageref_kernel_ceiling);

#endif /* PAGEREF_KERNEL_SCHEMES_H */
