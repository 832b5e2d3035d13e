/* test-smsq.c -- the SMS queues: claim order, leases (two claimers, in two processes,
 * never get the same row; an expired lease returns the row; an acknowledged row never
 * goes back), back-off, quiet hours and bulk throttling at claim time, incoming
 * messages and parts (duplicates, joining, expiry, invalid UTF-8 repaired), what the
 * modem may have sent twice, unreadable messages, delivery reports matched with a
 * wrapping TP-MR, opt-outs and modem health. */
#include "unit.h"

#include <sys/wait.h>

#include "notice.h"
#include "smsq.h"

static struct store *st;
static char path[256];
static mc_second t0;		/* 2026-10-12 10:00:00, a Monday */

static int
setup(void **state)
{
	mc_minute m;

	setenv("MOTCUA_NOW", "2026-10-12 10:00", 1);
	st = unit_store(path);
	if (st == NULL)
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

static char *
text_of(const char *fmt, long id)
{
	char sql[512];
	sqlite3_stmt *s;
	char *v = NULL;

	snprintf(sql, sizeof sql, fmt, id);
	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v != NULL ? v : strdup("");
}

static void
is_text(const char *fmt, long id, const char *want)
{
	char *got = text_of(fmt, id);

	if (strcmp(got, want) != 0)
		fail_msg("%s (id %ld): got '%s', expected '%s'", fmt, id, got, want);
	free(got);
}

static long
queue(const char *number, enum notice_kind kind, const char *body)
{
	struct notice_out m = { .number = number, .kind = kind, .body = body,
	    .not_before = MC_TIME_NONE };
	struct mc_error err;
	long id;

	if (notice_queue(st, &m, mc_minute_of(t0), &id, &err) != MC_OK)
		fail_msg("queue: %s", mc_message(&err));
	assert_true(id > 0);
	return id;
}

static long
claim(const char *owner, mc_second now, int lease)
{
	struct smsq_msg m;
	struct mc_error err;
	long id;
	int rc;

	rc = smsq_claim(st, owner, "m1", now, lease, &m, &err);
	if (rc == MC_ENOTFOUND)
		return 0;
	if (rc != MC_OK)
		fail_msg("claim: %s", mc_message(&err));
	id = m.id;
	assert_non_null(m.body);
	smsq_msg_free(&m);
	return id;
}

/* ---------------------------------------------------------------- claims */

static void
test_claim_order(void **state)
{
	long bulk = queue("0912000001", NOTICE_BULK, "bulk"),
	    rem = queue("0912000002", NOTICE_REMINDER, "reminder"),
	    note = queue("0912000003", NOTICE_NOTICE, "notice"),
	    reply = queue("0912000004", NOTICE_REPLY, "reply"),
	    reply2 = queue("0912000005", NOTICE_REPLY, "reply 2");
	struct smsq_msg m;

	assert_int_equal(smsq_claim(st, "d1", "m1", t0, 0, &m, NULL), MC_OK);
	assert_int_equal(m.id, reply);
	assert_string_equal(m.kind, "reply");
	assert_string_equal(m.number, "0912000004");
	assert_string_equal(m.body, "reply");
	assert_int_equal(m.priority, 0);
	assert_int_equal(m.attempts, 1);
	assert_false(m.ucs2);
	smsq_msg_free(&m);
	assert_int_equal(claim("d1", t0, 0), reply2);
	assert_int_equal(claim("d1", t0, 0), note);
	assert_int_equal(claim("d1", t0, 0), rem);
	assert_int_equal(claim("d1", t0, 0), bulk);
	assert_int_equal(claim("d1", t0, 0), 0);
	is_text("SELECT status || ' ' || lease_owner || ' ' || modem || ' ' || lease_until FROM sms_out WHERE id = %ld",
	    reply, "sending d1 m1 2026-10-12 10:02:00");
	assert_int_equal(smsq_claim(st, "", "m1", t0, 0, &m, NULL), MC_EINVAL);
}

/* Children claim from their own connections until the queue is empty and report what
 * they got on a pipe. */
static void
test_two_claimers(void **state)
{
	enum { ROWS = 120, CHILDREN = 3 };
	int fds[2], i, k, status;
	long ids[ROWS * 2], id, seen[ROWS + 8];
	char num[32];
	pid_t pid[CHILDREN];
	ssize_t got;
	int n = 0;

	for (i = 0; i < ROWS; i++) {
		snprintf(num, sizeof num, "09120%05d", i);
		queue(num, (enum notice_kind)(i % 4), "x");
	}
	assert_int_equal(pipe(fds), 0);
	for (k = 0; k < CHILDREN; k++) {
		if ((pid[k] = fork()) == 0) {
			struct store *mine;
			struct smsq_msg m;
			char owner[32];
			int rc;

			close(fds[0]);
			snprintf(owner, sizeof owner, "child%d", k);
			if (store_open(path, 0, &mine, NULL) != MC_OK)
				_exit(2);
			store_set_setting(mine, "sms.bulk_per_minute", "0", NULL);
			for (;;) {
				rc = smsq_claim(mine, owner, owner, t0, 0, &m, NULL);
				if (rc == MC_EBUSY)
					continue;
				if (rc != MC_OK)
					break;
				if (write(fds[1], &m.id, sizeof m.id) != sizeof m.id)
					_exit(3);
				smsq_msg_free(&m);
				while (smsq_sent(mine, m.id, owner, 0, t0, NULL) == MC_EBUSY)
					;
			}
			store_close(mine);
			_exit(rc == MC_ENOTFOUND ? 0 : 4);
		}
		assert_true(pid[k] > 0);
	}
	close(fds[1]);
	while ((got = read(fds[0], &id, sizeof id)) == sizeof id && n < ROWS * 2)
		ids[n++] = id;
	close(fds[0]);
	for (k = 0; k < CHILDREN; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(n, ROWS);	/* every row claimed once: none twice, none lost */
	memset(seen, 0, sizeof seen);
	for (i = 0; i < n; i++) {
		assert_true(ids[i] >= 1 && ids[i] <= ROWS);
		assert_int_equal(seen[ids[i]], 0);
		seen[ids[i]] = 1;
	}
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE status = 'sent' AND attempts = 1"), ROWS);
}

static void
test_lease_expiry(void **state)
{
	long a = queue("0912000001", NOTICE_NOTICE, "a");
	int n;

	assert_int_equal(claim("d1", t0, 60), a);
	/* the lease holds: nobody else gets it */
	assert_int_equal(claim("d2", t0 + 30, 60), 0);
	/* renewed by its holder, not by another */
	assert_int_equal(smsq_renew(st, a, "d2", t0 + 40, 60, NULL), MC_ENOTFOUND);
	assert_int_equal(smsq_renew(st, a, "d1", t0 + 40, 60, NULL), MC_OK);
	assert_int_equal(claim("d2", t0 + 61, 60), 0);
	/* d1 was killed: after the lease the row goes back and d2 gets it */
	assert_int_equal(claim("d2", t0 + 101, 60), a);
	is_text("SELECT attempts || ' ' || lease_owner FROM sms_out WHERE id = %ld", a, "2 d2");
	/* d1 wakes up: it no longer holds the row */
	assert_int_equal(smsq_failed(st, a, "d1", "late", 0, t0 + 102, NULL, NULL), MC_ENOTFOUND);
	assert_int_equal(smsq_release(st, a, "d1", NULL), MC_ENOTFOUND);
	/* released unsent by d2: back in the queue, the attempt not counted */
	assert_int_equal(smsq_release(st, a, "d2", NULL), MC_OK);
	is_text("SELECT status || ' ' || attempts FROM sms_out WHERE id = %ld", a, "queued 1");
	/* smsq_expire by itself */
	assert_int_equal(claim("d3", t0 + 200, 10), a);
	assert_int_equal(smsq_expire(st, t0 + 205, &n, NULL), MC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(smsq_expire(st, t0 + 211, &n, NULL), MC_OK);
	assert_int_equal(n, 1);
	is_text("SELECT status FROM sms_out WHERE id = %ld", a, "queued");
}

static void
test_acked_never_requeued(void **state)
{
	char *longer = malloc(400);
	long one, two, three;

	memset(longer, 'x', 300);
	longer[300] = '\0';
	one = queue("0912000001", NOTICE_REPLY, "short");
	two = queue("0912000002", NOTICE_NOTICE, longer);		/* 2 parts */
	three = queue("0912000003", NOTICE_NOTICE, "untouched");
	free(longer);
	assert_int_equal(claim("d1", t0, 60), one);
	assert_int_equal(claim("d1", t0, 60), two);
	assert_int_equal(claim("d1", t0, 60), three);
	/* the modem acknowledged one's only part and the first of two's; then kill -9 */
	assert_int_equal(smsq_part_sent(st, one, 17, t0 + 5, NULL), MC_OK);
	assert_int_equal(smsq_part_sent(st, two, 18, t0 + 6, NULL), MC_OK);
	assert_int_equal(smsq_part_sent(st, 9999, 18, t0 + 6, NULL), MC_ENOTFOUND);
	assert_int_equal(smsq_part_sent(st, two, 256, t0 + 6, NULL), MC_EINVAL);
	/* the next claim after the leases ran out */
	assert_int_equal(claim("d2", t0 + 61, 60), three);	/* only the unacknowledged one */
	assert_int_equal(claim("d2", t0 + 61, 60), 0);
	is_text("SELECT status || ' ' || refs || ' ' || sent_at FROM sms_out WHERE id = %ld", one,
	    "sent 17 2026-10-12 10:00:05");
	is_text("SELECT status || ' ' || refs FROM sms_out WHERE id = %ld", two, "failed 18");
	is_text("SELECT error FROM sms_out WHERE id = %ld", two,
	    "interrupted after some parts were sent; not sent again, to avoid duplicates");
	/* a normal end: every part acknowledged, then sent */
	assert_int_equal(smsq_part_sent(st, three, 254, t0 + 70, NULL), MC_OK);
	assert_int_equal(smsq_sent(st, three, "d2", 1, t0 + 71, NULL), MC_OK);
	is_text("SELECT status || ' ' || refs || ' ' || delivery || ' ' || sent_at || ' ' || "
	    "coalesce(lease_owner, '-') FROM sms_out WHERE id = %ld", three,
	    "sent 254 pending 2026-10-12 10:01:11 -");
	assert_int_equal(smsq_sent(st, three, "d2", 1, t0 + 72, NULL), MC_ENOTFOUND);
	/* a failure after a part went out is final: never sent again */
	three = queue("0912000004", NOTICE_NOTICE, "x");
	assert_int_equal(claim("d3", t0 + 100, 60), three);
	assert_int_equal(smsq_part_sent(st, three, 1, t0 + 101, NULL), MC_OK);
	{
		int final = 0;

		assert_int_equal(smsq_failed(st, three, "d3", "+CMS ERROR: 500", 0, t0 + 102, &final, NULL), MC_OK);
		assert_int_equal(final, 1);
	}
	is_text("SELECT status FROM sms_out WHERE id = %ld", three, "failed");
}

static void
test_backoff(void **state)
{
	long a = queue("0912000001", NOTICE_NOTICE, "a"), b;
	mc_second t = t0;
	int final, i, waits[] = { 60, 120, 240, 480 };

	for (i = 0; i < 4; i++) {
		assert_int_equal(claim("d1", t, 0), a);
		assert_int_equal(smsq_failed(st, a, "d1", "+CMS ERROR: 38", 0, t, &final, NULL), MC_OK);
		assert_int_equal(final, 0);
		is_text("SELECT status || ' ' || error FROM sms_out WHERE id = %ld", a, "queued +CMS ERROR: 38");
		assert_int_equal(claim("d1", t + waits[i] - 1, 0), 0);	/* not yet */
		t += waits[i];
	}
	assert_int_equal(claim("d1", t, 0), a);
	is_text("SELECT attempts FROM sms_out WHERE id = %ld", a, "5");
	assert_int_equal(smsq_failed(st, a, "d1", "no network", 0, t, &final, NULL), MC_OK);
	assert_int_equal(final, 1);	/* the fifth attempt was the last */
	is_text("SELECT status || ' ' || error FROM sms_out WHERE id = %ld", a, "failed no network");
	assert_int_equal(claim("d1", t + 100000, 0), 0);
	/* a permanent error fails at once; an empty reason gets a generic one */
	b = queue("0912000002", NOTICE_NOTICE, "b");
	assert_int_equal(claim("d1", t, 0), b);
	assert_int_equal(smsq_failed(st, b, "d1", "", 1, t, &final, NULL), MC_OK);
	assert_int_equal(final, 1);
	is_text("SELECT status || ' ' || error FROM sms_out WHERE id = %ld", b,
	    "failed the modem refused the message");
	/* the back-off is capped at an hour */
	store_set_setting(st, "sms.max_attempts", "20", NULL);
	b = queue("0912000003", NOTICE_NOTICE, "c");
	assert_int_equal(store_exec(st, "UPDATE sms_out SET attempts = 11 WHERE id = 3", NULL), MC_OK);
	assert_int_equal(claim("d1", t, 0), b);
	assert_int_equal(smsq_failed(st, b, "d1", "x", 0, t, &final, NULL), MC_OK);
	assert_int_equal(claim("d1", t + 3599, 0), 0);
	assert_int_equal(claim("d1", t + 3600, 0), b);
}

static void
test_quiet_and_bulk_throttle(void **state)
{
	long r, n, b1, b2, b3;
	mc_minute night;
	mc_second t;
	struct notice_out m = { .number = "0912000009", .kind = NOTICE_NOTICE, .body = "late",
	    .not_before = MC_TIME_NONE };

	/* a notice queued in the day, still waiting at 22:00; a reply at 22:00 */
	n = queue("0912000001", NOTICE_NOTICE, "notice");
	mc_time_parse("2026-10-12 22:00", &night);
	t = mc_second_at(night);
	r = queue("0912000002", NOTICE_REPLY, "reply");
	assert_int_equal(claim("d1", t, 0), r);
	assert_int_equal(smsq_sent(st, r, "d1", 0, t, NULL), MC_OK);
	assert_int_equal(claim("d1", t, 0), 0);		/* the notice waits */
	assert_int_equal(claim("d1", t + 9 * 3600 - 1, 0), 0);	/* 06:59:59 */
	assert_int_equal(claim("d1", t + 9 * 3600, 0), n);	/* 07:00 */
	assert_int_equal(smsq_sent(st, n, "d1", 0, t + 9 * 3600, NULL), MC_OK);
	/* queued inside quiet hours: not_before is their end */
	assert_int_equal(notice_queue(st, &m, night, &n, NULL), MC_OK);
	is_text("SELECT not_before FROM sms_out WHERE id = %ld", n, "2026-10-13 07:00:00");

	/* bulk: at most 2 a minute for this modem */
	store_set_setting(st, "sms.bulk_per_minute", "2", NULL);
	t = t0 + 86400;		/* the next day, 10:00 */
	assert_int_equal(claim("d1", t, 0), n);
	assert_int_equal(smsq_sent(st, n, "d1", 0, t, NULL), MC_OK);
	b1 = queue("0912000003", NOTICE_BULK, "b1");
	b2 = queue("0912000004", NOTICE_REMINDER, "b2");
	b3 = queue("0912000005", NOTICE_BULK, "b3");
	assert_int_equal(claim("d1", t, 0), b2);
	assert_int_equal(smsq_part_sent(st, b2, 1, t + 1, NULL), MC_OK);
	assert_int_equal(smsq_sent(st, b2, "d1", 0, t + 1, NULL), MC_OK);
	assert_int_equal(claim("d1", t + 2, 0), b1);		/* in flight: counts too */
	assert_int_equal(claim("d1", t + 3, 0), 0);
	r = queue("0912000006", NOTICE_REPLY, "a reply is never held back");
	assert_int_equal(claim("d1", t + 3, 0), r);
	/* another modem has its own allowance */
	{
		struct smsq_msg msg;

		assert_int_equal(smsq_claim(st, "d2", "m2", t + 3, 0, &msg, NULL), MC_OK);
		assert_int_equal(msg.id, b3);
		smsq_msg_free(&msg);
		assert_int_equal(smsq_release(st, b3, "d2", NULL), MC_OK);
	}
	assert_int_equal(smsq_part_sent(st, b1, 2, t + 4, NULL), MC_OK);
	assert_int_equal(smsq_sent(st, b1, "d1", 0, t + 4, NULL), MC_OK);
	assert_int_equal(claim("d1", t + 30, 0), 0);
	assert_int_equal(claim("d1", t + 62, 0), b3);		/* a minute later */
}

/* ---------------------------------------------------------------- receiving */

static void
test_incoming_and_duplicates(void **state)
{
	long id, id2, next;
	int dup;

	assert_int_equal(smsq_in_record(st, "m1", "+84912345678", "2026-10-12T03:04:05Z", "HS 261012-0001",
	    1, t0, &id, &dup, NULL), MC_OK);
	assert_true(id > 0);
	assert_int_equal(dup, 0);
	/* the network delivers it again (late ack) */
	assert_int_equal(smsq_in_record(st, "m1", "+84912345678", "2026-10-12T03:04:05Z", "HS 261012-0001",
	    1, t0 + 30, &id2, &dup, NULL), MC_OK);
	assert_int_equal(id2, id);
	assert_int_equal(dup, 1);
	/* the same text later is a new message */
	assert_int_equal(smsq_in_record(st, "m1", "+84912345678", "2026-10-12T03:09:00Z", "HS 261012-0001",
	    1, t0 + 300, &id2, &dup, NULL), MC_OK);
	assert_true(id2 != id);
	assert_int_equal(count("SELECT count(*) FROM sms_in"), 2);
	is_text("SELECT number || ' ' || status || ' ' || received_at FROM sms_in WHERE id = %ld", id,
	    "+84912345678 new 2026-10-12 10:00:00");
	assert_int_equal(smsq_in_next(st, 0, &next, NULL), MC_OK);
	assert_int_equal(next, id);
	/* the next one after a row that could not be set aside */
	assert_int_equal(smsq_in_next(st, id, &next, NULL), MC_OK);
	assert_int_equal(next, id2);
	assert_int_equal(smsq_in_next(st, id2, &next, NULL), MC_OK);
	assert_int_equal(next, 0);
	/* one that cannot be answered is set aside with the reason, once: not an answered
	 * one (motcua-smsd's rule, smsq_in_set_aside) */
	assert_int_equal(smsq_in_set_aside(st, id, "the reason", NULL), MC_OK);
	is_text("SELECT status || ' ' || note FROM sms_in WHERE id = %ld", id, "failed the reason");
	assert_int_equal(smsq_in_next(st, 0, &next, NULL), MC_OK);
	assert_int_equal(next, id2);
	assert_int_equal(store_exec(st, "UPDATE sms_in SET status = 'answered'", NULL), MC_OK);
	assert_int_equal(smsq_in_set_aside(st, id2, NULL, NULL), MC_OK);
	is_text("SELECT status FROM sms_in WHERE id = %ld", id2, "answered");
	is_text("SELECT status || ' ' || note FROM sms_in WHERE id = %ld", id, "answered the reason");
	assert_int_equal(smsq_in_next(st, 0, &next, NULL), MC_OK);
	assert_int_equal(next, 0);
	/* bytes that are not UTF-8 are kept, repaired (see test_incoming_utf8) */
	assert_int_equal(smsq_in_record(st, "m1", "0912", "", "\xff\xfe", 1, t0, &id, NULL, NULL), MC_OK);
	assert_true(id > 0);
	assert_int_equal(smsq_in_record(st, "m1", NULL, "", "x", 1, t0, &id, NULL, NULL), MC_EINVAL);
}

static void
test_parts(void **state)
{
	const char *p1 = "Phan mot cua mot tin nhan dai, du dai de khong nham lan voi tin khac. ",
	    *p2 = "Phan hai cua tin nhan dai nay, cung du dai de so sanh an toan. ",
	    *p3 = "Het.";
	long id, id2;
	int dup, n;

	/* out of order; the last one completes it */
	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 171, 3, 2, "t2", p2, t0, &id, &dup, NULL), MC_OK);
	assert_int_equal(id, 0);
	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 171, 3, 3, "t3", p3, t0, &id, &dup, NULL), MC_OK);
	assert_int_equal(id, 0);
	/* a part delivered twice */
	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 171, 3, 2, "t2", p2, t0, &id, &dup, NULL), MC_OK);
	assert_int_equal(dup, 1);
	assert_int_equal(id, 0);
	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 171, 3, 1, "t1", p1, t0 + 1, &id, &dup, NULL), MC_OK);
	assert_true(id > 0);
	assert_int_equal(dup, 0);
	is_text("SELECT body || '|' || parts || '|' || smsc_time FROM sms_in WHERE id = %ld", id,
	    "Phan mot cua mot tin nhan dai, du dai de khong nham lan voi tin khac. "
	    "Phan hai cua tin nhan dai nay, cung du dai de so sanh an toan. Het.|3|t1");
	assert_int_equal(count("SELECT count(*) FROM sms_part"), 0);
	/* a part re-delivered after its message was joined is recognised */
	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 171, 3, 2, "t2", p2, t0 + 5, &id, &dup, NULL), MC_OK);
	assert_int_equal(dup, 1);
	assert_int_equal(count("SELECT count(*) FROM sms_part"), 0);
	/* a message whose middle never comes: recorded incomplete, nothing lost */
	assert_int_equal(smsq_part_store(st, "m1", "0987654321", 9, 3, 1, "u1", "dau ", t0, &id, NULL, NULL), MC_OK);
	assert_int_equal(smsq_part_store(st, "m1", "0987654321", 9, 3, 3, "u3", "cuoi", t0, &id, NULL, NULL), MC_OK);
	assert_int_equal(smsq_parts_expire(st, t0, t0 + 10, &n, NULL), MC_OK);
	assert_int_equal(n, 0);		/* not old enough */
	assert_int_equal(smsq_parts_expire(st, t0 + 1, t0 + 3600, &n, NULL), MC_OK);
	assert_int_equal(n, 1);
	is_text("SELECT body || '|' || parts || '|' || note FROM sms_in WHERE number = '0987654321' AND %ld",
	    1, "dau  [...] cuoi|2|incomplete: 2 of 3 parts");
	/* the reference comes round again with a different text: the old one is closed first */
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 2, 1, "v1", "cu", t0, &id, NULL, NULL), MC_OK);
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 2, 1, "w1", "moi ", t0 + 9000, &id, NULL, NULL), MC_OK);
	assert_int_equal(id, 0);
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 2, 2, "w2", "het", t0 + 9001, &id, NULL, NULL), MC_OK);
	assert_true(id > 0);
	is_text("SELECT body FROM sms_in WHERE id = %ld", id, "moi het");
	assert_int_equal(count("SELECT count(*) FROM sms_in WHERE number = '0977000000' AND body = 'cu [...]'"), 1);
	/* nonsense headers: each kept as it came, as an incomplete message of its own,
	 * never counted as whole (a part "9 of 3" once made a complete message) */
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 3, 9, "x9", "chin", t0, &id, &dup, NULL), MC_OK);
	assert_true(id > 0);
	assert_int_equal(dup, 0);
	is_text("SELECT body || '|' || parts || '|' || status || '|' || note FROM sms_in WHERE id = %ld", id,
	    "chin|1|new|incomplete: part 9 of 3 is not a valid part");
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 3, 9, "x9", "chin", t0, &id2, &dup, NULL), MC_OK);
	assert_int_equal(id2, id);
	assert_int_equal(dup, 1);
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 2, 3, "x", "x", t0, &id, NULL, NULL), MC_OK);
	is_text("SELECT note FROM sms_in WHERE id = %ld", id, "incomplete: part 3 of 2 is not a valid part");
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", -1, 2, 1, "x1", "x", t0, &id, NULL, NULL), MC_OK);
	is_text("SELECT note FROM sms_in WHERE id = %ld", id, "incomplete: part 1 of 2 is not a valid part");
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 256, 1, "x2", "x", t0, &id, NULL, NULL), MC_OK);
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 3, 0, "x3", "x", t0, &id, NULL, NULL), MC_OK);
	is_text("SELECT note FROM sms_in WHERE id = %ld", id, "incomplete: part 0 of 3 is not a valid part");
	assert_int_equal(count("SELECT count(*) FROM sms_part WHERE number = '0977000000'"), 0);
	assert_int_equal(smsq_part_store(st, "m1", NULL, 5, 3, 9, "x", "x", t0, &id, NULL, NULL), MC_EINVAL);
	/* 1 of 1 is a whole message */
	assert_int_equal(smsq_part_store(st, "m1", "0977000000", 5, 1, 1, "y", "mot", t0, &id, NULL, NULL), MC_OK);
	assert_true(id > 0);
}

