/* screen-search.c -- find dossiers: one search box updating as you type, a filter,
 * and a list a screenful at a time.
 *
 * With text in the box the list is search_typing() (code fragment, name with or
 * without diacritics, phone, ID; ranked, search.h), narrowed by the filter (h: the
 * address's words, the only way an address is searched); with an
 * empty box it is the filter's list (filter.c), read by keyset.  Either way only a
 * page (and one row more, to know there is a next page) is kept.  Keys typed
 * faster than the screen redraws are all applied before one search runs.
 *
 * Overdue dossiers are marked "!" and drawn in their own style, so they stand out
 * on a monochrome terminal too; their due column says how late they are, in working
 * days (console_due).  The columns are as wide as the page's codes, statuses and due
 * dates need, from the terminal's width; the name takes the rest and shares it with
 * the procedure's name only on a wide terminal.
 */
#include "config.h"

#include <ncurses.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "code.h"
#include "console.h"
#include "field.h"
#include "catalog.h"
#include "filter.h"
#include "form.h"
#include "grid.h"
#include "i18n.h"
#include "search.h"
#include "store.h"

#define SCAN_MAX 20000		/* search matches looked at to fill a filtered page */
#define PROGRESS_OPS 4000	/* SQLite steps between looks for a waiting key */

struct search {
	struct field box;
	int box_focus;			/* 1: keys go to the search box */
	struct filter_spec filter;
	int stale;			/* the page must be read again */
	int too_short;			/* the text has nothing to look for yet */

	struct dossier *rows;		/* the page: rows[0..n) */
	struct filter_cursor *cur;	/* their cursors (filter lists) */
	int cap;			/* room in rows and cur: page rows + 1 */
	int n;				/* rows on this page */
	struct grid g;			/* the selected row; earlier, more: pages around */
	int page;			/* 0-based */
	struct filter_cursor *starts;	/* filter lists: where each page seen starts */
	int nstarts;
	long total;			/* filter lists: how many; -1 unknown */
	int page_rows;			/* rows a page holds on this terminal */
};

static void
set_page_rows(struct search *sr, int rows)
{
	if (rows < 1)
		rows = 1;
	if (rows == sr->page_rows)
		return;
	sr->page_rows = rows;
	free(sr->rows);
	free(sr->cur);
	sr->cap = rows + 1;
	sr->rows = xcalloc((size_t)sr->cap, sizeof *sr->rows);
	sr->cur = xcalloc((size_t)sr->cap, sizeof *sr->cur);
	sr->g.rows = rows;
	sr->page = 0;
	sr->g.earlier = 0;
	sr->nstarts = 0;
	sr->stale = 1;
}

static void turn(struct grid *g, enum grid_turn to, void *ctx);

static int
search_open(struct screen *s, void *arg)
{
	struct search *sr = xcalloc(1, sizeof *sr);
	const struct filter_spec *f = arg;

	field_init(&sr->box, FIELD_TEXT, 200);	/* names typed with Telex; digits pass */
	if (f != NULL)
		sr->filter = *f;
	sr->box_focus = f == NULL;
	sr->total = -1;
	sr->stale = 1;
	sr->g.select = 1;
	sr->g.turn = turn;
	sr->g.ctx = sr;
	sr->starts = xcalloc(16, sizeof *sr->starts);
	sr->nstarts = 0;
	s->data = sr;
	set_page_rows(sr, LINES - 6);
	return 0;
}

static void
search_close(struct screen *s)
{
	struct search *sr = s->data;

	free(sr->rows);
	free(sr->cur);
	free(sr->starts);
	free(sr);
}

struct collect {
	struct search *sr;
	int skip;			/* matches before this page */
	int seen;			/* matches of the filter so far */
	mc_minute now;
};

