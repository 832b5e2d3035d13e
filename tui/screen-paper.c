/* screen-paper.c -- a form shown on screen before it is printed or saved: what the
 * console does with a form when the office has no printer set (a receipt after an
 * intake, a form after an action, f on a dossier).
 *
 * The page is the form's text rendering (paper_render with PAPER_TEXT: what a line
 * printer would print), one form after another when an intake made several; it
 * scrolls.  p prints on the printer CUPS uses by default (lp without -d) and keeps a
 * copy in the forms folder, s saves it there; either says where in one line that fits
 * the screen (console_short_path).
 */
#include "config.h"

#include <ncurses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "grid.h"
#include "i18n.h"
#include "paper.h"
#include "store.h"
#include "text.h"

struct preview {
	char codes[CON_PREVIEW_MAX][CODE_MAX];
	int ncodes, form;
	char title[256];
	char **lines;		/* owned */
	int nlines, cap;
	int first, rows;
	int left, cols;		/* the first column shown, and how many (narrow screens) */
};

static void
add_line(struct preview *pv, const char *s, size_t n)
{
	if (pv->nlines == pv->cap) {
		pv->cap = pv->cap ? pv->cap * 2 : 128;
		if ((pv->lines = realloc(pv->lines, (size_t)pv->cap * sizeof *pv->lines)) == NULL)
			abort();
	}
	pv->lines[pv->nlines] = xcalloc(1, n + 1);
	memcpy(pv->lines[pv->nlines++], s, n);
}

static void preview_close(struct screen *s);

static int
preview_open(struct screen *s, void *arg)
{
	const struct con_preview *a = arg;
	struct preview *pv = xcalloc(1, sizeof *pv);
	struct mc_error err;
	char *buf = NULL, sep[64];
	const char *p, *nl;
	size_t len = 0;
	FILE *m;
	int i, rc = MC_OK;

	pv->form = a->form;
	for (i = 0; i < a->ncodes && i < CON_PREVIEW_MAX; i++)
		snprintf(pv->codes[pv->ncodes++], CODE_MAX, "%s", a->codes[i]);
	paper_title(s->con->st, a->form, pv->title, sizeof pv->title);
	for (i = 0; i < pv->ncodes && rc == MC_OK; i++) {
		if ((m = open_memstream(&buf, &len)) == NULL)
			abort();
		rc = paper_render(s->con->st, pv->codes[i], pv->form, PAPER_TEXT, m, &err);
		fclose(m);
		if (i > 0) {
			snprintf(sep, sizeof sep, "---------------- %d/%d ----------------", i + 1, pv->ncodes);
			add_line(pv, "", 0);
			add_line(pv, sep, strlen(sep));
			add_line(pv, "", 0);
		}
		for (p = buf; rc == MC_OK && *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
			nl = p + strcspn(p, "\n");
			add_line(pv, p, (size_t)(nl - p));
		}
		free(buf);
		buf = NULL;
	}
	s->data = pv;
	if (rc != MC_OK) {
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
		preview_close(s);
		return -1;
	}
	return 0;
}

static void
preview_close(struct screen *s)
{
	struct preview *pv = s->data;
	int i;

	if (pv == NULL)
		return;
	for (i = 0; i < pv->nlines; i++)
		free(pv->lines[i]);
	free(pv->lines);
	free(pv);
	s->data = NULL;
}

/* Where line's column col starts (the forms are NFC text: a character a column). */
static const char *
from_column(const char *line, int col)
{
	int32_t cp;
	int n;

	while (col-- > 0 && (n = text_next(line, SIZE_MAX, &cp)) != 0)
		line += n < 0 ? 1 : n;
	return line;
}

static void
preview_draw(struct screen *s, int y, int h, int w)
{
	struct preview *pv = s->data;
	struct console *con = s->con;
	char head[1024];
	const char *keys;
	int i, x = w > PAPER_WIDTH + 2 ? (w - PAPER_WIDTH) / 2 : 1;

	/* "Form 01, not printed: no printer is set", then the keys and the title if they
	 * fit (the keys are on the hint line too, once the message line is free). */
	snprintf(head, sizeof head, _("Form %02d, not printed: no printer is set"),
	    paper_number(con->st, pv->form));
	keys = _("p print, s save, q close");
	if (console_width(con, head) + 3 + console_width(con, keys) <= w - 2)
		snprintf(head + strlen(head), sizeof head - strlen(head), " - %s", keys);
	if (console_width(con, head) + 3 + console_width(con, pv->title) <= w - 2)
		snprintf(head + strlen(head), sizeof head - strlen(head), " - %s", pv->title);
	console_fill(con, y, 0, w, STYLE_HEADER);
	console_put(con, y, 1, w - 2, STYLE_HEADER, head);
	pv->rows = h - 1;
	if (pv->first > pv->nlines - pv->rows)
		pv->first = pv->nlines - pv->rows;
	if (pv->first < 0)
		pv->first = 0;
	/* Narrower than the paper: Left and Right move along it. */
	pv->cols = w - x;
	if (pv->left > PAPER_WIDTH - pv->cols)
		pv->left = PAPER_WIDTH - pv->cols;
	if (pv->left < 0)
		pv->left = 0;
	for (i = 0; i < pv->rows && pv->first + i < pv->nlines; i++)
		console_put(con, y + 1 + i, x, w - x, STYLE_NORMAL, from_column(pv->lines[pv->first + i],
		    pv->left));
}

