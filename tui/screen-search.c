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
 * on a monochrome terminal too.
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
	int n, more;			/* rows on this page; a next page exists */
	int sel;			/* selected row of the page */
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
	sr->page = 0;
	sr->nstarts = 0;
	sr->stale = 1;
}

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
		sr->more = 1;
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

/* Read the current page. */
static void
load(struct screen *s)
{
	struct search *sr = s->data;
	struct console *con = s->con;
	struct mc_error err;
	struct collect c = { .sr = sr, .now = mc_now() };
	const char *q = field_text(&sr->box);
	sqlite3 *db = store_db(con->st);
	int got, rc = MC_OK, interrupted;

	sr->stale = 0;
	sr->n = sr->more = 0;
	sr->too_short = 0;
	interrupted = 0;
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
		sr->more = rc == MC_OK && got > sr->page_rows;
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
		load(s);
		return;
	}
	if (sr->sel >= sr->n)
		sr->sel = sr->n > 0 ? sr->n - 1 : 0;
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
	sr->sel = 0;
	sr->nstarts = 0;
	sr->total = -1;
	sr->stale = 1;
}

static void
next_page(struct search *sr)
{
	if (!sr->more)
		return;
	if (field_empty(&sr->box))
		remember_start(sr, sr->page + 1, &sr->cur[sr->n - 1]);
	sr->page++;
	sr->sel = 0;
	sr->stale = 1;
}

static void
prev_page(struct search *sr, int to_last_row)
{
	if (sr->page == 0) {
		sr->sel = 0;
		return;
	}
	sr->page--;
	sr->sel = to_last_row ? sr->page_rows - 1 : 0;
	sr->stale = 1;
}

/* The columns: widths for a terminal w wide. */
struct cols {
	int code, name, proc, status, due;
	int wide;
};

static void
layout(int w, struct cols *c)
{
	c->wide = w >= 120;
	c->code = 25;
	c->due = c->wide ? 16 : 11;
	c->status = c->wide ? 24 : 14;
	c->proc = c->wide ? 36 : 8;
	c->name = w - 1 - c->code - c->proc - c->status - c->due - 5;
	if (c->name < 12) {
		c->status -= 12 - c->name;
		c->name = 12;
	}
}

static void
draw_row(struct console *con, int y, const struct cols *c, const struct dossier *d,
    enum con_style style, int late)
{
	char due[MC_TIME_BUF], proc[256];
	int x = 0, dd, mm, yy;

	console_fill(con, y, 0, COLS, style);
	console_put(con, y, x, 1, style, late ? "!" : " ");
	x += 1;
	console_put(con, y, x, c->code, style, d->code);
	x += c->code + 1;
	console_put(con, y, x, c->name, style, d->name);
	x += c->name + 1;
	if (c->wide)
		snprintf(proc, sizeof proc, "%s %s", d->procedure, console_procedure_name(con, d->procedure));
	else
		snprintf(proc, sizeof proc, "%s", d->procedure);
	console_put(con, y, x, c->proc, style, proc);
	x += c->proc + 1;
	console_put(con, y, x, c->status, style, dossier_status_name(d->status));
	x += c->status + 1;
	if (d->due_at == MC_TIME_NONE)
		due[0] = '\0';
	else if (c->wide)
		console_time(d->due_at, due);
	else {
		mc_civil_from_day(mc_day_of(d->due_at), &yy, &mm, &dd);
		snprintf(due, sizeof due, "%02d:%02d %02d/%02d", mc_minute_of_day(d->due_at) / 60,
		    mc_minute_of_day(d->due_at) % 60, dd, mm);
	}
	console_put(con, y, x, c->due, style, due);
}

static void
search_draw(struct screen *s, int y, int h, int w)
{
	struct search *sr = s->data;
	struct console *con = s->con;
	const char *label = _("Search:");
	char fname[128], info[256];
	struct cols c;
	mc_minute now = mc_now();
	int i, lw, x, late;
	enum con_style style;

	set_page_rows(sr, h - 3);
	if (sr->stale && !con->slow_ok)
		con->again = 1;		/* show the keys first, search in the next pass */
	else if (sr->stale)
		load(s);
	/* The search box and the filter. */
	lw = console_put(con, y, 1, w - 1, STYLE_LABEL, label);
	snprintf(info, sizeof info, _("Filter: %s"), filter_name(&sr->filter, fname, sizeof fname));
	x = w - console_width(con, info) - 1;
	if (x < lw + 12)
		x = lw + 12;
	field_draw(&sr->box, con, y, lw + 2, x - lw - 4, sr->box_focus);
	console_put(con, y, x, w - x, sr->filter.kind == FILTER_ALL ? STYLE_DIM : STYLE_HEADER, info);
	/* The header and the rows. */
	layout(w, &c);
	console_fill(con, y + 1, 0, w, STYLE_HEADER);
	console_put(con, y + 1, 1, c.code, STYLE_HEADER, _("Code"));
	console_put(con, y + 1, 2 + c.code, c.name, STYLE_HEADER, _("Applicant"));
	console_put(con, y + 1, 3 + c.code + c.name, c.proc, STYLE_HEADER, _("Procedure"));
	console_put(con, y + 1, 4 + c.code + c.name + c.proc, c.status, STYLE_HEADER, _("Status"));
	console_put(con, y + 1, 5 + c.code + c.name + c.proc + c.status, c.due, STYLE_HEADER, _("Due at"));
	for (i = 0; i < sr->n && i < h - 3; i++) {
		late = filter_overdue(&sr->rows[i], now);
		style = !sr->box_focus && i == sr->sel ? STYLE_SELECTED : late ? STYLE_OVERDUE : STYLE_NORMAL;
		draw_row(con, y + 2 + i, &c, &sr->rows[i], style, late);
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
		    sr->more ? _("   PgDn: next page") : "");
	else
		snprintf(info, sizeof info, _("Page %d: dossiers %d-%d%s"), sr->page + 1,
		    sr->page * sr->page_rows + 1, sr->page * sr->page_rows + sr->n,
		    sr->more ? _("   PgDn: next page") : "");
	console_put(con, y + h - 1, 1, w - 1, STYLE_DIM, info);
}

static void
search_resize(struct screen *s)
{
	struct search *sr = s->data;

	set_page_rows(sr, LINES - 6);
}

static void
open_selected(struct screen *s)
{
	struct search *sr = s->data;

	if (sr->n > 0)
		console_push(s->con, &screen_dossier_ops, sr->rows[sr->sel].code);
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
	case CK(KEY_NPAGE):
		next_page(sr);
		return CON_KEY_DONE;
	case CK(KEY_PPAGE):
		prev_page(sr, 0);
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
			/* To the list, also when it is still being read (keys typed
			 * ahead of the query: "/", Tab, p must reach the list). */
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
	switch (key) {
	case CK(KEY_DOWN):
	case 'j':
		if (sr->sel + 1 < sr->n)
			sr->sel++;
		else if (sr->more)
			next_page(sr);
		return CON_KEY_DONE;
	case CK(KEY_UP):
	case 'k':
		if (sr->sel > 0)
			sr->sel--;
		else if (sr->page > 0)
			prev_page(sr, 1);
		else
			sr->box_focus = 1;
		return CON_KEY_DONE;
	case CK(KEY_HOME):
		if (sr->page > 0)
			restart(sr);
		sr->sel = 0;
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		open_selected(s);
		return CON_KEY_DONE;
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
