/* smsbox.c -- the SMS tables as people read them (smsbox.h): keyset pages of the
 * outbox and inbox, retry and cancel with their refusals and audit, the modems'
 * reports and a campaign's progress.
 *
 * Both boxes are read through one column list (the inbox joins the answer queued for
 * each message), so one function fills a row from either.  The page statements are
 * written out whole in tables indexed by box, direction and plan (enum plan), so that
 * each reads (and can be EXPLAINed) as it runs.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "smsbox.h"
#include "store.h"
#include "text.h"

#define STALE_SECONDS 180	/* a daemon reports every minute */

/* ---------------------------------------------------------------- words */

static const char *const out_states[SMSBOX_NSTATES + 1] = {
	[SMSBOX_QUEUED] = "queued", [SMSBOX_SENDING] = "sending", [SMSBOX_SENT] = "sent",
	[SMSBOX_DELIVERED] = "delivered", [SMSBOX_FAILED] = "failed",
	[SMSBOX_CANCELLED] = "cancelled", [SMSBOX_NSTATES] = NULL,
};
static const char *const in_states[] = { "new", "answered", "ignored", "failed", NULL };

static const struct {
	const char *key;
	const char *words;	/* N_() */
} names[] = {
	{ "queued", N_("waiting") },
	{ "sending", N_("sending") },
	{ "sent", N_("sent") },
	{ "delivered", N_("delivered") },
	{ "failed", N_("failed") },
	{ "cancelled", N_("cancelled") },
	{ "new", N_("new") },
	{ "answered", N_("answered") },
	{ "ignored", N_("no answer") },
	{ "reply", N_("reply") },
	{ "notice", N_("notice") },
	{ "reminder", N_("reminder") },
	{ "bulk", N_("bulk") },
	{ "in", N_("incoming") },
};

static int
listed(const char *const *list, const char *s)
{
	int i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int
smsbox_status_valid(enum smsbox_box box, const char *status)
{
	return listed(box == SMSBOX_OUT ? out_states : in_states, status) >= 0;
}

int
smsbox_state_parse(const char *s)
{
	return listed(out_states, s);
}

static const char *
words(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].key, s) == 0)
			return _(names[i].words);
	return s != NULL ? s : "";
}

const char *
smsbox_status_name(const char *status)
{
	return words(status);
}

const char *
smsbox_kind_name(const char *kind)
{
	return words(kind);
}

int
smsbox_may_send(enum role role, int campaign)
{
	return !campaign || role == ROLE_HEAD || role == ROLE_ADMIN;
}

/* ---------------------------------------------------------------- text */

/* A printable copy of column i into dst (n bytes), cut at a character boundary
 * (store_col_copy() copies the text as it is). */
static int
copy_printable(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	char *t = text_printable(store_col_text(s, i));

	if (t == NULL)
		return -1;
	text_copy(dst, n, t);
	free(t);
	return 0;
}

/* ---------------------------------------------------------------- rows */

/* The columns read for a row of either box, in the order row_fill() takes them. */
#define OUT_COLS "SELECT id, number, kind, status, parts, created_at, coalesce(sent_at, ''), " \
	"coalesce(delivery, ''), coalesce(delivered_at, ''), coalesce(not_before, ''), encoding, " \
	"coalesce(code, ''), attempts, coalesce(campaign, 0), coalesce(modem, ''), body, " \
	"coalesce(error, ''), 0, '', '' FROM sms_out "
#define IN_COLS "SELECT i.id, i.number, 'in', i.status, i.parts, i.received_at, i.smsc_time, " \
	"'', '', '', '', coalesce(o.code, ''), 0, 0, i.modem, i.body, i.note, " \
	"coalesce(i.reply, 0), coalesce(o.status, ''), coalesce(o.body, '') " \
	"FROM sms_in i LEFT JOIN sms_out o ON o.id = i.reply "

/* How a page is read: every status; one status through its index (a few rows: the
 * index finds them all, they are sorted); one status by walking the ids (a common
 * status: the next n turn up soon, where sorting them all would be slow). */
enum plan {
	PLAN_ALL,
	PLAN_INDEX,
	PLAN_WALK,
	PLAN_COUNT
};
#define DENSE 2000		/* rows of one status from which walking the ids wins */

