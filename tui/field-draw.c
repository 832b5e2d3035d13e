/* field-draw.c -- a field on the console (field_draw, field.h): its text scrolled to
 * keep the cursor in view, stars for a password, and the terminal's cursor placed in
 * the focused one.  Apart from field.c so that the console, which asks the focused
 * field for its typing method, and the fields, drawn with the console's helpers, do
 * not call each other. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "console.h"
#include "field.h"

/* Columns taken by bytes [from, to) of f as drawn. */
static int
span_width(const struct console *con, const struct field *f, size_t from, size_t to)
{
	char tmp[FIELD_MAX];
	size_t i;
	int n = 0;

	if (f->kind == FIELD_SECRET) {
		for (i = from; i < to; i = field_next(f, i))
			n++;
		return n;
	}
	memcpy(tmp, f->buf + from, to - from);
	tmp[to - from] = '\0';
	return console_width(con, tmp);
}

void
field_draw(struct field *f, struct console *con, int y, int x, int w, int focused)
{
	char shown[FIELD_MAX];
	enum con_style style = focused ? STYLE_FOCUS : STYLE_FIELD;
	size_t i, n = 0;

	if (w < 2)
		return;
	if (f->cur < f->scroll)
		f->scroll = f->cur;
	/* Keep the cursor inside the field, one column left for it at the end. */
	while (f->scroll < f->cur && span_width(con, f, f->scroll, f->cur) > w - 1)
		f->scroll = field_next(f, f->scroll);
	if (f->kind == FIELD_SECRET) {
		for (i = f->scroll; i < f->len && n < sizeof shown - 1; i = field_next(f, i))
			shown[n++] = '*';
		shown[n] = '\0';
	} else
		snprintf(shown, sizeof shown, "%s", f->buf + f->scroll);
	console_putpad(con, y, x, w, style, shown);
	if (focused) {
		con->focus = f;
		con->cur_y = y;
		con->cur_x = x + span_width(con, f, f->scroll, f->cur);
	}
}
