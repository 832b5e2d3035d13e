/* fuzz-calendar.c -- libFuzzer target: office settings and due dates (common/calendar.c).
 *
 * The input is "FLAGS WEEK \n HOURS \n CUTOFF \n RECORDS": the first byte says which of
 * week, hours and cut-off are given to calendar_configure() (bit 0, 1, 2 set = NULL),
 * the next three lines are the settings, and what follows is read 5 bytes at a time
 * as holiday rows to add and questions to ask (due dates, working days, resuming).
 *
 * What must hold:
 *  - calendar_configure() is all or nothing: refused, the calendar is unchanged and
 *    a message says why (UTF-8 when the input was); accepted, the week has a working
 *    day, the hours are 1..CAL_MAX_SEGMENTS sorted ranges inside the day;
 *  - the effective time is the time itself inside office hours, else the next
 *    opening, never earlier; the next working day is the first one after the day;
 *  - a due date in working days falls on a working day at closing (a closing of 24:00
 *    is the next day's 00:00), that many working days after the day of effective
 *    receipt; same-day, calendar days and hours follow calendar.h (hours counted
 *    minute by minute across ranges and days);
 *  - working days between two days match a count day by day, with the sign;
 *  - resuming after a supplement moves a due date at closing by the working days
 *    waited, to closing again.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "fuzz.h"

#define BASE_DAY 20454		/* 2026-01-01 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
count_between(const struct calendar *cal, mc_day a, mc_day b)
{
	int n = 0;

	if (b < a)
		return -count_between(cal, b, a);
	for (mc_day d = a + 1; d <= b; d++)
		n += calendar_is_working_day(cal, d);
	return n;
}

/* Minutes of office time in [from, to) of one day. */
static int
office_minutes(const struct calendar *cal, mc_day day, int from, int to)
{
	int n = 0, a, b;

	if (!calendar_is_working_day(cal, day))
		return 0;
	for (int i = 0; i < cal->nseg; i++) {
		a = cal->seg[i].from > from ? cal->seg[i].from : from;
		b = cal->seg[i].to < to ? cal->seg[i].to : to;
		if (b > a)
			n += b - a;
	}
	return n;
}

/* Minutes of office time in [a, b). */
static int64_t
office_between(const struct calendar *cal, mc_minute a, mc_minute b)
{
	mc_day da = mc_day_of(a), db = mc_day_of(b);
	int64_t n = 0;

	for (mc_day d = da; d <= db; d++)
		n += office_minutes(cal, d, d == da ? mc_minute_of_day(a) : 0,
		    d == db ? mc_minute_of_day(b) : MC_DAY_MINUTES);
	return n;
}

/* Do two calendars hold the same settings and rows? */
static int
same_calendar(const struct calendar *a, const struct calendar *b)
{
	if (memcmp(a->week, b->week, sizeof a->week) != 0 || a->nseg != b->nseg ||
	    a->cutoff != b->cutoff || a->days != b->days || a->ndays != b->ndays)
		return 0;
	for (int i = 0; i < a->nseg && i < CAL_MAX_SEGMENTS; i++)
		if (a->seg[i].from != b->seg[i].from || a->seg[i].to != b->seg[i].to)
			return 0;
	return 1;
}

/* Is minute m of a working day inside office hours? */
static int
in_hours(const struct calendar *cal, int m)
{
	for (int i = 0; i < cal->nseg; i++)
		if (m >= cal->seg[i].from && m < cal->seg[i].to)
			return 1;
	return 0;
}

static void
check_settings(const struct calendar *cal)
{
	int n = 0;

	for (int i = 0; i < 7; i++)
		n += cal->week[i] != 0;
	FUZZ_CHECK(n > 0, "an accepted week without a working day");
	FUZZ_CHECK(cal->nseg >= 1 && cal->nseg <= CAL_MAX_SEGMENTS, "%d ranges", cal->nseg);
	for (int i = 0; i < cal->nseg; i++) {
		FUZZ_CHECK(cal->seg[i].from >= 0 && cal->seg[i].from < cal->seg[i].to &&
		    cal->seg[i].to <= MC_DAY_MINUTES, "range %d is %d-%d", i, cal->seg[i].from,
		    cal->seg[i].to);
		FUZZ_CHECK(i == 0 || cal->seg[i].from >= cal->seg[i - 1].to,
		    "range %d starts before the one before it ends", i);
	}
	FUZZ_CHECK(cal->cutoff >= 0 && cal->cutoff <= MC_DAY_MINUTES, "cut-off %d", cal->cutoff);
}