static int
collect(const struct dossier *d, void *ctx)
{
	struct collect *c = ctx;
	struct search *sr = c->sr;

	if (!filter_match(&sr->filter, d, c->now))
		return 0;
	if (c->seen++ < c->skip)
		return 0;
	if (sr->n == sr->page_rows) {
		sr->g.more = 1;
		return 1;
	}
	sr->rows[sr->n++] = *d;
	return 0;
}

/* Where page p of a filter list starts (NULL: at the start). */
static const struct filter_cursor *
page_start(struct search *sr, int p)
{
	return p > 0 && p - 1 < sr->nstarts ? &sr->starts[p - 1] : NULL;
}

static void
remember_start(struct search *sr, int p, const struct filter_cursor *at)
{
	struct filter_cursor *ns;

	if (p - 1 < sr->nstarts) {
		sr->starts[p - 1] = *at;
		return;
	}
	if ((sr->nstarts & 15) == 0) {
		ns = realloc(sr->starts, ((size_t)sr->nstarts + 16) * sizeof *ns);
		if (ns == NULL)
			return;
		sr->starts = ns;
	}
	sr->starts[sr->nstarts++] = *at;
}

/* SQLite's progress handler during a search: stop when a key is waiting, so typing
 * never waits for a slow query (the page is read again after the key). */
static int
key_waiting(void *ctx)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	int *interrupted = ctx;

	if (poll(&p, 1, 0) > 0 && (p.revents & POLLIN)) {
		*interrupted = 1;
		return 1;
	}
	return 0;
}

/* Read the current page; interruptible: stop when a key is waiting (drawing), not
 * when a key needs the page now. */
static void
load(struct screen *s, int interruptible)
{
	struct search *sr = s->data;
	struct console *con = s->con;
	struct mc_error err;
	struct collect c = { .sr = sr, .now = mc_now() };
	const char *q = field_text(&sr->box);
	sqlite3 *db = store_db(con->st);
	int got, rc = MC_OK, interrupted;

	sr->stale = 0;
	sr->n = sr->g.more = 0;
	sr->too_short = 0;
	interrupted = 0;
	if (interruptible)
		sqlite3_progress_handler(db, PROGRESS_OPS, key_waiting, &interrupted);
	if (!field_empty(&sr->box)) {
		if (!search_worthwhile(q, con->office_code)) {
			sr->too_short = 1;
		} else {
			c.skip = sr->page * sr->page_rows;
			rc = search_typing(con->st, q, sr->filter.address, SCAN_MAX, collect, &c, NULL, &err);
		}
	} else {
		if (sr->total < 0 && filter_count(con->st, &sr->filter, c.now, &sr->total, &err) != MC_OK)
			sr->total = -1;
		rc = filter_page(con->st, &sr->filter, c.now, page_start(sr, sr->page),
		    sr->page_rows + 1, sr->rows, sr->cur, &got, &err);
		sr->g.more = rc == MC_OK && got > sr->page_rows;
		sr->n = rc != MC_OK ? 0 : got > sr->page_rows ? sr->page_rows : got;
	}
	sqlite3_progress_handler(db, 0, NULL, NULL);
	if (interrupted) {
		sr->stale = 1;	/* a key came first: read again after it */
		return;
	}
	if (rc != MC_OK)
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
	if (sr->n == 0 && sr->page > 0) {	/* the page emptied under us: back one */
		sr->page--;
		load(s, interruptible);
		return;
	}
	sr->g.n = sr->n;
	sr->g.earlier = sr->page > 0;
	grid_fit(&sr->g);
}

/* Keys typed ahead of the drawing that act on the rows (to the list, Down, PgDn,
 * Enter) act on the rows the list holds by then: read them first. */
static void
ready(struct screen *s)
{
	struct search *sr = s->data;

	if (sr->stale)
		load(s, 0);
}

static void
search_reload(struct screen *s)
{
	struct search *sr = s->data;

	sr->total = -1;
	sr->stale = 1;		/* read in the next drawing's second pass */
}

