/* screen-dossier.c -- one dossier: applicant, procedure, dates, fees, and the
 * timeline of its events (who, when, what), with the counter's actions by key, among
 * them correcting the applicant's details (the "edited" event, as `motcua event CODE
 * edited` appends it).  Officials are named by their full names, not their logins;
 * a due date or fee that came from a catalogue value still to verify is marked "?".
 *
 * Each action asks only what it needs in a small form (form.c) and goes through
 * dossier_append(), so the state machine of common/lifecycle.c decides; an action the
 * dossier's status forbids is refused at once with the reason lifecycle_refusal()
 * gives, and one that another console made impossible meanwhile is refused with the
 * MC_ETRANSITION text, both in the message line.
 */
#include "config.h"

#include <ctype.h>
#include <jansson.h>
#include <limits.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "console.h"
#include "dossier.h"
#include "filter.h"
#include "form.h"
#include "grid.h"
#include "i18n.h"
#include "paper.h"
#include "phone.h"
#include "store.h"

#define MAX_EVENTS 2000		/* a dossier with more shows its first ones */

struct line {
	mc_minute at;
	enum event_kind kind;
	char actor[64];
	char *detail;		/* owned */
};

struct view {
	char code[CODE_MAX];
	struct dossier d;
	int loaded;
	struct dossier_docs docs;	/* what the intake recorded */
	struct line *ev;
	int nev, cap;
	int first;		/* first timeline line shown */
	int rows;		/* timeline lines that fit */
	enum event_kind pending;	/* the action whose form is open */
	int preview;		/* a form to show once the action's form has closed, or 0 */
	char catalog[64];	/* the catalogue version it was received under */
	int verify;		/* its due date or fee came from a value to verify */
};

/* What each event kind is called in the timeline. */
static const char *const kind_label[EV_COUNT] = {
	[EV_REGISTERED] = N_("Registered online"),
	[EV_RECEIVED] = N_("Received (intake)"),
	[EV_ACCEPTED] = N_("Accepted"),
	[EV_EDITED] = N_("Details corrected"),
	[EV_TRANSFERRED] = N_("Handed over"),
	[EV_RETURNED_TO_OFFICE] = N_("Back at the office"),
	[EV_SUPPLEMENT_REQUESTED] = N_("Supplement requested"),
	[EV_SUPPLEMENT_RECEIVED] = N_("Supplement received"),
	[EV_FEE_REQUESTED] = N_("Fee requested"),
	[EV_FEE_PAID] = N_("Fee paid"),
	[EV_RESULT_READY] = N_("Result ready"),
	[EV_RESULT_RETURNED] = N_("Result returned"),
	[EV_REJECTED] = N_("Refused"),
	[EV_WITHDRAWN] = N_("Withdrawn"),
	[EV_STOPPED] = N_("Processing stopped"),
	[EV_EXTENDED] = N_("Extended with apology"),
	[EV_NOTE] = N_("Note"),
	[EV_DIGITISED] = N_("Digitised"),
	[EV_RATED] = N_("Rated"),
};

/* The payload fields shown in the timeline, in this order. */
static const struct {
	const char *key;
	const char *label;	/* N_() */
	int time;		/* a "YYYY-MM-DD HH:MM" value */
} detail_keys[] = {
	{ "to", N_("to"), 0 },
	{ "items", N_("documents"), 0 },
	{ "reason", N_("reason"), 0 },
	{ "collector", N_("collected by"), 0 },
	{ "amount", N_("amount"), 0 },
	{ "due", N_("due"), 1 },
	{ "rating", N_("rating"), 0 },
	{ "name", N_("name"), 0 },
	{ "idno", N_("ID"), 0 },
	{ "phone", N_("phone"), 0 },
	{ "address", N_("address"), 0 },
	{ "note", N_("note"), 0 },
};

/* The documents an intake event recorded, into buf ("" when none); returns the length. */
static size_t
docs_detail(const struct dossier_event *ev, char *buf, size_t size)
{
	struct dossier_docs docs;
	char *handed, *missing;
	size_t n = 0;

	if (dossier_docs_read(ev->payload, &docs) != MC_OK)
		return 0;
	if (docs.recorded) {
		if ((handed = dossier_docs_line(&docs, 0)) == NULL ||
		    (missing = dossier_docs_line(&docs, 1)) == NULL)
			abort();	/* out of memory: fatal in the console */
		n = (size_t)snprintf(buf, size, "%s: %s", _("handed in"), *handed != '\0' ? handed : _("none"));
		if (*missing != '\0' && n < size)
			n += (size_t)snprintf(buf + n, size - n, "; %s: %s", _("missing"), missing);
		free(handed);
		free(missing);
	}
	dossier_docs_free(&docs);
	return n < size ? n : size - 1;
}

