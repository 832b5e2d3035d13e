/* client.h -- the pieces of motcua-sync, the office's side of the province link
 * (doc/sync-api.md):
 *
 *	sync.c		the command line, a run (push, pull, resources), --watch, the output
 *	sync-http.c	the transport over libcurl (the only file of motcua that includes
 *			curl.h): one handle, so one connection, for a whole run
 *	sync-push.c	this office's events to the hub, in batches sized to the link
 *	sync-pull.c	other offices' events and the province's resources from the hub
 *	sync-run.c	what the steps share with sync.c: the wait after a failure, the
 *			progress line
 *
 * The store is read and written only through common/syncq.h.  Nothing outside sync/
 * includes this.
 */
#ifndef MC_CLIENT_H
#define MC_CLIENT_H

#include <stddef.h>

#include "error.h"
#include "syncq.h"
#include "wire.h"

struct store;

/* ---------------------------------------------------------------- transport (sync-http.c) */

struct sync_http_config {
	const char *hub;		/* base URL: https://hub.example/ or http://127.0.0.1:8098 */
	const char *token;
	const char *ca_file;		/* NULL: the system's CA bundle */
	const char *pin;		/* NULL, or "sha256//BASE64" */
	const char *proxy;		/* NULL: from the environment (https:// only) */
};

/* One answer.  body is decompressed, NUL-terminated, owned (sync_reply_free). */
struct sync_reply {
	int status;			/* HTTP status; 0 when no answer came */
	struct text_buf body;
	char etag[96];
	int retry_after;		/* seconds; 0 when not said */
	char error[320];		/* the transport's reason when status is 0 */
	int permanent;			/* status 0 for a reason trying again will not
					 * cure: the hub's certificate, a bad URL */
	double upload_speed;		/* bytes/s of the request's body */
	double download_speed;		/* bytes/s of the answer, as received */
	long sent, received;		/* bytes on the wire (headers included) */
};
void sync_reply_free(struct sync_reply *r);

struct sync_http;

/* Check the URL (https, or http to a loopback host only) and make the handle: MC_OK,
 * or MC_EINVAL with the reason. */
int sync_http_open(const struct sync_http_config *cfg, struct sync_http **out, struct mc_error *err);
void sync_http_close(struct sync_http *h);

/* GET (body NULL) or POST path; a POST body is sent gzip-compressed when gzip is 1 (it
 * is then already compressed: the caller did it).  if_none_match may be NULL.
 * Returns 0 when an answer came (any status), -1 when none did (reply->error). */
int sync_http_request(struct sync_http *h, const char *path, const char *body, size_t n,
    int gzip, const char *content_type, const char *if_none_match, struct sync_reply *reply);

/* ---------------------------------------------------------------- a run */

/* What a run did, for the progress line and the result line. */
struct sync_run {
	struct store *st;
	struct sync_http *http;
	const char *scope;		/* "" or NULL: none */
	int once;			/* give up after tries failed tries in a row */
	int tries;
	int progress;			/* show progress (stderr is a terminal) */
	int batch_max;			/* bytes: the largest compressed batch */
	double started;
	long pushed, batches, set_aside, pulled, pulled_dossiers, backlog;
	long bytes;			/* on the wire, both ways */
	int res_updated, res_unchanged;
	char error[WIRE_WHY_MAX * 2];	/* "" when all went well */
	enum syncq_problem problem;	/* the kind of error (sync.problem) */
	int refused;			/* something was refused or set aside */
	volatile int *stop;		/* set by a signal: stop between requests */
};

/* What went wrong in the run: r->error from fmt, r->problem = kind. */
void sync_fail(struct sync_run *r, enum syncq_problem kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Earlier failures of the run were overcome: no error. */
void sync_recovered(struct sync_run *r);
/* The kind of a refusal with HTTP status (401: the token). */
enum syncq_problem sync_refusal(int status);

/* Wait before try number attempt (1, 2, ...) after a failure: back-off with jitter
 * (1 s doubling to limit), or retry_after when the hub said; 0 when the run should give
 * up (--once and r->tries failed tries in a row, or stopped). */
int sync_backoff(struct sync_run *r, int attempt, int retry_after, double limit);
/* The progress line (when r->progress): what, then the counts so far. */
void sync_progress(struct sync_run *r, const char *what);
/* Sleep s seconds in small steps, until *stop (stop may be NULL). */
void sync_pause(volatile int *stop, double s);
/* s, give or take a fifth at random: runs of many offices do not meet. */
double sync_jitter(double s);
/* n bytes as a reader takes them in ("12.5 MB"). */
void sync_bytes(long n, char *buf, size_t size);

int sync_push(struct sync_run *r);		/* MC_OK when nothing is pending */
int sync_pull(struct sync_run *r);		/* MC_OK when nothing is left to pull */
int sync_resources(struct sync_run *r);		/* MC_OK when all are in force */

#endif
