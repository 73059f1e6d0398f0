/* SPDX-License-Identifier: MIT */
/*
 * lab/kernel/loops_decl.h - the timed loops of the kernel scheme SCHEME,
 * defined in its own translation unit (bench_body.h): their declarations,
 * for lab/bench/loops.c's rows. No include guard.
 */
uint64_t BENCH_FN(contended)(struct bench_ctx *ctx, unsigned int tid);
uint64_t BENCH_FN(free_put_last)(struct bench_ctx *ctx, unsigned int tid);
uint64_t BENCH_FN(free_put)(struct bench_ctx *ctx, unsigned int tid);
uint64_t BENCH_FN(race_put_last)(struct bench_ctx *ctx, unsigned int tid);
uint64_t BENCH_FN(race_put)(struct bench_ctx *ctx, unsigned int tid);
uint64_t BENCH_FN(pcread)(struct bench_ctx *ctx, unsigned int tid);
uint64_t BENCH_FN(pcset)(struct bench_ctx *ctx, unsigned int tid);
uint64_t BENCH_FN(churn)(struct bench_ctx *ctx, unsigned int tid);
