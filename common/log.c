/* log.c -- the daemons' log; see log.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *log_ident = "motcua";
static int log_syslog;

void
log_open(const char *ident, int use_syslog)
{
	log_ident = ident;
	log_syslog = use_syslog;
	if (use_syslog)
		openlog(ident, LOG_PID, LOG_DAEMON);
}

void
log_close(void)
{
	if (log_syslog)
		closelog();
}

void
log_vline(int priority, const char *fmt, va_list ap)
{
	static const char level[8][8] = { "emerg", "alert", "crit", "error", "warning", "notice",
		"info", "debug" };
	char line[1280];
	size_t n;
	struct tm tm;
	time_t t = time(NULL);

	if (log_syslog) {
		vsyslog(priority, fmt, ap);
		return;
	}
	localtime_r(&t, &tm);
	n = strftime(line, sizeof line, "%Y-%m-%d %H:%M:%S ", &tm);
	n += (size_t)snprintf(line + n, sizeof line - n, "%s[%ld] %s: ", log_ident, (long)getpid(),
	    level[priority & 7]);
	vsnprintf(line + n, sizeof line - n, fmt, ap);
	n = strlen(line);
	if (n > sizeof line - 2)
		n = sizeof line - 2;
	line[n++] = '\n';
	fwrite(line, 1, n, stderr);
}

void
log_line(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(priority, fmt, ap);
	va_end(ap);
}
