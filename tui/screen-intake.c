/* screen-intake.c -- receive a new dossier at the counter.
 *
 * The procedure is picked by typing words of its name or field, with or without
 * accents ("khai sinh", "kết hôn", "ho tich"), its code or the last digits of it
 * ("1193"), the matches listed as you type, the office's most used first
 * (catalog_find); one whose time or fee is still to verify is marked "?", and so is
 * a due date computed from such a time.  Then the applicant's name and address
 * (Telex/VNI on), ID number (digits only, checked by idno_validate once the cursor
 * has left it), phone (normalised, checked likewise: a wrong value keeps its message
 * until it is corrected, and Tab still moves on), consent to SMS, the priority
 * counter, and the checklist of required documents from the catalogue: the official
 * ticks each document handed in and says in what form (original, copy, certified
 * copy), which the received event records and the receipt lists.
 * The due date (calendar_due on the office's calendar) is shown before saving.  On
 * save (F10 or Ctrl-S, or Enter on the Save button) dossier_intake() files it and the code is
 * shown large, the way the citizen will be asked to quote it.
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "code.h"
#include "console.h"
#include "dossier.h"
#include "field.h"
#include "i18n.h"
#include "notice.h"
#include "paper.h"
#include "phone.h"
#include "store.h"

#define MAX_MATCHES 64
#define MAX_CODES 8		/* dossiers one linked intake may make */

enum item {
	IT_PROC,
	IT_NAME,
	IT_IDNO,
	IT_PHONE,
	IT_ADDRESS,
	IT_SMS,
	IT_PRIORITY,
	IT_LINKED,
	IT_DOC,
	IT_SAVE,
};

struct match {
	char code[48];
	char *name;		/* owned */
	int verify;		/* CATALOG_VERIFY_* of the procedure */
};

/* A procedure of the picked one's linked group, shown before a linked intake. */
struct member {
	char code[48];
	char *name;		/* owned */
	int time_value, cutoff;
	enum time_unit unit;
};

struct intake_view {
	struct field proc, name, idno, phone, address;
	int sms, priority, linked;

	struct procedure p;	/* the picked procedure (catalog_get), docs loaded */
	int picked;
	char picked_text[FIELD_MAX];	/* what the box said when it was picked */
	int *ticked;		/* per document: 0 not handed in, else 1 + its enum doc_form */
	struct member group[MAX_CODES];	/* its linked group, lead first */
	int ngroup;

	struct match matches[MAX_MATCHES];
	int nmatch, msel, mfirst;
	char match_query[FIELD_MAX];
	int match_stale;

	enum item focus;
	int focus_doc;
	int doc_first;		/* first document shown */
	int confirm_missing;	/* save asked once with documents not ticked */
	int discard_armed;	/* Esc pressed once with something typed */
	int checked_idno, checked_phone;	/* left once: their problems show */

	int done;		/* saved: show the code */
	char codes[MAX_CODES][CODE_MAX];
	int ncodes;
	mc_minute due;
	char saved_name[256];
	char receipt[CON_MSG_MAX];	/* what became of the receipts (Mẫu 01) */
	enum con_style receipt_style;
	char sms_line[256];		/* what became of the "received" SMS */
};

static void
free_matches(struct intake_view *iv)
{
	int i;

	for (i = 0; i < iv->nmatch; i++)
		free(iv->matches[i].name);
	iv->nmatch = 0;
}

static void
unpick(struct intake_view *iv)
{
	if (iv->picked)
		procedure_free(&iv->p);
	while (iv->ngroup > 0)
		free(iv->group[--iv->ngroup].name);
	free(iv->ticked);
	iv->ticked = NULL;
	iv->picked = 0;
	iv->linked = 0;
}

static void
reset(struct intake_view *iv)
{
	free_matches(iv);
	unpick(iv);
	field_init(&iv->proc, FIELD_TEXT, 200);	/* folded search: Telex harmless */
	field_init(&iv->name, FIELD_TEXT, 255);
	field_init(&iv->idno, FIELD_PLAIN, 31);
	field_accept(&iv->idno, FIELD_DIGITS);
	field_init(&iv->phone, FIELD_PLAIN, 31);
	field_accept(&iv->phone, FIELD_PHONE);
	field_init(&iv->address, FIELD_TEXT, 500);
	iv->sms = iv->priority = iv->linked = 0;
	iv->focus = IT_PROC;
	iv->focus_doc = iv->doc_first = 0;
	iv->msel = iv->mfirst = 0;
	iv->match_stale = 1;
	iv->confirm_missing = iv->discard_armed = 0;
	iv->checked_idno = iv->checked_phone = 0;
	iv->done = 0;
	iv->ncodes = 0;
}

