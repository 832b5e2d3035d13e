/* cmd-remind.c -- motcua remind: reminders by rule and bulk campaigns by SMS.
 *
 *	motcua remind due-tomorrow | result-waiting [--days N] | supplement-pending [--days N]
 *	motcua remind --campaign (--text TEXT | --template KEY) [--procedure CODE]
 *	    [--status N] [--from DATE] [--to DATE]
 * both with [--office CODE] [--dry-run].
 *
 * Option parsing and presentation only: what a rule or campaign selects, who is
 * skipped, the texts and the queuing are common/remind.c's (remind.h).  The plan is made
 * first, every message rendered, so the preview (the text, its encoding and part
 * count, the recipients, the skipped) is exact; unless --dry-run it is then queued.
 * The summary goes to stdout in text format, to stderr with --format tsv|json; stdout
 * then has only the recipients (TSV), or one object with the summary's figures, what
 * was queued and the recipients (JSON).
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "remind.h"

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

static const struct out_col rcols[] = { OUT_COL("number", OUT_STR),
    OUT_COL("code", OUT_STR), OUT_COL("encoding", OUT_STR), OUT_COL("parts", OUT_INT),
    OUT_COL("text", OUT_STR) };

static void
add_recipients(struct out *o, const struct remind_plan *p)
{
	char parts[16];
	size_t i;

	for (i = 0; i < p->n; i++) {
		snprintf(parts, sizeof parts, "%d", p->r[i].size.parts);
		out_row(o, (const char *[]){ p->r[i].number, p->r[i].code,
		    p->r[i].size.ucs2 ? "ucs2" : "gsm7", parts, p->r[i].text });
	}
}

static int
most_parts(const struct remind_plan *p)
{
	size_t i;
	int most = 0;

	for (i = 0; i < p->n; i++)
		if (p->r[i].size.parts > most)
			most = p->r[i].size.parts;
	return most;
}

/* The summary (stdout for people, stderr beside TSV and JSON) and, for text and TSV,
 * the recipients; JSON gets one document at the end (document()). */
static void
preview(struct cmd_ctx *c, const struct remind_plan *p)
{
	struct out *o;

	if (p->rule != NULL)
		say(c, _("Reminder: %s\n"), p->rule);
	else
		say(c, _("Campaign (bulk)\n"));
	if (p->n > 0)
		say(c, _("Text: %s\n"), p->r[0].text);
	say(c, _("Encoding: %s; up to %d SMS part(s) a message (at most %d allowed)\n"),
	    p->ucs2 ? _("UCS-2 (with diacritics, 70 characters a part)") :
	    _("GSM-7 (unaccented, 160 characters a part)"), most_parts(p), p->max_parts);
	say(c, _("Recipients: %zu; SMS parts in all: %d\n"), p->n, p->parts);
	say(c, _("Skipped: %d opted out, %d same phone, %d without SMS consent, %d reminded already\n"),
	    p->optout, p->dup, p->consent, p->recent);
	if (c->format == OUT_JSON)
		return;
	o = out_table(c->format, rcols, 5);
	add_recipients(o, p);
	out_end(o);
}

/* --format json: the plan, what became of it and each message (its preview), as one
 * object; the counts have the names `motcua sms campaign` gives them. */
