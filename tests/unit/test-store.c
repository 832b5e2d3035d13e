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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_busy),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
