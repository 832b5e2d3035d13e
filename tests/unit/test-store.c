/* test-store.c -- opening, migrating and refusing stores; settings; busy handling. */
#include "unit.h"

#include <sys/stat.h>

static void
test_create_and_reopen(void **state)
{
	char path[256];
	struct store *st = unit_store(path), *again = NULL;
	char *v;

	assert_non_null(st);
	assert_int_equal(store_schema_version(st), store_schema_latest());
	v = store_setting(st, "hours");
	assert_string_equal(v, "07:00-11:30,13:30-17:00");
	free(v);
	assert_int_equal(store_set_setting(st, "hours", "07:30-11:30", NULL), MC_OK);
	assert_string_equal(store_office(st), "000.17.22.H56");
	store_close(st);
	assert_int_equal(store_open(path, 0, &again, NULL), MC_OK);
	v = store_setting(again, "hours");
	assert_string_equal(v, "07:30-11:30");
	free(v);
	assert_null(store_setting(again, "no.such.key"));
	assert_int_equal(store_setting_int(again, "no.such.key", 42), 42);
	unit_store_done(again, path);
}

static long
file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static void
test_refusals(void **state)
{
	char path[256];
	struct store *st = unit_store(path), *other = NULL;
	struct mc_error err;
	sqlite3 *db;
	char foreign[300];
	long size;

	assert_non_null(st);
	assert_int_equal(store_exec(st, "PRAGMA user_version = 999", NULL), MC_OK);
	store_close(st);
	size = file_size(path);
	assert_int_equal(store_open(path, 0, &other, &err), MC_ENEWER);
	assert_null(other);
	assert_non_null(strstr(err.msg, "999"));
	assert_int_equal(file_size(path), size);

	snprintf(foreign, sizeof foreign, "%s.foreign", path);
	assert_int_equal(sqlite3_open(foreign, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(foreign, STORE_CREATE, &other, &err), MC_ECORRUPT);
	unlink(foreign);

	snprintf(foreign, sizeof foreign, "%s.missing", path);
	assert_int_equal(store_open(foreign, 0, &other, &err), MC_ENOSTORE);
	assert_int_equal(file_size(foreign), -1);
	/* Unlink the files by hand: the store is refused, so unit_store_done cannot close it. */
	snprintf(foreign, sizeof foreign, "rm -rf \"$(dirname '%s')\"", path);
	assert_int_equal(system(foreign), 0);
}

static void
test_busy(void **state)
{
	char path[256];
	struct store *a = unit_store(path), *b = NULL;
	struct mc_error err;

	assert_non_null(a);
	setenv("MOTCUA_BUSY_TIMEOUT", "100", 1);
	assert_int_equal(store_open(path, 0, &b, NULL), MC_OK);
	unsetenv("MOTCUA_BUSY_TIMEOUT");
	assert_int_equal(store_begin(a, NULL), MC_OK);
	assert_int_equal(store_begin(b, &err), MC_EBUSY);
	assert_true(strlen(mc_message(&err)) > 10);
	assert_int_equal(store_commit(a, NULL), MC_OK);
	assert_int_equal(store_begin(b, NULL), MC_OK);
	store_rollback(b);
	store_close(b);
	unit_store_done(a, path);
}

static void
test_errors(void **state)
{
	assert_string_equal(mc_codename(MC_EBUSY), "MC_EBUSY");
	assert_string_equal(mc_codename(1000), "MC_EINTERNAL");
	assert_int_equal(MC_OK, 0);
	assert_true(strlen(mc_strerror(MC_ENEWER)) > 10);
	assert_int_equal(mc_fail(NULL, MC_EINVAL, "x"), MC_EINVAL);
}

/* A migration that fails says which one and SQLite's own reason, once. */
static void
test_migration_failure(void **state)
{
	char path[256];
	struct store *st = unit_store(path), *again = NULL;
	struct mc_error err;
	char sql[320];

	assert_non_null(st);
	/* Pretend migration 004 has not run: its ALTER TABLE must fail the second time. */
	assert_int_equal(store_exec(st, "PRAGMA user_version = 3", NULL), MC_OK);
	store_close(st);
	assert_int_not_equal(store_open(path, 0, &again, &err), MC_OK);
	assert_null(again);
	assert_non_null(strstr(err.msg, "cannot update the database to schema 004-smsd.sql: "));
	assert_non_null(strstr(err.msg, "duplicate column name"));
	assert_null(strstr(strstr(err.msg, "schema") + 1, "cannot update"));
	snprintf(sql, sizeof sql, "rm -rf \"$(dirname '%s')\"", path);
	assert_int_equal(system(sql), 0);
}

/* Statements are cached by text: a composed copy finds the same statement, and one a
 * caller still steps stays valid while hundreds of others are prepared. */
static void
test_statement_cache(void **state)
{
	char path[256], sql[128];
	struct store *st = unit_store(path);
	sqlite3_stmt *held, *s, *again;
	char *copy;
	int i;

	assert_non_null(st);
	assert_int_equal(store_prepare(st, "SELECT value FROM setting ORDER BY key", &held, NULL), MC_OK);
	assert_int_equal(sqlite3_step(held), SQLITE_ROW);
	for (i = 0; i < 300; i++) {
		snprintf(sql, sizeof sql, "SELECT %d FROM setting", i);
		assert_int_equal(store_prepare(st, sql, &s, NULL), MC_OK);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(s, 0), i);
	}
	assert_non_null(sqlite3_column_text(held, 0));	/* not finalized under us */
	i = sqlite3_step(held);
	assert_true(i == SQLITE_ROW || i == SQLITE_DONE);
	copy = strdup("SELECT 7 FROM setting");
	assert_int_equal(store_prepare(st, copy, &again, NULL), MC_OK);
	free(copy);
	assert_int_equal(store_prepare(st, "SELECT 7 FROM setting", &s, NULL), MC_OK);
	assert_ptr_equal(s, again);
	assert_int_equal(store_prepare(st, "SELECT nonsense FROM", &s, NULL), MC_ESTORE);
	assert_null(s);
	unit_store_done(st, path);
}

