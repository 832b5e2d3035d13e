/* cmd-report.c -- motcua report book|ontime|overdue|fees: the tracking book (Mẫu 06)
 * and the reports of common/report.h as text (with a bar chart for on-time rates),
 * TSV or JSON.  The reading of the arguments and the making of the tables are shared
 * with motcua export (cmd-export.c) through cmd-report.h. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-report.h"
#include "i18n.h"

#define BAR_WIDTH 50

const char *const cmd_report_kinds[4] = { "book", "ontime", "overdue", "fees" };

int
cmd_report_parse(struct cmd_ctx *c, int argc, char **argv, int export,
    struct cmd_report_request *rq)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "xlsx", required_argument, NULL, 'x' },
		{ "csv", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, have_from = 0, have_to = 0;
	size_t i;

	memset(rq, 0, sizeof *rq);
	rq->kind = -1;
	rq->by = REPORT_BY_MONTH;
	rq->from = REPORT_DAY_MIN;
	rq->to = REPORT_DAY_MAX;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
		case 't':
			if (cmd_date_arg(c, ch == 'f' ? "--from" : "--to", optarg,
			    ch == 'f' ? &rq->from : &rq->to) != 0)
				return EXIT_USAGE;
			*(ch == 'f' ? &have_from : &have_to) = 1;
			break;
		case 'b':
			if (strcmp(optarg, "month") == 0)
				rq->by = REPORT_BY_MONTH;
			else if (strcmp(optarg, "procedure") == 0)
				rq->by = REPORT_BY_PROCEDURE;
			else
				return cmd_usage(c, _("--by: '%s' is neither month nor procedure"), optarg);
			break;
		case 'x':
		case 'c':
			if (!export)
				return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
			*(ch == 'x' ? &rq->xlsx : &rq->csv) = optarg;
			break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(c, _("say which report: book, ontime, overdue or fees"));
	for (i = 0; i < sizeof cmd_report_kinds / sizeof cmd_report_kinds[0]; i++)
		if (strcmp(argv[optind], cmd_report_kinds[i]) == 0)
			rq->kind = (int)i;
	if (rq->kind < 0)
		return cmd_usage(c, _("unknown report '%s' (book, ontime, overdue or fees)"), argv[optind]);
	if (rq->kind == CMD_R_BOOK && (!have_from || !have_to))
		return cmd_usage(c, _("the tracking book needs --from DATE and --to DATE"));
	if (rq->from > rq->to)
		return cmd_usage(c, _("--from is after --to"));
	if (export && (rq->xlsx == NULL) == (rq->csv == NULL))
		return cmd_usage(c, _("export needs one of --xlsx FILE or --csv FILE"));
	return EXIT_DONE;
}

int
cmd_report_build(struct cmd_ctx *c, const struct cmd_report_request *rq,
    struct report_table *t, struct report_ontime **rows, size_t *n, struct mc_error *err)
{
	int rc;

	*rows = NULL;
	*n = 0;
	switch (rq->kind) {
	case CMD_R_BOOK:
		return report_book(c->st, rq->from, rq->to, t, err);
	case CMD_R_ONTIME:
		if ((rc = report_ontime(c->st, rq->by, rq->from, rq->to, rows, n, err)) != MC_OK)
			return rc;
		return report_ontime_table(*rows, *n, t, err);
	case CMD_R_OVERDUE:
		return report_overdue(c->st, mc_now(), t, err);
	default:
		return report_fees(c->st, rq->from, rq->to, t, err);
	}
}

/* One bar per group: done in time (early + on time) then late, scaled to BAR_WIDTH. */
static void
bars(const struct report_ontime *rows, size_t n)
{
	const char *full = mc_locale_utf8() ? "\u2588" : "#", *late = mc_locale_utf8() ? "\u2591" : ".";
	size_t i;

	if (n == 0) {
		printf("%s\n", _("No dossier was finished in this period."));
		return;
	}
	printf("\n%s\n", _("On time (early + on time) and late, per group:"));
	for (i = 0; i < n; i++) {
		const struct report_ontime *r = &rows[i];
		int good, bad, k;

		if (r->key[0] == '\0')
			continue;
		good = (int)((r->early + r->ontime) * BAR_WIDTH / r->finished);
		bad = (int)((r->finished * BAR_WIDTH - (r->early + r->ontime) * BAR_WIDTH) / r->finished);
		if (good + bad < BAR_WIDTH && r->late > 0)
			bad = BAR_WIDTH - good;
		printf("%-12.12s ", r->key);
		for (k = 0; k < good; k++)
			fputs(full, stdout);
		for (k = 0; k < bad; k++)
			fputs(late, stdout);
		printf("%*s %5.1f%%\n", BAR_WIDTH - good - bad, "", r->rate);
	}
	printf(_("Total: %ld finished, %.1f%% on time, %ld late, %.2f working days on average\n"),
	    rows[n - 1].finished, rows[n - 1].rate, rows[n - 1].late, rows[n - 1].avg_days);
}

