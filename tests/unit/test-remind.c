/* test-remind.c -- reminders by rule and bulk campaigns (common/remind.c): what each
 * rule and a campaign's filters select, one message per phone, no message without SMS
 * consent or to a number that opted out, a rule not repeated to a phone within its N
 * days, the rendered texts, the campaign row and queued messages, a plan alone (a dry
 * run) writing nothing, and the refusals. */
#include "unit.h"

#include "catalog.h"
#include "dossier.h"
#include "notice.h"
#include "remind.h"
#include "smsq.h"

#define OFFICE "000.17.22.H56"
#define MARRIAGE "1.004873"	/* 3 working days: received Mon 12/10, due Thu 15/10 */
#define BIRTH "1.001193"

static struct store *st;
static char path[256];

static int
setup(void **state)
{
	if ((st = unit_office_store(path)) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	notice_templates_reset();
	return 0;
}

/* ---------------------------------------------------------------- helpers */

static mc_minute
at(const char *when)
{
	mc_minute m;

	if (mc_time_parse(when, &m) != 0)
		fail_msg("bad time %s", when);
	return m;
}

static long
count(const char *sql)
{
	return unit_count(st, sql);
}

/* A new dossier received at MOTCUA_NOW when; its code into code. */
static void
intake(const char *when, const char *proc, const char *phone, int sms, char code[CODE_MAX])
{
	struct intake in = { .procedure = proc, .name = "Nguyễn Văn Ân", .idno = "001090012345",
	    .phone = phone, .address = "Thôn Đông", .sms = sms, .received = MC_TIME_NONE };
	char codes[8][CODE_MAX];
	struct mc_error err;
	int n;

	setenv("MOTCUA_NOW", when, 1);
	if (dossier_intake(st, &in, "test", codes, 8, &n, &err) != MC_OK)
		fail_msg("intake: %s", mc_message(&err));
	strcpy(code, codes[0]);
}

static void
event(const char *when, const char *code, enum event_kind k, const char *items)
{
	struct event_args a;
	struct mc_error err;

	setenv("MOTCUA_NOW", when, 1);
	event_args_init(&a);
	a.items = items;
	a.reason = items != NULL ? "Thiếu giấy tờ" : NULL;
	if (dossier_append(st, code, k, &a, "test", &err) != MC_OK)
		fail_msg("%s: %s", event_kind_name(k), mc_message(&err));
}

static void
plan(struct remind_plan *p, const char *when)
{
	struct mc_error err;

	if (remind_plan(st, p, at(when), &err) != MC_OK)
		fail_msg("remind_plan: %s", mc_message(&err));
}

/* The plan's recipients as "number code;..." */
static void
is_recipients(const struct remind_plan *p, const char *want)
{
	char got[1024] = "";
	size_t i, k;

	for (i = 0; i < p->n; i++) {
		k = strlen(got);
		snprintf(got + k, sizeof got - k, "%s %s;", p->r[i].number, p->r[i].code);
	}
	if (strcmp(got, want) != 0)
		fail_msg("recipients: got '%s', expected '%s'", got, want);
}

static void
queue(const struct remind_plan *p, const char *when, long *campaign, int *queued)
{
	struct mc_error err;

	if (remind_queue(st, p, "test", at(when), campaign, queued, &err) != MC_OK)
		fail_msg("remind_queue: %s", mc_message(&err));
}

/* ---------------------------------------------------------------- rules */

static void
test_due_tomorrow(void **state)
{
	struct remind_plan p = { .rule = "due-tomorrow" };
	char a[CODE_MAX], b[CODE_MAX], want[256];

	intake("2026-10-12 09:00", MARRIAGE, "0912345678", 1, a);
	intake("2026-10-13 09:00", MARRIAGE, "0977000111", 1, b);	/* due Fri 16/10 */
	plan(&p, "2026-10-14 10:00");
	snprintf(want, sizeof want, "0912345678 %s;", a);
	is_recipients(&p, want);
	assert_int_equal(p.kind, NOTICE_REMINDER);
	assert_int_equal(p.days, 0);
	assert_non_null(strstr(p.r[0].text, "ngay mai 15/10/2026"));
	assert_int_equal(p.r[0].size.ucs2, 0);
	assert_int_equal(p.parts, p.r[0].size.parts);
	assert_int_equal(p.max_parts, 2);
	assert_int_equal(p.too_long, 0);
	plan(&p, "2026-10-15 10:00");	/* a plan made again forgets the last one */
	snprintf(want, sizeof want, "0977000111 %s;", b);
	is_recipients(&p, want);
	plan(&p, "2026-10-12 10:00");
	assert_int_equal(p.n, 0);
	/* a dossier whose result was handed back is not reminded */
	event("2026-10-14 09:00", a, EV_RESULT_READY, NULL);
	event("2026-10-14 09:30", a, EV_RESULT_RETURNED, NULL);
	plan(&p, "2026-10-14 10:00");
	assert_int_equal(p.n, 0);
	remind_plan_free(&p);
}

static void
test_result_waiting(void **state)
{
	struct remind_plan p = { .rule = "result-waiting" };
	char a[CODE_MAX], b[CODE_MAX], want[256];

	intake("2026-10-12 09:00", MARRIAGE, "0912345678", 1, a);
	intake("2026-10-12 09:05", MARRIAGE, "0977000111", 1, b);
	event("2026-10-12 10:00", a, EV_RESULT_READY, NULL);
	plan(&p, "2026-10-15 09:59");
	assert_int_equal(p.n, 0);
	assert_int_equal(p.days, 3);
	plan(&p, "2026-10-15 10:00");			/* ready for 3 days */
	snprintf(want, sizeof want, "0912345678 %s;", a);
	is_recipients(&p, want);
	p.days = 10;
	plan(&p, "2026-10-15 10:00");
	assert_int_equal(p.n, 0);
	plan(&p, "2026-10-22 10:00");
	is_recipients(&p, want);
	remind_plan_free(&p);
}

static void
test_supplement_pending(void **state)
{
	struct remind_plan p = { .rule = "supplement-pending" };
	char a[CODE_MAX], want[256];

	intake("2026-10-12 09:00", MARRIAGE, "0966000222", 1, a);
	event("2026-10-12 09:30", a, EV_SUPPLEMENT_REQUESTED, "Bản sao sổ hộ khẩu");
	plan(&p, "2026-10-17 09:00");
	assert_int_equal(p.n, 0);
	assert_int_equal(p.days, 5);
	plan(&p, "2026-10-17 09:30");
	snprintf(want, sizeof want, "0966000222 %s;", a);
	is_recipients(&p, want);
	assert_non_null(strstr(p.r[0].text, "Ban sao so ho khau"));
	p.days = 2;
	plan(&p, "2026-10-14 09:30");
	is_recipients(&p, want);
	remind_plan_free(&p);
}

/* ---------------------------------------------------------------- who is skipped */

static void
test_one_per_phone(void **state)
{
	struct remind_plan p = { .rule = "due-tomorrow" };
	char a[CODE_MAX], b[CODE_MAX], c[CODE_MAX], want[256];

	intake("2026-10-12 09:00", MARRIAGE, "+84 912 345 678", 1, a);
	intake("2026-10-12 09:01", MARRIAGE, "0912345678", 1, b);
	intake("2026-10-12 09:02", MARRIAGE, "0977000111", 1, c);
	plan(&p, "2026-10-14 10:00");
	snprintf(want, sizeof want, "0912345678 %s;0977000111 %s;", a, c);
	is_recipients(&p, want);
	assert_int_equal(p.dup, 1);
	assert_int_equal(p.optout + p.consent + p.recent, 0);
	remind_plan_free(&p);
}

static void
test_consent_and_optout(void **state)
{
	struct remind_plan p = { .rule = "due-tomorrow" };
	char a[CODE_MAX], b[CODE_MAX], c[CODE_MAX], d[CODE_MAX], want[256];
	struct mc_error err;

	intake("2026-10-12 09:00", MARRIAGE, "0912345678", 1, a);
	intake("2026-10-12 09:01", MARRIAGE, "0987654321", 0, b);	/* no consent */
	intake("2026-10-12 09:02", MARRIAGE, "024 3825 1234", 1, c);	/* a landline */
	intake("2026-10-12 09:03", MARRIAGE, "0977000111", 1, d);
	assert_int_equal(smsq_optout(st, "+84977000111", mc_second_at(at("2026-10-12 10:00")), &err),
	    MC_OK);
	plan(&p, "2026-10-14 10:00");
	snprintf(want, sizeof want, "0912345678 %s;", a);
	is_recipients(&p, want);
	assert_int_equal(p.consent, 2);
	assert_int_equal(p.optout, 1);
	assert_int_equal(p.dup, 0);
	assert_int_equal(smsq_optin(st, "0977000111", &err), MC_OK);
	plan(&p, "2026-10-14 10:00");
	snprintf(want, sizeof want, "0912345678 %s;0977000111 %s;", a, d);
	is_recipients(&p, want);
	assert_int_equal(p.optout, 0);
	remind_plan_free(&p);
}

/* ---------------------------------------------------------------- queuing */

static void
test_queue_and_not_again(void **state)
{
	struct remind_plan p = { .rule = "result-waiting" };
	char a[CODE_MAX], b[CODE_MAX];
	long campaign, before;
	int queued;

	intake("2026-10-12 09:00", MARRIAGE, "0912345678", 1, a);
	intake("2026-10-12 09:05", MARRIAGE, "0977000111", 1, b);
	event("2026-10-12 10:00", a, EV_RESULT_READY, NULL);
	event("2026-10-12 10:00", b, EV_RESULT_READY, NULL);

	/* a plan alone is the dry run: it writes nothing */
	before = count("SELECT count(*) FROM sms_out");
	plan(&p, "2026-10-15 10:00");
	assert_int_equal(p.n, 2);
	assert_int_equal(count("SELECT count(*) FROM sms_out"), before);
	assert_int_equal(count("SELECT count(*) FROM sms_campaign"), 0);

	queue(&p, "2026-10-15 10:00", &campaign, &queued);
	assert_true(campaign > 0);
	assert_int_equal(queued, 2);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE campaign IS NOT NULL "
	    "AND kind = 'reminder' AND priority = 2 AND created_at = '2026-10-15 10:00:00'"), 2);
	assert_int_equal(count("SELECT count(*) FROM sms_campaign WHERE kind = 'result-waiting' "
	    "AND selection = '{\"days\":3,\"rule\":\"result-waiting\"}' AND recipients = 2 "
	    "AND parts = 2 AND actor = 'test' AND body LIKE '%{code}%'"), 1);

	/* not again within 3 days (less an hour, for a daily job that runs a little
	 * earlier), again after */
	plan(&p, "2026-10-16 10:00");
	assert_int_equal(p.n, 0);
	assert_int_equal(p.recent, 2);
	plan(&p, "2026-10-18 09:00");
	assert_int_equal(p.n, 0);
	assert_int_equal(p.recent, 2);
	plan(&p, "2026-10-18 09:01");
	assert_int_equal(p.n, 2);
	assert_int_equal(p.recent, 0);
	/* another rule's reminders do not count */
	p.rule = "due-tomorrow";
	plan(&p, "2026-10-14 10:00");
	assert_int_equal(p.recent, 0);
	assert_int_equal(p.n, 2);

	/* nobody selected: nothing written */
	p.rule = "supplement-pending";
	plan(&p, "2026-10-16 10:00");
	assert_int_equal(p.n, 0);
	before = count("SELECT count(*) FROM sms_campaign");
	queue(&p, "2026-10-16 10:00", &campaign, &queued);
	assert_int_equal(campaign, 0);
	assert_int_equal(queued, 0);
	assert_int_equal(count("SELECT count(*) FROM sms_campaign"), before);
	remind_plan_free(&p);
}