/* "Saved: forms/...pdf" or "Printed ...; a copy is in forms/..." in the message line. */
static void
report(struct console *con, const struct preview *pv, const struct paper_issued *out,
    int printed, int rc, const struct mc_error *err)
{
	char path[4096];
	const char *fmt = printed ? (pv->ncodes > 1 ? _("Printed %d forms; copies are in %s") :
	    _("Printed; a copy is in %s")) : (pv->ncodes > 1 ? _("Saved %d forms in %s") : _("Saved: %s"));
	/* fmt's "%s" (and "%d": one digit) give way to the path */
	int room = COLS - 2 - console_width(con, fmt) + (pv->ncodes > 1 ? 3 : 2);

	if (rc != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(err));
		return;
	}
	if (pv->ncodes > 1) {	/* the folder they went to */
		char dir[4096], *slash;

		snprintf(dir, sizeof dir, "%s", out->path);
		if ((slash = strrchr(dir, '/')) != NULL)
			slash[1] = '\0';
		console_short_path(con, dir, room, path, sizeof path);
		console_message(con, STYLE_INFO, fmt, pv->ncodes, path);
	} else {
		console_short_path(con, out->path, room, path, sizeof path);
		console_message(con, STYLE_INFO, fmt, path);
	}
}

static void
issue(struct screen *s, const struct screen_key *k)
{
	struct preview *pv = s->data;
	struct paper_issued out;
	struct mc_error err;
	int i, rc = MC_OK;

	for (i = 0; i < pv->ncodes && rc == MC_OK; i++)
		rc = paper_issue(s->con->st, pv->codes[i], pv->form, k->arg, &out, &err);
	report(s->con, pv, &out, k->arg == PAPER_ISSUE_DEFAULT, rc, &err);
}

static int
preview_key(struct screen *s, int key)
{
	struct preview *pv = s->data;
	int page = pv->rows > 1 ? pv->rows - 1 : 1;

	switch (key) {
	case 'b': key = CK(KEY_PPAGE); break;	/* as less(1) has them */
	case 'g': key = CK(KEY_HOME); break;
	case 'G': key = CK(KEY_END); break;
	case CK(KEY_RIGHT): pv->left += 10; return CON_KEY_DONE;	/* bounded as drawn */
	case CK(KEY_LEFT): pv->left = pv->left > 10 ? pv->left - 10 : 0; return CON_KEY_DONE;
	default: break;
	}
	if (grid_text_key(key, &pv->first, page) != CON_KEY_DONE)
		return CON_KEY_PASS;
	if (pv->first > pv->nlines - pv->rows)	/* as drawn, before the next key */
		pv->first = pv->nlines - pv->rows;
	if (pv->first < 0)
		pv->first = 0;
	return CON_KEY_DONE;
}

static const struct screen_key preview_keys[] = {
	{ .key = 'p', .keyname = "p", .help = N_("print on the default printer (and keep a copy)"),
	  .run = issue, .arg = PAPER_ISSUE_DEFAULT },
	{ .key = 's', .keyname = "s", .help = N_("save in the forms folder"), .run = issue,
	  .arg = PAPER_ISSUE_SAVE },
	{ .key = CK(KEY_NPAGE), .keyname = "Up, Down, PgUp, PgDn", .help = N_("scroll the form") },
	{ .key = CK(KEY_RIGHT), .keyname = "Left, Right", .help = N_("along the lines, on a screen narrower than the form") },
	{ .key = 'q', .keyname = "q", .help = N_("close") },
	{ .key = 0 },
};

const struct screen_ops screen_paper_ops = {
	.name = "paper",
	.title = N_("Form"),
	.open = preview_open,
	.draw = preview_draw,
	.key = preview_key,
	.close = preview_close,
	.help = preview_keys,
};

void
console_short_path(const struct console *con, const char *path, int width, char *out, size_t n)
{
	const char *db = store_path(con->st), *slash = strrchr(db, '/'), *base = strrchr(path, '/');
	size_t dl = slash != NULL ? (size_t)(slash - db + 1) : 0;

	console_path(path, out, n);	/* whole, with ~ for the home folder */
	if (console_width(con, out) <= width)
		return;
	/* Beside the database: "forms/..." */
	if (dl > 0 && strncmp(path, db, dl) == 0) {
		snprintf(out, n, "%s", path + dl);
		if (console_width(con, out) <= width)
			return;
	}
	/* The file's name with an ellipsis for its folder; then as much of its end as
	 * fits (the dossier's day, number and form). */
	if (base == NULL || base[1] == '\0')
		return;
	snprintf(out, n, "%s%s", con->utf8 ? "\u2026" : "...", base);
	while (console_width(con, out) > width && *++base != '\0')
		snprintf(out, n, "%s%s", con->utf8 ? "\u2026" : "...", base);
}
