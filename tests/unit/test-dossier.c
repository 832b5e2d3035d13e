/* test-dossier.c -- the lifecycle table, intake, events, and replay equality after
 * random event sequences. */
#include "unit.h"

#include "catalog.h"
#include "dossier.h"
#include "names.h"
#include "notice.h"
#include "search.h"

static struct store *st;
static char path[256];

static int
setup(void **state)
{
	char csv[512];
	int n;

	setenv("MOTCUA_NOW", "2026-10-12 09:00", 1);
	st = unit_store(path);
	if (st == NULL)
		return -1;
	if (store_exec(st, "INSERT INTO office(code, name) VALUES ('000.17.22.H56', 'Tân Lập')", NULL) != MC_OK)
		return -1;
	snprintf(csv, sizeof csv, "%s/data/procedures.csv", SRCDIR);
	return catalog_import(st, csv, "test", &n, NULL) == MC_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	unit_store_done(st, path);
	return 0;
}

/* Does the SQL condition of a status set hold for status?  (sql: DOSSIER_SQL_IN on ?1.) */
static int
sql_holds(const char *sql, int status)
{
	sqlite3_stmt *s;
	int v = -1;

	assert_int_equal(store_prepare(st, sql, &s, NULL), MC_OK);
	sqlite3_bind_int(s, 1, status);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return v;
}

/* Each status set of dossier.h: its SQL condition and its C predicate agree on every
 * status (and on numbers that are none). */
static void
test_status_sets(void **state)
{
	static const struct {
		const char *sql;
		int (*pred)(int status);
	} sets[] = {
		{ "SELECT " DOSSIER_SQL_IN("?1", DOSSIER_PENDING), dossier_pending },
		{ "SELECT " DOSSIER_SQL_IN("?1", DOSSIER_OPEN), dossier_status_open },
		{ "SELECT " DOSSIER_SQL_IN("?1", DOSSIER_FINISHED), dossier_status_finished },
		{ "SELECT " DOSSIER_SQL_IN("?1", DOSSIER_FINAL), dossier_status_final },
	};
	size_t i;
	int status, n;

	assert_string_equal(DOSSIER_PENDING_SQL, "status IN (1, 2, 4, 6)");
	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		for (status = -1, n = 0; status <= ST_COUNT; status++) {
			assert_int_equal(sql_holds(sets[i].sql, status), sets[i].pred(status) != 0);
			n += sets[i].pred(status) != 0;
		}
		assert_true(n > 0);
	}
	assert_int_equal(sql_holds("SELECT " DOSSIER_SQL_IN("?1", DOSSIER_READY), ST_READY), 1);
	assert_int_equal(sql_holds("SELECT " DOSSIER_SQL_IN("?1", DOSSIER_READY), ST_RETURNED), 0);
	assert_int_equal(sql_holds("SELECT " DOSSIER_SQL_IN("?1", DOSSIER_SUPPLEMENT), ST_SUPPLEMENT), 1);
	assert_int_equal(sql_holds("SELECT " DOSSIER_SQL_IN("?1", DOSSIER_SUPPLEMENT), ST_FEE), 0);
	/* Every status is pending, paused, finished or final, or before its first event. */
	for (status = ST_NONE; status < ST_COUNT; status++)
		assert_true(status == ST_NONE || dossier_status_open(status) ||
		    dossier_status_finished(status) || dossier_status_final(status));
}

/* Every kind table reads one way (names.c): each name parses back to its value, an
 * unknown or missing name is -1, an unknown value is "?". */
