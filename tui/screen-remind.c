/* screen-remind.c -- SMS reminders by rule and bulk campaigns, with a preview before
 * anything is queued and the progress of what was queued.
 *
 * Three steps on one screen.  Edit (Esc leaves, asking first once something is
 * typed): choose a rule (due tomorrow, result waiting N
 * days, supplement missing N days) or a campaign (a text typed with Telex, or a
 * template; the dossiers by procedure, status and dates received).  Preview: what
 * remind_plan() found, nothing written yet: the text as the first recipient gets it,
 * GSM-7 or UCS-2 and the parts a message, the recipients after one per phone and the
 * opted-out numbers, the parts in all, and the recipients themselves.  Sent: after y
 * (remind_queue), the campaign's messages waiting, sent, delivered and failed, with a
 * bar, read again every few seconds; the modem daemons send, the console only reads
 * (common/smsbox.c).  The newest campaign's progress shows under the edit step too.
 *
 * Who may send: everybody may look at a preview; rule reminders are routine service
 * and anyone at the counter may queue them; a campaign's free text to many citizens
 * needs the head of the office or an administrator (smsbox_may_send).
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console.h"
#include "dossier.h"
#include "field.h"
#include "grid.h"
#include "i18n.h"
#include "remind.h"
#include "smsbox.h"

#define REFRESH_SECONDS 3	/* the progress is read again this often */
#define TEXT_MAX 480		/* bytes of a campaign's text (2 UCS-2 parts is 134 characters) */

/* What can be sent: the rules of remind.c, then a campaign. */
static const struct {
	const char *rule;	/* NULL: a campaign */
	const char *label;	/* N_() */
} whats[] = {
	{ "due-tomorrow", N_("Reminder: the result is due tomorrow") },
	{ "result-waiting", N_("Reminder: a result waits for collection") },
	{ "supplement-pending", N_("Reminder: a supplement is still missing") },
	{ NULL, N_("Campaign: one message to chosen dossiers") },
};
#define NWHATS (int)(sizeof whats / sizeof whats[0])

/* What a campaign may send instead of its own text (data/templates/sms.csv). */
static const struct {
	const char *key;	/* NULL: the text typed */
	const char *label;	/* N_() */
} templates[] = {
	{ NULL, N_("the text typed below") },
	{ "status-own", N_("template: the dossier's status and due date") },
	{ "result-ready", N_("template: the result is ready") },
	{ "result-waiting", N_("template: the result waits for collection") },
	{ "due-tomorrow", N_("template: due tomorrow") },
	{ "supplement-pending", N_("template: a supplement is missing") },
};
#define NTEMPLATES (int)(sizeof templates / sizeof templates[0])

enum item {
	IT_WHAT,
	IT_DAYS,
	IT_TEMPLATE,
	IT_TEXT,
	IT_PROCEDURE,
	IT_STATUS,
	IT_FROM,
	IT_TO,
	IT_PREVIEW,
	IT_COUNT
};

enum mode {
	MODE_EDIT,
	MODE_PREVIEW,
	MODE_SENT,
};

struct remind_view {
	enum mode mode;
	enum item focus;
	int what;			/* index into whats[] */
	int tmpl;			/* index into templates[] */
	int status;			/* 0: any, else 1..10 */
	struct field days, text, procedure, from, to;
	char from_iso[MC_TIME_BUF], to_iso[MC_TIME_BUF];

	struct remind_plan plan;	/* the preview; its strings point into this view */
	int first;			/* the first recipient listed */
	int list_rows;			/* recipients that fit */

	char days_dflt[16];		/* what the days field said when the rule was chosen */
	int discard_armed;		/* Esc pressed once with something typed */

	long campaign;			/* whose progress shows (0: the newest) */
	int queued;			/* messages the last y queued */
	struct smsbox_progress prog;
	int have_prog;
	time_t loaded;			/* when the progress was read (monotonic) */
};

static void
load_progress(struct screen *s)
{
	struct remind_view *v = s->data;
	struct mc_error err;

	v->loaded = (time_t)mc_monotonic();
	v->have_prog = smsbox_campaign(s->con->st, v->campaign, &v->prog, &err) == MC_OK;
	if (!v->have_prog && err.code != MC_ENOTFOUND)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
}

