/* auth.h -- users, roles and passwords (yescrypt via libcrypt), and the audit log.
 *
 * Roles: officer (counter work), head (also signs, reports), admin (also users,
 * catalogue, settings); each may do what the roles before it may.  Passwords are
 * hashed with crypt_gensalt("$y$") + crypt_r and never stored or logged in clear.
 * Every change here is written to the audit table.  The functions that change a user
 * write in their own transaction: call them outside one.  Returned structs are plain
 * values (nothing to free).
 *
 * Failed logins are a rule of the store, whoever asks (the console, the command line,
 * a later front end): after AUTH_FREE_TRIES failures in a row each further try of
 * that login waits (5 s, then 10, 20, 40, at most 60 s after the last failure), and
 * after the setting login.lock_after failures (default AUTH_LOCK_AFTER, 0: never) the
 * account is locked until an administrator unlocks it (auth_unlock; a new password
 * or enabling it again also unlocks it).  A try is counted as a failure before its
 * password is checked, so neither quitting the program nor several programs trying
 * at once gets a guess more.
 */
#ifndef MC_AUTH_H
#define MC_AUTH_H

#include "error.h"

struct store;

enum role {
	ROLE_OFFICER,
	ROLE_HEAD,
	ROLE_ADMIN,
};

#define AUTH_FREE_TRIES 3	/* failed logins in a row before tries wait */
#define AUTH_LOCK_AFTER 10	/* default of login.lock_after */

struct user {
	long id;
	char login[64];
	char full_name[128];
	enum role role;
	int disabled;
	char input_mode[8];	/* telex | vni | off */
	int failures;		/* failed logins in a row */
	int locked;		/* locked after too many: an administrator must unlock it */
};

const char *role_name(enum role r);
int role_parse(const char *s);		/* -1 if unknown */
/* 1 when role have may do what needs role need (officer < head < admin). */
int role_allows(enum role have, enum role need);

/* Logins: 1..32 of [a-z0-9._-], starting with a letter. */
int auth_login_valid(const char *login);

int auth_user_add(struct store *st, const char *login, enum role role,
    const char *full_name, const char *password, const char *actor, struct mc_error *err);
/* Check a password: MC_OK and *out filled; MC_EAUTH for a wrong login or password
 * (the same message for both); MC_EWAIT while the wait after failed logins lasts
 * (the password is not even looked at; auth_login_wait() tells how long);
 * MC_ELOCKED for a locked account (also when this failure locked it); MC_EDENIED
 * for a disabled user; a store error when the try cannot be counted.  A good login
 * clears the failures (out->failures then tells how many came before it). */
int auth_login(struct store *st, const char *login, const char *password,
    struct user *out, struct mc_error *err);
/* Seconds before login may try again (0: now, or no such login). */
int auth_login_wait(struct store *st, const char *login);
/* Unlock an account locked after failed logins, and clear its failures. */
int auth_unlock(struct store *st, const char *login, const char *actor, struct mc_error *err);

/* Who acts on the command line (--user): MC_OK and *out when login is a user who
 * may log in; MC_EINVAL (not a login), MC_ENOTFOUND, MC_EDENIED (disabled) or
 * MC_ELOCKED otherwise. */
int auth_actor(struct store *st, const char *login, struct user *out, struct mc_error *err);
/* 1 when this process acts as the system: it runs as root or as the account that
 * owns the store's file (which could change the file anyway). */
int auth_system_account(struct store *st);
/* The same for a store's path that may not open (missing or damaged): root, or the
 * owner of the file, or of its folder when there is no file. */
int auth_system_path(const char *path);
int auth_passwd(struct store *st, const char *login, const char *password,
    const char *actor, struct mc_error *err);
int auth_disable(struct store *st, const char *login, int disabled, const char *actor,
    struct mc_error *err);
int auth_get(struct store *st, const char *login, struct user *out, struct mc_error *err);
int auth_each(struct store *st, int (*fn)(const struct user *u, void *ctx), void *ctx,
    struct mc_error *err);
int auth_set_input_mode(struct store *st, const char *login, const char *mode,
    struct mc_error *err);

/* Passwords: at least 8 characters. */
int auth_password_ok(const char *password, struct mc_error *err);

/* Append to the audit table (inside the caller's transaction, if any). */
int audit_log(struct store *st, const char *actor, const char *action, const char *detail,
    struct mc_error *err);

#endif
