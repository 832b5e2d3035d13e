/* hub-pull.c -- what an office reads from the hub: POST /v1/pull (other offices' events
 * on the dossiers it holds, and with a scope every dossier held in that subtree),
 * GET /v1/hello, GET /v1/resources[/NAME], GET /v1/health (doc/sync-api.md).
 *
 * A pull reads one snapshot (REPEATABLE READ): the offices' cursors and the events
 * under them.  For each other office, the window (mark, cursor] gives (1) the events in
 * it on dossiers held by the asking office (or its scope), and (2) the hand-overs in it
 * that made the asking office (or its scope) a holder: those dossiers come whole.  Each
 * query gives at most ROWS rows in (office, sequence) order, found from the holders'
 * side (an office that holds little reads little, however large the province).  The
 * rows are walked in that order until the answer would pass max_bytes; the new marks
 * stop where the rows or the walk stopped, so what was not sent is sent next time, and
 * a mark never passes a cursor (nothing in flight is skipped).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hub.h"

#define ROWS		"5000"	/* rows of each query of one pull, at most */
#define EVENT_OVERHEAD	120	/* bytes an event line takes besides its fields */

/* An office's window. */
struct window {
	char office[WIRE_OFFICE_MAX + 1];
	long lo, hi, cursor, mark;	/* mark: what the answer says */
};

/* What the walk goes through: an event (of r1), or a hand-over (a code of r2). */
struct item {
	const char *office;
	long seq;
	int row;		/* in r1 (event) or r2 (hand-over) */
	int handover;
	long size;
};

/* An event of the answer. */
struct out_event {
	PGresult *r;
	int row;
};

struct pull {
	PGconn *c;
	struct hub_answer *a;
	char office[WIRE_OFFICE_MAX + 1];
	struct wire_pull q;
	struct hub_array holders;	/* the asking office and its scope */
	struct window *w;
	int nw;
	PGresult *r1, *r2, *r3;
	struct out_event *out;
	int nout;
	int more;
	int unavailable;
	struct mc_error err;
};

static void
failed(struct pull *p)
{
	if (p->unavailable)
		hub_answer_error(p->a, 503, "unavailable", -1, "the database is not available; try again");
	else
		hub_answer_error(p->a, 500, "db", -1, "the database failed to answer");
	log_line(LOG_ERR, "%s", mc_message(&p->err));
}

/* ---------------------------------------------------------------- scope and windows */

/* The holders whose dossiers the office reads: itself, and its scope's subtree. */
static int
load_holders(struct pull *p)
{
	const char *v[2] = { p->q.scope, p->office };
	PGresult *r;
	int i, ok;

	hub_array_text(&p->holders, p->office);
	if (p->q.scope[0] == '\0')
		return MC_OK;
	/* The scope must be the office or under it. */
	r = hub_sql(p->c, "WITH RECURSIVE up(code, parent) AS (SELECT code, parent FROM office "
	    "WHERE code = $1 UNION ALL SELECT o.code, o.parent FROM office o JOIN up ON "
	    "o.code = up.parent) SELECT 1 FROM up WHERE code = $2", 2, v, &p->unavailable, &p->err);
	if (r == NULL)
		return MC_ESTORE;
	ok = PQntuples(r) > 0;
	PQclear(r);
	if (!ok)
		return MC_EDENIED;
	r = hub_sql(p->c, "WITH RECURSIVE sub(code) AS (SELECT $1::text UNION ALL SELECT o.code "
	    "FROM office o JOIN sub ON o.parent = sub.code) SELECT code FROM sub", 1, v,
	    &p->unavailable, &p->err);
	if (r == NULL)
		return MC_ESTORE;
	for (i = 0; i < PQntuples(r); i++)
		if (strcmp(PQgetvalue(r, i, 0), p->office) != 0)
			hub_array_text(&p->holders, PQgetvalue(r, i, 0));
	PQclear(r);
	return MC_OK;
}

static int
by_office(const void *x, const void *y)
{
	return strcmp(((const struct wire_mark *)x)->office, ((const struct wire_mark *)y)->office);
}