/* Invalid UTF-8 never reaches the store and never costs a message: each byte that
 * starts no character becomes U+FFFD, in the sender, the SMSC time and the text. */
static void
test_incoming_utf8(void **state)
{
	long id, id2;
	int dup;

	/* a lone continuation byte, a cut 3-byte sequence, an overlong '/', a surrogate
	 * (CESU), a code point above U+10FFFF, and good text around them */
	assert_int_equal(smsq_in_record(st, "m1", "+8491\x80", "2026-10-12T03:04:05Z\xc3",
	    "a\x80" "b \xe1\xba c \xc0\xaf d \xed\xa0\x80 e \xf4\x90\x80\x80 Tr\xe1\xba\xa7n \xf0\x9f\x98\x80",
	    1, t0, &id, &dup, NULL), MC_OK);
	assert_true(id > 0);
	assert_int_equal(dup, 0);
	is_text("SELECT number || '|' || smsc_time || '|' || body FROM sms_in WHERE id = %ld", id,
	    "+8491\xef\xbf\xbd|2026-10-12T03:04:05Z\xef\xbf\xbd|a\xef\xbf\xbd" "b "
	    "\xef\xbf\xbd\xef\xbf\xbd c \xef\xbf\xbd\xef\xbf\xbd d \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd e "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd Tr\xe1\xba\xa7n \xf0\x9f\x98\x80");
	assert_int_equal(count("SELECT count(*) FROM sms_in WHERE typeof(body) = 'text' "
	    "AND typeof(number) = 'text' AND typeof(smsc_time) = 'text'"), 1);
	/* the same bytes again are the same message */
	assert_int_equal(smsq_in_record(st, "m1", "+8491\x80", "2026-10-12T03:04:05Z\xc3",
	    "a\x80" "b \xe1\xba c \xc0\xaf d \xed\xa0\x80 e \xf4\x90\x80\x80 Tr\xe1\xba\xa7n \xf0\x9f\x98\x80",
	    1, t0 + 5, &id2, &dup, NULL), MC_OK);
	assert_int_equal(id2, id);
	assert_int_equal(dup, 1);
	/* valid text is stored byte for byte, and an empty one too */
	assert_int_equal(smsq_in_record(st, "m1", "0912345678", "", "Hồ sơ đã có kết quả chưa ạ?", 1, t0,
	    &id, NULL, NULL), MC_OK);
	is_text("SELECT body FROM sms_in WHERE id = %ld", id, "Hồ sơ đã có kết quả chưa ạ?");
	assert_int_equal(smsq_in_record(st, "m1", "0912345678", NULL, NULL, 1, t0, &id, NULL, NULL), MC_OK);
	is_text("SELECT smsc_time || '|' || body FROM sms_in WHERE id = %ld", id, "|");
}

/* Parts are repaired one by one before they are kept and joined; a part delivered
 * again with the same bytes is recognised. */
static void
test_parts_utf8(void **state)
{
	long id;
	int dup;

	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 7, 2, 2, "t", "cu\xe1\xbb\x91i \xff",
	    t0, &id, &dup, NULL), MC_OK);
	assert_int_equal(id, 0);
	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 7, 2, 2, "t", "cu\xe1\xbb\x91i \xff",
	    t0, &id, &dup, NULL), MC_OK);
	assert_int_equal(dup, 1);
	/* a character cut between the two parts: each half replaced, nothing dropped */
	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 7, 2, 1, "t", "\xc4\x91\xe1\xba\xa7u \xe1\xbb",
	    t0, &id, &dup, NULL), MC_OK);
	assert_true(id > 0);
	is_text("SELECT body || '|' || parts FROM sms_in WHERE id = %ld", id,
	    "\xc4\x91\xe1\xba\xa7u \xef\xbf\xbd\xef\xbf\xbd" "cu\xe1\xbb\x91i \xef\xbf\xbd|2");
	assert_int_equal(count("SELECT count(*) FROM sms_part"), 0);
	/* a nonsense header with bad bytes: kept alone, incomplete, repaired */
	assert_int_equal(smsq_part_store(st, "m1", "0912345678", 7, 2, 3, "t", "\xff", t0, &id, NULL, NULL),
	    MC_OK);
	is_text("SELECT body || '|' || note FROM sms_in WHERE id = %ld", id,
	    "\xef\xbf\xbd|incomplete: part 3 of 2 is not a valid part");
	assert_int_equal(count("SELECT count(*) FROM sms_part"), 0);
}

