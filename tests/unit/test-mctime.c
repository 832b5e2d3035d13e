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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil),
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_now),
	};

	return cmocka_run_group_tests_name("mctime", tests, NULL, NULL);
}
