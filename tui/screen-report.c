/* screen-report.c -- the tracking book (Mẫu 06) and the office's reports on the
 * console: a menu of five reports, a form asking for the days, and a view of each.
 *
 *	b  the tracking book of the dossiers received on some days, a table read a
 *	   window at a time (screen-book.c);
 *	m  the on-time rate by month and t by procedure (with the average handling
 *	   time in working days), as horizontal bar charts with their numbers;
 *	o  the overdue list, in the overdue style;
 *	f  the fees collected per day, with a bar for each day's amount.
 *
 * Every figure comes from common/report.h; this file only lays them out.  Each view
 * saves what it shows with x (XLSX) or v (CSV) through common/export.h, and the book
 * goes to the office's printer with p (common/paper.h's lp).  The lists scroll with
 * the keys of tui/grid.h; the menu is a tui/menu.h menu.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "form.h"
#include "i18n.h"
#include "menu.h"
#include "paper.h"
#include "screen-report.h"
#include "store.h"

#define BAR_MAX 200		/* longest bar drawn, in columns */
#define PROGRESS_ROWS 20000	/* rows saved between progress messages */

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
/* An amount as the office's language writes it (mc_amount); other text as it is. */
static void
grouped(const char *v, char *buf, size_t size)
{
	char a[MC_AMOUNT_BUF];
	size_t n = strlen(v);

	if (n == 0 || n > 18 || strspn(v, "0123456789") != n) {
		snprintf(buf, size, "%s", v);
		return;
	}
	snprintf(buf, size, "%s", mc_amount(atol(v), a));
}

/* ---------------------------------------------------------------- tables */

static const struct grid_col overdue_cols[] = {
	{ 0, N_("Code"), 11, 11, 0, 0, F_CODE },
	{ 2, N_("Applicant"), 18, 24, 0, 1, F_TEXT },
	{ 5, N_("Due on"), 10, 16, 0, 0, F_TIME },
	{ 6, N_("Days late"), 9, 9, 1, 0, F_TEXT },
	{ 1, N_("Procedure"), 9, 9, 0, 0, F_TEXT },
	{ 3, N_("Phone"), 11, 11, 0, 0, F_TEXT },
	{ 4, N_("Receipt"), 10, 16, 0, 0, F_TIME },
	{ 7, N_("Handled by"), 20, 30, 0, 0, F_TEXT },
};
#define OVERDUE_FIXED 1
#define OVERDUE_NCOLS ((int)(sizeof overdue_cols / sizeof overdue_cols[0]))


/* ---------------------------------------------------------------- the view */


static const struct screen_ops view_ops;

/* Rows that scroll: the book's known rows, the groups of a chart, the days of fees
 * (their totals stay at the bottom), the overdue dossiers. */
