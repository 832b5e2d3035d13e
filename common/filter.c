/* filter.c -- the dossier lists of the home and search screens: each filter as one
 * SQL condition and the same test in C, side by side; see filter.h. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "filter.h"
#include "i18n.h"
#include "store.h"

#define PENDING_SQL DOSSIER_PENDING_SQL
#define pending dossier_pending

/* Parameters: ?1 today 00:00, ?2 tomorrow 00:00, ?3 now, ?4 status, ?5 before id,
 * ?6 limit.  Times are stored as "YYYY-MM-DD HH:MM", which sorts as time does. */
#define C_ALL "1"
#define C_RECEIVED "received_at >= ?1 AND received_at < ?2"
#define C_DUE PENDING_SQL " AND due_at >= ?1 AND due_at < ?2"
#define C_OVERDUE PENDING_SQL " AND due_at < ?3"
#define C_READY "status = 9"
#define C_STATUS "status = ?4"

#define COUNT(c) "SELECT count(*) FROM dossier WHERE " c
#define PAGE(c) "SELECT " DOSSIER_COLUMNS ", id FROM dossier WHERE " c \
	" AND id < ?5 ORDER BY id DESC LIMIT ?6"

static const struct {
	const char *name;	/* N_() */
	const char *count;	/* SQL */
	const char *page;	/* SQL */
} filters[FILTER_COUNT] = {
	[FILTER_ALL] = { N_("All dossiers"), COUNT(C_ALL), PAGE(C_ALL) },
	[FILTER_RECEIVED_TODAY] = { N_("Received today"), COUNT(C_RECEIVED), PAGE(C_RECEIVED) },
	[FILTER_DUE_TODAY] = { N_("Due today"), COUNT(C_DUE), PAGE(C_DUE) },
	[FILTER_OVERDUE] = { N_("Overdue"), COUNT(C_OVERDUE), PAGE(C_OVERDUE) },
	[FILTER_READY] = { N_("Results waiting for collection"), COUNT(C_READY), PAGE(C_READY) },
	[FILTER_STATUS] = { N_("Status"), COUNT(C_STATUS), PAGE(C_STATUS) },
};

const char *
filter_name(const struct filter_spec *f, char *buf, size_t n)
{
	if ((unsigned)f->kind >= FILTER_COUNT)
		return "?";
	if (f->kind != FILTER_STATUS)
		return _(filters[f->kind].name);
	snprintf(buf, n, _("Status: %s"), dossier_status_name(f->status));
	return buf;
}

int
filter_overdue(const struct dossier *d, mc_minute now)
{
	return dossier_overdue(d, now);
}

int
filter_match(const struct filter_spec *f, const struct dossier *d, mc_minute now)
{
	mc_minute today = mc_at(mc_day_of(now), 0);

	switch (f->kind) {
	case FILTER_ALL:
		return 1;
	case FILTER_RECEIVED_TODAY:
		return d->received_at >= today && d->received_at < today + MC_DAY_MINUTES;
	case FILTER_DUE_TODAY:
		return pending(d->status) && d->due_at >= today && d->due_at < today + MC_DAY_MINUTES;
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

static void
bind_all(sqlite3_stmt *s, const struct filter_spec *f, mc_minute now)
{
	char today[MC_TIME_BUF], tomorrow[MC_TIME_BUF], at[MC_TIME_BUF];
	int i;

	mc_time_format(mc_at(mc_day_of(now), 0), today);
	mc_time_format(mc_at(mc_day_of(now) + 1, 0), tomorrow);
	mc_time_format(now, at);
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
	}
}

int
filter_count(struct store *st, const struct filter_spec *f, mc_minute now, long *count,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*count = 0;
	if ((unsigned)f->kind >= FILTER_COUNT)
		return mc_fail(err, MC_EINVAL, NULL);
	if ((s = store_stmt(st, filters[f->kind].count, err)) == NULL)
		return err != NULL ? err->code : MC_ESTORE;
	bind_all(s, f, now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? MC_OK : store_error(st, rc, err);
}

int
filter_page(struct store *st, const struct filter_spec *f, mc_minute now, long before,
    int n, struct dossier *out, long *ids, int *got, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc = SQLITE_DONE, idx;

	*got = 0;
	if ((unsigned)f->kind >= FILTER_COUNT)
		return mc_fail(err, MC_EINVAL, NULL);
	if ((s = store_stmt(st, filters[f->kind].page, err)) == NULL)
		return err != NULL ? err->code : MC_ESTORE;
	bind_all(s, f, now);
	idx = sqlite3_bind_parameter_index(s, "?5");
	sqlite3_bind_int64(s, idx, before > 0 ? before : INT64_MAX);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, "?6"), n);
	while (*got < n && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		dossier_from_row(s, &out[*got]);
		ids[*got] = (long)sqlite3_column_int64(s, 32);
		(*got)++;
	}
	if (*got < n && rc != SQLITE_DONE) {
		sqlite3_reset(s);
		return store_error(st, rc, err);
	}
	sqlite3_reset(s);
	return MC_OK;
}
