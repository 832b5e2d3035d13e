/* test-calendar.c -- working days, office hours, due dates and holiday import, on
 * real dates: Tết Bính Ngọ 2026, Giỗ Tổ on a Sunday, the 15:00 rule, New Year 2026. */
#include "config.h"

#include "unit.h"

#include "calendar.h"
#include "i18n.h"
#include "mctime.h"

static mc_day
D(int y, int m, int d)
{
	return mc_day_from_civil(y, m, d);
}

static mc_minute
T(int y, int m, int d, int hh, int mm)
{
	return mc_at(mc_day_from_civil(y, m, d), hh * 60 + mm);
}

/* Assert a time, showing both as text when they differ. */
#define assert_time(got, want) do { \
	char g_[MC_TIME_BUF], w_[MC_TIME_BUF]; \
	mc_time_format((got), g_); \
	mc_time_format((want), w_); \
	assert_string_equal(g_, w_); \
} while (0)

/* A file under a fresh temporary directory with the given content. */
static void
write_file(char path[256], const char *name, const char *content)
{
	char dir[] = "/tmp/motcua-cal.XXXXXX";
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, 256, "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(content, 1, strlen(content), fp), strlen(content));
	assert_int_equal(fclose(fp), 0);
}

static void
remove_file(const char *path)
{
	char dir[256], *slash;

	snprintf(dir, sizeof dir, "%s", path);
	unlink(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		rmdir(dir);
	}
}

static int
count(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Import the three shipped files into st. */
static void
import_shipped(struct store *st)
{
	static const char *const years[] = { "2025", "2026", "2027" };
	struct mc_error err;
	char path[512];
	size_t i;
	int n;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/data/holidays/%s.csv", SRCDIR, years[i]);
		if (holiday_import(st, path, "test", &n, &err) != MC_OK)
			fail_msg("%s: %s", path, mc_message(&err));
		assert_true(n >= 11);
	}
}

/* The office calendar with the shipped holidays, as dossier intake loads it. */
static void
shipped_calendar(struct calendar *cal)
{
	struct mc_error err;
	struct store *st;
	char path[256];

	assert_non_null(st = unit_store(path));
	import_shipped(st);
	calendar_default(cal);
	if (calendar_load(st, cal, &err) != MC_OK)
		fail_msg("calendar_load: %s", mc_message(&err));
	unit_store_done(st, path);
}

static void
test_defaults(void **state)
{
	struct calendar cal;

	calendar_default(&cal);
	assert_int_equal(calendar_open_minute(&cal), 7 * 60);
	assert_int_equal(calendar_close_minute(&cal), 17 * 60);
	assert_int_equal(cal.cutoff, 15 * 60);
	assert_true(calendar_is_working_day(&cal, D(2026, 3, 6)));	/* Friday */
	assert_false(calendar_is_working_day(&cal, D(2026, 3, 7)));	/* Saturday */
	assert_false(calendar_is_working_day(&cal, D(2026, 3, 8)));	/* Sunday */
	assert_int_equal(calendar_next_working_day(&cal, D(2026, 3, 6)), D(2026, 3, 9));
	assert_int_equal(time_unit_parse("working-days"), TU_WORKING_DAYS);
	assert_int_equal(time_unit_parse("same-day"), TU_SAME_DAY);
	assert_int_equal(time_unit_parse("days"), TU_DAYS);
	assert_int_equal(time_unit_parse("hours"), TU_HOURS);
	assert_int_equal(time_unit_parse("weeks"), -1);
	assert_string_equal(time_unit_name(TU_HOURS), "hours");
	assert_string_equal(time_unit_name(time_unit_parse("same-day")), "same-day");
	calendar_free(&cal);
}

static void
test_add_day(void **state)
{
	struct calendar cal;

	calendar_default(&cal);
	assert_int_equal(calendar_add_day(&cal, D(2026, 9, 2), 0, 0), MC_OK);
	assert_int_equal(calendar_add_day(&cal, D(2026, 1, 1), 0, 0), MC_OK);
	assert_int_equal(calendar_add_day(&cal, D(2026, 4, 27), 0, 1), MC_OK);
	assert_int_equal(calendar_add_day(&cal, D(2026, 4, 27), 0, 0), MC_OK);	/* replaces */
	assert_int_equal(cal.ndays, 3);
	assert_int_equal(cal.days[0].day, D(2026, 1, 1));
	assert_int_equal(cal.days[1].day, D(2026, 4, 27));
	assert_int_equal(cal.days[1].provisional, 0);
	assert_int_equal(cal.days[2].day, D(2026, 9, 2));
	assert_false(calendar_is_working_day(&cal, D(2026, 4, 27)));
	assert_true(calendar_is_working_day(&cal, D(2026, 4, 28)));
	calendar_free(&cal);
	assert_null(cal.days);
}

