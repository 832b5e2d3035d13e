/* httpd.h -- what motcua's two HTTP servers, motcua-ussd (sms/ussd-http.c) and
 * motcua-hub (sync/hub-http.c), share over libmicrohttpd: a server started on a
 * listening socket (common/listen.h) with one thread per connection and its limits,
 * the guard (net/guard.h: connections per address, deadlines for a request's headers,
 * body and answer, a watchdog that closes the connections past theirs), TLS from PEM
 * texts with the protocol versions it accepts, libmicrohttpd's own messages handed to
 * the program's log a line at a time, and the text of a request made fit for a log.
 * Each server keeps its routes, its answers and its log, and tells the guard where
 * each request is (httpd_phase).
 *
 * net/ and the servers' *-http.c files are the only ones that include microhttpd.h;
 * this folder is built into net/libmotcua-httpd.a, which only those programs link.
 */
#ifndef MC_HTTPD_H
#define MC_HTTPD_H

#include <stddef.h>

#include <microhttpd.h>

#include "error.h"
#include "guard.h"

#if MHD_VERSION < 0x00097002
typedef int MHD_RESULT;
#else
typedef enum MHD_Result MHD_RESULT;
#endif

struct httpd_config {
	int fd;			/* the listening socket: the server's (closed on failure too) */
	struct guard_config guard;	/* who may connect, how many, headers' deadline */
	unsigned idle;		/* seconds a connection may send nothing once a request's
				 * headers are in (before: guard.header_timeout) */
	size_t headers_max;	/* bytes of memory for one connection (its headers) */
	size_t stack;		/* bytes a connection thread may use */
	const char *tls_cert;	/* PEM texts (copied; the key wiped at the end), */
	const char *tls_key;	/* or NULL: plain HTTP */
	/* libmicrohttpd's callbacks, each called with arg; completed may be NULL.  The
	 * connection's phase is GUARD_HEADERS again after completed. */
	MHD_AccessHandlerCallback request;
	MHD_RequestCompletedCallback completed;
	void *arg;
	/* libmicrohttpd's own messages, one line each, without its newline (a client
	 * can cause them: rate limit them). */
	void (*log)(const char *line);
};

struct httpd;

/* Start the guard and serve on cfg->fd: *out is the caller's (httpd_stop).  MC_EINVAL
 * when TLS is asked of a libmicrohttpd built without it or the guard's limits are bad,
 * MC_EIO when the server does not start (with TLS: a wrong certificate or key),
 * MC_ENOMEM. */
int httpd_start(const struct httpd_config *cfg, struct httpd **out, struct mc_error *err);
/* Stop serving (the requests in hand are answered first), close the socket, stop the
 * guard, wipe the key, free h.  NULL is nothing to stop. */
void httpd_stop(struct httpd *h);
/* Connection c of h enters phase ph (see guard_phase for deadline, in seconds of
 * mc_monotonic()): a request's headers are in (GUARD_BODY, GUARD_ANSWER), its answer
 * is queued (GUARD_SENDING).  Out of GUARD_HEADERS the connection may be silent for
 * cfg->idle seconds, in it for guard.header_timeout. */
void httpd_phase(struct httpd *h, struct MHD_Connection *c, enum guard_phase ph,
    double deadline);
/* 1 when this libmicrohttpd can serve TLS. */
int httpd_tls(void);
/* s as a log may show it: printable ASCII, '?' for anything else, at most max
 * characters ("..." ending one cut short); out has room for max + 1. */
void httpd_printable(const char *s, char *out, size_t max);

#endif