static int
intake_open(struct screen *s, void *arg)
{
	struct intake_view *iv = xcalloc(1, sizeof *iv);

	s->data = iv;
	reset(iv);
	return 0;
}

static void
intake_close(struct screen *s)
{
	struct intake_view *iv = s->data;

	free_matches(iv);
	unpick(iv);
	free(iv);
}

/* ---- the procedure picker ---- */

static int
add_match(const struct procedure *p, int uses, void *ctx)
{
	struct intake_view *iv = ctx;
	struct match *m;

	if (iv->nmatch == MAX_MATCHES)
		return 1;
	m = &iv->matches[iv->nmatch++];
	snprintf(m->code, sizeof m->code, "%s", p->code);
	m->name = xstrdup(p->name != NULL ? p->name : "");
	m->verify = p->verify;
	return 0;
}

static void
find_matches(struct screen *s)
{
	struct intake_view *iv = s->data;
	struct mc_error err;

	free_matches(iv);
	iv->msel = iv->mfirst = 0;
	iv->match_stale = 0;
	snprintf(iv->match_query, sizeof iv->match_query, "%s", field_text(&iv->proc));
	if (catalog_find(s->con->st, iv->match_query, MAX_MATCHES, add_match, iv, &err) != MC_OK)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
}

/* The matches of what the box holds now: the drawing shows them, and keys typed ahead
 * of it (Down, Enter...) move through them, not through the ones shown before. */
static void
matches_ready(struct screen *s)
{
	struct intake_view *iv = s->data;

	if (iv->match_stale || strcmp(iv->match_query, field_text(&iv->proc)) != 0)
		find_matches(s);
}

static int
add_member(const struct procedure *p, void *ctx)
{
	struct intake_view *iv = ctx;
	struct member *m;

	if (iv->ngroup == MAX_CODES)
		return 1;
	m = &iv->group[iv->ngroup++];
	snprintf(m->code, sizeof m->code, "%s", p->code);
	m->name = xstrdup(p->name != NULL ? p->name : "");
	m->time_value = p->time_value;
	m->unit = p->unit;
	m->cutoff = p->cutoff;
	return 0;
}

static void
pick(struct screen *s, const char *code)
{
	struct intake_view *iv = s->data;
	struct mc_error err;

	unpick(iv);
	if (catalog_get(s->con->st, code, &iv->p, &err) != MC_OK) {
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
		return;
	}
	if (iv->p.group != NULL && *iv->p.group != '\0' &&
	    catalog_group(s->con->st, iv->p.group, add_member, iv, &err) != MC_OK)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
	iv->picked = 1;
	iv->ticked = xcalloc((size_t)(iv->p.ndocs > 0 ? iv->p.ndocs : 1), sizeof *iv->ticked);
	snprintf(iv->picked_text, sizeof iv->picked_text, "%s %s", iv->p.code, iv->p.name);
	field_set(&iv->proc, iv->picked_text);
	iv->proc.cur = 0;
	iv->focus = IT_NAME;
}

/* The processing time in words. */
static void
time_words(const struct procedure *p, char *buf, size_t n)
{
	switch (p->unit) {
	case TU_SAME_DAY:
		snprintf(buf, n, "%s", _("same day"));
		break;
	case TU_WORKING_DAYS:
		snprintf(buf, n, _("%d working day(s)"), p->time_value);
		break;
	case TU_DAYS:
		snprintf(buf, n, _("%d day(s)"), p->time_value);
		break;
	case TU_HOURS:
		snprintf(buf, n, _("%d working hour(s)"), p->time_value);
		break;
	default:
		buf[0] = '\0';
	}
}

static mc_minute
due_now(struct console *con, const struct intake_view *iv)
{
	return calendar_due(&con->cal, mc_now(), iv->p.time_value, iv->p.unit, iv->p.cutoff);
}

/* The form a document is in, in the console's language. */
static const char *
form_words(int form)
{
	switch (form) {
	case DOC_FORM_ORIGINAL: return _("original");
	case DOC_FORM_COPY: return _("copy");
	case DOC_FORM_CERTIFIED: return _("certified copy");
	default: return "";
	}
}

/* Tick or untick document i; ticked, it comes in the form its item asks for (a copy
 * when the catalogue allows either: the official changes it with Left and Right). */
static void
tick(struct intake_view *iv, int i)
{
	int f = doc_form_default(&iv->p.docs[i]);

	iv->ticked[i] = iv->ticked[i] != 0 ? 0 : 1 + (f >= 0 ? f : DOC_FORM_COPY);
}

