/* test-smsbox.c -- the SMS tables as people read them (common/smsbox.c): pages of the
 * outbox and inbox newest first and back by keyset, a status filter (rare and common
 * statuses), counts for the position, the inbox with the answer to each message, stored text made printable;
 * retry and cancel allowed and refused in every state, with their audit; the modems'
 * reports; a campaign's progress; who may send a campaign. */
#include "unit.h"

#include "auth.h"
#include "notice.h"
#include "smsbox.h"
#include "smsq.h"

static struct store *st;
static char path[256];
static mc_second t0;		/* 2026-10-12 10:00:00, a Monday */

static int
setup(void **state)
{
	mc_minute m;

	setenv("MOTCUA_NOW", "2026-10-12 10:00", 1);
	if ((st = unit_store(path)) == NULL)
		return -1;
	mc_time_parse("2026-10-12 10:00", &m);
	t0 = mc_second_at(m);
	return 0;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	return 0;
}

static long
count(const char *sql)
{
	return unit_count(st, sql);
}

static void
exec(const char *sql)
{
	struct mc_error err;

	if (store_exec(st, sql, &err) != MC_OK)
		fail_msg("%s: %s", sql, mc_message(&err));
}

/* Queue a message to number; its id. */
static long
queue(const char *number, enum notice_kind kind, const char *body, long campaign)
{
	struct notice_out m = { .number = number, .kind = kind, .body = body,
	    .campaign = campaign, .not_before = MC_TIME_NONE };
	struct mc_error err;
	long id;

	if (notice_queue(st, &m, mc_minute_of(t0), &id, &err) != MC_OK)
		fail_msg("queue: %s", mc_message(&err));
	assert_true(id > 0);
	return id;
}

/* n messages "message 1".."message n" to 0912000001...; the id of the first. */
static long
queue_many(int n)
{
	char number[24], body[32];
	long first = 0, id;
	int i;

	for (i = 1; i <= n; i++) {
		snprintf(number, sizeof number, "0912%06d", i);
		snprintf(body, sizeof body, "message %d", i);
		id = queue(number, NOTICE_NOTICE, body, 0);
		if (first == 0)
			first = id;
	}
	return first;
}

/* Claim the next message as modem m1 and fail it for good with reason. */
static long
claim_and_fail(const char *reason)
{
	struct smsq_msg m;
	struct mc_error err;
	long id;

	assert_int_equal(smsq_claim(st, "m1:1", "m1", t0, 0, &m, &err), MC_OK);
	id = m.id;
	smsq_msg_free(&m);
	assert_int_equal(smsq_failed(st, id, "m1:1", reason, 1, t0, NULL, &err), MC_OK);
	return id;
}

static void
page(enum smsbox_box box, const char *status, long from, enum smsbox_dir dir, int n,
    struct smsbox_row *rows, int *got)
{
	struct mc_error err;

	if (smsbox_page(st, box, status, from, dir, n, rows, got, &err) != MC_OK)
		fail_msg("page: %s", mc_message(&err));
}

static long
counted(enum smsbox_box box, const char *status, long newer_than)
{
	struct mc_error err;
	long n;

	assert_int_equal(smsbox_count(st, box, status, newer_than, &n, &err), MC_OK);
	return n;
}

/* ---------------------------------------------------------------- listing */

