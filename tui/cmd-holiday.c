/* cmd-holiday.c -- motcua holiday import|list: days off and extra working days. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"

static const char *
kind_words(const char *kind)
{
	return strcmp(kind, "work") == 0 ? _("working day") : _("day off");
}

/* One row of the list (holiday_each). */
static int
list_row(const struct holiday_row *r, void *ctx)
{
	char day[MC_TIME_BUF];

	mc_date_format(r->day, day);
	out_row(ctx, (const char *[]){ day, r->name, r->work ? "work" : "off",
	    r->provisional ? "1" : "0" });
	return 0;
}

static int
list(struct cmd_ctx *c, const char *year)
{
	static const struct out_col cols[] = { OUT_COL("date", OUT_DATE),
	    OUT_COL("name", OUT_STR), OUT_WORDS("kind", OUT_STR, kind_words),
	    OUT_COL("provisional", OUT_BOOL) };
	struct mc_error err;
	struct out *o;
	long y = 0;
	int rc;

	if (year != NULL && cmd_int_arg(c, "YEAR", year, 1900, 2200, &y) != 0)
		return EXIT_USAGE;
	o = out_table(c->format, cols, 4);
	/* Every year: the days a date can hold (YYYY). */
	rc = holiday_each(c->st, mc_day_from_civil(y != 0 ? (int)y : 1, 1, 1),
	    mc_day_from_civil(y != 0 ? (int)y : 9999, 12, 31), list_row, o, &err);
	out_end(o);
	return rc != MC_OK ? cmd_fail(c, &err) : EXIT_DONE;
}

int
cmd_holiday(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col icols[] = { OUT_COL("imported", OUT_INT),
	    OUT_COL("file", OUT_STR) };
	struct mc_error err;
	char num[16];
	int n;

	if (argc < 2)
		return cmd_usage(c, _("which holiday command?"));
	if (strcmp(argv[1], "import") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("holiday import needs a FILE"));
		if (!cmd_may(c, ROLE_ADMIN))
			return EXIT_REFUSED;
		if (holiday_import(c->st, argv[2], c->actor, &n, &err) != MC_OK)
			return cmd_fail(c, &err);
		snprintf(num, sizeof num, "%d", n);
		if (c->format == OUT_TEXT)
			printf(_("%d days imported from %s.\n"), n, argv[2]);
		else
			out_print(c->format, icols, NULL, (const char *[]){ num, argv[2] }, 2);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "list") == 0) {
		if (argc > 3)
			return cmd_usage(c, _("holiday list takes at most a YEAR"));
		return list(c, argc == 3 ? argv[2] : NULL);
	}
	return cmd_usage(c, _("unknown holiday command '%s'"), argv[1]);
}
