/* cmd-remind.c -- motcua remind: reminders by rule and bulk campaigns by SMS.
 *
 *	motcua remind due-tomorrow | result-waiting [--days N] | supplement-pending [--days N]
 *	motcua remind --campaign (--text TEXT | --template KEY) [--procedure CODE]
 *	    [--status N] [--from DATE] [--to DATE]
 * both with [--office CODE] [--dry-run].
 *
 * The selection is read first, then every message rendered, so the preview (the text,
 * its encoding and part count, the recipients) is exact; one message per phone (the
 * first dossier by code), none to a dossier without SMS consent or a number that opted
 * out, and a rule does not remind the same phone again within its N days (1 for
 * due-tomorrow).  Unless --dry-run, the messages and their sms_campaign row are queued
 * in one transaction (reminders at priority 2, campaigns 3; quiet hours and the
 * daemon's per-minute limit apply).  The summary goes to stdout in text format, to
 * stderr with --format tsv|json (stdout then has only the recipients).
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dossier.h"
#include "i18n.h"
#include "notice.h"
#include "smsq.h"
#include "store.h"

#define SELECT_HEAD \
	"SELECT d.code, d.phone, d.sms FROM dossier d WHERE (?1 IS NULL OR d.procedure = ?1) " \
	"AND (?2 IS NULL OR d.status = ?2) AND (?3 IS NULL OR d.received_at >= ?3) " \
	"AND (?4 IS NULL OR d.received_at < ?4) AND (?5 IS NULL OR d.office = ?5) AND "
#define SELECT_TAIL " ORDER BY d.phone, d.code"

static const struct rule {
	const char *name;
	const char *where;	/* ?6 and ?7: the rule's times */
	int days;		/* default N; 0: the rule takes none */
} rules[] = {
	{ "due-tomorrow", "d.status IN (2, 4, 6, 9) AND d.due_at >= ?6 AND d.due_at < ?7", 0 },
	{ "result-waiting", "d.status = 9 AND d.finished_at <= ?6", 3 },
	{ "supplement-pending", "d.status = 5 AND d.paused_at <= ?6", 5 },
};

struct recipient {
	char code[CODE_MAX];
	char number[SMSQ_NUMBER_MAX];
	char *text;
	struct notice_size size;
};

struct plan {
	const struct rule *rule;	/* NULL: a campaign */
	enum notice_kind kind;
	const char *text, *tmpl;	/* a campaign's text or template key */
	const char *procedure, *office;
	long status, days;
	const char *from, *to;		/* YYYY-MM-DD */
	struct recipient *r;
	size_t n, cap;
	int optout, dup, consent, recent;
	int max_parts, parts, too_long, ucs2;
};

static void
plan_free(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->r[i].text);
	free(p->r);
}

/* Summary lines: stdout for people, stderr when stdout is for a script. */
static void
say(struct cmd_ctx *c, const char *fmt, ...)
{
	FILE *fp = c->format == OUT_TEXT ? stdout : stderr;
	va_list ap;

	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The numbers rule reminded since since, sorted, into *out (*n of them; free each). */
static int
reminded(struct cmd_ctx *c, const char *rule, const char *since, char ***out, size_t *n,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char **v = NULL, **nv;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(store_db(c->st), "SELECT DISTINCT o.number FROM sms_out o "
	    "JOIN sms_campaign k ON k.id = o.campaign WHERE k.kind = ?1 AND o.created_at >= ?2",
	    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_error(c->st, rc, err);
	sqlite3_bind_text(s, 1, rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap * 2 + 64;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL)
				break;
			v = nv;
		}
		if ((v[*n] = strdup((const char *)sqlite3_column_text(s, 0))) == NULL)
			break;
		(*n)++;
	}
	sqlite3_finalize(s);
	*out = v;
	if (rc == SQLITE_ROW)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (rc != SQLITE_DONE)
		return store_error(c->st, rc, err);
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_string);
	return MC_OK;
}

