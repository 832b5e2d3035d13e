/* test-syncq.c -- the office's side of the province link (common/syncq.c): the place
 * of each event (pos), events from other offices inserted once and never overwritten,
 * the fold order (pos, office, sequence) with an event refused at its place passed
 * over, read-only dossiers refusing local events, another office's clock not bounding
 * this office's times, the push queue and cursor, the state the console shows, and the
 * settings a province may publish. */
#include "unit.h"

#include "dossier.h"
#include "syncq.h"

#define A "000.17.22.H56"	/* this office */
#define B "000.17.23.H56"	/* another */

static struct store *st;
static char path[256];

static int
setup(void **state)
{
	st = unit_office_store(path);
	return st == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	return 0;
}

static void
intake(const char *name, char code[CODE_MAX])
{
	struct intake in = { .procedure = "1.004873", .name = name, .phone = "0912345678",
		.sms = 1, .received = MC_TIME_NONE };
	char codes[8][CODE_MAX];
	int n;

	assert_int_equal(dossier_intake(st, &in, "test", codes, 8, &n, NULL), MC_OK);
	strcpy(code, codes[0]);
}

static int
append(const char *code, enum event_kind kind, const char *to, struct mc_error *err)
{
	struct event_args a;

	event_args_init(&a);
	a.to = to;
	a.note = "ghi chú";
	a.reason = "lý do";
	return dossier_append(st, code, kind, &a, "test", err);
}

/* Pull one event of office B (in its own transaction) and fold its dossier. */
static enum syncq_pulled
pull(long seq, const char *code, int pos, const char *kind, const char *at, const char *payload,
    int read_only)
{
	struct syncq_event ev = { .office = B, .seq = seq, .code = code, .pos = pos, .kind = kind,
		.at = at, .actor = "canbo", .payload = payload };
	enum syncq_pulled what;

	assert_int_equal(store_begin(st, NULL), MC_OK);
	assert_int_equal(syncq_pull_event(st, &ev, &what, NULL), MC_OK);
	assert_int_equal(syncq_pull_dossier(st, code, read_only, B, NULL), MC_OK);
	assert_int_equal(store_commit(st, NULL), MC_OK);
	return what;
}

static int
status_of(const char *code)
{
	struct dossier d;

	assert_int_equal(dossier_get(st, code, &d, NULL), MC_OK);
	return d.status;
}

static void
check_clean(void)
{
	long checked, bad;

	assert_int_equal(dossier_check(st, NULL, NULL, &checked, &bad, NULL), MC_OK);
	assert_int_equal(bad, 0);
}

static long
count(const char *fmt, const char *code)
{
	char sql[512];

	snprintf(sql, sizeof sql, fmt, code);
	return unit_count(st, sql);
}

/* Local events take the next place in their dossier. */
static void
test_positions(void **state)
{
	char code[CODE_MAX];

	intake("Nguyễn Văn Ân", code);
	assert_int_equal(append(code, EV_TRANSFERRED, B, NULL), MC_OK);
	assert_int_equal(append(code, EV_NOTE, NULL, NULL), MC_OK);
	assert_int_equal(count("SELECT max(pos) FROM dossier_event WHERE code = '%s'", code), 3);
	assert_int_equal(count("SELECT count(DISTINCT pos) FROM dossier_event WHERE code = '%s'", code), 3);
	check_clean();
}

