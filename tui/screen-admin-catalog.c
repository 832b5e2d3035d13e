/* screen-admin-catalog.c -- the procedures whose time or fee the catalogue has not
 * confirmed (the published detail left it open), and the administrator's
 * confirmation of each: t asks for the time (number, unit, same-day cut-off), f for
 * the fee at the counter and online, d confirms the list of documents as it is;
 * catalog_confirm() writes it and the audit row.  a shows every procedure, v again
 * only those to verify.  The console's picker and due dates follow at once.
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "catalog.h"
#include "form.h"
#include "i18n.h"
#include "store.h"

struct row {
	char code[CATALOG_CODE_MAX];
	char *name;		/* owned */
	int time_value, cutoff;
	enum time_unit unit;
	long fee, fee_online;
	int verify;
};

struct cat {
	struct row *r;		/* r[0 .. list.n) */
	int cap;
	int all;		/* 1: every procedure; 0: those to verify */
	int total, flagged;	/* in the catalogue */
	char version[64];
	struct grid list;		/* ADMIN_LIST */
};

static int
add_row(const struct procedure *p, void *ctx)
{
	struct cat *c = ctx;
	struct row *r;

	c->total++;
	c->flagged += p->verify != 0;
	if (!c->all && p->verify == 0)
		return 0;
	c->r = admin_grow(c->r, c->list.n, &c->cap, sizeof *c->r);
	r = &c->r[c->list.n++];
	snprintf(r->code, sizeof r->code, "%s", p->code);
	r->name = xstrdup(p->name);
	r->time_value = p->time_value;
	r->unit = p->unit;
	r->cutoff = p->cutoff;
	r->fee = p->fee;
	r->fee_online = p->fee_online;
	r->verify = p->verify;
	return 0;
}

static void
free_rows(struct cat *c)
{
	int i;

	for (i = 0; i < c->list.n; i++)
		free(c->r[i].name);
	c->list.n = c->total = c->flagged = 0;
}

static void
cat_reload(struct screen *s)
{
	struct cat *c = s->data;
	struct catalog_filter f = { 0 };
	struct mc_error err;

	free_rows(c);
	if (catalog_list(s->con->st, &f, add_row, c, &err) != MC_OK)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
	catalog_version(s->con->st, c->version);
	grid_fit_rows(&c->list, c->list.rows);
}

static int
cat_open(struct screen *s, void *arg)
{
	if (!admin_allowed(s->con))
		return -1;
	s->data = xcalloc(1, sizeof(struct cat));
	((struct cat *)s->data)->list = (struct grid)ADMIN_LIST;
	cat_reload(s);
	return 0;
}

static void
cat_close(struct screen *s)
{
	struct cat *c = s->data;

	free_rows(c);
	free(c->r);
	free(c);
}

/* "3 working days", "same day 15:00". */
static void
time_text(const struct row *r, char *buf, size_t n)
{
	switch (r->unit) {
	case TU_SAME_DAY:
		if (r->cutoff >= 0)
			snprintf(buf, n, _("same day, %02d:%02d"), r->cutoff / 60, r->cutoff % 60);
		else
			snprintf(buf, n, "%s", _("same day"));
		break;
	case TU_WORKING_DAYS:
		snprintf(buf, n, _("%d working day(s)"), r->time_value);
		break;
	case TU_DAYS:
		snprintf(buf, n, _("%d day(s)"), r->time_value);
		break;
	case TU_HOURS:
		snprintf(buf, n, _("%d working hour(s)"), r->time_value);
		break;
	}
}

/* Column which of row r as the list shows it: 0 the code, 1 what is to verify ("TF.":
 * time, fee, documents), 2 the time, 3 the fee. */
static void
cell(const struct row *r, int which, char *buf, size_t n)
{
	char amount[MC_AMOUNT_BUF];

	switch (which) {
	case 0:
		snprintf(buf, n, "%s", r->code);
		break;
	case 1:
		snprintf(buf, n, "%c%c%c", r->verify & CATALOG_VERIFY_TIME ? 'T' : '.',
		    r->verify & CATALOG_VERIFY_FEE ? 'F' : '.', r->verify & CATALOG_VERIFY_DOCS ? 'D' : '.');
		break;
	case 2:
		time_text(r, buf, n);
		break;
	default:
		snprintf(buf, n, "%s", mc_amount(r->fee, amount));
		break;
	}
}

/* The widest of head and column which over the list. */
static int
widest(struct console *con, const struct cat *c, const char *head, int which)
{
	char t[64];
	int i, w = console_width(con, head), n;

	for (i = 0; i < c->list.n; i++) {
		cell(&c->r[i], which, t, sizeof t);
		if ((n = console_width(con, t)) > w)
			w = n;
	}
	return w;
}

