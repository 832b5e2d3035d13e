/* test-doctor.c -- the checks of motcua doctor (common/doctor.c): the thresholds
 * (free disk against the store's size, the log's size, a backup's age, what lpstat
 * says, the last sync's age, the events waiting for the hub), and doctor_run() on a
 * real store: modems stale, without SIM, with a weak signal or an unread credit;
 * failed and long-waiting SMS; the clock against the newest event and the network's
 * time stamps; the group of the store's files; the province link as motcua-sync's
 * runs left it (syncq_finish); a missing store, after which the checks that need it
 * say they were passed over. */
#include "unit.h"

#include <grp.h>
#include <sys/stat.h>
#include <time.h>

#include "doctor.h"
#include "syncq.h"

#define MB (1024ULL * 1024)
#define GB (1024ULL * MB)

static struct store *st;
static char path[256];
static mc_second t0;		/* 2026-10-12 10:00:00 */

static int
setup(void **state)
{
	mc_minute m;

	(void)state;
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
	(void)state;
	unit_store_done(st, path);
	return 0;
}

static void
exec(const char *sql)
{
	struct mc_error err;

	if (store_exec(st, sql, &err) != MC_OK)
		fail_msg("%s: %s", sql, mc_message(&err));
}

/* Event number seq of this office, of kind, at and recorded at time at. */
static void
event(int seq, const char *kind, const char *at)
{
	char sql[512];

	snprintf(sql, sizeof sql, "INSERT INTO dossier_event(id, office, office_seq, code, kind, at, actor, "
	    "recorded) VALUES ('000.17.22.H56:%d', '000.17.22.H56', %d, 'x', '%s', '%s', 'a', '%s')",
	    seq, seq, kind, at, at);
	exec(sql);
}

/* The findings of doctor on the test store. */
static void
run(struct doctor_report *r, const char *group)
{
	struct doctor_opts o = { .db_path = path, .now = t0, .lpstat = "/nonexistent/lpstat",
	    .group = group };

	memset(r, 0, sizeof *r);
	assert_int_equal(doctor_run(&o, r), MC_OK);
}

/* The level of the finding for check whose message holds words; -1 when there is none. */
static int
level_of(const struct doctor_report *r, const char *check, const char *words)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->items[i].check, check) == 0 && strstr(r->items[i].message, words) != NULL)
			return (int)r->items[i].level;
	return -1;
}

/* How many findings of area are not ok. */
static int
not_ok(const struct doctor_report *r, const char *area)
{
	int i, n = 0;

	for (i = 0; i < r->n; i++)
		n += strcmp(r->items[i].area, area) == 0 && r->items[i].level != DOCTOR_OK;
	return n;
}

/* What to do about the first finding for check ("" when there is none). */
static const char *
fix_of(const struct doctor_report *r, const char *check)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->items[i].check, check) == 0)
			return r->items[i].fix;
	return "";
}

