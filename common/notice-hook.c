/* notice-hook.c -- the notices queued when a dossier event is appended (the hook
 * dossier.c calls in the event's transaction), and the queued ones a later event made
 * obsolete: cancelled, or, for a linked intake's one "received" notice, written again
 * for the dossiers it still concerns.  See notice.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "dossier.h"
#include "i18n.h"
#include "notice.h"
#include "smsq.h"
#include "store.h"

#define SUPPLEMENT_DAYS 5	/* default working days given for a supplement */

/* ---------------------------------------------------------------- the hook */

/* The template of an event kind that warrants a notice, or NULL. */
static const char *
event_template(enum event_kind k)
{
	switch (k) {
	case EV_RECEIVED:
	case EV_ACCEPTED:
		return "received";
	case EV_SUPPLEMENT_REQUESTED:
		return "supplement-requested";
	case EV_RESULT_READY:
		return "result-ready";
	case EV_EXTENDED:
		return "extended";
	case EV_RESULT_RETURNED:
		return "result-returned";
	default:
		return NULL;
	}
}

/* The event's own values: what to bring and by when, the old date and the reason. */
static int
event_vars(struct store *st, const struct dossier_event *ev, struct notice_vars *vs,
    const char **key, struct mc_error *err)
{
	const char *v;
	struct calendar cal;
	mc_minute t;
	int days, rc;

	if ((v = json_string_value(json_object_get(ev->payload, "reason"))) != NULL)
		notice_vars_set(vs, "reason", v);
	if (ev->kind == EV_SUPPLEMENT_REQUESTED) {
		v = json_string_value(json_object_get(ev->payload, "items"));
		notice_vars_set(vs, "items", v != NULL ? v : notice_vars_get(vs, "reason"));
		days = store_setting_int(st, "sms.supplement_days", SUPPLEMENT_DAYS);
		if (days <= 0) {
			*key = "supplement-requested-nodate";
			return MC_OK;
		}
		calendar_default(&cal);
		if ((rc = calendar_load(st, &cal, err)) != MC_OK)
			return rc;
		t = calendar_due(&cal, ev->at, days, TU_WORKING_DAYS, -1);
		calendar_free(&cal);
		notice_vars_date(vs, "deadline", t);
	} else if (ev->kind == EV_EXTENDED) {
		v = json_string_value(json_object_get(ev->payload, "old_due"));
		notice_vars_date(vs, "old_due", v != NULL && mc_time_parse(v, &t) == 0 ? t : MC_TIME_NONE);
	}
	return MC_OK;
}

/* ---------------------------------------------------------------- obsolete notices
 *
 * A notice tells the citizen where the dossier stands.  One still waiting in the queue
 * (quiet hours, back-off, a modem down) when a later event changes that is obsolete:
 * it is cancelled (status 'cancelled', the reason in error: the outbox shows it),
 * never sent.  Which queued notices (by the event they were for) and reminders (by
 * their rule) each event makes obsolete: */
static const struct {
	enum event_kind kind;
	const char *notices;		/* event kinds, space-separated; "*": all */
	const char *reminders;		/* reminder rules; "*": all */
} obsoletes[] = {
	{ EV_SUPPLEMENT_REQUESTED, "received accepted extended supplement-requested", "due-tomorrow" },
	{ EV_SUPPLEMENT_RECEIVED, "supplement-requested", "supplement-pending" },
	{ EV_EXTENDED, "received accepted extended", "due-tomorrow" },
	{ EV_RESULT_READY, "received accepted extended supplement-requested",
	    "due-tomorrow supplement-pending" },
	{ EV_RESULT_RETURNED, "*", "*" },
	{ EV_REJECTED, "*", "*" },
	{ EV_WITHDRAWN, "*", "*" },
	{ EV_STOPPED, "*", "*" },
};
/* An edited dossier's queued messages to a number that is no longer its phone (or all
 * of them, once it has no SMS consent) are cancelled too.  A linked intake sends one
 * "received" notice per phone, listing the group's codes (template received-group):
 * a dossier whose "received" became obsolete leaves that list (the notice is written
 * again), and the last one to leave cancels it. */

#define GROUP_MAX 8	/* dossiers of one linked intake (dossier.c) */

/* Is kind one of the space-separated list (or the list "*")? */
static int
listed(const char *list, const char *kind)
{
	size_t k = strlen(kind);
	const char *p;

	if (strcmp(list, "*") == 0)
		return 1;
	for (p = list; (p = strstr(p, kind)) != NULL; p += k)
		if ((p == list || p[-1] == ' ') && (p[k] == ' ' || p[k] == '\0'))
			return 1;
	return 0;
}

