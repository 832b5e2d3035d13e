/* mctime.h -- civil (office-local) dates and times as plain integers.
 *
 * Deadlines are counted on the office's wall clock, so motcua keeps times as minutes
 * since 1970-01-01 00:00 *local* civil time (mc_minute) and dates as day numbers
 * (mc_day, 0 = 1970-01-01).  No time zone enters the arithmetic; only mc_now() asks
 * the system clock (or $MOTCUA_NOW, "YYYY-MM-DD HH:MM", for tests and demos).
 * Stored form: "YYYY-MM-DD HH:MM" and "YYYY-MM-DD"; shown form: "HH:MM DD/MM/YYYY".
 */
#ifndef MC_MCTIME_H
#define MC_MCTIME_H

#include <stdint.h>

typedef int64_t mc_minute;
typedef int32_t mc_day;

#define MC_DAY_MINUTES 1440
#define MC_TIME_NONE INT64_MIN	/* "no time": a dossier not yet finished */

mc_day mc_day_from_civil(int y, int m, int d);
void mc_civil_from_day(mc_day day, int *y, int *m, int *d);
int mc_weekday(mc_day day);		/* 0 = Monday ... 6 = Sunday */
int mc_civil_valid(int y, int m, int d);

static inline mc_day mc_day_of(mc_minute t) { return (mc_day)((t >= 0 ? t : t - MC_DAY_MINUTES + 1) / MC_DAY_MINUTES); }
static inline int mc_minute_of_day(mc_minute t) { return (int)(t - (mc_minute)mc_day_of(t) * MC_DAY_MINUTES); }
static inline mc_minute mc_at(mc_day day, int minute) { return (mc_minute)day * MC_DAY_MINUTES + minute; }

/* Parse "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" (or with 'T');
 * 0 on success, -1 on anything else (out-of-range fields included). */
int mc_time_parse(const char *s, mc_minute *out);
int mc_date_parse(const char *s, mc_day *out);
/* Parse "HH:MM" into minutes of the day; -1 if bad. */
int mc_hhmm_parse(const char *s);

#define MC_TIME_BUF 20
void mc_time_format(mc_minute t, char buf[MC_TIME_BUF]);	/* YYYY-MM-DD HH:MM; "" for MC_TIME_NONE */
void mc_date_format(mc_day d, char buf[MC_TIME_BUF]);		/* YYYY-MM-DD */
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

/* The office's current time: $MOTCUA_NOW if set and valid, else the local clock. */
mc_minute mc_now(void);

/* Seconds on a clock that never jumps (CLOCK_MONOTONIC), for timers and timeouts. */
double mc_monotonic(void);

#endif
