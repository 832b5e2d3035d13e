/* cmd-due.c -- motcua due PROCEDURE TIME: the due date the calendar gives, with a
 * warning when it rests on holidays not yet announced or not known at all, and a note
 * when the procedure's time is still to verify. */
#include "config.h"

#include <stdio.h>

#include "calendar.h"
#include "catalog.h"
#include "cmd.h"
#include "i18n.h"

int
cmd_due(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col cols[] = { OUT_COL("procedure", OUT_STR),
	    OUT_COL("received_at", OUT_TIME), OUT_COL("due_at", OUT_TIME),
	    OUT_COL("provisional", OUT_BOOL), OUT_COL("holidays_known", OUT_BOOL) };
	struct procedure p;
	struct calendar cal;
	struct mc_error err;
	char rec[MC_TIME_BUF], buf[MC_TIME_BUF];
	mc_minute received, due;
	int rc, provisional, unknown;

	if (argc != 3)
		return cmd_usage(c, _("due needs a PROCEDURE code and a time received"));
	if (cmd_time_arg(c, "TIME", argv[2], &received) != 0)
		return EXIT_USAGE;
	if (catalog_get(c->st, argv[1], &p, &err) != MC_OK)
		return cmd_fail(c, &err);
	calendar_default(&cal);
	if ((rc = calendar_load(c->st, &cal, &err)) == MC_OK) {
		due = calendar_due(&cal, received, p.time_value, p.unit, p.cutoff);
		mc_time_format(received, rec);
		mc_time_format(due, buf);
		provisional = calendar_provisional(&cal, mc_day_of(received), mc_day_of(due));
		unknown = calendar_unknown_year(&cal, mc_day_of(received), mc_day_of(due));
		if (c->format == OUT_TEXT)
			printf("%s\n", buf);
		else
			out_print(c->format, cols, NULL, (const char *[]){ p.code, rec, buf,
			    provisional ? "1" : "0", unknown ? "0" : "1" }, 5);
		if (unknown)
			fprintf(stderr, _("motcua: warning: no holidays are known for %d, so no day off is counted that year; the date may be too early (import that year's holidays: motcua holiday import FILE)\n"),
			    unknown);
		if (provisional)
			fprintf(stderr, _("motcua: note: the holidays in this period are not yet announced; the date may change\n"));
		if (p.verify & CATALOG_VERIFY_TIME)
			fprintf(stderr, _("motcua: note: the processing time of %s is still to verify in the catalogue; this date may be wrong\n"),
			    p.code);
	}
	calendar_free(&cal);
	procedure_free(&p);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}
