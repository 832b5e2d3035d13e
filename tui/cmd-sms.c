/* cmd-sms.c -- motcua sms outbox|inbox: the SMS queues as tables, one row per message.
 *
 * Both tables share the columns scripts rely on: id, number, kind, status, parts,
 * created, sent (outbox) or received (inbox), delivery and body; the outbox adds
 * encoding, code, attempts, error, and the inbox modem, reply and note.  --status
 * keeps one status; --limit N the newest N (still oldest first).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "text.h"

static const char *const out_statuses[] = { "queued", "sending", "sent", "delivered", "failed",
	"cancelled", NULL };
static const char *const in_statuses[] = { "new", "answered", "ignored", "failed", NULL };

static int
listed(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* A printable copy of a stored text: malformed UTF-8 bytes as '?', line breaks and
 * other controls as spaces (what a modem delivered is shown, never trusted). */
static char *
printable(const unsigned char *s)
{
	size_t n = s != NULL ? strlen((const char *)s) : 0, i, j = 0;
	char *out = malloc(n + 1);
	int k;

	if (out == NULL)
		abort();
	for (i = 0; i < n; ) {
		unsigned char c = s[i];

		k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 :
		    c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (k == 0 || i + (size_t)k > n || !text_valid((const char *)s + i, (size_t)k)) {
			out[j++] = c < 0x80 ? ' ' : '?';
			i++;
			continue;
		}
		memcpy(out + j, s + i, (size_t)k);
		j += (size_t)k;
		i += (size_t)k;
	}
	out[j] = '\0';
	for (i = 0; i < j; i++)
		if (out[i] == '\t' || out[i] == '\n' || out[i] == '\r')
			out[i] = ' ';
	return out;
}

static const char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v != NULL ? (const char *)v : "";
}

static int
list(struct cmd_ctx *c, int outbox, const char *status, long limit)
{
	static const char *const ocols[] = { "id", "number", "kind", "status", "parts", "created",
	    "sent", "delivery", "body", "encoding", "code", "attempts", "error" };
	static const char *const icols[] = { "id", "number", "kind", "status", "parts", "created",
	    "received", "delivery", "body", "modem", "reply", "note" };
	const char *sql = outbox ?
	    "SELECT * FROM (SELECT id, number, kind, status, parts, created_at, "
	    "coalesce(sent_at, ''), coalesce(delivery, ''), body, encoding, coalesce(code, ''), "
	    "attempts, coalesce(error, '') FROM sms_out WHERE (?1 IS NULL OR status = ?1) "
	    "ORDER BY id DESC LIMIT ?2) ORDER BY id" :
	    "SELECT * FROM (SELECT id, number, 'in', status, parts, received_at, smsc_time, '', "
	    "body, modem, coalesce(reply, ''), note FROM sms_in WHERE (?1 IS NULL OR status = ?1) "
	    "ORDER BY id DESC LIMIT ?2) ORDER BY id";
	int ncols = outbox ? 13 : 12, rc, i;
	const char *vals[13];
	char *body, *number;
	struct mc_error err;
	sqlite3_stmt *s;
	struct out *o;

	if ((rc = sqlite3_prepare_v2(store_db(c->st), sql, -1, &s, NULL)) != SQLITE_OK) {
		store_error(c->st, rc, &err);
		return cmd_fail(c, &err);
	}
	store_bind_text(s, 1, status);
	sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
	o = out_table(c->format, outbox ? ocols : icols, ncols);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++)
			vals[i] = col(s, i);
		body = printable(sqlite3_column_text(s, 8));
		number = printable(sqlite3_column_text(s, 1));
		vals[1] = number;
		vals[8] = body;
		out_row(o, vals);
		free(body);
		free(number);
	}
	sqlite3_finalize(s);
	out_end(o);
	if (rc != SQLITE_DONE) {
		store_error(c->st, rc, &err);
		return cmd_fail(c, &err);
	}
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
	const char *status = NULL;
	long limit = 0;
	int ch, outbox;

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
	if (optind + 1 != argc)
		return cmd_usage(c, _("sms needs outbox or inbox"));
	if (strcmp(argv[optind], "outbox") == 0)
		outbox = 1;
	else if (strcmp(argv[optind], "inbox") == 0)
		outbox = 0;
	else
		return cmd_usage(c, _("sms needs outbox or inbox, not '%s'"), argv[optind]);
	if (status != NULL && !listed(outbox ? out_statuses : in_statuses, status))
		return cmd_usage(c, outbox ?
		    _("--status is queued, sending, sent, delivered, failed or cancelled") :
		    _("--status is new, answered, ignored or failed"));
	return list(c, outbox, status, limit);
}
