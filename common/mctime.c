/* mctime.c -- civil dates and times: day arithmetic (Howard Hinnant's days-from-civil
 * algorithm), the stored forms, the office's clock and the monotonic one; see mctime.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mctime.h"

mc_day
mc_day_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
mc_civil_from_day(mc_day z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
mc_weekday(mc_day day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (int)((day + 3) % 7);

	return w < 0 ? w + 7 : w;
}

int
mc_civil_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Read exactly n digits at s into *v. */
static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
mc_date_parse(const char *s, mc_day *out)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d) ||
	    !mc_civil_valid(y, m, d))
		return -1;
	*out = mc_day_from_civil(y, m, d);
	return 0;
}

int
mc_hhmm_parse(const char *s)
{
	int h, m;

	if (s == NULL || strlen(s) != 5 || s[2] != ':' || digits(s, 2, &h) ||
	    digits(s + 3, 2, &m) || h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/* ---------------------------------------------------------------- typed by people */

/* Up to max digits at *s (moved past them) into *v; how many there were. */
static int
digit_run(const char **s, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **s >= '0' && **s <= '9') {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n;
}

/* A date at *s: "D/M/YYYY" with '/', '-' or '.' (one or two digits for D and M), or
 * "YYYY-M-D"; *s moved past it.  0 ok, -1 not a date. */
static int
read_date(const char **s, mc_day *out)
{
	const char *p = *s;
	int a, n, y, m, d;
	char sep;

	n = digit_run(&p, 4, &a);
	if (n == 4) {
		y = a;
		if (*p++ != '-' || digit_run(&p, 2, &m) == 0 || *p++ != '-' ||
		    digit_run(&p, 2, &d) == 0)
			return -1;
	} else if (n >= 1 && n <= 2) {
		d = a;
		sep = *p++;
		if ((sep != '/' && sep != '-' && sep != '.') || digit_run(&p, 2, &m) == 0 ||
		    *p++ != sep || digit_run(&p, 4, &y) != 4)
			return -1;
	} else
		return -1;
	if (!mc_civil_valid(y, m, d))
		return -1;
	*out = mc_day_from_civil(y, m, d);
	*s = p;
	return 0;
}

/* A time of day at *s: "H:MM", "HH:MM", "HhMM", "Hh" (h or H); *s moved past it.
 * 0 ok (*minute of the day), -1 not one. */
static int
read_hm(const char **s, int *minute)
{
	const char *p = *s;
	int h, m = 0;

	if (digit_run(&p, 2, &h) == 0 || h > 23)
		return -1;
	if (*p == ':') {
		p++;
		if (digit_run(&p, 2, &m) != 2)
			return -1;
	} else if (*p == 'h' || *p == 'H') {
		p++;
		if (*p >= '0' && *p <= '9' && digit_run(&p, 2, &m) != 2)
			return -1;
	} else
		return -1;
	if (m > 59)
		return -1;
	*minute = h * 60 + m;
	*s = p;
	return 0;
}

/* s without the spaces and tabs around, into buf; -1 when it does not fit. */
static int
trimmed(const char *s, char *buf, size_t size)
{
	size_t n;

	if (s == NULL)
		return -1;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= size)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return 0;
}

/* p past spaces and tabs. */
static const char *
blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int
mc_date_read(const char *s, mc_day *out)
{
	char buf[32];
	const char *p = buf;
	mc_day day;

	if (trimmed(s, buf, sizeof buf) != 0 || read_date(&p, &day) != 0 || *p != '\0')
		return -1;
	*out = day;
	return 0;
}

int
mc_time_read(const char *s, mc_minute *out)
{
	char buf[48];
	const char *p = buf, *q;
	mc_day day;
	int minute = 0;

	if (trimmed(s, buf, sizeof buf) != 0)
		return -1;
	if (mc_time_parse(buf, out) == 0)
		return 0;
	if (read_date(&p, &day) == 0) {
		if (*p != '\0') {		/* then a time, after a space */
			q = blanks(p);
			if (q == p || read_hm(&q, &minute) != 0)
				return -1;
			p = q;
		}
	} else {			/* the shown form: the time first */
		if (read_hm(&p, &minute) != 0)
			return -1;
		q = blanks(p);
		if (q == p || read_date(&q, &day) != 0)
			return -1;
		p = q;
	}
	if (*p != '\0')
		return -1;
	*out = mc_at(day, minute);
	return 0;
}

int
mc_second_parse(const char *s, mc_second *out)
{
	char date[11];
	mc_day day;
	size_t n;
	int h, m, sec = 0;

	if (s == NULL)
		return -1;
	n = strlen(s);
	if (n < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (mc_date_parse(date, &day) != 0)
		return -1;
	if (n == 10) {
		*out = mc_second_at(mc_at(day, 0));
		return 0;
	}
	if ((s[10] != ' ' && s[10] != 'T') || (n != 16 && n != 19) ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &m) ||
	    h > 23 || m > 59)
		return -1;
	if (n == 19 && (s[16] != ':' || digits(s + 17, 2, &sec) || sec > 59))
		return -1;
	*out = mc_second_at(mc_at(day, h * 60 + m)) + sec;
	return 0;
}

int
mc_time_parse(const char *s, mc_minute *out)
{
	mc_second t;

	if (mc_second_parse(s, &t) != 0)
		return -1;
	*out = mc_minute_of(t);
	return 0;
}

void
mc_date_format(mc_day day, char buf[MC_TIME_BUF])
{
	int y, m, d;

	mc_civil_from_day(day, &y, &m, &d);
	snprintf(buf, MC_TIME_BUF, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	    (unsigned)d % 100u);
}

void
mc_time_format(mc_minute t, char buf[MC_TIME_BUF])
{
	unsigned md;
	char date[MC_TIME_BUF];

	if (t == MC_TIME_NONE) {
		buf[0] = '\0';
		return;
	}
	md = (unsigned)mc_minute_of_day(t) % MC_DAY_MINUTES;
	mc_date_format(mc_day_of(t), date);
	snprintf(buf, MC_TIME_BUF, "%.10s %02u:%02u", date, md / 60, md % 60);
}

void
mc_second_format(mc_second t, char buf[MC_TIME_BUF])
{
	char hm[MC_TIME_BUF];
	mc_minute m = mc_minute_of(t);

	mc_time_format(m, hm);
	snprintf(buf, MC_TIME_BUF, "%.16s:%02u", hm, (unsigned)(t - mc_second_at(m)) % 60u);
}

void
mc_date_format_vn(mc_day day, char buf[MC_TIME_BUF])
{
	int y, m, d;

	mc_civil_from_day(day, &y, &m, &d);
	snprintf(buf, MC_TIME_BUF, "%02u/%02u/%04u", (unsigned)d % 100u, (unsigned)m % 100u,
	    (unsigned)y % 10000u);
}

void
mc_time_format_vn(mc_minute t, char buf[MC_TIME_BUF])
{
	unsigned md = (unsigned)mc_minute_of_day(t) % MC_DAY_MINUTES;
	char date[MC_TIME_BUF];

	mc_date_format_vn(mc_day_of(t), date);
	snprintf(buf, MC_TIME_BUF, "%02u:%02u %.10s", md / 60, md % 60, date);
}

mc_second
mc_second_from_system(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return mc_second_at(mc_at(mc_day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
	    tm.tm_hour * 60 + tm.tm_min)) + (tm.tm_sec > 59 ? 59 : tm.tm_sec);
}

mc_second
mc_clock(void)
{
	const char *fake = getenv("MOTCUA_NOW");
	mc_second t;

	if (fake != NULL && mc_second_parse(fake, &t) == 0)
		return t;
	return mc_second_from_system(time(NULL));
}

mc_minute
mc_now(void)
{
	return mc_minute_of(mc_clock());
}

double
mc_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- UTC offsets, for ISO 8601 ---- */

/* The offset of t in zone, asking the C library (TZ set for the call, then restored). */
static int
zone_lookup(const char *zone, mc_minute t)
{
	const char *dir = getenv("TZDIR"), *was = getenv("TZ");
	char path[512], *old = was != NULL ? strdup(was) : NULL;
	struct tm tm = { .tm_isdst = -1 };
	int y, m, d, md = mc_minute_of_day(t), off = 0;

	snprintf(path, sizeof path, "%s/%s", dir != NULL ? dir : "/usr/share/zoneinfo", zone);
	if (strcmp(zone, MC_ZONE_DEFAULT) == 0 && access(path, R_OK) != 0) {
		free(old);
		return 7 * 60;
	}
	mc_civil_from_day(mc_day_of(t), &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = md / 60;
	tm.tm_min = md % 60;
	setenv("TZ", zone, 1);
	tzset();
	if (mktime(&tm) != (time_t)-1)
		off = (int)(tm.tm_gmtoff / 60);
	if (old != NULL)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
	return off;
}

#define ZONE_CACHE 256

int
mc_zone_offset(const char *zone, mc_minute t)
{
	/* A day's offset is looked up once (a list of 20,000 dossiers spans a few hundred
	 * days); a day on which it changes (summer time) is looked up minute by minute. */
	static struct {
		char zone[128];
		mc_day day[ZONE_CACHE];
		int off[ZONE_CACHE];
		unsigned char have[ZONE_CACHE];
	} c;
	mc_day day = mc_day_of(t);
	unsigned slot = (unsigned)day % ZONE_CACHE;
	int a, b;

	if (zone == NULL || *zone == '\0')
		zone = MC_ZONE_DEFAULT;
	if (strcmp(c.zone, zone) != 0) {
		memset(&c, 0, sizeof c);
		snprintf(c.zone, sizeof c.zone, "%s", zone);
	}
	if (c.have[slot] && c.day[slot] == day)
		return c.off[slot];
	a = zone_lookup(zone, mc_at(day, 0));
	b = zone_lookup(zone, mc_at(day, MC_DAY_MINUTES - 1));
	if (a != b)
		return zone_lookup(zone, t);
	c.have[slot] = 1;
	c.day[slot] = day;
	c.off[slot] = a;
	return a;
}

int
mc_time_iso(const char *s, const char *zone, char buf[MC_ISO_BUF])
{
	char date[MC_TIME_BUF], stamp[20];
	mc_second t;
	size_t n = s != NULL ? strlen(s) : 0;
	int utc = n > 0 && s[n - 1] == 'Z', off, h, m;

	buf[0] = '\0';
	if (utc)
		n--;
	if (n != 16 && n != 19)
		return -1;
	memcpy(stamp, s, n);
	stamp[n] = '\0';
	if (mc_second_parse(stamp, &t) != 0)
		return -1;
	off = utc || (zone != NULL && strcmp(zone, "UTC") == 0) ? 0 :
	    mc_zone_offset(zone, mc_minute_of(t));
	mc_second_format(t, date);
	h = (off < 0 ? -off : off) / 60;
	m = (off < 0 ? -off : off) % 60;
	snprintf(buf, MC_ISO_BUF, "%.10sT%.8s%c%02d:%02d", date, date + 11,
	    off < 0 ? '-' : '+', h, m);
	return 0;
}