static int
load_windows(struct pull *p)
{
	const char *v[1] = { p->office };
	struct wire_mark key, *m;
	PGresult *r;
	int i;

	if (p->q.nmarks > 1)
		qsort(p->q.marks, (size_t)p->q.nmarks, sizeof *p->q.marks, by_office);
	r = hub_sql(p->c, "SELECT code, cursor FROM office WHERE code <> $1 ORDER BY code COLLATE \"C\"",
	    1, v, &p->unavailable, &p->err);
	if (r == NULL)
		return MC_ESTORE;
	if ((p->w = calloc((size_t)PQntuples(r) + 1, sizeof *p->w)) == NULL) {
		PQclear(r);
		return mc_fail(&p->err, MC_ENOMEM, NULL);
	}
	for (i = 0; i < PQntuples(r); i++) {
		struct window *w = &p->w[p->nw++];

		snprintf(w->office, sizeof w->office, "%s", PQgetvalue(r, i, 0));
		w->cursor = atol(PQgetvalue(r, i, 1));
		snprintf(key.office, sizeof key.office, "%s", w->office);
		m = p->q.nmarks == 0 ? NULL :
		    bsearch(&key, p->q.marks, (size_t)p->q.nmarks, sizeof *p->q.marks, by_office);
		w->lo = m != NULL ? m->seq : 0;
		w->hi = w->cursor < w->lo ? w->lo : w->cursor;	/* above: the hub lost events */
		w->mark = w->lo;
	}
	PQclear(r);
	return MC_OK;
}

/* ---------------------------------------------------------------- the queries */

static int
query_windows(struct pull *p)
{
	struct hub_array a[3] = { 0 };
	const char *v[5];
	int i, k, rc = MC_OK;

	for (i = 0; i < p->nw; i++) {
		if (p->w[i].hi <= p->w[i].lo)
			continue;
		hub_array_text(&a[0], p->w[i].office);
		hub_array_long(&a[1], p->w[i].lo);
		hub_array_long(&a[2], p->w[i].hi);
	}
	for (k = 0; k < 3; k++)
		v[k] = hub_array_end(&a[k]);
	v[3] = hub_array_end(&p->holders);
	for (k = 0; k < 4; k++)
		if (v[k] == NULL)
			rc = mc_fail(&p->err, MC_ENOMEM, NULL);
	if (rc == MC_OK && a[0].n > 0) {
		p->r1 = hub_sql(p->c, "SELECT e.office, e.seq, e.code, e.pos, e.kind, e.at, e.actor, "
		    "e.payload FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS w(office, lo, hi) "
		    "JOIN event e ON e.office = w.office AND e.seq > w.lo AND e.seq <= w.hi "
		    "WHERE EXISTS (SELECT 1 FROM holder h WHERE h.code = e.code AND "
		    "h.office = ANY($4::text[])) ORDER BY e.office COLLATE \"C\", e.seq LIMIT " ROWS, 4, v,
		    &p->unavailable, &p->err);
		p->r2 = p->r1 == NULL ? NULL : hub_sql(p->c, "SELECT h.via_office, min(h.via_seq), h.code "
		    "FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS w(office, lo, hi) JOIN holder h "
		    "ON h.via_office = w.office AND h.via_seq > w.lo AND h.via_seq <= w.hi "
		    "WHERE h.office = ANY($4::text[]) GROUP BY h.via_office, h.code "
		    "ORDER BY h.via_office COLLATE \"C\", 2 LIMIT " ROWS, 4, v, &p->unavailable, &p->err);
		if (p->r1 == NULL || p->r2 == NULL)
			rc = MC_ESTORE;
	}
	for (k = 0; k < 3; k++)
		hub_array_free(&a[k]);
	if (rc != MC_OK || p->r2 == NULL || PQntuples(p->r2) == 0)
		return rc;
	/* The dossiers handed over come whole. */
	for (i = 0; i < PQntuples(p->r2); i++)
		hub_array_text(&a[0], PQgetvalue(p->r2, i, 2));
	v[0] = hub_array_end(&a[0]);
	v[1] = p->office;
	p->r3 = v[0] == NULL ? NULL : hub_sql(p->c, "SELECT office, seq, code, pos, kind, at, actor, "
	    "payload FROM event WHERE code = ANY($1::text[]) AND office <> $2 ORDER BY code", 2, v,
	    &p->unavailable, &p->err);
	hub_array_free(&a[0]);
	return p->r3 == NULL ? MC_ESTORE : MC_OK;
}

/* ---------------------------------------------------------------- the walk */

