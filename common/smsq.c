/* smsq.c -- the SMS queues in the store: leases on sms_out, sms_in and its parts,
 * delivery reports, opt-outs, quiet hours, modem health; see smsq.h.
 *
 * Every writer here is one short BEGIN IMMEDIATE transaction (or one statement), so
 * several daemons and consoles can share the store; the rules that keep a message
 * from being sent twice live in the WHERE clauses: a row is claimed only from
 * 'queued', a lease that ran out sends a row back to the queue only while its refs
 * (the parts the modem acknowledged) are empty.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "smsq.h"
#include "store.h"
#include "text.h"

#define DAY_SECONDS 86400
#define LEASE_DEFAULT 120
#define BULK_PER_MINUTE 6
#define RETRY_SECONDS 60
#define RETRY_MAX 3600
#define MAX_ATTEMPTS 5
#define REPORT_WINDOW_HOURS 72
#define QUIET_DEFAULT "21:00-07:00"

/* "HH:MM-HH:MM" into from and to (minutes of the day); -1 if malformed. */
static int
quiet_parse(const char *s, int *from, int *to)
{
	char a[6], b[6];

	if (s == NULL || strlen(s) != 11 || s[5] != '-')
		return -1;
	memcpy(a, s, 5);
	a[5] = '\0';
	memcpy(b, s + 6, 5);
	b[5] = '\0';
	if ((*from = mc_hhmm_parse(a)) < 0 || (*to = mc_hhmm_parse(b)) < 0)
		return -1;
	return 0;
}

mc_minute
smsq_quiet_until(struct store *st, mc_minute t)
{
	char *v = store_setting(st, "sms.quiet");
	int from, to, m = mc_minute_of_day(t);
	mc_day day = mc_day_of(t);

	if (v != NULL && (*v == '\0' || strcmp(v, "off") == 0 || strcmp(v, "none") == 0)) {
		free(v);
		return MC_TIME_NONE;
	}
	if (v == NULL || quiet_parse(v, &from, &to) != 0)
		quiet_parse(QUIET_DEFAULT, &from, &to);
	free(v);
	if (from == to)
		return MC_TIME_NONE;
	if (from < to)
		return m >= from && m < to ? mc_at(day, to) : MC_TIME_NONE;
	if (m >= from)
		return mc_at(day + 1, to);
	return m < to ? mc_at(day, to) : MC_TIME_NONE;
}

/* ---------------------------------------------------------------- helpers */

