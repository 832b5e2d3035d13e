/* test-settings.c -- the office settings table: every value checked before it is
 * stored, the stored forms, the audit row per change, office.name kept in step with
 * the office row, the working days shown by name, the holiday rows of a period
 * (holiday_each), and one holiday added, replaced and removed. */
#include "config.h"

#include "unit.h"

#include "calendar.h"
#include "settings.h"

struct fixture {
	struct store *st;
	char path[256];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL || (f->st = unit_office_store(f->path)) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unit_store_done(f->st, f->path);
	free(f);
	return 0;
}

/* The stored form of value for key, or "!" when it is refused. */
static const char *
checked(const char *key, const char *value)
{
	static char out[SETTING_VALUE_MAX];
	struct mc_error err;

	if (settings_check(key, value, out, &err) != MC_OK) {
		assert_int_equal(err.code, MC_EINVAL);
		assert_true(err.msg[0] != '\0');
		return "!";
	}
	return out;
}

static void
test_table(void **state)
{
	const struct setting_def *d;

	(void)state;
	for (d = settings_table; d->key != NULL; d++) {
		assert_non_null(d->label);
		assert_non_null(d->hint);
		assert_non_null(d->dflt);
		assert_true(d->check != NULL || d->choices != NULL);
		assert_ptr_equal(settings_find(d->key), d);
		/* A default is a value the check accepts. */
		if (d->dflt[0] != '\0')
			assert_string_not_equal(checked(d->key, d->dflt), "!");
	}
	assert_null(settings_find("no.such.key"));
	assert_string_equal(checked("no.such.key", "1"), "!");
}

static void
test_quiet(void **state)
{
	(void)state;
	assert_string_equal(checked("sms.quiet", "21:00-07:00"), "21:00-07:00");
	assert_string_equal(checked("sms.quiet", " 22:00 - 6:00 "), "22:00-06:00");
	assert_string_equal(checked("sms.quiet", "22h-6h30"), "22:00-06:30");
	assert_string_equal(checked("sms.quiet", "12:00-13:30"), "12:00-13:30");
	assert_string_equal(checked("sms.quiet", "off"), "off");
	assert_string_equal(checked("sms.quiet", "Không"), "off");
	assert_string_equal(checked("sms.quiet", ""), "off");
	assert_string_equal(checked("sms.quiet", "25:00-07:00"), "!");
	assert_string_equal(checked("sms.quiet", "21:00-07:60"), "!");
	assert_string_equal(checked("sms.quiet", "21:00"), "!");
	assert_string_equal(checked("sms.quiet", "21:00-21:00"), "!");
	assert_string_equal(checked("sms.quiet", "tonight"), "!");
	assert_string_equal(checked("sms.quiet", "21:00-07:00-09:00"), "!");
}

static void
test_choices(void **state)
{
	char buf[SETTING_SHOW_BUF];

	(void)state;
	assert_string_equal(checked("language", "vi"), "vi");
	assert_string_equal(checked("language", "EN"), "en");
	assert_string_equal(checked("language", "Tiếng Việt"), "vi");
	assert_string_equal(checked("language", "fr"), "!");
	assert_string_equal(checked("language", ""), "!");
	assert_string_equal(checked("sms.accents", "có"), "yes");
	assert_string_equal(checked("sms.accents", "No"), "no");
	assert_string_equal(checked("sms.accents", "maybe"), "!");
	assert_string_equal(checked("paper.plain", "yes"), "1");
	assert_string_equal(checked("paper.plain", "0"), "0");
	assert_string_equal(settings_show(settings_find("language"), "en", buf, sizeof buf), "English");
	assert_string_equal(settings_show(settings_find("printer"), "Quay_1", buf, sizeof buf), "Quay_1");
	/* The working days by their names, not their numbers. */
	assert_string_equal(settings_show(settings_find("week"), "1-5", buf, sizeof buf),
	    "Mon, Tue, Wed, Thu, Fri");
	assert_string_equal(settings_show(settings_find("week"), "1,2,3,4,5,6,7", buf, sizeof buf),
	    "Mon, Tue, Wed, Thu, Fri, Sat, Sun");
	assert_string_equal(settings_show(settings_find("week"), "nonsense", buf, sizeof buf), "nonsense");
}