static void
restart(struct search *sr)
{
	sr->page = 0;
	sr->g.sel = 0;
	sr->g.earlier = 0;
	sr->nstarts = 0;
	sr->total = -1;
	sr->stale = 1;
}

/* The list's keys ask for another page (grid.h): it is read before the next key
 * that needs it (ready()), or when the screen draws. */
static void
turn(struct grid *g, enum grid_turn to, void *ctx)
{
	struct search *sr = ctx;

	if (to == GRID_FIRST) {
		restart(sr);
		return;
	}
	if (to == GRID_NEXT && sr->n > 0) {
		if (field_empty(&sr->box))
			remember_start(sr, sr->page + 1, &sr->cur[sr->n - 1]);
		sr->page++;
	} else if (to == GRID_PREV && sr->page > 0)
		sr->page--;
	g->earlier = sr->page > 0;
	sr->stale = 1;
}

/* The columns of the list: x and width of each, for a terminal w wide. */
struct cols {
	int code, name, proc, status, due;	/* widths; proc 0: not shown */
	int proc_name;				/* the procedure's name after its code */
	int wide;				/* due times with the year */
};

#define NAME_MIN 12		/* the name is never narrower */
#define NAME_SHARE 30		/* from this much room on, the name shares it */
#define STATUS_NARROW 14	/* statuses are cut to this on a narrow terminal */
#define STATUS_WIDE 24

/* The widest of the heading and the texts of the page's rows (which: 0 code, 1 status,
 * 2 due), at least min. */
static int
widest(struct console *con, const struct search *sr, int which, const char *head, int min,
    int wide)
{
	char due[64];
	const char *t;
	int i, n, w = console_width(con, head);

	if (w < min)
		w = min;
	for (i = 0; i < sr->n; i++) {
		if (which == 0)
			t = console_code(con, sr->rows[i].code);
		else if (which == 1)
			t = dossier_status_name(sr->rows[i].status);
		else {
			console_due(con, &sr->rows[i], mc_now(), wide, due, sizeof due);
			t = due;
		}
		if ((n = console_width(con, t)) > w)
			w = n;
	}
	return w;
}

/* Widths from the screen's width: the code, the due date and the status as wide as
 * the page needs (the status cut on a narrow terminal), the procedure's code when the
 * name keeps 20 columns, and the rest to the name, which shares it with the
 * procedure's name only beyond NAME_SHARE columns. */
static void
layout(struct console *con, const struct search *sr, int w, struct cols *c)
{
	int flex, status, more;

	c->wide = w >= 110;
	c->code = widest(con, sr, 0, _("Code"), 11, 0);
	c->due = widest(con, sr, 2, _("Due at"), 11, c->wide);
	status = widest(con, sr, 1, _("Status"), 0, 0);
	c->status = status < STATUS_NARROW ? status : STATUS_NARROW;
	c->proc = console_width(con, _("Procedure"));
	if (c->proc < 8)
		c->proc = 8;
	c->proc_name = 0;
	/* 1 mark, then each column and a space after it but the last. */
	flex = w - 1 - (c->code + 1) - (c->status + 1) - c->due - 1;
	if (flex - c->proc - 1 >= 20)
		flex -= c->proc + 1;
	else
		c->proc = 0;
	/* The whole status while the name keeps NAME_SHARE columns. */
	more = (status < STATUS_WIDE ? status : STATUS_WIDE) - c->status;
	if (more > flex - NAME_SHARE)
		more = flex - NAME_SHARE;
	if (more > 0) {
		c->status += more;
		flex -= more;
	}
	c->name = flex;
	if (c->proc > 0 && flex > NAME_SHARE + 6) {	/* the procedure's name too */
		c->name = flex * 3 / 5 > NAME_SHARE ? flex * 3 / 5 : NAME_SHARE;
		c->proc += flex - c->name;
		c->proc_name = 1;
	}
	if (c->name < NAME_MIN)
		c->name = NAME_MIN;	/* a terminal too narrow: the right end is cut */
}