static void
bind_time(sqlite3_stmt *s, int i, mc_second t)
{
	char buf[MC_TIME_BUF];

	mc_second_format(t, buf);
	sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

static int
setting_pos(struct store *st, const char *key, int dflt)
{
	int v = store_setting_int(st, key, dflt);

	return v > 0 ? v : dflt;
}

/* ---------------------------------------------------------------- UTF-8 */

/* s as valid UTF-8: *out = s when it is (or NULL), else a new copy in which every byte
 * that starts no character became U+FFFD (*copy, the caller frees it). */
static int
utf8_repair(const char *s, const char **out, char **copy, struct mc_error *err)
{
	struct text_buf b = { 0 };
	const char *p;
	int32_t cp;
	int k;

	*out = s;
	*copy = NULL;
	if (s == NULL)
		return MC_OK;
	for (p = s; (k = text_next(p, SIZE_MAX, &cp)) > 0; p += k)
		;
	if (k == 0)
		return MC_OK;	/* well-formed to the end */
	for (p = s; *p != '\0'; p += k)
		if ((k = text_next(p, SIZE_MAX, &cp)) < 0) {
			text_buf_add(&b, "\xEF\xBF\xBD");
			k = 1;
		} else {
			text_buf_addn(&b, p, (size_t)k);
		}
	if ((*copy = text_buf_take(&b)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	*out = *copy;
	return MC_OK;
}

/* The texts of an incoming message, valid UTF-8 (utf8_repair). */
struct in_text {
	const char *number, *smsc_time, *body;
	char *copy[3];
};

static int
in_text_repair(struct in_text *t, const char *number, const char *smsc_time, const char *body,
    struct mc_error *err)
{
	int rc;

	memset(t, 0, sizeof *t);
	if ((rc = utf8_repair(number, &t->number, &t->copy[0], err)) != MC_OK ||
	    (rc = utf8_repair(smsc_time, &t->smsc_time, &t->copy[1], err)) != MC_OK)
		return rc;
	return utf8_repair(body, &t->body, &t->copy[2], err);
}

static void
in_text_free(struct in_text *t)
{
	free(t->copy[0]);
	free(t->copy[1]);
	free(t->copy[2]);
}

/* ---------------------------------------------------------------- sending */

void
smsq_msg_free(struct smsq_msg *m)
{
	if (m == NULL)
		return;
	free(m->body);
	m->body = NULL;
}

/* The three expiry rules; inside the caller's transaction. */
static int
expire_locked(struct store *st, mc_second now, int *n, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc, max = setting_pos(st, "sms.max_attempts", MAX_ATTEMPTS), total = 0;

	/* Nothing acknowledged: queued again, flagged when a part had been handed over. */
	if ((rc = store_prepare(st, "UPDATE sms_out SET "
	    "status = CASE WHEN attempts >= ?2 THEN 'failed' ELSE 'queued' END, "
	    "error = CASE WHEN attempts >= ?2 THEN ?3 WHEN handed > 0 THEN ?4 ELSE error END, "
	    "twice = CASE WHEN attempts < ?2 AND handed > 0 THEN 1 ELSE twice END, "
	    "handed = 0, lease_owner = NULL, lease_until = NULL "
	    "WHERE status = 'sending' AND lease_until < ?1 AND refs IS NULL", &s, err)) != MC_OK)
		return rc;
	bind_time(s, 1, now);
	sqlite3_bind_int(s, 2, max);
	sqlite3_bind_text(s, 3, _("the sending program stopped during every attempt"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, _("possibly sent twice: the sending program stopped after the modem took "
	    "the message, before its answer was recorded; sent again"), -1, SQLITE_TRANSIENT);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	total += sqlite3_changes(store_db(st));

	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'sent', handed = 0, lease_owner = NULL, "
	    "lease_until = NULL WHERE status = 'sending' AND lease_until < ?1 AND refs IS NOT NULL "
	    "AND length(refs) - length(replace(refs, ',', '')) + 1 >= parts", &s, err)) != MC_OK)
		return rc;
	bind_time(s, 1, now);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	total += sqlite3_changes(store_db(st));

	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'failed', error = ?2, handed = 0, "
	    "lease_owner = NULL, lease_until = NULL "
	    "WHERE status = 'sending' AND lease_until < ?1 AND refs IS NOT NULL",
	    &s, err)) != MC_OK)
		return rc;
	bind_time(s, 1, now);
	sqlite3_bind_text(s, 2, _("interrupted after some parts were sent; not sent again, to avoid duplicates"),
	    -1, SQLITE_TRANSIENT);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	total += sqlite3_changes(store_db(st));
	if (n != NULL)
		*n = total;
	return MC_OK;
}

int
smsq_expire(struct store *st, mc_second now, int *n, struct mc_error *err)
{
	int rc;

	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	return store_end(st, expire_locked(st, now, n, err), err);
}

/* How many reminders and bulk messages modem sent in the last minute or is sending. */
static int
bulk_recent(struct store *st, const char *modem, mc_second now, int *count, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "SELECT "
	    "(SELECT count(*) FROM sms_out WHERE modem = ?1 AND refs IS NOT NULL AND sent_at >= ?2 "
	    "AND priority >= 2) + "
	    "(SELECT count(*) FROM sms_out WHERE status = 'sending' AND modem = ?1 AND priority >= 2)",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, modem, -1, SQLITE_TRANSIENT);
	bind_time(s, 2, now - 60);
	rc = sqlite3_step(s);
	*count = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	return store_reset(st, s, rc, err);
}