static void
test_outbox_pages(void **state)
{
	struct smsbox_row rows[20];
	long first = queue_many(45);
	int got, i;

	/* Newest first, 20 a page: 45..26, 25..6, 5..1. */
	page(SMSBOX_OUT, NULL, 0, SMSBOX_OLDER, 20, rows, &got);
	assert_int_equal(got, 20);
	for (i = 0; i < got; i++)
		assert_int_equal(rows[i].id, first + 44 - i);
	assert_string_equal(rows[0].body, "message 45");
	assert_string_equal(rows[0].number, "0912000045");
	assert_string_equal(rows[0].kind, "notice");
	assert_string_equal(rows[0].status, "queued");
	assert_string_equal(rows[0].created, "2026-10-12 10:00:00");
	assert_string_equal(rows[0].encoding, "gsm7");
	assert_string_equal(rows[0].reply_body, "");
	assert_int_equal(rows[0].parts, 1);
	smsbox_rows_free(rows, got);
	page(SMSBOX_OUT, NULL, first + 25, SMSBOX_OLDER, 20, rows, &got);
	assert_int_equal(got, 20);
	assert_int_equal(rows[0].id, first + 24);
	assert_int_equal(rows[19].id, first + 5);
	smsbox_rows_free(rows, got);
	page(SMSBOX_OUT, NULL, first + 5, SMSBOX_OLDER, 20, rows, &got);
	assert_int_equal(got, 5);
	assert_int_equal(rows[4].id, first);
	smsbox_rows_free(rows, got);

	/* Back up from the second page's top: the 20 just newer, oldest first. */
	page(SMSBOX_OUT, NULL, first + 24, SMSBOX_NEWER, 20, rows, &got);
	assert_int_equal(got, 20);
	for (i = 0; i < got; i++)
		assert_int_equal(rows[i].id, first + 25 + i);
	smsbox_rows_free(rows, got);
	/* Near the top, fewer than a page. */
	page(SMSBOX_OUT, NULL, first + 40, SMSBOX_NEWER, 20, rows, &got);
	assert_int_equal(got, 4);
	smsbox_rows_free(rows, got);
	page(SMSBOX_OUT, NULL, 0, SMSBOX_NEWER, 3, rows, &got);
	assert_int_equal(got, 3);
	assert_int_equal(rows[0].id, first);
	smsbox_rows_free(rows, got);

	/* Counts give the position: 20 rows are newer than the second page's top. */
	assert_int_equal(counted(SMSBOX_OUT, NULL, 0), 45);
	assert_int_equal(counted(SMSBOX_OUT, NULL, first + 24), 20);
	page(SMSBOX_OUT, NULL, 0, SMSBOX_OLDER, 0, rows, &got);
	assert_int_equal(got, 0);
}

static void
test_outbox_filter(void **state)
{
	struct smsbox_row rows[10];
	struct mc_error err;
	long first = queue_many(8), a, b;
	int got;

	a = claim_and_fail("CMS ERROR 500");	/* the oldest two fail */
	b = claim_and_fail("no network");
	assert_int_equal(a, first);
	assert_int_equal(b, first + 1);
	page(SMSBOX_OUT, "failed", 0, SMSBOX_OLDER, 10, rows, &got);
	assert_int_equal(got, 2);
	assert_int_equal(rows[0].id, b);
	assert_string_equal(rows[0].error, "no network");
	assert_string_equal(rows[0].modem, "m1");
	assert_int_equal(rows[0].attempts, 1);
	assert_int_equal(rows[1].id, a);
	smsbox_rows_free(rows, got);
	page(SMSBOX_OUT, "failed", b, SMSBOX_OLDER, 10, rows, &got);
	assert_int_equal(got, 1);
	assert_int_equal(rows[0].id, a);
	smsbox_rows_free(rows, got);
	page(SMSBOX_OUT, "queued", 0, SMSBOX_OLDER, 10, rows, &got);
	assert_int_equal(got, 6);
	assert_int_equal(rows[5].id, first + 2);
	smsbox_rows_free(rows, got);
	page(SMSBOX_OUT, "delivered", 0, SMSBOX_OLDER, 10, rows, &got);
	assert_int_equal(got, 0);
	assert_int_equal(counted(SMSBOX_OUT, "failed", 0), 2);
	assert_int_equal(counted(SMSBOX_OUT, "queued", first + 4), 3);

	/* A status the box has not is refused, not read as "any". */
	assert_int_equal(smsbox_page(st, SMSBOX_OUT, "answered", 0, SMSBOX_OLDER, 10, rows,
	    &got, &err), MC_EINVAL);
	assert_non_null(strstr(mc_message(&err), "answered"));
	assert_int_equal(smsbox_count(st, SMSBOX_IN, "queued", 0, &a, &err), MC_EINVAL);
	assert_true(smsbox_status_valid(SMSBOX_OUT, "cancelled"));
	assert_false(smsbox_status_valid(SMSBOX_OUT, ""));
	assert_false(smsbox_status_valid(SMSBOX_IN, NULL));
	assert_true(smsbox_status_valid(SMSBOX_IN, "ignored"));
}

