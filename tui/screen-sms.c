/* screen-sms.c -- the SMS centre: what the office sends (outbox) and what citizens
 * sent (inbox), a page at a time, with each modem's state on top.
 *
 * The console never talks to a modem: the modem daemons write the queues and
 * modem_health, this screen reads them (common/smsbox.c) and reads them again every
 * few seconds while it is open, so a message is seen going from waiting to sent to
 * delivered.  Pages are read by keyset (smsbox_page), newest first, so thousands of
 * messages are never loaded at once.  A failed message can be sent again (r), a
 * waiting or failed one cancelled (x, after a question); a refusal says why.  Enter
 * shows the whole message in a box; m opens the reminders and campaigns.
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console.h"
#include "form.h"
#include "grid.h"
#include "i18n.h"
#include "smsbox.h"

#define MODEM_LINES 3		/* modems shown on top at most */
#define REFRESH_SECONDS 4	/* the daemons move messages on: read again this often */
#define NFILTERS 5

/* The filter key's cycle for each box (NULL: every status). */
static const char *const filters[2][NFILTERS] = {
	[SMSBOX_OUT] = { NULL, "queued", "failed", "sent", "delivered" },
	[SMSBOX_IN] = { NULL, "new", "answered", "ignored", "failed" },
};

struct smsc {
	enum smsbox_box box;
	int filter;			/* index into filters[box] */
	struct smsbox_row *rows;	/* the page: rows[0..n) */
	int cap, n;			/* room for page_rows + 1 */
	long before;			/* the page holds ids below this (0: the newest) */
	struct grid g;			/* the page's selected row; more: an older page */
	long follow;			/* the id to keep selected at the next read (0: the
					   position) */
	int page_rows;
	long total, above;		/* rows in the list; rows newer than the page */
	int stale;
	time_t loaded;			/* when the store was read (monotonic seconds) */
	struct smsbox_modem modem[MODEM_LINES];
	int nmodems;
	long queued;			/* messages waiting, every modem's */
	int show;			/* the selected message is shown whole */
	long pending;			/* the message the cancel question is about */
	char question[256];		/* its text (the form keeps a pointer to it) */
};

static void
set_page_rows(struct smsc *v, int rows)
{
	if (rows < 1)
		rows = 1;
	if (rows == v->page_rows)
		return;
	smsbox_rows_free(v->rows, v->n);
	free(v->rows);
	v->n = 0;
	v->page_rows = rows;
	v->cap = rows + 1;
	v->rows = xcalloc((size_t)v->cap, sizeof *v->rows);
	v->g.rows = rows;
	v->stale = 1;
}

static void turn(struct grid *g, enum grid_turn to, void *ctx);

static int
smsc_open(struct screen *s, void *arg)
{
	struct smsc *v = xcalloc(1, sizeof *v);

	v->box = SMSBOX_OUT;
	v->stale = 1;
	v->g.select = 1;
	v->g.turn = turn;
	v->g.ctx = s;
	s->data = v;
	set_page_rows(v, LINES - 7);
	return 0;
}

static void
smsc_close(struct screen *s)
{
	struct smsc *v = s->data;

	smsbox_rows_free(v->rows, v->n);
	free(v->rows);
	free(v);
}

static const char *
status_filter(const struct smsc *v)
{
	return filters[v->box][v->filter];
}

/* Read the modems' reports and the length of the queue. */
static void
load_modems(struct screen *s)
{
	struct smsc *v = s->data;
	struct mc_error err;

	v->loaded = (time_t)mc_monotonic();
	if (smsbox_modems(s->con->st, v->modem, MODEM_LINES, &v->nmodems, &err) != MC_OK ||
	    smsbox_count(s->con->st, SMSBOX_OUT, "queued", 0, &v->queued, &err) != MC_OK) {
		v->nmodems = 0;
		v->queued = 0;
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
	}
}

