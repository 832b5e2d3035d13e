/* grid.c -- a list on a console screen: the rows shown, the selection, the list keys
 * and a table's columns laid out from the width; see grid.h. */
#include "config.h"

#include <limits.h>
#include <ncurses.h>
#include <stdio.h>
#include <string.h>

#include "grid.h"
#include "i18n.h"

void
grid_fit(struct grid *g)
{
	long last_top;

	if (g->rows < 1)
		g->rows = 1;
	if (g->select) {
		if (g->sel >= g->n)
			g->sel = g->n - 1;
		if (g->sel < 0)
			g->sel = 0;
		if (g->sel < g->top)
			g->top = g->sel;
		if (g->sel >= g->top + g->rows)
			g->top = g->sel - g->rows + 1;
	}
	last_top = g->n - g->rows;
	if (g->top > last_top && !g->open)
		g->top = last_top;
	if (g->top < 0)
		g->top = 0;
}

void
grid_fit_rows(struct grid *g, int rows)
{
	g->rows = rows > 0 ? rows : 1;
	grid_fit(g);
}

void
grid_scroll(struct grid *g, long n, int page)
{
	if (g->select)
		g->sel += n;
	if (!g->select || (page && !g->follow))
		g->top += n;
	grid_fit(g);
}

long
grid_page(const struct grid *g)
{
	return g->rows - g->overlap > 0 ? g->rows - g->overlap : 1;
}

int
grid_is_key(int key)
{
	switch (key) {
	case CK(KEY_DOWN):
	case 'j':
	case CK(KEY_UP):
	case 'k':
	case CK(KEY_NPAGE):
	case CK(KEY_PPAGE):
	case CK(KEY_HOME):
	case CK(KEY_END):
		return 1;
	default:
		return 0;
	}
}

int
grid_is_enter(int key)
{
	return key == '\r' || key == '\n' || key == CK(KEY_ENTER);
}

/* Ask the screen for another page, then select row sel of it. */
static void
turn_to(struct grid *g, enum grid_turn to, long sel)
{
	g->turn(g, to, g->ctx);
	g->sel = sel;
	g->top = 0;
}

/* grid_key() for a list read a page at a time. */
static int
page_key(struct grid *g, int key)
{
	switch (key) {
	case CK(KEY_DOWN):
	case 'j':
		if (g->sel + 1 < g->n)
			g->sel++;
		else if (g->more)
			turn_to(g, GRID_NEXT, 0);
		return CON_KEY_DONE;
	case CK(KEY_UP):
	case 'k':
		if (g->sel > 0)
			g->sel--;
		else if (g->earlier)
			turn_to(g, GRID_PREV, g->rows - 1);
		else
			return CON_KEY_PASS;
		return CON_KEY_DONE;
	case CK(KEY_NPAGE):
		if (g->more)
			turn_to(g, GRID_NEXT, 0);
		else
			g->sel = g->n > 0 ? g->n - 1 : 0;
		return CON_KEY_DONE;
	case CK(KEY_PPAGE):
	case CK(KEY_HOME):
		if (g->earlier)
			turn_to(g, key == CK(KEY_HOME) ? GRID_FIRST : GRID_PREV, 0);
		g->sel = 0;
		return CON_KEY_DONE;
	case CK(KEY_END):
		g->sel = g->n > 0 ? g->n - 1 : 0;
		return CON_KEY_DONE;
	default:
		return CON_KEY_PASS;
	}
}

int
grid_key(struct grid *g, int key)
{
	if (g->turn != NULL)
		return page_key(g, key);
	switch (key) {
	case CK(KEY_DOWN):
	case 'j':
		grid_scroll(g, 1, 0);
		break;
	case CK(KEY_UP):
	case 'k':
		grid_scroll(g, -1, 0);
		break;
	case CK(KEY_NPAGE):
		grid_scroll(g, grid_page(g), 1);
		break;
	case CK(KEY_PPAGE):
		grid_scroll(g, -grid_page(g), 1);
		break;
	case CK(KEY_HOME):
		g->top = g->sel = 0;
		grid_fit(g);
		break;
	case CK(KEY_END):
		grid_scroll(g, LONG_MAX / 4, 1);
		break;
	default:
		return CON_KEY_PASS;
	}
	return CON_KEY_DONE;
}

