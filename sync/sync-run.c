/* sync-run.c -- what the steps of a run (sync-push.c, sync-pull.c) share with the
 * program that drives them (sync.c): the words and kind of a failure, the wait after
 * one, the progress line on a terminal and the sizes it shows.  Apart from sync.c so that the steps do not call
 * back into the file that calls them.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "client.h"
#include "i18n.h"
#include "mctime.h"

void
sync_pause(volatile int *stop, double s)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	double until = mc_monotonic() + s;

	while (!(stop != NULL && *stop) && mc_monotonic() < until)
		nanosleep(&ts, NULL);
}

double
sync_jitter(double s)
{
	return s * (0.8 + 0.4 * ((double)rand() / RAND_MAX));
}

void
sync_fail(struct sync_run *r, enum syncq_problem kind, const char *fmt, ...)
{
	va_list ap;

	r->problem = kind;
	va_start(ap, fmt);
	vsnprintf(r->error, sizeof r->error, fmt, ap);
	va_end(ap);
}

void
sync_recovered(struct sync_run *r)
{
	r->error[0] = '\0';
	r->problem = SYNCQ_PROBLEM_NONE;
}

enum syncq_problem
sync_refusal(int status)
{
	return status == 401 ? SYNCQ_PROBLEM_TOKEN : SYNCQ_PROBLEM_PROVINCE;
}

int
sync_backoff(struct sync_run *r, int attempt, int retry_after, double limit)
{
	double wait = 1;
	int i;

	if ((r->stop != NULL && *r->stop) || (r->once && attempt >= r->tries))
		return 0;
	for (i = 1; i < attempt && wait < limit; i++)
		wait *= 2;
	wait = retry_after > 0 ? retry_after : sync_jitter(wait);
	if (wait > limit)
		wait = limit;
	if (r->progress)
		fprintf(stderr, "\r\033[K%s", r->error);
	sync_pause(r->stop, wait);
	return !(r->stop != NULL && *r->stop);
}

void
sync_bytes(long n, char *buf, size_t size)
{
	if (n >= 10 * 1024 * 1024)
		snprintf(buf, size, "%.1f MB", n / (1024.0 * 1024.0));
	else if (n >= 10 * 1024)
		snprintf(buf, size, "%.0f kB", n / 1024.0);
	else
		snprintf(buf, size, "%ld bytes", n);
}

void
sync_progress(struct sync_run *r, const char *what)
{
	double t = mc_monotonic() - r->started;
	char bytes[32];

	if (!r->progress)
		return;
	sync_bytes(r->bytes, bytes, sizeof bytes);
	fputs("\r\033[K", stderr);
	fprintf(stderr, _("%s: %ld events pushed, %ld pulled, %s, %.0f events/s"), what,
	    r->pushed, r->pulled, bytes, t > 0.5 ? (r->pushed + r->pulled) / t : 0.0);
}
