/* screen-report.c -- the tracking book (Mẫu 06) and the office's reports on the
 * console: a menu of five reports, a form asking for the days, and a view of each.
 *
 *	b  the tracking book of the dossiers received on some days, a table read a
 *	   window at a time (see "the book" below);
 *	m  the on-time rate by month and t by procedure (with the average handling
 *	   time in working days), as horizontal bar charts with their numbers;
 *	o  the overdue list, in the overdue style;
 *	f  the fees collected per day, with a bar for each day's amount.
 *
 * Every figure comes from common/report.h; this file only lays them out.  Each view
 * saves what it shows with x (XLSX) or v (CSV) through common/export.h, and the book
 * goes to the office's printer with p (common/paper.h's lp).
 *
 * The book of a busy year holds a million rows, so it is never loaded: the view
 * keeps the rows around the screen (three screenfuls) and reads them again with
 * report_book_each() when the screen leaves them.  To avoid reading from the first
 * row each time, it remembers marks: "the rows received on day D or later start at
 * row N", one for each day it has passed.  A read starts at the last mark before the
 * rows it wants and skips at most one day's rows.  The number of rows is known once a
 * read reaches the end; End counts them (a key stops the count).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <ncurses.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "console.h"
#include "export.h"
#include "form.h"
#include "i18n.h"
#include "paper.h"
#include "report.h"
#include "store.h"

#define BAR_MAX 200		/* longest bar drawn, in columns */
#define COUNT_POLL 4096		/* rows counted between looks for a waiting key */
#define PROGRESS_ROWS 20000	/* rows saved between progress messages */
#define WIDE 120		/* from this width, full codes and times */

enum kind { K_BOOK, K_MONTH, K_PROCEDURE, K_OVERDUE, K_FEES, K_COUNT };

static const struct kind_info {
	const char *file;	/* in file names: motcua-<file>-<from>-<to>.xlsx */
	const char *title;	/* N_() */
	const char *days;	/* N_(): what the days select, or NULL (no days asked) */
} kinds[K_COUNT] = {
	[K_BOOK] = { "book", N_("Tracking book (Form 06)"),
	    N_("The dossiers received on these days:") },
	[K_MONTH] = { "ontime-month", N_("On-time rate by month"),
	    N_("The dossiers finished on these days:") },
	[K_PROCEDURE] = { "ontime-procedure", N_("On-time rate and handling time by procedure"),
	    N_("The dossiers finished on these days:") },
	[K_OVERDUE] = { "overdue", N_("Overdue dossiers"), NULL },
	[K_FEES] = { "fees", N_("Fees collected per day"),
	    N_("The fees paid on these days:") },
};

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

/* ---------------------------------------------------------------- days */

/* The days a report starts with: from the 1st of this month to today (by month:
 * the last twelve months, so that the chart has something to compare). */
static void
default_days(enum kind kind, mc_day *from, mc_day *to)
{
	int y, m, d;

	*to = mc_day_of(mc_now());
	mc_civil_from_day(*to, &y, &m, &d);
	if (kind == K_MONTH && (m -= 11) < 1) {
		m += 12;
		y--;
	}
	*from = mc_day_from_civil(y, m, 1);
}

static enum form_result
days_submit(struct console *con, void *ctx, const char *const *values)
{
	static const char *const names[2] = { N_("From"), N_("To") };
	struct ask *a = ctx;
	char ex[MC_TIME_BUF], f[MC_TIME_BUF], t[MC_TIME_BUF];
	mc_day d[2];
	int i;

	for (i = 0; i < 2; i++)
		if (mc_date_read(values[i], &d[i]) != 0) {
			mc_date_format_vn(mc_day_of(mc_now()), ex);
			console_message(con, STYLE_ERROR,
			    _("%s: '%.40s' is not a date; type DD/MM/YYYY, e.g. %s"),
			    _(names[i]), values[i], ex);
			return FORM_STAY;
		}
	if (d[0] > d[1]) {
		mc_date_format_vn(d[0], f);
		mc_date_format_vn(d[1], t);
		console_message(con, STYLE_ERROR, _("The first day (%s) is after the last day (%s)."), f, t);
		return FORM_STAY;
	}
	a->rq.from = d[0];
	a->rq.to = d[1];
	a->ready = 1;
	return FORM_CLOSE;
}

/* Ask the days of kind, proposing [from, to]; a->ready is set when they are given. */
static void
ask_days(struct console *con, struct ask *a, enum kind kind, mc_day from, mc_day to)
{
	struct form_spec spec = {
		.title = kinds[kind].title,
		.prompt = kinds[kind].days,
		.items = { { N_("From (DD/MM/YYYY)"), FIELD_PLAIN, 1, 24 },
			   { N_("To (DD/MM/YYYY)"), FIELD_PLAIN, 1, 24 } },
		.nitems = 2,
		.submit = days_submit,
	};
	char f[MC_TIME_BUF], t[MC_TIME_BUF];
	const char *initial[2] = { f, t };

	a->rq.kind = kind;
	a->ready = 0;
	mc_date_format_vn(from, f);
	mc_date_format_vn(to, t);
	form_open(con, &spec, a, initial);
}

/* ---------------------------------------------------------------- drawing helpers */

/* n cells of the bar character at (y, x): full blocks, or light shade for late. */
static void
bar(struct console *con, int y, int x, int n, int late)
{
	const char *c = con->utf8 ? (late ? "\u2591" : "\u2588") : (late ? "." : "#");
	char buf[4 * BAR_MAX + 1];
	size_t len = strlen(c);
	int i;

	if (n > BAR_MAX)
		n = BAR_MAX;
	for (i = 0; i < n; i++)
		memcpy(buf + (size_t)i * len, c, len);
	buf[(size_t)(n > 0 ? n : 0) * len] = '\0';
	if (n > 0)
		console_put(con, y, x, n, late ? STYLE_OVERDUE : STYLE_INFO, buf);
}

/* s right-aligned in w columns ending at x + w. */
static void
put_right(struct console *con, int y, int x, int w, enum con_style style, const char *s)
{
	int n = console_width(con, s);

	console_put(con, y, n < w ? x + w - n : x, w, style, s);
}

/* s on two lines of w columns from (y, x), cut after a space. */
static void
put_wrapped(struct console *con, int y, int x, int w, enum con_style style, const char *s)
{
	char buf[512];
	size_t n = console_fit(con, s, w), i;

	if (s[n] != '\0')
		for (i = n; i > 0; i--)
			if (s[i - 1] == ' ') {
				n = i;
				break;
			}
	snprintf(buf, sizeof buf, "%.*s", (int)n, s);
	console_put(con, y, x, w, style, buf);
	while (s[n] == ' ')
		n++;
	console_put(con, y + 1, x, w, style, s + n);
}

