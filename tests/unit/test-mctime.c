/* test-mctime.c -- civil dates and times: conversions, parsing, formatting, weekdays. */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil),
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_now),
		cmocka_unit_test(test_iso),
	};

	return cmocka_run_group_tests_name("mctime", tests, NULL, NULL);
}