/* Read the page, its position, and select v->follow again if it is still there. */
static void
load_page(struct screen *s)
{
	struct smsc *v = s->data;
	struct console *con = s->con;
	struct mc_error err;
	int got = 0, i, rc;

	v->stale = 0;
	smsbox_rows_free(v->rows, v->n);
	v->n = v->g.more = 0;
	rc = smsbox_page(con->st, v->box, status_filter(v), v->before, SMSBOX_OLDER,
	    v->page_rows + 1, v->rows, &got, &err);
	if (rc == MC_OK)
		rc = smsbox_count(con->st, v->box, status_filter(v), 0, &v->total, &err);
	v->above = 0;
	if (rc == MC_OK && v->before > 0)
		rc = smsbox_count(con->st, v->box, status_filter(v), v->before - 1, &v->above, &err);
	if (got > v->page_rows) {
		smsbox_row_free(&v->rows[v->page_rows]);
		got = v->page_rows;
		v->g.more = 1;
	}
	v->n = got;
	if (rc != MC_OK)
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
	if (v->n == 0 && v->before > 0) {	/* the page emptied under us: the newest */
		v->before = 0;
		load_page(s);
		return;
	}
	for (i = 0; v->follow > 0 && i < v->n; i++)
		if (v->rows[i].id == v->follow)
			v->g.sel = i;
	v->follow = 0;
	v->g.n = v->n;
	v->g.earlier = v->before > 0;
	grid_fit(&v->g);
	if (v->n == 0)
		v->show = 0;
}

/* Read again soon, keeping the selected message selected. */
static void
read_soon(struct smsc *v)
{
	v->follow = v->n > 0 ? v->rows[v->g.sel].id : 0;
	v->stale = 1;
}

static void
smsc_reload(struct screen *s)
{
	read_soon(s->data);
}

static void
restart(struct smsc *v)
{
	v->before = 0;
	v->g.sel = 0;
	v->show = 0;
	v->stale = 1;
}

static void
next_page(struct smsc *v)
{
	if (v->n == 0)
		return;
	v->before = v->rows[v->n - 1].id;
	v->stale = 1;
}

/* The page just newer than this one: read upwards from its first row. */
static void
prev_page(struct screen *s)
{
	struct smsc *v = s->data;
	struct smsbox_row *up;
	struct mc_error err;
	int got = 0;

	if (v->before <= 0)
		return;
	up = xcalloc((size_t)v->page_rows, sizeof *up);
	if (smsbox_page(s->con->st, v->box, status_filter(v), v->n > 0 ? v->rows[0].id : v->before - 1,
	    SMSBOX_NEWER, v->page_rows, up, &got, &err) != MC_OK)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
	v->before = got < v->page_rows ? 0 : up[got - 1].id + 1;
	smsbox_rows_free(up, got);
	free(up);
	v->stale = 1;
}

/* The list's keys ask for another page (grid.h); it is read before the next key. */
static void
turn(struct grid *g, enum grid_turn to, void *ctx)
{
	struct screen *s = ctx;

	if (to == GRID_NEXT)
		next_page(s->data);
	else if (to == GRID_PREV)
		prev_page(s);
	else
		restart(s->data);
}

/* ---- drawing ---- */

/* A stored "YYYY-MM-DD HH:MM[:SS]" as a list shows it (console_when). */
static void
short_time(const char *stored, int wide, char buf[MC_TIME_BUF])
{
	mc_minute m;

	buf[0] = '\0';
	if (mc_time_parse(stored, &m) == 0)
		console_when(m, wide, buf);
}

/* An outgoing message's state in words: why it failed, until when it waits. */
static void
out_status(const struct smsbox_row *r, char *buf, size_t n)
{
	char t[MC_TIME_BUF];
	mc_second nb;

	if (strcmp(r->status, "failed") == 0 && r->error[0] != '\0')
		snprintf(buf, n, "%s: %s", smsbox_status_name(r->status), r->error);
	else if (strcmp(r->status, "queued") == 0 && mc_second_parse(r->not_before, &nb) == 0 &&
	    nb > mc_clock()) {
		short_time(r->not_before, 0, t);
		snprintf(buf, n, _("waiting until %s"), t);
	} else if (strcmp(r->status, "sent") == 0 && strcmp(r->delivery, "failed") == 0)
		snprintf(buf, n, "%s", _("sent, not delivered"));
	else
		snprintf(buf, n, "%s", smsbox_status_name(r->status));
}

