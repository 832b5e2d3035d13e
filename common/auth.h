/* auth.h -- users, roles and passwords (yescrypt via libcrypt), and the audit log.
 *
 * Roles: officer (counter work), head (also signs, reports), admin (also users,
 * catalogue, settings).  Passwords are hashed with crypt_gensalt("$y$") + crypt_r and
 * never stored or logged in clear.  Every change here is written to the audit table.
 * The functions that change a user write in their own transaction: call them outside
 * one.  Returned structs are plain values (nothing to free).
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

struct user {
	long id;
	char login[64];
	char full_name[128];
	enum role role;
	int disabled;
	char input_mode[8];	/* telex | vni | off */
	int failures;		/* failed logins in a row */
};

const char *role_name(enum role r);
int role_parse(const char *s);		/* -1 if unknown */

/* Logins: 1..32 of [a-z0-9._-], starting with a letter. */
int auth_login_valid(const char *login);

int auth_user_add(struct store *st, const char *login, enum role role,
    const char *full_name, const char *password, const char *actor, struct mc_error *err);
/* Check a password: MC_OK and *out filled; MC_EAUTH for a wrong login or password
 * (the same message for both); MC_EDENIED for a disabled user.  Counts failures:
 * a wrong password adds one, a good login clears them (out->failures then tells
 * how many failed attempts came before it). */
int auth_login(struct store *st, const char *login, const char *password,
    struct user *out, struct mc_error *err);
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
