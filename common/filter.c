/* filter.c -- the dossier lists of the home and search screens: each filter as one
 * SQL condition and the same test in C, side by side; see filter.h. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "i18n.h"
#include "search.h"
#include "store.h"
#include "text.h"

#define PENDING_SQL DOSSIER_PENDING_SQL
#define pending dossier_pending

/* Parameters: ?1 today 00:00, ?2 tomorrow 00:00, ?3 now, ?4 status, ?5 the cursor's
 * id, ?6 limit, ?7 procedure, ?8 officer, ?9 the cursor's key, ?10 next Monday 00:00,
 * ?11 the address words as an FTS5 expression.
 * Times are stored as "YYYY-MM-DD HH:MM", which sorts as time does. */

static const struct {
	const char *name;	/* N_() */
	const char *cond;	/* SQL */
} filters[FILTER_COUNT] = {
	[FILTER_ALL] = { N_("All dossiers"), "1" },
	[FILTER_RECEIVED_TODAY] = { N_("Received today"), "received_at >= ?1 AND received_at < ?2" },
	[FILTER_DUE_TODAY] = { N_("Due today"), PENDING_SQL " AND due_at >= ?1 AND due_at < ?2" },
	[FILTER_DUE_WEEK] = { N_("Due this week"), PENDING_SQL " AND due_at >= ?1 AND due_at < ?10" },
	[FILTER_OVERDUE] = { N_("Overdue"), PENDING_SQL " AND due_at < ?3" },
	[FILTER_READY] = { N_("Results waiting for collection"), DOSSIER_SQL_IN("status", DOSSIER_READY) },
	[FILTER_STATUS] = { N_("Status"), "status = ?4" },
};

static const struct {
	const char *name;	/* N_() */
	const char *page;	/* SQL after the conditions */
} sorts[SORT_COUNT] = {
	[SORT_NEWEST] = { N_("newest first"), " AND id < ?5 ORDER BY id DESC LIMIT ?6" },
	[SORT_OLDEST] = { N_("oldest first"), " AND id > ?5 ORDER BY id LIMIT ?6" },
	[SORT_DUE] = { N_("by due date"), " AND (due_at, id) > (?9, ?5) ORDER BY due_at, id LIMIT ?6" },
};

#define SQL_MAX 1024	/* the longest statement below is about 700 bytes */

/* The statement of f prepared in *s: a page of rows, or their count.  Its text is
 * composed here each time; the store's cache finds the statement by that text. */
static int
prepare(struct store *st, const struct filter_spec *f, int page, sqlite3_stmt **s,
    struct mc_error *err)
{
	int p = f->procedure[0] != '\0', o = f->officer[0] != '\0', a = f->address[0] != '\0';
	char sql[SQL_MAX];

	*s = NULL;
	if ((unsigned)f->kind >= FILTER_COUNT || (unsigned)f->sort >= SORT_COUNT)
		return mc_fail(err, MC_EINVAL, NULL);
	if (snprintf(sql, sizeof sql, "SELECT %s FROM dossier WHERE %s%s%s%s%s",
	    page ? DOSSIER_COLUMNS ", id, due_at" : "count(*)", filters[f->kind].cond,
	    p ? " AND procedure = ?7" : "", o ? " AND officer = ?8" : "",
	    a ? " AND id IN (SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ?11)" : "",
	    page ? sorts[f->sort].page : "") >= (int)sizeof sql)
		return mc_fail(err, MC_EINTERNAL, NULL);
	return store_prepare(st, sql, s, err);
}

/* Next Monday 00:00: the end of the week of now. */
static mc_minute
week_end(mc_minute now)
{
	mc_day d = mc_day_of(now);

	return mc_at(d + 7 - mc_weekday(d), 0);
}

const char *
filter_name(const struct filter_spec *f, char *buf, size_t n)
{
	size_t used;

	if ((unsigned)f->kind >= FILTER_COUNT || (unsigned)f->sort >= SORT_COUNT)
		return "?";
	if (f->kind != FILTER_STATUS)
		snprintf(buf, n, "%s", _(filters[f->kind].name));
	else
		snprintf(buf, n, _("Status: %s"), dossier_status_name(f->status));
	if (f->procedure[0] != '\0' && (used = strlen(buf)) < n)
		snprintf(buf + used, n - used, _(", procedure %s"), f->procedure);
	if (f->officer[0] != '\0' && (used = strlen(buf)) < n)
		snprintf(buf + used, n - used, _(", received by %s"), f->officer);
	if (f->address[0] != '\0' && (used = strlen(buf)) < n)
		snprintf(buf + used, n - used, _(", address: %s"), f->address);
	if (f->sort != SORT_NEWEST && (used = strlen(buf)) < n)
		snprintf(buf + used, n - used, ", %s", _(sorts[f->sort].name));
	return buf;
}

const char *
filter_sort_name(enum filter_sort s)
{
	return (unsigned)s < SORT_COUNT ? _(sorts[s].name) : "?";
}

int
filter_overdue(const struct dossier *d, mc_minute now)
{
	return dossier_overdue(d, now);
}