/* Digits grouped by thousands the way the office's language writes them. */
static void
grouped(const char *v, char *buf, size_t size)
{
	char sep = strcmp(mc_i18n_lang(), "vi") == 0 ? '.' : ',';
	size_t n = strlen(v), i, o = 0;

	if (strspn(v, "0123456789") != n || n == 0) {
		snprintf(buf, size, "%s", v);
		return;
	}
	for (i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = sep;
		buf[o++] = v[i];
	}
	buf[o] = '\0';
}

/* ---------------------------------------------------------------- tables */

enum cell_fmt {
	F_TEXT,
	F_NUM,		/* right-aligned */
	F_TIME,		/* "YYYY-MM-DD HH:MM": a date, or date and time when wide */
	F_CODE,		/* a dossier code: without the office's part unless wide */
};

/* One column of a table view. */
struct column {
	int cell;		/* index in the report's row */
	const char *head;	/* N_() */
	int width, wide;	/* columns under WIDE and from WIDE */
	enum cell_fmt fmt;
	int flex;		/* gets the room left over */
};

/* Mẫu 06: the number and code stay; the others scroll sideways. */
static const struct column book_cols[] = {
	{ 0, N_("No."), 7, 7, F_NUM, 0 },
	{ 1, N_("Code"), 11, 25, F_CODE, 0 },
	{ 5, N_("Applicant"), 18, 24, F_TEXT, 1 },
	{ 8, N_("Receipt"), 10, 16, F_TIME, 0 },
	{ 9, N_("Due on"), 10, 16, F_TIME, 0 },
	{ 12, N_("Note"), 18, 30, F_TEXT, 0 },
	{ 2, N_("Procedure"), 9, 9, F_TEXT, 0 },
	{ 3, N_("Procedure name"), 30, 40, F_TEXT, 0 },
	{ 4, N_("Sets"), 5, 5, F_NUM, 0 },
	{ 10, N_("Ready on"), 10, 16, F_TIME, 0 },
	{ 11, N_("Collected"), 10, 16, F_TIME, 0 },
	{ 6, N_("Address, phone"), 30, 40, F_TEXT, 0 },
	{ 7, N_("Handled by"), 20, 30, F_TEXT, 0 },
};
#define BOOK_FIXED 2

static const struct column overdue_cols[] = {
	{ 0, N_("Code"), 11, 25, F_CODE, 0 },
	{ 2, N_("Applicant"), 18, 24, F_TEXT, 1 },
	{ 5, N_("Due on"), 10, 16, F_TIME, 0 },
	{ 6, N_("Days late"), 9, 9, F_NUM, 0 },
	{ 1, N_("Procedure"), 9, 9, F_TEXT, 0 },
	{ 3, N_("Phone"), 11, 11, F_TEXT, 0 },
	{ 4, N_("Receipt"), 10, 16, F_TIME, 0 },
	{ 7, N_("Handled by"), 20, 30, F_TEXT, 0 },
};
#define OVERDUE_FIXED 1

#define GRID_MAX 16

/* Where each column goes on this terminal: x and width, 0 when hidden. */
struct grid {
	const struct column *cols;
	int ncols, wide;
	int x[GRID_MAX], w[GRID_MAX];
	int more;		/* columns hidden on the right */
};

/* Lay out cols in w columns: the fixed ones, then from first on while they fit. */
static void
grid_layout(struct grid *g, const struct column *cols, int ncols, int nfixed, int first, int w)
{
	int i, x = 2, cw, flex = -1;

	memset(g, 0, sizeof *g);
	g->cols = cols;
	g->ncols = ncols < GRID_MAX ? ncols : GRID_MAX;
	g->wide = w >= WIDE;
	for (i = 0; i < g->ncols; i++) {
		if (i >= nfixed && i < first)
			continue;
		cw = g->wide ? cols[i].wide : cols[i].width;
		if (x + cw > w - 1) {
			if (i < first || x + 8 > w - 1) {	/* not even a part fits */
				g->more = 1;
				break;
			}
			cw = w - 1 - x;
			g->more = i + 1 < g->ncols;
		}
		g->x[i] = x;
		g->w[i] = cw;
		if (cols[i].flex)
			flex = i;
		x += cw + 1;
	}
	if (flex >= 0 && !g->more && x < w) {	/* the room left to the flexible column */
		for (i = flex + 1; i < g->ncols; i++)
			g->x[i] += w - x;
		g->w[flex] += w - x;
	}
}

/* A cell as shown: dates in the Vietnamese order, codes short on a narrow screen. */
static void
cell_text(const struct console *con, const struct grid *g, int i, const char *v,
    char *buf, size_t size)
{
	size_t n = strlen(con->office_code);
	char t[MC_TIME_BUF];
	mc_minute m;
	int y, mo, d;

	switch (g->cols[i].fmt) {
	case F_TIME:
		if (mc_time_parse(v, &m) != 0)
			break;
		if (g->wide)
			mc_time_format_vn(m, t);
		else {
			mc_civil_from_day(mc_day_of(m), &y, &mo, &d);
			snprintf(t, sizeof t, "%02d/%02d/%04d", d, mo, y);
		}
		snprintf(buf, size, "%s", t);
		return;
	case F_CODE:
		if (!g->wide && n > 0 && strncmp(v, con->office_code, n) == 0 && v[n] == '-') {
			snprintf(buf, size, "%s", v + n + 1);
			return;
		}
		break;
	default:
		break;
	}
	snprintf(buf, size, "%s", v);
}

/* One line of a table: the headings when cells is NULL. */
static void
grid_line(struct console *con, const struct grid *g, int y, int w, const char *const *cells,
    enum con_style style, const char *mark)
{
	char buf[1024];
	int i;

	console_fill(con, y, 0, w, style);
	if (mark != NULL)
		console_put(con, y, 0, 1, style, mark);
	for (i = 0; i < g->ncols; i++) {
		if (g->w[i] == 0)
			continue;
		if (cells == NULL)
			snprintf(buf, sizeof buf, "%s", _(g->cols[i].head));
		else
			cell_text(con, g, i, cells[g->cols[i].cell] != NULL ? cells[g->cols[i].cell] : "",
			    buf, sizeof buf);
		if (g->cols[i].fmt == F_NUM)
			put_right(con, y, g->x[i], g->w[i], style, buf);
		else
			console_put(con, y, g->x[i], g->w[i], style, buf);
	}
}

/* The hint that columns are hidden on either side, or "". */
static const char *
more_columns(const struct grid *g, int first, int nfixed)
{
	static char buf[128];

	if (!g->more && first <= nfixed)
		return "";
	snprintf(buf, sizeof buf, "   %s", _("Left, Right: more columns"));
	return buf;
}

