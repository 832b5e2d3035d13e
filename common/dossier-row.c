/* dossier-row.c -- reading and writing dossier rows and events, and the replay check.
 *
 * The only place that knows the columns of tables dossier and dossier_event.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "i18n.h"
#include "store.h"
#include "text.h"

#define ROW_COLUMNS DOSSIER_COLUMNS

void
dossier_from_row(sqlite3_stmt *s, struct dossier *d)
{
	memset(d, 0, sizeof *d);
	store_col_copy(s, 0, d->code, sizeof d->code);
	store_col_copy(s, 1, d->office, sizeof d->office);
	store_col_copy(s, 2, d->procedure, sizeof d->procedure);
	store_col_copy(s, 3, d->group_code, sizeof d->group_code);
	store_col_copy(s, 4, d->name, sizeof d->name);
	store_col_copy(s, 5, d->idno, sizeof d->idno);
	store_col_copy(s, 6, d->phone, sizeof d->phone);
	store_col_copy(s, 7, d->address, sizeof d->address);
	store_col_copy(s, 8, d->email, sizeof d->email);
	d->sms = sqlite3_column_int(s, 9);
	store_col_copy(s, 10, d->channel, sizeof d->channel);
	d->priority = sqlite3_column_int(s, 11);
	d->sets = sqlite3_column_int(s, 12);
	d->status = sqlite3_column_int(s, 13);
	d->received_at = store_col_minute(s, 14);
	d->due_at = store_col_minute(s, 15);
	d->finished_at = store_col_minute(s, 16);
	d->returned_at = store_col_minute(s, 17);
	d->paused_at = store_col_minute(s, 18);
	store_col_copy(s, 19, d->handler, sizeof d->handler);
	d->fee = (long)sqlite3_column_int64(s, 20);
	d->fee_paid = (long)sqlite3_column_int64(s, 21);
	d->supplements = sqlite3_column_int(s, 22);
	d->extensions = sqlite3_column_int(s, 23);
	d->transfers = sqlite3_column_int(s, 24);
	d->digitised = sqlite3_column_int(s, 25);
	d->rating = sqlite3_column_int(s, 26);
	d->backentered = sqlite3_column_int(s, 27);
	store_col_copy(s, 28, d->officer, sizeof d->officer);
	d->events = sqlite3_column_int(s, 29);
	store_col_copy(s, 30, d->last_event, sizeof d->last_event);
	d->updated_at = store_col_minute(s, 31);
}

int
dossier_get(struct store *st, const char *code, struct dossier *out, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "SELECT " ROW_COLUMNS " FROM dossier WHERE code = ?1",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		dossier_from_row(s, out);
		sqlite3_reset(s);
		return MC_OK;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return mc_fail(err, MC_ENOTFOUND, _("no dossier %s"), code);
	return store_error(st, rc, err);
}

/* s folded and framed by spaces (" a " matches a whole short word, search.c). */
static char *
framed_fold(const char *s)
{
	char *folded, *framed;
	size_t n;

	if ((folded = text_fold(s)) == NULL)
		return NULL;
	n = strlen(folded);
	if ((framed = malloc(n + 3)) != NULL) {
		framed[0] = ' ';
		memcpy(framed + 1, folded, n);
		framed[n + 1] = ' ';
		framed[n + 2] = '\0';
	}
	free(folded);
	return framed;
}

char *
dossier_search_text(const struct dossier *d)
{
	char buf[sizeof d->code + sizeof d->name + sizeof d->phone + sizeof d->idno + 8];

	snprintf(buf, sizeof buf, "%s %s %s %s", d->code, d->name, d->phone, d->idno);
	return framed_fold(buf);
}

char *
dossier_search_address(const struct dossier *d)
{
	return framed_fold(d->address);
}

char *
dossier_name_key(const struct dossier *d)
{
	return text_fold(d->name);
}

int
dossier_write(struct store *st, const struct dossier *d, struct mc_error *err)
{
	sqlite3_stmt *s;
	char *search, *address, *key;
	int rc;

	if ((rc = store_prepare(st,
	    "INSERT INTO dossier(" ROW_COLUMNS ", search, search_address, name_key) VALUES (?1, "
	    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
	    "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35) "
	    "ON CONFLICT(code) DO UPDATE SET "
	    "office = ?2, procedure = ?3, group_code = ?4, name = ?5, idno = ?6, phone = ?7, "
	    "address = ?8, email = ?9, sms = ?10, channel = ?11, priority = ?12, sets = ?13, "
	    "status = ?14, received_at = ?15, due_at = ?16, finished_at = ?17, returned_at = ?18, "
	    "paused_at = ?19, handler = ?20, fee = ?21, fee_paid = ?22, supplements = ?23, "
	    "extensions = ?24, transfers = ?25, digitised = ?26, rating = ?27, backentered = ?28, "
	    "officer = ?29, events = ?30, last_event = ?31, updated_at = ?32, search = ?33, "
	    "search_address = ?34, name_key = ?35", &s, err)) != MC_OK)
		return rc;
	search = dossier_search_text(d);
	address = dossier_search_address(d);
	key = dossier_name_key(d);
	if (search == NULL || address == NULL || key == NULL) {
		free(search);
		free(address);
		free(key);
		return mc_fail(err, MC_EUTF8, NULL);
	}
	sqlite3_bind_text(s, 1, d->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, d->office, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, d->procedure, -1, SQLITE_STATIC);
	store_bind_text(s, 4, d->group_code[0] != '\0' ? d->group_code : NULL);
	sqlite3_bind_text(s, 5, d->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, d->idno, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, d->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, d->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, d->email, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 10, d->sms);
	sqlite3_bind_text(s, 11, d->channel, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 12, d->priority);
	sqlite3_bind_int(s, 13, d->sets);
	sqlite3_bind_int(s, 14, d->status);
	store_bind_minute(s, 15, d->received_at);
	store_bind_minute(s, 16, d->due_at);
	store_bind_minute(s, 17, d->finished_at);
	store_bind_minute(s, 18, d->returned_at);
	store_bind_minute(s, 19, d->paused_at);
	sqlite3_bind_text(s, 20, d->handler, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 21, d->fee);
	sqlite3_bind_int64(s, 22, d->fee_paid);
	sqlite3_bind_int(s, 23, d->supplements);
	sqlite3_bind_int(s, 24, d->extensions);
	sqlite3_bind_int(s, 25, d->transfers);
	sqlite3_bind_int(s, 26, d->digitised);
	if (d->rating > 0)
		sqlite3_bind_int(s, 27, d->rating);
	sqlite3_bind_int(s, 28, d->backentered);
	sqlite3_bind_text(s, 29, d->officer, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 30, d->events);
	sqlite3_bind_text(s, 31, d->last_event, -1, SQLITE_STATIC);
	store_bind_minute(s, 32, d->updated_at);
	sqlite3_bind_text(s, 33, search, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 34, address, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 35, key, -1, SQLITE_STATIC);
	rc = store_step_done(st, s, err);
	sqlite3_clear_bindings(s);
	free(search);
	free(address);
	free(key);
	return rc;
}