/* The days field says the rule's default N. */
static void
default_days(struct remind_view *v)
{
	char n[16];
	int d = whats[v->what].rule != NULL ? remind_rule_days(whats[v->what].rule) : 0;

	if (d > 0)
		snprintf(n, sizeof n, "%d", d);
	else
		n[0] = '\0';
	field_set(&v->days, n);
	snprintf(v->days_dflt, sizeof v->days_dflt, "%s", n);
}

/* Something typed in the edit step that leaving would lose. */
static int
remind_unsaved(struct screen *s)
{
	struct remind_view *v = s->data;

	return v->mode == MODE_EDIT && (!field_empty(&v->text) || !field_empty(&v->procedure) ||
	    !field_empty(&v->from) || !field_empty(&v->to) ||
	    strcmp(field_text(&v->days), v->days_dflt) != 0);
}

static int
remind_open(struct screen *s, void *arg)
{
	struct remind_view *v = xcalloc(1, sizeof *v);

	field_init(&v->days, FIELD_PLAIN, 4);
	field_init(&v->text, FIELD_TEXT, TEXT_MAX);
	field_init(&v->procedure, FIELD_PLAIN, 40);
	field_init(&v->from, FIELD_PLAIN, 10);
	field_init(&v->to, FIELD_PLAIN, 10);
	default_days(v);
	s->data = v;
	load_progress(s);
	return 0;
}

static void
remind_close(struct screen *s)
{
	struct remind_view *v = s->data;

	remind_plan_free(&v->plan);
	free(v);
}

static void
remind_reload(struct screen *s)
{
	load_progress(s);
}

/* Is item shown for what is chosen? */
static int
shown(const struct remind_view *v, enum item it)
{
	const char *rule = whats[v->what].rule;

	switch (it) {
	case IT_DAYS:
		return rule != NULL && remind_rule_days(rule) > 0;
	case IT_TEMPLATE:
	case IT_PROCEDURE:
	case IT_STATUS:
	case IT_FROM:
	case IT_TO:
		return rule == NULL;
	case IT_TEXT:
		return rule == NULL && templates[v->tmpl].key == NULL;
	default:
		return 1;
	}
}

static void
move_focus(struct remind_view *v, int step)
{
	int i = (int)v->focus;

	do
		i = (i + step + IT_COUNT) % IT_COUNT;
	while (!shown(v, (enum item)i));
	v->focus = (enum item)i;
}

static struct field *
focused_field(struct remind_view *v)
{
	switch (v->focus) {
	case IT_DAYS: return &v->days;
	case IT_TEXT: return &v->text;
	case IT_PROCEDURE: return &v->procedure;
	case IT_FROM: return &v->from;
	case IT_TO: return &v->to;
	default: return NULL;
	}
}

/* ---- the preview ---- */

/* A date as people type it (mc_date_read: DD/MM/YYYY and its variants, or YYYY-MM-DD)
 * into iso "YYYY-MM-DD"; 0 ok, 1 empty, -1 bad. */
static int
date_field(const struct field *f, char iso[MC_TIME_BUF])
{
	mc_day day;

	if (field_empty(f))
		return 1;
	if (mc_date_read(field_text(f), &day) != 0)
		return -1;
	mc_date_format(day, iso);
	return 0;
}

