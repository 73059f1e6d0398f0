// SPDX-License-Identifier: MIT
/*
 * The kernel shim's out-of-line parts (lab/kernel/shim/kshim.h): VM_BUG_ON*()
 * and VM_WARN_ON*() reports, and a value outside the narrow model. Each is
 * a misuse report of the lab (pageref_misuse_count()), which the checker
 * and the torture take as a failure.
 */
#include <stdio.h>

#include <pageref/pageref.h>

#include "shim/kshim.h"

void kshim_report(bool bug, const char *cond, const char *file, int line, const void *p)
{
	fprintf(stderr, "kernel: %s(%s) at %s:%d, page %p\n", bug ? "VM_BUG_ON" : "VM_WARN_ON",
		cond, file, line, p);
	if (bug)
		pageref_misuse(PAGEREF_MISUSE_UNDERFLOW, "VM_BUG_ON", p, 0);
	else
		pageref_warn(PAGEREF_MISUSE_UNDERFLOW, "VM_WARN_ON", p, 0);
}

void kshim_out_of_model(uint32_t v)
{
	fprintf(stderr, "kernel shim: the header stored 0x%08x, outside the narrow model "
		"(bits between the count's and bit 30)\n", (unsigned int)v);
	pageref_warn(PAGEREF_MISUSE_OVERFLOW, "kshim_narrow", NULL, v);
}
