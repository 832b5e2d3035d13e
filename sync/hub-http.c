/* hub-http.c -- motcua-hub's HTTP side, its only file that includes microhttpd.h
 * (through net/httpd.h, which starts the server, shared with motcua-ussd): one thread
 * per connection, each request routed, its body read within its limits
 * (as sent and once decompressed), handed to hub-push.c or hub-pull.c, and the answer
 * sent, gzip-compressed when the client accepts it.  Routes (doc/sync-api.md):
 *
 *	GET|HEAD /v1/health	no token; 200 when PostgreSQL answers
 *	GET  /v1/hello		POST /v1/push		POST /v1/pull
 *	GET  /v1/resources	GET /v1/resources/NAME (If-None-Match: 304)
 * Anything else is 404, another method on a known path 405 with Allow.
 *
 * Limits: at most `connections` at once and `per_address` from one address (the
 * --proxy addresses aside, with room kept for them; net/guard.c), of which `slots`
 * (the PostgreSQL pool) do their work at a time while the others wait with their body
 * as sent (memory follows the pool, not the number of clients), HEADERS_MAX bytes of
 * headers, BODY_MAX bytes of body as sent (413 at once when Content-Length says
 * more), INFLATED_MAX once decompressed (a gzip bomb is cut there: 413).  Time:
 * `header_timeout` seconds for a request's headers (a connection that sends nothing
 * that long is closed by libmicrohttpd, one that trickles by the guard's watchdog);
 * its body must come at HUB_BODY_RATE bytes a second on average after `timeout`
 * seconds (a commune's slow link sends a 512 KiB batch at 5 KB/s in well under its
 * timeout + 512 s; a body that falls behind is closed: 408 cannot be sent before a
 * body ends with this libmicrohttpd), with IDLE seconds of silence at most; an answer
 * is given as long to be sent.
 * One line is logged per request (health checks aside): method, path, status, what the
 * answer says (office, counts; no personal data), bytes in and out, time taken; refused
 * and closed connections, bodies cut and libmicrohttpd's messages are rate limited
 * (log_noisy): a client decides how many of them there are.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <pthread.h>
#include <time.h>

#include "httpd.h"
#include "hub.h"
#include "i18n.h"

#define HEADERS_MAX	(32 * 1024)		/* bytes: MHD's memory for one connection */
#define BODY_MAX	(4 * 1024 * 1024)	/* bytes of a request's body as sent */
#define INFLATED_MAX	(32 * 1024 * 1024)	/* bytes once decompressed */
#define GZIP_FROM	512			/* answers this long or more are compressed */
#define IDLE		30			/* seconds of silence once headers are in */
#define STACK		(512 * 1024)		/* bytes a connection thread may use */
#define SLOT_WAIT	120			/* seconds a request waits for a work slot */

struct hub_http {
	struct httpd *server;
	int timeout;
	struct hub_db *db;
	/* Work slots: as many requests at once decompress, read and store their body as
	 * there are PostgreSQL connections; the others wait with their body as sent, so
	 * the memory is bounded by the pool, not by the clients. */
	pthread_mutex_t lock;
	pthread_cond_t freed;
	int slots;
};

enum route { R_NONE, R_HEALTH, R_HELLO, R_PUSH, R_PULL, R_RESOURCES, R_RESOURCE };

/* One request, from its headers to its answer. */
struct request {
	enum route route;
	double start, deadline;
	struct text_buf body;
	size_t got;		/* bytes of body come in, kept or not */
	int too_big;
	int gzip;		/* Content-Encoding: gzip */
};

int
hub_http_tls(void)
{
	return httpd_tls();
}

/* ---------------------------------------------------------------- answers */

static int
accepts_gzip(struct MHD_Connection *c)
{
	const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);

	return ae != NULL && strstr(ae, "gzip") != NULL;
}

static MHD_RESULT
send_answer(struct hub_http *h, struct MHD_Connection *c, const char *method, const char *url,
    struct hub_answer *a, double start, size_t in)
{
	struct MHD_Response *r;
	char *z = NULL, u[64], m[12], retry[16];
	size_t zn = 0, out = a->body.n;
	MHD_RESULT ok;
	int gz = a->body.n >= GZIP_FROM && accepts_gzip(c) &&
	    wire_gzip(a->body.s, a->body.n, 6, &z, &zn) == 0;