static void
test_kind_names(void **state)
{
	static const char *const holes[] = { NULL, "b", NULL, "Dd" };
	int k;

	for (k = 0; k < EV_COUNT; k++)
		assert_int_equal(event_kind_parse(event_kind_name(k)), k);
	for (k = 0; k < NOTICE_NKINDS; k++)
		assert_int_equal(notice_kind_parse(notice_kind_name(k)), k);
	assert_string_equal(event_kind_name(EV_RECEIVED), "received");
	assert_string_equal(notice_kind_name(NOTICE_REMINDER), "reminder");
	assert_string_equal(event_kind_name(EV_COUNT), "?");
	assert_string_equal(event_kind_name(-1), "?");
	assert_string_equal(notice_kind_name(NOTICE_NKINDS), "?");
	assert_int_equal(event_kind_parse("Received"), -1);
	assert_int_equal(event_kind_parse(""), -1);
	assert_int_equal(event_kind_parse(NULL), -1);	/* crashed before names.c */
	assert_int_equal(notice_kind_parse(NULL), -1);
	assert_int_equal(mc_name_parse(holes, MC_NAMES_COUNT(holes), "b", 0), 1);
	assert_int_equal(mc_name_parse(holes, MC_NAMES_COUNT(holes), "dd", 0), -1);
	assert_int_equal(mc_name_parse(holes, MC_NAMES_COUNT(holes), "dd", MC_NAME_ANYCASE), 3);
	assert_string_equal(mc_name(holes, MC_NAMES_COUNT(holes), 0), "?");
	assert_string_equal(mc_name(holes, MC_NAMES_COUNT(holes), 4), "?");
	assert_string_equal(mc_name(holes, MC_NAMES_COUNT(holes), 3), "Dd");
}

static void
test_table(void **state)
{
	int k;

	assert_true(lifecycle_allowed(ST_NONE, EV_RECEIVED));
	assert_false(lifecycle_allowed(ST_ACCEPTED, EV_RECEIVED));
	assert_true(lifecycle_allowed(ST_READY, EV_RESULT_RETURNED));
	assert_false(lifecycle_allowed(ST_PROCESSING, EV_RESULT_RETURNED));
	for (k = 0; k < EV_COUNT; k++) {
		/* Final statuses accept only notes, digitisation and (after return) a rating. */
		int closing_ok = k == EV_NOTE || k == EV_DIGITISED;

		assert_int_equal(lifecycle_allowed(ST_REFUSED, k), closing_ok);
		assert_int_equal(lifecycle_allowed(ST_WITHDRAWN, k), closing_ok);
		assert_int_equal(lifecycle_allowed(ST_RETURNED, k), closing_ok || k == EV_RATED);
		assert_int_equal(event_kind_parse(event_kind_name(k)), k);
	}
	assert_int_equal(event_kind_parse("nonsense"), -1);
}

static int
intake(const char *name, const char *proc, char code[CODE_MAX])
{
	struct intake in = { .procedure = proc, .name = name, .received = MC_TIME_NONE };
	char codes[8][CODE_MAX];
	int n, rc;

	rc = dossier_intake(st, &in, "test", codes, 8, &n, NULL);
	if (rc == MC_OK)
		strcpy(code, codes[0]);
	return rc;
}

static void
test_intake_and_refusal(void **state)
{
	struct event_args a;
	struct mc_error err;
	struct dossier d;
	char code[CODE_MAX];

	assert_int_equal(intake("Nguyễn Văn Ân", "1.001193", code), MC_OK);
	assert_int_equal(dossier_get(st, code, &d, NULL), MC_OK);
	assert_int_equal(d.status, ST_ACCEPTED);
	assert_string_equal(d.name, "Nguyễn Văn Ân");
	event_args_init(&a);
	assert_int_equal(dossier_append(st, code, EV_RESULT_RETURNED, &a, "test", &err), MC_ETRANSITION);
	assert_true(strlen(err.msg) > 10);
	assert_int_equal(dossier_append(st, code, EV_RESULT_READY, &a, "test", NULL), MC_OK);
	assert_int_equal(dossier_append(st, code, EV_RESULT_RETURNED, &a, "test", NULL), MC_OK);
	assert_int_equal(dossier_get(st, code, &d, NULL), MC_OK);
	assert_int_equal(d.status, ST_RETURNED);
	assert_int_equal(d.events, 3);
	assert_int_equal(dossier_append(st, "000.17.22.H56-261012-9999", EV_NOTE, &a, "test", NULL), MC_ENOTFOUND);
}

/* Random walks: every kind tried at random, most refused, some accepted; the rows
 * must equal the replay of their events. */