int
grid_text_key(int key, int *first, int page)
{
	switch (key) {
	case CK(KEY_DOWN):
		(*first)++;
		break;
	case CK(KEY_UP):
		*first -= *first > 0;
		break;
	case CK(KEY_NPAGE):
	case ' ':
		*first += page;
		break;
	case CK(KEY_PPAGE):
		*first = *first > page ? *first - page : 0;
		break;
	case CK(KEY_HOME):
		*first = 0;
		break;
	case CK(KEY_END):
		*first = GRID_END;
		break;
	default:
		return CON_KEY_PASS;
	}
	return CON_KEY_DONE;
}

/* ---------------------------------------------------------------- tables */

void
grid_layout(const struct console *con, struct grid_layout *l, const struct grid_col *cols,
    int ncols, int nfixed, int first, int w)
{
	int i, x = 2, cw, flex = -1;

	memset(l, 0, sizeof *l);
	l->cols = cols;
	l->ncols = ncols < GRID_COLS ? ncols : GRID_COLS;
	l->nfixed = nfixed;
	l->first = first;
	l->wide = w >= GRID_WIDE;
	for (i = 0; i < l->ncols; i++) {
		if (i >= nfixed && i < first)
			continue;
		cw = l->wide ? cols[i].wide : cols[i].width;
		if (x + cw > w - 1) {
			/* A part of the last column when its heading fits whole. */
			if (i < first || x + 8 > w - 1 ||
			    x + console_width(con, _(cols[i].head)) > w - 1) {
				l->more = 1;
				break;
			}
			cw = w - 1 - x;
			l->more = i + 1 < l->ncols;
		}
		l->x[i] = x;
		l->w[i] = cw;
		if (cols[i].flex)
			flex = i;
		x += cw + 1;
	}
	if (flex >= 0 && !l->more && x < w) {	/* the room left to the flexible column */
		for (i = flex + 1; i < l->ncols; i++)
			l->x[i] += w - x;
		l->w[flex] += w - x;
	}
}

int
grid_col_key(const struct console *con, const struct grid_col *cols, int ncols, int nfixed,
    int *first, int w, int key)
{
	struct grid_layout l;

	switch (key) {
	case CK(KEY_LEFT):
	case 'h':
		if (*first > nfixed)
			(*first)--;
		return CON_KEY_DONE;
	case CK(KEY_RIGHT):
	case 'l':
		grid_layout(con, &l, cols, ncols, nfixed, *first, w);
		if (l.more && *first + 1 < ncols)
			(*first)++;
		return CON_KEY_DONE;
	default:
		return CON_KEY_PASS;
	}
}

void
grid_put_right(struct console *con, int y, int x, int w, enum con_style style, const char *s)
{
	int n = console_width(con, s);

	console_put(con, y, n < w ? x + w - n : x, w, style, s);
}

void
grid_line(struct console *con, const struct grid_layout *l, int y, int w,
    const char *const *cells, enum con_style style, const char *mark)
{
	char buf[1024];
	const char *t;
	int i;

	console_fill(con, y, 0, w, style);
	if (mark != NULL)
		console_put(con, y, 0, 1, style, mark);
	for (i = 0; i < l->ncols; i++) {
		if (l->w[i] == 0)
			continue;
		if (cells == NULL)
			t = _(l->cols[i].head);
		else if ((t = cells[l->cols[i].cell]) == NULL)
			t = "";
		if (cells != NULL && l->text != NULL) {
			l->text(con, l, i, t, buf, sizeof buf);
			t = buf;
		}
		if (l->cols[i].right)
			grid_put_right(con, y, l->x[i], l->w[i], style, t);
		else
			console_put(con, y, l->x[i], l->w[i], style, t);
	}
}

const char *
grid_more_columns(const struct grid_layout *l)
{
	static char buf[128];

	if (!l->more && l->first <= l->nfixed)
		return "";
	snprintf(buf, sizeof buf, "   %s", _("Left, Right: more columns"));
	return buf;
}

int
grid_foot_lines(const struct console *con, const char *info, int w)
{
	return console_wrap_count(con, info, w - 2) > 1 ? 2 : 1;
}