int
smsq_claim(struct store *st, const char *owner, const char *modem, mc_second now,
    int lease, struct smsq_msg *out, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc, quiet, per_minute, recent = 0;

	memset(out, 0, sizeof *out);
	if (owner == NULL || *owner == '\0' || modem == NULL || *modem == '\0')
		return mc_fail(err, MC_EINVAL, _("a claim needs the daemon's owner name and modem"));
	if (lease <= 0)
		lease = setting_pos(st, "sms.lease", LEASE_DEFAULT);
	quiet = smsq_quiet_until(st, mc_minute_of(now)) != MC_TIME_NONE;
	per_minute = store_setting_int(st, "sms.bulk_per_minute", BULK_PER_MINUTE);
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = expire_locked(st, now, NULL, err)) != MC_OK)
		goto fail;
	if (per_minute > 0 && (rc = bulk_recent(st, modem, now, &recent, err)) != MC_OK)
		goto fail;
	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'sending', lease_owner = ?1, "
	    "lease_until = ?2, modem = ?3, attempts = attempts + 1, handed = 0 "
	    "WHERE id = (SELECT id FROM sms_out WHERE status = 'queued' "
	    "AND (not_before IS NULL OR not_before <= ?4) AND (?5 = 0 OR priority = 0) "
	    "AND (?6 = 1 OR priority < 2) ORDER BY priority, not_before, id LIMIT 1) "
	    "RETURNING id, number, kind, priority, body, encoding, parts, code, attempts",
	    &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_text(s, 1, owner, -1, SQLITE_TRANSIENT);
	bind_time(s, 2, now + lease);
	sqlite3_bind_text(s, 3, modem, -1, SQLITE_TRANSIENT);
	bind_time(s, 4, now);
	sqlite3_bind_int(s, 5, quiet);
	sqlite3_bind_int(s, 6, per_minute <= 0 || recent < per_minute);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = (long)sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, out->number, sizeof out->number);
		store_col_copy(s, 2, out->kind, sizeof out->kind);
		out->priority = sqlite3_column_int(s, 3);
		out->body = store_col_dup(s, 4);
		out->ucs2 = strcmp(store_col_text(s, 5), "ucs2") == 0;
		out->parts = sqlite3_column_int(s, 6);
		store_col_copy(s, 7, out->code, sizeof out->code);
		out->attempts = sqlite3_column_int(s, 8);
		rc = sqlite3_step(s);
	}
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		goto fail;
	if (out->id != 0 && out->body == NULL) {
		rc = mc_fail(err, MC_ENOMEM, NULL);
		goto fail;
	}
	if ((rc = store_commit(st, err)) != MC_OK)
		goto fail;
	return out->id != 0 ? MC_OK : MC_ENOTFOUND;
fail:
	store_rollback(st);
	smsq_msg_free(out);
	memset(out, 0, sizeof *out);
	return rc;
}

/* Run a one-statement update of id; MC_ENOTFOUND when it changed nothing. */
static int
update_one(struct store *st, sqlite3_stmt *s, struct mc_error *err)
{
	int rc;

	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	if (sqlite3_changes(store_db(st)) == 0)
		return mc_fail(err, MC_ENOTFOUND, _("this daemon no longer holds the message"));
	return MC_OK;
}

int
smsq_renew(struct store *st, long id, const char *owner, mc_second now, int lease,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "UPDATE sms_out SET lease_until = ?3 "
	    "WHERE id = ?1 AND lease_owner = ?2 AND status = 'sending'", &s, err)) != MC_OK)
		return rc;
	if (lease <= 0)
		lease = setting_pos(st, "sms.lease", LEASE_DEFAULT);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, owner, -1, SQLITE_TRANSIENT);
	bind_time(s, 3, now + lease);
	return update_one(st, s, err);
}

int
smsq_part_handed(struct store *st, long id, int handed, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (handed < 0 || handed > 255)
		return mc_fail(err, MC_EINVAL, _("part %d is not a part of a message"), handed);
	if ((rc = store_prepare(st, "UPDATE sms_out SET handed = ?2 WHERE id = ?1 AND status = 'sending'",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, handed);
	return update_one(st, s, err);
}

int
smsq_part_sent(struct store *st, long id, int mr, mc_second now, struct mc_error *err)
{
	sqlite3_stmt *s;
	char ref[8];
	int rc;

	if (mr < 0 || mr > 255)
		return mc_fail(err, MC_EINVAL, _("message reference %d is not 0..255"), mr);
	if ((rc = store_prepare(st, "UPDATE sms_out SET refs = CASE WHEN refs IS NULL OR refs = '' THEN ?2 "
	    "ELSE refs || ',' || ?2 END, sent_at = ?3 WHERE id = ?1", &s, err)) != MC_OK)
		return rc;
	snprintf(ref, sizeof ref, "%d", mr);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, ref, -1, SQLITE_TRANSIENT);
	bind_time(s, 3, now);
	if (update_one(st, s, err) != MC_OK)
		return mc_fail(err, MC_ENOTFOUND, _("no outgoing message %ld"), id);
	return MC_OK;
}

int
smsq_sent(struct store *st, long id, const char *owner, int report_requested,
    mc_second now, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'sent', lease_owner = NULL, "
	    "lease_until = NULL, sent_at = ?3, error = CASE WHEN twice THEN error END, handed = 0, "
	    "delivery = CASE WHEN ?4 THEN coalesce(delivery, 'pending') ELSE delivery END "
	    "WHERE id = ?1 AND status = 'sending' AND (lease_owner = ?2 OR lease_owner IS NULL)",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, owner != NULL ? owner : "", -1, SQLITE_TRANSIENT);
	bind_time(s, 3, now);
	sqlite3_bind_int(s, 4, report_requested != 0);
	return update_one(st, s, err);
}