/* The reason a notice made obsolete by ev is cancelled, into buf. */
static const char *
obsolete_reason(const struct dossier_event *ev, char *buf, size_t n)
{
	char when[MC_TIME_BUF];

	mc_time_format_vn(ev->at, when);
	snprintf(buf, n, _("obsolete, not sent: a later event (%s, %s) changed what it says"),
	    event_kind_name(ev->kind), when);
	return buf;
}

/* Cancel code's queued notices whose events are listed in kinds (and happened no later
 * than ev), and its queued reminders whose rules are listed in rules; the group's
 * "received" notice is left to group_refresh() when skip_received. */
static int
cancel_queued(struct store *st, const char *code, const struct dossier_event *ev,
    const char *kinds, const char *rules, int skip_received, struct mc_error *err)
{
	sqlite3_stmt *s;
	char why[256], at[MC_TIME_BUF];
	int rc;

	obsolete_reason(ev, why, sizeof why);
	mc_time_format(ev->at, at);
	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'cancelled', error = ?3 "
	    "WHERE status = 'queued' AND code = ?1 AND kind = 'notice' AND event_id <> ?2 "
	    "AND EXISTS (SELECT 1 FROM dossier_event e WHERE e.id = sms_out.event_id AND e.at <= ?5 "
	    "AND (?4 = '*' OR instr(' ' || ?4 || ' ', ' ' || e.kind || ' ') > 0) "
	    "AND NOT (?6 AND e.kind IN ('received', 'accepted')))", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, ev->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, why, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, kinds, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 6, skip_received);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'cancelled', error = ?2 "
	    "WHERE status = 'queued' AND code = ?1 AND kind = 'reminder' AND (?3 = '*' OR EXISTS "
	    "(SELECT 1 FROM sms_campaign c WHERE c.id = sms_out.campaign "
	    "AND instr(' ' || ?3 || ' ', ' ' || c.kind || ' ') > 0))", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, why, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, rules, -1, SQLITE_STATIC);
	return store_step_done(st, s, err);
}

/* An edited dossier: cancel what is queued for it to another number (or to any, when
 * it has no SMS consent now). */
