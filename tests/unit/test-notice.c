/* test-notice.c -- SMS sizes (GSM-7 and UCS-2, at the part edges), GSM-7 cleaning,
 * templates and rendering, the queue (quiet hours, opt-out, part limits), the
 * notices the dossier hook queues (consent, never twice per event, back-entered), the
 * queued ones a later event made obsolete, and a linked intake's one notice. */
#include "unit.h"

#include "catalog.h"
#include "dossier.h"
#include "notice.h"
#include "smsq.h"
#include "text.h"

#define OFFICE "000.17.22.H56"
#define PHONE "0912345678"

static struct store *st;
static char path[256];

static int
setup(void **state)
{
	if ((st = unit_office_store(path)) == NULL)
		return -1;
	store_set_setting(st, "office.address", "Thôn Đông, xã Tân Lập", NULL);
	return 0;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	notice_templates_reset();
	setenv("MOTCUA_NOW", "2026-10-12 09:00", 1);	/* a test may have moved the clock */
	return 0;
}

/* ---------------------------------------------------------------- helpers */

static char *
repeat(const char *unit, int n)
{
	size_t k = strlen(unit);
	char *s = malloc(k * (size_t)n + 1);
	int i;

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + k * (size_t)i, unit, k);
	s[k * (size_t)n] = '\0';
	return s;
}

static void
size_of(const char *text, int ucs2, int units, int parts)
{
	struct notice_size z;

	notice_measure(text, &z);
	if (z.ucs2 != ucs2 || z.units != units || z.parts != parts)
		fail_msg("measure(%.40s...): ucs2 %d units %d parts %d, expected %d %d %d",
		    text, z.ucs2, z.units, z.parts, ucs2, units, parts);
}

static void
size_rep(const char *unit, int n, int ucs2, int units, int parts)
{
	char *s = repeat(unit, n);

	size_of(s, ucs2, units, parts);
	free(s);
}

static long
count(const char *sql)
{
	return unit_count(st, sql);
}

/* Column 0 of the first row of sql as a new string ("" if none). */
static char *
text_of(const char *sql)
{
	sqlite3_stmt *s;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v != NULL ? v : strdup("");
}

static void
intake_sms(const char *proc, const char *phone, int sms, char code[CODE_MAX])
{
	struct intake in = { .procedure = proc, .name = "Nguyễn Văn Ân", .idno = "001090012345",
	    .phone = phone, .address = "Thôn Đông", .sms = sms, .received = MC_TIME_NONE };
	char codes[8][CODE_MAX];
	struct mc_error err;
	int n;

	if (dossier_intake(st, &in, "test", codes, 8, &n, &err) != MC_OK)
		fail_msg("intake: %s", mc_message(&err));
	strcpy(code, codes[0]);
}

static void
event(const char *code, enum event_kind k, struct event_args *a)
{
	struct mc_error err;

	if (dossier_append(st, code, k, a, "test", &err) != MC_OK)
		fail_msg("%s: %s", event_kind_name(k), mc_message(&err));
}

/* The body of the notice queued for code's event of kind (fails if not exactly one). */
static char *
notice_for(const char *code, const char *kind)
{
	char sql[512];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out o JOIN dossier_event e ON e.id = o.event_id "
	    "WHERE o.code = '%s' AND e.kind = '%s' AND o.kind = 'notice' AND o.priority = 1", code, kind);
	assert_int_equal(count(sql), 1);
	snprintf(sql, sizeof sql, "SELECT o.body FROM sms_out o JOIN dossier_event e ON e.id = o.event_id "
	    "WHERE o.code = '%s' AND e.kind = '%s'", code, kind);
	return text_of(sql);
}

static int
gsm7_only(const char *s)
{
	struct notice_size z;

	notice_measure(s, &z);
	return !z.ucs2;
}

/* ---------------------------------------------------------------- sizes */

static void
test_gsm7_table(void **state)
{
	assert_int_equal(notice_gsm7_char('a'), 1);
	assert_int_equal(notice_gsm7_char('@'), 1);
	assert_int_equal(notice_gsm7_char('$'), 1);
	assert_int_equal(notice_gsm7_char('\n'), 1);
	assert_int_equal(notice_gsm7_char(0x00E9), 1);		/* é */
	assert_int_equal(notice_gsm7_char(0x0394), 1);		/* Δ */
	assert_int_equal(notice_gsm7_char('{'), 2);
	assert_int_equal(notice_gsm7_char('|'), 2);
	assert_int_equal(notice_gsm7_char('^'), 2);
	assert_int_equal(notice_gsm7_char('~'), 2);
	assert_int_equal(notice_gsm7_char('\\'), 2);
	assert_int_equal(notice_gsm7_char(0x20AC), 2);		/* € */
	assert_int_equal(notice_gsm7_char('`'), 0);
	assert_int_equal(notice_gsm7_char(0x0103), 0);		/* ă */
	assert_int_equal(notice_gsm7_char(0x1EBF), 0);		/* ế */
	assert_int_equal(notice_gsm7_char(0x1F600), 0);		/* 😀 */
	assert_int_equal(notice_gsm7_char(0), 0);
}