static void
test_thresholds(void **state)
{
	(void)state;
	/* Disk: at least 100 MB and the store's size, else fail; 1 GB and 3 stores, else warn. */
	assert_int_equal(doctor_disk_level(50 * MB, 10 * MB), DOCTOR_FAIL);
	assert_int_equal(doctor_disk_level(500 * MB, 10 * MB), DOCTOR_WARN);
	assert_int_equal(doctor_disk_level(2 * GB, 10 * MB), DOCTOR_OK);
	assert_int_equal(doctor_disk_level(2 * GB, 3 * GB), DOCTOR_FAIL);
	assert_int_equal(doctor_disk_level(5 * GB, 3 * GB), DOCTOR_WARN);
	assert_int_equal(doctor_disk_level(10 * GB, 3 * GB), DOCTOR_OK);
	assert_int_equal(doctor_disk_level(0, 0), DOCTOR_FAIL);
	/* The log: SQLite folds it back at about 4 MB. */
	assert_int_equal(doctor_wal_level(0), DOCTOR_OK);
	assert_int_equal(doctor_wal_level(4 * MB), DOCTOR_OK);
	assert_int_equal(doctor_wal_level(100 * MB), DOCTOR_WARN);
	assert_int_equal(doctor_wal_level(2 * GB), DOCTOR_FAIL);
	/* Backups: nightly. */
	assert_int_equal(doctor_backup_level(3600), DOCTOR_OK);
	assert_int_equal(doctor_backup_level(30 * 3600), DOCTOR_OK);
	assert_int_equal(doctor_backup_level(3 * 86400), DOCTOR_WARN);
	assert_int_equal(doctor_backup_level(8 * 86400), DOCTOR_FAIL);
	/* lpstat -p NAME in the C locale. */
	assert_int_equal(doctor_lpstat_level(0, "printer Quay_1 is idle.  enabled since Mon 12 Oct 2026"), DOCTOR_OK);
	assert_int_equal(doctor_lpstat_level(0, "printer Quay_1 now printing Quay_1-7.  enabled since x"), DOCTOR_OK);
	assert_int_equal(doctor_lpstat_level(0, "printer Quay_1 disabled since Mon 12 Oct 2026 -  Paused"), DOCTOR_FAIL);
	assert_int_equal(doctor_lpstat_level(1, "lpstat: Invalid destination name in list \"X\"."), DOCTOR_FAIL);
	assert_int_equal(doctor_lpstat_level(1, "lpstat: Scheduler is not running."), DOCTOR_FAIL);
	assert_int_equal(doctor_lpstat_level(127, ""), DOCTOR_WARN);
	assert_int_equal(doctor_lpstat_level(0, "something else"), DOCTOR_WARN);
	/* The last sync with nothing pending: a timer runs every few minutes. */
	assert_int_equal(doctor_sync_level(10 * 60), DOCTOR_OK);
	assert_int_equal(doctor_sync_level(6 * 3600), DOCTOR_OK);
	assert_int_equal(doctor_sync_level(6 * 3600 + 60), DOCTOR_WARN);
	assert_int_equal(doctor_sync_level(24 * 3600), DOCTOR_WARN);
	assert_int_equal(doctor_sync_level(24 * 3600 + 60), DOCTOR_FAIL);
	assert_int_equal(doctor_sync_level(-3600), DOCTOR_OK);	/* the clock set back */
	/* Events waiting: now, at the end of the last run, the oldest's age. */
	assert_int_equal(doctor_backlog_level(0, 5, 0), DOCTOR_OK);
	assert_int_equal(doctor_backlog_level(0, -1, 99 * 3600), DOCTOR_OK);
	assert_int_equal(doctor_backlog_level(3, 0, 60), DOCTOR_OK);	/* since the last run */
	assert_int_equal(doctor_backlog_level(3, 3, 60), DOCTOR_OK);	/* left, none more */
	assert_int_equal(doctor_backlog_level(4, 3, 60), DOCTOR_WARN);	/* grows */
	assert_int_equal(doctor_backlog_level(2, 3, 60), DOCTOR_OK);	/* shrinks */
	assert_int_equal(doctor_backlog_level(3, -1, 7 * 3600), DOCTOR_WARN);	/* waited long */
	assert_string_equal(doctor_level_key(DOCTOR_FAIL), "fail");
	assert_string_equal(doctor_level_key(DOCTOR_WARN), "warn");
	assert_string_equal(doctor_level_key(DOCTOR_OK), "ok");
	assert_string_equal(doctor_area_words("nothing"), "nothing");
}

static void
test_modems(void **state)
{
	struct doctor_report r;

	(void)state;
	exec("INSERT INTO modem_health(modem, updated_at, state, signal, balance, balance_at) VALUES "
	    "('good', '2026-10-12 09:59:30', 'ok', 70, 'TKC 120000d', '2026-10-12 08:00:00'),"
	    "('stale', '2026-10-12 09:00:00', 'ok', 70, '', NULL),"
	    "('nosim', '2026-10-12 09:59:00', 'no-sim', NULL, 'TKC 5000d', '2026-09-01 08:00:00'),"
	    "('weak', '2026-10-12 09:59:00', 'ok', 8, '', NULL),"
	    "('fair', '2026-10-12 09:59:00', 'ok', 20, '', NULL)");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "modem.report", "modem good: working"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "modem.signal", "modem good: signal 70%"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "modem.credit", "TKC 120000d"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "modem.report", "modem stale: no report since 2026-10-12 09:00:00"), DOCTOR_FAIL);
	assert_int_equal(level_of(&r, "modem.signal", "modem stale"), -1);	/* old news */
	assert_int_equal(level_of(&r, "modem.credit", "modem stale: the SIM's credit was never read"), DOCTOR_WARN);
	assert_int_equal(level_of(&r, "modem.report", "modem nosim: no SIM card"), DOCTOR_FAIL);
	assert_int_equal(level_of(&r, "modem.credit", "modem nosim: the SIM's credit was last seen 41 days ago"), DOCTOR_WARN);
	assert_int_equal(level_of(&r, "modem.signal", "modem weak: weak signal (8%)"), DOCTOR_FAIL);
	assert_int_equal(level_of(&r, "modem.signal", "modem fair: weak signal (20%)"), DOCTOR_WARN);
	doctor_report_free(&r);

	exec("DELETE FROM modem_health");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "modem.report", "no SMS modem has ever reported"), DOCTOR_WARN);
	doctor_report_free(&r);
}