/* One modem's report in words: its state, signal and operator (head), then the
 * queue, the failures and the balance (tail). */
static void
modem_words(const struct smsc *v, const struct smsbox_modem *m, int stale, char *head,
    char *tail, size_t n)
{
	char t[MC_TIME_BUF], sig[32];
	size_t k;

	short_time(m->updated, 0, t);
	if (m->signal >= 0)
		snprintf(sig, sizeof sig, _("signal %d%%"), m->signal);
	else
		snprintf(sig, sizeof sig, "%s", _("signal unknown"));
	k = (size_t)snprintf(head, n, _("Modem %s: %s, %s"), m->modem,
	    stale ? _("no news") : smsbox_modem_state_name(m->state), sig);
	if (m->operator_name[0] != '\0' && k < n)
		k += (size_t)snprintf(head + k, n - k, ", %s", m->operator_name);
	if (k < n)
		snprintf(head + k, n - k, _(", last contact %s"), t);
	k = (size_t)snprintf(tail, n, _("%ld waiting, %d failed today"), v->queued, m->failed_today);
	if (m->balance[0] != '\0' && k < n)
		snprintf(tail + k, n - k, _(", balance: %s"), m->balance);
}

/* Lines the modems take on top: one modem gets two, several one each. */
static int
modem_lines(const struct smsc *v)
{
	return v->nmodems <= 1 ? 2 : v->nmodems;
}

static void
draw_modems(struct screen *s, int y, int w)
{
	struct smsc *v = s->data;
	struct console *con = s->con;
	char head[512], tail[512], line[1040];
	enum con_style style;
	int i, stale;

	if (v->nmodems == 0) {
		console_put(con, y, 1, w - 2, STYLE_ERROR, _("No SMS modem has reported yet."));
		snprintf(line, sizeof line, _("%ld message(s) waiting; the SMS daemon sends them once it runs."),
		    v->queued);
		console_put(con, y + 1, 1, w - 2, STYLE_DIM, line);
		return;
	}
	for (i = 0; i < v->nmodems; i++) {
		stale = smsbox_modem_stale(&v->modem[i], mc_clock());
		style = stale || strcmp(v->modem[i].state, "ok") != 0 ? STYLE_ERROR : STYLE_NORMAL;
		modem_words(v, &v->modem[i], stale, head, tail, sizeof head);
		if (v->nmodems == 1) {
			console_put(con, y, 1, w - 2, style, head);
			console_put(con, y + 1, 1, w - 2, STYLE_NORMAL, tail);
			return;
		}
		snprintf(line, sizeof line, "%s; %s", head, tail);
		console_put(con, y + i, 1, w - 2, style, line);
	}
}

/* The columns of each box: headings and widths on a narrow (80) and a wide (120 and
 * more) terminal; width 0 shares what is left; a column that can go is left out on a
 * terminal narrower than 80 columns. */
#define NCOLS 7
static const struct colspec {
	const char *head;	/* N_() */
	int narrow, wide;
	int can_go;
} colspecs[2][NCOLS + 1] = {
	[SMSBOX_OUT] = { { N_("Time"), 11, 16, 0 }, { N_("Number"), 10, 12, 0 },
	    { N_("Kind"), 9, 10, 1 }, { N_("Status"), 12, 24, 0 }, { N_("SMS"), 3, 4, 1 },
	    { N_("Dossier"), 11, 11, 1 }, { N_("Message"), 0, 0, 0 }, { NULL, 0, 0, 0 } },
	[SMSBOX_IN] = { { N_("Time"), 11, 16, 1 }, { N_("Number"), 12, 14, 0 },
	    { N_("Status"), 10, 16, 0 }, { N_("Asked"), 0, 0, 0 }, { N_("Answered"), 0, 0, 0 },
	    { NULL, 0, 0, 0 } },
};

/* Each column's width for a terminal w wide; -1: not shown. */
struct cols {
	int n;
	int width[NCOLS];
};