/* Received Friday 13/2/2026, the last working day before Tết Bính Ngọ. */
static void
test_tet_2026(void **state)
{
	struct calendar cal;

	shipped_calendar(&cal);
	assert_false(calendar_is_working_day(&cal, D(2026, 2, 17)));	/* mùng 1 */
	assert_int_equal(calendar_next_working_day(&cal, D(2026, 2, 13)), D(2026, 2, 23));
	assert_int_equal(calendar_working_days_between(&cal, D(2026, 2, 13), D(2026, 2, 23)), 1);
	assert_time(calendar_due(&cal, T(2026, 2, 13, 9, 15), 3, TU_WORKING_DAYS, -1),
	    T(2026, 2, 25, 17, 0));
	/* After closing: received at the next opening, Monday 23/2, not counted. */
	assert_time(calendar_effective(&cal, T(2026, 2, 13, 17, 30)), T(2026, 2, 23, 7, 0));
	assert_time(calendar_due(&cal, T(2026, 2, 13, 17, 30), 3, TU_WORKING_DAYS, -1),
	    T(2026, 2, 26, 17, 0));
	/* A same-day procedure after 15:00 on 13/2 waits for Tết to end. */
	assert_time(calendar_due(&cal, T(2026, 2, 13, 15, 30), 0, TU_SAME_DAY, -1),
	    T(2026, 2, 23, 17, 0));
	assert_int_equal(calendar_provisional(&cal, D(2026, 2, 13), D(2026, 2, 25)), 0);
	calendar_free(&cal);
}

/* Giỗ Tổ 10/3 âm lịch 2026 falls on Sunday 26/4: Monday 27/4 is off instead. */
static void
test_sunday_holiday(void **state)
{
	struct calendar cal;

	shipped_calendar(&cal);
	assert_false(calendar_is_working_day(&cal, D(2026, 4, 27)));
	assert_time(calendar_due(&cal, T(2026, 4, 24, 9, 0), 1, TU_WORKING_DAYS, -1),
	    T(2026, 4, 28, 17, 0));
	/* 28, 29, then 30/4 and 1/5 off and the weekend: the third is Monday 4/5. */
	assert_time(calendar_due(&cal, T(2026, 4, 24, 9, 0), 3, TU_WORKING_DAYS, -1),
	    T(2026, 5, 4, 17, 0));
	/* 2027: 1/5 is a Saturday, taken on Monday 3/5 (provisional). */
	assert_false(calendar_is_working_day(&cal, D(2027, 5, 3)));
	assert_time(calendar_due(&cal, T(2027, 4, 29, 10, 0), 2, TU_WORKING_DAYS, -1),
	    T(2027, 5, 5, 17, 0));
	assert_int_equal(calendar_provisional(&cal, D(2027, 4, 29), D(2027, 5, 5)), 1);
	calendar_free(&cal);
}

/* Same-day procedures: before 15:00 today, else the next working day. */
static void
test_cutoff(void **state)
{
	struct calendar cal;

	calendar_default(&cal);
	/* Tuesday 3/3/2026 */
	assert_time(calendar_due(&cal, T(2026, 3, 3, 14, 59), 0, TU_SAME_DAY, -1),
	    T(2026, 3, 3, 17, 0));
	assert_time(calendar_due(&cal, T(2026, 3, 3, 15, 0), 0, TU_SAME_DAY, -1),
	    T(2026, 3, 4, 17, 0));
	assert_time(calendar_due(&cal, T(2026, 3, 3, 16, 59), 0, TU_SAME_DAY, -1),
	    T(2026, 3, 4, 17, 0));
	/* After closing: received at 07:00 on Wednesday, before the cut-off. */
	assert_time(calendar_due(&cal, T(2026, 3, 3, 17, 30), 0, TU_SAME_DAY, -1),
	    T(2026, 3, 4, 17, 0));
	/* Friday 6/3 after 15:00 and Saturday 7/3: Monday 9/3. */
	assert_time(calendar_due(&cal, T(2026, 3, 6, 15, 0), 0, TU_SAME_DAY, -1),
	    T(2026, 3, 9, 17, 0));
	assert_time(calendar_due(&cal, T(2026, 3, 7, 10, 0), 0, TU_SAME_DAY, -1),
	    T(2026, 3, 9, 17, 0));
	/* A procedure's own cut-off (16:00) wins over the office's. */
	assert_time(calendar_due(&cal, T(2026, 3, 3, 15, 30), 0, TU_SAME_DAY, 16 * 60),
	    T(2026, 3, 3, 17, 0));
	/* Lunch break counts as received at 13:30, still before 15:00. */
	assert_time(calendar_due(&cal, T(2026, 3, 3, 12, 10), 0, TU_SAME_DAY, -1),
	    T(2026, 3, 3, 17, 0));
	calendar_free(&cal);
}

