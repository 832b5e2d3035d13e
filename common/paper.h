/* paper.h -- the forms a counter prints for a dossier: the receipt and appointment,
 * the supplement request, the refusal, the apology and new date, the control slip of
 * hand-overs and the notice of stopping (the tracking book is a report: report.h).
 *
 * Named "paper" rather than "form" because tui/form.h is the console's modal form.
 * Each form is a template in data/forms/<set>/<number>.txt (doc/forms.md: the
 * language, the values, the sets), filled from the dossier's events and laid out
 * as an A4 PDF in the format of Nghị định 30/2020/NĐ-CP (for CUPS), or as text of at
 * most PAPER_WIDTH columns (line printers, files, the screen), with accents or
 * without (PAPER_ASCII, for printers that cannot print Vietnamese).  The forms are
 * legal documents whose wording the circular fixes, so their text is Vietnamese
 * whatever the language of the messages.
 *
 * Sets: setting paper.set names the folder ("2018": Thông tư 01/2018/TT-VPCP, the
 * default; "2025": the numbering reported for the 2025 circular, unconfirmed).  A
 * form is asked for by its kind (enum paper_form); its number ("Mẫu 02") is what the
 * office's set calls it.  Templates are read from setting paper.templates, else
 * $MOTCUA_DATADIR/data/forms, else the installed copy.
 *
 * Drawing: common/paper-pdf.c is the only file of libmotcua that includes cairo,
 * pango and libqrencode; everything else here is plain C over the store.
 */
#ifndef MC_PAPER_H
#define MC_PAPER_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define PAPER_WIDTH 80

struct store;

/* The kinds of form, whatever number the office's set gives them. */
enum paper_form {
	PAPER_RECEIPT = 1,	/* tiếp nhận hồ sơ và hẹn trả kết quả */
	PAPER_SUPPLEMENT = 2,	/* yêu cầu bổ sung: from the last supplement-requested event */
	PAPER_REFUSAL = 3,	/* từ chối: from the rejected event */
	PAPER_APOLOGY = 4,	/* xin lỗi và hẹn lại: from the last extended event */
	PAPER_CONTROL = 5,	/* kiểm soát quá trình giải quyết */
	PAPER_STOP = 6,		/* thông báo dừng giải quyết: from the stopped event */
	PAPER_NFORMS
};

enum paper_format {
	PAPER_TEXT = 0,		/* text, with accents */
	PAPER_ASCII = 1,	/* text without accents: ASCII only */
	PAPER_PDF = 2,		/* A4 PDF */
};
#define PAPER_PLAIN PAPER_ASCII	/* the same flag for text without accents (export.h) */

/* "receipt", "supplement", "refusal", "apology", "control", "stop"; and back (0 when
 * not one). */
const char *paper_kind_name(int form);
int paper_kind_parse(const char *s);

/* The form's number in the office's set (1 for "Mẫu 01"), 0 when the set has none;
 * the kind of a number, 0 when the set has no such form. */
int paper_number(struct store *st, int form);
int paper_form_of(struct store *st, int number);
/* The form's title as its template says it, "" when the set has none. */
void paper_title(struct store *st, int form, char *out, size_t n);
/* "01 receipt, 02 supplement, ..." for the office's set, into out. */
void paper_set_summary(struct store *st, char *out, size_t n);

/* Render form for the dossier code (exact code) into fp in format.  MC_ENOTFOUND for
 * an unknown code or a form the set lacks; MC_EINVAL when the dossier has no event
 * the form is about (no refusal for a refusal form, say) or the template has a
 * mistake, with the reason; MC_EIO when fp fails.  Nothing is written on error. */
int paper_render(struct store *st, const char *code, int form, int format, FILE *fp,
    struct mc_error *err);

/* Render the form into path, whole or not at all (a temporary file renamed). */
int paper_save(struct store *st, const char *code, int form, int format, const char *path,
    struct mc_error *err);

/* 1 when s is a CUPS queue name (letters, digits, - _ . @; no quoting needed). */
int paper_printer_name_ok(const char *s);
/* Send the file at path to printer (NULL: CUPS's default destination) with
 * `lp -s [-d printer]` (no shell); MC_EIO with the reason when lp is missing or
 * refuses the job. */
int paper_lp(const char *printer, const char *path, struct mc_error *err);

/* What paper_issue() did. */
struct paper_issued {
	char path[4096];	/* the file written */
	char printer[128];	/* where it was printed; "" when not */
	int saved, printed;
};

enum paper_issue_how {
	PAPER_ISSUE_OFFICE = 0,		/* save; print when setting printer names one */
	PAPER_ISSUE_SAVE = 1,		/* save only */
	PAPER_ISSUE_DEFAULT = 2,	/* save; print on the office's printer, else CUPS's default */
};

/* Issue a form as the console does: save it as <dir>/<code>-mauNN.pdf (or .txt when
 * setting paper.format is text; unaccented when paper.plain is 1), dir being setting
 * paper.dir or "forms" beside the store (created); then print it as how says.  On an
 * error *out still says what was done (saved but not printed, with the reason). */
int paper_issue(struct store *st, const char *code, int form, int how,
    struct paper_issued *out, struct mc_error *err);

/* "Tân Lập, ngày 07 tháng 12 năm 2026" for day (days under 10 and months 1 and 2 with
 * a leading zero, Nghị định 30/2020); place "" gives dots to write it by hand. */
void paper_date_line(const char *place, int year, int month, int day, char *out, size_t n);

#endif
