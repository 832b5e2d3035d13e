/* hub-fold.c -- the province's dossier rows: each folded from its events by
 * lifecycle_fold() of common/lifecycle.c, in the order every office uses (pos, office
 * code byte by byte, sequence), so a dossier reads the same on the hub and on every
 * office that holds it; and the check that replays them all.
 *
 * A row keeps what reports need as columns (no personal data: the applicant's name,
 * ID, phone and address stay in the events) and a digest of every field of the folded
 * row (wire_dossier_digest), which `motcua-sync --dossiers` prints on an office too.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub.h"
#include "i18n.h"

#define NCOLS 22

struct hub_rows {
	struct hub_array col[NCOLS];
	int n;
};

void
hub_fold(const struct hub_fold_event *ev, int n, struct dossier *d)
{
	struct dossier_event e;
	int i, k;

	memset(d, 0, sizeof *d);
	for (i = 0; i < n; i++) {
		memset(&e, 0, sizeof e);
		snprintf(e.id, sizeof e.id, "%s:%ld", ev[i].office, ev[i].seq);
		snprintf(e.code, sizeof e.code, "%s", ev[i].code);
		snprintf(e.actor, sizeof e.actor, "%s", ev[i].actor);
		e.pos = ev[i].pos;
		k = event_kind_parse(ev[i].kind);
		e.payload = ev[i].data != NULL ? json_incref(ev[i].data) : json_loads(ev[i].payload, 0, NULL);
		if (k < 0 || mc_time_parse(ev[i].at, &e.at) != 0 || e.payload == NULL) {
			json_decref(e.payload);
			continue;	/* cannot happen: checked when received */
		}
		e.kind = (enum event_kind)k;
		lifecycle_fold(d, &e, NULL);	/* refused at its place: passed over */
		json_decref(e.payload);
	}
	if (d->code[0] == '\0' && n > 0)	/* nothing could be applied */
		snprintf(d->code, sizeof d->code, "%s", ev[0].code);
}

struct hub_rows *
hub_rows_new(void)
{
	return calloc(1, sizeof(struct hub_rows));
}

void
hub_rows_free(struct hub_rows *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < NCOLS; i++)
		hub_array_free(&r->col[i]);
	free(r);
}

static void
add_time(struct hub_array *a, mc_minute t)
{
	char buf[MC_TIME_BUF];

	if (t == MC_TIME_NONE) {
		hub_array_text(a, NULL);
		return;
	}
	mc_time_format(t, buf);
	hub_array_text(a, buf);
}

static void
add_row(struct hub_rows *r, const struct dossier *d)
{
	char digest[WIRE_HASH_HEX];
	struct hub_array *c = r->col;

	wire_dossier_digest(d, digest);
	hub_array_text(&c[0], d->code);
	hub_array_text(&c[1], d->office);
	hub_array_text(&c[2], d->procedure);
	hub_array_text(&c[3], d->handler);
	hub_array_long(&c[4], d->status);
	hub_array_text(&c[5], d->channel);
	add_time(&c[6], d->received_at);
	add_time(&c[7], d->due_at);
	add_time(&c[8], d->finished_at);
	add_time(&c[9], d->returned_at);
	add_time(&c[10], d->paused_at);
	hub_array_long(&c[11], d->fee);
	hub_array_long(&c[12], d->fee_paid);
	hub_array_long(&c[13], d->supplements);
	hub_array_long(&c[14], d->extensions);
	hub_array_long(&c[15], d->transfers);
	hub_array_long(&c[16], d->digitised);
	if (d->rating > 0)
		hub_array_long(&c[17], d->rating);
	else
		hub_array_text(&c[17], NULL);
	hub_array_long(&c[18], d->events);
	hub_array_text(&c[19], d->last_event);
	add_time(&c[20], d->updated_at);
	hub_array_text(&c[21], digest);
	r->n++;
}

