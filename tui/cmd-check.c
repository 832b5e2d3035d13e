/* cmd-check.c -- motcua check: SQLite's integrity check, the search index, and every
 * dossier replayed from its events against its row.  Exit 1 on any difference. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "dossier.h"
#include "i18n.h"
#include "store.h"

/* What differs: printed as found (text), or kept for the one document (TSV, JSON). */
struct found {
	struct cmd_ctx *c;
	struct out *problems;	/* NULL for text */
	long shown;
};

static void
problem(struct found *f, const char *code, const char *what)
{
	if (f->problems != NULL)
		out_row(f->problems, (const char *[]){ code, what });
	else if (code != NULL)
		printf(_("dossier %s: %s\n"), code, what);
	else
		printf("%s\n", what);
}

static void
report(const char *code, const char *what, void *ctx)
{
	struct found *f = ctx;

	if (f->shown++ < 50)
		problem(f, code, what);
}

int
cmd_check(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col cols[] = { OUT_COL("checked", OUT_INT),
	    OUT_COL("differ", OUT_INT), OUT_COL("integrity", OUT_BOOL) };
	static const struct out_col pcols[] = { OUT_COL("code", OUT_STR),
	    OUT_COL("problem", OUT_STR) };
	struct found f = { .c = c };
	struct mc_error err;
	struct out *r = NULL;
	sqlite3_stmt *s;
	char line[1024], n[2][24];
	long checked = 0, bad = 0;
	int rc, ok = 1;

	if (argc != 1)
		return cmd_usage(c, _("check takes no arguments"));
	if (c->format != OUT_TEXT) {
		/* The figures come last: the record is filled in once they are known. */
		r = out_record(c->format, cols, NULL, (const char *[]){ NULL, NULL, NULL }, 3);
		f.problems = out_nest(r, "problems", NULL, pcols, 2);
	}
	rc = store_prepare(c->st, "PRAGMA integrity_check", &s, NULL);
	while (rc == MC_OK && sqlite3_step(s) == SQLITE_ROW) {
		const char *what = store_col_text(s, 0);

		if (strcmp(what, "ok") != 0) {
			snprintf(line, sizeof line, _("database: %s"), what);
			problem(&f, NULL, line);
			ok = 0;
		}
	}
	if (rc == MC_OK)
		sqlite3_reset(s);
	if (store_exec(c->st, "INSERT INTO dossier_fts(dossier_fts, rank) VALUES ('integrity-check', 1)", &err) != MC_OK) {
		snprintf(line, sizeof line, _("search index: %s"), mc_message(&err));
		problem(&f, NULL, line);
		ok = 0;
	}
	if (dossier_check(c->st, report, &f, &checked, &bad, &err) != MC_OK) {
		if (r != NULL)
			out_end(r);
		return cmd_fail(c, &err);
	}
	if (r != NULL) {
		snprintf(n[0], sizeof n[0], "%ld", checked);
		snprintf(n[1], sizeof n[1], "%ld", bad);
		out_set(r, (const char *[]){ n[0], n[1], ok ? "1" : "0" });
		out_end(r);
	} else {
		if (bad > f.shown)
			printf(_("... and %ld more\n"), bad - f.shown);
		printf(_("%ld dossiers checked, %ld differ from their events; database integrity %s.\n"),
		    checked, bad, ok ? _("ok") : _("FAILED"));
	}
	return ok && bad == 0 ? EXIT_DONE : EXIT_REFUSED;
}
