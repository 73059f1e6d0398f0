/* SPDX-License-Identifier: MIT */
/*
 * lab/schemes/each.h - instantiate SCHEME_BODY once per scheme, in table order.
 *
 * Define SCHEME_BODY as a header name and include this file. For each
 * scheme it defines
 *   SCHEME          the prefix of its operations: SCHEME_OP(tryget) is
 *                   pageref_v1_tryget() while v1 is instantiated
 *   SCHEME_NAME     its name, as --scheme takes it
 *   SCHEME_FLAGS    PAGEREF_SCHEME_* (scheme.h), usable in #if
 *   SCHEME_SUMMARY  one line for 'pageref schemes'
 * then includes SCHEME_BODY and undefines the four (scheme_end.h). The
 * body is plain C: the table's entry (registry.c), the benchmark's loops
 * and rows (lab/bench/loops.c). Ours is the public API itself (prefix pageref).
 *
 * The kernel schemes (lab/kernel/) compile the kernel's own page_ref.h, one
 * translation unit each: their operations here are out-of-line functions,
 * and a body that defines code to inline (the benchmarks' loops) names a
 * SCHEME_BODY_KERNEL to include for them instead (lab/kernel/loops_decl.h).
 */

#define SCHEME		pageref
#define SCHEME_NAME	"pageref"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_CEILING | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_PUT_LAST | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED | \
			 PAGEREF_SCHEME_TYPESAFE)
#define SCHEME_SUMMARY	"ours: fetch-add try-get; put_last() drops and freezes in one CAS"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_upstream
#define SCHEME_NAME	"upstream"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"today's kernel: 0 is frozen, try-get is the atomic_add_unless CAS loop"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_assume1
#define SCHEME_NAME	"assume1"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"Linus' Mar 2026 CAS loop that guesses count == 1 instead of reading"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_v1
#define SCHEME_NAME	"v1"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_RACY | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"the patch as posted in v1: LOCKED bit, add_return, relaxed CAS reset loop"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_v5
#define SCHEME_NAME	"v5"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_RACY | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"the series' v5 as posted (linux-mm ae6cb930): FROZEN bit, relaxed freezing CAS, no ceiling"
#include SCHEME_BODY
#include "scheme_end.h"

#ifdef SCHEME_BODY_KERNEL
#define SCHEME_KERNEL_BODY	SCHEME_BODY_KERNEL
#else
#define SCHEME_KERNEL_BODY	SCHEME_BODY
#endif

#define SCHEME		pageref_kernel
#define SCHEME_NAME	"kernel"
/*
 * Its put_last is page_ref_sub_and_freeze() (patch 4), but without
 * PAGEREF_SCHEME_PUT_LAST the checker tries put() only: with it, each
 * putter's choice doubles the scenarios' interleavings (over 5 min for
 * this scheme alone; doc/verification.md has that run).
 */
#define SCHEME_FLAGS	(PAGEREF_SCHEME_KERNEL | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"the kernel's page_ref.h and mm/page_ref.c with kernel/v3 applied, compiled unchanged"
#include SCHEME_KERNEL_BODY
#include "scheme_end.h"

#define SCHEME		pageref_kernel_base
#define SCHEME_NAME	"kernel-base"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_KERNEL | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"the kernel's page_ref.h as its base (kernel/base.env) ships it: 0 is frozen"
#include SCHEME_KERNEL_BODY
#include "scheme_end.h"

#define SCHEME		pageref_rcuref
#define SCHEME_NAME	"rcuref"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"Gleixner's lib/rcuref.c zones (refs - 1, NOREF -> DEAD); needs RCU, no freeze"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_sticky
#define SCHEME_NAME	"sticky"
#define SCHEME_FLAGS	(0)
#define SCHEME_SUMMARY	"wait-free sticky counter (Anderson, Blelloch, Wei 2022) with help bit; no freeze"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_v1_or
#define SCHEME_NAME	"v1-or"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_BAD | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"bad: the last put sets the bit with atomic_or instead of CAS(0 -> LOCKED)"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_v1_dec_undo
#define SCHEME_NAME	"v1-dec-undo"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_BAD | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"bad: a failed try-get undoes its increment with atomic_dec"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_v1_store_zero
#define SCHEME_NAME	"v1-store-zero"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_BAD | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"bad: the free path stores 0, as set_page_count(0) did"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_v1_no_reset
#define SCHEME_NAME	"v1-no-reset"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_BAD | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"bad: no reset loop; stray increments carry into a live count"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_v1_reread
#define SCHEME_NAME	"v1-reread"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_BAD | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"bad: the reset re-reads the counter instead of CASing its own result"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_david_keep
#define SCHEME_NAME	"david-keep"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_BAD | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"bad: freeze keeps the references, undo is atomic_dec (David's alternative)"
#include SCHEME_BODY
#include "scheme_end.h"

#define SCHEME		pageref_kernel_or_freeze
#define SCHEME_NAME	"kernel-or-freeze"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_KERNEL | PAGEREF_SCHEME_BAD | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"bad: the kernel header with kernel/v3/known-bad/or-freeze.patch: the last put's atomic_or"
#include SCHEME_KERNEL_BODY
#include "scheme_end.h"

#define SCHEME		pageref_kernel_ceiling
#define SCHEME_NAME	"kernel-ceiling"
#define SCHEME_FLAGS	(PAGEREF_SCHEME_KERNEL | PAGEREF_SCHEME_BAD | PAGEREF_SCHEME_FREEZE | PAGEREF_SCHEME_REUSE | PAGEREF_SCHEME_BOUNDED)
#define SCHEME_SUMMARY	"bad: the kernel header with kernel/v3/known-bad/ceiling.patch (v2's ceiling refusal)"
#include SCHEME_KERNEL_BODY
#include "scheme_end.h"

#undef SCHEME_KERNEL_BODY
