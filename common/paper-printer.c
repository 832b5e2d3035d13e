/* paper-printer.c -- what a CUPS printer's name may be (paper.h): the settings check it
 * and lp gets nothing else.  Apart from paper-out.c so that a program that only checks
 * settings (motcua-sync applying the province's) does not link the forms' renderer. */
#include "config.h"

#include <string.h>

#include "paper.h"

int
paper_printer_name_ok(const char *s)
{
	if (*s == '\0' || *s == '-' || strlen(s) > 127)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_' || *s == '.' || *s == '@'))
			return 0;
	return 1;
}