/* [box][dir][plan] */
static const char *const page_sql[2][2][PLAN_COUNT] = {
	[SMSBOX_OUT] = {
		[SMSBOX_OLDER] = { OUT_COLS "WHERE id < ?2 ORDER BY id DESC LIMIT ?3",
		    OUT_COLS "WHERE status = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3",
		    OUT_COLS "WHERE +status = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3" },
		[SMSBOX_NEWER] = { OUT_COLS "WHERE id > ?2 ORDER BY id LIMIT ?3",
		    OUT_COLS "WHERE status = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
		    OUT_COLS "WHERE +status = ?1 AND id > ?2 ORDER BY id LIMIT ?3" },
	},
	/* The inbox's index is (status, id): it gives one status in order. */
	[SMSBOX_IN] = {
		[SMSBOX_OLDER] = { IN_COLS "WHERE i.id < ?2 ORDER BY i.id DESC LIMIT ?3",
		    IN_COLS "WHERE i.status = ?1 AND i.id < ?2 ORDER BY i.id DESC LIMIT ?3",
		    IN_COLS "WHERE i.status = ?1 AND i.id < ?2 ORDER BY i.id DESC LIMIT ?3" },
		[SMSBOX_NEWER] = { IN_COLS "WHERE i.id > ?2 ORDER BY i.id LIMIT ?3",
		    IN_COLS "WHERE i.status = ?1 AND i.id > ?2 ORDER BY i.id LIMIT ?3",
		    IN_COLS "WHERE i.status = ?1 AND i.id > ?2 ORDER BY i.id LIMIT ?3" },
	},
};
static const char *const count_sql[2][2] = {
	[SMSBOX_OUT] = { "SELECT count(*) FROM sms_out WHERE id > ?2",
	    "SELECT count(*) FROM sms_out WHERE status = ?1 AND id > ?2" },
	[SMSBOX_IN] = { "SELECT count(*) FROM sms_in WHERE id > ?2",
	    "SELECT count(*) FROM sms_in WHERE status = ?1 AND id > ?2" },
};
static const char *const get_sql[2] = {
	[SMSBOX_OUT] = OUT_COLS "WHERE id = ?2",
	[SMSBOX_IN] = IN_COLS "WHERE i.id = ?2",
};

void
smsbox_row_free(struct smsbox_row *r)
{
	if (r == NULL)
		return;
	free(r->body);
	free(r->error);
	free(r->reply_body);
	r->body = r->error = r->reply_body = NULL;
}

void
smsbox_rows_free(struct smsbox_row *rows, int n)
{
	int i;

	for (i = 0; rows != NULL && i < n; i++)
		smsbox_row_free(&rows[i]);
}

/* The current row of s into r; -1 when out of memory (r then holds nothing). */
static int
row_fill(sqlite3_stmt *s, enum smsbox_box box, struct smsbox_row *r)
{
	int bad = 0;

	memset(r, 0, sizeof *r);
	r->box = box;
	r->id = (long)sqlite3_column_int64(s, 0);
	bad |= copy_printable(s, 1, r->number, sizeof r->number);
	bad |= copy_printable(s, 2, r->kind, sizeof r->kind);
	bad |= copy_printable(s, 3, r->status, sizeof r->status);
	r->parts = sqlite3_column_int(s, 4);
	bad |= copy_printable(s, 5, r->created, sizeof r->created);
	bad |= copy_printable(s, 6, r->sent, sizeof r->sent);
	bad |= copy_printable(s, 7, r->delivery, sizeof r->delivery);
	bad |= copy_printable(s, 8, r->delivered, sizeof r->delivered);
	bad |= copy_printable(s, 9, r->not_before, sizeof r->not_before);
	bad |= copy_printable(s, 10, r->encoding, sizeof r->encoding);
	bad |= copy_printable(s, 11, r->code, sizeof r->code);
	r->attempts = sqlite3_column_int(s, 12);
	r->campaign = (long)sqlite3_column_int64(s, 13);
	bad |= copy_printable(s, 14, r->modem, sizeof r->modem);
	r->reply = (long)sqlite3_column_int64(s, 17);
	bad |= copy_printable(s, 18, r->reply_status, sizeof r->reply_status);
	r->body = text_printable(store_col_text(s, 15));
	r->error = text_printable(store_col_text(s, 16));
	r->reply_body = text_printable(store_col_text(s, 19));
	if (bad || r->body == NULL || r->error == NULL || r->reply_body == NULL) {
		smsbox_row_free(r);
		return -1;
	}
	return 0;
}

