// SPDX-License-Identifier: MIT
/*
 * The lab's command-line parser (pageref-lab/options.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pageref-lab/options.h"

#define LAB_HELP_COLUMN	21	/* where an option's help text starts */

void lab_print_help(const struct lab_tool *tool, FILE *out)
{
	const struct lab_option *o;
	size_t col;

	col = (size_t)fprintf(out, "usage: pageref %s", tool->name);
	for (o = tool->options; o->name; o++) {
		int len;

		if (!o->help)
			continue;
		len = snprintf(NULL, 0, " [--%s%s%s]", o->name, o->value ? " " : "",
			       o->value ? o->value : "");
		if (col + (size_t)len > 79)
			col = (size_t)fprintf(out, "\n%*s", (int)strlen(tool->name) + 15, "");
		col += (size_t)fprintf(out, " [--%s%s%s]", o->name, o->value ? " " : "",
				       o->value ? o->value : "");
	}
	fprintf(out, "\n\n%s\n", tool->about);
	for (o = tool->options; o->name; o++) {
		const char *line = o->help;
		int len;

		if (!line)
			continue;
		len = fprintf(out, "  --%s%s%s", o->name, o->value ? " " : "",
			      o->value ? o->value : "");
		if (len >= LAB_HELP_COLUMN - 1)
			fprintf(out, "\n%*s", LAB_HELP_COLUMN, "");
		else
			fprintf(out, "%*s", LAB_HELP_COLUMN - len, "");
		for (const char *nl; (nl = strchr(line, '\n')); line = nl + 1)
			fprintf(out, "%.*s\n%*s", (int)(nl - line), line, LAB_HELP_COLUMN, "");
		fprintf(out, "%s\n", line);
	}
	fprintf(out, "  --help             this text\n");
	if (tool->more_help)
		tool->more_help(out);
}

void lab_usage_error(const struct lab_tool *tool, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pageref %s: ", tool->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'pageref %s --help'.\n", tool->name);
	exit(LAB_EXIT_USAGE);
}

/* The option @arg names ("--name", "--name=value" or "-c"), or NULL. */
static const struct lab_option *lab_find_option(const struct lab_option *options,
						const char *arg, const char **inline_value)
{
	*inline_value = NULL;
	if (arg[0] == '-' && arg[1] != '-' && arg[1] && !arg[2]) {
		for (const struct lab_option *o = options; o->name; o++)
			if (o->short_name == arg[1])
				return o;
		return NULL;
	}
	if (strncmp(arg, "--", 2))
		return NULL;
	arg += 2;
	for (const struct lab_option *o = options; o->name; o++) {
		size_t len = strlen(o->name);

		if (strncmp(arg, o->name, len))
			continue;
		if (arg[len] == '=') {
			*inline_value = arg + len + 1;
			return o;
		}
		if (!arg[len])
			return o;
	}
	return NULL;
}

int lab_next_option(const struct lab_tool *tool, int argc, char **argv, int *next,
		    const char **value)
{
	const struct lab_option *o;
	const char *arg, *inline_value;

	if (*next < 1)
		*next = 1;
	if (*next >= argc)
		return -1;
	arg = argv[(*next)++];
	if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
		lab_print_help(tool, stdout);
		exit(0);
	}
	if (arg[0] != '-')
		lab_usage_error(tool, "unexpected argument '%s'", arg);
	o = lab_find_option(tool->options, arg, &inline_value);
	if (!o)
		lab_usage_error(tool, "unknown option '%s'", arg);
	if (!o->value) {
		if (inline_value)
			lab_usage_error(tool, "--%s takes no value", o->name);
		*value = NULL;
	} else if (inline_value) {
		*value = inline_value;
	} else if (*next < argc) {
		*value = argv[(*next)++];
	} else {
		lab_usage_error(tool, "--%s needs a value (%s)", o->name, o->value);
	}
	return (int)(o - tool->options);
}

unsigned long long lab_parse_number(const struct lab_tool *tool, const char *option,
				    const char *value, unsigned long long min,
				    unsigned long long max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(value, &end, 10);
	/* Decimal digits only: no sign, no blanks (strtoull takes both). */
	if (errno || !isdigit((unsigned char)value[0]) || *end || v < min || v > max)
		lab_usage_error(tool, "--%s must be an integer in %llu..%llu, not '%s'", option,
				min, max, value);
	return v;
}

void lab_check_list(const struct lab_tool *tool, const char *option, const char *value)
{
	size_t len = strlen(value);

	if (!len || value[0] == ',' || value[len - 1] == ',' || strstr(value, ",,"))
		lab_usage_error(tool, "--%s: an empty item in '%s' (items are separated by one comma)",
				option, value);
}

double lab_parse_real(const struct lab_tool *tool, const char *option, const char *value,
		      double min, double max)
{
	double v;
	char *end;

	errno = 0;
	v = strtod(value, &end);
	/* Decimal only: strtod also takes hex ("0x10" is 16), inf and nan. */
	if (errno || value[strspn(value, "0123456789.eE+-")] || end == value || *end ||
	    !(v >= min && v <= max))
		lab_usage_error(tool, "--%s must be a number in %g..%g, not '%s'", option, min, max,
				value);
	return v;
}
