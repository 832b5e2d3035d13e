/* test-auth.c -- users, roles, yescrypt password hashes, login failures (the wait and
 * the lock-out, kept in the store so no program or restart gets around them), the
 * actor of the command line, and the audit.
 *
 * Time never passes by sleeping here: a wait is "over" once the test moves the last
 * failure's time (user.failed_at) back by the seconds it should have waited. */
#include "config.h"

#include "unit.h"

#include "auth.h"

#define PW "mật khẩu 2024"	/* 13 characters, 17 bytes */

struct fixture {
	struct store *st;
	char path[256];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct mc_error err;

	if (f == NULL || (f->st = unit_store(f->path)) == NULL) {
		free(f);
		return -1;
	}
	if (auth_user_add(f->st, "lan", ROLE_OFFICER, "Nguyễn Thị Lan", PW, "admin", &err) != MC_OK) {
		fprintf(stderr, "setup: %s\n", mc_message(&err));
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unit_store_done(f->st, f->path);
	free(f);
	return 0;
}

/* The first column of the first row of sql, as a new string ("" if none). */
static char *
query(struct fixture *f, const char *sql)
{
	sqlite3_stmt *s;
	char *v;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), sql, -1, &s, NULL), SQLITE_OK);
	v = strdup(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL ?
	    (const char *)sqlite3_column_text(s, 0) : "");
	sqlite3_finalize(s);
	assert_non_null(v);
	return v;
}

static long
count(struct fixture *f, const char *sql)
{
	char *v = query(f, sql);
	long n = atol(v);

	free(v);
	return n;
}

static void
test_names(void **state)
{
	char login[40];

	assert_string_equal(role_name(ROLE_OFFICER), "officer");
	assert_string_equal(role_name(ROLE_HEAD), "head");
	assert_string_equal(role_name(ROLE_ADMIN), "admin");
	assert_string_equal(role_name((enum role)7), "?");
	assert_int_equal(role_parse("officer"), ROLE_OFFICER);
	assert_int_equal(role_parse("head"), ROLE_HEAD);
	assert_int_equal(role_parse("admin"), ROLE_ADMIN);
	assert_int_equal(role_parse("Admin"), -1);
	assert_int_equal(role_parse(""), -1);
	assert_int_equal(role_parse(NULL), -1);

	assert_true(auth_login_valid("a"));
	assert_true(auth_login_valid("lan"));
	assert_true(auth_login_valid("nguyen.van-an_2"));
	memset(login, 'a', 32);
	login[32] = '\0';
	assert_true(auth_login_valid(login));
	login[32] = 'a';
	login[33] = '\0';
	assert_false(auth_login_valid(login));
	assert_false(auth_login_valid(""));
	assert_false(auth_login_valid(NULL));
	assert_false(auth_login_valid("1lan"));
	assert_false(auth_login_valid(".lan"));
	assert_false(auth_login_valid("Lan"));
	assert_false(auth_login_valid("nguyen van"));
	assert_false(auth_login_valid("đức"));
	assert_false(auth_login_valid("lan@xa"));
}

static void
test_password_rules(void **state)
{
	struct mc_error err;
	char longpw[300];

	assert_int_equal(auth_password_ok("12345678", &err), MC_OK);
	assert_int_equal(auth_password_ok(PW, &err), MC_OK);
	assert_int_equal(auth_password_ok("mậtkhẩu1", &err), MC_OK);	/* 8 characters */
	assert_int_equal(auth_password_ok("1234567", &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "8"));
	/* 7 characters in 21 bytes: characters count, not bytes. */
	assert_int_equal(auth_password_ok("ậậậậậậậ", &err), MC_EINVAL);
	assert_int_equal(auth_password_ok("", &err), MC_EINVAL);
	assert_int_equal(auth_password_ok(NULL, &err), MC_EINVAL);
	assert_int_equal(auth_password_ok("abcdefgh\xff", &err), MC_EINVAL);
	assert_int_equal(auth_password_ok("abcd\x01" "efgh", &err), MC_EINVAL);
	memset(longpw, 'p', sizeof longpw - 1);
	longpw[sizeof longpw - 1] = '\0';
	assert_int_equal(auth_password_ok(longpw, &err), MC_EINVAL);
}

