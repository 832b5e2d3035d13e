/* catalog.h -- the procedure catalogue (thủ tục hành chính) an office serves.
 *
 * Imported from a CSV (data/procedures.csv) with the header
 *	code,name,field,time,unit,cutoff,fee,fee_online,fee_rule,group,agency,verify,source,documents
 * (fee_online, verify and source may be left out: older files have the other eleven);
 * code is the national code d.dddddd, or a local variant d.dddddd.<agency code>
 * ("2.000815.000.00.00.H55"), which is stored as the national code plus its agency
 * (catalog_code_parse: a code is recognised so wherever it is typed or imported);
 * unit is working-days | days | same-day | hours; cutoff "HH:MM" or empty;
 * fee in đồng (integer) at the counter, fee_online for a dossier filed online when it
 * differs (empty: the same); verify lists what is still to confirm ("time", "fee",
 * "documents"): such a value is shown "to verify" and a due date computed from it says
 * so; source says where the row comes from ("QĐ 163/QĐ-BTP; dichvucong.gov.vn");
 * group names a linked set (liên thông) filed together;
 * documents is a ';'-separated list, each item ending in "(bản chính)" [original],
 * "(bản sao)" [copy] or nothing [either], and optionally "xN" for N sets:
 *	Tờ khai đăng ký khai sinh (bản chính); Giấy chứng sinh (bản chính); CCCD (bản sao)
 * (line breaks inside the quoted field separate items too; a longer note such as
 * "(bản sao có chứng thực)" sets the kind and stays in the name).
 * An import is all or nothing: any bad line (reported by number) aborts it.
 *
 * The province's own list comes as the portal's .xlsx export ("DANH SÁCH THỦ TỤC HÀNH
 * CHÍNH": Mã số, Tên, Cơ quan ban hành, Cơ quan thực hiện, Lĩnh vực; catalog-xlsx.c):
 * it has no time, fee or documents, so its new procedures come flagged "to verify"
 * for time and fee, and the procedures already here only take its names.
 *
 * Every import records the catalogue's version (settings catalog.version and
 * catalog.source); each dossier keeps the version it was received under.
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

#define CATALOG_CODE_MAX 48	/* bytes of a procedure code, with the NUL */

/* What a procedure's published detail did not settle (struct procedure.verify). */
enum {
	CATALOG_VERIFY_TIME = 1,	/* the processing time */
	CATALOG_VERIFY_FEE = 2,		/* the fee (either channel) */
	CATALOG_VERIFY_DOCS = 4,	/* the list of documents */
};

struct procedure {
	char code[CATALOG_CODE_MAX];	/* the national code, d.dddddd */
	char agency_code[CATALOG_CODE_MAX];	/* a local variant's agency, or "" */
	char *name;
	char *field;
	int time_value;
	enum time_unit unit;
	int cutoff;		/* minutes of day, -1 = office default */
	long fee;		/* đồng, at the counter (and by post) */
	long fee_online;	/* đồng, filed online; -1 = as at the counter */
	char *fee_rule;
	char *group;		/* NULL when not linked */
	char *agency;
	int verify;		/* CATALOG_VERIFY_* still to confirm */
	char *source;		/* where the row comes from; "" if unknown */
	struct document *docs;
	int ndocs;
};

void procedure_free(struct procedure *p);

/* The fee of a dossier filed through channel ("counter", "postal", "online"; NULL =
 * counter). */
long procedure_fee(const struct procedure *p, const char *channel);

/* Read a procedure code as typed or imported: "1.001193", or a local variant
 * "2.000815.000.00.00.H55" (any case, blanks around it).  code gets the national
 * code, agency the variant's agency code upper-cased ("" when none); MC_EINVAL if it
 * is not a procedure code. */
int catalog_code_parse(const char *in, char code[CATALOG_CODE_MAX],
    char agency[CATALOG_CODE_MAX]);

/* The flags as words, "time fee" ("" for none), into buf; returns buf. */
const char *catalog_verify_words(int flags, char *buf, size_t n);
/* Words "time", "fee", "documents" (spaces or commas between) as flags; -1 if one is
 * unknown. */
int catalog_verify_parse(const char *s);
/* The flags in words for people ("time, fee"), translated, into buf; returns buf. */
const char *catalog_verify_text(int flags, char *buf, size_t n);

/* What an import did. */
struct catalog_import_result {
	int read;		/* procedures in the file */
	int added;		/* new here */
	int renamed;		/* .xlsx: already here, with another name */
	int unchanged;		/* .xlsx: already here, same name */
	char version[64];	/* the catalogue's version now (catalog.version) */
};