static void
check_next(const struct calendar *cal, mc_day day)
{
	mc_day next = calendar_next_working_day(cal, day);

	FUZZ_CHECK(next != CAL_NO_DAY && next > day && calendar_is_working_day(cal, next),
	    "next working day after %ld is %ld", (long)day, (long)next);
	for (mc_day d = day + 1; d < next; d++)
		FUZZ_CHECK(!calendar_is_working_day(cal, d), "day %ld, working, lies between %ld and "
		    "the next working day %ld", (long)d, (long)day, (long)next);
}

static void
check_due(const struct calendar *cal, mc_minute t, int amount, enum time_unit unit)
{
	mc_minute e = calendar_effective(cal, t), due;
	mc_day eday, dday;
	int close = calendar_close_minute(cal);
	int64_t left;

	FUZZ_CHECK(e != MC_TIME_NONE && e >= t, "effective time of %lld is %lld", (long long)t,
	    (long long)e);
	eday = mc_day_of(e);
	FUZZ_CHECK(calendar_is_working_day(cal, eday) && in_hours(cal, mc_minute_of_day(e)),
	    "effective time %lld of %lld is outside office hours", (long long)e, (long long)t);
	FUZZ_CHECK(office_between(cal, t, e) == 0, "%lld counts from %lld, not from the next "
	    "opening", (long long)t, (long long)e);

	due = calendar_due(cal, t, amount, unit, -1);
	FUZZ_CHECK(due != MC_TIME_NONE && due >= e, "due %lld before the receipt %lld (unit %s)",
	    (long long)due, (long long)e, time_unit_name(unit));
	if (unit == TU_HOURS) {
		/* Office minutes in [e, due) are the amount, the last one just before due. */
		left = office_between(cal, e, due);
		FUZZ_CHECK(left == (int64_t)amount * 60 &&
		    (amount == 0 || office_between(cal, due - 1, due) == 1),
		    "%d hours from %lld is %lld (%lld office minutes)", amount, (long long)e,
		    (long long)due, (long long)left);
		return;
	}
	/* The others are due at closing (24:00 being the next day's 00:00) of day dday. */
	FUZZ_CHECK(mc_minute_of_day(due - close) == 0, "due %lld is not at closing (%d), unit %s",
	    (long long)due, close, time_unit_name(unit));
	dday = mc_day_of(due - close);
	FUZZ_CHECK(calendar_is_working_day(cal, dday), "due %lld is not on a working day",
	    (long long)due);
	switch (unit) {
	case TU_WORKING_DAYS:
		FUZZ_CHECK(count_between(cal, eday, dday) == amount,
		    "%d working days from %lld is %lld", amount, (long long)e, (long long)due);
		break;
	case TU_SAME_DAY:
		FUZZ_CHECK(dday == (mc_minute_of_day(e) < cal->cutoff ? eday :
		    calendar_next_working_day(cal, eday)),
		    "same-day from %lld (cut-off %d) is %lld", (long long)e, cal->cutoff,
		    (long long)due);
		break;
	case TU_DAYS:
		FUZZ_CHECK(dday >= eday + amount && count_between(cal, eday + amount - 1, dday - 1) == 0,
		    "%d days from %lld is %lld", amount, (long long)e, (long long)due);
		break;
	case TU_HOURS:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct calendar cal, before;
	struct mc_error err;
	char *parts[4], *buf;
	const char *week, *hours, *cutoff;
	const uint8_t *rec, *end;
	int n, nparts, rc, utf8 = 1;

	if (size < 1)
		return 0;
	buf = fuzz_split(data + 1, size - 1, '\n', parts, 4, &n);
	nparts = n;
	while (n < 4)
		parts[n++] = (char *)"";
	week = data[0] & 1 ? NULL : parts[0];
	hours = data[0] & 2 ? NULL : parts[1];
	cutoff = data[0] & 4 ? NULL : parts[2];
	for (int i = 0; i < 3; i++)
		utf8 &= fuzz_utf8_valid(parts[i], strlen(parts[i]), 0);

	calendar_default(&cal);
	calendar_add_day(&cal, BASE_DAY, 0, 0);
	before = cal;
	mc_error_clear(&err);
	rc = calendar_configure(&cal, week, hours, cutoff, &err);
	if (rc != MC_OK) {
		FUZZ_CHECK(rc == MC_EINVAL, "calendar_configure returned %s", mc_codename(rc));
		FUZZ_CHECK(same_calendar(&cal, &before), "a refused setting changed the calendar");
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
		fuzz_check_error(&err, rc, utf8);
		calendar_free(&cal);
		free(buf);
		return 0;
	}
	check_settings(&cal);
	FUZZ_CHECK(cal.days == before.days && cal.ndays == 1, "the holiday rows changed");

	/* Records: kind, then a day offset and a value, 16 bits each. */
	end = (const uint8_t *)buf + (size - 1);
	rec = nparts == 4 ? (const uint8_t *)parts[3] : end;
	for (int k = 0; k < 64 && rec + 5 <= end; k++, rec += 5) {
		mc_day day = BASE_DAY + (int16_t)(rec[1] | rec[2] << 8);
		int value = rec[3] | rec[4] << 8;
		mc_minute t = mc_at(day, value % MC_DAY_MINUTES);

		switch (rec[0] % 8) {
		case 0:
		case 1:
			FUZZ_CHECK(calendar_add_day(&cal, day, rec[0] & 8, rec[0] & 16) == MC_OK,
			    "calendar_add_day failed");
			FUZZ_CHECK(calendar_is_working_day(&cal, day) == !!(rec[0] & 8),
			    "a holiday row does not decide its day");
			for (size_t i = 1; i < cal.ndays; i++)
				FUZZ_CHECK(cal.days[i - 1].day < cal.days[i].day, "holiday rows not sorted");
			break;
		case 2:
		case 3:
		case 4:
		case 5:
			check_due(&cal, t, rec[0] >> 3, (enum time_unit)(rec[0] % 8 - 2));
			break;
		case 6: {
			mc_day other = day + (int)(value % 4001) - 2000;

			FUZZ_CHECK(calendar_working_days_between(&cal, day, other) ==
			    count_between(&cal, day, other),
			    "working days between %ld and %ld: %d, counted %d", (long)day, (long)other,
			    calendar_working_days_between(&cal, day, other),
			    count_between(&cal, day, other));
			check_next(&cal, day);
			break;
		}
		case 7: {
			/* A due date at closing stays at closing, lost working days later. */
			int close = calendar_close_minute(&cal);
			mc_minute due = calendar_due(&cal, t, 5, TU_WORKING_DAYS, -1);
			mc_minute paused = t, resumed = t + (mc_minute)(value % 200) * 97;
			mc_minute moved = calendar_resume(&cal, due, paused, resumed);
			int lost = count_between(&cal, mc_day_of(paused), mc_day_of(resumed));

			FUZZ_CHECK(mc_minute_of_day(moved - close) == 0 &&
			    calendar_is_working_day(&cal, mc_day_of(moved - close)) &&
			    count_between(&cal, mc_day_of(due - close), mc_day_of(moved - close)) ==
			    (lost > 0 ? lost : 0),
			    "due %lld (closing %d) paused %lld resumed %lld: moved to %lld, "
			    "expected %d working days later at closing", (long long)due, close,
			    (long long)paused, (long long)resumed, (long long)moved, lost);
			break;
		}
		}
	}
	calendar_free(&cal);
	free(buf);
	return 0;
}
