/* paper.h -- the forms of Thông tư 01/2018/TT-VPCP a counter prints for a dossier:
 * Mẫu 01 (receipt and appointment), 02 (supplement request), 03 (refusal), 04 (apology
 * and new date), 05 (control slip of hand-overs).  (Mẫu 06, the tracking book, is a
 * report: report.h.)
 *
 * Named "paper" rather than "form" because tui/form.h is the console's modal form.
 * A form is plain text, at most PAPER_WIDTH columns, in Vietnamese with diacritics, or
 * unaccented ASCII (PAPER_PLAIN) for old printers.  The forms are legal documents whose
 * wording is fixed by the circular, so their text is Vietnamese whatever the language
 * of the messages.
 */
#ifndef MC_PAPER_H
#define MC_PAPER_H

#include <stdio.h>

#include "error.h"

#define PAPER_WIDTH 80

struct store;

enum paper_form {
	PAPER_RECEIPT = 1,	/* Mẫu 01 */
	PAPER_SUPPLEMENT = 2,	/* Mẫu 02: from the last supplement-requested event */
	PAPER_REFUSAL = 3,	/* Mẫu 03: from the rejected event */
	PAPER_APOLOGY = 4,	/* Mẫu 04: from the last extended event */
	PAPER_CONTROL = 5,	/* Mẫu 05 */
};

enum paper_flags {
	PAPER_PLAIN = 1,	/* unaccented ASCII only */
};

/* Render form for the dossier code (exact code) into fp.  MC_ENOTFOUND for an unknown
 * code; MC_EINVAL when the dossier has no event the form is about (no refusal for a
 * Mẫu 03, say), with the reason; MC_EIO when fp fails.  Nothing is written on error. */
int paper_render(struct store *st, const char *code, int form, int flags, FILE *fp,
    struct mc_error *err);

/* Render the form into path, whole or not at all (a temporary file renamed). */
int paper_save(struct store *st, const char *code, int form, int flags, const char *path,
    struct mc_error *err);

/* 1 when s is a CUPS queue name (letters, digits, - _ . @; no quoting needed). */
int paper_printer_name_ok(const char *s);
/* Send the file at path to printer with `lp -s -d printer` (no shell); MC_EIO with
 * the reason when lp is missing or refuses the job. */
int paper_lp(const char *printer, const char *path, struct mc_error *err);

/* What paper_issue() did. */
struct paper_issued {
	char path[4096];	/* the file written */
	char printer[128];	/* the office's printer, "" when none is set */
	int saved, printed;
};

/* Issue a form as the console does: save it as <dir>/<code>-mauNN.txt, dir being
 * setting paper.dir or "forms" beside the store (created), unaccented when setting
 * paper.plain is 1; then print it when setting printer names one.  On an error *out
 * still says what was done (saved but not printed, with the reason in err). */
int paper_issue(struct store *st, const char *code, int form, struct paper_issued *out,
    struct mc_error *err);

/* The form's title ("GIẤY TIẾP NHẬN HỒ SƠ ..."), NULL for an unknown number. */
const char *paper_title(int form);

#endif