static char *
detail_text(const struct dossier_event *ev)
{
	char buf[4096], val[512], t[MC_TIME_BUF], amount[MC_AMOUNT_BUF];
	const json_t *v;
	mc_minute m;
	size_t i, n = 0;

	buf[0] = '\0';
	if (ev->kind == EV_RECEIVED || ev->kind == EV_REGISTERED)
		n = docs_detail(ev, buf, sizeof buf);
	for (i = 0; i < sizeof detail_keys / sizeof detail_keys[0] && n < sizeof buf - 1; i++) {
		if ((ev->kind == EV_RECEIVED || ev->kind == EV_REGISTERED) &&
		    strcmp(detail_keys[i].key, "note") != 0)
			continue;	/* the header shows what intake recorded */
		if ((v = json_object_get(ev->payload, detail_keys[i].key)) == NULL)
			continue;
		if (json_is_string(v) && detail_keys[i].time &&
		    mc_time_parse(json_string_value(v), &m) == 0) {
			console_time(m, t);
			snprintf(val, sizeof val, "%s", t);
		} else if (json_is_string(v))
			snprintf(val, sizeof val, "%s", json_string_value(v));
		else if (json_is_integer(v) && strcmp(detail_keys[i].key, "amount") == 0)
			snprintf(val, sizeof val, _("%s dong"), mc_amount((long)json_integer_value(v), amount));
		else if (json_is_integer(v))
			snprintf(val, sizeof val, "%lld", (long long)json_integer_value(v));
		else
			continue;
		if (val[0] == '\0')
			continue;
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s: %s", n > 0 ? "; " : "",
		    _(detail_keys[i].label), val);
	}
	return xstrdup(buf);
}

static int
add_event(const struct dossier_event *ev, void *ctx)
{
	struct view *v = ctx;
	struct line *nl;

	if (v->nev == MAX_EVENTS)
		return 1;
	if (v->nev == v->cap) {
		v->cap = v->cap > 0 ? v->cap * 2 : 16;
		if ((nl = realloc(v->ev, (size_t)v->cap * sizeof *nl)) == NULL)
			return 1;
		v->ev = nl;
	}
	nl = &v->ev[v->nev++];
	nl->at = ev->at;
	nl->kind = ev->kind;
	snprintf(nl->actor, sizeof nl->actor, "%s", ev->actor);
	nl->detail = detail_text(ev);
	return 0;
}

static void
free_events(struct view *v)
{
	int i;

	for (i = 0; i < v->nev; i++)
		free(v->ev[i].detail);
	v->nev = 0;
}

static void
dossier_reload(struct screen *s)
{
	struct view *v = s->data;
	struct mc_error err;

	free_events(v);
	dossier_docs_free(&v->docs);
	v->loaded = 0;
	if (dossier_get(s->con->st, v->code, &v->d, &err) != MC_OK ||
	    dossier_each_event(s->con->st, v->code, add_event, v, &err) != MC_OK ||
	    dossier_docs_get(s->con->st, v->code, &v->docs, &err) != MC_OK ||
	    catalog_dossier_info(s->con->st, v->code, v->catalog, &v->verify, &err) != MC_OK) {
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
		return;
	}
	v->loaded = 1;
	if (v->preview != 0) {	/* the action's form has just closed: show its paper */
		struct con_preview pv = { .codes = { v->code }, .ncodes = 1, .form = v->preview };

		v->preview = 0;
		console_push(s->con, &screen_paper_ops, &pv);
	}
}

static int
dossier_open(struct screen *s, void *arg)
{
	struct view *v = xcalloc(1, sizeof *v);

	snprintf(v->code, sizeof v->code, "%s", (const char *)arg);
	s->data = v;
	dossier_reload(s);
	if (!v->loaded) {
		free_events(v);
		dossier_docs_free(&v->docs);
		free(v->ev);
		free(v);
		return -1;
	}
	/* Newest events are what the counter needs: show the end of the timeline. */
	v->first = GRID_END;
	return 0;
}

static void
dossier_close(struct screen *s)
{
	struct view *v = s->data;

	free_events(v);
	dossier_docs_free(&v->docs);
	free(v->ev);
	free(v);
}

/* "label: value" at (y, x) in w columns; returns the columns used. */
static int
pair(struct console *con, int y, int x, int w, const char *label, const char *value,
    enum con_style vs)
{
	int n = console_put(con, y, x, w, STYLE_LABEL, label);

