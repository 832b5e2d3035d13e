/* ussd.h -- the pieces of motcua-ussd, the HTTP endpoint that an operator's or an
 * aggregator's USSD gateway calls (DOMAIN.md "USSD"): the gateway's request decoded
 * and checked (ussd-form.c, pure: the fuzzer's target), the answer from the store
 * (ussd-answer.c: query_ussd and query_apply, as the SMS daemon answers), the HTTP
 * server (ussd-http.c, its only file that includes microhttpd.h), who may connect
 * and for how long (ussd-guard.c) and the command line and the log (ussd.c).
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

/* ---------------------------------------------------------------- connections (ussd-guard.c) */

#define USSD_GATEWAYS_MAX	16	/* --gateway addresses */
#define USSD_ADDR_MAX		48	/* an address as text, "[ffff:...]" */

/* An address and how many of its leading bits count: a --gateway. */
struct ussd_net {
	int family;			/* AF_INET or AF_INET6 */
	unsigned char addr[16];		/* network order; 4 bytes for AF_INET */
	int bits;
};

/* "ADDR" or "ADDR/BITS" (numeric IPv4 or IPv6) into *n: 0, or -1. */
int ussd_net_parse(const char *s, struct ussd_net *n);

/* What the guard enforces (the command line's --connections, --per-address,
 * --gateway and --header-timeout). */
struct ussd_guard_config {
	int connections;		/* open at once, at most */
	int per_address;		/* from one address, gateways aside */
	int header_timeout;		/* seconds for a request's headers */
	const struct ussd_net *gateways;
	int ngateways;
};

/* Where a connection is in its request (the watchdog's deadline depends on it). */
enum ussd_phase {
	USSD_PHASE_HEADERS,		/* waiting for a request's headers */
	USSD_PHASE_BODY,		/* headers in; its body coming */
	USSD_PHASE_ANSWER,		/* being answered (bounded by the answer's deadline) */
	USSD_PHASE_SENDING,		/* the answer queued, being sent */
};

struct ussd_guard;
struct ussd_conn;

/* Start the guard and its watchdog thread; *out is the caller's. */
int ussd_guard_start(const struct ussd_guard_config *cfg, struct ussd_guard **out,
    struct mc_error *err);
/* Stop the watchdog; call after the server stopped (no connection left). */
void ussd_guard_stop(struct ussd_guard *g);

/* May a new connection from sa come in?  1, or 0 (and a line in the log, rate
 * limited) when its address has per_address open, or when the others have taken
 * all but the gateways' reserve. */
int ussd_guard_admit(struct ussd_guard *g, const struct sockaddr *sa);

/* A connection came in (socket fd, from sa): its record, owned by g until
 * ussd_guard_close; NULL when there is no room (it is then not watched).  Its phase
 * is USSD_PHASE_HEADERS. */
struct ussd_conn *ussd_guard_open(struct ussd_guard *g, int fd, const struct sockaddr *sa);
/* The connection is closed, or about to be: forget it (c may be NULL).  The socket
 * must still be open when this is called (the watchdog may shut it down until then). */
void ussd_guard_close(struct ussd_guard *g, struct ussd_conn *c);
/* The connection c (may be NULL) enters phase ph; deadline (seconds of mc_monotonic)
 * for USSD_PHASE_BODY; the others take theirs from the configuration. */
void ussd_guard_phase(struct ussd_conn *c, enum ussd_phase ph, double deadline);

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
	struct ussd_guard_config guard;	/* who may connect, and for how long */
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

/* ---------------------------------------------------------------- the log (ussd.c) */

/* Log to standard error (foreground) or syslog; any thread.  English, one line; never
 * a phone number unmasked, a name, an ID number or what a caller typed. */
void ussd_log_open(int foreground);
void ussd_log(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ussd_log_close(void);

/* Lines that a client can multiply at will (a connection refused, a slow one
 * closed, a malformed request, the HTTP library's own messages) are rate limited,
 * each kind on its own: USSD_NOISE_BURST lines at once, then one every
 * USSD_NOISE_EVERY seconds; what was left out is counted and said in one line
 * ("... more lines like this were not logged") at most every USSD_NOISE_REPORT
 * seconds, and at ussd_log_flush(). */
enum ussd_noise {
	USSD_NOISE_HTTP,		/* libmicrohttpd's messages */
	USSD_NOISE_REFUSED,		/* connections refused (too many) */
	USSD_NOISE_SLOW,		/* connections closed for slowness */
	USSD_NOISE_BAD,			/* requests refused (4xx) */
	USSD_NOISE_KINDS
};
#define USSD_NOISE_BURST	50
#define USSD_NOISE_EVERY	2	/* seconds */
#define USSD_NOISE_REPORT	10	/* seconds */

void ussd_log_noisy(enum ussd_noise kind, int priority, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Say what was left out, if anything, for every kind whose last report is at least
 * USSD_NOISE_REPORT seconds old (all: every kind, whatever its age). */
void ussd_log_flush(int all);

/* Seconds on a monotonic clock. */

#endif