int
dossier_store_event(struct store *st, struct dossier_event *ev, struct mc_error *err)
{
	const char *office = store_office(st);
	sqlite3_stmt *s;
	char at[MC_TIME_BUF], now[MC_TIME_BUF], *payload;
	long seq;
	int rc;

	if ((rc = store_prepare(st, "UPDATE office SET next_event = next_event + 1 WHERE code = ?1 "
	    "RETURNING next_event - 1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, office, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	seq = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? mc_fail(err, MC_ENOSTORE, NULL) : store_error(st, rc, err);
	snprintf(ev->id, sizeof ev->id, "%s:%ld", office, seq);
	/* Its place in the dossier: after every event of it held here. */
	if ((rc = store_prepare(st, "SELECT coalesce(max(pos), 0) + 1 FROM dossier_event "
	    "WHERE code = ?1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, ev->code, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	ev->pos = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	if ((rc = store_reset(st, s, rc, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, "INSERT INTO dossier_event(id, office, office_seq, code, kind, "
	    "at, actor, recorded, payload, pos) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	    &s, err)) != MC_OK)
		return rc;
	if ((payload = json_dumps(ev->payload, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	mc_time_format(ev->at, at);
	mc_time_format(mc_now(), now);
	sqlite3_bind_text(s, 1, ev->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, office, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, seq);
	sqlite3_bind_text(s, 4, ev->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, event_kind_name(ev->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, ev->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, payload, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 10, ev->pos);
	rc = store_step_done(st, s, err);
	sqlite3_clear_bindings(s);
	free(payload);
	ev->seq = (long)sqlite3_last_insert_rowid(store_db(st));
	return rc;
}

/* Fill ev from a row of (seq, id, code, kind, at, actor, payload, pos); 0 or -1. */
static int
read_event(sqlite3_stmt *s, struct dossier_event *ev)
{
	const char *kind = (const char *)sqlite3_column_text(s, 3);
	const char *payload = (const char *)sqlite3_column_text(s, 6);
	int k = kind != NULL ? event_kind_parse(kind) : -1;

	memset(ev, 0, sizeof *ev);
	ev->seq = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, ev->id, sizeof ev->id);
	store_col_copy(s, 2, ev->code, sizeof ev->code);
	ev->kind = k < 0 ? EV_COUNT : (enum event_kind)k;
	ev->at = store_col_minute(s, 4);
	store_col_copy(s, 5, ev->actor, sizeof ev->actor);
	ev->pos = sqlite3_column_int(s, 7);
	ev->payload = payload != NULL ? json_loads(payload, 0, NULL) : NULL;
	if (ev->payload == NULL)
		ev->payload = json_object();
	return k < 0 || ev->at == MC_TIME_NONE ? -1 : 0;
}

int
dossier_each_event(struct store *st, const char *code,
    int (*fn)(const struct dossier_event *ev, void *ctx), void *ctx, struct mc_error *err)
{
	sqlite3_stmt *s;
	struct dossier_event ev;
	int rc, stop = 0;

	if ((rc = store_prepare(st, "SELECT seq, id, code, kind, at, actor, payload, pos "
	    "FROM dossier_event WHERE code = ?1 ORDER BY pos, office, office_seq",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_event(s, &ev);
		stop = fn(&ev, ctx);
		json_decref(ev.payload);
	}
	return store_reset(st, s, rc, err);
}

struct refold {
	struct dossier d;
	int any;
};

static int
refold_one(const struct dossier_event *ev, void *ctx)
{
	struct refold *r = ctx;

	r->any = 1;
	if (ev->at != MC_TIME_NONE && ev->kind < EV_COUNT)
		lifecycle_fold(&r->d, ev, NULL);	/* a refused event is passed over */
	return 0;
}

int
dossier_refold(struct store *st, const char *code, struct mc_error *err)
{
	struct refold *r = calloc(1, sizeof *r);
	int rc;

	if (r == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	rc = dossier_each_event(st, code, refold_one, r, err);
	if (rc == MC_OK && !r->any)
		rc = mc_fail(err, MC_ENOTFOUND, _("no dossier %s"), code);
	if (rc == MC_OK && r->d.code[0] == '\0')	/* no event could be applied */
		snprintf(r->d.code, sizeof r->d.code, "%s", code);
	if (rc == MC_OK)
		rc = dossier_write(st, &r->d, err);
	free(r);
	return rc;
}
