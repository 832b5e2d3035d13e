/* form.c -- the modal form screen (an overlay): labelled fields in a box, Tab and
 * Enter to move, Enter on the last field to submit, Esc to cancel (asking first once
 * something was typed); see form.h. */
#include "config.h"

#include <ncurses.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "form.h"
#include "i18n.h"

struct form_args {
	const struct form_spec *spec;
	void *ctx;
	const char *const *initial;
};

struct form {
	struct form_spec spec;
	void *ctx;
	struct field fields[FORM_MAX_ITEMS];
	char *initial[FORM_MAX_ITEMS];	/* the texts the fields opened with; owned */
	int focus;
	int discard_armed;		/* Esc pressed once with something typed */
};

int
form_open(struct console *con, const struct form_spec *spec, void *ctx,
    const char *const *initial)
{
	struct form_args a = { .spec = spec, .ctx = ctx, .initial = initial };

	return console_push(con, &screen_form_ops, &a);
}

static int
form_screen_open(struct screen *s, void *arg)
{
	const struct form_args *a = arg;
	struct form *fm = xcalloc(1, sizeof *fm);
	int i;

	fm->spec = *a->spec;
	fm->ctx = a->ctx;
	if (fm->spec.nitems > FORM_MAX_ITEMS)
		fm->spec.nitems = FORM_MAX_ITEMS;
	for (i = 0; i < fm->spec.nitems; i++) {
		field_init(&fm->fields[i], fm->spec.items[i].kind, fm->spec.items[i].max);
		field_accept(&fm->fields[i], fm->spec.items[i].accept);
		if (a->initial != NULL && a->initial[i] != NULL)
			field_set(&fm->fields[i], a->initial[i]);
		fm->initial[i] = xstrdup(field_text(&fm->fields[i]));
	}
	s->data = fm;
	return 0;
}

static void
form_close(struct screen *s)
{
	struct form *fm = s->data;
	int i;

	for (i = 0; i < fm->spec.nitems; i++)
		free(fm->initial[i]);
	free(fm);
}

/* Has anything been typed since the form opened? */
static int
form_unsaved(struct screen *s)
{
	struct form *fm = s->data;
	int i;

	for (i = 0; i < fm->spec.nitems; i++)
		if (strcmp(field_text(&fm->fields[i]), fm->initial[i]) != 0)
			return 1;
	return 0;
}

static void
form_draw(struct screen *s, int y, int h, int w)
{
	struct form *fm = s->data;
	struct console *con = s->con;
	const char *hint = fm->spec.nitems > 0 ?
	    _("Enter: next / save   Tab: next field   Esc: cancel") : _("Enter: yes   Esc: no");
	const char *title = _(fm->spec.title);
	int bw, bh, bx, by, lw = 0, i, row, n, stacked, plines = 0, hlines, fw, tlines = 0;

	bw = w - 4 < 72 ? w - 4 : 72;
	/* A title too long for the top edge goes inside, wrapped. */
	if (console_width(con, title) > bw - 6)
		tlines = console_wrap_count(con, title, bw - 4);
	for (i = 0; i < fm->spec.nitems; i++)
		if ((n = console_width(con, _(fm->spec.items[i].label))) > lw)
			lw = n;
	/* A label longer than a third of the box goes above its field, as do the others. */
	stacked = lw > bw / 3;
	if (stacked)
		lw = 0;
	if (fm->spec.prompt != NULL)
		plines = console_wrap_count(con, _(fm->spec.prompt), bw - 4);
	hlines = console_wrap_count(con, hint, bw - 4);
	bh = 3 + hlines + fm->spec.nitems * (stacked ? 2 : 1) + (plines > 0 ? plines + 1 : 0) +
	    (tlines > 0 ? tlines + 1 : 0);
	if (bh > h)
		bh = h;
	bx = (w - bw) / 2;
	by = y + (h - bh) / 2;
	console_box(con, by, bx, bh, bw, tlines > 0 ? NULL : title);
	row = by + 1;
	if (tlines > 0)
		row += 1 + console_wrap(con, row, bx + 2, tlines, bw - 4, STYLE_HEADER, title);
	if (plines > 0)
		row += 1 + console_wrap(con, row, bx + 2, by + bh - 2 - hlines - row, bw - 4,
		    STYLE_NORMAL, _(fm->spec.prompt));
	fw = stacked ? bw - 4 : bw - lw - 5;
	for (i = 0; i < fm->spec.nitems && row < by + bh - 1 - hlines; i++, row++) {
		console_put(con, row, bx + 2, stacked ? bw - 4 : lw, STYLE_LABEL, _(fm->spec.items[i].label));
		if (stacked)
			row++;
		field_draw(&fm->fields[i], con, row, stacked ? bx + 2 : bx + 3 + lw, fw, i == fm->focus);
	}
	console_wrap(con, by + bh - 1 - hlines, bx + 2, hlines, bw - 4, STYLE_DIM, hint);
}