static void
test_part_edges(void **state)
{
	/* GSM-7: 160 in one part, 153 a part after */
	size_of("", 0, 0, 1);
	size_rep("a", 1, 0, 1, 1);
	size_rep("a", 160, 0, 160, 1);
	size_rep("a", 161, 0, 161, 2);
	size_rep("a", 306, 0, 306, 2);
	size_rep("a", 307, 0, 307, 3);
	size_rep("a", 459, 0, 459, 3);
	size_rep("a", 460, 0, 460, 4);
	/* extension characters count 2 */
	size_rep("{", 80, 0, 160, 1);
	size_rep("€", 81, 0, 162, 2);
	size_rep("[]", 40, 0, 160, 1);
	/* UCS-2: 70 in one part, 67 a part after */
	size_rep("ă", 70, 1, 70, 1);
	size_rep("ă", 71, 1, 71, 2);
	size_rep("ế", 134, 1, 134, 2);
	size_rep("ế", 135, 1, 135, 3);
	/* a character outside the BMP is two UTF-16 units */
	size_rep("😀", 35, 1, 70, 1);
	size_rep("😀", 36, 1, 72, 2);
	/* one accented letter makes the whole text UCS-2 */
	{
		char *s = repeat("a", 159), *t = malloc(200);

		snprintf(t, 200, "%să", s);
		size_of(t, 1, 160, 3);
		free(s);
		free(t);
	}
	/* a two-septet character never straddles parts: 152 + 2 does not fit 153 */
	{
		char *a = repeat("a", 152), *t = malloc(400);

		snprintf(t, 400, "%s{%s", a, a);
		size_of(t, 0, 306, 3);
		free(a);
		free(t);
	}
	/* nor does a surrogate pair: 66 units + 2 */
	{
		char *a = repeat("ă", 66), *t = malloc(400);

		snprintf(t, 400, "%s😀%s", a, a);
		size_of(t, 1, 134, 3);
		free(a);
		free(t);
	}
	/* malformed UTF-8 forces UCS-2 (it cannot be sent as GSM-7) and is counted */
	size_of("ab\xff", 1, 3, 1);
}

static void
test_gsm7_cleaning(void **state)
{
	char *s;

	s = notice_gsm7("Hồ sơ đã được tiếp nhận. Ngày hẹn: 03/06");
	assert_string_equal(s, "Ho so da duoc tiep nhan. Ngay hen: 03/06");
	free(s);
	s = notice_gsm7("ĐỖ THỊ Ầ");
	assert_string_equal(s, "DO THI A");
	free(s);
	s = notice_gsm7("“Ngoặc” – ‘x’…");
	assert_string_equal(s, "\"Ngoac\" - 'x'...");
	free(s);
	s = notice_gsm7("ok 😀 \xff end\x01");
	assert_string_equal(s, "ok ? ? end ");
	assert_true(gsm7_only(s));
	free(s);
	s = notice_gsm7("{braces} and €");
	assert_string_equal(s, "{braces} and €");
	free(s);
}

static void
test_fit(void **state)
{
	char *words = repeat("chu nhieu ", 60), *fit;
	struct notice_size z;

	fit = notice_fit(words, 1);
	notice_measure(fit, &z);
	assert_int_equal(z.parts, 1);
	assert_true(z.units > 140);
	assert_int_equal(strcmp(fit + strlen(fit) - 3, "..."), 0);
	assert_int_equal(strncmp(fit, words, strlen(fit) - 3), 0);
	assert_true(fit[strlen(fit) - 4] != ' ');	/* cut at a word, not after a space */
	free(fit);
	fit = notice_fit(words, 3);
	notice_measure(fit, &z);
	assert_int_equal(z.parts, 3);
	free(fit);
	fit = notice_fit("short", 1);
	assert_string_equal(fit, "short");
	free(fit);
	free(words);
	words = repeat("hồ sơ ", 40);
	fit = notice_fit(words, 1);
	notice_measure(fit, &z);
	assert_true(z.ucs2);
	assert_int_equal(z.parts, 1);
	assert_true(text_valid(fit, strlen(fit)));
	free(fit);
	free(words);
}