/* What the modem may have sent: a part handed over and not acknowledged flags the row
 * when it goes back to the queue; one the modem refused does not. */
static void
test_possibly_twice(void **state)
{
	long a = queue("0912000001", NOTICE_NOTICE, "a"), b = queue("0912000002", NOTICE_NOTICE, "b");
	int final;

	assert_int_equal(smsq_part_handed(st, a, 1, NULL), MC_ENOTFOUND);	/* not being sent */
	assert_int_equal(claim("d1", t0, 60), a);
	assert_int_equal(smsq_part_handed(st, a, -1, NULL), MC_EINVAL);
	assert_int_equal(smsq_part_handed(st, a, 1, NULL), MC_OK);
	is_text("SELECT handed || ' ' || twice FROM sms_out WHERE id = %ld", a, "1 0");
	/* kill -9 between the modem's answer and its record: the lease runs out */
	assert_int_equal(claim("d2", t0 + 61, 60), a);
	is_text("SELECT attempts || ' ' || handed || ' ' || twice FROM sms_out WHERE id = %ld", a, "2 0 1");
	is_text("SELECT substr(error, 1, 21) FROM sms_out WHERE id = %ld", a, "possibly sent twice: ");
	/* sent again: the flag and its words stay for the SMS centre */
	assert_int_equal(smsq_part_handed(st, a, 1, NULL), MC_OK);
	assert_int_equal(smsq_part_sent(st, a, 40, t0 + 62, NULL), MC_OK);
	assert_int_equal(smsq_sent(st, a, "d2", 0, t0 + 62, NULL), MC_OK);
	is_text("SELECT status || ' ' || refs || ' ' || handed || ' ' || twice || ' ' || "
	    "substr(error, 1, 19) FROM sms_out WHERE id = %ld", a, "sent 40 0 1 possibly sent twice");
	/* refused by the network: the daemon takes the part back, no flag */
	assert_int_equal(claim("d2", t0 + 70, 60), b);
	assert_int_equal(smsq_part_handed(st, b, 1, NULL), MC_OK);
	assert_int_equal(smsq_part_handed(st, b, 0, NULL), MC_OK);
	assert_int_equal(smsq_failed(st, b, "d2", "CMS error 38", 0, t0 + 71, &final, NULL), MC_OK);
	assert_int_equal(final, 0);
	is_text("SELECT status || ' ' || twice || ' ' || error FROM sms_out WHERE id = %ld", b,
	    "queued 0 CMS error 38");
	/* no answer at all after the hand-over: queued again, flagged, the reason kept */
	assert_int_equal(claim("d2", t0 + 200, 60), b);
	assert_int_equal(smsq_part_handed(st, b, 1, NULL), MC_OK);
	assert_int_equal(smsq_failed(st, b, "d2", "no answer from the network within 30 seconds", 0,
	    t0 + 231, &final, NULL), MC_OK);
	is_text("SELECT status || ' ' || handed || ' ' || twice || ' ' || error FROM sms_out WHERE id = %ld",
	    b, "queued 0 1 possibly sent twice: no answer from the network within 30 seconds, after "
	    "the modem took the message; sent again");
	/* released unsent: nothing was handed */
	assert_int_equal(claim("d3", t0 + 1000, 60), b);
	assert_int_equal(smsq_release(st, b, "d3", NULL), MC_OK);
	is_text("SELECT status || ' ' || handed FROM sms_out WHERE id = %ld", b, "queued 0");
}

