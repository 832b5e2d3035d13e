/* paper-tmpl.c -- the forms' template language: a template file and a dossier's
 * values expand to a page of blocks (paper-int.h) that paper-text.c and paper-pdf.c
 * lay out.  doc/forms.md is the reference; in short, line by line:
 *
 *	# ...				a comment
 *	(empty line)			vertical space
 *	TEXT				a paragraph (wrapped; later lines indented)
 *	@kind receipt			which form this is (metadata)
 *	@title TEXT			its title; @heading prints it
 *	@basis TEXT			what it follows: the footer of every page
 *	@header PARENT | BODY		the issuing body (left) and the national motto
 *	@date				"<place>, ngày dd tháng mm năm yyyy" under the motto
 *	@heading			the title, bold, centred
 *	@center TEXT  @bold TEXT  @italic TEXT
 *	@qr TEXT			a QR code (PDF), at the right margin
 *	@table LIST | HEAD:WIDTH=CELL | ...	a table, one row per row of LIST
 *	@list LIST TEXT			a paragraph per row of LIST
 *	@sign TITLE = NAME | TITLE = NAME	two signature blocks
 *	@if NAME / @if !NAME / @else / @end	NAME set and not empty (a list: has rows)
 *
 * In TEXT, {name} is a value, {name|text} the value or text when it is empty; an
 * unknown {name} stays as written, so a mistake shows on the page.  In a table's
 * CELL or a list's TEXT the row's fields are values too.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paper-int.h"
#include "paper.h"
#include "text.h"

#define LINE_MAX_BYTES 4096
#define IF_DEPTH 8

/* ---------------------------------------------------------------- values */

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		abort();	/* a form is all or nothing; libmotcua's callers are front ends */
	return p;
}

static char *
xdup(const char *s)
{
	char *d = strdup(s != NULL ? s : "");

	if (d == NULL)
		abort();
	return d;
}

void
pvals_set(struct pvals *v, const char *name, const char *value)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 32;
		v->names = xrealloc(v->names, (size_t)v->cap * sizeof *v->names);
		v->values = xrealloc(v->values, (size_t)v->cap * sizeof *v->values);
	}
	v->names[v->n] = xdup(name);
	v->values[v->n++] = xdup(value);
}

void
pvals_setf(struct pvals *v, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	pvals_set(v, name, s);
	free(s);
}

const char *
pvals_get(const struct pvals *v, const char *name)
{
	int i;

	for (i = v->n - 1; i >= 0; i--)
		if (strcmp(v->names[i], name) == 0)
			return v->values[i];
	return NULL;
}

struct plist *
pvals_list(struct pvals *v, const char *name, const char *keys)
{
	struct plist *l;
	const char *p = keys;

	if (v->nlists == v->lcap) {
		v->lcap = v->lcap ? v->lcap * 2 : 4;
		v->lists = xrealloc(v->lists, (size_t)v->lcap * sizeof *v->lists);
	}
	l = &v->lists[v->nlists++];
	memset(l, 0, sizeof *l);
	l->name = xdup(name);
	while (*p != '\0' && l->nkeys < PVAL_COLS) {
		size_t n = strcspn(p, ",");

		if ((l->keys[l->nkeys++] = strndup(p, n)) == NULL)
			abort();
		p += n + (p[n] == ',');
	}
	return l;
}

void
plist_add(struct plist *l, const char *const *cells)
{
	int i;

	if (l->nrows == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->cells = xrealloc(l->cells, (size_t)l->cap * (size_t)l->nkeys * sizeof *l->cells);
	}
	for (i = 0; i < l->nkeys; i++)
		l->cells[l->nrows * l->nkeys + i] = xdup(cells[i]);
	l->nrows++;
}

const struct plist *
pvals_find_list(const struct pvals *v, const char *name)
{
	int i;

	for (i = 0; i < v->nlists; i++)
		if (strcmp(v->lists[i].name, name) == 0)
			return &v->lists[i];
	return NULL;
}