/* ---------------------------------------------------------------- templates */

static void
test_templates_render(void **state)
{
	struct notice_style s = { "vi", 0 };
	struct notice_vars vs;
	struct dossier d;
	char code[CODE_MAX], *out;
	struct notice_size z;

	intake_sms("1.004873", PHONE, 0, code);
	assert_int_equal(dossier_get(st, code, &d, NULL), MC_OK);
	notice_vars_init(&vs);
	assert_int_equal(notice_vars_dossier(st, &s, &d, &vs, NULL), MC_OK);
	assert_string_equal(notice_vars_get(&vs, "code"), code);
	assert_string_equal(notice_vars_get(&vs, "short"), "261012-0001");
	assert_string_equal(notice_vars_get(&vs, "due"), "15/10/2026");
	assert_string_equal(notice_vars_get(&vs, "status"), "da tiep nhan");
	assert_string_equal(notice_vars_get(&vs, "place"), "UBND xã Tân Lập, Thôn Đông, xã Tân Lập");
	assert_null(notice_vars_get(&vs, "name"));	/* never the applicant's */

	assert_int_equal(notice_render(st, &s, "received", &vs, &out, NULL), MC_OK);
	assert_non_null(strstr(out, code));
	assert_non_null(strstr(out, "Cap Giay xac nhan tinh trang hon nhan"));
	assert_non_null(strstr(out, "15/10/2026"));
	assert_true(gsm7_only(out));
	notice_measure(out, &z);
	assert_int_equal(z.parts, 1);
	free(out);

	s.accents = 1;
	assert_int_equal(notice_render(st, &s, "received", &vs, &out, NULL), MC_OK);
	assert_non_null(strstr(out, "Hồ sơ"));
	assert_non_null(strstr(out, "Cấp Giấy xác nhận tình trạng hôn nhân"));
	assert_false(gsm7_only(out));
	free(out);

	strcpy(s.lang, "en");
	assert_int_equal(notice_render(st, &s, "received", &vs, &out, NULL), MC_OK);
	assert_non_null(strstr(out, "Dossier"));
	assert_non_null(strstr(out, "was received"));
	free(out);

	/* every shipped template renders in every style, and notices fit one part */
	{
		static const char *const keys[] = { "received", "supplement-requested",
		    "result-ready", "extended", "result-returned", "due-tomorrow",
		    "result-waiting", "supplement-pending", "help", "status", "unknown-code",
		    "optout", "optin", "rate-usage" };
		static const struct notice_style styles[] = { { "vi", 0 }, { "vi", 1 }, { "en", 0 } };
		size_t i, j;

		notice_vars_set(&vs, "items", "Ban sao CCCD");
		notice_vars_set(&vs, "deadline", "19/10/2026");
		notice_vars_set(&vs, "old_due", "15/10/2026");
		notice_vars_set(&vs, "reason", "cho xac minh");
		notice_vars_set(&vs, "example", "261012-0001");
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
			for (j = 0; j < sizeof styles / sizeof styles[0]; j++) {
				assert_int_equal(notice_render(st, &styles[j], keys[i], &vs, &out, NULL), MC_OK);
				assert_null(strchr(out, '{'));	/* no placeholder left */
				notice_measure(out, &z);
				if (!styles[j].accents && z.parts > 2)
					fail_msg("%s (%s): %d parts: %s", keys[i], styles[j].lang, z.parts, out);
				if (!styles[j].accents)
					assert_true(gsm7_only(out));
				free(out);
			}
	}
}

static void
test_template_override_and_unknown(void **state)
{
	struct notice_style s = { "vi", 0 };
	struct notice_vars vs;
	char *out, *tmpl;
	struct mc_error err;

	notice_vars_init(&vs);
	notice_vars_set(&vs, "code", "X-1");
	notice_vars_set(&vs, "bad", "line\nbreak\ttab");
	out = notice_render_text("Ma {code}, {nothing}, {bad}, {", &vs, 0);
	assert_string_equal(out, "Ma X-1, {nothing}, line break tab, {");
	free(out);
	store_set_setting(st, "sms.template.help", "Goi 1900 xxxx de duoc huong dan", NULL);
	assert_int_equal(notice_template(st, &s, "help", &tmpl, NULL), MC_OK);
	assert_string_equal(tmpl, "Goi 1900 xxxx de duoc huong dan");
	free(tmpl);
	store_set_setting(st, "sms.template.help", "", NULL);
	assert_int_equal(notice_template(st, &s, "no-such-template", &tmpl, &err), MC_ENOTFOUND);
	assert_null(tmpl);
	assert_non_null(strstr(err.msg, "no-such-template"));
}