/* A message deleted unread (it killed the daemon) is recorded for the office. */
static void
test_unreadable(void **state)
{
	long id, id2, next;

	assert_int_equal(smsq_in_unreadable(st, "m1", "folder 0, location 3", NULL, t0, &id, NULL), MC_OK);
	assert_true(id > 0);
	is_text("SELECT modem || '|' || number || '|' || body || '|' || status || '|' || parts "
	    "FROM sms_in WHERE id = %ld", id, "m1|||ignored|1");
	is_text("SELECT note FROM sms_in WHERE id = %ld", id,
	    "unreadable message deleted from the modem (folder 0, location 3): reading it stopped the program");
	assert_int_equal(count("SELECT count(*) FROM sms_in WHERE smsc_time GLOB "
	    "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'"), 1);
	/* never answered */
	assert_int_equal(smsq_in_next(st, 0, &next, NULL), MC_OK);
	assert_int_equal(next, 0);
	/* another one at once, the place unknown: a row of its own */
	assert_int_equal(smsq_in_unreadable(st, "m1", NULL, NULL, t0, &id2, NULL), MC_OK);
	assert_true(id2 > id);
	is_text("SELECT note FROM sms_in WHERE id = %ld", id2,
	    "unreadable message deleted from the modem: reading it stopped the program");
	/* one the modem cannot read, with the modem's reason */
	assert_int_equal(smsq_in_unreadable(st, "m1", "location 10001", "the modem cannot read it (empty)",
	    t0, &id2, NULL), MC_OK);
	is_text("SELECT note || '|' || status FROM sms_in WHERE id = %ld", id2,
	    "unreadable message deleted from the modem (location 10001): the modem cannot read it (empty)|ignored");
	assert_int_equal(count("SELECT count(DISTINCT smsc_time) FROM sms_in WHERE number = ''"), 3);
}