/* ---------------------------------------------------------------- the book */

/* The rows received on day or later start at row first (0-based). */
struct mark {
	mc_day day;
	long first;
};

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

static void
book_window_free(struct book *bk)
{
	int i;

	for (i = 0; i < bk->n * REPORT_BOOK_COLUMNS; i++)
		free(bk->cells[i]);
	free(bk->cells);
	bk->cells = NULL;
	bk->n = 0;
	bk->valid = 0;
}

static void
mark_add(struct book *bk, mc_day day, long first)
{
	size_t lo = 0, hi = bk->nmarks;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (bk->marks[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < bk->nmarks && bk->marks[lo].day == day) {
		bk->marks[lo].first = first;
		return;
	}
	if (bk->nmarks == bk->cap) {
		struct mark *m;

		bk->cap = bk->cap > 0 ? bk->cap * 2 : 64;
		m = xcalloc(bk->cap, sizeof *m);
		if (bk->nmarks > 0)
			memcpy(m, bk->marks, bk->nmarks * sizeof *m);
		free(bk->marks);
		bk->marks = m;
	}
	memmove(&bk->marks[lo + 1], &bk->marks[lo], (bk->nmarks - lo) * sizeof *bk->marks);
	bk->marks[lo].day = day;
	bk->marks[lo].first = first;
	bk->nmarks++;
}

/* The last mark at or before row. */
static const struct mark *
mark_before(const struct book *bk, long row)
{
	size_t lo = 0, hi = bk->nmarks;

	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;

		if (bk->marks[mid].first <= row)
			lo = mid;
		else
			hi = mid;
	}
	return &bk->marks[lo];
}

/* Start again from the first day: no marks but (from, 0), nothing known. */
static void
book_reset(struct book *bk, mc_day from)
{
	book_window_free(bk);
	bk->nmarks = 0;
	mark_add(bk, from, 0);
	bk->total = -1;
	bk->known = 0;
	bk->failed = 0;
}

static void
book_free(struct book *bk)
{
	book_window_free(bk);
	free(bk->marks);
	memset(bk, 0, sizeof *bk);
}

/* One pass of report_book_each() from a mark. */
struct book_pass {
	struct book *bk;
	long idx;		/* the row the next call brings */
	mc_day day;		/* the day of the last row seen */
	long from, want;	/* keep rows [from, from + want); want 0: only count */
	int poll;		/* stop when a key is waiting */
	int stopped;		/* the pass stopped itself (not an error) */
};

static int
key_waiting(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

static int
book_row(const char *const *cells, void *ctx)
{
	struct book_pass *p = ctx;
	struct book *bk = p->bk;
	mc_minute t;
	int k;

	if (mc_time_parse(cells[8], &t) == 0 && mc_day_of(t) > p->day) {
		p->day = mc_day_of(t);
		mark_add(bk, p->day, p->idx);
	}
	if (p->want > 0 && p->idx >= p->from && p->idx < p->from + p->want) {
		char **row = &bk->cells[(size_t)bk->n * REPORT_BOOK_COLUMNS];

		/* cells[0] is the row in the year's book, the receipt's Số thứ tự. */
		for (k = 0; k < REPORT_BOOK_COLUMNS; k++)
			row[k] = xstrdup(cells[k]);
		bk->n++;
	}
	p->idx++;
	if ((p->want > 0 && p->idx > p->from + p->want) ||	/* one row past: there is more */
	    (p->poll && p->idx % COUNT_POLL == 0 && key_waiting())) {
		p->stopped = 1;
		return MC_EINTERNAL;	/* not an error: p->stopped says so */
	}
	return MC_OK;
}

/* Read rows [from, from + want) into the window, or (want 0) go through the rest of
 * the book counting it; 0 done, -1 failed (message shown), 1 stopped by a key. */
static int
book_pass(struct console *con, struct book *bk, const struct request *rq, long from,
    long want, int poll)
{
	const struct mark *m = mark_before(bk, from);
	struct book_pass p = { .bk = bk, .idx = m->first, .day = m->day - 1, .from = from,
	    .want = want, .poll = poll };
	struct mc_error err;
	int rc;

	if (want > 0) {
		book_window_free(bk);
		bk->cells = xcalloc((size_t)want * REPORT_BOOK_COLUMNS, sizeof *bk->cells);
		bk->first = from;
	}
	rc = report_book_each(con->st, m->day, rq->to, book_row, &p, &err);
	if (rc != MC_OK && !p.stopped) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		bk->failed = 1;
		return -1;
	}
	if (p.idx > bk->known)
		bk->known = p.idx;
	if (rc == MC_OK)
		bk->total = p.idx;
	if (want > 0)
		bk->valid = 1;
	return rc == MC_OK || want > 0 ? 0 : 1;
}

/* Make the window hold rows [top, top + rows) (as far as the book goes). */
static void
book_cover(struct console *con, struct book *bk, const struct request *rq, long top, int rows)
{
	long end = top + rows, from;

	if (bk->total >= 0 && end > bk->total)
		end = bk->total;
	if (bk->failed || (bk->valid && bk->first <= top && bk->first + bk->n >= end))
		return;
	/* A screenful before and after too: moving a row at a time reads nothing. */
	from = top - rows > 0 ? top - rows : 0;
	book_pass(con, bk, rq, from, top + 2L * rows - from, 0);
}

/* The cells of row i, when the window holds it. */
static const char *const *
book_cells(const struct book *bk, long i)
{
	if (!bk->valid || i < bk->first || i >= bk->first + bk->n)
		return NULL;
	return (const char *const *)&bk->cells[(size_t)(i - bk->first) * REPORT_BOOK_COLUMNS];
}

/* ---------------------------------------------------------------- the view */

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
	long top, sel;			/* the first row shown; the selected row */
	int rows;			/* rows that fit, from the last drawing */
	int col;			/* the first of the columns that scroll sideways */
	int keep;			/* a form of ours closes: nothing to read again */
	enum { COUNT_NONE, COUNT_END, COUNT_AGAIN } counting;	/* the book's rows to count:
					 * for End, or again after a reload */
	enum export_format format;	/* of the open save form */
	char confirm[4096];		/* an existing file that Enter again replaces */
	char question[512];		/* the print form's question */
	char printer[128];
};

static const struct screen_ops view_ops;

/* Rows that scroll: the book's known rows, the groups of a chart, the days of fees
 * (their totals stay at the bottom), the overdue dossiers. */