/* Import path, a CSV or the portal's .xlsx export (by its content, see above;
 * catalog-import.c); res (may be NULL) says what happened.  Writes in its own
 * transaction (with an audit row and the new catalogue version), so call it outside
 * one. */
int catalog_import_file(struct store *st, const char *path, const char *actor,
    struct catalog_import_result *res, struct mc_error *err);
/* The same; *count gets the number of procedures read. */
int catalog_import(struct store *st, const char *path, const char *actor, int *count,
    struct mc_error *err);

/* Look one up by its code (a local variant's finds its national procedure);
 * MC_ENOTFOUND if absent.  *out is the caller's to
 * procedure_free(), also after an error (it is then empty). */
int catalog_get(struct store *st, const char *code, struct procedure *out,
    struct mc_error *err);

/* Call fn for each procedure whose folded code or name contains every folded word of
 * query (all when query is NULL or ""), in code order, at most limit (0 = all).
 * fn gets a procedure valid during the call (docs not loaded); nonzero stops.
 * fn may call other catalogue functions (catalog_get, say). */
int catalog_each(struct store *st, const char *query, int limit,
    int (*fn)(const struct procedure *p, void *ctx), void *ctx, struct mc_error *err);

/* What catalog_list() lists: every field may be NULL or 0 (no condition). */
struct catalog_filter {
	const char *query;	/* words of the code or name, as catalog_each() */
	const char *field;	/* words of the field (lĩnh vực), folded: "ho tich" */
	int to_verify;		/* 1: only those with something to verify */
};
/* Call fn for each procedure the filter keeps, in code order (docs not loaded). */
int catalog_list(struct store *st, const struct catalog_filter *f,
    int (*fn)(const struct procedure *p, void *ctx), void *ctx, struct mc_error *err);

/* The procedure picker at the counter (catalog-find.c): the procedures matching query,
 * best first, at most limit (0 = all).  Each word of the query must match: words of
 * the name or the field with or without accents ("ket hon", "hộ tịch"), a code or a
 * variant code, or the last digits of a code ("1193" finds 1.001193).  A code typed
 * in full comes first, then codes ending with the digits typed; then the office's
 * most used procedures (dossiers received), then names where the words start words,
 * then code order.  An empty query lists every procedure, most used first.  fn gets
 * a procedure valid during the call (docs not loaded) and the number of dossiers the
 * office received for it; nonzero stops. */
int catalog_find(struct store *st, const char *query, int limit,
    int (*fn)(const struct procedure *p, int uses, void *ctx), void *ctx,
    struct mc_error *err);
/* The one procedure query names: its code, a variant's, or words only one procedure
 * matches (a code typed in full wins over names that contain it).  code gets it;
 * MC_ENOTFOUND when nothing matches, MC_EINVAL (naming two of them) when several do. */
int catalog_find_one(struct store *st, const char *query, char code[CATALOG_CODE_MAX],
    struct mc_error *err);

/* The catalogue's version (catalog-admin.c): the setting catalog.version, "" when no
 * import recorded one; the hub's sync sets it with catalog_version_set() when it
 * brings the province's catalogue (inside the caller's transaction). */
void catalog_version(struct store *st, char version[64]);
int catalog_version_set(struct store *st, const char *version, const char *source,
    struct mc_error *err);

/* An administrator confirms what was to verify (catalog-admin.c): the values given
 * replace the procedure's, and their flags are cleared; audited.  time_value < 0
 * leaves the time as it is (and its flag), fee < 0 the fees likewise; fee_online < 0
 * with a fee given means "as at the counter". */
struct catalog_confirm {
	int time_value;
	enum time_unit unit;
	int cutoff;		/* same-day: minutes of day, -1 = office default */
	long fee, fee_online;
	int documents;		/* 1: the documents are confirmed as they are */
};
void catalog_confirm_init(struct catalog_confirm *c);
int catalog_confirm(struct store *st, const char *code, const struct catalog_confirm *c,
    const char *actor, struct mc_error *err);

/* What a dossier's intake recorded of the catalogue: the version it was received
 * under ("" if none was recorded) and the CATALOG_VERIFY_* flags its procedure had
 * then (its due date or fee was computed from a value still to verify). */
int catalog_dossier_info(struct store *st, const char *dossier_code, char version[64],
    int *verify, struct mc_error *err);

/* The codes of the procedures of a linked group, in catalogue order (the order of
 * the file that last imported them: the first one leads the group). */
int catalog_group(struct store *st, const char *group,
    int (*fn)(const struct procedure *p, void *ctx), void *ctx, struct mc_error *err);

const char *document_kind_name(int kind);	/* "original", "copy", "either" */

#endif
