/* out.c -- text, TSV and JSON output for the sub-commands; see out.h. */
#include "config.h"


#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "mctime.h"
#include "out.h"
#include "text.h"

struct out {
	enum out_format f;
	const struct out_col *cols;
	int ncols;
	const char **labels;	/* a record's labels (ncols, NULL: the keys), owned array */
	char **cells;		/* rows * ncols, owned; NULL is none */
	size_t nrows, cap;
	int record;		/* one row shown as a record */
	const char *key, *title;	/* a nested table: its key and heading */
	struct out *nested, *next;	/* a record's tables, in order */
};

static char zone[128];

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
out_init(enum out_format f)
{
	FILE *o, *e;

	if (mc_locale_utf8())
		return;
	fflush(stdout);
	fflush(stderr);
	/* TSV and JSON are data for programs: exact UTF-8 whatever the locale. */
	if (f == OUT_TEXT && (o = filtered(dup(1), "w")) != NULL)
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

void
out_zone(const char *z)
{
	snprintf(zone, sizeof zone, "%s", z != NULL ? z : "");
}

/* ---- values ---- */

static int
is_true(const char *v)
{
	return strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "yes") == 0;
}

static int
is_false(const char *v)
{
	return strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "no") == 0;
}

/* A JSON string of v; bytes that are not UTF-8 (never stored, but never trusted) '?'. */
static json_t *
jstring(const char *v)
{
	json_t *j = json_string(v);
	char *copy, *p;
	int32_t cp;
	int k;

	if (j != NULL || (copy = strdup(v)) == NULL)
		return j;
	for (p = copy; *p != '\0'; p += k)
		if ((k = text_next(p, SIZE_MAX, &cp)) < 0) {
			*p = '?';	/* a byte that starts no character */
			k = 1;
		}
	j = json_string(copy);
	free(copy);
	return j != NULL ? j : json_string("?");
}

/* The JSON value of v in column col. */
static json_t *
jvalue(const struct out_col *col, const char *v)
{
	char iso[MC_ISO_BUF], *end;
	long long n;
	double d;
	json_t *j;

	if (v == NULL || (*v == '\0' && col->type != OUT_STR))
		return json_null();
	switch (col->type) {
	case OUT_INT:
		n = strtoll(v, &end, 10);
		return *end == '\0' ? json_integer(n) : jstring(v);
	case OUT_REAL:
		d = strtod(v, &end);
		return *end == '\0' ? json_real(d) : jstring(v);
	case OUT_BOOL:
		return is_true(v) ? json_true() : is_false(v) ? json_false() : jstring(v);
	case OUT_TIME:
		return mc_time_iso(v, zone, iso) == 0 ? json_string(iso) : jstring(v);
	case OUT_UTC:
		return mc_time_iso(v, "UTC", iso) == 0 ? json_string(iso) : jstring(v);
	case OUT_OBJ:
		j = json_loads(v, JSON_DECODE_ANY, NULL);
		return j != NULL ? j : jstring(v);
	default:
		return jstring(v);
	}
}

/* v as people read it. */
static const char *
words(const struct out_col *col, const char *v)
{
	if (v == NULL)
		return "";
	if (col->type == OUT_BOOL && *v != '\0')
		return is_true(v) ? _("yes") : is_false(v) ? _("no") : v;
	if (col->words != NULL && *v != '\0')
		return col->words(v);
	return v;
}

/* TSV: the value as JSON has it, bare; tabs and newlines inside become spaces. */
static void
tsv_cell(const struct out_col *col, const char *v)
{
	if (v == NULL)
		return;
	if (col->type == OUT_BOOL && *v != '\0')
		v = is_true(v) ? "true" : is_false(v) ? "false" : v;
	for (; *v != '\0'; v++)
		putchar(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v);
}

#define JSON_FLAGS (JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* Print j indented by one more space than its own indentation, then free it. */
static void
json_put(json_t *j, const char *before, const char *after)
{
	char *s = json_dumps(j, JSON_FLAGS | JSON_ENCODE_ANY), *p;

	fputs(before, stdout);
	for (p = s; p != NULL && *p != '\0'; p++) {
		putchar(*p);
		if (*p == '\n' && *before != '\0')
			putchar(' ');
	}
	fputs(after, stdout);
	free(s);
	json_decref(j);
}

/* ---- tables and records ---- */

static struct out *
out_new(enum out_format f, const struct out_col *cols, int ncols)
{
	struct out *o = calloc(1, sizeof *o);

	if (o == NULL)
		abort();
	o->f = f;
	o->cols = cols;
	o->ncols = ncols;
	return o;
}

struct out *
out_table(enum out_format f, const struct out_col *cols, int ncols)
{
	return out_new(f, cols, ncols);
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
		/* Text and TSV may reach a terminal: never a control character raw; JSON is
		 * data and keeps the value exact (jansson escapes C0 controls). */
		char *v = NULL;

		if (vals[i] != NULL && (v = o->f == OUT_JSON ? strdup(vals[i]) :
		    text_printable(vals[i])) == NULL)
			abort();
		o->cells[o->nrows * (size_t)o->ncols + (size_t)i] = v;
	}
	o->nrows++;
}

struct out *
out_record(enum out_format f, const struct out_col *cols, const char *const *labels,
    const char *const *vals, int n)
{
	struct out *o = out_new(f, cols, n);
	int i;

	o->record = 1;
	if (labels != NULL) {
		if ((o->labels = calloc((size_t)n, sizeof *o->labels)) == NULL)
			abort();
		for (i = 0; i < n; i++)
			o->labels[i] = labels[i];
	}
	out_row(o, vals);
	return o;
}

