/* auth.c -- users, roles, password hashes and the audit log; see auth.h.
 *
 * A password is normalised to NFC (the same word typed on two keyboards may come as
 * composed or decomposed Unicode), then hashed with yescrypt: crypt_gensalt_rn("$y$")
 * makes a setting with a fresh random salt and crypt_rn hashes into a struct
 * crypt_data on the heap (it is 32 KiB).  To check a password it is hashed again with
 * the stored hash as the setting and the two are compared in constant time.  An
 * unknown login costs the same hashing as a known one, and a wrong login and a wrong
 * password give the same answer.  Only the wait and the lock-out tell, after three
 * failures, that a login exists: logins are no secret (events and forms show them),
 * passwords are.
 *
 * Failed logins (auth.h): a try first counts itself as a failure in one conditional
 * UPDATE that succeeds only if the row still holds what was read (the same count and
 * time) and the wait is over; only then is the password hashed, and a good password
 * clears the count.  Locked is not a column: it is the count reaching the setting
 * login.lock_after, so a try killed after its claim still counts towards the lock.  Two programs trying at once cannot both pass one wait, and
 * killing a program while it hashes leaves the failure counted.  The wait is on the
 * system clock (time()): were the clock set back, a wait longer than the rule allows
 * is treated as over rather than locking people out.
 *
 * The hash is computed before the write transaction begins: yescrypt takes tens of
 * milliseconds and other programs should not wait for it.  It is computed in a short-
 * lived child process: yescrypt's 16 MiB of working memory then never counts against
 * the console, which stays open all day on machines with little memory (in process
 * only when fork fails).
 */
#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "i18n.h"
#include "names.h"
#include "mctime.h"
#include "store.h"
#include "text.h"

#define LOGIN_MAX 32
#define PASSWORD_MIN 8		/* characters */
#define PASSWORD_MAX 256	/* bytes, well inside CRYPT_MAX_PASSPHRASE_SIZE */
#define FIRST_WAIT 5		/* seconds after AUTH_FREE_TRIES failures, doubled after each more */
#define MAX_WAIT 60
#define CLAIM_TRIES 8		/* reads of a row that others keep changing */

static const char *const role_names[] = {
	[ROLE_OFFICER] = "officer",
	[ROLE_HEAD] = "head",
	[ROLE_ADMIN] = "admin",
};
#define NROLES ((int)(sizeof role_names / sizeof role_names[0]))

/* The values of user.input_mode the schema allows. */
static const char *const input_modes[] = { "telex", "vni", "off" };

const char *
role_name(enum role r)
{
	return mc_name(role_names, NROLES, (int)r);
}

int
role_parse(const char *s)
{
	return mc_name_parse(role_names, NROLES, s, 0);
}

int
role_allows(enum role have, enum role need)
{
	return (int)have >= (int)need;
}

