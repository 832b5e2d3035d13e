/* cmd.h -- the sub-commands of motcua: one file each (cmd-*.c), one table (main.c),
 * and what they share (cmd.c: messages, arguments, who acts).
 *
 * A sub-command gets its arguments after its name and a context with the store
 * already open (unless its flags say otherwise).  It returns the exit status:
 * 0 done, 1 refused (the reason printed), 2 bad usage.
 */
#ifndef MC_CMD_H
#define MC_CMD_H

#include <stdio.h>

#include "auth.h"
#include "error.h"
#include "mctime.h"
#include "out.h"

struct store;

enum {
	EXIT_DONE = 0,
	EXIT_REFUSED = 1,
	EXIT_USAGE = 2,
};

enum cmd_flags {
	CMD_STORE = 1,		/* needs an existing, initialised store */
	CMD_CREATE = 2,		/* creates the store if needed */
	CMD_NOSTORE = 4,	/* opens nothing */
};

/* Who acts (checked before a command that opens the store runs): --user names a user
 * who may log in, and acts with that user's role; without it the operating-system
 * account acts, recorded as "system:<account>": as the system (every role) when it is
 * root or owns the database file, else with the officer's role. */
struct cmd_ctx {
	const char *db_path;
	struct store *st;
	const char *user;	/* --user LOGIN, or NULL */
	char actor[96];		/* who is acting, for events and the audit */
	enum role role;		/* what the actor may do */
	int system;		/* the actor is the system (root, the database's owner) */
	enum out_format format;
	const struct cmd *cmd;
};

struct cmd {
	const char *name;
	int (*run)(struct cmd_ctx *c, int argc, char **argv);
	const char *usage;	/* arguments after the name */
	const char *summary;	/* N_() text */
	int flags;
};

/* The shared helpers (cmd.c). */

/* "usage: motcua NAME USAGE" and the command's summary, on fp. */
void cmd_usage_line(const struct cmd *cmd, FILE *fp);
/* Print "motcua: <message>" for err and return EXIT_REFUSED.  (A bad argument is
 * cmd_usage's: EXIT_USAGE with the command's usage line.) */
int cmd_fail(struct cmd_ctx *c, const struct mc_error *err);
/* Print a translated printf-style message and return EXIT_USAGE with the usage line. */
int cmd_usage(struct cmd_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Where shipped data lives ($MOTCUA_DATADIR or the installed pkgdatadir). */
const char *cmd_datadir(void);
/* A time or date argument as people type it (mc_time_read, mc_date_read: "DD/MM/YYYY
 * HH:MM" and its variants, or "YYYY-MM-DD HH:MM"); 0, or -1 after printing the usage
 * error (the command then returns EXIT_USAGE). */
int cmd_time_arg(struct cmd_ctx *c, const char *opt, const char *s, mc_minute *out);
int cmd_date_arg(struct cmd_ctx *c, const char *opt, const char *s, mc_day *out);
/* Parse an integer argument in [min, max]. */
int cmd_int_arg(struct cmd_ctx *c, const char *opt, const char *s, long min, long max, long *out);
/* 1 when the actor's role allows what needs role need; else prints why and returns 0
 * (the command then returns EXIT_REFUSED). */
int cmd_may(struct cmd_ctx *c, enum role need);
/* Who acts (--user checked against the users, else the operating-system account) and
 * with what role, into c; 0 or the exit status after printing why not.  main.c calls
 * it for every command that opens the store; a command that opens it itself may too. */
int cmd_actor(struct cmd_ctx *c);

/* A dossier in brief, as search lists it and intake and event report it to programs:
 * code, name, procedure, status, received_at, due_at, status_code (cmd-search.c). */
struct dossier;
#define CMD_BRIEF_COLS 7
extern const struct out_col cmd_brief_cols[CMD_BRIEF_COLS];
struct cmd_brief {
	char rec[MC_TIME_BUF], due[MC_TIME_BUF], status[8];
	const char *vals[CMD_BRIEF_COLS];	/* point into d and the buffers above */
};
void cmd_brief(const struct dossier *d, struct cmd_brief *b);

/* Save the office's details (creating it) and load the shipped catalogue and holiday
 * calendars into a store that has none (cmd-init.c; init and demo use it). */
int cmd_init_office(struct cmd_ctx *c, const char *office, const char *name,
    const char *parent, const char *lang, struct mc_error *err);

int cmd_init(struct cmd_ctx *c, int argc, char **argv);
int cmd_user(struct cmd_ctx *c, int argc, char **argv);
int cmd_catalog(struct cmd_ctx *c, int argc, char **argv);
int cmd_holiday(struct cmd_ctx *c, int argc, char **argv);
int cmd_intake(struct cmd_ctx *c, int argc, char **argv);
int cmd_event(struct cmd_ctx *c, int argc, char **argv);
int cmd_show(struct cmd_ctx *c, int argc, char **argv);
int cmd_search(struct cmd_ctx *c, int argc, char **argv);
int cmd_due(struct cmd_ctx *c, int argc, char **argv);
int cmd_demo(struct cmd_ctx *c, int argc, char **argv);
int cmd_check(struct cmd_ctx *c, int argc, char **argv);
int cmd_sms(struct cmd_ctx *c, int argc, char **argv);
int cmd_remind(struct cmd_ctx *c, int argc, char **argv);
int cmd_print(struct cmd_ctx *c, int argc, char **argv);
int cmd_report(struct cmd_ctx *c, int argc, char **argv);
int cmd_export(struct cmd_ctx *c, int argc, char **argv);
int cmd_backup(struct cmd_ctx *c, int argc, char **argv);
int cmd_restore(struct cmd_ctx *c, int argc, char **argv);
int cmd_config(struct cmd_ctx *c, int argc, char **argv);
int cmd_doctor(struct cmd_ctx *c, int argc, char **argv);

#endif
