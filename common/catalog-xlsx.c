/* catalog-xlsx.c -- reading the portal's list of procedures, the .xlsx file its
 * procedure search exports ("DANH SÁCH THỦ TỤC HÀNH CHÍNH"), for an import
 * (catalog-import.c writes what is read here with catalog_xlsx_write); see catalog.h.
 *
 * The sheet has a title, then a header row (row 2 in the portal's export; any of the
 * first HEADER_ROWS rows here) naming its columns: Mã số, Tên, Cơ quan ban hành, Cơ
 * quan thực hiện (several agencies on separate lines of the cell), Lĩnh vực.  Columns
 * are found by their folded names, in any order; a name's leading "Thủ tục" is left
 * out, as in the shipped catalogue.  The list gives no time, fee or
 * documents: a procedure new here comes with time 0 working days and fee 0, both
 * flagged to verify, and with its agencies; a procedure already here only takes the
 * list's name (and its field, when it had none).  As with a CSV, every row is checked
 * before anything is written, a bad row names its row number, and one bad row (or a
 * file xlsx.c refuses) means nothing is written.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "catalog.h"
#include "catalog-int.h"
#include "i18n.h"
#include "store.h"
#include "text.h"
#include "xlsx.h"

#define HEADER_ROWS 10		/* rows that may come before the header */
#define ROWS_MAX 20000		/* a province lists a few thousand procedures */
#define TEXT_MAX 2000		/* bytes of a name, a field or the agencies */
#define SOURCE_MAX 300

enum xcol { X_CODE, X_NAME, X_FIELD, X_AGENCY, X_ISSUER, NXCOLS };

/* Folded header names of each column; the first of each is the portal's. */
static const char *const header_names[NXCOLS][4] = {
	[X_CODE] = { "ma so", "ma thu tuc", "ma tthc", NULL },
	[X_NAME] = { "ten", "ten thu tuc", "ten tthc", NULL },
	[X_FIELD] = { "linh vuc", NULL },
	[X_AGENCY] = { "co quan thuc hien", NULL },
	[X_ISSUER] = { "co quan ban hanh", NULL },
};

struct xl {
	struct import im;
	const char *base;	/* the file's name, for the rows' source */
	int col[NXCOLS];	/* -1 until the header is found */
	long header;		/* its row, 0 before */
	int rows_before;	/* non-empty rows before the header */
};

/* The column of header h, or -1. */
static int
header_col(const char *h)
{
	char *f = text_fold(h);
	char *t;
	int c, k, found = -1;

	if (f == NULL)
		return -1;
	for (t = f + strlen(f); t > f && (t[-1] == ' ' || t[-1] == ':' || t[-1] == '*'); t--)
		t[-1] = '\0';
	for (c = 0; c < NXCOLS && found < 0; c++)
		for (k = 0; header_names[c][k] != NULL; k++)
			if (strcmp(f, header_names[c][k]) == 0)
				found = c;
	free(f);
	return found;
}

/* Is this row the header?  Then note where each column is. */
static int
find_header(struct xl *x, long row, const char *const *cells, int n)
{
	int i, c, col[NXCOLS];

	for (c = 0; c < NXCOLS; c++)
		col[c] = -1;
	for (i = 0; i < n; i++)
		if ((c = header_col(cells[i])) >= 0 && col[c] < 0)
			col[c] = i;
	if (col[X_CODE] < 0 || col[X_NAME] < 0)
		return 0;
	memcpy(x->col, col, sizeof col);
	x->header = row;
	return 1;
}

/* A cell's text, trimmed, NFC, its line breaks joined by sep ("" if the column is
 * absent); NULL with a complaint when it is not text, or on no memory. */