static void
test_add_login(void **state)
{
	struct fixture *f = *state;
	struct user u;
	struct mc_error err;
	char *hash, *hash2, *created;

	memset(&u, 0, sizeof u);
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_OK);
	assert_true(u.id > 0);
	assert_string_equal(u.login, "lan");
	assert_string_equal(u.full_name, "Nguyễn Thị Lan");
	assert_int_equal(u.role, ROLE_OFFICER);
	assert_int_equal(u.disabled, 0);
	assert_string_equal(u.input_mode, "telex");
	assert_int_equal(u.failures, 0);

	/* yescrypt, salted: the same password hashes differently for two users. */
	assert_int_equal(auth_user_add(f->st, "hoa", ROLE_HEAD, "Trần Văn Hòa", PW, "admin", &err), MC_OK);
	hash = query(f, "SELECT hash FROM user WHERE login = 'lan'");
	hash2 = query(f, "SELECT hash FROM user WHERE login = 'hoa'");
	assert_memory_equal(hash, "$y$", 3);
	assert_memory_equal(hash2, "$y$", 3);
	assert_string_not_equal(hash, hash2);
	assert_null(strstr(hash, "khẩu"));
	assert_null(strstr(hash, "2024"));
	free(hash);
	free(hash2);
	assert_int_equal(count(f, "SELECT count(*) FROM user WHERE role = 'head' AND login = 'hoa'"), 1);
	created = query(f, "SELECT created_at FROM user WHERE login = 'hoa'");
	assert_int_equal(strlen(created), 16);		/* YYYY-MM-DD HH:MM */
	assert_int_equal(created[4], '-');
	free(created);

	assert_int_equal(auth_get(f->st, "hoa", &u, &err), MC_OK);
	assert_int_equal(u.role, ROLE_HEAD);
	assert_string_equal(u.full_name, "Trần Văn Hòa");
	assert_int_equal(auth_get(f->st, "nobody", &u, &err), MC_ENOTFOUND);

	/* The same password typed decomposed (NFD) is the same password. */
	assert_int_equal(auth_login(f->st, "lan", "ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u 2024", &u, &err),
	    MC_OK);
}

static void
test_wrong(void **state)
{
	struct fixture *f = *state;
	struct user u;
	struct mc_error e1, e2, e3;

	assert_int_equal(auth_login(f->st, "lan", "mật khẩu 2025", &u, &e1), MC_EAUTH);
	assert_int_equal(auth_login(f->st, "khong-co", PW, &u, &e2), MC_EAUTH);
	assert_int_equal(auth_login(f->st, "", PW, &u, &e3), MC_EAUTH);
	/* A wrong login and a wrong password read the same. */
	assert_string_equal(mc_message(&e1), mc_message(&e2));
	assert_string_equal(mc_message(&e1), mc_message(&e3));
	assert_string_equal(e1.msg, e2.msg);
	assert_int_equal(auth_login(f->st, "lan", "", &u, &e2), MC_EAUTH);
	assert_int_equal(auth_login(f->st, "lan", NULL, &u, &e2), MC_EAUTH);
	assert_int_equal(auth_login(f->st, "LAN", PW, &u, &e2), MC_EAUTH);
}

/* Let the wait after the last failure of login pass: its time goes back by seconds. */
static void
age(struct fixture *f, const char *login, int seconds)
{
	char sql[160];

	snprintf(sql, sizeof sql, "UPDATE user SET failed_at = failed_at - %d WHERE login = '%s'",
	    seconds, login);
	assert_int_equal(store_exec(f->st, sql, NULL), MC_OK);
}

static void
test_failures(void **state)
{
	struct fixture *f = *state;
	struct user u;
	struct mc_error err;
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_EAUTH);
	assert_int_equal(auth_get(f->st, "lan", &u, &err), MC_OK);
	assert_int_equal(u.failures, 3);
	assert_int_equal(u.locked, 0);
	assert_int_equal(count(f, "SELECT failures FROM user WHERE login = 'lan'"), 3);
	/* After three, even the right password waits (5 s after the third failure). */
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_EWAIT);
	age(f, "lan", 5);
	/* A good login says how many failed before it, then clears them. */
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_OK);
	assert_int_equal(u.failures, 3);
	assert_int_equal(auth_get(f->st, "lan", &u, &err), MC_OK);
	assert_int_equal(u.failures, 0);
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_OK);
	assert_int_equal(u.failures, 0);
	/* Changing the password clears them too. */
	assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_EAUTH);
	assert_int_equal(auth_passwd(f->st, "lan", "mật khẩu mới", "admin", &err), MC_OK);
	assert_int_equal(count(f, "SELECT failures FROM user WHERE login = 'lan'"), 0);
}

