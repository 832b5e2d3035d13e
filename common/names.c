/* names.c -- an enum's names and their parsing, for every table of names; see names.h. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "names.h"

const char *
mc_name(const char *const *names, int n, int k)
{
	return k >= 0 && k < n && names[k] != NULL ? names[k] : "?";
}

int
mc_name_parse(const char *const *names, int n, const char *s, int flags)
{
	int k;

	for (k = 0; s != NULL && k < n; k++)
		if (names[k] != NULL && ((flags & MC_NAME_ANYCASE) != 0 ?
		    strcasecmp(names[k], s) : strcmp(names[k], s)) == 0)
			return k;
	return -1;
}
