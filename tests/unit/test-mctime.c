/* test-mctime.c -- civil dates and times: conversions, parsing (stored and typed forms),
 * formatting, weekdays. */
#include "unit.h"

#include "mctime.h"

static void
test_civil(void **state)
{
	int y, m, d;
	mc_day day;

	assert_int_equal(mc_day_from_civil(1970, 1, 1), 0);
	assert_int_equal(mc_weekday(mc_day_from_civil(2026, 11, 23)), 0);	/* a Monday */
	assert_int_equal(mc_weekday(mc_day_from_civil(2026, 2, 17)), 1);	/* Tết Bính Ngọ, a Tuesday */
	assert_int_equal(mc_weekday(mc_day_from_civil(1969, 12, 31)), 2);
	for (day = mc_day_from_civil(1999, 1, 1); day < mc_day_from_civil(2101, 1, 1); day += 13) {
		mc_civil_from_day(day, &y, &m, &d);
		assert_int_equal(mc_day_from_civil(y, m, d), day);
	}
	assert_true(mc_civil_valid(2024, 2, 29));
	assert_false(mc_civil_valid(2025, 2, 29));
	assert_false(mc_civil_valid(2100, 2, 29));
	assert_true(mc_civil_valid(2000, 2, 29));
	assert_false(mc_civil_valid(2026, 4, 31));
	assert_false(mc_civil_valid(2026, 13, 1));
}

static void
test_parse_format(void **state)
{
	static const char *const bad[] = { "", "2026", "2026-11-23 9:30", "2026-11-23 24:00",
	    "2026-02-30", "2026-11-23 10:60", "2026-11-23X10:00", "2026-11-23 10:00:61",
	    "26-11-23", "2026/11/23", "2026-11-23 10:00 ", "２０２６-11-23" };
	char buf[MC_TIME_BUF];
	mc_minute t;
	mc_day day;
	size_t i;

	assert_int_equal(mc_time_parse("2026-11-23 09:05", &t), 0);
	mc_time_format(t, buf);
	assert_string_equal(buf, "2026-11-23 09:05");
	mc_time_format_vn(t, buf);
	assert_string_equal(buf, "09:05 23/11/2026");
	assert_int_equal(mc_time_parse("2026-11-23T09:05:59", &t), 0);
	assert_int_equal(mc_minute_of_day(t), 9 * 60 + 5);
	assert_int_equal(mc_time_parse("2026-11-23", &t), 0);
	assert_int_equal(mc_minute_of_day(t), 0);
	assert_int_equal(mc_date_parse("2025-12-31", &day), 0);
	mc_date_format_vn(day + 1, buf);
	assert_string_equal(buf, "01/01/2026");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(mc_time_parse(bad[i], &t), -1);
	assert_int_equal(mc_time_parse(NULL, &t), -1);
	assert_int_equal(mc_hhmm_parse("15:00"), 900);
	assert_int_equal(mc_hhmm_parse("24:00"), 1440);
	assert_int_equal(mc_hhmm_parse("25:00"), -1);
	assert_int_equal(mc_hhmm_parse("7:00"), -1);
	/* Before 1970: day and minute-of-day stay consistent. */
	assert_int_equal(mc_time_parse("1969-12-31 23:59", &t), 0);
	assert_int_equal(mc_day_of(t), -1);
	assert_int_equal(mc_minute_of_day(t), 1439);
}

static void
test_now(void **state)
{
	mc_minute t;

	setenv("MOTCUA_NOW", "2026-10-12 09:00", 1);
	assert_int_equal(mc_time_parse("2026-10-12 09:00", &t), 0);
	assert_true(mc_now() == t);
	setenv("MOTCUA_NOW", "garbage", 1);
	assert_true(mc_now() > t - 366 * MC_DAY_MINUTES * 50);	/* the real clock */
	unsetenv("MOTCUA_NOW");
}

