/* cmd-sms.c -- motcua sms: the SMS queues as tables, one row per message; sending a
 * failed message again or cancelling one; the modems' reports; a campaign's progress.
 *
 *	motcua sms outbox|inbox [--status S] [--limit N]
 *	motcua sms retry ID | cancel ID
 *	motcua sms modems
 *	motcua sms campaign [ID]
 *
 * Both tables share the columns scripts rely on: id, number, kind, status, parts,
 * created_at (outbox: queued) or received_at (inbox), sent_at (inbox: the network's
 * time stamp, UTC), delivery and body; the outbox adds encoding, code, attempts, error,
 * and the inbox modem, reply and note.  --status
 * keeps one status; --limit N the newest N (still oldest first).  What the tables
 * hold and the rules of retry and cancel are common/smsbox.c's; this file parses and
 * prints.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "smsbox.h"

#define CHUNK 256		/* rows read at a time */

static void
put_row(struct out *o, const struct smsbox_row *r)
{
	char id[24], parts[16], attempts[16], reply[24];

	snprintf(id, sizeof id, "%ld", r->id);
	snprintf(parts, sizeof parts, "%d", r->parts);
	if (r->box == SMSBOX_OUT) {
		snprintf(attempts, sizeof attempts, "%d", r->attempts);
		out_row(o, (const char *[]){ id, r->number, r->kind, r->status, parts, r->created,
		    r->sent, r->delivery, r->body, r->encoding, r->code, attempts, r->error });
		return;
	}
	if (r->reply > 0)
		snprintf(reply, sizeof reply, "%ld", r->reply);
	else
		reply[0] = '\0';
	out_row(o, (const char *[]){ id, r->number, r->kind, r->status, parts, r->created, r->sent,
	    r->delivery, r->body, r->modem, reply, r->error });
}

/* The id from which the newest limit rows start, walking back a chunk at a time
 * (0: the box holds no more than limit). */
static int
newest_from(struct cmd_ctx *c, enum smsbox_box box, const char *status, long limit,
    long *from, struct mc_error *err)
{
	struct smsbox_row rows[CHUNK];
	long seen = 0, last = 0;
	int got, rc;

	*from = 0;
	while (seen < limit) {
		rc = smsbox_page(c->st, box, status, last, SMSBOX_OLDER,
		    limit - seen < CHUNK ? (int)(limit - seen) : CHUNK, rows, &got, err);
		smsbox_rows_free(rows, got);
		if (rc != MC_OK)
			return rc;
		if (got == 0)
			return MC_OK;
		seen += got;
		last = rows[got - 1].id;
	}
	*from = last - 1;
	return MC_OK;
}

static int
list(struct cmd_ctx *c, enum smsbox_box box, const char *status, long limit)
{
	static const struct out_col ocols[] = { OUT_COL("id", OUT_INT),
	    OUT_COL("number", OUT_STR), OUT_COL("kind", OUT_STR),
	    OUT_COL("status", OUT_STR), OUT_COL("parts", OUT_INT),
	    OUT_COL("created_at", OUT_TIME), OUT_COL("sent_at", OUT_TIME),
	    OUT_COL("delivery", OUT_STR), OUT_COL("body", OUT_STR),
	    OUT_COL("encoding", OUT_STR), OUT_COL("code", OUT_STR),
	    OUT_COL("attempts", OUT_INT), OUT_COL("error", OUT_STR) };
	/* The inbox: received_at here, sent_at the network's (SMSC) time, in UTC. */
	static const struct out_col icols[] = { OUT_COL("id", OUT_INT),
	    OUT_COL("number", OUT_STR), OUT_COL("kind", OUT_STR),
	    OUT_COL("status", OUT_STR), OUT_COL("parts", OUT_INT),
	    OUT_COL("received_at", OUT_TIME), OUT_COL("sent_at", OUT_UTC),
	    OUT_COL("delivery", OUT_STR), OUT_COL("body", OUT_STR),
	    OUT_COL("modem", OUT_STR), OUT_COL("reply", OUT_INT),
	    OUT_COL("note", OUT_STR) };
	struct smsbox_row rows[CHUNK];
	struct mc_error err;
	struct out *o;
	long from = 0, shown = 0;
	int got, i, rc;

	if (limit > 0 && (rc = newest_from(c, box, status, limit, &from, &err)) != MC_OK)
		return cmd_fail(c, &err);
	o = box == SMSBOX_OUT ? out_table(c->format, ocols, 13) : out_table(c->format, icols, 12);
	do {
		rc = smsbox_page(c->st, box, status, from, SMSBOX_NEWER, CHUNK, rows, &got, &err);
		for (i = 0; i < got && (limit <= 0 || shown < limit); i++, shown++)
			put_row(o, &rows[i]);
		if (got > 0)
			from = rows[got - 1].id;
		smsbox_rows_free(rows, got);
	} while (rc == MC_OK && got == CHUNK && (limit <= 0 || shown < limit));
	out_end(o);
	return rc == MC_OK ? EXIT_DONE : cmd_fail(c, &err);
}