static char *
cell_text(struct xl *x, long row, const char *const *cells, int n, enum xcol c,
    const char *sep, const char *what)
{
	const char *raw = x->col[c] >= 0 && x->col[c] < n ? cells[x->col[c]] : "";
	char *out, *nfc;
	const char *p;
	size_t len = 0, cap = strlen(raw) * (strlen(sep) + 1) + 1;

	if (!text_valid(raw, strlen(raw))) {
		catalog_bad(&x->im, (int)row, _("the %s has control characters"), what);
		return NULL;
	}
	if (strlen(raw) > TEXT_MAX) {
		catalog_bad(&x->im, (int)row, _("the %s is longer than %d bytes"), what, TEXT_MAX);
		return NULL;
	}
	if ((out = malloc(cap)) == NULL) {
		x->im.nomem = 1;
		return NULL;
	}
	/* Lines, each trimmed, the empty ones dropped, joined by sep. */
	for (p = raw; *p != '\0'; ) {
		size_t k = strcspn(p, "\r\n");
		char *line = catalog_dup_trim(p, k);

		if (line == NULL) {
			free(out);
			x->im.nomem = 1;
			return NULL;
		}
		if (line[0] != '\0')
			len += (size_t)snprintf(out + len, cap - len, "%s%s", len > 0 ? sep : "", line);
		free(line);
		p += k;
		while (*p == '\r' || *p == '\n')
			p++;
	}
	out[len] = '\0';
	/* The store's one rule for text (no tab, no C0 or C1 control) on the joined text. */
	if (!text_storable(out, TEXT_LINE)) {
		free(out);
		catalog_bad(&x->im, (int)row, _("the %s has control characters"), what);
		return NULL;
	}
	nfc = text_nfc(out);
	free(out);
	if (nfc == NULL)
		x->im.nomem = 1;
	return nfc;
}

/* The portal names some procedures "Thủ tục đăng ký khai sinh", most without the word:
 * the catalogue leaves it out ("Đăng ký khai sinh"), so that a name is the same
 * whoever published it.  name is changed in place. */
static void
drop_thu_tuc(char *name)
{
	static const char word[] = "Thủ tục ";
	int32_t cp;
	char up[4];
	int k;
	size_t len = strlen(word);

	if (strncmp(name, word, len) != 0 || name[len] == '\0')
		return;
	memmove(name, name + len, strlen(name + len) + 1);
	/* Its first letter in capitals, when that takes the same bytes (Vietnamese does). */
	if ((k = text_next(name, SIZE_MAX, &cp)) > 0 && text_put(utf8proc_toupper(cp), up) == (size_t)k)
		memcpy(name, up, (size_t)k);
}

/* The source of a new row: the issuing body and the file. */
static char *
row_source(struct xl *x, const char *issuer)
{
	char *s = malloc(SOURCE_MAX + 1);

	if (s == NULL)
		return NULL;
	snprintf(s, SOURCE_MAX + 1, "%s%s%s", issuer, issuer[0] != '\0' ? "; " : "", x->base);
	text_cut_end(s);
	return s;
}

static int
row_read(long row, const char *const *cells, int n, void *ctx)
{
	struct xl *x = ctx;
	struct procedure p;
	char *code, *issuer, buf[VALUE_SHOWN + 4];
	int before = x->im.nbad, i;

	if (x->header == 0) {
		if (!find_header(x, row, cells, n) && ++x->rows_before >= HEADER_ROWS)
			return MC_ECSV;	/* told by the caller */
		return MC_OK;
	}
	memset(&p, 0, sizeof p);
	p.cutoff = -1;
	p.fee_online = -1;
	p.unit = TU_WORKING_DAYS;
	p.verify = CATALOG_VERIFY_TIME | CATALOG_VERIFY_FEE;
	if ((code = cell_text(x, row, cells, n, X_CODE, " ", _("code"))) != NULL) {
		if (catalog_code_parse(code, p.code, p.agency_code) != MC_OK)
			catalog_bad(&x->im, (int)row, _("the code \"%s\" is not like 1.001193 (or 1.004873.000.00.00.H14)"),
			    catalog_shorten(code, buf));
		else if ((i = catalog_import_find(&x->im, p.code)) >= 0)
			catalog_bad(&x->im, (int)row, _("the code %s is already on line %d"), p.code,
			    x->im.lines[i]);
		free(code);
	}
	if ((p.name = cell_text(x, row, cells, n, X_NAME, " ", _("name"))) != NULL) {
		drop_thu_tuc(p.name);
		if (p.name[0] == '\0')
			catalog_bad(&x->im, (int)row, _("the name is empty"));
	}
	p.field = cell_text(x, row, cells, n, X_FIELD, " ", _("field"));
	p.agency = cell_text(x, row, cells, n, X_AGENCY, "; ", _("agency"));
	if ((issuer = cell_text(x, row, cells, n, X_ISSUER, "; ", _("issuing body"))) != NULL) {
		if ((p.source = row_source(x, issuer)) == NULL)
			x->im.nomem = 1;
		free(issuer);
	}
	p.fee_rule = strdup("");
	if (x->im.nbad > before || x->im.nomem || p.name == NULL || p.field == NULL ||
	    p.agency == NULL || p.source == NULL || p.fee_rule == NULL) {
		if (p.fee_rule == NULL)
			x->im.nomem = 1;
		procedure_free(&p);
		return x->im.nomem ? MC_ENOMEM : MC_OK;
	}
	catalog_import_add(&x->im, &p, (int)row);
	return x->im.nomem ? MC_ENOMEM : MC_OK;
}