/* ---------------------------------------------------------------- campaigns */

static void
test_campaign(void **state)
{
	struct remind_plan p = { .text = "Thông báo hồ sơ {code}", .procedure = MARRIAGE };
	char a[CODE_MAX], b[CODE_MAX], c[CODE_MAX], d[CODE_MAX], want[512];
	long campaign;
	int queued;

	intake("2026-10-12 09:00", MARRIAGE, "0912345678", 1, a);
	intake("2026-10-13 09:00", MARRIAGE, "0977000111", 1, b);
	intake("2026-10-13 09:10", BIRTH, "0966000222", 1, c);
	intake("2026-10-14 09:00", MARRIAGE, "0988000333", 1, d);
	event("2026-10-14 10:00", b, EV_RESULT_READY, NULL);

	plan(&p, "2026-10-15 10:00");
	snprintf(want, sizeof want, "0912345678 %s;0977000111 %s;0988000333 %s;", a, b, d);
	is_recipients(&p, want);
	assert_int_equal(p.kind, NOTICE_BULK);
	snprintf(want, sizeof want, "Thong bao ho so %s", a);
	assert_string_equal(p.r[0].text, want);

	p.procedure = NULL;
	p.from = "2026-10-13";
	p.to = "2026-10-13";		/* inclusive */
	plan(&p, "2026-10-15 10:00");
	snprintf(want, sizeof want, "0966000222 %s;0977000111 %s;", c, b);
	is_recipients(&p, want);

	p.from = NULL;
	p.to = NULL;
	p.status = 9;
	plan(&p, "2026-10-15 10:00");
	snprintf(want, sizeof want, "0977000111 %s;", b);
	is_recipients(&p, want);

	p.status = 0;
	p.office = OFFICE;
	plan(&p, "2026-10-15 10:00");
	assert_int_equal(p.n, 4);
	p.office = "000.00.00.X99";
	plan(&p, "2026-10-15 10:00");
	assert_int_equal(p.n, 0);

	/* a template instead of a text; queued at bulk priority with its selection */
	p.office = NULL;
	p.text = NULL;
	p.tmpl = "due-tomorrow";
	p.status = 9;
	plan(&p, "2026-10-15 10:00");
	assert_int_equal(p.n, 1);
	assert_non_null(strstr(p.r[0].text, b));
	queue(&p, "2026-10-15 10:00", &campaign, &queued);
	assert_int_equal(queued, 1);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE kind = 'bulk' AND priority = 3"), 1);
	assert_int_equal(count("SELECT count(*) FROM sms_campaign WHERE kind = 'campaign' "
	    "AND selection = '{\"status\":9}' AND body LIKE '%{%}%'"), 1);
	remind_plan_free(&p);
}

