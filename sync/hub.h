/* hub.h -- the pieces of motcua-hub, the province's receiver (doc/sync-api.md):
 *
 *	hub.c		the command line: serve, office, stats, publish, check, report, export
 *	hub-http.c	the HTTP server (its only file that includes microhttpd.h): routes,
 *			limits, bodies in and out (gzip), one thread per connection
 *	hub-db.c	PostgreSQL (libpq): the pool of connections, the schema, statements
 *	hub-push.c	POST /v1/push: a batch stored in one transaction
 *	hub-pull.c	POST /v1/pull, GET /v1/hello, GET /v1/resources[/NAME]
 *	hub-fold.c	dossier rows folded from events by common/lifecycle.c; the check
 *	hub-admin.c	publishing resources; tables printed as text, TSV, CSV, JSON
 *	hub-report.c	province reports and the national portal export
 *
 * The hub keeps no state between requests but in PostgreSQL: two processes on one
 * database serve the same offices.  Nothing outside sync/ includes this.
 */
#ifndef MC_HUB_H
#define MC_HUB_H

#include <stddef.h>
#include <syslog.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "dossier.h"
#include "error.h"
#include "log.h"		/* the hub logs with log_line (hub.c opens the log) */
#include "mctime.h"		/* times taken are on mc_monotonic() */
#include "wire.h"

/* ---------------------------------------------------------------- PostgreSQL (hub-db.c) */

struct hub_db;

/* Connect to conninfo (a libpq string or URI), create or check the schema, and keep up
 * to pool connections for the requests.  *out is the caller's (hub_db_close). */
int hub_db_open(const char *conninfo, int pool, struct hub_db **out, struct mc_error *err);
void hub_db_close(struct hub_db *db);

/* A connection for one request, waiting up to wait seconds for a free one; NULL when
 * PostgreSQL cannot be reached (a 503).  Give it back with hub_db_put; broken 1 when it
 * failed in a way that may have left it unusable. */
PGconn *hub_db_get(struct hub_db *db, double wait);
void hub_db_put(struct hub_db *db, PGconn *c, int broken);

/* Run sql with text parameters (NULL values allowed); the result, or NULL with err
 * filled (and *unavailable 1 when PostgreSQL is down or shutting down, may be NULL). */
PGresult *hub_sql(PGconn *c, const char *sql, int n, const char *const *values,
    int *unavailable, struct mc_error *err);
/* The same for a statement without rows; MC_OK or MC_ESTORE. */
int hub_exec(PGconn *c, const char *sql, int n, const char *const *values, int *unavailable,
    struct mc_error *err);
/* ROLLBACK quietly (after a failure). */
void hub_rollback(PGconn *c);

/* A PostgreSQL array literal built element by element ("{1,2}", "{\"a\",NULL}"). */
struct hub_array {
	struct text_buf b;
	int n;
};
void hub_array_text(struct hub_array *a, const char *s);	/* NULL: a NULL element */
void hub_array_long(struct hub_array *a, long v);
const char *hub_array_end(struct hub_array *a);			/* owned by a */
void hub_array_free(struct hub_array *a);

/* The office a token belongs to (code into office, WIRE_OFFICE_MAX + 1 bytes): MC_OK,
 * MC_EAUTH when no office has it, or another code with err. */
int hub_token_office(PGconn *c, const char *token, char *office, int *unavailable,
    struct mc_error *err);
/* A new token (64 hex digits) into out. */
int hub_token_new(char out[65]);

/* ---------------------------------------------------------------- answers (hub-push.c, hub-pull.c) */

/* What a request is answered: status, body (owned), its type, headers. */
struct hub_answer {
	int status;
	struct text_buf body;
	const char *type;		/* "application/json", ... */
	char etag[96];			/* "" when none */
	int retry_after;		/* seconds; 0 when none */
	char log[200];			/* what the log line says of it (no personal data) */
};