void
pvals_free(struct pvals *v)
{
	int i, k;

	for (i = 0; i < v->n; i++) {
		free(v->names[i]);
		free(v->values[i]);
	}
	for (i = 0; i < v->nlists; i++) {
		struct plist *l = &v->lists[i];

		for (k = 0; k < l->nrows * l->nkeys; k++)
			free(l->cells[k]);
		for (k = 0; k < l->nkeys; k++)
			free(l->keys[k]);
		free(l->cells);
		free(l->name);
	}
	free(v->names);
	free(v->values);
	free(v->lists);
	memset(v, 0, sizeof *v);
}

/* ---------------------------------------------------------------- filling in */

/* The value of name for a row of l (row < 0: none), else of v; NULL when unknown. */
static const char *
lookup(const struct pvals *v, const struct plist *l, int row, const char *name)
{
	int k;

	for (k = 0; l != NULL && row >= 0 && k < l->nkeys; k++)
		if (strcmp(l->keys[k], name) == 0)
			return l->cells[row * l->nkeys + k];
	return pvals_get(v, name);
}

/* text with {name} and {name|fallback} filled in: a new string. */
static char *
fill(const char *text, const struct pvals *v, const struct plist *l, int row)
{
	struct text_buf b = { 0 };
	const char *p, *close, *bar, *val;
	char name[48], *out;
	size_t k;

	for (p = text; *p != '\0'; p++) {
		if (*p == '{' && (close = strchr(p + 1, '}')) != NULL) {
			bar = memchr(p + 1, '|', (size_t)(close - p - 1));
			k = (size_t)((bar != NULL ? bar : close) - p - 1);
			if (k > 0 && k < sizeof name) {
				memcpy(name, p + 1, k);
				name[k] = '\0';
				if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") == k &&
				    (val = lookup(v, l, row, name)) != NULL) {
					if (*val == '\0' && bar != NULL)
						text_buf_addn(&b, bar + 1, (size_t)(close - bar - 1));
					else
						text_buf_addn(&b, val, strlen(val));
					p = close;
					continue;
				}
			}
		}
		text_buf_addn(&b, p, 1);
	}
	if ((out = text_buf_take(&b)) == NULL)
		abort();	/* as xrealloc() */
	return out;
}

/* Is name set (a value not empty, or a list with rows)? */
static int
truth(const struct pvals *v, const char *name)
{
	const struct plist *l = pvals_find_list(v, name);
	const char *val;

	if (l != NULL)
		return l->nrows > 0;
	val = pvals_get(v, name);
	return val != NULL && *val != '\0';
}

/* ---------------------------------------------------------------- the page */

static struct pblock *
block(struct ppage *pg, enum pblock_kind kind, enum pblock_style style, char *text)
{
	struct pblock *b;

	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 32;
		pg->b = xrealloc(pg->b, (size_t)pg->cap * sizeof *pg->b);
	}
	b = &pg->b[pg->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->style = style;
	b->text = text;
	return b;
}

void
ppage_free(struct ppage *pg)
{
	int i, k;

	for (i = 0; i < pg->n; i++) {
		struct pblock *b = &pg->b[i];

		free(b->text);
		free(b->text2);
		for (k = 0; k < b->ncols; k++)
			free(b->head[k]);
		for (k = 0; k < b->nrows * b->ncols; k++)
			free(b->cells[k]);
		free(b->cells);
		for (k = 0; k < 2; k++) {
			free(b->sign_title[k]);
			free(b->sign_name[k]);
		}
	}
	free(pg->b);
	free(pg->title);
	free(pg->basis);
	free(pg->number);
	memset(pg, 0, sizeof *pg);
}

/* s without the spaces around it, in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* The next '|'-separated part of *s (trimmed, in place); NULL after the last. */
static char *
part(char **s)
{
	char *p = *s, *bar;

	if (p == NULL)
		return NULL;
	if ((bar = strchr(p, '|')) != NULL) {
		*bar = '\0';
		*s = bar + 1;
	} else
		*s = NULL;
	return trim(p);
}

/* @table LIST | HEAD:WIDTH=CELL | ... */
static int
table(struct ppage *pg, char *args, const struct pvals *v, const char *where,
    struct mc_error *err)
{
	char *rest = args, *name = part(&rest), *col, *cells[PTABLE_COLS];
	const struct plist *l;
	struct pblock *b;
	int r, k;