/* An event of B: inserted once, the same again known, other content set aside. */
static void
test_pulled_events(void **state)
{
	char code[CODE_MAX];

	intake("Trần Thị Bình", code);
	assert_int_equal(append(code, EV_TRANSFERRED, B, NULL), MC_OK);
	assert_int_equal(pull(1, code, 3, "result-ready", "2026-10-12 09:00", "{}", 0), SYNCQ_NEW);
	assert_int_equal(status_of(code), ST_READY);
	assert_int_equal(pull(1, code, 3, "result-ready", "2026-10-12 09:00", "{}", 0), SYNCQ_KNOWN);
	assert_int_equal(pull(1, code, 3, "result-ready", "2026-10-12 09:00", "{\"note\":\"x\"}", 0),
	    SYNCQ_DIFFERENT);
	assert_int_equal(unit_count(st, "SELECT count(*) FROM sync_setaside WHERE id = '" B ":1' "
	    "AND direction = 'pull'"), 1);
	assert_int_equal(count("SELECT count(*) FROM dossier_event WHERE code = '%s' AND payload = '{}'", code), 1);
	/* No SMS notice for another office's event (result ready): that office sends its
	 * own; the intake's "received" notice is this office's. */
	assert_int_equal(count("SELECT count(*) FROM sms_out WHERE code = '%s'", code), 1);
	check_clean();
}

/* Two offices acting at once: the same pos, the office code decides; the event the
 * table then refuses is passed over, and a replay agrees. */
static void
test_fold_order(void **state)
{
	char code[CODE_MAX];
	struct dossier d;

	intake("Lê Văn Cường", code);
	assert_int_equal(append(code, EV_TRANSFERRED, B, NULL), MC_OK);	/* pos 2 */
	/* B, not knowing, records a result at pos 3; A withdraws at pos 3. */
	assert_int_equal(append(code, EV_WITHDRAWN, NULL, NULL), MC_OK);
	assert_int_equal(pull(2, code, 3, "result-ready", "2026-10-12 09:00", "{}", 0), SYNCQ_NEW);
	/* A (000.17.22) sorts before B (000.17.23): withdrawn first, B's result passed over. */
	assert_int_equal(dossier_get(st, code, &d, NULL), MC_OK);
	assert_int_equal(d.status, ST_WITHDRAWN);
	assert_int_equal(d.events, 3);
	assert_string_equal(d.last_event, A ":" "8");
	check_clean();
	/* An event of B at a lower place than this office's last folds before it. */
	intake("Phạm Thị Dung", code);
	assert_int_equal(append(code, EV_TRANSFERRED, B, NULL), MC_OK);	/* pos 2 */
	assert_int_equal(append(code, EV_NOTE, NULL, NULL), MC_OK);		/* pos 3 */
	assert_int_equal(pull(3, code, 2, "note", "2026-10-12 09:00", "{\"note\":\"b\"}", 0), SYNCQ_NEW);
	assert_int_equal(dossier_get(st, code, &d, NULL), MC_OK);
	assert_int_equal(d.events, 4);
	assert_string_equal(d.last_event, A ":11");	/* A's note, at pos 3, is last */
	check_clean();
}

/* A dossier pulled through a scope refuses local events; one handed here does not. */
static void
test_read_only(void **state)
{
	static const char payload[] = "{\"due\":\"2026-10-15 17:00\",\"name\":\"Hoàng Văn Em\","
	    "\"office\":\"" B "\",\"procedure\":\"1.004873\"}";
	const char *code = B "-261012-0001";
	struct mc_error err;
	char holder[64];

	assert_int_equal(pull(4, code, 1, "received", "2026-10-12 08:00", payload, 1), SYNCQ_NEW);
	assert_int_equal(status_of(code), ST_ACCEPTED);
	assert_true(syncq_read_only(st, code, holder, sizeof holder));
	assert_string_equal(holder, B);
	assert_int_equal(append(code, EV_NOTE, NULL, &err), MC_EDENIED);
	assert_non_null(strstr(err.msg, B));
	/* Handed here later: it becomes writable, and stays so. */
	assert_int_equal(pull(5, code, 2, "transferred", "2026-10-12 08:30",
	    "{\"from\":\"" B "\",\"to\":\"" A "\"}", 0), SYNCQ_NEW);
	assert_false(syncq_read_only(st, code, NULL, 0));
	assert_int_equal(pull(6, code, 3, "note", "2026-10-12 08:40", "{\"note\":\"x\"}", 1), SYNCQ_NEW);
	assert_false(syncq_read_only(st, code, NULL, 0));
	assert_int_equal(append(code, EV_RESULT_READY, NULL, NULL), MC_OK);
	check_clean();
}

