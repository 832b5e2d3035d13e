/* main.c -- motcua: the console (no sub-command) and the table of sub-commands.
 *
 * Global options come before or after the sub-command's name: --db PATH (or
 * $MOTCUA_DB), --user LOGIN, --format text|tsv|json.  Adding a sub-command is one
 * line in cmds[] and one cmd-*.c file; what the sub-commands share (messages,
 * arguments, who acts) is cmd.c.
 *
 * Who acts is settled once the store is open and before the command runs (cmd.h):
 * --user must name a user who may log in (not unknown, disabled or locked), and the
 * commands that change users, the catalogue, holidays or the office ask cmd_may()
 * for the role they need.  The command line asks no password: whoever can write the
 * database file could change it directly, so these checks keep the records honest
 * and stop mistakes rather than an attacker with that access.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "conf.h"
#include "console.h"
#include "files.h"
#include "i18n.h"
#include "store.h"
#include "text.h"


static const struct cmd cmds[] = {
	{ .name = "init", .run = cmd_init, .flags = CMD_CREATE,
	  .usage = "--office AGENCY_CODE --name NAME [--parent CODE] [--language vi|en]",
	  .summary = N_("create the office's database (or update its details)") },
	{ .name = "user", .run = cmd_user, .flags = CMD_STORE,
	  .usage = "add LOGIN --role officer|head|admin [--full-name NAME] | list | passwd LOGIN | disable LOGIN [--enable] | unlock LOGIN",
	  .summary = N_("manage the people who log in") },
	{ .name = "catalog", .run = cmd_catalog, .flags = CMD_STORE,
	  .usage = "import FILE | list [--field NAME] [--to-verify] [WORDS] | show CODE | "
	    "confirm CODE [--time N] [--unit UNIT] [--cutoff HH:MM] [--fee N] [--fee-online N] "
	    "[--documents] | version",
	  .summary = N_("the procedures this office handles") },
	{ .name = "holiday", .run = cmd_holiday, .flags = CMD_STORE,
	  .usage = "import FILE | list [YEAR]",
	  .summary = N_("days off and extra working days") },
	{ .name = "intake", .run = cmd_intake, .flags = CMD_STORE,
	  .usage = "--procedure CODE --name NAME [--id NUMBER] [--phone PHONE] [--address TEXT] [--email ADDR] [--sms yes|no] [--received 'DD/MM/YYYY HH:MM'] [--channel counter|postal|online] [--priority] [--sets N] [--linked] [--documents LIST] [--note TEXT]",
	  .summary = N_("register a new dossier and print its code") },
	{ .name = "event", .run = cmd_event, .flags = CMD_STORE,
	  .usage = "CODE KIND [--note TEXT] [--reason TEXT] [--due 'DD/MM/YYYY[ HH:MM]'] [--at 'DD/MM/YYYY HH:MM'] [--to AGENCY] [--items TEXT] [--amount DONG] [--collector NAME] [--rating 1-4] [--name|--phone|--address|--id|--email VALUE]",
	  .summary = N_("record what happened to a dossier") },
	{ .name = "show", .run = cmd_show, .flags = CMD_STORE,
	  .usage = "CODE", .summary = N_("show a dossier and its history") },
	{ .name = "search", .run = cmd_search, .flags = CMD_STORE,
	  .usage = "[TEXT] [--address WORDS] [--limit N]",
	  .summary = N_("find dossiers by code, name, phone or ID") },
	{ .name = "due", .run = cmd_due, .flags = CMD_STORE,
	  .usage = "PROCEDURE 'DD/MM/YYYY HH:MM'", .summary = N_("when a dossier received then is due") },
	{ .name = "demo", .run = cmd_demo, .flags = CMD_CREATE,
	  .usage = "[--dossiers N] [--seed N]", .summary = N_("fill the database with a realistic demo office") },
	{ .name = "check", .run = cmd_check, .flags = CMD_STORE,
	  .usage = "", .summary = N_("verify the database: integrity and every dossier against its events") },
	{ .name = "sms", .run = cmd_sms, .flags = CMD_STORE, .usage = "outbox|inbox [--status S] [--limit N] | retry ID | cancel ID | modems | campaign [ID]", .summary = N_("the SMS sent, waiting and received, one row per message") },
	{ .name = "remind", .run = cmd_remind, .flags = CMD_STORE, .usage = "due-tomorrow|result-waiting|supplement-pending [--days N] | --campaign (--text TEXT | --template KEY) [--procedure CODE] [--status N] [--from DATE] [--to DATE]; [--office CODE] [--dry-run]", .summary = N_("SMS reminders by rule and bulk campaigns, with a preview") },
	{ .name = "print", .run = cmd_print, .flags = CMD_STORE,
	  .usage = "CODE [--form NN|receipt|supplement|refusal|apology|control|stop] [--plain] [--ascii] [--output FILE | --pdf FILE | --printer NAME]",
	  .summary = N_("print a form for a dossier (receipt, supplement, refusal, apology, control slip, stop notice)") },
	{ .name = "report", .run = cmd_report, .flags = CMD_STORE,
	  .usage = "book --from DATE --to DATE | ontime [--by month|procedure] [--from DATE] [--to DATE] | overdue | fees [--from DATE] [--to DATE]",
	  .summary = N_("the tracking book and the office's reports") },
	{ .name = "backup", .run = cmd_backup, .flags = CMD_STORE,
	  .usage = "[FILE | --dir FOLDER] [--keep N]",
	  .summary = N_("copy the database safely while it is in use") },
	{ .name = "restore", .run = cmd_restore, .flags = CMD_NOSTORE,
	  .usage = "FILE",
	  .summary = N_("replace the database by a backup (the replaced one is kept aside)") },
	{ .name = "doctor", .run = cmd_doctor, .flags = CMD_NOSTORE, .usage = "",
	  .summary = N_("what is wrong with this machine (database, modems, SMS, clock, printer, backup) and what to do") },
	{ .name = "config", .run = cmd_config, .flags = CMD_NOSTORE, .usage = "",
	  .summary = N_("the settings of this machine (motcua.conf) and their defaults") },
	{ .name = "export", .run = cmd_export, .flags = CMD_STORE,
	  .usage = "book|ontime|overdue|fees [--from DATE] [--to DATE] [--by month|procedure] (--xlsx FILE | --csv FILE)",
	  .summary = N_("save a report as a spreadsheet (XLSX) or CSV") },
};
#define NCMDS (sizeof cmds / sizeof cmds[0])

static void
usage_all(FILE *fp)
{
	size_t i;

	fprintf(fp, _("usage: motcua [--db PATH] [--user LOGIN] [--format text|tsv|json] [COMMAND [ARGS]]\n"));
	fprintf(fp, _("Without a command, motcua opens the console.\n\nCommands:\n"));
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "  %-9s %s\n", cmds[i].name, _(cmds[i].summary));
	fprintf(fp, _("\n'motcua COMMAND --help' tells more.  The database: --db, else $MOTCUA_DB, else %s.\n"),
	    conf_get("store", "path"));
}

/* Take a global option out of argv (wherever it stands); 0 ok, -1 missing value. */
static int
global_opt(int *argc, char **argv, const char *name, const char **value)
{
	size_t n = strlen(name);
	int i, j, take;

	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=') {
			*value = argv[i] + n + 1;
			take = 1;
		} else if (strcmp(argv[i], name) == 0) {
			if (i + 1 >= *argc)
				return -1;
			*value = argv[i + 1];
			take = 2;
		} else
			continue;
		for (j = i; j + take <= *argc; j++)
			argv[j] = argv[j + take];
		*argc -= take;
		i--;
	}
	return 0;
}