static long
view_count(const struct view *v)
{
	switch (v->rq.kind) {
	case K_BOOK:
		return v->bk.total >= 0 ? v->bk.total : v->bk.known;
	case K_MONTH:
	case K_PROCEDURE:
		return v->nont > 0 ? (long)v->nont - 1 : 0;
	case K_FEES:
		return v->t.nrows > 0 ? (long)v->t.nrows - 1 : 0;
	default:
		return (long)v->t.nrows;
	}
}

/* The book and the overdue list have a selected row (Enter opens it). */
static int
selectable(const struct view *v)
{
	return v->rq.kind == K_BOOK || v->rq.kind == K_OVERDUE;
}

static void
view_unload(struct view *v)
{
	report_table_free(&v->t);
	free(v->ont);
	v->ont = NULL;
	v->nont = 0;
	v->loaded = 0;
}

/* Read the report; on failure the message line says why and nothing is shown. */
static void
view_load(struct screen *s)
{
	struct view *v = s->data;
	struct mc_error err;
	int rc = MC_OK;

	view_unload(v);
	switch (v->rq.kind) {
	case K_BOOK:
		book_reset(&v->bk, v->rq.from);
		break;
	case K_MONTH:
	case K_PROCEDURE:
		rc = report_ontime(s->con->st, v->rq.kind == K_MONTH ? REPORT_BY_MONTH :
		    REPORT_BY_PROCEDURE, v->rq.from, v->rq.to, &v->ont, &v->nont, &err);
		if (rc == MC_OK)
			rc = report_ontime_table(v->ont, v->nont, &v->t, &err);
		break;
	case K_OVERDUE:
		rc = report_overdue(s->con->st, mc_now(), &v->t, &err);
		break;
	default:
		rc = report_fees(s->con->st, v->rq.from, v->rq.to, &v->t, &err);
		break;
	}
	if (rc != MC_OK) {
		view_unload(v);
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
		return;
	}
	v->loaded = 1;
	v->at = mc_now();
}

static int
view_open(struct screen *s, void *arg)
{
	struct view *v = xcalloc(1, sizeof *v);

	v->rq = *(const struct request *)arg;
	v->col = v->rq.kind == K_BOOK ? BOOK_FIXED : OVERDUE_FIXED;
	v->rows = 1;
	v->stale = 1;		/* read once "Reading..." is on the screen */
	s->data = v;
	return 0;
}

static void
view_close(struct screen *s)
{
	struct view *v = s->data;

	view_unload(v);
	book_free(&v->bk);
	free(v);
}

/* Back on top: new days from the form, or the store again (not after our own forms,
 * which change nothing; the book keeps its marks: rows are only ever added). */
static void
view_reload(struct screen *s)
{
	struct view *v = s->data;

	if (v->ask.ready) {
		v->ask.ready = 0;
		v->rq.from = v->ask.rq.from;
		v->rq.to = v->ask.rq.to;
		v->top = v->sel = 0;
		v->keep = 0;
		v->stale = 1;
		return;
	}
	if (v->keep) {
		v->keep = 0;
		return;
	}
	if (v->rq.kind == K_BOOK) {	/* count again from the last day: rows may be new */
		book_window_free(&v->bk);
		if (v->bk.total >= 0 && v->counting == COUNT_NONE)
			v->counting = COUNT_AGAIN;
		v->bk.total = -1;
		v->bk.failed = 0;
	} else
		v->stale = 1;
}

/* Keep the selection inside the rows and on the screen. */
static void
clamp(struct view *v)
{
	long n = view_count(v), last_top;

	if (selectable(v)) {
		if (v->sel >= n)
			v->sel = n - 1;
		if (v->sel < 0)
			v->sel = 0;
		if (v->sel < v->top)
			v->top = v->sel;
		if (v->sel >= v->top + v->rows)
			v->top = v->sel - v->rows + 1;
	}
	last_top = n - v->rows;
	if (v->top > last_top && !(v->rq.kind == K_BOOK && v->bk.total < 0))
		v->top = last_top;
	if (v->top < 0)
		v->top = 0;
}

/* The title line: the report and its days. */
static void
draw_title(struct screen *s, int y, int w)
{
	struct view *v = s->data;
	char line[512], a[MC_TIME_BUF], b[MC_TIME_BUF];

	if (kinds[v->rq.kind].days == NULL) {
		console_time(v->loaded ? v->at : mc_now(), a);
		snprintf(line, sizeof line, _("%s at %s"), _(kinds[v->rq.kind].title), a);
	} else {
		mc_date_format_vn(v->rq.from, a);
		mc_date_format_vn(v->rq.to, b);
		snprintf(line, sizeof line, "%s: %s - %s", _(kinds[v->rq.kind].title), a, b);
	}
	console_put(s->con, y, 1, w - 2, STYLE_HEADER, line);
}

/* ---- the book and the overdue list */

static void
draw_book(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	struct book *bk = &v->bk;
	char info[256];
	const char *const *cells, *more;
	struct grid g;
	long i;

	v->rows = h - 3 > 1 ? h - 3 : 1;
	if (v->counting != COUNT_NONE && !con->slow_ok)
		con->again = 1;		/* say "counting" first, count in the second pass */
	else if (v->counting != COUNT_NONE) {
		if (book_pass(con, bk, &v->rq, mark_before(bk, LONG_MAX)->first, 0, 1) == 1)
			console_message(con, STYLE_DIM, "%s", _("Counting stopped: a key was pressed."));
		else if (bk->total > 0 && v->counting == COUNT_END)
			v->sel = bk->total - 1;
		v->counting = COUNT_NONE;
	}
	clamp(v);
	book_cover(con, bk, &v->rq, v->top, v->rows);
	clamp(v);
	grid_layout(&g, book_cols, (int)(sizeof book_cols / sizeof book_cols[0]), BOOK_FIXED, v->col, w);
	grid_line(con, &g, y + 1, w, NULL, STYLE_HEADER, NULL);
	for (i = 0; i < v->rows && (cells = book_cells(bk, v->top + i)) != NULL; i++)
		grid_line(con, &g, y + 2 + (int)i, w, cells,
		    v->top + i == v->sel ? STYLE_SELECTED : STYLE_NORMAL, NULL);
	more = more_columns(&g, v->col, BOOK_FIXED);
	if (v->counting != COUNT_NONE)
		snprintf(info, sizeof info, "%s", _("Counting the rows of the book... (any key stops)"));
	else if (bk->total == 0)
		snprintf(info, sizeof info, "%s", _("No dossier was received on these days."));
	else if (bk->total > 0)
		snprintf(info, sizeof info, _("Rows %ld-%ld of %ld%s"), v->top + 1, v->top + i,
		    bk->total, more);
	else
		snprintf(info, sizeof info, _("Rows %ld-%ld (End: count them all)%s"), v->top + 1,
		    v->top + i, more);
	console_put(con, y + h - 1, 1, w - 2, STYLE_DIM, info);
}

