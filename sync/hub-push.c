/* hub-push.c -- POST /v1/push: one office's batch stored in one transaction
 * (doc/sync-api.md, "POST /v1/push").
 *
 * The transaction locks the office's row (so two pushes of one office, through one hub
 * or two, take turns), compares the events at or below its cursor with what is held
 * (known, or a conflict: the hub's copy stays), decides for each new event whether the
 * office may write it (its own new dossier, or one it holds), inserts the new ones with
 * one statement over unnest() arrays, records refusals under their numbers, adds the
 * holders (a new dossier's office; an office a hand-over names), folds every dossier the
 * batch touched, advances the cursor, and commits before the answer is written.
 * Nothing is written for a batch that is refused as a whole.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub.h"

enum verdict { V_STORE, V_KNOWN, V_CONFLICT, V_REFUSE };

/* A dossier code of the batch and what the hub knows of it. */
struct code_state {
	const char *code;
	int exists;		/* the hub had it before the batch */
	int held;		/* by the pushing office */
	int received;		/* its intake event is at the hub */
	int created;		/* by this batch */
	int listed;		/* already among the dossiers to fold from the database */
};

struct push {
	PGconn *c;
	struct hub_answer *a;
	char office[WIRE_OFFICE_MAX + 1];
	long cursor;
	struct wire_push b;
	enum verdict *verdict;
	char (*reason)[WIRE_WHY_MAX];
	char (*held_hash)[65];		/* the hub's hash of a conflicting event */
	struct code_state *codes;
	int ncodes;
	long stored, known;
	int unavailable;
	struct mc_error err;
};

/* ---------------------------------------------------------------- answers */

void
hub_answer_json(struct hub_answer *a, int status, json_t *o)
{
	char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

	a->status = status;
	a->type = "application/json";
	a->body.n = 0;
	if (text != NULL) {
		text_buf_add(&a->body, text);
		text_buf_add(&a->body, "\n");
	}
	free(text);
	json_decref(o);
}

void
hub_answer_error(struct hub_answer *a, int status, const char *word, long cursor,
    const char *fmt, ...)
{
	char why[WIRE_WHY_MAX];
	json_t *o = json_object();
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	json_object_set_new(o, "format", json_integer(WIRE_FORMAT));
	json_object_set_new(o, "error", json_string(why));
	json_object_set_new(o, "why", json_string(word));
	if (cursor >= 0)
		json_object_set_new(o, "cursor", json_integer(cursor));
	hub_answer_json(a, status, o);
	if (status == 503)
		a->retry_after = 5;
	snprintf(a->log, sizeof a->log, "%s: %s", word, why);
}

void
hub_answer_free(struct hub_answer *a)
{
	text_buf_free(&a->body);
}

/* A failed statement: 503 when PostgreSQL is away, else 500. */
static void
db_failed(struct hub_answer *a, int unavailable, const struct mc_error *err)
{
	if (unavailable)
		hub_answer_error(a, 503, "unavailable", -1, "the database is not available; try again");
	else
		hub_answer_error(a, 500, "db", -1, "the database refused the batch; nothing was stored");
	log_line(LOG_ERR, "%s", mc_message(err));
}

/* ---------------------------------------------------------------- the codes */

static int
by_code(const void *x, const void *y)
{
	return strcmp(((const struct code_state *)x)->code, ((const struct code_state *)y)->code);
}

static struct code_state *
find_code(struct push *p, const char *code)
{
	struct code_state key = { .code = code };

	return bsearch(&key, p->codes, (size_t)p->ncodes, sizeof *p->codes, by_code);
}