static void
document(struct cmd_ctx *c, const struct remind_plan *p, int dry, int queued, long campaign)
{
	static const struct out_col cols[] = { OUT_COL("rule", OUT_STR),
	    OUT_COL("text", OUT_STR), OUT_COL("encoding", OUT_STR),
	    OUT_COL("most_parts", OUT_INT), OUT_COL("max_parts", OUT_INT),
	    OUT_COL("recipients", OUT_INT), OUT_COL("parts", OUT_INT),
	    OUT_COL("skipped_opted_out", OUT_INT), OUT_COL("skipped_same_phone", OUT_INT),
	    OUT_COL("skipped_no_consent", OUT_INT), OUT_COL("skipped_reminded", OUT_INT),
	    OUT_COL("too_long", OUT_INT), OUT_COL("dry_run", OUT_BOOL),
	    OUT_COL("queued", OUT_INT), OUT_COL("campaign", OUT_INT) };
	char n[12][24];
	struct out *r;

	if (c->format != OUT_JSON)
		return;
	snprintf(n[0], sizeof n[0], "%d", most_parts(p));
	snprintf(n[1], sizeof n[1], "%d", p->max_parts);
	snprintf(n[2], sizeof n[2], "%zu", p->n);
	snprintf(n[3], sizeof n[3], "%d", p->parts);
	snprintf(n[4], sizeof n[4], "%d", p->optout);
	snprintf(n[5], sizeof n[5], "%d", p->dup);
	snprintf(n[6], sizeof n[6], "%d", p->consent);
	snprintf(n[7], sizeof n[7], "%d", p->recent);
	snprintf(n[8], sizeof n[8], "%d", p->too_long);
	snprintf(n[9], sizeof n[9], "%d", queued);
	snprintf(n[10], sizeof n[10], "%ld", campaign);
	r = out_record(c->format, cols, NULL, (const char *[]){ p->rule,
	    p->n > 0 ? p->r[0].text : p->text, p->ucs2 ? "ucs2" : "gsm7", n[0], n[1], n[2],
	    n[3], n[4], n[5], n[6], n[7], n[8], dry ? "1" : "0", n[9],
	    campaign > 0 ? n[10] : NULL }, 15);
	add_recipients(out_nest(r, "preview", NULL, rcols, 5), p);
	out_end(r);
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
	struct remind_plan p = { .status = 0, .days = -1 };
	struct mc_error err;
	mc_minute now = mc_now();
	mc_day day;
	char from[MC_TIME_BUF], to[MC_TIME_BUF];
	long campaign = 0;
	int ch, dry = 0, is_campaign = 0, queued, rc, days;

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
			if (cmd_date_arg(c, ch == 'f' ? "--from" : "--to", optarg, &day) != 0)
				return EXIT_USAGE;
			mc_date_format(day, ch == 'f' ? from : to);	/* the plan's form */
			if (ch == 'f')
				p.from = from;
			else
				p.to = to;
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
	} else {
		if (optind + 1 != argc)
			return cmd_usage(c, _("remind needs a RULE (due-tomorrow, result-waiting, supplement-pending) or --campaign"));
		p.rule = argv[optind];
		if ((days = remind_rule_days(p.rule)) < 0)
			return cmd_usage(c, _("unknown rule '%s' (due-tomorrow, result-waiting, supplement-pending)"),
			    argv[optind]);
		if (p.text != NULL || p.tmpl != NULL || p.procedure != NULL || p.status != 0 ||
		    p.from != NULL || p.to != NULL)
			return cmd_usage(c, _("a rule takes only --days, --office and --dry-run"));
		if (days == 0 && p.days > 0)
			return cmd_usage(c, _("%s takes no --days"), p.rule);
	}
	if ((rc = remind_plan(c->st, &p, now, &err)) != MC_OK) {
		remind_plan_free(&p);
		return cmd_fail(c, &err);
	}
	preview(c, &p);
	if (p.too_long > 0) {
		document(c, &p, dry, 0, 0);
		fprintf(stderr, _("motcua: %d message(s) need more than %d SMS parts: shorten the text "
		    "(or raise the setting sms.max_parts.%s); nothing was queued\n"), p.too_long,
		    p.max_parts, notice_kind_name(p.kind));
		remind_plan_free(&p);
		return EXIT_REFUSED;
	}
	if (dry) {
		document(c, &p, dry, 0, 0);
		say(c, _("Dry run: nothing was queued.\n"));
		remind_plan_free(&p);
		return EXIT_DONE;
	}
	if (p.n == 0) {
		document(c, &p, dry, 0, 0);
		say(c, _("Nobody to send to; nothing was queued.\n"));
		remind_plan_free(&p);
		return EXIT_DONE;
	}
	if (!cmd_may(c, is_campaign ? ROLE_HEAD : ROLE_OFFICER)) {	/* as smsbox_may_send() */
		remind_plan_free(&p);
		return EXIT_REFUSED;
	}
	rc = remind_queue(c->st, &p, c->actor, now, &campaign, &queued, &err);
	if (rc == MC_OK)
		document(c, &p, dry, queued, campaign);
	remind_plan_free(&p);
	if (rc != MC_OK)
		return cmd_fail(c, &err);
	say(c, _("Queued %d message(s) as campaign %ld.\n"), queued, campaign);
	return EXIT_DONE;
}