	if (gz) {
		r = MHD_create_response_from_buffer(zn, z, MHD_RESPMEM_MUST_FREE);
		out = zn;
	} else
		r = MHD_create_response_from_buffer(a->body.n, a->body.s != NULL ? a->body.s : (char *)"",
		    MHD_RESPMEM_MUST_COPY);
	if (r == NULL) {
		free(z);
		return MHD_NO;
	}
	if (a->type != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->type);
	if (gz)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (a->etag[0] != '\0')
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, a->etag);
	if (a->retry_after > 0) {
		snprintf(retry, sizeof retry, "%d", a->retry_after);
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, retry);
	}
	if (a->status == 405)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW,
		    strcmp(url, "/v1/push") == 0 || strcmp(url, "/v1/pull") == 0 ? "POST" : "GET, HEAD");
	ok = MHD_queue_response(c, (unsigned)a->status, r);
	MHD_destroy_response(r);
	httpd_phase(h->server, c, GUARD_SENDING,
	    mc_monotonic() + h->timeout + (double)out / HUB_BODY_RATE);
	if (strcmp(url, "/v1/health") == 0 && a->status == 200)
		return ok;
	httpd_printable(method, m, sizeof m - 1);
	httpd_printable(url, u, sizeof u - 1);
	/* every answer, refusals too: an office's 401 or 409 is what its admin looks for
	 * (a request costs a whole round trip: a client cannot multiply them at will) */
	log_line(a->status >= 500 ? LOG_WARNING : LOG_INFO, "%s %s %d %s (%zu bytes in, %zu out, "
	    "%.0f ms)", m, u, a->status, a->log, in, out, (mc_monotonic() - start) * 1000);
	return ok;
}

/* Answer an error at once (the body, if any, is not read). */
static MHD_RESULT
refuse(struct hub_http *h, struct MHD_Connection *c, const char *method, const char *url, int status,
    const char *word, const char *why, double start)
{
	struct hub_answer a = { 0 };
	MHD_RESULT ok;

	hub_answer_error(&a, status, word, -1, "%s", why);
	ok = send_answer(h, c, method, url, &a, start, 0);
	hub_answer_free(&a);
	return ok;
}

/* ---------------------------------------------------------------- work slots */

/* Take a work slot: 0, or -1 after SLOT_WAIT seconds (the hub is overloaded: 503). */
static int
slot_take(struct hub_http *h)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += SLOT_WAIT;
	pthread_mutex_lock(&h->lock);
	while (h->slots == 0 && rc == 0)
		rc = pthread_cond_timedwait(&h->freed, &h->lock, &until);
	if (h->slots > 0) {
		h->slots--;
		rc = 0;
	} else
		rc = -1;
	pthread_mutex_unlock(&h->lock);
	return rc;
}

static void
slot_give(struct hub_http *h)
{
	pthread_mutex_lock(&h->lock);
	h->slots++;
	pthread_cond_signal(&h->freed);
	pthread_mutex_unlock(&h->lock);
}

/* ---------------------------------------------------------------- routes */

static enum route
route_of(const char *url)
{
	static const struct { const char *path; enum route r; } routes[] = {
		{ "/v1/health", R_HEALTH }, { "/v1/hello", R_HELLO }, { "/v1/push", R_PUSH },
		{ "/v1/pull", R_PULL }, { "/v1/resources", R_RESOURCES },
	};
	size_t i;

	for (i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (strcmp(url, routes[i].path) == 0)
			return routes[i].r;
	if (strncmp(url, "/v1/resources/", 14) == 0 && url[14] != '\0' &&
	    strspn(url + 14, "abcdefghijklmnopqrstuvwxyz") == strlen(url + 14) && strlen(url + 14) <= 32)
		return R_RESOURCE;
	return R_NONE;
}

static const char *
bearer(struct MHD_Connection *c)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);

	if (v == NULL || strncasecmp(v, "Bearer ", 7) != 0)
		return NULL;
	v += 7;
	while (*v == ' ')
		v++;
	return v;
}

