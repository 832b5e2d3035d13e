/* query-limit.c -- how many dossiers that are not theirs callers may look up, and the
 * bookkeeping of the throttles (the sender's unknown codes, table sms_throttle; the
 * look-ups, table query_lookup); see "Look-ups" in query.h.
 *
 * Dossier codes are sequential, so a number that may ask any code walks through the
 * office's dossiers, and many numbers do it faster.  Every status answer about a
 * dossier of another number and every unknown code is a row (number, code, time),
 * written by query_apply() with the other effects of the answer; query_answer() and
 * query_ussd() read them through query_lookup_check() before answering:
 *  - a code the number already looked up within the window is answered again and
 *    not counted again (a relative who checks the same dossier every day);
 *  - a number with sms.lookup_per_number dossiers of others in sms.lookup_window
 *    minutes is refused any code that is not its own, found or not (the refusal
 *    then says nothing about whether the dossier exists);
 *  - all numbers together: sms.lookup_overall look-ups (of others' dossiers and of
 *    unknown codes) in sms.lookup_overall_window minutes, then refusals for every
 *    number but the dossier's own.
 * The dossier's own phone is never limited.  The store is the one place where the
 * SMS daemons and motcua-ussd see each other's look-ups; two of them answering at
 * the same moment may each give one more than the limit.  The overall count is kept
 * per minute too (query_lookup_minute), so that checking it sums at most a window's
 * minutes whatever the traffic.  The first look-up of a minute deletes the rows
 * older than the longer window (and the rows of sms_throttle whose window and block
 * are over), so the tables hold at most what the windows allow.
 * The writes go without waiting for the disk (store_lazy): a power cut may forget a
 * few counts, and a look-up costs no fsync.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "query.h"
#include "store.h"

#define PER_NUMBER	5
#define WINDOW		1440	/* minutes: a day */
#define OVERALL		100
#define OVERALL_WINDOW	60

/* A setting in minutes or a count: dflt when unset or negative (0 is kept). */
static int
setting(struct store *st, const char *key, int dflt, int zero_ok)
{
	int v = store_setting_int(st, key, dflt);

	return v < 0 || (v == 0 && !zero_ok) ? dflt : v;
}

void
query_limits_get(struct store *st, struct query_limits *l)
{
	l->per_number = setting(st, "sms.lookup_per_number", PER_NUMBER, 1);
	l->window = setting(st, "sms.lookup_window", WINDOW, 0);
	l->overall = setting(st, "sms.lookup_overall", OVERALL, 1);
	l->overall_window = setting(st, "sms.lookup_overall_window", OVERALL_WINDOW, 0);
}

/* One count from s (bound already) into *n. */
static int
count(struct store *st, sqlite3_stmt *s, int *n, struct mc_error *err)
{
	int rc = sqlite3_step(s);

	*n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	return store_reset(st, s, rc, err);
}

