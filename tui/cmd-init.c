/* cmd-init.c -- motcua init: create the office's store, load the shipped catalogue and
 * holiday calendars, or update the office's details. */
#include "config.h"

#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "calendar.h"
#include "catalog.h"
#include "cmd.h"
#include "code.h"
#include "i18n.h"
#include "settings.h"
#include "store.h"
#include "text.h"

/* Write the office row(s) and settings in one transaction. */
static int
save_office(struct cmd_ctx *c, const char *office, const char *name, const char *parent,
    const char *lang, struct mc_error *err)
{
	struct store *st = c->st;
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	if (parent != NULL) {
		if ((rc = store_prepare(st, "INSERT INTO office(code, name) VALUES (?1, ?1) "
		    "ON CONFLICT(code) DO NOTHING", &s, err)) != MC_OK)
			goto out;
		sqlite3_bind_text(s, 1, parent, -1, SQLITE_STATIC);
		if ((rc = store_step_done(st, s, err)) != MC_OK)
			goto out;
	}
	if ((rc = store_prepare(st, "INSERT INTO office(code, name, parent) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT(code) DO UPDATE SET name = excluded.name, parent = excluded.parent",
	    &s, err)) != MC_OK)
		goto out;
	sqlite3_bind_text(s, 1, office, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	store_bind_text(s, 3, parent);
	if ((rc = store_step_done(st, s, err)) != MC_OK ||
	    (rc = store_set_setting(st, "office.code", office, err)) != MC_OK ||
	    (rc = store_set_setting(st, "office.name", name, err)) != MC_OK ||
	    (rc = store_set_setting(st, "office.parent", parent != NULL ? parent : "", err)) != MC_OK ||
	    (lang != NULL && (rc = store_set_setting(st, "language", lang, err)) != MC_OK))
		goto out;
	rc = audit_log(st, c->actor, "init", office, err);
out:
	return store_end(st, rc, err);
}

/* Load the shipped catalogue and calendars into an empty store. */
static int
load_shipped(struct cmd_ctx *c, struct mc_error *err)
{
	char path[4096];
	glob_t g;
	size_t i;
	int n, rc;

	if (store_number(c->st, "SELECT count(*) FROM procedure", 0) == 0) {
		snprintf(path, sizeof path, "%s/data/procedures.csv", cmd_datadir());
		if ((rc = catalog_import(c->st, path, c->actor, &n, err)) != MC_OK)
			return rc;
	}
	if (store_number(c->st, "SELECT count(*) FROM holiday", 0) == 0) {
		snprintf(path, sizeof path, "%s/data/holidays/*.csv", cmd_datadir());
		if (glob(path, 0, NULL, &g) == 0) {
			for (i = 0; i < g.gl_pathc; i++)
				if ((rc = holiday_import(c->st, g.gl_pathv[i], c->actor, &n, err)) != MC_OK) {
					globfree(&g);
					return rc;
				}
			globfree(&g);
		}
	}
	return MC_OK;
}

int
cmd_init_office(struct cmd_ctx *c, const char *office, const char *name, const char *parent,
    const char *lang, struct mc_error *err)
{
	int rc;

	if ((rc = save_office(c, office, name, parent, lang, err)) != MC_OK)
		return rc;
	return load_shipped(c, err);
}

int
cmd_init(struct cmd_ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "office", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "parent", required_argument, NULL, 'p' },
		{ "language", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct out_col cols[] = { OUT_COL("office", OUT_STR),
	    OUT_COL("office_name", OUT_STR), OUT_COL("database", OUT_STR),
	    OUT_COL("procedures", OUT_INT), OUT_COL("holidays", OUT_INT) };
	const char *office = NULL, *name = NULL, *parent = NULL, *lang = NULL, *have;
	struct mc_error err;
	char np[24], nh[24], checked[SETTING_VALUE_MAX];
	int ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': office = optarg; break;
		case 'n': name = optarg; break;
		case 'p': parent = optarg; break;
		case 'l': lang = optarg; break;
		case ':': return cmd_usage(c, _("%s needs a value"), argv[optind - 1]);
		default: return cmd_usage(c, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cmd_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (office == NULL || name == NULL)
		return cmd_usage(c, _("--office and --name are required"));
	if (!code_agency_valid(office))
		return cmd_usage(c, _("'%s' is not an agency code (like 000.17.22.H56)"), office);
	if (parent != NULL && !code_agency_valid(parent))
		return cmd_usage(c, _("'%s' is not an agency code (like 000.17.22.H56)"), parent);
	/* The office's name obeys the rule of the setting it becomes (settings.c). */
	if (*name == '\0' || !text_valid(name, strlen(name)))
		return cmd_usage(c, _("--name must be non-empty UTF-8 text"));
	if (settings_check("office.name", name, checked, &err) != MC_OK)
		return cmd_usage(c, "--name: %s", mc_message(&err));
	name = checked;
	if (lang != NULL && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
		return cmd_usage(c, _("--language is vi or en"));
	if (!cmd_may(c, ROLE_ADMIN))
		return EXIT_REFUSED;
	have = store_office(c->st);
	if (have[0] != '\0' && strcmp(have, office) != 0) {
		mc_fail(&err, MC_EEXIST, _("this database belongs to office %s; it cannot become %s"), have, office);
		return cmd_fail(c, &err);
	}
	mc_error_clear(&err);
	if (cmd_init_office(c, office, name, parent, lang, &err) != MC_OK)
		return cmd_fail(c, &err);
	if (lang != NULL)
		mc_i18n_init(lang);
	if (c->format != OUT_TEXT) {
		snprintf(np, sizeof np, "%ld", store_number(c->st, "SELECT count(*) FROM procedure", 0));
		snprintf(nh, sizeof nh, "%ld", store_number(c->st, "SELECT count(*) FROM holiday", 0));
		out_print(c->format, cols, NULL, (const char *[]){ office, name, c->db_path, np, nh }, 5);
		return EXIT_DONE;
	}
	printf(_("Office %s (%s) is ready in %s: %ld procedures, %ld holiday days.\n"), office, name,
	    c->db_path, store_number(c->st, "SELECT count(*) FROM procedure", 0),
	    store_number(c->st, "SELECT count(*) FROM holiday", 0));
	if (store_number(c->st, "SELECT count(*) FROM user", 0) == 0)
		printf(_("Next: add an administrator: motcua user add LOGIN --role admin\n"));
	return EXIT_DONE;
}