/* Received 30/12/2025 with 5 working days: 31/12, then 1/1 and 2/1 off, weekend. */
static void
test_new_year(void **state)
{
	struct calendar cal;

	shipped_calendar(&cal);
	assert_time(calendar_due(&cal, T(2025, 12, 30, 9, 0), 5, TU_WORKING_DAYS, -1),
	    T(2026, 1, 8, 17, 0));
	assert_int_equal(calendar_working_days_between(&cal, D(2025, 12, 30), D(2026, 1, 8)), 5);
	/* The make-up Saturday 10/1/2026 is a working day, flagged provisional. */
	assert_true(calendar_is_working_day(&cal, D(2026, 1, 10)));
	assert_int_equal(calendar_provisional(&cal, D(2025, 12, 30), D(2026, 1, 8)), 0);
	assert_int_equal(calendar_provisional(&cal, D(2026, 1, 9), D(2026, 1, 12)), 1);
	calendar_free(&cal);

	/* With only 1/1 off (no swap), the fifth working day is 7/1. */
	calendar_default(&cal);
	assert_int_equal(calendar_add_day(&cal, D(2026, 1, 1), 0, 0), MC_OK);
	assert_time(calendar_due(&cal, T(2025, 12, 30, 9, 0), 5, TU_WORKING_DAYS, -1),
	    T(2026, 1, 7, 17, 0));
	calendar_free(&cal);
}

static void
test_effective(void **state)
{
	struct calendar cal;

	calendar_default(&cal);
	/* Monday 2/3/2026 */
	assert_time(calendar_effective(&cal, T(2026, 3, 2, 6, 30)), T(2026, 3, 2, 7, 0));
	assert_time(calendar_effective(&cal, T(2026, 3, 2, 7, 0)), T(2026, 3, 2, 7, 0));
	assert_time(calendar_effective(&cal, T(2026, 3, 2, 11, 29)), T(2026, 3, 2, 11, 29));
	assert_time(calendar_effective(&cal, T(2026, 3, 2, 11, 30)), T(2026, 3, 2, 13, 30));
	assert_time(calendar_effective(&cal, T(2026, 3, 2, 12, 45)), T(2026, 3, 2, 13, 30));
	assert_time(calendar_effective(&cal, T(2026, 3, 2, 17, 0)), T(2026, 3, 3, 7, 0));
	assert_time(calendar_effective(&cal, T(2026, 3, 7, 9, 0)), T(2026, 3, 9, 7, 0));
	/* Received before opening: that day is the day of receipt, not counted. */
	assert_time(calendar_due(&cal, T(2026, 3, 2, 6, 30), 2, TU_WORKING_DAYS, -1),
	    T(2026, 3, 4, 17, 0));
	/* Received on Saturday 7/3: as if Monday 9/3 07:00. */
	assert_time(calendar_due(&cal, T(2026, 3, 7, 9, 0), 1, TU_WORKING_DAYS, -1),
	    T(2026, 3, 10, 17, 0));
	assert_int_equal(calendar_effective(&cal, MC_TIME_NONE), MC_TIME_NONE);
	calendar_free(&cal);
}

static void
test_calendar_days(void **state)
{
	struct calendar cal;

	calendar_default(&cal);
	/* Monday 2/3/2026 + 6 days = Sunday 8/3: due Monday 9/3. */
	assert_time(calendar_due(&cal, T(2026, 3, 2, 10, 0), 6, TU_DAYS, -1), T(2026, 3, 9, 17, 0));
	assert_time(calendar_due(&cal, T(2026, 3, 2, 10, 0), 5, TU_DAYS, -1), T(2026, 3, 9, 17, 0));
	assert_time(calendar_due(&cal, T(2026, 3, 2, 10, 0), 4, TU_DAYS, -1), T(2026, 3, 6, 17, 0));
	calendar_free(&cal);

	/* Friday 24/4/2026 + 3 = Monday 27/4, the Giỗ Tổ day off: Tuesday 28/4. */
	shipped_calendar(&cal);
	assert_time(calendar_due(&cal, T(2026, 4, 24, 8, 0), 3, TU_DAYS, -1), T(2026, 4, 28, 17, 0));
	calendar_free(&cal);
}

