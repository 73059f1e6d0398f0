/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/rcu_body.h - the rcu workloads' two loops of SCHEME (urcu_ref or
 * pageref, see rcu_loops.h), in the liburcu build BENCH_RCU_BUILD (default
 * or lgpl): bench_rcu_own_<scheme>_<build> and bench_rcu_cover_<scheme>_<build>.
 * Included by rcu_loops.h once per scheme, in each of rcu.c and rcu_lgpl.c.
 * No include guard.
 *
 * Both loops read one hot entry through an RCU-protected pointer: look it
 * up and try-get it in a read-side section, use it (read its data) outside,
 * and put it. They differ in where the put runs:
 *   own:   after the section, on its own: SCHEME_RCU_OP(put), which for
 *          pageref is pageref_rcu_put() and opens a section of its own
 *   cover: in the next lookup's section, after its try-get (hand over
 *          hand): SCHEME_RCU_OP(put_covered), pageref_rcu_put_rcusafe()
 *          for pageref (urcu.h's example loop)
 * For urcu_ref both puts are urcu_ref_put(): its decrement is the last
 * access, so it needs no section, and a section around it costs nothing
 * more than the one the loop opens anyway.
 * The entry keeps its owner's reference: no try-get may fail and no put may
 * be the last; either counts an error.
 */
#define BENCH_RCU_FN(shape)	PAGEREF_PASTE(PAGEREF_PASTE(bench_rcu_##shape, SCHEME), BENCH_RCU_BUILD)

BENCH_LOOP uint64_t BENCH_RCU_FN(own)(struct bench_ctx *ctx, unsigned int tid)
{
	struct bench_rcu *rcu = ctx->rcu;
	uint64_t done = 0, errors = 0;

	while (!bench_should_stop(ctx, done)) {
		for (int i = 0; i < BENCH_BATCH; i++) {
			struct bench_rcu_entry *e;

			rcu_read_lock();
			e = rcu_dereference(rcu->slot);
			if (pageref_unlikely(!e || !SCHEME_RCU_OP(tryget)(e))) {
				rcu_read_unlock();
				errors++;
				continue;
			}
			rcu_read_unlock();
			errors += e->data != BENCH_RCU_DATA;
			errors += SCHEME_RCU_OP(put)(e);
		}
		done += BENCH_BATCH;
	}
	errors += bench_rcu_collect(&rcu->entry);
	ctx->threads[tid].errors = errors;
	return done;
}

BENCH_LOOP uint64_t BENCH_RCU_FN(cover)(struct bench_ctx *ctx, unsigned int tid)
{
	struct bench_rcu *rcu = ctx->rcu;
	struct bench_rcu_entry *prev = NULL;
	uint64_t done = 0, errors = 0;

	while (!bench_should_stop(ctx, done)) {
		for (int i = 0; i < BENCH_BATCH; i++) {
			struct bench_rcu_entry *e;

			rcu_read_lock();
			e = rcu_dereference(rcu->slot);
			if (pageref_unlikely(!e || !SCHEME_RCU_OP(tryget)(e))) {
				errors++;
				e = NULL;
			}
			/* Then the previous lookup's reference (hand over hand),
			 * dropped inside this section: it began before the
			 * decrement. */
			if (prev)
				errors += SCHEME_RCU_OP(put_covered)(prev);
			rcu_read_unlock();
			if (pageref_likely(e != NULL))
				errors += e->data != BENCH_RCU_DATA;
			prev = e;
		}
		done += BENCH_BATCH;
	}
	if (prev)
		errors += SCHEME_RCU_OP(put)(prev);
	errors += bench_rcu_collect(&rcu->entry);
	ctx->threads[tid].errors = errors;
	return done;
}

#undef BENCH_RCU_FN