/* A common status is read by walking the ids, a rare one through the index: both
 * give the same pages. */
static void
test_dense_status(void **state)
{
	struct smsbox_row rows[40];
	long last, sent, n = 0;
	int got, i;

	exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
	    "INSERT INTO sms_out(number, kind, priority, body, created_at, status) "
	    "SELECT '0911' || printf('%06d', i), 'bulk', 3, 'b' || i, '2026-10-12 10:00:00', "
	    "CASE WHEN i % 7 = 0 THEN 'failed' ELSE 'sent' END FROM n");
	sent = counted(SMSBOX_OUT, "sent", 0);
	assert_int_equal(sent, 3000 - 3000 / 7);
	for (last = 0;; last = rows[got - 1].id) {
		page(SMSBOX_OUT, "sent", last, SMSBOX_OLDER, 40, rows, &got);
		for (i = 0; i < got; i++) {
			assert_string_equal(rows[i].status, "sent");
			assert_true(last == 0 && i == 0 ? rows[i].id == 3000 :
			    rows[i].id < (i > 0 ? rows[i - 1].id : last));
			assert_true(rows[i].id % 7 != 0);
		}
		n += got;
		smsbox_rows_free(rows, got);
		if (got < 40)
			break;
	}
	assert_int_equal(n, sent);
	page(SMSBOX_OUT, "sent", 13, SMSBOX_NEWER, 5, rows, &got);
	assert_int_equal(got, 5);
	assert_int_equal(rows[0].id, 15);
	assert_int_equal(rows[4].id, 19);
	smsbox_rows_free(rows, got);
	page(SMSBOX_OUT, "failed", 0, SMSBOX_OLDER, 3, rows, &got);
	assert_int_equal(got, 3);
	assert_int_equal(rows[0].id, 2996);
	assert_int_equal(rows[2].id, 2982);
	smsbox_rows_free(rows, got);
}

