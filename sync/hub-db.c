/* hub-db.c -- motcua-hub's PostgreSQL: the schema, a pool of connections shared by the
 * request threads, statements with parameters, array literals for unnest(), tokens.
 *
 * The schema is created on start (CREATE ... IF NOT EXISTS under an advisory lock, so
 * two hubs starting at once do not trip over each other) and its version recorded in
 * hub_meta; a database of a newer hub is refused.  Every connection runs with
 * synchronous_commit on: a push is answered only once its transaction is on disk.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "hub.h"
#include "i18n.h"

#define SCHEMA_VERSION	1
#define SCHEMA_LOCK	"4d435548"	/* "MCUH": pg_advisory_xact_lock's key */

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS hub_meta (\n"
	"	key   text PRIMARY KEY,\n"
	"	value text NOT NULL);\n"
	/* The office tree, each office's token (SHA-256; NULL: revoked) and cursor. */
	"CREATE TABLE IF NOT EXISTS office (\n"
	"	code       text PRIMARY KEY,\n"
	"	name       text NOT NULL,\n"
	"	parent     text REFERENCES office(code),\n"
	"	token_hash bytea UNIQUE,\n"
	"	cursor     bigint NOT NULL DEFAULT 0,\n"
	"	events     bigint NOT NULL DEFAULT 0,\n"
	"	last_push  timestamptz,\n"
	"	created    timestamptz NOT NULL DEFAULT now());\n"
	"CREATE INDEX IF NOT EXISTS office_parent ON office(parent);\n"
	/* Every event once, as its office sent it; received: the hub's clock. */
	"CREATE TABLE IF NOT EXISTS event (\n"
	"	office   text NOT NULL REFERENCES office(code),\n"
	"	seq      bigint NOT NULL,\n"
	"	code     text NOT NULL,\n"
	"	pos      integer NOT NULL,\n"
	"	kind     text NOT NULL,\n"
	"	at       text NOT NULL,\n"
	"	actor    text NOT NULL,\n"
	"	payload  text NOT NULL,\n"
	"	hash     bytea NOT NULL,\n"
	"	format   smallint NOT NULL,\n"
	"	received timestamptz NOT NULL DEFAULT now(),\n"
	"	PRIMARY KEY (office, seq));\n"
	"CREATE INDEX IF NOT EXISTS event_code ON event(code);\n"
	/* Events refused for good: they keep their number, so the cursor passes them. */
	"CREATE TABLE IF NOT EXISTS refused (\n"
	"	office   text NOT NULL REFERENCES office(code),\n"
	"	seq      bigint NOT NULL,\n"
	"	hash     bytea NOT NULL,\n"
	"	reason   text NOT NULL,\n"
	"	received timestamptz NOT NULL DEFAULT now(),\n"
	"	PRIMARY KEY (office, seq));\n"
	/* Known ids sent with other content: for the province to look into. */
	"CREATE TABLE IF NOT EXISTS conflict (\n"
	"	office   text NOT NULL,\n"
	"	seq      bigint NOT NULL,\n"
	"	hash     bytea NOT NULL,\n"
	"	received timestamptz NOT NULL DEFAULT now(),\n"
	"	PRIMARY KEY (office, seq, hash));\n"
	/* Who holds a dossier: its receiving office and every office it was handed to. */
	"CREATE TABLE IF NOT EXISTS holder (\n"
	"	code       text NOT NULL,\n"
	"	office     text NOT NULL REFERENCES office(code),\n"
	"	via_office text NOT NULL,\n"
	"	via_seq    bigint NOT NULL,\n"
	"	PRIMARY KEY (code, office));\n"
	"CREATE INDEX IF NOT EXISTS holder_office ON holder(office);\n"
	"CREATE INDEX IF NOT EXISTS holder_via ON holder(via_office, via_seq);\n"
	/* Dossier rows folded by common/lifecycle.c; digest: every field (wire.c). */
	"CREATE TABLE IF NOT EXISTS dossier (\n"
	"	code        text PRIMARY KEY,\n"
	"	office      text NOT NULL,\n"
	"	procedure   text NOT NULL,\n"
	"	handler     text NOT NULL,\n"
	"	status      smallint NOT NULL,\n"
	"	channel     text NOT NULL,\n"
	"	received_at timestamp,\n"
	"	due_at      timestamp,\n"
	"	finished_at timestamp,\n"
	"	returned_at timestamp,\n"
	"	paused_at   timestamp,\n"
	"	fee         bigint NOT NULL,\n"
	"	fee_paid    bigint NOT NULL,\n"
	"	supplements integer NOT NULL,\n"
	"	extensions  integer NOT NULL,\n"
	"	transfers   integer NOT NULL,\n"
	"	digitised   integer NOT NULL,\n"
	"	rating      integer,\n"
	"	events      integer NOT NULL,\n"
	"	last_event  text NOT NULL,\n"
	"	updated_at  timestamp,\n"
	"	digest      text NOT NULL,\n"
	"	changed     timestamptz NOT NULL DEFAULT now());\n"
	"CREATE INDEX IF NOT EXISTS dossier_office ON dossier(office, received_at);\n"
	"CREATE INDEX IF NOT EXISTS dossier_changed ON dossier(changed);\n"
	/* What the province publishes. */
	"CREATE TABLE IF NOT EXISTS resource (\n"
	"	name      text PRIMARY KEY,\n"
	"	version   integer NOT NULL,\n"
	"	sha       text NOT NULL,\n"
	"	etag      text NOT NULL,\n"
	"	type      text NOT NULL,\n"
	"	body      text NOT NULL,\n"
	"	published timestamptz NOT NULL DEFAULT now());\n";

struct hub_db {
	char *conninfo;
	int pool;			/* connections at most */
	int open;			/* connections made and not closed */
	PGconn **idle;			/* pool entries free for a request */
	int nidle;
	pthread_mutex_t lock;
	pthread_cond_t freed;
};

/* ---------------------------------------------------------------- statements */

static int
sqlstate_unavailable(const char *state)
{
	return state != NULL && (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0 ||
	    strncmp(state, "53", 2) == 0 || strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0);
}

PGresult *
hub_sql(PGconn *c, const char *sql, int n, const char *const *values, int *unavailable,
    struct mc_error *err)
{
	PGresult *r = PQexecParams(c, sql, n, NULL, values, NULL, NULL, 0);
	ExecStatusType s = PQresultStatus(r);
	const char *msg;

	if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK)
		return r;
	if (unavailable != NULL)
		*unavailable = PQstatus(c) != CONNECTION_OK ||
		    sqlstate_unavailable(PQresultErrorField(r, PG_DIAG_SQLSTATE));
	msg = r != NULL ? PQresultErrorMessage(r) : PQerrorMessage(c);
	mc_fail(err, MC_ESTORE, "PostgreSQL: %.*s", (int)strcspn(msg, "\n"), msg);
	PQclear(r);
	return NULL;
}