/* The whole body is in: decompress it, answer it. */
static MHD_RESULT
answer(struct hub_http *h, struct MHD_Connection *c, const char *url, struct request *rq)
{
	struct hub_answer a = { 0 };
	const char *body = rq->body.s != NULL ? rq->body.s : "";
	char *plain = NULL;
	size_t n = rq->body.n;
	MHD_RESULT ok;
	int z;

	httpd_phase(h->server, c, GUARD_ANSWER, 0);
	if (rq->too_big)
		return refuse(h, c, "POST", url, 413, "size", "the body is too large", rq->start);
	if (rq->body.oom)
		return refuse(h, c, "POST", url, 503, "unavailable", "out of memory", rq->start);
	if (slot_take(h) != 0)
		return refuse(h, c, "POST", url, 503, "unavailable", "the hub is busy; try again", rq->start);
	if (rq->gzip) {
		if ((z = wire_gunzip(body, n, INFLATED_MAX, &plain, &n)) != 0) {
			slot_give(h);
			return z == -2 ?
			    refuse(h, c, "POST", url, 413, "size", "the body is too large once decompressed", rq->start) :
			    refuse(h, c, "POST", url, 400, "json", "the body is not valid gzip", rq->start);
		}
		body = plain;
	}
	if (rq->route == R_PUSH)
		hub_push(h->db, bearer(c), body, n, &a);
	else
		hub_pull(h->db, bearer(c), body, n, &a);
	free(plain);
	slot_give(h);
	ok = send_answer(h, c, "POST", url, &a, rq->start, rq->body.n);
	hub_answer_free(&a);
	return ok;
}

/* A GET: answered at once. */
static MHD_RESULT
answer_get(struct hub_http *h, struct MHD_Connection *c, const char *method, const char *url,
    enum route r, double start)
{
	struct hub_answer a = { 0 };
	MHD_RESULT ok;

	if (slot_take(h) != 0)
		return refuse(h, c, method, url, 503, "unavailable", "the hub is busy; try again", start);
	if (r == R_HEALTH)
		hub_health(h->db, &a);
	else if (r == R_HELLO)
		hub_hello(h->db, bearer(c), &a);
	else
		hub_resource(h->db, bearer(c), r == R_RESOURCE ? url + 14 : NULL,
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH), &a);
	slot_give(h);
	if (strcmp(method, "HEAD") == 0)
		a.body.n = 0;
	ok = send_answer(h, c, method, url, &a, start, 0);
	hub_answer_free(&a);
	return ok;
}

/* A request's headers are in: route it; NULL *ctx when it was answered already. */
static MHD_RESULT
begin(struct hub_http *h, struct MHD_Connection *c, const char *url, const char *method, void **ctx)
{
	double start = mc_monotonic();
	enum route r = route_of(url);
	const char *len, *type, *enc;
	struct request *rq;
	int post = strcmp(method, "POST") == 0;
	int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;

	if (r == R_NONE)
		return refuse(h, c, method, url, 404, "path", "no such path", start);
	if ((r == R_PUSH || r == R_PULL) != post || (!post && !get))
		return refuse(h, c, method, url, 405, "method", "not with this method", start);
	if (get) {	/* answered on the next call: an answer queued now closes the connection */
		if ((rq = calloc(1, sizeof *rq)) == NULL)
			return MHD_NO;
		rq->route = r;
		rq->start = start;
		*ctx = rq;
		httpd_phase(h->server, c, GUARD_ANSWER, 0);
		return MHD_YES;
	}
	type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (type != NULL && strncasecmp(type, "application/json", 16) != 0 &&
	    strncasecmp(type, "application/x-ndjson", 20) != 0)
		return refuse(h, c, method, url, 415, "type", "the body must be JSON (application/json or application/x-ndjson)", start);
	enc = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_ENCODING);
	if (enc != NULL && strcasecmp(enc, "gzip") != 0 && strcasecmp(enc, "identity") != 0)
		return refuse(h, c, method, url, 415, "type", "the body may be sent plain or gzip-compressed only", start);
	len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (len != NULL && (strlen(len) > 10 || atol(len) > BODY_MAX))
		return refuse(h, c, method, url, 413, "size", "the body is too large", start);
	if ((rq = calloc(1, sizeof *rq)) == NULL)
		return MHD_NO;
	rq->route = r;
	rq->start = start;
	rq->deadline = start + h->timeout;
	rq->gzip = enc != NULL && strcasecmp(enc, "gzip") == 0;
	*ctx = rq;
	httpd_phase(h->server, c, GUARD_BODY, rq->deadline);
	return MHD_YES;
}