static void
submit(struct screen *s)
{
	struct form *fm = s->data;
	struct console *con = s->con;
	const char *values[FORM_MAX_ITEMS];
	int i;

	for (i = 0; i < fm->spec.nitems; i++) {
		if (fm->spec.items[i].required && field_empty(&fm->fields[i])) {
			fm->focus = i;
			console_message(con, STYLE_ERROR, _("%s: this cannot be empty"),
			    _(fm->spec.items[i].label));
			return;
		}
		values[i] = field_text(&fm->fields[i]);
	}
	if (fm->spec.submit(con, fm->ctx, values) == FORM_CLOSE)
		console_pop(con);	/* frees fm */
}

static int
form_key(struct screen *s, int key)
{
	struct form *fm = s->data;
	int n = fm->spec.nitems;

	if (key != CON_ESC)
		fm->discard_armed = 0;
	switch (key) {
	case CON_ESC:
		if (console_discard_ok(s->con, form_unsaved(s), &fm->discard_armed))
			console_pop(s->con);
		return CON_KEY_DONE;
	case '\t':
	case CK(KEY_DOWN):
		if (n > 0)
			fm->focus = (fm->focus + 1) % n;
		return CON_KEY_DONE;
	case CK(KEY_BTAB):
	case CK(KEY_UP):
		if (n > 0)
			fm->focus = (fm->focus + n - 1) % n;
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		if (fm->focus < n - 1)
			fm->focus++;
		else
			submit(s);
		return CON_KEY_DONE;
	default:
		break;
	}
	if (n == 0) {
		if (key == 'y' || key == 'Y' || key == 'c' || key == 'C')
			submit(s);
		else if (key == 'n' || key == 'N' || key == 'k' || key == 'K')
			console_pop(s->con);
		return CON_KEY_DONE;
	}
	if (field_key(&fm->fields[fm->focus], key, s->con->im) == FIELD_REFUSED)
		console_message(s->con, STYLE_ERROR, "%s: %s", _(fm->spec.items[fm->focus].label),
		    field_refusal(&fm->fields[fm->focus]));
	return CON_KEY_DONE;	/* modal: nothing reaches the screens below */
}

static const struct screen_key form_keys[] = {
	{ .key = '\t', .keyname = "Tab, Down", .help = N_("next field") },
	{ .key = CK(KEY_BTAB), .keyname = "Shift-Tab, Up", .help = N_("previous field") },
	{ .key = '\r', .keyname = "Enter", .help = N_("next field; on the last one, save") },
	{ .key = CON_ESC, .keyname = "Esc", .help = N_("cancel (twice when something is typed)") },
	{ .key = CON_CTRL('t'), .keyname = "Ctrl-T", .help = N_("typing method: Telex, VNI, off") },
	{ .key = CON_CTRL('u'), .keyname = "Ctrl-U, Ctrl-K, Ctrl-W", .help = N_("erase before the cursor, after it, the word before it") },
	{ .key = 0 },
};

const struct screen_ops screen_form_ops = {
	.name = "form",
	.title = N_("Form"),
	.overlay = 1,
	.open = form_screen_open,
	.draw = form_draw,
	.key = form_key,
	.close = form_close,
	.unsaved = form_unsaved,
	.help = form_keys,
};