void
hub_rows_add(struct hub_rows *r, const struct hub_fold_event *ev, int n)
{
	struct dossier *d = malloc(sizeof *d);
	int i, start = 0;

	if (d == NULL)
		return;
	for (i = 1; i <= n; i++) {
		if (i < n && strcmp(ev[i].code, ev[start].code) == 0)
			continue;
		hub_fold(ev + start, i - start, d);
		add_row(r, d);
		start = i;
	}
	free(d);
}

int
hub_rows_write(PGconn *c, struct hub_rows *r, int *unavailable, struct mc_error *err)
{
	const char *v[NCOLS];
	int i;

	if (r->n == 0)
		return MC_OK;
	for (i = 0; i < NCOLS; i++)
		if ((v[i] = hub_array_end(&r->col[i])) == NULL)
			return mc_fail(err, MC_ENOMEM, NULL);
	return hub_exec(c, "INSERT INTO dossier (code, office, procedure, handler, status, channel, "
	    "received_at, due_at, finished_at, returned_at, paused_at, fee, fee_paid, supplements, "
	    "extensions, transfers, digitised, rating, events, last_event, updated_at, digest) "
	    "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[], "
	    "$6::text[], $7::timestamp[], $8::timestamp[], $9::timestamp[], $10::timestamp[], "
	    "$11::timestamp[], $12::bigint[], $13::bigint[], $14::int[], $15::int[], $16::int[], "
	    "$17::int[], $18::int[], $19::int[], $20::text[], $21::timestamp[], $22::text[]) "
	    "ON CONFLICT (code) DO UPDATE SET office = excluded.office, procedure = excluded.procedure, "
	    "handler = excluded.handler, status = excluded.status, channel = excluded.channel, "
	    "received_at = excluded.received_at, due_at = excluded.due_at, "
	    "finished_at = excluded.finished_at, returned_at = excluded.returned_at, "
	    "paused_at = excluded.paused_at, fee = excluded.fee, fee_paid = excluded.fee_paid, "
	    "supplements = excluded.supplements, extensions = excluded.extensions, "
	    "transfers = excluded.transfers, digitised = excluded.digitised, rating = excluded.rating, "
	    "events = excluded.events, last_event = excluded.last_event, "
	    "updated_at = excluded.updated_at, digest = excluded.digest, changed = now()",
	    NCOLS, v, unavailable, err);
}

/* ---------------------------------------------------------------- the check */

struct check {
	PGconn *c;
	void (*fn)(const char *code, const char *what, void *ctx);
	void *ctx;
	long checked, bad;
};

static void
differ(struct check *k, const char *code, const char *what)
{
	k->bad++;
	if (k->fn != NULL)
		k->fn(code, what, k->ctx);
}

/* The events of one dossier as the replay reads them: copies, owned. */
struct group {
	struct hub_fold_event *ev;
	char **strings;		/* one block per event */
	int n, cap;
	char digest[WIRE_HASH_HEX + 8];	/* the stored row's digest; "" when none */
};

static void
group_clear(struct group *g)
{
	int i;

	for (i = 0; i < g->n; i++)
		free(g->strings[i]);
	g->n = 0;
}

/* Add row i of r (office, seq, code, pos, kind, at, actor, payload, digest). */
static int
group_add(struct group *g, PGresult *r, int i)
{
	static const int text_cols[6] = { 0, 2, 4, 5, 6, 7 };
	const char **dst[6];
	size_t total = 0, len;
	char *p;
	int k;

	if (g->n == g->cap) {
		int cap = g->cap > 0 ? g->cap * 2 : 16;
		void *e = realloc(g->ev, (size_t)cap * sizeof *g->ev);

		if (e == NULL)
			return -1;
		g->ev = e;
		if ((e = realloc(g->strings, (size_t)cap * sizeof *g->strings)) == NULL)
			return -1;
		g->strings = e;
		g->cap = cap;
	}
	for (k = 0; k < 6; k++)
		total += (size_t)PQgetlength(r, i, text_cols[k]) + 1;
	if ((p = g->strings[g->n] = malloc(total)) == NULL)
		return -1;
	dst[0] = &g->ev[g->n].office;
	dst[1] = &g->ev[g->n].code;
	dst[2] = &g->ev[g->n].kind;
	dst[3] = &g->ev[g->n].at;
	dst[4] = &g->ev[g->n].actor;
	dst[5] = &g->ev[g->n].payload;
	for (k = 0; k < 6; k++) {
		len = (size_t)PQgetlength(r, i, text_cols[k]) + 1;
		memcpy(p, PQgetvalue(r, i, text_cols[k]), len);
		*dst[k] = p;
		p += len;
	}
	g->ev[g->n].data = NULL;	/* read from its text when folded */
	g->ev[g->n].seq = atol(PQgetvalue(r, i, 1));
	g->ev[g->n].pos = atoi(PQgetvalue(r, i, 3));
	snprintf(g->digest, sizeof g->digest, "%s", PQgetisnull(r, i, 8) ? "" : PQgetvalue(r, i, 8));
	g->n++;
	return 0;
}