/* Does d's address hold the words of f's address filter? */
static int
address_match(const struct filter_spec *f, const struct dossier *d)
{
	char *words = text_fold(f->address), *framed = dossier_search_address(d);
	int ok = words != NULL && framed != NULL && search_address_match(framed, words);

	free(words);
	free(framed);
	return ok;
}

int
filter_match(const struct filter_spec *f, const struct dossier *d, mc_minute now)
{
	mc_minute today = mc_at(mc_day_of(now), 0);

	if ((f->procedure[0] != '\0' && strcmp(f->procedure, d->procedure) != 0) ||
	    (f->officer[0] != '\0' && strcmp(f->officer, d->officer) != 0) ||
	    (f->address[0] != '\0' && !address_match(f, d)))
		return 0;
	switch (f->kind) {
	case FILTER_ALL:
		return 1;
	case FILTER_RECEIVED_TODAY:
		return d->received_at >= today && d->received_at < today + MC_DAY_MINUTES;
	case FILTER_DUE_TODAY:
		return pending(d->status) && d->due_at >= today && d->due_at < today + MC_DAY_MINUTES;
	case FILTER_DUE_WEEK:
		return pending(d->status) && d->due_at >= today && d->due_at < week_end(now);
	case FILTER_OVERDUE:
		return filter_overdue(d, now);
	case FILTER_READY:
		return d->status == ST_READY;
	case FILTER_STATUS:
		return d->status == f->status;
	default:
		return 0;
	}
}

/* The address words as the FTS5 expression of search.c (no word: nothing matches). */
static void
bind_address(sqlite3_stmt *s, int i, const struct filter_spec *f)
{
	char *words = text_fold(f->address), *expr = words != NULL ? search_address_expr(words) : NULL;

	if (expr != NULL)
		sqlite3_bind_text(s, i, expr, -1, free);
	else
		sqlite3_bind_text(s, i, "search_address : \"\x01\"", -1, SQLITE_STATIC);
	free(words);
}

static void
bind_all(sqlite3_stmt *s, const struct filter_spec *f, mc_minute now)
{
	char today[MC_TIME_BUF], tomorrow[MC_TIME_BUF], at[MC_TIME_BUF], week[MC_TIME_BUF];
	int i;

	mc_time_format(mc_at(mc_day_of(now), 0), today);
	mc_time_format(mc_at(mc_day_of(now) + 1, 0), tomorrow);
	mc_time_format(now, at);
	mc_time_format(week_end(now), week);
	/* Each statement uses some of the parameters; binding the others is harmless. */
	for (i = 1; i <= sqlite3_bind_parameter_count(s); i++) {
		const char *name = sqlite3_bind_parameter_name(s, i);

		if (name == NULL)
			continue;
		if (strcmp(name, "?1") == 0)
			sqlite3_bind_text(s, i, today, -1, SQLITE_TRANSIENT);
		else if (strcmp(name, "?2") == 0)
			sqlite3_bind_text(s, i, tomorrow, -1, SQLITE_TRANSIENT);
		else if (strcmp(name, "?3") == 0)
			sqlite3_bind_text(s, i, at, -1, SQLITE_TRANSIENT);
		else if (strcmp(name, "?4") == 0)
			sqlite3_bind_int(s, i, f->status);
		else if (strcmp(name, "?7") == 0)
			sqlite3_bind_text(s, i, f->procedure, -1, SQLITE_TRANSIENT);
		else if (strcmp(name, "?8") == 0)
			sqlite3_bind_text(s, i, f->officer, -1, SQLITE_TRANSIENT);
		else if (strcmp(name, "?10") == 0)
			sqlite3_bind_text(s, i, week, -1, SQLITE_TRANSIENT);
		else if (strcmp(name, "?11") == 0)
			bind_address(s, i, f);
	}
}

int
filter_count(struct store *st, const struct filter_spec *f, mc_minute now, long *count,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*count = 0;
	if ((rc = prepare(st, f, 0, &s, err)) != MC_OK)
		return rc;
	bind_all(s, f, now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(s, 0);
	return store_reset(st, s, rc, err);
}

int
filter_page(struct store *st, const struct filter_spec *f, mc_minute now,
    const struct filter_cursor *after, int n, struct dossier *out, struct filter_cursor *cur,
    int *got, struct mc_error *err)
{
	static const struct filter_cursor start;
	sqlite3_stmt *s;
	int rc;

	*got = 0;
	if ((rc = prepare(st, f, 1, &s, err)) != MC_OK)
		return rc;
	if (after == NULL)
		after = &start;
	bind_all(s, f, now);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, "?5"),
	    f->sort == SORT_NEWEST && after->id <= 0 ? INT64_MAX : after->id);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, "?6"), n);
	if (f->sort == SORT_DUE)
		sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, "?9"), after->key, -1,
		    SQLITE_TRANSIENT);
	while (*got < n && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		dossier_from_row(s, &out[*got]);
		cur[*got].id = (long)sqlite3_column_int64(s, DOSSIER_NCOLUMNS);
		store_col_copy(s, DOSSIER_NCOLUMNS + 1, cur[*got].key, sizeof cur[*got].key);
		(*got)++;
	}
	return store_reset(st, s, rc, err);
}