/* ---------------------------------------------------------------- the queue */

static void
test_queue_quiet_hours(void **state)
{
	struct notice_out m = { .number = "+84 912 345 678", .kind = NOTICE_BULK, .body = "Thong bao",
	    .not_before = MC_TIME_NONE };
	mc_minute t;
	long id;
	char *nb;

	assert_int_equal(mc_time_parse("2026-10-12 22:30", &t), 0);
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_OK);
	assert_true(id > 0);
	nb = text_of("SELECT not_before || '|' || number || '|' || encoding || '|' || parts "
	    "FROM sms_out ORDER BY id DESC LIMIT 1");
	assert_string_equal(nb, "2026-10-13 07:00:00|" PHONE "|gsm7|1");
	free(nb);
	/* early morning, still quiet */
	assert_int_equal(mc_time_parse("2026-10-13 06:59", &t), 0);
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_OK);
	nb = text_of("SELECT not_before FROM sms_out ORDER BY id DESC LIMIT 1");
	assert_string_equal(nb, "2026-10-13 07:00:00");
	free(nb);
	/* a reply goes at once */
	m.kind = NOTICE_REPLY;
	assert_int_equal(mc_time_parse("2026-10-12 23:00", &t), 0);
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_OK);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE id = (SELECT max(id) FROM sms_out) "
	    "AND not_before IS NULL AND priority = 0 AND kind = 'reply'"), 1);
	/* in the day: no wait */
	m.kind = NOTICE_NOTICE;
	assert_int_equal(mc_time_parse("2026-10-13 10:00", &t), 0);
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_OK);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE id = (SELECT max(id) FROM sms_out) "
	    "AND not_before IS NULL"), 1);
	/* a quiet time inside one day, and none at all */
	store_set_setting(st, "sms.quiet", "11:30-13:30", NULL);
	assert_int_equal(mc_time_parse("2026-10-13 12:00", &t), 0);
	assert_int_equal(smsq_quiet_until(st, t), t + 90);
	assert_int_equal(mc_time_parse("2026-10-13 22:00", &t), 0);
	assert_int_equal(smsq_quiet_until(st, t), MC_TIME_NONE);
	store_set_setting(st, "sms.quiet", "off", NULL);
	assert_int_equal(mc_time_parse("2026-10-13 02:00", &t), 0);
	assert_int_equal(smsq_quiet_until(st, t), MC_TIME_NONE);
	store_set_setting(st, "sms.quiet", "21:00-07:00", NULL);
	assert_int_equal(smsq_quiet_until(st, t), t + 300);
	/* a number that is not a phone is refused */
	m.number = "VIETTEL";
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_EINVAL);
}

static void
test_queue_limits_and_optout(void **state)
{
	char *longer = repeat("Thong bao dai ", 40);
	struct notice_out m = { .number = PHONE, .kind = NOTICE_BULK, .body = longer,
	    .not_before = MC_TIME_NONE };
	struct mc_error err;
	mc_minute t = mc_now();
	long id;

	/* 560 characters: 4 parts, more than bulk's 2 */
	assert_int_equal(notice_queue(st, &m, t, &id, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "4 SMS parts"));
	/* a notice is cut to its 3 parts instead */
	m.kind = NOTICE_NOTICE;
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_OK);
	assert_int_equal(count("SELECT parts FROM sms_out ORDER BY id DESC LIMIT 1"), 3);
	/* the office may allow more */
	store_set_setting(st, "sms.max_parts.bulk", "4", NULL);
	m.kind = NOTICE_BULK;
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_OK);
	assert_int_equal(count("SELECT parts FROM sms_out ORDER BY id DESC LIMIT 1"), 4);
	free(longer);

	/* opted out: notices and bulk are not queued, replies are */
	assert_int_equal(smsq_optout(st, "+84912345678", mc_clock(), NULL), MC_OK);
	assert_true(smsq_optedout(st, PHONE));
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE status = 'queued'"), 0);	/* cancelled */
	m.body = "x";
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_OK);
	assert_int_equal(id, 0);
	m.kind = NOTICE_REPLY;
	assert_int_equal(notice_queue(st, &m, t, &id, NULL), MC_OK);
	assert_true(id > 0);
	assert_int_equal(smsq_optin(st, PHONE, NULL), MC_OK);
	assert_false(smsq_optedout(st, PHONE));
}