/* The operating-system account as the default actor (the console's, before login). */
static void
set_actor(struct cmd_ctx *c)
{
	struct passwd *pw = getpwuid(getuid());

	snprintf(c->actor, sizeof c->actor, "system:%s", pw != NULL ? pw->pw_name : "?");
}

/* Create the folders above path (like mkdir -p) for a store about to be created:
 * 0750, and the store's own folder 2770 (files.h: the office's programs make the
 * -wal and -shm files there). */
static void
make_parents(const char *path)
{
	char dir[4096], *p;
	struct stat sb;

	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir || (p = strrchr(dir, '/')) == NULL)
		return;
	*p = '\0';
	if (dir[0] == '\0' || stat(dir, &sb) == 0)
		return;
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (stat(dir, &sb) != 0)
			files_mkdir(dir, FILES_DIR_MODE);
		*p = '/';
	}
	files_mkdir(dir, FILES_SHARED_DIR_MODE);
}

/* Say that other accounts can read the store (store_open could not close it). */
static void
warn_exposed(struct cmd_ctx *c)
{
	if (store_exposed(c->st))
		fprintf(stderr, _("motcua: warning: every account of this computer can read %s; its owner should run: chmod o-rwx %s*\n"),
		    c->db_path, c->db_path);
}

/* A schema update that takes a while (indexes on a big store) says so on a terminal. */
static void
tell_progress(const char *update, int seconds, int done, void *arg)
{
	if (!isatty(STDERR_FILENO))
		return;
	fputc('\r', stderr);	/* over the line before */
	if (done)
		fprintf(stderr, _("motcua: database updated (%s) in %d s.                \n"), update, seconds);
	else
		fprintf(stderr, _("motcua: updating the database (%s), please wait: %d s"), update, seconds);
	fflush(stderr);
}