static long
row_size(PGresult *r, int i)
{
	long n = EVENT_OVERHEAD;
	int k;

	for (k = 0; k < 8; k++)
		n += PQgetlength(r, i, k);
	return n;
}

static int
by_item(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	int c = strcmp(a->office, b->office);

	if (c != 0)
		return c;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return a->handover - b->handover;
}

static void
add_out(struct pull *p, PGresult *r, int row)
{
	p->out[p->nout].r = r;
	p->out[p->nout++].row = row;
}

/* Is (office, seq) before (bo, bs)? */
static int
before(const char *office, long seq, const char *bo, long bs)
{
	int c = strcmp(office, bo);

	return c < 0 || (c == 0 && seq <= bs);
}

/* Walk the items in order until the budget is spent or the rows of a query that hit
 * its limit end; fill the marks and the events. */
static int
walk(struct pull *p)
{
	int n1 = p->r1 != NULL ? PQntuples(p->r1) : 0, n2 = p->r2 != NULL ? PQntuples(p->r2) : 0;
	int n3 = p->r3 != NULL ? PQntuples(p->r3) : 0, i, k, nitems = 0;
	struct item *it = calloc((size_t)(n1 + n2) + 1, sizeof *it);
	long budget = p->q.max_bytes, used = 0, bs = 0;
	const char *bo = NULL;		/* the boundary: every item up to it is whole */
	struct window *w;

	if (it == NULL || (p->out = calloc((size_t)(n1 + n3) + 1, sizeof *p->out)) == NULL) {
		free(it);
		return mc_fail(&p->err, MC_ENOMEM, NULL);
	}
	/* A query that hit its limit may have more after its last row. */
	if (n1 >= atoi(ROWS)) {
		bo = PQgetvalue(p->r1, n1 - 1, 0);
		bs = atol(PQgetvalue(p->r1, n1 - 1, 1));
	}
	if (n2 >= atoi(ROWS) && (bo == NULL || before(PQgetvalue(p->r2, n2 - 1, 0),
	    atol(PQgetvalue(p->r2, n2 - 1, 1)), bo, bs))) {
		bo = PQgetvalue(p->r2, n2 - 1, 0);
		bs = atol(PQgetvalue(p->r2, n2 - 1, 1));
	}
	for (i = 0; i < n1; i++)
		it[nitems++] = (struct item){ PQgetvalue(p->r1, i, 0), atol(PQgetvalue(p->r1, i, 1)),
		    i, 0, row_size(p->r1, i) };
	for (i = 0; i < n2; i++) {
		struct item h = { PQgetvalue(p->r2, i, 0), atol(PQgetvalue(p->r2, i, 1)), i, 1, 0 };

		for (k = 0; k < n3; k++)
			if (strcmp(PQgetvalue(p->r3, k, 2), PQgetvalue(p->r2, i, 2)) == 0)
				h.size += row_size(p->r3, k);
		it[nitems++] = h;
	}
	qsort(it, (size_t)nitems, sizeof *it, by_item);
	for (i = 0; i < nitems; i++) {
		if (bo != NULL && !before(it[i].office, it[i].seq, bo, bs))
			break;
		if (i > 0 && used + it[i].size > budget) {	/* sent up to the one before */
			bo = it[i].office;
			bs = it[i].seq - 1;
			break;
		}
		used += it[i].size;
		if (!it[i].handover)
			add_out(p, p->r1, it[i].row);
		else
			for (k = 0; k < n3; k++)
				if (strcmp(PQgetvalue(p->r3, k, 2), PQgetvalue(p->r2, it[i].row, 2)) == 0)
					add_out(p, p->r3, k);
	}
	/* Marks: offices before the boundary are done to their cursor; the boundary's
	 * office up to it; offices after it keep their mark. */
	for (i = 0; i < p->nw; i++) {
		w = &p->w[i];
		if (bo == NULL || strcmp(w->office, bo) < 0)
			w->mark = w->hi;
		else if (strcmp(w->office, bo) == 0)
			w->mark = bs > w->lo ? (bs < w->hi ? bs : w->hi) : w->lo;
	}
	p->more = bo != NULL;
	free(it);
	return MC_OK;
}

/* ---------------------------------------------------------------- the answer */