/* ---------------------------------------------------------------- the hook */

static void
test_hook_received(void **state)
{
	char code[CODE_MAX], plain[CODE_MAX], *body, *id, sql[256];
	struct dossier_event ev;
	struct dossier d;
	long before;

	intake_sms("1.004873", "+84 912 345 678", 1, code);
	body = notice_for(code, "received");
	assert_non_null(strstr(body, code));
	assert_non_null(strstr(body, "15/10/2026"));
	assert_null(strstr(body, "Nguyen"));
	assert_true(gsm7_only(body));
	free(body);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE number = '" PHONE "' "
	    "AND encoding = 'gsm7' AND parts = 1 AND status = 'queued'"), 1);

	/* never twice for one event: run the hook again by hand */
	snprintf(sql, sizeof sql, "SELECT id FROM dossier_event WHERE code = '%s'", code);
	id = text_of(sql);
	memset(&ev, 0, sizeof ev);
	snprintf(ev.id, sizeof ev.id, "%s", id);
	snprintf(ev.code, sizeof ev.code, "%s", code);
	ev.kind = EV_RECEIVED;
	ev.at = mc_now();
	ev.payload = json_object();
	assert_int_equal(dossier_get(st, code, &d, NULL), MC_OK);
	before = count("SELECT count(*) FROM sms_out");
	assert_int_equal(notice_on_event(st, &d, &ev, NULL), MC_OK);
	assert_int_equal(count("SELECT count(*) FROM sms_out"), before);
	json_decref(ev.payload);
	free(id);

	/* no consent, no notice */
	intake_sms("1.004873", "0987654321", 0, plain);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s'", plain);
	assert_int_equal(count(sql), 0);
	/* a landline cannot get one */
	intake_sms("1.004873", "024 3825 1234", 1, plain);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s'", plain);
	assert_int_equal(count(sql), 0);
}

static void
test_hook_lifecycle(void **state)
{
	char code[CODE_MAX], *body, sql[256];
	struct event_args a;

	intake_sms("1.004873", PHONE, 1, code);
	event_args_init(&a);
	a.items = "Bản sao CCCD; Giấy xác nhận cư trú";
	a.reason = "Thiếu giấy tờ";
	event(code, EV_SUPPLEMENT_REQUESTED, &a);
	body = notice_for(code, "supplement-requested");
	assert_non_null(strstr(body, "Ban sao CCCD; Giay xac nhan cu tru"));
	assert_non_null(strstr(body, "19/10/2026"));	/* 5 working days from Monday 12th */
	assert_non_null(strstr(body, "Thon Dong, xa Tan Lap"));
	free(body);

	event_args_init(&a);
	event(code, EV_SUPPLEMENT_RECEIVED, &a);
	event_args_init(&a);
	assert_int_equal(mc_time_parse("2026-10-23 00:00", &a.due), 0);
	a.reason = "Chờ xác minh";
	event(code, EV_EXTENDED, &a);
	body = notice_for(code, "extended");
	assert_non_null(strstr(body, "Xin loi"));
	assert_non_null(strstr(body, "23/10/2026"));
	assert_non_null(strstr(body, "15/10/2026"));	/* the old date */
	assert_non_null(strstr(body, "Cho xac minh"));
	free(body);

	event_args_init(&a);
	event(code, EV_RESULT_READY, &a);
	body = notice_for(code, "result-ready");
	assert_non_null(strstr(body, "da co ket qua"));
	assert_non_null(strstr(body, "UBND xa Tan Lap"));
	free(body);

	event_args_init(&a);
	event(code, EV_RESULT_RETURNED, &a);
	body = notice_for(code, "result-returned");
	assert_non_null(strstr(body, "DG 261012-0001"));
	free(body);

	/* events that warrant nothing queue nothing: a note, a payment */
	event_args_init(&a);
	a.note = "ghi chú";
	event(code, EV_NOTE, &a);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s'", code);
	assert_int_equal(count(sql), 5);
	/* one per event id, all distinct */
	snprintf(sql, sizeof sql, "SELECT count(DISTINCT event_id) FROM sms_out WHERE code = '%s'", code);
	assert_int_equal(count(sql), 5);
}