static void
test_queue(void **state)
{
	struct doctor_report r;

	(void)state;
	run(&r, NULL);
	assert_int_equal(level_of(&r, "sms.failed", "no SMS failed"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "sms.queue", "no SMS is waiting"), DOCTOR_OK);
	doctor_report_free(&r);
	/* A failure last week counts, one last month does not; a reminder held back by the
	 * quiet hours is not late. */
	exec("INSERT INTO sms_out(number, kind, priority, body, status, created_at, not_before) VALUES "
	    "('0912345678', 'notice', 1, 'a', 'failed', '2026-10-10 09:00:00', NULL),"
	    "('0912345678', 'notice', 1, 'b', 'failed', '2026-09-10 09:00:00', NULL),"
	    "('0912345679', 'reminder', 2, 'c', 'queued', '2026-10-11 20:00:00', '2026-10-12 11:00:00'),"
	    "('0912345670', 'reply', 0, 'd', 'queued', '2026-10-12 09:50:00', NULL)");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "sms.failed", "1 SMS failed in the last 7 days"), DOCTOR_WARN);
	assert_int_equal(level_of(&r, "sms.queue", "the oldest SMS waiting was queued at 2026-10-12 09:50:00"), DOCTOR_OK);
	doctor_report_free(&r);
	exec("UPDATE sms_out SET created_at = '2026-10-12 09:30:00' WHERE body = 'd'");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "sms.queue", "an SMS has waited 30 minutes"), DOCTOR_WARN);
	doctor_report_free(&r);
	exec("UPDATE sms_out SET created_at = '2026-10-12 06:00:00' WHERE body = 'd'");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "sms.queue", "an SMS has waited 4 hours"), DOCTOR_FAIL);
	doctor_report_free(&r);
}

static void
test_clock(void **state)
{
	struct doctor_report r;

	(void)state;
	event(1, "received", "2026-10-12 09:55");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "clock.year", "the clock says 2026-10-12 10:00:00"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "clock.events", "the clock is past the newest record"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "clock.network", ""), -1);	/* no SMS to compare with */
	doctor_report_free(&r);
	/* Events written by a clock ahead of this one. */
	event(2, "note", "2026-10-15 09:55");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "clock.events", "the clock is 2 days behind the newest record"), DOCTOR_FAIL);
	doctor_report_free(&r);
	/* The network's time stamps are UTC; received_at is the office's. */
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	exec("INSERT INTO sms_in(modem, number, smsc_time, received_at, body) VALUES "
	    "('m', '+84912345678', '2026-10-12T02:00:00Z', '2026-10-12 09:00:05', 'a'),"
	    "('m', '+84912345678', '2026-10-12T02:10:00Z', '2026-10-12 09:10:02', 'b')");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "clock.network", "agrees"), DOCTOR_OK);
	doctor_report_free(&r);
	exec("INSERT INTO sms_in(modem, number, smsc_time, received_at, body) VALUES "
	    "('m', '+84912345678', '2026-10-12T02:30:00Z', '2026-10-12 08:30:00', 'c')");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "clock.network", "behind the mobile network's by 60 minutes"), DOCTOR_FAIL);
	doctor_report_free(&r);
	exec("DELETE FROM sms_in");
	exec("INSERT INTO sms_in(modem, number, smsc_time, received_at, body) VALUES "
	    "('m', '+84912345678', '2026-10-12T00:00:00Z', '2026-10-12 09:00:00', 'a'),"
	    "('m', '+84912345678', '2026-10-12T00:10:00Z', '2026-10-12 09:10:00', 'b'),"
	    "('m', '+84912345678', '2026-10-12T00:20:00Z', '2026-10-12 09:20:00', 'c')");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "clock.network", "ahead of the mobile network's by 2 hours"), DOCTOR_WARN);
	doctor_report_free(&r);
	/* A year no clock of this software can show. */
	t0 = mc_second_at(0);
	run(&r, NULL);
	assert_int_equal(level_of(&r, "clock.year", "the year cannot be right"), DOCTOR_FAIL);
	doctor_report_free(&r);
}

