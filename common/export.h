/* export.h -- the reports of report.h written to a file as they are read: CSV (UTF-8
 * with a byte-order mark, so that Excel on Windows shows Vietnamese), XLSX (one sheet,
 * libxlsxwriter in its constant-memory mode), and the tracking book as text for a
 * printer.  Rows go out one at a time, so a year's book is never held in memory.
 *
 *	struct export x;
 *	rc = export_open(&x, EXPORT_XLSX, "book.xlsx", "book", report_book_keys,
 *	    REPORT_BOOK_COLUMNS, REPORT_BOOK_NUMERIC, err);
 *	if (rc == MC_OK)
 *		rc = report_book_each(st, from, to, export_each, &x, err);
 *	rc = export_close(&x, rc);	// the file is removed when rc is not MC_OK
 *
 * A file that cannot be written is refused in words a user understands: no right to
 * write there (MC_EDENIED), the disk is full (MC_EFULL), no such folder, or a folder
 * given where a file was expected (MC_EIO).  libxlsxwriter's own messages, which it
 * prints to standard error, are silenced from export_open() to export_close().  Only a regular file is ever removed after
 * a failure (never a device such as /dev/full).
 */
#ifndef MC_EXPORT_H
#define MC_EXPORT_H

#include <stdio.h>

#include "error.h"
#include "mctime.h"

struct store;
struct report_table;

enum export_format {
	EXPORT_CSV,		/* RFC 4180, CRLF, UTF-8 with a BOM */
	EXPORT_XLSX,		/* a workbook of one sheet; numeric columns as numbers */
};

#define EXPORT_COLUMNS_MAX 32

/* A file being written: the fields are export.c's (the struct is public only so that
 * a caller can keep it on the stack). */
struct export {
	enum export_format format;
	const char *path;	/* borrowed from export_open's caller */
	FILE *csv;
	void *wb, *ws;		/* lxw_workbook *, lxw_worksheet * */
	int ncols;
	unsigned numeric;	/* bit i set: column i holds numbers */
	unsigned long row;	/* rows written, the header included */
	int width[EXPORT_COLUMNS_MAX];
	struct mc_error *err;	/* where export_row and export_each report */
	int stderr_fd;		/* XLSX: standard error, set aside while libxlsxwriter
				   runs (it prints raw "[ERROR]" lines); -1 none */
};

/* The CSV byte-order mark, EF BB BF. */
#define EXPORT_CSV_BOM "\xef\xbb\xbf"

/* Create path and write the header row (keys, static strings of ncols columns, at
 * most EXPORT_COLUMNS_MAX).  sheet names the XLSX sheet.  path and err must outlive x.
 * On failure nothing is left to close but export_close() may still be called. */
int export_open(struct export *x, enum export_format format, const char *path,
    const char *sheet, const char *const *keys, int ncols, unsigned numeric,
    struct mc_error *err);
/* One data row of x->ncols cells (NULL is empty). */
int export_row(struct export *x, const char *const *cells);
/* export_row() as the row callback of report_book_each() (ctx is the struct export). */
int export_each(const char *const *cells, void *ctx);
/* Finish the file when rc is MC_OK, else remove it; returns rc, or the error met while
 * finishing.  Safe to call once after any export_open(). */
int export_close(struct export *x, int rc);

/* A whole report table to path. */
int export_table(const struct report_table *t, enum export_format format, const char *path,
    const char *sheet, struct mc_error *err);
/* The tracking book of days [from, to] to path, straight from the store. */
int export_book(struct store *st, mc_day from, mc_day to, enum export_format format,
    const char *path, struct mc_error *err);

/* The tracking book (Mẫu 06) of days [from, to] as text for a printer, PAPER_WIDTH
 * columns at most, in Vietnamese (the form's wording is fixed), one block of lines a
 * dossier, unaccented when flags has PAPER_PLAIN (paper.h); *rows gets how many
 * dossiers it lists.  MC_EIO when fp fails. */
int export_book_text(struct store *st, mc_day from, mc_day to, int flags, FILE *fp,
    long *rows, struct mc_error *err);

#endif