static void
test_hook_optout_backentered_nodate(void **state)
{
	char code[CODE_MAX], sql[256], *body;
	struct intake in = { .procedure = "1.004873", .name = "Lê Văn Cũ", .phone = PHONE, .sms = 1 };
	char codes[8][CODE_MAX];
	struct event_args a;
	int n;

	/* an opted-out number gets no notice even with consent */
	assert_int_equal(smsq_optout(st, PHONE, mc_clock(), NULL), MC_OK);
	intake_sms("1.004873", PHONE, 1, code);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s'", code);
	assert_int_equal(count(sql), 0);
	assert_int_equal(smsq_optin(st, PHONE, NULL), MC_OK);

	/* a dossier back-entered from last week: old news, no notice */
	assert_int_equal(mc_time_parse("2026-10-05 10:00", &in.received), 0);
	assert_int_equal(dossier_intake(st, &in, "test", codes, 8, &n, NULL), MC_OK);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s'", codes[0]);
	assert_int_equal(count(sql), 0);

	/* an office that gives no supplement deadline */
	store_set_setting(st, "sms.supplement_days", "0", NULL);
	intake_sms("1.004873", PHONE, 1, code);
	event_args_init(&a);
	a.items = "Tờ khai";
	event(code, EV_SUPPLEMENT_REQUESTED, &a);
	body = notice_for(code, "supplement-requested");
	assert_non_null(strstr(body, "To khai"));
	assert_null(strstr(body, "truoc ngay"));
	free(body);
}

static void
test_hook_styles_and_missing_templates(void **state)
{
	char code[CODE_MAX], *body, sql[256];

	store_set_setting(st, "sms.accents", "yes", NULL);
	intake_sms("1.004873", PHONE, 1, code);
	body = notice_for(code, "received");
	assert_non_null(strstr(body, "đã được tiếp nhận"));
	free(body);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE encoding = 'ucs2'"), 1);

	store_set_setting(st, "sms.accents", "no", NULL);
	store_set_setting(st, "sms.language", "en", NULL);
	intake_sms("1.004873", PHONE, 1, code);
	body = notice_for(code, "received");
	assert_non_null(strstr(body, "was received"));
	free(body);
	store_set_setting(st, "sms.language", "", NULL);

	/* the templates cannot be read: the intake still works, the notice shows as failed */
	store_set_setting(st, "sms.templates", "/nonexistent/sms.csv", NULL);
	intake_sms("1.004873", PHONE, 1, code);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s' AND status = 'failed' "
	    "AND error LIKE '%%/nonexistent/sms.csv%%'", code);
	assert_int_equal(count(sql), 1);
}

/* ---------------------------------------------------------------- obsolete notices */

/* The status of the notice queued for code's event of kind. */
static char *
status_of(const char *code, const char *kind)
{
	char sql[512];

	snprintf(sql, sizeof sql, "SELECT o.status || '|' || coalesce(o.error, '') FROM sms_out o "
	    "JOIN dossier_event e ON e.id = o.event_id WHERE o.code = '%s' AND e.kind = '%s'", code, kind);
	return text_of(sql);
}

static void
is_status(const char *code, const char *kind, const char *want)
{
	char *got = status_of(code, kind);

	if (strncmp(got, want, strlen(want)) != 0)
		fail_msg("notice for %s: '%s', expected '%s...'", kind, got, want);
	free(got);
}

/* Before 07:00 (quiet hours) a dossier went supplement-requested, then result-returned:
 * only the last notice may go out at 07:00. */
static void
test_obsolete_before_seven(void **state)
{
	char code[CODE_MAX], sql[256];
	struct event_args a;

	intake_sms("1.004873", PHONE, 1, code);
	is_status(code, "received", "queued|");
	setenv("MOTCUA_NOW", "2026-10-13 05:40", 1);		/* quiet until 07:00 */
	event_args_init(&a);
	a.items = "Tờ khai";
	event(code, EV_SUPPLEMENT_REQUESTED, &a);
	is_status(code, "supplement-requested", "queued|");
	is_status(code, "received", "cancelled|obsolete, not sent: a later event (supplement-requested, "
	    "05:40 13/10/2026)");
	event_args_init(&a);
	event(code, EV_SUPPLEMENT_RECEIVED, &a);
	is_status(code, "supplement-requested", "cancelled|obsolete, not sent: a later event "
	    "(supplement-received");
	event_args_init(&a);
	event(code, EV_RESULT_READY, &a);
	event_args_init(&a);
	event(code, EV_RESULT_RETURNED, &a);
	is_status(code, "result-ready", "cancelled|");
	is_status(code, "result-returned", "queued|");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s' AND status = 'queued' "
	    "AND not_before = '2026-10-13 07:00:00'", code);
	assert_int_equal(count(sql), 1);		/* one text at 07:00, not four */
	/* what was already sent stays as it was */
	setenv("MOTCUA_NOW", "2026-10-13 09:00", 1);
	intake_sms("1.004873", PHONE, 1, code);
	snprintf(sql, sizeof sql, "UPDATE sms_out SET status = 'sent' WHERE code = '%s'", code);
	assert_int_equal(store_exec(st, sql, NULL), MC_OK);
	event_args_init(&a);
	a.reason = "Không đủ điều kiện";
	event(code, EV_REJECTED, &a);
	is_status(code, "received", "sent|");
}

