/* httpd.h -- what motcua's two HTTP servers, motcua-ussd (sms/ussd-http.c) and
 * motcua-hub (sync/hub-http.c), share over libmicrohttpd: a server started on a
 * listening socket (common/listen.h) with one thread per connection and its limits,
 * TLS from PEM texts with the protocol versions it accepts, libmicrohttpd's own
 * messages handed to the program's log a line at a time, and the text of a request
 * made fit for a log.  Each server keeps its routes, its answers and its log.
 *
 * net/ and the servers' *-http.c files are the only ones that include microhttpd.h;
 * this folder is built into net/libmotcua-httpd.a, which only those programs link.
 */
#ifndef MC_HTTPD_H
#define MC_HTTPD_H

#include <stddef.h>

#include <microhttpd.h>

#include "error.h"

#if MHD_VERSION < 0x00097002
typedef int MHD_RESULT;
#else
typedef enum MHD_Result MHD_RESULT;
#endif

struct httpd_config {
	int fd;			/* the listening socket: the server's (closed on failure too) */
	unsigned connections;	/* at most this many open at once */
	unsigned idle;		/* seconds a connection may send nothing */
	size_t headers_max;	/* bytes of memory for one connection (its headers) */
	size_t stack;		/* bytes a connection thread may use */
	const char *tls_cert;	/* PEM texts (copied; the key wiped at the end), */
	const char *tls_key;	/* or NULL: plain HTTP */
	/* libmicrohttpd's callbacks, each called with arg; accept and connection may be
	 * NULL (every connection admitted, none followed). */
	MHD_AccessHandlerCallback request;
	MHD_RequestCompletedCallback completed;
	MHD_AcceptPolicyCallback accept;
	MHD_NotifyConnectionCallback connection;
	void *arg;
	/* libmicrohttpd's own messages, one line each, without its newline. */
	void (*log)(const char *line);
};

struct httpd;

/* Start serving on cfg->fd: *out is the caller's (httpd_stop).  MC_EINVAL when TLS is
 * asked of a libmicrohttpd built without it, MC_EIO when the server does not start
 * (with TLS: a wrong certificate or key), MC_ENOMEM. */
int httpd_start(const struct httpd_config *cfg, struct httpd **out, struct mc_error *err);
/* Stop serving (the requests in hand are answered first), close the socket, wipe the
 * key, free h.  NULL is nothing to stop. */
void httpd_stop(struct httpd *h);
/* 1 when this libmicrohttpd can serve TLS. */
int httpd_tls(void);
/* s as a log may show it: printable ASCII, '?' for anything else, at most max
 * characters ("..." ending one cut short); out has room for max + 1. */
void httpd_printable(const char *s, char *out, size_t max);

#endif