static void
test_inbox_with_answers(void **state)
{
	struct smsbox_row rows[5], one;
	struct mc_error err;
	char why[256];
	long in1, in2, in3, reply;
	char sql[256];
	int got;

	assert_int_equal(smsq_in_record(st, "m1", "+84912345678", "2026-10-12T02:00:00Z",
	    "HS 261012-0001", 1, t0, &in1, NULL, &err), MC_OK);
	assert_int_equal(smsq_in_record(st, "m1", "0987654321", "2026-10-12T02:01:00Z",
	    "xin chào", 1, t0 + 60, &in2, NULL, &err), MC_OK);
	assert_int_equal(smsq_in_record(st, "m2", "VIETTEL", "2026-10-12T02:02:00Z",
	    "Tai khoan cua ban", 1, t0 + 120, &in3, NULL, &err), MC_OK);
	reply = queue("0912345678", NOTICE_REPLY, "Ho so 261012-0001: da tiep nhan.", 0);
	snprintf(sql, sizeof sql, "UPDATE sms_in SET status = 'answered', reply = %ld WHERE id = %ld",
	    reply, in1);
	exec(sql);
	snprintf(sql, sizeof sql, "UPDATE sms_in SET status = 'ignored', note = 'operator' WHERE id = %ld",
	    in3);
	exec(sql);

	page(SMSBOX_IN, NULL, 0, SMSBOX_OLDER, 5, rows, &got);
	assert_int_equal(got, 3);
	assert_int_equal(rows[0].id, in3);
	assert_string_equal(rows[0].status, "ignored");
	assert_string_equal(rows[0].error, "operator");
	assert_string_equal(rows[0].modem, "m2");
	assert_int_equal(rows[1].id, in2);
	assert_string_equal(rows[1].body, "xin chào");
	assert_string_equal(rows[1].status, "new");
	assert_int_equal(rows[1].reply, 0);
	assert_string_equal(rows[1].reply_body, "");
	assert_int_equal(rows[2].id, in1);
	assert_string_equal(rows[2].number, "+84912345678");
	assert_string_equal(rows[2].kind, "in");
	assert_string_equal(rows[2].created, "2026-10-12 10:00:00");
	assert_string_equal(rows[2].sent, "2026-10-12T02:00:00Z");
	assert_int_equal(rows[2].reply, reply);
	assert_string_equal(rows[2].reply_body, "Ho so 261012-0001: da tiep nhan.");
	assert_string_equal(rows[2].reply_status, "queued");
	smsbox_rows_free(rows, got);

	page(SMSBOX_IN, "answered", 0, SMSBOX_OLDER, 5, rows, &got);
	assert_int_equal(got, 1);
	smsbox_rows_free(rows, got);
	assert_int_equal(counted(SMSBOX_IN, NULL, in1), 2);
	assert_int_equal(counted(SMSBOX_IN, "new", 0), 1);

	assert_int_equal(smsbox_get(st, SMSBOX_IN, in1, &one, &err), MC_OK);
	assert_string_equal(one.body, "HS 261012-0001");
	assert_non_null(strstr(smsbox_refusal(&one, 1, why, sizeof why), "only messages the office sends"));
	smsbox_row_free(&one);
	assert_int_equal(smsbox_get(st, SMSBOX_OUT, reply + 100, &one, &err), MC_ENOTFOUND);
	assert_non_null(strstr(mc_message(&err), "no outgoing SMS"));
}

/* What a modem delivered is shown, never trusted: bad bytes '?', controls spaces. */
static void
test_printable(void **state)
{
	struct smsbox_row r;
	struct mc_error err;

	exec("INSERT INTO sms_in(modem, number, smsc_time, received_at, body) VALUES "
	    "('m1', '09' || char(10) || '12', 't', '2026-10-12 10:00:00', "
	    "'a' || char(10) || 'b' || char(9) || 'c' || CAST(X'FF' AS TEXT) || 'đ' || "
	    "CAST(X'E1BA' AS TEXT))");
	assert_int_equal(smsbox_get(st, SMSBOX_IN, 1, &r, &err), MC_OK);
	assert_string_equal(r.body, "a b c?đ??");
	assert_string_equal(r.number, "09 12");
	smsbox_row_free(&r);
}

/* ---------------------------------------------------------------- retry and cancel */

static void
refused(int rc, const struct mc_error *err, const char *words)
{
	assert_int_equal(rc, MC_ETRANSITION);
	if (strstr(mc_message(err), words) == NULL)
		fail_msg("refusal '%s' does not say '%s'", mc_message(err), words);
}

