/* replay.c -- dossier_check: replay every dossier's events and compare with its row.
 *
 * One pass over dossier_event in (code, pos, office, office_seq) order (its index),
 * folding each dossier's events with lifecycle_fold and comparing the result with the stored row, field by
 * field, search text included.  Rows without events are differences too.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "i18n.h"
#include "store.h"

struct check {
	struct store *st;
	void (*fn)(const char *code, const char *what, void *ctx);
	void *ctx;
	long checked, bad;
};

static void
differ(struct check *c, const char *code, const char *what)
{
	c->bad++;
	if (c->fn != NULL)
		c->fn(code, what, c->ctx);
}

#define CMP_STR(f) if (strcmp(a->f, b->f) != 0) return #f
#define CMP_NUM(f) if (a->f != b->f) return #f

/* The first field where a and b differ, or NULL. */
static const char *
row_diff(const struct dossier *a, const struct dossier *b)
{
	CMP_STR(code); CMP_STR(office); CMP_STR(procedure); CMP_STR(group_code);
	CMP_STR(name); CMP_STR(idno); CMP_STR(phone); CMP_STR(address); CMP_STR(email);
	CMP_NUM(sms); CMP_STR(channel); CMP_NUM(priority); CMP_NUM(sets); CMP_NUM(status);
	CMP_NUM(received_at); CMP_NUM(due_at); CMP_NUM(finished_at); CMP_NUM(returned_at);
	CMP_NUM(paused_at); CMP_STR(handler); CMP_NUM(fee); CMP_NUM(fee_paid);
	CMP_NUM(supplements); CMP_NUM(extensions); CMP_NUM(transfers); CMP_NUM(digitised);
	CMP_NUM(rating); CMP_NUM(backentered); CMP_STR(officer); CMP_NUM(events);
	CMP_STR(last_event); CMP_NUM(updated_at);
	return NULL;
}

/* Compare the replayed row with the stored one. */
static void
compare(struct check *c, const struct dossier *replayed, int broken)
{
	struct dossier stored;
	struct mc_error err;
	sqlite3_stmt *s;
	char what[160], *search, *address, *key;
	const char *field;
	int same_search = 0;

	c->checked++;
	if (broken) {
		differ(c, replayed->code, _("its events cannot be replayed"));
		return;
	}
	if (dossier_get(c->st, replayed->code, &stored, &err) != MC_OK) {
		differ(c, replayed->code, _("it has events but no row"));
		return;
	}
	if ((field = row_diff(replayed, &stored)) != NULL) {
		snprintf(what, sizeof what, _("field %s differs from its events"), field);
		differ(c, replayed->code, what);
		return;
	}
	search = dossier_search_text(replayed);
	address = dossier_search_address(replayed);
	key = dossier_name_key(replayed);
	if (search != NULL && address != NULL && key != NULL && store_prepare(c->st,
	    "SELECT search, search_address, name_key FROM dossier WHERE code = ?1", &s, NULL) == MC_OK) {
		sqlite3_bind_text(s, 1, replayed->code, -1, SQLITE_STATIC);
		same_search = sqlite3_step(s) == SQLITE_ROW &&
		    strcmp(store_col_text(s, 0), search) == 0 &&
		    strcmp(store_col_text(s, 1), address) == 0 &&
		    strcmp(store_col_text(s, 2), key) == 0;
		sqlite3_reset(s);
	}
	free(search);
	free(address);
	free(key);
	if (!same_search)
		differ(c, replayed->code, _("its search text differs from its events"));
}

static int
replay_all(struct check *c, struct mc_error *err)
{
	sqlite3_stmt *s;
	struct dossier d;
	struct dossier_event ev;
	char code[CODE_MAX] = "";
	int rc, broken = 0, k;

	if ((rc = store_prepare(c->st, "SELECT code, kind, at, actor, payload, id "
	    "FROM dossier_event ORDER BY code, pos, office, office_seq", &s, err)) != MC_OK)
		return rc;
	memset(&d, 0, sizeof d);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *evcode = store_col_text(s, 0);

		if (strcmp(evcode, code) != 0) {
			if (code[0] != '\0')
				compare(c, &d, broken);
			snprintf(code, sizeof code, "%s", evcode);
			memset(&d, 0, sizeof d);
			broken = 0;
		}
		memset(&ev, 0, sizeof ev);
		store_col_copy(s, 0, ev.code, sizeof ev.code);
		k = event_kind_parse(store_col_text(s, 1));
		ev.kind = k < 0 ? EV_COUNT : (enum event_kind)k;
		ev.at = store_col_minute(s, 2);
		store_col_copy(s, 3, ev.actor, sizeof ev.actor);
		store_col_copy(s, 5, ev.id, sizeof ev.id);
		ev.payload = json_loads(store_col_text(s, 4), 0, NULL);
		if (ev.payload == NULL || ev.at == MC_TIME_NONE || ev.kind == EV_COUNT)
			broken = 1;
		else	/* an event refused at its place is passed over, as when stored */
			lifecycle_fold(&d, &ev, NULL);
		json_decref(ev.payload);
	}
	if (code[0] != '\0')
		compare(c, &d, broken);
	return store_reset(c->st, s, rc, err);
}

static int
orphans(struct check *c, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(c->st, "SELECT code FROM dossier d WHERE NOT EXISTS "
	    "(SELECT 1 FROM dossier_event e WHERE e.code = d.code)", &s, err)) != MC_OK)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->checked++;
		differ(c, store_col_text(s, 0), _("it has a row but no events"));
	}
	return store_reset(c->st, s, rc, err);
}

int
dossier_check(struct store *st, void (*fn)(const char *code, const char *what, void *ctx),
    void *ctx, long *nchecked, long *nbad, struct mc_error *err)
{
	struct check c = { .st = st, .fn = fn, .ctx = ctx };
	int rc;

	/* One read transaction: a consistent snapshot while others write. */
	if ((rc = store_exec(st, "BEGIN", err)) != MC_OK)
		return rc;
	if ((rc = replay_all(&c, err)) == MC_OK)
		rc = orphans(&c, err);
	store_exec(st, "COMMIT", NULL);
	*nchecked = c.checked;
	*nbad = c.bad;
	return rc;
}
