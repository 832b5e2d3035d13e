/* screen-admin-users.c -- the people who log in: the list (login, full name, role,
 * active, disabled or locked, failed logins in a row), and adding a user, disabling
 * or enabling one, unlocking one locked after failed logins, and setting a new
 * password.
 *
 * Every change goes through common/auth.c, which checks it and writes the audit row.
 * Adding takes two forms: who (login, full name, role), then the password typed
 * twice; the second opens when the first closes (users_reload), and nothing is saved
 * before the password is accepted.  An administrator cannot disable his own account
 * here: that would lock the office out of this screen.
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "form.h"
#include "i18n.h"
#include "text.h"

#define ROLES 3

enum step {
	STEP_NONE,
	STEP_NEW_USER_PASSWORD,	/* the first form of an addition closed: ask the password */
};

struct users {
	struct user *u;		/* the list: u[0 .. list.n) */
	int cap;
	struct grid list;		/* ADMIN_LIST */
	enum step step;
	char select[64];	/* a login to select at the next reading, or "" */
	/* The user a form is about: the one being added, or the selected one. */
	char login[64];
	char full_name[128];
	enum role role;
	int adding;		/* the password form adds login (else it resets it) */
	int disable;		/* the confirmation disables login (else enables it) */
	char prompt[400];	/* the open form's question */
};

static int
add_row(const struct user *u, void *ctx)
{
	struct users *us = ctx;

	us->u = admin_grow(us->u, us->list.n, &us->cap, sizeof *us->u);
	us->u[us->list.n++] = *u;
	return 0;
}

/* Select login if it is in the list. */
static void
select_login(struct users *us, const char *login)
{
	int i;

	for (i = 0; i < us->list.n; i++)
		if (strcmp(us->u[i].login, login) == 0)
			us->list.sel = i;
}

static void password_ask(struct console *con, struct users *us);

static void
users_reload(struct screen *s)
{
	struct users *us = s->data;
	struct mc_error err;

	if (us->select[0] == '\0' && us->list.n > 0)
		snprintf(us->select, sizeof us->select, "%s", us->u[us->list.sel].login);
	us->list.n = 0;
	if (auth_each(s->con->st, add_row, us, &err) != MC_OK)
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
	select_login(us, us->select);
	us->select[0] = '\0';
	grid_fit_rows(&us->list, us->list.rows);
	if (us->step == STEP_NEW_USER_PASSWORD) {
		us->step = STEP_NONE;
		password_ask(s->con, us);
	}
}

static int
users_open(struct screen *s, void *arg)
{
	if (!admin_allowed(s->con))
		return -1;
	s->data = xcalloc(1, sizeof(struct users));
	((struct users *)s->data)->list = (struct grid)ADMIN_LIST;
	users_reload(s);
	return 0;
}

static void
users_close(struct screen *s)
{
	struct users *us = s->data;

	free(us->u);
	free(us);
}

/* The widest of head and the n texts of the list, at least min. */
static int
widest(struct console *con, const struct users *us, const char *head, int which)
{
	int i, w = console_width(con, head), n;
	const char *t;

	for (i = 0; i < us->list.n; i++) {
		t = which == 0 ? us->u[i].login : which == 1 ? console_role(us->u[i].role) :
		    us->u[i].disabled ? _("disabled") : us->u[i].locked ? _("locked") :
		    _("active");
		if ((n = console_width(con, t)) > w)
			w = n;
	}
	return w;
}

static void
users_draw(struct screen *s, int y, int h, int w)
{
	struct users *us = s->data;
	struct console *con = s->con;
	const char *failed = w >= 100 ? _("Failed logins") : _("Failed");
	int lw, rw, sw, fw, nw, i, row, x[5];
	const struct user *u;
	enum con_style style;
	char buf[64];

	/* Login, role, state and failures as wide as they need; the name the rest, and
	 * the failures left out when the name would have less than 12 columns. */
	lw = widest(con, us, _("Login"), 0);
	rw = widest(con, us, _("Role"), 1);
	sw = widest(con, us, _("State"), 2);
	fw = console_width(con, failed);
	nw = w - 6 - lw - rw - sw - fw;
	if (nw < 12) {
		nw += fw + 1;
		fw = 0;
	}
	x[0] = 1;
	x[1] = x[0] + lw + 1;
	x[2] = x[1] + nw + 1;
	x[3] = x[2] + rw + 1;
	x[4] = x[3] + sw + 1;
	console_fill(con, y, 0, w, STYLE_HEADER);
	console_put(con, y, x[0], lw, STYLE_HEADER, _("Login"));
	console_put(con, y, x[1], nw, STYLE_HEADER, _("Full name"));
	console_put(con, y, x[2], rw, STYLE_HEADER, _("Role"));
	console_put(con, y, x[3], sw, STYLE_HEADER, _("State"));
	console_put(con, y, x[4], fw, STYLE_HEADER, failed);
	grid_fit_rows(&us->list, h - 3);
	for (i = us->list.top, row = y + 1; i < us->list.n && row < y + 1 + us->list.rows; i++, row++) {
		u = &us->u[i];
		style = i == us->list.sel ? STYLE_SELECTED : STYLE_NORMAL;
		console_fill(con, row, 0, w, style);
		console_put_value(con, row, x[0], lw, style, u->login);
		console_put_value(con, row, x[1], nw, style, u->full_name);
		console_put_value(con, row, x[2], rw, style, console_role(u->role));
		console_put_value(con, row, x[3], sw, (u->disabled || u->locked) &&
		    style == STYLE_NORMAL ? STYLE_ERROR : style,
		    u->disabled ? _("disabled") : u->locked ? _("locked") : _("active"));
		if (u->failures > 0) {
			snprintf(buf, sizeof buf, "%d", u->failures);
			console_put_value(con, row, x[4], fw, style, buf);
		}
	}
	snprintf(buf, sizeof buf, _("%d users"), (int)us->list.n);
	console_put(con, y + h - 1, 1, w - 2, STYLE_DIM, buf);
}