static void
layout(enum smsbox_box box, int w, struct cols *c)
{
	const struct colspec *spec = colspecs[box];
	int i, used = 1, shares = 0, left;

	for (c->n = 0; spec[c->n].head != NULL; c->n++) {
		c->width[c->n] = w >= 120 ? spec[c->n].wide : spec[c->n].narrow;
		if (w < 80 && spec[c->n].can_go) {
			c->width[c->n] = -1;
			continue;
		}
		used += c->width[c->n] + 1;
		shares += c->width[c->n] == 0;
	}
	left = w - used + 1;
	for (i = 0; i < c->n && shares > 0; i++) {
		if (c->width[i] != 0)
			continue;
		c->width[i] = left / shares > 8 ? left / shares : 8;
		left -= c->width[i];
		shares--;
	}
}

static void
draw_row(struct screen *s, int y, int w, const struct cols *c, const struct smsbox_row *r,
    enum con_style style)
{
	struct console *con = s->con;
	char t[MC_TIME_BUF], status[512], parts[16];
	const char *cell[NCOLS];
	int i, x = 1;

	short_time(r->created, w >= 120, t);
	cell[0] = t;
	cell[1] = r->number;
	if (r->box == SMSBOX_OUT) {
		out_status(r, status, sizeof status);
		snprintf(parts, sizeof parts, "%d", r->parts);
		cell[2] = smsbox_kind_name(r->kind);
		cell[3] = status;
		cell[4] = parts;
		cell[5] = console_code(con, r->code);
		cell[6] = r->body;
	} else {
		cell[2] = smsbox_status_name(r->status);
		cell[3] = r->body;
		cell[4] = r->reply > 0 ? r->reply_body : r->error;
	}
	console_fill(con, y, 0, w, style);
	for (i = 0; i < c->n; i++) {
		if (c->width[i] < 0)
			continue;
		console_put(con, y, x, c->width[i], style, cell[i]);
		x += c->width[i] + 1;
	}
}

/* The selected message in one line: the detail the columns had to clip. */
static void
draw_detail(struct screen *s, int y, int w)
{
	struct smsc *v = s->data;
	const struct smsbox_row *r;
	char line[1024], status[512];

	if (v->n == 0)
		return;
	r = &v->rows[v->g.sel];
	if (r->box == SMSBOX_OUT) {
		out_status(r, status, sizeof status);
		snprintf(line, sizeof line, _("%s (No. %ld, %s to %s, %d attempt(s))"), status, r->id,
		    smsbox_kind_name(r->kind), r->number, r->attempts);
	} else if (r->reply > 0)
		snprintf(line, sizeof line, _("No. %ld from %s: answered with message %ld (%s)"), r->id,
		    r->number, r->reply, smsbox_status_name(r->reply_status));
	else
		snprintf(line, sizeof line, _("No. %ld from %s: %s%s%s"), r->id, r->number,
		    smsbox_status_name(r->status), r->error[0] != '\0' ? ": " : "", r->error);
	console_put(s->con, y, 1, w - 2, STYLE_DIM, line);
}

/* The labelled lines of the message box; values point into the row or the bufs. */
#define BOX_FIELDS 14
struct box_fields {
	const char *label[BOX_FIELDS], *value[BOX_FIELDS];
	int n;
	char status[512], queued[MC_TIME_BUF], sent[MC_TIME_BUF], delivered[MC_TIME_BUF];
	char size[64], campaign[32], attempts[16];
};

static void
add(struct box_fields *f, const char *label, const char *value)
{
	if (f->n < BOX_FIELDS && value[0] != '\0') {
		f->label[f->n] = label;
		f->value[f->n++] = value;
	}
}

