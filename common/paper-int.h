/* paper-int.h -- what the parts of the forms share inside libmotcua (not installed,
 * not for the front ends): the values a form's template is filled with, the page a
 * template expands to, and the two renderers of a page.
 *
 *	paper.c		a dossier's events -> values (struct pvals)
 *	paper-tmpl.c	template file + values -> page (struct ppage)
 *	paper-text.c	page -> 80-column text (line printers, the screen)
 *	paper-pdf.c	page -> A4 PDF (cairo, pango, libqrencode: the only file that
 *			includes them)
 */
#ifndef MC_PAPER_INT_H
#define MC_PAPER_INT_H

#include <stdio.h>

#include "error.h"

struct store;

/* ---- values: {name} in a template, and lists of rows for @table and @list ---- */

#define PVAL_COLS 8		/* fields of a list's row */

struct plist {
	char *name;			/* "documents" */
	int nkeys;
	char *keys[PVAL_COLS];		/* "no", "name", "form" */
	char **cells;			/* nrows * nkeys */
	int nrows, cap;
};

struct pvals {
	char **names, **values;		/* owned */
	int n, cap;
	struct plist *lists;
	int nlists, lcap;
};

/* Set (a copy of) value; a later value of the same name wins.  Out of memory is
 * fatal (abort): a form is never half-filled. */
void pvals_set(struct pvals *v, const char *name, const char *value);
void pvals_setf(struct pvals *v, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *pvals_get(const struct pvals *v, const char *name);	/* NULL if unset */
/* A new list with the fields keys ("no,name,form"), and a row of it. */
struct plist *pvals_list(struct pvals *v, const char *name, const char *keys);
void plist_add(struct plist *l, const char *const *cells);
const struct plist *pvals_find_list(const struct pvals *v, const char *name);
void pvals_free(struct pvals *v);

/* ---- the page a template expands to: blocks, all text filled in ---- */

enum pblock_kind {
	PB_SPACE,	/* an empty line */
	PB_PARA,	/* a paragraph: wrapped, later lines indented */
	PB_CENTER,	/* centred lines */
	PB_HEADING,	/* the form's title: bold capitals, centred */
	PB_HEADER,	/* the issuing body (left) and the national name and motto (right) */
	PB_DATE,	/* the place and date line, in italics under the motto */
	PB_QR,		/* a QR code of text (PDF only), at the right margin */
	PB_TABLE,	/* a table with a heading row and ruled cells */
	PB_SIGN,	/* two signature blocks side by side */
};

enum pblock_style {
	PS_PLAIN,
	PS_BOLD,
	PS_ITALIC,
};

#define PTABLE_COLS 8

struct pblock {
	enum pblock_kind kind;
	enum pblock_style style;
	char *text;		/* PARA, CENTER, HEADING, DATE, QR; HEADER: the parent body */
	char *text2;		/* HEADER: the issuing body */
	/* TABLE */
	int ncols;
	char *head[PTABLE_COLS];
	int width[PTABLE_COLS];	/* in text columns; the PDF takes them as proportions */
	char **cells;		/* nrows * ncols */
	int nrows;
	/* SIGN: titles and names, left then right ("" for an empty side) */
	char *sign_title[2], *sign_name[2];
};

struct ppage {
	struct pblock *b;
	int n, cap;
	char *title;		/* @title: the form's name, for the PDF's metadata too */
	char *basis;		/* @basis: what the form follows, printed as its footer */
	char *number;		/* "01": the form's number in its set */
};

/* Expand the template of form number in folder dir with values v into *page (the
 * caller frees it with ppage_free, also after an error).  MC_ENOTFOUND when the
 * file is missing, MC_EINVAL naming the file and line of a mistake in it. */
int ptmpl_expand(const char *path, const struct pvals *v, struct ppage *page,
    struct mc_error *err);
/* The @kind and @title of a template file, without expanding it; MC_ENOTFOUND when
 * the file is missing. */
int ptmpl_peek(const char *path, char *kind, size_t nk, char *title, size_t nt);
void ppage_free(struct ppage *page);

/* ---- renderers ---- */

/* The page as text of at most PAPER_WIDTH columns into fp (ascii: without accents,
 * ASCII only).  MC_EIO when fp fails. */
int ppage_text(const struct ppage *page, int ascii, FILE *fp, struct mc_error *err);
/* The page as an A4 PDF into fp; MC_EIO when fp fails or cairo cannot draw. */
int ppage_pdf(const struct ppage *page, FILE *fp, struct mc_error *err);

#endif