void
out_set(struct out *r, const char *const *vals)
{
	int i;

	for (i = 0; i < r->ncols; i++)
		free(r->cells[i]);
	r->nrows = 0;
	out_row(r, vals);
}

struct out *
out_nest(struct out *r, const char *key, const char *title, const struct out_col *cols,
    int ncols)
{
	struct out *t = out_new(r->f, cols, ncols), **end = &r->nested;

	t->key = key;
	t->title = title;
	while (*end != NULL)
		end = &(*end)->next;
	*end = t;
	return t;
}

static const char *
cell(const struct out *o, size_t r, int i)
{
	return o->cells[r * (size_t)o->ncols + (size_t)i];
}

/* Text tables keep a column but the last to this many terminal columns: a value
 * longer than that (a procedure's official name runs to 1,200 characters) is cut with
 * "...".  TSV and JSON keep every value whole. */
#define TEXT_COL_MAX	60

static void
pad(const char *v, int width, int last)
{
	int w = text_width(v);
	char *cut;
	size_t n;

	if (w < 0)
		w = (int)strlen(v);
	if (!last && w > width && (cut = strdup(v)) != NULL) {
		for (n = strlen(cut); n > 0 && (w = text_width(cut)) > width - 3; cut[n] = '\0')
			n = text_prev(cut, n);
		printf("%s...", cut);
		free(cut);
		w += 3;
	} else
		fputs(v, stdout);
	if (!last)
		printf("%*s", width - w + 2, "");
}

static void
text_table(const struct out *o)
{
	int *width = calloc((size_t)o->ncols, sizeof *width), i, w;
	size_t r;

	if (width == NULL)
		abort();
	for (i = 0; i < o->ncols; i++)
		width[i] = (int)strlen(o->cols[i].key);
	for (r = 0; r < o->nrows; r++)
		for (i = 0; i < o->ncols; i++) {
			w = text_width(words(&o->cols[i], cell(o, r, i)));
			if (w > width[i])
				width[i] = w < TEXT_COL_MAX ? w : TEXT_COL_MAX;
		}
	for (i = 0; i < o->ncols; i++)
		pad(o->cols[i].key, width[i], i == o->ncols - 1);
	putchar('\n');
	for (r = 0; r < o->nrows; r++) {
		for (i = 0; i < o->ncols; i++)
			pad(words(&o->cols[i], cell(o, r, i)), width[i], i == o->ncols - 1);
		putchar('\n');
	}
	free(width);
}

static void
tsv_table(const struct out *o)
{
	size_t r;
	int i;

	for (i = 0; i < o->ncols; i++)
		printf("%s%s", i ? "\t" : "", o->cols[i].key);
	putchar('\n');
	for (r = 0; r < o->nrows; r++) {
		for (i = 0; i < o->ncols; i++) {
			if (i)
				putchar('\t');
			tsv_cell(&o->cols[i], cell(o, r, i));
		}
		putchar('\n');
	}
}

static json_t *
json_row(const struct out *o, size_t r)
{
	json_t *obj = json_object();
	int i;

	for (i = 0; i < o->ncols; i++)
		json_object_set_new(obj, o->cols[i].key, jvalue(&o->cols[i], cell(o, r, i)));
	return obj;
}

/* A top-level table as JSON, row by row (a year's book is never one tree). */
static void
json_table(const struct out *o)
{
	size_t r;

	if (o->nrows == 0) {
		puts("[]");
		return;
	}
	for (r = 0; r < o->nrows; r++)
		json_put(json_row(o, r), r == 0 ? "[\n " : " ", r + 1 < o->nrows ? ",\n" : "\n]\n");
}

static void
print_record(const struct out *o)
{
	const struct out *t;
	json_t *obj, *arr;
	size_t r;
	int i, w, width = 0;

	if (o->f == OUT_JSON) {
		obj = json_row(o, 0);
		for (t = o->nested; t != NULL; t = t->next) {
			arr = json_array();
			for (r = 0; r < t->nrows; r++)
				json_array_append_new(arr, json_row(t, r));
			json_object_set_new(obj, t->key, arr);
		}
		json_put(obj, "", "\n");
		return;
	}
	for (i = 0; i < o->ncols; i++) {
		w = text_width(o->labels != NULL ? o->labels[i] : o->cols[i].key);
		if (w > width)
			width = w;
	}
	for (i = 0; i < o->ncols; i++) {
		if (o->f == OUT_TSV) {
			printf("%s\t", o->cols[i].key);
			tsv_cell(&o->cols[i], cell(o, 0, i));
			putchar('\n');
		} else {
			const char *l = o->labels != NULL ? o->labels[i] : o->cols[i].key;

			printf("%s:%*s %s\n", l, width - text_width(l), "", words(&o->cols[i], cell(o, 0, i)));
		}
	}
	for (t = o->nested; t != NULL; t = t->next) {
		if (o->f == OUT_TSV) {
			tsv_table(t);
			continue;
		}
		if (t->title != NULL)
			printf("\n%s\n", t->title);
		text_table(t);
	}
}

static void
out_free(struct out *o)
{
	struct out *t, *next;
	size_t r;

	for (t = o->nested; t != NULL; t = next) {
		next = t->next;
		out_free(t);
	}
	for (r = 0; r < o->nrows * (size_t)o->ncols; r++)
		free(o->cells[r]);
	free(o->cells);
	free(o->labels);
	free(o);
}

void
out_end(struct out *o)
{
	if (o->record)
		print_record(o);
	else if (o->f == OUT_TEXT)
		text_table(o);
	else if (o->f == OUT_TSV)
		tsv_table(o);
	else
		json_table(o);
	out_free(o);
}

void
out_print(enum out_format f, const struct out_col *cols, const char *const *labels,
    const char *const *vals, int n)
{
	out_end(out_record(f, cols, labels, vals, n));
}