static void
out_fields(const struct smsbox_row *r, struct box_fields *f)
{
	short_time(r->created, 1, f->queued);
	short_time(r->sent, 1, f->sent);
	short_time(r->delivered, 1, f->delivered);
	out_status(r, f->status, sizeof f->status);
	snprintf(f->size, sizeof f->size, _("%d part(s), %s"), r->parts,
	    strcmp(r->encoding, "ucs2") == 0 ? _("UCS-2 (with diacritics)") : _("GSM-7 (unaccented)"));
	snprintf(f->attempts, sizeof f->attempts, "%d", r->attempts);
	f->campaign[0] = '\0';
	if (r->campaign > 0)
		snprintf(f->campaign, sizeof f->campaign, "%ld", r->campaign);
	add(f, _("To:"), r->number);
	add(f, _("Kind:"), smsbox_kind_name(r->kind));
	add(f, _("Status:"), f->status);
	add(f, _("Queued at:"), f->queued);
	add(f, _("Attempts:"), f->attempts);
	add(f, _("Sent at:"), f->sent);
	add(f, _("Modem:"), r->modem);
	add(f, _("Delivery:"), r->delivery[0] != '\0' ? smsbox_status_name(r->delivery) : "");
	add(f, _("Delivered at:"), f->delivered);
	add(f, _("Size:"), f->size);
	add(f, _("Dossier:"), r->code);
	add(f, _("Campaign:"), f->campaign);
}

static void
in_fields(const struct smsbox_row *r, struct box_fields *f)
{
	short_time(r->created, 1, f->queued);
	f->status[0] = '\0';
	if (r->reply > 0)
		snprintf(f->status, sizeof f->status, _("message %ld (%s)"), r->reply,
		    smsbox_status_name(r->reply_status));
	add(f, _("From:"), r->number);
	add(f, _("Received at:"), f->queued);
	add(f, _("Modem:"), r->modem);
	add(f, _("Status:"), smsbox_status_name(r->status));
	add(f, _("Note:"), r->error);
	add(f, _("Answer:"), f->status);
}

/* Enter: the whole message in a box over the list, with the answer to a received
 * one. */
static void
draw_message_box(struct screen *s, int y, int h, int w)
{
	struct smsc *v = s->data;
	struct console *con = s->con;
	const struct smsbox_row *r = &v->rows[v->g.sel];
	struct box_fields *f = xcalloc(1, sizeof *f);
	const char *hint = r->box == SMSBOX_OUT ?
	    _("Enter, Esc: close  Up, Down: other messages  r: send again  x: cancel") :
	    _("Enter, Esc: close  Up, Down: other messages");
	char title[64];
	int bw = w - 4 < 76 ? w - 4 : 76, bh, bx, by, lw = 0, i, row, body, hl, answer = r->reply > 0;

	console_check_layer(con, NULL);	/* the box goes over the list */
	if (r->box == SMSBOX_OUT) {
		snprintf(title, sizeof title, _("Message %ld (sent by the office)"), r->id);
		out_fields(r, f);
	} else {
		snprintf(title, sizeof title, _("Message %ld (received)"), r->id);
		in_fields(r, f);
	}
	for (i = 0; i < f->n; i++)
		if (console_width(con, f->label[i]) > lw)
			lw = console_width(con, f->label[i]);
	body = console_wrap_count(con, r->body, bw - 4);
	if (answer)
		body += 1 + console_wrap_count(con, r->reply_body, bw - 4);
	hl = console_wrap_count(con, hint, bw - 4);
	bh = f->n + body + 4 + hl;
	if (bh > h)
		bh = h;
	bx = (w - bw) / 2;
	by = y + (h - bh) / 2;
	console_box(con, by, bx, bh, bw, title);
	row = by + 1;
	for (i = 0; i < f->n && row < by + bh - 1 - hl; i++, row++) {
		console_put(con, row, bx + 2, lw, STYLE_LABEL, f->label[i]);
		console_put_value(con, row, bx + 3 + lw, bw - lw - 5, STYLE_NORMAL, f->value[i]);
	}
	row++;
	if (row < by + bh - 1 - hl)
		row += console_wrap(con, row, bx + 2, by + bh - 1 - hl - row, bw - 4, STYLE_NORMAL, r->body);
	if (answer && row + 1 < by + bh - 1 - hl) {
		console_put(con, row++, bx + 2, bw - 4, STYLE_LABEL, _("The answer:"));
		console_wrap(con, row, bx + 2, by + bh - 1 - hl - row, bw - 4, STYLE_NORMAL, r->reply_body);
	}
	console_wrap(con, by + bh - 1 - hl, bx + 2, hl, bw - 4, STYLE_DIM, hint);
	free(f);
}

