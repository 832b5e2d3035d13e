/* out.c -- text, TSV and JSON output for the sub-commands; see out.h. */
#include "config.h"


#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "out.h"
#include "text.h"

struct out {
	enum out_format f;
	const char *const *keys;
	int ncols;
	char **cells;		/* rows * ncols, owned */
	size_t nrows, cap;
};

/* ---- unaccenting filter for terminals that cannot show Vietnamese ---- */

struct filter {
	FILE *to;
	char line[4096];
	size_t n;
};

static void
filter_flush(struct filter *f)
{
	char *plain;

	f->line[f->n] = '\0';
	plain = text_unaccent(f->line);
	fputs(plain != NULL ? plain : f->line, f->to);
	free(plain);
	f->n = 0;
}

static ssize_t
filter_write(void *cookie, const char *buf, size_t size)
{
	struct filter *f = cookie;
	size_t i;

	for (i = 0; i < size; i++) {
		f->line[f->n++] = buf[i];
		/* Cut at a newline, or when full at an ASCII byte (never inside a character). */
		if (buf[i] == '\n' || (f->n >= sizeof f->line - 8 && (buf[i] & 0x80) == 0))
			filter_flush(f);
	}
	return (ssize_t)size;
}

static int
filter_close(void *cookie)
{
	struct filter *f = cookie;

	if (f->n > 0)
		filter_flush(f);
	fflush(f->to);
	free(f);
	return 0;
}

static FILE *
filtered(int fd, const char *mode)
{
	cookie_io_functions_t io = { .write = filter_write, .close = filter_close };
	struct filter *f = calloc(1, sizeof *f);
	FILE *fp;

	if (f == NULL || (f->to = fdopen(fd, mode)) == NULL) {
		free(f);
		return NULL;
	}
	if ((fp = fopencookie(f, "w", io)) == NULL)
		free(f);
	return fp;
}

static FILE *filtered_out, *filtered_err;

/* At exit: flush what the filters hold and free them. */
static void
out_close(void)
{
	if (filtered_out != NULL)
		fclose(filtered_out);
	if (filtered_err != NULL)
		fclose(filtered_err);
	filtered_out = filtered_err = NULL;
}

void
out_init(void)
{
	FILE *o, *e;

	if (mc_locale_utf8())
		return;
	fflush(stdout);
	fflush(stderr);
	if ((o = filtered(dup(1), "w")) != NULL)
		stdout = filtered_out = o;
	if ((e = filtered(dup(2), "w")) != NULL) {
		setvbuf(e, NULL, _IOLBF, 0);
		stderr = filtered_err = e;
	}
	atexit(out_close);
}

int
out_format_parse(const char *s)
{
	if (strcmp(s, "text") == 0)
		return OUT_TEXT;
	if (strcmp(s, "tsv") == 0)
		return OUT_TSV;
	if (strcmp(s, "json") == 0)
		return OUT_JSON;
	return -1;
}

/* ---- tables ---- */

struct out *
out_table(enum out_format f, const char *const *keys, int ncols)
{
	struct out *o = calloc(1, sizeof *o);

	if (o == NULL)
		abort();
	o->f = f;
	o->keys = keys;
	o->ncols = ncols;
	return o;
}

void
out_row(struct out *o, const char *const *vals)
{
	int i;

	if (o->nrows == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->cells = realloc(o->cells, o->cap * (size_t)o->ncols * sizeof *o->cells);
		if (o->cells == NULL)
			abort();
	}
	for (i = 0; i < o->ncols; i++) {
		/* Text and TSV may reach a terminal: never a control character raw. */
		char *v = o->f == OUT_JSON ? strdup(vals[i] != NULL ? vals[i] : "") :
		    text_printable(vals[i] != NULL ? vals[i] : "");

		if (v == NULL)
			abort();
		o->cells[o->nrows * (size_t)o->ncols + (size_t)i] = v;
	}
	o->nrows++;
}

/* TSV: tabs and newlines inside a value become spaces. */
static void
tsv_cell(const char *v)
{
	for (; *v != '\0'; v++)
		putchar(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v);
}

static void
pad(const char *v, int width, int last)
{
	int w = text_width(v);

	fputs(v, stdout);
	if (!last)
		printf("%*s", width - (w < 0 ? (int)strlen(v) : w) + 2, "");
}

static void
print_text(struct out *o)
{
	int *width = calloc((size_t)o->ncols, sizeof *width), i, w;
	size_t r;

	if (width == NULL)
		abort();
	for (i = 0; i < o->ncols; i++)
		width[i] = (int)strlen(o->keys[i]);
	for (r = 0; r < o->nrows; r++)
		for (i = 0; i < o->ncols; i++) {
			w = text_width(o->cells[r * (size_t)o->ncols + (size_t)i]);
			if (w > width[i])
				width[i] = w;
		}
	for (i = 0; i < o->ncols; i++)
		pad(o->keys[i], width[i], i == o->ncols - 1);
	putchar('\n');
	for (r = 0; r < o->nrows; r++) {
		for (i = 0; i < o->ncols; i++)
			pad(o->cells[r * (size_t)o->ncols + (size_t)i], width[i], i == o->ncols - 1);
		putchar('\n');
	}
	free(width);
}

void
out_end(struct out *o)
{
	json_t *arr, *obj;
	size_t r;
	int i;

	if (o->f == OUT_TEXT) {
		print_text(o);
	} else if (o->f == OUT_TSV) {
		for (i = 0; i < o->ncols; i++)
			printf("%s%s", i ? "\t" : "", o->keys[i]);
		putchar('\n');
		for (r = 0; r < o->nrows; r++) {
			for (i = 0; i < o->ncols; i++) {
				if (i)
					putchar('\t');
				tsv_cell(o->cells[r * (size_t)o->ncols + (size_t)i]);
			}
			putchar('\n');
		}
	} else {
		arr = json_array();
		for (r = 0; r < o->nrows; r++) {
			obj = json_object();
			for (i = 0; i < o->ncols; i++)
				json_object_set_new(obj, o->keys[i],
				    json_string(o->cells[r * (size_t)o->ncols + (size_t)i]));
			json_array_append_new(arr, obj);
		}
		json_dumpf(arr, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(arr);
	}
	for (r = 0; r < o->nrows * (size_t)o->ncols; r++)
		free(o->cells[r]);
	free(o->cells);
	free(o);
}

void
out_record(enum out_format f, const char *const *keys, const char *const *labels,
    const char *const *vals, int n)
{
	json_t *obj;
	int i, w, width = 0;

	if (f == OUT_JSON) {
		obj = json_object();
		for (i = 0; i < n; i++)
			json_object_set_new(obj, keys[i], json_string(vals[i] != NULL ? vals[i] : ""));
		json_dumpf(obj, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(obj);
		return;
	}
	for (i = 0; i < n; i++) {
		w = text_width(labels != NULL ? labels[i] : keys[i]);
		if (w > width)
			width = w;
	}
	for (i = 0; i < n; i++) {
		char *v = text_printable(vals[i] != NULL ? vals[i] : "");

		if (v == NULL)
			abort();
		if (f == OUT_TSV) {
			printf("%s\t", keys[i]);
			tsv_cell(v);
			putchar('\n');
		} else {
			const char *l = labels != NULL ? labels[i] : keys[i];

			printf("%s:%*s %s\n", l, width - text_width(l), "", v);
		}
		free(v);
	}
}