static void
draw_overdue(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	const char *cells[16];
	char info[256];
	struct grid g;
	long i;
	int k;

	v->rows = h - 3 > 1 ? h - 3 : 1;
	clamp(v);
	grid_layout(&g, overdue_cols, (int)(sizeof overdue_cols / sizeof overdue_cols[0]),
	    OVERDUE_FIXED, v->col, w);
	grid_line(con, &g, y + 1, w, NULL, STYLE_HEADER, NULL);
	for (i = 0; i < v->rows && v->top + i < (long)v->t.nrows; i++) {
		for (k = 0; k < v->t.ncols && k < 16; k++)
			cells[k] = report_cell(&v->t, (size_t)(v->top + i), k);
		grid_line(con, &g, y + 2 + (int)i, w, cells,
		    v->top + i == v->sel ? STYLE_SELECTED : STYLE_OVERDUE, "!");
	}
	if (v->t.nrows == 0)
		snprintf(info, sizeof info, "%s", _("No dossier is overdue."));
	else
		snprintf(info, sizeof info, _("%ld overdue, the longest overdue first%s"),
		    (long)v->t.nrows, more_columns(&g, v->col, OVERDUE_FIXED));
	console_put(con, y + h - 1, 1, w - 2, STYLE_DIM, info);
}

/* ---- the charts */

/* A number column beside the bars: the cell of report_ontime_table(). */
static const struct {
	int cell;
	const char *head;	/* N_() */
	int width;
	int wide_only;		/* only from 100 columns */
} ontime_nums[] = {
	{ 6, N_("Rate"), 8, 0 },
	{ 2, N_("Dossiers"), 9, 0 },
	{ 3, N_("Early"), 8, 1 },
	{ 4, N_("On time"), 9, 1 },
	{ 5, N_("Late"), 8, 0 },
	{ 7, N_("Days"), 8, 0 },
};
#define NNUMS ((int)(sizeof ontime_nums / sizeof ontime_nums[0]))

/* One chart line: label, bar, numbers (row r of the table; -1: the headings). */
static void
chart_line(struct screen *s, int y, int w, long r, int lw, int bw)
{
	struct view *v = s->data;
	struct console *con = s->con;
	const struct report_ontime *g = r >= 0 ? &v->ont[r] : NULL;
	enum con_style style = g != NULL && g->key[0] == '\0' ? STYLE_HEADER : STYLE_NORMAL;
	char label[320], num[48];
	int i, x, good;

	if (g == NULL) {
		console_fill(con, y, 0, w, STYLE_HEADER);
		console_put(con, y, 1, lw, STYLE_HEADER, v->rq.kind == K_MONTH ? _("Month") : _("Procedure"));
		snprintf(label, sizeof label, _("%s in time  %s late"), con->utf8 ? "\u2588" : "#",
		    con->utf8 ? "\u2591" : ".");
		console_put(con, y, 2 + lw, bw, STYLE_HEADER, label);
	} else {
		if (g->key[0] == '\0')
			snprintf(label, sizeof label, "%s", g->label);
		else if (v->rq.kind == K_MONTH)
			snprintf(label, sizeof label, "%.2s/%.4s", g->key + 5, g->key);
		else
			snprintf(label, sizeof label, "%s %s", g->key, g->label);
		console_put(con, y, 1, lw, style, label);
		good = g->finished > 0 ? (int)((g->early + g->ontime) * bw / g->finished) : 0;
		bar(con, y, 2 + lw, good, 0);
		bar(con, y, 2 + lw + good, g->late > 0 ? bw - good : 0, 1);
	}
	x = 2 + lw + bw;
	for (i = 0; i < NNUMS; i++) {
		if (ontime_nums[i].wide_only && w < 100)
			continue;
		if (g == NULL)
			snprintf(num, sizeof num, "%s", _(ontime_nums[i].head));
		else
			snprintf(num, sizeof num, "%s%s", report_cell(&v->t, (size_t)r, ontime_nums[i].cell),
			    ontime_nums[i].cell == 6 ? "%" : "");
		put_right(con, y, x, ontime_nums[i].width, g == NULL ? STYLE_HEADER : style, num);
		x += ontime_nums[i].width;
	}
}

static void
draw_chart(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	const struct report_ontime *tot;
	char line[512];
	int i, nw = 0, lw, bw;
	long r;

	v->rows = h - 5 > 1 ? h - 5 : 1;
	clamp(v);
	if (v->nont == 0) {
		console_put(con, y + 2, 2, w - 4, STYLE_NORMAL, _("No dossier was finished in this period."));
		return;
	}
	for (i = 0; i < NNUMS; i++)
		if (!ontime_nums[i].wide_only || w >= 100)
			nw += ontime_nums[i].width;
	/* A month's label is the month (or "Total"); a procedure's gets half of what the
	 * numbers leave.  The bar has the rest. */
	tot = &v->ont[v->nont - 1];
	lw = v->rq.kind == K_MONTH ? console_width(con, tot->label) : (w - nw - 3) / 2;
	if (lw < 7)
		lw = 7;
	if (lw > 40)
		lw = 40;
	bw = w - nw - lw - 3;
	if (bw < 5) {
		lw -= 5 - bw;
		bw = 5;
	}
	snprintf(line, sizeof line, _("%ld finished: %.1f%% early or on time, %ld late; %.2f working days on average"),
	    tot->finished, tot->rate, tot->late, tot->avg_days);
	console_put(con, y + 1, 1, w - 2, STYLE_NORMAL, line);
	chart_line(s, y + 2, w, -1, lw, bw);
	for (r = v->top; r < v->top + v->rows && r < (long)v->nont - 1; r++)
		chart_line(s, y + 3 + (int)(r - v->top), w, r, lw, bw);
	chart_line(s, y + 3 + (int)(r - v->top), w, (long)v->nont - 1, lw, bw);
	if (view_count(v) > v->rows) {
		snprintf(line, sizeof line, _("Rows %ld-%ld of %ld: Up, Down, PgUp, PgDn"),
		    v->top + 1, r, view_count(v));
		console_put(con, y + h - 1, 1, w - 2, STYLE_DIM, line);
	}
}

/* ---- fees */