int
catalog_xlsx_write(struct store *st, const struct procedure *p, struct catalog_import_result *res,
    struct mc_error *err)
{
	sqlite3_stmt *s;
	char *name = NULL, *field = NULL, *folded;
	int rc;

	if ((rc = store_prepare(st, "SELECT name, field FROM procedure WHERE code = ?1",
	    &s, err)) != MC_OK)
		return rc;
	sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		name = store_col_dup(s, 0);
		field = store_col_dup(s, 1);
		if (name == NULL || field == NULL)
			rc = SQLITE_NOMEM;
	}
	if ((rc = store_reset(st, s, rc, err)) != MC_OK || name == NULL) {
		free(name);
		free(field);
		if (rc != MC_OK)
			return rc;
		res->added++;	/* not in the catalogue yet */
		return catalog_write_procedure(st, p, err);
	}
	rc = MC_OK;
	if (strcmp(name, p->name) != 0 || (field[0] == '\0' && p->field[0] != '\0')) {
		strcmp(name, p->name) != 0 ? res->renamed++ : res->unchanged++;
		if ((folded = catalog_folded(p->code, p->name)) == NULL)
			rc = mc_fail(err, MC_ENOMEM, NULL);
		else if ((rc = store_prepare(st, "UPDATE procedure SET name = ?2, folded = ?3, "
		    "field = CASE WHEN field = '' THEN ?4 ELSE field END WHERE code = ?1", &s,
		    err)) == MC_OK) {
			sqlite3_bind_text(s, 1, p->code, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, p->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, folded, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 4, p->field, -1, SQLITE_STATIC);
			rc = store_step_done(st, s, err);
		}
		free(folded);
	} else
		res->unchanged++;
	free(name);
	free(field);
	return rc;
}

int
catalog_xlsx_read(const char *path, struct import *im, struct mc_error *err)
{
	struct xlsx_limits lim;
	struct xl x;
	int rc, i;

	memset(&x, 0, sizeof x);
	for (i = 0; i < NXCOLS; i++)
		x.col[i] = -1;
	x.base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	xlsx_limits_default(&lim);
	lim.rows_max = ROWS_MAX;
	rc = xlsx_read_file(path, x.base, &lim, row_read, &x, err);
	if (rc == MC_ECSV || (rc == MC_OK && x.header == 0))
		rc = mc_fail(err, MC_ECSV, _("%s: nothing was imported: no header row with the columns "
		    "Mã số and Tên (and Lĩnh vực, Cơ quan thực hiện) in its first %d rows; is it the "
		    "portal's list of procedures?"), x.base, HEADER_ROWS);
	else if (rc == MC_ENOMEM || x.im.nomem)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	else if (rc != MC_OK)
		rc = mc_fail(err, rc, _("%s; nothing was imported"), err != NULL ? err->msg : "");
	else if (x.im.nbad > 0)
		rc = catalog_import_fail(&x.im, MC_ECSV, path, err);
	else if (x.im.n == 0)
		rc = mc_fail(err, MC_ECSV, _("%s has a header but no procedures"), path);
	*im = x.im;	/* the caller's now */
	return rc;
}
