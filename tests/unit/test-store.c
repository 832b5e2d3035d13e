/* test-store.c -- opening, migrating and refusing stores; settings; busy handling; the
 * statement cache and the stepping, transaction and column helpers. */
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

/* store_step_done() and store_reset() turn SQLite's results into codes and leave the
 * statement reset (holding no snapshot). */
static void
test_stepping(void **state)
{
	char path[256];
	struct store *st = unit_store(path);
	struct mc_error err;
	sqlite3_stmt *s;
	int rc, n = 0;

	assert_non_null(st);
	assert_int_equal(store_exec(st, "CREATE TABLE t(k TEXT PRIMARY KEY, v TEXT)", NULL), MC_OK);
	assert_int_equal(store_prepare(st, "INSERT INTO t(k, v) VALUES (?1, ?2)", &s, NULL), MC_OK);
	sqlite3_bind_text(s, 1, "a", -1, SQLITE_STATIC);
	assert_int_equal(store_step_done(st, s, NULL), MC_OK);
	assert_false(sqlite3_stmt_busy(s));
	assert_int_equal(store_prepare(st, "INSERT INTO t(k, v) VALUES (?1, ?2)", &s, NULL), MC_OK);
	sqlite3_bind_text(s, 1, "a", -1, SQLITE_STATIC);
	assert_int_equal(store_step_done(st, s, &err), MC_EEXIST);
	assert_non_null(strstr(err.msg, "UNIQUE"));
	assert_false(sqlite3_stmt_busy(s));
	/* A RETURNING row is passed over. */
	assert_int_equal(store_prepare(st, "INSERT INTO t(k) VALUES ('b') RETURNING k", &s, NULL), MC_OK);
	assert_int_equal(store_step_done(st, s, NULL), MC_OK);
	assert_false(sqlite3_stmt_busy(s));

	/* A loop to its end, a loop stopped on a row, an error met on the way. */
	assert_int_equal(store_prepare(st, "SELECT k FROM t ORDER BY k", &s, NULL), MC_OK);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		n++;
	assert_int_equal(n, 2);
	assert_int_equal(store_reset(st, s, rc, NULL), MC_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_true(sqlite3_stmt_busy(s));
	assert_int_equal(store_reset(st, s, SQLITE_ROW, NULL), MC_OK);
	assert_false(sqlite3_stmt_busy(s));
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(store_reset(st, s, SQLITE_NOMEM, &err), MC_ENOMEM);
	assert_false(sqlite3_stmt_busy(s));
	assert_int_equal(store_prepare(st, "SELECT abs(-9223372036854775807 - 1)", &s, NULL), MC_OK);
	rc = sqlite3_step(s);
	assert_int_equal(store_reset(st, s, rc, &err), MC_ESTORE);
	assert_non_null(strstr(err.msg, "integer overflow"));
	unit_store_done(st, path);
}

/* store_end() commits what went well and rolls back the rest, a failed COMMIT too. */
static void
test_end(void **state)
{
	char path[256];
	struct store *st = unit_store(path);
	struct mc_error err;

	assert_non_null(st);
	assert_int_equal(store_exec(st, "CREATE TABLE p(id INTEGER PRIMARY KEY); "
	    "CREATE TABLE c(p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)", NULL), MC_OK);
	assert_int_equal(store_begin(st, NULL), MC_OK);
	assert_int_equal(store_exec(st, "INSERT INTO p VALUES (1)", NULL), MC_OK);
	assert_int_equal(store_end(st, MC_OK, NULL), MC_OK);
	assert_int_equal(unit_count(st, "SELECT count(*) FROM p"), 1);

	assert_int_equal(store_begin(st, NULL), MC_OK);
	assert_int_equal(store_exec(st, "INSERT INTO p VALUES (2)", NULL), MC_OK);
	assert_int_equal(store_end(st, MC_EINVAL, NULL), MC_EINVAL);
	assert_true(sqlite3_get_autocommit(store_db(st)));
	assert_int_equal(unit_count(st, "SELECT count(*) FROM p"), 1);

	/* The deferred foreign key fails the COMMIT: rolled back, and said. */
	assert_int_equal(store_begin(st, NULL), MC_OK);
	assert_int_equal(store_exec(st, "INSERT INTO p VALUES (3); INSERT INTO c VALUES (99)", NULL), MC_OK);
	assert_int_equal(store_end(st, MC_OK, &err), MC_ESTORE);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	assert_true(sqlite3_get_autocommit(store_db(st)));
	assert_int_equal(unit_count(st, "SELECT count(*) FROM p"), 1);
	unit_store_done(st, path);
}

/* store_prepare_own() gives a statement apart from the cache's, for stepping the same
 * text twice at once. */
static void
test_prepare_own(void **state)
{
	char path[256];
	const char *sql = "SELECT key FROM setting ORDER BY key";
	struct store *st = unit_store(path);
	struct mc_error err;
	sqlite3_stmt *own, *cached;

	assert_non_null(st);
	assert_int_equal(store_prepare_own(st, sql, &own, NULL), MC_OK);
	assert_int_equal(store_prepare(st, sql, &cached, NULL), MC_OK);
	assert_ptr_not_equal(own, cached);
	assert_int_equal(sqlite3_step(own), SQLITE_ROW);
	assert_int_equal(sqlite3_step(cached), SQLITE_ROW);
	assert_int_equal(sqlite3_step(cached), SQLITE_DONE);	/* the one setting */
	assert_string_equal(store_col_text(own, 0), "office.code");
	assert_int_equal(store_reset(st, cached, SQLITE_ROW, NULL), MC_OK);
	sqlite3_finalize(own);
	assert_int_equal(store_prepare_own(st, "SELECT nonsense FROM", &own, &err), MC_ESTORE);
	assert_null(own);
	assert_non_null(strstr(err.msg, "incomplete input"));
	unit_store_done(st, path);
}

/* Columns read as text (never NULL), copied whole characters only, duplicated, and
 * minutes both ways. */
static void
test_columns(void **state)
{
	char path[256], buf[8];
	struct store *st = unit_store(path);
	sqlite3_stmt *s;
	char *dup;
	mc_minute t;

	assert_non_null(st);
	assert_int_equal(mc_time_parse("2026-10-12 09:05", &t), 0);
	assert_int_equal(store_prepare(st, "SELECT NULL, 'Nguyễn', 'abc', ?1, ?2, 'x', "
	    "'12/10/2026 09:05'", &s, NULL), MC_OK);
	assert_int_equal(store_bind_minute(s, 1, t), SQLITE_OK);
	assert_int_equal(store_bind_minute(s, 2, MC_TIME_NONE), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal(store_col_text(s, 0), "");
	assert_string_equal(store_col_text(s, 3), "2026-10-12 09:05");
	assert_int_equal(sqlite3_column_type(s, 4), SQLITE_NULL);

	/* "Nguyễn" is N g u y (4 bytes), ễ (3 bytes), n: 8 bytes. */
	store_col_copy(s, 1, buf, sizeof buf);
	assert_string_equal(buf, "Nguyễ");
	store_col_copy(s, 1, buf, 7);
	assert_string_equal(buf, "Nguy");	/* not half of ễ */
	store_col_copy(s, 1, buf, 1);
	assert_string_equal(buf, "");
	store_col_copy(s, 2, buf, sizeof buf);
	assert_string_equal(buf, "abc");
	store_col_copy(s, 0, buf, sizeof buf);
	assert_string_equal(buf, "");

	assert_non_null(dup = store_col_dup(s, 1));
	assert_string_equal(dup, "Nguyễn");
	free(dup);
	assert_non_null(dup = store_col_dup(s, 0));
	assert_string_equal(dup, "");
	free(dup);

	assert_true(store_col_minute(s, 3) == t);
	assert_true(store_col_minute(s, 4) == MC_TIME_NONE);
	assert_true(store_col_minute(s, 5) == MC_TIME_NONE);
	assert_true(store_col_minute(s, 6) == MC_TIME_NONE);
	assert_int_equal(store_reset(st, s, SQLITE_ROW, NULL), MC_OK);
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
		cmocka_unit_test(test_stepping),
		cmocka_unit_test(test_end),
		cmocka_unit_test(test_prepare_own),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_number),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
