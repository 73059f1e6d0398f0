/* SPDX-License-Identifier: MIT */
/*
 * One entry of pageref_schemes[], for the scheme each.h is instantiating:
 * included inside the table's initializer (registry.c). Each op is the
 * scheme's own static inline function, instantiated here out of line.
 * No include guard.
 */
{
	.name = SCHEME_NAME, .summary = SCHEME_SUMMARY, .flags = SCHEME_FLAGS,
	.init = SCHEME_OP(init), .init_frozen = SCHEME_OP(init_frozen),
	.tryget = SCHEME_OP(tryget), .get = SCHEME_OP(get),
	.put = SCHEME_OP(put), .put_last = SCHEME_OP(put_last),
	.freeze = SCHEME_OP(freeze), .unfreeze = SCHEME_OP(unfreeze),
	.count = SCHEME_OP(count), .is_frozen = SCHEME_OP(is_frozen),
},