/* An extension replaces the "received" notice (its date is gone) but not a supplement
 * request; reminders go with the notices they repeat; the result handed back leaves
 * only its own notice, a withdrawal nothing; a note changes nothing. */
static void
test_obsolete_which(void **state)
{
	char code[CODE_MAX], sql[512];
	struct event_args a;
	long campaign;

	setenv("MOTCUA_NOW", "2026-10-12 22:00", 1);
	intake_sms("1.004873", PHONE, 1, code);
	event_args_init(&a);
	a.items = "Tờ khai";
	event(code, EV_SUPPLEMENT_REQUESTED, &a);
	event_args_init(&a);
	assert_int_equal(mc_time_parse("2026-10-23 00:00", &a.due), 0);
	a.reason = "Chờ xác minh";
	event(code, EV_EXTENDED, &a);
	is_status(code, "supplement-requested", "queued|");
	is_status(code, "extended", "queued|");
	event_args_init(&a);
	event(code, EV_SUPPLEMENT_RECEIVED, &a);
	is_status(code, "supplement-requested", "cancelled|");
	/* a due reminder and a bulk message for the dossier, queued by hand */
	assert_int_equal(store_exec(st, "INSERT INTO sms_campaign(kind, body, created_at, actor) "
	    "VALUES ('due-tomorrow', 'x', '2026-10-12 22:00:00', 'test')", NULL), MC_OK);
	campaign = (long)sqlite3_last_insert_rowid(store_db(st));
	snprintf(sql, sizeof sql, "INSERT INTO sms_out(number, kind, priority, body, code, campaign, "
	    "created_at) VALUES ('" PHONE "', 'reminder', 2, 'Nhac lich', '%s', %ld, '2026-10-12 22:00:00'), "
	    "('" PHONE "', 'bulk', 3, 'Thong bao', '%s', NULL, '2026-10-12 22:00:00')", code, campaign, code);
	assert_int_equal(store_exec(st, sql, NULL), MC_OK);
	event_args_init(&a);
	event(code, EV_RESULT_READY, &a);
	is_status(code, "extended", "cancelled|");
	is_status(code, "result-ready", "queued|");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s' AND kind = 'reminder' "
	    "AND status = 'cancelled' AND error LIKE 'obsolete%%'", code);
	assert_int_equal(count(sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s' AND kind = 'bulk' "
	    "AND status = 'queued'", code);
	assert_int_equal(count(sql), 1);		/* an announcement is not about the status */
	/* handed back: of the dossier's notices only the last one is left */
	event_args_init(&a);
	event(code, EV_RESULT_RETURNED, &a);
	is_status(code, "result-ready", "cancelled|");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s' AND kind = 'notice' "
	    "AND status = 'queued'", code);
	assert_int_equal(count(sql), 1);
	is_status(code, "result-returned", "queued|");
	/* withdrawn: nothing is left */
	intake_sms("1.004873", PHONE, 1, code);
	event_args_init(&a);
	a.reason = "Công dân rút";
	event(code, EV_WITHDRAWN, &a);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE code = '%s' AND status = 'queued'", code);
	assert_int_equal(count(sql), 0);
	/* a note changes nothing */
	intake_sms("1.004873", PHONE, 1, code);
	event_args_init(&a);
	a.note = "ghi chú";
	event(code, EV_NOTE, &a);
	is_status(code, "received", "queued|");
}

/* A phone corrected (or consent withdrawn) cancels what is queued for the old one. */
static void
test_obsolete_edited(void **state)
{
	char code[CODE_MAX], sql[256];
	struct event_args a;

	intake_sms("1.004873", "0987000111", 1, code);
	is_status(code, "received", "queued|");
	event_args_init(&a);
	a.fields = json_pack("{s:s}", "phone", "0987000222");
	event(code, EV_EDITED, &a);
	json_decref(a.fields);
	is_status(code, "received", "cancelled|not sent: the dossier's phone number or SMS consent changed");
	/* a name corrected: what goes to the right number stays */
	intake_sms("1.004873", PHONE, 1, code);
	event_args_init(&a);
	a.fields = json_pack("{s:s}", "name", "Nguyễn Văn Ấn");
	event(code, EV_EDITED, &a);
	json_decref(a.fields);
	is_status(code, "received", "queued|");
	/* consent withdrawn */
	event_args_init(&a);
	a.fields = json_pack("{s:b}", "sms", 0);
	event(code, EV_EDITED, &a);
	json_decref(a.fields);
	is_status(code, "received", "cancelled|not sent");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE status = 'queued'");
	assert_int_equal(count(sql), 0);
}