static void
draw_row(struct console *con, int y, const struct cols *c, const struct dossier *d,
    enum con_style style, mc_minute now)
{
	char due[64], proc[256];
	int x = 0, late;

	late = console_due(con, d, now, c->wide, due, sizeof due);
	console_fill(con, y, 0, COLS, style);
	console_put(con, y, x, 1, style, late ? "!" : " ");
	x += 1;
	console_put_value(con, y, x, c->code, style, console_code(con, d->code));
	x += c->code + 1;
	console_put_value(con, y, x, c->name, style, d->name);
	x += c->name + 1;
	if (c->proc > 0) {
		if (c->proc_name)
			snprintf(proc, sizeof proc, "%s %s", d->procedure,
			    console_procedure_name(con, d->procedure));
		else
			snprintf(proc, sizeof proc, "%s", d->procedure);
		console_put_value(con, y, x, c->proc, style, proc);
		x += c->proc + 1;
	}
	console_put_value(con, y, x, c->status, style, dossier_status_name(d->status));
	x += c->status + 1;
	console_put_value(con, y, x, c->due, style, due);
}

static void
draw_header(struct console *con, int y, int w, const struct cols *c)
{
	int x = 1;

	console_fill(con, y, 0, w, STYLE_HEADER);
	console_put(con, y, x, c->code, STYLE_HEADER, _("Code"));
	x += c->code + 1;
	console_put(con, y, x, c->name, STYLE_HEADER, _("Applicant"));
	x += c->name + 1;
	if (c->proc > 0) {
		console_put(con, y, x, c->proc, STYLE_HEADER, _("Procedure"));
		x += c->proc + 1;
	}
	console_put(con, y, x, c->status, STYLE_HEADER, _("Status"));
	x += c->status + 1;
	console_put(con, y, x, c->due, STYLE_HEADER, _("Due at"));
}

static void
search_draw(struct screen *s, int y, int h, int w)
{
	struct search *sr = s->data;
	struct console *con = s->con;
	const char *label = _("Search:");
	char fname[256], filter[320], info[256];
	struct filter_spec named;
	struct cols c;
	mc_minute now = mc_now();
	int i, lw, x, top, late, lines;
	enum con_style style;

	/* The search box, and the filter beside it or, when it does not fit, under it;
	 * the officer by name. */
	named = sr->filter;
	named.officer[0] = '\0';
	filter_name(&named, fname, sizeof fname);
	if (sr->filter.officer[0] != '\0')
		snprintf(fname + strlen(fname), sizeof fname - strlen(fname), _(", received by %s"),
		    console_person(con, sr->filter.officer));
	snprintf(filter, sizeof filter, _("Filter: %s"), fname);
	lw = console_width(con, label);
	x = w - console_width(con, filter) - 1;
	top = x >= lw + 22 ? 1 : 2;
	set_page_rows(sr, h - 2 - top);
	if (sr->stale && !con->slow_ok)
		con->again = 1;		/* show the keys first, search in the next pass */
	else if (sr->stale)
		load(s, 1);
	console_put(con, y, 1, lw, STYLE_LABEL, label);
	if (top == 1) {
		field_draw(&sr->box, con, y, lw + 2, x - lw - 4, sr->box_focus);
		console_put(con, y, x, w - x, sr->filter.kind == FILTER_ALL ? STYLE_DIM : STYLE_HEADER, filter);
	} else {
		field_draw(&sr->box, con, y, lw + 2, w - lw - 3, sr->box_focus);
		console_put(con, y + 1, 1, w - 2, sr->filter.kind == FILTER_ALL ? STYLE_DIM : STYLE_HEADER, filter);
	}
	/* The header and the rows. */
	layout(con, sr, w, &c);
	draw_header(con, y + top, w, &c);
	for (i = 0; i < sr->n && i < sr->page_rows; i++) {
		late = filter_overdue(&sr->rows[i], now);
		style = !sr->box_focus && i == sr->g.sel ? STYLE_SELECTED : late ? STYLE_OVERDUE : STYLE_NORMAL;
		draw_row(con, y + top + 1 + i, &c, &sr->rows[i], style, now);
	}
	/* What the list is. */
	if (sr->stale)
		snprintf(info, sizeof info, "%s", _("Searching..."));
	else if (sr->too_short)
		snprintf(info, sizeof info, "%s", _("Type at least 3 letters or digits of a name, code, phone or ID."));
	else if (sr->n == 0)
		snprintf(info, sizeof info, "%s", _("No dossier matches."));
	else if (field_empty(&sr->box) && sr->total >= 0)
		snprintf(info, sizeof info, _("Page %d: dossiers %d-%d of %ld%s"), sr->page + 1,
		    sr->page * sr->page_rows + 1, sr->page * sr->page_rows + sr->n, sr->total,
		    sr->g.more ? _("   PgDn: next page") : "");
	else
		snprintf(info, sizeof info, _("Page %d: dossiers %d-%d%s"), sr->page + 1,
		    sr->page * sr->page_rows + 1, sr->page * sr->page_rows + sr->n,
		    sr->g.more ? _("   PgDn: next page") : "");
	lines = console_wrap_count(con, info, w - 2);
	if (lines > 2)
		lines = 2;
	console_wrap(con, y + h - lines, 1, lines, w - 2, STYLE_DIM, info);
}

