/* SPDX-License-Identifier: MIT */
/*
 * lab/bench/floor.h - SCHEME_BODY instantiated for the floor, after the
 * schemes (lab/schemes/each.h): loops.c defines its operations. No include guard.
 */
#define SCHEME		bench_floor
#define SCHEME_NAME	"floor"
#define SCHEME_FLAGS	0
#define SCHEME_SUMMARY	"a plain counter: the floor"
#include SCHEME_BODY
#include "scheme_end.h"