static int
run(struct cmd_ctx *c, const struct cmd *cmd, int argc, char **argv)
{
	struct mc_error err;
	char *lang, *zone;
	int rc;

	c->cmd = cmd;
	if (!(cmd->flags & CMD_NOSTORE)) {
		if (cmd->flags & CMD_CREATE)
			make_parents(c->db_path);
		if (store_open(c->db_path, cmd->flags & CMD_CREATE ? STORE_CREATE : 0, &c->st, &err) != MC_OK)
			return cmd_fail(c, &err);
		lang = store_setting(c->st, "language");
		mc_i18n_init(lang);
		free(lang);
		warn_exposed(c);
		zone = store_setting(c->st, "timezone");
		out_zone(zone);
		free(zone);
		if ((cmd->flags & CMD_STORE) && store_office(c->st)[0] == '\0') {
			mc_fail(&err, MC_ENOSTORE, NULL);
			store_close(c->st);
			return cmd_fail(c, &err);
		}
		if ((rc = cmd_actor(c)) != 0) {
			store_close(c->st);
			return rc;
		}
	}
	rc = cmd->run(c, argc, argv);
	store_close(c->st);
	return rc;
}

int
main(int argc, char **argv)
{
	struct cmd_ctx c = { 0 };
	const char *format = NULL, *env = getenv("MOTCUA_LANG");
	char *name;
	size_t i;
	int f, bad;

	mc_i18n_init(env != NULL ? env : "vi");
	if (conf_start("motcua") != 0)
		return EXIT_REFUSED;
	c.db_path = conf_store_path();
	bad = global_opt(&argc, argv, "--db", &c.db_path) || global_opt(&argc, argv, "--user", &c.user) ||
	    global_opt(&argc, argv, "--format", &format);
	f = format != NULL ? out_format_parse(format) : OUT_TEXT;
	/* Only now is it known whether standard output is for people or for programs. */
	out_init(f < 0 ? OUT_TEXT : (enum out_format)f);
	if (bad) {
		fprintf(stderr, _("motcua: an option needs a value\n"));
		return EXIT_USAGE;
	}
	if (f < 0) {
		fprintf(stderr, _("motcua: --format is text, tsv or json\n"));
		return EXIT_USAGE;
	}
	c.format = (enum out_format)f;
	set_actor(&c);
	store_set_progress(tell_progress, NULL);
	if (argc < 2)
		return console_run(&c);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage_all(stdout);
		return EXIT_DONE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("motcua %s\n", PACKAGE_VERSION);
		return EXIT_DONE;
	}
	for (i = 0; i < NCMDS; i++) {
		if (strcmp(argv[1], cmds[i].name) != 0)
			continue;
		for (f = 2; f < argc && strcmp(argv[f], "--") != 0; f++)
			if (strcmp(argv[f], "--help") == 0 || strcmp(argv[f], "-h") == 0) {
				cmd_usage_line(&cmds[i], stdout);
				return EXIT_DONE;
			}
		return run(&c, &cmds[i], argc - 1, argv + 1);
	}
	name = text_printable(argv[1]);
	fprintf(stderr, _("motcua: unknown command '%s'\n"), name != NULL ? name : "?");
	free(name);
	usage_all(stderr);
	return EXIT_USAGE;
}
