/* serve.c -- what the HTTP servers' command lines share; see serve.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "serve.h"

int
serve_number(const char *prog, const char *s, const char *option, int lo, int hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi) {
		fprintf(stderr, _("%s: %s must be a number from %d to %d\n"), prog, option, lo, hi);
		exit(2);
	}
	return (int)v;
}
