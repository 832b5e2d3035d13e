/* sync-pull.c -- what the office brings back from the hub (doc/sync-api.md): other
 * offices' events on the dossiers it holds (and, with --scope, on every dossier of its
 * part of the office tree, read-only), and the resources the province publishes.
 *
 * Each pull's answer is applied in one SQLite transaction: its events (an id held here
 * with other content is set aside, never overwritten), each dossier folded again in the
 * defined order, the dossiers' access, and the new marks; so an answer lost on the way
 * is asked again and an answer applied is never asked again.  Answers are sized to the
 * link (about two seconds of receiving).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "i18n.h"
#include "store.h"
#include "syncq.h"

#define ANSWER_MIN	(16 * 1024)	/* bytes asked for, before compression */
#define ANSWER_START	(256 * 1024)
#define ANSWER_MAX_ASK	(1024 * 1024)

static int
add_mark(const char *office, long seq, void *ctx)
{
	json_object_set_new(ctx, office, json_integer(seq));
	return 0;
}

/* A new scope, or none where there was one: the marks start again. */
static int
check_scope(struct sync_run *r, struct mc_error *err)
{
	char *had = store_setting(r->st, "sync.scope_marks");
	const char *now = r->scope != NULL ? r->scope : "";
	int rc = MC_OK;

	if (had == NULL || strcmp(had, now) != 0) {
		if ((rc = store_begin(r->st, err)) == MC_OK &&
		    (rc = syncq_clear_marks(r->st, err)) == MC_OK &&
		    (rc = store_set_setting(r->st, "sync.scope_marks", now, err)) == MC_OK)
			rc = store_commit(r->st, err);
		else
			store_rollback(r->st);
	}
	free(had);
	return rc;
}

static char *
request_body(struct sync_run *r, long max_bytes, struct mc_error *err)
{
	json_t *o = json_object(), *marks = json_object();
	char *text = NULL;

	if (syncq_each_mark(r->st, add_mark, marks, err) == MC_OK) {
		json_object_set_new(o, "format", json_integer(WIRE_FORMAT));
		json_object_set_new(o, "scope", r->scope != NULL && *r->scope != '\0' ?
		    json_string(r->scope) : json_null());
		json_object_set_new(o, "max_bytes", json_integer(max_bytes));
		json_object_set_new(o, "marks", marks);
		marks = NULL;
		text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	}
	json_decref(marks);
	json_decref(o);
	return text;
}

/* Apply one answer in one transaction. */
static int
apply(struct sync_run *r, const struct wire_pull_answer *a, struct mc_error *err)
{
	enum syncq_pulled what;
	long pulled = 0, aside = 0;
	int i, rc;

	if ((rc = store_begin(r->st, err)) != MC_OK)
		return rc;
	for (i = 0; i < a->nevents && rc == MC_OK; i++) {
		if ((rc = syncq_pull_event(r->st, &a->events[i].ev, &what, err)) != MC_OK)
			break;
		pulled += what == SYNCQ_NEW;
		aside += what == SYNCQ_DIFFERENT;
	}
	for (i = 0; i < a->ndossiers && rc == MC_OK; i++)
		rc = syncq_pull_dossier(r->st, a->dossiers[i].code, a->dossiers[i].read_only,
		    a->dossiers[i].office, err);
	for (i = 0; i < a->nmarks && rc == MC_OK; i++)
		rc = syncq_set_mark(r->st, a->marks[i].office, a->marks[i].seq, err);
	if (rc != MC_OK) {
		store_rollback(r->st);
		return rc;
	}
	if ((rc = store_commit(r->st, err)) != MC_OK)
		return rc;
	r->pulled += pulled;
	r->pulled_dossiers += a->ndossiers;
	if (aside > 0) {
		r->set_aside += aside;
		r->refused = 1;
		fprintf(stderr, _("motcua-sync: %ld pulled events set aside: this store holds them with other content\n"), aside);
	}
	return MC_OK;
}