/* A linked intake: one "received" SMS for the phone, listing the codes; a dossier that
 * moves on leaves the list. */
static void
test_linked_group(void **state)
{
	struct intake in = { .procedure = "1.001193", .name = "Nguyễn Văn Bé", .phone = PHONE, .sms = 1,
	    .linked = 1, .received = MC_TIME_NONE };
	char codes[8][CODE_MAX], sql[512], *body;
	struct event_args a;
	int n, i;

	setenv("MOTCUA_NOW", "2026-10-12 20:00", 1);
	assert_int_equal(dossier_intake(st, &in, "test", codes, 8, &n, NULL), MC_OK);
	assert_int_equal(n, 2);	/* birth and permanent residence */
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE kind = 'notice'"), 1);
	body = text_of("SELECT body FROM sms_out WHERE kind = 'notice'");
	for (i = 0; i < n; i++)
		if (strstr(body, codes[i]) == NULL)
			fail_msg("code %s not in '%s'", codes[i], body);
	assert_non_null(strstr(body, "Cac ho so"));
	assert_non_null(strstr(body, "(2 thu tuc lien thong)"));
	free(body);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sms_out WHERE kind = 'notice' AND code = '%s' "
	    "AND number = '" PHONE "' AND status = 'queued' AND encoding = 'gsm7'", codes[0]);
	assert_int_equal(count(sql), 1);
	/* the residence registration is ready before the notice went: it leaves the list,
	 * and what is left is the plain notice of the birth registration */
	event_args_init(&a);
	event(codes[1], EV_RESULT_READY, &a);
	body = text_of("SELECT body FROM sms_out o JOIN dossier_event e ON e.id = o.event_id "
	    "WHERE e.kind = 'received'");
	if (strncmp(body, "Ho so ", 6) != 0 || strstr(body, codes[0]) == NULL || strstr(body, codes[1]) != NULL)
		fail_msg("the notice left: '%s'", body);
	free(body);
	/* the last one leaves: cancelled */
	event_args_init(&a);
	a.reason = "Rút hồ sơ";
	event(codes[0], EV_WITHDRAWN, &a);
	assert_int_equal(count("SELECT count(*) FROM sms_out o JOIN dossier_event e ON e.id = o.event_id "
	    "WHERE e.kind = 'received' AND o.status = 'cancelled' AND o.error LIKE 'obsolete%'"), 1);
	/* two phones, two notices: a group for a child filed by two parents is not a thing, but
	 * a dossier of the group edited to another phone leaves it */
	assert_int_equal(dossier_intake(st, &in, "test", codes, 8, &n, NULL), MC_OK);
	event_args_init(&a);
	a.fields = json_pack("{s:s}", "phone", "0987000333");
	event(codes[1], EV_EDITED, &a);
	json_decref(a.fields);
	body = text_of("SELECT body FROM sms_out o JOIN dossier_event e ON e.id = o.event_id "
	    "WHERE e.kind = 'received' AND o.status = 'queued'");
	if (strncmp(body, "Ho so ", 6) != 0 || strstr(body, codes[0]) == NULL || strstr(body, codes[1]) != NULL)
		fail_msg("the notice left for the first phone: '%s'", body);
	free(body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gsm7_table),
		cmocka_unit_test(test_part_edges),
		cmocka_unit_test(test_gsm7_cleaning),
		cmocka_unit_test(test_fit),
		cmocka_unit_test_setup_teardown(test_templates_render, setup, teardown),
		cmocka_unit_test_setup_teardown(test_template_override_and_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_quiet_hours, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_limits_and_optout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hook_received, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hook_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hook_optout_backentered_nodate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hook_styles_and_missing_templates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_obsolete_before_seven, setup, teardown),
		cmocka_unit_test_setup_teardown(test_obsolete_which, setup, teardown),
		cmocka_unit_test_setup_teardown(test_obsolete_edited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_linked_group, setup, teardown),
	};

	return cmocka_run_group_tests_name("notice", tests, NULL, NULL);
}
