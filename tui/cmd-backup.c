/* cmd-backup.c -- motcua backup and motcua restore: copies of the store (common/backup.c).
 *
 *	motcua backup FILE			one copy, safe while every program runs
 *	motcua backup --dir DIR [--keep N]	a dated copy in DIR (a USB stick), the
 *						oldest beyond N removed
 *	motcua backup [--keep N]		the same in motcua.conf's [backup] dir
 *	motcua restore FILE			the store replaced by a checked backup, the
 *						replaced one kept aside, then checked
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "auth.h"
#include "backup.h"
#include "cmd.h"
#include "conf.h"
#include "i18n.h"
#include "store.h"

#define DEFAULT_KEEP 7

int
cmd_backup(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "keep", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	char dest[4096 + 128];
	const char *dir = NULL;
	struct mc_error err;
	struct stat sb;
	long keep = DEFAULT_KEEP;
	int ch, removed = 0, kept = 0;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': dir = optarg; break;
		case 'k':
			if (cmd_int_arg(c, "--keep", optarg, 1, 10000, &keep) != 0)
				return EXIT_USAGE;
			kept = 1;
			break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if ((dir != NULL && optind != argc) || argc - optind > 1)
		return cmd_usage(c, _("give the backup's file name, or --dir FOLDER"));
	if (dir == NULL && optind == argc) {	/* the nightly backup: motcua.conf's [backup] */
		dir = conf_get("backup", "dir");
		if (!kept && cmd_int_arg(c, "keep", conf_get("backup", "keep"), 1, 10000, &keep) != 0)
			return EXIT_USAGE;
	}
	if (dir != NULL) {
		/* Never made here: a stick that is not plugged in is an empty mount point. */
		if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			mc_fail(&err, MC_EIO, _("the folder %s does not exist (is the USB stick plugged in?)"), dir);
			return cmd_fail(c, &err);
		}
		backup_name(dest, sizeof dest, dir, store_office(c->st));
	} else
		snprintf(dest, sizeof dest, "%s", argv[optind]);
	mc_error_clear(&err);
	if (backup_make(c->st, dest, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (dir != NULL && backup_rotate(dir, store_office(c->st), (int)keep, &removed, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (stat(dest, &sb) != 0)
		sb.st_size = 0;
	if (c->format == OUT_TEXT) {
		printf(_("Backup saved: %s (%.1f MB).\n"), dest, (double)sb.st_size / 1e6);
		if (removed > 0)
			printf(_("%d older backups removed (keeping the newest %ld).\n"), removed, keep);
	} else {
		static const struct out_col cols[] = { OUT_COL("path", OUT_STR),
		    OUT_COL("bytes", OUT_INT), OUT_COL("removed", OUT_INT) };
		char bytes[32], gone[16];

		snprintf(bytes, sizeof bytes, "%lld", (long long)sb.st_size);
		snprintf(gone, sizeof gone, "%d", removed);
		out_print(c->format, cols, NULL, (const char *[]){ dest, bytes, gone }, 3);
	}
	return EXIT_DONE;
}

int
cmd_restore(struct cmd_ctx *c, int argc, char **argv)
{
	char aside[4096 + 64];
	char *check_argv[] = { "check", NULL };
	struct mc_error err;
	char *lang;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cmd_usage(c, _("give the backup file to restore"));
	/* The office's language and who may do it, from the store it replaces when it
	 * opens: an administrator (or the system account); else only the system account,
	 * as for any file of that folder. */
	if (store_open(c->db_path, 0, &c->st, &err) == MC_OK) {
		lang = store_setting(c->st, "language");
		mc_i18n_init(lang);
		free(lang);
		rc = cmd_actor(c) != 0 ? EXIT_REFUSED : !cmd_may(c, ROLE_ADMIN) ? EXIT_REFUSED : EXIT_DONE;
		store_close(c->st);
		c->st = NULL;
		if (rc != EXIT_DONE)
			return rc;
	} else if (!auth_system_path(c->db_path)) {
		fprintf(stderr, _("motcua: only the database's owner or root may restore over %s\n"), c->db_path);
		return EXIT_REFUSED;
	}
	mc_error_clear(&err);
	if (backup_restore(argv[1], c->db_path, aside, sizeof aside, &err) != MC_OK)
		return cmd_fail(c, &err);
	/* Open it as every program will (a backup of an older schema is updated now),
	 * speak its office's language, then check it as 'motcua check' does. */
	if (store_open(c->db_path, 0, &c->st, &err) != MC_OK)
		return cmd_fail(c, &err);
	lang = store_setting(c->st, "language");
	mc_i18n_init(lang);
	free(lang);
	/* For scripts (--format tsv|json) standard output is check's one document. */
	fprintf(c->format == OUT_TEXT ? stdout : stderr, _("Restored %s from %s.\n"), c->db_path, argv[1]);
	if (aside[0] != '\0')
		fprintf(c->format == OUT_TEXT ? stdout : stderr,
		    _("The database it replaced is kept as %s.\n"), aside);
	rc = cmd_check(c, 1, check_argv);
	store_close(c->st);
	c->st = NULL;
	return rc;
}