/* " (to verify)" after a value the catalogue has not confirmed, else "". */
static const char *
doubt(const struct procedure *p, int flag)
{
	return (p->verify & flag) ? _(" (to verify)") : "";
}

/* ---- focus ---- */

/* The items in focus order: out[] gets (item, doc) pairs; returns how many. */
static int
order(const struct intake_view *iv, enum item *items, int *docs, int max)
{
	static const enum item fixed[] = { IT_PROC, IT_NAME, IT_IDNO, IT_PHONE, IT_ADDRESS,
	    IT_SMS, IT_PRIORITY };
	int n = 0, i;

	for (i = 0; i < (int)(sizeof fixed / sizeof fixed[0]) && n < max; i++) {
		items[n] = fixed[i];
		docs[n++] = 0;
	}
	if (iv->picked && iv->p.group != NULL && n < max) {
		items[n] = IT_LINKED;
		docs[n++] = 0;
	}
	for (i = 0; iv->picked && i < iv->p.ndocs && n < max; i++) {
		items[n] = IT_DOC;
		docs[n++] = i;
	}
	if (n < max) {
		items[n] = IT_SAVE;
		docs[n++] = 0;
	}
	return n;
}

/* What is wrong with the ID number or the phone once its field was left (into
 * buf), or NULL; *which gets the item. */
static const char *
problem(const struct intake_view *iv, char *buf, size_t n, enum item *which)
{
	struct mc_error err;
	char phone[32];

	if (iv->checked_idno && !field_empty(&iv->idno) &&
	    idno_validate(field_text(&iv->idno), NULL, &err) != MC_OK) {
		snprintf(buf, n, "%s %s", _("ID number:"), mc_message(&err));
		*which = IT_IDNO;
		return buf;
	}
	if (iv->checked_phone && !field_empty(&iv->phone) &&
	    phone_normalise(field_text(&iv->phone), phone, &err) != MC_OK) {
		snprintf(buf, n, "%s %s", _("Phone:"), mc_message(&err));
		*which = IT_PHONE;
		return buf;
	}
	return NULL;
}

/* Leaving a field: from now on its problem shows until it is corrected; a good phone
 * is written the normal way. */
static void
leave(struct intake_view *iv)
{
	char phone[32];

	switch (iv->focus) {
	case IT_IDNO:
		iv->checked_idno = 1;
		break;
	case IT_PHONE:
		iv->checked_phone = 1;
		if (!field_empty(&iv->phone) && phone_normalise(field_text(&iv->phone), phone, NULL) == MC_OK)
			field_set(&iv->phone, phone);
		break;
	default:
		break;
	}
}

static void
move_focus(struct screen *s, int delta)
{
	struct intake_view *iv = s->data;
	enum item items[64];
	int docs[64], n, i, cur = 0;

	leave(iv);
	n = order(iv, items, docs, 64);
	for (i = 0; i < n; i++)
		if (items[i] == iv->focus && (iv->focus != IT_DOC || docs[i] == iv->focus_doc))
			cur = i;
	cur = (cur + delta + n) % n;
	iv->focus = items[cur];
	iv->focus_doc = docs[cur];
	if (iv->focus == IT_PROC && !iv->picked)
		iv->match_stale = 1;
}

static struct field *
focused_field(struct intake_view *iv)
{
	switch (iv->focus) {
	case IT_PROC: return &iv->proc;
	case IT_NAME: return &iv->name;
	case IT_IDNO: return &iv->idno;
	case IT_PHONE: return &iv->phone;
	case IT_ADDRESS: return &iv->address;
	default: return NULL;
	}
}

/* ---- saving ---- */

/* The receipts and the SMS, once the dossiers are in the store (they are received
 * whatever the printer or the modem does). */
static void after_sms(struct screen *s);