static int
by_out(const void *x, const void *y)
{
	const struct out_event *a = x, *b = y;
	int c = strcmp(PQgetvalue(a->r, a->row, 0), PQgetvalue(b->r, b->row, 0));

	if (c != 0)
		return c;
	return atol(PQgetvalue(a->r, a->row, 1)) < atol(PQgetvalue(b->r, b->row, 1)) ? -1 :
	    atol(PQgetvalue(a->r, a->row, 1)) > atol(PQgetvalue(b->r, b->row, 1));
}

static int
by_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The dossier lines: each code of the answer, held or read, and its office. */
static int
dossier_lines(struct pull *p, struct text_buf *body, int *ndossiers)
{
	const char **codes = calloc((size_t)p->nout + 1, sizeof *codes);
	struct hub_array arr = { 0 };
	PGresult *held = NULL, *rows = NULL;
	const char *v[2];
	json_t *o;
	char *line;
	int i, k, n = 0, rc = MC_OK;

	*ndossiers = 0;
	if (codes == NULL)
		return mc_fail(&p->err, MC_ENOMEM, NULL);
	for (i = 0; i < p->nout; i++)
		codes[n++] = PQgetvalue(p->out[i].r, p->out[i].row, 2);
	qsort(codes, (size_t)n, sizeof *codes, by_str);
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || strcmp(codes[k - 1], codes[i]) != 0)
			codes[k++] = codes[i];
	n = k;
	for (i = 0; i < n; i++)
		hub_array_text(&arr, codes[i]);
	v[0] = p->office;
	v[1] = hub_array_end(&arr);
	if (n > 0 && (v[1] == NULL ||
	    (held = hub_sql(p->c, "SELECT code FROM holder WHERE office = $1 AND code = ANY($2::text[]) "
	    "ORDER BY code COLLATE \"C\"", 2, v, &p->unavailable, &p->err)) == NULL ||
	    (rows = hub_sql(p->c, "SELECT code, office FROM dossier WHERE code = ANY($1::text[]) "
	    "ORDER BY code COLLATE \"C\"", 1, v + 1, &p->unavailable, &p->err)) == NULL))
		rc = MC_ESTORE;
	for (i = 0, k = 0; rc == MC_OK && i < n; i++) {
		int is_held = 0, j;

		for (j = 0; j < PQntuples(held); j++)
			if (strcmp(PQgetvalue(held, j, 0), codes[i]) == 0)
				is_held = 1;
		while (k < PQntuples(rows) && strcmp(PQgetvalue(rows, k, 0), codes[i]) < 0)
			k++;
		o = json_object();
		json_object_set_new(o, "dossier", json_string(codes[i]));
		json_object_set_new(o, "access", json_string(is_held ? "held" : "read"));
		json_object_set_new(o, "office", json_string(k < PQntuples(rows) &&
		    strcmp(PQgetvalue(rows, k, 0), codes[i]) == 0 ? PQgetvalue(rows, k, 1) : ""));
		line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(o);
		if (line != NULL) {
			text_buf_add(body, line);
			text_buf_add(body, "\n");
		}
		free(line);
		(*ndossiers)++;
	}
	PQclear(held);
	PQclear(rows);
	hub_array_free(&arr);
	free(codes);
	return rc;
}