/* Fold the group and compare it with its row. */
static void
compare(struct check *k, struct group *g, struct dossier *d)
{
	char digest[WIRE_HASH_HEX];

	if (g->n == 0)
		return;
	hub_fold(g->ev, g->n, d);
	wire_dossier_digest(d, digest);
	k->checked++;
	if (g->digest[0] == '\0')
		differ(k, g->ev[0].code, _("it has events but no row"));
	else if (strcmp(g->digest, digest) != 0)
		differ(k, g->ev[0].code, _("its row differs from its events"));
	group_clear(g);
}

/* Read the cursor's rows in chunks; fold and compare each dossier once whole. */
static int
replay_all(struct check *k, struct mc_error *err)
{
	struct group g = { 0 };
	struct dossier *d = malloc(sizeof *d);
	PGresult *r;
	int i, n, rc = MC_OK;

	if (d == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	do {
		if ((r = hub_sql(k->c, "FETCH 5000 FROM replay", 0, NULL, NULL, err)) == NULL) {
			rc = MC_ESTORE;
			break;
		}
		n = PQntuples(r);
		for (i = 0; i < n && rc == MC_OK; i++) {
			if (g.n > 0 && strcmp(g.ev[0].code, PQgetvalue(r, i, 2)) != 0)
				compare(k, &g, d);
			if (group_add(&g, r, i) != 0)
				rc = mc_fail(err, MC_ENOMEM, NULL);
		}
		PQclear(r);
	} while (n > 0 && rc == MC_OK);
	if (rc == MC_OK)
		compare(k, &g, d);
	group_clear(&g);
	free(g.ev);
	free(g.strings);
	free(d);
	return rc;
}

int
hub_check(PGconn *c, void (*fn)(const char *code, const char *what, void *ctx), void *ctx,
    long *nchecked, long *nbad, struct mc_error *err)
{
	struct check k = { .c = c, .fn = fn, .ctx = ctx };
	PGresult *r;
	int i, rc;

	*nchecked = *nbad = 0;
	if ((rc = hub_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL, err)) != MC_OK ||
	    (rc = hub_exec(c, "DECLARE replay NO SCROLL CURSOR FOR SELECT e.office, e.seq, e.code, "
	    "e.pos, e.kind, e.at, e.actor, e.payload, d.digest FROM event e LEFT JOIN dossier d "
	    "ON d.code = e.code ORDER BY e.code COLLATE \"C\", e.pos, e.office COLLATE \"C\", e.seq",
	    0, NULL, NULL, err)) != MC_OK)
		goto out;
	if ((rc = replay_all(&k, err)) != MC_OK)
		goto out;
	r = hub_sql(c, "SELECT code FROM dossier d WHERE NOT EXISTS "
	    "(SELECT 1 FROM event e WHERE e.code = d.code)", 0, NULL, NULL, err);
	if (r == NULL) {
		rc = MC_ESTORE;
		goto out;
	}
	for (i = 0; i < PQntuples(r); i++) {
		k.checked++;
		differ(&k, PQgetvalue(r, i, 0), _("it has a row but no events"));
	}
	PQclear(r);
out:
	hub_rollback(c);
	*nchecked = k.checked;
	*nbad = k.bad;
	return rc;
}
