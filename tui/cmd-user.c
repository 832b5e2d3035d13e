/* cmd-user.c -- motcua user add|list|passwd|disable|unlock: the people who log in.
 *
 * Passwords are read from standard input when it is not a terminal (one line), else
 * asked twice without echo.  They are never printed or logged.  Every change needs
 * the administrator's role (cmd_may); the list is for everyone.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"

/* Read one line without echo (on a terminal); 0 ok, -1 end of input. */
static int
read_secret(const char *prompt, char *buf, size_t n)
{
	struct termios old, quiet;
	int tty = isatty(0), rc = 0;
	size_t len;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSAFLUSH, &quiet);
	}
	if (fgets(buf, (int)n, stdin) == NULL)
		rc = -1;
	if (tty) {
		tcsetattr(0, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (rc == 0) {
		len = strlen(buf);
		while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = '\0';
	}
	return rc;
}

static int
ask_password(struct cmd_ctx *c, char *pw, size_t n)
{
	char again[256];
	struct mc_error err;
	int rc;

	if (read_secret(_("New password: "), pw, n) != 0) {
		fprintf(stderr, _("motcua: no password given\n"));
		return -1;
	}
	if (auth_password_ok(pw, &err) != MC_OK) {
		cmd_fail(c, &err);
		return -1;
	}
	if (isatty(0)) {
		rc = read_secret(_("Repeat it: "), again, sizeof again) != 0 || strcmp(pw, again) != 0;
		explicit_bzero(again, sizeof again);
		if (rc) {
			fprintf(stderr, _("motcua: the two passwords differ\n"));
			return -1;
		}
	}
	return 0;
}

static const char *
state_words(const char *state)
{
	return strcmp(state, "disabled") == 0 ? _("disabled") :
	    strcmp(state, "locked") == 0 ? _("locked") : _("active");
}

static int
print_user(const struct user *u, void *ctx)
{
	out_row(ctx, (const char *[]){ u->login, u->full_name, role_name(u->role),
	    u->disabled ? "disabled" : u->locked ? "locked" : "active", u->input_mode });
	return 0;
}

/* What a change did, for scripts: login, role and state. */
static void
print_change(struct cmd_ctx *c, const char *login, const char *role, const char *state)
{
	static const struct out_col cols[] = { OUT_COL("login", OUT_STR),
	    OUT_COL("role", OUT_STR), OUT_COL("state", OUT_STR) };

	out_print(c->format, cols, NULL, (const char *[]){ login, role, state }, 3);
}

static int
user_add(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "full-name", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role = NULL, *full = "", *login;
	char pw[256];
	struct mc_error err;
	int ch, r, rc;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'r': role = optarg; break;
		case 'f': full = optarg; break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc || role == NULL)
		return cmd_usage(c, _("user add needs a LOGIN and --role"));
	if (!cmd_may(c, ROLE_ADMIN))
		return EXIT_REFUSED;
	login = argv[optind];
	if ((r = role_parse(role)) < 0)
		return cmd_usage(c, _("--role is officer, head or admin"));
	if (!auth_login_valid(login))
		return cmd_usage(c, _("'%s' is not a valid login (letters, digits, . _ -, starting with a letter)"), login);
	if (ask_password(c, pw, sizeof pw) != 0) {
		explicit_bzero(pw, sizeof pw);
		return EXIT_REFUSED;
	}
	rc = auth_user_add(c->st, login, (enum role)r, full, pw, c->actor, &err);
	explicit_bzero(pw, sizeof pw);
	if (rc != MC_OK)
		return cmd_fail(c, &err);
	if (c->format == OUT_TEXT)
		printf(_("User %s added (%s).\n"), login, role_name((enum role)r));
	else
		print_change(c, login, role_name((enum role)r), "active");
	return EXIT_DONE;
}

int
cmd_user(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct out_col cols[] = { OUT_COL("login", OUT_STR),
	    OUT_COL("full_name", OUT_STR), OUT_COL("role", OUT_STR),
	    OUT_WORDS("state", OUT_STR, state_words), OUT_COL("input", OUT_STR) };
	struct mc_error err;
	struct out *o;
	struct user u;
	char pw[256];
	int enable, rc;

	if (argc < 2)
		return cmd_usage(c, _("which user command?"));
	if (strcmp(argv[1], "add") == 0)
		return user_add(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) {
		o = out_table(c->format, cols, 5);
		if (auth_each(c->st, print_user, o, &err) != MC_OK) {
			out_end(o);
			return cmd_fail(c, &err);
		}
		out_end(o);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "passwd") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("user passwd needs a LOGIN"));
		if (!cmd_may(c, ROLE_ADMIN))
			return EXIT_REFUSED;
		if (auth_get(c->st, argv[2], &u, &err) != MC_OK)
			return cmd_fail(c, &err);
		if (ask_password(c, pw, sizeof pw) != 0) {
			explicit_bzero(pw, sizeof pw);
			return EXIT_REFUSED;
		}
		rc = auth_passwd(c->st, argv[2], pw, c->actor, &err);
		explicit_bzero(pw, sizeof pw);
		if (rc != MC_OK)
			return cmd_fail(c, &err);
		if (c->format == OUT_TEXT)
			printf(_("Password of %s changed.\n"), argv[2]);
		else
			print_change(c, u.login, role_name(u.role), u.disabled ? "disabled" : "active");
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "disable") == 0) {
		enable = argc == 4 && strcmp(argv[3], "--enable") == 0;
		if (argc != 3 && !enable)
			return cmd_usage(c, _("user disable needs a LOGIN"));
		if (!cmd_may(c, ROLE_ADMIN))
			return EXIT_REFUSED;
		if (auth_disable(c->st, argv[2], !enable, c->actor, &err) != MC_OK)
			return cmd_fail(c, &err);
		if (c->format == OUT_TEXT)
			printf(enable ? _("User %s can log in again.\n") : _("User %s can no longer log in.\n"), argv[2]);
		else if (auth_get(c->st, argv[2], &u, &err) == MC_OK)
			print_change(c, u.login, role_name(u.role), u.disabled ? "disabled" : "active");
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "unlock") == 0) {
		if (argc != 3)
			return cmd_usage(c, _("user unlock needs a LOGIN"));
		if (!cmd_may(c, ROLE_ADMIN))
			return EXIT_REFUSED;
		if (auth_unlock(c->st, argv[2], c->actor, &err) != MC_OK)
			return cmd_fail(c, &err);
		printf(_("User %s is unlocked: the failed logins are forgotten.\n"), argv[2]);
		return EXIT_DONE;
	}
	return cmd_usage(c, _("unknown user command '%s'"), argv[1]);
}
