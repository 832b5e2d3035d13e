/* test-csv.c -- the CSV reader: RFC 4180 cases, limits and errors with line numbers. */
#include "unit.h"

#include "csv.h"

static struct csv *
open_str(const char *s)
{
	struct csv *c = NULL;

	assert_int_equal(csv_open_mem(s, strlen(s), &c, NULL), MC_OK);
	return c;
}

static void
test_plain(void **state)
{
	struct csv *c = open_str("date,name\n2026-01-01,Tết Dương lịch\r\n\n# comment\n2026-04-30,\"Ngày Giải phóng, thống nhất\"\n");
	struct mc_error err;

	assert_int_equal(csv_next(c, &err), 1);
	assert_int_equal(csv_column(c, "NAME"), 1);
	assert_int_equal(csv_next(c, &err), 1);
	assert_string_equal(csv_field(c, 1), "Tết Dương lịch");
	assert_int_equal(csv_line(c), 2);
	assert_int_equal(csv_next(c, &err), 1);
	assert_int_equal(csv_nfields(c), 2);
	assert_string_equal(csv_field(c, 1), "Ngày Giải phóng, thống nhất");
	assert_int_equal(csv_line(c), 5);
	assert_string_equal(csv_field(c, 7), "");
	assert_int_equal(csv_next(c, &err), 0);
	csv_close(c);
}

static void
test_quotes_and_bom(void **state)
{
	struct csv *c = open_str("\xEF\xBB\xBF" "a,b\n\"x \"\"y\"\"\",\"line1\nline2\"\nlast,row");
	struct mc_error err;

	assert_int_equal(csv_next(c, &err), 1);
	assert_string_equal(csv_field(c, 0), "a");
	assert_int_equal(csv_next(c, &err), 1);
	assert_string_equal(csv_field(c, 0), "x \"y\"");
	assert_string_equal(csv_field(c, 1), "line1\nline2");
	assert_int_equal(csv_next(c, &err), 1);
	assert_int_equal(csv_line(c), 4);
	assert_string_equal(csv_field(c, 1), "row");
	assert_int_equal(csv_next(c, &err), 0);
	csv_close(c);
}

static void
test_errors(void **state)
{
	struct mc_error err;
	struct csv *c;
	char *big;

	c = open_str("a,b\nok,1\n\"never closed,2\n");
	assert_int_equal(csv_next(c, &err), 1);
	assert_int_equal(csv_next(c, &err), 1);
	assert_int_equal(csv_next(c, &err), -1);
	assert_int_equal(err.code, MC_ECSV);
	assert_non_null(strstr(err.msg, "3"));
	csv_close(c);

	c = open_str("a,b\nbad\xff" "byte,1\n");
	assert_int_equal(csv_next(c, &err), 1);
	assert_int_equal(csv_next(c, &err), -1);
	assert_int_equal(err.code, MC_EUTF8);
	assert_non_null(strstr(err.msg, "2"));
	csv_close(c);

	c = open_str("\"a\"x,b\n");
	assert_int_equal(csv_next(c, &err), -1);
	assert_int_equal(err.code, MC_ECSV);
	csv_close(c);

	big = malloc(CSV_FIELD_MAX + 100);
	memset(big, 'x', CSV_FIELD_MAX + 99);
	big[CSV_FIELD_MAX + 99] = '\0';
	c = open_str(big);
	assert_int_equal(csv_next(c, &err), -1);
	csv_close(c);
	memset(big, ',', CSV_FIELDS_MAX + 10);
	big[CSV_FIELDS_MAX + 10] = '\0';
	c = open_str(big);
	assert_int_equal(csv_next(c, &err), -1);
	csv_close(c);
	free(big);

	assert_int_equal(csv_open_file("/nonexistent/file.csv", &c, &err), MC_ENOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quotes_and_bom),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