static int
act(struct cmd_ctx *c, const char *what, const char *arg)
{
	static const struct out_col cols[] = { OUT_COL("id", OUT_INT),
	    OUT_COL("status", OUT_STR) };
	struct mc_error err;
	char num[24];
	long id;
	int rc;

	if (cmd_int_arg(c, what, arg, 1, 1L << 53, &id) != 0)
		return EXIT_USAGE;
	if (strcmp(what, "retry") == 0)
		rc = smsbox_retry(c->st, id, c->actor, mc_clock(), &err);
	else
		rc = smsbox_cancel(c->st, id, c->actor, &err);
	if (rc != MC_OK)
		return cmd_fail(c, &err);
	snprintf(num, sizeof num, "%ld", id);
	if (c->format != OUT_TEXT)
		out_print(c->format, cols, NULL, (const char *[]){ num,
		    strcmp(what, "retry") == 0 ? "queued" : "cancelled" }, 2);
	else if (strcmp(what, "retry") == 0)
		printf(_("Message %ld is queued again: the SMS daemon will send it.\n"), id);
	else
		printf(_("Message %ld is cancelled: it will not be sent.\n"), id);
	return EXIT_DONE;
}

#define MODEMS_MAX 32

/* A percentage as text, "" when unknown (negative). */
static void
percent(char buf[16], int v)
{
	if (v >= 0)
		snprintf(buf, 16, "%d", v);
	else
		buf[0] = '\0';
}

static int
modems(struct cmd_ctx *c)
{
	static const struct out_col cols[] = { OUT_COL("modem", OUT_STR),
	    OUT_COL("state", OUT_STR), OUT_COL("signal", OUT_INT),
	    OUT_COL("operator", OUT_STR), OUT_COL("network", OUT_STR),
	    OUT_COL("battery", OUT_INT), OUT_COL("balance", OUT_STR),
	    OUT_COL("balance_at", OUT_TIME), OUT_COL("last_success_at", OUT_TIME),
	    OUT_COL("last_error", OUT_STR), OUT_COL("sent_today", OUT_INT),
	    OUT_COL("failed_today", OUT_INT), OUT_COL("queued", OUT_INT),
	    OUT_COL("updated_at", OUT_TIME), OUT_COL("stale", OUT_BOOL) };
	struct smsbox_modem m[MODEMS_MAX];
	char signal[16], battery[16], sent[16], failed[16], queued[24];
	struct mc_error err;
	mc_second now = mc_clock();
	struct out *o;
	long nq;
	int got = 0, i;

	if (smsbox_modems(c->st, m, MODEMS_MAX, &got, &err) != MC_OK ||
	    smsbox_count(c->st, SMSBOX_OUT, "queued", 0, &nq, &err) != MC_OK)
		return cmd_fail(c, &err);
	snprintf(queued, sizeof queued, "%ld", nq);
	o = out_table(c->format, cols, 15);
	for (i = 0; i < got; i++) {
		percent(signal, m[i].signal);
		percent(battery, m[i].battery);
		snprintf(sent, sizeof sent, "%d", m[i].sent_today);
		snprintf(failed, sizeof failed, "%d", m[i].failed_today);
		out_row(o, (const char *[]){ m[i].modem, m[i].state, signal, m[i].operator_name,
		    m[i].network, battery, m[i].balance, m[i].balance_at, m[i].last_success,
		    m[i].last_error, sent, failed, queued, m[i].updated,
		    smsbox_modem_stale(&m[i], now) ? "1" : "0" });
	}
	out_end(o);
	if (got == 0 && c->format == OUT_TEXT)
		printf("%s\n", _("No SMS modem has reported yet."));
	return EXIT_DONE;
}