/* ---- the password form: a new user's, or a new one for the selected user ---- */

static enum form_result
password_submit(struct console *con, void *ctx, const char *const *values)
{
	struct users *us = ctx;
	struct mc_error err;
	int rc;

	if (strcmp(values[0], values[1]) != 0) {
		console_message(con, STYLE_ERROR, "%s", _("The two passwords differ: type them again."));
		return FORM_STAY;
	}
	if (auth_password_ok(values[0], &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return FORM_STAY;
	}
	if (us->adding)
		rc = auth_user_add(con->st, us->login, us->role, us->full_name, values[0], con->actor, &err);
	else
		rc = auth_passwd(con->st, us->login, values[0], con->actor, &err);
	if (rc != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return rc == MC_EBUSY ? FORM_STAY : FORM_CLOSE;
	}
	if (us->adding) {
		console_load_people(con, NULL);	/* the lists name the new user */
		console_message(con, STYLE_INFO, _("User %s added (%s): they can log in now."),
		    us->login, console_role(us->role));
	} else
		console_message(con, STYLE_INFO, _("Password of %s changed."), us->login);
	snprintf(us->select, sizeof us->select, "%s", us->login);
	return FORM_CLOSE;	/* the screen reloads and selects us->login */
}

static void
password_ask(struct console *con, struct users *us)
{
	static const struct form_spec spec = {
		.title = N_("Password"),
		.items = { { N_("Password"), FIELD_SECRET, 1, 200 },
			   { N_("Repeat it"), FIELD_SECRET, 1, 200 } },
		.nitems = 2,
		.submit = password_submit,
	};
	struct form_spec f = spec;

	snprintf(us->prompt, sizeof us->prompt, _("Password for %s (%s): at least 8 characters."),
	    us->login, us->full_name);
	f.prompt = us->prompt;
	form_open(con, &f, us, NULL);
}

/* ---- adding a user ---- */

/* The role as typed: 1, 2, 3, the stored word, or the start of the word people use
 * (in the office's language or English, with or without accents). */
static int
role_typed(const char *s)
{
	char *typed = text_fold(s), *word;
	size_t n;
	int r, found = -1;

	if (typed == NULL || *typed == '\0') {
		free(typed);
		return -1;
	}
	if (typed[0] >= '1' && typed[0] <= '3' && typed[1] == '\0')
		found = typed[0] - '1';
	n = strlen(typed);
	for (r = 0; r < ROLES && found < 0; r++) {
		if ((word = text_fold(console_role((enum role)r))) != NULL &&
		    (strcmp(typed, role_name((enum role)r)) == 0 ||
		    (n >= 2 && strncmp(word, typed, n) == 0) || strncmp(console_role_en((enum role)r), typed, n) == 0))
			found = r;
		free(word);
	}
	free(typed);
	return found;
}

static enum form_result
add_submit(struct console *con, void *ctx, const char *const *values)
{
	struct users *us = ctx;
	struct mc_error err;
	struct user u;
	int r;

	if (!auth_login_valid(values[0])) {
		console_message(con, STYLE_ERROR, _("'%s' cannot be a login: a-z, 0-9, . _ - only, starting with a letter."),
		    values[0]);
		return FORM_STAY;
	}
	if (auth_get(con->st, values[0], &u, &err) == MC_OK) {
		console_message(con, STYLE_ERROR, _("The login %s is taken (%s)."), u.login, u.full_name);
		return FORM_STAY;
	}
	if ((r = role_typed(values[2])) < 0) {
		console_message(con, STYLE_ERROR, _("'%s' is not a role: type 1, 2 or 3 (see above)."),
		    values[2]);
		return FORM_STAY;
	}
	snprintf(us->login, sizeof us->login, "%s", values[0]);
	snprintf(us->full_name, sizeof us->full_name, "%s", values[1]);
	us->role = (enum role)r;
	us->adding = 1;
	us->step = STEP_NEW_USER_PASSWORD;
	return FORM_CLOSE;
}

static void
users_add(struct screen *s, const struct screen_key *k)
{
	struct users *us = s->data;
	static const struct form_spec spec = {
		.title = N_("Add a user"),
		.items = { { N_("Login"), FIELD_PLAIN, 1, 32 },
			   { N_("Full name"), FIELD_TEXT, 1, 120 },
			   { N_("Role"), FIELD_PLAIN, 1, 40 } },
		.nitems = 3,
		.submit = add_submit,
	};
	struct form_spec f = spec;
	const char *initial[FORM_MAX_ITEMS] = { NULL, NULL, "1" };

	snprintf(us->prompt, sizeof us->prompt, _("Role: 1 %s, 2 %s, 3 %s."),
	    console_role(ROLE_OFFICER), console_role(ROLE_HEAD), console_role(ROLE_ADMIN));
	f.prompt = us->prompt;
	form_open(s->con, &f, us, initial);
}

/* ---- the selected user ---- */

/* The selected user into us->login and us->full_name; 0 when there is none. */
static int
take_selected(struct users *us)
{
	const struct user *u;

	if (us->list.n == 0)
		return 0;
	u = &us->u[us->list.sel];
	snprintf(us->login, sizeof us->login, "%s", u->login);
	snprintf(us->full_name, sizeof us->full_name, "%s", u->full_name);
	us->role = u->role;
	return 1;
}

static void
users_password(struct screen *s, const struct screen_key *k)
{
	struct users *us = s->data;

	if (!take_selected(us))
		return;
	us->adding = 0;
	password_ask(s->con, us);
}

static enum form_result
disable_submit(struct console *con, void *ctx, const char *const *values)
{
	struct users *us = ctx;
	struct mc_error err;

	if (auth_disable(con->st, us->login, us->disable, con->actor, &err) != MC_OK) {
		console_message(con, STYLE_ERROR, "%s", mc_message(&err));
		return FORM_CLOSE;
	}
	console_message(con, STYLE_INFO, us->disable ? _("User %s can no longer log in.") :
	    _("User %s can log in again."), us->login);
	return FORM_CLOSE;
}

static void
users_disable(struct screen *s, const struct screen_key *k)
{
	struct users *us = s->data;
	static const struct form_spec spec = { .submit = disable_submit };
	struct form_spec f = spec;
	int disabled;

	if (!take_selected(us))
		return;
	disabled = us->u[us->list.sel].disabled;
	us->disable = !disabled;
	if (!disabled && strcmp(us->login, s->con->user.login) == 0) {
		console_message(s->con, STYLE_ERROR, "%s",
		    _("You cannot disable your own account: another administrator must do it."));
		return;
	}
	f.title = disabled ? N_("Enable a user") : N_("Disable a user");
	snprintf(us->prompt, sizeof us->prompt, disabled ?
	    _("Let %s (%s) log in again?") : _("Disable %s (%s)? They will no longer be able to log in."),
	    us->login, us->full_name);
	f.prompt = us->prompt;
	form_open(s->con, &f, us, NULL);
}

static void
users_unlock(struct screen *s, const struct screen_key *k)
{
	struct users *us = s->data;
	struct mc_error err;

	if (!take_selected(us))
		return;
	if (!us->u[us->list.sel].locked && us->u[us->list.sel].failures == 0) {
		console_message(s->con, STYLE_INFO, _("%s is not locked."), us->login);
		return;
	}
	if (auth_unlock(s->con->st, us->login, s->con->actor, &err) != MC_OK) {
		console_message(s->con, STYLE_ERROR, "%s", mc_message(&err));
		return;
	}
	snprintf(us->select, sizeof us->select, "%s", us->login);
	users_reload(s);
	console_message(s->con, STYLE_INFO, _("User %s is unlocked: they can log in again."), us->login);
}

static int
users_key(struct screen *s, int key)
{
	struct users *us = s->data;

	return grid_key(&us->list, key);
}

static const struct screen_key users_keys[] = {
	{ .key = 'a', .keyname = "a", .help = N_("add a user"), .run = users_add },
	{ .key = 'd', .keyname = "d", .help = N_("disable or enable the selected user"), .run = users_disable },
	{ .key = 'p', .keyname = "p", .help = N_("set a new password for the selected user"), .run = users_password },
	{ .key = 'u', .keyname = "u", .help = N_("unlock the selected user (locked after failed logins)"), .run = users_unlock },
	{ .key = CK(KEY_UP), .keyname = "Up, Down, PgUp, PgDn", .help = N_("choose a user") },
	{ .key = 0 },
};

const struct screen_ops screen_admin_users_ops = {
	.name = "admin-users",
	.title = N_("Users"),
	.open = users_open,
	.draw = users_draw,
	.key = users_key,
	.reload = users_reload,
	.close = users_close,
	.help = users_keys,
};