/* Bind a status (or none) and an id bound to one of the tables' statements. */
static void
bind_query(sqlite3_stmt *s, const char *status, long id)
{
	if (status != NULL)
		sqlite3_bind_text(s, 1, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id);
}

static int
check_query(enum smsbox_box box, const char *status, struct mc_error *err)
{
	if (box != SMSBOX_OUT && box != SMSBOX_IN)
		return mc_fail(err, MC_EINVAL, NULL);
	if (status != NULL && !smsbox_status_valid(box, status))
		return mc_fail(err, MC_EINVAL, box == SMSBOX_OUT ?
		    _("'%s' is not a status of the SMS outbox") :
		    _("'%s' is not a status of the SMS inbox"), status);
	return MC_OK;
}

/* Which way to read a page of box with status (see enum plan). */
static int
page_plan(struct store *st, enum smsbox_box box, const char *status, enum plan *plan,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*plan = status == NULL ? PLAN_ALL : PLAN_INDEX;
	if (status == NULL || box != SMSBOX_OUT)
		return MC_OK;
	if ((rc = store_prepare(st, "SELECT count(*) FROM (SELECT 1 FROM sms_out WHERE status = ?1 LIMIT ?2)",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, DENSE);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_int(s, 0) >= DENSE)
		*plan = PLAN_WALK;
	return store_reset(st, s, rc, err);
}

int
smsbox_page(struct store *st, enum smsbox_box box, const char *status, long from,
    enum smsbox_dir dir, int n, struct smsbox_row *out, int *got, struct mc_error *err)
{
	sqlite3_stmt *s;
	enum plan plan;
	int rc = SQLITE_DONE;

	*got = 0;
	if ((rc = check_query(box, status, err)) != MC_OK)
		return rc;
	if (n <= 0)
		return MC_OK;
	if (dir != SMSBOX_NEWER)
		dir = SMSBOX_OLDER;
	if (from <= 0)
		from = dir == SMSBOX_OLDER ? INT64_MAX : 0;
	if ((rc = page_plan(st, box, status, &plan, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, page_sql[box][dir][plan], &s, err)) != MC_OK)
		return rc;
	bind_query(s, status, from);
	sqlite3_bind_int(s, 3, n);
	while (*got < n && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (row_fill(s, box, &out[*got]) != 0) {
			sqlite3_reset(s);
			return mc_fail(err, MC_ENOMEM, NULL);
		}
		(*got)++;
	}
	return store_reset(st, s, rc, err);
}

int
smsbox_count(struct store *st, enum smsbox_box box, const char *status, long newer_than,
    long *count, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	*count = 0;
	if ((rc = check_query(box, status, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, count_sql[box][status != NULL], &s, err)) != MC_OK)
		return rc;
	bind_query(s, status, newer_than > 0 ? newer_than : 0);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(s, 0);
	return store_reset(st, s, rc, err);
}

int
smsbox_get(struct store *st, enum smsbox_box box, long id, struct smsbox_row *out,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = check_query(box, NULL, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, get_sql[box], &s, err)) != MC_OK)
		return rc;
	bind_query(s, NULL, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && row_fill(s, box, out) != 0) {
		sqlite3_reset(s);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, box == SMSBOX_OUT ?
		    _("there is no outgoing SMS number %ld") : _("there is no received SMS number %ld"), id);
	return rc == SQLITE_ROW ? MC_OK : store_error(st, rc, err);
}

/* ---------------------------------------------------------------- retry and cancel */

enum action {
	ACT_RETRY,
	ACT_CANCEL,
};

static const char no_text[] =
    N_("message %ld has no text (%s): correct the template; it cannot be sent as it is");

/* Why an action is refused in each state; NULL: allowed. */
static const char *const refusals[SMSBOX_NSTATES][2] = {
	[SMSBOX_QUEUED] = {
	    N_("message %ld is still waiting to be sent: only a failed message is sent again"),
	    NULL },
	[SMSBOX_SENDING] = {
	    N_("message %ld is being sent by a modem right now"),
	    N_("message %ld is being sent by a modem right now: it can no longer be cancelled") },
	[SMSBOX_SENT] = {
	    N_("message %ld was sent already: it is never sent twice"),
	    N_("message %ld was sent already: it can no longer be cancelled") },
	[SMSBOX_DELIVERED] = {
	    N_("message %ld was delivered already: it is never sent twice"),
	    N_("message %ld was delivered already: it can no longer be cancelled") },
	[SMSBOX_FAILED] = { NULL, NULL },
	[SMSBOX_CANCELLED] = {
	    N_("message %ld was cancelled: it is not sent again"),
	    N_("message %ld is cancelled already") },
};

