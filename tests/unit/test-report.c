/* test-report.c -- the tracking book, on-time counts, average working days, the
 * overdue list, fees per day, and the forms (paper.c) on a small store built with
 * dossier_intake/dossier_append at chosen times. */
#include "unit.h"

#include "calendar.h"
#include "catalog.h"
#include "dossier.h"
#include "paper.h"
#include "report.h"

static struct store *st;
static char path[256];
/* Dossiers: a early, b on time, c late, d same-day on time (returned), e overdue,
 * f finished in September, g extended, h refused. */
static char ca[CODE_MAX], cb[CODE_MAX], cc[CODE_MAX], cd[CODE_MAX], ce[CODE_MAX],
    cf[CODE_MAX], cg[CODE_MAX], ch[CODE_MAX];

static mc_minute
T(const char *s)
{
	mc_minute t;

	assert_int_equal(mc_time_parse(s, &t), 0);
	return t;
}

static void
intake(const char *name, const char *proc, const char *received, char code[CODE_MAX])
{
	struct intake in = { .procedure = proc, .name = name, .received = MC_TIME_NONE,
	    .phone = "0912345678", .address = "Thôn Đông, xã Tân Lập", .sets = 2 };
	char codes[8][CODE_MAX];
	struct mc_error err;
	int n;

	if (received != NULL)
		in.received = T(received);
	if (dossier_intake(st, &in, "canbo", codes, 8, &n, &err) != MC_OK)
		fail_msg("intake: %s", mc_message(&err));
	assert_int_equal(n, 1);
	memcpy(code, codes[0], CODE_MAX);
}

static void
event(const char *code, enum event_kind k, const char *at, struct event_args *a)
{
	struct event_args def;
	struct mc_error err;

	if (a == NULL) {
		event_args_init(&def);
		a = &def;
	}
	a->at = T(at);
	if (dossier_append(st, code, k, a, "canbo", &err) != MC_OK)
		fail_msg("append %s: %s", event_kind_name(k), mc_message(&err));
}

static int
setup(void **state)
{
	struct event_args a;
	char csv[512];
	int n;

	setenv("MOTCUA_DATADIR", SRCDIR, 0);	/* the forms' templates (data/forms) */
	st = unit_store(path);
	if (st == NULL)
		return -1;
	if (store_exec(st, "INSERT INTO office(code, name) VALUES ('000.17.22.H56', 'Tân Lập')", NULL) != MC_OK)
		return -1;
	store_set_setting(st, "office.name", "UBND xã Tân Lập", NULL);
	store_exec(st, "INSERT INTO user(login, full_name, role, hash, created_at) VALUES "
	    "('canbo', 'Lê Thị Cán Bộ', 'officer', 'x', '2026-01-01 00:00')", NULL);
	snprintf(csv, sizeof csv, "%s/data/procedures.csv", SRCDIR);
	if (catalog_import(st, csv, "test", &n, NULL) != MC_OK)
		return -1;
	/* September: one dossier finished on time (same day). */
	setenv("MOTCUA_NOW", "2026-09-30 12:00", 1);
	intake("Đỗ Văn Phúc", "1.001193", "2026-09-28 09:00", cf);
	event(cf, EV_RESULT_READY, "2026-09-28 14:00", NULL);
	/* Monday 12 October 2026, 09:00: 1.004873 takes 3 working days (due Thursday 17:00). */
	setenv("MOTCUA_NOW", "2026-10-12 09:00", 1);
	intake("Nguyễn Văn An", "1.004873", NULL, ca);
	intake("Trần Thị Bình", "1.004873", NULL, cb);
	intake("Phạm Văn Chậm", "1.004873", NULL, cc);
	intake("Hoàng Thị Dung", "1.001193", NULL, cd);
	intake("Vũ Văn Em", "1.004873", NULL, ce);
	intake("Bùi Thị Gia", "1.004873", NULL, cg);
	intake("Lý Văn Hậu", "1.004873", NULL, ch);
	setenv("MOTCUA_NOW", "2026-10-21 10:00", 1);
	event(cd, EV_RESULT_READY, "2026-10-12 15:00", NULL);
	event_args_init(&a);
	a.amount = 8000;
	event(cd, EV_FEE_PAID, "2026-10-12 15:30", &a);
	event_args_init(&a);
	a.collector = "Hoàng Thị Dung";
	event(cd, EV_RESULT_RETURNED, "2026-10-12 16:00", &a);
	event_args_init(&a);
	a.to = "Phòng Tư pháp huyện";
	event(ca, EV_TRANSFERRED, "2026-10-12 10:00", &a);
	event(ca, EV_RESULT_READY, "2026-10-13 10:00", NULL);
	event_args_init(&a);
	a.amount = 15000;
	event(ca, EV_FEE_PAID, "2026-10-13 11:00", &a);
	event(cb, EV_RESULT_READY, "2026-10-15 16:00", NULL);
	event_args_init(&a);
	a.amount = 5000;
	event(cb, EV_FEE_PAID, "2026-10-15 16:30", &a);
	event(cc, EV_RESULT_READY, "2026-10-19 09:00", NULL);
	event_args_init(&a);
	a.reason = "Chờ xác minh của Công an huyện";
	a.due = T("2026-10-30 17:00");
	event(cg, EV_EXTENDED, "2026-10-14 10:00", &a);
	event_args_init(&a);
	a.reason = "Không thuộc thẩm quyền của xã";
	event(ch, EV_REJECTED, "2026-10-12 10:00", &a);
	return 0;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	return 0;
}

