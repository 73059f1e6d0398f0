// SPDX-License-Identifier: MIT
/* Compiled to assembly by asm_tryget.sh: what the fast paths cost on the CPU. */
#include <pageref/pageref.h>

bool asm_tryget(pageref_t *r);
bool asm_tryget_nr(pageref_t *r, uint32_t nr);
bool asm_put(pageref_t *r);
bool asm_put_last(pageref_t *r);

bool asm_tryget(pageref_t *r)
{
	return pageref_tryget(r, 1);
}

/* @nr not a constant: its range check is not folded away. */
bool asm_tryget_nr(pageref_t *r, uint32_t nr)
{
	return pageref_tryget(r, nr);
}

bool asm_put(pageref_t *r)
{
	return pageref_put(r, 1);
}

bool asm_put_last(pageref_t *r)
{
	return pageref_put_last(r, 1);
}
