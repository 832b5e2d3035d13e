/* remind.c -- scheduled SMS reminders and bulk campaigns (remind.h): the rules' and
 * campaigns' selection, who is skipped and why, rendering and measuring each message,
 * and queuing them under one sms_campaign row.
 *
 * The selection is one query over dossier (the rule adds its condition and times as ?6
 * and ?7), ordered by phone then code, so the first dossier of a phone is kept and the
 * next ones are counted as duplicates.  The numbers a rule reminded lately are read
 * from sms_out joined to sms_campaign (kind = the rule's name), sorted and searched.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dossier.h"
#include "i18n.h"
#include "phone.h"
#include "remind.h"
#include "store.h"
#include "text.h"
#include "textlimit.h"

#define SELECT_HEAD \
	"SELECT d.code, d.phone, d.sms FROM dossier d WHERE (?1 IS NULL OR d.procedure = ?1) " \
	"AND (?2 IS NULL OR d.status = ?2) AND (?3 IS NULL OR d.received_at >= ?3) " \
	"AND (?4 IS NULL OR d.received_at < ?4) AND (?5 IS NULL OR d.office = ?5) AND "
#define SELECT_TAIL " ORDER BY d.phone, d.code"

/* The dossiers "due tomorrow" reminds: accepted and not closed, the result ready too
 * (a set of statuses as dossier.h writes them). */
#define DUE_TOMORROW(F, X) F(2, ST_ACCEPTED) X(4, ST_PROCESSING) X(6, ST_FEE) X(9, ST_READY)
DOSSIER_SET_CHECK(DUE_TOMORROW)

static const struct rule {
	const char *name;
	const char *where;	/* ?6 and ?7: the rule's times */
	int days;		/* default N; 0: the rule takes none */
} rules[] = {
	{ .name = "due-tomorrow",
	  .where = DOSSIER_SQL_IN("d.status", DUE_TOMORROW) " AND d.due_at >= ?6 AND d.due_at < ?7",
	  .days = 0 },
	{ .name = "result-waiting",
	  .where = DOSSIER_SQL_IN("d.status", DOSSIER_READY) " AND d.finished_at <= ?6", .days = 3 },
	{ .name = "supplement-pending",
	  .where = DOSSIER_SQL_IN("d.status", DOSSIER_SUPPLEMENT) " AND d.paused_at <= ?6", .days = 5 },
};

static const struct rule *
rule_find(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].name, name) == 0)
			return &rules[i];
	return NULL;
}

int
remind_rule_days(const char *rule)
{
	const struct rule *r = rule_find(rule);

	return r != NULL ? r->days : -1;
}

void
remind_plan_free(struct remind_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->r[i].text);
	free(p->r);
	p->r = NULL;
	p->n = p->cap = 0;
	p->optout = p->dup = p->consent = p->recent = 0;
	p->max_parts = p->parts = p->too_long = p->ucs2 = 0;
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The numbers rule reminded since since, sorted, into *out (*n of them; free each and
 * the array, also on error). */
static int
reminded(struct store *st, const char *rule, const char *since, char ***out, size_t *n,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char **v = NULL, **nv;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(st, "SELECT DISTINCT o.number FROM sms_out o "
	    "JOIN sms_campaign k ON k.id = o.campaign WHERE k.kind = ?1 AND o.created_at >= ?2",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap * 2 + 64;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL)
				break;
			v = nv;
		}
		if ((v[*n] = store_col_dup(s, 0)) == NULL)
			break;
		(*n)++;
	}
	*out = v;
	if ((rc = store_reset(st, s, rc == SQLITE_ROW ? SQLITE_NOMEM : rc, err)) != MC_OK)
		return rc;
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_string);
	return MC_OK;
}

