/* fuzz-csv.c -- libFuzzer target: the CSV reader (common/csv.c).
 *
 * The input is read as a CSV file from memory (csv_open_mem) and, written to a file,
 * through csv_open_file.  What must hold:
 *  - both readers give the same rows, fields and lines, and end the same way;
 *  - every field is well-formed UTF-8 without NUL and at most CSV_FIELD_MAX bytes; a
 *    row has 1 to CSV_FIELDS_MAX fields; csv_field() past the last is "";
 *  - a row is never a blank line nor a comment; rows start on increasing lines, none
 *    past the input's last line;
 *  - a failure says why (MC_ECSV, MC_EUTF8) and the reader stays at its end;
 *  - csv_column() finds the first field equal to a name (trimmed, any case);
 *  - the rows written out again as CSV, every field quoted, read back the same.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "fuzz.h"

struct rows {
	int n, cap;
	struct row {
		int nf, line;
		char **f;
	} *r;
	int end;		/* 0 at the end of input, -1 after a malformed line */
	struct mc_error err;
};

static void
rows_free(struct rows *t)
{
	for (int i = 0; i < t->n; i++) {
		for (int j = 0; j < t->r[i].nf; j++)
			free(t->r[i].f[j]);
		free(t->r[i].f);
	}
	free(t->r);
}

/* Trimmed of spaces as csv_column() compares: start and length. */
static const char *
trim(const char *f, size_t *len)
{
	while (*f == ' ')
		f++;
	*len = strlen(f);
	while (*len > 0 && f[*len - 1] == ' ')
		(*len)--;
	return f;
}

/* What csv_column(c, name) must answer. */
static int
column_of(const struct csv *c, const char *name)
{
	const char *f;
	size_t n;

	for (int i = 0; i < csv_nfields(c); i++) {
		f = trim(csv_field(c, i), &n);
		if (n == strlen(name) && strncasecmp(f, name, n) == 0)
			return i;
	}
	return -1;
}

/* Read every row of c into t, checking each. */
static void
read_all(struct csv *c, struct rows *t, int maxline)
{
	const char *f, *tf;
	char name[128];
	size_t len, tn;
	int rc, i, got, want;

	mc_error_clear(&t->err);
	while ((rc = csv_next(c, &t->err)) == 1) {
		int nf = csv_nfields(c);

		FUZZ_CHECK(nf >= 1 && nf <= CSV_FIELDS_MAX, "row of %d fields", nf);
		FUZZ_CHECK(*csv_field(c, nf) == '\0' && *csv_field(c, -1) == '\0',
		    "csv_field past the row is not empty");
		FUZZ_CHECK(!(nf == 1 && *csv_field(c, 0) == '\0'), "a blank line came back as a row");
		FUZZ_CHECK(csv_field(c, 0)[0] != '#', "a comment came back as a row: %s",
		    fuzz_quote(csv_field(c, 0)));
		FUZZ_CHECK(csv_line(c) >= 1 && csv_line(c) <= maxline,
		    "row on line %d of an input of %d lines", csv_line(c), maxline);
		FUZZ_CHECK(t->n == 0 || csv_line(c) > t->r[t->n - 1].line,
		    "row %d starts on line %d, the row before it on line %d", t->n + 1, csv_line(c),
		    t->r[t->n - 1].line);
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 16;
			if ((t->r = realloc(t->r, (size_t)t->cap * sizeof *t->r)) == NULL)
				abort();
		}
		t->r[t->n].nf = nf;
		t->r[t->n].line = csv_line(c);
		if ((t->r[t->n].f = calloc((size_t)nf, sizeof(char *))) == NULL)
			abort();
		for (i = 0; i < nf; i++) {
			f = csv_field(c, i);
			len = strlen(f);
			FUZZ_CHECK(len <= CSV_FIELD_MAX, "field of %zu bytes", len);
			FUZZ_CHECK(fuzz_utf8_valid(f, len, 0), "field %d of line %d is not UTF-8: %s",
			    i + 1, csv_line(c), fuzz_quote(f));
			if ((t->r[t->n].f[i] = strdup(f)) == NULL)
				abort();
		}
		t->n++;
		/* csv_column: each field's own trimmed text finds it or an equal one before. */
		for (i = 0; i < nf; i++) {
			tf = trim(csv_field(c, i), &tn);
			if (tn >= sizeof name)
				continue;
			memcpy(name, tf, tn);
			name[tn] = '\0';
			got = csv_column(c, name);
			want = column_of(c, name);
			FUZZ_CHECK(got == want && want >= 0 && want <= i,
			    "csv_column(%s) = %d, expected %d", fuzz_quote(name), got, want);
		}
		got = csv_column(c, "date");
		want = column_of(c, "date");
		FUZZ_CHECK(got == want, "csv_column(\"date\") = %d, expected %d", got, want);
	}
	FUZZ_CHECK(rc == 0 || rc == -1, "csv_next returned %d", rc);
	t->end = rc;
	if (rc < 0) {
		FUZZ_CHECK(t->err.code == MC_ECSV || t->err.code == MC_EUTF8,
		    "a malformed line gave %s", mc_codename(t->err.code));
		fuzz_check_error(&t->err, t->err.code, 1);
		FUZZ_CHECK(t->err.msg[0] != '\0', "a malformed line without a message");
	} else {
		FUZZ_CHECK(csv_next(c, NULL) == 0, "csv_next after the end is not the end");
	}
}

