/* log.h -- the daemons' log (motcua-ussd, motcua-hub): one line a message, built whole
 * and written in one call, since connection threads log at once; on standard error
 * with the time, the program and the level when in the foreground, else to syslog.
 * Messages say what happened, never the personal data involved.
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

#endif