static void
test_hours(void **state)
{
	struct calendar cal;

	calendar_default(&cal);
	/* 10:00 + 4 h: 90 min to 11:30, 150 after lunch. */
	assert_time(calendar_due(&cal, T(2026, 3, 2, 10, 0), 4, TU_HOURS, -1), T(2026, 3, 2, 16, 0));
	assert_time(calendar_due(&cal, T(2026, 3, 2, 11, 0), 1, TU_HOURS, -1), T(2026, 3, 2, 14, 0));
	/* Ending exactly at the lunch break ends there, not at 13:30. */
	assert_time(calendar_due(&cal, T(2026, 3, 2, 10, 30), 1, TU_HOURS, -1), T(2026, 3, 2, 11, 30));
	/* Overnight: 16:00 + 2 h = 08:00 next morning. */
	assert_time(calendar_due(&cal, T(2026, 3, 2, 16, 0), 2, TU_HOURS, -1), T(2026, 3, 3, 8, 0));
	/* 10:00 + 8 h: 300 min today, 180 tomorrow. */
	assert_time(calendar_due(&cal, T(2026, 3, 2, 10, 0), 8, TU_HOURS, -1), T(2026, 3, 3, 10, 0));
	/* Friday 16:30 + 1 h: over the weekend. */
	assert_time(calendar_due(&cal, T(2026, 3, 6, 16, 30), 1, TU_HOURS, -1), T(2026, 3, 9, 7, 30));
	/* 24 working hours = 3 days of 8 h from Monday 07:00: Wednesday 17:00. */
	assert_time(calendar_due(&cal, T(2026, 3, 2, 7, 0), 24, TU_HOURS, -1), T(2026, 3, 4, 17, 0));
	calendar_free(&cal);
}

static void
test_resume(void **state)
{
	struct calendar cal;
	mc_minute due;

	shipped_calendar(&cal);
	due = calendar_due(&cal, T(2026, 2, 13, 9, 15), 3, TU_WORKING_DAYS, -1);
	assert_time(due, T(2026, 2, 25, 17, 0));
	/* Asked Monday 23/2, brought Wednesday 25/2: 2 working days moved. */
	assert_time(calendar_resume(&cal, due, T(2026, 2, 23, 10, 0), T(2026, 2, 25, 9, 0)),
	    T(2026, 2, 27, 17, 0));
	/* The same day: nothing lost. */
	assert_time(calendar_resume(&cal, due, T(2026, 2, 23, 8, 0), T(2026, 2, 23, 16, 0)), due);
	/* Asked Friday 13/2, brought Monday 23/2: Tết is not the office's time lost. */
	assert_time(calendar_resume(&cal, due, T(2026, 2, 13, 10, 0), T(2026, 2, 23, 8, 0)),
	    T(2026, 2, 26, 17, 0));
	/* A move across Sunday 26/4 - 1/5/2026: due Friday 24/4 + 1 -> Tuesday 28/4. */
	assert_time(calendar_resume(&cal, T(2026, 4, 24, 17, 0), T(2026, 4, 20, 9, 0),
	    T(2026, 4, 21, 9, 0)), T(2026, 4, 28, 17, 0));
	assert_time(calendar_resume(&cal, due, T(2026, 2, 25, 9, 0), T(2026, 2, 23, 9, 0)), due);
	assert_int_equal(calendar_resume(&cal, MC_TIME_NONE, T(2026, 2, 23, 9, 0),
	    T(2026, 2, 25, 9, 0)), MC_TIME_NONE);
	calendar_free(&cal);
}

static void
test_provisional(void **state)
{
	struct calendar cal;
	mc_minute due;

	shipped_calendar(&cal);
	/* 24/11/2026 (Ngày Văn hóa Việt Nam) is not yet law. */
	due = calendar_due(&cal, T(2026, 11, 23, 9, 0), 1, TU_WORKING_DAYS, -1);
	assert_time(due, T(2026, 11, 25, 17, 0));
	assert_int_equal(calendar_provisional(&cal, D(2026, 11, 23), mc_day_of(due)), 1);
	assert_int_equal(calendar_provisional(&cal, D(2026, 11, 25), D(2026, 11, 30)), 0);
	assert_int_equal(calendar_provisional(&cal, D(2026, 9, 1), D(2026, 9, 3)), 1);
	assert_int_equal(calendar_provisional(&cal, D(2025, 1, 1), D(2025, 12, 31)), 0);
	assert_int_equal(calendar_provisional(&cal, D(2027, 2, 1), D(2027, 2, 12)), 1);
	calendar_free(&cal);
}