/* Seconds (the SMS queues' times; were smsq_time): the stored form and the clock. */
static void
test_seconds(void **state)
{
	char buf[MC_TIME_BUF];
	mc_second t, t0;
	mc_minute m;

	assert_int_equal(mc_time_parse("2026-10-12 10:00", &m), 0);
	t0 = mc_second_at(m);
	mc_second_format(t0 + 3725, buf);
	assert_string_equal(buf, "2026-10-12 11:02:05");
	assert_int_equal(mc_second_parse(buf, &t), 0);
	assert_int_equal(t, t0 + 3725);
	assert_int_equal(mc_minute_of(t), m + 62);
	assert_int_equal(mc_second_parse("2026-10-12 11:02", &t), 0);
	assert_int_equal(t, t0 + 3720);
	assert_int_equal(mc_second_parse("2026-10-12T11:02:07", &t), 0);
	assert_int_equal(t, t0 + 3727);
	assert_int_equal(mc_second_parse("2026-10-12", &t), 0);
	assert_int_equal(t, t0 - 10 * 3600);
	assert_int_equal(mc_second_parse("2026-10-12 11:02:60", &t), -1);
	assert_int_equal(mc_second_parse("yesterday", &t), -1);
	assert_int_equal(mc_second_parse(NULL, &t), -1);
	mc_second_format(-1, buf);
	assert_string_equal(buf, "1969-12-31 23:59:59");
	assert_int_equal(mc_minute_of(-1), -1);
	assert_int_equal(mc_minute_of(-60), -1);
	assert_int_equal(mc_minute_of(-61), -2);

	setenv("MOTCUA_NOW", "2026-10-12 10:00", 1);
	assert_int_equal(mc_clock(), t0);
	assert_int_equal(mc_now(), m);
	setenv("MOTCUA_NOW", "2026-10-12 10:00:09", 1);
	assert_int_equal(mc_clock(), t0 + 9);
	assert_int_equal(mc_now(), m);
	unsetenv("MOTCUA_NOW");
	t = mc_clock();
	m = mc_now();
	assert_true(m == mc_minute_of(t) || m == mc_minute_of(t) + 1);	/* the real clock */
	/* 2026-10-12 10:00 local time, as the system counts it */
	{
		struct tm tm = { .tm_year = 126, .tm_mon = 9, .tm_mday = 12, .tm_hour = 10,
		    .tm_sec = 30, .tm_isdst = -1 };

		assert_int_equal(mc_second_from_system(mktime(&tm)), t0 + 30);
	}
}

/* The monotonic clock never goes back. */
static void
test_monotonic(void **state)
{
	double a = mc_monotonic(), b = mc_monotonic();

	assert_true(a > 0);
	assert_true(b >= a);
}