static int
campaign(struct cmd_ctx *c, const char *arg)
{
	static const struct out_col cols[] = { OUT_COL("id", OUT_INT),
	    OUT_COL("kind", OUT_STR), OUT_COL("created_at", OUT_TIME),
	    OUT_COL("actor", OUT_STR), OUT_COL("recipients", OUT_INT),
	    OUT_COL("parts", OUT_INT), OUT_COL("messages", OUT_INT),
	    OUT_COL("queued", OUT_INT), OUT_COL("sending", OUT_INT),
	    OUT_COL("sent", OUT_INT), OUT_COL("delivered", OUT_INT),
	    OUT_COL("failed", OUT_INT), OUT_COL("cancelled", OUT_INT) };
	struct smsbox_progress p;
	struct mc_error err;
	char num[13][24];
	const char *vals[13];
	long id = 0;
	int i;

	if (arg != NULL && cmd_int_arg(c, "campaign", arg, 1, 1L << 53, &id) != 0)
		return EXIT_USAGE;
	if (smsbox_campaign(c->st, id, &p, &err) != MC_OK)
		return cmd_fail(c, &err);
	snprintf(num[0], sizeof num[0], "%ld", p.id);
	snprintf(num[4], sizeof num[4], "%d", p.recipients);
	snprintf(num[5], sizeof num[5], "%d", p.parts);
	snprintf(num[6], sizeof num[6], "%d", p.total);
	for (i = 0; i < SMSBOX_NSTATES; i++)
		snprintf(num[7 + i], sizeof num[7 + i], "%d", p.count[i]);
	for (i = 0; i < 13; i++)
		vals[i] = num[i];
	vals[1] = p.kind;
	vals[2] = p.created;
	vals[3] = p.actor;
	out_print(c->format, cols, NULL, vals, 13);
	return EXIT_DONE;
}

int
cmd_sms(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *status = NULL, *what;
	enum smsbox_box box;
	long limit = 0;
	int ch, nargs;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 's': status = optarg; break;
		case 'l':
			if (cmd_int_arg(c, "--limit", optarg, 1, 10000000, &limit) != 0)
				return EXIT_USAGE;
			break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cmd_usage(c, "%s", _("sms needs outbox, inbox, retry, cancel, modems or campaign"));
	what = argv[optind];
	nargs = argc - optind - 1;
	if (strcmp(what, "outbox") != 0 && strcmp(what, "inbox") != 0 && (status != NULL || limit > 0))
		return cmd_usage(c, _("--status and --limit are for outbox and inbox"));
	if (strcmp(what, "retry") == 0 || strcmp(what, "cancel") == 0) {
		if (nargs != 1)
			return cmd_usage(c, _("sms %s takes one message number, as 'motcua sms outbox' shows it"), what);
		return act(c, what, argv[optind + 1]);
	}
	if (strcmp(what, "modems") == 0) {
		if (nargs > 0)
			return cmd_usage(c, _("unexpected argument '%s'"), argv[optind + 1]);
		return modems(c);
	}
	if (strcmp(what, "campaign") == 0) {
		if (nargs > 1)
			return cmd_usage(c, _("unexpected argument '%s'"), argv[optind + 2]);
		return campaign(c, nargs > 0 ? argv[optind + 1] : NULL);
	}
	if (strcmp(what, "outbox") == 0)
		box = SMSBOX_OUT;
	else if (strcmp(what, "inbox") == 0)
		box = SMSBOX_IN;
	else
		return cmd_usage(c, "%s", _("sms needs outbox, inbox, retry, cancel, modems or campaign"));
	if (nargs != 0)
		return cmd_usage(c, _("unexpected argument '%s'"), argv[optind + 1]);
	if (status != NULL && !smsbox_status_valid(box, status))
		return cmd_usage(c, box == SMSBOX_OUT ?
		    _("--status is queued, sending, sent, delivered, failed or cancelled") :
		    _("--status is new, answered, ignored or failed"));
	return list(c, box, status, limit);
}