static void
search_resize(struct screen *s)
{
	struct search *sr = s->data;

	sr->stale = 1;		/* the page is sized in the next drawing */
}

static void
open_selected(struct screen *s)
{
	struct search *sr = s->data;

	if (sr->n > 0)
		console_push(s->con, &screen_dossier_ops, sr->rows[sr->g.sel].code);
}

static void
set_filter(struct screen *s, const struct screen_key *k)
{
	struct search *sr = s->data;

	if (k->arg == FILTER_STATUS) {	/* each press: the next status */
		if (sr->filter.kind != FILTER_STATUS)
			sr->filter.status = ST_REGISTERED;
		else if (++sr->filter.status >= ST_COUNT) {
			sr->filter.kind = FILTER_ALL;
			restart(sr);
			return;
		}
	}
	sr->filter.kind = (enum filter_kind)k->arg;
	restart(sr);
}

/* f, F4: the next filter, usable while typing. */
static void
cycle_filter(struct screen *s, const struct screen_key *k)
{
	struct search *sr = s->data;

	if (sr->filter.kind == FILTER_STATUS) {
		if (++sr->filter.status >= ST_COUNT)
			sr->filter.kind = FILTER_ALL;
	} else if (sr->filter.kind + 1 == FILTER_STATUS) {
		sr->filter.kind = FILTER_STATUS;
		sr->filter.status = ST_REGISTERED;
	} else
		sr->filter.kind = (enum filter_kind)(sr->filter.kind + 1);
	restart(sr);
}

/* t: the next order (newest, oldest, by due date). */
static void
cycle_sort(struct screen *s, const struct screen_key *k)
{
	struct search *sr = s->data;

	sr->filter.sort = (enum filter_sort)((sr->filter.sort + 1) % SORT_COUNT);
	if (!field_empty(&sr->box))
		console_message(s->con, STYLE_INFO, "%s",
		    _("Search results are always newest first; the order applies to the lists."));
	restart(sr);
}

/* m: only the dossiers I received, or everyone's again. */
static void
toggle_mine(struct screen *s, const struct screen_key *k)
{
	struct search *sr = s->data;

	if (strcmp(sr->filter.officer, s->con->actor) == 0)
		sr->filter.officer[0] = '\0';
	else
		snprintf(sr->filter.officer, sizeof sr->filter.officer, "%s", s->con->actor);
	restart(sr);
}

