/* listen.h -- what the programs that serve HTTP (motcua-ussd, motcua-hub) share before
 * their HTTP library takes over: a listening socket on "ADDR:PORT" that says whether
 * it is a loopback address (both refuse other addresses without TLS unless told), and
 * the reading of a PEM certificate or key.  Plain POSIX: no HTTP header here.
 */
#ifndef MC_LISTEN_H
#define MC_LISTEN_H

#include "error.h"

#define LISTEN_SHOWN_MAX	80	/* bytes of an address as shown */
#define LISTEN_PEM_MAX		(256 * 1024)	/* bytes of a certificate chain or key */

/* Bind and listen on where ("ADDR:PORT", "[ADDR]:PORT"; a name like localhost is
 * looked up; port 0 picks a free one): *fd is the caller's, *loopback 1 when the
 * address is a loopback one, shown the address as bound ("127.0.0.1:8099").
 * MC_EINVAL for an address that is not one, MC_EIO when it cannot be bound. */
int listen_open(const char *where, int *fd, int *loopback, char shown[LISTEN_SHOWN_MAX],
    struct mc_error *err);

/* The whole of a PEM file (a certificate or a key) into *out, a new string the caller
 * frees (and wipes, for a key).  MC_EIO when unreadable, MC_EINVAL when not PEM. */
int listen_read_pem(const char *path, char **out, struct mc_error *err);

#endif