int
hub_exec(PGconn *c, const char *sql, int n, const char *const *values, int *unavailable,
    struct mc_error *err)
{
	PGresult *r = hub_sql(c, sql, n, values, unavailable, err);

	if (r == NULL)
		return MC_ESTORE;
	PQclear(r);
	return MC_OK;
}

void
hub_rollback(PGconn *c)
{
	PQclear(PQexec(c, "ROLLBACK"));
}

/* ---------------------------------------------------------------- array literals */

void
hub_array_text(struct hub_array *a, const char *s)
{
	const char *p;

	text_buf_add(&a->b, a->n++ == 0 ? "{" : ",");
	if (s == NULL) {
		text_buf_add(&a->b, "NULL");
		return;
	}
	text_buf_add(&a->b, "\"");
	for (p = s; *p != '\0'; p++) {
		size_t run = strcspn(p, "\"\\");

		text_buf_addn(&a->b, p, run);
		p += run;
		if (*p == '\0')
			break;
		text_buf_addn(&a->b, "\\", 1);
		text_buf_addn(&a->b, p, 1);
	}
	text_buf_add(&a->b, "\"");
}

void
hub_array_long(struct hub_array *a, long v)
{
	char num[32];

	snprintf(num, sizeof num, "%s%ld", a->n++ == 0 ? "{" : ",", v);
	text_buf_add(&a->b, num);
}

const char *
hub_array_end(struct hub_array *a)
{
	text_buf_add(&a->b, a->n == 0 ? "{}" : "}");
	return a->b.oom ? NULL : a->b.s;
}

void
hub_array_free(struct hub_array *a)
{
	text_buf_free(&a->b);
	a->n = 0;
}

/* ---------------------------------------------------------------- tokens */