static void
test_calendar_and_text(void **state)
{
	(void)state;
	assert_string_equal(checked("week", "1-6"), "1-6");
	assert_string_equal(checked("week", "1, 2, 3, 4, 5"), "1,2,3,4,5");
	assert_string_equal(checked("week", "8"), "!");
	assert_string_equal(checked("week", ""), "!");
	assert_string_equal(checked("hours", "07:30-11:30,13:00-16:30"), "07:30-11:30,13:00-16:30");
	assert_string_equal(checked("hours", "13:00-11:00"), "!");
	assert_string_equal(checked("hours", "07:00-12:00,11:00-17:00"), "!");
	assert_string_equal(checked("sameday.cutoff", "15:30"), "15:30");
	assert_string_equal(checked("sameday.cutoff", "quarter past three"), "!");
	assert_string_equal(checked("office.name", "  UBND xã Tân Lập "), "UBND xã Tân Lập");
	assert_string_equal(checked("office.name", ""), "!");
	assert_string_equal(checked("office.name", "two\nlines"), "!");
	assert_string_equal(checked("office.name", "bad \xff byte"), "!");
	assert_string_equal(checked("office.address", ""), "");
	assert_string_equal(checked("printer", "Quay_1"), "Quay_1");
	assert_string_equal(checked("printer", ""), "");
	assert_string_equal(checked("printer", "x;rm -rf /"), "!");
	assert_string_equal(checked("printer", "-d"), "!");
	/* The place of the forms' date line: one name, no comma. */
	assert_string_equal(checked("office.place", " Tân Lập "), "Tân Lập");
	assert_string_equal(checked("office.place", "Phường 3"), "Phường 3");
	assert_string_equal(checked("office.place", ""), "");
	assert_string_equal(checked("office.place", "Tân Lập, Khánh Hòa"), "!");
	assert_string_equal(checked("office.place", "12"), "!");
	assert_string_equal(checked("office.place", "Tân\nLập"), "!");
	assert_string_equal(checked("office.place",
	    "Một cái tên rất rất dài dài dài dài dài dài dài dài dài dài dài"), "!");
	assert_string_equal(checked("paper.set", "2025"), "2025");
	assert_string_equal(checked("paper.set", "2019"), "!");
	assert_string_equal(checked("paper.format", "PDF"), "pdf");
	assert_string_equal(checked("paper.format", "txt"), "text");
	assert_string_equal(checked("paper.format", "docx"), "!");
}

static void
test_set(void **state)
{
	struct fixture *f = *state;
	struct mc_error err;
	char out[SETTING_VALUE_MAX], *v;

	assert_int_equal(settings_set(f->st, "sms.quiet", "22:00 - 6:00", "admin", out, &err), MC_OK);
	assert_string_equal(out, "22:00-06:00");
	v = store_setting(f->st, "sms.quiet");
	assert_string_equal(v, "22:00-06:00");
	free(v);
	assert_int_equal(unit_count(f->st,
	    "SELECT count(*) FROM audit WHERE action = 'setting' AND actor = 'admin' "
	    "AND detail = 'sms.quiet=22:00-06:00'"), 1);
	/* The same value again writes nothing. */
	assert_int_equal(settings_set(f->st, "sms.quiet", "22:00-06:00", "admin", NULL, &err), MC_OK);
	assert_int_equal(unit_count(f->st, "SELECT count(*) FROM audit WHERE action = 'setting'"), 1);
	/* A bad value is refused and changes nothing, naming the setting. */
	assert_int_equal(settings_set(f->st, "sms.quiet", "25:00-06:00", "admin", NULL, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "SMS quiet hours"));
	v = store_setting(f->st, "sms.quiet");
	assert_string_equal(v, "22:00-06:00");
	free(v);
	assert_int_equal(unit_count(f->st, "SELECT count(*) FROM audit WHERE action = 'setting'"), 1);
	/* The office's name goes to its row too. */
	assert_int_equal(settings_set(f->st, "office.name", "UBND phường Đông", "admin", NULL, &err), MC_OK);
	assert_int_equal(unit_count(f->st,
	    "SELECT count(*) FROM office WHERE code = '000.17.22.H56' AND name = 'UBND phường Đông'"), 1);
	/* Unset keys read as their defaults. */
	v = settings_get(f->st, settings_find("sms.accents"));
	assert_string_equal(v, "no");
	free(v);
	v = settings_get(f->st, settings_find("language"));
	assert_string_equal(v, "vi");
	free(v);
}

