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

static int
list(struct cmd_ctx *c, const char *year)
{
	static const struct out_col cols[] = { OUT_COL("date", OUT_DATE),
	    OUT_COL("name", OUT_STR), OUT_WORDS("kind", OUT_STR, kind_words),
	    OUT_COL("provisional", OUT_BOOL) };
	sqlite3_stmt *s;
	struct mc_error err;
	struct out *o;
	long y = 0;
	int rc;

	if (year != NULL && cmd_int_arg(c, "YEAR", year, 1900, 2200, &y) != 0)
		return EXIT_USAGE;
	s = store_stmt(c->st, "SELECT day, name, kind, provisional FROM holiday "
	    "WHERE ?1 = 0 OR substr(day, 1, 4) = printf('%04d', ?1) ORDER BY day", &err);
	if (s == NULL)
		return cmd_fail(c, &err);
	sqlite3_bind_int64(s, 1, y);
	o = out_table(c->format, cols, 4);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out_row(o, (const char *[]){ (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2),
		    sqlite3_column_int(s, 3) ? "1" : "0" });
	}
	sqlite3_reset(s);
	out_end(o);
	if (rc != SQLITE_DONE) {
		store_error(c->st, rc, &err);
		return cmd_fail(c, &err);
	}
	return EXIT_DONE;
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