static void
smsc_draw(struct screen *s, int y, int h, int w)
{
	struct smsc *v = s->data;
	struct console *con = s->con;
	char line[512];
	const char *f = status_filter(v);
	int top, x, i;
	struct cols c;

	if (!v->stale && (time_t)mc_monotonic() - v->loaded >= REFRESH_SECONDS)
		read_soon(v);
	if (v->stale)
		load_modems(s);
	top = modem_lines(v);
	set_page_rows(v, h - top - 3);	/* after a resize, or when a modem appeared */
	if (v->stale)
		load_page(s);
	draw_modems(s, y, w);
	/* The two boxes, the filter, the position. */
	y += top;
	x = 1 + console_put(con, y, 1, w - 2, v->box == SMSBOX_OUT ? STYLE_SELECTED : STYLE_NORMAL,
	    _(" o: Outbox "));
	x += 2 + console_put(con, y, x + 2, w - x - 2, v->box == SMSBOX_IN ? STYLE_SELECTED : STYLE_NORMAL,
	    _(" i: Inbox "));
	snprintf(line, sizeof line, _("f: show %s"), f != NULL ? smsbox_status_name(f) : _("all"));
	console_put(con, y, x + 3, w - x - 3, f != NULL ? STYLE_HEADER : STYLE_DIM, line);
	line[0] = '\0';
	if (v->n > 0)
		snprintf(line, sizeof line, _("%ld-%ld of %ld"), v->above + 1, v->above + v->n, v->total);
	console_put(con, y, w - 1 - console_width(con, line), console_width(con, line), STYLE_DIM, line);
	/* The list, and the selected message's detail under it. */
	layout(v->box, w, &c);
	console_fill(con, y + 1, 0, w, STYLE_HEADER);
	for (i = 0, x = 1; i < c.n; i++) {
		if (c.width[i] < 0)
			continue;
		console_put(con, y + 1, x, c.width[i], STYLE_HEADER, _(colspecs[v->box][i].head));
		x += c.width[i] + 1;
	}
	for (i = 0; i < v->n && i < v->page_rows; i++)
		draw_row(s, y + 2 + i, w, &c, &v->rows[i], i == v->g.sel ? STYLE_SELECTED :
		    strcmp(v->rows[i].status, "failed") == 0 ? STYLE_OVERDUE : STYLE_NORMAL);
	if (v->n == 0)
		console_put(con, y + 2, 1, w - 2, STYLE_DIM, v->box == SMSBOX_OUT ?
		    _("No message to send or sent here.") : _("No message received here."));
	draw_detail(s, y + 2 + v->page_rows, w);
	if (v->show && v->n > 0)
		draw_message_box(s, y - top, h, w);
}

static void
smsc_resize(struct screen *s)
{
	read_soon(s->data);
}

/* ---- actions ---- */

static void
set_box(struct screen *s, const struct screen_key *k)
{
	struct smsc *v = s->data;

	if (v->box == (enum smsbox_box)k->arg)
		return;
	v->box = (enum smsbox_box)k->arg;
	v->filter = 0;
	restart(v);
}

static void
cycle_filter(struct screen *s, const struct screen_key *k)
{
	struct smsc *v = s->data;

	v->filter = (v->filter + 1) % NFILTERS;
	restart(v);
}

static void
retry(struct screen *s, const struct screen_key *k)
{
	struct smsc *v = s->data;
	struct mc_error err;
	char why[512];
	long id;

	if (v->n == 0)
		return;
	if (smsbox_refusal(&v->rows[v->g.sel], 0, why, sizeof why) != NULL) {
		console_message(s->con, STYLE_ERROR, "%s", why);
		return;
	}
	id = v->rows[v->g.sel].id;
	if (smsbox_retry(s->con->st, id, s->con->actor, mc_clock(), &err) != MC_OK)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
	else
		console_message(s->con, STYLE_INFO, _("Message %ld is queued again: the SMS daemon will send it."), id);
	read_soon(v);
}