/* The types of a report's columns, from their keys (the same in every table: *_at a
 * time, day a date) and which of them hold numbers (whole, or the two averages). */
static struct out_col *
columns(const char *const *keys, int ncols, unsigned numeric)
{
	struct out_col *cols = calloc((size_t)ncols, sizeof *cols);
	size_t n;
	int k;

	if (cols == NULL)
		abort();
	for (k = 0; k < ncols; k++) {
		n = strlen(keys[k]);
		cols[k].key = keys[k];
		if (numeric & (1u << k))
			cols[k].type = strcmp(keys[k], "on_time_pct") == 0 ||
			    strcmp(keys[k], "avg_working_days") == 0 ? OUT_REAL : OUT_INT;
		else if (n > 3 && strcmp(keys[k] + n - 3, "_at") == 0)
			cols[k].type = OUT_TIME;
		else if (strcmp(keys[k], "day") == 0)
			cols[k].type = OUT_DATE;
		else
			cols[k].type = OUT_STR;
	}
	return cols;
}

static void
print_table(struct cmd_ctx *c, const struct report_table *t)
{
	const char **vals = calloc((size_t)t->ncols, sizeof *vals);
	struct out_col *cols = columns(t->keys, t->ncols, t->numeric);
	struct out *o = out_table(c->format, cols, t->ncols);
	size_t r;
	int k;

	for (r = 0; vals != NULL && r < t->nrows; r++) {
		for (k = 0; k < t->ncols; k++)
			vals[k] = report_cell(t, r, k);
		out_row(o, vals);
	}
	out_end(o);
	free(vals);
	free(cols);
}

static int
book_row(const char *const *cells, void *ctx)
{
	out_row(ctx, cells);
	return MC_OK;
}

/* The book goes straight from the query to the printer (out keeps one copy). */
static int
print_book(struct cmd_ctx *c, const struct cmd_report_request *rq)
{
	struct out_col *cols = columns(report_book_keys, REPORT_BOOK_COLUMNS, REPORT_BOOK_NUMERIC);
	struct out *o;
	struct mc_error err;
	int rc;

	if (c->format == OUT_TEXT)
		printf("%s\n\n", _("TRACKING BOOK (Form 06)"));
	o = out_table(c->format, cols, REPORT_BOOK_COLUMNS);
	rc = report_book_each(c->st, rq->from, rq->to, book_row, o, &err);
	out_end(o);
	free(cols);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}

int
cmd_report(struct cmd_ctx *c, int argc, char **argv)
{
	struct report_table t;
	struct report_ontime *rows;
	struct cmd_report_request rq;
	struct mc_error err;
	size_t n;
	int rc;

	if ((rc = cmd_report_parse(c, argc, argv, 0, &rq)) != EXIT_DONE)
		return rc;
	if (rq.kind == CMD_R_BOOK)
		return print_book(c, &rq);
	if (cmd_report_build(c, &rq, &t, &rows, &n, &err) != MC_OK) {
		free(rows);
		return cmd_fail(c, &err);
	}
	print_table(c, &t);
	if (rq.kind == CMD_R_ONTIME && c->format == OUT_TEXT)
		bars(rows, n);
	if (rq.kind == CMD_R_FEES && c->format == OUT_TEXT)
		printf("\n%s\n", _("Fees collected per day. The database does not record transfers to the treasury: match these totals against the transfer slips."));
	if (rq.kind == CMD_R_OVERDUE && c->format == OUT_TEXT && t.nrows == 0)
		printf("%s\n", _("No dossier is overdue."));
	report_table_free(&t);
	free(rows);
	return EXIT_DONE;
}