static void
test_files_and_printer(void **state)
{
	struct doctor_report r;
	struct group *other;
	struct group *mine = getgrgid(getegid());
	char mygroup[64], wal[300], shm[300], forms[300];
	gid_t g;

	(void)state;
	assert_non_null(mine);
	snprintf(mygroup, sizeof mygroup, "%s", mine->gr_name);
	snprintf(wal, sizeof wal, "%s-wal", path);
	snprintf(shm, sizeof shm, "%s-shm", path);
	chmod(path, 0660);
	chmod(wal, 0660);	/* the test holds the store open: they are there */
	chmod(shm, 0660);
	run(&r, mygroup);
	assert_int_equal(level_of(&r, "store.mode", "only by their owner and group"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "store.group", ""), -1);
	assert_int_equal(level_of(&r, "printer", "no printer is chosen"), DOCTOR_WARN);
	doctor_report_free(&r);
	chmod(path, 0664);
	for (g = 1, other = NULL; g < 70000 && other == NULL; g++)
		if (g != getegid())
			other = getgrgid(g);
	assert_non_null(other);
	snprintf(forms, sizeof forms, "%s", path);
	snprintf(strrchr(forms, '/'), 8, "/forms");
	assert_int_equal(mkdir(forms, 0755), 0);
	run(&r, other->gr_name);
	/* Opening the store closed it to others (store_open, as its owner): said so. */
	assert_int_equal(level_of(&r, "store.mode", "motcua closed it to them now"), DOCTOR_WARN);
	assert_int_equal(level_of(&r, "store.mode", "forms can be read by every account"), DOCTOR_FAIL);
	assert_int_equal(level_of(&r, "store.group", "does not belong to the group"), DOCTOR_WARN);
	doctor_report_free(&r);
	rmdir(forms);
	/* A printer, but no lpstat to ask: a warning, not a failure. */
	store_set_setting(st, "printer", "Quay_1", NULL);
	run(&r, NULL);
	assert_int_equal(level_of(&r, "printer", "the lpstat command is not installed"), DOCTOR_WARN);
	doctor_report_free(&r);
}

