/* sync-push.c -- this office's events to the hub (doc/sync-api.md, "POST /v1/push").
 *
 * From the cursor the hub last answered: the events above it, oldest first, as JSON
 * lines, gzip-compressed, in batches whose compressed size follows the link (about two
 * seconds of sending at the upload speed last measured, between BATCH_MIN and the
 * largest allowed; halved after a transfer that failed).  After every answer the hub's
 * cursor is stored; a 409 moves the client to the hub's cursor; conflicts and refusals
 * are set aside, with the hub's reason, and the cursor moves past them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "i18n.h"
#include "store.h"
#include "syncq.h"

#define BATCH_MIN	(4 * 1024)		/* bytes, compressed */
#define BATCH_START	(64 * 1024)
#define RAW_MAX		(512 * 1024)	/* bytes of a batch before compression */
#define SECONDS_A_BATCH	2.0

struct batch {
	struct text_buf lines;
	size_t raw_cap, raw;
	long first, last;
	int n;
};

static int
add_event(const struct syncq_event *ev, void *ctx)
{
	struct batch *b = ctx;
	json_t *o = wire_event_json(ev, 0);
	char *text;

	if (o == NULL)		/* not a JSON object: cannot happen (store_event wrote it) */
		return 1;
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (text == NULL)
		return 1;
	text_buf_add(&b->lines, text);
	text_buf_add(&b->lines, "\n");
	free(text);
	if (b->n == 0)
		b->first = ev->seq;
	b->last = ev->seq;
	b->n++;
	return b->lines.n >= b->raw_cap || b->lines.oom;
}

/* The events after cursor, as a compressed body: 0 (n 0 when none), -1 on failure.
 * The lines are written after a header whose count is padded to a fixed width
 * (JSON allows the spaces), so it is filled in place at the end: one buffer, no copy. */
static int
build(struct sync_run *r, long cursor, size_t raw_cap, struct batch *b, char **z, size_t *zn)
{
	struct mc_error err;
	char head[160];
	size_t hlen;
	int got;

	memset(b, 0, sizeof *b);
	b->raw_cap = raw_cap;
	snprintf(head, sizeof head, "{\"format\":%d,\"office\":\"%s\",\"events\":%5d}\n",
	    WIRE_FORMAT, store_office(r->st), 0);
	hlen = strlen(head);
	text_buf_reserve(&b->lines, raw_cap + 64 * 1024);
	text_buf_addn(&b->lines, head, hlen);
	if (syncq_each_pending(r->st, cursor, WIRE_BATCH_MAX, add_event, b, &got, &err) != MC_OK) {
		sync_fail(r, SYNCQ_PROBLEM_LOCAL, "%s", mc_message(&err));
		text_buf_free(&b->lines);
		return -1;
	}
	if (b->n == 0) {
		text_buf_free(&b->lines);
		return 0;
	}
	snprintf(head, sizeof head, "{\"format\":%d,\"office\":\"%s\",\"events\":%5d}\n",
	    WIRE_FORMAT, store_office(r->st), b->n);
	memcpy(b->lines.s, head, hlen);	/* the same length: %5d, at most 20000 */
	if (b->lines.oom || wire_gzip(b->lines.s, b->lines.n, 6, z, zn) != 0) {
		sync_fail(r, SYNCQ_PROBLEM_LOCAL, "%s", mc_strerror(MC_ENOMEM));
		text_buf_free(&b->lines);
		return -1;
	}
	b->raw = b->lines.n;	/* for the compression ratio */
	text_buf_free(&b->lines);
	return 0;
}

/* Set aside what the hub would not take. */
static void
set_aside(struct sync_run *r, const struct wire_verdict *v, int n, const char *what)
{
	struct mc_error err;
	char id[96], reason[WIRE_WHY_MAX + 64];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "%s:%ld", store_office(r->st), v[i].seq);
		snprintf(reason, sizeof reason, "%s: %s", what, v[i].reason);
		if (syncq_set_aside(r->st, id, SYNCQ_PUSH, reason, &err) != MC_OK)
			sync_fail(r, SYNCQ_PROBLEM_LOCAL, "%s", mc_message(&err));
		fprintf(stderr, _("motcua-sync: set aside %s: %s\n"), id, reason);
		r->set_aside++;
		r->refused = 1;
	}
}

/* A 200: record the answer; the new cursor into *cursor.  0, -1 when the answer cannot
 * be read (cut on its way?), -2 when the store failed. */
static int
accepted(struct sync_run *r, const struct sync_reply *rep, const struct batch *b, long *cursor)
{
	struct wire_push_answer a;
	struct mc_error err;
	char why[WIRE_WHY_MAX];

	if (wire_push_answer_decode(rep->body.s, rep->body.n, &a, why) != 0) {
		/* Most often an answer cut on its way: try again. */
		sync_fail(r, SYNCQ_PROBLEM_HUB, _("the hub's answer cannot be read: %s"), why);
		return -1;
	}
	set_aside(r, a.conflicts, a.nconflicts, _("the hub holds this event with other content"));
	set_aside(r, a.refused, a.nrefused, _("refused by the hub"));
	if (syncq_set_cursor(r->st, a.cursor, &err) != MC_OK) {
		sync_fail(r, SYNCQ_PROBLEM_LOCAL, "%s", mc_message(&err));
		wire_push_answer_free(&a);
		return -2;
	}
	if (a.cursor > *cursor)
		r->pushed += a.cursor - *cursor;
	r->batches++;
	*cursor = a.cursor;
	wire_push_answer_free(&a);
	return 0;
}

