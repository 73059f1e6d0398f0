/* SPDX-License-Identifier: MIT */
/* Ends one instantiation of a scheme body: see each.h. No include guard. */
#undef SCHEME
#undef SCHEME_NAME
#undef SCHEME_FLAGS
#undef SCHEME_SUMMARY