int
auth_login_valid(const char *login)
{
	size_t i, n;

	if (login == NULL || (n = strlen(login)) == 0 || n > LOGIN_MAX)
		return 0;
	if (login[0] < 'a' || login[0] > 'z')
		return 0;
	for (i = 1; i < n; i++) {
		char c = login[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

int
auth_password_ok(const char *password, struct mc_error *err)
{
	size_t n;

	if (password == NULL)
		return mc_fail(err, MC_EINVAL, _("the password must have at least %d characters"),
		    PASSWORD_MIN);
	n = strlen(password);
	if (!text_valid(password, n))
		return mc_fail(err, MC_EINVAL,
		    _("the password must be text (no control characters, valid UTF-8)"));
	if (n > PASSWORD_MAX)
		return mc_fail(err, MC_EINVAL, _("the password is too long (at most %d bytes)"),
		    PASSWORD_MAX);
	if (text_chars(password, n) < PASSWORD_MIN)
		return mc_fail(err, MC_EINVAL, _("the password must have at least %d characters"),
		    PASSWORD_MIN);
	return MC_OK;
}

/* 1 if a and b are equal; the time taken depends on the length of a only. */
static int
equal_ct(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i;
	unsigned char diff = na != nb;

	for (i = 0; i < na; i++)
		diff |= (unsigned char)a[i] ^ (unsigned char)(i < nb ? b[i] : 0);
	return diff == 0;
}

/* Hash password (NFC) with setting into out (CRYPT_OUTPUT_SIZE bytes); 0 or -1. */
static int
hash_here(const char *password, const char *setting, char out[CRYPT_OUTPUT_SIZE])
{
	struct crypt_data *cd;
	char *nfc, *h;
	int rc = -1;

	if ((nfc = text_nfc(password)) == NULL)
		return -1;
	if ((cd = calloc(1, sizeof *cd)) != NULL) {
		h = crypt_rn(nfc, setting, cd, (int)sizeof *cd);
		if (h != NULL && h[0] == '$' && strlen(h) < CRYPT_OUTPUT_SIZE) {
			memcpy(out, h, strlen(h) + 1);
			rc = 0;
		}
		explicit_bzero(cd, sizeof *cd);
		free(cd);
	}
	explicit_bzero(nfc, strlen(nfc));
	free(nfc);
	return rc;
}

/* hash_here() in a child process; the hash comes back through a pipe. */
static int
hash_with(const char *password, const char *setting, char out[CRYPT_OUTPUT_SIZE])
{
	char buf[CRYPT_OUTPUT_SIZE];
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	int fd[2], status = -1, rc;

	if (pipe(fd) != 0)
		return hash_here(password, setting, out);
	if ((pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		return hash_here(password, setting, out);
	}
	if (pid == 0) {
		close(fd[0]);
		rc = hash_here(password, setting, buf);
		if (rc == 0 && write(fd[1], buf, strlen(buf) + 1) != (ssize_t)(strlen(buf) + 1))
			rc = -1;
		explicit_bzero(buf, sizeof buf);
		_exit(rc == 0 ? 0 : 1);
	}
	close(fd[1]);
	while (got < sizeof buf && ((n = read(fd[0], buf + got, sizeof buf - got)) > 0 ||
	    (n == -1 && errno == EINTR)))
		if (n > 0)
			got += (size_t)n;
	close(fd[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	rc = got > 0 && buf[got - 1] == '\0' && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
	if (rc == 0)
		memcpy(out, buf, got);
	explicit_bzero(buf, sizeof buf);
	return rc;
}

/* A new yescrypt hash of password. */
static int
hash_new(const char *password, char out[CRYPT_OUTPUT_SIZE], struct mc_error *err)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];

	if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, (int)sizeof setting) == NULL)
		return mc_fail(err, MC_EINTERNAL, _("cannot make a password salt (yescrypt)"));
	if (hash_with(password, setting, out) != 0)
		return mc_fail(err, MC_EINTERNAL, _("cannot hash the password (yescrypt)"));
	return MC_OK;
}

/* 1 if password matches the stored hash.  A NULL hash (no such user) costs a
 * hashing all the same and never matches. */
static int
hash_check(const char *password, const char *hash)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE], out[CRYPT_OUTPUT_SIZE];
	int ok;

	if (hash == NULL) {
		if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, (int)sizeof setting) != NULL)
			hash_with(password, setting, out);
		return 0;
	}
	ok = hash_with(password, hash, out) == 0 && equal_ct(hash, out);
	explicit_bzero(out, sizeof out);
	return ok;
}

int
audit_log(struct store *st, const char *actor, const char *action, const char *detail,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char at[MC_TIME_BUF];
	int rc;

	if ((rc = store_prepare(st,
	    "INSERT INTO audit(at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
	    &s, err)) != MC_OK)
		return rc;
	if ((rc = text_check(actor, TEXT_LINE, "actor", err)) != MC_OK ||
	    (rc = text_check(detail, TEXT_LINES, "detail", err)) != MC_OK)
		return rc;
	mc_time_format(mc_now(), at);
	sqlite3_bind_text(s, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, actor != NULL ? actor : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, detail != NULL ? detail : "", -1, SQLITE_STATIC);
	return store_step_done(st, s, err);
}

