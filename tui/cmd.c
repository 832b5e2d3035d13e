/* cmd.c -- what the sub-commands share (cmd.h): their error and usage messages, the
 * reading of time, date and number arguments, who acts and what the actor may do,
 * and where the shipped data lives.  main.c holds the table of sub-commands and the
 * entry; each sub-command is its own cmd-*.c. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "text.h"

void
cmd_usage_line(const struct cmd *cmd, FILE *fp)
{
	fprintf(fp, _("usage: motcua %s %s\n"), cmd->name, cmd->usage);
	fprintf(fp, "%s\n", _(cmd->summary));
}

/* "motcua: " and s, whose control characters (from a typed argument) are shown as '?'. */
static void
say_error(const char *s)
{
	char *p = text_printable(s);

	fprintf(stderr, "motcua: %s\n", p != NULL ? p : s);
	free(p);
}

int
cmd_usage(struct cmd_ctx *c, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	say_error(msg);
	if (c->cmd != NULL)
		cmd_usage_line(c->cmd, stderr);
	return EXIT_USAGE;
}

int
cmd_may(struct cmd_ctx *c, enum role need)
{
	if (c->system || role_allows(c->role, need))
		return 1;
	fprintf(stderr, _("motcua: this needs the role %s; %s has the role %s\n"), role_name(need),
	    c->actor, role_name(c->role));
	return 0;
}

int
cmd_fail(struct cmd_ctx *c, const struct mc_error *err)
{
	fprintf(stderr, "motcua: %s\n", mc_message(err));
	return EXIT_REFUSED;
}

const char *
cmd_datadir(void)
{
	const char *dir = getenv("MOTCUA_DATADIR");

	return dir != NULL && *dir != '\0' ? dir : PKGDATADIR;
}

int
cmd_time_arg(struct cmd_ctx *c, const char *opt, const char *s, mc_minute *out)
{
	if (mc_time_read(s, out) != 0) {
		cmd_usage(c, _("%s: '%s' is not a date and time like '23/11/2026 09:30' or '2026-11-23 09:30'"),
		    opt, s);
		return -1;
	}
	return 0;
}

int
cmd_date_arg(struct cmd_ctx *c, const char *opt, const char *s, mc_day *out)
{
	if (mc_date_read(s, out) != 0) {
		cmd_usage(c, _("%s: '%s' is not a date like 23/11/2026 or 2026-11-23"), opt, s);
		return -1;
	}
	return 0;
}

int
cmd_int_arg(struct cmd_ctx *c, const char *opt, const char *s, long min, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0' || v < min || v > max) {
		cmd_usage(c, _("%s: '%s' is not a number from %ld to %ld"), opt, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* Settle who acts on the open store (cmd.h); 0 or the exit status of a refusal. */
int
cmd_actor(struct cmd_ctx *c)
{
	struct mc_error err;
	struct user u;

	if (c->user == NULL) {
		c->system = auth_system_account(c->st);
		c->role = c->system ? ROLE_ADMIN : ROLE_OFFICER;
		return 0;
	}
	if (auth_actor(c->st, c->user, &u, &err) != MC_OK) {
		if (err.code == MC_ENOTFOUND)
			mc_fail(&err, MC_ENOTFOUND, _("--user %s: there is no such user ('motcua user list' shows them)"),
			    c->user);
		return cmd_fail(c, &err);
	}
	snprintf(c->actor, sizeof c->actor, "%s", u.login);
	c->role = u.role;
	c->system = 0;
	return 0;
}
