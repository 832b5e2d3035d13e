/* ussd-http.c -- motcua-ussd's HTTP side, its only file that includes microhttpd.h
 * (through net/httpd.h): the listening socket, one thread per connection (a slowed
 * caller's answer is held in its own thread, nobody else waits), and for each request
 * its route, its limits and its answer.
 *
 *	POST <path>	the gateway's request: a form (ussd-form.c) of at most
 *			USSD_BODY_MAX bytes, answered "CON ..." or "END ..." (ussd-answer.c)
 *	GET|HEAD /	"motcua-ussd ok", for a monitor's or a load balancer's check
 *	anything else	404, or 405 for another method on <path>
 * Every answer is text/plain; charset=utf-8 with Cache-Control: no-store; a refusal
 * is an "END" screen the gateway may show, with its status: 400 malformed or missing
 * fields, 404, 405, 408 a body completed after the deadline, 413 too large (said at
 * once when Content-Length tells; a chunked body is read to its end and dropped),
 * 415 not a form.
 *
 * Limits (net/guard.c): at most `connections` open at once and `per_address` from
 * one address (the gateways' addresses aside, which always find room); HEADERS_MAX
 * bytes of headers a connection; `header_timeout` seconds for a request's headers
 * from the connection's opening or its previous answer (a connection that sends
 * nothing that long is closed by libmicrohttpd's idle timeout, one that trickles is
 * shut by the guard's watchdog); `timeout` seconds from a request's headers to its
 * answer (the body, the wait for the store and a slowed caller's hold included: a
 * body still coming at the deadline has its connection closed, as libmicrohttpd 0.9
 * cannot answer before a body ends).  The per-address limit is the guard's own and
 * not MHD_OPTION_PER_IP_CONNECTION_LIMIT, so that gateways can be exempt and every
 * refusal logged under the same rate limit.
 *
 * The server's start-up, the guard, TLS and libmicrohttpd's messages are
 * net/httpd.c's, shared with motcua-hub.
 *
 * One line is logged per request (log_line, info; health checks aside): method, path,
 * status, what the answer was, the caller's number masked, the session, the number of
 * inputs and the time taken; never what the caller typed.  Refusals (4xx), refused
 * and closed connections and libmicrohttpd's own messages are rate limited
 * (log_noisy): a client decides how many of them there are.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "httpd.h"
#include "i18n.h"
#include "listen.h"
#include "log.h"
#include "ussd.h"

#define HEADERS_MAX	(16 * 1024)	/* bytes: MHD's buffer for one connection */
#define STACK		(1024 * 1024)	/* bytes a connection thread may use */
#define PATH_MAX_LEN	128

struct ussd_http {
	struct httpd *server;
	char path[PATH_MAX_LEN + 1];
	int timeout;
	ussd_answer_fn *answer;
	void *arg;
};

/* One POST to the path, from its headers to its answer. */
struct request {
	double start, deadline;
	char body[USSD_BODY_MAX];
	size_t len;
	int too_big;			/* more than USSD_BODY_MAX bytes came */
};

/* ---------------------------------------------------------------- the socket */

int
ussd_listen(const char *where, int *fd, int *loopback, char shown[USSD_LISTEN_MAX],
    struct mc_error *err)
{
	return listen_open(where, fd, loopback, shown, err);
}

int
ussd_http_tls(void)
{
	return httpd_tls();
}

/* ---------------------------------------------------------------- answers */

/* Queue the answer; the connection is then sending it. */
static MHD_RESULT
respond(struct ussd_http *h, struct MHD_Connection *c, unsigned status, const char *text,
    int allow_post)
{
	struct MHD_Response *r;
	MHD_RESULT ok;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (allow_post)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "POST");
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	httpd_phase(h->server, c, GUARD_SENDING, 0);
	return ok;
}

static void
log_refusal(const char *method, const char *url, unsigned status, const char *why, double start)
{
	char m[16], u[64];

	httpd_printable(method, m, sizeof m - 1);
	httpd_printable(url, u, sizeof u - 1);
	if (status == 0)	/* no answer: the connection is closed */
		log_noisy(LOG_NOISE_SLOW, LOG_INFO, "%s %s closed: %s (%.0f ms)", m, u, why,
		    (mc_monotonic() - start) * 1000);
	else
		log_noisy(LOG_NOISE_BAD, LOG_INFO, "%s %s %u refused: %s (%.0f ms)", m, u,
		    status, why, (mc_monotonic() - start) * 1000);
}

