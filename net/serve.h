/* serve.h -- what the command lines of motcua's HTTP servers (sms/ussd.c, sync/hub.c)
 * share, apart from libmicrohttpd (no HTTP header here): a whole-number option, and
 * serving until a signal says to stop.
 */
#ifndef MC_SERVE_H
#define MC_SERVE_H

#include <signal.h>

/* The whole number in [lo, hi] that s is, for option; when it is not one, says so as
 * prog ("motcua-hub: --pool must be a number from 1 to 100") and exits 2. */
int serve_number(const char *prog, const char *s, const char *option, int lo, int hi);

/* Block SIGTERM, SIGINT and SIGHUP in this thread and the threads it starts (the
 * server's), into set for serve_wait; ignore SIGPIPE (a client gone mid-answer). */
void serve_signals(sigset_t *set);
/* Wait for SIGTERM or SIGINT (SIGHUP is ignored: nothing to read again): the signal. */
int serve_wait(const sigset_t *set);

#endif