static void
test_random_replay(void **state)
{
	static const char *const procs[] = { "1.001193", "1.004873", "2.000815", "1.004222" };
	static const char *const names[] = { "Lê Thị Hoa", "Phạm Văn Đức", "Vũ Ngọc Ánh", "Đặng Minh Khôi" };
	uint64_t x = 0x9E3779B97F4A7C15u;
	struct event_args a;
	char code[CODE_MAX];
	long checked, bad;
	int i, j, ok = 0, refused = 0, rc;

	for (i = 0; i < 120; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		assert_int_equal(intake(names[x % 4], procs[(x >> 8) % 4], code), MC_OK);
		for (j = 0; j < 12; j++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			event_args_init(&a);
			a.note = "ghi chú";
			a.to = "Công an xã";
			a.items = "Bản sao giấy khai sinh";
			a.amount = 8000;
			a.rating = 1 + (int)(x % 4);
			a.due = mc_now() + (mc_minute)(j + 1) * MC_DAY_MINUTES * 2;
			rc = dossier_append(st, code, (enum event_kind)(2 + (x >> 16) % (EV_COUNT - 2)), &a, "test", NULL);
			assert_true(rc == MC_OK || rc == MC_ETRANSITION || rc == MC_EINVAL);
			if (rc == MC_OK)
				ok++;
			else
				refused++;
		}
	}
	assert_true(ok > 200);
	assert_true(refused > 100);
	assert_int_equal(dossier_check(st, NULL, NULL, &checked, &bad, NULL), MC_OK);
	assert_int_equal(bad, 0);
	assert_true(checked >= 121);
	/* A row edited behind the store's back is caught. */
	assert_int_equal(store_exec(st, "UPDATE dossier SET fee_paid = fee_paid + 1 WHERE id = 5", NULL), MC_OK);
	assert_int_equal(dossier_check(st, NULL, NULL, &checked, &bad, NULL), MC_OK);
	assert_int_equal(bad, 1);
}

static int
count_hit(const struct dossier *d, void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

static void
test_search(void **state)
{
	char code[CODE_MAX];
	int hits = 0, found;

	assert_int_equal(intake("Nguyễn Thị Thu Hà", "1.001193", code), MC_OK);
	assert_int_equal(search_dossiers(st, "nguyen thi thu ha", NULL, 10, count_hit, &hits, &found, NULL), MC_OK);
	assert_int_equal(found, 1);
	hits = 0;
	assert_int_equal(search_dossiers(st, code + 14, NULL, 10, count_hit, &hits, &found, NULL), MC_OK);
	assert_true(found >= 1);
	assert_int_equal(search_dossiers(st, "thu ha", NULL, 10, count_hit, &hits, &found, NULL), MC_OK);
	assert_int_equal(found, 1);
	assert_int_equal(search_dossiers(st, "\xff\xfe", NULL, 10, count_hit, &hits, &found, NULL), MC_EUTF8);
	/* Typing: "nguyen thi t" still lists her while the last word is being typed... */
	assert_int_equal(search_typing(st, "nguyen thi t", NULL, 10, count_hit, &hits, &found, NULL), MC_OK);
	assert_true(found >= 1);
	/* ... and so does a search: her name starts with the words (issue 9 item 4)... */
	assert_int_equal(search_dossiers(st, "nguyen thi t", NULL, 10, count_hit, &hits, &found, NULL), MC_OK);
	assert_int_equal(found, 1);
	/* ... where, inside a name, a whole-word search for "t" finds no one. */
	assert_int_equal(search_dossiers(st, "thi t", NULL, 10, count_hit, &hits, &found, NULL), MC_OK);
	assert_int_equal(found, 0);
	assert_int_equal(search_typing(st, "nguyen thi thu ha", NULL, 10, count_hit, &hits, &found, NULL), MC_OK);
	assert_int_equal(found, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_status_sets),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_intake_and_refusal),
		cmocka_unit_test(test_random_replay),
		cmocka_unit_test(test_search),
	};

	return cmocka_run_group_tests_name("dossier", tests, setup, teardown);
}