int
smsq_failed(struct store *st, long id, const char *owner, const char *reason,
    int permanent, mc_second now, int *final, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc, i, attempts, acked, unsure, last, max = setting_pos(st, "sms.max_attempts", MAX_ATTEMPTS);
	mc_second wait;
	char why[512];

	if (final != NULL)
		*final = 0;
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "SELECT attempts, refs IS NOT NULL AND refs <> '', handed > 0 FROM sms_out "
	    "WHERE id = ?1 AND status = 'sending' AND lease_owner = ?2", &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, owner != NULL ? owner : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	attempts = sqlite3_column_int(s, 0);
	acked = sqlite3_column_int(s, 1);
	unsure = sqlite3_column_int(s, 2) && !acked;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? mc_fail(err, MC_ENOTFOUND, _("this daemon no longer holds the message")) :
		    store_error(st, rc, err);
		goto fail;
	}
	last = permanent || acked || attempts >= max;
	wait = setting_pos(st, "sms.retry_seconds", RETRY_SECONDS);
	for (i = 1; i < attempts && wait < RETRY_MAX; i++)
		wait *= 2;
	if (wait > RETRY_MAX)
		wait = RETRY_MAX;
	if ((rc = store_prepare(st, "UPDATE sms_out SET status = ?2, error = ?3, "
	    "not_before = CASE WHEN ?2 = 'queued' THEN ?4 ELSE not_before END, "
	    "twice = CASE WHEN ?5 THEN 1 ELSE twice END, handed = 0, "
	    "lease_owner = NULL, lease_until = NULL WHERE id = ?1", &s, err)) != MC_OK)
		goto fail;
	if (reason == NULL || *reason == '\0')
		reason = _("the modem refused the message");
	if (acked && !permanent)
		reason = _("interrupted after some parts were sent; not sent again, to avoid duplicates");
	else if (unsure && !last) {
		snprintf(why, sizeof why, _("possibly sent twice: %s, after the modem took the message; "
		    "sent again"), reason);
		reason = why;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, last ? "failed" : "queued", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
	bind_time(s, 4, now + wait);
	sqlite3_bind_int(s, 5, unsure && !last);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		goto fail;
	if ((rc = store_commit(st, err)) != MC_OK)
		return rc;
	if (final != NULL)
		*final = last;
	return MC_OK;
fail:
	store_rollback(st);
	return rc;
}

int
smsq_release(struct store *st, long id, const char *owner, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'queued', "
	    "attempts = max(attempts - 1, 0), handed = 0, lease_owner = NULL, lease_until = NULL "
	    "WHERE id = ?1 AND lease_owner = ?2 AND status = 'sending' AND refs IS NULL",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, owner != NULL ? owner : "", -1, SQLITE_TRANSIENT);
	return update_one(st, s, err);
}

/* ---------------------------------------------------------------- receiving */

