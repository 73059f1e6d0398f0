// SPDX-License-Identifier: MIT
/* The README's example: an object found by lookup, kept alive by pageref. */
#include <stdio.h>
#include <stdlib.h>
#include <pageref/pageref.h>

struct entry {
	pageref_t ref;
	int value;
};

int main(void)
{
	struct entry *e = malloc(sizeof(*e));

	e->value = 42;
	pageref_init(&e->ref, 1);			/* the cache's own reference */
	if (pageref_tryget(&e->ref, 1))			/* a reader found it */
		printf("reader sees %d\n", e->value);
	if (!pageref_put(&e->ref, 1))			/* the reader is done */
		printf("still cached, count %u\n", pageref_count(&e->ref));
	if (pageref_put_last(&e->ref, 1)) {		/* eviction drops the last one */
		printf("frozen: %s\n", pageref_is_frozen(&e->ref) ? "yes" : "no");
		printf("late reader gets it: %s\n", pageref_tryget(&e->ref, 1) ? "yes" : "no");
		free(e);
	}
	return 0;
}
