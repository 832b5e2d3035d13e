/* holiday.c -- the office calendar from the store (settings "week", "hours",
 * "sameday.cutoff" and the table holiday), the table's rows for a period, and the
 * import of a holiday CSV (data/holidays/YYYY.csv, or an office's own) into it.
 *
 * An import reads and checks the whole file first, collecting every bad line, and
 * writes nothing unless all are good; the writing is one transaction, with an audit
 * row, so a crash or a busy database leaves the table as it was.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "csv.h"
#include "i18n.h"
#include "store.h"
#include "text.h"

#define HOLIDAY_MAX_ROWS 5000	/* a year is a few dozen rows; more is not a holiday file */
#define HOLIDAY_NAME_MAX 200	/* bytes */

/*
 * Loading.
 */

static int
load_days(struct store *st, struct calendar *cal, struct mc_error *err)
{
	sqlite3_stmt *s;
	const char *text;
	mc_day day;
	int rc;

	if ((rc = store_prepare(st,
	    "SELECT day, kind, provisional FROM holiday ORDER BY day", &s, err)) != MC_OK)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		text = store_col_text(s, 0);
		if (mc_date_parse(text, &day) != 0) {
			rc = mc_fail(err, MC_EINVAL,
			    _("the holiday table has a bad date '%s': correct it with 'motcua holiday import'"),
			    text);
			sqlite3_reset(s);
			return rc;
		}
		if (calendar_add_day(cal, day, strcmp(store_col_text(s, 1), "work") == 0,
		    sqlite3_column_int(s, 2)) != MC_OK) {
			sqlite3_reset(s);
			return mc_fail(err, MC_ENOMEM, NULL);
		}
	}
	return store_reset(st, s, rc, err);
}

int
calendar_load(struct store *st, struct calendar *cal, struct mc_error *err)
{
	struct calendar tmp;
	struct mc_error why;
	char *week = store_setting(st, "week");
	char *hours = store_setting(st, "hours");
	char *cutoff = store_setting(st, "sameday.cutoff");
	int rc;

	calendar_default(&tmp);
	if (week == NULL || hours == NULL || cutoff == NULL)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	else if ((rc = calendar_configure(&tmp, week, hours, cutoff, &why)) != MC_OK)
		mc_fail(err, rc, _("the office settings are wrong: %s"), why.msg);
	free(week);
	free(hours);
	free(cutoff);
	if (rc == MC_OK)
		rc = load_days(st, &tmp, err);
	if (rc != MC_OK) {
		calendar_free(&tmp);
		return rc;
	}
	calendar_free(cal);
	*cal = tmp;
	return MC_OK;
}

int
holiday_each(struct store *st, mc_day from, mc_day to,
    int (*fn)(const struct holiday_row *r, void *ctx), void *ctx, struct mc_error *err)
{
	sqlite3_stmt *s;
	char a[MC_TIME_BUF], b[MC_TIME_BUF];
	struct holiday_row r;
	int rc;

	if ((rc = store_prepare(st,
	    "SELECT day, name, kind, provisional FROM holiday WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
	    &s, err)) != MC_OK)
		return rc;
	mc_date_format(from, a);
	mc_date_format(to, b);
	sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (mc_date_parse(store_col_text(s, 0), &r.day) != 0)
			continue;	/* calendar_load() reports it */
		r.name = store_col_text(s, 1);
		r.work = strcmp(store_col_text(s, 2), "work") == 0;
		r.provisional = sqlite3_column_int(s, 3) != 0;
		if (fn(&r, ctx) != 0)
			break;
	}
	return store_reset(st, s, rc, err);
}

/*
 * Importing.
 */

struct import_row {
	mc_day day;
	char *name;		/* owned */
	int work;
	int provisional;
	int line;
};

struct import {
	const char *base;	/* the file's name without its folder, for messages */
	struct import_row *rows;
	size_t n, cap;
	char problems[400];	/* "line 4: ...; line 7: ..." as many as fit */
	size_t plen;
	int nproblems, shown;
	int code;		/* MC_ECSV, or the reader's code (MC_EUTF8) */
};

