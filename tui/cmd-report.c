/* cmd-report.c -- motcua report book|ontime|overdue|fees: the tracking book (Mẫu 06)
 * and the reports of common/report.h as text (with a bar chart for on-time rates),
 * TSV or JSON; and motcua export ... --xlsx FILE | --csv FILE, the same tables as a
 * spreadsheet (libxlsxwriter) or CSV. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "cmd.h"
#include "i18n.h"
#include "report.h"

#define BAR_WIDTH 50

enum report_kind { R_BOOK, R_ONTIME, R_OVERDUE, R_FEES };

static const char *const kinds[] = { "book", "ontime", "overdue", "fees" };

/* What the command line asked for. */
struct request {
	int kind;
	enum report_by by;
	mc_day from, to;
	const char *xlsx, *csv;
};

static int
parse(struct cmd_ctx *c, int argc, char **argv, int export, struct request *rq)
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
			if (mc_date_parse(optarg, ch == 'f' ? &rq->from : &rq->to) != 0)
				return cmd_usage(c, _("%s: '%s' is not a date like 2026-11-23"),
				    ch == 'f' ? "--from" : "--to", optarg);
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
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(argv[optind], kinds[i]) == 0)
			rq->kind = (int)i;
	if (rq->kind < 0)
		return cmd_usage(c, _("unknown report '%s' (book, ontime, overdue or fees)"), argv[optind]);
	if (rq->kind == R_BOOK && (!have_from || !have_to))
		return cmd_usage(c, _("the tracking book needs --from DATE and --to DATE"));
	if (rq->from > rq->to)
		return cmd_usage(c, _("--from is after --to"));
	if (export && (rq->xlsx == NULL) == (rq->csv == NULL))
		return cmd_usage(c, _("export needs one of --xlsx FILE or --csv FILE"));
	return EXIT_DONE;
}

/* Fill t; for ontime also *rows and *n (the caller frees *rows). */
static int
build(struct cmd_ctx *c, const struct request *rq, struct report_table *t,
    struct report_ontime **rows, size_t *n, struct mc_error *err)
{
	int rc;

	*rows = NULL;
	*n = 0;
	switch (rq->kind) {
	case R_BOOK:
		return report_book(c->st, rq->from, rq->to, t, err);
	case R_ONTIME:
		if ((rc = report_ontime(c->st, rq->by, rq->from, rq->to, rows, n, err)) != MC_OK)
			return rc;
		return report_ontime_table(*rows, *n, t, err);
	case R_OVERDUE:
		return report_overdue(c->st, mc_now(), t, err);
	default:
		return report_fees(c->st, rq->from, rq->to, t, err);
	}
}

/* Columns of a UTF-8 string (code points). */
static int
width(const char *s)
{
	int w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
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

static void
print_table(struct cmd_ctx *c, const struct report_table *t)
{
	const char **vals = calloc((size_t)t->ncols, sizeof *vals);
	struct out *o = out_table(c->format, t->keys, t->ncols);
	size_t r;
	int k;

	for (r = 0; vals != NULL && r < t->nrows; r++) {
		for (k = 0; k < t->ncols; k++)
			vals[k] = report_cell(t, r, k);
		out_row(o, vals);
	}
	out_end(o);
	free(vals);
}

int
cmd_report(struct cmd_ctx *c, int argc, char **argv)
{
	struct report_table t;
	struct report_ontime *rows;
	struct request rq;
	struct mc_error err;
	size_t n;
	int rc;

	if ((rc = parse(c, argc, argv, 0, &rq)) != EXIT_DONE)
		return rc;
	if (build(c, &rq, &t, &rows, &n, &err) != MC_OK) {
		free(rows);
		return cmd_fail(c, &err);
	}
	if (rq.kind == R_BOOK && c->format == OUT_TEXT)
		printf("%s\n\n", _("TRACKING BOOK (Form 06)"));
	print_table(c, &t);
	if (rq.kind == R_ONTIME && c->format == OUT_TEXT)
		bars(rows, n);
	if (rq.kind == R_FEES && c->format == OUT_TEXT)
		printf("\n%s\n", _("Fees collected per day. The database does not record transfers to the treasury: match these totals against the transfer slips."));
	if (rq.kind == R_OVERDUE && c->format == OUT_TEXT && t.nrows == 0)
		printf("%s\n", _("No dossier is overdue."));
	report_table_free(&t);
	free(rows);
	return EXIT_DONE;
}

/* ---------------------------------------------------------------- export */

static void
csv_field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static int
write_csv(const char *path, const struct report_table *t, struct mc_error *err)
{
	FILE *fp = fopen(path, "w");
	size_t r;
	int k;

	if (fp == NULL)
		return mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(errno));
	for (k = 0; k < t->ncols; k++) {
		fputs(k > 0 ? "," : "", fp);
		csv_field(fp, t->keys[k]);
	}
	fputs("\r\n", fp);
	for (r = 0; r < t->nrows; r++) {
		for (k = 0; k < t->ncols; k++) {
			fputs(k > 0 ? "," : "", fp);
			csv_field(fp, report_cell(t, r, k));
		}
		fputs("\r\n", fp);
	}
	if (fclose(fp) != 0) {
		remove(path);
		return mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, strerror(errno));
	}
	return MC_OK;
}

static int
write_xlsx(const char *path, const char *sheet, const struct report_table *t,
    struct mc_error *err)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error e;
	size_t r;
	int k;

	if (wb == NULL)
		return mc_fail(err, MC_EIO, _("cannot write %s"), path);
	ws = workbook_add_worksheet(wb, sheet);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (k = 0; k < t->ncols; k++) {
		int w = width(t->keys[k]);

		worksheet_write_string(ws, 0, (lxw_col_t)k, t->keys[k], bold);
		for (r = 0; r < t->nrows && r < 1000; r++)
			if (width(report_cell(t, r, k)) > w)
				w = width(report_cell(t, r, k));
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, w > 60 ? 60 : w + 2, NULL);
	}
	for (r = 0; r < t->nrows && r < LXW_ROW_MAX - 1; r++)
		for (k = 0; k < t->ncols; k++) {
			const char *v = report_cell(t, r, k);
			char *end;
			double d = strtod(v, &end);

			if ((t->numeric & (1u << k)) && *v != '\0' && *end == '\0')
				worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)k, d, NULL);
			else if (*v != '\0')
				worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)k, v, NULL);
		}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		remove(path);
		return mc_fail(err, MC_EIO, _("cannot write %s: %s"), path, lxw_strerror(e));
	}
	return MC_OK;
}

int
cmd_export(struct cmd_ctx *c, int argc, char **argv)
{
	struct report_table t;
	struct report_ontime *rows;
	struct request rq;
	struct mc_error err;
	size_t n;
	int rc;

	if ((rc = parse(c, argc, argv, 1, &rq)) != EXIT_DONE)
		return rc;
	if (build(c, &rq, &t, &rows, &n, &err) != MC_OK) {
		free(rows);
		return cmd_fail(c, &err);
	}
	free(rows);
	if (rq.xlsx != NULL)
		rc = write_xlsx(rq.xlsx, kinds[rq.kind], &t, &err);
	else
		rc = write_csv(rq.csv, &t, &err);
	report_table_free(&t);
	if (rc != MC_OK)
		return cmd_fail(c, &err);
	return EXIT_DONE;
}