/* The province link, as motcua-sync's runs leave it in the store (syncq_finish). */
static void
test_hub(void **state)
{
	/* A failed run of each kind (its words), and what doctor finds of it. */
	static const struct {
		enum syncq_problem kind;
		const char *words, *check, *found;
		int level;
	} ends[] = {
		{ SYNCQ_PROBLEM_HUB, "the hub answered 503", "hub.reach",
		  "the hub failed in the last run (at 2026-10-12 10:00): the hub answered 503", DOCTOR_WARN },
		{ SYNCQ_PROBLEM_PROVINCE, "the hub refused the pull (403): scope", "hub.refused",
		  "was refused: the hub refused the pull (403)", DOCTOR_FAIL },
		{ SYNCQ_PROBLEM_LOCAL, "the disk is full", "hub.local", "failed on this computer: the disk is full",
		  DOCTOR_FAIL },
		{ SYNCQ_PROBLEM_NONE, "stopped", "hub.reach", "the last run (at 2026-10-12 10:00) ended: stopped",
		  DOCTOR_OK },
	};
	struct doctor_report r;
	size_t i;

	(void)state;
	run(&r, NULL);
	assert_int_equal(level_of(&r, "hub.setup", "not set up"), DOCTOR_WARN);
	assert_int_equal(level_of(&r, "hub.last", ""), -1);
	doctor_report_free(&r);
	/* Set up (the console's settings, or --save), never run; an event waiting. */
	store_set_setting(st, "sync.hub", "https://hub.example", NULL);
	event(1, "received", "2026-10-12 09:55");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "hub.setup", "sync with the province hub https://hub.example is set up"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "hub.last", "motcua-sync has never run"), DOCTOR_WARN);
	assert_int_equal(level_of(&r, "hub.reach", ""), -1);
	assert_int_equal(level_of(&r, "hub.backlog", "1 events wait for the next sync (the oldest recorded at 2026-10-12 09:55)"), DOCTOR_OK);
	doctor_report_free(&r);
	/* A run that could not reach the hub: nothing ever finished. */
	assert_int_equal(syncq_finish(st, 0, SYNCQ_PROBLEM_UNREACHABLE, "cannot reach the hub: Connection refused", NULL), MC_OK);
	run(&r, NULL);
	assert_int_equal(level_of(&r, "hub.last", "no sync has ever finished with nothing pending (the last run ended at 2026-10-12 10:00)"), DOCTOR_WARN);
	assert_int_equal(level_of(&r, "hub.reach", "could not reach the hub https://hub.example: cannot reach the hub: Connection refused"), DOCTOR_FAIL);
	assert_int_equal(r.fails, 1);
	doctor_report_free(&r);
	/* More events since: the backlog grows. */
	event(2, "note", "2026-10-12 09:58");
	run(&r, NULL);
	assert_int_equal(level_of(&r, "hub.backlog", "2 events wait for the hub, more than the 1 the last run left behind"), DOCTOR_WARN);
	doctor_report_free(&r);
	/* A success (everything acknowledged) 8 hours ago, then a refused token. */
	assert_int_equal(syncq_set_cursor(st, 2, NULL), MC_OK);
	assert_int_equal(syncq_finish(st, 1, SYNCQ_PROBLEM_NONE, "", NULL), MC_OK);
	store_set_setting(st, "sync.last", "2026-10-12 02:00", NULL);
	run(&r, NULL);
	assert_int_equal(level_of(&r, "hub.last", "the last sync with nothing pending was 8 hours ago (2026-10-12 02:00)"), DOCTOR_WARN);
	assert_int_equal(not_ok(&r, "hub"), 1);		/* that one: the others are ok */
	assert_int_equal(level_of(&r, "hub.reach", "the hub answered the last run (at 2026-10-12 10:00)"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "hub.token", "accepted"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "hub.backlog", "no event is waiting"), DOCTOR_OK);
	assert_int_equal(level_of(&r, "hub.setaside", "no event is set aside"), DOCTOR_OK);
	doctor_report_free(&r);
	store_set_setting(st, "sync.last", "2026-10-10 09:00", NULL);
	assert_int_equal(syncq_finish(st, 0, SYNCQ_PROBLEM_TOKEN, "the hub refused the pull (401): unknown or revoked token", NULL), MC_OK);
	run(&r, NULL);
	assert_int_equal(level_of(&r, "hub.last", "was 2 days ago"), DOCTOR_FAIL);
	assert_int_equal(level_of(&r, "hub.token", "the hub refused this office's token in the last run (at 2026-10-12 10:00): the hub refused the pull (401)"), DOCTOR_FAIL);
	assert_non_null(strstr(fix_of(&r, "hub.token"), "ask the province for a new token, then: motcua-sync --token TOKEN --save"));
	doctor_report_free(&r);
	/* The hub failing, the province refusing, this computer failing, a stopped run. */
	for (i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		assert_int_equal(syncq_finish(st, 0, ends[i].kind, ends[i].words, NULL), MC_OK);
		run(&r, NULL);
		assert_int_equal(level_of(&r, ends[i].check, ends[i].found), ends[i].level);
		doctor_report_free(&r);
	}
	/* Events set aside: listed by motcua-sync --status. */
	assert_int_equal(syncq_set_aside(st, "000.17.22.H56:1", SYNCQ_PUSH, "conflict", NULL), MC_OK);
	run(&r, NULL);
	assert_int_equal(level_of(&r, "hub.setaside", "1 events are set aside"), DOCTOR_FAIL);
	assert_non_null(strstr(fix_of(&r, "hub.setaside"), "motcua-sync --status"));
	doctor_report_free(&r);
}

static void
test_no_store(void **state)
{
	struct doctor_opts o = { .db_path = "/nonexistent/motcua.db",
	    .backup_dir = "/nonexistent/backups" };
	struct doctor_report r = { 0 };

	(void)state;
	setenv("MOTCUA_NOW", "2026-10-12 10:00", 1);
	o.now = mc_clock();
	assert_int_equal(doctor_run(&o, &r), MC_OK);
	assert_int_equal(level_of(&r, "store.open", "there is no database at /nonexistent/motcua.db"), DOCTOR_FAIL);
	assert_int_equal(level_of(&r, "skipped", "not checked"), DOCTOR_WARN);
	assert_int_equal(level_of(&r, "backup.dir", "/nonexistent/backups does not exist"), DOCTOR_FAIL);
	assert_int_equal(level_of(&r, "clock.year", "the clock says"), DOCTOR_OK);
	assert_int_equal(r.fails, 2);
	doctor_report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thresholds),
		cmocka_unit_test_setup_teardown(test_modems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_files_and_printer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hub, setup, teardown),
		cmocka_unit_test(test_no_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