/* ---------------------------------------------------------------- refusals */

static void
test_refusals(void **state)
{
	struct remind_plan p = { .rule = "sometimes" };
	char a[CODE_MAX], *longtext;
	struct mc_error err;
	long campaign = -1;
	int queued = -1, i;

	assert_int_equal(remind_rule_days("due-tomorrow"), 0);
	assert_int_equal(remind_rule_days("result-waiting"), 3);
	assert_int_equal(remind_rule_days("supplement-pending"), 5);
	assert_int_equal(remind_rule_days("sometimes"), -1);
	assert_int_equal(remind_rule_days(NULL), -1);
	assert_int_equal(remind_plan(st, &p, at("2026-10-14 10:00"), &err), MC_EINVAL);
	assert_non_null(strstr(mc_message(&err), "sometimes"));

	p.rule = NULL;
	assert_int_equal(remind_plan(st, &p, at("2026-10-14 10:00"), &err), MC_EINVAL);
	p.text = "x";
	p.tmpl = "due-tomorrow";
	p.status = 2;
	assert_int_equal(remind_plan(st, &p, at("2026-10-14 10:00"), &err), MC_EINVAL);
	p.tmpl = NULL;
	p.status = 0;		/* no selection */
	assert_int_equal(remind_plan(st, &p, at("2026-10-14 10:00"), &err), MC_EINVAL);

	/* a text over the limit for bulk (2 parts) is refused, nothing queued */
	intake("2026-10-12 09:00", MARRIAGE, "0912345678", 1, a);
	longtext = malloc(30 * 18 + 1);
	assert_non_null(longtext);
	longtext[0] = '\0';
	for (i = 0; i < 30; i++)
		strcat(longtext, "Thong bao rat dai ");
	p.tmpl = NULL;
	p.text = longtext;
	p.status = 2;
	plan(&p, "2026-10-12 10:00");
	assert_int_equal(p.n, 1);
	assert_int_equal(p.too_long, 1);
	assert_int_equal(p.r[0].size.parts, 4);
	assert_int_equal(remind_queue(st, &p, "test", at("2026-10-12 10:00"), &campaign, &queued, &err),
	    MC_EINVAL);
	assert_int_equal(campaign, 0);
	assert_int_equal(queued, 0);
	assert_int_equal(count("SELECT count(*) FROM sms_campaign"), 0);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE kind = 'bulk'"), 0);
	remind_plan_free(&p);
	free(longtext);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_due_tomorrow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_result_waiting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_supplement_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_per_phone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_consent_and_optout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_and_not_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_campaign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	};

	return cmocka_run_group_tests_name("remind", tests, NULL, NULL);
}