/* Fill the plan's selection from the fields; 0, or -1 with the reason shown. */
static int
selection(struct screen *s)
{
	struct remind_view *v = s->data;
	struct remind_plan *p = &v->plan;
	struct console *con = s->con;
	const char *proc = field_text(&v->procedure);
	char *end;
	long days;
	int rc;

	remind_plan_free(p);
	memset(p, 0, sizeof *p);
	p->rule = whats[v->what].rule;
	if (p->rule != NULL) {
		if (shown(v, IT_DAYS)) {
			days = strtol(field_text(&v->days), &end, 10);
			if (field_empty(&v->days) || *end != '\0' || days < 1 || days > 3650) {
				console_message(con, STYLE_ERROR, "%s", _("Days: a number from 1 to 3650."));
				v->focus = IT_DAYS;
				return -1;
			}
			p->days = days;
		}
		return 0;
	}
	if (templates[v->tmpl].key != NULL)
		p->tmpl = templates[v->tmpl].key;
	else if (field_empty(&v->text)) {
		console_message(con, STYLE_ERROR, "%s", _("Type the text of the message first."));
		v->focus = IT_TEXT;
		return -1;
	} else
		p->text = field_text(&v->text);
	if (!field_empty(&v->procedure)) {
		if (console_procedure_name(con, proc)[0] == '\0') {
			console_message(con, STYLE_ERROR, _("There is no procedure %s in the catalogue."), proc);
			v->focus = IT_PROCEDURE;
			return -1;
		}
		p->procedure = proc;
	}
	p->status = v->status;
	if ((rc = date_field(&v->from, v->from_iso)) < 0 || date_field(&v->to, v->to_iso) < 0) {
		console_message(con, STYLE_ERROR, "%s", _("Dates are written like 25/12/2026."));
		v->focus = rc < 0 ? IT_FROM : IT_TO;
		return -1;
	}
	p->from = rc == 0 ? v->from_iso : NULL;
	p->to = field_empty(&v->to) ? NULL : v->to_iso;
	return 0;
}

/* Make the plan afresh from the fields; 0, or -1 with the reason shown. */
static int
plan(struct screen *s)
{
	struct remind_view *v = s->data;
	struct mc_error err;

	if (selection(s) != 0)
		return -1;
	if (remind_plan(s->con->st, &v->plan, mc_now(), &err) != MC_OK) {
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
		remind_plan_free(&v->plan);
		return -1;
	}
	return 0;
}

static void
preview(struct screen *s)
{
	struct remind_view *v = s->data;

	if (plan(s) != 0)
		return;
	v->mode = MODE_PREVIEW;
	v->first = 0;
}

