/* cmd-export.c -- motcua export book|ontime|overdue|fees ... --xlsx FILE | --csv FILE:
 * the tables of motcua report (cmd-report.c, whose arguments it takes, and --xlsx or
 * --csv) as a spreadsheet or CSV, written by common/export.h. */
#include "config.h"

#include <stdlib.h>

#include "cmd-report.h"
#include "export.h"

int
cmd_export(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col cols[] = { OUT_COL("file", OUT_STR),
	    OUT_COL("format", OUT_STR), OUT_COL("report", OUT_STR) };
	struct report_table t;
	struct report_ontime *rows = NULL;
	struct cmd_report_request rq;
	struct mc_error err;
	enum export_format format;
	const char *path;
	size_t n;
	int rc;

	if ((rc = cmd_report_parse(c, argc, argv, 1, &rq)) != EXIT_DONE)
		return rc;
	format = rq.xlsx != NULL ? EXPORT_XLSX : EXPORT_CSV;
	path = rq.xlsx != NULL ? rq.xlsx : rq.csv;
	if (rq.kind == CMD_R_BOOK)
		rc = export_book(c->st, rq.from, rq.to, format, path, &err);
	else if ((rc = cmd_report_build(c, &rq, &t, &rows, &n, &err)) == MC_OK) {
		rc = export_table(&t, format, path, cmd_report_kinds[rq.kind], &err);
		report_table_free(&t);
	}
	free(rows);
	if (rc != MC_OK)
		return cmd_fail(c, &err);
	if (c->format != OUT_TEXT)	/* programs learn what was written */
		out_print(c->format, cols, NULL, (const char *[]){ path,
		    format == EXPORT_XLSX ? "xlsx" : "csv", cmd_report_kinds[rq.kind] }, 3);
	return EXIT_DONE;
}
