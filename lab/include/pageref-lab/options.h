/* SPDX-License-Identifier: MIT */
/*
 * pageref-lab/options.h - the one command-line parser of the lab's tools.
 *
 * A tool describes its long options in a table; lab_next_option() walks
 * argv through it, and the table also writes the tool's --help. Every
 * tool reports a usage error the same way: "pageref TOOL: what is wrong",
 * then "Try 'pageref TOOL --help'.", exit status 2.
 */
#ifndef PAGEREF_LAB_OPTIONS_H
#define PAGEREF_LAB_OPTIONS_H

#include <stdio.h>

#define LAB_EXIT_USAGE	2

struct lab_option {
	const char *name;	/* "scheme", given as --scheme S or --scheme=S */
	char short_name;	/* 'v' for -v, or 0 */
	const char *value;	/* the value's name in the help ("S"); NULL for a flag */
	const char *help;	/* one line per '\n'; NULL: internal, not listed */
};

struct lab_tool {
	const char *name;			/* "check", as in 'pageref check' */
	const char *about;			/* the help's text after the synopsis */
	const struct lab_option *options;	/* ends with an entry whose name is NULL */
	void (*more_help)(FILE *out);		/* the help's end, or NULL */
};

/*
 * The next option in @argv from *@next on: its index in @tool's table, with
 * its value in *@value (NULL for a flag), or -1 when none is left. --help
 * and -h print the help and exit 0; an unknown option, a missing value, a
 * value given to a flag, and an operand are usage errors.
 */
int lab_next_option(const struct lab_tool *tool, int argc, char **argv, int *next,
		    const char **value);

void lab_print_help(const struct lab_tool *tool, FILE *out);

_Noreturn void lab_usage_error(const struct lab_tool *tool, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* @value as an integer in @min..@max, else a usage error naming --@option. */
unsigned long long lab_parse_number(const struct lab_tool *tool, const char *option,
				    const char *value, unsigned long long min,
				    unsigned long long max);

/* A usage error naming --@option unless @value is a list of non-empty items: "a,b". */
void lab_check_list(const struct lab_tool *tool, const char *option, const char *value);

/* @value as a number in @min..@max, else a usage error naming --@option. */
double lab_parse_real(const struct lab_tool *tool, const char *option, const char *value,
		      double min, double max);

#endif /* PAGEREF_LAB_OPTIONS_H */
