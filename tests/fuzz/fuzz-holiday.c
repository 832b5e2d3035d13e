/* fuzz-holiday.c -- libFuzzer target: importing a holiday CSV (holiday_import,
 * common/holiday.c) into a real store, end to end.
 *
 * One store per process, on tmpfs (see fuzz.h), created with the shipped holidays of
 * 2026 already in it; every input is written to a file and imported.  What must hold:
 *  - an import succeeds or fails cleanly: no transaction left open; a failure has
 *    its code and a message (UTF-8 when the file was), *nrows 0, and every table
 *    exactly as before (rows and their contents);
 *  - a success adds one audit row, keeps every day it had and has at least as many
 *    rows as it imported; the store's calendar still loads; importing the same file
 *    again succeeds with the same count and leaves the holiday table as it was.
 * After a success the store is put back as it was, so every input meets the same one.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
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
		fprintf(stderr, "fuzz-holiday: %s\n", mc_message(&err));
		abort();
	}
	if (holiday_import(st, SRCDIR "/data/holidays/2026.csv", "fuzz", &n, &err) != MC_OK)
		fprintf(stderr, "fuzz-holiday: no shipped holidays (%s); starting empty\n",
		    mc_message(&err));
	fuzz_snapshot_take(store_db(st), &saved);
	fuzz_store_save(store_db(st), &saved);
	fuzz_scratch("holidays.csv", csv_path, sizeof csv_path);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_snapshot after, again;
	struct calendar cal;
	struct mc_error err;
	sqlite3 *db = store_db(st);
	const char *diff;
	int rc, n = -1, n2 = -1;

	fuzz_write_file(csv_path, data, size);
	mc_error_clear(&err);
	rc = holiday_import(st, csv_path, "fuzz", &n, &err);
	FUZZ_CHECK(sqlite3_get_autocommit(db), "holiday_import left a transaction open");
	fuzz_snapshot_take(db, &after);
	if (rc != MC_OK) {
		fuzz_check_error(&err, rc, fuzz_utf8_valid((const char *)data, size, 0));
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
		FUZZ_CHECK(n == 0, "a failed import says it imported %d rows", n);
		diff = fuzz_snapshot_diff(&saved, &after, NULL);
		FUZZ_CHECK(diff == NULL, "a failed import (%s) changed table %s", err.msg, diff);
		return 0;
	}
	FUZZ_CHECK(n >= 0, "imported %d rows", n);
	FUZZ_CHECK(fuzz_snapshot_rows(&after, "audit") == fuzz_snapshot_rows(&saved, "audit") + 1,
	    "an import added %lld audit rows",
	    fuzz_snapshot_rows(&after, "audit") - fuzz_snapshot_rows(&saved, "audit"));
	FUZZ_CHECK(fuzz_snapshot_rows(&after, "holiday") >= fuzz_snapshot_rows(&saved, "holiday") &&
	    fuzz_snapshot_rows(&after, "holiday") >= n,
	    "%d rows imported: the table went from %lld to %lld rows", n,
	    fuzz_snapshot_rows(&saved, "holiday"), fuzz_snapshot_rows(&after, "holiday"));
	diff = fuzz_snapshot_diff(&saved, &after, "holiday,audit");
	FUZZ_CHECK(diff == NULL, "a holiday import changed table %s", diff);

	calendar_default(&cal);
	rc = calendar_load(st, &cal, &err);
	FUZZ_CHECK(rc == MC_OK, "the calendar does not load after an import: %s", err.msg);
	FUZZ_CHECK(cal.ndays == (size_t)fuzz_snapshot_rows(&after, "holiday"),
	    "the calendar has %zu rows, the table %lld", cal.ndays,
	    fuzz_snapshot_rows(&after, "holiday"));
	calendar_free(&cal);

	rc = holiday_import(st, csv_path, "fuzz", &n2, &err);
	FUZZ_CHECK(rc == MC_OK && n2 == n, "imported again: %s, %d rows (%d the first time): %s",
	    mc_codename(rc), n2, n, err.msg);
	fuzz_snapshot_take(db, &again);
	diff = fuzz_snapshot_diff(&after, &again, "audit");
	FUZZ_CHECK(diff == NULL, "importing the same file twice changed table %s", diff);

	fuzz_store_restore(db, &saved, &again);
	fuzz_snapshot_take(db, &after);
	FUZZ_CHECK(fuzz_snapshot_diff(&saved, &after, NULL) == NULL, "the store was not put back");
	return 0;
}