/* The procedure form: a code, its last digits or words of its name; "" shows every
 * procedure.  Which one it names is catalog_find_one()'s rule, the picker's. */
static enum form_result
procedure_submit(struct console *con, void *ctx, const char *const *values)
{
	struct search *sr = ctx;
	char code[CATALOG_CODE_MAX] = "";
	struct mc_error err;

	if (values[0][0] != '\0' && catalog_find_one(con->st, values[0], code, &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return FORM_STAY;
	}
	snprintf(sr->filter.procedure, sizeof sr->filter.procedure, "%s", code);
	restart(sr);
	return FORM_CLOSE;
}

/* The officer form: a login; "" shows everyone's. */
static enum form_result
officer_submit(struct console *con, void *ctx, const char *const *values)
{
	struct search *sr = ctx;
	struct user u;
	struct mc_error err;

	if (values[0][0] != '\0' && auth_get(con->st, values[0], &u, &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return FORM_STAY;
	}
	snprintf(sr->filter.officer, sizeof sr->filter.officer, "%s", values[0]);
	restart(sr);
	return FORM_CLOSE;
}

static const struct form_spec procedure_form = {
	.title = N_("Only one procedure"),
	.prompt = N_("Its code or words of its name; empty: every procedure."),
	.items = { { N_("Procedure"), FIELD_TEXT, 0, 200 } },
	.nitems = 1, .submit = procedure_submit,
};

static const struct form_spec officer_form = {
	.title = N_("Only one officer's dossiers"),
	.prompt = N_("The login of the officer who received them; empty: everyone's."),
	.items = { { N_("Login"), FIELD_PLAIN, 0, 63 } },
	.nitems = 1, .submit = officer_submit,
};

/* The address form: words the address must hold; "" shows every address. */
static enum form_result
address_submit(struct console *con, void *ctx, const char *const *values)
{
	struct search *sr = ctx;
	const char *v = values[0] + strspn(values[0], " ");

	(void)con;
	snprintf(sr->filter.address, sizeof sr->filter.address, "%s", v);
	restart(sr);
	return FORM_CLOSE;
}

static const struct form_spec address_form = {
	.title = N_("Only dossiers whose address has these words"),
	.prompt = N_("Words of the address (village, street...); empty: every address."),
	.items = { { N_("Address"), FIELD_TEXT, 0, 120 } },
	.nitems = 1, .submit = address_submit,
};

static void
ask_narrow(struct screen *s, const struct screen_key *k)
{
	static const struct form_spec *const forms[] = { &procedure_form, &officer_form, &address_form };
	struct search *sr = s->data;
	const char *initial[FORM_MAX_ITEMS] = { k->arg == 2 ? sr->filter.address :
	    k->arg ? sr->filter.officer : sr->filter.procedure };

	form_open(s->con, forms[k->arg], sr, initial);
}

static int
search_key(struct screen *s, int key)
{
	struct search *sr = s->data;
	char before[FIELD_MAX];

	switch (key) {
	case CK(KEY_NPAGE):	/* also from the box; the last page stays as it is */
		ready(s);
		if (sr->g.more)
			grid_key(&sr->g, key);
		return CON_KEY_DONE;
	case CK(KEY_PPAGE):
		grid_key(&sr->g, key);
		return CON_KEY_DONE;
	case CK(KEY_F(4)):
		cycle_filter(s, NULL);
		return CON_KEY_DONE;
	default:
		break;
	}
	if (sr->box_focus) {
		switch (key) {
		case '\r':
		case '\n':
		case CK(KEY_ENTER):
		case '\t':
		case CK(KEY_DOWN):
			/* Keys typed ahead of the list ("/", Tab, p or Enter) must reach
			 * the list: read it now if it is still to be read, and go to it. */
			ready(s);
			if (sr->n > 0 || sr->stale)
				sr->box_focus = 0;
			return CON_KEY_DONE;
		case CON_ESC:
			if (field_empty(&sr->box))
				console_pop(s->con);
			else {
				field_set(&sr->box, "");
				restart(sr);
			}
			return CON_KEY_DONE;
		default:
			break;
		}
		snprintf(before, sizeof before, "%s", field_text(&sr->box));
		if (field_key(&sr->box, key, s->con->im)) {
			if (strcmp(before, field_text(&sr->box)) != 0)
				restart(sr);
			return CON_KEY_DONE;
		}
		return CON_KEY_PASS;
	}
	if (grid_is_key(key)) {
		/* Down and End act on the rows the keys typed ahead meant: read them. */
		if (key == CK(KEY_DOWN) || key == 'j' || key == CK(KEY_END))
			ready(s);
		if (grid_key(&sr->g, key) == CON_KEY_PASS)
			sr->box_focus = 1;	/* Up from the first dossier: the box */
		return CON_KEY_DONE;
	}
	if (grid_is_enter(key)) {
		ready(s);
		open_selected(s);
		return CON_KEY_DONE;
	}
	switch (key) {
	case '/':
	case '\t':
		sr->box_focus = 1;
		return CON_KEY_DONE;
	default:
		return CON_KEY_PASS;
	}
}

static const struct screen_key search_keys[] = {
	{ .key = '/', .keyname = "/, Tab", .help = N_("type in the search box: code, name, phone or ID") },
	{ .key = '\r', .keyname = "Enter", .help = N_("open the selected dossier (in the box: go to the list)") },
	{ .key = CK(KEY_NPAGE), .keyname = "PgUp, PgDn", .help = N_("previous, next page") },
	{ .key = 'a', .keyname = "a", .help = N_("all dossiers"), .run = set_filter, .arg = FILTER_ALL },
	{ .key = 'r', .keyname = "r", .help = N_("received today"), .run = set_filter, .arg = FILTER_RECEIVED_TODAY },
	{ .key = 'd', .keyname = "d", .help = N_("due today"), .run = set_filter, .arg = FILTER_DUE_TODAY },
	{ .key = 'w', .keyname = "w", .help = N_("due this week"), .run = set_filter, .arg = FILTER_DUE_WEEK },
	{ .key = 'o', .keyname = "o", .help = N_("overdue"), .run = set_filter, .arg = FILTER_OVERDUE },
	{ .key = 'c', .keyname = "c", .help = N_("results waiting for collection"), .run = set_filter, .arg = FILTER_READY },
	{ .key = 's', .keyname = "s", .help = N_("one status (again: the next status)"), .run = set_filter, .arg = FILTER_STATUS },
	{ .key = 'f', .alt = CK(KEY_F(4)), .keyname = "f, F4", .help = N_("the next filter (F4 also while typing)"), .run = cycle_filter },
	{ .key = 'p', .keyname = "p", .help = N_("only one procedure (empty: all)"), .run = ask_narrow, .arg = 0 },
	{ .key = 'u', .keyname = "u", .help = N_("only one officer's dossiers (empty: all)"), .run = ask_narrow, .arg = 1 },
	{ .key = 'h', .keyname = "h", .help = N_("only addresses with these words (empty: all)"), .run = ask_narrow, .arg = 2 },
	{ .key = 'm', .keyname = "m", .help = N_("only the dossiers I received (again: everyone's)"), .run = toggle_mine },
	{ .key = 't', .keyname = "t", .help = N_("order: newest, oldest, by due date"), .run = cycle_sort },
	{ .key = CK(KEY_UP), .keyname = "Up, Down", .help = N_("select a dossier") },
	{ .key = CON_ESC, .keyname = "Esc", .help = N_("in the box: clear it; else back") },
	{ .key = 0 },
};

const struct screen_ops screen_search_ops = {
	.name = "search",
	.title = N_("Search dossiers"),
	.open = search_open,
	.draw = search_draw,
	.key = search_key,
	.resize = search_resize,
	.reload = search_reload,
	.close = search_close,
	.help = search_keys,
};