const char *
smsbox_refusal(const struct smsbox_row *r, int cancel, char *buf, size_t n)
{
	int state = r->box == SMSBOX_OUT ? smsbox_state_parse(r->status) : -1;

	if (state < 0)
		snprintf(buf, n, "%s", _("only messages the office sends can be sent again or cancelled"));
	else if (refusals[state][cancel ? ACT_CANCEL : ACT_RETRY] != NULL)
		snprintf(buf, n, _(refusals[state][cancel ? ACT_CANCEL : ACT_RETRY]), r->id);
	else if (!cancel && r->body[0] == '\0')
		snprintf(buf, n, _(no_text),
		    r->id, r->error);
	else
		return NULL;
	return buf;
}

/* Inside the caller's transaction: may act be done to message id?  MC_OK, else the
 * refusal (MC_ENOTFOUND, MC_ETRANSITION) in err.  *number gets its number. */
static int
allowed(struct store *st, long id, enum action act, char number[PHONE_MAX],
    struct mc_error *err)
{
	sqlite3_stmt *s;
	const char *why = NULL;
	char kind[12], reason[200];
	int rc, state, empty;

	if ((rc = store_prepare(st, "SELECT status, kind, number, body = '', "
	    "coalesce(error, '') FROM sms_out WHERE id = ?1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_error(st, rc, err);
		return mc_fail(err, MC_ENOTFOUND, _("there is no outgoing SMS number %ld"), id);
	}
	state = smsbox_state_parse((const char *)sqlite3_column_text(s, 0));
	if (copy_printable(s, 1, kind, sizeof kind) != 0 || copy_printable(s, 2, number, PHONE_MAX) != 0 ||
	    copy_printable(s, 4, reason, sizeof reason) != 0) {
		sqlite3_reset(s);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	empty = sqlite3_column_int(s, 3);
	sqlite3_reset(s);
	if (state < 0)
		return mc_fail(err, MC_ECORRUPT, NULL);
	if ((why = refusals[state][act]) != NULL)
		return mc_fail(err, MC_ETRANSITION, _(why), id);
	if (act != ACT_RETRY)
		return MC_OK;
	if (empty)
		return mc_fail(err, MC_ETRANSITION,
		    _(no_text),
		    id, reason);
	if (strcmp(kind, "reply") != 0 && smsq_optedout(st, number))
		return mc_fail(err, MC_ETRANSITION,
		    _("%s asked for no more notices (TUCHOI): only replies go to that number"), number);
	return MC_OK;
}

/* One action in a transaction of its own: the check, the update, the audit. */
static int
act_on(struct store *st, long id, enum action act, const char *actor, mc_second now,
    struct mc_error *err)
{
	char number[PHONE_MAX], nb[MC_TIME_BUF], detail[128];
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = allowed(st, id, act, number, err)) != MC_OK)
		goto out;
	if ((rc = store_prepare(st, act == ACT_RETRY ?
	    "UPDATE sms_out SET status = 'queued', attempts = 0, "
	    "not_before = ?2, error = NULL, lease_owner = NULL, lease_until = NULL, "
	    "refs = NULL, sent_at = NULL, delivery = NULL, delivered_at = NULL, modem = NULL "
	    "WHERE id = ?1" :
	    "UPDATE sms_out SET status = 'cancelled', lease_owner = NULL, "
	    "lease_until = NULL WHERE id = ?1", &s, err)) != MC_OK)
		goto out;
	sqlite3_bind_int64(s, 1, id);
	if (act == ACT_RETRY) {
		mc_second_format(now, nb);
		sqlite3_bind_text(s, 2, nb, -1, SQLITE_TRANSIENT);
	}
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		goto out;
	snprintf(detail, sizeof detail, "message %ld to %s", id, number);
	rc = audit_log(st, actor != NULL ? actor : "", act == ACT_RETRY ? "sms.retry" :
	    "sms.cancel", detail, err);
out:
	return store_end(st, rc, err);
}

int
smsbox_retry(struct store *st, long id, const char *actor, mc_second now,
    struct mc_error *err)
{
	return act_on(st, id, ACT_RETRY, actor, now, err);
}

int
smsbox_cancel(struct store *st, long id, const char *actor, struct mc_error *err)
{
	return act_on(st, id, ACT_CANCEL, actor, 0, err);
}

/* ---------------------------------------------------------------- modems */

static int
int_or(sqlite3_stmt *s, int i, int dflt)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? dflt : sqlite3_column_int(s, i);
}

