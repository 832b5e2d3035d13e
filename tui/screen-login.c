/* screen-login.c -- the first screen: login, Tab, password (hidden), Enter.
 *
 * --user LOGIN pre-fills the login and puts cursor on the password.  The failed
 * logins are the store's rule (auth_login: after three failures in a row each try
 * waits longer, after login.lock_after the account is locked), so quitting and
 * starting again gains nothing; this screen only shows it: the wait the store asks
 * for (auth_login_wait) is counted down in the box, never by sleeping, and is the
 * only number shown, so the message line cannot disagree with it.  A refused
 * password is always cleared: a lone Enter never sends it again.
 */
#include "config.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console.h"
#include "field.h"
#include "i18n.h"

struct login {
	struct field login, password;
	int focus;		/* 0 login, 1 password */
	time_t wait_until;	/* monotonic seconds; 0 when no wait */
	char locked[64];	/* a login the store said is locked, or "" */
};

static int
login_open(struct screen *s, void *arg)
{
	struct login *l = xcalloc(1, sizeof *l);
	const char *user = arg;

	field_init(&l->login, FIELD_PLAIN, 32);
	field_init(&l->password, FIELD_SECRET, 256);
	if (user != NULL && *user != '\0') {
		field_set(&l->login, user);
		l->focus = 1;
	}
	s->data = l;
	return 0;
}

static void
login_close(struct screen *s)
{
	struct login *l = s->data;

	explicit_bzero(l, sizeof *l);
	free(l);
}

static void
login_draw(struct screen *s, int y, int h, int w)
{
	struct login *l = s->data;
	struct console *con = s->con;
	const char *lu = _("Login"), *lp = _("Password");
	int bw = w - 4 < 60 ? w - 4 : 60, bh = 10, bx = (w - bw) / 2, by = y + (h - bh) / 2;
	int lw = console_width(con, lu), n, left;
	char wait[128];

	if ((n = console_width(con, lp)) > lw)
		lw = n;
	console_box(con, by, bx, bh, bw, _("Log in"));
	console_put(con, by + 1, bx + 2, bw - 4, STYLE_HEADER, con->office_name);
	console_put(con, by + 2, bx + 2, bw - 4, STYLE_DIM, con->office_code);
	console_put(con, by + 4, bx + 2, lw, STYLE_LABEL, lu);
	field_draw(&l->login, con, by + 4, bx + 3 + lw, bw - lw - 5, l->focus == 0);
	console_put(con, by + 5, bx + 2, lw, STYLE_LABEL, lp);
	field_draw(&l->password, con, by + 5, bx + 3 + lw, bw - lw - 5, l->focus == 1);
	left = l->wait_until > 0 ? (int)(l->wait_until - (time_t)mc_monotonic()) : 0;
	if (l->locked[0] != '\0' && strcmp(l->locked, field_text(&l->login)) == 0) {
		console_put(con, by + 7, bx + 2, bw - 4, STYLE_ERROR,
		    _("Account locked: an administrator must unlock it."));
	} else if (left > 0) {
		snprintf(wait, sizeof wait, _("Too many failed tries: wait %d seconds."), left);
		console_put(con, by + 7, bx + 2, bw - 4, STYLE_ERROR, wait);
	} else {
		l->wait_until = 0;
		console_put(con, by + 7, bx + 2, bw - 4, STYLE_DIM,
		    _("Tab: next field   Enter: log in   Esc: quit"));
	}
}

/* A refused try: the password goes, the wait is the store's. */
static void
refused(struct login *l, struct console *con, const struct mc_error *err)
{
	int wait = auth_login_wait(con->st, field_text(&l->login));

	field_set(&l->password, "");
	l->focus = 1;
	l->wait_until = wait > 0 ? (time_t)mc_monotonic() + wait : 0;
	if (err == NULL || err->code == MC_EWAIT)
		console_message(con, STYLE_ERROR, "%s",
		    _("Wait for the countdown, then type the password again."));
	else
		console_message(con, STYLE_ERROR, "%s", mc_message(err));
	if (err != NULL && err->code == MC_ELOCKED)
		snprintf(l->locked, sizeof l->locked, "%s", field_text(&l->login));
}

static void
try_login(struct screen *s)
{
	struct login *l = s->data;
	struct console *con = s->con;
	struct mc_error err;
	struct user u;
	int im, n;

	if (l->wait_until > 0 && l->wait_until > (time_t)mc_monotonic()) {
		refused(l, con, NULL);	/* the store would refuse it too */
		return;
	}
	if (field_empty(&l->login)) {
		l->focus = 0;
		console_message(con, STYLE_ERROR, _("Type your login first."));
		return;
	}
	if (field_empty(&l->password)) {	/* not a try: it would only count as a failure */
		l->focus = 1;
		console_message(con, STYLE_ERROR, "%s", _("Type your password, then Enter."));
		return;
	}
	if (auth_login(con->st, field_text(&l->login), field_text(&l->password), &u, &err) != MC_OK) {
		refused(l, con, &err);
		return;
	}
	con->user = u;
	con->logged_in = 1;
	snprintf(con->actor, sizeof con->actor, "%s", u.login);
	im = text_im_parse(u.input_mode);
	con->im = im >= 0 ? (enum text_im)im : TEXT_IM_TELEX;
	n = u.failures;
	explicit_bzero(&u, sizeof u);
	if (console_replace(con, &screen_home_ops, NULL) != 0)
		return;
	if (n > 0)
		console_message(con, STYLE_ERROR, _("Welcome, %s. %d failed login(s) since your last login."),
		    con->user.full_name[0] != '\0' ? con->user.full_name : con->user.login, n);
	else
		console_message(con, STYLE_INFO, _("Welcome, %s."),
		    con->user.full_name[0] != '\0' ? con->user.full_name : con->user.login);
}

static int
login_key(struct screen *s, int key)
{
	struct login *l = s->data;

	switch (key) {
	case '\t':
	case CK(KEY_DOWN):
	case CK(KEY_BTAB):
	case CK(KEY_UP):
		l->focus = !l->focus;
		return CON_KEY_DONE;
	case '\r':
	case '\n':
	case CK(KEY_ENTER):
		if (l->focus == 0 && !field_empty(&l->login))
			l->focus = 1;
		else
			try_login(s);	/* may replace this screen: touch nothing after */
		return CON_KEY_DONE;
	case CON_ESC:
		s->con->quit = 1;
		return CON_KEY_DONE;
	default:
		break;
	}
	if (field_key(l->focus == 0 ? &l->login : &l->password, key, TEXT_IM_OFF))
		return CON_KEY_DONE;
	return CON_KEY_PASS;
}

static const struct screen_key login_keys[] = {
	{ .key = '\t', .keyname = "Tab", .help = N_("from login to password and back") },
	{ .key = '\r', .keyname = "Enter", .help = N_("log in") },
	{ .key = CON_ESC, .keyname = "Esc", .help = N_("quit motcua") },
	{ .key = 0 },
};

const struct screen_ops screen_login_ops = {
	.name = "login",
	.title = N_("Log in"),
	.open = login_open,
	.draw = login_draw,
	.key = login_key,
	.close = login_close,
	.help = login_keys,
};