static void
fee_line(struct screen *s, int y, int w, size_t r, long max, enum con_style style)
{
	struct view *v = s->data;
	struct console *con = s->con;
	const char *day = report_cell(&v->t, r, 0);
	char buf[64];
	mc_day d;
	int bw = w - 40;

	if (mc_date_parse(day, &d) == 0)
		mc_date_format_vn(d, buf);
	else
		snprintf(buf, sizeof buf, "%s", strcmp(day, "total") == 0 ? _("Total") : day);
	console_put(con, y, 2, 12, style, buf);
	put_right(con, y, 14, 9, style, report_cell(&v->t, r, 1));
	grouped(report_cell(&v->t, r, 2), buf, sizeof buf);
	put_right(con, y, 24, 14, style, buf);
	if (max > 0 && strcmp(day, "total") != 0 && bw > 0)
		bar(con, y, 40, (int)(atol(report_cell(&v->t, r, 2)) * bw / max), 0);
}

static void
draw_fees(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	long max = 0, r;
	char line[256];

	v->rows = h - 6 > 1 ? h - 6 : 1;
	clamp(v);
	for (r = 0; r < view_count(v); r++)
		if (atol(report_cell(&v->t, (size_t)r, 2)) > max)
			max = atol(report_cell(&v->t, (size_t)r, 2));
	console_fill(con, y + 1, 0, w, STYLE_HEADER);
	console_put(con, y + 1, 2, 12, STYLE_HEADER, _("Day"));
	put_right(con, y + 1, 14, 9, STYLE_HEADER, _("Payments"));
	put_right(con, y + 1, 24, 14, STYLE_HEADER, _("Amount (dong)"));
	for (r = v->top; r < v->top + v->rows && r < view_count(v); r++)
		fee_line(s, y + 2 + (int)(r - v->top), w, (size_t)r, max, STYLE_NORMAL);
	if (v->t.nrows > 0)
		fee_line(s, y + 2 + (int)(r - v->top), w, v->t.nrows - 1, 0, STYLE_HEADER);
	if (view_count(v) == 0)
		console_put(con, y + 2, 2, w - 4, STYLE_NORMAL, _("No fee was paid on these days."));
	if (view_count(v) > v->rows) {
		snprintf(line, sizeof line, _("Rows %ld-%ld of %ld: Up, Down, PgUp, PgDn"),
		    v->top + 1, r, view_count(v));
		console_put(con, y + h - 1, 1, w - 2, STYLE_DIM, line);
	} else
		put_wrapped(con, y + h - 2, 2, w - 3, STYLE_DIM, _("Fees collected per day. The database does not record transfers to the treasury: match these totals against the transfer slips."));
}

static void
view_draw(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;

	draw_title(s, y, w);
	if (v->stale && !s->con->slow_ok) {	/* a year of a million dossiers takes a while */
		s->con->again = 1;
		console_put(s->con, y + 2, 2, w - 4, STYLE_DIM, _("Reading the dossiers..."));
		return;
	}
	if (v->stale) {
		v->stale = 0;
		view_load(s);
	}
	if (!v->loaded) {
		console_put(s->con, y + 2, 2, w - 4, STYLE_ERROR, _("This report cannot be read now: Ctrl-L tries again."));
		return;
	}
	switch (v->rq.kind) {
	case K_BOOK:
		draw_book(s, y, h, w);
		break;
	case K_OVERDUE:
		draw_overdue(s, y, h, w);
		break;
	case K_FEES:
		draw_fees(s, y, h, w);
		break;
	default:
		draw_chart(s, y, h, w);
		break;
	}
}

/* ---------------------------------------------------------------- saving */

/* The file a report is saved to unless the user says otherwise:
 * $HOME/motcua-<report>-<from>-<to>.<ext> (the current folder without $HOME). */
static void
default_path(const struct view *v, char *buf, size_t size)
{
	const char *home = getenv("HOME"), *ext = v->format == EXPORT_XLSX ? "xlsx" : "csv";
	char a[MC_TIME_BUF], b[MC_TIME_BUF], dir[1024];

	snprintf(dir, sizeof dir, "%s%s", home != NULL ? home : "",
	    home != NULL && *home != '\0' && home[strlen(home) - 1] != '/' ? "/" : "");
	if (kinds[v->rq.kind].days == NULL) {
		mc_date_format(mc_day_of(mc_now()), a);
		snprintf(buf, size, "%smotcua-%s-%s.%s", dir, kinds[v->rq.kind].file, a, ext);
	} else {
		mc_date_format(v->rq.from, a);
		mc_date_format(v->rq.to, b);
		snprintf(buf, size, "%smotcua-%s-%s-%s.%s", dir, kinds[v->rq.kind].file, a, b, ext);
	}
}

/* The name typed, trimmed, with a leading ~/ for $HOME. */
static void
expand_path(const char *typed, char *buf, size_t size)
{
	const char *home = getenv("HOME");
	size_t n;

	while (*typed == ' ')
		typed++;
	if (typed[0] == '~' && (typed[1] == '/' || typed[1] == '\0') && home != NULL && *home != '\0')
		snprintf(buf, size, "%s%s", home, typed + 1);
	else
		snprintf(buf, size, "%s", typed);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
}

/* Where path is, as a user reads it: absolute, with ~ for the home folder; in buf
 * (PATH_MAX + 2 bytes). */
static const char *
shown_path(const char *path, char *buf)
{
	char home[PATH_MAX], *h = getenv("HOME");
	size_t n;

	if (realpath(path, buf) == NULL)
		return path;
	if (h != NULL && *h != '\0' && realpath(h, home) != NULL && (n = strlen(home)) > 1 &&
	    strncmp(buf, home, n) == 0 && buf[n] == '/') {
		buf[0] = '~';
		memmove(buf + 1, buf + n, strlen(buf + n) + 1);
	}
	return buf;
}

/* The book saved row by row, with the count on the message line now and then. */
struct book_save {
	struct export x;
	struct console *con;
};

static int
save_row(const char *const *cells, void *ctx)
{
	struct book_save *b = ctx;
	char line[128];
	int rc = export_row(&b->x, cells);

	if (rc == MC_OK && b->x.row % PROGRESS_ROWS == 0) {
		snprintf(line, sizeof line, _("Saving... %lu rows"), b->x.row - 1);
		console_putpad(b->con, LINES - 2, 0, COLS, STYLE_INFO, line);
		refresh();
	}
	return rc;
}

/* Write what the view shows to path; *rows gets the rows written. */
static int
save(struct console *con, struct view *v, const char *path, long *rows, struct mc_error *err)
{
	struct book_save b = { .con = con };
	int rc;

	if (v->rq.kind != K_BOOK) {
		*rows = (long)v->t.nrows;
		return export_table(&v->t, v->format, path, kinds[v->rq.kind].file, err);
	}
	rc = export_open(&b.x, v->format, path, kinds[K_BOOK].file, report_book_keys,
	    REPORT_BOOK_COLUMNS, REPORT_BOOK_NUMERIC, err);
	if (rc == MC_OK)
		rc = report_book_each(con->st, v->rq.from, v->rq.to, save_row, &b, err);
	*rows = b.x.row > 0 ? (long)b.x.row - 1 : 0;
	return export_close(&b.x, rc);
}