/* An error answer: {"format":1,"error":why,"why":word} (cursor >= 0 adds "cursor"). */
void hub_answer_error(struct hub_answer *a, int status, const char *word, long cursor,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A JSON answer; takes the reference o. */
void hub_answer_json(struct hub_answer *a, int status, json_t *o);
void hub_answer_free(struct hub_answer *a);

/* The requests, once their body is in and decompressed.  token may be NULL. */
void hub_push(struct hub_db *db, const char *token, const char *body, size_t n,
    struct hub_answer *a);
void hub_pull(struct hub_db *db, const char *token, const char *body, size_t n,
    struct hub_answer *a);
void hub_hello(struct hub_db *db, const char *token, struct hub_answer *a);
/* name NULL: the list of resources. */
void hub_resource(struct hub_db *db, const char *token, const char *name,
    const char *if_none_match, struct hub_answer *a);
void hub_health(struct hub_db *db, struct hub_answer *a);

/* ---------------------------------------------------------------- dossiers (hub-fold.c) */

/* One event read from PostgreSQL or a batch, for folding (strings borrowed). */
struct hub_fold_event {
	const char *office;
	long seq;
	const char *code;
	int pos;
	const char *kind;
	const char *at;
	const char *actor;
	const char *payload;
	json_t *data;		/* the payload already read, or NULL (borrowed) */
};

/* Fold events ev[0..n) (of one or several dossiers, sorted by code, then pos, office,
 * seq) and append each dossier's row to the upsert being built in rows. */
struct hub_rows;
struct hub_rows *hub_rows_new(void);
void hub_rows_add(struct hub_rows *r, const struct hub_fold_event *ev, int n);
/* Write the rows (one INSERT ... ON CONFLICT DO UPDATE); MC_OK when there were none. */
int hub_rows_write(PGconn *c, struct hub_rows *r, int *unavailable, struct mc_error *err);
void hub_rows_free(struct hub_rows *r);

/* Fold code's events given (sorted) into d. */
void hub_fold(const struct hub_fold_event *ev, int n, struct dossier *d);

/* Replay every dossier from its events and compare with its row; fn hears of each
 * difference.  *nchecked, *nbad as dossier_check. */
int hub_check(PGconn *c, void (*fn)(const char *code, const char *what, void *ctx), void *ctx,
    long *nchecked, long *nbad, struct mc_error *err);

/* ---------------------------------------------------------------- the server (hub-http.c) */

struct guard_net;
struct hub_http_config {
	int fd;				/* listening socket; the server closes it */
	const char *tls_cert, *tls_key;	/* PEM text, or NULL */
	/* Who may connect, and for how long (net/guard.h): --connections, --per-address,
	 * --header-timeout, --proxy. */
	int connections, per_address, header_timeout;
	const struct guard_net *proxies;
	int nproxies;
	int timeout;			/* seconds for a request's body, and more for a
					 * long one (HUB_BODY_RATE) */
	int slots;			/* requests doing their work at once: the pool */
	struct hub_db *db;
};
/* Bytes a second a request's body (and an answer) must average after its first
 * `timeout` seconds: a body of N KiB has timeout + N seconds. */
#define HUB_BODY_RATE	1024
struct hub_http;
int hub_http_tls(void);
int hub_http_start(const struct hub_http_config *cfg, struct hub_http **out, struct mc_error *err);
void hub_http_stop(struct hub_http *h);

/* ---------------------------------------------------------------- administration (hub-admin.c) */

enum hub_format { HUB_TEXT, HUB_TSV, HUB_CSV, HUB_JSON };

struct report_table;
struct store;

/* Print t: text (aligned), TSV or CSV (with a header line), or JSON (an array of
 * objects; the numeric columns as numbers). */
void hub_table_print(const struct report_table *t, enum hub_format f);
/* Append a row of t->ncols cells (copied); MC_OK or MC_ENOMEM. */
int hub_table_add(struct report_table *t, const char *const *cells);
/* Print a query's result the same way; a column whose name ends in '#' holds numbers
 * (the '#' is not printed). */
void hub_print(PGresult *r, enum hub_format f);
/* motcua-hub publish NAME FILE (argv[0] is "publish"): the exit status. */
int hub_publish(PGconn *c, int argc, char **argv);
/* A throwaway office store (in a new folder dir, 64 bytes) holding the published
 * settings, holidays and catalogue, as an office holds them: the calendar and the
 * procedure names of the reports.  Close it with hub_scratch_close (also on failure). */
int hub_province_store(PGconn *c, struct store **st, char dir[64], struct mc_error *err);
void hub_scratch_close(struct store *st, const char *dir);

/* ---------------------------------------------------------------- reports (hub-report.c) */

/* motcua-hub report ... and export dvcqg ... (argv[0] is the command): exit status. */
int hub_report(PGconn *c, int argc, char **argv, enum hub_format f);
int hub_export(PGconn *c, int argc, char **argv);

#endif