static int
collect(const struct holiday_row *r, void *ctx)
{
	char *buf = ctx, day[MC_TIME_BUF];

	mc_date_format(r->day, day);
	snprintf(buf + strlen(buf), 512 - strlen(buf), "%s %s %d %d;", day, r->name, r->work,
	    r->provisional);
	return 0;
}

static int
stop_at_first(const struct holiday_row *r, void *ctx)
{
	(*(int *)ctx)++;
	return 1;
}

/* One day added from the console: checked, replaced, removed, each audited; the
 * calendar follows. */
static void
test_holiday_one(void **state)
{
	struct fixture *f = *state;
	struct calendar cal;
	struct mc_error err;
	char buf[512] = "";
	mc_day day, mon;

	assert_int_equal(mc_date_parse("2027-11-24", &day), 0);	/* a Wednesday */
	assert_int_equal(mc_date_parse("2027-11-22", &mon), 0);
	assert_int_equal(holiday_add(f->st, day, "  Ngày Văn hóa Việt Nam ", 0, 1, "admin", &err), MC_OK);
	assert_int_equal(holiday_each(f->st, mon, day + 7, collect, buf, &err), MC_OK);
	assert_string_equal(buf, "2027-11-24 Ngày Văn hóa Việt Nam 0 1;");
	calendar_default(&cal);
	assert_int_equal(calendar_load(f->st, &cal, &err), MC_OK);
	assert_false(calendar_is_working_day(&cal, day));
	calendar_free(&cal);
	/* The same day again replaces it: announced now. */
	assert_int_equal(holiday_add(f->st, day, "Ngày Văn hóa", 0, 0, "admin", &err), MC_OK);
	buf[0] = '\0';
	assert_int_equal(holiday_each(f->st, mon, day + 7, collect, buf, &err), MC_OK);
	assert_string_equal(buf, "2027-11-24 Ngày Văn hóa 0 0;");
	/* Refused: no name, a name on two lines, too long. */
	assert_int_equal(holiday_add(f->st, day, "   ", 0, 0, "admin", &err), MC_EINVAL);
	assert_int_equal(holiday_add(f->st, day, "a\nb", 0, 0, "admin", &err), MC_EINVAL);
	memset(buf, 'x', 300);
	buf[300] = '\0';
	assert_int_equal(holiday_add(f->st, day, buf, 0, 0, "admin", &err), MC_EINVAL);
	/* Removed; removing it again says there is nothing. */
	assert_int_equal(holiday_remove(f->st, day, "admin", &err), MC_OK);
	assert_int_equal(holiday_remove(f->st, day, "admin", &err), MC_ENOTFOUND);
	buf[0] = '\0';
	assert_int_equal(holiday_each(f->st, mon, day + 7, collect, buf, &err), MC_OK);
	assert_string_equal(buf, "");
	assert_int_equal(unit_count(f->st, "SELECT count(*) FROM audit WHERE actor = 'admin' AND "
	    "action IN ('holiday-add', 'holiday-remove')"), 3);
}

static void
test_holiday_each(void **state)
{
	struct fixture *f = *state;
	struct mc_error err;
	char csv[300], buf[512] = "";
	mc_day from, to;
	FILE *fp;
	int n, calls = 0;

	snprintf(csv, sizeof csv, "%s.holidays.csv", f->path);
	assert_non_null(fp = fopen(csv, "w"));
	fputs("date,name,kind,provisional\n2027-12-31,Cuối năm,off,0\n2028-01-01,Tết Dương lịch,off,0\n"
	    "2028-01-08,Làm bù,work,1\n2029-01-01,Tết,off,0\n", fp);
	fclose(fp);
	assert_int_equal(holiday_import(f->st, csv, "admin", &n, &err), MC_OK);
	assert_int_equal(n, 4);
	assert_int_equal(mc_date_parse("2028-01-01", &from), 0);
	assert_int_equal(mc_date_parse("2028-12-31", &to), 0);
	assert_int_equal(holiday_each(f->st, from, to, collect, buf, &err), MC_OK);
	assert_string_equal(buf, "2028-01-01 Tết Dương lịch 0 0;2028-01-08 Làm bù 1 1;");
	assert_int_equal(holiday_each(f->st, from, to, stop_at_first, &calls, &err), MC_OK);
	assert_int_equal(calls, 1);
	remove(csv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_quiet),
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_calendar_and_text),
		cmocka_unit_test_setup_teardown(test_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_holiday_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_holiday_one, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