static void
after_save(struct screen *s)
{
	struct intake_view *iv = s->data;
	struct console *con = s->con;
	struct paper_issued out;
	struct mc_error err;
	char *printer = store_setting(con->st, "printer"), path[4096];
	struct con_preview pv = { .form = PAPER_RECEIPT };
	int i, rc = MC_OK;

	if (printer == NULL || *printer == '\0') {	/* shown on screen, printed from there */
		free(printer);
		for (i = 0; i < iv->ncodes && i < CON_PREVIEW_MAX; i++)
			pv.codes[pv.ncodes++] = iv->codes[i];
		iv->receipt_style = STYLE_INFO;
		snprintf(iv->receipt, sizeof iv->receipt, "%s",
		    _("No printer is set (Administration): the receipt is shown on the screen."));
		after_sms(s);
		console_push(con, &screen_paper_ops, &pv);
		return;
	}
	free(printer);
	for (i = 0; i < iv->ncodes && rc == MC_OK; i++)
		rc = paper_issue(con->st, iv->codes[i], PAPER_RECEIPT, PAPER_ISSUE_OFFICE, &out, &err);
	iv->receipt_style = rc == MC_OK ? STYLE_INFO : STYLE_ERROR;
	if (rc != MC_OK)
		snprintf(iv->receipt, sizeof iv->receipt, _("Receipt not printed: %s"), mc_message(&err));
	else {	/* drawn in COLS - 8 columns: the path as short as that needs */
		const char *fmt = _("Receipt printed on %s; a copy is in %s");

		console_short_path(con, out.path, COLS - 8 - (console_width(con, fmt) - 4) -
		    console_width(con, out.printer), path, sizeof path);
		snprintf(iv->receipt, sizeof iv->receipt, fmt, out.printer, path);
	}
	after_sms(s);
}

/* What became of the "received" SMS, and the message line. */
static void
after_sms(struct screen *s)
{
	struct intake_view *iv = s->data;
	struct console *con = s->con;
	struct notice_last nl;
	struct mc_error err;

	if (notice_last(con->st, iv->codes[0], &nl, &err) != MC_OK)
		snprintf(iv->sms_line, sizeof iv->sms_line, "%s", !iv->sms ?
		    _("No SMS: the citizen did not ask for SMS notices.") :
		    _("No SMS: this number opted out of notices."));
	else if (strcmp(nl.status, "failed") == 0)
		snprintf(iv->sms_line, sizeof iv->sms_line,
		    _("SMS \"received\" to %s could not be queued: %s"), nl.number, nl.error);
	else
		snprintf(iv->sms_line, sizeof iv->sms_line,
		    _("SMS \"received\" queued to %s (%d part(s))."), nl.number, nl.parts);
	console_message(con, STYLE_INFO, _("Dossier received: %s"), iv->codes[0]);
}

static void
save(struct screen *s)
{
	struct intake_view *iv = s->data;
	struct console *con = s->con;
	struct intake in = { .received = MC_TIME_NONE };
	struct handed_doc *handed;
	struct mc_error err;
	struct dossier d;
	char why[512];
	int i, rc, missing = 0;

	if (!iv->picked) {
		iv->focus = IT_PROC;
		console_message(con, STYLE_ERROR, _("Pick the procedure first."));
		return;
	}
	if (field_empty(&iv->name)) {
		iv->focus = IT_NAME;
		console_message(con, STYLE_ERROR, _("The applicant's name is required."));
		return;
	}
	iv->focus = IT_IDNO;
	leave(iv);
	iv->focus = IT_PHONE;
	leave(iv);
	if (problem(iv, why, sizeof why, &iv->focus) != NULL) {
		console_message(con, STYLE_ERROR, "%s", why);
		return;
	}
	if (iv->sms && field_empty(&iv->phone)) {
		console_message(con, STYLE_ERROR, _("SMS notices need a phone number."));
		return;
	}
	iv->focus = IT_SAVE;
	for (i = 0; i < iv->p.ndocs; i++)
		missing += !iv->ticked[i];
	if (missing > 0 && !iv->confirm_missing) {
		iv->confirm_missing = 1;
		console_message(con, STYLE_ERROR,
		    _("%d required document(s) not ticked: F10 or Save again to receive it anyway."), missing);
		return;
	}
	in.procedure = iv->p.code;
	in.name = field_text(&iv->name);
	in.idno = field_empty(&iv->idno) ? NULL : field_text(&iv->idno);
	in.phone = field_empty(&iv->phone) ? NULL : field_text(&iv->phone);
	in.address = field_empty(&iv->address) ? NULL : field_text(&iv->address);
	in.sms = iv->sms;
	in.priority = iv->priority;
	in.linked = iv->linked;
	handed = xcalloc((size_t)iv->p.ndocs + 1, sizeof *handed);
	for (i = 0; i < iv->p.ndocs; i++)
		if (iv->ticked[i] != 0) {
			handed[in.ndocs].no = i + 1;
			handed[in.ndocs++].form = (enum doc_form)(iv->ticked[i] - 1);
		}
	in.docs = handed;
	in.docs_recorded = 1;
	rc = dossier_intake(con->st, &in, con->actor, iv->codes, MAX_CODES, &iv->ncodes, &err);
	free(handed);
	if (rc != MC_OK) {
		iv->confirm_missing = 0;
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return;
	}
	iv->done = 1;
	iv->due = dossier_get(con->st, iv->codes[0], &d, NULL) == MC_OK ? d.due_at : due_now(con, iv);
	snprintf(iv->saved_name, sizeof iv->saved_name, "%s", field_text(&iv->name));
	after_save(s);
}