static enum form_result
cancel_submit(struct console *con, void *ctx, const char *const *values)
{
	struct smsc *v = ctx;
	struct mc_error err;

	if (smsbox_cancel(con->st, v->pending, con->actor, &err) != MC_OK)
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
	else
		console_message(con, STYLE_INFO, _("Message %ld is cancelled: it will not be sent."), v->pending);
	read_soon(v);
	return FORM_CLOSE;
}

static void
cancel(struct screen *s, const struct screen_key *k)
{
	struct smsc *v = s->data;
	const struct smsbox_row *r;
	struct form_spec spec = { .title = N_("Cancel an SMS"), .submit = cancel_submit };
	char why[512];

	if (v->n == 0)
		return;
	r = &v->rows[v->g.sel];
	if (smsbox_refusal(r, 1, why, sizeof why) != NULL) {
		console_message(s->con, STYLE_ERROR, "%s", why);
		return;
	}
	v->pending = r->id;
	snprintf(v->question, sizeof v->question,
	    _("Cancel message %ld to %s (%s)? It will not be sent."), r->id, r->number,
	    smsbox_kind_name(r->kind));
	spec.prompt = v->question;
	form_open(s->con, &spec, v, NULL);
}

static void
reminders(struct screen *s, const struct screen_key *k)
{
	console_push(s->con, &screen_remind_ops, NULL);
}

static int
smsc_key(struct screen *s, int key)
{
	struct smsc *v = s->data;

	/* Keys typed ahead come before the next drawing: each moves from the page the
	 * one before it reached. */
	if (v->stale)
		load_page(s);
	if (v->show) {
		switch (key) {
		case '\r':
		case '\n':
		case CK(KEY_ENTER):
		case CON_ESC:
		case 'q':
		case ' ':
			v->show = 0;
			return CON_KEY_DONE;
		default:
			break;
		}
	}
	if (key == ' ')
		key = CK(KEY_NPAGE);	/* Space pages on, as PgDn */
	switch (key) {
	case CK(KEY_HOME):
	case 'g':
		restart(v);	/* the newest, read again (the box closed) */
		return CON_KEY_DONE;
	case '\t':
		v->box = v->box == SMSBOX_OUT ? SMSBOX_IN : SMSBOX_OUT;
		v->filter = 0;
		restart(v);
		return CON_KEY_DONE;
	default:
		break;
	}
	if (grid_is_enter(key)) {
		v->show = v->n > 0;
		return CON_KEY_DONE;
	}
	grid_key(&v->g, key);	/* Up on the newest message: nothing to do */
	return grid_is_key(key) ? CON_KEY_DONE : CON_KEY_PASS;
}

static const struct screen_key smsc_keys[] = {
	{ .key = 'o', .keyname = "o", .help = N_("outbox: what the office sends"), .run = set_box, .arg = SMSBOX_OUT },
	{ .key = 'i', .keyname = "i", .help = N_("inbox: what citizens sent, and the answers"), .run = set_box, .arg = SMSBOX_IN },
	{ .key = 'f', .alt = CK(KEY_F(4)), .keyname = "f, F4", .help = N_("show all, or one status (again: the next)"), .run = cycle_filter },
	{ .key = '\r', .keyname = "Enter", .help = N_("the whole message (Enter again: close)") },
	{ .key = 'r', .keyname = "r", .help = N_("send a failed message again"), .run = retry },
	{ .key = 'x', .keyname = "x", .help = N_("cancel a waiting or failed message"), .run = cancel },
	{ .key = 'm', .alt = CK(KEY_F(5)), .keyname = "m, F5", .help = N_("reminders and campaigns"), .run = reminders },
	{ .key = CK(KEY_UP), .keyname = "Up, Down, PgUp, PgDn", .help = N_("move through the messages") },
	{ .key = 'g', .alt = CK(KEY_HOME), .keyname = "g, Home", .help = N_("the newest messages") },
	{ .key = '\t', .keyname = "Tab", .help = N_("the other box") },
	{ .key = 0 },
};

const struct screen_ops screen_sms_ops = {
	.name = "sms",
	.title = N_("SMS centre"),
	.open = smsc_open,
	.draw = smsc_draw,
	.key = smsc_key,
	.resize = smsc_resize,
	.reload = smsc_reload,
	.close = smsc_close,
	.help = smsc_keys,
};