static void
same_rows(const struct rows *a, const struct rows *b, int lines, const char *what)
{
	FUZZ_CHECK(a->n == b->n, "%s: %d rows, then %d", what, a->n, b->n);
	for (int i = 0; i < a->n; i++) {
		FUZZ_CHECK(a->r[i].nf == b->r[i].nf, "%s: row %d has %d fields, then %d", what,
		    i + 1, a->r[i].nf, b->r[i].nf);
		FUZZ_CHECK(!lines || a->r[i].line == b->r[i].line, "%s: row %d on line %d, then %d",
		    what, i + 1, a->r[i].line, b->r[i].line);
		for (int j = 0; j < a->r[i].nf; j++)
			FUZZ_CHECK(strcmp(a->r[i].f[j], b->r[i].f[j]) == 0,
			    "%s: row %d field %d is %s, then %s", what, i + 1, j + 1,
			    fuzz_quote(a->r[i].f[j]), fuzz_quote(b->r[i].f[j]));
	}
}

/* The rows as CSV with every field quoted. */
static char *
write_csv(const struct rows *t, size_t *len)
{
	size_t cap = 64, n = 0, need;
	char *out = malloc(cap), *p;

	if (out == NULL)
		abort();
	for (int i = 0; i < t->n; i++) {
		for (int j = 0; j < t->r[i].nf; j++) {
			need = 2 * strlen(t->r[i].f[j]) + 4;
			if (n + need >= cap) {
				while (n + need >= cap)
					cap *= 2;
				if ((out = realloc(out, cap)) == NULL)
					abort();
			}
			out[n++] = '"';
			for (p = t->r[i].f[j]; *p != '\0'; p++) {
				if (*p == '"')
					out[n++] = '"';
				out[n++] = *p;
			}
			out[n++] = '"';
			out[n++] = j + 1 < t->r[i].nf ? ',' : '\n';
		}
	}
	*len = n;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rows mem = { 0 }, file = { 0 }, again = { 0 };
	struct mc_error err;
	struct csv *c;
	char path[600], *out;
	size_t i, outlen;
	int lines = 1;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n' || data[i] == '\r';

	FUZZ_CHECK(csv_open_mem((const char *)data, size, &c, &err) == MC_OK, "csv_open_mem failed");
	read_all(c, &mem, lines);
	csv_close(c);

	fuzz_write_file(fuzz_scratch("in.csv", path, sizeof path), data, size);
	FUZZ_CHECK(csv_open_file(path, &c, &err) == MC_OK, "csv_open_file failed: %s",
	    mc_message(&err));
	read_all(c, &file, lines);
	csv_close(c);
	same_rows(&mem, &file, 1, "from memory, then from a file");
	FUZZ_CHECK(mem.end == file.end && mem.err.code == file.err.code &&
	    strcmp(mem.err.msg, file.err.msg) == 0,
	    "from memory the end is %d (%s), from a file %d (%s)", mem.end, mem.err.msg,
	    file.end, file.err.msg);

	out = write_csv(&mem, &outlen);
	FUZZ_CHECK(csv_open_mem(out, outlen, &c, &err) == MC_OK, "csv_open_mem failed");
	read_all(c, &again, 1 + (int)outlen);
	csv_close(c);
	FUZZ_CHECK(again.end == 0, "the rows written out again do not read back: %s",
	    again.err.msg);
	same_rows(&mem, &again, 0, "read, then written out and read again");

	free(out);
	rows_free(&mem);
	rows_free(&file);
	rows_free(&again);
	return 0;
}