/* The wait is the store's rule: 5, 10, 20, 40, then 60 s after the last failure,
 * whoever asks; a try during it is refused without looking at the password and
 * without counting; a new connection (a console started again) waits the same. */
static void
test_wait(void **state)
{
	static const int waits[] = { 5, 10, 20, 40, 60, 60 };
	struct fixture *f = *state;
	struct store *other;
	struct user u;
	struct mc_error err;
	int i, w;

	for (i = 0; i < 3; i++) {
		assert_int_equal(auth_login_wait(f->st, "lan"), 0);
		assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_EAUTH);
	}
	for (i = 0; i < 6; i++) {
		/* At most the rule's wait; more than half of it (the try was just now). */
		w = auth_login_wait(f->st, "lan");
		assert_true(w > waits[i] / 2 && w <= waits[i]);
		/* Quitting and starting again: another connection to the file sees it. */
		assert_int_equal(store_open(f->path, 0, &other, &err), MC_OK);
		assert_int_equal(auth_login(other, "lan", PW, &u, &err), MC_EWAIT);
		assert_true(auth_login_wait(other, "lan") > 0);
		store_close(other);
		assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_EWAIT);
		assert_non_null(strstr(err.msg, "wait"));
		assert_int_equal(count(f, "SELECT failures FROM user WHERE login = 'lan'"), 3 + i);
		age(f, "lan", waits[i]);
		assert_int_equal(auth_login_wait(f->st, "lan"), 0);
		assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_EAUTH);
	}
	assert_int_equal(count(f, "SELECT failures FROM user WHERE login = 'lan'"), 9);
	/* Unknown logins have no row to wait on, and say nothing more. */
	assert_int_equal(auth_login_wait(f->st, "khong-co"), 0);
	assert_int_equal(auth_login_wait(f->st, NULL), 0);
	/* A clock set back: a wait longer than the rule allows is over, not a lock-out. */
	assert_int_equal(store_exec(f->st, "UPDATE user SET failed_at = failed_at + 3600", NULL), MC_OK);
	assert_int_equal(auth_login_wait(f->st, "lan"), 0);
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_OK);
	assert_int_equal(u.failures, 9);
	assert_int_equal(count(f, "SELECT count(*) FROM user WHERE failures = 0 AND failed_at IS NULL"), 1);
}

/* After login.lock_after failures in a row (default 10) the account is locked until an
 * administrator unlocks it; 0 never locks. */
