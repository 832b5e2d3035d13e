/* grid.h -- a list on a console screen: the rows shown, the selected one, the list
 * keys, and a table's columns sized from the screen's width.
 *
 * The screen keeps its rows (all of them, or a window of a long list it reads again
 * as the list moves) and tells the grid how many there are; the grid keeps which row
 * is first on the screen and which is selected, and moves them with the keys every
 * list shares:
 *
 *	Up, k / Down, j		a row
 *	PgUp / PgDn		a page
 *	Home / End		the first, the last row
 *
 * before the screen's key table sees them (grid_key).  A list without a selection
 * (a chart's groups, a day's fees) scrolls with the same keys.
 *
 * A table lays its columns out from the width (grid_layout): the first nfixed stay,
 * the others scroll sideways from the first one shown, each column as wide as its
 * width below GRID_WIDE terminal columns and its wide width from it, the flexible one
 * taking what is left; grid_line draws the headings or a row in a style.
 */
#ifndef MC_GRID_H
#define MC_GRID_H

#include <limits.h>

#include "console.h"

#define GRID_WIDE 120		/* from this width, the columns' wide widths */
#define GRID_COLS 16		/* columns of a table at most */

/* Where a list is.  The screen sets n (and open) before the keys and the drawing,
 * rows when it draws. */
struct grid;

/* A list read a page at a time: the page the keys ask the screen for. */
enum grid_turn { GRID_PREV = -1, GRID_FIRST = 0, GRID_NEXT = 1 };
typedef void grid_turn_fn(struct grid *g, enum grid_turn to, void *ctx);

struct grid {
	long n;			/* rows in the list (known so far, when open) */
	long top;		/* the first row shown */
	long sel;		/* the selected row (0 when n is 0) */
	int rows;		/* rows the screen has for it, from the last drawing */
	int select;		/* 1: a row is selected (Enter opens it); 0: the keys scroll */
	int open;		/* 1: more rows than n may follow: End is the screen's */
	int overlap;		/* rows of a page shown again on the next */
	int follow;		/* 1: a page moves the selection and the rows shown follow it;
				 * 0: it moves both (the selection stays where it is on screen) */
	/* A list read a page at a time (turn set; see grid_key): */
	grid_turn_fn *turn;	/* reads another page (or marks it to be read) */
	void *ctx;		/* for turn */
	int earlier, more;	/* a page comes before this one; one comes after it */
};

/* Keep sel inside the list and on the screen, and top where rows are shown (an open
 * list may scroll past its known rows). */
void grid_fit(struct grid *g);
/* Set the rows the screen has for the list (at least 1), then grid_fit(). */
void grid_fit_rows(struct grid *g, int rows);
/* Move by n rows (a page when page is set): the selection, or the rows shown. */
void grid_scroll(struct grid *g, long n, int page);
/* Rows a page moves. */
long grid_page(const struct grid *g);
/* 1 when key is one of the list keys (Up, Down, j, k, PgUp, PgDn, Home, End). */
int grid_is_key(int key);
/* 1 when key is Enter (which opens the selected row). */
int grid_is_enter(int key);
/* A list key moves the list: CON_KEY_DONE; any other key: CON_KEY_PASS.
 *
 * A list read a page at a time (a long list read by keyset: the SMS boxes, the
 * dossiers found) sets turn: its n rows are one page, all on the screen (rows), and
 * the screen says whether a page comes before (earlier) and after it (more).  The
 * keys then move the selection inside the page and ask turn() for another page:
 *
 *	Down on the last row, PgDn	GRID_NEXT (when more): its first row
 *	Up on the first row		GRID_PREV (when earlier): its last row
 *	PgUp				GRID_PREV (when earlier): its first row
 *	Home				GRID_FIRST (when earlier): its first row
 *	End				the last row of this page
 *
 * PgDn, PgUp on the last, the first page select its last, its first row; Up on the
 * first row of the first page is the screen's (CON_KEY_PASS: a search box above).
 * turn() may only mark the page to be read (the screen reads it before the next key
 * that needs it, or when it draws): the grid sets sel for the new page (its last row
 * is rows - 1) and the screen calls grid_fit() when it has read it. */
int grid_key(struct grid *g, int key);
/* Text that scrolls by its first line shown (a dossier's history, a form, a preview):
 * Up, Down, PgUp, PgDn or Space, Home, End move *first (by page for a page; End sets
 * GRID_END, which the screen bounds when it draws): CON_KEY_DONE, else CON_KEY_PASS. */
#define GRID_END	(INT_MAX / 2)
int grid_text_key(int key, int *first, int page);

/* One column of a table. */
struct grid_col {
	int cell;		/* the index of its value in the screen's row */
	const char *head;	/* N_(): its heading */
	int width, wide;	/* terminal columns below GRID_WIDE, and from it */
	int right;		/* right-aligned (numbers) */
	int flex;		/* gets the room left over */
	int fmt;		/* how the screen shows the value (its text()), 0: as it is */
};

struct grid_layout;

/* How a screen shows the value v of column i (a date, a short code) in buf. */
typedef void grid_text_fn(const struct console *con, const struct grid_layout *l, int i,
    const char *v, char *buf, size_t size);

/* Where each column goes on this terminal: x and width, 0 when hidden. */
struct grid_layout {
	const struct grid_col *cols;
	int ncols, nfixed, first;
	int wide;		/* the screen is GRID_WIDE or wider */
	int x[GRID_COLS], w[GRID_COLS];
	int more;		/* columns hidden on the right */
	grid_text_fn *text;	/* set by the screen after grid_layout(), or NULL */
};

/* Lay out cols in w terminal columns: the nfixed first ones, then from first on
 * while they fit (the last one shown cut when its heading still fits). */
void grid_layout(const struct console *con, struct grid_layout *l, const struct grid_col *cols,
    int ncols, int nfixed, int first, int w);
/* Left, h / Right, l: the first of the columns that scroll sideways, in *first (a
 * layout in w columns decides whether there is more on the right); CON_KEY_DONE
 * when key is one of them. */
int grid_col_key(const struct console *con, const struct grid_col *cols, int ncols, int nfixed,
    int *first, int w, int key);
/* One line of a table at row y, filled with style over w columns: the headings when
 * cells is NULL, else each column's cell (cells[col.cell], as l->text shows it; NULL
 * is ""); mark (or NULL) in the first column of the line. */
void grid_line(struct console *con, const struct grid_layout *l, int y, int w,
    const char *const *cells, enum con_style style, const char *mark);
/* "   Left, Right: more columns" when columns are hidden on either side, else "". */
const char *grid_more_columns(const struct grid_layout *l);
/* Lines the text under a table (info) takes in w columns: 1, or 2 when it does not
 * fit on one. */
int grid_foot_lines(const struct console *con, const char *info, int w);
/* s right-aligned in w columns ending at x + w. */
void grid_put_right(struct console *con, int y, int x, int w, enum con_style style, const char *s);

#endif