/* The dossiers the plan selects, into p->r (text not yet rendered). */
static int
select_recipients(struct store *st, const struct rule *rule, struct remind_plan *p,
    mc_minute now, struct mc_error *err)
{
	char sql[1024], t6[MC_TIME_BUF], t7[MC_TIME_BUF], since[MC_TIME_BUF], to[MC_TIME_BUF];
	char last[PHONE_MAX] = "";
	const char *code, *phone, *key = NULL;
	char **recent = NULL;
	size_t nrecent = 0, i;
	struct remind_recipient *nr;
	sqlite3_stmt *s;
	mc_day day;
	int rc;

	/* One text per rule (a few): the store's cache keeps each. */
	snprintf(sql, sizeof sql, "%s%s%s", SELECT_HEAD, rule != NULL ? rule->where : "1",
	    SELECT_TAIL);
	if ((rc = store_prepare(st, sql, &s, err)) != MC_OK)
		return rc;
	store_bind_text(s, 1, p->procedure);
	if (p->status > 0)
		sqlite3_bind_int(s, 2, (int)p->status);
	store_bind_text(s, 3, p->from);
	if (p->to != NULL && mc_date_parse(p->to, &day) == 0) {
		mc_date_format(day + 1, to);
		sqlite3_bind_text(s, 4, to, -1, SQLITE_TRANSIENT);
	}
	store_bind_text(s, 5, p->office);
	if (rule != NULL) {
		if (rule->days == 0) {		/* due-tomorrow */
			mc_time_format(mc_at(mc_day_of(now) + 1, 0), t6);
			mc_time_format(mc_at(mc_day_of(now) + 2, 0), t7);
			sqlite3_bind_text(s, 7, t7, -1, SQLITE_TRANSIENT);
		} else
			mc_time_format(now - p->days * MC_DAY_MINUTES, t6);
		sqlite3_bind_text(s, 6, t6, -1, SQLITE_TRANSIENT);
		mc_second_format(mc_second_at(now - (p->days > 0 ? p->days : 1) * MC_DAY_MINUTES + 60),
		    since);
		if ((rc = reminded(st, rule->name, since, &recent, &nrecent, err)) != MC_OK)
			goto out;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char num[PHONE_MAX];

		code = (const char *)sqlite3_column_text(s, 0);
		phone = (const char *)sqlite3_column_text(s, 1);
		if (!sqlite3_column_int(s, 2) || phone == NULL || !phone_recipient(phone, num)) {
			p->consent++;
			continue;
		}
		key = num;
		if (nrecent > 0 && bsearch(&key, recent, nrecent, sizeof *recent, by_string) != NULL) {
			p->recent++;		/* this phone had this reminder lately */
			continue;
		}
		if (strcmp(num, last) == 0) {
			p->dup++;
			continue;
		}
		if (smsq_optedout(st, num)) {
			p->optout++;
			continue;
		}
		snprintf(last, sizeof last, "%s", num);
		if (p->n == p->cap) {
			p->cap = p->cap * 2 + 64;
			if ((nr = realloc(p->r, p->cap * sizeof *p->r)) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			p->r = nr;
		}
		memset(&p->r[p->n], 0, sizeof p->r[p->n]);
		snprintf(p->r[p->n].code, sizeof p->r[p->n].code, "%s", code);
		snprintf(p->r[p->n].number, sizeof p->r[p->n].number, "%s", num);
		p->n++;
	}
	rc = store_error(st, rc, err);	/* MC_OK for SQLITE_DONE, MC_ENOMEM for SQLITE_NOMEM */
out:
	sqlite3_reset(s);
	for (i = 0; i < nrecent; i++)
		free(recent[i]);
	free(recent);
	return rc;
}

/* Render every recipient's message and measure it. */
static int
render(struct store *st, struct remind_plan *p, struct mc_error *err)
{
	struct notice_style style;
	struct notice_vars *vs = malloc(sizeof *vs);
	struct dossier d;
	char items[600];
	size_t i;
	int rc = MC_OK;

	if (vs == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	notice_style_get(st, &style);
	p->max_parts = notice_max_parts(st, p->kind);
	for (i = 0; i < p->n && rc == MC_OK; i++) {
		struct remind_recipient *r = &p->r[i];

		if ((rc = dossier_get(st, r->code, &d, err)) != MC_OK)
			break;
		notice_vars_init(vs);
		if ((rc = notice_vars_dossier(st, &style, &d, vs, err)) != MC_OK)
			break;
		if (d.status == ST_SUPPLEMENT) {
			notice_supplement_items(st, d.code, items, sizeof items);
			notice_vars_set(vs, "items", items);
		}
		if (p->text != NULL) {
			r->text = notice_render_text(p->text, vs, style.accents && strcmp(style.lang, "en") != 0);
			if (r->text == NULL)
				rc = mc_fail(err, MC_ENOMEM, NULL);
		} else
			rc = notice_render(st, &style, p->rule != NULL ? p->rule : p->tmpl, vs,
			    &r->text, err);
		if (rc != MC_OK)
			break;
		notice_measure(r->text, &r->size);
		p->parts += r->size.parts;
		p->ucs2 |= r->size.ucs2;
		if (r->size.parts > p->max_parts)
			p->too_long++;
	}
	free(vs);
	return rc;
}

int
remind_plan(struct store *st, struct remind_plan *p, mc_minute now, struct mc_error *err)
{
	const struct rule *rule = NULL;
	int rc;

	remind_plan_free(p);
	/* The selection is stored with the campaign (sms_campaign.selection). */
	if ((rc = text_check(p->procedure, TEXT_LINE, _("Procedure"), err)) != MC_OK ||
	    (rc = text_check(p->office, TEXT_LINE, "--office", err)) != MC_OK)
		return rc;
	if (p->rule != NULL) {
		if ((rule = rule_find(p->rule)) == NULL)
			return mc_fail(err, MC_EINVAL, _("unknown reminder rule '%s'"), p->rule);
		if (rule->days == 0)
			p->days = 0;
		else if (p->days <= 0)
			p->days = rule->days;
		p->kind = NOTICE_REMINDER;
	} else {
		if ((p->text == NULL) == (p->tmpl == NULL))
			return mc_fail(err, MC_EINVAL, _("a campaign needs a text or a template, not both"));
		if (p->text != NULL && p->text[strspn(p->text, " \t\r\n")] == '\0')
			return mc_fail(err, MC_EINVAL, _("a campaign's text cannot be empty"));
		if ((rc = text_check(p->text, TEXT_LINES, _("The campaign's text"), err)) != MC_OK)
			return rc;
		if (p->text != NULL && strlen(p->text) > LIMIT_TEXT)
			return mc_fail(err, MC_EINVAL, _("a campaign's text is too long (at most %d bytes)"),
			    LIMIT_TEXT);
		if (p->procedure == NULL && p->status <= 0 && p->from == NULL && p->to == NULL &&
		    p->office == NULL)
			return mc_fail(err, MC_EINVAL, _("a campaign needs a selection: a procedure, a status, dates or an office"));
		p->kind = NOTICE_BULK;
	}
	if ((rc = select_recipients(st, rule, p, now, err)) != MC_OK)
		return rc;
	return render(st, p, err);
}

/* p's selection as compact JSON (NULL: no memory; free it). */
static char *
selection_json(const struct remind_plan *p)
{
	json_t *sel = json_object();
	char *s;

	if (sel == NULL)
		return NULL;
	if (p->rule != NULL) {
		json_object_set_new(sel, "rule", json_string(p->rule));
		if (remind_rule_days(p->rule) > 0)
			json_object_set_new(sel, "days", json_integer(p->days));
	}
	if (p->procedure != NULL)
		json_object_set_new(sel, "procedure", json_string(p->procedure));
	if (p->status > 0)
		json_object_set_new(sel, "status", json_integer(p->status));
	if (p->from != NULL)
		json_object_set_new(sel, "from", json_string(p->from));
	if (p->to != NULL)
		json_object_set_new(sel, "to", json_string(p->to));
	if (p->office != NULL)
		json_object_set_new(sel, "office", json_string(p->office));
	s = json_dumps(sel, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(sel);
	return s;
}

int
remind_queue(struct store *st, const struct remind_plan *p, const char *actor,
    mc_minute now, long *campaign, int *queued, struct mc_error *err)
{
	struct notice_style style;
	struct notice_out m;
	sqlite3_stmt *s;
	char created[MC_TIME_BUF], *seltext = NULL, *body = NULL;
	size_t i;
	long id;
	int rc;

	*campaign = 0;
	*queued = 0;
	if (p->too_long > 0)
		return mc_fail(err, MC_EINVAL, _("%d message(s) need more than %d SMS parts; nothing was queued"),
		    p->too_long, p->max_parts);
	if (p->n == 0)
		return MC_OK;
	if ((seltext = selection_json(p)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	notice_style_get(st, &style);
	if (p->text == NULL &&
	    (rc = notice_template(st, &style, p->rule != NULL ? p->rule : p->tmpl, &body, err)) != MC_OK)
		goto out;
	if ((rc = store_begin(st, err)) != MC_OK)
		goto out;
	if ((rc = store_prepare(st, "INSERT INTO sms_campaign(kind, selection, body, recipients, "
	    "parts, created_at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
	    &s, err)) != MC_OK)
		goto fail;
	mc_second_format(mc_second_at(now), created);
	sqlite3_bind_text(s, 1, p->rule != NULL ? p->rule : "campaign", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, seltext, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, p->text != NULL ? p->text : body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)p->n);
	sqlite3_bind_int(s, 5, p->parts);
	sqlite3_bind_text(s, 6, created, -1, SQLITE_TRANSIENT);
	store_bind_text(s, 7, actor);
	rc = sqlite3_step(s);
	*campaign = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		goto fail;
	for (i = 0; i < p->n; i++) {
		memset(&m, 0, sizeof m);
		m.number = p->r[i].number;
		m.kind = p->kind;
		m.body = p->r[i].text;
		m.code = p->r[i].code;
		m.campaign = *campaign;
		m.not_before = MC_TIME_NONE;
		if ((rc = notice_queue(st, &m, now, &id, err)) != MC_OK)
			goto fail;
		*queued += id > 0;
	}
	rc = store_commit(st, err);
	goto out;
fail:
	store_rollback(st);
	*campaign = 0;
	*queued = 0;
out:
	free(body);
	free(seltext);
	return rc;
}