/* The distinct codes of the events above the cursor, and what the hub knows of them. */
static int
load_codes(struct push *p, int first_new)
{
	struct hub_array arr = { 0 };
	const char *v[2];
	struct code_state *cs;
	PGresult *r;
	int i, k;

	if ((p->codes = calloc((size_t)(p->b.n - first_new) + 1, sizeof *p->codes)) == NULL)
		return mc_fail(&p->err, MC_ENOMEM, NULL);
	for (i = first_new; i < p->b.n; i++)
		p->codes[p->ncodes++].code = p->b.events[i].ev.code;
	qsort(p->codes, (size_t)p->ncodes, sizeof *p->codes, by_code);
	for (i = 0, k = 0; i < p->ncodes; i++)
		if (k == 0 || strcmp(p->codes[k - 1].code, p->codes[i].code) != 0)
			p->codes[k++] = p->codes[i];
	p->ncodes = k;
	for (i = 0; i < p->ncodes; i++)
		hub_array_text(&arr, p->codes[i].code);
	v[0] = p->office;
	v[1] = hub_array_end(&arr);
	/* A dossier exists when it has events (its row follows them); it has been
	 * received when one of them is its intake. */
	r = v[1] == NULL ? NULL : hub_sql(p->c, "SELECT c.code, EXISTS (SELECT 1 FROM holder h "
	    "WHERE h.code = c.code AND h.office = $1), EXISTS (SELECT 1 FROM event e WHERE "
	    "e.code = c.code AND e.kind IN ('received', 'registered')) FROM unnest($2::text[]) AS "
	    "c(code) WHERE EXISTS (SELECT 1 FROM event e WHERE e.code = c.code)", 2, v,
	    &p->unavailable, &p->err);
	hub_array_free(&arr);
	if (r == NULL)
		return MC_ESTORE;
	for (i = 0; i < PQntuples(r); i++)
		if ((cs = find_code(p, PQgetvalue(r, i, 0))) != NULL) {
			cs->exists = 1;
			cs->held = PQgetvalue(r, i, 1)[0] == 't';
			cs->received = PQgetvalue(r, i, 2)[0] == 't';
		}
	PQclear(r);
	return MC_OK;
}

/* ---------------------------------------------------------------- the verdicts */