/* A year without a single holiday row: its days off are not known (issue 9 G). */
static void
test_unknown_year(void **state)
{
	struct calendar cal;

	calendar_default(&cal);
	assert_int_equal(calendar_unknown_year(&cal, D(2026, 3, 2), D(2026, 3, 5)), 2026);
	calendar_free(&cal);
	shipped_calendar(&cal);		/* 2025, 2026 and 2027 */
	assert_int_equal(calendar_unknown_year(&cal, D(2026, 12, 28), D(2027, 1, 5)), 0);
	assert_int_equal(calendar_unknown_year(&cal, D(2025, 1, 1), D(2027, 12, 31)), 0);
	assert_int_equal(calendar_unknown_year(&cal, D(2027, 12, 30), D(2028, 1, 4)), 2028);
	assert_int_equal(calendar_unknown_year(&cal, D(2029, 12, 28), D(2030, 1, 3)), 2029);
	assert_int_equal(calendar_unknown_year(&cal, D(2024, 12, 30), D(2025, 1, 2)), 2024);
	/* One row is enough to know the year was entered (a provisional one too). */
	assert_int_equal(calendar_add_day(&cal, D(2030, 1, 1), 0, 1), MC_OK);
	assert_int_equal(calendar_unknown_year(&cal, D(2030, 1, 1), D(2030, 12, 31)), 0);
	calendar_free(&cal);
}

static void
test_six_day_week(void **state)
{
	struct calendar cal;
	struct mc_error err;

	calendar_default(&cal);
	assert_int_equal(calendar_configure(&cal, "1,2,3,4,5,6", "07:30-11:30, 13:00-17:00",
	    "16:00", &err), MC_OK);
	assert_int_equal(calendar_open_minute(&cal), 7 * 60 + 30);
	assert_int_equal(calendar_close_minute(&cal), 17 * 60);
	assert_true(calendar_is_working_day(&cal, D(2026, 3, 7)));	/* Saturday */
	assert_false(calendar_is_working_day(&cal, D(2026, 3, 8)));	/* Sunday */
	/* Friday 6/3 + 3: Saturday 7, Monday 9, Tuesday 10. */
	assert_time(calendar_due(&cal, T(2026, 3, 6, 10, 0), 3, TU_WORKING_DAYS, -1),
	    T(2026, 3, 10, 17, 0));
	assert_time(calendar_due(&cal, T(2026, 3, 7, 15, 30), 0, TU_SAME_DAY, -1),
	    T(2026, 3, 7, 17, 0));
	assert_time(calendar_effective(&cal, T(2026, 3, 7, 12, 0)), T(2026, 3, 7, 13, 0));
	assert_time(calendar_effective(&cal, T(2026, 3, 7, 7, 0)), T(2026, 3, 7, 7, 30));
	/* The same week written as a range. */
	calendar_default(&cal);
	assert_int_equal(calendar_configure(&cal, "1-6", NULL, NULL, &err), MC_OK);
	assert_true(calendar_is_working_day(&cal, D(2026, 3, 7)));
	assert_int_equal(calendar_working_days_between(&cal, D(2026, 3, 1), D(2026, 3, 31)), 26);
	calendar_free(&cal);
}

/* Bad settings are refused with a message naming them; the calendar is unchanged. */
static void
test_bad_settings(void **state)
{
	static const struct {
		const char *week, *hours, *cutoff, *says;
	} bad[] = {
		{ "0", NULL, NULL, "'0'" },
		{ "1,2,8", NULL, NULL, "'8'" },
		{ "mon,tue", NULL, NULL, "'mon'" },
		{ "", NULL, NULL, "at least one working day" },
		{ "1,2,2", NULL, NULL, "day 2 is listed twice" },
		{ "5-1", NULL, NULL, "'5-1'" },
		{ NULL, "7-11", NULL, "'7-11'" },
		{ NULL, "11:30-07:00", NULL, "must end after it starts" },
		{ NULL, "13:30-17:00,07:00-11:30", NULL, "'07:00-11:30' must come after" },
		{ NULL, "07:00-12:00,11:30-17:00", NULL, "overlapping" },
		{ NULL, "07:00-08:00,09:00-10:00,11:00-12:00,13:00-14:00,15:00-16:00", NULL,
		    "at most 4" },
		{ NULL, "25:00-26:00", NULL, "'25:00-26:00'" },
		{ NULL, " , ", NULL, "at least one range" },
		{ NULL, NULL, "3pm", "'3pm'" },
		{ NULL, NULL, "", "cut-off" },
	};
	struct calendar cal;
	struct mc_error err;
	size_t i;

	calendar_default(&cal);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		mc_error_clear(&err);
		assert_int_equal(calendar_configure(&cal, bad[i].week, bad[i].hours,
		    bad[i].cutoff, &err), MC_EINVAL);
		if (strstr(err.msg, bad[i].says) == NULL)
			fail_msg("case %zu: '%s' does not say '%s'", i, err.msg, bad[i].says);
		assert_int_equal(cal.week[5], 0);
		assert_int_equal(cal.nseg, 2);
		assert_int_equal(cal.cutoff, 15 * 60);
	}
	/* All or nothing: a good week with a bad cut-off changes nothing. */
	assert_int_equal(calendar_configure(&cal, "1,2,3,4,5,6", NULL, "15h", &err), MC_EINVAL);
	assert_false(calendar_is_working_day(&cal, D(2026, 3, 7)));
	/* "7:30" is accepted for "07:30". */
	assert_int_equal(calendar_configure(&cal, NULL, "7:30-11:30", "9:00", &err), MC_OK);
	assert_int_equal(calendar_open_minute(&cal), 7 * 60 + 30);
	assert_int_equal(cal.cutoff, 9 * 60);
	calendar_free(&cal);
}