static const struct report_ontime *
find(const struct report_ontime *rows, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].key, key) == 0)
			return &rows[i];
	fail_msg("no group %s", key);
	return NULL;
}

static void
test_ontime_month(void **state)
{
	struct report_ontime *rows;
	const struct report_ontime *oct, *sep, *all;
	struct report_table t;
	struct mc_error err;
	size_t n;

	assert_int_equal(report_ontime(st, REPORT_BY_MONTH, REPORT_DAY_MIN, REPORT_DAY_MAX, &rows,
	    &n, &err), MC_OK);
	assert_int_equal(n, 3);			/* 2026-09, 2026-10, total */
	assert_string_equal(rows[0].key, "2026-09");
	assert_string_equal(rows[1].key, "2026-10");
	assert_string_equal(rows[2].key, "");
	sep = find(rows, n, "2026-09");
	oct = find(rows, n, "2026-10");
	all = &rows[2];
	assert_int_equal(sep->finished, 1);
	assert_int_equal(sep->ontime, 1);
	assert_int_equal(oct->finished, 4);
	assert_int_equal(oct->early, 1);	/* a: Tuesday, due Thursday */
	assert_int_equal(oct->ontime, 2);	/* b: Thursday 16:00; d: same day */
	assert_int_equal(oct->late, 1);		/* c: the next Monday */
	/* Working days: a 1, b 3, c 5 (13-16, 19), d 0. */
	assert_int_equal(oct->working_days, 9);
	assert_true(oct->avg_days > 2.24 && oct->avg_days < 2.26);
	assert_true(oct->rate > 74.9 && oct->rate < 75.1);
	assert_int_equal(all->finished, 5);
	assert_int_equal(all->late, 1);
	assert_int_equal(report_ontime_table(rows, n, &t, &err), MC_OK);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(report_cell(&t, 1, 6), "75.0");
	assert_string_equal(report_cell(&t, 1, 7), "2.25");
	report_table_free(&t);
	free(rows);

	/* Only October's finishing days. */
	assert_int_equal(report_ontime(st, REPORT_BY_MONTH, mc_day_from_civil(2026, 10, 1),
	    mc_day_from_civil(2026, 10, 31), &rows, &n, &err), MC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].finished, 4);
	free(rows);
	/* Nothing finished in 2025: no rows, not even a total. */
	assert_int_equal(report_ontime(st, REPORT_BY_MONTH, mc_day_from_civil(2025, 1, 1),
	    mc_day_from_civil(2025, 12, 31), &rows, &n, &err), MC_OK);
	assert_int_equal(n, 0);
	free(rows);
}

static void
test_ontime_procedure(void **state)
{
	struct report_ontime *rows;
	const struct report_ontime *p;
	struct calendar cal;
	struct mc_error err;
	size_t n;

	assert_int_equal(report_ontime(st, REPORT_BY_PROCEDURE, REPORT_DAY_MIN, REPORT_DAY_MAX,
	    &rows, &n, &err), MC_OK);
	assert_int_equal(n, 3);
	p = find(rows, n, "1.004873");
	assert_int_equal(p->finished, 3);
	assert_int_equal(p->early + p->ontime, 2);
	assert_int_equal(p->late, 1);
	/* The prefix table agrees with the calendar itself. */
	calendar_default(&cal);
	assert_int_equal(calendar_load(st, &cal, &err), MC_OK);
	assert_int_equal(p->working_days,
	    calendar_working_days_between(&cal, mc_day_from_civil(2026, 10, 12), mc_day_from_civil(2026, 10, 13)) +
	    calendar_working_days_between(&cal, mc_day_from_civil(2026, 10, 12), mc_day_from_civil(2026, 10, 15)) +
	    calendar_working_days_between(&cal, mc_day_from_civil(2026, 10, 12), mc_day_from_civil(2026, 10, 19)));
	calendar_free(&cal);
	p = find(rows, n, "1.001193");
	assert_int_equal(p->finished, 2);
	assert_int_equal(p->ontime, 2);
	assert_string_equal(p->label, "Đăng ký khai sinh");
	free(rows);
}