int
hub_token_new(char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[32];
	size_t got = 0;
	ssize_t k;
	int i;

	while (got < sizeof r) {
		k = getrandom(r + got, sizeof r - got, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[r[i] >> 4];
		out[2 * i + 1] = hex[r[i] & 15];
	}
	out[64] = '\0';
	explicit_bzero(r, sizeof r);
	return 0;
}

int
hub_token_office(PGconn *c, const char *token, char *office, int *unavailable,
    struct mc_error *err)
{
	const char *v[1] = { token };
	PGresult *r;
	int found;

	if (token == NULL || strlen(token) != 64 || strspn(token, "0123456789abcdef") != 64)
		return mc_fail(err, MC_EAUTH, "no valid token");
	r = hub_sql(c, "SELECT code FROM office WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
	    1, v, unavailable, err);
	if (r == NULL)
		return MC_ESTORE;
	found = PQntuples(r) == 1;
	if (found)
		snprintf(office, WIRE_OFFICE_MAX + 1, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return found ? MC_OK : mc_fail(err, MC_EAUTH, "unknown or revoked token");
}

/* ---------------------------------------------------------------- the pool */

static PGconn *
connect_one(const char *conninfo, struct mc_error *err)
{
	PGconn *c = PQconnectdb(conninfo);
	const char *msg;

	if (PQstatus(c) != CONNECTION_OK) {
		msg = PQerrorMessage(c);
		mc_fail(err, MC_EIO, _("cannot connect to PostgreSQL: %.*s"), (int)strcspn(msg, "\n"), msg);
		PQfinish(c);
		return NULL;
	}
	PQclear(PQexec(c, "SET synchronous_commit = on; SET application_name = 'motcua-hub'; "
	    "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning"));
	return c;
}

/* Create the tables (or check the version of those there). */
static int
make_schema(PGconn *c, struct mc_error *err)
{
	char version[16];
	const char *v[1] = { version };
	PGresult *r;
	int have;

	snprintf(version, sizeof version, "%d", SCHEMA_VERSION);
	if (hub_exec(c, "BEGIN", 0, NULL, NULL, err) != MC_OK ||
	    hub_exec(c, "SELECT pg_advisory_xact_lock(x'" SCHEMA_LOCK "'::bigint)", 0, NULL, NULL, err) != MC_OK)
		goto fail;
	r = PQexec(c, schema);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		mc_fail(err, MC_ESTORE, "PostgreSQL: %s", PQresultErrorMessage(r));
		PQclear(r);
		goto fail;
	}
	PQclear(r);
	if ((r = hub_sql(c, "SELECT value::int FROM hub_meta WHERE key = 'schema'", 0, NULL, NULL, err)) == NULL)
		goto fail;
	have = PQntuples(r) == 1 ? atoi(PQgetvalue(r, 0, 0)) : 0;
	PQclear(r);
	if (have > SCHEMA_VERSION) {
		mc_fail(err, MC_ENEWER, _("this database was set up by a newer motcua-hub (schema %d; this one knows %d)"),
		    have, SCHEMA_VERSION);
		goto fail;
	}
	if (hub_exec(c, "INSERT INTO hub_meta(key, value) VALUES ('schema', $1) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", 1, v, NULL, err) != MC_OK ||
	    hub_exec(c, "COMMIT", 0, NULL, NULL, err) != MC_OK)
		goto fail;
	return MC_OK;
fail:
	hub_rollback(c);
	return err != NULL && err->code != MC_OK ? err->code : MC_ESTORE;
}

int
hub_db_open(const char *conninfo, int pool, struct hub_db **out, struct mc_error *err)
{
	struct hub_db *db;
	PGconn *c;
	int rc;

	*out = NULL;
	if ((c = connect_one(conninfo, err)) == NULL)
		return MC_EIO;
	if ((rc = make_schema(c, err)) != MC_OK) {
		PQfinish(c);
		return rc;
	}
	if ((db = calloc(1, sizeof *db)) == NULL || (db->conninfo = strdup(conninfo)) == NULL ||
	    (db->idle = calloc((size_t)pool, sizeof *db->idle)) == NULL) {
		if (db != NULL)
			free(db->conninfo);
		free(db);
		PQfinish(c);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	db->pool = pool;
	db->open = 1;
	db->idle[db->nidle++] = c;
	pthread_mutex_init(&db->lock, NULL);
	pthread_cond_init(&db->freed, NULL);
	*out = db;
	return MC_OK;
}

void
hub_db_close(struct hub_db *db)
{
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < db->nidle; i++)
		PQfinish(db->idle[i]);
	pthread_mutex_destroy(&db->lock);
	pthread_cond_destroy(&db->freed);
	free(db->idle);
	free(db->conninfo);
	free(db);
}

PGconn *
hub_db_get(struct hub_db *db, double wait)
{
	struct timespec until;
	struct mc_error err;
	PGconn *c = NULL;
	int make = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += (time_t)wait;
	pthread_mutex_lock(&db->lock);
	while (db->nidle == 0 && db->open >= db->pool)
		if (pthread_cond_timedwait(&db->freed, &db->lock, &until) != 0)
			break;
	if (db->nidle > 0)
		c = db->idle[--db->nidle];
	else if (db->open < db->pool) {
		db->open++;
		make = 1;
	}
	pthread_mutex_unlock(&db->lock);
	if (make && (c = connect_one(db->conninfo, &err)) == NULL) {
		log_line(LOG_WARNING, "%s", mc_message(&err));
		hub_db_put(db, NULL, 1);
		return NULL;
	}
	if (c != NULL && PQstatus(c) != CONNECTION_OK) {	/* PostgreSQL restarted */
		PQreset(c);
		if (PQstatus(c) != CONNECTION_OK) {
			hub_db_put(db, c, 1);
			return NULL;
		}
		PQclear(PQexec(c, "SET synchronous_commit = on; SET application_name = 'motcua-hub'; "
		    "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning"));
	}
	return c;
}

void
hub_db_put(struct hub_db *db, PGconn *c, int broken)
{
	if (c != NULL && !broken && PQtransactionStatus(c) != PQTRANS_IDLE)
		broken = 1;	/* a transaction left open: do not hand it on */
	pthread_mutex_lock(&db->lock);
	if (c == NULL || broken) {
		db->open--;
		if (c != NULL)
			PQfinish(c);
	} else
		db->idle[db->nidle++] = c;
	pthread_cond_signal(&db->freed);
	pthread_mutex_unlock(&db->lock);
}
