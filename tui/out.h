/* out.h -- how sub-commands print: aligned text for people, TSV and JSON for scripts.
 *
 *	static const char *const cols[] = { "code", "name" };
 *	struct out *o = out_table(c->format, cols, 2);
 *	out_row(o, (const char *[]){ d.code, d.name });
 *	out_end(o);		// prints and frees
 *
 * Text output on a terminal whose locale is not UTF-8 is unaccented (out_init), so an
 * old console shows "Nguyen Van An" rather than garbage.  Text and TSV values never
 * carry a control character raw (text_printable: an Esc that an older version let
 * into the store shows as '?', never obeyed by the terminal); JSON is data and keeps
 * the value exact (jansson writes C0 controls as \u escapes).
 */
#ifndef MC_OUT_H
#define MC_OUT_H

enum out_format {
	OUT_TEXT,
	OUT_TSV,
	OUT_JSON,
};

struct out;

/* Make stdout/stderr safe for the terminal's locale. Call once at start. */
void out_init(void);
int out_format_parse(const char *s);	/* -1 if unknown */

/* A table with ncols columns named by keys (also the header of text and TSV). */
struct out *out_table(enum out_format f, const char *const *keys, int ncols);
/* Add a row of ncols values (copied; NULL is printed as empty / null). */
void out_row(struct out *o, const char *const *vals);
/* Print everything and free o. */
void out_end(struct out *o);

/* One record: text prints "label: value" lines, TSV key<TAB>value lines, JSON an
 * object.  labels may be NULL (the keys are shown). */
void out_record(enum out_format f, const char *const *keys, const char *const *labels,
    const char *const *vals, int n);

#endif
