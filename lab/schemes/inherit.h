/* SPDX-License-Identifier: MIT */
/*
 * lab/schemes/inherit.h - a scheme that changes a few of its parent's operations
 * takes the others from the parent.
 *
 * Define SCHEME_CHILD and SCHEME_PARENT (the two prefixes, e.g. pageref_v5
 * and pageref_v1) and SCHEME_OWN_<op> for each operation the child defines
 * itself, then include this file: it defines SCHEME_CHILD_<op>() as a static
 * inline call of the parent's for every other operation of struct
 * pageref_scheme, and undefines its inputs. No include guard.
 */
#include "scheme.h"

#define INHERIT_OP(op)	PAGEREF_PASTE(SCHEME_CHILD, op)
#define PARENT_OP(op)	PAGEREF_PASTE(SCHEME_PARENT, op)

#ifndef SCHEME_OWN_init
static inline void INHERIT_OP(init)(pageref_t *r, uint32_t count)
{
	PARENT_OP(init)(r, count);
}
#endif
#ifndef SCHEME_OWN_init_frozen
static inline void INHERIT_OP(init_frozen)(pageref_t *r)
{
	PARENT_OP(init_frozen)(r);
}
#endif
#ifndef SCHEME_OWN_tryget
static inline bool INHERIT_OP(tryget)(pageref_t *r, uint32_t nr)
{
	return PARENT_OP(tryget)(r, nr);
}
#endif
#ifndef SCHEME_OWN_get
static inline void INHERIT_OP(get)(pageref_t *r, uint32_t nr)
{
	PARENT_OP(get)(r, nr);
}
#endif
#ifndef SCHEME_OWN_put
static inline bool INHERIT_OP(put)(pageref_t *r, uint32_t nr)
{
	return PARENT_OP(put)(r, nr);
}
#endif
#ifndef SCHEME_OWN_put_last
static inline bool INHERIT_OP(put_last)(pageref_t *r, uint32_t nr)
{
	return PARENT_OP(put_last)(r, nr);
}
#endif
#ifndef SCHEME_OWN_freeze
static inline bool INHERIT_OP(freeze)(pageref_t *r, uint32_t expected)
{
	return PARENT_OP(freeze)(r, expected);
}
#endif
#ifndef SCHEME_OWN_unfreeze
static inline void INHERIT_OP(unfreeze)(pageref_t *r, uint32_t count)
{
	PARENT_OP(unfreeze)(r, count);
}
#endif
#ifndef SCHEME_OWN_count
static inline uint32_t INHERIT_OP(count)(const pageref_t *r)
{
	return PARENT_OP(count)(r);
}
#endif
#ifndef SCHEME_OWN_is_frozen
static inline bool INHERIT_OP(is_frozen)(const pageref_t *r)
{
	return PARENT_OP(is_frozen)(r);
}
#endif

#undef INHERIT_OP
#undef PARENT_OP
#undef SCHEME_CHILD
#undef SCHEME_PARENT
#undef SCHEME_OWN_init
#undef SCHEME_OWN_init_frozen
#undef SCHEME_OWN_tryget
#undef SCHEME_OWN_get
#undef SCHEME_OWN_put
#undef SCHEME_OWN_put_last
#undef SCHEME_OWN_freeze
#undef SCHEME_OWN_unfreeze
#undef SCHEME_OWN_count
#undef SCHEME_OWN_is_frozen