/* y: queue what the preview showed, if it still holds. */
static void
send(struct screen *s)
{
	struct remind_view *v = s->data;
	struct console *con = s->con;
	struct mc_error err;
	size_t n = v->plan.n;
	int parts = v->plan.parts, queued;
	long campaign;

	if (!smsbox_may_send(con->user.role, v->plan.rule == NULL)) {
		console_message(con, STYLE_ERROR, "%s",
		    _("Only the head of the office or an administrator may send a campaign."));
		return;
	}
	if (v->plan.too_long > 0 || v->plan.n == 0)
		return;		/* the preview says why */
	/* Another console may have sent reminders since: plan again, and if the numbers
	 * changed, show the new preview instead of sending. */
	if (plan(s) != 0) {
		v->mode = MODE_EDIT;
		return;
	}
	if (v->plan.n != n || v->plan.parts != parts || v->plan.too_long > 0) {
		console_message(con, STYLE_ERROR, "%s",
		    _("The recipients changed since the preview: check it again, then press y."));
		v->first = 0;
		return;
	}
	if (remind_queue(con->st, &v->plan, con->actor, mc_now(), &campaign, &queued, &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return;
	}
	remind_plan_free(&v->plan);
	v->campaign = campaign;
	v->queued = queued;
	v->mode = MODE_SENT;
	load_progress(s);
}

/* ---- drawing ---- */

/* "< choice >" for a selector item. */
static void
put_choice(struct console *con, int y, int x, int w, int focused, const char *label)
{
	char buf[272];

	snprintf(buf, sizeof buf, "< %s >", label);
	console_put(con, y, x, w, focused ? STYLE_FOCUS : STYLE_NORMAL, buf);
}

static const char *
status_label(int status, char *buf, size_t n)
{
	if (status == 0)
		return _("any status");
	snprintf(buf, n, "%d %s", status, dossier_status_name(status));
	return buf;
}

/* The label column of the edit step, and each item's row (-1: not shown). */
static void
draw_edit(struct screen *s, int y, int h, int w)
{
	struct remind_view *v = s->data;
	struct console *con = s->con;
	static const char *const labels[IT_COUNT] = {
		[IT_WHAT] = N_("Send:"), [IT_DAYS] = N_("Days, at least:"),
		[IT_TEMPLATE] = N_("Message:"), [IT_TEXT] = N_("Text:"),
		[IT_PROCEDURE] = N_("Procedure:"), [IT_STATUS] = N_("Status:"),
		[IT_FROM] = N_("Received from:"), [IT_TO] = N_("to:"),
	};
	char buf[256];
	const char *name;
	int lw = 0, x, row = y, i, n, fw;

	for (i = 0; i < IT_PREVIEW; i++)
		if ((n = console_width(con, _(labels[i]))) > lw)
			lw = n;
	x = 2 + lw + 1;
	fw = w - x - 2;
	for (i = 0; i < IT_PREVIEW && row < y + h; i++) {
		if (!shown(v, (enum item)i) || i == IT_TO)
			continue;
		console_put(con, row, 2, lw, STYLE_LABEL, _(labels[i]));
		switch ((enum item)i) {
		case IT_WHAT:
			put_choice(con, row, x, fw, v->focus == IT_WHAT, _(whats[v->what].label));
			break;
		case IT_DAYS:
			field_draw(&v->days, con, row, x, 6, v->focus == IT_DAYS);
			break;
		case IT_TEMPLATE:
			put_choice(con, row, x, fw, v->focus == IT_TEMPLATE, _(templates[v->tmpl].label));
			break;
		case IT_TEXT:
			field_draw(&v->text, con, row, x, fw, v->focus == IT_TEXT);
			break;
		case IT_PROCEDURE:
			field_draw(&v->procedure, con, row, x, 12, v->focus == IT_PROCEDURE);
			name = field_empty(&v->procedure) ? _("(any procedure)") :
			    console_procedure_name(con, field_text(&v->procedure));
			console_put(con, row, x + 13, fw - 13, STYLE_DIM, name[0] != '\0' ? name :
			    _("(not in the catalogue)"));
			break;
		case IT_STATUS:
			put_choice(con, row, x, fw, v->focus == IT_STATUS, status_label(v->status, buf, sizeof buf));
			break;
		case IT_FROM:
			field_draw(&v->from, con, row, x, 11, v->focus == IT_FROM);
			n = console_put(con, row, x + 13, fw - 13, STYLE_LABEL, _(labels[IT_TO]));
			field_draw(&v->to, con, row, x + 14 + n, 11, v->focus == IT_TO);
			if (console_width(con, _("DD/MM/YYYY")) <= fw - 27 - n)
				console_put(con, row, x + 27 + n, fw - 27 - n, STYLE_DIM, _("DD/MM/YYYY"));
			break;
		default:
			break;
		}
		row++;
	}
	row++;
	console_put(con, row++, 2, w - 4, v->focus == IT_PREVIEW ? STYLE_FOCUS : STYLE_NORMAL,
	    _("[ Preview: F10, Ctrl-S ]"));
	console_wrap(con, row, 2, y + h - row, w - 4, STYLE_DIM,
	    _("Tab: next  Space, Left, Right: change  F10, Ctrl-S: preview (nothing is sent yet)"));
}

/* The text as it will be sent, a screen line at a time (cut where the width ends:
 * the exact characters matter more than pretty words here); lines used. */
static int
draw_text(struct console *con, int y, int x, int w, int lines, const char *text)
{
	char *line;
	size_t n;
	int i;

	for (i = 0; i < lines && *text != '\0'; i++, text += n) {
		if ((n = console_fit(con, text, w)) == 0)
			break;
		line = xcalloc(1, n + 1);
		memcpy(line, text, n);
		console_put(con, y + i, x, w, STYLE_NORMAL, line);
		free(line);
	}
	return i;
}

static void
draw_preview(struct screen *s, int y, int h, int w)
{
	struct remind_view *v = s->data;
	struct console *con = s->con;
	const struct remind_plan *p = &v->plan;
	char line[512];
	int row = y, most = 0, i, campaign = p->rule == NULL;
	size_t k;

	for (k = 0; k < p->n; k++)
		if (p->r[k].size.parts > most)
			most = p->r[k].size.parts;
	snprintf(line, sizeof line, _("Preview of: %s. Nothing is queued yet."), _(whats[v->what].label));
	row += console_wrap(con, row, 1, 2, w - 2, STYLE_HEADER, line);
	if (p->n > 0) {
		snprintf(line, sizeof line, _("The text as it will be sent (for dossier %s):"),
		    console_code(con, p->r[0].code));
		row += console_wrap(con, row, 1, 2, w - 2, STYLE_LABEL, line);
		row += draw_text(con, row, 3, w - 4, 3, p->r[0].text);
		snprintf(line, sizeof line, _("Encoding: %s"), p->ucs2 ?
		    _("UCS-2 (with diacritics, 70 characters a part)") :
		    _("GSM-7 (unaccented, 160 characters a part)"));
		row += console_wrap(con, row, 1, 2, w - 2, STYLE_LABEL, line);
		snprintf(line, sizeof line, _("SMS parts a message: up to %d (at most %d allowed)"), most,
		    p->max_parts);
		row += console_wrap(con, row, 1, 2, w - 2, STYLE_LABEL, line);
	}
	snprintf(line, sizeof line, _("Recipients: %zu (one message per phone); SMS parts in all: %d"),
	    p->n, p->parts);
	row += console_wrap(con, row, 1, 2, w - 2, STYLE_HEADER, line);
	snprintf(line, sizeof line, _("Skipped: %d opted out, %d same phone, %d without SMS consent, %d reminded already"),
	    p->optout, p->dup, p->consent, p->recent);
	row += console_wrap(con, row, 1, 2, w - 2, STYLE_LABEL, line);
	if (p->too_long > 0)
		snprintf(line, sizeof line, _("%d message(s) need more than %d SMS parts: shorten the text (e: change)."),
		    p->too_long, p->max_parts);
	else if (p->n == 0)
		snprintf(line, sizeof line, "%s", _("Nobody to send to. e or Esc: change the selection."));
	else if (!smsbox_may_send(con->user.role, campaign))
		snprintf(line, sizeof line, "%s",
		    _("Only the head of the office or an administrator may send a campaign. e or Esc: change."));
	else
		snprintf(line, sizeof line, _("y or F10: queue these %zu message(s)   e or Esc: change"), p->n);
	row += console_wrap(con, row, 1, 2, w - 2, p->too_long > 0 || p->n == 0 ||
	    !smsbox_may_send(con->user.role, campaign) ? STYLE_ERROR : STYLE_INFO, line);
	/* The recipients. */
	if (p->n == 0 || row + 2 > y + h)
		return;
	row++;
	console_fill(con, row, 0, w, STYLE_HEADER);
	console_put(con, row, 1, 12, STYLE_HEADER, _("Number"));
	console_put(con, row, 14, 14, STYLE_HEADER, _("Dossier"));
	console_put(con, row++, 29, w - 30, STYLE_HEADER, _("Parts"));
	v->list_rows = y + h - row;
	if (v->first > (int)p->n - v->list_rows)
		v->first = (int)p->n - v->list_rows;
	if (v->first < 0)
		v->first = 0;
	for (i = v->first; i < (int)p->n && row < y + h; i++, row++) {
		console_put(con, row, 1, 12, STYLE_NORMAL, p->r[i].number);
		console_put_value(con, row, 14, 14, STYLE_NORMAL, console_code(con, p->r[i].code));
		snprintf(line, sizeof line, "%d %s", p->r[i].size.parts, p->r[i].size.ucs2 ? "UCS-2" : "GSM-7");
		console_put(con, row, 29, w - 30, STYLE_NORMAL, line);
	}
}

/* A campaign's progress in 3 lines from y (or 2 when h is 2). */
static void
draw_progress(struct screen *s, int y, int h, int w)
{
	struct remind_view *v = s->data;
	struct console *con = s->con;
	const struct smsbox_progress *g = &v->prog;
	char line[512], t[MC_TIME_BUF], *bar;
	const char *kind = g->kind;
	mc_minute m;
	int i, bw, full;

	for (i = 0; i < NWHATS; i++)
		if (whats[i].rule != NULL && strcmp(whats[i].rule, g->kind) == 0)
			kind = _(whats[i].label);
	if (strcmp(g->kind, "campaign") == 0)
		kind = _("Campaign");
	t[0] = '\0';
	if (mc_time_parse(g->created, &m) == 0)
		console_time(m, t);
	snprintf(line, sizeof line, _("No. %ld: %s, queued %s by %s"), g->id, kind, t,
	    console_person(con, g->actor));
	console_fill(con, y, 0, w, STYLE_HEADER);
	console_put(con, y, 1, w - 2, STYLE_HEADER, line);
	snprintf(line, sizeof line, _("%d message(s): waiting %d, sending %d, sent %d, delivered %d, failed %d, cancelled %d"),
	    g->total, g->count[SMSBOX_QUEUED], g->count[SMSBOX_SENDING], g->count[SMSBOX_SENT],
	    g->count[SMSBOX_DELIVERED], g->count[SMSBOX_FAILED], g->count[SMSBOX_CANCELLED]);
	console_put(con, y + 1, 1, w - 2, g->count[SMSBOX_FAILED] > 0 ? STYLE_OVERDUE : STYLE_NORMAL, line);
	if (h < 3)
		return;
	snprintf(line, sizeof line, _(" %d of %d done (%d%%)"), g->done, g->total,
	    g->total > 0 ? g->done * 100 / g->total : 100);
	bw = w - 4 - console_width(con, line);
	if (bw < 10)
		bw = 10;
	full = g->total > 0 ? bw * g->done / g->total : bw;
	bar = xcalloc((size_t)bw * 3 + 3, 1);
	for (i = 0, bar[0] = '['; i < bw; i++)
		strcat(bar, i < full ? (con->utf8 ? "\u2588" : "#") : (con->utf8 ? "\u2591" : "."));
	strcat(bar, "]");
	i = console_put(con, y + 2, 1, w - 2, STYLE_INFO, bar);
	console_put(con, y + 2, 1 + i, w - 2 - i, STYLE_NORMAL, line);
	free(bar);
}

static void
remind_draw(struct screen *s, int y, int h, int w)
{
	struct remind_view *v = s->data;
	struct console *con = s->con;
	char line[256];

	if ((time_t)mc_monotonic() - v->loaded >= REFRESH_SECONDS)
		load_progress(s);
	switch (v->mode) {
	case MODE_EDIT:
		draw_edit(s, y, h - 4, w);
		if (v->have_prog && h >= 16)
			draw_progress(s, y + h - 3, 3, w);
		break;
	case MODE_PREVIEW:
		draw_preview(s, y, h, w);
		break;
	case MODE_SENT:
		snprintf(line, sizeof line, _("Queued %d message(s) as campaign %ld."), v->queued, v->campaign);
		console_put(con, y, 1, w - 2, STYLE_INFO, line);
		console_put(con, y + 1, 1, w - 2, STYLE_NORMAL,
		    _("The SMS daemon sends them after replies and notices, never in quiet hours;"));
		console_put(con, y + 2, 1, w - 2, STYLE_NORMAL,
		    _("this screen follows them. The SMS centre (q) lists each message."));
		if (v->have_prog)
			draw_progress(s, y + 4, 3, w);
		console_put(con, y + 8, 1, w - 2, STYLE_DIM, _("e or Esc: another reminder or campaign   q: back"));
		break;
	}
}

/* ---- keys ---- */

static void
cycle(struct remind_view *v, int step)
{
	switch (v->focus) {
	case IT_WHAT:
		v->what = (v->what + step + NWHATS) % NWHATS;
		default_days(v);
		break;
	case IT_TEMPLATE:
		v->tmpl = (v->tmpl + step + NTEMPLATES) % NTEMPLATES;
		break;
	case IT_STATUS:
		v->status = (v->status + step + ST_COUNT) % ST_COUNT;
		break;
	default:
		break;
	}
}

static int
edit_key(struct screen *s, int key)
{
	struct remind_view *v = s->data;
	struct field *f = focused_field(v);

	switch (key) {
	case '\t':
	case CK(KEY_DOWN):
		move_focus(v, 1);
		return CON_KEY_DONE;
	case CK(KEY_BTAB):
	case CK(KEY_UP):
		move_focus(v, -1);
		return CON_KEY_DONE;
	case CK(KEY_F(10)):
	case CON_CTRL('s'):
		preview(s);
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		if (v->focus == IT_PREVIEW)
			preview(s);
		else
			move_focus(v, 1);
		return CON_KEY_DONE;
	case CON_ESC:
		if (console_discard_ok(s->con, remind_unsaved(s), &v->discard_armed))
			console_pop(s->con);
		return CON_KEY_DONE;
	default:
		break;
	}
	if (f == NULL && key == 'q')	/* q leaves like Esc, asking first */
		return edit_key(s, CON_ESC);
	if (f != NULL) {
		/* A character the field refuses (it is full) is not a command either. */
		if (field_key(f, key, s->con->im) || (key >= 0x20 && key < CK(0)))
			return CON_KEY_DONE;
		return CON_KEY_PASS;
	}
	if (v->focus != IT_PREVIEW && (key == ' ' || key == CK(KEY_RIGHT) || key == CK(KEY_LEFT))) {
		cycle(v, key == CK(KEY_LEFT) ? -1 : 1);
		return CON_KEY_DONE;
	}
	return CON_KEY_PASS;
}

static int
remind_key(struct screen *s, int key)
{
	struct remind_view *v = s->data;
	int page = v->list_rows > 1 ? v->list_rows - 1 : 1;

	if (key != CON_ESC && key != 'q')
		v->discard_armed = 0;
	switch (v->mode) {
	case MODE_EDIT:
		return edit_key(s, key);
	case MODE_PREVIEW:
		switch (key) {
		case 'y':
		case 'Y':
		case CK(KEY_F(10)):
		case CON_CTRL('s'):
			send(s);
			return CON_KEY_DONE;
		case 'e':
		case CON_ESC:
			remind_plan_free(&v->plan);
			v->mode = MODE_EDIT;
			return CON_KEY_DONE;
		default:
			return grid_text_key(key, &v->first, page);
		}
	case MODE_SENT:
		if (key == 'e' || key == CON_ESC || key == '\r' || key == '\n') {
			v->mode = MODE_EDIT;
			v->focus = IT_WHAT;
			return CON_KEY_DONE;
		}
		return CON_KEY_PASS;
	}
	return CON_KEY_PASS;
}

static const struct screen_key remind_keys[] = {
	{ .key = CK(KEY_F(10)), .alt = CON_CTRL('s'), .keyname = "F10, Ctrl-S", .help = N_("preview (or Enter on the Preview button); in the preview, send") },
	{ .key = '\t', .keyname = "Tab, Up, Down", .help = N_("next, previous choice or field") },
	{ .key = ' ', .keyname = "Space, Left, Right", .help = N_("change a choice (what to send, template, status)") },
	{ .key = 'y', .keyname = "y", .help = N_("in the preview: queue the messages") },
	{ .key = 'e', .keyname = "e, Esc", .help = N_("in the preview: change the selection; else leave (twice when something is typed)") },
	{ .key = CK(KEY_NPAGE), .keyname = "PgUp, PgDn", .help = N_("in the preview: the list of recipients") },
	{ .key = CON_CTRL('t'), .keyname = "Ctrl-T", .help = N_("typing method in the text: Telex, VNI, off") },
	{ .key = 0 },
};

/* The hint line offers what each step does. */
static int
remind_key_ok(struct screen *s, const struct screen_key *k)
{
	struct remind_view *v = s->data;
	int in_preview = k->key == 'y' || k->key == 'e' || k->key == CK(KEY_NPAGE);

	if (v->mode == MODE_PREVIEW)
		return in_preview || k->key == CK(KEY_F(10));
	return v->mode == MODE_EDIT && !in_preview;
}

const struct screen_ops screen_remind_ops = {
	.name = "remind",
	.title = N_("SMS reminders and campaigns"),
	.open = remind_open,
	.draw = remind_draw,
	.key = remind_key,
	.reload = remind_reload,
	.close = remind_close,
	.unsaved = remind_unsaved,
	.key_ok = remind_key_ok,
	.help = remind_keys,
};