static int
cancel_other_numbers(struct store *st, const struct dossier *d, struct mc_error *err)
{
	char num[PHONE_MAX];
	sqlite3_stmt *s;
	int rc, ok = d->sms && d->phone[0] != '\0' && phone_recipient(d->phone, num);

	if ((rc = store_prepare(st, "UPDATE sms_out SET status = 'cancelled', error = ?3 "
	    "WHERE status = 'queued' AND code = ?1 AND kind <> 'reply' AND (?2 IS NULL OR number <> ?2)",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, d->code, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 2, ok ? num : NULL);
	sqlite3_bind_text(s, 3, _("not sent: the dossier's phone number or SMS consent changed"), -1,
	    SQLITE_TRANSIENT);
	return store_step_done(st, s, err);
}

/* The queued "received" notices of linked group (one per phone): their rows and
 * numbers, into rows and nums (at most max); how many. */
static int
group_rows(struct store *st, const char *group, long rows[], char nums[][PHONE_MAX], int max)
{
	sqlite3_stmt *s;
	int n = 0;

	if (store_prepare(st, "SELECT o.id, o.number FROM sms_out o JOIN dossier_event e "
	    "ON e.id = o.event_id WHERE o.code = ?1 AND o.kind = 'notice' AND o.status = 'queued' "
	    "AND e.kind IN ('received', 'accepted') ORDER BY o.id", &s, NULL) != MC_OK)
		return 0;
	sqlite3_bind_text(s, 1, group, -1, SQLITE_TRANSIENT);
	while (n < max && sqlite3_step(s) == SQLITE_ROW) {
		rows[n] = (long)sqlite3_column_int64(s, 0);
		store_col_copy(s, 1, nums[n++], PHONE_MAX);
	}
	sqlite3_reset(s);
	return n;
}

/* The queued "received" notice of linked group to number: its row, 0 when none. */
static long
group_row(struct store *st, const char *group, const char *number)
{
	char nums[GROUP_MAX][PHONE_MAX];
	long rows[GROUP_MAX];
	int i, n = group_rows(st, group, rows, nums, GROUP_MAX);

	for (i = 0; i < n; i++)
		if (strcmp(nums[i], number) == 0)
			return rows[i];
	return 0;
}

/* Does dossier d still stand where its "received" notice said (its phone is number,
 * SMS agreed, and no later event made that notice obsolete)? */
static int
still_received(struct store *st, const struct dossier *d, const char *number)
{
	char num[PHONE_MAX], kinds[256] = "";
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if (!d->sms || !phone_recipient(d->phone, num) || strcmp(num, number) != 0)
		return 0;
	for (i = 0; i < sizeof obsoletes / sizeof obsoletes[0]; i++)
		if (listed(obsoletes[i].notices, "received")) {
			strncat(kinds, " ", sizeof kinds - strlen(kinds) - 1);
			strncat(kinds, event_kind_name(obsoletes[i].kind), sizeof kinds - strlen(kinds) - 1);
		}
	if (store_prepare(st, "SELECT 1 FROM dossier_event WHERE code = ?1 "
	    "AND instr(?2 || ' ', ' ' || kind || ' ') > 0 LIMIT 1", &s, NULL) != MC_OK)
		return 1;
	sqlite3_bind_text(s, 1, d->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, kinds, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc != SQLITE_ROW;
}

/* Write queued row id again with body (measured, cut to the notice's part limit). */
static int
rewrite_out(struct store *st, long id, const char *body, struct mc_error *err)
{
	struct notice_size z;
	sqlite3_stmt *s;
	char *fit;
	int rc;

	if ((rc = store_prepare(st, "UPDATE sms_out SET body = ?2, encoding = ?3, parts = ?4 "
	    "WHERE id = ?1 AND status = 'queued'", &s, err)) != MC_OK)
		return rc;
	if ((fit = notice_fit(body, notice_max_parts(st, NOTICE_NOTICE))) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	notice_measure(fit, &z);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, fit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, z.ucs2 ? "ucs2" : "gsm7", -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, z.parts);
	free(fit);
	return store_step_done(st, s, err);
}

/* Write the queued "received" notice of linked group to number again for the dossiers
 * that still stand where it says (received-group for two or more, received for one);
 * cancel it when none does.  ev: the event that made this necessary; cur: the row of
 * its dossier after it (the store holds the row before it, or none yet). */
static int
group_refresh(struct store *st, const char *group, long row, const char *number,
    const struct dossier *cur, const struct dossier_event *ev, struct mc_error *err)
{
	struct dossier *m;
	struct notice_style style;
	struct notice_vars *vs = NULL;
	char codes[GROUP_MAX * (CODE_MAX + 2)] = "", num[16], why[256], *body = NULL;
	sqlite3_stmt *s;
	int rc = MC_OK, n = 0, i, latest = 0;

	if (row == 0)
		return MC_OK;
	if ((rc = store_prepare(st, "SELECT code FROM dossier WHERE code = ?1 OR group_code = ?1 "
	    "ORDER BY code", &s, err)) != MC_OK)
		return rc;
	if ((m = calloc(GROUP_MAX, sizeof *m)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	sqlite3_bind_text(s, 1, group, -1, SQLITE_TRANSIENT);
	while (n < GROUP_MAX && (rc = sqlite3_step(s)) == SQLITE_ROW)
		store_col_copy(s, 0, m[n++].code, sizeof m[0].code);
	sqlite3_reset(s);
	for (i = 0, rc = MC_OK; i < n && rc == MC_OK; i++)
		if (strcmp(m[i].code, cur->code) != 0)
			rc = dossier_get(st, m[i].code, &m[i], err);
	for (i = 0; i < n && strcmp(m[i].code, cur->code) != 0; i++)
		;
	if (i < GROUP_MAX)		/* the event's dossier as it is now */
		m[i] = *cur;
	if (i == n && n < GROUP_MAX)
		n++;
	for (i = 0; i < n && rc == MC_OK; ) {		/* keep those that stand */
		if (still_received(st, &m[i], number)) {
			i++;
			continue;
		}
		memmove(&m[i], &m[i + 1], sizeof *m * (size_t)(n - i - 1));
		n--;
	}
	if (rc != MC_OK || n == 0) {
		if (rc == MC_OK && (rc = store_prepare(st, "UPDATE sms_out SET status = 'cancelled', "
		    "error = ?2 WHERE id = ?1 AND status = 'queued'", &s, err)) == MC_OK) {
			sqlite3_bind_int64(s, 1, row);
			sqlite3_bind_text(s, 2, obsolete_reason(ev, why, sizeof why), -1, SQLITE_TRANSIENT);
			rc = store_step_done(st, s, err);
		}
		free(m);
		return rc;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			strncat(codes, ", ", sizeof codes - strlen(codes) - 1);
		strncat(codes, m[i].code, sizeof codes - strlen(codes) - 1);
		if (m[i].due_at > m[latest].due_at)
			latest = i;
	}
	notice_style_get(st, &style);
	if ((vs = malloc(sizeof *vs)) == NULL)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	if (rc == MC_OK) {
		notice_vars_init(vs);
		rc = notice_vars_dossier(st, &style, &m[latest], vs, err);
	}
	if (rc == MC_OK) {
		snprintf(num, sizeof num, "%d", n);
		notice_vars_set(vs, "codes", codes);
		notice_vars_set(vs, "count", num);
		rc = notice_render(st, &style, n > 1 ? "received-group" : "received", vs, &body, err);
	}
	if (rc == MC_OK)
		rc = rewrite_out(st, row, body, err);
	free(body);
	free(vs);
	free(m);
	return rc;
}

/* Cancel what ev made obsolete for dossier d (the row after ev), before its own
 * notice (if any) is queued. */
static int
notice_obsolete(struct store *st, const struct dossier *d, const struct dossier_event *ev,
    struct mc_error *err)
{
	char nums[GROUP_MAX][PHONE_MAX];
	long rows[GROUP_MAX];
	size_t i;
	int rc = MC_OK, grouped = d->group_code[0] != '\0', n;

	if (ev->kind == EV_EDITED)
		rc = cancel_other_numbers(st, d, err);
	for (i = 0; i < sizeof obsoletes / sizeof obsoletes[0] && rc == MC_OK; i++)
		if (obsoletes[i].kind == ev->kind)
			rc = cancel_queued(st, d->code, ev, obsoletes[i].notices, obsoletes[i].reminders,
			    grouped, err);
	/* the group's notices (one per phone): this dossier may have left their lists */
	if (rc == MC_OK && grouped && ev->kind != EV_RECEIVED && ev->kind != EV_ACCEPTED) {
		n = group_rows(st, d->group_code, rows, nums, GROUP_MAX);
		for (i = 0; i < (size_t)n && rc == MC_OK; i++)
			rc = group_refresh(st, d->group_code, rows[i], nums[i], d, ev, err);
	}
	return rc;
}

int
notice_on_event(struct store *st, const struct dossier *d, const struct dossier_event *ev,
    struct mc_error *err)
{
	const char *key = event_template(ev->kind);
	struct notice_style style;
	struct notice_vars *vs;
	struct notice_out m;
	struct mc_error why;
	char num[PHONE_MAX], *body = NULL;
	mc_minute now;
	long id, row;
	int rc;

	if ((rc = notice_obsolete(st, d, ev, err)) != MC_OK)
		return rc;
	if (key == NULL || !d->sms || d->phone[0] == '\0' || !phone_recipient(d->phone, num))
		return MC_OK;
	now = mc_now();
	if (ev->at < now - MC_DAY_MINUTES)
		return MC_OK;		/* back-entered: old news */
	if (smsq_optedout(st, num))
		return MC_OK;
	/* a linked intake's next dossier joins the group's one notice to this phone */
	if ((ev->kind == EV_RECEIVED || ev->kind == EV_ACCEPTED) && d->group_code[0] != '\0' &&
	    strcmp(d->group_code, d->code) != 0 && (row = group_row(st, d->group_code, num)) != 0)
		return group_refresh(st, d->group_code, row, num, d, ev, err);
	if ((vs = malloc(sizeof *vs)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	notice_vars_init(vs);
	notice_style_get(st, &style);
	mc_error_clear(&why);
	if ((rc = notice_vars_dossier(st, &style, d, vs, &why)) == MC_OK &&
	    (rc = event_vars(st, ev, vs, &key, &why)) == MC_OK)
		rc = notice_render(st, &style, key, vs, &body, &why);
	free(vs);
	if (rc == MC_EBUSY || rc == MC_ESTORE || rc == MC_EFULL || rc == MC_ENOMEM) {
		free(body);
		return mc_fail(err, rc, "%s", mc_message(&why));
	}
	if (rc != MC_OK)	/* no template: shown as a failed notice, the event goes on */
		return notice_queue_failed(st, num, d->code, ev->id, now, mc_message(&why), &id, err);
	memset(&m, 0, sizeof m);
	m.number = num;
	m.kind = NOTICE_NOTICE;
	m.body = body;
	m.code = d->code;
	m.event_id = ev->id;
	m.not_before = MC_TIME_NONE;
	rc = notice_queue(st, &m, now, &id, err);
	free(body);
	return rc;
}
