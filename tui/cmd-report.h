/* cmd-report.h -- what motcua report (cmd-report.c) and motcua export (cmd-export.c)
 * share: the reading of their arguments and the making of a report's table. */
#ifndef MC_CMD_REPORT_H
#define MC_CMD_REPORT_H

#include "cmd.h"
#include "report.h"

enum cmd_report_kind { CMD_R_BOOK, CMD_R_ONTIME, CMD_R_OVERDUE, CMD_R_FEES };

/* The names of the reports, by enum cmd_report_kind. */
extern const char *const cmd_report_kinds[4];

/* What the command line asked for. */
struct cmd_report_request {
	int kind;		/* an enum cmd_report_kind */
	enum report_by by;
	mc_day from, to;
	const char *xlsx, *csv;	/* export only: the file to write (one of them) */
};

/* Read the arguments of report (export 0) or export (export 1, which takes --xlsx or
 * --csv) into rq; EXIT_DONE, or EXIT_USAGE after printing why. */
int cmd_report_parse(struct cmd_ctx *c, int argc, char **argv, int export,
    struct cmd_report_request *rq);
/* Fill t with the report rq asks for (not the book, which is read row by row); for
 * ontime also *rows and *n, which the caller frees, also after an error. */
int cmd_report_build(struct cmd_ctx *c, const struct cmd_report_request *rq,
    struct report_table *t, struct report_ontime **rows, size_t *n, struct mc_error *err);

#endif