static long
view_count(const struct view *v)
{
	switch (v->rq.kind) {
	case K_BOOK:
		return book_rows(&v->bk);
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
	v->g.rows = LINES > 7 ? LINES - 6 : 1;	/* until drawn: a title and a foot of one line */
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

/* Keys typed ahead of the drawing that act on the rows (Up, Down, PgUp, PgDn, End,
 * Enter, saving) act on what the drawing would show: read the report now, and the
 * book's rows on the screen. */
static void
ready(struct screen *s)
{
	struct view *v = s->data;

	if (v->stale) {
		v->stale = 0;
		view_load(s);
	}
	if (v->loaded && v->rq.kind == K_BOOK)
		book_cover(s->con, &v->bk, &v->rq, v->g.top, v->g.rows);
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
		v->g.top = v->g.sel = 0;
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
report_view_fit(struct view *v)
{
	v->g.n = view_count(v);
	v->g.select = selectable(v);
	v->g.open = v->rq.kind == K_BOOK && v->bk.total < 0;
	grid_fit(&v->g);
}

/* The title line: the report and its days. */
/* The report and its days, on two lines when one is too short; the lines used. */
static int
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
	return console_wrap(s->con, y, 1, 2, w - 2, STYLE_HEADER, line);
}


static void
draw_overdue(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	const char *cells[GRID_COLS];
	char info[256];
	struct grid_layout l;
	long i;
	int k, foot;

	grid_layout(con, &l, overdue_cols, OVERDUE_NCOLS, OVERDUE_FIXED, v->col, w);
	l.text = book_cell_text;
	if (v->t.nrows == 0)
		snprintf(info, sizeof info, "%s", _("No dossier is overdue."));
	else
		snprintf(info, sizeof info, _("%ld overdue, the longest overdue first%s"),
		    (long)v->t.nrows, grid_more_columns(&l));
	foot = grid_foot_lines(con, info, w);
	v->g.rows = h - 2 - foot > 1 ? h - 2 - foot : 1;
	report_view_fit(v);
	grid_line(con, &l, y + 1, w, NULL, STYLE_HEADER, NULL);
	for (i = 0; i < v->g.rows && v->g.top + i < (long)v->t.nrows; i++) {
		for (k = 0; k < v->t.ncols && k < GRID_COLS; k++)
			cells[k] = report_cell(&v->t, (size_t)(v->g.top + i), k);
		grid_line(con, &l, y + 2 + (int)i, w, cells,
		    v->g.top + i == v->g.sel ? STYLE_SELECTED : STYLE_OVERDUE, "!");
	}
	console_wrap(con, y + h - foot, 1, foot, w - 2, STYLE_DIM, info);
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
		grid_put_right(con, y, x, ontime_nums[i].width, g == NULL ? STYLE_HEADER : style, num);
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

	v->g.rows = h - 5 > 1 ? h - 5 : 1;
	report_view_fit(v);
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
	for (r = v->g.top; r < v->g.top + v->g.rows && r < (long)v->nont - 1; r++)
		chart_line(s, y + 3 + (int)(r - v->g.top), w, r, lw, bw);
	chart_line(s, y + 3 + (int)(r - v->g.top), w, (long)v->nont - 1, lw, bw);
	if (view_count(v) > v->g.rows) {
		snprintf(line, sizeof line, _("Rows %ld-%ld of %ld: Up, Down, PgUp, PgDn"),
		    v->g.top + 1, r, view_count(v));
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
	grid_put_right(con, y, 14, 9, style, report_cell(&v->t, r, 1));
	grouped(report_cell(&v->t, r, 2), buf, sizeof buf);
	grid_put_right(con, y, 24, 14, style, buf);
	if (max > 0 && strcmp(day, "total") != 0 && bw > 0)
		bar(con, y, 40, (int)(atol(report_cell(&v->t, r, 2)) * bw / max), 0);
}

static void
draw_fees(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	const char *note = _("Fees collected per day. The database does not record transfers to the treasury: match these totals against the transfer slips.");
	long max = 0, r;
	char line[256];
	int n;

	v->g.rows = h - 6 > 1 ? h - 6 : 1;
	report_view_fit(v);
	for (r = 0; r < view_count(v); r++)
		if (atol(report_cell(&v->t, (size_t)r, 2)) > max)
			max = atol(report_cell(&v->t, (size_t)r, 2));
	console_fill(con, y + 1, 0, w, STYLE_HEADER);
	console_put(con, y + 1, 2, 12, STYLE_HEADER, _("Day"));
	grid_put_right(con, y + 1, 14, 9, STYLE_HEADER, _("Payments"));
	grid_put_right(con, y + 1, 24, 14, STYLE_HEADER, _("Amount (dong)"));
	for (r = v->g.top; r < v->g.top + v->g.rows && r < view_count(v); r++)
		fee_line(s, y + 2 + (int)(r - v->g.top), w, (size_t)r, max, STYLE_NORMAL);
	if (v->t.nrows > 0)
		fee_line(s, y + 2 + (int)(r - v->g.top), w, v->t.nrows - 1, 0, STYLE_HEADER);
	if (view_count(v) == 0)
		console_put(con, y + 2, 2, w - 4, STYLE_NORMAL, _("No fee was paid on these days."));
	if (view_count(v) > v->g.rows) {
		snprintf(line, sizeof line, _("Rows %ld-%ld of %ld: Up, Down, PgUp, PgDn"),
		    v->g.top + 1, r, view_count(v));
		console_put(con, y + h - 1, 1, w - 2, STYLE_DIM, line);
	} else {
		n = console_wrap_count(con, note, w - 3);
		if (y + 3 + (int)(r - v->g.top) <= y + h - n)
			console_wrap(con, y + h - n, 2, n, w - 3, STYLE_DIM, note);
	}
}

static void
view_draw(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	int more = draw_title(s, y, w) - 1;

	y += more;	/* a title on two lines takes one row from the rest */
	h -= more;
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
		book_draw(s, y, h, w);
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

	ready(s);
	if (!v->loaded)
		return;
	v->format = (enum export_format)k->arg;
	v->confirm[0] = '\0';
	default_path(v, path, sizeof path);
	v->keep = 1;
	form_open(s->con, &spec, v, initial);
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

	if (v->rq.kind == K_BOOK && (cells = book_cells(&v->bk, v->g.sel)) != NULL)
		console_push(s->con, &screen_dossier_ops, (void *)cells[1]);
	else if (v->rq.kind == K_OVERDUE && v->g.sel < (long)v->t.nrows)
		console_push(s->con, &screen_dossier_ops, (void *)report_cell(&v->t, (size_t)v->g.sel, 0));
}

static int
view_key(struct screen *s, int key)
{
	struct view *v = s->data;

	switch (key) {		/* the list keys, and the pager's */
	case ' ':
		key = CK(KEY_NPAGE);
		break;
	case 'g':
		key = CK(KEY_HOME);
		break;
	case 'G':
		key = CK(KEY_END);
		break;
	default:
		break;
	}
	if (grid_is_key(key)) {
		if (key != CK(KEY_HOME))	/* the rows the drawing would show */
			ready(s);
		if (key == CK(KEY_END) && v->rq.kind == K_BOOK && v->bk.total < 0) {
			v->counting = COUNT_END;
			return CON_KEY_DONE;
		}
		report_view_fit(v);
		return grid_key(&v->g, key);
	}
	if (grid_col_key(s->con, v->rq.kind == K_BOOK ? book_cols : overdue_cols,
	    v->rq.kind == K_BOOK ? book_ncols : OVERDUE_NCOLS,
	    v->rq.kind == K_BOOK ? BOOK_FIXED : OVERDUE_FIXED, &v->col, COLS, key) == CON_KEY_DONE)
		return CON_KEY_DONE;
	if (!grid_is_enter(key))
		return CON_KEY_PASS;
	ready(s);
	open_selected(s);
	return CON_KEY_DONE;
}

static const struct screen_key view_keys[] = {
	{ .key = 'x', .keyname = "x", .help = N_("save as a spreadsheet (XLSX)"), .run = view_save, .arg = EXPORT_XLSX },
	{ .key = 'v', .keyname = "v", .help = N_("save as CSV"), .run = view_save, .arg = EXPORT_CSV },
	{ .key = 'p', .keyname = "p", .help = N_("print the tracking book"), .run = book_print },
	{ .key = 'd', .keyname = "d", .help = N_("other days"), .run = view_days },
	{ .key = '\r', .keyname = "Enter", .help = N_("open the selected dossier (book, overdue list)") },
	{ .key = CK(KEY_UP), .keyname = "Up, Down", .help = N_("scroll a row") },
	{ .key = CK(KEY_NPAGE), .keyname = "PgUp, PgDn", .help = N_("previous, next page") },
	{ .key = CK(KEY_HOME), .keyname = "Home, End", .help = N_("first, last row") },
	{ .key = CK(KEY_LEFT), .keyname = "Left, Right", .help = N_("more columns (book, overdue list)") },
	{ .key = 0 },
};

/* p prints the book only, and only where there is a printer: the hint line does not
 * offer it elsewhere. */
static int
view_key_ok(struct screen *s, const struct screen_key *k)
{
	struct view *v = s->data;
	char *printer;
	int ok;

	if (k->run != book_print)
		return 1;
	if (v->rq.kind != K_BOOK)
		return 0;
	printer = store_setting(s->con->st, "printer");
	ok = printer != NULL && *printer != '\0';
	free(printer);
	return ok;
}

static const struct screen_ops view_ops = {
	.name = "report-view",
	.title = N_("Tracking book and reports"),
	.open = view_open,
	.draw = view_draw,
	.key = view_key,
	.reload = view_reload,
	.close = view_close,
	.key_ok = view_key_ok,
	.help = view_keys,
};

/* ---------------------------------------------------------------- the menu */

struct report_menu {
	struct menu m;
	struct ask ask;		/* the days of the report chosen */
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

static const struct menu_spec menu_spec = { .items = menu_keys, .nitems = K_COUNT, .keyw = 6 };

static void
menu_pick(struct screen *s, const struct screen_key *k)
{
	struct report_menu *mn = s->data;
	struct request rq = { .kind = (enum kind)k->arg };

	mn->m.sel = k->arg;
	if (kinds[rq.kind].days == NULL) {
		console_push(s->con, &view_ops, &rq);
		return;
	}
	default_days(rq.kind, &rq.from, &rq.to);
	ask_days(s->con, &mn->ask, rq.kind, rq.from, rq.to);
}

static int
report_open(struct screen *s, void *arg)
{
	struct report_menu *mn = xcalloc(1, sizeof *mn);

	mn->m.spec = &menu_spec;
	s->data = mn;
	return 0;
}

static void
report_close(struct screen *s)
{
	free(s->data);
}

/* The date form closed with days: open the report. */
static void
report_reload(struct screen *s)
{
	struct report_menu *mn = s->data;

	if (mn->ask.ready) {
		mn->ask.ready = 0;
		console_push(s->con, &view_ops, &mn->ask.rq);
	}
}

static void
report_draw(struct screen *s, int y, int h, int w)
{
	struct report_menu *mn = s->data;
	struct console *con = s->con;
	int x = w >= 100 ? 8 : 2, lw = menu_width(con, &mn->m), row = y + 1;

	if (lw > w - x - 10)
		lw = w - x - 10;
	console_put(con, row, x, w - x, STYLE_HEADER, _("Tracking book and reports"));
	row += 2;
	row += menu_draw(con, &mn->m, row, x, y + h - row, w, lw);
	row++;
	if (row < y + h)
		row += 1 + console_hint(con, row, x, y + h - row, w - x - 1,
		    _("Up, Down and Enter, or the letter on the left. F1 or ?: all the keys."));
	if (row < y + h)
		console_hint(con, row, x, y + h - row, w - x - 1,
		    _("Each report asks for its days, draws its figures and saves them with x (XLSX) or v (CSV)."));
}

static int
report_key(struct screen *s, int key)
{
	struct report_menu *mn = s->data;

	return menu_key(s, &mn->m, key);
}

const struct screen_ops screen_report_ops = {
	.name = "report",
	.title = N_("Tracking book and reports"),
	.open = report_open,
	.draw = report_draw,
	.key = report_key,
	.reload = report_reload,
	.close = report_close,
	.help = menu_keys,
};
