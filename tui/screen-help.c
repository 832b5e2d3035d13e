/* screen-help.c -- help (F1 or ?): the keys of the screen below, from its own key
 * table, then the keys every screen shares.  An overlay; q, Esc or F1 closes it. */
#include "config.h"

#include <ncurses.h>
#include <stdlib.h>

#include "console.h"
#include "i18n.h"

struct help {
	struct screen *of;	/* whose keys */
	int first;		/* first line shown */
	int lines;		/* lines in all */
};

static int
help_open(struct screen *s, void *arg)
{
	struct help *h = xcalloc(1, sizeof *h);

	h->of = arg;
	s->data = h;
	return 0;
}

static void
help_close(struct screen *s)
{
	free(s->data);
}

/* Draw (or only count, when y < 0) one section; returns the next line number. */
static int
section(struct console *con, const char *title, const struct screen_key *k,
    int line, int first, int y0, int rows, int x, int w)
{
	int kw = 0, n, row;
	const struct screen_key *p;

	for (p = k; p != NULL && p->key != 0; p++)
		if ((n = console_width(con, p->keyname)) > kw)
			kw = n;
	if (kw > w / 3)
		kw = w / 3;
	row = line - first;
	if (row >= 0 && row < rows)
		console_put(con, y0 + row, x, w, STYLE_HEADER, title);
	line++;
	for (p = k; p != NULL && p->key != 0; p++, line++) {
		row = line - first;
		if (row < 0 || row >= rows)
			continue;
		console_put(con, y0 + row, x + 2, kw, STYLE_LABEL, p->keyname);
		console_put(con, y0 + row, x + 4 + kw, w - kw - 4, STYLE_NORMAL, _(p->help));
	}
	return line + 1;
}

static void
help_draw(struct screen *s, int y, int h, int w)
{
	struct help *hp = s->data;
	struct console *con = s->con;
	char title[256];
	int bw = w - 4 < 76 ? w - 4 : 76, bh = h - 2, bx = (w - bw) / 2, by = y + 1;
	int rows = bh - 3, line;

	if (rows < 1)
		return;
	snprintf(title, sizeof title, _("Help: %s"), _(hp->of->ops->title));
	console_box(con, by, bx, bh, bw, title);
	if (hp->first > hp->lines - rows)
		hp->first = hp->lines - rows;
	if (hp->first < 0)
		hp->first = 0;
	line = section(con, _("On this screen"), hp->of->ops->help, 0, hp->first, by + 1, rows,
	    bx + 2, bw - 4);
	line = section(con, _("Everywhere"), console_keys, line, hp->first, by + 1, rows,
	    bx + 2, bw - 4);
	hp->lines = line;
	console_put(con, by + bh - 2, bx + 2, bw - 4, STYLE_DIM,
	    hp->lines > rows ? _("Up, Down, PgUp, PgDn: scroll   q, Esc: close") :
	    _("q, Esc: close"));
}

static int
help_key(struct screen *s, int key)
{
	struct help *hp = s->data;
	int page = LINES / 2;

	switch (key) {
	case 'q':
	case '?':
	case CON_ESC:
		console_pop(s->con);
		return CON_KEY_DONE;
	case CK(KEY_DOWN):
	case 'j':
		hp->first++;
		break;
	case CK(KEY_UP):
	case 'k':
		hp->first--;
		break;
	case CK(KEY_NPAGE):
	case ' ':
		hp->first += page;
		break;
	case CK(KEY_PPAGE):
		hp->first -= page;
		break;
	default:
		break;
	}
	return CON_KEY_DONE;
}

static const struct screen_key help_keys[] = {
	{ .key = CK(KEY_DOWN), .keyname = "Up, Down, PgUp, PgDn", .help = N_("scroll") },
	{ .key = 'q', .keyname = "q, Esc, F1", .help = N_("close the help") },
	{ .key = 0 },
};

const struct screen_ops screen_help_ops = {
	.name = "help",
	.title = N_("Help"),
	.overlay = 1,
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
	.help = help_keys,
};