	if (name == NULL || (l = pvals_find_list(v, name)) == NULL)
		return mc_fail(err, MC_EINVAL, _("%s: @table of an unknown list '%s'"), where,
		    name != NULL ? name : "");
	b = block(pg, PB_TABLE, PS_PLAIN, NULL);
	while ((col = part(&rest)) != NULL) {
		char *colon = strchr(col, ':'), *eq = colon != NULL ? strchr(colon, '=') : NULL;

		if (colon == NULL || eq == NULL || b->ncols == PTABLE_COLS ||
		    (b->width[b->ncols] = atoi(colon + 1)) < 1 || b->width[b->ncols] > 76)
			return mc_fail(err, MC_EINVAL, _("%s: a column of @table is HEADING:WIDTH=CELL (at most %d columns)"),
			    where, PTABLE_COLS);
		*colon = '\0';
		cells[b->ncols] = eq + 1;
		b->head[b->ncols++] = fill(trim(col), v, NULL, -1);
	}
	for (k = 0, r = 1; k < b->ncols; k++)	/* "| " cell " " per column, and the last "|" */
		r += b->width[k] + 3;
	if (b->ncols == 0 || r > PAPER_WIDTH)
		return mc_fail(err, MC_EINVAL, _("%s: the columns of @table are wider than the page (%d of %d)"),
		    where, r, PAPER_WIDTH);
	b->cells = xrealloc(NULL, ((size_t)l->nrows * (size_t)b->ncols + 1) * sizeof *b->cells);
	for (r = 0; r < l->nrows; r++, b->nrows++)
		for (k = 0; k < b->ncols; k++)
			b->cells[r * b->ncols + k] = fill(cells[k], v, l, r);
	return MC_OK;
}

/* @sign TITLE = NAME | TITLE = NAME */
static void
sign(struct ppage *pg, char *args, const struct pvals *v)
{
	struct pblock *b = block(pg, PB_SIGN, PS_PLAIN, NULL);
	char *rest = args, *side;
	int i;

	for (i = 0; i < 2; i++) {
		char *eq;

		side = part(&rest);
		if (side == NULL)
			side = "";
		eq = strchr(side, '=');
		if (eq != NULL)
			*eq = '\0';
		b->sign_title[i] = fill(trim(side), v, NULL, -1);
		b->sign_name[i] = fill(eq != NULL ? trim(eq + 1) : "", v, NULL, -1);
	}
}

/* One directive line (without its '@'); *skip tells whether lines are being left
 * out by an @if. */
static int
directive(struct ppage *pg, char *line, const struct pvals *v, int *stack, int *depth,
    const char *where, struct mc_error *err)
{
	char *word = line, *arg = line + strcspn(line, " \t");
	int active = *depth == 0 || stack[*depth - 1];

	if (*arg != '\0')
		*arg++ = '\0';
	arg = trim(arg);
	if (strcmp(word, "if") == 0) {
		if (*depth == IF_DEPTH)
			return mc_fail(err, MC_EINVAL, _("%s: @if nested too deep"), where);
		stack[(*depth)++] = active && (*arg == '!' ? !truth(v, trim(arg + 1)) : truth(v, arg));
		return MC_OK;
	}
	if (strcmp(word, "else") == 0 || strcmp(word, "end") == 0) {
		if (*depth == 0)
			return mc_fail(err, MC_EINVAL, _("%s: @%s without @if"), where, word);
		if (strcmp(word, "end") == 0)
			(*depth)--;
		else	/* the other branch, if the @if itself was reached */
			stack[*depth - 1] = (*depth == 1 || stack[*depth - 2]) && !stack[*depth - 1];
		return MC_OK;
	}
	if (!active)
		return MC_OK;
	if (strcmp(word, "kind") == 0 || strcmp(word, "title") == 0 || strcmp(word, "basis") == 0) {
		char **slot = word[0] == 't' ? &pg->title : word[0] == 'b' ? &pg->basis : NULL;

		if (slot != NULL) {
			free(*slot);
			*slot = fill(arg, v, NULL, -1);
		}
	} else if (strcmp(word, "header") == 0) {
		char *rest = arg, *parent = part(&rest), *body = part(&rest);
		struct pblock *b = block(pg, PB_HEADER, PS_PLAIN, fill(parent, v, NULL, -1));

		b->text2 = fill(body != NULL ? body : "", v, NULL, -1);
	} else if (strcmp(word, "date") == 0)
		block(pg, PB_DATE, PS_ITALIC, fill("{date_line}", v, NULL, -1));
	else if (strcmp(word, "heading") == 0)
		block(pg, PB_HEADING, PS_BOLD, xdup(pg->title));
	else if (strcmp(word, "center") == 0)
		block(pg, PB_CENTER, PS_PLAIN, fill(arg, v, NULL, -1));
	else if (strcmp(word, "bold") == 0 || strcmp(word, "italic") == 0)
		block(pg, PB_PARA, word[0] == 'b' ? PS_BOLD : PS_ITALIC, fill(arg, v, NULL, -1));
	else if (strcmp(word, "qr") == 0)
		block(pg, PB_QR, PS_PLAIN, fill(arg, v, NULL, -1));
	else if (strcmp(word, "table") == 0)
		return table(pg, arg, v, where, err);
	else if (strcmp(word, "sign") == 0)
		sign(pg, arg, v);
	else if (strcmp(word, "list") == 0) {
		char *text = arg + strcspn(arg, " \t");
		const struct plist *l;
		int r;

		if (*text != '\0')
			*text++ = '\0';
		if ((l = pvals_find_list(v, arg)) == NULL)
			return mc_fail(err, MC_EINVAL, _("%s: @list of an unknown list '%s'"), where, arg);
		for (r = 0; r < l->nrows; r++)
			block(pg, PB_PARA, PS_PLAIN, fill(trim(text), v, l, r));
	} else
		return mc_fail(err, MC_EINVAL, _("%s: unknown directive @%s"), where, word);
	return MC_OK;
}