static MHD_RESULT
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *data, size_t *size, void **ctx)
{
	struct hub_http *h = cls;
	struct request *rq = *ctx;
	char u[64];

	(void)version;
	if (rq == NULL)
		return begin(h, c, url, method, ctx);
	if (rq->route != R_PUSH && rq->route != R_PULL) {
		*size = 0;	/* a body sent with a GET is not read */
		return answer_get(h, c, method, url, rq->route, rq->start);
	}
	if (*size > 0) {	/* a piece of the body; too much of it is read and dropped */
		if (rq->body.n + *size > BODY_MAX)
			rq->too_big = 1;
		else
			text_buf_addn(&rq->body, data, *size);
		rq->got += *size;
		*size = 0;
		if (mc_monotonic() > rq->deadline) {
			httpd_printable(url, u, sizeof u - 1);
			log_noisy(LOG_NOISE_SLOW, LOG_INFO, "POST %s closed: the body came too slowly "
			    "(%zu bytes in %.0f ms)", u, rq->got, (mc_monotonic() - rq->start) * 1000);
			return MHD_NO;
		}
		/* what came in buys time: HUB_BODY_RATE bytes a second */
		rq->deadline = rq->start + h->timeout + (double)rq->got / HUB_BODY_RATE;
		httpd_phase(h->server, c, GUARD_BODY, rq->deadline);
		return MHD_YES;
	}
	return answer(h, c, url, rq);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **ctx, enum MHD_RequestTerminationCode why)
{
	struct request *rq = *ctx;

	(void)cls;
	(void)c;
	(void)why;
	if (rq != NULL) {
		text_buf_free(&rq->body);
		free(rq);
	}
	*ctx = NULL;
}

static void
on_http_log(const char *line)
{
	log_noisy(LOG_NOISE_HTTP, LOG_NOTICE, "http: %s", line);
}

/* ---------------------------------------------------------------- the server */

static void
forget(struct hub_http *h)
{
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->freed);
	free(h);
}

int
hub_http_start(const struct hub_http_config *cfg, struct hub_http **out, struct mc_error *err)
{
	struct hub_http *h;
	struct httpd_config hc = { .fd = cfg->fd, .guard = { .connections = cfg->connections,
		    .per_address = cfg->per_address, .header_timeout = cfg->header_timeout,
		    .exempt = cfg->proxies, .nexempt = cfg->nproxies, .exempt_name = "proxy" },
		/* silence within a body or an answer: IDLE, or as long as for headers */
		.idle = (unsigned)(IDLE > cfg->header_timeout ? IDLE : cfg->header_timeout),
		.headers_max = HEADERS_MAX, .stack = STACK, .tls_cert = cfg->tls_cert,
		.tls_key = cfg->tls_key, .request = on_request, .completed = on_completed,
		.log = on_http_log };
	int rc;

	*out = NULL;
	if ((h = calloc(1, sizeof *h)) == NULL) {
		close(cfg->fd);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	h->timeout = cfg->timeout;
	h->db = cfg->db;
	h->slots = cfg->slots;
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->freed, NULL);
	hc.arg = h;
	if ((rc = httpd_start(&hc, &h->server, err)) != MC_OK) {	/* it closed the socket */
		forget(h);
		return rc;
	}
	*out = h;
	return MC_OK;
}

void
hub_http_stop(struct hub_http *h)
{
	if (h == NULL)
		return;
	httpd_stop(h->server);
	forget(h);
}