static enum form_result
save_submit(struct console *con, void *ctx, const char *const *values)
{
	struct view *v = ctx;
	char path[4096], full[PATH_MAX + 2];
	struct mc_error err;
	struct stat sb;
	long rows;
	int rc;

	expand_path(values[0], path, sizeof path);
	if (path[0] == '\0') {
		console_message(con, STYLE_ERROR, "%s", _("Type the name of the file."));
		return FORM_STAY;
	}
	if (strcmp(path, v->confirm) != 0 && stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		snprintf(v->confirm, sizeof v->confirm, "%s", path);
		console_message(con, STYLE_ERROR, "%s",
		    _("That file already exists: press Enter again to replace it, or change the name."));
		return FORM_STAY;
	}
	v->confirm[0] = '\0';
	rc = save(con, v, path, &rows, &err);
	clearok(curscr, TRUE);	/* libxlsxwriter may have written on the terminal */
	if (rc != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return FORM_STAY;
	}
	console_message(con, STYLE_INFO, _("Saved %ld rows to %s"), rows, shown_path(path, full));
	return FORM_CLOSE;
}

static void
view_save(struct screen *s, const struct screen_key *k)
{
	struct view *v = s->data;
	struct form_spec spec = {
		.title = k->arg == EXPORT_XLSX ? N_("Save as a spreadsheet (XLSX)") : N_("Save as CSV"),
		.items = { { N_("File"), FIELD_PLAIN, 1, 0 } },
		.nitems = 1,
		.submit = save_submit,
	};
	char path[4096];		/* the field keeps what fits */
	const char *initial[1] = { path };

	if (!v->loaded)
		return;
	v->format = (enum export_format)k->arg;
	v->confirm[0] = '\0';
	default_path(v, path, sizeof path);
	v->keep = 1;
	form_open(s->con, &spec, v, initial);
}

/* ---------------------------------------------------------------- printing */

