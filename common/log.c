/* log.c -- the daemons' log; see log.h. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "mctime.h"

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

/* ---- lines a client can multiply: rate limited, each kind on its own */

static pthread_mutex_t noise_lock = PTHREAD_MUTEX_INITIALIZER;
static struct noise {
	const char *what;		/* for the line that counts what was left out */
	double tokens;			/* lines that may go now */
	double at;			/* when tokens was last topped up; 0: never */
	long left_out;			/* lines not logged since the last report */
	double since;			/* the first of them */
} noise[LOG_NOISE_KINDS] = {
	[LOG_NOISE_HTTP] = { .what = "messages of the HTTP library" },
	[LOG_NOISE_REFUSED] = { .what = "refused connections" },
	[LOG_NOISE_SLOW] = { .what = "connections closed for slowness" },
	[LOG_NOISE_BAD] = { .what = "refused requests" },
};

/* Say how many lines of n were left out (the lock held). */
static void
report_left_out(struct noise *n, double now)
{
	if (n->left_out == 0)
		return;
	log_line(LOG_WARNING, "%ld more %s were not logged in the last %.0f s (rate limit: %d at "
	    "once, then one every %d s)", n->left_out, n->what, now - n->since + 0.5,
	    LOG_NOISE_BURST, LOG_NOISE_EVERY);
	n->left_out = 0;
}

void
log_noisy(enum log_noise kind, int priority, const char *fmt, ...)
{
	struct noise *n = &noise[(unsigned)kind < LOG_NOISE_KINDS ? kind : LOG_NOISE_HTTP];
	double now = mc_monotonic();
	va_list ap;

	pthread_mutex_lock(&noise_lock);
	if (n->at == 0)
		n->tokens = LOG_NOISE_BURST;
	else
		n->tokens += (now - n->at) / LOG_NOISE_EVERY;
	if (n->tokens > LOG_NOISE_BURST)
		n->tokens = LOG_NOISE_BURST;
	n->at = now;
	if (n->tokens < 1) {
		if (n->left_out++ == 0)
			n->since = now;
		pthread_mutex_unlock(&noise_lock);
		return;
	}
	n->tokens -= 1;
	if (n->left_out > 0 && now - n->since >= LOG_NOISE_REPORT)
		report_left_out(n, now);
	pthread_mutex_unlock(&noise_lock);
	va_start(ap, fmt);
	log_vline(priority, fmt, ap);
	va_end(ap);
}

void
log_flush(int all)
{
	double now = mc_monotonic();
	int i;

	pthread_mutex_lock(&noise_lock);
	for (i = 0; i < LOG_NOISE_KINDS; i++)
		if (noise[i].left_out > 0 && (all || now - noise[i].since >= LOG_NOISE_REPORT))
			report_left_out(&noise[i], now);
	pthread_mutex_unlock(&noise_lock);
}