static void
test_lock(void **state)
{
	struct fixture *f = *state;
	struct user u;
	struct mc_error err;
	char *actions;
	int i;

	for (i = 0; i < AUTH_LOCK_AFTER - 1; i++) {
		assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_EAUTH);
		age(f, "lan", 60);
	}
	assert_int_equal(auth_get(f->st, "lan", &u, &err), MC_OK);
	assert_int_equal(u.locked, 0);
	/* The tenth failure locks, and says so. */
	assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_ELOCKED);
	assert_non_null(strstr(err.msg, "lan is locked after 10 failed logins"));
	age(f, "lan", 3600);
	/* Locked: the right password is refused, nothing more is counted. */
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_ELOCKED);
	assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_ELOCKED);
	assert_int_equal(count(f, "SELECT failures FROM user WHERE login = 'lan'"), 10);
	assert_int_equal(auth_login_wait(f->st, "lan"), 0);
	assert_int_equal(auth_get(f->st, "lan", &u, &err), MC_OK);
	assert_int_equal(u.locked, 1);
	assert_int_equal(auth_actor(f->st, "lan", &u, &err), MC_ELOCKED);
	/* An administrator unlocks it. */
	assert_int_equal(auth_unlock(f->st, "lan", "quantri", &err), MC_OK);
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_OK);
	assert_int_equal(u.failures, 0);
	assert_int_equal(auth_unlock(f->st, "nobody", "quantri", &err), MC_ENOTFOUND);
	actions = query(f, "SELECT group_concat(actor || ':' || action || ':' || detail, ' ') "
	    "FROM audit WHERE action = 'user.unlock'");
	assert_string_equal(actions, "quantri:user.unlock:lan");
	free(actions);

	/* The setting: 3 locks at the third; a new password unlocks too. */
	assert_int_equal(store_set_setting(f->st, "login.lock_after", "3", &err), MC_OK);
	for (i = 0; i < 2; i++)
		assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_EAUTH);
	assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_ELOCKED);
	assert_int_equal(auth_passwd(f->st, "lan", "mật khẩu mới", "quantri", &err), MC_OK);
	assert_int_equal(auth_login(f->st, "lan", "mật khẩu mới", &u, &err), MC_OK);
	/* ... and enabling a disabled account again. */
	for (i = 0; i < 3; i++)
		assert_int_equal(auth_login(f->st, "lan", "sai", &u, &err), i < 2 ? MC_EAUTH : MC_ELOCKED);
	assert_int_equal(auth_disable(f->st, "lan", 1, "quantri", &err), MC_OK);
	assert_int_equal(auth_disable(f->st, "lan", 0, "quantri", &err), MC_OK);
	assert_int_equal(auth_login(f->st, "lan", "mật khẩu mới", &u, &err), MC_OK);
	/* 0: never locked (the wait still applies). */
	assert_int_equal(store_set_setting(f->st, "login.lock_after", "0", &err), MC_OK);
	for (i = 0; i < 20; i++) {
		assert_int_equal(auth_login(f->st, "lan", "sai", &u, &err), MC_EAUTH);
		age(f, "lan", 60);
	}
	assert_int_equal(auth_login(f->st, "lan", "mật khẩu mới", &u, &err), MC_OK);
	assert_int_equal(u.failures, 20);
}

/* The actor of the command line: a user who may log in, with a role. */
static void
test_actor(void **state)
{
	struct fixture *f = *state;
	struct user u;
	struct mc_error err;

	assert_int_equal(auth_actor(f->st, "lan", &u, &err), MC_OK);
	assert_int_equal(u.role, ROLE_OFFICER);
	assert_string_equal(u.login, "lan");
	assert_int_equal(auth_actor(f->st, "khong-co", &u, &err), MC_ENOTFOUND);
	assert_int_equal(auth_actor(f->st, "lan\x1b[31m", &u, &err), MC_EINVAL);
	assert_null(strchr(err.msg, 0x1b));		/* the message shows it as '?' */
	assert_non_null(strstr(err.msg, "lan?[31m"));
	assert_int_equal(auth_actor(f->st, NULL, &u, &err), MC_EINVAL);
	assert_int_equal(auth_disable(f->st, "lan", 1, "admin", &err), MC_OK);
	assert_int_equal(auth_actor(f->st, "lan", &u, &err), MC_EDENIED);
	assert_true(role_allows(ROLE_ADMIN, ROLE_ADMIN));
	assert_true(role_allows(ROLE_ADMIN, ROLE_OFFICER));
	assert_true(role_allows(ROLE_HEAD, ROLE_OFFICER));
	assert_false(role_allows(ROLE_HEAD, ROLE_ADMIN));
	assert_false(role_allows(ROLE_OFFICER, ROLE_HEAD));
	/* This test owns the file it made (or runs as root): the system. */
	assert_true(auth_system_account(f->st));
	/* A control character never reaches the users' names. */
	assert_int_equal(auth_user_add(f->st, "minh", ROLE_OFFICER, "Minh\x1b]0;x\x07", PW, "admin",
	    &err), MC_EINVAL);
	assert_int_equal(auth_user_add(f->st, "minh", ROLE_OFFICER, "Minh\xc2\x9b" "2J", PW, "admin",
	    &err), MC_EINVAL);
	assert_int_equal(count(f, "SELECT count(*) FROM user WHERE login = 'minh'"), 0);
}