static enum form_result
print_submit(struct console *con, void *ctx, const char *const *values)
{
	struct view *v = ctx;
	const char *dir = getenv("TMPDIR");
	char tmp[4096];
	struct mc_error err;
	long rows = 0;
	FILE *fp = NULL;
	int fd, rc;

	snprintf(tmp, sizeof tmp, "%s/motcua-book-XXXXXX", dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((fd = mkstemp(tmp)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		console_message(con, STYLE_ERROR, _("cannot write %s: %s"), tmp, strerror(errno));
		if (fd != -1)
			close(fd), remove(tmp);
		return FORM_CLOSE;
	}
	rc = export_book_text(con->st, v->rq.from, v->rq.to,
	    store_setting_int(con->st, "paper.plain", 0) ? PAPER_PLAIN : 0, fp, &rows, &err);
	if (fclose(fp) != 0 && rc == MC_OK)
		rc = mc_fail(&err, MC_EIO, _("cannot write %s: %s"), tmp, strerror(errno));
	if (rc == MC_OK)
		rc = paper_lp(v->printer, tmp, &err);
	remove(tmp);
	if (rc != MC_OK)
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
	else
		console_message(con, STYLE_INFO, _("The tracking book (%ld dossiers) went to the printer %s."),
		    rows, v->printer);
	return FORM_CLOSE;
}

static void
view_print(struct screen *s, const struct screen_key *k)
{
	struct view *v = s->data;
	struct form_spec spec = {
		.title = N_("Print the tracking book"),
		.prompt = v->question,
		.submit = print_submit,
	};
	char *printer, a[MC_TIME_BUF], b[MC_TIME_BUF];

	if (v->rq.kind != K_BOOK) {
		console_message(s->con, STYLE_ERROR, "%s",
		    _("Only the tracking book is printed here; save this report with x (XLSX) or v (CSV)."));
		return;
	}
	printer = store_setting(s->con->st, "printer");
	if (printer == NULL || *printer == '\0') {
		console_message(s->con, STYLE_ERROR, "%s",
		    _("No printer is set: an administrator chooses one in Administration (settings)."));
		free(printer);
		return;
	}
	snprintf(v->printer, sizeof v->printer, "%s", printer);
	free(printer);
	mc_date_format_vn(v->rq.from, a);
	mc_date_format_vn(v->rq.to, b);
	snprintf(v->question, sizeof v->question,
	    _("Print the book of %s - %s on %s?"), a, b, v->printer);
	v->keep = 1;
	form_open(s->con, &spec, v, NULL);
}

/* ---------------------------------------------------------------- keys */

static void
view_days(struct screen *s, const struct screen_key *k)
{
	struct view *v = s->data;

	if (kinds[v->rq.kind].days == NULL) {
		console_message(s->con, STYLE_DIM, "%s", _("The overdue list is always for now."));
		return;
	}
	v->keep = 1;		/* cancelled, the form changes nothing */
	ask_days(s->con, &v->ask, v->rq.kind, v->rq.from, v->rq.to);
}

static void
open_selected(struct screen *s)
{
	struct view *v = s->data;
	const char *const *cells;

	if (v->rq.kind == K_BOOK && (cells = book_cells(&v->bk, v->sel)) != NULL)
		console_push(s->con, &screen_dossier_ops, (void *)cells[1]);
	else if (v->rq.kind == K_OVERDUE && v->sel < (long)v->t.nrows)
		console_push(s->con, &screen_dossier_ops, (void *)report_cell(&v->t, (size_t)v->sel, 0));
}

/* Move the selection (or, where there is none, the first row shown) by n rows; a
 * page moves the rows shown with it. */
static void
scroll_by(struct view *v, long n, int page)
{
	if (selectable(v))
		v->sel += n;
	if (!selectable(v) || page)
		v->top += n;
	clamp(v);
}

static int
view_key(struct screen *s, int key)
{
	struct view *v = s->data;
	int ncols = v->rq.kind == K_BOOK ? (int)(sizeof book_cols / sizeof book_cols[0]) :
	    (int)(sizeof overdue_cols / sizeof overdue_cols[0]);
	int nfixed = v->rq.kind == K_BOOK ? BOOK_FIXED : OVERDUE_FIXED;
	struct grid g;

	switch (key) {
	case CK(KEY_DOWN):
	case 'j':
		scroll_by(v, 1, 0);
		return CON_KEY_DONE;
	case CK(KEY_UP):
	case 'k':
		scroll_by(v, -1, 0);
		return CON_KEY_DONE;
	case CK(KEY_NPAGE):
	case ' ':
		scroll_by(v, v->rows, 1);
		return CON_KEY_DONE;
	case CK(KEY_PPAGE):
		scroll_by(v, -v->rows, 1);
		return CON_KEY_DONE;
	case CK(KEY_HOME):
	case 'g':
		v->top = v->sel = 0;
		return CON_KEY_DONE;
	case CK(KEY_END):
	case 'G':
		if (v->rq.kind == K_BOOK && v->bk.total < 0)
			v->counting = COUNT_END;
		else
			scroll_by(v, LONG_MAX / 4, 1);
		return CON_KEY_DONE;
	case CK(KEY_LEFT):
	case 'h':
		if (v->col > nfixed)
			v->col--;
		return CON_KEY_DONE;
	case CK(KEY_RIGHT):
	case 'l':
		grid_layout(&g, v->rq.kind == K_BOOK ? book_cols : overdue_cols, ncols, nfixed,
		    v->col, COLS);
		if (g.more && v->col + 1 < ncols)
			v->col++;
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		open_selected(s);
		return CON_KEY_DONE;
	default:
		return CON_KEY_PASS;
	}
}

static const struct screen_key view_keys[] = {
	{ .key = 'x', .keyname = "x", .help = N_("save as a spreadsheet (XLSX)"), .run = view_save, .arg = EXPORT_XLSX },
	{ .key = 'v', .keyname = "v", .help = N_("save as CSV"), .run = view_save, .arg = EXPORT_CSV },
	{ .key = 'p', .keyname = "p", .help = N_("print the tracking book"), .run = view_print },
	{ .key = 'd', .keyname = "d", .help = N_("other days"), .run = view_days },
	{ .key = '\r', .keyname = "Enter", .help = N_("open the selected dossier (book, overdue list)") },
	{ .key = CK(KEY_UP), .keyname = "Up, Down", .help = N_("scroll a row") },
	{ .key = CK(KEY_NPAGE), .keyname = "PgUp, PgDn", .help = N_("previous, next page") },
	{ .key = CK(KEY_HOME), .keyname = "Home, End", .help = N_("first, last row") },
	{ .key = CK(KEY_LEFT), .keyname = "Left, Right", .help = N_("more columns (book, overdue list)") },
	{ .key = 0 },
};

static const struct screen_ops view_ops = {
	.name = "report-view",
	.title = N_("Tracking book and reports"),
	.open = view_open,
	.draw = view_draw,
	.key = view_key,
	.reload = view_reload,
	.close = view_close,
	.help = view_keys,
};

/* ---------------------------------------------------------------- the menu */

struct menu {
	struct ask ask;		/* the days of the report chosen */
	int sel;
};

static void menu_pick(struct screen *s, const struct screen_key *k);

static const struct screen_key menu_keys[] = {
	{ .key = 'b', .keyname = "b", .help = N_("Tracking book (Form 06)"), .run = menu_pick, .arg = K_BOOK },
	{ .key = 'm', .keyname = "m", .help = N_("On-time rate by month"), .run = menu_pick, .arg = K_MONTH },
	{ .key = 't', .keyname = "t", .help = N_("On-time rate and handling time by procedure"), .run = menu_pick, .arg = K_PROCEDURE },
	{ .key = 'o', .keyname = "o", .help = N_("Overdue dossiers"), .run = menu_pick, .arg = K_OVERDUE },
	{ .key = 'f', .keyname = "f", .help = N_("Fees collected per day"), .run = menu_pick, .arg = K_FEES },
	{ .key = CK(KEY_UP), .keyname = "Up, Down, Enter", .help = N_("choose a report") },
	{ .key = 0 },
};

static void
menu_pick(struct screen *s, const struct screen_key *k)
{
	struct menu *mn = s->data;
	struct request rq = { .kind = (enum kind)k->arg };

	mn->sel = k->arg;
	if (kinds[rq.kind].days == NULL) {
		console_push(s->con, &view_ops, &rq);
		return;
	}
	default_days(rq.kind, &rq.from, &rq.to);
	ask_days(s->con, &mn->ask, rq.kind, rq.from, rq.to);
}

static int
menu_open(struct screen *s, void *arg)
{
	s->data = xcalloc(1, sizeof(struct menu));
	return 0;
}

static void
menu_close(struct screen *s)
{
	free(s->data);
}

/* The date form closed with days: open the report. */
static void
menu_reload(struct screen *s)
{
	struct menu *mn = s->data;

	if (mn->ask.ready) {
		mn->ask.ready = 0;
		console_push(s->con, &view_ops, &mn->ask.rq);
	}
}

static void
menu_draw(struct screen *s, int y, int h, int w)
{
	struct menu *mn = s->data;
	struct console *con = s->con;
	int i, x = w >= 100 ? 8 : 2, lw = 0, n, row = y + 1;
	enum con_style style;

	for (i = 0; i < K_COUNT; i++)
		if ((n = console_width(con, _(menu_keys[i].help))) > lw)
			lw = n;
	if (lw > w - x - 10)
		lw = w - x - 10;
	console_put(con, row, x, w - x, STYLE_HEADER, _("Tracking book and reports"));
	row += 2;
	for (i = 0; i < K_COUNT && row < y + h; i++, row++) {
		style = i == mn->sel ? STYLE_SELECTED : STYLE_NORMAL;
		console_fill(con, row, x, lw + 10, style);
		console_put(con, row, x + 1, 6, style, menu_keys[i].keyname);
		console_put(con, row, x + 8, lw, style, _(menu_keys[i].help));
	}
	if (row + 1 < y + h)
		console_put(con, row + 1, x, w - x, STYLE_DIM,
		    _("Up, Down and Enter, or the letter on the left. F1 or ?: all the keys."));
	if (row + 3 < y + h)
		console_put(con, row + 3, x, w - x, STYLE_DIM,
		    _("Each report asks for its days, draws its figures and saves them with x (XLSX) or v (CSV)."));
}

static int
menu_key(struct screen *s, int key)
{
	struct menu *mn = s->data;

	switch (key) {
	case CK(KEY_DOWN):
	case 'j':
		mn->sel = (mn->sel + 1) % K_COUNT;
		return CON_KEY_DONE;
	case CK(KEY_UP):
	case 'k':
		mn->sel = (mn->sel + K_COUNT - 1) % K_COUNT;
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		menu_pick(s, &menu_keys[mn->sel]);
		return CON_KEY_DONE;
	default:
		return CON_KEY_PASS;
	}
}

const struct screen_ops screen_report_ops = {
	.name = "report",
	.title = N_("Tracking book and reports"),
	.open = menu_open,
	.draw = menu_draw,
	.key = menu_key,
	.reload = menu_reload,
	.close = menu_close,
	.help = menu_keys,
};