static void
test_retry(void **state)
{
	struct smsq_msg m;
	struct smsbox_row r;
	struct mc_error err;
	char sql[256], why[256];
	long failed, queued, id;

	queue_many(2);
	failed = claim_and_fail("CMS ERROR 38");
	queued = failed + 1;

	/* A queued message is not "retried". */
	refused(smsbox_retry(st, queued, "admin", t0, &err), &err, "still waiting");
	assert_int_equal(smsbox_retry(st, 9999, "admin", t0, &err), MC_ENOTFOUND);

	/* The failed one goes back to the queue, now, its attempts and error forgotten. */
	exec("UPDATE sms_out SET refs = '17', sent_at = '2026-10-12 10:00:00' WHERE id = 1");
	assert_int_equal(smsbox_retry(st, failed, "admin", t0 + 300, &err), MC_OK);
	assert_int_equal(smsbox_get(st, SMSBOX_OUT, failed, &r, &err), MC_OK);
	assert_string_equal(r.status, "queued");
	assert_int_equal(r.attempts, 0);
	assert_string_equal(r.not_before, "2026-10-12 10:05:00");
	assert_string_equal(r.error, "");
	assert_string_equal(r.sent, "");
	assert_string_equal(r.modem, "");
	smsbox_row_free(&r);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE id = 1 AND refs IS NULL "
	    "AND lease_owner IS NULL"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'admin' AND "
	    "action = 'sms.retry' AND detail = 'message 1 to 0912000001'"), 1);

	/* The daemon takes it again (the other one cancelled), counting attempts anew. */
	assert_int_equal(smsbox_cancel(st, queued, "admin", &err), MC_OK);
	assert_int_equal(smsq_claim(st, "m1:1", "m1", t0 + 300, 0, &m, &err), MC_OK);
	assert_int_equal(m.id, failed);
	assert_int_equal(m.attempts, 1);
	smsq_msg_free(&m);
	refused(smsbox_retry(st, failed, "admin", t0, &err), &err, "being sent");
	assert_int_equal(smsq_part_sent(st, failed, 5, t0 + 301, &err), MC_OK);
	assert_int_equal(smsq_sent(st, failed, "m1:1", 1, t0 + 301, &err), MC_OK);
	refused(smsbox_retry(st, failed, "admin", t0, &err), &err, "never sent twice");
	assert_int_equal(smsq_report(st, "m1", "0912000001", 5, "Delivered", t0 + 302, &id, &err), MC_OK);
	assert_int_equal(id, failed);
	refused(smsbox_retry(st, failed, "admin", t0, &err), &err, "delivered already");

	/* A cancelled one stays cancelled. */
	refused(smsbox_retry(st, queued, "admin", t0, &err), &err, "was cancelled");

	/* A notice that could not be filled in has no text: nothing to send. */
	exec("INSERT INTO sms_out(number, kind, priority, body, status, created_at, error) VALUES "
	    "('0912000009', 'notice', 1, '', 'failed', '2026-10-12 10:00:00', 'no template received')");
	id = (long)sqlite3_last_insert_rowid(store_db(st));
	refused(smsbox_retry(st, id, "admin", t0, &err), &err, "no template received");

	assert_int_equal(smsbox_get(st, SMSBOX_OUT, id, &r, &err), MC_OK);
	assert_non_null(smsbox_refusal(&r, 0, why, sizeof why));
	assert_non_null(strstr(why, "no template received"));
	assert_null(smsbox_refusal(&r, 1, why, sizeof why));
	smsbox_row_free(&r);

	/* A number that opted out gets replies only. */
	id = queue("0912000010", NOTICE_NOTICE, "thong bao", 0);
	snprintf(sql, sizeof sql, "UPDATE sms_out SET status = 'failed' WHERE id >= %ld", id);
	exec(sql);
	id = queue("0912000010", NOTICE_REPLY, "tra loi", 0);
	exec(sql);
	assert_int_equal(smsq_optout(st, "0912000010", t0, &err), MC_OK);
	refused(smsbox_retry(st, id - 1, "admin", t0, &err), &err, "TUCHOI");
	assert_int_equal(smsbox_retry(st, id, "admin", t0, &err), MC_OK);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE action = 'sms.retry'"), 2);
}