static void problem(struct import *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Note one bad line; all are counted, as many as fit are kept for the message. */
static void
problem(struct import *im, const char *fmt, ...)
{
	char one[256];
	size_t len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(one, sizeof one, fmt, ap);
	va_end(ap);
	im->nproblems++;
	len = strlen(one);
	if (im->plen + len + 3 > sizeof im->problems)
		return;
	if (im->plen > 0) {
		memcpy(im->problems + im->plen, "; ", 2);
		im->plen += 2;
	}
	memcpy(im->problems + im->plen, one, len + 1);
	im->plen += len;
	im->shown++;
}

static void
import_free(struct import *im)
{
	size_t i;

	for (i = 0; i < im->n; i++)
		free(im->rows[i].name);
	free(im->rows);
}

/* Field i of the current row without surrounding blanks, copied into buf. */
static const char *
trimmed(const struct csv *c, int i, char *buf, size_t size)
{
	const char *f = csv_field(c, i);
	size_t n;

	while (*f == ' ' || *f == '\t')
		f++;
	n = strlen(f);
	while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\t'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, f, n);
	buf[n] = '\0';
	return buf;
}

struct columns {
	int date, name, kind, provisional;	/* -1 when absent */
	int n;					/* fields in the header */
};

static int
read_header(struct csv *c, const char *base, struct columns *col, struct mc_error *err)
{
	static const char *const known[] = { "date", "name", "kind", "provisional" };
	char seen[128], field[64];
	size_t len = 0, k;
	int i;

	seen[0] = '\0';
	for (i = 0; i < csv_nfields(c); i++) {
		trimmed(c, i, field, sizeof field);
		if (len < sizeof seen)
			len += (size_t)snprintf(seen + len, sizeof seen - len, "%s%s", i > 0 ? "," : "", field);
	}
	col->date = csv_column(c, "date");
	col->name = csv_column(c, "name");
	col->kind = csv_column(c, "kind");
	col->provisional = csv_column(c, "provisional");
	col->n = csv_nfields(c);
	if (col->date < 0 || col->name < 0)
		return mc_fail(err, MC_ECSV,
		    _("%s: the first line must be the header date,name (optionally also kind,provisional), not '%s'; nothing was imported"),
		    base, seen);
	for (i = 0; i < csv_nfields(c); i++) {
		trimmed(c, i, field, sizeof field);
		for (k = 0; k < sizeof known / sizeof known[0]; k++)
			if (strcasecmp(field, known[k]) == 0)
				break;
		if (k == sizeof known / sizeof known[0])
			return mc_fail(err, MC_ECSV,
			    _("%s: unknown column '%s' in the header; the columns are date,name and optionally kind,provisional; nothing was imported"),
			    base, field);
	}
	return MC_OK;
}

/* Check the current row; keep it when good, note a problem when not. */
static void
take_row(struct import *im, const struct csv *c, const struct columns *col)
{
	struct import_row r = { .line = csv_line(c) };
	char date[48], name[HOLIDAY_NAME_MAX + 2], kind[48], prov[48];
	struct mc_error why;
	struct import_row *nr;
	size_t i;
	int bad = 0;

	/* A missing or extra field shifts the row's meaning: refuse it, do not guess. */
	if (csv_nfields(c) != col->n) {
		problem(im, _("line %d: %d fields where the header has %d (a field with a comma needs quotes)"),
		    r.line, csv_nfields(c), col->n);
		return;
	}
	trimmed(c, col->date, date, sizeof date);
	if (mc_date_parse(date, &r.day) != 0) {
		problem(im, _("line %d: bad date '%s' (expected YYYY-MM-DD)"), r.line, date);
		bad = 1;
	} else {
		for (i = 0; i < im->n; i++)
			if (im->rows[i].day == r.day) {
				problem(im, _("line %d: the date %s is already on line %d"), r.line, date,
				    im->rows[i].line);
				bad = 1;
				break;
			}
	}
	trimmed(c, col->name, name, sizeof name);
	if (name[0] == '\0') {
		problem(im, _("line %d: the name is empty"), r.line);
		bad = 1;
	} else if (strlen(name) > HOLIDAY_NAME_MAX) {
		problem(im, _("line %d: the name is longer than %d bytes"), r.line, HOLIDAY_NAME_MAX);
		bad = 1;
	} else if (text_check(name, TEXT_LINE, _("the name"), &why) != MC_OK) {
		problem(im, _("line %d: %s"), r.line, mc_message(&why));
		bad = 1;
	}
	trimmed(c, col->kind, kind, sizeof kind);
	if (kind[0] == '\0' || strcasecmp(kind, "off") == 0)
		r.work = 0;
	else if (strcasecmp(kind, "work") == 0)
		r.work = 1;
	else {
		problem(im, _("line %d: bad kind '%s' (expected off or work)"), r.line, kind);
		bad = 1;
	}
	trimmed(c, col->provisional, prov, sizeof prov);
	if (prov[0] == '\0' || strcmp(prov, "0") == 0 || strcasecmp(prov, "no") == 0)
		r.provisional = 0;
	else if (strcmp(prov, "1") == 0 || strcasecmp(prov, "yes") == 0)
		r.provisional = 1;
	else {
		problem(im, _("line %d: bad provisional '%s' (expected 0, 1, yes or no)"), r.line, prov);
		bad = 1;
	}
	if (bad)
		return;
	if (im->n == im->cap) {
		size_t ncap = im->cap ? im->cap * 2 : 32;

		if ((nr = realloc(im->rows, ncap * sizeof *nr)) == NULL) {
			im->code = MC_ENOMEM;
			problem(im, "%s", mc_strerror(MC_ENOMEM));
			return;
		}
		im->rows = nr;
		im->cap = ncap;
	}
	if ((r.name = strdup(name)) == NULL) {
		im->code = MC_ENOMEM;
		problem(im, "%s", mc_strerror(MC_ENOMEM));
		return;
	}
	im->rows[im->n++] = r;
}

/* Read and check every row of c into im. */
static void
read_rows(struct import *im, struct csv *c, const struct columns *col)
{
	struct mc_error cerr;
	int rc;

	mc_error_clear(&cerr);
	while ((rc = csv_next(c, &cerr)) == 1) {
		if (im->n + (size_t)im->nproblems >= HOLIDAY_MAX_ROWS) {
			problem(im, _("line %d: too many rows (at most %d)"), csv_line(c),
			    HOLIDAY_MAX_ROWS);
			return;
		}
		take_row(im, c, col);
	}
	if (rc < 0) {
		/* The reader cannot go on past a malformed line. */
		im->code = cerr.code != MC_OK ? cerr.code : MC_ECSV;
		problem(im, "%s", mc_message(&cerr));
	}
}

static int
write_rows(struct store *st, const struct import *im, const char *actor,
    struct mc_error *err)
{
	char date[MC_TIME_BUF], last[MC_TIME_BUF], at[MC_TIME_BUF], detail[256];
	mc_day lo, hi;
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	for (i = 0; i < im->n; i++) {
		if ((rc = store_prepare(st,
		    "INSERT INTO holiday(day, name, kind, provisional) VALUES (?1, ?2, ?3, ?4) "
		    "ON CONFLICT(day) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
		    "provisional = excluded.provisional", &s, err)) != MC_OK)
			goto out;
		mc_date_format(im->rows[i].day, date);
		sqlite3_bind_text(s, 1, date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, im->rows[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, im->rows[i].work ? "work" : "off", -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 4, im->rows[i].provisional);
		if ((rc = store_step_done(st, s, err)) != MC_OK)
			goto out;
	}
	if (im->n > 0) {
		lo = hi = im->rows[0].day;
		for (i = 1; i < im->n; i++) {
			if (im->rows[i].day < lo)
				lo = im->rows[i].day;
			if (im->rows[i].day > hi)
				hi = im->rows[i].day;
		}
		mc_date_format(lo, date);
		mc_date_format(hi, last);
		snprintf(detail, sizeof detail, "%.100s: %zu rows, %s to %s", im->base, im->n,
		    date, last);
	} else
		snprintf(detail, sizeof detail, "%.100s: 0 rows", im->base);
	mc_time_format(mc_now(), at);
	if ((rc = store_prepare(st, "INSERT INTO audit(at, actor, action, detail) "
	    "VALUES (?1, ?2, 'holiday-import', ?3)", &s, err)) != MC_OK)
		goto out;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, actor != NULL ? actor : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, detail, -1, SQLITE_TRANSIENT);
	rc = store_step_done(st, s, err);
out:
	return store_end(st, rc, err);
}

int
holiday_import(struct store *st, const char *path, const char *actor, int *nrows,
    struct mc_error *err)
{
	struct import im = { .code = MC_ECSV };
	struct columns col;
	struct mc_error cerr;
	struct csv *c;
	char more[64];
	int rc;

	*nrows = 0;
	im.base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	if ((rc = csv_open_file(path, &c, err)) != MC_OK)
		return rc;
	mc_error_clear(&cerr);
	rc = csv_next(c, &cerr);
	if (rc < 0) {
		csv_close(c);
		return mc_fail(err, cerr.code, _("%s: %s; nothing was imported"), im.base,
		    mc_message(&cerr));
	}
	if (rc == 0) {
		csv_close(c);
		return mc_fail(err, MC_ECSV,
		    _("%s is empty: the first line must be the header date,name (optionally also kind,provisional)"),
		    im.base);
	}
	if ((rc = read_header(c, im.base, &col, err)) != MC_OK) {
		csv_close(c);
		return rc;
	}
	read_rows(&im, c, &col);
	csv_close(c);
	if (im.nproblems > 0) {
		more[0] = '\0';
		if (im.nproblems > im.shown)
			snprintf(more, sizeof more, _(" (and %d more)"), im.nproblems - im.shown);
		rc = mc_fail(err, im.code, _("%s: %s%s; nothing was imported"), im.base,
		    im.problems, more);
		import_free(&im);
		return rc;
	}
	rc = write_rows(st, &im, actor, err);
	if (rc == MC_OK)
		*nrows = (int)im.n;
	import_free(&im);
	return rc;
}