/* Refuse a request with an "END" screen, and log why. */
static MHD_RESULT
refuse(struct ussd_http *h, struct MHD_Connection *c, const char *method, const char *url, unsigned status,
    enum ussd_refusal r, const char *why, double start)
{
	char text[256];

	ussd_refusal(r, text, sizeof text);
	log_refusal(method, url, status, why, start);
	return respond(h, c, status, text, status == MHD_HTTP_METHOD_NOT_ALLOWED);
}

/* Sleep until ms milliseconds passed, or until deadline - margin. */
static void
hold(int ms, double deadline)
{
	double left = deadline - 0.1 - mc_monotonic();
	struct timespec ts;

	if (ms / 1000.0 < left)
		left = ms / 1000.0;
	if (left <= 0)
		return;
	ts.tv_sec = (time_t)left;
	ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int
inputs(const char *text)
{
	int n = 1;

	if (*text == '\0')
		return 0;
	for (; *text != '\0'; text++)
		n += *text == '*';
	return n;
}

/* The whole body is in: decode it, answer it. */
static MHD_RESULT
answer(struct ussd_http *h, struct MHD_Connection *c, const char *url, struct request *rq)
{
	struct ussd_request req;
	struct ussd_answer ans;
	char why[USSD_WHY_MAX], session[28], u[64];

	if (rq->too_big)
		return refuse(h, c, "POST", url, MHD_HTTP_CONTENT_TOO_LARGE, USSD_REFUSE_BAD,
		    "the body is too large", rq->start);
	if (mc_monotonic() > rq->deadline)
		return refuse(h, c, "POST", url, MHD_HTTP_REQUEST_TIMEOUT, USSD_REFUSE_BUSY,
		    "the body came too slowly", rq->start);
	if (ussd_form_parse(rq->body, rq->len, &req, why) != 0)
		return refuse(h, c, "POST", url, MHD_HTTP_BAD_REQUEST, USSD_REFUSE_BAD, why, rq->start);
	httpd_phase(h->server, c, GUARD_ANSWER, 0);
	h->answer(h->arg, &req, rq->deadline, &ans);
	if (ans.hold_ms > 0)
		hold(ans.hold_ms, rq->deadline);
	httpd_printable(req.session, session, sizeof session - 1);
	httpd_printable(url, u, sizeof u - 1);
	log_line(ans.status == 200 && strcmp(ans.kind, "busy") != 0 ? LOG_INFO : LOG_WARNING,
	    "POST %s %d %s%s from %s session %s, %d inputs%s%s, %.0f ms%s", u, ans.status,
	    ans.kind, ans.repeated ? " (repeated)" : "", ans.phone, session, inputs(req.text),
	    ans.why[0] != '\0' ? ": " : "", ans.why, (mc_monotonic() - rq->start) * 1000,
	    ans.hold_ms > 0 ? " (held: a slowed caller)" : "");
	return respond(h, c, (unsigned)ans.status, ans.text, 0);
}

/* A request's headers are in: route it; NULL *ctx when it was answered already. */
static MHD_RESULT
begin(struct ussd_http *h, struct MHD_Connection *c, const char *url, const char *method,
    void **ctx)
{
	double start = mc_monotonic();
	const char *len, *type;
	struct request *rq;
	int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;

	if (get && strcmp(url, "/") == 0 && strcmp(h->path, "/") != 0)
		return respond(h, c, MHD_HTTP_OK, "motcua-ussd ok\n", 0);
	if (strcmp(url, h->path) != 0)
		return refuse(h, c, method, url, MHD_HTTP_NOT_FOUND, USSD_REFUSE_BAD, "no such path", start);
	if (strcmp(method, "POST") != 0)
		return refuse(h, c, method, url, MHD_HTTP_METHOD_NOT_ALLOWED, USSD_REFUSE_BAD,
		    "only POST", start);
	type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ussd_form_type(type))
		return refuse(h, c, method, url, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, USSD_REFUSE_BAD,
		    "the body is not a form (application/x-www-form-urlencoded)", start);
	len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (len != NULL && (strlen(len) > 9 || atol(len) > USSD_BODY_MAX))
		return refuse(h, c, method, url, MHD_HTTP_CONTENT_TOO_LARGE, USSD_REFUSE_BAD,
		    "the body is too large", start);
	if ((rq = malloc(sizeof *rq)) == NULL)
		return MHD_NO;
	rq->start = start;
	rq->deadline = start + h->timeout;
	rq->len = 0;
	rq->too_big = 0;
	*ctx = rq;
	httpd_phase(h->server, c, GUARD_BODY, rq->deadline);
	return MHD_YES;
}

