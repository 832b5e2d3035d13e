/* calendar.c -- working days, office hours and due dates; see calendar.h.
 *
 * A day is working when a holiday row says so (work = 1: a Saturday worked in
 * exchange; work = 0: a day off), otherwise when its weekday is in the office's week.
 * Holiday rows are few (a dozen or two a year) and sorted, so a day is looked up by
 * binary search.  Every loop here is bounded: with at least one working weekday, a
 * working day comes within (ndays + 1) weeks of any day, since each row can take
 * away at most one occurrence of that weekday; a hand-made calendar with no working
 * day at all yields CAL_NO_DAY / MC_TIME_NONE instead of looping.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "i18n.h"
#include "names.h"

static const char *const unit_names[] = {
	[TU_WORKING_DAYS] = "working-days",
	[TU_DAYS] = "days",
	[TU_SAME_DAY] = "same-day",
	[TU_HOURS] = "hours",
};
#define NUNITS ((int)(sizeof unit_names / sizeof unit_names[0]))

void
calendar_default(struct calendar *cal)
{
	static const unsigned char week[7] = { 1, 1, 1, 1, 1, 0, 0 };

	memset(cal, 0, sizeof *cal);
	memcpy(cal->week, week, sizeof cal->week);
	cal->nseg = 2;
	cal->seg[0].from = 7 * 60;
	cal->seg[0].to = 11 * 60 + 30;
	cal->seg[1].from = 13 * 60 + 30;
	cal->seg[1].to = 17 * 60;
	cal->cutoff = 15 * 60;
}

void
calendar_free(struct calendar *cal)
{
	free(cal->days);
	cal->days = NULL;
	cal->ndays = 0;
}

/* Index of the first row whose day is >= day (ndays if none). */
static size_t
lower_bound(const struct calendar *cal, mc_day day)
{
	size_t lo = 0, hi = cal->ndays, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cal->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct holiday_day *
find_row(const struct calendar *cal, mc_day day)
{
	size_t i = lower_bound(cal, day);

	return i < cal->ndays && cal->days[i].day == day ? &cal->days[i] : NULL;
}

int
calendar_add_day(struct calendar *cal, mc_day day, int work, int provisional)
{
	size_t i = lower_bound(cal, day);
	struct holiday_day *nd;

	if (i == cal->ndays || cal->days[i].day != day) {
		nd = realloc(cal->days, (cal->ndays + 1) * sizeof *nd);
		if (nd == NULL)
			return MC_ENOMEM;
		cal->days = nd;
		memmove(nd + i + 1, nd + i, (cal->ndays - i) * sizeof *nd);
		cal->ndays++;
	}
	cal->days[i].day = day;
	cal->days[i].work = work != 0;
	cal->days[i].provisional = provisional != 0;
	return MC_OK;
}

int
calendar_is_working_day(const struct calendar *cal, mc_day day)
{
	const struct holiday_day *row = find_row(cal, day);

	if (row != NULL)
		return row->work;
	return cal->week[mc_weekday(day)] != 0;
}

mc_day
calendar_next_working_day(const struct calendar *cal, mc_day day)
{
	int64_t limit = (int64_t)day + 7 * ((int64_t)cal->ndays + 1);
	int64_t d;

	if (limit > INT32_MAX)
		limit = INT32_MAX;
	for (d = (int64_t)day + 1; d <= limit; d++)
		if (calendar_is_working_day(cal, (mc_day)d))
			return (mc_day)d;
	return CAL_NO_DAY;
}

int
calendar_open_minute(const struct calendar *cal)
{
	return cal->nseg > 0 ? cal->seg[0].from : 0;
}

int
calendar_close_minute(const struct calendar *cal)
{
	return cal->nseg > 0 ? cal->seg[cal->nseg - 1].to : 0;
}

int
calendar_working_days_between(const struct calendar *cal, mc_day a, mc_day b)
{
	int64_t n, count;
	int nweek = 0, i;
	size_t k;

	if (b < a)
		return -calendar_working_days_between(cal, b, a);
	for (i = 0; i < 7; i++)
		nweek += cal->week[i] != 0;
	/* (a, b] holds every weekday n / 7 times, then n % 7 days more. */
	n = (int64_t)b - a;
	count = n / 7 * nweek;
	for (i = 1; i <= n % 7; i++)
		count += cal->week[mc_weekday((mc_day)(a + (n / 7) * 7 + i))] != 0;
	/* Each row in (a, b] overrides its weekday. */
	for (k = lower_bound(cal, a + 1); k < cal->ndays && cal->days[k].day <= b; k++)
		count += cal->days[k].work - (cal->week[mc_weekday(cal->days[k].day)] != 0);
	return count > INT32_MAX ? INT32_MAX : (int)count;
}

mc_minute
calendar_effective(const struct calendar *cal, mc_minute t)
{
	mc_day day, next;
	int m, i;

	if (t == MC_TIME_NONE || cal->nseg <= 0)
		return MC_TIME_NONE;
	day = mc_day_of(t);
	m = mc_minute_of_day(t);
	if (calendar_is_working_day(cal, day)) {
		for (i = 0; i < cal->nseg; i++) {
			if (m < cal->seg[i].to)
				return m >= cal->seg[i].from ? t : mc_at(day, cal->seg[i].from);
		}
	}
	if ((next = calendar_next_working_day(cal, day)) == CAL_NO_DAY)
		return MC_TIME_NONE;
	return mc_at(next, cal->seg[0].from);
}

/* The nth working day after day (day itself when n is 0). */
static mc_day
nth_working_day(const struct calendar *cal, mc_day day, int n)
{
	while (n-- > 0 && day != CAL_NO_DAY)
		day = calendar_next_working_day(cal, day);
	return day;
}

static mc_minute
closing(const struct calendar *cal, mc_day day)
{
	return day == CAL_NO_DAY ? MC_TIME_NONE : mc_at(day, calendar_close_minute(cal));
}

/* t (inside office hours) plus minutes of office time.  Ends at a segment's close
 * rather than at the next opening when the time runs out exactly there. */
static mc_minute
add_working_minutes(const struct calendar *cal, mc_minute t, int64_t left)
{
	mc_day day = mc_day_of(t);
	int m = mc_minute_of_day(t), i, start;

	for (;;) {
		for (i = 0; i < cal->nseg; i++) {
			if (cal->seg[i].to <= m)
				continue;
			start = m > cal->seg[i].from ? m : cal->seg[i].from;
			if (left <= cal->seg[i].to - start)
				return mc_at(day, start + (int)left);
			left -= cal->seg[i].to - start;
		}
		/* Each working day gives at least one minute, so this ends. */
		if ((day = calendar_next_working_day(cal, day)) == CAL_NO_DAY)
			return MC_TIME_NONE;
		m = 0;
	}
}

mc_minute
calendar_due(const struct calendar *cal, mc_minute received, int amount,
    enum time_unit unit, int cutoff)
{
	mc_minute e = calendar_effective(cal, received);
	mc_day day, d;

	if (e == MC_TIME_NONE)
		return MC_TIME_NONE;
	day = mc_day_of(e);
	if (amount < 0)
		amount = 0;
	if (amount > CAL_MAX_AMOUNT)
		amount = CAL_MAX_AMOUNT;
	switch (unit) {
	case TU_WORKING_DAYS:
		return closing(cal, nth_working_day(cal, day, amount));
	case TU_SAME_DAY:
		if (cutoff < 0)
			cutoff = cal->cutoff;
		if (mc_minute_of_day(e) < cutoff)
			return closing(cal, day);
		return closing(cal, calendar_next_working_day(cal, day));
	case TU_DAYS:
		d = day + amount;
		if (!calendar_is_working_day(cal, d))
			d = calendar_next_working_day(cal, d);
		return closing(cal, d);
	case TU_HOURS:
		return add_working_minutes(cal, e, (int64_t)amount * 60);
	}
	return MC_TIME_NONE;
}

mc_minute
calendar_resume(const struct calendar *cal, mc_minute due, mc_minute paused,
    mc_minute resumed)
{
	mc_day d;
	int lost;

	if (due == MC_TIME_NONE || paused == MC_TIME_NONE || resumed == MC_TIME_NONE ||
	    resumed <= paused)
		return due;
	lost = calendar_working_days_between(cal, mc_day_of(paused), mc_day_of(resumed));
	if (lost <= 0)
		return due;
	if (lost > CAL_MAX_AMOUNT)
		lost = CAL_MAX_AMOUNT;
	/* Count from the minute before the due time, so that a due time at 24:00 (the next
	 * day's 00:00) stays on the day it closes. */
	if ((d = nth_working_day(cal, mc_day_of(due - 1), lost)) == CAL_NO_DAY)
		return due;
	return mc_at(d, mc_minute_of_day(due - 1)) + 1;
}

int
calendar_provisional(const struct calendar *cal, mc_day from, mc_day to)
{
	size_t k;

	for (k = lower_bound(cal, from); k < cal->ndays && cal->days[k].day <= to; k++)
		if (cal->days[k].provisional)
			return 1;
	return 0;
}

int
calendar_unknown_year(const struct calendar *cal, mc_day from, mc_day to)
{
	int y, ylast, m, d;
	size_t k;

	mc_civil_from_day(from, &y, &m, &d);
	mc_civil_from_day(to, &ylast, &m, &d);
	for (; y <= ylast; y++) {
		k = lower_bound(cal, mc_day_from_civil(y, 1, 1));
		if (k >= cal->ndays || cal->days[k].day > mc_day_from_civil(y, 12, 31))
			return y;
	}
	return 0;
}

const char *
time_unit_name(enum time_unit u)
{
	return mc_name(unit_names, NUNITS, (int)u);
}

int
time_unit_parse(const char *s)
{
	return mc_name_parse(unit_names, NUNITS, s, MC_NAME_ANYCASE);
}

/*
 * Settings.
 */

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The next non-empty comma-separated item of *s, blanks trimmed; 0 at the end. */
static int
next_item(const char **s, const char **item, int *len)
{
	const char *p, *end;

	for (;;) {
		p = *s;
		if (*p == '\0')
			return 0;
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		*s = *end == ',' ? end + 1 : end;
		while (p < end && is_blank(*p))
			p++;
		while (end > p && is_blank(end[-1]))
			end--;
		if (end > p) {
			*item = p;
			*len = (int)(end - p);
			return 1;
		}
	}
}

/* "HH:MM" or "H:MM" (len bytes at s) into minutes of the day; -1 if bad. */
static int
parse_hhmm(const char *s, int len)
{
	char buf[6];

	while (len > 0 && is_blank(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	if (len == 4 && s[1] == ':') {
		buf[0] = '0';
		memcpy(buf + 1, s, 4);
	} else if (len == 5)
		memcpy(buf, s, 5);
	else
		return -1;
	buf[5] = '\0';
	return mc_hhmm_parse(buf);
}

static int
parse_week(const char *s, unsigned char week[7], struct mc_error *err)
{
	const char *item;
	int len, from, to, d, n = 0;

	memset(week, 0, 7);
	while (next_item(&s, &item, &len)) {
		if (len == 1 && item[0] >= '1' && item[0] <= '7') {
			from = to = item[0] - '0';
		} else if (len == 3 && item[1] == '-' && item[0] >= '1' && item[0] <= '7' &&
		    item[2] >= '1' && item[2] <= '7' && item[0] <= item[2]) {
			from = item[0] - '0';
			to = item[2] - '0';
		} else
			return mc_fail(err, MC_EINVAL,
			    _("working week: '%.*s' is not a weekday number (1 = Monday ... 7 = Sunday)"),
			    len, item);
		for (d = from; d <= to; d++) {
			if (week[d - 1])
				return mc_fail(err, MC_EINVAL,
				    _("working week: day %d is listed twice"), d);
			week[d - 1] = 1;
			n++;
		}
	}
	if (n == 0)
		return mc_fail(err, MC_EINVAL,
		    _("working week: at least one working day is needed, e.g. 1,2,3,4,5"));
	return MC_OK;
}

static int
parse_hours(const char *s, struct calendar *cal, struct mc_error *err)
{
	const char *item, *dash;
	int len, from, to;

	cal->nseg = 0;
	while (next_item(&s, &item, &len)) {
		dash = memchr(item, '-', (size_t)len);
		from = dash != NULL ? parse_hhmm(item, (int)(dash - item)) : -1;
		to = dash != NULL ? parse_hhmm(dash + 1, len - (int)(dash + 1 - item)) : -1;
		if (from < 0 || to < 0)
			return mc_fail(err, MC_EINVAL,
			    _("office hours: '%.*s' is not a time range like 07:00-11:30"), len, item);
		if (to <= from)
			return mc_fail(err, MC_EINVAL,
			    _("office hours: the range '%.*s' must end after it starts"), len, item);
		if (cal->nseg > 0 && from < cal->seg[cal->nseg - 1].to)
			return mc_fail(err, MC_EINVAL,
			    _("office hours: the range '%.*s' must come after the one before it, without overlapping"),
			    len, item);
		if (cal->nseg == CAL_MAX_SEGMENTS)
			return mc_fail(err, MC_EINVAL,
			    _("office hours: at most %d ranges"), CAL_MAX_SEGMENTS);
		cal->seg[cal->nseg].from = from;
		cal->seg[cal->nseg].to = to;
		cal->nseg++;
	}
	if (cal->nseg == 0)
		return mc_fail(err, MC_EINVAL,
		    _("office hours: at least one range is needed, e.g. 07:00-11:30,13:30-17:00"));
	return MC_OK;
}

int
calendar_configure(struct calendar *cal, const char *week, const char *hours,
    const char *cutoff, struct mc_error *err)
{
	struct calendar tmp = *cal;	/* shares days: only the settings are written */
	int rc;

	if (week != NULL && (rc = parse_week(week, tmp.week, err)) != MC_OK)
		return rc;
	if (hours != NULL && (rc = parse_hours(hours, &tmp, err)) != MC_OK)
		return rc;
	if (cutoff != NULL && (tmp.cutoff = parse_hhmm(cutoff, (int)strlen(cutoff))) < 0)
		return mc_fail(err, MC_EINVAL,
		    _("same-day cut-off: '%s' is not a time like 15:00"), cutoff);
	*cal = tmp;
	return MC_OK;
}
