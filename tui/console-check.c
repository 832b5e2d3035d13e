/* console-check.c -- the console's layout check, for the tests that visit every
 * screen at several terminal sizes: with $MOTCUA_CONSOLE_CHECK naming a file, every
 * text drawn over another text of the same layer (two columns that overlap, a label
 * running into its field) and every label, heading, hint or message cut short is
 * written there, one line each, once.  Off (and costing nothing) otherwise.
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"

#define SHOWN_MAX 60		/* characters of a text quoted in a report */

struct con_check {
	FILE *fp;
	int *owner;		/* rows x cols: the put that drew each cell, 0 for none */
	int rows, cols;
	char **text;		/* text[id - 1]: what put id drew */
	int n, cap;
	int paused;
	char who[64];		/* the layer being drawn */
	char **seen;		/* reports already written */
	int nseen;
};

void
console_check_open(struct console *con)
{
	const char *path = getenv("MOTCUA_CONSOLE_CHECK");
	struct con_check *k;

	if (path == NULL || *path == '\0')
		return;
	k = xcalloc(1, sizeof *k);
	if ((k->fp = fopen(path, "a")) == NULL) {
		free(k);
		return;
	}
	setvbuf(k->fp, NULL, _IOLBF, 0);
	con->check = k;
}

static void
forget_texts(struct con_check *k)
{
	int i;

	for (i = 0; i < k->n; i++)
		free(k->text[i]);
	k->n = 0;
}

void
console_check_close(struct console *con)
{
	struct con_check *k = con->check;
	int i;

	if (k == NULL)
		return;
	forget_texts(k);
	for (i = 0; i < k->nseen; i++)
		free(k->seen[i]);
	free(k->seen);
	free(k->text);
	free(k->owner);
	fclose(k->fp);
	free(k);
	con->check = NULL;
}

void
console_check_layer(struct console *con, const char *who)
{
	struct con_check *k = con->check;

	if (k == NULL)
		return;
	if (k->rows != LINES || k->cols != COLS || k->owner == NULL) {
		free(k->owner);
		k->rows = LINES;
		k->cols = COLS;
		k->owner = xcalloc((size_t)LINES * (size_t)COLS, sizeof *k->owner);
	} else
		memset(k->owner, 0, (size_t)LINES * (size_t)COLS * sizeof *k->owner);
	forget_texts(k);
	if (who != NULL)
		snprintf(k->who, sizeof k->who, "%s", who);
}

void
console_check_pause(struct console *con, int on)
{
	if (con->check != NULL)
		con->check->paused = on;
}

/* Write one report, unless it was written before. */
static void
report(struct con_check *k, const char *fmt, const char *a, const char *b, int y, int x)
{
	char line[512], what[400];
	int i;

	snprintf(what, sizeof what, fmt, a, b);
	snprintf(line, sizeof line, "%dx%d %s: %s (row %d, column %d)", k->cols, k->rows, k->who,
	    what, y, x);
	for (i = 0; i < k->nseen; i++)
		if (strcmp(k->seen[i], line) == 0)
			return;
	if ((k->nseen & 63) == 0)
		k->seen = realloc(k->seen, ((size_t)k->nseen + 64) * sizeof *k->seen);
	if (k->seen == NULL) {
		k->nseen = 0;
		return;
	}
	k->seen[k->nseen++] = xstrdup(line);
	fprintf(k->fp, "%s\n", line);
}

/* s cut to SHOWN_MAX bytes (at a character boundary) in buf. */
static const char *
quote(const char *s, char buf[SHOWN_MAX + 4])
{
	size_t n = strlen(s);

	if (n > SHOWN_MAX) {
		n = SHOWN_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	strcpy(buf + n, n < strlen(s) ? "..." : "");
	return buf;
}

void
console_check_put(struct console *con, int y, int x, int cols, const char *shown, int cut,
    enum con_style style)
{
	struct con_check *k = con->check;
	char a[SHOWN_MAX + 4], b[SHOWN_MAX + 4];
	int i, id, over = 0;

	if (k == NULL || k->paused || k->owner == NULL || y >= k->rows || cols <= 0)
		return;
	if (cut && (style == STYLE_LABEL || style == STYLE_HEADER || style == STYLE_DIM ||
	    style == STYLE_ERROR || style == STYLE_INFO))
		report(k, "\"%s\" is cut short%s", quote(shown, a), "", y, x);
	if (k->n == k->cap) {
		k->cap = k->cap > 0 ? k->cap * 2 : 256;
		k->text = realloc(k->text, (size_t)k->cap * sizeof *k->text);
		if (k->text == NULL) {
			k->n = k->cap = 0;
			return;
		}
	}
	k->text[k->n++] = xstrdup(shown);
	id = k->n;
	for (i = x; i < x + cols && i < k->cols; i++) {
		if (k->owner[y * k->cols + i] != 0 && !over) {
			over = 1;
			report(k, "\"%s\" is drawn over \"%s\"", quote(shown, a),
			    quote(k->text[k->owner[y * k->cols + i] - 1], b), y, i);
		}
		k->owner[y * k->cols + i] = id;
	}
}
