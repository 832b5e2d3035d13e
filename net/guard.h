/* guard.h -- who may connect to motcua's HTTP servers (motcua-ussd, motcua-hub), and
 * for how long: connections counted by address (at most per_address from one, some
 * addresses exempt), and deadlines for a request's headers, its body and its answer,
 * enforced by a watchdog thread that shuts down the connections past theirs (the
 * rules are at the top of guard.c).  Refusals and closings go to the program's log,
 * rate limited (common/log.h, log_noisy).
 *
 * No HTTP header here: net/httpd.c ties the guard to libmicrohttpd (its accept and
 * connection callbacks), and the servers mark a request's phases with httpd_phase().
 */
#ifndef MC_GUARD_H
#define MC_GUARD_H

#include <sys/socket.h>

#include "error.h"

#define GUARD_EXEMPT_MAX	16	/* exempt addresses (--gateway, --proxy) */
#define GUARD_ADDR_MAX		48	/* an address as text, "[ffff:...]" */

/* An address and how many of its leading bits count: an exempt network. */
struct guard_net {
	int family;			/* AF_INET or AF_INET6 */
	unsigned char addr[16];		/* network order; 4 bytes for AF_INET */
	int bits;
};

/* "ADDR" or "ADDR/BITS" (numeric IPv4 or IPv6) into *n: 0, or -1. */
int guard_net_parse(const char *s, struct guard_net *n);

/* What the guard enforces (the servers' --connections, --per-address,
 * --header-timeout, and --gateway or --proxy). */
struct guard_config {
	int connections;		/* open at once, at most */
	int per_address;		/* from one address, the exempt aside */
	int header_timeout;		/* seconds for a request's headers */
	const struct guard_net *exempt;	/* copied */
	int nexempt;
	const char *exempt_name;	/* what the log calls them: "gateway", "proxy"
					 * (a static string) */
};

/* Where a connection is in its request (the watchdog's deadline depends on it). */
enum guard_phase {
	GUARD_HEADERS,			/* waiting for a request's headers */
	GUARD_BODY,			/* headers in; its body coming */
	GUARD_ANSWER,			/* being answered (bounded by the server) */
	GUARD_SENDING,			/* the answer queued, being sent */
};

struct guard;
struct guard_conn;

/* Start the guard and its watchdog thread; *out is the caller's.  MC_EINVAL for limits
 * below 1 or too many exempt networks. */
int guard_start(const struct guard_config *cfg, struct guard **out, struct mc_error *err);
/* Stop the watchdog; call after the server stopped (no connection left). */
void guard_stop(struct guard *g);

/* May a new connection from sa come in?  1, or 0 (and a line in the log, rate
 * limited) when its address has per_address open, or when the others have taken
 * all but the exempt addresses' reserve. */
int guard_admit(struct guard *g, const struct sockaddr *sa);

/* A connection came in (socket fd, from sa): its record, owned by g until
 * guard_close; NULL when there is no room (it is then not watched).  Its phase is
 * GUARD_HEADERS. */
struct guard_conn *guard_open(struct guard *g, int fd, const struct sockaddr *sa);
/* The connection is closed, or about to be: forget it (c may be NULL).  The socket
 * must still be open when this is called (the watchdog may shut it down until then). */
void guard_close(struct guard *g, struct guard_conn *c);
/* The connection c (may be NULL) enters phase ph, or stays in it with a new deadline
 * (seconds of mc_monotonic()): GUARD_BODY's deadline is the server's (a grace added);
 * GUARD_SENDING's too, or 0 for header_timeout seconds from now; the others ignore
 * it.  The phase c was in (ph for NULL). */
enum guard_phase guard_phase(struct guard_conn *c, enum guard_phase ph, double deadline);
/* libmicrohttpd's idle timeout closed c (may be NULL): a line in the log, as the
 * watchdog says of those it closes. */
void guard_timed_out(struct guard_conn *c);

#endif