/* ---------------------------------------------------------------- delivery reports */

static long
sent_with(const char *number, const char *modem, int mr, mc_second at)
{
	struct smsq_msg m;
	long id = queue(number, NOTICE_REPLY, "r");

	assert_int_equal(smsq_claim(st, "d", modem, at, 0, &m, NULL), MC_OK);
	assert_int_equal(m.id, id);
	smsq_msg_free(&m);
	assert_int_equal(smsq_part_sent(st, id, mr, at, NULL), MC_OK);
	assert_int_equal(smsq_sent(st, id, "d", 1, at, NULL), MC_OK);
	return id;
}

static void
test_delivery_reports(void **state)
{
	long old, fresh, other, two, id;
	mc_second day = 86400;

	/* 256 messages later the reference 17 comes round again: the old one is 4 days old */
	old = sent_with("0912345678", "m1", 17, t0 - 4 * day);
	fresh = sent_with("0912345678", "m1", 17, t0 - 60);
	other = sent_with("0987654321", "m1", 17, t0 - 30);
	assert_int_equal(smsq_report(st, "m1", "+84912345678", 17, "Delivered", t0, &id, NULL), MC_OK);
	assert_int_equal(id, fresh);
	is_text("SELECT status || ' ' || delivery || ' ' || delivered_at FROM sms_out WHERE id = %ld", fresh,
	    "delivered delivered 2026-10-12 10:00:00");
	is_text("SELECT status || ' ' || delivery FROM sms_out WHERE id = %ld", old, "sent pending");
	is_text("SELECT status || ' ' || delivery FROM sms_out WHERE id = %ld", other, "sent pending");
	/* the other number's report finds its own message */
	assert_int_equal(smsq_report(st, "m1", "0987654321", 17, "failed", t0, &id, NULL), MC_OK);
	assert_int_equal(id, other);
	is_text("SELECT status || ' ' || delivery FROM sms_out WHERE id = %ld", other, "sent failed");
	/* failed is final; pending never undoes delivered */
	assert_int_equal(smsq_report(st, "m1", "0987654321", 17, "Delivered", t0 + 5, &id, NULL), MC_OK);
	is_text("SELECT delivery FROM sms_out WHERE id = %ld", other, "failed");
	assert_int_equal(smsq_report(st, "m1", "0912345678", 17, "Pending", t0 + 5, &id, NULL), MC_OK);
	is_text("SELECT delivery FROM sms_out WHERE id = %ld", fresh, "delivered");
	/* another modem's references are its own; an unknown reference matches nothing */
	assert_int_equal(smsq_report(st, "m2", "0912345678", 17, "Delivered", t0, &id, NULL), MC_OK);
	assert_int_equal(id, 0);
	assert_int_equal(smsq_report(st, "m1", "0912345678", 200, "Delivered", t0, &id, NULL), MC_OK);
	assert_int_equal(id, 0);
	/* outside the window: the 4-day-old message is not matched */
	assert_int_equal(store_exec(st, "UPDATE sms_out SET refs = '99' WHERE id = 2", NULL), MC_OK);
	assert_int_equal(smsq_report(st, "m1", "0912345678", 17, "Delivered", t0, &id, NULL), MC_OK);
	assert_int_equal(id, 0);
	/* a multipart message: every part's reference matches it, 255 then 0 after the wrap */
	two = queue("0933333333", NOTICE_NOTICE, "x");
	{
		struct smsq_msg m;

		assert_int_equal(smsq_claim(st, "d", "m1", t0, 0, &m, NULL), MC_OK);
		smsq_msg_free(&m);
	}
	assert_int_equal(smsq_part_sent(st, two, 255, t0, NULL), MC_OK);
	assert_int_equal(smsq_part_sent(st, two, 0, t0 + 2, NULL), MC_OK);
	assert_int_equal(smsq_sent(st, two, "d", 1, t0 + 2, NULL), MC_OK);
	is_text("SELECT refs FROM sms_out WHERE id = %ld", two, "255,0");
	assert_int_equal(smsq_report(st, "m1", "0933333333", 0, "Delivered", t0 + 10, &id, NULL), MC_OK);
	assert_int_equal(id, two);
	assert_int_equal(smsq_report(st, "m1", "0933333333", 25, "Delivered", t0 + 10, &id, NULL), MC_OK);
	assert_int_equal(id, 0);	/* "25" is not "255" */
	assert_int_equal(smsq_report(st, "m1", "0933333333", 256, "Delivered", t0, &id, NULL), MC_EINVAL);
}