#define USER_SELECT "SELECT id, login, full_name, role, disabled, input_mode, failures, hash, " \
	"failed_at FROM user "

static void
row_user(sqlite3_stmt *s, struct user *u)
{
	const unsigned char *v;
	int r;

	memset(u, 0, sizeof *u);
	u->id = (long)sqlite3_column_int64(s, 0);
	store_col_copy(s, 1, u->login, sizeof u->login);
	store_col_copy(s, 2, u->full_name, sizeof u->full_name);
	r = role_parse(store_col_text(s, 3));
	u->role = r < 0 ? ROLE_OFFICER : (enum role)r;
	u->disabled = sqlite3_column_int(s, 4) != 0;
	v = sqlite3_column_text(s, 5);
	snprintf(u->input_mode, sizeof u->input_mode, "%s", v != NULL ? (const char *)v : "off");
	u->failures = sqlite3_column_int(s, 6);
}

/* Locked: as many failed logins in a row as login.lock_after (unless that is 0). */
static void
mark_locked(struct store *st, struct user *u)
{
	int after = store_setting_int(st, "login.lock_after", AUTH_LOCK_AFTER);

	u->locked = after > 0 && u->failures >= after;
}

static int
no_user(const char *login, struct mc_error *err)
{
	return mc_fail(err, MC_ENOTFOUND, _("no user %s"), login);
}

int
auth_get(struct store *st, const char *login, struct user *out, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, USER_SELECT "WHERE login = ?1", &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		row_user(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		mark_locked(st, out);
	if (rc == SQLITE_DONE)
		return no_user(login, err);
	return rc == SQLITE_ROW ? MC_OK : store_error(st, rc, err);
}

int
auth_each(struct store *st, int (*fn)(const struct user *u, void *ctx), void *ctx,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	struct user u;
	int rc;

	if ((rc = store_prepare(st, USER_SELECT "ORDER BY login", &s, err)) != MC_OK)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row_user(s, &u);
		mark_locked(st, &u);
		if (fn(&u, ctx) != 0)
			break;
	}
	return store_reset(st, s, rc, err);
}

