/* syncq.c -- the office's side of the province link in the store; see syncq.h.
 *
 * Tables of data/migrations/009-sync.sql: sync_dossier (dossiers that came from the
 * hub, held or read-only), sync_mark (how far each office's events were pulled),
 * sync_setaside (what was set aside, and why).  The cursor and the state the console
 * shows are settings.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dossier.h"
#include "i18n.h"
#include "store.h"
#include "syncq.h"
#include "text.h"

#define OFFICE_MAX 63	/* bytes of an office code */

/* ---------------------------------------------------------------- push */

long
syncq_cursor(struct store *st)
{
	char *v = store_setting(st, "sync.cursor");
	long n = v != NULL ? atol(v) : 0;

	free(v);
	return n > 0 ? n : 0;
}

int
syncq_set_cursor(struct store *st, long cursor, struct mc_error *err)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", cursor);
	return store_set_setting(st, "sync.cursor", buf, err);
}

int
syncq_each_pending(struct store *st, long after, int max,
    int (*fn)(const struct syncq_event *ev, void *ctx), void *ctx, int *n,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	struct syncq_event ev;
	int rc, stop = 0;

	*n = 0;
	if ((rc = store_prepare(st, "SELECT office_seq, code, pos, kind, at, actor, payload "
	    "FROM dossier_event WHERE office = ?1 AND office_seq > ?2 ORDER BY office_seq LIMIT ?3",
	    &s, err)) != MC_OK)
		return rc;
	ev.office = store_office(st);
	sqlite3_bind_text(s, 1, ev.office, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, after);
	sqlite3_bind_int(s, 3, max);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		ev.seq = (long)sqlite3_column_int64(s, 0);
		ev.code = (const char *)sqlite3_column_text(s, 1);
		ev.pos = sqlite3_column_int(s, 2);
		ev.kind = (const char *)sqlite3_column_text(s, 3);
		ev.at = (const char *)sqlite3_column_text(s, 4);
		ev.actor = (const char *)sqlite3_column_text(s, 5);
		ev.payload = (const char *)sqlite3_column_text(s, 6);
		(*n)++;
		stop = fn(&ev, ctx);
	}
	return store_reset(st, s, rc, err);
}