int
smsbox_modems(struct store *st, struct smsbox_modem *out, int n, int *got,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	struct smsbox_modem *m;
	int rc = SQLITE_DONE, bad;

	*got = 0;
	if ((rc = store_prepare(st, "SELECT modem, updated_at, state, signal, "
	    "coalesce(network, ''), coalesce(operator, ''), battery, coalesce(balance, ''), "
	    "coalesce(balance_at, ''), coalesce(last_success, ''), coalesce(last_error, ''), "
	    "sent_today, failed_today FROM modem_health ORDER BY modem", &s, err)) != MC_OK)
		return rc;
	while (*got < n && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		m = &out[*got];
		memset(m, 0, sizeof *m);
		bad = copy_printable(s, 0, m->modem, sizeof m->modem) |
		    copy_printable(s, 1, m->updated, sizeof m->updated) |
		    copy_printable(s, 2, m->state, sizeof m->state) |
		    copy_printable(s, 4, m->network, sizeof m->network) |
		    copy_printable(s, 5, m->operator_name, sizeof m->operator_name) |
		    copy_printable(s, 7, m->balance, sizeof m->balance) |
		    copy_printable(s, 8, m->balance_at, sizeof m->balance_at) |
		    copy_printable(s, 9, m->last_success, sizeof m->last_success) |
		    copy_printable(s, 10, m->last_error, sizeof m->last_error);
		if (bad) {
			sqlite3_reset(s);
			return mc_fail(err, MC_ENOMEM, NULL);
		}
		m->signal = int_or(s, 3, -1);
		m->battery = int_or(s, 6, -1);
		m->sent_today = sqlite3_column_int(s, 11);
		m->failed_today = sqlite3_column_int(s, 12);
		(*got)++;
	}
	return store_reset(st, s, rc, err);
}

const char *
smsbox_modem_state_name(const char *state)
{
	static const struct { const char *key, *words; } states[] = {
		{ "ok", N_("working") },
		{ "no-network", N_("no network") },
		{ "no-sim", N_("no SIM card") },
		{ "not-answering", N_("not answering") },
		{ "resetting", N_("restarting") },
	};
	size_t i;

	for (i = 0; i < sizeof states / sizeof states[0]; i++)
		if (strcmp(states[i].key, state) == 0)
			return _(states[i].words);
	return state;
}

int
smsbox_modem_stale(const struct smsbox_modem *m, mc_second now)
{
	mc_second t;

	return mc_second_parse(m->updated, &t) != 0 || now - t > STALE_SECONDS;
}

/* ---------------------------------------------------------------- campaigns */

int
smsbox_campaign(struct store *st, long id, struct smsbox_progress *out,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc, state, n;

	memset(out, 0, sizeof *out);
	if ((rc = store_prepare(st, "SELECT id, kind, created_at, actor, recipients, parts FROM sms_campaign "
	    "WHERE id = CASE WHEN ?1 > 0 THEN ?1 ELSE (SELECT max(id) FROM sms_campaign) END",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->id = (long)sqlite3_column_int64(s, 0);
		if (copy_printable(s, 1, out->kind, sizeof out->kind) != 0 ||
		    copy_printable(s, 2, out->created, sizeof out->created) != 0 ||
		    copy_printable(s, 3, out->actor, sizeof out->actor) != 0)
			rc = SQLITE_NOMEM;
		out->recipients = sqlite3_column_int(s, 4);
		out->parts = sqlite3_column_int(s, 5);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return id > 0 ? mc_fail(err, MC_ENOTFOUND, _("there is no campaign number %ld"), id) :
		    mc_fail(err, MC_ENOTFOUND, _("no reminder or campaign was sent yet"));
	if (rc == SQLITE_NOMEM)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (rc != SQLITE_ROW)
		return store_error(st, rc, err);
	if ((rc = store_prepare(st, "SELECT status, count(*) FROM sms_out WHERE campaign = ?1 GROUP BY status",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, out->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		state = smsbox_state_parse((const char *)sqlite3_column_text(s, 0));
		n = sqlite3_column_int(s, 1);
		if (state >= 0)
			out->count[state] = n;
		out->total += n;
	}
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		return rc;
	out->done = out->total - out->count[SMSBOX_QUEUED] - out->count[SMSBOX_SENDING];
	return MC_OK;
}