/* ---------------------------------------------------------------- opt-out, health */

static void
test_optout_cancels(void **state)
{
	long n = queue("0912345678", NOTICE_NOTICE, "n"), r = queue("0912345678", NOTICE_REPLY, "r"),
	    o = queue("0987654321", NOTICE_BULK, "o");

	assert_int_equal(smsq_optout(st, "+84 912 345 678", t0, NULL), MC_OK);
	assert_int_equal(smsq_optout(st, "0912345678", t0 + 1, NULL), MC_OK);	/* twice is fine */
	is_text("SELECT status FROM sms_out WHERE id = %ld", n, "cancelled");
	is_text("SELECT status FROM sms_out WHERE id = %ld", r, "queued");
	is_text("SELECT status FROM sms_out WHERE id = %ld", o, "queued");
	is_text("SELECT at FROM sms_optout WHERE %ld", 1, "2026-10-12 10:00:00");
	assert_true(smsq_optedout(st, "84912345678"));
	assert_false(smsq_optedout(st, "0987654321"));
	assert_int_equal(smsq_optout(st, "VIETTEL", t0, NULL), MC_EINVAL);
	assert_int_equal(smsq_optin(st, "0912345678", NULL), MC_OK);
	assert_false(smsq_optedout(st, "0912345678"));
}