static int
answer(struct pull *p)
{
	struct text_buf lines = { 0 };
	struct syncq_event ev;
	json_t *h = json_object(), *marks = json_object(), *o;
	char *text;
	int i, k, nd, ne = 0, rc;

	qsort(p->out, (size_t)p->nout, sizeof *p->out, by_out);
	for (i = 0, k = 0; i < p->nout; i++)	/* one copy of each event */
		if (k == 0 || by_out(&p->out[k - 1], &p->out[i]) != 0)
			p->out[k++] = p->out[i];
	p->nout = k;
	if ((rc = dossier_lines(p, &lines, &nd)) != MC_OK) {
		text_buf_free(&lines);
		json_decref(h);
		json_decref(marks);
		return rc;
	}
	for (i = 0; i < p->nout; i++) {
		PGresult *r = p->out[i].r;
		int row = p->out[i].row;

		ev = (struct syncq_event){ PQgetvalue(r, row, 0), atol(PQgetvalue(r, row, 1)),
		    PQgetvalue(r, row, 2), atoi(PQgetvalue(r, row, 3)), PQgetvalue(r, row, 4),
		    PQgetvalue(r, row, 5), PQgetvalue(r, row, 6), PQgetvalue(r, row, 7) };
		if ((o = wire_event_json(&ev, 1)) == NULL)
			continue;
		text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(o);
		if (text != NULL) {
			text_buf_add(&lines, text);
			text_buf_add(&lines, "\n");
			ne++;
		}
		free(text);
	}
	for (i = 0; i < p->nw; i++)
		json_object_set_new(marks, p->w[i].office, json_integer(p->w[i].mark));
	json_object_set_new(h, "format", json_integer(WIRE_FORMAT));
	json_object_set_new(h, "more", json_boolean(p->more));
	json_object_set_new(h, "marks", marks);
	json_object_set_new(h, "dossiers", json_integer(nd));
	json_object_set_new(h, "events", json_integer(ne));
	text = json_dumps(h, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(h);
	p->a->status = 200;
	p->a->type = "application/x-ndjson";
	if (text != NULL) {
		text_buf_add(&p->a->body, text);
		text_buf_add(&p->a->body, "\n");
	}
	free(text);
	if (lines.n > 0)
		text_buf_addn(&p->a->body, lines.s, lines.n);
	text_buf_free(&lines);
	snprintf(p->a->log, sizeof p->a->log, "%s: %d dossiers, %d events%s%s%s", p->office, nd, ne,
	    p->q.scope[0] != '\0' ? ", scope " : "", p->q.scope, p->more ? ", more" : "");
	return p->a->body.oom ? mc_fail(&p->err, MC_ENOMEM, NULL) : MC_OK;
}

void
hub_pull(struct hub_db *db, const char *token, const char *body, size_t n, struct hub_answer *a)
{
	struct pull p = { .a = a };
	struct wire_refusal refusal;
	int rc;

	if ((p.c = hub_db_get(db, 60)) == NULL) {
		hub_answer_error(a, 503, "unavailable", -1, "the database is not available; try again");
		return;
	}
	if ((rc = hub_token_office(p.c, token, p.office, &p.unavailable, &p.err)) == MC_EAUTH)
		hub_answer_error(a, 401, "auth", -1, "no valid token: ask the province for this office's token");
	else if (rc != MC_OK)
		failed(&p);
	else if (wire_pull_decode(body, n, &p.q, &refusal) != 0)
		hub_answer_error(a, refusal.status, refusal.word, -1, "%s", refusal.why);
	else if (hub_exec(p.c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL,
	    &p.unavailable, &p.err) != MC_OK)
		failed(&p);
	else if ((rc = load_holders(&p)) == MC_EDENIED)
		hub_answer_error(a, 403, "scope", -1, "the scope %s is not this office nor under it",
		    p.q.scope);
	else if (rc != MC_OK || load_windows(&p) != MC_OK || query_windows(&p) != MC_OK ||
	    walk(&p) != MC_OK || answer(&p) != MC_OK)
		failed(&p);
	if (PQtransactionStatus(p.c) != PQTRANS_IDLE)
		hub_rollback(p.c);
	hub_db_put(db, p.c, p.unavailable);
	PQclear(p.r1);
	PQclear(p.r2);
	PQclear(p.r3);
	free(p.out);
	free(p.w);
	hub_array_free(&p.holders);
	wire_pull_free(&p.q);
}

/* ---------------------------------------------------------------- hello, resources, health */

void
hub_hello(struct hub_db *db, const char *token, struct hub_answer *a)
{
	char office[WIRE_OFFICE_MAX + 1], now[32];
	const char *v[1] = { office };
	struct mc_error err;
	int unavailable = 0, rc;
	PGresult *r = NULL;
	PGconn *c = hub_db_get(db, 60);
	json_t *o;
	time_t t = time(NULL);
	struct tm tm;

	if (c == NULL) {
		hub_answer_error(a, 503, "unavailable", -1, "the database is not available; try again");
		return;
	}
	if ((rc = hub_token_office(c, token, office, &unavailable, &err)) == MC_EAUTH)
		hub_answer_error(a, 401, "auth", -1, "no valid token: ask the province for this office's token");
	else if (rc != MC_OK || (r = hub_sql(c, "SELECT code, name, coalesce(parent, ''), cursor "
	    "FROM office WHERE code = $1", 1, v, &unavailable, &err)) == NULL || PQntuples(r) != 1)
		hub_answer_error(a, unavailable ? 503 : 500, unavailable ? "unavailable" : "db", -1,
		    "the database failed to answer");
	else {
		gmtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		o = json_object();
		json_object_set_new(o, "format", json_integer(WIRE_FORMAT));
		json_object_set_new(o, "office", json_string(PQgetvalue(r, 0, 0)));
		json_object_set_new(o, "name", json_string(PQgetvalue(r, 0, 1)));
		json_object_set_new(o, "parent", json_string(PQgetvalue(r, 0, 2)));
		json_object_set_new(o, "cursor", json_integer(atol(PQgetvalue(r, 0, 3))));
		json_object_set_new(o, "formats", json_pack("[i]", WIRE_FORMAT));
		json_object_set_new(o, "time", json_string(now));
		hub_answer_json(a, 200, o);
		snprintf(a->log, sizeof a->log, "%s", office);
	}
	PQclear(r);
	hub_db_put(db, c, unavailable);
}

/* Does an If-None-Match header name etag ("*", one tag, or a list)? */
static int
matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	const char *p;

	if (inm == NULL)
		return 0;
	if (strcmp(inm, "*") == 0)
		return 1;
	for (p = strstr(inm, etag); p != NULL; p = strstr(p + 1, etag))
		if ((p == inm || p[-1] == ' ' || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
	return 0;
}

void
hub_resource(struct hub_db *db, const char *token, const char *name, const char *if_none_match,
    struct hub_answer *a)
{
	char office[WIRE_OFFICE_MAX + 1];
	const char *v[1] = { name };
	struct mc_error err;
	int unavailable = 0, rc, i;
	PGresult *r = NULL;
	PGconn *c = hub_db_get(db, 60);
	json_t *o;

	if (c == NULL) {
		hub_answer_error(a, 503, "unavailable", -1, "the database is not available; try again");
		return;
	}
	if ((rc = hub_token_office(c, token, office, &unavailable, &err)) == MC_EAUTH)
		hub_answer_error(a, 401, "auth", -1, "no valid token: ask the province for this office's token");
	else if (rc != MC_OK || (r = name == NULL ?
	    hub_sql(c, "SELECT name, etag FROM resource ORDER BY name", 0, NULL, &unavailable, &err) :
	    hub_sql(c, "SELECT etag, type, body FROM resource WHERE name = $1", 1, v, &unavailable, &err)) == NULL)
		hub_answer_error(a, unavailable ? 503 : 500, unavailable ? "unavailable" : "db", -1,
		    "the database failed to answer");
	else if (name == NULL) {
		o = json_object();
		for (i = 0; i < PQntuples(r); i++)
			json_object_set_new(o, PQgetvalue(r, i, 0), json_string(PQgetvalue(r, i, 1)));
		hub_answer_json(a, 200, json_pack("{s:i,s:o}", "format", WIRE_FORMAT, "resources", o));
		snprintf(a->log, sizeof a->log, "%s: the list", office);
	} else if (PQntuples(r) != 1)
		hub_answer_error(a, 404, "path", -1, "the province has published no %s", name);
	else {
		snprintf(a->etag, sizeof a->etag, "%s", PQgetvalue(r, 0, 0));
		if (matches(if_none_match, a->etag)) {
			a->status = 304;
			a->type = NULL;
		} else {
			a->status = 200;
			a->type = strcmp(PQgetvalue(r, 0, 1), "json") == 0 ? "application/json" :
			    "text/csv; charset=utf-8";
			text_buf_addn(&a->body, PQgetvalue(r, 0, 2), (size_t)PQgetlength(r, 0, 2));
		}
		snprintf(a->log, sizeof a->log, "%s: %s %s", office, name, a->etag);
	}
	PQclear(r);
	hub_db_put(db, c, unavailable);
}

void
hub_health(struct hub_db *db, struct hub_answer *a)
{
	int unavailable = 1;
	PGconn *c = hub_db_get(db, 5);

	if (c != NULL && hub_exec(c, "SELECT 1", 0, NULL, &unavailable, NULL) == MC_OK) {
		a->status = 200;
		a->type = "text/plain; charset=utf-8";
		text_buf_add(&a->body, "motcua-hub ok\n");
	} else
		hub_answer_error(a, 503, "unavailable", -1, "the database is not available");
	if (c != NULL)
		hub_db_put(db, c, unavailable);
}
