// SPDX-License-Identifier: MIT
/*
 * The table of schemes: each.h instantiates table_entry.h once per scheme.
 */
#include <stdbool.h>
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

/* NAME or NAME/put into sel's next entry; -1 with *@why if it is not one. */
static int scheme_select_one(struct scheme_selection *sel, const char *name, unsigned int needs,
			     const char **why)
{
	static char reason[256];
	struct pageref_scheme *entry = &sel->scheme[sel->nr];
	const char *put = strstr(name, "/put");
	size_t len = put && !put[4] ? (size_t)(put - name) : strlen(name);
	const struct pageref_scheme *s = NULL;

	for (size_t i = 0; i < pageref_nr_schemes && !s; i++)
		if (strlen(pageref_schemes[i].name) == len && !strncmp(pageref_schemes[i].name, name, len))
			s = &pageref_schemes[i];
	*why = reason;
	if (!s) {
		size_t n = (size_t)snprintf(reason, sizeof(reason), "unknown scheme '%s'; known:", name);

		for (size_t i = 0; i < pageref_nr_schemes && n < sizeof(reason); i++)
			n += (size_t)snprintf(reason + n, sizeof(reason) - n, " %s", pageref_schemes[i].name);
		if (n < sizeof(reason))
			snprintf(reason + n, sizeof(reason) - n, " (or all, correct, bad; NAME/put)");
		return -1;
	}
	if ((needs & SCHEME_NEEDS_CORRECT) && (s->flags & PAGEREF_SCHEME_BAD)) {
		snprintf(reason, sizeof(reason), "'%s' is a known-bad scheme: it is checked, never timed",
			 s->name);
		return -1;
	}
	*entry = *s;
	if (len != strlen(name)) {
		if (!(s->flags & PAGEREF_SCHEME_PUT_LAST)) {
			snprintf(reason, sizeof(reason), "'%s' has no put_last(): put() is its only "
				 "entry point, select it as '%s'", name, s->name);
			return -1;
		}
		entry->name = name;
		entry->put_last = s->put;
		entry->flags &= ~PAGEREF_SCHEME_PUT_LAST;
	}
	sel->nr++;
	return 0;
}

struct scheme_selection *scheme_select(const char *spec, unsigned int needs, const char **why)
{
	bool all = !strcmp(spec, "all"), correct = !strcmp(spec, "correct"), bad = !strcmp(spec, "bad");
	size_t max = strlen(spec) / 2 + 1 + pageref_nr_schemes;
	/* The entries, then a copy of @spec that NAME/put entries' names point into. */
	struct scheme_selection *sel = malloc(sizeof(*sel) + max * sizeof(sel->scheme[0]) +
					      strlen(spec) + 1);
	char *names, *save = NULL;

	if (!sel) {
		*why = "out of memory";
		return NULL;
	}
	sel->nr = 0;
	names = strcpy((char *)&sel->scheme[max], spec);
	if (all || correct || bad) {
		for (size_t i = 0; i < pageref_nr_schemes; i++) {
			bool is_bad = pageref_schemes[i].flags & PAGEREF_SCHEME_BAD;

			if ((is_bad && (correct || (needs & SCHEME_NEEDS_CORRECT))) || (!is_bad && bad))
				continue;
			sel->scheme[sel->nr++] = pageref_schemes[i];
		}
		*why = "'bad' names only known-bad schemes, and none is timed";
	} else if (!*spec || *spec == ',' || spec[strlen(spec) - 1] == ',' || strstr(spec, ",,")) {
		*why = "an empty name in the list (names are separated by one comma)";
		goto fail;
	} else {
		for (char *name = strtok_r(names, ",", &save); name; name = strtok_r(NULL, ",", &save))
			if (scheme_select_one(sel, name, needs, why))
				goto fail;
		*why = "no scheme named";
	}
	if (sel->nr)
		return sel;
fail:
	free(sel);
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