int
syncq_backlog(struct store *st, long after, long *n, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*n = 0;
	if ((rc = store_prepare(st, "SELECT count(*) FROM dossier_event "
	    "WHERE office = ?1 AND office_seq > ?2", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, store_office(st), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, after);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(s, 0);
	return store_reset(st, s, rc, err);
}

/* ---------------------------------------------------------------- set aside */

int
syncq_set_aside(struct store *st, const char *id, enum syncq_direction dir,
    const char *reason, struct mc_error *err)
{
	sqlite3_stmt *s;
	char now[MC_TIME_BUF];
	int rc;

	if ((rc = store_prepare(st, "INSERT INTO sync_setaside(id, direction, reason, at) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET direction = excluded.direction, "
	    "reason = excluded.reason", &s, err)) != MC_OK)
		return rc;
	mc_time_format(mc_now(), now);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, dir == SYNCQ_PUSH ? "push" : "pull", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
	return store_step_done(st, s, err);
}

int
syncq_each_set_aside(struct store *st, int max,
    int (*fn)(const char *id, const char *direction, const char *reason, const char *at,
    void *ctx), void *ctx, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc, stop = 0;

	if ((rc = store_prepare(st, "SELECT id, direction, reason, at FROM sync_setaside "
	    "ORDER BY at DESC, id LIMIT ?1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int(s, 1, max);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2), (const char *)sqlite3_column_text(s, 3), ctx);
	return store_reset(st, s, rc, err);
}

/* ---------------------------------------------------------------- pull */

int
syncq_each_mark(struct store *st, int (*fn)(const char *office, long seq, void *ctx),
    void *ctx, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc, stop = 0;

	if ((rc = store_prepare(st, "SELECT office, seq FROM sync_mark ORDER BY office",
	    &s, err)) != MC_OK)
		return rc;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(s, 0), (long)sqlite3_column_int64(s, 1), ctx);
	return store_reset(st, s, rc, err);
}

int
syncq_set_mark(struct store *st, const char *office, long seq, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "INSERT INTO sync_mark(office, seq) VALUES (?1, ?2) "
	    "ON CONFLICT(office) DO UPDATE SET seq = excluded.seq", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, office, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, seq);
	return store_step_done(st, s, err);
}

int
syncq_clear_marks(struct store *st, struct mc_error *err)
{
	return store_exec(st, "DELETE FROM sync_mark", err);
}

/* The checks a pulled event must pass before it is stored. */
static int
well_formed(struct store *st, const struct syncq_event *ev, struct mc_error *err)
{
	mc_minute t;
	json_t *p;
	int obj;

	if (ev->office == NULL || *ev->office == '\0' || strlen(ev->office) > OFFICE_MAX ||
	    strchr(ev->office, ':') != NULL)
		return mc_fail(err, MC_EINVAL, _("a pulled event has no valid office code"));
	if (strcmp(ev->office, store_office(st)) == 0)
		return mc_fail(err, MC_EINVAL, _("the hub sent back an event of this office (%s:%ld)"),
		    ev->office, ev->seq);
	if (ev->seq < 1 || ev->pos < 1 || ev->code == NULL || *ev->code == '\0' ||
	    strlen(ev->code) >= CODE_MAX || ev->kind == NULL || event_kind_parse(ev->kind) < 0 ||
	    ev->at == NULL || mc_time_parse(ev->at, &t) != 0 || ev->actor == NULL ||
	    strlen(ev->actor) > 63 || ev->payload == NULL)
		return mc_fail(err, MC_EINVAL, _("event %s:%ld from the hub is not well formed"),
		    ev->office, ev->seq);
	p = json_loads(ev->payload, 0, NULL);
	obj = json_is_object(p);
	json_decref(p);
	if (!obj)
		return mc_fail(err, MC_EINVAL, _("event %s:%ld from the hub is not well formed"),
		    ev->office, ev->seq);
	return MC_OK;
}

static int
same_text(sqlite3_stmt *s, int col, const char *v)
{
	const char *have = (const char *)sqlite3_column_text(s, col);

	return have != NULL && strcmp(have, v) == 0;
}

int
syncq_pull_event(struct store *st, const struct syncq_event *ev, enum syncq_pulled *what,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char id[96], now[MC_TIME_BUF];
	int rc, same;

	if ((rc = well_formed(st, ev, err)) != MC_OK)
		return rc;
	snprintf(id, sizeof id, "%s:%ld", ev->office, ev->seq);
	if ((rc = store_prepare(st, "SELECT code, pos, kind, at, actor, payload FROM dossier_event "
	    "WHERE id = ?1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		same = same_text(s, 0, ev->code) && sqlite3_column_int(s, 1) == ev->pos &&
		    same_text(s, 2, ev->kind) && same_text(s, 3, ev->at) &&
		    same_text(s, 4, ev->actor) && same_text(s, 5, ev->payload);
		sqlite3_reset(s);
		*what = same ? SYNCQ_KNOWN : SYNCQ_DIFFERENT;
		return same ? MC_OK : syncq_set_aside(st, id, SYNCQ_PULL,
		    _("the hub sent this event with other content than the copy held here"), err);
	}
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "INSERT INTO dossier_event(id, office, office_seq, code, kind, at, "
	    "actor, recorded, payload, pos) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	    &s, err)) != MC_OK)
		return rc;
	mc_time_format(mc_now(), now);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ev->office, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, ev->seq);
	sqlite3_bind_text(s, 4, ev->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, ev->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, ev->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, ev->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, ev->payload, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 10, ev->pos);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	*what = SYNCQ_NEW;
	return MC_OK;
}

/* Was code made here?  Codes start with the agency code of the office that made them. */
static int
made_here(struct store *st, const char *code)
{
	const char *office = store_office(st);
	size_t n = strlen(office);

	return n > 0 && strncmp(code, office, n) == 0 && code[n] == '-';
}

int
syncq_pull_dossier(struct store *st, const char *code, int read_only, const char *holder,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!made_here(st, code)) {
		/* Once handed here, a dossier stays writable here. */
		if ((rc = store_prepare(st, "INSERT INTO sync_dossier(code, access, office) "
		    "VALUES (?1, ?2, ?3) ON CONFLICT(code) DO UPDATE SET office = excluded.office, "
		    "access = CASE WHEN sync_dossier.access = 'held' THEN 'held' ELSE excluded.access END",
		    &s, err)) != MC_OK)
			return rc;
		sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, read_only ? "read" : "held", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, holder != NULL ? holder : "", -1, SQLITE_STATIC);
		if ((rc = store_step_done(st, s, err)) != MC_OK)
			return rc;
	}
	return dossier_refold(st, code, err);
}

int
syncq_read_only(struct store *st, const char *code, char *holder, size_t n)
{
	sqlite3_stmt *s;
	int ro = 0;

	if (store_prepare(st, "SELECT office FROM sync_dossier WHERE code = ?1 AND access = 'read'",
	    &s, NULL) != MC_OK)
		return 0;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		ro = 1;
		if (holder != NULL)
			store_col_copy(s, 0, holder, n);
	}
	sqlite3_reset(s);
	return ro;
}

/* ---------------------------------------------------------------- state */

static long
count_set_aside(struct store *st)
{
	return store_number(st, "SELECT count(*) FROM sync_setaside", 0);
}

static const char *const problem_keys[] = {
	[SYNCQ_PROBLEM_NONE] = "",
	[SYNCQ_PROBLEM_UNREACHABLE] = "unreachable",
	[SYNCQ_PROBLEM_TOKEN] = "token",
	[SYNCQ_PROBLEM_HUB] = "hub",
	[SYNCQ_PROBLEM_PROVINCE] = "province",
	[SYNCQ_PROBLEM_LOCAL] = "local",
};

const char *
syncq_problem_key(enum syncq_problem p)
{
	return (unsigned)p < sizeof problem_keys / sizeof problem_keys[0] ? problem_keys[p] : "";
}

enum syncq_problem
syncq_problem_parse(const char *key)
{
	size_t i;

	for (i = 1; key != NULL && i < sizeof problem_keys / sizeof problem_keys[0]; i++)
		if (strcmp(problem_keys[i], key) == 0)
			return (enum syncq_problem)i;
	return SYNCQ_PROBLEM_NONE;
}

/* Setting key into out (n bytes), "" when unset. */
static void
setting_into(struct store *st, const char *key, char *out, size_t n)
{
	char *v = store_setting(st, key);

	text_copy(out, n, v != NULL ? v : "");	/* a long one cut between characters */
	free(v);
}

int
syncq_status(struct store *st, struct syncq_status *out, struct mc_error *err)
{
	char *v, buf[32];

	memset(out, 0, sizeof *out);
	setting_into(st, "sync.last", out->last, sizeof out->last);
	setting_into(st, "sync.run", out->run, sizeof out->run);
	setting_into(st, "sync.error", out->error, sizeof out->error);
	setting_into(st, "sync.problem", buf, sizeof buf);
	out->problem = syncq_problem_parse(buf);
	setting_into(st, "sync.backlog", buf, sizeof buf);
	out->backlog_then = buf[0] != '\0' ? atol(buf) : -1;
	v = store_setting(st, "sync.hub");
	out->configured = v != NULL && *v != '\0';
	free(v);
	out->set_aside = count_set_aside(st);
	return syncq_backlog(st, syncq_cursor(st), &out->backlog, err);
}

int
syncq_finish(struct store *st, int ok, enum syncq_problem problem, const char *error,
    struct mc_error *err)
{
	char now[MC_TIME_BUF], buf[32];
	long backlog;
	int rc;

	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = syncq_backlog(st, syncq_cursor(st), &backlog, err)) != MC_OK)
		goto out;
	mc_time_format(mc_now(), now);
	if (ok && (rc = store_set_setting(st, "sync.last", now, err)) != MC_OK)
		goto out;
	if ((rc = store_set_setting(st, "sync.run", now, err)) != MC_OK ||
	    (rc = store_set_setting(st, "sync.problem", syncq_problem_key(problem), err)) != MC_OK)
		goto out;
	snprintf(buf, sizeof buf, "%ld", backlog);
	if ((rc = store_set_setting(st, "sync.backlog", buf, err)) != MC_OK)
		goto out;
	snprintf(buf, sizeof buf, "%ld", count_set_aside(st));
	if ((rc = store_set_setting(st, "sync.setaside", buf, err)) == MC_OK)
		rc = store_set_setting(st, "sync.error", error != NULL ? error : "", err);
out:
	return store_end(st, rc, err);
}