/* B's clock a year ahead: its event folds at its place, and this office's next event,
 * at this office's time, is not refused as "before the dossier's last event". */
static void
test_clock_off(void **state)
{
	char code[CODE_MAX];

	intake("Đỗ Thị Giang", code);
	assert_int_equal(append(code, EV_TRANSFERRED, B, NULL), MC_OK);
	assert_int_equal(pull(7, code, 3, "result-ready", "2027-10-13 10:00", "{}", 0), SYNCQ_NEW);
	assert_int_equal(status_of(code), ST_READY);
	assert_int_equal(append(code, EV_RESULT_RETURNED, NULL, NULL), MC_OK);
	assert_int_equal(status_of(code), ST_RETURNED);
	check_clean();
}

/* Malformed events from the hub, and this office's own, are refused. */
static void
test_pull_refusals(void **state)
{
	struct syncq_event ev = { .office = A, .seq = 99, .code = "x", .pos = 1, .kind = "note",
		.at = "2026-10-12 09:00", .actor = "a", .payload = "{}" };
	long before = unit_count(st, "SELECT count(*) FROM dossier_event");
	enum syncq_pulled what;

	assert_int_equal(syncq_pull_event(st, &ev, &what, NULL), MC_EINVAL);	/* our own */
	ev.office = B;
	ev.kind = "nonsense";
	assert_int_equal(syncq_pull_event(st, &ev, &what, NULL), MC_EINVAL);
	ev.kind = "note";
	ev.payload = "[1]";
	assert_int_equal(syncq_pull_event(st, &ev, &what, NULL), MC_EINVAL);
	ev.payload = "{}";
	ev.at = "yesterday";
	assert_int_equal(syncq_pull_event(st, &ev, &what, NULL), MC_EINVAL);
	ev.at = "2026-10-12 09:00";
	ev.office = "bad:office";
	assert_int_equal(syncq_pull_event(st, &ev, &what, NULL), MC_EINVAL);
	assert_int_equal(unit_count(st, "SELECT count(*) FROM dossier_event"), before);
}

struct seen {
	long seqs[64];
	int n;
};

static int
see(const struct syncq_event *ev, void *ctx)
{
	struct seen *s = ctx;

	s->seqs[s->n++] = ev->seq;
	return 0;
}

/* The push queue: this office's events above the cursor, in order; the backlog; the
 * state the console shows. */