static void
test_disabled(void **state)
{
	struct fixture *f = *state;
	struct user u;
	struct mc_error err;

	assert_int_equal(auth_disable(f->st, "lan", 1, "admin", &err), MC_OK);
	assert_int_equal(auth_get(f->st, "lan", &u, &err), MC_OK);
	assert_int_equal(u.disabled, 1);
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_EDENIED);
	assert_non_null(strstr(err.msg, "lan"));
	/* A wrong password on a disabled account tells nothing more. */
	assert_int_equal(auth_login(f->st, "lan", "sai mật khẩu", &u, &err), MC_EAUTH);
	assert_int_equal(count(f, "SELECT failures FROM user WHERE login = 'lan'"), 1);
	assert_int_equal(auth_disable(f->st, "lan", 0, "admin", &err), MC_OK);
	assert_int_equal(count(f, "SELECT failures FROM user WHERE login = 'lan'"), 0);
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_OK);
	assert_int_equal(u.disabled, 0);
	assert_int_equal(auth_disable(f->st, "nobody", 1, "admin", &err), MC_ENOTFOUND);
	/* Nobody disables himself, and the last administrator stays. */
	assert_int_equal(auth_user_add(f->st, "quantri", ROLE_ADMIN, "Quản trị", PW, "admin", &err), MC_OK);
	assert_int_equal(auth_disable(f->st, "quantri", 1, "quantri", &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "own account"));
	assert_int_equal(auth_disable(f->st, "quantri", 1, "lan", &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "last administrator"));
	assert_int_equal(auth_user_add(f->st, "quantri2", ROLE_ADMIN, "", PW, "quantri", &err), MC_OK);
	assert_int_equal(auth_disable(f->st, "quantri", 1, "quantri2", &err), MC_OK);
	assert_int_equal(auth_disable(f->st, "quantri2", 1, "lan", &err), MC_EINVAL);
	assert_int_equal(auth_disable(f->st, "quantri", 0, "quantri2", &err), MC_OK);
}

static void
test_passwd(void **state)
{
	struct fixture *f = *state;
	struct user u;
	struct mc_error err;
	char *before = query(f, "SELECT hash FROM user WHERE login = 'lan'"), *after;

	assert_int_equal(auth_passwd(f->st, "lan", "ngắn", "admin", &err), MC_EINVAL);
	assert_int_equal(auth_passwd(f->st, "nobody", "mật khẩu mới", "admin", &err), MC_ENOTFOUND);
	after = query(f, "SELECT hash FROM user WHERE login = 'lan'");
	assert_string_equal(before, after);		/* refused: nothing changed */
	free(after);
	assert_int_equal(auth_passwd(f->st, "lan", "mật khẩu mới", "admin", &err), MC_OK);
	after = query(f, "SELECT hash FROM user WHERE login = 'lan'");
	assert_string_not_equal(before, after);
	assert_memory_equal(after, "$y$", 3);
	free(before);
	free(after);
	assert_int_equal(auth_login(f->st, "lan", PW, &u, &err), MC_EAUTH);
	assert_int_equal(auth_login(f->st, "lan", "mật khẩu mới", &u, &err), MC_OK);
}

