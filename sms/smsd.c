/* smsd.c -- motcua-smsd, the SMS daemon: one per GSM modem, sharing the store with
 * the console.  This file reads the command line, blocks the signals (common/daemon.h:
 * the supervisor and the worker take them), detaches and opens the log (common/log.h);
 * a supervisor (smsd-super.c) runs the work of smsd-loop.c in a worker process and
 * starts a new one if it dies.
 *
 *	motcua-smsd [--db PATH] --gammurc FILE [--section N] [--foreground]
 *	    [--name MODEM] [--modem gammu|null] [--debug]
 *
 * SIGTERM (and SIGINT) finish the message in hand and exit 0; SIGHUP re-reads the
 * configuration and reconnects the modem.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "daemon.h"
#include "i18n.h"
#include "log.h"
#include "smsd.h"
#include "smsq.h"
#include "store.h"


/* ---------------------------------------------------------------- main */

static void
usage(FILE *fp)
{
	fprintf(fp, _("usage: motcua-smsd [--db PATH] --gammurc FILE [--section N] [--foreground]\n"
	    "                   [--name MODEM] [--modem gammu|null] [--debug]\n"));
	fprintf(fp, _("\nDrives one GSM modem: stores incoming SMS, answers citizens' queries and sends\n"
	    "the outgoing queue.  The database: --db, else $MOTCUA_DB, else %s.\n"
	    "Settings of the daemon: a [motcua-smsd] section in the gammurc file.\n"), conf_store_path());
}

static int
arg_value(int argc, char **argv, int *i, const char *name, const char **out)
{
	size_t n = strlen(name);

	if (strcmp(argv[*i], name) == 0) {
		if (*i + 1 >= argc) {
			fprintf(stderr, _("motcua-smsd: %s needs a value\n"), name);
			exit(2);
		}
		*out = argv[++*i];
		return 1;
	}
	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static struct smsd_config cfg;
	const char *db, *gammurc = NULL, *section = NULL, *name = NULL;
	const char *backend = NULL;
	char dbpath[PATH_MAX];
	struct mc_error err;
	int i, foreground = 0, debug = 0, rc;
	sigset_t signals;
	char *end;

	mc_i18n_init(getenv("MOTCUA_LANG"));
	if (conf_start("motcua-smsd") != 0)
		return 1;
	db = conf_store_path();
	for (i = 1; i < argc; i++) {
		if (arg_value(argc, argv, &i, "--db", &db) ||
		    arg_value(argc, argv, &i, "--gammurc", &gammurc) ||
		    arg_value(argc, argv, &i, "--section", &section) ||
		    arg_value(argc, argv, &i, "--name", &name) ||
		    arg_value(argc, argv, &i, "--modem", &backend))
			continue;
		if (strcmp(argv[i], "--foreground") == 0 || strcmp(argv[i], "-f") == 0)
			foreground = 1;
		else if (strcmp(argv[i], "--debug") == 0)
			debug = 1;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("motcua-smsd %s\n", PACKAGE_VERSION);
			return 0;
		} else {
			fprintf(stderr, _("motcua-smsd: unknown option '%s'\n"), argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (backend != NULL) {
		if (strcmp(backend, "gammu") != 0 && strcmp(backend, "null") != 0) {
			fprintf(stderr, _("motcua-smsd: unknown modem type '%s' (known: gammu, null)\n"), backend);
			return 2;
		}
		snprintf(cfg.backend, sizeof cfg.backend, "%s", backend);
		cfg.backend_fixed = 1;
	}
	if (name != NULL) {
		if (*name == '\0' || strlen(name) >= sizeof cfg.name) {
			fprintf(stderr, _("motcua-smsd: bad modem name '%s'\n"), name);
			return 2;
		}
		snprintf(cfg.name, sizeof cfg.name, "%s", name);
		cfg.name_fixed = 1;
	}
	if (section != NULL) {
		long n = strtol(section, &end, 10);

		if (end == section || *end != '\0' || n < 0 || n > 99) {
			fprintf(stderr, _("motcua-smsd: bad section number '%s'\n"), section);
			return 2;
		}
		cfg.section = (int)n;
	}
	if (gammurc == NULL && !(backend != NULL && strcmp(backend, "null") == 0)) {
		fprintf(stderr, _("motcua-smsd: --gammurc FILE is required\n"));
		usage(stderr);
		return 2;
	}
	/* Absolute paths: the daemon changes to / when it detaches. */
	if (gammurc != NULL && realpath(gammurc, cfg.gammurc) == NULL) {
		fprintf(stderr, _("motcua-smsd: cannot read %s: %s\n"), gammurc, strerror(errno));
		return 2;
	}
	if (realpath(db, dbpath) == NULL) {
		fprintf(stderr, _("motcua-smsd: %s does not exist: run 'motcua init' first\n"), db);
		return 2;
	}
	if (debug)
		cfg.debug = cfg.debug_fixed = 1;
	if (smsd_config_read(&cfg, &err) != MC_OK) {
		fprintf(stderr, "motcua-smsd: %s\n", mc_message(&err));
		return 2;
	}
	daemon_signals(&signals, 1);
	if (!foreground && daemon_detach() != 0) {
		fprintf(stderr, _("motcua-smsd: cannot detach: %s\n"), strerror(errno));
		return 1;
	}
	log_open("motcua-smsd", !foreground);
	log_verbose(cfg.debug);
	log_count_repeats(1);
	rc = smsd_supervise(dbpath, &cfg, &signals);
	log_flush(1);
	log_close();
	return rc;
}