static void
test_cancel(void **state)
{
	struct smsq_msg m;
	struct smsbox_row r;
	struct mc_error err;
	char why[256];
	long first = queue_many(4), failed, id;

	failed = claim_and_fail("no network");	/* first */
	assert_int_equal(smsbox_cancel(st, failed, "canbo", &err), MC_OK);
	assert_int_equal(smsbox_cancel(st, first + 1, "canbo", &err), MC_OK);
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE status = 'cancelled'"), 2);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'canbo' AND action = 'sms.cancel'"), 2);
	refused(smsbox_cancel(st, failed, "canbo", &err), &err, "cancelled already");
	assert_int_equal(smsbox_get(st, SMSBOX_OUT, failed, &r, &err), MC_OK);
	assert_string_equal(smsbox_refusal(&r, 1, why, sizeof why), "message 1 is cancelled already");
	assert_non_null(smsbox_refusal(&r, 0, why, sizeof why));
	smsbox_row_free(&r);
	assert_int_equal(smsbox_get(st, SMSBOX_OUT, first + 2, &r, &err), MC_OK);
	assert_null(smsbox_refusal(&r, 1, why, sizeof why));
	assert_non_null(strstr(smsbox_refusal(&r, 0, why, sizeof why), "still waiting"));
	smsbox_row_free(&r);

	/* The daemon never sees a cancelled message: the next one is the third. */
	assert_int_equal(smsq_claim(st, "m1:1", "m1", t0, 0, &m, &err), MC_OK);
	id = m.id;
	smsq_msg_free(&m);
	assert_int_equal(id, first + 2);
	refused(smsbox_cancel(st, id, "canbo", &err), &err, "being sent");
	assert_int_equal(smsq_part_sent(st, id, 9, t0, &err), MC_OK);
	assert_int_equal(smsq_sent(st, id, "m1:1", 0, t0, &err), MC_OK);
	refused(smsbox_cancel(st, id, "canbo", &err), &err, "sent already");
	assert_int_equal(smsbox_cancel(st, 12345, "canbo", &err), MC_ENOTFOUND);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE action = 'sms.cancel'"), 2);
}

/* ---------------------------------------------------------------- modems, campaigns */

static void
test_modems(void **state)
{
	struct smsq_health h = { .state = "ok", .signal = 71, .network = "45204",
	    .operator_name = "Viettel", .battery = -1, .balance = "TKC 12000d", .success = 1 };
	struct smsq_health h2 = { .state = "not-answering", .signal = -1, .battery = 50,
	    .last_error = "timeout" };
	struct smsbox_modem m[4];
	struct mc_error err;
	int got;

	assert_int_equal(smsbox_modems(st, m, 4, &got, &err), MC_OK);
	assert_int_equal(got, 0);
	assert_int_equal(smsq_health(st, "modem-b", &h, t0, &err), MC_OK);
	assert_int_equal(smsq_health(st, "modem-a", &h2, t0 - 600, &err), MC_OK);
	assert_int_equal(smsbox_modems(st, m, 4, &got, &err), MC_OK);
	assert_int_equal(got, 2);
	assert_string_equal(m[0].modem, "modem-a");
	assert_string_equal(m[0].state, "not-answering");
	assert_int_equal(m[0].signal, -1);
	assert_int_equal(m[0].battery, 50);
	assert_string_equal(m[0].last_error, "timeout");
	assert_string_equal(m[0].balance, "");
	assert_true(smsbox_modem_stale(&m[0], t0));
	assert_string_equal(m[1].operator_name, "Viettel");
	assert_int_equal(m[1].signal, 71);
	assert_int_equal(m[1].battery, -1);
	assert_string_equal(m[1].balance, "TKC 12000d");
	assert_string_equal(m[1].updated, "2026-10-12 10:00:00");
	assert_string_equal(m[1].last_success, "2026-10-12 10:00:00");
	assert_false(smsbox_modem_stale(&m[1], t0 + 60));
	assert_true(smsbox_modem_stale(&m[1], t0 + 181));
	assert_int_equal(smsbox_modems(st, m, 1, &got, &err), MC_OK);
	assert_int_equal(got, 1);
}