int
query_lookup_check(struct store *st, const struct query_limits *l, const char *number,
    const char *code, mc_minute now, enum query_verdict *v, struct mc_error *err)
{
	char since[MC_TIME_BUF];
	sqlite3_stmt *s;
	int rc, n;

	*v = QUERY_LOOKUP_NEW;
	mc_time_format(now - l->window, since);
	if ((rc = store_prepare(st, "SELECT count(*) FROM query_lookup WHERE number = ?1 "
	    "AND code = ?2 AND at > ?3", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, since, -1, SQLITE_TRANSIENT);
	if ((rc = count(st, s, &n, err)) != MC_OK)
		return rc;
	if (n > 0) {
		*v = QUERY_LOOKUP_AGAIN;
		return MC_OK;
	}
	if (l->per_number > 0) {
		if ((rc = store_prepare(st, "SELECT count(*) FROM query_lookup WHERE number = ?1 "
		    "AND at > ?2 AND found = 1", &s, err)) != MC_OK)
			return rc;
		sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, since, -1, SQLITE_TRANSIENT);
		if ((rc = count(st, s, &n, err)) != MC_OK)
			return rc;
		if (n >= l->per_number) {
			*v = QUERY_LOOKUP_LIMIT_NUMBER;
			return MC_OK;
		}
	}
	if (l->overall > 0) {
		mc_time_format(now - l->overall_window, since);
		if ((rc = store_prepare(st, "SELECT coalesce(sum(n), 0) FROM query_lookup_minute "
		    "WHERE at > ?1", &s, err)) != MC_OK)
			return rc;
		sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
		if ((rc = count(st, s, &n, err)) != MC_OK)
			return rc;
		if (n >= l->overall)
			*v = QUERY_LOOKUP_LIMIT_OVERALL;
	}
	return MC_OK;
}

/* Forget the look-ups older than both windows, and the unknown-code rows of numbers
 * whose window is over and that are not blocked. */
static int
prune(struct store *st, mc_minute now, struct mc_error *err)
{
	struct query_limits l;
	char old[MC_TIME_BUF], unknown[MC_TIME_BUF], at[MC_TIME_BUF];
	sqlite3_stmt *s;
	int rc, w;

	query_limits_get(st, &l);
	mc_time_format(now - (l.window > l.overall_window ? l.window : l.overall_window), old);
	if ((rc = store_prepare(st, "DELETE FROM query_lookup WHERE at <= ?1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, old, -1, SQLITE_TRANSIENT);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "DELETE FROM query_lookup_minute WHERE at <= ?1", &s,
	    err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, old, -1, SQLITE_TRANSIENT);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	w = setting(st, "sms.unknown_window", QUERY_UNKNOWN_WINDOW, 0);
	mc_time_format(now - w, unknown);
	mc_time_format(now, at);
	if ((rc = store_prepare(st, "DELETE FROM sms_throttle WHERE window_start <= ?1 "
	    "AND (blocked_until IS NULL OR blocked_until <= ?2)", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, unknown, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, err);
}

/* Record a look-up; the first of a minute also prunes. */
static int
record(struct store *st, const struct query_reply *r, mc_minute now, struct mc_error *err)
{
	char at[MC_TIME_BUF];
	sqlite3_stmt *s;
	int rc, first;

	mc_time_format(now, at);
	if ((rc = store_prepare(st, "INSERT INTO query_lookup(number, code, at, found) "
	    "VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT(number, code) DO UPDATE SET at = excluded.at, found = excluded.found",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, r->number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, r->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, r->lookup_found);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "INSERT INTO query_lookup_minute(at, n) VALUES (?1, 1) "
	    "ON CONFLICT(at) DO UPDATE SET n = n + 1 RETURNING n", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	first = rc == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		return rc;
	return first ? prune(st, now, err) : MC_OK;
}

/* The sender's row of unknown codes: its window, count and block. */
static int
throttle(struct store *st, const struct query_reply *r, mc_minute now, struct mc_error *err)
{
	char ws[MC_TIME_BUF], bu[MC_TIME_BUF];
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "INSERT INTO sms_throttle(number, window_start, unknown, "
	    "blocked_until) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(number) DO UPDATE SET "
	    "window_start = excluded.window_start, unknown = excluded.unknown, "
	    "blocked_until = excluded.blocked_until", &s, err)) != MC_OK)
		return rc;
	mc_time_format(r->window_start != MC_TIME_NONE ? r->window_start : now, ws);
	sqlite3_bind_text(s, 1, r->number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, ws, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, r->unknown);
	if (r->blocked_until != MC_TIME_NONE) {
		mc_time_format(r->blocked_until, bu);
		sqlite3_bind_text(s, 4, bu, -1, SQLITE_TRANSIENT);
	}
	return store_step_done(st, s, err);
}

int
query_limits_apply(struct store *st, const struct query_reply *r, mc_minute now,
    struct mc_error *err)
{
	int rc;

	if (!(r->effects & (QUERY_DO_THROTTLE | QUERY_DO_LOOKUP)))
		return MC_OK;
	store_lazy(st, 1);
	if ((rc = store_begin(st, err)) != MC_OK) {
		store_lazy(st, 0);
		return rc;
	}
	if (r->effects & QUERY_DO_THROTTLE)
		rc = throttle(st, r, now, err);
	if (rc == MC_OK && (r->effects & QUERY_DO_LOOKUP))
		rc = record(st, r, now, err);
	rc = store_end(st, rc, err);
	store_lazy(st, 0);
	return rc;
}
