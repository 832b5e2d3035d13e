/* fuzz-catalog.c -- libFuzzer target: importing the procedure catalogue
 * (catalog_import, common/catalog.c) into a real store, end to end.
 *
 * One store per process, on tmpfs (see fuzz.h), created with the shipped catalogue
 * (data/procedures.csv) already in it; every input is written to a file and imported.
 * What must hold:
 *  - an import succeeds or fails cleanly: no transaction left open; a failure has
 *    its code and a message (UTF-8 when the file was), and every table exactly as
 *    before (rows and their contents);
 *  - after a success every procedure in the table reads back with catalog_get() and
 *    has a name, a known unit and no negative time or fee; importing the same file
 *    again succeeds with the same count and leaves every table but audit as it was.
 * After a success the store is put back as it was, so every input meets the same one.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fuzz.h"
#include "store.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

static struct store *st;
static struct fuzz_snapshot saved;
static char csv_path[600];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct mc_error err;
	char path[600];
	int n;

	(void)argc;
	(void)argv;
	setenv("MOTCUA_NOW", "2026-03-02 09:00", 0);
	if (store_open(fuzz_scratch("fuzz.db", path, sizeof path), STORE_CREATE, &st, &err) != MC_OK) {
		fprintf(stderr, "fuzz-catalog: %s\n", mc_message(&err));
		abort();
	}
	store_set_setting(st, "office.code", "000.17.22.H56", NULL);
	if (catalog_import(st, SRCDIR "/data/procedures.csv", "fuzz", &n, &err) != MC_OK)
		fprintf(stderr, "fuzz-catalog: no shipped catalogue (%s); starting empty\n",
		    mc_message(&err));
	fuzz_snapshot_take(store_db(st), &saved);
	fuzz_store_save(store_db(st), &saved);
	fuzz_scratch("procedures.csv", csv_path, sizeof csv_path);
	return 0;
}

/* Every procedure of the table reads back; their number. */
static long
check_procedures(sqlite3 *db)
{
	struct procedure p;
	struct mc_error err;
	sqlite3_stmt *s;
	long n = 0;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT code FROM procedure ORDER BY code", -1, &s, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);

		memset(&p, 0, sizeof p);
		rc = catalog_get(st, code, &p, &err);
		FUZZ_CHECK(rc == MC_OK, "catalog_get(%s) after an import: %s", fuzz_quote(code),
		    err.msg);
		FUZZ_CHECK(strcmp(p.code, code) == 0 && p.name != NULL && p.name[0] != '\0' &&
		    p.time_value >= 0 && p.fee >= 0 && (int)p.unit >= TU_WORKING_DAYS &&
		    (int)p.unit <= TU_HOURS && p.ndocs >= 0 && (p.ndocs == 0 || p.docs != NULL),
		    "procedure %s read back as code %s, name %s, time %d, unit %d, fee %ld, %d documents",
		    fuzz_quote(code), fuzz_quote(p.code), fuzz_quote(p.name), p.time_value,
		    (int)p.unit, p.fee, p.ndocs);
		for (int i = 0; i < p.ndocs; i++)
			FUZZ_CHECK(p.docs[i].name != NULL && p.docs[i].sets >= 1,
			    "document %d of %s: %s, %d sets", i, code, fuzz_quote(p.docs[i].name),
			    p.docs[i].sets);
		procedure_free(&p);
		n++;
	}
	sqlite3_finalize(s);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_snapshot after, again;
	struct mc_error err;
	sqlite3 *db = store_db(st);
	const char *diff;
	long rows;
	int rc, n = -1, n2 = -1;

	fuzz_write_file(csv_path, data, size);
	mc_error_clear(&err);
	rc = catalog_import(st, csv_path, "fuzz", &n, &err);
	FUZZ_CHECK(sqlite3_get_autocommit(db), "catalog_import left a transaction open");
	fuzz_snapshot_take(db, &after);
	if (rc != MC_OK) {
		fuzz_check_error(&err, rc, fuzz_utf8_valid((const char *)data, size, 0));
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
		diff = fuzz_snapshot_diff(&saved, &after, NULL);
		FUZZ_CHECK(diff == NULL, "a failed import (%s) changed table %s", err.msg, diff);
		return 0;
	}
	rows = check_procedures(db);
	FUZZ_CHECK(n >= 0 && rows >= n, "imported %d procedures; the table has %ld", n, rows);

	rc = catalog_import(st, csv_path, "fuzz", &n2, &err);
	FUZZ_CHECK(rc == MC_OK && n2 == n, "imported again: %s, %d procedures (%d the first "
	    "time): %s", mc_codename(rc), n2, n, err.msg);
	fuzz_snapshot_take(db, &again);
	diff = fuzz_snapshot_diff(&after, &again, "audit");
	FUZZ_CHECK(diff == NULL, "importing the same file twice changed table %s", diff);

	fuzz_store_restore(db, &saved, &again);
	fuzz_snapshot_take(db, &after);
	FUZZ_CHECK(fuzz_snapshot_diff(&saved, &after, NULL) == NULL, "the store was not put back");
	return 0;
}