int
sync_push(struct sync_run *r)
{
	struct sync_reply rep;
	struct wire_error e;
	struct batch b;
	struct mc_error err;
	double ratio = 0.25;
	size_t cap = BATCH_START < (size_t)r->batch_max ? BATCH_START : (size_t)r->batch_max, zn;
	long cursor = syncq_cursor(r->st), before;
	char *z;
	int attempt = 0, rc, ans;

	for (;;) {
		if (r->stop != NULL && *r->stop)
			return MC_EIO;
		if (build(r, cursor, (size_t)((double)cap / ratio) < RAW_MAX ?
		    (size_t)((double)cap / ratio) : RAW_MAX, &b, &z, &zn) != 0)
			return MC_ESTORE;
		if (b.n == 0) {
			sync_recovered(r);
			return MC_OK;
		}
		ratio = (double)zn / (double)b.raw;
		if (ratio < 0.02)
			ratio = 0.02;
		sync_progress(r, _("pushing"));
		rc = sync_http_request(r->http, "/v1/push", z, zn, 1, "application/x-ndjson", NULL, &rep);
		free(z);
		r->bytes += rep.sent + rep.received;
		before = cursor;
		ans = rc == 0 && rep.status == 200 ? accepted(r, &rep, &b, &cursor) : 1;
		if (ans == -2) {
			sync_reply_free(&rep);
			return MC_ESTORE;
		}
		if (ans == 0) {
			attempt = 0;
			if (rep.upload_speed > 0) {	/* about two seconds of sending */
				cap = (size_t)(rep.upload_speed * SECONDS_A_BATCH);
				cap = cap < BATCH_MIN ? BATCH_MIN : cap > (size_t)r->batch_max ?
				    (size_t)r->batch_max : cap;
			}
			if (cursor <= before && cursor < b.last) {	/* no progress: the hub is confused */
				sync_fail(r, SYNCQ_PROBLEM_HUB, _("the hub's cursor did not move (%ld)"), cursor);
				sync_reply_free(&rep);
				return MC_EIO;
			}
			sync_reply_free(&rep);
			continue;
		}
		if (rc == 0 && rep.status == 409 && wire_error_decode(rep.body.s, rep.body.n, &e) == 0 &&
		    e.cursor >= 0) {
			/* The hub holds less than we thought (restored?): resend from its cursor. */
			cursor = e.cursor;
			if (syncq_set_cursor(r->st, cursor, &err) != MC_OK) {
				sync_fail(r, SYNCQ_PROBLEM_LOCAL, "%s", mc_message(&err));
				sync_reply_free(&rep);
				return MC_ESTORE;
			}
			sync_reply_free(&rep);
			if (++attempt > 3) {
				sync_fail(r, SYNCQ_PROBLEM_HUB, _("the hub keeps asking for events it had (cursor %ld)"), cursor);
				return MC_EIO;
			}
			continue;
		}
		if (rc == 0 && rep.status == 413 && b.n > 1) {	/* too large for the hub */
			cap = cap / 4 < BATCH_MIN ? BATCH_MIN : cap / 4;
			sync_reply_free(&rep);
			continue;
		}
		if (rc != 0 && rep.permanent) {
			sync_fail(r, SYNCQ_PROBLEM_UNREACHABLE, _("cannot reach the hub: %s"), rep.error);
			sync_reply_free(&rep);
			return MC_EDENIED;
		}
		if (rc != 0 || rep.status == 408 || rep.status >= 500 || ans == -1) {
			if (rc != 0)
				sync_fail(r, SYNCQ_PROBLEM_UNREACHABLE, _("cannot reach the hub: %s"), rep.error);
			else if (ans != -1)
				sync_fail(r, SYNCQ_PROBLEM_HUB, _("the hub answered %d"), rep.status);
			cap = cap / 2 < BATCH_MIN ? BATCH_MIN : cap / 2;
			rc = rep.retry_after;
			sync_reply_free(&rep);
			if (!sync_backoff(r, ++attempt, rc, 60))
				return MC_EIO;
			continue;
		}
		/* Anything else will not get better by trying again. */
		if (wire_error_decode(rep.body.s, rep.body.n, &e) == 0 && e.error[0] != '\0')
			sync_fail(r, sync_refusal(rep.status), _("the hub refused the batch (%d): %s"), rep.status, e.error);
		else
			sync_fail(r, sync_refusal(rep.status), _("the hub refused the batch (%d)"), rep.status);
		sync_reply_free(&rep);
		return MC_EDENIED;
	}
}
