/* log.h -- the daemons' log (motcua-smsd, motcua-ussd, motcua-hub): one line a
 * message, built whole and written in one call, since connection threads log at once;
 * on standard error with the time, the program and the level when in the foreground
 * ("2026-02-13 10:04:05 motcua-smsd[812] warning: ..."), else to syslog.  Messages say
 * what happened, never the personal data involved: a phone number only masked
 * (phone_mask), and never a name or an ID number.  Lines that a client can multiply at
 * will go through a rate limit (log_noisy); a program can have every line counted too
 * (log_count_repeats).
 */
#ifndef MC_LOG_H
#define MC_LOG_H

#include <stdarg.h>
#include <syslog.h>

/* Log as ident ("motcua-hub"), to syslog when use_syslog, else to standard error. */
void log_open(const char *ident, int use_syslog);
void log_close(void);
void log_line(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vline(int priority, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Lines of priority LOG_DEBUG are left out unless on (off at the start). */
void log_verbose(int on);

/* When on (off at the start), lines of one format (fmt: a string constant, or a
 * translated one) that come more than LOG_REPEAT_WARN times (warnings and worse: the
 * same trouble again) or LOG_REPEAT times (other lines) in LOG_REPEAT_WINDOW seconds
 * are counted instead, and the count said in one line ("... and 12 more lines like
 * ...") with the next line after the window, or at log_flush().  Any thread. */
void log_count_repeats(int on);
#define LOG_REPEAT_KINDS	32	/* formats counted at once; others are never left out */
#define LOG_REPEAT_WINDOW	60	/* seconds */
#define LOG_REPEAT_WARN		10
#define LOG_REPEAT		600

/* Lines that a client can multiply at will (a connection refused, a slow one
 * closed, a malformed request, the HTTP library's own messages) are rate limited,
 * each kind on its own: LOG_NOISE_BURST lines at once, then one every
 * LOG_NOISE_EVERY seconds; what was left out is counted and said in one line
 * ("... more refused connections were not logged ...") at most every
 * LOG_NOISE_REPORT seconds, and at log_flush().  Any thread. */
enum log_noise {
	LOG_NOISE_HTTP,			/* the HTTP library's messages */
	LOG_NOISE_REFUSED,		/* connections refused (too many) */
	LOG_NOISE_SLOW,			/* connections closed for slowness */
	LOG_NOISE_BAD,			/* requests refused (4xx) */
	LOG_NOISE_KINDS
};
#define LOG_NOISE_BURST		50
#define LOG_NOISE_EVERY		2	/* seconds */
#define LOG_NOISE_REPORT	10	/* seconds */

void log_noisy(enum log_noise kind, int priority, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Say what was left out, if anything, for every kind whose first line left out is at
 * least LOG_NOISE_REPORT seconds old and every format whose LOG_REPEAT_WINDOW is over
 * (all: every kind and format, whatever its age). */
void log_flush(int all);

#endif