static void
hash_hex64(const unsigned char h[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	int j;

	for (j = 0; j < 32; j++) {
		out[2 * j] = hex[h[j] >> 4];
		out[2 * j + 1] = hex[h[j] & 15];
	}
	out[64] = '\0';
}

/* Events at or below the cursor: the same as held (known), other content (conflict),
 * or refused before (refused again, with the reason recorded then). */
static int
judge_old(struct push *p, int nold)
{
	char lo[32], hi[32], hex[65];
	const char *v[3] = { p->office, lo, hi };
	PGresult *r;
	long seq;
	int i, k;

	if (nold == 0)
		return MC_OK;
	snprintf(lo, sizeof lo, "%ld", p->b.events[0].ev.seq);
	snprintf(hi, sizeof hi, "%ld", p->b.events[nold - 1].ev.seq);
	r = hub_sql(p->c, "SELECT seq, encode(hash, 'hex'), NULL FROM event WHERE office = $1 AND "
	    "seq BETWEEN $2 AND $3 UNION ALL SELECT seq, encode(hash, 'hex'), reason FROM refused "
	    "WHERE office = $1 AND seq BETWEEN $2 AND $3", 3, v, &p->unavailable, &p->err);
	if (r == NULL)
		return MC_ESTORE;
	for (i = 0; i < nold; i++) {
		p->verdict[i] = V_CONFLICT;
		snprintf(p->reason[i], sizeof p->reason[0], "the hub holds this event with other content");
	}
	for (k = 0; k < PQntuples(r); k++) {
		seq = atol(PQgetvalue(r, k, 0));
		i = (int)(seq - p->b.events[0].ev.seq);
		if (i < 0 || i >= nold)
			continue;
		hash_hex64(p->b.events[i].hash, hex);
		snprintf(p->held_hash[i], sizeof p->held_hash[0], "%s", PQgetvalue(r, k, 1));
		if (strcmp(PQgetvalue(r, k, 1), hex) != 0)
			continue;	/* other content: a conflict */
		if (PQgetisnull(r, k, 2)) {
			p->verdict[i] = V_KNOWN;
			p->known++;
		} else {
			p->verdict[i] = V_REFUSE;
			snprintf(p->reason[i], sizeof p->reason[0], "%s", PQgetvalue(r, k, 2));
		}
	}
	PQclear(r);
	return MC_OK;
}

static int
intake_kind(const char *kind)
{
	return strcmp(kind, "received") == 0 || strcmp(kind, "registered") == 0;
}

/* Events above the cursor: may this office write them? */
static void
judge_new(struct push *p, int first_new)
{
	size_t n = strlen(p->office);
	struct code_state *cs;
	const struct syncq_event *ev;
	int i;

	for (i = first_new; i < p->b.n; i++) {
		ev = &p->b.events[i].ev;
		cs = find_code(p, ev->code);
		p->verdict[i] = V_REFUSE;
		if (intake_kind(ev->kind)) {
			if (cs->received || cs->created)
				snprintf(p->reason[i], sizeof p->reason[0], "the dossier code %s already exists at the hub", ev->code);
			else if (strncmp(ev->code, p->office, n) != 0 || ev->code[n] != '-')
				snprintf(p->reason[i], sizeof p->reason[0], "a dossier received here must have a code that starts with %s-", p->office);
			else {
				p->verdict[i] = V_STORE;
				cs->created = cs->held = 1;
			}
		} else if (cs->created || (cs->exists && cs->held))
			p->verdict[i] = V_STORE;
		else if (cs->exists)
			snprintf(p->reason[i], sizeof p->reason[0], "this office neither received dossier %s nor was handed it", ev->code);
		else
			snprintf(p->reason[i], sizeof p->reason[0], "the hub has no dossier %s (its first event never came)", ev->code);
		p->stored += p->verdict[i] == V_STORE;
	}
}

/* ---------------------------------------------------------------- the writes */

static int
write_events(struct push *p, int first_new)
{
	struct hub_array a[8] = { 0 };
	const char *v[9];
	char hex[65];
	int i, k, rc = MC_OK;

	for (i = first_new; i < p->b.n; i++) {
		const struct syncq_event *ev = &p->b.events[i].ev;

		if (p->verdict[i] != V_STORE)
			continue;
		hash_hex64(p->b.events[i].hash, hex);
		hub_array_long(&a[0], ev->seq);
		hub_array_text(&a[1], ev->code);
		hub_array_long(&a[2], ev->pos);
		hub_array_text(&a[3], ev->kind);
		hub_array_text(&a[4], ev->at);
		hub_array_text(&a[5], ev->actor);
		hub_array_text(&a[6], ev->payload);
		hub_array_text(&a[7], hex);
	}
	if (a[0].n > 0) {
		v[0] = p->office;
		for (k = 0; k < 8; k++)
			if ((v[k + 1] = hub_array_end(&a[k])) == NULL)
				rc = mc_fail(&p->err, MC_ENOMEM, NULL);
		if (rc == MC_OK)
			rc = hub_exec(p->c, "INSERT INTO event (office, seq, code, pos, kind, at, actor, "
			    "payload, hash, format) SELECT $1, u.seq, u.code, u.pos, u.kind, u.at, u.actor, "
			    "u.payload, decode(u.hash, 'hex'), 1 FROM unnest($2::bigint[], $3::text[], "
			    "$4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS "
			    "u(seq, code, pos, kind, at, actor, payload, hash) ON CONFLICT DO NOTHING",
			    9, v, &p->unavailable, &p->err);
	}
	for (k = 0; k < 8; k++)
		hub_array_free(&a[k]);
	return rc;
}

/* Refusals under their numbers, conflicts for the record. */
static int
write_refusals(struct push *p)
{
	struct hub_array a[3] = { 0 }, c[2] = { 0 };
	const char *v[4];
	char hex[65];
	int i, rc = MC_OK;

	for (i = 0; i < p->b.n; i++) {
		if (p->verdict[i] != V_REFUSE && p->verdict[i] != V_CONFLICT)
			continue;
		hash_hex64(p->b.events[i].hash, hex);
		if (p->verdict[i] == V_REFUSE && p->b.events[i].ev.seq > p->cursor) {
			hub_array_long(&a[0], p->b.events[i].ev.seq);
			hub_array_text(&a[1], hex);
			hub_array_text(&a[2], p->reason[i]);
		} else if (p->verdict[i] == V_CONFLICT) {
			hub_array_long(&c[0], p->b.events[i].ev.seq);
			hub_array_text(&c[1], hex);
		}
	}
	v[0] = p->office;
	if (a[0].n > 0) {
		v[1] = hub_array_end(&a[0]);
		v[2] = hub_array_end(&a[1]);
		v[3] = hub_array_end(&a[2]);
		rc = v[1] == NULL || v[2] == NULL || v[3] == NULL ? mc_fail(&p->err, MC_ENOMEM, NULL) :
		    hub_exec(p->c, "INSERT INTO refused (office, seq, hash, reason) SELECT $1, u.seq, "
		    "decode(u.hash, 'hex'), u.reason FROM unnest($2::bigint[], $3::text[], $4::text[]) "
		    "AS u(seq, hash, reason) ON CONFLICT DO NOTHING", 4, v, &p->unavailable, &p->err);
	}
	if (rc == MC_OK && c[0].n > 0) {
		v[1] = hub_array_end(&c[0]);
		v[2] = hub_array_end(&c[1]);
		rc = v[1] == NULL || v[2] == NULL ? mc_fail(&p->err, MC_ENOMEM, NULL) :
		    hub_exec(p->c, "INSERT INTO conflict (office, seq, hash) SELECT $1, u.seq, "
		    "decode(u.hash, 'hex') FROM unnest($2::bigint[], $3::text[]) AS u(seq, hash) "
		    "ON CONFLICT DO NOTHING", 3, v, &p->unavailable, &p->err);
	}
	for (i = 0; i < 3; i++)
		hub_array_free(&a[i]);
	hub_array_free(&c[0]);
	hub_array_free(&c[1]);
	return rc;
}

/* Who holds what: new dossiers' office, and offices a hand-over names. */
static int
write_holders(struct push *p, int first_new)
{
	struct hub_array a[3] = { 0 };
	const char *v[4];
	int i, rc = MC_OK;

	for (i = first_new; i < p->b.n; i++) {
		const struct wire_event *e = &p->b.events[i];

		if (p->verdict[i] != V_STORE)
			continue;
		if (intake_kind(e->ev.kind) || (e->to[0] != '\0' && strcmp(e->to, p->office) != 0)) {
			hub_array_text(&a[0], e->ev.code);
			hub_array_text(&a[1], intake_kind(e->ev.kind) ? p->office : e->to);
			hub_array_long(&a[2], e->ev.seq);
		}
	}
	if (a[0].n > 0) {
		v[0] = p->office;
		v[1] = hub_array_end(&a[0]);
		v[2] = hub_array_end(&a[1]);
		v[3] = hub_array_end(&a[2]);
		rc = v[1] == NULL || v[2] == NULL || v[3] == NULL ? mc_fail(&p->err, MC_ENOMEM, NULL) :
		    hub_exec(p->c, "INSERT INTO holder (code, office, via_office, via_seq) SELECT u.code, "
		    "u.office, $1, u.seq FROM unnest($2::text[], $3::text[], $4::bigint[]) AS "
		    "u(code, office, seq) JOIN office o ON o.code = u.office ON CONFLICT DO NOTHING",
		    4, v, &p->unavailable, &p->err);
	}
	for (i = 0; i < 3; i++)
		hub_array_free(&a[i]);
	return rc;
}

static int
by_fold_order(const void *x, const void *y)
{
	const struct hub_fold_event *a = x, *b = y;
	int c = strcmp(a->code, b->code);

	if (c != 0)
		return c;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	if ((c = strcmp(a->office, b->office)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static struct hub_fold_event
fold_event(const struct wire_event *w)
{
	const struct syncq_event *e = &w->ev;

	return (struct hub_fold_event){ e->office, e->seq, e->code, e->pos, e->kind, e->at,
		e->actor, e->payload, w->data };
}

/* Fold every dossier the batch wrote to: new ones from the batch itself, the others
 * from all their events (the new ones included: same transaction). */
static int
write_dossiers(struct push *p, int first_new)
{
	struct hub_rows *rows = hub_rows_new();
	struct hub_fold_event *fe = calloc((size_t)p->b.n + 1, sizeof *fe), *pe;
	struct hub_array old = { 0 };
	struct code_state *cs;
	const char *v[1];
	PGresult *r = NULL;
	int i, n = 0, rc = MC_OK;

	if (rows == NULL || fe == NULL) {
		rc = mc_fail(&p->err, MC_ENOMEM, NULL);
		goto out;
	}
	for (i = first_new; i < p->b.n; i++) {
		if (p->verdict[i] != V_STORE)
			continue;
		cs = find_code(p, p->b.events[i].ev.code);
		if (!cs->exists && cs->created)
			fe[n++] = fold_event(&p->b.events[i]);
		else if (!cs->listed) {
			hub_array_text(&old, cs->code);
			cs->listed = 1;
		}
	}
	qsort(fe, (size_t)n, sizeof *fe, by_fold_order);
	hub_rows_add(rows, fe, n);
	if (old.n > 0) {
		if ((v[0] = hub_array_end(&old)) == NULL ||
		    (r = hub_sql(p->c, "SELECT office, seq, code, pos, kind, at, actor, payload FROM event "
		    "WHERE code = ANY($1::text[]) ORDER BY code COLLATE \"C\", pos, office COLLATE \"C\", seq",
		    1, v, &p->unavailable, &p->err)) == NULL) {
			rc = MC_ESTORE;
			goto out;
		}
		if ((pe = calloc((size_t)PQntuples(r) + 1, sizeof *pe)) == NULL) {
			rc = mc_fail(&p->err, MC_ENOMEM, NULL);
			goto out;
		}
		for (i = 0; i < PQntuples(r); i++)
			pe[i] = (struct hub_fold_event){ PQgetvalue(r, i, 0), atol(PQgetvalue(r, i, 1)),
			    PQgetvalue(r, i, 2), atoi(PQgetvalue(r, i, 3)), PQgetvalue(r, i, 4),
			    PQgetvalue(r, i, 5), PQgetvalue(r, i, 6), PQgetvalue(r, i, 7), NULL };
		hub_rows_add(rows, pe, PQntuples(r));
		free(pe);
	}
	rc = hub_rows_write(p->c, rows, &p->unavailable, &p->err);
out:
	PQclear(r);
	hub_array_free(&old);
	hub_rows_free(rows);
	free(fe);
	return rc;
}

static int
advance(struct push *p)
{
	char cursor[32], stored[32];
	const char *v[3] = { p->office, cursor, stored };

	snprintf(cursor, sizeof cursor, "%ld", p->b.events[p->b.n - 1].ev.seq > p->cursor ?
	    p->b.events[p->b.n - 1].ev.seq : p->cursor);
	snprintf(stored, sizeof stored, "%ld", p->stored);
	return hub_exec(p->c, "UPDATE office SET cursor = $2, events = events + $3, "
	    "last_push = now() WHERE code = $1", 3, v, &p->unavailable, &p->err);
}

/* ---------------------------------------------------------------- the request */

static json_t *
verdict_list(struct push *p, enum verdict which)
{
	json_t *arr = json_array(), *o;
	int i;

	for (i = 0; i < p->b.n; i++) {
		if (p->verdict[i] != which)
			continue;
		o = json_object();
		json_object_set_new(o, "seq", json_integer(p->b.events[i].ev.seq));
		if (which == V_CONFLICT && p->held_hash[i][0] != '\0') {
			p->held_hash[i][16] = '\0';	/* as hashes travel: 16 digits */
			json_object_set_new(o, "hash", json_string(p->held_hash[i]));
		}
		json_object_set_new(o, "reason", json_string(p->reason[i]));
		json_array_append_new(arr, o);
	}
	return arr;
}

static void
answer(struct push *p)
{
	json_t *o = json_object();
	json_t *conflicts = verdict_list(p, V_CONFLICT), *refused = verdict_list(p, V_REFUSE);

	json_object_set_new(o, "format", json_integer(WIRE_FORMAT));
	json_object_set_new(o, "cursor", json_integer(p->b.events[p->b.n - 1].ev.seq > p->cursor ?
	    p->b.events[p->b.n - 1].ev.seq : p->cursor));
	json_object_set_new(o, "stored", json_integer(p->stored));
	json_object_set_new(o, "known", json_integer(p->known));
	snprintf(p->a->log, sizeof p->a->log, "%s: %d events from %ld, %ld stored, %ld known, "
	    "%zu conflicts, %zu refused", p->office, p->b.n, p->b.events[0].ev.seq, p->stored,
	    p->known, json_array_size(conflicts), json_array_size(refused));
	json_object_set_new(o, "conflicts", conflicts);
	json_object_set_new(o, "refused", refused);
	hub_answer_json(p->a, 200, o);
}

/* The transaction, once the office row is locked and the batch decoded. */
static int
store_batch(struct push *p)
{
	int first_new = 0;

	while (first_new < p->b.n && p->b.events[first_new].ev.seq <= p->cursor)
		first_new++;
	if ((p->verdict = calloc((size_t)p->b.n, sizeof *p->verdict)) == NULL ||
	    (p->reason = calloc((size_t)p->b.n, sizeof *p->reason)) == NULL ||
	    (p->held_hash = calloc((size_t)p->b.n, sizeof *p->held_hash)) == NULL)
		return mc_fail(&p->err, MC_ENOMEM, NULL);
	if (judge_old(p, first_new) != MC_OK)
		return MC_ESTORE;
	if (first_new < p->b.n) {
		if (load_codes(p, first_new) != MC_OK)
			return MC_ESTORE;
		judge_new(p, first_new);
		if (write_events(p, first_new) != MC_OK || write_holders(p, first_new) != MC_OK ||
		    write_dossiers(p, first_new) != MC_OK)
			return MC_ESTORE;
	}
	if (write_refusals(p) != MC_OK || advance(p) != MC_OK)
		return MC_ESTORE;
	return hub_exec(p->c, "COMMIT", 0, NULL, &p->unavailable, &p->err);
}

/* BEGIN and lock the token's office row: MC_OK, MC_EAUTH, or a failure. */
static int
lock_office(struct push *p, const char *token)
{
	const char *v[1] = { token };
	PGresult *r;

	if (token == NULL || strlen(token) != 64 || strspn(token, "0123456789abcdef") != 64)
		return MC_EAUTH;
	if (hub_exec(p->c, "BEGIN", 0, NULL, &p->unavailable, &p->err) != MC_OK)
		return MC_ESTORE;
	r = hub_sql(p->c, "SELECT code, cursor FROM office WHERE token_hash = "
	    "sha256(convert_to($1, 'UTF8')) FOR UPDATE", 1, v, &p->unavailable, &p->err);
	if (r == NULL)
		return MC_ESTORE;
	if (PQntuples(r) != 1) {
		PQclear(r);
		return MC_EAUTH;
	}
	snprintf(p->office, sizeof p->office, "%s", PQgetvalue(r, 0, 0));
	p->cursor = atol(PQgetvalue(r, 0, 1));
	PQclear(r);
	return MC_OK;
}

void
hub_push(struct hub_db *db, const char *token, const char *body, size_t n, struct hub_answer *a)
{
	struct push p = { .a = a };
	struct wire_refusal refusal;
	int rc;

	if ((p.c = hub_db_get(db, 60)) == NULL) {
		hub_answer_error(a, 503, "unavailable", -1, "the database is not available; try again");
		return;
	}
	if ((rc = lock_office(&p, token)) == MC_EAUTH)
		hub_answer_error(a, 401, "auth", -1, "no valid token: ask the province for this office's token");
	else if (rc != MC_OK)
		db_failed(a, p.unavailable, &p.err);
	else if (wire_push_decode(body, n, &p.b, &refusal) != 0)
		hub_answer_error(a, refusal.status, refusal.word, -1, "%s", refusal.why);
	else if (strcmp(p.b.office, p.office) != 0)
		hub_answer_error(a, 403, "office", -1, "this token is office %s's; the events are %s's",
		    p.office, p.b.office);
	else if (p.b.events[0].ev.seq > p.cursor + 1)
		hub_answer_error(a, 409, "gap", p.cursor, "the batch starts at %ld but the hub holds "
		    "every event up to %ld only: send from %ld", p.b.events[0].ev.seq, p.cursor, p.cursor + 1);
	else if (store_batch(&p) != MC_OK)
		db_failed(a, p.unavailable, &p.err);
	else
		answer(&p);
	if (PQtransactionStatus(p.c) != PQTRANS_IDLE)
		hub_rollback(p.c);
	hub_db_put(db, p.c, p.unavailable);
	wire_push_free(&p.b);
	free(p.verdict);
	free(p.reason);
	free(p.held_hash);
	free(p.codes);
}