static void
cat_draw(struct screen *s, int y, int h, int w)
{
	struct cat *c = s->data;
	struct console *con = s->con;
	const char *head[5] = { _("Code"), _("Check"), _("Time"), _("Fee"), _("Procedure") };
	const char *foot = _("T, F, D: time, fee, documents to verify. t: confirm the time, f: the fee, d: the documents");
	int cw[5], x[5], i, k, row, top, fl;
	char buf[256];
	enum con_style style;

	/* The summary and the keys wrapped; code, check, time and fee as wide as they
	 * need, the name the rest. */
	snprintf(buf, sizeof buf, _("Catalogue: %d procedures, %d to verify; version %s"),
	    c->total, c->flagged, c->version[0] != '\0' ? c->version : "-");
	top = y + console_wrap(con, y, 1, 2, w - 2, STYLE_HEADER, buf);
	fl = console_wrap_count(con, foot, w - 2);
	for (k = 0; k < 4; k++)
		cw[k] = widest(con, c, head[k], k);
	cw[4] = w - 6 - cw[0] - cw[1] - cw[2] - cw[3];
	for (k = 0, x[0] = 1; k < 4; k++)
		x[k + 1] = x[k] + cw[k] + 1;
	console_fill(con, top, 0, w, STYLE_HEADER);
	for (k = 0; k < 5; k++)
		console_put(con, top, x[k], cw[k], STYLE_HEADER, head[k]);
	grid_fit_rows(&c->list, y + h - fl - top - 1);
	row = top + 1;
	if (c->list.n == 0)
		console_wrap(con, row, 1, 2, w - 2, STYLE_DIM, c->all ? _("The catalogue is empty.") :
		    _("Nothing to verify: every time and fee is confirmed. a: every procedure."));
	for (i = c->list.top; i < c->list.n && row < top + 1 + c->list.rows; i++, row++) {
		style = i == c->list.sel ? STYLE_SELECTED : STYLE_NORMAL;
		console_fill(con, row, 0, w, style);
		for (k = 0; k < 4; k++) {
			cell(&c->r[i], k, buf, sizeof buf);
			console_put_value(con, row, x[k], cw[k], style, buf);
		}
		console_put_value(con, row, x[4], cw[4], style, c->r[i].name);
	}
	console_wrap(con, y + h - fl, 1, fl, w - 2, STYLE_DIM, foot);
}

/* The selected row, or NULL (and a message). */
static struct row *
selected(struct screen *s)
{
	struct cat *c = s->data;

	if (c->list.n == 0) {
		console_message(s->con, STYLE_ERROR, "%s", _("No procedure is selected."));
		return NULL;
	}
	return &c->r[c->list.sel];
}

/* catalog_confirm() for the selected procedure; FORM_CLOSE when done. */
static enum form_result
confirm(struct screen *s, const struct catalog_confirm *cf)
{
	struct row *r = selected(s);
	struct mc_error err;
	char code[CATALOG_CODE_MAX];

	if (r == NULL)
		return FORM_CLOSE;
	snprintf(code, sizeof code, "%s", r->code);
	if (catalog_confirm(s->con->st, code, cf, s->con->actor, &err) != MC_OK) {
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
		return FORM_STAY;
	}
	console_message(s->con, STYLE_INFO, _("%s confirmed."), code);
	cat_reload(s);
	admin_console_refresh(s->con);
	return FORM_CLOSE;
}

/* A whole number from 0 to max, or -1. */
static long
number(const char *v, long max)
{
	char *end;
	long n;

	if (*v < '0' || *v > '9')
		return -1;
	n = strtol(v, &end, 10);
	return *end == '\0' && n <= max ? n : -1;
}

static enum form_result
time_submit(struct console *con, void *ctx, const char *const *values)
{
	struct catalog_confirm cf;
	int u;

	catalog_confirm_init(&cf);
	if ((u = time_unit_parse(values[1])) < 0) {
		console_message(con, STYLE_ERROR, "%s",
		    _("The unit is working-days, days, same-day or hours."));
		return FORM_STAY;
	}
	cf.unit = (enum time_unit)u;
	if ((cf.time_value = (int)number(values[0], CAL_MAX_AMOUNT)) < 0 && cf.unit != TU_SAME_DAY) {
		console_message(con, STYLE_ERROR, _("The time is a whole number from 0 to %d."),
		    CAL_MAX_AMOUNT);
		return FORM_STAY;
	}
	if (cf.time_value < 0)
		cf.time_value = 0;
	if (values[2][0] != '\0' && (cf.unit != TU_SAME_DAY ||
	    (cf.cutoff = mc_hhmm_parse(values[2])) < 0)) {
		console_message(con, STYLE_ERROR, "%s",
		    _("The cut-off is a time like 15:00, for same-day procedures only."));
		return FORM_STAY;
	}
	return confirm(ctx, &cf);
}