/* ---- drawing ---- */

/* 3x5 digits for the code shown large. */
static const char *const big_font[12][5] = {
	{ "###", "# #", "# #", "# #", "###" },	/* 0 */
	{ " # ", "## ", " # ", " # ", "###" },
	{ "###", "  #", "###", "#  ", "###" },
	{ "###", "  #", "###", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" },
	{ "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" },
	{ "###", "  #", "  #", "  #", "  #" },
	{ "###", "# #", "###", "# #", "###" },
	{ "###", "# #", "###", "  #", "###" },	/* 9 */
	{ "   ", "   ", "###", "   ", "   " },	/* - */
	{ "   ", "   ", "   ", "   ", "   " },
};

/* Draw text (digits and '-') large at (y, x); returns the width, 0 if it does not fit. */
static int
draw_big(struct console *con, int y, int x, int w, const char *text)
{
	const char *block = con->utf8 ? "\u2588" : "#";
	int n = (int)strlen(text), i, r, c, g;

	if (n * 4 > w)
		return 0;
	for (i = 0; i < n; i++) {
		g = text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : text[i] == '-' ? 10 : 11;
		for (r = 0; r < 5; r++)
			for (c = 0; c < 3; c++)
				if (big_font[g][r][c] == '#')
					console_put(con, y + r, x + i * 4 + c, 1, STYLE_HEADER, block);
	}
	return n * 4;
}

static void
draw_done(struct screen *s, int y, int h, int w)
{
	struct intake_view *iv = s->data;
	struct console *con = s->con;
	const char *hint = _("Enter: open the dossier   n, F2: receive another   q: back");
	char buf[512], due[MC_TIME_BUF];
	const char *shortc;
	int row = y + 1, i, hl, need;

	/* What must show, from the bottom: the keys, the receipt's and the SMS's fate;
	 * the large digits only where they leave room for them. */
	hl = console_wrap_count(con, hint, w - 8);
	need = 2 + iv->ncodes + 3 + console_wrap_count(con, iv->receipt, w - 8) +
	    console_wrap_count(con, iv->sms_line, w - 8) + 1 + hl;
	console_put(con, row, 2, w - 4, STYLE_INFO, _("The dossier is received. Its code:"));
	row += 2;
	/* The part a citizen types: YYMMDD-NNNN (code_parse takes it with the office's). */
	shortc = strlen(iv->codes[0]) > 11 ? iv->codes[0] + strlen(iv->codes[0]) - 11 : iv->codes[0];
	if (need + 6 <= h && draw_big(con, row, 4, w - 8, shortc) > 0)
		row += 6;
	console_put(con, row++, 4, w - 8, STYLE_BIG, iv->codes[0]);
	for (i = 1; i < iv->ncodes; i++)
		console_put(con, row++, 4, w - 8, STYLE_HEADER, iv->codes[i]);
	row++;
	snprintf(buf, sizeof buf, "%s %s", _("Applicant:"), iv->saved_name);
	console_put_value(con, row++, 4, w - 8, STYLE_NORMAL, buf);
	console_time(iv->due, due);
	snprintf(buf, sizeof buf, "%s %s%s", _("Due:"), due, doubt(&iv->p, CATALOG_VERIFY_TIME));
	console_put(con, row++, 4, w - 8, STYLE_HEADER, buf);
	if (row < y + h - hl - 1)
		row += console_wrap(con, row, 4, y + h - hl - 1 - row, w - 8, iv->receipt_style, iv->receipt);
	if (row < y + h - hl - 1)
		row += console_wrap(con, row, 4, y + h - hl - 1 - row, w - 8, STYLE_NORMAL, iv->sms_line);
	console_wrap(con, y + h - hl, 4, hl, w - 8, STYLE_DIM, hint);
}

static void
check_line(struct console *con, int y, int x, int w, int on, const char *label, int focused)
{
	enum con_style st = focused ? STYLE_FOCUS : STYLE_NORMAL;

	if (w < 5)
		return;
	console_put(con, y, x, 4, st, on ? "[x] " : "[ ] ");
	console_put(con, y, x + 4, w - 4, st, label);
}

/* Picking the procedure: the matches fill the screen under the box at column x. */
static void
draw_matches(struct screen *s, int y, int h, int x, int fw)
{
	struct intake_view *iv = s->data;
	struct console *con = s->con;
	char buf[512];
	const char *hint;
	int i, n, row, rows = h - 4;

	matches_ready(s);
	if (iv->msel < iv->mfirst)
		iv->mfirst = iv->msel;
	if (iv->msel >= iv->mfirst + rows)
		iv->mfirst = iv->msel - rows + 1;
	for (i = iv->mfirst, row = y + 2; i < iv->nmatch && row < y + 2 + rows; i++, row++) {
		snprintf(buf, sizeof buf, "%c%-10s %s", iv->matches[i].verify &
		    (CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE) ? '?' : ' ', iv->matches[i].code,
		    iv->matches[i].name);
		console_putpad(con, row, x, fw, i == iv->msel ? STYLE_SELECTED : STYLE_NORMAL, buf);
	}
	hint = iv->nmatch > 0 ? _("Name, field or last digits of the code; Enter picks; ? = to verify") :
	    _("No procedure matches: type less, or other words.");
	n = console_wrap_count(con, hint, fw);
	console_wrap(con, y + h - n, x, n, fw, STYLE_DIM, hint);
}

static void
intake_draw(struct screen *s, int y, int h, int w)
{
	struct intake_view *iv = s->data;
	struct console *con = s->con;
	const char *labels[] = { _("Procedure:"), _("Name:"), _("ID number:"), _("Phone:"), _("Address:") };
	char buf[512], t[64], due[MC_TIME_BUF], amount[MC_AMOUNT_BUF];
	const char *label;
	int lw = 0, i, n, row, x, fw, half, rows, last;
	enum item f = iv->focus, which;

	if (iv->done) {
		draw_done(s, y, h, w);
		return;
	}
	for (i = 0; i < 5; i++)
		if ((n = console_width(con, labels[i])) > lw)
			lw = n;
	x = lw + 2;
	fw = w - x - 1;
	/* Leaving the picked text unpicks it. */
	if (iv->picked && strcmp(field_text(&iv->proc), iv->picked_text) != 0) {
		unpick(iv);
		iv->match_stale = 1;
	}
	console_put(con, y, 1, lw, STYLE_LABEL, labels[0]);
	field_draw(&iv->proc, con, y, x, fw, f == IT_PROC);
	if (f == IT_PROC && !iv->picked) {
		draw_matches(s, y, h, x, fw);
		return;
	}
	if (iv->picked) {
		time_words(&iv->p, t, sizeof t);
		snprintf(t + strlen(t), sizeof t - strlen(t), "%s", doubt(&iv->p, CATALOG_VERIFY_TIME));
		snprintf(buf, sizeof buf, _("%s; fee %s dong%s%s%s"), t, mc_amount(iv->p.fee, amount),
		    doubt(&iv->p, CATALOG_VERIFY_FEE),
		    iv->p.fee_rule != NULL && *iv->p.fee_rule != '\0' ? " - " : "",
		    iv->p.fee_rule != NULL ? iv->p.fee_rule : "");
		console_put_value(con, y + 1, x, fw, STYLE_DIM, buf);
	}
	console_put(con, y + 2, 1, lw, STYLE_LABEL, labels[1]);
	field_draw(&iv->name, con, y + 2, x, fw, f == IT_NAME);
	half = fw / 2;
	console_put(con, y + 3, 1, lw, STYLE_LABEL, labels[2]);
	field_draw(&iv->idno, con, y + 3, x, half - 1, f == IT_IDNO);
	n = console_put(con, y + 3, x + half + 1, fw - half - 1, STYLE_LABEL, labels[3]);
	field_draw(&iv->phone, con, y + 3, x + half + 2 + n, fw - half - 2 - n, f == IT_PHONE);
	console_put(con, y + 4, 1, lw, STYLE_LABEL, labels[4]);
	field_draw(&iv->address, con, y + 4, x, fw, f == IT_ADDRESS);
	check_line(con, y + 5, x, fw / 2, iv->sms, _("SMS notices"), f == IT_SMS);
	/* The labels' longer forms when they fit whole, else the short ones (60x20). */
	label = _("Priority (elderly, pregnant, disabled)");
	if (console_width(con, label) > fw - fw / 2 - 4)
		label = _("Priority");
	check_line(con, y + 5, x + fw / 2, fw - fw / 2, iv->priority, label, f == IT_PRIORITY);
	row = y + 6;
	if (iv->picked && iv->p.group != NULL) {
		snprintf(buf, sizeof buf, _("Linked procedures: file the whole group (%s)"), iv->p.group);
		if (console_width(con, buf) > fw - 4)
			snprintf(buf, sizeof buf, "%s", _("Linked procedures: file the whole group"));
		check_line(con, row++, x, fw, iv->linked, buf, f == IT_LINKED);
		for (i = 0; iv->linked && i < iv->ngroup; i++) {
			const struct member *m = &iv->group[i];

			console_time(calendar_due(&con->cal, mc_now(), m->time_value, m->unit,
			    m->cutoff), due);
			snprintf(buf, sizeof buf, _("%d. due %s: %s %s"), i + 1, due, m->code, m->name);
			console_put_value(con, row++, x + 4, fw - 4, STYLE_DIM, buf);
		}
	}
	/* The documents. */
	last = y + h - 3;
	if (iv->picked) {
		snprintf(buf, sizeof buf, _("Documents handed in (Space; Left, Right: the form): %d"),
		    iv->p.ndocs);
		console_put(con, row++, 1, w - 2, STYLE_HEADER, buf);
		rows = last - row;
		if (f == IT_DOC) {
			if (iv->focus_doc < iv->doc_first)
				iv->doc_first = iv->focus_doc;
			if (rows > 0 && iv->focus_doc >= iv->doc_first + rows)
				iv->doc_first = iv->focus_doc - rows + 1;
		}
		for (i = iv->doc_first; i < iv->p.ndocs && row < last; i++, row++) {
			const struct document *d = &iv->p.docs[i];

			/* Ticked: the form it came in; not: the form the checklist asks for. */
			if (iv->ticked[i] != 0)
				snprintf(buf, sizeof buf, "%s: %s", form_words(iv->ticked[i] - 1), d->name);
			else
				snprintf(buf, sizeof buf, "%s (%s)", d->name,
				    d->kind == DOC_ORIGINAL ? _("original") : d->kind == DOC_COPY ?
				    _("copy") : _("original or copy"));
			if (d->sets > 1)
				snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " x%d", d->sets);
			check_line(con, row, 3, w - 4, iv->ticked[i] != 0, buf,
			    f == IT_DOC && iv->focus_doc == i);
		}
		if (row + 1 < last)	/* on a tall terminal, right under the list */
			last = row + 1;
		console_time(due_now(con, iv), due);
		snprintf(buf, sizeof buf, _("Due if received now: %s%s"), due,
		    doubt(&iv->p, CATALOG_VERIFY_TIME));
		console_put(con, last, 1, w - 2, STYLE_HEADER, buf);
	} else {
		console_put(con, row, 1, w - 2, STYLE_DIM, _("Pick the procedure to see its documents and due date."));
		last = row + 2;
	}
	console_put(con, last + 1, 1, w - 2, f == IT_SAVE ? STYLE_FOCUS : STYLE_NORMAL, _("[ Save: F10, Ctrl-S ]"));
	if (problem(iv, buf, sizeof buf, &which) != NULL && con->msg[0] == '\0')
		console_message(con, STYLE_ERROR, "%s", buf);	/* until it is corrected */
}

