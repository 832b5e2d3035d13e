/* ussd.h -- the pieces of motcua-ussd, the HTTP endpoint that an operator's or an
 * aggregator's USSD gateway calls (DOMAIN.md "USSD"): the gateway's request decoded
 * and checked (ussd-form.c, pure: the fuzzer's target), the answer from the store
 * (ussd-answer.c: query_ussd and query_apply, as the SMS daemon answers), the HTTP
 * server (ussd-http.c, its only file that includes microhttpd.h; who may connect and
 * for how long is net/guard.c's) and the command line and the log (ussd.c).
 * Nothing outside sms/ includes this.
 *
 * One request, as the gateway sends it (a form POST):
 *	sessionId=ATUid_12&serviceCode=%2A384%2A12%23&phoneNumber=%2B84912345678
 *	    &networkCode=45204&text=1%2A261012-0001
 * text is every input of the session so far joined by '*' ("" on the first request);
 * the answer is text/plain "CON <screen>" (the menu goes on) or "END <screen>".
 */
#ifndef MC_USSD_H
#define MC_USSD_H

#include <stddef.h>
#include <sys/socket.h>
#include <syslog.h>

#include "error.h"
#include "smsq.h"

struct guard_net;

/* ---------------------------------------------------------------- the request (ussd-form.c) */

#define USSD_BODY_MAX		4096	/* bytes of a request's body */
#define USSD_SESSION_MAX	128	/* bytes of each decoded value ... */
#define USSD_SERVICE_MAX	32
#define USSD_PHONE_MAX		32
#define USSD_NETWORK_MAX	32
#define USSD_TEXT_MAX		512
#define USSD_PAIRS_MAX		32	/* name=value pairs in a body */
#define USSD_WHY_MAX		96	/* a refusal's reason, for the log */

/* The fields of one request, decoded, NUL-terminated and checked. */
struct ussd_request {
	char session[USSD_SESSION_MAX + 1];	/* the gateway's session id */
	char service[USSD_SERVICE_MAX + 1];	/* the code dialled, "*384*12#" */
	char phone[USSD_PHONE_MAX + 1];		/* the caller, as the gateway wrote it */
	char network[USSD_NETWORK_MAX + 1];	/* the operator's code; "" if not sent */
	char text[USSD_TEXT_MAX + 1];		/* the inputs joined by '*'; "" first */
};

/* Decode body[0..n) (application/x-www-form-urlencoded, any bytes) into *req: 0, or
 * -1 with why (English, no personal data: names of fields, never values) filled.
 * The rules are at the top of ussd-form.c. */
int ussd_form_parse(const char *body, size_t n, struct ussd_request *req,
    char why[USSD_WHY_MAX]);

/* 1 when a request's Content-Type (NULL: none sent) announces such a form. */
int ussd_form_type(const char *content_type);

/* ---------------------------------------------------------------- the answer (ussd-answer.c) */

#define USSD_ANSWER_MAX	1024	/* bytes of an answer's text */
#define USSD_MASK_MAX	PHONE_MASK_MAX

/* What motcua-ussd answers one request, and what its log line says of it. */
struct ussd_answer {
	int status;			/* HTTP status: 200, or 500 when the store failed */
	char text[USSD_ANSWER_MAX];	/* "CON ..." or "END ...", UTF-8 */
	char kind[24];			/* query_kind_name(), or "busy", "error" */
	char why[160];			/* for the log (no personal data) */
	char phone[USSD_MASK_MAX];	/* the caller's number, masked: "09xxxxx678" */
	int hold_ms;			/* answer no sooner than this: a slowed caller */
	int repeated;			/* 1: a retry of an answered request, answered
					 * the same from memory and not counted again */
};

/* How the HTTP side asks for an answer: fill *ans for req before deadline (seconds of
 * mc_monotonic()).  Called from several threads at once. */
typedef void ussd_answer_fn(void *arg, const struct ussd_request *req, double deadline,
    struct ussd_answer *ans);

/* The store and what answering needs, shared by every connection. */
struct ussd_service;

/* Open the store at db_path (which must exist); *out is the caller's, freed with
 * ussd_service_close.  Switches messages to the office's language unless MOTCUA_LANG
 * is set. */
int ussd_service_open(const char *db_path, struct ussd_service **out, struct mc_error *err);
void ussd_service_close(struct ussd_service *sv);

/* An ussd_answer_fn; arg is a struct ussd_service. */
void ussd_service_answer(void *arg, const struct ussd_request *req, double deadline,
    struct ussd_answer *ans);

/* What a refused or failed request is told. */
enum ussd_refusal {
	USSD_REFUSE_BAD,	/* the request cannot be read: dial again */
	USSD_REFUSE_BUSY,	/* the store is busy or the answer would be late: try again */
	USSD_REFUSE_DOWN,	/* the service is out of order */
};

/* "END " and the refusal's text (translated, unaccented GSM-7) into out (n bytes). */
void ussd_refusal(enum ussd_refusal r, char *out, size_t n);

/* ---------------------------------------------------------------- HTTP (ussd-http.c) */

#define USSD_LISTEN_MAX	80

/* Bind and listen on where ("ADDR:PORT", "[ADDR]:PORT"; a name like localhost is
 * looked up; port 0 picks a free one): *fd is the caller's, *loopback 1 when the
 * address is a loopback one, shown the address as bound ("127.0.0.1:8099"). */
int ussd_listen(const char *where, int *fd, int *loopback, char shown[USSD_LISTEN_MAX],
    struct mc_error *err);

/* 1 when this libmicrohttpd was built with TLS (GnuTLS). */
int ussd_http_tls(void);

struct ussd_http_config {
	int fd;				/* from ussd_listen; the server closes it (also
					 * when it cannot start) */
	const char *path;		/* where the gateway posts: "/ussd" */
	const char *tls_cert;		/* PEM text, or NULL for plain HTTP */
	const char *tls_key;
	int timeout;			/* seconds from a request's headers to its answer */
	/* Who may connect, and for how long (net/guard.h): the command line's
	 * --connections, --per-address, --header-timeout and --gateway. */
	int connections, per_address, header_timeout;
	const struct guard_net *gateways;
	int ngateways;
	ussd_answer_fn *answer;
	void *arg;
};

struct ussd_http;

/* Serve in threads of its own until ussd_http_stop; *out is the caller's.  The
 * strings of cfg are copied. */
int ussd_http_start(const struct ussd_http_config *cfg, struct ussd_http **out,
    struct mc_error *err);
/* Stop accepting, finish the requests in hand, close everything. */
void ussd_http_stop(struct ussd_http *h);

/* The log is common/log.h's (log_line; what a client can multiply: log_noisy), opened
 * by ussd.c as "motcua-ussd".  English, one line; never a phone number unmasked, a
 * name, an ID number or what a caller typed. */

#endif