int
ptmpl_expand(const char *path, const struct pvals *v, struct ppage *pg,
    struct mc_error *err)
{
	char line[LINE_MAX_BYTES], where[LINE_MAX_BYTES + 32];
	int stack[IF_DEPTH], depth = 0, n = 0, rc = MC_OK;
	const char *base = strrchr(path, '/');
	FILE *fp;

	memset(pg, 0, sizeof *pg);
	if ((fp = fopen(path, "r")) == NULL)
		return mc_fail(err, MC_ENOTFOUND, _("the form template %s cannot be read"), path);
	while (rc == MC_OK && fgets(line, sizeof line, fp) != NULL) {
		char *s;

		n++;
		line[strcspn(line, "\n")] = '\0';
		snprintf(where, sizeof where, _("%s, line %d"), base != NULL ? base + 1 : path, n);
		s = trim(line);
		if (*s == '#')
			continue;
		if (*s == '@')
			rc = directive(pg, s + 1, v, stack, &depth, where, err);
		else if (depth > 0 && !stack[depth - 1])
			continue;
		else if (*s == '\0')
			block(pg, PB_SPACE, PS_PLAIN, NULL);
		else
			block(pg, PB_PARA, PS_PLAIN, fill(s, v, NULL, -1));
	}
	if (rc == MC_OK && ferror(fp))
		rc = mc_fail(err, MC_EIO, _("the form template %s cannot be read"), path);
	if (rc == MC_OK && depth != 0)
		rc = mc_fail(err, MC_EINVAL, _("%s: @if without @end"), base != NULL ? base + 1 : path);
	fclose(fp);
	if (rc == MC_OK && pg->title == NULL)
		pg->title = xdup("");
	if (rc == MC_OK && pg->basis == NULL)
		pg->basis = xdup("");
	return rc;
}

int
ptmpl_peek(const char *path, char *kind, size_t nk, char *title, size_t nt)
{
	char line[LINE_MAX_BYTES];
	FILE *fp = fopen(path, "r");

	kind[0] = title[0] = '\0';
	if (fp == NULL)
		return MC_ENOTFOUND;
	while (fgets(line, sizeof line, fp) != NULL) {
		char *s = trim(line);

		s[strcspn(s, "\n")] = '\0';
		if (strncmp(s, "@kind ", 6) == 0)
			snprintf(kind, nk, "%s", trim(s + 6));
		else if (strncmp(s, "@title ", 7) == 0)
			snprintf(title, nt, "%s", trim(s + 7));
		if (kind[0] != '\0' && title[0] != '\0')
			break;
	}
	fclose(fp);
	return MC_OK;
}
