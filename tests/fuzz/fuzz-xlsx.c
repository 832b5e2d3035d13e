/* fuzz-xlsx.c -- libFuzzer target: the .xlsx reader (common/xlsx.c) and the import of
 * the portal's list of procedures (common/catalog-xlsx.c) into a real store.
 *
 * The first byte chooses how the rest is used:
 *  - even: the rest is the archive itself, read from memory (libzip's parsing of a
 *    damaged or hostile container, and what xlsx.c makes of it);
 *  - odd: the rest is the sheet's XML, then a NUL, then the shared strings' XML
 *    (absent if there is no NUL), put in a well-formed archive with a workbook that
 *    names the sheet; read from memory, then imported from a file into the store.
 * What must hold:
 *  - a reading succeeds or fails with a code in range and a message;
 *  - the rows reach the callback with increasing row numbers, at most cols_max cells,
 *    each well-formed UTF-8 without NUL and at most cell_max bytes; no more than
 *    rows_max rows;
 *  - an import succeeds or fails cleanly: no transaction left open, and on failure
 *    every table as before; after a success the store is put back as it was.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "catalog.h"
#include "fuzz.h"
#include "store.h"
#include "xlsx.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

#define WB "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" \
	"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
	"<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"

static struct store *st;
static struct fuzz_snapshot saved;
static char xlsx_path[600];
static struct xlsx_limits lim;

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
		fprintf(stderr, "fuzz-xlsx: %s\n", mc_message(&err));
		abort();
	}
	store_set_setting(st, "office.code", "000.17.22.H56", NULL);
	if (catalog_import(st, SRCDIR "/data/procedures.csv", "fuzz", &n, &err) != MC_OK)
		fprintf(stderr, "fuzz-xlsx: no shipped catalogue (%s); starting empty\n",
		    mc_message(&err));
	fuzz_snapshot_take(store_db(st), &saved);
	fuzz_store_save(store_db(st), &saved);
	fuzz_scratch("list.xlsx", xlsx_path, sizeof xlsx_path);
	xlsx_limits_default(&lim);
	lim.rows_max = 500;		/* small, so the fuzzer reaches the cap */
	lim.cell_max = 2000;
	return 0;
}

struct seen {
	long last;
	long rows;
};

static int
check_row(long row, const char *const *cells, int n, void *ctx)
{
	struct seen *s = ctx;
	int i;

	FUZZ_CHECK(row > s->last, "row %ld after row %ld", row, s->last);
	FUZZ_CHECK(n >= 1 && n <= lim.cols_max, "%d cells", n);
	for (i = 0; i < n; i++) {
		size_t len = strlen(cells[i]);

		FUZZ_CHECK(len <= lim.cell_max, "a cell of %zu bytes", len);
		FUZZ_CHECK(fuzz_utf8_valid(cells[i], len, 0), "cell %d of row %ld is not UTF-8: %s",
		    i, row, fuzz_quote(cells[i]));
	}
	s->last = row;
	s->rows++;
	FUZZ_CHECK(s->rows <= lim.rows_max, "%ld rows", s->rows);
	return MC_OK;
}

/* Write an archive of the workbook, the sheet and (if strings) the shared strings. */
static void
write_archive(const char *sheet, size_t nsheet, const char *strings, size_t nstrings)
{
	zip_source_t *src;
	zip_t *z = zip_open(xlsx_path, ZIP_CREATE | ZIP_TRUNCATE, NULL);

	if (z == NULL)
		abort();
	if ((src = zip_source_buffer(z, WB, strlen(WB), 0)) == NULL ||
	    zip_file_add(z, "xl/workbook.xml", src, 0) < 0 ||
	    (src = zip_source_buffer(z, RELS, strlen(RELS), 0)) == NULL ||
	    zip_file_add(z, "xl/_rels/workbook.xml.rels", src, 0) < 0 ||
	    (src = zip_source_buffer(z, sheet, nsheet, 0)) == NULL ||
	    zip_file_add(z, "xl/worksheets/sheet1.xml", src, 0) < 0 ||
	    (strings != NULL && ((src = zip_source_buffer(z, strings, nstrings, 0)) == NULL ||
	    zip_file_add(z, "xl/sharedStrings.xml", src, 0) < 0)) || zip_close(z) != 0)
		abort();
}

static void
read_checked(const void *data, size_t size)
{
	struct seen s = { 0, 0 };
	struct mc_error err;
	int rc;

	mc_error_clear(&err);
	rc = xlsx_read_mem(data, size, "fuzz.xlsx", &lim, check_row, &s, &err);
	if (rc != MC_OK) {
		FUZZ_CHECK(rc > MC_OK && rc < MC_NCODES && err.code == rc, "returned %d, err %d", rc,
		    err.code);
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
	}
}

/* Import the archive at xlsx_path: all or nothing. */
static void
import_checked(void)
{
	struct fuzz_snapshot after;
	struct catalog_import_result res;
	struct mc_error err;
	sqlite3 *db = store_db(st);
	const char *diff;
	int rc;

	mc_error_clear(&err);
	rc = catalog_import_file(st, xlsx_path, "fuzz", &res, &err);
	FUZZ_CHECK(sqlite3_get_autocommit(db), "the import left a transaction open");
	fuzz_snapshot_take(db, &after);
	if (rc != MC_OK) {
		FUZZ_CHECK(rc > MC_OK && rc < MC_NCODES && err.msg[0] != '\0', "refused (%d) without a message", rc);
		diff = fuzz_snapshot_diff(&saved, &after, NULL);
		FUZZ_CHECK(diff == NULL, "a refused import (%s) changed table %s", err.msg, diff);
		return;
	}
	FUZZ_CHECK(res.read == res.added + res.renamed + res.unchanged && res.read > 0,
	    "read %d: %d new, %d renamed, %d unchanged", res.read, res.added, res.renamed,
	    res.unchanged);
	fuzz_store_restore(db, &saved, &after);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rest, *nul;
	size_t n;

	if (size == 0)
		return 0;
	rest = (const char *)data + 1;
	n = size - 1;
	if ((data[0] & 1) == 0) {
		read_checked(rest, n);
		return 0;
	}
	nul = memchr(rest, '\0', n);
	write_archive(rest, nul != NULL ? (size_t)(nul - rest) : n, nul != NULL ? nul + 1 : NULL,
	    nul != NULL ? n - (size_t)(nul - rest) - 1 : 0);
	{
		FILE *fp = fopen(xlsx_path, "rb");
		long len;
		char *buf;

		if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0)
			abort();
		rewind(fp);
		if ((buf = malloc((size_t)len + 1)) == NULL || fread(buf, 1, (size_t)len, fp) != (size_t)len)
			abort();
		fclose(fp);
		read_checked(buf, (size_t)len);
		free(buf);
	}
	import_checked();
	return 0;
}
