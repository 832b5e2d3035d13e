/* serve.h -- what the command lines of motcua's HTTP servers (sms/ussd.c, sync/hub.c)
 * share, apart from libmicrohttpd (no HTTP header here): a whole-number option.  (The
 * signals that stop them are every daemon's: common/daemon.h.)
 */
#ifndef MC_SERVE_H
#define MC_SERVE_H

/* The whole number in [lo, hi] that s is, for option; when it is not one, says so as
 * prog ("motcua-hub: --pool must be a number from 1 to 100") and exits 2. */
int serve_number(const char *prog, const char *s, const char *option, int lo, int hi);

#endif