/* ---- keys ---- */

static int
done_key(struct screen *s, int key)
{
	struct intake_view *iv = s->data;
	char code[CODE_MAX];

	switch (key) {
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		snprintf(code, sizeof code, "%s", iv->codes[0]);
		console_replace(s->con, &screen_dossier_ops, code);	/* frees iv */
		return CON_KEY_DONE;
	case 'n':
	case CK(KEY_F(2)):
		reset(iv);
		return CON_KEY_DONE;
	default:
		return CON_KEY_PASS;
	}
}

/* Something typed or picked that Esc or Ctrl-C would lose. */
static int
intake_unsaved(struct screen *s)
{
	struct intake_view *iv = s->data;

	return !iv->done && (iv->picked || !field_empty(&iv->proc) || !field_empty(&iv->name) ||
	    !field_empty(&iv->idno) || !field_empty(&iv->phone) || !field_empty(&iv->address));
}

static int
intake_key(struct screen *s, int key)
{
	struct intake_view *iv = s->data;
	struct field *fld;

	if (iv->done)
		return done_key(s, key);
	if (key != CK(KEY_F(10)) && key != CON_CTRL('s') && !(key == '\r' && iv->focus == IT_SAVE) &&
	    !(key == '\n' && iv->focus == IT_SAVE))
		iv->confirm_missing = 0;
	if (key != CON_ESC)
		iv->discard_armed = 0;
	/* The procedure picker's own keys. */
	if (iv->focus == IT_PROC && !iv->picked) {
		switch (key) {
		case CK(KEY_DOWN):
			matches_ready(s);
			if (iv->msel + 1 < iv->nmatch)
				iv->msel++;
			return CON_KEY_DONE;
		case CK(KEY_UP):
			matches_ready(s);
			if (iv->msel > 0)
				iv->msel--;
			return CON_KEY_DONE;
		case CK(KEY_NPAGE):
			matches_ready(s);
			iv->msel = iv->msel + 10 < iv->nmatch ? iv->msel + 10 : iv->nmatch - 1;
			if (iv->msel < 0)
				iv->msel = 0;
			return CON_KEY_DONE;
		case CK(KEY_PPAGE):
			matches_ready(s);
			iv->msel = iv->msel > 10 ? iv->msel - 10 : 0;
			return CON_KEY_DONE;
		case '\r':
		case '\n':
		case CK(KEY_ENTER):
			matches_ready(s);
			if (iv->nmatch > 0)
				pick(s, iv->matches[iv->msel].code);
			else
				console_message(s->con, STYLE_ERROR, _("No procedure matches: type less, or other words."));
			return CON_KEY_DONE;
		default:
			break;
		}
	}
	switch (key) {
	case CK(KEY_F(10)):
	case CON_CTRL('s'):
		save(s);
		return CON_KEY_DONE;
	case '\t':
	case CK(KEY_DOWN):
		move_focus(s, 1);
		return CON_KEY_DONE;
	case CK(KEY_BTAB):
	case CK(KEY_UP):
		move_focus(s, -1);
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		if (iv->focus == IT_SAVE)
			save(s);
		else
			move_focus(s, 1);
		return CON_KEY_DONE;
	case CON_ESC:
		if (console_discard_ok(s->con, intake_unsaved(s), &iv->discard_armed))
			console_pop(s->con);
		return CON_KEY_DONE;
	default:
		break;
	}
	if ((fld = focused_field(iv)) != NULL) {
		switch (field_key(fld, key, s->con->im)) {
		case FIELD_REFUSED:
			console_message(s->con, STYLE_ERROR, "%s %s", iv->focus == IT_IDNO ?
			    _("ID number:") : _("Phone:"), field_refusal(fld));
			return CON_KEY_DONE;
		case FIELD_TOOK:
			return CON_KEY_DONE;
		default:
			return CON_KEY_PASS;
		}
	}
	if (key == ' ') {
		switch (iv->focus) {
		case IT_SMS: iv->sms = !iv->sms; break;
		case IT_PRIORITY: iv->priority = !iv->priority; break;
		case IT_LINKED: iv->linked = !iv->linked; break;
		case IT_DOC: tick(iv, iv->focus_doc); break;
		default: break;
		}
		return CON_KEY_DONE;
	}
	if (iv->focus == IT_DOC && (key == CK(KEY_LEFT) || key == CK(KEY_RIGHT))) {
		int *t = &iv->ticked[iv->focus_doc];

		if (*t == 0)
			tick(iv, iv->focus_doc);
		else	/* original -> copy -> certified copy -> original */
			*t = 1 + (*t - 1 + (key == CK(KEY_RIGHT) ? 1 : DOC_FORM_COUNT - 1)) % DOC_FORM_COUNT;
		return CON_KEY_DONE;
	}
	if (key == 'q')		/* not in a field: q leaves like Esc */
		return intake_key(s, CON_ESC);
	return CON_KEY_DONE;	/* letters on a checkbox do nothing */
}

