/* log.c -- the daemons' log; see log.h. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "log.h"
#include "mctime.h"

static const char *log_ident = "motcua";
static int log_syslog, log_debug, log_repeats;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;	/* the counts below */

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
log_verbose(int on)
{
	log_debug = on;
}

void
log_count_repeats(int on)
{
	log_repeats = on;
}

/* One line out, whatever the counts say. */
static void __attribute__((format(printf, 2, 0)))
emit(int priority, const char *fmt, va_list ap)
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

static void __attribute__((format(printf, 2, 3)))
say(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(priority, fmt, ap);
	va_end(ap);
}

/* ---- lines of one format said too often: counted (log_count_repeats) */

static struct repeat {
	const char *fmt;		/* NULL: a free slot */
	int priority;
	double since;			/* the window counted from */
	int n, dropped;
} repeat[LOG_REPEAT_KINDS];

/* Say how many lines of each format whose window is over (all: every one) were left
 * out, and free their slots (the lock held). */
static void
repeats_over(double now, int all)
{
	int i;

	for (i = 0; i < LOG_REPEAT_KINDS; i++) {
		if (repeat[i].fmt == NULL || (!all && now - repeat[i].since < LOG_REPEAT_WINDOW))
			continue;
		if (repeat[i].dropped > 0)
			say(repeat[i].priority, _("... and %d more lines like \"%.80s\" in %d s, not logged"),
			    repeat[i].dropped, repeat[i].fmt, (int)(now - repeat[i].since));
		repeat[i].fmt = NULL;
	}
}

/* 1 when a line of format fmt may go out now (the lock held). */
static int
repeat_allowed(int priority, const char *fmt, double now)
{
	int i, free_slot = -1;

	for (i = 0; i < LOG_REPEAT_KINDS; i++) {
		if (repeat[i].fmt == fmt)
			break;
		if (repeat[i].fmt == NULL && free_slot < 0)
			free_slot = i;
	}
	if (i == LOG_REPEAT_KINDS) {
		if (free_slot < 0)
			return 1;	/* too many formats at once to count: never drop */
		i = free_slot;
		repeat[i].fmt = fmt;
		repeat[i].priority = priority;
		repeat[i].since = now;
		repeat[i].n = repeat[i].dropped = 0;
	}
	if (++repeat[i].n <= (priority <= LOG_WARNING ? LOG_REPEAT_WARN : LOG_REPEAT))
		return 1;
	repeat[i].dropped++;
	return 0;
}

void
log_vline(int priority, const char *fmt, va_list ap)
{
	double now;
	int go;

	if (priority == LOG_DEBUG && !log_debug)
		return;
	if (log_repeats) {
		now = mc_monotonic();
		pthread_mutex_lock(&lock);
		repeats_over(now, 0);
		go = repeat_allowed(priority, fmt, now);
		pthread_mutex_unlock(&lock);
		if (!go)
			return;
	}
	emit(priority, fmt, ap);
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
	say(LOG_WARNING, "%ld more %s were not logged in the last %.0f s (rate limit: %d at "
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

	if (priority == LOG_DEBUG && !log_debug)
		return;
	pthread_mutex_lock(&lock);
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
		pthread_mutex_unlock(&lock);
		return;
	}
	n->tokens -= 1;
	if (n->left_out > 0 && now - n->since >= LOG_NOISE_REPORT)
		report_left_out(n, now);
	pthread_mutex_unlock(&lock);
	va_start(ap, fmt);
	emit(priority, fmt, ap);
	va_end(ap);
}

void
log_flush(int all)
{
	double now = mc_monotonic();
	int i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < LOG_NOISE_KINDS; i++)
		if (noise[i].left_out > 0 && (all || now - noise[i].since >= LOG_NOISE_REPORT))
			report_left_out(&noise[i], now);
	repeats_over(now, all);
	pthread_mutex_unlock(&lock);
}
