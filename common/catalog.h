/* catalog.h -- the procedure catalogue (thủ tục hành chính) an office serves.
 *
 * Imported from a CSV (data/procedures.csv) with the header
 *	code,name,field,time,unit,cutoff,fee,fee_rule,group,agency,documents
 * unit is working-days | days | same-day | hours; cutoff "HH:MM" or empty;
 * fee in đồng (integer); group names a linked set (liên thông) filed together;
 * documents is a ';'-separated list, each item ending in "(bản chính)" [original],
 * "(bản sao)" [copy] or nothing [either], and optionally "xN" for N sets:
 *	Tờ khai đăng ký khai sinh (bản chính); Giấy chứng sinh (bản chính); CCCD (bản sao)
 * (line breaks inside the quoted field separate items too; a longer note such as
 * "(bản sao có chứng thực)" sets the kind and stays in the name).
 * An import is all or nothing: any bad line (reported by number) aborts it.
 */
#ifndef MC_CATALOG_H
#define MC_CATALOG_H

#include "calendar.h"
#include "error.h"

struct store;

struct document {
	char *name;
	enum { DOC_ORIGINAL, DOC_COPY, DOC_EITHER } kind;
	int sets;
};

struct procedure {
	char code[48];
	char *name;
	char *field;
	int time_value;
	enum time_unit unit;
	int cutoff;		/* minutes of day, -1 = office default */
	long fee;
	char *fee_rule;
	char *group;		/* NULL when not linked */
	char *agency;
	struct document *docs;
	int ndocs;
};

void procedure_free(struct procedure *p);

/* Import path (see above); *count gets the number of procedures.  Writes in its own
 * transaction (with an audit row), so call it outside one. */
int catalog_import(struct store *st, const char *path, const char *actor, int *count,
    struct mc_error *err);

/* Look one up by its exact code; MC_ENOTFOUND if absent.  *out is the caller's to
 * procedure_free(), also after an error (it is then empty). */
int catalog_get(struct store *st, const char *code, struct procedure *out,
    struct mc_error *err);

/* Call fn for each procedure whose folded code or name contains every folded word of
 * query (all when query is NULL or ""), in code order, at most limit (0 = all).
 * fn gets a procedure valid during the call (docs not loaded); nonzero stops.
 * fn may call other catalogue functions (catalog_get, say). */
int catalog_each(struct store *st, const char *query, int limit,
    int (*fn)(const struct procedure *p, void *ctx), void *ctx, struct mc_error *err);

/* The codes of the procedures of a linked group, in catalogue order (the order of
 * the file that last imported them: the first one leads the group). */
int catalog_group(struct store *st, const char *group,
    int (*fn)(const struct procedure *p, void *ctx), void *ctx, struct mc_error *err);

const char *document_kind_name(int kind);	/* "original", "copy", "either" */

#endif
