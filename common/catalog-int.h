/* catalog-int.h -- what the catalogue's own files share (catalog.c, catalog-find.c,
 * catalog-xlsx.c, catalog-admin.c, catalog-import.c); not for the rest of libmotcua,
 * which uses catalog.h.
 *
 * An import's reader (catalog_csv_read, catalog_xlsx_read) collects procedures and
 * complaints in a struct import; catalog-import.c then writes them in one transaction,
 * each with the reader's catalog_write_fn, and records what it did (the audit row and
 * the catalogue's new version).
 */
#ifndef MC_CATALOG_INT_H
#define MC_CATALOG_INT_H

#include <sqlite3.h>

#include "catalog.h"

#define IMPORT_SHOWN 10		/* bad lines quoted in the error message */
#define SHOWN_MAX 120		/* bytes of one quoted message */
#define VALUE_SHOWN 32		/* bytes of a bad value quoted in a message */
#define FEE_MAX 1000000000L	/* one billion đồng: anything above is a typing error */

/* The columns of table procedure that catalog_row_load() reads, in its order. */
#define PROCEDURE_SELECT "SELECT code, name, field, time_value, time_unit, cutoff, fee, " \
	"fee_rule, linked_group, agency, folded, fee_online, verify, source, agency_code " \
	"FROM procedure "

/* The state of one import: the procedures read so far and the complaints. */
struct import {
	struct procedure *procs;	/* owned, n of them */
	int *lines;			/* line (or row) of each procedure */
	int n, cap;
	int nbad;			/* bad lines' messages, all of them */
	char shown[IMPORT_SHOWN][SHOWN_MAX];
	int nomem;
};

/* Note a bad line: counted always, quoted while there is room. */
void catalog_bad(struct import *im, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The complaints as one message in err ("FILE: nothing was imported, N error(s): ...");
 * returns code. */
int catalog_import_fail(struct import *im, int code, const char *path, struct mc_error *err);
/* Append *p (taking what it owns; *p is emptied) read at line; on no memory p is
 * freed and im->nomem set. */
void catalog_import_add(struct import *im, struct procedure *p, int line);
/* The index of code among the procedures read so far, or -1. */
int catalog_import_find(const struct import *im, const char *code);
void catalog_import_free(struct import *im);

/* Write one procedure of an import (inside its transaction), counting it in res. */
typedef int catalog_write_fn(struct store *st, const struct procedure *p,
    struct catalog_import_result *res, struct mc_error *err);

/* Read and check a whole file into *im (zeroed first; the caller's to
 * catalog_import_free(), also after an error): MC_OK when every line is good and there
 * is at least one procedure, else the complaints in err.  Nothing is written. */
int catalog_csv_read(const char *path, struct import *im, struct mc_error *err);
/* The same for the portal's .xlsx export (catalog-xlsx.c). */
int catalog_xlsx_read(const char *path, struct import *im, struct mc_error *err);
/* How a procedure of the portal's list is written: added when new here, else only its
 * name (and its field, when it had none) taken (catalog-xlsx.c). */
int catalog_xlsx_write(struct store *st, const struct procedure *p,
    struct catalog_import_result *res, struct mc_error *err);

/* Replace one procedure and its documents (inside a transaction). */
int catalog_write_procedure(struct store *st, const struct procedure *p, struct mc_error *err);
/* The folded "code name" (procedure.folded), or NULL when out of memory. */
char *catalog_folded(const char *code, const char *name);

/* Fill p (zeroed by the caller) from a row of PROCEDURE_SELECT, without documents;
 * MC_OK or MC_ENOMEM (p then holds what was copied, for procedure_free). */
int catalog_row_load(sqlite3_stmt *s, struct procedure *p);

/* Amounts in đồng ("8000", "8.000"), -1 if bad; cut-offs ("15:00"), minutes of the day,
 * -1 for "", -2 if bad. */
long catalog_fee_parse(const char *s);
int catalog_cutoff_parse(const char *s);

/* s[0..n) without its leading and trailing blanks, as a new string (NULL: no memory). */
char *catalog_dup_trim(const char *s, size_t n);
/* A bad value cut to VALUE_SHOWN bytes on a character boundary, for a message. */
const char *catalog_shorten(const char *s, char buf[VALUE_SHOWN + 4]);

#endif