static void
test_health(void **state)
{
	struct smsq_health h = { .state = "ok", .signal = 71, .network = "45204", .operator_name = "Viettel",
	    .battery = -1, .balance = "TKC 12.345d", .success = 1 };
	long id;

	id = queue("0912345678", NOTICE_REPLY, "r");
	assert_int_equal(claim("d1", t0, 0), id);
	assert_int_equal(smsq_part_sent(st, id, 3, t0 + 1, NULL), MC_OK);
	assert_int_equal(smsq_sent(st, id, "d1", 0, t0 + 1, NULL), MC_OK);
	assert_int_equal(smsq_health(st, "m1", &h, t0 + 60, NULL), MC_OK);
	is_text("SELECT state || ' ' || signal || ' ' || operator || ' ' || coalesce(battery, '-') || ' ' || "
	    "balance || ' ' || balance_at || ' ' || last_success || ' ' || sent_today || ' ' || failed_today "
	    "FROM modem_health WHERE modem = 'm%ld'", 1,
	    "ok 71 Viettel - TKC 12.345d 2026-10-12 10:01:00 2026-10-12 10:01:00 1 0");
	/* a minute later the modem stopped answering; the balance was not read again */
	h.state = "not-answering";
	h.signal = -1;
	h.balance = NULL;
	h.success = 0;
	h.last_error = "timeout";
	assert_int_equal(smsq_health(st, "m1", &h, t0 + 120, NULL), MC_OK);
	is_text("SELECT state || ' ' || coalesce(signal, '-') || ' ' || balance || ' ' || balance_at || ' ' || "
	    "last_success || ' ' || last_error || ' ' || updated_at FROM modem_health WHERE modem = 'm%ld'", 1,
	    "not-answering - TKC 12.345d 2026-10-12 10:01:00 2026-10-12 10:01:00 timeout 2026-10-12 10:02:00");
	assert_int_equal(count("SELECT count(*) FROM modem_health"), 1);
	assert_int_equal(smsq_health(st, "", &h, t0, NULL), MC_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_claim_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_claimers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lease_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acked_never_requeued, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backoff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quiet_and_bulk_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_incoming_and_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_incoming_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parts_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_possibly_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delivery_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_optout_cancels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_health, setup, teardown),
	};

	return cmocka_run_group_tests_name("smsq", tests, NULL, NULL);
}
