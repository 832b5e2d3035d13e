/* csv.c -- RFC 4180 reading with bounds and UTF-8 checks; see csv.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "csv.h"
#include "i18n.h"

struct csv {
	FILE *fp;		/* owned unless it is stdin; NULL for memory input */
	const char *mem;	/* memory input (caller's) */
	size_t memlen, mempos;
	int line;		/* line of the next character */
	int rowline;		/* line where the current row started */
	int eof;		/* 1 once the last row has been read */
	char *buf;		/* all fields of the row, NUL-separated */
	size_t len, cap;
	size_t off[CSV_FIELDS_MAX];
	int nf;
	int pb[4];		/* pushed-back characters, last pushed first out */
	int npb;
};

static int
get(struct csv *c)
{
	int ch;

	if (c->npb > 0) {
		ch = c->pb[--c->npb];
	} else if (c->fp != NULL) {
		ch = getc(c->fp);
	} else {
		ch = c->mempos < c->memlen ? (unsigned char)c->mem[c->mempos++] : EOF;
	}
	if (ch == '\n')
		c->line++;
	return ch;
}

static void
unget(struct csv *c, int ch)
{
	if (ch == '\n')
		c->line--;
	if (c->npb < 4)
		c->pb[c->npb++] = ch;
}

static struct csv *
csv_new(void)
{
	struct csv *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->line = 1;
	c->cap = 256;
	if ((c->buf = malloc(c->cap)) == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

static void
skip_bom(struct csv *c)
{
	int a = get(c), b, d;

	if (a != 0xEF) {
		unget(c, a);
		return;
	}
	b = get(c);
	d = get(c);
	if (b != 0xBB || d != 0xBF) {
		/* Not a BOM: give the bytes back as data (the UTF-8 check judges them). */
		unget(c, d);
		unget(c, b);
		unget(c, a);
	}
}

int
csv_open_file(const char *path, struct csv **out, struct mc_error *err)
{
	struct csv *c = csv_new();

	if (c == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (strcmp(path, "-") == 0)
		c->fp = stdin;
	else if ((c->fp = fopen(path, "rb")) == NULL) {
		int e = errno;

		free(c->buf);
		free(c);
		return mc_fail(err, e == ENOENT ? MC_ENOTFOUND : MC_EIO,
		    _("cannot open %s: %s"), path, strerror(e));
	}
	skip_bom(c);
	*out = c;
	return MC_OK;
}

int
csv_open_mem(const char *buf, size_t len, struct csv **out, struct mc_error *err)
{
	struct csv *c = csv_new();

	if (c == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	c->mem = buf;
	c->memlen = len;
	skip_bom(c);
	*out = c;
	return MC_OK;
}

void
csv_close(struct csv *c)
{
	if (c == NULL)
		return;
	if (c->fp != NULL && c->fp != stdin)
		fclose(c->fp);
	free(c->buf);
	free(c);
}

static int
put(struct csv *c, int ch)
{
	if (c->len + 1 >= c->cap) {
		size_t ncap = c->cap * 2;
		char *nb = realloc(c->buf, ncap);

		if (nb == NULL)
			return -1;
		c->buf = nb;
		c->cap = ncap;
	}
	c->buf[c->len++] = (char)ch;
	return 0;
}

static int
valid_utf8(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	while (n > 0) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
		if (k <= 0 || cp == 0)
			return 0;
		s += k;
		n -= (size_t)k;
	}
	return 1;
}

/* End the current field; check its size and encoding. */
static int
end_field(struct csv *c, struct mc_error *err)
{
	size_t start = c->off[c->nf];

	if (c->len - start > CSV_FIELD_MAX)
		return mc_fail(err, MC_ECSV, _("line %d: field %d is too long"), c->rowline, c->nf + 1);
	if (!valid_utf8(c->buf + start, c->len - start))
		return mc_fail(err, MC_EUTF8, _("line %d: field %d is not valid UTF-8 text"),
		    c->rowline, c->nf + 1);
	if (put(c, '\0'))
		return mc_fail(err, MC_ENOMEM, NULL);
	if (++c->nf >= CSV_FIELDS_MAX)
		return mc_fail(err, MC_ECSV, _("line %d: too many fields"), c->rowline);
	c->off[c->nf] = c->len;
	return MC_OK;
}

/* Read one row; comment and blank lines are skipped by the caller. */
static int
read_row(struct csv *c, struct mc_error *err)
{
	int ch, quoted = 0, after_quote = 0;

	c->len = 0;
	c->nf = 0;
	c->off[0] = 0;
	c->rowline = c->line;
	for (;;) {
		ch = get(c);
		if (quoted) {
			if (ch == EOF)
				return mc_fail(err, MC_ECSV, _("line %d: a quoted field is not closed"), c->rowline);
			if (ch == '"') {
				int nx = get(c);

				if (nx == '"') {
					if (put(c, '"'))
						return mc_fail(err, MC_ENOMEM, NULL);
					continue;
				}
				unget(c, nx);
				quoted = 0;
				after_quote = 1;
				continue;
			}
			if (c->len - c->off[c->nf] > CSV_FIELD_MAX)
				return mc_fail(err, MC_ECSV, _("line %d: field %d is too long"), c->rowline, c->nf + 1);
			if (put(c, ch))
				return mc_fail(err, MC_ENOMEM, NULL);
			continue;
		}
		if (ch == '\r') {	/* CRLF, or a lone CR (old Mac files): one line break */
			int nx = get(c);

			if (nx != '\n') {
				unget(c, nx);
				c->line++;
			}
			ch = '\n';
		}
		if (ch == EOF || ch == '\n' || ch == ',') {
			if (end_field(c, err))
				return err != NULL ? err->code : MC_ECSV;
			if (ch != ',') {
				if (ch == EOF)
					c->eof = 1;
				return MC_OK;
			}
			after_quote = 0;
			continue;
		}
		if (after_quote) {
			if (ch == ' ' || ch == '\t')
				continue;
			return mc_fail(err, MC_ECSV, _("line %d: text after a closing quote"), c->rowline);
		}
		if (ch == '"' && c->len == c->off[c->nf]) {
			quoted = 1;
			continue;
		}
		if (c->len - c->off[c->nf] > CSV_FIELD_MAX)
			return mc_fail(err, MC_ECSV, _("line %d: field %d is too long"), c->rowline, c->nf + 1);
		if (put(c, ch))
			return mc_fail(err, MC_ENOMEM, NULL);
	}
}

int
csv_next(struct csv *c, struct mc_error *err)
{
	for (;;) {
		if (c->eof == 1)
			return 0;
		if (read_row(c, err) != MC_OK)
			return -1;
		if (c->nf == 1 && c->buf[0] == '\0')
			continue;		/* blank line */
		if (c->buf[0] == '#')
			continue;		/* comment */
		return 1;
	}
}

int
csv_nfields(const struct csv *c)
{
	return c->nf;
}

const char *
csv_field(const struct csv *c, int i)
{
	if (i < 0 || i >= c->nf)
		return "";
	return c->buf + c->off[i];
}

int
csv_line(const struct csv *c)
{
	return c->rowline;
}

int
csv_column(const struct csv *c, const char *name)
{
	int i;

	for (i = 0; i < c->nf; i++) {
		const char *f = csv_field(c, i);
		size_t n;

		while (*f == ' ')
			f++;
		n = strlen(f);
		while (n > 0 && f[n - 1] == ' ')
			n--;
		if (n == strlen(name) && strncasecmp(f, name, n) == 0)
			return i;
	}
	return -1;
}