/* The dossiers the plan selects, into p->r (text not yet rendered). */
static int
select_recipients(struct cmd_ctx *c, struct plan *p, mc_minute now, struct mc_error *err)
{
	char sql[1024], t6[MC_TIME_BUF], t7[MC_TIME_BUF], since[SMSQ_TIME_BUF], to[MC_TIME_BUF], last[32] = "";
	const char *code, *phone, *key = NULL;
	char **recent = NULL;
	size_t nrecent = 0, i;
	struct recipient *nr;
	sqlite3_stmt *s;
	mc_day day;
	int rc;

	snprintf(sql, sizeof sql, "%s%s%s", SELECT_HEAD, p->rule != NULL ? p->rule->where : "1",
	    SELECT_TAIL);
	if ((rc = sqlite3_prepare_v2(store_db(c->st), sql, -1, &s, NULL)) != SQLITE_OK)
		return store_error(c->st, rc, err);
	store_bind_text(s, 1, p->procedure);
	if (p->status > 0)
		sqlite3_bind_int(s, 2, (int)p->status);
	store_bind_text(s, 3, p->from);
	if (p->to != NULL && mc_date_parse(p->to, &day) == 0) {
		mc_date_format(day + 1, to);
		sqlite3_bind_text(s, 4, to, -1, SQLITE_TRANSIENT);
	}
	store_bind_text(s, 5, p->office);
	if (p->rule != NULL) {
		if (p->rule->days == 0) {		/* due-tomorrow */
			mc_time_format(mc_at(mc_day_of(now) + 1, 0), t6);
			mc_time_format(mc_at(mc_day_of(now) + 2, 0), t7);
			sqlite3_bind_text(s, 7, t7, -1, SQLITE_TRANSIENT);
		} else
			mc_time_format(now - p->days * MC_DAY_MINUTES, t6);
		sqlite3_bind_text(s, 6, t6, -1, SQLITE_TRANSIENT);
		smsq_time_format(smsq_from_minute(now - (p->days > 0 ? p->days : 1) * MC_DAY_MINUTES + 60),
		    since);
		if ((rc = reminded(c, p->rule->name, since, &recent, &nrecent, err)) != MC_OK)
			goto out;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char num[SMSQ_NUMBER_MAX];

		code = (const char *)sqlite3_column_text(s, 0);
		phone = (const char *)sqlite3_column_text(s, 1);
		if (!sqlite3_column_int(s, 2) || phone == NULL || !smsq_number(phone, num)) {
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
		if (smsq_optedout(c->st, num)) {
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
	rc = rc == SQLITE_DONE ? MC_OK : rc == SQLITE_NOMEM ? mc_fail(err, MC_ENOMEM, NULL) :
	    store_error(c->st, rc, err);
out:
	sqlite3_finalize(s);
	for (i = 0; i < nrecent; i++)
		free(recent[i]);
	free(recent);
	return rc;
}

/* Render every recipient's message and measure it. */
static int
render(struct cmd_ctx *c, struct plan *p, struct mc_error *err)
{
	struct notice_style style;
	struct notice_vars *vs = malloc(sizeof *vs);
	struct dossier d;
	char items[600];
	size_t i;
	int rc = MC_OK;

	if (vs == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	notice_style_get(c->st, &style);
	p->max_parts = notice_max_parts(c->st, p->kind);
	for (i = 0; i < p->n && rc == MC_OK; i++) {
		struct recipient *r = &p->r[i];

		if ((rc = dossier_get(c->st, r->code, &d, err)) != MC_OK)
			break;
		notice_vars_init(vs);
		if ((rc = notice_vars_dossier(c->st, &style, &d, vs, err)) != MC_OK)
			break;
		if (d.status == ST_SUPPLEMENT) {
			notice_supplement_items(c->st, d.code, items, sizeof items);
			notice_vars_set(vs, "items", items);
		}
		if (p->text != NULL) {
			r->text = notice_render_text(p->text, vs, style.accents && strcmp(style.lang, "en") != 0);
			if (r->text == NULL)
				rc = mc_fail(err, MC_ENOMEM, NULL);
		} else
			rc = notice_render(c->st, &style, p->rule != NULL ? p->rule->name : p->tmpl, vs,
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

static void
preview(struct cmd_ctx *c, const struct plan *p)
{
	static const char *const cols[] = { "number", "code", "encoding", "parts", "text" };
	struct out *o;
	char parts[16];
	size_t i;
	int most = 0;

	for (i = 0; i < p->n; i++)
		if (p->r[i].size.parts > most)
			most = p->r[i].size.parts;
	if (p->rule != NULL)
		say(c, _("Reminder: %s\n"), p->rule->name);
	else
		say(c, _("Campaign (bulk)\n"));
	if (p->n > 0)
		say(c, _("Text: %s\n"), p->r[0].text);
	say(c, _("Encoding: %s; up to %d SMS part(s) a message (at most %d allowed)\n"),
	    p->ucs2 ? _("UCS-2 (with diacritics, 70 characters a part)") :
	    _("GSM-7 (unaccented, 160 characters a part)"), most, p->max_parts);
	say(c, _("Recipients: %zu; SMS parts in all: %d\n"), p->n, p->parts);
	say(c, _("Skipped: %d opted out, %d same phone, %d without SMS consent, %d reminded already\n"),
	    p->optout, p->dup, p->consent, p->recent);
	o = out_table(c->format, cols, 5);
	for (i = 0; i < p->n; i++) {
		snprintf(parts, sizeof parts, "%d", p->r[i].size.parts);
		out_row(o, (const char *[]){ p->r[i].number, p->r[i].code,
		    p->r[i].size.ucs2 ? "ucs2" : "gsm7", parts, p->r[i].text });
	}
	out_end(o);
}

/* Queue everything with its campaign row, in one transaction. */
static int
enqueue(struct cmd_ctx *c, struct plan *p, mc_minute now, long *campaign, int *queued,
    struct mc_error *err)
{
	struct notice_style style;
	struct notice_out m;
	sqlite3_stmt *s;
	json_t *sel = json_object();
	char created[SMSQ_TIME_BUF], *seltext = NULL, *body = NULL;
	size_t i;
	long id;
	int rc;

	*queued = 0;
	if (sel == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (p->rule != NULL) {
		json_object_set_new(sel, "rule", json_string(p->rule->name));
		if (p->rule->days > 0)
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
	seltext = json_dumps(sel, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(sel);
	notice_style_get(c->st, &style);
	if (p->text == NULL &&
	    (rc = notice_template(c->st, &style, p->rule != NULL ? p->rule->name : p->tmpl, &body, err)) != MC_OK) {
		free(seltext);
		return rc;
	}
	if ((rc = store_begin(c->st, err)) != MC_OK)
		goto out;
	s = store_stmt(c->st, "INSERT INTO sms_campaign(kind, selection, body, recipients, parts, "
	    "created_at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id", err);
	if (s == NULL) {
		rc = err->code != MC_OK ? err->code : MC_ESTORE;
		goto fail;
	}
	smsq_time_format(smsq_from_minute(now), created);
	sqlite3_bind_text(s, 1, p->rule != NULL ? p->rule->name : "campaign", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, seltext != NULL ? seltext : "{}", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, p->text != NULL ? p->text : body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)p->n);
	sqlite3_bind_int(s, 5, p->parts);
	sqlite3_bind_text(s, 6, created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, c->actor, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	*campaign = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		rc = store_error(c->st, rc, err);
		goto fail;
	}
	for (i = 0; i < p->n; i++) {
		memset(&m, 0, sizeof m);
		m.number = p->r[i].number;
		m.kind = p->kind;
		m.body = p->r[i].text;
		m.code = p->r[i].code;
		m.campaign = *campaign;
		m.not_before = MC_TIME_NONE;
		if ((rc = notice_queue(c->st, &m, now, &id, err)) != MC_OK)
			goto fail;
		*queued += id > 0;
	}
	rc = store_commit(c->st, err);
	goto out;
fail:
	store_rollback(c->st);
out:
	free(body);
	free(seltext);
	return rc;
}

int
cmd_remind(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "campaign", no_argument, NULL, 'C' },
		{ "text", required_argument, NULL, 't' },
		{ "template", required_argument, NULL, 'T' },
		{ "procedure", required_argument, NULL, 'p' },
		{ "status", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 'u' },
		{ "office", required_argument, NULL, 'o' },
		{ "days", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct plan p = { .status = 0, .days = -1 };
	struct mc_error err;
	mc_minute now = mc_now();
	mc_day day;
	long campaign = 0;
	int ch, dry = 0, is_campaign = 0, queued, rc;
	size_t i;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'C': is_campaign = 1; break;
		case 't': p.text = optarg; break;
		case 'T': p.tmpl = optarg; break;
		case 'p': p.procedure = optarg; break;
		case 'o': p.office = optarg; break;
		case 'n': dry = 1; break;
		case 's':
			if (cmd_int_arg(c, "--status", optarg, 1, 10, &p.status) != 0)
				return EXIT_USAGE;
			break;
		case 'd':
			if (cmd_int_arg(c, "--days", optarg, 1, 3650, &p.days) != 0)
				return EXIT_USAGE;
			break;
		case 'f':
		case 'u':
			if (mc_date_parse(optarg, &day) != 0)
				return cmd_usage(c, _("%s: '%s' is not a date like 2026-11-23"),
				    ch == 'f' ? "--from" : "--to", optarg);
			if (ch == 'f')
				p.from = optarg;
			else
				p.to = optarg;
			break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (is_campaign) {
		if (optind != argc)
			return cmd_usage(c, _("unexpected argument '%s'"), argv[optind]);
		if ((p.text == NULL) == (p.tmpl == NULL))
			return cmd_usage(c, _("a campaign needs --text TEXT or --template KEY"));
		if (p.procedure == NULL && p.status == 0 && p.from == NULL && p.to == NULL &&
		    p.office == NULL)
			return cmd_usage(c, _("a campaign needs a selection: --procedure, --status, --from, --to or --office"));
		if (p.days > 0)
			return cmd_usage(c, _("--days is for rules"));
		p.kind = NOTICE_BULK;
	} else {
		if (optind + 1 != argc)
			return cmd_usage(c, _("remind needs a RULE (due-tomorrow, result-waiting, supplement-pending) or --campaign"));
		for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
			if (strcmp(rules[i].name, argv[optind]) == 0)
				p.rule = &rules[i];
		if (p.rule == NULL)
			return cmd_usage(c, _("unknown rule '%s' (due-tomorrow, result-waiting, supplement-pending)"),
			    argv[optind]);
		if (p.text != NULL || p.tmpl != NULL || p.procedure != NULL || p.status != 0 ||
		    p.from != NULL || p.to != NULL)
			return cmd_usage(c, _("a rule takes only --days, --office and --dry-run"));
		if (p.rule->days == 0 && p.days > 0)
			return cmd_usage(c, _("%s takes no --days"), p.rule->name);
		if (p.days < 0)
			p.days = p.rule->days;
		p.kind = NOTICE_REMINDER;
	}
	if ((rc = select_recipients(c, &p, now, &err)) != MC_OK ||
	    (rc = render(c, &p, &err)) != MC_OK) {
		plan_free(&p);
		return cmd_fail(c, &err);
	}
	preview(c, &p);
	if (p.too_long > 0) {
		fprintf(stderr, _("motcua: %d message(s) need more than %d SMS parts: shorten the text "
		    "(or raise the setting sms.max_parts.%s); nothing was queued\n"), p.too_long,
		    p.max_parts, notice_kind_name(p.kind));
		plan_free(&p);
		return EXIT_REFUSED;
	}
	if (dry) {
		say(c, _("Dry run: nothing was queued.\n"));
		plan_free(&p);
		return EXIT_DONE;
	}
	if (p.n == 0) {
		say(c, _("Nobody to send to; nothing was queued.\n"));
		plan_free(&p);
		return EXIT_DONE;
	}
	rc = enqueue(c, &p, now, &campaign, &queued, &err);
	plan_free(&p);
	if (rc != MC_OK)
		return cmd_fail(c, &err);
	say(c, _("Queued %d message(s) as campaign %ld.\n"), queued, campaign);
	return EXIT_DONE;
}
