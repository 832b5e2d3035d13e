/* screen-report.h -- what the two files of the report screens share: screen-report.c
 * (the menu, the date form, the view of each report and saving it) and screen-book.c
 * (the tracking book: its rows read a window at a time, its table, printing it).
 * screen-report.c calls screen-book.c, never the other way.
 * Nothing outside these two files includes it.
 */
#ifndef MC_SCREEN_REPORT_H
#define MC_SCREEN_REPORT_H

#include "console.h"
#include "export.h"
#include "grid.h"
#include "report.h"

enum kind { K_BOOK, K_MONTH, K_PROCEDURE, K_OVERDUE, K_FEES, K_COUNT };

/* What to show: a report and its days. */
struct request {
	enum kind kind;
	mc_day from, to;
};

/* Days given in the date form, waiting for the screen under it to take them. */
struct ask {
	struct request rq;
	int ready;
};

/* How a table's cell is shown (grid_col.fmt). */
enum cell_fmt {
	F_TEXT,
	F_TIME,		/* "YYYY-MM-DD HH:MM": a date, or date and time when wide */
	F_CODE,		/* a dossier code: without the office's part */
};

/* The rows received on day or later start at row first (0-based). */
struct mark {
	mc_day day;
	long first;
};

/* The book's rows around the screen, and marks to find the others again. */
struct book {
	struct mark *marks;	/* by day (and so by first) */
	size_t nmarks, cap;
	long total;		/* rows in the book; -1 until a read reached the end */
	long known;		/* rows known to exist */
	char **cells;		/* the window: rows [first, first + n), REPORT_BOOK_COLUMNS each */
	long first;
	int n, valid;
	int failed;		/* the last read failed: wait for a reload */
};

/* The view of one report (screen-report.c's view_ops). */
struct view {
	struct ask ask;			/* other days (d): taken by the reload */
	struct request rq;
	struct report_table t;		/* the report, but the book */
	struct report_ontime *ont;	/* on-time groups, the total last */
	size_t nont;
	int loaded;
	mc_minute at;			/* when it was read */
	int stale;			/* read the report at the next drawing */
	struct book bk;
	struct grid g;			/* the rows shown, the selected one */
	int col;			/* the first of the columns that scroll sideways */
	int keep;			/* a form of ours closes: nothing to read again */
	enum { COUNT_NONE, COUNT_END, COUNT_AGAIN } counting;	/* the book's rows to count:
					 * for End, or again after a reload */
	enum export_format format;	/* of the open save form */
	char confirm[4096];		/* an existing file that Enter again replaces */
	char question[512];		/* the print form's question */
	char printer[128];
};

/* ---- screen-book.c */

/* Mẫu 06's columns: the number and code stay; the others scroll sideways. */
extern const struct grid_col book_cols[];
extern const int book_ncols;
#define BOOK_FIXED 2

/* Start again from the first day: no marks but (from, 0), nothing known. */
void book_reset(struct book *bk, mc_day from);
/* Forget the rows read (not the marks). */
void book_window_free(struct book *bk);
void book_free(struct book *bk);
/* Make the window hold rows [top, top + rows) (as far as the book goes). */
void book_cover(struct console *con, struct book *bk, const struct request *rq, long top, int rows);
/* The cells of row i, when the window holds it. */
const char *const *book_cells(const struct book *bk, long i);
/* Draw the view of the book (rows y .. y+h-1). */
void book_draw(struct screen *s, int y, int h, int w);
/* p: print the book of the view's days on the office's printer (after asking). */
void book_print(struct screen *s, const struct screen_key *k);

/* A cell of the book or the overdue list as shown (grid_layout.text): dates in the
 * Vietnamese order, codes short. */
grid_text_fn book_cell_text;
/* The rows of the book: all of them once counted, else those known so far. */
long book_rows(const struct book *bk);

#endif