static MHD_RESULT
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *data, size_t *size, void **ctx)
{
	struct ussd_http *h = cls;
	struct request *rq = *ctx;

	(void)version;
	if (rq == NULL)
		return begin(h, c, url, method, ctx);
	if (*size > 0) {	/* a piece of the body; too much of it is read and dropped */
		if (*size > sizeof rq->body - rq->len)
			rq->too_big = 1;
		else {
			memcpy(rq->body + rq->len, data, *size);
			rq->len += *size;
		}
		*size = 0;
		/* This libmicrohttpd cannot answer before the whole body is in: a body
		 * still coming at the deadline gets its connection closed. */
		if (mc_monotonic() > rq->deadline) {
			log_refusal("POST", url, 0, "the body came too slowly", rq->start);
			return MHD_NO;
		}
		return MHD_YES;
	}
	return answer(h, c, url, rq);
}

/* A request ended (answered, or its connection closed): the connection waits for
 * the next one. */
static void
on_completed(void *cls, struct MHD_Connection *c, void **ctx, enum MHD_RequestTerminationCode why)
{
	(void)cls;
	(void)c;
	(void)why;
	free(*ctx);
	*ctx = NULL;
}

/* libmicrohttpd's own messages, through the rate limit: a client can cause them. */
static void
on_http_log(const char *line)
{
	log_noisy(LOG_NOISE_HTTP, LOG_NOTICE, "http: %s", line);
}

/* ---------------------------------------------------------------- the server */

int
ussd_http_start(const struct ussd_http_config *cfg, struct ussd_http **out, struct mc_error *err)
{
	struct ussd_http *h;
	struct httpd_config hc = { .fd = cfg->fd, .guard = { .connections = cfg->connections,
		    .per_address = cfg->per_address, .header_timeout = cfg->header_timeout,
		    .exempt = cfg->gateways, .nexempt = cfg->ngateways, .exempt_name = "gateway" },
		/* a body of USSD_BODY_MAX bytes comes at once: no longer silence for it */
		.idle = (unsigned)cfg->header_timeout, .headers_max = HEADERS_MAX, .stack = STACK,
		.tls_cert = cfg->tls_cert, .tls_key = cfg->tls_key, .request = on_request,
		.completed = on_completed, .log = on_http_log };
	int rc;

	*out = NULL;
	if (cfg->path[0] != '/' || strlen(cfg->path) > PATH_MAX_LEN) {
		close(cfg->fd);
		return mc_fail(err, MC_EINVAL, _("the path must start with / and have at most %d characters"),
		    PATH_MAX_LEN);
	}
	if ((h = calloc(1, sizeof *h)) == NULL) {
		close(cfg->fd);
		return mc_fail(err, MC_ENOMEM, NULL);
	}
	snprintf(h->path, sizeof h->path, "%s", cfg->path);
	h->timeout = cfg->timeout;
	h->answer = cfg->answer;
	h->arg = cfg->arg;
	hc.arg = h;
	if ((rc = httpd_start(&hc, &h->server, err)) != MC_OK) {	/* it closed the socket */
		free(h);
		return rc;
	}
	*out = h;
	return MC_OK;
}

void
ussd_http_stop(struct ussd_http *h)
{
	if (h == NULL)
		return;
	httpd_stop(h->server);		/* closes the listening socket */
	free(h);
}