static enum form_result
fee_submit(struct console *con, void *ctx, const char *const *values)
{
	struct catalog_confirm cf;

	catalog_confirm_init(&cf);
	if ((cf.fee = number(values[0], 1000000000L)) < 0 ||
	    (values[1][0] != '\0' && (cf.fee_online = number(values[1], 1000000000L)) < 0)) {
		console_message(con, STYLE_ERROR, "%s",
		    _("A fee is a whole number of dong, like 20000 (online: empty if the same)."));
		return FORM_STAY;
	}
	return confirm(ctx, &cf);
}

static void
ask_time(struct screen *s, const struct screen_key *k)
{
	static const struct form_spec spec = {
		.title = N_("Confirm the processing time"),
		.prompt = N_("Unit: working-days, days, same-day or hours; a same-day cut-off like 15:00 (empty: the office's)."),
		.items = { { N_("Time"), FIELD_PLAIN, 0, 5 },
			   { N_("Unit"), FIELD_PLAIN, 1, 15 },
			   { N_("Cut-off"), FIELD_PLAIN, 0, 5 } },
		.nitems = 3,
		.submit = time_submit,
	};
	struct row *r = selected(s);
	char t[16], cut[16];

	if (r == NULL)
		return;
	snprintf(t, sizeof t, "%d", r->time_value);
	cut[0] = '\0';
	if (r->cutoff >= 0)
		snprintf(cut, sizeof cut, "%02d:%02d", r->cutoff / 60, r->cutoff % 60);
	form_open(s->con, &spec, s, (const char *const[]){ t, time_unit_name(r->unit), cut });
}

static void
ask_fee(struct screen *s, const struct screen_key *k)
{
	static const struct form_spec spec = {
		.title = N_("Confirm the fee"),
		.prompt = N_("In dong, as the province's decision sets it; online: empty if the same."),
		.items = { { N_("Fee at the counter"), FIELD_PLAIN, 1, 10 },
			   { N_("Fee online"), FIELD_PLAIN, 0, 10 } },
		.nitems = 2,
		.submit = fee_submit,
	};
	struct row *r = selected(s);
	char fee[24], online[24];

	if (r == NULL)
		return;
	snprintf(fee, sizeof fee, "%ld", r->fee);
	online[0] = '\0';
	if (r->fee_online >= 0)
		snprintf(online, sizeof online, "%ld", r->fee_online);
	form_open(s->con, &spec, s, (const char *const[]){ fee, online });
}

static void
confirm_docs(struct screen *s, const struct screen_key *k)
{
	struct catalog_confirm cf;

	if (selected(s) == NULL)
		return;
	catalog_confirm_init(&cf);
	cf.documents = 1;
	confirm(s, &cf);
}

static void
show_all(struct screen *s, const struct screen_key *k)
{
	struct cat *c = s->data;

	c->all = k->arg;
	c->list.sel = c->list.top = 0;
	cat_reload(s);
}

static int
cat_key(struct screen *s, int key)
{
	struct cat *c = s->data;
	struct row *r;

	if (key == '\r' || key == '\n' || key == CK(KEY_ENTER)) {
		/* Enter: what is still open, the time first. */
		if ((r = selected(s)) != NULL)
			(r->verify & CATALOG_VERIFY_FEE) && !(r->verify & CATALOG_VERIFY_TIME) ?
			    ask_fee(s, NULL) : ask_time(s, NULL);
		return CON_KEY_DONE;
	}
	return grid_key(&c->list, key);
}

static const struct screen_key cat_keys[] = {
	{ .key = 't', .keyname = "t", .help = N_("confirm the selected procedure's time"), .run = ask_time },
	{ .key = 'f', .keyname = "f", .help = N_("confirm its fee (counter, online)"), .run = ask_fee },
	{ .key = 'd', .keyname = "d", .help = N_("confirm its list of documents as it is"), .run = confirm_docs },
	{ .key = 'a', .keyname = "a", .help = N_("show every procedure"), .run = show_all, .arg = 1 },
	{ .key = 'v', .keyname = "v", .help = N_("show only what is to verify"), .run = show_all, .arg = 0 },
	{ .key = '\r', .keyname = "Enter", .help = N_("confirm what is to verify, the time first") },
	{ .key = CK(KEY_UP), .keyname = "Up, Down, PgUp, PgDn", .help = N_("move in the list") },
	{ .key = 0 },
};

const struct screen_ops screen_admin_catalog_ops = {
	.name = "admin-catalog",
	.title = N_("Procedure catalogue"),
	.open = cat_open,
	.draw = cat_draw,
	.key = cat_key,
	.reload = cat_reload,
	.close = cat_close,
	.help = cat_keys,
};
