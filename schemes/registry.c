// SPDX-License-Identifier: MIT
/*
 * The table of schemes, built from schemes.def. Each op of the table is the
 * scheme's own static inline function, instantiated here out of line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "all.h"

#define PAGEREF_SCHEME(pfx, str, fl, text)					\
	{									\
		.name = str, .summary = text, .flags = (fl),	\
		.init = pfx##_init, .init_frozen = pfx##_init_frozen,		\
		.tryget = pfx##_tryget, .get = pfx##_get,			\
		.put = pfx##_put, .put_last = pfx##_put_last,			\
		.freeze = pfx##_freeze, .unfreeze = pfx##_unfreeze,		\
		.count = pfx##_count, .is_frozen = pfx##_is_frozen,		\
	},

const struct pageref_scheme pageref_schemes[] = {
#include "schemes.def"
};

const size_t pageref_nr_schemes = sizeof(pageref_schemes) / sizeof(pageref_schemes[0]);

const struct pageref_scheme *pageref_scheme_find(const char *name)
{
	for (size_t i = 0; i < pageref_nr_schemes; i++)
		if (!strcmp(pageref_schemes[i].name, name))
			return &pageref_schemes[i];
	return NULL;
}

const char *pageref_scheme_ops(const struct pageref_scheme *s, char *buf, size_t len)
{
	snprintf(buf, len, "tryget get put%s%s count",
		 s->flags & PAGEREF_SCHEME_PUT_LAST ? " put_last" : "",
		 s->flags & PAGEREF_SCHEME_FREEZE ? " freeze unfreeze" : "");
	return buf;
}

void pageref_scheme_unsupported(const char *scheme, const char *op)
{
	fprintf(stderr, "pageref: scheme %s has no %s operation\n", scheme, op);
	abort();
}
