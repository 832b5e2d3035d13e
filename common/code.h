/* code.h -- the dossier code (mã hồ sơ) and the personal ID number (số định danh).
 *
 * Dossier code, Thông tư 01/2018 Điều 19: <agency>-<YYMMDD>-<NNNN>, for example
 * 000.17.22.H56-210531-0001.  Agency codes are QCVN 102:2016 "ddd.dd.dd.Hdd" or the
 * 2020 form "Hdd.dd.dd.dd"; any other agency code an office is configured with is
 * accepted as is.  The sequence NNNN counts dossiers of one office on one day.
 *
 * code_parse() reads what a citizen types: any case, spaces, dashes, dots, slashes,
 * underscores or nothing between the parts, letter O for zero and I or l for one in
 * digit places, a leading "HS", "MA HS", "HO SO" or "MA HO SO" (ASCII: callers fold
 * Vietnamese first), and only "<YYMMDD>-<NNNN>" when the office (default_agency) is
 * known.  Input longer than 200 bytes is refused.
 */
#ifndef MC_CODE_H
#define MC_CODE_H

#include "error.h"
#include "mctime.h"

#define CODE_MAX 64		/* bytes, with the NUL */

struct store;

/* Write the canonical code for agency, day and sequence (1..9999). */
int code_format(const char *agency, mc_day day, int seq, char out[CODE_MAX]);

/* Take the next code of agency for day.  Must run inside store_begin/commit, which
 * makes it safe under concurrent writers (MC_EINTERNAL outside one).  MC_EINVAL past
 * 9999 in a day, and nothing is changed then. */
int code_next(struct store *st, const char *agency, mc_day day, char out[CODE_MAX],
    struct mc_error *err);

/* Parse input leniently into the canonical code.  default_agency may be NULL or "".
 * MC_EINVAL (err says why) when it is not a dossier code. */
int code_parse(const char *input, const char *default_agency, char out[CODE_MAX],
    struct mc_error *err);

/* Split a canonical code; any out pointer may be NULL. */
int code_split(const char *code, char agency[CODE_MAX], mc_day *day, int *seq);

/* Is agency a well-formed agency code (either form, or 2..40 of [A-Z0-9.])? */
int code_agency_valid(const char *agency);

/* Personal ID number (CCCD): 12 digits = province of birth (3) + century/sex (1) +
 * year of birth (2) + 6 digits. */
struct idno_info {
	int province;		/* 1..96 */
	int female;		/* 0 male, 1 female */
	int birth_year;		/* e.g. 1987 */
};
/* MC_OK when id is a valid number (info may be NULL); MC_EINVAL with a reason. */
int idno_validate(const char *id, struct idno_info *info, struct mc_error *err);

#endif