/* A calendar without a single working day must answer, not loop. */
static void
test_no_working_day(void **state)
{
	struct calendar cal;

	calendar_default(&cal);
	memset(cal.week, 0, sizeof cal.week);
	assert_int_equal(calendar_next_working_day(&cal, D(2026, 3, 2)), CAL_NO_DAY);
	assert_int_equal(calendar_effective(&cal, T(2026, 3, 2, 9, 0)), MC_TIME_NONE);
	assert_int_equal(calendar_due(&cal, T(2026, 3, 2, 9, 0), 3, TU_WORKING_DAYS, -1),
	    MC_TIME_NONE);
	assert_int_equal(calendar_due(&cal, T(2026, 3, 2, 9, 0), 3, TU_HOURS, -1), MC_TIME_NONE);
	assert_int_equal(calendar_working_days_between(&cal, D(2026, 1, 1), D(2026, 12, 31)), 0);
	/* One extra working Saturday is then the only working day. */
	assert_int_equal(calendar_add_day(&cal, D(2026, 3, 7), 1, 0), MC_OK);
	assert_int_equal(calendar_next_working_day(&cal, D(2026, 3, 2)), D(2026, 3, 7));
	assert_time(calendar_due(&cal, T(2026, 3, 2, 9, 0), 0, TU_WORKING_DAYS, -1),
	    T(2026, 3, 7, 17, 0));
	assert_int_equal(calendar_due(&cal, T(2026, 3, 2, 9, 0), 1, TU_WORKING_DAYS, -1),
	    MC_TIME_NONE);
	/* Office hours gone: no working time either. */
	cal.nseg = 0;
	assert_int_equal(calendar_due(&cal, T(2026, 3, 7, 9, 0), 0, TU_SAME_DAY, -1), MC_TIME_NONE);
	calendar_free(&cal);
}

/* working_days_between by arithmetic against a plain day-by-day count. */
static void
test_between(void **state)
{
	struct calendar cal;
	mc_day a, b, d;
	int n;

	shipped_calendar(&cal);
	/* 2025: 261 weekdays, 12 weekdays off, 1 Saturday worked. */
	assert_int_equal(calendar_working_days_between(&cal, D(2024, 12, 31), D(2025, 12, 31)), 250);
	assert_int_equal(calendar_working_days_between(&cal, D(2026, 2, 13), D(2026, 2, 25)), 3);
	assert_int_equal(calendar_working_days_between(&cal, D(2026, 2, 25), D(2026, 2, 13)), -3);
	assert_int_equal(calendar_working_days_between(&cal, D(2026, 2, 25), D(2026, 2, 25)), 0);
	for (a = D(2024, 12, 20); a < D(2028, 1, 10); a += 37) {
		for (b = a; b < a + 400; b += 29) {
			n = 0;
			for (d = a + 1; d <= b; d++)
				n += calendar_is_working_day(&cal, d);
			assert_int_equal(calendar_working_days_between(&cal, a, b), n);
		}
	}
	calendar_free(&cal);
}

