/* menu.c -- a menu screen's lines from its key table: drawing them, the selection and
 * its keys; see menu.h. */
#include "config.h"

#include <ncurses.h>

#include "i18n.h"
#include "menu.h"

int
menu_width(const struct console *con, const struct menu *m)
{
	int i, n, lw = 0;

	for (i = 0; i < m->spec->nitems; i++)
		if ((n = console_width(con, _(m->spec->items[i].help))) > lw)
			lw = n;
	return lw;
}

int
menu_draw(struct console *con, const struct menu *m, int y, int x, int h, int w, int lw)
{
	const struct screen_key *k;
	enum con_style style;
	int i, row = 0, kw = m->spec->keyw, sw = w - x - lw - kw - 8;

	for (i = 0; i < m->spec->nitems && (row = menu_row(m, i)) < h; i++) {
		k = &m->spec->items[i];
		style = i == m->sel ? STYLE_SELECTED : STYLE_NORMAL;
		console_fill(con, y + row, x, lw + kw + 4 + m->barw, style);
		console_put(con, y + row, x + 1, kw, style, k->keyname);
		console_put(con, y + row, x + kw + 2, lw, style, _(k->help));
		/* whole, or not at all */
		if (m->state != NULL && console_width(con, m->state[i]) <= sw)
			console_put(con, y + row, x + lw + kw + 6, sw, STYLE_DIM, m->state[i]);
	}
	row = menu_row(m, i);
	return row < h ? row : h > 0 ? h : 0;
}

int
menu_row(const struct menu *m, int i)
{
	return i + (m->gap > 0 && i >= m->gap);
}

int
menu_key(struct screen *s, struct menu *m, int key)
{
	int n = m->spec->nitems;
	const struct screen_key *k;

	switch (key) {
	case CK(KEY_DOWN):
	case 'j':
		m->sel = (m->sel + 1) % n;
		return CON_KEY_DONE;
	case CK(KEY_UP):
	case 'k':
		m->sel = (m->sel + n - 1) % n;
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		k = &m->spec->items[m->sel];
		if (k->run != NULL)
			k->run(s, k);
		return CON_KEY_DONE;
	default:
		return CON_KEY_PASS;
	}
}