static void
test_add_refused(void **state)
{
	struct fixture *f = *state;
	struct mc_error err;
	char name[200];

	assert_int_equal(auth_user_add(f->st, "lan", ROLE_ADMIN, "Người khác", "mật khẩu khác",
	    "admin", &err), MC_EEXIST);
	assert_non_null(strstr(err.msg, "lan"));
	assert_int_equal(auth_user_add(f->st, "Lan Anh", ROLE_OFFICER, "", PW, "admin", &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "Lan Anh"));
	assert_int_equal(auth_user_add(f->st, "", ROLE_OFFICER, "", PW, "admin", &err), MC_EINVAL);
	assert_int_equal(auth_user_add(f->st, NULL, ROLE_OFFICER, "", PW, "admin", &err), MC_EINVAL);
	assert_int_equal(auth_user_add(f->st, "minh", ROLE_OFFICER, "", "1234567", "admin", &err),
	    MC_EINVAL);
	assert_int_equal(auth_user_add(f->st, "minh", (enum role)9, "", PW, "admin", &err), MC_EINVAL);
	assert_int_equal(auth_user_add(f->st, "minh", ROLE_OFFICER, "Dòng một\nDòng hai", PW, "admin",
	    &err), MC_EINVAL);
	memset(name, 'a', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	assert_int_equal(auth_user_add(f->st, "minh", ROLE_OFFICER, name, PW, "admin", &err), MC_EINVAL);
	assert_int_equal(count(f, "SELECT count(*) FROM user"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), 1);	/* setup's add only */
	/* NULL full name is an empty one. */
	assert_int_equal(auth_user_add(f->st, "minh", ROLE_ADMIN, NULL, PW, "admin", &err), MC_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM user WHERE login = 'minh' AND full_name = ''"), 1);
}

static void
test_audit(void **state)
{
	struct fixture *f = *state;
	struct mc_error err;
	char *actions, *details;

	assert_int_equal(auth_passwd(f->st, "lan", "mật khẩu mới", "truong", &err), MC_OK);
	assert_int_equal(auth_disable(f->st, "lan", 1, "truong", &err), MC_OK);
	assert_int_equal(auth_disable(f->st, "lan", 0, "truong", &err), MC_OK);
	assert_int_equal(auth_set_input_mode(f->st, "lan", "vni", &err), MC_OK);
	actions = query(f, "SELECT group_concat(actor || ':' || action || ':' || detail, ' ') "
	    "FROM (SELECT * FROM audit ORDER BY id)");
	assert_string_equal(actions, "admin:user.add:lan officer truong:user.passwd:lan "
	    "truong:user.disable:lan truong:user.enable:lan lan:user.input:lan");
	free(actions);
	/* Never a password, in any column. */
	details = query(f, "SELECT count(*) FROM audit WHERE detail LIKE '%khẩu%' "
	    "OR action LIKE '%khẩu%' OR actor LIKE '%khẩu%'");
	assert_string_equal(details, "0");
	free(details);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE at GLOB '[0-9][0-9][0-9][0-9]-*'"), 5);

	/* audit_log writes inside the caller's transaction: rolled back with it. */
	assert_int_equal(store_begin(f->st, &err), MC_OK);
	assert_int_equal(audit_log(f->st, "lan", "test", "rolled back", &err), MC_OK);
	store_rollback(f->st);
	assert_int_equal(audit_log(f->st, "lan", "test", "kept", &err), MC_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'test'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE detail = 'kept'"), 1);
}

static int
collect(const struct user *u, void *ctx)
{
	char *list = ctx;
	size_t len = strlen(list);

	snprintf(list + len, 256 - len, "%s%s/%s", len > 0 ? " " : "", u->login, role_name(u->role));
	return strcmp(u->login, "minh") == 0;
}

static void
test_each_and_input(void **state)
{
	struct fixture *f = *state;
	struct mc_error err;
	struct user u;
	char list[256] = "";

	assert_int_equal(auth_user_add(f->st, "an", ROLE_ADMIN, "", PW, "admin", &err), MC_OK);
	assert_int_equal(auth_user_add(f->st, "minh", ROLE_HEAD, "", PW, "admin", &err), MC_OK);
	assert_int_equal(auth_user_add(f->st, "tuan", ROLE_OFFICER, "", PW, "admin", &err), MC_OK);
	assert_int_equal(auth_each(f->st, collect, list, &err), MC_OK);
	assert_string_equal(list, "an/admin lan/officer minh/head");	/* by login; stops */

	assert_int_equal(auth_set_input_mode(f->st, "lan", "vni", &err), MC_OK);
	assert_int_equal(auth_get(f->st, "lan", &u, &err), MC_OK);
	assert_string_equal(u.input_mode, "vni");
	assert_int_equal(auth_set_input_mode(f->st, "lan", "off", &err), MC_OK);
	assert_int_equal(auth_get(f->st, "lan", &u, &err), MC_OK);
	assert_string_equal(u.input_mode, "off");
	assert_int_equal(auth_set_input_mode(f->st, "lan", "unikey", &err), MC_EINVAL);
	assert_int_equal(auth_set_input_mode(f->st, "lan", NULL, &err), MC_EINVAL);
	assert_int_equal(auth_set_input_mode(f->st, "nobody", "vni", &err), MC_ENOTFOUND);
	assert_int_equal(auth_get(f->st, "lan", &u, &err), MC_OK);
	assert_string_equal(u.input_mode, "off");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test_setup_teardown(test_add_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_actor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passwd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_and_input, setup, teardown),
	};

	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