static void
test_import_good(void **state)
{
	struct mc_error err;
	struct calendar cal;
	struct store *st;
	char db[256], csv[256];
	int n;

	assert_non_null(st = unit_store(db));
	write_file(csv, "office.csv",
	    "\xEF\xBB\xBF# Lịch riêng của xã (thử)\r\n"
	    "Name , Date,Provisional,kind\r\n"
	    "\"Ngày Giải phóng miền Nam, thống nhất đất nước\",2026-04-30,no,\r\n"
	    "Làm bù,2026-05-09,yes,WORK\r\n"
	    "\r\n"
	    "Ngày hội của xã, 2026-06-15 ,1,off\r\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(count(st, "SELECT count(*) FROM holiday"), 3);
	assert_int_equal(count(st, "SELECT count(*) FROM holiday WHERE day = '2026-04-30' AND "
	    "name = 'Ngày Giải phóng miền Nam, thống nhất đất nước' AND kind = 'off' "
	    "AND provisional = 0"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM holiday WHERE day = '2026-05-09' AND "
	    "kind = 'work' AND provisional = 1"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM audit WHERE actor = 'admin' AND "
	    "action = 'holiday-import' AND detail = 'office.csv: 3 rows, 2026-04-30 to 2026-06-15'"), 1);
	calendar_default(&cal);
	assert_int_equal(calendar_load(st, &cal, &err), MC_OK);
	assert_int_equal(cal.ndays, 3);
	assert_true(calendar_is_working_day(&cal, D(2026, 5, 9)));	/* a Saturday */
	assert_false(calendar_is_working_day(&cal, D(2026, 6, 15)));	/* a Monday */
	/* Re-import: rows for the same day are replaced, the others kept. */
	remove_file(csv);
	write_file(csv, "fix.csv", "date,name\n2026-06-15,Ngày hội của xã (đã sửa)\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(count(st, "SELECT count(*) FROM holiday"), 3);
	assert_int_equal(count(st, "SELECT provisional FROM holiday WHERE day = '2026-06-15'"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM audit"), 2);
	/* The office's own settings are loaded with the rows. */
	assert_int_equal(store_set_setting(st, "week", "1,2,3,4,5,6", &err), MC_OK);
	assert_int_equal(store_set_setting(st, "sameday.cutoff", "14:00", &err), MC_OK);
	assert_int_equal(calendar_load(st, &cal, &err), MC_OK);
	assert_true(calendar_is_working_day(&cal, D(2026, 3, 7)));
	assert_int_equal(cal.cutoff, 14 * 60);
	assert_int_equal(cal.ndays, 3);
	/* A bad setting: calendar_load fails and leaves cal as it was. */
	assert_int_equal(store_set_setting(st, "hours", "07:00-25:00", &err), MC_OK);
	assert_int_equal(calendar_load(st, &cal, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "07:00-25:00"));
	assert_int_equal(cal.cutoff, 14 * 60);
	assert_int_equal(cal.ndays, 3);
	calendar_free(&cal);
	remove_file(csv);
	unit_store_done(st, db);
}

/* A bad date on line 4: nothing imported, the message names the line. */
static void
test_import_bad_lines(void **state)
{
	struct mc_error err;
	struct store *st;
	char db[256], csv[256];
	int n = 99;

	assert_non_null(st = unit_store(db));
	write_file(csv, "2026.csv",
	    "date,name,kind,provisional\n"
	    "2026-01-01,Tết Dương lịch,off,0\n"
	    "2026-02-16,Tết Nguyên đán Bính Ngọ,off,0\n"
	    "2026-02-30,Tết Nguyên đán Bính Ngọ,off,0\n"
	    "2026-04-27,Nghỉ bù Giỗ Tổ,off,0\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_ECSV);
	assert_int_equal(n, 0);
	assert_non_null(strstr(err.msg, "line 4: bad date '2026-02-30'"));
	assert_non_null(strstr(err.msg, "nothing was imported"));
	assert_null(strstr(err.msg, "line 2"));
	assert_int_equal(count(st, "SELECT count(*) FROM holiday"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM audit"), 0);
	remove_file(csv);

	/* Every bad line is reported. */
	write_file(csv, "many.csv",
	    "date,name,kind,provisional\n"
	    "01/01/2026,Tết Dương lịch,off,0\n"
	    "2026-02-16,,off,0\n"
	    "2026-02-17,Tết,holiday,0\n"
	    "2026-02-18,Tết,off,maybe\n"
	    "2026-02-16,Tết,off,0\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "line 2: bad date '01/01/2026'"));
	assert_non_null(strstr(err.msg, "line 3: the name is empty"));
	assert_non_null(strstr(err.msg, "line 4: bad kind 'holiday'"));
	assert_non_null(strstr(err.msg, "line 5: bad provisional 'maybe'"));
	assert_null(strstr(err.msg, "line 6"));	/* 16/2 had no good row before */
	assert_int_equal(count(st, "SELECT count(*) FROM holiday"), 0);
	remove_file(csv);

	write_file(csv, "dup.csv", "date,name\n2026-09-02,Quốc khánh\n2026-09-02,Quốc khánh\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "line 3: the date 2026-09-02 is already on line 2"));
	remove_file(csv);
	unit_store_done(st, db);
}

static void
test_import_header(void **state)
{
	struct mc_error err;
	struct store *st;
	char db[256], csv[256];
	int n;

	assert_non_null(st = unit_store(db));
	write_file(csv, "h.csv", "day,name\n2026-01-01,Tết Dương lịch\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "date,name"));
	assert_non_null(strstr(err.msg, "'day,name'"));
	remove_file(csv);

	write_file(csv, "h.csv", "2026-01-01,Tết Dương lịch\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "header date,name"));
	remove_file(csv);

	write_file(csv, "h.csv", "date,name,provisonal\n2026-01-01,Tết Dương lịch,0\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "unknown column 'provisonal'"));
	assert_non_null(strstr(err.msg, "kind,provisional"));
	remove_file(csv);

	write_file(csv, "h.csv", "# only a comment\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_ECSV);
	assert_non_null(strstr(err.msg, "empty"));
	remove_file(csv);

	assert_int_equal(holiday_import(st, "/nonexistent/holidays.csv", "admin", &n, &err),
	    MC_ENOTFOUND);
	assert_int_equal(count(st, "SELECT count(*) FROM holiday"), 0);
	unit_store_done(st, db);
}

static void
test_import_bad_utf8(void **state)
{
	struct mc_error err;
	struct store *st;
	char db[256], csv[256];
	int n;

	assert_non_null(st = unit_store(db));
	/* "Tết" in Windows-1258-ish bytes: not UTF-8. */
	write_file(csv, "latin.csv",
	    "date,name\n2026-01-01,Tet Duong lich\n2026-02-17,T\xEA\xF2t\n2026-02-18,Tet\n");
	assert_int_equal(holiday_import(st, csv, "admin", &n, &err), MC_EUTF8);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "UTF-8"));
	assert_int_equal(count(st, "SELECT count(*) FROM holiday"), 0);
	remove_file(csv);
	unit_store_done(st, db);
}

/* The shipped files: the Labour Code's 11 days a year (plus 24/11 from 2026). */
static void
test_shipped(void **state)
{
	struct calendar cal;
	size_t i;
	int y, m, d, net[3] = { 0, 0, 0 };

	shipped_calendar(&cal);
	assert_true(cal.ndays >= 35);
	for (i = 0; i < cal.ndays; i++) {
		int wd = mc_weekday(cal.days[i].day);

		mc_civil_from_day(cal.days[i].day, &y, &m, &d);
		assert_in_range(y, 2025, 2027);
		/* Days off are weekdays; extra working days are weekends. */
		if (cal.days[i].work)
			assert_true(wd >= 5);
		else
			assert_true(wd <= 4);
		net[y - 2025] += cal.days[i].work ? -1 : 1;
		if (y == 2027)
			assert_int_equal(cal.days[i].provisional, 1);
	}
	assert_int_equal(net[0], 11);
	assert_int_equal(net[1], 12);
	assert_int_equal(net[2], 12);
	/* 2025: Tết Ất Tỵ 27-31/1, Giỗ Tổ 7/4, the swap of 2/5 with Saturday 26/4. */
	assert_false(calendar_is_working_day(&cal, D(2025, 1, 29)));
	assert_false(calendar_is_working_day(&cal, D(2025, 4, 7)));
	assert_false(calendar_is_working_day(&cal, D(2025, 5, 2)));
	assert_true(calendar_is_working_day(&cal, D(2025, 4, 26)));
	assert_false(calendar_is_working_day(&cal, D(2025, 9, 1)));
	assert_true(calendar_is_working_day(&cal, D(2025, 9, 3)));
	/* 2027: Tết Đinh Mùi (6/2 is a Saturday) and Giỗ Tổ 16/4. */
	assert_false(calendar_is_working_day(&cal, D(2027, 2, 8)));
	assert_false(calendar_is_working_day(&cal, D(2027, 4, 16)));
	assert_int_equal(calendar_next_working_day(&cal, D(2027, 2, 3)), D(2027, 2, 11));
	calendar_free(&cal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_add_day),
		cmocka_unit_test(test_tet_2026),
		cmocka_unit_test(test_sunday_holiday),
		cmocka_unit_test(test_cutoff),
		cmocka_unit_test(test_new_year),
		cmocka_unit_test(test_effective),
		cmocka_unit_test(test_calendar_days),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_resume),
		cmocka_unit_test(test_provisional),
		cmocka_unit_test(test_unknown_year),
		cmocka_unit_test(test_six_day_week),
		cmocka_unit_test(test_bad_settings),
		cmocka_unit_test(test_no_working_day),
		cmocka_unit_test(test_between),
		cmocka_unit_test(test_import_good),
		cmocka_unit_test(test_import_bad_lines),
		cmocka_unit_test(test_import_header),
		cmocka_unit_test(test_import_bad_utf8),
		cmocka_unit_test(test_shipped),
	};

	mc_i18n_init("en");
	return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