static void
test_campaign_progress(void **state)
{
	struct smsbox_progress p;
	struct mc_error err;
	long c1, c2, first;
	int i;

	assert_int_equal(smsbox_campaign(st, 0, &p, &err), MC_ENOTFOUND);
	exec("INSERT INTO sms_campaign(kind, body, recipients, parts, created_at, actor) VALUES "
	    "('campaign', 'Thong bao', 6, 6, '2026-10-12 09:00:00', 'truongbp')");
	c1 = (long)sqlite3_last_insert_rowid(store_db(st));
	exec("INSERT INTO sms_campaign(kind, body, recipients, parts, created_at, actor) VALUES "
	    "('due-tomorrow', 'Nhac lich', 1, 1, '2026-10-12 09:30:00', 'admin')");
	c2 = (long)sqlite3_last_insert_rowid(store_db(st));
	first = queue("0912000001", NOTICE_BULK, "Thong bao", c1);
	for (i = 2; i <= 6; i++) {
		char number[24];

		snprintf(number, sizeof number, "091200000%d", i);
		queue(number, NOTICE_BULK, "Thong bao", c1);
	}
	queue("0912000099", NOTICE_REMINDER, "Nhac lich", c2);
	queue("0912000098", NOTICE_NOTICE, "not in a campaign", 0);
	/* As the daemon would leave them: 1 sending, 2 sent, 1 delivered, 1 failed. */
	exec("UPDATE sms_out SET status = 'sending' WHERE id = 2");
	exec("UPDATE sms_out SET status = 'sent' WHERE id IN (3, 4)");
	exec("UPDATE sms_out SET status = 'delivered' WHERE id = 5");
	exec("UPDATE sms_out SET status = 'failed' WHERE id = 6");
	assert_int_equal(first, 1);

	assert_int_equal(smsbox_campaign(st, c1, &p, &err), MC_OK);
	assert_int_equal(p.id, c1);
	assert_string_equal(p.kind, "campaign");
	assert_string_equal(p.actor, "truongbp");
	assert_string_equal(p.created, "2026-10-12 09:00:00");
	assert_int_equal(p.recipients, 6);
	assert_int_equal(p.parts, 6);
	assert_int_equal(p.total, 6);
	assert_int_equal(p.count[SMSBOX_QUEUED], 1);
	assert_int_equal(p.count[SMSBOX_SENDING], 1);
	assert_int_equal(p.count[SMSBOX_SENT], 2);
	assert_int_equal(p.count[SMSBOX_DELIVERED], 1);
	assert_int_equal(p.count[SMSBOX_FAILED], 1);
	assert_int_equal(p.count[SMSBOX_CANCELLED], 0);
	assert_int_equal(p.done, 4);

	/* The newest by default; a cancel shows at once. */
	assert_int_equal(smsbox_campaign(st, 0, &p, &err), MC_OK);
	assert_int_equal(p.id, c2);
	assert_int_equal(p.total, 1);
	assert_int_equal(smsbox_cancel(st, 7, "admin", &err), MC_OK);
	assert_int_equal(smsbox_campaign(st, c2, &p, &err), MC_OK);
	assert_int_equal(p.count[SMSBOX_CANCELLED], 1);
	assert_int_equal(p.done, 1);
	assert_int_equal(smsbox_campaign(st, 77, &p, &err), MC_ENOTFOUND);
}

static void
test_words_and_roles(void **state)
{
	assert_int_equal(smsbox_state_parse("delivered"), SMSBOX_DELIVERED);
	assert_int_equal(smsbox_state_parse("new"), -1);
	assert_int_equal(smsbox_state_parse(NULL), -1);
	assert_string_equal(smsbox_status_name("queued"), "waiting");
	assert_string_equal(smsbox_status_name("new"), "new");
	assert_string_equal(smsbox_status_name("strange"), "strange");
	assert_string_equal(smsbox_kind_name("bulk"), "bulk");
	assert_string_equal(smsbox_kind_name(NULL), "");
	assert_true(smsbox_may_send(ROLE_OFFICER, 0));
	assert_false(smsbox_may_send(ROLE_OFFICER, 1));
	assert_true(smsbox_may_send(ROLE_HEAD, 1));
	assert_true(smsbox_may_send(ROLE_ADMIN, 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outbox_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dense_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_with_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_printable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_campaign_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_words_and_roles, setup, teardown),
	};

	return cmocka_run_group_tests_name("smsbox", tests, NULL, NULL);
}