	if (n + 2 >= w)
		return n;
	return n + 1 + console_put_value(con, y, x + n + 1, w - n - 1, vs, value);
}

/* "Documents handed in: 1, 2, 4 of 4; missing: 3" (the timeline's intake line names
 * them). */
static void
docs_summary(const struct view *v, char *buf, size_t size)
{
	const struct dossier_docs *dd = &v->docs;
	size_t n;
	int i;

	if (!dd->recorded) {
		snprintf(buf, size, "%s", _("Documents handed in: not recorded at intake"));
		return;
	}
	n = (size_t)snprintf(buf, size, "%s", _("Documents handed in:"));
	for (i = 0; i < dd->nhanded && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%d", i > 0 ? ", " : " ", dd->handed[i].no);
	if (n < size && dd->nhanded == 0)
		n += (size_t)snprintf(buf + n, size - n, " %s", _("none"));
	else if (n < size)
		n += (size_t)snprintf(buf + n, size - n, _(" of %d"), dd->nhanded + dd->nmissing);
	for (i = 0; i < dd->nmissing && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%d", i > 0 ? ", " : _("; missing: "),
		    dd->missing[i].no);
}

/* Two "label: value" pairs on one row, side by side, or on a terminal narrower than
 * 80 columns one under the other unless both fit whole side by side; returns the
 * rows used. */
static int
two_pairs(struct console *con, int y, int w, const char *l1, const char *v1,
    enum con_style s1, const char *l2, const char *v2, enum con_style s2)
{
	int half = w / 2;

	if (w < 80 && (console_width(con, l1) + 1 + console_width(con, v1) > half - 2 ||
	    console_width(con, l2) + 1 + console_width(con, v2) > w - half - 1)) {
		pair(con, y, 1, w - 2, l1, v1, s1);
		pair(con, y + 1, 1, w - 2, l2, v2, s2);
		return 2;
	}
	pair(con, y, 1, half - 2, l1, v1, s1);
	pair(con, y, half, w - half - 1, l2, v2, s2);
	return 1;
}

/* The dossier's details from row y; returns the next row. */
static int
draw_details(struct screen *s, int y, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	const struct dossier *d = &v->d;
	char buf[1024], phone[128], t1[MC_TIME_BUF], t2[MC_TIME_BUF + 4], due[64];
	char a1[MC_AMOUNT_BUF], a2[MC_AMOUNT_BUF];
	int row = y, half = w / 2, late;

	late = console_due(con, d, mc_now(), 1, due, sizeof due);
	if (late)
		snprintf(buf, sizeof buf, "%s (%s)", dossier_status_name(d->status), due);
	else
		snprintf(buf, sizeof buf, "%s", dossier_status_name(d->status));
	/* The code and the status side by side, or the status under the code. */
	if (console_width(con, d->code) + console_width(con, buf) + 3 > w - 2)
		half = 1;
	console_put_value(con, row, 1, w - 2, STYLE_HEADER, d->code);
	if (half == 1)
		row++;
	console_put_value(con, row, half, w - half - 1, late ? STYLE_OVERDUE : STYLE_HEADER, buf);
	row++;
	snprintf(buf, sizeof buf, "%s %s", d->procedure, console_procedure_name(con, d->procedure));
	pair(con, row++, 1, w - 2, _("Procedure:"), buf, STYLE_NORMAL);
	row += two_pairs(con, row, w, _("Applicant:"), d->name, STYLE_NORMAL,
	    _("ID number:"), d->idno, STYLE_NORMAL);
	snprintf(phone, sizeof phone, "%s%s", d->phone, d->phone[0] != '\0' ?
	    (d->sms ? _(" (SMS: yes)") : _(" (SMS: no)")) : "");
	row += two_pairs(con, row, w, _("Phone:"), phone, STYLE_NORMAL,
	    _("Address:"), d->address, STYLE_NORMAL);
	console_time(d->received_at, t1);
	console_time(d->due_at, t2);
	if (v->verify & CATALOG_VERIFY_TIME)
		snprintf(t2 + strlen(t2), sizeof t2 - strlen(t2), "%s", " ?");
	row += two_pairs(con, row, w, _("Received:"), t1, STYLE_NORMAL,
	    _("Due:"), t2, late ? STYLE_OVERDUE : STYLE_NORMAL);
	snprintf(buf, sizeof buf, _("%s dong, paid %s"), mc_amount(d->fee, a1), mc_amount(d->fee_paid, a2));
	if (v->verify & CATALOG_VERIFY_FEE)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s", " ?");
	row += two_pairs(con, row, w, _("Fee:"), buf, STYLE_NORMAL,
	    _("Held by:"), d->handler, STYLE_NORMAL);
	if (d->finished_at != MC_TIME_NONE || d->returned_at != MC_TIME_NONE) {
		console_time(d->finished_at, t1);
		console_time(d->returned_at, t2);
		row += two_pairs(con, row, w, _("Finished:"), t1, STYLE_NORMAL,
		    _("Returned:"), t2, STYLE_NORMAL);
	}
	snprintf(buf, sizeof buf, _("Received by %s; %d supplement request(s), %d extension(s)%s"),
	    console_person(con, d->officer), d->supplements, d->extensions,
	    d->priority ? _("; priority counter") : "");
	row += console_wrap(con, row, 1, 2, w - 2, STYLE_DIM, buf);
	docs_summary(v, buf, sizeof buf);
	row += console_wrap(con, row, 1, 2, w - 2, v->docs.nmissing > 0 ? STYLE_OVERDUE : STYLE_DIM, buf);
	/* "?" above: a value to verify; say what, and under which catalogue (the version
	 * alone is in 'motcua show', to keep the history's rows; below 80 columns only
	 * what is to verify). */
	if (v->verify != 0) {
		char words[96];
		size_t n = 0;

		catalog_verify_text(v->verify, words, sizeof words);
		if (w >= 80) {
			n = (size_t)snprintf(buf, sizeof buf, _("Catalogue version: %s"),
			    v->catalog[0] != '\0' ? v->catalog : "-");
			if (n < sizeof buf)
				snprintf(buf + n, sizeof buf - n, _("; ? to verify: %s"), words);
		} else
			snprintf(buf, sizeof buf, _("? to verify: %s"), words);
		row += console_wrap(con, row, 1, 2, w - 2, STYLE_ERROR, buf);
	}
	return row;
}

static void
dossier_draw(struct screen *s, int y, int h, int w)
{
	struct view *v = s->data;
	struct console *con = s->con;
	char buf[1024], t1[MC_TIME_BUF];
	int row, i, tw, kw, aw, dw, line, total, newest, under, n;
	size_t cut;

	if (!v->loaded) {
		console_put(con, y + 1, 2, w - 2, STYLE_ERROR, _("This dossier cannot be read."));
		return;
	}
	row = draw_details(s, y, w);
	/* The timeline, after a blank row when that leaves it three rows or more. */
	if (y + h - row - 2 >= 3)
		row++;
	console_fill(con, row, 0, w, STYLE_HEADER);
	snprintf(buf, sizeof buf, _("History (%d events)"), v->nev);
	console_put(con, row++, 1, w - 2, STYLE_HEADER, buf);
	v->rows = y + h - row;
	if (v->rows < 1)
		return;
	/* Time, what, who (the widest name, within a sixth of the line), the details. */
	tw = 16;
	kw = w >= 100 ? 26 : 20;
	for (i = 0, aw = 6; i < v->nev; i++)
		if ((n = console_width(con, console_person(con, v->ev[i].actor))) > aw)
			aw = n;
	if (aw > w / 6)
		aw = w / 6;
	dw = w - 5 - tw - kw - aw;
	/* Narrow (60 columns): the details go under their event, across the line. */
	under = dw < 24;
	if (under) {
		aw = w - 4 - tw - kw;
		dw = w - 4;
	}
	/* Long details wrap under themselves: count the lines, then show a window. */
	for (i = 0, total = 0, newest = 0; i < v->nev; i++) {
		newest = total;
		total += v->ev[i].detail[0] != '\0' ? console_wrap_count(con, v->ev[i].detail, dw) +
		    under : 1;
	}
	/* Shown from the end (on opening, after an action, End): the newest event's first
	 * line stays in view when its details are longer than the window. */
	if (v->first == GRID_END && newest < total - v->rows)
		v->first = newest;
	if (v->first > total - v->rows)
		v->first = total - v->rows;
	if (v->first < 0)
		v->first = 0;
	for (i = 0, line = 0; i < v->nev && line < v->first + v->rows; i++) {
		const char *p = v->ev[i].detail;
		int first_line = 1;

		do {
			/* under: the event's first line holds no detail */
			cut = under && first_line ? 0 : console_wrap_next(con, p, dw);
			if (line >= v->first) {
				if (first_line) {
					console_time(v->ev[i].at, t1);
					console_put(con, row, 1, tw, STYLE_DIM, t1);
					console_put_value(con, row, 2 + tw, kw, STYLE_NORMAL, _(kind_label[v->ev[i].kind]));
					console_put_value(con, row, 3 + tw + kw, aw, STYLE_DIM,
					    console_person(con, v->ev[i].actor));
				}
				snprintf(buf, sizeof buf, "%.*s", (int)cut, p);
				console_put(con, row, under ? 3 : 4 + tw + kw + aw, dw, STYLE_NORMAL, buf);
				row++;
			}
			line++;
			first_line = 0;
			p += cut;
			while (*p == ' ')
				p++;
		} while (*p != '\0' && line < v->first + v->rows);
	}
}

/* ---- actions ---- */

enum slot {
	SLOT_NONE,
	SLOT_TO,
	SLOT_ITEMS,
	SLOT_REASON,
	SLOT_DUE,
	SLOT_COLLECTOR,
	SLOT_AMOUNT,
	SLOT_NOTE,
};

static enum form_result act_submit(struct console *con, void *ctx, const char *const *values);

/* What each action asks: the form, and where each of its fields goes. */
static const struct action {
	struct form_spec form;
	enum slot slot[FORM_MAX_ITEMS];
} actions[EV_COUNT] = {
	[EV_TRANSFERRED] = { .form = { .title = N_("Hand the dossier over"),
	    .items = { { N_("To (agency)"), FIELD_TEXT, 1, 120 }, { N_("Note"), FIELD_TEXT, 0, 500 } },
	    .nitems = 2, .submit = act_submit }, .slot = { SLOT_TO, SLOT_NOTE } },
	[EV_SUPPLEMENT_REQUESTED] = { .form = { .title = N_("Request a supplement"),
	    .prompt = N_("Documents to add: left empty, those intake found missing."),
	    .items = { { N_("Documents to add"), FIELD_TEXT, 0, 500 }, { N_("Reason"), FIELD_TEXT, 1, 500 } },
	    .nitems = 2, .submit = act_submit }, .slot = { SLOT_ITEMS, SLOT_REASON } },
	[EV_SUPPLEMENT_RECEIVED] = { .form = { .title = N_("Supplement received"),
	    .prompt = N_("Record that the citizen brought the supplement?"),
	    .submit = act_submit } },
	[EV_REJECTED] = { .form = { .title = N_("Refuse the dossier"),
	    .items = { { N_("Reason"), FIELD_TEXT, 1, 500 } },
	    .nitems = 1, .submit = act_submit }, .slot = { SLOT_REASON } },
	[EV_EXTENDED] = { .form = { .title = N_("Extend with an apology"),
	    .items = { { N_("New due date (DD/MM/YYYY [HH:MM])"), FIELD_PLAIN, 1, 20 },
		{ N_("Reason for the delay"), FIELD_TEXT, 1, 500 } },
	    .nitems = 2, .submit = act_submit }, .slot = { SLOT_DUE, SLOT_REASON } },
	[EV_RESULT_READY] = { .form = { .title = N_("Result ready"),
	    .prompt = N_("Record that the result is ready for collection?"),
	    .submit = act_submit } },
	[EV_RESULT_RETURNED] = { .form = { .title = N_("Return the result"),
	    .items = { { N_("Collected by"), FIELD_TEXT, 1, 200 } },
	    .nitems = 1, .submit = act_submit }, .slot = { SLOT_COLLECTOR } },
	[EV_FEE_PAID] = { .form = { .title = N_("Fee paid"),
	    .items = { { N_("Amount (dong)"), FIELD_PLAIN, 1, 15 } },
	    .nitems = 1, .submit = act_submit }, .slot = { SLOT_AMOUNT } },
	[EV_STOPPED] = { .form = { .title = N_("Stop processing"),
	    .items = { { N_("Reason"), FIELD_TEXT, 1, 500 } },
	    .nitems = 1, .submit = act_submit }, .slot = { SLOT_REASON } },
	[EV_WITHDRAWN] = { .form = { .title = N_("Withdraw the dossier"),
	    .items = { { N_("Reason"), FIELD_TEXT, 1, 500 } },
	    .nitems = 1, .submit = act_submit }, .slot = { SLOT_REASON } },
	[EV_NOTE] = { .form = { .title = N_("Add a note"),
	    .items = { { N_("Note"), FIELD_TEXT, 1, 1000 } },
	    .nitems = 1, .submit = act_submit }, .slot = { SLOT_NOTE } },
};

/* The form (Mẫu) an action issues, 0 for none. */
static const int act_paper[EV_COUNT] = {
	[EV_TRANSFERRED] = PAPER_CONTROL,
	[EV_SUPPLEMENT_REQUESTED] = PAPER_SUPPLEMENT,
	[EV_REJECTED] = PAPER_REFUSAL,
	[EV_EXTENDED] = PAPER_APOLOGY,
	[EV_STOPPED] = PAPER_STOP,
};

/* Digits with optional thousands separators ("50.000", "50,000", "50 000"). */
static int
parse_amount(const char *s, long *out)
{
	long v = 0;
	int digits = 0;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s)) {
			if (v > 100000000000L)
				return -1;
			v = v * 10 + (*s - '0');
			digits++;
		} else if (*s != '.' && *s != ',' && *s != ' ')
			return -1;
	}
	if (digits == 0 || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static enum form_result
act_submit(struct console *con, void *ctx, const char *const *values)
{
	struct view *v = ctx;
	const struct action *act = &actions[v->pending];
	struct event_args a;
	struct mc_error err;
	int i;

	event_args_init(&a);
	for (i = 0; i < act->form.nitems; i++) {
		switch (act->slot[i]) {
		case SLOT_TO: a.to = values[i]; break;
		case SLOT_ITEMS: a.items = values[i]; break;
		case SLOT_REASON: a.reason = values[i]; break;
		case SLOT_COLLECTOR: a.collector = values[i]; break;
		case SLOT_NOTE: a.note = values[i][0] != '\0' ? values[i] : NULL; break;
		case SLOT_DUE:
			if (mc_time_read(values[i], &a.due) != 0) {
				console_message(con, STYLE_ERROR,
				    _("'%s' is not a date like 25/12/2026 or 25/12/2026 16:00"), values[i]);
				return FORM_STAY;
			}
			break;
		case SLOT_AMOUNT:
			if (parse_amount(values[i], &a.amount) != 0) {
				console_message(con, STYLE_ERROR, _("'%s' is not an amount in dong"), values[i]);
				return FORM_STAY;
			}
			break;
		default:
			break;
		}
	}
	if (dossier_append(con->st, v->code, v->pending, &a, con->actor, &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		/* A refusal will not change by editing the form; anything else might. */
		return err.code == MC_ETRANSITION || err.code == MC_ENOTFOUND ? FORM_CLOSE : FORM_STAY;
	}
	console_message(con, STYLE_INFO, _("Done: %s."), _(kind_label[v->pending]));
	if (act_paper[v->pending] != 0)
		console_issue_form(con, v->code, act_paper[v->pending], &v->preview);
	v->first = GRID_END;	/* show the new event */
	return FORM_CLOSE;
}

int
console_issue_form(struct console *con, const char *code, int form, int *later)
{
	struct paper_issued out;
	struct mc_error err;
	char done[CON_MSG_MAX + 2], path[4096], *printer = store_setting(con->st, "printer");
	const char *fmt;
	int rc, room, number = paper_number(con->st, form);

	snprintf(done, sizeof done, "%s%s", con->msg, con->msg[0] != '\0' ? " " : "");
	if (printer == NULL || *printer == '\0') {	/* shown on screen, printed from there */
		free(printer);
		console_message(con, STYLE_INFO, _("%sNo printer is set: form %02d is shown on the screen"),
		    done, number);
		if (later != NULL) {
			*later = form;
			return MC_OK;
		}
		return console_push(con, &screen_paper_ops, &(struct con_preview){ .codes = { code },
		    .ncodes = 1, .form = form }) == 0 ? MC_OK : MC_EINVAL;
	}
	free(printer);
	rc = paper_issue(con->st, code, form, PAPER_ISSUE_OFFICE, &out, &err);
	if (rc != MC_OK) {	/* the reason first: the copy's place matters less */
		console_message(con, STYLE_ERROR, _("%sForm %02d not printed: %s"), done, number,
		    mc_message(&err));
		return rc;
	}
	/* The path last, as short as the line needs it; what was done before gives way
	 * when even a short path would not fit after it. */
	fmt = _("%sForm %02d printed on %s; copy: %s");
	room = COLS - 2 - console_width(con, done) - (console_width(con, fmt) - 10 + 2) -
	    console_width(con, out.printer);	/* fmt's 10 columns of %s%02d%s%s: 2 digits */
	if (room < 24) {
		room += console_width(con, done);
		done[0] = '\0';
	}
	console_short_path(con, out.path, room, path, sizeof path);
	console_message(con, STYLE_INFO, fmt, done, number, out.printer, path);
	return rc;
}

/* f: issue any form again (a lost receipt, a second copy): its number in the office's
 * set, or its kind. */
static enum form_result
paper_submit(struct console *con, void *ctx, const char *const *values)
{
	struct view *v = ctx;
	char *end, summary[512];
	long n = strtol(values[0], &end, 10);
	int form = end != values[0] && *end == '\0' && n > 0 && n < 100 ?
	    paper_form_of(con->st, (int)n) : paper_kind_parse(values[0]);

	if (form == 0) {
		paper_set_summary(con->st, summary, sizeof summary);
		console_message(con, STYLE_ERROR, _("'%s' is not a form of this office's set: %s"),
		    values[0], summary);
		return FORM_STAY;
	}
	con->msg[0] = '\0';
	console_issue_form(con, v->code, form, &v->preview);
	return FORM_CLOSE;	/* a printer's refusal does not change with another number */
}

static char paper_prompt[512];	/* the office's set, "01 receipt, 02 supplement, ..." */

static const struct form_spec paper_form = {
	.title = N_("Print a form"),
	.prompt = paper_prompt,
	.items = { { N_("Form number"), FIELD_PLAIN, 1, 10 } },
	.nitems = 1, .submit = paper_submit,
};

static void
print_form(struct screen *s, const struct screen_key *k)
{
	struct view *v = s->data;
	const char *initial[FORM_MAX_ITEMS] = { "01" };

	if (v->loaded) {
		paper_set_summary(s->con->st, paper_prompt, sizeof paper_prompt);
		form_open(s->con, &paper_form, v, initial);
	}
}

/* May kind be appended now?  The dossier is read again first (another console may
 * have moved it on); a refusal says why. */
static int
allowed_now(struct screen *s, enum event_kind kind)
{
	struct view *v = s->data;
	char why[512];

	if (!v->loaded)
		return 0;
	dossier_reload(s);
	if (!v->loaded)
		return 0;
	if (!lifecycle_allowed(v->d.status, kind)) {
		console_message(s->con, STYLE_ERROR, "%s",
		    lifecycle_refusal(v->d.status, kind, why, sizeof why));
		return 0;
	}
	return 1;
}

static void
act(struct screen *s, const struct screen_key *k)
{
	struct view *v = s->data;
	enum event_kind kind = (enum event_kind)k->arg;
	const char *initial[FORM_MAX_ITEMS] = { NULL };
	char buf[64];
	int y, m, d;

	if (!allowed_now(s, kind))
		return;
	switch (kind) {
	case EV_RESULT_RETURNED:
		initial[0] = v->d.name;
		break;
	case EV_FEE_PAID:
		if (v->d.fee > v->d.fee_paid)
			initial[0] = mc_amount(v->d.fee - v->d.fee_paid, buf);
		break;
	case EV_EXTENDED:
		mc_civil_from_day(calendar_next_working_day(&s->con->cal, mc_day_of(v->d.due_at)),
		    &y, &m, &d);
		snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
		initial[0] = buf;
		break;
	default:
		break;
	}
	v->pending = kind;
	form_open(s->con, &actions[kind].form, v, initial);
}

/* ---- correcting the applicant's details ---- */

#define EDIT_FIELDS 5

static const char *const edit_keys[EDIT_FIELDS] = { "name", "idno", "phone", "address", "email" };

/* The details as the row has them, in the order of the form. */
static void
edit_was(const struct dossier *d, const char *was[EDIT_FIELDS])
{
	was[0] = d->name;
	was[1] = d->idno;
	was[2] = d->phone;
	was[3] = d->address;
	was[4] = d->email;
}

static enum form_result edit_submit(struct console *con, void *ctx, const char *const *values);

static const struct form_spec edit_form = {
	.title = N_("Correct the applicant's details"),
	.prompt = N_("Change what is wrong; the rest stays as it is."),
	.items = { { N_("Name"), FIELD_TEXT, 1, 255, NULL },
		   { N_("ID number"), FIELD_PLAIN, 0, 31, FIELD_DIGITS },
		   { N_("Phone"), FIELD_PLAIN, 0, 31, FIELD_PHONE },
		   { N_("Address"), FIELD_TEXT, 0, 500, NULL },
		   { N_("E-mail"), FIELD_PLAIN, 0, 120, NULL } },
	.nitems = EDIT_FIELDS, .submit = edit_submit,
};

/* Is the typed value the one the row has?  Phones compare as normalised. */
static int
same(int i, const char *typed, const char *was)
{
	char phone[PHONE_MAX];

	if (i == 2 && phone_normalise(typed, phone, NULL) == MC_OK)
		return strcmp(phone, was) == 0;
	return strcmp(typed, was) == 0;
}

/* The "edited" event with what changed, through dossier_append() as `motcua event
 * CODE edited` does it: common/ checks the ID number, the phone and the rest. */
static enum form_result
edit_submit(struct console *con, void *ctx, const char *const *values)
{
	struct view *v = ctx;
	const char *was[EDIT_FIELDS];
	struct event_args a;
	struct mc_error err;
	json_t *fields;
	int i, rc;

	edit_was(&v->d, was);
	for (i = 0; i < EDIT_FIELDS; i++)
		if (was[i][0] != '\0' && strspn(values[i], " ") == strlen(values[i])) {
			console_message(con, STYLE_ERROR, _("%s: a detail can be corrected here, not removed."),
			    _(edit_form.items[i].label));
			return FORM_STAY;
		}
	if ((fields = json_object()) == NULL) {
		console_message(con, STYLE_ERROR, "%s", mc_strerror(MC_ENOMEM));
		return FORM_STAY;
	}
	for (i = 0; i < EDIT_FIELDS; i++)
		if (!same(i, values[i], was[i]))
			json_object_set_new(fields, edit_keys[i], json_string(values[i]));
	if (json_object_size(fields) == 0) {
		json_decref(fields);
		console_message(con, STYLE_INFO, "%s", _("Nothing was changed."));
		return FORM_CLOSE;
	}
	event_args_init(&a);
	a.fields = fields;
	rc = dossier_append(con->st, v->code, EV_EDITED, &a, con->actor, &err);
	json_decref(fields);
	if (rc != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return err.code == MC_ETRANSITION || err.code == MC_ENOTFOUND ? FORM_CLOSE : FORM_STAY;
	}
	console_message(con, STYLE_INFO, _("Done: %s."), _(kind_label[EV_EDITED]));
	v->first = GRID_END;	/* show the new event */
	return FORM_CLOSE;
}

static void
edit_applicant(struct screen *s, const struct screen_key *k)
{
	struct view *v = s->data;
	const char *was[EDIT_FIELDS];

	if (!allowed_now(s, EV_EDITED))
		return;
	edit_was(&v->d, was);
	form_open(s->con, &edit_form, v, was);
}

static int
dossier_key(struct screen *s, int key)
{
	struct view *v = s->data;
	int page = v->rows > 1 ? v->rows - 1 : 1;

	return grid_text_key(key, &v->first, page);
}

static const struct screen_key dossier_keys[] = {
	{ .key = 'h', .keyname = "h", .help = N_("hand over to another agency"), .run = act, .arg = EV_TRANSFERRED },
	{ .key = 's', .keyname = "s", .help = N_("request a supplement"), .run = act, .arg = EV_SUPPLEMENT_REQUESTED },
	{ .key = 'b', .keyname = "b", .help = N_("supplement received"), .run = act, .arg = EV_SUPPLEMENT_RECEIVED },
	{ .key = 'x', .keyname = "x", .help = N_("refuse"), .run = act, .arg = EV_REJECTED },
	{ .key = 'e', .keyname = "e", .help = N_("extend with an apology"), .run = act, .arg = EV_EXTENDED },
	{ .key = 'k', .keyname = "k", .help = N_("result ready"), .run = act, .arg = EV_RESULT_READY },
	{ .key = 'r', .keyname = "r", .help = N_("return the result"), .run = act, .arg = EV_RESULT_RETURNED },
	{ .key = 'p', .keyname = "p", .help = N_("fee paid"), .run = act, .arg = EV_FEE_PAID },
	{ .key = 'w', .keyname = "w", .help = N_("withdraw"), .run = act, .arg = EV_WITHDRAWN },
	{ .key = 't', .keyname = "t", .help = N_("stop processing (with its notice)"), .run = act, .arg = EV_STOPPED },
	{ .key = 'g', .keyname = "g", .help = N_("add a note"), .run = act, .arg = EV_NOTE },
	{ .key = 'a', .keyname = "a", .help = N_("correct the applicant's details (name, ID, phone, address, e-mail)"), .run = edit_applicant },
	{ .key = 'f', .keyname = "f", .help = N_("print a form (receipt, supplement, refusal, apology, control slip, stop notice)"), .run = print_form },
	{ .key = CK(KEY_UP), .keyname = "Up, Down, PgUp, PgDn", .help = N_("scroll the history") },
	{ .key = 0 },
};

const struct screen_ops screen_dossier_ops = {
	.name = "dossier",
	.title = N_("Dossier"),
	.open = dossier_open,
	.draw = dossier_draw,
	.key = dossier_key,
	.reload = dossier_reload,
	.close = dossier_close,
	.help = dossier_keys,
};
