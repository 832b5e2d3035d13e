/* calendar.h -- working days, office hours, holidays and due-date arithmetic.
 *
 * The rules (DOMAIN.md "Deadlines"):
 *  - a working day is a weekday of the office's week that is not a day off, or a day
 *    the holiday table marks as an extra working day (a Saturday worked in exchange);
 *  - a dossier received outside office hours counts as received at the next opening;
 *  - N working days: the day of receipt is not counted; due at closing time of the
 *    Nth working day after it;
 *  - same-day procedures: received before the cut-off (default 15:00) -> due at
 *    closing the same day, else closing of the next working day;
 *  - N calendar days: received date + N, pushed to the next working day if that is
 *    not one, due at closing;
 *  - N working hours: counted inside office hours across lunch breaks and days;
 *  - supplement waiting time is not charged: calendar_resume() moves the due date by
 *    the working days the office waited;
 *  - an extension (apology) sets a new due date given by the office.
 */
#ifndef MC_CALENDAR_H
#define MC_CALENDAR_H

#include <stddef.h>

#include "error.h"
#include "mctime.h"

#define CAL_MAX_SEGMENTS 4
#define CAL_NO_DAY INT32_MIN	/* "no such day": the calendar has no working day at all */
#define CAL_MAX_AMOUNT 10000	/* calendar_due counts a larger amount as this many units */

enum time_unit {
	TU_WORKING_DAYS,
	TU_DAYS,
	TU_SAME_DAY,
	TU_HOURS,
};

struct holiday_day {
	mc_day day;
	int work;		/* 1 = extra working day, 0 = day off */
	int provisional;	/* not yet announced */
};

struct calendar {
	unsigned char week[7];		/* week[0] = Monday: 1 if a working day */
	int nseg;
	struct { int from, to; } seg[CAL_MAX_SEGMENTS];	/* minutes of the day, sorted */
	int cutoff;			/* same-day cut-off, minutes of the day */
	struct holiday_day *days;	/* sorted by day; owned */
	size_t ndays;
};

/* A calendar with the defaults (Mon-Fri, 07:00-11:30 + 13:30-17:00, 15:00, no holidays). */
void calendar_default(struct calendar *cal);
/* Set week ("1,2,3,4,5", ranges like "1-6" too), hours ("07:00-11:30,13:30-17:00",
 * in order, not overlapping, at most CAL_MAX_SEGMENTS) and cut-off ("15:00").  A NULL
 * argument keeps the current value.  All or nothing: on MC_EINVAL (err names the bad
 * setting and value) cal is unchanged.  At least one working weekday is required. */
int calendar_configure(struct calendar *cal, const char *week, const char *hours,
    const char *cutoff, struct mc_error *err);
/* Add a holiday row (kept sorted; a later row for the same day replaces it).
 * MC_OK or MC_ENOMEM (cal unchanged). */
int calendar_add_day(struct calendar *cal, mc_day day, int work, int provisional);
void calendar_free(struct calendar *cal);

int calendar_is_working_day(const struct calendar *cal, mc_day day);
/* The first working day after day; CAL_NO_DAY for a calendar without working days
 * (an empty week, filled in by hand: calendar_configure refuses one). */
mc_day calendar_next_working_day(const struct calendar *cal, mc_day day);
/* Opening and closing minute of a working day (0 when there are no hours). */
int calendar_open_minute(const struct calendar *cal);
int calendar_close_minute(const struct calendar *cal);
/* Working days in (a, b]; negative if b < a. */
int calendar_working_days_between(const struct calendar *cal, mc_day a, mc_day b);
/* The effective receipt time: t itself inside office hours, else the next opening;
 * MC_TIME_NONE for MC_TIME_NONE or a calendar without working time. */
mc_minute calendar_effective(const struct calendar *cal, mc_minute t);

/* Due time for a procedure of amount units received at t.  cutoff < 0: the office's.
 * Counting starts from calendar_effective(received).  TU_SAME_DAY ignores amount.
 * A negative amount counts as 0, one above CAL_MAX_AMOUNT as CAL_MAX_AMOUNT.
 * MC_TIME_NONE when received is MC_TIME_NONE or the calendar has no working time. */
mc_minute calendar_due(const struct calendar *cal, mc_minute received, int amount,
    enum time_unit unit, int cutoff);

/* A supplement asked at paused and given at resumed: the new due time, i.e. due moved
 * by the working days in (day of paused, day of resumed].  due itself when nothing
 * was lost (same day, resumed <= paused, or any argument MC_TIME_NONE). */
mc_minute calendar_resume(const struct calendar *cal, mc_minute due, mc_minute paused,
    mc_minute resumed);

/* Is any day of [from, to] covered only by provisional holiday rows?  1 or 0. */
int calendar_provisional(const struct calendar *cal, mc_day from, mc_day to);
/* The first year of [from, to] without a single holiday row (its days off are not
 * known: every weekday counts as a working day), or 0 when every year has some.  Every
 * year has days off (Bộ luật Lao động 2019 Điều 112), so such a year is missing data. */
int calendar_unknown_year(const struct calendar *cal, mc_day from, mc_day to);

const char *time_unit_name(enum time_unit u);	/* "working-days", ...; "?" if unknown */
int time_unit_parse(const char *s);		/* -1 if unknown */

struct store;
/* Load settings and the holiday table of st.  cal must be initialised (calendar_default
 * or an earlier load); on success its rows are replaced, on error it is unchanged.
 * Reads only: may run inside the caller's transaction. */
int calendar_load(struct store *st, struct calendar *cal, struct mc_error *err);

/* Import a holiday CSV: header "date,name" and optional columns "kind" (off|work)
 * and "provisional" (0|1|yes|no).  All or nothing; bad lines reported by number.
 * Rows replace existing rows for the same days.  *nrows gets the count (0 on error).
 * Dates are YYYY-MM-DD; unknown columns, a date twice, an empty name, a row with more
 * or fewer fields than the header are errors.
 * Runs its own transaction (not inside the caller's) and adds an audit row
 * (action "holiday-import"). */
int holiday_import(struct store *st, const char *path, const char *actor, int *nrows,
    struct mc_error *err);

/* Add one row to the holiday table, or replace the row of that day: a day off (work
 * 0) or an extra working day (1), named name (one line, at most 200 bytes, trimmed),
 * provisional or announced.  One transaction of its own with an audit row (action
 * "holiday-add"); MC_EINVAL with the reason for a bad name. */
int holiday_add(struct store *st, mc_day day, const char *name, int work, int provisional,
    const char *actor, struct mc_error *err);
/* Remove the row of day, with an audit row ("holiday-remove"); MC_ENOTFOUND when
 * there is none. */
int holiday_remove(struct store *st, mc_day day, const char *actor, struct mc_error *err);

/* One row of the holiday table, as holiday_each() gives it. */
struct holiday_row {
	mc_day day;
	const char *name;	/* valid during the call */
	int work;		/* 1 = extra working day, 0 = day off */
	int provisional;
};
/* Call fn for each row of the holiday table with a day in [from, to], in day order;
 * fn returning nonzero stops.  Reads only; fn must not call holiday_each itself. */
int holiday_each(struct store *st, mc_day from, mc_day to,
    int (*fn)(const struct holiday_row *r, void *ctx), void *ctx, struct mc_error *err);

#endif