static int progress_calls, progress_done;
static char progress_name[64];

static void
record_progress(const char *update, int seconds, int done, void *arg)
{
	progress_calls++;
	progress_done += done;
	if (progress_name[0] == '\0')
		snprintf(progress_name, sizeof progress_name, "%s", update);
}

/* A long schema update tells the front end, then says it is done: with the
 * threshold at 0 s, building a new store is long enough. */
static void
test_migration_progress(void **state)
{
	char path[256];
	struct store *st;

	setenv("MOTCUA_PROGRESS_AFTER", "0", 1);
	store_set_progress(record_progress, NULL);
	st = unit_store(path);
	store_set_progress(NULL, NULL);
	unsetenv("MOTCUA_PROGRESS_AFTER");
	assert_non_null(st);
	assert_true(progress_calls >= 2);
	assert_true(progress_done >= 1);
	assert_string_equal(progress_name, "001-initial.sql");	/* the first update told */
	assert_int_equal(store_schema_version(st), store_schema_latest());
	unit_store_done(st, path);
}

/* store_number: the first column of the first row, the default without a row or on a
 * failure. */
static void
test_number(void **state)
{
	char path[256];
	struct store *st = unit_store(path);

	assert_non_null(st);
	assert_int_equal(store_number(st, "SELECT count(*) FROM holiday", -1), 0);
	assert_int_equal(store_number(st, "SELECT 2 + 40", -1), 42);
	assert_int_equal(store_number(st, "SELECT 1 WHERE 0", -1), -1);
	assert_int_equal(store_number(st, "SELECT * FROM no_such_table", -7), -7);
	unit_store_done(st, path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_busy),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_migration_failure),
		cmocka_unit_test(test_statement_cache),
		cmocka_unit_test(test_migration_progress),
		cmocka_unit_test(test_number),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
