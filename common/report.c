/* report.c -- the tracking book (Mẫu 06) and the reports (report.h).
 *
 * Each report is one query aggregated in C: the book uses index dossier_received and
 * the overdue list dossier_status_due; on-time rates read the whole table in order
 * ("+status" keeps SQLite off the status index: nearly every dossier is finished, and a
 * scan is three times faster than a million index look-ups); working days
 * come from a prefix count of the office calendar, built once per report, so a
 * million finished dossiers cost a million subtractions, not a million calendar walks.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "dossier.h"
#include "i18n.h"
#include "report.h"
#include "store.h"

/* ---------------------------------------------------------------- tables */

void
report_table_free(struct report_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

const char *
report_cell(const struct report_table *t, size_t r, int c)
{
	const char *s = r < t->nrows && c >= 0 && c < t->ncols ? t->cells[r * t->ncols + c] : NULL;

	return s != NULL ? s : "";
}

static void
table_init(struct report_table *t, const char *const *keys, int ncols, unsigned numeric)
{
	memset(t, 0, sizeof *t);
	t->keys = keys;
	t->ncols = ncols;
	t->numeric = numeric;
}

/* Append a row of t->ncols strings (copied; NULL kept as NULL). */
static int
table_add(struct report_table *t, const char *const *vals, struct mc_error *err)
{
	size_t i, base;

	if (t->nrows == t->cap) {
		size_t cap = t->cap != 0 ? t->cap * 2 : 64;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);

		if (cells == NULL)
			return mc_fail(err, MC_ENOMEM, NULL);
		t->cells = cells;
		t->cap = cap;
	}
	base = t->nrows * t->ncols;
	for (i = 0; i < (size_t)t->ncols; i++) {
		t->cells[base + i] = NULL;
		if (vals[i] != NULL && (t->cells[base + i] = strdup(vals[i])) == NULL) {
			while (i-- > 0)
				free(t->cells[base + i]);
			return mc_fail(err, MC_ENOMEM, NULL);
		}
	}
	t->nrows++;
	return MC_OK;
}

/* ---------------------------------------------------------------- working days */

/* pref[i]: working days in [base, base + i]. */
struct wdays {
	struct calendar cal;
	mc_day base;
	int *pref;
	int len;
};

static int
wdays_init(struct wdays *w, struct store *st, struct mc_error *err)
{
	memset(w, 0, sizeof *w);
	calendar_default(&w->cal);
	return calendar_load(st, &w->cal, err);
}

static void
wdays_free(struct wdays *w)
{
	calendar_free(&w->cal);
	free(w->pref);
}

/* Make the table cover day; -1 when out of memory. */
static int
wdays_cover(struct wdays *w, mc_day day)
{
	mc_day lo = w->base, hi = w->base + w->len - 1;
	int *pref, i, len;

	if (w->len > 0 && day >= lo && day <= hi)
		return 0;
	if (w->len == 0)
		lo = hi = day;
	if (day < lo)
		lo = day - (hi - day) / 2 - 31;
	if (day > hi)
		hi = day + (day - lo) / 2 + 31;
	len = (int)(hi - lo + 1);
	if ((pref = malloc((size_t)len * sizeof *pref)) == NULL)
		return -1;
	for (i = 0; i < len; i++)
		pref[i] = (i > 0 ? pref[i - 1] : 0) + calendar_is_working_day(&w->cal, lo + i);
	free(w->pref);
	w->pref = pref;
	w->base = lo;
	w->len = len;
	return 0;
}

/* Working days in (a, b], as calendar_working_days_between(). */
static int
wdays_between(struct wdays *w, mc_day a, mc_day b)
{
	if (wdays_cover(w, a) != 0 || wdays_cover(w, b) != 0)
		return calendar_working_days_between(&w->cal, a, b);
	return w->pref[b - w->base] - w->pref[a - w->base];
}

/* ---------------------------------------------------------------- helpers */

/* Bind day bounds [from, to] as "YYYY-MM-DD" and "YYYY-MM-DD~" (after every time of
 * the day to: '~' sorts after ' ' and the digits). */
static void
bind_days(sqlite3_stmt *s, mc_day from, mc_day to)
{
	char a[MC_TIME_BUF], b[MC_TIME_BUF + 1];

	mc_date_format(from, a);
	mc_date_format(to, b);
	strcat(b, "~");
	sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
}

/* ---------------------------------------------------------------- Mẫu 06 */

const char *const report_book_keys[REPORT_BOOK_COLUMNS] = { "no", "code", "procedure",
	"procedure_name", "sets", "name", "address_phone", "handler", "received_at", "due_at",
	"finished_at", "returned_at", "note" };

