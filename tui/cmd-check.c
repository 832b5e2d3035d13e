/* cmd-check.c -- motcua check: SQLite's integrity check, the search index, and every
 * dossier replayed from its events against its row.  Exit 1 on any difference. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "dossier.h"
#include "i18n.h"
#include "store.h"

static void
report(const char *code, const char *what, void *ctx)
{
	long *shown = ctx;

	if ((*shown)++ < 50)
		printf(_("dossier %s: %s\n"), code, what);
}

int
cmd_check(struct cmd_ctx *c, int argc, char **argv)
{
	struct mc_error err;
	sqlite3_stmt *s;
	long checked = 0, bad = 0, shown = 0;
	int rc, ok = 1;

	if (argc != 1)
		return cmd_usage(c, _("check takes no arguments"));
	rc = sqlite3_prepare_v2(store_db(c->st), "PRAGMA integrity_check", -1, &s, NULL);
	while (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);

		if (strcmp(line, "ok") != 0) {
			printf(_("database: %s\n"), line);
			ok = 0;
		}
	}
	sqlite3_finalize(s);
	if (store_exec(c->st, "INSERT INTO dossier_fts(dossier_fts, rank) VALUES ('integrity-check', 1)", &err) != MC_OK) {
		printf(_("search index: %s\n"), mc_message(&err));
		ok = 0;
	}
	if (dossier_check(c->st, report, &shown, &checked, &bad, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (bad > shown)
		printf(_("... and %ld more\n"), bad - shown);
	printf(_("%ld dossiers checked, %ld differ from their events; database integrity %s.\n"),
	    checked, bad, ok ? _("ok") : _("FAILED"));
	return ok && bad == 0 ? EXIT_DONE : EXIT_REFUSED;
}