/* Insert one message into sms_in (inside the caller's transaction or alone). */
static int
record_in(struct store *st, const char *modem, const char *number, const char *smsc_time,
    const char *body, int parts, const char *note, mc_second now, long *id, int *dup,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*id = 0;
	if (dup != NULL)
		*dup = 0;
	if ((rc = store_prepare(st, "INSERT INTO sms_in(modem, number, smsc_time, received_at, body, parts, note) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	    "ON CONFLICT(number, smsc_time, body) DO NOTHING RETURNING id", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, modem != NULL ? modem : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, smsc_time != NULL ? smsc_time : "", -1, SQLITE_TRANSIENT);
	bind_time(s, 4, now);
	sqlite3_bind_text(s, 5, body != NULL ? body : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 6, parts > 0 ? parts : 1);
	sqlite3_bind_text(s, 7, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = (long)sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s);
	}
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		return rc;
	if (*id != 0)
		return MC_OK;
	if ((rc = store_prepare(st, "SELECT id FROM sms_in WHERE number = ?1 AND smsc_time = ?2 AND body = ?3",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, smsc_time != NULL ? smsc_time : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, body != NULL ? body : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_error(st, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, err);
	if (dup != NULL)
		*dup = 1;
	return MC_OK;
}

int
smsq_in_incomplete(struct store *st, const char *modem, const char *number,
    const char *smsc_time, const char *body, int parts, const char *note, mc_second now,
    long *id, int *dup, struct mc_error *err)
{
	struct in_text t;
	int rc;

	*id = 0;
	if (dup != NULL)
		*dup = 0;
	if (number == NULL)
		return mc_fail(err, MC_EINVAL, _("an incoming message needs its sender"));
	if ((rc = in_text_repair(&t, number, smsc_time, body, err)) == MC_OK)
		rc = record_in(st, modem, t.number, t.smsc_time, t.body, parts, note, now, id, dup, err);
	in_text_free(&t);
	return rc;
}

int
smsq_in_record(struct store *st, const char *modem, const char *number,
    const char *smsc_time, const char *body, int parts, mc_second now, long *id, int *dup,
    struct mc_error *err)
{
	return smsq_in_incomplete(st, modem, number, smsc_time, body, parts, NULL, now, id, dup, err);
}

int
smsq_in_unreadable(struct store *st, const char *modem, const char *where, const char *why,
    mc_second now, long *id, struct mc_error *err)
{
	sqlite3_stmt *s;
	char note[512], when[32];
	struct tm tm;
	time_t t = time(NULL);
	int rc, dup = 1, try;

	*id = 0;
	if (why == NULL || *why == '\0')
		why = _("reading it stopped the program");
	if (where != NULL && *where != '\0')
		snprintf(note, sizeof note, _("unreadable message deleted from the modem (%s): %s"), where,
		    why);
	else
		snprintf(note, sizeof note, _("unreadable message deleted from the modem: %s"), why);
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	/* Each its own row: another one recorded in the same second takes the next. */
	for (try = 0; dup && try < 3600; try++, t++) {
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if ((rc = record_in(st, modem, "", when, "", 1, note, now, id, &dup, err)) != MC_OK)
			goto fail;
	}
	if ((rc = store_prepare(st, "UPDATE sms_in SET status = 'ignored' WHERE id = ?1 AND status = 'new'",
	    &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, *id);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	*id = 0;
	return rc;
}

/* Join the stored parts of (number, ref, total) as one message, record it (with a note
 * when parts are missing) and delete the parts; inside the caller's transaction. */
static int
join_parts(struct store *st, const char *number, int ref, int total, mc_second now,
    long *id, int *dup, struct mc_error *err)
{
	sqlite3_stmt *s;
	struct text_buf b = { 0 };
	char smsc[64] = "", modem[64] = "", note[96] = "";
	int rc, seq, expect = 1, have = 0;

	if ((rc = store_prepare(st, "SELECT seq, body, smsc_time, modem FROM sms_part "
	    "WHERE number = ?1 AND ref = ?2 AND total = ?3 ORDER BY seq", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, ref);
	sqlite3_bind_int(s, 3, total);
	text_buf_add(&b, "");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		seq = sqlite3_column_int(s, 0);
		if (have == 0) {
			store_col_copy(s, 2, smsc, sizeof smsc);
			store_col_copy(s, 3, modem, sizeof modem);
		}
		if (seq != expect)
			text_buf_add(&b, b.n > 0 ? " [...] " : "[...] ");
		if (sqlite3_column_text(s, 1) != NULL)
			text_buf_add(&b, (const char *)sqlite3_column_text(s, 1));
		expect = seq + 1;
		have++;
	}
	if ((rc = store_reset(st, s, rc, err)) != MC_OK) {
		text_buf_free(&b);
		return rc;
	}
	if (expect <= total && have > 0)
		text_buf_add(&b, " [...]");
	if (b.oom) {
		text_buf_free(&b);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	*id = 0;
	rc = MC_OK;
	if (have > 0) {
		if (have < total)
			snprintf(note, sizeof note, "incomplete: %d of %d parts", have, total);
		rc = record_in(st, modem, number, smsc, b.s, have, note, now, id, dup, err);
	}
	text_buf_free(&b);
	if (rc != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "DELETE FROM sms_part WHERE number = ?1 AND ref = ?2 AND total = ?3",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, ref);
	sqlite3_bind_int(s, 3, total);
	return store_step_done(st, s, err);
}

/* Was body (part of total) already delivered inside a message of as many parts joined
 * in the last day?  (A part re-delivered after its message was joined.)  Short parts
 * are not compared: they could match by chance. */
static int
part_seen(struct store *st, const char *number, const char *body, int total, mc_second now,
    int *seen, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*seen = 0;
	if (strlen(body) < 40)
		return MC_OK;
	if ((rc = store_prepare(st, "SELECT 1 FROM sms_in WHERE number = ?1 AND parts = ?4 "
	    "AND received_at >= ?2 AND instr(body, ?3) > 0 LIMIT 1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int(s, 4, total);
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	bind_time(s, 2, now - DAY_SECONDS);
	sqlite3_bind_text(s, 3, body, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	*seen = rc == SQLITE_ROW;
	return store_reset(st, s, rc, err);
}

/* smsq_part_store() of a valid part with valid UTF-8 texts. */
static int
part_store(struct store *st, const char *modem, const char *number, int ref, int total,
    int seq, const char *smsc_time, const char *body, mc_second now, long *id, int *dup,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char *old = NULL;
	int rc, count = 0, seen;

	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "SELECT body FROM sms_part WHERE number = ?1 AND ref = ?2 AND total = ?3 "
	    "AND seq = ?4", &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, ref);
	sqlite3_bind_int(s, 3, total);
	sqlite3_bind_int(s, 4, seq);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		old = store_col_dup(s, 0);
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		goto fail;
	if (old != NULL) {
		int same = strcmp(old, body) == 0;

		free(old);
		if (same) {		/* the network delivered this part again */
			if (dup != NULL)
				*dup = 1;
			return store_commit(st, err);
		}
		/* The reference came round again: close the older message first. */
		if ((rc = join_parts(st, number, ref, total, now, id, NULL, err)) != MC_OK)
			goto fail;
		*id = 0;
	} else {
		if ((rc = part_seen(st, number, body, total, now, &seen, err)) != MC_OK)
			goto fail;
		if (seen) {
			if (dup != NULL)
				*dup = 1;
			return store_commit(st, err);
		}
	}
	if ((rc = store_prepare(st, "INSERT INTO sms_part(modem, number, ref, total, seq, smsc_time, body, stored_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_text(s, 1, modem != NULL ? modem : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, ref);
	sqlite3_bind_int(s, 4, total);
	sqlite3_bind_int(s, 5, seq);
	sqlite3_bind_text(s, 6, smsc_time != NULL ? smsc_time : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, body, -1, SQLITE_TRANSIENT);
	bind_time(s, 8, now);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		goto fail;
	if ((rc = store_prepare(st, "SELECT count(*) FROM sms_part WHERE number = ?1 AND ref = ?2 AND total = ?3",
	    &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_text(s, 1, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, ref);
	sqlite3_bind_int(s, 3, total);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		count = sqlite3_column_int(s, 0);
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		goto fail;
	if (count == total && (rc = join_parts(st, number, ref, total, now, id, dup, err)) != MC_OK)
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	*id = 0;
	return rc;
}

int
smsq_part_store(struct store *st, const char *modem, const char *number, int ref,
    int total, int seq, const char *smsc_time, const char *body, mc_second now, long *id,
    int *dup, struct mc_error *err)
{
	struct in_text t;
	int rc;

	*id = 0;
	if (dup != NULL)
		*dup = 0;
	if (number == NULL)
		return mc_fail(err, MC_EINVAL, _("an incoming message needs its sender"));
	if (total == 1 && seq == 1)
		return smsq_in_record(st, modem, number, smsc_time, body, 1, now, id, dup, err);
	if (total < 2 || total > 255 || seq < 1 || seq > total || ref < 0 || ref > 65535) {
		/* Not a part of anything: kept as it came, never counted as whole. */
		char note[96];

		snprintf(note, sizeof note, "incomplete: part %d of %d is not a valid part", seq, total);
		return smsq_in_incomplete(st, modem, number, smsc_time, body, 1, note, now, id, dup, err);
	}
	if ((rc = in_text_repair(&t, number, smsc_time, body != NULL ? body : "", err)) == MC_OK)
		rc = part_store(st, modem, t.number, ref, total, seq, t.smsc_time, t.body, now, id, dup,
		    err);
	in_text_free(&t);
	return rc;
}

int
smsq_parts_expire(struct store *st, mc_second older_than, mc_second now, int *n,
    struct mc_error *err)
{
	struct { char number[PHONE_MAX * 2]; int ref, total; } keys[64];
	sqlite3_stmt *s;
	long id;
	int rc, i, k, done = 0;

	if (n != NULL)
		*n = 0;
	do {	/* in batches, each in one transaction */
		if ((rc = store_begin(st, err)) != MC_OK)
			return rc;
		if ((rc = store_prepare(st, "SELECT number, ref, total FROM sms_part GROUP BY number, ref, total "
		    "HAVING max(stored_at) < ?1 LIMIT 64", &s, err)) != MC_OK)
			goto fail;
		bind_time(s, 1, older_than);
		for (k = 0; k < 64 && (rc = sqlite3_step(s)) == SQLITE_ROW; k++) {
			store_col_copy(s, 0, keys[k].number, sizeof keys[k].number);
			keys[k].ref = sqlite3_column_int(s, 1);
			keys[k].total = sqlite3_column_int(s, 2);
		}
		if ((rc = store_reset(st, s, rc, err)) != MC_OK)
			goto fail;
		for (i = 0; i < k; i++) {
			if ((rc = join_parts(st, keys[i].number, keys[i].ref, keys[i].total, now, &id,
			    NULL, err)) != MC_OK)
				goto fail;
			done += id != 0;
		}
		if ((rc = store_commit(st, err)) != MC_OK)
			return rc;
	} while (k == 64);
	if (n != NULL)
		*n = done;
	return MC_OK;
fail:
	store_rollback(st);
	return rc;
}

int
smsq_in_next(struct store *st, long after, long *id, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*id = 0;
	if ((rc = store_prepare(st, "SELECT id FROM sms_in WHERE status = 'new' AND id > ?1 "
	    "ORDER BY id LIMIT 1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, after);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = (long)sqlite3_column_int64(s, 0);
	return store_reset(st, s, rc, err);
}

int
smsq_in_set_aside(struct store *st, long id, const char *why, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "UPDATE sms_in SET status = 'failed', note = ?2 "
	    "WHERE id = ?1 AND status = 'new'", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, why != NULL ? why : "", -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, err);
}

/* ---------------------------------------------------------------- delivery reports */

/* The report's state from the modem's word. */
static const char *
report_state(const char *status)
{
	char c = status != NULL ? (char)tolower((unsigned char)status[0]) : '\0';

	switch (c) {
	case 'd': return "delivered";
	case 'f': return "failed";
	case 'p': return "pending";
	default: return "unknown";
	}
}

int
smsq_report(struct store *st, const char *modem, const char *number, int mr,
    const char *status, mc_second now, long *id, struct mc_error *err)
{
	const char *state = report_state(status);
	char num[PHONE_MAX], like[16];
	sqlite3_stmt *s;
	long found = 0;
	int rc, hours = setting_pos(st, "sms.report_window", REPORT_WINDOW_HOURS);

	if (id != NULL)
		*id = 0;
	if (mr < 0 || mr > 255)
		return mc_fail(err, MC_EINVAL, _("message reference %d is not 0..255"), mr);
	phone_recipient(number, num);
	snprintf(like, sizeof like, "%%,%d,%%", mr);
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "SELECT id FROM sms_out WHERE refs IS NOT NULL AND number = ?1 "
	    "AND (?2 = '' OR modem = ?2) AND ',' || refs || ',' LIKE ?3 "
	    "AND sent_at >= ?4 AND sent_at <= ?5 ORDER BY sent_at DESC, id DESC LIMIT 1",
	    &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_text(s, 1, num, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, modem != NULL ? modem : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, like, -1, SQLITE_TRANSIENT);
	bind_time(s, 4, now - (mc_second)hours * 3600);
	bind_time(s, 5, now + 3600);	/* the daemon's and the SMSC's clocks differ a little */
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		found = (long)sqlite3_column_int64(s, 0);
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		goto fail;
	if (found != 0) {
		/* failed is final; delivered beats pending; pending and unknown never undo a result */
		if ((rc = store_prepare(st, "UPDATE sms_out SET "
		    "delivery = CASE WHEN delivery = 'failed' THEN 'failed' "
		    "WHEN ?2 IN ('failed', 'delivered') THEN ?2 "
		    "WHEN delivery = 'delivered' THEN 'delivered' "
		    "WHEN ?2 = 'pending' OR delivery IS NULL THEN ?2 ELSE delivery END, "
		    "delivered_at = CASE WHEN ?2 IN ('failed', 'delivered') THEN ?3 ELSE delivered_at END, "
		    "status = CASE WHEN ?2 = 'delivered' AND status = 'sent' THEN 'delivered' ELSE status END "
		    "WHERE id = ?1", &s, err)) != MC_OK)
			goto fail;
		sqlite3_bind_int64(s, 1, found);
		sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
		bind_time(s, 3, now);
		if ((rc = store_step_done(st, s, err)) != MC_OK)
			goto fail;
	}
	if ((rc = store_commit(st, err)) != MC_OK)
		return rc;
	if (id != NULL)
		*id = found;
	return MC_OK;
fail:
	store_rollback(st);
	return rc;
}

/* ---------------------------------------------------------------- opt-out */

int
smsq_optout(struct store *st, const char *number, mc_second now, struct mc_error *err)
{
	char num[PHONE_MAX];
	sqlite3_stmt *s;
	int rc;

	if (!phone_recipient(number, num))
		return mc_fail(err, MC_EINVAL, _("'%s' is not a phone number"), num);
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "INSERT INTO sms_optout(number, at) VALUES (?1, ?2) "
	    "ON CONFLICT(number) DO NOTHING", &s, err)) != MC_OK)
		goto out;
	sqlite3_bind_text(s, 1, num, -1, SQLITE_TRANSIENT);
	bind_time(s, 2, now);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		goto out;
	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'cancelled', error = ?2 "
	    "WHERE number = ?1 AND status = 'queued' AND kind <> 'reply'", &s, err)) != MC_OK)
		goto out;
	sqlite3_bind_text(s, 1, num, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, _("the citizen asked for no more messages"), -1, SQLITE_TRANSIENT);
	rc = store_step_done(st, s, err);
out:
	return store_end(st, rc, err);
}

int
smsq_optin(struct store *st, const char *number, struct mc_error *err)
{
	char num[PHONE_MAX];
	sqlite3_stmt *s;
	int rc;

	if (!phone_recipient(number, num))
		return mc_fail(err, MC_EINVAL, _("'%s' is not a phone number"), num);
	if ((rc = store_prepare(st, "DELETE FROM sms_optout WHERE number = ?1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, num, -1, SQLITE_TRANSIENT);
	return store_step_done(st, s, err);
}

int
smsq_optedout(struct store *st, const char *number)
{
	char num[PHONE_MAX];
	sqlite3_stmt *s;
	int rc;

	phone_recipient(number, num);
	if (store_prepare(st, "SELECT 1 FROM sms_optout WHERE number = ?1", &s, NULL) != MC_OK)
		return 0;
	sqlite3_bind_text(s, 1, num, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_ROW;
}

/* ---------------------------------------------------------------- modem health */

int
smsq_health(struct store *st, const char *modem, const struct smsq_health *h,
    mc_second now, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (modem == NULL || *modem == '\0')
		return mc_fail(err, MC_EINVAL, _("the modem needs a name"));
	if ((rc = store_prepare(st, "INSERT INTO modem_health(modem, updated_at, state, signal, network, "
	    "operator, battery, balance, balance_at, last_success, last_error, sent_today, failed_today) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CASE WHEN ?8 IS NULL THEN NULL ELSE ?2 END, "
	    "CASE WHEN ?9 THEN ?2 END, ?10, "
	    "(SELECT count(*) FROM sms_out WHERE modem = ?1 AND refs IS NOT NULL AND sent_at >= ?11), "
	    "(SELECT count(*) FROM sms_out WHERE modem = ?1 AND status = 'failed' "
	    "AND coalesce(sent_at, created_at) >= ?11)) "
	    "ON CONFLICT(modem) DO UPDATE SET updated_at = excluded.updated_at, "
	    "state = excluded.state, signal = excluded.signal, network = excluded.network, "
	    "operator = excluded.operator, battery = excluded.battery, "
	    "balance = coalesce(excluded.balance, balance), "
	    "balance_at = coalesce(excluded.balance_at, balance_at), "
	    "last_success = coalesce(excluded.last_success, last_success), "
	    "last_error = coalesce(excluded.last_error, last_error), "
	    "sent_today = excluded.sent_today, failed_today = excluded.failed_today",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, modem, -1, SQLITE_TRANSIENT);
	bind_time(s, 2, now);
	sqlite3_bind_text(s, 3, h->state != NULL && *h->state != '\0' ? h->state : "ok", -1, SQLITE_TRANSIENT);
	if (h->signal >= 0)
		sqlite3_bind_int(s, 4, h->signal);
	store_bind_text(s, 5, h->network);
	store_bind_text(s, 6, h->operator_name);
	if (h->battery >= 0)
		sqlite3_bind_int(s, 7, h->battery);
	store_bind_text(s, 8, h->balance);
	sqlite3_bind_int(s, 9, h->success != 0);
	store_bind_text(s, 10, h->last_error);
	bind_time(s, 11, now - (now % DAY_SECONDS + DAY_SECONDS) % DAY_SECONDS);
	return store_step_done(st, s, err);
}