int
auth_user_add(struct store *st, const char *login, enum role role,
    const char *full_name, const char *password, const char *actor, struct mc_error *err)
{
	char hash[CRYPT_OUTPUT_SIZE], at[MC_TIME_BUF], detail[128], *name = NULL;
	sqlite3_stmt *s;
	int rc;

	if (!auth_login_valid(login))
		return mc_fail(err, MC_EINVAL,
		    _("'%.40s' is not a valid login (1 to %d of a-z, 0-9, '.', '_', '-', starting with a letter)"),
		    login != NULL ? login : "", LOGIN_MAX);
	if ((int)role < 0 || (int)role >= NROLES)
		return mc_fail(err, MC_EINVAL, _("unknown role; it is officer, head or admin"));
	if (full_name == NULL)
		full_name = "";
	if ((rc = text_check(full_name, TEXT_LINE, _("Full name"), err)) != MC_OK)
		return rc;
	if ((rc = auth_password_ok(password, err)) != MC_OK)
		return rc;
	if ((name = text_nfc(full_name)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (strlen(name) >= sizeof ((struct user *)0)->full_name) {
		free(name);
		return mc_fail(err, MC_EINVAL, _("the full name is too long (at most %d bytes)"),
		    (int)sizeof ((struct user *)0)->full_name - 1);
	}
	if ((rc = hash_new(password, hash, err)) != MC_OK) {
		free(name);
		return rc;
	}
	mc_time_format(mc_now(), at);
	if ((rc = store_begin(st, err)) != MC_OK)
		goto out;
	if ((rc = store_prepare(st, "INSERT INTO user(login, full_name, role, hash, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		if ((rc = store_error(st, rc, err)) == MC_EEXIST)
			mc_fail(err, rc, _("user %s already exists"), login);
		goto fail;
	}
	snprintf(detail, sizeof detail, "%s %s", login, role_name(role));
	if ((rc = audit_log(st, actor, "user.add", detail, err)) != MC_OK ||
	    (rc = store_commit(st, err)) != MC_OK)
		goto fail;
	goto out;
fail:
	store_rollback(st);
out:
	explicit_bzero(hash, sizeof hash);
	free(name);
	return rc;
}

/* Run an UPDATE of one user (?1 = login, already bound with the rest) and write its
 * audit row, in one transaction.  MC_ENOTFOUND when no row changed. */
static int
update_user(struct store *st, sqlite3_stmt *s, const char *login, const char *actor,
    const char *action, struct mc_error *err)
{
	int rc;

	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return rc;
	if (sqlite3_changes(store_db(st)) == 0)
		return no_user(login, err);
	if (actor != NULL || action != NULL)
		return audit_log(st, actor, action, login, err);
	return MC_OK;
}

/* update_user() in a transaction of its own: sql with ?1 = login and ?2 = value (when
 * not NULL), and its audit row. */
static int
change_user(struct store *st, const char *sql, const char *login, const char *value,
    const char *actor, const char *action, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if ((rc = store_prepare(st, sql, &s, err)) == MC_OK) {
		sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
		if (value != NULL)
			sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
		rc = update_user(st, s, login, actor, action, err);
	}
	return store_end(st, rc, err);
}

int
auth_passwd(struct store *st, const char *login, const char *password,
    const char *actor, struct mc_error *err)
{
	char hash[CRYPT_OUTPUT_SIZE];
	int rc;

	if ((rc = auth_password_ok(password, err)) != MC_OK ||
	    (rc = hash_new(password, hash, err)) != MC_OK)
		return rc;
	/* A new password also unlocks the account. */
	rc = change_user(st, "UPDATE user SET hash = ?2, failures = 0, failed_at = NULL "
	    "WHERE login = ?1", login, hash, actor, "user.passwd", err);
	explicit_bzero(hash, sizeof hash);
	return rc;
}

int
auth_disable(struct store *st, const char *login, int disabled, const char *actor,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (disabled && actor != NULL && strcmp(login, actor) == 0)
		return mc_fail(err, MC_EINVAL, "%s",
		    _("You cannot disable your own account: another administrator must do it."));
	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	/* The office keeps at least one administrator who can log in. */
	if ((rc = store_prepare(st, "SELECT (SELECT role = 'admin' FROM user WHERE login = ?1), "
	    "(SELECT count(*) FROM user WHERE role = 'admin' AND disabled = 0 AND login <> ?1)",
	    &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_ROW && disabled && sqlite3_column_int(s, 0) == 1 &&
	    sqlite3_column_int(s, 1) == 0;
	sqlite3_reset(s);
	if (rc) {
		rc = mc_fail(err, MC_EINVAL, _("%s is the last administrator who can log in: add or enable another one first"),
		    login);
		goto fail;
	}
	/* Enabling again also clears the failures that may have led to disabling. */
	if ((rc = store_prepare(st, "UPDATE user SET disabled = ?2, "
	    "failures = CASE WHEN ?2 THEN failures ELSE 0 END, "
	    "failed_at = CASE WHEN ?2 THEN failed_at ELSE NULL END WHERE login = ?1",
	    &s, err)) != MC_OK)
		goto fail;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, disabled != 0);
	if ((rc = update_user(st, s, login, actor, disabled ? "user.disable" : "user.enable",
	    err)) != MC_OK || (rc = store_commit(st, err)) != MC_OK)
		goto fail;
	return MC_OK;
fail:
	store_rollback(st);
	return rc;
}

int
auth_set_input_mode(struct store *st, const char *login, const char *mode,
    struct mc_error *err)
{
	size_t i;

	for (i = 0; i < sizeof input_modes / sizeof input_modes[0]; i++)
		if (mode != NULL && strcmp(mode, input_modes[i]) == 0)
			break;
	if (i == sizeof input_modes / sizeof input_modes[0])
		return mc_fail(err, MC_EINVAL, _("the input mode is telex, vni or off"));
	/* A user's own preference: audited as done by that user. */
	return change_user(st, "UPDATE user SET input_mode = ?2 WHERE login = ?1", login,
	    input_modes[i], login, "user.input", err);
}

int
auth_unlock(struct store *st, const char *login, const char *actor, struct mc_error *err)
{
	return change_user(st, "UPDATE user SET failures = 0, failed_at = NULL WHERE login = ?1",
	    login, NULL, actor, "user.unlock", err);
}

/* The wait after failures failed logins in a row, in seconds. */
static int
wait_after(int failures)
{
	int shift, w;

	if (failures < AUTH_FREE_TRIES)
		return 0;
	shift = failures - AUTH_FREE_TRIES < 4 ? failures - AUTH_FREE_TRIES : 4;
	w = FIRST_WAIT << shift;
	return w < MAX_WAIT ? w : MAX_WAIT;
}

/* Seconds left of the wait after failures, the last at failed_at (0: none). */
static int
wait_left(int failures, sqlite3_int64 failed_at, time_t now)
{
	int wait = wait_after(failures);
	sqlite3_int64 left;

	if (wait == 0 || failed_at <= 0)
		return 0;
	left = failed_at + wait - (sqlite3_int64)now;
	return left > 0 && left <= wait ? (int)left : 0;	/* clock set back: over */
}

/* The login's row for a try: 1 and u, hash, failed_at when known; 0 when not; a
 * negative store code on error (err filled). */
static int
read_try(struct store *st, const char *login, struct user *u, char hash[CRYPT_OUTPUT_SIZE],
    sqlite3_int64 *failed_at, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc, found;

	memset(u, 0, sizeof *u);
	if ((rc = store_prepare(st, USER_SELECT "WHERE login = ?1 AND ?1 <> ''", &s, err)) != MC_OK)
		return -rc;
	sqlite3_bind_text(s, 1, login != NULL ? login : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if ((found = rc == SQLITE_ROW)) {
		row_user(s, u);
		mark_locked(st, u);
		store_col_copy(s, 7, hash, CRYPT_OUTPUT_SIZE);
		*failed_at = sqlite3_column_type(s, 8) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 8);
	}
	rc = store_reset(st, s, rc, err);
	return rc != MC_OK ? -rc : found;
}

/* Count this try as a failure now, if the row still holds failures and failed_at as
 * read: 1 done, 0 someone else changed it, negative store code on error. */
static int
claim_try(struct store *st, const struct user *u, sqlite3_int64 failed_at, time_t now,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "UPDATE user SET failures = failures + 1, failed_at = ?4 "
	    "WHERE id = ?1 AND failures = ?2 AND coalesce(failed_at, 0) = ?3", &s, err)) != MC_OK)
		return -rc;
	sqlite3_bind_int64(s, 1, u->id);
	sqlite3_bind_int(s, 2, u->failures);
	sqlite3_bind_int64(s, 3, failed_at);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)now);
	if ((rc = store_step_done(st, s, err)) != MC_OK)
		return -rc;
	return sqlite3_changes(store_db(st)) == 1;
}

/* After a good password: the count starts again. */
static int
clear_failures(struct store *st, long id, struct mc_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_prepare(st, "UPDATE user SET failures = 0, failed_at = NULL WHERE id = ?1",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	return store_step_done(st, s, err);
}

static int
locked(const struct user *u, struct mc_error *err)
{
	return mc_fail(err, MC_ELOCKED,
	    _("account %s is locked after %d failed logins: an administrator must unlock it"),
	    u->login, u->failures);
}

int
auth_login_wait(struct store *st, const char *login)
{
	char hash[CRYPT_OUTPUT_SIZE];
	sqlite3_int64 failed_at = 0;
	struct user u;
	int known = read_try(st, login, &u, hash, &failed_at, NULL);

	explicit_bzero(hash, sizeof hash);
	return known == 1 && !u.locked ? wait_left(u.failures, failed_at, time(NULL)) : 0;
}

int
auth_login(struct store *st, const char *login, const char *password,
    struct user *out, struct mc_error *err)
{
	char hash[CRYPT_OUTPUT_SIZE] = "";
	sqlite3_int64 failed_at = 0;
	struct user u;
	time_t now;
	int known, claimed = 0, i, left, rc;

	for (i = 0; i < CLAIM_TRIES && !claimed; i++) {
		now = time(NULL);
		if ((known = read_try(st, login, &u, hash, &failed_at, err)) < 0)
			return -known;
		if (!known) {
			hash_check(password != NULL ? password : "", NULL);	/* the same time */
			return mc_fail(err, MC_EAUTH, NULL);
		}
		if (u.locked)
			rc = locked(&u, err);
		else if ((left = wait_left(u.failures, failed_at, now)) > 0)
			rc = mc_fail(err, MC_EWAIT,
			    _("too many failed logins: wait %d seconds before the next try"), left);
		else if ((claimed = claim_try(st, &u, failed_at, now, err)) < 0)
			rc = -claimed;
		else
			continue;	/* claimed, or another try came first: read again */
		explicit_bzero(hash, sizeof hash);
		return rc;
	}
	if (!claimed) {
		explicit_bzero(hash, sizeof hash);
		return mc_fail(err, MC_EBUSY, NULL);
	}
	rc = hash_check(password != NULL ? password : "", hash);
	explicit_bzero(hash, sizeof hash);
	if (!rc) {
		u.failures++;
		mark_locked(st, &u);
		return u.locked ? locked(&u, err) : mc_fail(err, MC_EAUTH, NULL);
	}
	/* The right password: the failures in a row end here, even for a disabled
	 * account (enabling it again starts from nothing). */
	if ((rc = clear_failures(st, u.id, err)) != MC_OK)
		return rc;
	if (u.disabled)
		return mc_fail(err, MC_EDENIED, _("the account %s is disabled; ask an administrator"),
		    u.login);
	*out = u;		/* failures: those before this login */
	return MC_OK;
}

int
auth_actor(struct store *st, const char *login, struct user *out, struct mc_error *err)
{
	int rc;

	if (!auth_login_valid(login))
		return mc_fail(err, MC_EINVAL, _("'%.40s' is not a valid login (1 to %d of a-z, 0-9, '.', '_', '-', starting with a letter)"),
		    login != NULL ? login : "", LOGIN_MAX);
	if ((rc = auth_get(st, login, out, err)) != MC_OK)
		return rc;
	if (out->disabled)
		return mc_fail(err, MC_EDENIED, _("the account %s is disabled; ask an administrator"),
		    out->login);
	if (out->locked)
		return locked(out, err);
	return MC_OK;
}

int
auth_system_account(struct store *st)
{
	struct stat sb;
	uid_t me = geteuid();

	return me == 0 || (stat(store_path(st), &sb) == 0 && sb.st_uid == me);
}

int
auth_system_path(const char *path)
{
	char dir[4096], *slash;
	struct stat sb;
	uid_t me = geteuid();

	if (me == 0)
		return 1;
	if (stat(path, &sb) == 0)
		return sb.st_uid == me;
	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, sizeof dir, ".");
	else
		*(slash == dir ? slash + 1 : slash) = '\0';
	return stat(dir, &sb) == 0 && sb.st_uid == me;
}
