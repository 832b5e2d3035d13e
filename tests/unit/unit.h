/* unit.h -- what every cmocka unit test includes: cmocka, and a fresh store. */
#ifndef MC_UNIT_H
#define MC_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "error.h"
#include "catalog.h"
#include "store.h"

/* A new empty store in a fresh temporary directory; path gets the file name. */
static inline struct store *
unit_store(char path[256])
{
	struct store *st = NULL;
	struct mc_error err;
	char dir[] = "/tmp/motcua-unit.XXXXXX";

	if (mkdtemp(dir) == NULL)
		return NULL;
	snprintf(path, 256, "%s/test.db", dir);
	if (store_open(path, STORE_CREATE, &st, &err) != MC_OK) {
		fprintf(stderr, "unit_store: %s\n", mc_message(&err));
		return NULL;
	}
	store_set_setting(st, "office.code", "000.17.22.H56", NULL);
	return st;
}

/* A fresh store set up as a working office: its office row and name, the shipped SMS
 * templates and procedure catalogue, and the clock at Monday 2026-10-12 09:00. */
static inline struct store *
unit_office_store(char path[256])
{
	struct store *st;
	char csv[512];
	int n;

	setenv("MOTCUA_NOW", "2026-10-12 09:00", 1);	/* a Monday, office hours */
	setenv("MOTCUA_DATADIR", SRCDIR, 0);	/* form templates and data of this tree */
	if ((st = unit_store(path)) == NULL)
		return NULL;
	if (store_exec(st, "INSERT INTO office(code, name) VALUES ('000.17.22.H56', 'UBND xã Tân Lập')", NULL) != MC_OK)
		return NULL;
	store_set_setting(st, "office.name", "UBND xã Tân Lập", NULL);
	snprintf(csv, sizeof csv, "%s/data/templates/sms.csv", SRCDIR);
	store_set_setting(st, "sms.templates", csv, NULL);
	snprintf(csv, sizeof csv, "%s/data/procedures.csv", SRCDIR);
	return catalog_import(st, csv, "test", &n, NULL) == MC_OK ? st : NULL;
}

/* The first column of the first row of sql, as a number (-1 when there is no row). */
static inline long
unit_count(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	long n = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Close the store and remove its directory. */
static inline void
unit_store_done(struct store *st, const char *path)
{
	char cmd[512];

	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf \"$(dirname '%s')\"", path);
	if (system(cmd) != 0)
		fprintf(stderr, "unit_store_done: could not remove %s\n", path);
}

#endif
