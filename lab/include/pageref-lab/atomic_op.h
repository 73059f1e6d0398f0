/* SPDX-License-Identifier: MIT */
/*
 * pageref-lab/atomic_op.h - which access a lab backend of the atomic layer
 * is about to make: the checker schedules on it and names it in traces, the
 * chaos hook may stall before it.
 */
#ifndef PAGEREF_LAB_ATOMIC_OP_H
#define PAGEREF_LAB_ATOMIC_OP_H

enum pageref_atomic_op {
	PAGEREF_OP_LOAD,
	PAGEREF_OP_STORE,
	PAGEREF_OP_FETCH_ADD,
	PAGEREF_OP_FETCH_SUB,
	PAGEREF_OP_FETCH_OR,
	PAGEREF_OP_FETCH_AND,
	PAGEREF_OP_XCHG,
	PAGEREF_OP_CMPXCHG,
	PAGEREF_NR_OPS
};

#endif /* PAGEREF_LAB_ATOMIC_OP_H */
