/* report.h -- the tracking book (Mẫu 06, Sổ theo dõi hồ sơ) and the office's reports:
 * on-time rate by month or procedure with the average handling time, the overdue
 * list, and fees collected per day.
 *
 * Every report fills a report_table (named columns of text cells) that the callers
 * print as text, TSV, JSON, CSV or XLSX; report_ontime() also gives typed rows.
 *
 * Finished dossiers are those whose result is ready or returned (status 9, 10):
 * late when dossier_late(), early when finished on a day before the due day, else on
 * time.  Handling time is calendar_working_days_between(day received, day finished):
 * the day of receipt is not counted (supplement waiting time is not subtracted).
 *
 * There is no record of fees transferred to the treasury in the schema, so "fees not
 * yet transferred" is reported as fees collected per day (fee-paid events), for the
 * official to match against the transfer slips.
 */
#ifndef MC_REPORT_H
#define MC_REPORT_H

#include <stddef.h>

#include "error.h"
#include "mctime.h"

struct store;

/* Named columns of text cells, row by row.  keys are static strings. */
struct report_table {
	int ncols;
	const char *const *keys;
	unsigned numeric;		/* bit i set: column i holds numbers */
	char **cells;			/* nrows * ncols, owned */
	size_t nrows, cap;
};

/* Free the cells of t (t itself is the caller's) and empty it. */
void report_table_free(struct report_table *t);
/* The cell at row r, column c ("" for a NULL cell). */
const char *report_cell(const struct report_table *t, size_t r, int c);

/* A whole-history bound for the day arguments. */
#define REPORT_DAY_MIN 0			/* 1970-01-01 */
#define REPORT_DAY_MAX 2932896			/* 9999-12-31 */

/* The numbering of the book, one rule for the book and the receipt (Mẫu 01's "Vào Sổ
 * theo dõi hồ sơ, Quyển số ..., Số thứ tự ..."): a book (quyển) is a calendar year of
 * receipt, *year; a dossier's row (số thứ tự) is its place among that year's dossiers
 * in order of receipt time, then code, from 1.  A dossier entered late (back-entered)
 * takes its place by the time it was received, as on paper. */
int report_book_row(struct store *st, mc_minute received_at, const char *code, int *year,
    long *row, struct mc_error *err);

/* Mẫu 06: the dossiers received on days [from, to], in order of receipt (then code),
 * each numbered by report_book_row() (a book that starts mid-year goes on from the
 * rows before it).  Columns: no, code, procedure, procedure_name, sets, name,
 * address_phone, handler, received_at, due_at, finished_at, returned_at, note (the
 * keys name the same things as in every other table: doc/motcua.1, JSON).
 * *t is filled (the caller frees it with report_table_free) only on MC_OK. */
int report_book(struct store *st, mc_day from, mc_day to, struct report_table *t,
    struct mc_error *err);
/* The same rows one at a time, in constant memory (a year's book may hold a million):
 * fn gets REPORT_BOOK_COLUMNS cells valid during the call; an mc code other than MC_OK
 * from fn stops and is returned (fn fills err then). */
#define REPORT_BOOK_COLUMNS 13
#define REPORT_BOOK_NUMERIC (1u << 0 | 1u << 4)	/* no, sets */
extern const char *const report_book_keys[REPORT_BOOK_COLUMNS];
int report_book_each(struct store *st, mc_day from, mc_day to,
    int (*fn)(const char *const *cells, void *ctx), void *ctx, struct mc_error *err);

enum report_by {
	REPORT_BY_MONTH,	/* month the result was ready, "YYYY-MM" */
	REPORT_BY_PROCEDURE,	/* procedure code */
};

struct report_ontime {
	char key[64];		/* "2026-10" or a procedure code */
	char label[256];	/* the month again, or the procedure's name */
	long finished, early, ontime, late;
	long working_days;	/* sum over the finished dossiers */
	double avg_days;	/* working_days / finished */
	double rate;		/* (early + ontime) / finished, percent */
};

/* The dossiers finished on days [from, to], grouped by; *rows (sorted by key, the
 * caller frees it) and *n get the groups.  A last row with key "" holds the totals
 * when there is at least one group. */
int report_ontime(struct store *st, enum report_by by, mc_day from, mc_day to,
    struct report_ontime **rows, size_t *n, struct mc_error *err);
/* Count one finished dossier into g by the rule above (early, on time or late), with
 * working_days of handling; then fill avg_days and rate once all are counted.  The
 * province hub's reports count with these too. */
struct dossier;
void report_ontime_count(struct report_ontime *g, const struct dossier *d, int working_days);
void report_ontime_finish(struct report_ontime *g);
/* The same as a table: key, label, finished, early, on_time, late, on_time_pct,
 * avg_working_days. */
int report_ontime_table(const struct report_ontime *rows, size_t n, struct report_table *t,
    struct mc_error *err);

/* Pending dossiers past their due time at now, the longest overdue first.  Columns:
 * code, procedure, name, phone, received_at, due_at, working_days_late, handler. */
int report_overdue(struct store *st, mc_minute now, struct report_table *t,
    struct mc_error *err);

/* Fees collected per day of [from, to] (fee-paid events).  Columns: day, payments,
 * amount (đồng), and a last row "total". */
int report_fees(struct store *st, mc_day from, mc_day to, struct report_table *t,
    struct mc_error *err);

#endif