static void
test_queue_and_state(void **state)
{
	struct syncq_status s;
	struct seen seen = { .n = 0 };
	char code[CODE_MAX];
	long m = unit_count(st, "SELECT max(office_seq) FROM dossier_event WHERE office = '" A "'");
	int n;

	assert_int_equal(syncq_cursor(st), 0);
	assert_int_equal(syncq_set_cursor(st, m, NULL), MC_OK);
	intake("Vũ Văn Hải", code);
	assert_int_equal(append(code, EV_RESULT_READY, NULL, NULL), MC_OK);
	pull(8, code, 3, "note", "2026-10-12 09:00", "{\"note\":\"b\"}", 0);	/* not ours: not queued */
	assert_int_equal(syncq_each_pending(st, syncq_cursor(st), 10, see, &seen, &n, NULL), MC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(seen.seqs[0], m + 1);
	assert_int_equal(seen.seqs[1], m + 2);
	assert_int_equal(syncq_set_cursor(st, m + 1, NULL), MC_OK);
	assert_int_equal(syncq_status(st, &s, NULL), MC_OK);
	assert_int_equal(s.backlog, 1);
	assert_string_equal(s.last, "");
	assert_false(s.configured);
	assert_int_equal(syncq_set_aside(st, A ":1", SYNCQ_PUSH, "x", NULL), MC_OK);
	assert_int_equal(s.backlog_then, -1);	/* never ran */
	assert_string_equal(s.run, "");
	assert_int_equal(syncq_finish(st, 1, SYNCQ_PROBLEM_NONE, "", NULL), MC_OK);
	assert_int_equal(syncq_status(st, &s, NULL), MC_OK);
	assert_string_equal(s.last, "2026-10-12 09:00");
	assert_string_equal(s.run, "2026-10-12 09:00");
	assert_int_equal(s.backlog_then, 1);
	assert_int_equal(s.problem, SYNCQ_PROBLEM_NONE);
	assert_int_equal(s.set_aside, unit_count(st, "SELECT count(*) FROM sync_setaside"));
	assert_int_equal(unit_count(st, "SELECT count(*) FROM sync_setaside WHERE id = '" A ":1'"), 1);
	assert_int_equal(syncq_finish(st, 0, SYNCQ_PROBLEM_HUB, "the hub answered 503", NULL), MC_OK);
	assert_int_equal(syncq_status(st, &s, NULL), MC_OK);
	assert_string_equal(s.error, "the hub answered 503");
	assert_int_equal(s.problem, SYNCQ_PROBLEM_HUB);
	assert_int_equal(unit_count(st, "SELECT count(*) FROM setting WHERE key = 'sync.problem' AND value = 'hub'"), 1);
	assert_string_equal(s.last, "2026-10-12 09:00");	/* a failed run keeps the last success */
	assert_int_equal(syncq_set_mark(st, B, 8, NULL), MC_OK);
	assert_int_equal(unit_count(st, "SELECT seq FROM sync_mark WHERE office = '" B "'"), 8);
	assert_int_equal(syncq_clear_marks(st, NULL), MC_OK);
	assert_int_equal(unit_count(st, "SELECT count(*) FROM sync_mark"), 0);
}

/* The kinds of problem as stored (sync.problem): each key reads back as itself. */
static void
test_problem_keys(void **state)
{
	int p;

	(void)state;
	for (p = SYNCQ_PROBLEM_NONE; p <= SYNCQ_PROBLEM_LOCAL; p++)
		assert_int_equal(syncq_problem_parse(syncq_problem_key((enum syncq_problem)p)), p);
	assert_string_equal(syncq_problem_key(SYNCQ_PROBLEM_TOKEN), "token");
	assert_string_equal(syncq_problem_key(SYNCQ_PROBLEM_NONE), "");
	assert_int_equal(syncq_problem_parse("nonsense"), SYNCQ_PROBLEM_NONE);
	assert_int_equal(syncq_problem_parse(NULL), SYNCQ_PROBLEM_NONE);
}

static void
test_settings(void **state)
{
	static const char good[] = "{\"hours\":\"07:30-11:30,13:30-17:00\",\"sms.quiet\":\"off\"}";
	struct mc_error err;

	assert_int_equal(syncq_settings_check(good, strlen(good), NULL), MC_OK);
	assert_int_equal(syncq_settings_check("{\"office.name\":\"x\"}", 19, &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "office.name"));
	assert_int_equal(syncq_settings_check("{\"hours\":\"25:00-26:00\"}", 23, NULL), MC_EINVAL);
	assert_int_equal(syncq_settings_check("{\"hours\":7}", 11, NULL), MC_EINVAL);
	assert_int_equal(syncq_settings_check("[]", 2, NULL), MC_EINVAL);
	assert_int_equal(syncq_apply_resource(st, "settings", good, strlen(good), "\"settings-1-x\"", NULL), MC_OK);
	assert_int_equal(unit_count(st, "SELECT count(*) FROM setting WHERE key = 'hours' AND "
	    "value = '07:30-11:30,13:30-17:00'"), 1);
	assert_int_equal(unit_count(st, "SELECT count(*) FROM setting WHERE key = 'sync.etag.settings'"), 1);
	assert_int_equal(syncq_apply_resource(st, "nonsense", "x", 1, "e", NULL), MC_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_pulled_events),
		cmocka_unit_test(test_fold_order),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_clock_off),
		cmocka_unit_test(test_pull_refusals),
		cmocka_unit_test(test_queue_and_state),
		cmocka_unit_test(test_problem_keys),
		cmocka_unit_test(test_settings),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