int
report_book_row(struct store *st, mc_minute received_at, const char *code, int *year,
    long *row, struct mc_error *err)
{
	/* Two counts over index dossier_received (an OR of both would read more of it). */
	sqlite3_stmt *s;
	char from[MC_TIME_BUF], at[MC_TIME_BUF];
	int mo, dd, rc;

	*row = 0;
	mc_civil_from_day(mc_day_of(received_at), year, &mo, &dd);
	if ((rc = store_prepare(st, "SELECT (SELECT count(*) FROM dossier WHERE "
	    "received_at >= ?1 AND received_at < ?2) + (SELECT count(*) FROM dossier WHERE "
	    "received_at = ?2 AND code <= ?3)", &s, err)) != MC_OK)
		return rc;
	snprintf(from, sizeof from, "%04d-01-01", *year);
	mc_time_format(received_at, at);
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, code, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*row = sqlite3_column_int64(s, 0);
	return store_reset(st, s, rc, err);
}

int
report_book_each(struct store *st, mc_day from, mc_day to,
    int (*fn)(const char *const *cells, void *ctx), void *ctx, struct mc_error *err)
{
	sqlite3_stmt *s;
	char *office;
	mc_minute now = mc_now();
	int rc, r, year = 0, y, mo, dd;
	long no = 0;

	if ((rc = store_prepare(st, "SELECT d.code, d.procedure, coalesce(p.name, ''), "
	    "d.sets, d.name, d.address, d.phone, d.handler, d.received_at, d.due_at, "
	    "d.finished_at, d.returned_at, d.status FROM dossier d "
	    "LEFT JOIN procedure p ON p.code = d.procedure "
	    "WHERE d.received_at >= ?1 AND d.received_at < ?2 ORDER BY d.received_at, d.code",
	    &s, err)) != MC_OK)
		return rc;
	office = store_setting(st, "office.name");
	bind_days(s, from, to);
	while (rc == MC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		char n[24], sets[16], ap[640], note[160], rec[MC_TIME_BUF], due[MC_TIME_BUF],
		    fin[MC_TIME_BUF], ret[MC_TIME_BUF];
		struct dossier d;
		const char *addr = store_col_text(s, 5), *phone = store_col_text(s, 6), *handler = store_col_text(s, 7);

		d.status = sqlite3_column_int(s, 12);
		d.received_at = store_col_minute(s, 8);
		/* The first row of each year's book: its place counted (report_book_row);
		 * the rows after it follow in the same order. */
		mc_civil_from_day(mc_day_of(d.received_at), &y, &mo, &dd);
		if (y != year) {
			if ((rc = report_book_row(st, d.received_at, store_col_text(s, 0), &year, &no,
			    err)) != MC_OK)
				break;
		} else
			no++;
		snprintf(n, sizeof n, "%ld", no);
		snprintf(sets, sizeof sets, "%d", sqlite3_column_int(s, 3));
		snprintf(ap, sizeof ap, "%s%s%s", addr, *addr != '\0' && *phone != '\0' ? ", " : "",
		    phone);
		d.due_at = store_col_minute(s, 9);
		d.finished_at = store_col_minute(s, 10);
		d.returned_at = store_col_minute(s, 11);
		mc_time_format(d.received_at, rec);
		mc_time_format(d.due_at, due);
		mc_time_format(d.finished_at, fin);
		mc_time_format(d.returned_at, ret);
		snprintf(note, sizeof note, "%s%s", dossier_status_name(d.status),
		    dossier_late(&d) ? _(", late") : dossier_overdue(&d, now) ? _(", overdue") : "");
		rc = fn((const char *[]){ n, store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
		    sets, store_col_text(s, 4), ap, *handler != '\0' && strcmp(handler, store_office(st)) != 0 ?
		    handler : office != NULL && *office != '\0' ? office : handler,
		    rec, due, fin, ret, note }, ctx);
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = store_error(st, r, err);
	sqlite3_reset(s);
	free(office);
	return rc;
}

/* report_book_each() into a table. */
struct book_fill {
	struct report_table *t;
	struct mc_error *err;
};

static int
book_add(const char *const *cells, void *ctx)
{
	struct book_fill *b = ctx;

	return table_add(b->t, cells, b->err);
}

int
report_book(struct store *st, mc_day from, mc_day to, struct report_table *t,
    struct mc_error *err)
{
	struct book_fill b = { t, err };
	int rc;

	table_init(t, report_book_keys, REPORT_BOOK_COLUMNS, REPORT_BOOK_NUMERIC);
	if ((rc = report_book_each(st, from, to, book_add, &b, err)) != MC_OK)
		report_table_free(t);
	return rc;
}

/* ---------------------------------------------------------------- on time */

static int
ontime_cmp(const void *a, const void *b)
{
	return strcmp(((const struct report_ontime *)a)->key, ((const struct report_ontime *)b)->key);
}

/* The group of key, added when new; NULL when out of memory. */
static struct report_ontime *
group_of(struct report_ontime **rows, size_t *n, size_t *cap, size_t *last, const char *key)
{
	struct report_ontime *g;
	size_t i;

	if (*last < *n && strcmp((*rows)[*last].key, key) == 0)
		return &(*rows)[*last];
	for (i = 0; i < *n; i++)
		if (strcmp((*rows)[i].key, key) == 0) {
			*last = i;
			return &(*rows)[i];
		}
	if (*n == *cap) {
		size_t nc = *cap != 0 ? *cap * 2 : 16;
		struct report_ontime *r = realloc(*rows, nc * sizeof *r);

		if (r == NULL)
			return NULL;
		*rows = r;
		*cap = nc;
	}
	g = &(*rows)[*n];
	memset(g, 0, sizeof *g);
	snprintf(g->key, sizeof g->key, "%s", key);
	snprintf(g->label, sizeof g->label, "%s", key);
	*last = (*n)++;
	return g;
}

void
report_ontime_count(struct report_ontime *g, const struct dossier *d, int working_days)
{
	g->finished++;
	if (dossier_late(d))
		g->late++;
	else if (mc_day_of(d->finished_at) < mc_day_of(d->due_at))
		g->early++;
	else
		g->ontime++;
	g->working_days += working_days;
}

void
report_ontime_finish(struct report_ontime *g)
{
	g->avg_days = g->finished > 0 ? (double)g->working_days / g->finished : 0;
	g->rate = g->finished > 0 ? 100.0 * (g->early + g->ontime) / g->finished : 0;
}

/* Procedure names as labels. */
static void
label_procedures(struct store *st, struct report_ontime *rows, size_t n)
{
	sqlite3_stmt *s;
	size_t i;

	if (store_prepare(st, "SELECT name FROM procedure WHERE code = ?", &s, NULL) != MC_OK)
		return;
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(s, 1, rows[i].key, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			store_col_copy(s, 0, rows[i].label, sizeof rows[i].label);
		sqlite3_reset(s);
	}
}

int
report_ontime(struct store *st, enum report_by by, mc_day from, mc_day to,
    struct report_ontime **rowsp, size_t *np, struct mc_error *err)
{
	sqlite3_stmt *s;
	struct report_ontime *rows = NULL, *g, total;
	size_t n = 0, cap = 0, last = 0, i;
	struct wdays w;
	int rc, r;

	*rowsp = NULL;
	*np = 0;
	if ((rc = store_prepare(st, "SELECT procedure, received_at, due_at, finished_at, "
	    "status FROM dossier WHERE " DOSSIER_SQL_IN("+status", DOSSIER_FINISHED) " AND "
	    "finished_at >= ?1 AND finished_at < ?2",
	    &s, err)) != MC_OK)
		return rc;
	if ((rc = wdays_init(&w, st, err)) != MC_OK) {
		wdays_free(&w);
		return rc;
	}
	bind_days(s, from, to);
	while (rc == MC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		struct dossier d;
		char key[64];

		d.status = sqlite3_column_int(s, 4);
		d.received_at = store_col_minute(s, 1);
		d.due_at = store_col_minute(s, 2);
		d.finished_at = store_col_minute(s, 3);
		if (d.received_at == MC_TIME_NONE || d.due_at == MC_TIME_NONE ||
		    d.finished_at == MC_TIME_NONE)
			continue;
		if (by == REPORT_BY_MONTH)
			snprintf(key, sizeof key, "%.7s", store_col_text(s, 3));
		else
			snprintf(key, sizeof key, "%s", store_col_text(s, 0));
		if ((g = group_of(&rows, &n, &cap, &last, key)) == NULL) {
			rc = mc_fail(err, MC_ENOMEM, NULL);
			break;
		}
		report_ontime_count(g, &d, wdays_between(&w, mc_day_of(d.received_at),
		    mc_day_of(d.finished_at)));
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = store_error(st, r, err);
	sqlite3_reset(s);
	wdays_free(&w);
	if (rc == MC_OK && n > 0) {
		qsort(rows, n, sizeof *rows, ontime_cmp);
		if (by == REPORT_BY_PROCEDURE)
			label_procedures(st, rows, n);
		memset(&total, 0, sizeof total);
		snprintf(total.label, sizeof total.label, "%s", _("Total"));
		for (i = 0; i < n; i++) {
			report_ontime_finish(&rows[i]);
			total.finished += rows[i].finished;
			total.early += rows[i].early;
			total.ontime += rows[i].ontime;
			total.late += rows[i].late;
			total.working_days += rows[i].working_days;
		}
		report_ontime_finish(&total);
		if ((g = group_of(&rows, &n, &cap, &last, "")) == NULL)
			rc = mc_fail(err, MC_ENOMEM, NULL);
		else
			*g = total;
	}
	if (rc != MC_OK) {
		free(rows);
		return rc;
	}
	*rowsp = rows;
	*np = n;
	return MC_OK;
}

static const char *const ontime_keys[] = { "key", "label", "finished", "early", "on_time",
	"late", "on_time_pct", "avg_working_days" };

int
report_ontime_table(const struct report_ontime *rows, size_t n, struct report_table *t,
    struct mc_error *err)
{
	size_t i;
	int rc = MC_OK;

	table_init(t, ontime_keys, 8, 0xfc);
	for (i = 0; rc == MC_OK && i < n; i++) {
		char v[6][32];

		snprintf(v[0], sizeof v[0], "%ld", rows[i].finished);
		snprintf(v[1], sizeof v[1], "%ld", rows[i].early);
		snprintf(v[2], sizeof v[2], "%ld", rows[i].ontime);
		snprintf(v[3], sizeof v[3], "%ld", rows[i].late);
		snprintf(v[4], sizeof v[4], "%.1f", rows[i].rate);
		snprintf(v[5], sizeof v[5], "%.2f", rows[i].avg_days);
		rc = table_add(t, (const char *[]){ rows[i].key, rows[i].label, v[0], v[1], v[2],
		    v[3], v[4], v[5] }, err);
	}
	if (rc != MC_OK)
		report_table_free(t);
	return rc;
}

/* ---------------------------------------------------------------- overdue */

static const char *const overdue_keys[] = { "code", "procedure", "name", "phone",
	"received_at", "due_at", "working_days_late", "handler" };

int
report_overdue(struct store *st, mc_minute now, struct report_table *t, struct mc_error *err)
{
	sqlite3_stmt *s;
	char at[MC_TIME_BUF];
	struct wdays w;
	int rc, r;

	if ((rc = store_prepare(st, "SELECT code, procedure, name, phone, received_at, "
	    "due_at, handler FROM dossier WHERE " DOSSIER_PENDING_SQL " AND due_at < ?1 "
	    "ORDER BY due_at, code", &s, err)) != MC_OK)
		return rc;
	if ((rc = wdays_init(&w, st, err)) != MC_OK) {
		wdays_free(&w);
		return rc;
	}
	table_init(t, overdue_keys, 8, 1u << 6);
	mc_time_format(now, at);
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	while (rc == MC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		mc_minute due = store_col_minute(s, 5);
		char late[16];

		snprintf(late, sizeof late, "%d", due == MC_TIME_NONE ? 0 :
		    wdays_between(&w, mc_day_of(due), mc_day_of(now)));
		rc = table_add(t, (const char *[]){ store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
		    store_col_text(s, 3), store_col_text(s, 4), store_col_text(s, 5), late, store_col_text(s, 6) }, err);
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = store_error(st, r, err);
	sqlite3_reset(s);
	wdays_free(&w);
	if (rc != MC_OK)
		report_table_free(t);
	return rc;
}

/* ---------------------------------------------------------------- fees */

static const char *const fee_keys[] = { "day", "payments", "amount" };

int
report_fees(struct store *st, mc_day from, mc_day to, struct report_table *t,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	long count = 0, amount = 0;
	int rc = MC_OK, r;

	if ((rc = store_prepare(st, "SELECT substr(at, 1, 10), count(*), "
	    "sum(coalesce(json_extract(payload, '$.amount'), 0)) FROM dossier_event "
	    "WHERE kind = 'fee-paid' AND at >= ?1 AND at < ?2 GROUP BY 1 ORDER BY 1",
	    &s, err)) != MC_OK)
		return rc;
	table_init(t, fee_keys, 3, 0x6);
	bind_days(s, from, to);
	while (rc == MC_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		char c[24], a[24];

		count += sqlite3_column_int64(s, 1);
		amount += sqlite3_column_int64(s, 2);
		snprintf(c, sizeof c, "%lld", (long long)sqlite3_column_int64(s, 1));
		snprintf(a, sizeof a, "%lld", (long long)sqlite3_column_int64(s, 2));
		rc = table_add(t, (const char *[]){ store_col_text(s, 0), c, a }, err);
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = store_error(st, r, err);
	sqlite3_reset(s);
	if (rc == MC_OK) {
		char c[24], a[24];

		snprintf(c, sizeof c, "%ld", count);
		snprintf(a, sizeof a, "%ld", amount);
		rc = table_add(t, (const char *[]){ "total", c, a }, err);
	}
	if (rc != MC_OK)
		report_table_free(t);
	return rc;
}