int
sync_pull(struct sync_run *r)
{
	struct wire_pull_answer a;
	struct sync_reply rep;
	struct wire_error e;
	struct mc_error err;
	char why[WIRE_WHY_MAX], *body;
	long max_bytes = ANSWER_START;
	int attempt = 0, rc;

	if (check_scope(r, &err) != MC_OK) {
		sync_fail(r, SYNCQ_PROBLEM_LOCAL, "%s", mc_message(&err));
		return MC_ESTORE;
	}
	for (;;) {
		if (r->stop != NULL && *r->stop)
			return MC_EIO;
		if ((body = request_body(r, max_bytes, &err)) == NULL) {
			sync_fail(r, SYNCQ_PROBLEM_LOCAL, "%s", mc_message(&err));
			return MC_ESTORE;
		}
		sync_progress(r, _("pulling"));
		rc = sync_http_request(r->http, "/v1/pull", body, strlen(body), 0, "application/json", NULL, &rep);
		free(body);
		r->bytes += rep.sent + rep.received;
		if (rc != 0 && rep.permanent) {
			sync_fail(r, SYNCQ_PROBLEM_UNREACHABLE, _("cannot reach the hub: %s"), rep.error);
			sync_reply_free(&rep);
			return MC_EDENIED;
		}
		if (rc != 0 || rep.status == 408 || rep.status >= 500) {
			if (rc != 0)
				sync_fail(r, SYNCQ_PROBLEM_UNREACHABLE, _("cannot reach the hub: %s"), rep.error);
			else
				sync_fail(r, SYNCQ_PROBLEM_HUB, _("the hub answered %d"), rep.status);
			max_bytes = max_bytes / 2 < ANSWER_MIN ? ANSWER_MIN : max_bytes / 2;
			rc = rep.retry_after;
			sync_reply_free(&rep);
			if (!sync_backoff(r, ++attempt, rc, 60))
				return MC_EIO;
			continue;
		}
		if (rep.status != 200) {
			if (wire_error_decode(rep.body.s, rep.body.n, &e) == 0 && e.error[0] != '\0')
				sync_fail(r, sync_refusal(rep.status), _("the hub refused the pull (%d): %s"), rep.status, e.error);
			else
				sync_fail(r, sync_refusal(rep.status), _("the hub refused the pull (%d)"), rep.status);
			sync_reply_free(&rep);
			return MC_EDENIED;
		}
		if (wire_pull_answer_decode(rep.body.s, rep.body.n, &a, why) != 0) {
			/* Most often an answer cut on its way: ask again, for less. */
			sync_fail(r, SYNCQ_PROBLEM_HUB, _("the hub's answer cannot be read: %s"), why);
			max_bytes = max_bytes / 2 < ANSWER_MIN ? ANSWER_MIN : max_bytes / 2;
			sync_reply_free(&rep);
			if (!sync_backoff(r, ++attempt, 0, 60))
				return MC_EIO;
			continue;
		}
		attempt = 0;
		if (rep.download_speed > 0 && rep.received > 4096) {
			/* About two seconds of receiving; answers compress about fivefold. */
			max_bytes = (long)(rep.download_speed * 2 * 5);
			max_bytes = max_bytes < ANSWER_MIN ? ANSWER_MIN : max_bytes > ANSWER_MAX_ASK ?
			    ANSWER_MAX_ASK : max_bytes;
		}
		sync_reply_free(&rep);
		if (apply(r, &a, &err) != MC_OK) {
			sync_fail(r, SYNCQ_PROBLEM_LOCAL, "%s", mc_message(&err));
			wire_pull_answer_free(&a);
			return MC_ESTORE;
		}
		if (!a.more) {
			wire_pull_answer_free(&a);
			sync_recovered(r);
			return MC_OK;
		}
		wire_pull_answer_free(&a);
	}
}

/* ---------------------------------------------------------------- resources */

/* Does body match the hash its ETag ("NAME-VERSION-HASH8") names? */
static int
whole(const char *body, size_t n, const char *etag)
{
	char hex[WIRE_HASH_HEX];
	const char *dash = strrchr(etag, '-');

	wire_digest_hex(body, n, hex);
	return dash != NULL && strncmp(dash + 1, hex, 8) == 0 && dash[9] == '"';
}

static int
one_resource(struct sync_run *r, const char *name)
{
	struct sync_reply rep;
	struct mc_error err;
	char key[64], path[64], *etag;
	int attempt = 0, rc;

	snprintf(key, sizeof key, "sync.etag.%s", name);
	snprintf(path, sizeof path, "/v1/resources/%s", name);
	for (;;) {
		etag = store_setting(r->st, key);
		rc = sync_http_request(r->http, path, NULL, 0, 0, NULL, etag, &rep);
		free(etag);
		r->bytes += rep.sent + rep.received;
		if (rc == 0 && rep.status == 200 && !whole(rep.body.s, rep.body.n, rep.etag))
			/* Cut on its way (its ETag names its hash): ask again. */
			sync_fail(r, SYNCQ_PROBLEM_HUB, _("the province's %s came incomplete"), name);
		else if (rc == 0 && rep.status < 500 && rep.status != 408)
			break;
		if (rc != 0 && rep.permanent) {
			sync_fail(r, SYNCQ_PROBLEM_UNREACHABLE, _("cannot reach the hub: %s"), rep.error);
			sync_reply_free(&rep);
			return MC_EIO;
		}
		if (rc != 0)
			sync_fail(r, SYNCQ_PROBLEM_UNREACHABLE, _("cannot reach the hub: %s"), rep.error);
		else if (rep.status != 200)
			sync_fail(r, SYNCQ_PROBLEM_HUB, _("the hub answered %d"), rep.status);
		rc = rep.retry_after;
		sync_reply_free(&rep);
		if (!sync_backoff(r, ++attempt, rc, 60))
			return MC_EIO;
	}
	rc = MC_OK;
	if (rep.status == 304 || rep.status == 404)	/* unchanged, or nothing published */
		r->res_unchanged++;
	else if (rep.status != 200) {
		sync_fail(r, sync_refusal(rep.status), _("the hub refused the %s (%d)"), name, rep.status);
		rc = MC_EDENIED;
	} else if (syncq_apply_resource(r->st, name, rep.body.s, rep.body.n, rep.etag, &err) != MC_OK) {
		sync_fail(r, SYNCQ_PROBLEM_PROVINCE, _("the province's %s was not applied: %s"), name, mc_message(&err));
		rc = MC_EINVAL;
	} else
		r->res_updated++;
	sync_reply_free(&rep);
	return rc;
}

int
sync_resources(struct sync_run *r)
{
	static const char *const names[] = { "settings", "holidays", "catalog", "templates", NULL };
	int i, rc = MC_OK, one;

	sync_progress(r, _("resources"));
	for (i = 0; names[i] != NULL; i++) {
		if (r->stop != NULL && *r->stop)
			return MC_EIO;
		if ((one = one_resource(r, names[i])) == MC_EIO)
			return one;
		if (one != MC_OK)
			rc = one;
	}
	return rc;
}
