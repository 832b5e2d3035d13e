/* screen-book.c -- the tracking book (Mẫu 06) in the report view: its rows, its
 * table and printing it (see screen-report.c for the view around it).
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
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form.h"
#include "i18n.h"
#include "paper.h"
#include "screen-report.h"
#include "store.h"

#define COUNT_POLL 4096		/* rows counted between looks for a waiting key */

const struct grid_col book_cols[] = {
	{ 0, N_("No."), 7, 7, 1, 0, F_TEXT },
	{ 1, N_("Code"), 11, 11, 0, 0, F_CODE },
	{ 5, N_("Applicant"), 18, 24, 0, 1, F_TEXT },
	{ 8, N_("Receipt"), 10, 16, 0, 0, F_TIME },
	{ 9, N_("Due on"), 10, 16, 0, 0, F_TIME },
	{ 12, N_("Note"), 18, 30, 0, 0, F_TEXT },
	{ 2, N_("Procedure"), 9, 9, 0, 0, F_TEXT },
	{ 3, N_("Procedure name"), 30, 40, 0, 0, F_TEXT },
	{ 4, N_("Sets"), 5, 5, 1, 0, F_TEXT },
	{ 10, N_("Ready on"), 10, 16, 0, 0, F_TIME },
	{ 11, N_("Collected"), 10, 16, 0, 0, F_TIME },
	{ 6, N_("Address, phone"), 30, 40, 0, 0, F_TEXT },
	{ 7, N_("Handled by"), 20, 30, 0, 0, F_TEXT },
};
const int book_ncols = (int)(sizeof book_cols / sizeof book_cols[0]);

/* ---------------------------------------------------------------- the rows */
void
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
void
book_reset(struct book *bk, mc_day from)
{
	book_window_free(bk);
	bk->nmarks = 0;
	mark_add(bk, from, 0);
	bk->total = -1;
	bk->known = 0;
	bk->failed = 0;
}

void
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
void
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
const char *const *
book_cells(const struct book *bk, long i)
{
	if (!bk->valid || i < bk->first || i >= bk->first + bk->n)
		return NULL;
	return (const char *const *)&bk->cells[(size_t)(i - bk->first) * REPORT_BOOK_COLUMNS];
}

/* ---------------------------------------------------------------- the table */

long
book_rows(const struct book *bk)
{
	return bk->total >= 0 ? bk->total : bk->known;
}

/* Keep the selection inside the rows known (the book may go on past them). */
static void
book_fit(struct view *v)
{
	v->g.n = book_rows(&v->bk);
	v->g.select = 1;
	v->g.open = v->bk.total < 0;
	grid_fit(&v->g);
}

void
book_cell_text(const struct console *con, const struct grid_layout *g, int i, const char *v,
    char *buf, size_t size)
{
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
	case F_CODE:	/* the office's part is the same on every row */
		snprintf(buf, size, "%s", console_code(con, v));
		return;
	default:
		break;
	}
	snprintf(buf, size, "%s", v);
}


void
book_draw(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	struct book *bk = &v->bk;
	char info[256];
	const char *const *cells, *more;
	struct grid_layout l;
	long i;
	int foot;

	/* The line under the rows at its longest, to know whether it takes two. */
	grid_layout(con, &l, book_cols, book_ncols, BOOK_FIXED, v->col, w);
	l.text = book_cell_text;
	snprintf(info, sizeof info, _("Rows %ld-%ld (End: count them all)%s"), v->g.top + 1,
	    v->g.top + h, grid_more_columns(&l));
	foot = grid_foot_lines(con, info, w);
	v->g.rows = h - 2 - foot > 1 ? h - 2 - foot : 1;
	if (v->counting != COUNT_NONE && !con->slow_ok)
		con->again = 1;		/* say "counting" first, count in the second pass */
	else if (v->counting != COUNT_NONE) {
		if (book_pass(con, bk, &v->rq, mark_before(bk, LONG_MAX)->first, 0, 1) == 1)
			console_message(con, STYLE_DIM, "%s", _("Counting stopped: a key was pressed."));
		else if (bk->total > 0 && v->counting == COUNT_END)
			v->g.sel = bk->total - 1;
		v->counting = COUNT_NONE;
	}
	book_fit(v);
	book_cover(con, bk, &v->rq, v->g.top, v->g.rows);
	book_fit(v);
	grid_line(con, &l, y + 1, w, NULL, STYLE_HEADER, NULL);
	for (i = 0; i < v->g.rows && (cells = book_cells(bk, v->g.top + i)) != NULL; i++)
		grid_line(con, &l, y + 2 + (int)i, w, cells,
		    v->g.top + i == v->g.sel ? STYLE_SELECTED : STYLE_NORMAL, NULL);
	more = grid_more_columns(&l);
	if (v->counting != COUNT_NONE)
		snprintf(info, sizeof info, "%s", _("Counting the rows of the book... (any key stops)"));
	else if (bk->total == 0)
		snprintf(info, sizeof info, "%s", _("No dossier was received on these days."));
	else if (bk->total > 0)
		snprintf(info, sizeof info, _("Rows %ld-%ld of %ld%s"), v->g.top + 1, v->g.top + i,
		    bk->total, more);
	else
		snprintf(info, sizeof info, _("Rows %ld-%ld (End: count them all)%s"), v->g.top + 1,
		    v->g.top + i, more);
	console_wrap(con, y + h - foot, 1, foot, w - 2, STYLE_DIM, info);
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

void
book_print(struct screen *s, const struct screen_key *k)
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