/* ISO 8601 with the office's offset, for JSON (issue 9 item 3). */
static void
test_iso(void **state)
{
	char buf[MC_ISO_BUF];

	assert_int_equal(mc_time_iso("2026-10-12 09:00", NULL, buf), 0);
	assert_string_equal(buf, "2026-10-12T09:00:00+07:00");
	assert_int_equal(mc_time_iso("2026-10-12 09:00:07", MC_ZONE_DEFAULT, buf), 0);
	assert_string_equal(buf, "2026-10-12T09:00:07+07:00");
	assert_int_equal(mc_time_iso("2026-10-12T02:00:00Z", NULL, buf), 0);
	assert_string_equal(buf, "2026-10-12T02:00:00+00:00");
	assert_int_equal(mc_time_iso("2026-10-12 09:00", "UTC", buf), 0);
	assert_string_equal(buf, "2026-10-12T09:00:00+00:00");
	/* A POSIX TZ string: 5 h 30 east of UTC. */
	assert_int_equal(mc_time_iso("2026-01-31 23:59", "<+0530>-5:30", buf), 0);
	assert_string_equal(buf, "2026-01-31T23:59:00+05:30");
	assert_int_equal(mc_time_iso("2026-01-31 23:59", "<-03>3", buf), 0);
	assert_string_equal(buf, "2026-01-31T23:59:00-03:00");
	/* Summer time, from the tz database, where it has the zone. */
	if (access("/usr/share/zoneinfo/Europe/Paris", R_OK) == 0) {
		assert_int_equal(mc_time_iso("2026-07-01 12:00", "Europe/Paris", buf), 0);
		assert_string_equal(buf, "2026-07-01T12:00:00+02:00");
		assert_int_equal(mc_time_iso("2026-01-01 12:00", "Europe/Paris", buf), 0);
		assert_string_equal(buf, "2026-01-01T12:00:00+01:00");
		/* The day it changes (29/3/2026, 02:00 -> 03:00). */
		assert_int_equal(mc_time_iso("2026-03-29 01:00", "Europe/Paris", buf), 0);
		assert_string_equal(buf, "2026-03-29T01:00:00+01:00");
		assert_int_equal(mc_time_iso("2026-03-29 12:00", "Europe/Paris", buf), 0);
		assert_string_equal(buf, "2026-03-29T12:00:00+02:00");
	}
	/* The caller's TZ is left as it was. */
	setenv("TZ", "UTC", 1);
	assert_int_equal(mc_time_iso("2026-10-12 09:00", "Asia/Ho_Chi_Minh", buf), 0);
	assert_string_equal(getenv("TZ"), "UTC");
	unsetenv("TZ");
	assert_int_equal(mc_time_iso("", NULL, buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(mc_time_iso("2026-10-12", NULL, buf), -1);
	assert_int_equal(mc_time_iso("2026-13-12 09:00", NULL, buf), -1);
	assert_int_equal(mc_time_iso("2026-10-12 09:00:61", NULL, buf), -1);
	assert_int_equal(mc_time_iso(NULL, NULL, buf), -1);
}

/* Dates typed by people (issue 10): the day first with '/', '-' or '.', or the stored
 * form; the same parser for the report, reminder and dossier screens and the commands. */
static void
test_date_read(void **state)
{
	static const struct { const char *in; int y, m, d; } good[] = {
		{ "23/11/2026", 2026, 11, 23 },
		{ "3/1/2026", 2026, 1, 3 },
		{ "03/01/2026", 2026, 1, 3 },
		{ "23-11-2026", 2026, 11, 23 },
		{ "23.11.2026", 2026, 11, 23 },
		{ "2026-11-23", 2026, 11, 23 },
		{ "2026-1-3", 2026, 1, 3 },
		{ "  29/2/2024\t", 2024, 2, 29 },
		{ "31/12/1900", 1900, 12, 31 },
	};
	static const char *const bad[] = { "", " ", "23/11/26", "23/11-2026", "23.11/2026",
	    "2026/11/23", "11/2026", "23/11/2026x", "29/02/2025", "31/04/2026", "0/1/2026",
	    "1/13/2026", "1/0/2026", "123/1/2026", "1/123/2026", "1/1/20261", "+1/1/2026",
	    "-1/1/2026", "1 /1/2026", "1/ 1/2026", "23/11/2026 09:30", "2026-11-23 09:30",
	    "2026-11", "2026-011-23", "23/11/1899", "1/1/2201", "２３/11/2026", "yesterday",
	    "23/11/2026 ngày" };
	char many[100];
	mc_day day, want;
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		day = -1;
		assert_int_equal(mc_date_read(good[i].in, &day), 0);
		assert_int_equal(day, mc_day_from_civil(good[i].y, good[i].m, good[i].d));
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		day = 12345;
		if (mc_date_read(bad[i], &day) != -1)
			fail_msg("mc_date_read accepted '%s'", bad[i]);
		assert_int_equal(day, 12345);		/* untouched */
	}
	assert_int_equal(mc_date_read(NULL, &day), -1);
	memset(many, ' ', sizeof many - 11);
	strcpy(many + sizeof many - 11, "23/11/2026");
	assert_int_equal(mc_date_read(many, &day), 0);	/* spaces around are free */
	want = mc_day_from_civil(2026, 11, 23);
	assert_int_equal(day, want);
	/* what the screens show reads back */
	{
		char vn[MC_TIME_BUF];

		mc_date_format_vn(want, vn);
		assert_int_equal(mc_date_read(vn, &day), 0);
		assert_int_equal(day, want);
	}
}

static void
test_time_read(void **state)
{
	static const struct { const char *in; int y, m, d, hh, mm; } good[] = {
		{ "23/11/2026 09:30", 2026, 11, 23, 9, 30 },
		{ "23/11/2026 9:30", 2026, 11, 23, 9, 30 },
		{ "3/1/2026  14h30", 2026, 1, 3, 14, 30 },
		{ "3.1.2026 14H", 2026, 1, 3, 14, 0 },
		{ "23-11-2026\t7h05", 2026, 11, 23, 7, 5 },
		{ "23/11/2026", 2026, 11, 23, 0, 0 },
		{ "09:30 23/11/2026", 2026, 11, 23, 9, 30 },	/* as the screens show it */
		{ "9h 23/11/2026", 2026, 11, 23, 9, 0 },
		{ "2026-11-23 09:30", 2026, 11, 23, 9, 30 },
		{ "2026-11-23T09:30:59", 2026, 11, 23, 9, 30 },
		{ "2026-11-23 9:30", 2026, 11, 23, 9, 30 },
		{ "2026-11-23", 2026, 11, 23, 0, 0 },
		{ " 23/11/2026 23:59 ", 2026, 11, 23, 23, 59 },
	};
	static const char *const bad[] = { "", "09:30", "23/11/2026 24:00", "23/11/2026 9:60",
	    "23/11/2026 9:3", "23/11/2026 9", "23/11/2026 9h3", "23/11/202609:30",
	    "09:3023/11/2026", "23/11/2026 09:30 23/11/2026", "09:30 09:30", "23/11/2026 09:30:00",
	    "23/11/2026 sáng", "23/11/2026 -9:30", "30/2/2026 09:30", "2026-11-23 24:00",
	    "23/11/2026 09:30x" };
	mc_minute t;
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		t = -1;
		if (mc_time_read(good[i].in, &t) != 0)
			fail_msg("mc_time_read refused '%s'", good[i].in);
		assert_int_equal(t, mc_at(mc_day_from_civil(good[i].y, good[i].m, good[i].d),
		    good[i].hh * 60 + good[i].mm));
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = 12345;
		if (mc_time_read(bad[i], &t) != -1)
			fail_msg("mc_time_read accepted '%s'", bad[i]);
		assert_int_equal(t, 12345);
	}
	assert_int_equal(mc_time_read(NULL, &t), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil),
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_now),
		cmocka_unit_test(test_seconds),
		cmocka_unit_test(test_monotonic),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_date_read),
		cmocka_unit_test(test_time_read),
	};

	return cmocka_run_group_tests_name("mctime", tests, NULL, NULL);
}