static const struct screen_key intake_keys[] = {
	{ .key = CK(KEY_F(10)), .alt = CON_CTRL('s'), .keyname = "F10, Ctrl-S", .help = N_("save (or Enter on the Save button)") },
	{ .key = '\t', .keyname = "Tab, Down", .help = N_("next field") },
	{ .key = CK(KEY_BTAB), .keyname = "Shift-Tab, Up", .help = N_("previous field") },
	{ .key = '\r', .keyname = "Enter", .help = N_("pick the procedure; next field; on Save, save") },
	{ .key = ' ', .keyname = "Space", .help = N_("tick or untick a box or a document") },
	{ .key = CK(KEY_RIGHT), .keyname = "Left, Right", .help = N_("on a document: original, copy or certified copy") },
	{ .key = CON_CTRL('t'), .keyname = "Ctrl-T", .help = N_("typing method: Telex, VNI, off") },
	{ .key = CON_ESC, .keyname = "Esc", .help = N_("leave (twice when something is typed)") },
	{ .key = 0 },
};

const struct screen_ops screen_intake_ops = {
	.name = "intake",
	.title = N_("Receive a dossier"),
	.open = intake_open,
	.draw = intake_draw,
	.key = intake_key,
	.close = intake_close,
	.unsaved = intake_unsaved,
	.help = intake_keys,
};
