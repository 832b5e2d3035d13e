/* mctime.h -- civil (office-local) dates and times as plain integers.
 *
 * Deadlines are counted on the office's wall clock, so motcua keeps times as minutes
 * since 1970-01-01 00:00 *local* civil time (mc_minute) and dates as day numbers
 * (mc_day, 0 = 1970-01-01); the SMS queues and the health checks count seconds the same
 * way (mc_second).  No time zone enters the arithmetic; only mc_clock() asks the system
 * clock (or $MOTCUA_NOW, "YYYY-MM-DD HH:MM", for tests and demos).
 * Stored form: "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" and "YYYY-MM-DD"; shown form:
 * "HH:MM DD/MM/YYYY"; typed form (forms and command lines): "DD/MM/YYYY[ HH:MM]" and
 * its variants, or the stored one.  Timers and timeouts use mc_monotonic(), which no setting moves.
 */
#ifndef MC_MCTIME_H
#define MC_MCTIME_H

#include <stdint.h>
#include <time.h>

typedef int64_t mc_minute;
typedef int32_t mc_day;
typedef int64_t mc_second;	/* seconds since 1970-01-01 00:00 civil time */

#define MC_DAY_MINUTES 1440
#define MC_TIME_NONE INT64_MIN	/* "no time": a dossier not yet finished */

mc_day mc_day_from_civil(int y, int m, int d);
void mc_civil_from_day(mc_day day, int *y, int *m, int *d);
int mc_weekday(mc_day day);		/* 0 = Monday ... 6 = Sunday */
int mc_civil_valid(int y, int m, int d);

static inline mc_day mc_day_of(mc_minute t) { return (mc_day)((t >= 0 ? t : t - MC_DAY_MINUTES + 1) / MC_DAY_MINUTES); }
static inline int mc_minute_of_day(mc_minute t) { return (int)(t - (mc_minute)mc_day_of(t) * MC_DAY_MINUTES); }
static inline mc_minute mc_at(mc_day day, int minute) { return (mc_minute)day * MC_DAY_MINUTES + minute; }
/* The minute second t falls in, and the first second of minute m. */
static inline mc_minute mc_minute_of(mc_second t) { return (t >= 0 ? t : t - 59) / 60; }
static inline mc_second mc_second_at(mc_minute m) { return (mc_second)m * 60; }

/* Parse the stored forms "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" (or
 * with 'T'); 0 on success, -1 on anything else (out-of-range fields included).  What
 * people type goes to mc_date_read() and mc_time_read() below. */
int mc_time_parse(const char *s, mc_minute *out);
int mc_date_parse(const char *s, mc_day *out);
/* The same forms, seconds kept (0 when not given). */
int mc_second_parse(const char *s, mc_second *out);
/* Parse "HH:MM" into minutes of the day; -1 if bad. */
int mc_hhmm_parse(const char *s);

/* A date as people type it (a form's field, a command's argument): the day first,
 * "23/11/2026", "3/1/2026", "23-11-2026" or "23.11.2026" (day and month of one or two
 * digits, the year of four, the same separator twice), or the stored "2026-11-23"
 * (month and day of one digit too); spaces and tabs around are skipped.  0 on success,
 * -1 on anything else, out-of-range fields included (out then untouched). */
int mc_date_read(const char *s, mc_day *out);
/* A time as people type it: such a date alone (00:00), or followed by a time of day
 * ("23/11/2026 9:30", "23/11/2026 14h30", "23/11/2026 14h"), or after it as the
 * screens show one ("09:30 23/11/2026"); or any form mc_time_parse() reads.  0 on
 * success, -1 on anything else (out then untouched). */
int mc_time_read(const char *s, mc_minute *out);

#define MC_TIME_BUF 20
void mc_time_format(mc_minute t, char buf[MC_TIME_BUF]);	/* YYYY-MM-DD HH:MM; "" for MC_TIME_NONE */
void mc_date_format(mc_day d, char buf[MC_TIME_BUF]);		/* YYYY-MM-DD */
void mc_second_format(mc_second t, char buf[MC_TIME_BUF]);	/* YYYY-MM-DD HH:MM:SS */
void mc_time_format_vn(mc_minute t, char buf[MC_TIME_BUF]);	/* HH:MM DD/MM/YYYY */
void mc_date_format_vn(mc_day d, char buf[MC_TIME_BUF]);	/* DD/MM/YYYY */

/* ISO 8601 with the UTC offset, for data that programs read (JSON):
 * "2026-10-12T09:00:00+07:00".  zone is a tz database name (the office setting
 * "timezone"); NULL or "" is MC_ZONE_DEFAULT.  A zone the system's tz database does not
 * hold is read as a POSIX TZ string ("UTC-7"), except MC_ZONE_DEFAULT, which is then
 * +07:00 (Vietnam has kept one offset since 1975). */
#define MC_ZONE_DEFAULT "Asia/Ho_Chi_Minh"
#define MC_ISO_BUF 32
/* Minutes east of UTC of the civil time t in zone.  Sets TZ for a moment (cached per
 * day), so not for threads. */
int mc_zone_offset(const char *zone, mc_minute t);
/* A stored time s, "YYYY-MM-DD HH:MM[:SS]" (or with 'T'), civil time in zone, into
 * buf as ISO 8601 with its offset; a trailing 'Z' (or zone "UTC") gives +00:00.
 * -1 (buf empty) when s is not such a time. */
int mc_time_iso(const char *s, const char *zone, char buf[MC_ISO_BUF]);

/* The office's current time: $MOTCUA_NOW if set and valid, else the local clock;
 * to the minute and to the second. */
mc_minute mc_now(void);
mc_second mc_clock(void);
/* A time of the system clock (a file's time stamp) as the office's civil seconds. */
mc_second mc_second_from_system(time_t t);

/* Seconds on a clock that never jumps (CLOCK_MONOTONIC), for timers and timeouts. */
double mc_monotonic(void);

#endif
