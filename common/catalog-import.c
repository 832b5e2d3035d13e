/* catalog-import.c -- a catalogue import from start to end (catalog_import_file,
 * catalog_import; see catalog.h).
 *
 * The file's content says which reader takes it: the portal's .xlsx export (a ZIP
 * archive) catalog-xlsx.c, anything else the CSV reader of catalog.c.  A reader
 * checks every line and writes nothing; when all are good, this file writes them in
 * one transaction (a CSV's procedure replaces the one of its code; the portal's list
 * adds or renames, catalog_xlsx_write), with the audit row "catalog.import" and the
 * catalogue's new version: the time and a hash of the file (catalog_version_set in
 * catalog-admin.c keeps it).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "catalog.h"
#include "catalog-int.h"
#include "store.h"

/* FNV-1a over the file's bytes: which file it was, not a secret. */
static uint32_t
file_hash(const char *path)
{
	unsigned char buf[8192];
	uint32_t h = 2166136261u;
	size_t n, i;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		return 0;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		for (i = 0; i < n; i++)
			h = (h ^ buf[i]) * 16777619u;
	fclose(fp);
	return h;
}

/* Inside the import's transaction: the audit row, and the catalogue version made from
 * the time and the file's content, recorded in the settings and in res->version. */
static int
record(struct store *st, const char *path, const char *actor,
    struct catalog_import_result *res, struct mc_error *err)
{
	char now[MC_TIME_BUF], detail[600];
	const char *base = strrchr(path, '/');
	int rc;

	base = base != NULL ? base + 1 : path;
	mc_time_format(mc_now(), now);
	snprintf(res->version, sizeof res->version, "%s %08x", now, (unsigned)file_hash(path));
	snprintf(detail, sizeof detail, "%s: %d (%d new, %d renamed); version %s", path,
	    res->read, res->added, res->renamed, res->version);
	if ((rc = audit_log(st, actor, "catalog.import", detail, err)) != MC_OK)
		return rc;
	return catalog_version_set(st, res->version, base, err);
}

/* Write every procedure of im with write, and record the import, in one transaction. */
static int
commit(struct store *st, const struct import *im, const char *path, const char *actor,
    catalog_write_fn *write, struct catalog_import_result *res, struct mc_error *err)
{
	int rc, i;

	if ((rc = store_begin(st, err)) != MC_OK)
		return rc;
	for (i = 0; i < im->n; i++)
		if ((rc = write(st, &im->procs[i], res, err)) != MC_OK)
			goto fail;
	res->read = im->n;
	if ((rc = record(st, path, actor, res, err)) != MC_OK ||
	    (rc = store_commit(st, err)) != MC_OK)
		goto fail;
	return MC_OK;
fail:
	store_rollback(st);
	return rc;
}

/* A CSV's procedure replaces the one of its code. */
static int
replace_one(struct store *st, const struct procedure *p, struct catalog_import_result *res,
    struct mc_error *err)
{
	res->added++;
	return catalog_write_procedure(st, p, err);
}

int
catalog_import_file(struct store *st, const char *path, const char *actor,
    struct catalog_import_result *res, struct mc_error *err)
{
	struct catalog_import_result local;
	struct import im;
	catalog_write_fn *write = replace_one;
	unsigned char magic[4] = { 0 };
	FILE *fp;
	size_t n = 0;
	int rc;

	if (res == NULL)
		res = &local;
	memset(res, 0, sizeof *res);
	if (actor == NULL)
		actor = "";
	/* A .xlsx is a ZIP archive: "PK\3\4". */
	if ((fp = fopen(path, "rb")) != NULL) {
		n = fread(magic, 1, sizeof magic, fp);
		fclose(fp);
	}
	if (n == 4 && memcmp(magic, "PK\3\4", 4) == 0) {
		rc = catalog_xlsx_read(path, &im, err);
		write = catalog_xlsx_write;
	} else
		rc = catalog_csv_read(path, &im, err);
	if (rc == MC_OK)
		rc = commit(st, &im, path, actor, write, res, err);
	catalog_import_free(&im);
	return rc;
}

int
catalog_import(struct store *st, const char *path, const char *actor, int *count,
    struct mc_error *err)
{
	struct catalog_import_result res;
	int rc = catalog_import_file(st, path, actor, &res, err);

	*count = rc == MC_OK ? res.read : 0;
	return rc;
}