static void
test_book(void **state)
{
	struct report_table t;
	struct mc_error err;

	assert_int_equal(report_book(st, mc_day_from_civil(2026, 10, 12),
	    mc_day_from_civil(2026, 10, 12), &t, &err), MC_OK);
	assert_int_equal(t.nrows, 7);
	assert_string_equal(t.keys[0], "no");
	/* Numbered in the year's book, as the receipt numbers them: September's first. */
	assert_string_equal(report_cell(&t, 0, 0), "2");
	assert_string_equal(report_cell(&t, 0, 1), ca);
	assert_string_equal(report_cell(&t, 6, 0), "8");
	assert_string_equal(report_cell(&t, 6, 1), ch);
	assert_string_equal(report_cell(&t, 3, 1), cd);
	assert_string_equal(report_cell(&t, 0, 2), "1.004873");
	assert_string_equal(report_cell(&t, 0, 4), "2");
	assert_string_equal(report_cell(&t, 0, 5), "Nguyễn Văn An");
	assert_string_equal(report_cell(&t, 0, 6), "Thôn Đông, xã Tân Lập, 0912345678");
	assert_string_equal(report_cell(&t, 0, 7), "Phòng Tư pháp huyện");
	assert_string_equal(report_cell(&t, 1, 7), "UBND xã Tân Lập");
	assert_string_equal(report_cell(&t, 0, 8), "2026-10-12 09:00");
	assert_string_equal(report_cell(&t, 0, 9), "2026-10-15 17:00");
	assert_string_equal(report_cell(&t, 0, 10), "2026-10-13 10:00");
	assert_string_equal(report_cell(&t, 3, 11), "2026-10-12 16:00");
	assert_string_equal(report_cell(&t, 1, 11), "");
	report_table_free(&t);
	/* The September dossier alone; an empty range is empty. */
	assert_int_equal(report_book(st, mc_day_from_civil(2026, 9, 1),
	    mc_day_from_civil(2026, 9, 30), &t, &err), MC_OK);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(report_cell(&t, 0, 1), cf);
	assert_string_equal(report_cell(&t, 0, 0), "1");
	report_table_free(&t);
	assert_int_equal(report_book(st, mc_day_from_civil(2026, 10, 13),
	    mc_day_from_civil(2026, 10, 20), &t, &err), MC_OK);
	assert_int_equal(t.nrows, 0);
	report_table_free(&t);
}

static void
test_overdue(void **state)
{
	struct report_table t;
	struct mc_error err;

	/* At 21 October: e is 4 working days past Thursday 15th (16, 19, 20, 21). */
	assert_int_equal(report_overdue(st, T("2026-10-21 10:00"), &t, &err), MC_OK);
	assert_int_equal(t.nrows, 1);
	assert_string_equal(report_cell(&t, 0, 0), ce);
	assert_string_equal(report_cell(&t, 0, 6), "4");
	report_table_free(&t);
	/* At 31 October the extended g is overdue too, and comes after e. */
	assert_int_equal(report_overdue(st, T("2026-10-31 10:00"), &t, &err), MC_OK);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(report_cell(&t, 0, 0), ce);
	assert_string_equal(report_cell(&t, 1, 0), cg);
	report_table_free(&t);
	assert_int_equal(report_overdue(st, T("2026-10-15 10:00"), &t, &err), MC_OK);
	assert_int_equal(t.nrows, 0);
	report_table_free(&t);
}

static void
test_fees(void **state)
{
	struct report_table t;
	struct mc_error err;

	assert_int_equal(report_fees(st, REPORT_DAY_MIN, REPORT_DAY_MAX, &t, &err), MC_OK);
	assert_int_equal(t.nrows, 4);
	assert_string_equal(report_cell(&t, 0, 0), "2026-10-12");
	assert_string_equal(report_cell(&t, 0, 2), "8000");
	assert_string_equal(report_cell(&t, 1, 0), "2026-10-13");
	assert_string_equal(report_cell(&t, 1, 2), "15000");
	assert_string_equal(report_cell(&t, 3, 0), "total");
	assert_string_equal(report_cell(&t, 3, 1), "3");
	assert_string_equal(report_cell(&t, 3, 2), "28000");
	report_table_free(&t);
	assert_int_equal(report_fees(st, mc_day_from_civil(2026, 10, 13),
	    mc_day_from_civil(2026, 10, 14), &t, &err), MC_OK);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(report_cell(&t, 1, 2), "15000");
	report_table_free(&t);
}

/* The form as a string (caller frees). */
static char *
render(const char *code, int form, int flags, int expect)
{
	struct mc_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	assert_non_null(m);
	assert_int_equal(paper_render(st, code, form, flags, m, &err), expect);
	fclose(m);
	return buf;
}

