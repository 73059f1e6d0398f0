// SPDX-License-Identifier: MIT
/*
 * The table of schemes: each.h instantiates table_entry.h once per scheme.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "all.h"

const struct pageref_scheme pageref_schemes[] = {
#define SCHEME_BODY "table_entry.h"
#include "each.h"
#undef SCHEME_BODY
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