static void
assert_fits(const char *s)
{
	const char *p;
	int w = 0;

	for (p = s; *p != '\0'; p++) {
		if (*p == '\n')
			w = 0;
		else if (((unsigned char)*p & 0xc0) != 0x80 && ++w > PAPER_WIDTH)
			fail_msg("wider than %d columns: %.120s", PAPER_WIDTH, p - 100 > s ? p - 100 : s);
	}
}

static void
test_forms(void **state)
{
	char *s;
	const char *p;
	int form;

	s = render(ca, PAPER_RECEIPT, 0, MC_OK);
	assert_non_null(strstr(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	assert_non_null(strstr(s, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"));
	assert_non_null(strstr(s, ca));
	assert_non_null(strstr(s, "Nguyễn Văn An"));
	assert_non_null(strstr(s, "09 giờ 00 phút, ngày 12/10/2026"));
	assert_non_null(strstr(s, "17 giờ 00 phút, ngày 15/10/2026"));
	assert_non_null(strstr(s, "2. Số lượng hồ sơ: 2 (bộ)"));
	assert_non_null(strstr(s, "Quyển số: 2026, Số thứ tự: 2"));	/* after September's */
	assert_non_null(strstr(s, "Lê Thị Cán Bộ"));
	assert_fits(s);
	free(s);
	s = render(ca, PAPER_RECEIPT, PAPER_PLAIN, MC_OK);
	for (p = s; *p != '\0'; p++)
		assert_true((unsigned char)*p < 0x80);
	assert_non_null(strstr(s, "CONG HOA XA HOI CHU NGHIA VIET NAM"));
	assert_non_null(strstr(s, "Nguyen Van An"));
	free(s);
	s = render(cg, PAPER_APOLOGY, 0, MC_OK);
	assert_non_null(strstr(s, "15/10/2026"));
	assert_non_null(strstr(s, "30/10/2026"));
	assert_non_null(strstr(s, "Chờ xác minh của Công an huyện"));
	assert_fits(s);
	free(s);
	s = render(ch, PAPER_REFUSAL, 0, MC_OK);
	assert_non_null(strstr(s, "Không thuộc thẩm quyền của xã"));
	free(s);
	s = render(ca, PAPER_CONTROL, 0, MC_OK);
	assert_non_null(strstr(s, "Phòng Tư pháp"));
	assert_non_null(strstr(s, "Trước hạn"));
	assert_fits(s);
	free(s);
	s = render(cc, PAPER_CONTROL, 0, MC_OK);
	assert_non_null(strstr(s, "Tổ chức, cá nhân"));
	free(s);
	/* Returned the same day it was ready: every row on time, the last one too. */
	s = render(cd, PAPER_CONTROL, 0, MC_OK);
	assert_non_null(strstr(s, "16:00 12/10/2026"));
	assert_non_null(strstr(s, "Đúng hạn"));
	assert_null(strstr(s, "Quá hạn"));
	free(s);
	/* Forms about events that did not happen are refused, and write nothing. */
	s = render(ca, PAPER_REFUSAL, 0, MC_EINVAL);
	assert_string_equal(s, "");
	free(s);
	free(render(ca, PAPER_APOLOGY, 0, MC_EINVAL));
	free(render(ca, PAPER_SUPPLEMENT, 0, MC_EINVAL));
	free(render(ca, 7, 0, MC_EINVAL));
	free(render("000.17.22.H56-261012-0999", PAPER_RECEIPT, 0, MC_ENOTFOUND));
	for (form = PAPER_RECEIPT; form < PAPER_NFORMS; form++) {
		char title[256];

		paper_title(st, form, title, sizeof title);
		assert_true(title[0] != '\0');
	}
}

/* Nghị định 30/2020: days under 10 and months 1 and 2 with a leading zero. */
static void
test_date_line(void **state)
{
	char buf[128];

	paper_date_line("Tân Lập", 2026, 12, 7, buf, sizeof buf);
	assert_string_equal(buf, "Tân Lập, ngày 07 tháng 12 năm 2026");
	paper_date_line("Tân Lập", 2026, 2, 15, buf, sizeof buf);
	assert_string_equal(buf, "Tân Lập, ngày 15 tháng 02 năm 2026");
	paper_date_line("Tân Lập", 2026, 1, 31, buf, sizeof buf);
	assert_string_equal(buf, "Tân Lập, ngày 31 tháng 01 năm 2026");
	paper_date_line("Tân Lập", 2026, 3, 5, buf, sizeof buf);
	assert_string_equal(buf, "Tân Lập, ngày 05 tháng 3 năm 2026");
	paper_date_line("", 2026, 10, 12, buf, sizeof buf);
	assert_string_equal(buf, ".........., ngày 12 tháng 10 năm 2026");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ontime_month),
		cmocka_unit_test(test_ontime_procedure),
		cmocka_unit_test(test_book),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_fees),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_date_line),
	};

	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
